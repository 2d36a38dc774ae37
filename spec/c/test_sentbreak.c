/* UAX #29 sentence boundaries: the Unicode conformance file, tiling, and
 * invalid UTF-8. */
#include <stdio.h>
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

#define TEST_FILE "/usr/share/unicode/auxiliary/SentenceBreakTest.txt"

/* Runs every line of SentenceBreakTest.txt; returns the number of cases. */
static int conformance(void)
{
  FILE *f = fopen(TEST_FILE, "r");
  char line[4096];
  int cases = 0;
  if (!f) {
    fprintf(stderr, "test_sentbreak: %s missing (Debian's unicode-data)\n", TEST_FILE);
    CHECK(0);
    return 0;
  }
  while (fgets(line, sizeof line, f)) {
    unsigned char text[1024];
    size_t len = 0, expected[256], got[256], pos = 0;
    int ne = 0, ng = 0, ok, k;
    char *p = line;
    if (line[0] == '#') continue;
    while (*p && *p != '#' && len < sizeof text - 4 && ne < 255) {
      if ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0xB7) { /* ÷ */
        expected[ne++] = len;
        p += 2;
      } else if ((unsigned char)p[0] == 0xC3 && (unsigned char)p[1] == 0x97) { /* × */
        p += 2;
      } else if (*p == ' ' || *p == '\t' || *p == '\n') {
        p++;
      } else {
        long cp = strtol(p, &p, 16);
        len += nn_utf8_encode((int32_t)cp, text + len);
      }
    }
    if (ne == 0) continue;
    cases++;
    got[ng++] = 0;
    while (pos < len && ng < 255) {
      pos = nn_sentbreak_next((const char *)text, len, pos);
      got[ng++] = pos;
    }
    ok = ng == ne;
    for (k = 0; ok && k < ng; k++) ok = got[k] == expected[k];
    if (!ok) fprintf(stderr, "SentenceBreakTest failed: %s", line);
    CHECK(ok);
  }
  fclose(f);
  return cases;
}

static size_t count_segments(const char *s, size_t len)
{
  size_t pos = 0, n = 0, prev = 0;
  while (pos < len) {
    pos = nn_sentbreak_next(s, len, pos);
    CHECK(pos > prev && pos <= len);
    prev = pos;
    n++;
  }
  return n;
}

static void test_cases(void)
{
  const char *s = "Mr. Smith left.  He said \"Hi!\" (Twice.)\r\nNew line\n\nEnd. ";
  size_t len = strlen(s);
  CHECK_EQ_SIZE(nn_sentbreak_next(s, len, 0), 4);   /* "Mr. " (SB11 before S) */
  CHECK_EQ_SIZE(nn_sentbreak_next(s, len, 4), 17);  /* "Smith left.  " */
  CHECK_EQ_SIZE(count_segments(s, len), 7);
  CHECK_EQ_SIZE(nn_sentbreak_next(s, len, len), len);
  CHECK_EQ_SIZE(count_segments("", 0), 0);
  /* "etc. the" does not break (SB8); "3.5" does not (SB6) */
  CHECK_EQ_SIZE(count_segments("etc. the end", 12), 1);
  CHECK_EQ_SIZE(count_segments("It is 3.5 now", 13), 1);
  /* invalid bytes are characters of class Other */
  CHECK_EQ_SIZE(count_segments("Bad \xFF\xFE bytes. Next\xE2\x82", 22), 2);
  /* CR LF stays whole */
  CHECK_EQ_SIZE(nn_sentbreak_next("a\r\nb", 4, 0), 3);
}

static void test_linear(void)
{
  size_t n = 1000000, i;
  char *s = malloc(n);
  if (!s) return;
  memset(s, '.', n);
  CHECK_EQ_SIZE(count_segments(s, n), 1);
  for (i = 0; i < n; i++) s[i] = i % 3 == 0 ? '.' : (i % 3 == 1 ? ' ' : '1');
  CHECK(count_segments(s, n) >= 1); /* ". 1. 1" : finishes */
  free(s);
}

int main(void)
{
  int cases = conformance();
  CHECK(cases >= 500);
  test_cases();
  test_linear();
  return ctest_report("test_sentbreak");
}
