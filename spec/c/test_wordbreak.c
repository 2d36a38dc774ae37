/* UAX #29 word boundaries: the official conformance file, the ASCII fast
 * path against the generated tables, ill-formed input, and linear time. */
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

#ifndef WORDBREAK_TEST_FILE
#define WORDBREAK_TEST_FILE "/usr/share/unicode/auxiliary/WordBreakTest.txt"
#endif

/* Runs one line of WordBreakTest.txt ("÷ 0061 × 0062 ÷ ..."); returns 1 when it
 * passes, 0 when it fails, -1 for a comment or blank line. */
static int run_line(const char *line, int lineno)
{
  char text[512];
  size_t len = 0, want[128], nwant = 0, got[128], ngot = 0, p, k;
  const char *c = line;
  while (*c && *c != '#') {
    if ((unsigned char)c[0] == 0xC3 && (unsigned char)c[1] == 0xB7) { /* ÷ */
      if (len > 0) want[nwant++] = len;
      c += 2;
    } else if ((unsigned char)c[0] == 0xC3 && (unsigned char)c[1] == 0x97) { /* × */
      c += 2;
    } else if ((*c >= '0' && *c <= '9') || (*c >= 'A' && *c <= 'F')) {
      char *end;
      long cp = strtol(c, &end, 16);
      len += nn_utf8_encode((int32_t)cp, (unsigned char *)text + len);
      c = end;
    } else {
      c++;
    }
  }
  if (len == 0) return -1;
  for (p = 0; p < len && ngot < 128; p = nn_wordbreak_next(text, len, p)) {
    if (p > 0) got[ngot++] = p;
  }
  got[ngot++] = len;
  if (ngot == nwant) {
    for (k = 0; k < ngot; k++)
      if (got[k] != want[k]) break;
    if (k == ngot) return 1;
  }
  fprintf(stderr, "WordBreakTest.txt:%d: boundaries differ:", lineno);
  for (k = 0; k < ngot; k++) fprintf(stderr, " %zu", got[k]);
  fprintf(stderr, "  (expected");
  for (k = 0; k < nwant; k++) fprintf(stderr, " %zu", want[k]);
  fprintf(stderr, ")\n");
  return 0;
}

static void test_conformance(void)
{
  FILE *f = fopen(WORDBREAK_TEST_FILE, "r");
  char line[4096];
  int lineno = 0, passed = 0, failed = 0;
  CHECK(f != NULL);
  if (!f) return;
  while (fgets(line, sizeof line, f)) {
    int r = run_line(line, ++lineno);
    if (r == 1) passed++;
    if (r == 0) failed++;
  }
  fclose(f);
  printf("WordBreakTest.txt: %d passed, %d failed\n", passed, failed);
  CHECK(passed > 1800);
  CHECK(failed == 0);
}

/* The fast path's ASCII classes agree with the generated table: a letter and
 * a digit on either side of each ASCII byte split exactly where the rules say. */
static void test_ascii_classes(void)
{
  int c;
  for (c = 0; c < 128; c++) {
    char t[3];
    int wb = nn_uniprop_of(c)->wb, joins_letters, joins_digits;
    t[1] = (char)c;
    t[0] = t[2] = 'a';
    joins_letters = wb == NN_WB_ALETTER || wb == NN_WB_MIDLETTER || wb == NN_WB_MIDNUMLET ||
                    wb == NN_WB_SINGLE_QUOTE || wb == NN_WB_NUMERIC || wb == NN_WB_EXTENDNUMLET;
    CHECK((nn_wordbreak_next(t, 3, 0) == 3) == joins_letters);
    t[0] = t[2] = '7';
    joins_digits = wb == NN_WB_NUMERIC || wb == NN_WB_MIDNUM || wb == NN_WB_MIDNUMLET ||
                   wb == NN_WB_SINGLE_QUOTE || wb == NN_WB_ALETTER || wb == NN_WB_EXTENDNUMLET;
    CHECK((nn_wordbreak_next(t, 3, 0) == 3) == joins_digits);
  }
}

static void test_ill_formed(void)
{
  /* "ab", a lone continuation byte, a truncated 3-byte sequence, "cd". */
  const char s[] = "ab\x80\xE2\x82" "cd";
  size_t len = sizeof s - 1;
  CHECK_EQ_SIZE(nn_wordbreak_next(s, len, 0), 2);
  CHECK_EQ_SIZE(nn_wordbreak_next(s, len, 2), 3);
  CHECK_EQ_SIZE(nn_wordbreak_next(s, len, 3), 5);
  CHECK_EQ_SIZE(nn_wordbreak_next(s, len, 5), 7);
  CHECK_EQ_SIZE(nn_wordbreak_next(s, len, 7), 7);
  /* A combining mark does not attach to an ill-formed byte. */
  CHECK_EQ_SIZE(nn_wordbreak_next("\xFF\xCC\x88", 3, 0), 1);
}

/* Long inputs without a boundary, and long look-aheads that fail, stay linear:
 * 50 MB are segmented in well under the time a quadratic scan would need. */
static void test_long_inputs(void)
{
  size_t n = 50u * 1000 * 1000, i, p, segments = 0;
  char *s = malloc(n);
  CHECK(s != NULL);
  if (!s) return;
  for (i = 0; i < n; i++) s[i] = 'a';
  CHECK_EQ_SIZE(nn_wordbreak_next(s, n, 0), n);
  /* "a." followed by a long run of combining marks: WB6 looks ahead across it. */
  s[1] = '.';
  for (i = 2; i + 1 < n; i += 2) {
    s[i] = (char)0xCC;
    s[i + 1] = (char)0x88;
  }
  for (p = 0; p < n; p = nn_wordbreak_next(s, n, p)) segments++;
  CHECK(segments >= 2 && segments <= 3);
  free(s);
}

int main(void)
{
  test_conformance();
  test_ascii_classes();
  test_ill_formed();
  test_long_inputs();
  return ctest_report("wordbreak");
}
