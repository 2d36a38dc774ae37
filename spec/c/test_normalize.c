/* nn_normalize: the fast path agrees with utf8proc on every code point and on
 * random text, the clean-ups, markup, mojibake and invalid-UTF-8 handling. */
#include <stdlib.h>
#include <utf8proc.h>

#include "newsnlp.h"
#include "ctest.h"

/* Normalizes s with o; returns a malloc'd NUL-terminated copy of the result
 * (the input when unchanged) and its length, or NULL on an error status. */
static char *norm(const char *s, size_t len, const nn_normalize_options *o, size_t *out_len,
                  int *changed, int *status)
{
  nn_buf b;
  size_t bad = 0;
  char *r;
  int ch = 0, rc;
  nn_buf_init(&b, &nn_default_allocator);
  rc = nn_normalize(s, len, o, &b, &ch, &bad);
  if (status) *status = rc;
  if (changed) *changed = ch;
  if (rc != NN_OK) {
    nn_buf_free(&b);
    if (out_len) *out_len = bad;
    return NULL;
  }
  if (!ch) CHECK_EQ_SIZE(b.len, 0);
  *out_len = ch ? b.len : len;
  r = malloc(*out_len + 1);
  memcpy(r, ch ? b.data : s, *out_len);
  r[*out_len] = '\0';
  nn_buf_free(&b);
  return r;
}

static int norm_is(const char *s, const nn_normalize_options *o, const char *want)
{
  size_t n;
  char *r = norm(s, strlen(s), o, &n, NULL, NULL);
  int ok = r && n == strlen(want) && memcmp(r, want, n) == 0;
  if (!ok) fprintf(stderr, "  normalize(\"%s\") gave \"%s\", want \"%s\"\n", s, r ? r : "(error)", want);
  free(r);
  return ok;
}

static utf8proc_option_t reference_options(const nn_normalize_options *o)
{
  utf8proc_option_t u = UTF8PROC_STABLE;
  if (o->form == NN_FORM_NFC || o->form == NN_FORM_NFKC) u |= UTF8PROC_COMPOSE;
  else u |= UTF8PROC_DECOMPOSE;
  if (o->form == NN_FORM_NFKC || o->form == NN_FORM_NFKD) u |= UTF8PROC_COMPAT;
  if (o->casefold) u |= UTF8PROC_CASEFOLD;
  if (o->strip_marks) u |= UTF8PROC_STRIPMARK;
  return u;
}

static int mismatches;

/* nn_normalize and utf8proc_map give the same bytes for s. */
static void agree(const char *s, size_t len, const nn_normalize_options *o)
{
  utf8proc_uint8_t *ref = NULL;
  utf8proc_ssize_t rn = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &ref,
                                     reference_options(o));
  size_t n;
  int changed;
  char *r = norm(s, len, o, &n, &changed, NULL);
  ctest_checks++;
  if (rn < 0 || !r || (size_t)rn != n || memcmp(r, ref, n) != 0) {
    if (mismatches++ < 10) {
      size_t k;
      fprintf(stderr, "mismatch (form %d casefold %d strip %d) on:", o->form, o->casefold,
              o->strip_marks);
      for (k = 0; k < len && k < 48; k++) fprintf(stderr, " %02X", (unsigned char)s[k]);
      fprintf(stderr, "\n");
    }
    ctest_failures++;
  } else if (!changed && (n != len || memcmp(r, s, n) != 0)) {
    ctest_failures++;
  }
  free(r);
  free(ref);
}

static void for_each_mode(void (*fn)(const nn_normalize_options *))
{
  int form, fold, strip;
  for (form = 0; form < 4; form++)
    for (fold = 0; fold < 2; fold++)
      for (strip = 0; strip < 2; strip++) {
        nn_normalize_options o;
        nn_normalize_options_init(&o);
        o.form = form;
        o.casefold = fold;
        o.strip_marks = strip;
        fn(&o);
      }
}

/* Every scalar value, 256 consecutive ones to a string, in every mode. */
static void all_code_points(const nn_normalize_options *o)
{
  static unsigned char s[256 * 4];
  int32_t base;
  for (base = 0; base < 0x110000; base += 256) {
    size_t len = 0;
    int32_t cp;
    if (base >= 0xD800 && base < 0xE000) continue;
    for (cp = base; cp < base + 256; cp++) len += nn_utf8_encode(cp == 0 ? 1 : cp, s + len);
    agree((const char *)s, len, o);
  }
}

/* Random strings over characters that interact: marks of several classes,
 * Hangul jamo, letters that fold or compose, compatibility characters. */
static const int32_t pool[] = {
  'a', 'e', 'A', 'E', 'z', 'Z', ' ', '.', 0x0301, 0x0300, 0x0308, 0x0316, 0x0327, 0x0345,
  0x05B0, 0x0F71, 0x0F72, 0x0F73, 0x0344, 0x00C5, 0x212B, 0x00E9, 0x00C9, 0x00DF, 0x1E9E,
  0x0130, 0x0131, 0x03A3, 0x03C2, 0x0386, 0x0390, 0x1F80, 0x0410, 0x0439, 0x0419, 0x0418,
  0x0306, 0x1100, 0x1161, 0x11A8, 0xAC00, 0xAC01, 0x0CC6, 0x0CC2, 0x0CD5, 0x0CCA, 0x0BC6,
  0x0BBE, 0x0BD7, 0x3099, 0x304B, 0x30AB, 0xFB01, 0x2460, 0x00A8, 0x00B5, 0x01C5, 0xFDFA,
  0x2019, 0x00A0, 0x1E0A, 0x0323, 0x0307, 0x1D15E, 0x1D165, 0x0626, 0x0654, 0x0627, 0x4E2D,
  0xF900, 0x2126, 0x03A9, 0x0041, 0x030A, 0x00C7, 0x0063, 0x0327, 0x1E9B, 0x0149, 0x0587,
};

static unsigned long rng_state = 12345;
static unsigned rng(unsigned n)
{
  rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
  return (unsigned)((rng_state >> 33) % n);
}

static void random_strings(const nn_normalize_options *o)
{
  int t;
  for (t = 0; t < 4000; t++) {
    unsigned char s[64 * 4];
    size_t len = 0, k, n = 1 + rng(40);
    for (k = 0; k < n; k++) len += nn_utf8_encode(pool[rng(sizeof pool / sizeof pool[0])], s + len);
    agree((const char *)s, len, o);
  }
}

/* The per-character clean-ups as documented, written out independently. */
static const char *reference_clean(int32_t cp)
{
  if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\v' && cp != '\f' && cp != '\r') ||
      cp == 0x7F || (cp >= 0x80 && cp <= 0x9F && cp != 0x85))
    return ""; /* controls */
  switch (cp) {
  case 0x00A0: case 0x1680: case 0x2000: case 0x2001: case 0x2002: case 0x2003: case 0x2004:
  case 0x2005: case 0x2006: case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F:
  case 0x205F: case 0x3000:
    return " ";
  case 0x200B: case 0x2060: case 0xFEFF: case 0x00AD: case 0x200E: case 0x200F: case 0x180E:
    return "";
  case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
    return "-";
  case 0x2014: case 0x2015:
    return "--";
  case 0x2018: case 0x2019: case 0x201A: case 0x201B:
    return "'";
  case 0x201C: case 0x201D: case 0x201E: case 0x201F:
    return "\"";
  case 0x2026:
    return "...";
  default:
    return NULL;
  }
}

/* With every per-character clean-up on, each block of code points gives
 * utf8proc's result on the text cleaned by reference_clean. */
static void all_code_points_cleaned(const nn_normalize_options *mode)
{
  static unsigned char s[256 * 4], cleaned[256 * 4];
  nn_normalize_options o = *mode;
  int32_t base;
  o.quotes = o.dashes = o.ellipsis = o.spaces = o.invisible = o.controls = 1;
  for (base = 0; base < 0x10000; base += 128) {
    size_t len = 0, clen = 0, n;
    int32_t cp;
    utf8proc_uint8_t *ref = NULL;
    utf8proc_ssize_t rn;
    char *r;
    if (base >= 0xD800 && base < 0xE000) continue;
    for (cp = base; cp < base + 128; cp++) {
      const char *c = reference_clean(cp);
      size_t k = nn_utf8_encode(cp, s + len);
      if (c) {
        memcpy(cleaned + clen, c, strlen(c));
        clen += strlen(c);
      } else {
        memcpy(cleaned + clen, s + len, k);
        clen += k;
      }
      len += k;
    }
    rn = utf8proc_map(cleaned, (utf8proc_ssize_t)clen, &ref, reference_options(&o));
    r = norm((const char *)s, len, &o, &n, NULL, NULL);
    ctest_checks++;
    if (rn < 0 || !r || (size_t)rn != n || memcmp(r, ref, n) != 0) {
      ctest_failures++;
      if (mismatches++ < 10)
        fprintf(stderr, "clean-up mismatch (form %d) in the block at U+%04X\n", o.form, (unsigned)base);
    }
    free(r);
    free(ref);
  }
}

static void test_against_utf8proc(void)
{
  for_each_mode(all_code_points_cleaned);
  for_each_mode(all_code_points);
  for_each_mode(random_strings);
  {
    /* A long run of marks in alternating classes: sorted stably in linear
     * time, and the first acute composes with the letter. */
    size_t k, len = 0, n, want_len = 0, marks = 200000;
    unsigned char *s = malloc(marks * 2 + 8), *want = malloc(marks * 2 + 8);
    char *r;
    nn_normalize_options o;
    nn_normalize_options_init(&o);
    len += nn_utf8_encode('a', s);
    for (k = 0; k < marks; k++) len += nn_utf8_encode(k % 2 ? 0x0316 : 0x0301, s + len);
    want_len += nn_utf8_encode(0x00E1, want);
    for (k = 0; k < marks / 2; k++) want_len += nn_utf8_encode(0x0316, want + want_len);
    for (k = 1; k < marks / 2; k++) want_len += nn_utf8_encode(0x0301, want + want_len);
    r = norm((const char *)s, len, &o, &n, NULL, NULL);
    CHECK(r && n == want_len && memcmp(r, want, n) == 0);
    free(r);
    free(s);
    free(want);
  }
}

static void test_unchanged(void)
{
  nn_normalize_options o;
  size_t n;
  int changed = -1;
  char *r;
  const char *text = "Plain ASCII, then Cambodia\xE2\x80\x99s caf\xC3\xA9 and \xE4\xB8\xAD\xE6\x96\x87.";
  nn_normalize_options_init(&o);
  r = norm(text, strlen(text), &o, &n, &changed, NULL);
  CHECK(changed == 0);
  free(r);
  o.form = NN_FORM_NFKC;
  r = norm(text, strlen(text), &o, &n, &changed, NULL);
  CHECK(changed == 0);
  free(r);
  o.casefold = 1;
  r = norm(text, strlen(text), &o, &n, &changed, NULL);
  CHECK(changed == 1 && r && r[0] == 'p');
  free(r);
  /* Text that takes the slow path but is already normal is still unchanged. */
  nn_normalize_options_init(&o);
  r = norm("\xE0\xB3\x86\xE0\xB3\x82x", 7, &o, &n, &changed, NULL); /* U+0CC6 U+0CC2 */
  CHECK(r != NULL);
  free(r);
  r = norm("\xE1\x84\x80\xE1\x85\xA1", 6, &o, &n, &changed, NULL); /* L + V composes */
  CHECK(changed == 1 && n == 3);
  free(r);
  r = norm("", 0, &o, &n, &changed, NULL);
  CHECK(changed == 0 && n == 0);
  free(r);
}

/* One nn_buf for many calls: its memory is reused, results stay right. */
static void test_buffer_reuse(void)
{
  nn_normalize_options o;
  nn_buf b;
  size_t bad;
  int changed, k;
  char *keep;
  nn_normalize_options_init(&o);
  o.casefold = 1;
  nn_buf_init(&b, &nn_default_allocator);
  for (k = 0; k < 3; k++) {
    CHECK(nn_normalize("ABC", 3, &o, &b, &changed, &bad) == NN_OK && changed && b.len == 3 &&
          memcmp(b.data, "abc", 3) == 0);
    keep = b.data;
    CHECK(nn_normalize("xyz", 3, &o, &b, &changed, &bad) == NN_OK && !changed && b.len == 0);
    CHECK(b.data == keep); /* the memory came back */
    CHECK(nn_normalize("\xC3\x89TAT", 5, &o, &b, &changed, &bad) == NN_OK && changed &&
          b.len == 5 && memcmp(b.data, "\xC3\xA9tat", 5) == 0);
    o.invalid = NN_INVALID_ERROR;
    CHECK(nn_normalize("ok\xFF", 3, &o, &b, &changed, &bad) == NN_EUTF8 && bad == 2 && b.len == 0);
    o.invalid = NN_INVALID_REPLACE;
  }
  nn_buf_free(&b);
}

static void test_cleanups(void)
{
  nn_normalize_options o;
  nn_normalize_options_init(&o);
  o.quotes = 1;
  CHECK(norm_is("\xE2\x80\x9CHi\xE2\x80\x9D, it\xE2\x80\x99s \xE2\x80\x98x\xE2\x80\x99", &o,
                "\"Hi\", it's 'x'"));
  nn_normalize_options_init(&o);
  o.dashes = 1;
  CHECK(norm_is("1990\xE2\x80\x93" "91 \xE2\x80\x94 then \xE2\x88\x92" "5", &o, "1990-91 -- then -5"));
  nn_normalize_options_init(&o);
  o.ellipsis = 1;
  CHECK(norm_is("wait\xE2\x80\xA6", &o, "wait..."));
  nn_normalize_options_init(&o);
  o.spaces = 1;
  CHECK(norm_is("a\xC2\xA0" "b\xE2\x80\xAF" "c\xE3\x80\x80" "d", &o, "a b c d"));
  nn_normalize_options_init(&o);
  o.invisible = 1;
  CHECK(norm_is("\xEF\xBB\xBFzero\xE2\x80\x8Bwidth soft\xC2\xADhyphen", &o, "zerowidth softhyphen"));
  /* Removing an invisible character lets the mark compose with the letter. */
  CHECK(norm_is("e\xE2\x80\x8B\xCC\x81", &o, "\xC3\xA9"));
  /* ZWJ stays (emoji sequences). */
  CHECK(norm_is("\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9", &o,
                "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9"));
  nn_normalize_options_init(&o);
  o.controls = 1;
  CHECK(norm_is("a\x01" "b\x7F" "c\tok\n\xC2\x80" "d", &o, "abc\tok\nd"));
  CHECK(norm_is("e\x01\xCC\x81", &o, "\xC3\xA9"));
  nn_normalize_options_init(&o);
  o.newlines = 1;
  CHECK(norm_is("a\r\nb\rc\xE2\x80\xA8" "d\xC2\x85" "e", &o, "a\nb\nc\nd\ne"));
  nn_normalize_options_init(&o);
  o.collapse = 1;
  CHECK(norm_is("  a  \t b  \n\n\n\n  c \n", &o, "a b\n\nc\n"));
  nn_normalize_options_init(&o);
  o.trim = 1;
  CHECK(norm_is(" \xC2\xA0 text \n", &o, "text"));
  CHECK(norm_is("   ", &o, ""));
}

static void test_markup(void)
{
  nn_normalize_options o;
  nn_normalize_options_init(&o);
  o.entities = 1;
  CHECK(norm_is("AT&amp;T &lt;b&gt; &#8217; &#x2019; &copy 2024 &notanentity; &#150;", &o,
                "AT&T <b> \xE2\x80\x99 \xE2\x80\x99 \xC2\xA9 2024 &notanentity; \xE2\x80\x93"));
  CHECK(norm_is("&#0; &#xD800; &#x110000; &amp", &o, "\xEF\xBF\xBD \xEF\xBF\xBD \xEF\xBF\xBD &"));
  CHECK(norm_is("&NotEqualTilde; &ampx &", &o, "\xE2\x89\x82\xCC\xB8 &ampx &"));
  nn_normalize_options_init(&o);
  o.tags = 1;
  CHECK(norm_is("<h1>Title</h1>\n  <p>One <b>two</b>.</p><p>Three<br>four</p>", &o,
                "Title\n\nOne two.\n\nThree\nfour"));
  CHECK(norm_is("<script>var x = '<p>';</script>Text<style>p{}</style> end", &o, "Text end"));
  CHECK(norm_is("a < b and c<5 <!-- note --> e", &o, "a < b and c<5  e"));
  CHECK(norm_is("<a href=\"x>y\">link</a>", &o, "link"));
  CHECK(norm_is("unterminated <b", &o, "unterminated <b"));
  CHECK(norm_is("<table><tr><th>Party</th><th>Seats</th></tr><tr><td>A</td><td>12</td></tr></table>",
                &o, "Party Seats\n\nA 12"));
}

/* Unterminated constructs repeated over a long text: each is text, and the
 * pass stays linear (a quadratic one would not finish). */
static void test_hostile_markup(void)
{
  static const char *const patterns[] = { "<!--", "<a '", "<!x", "<![CDATA[", "<br", "<a \"x", "&#x" };
  size_t k, n = 2000000;
  char *s = malloc(n);
  nn_normalize_options o;
  nn_normalize_preset(&o, "html", 4);
  o.collapse = o.trim = 0;
  for (k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
    size_t pl = strlen(patterns[k]), i, out_len;
    int changed;
    char *r;
    for (i = 0; i + pl <= n; i += pl) memcpy(s + i, patterns[k], pl);
    for (; i < n; i++) s[i] = ' ';
    r = norm(s, n, &o, &out_len, &changed, NULL);
    CHECK(r != NULL && changed == 0 && out_len == n);
    free(r);
  }
  free(s);
}

static void test_mojibake(void)
{
  nn_normalize_options o;
  nn_normalize_options_init(&o);
  o.mojibake = 1;
  /* U+2019 read as Windows-1252 once ("â€™") and twice. */
  CHECK(norm_is("Cambodia\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s", &o, "Cambodia\xE2\x80\x99s"));
  CHECK(norm_is("Cambodia\xC3\x83\xC2\xA2\xC3\xA2\xE2\x80\x9A\xC2\xAC\xC3\xA2\xE2\x80\x9E\xC2\xA2s",
                &o, "Cambodia\xE2\x80\x99s"));
  /* "é" read as Latin-1 ("Ã©"), and U+2019 with C1 controls (Latin-1). */
  CHECK(norm_is("caf\xC3\x83\xC2\xA9", &o, "caf\xC3\xA9"));
  CHECK(norm_is("it\xC3\xA2\xC2\x80\xC2\x99s", &o, "it\xE2\x80\x99s"));
  /* Twice, where the middle stage holds C1 controls for bytes that
   * Windows-1252 leaves undefined: Cyrillic EN (D0 9D), CJK "small" (E5 B0 8F). */
  CHECK(norm_is("\xC3\x83\xC2\x90\xC3\x82\xC2\x9D", &o, "\xD0\x9D"));
  CHECK(norm_is("\xC3\x83\xC2\xA5\xC3\x82\xC2\xB0\xC3\x82\xC2\x8F", &o, "\xE5\xB0\x8F"));
  /* Correct text is left alone. */
  CHECK(norm_is("S\xC3\x83O PAULO, \xC3\xA2me, na\xC3\xAFve, \xC3\x82ge", &o,
                "S\xC3\x83O PAULO, \xC3\xA2me, na\xC3\xAFve, \xC3\x82ge"));
  CHECK(norm_is("\xC3\x82\xC2\x80", &o, "\xC3\x82\xC2\x80")); /* would be a C1 control */
}

static void test_invalid(void)
{
  nn_normalize_options o;
  size_t n;
  int status, changed;
  char *r;
  nn_normalize_options_init(&o);
  /* One U+FFFD per maximal subpart (Unicode Table 3-8). */
  CHECK(norm_is("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", &o,
                "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d"));
  o.invalid = NN_INVALID_DROP;
  CHECK(norm_is("a\xC0\xAF" "b\xED\xA0\x80" "c\xF5\xFF" "d\xE2\x82", &o, "abcd"));
  /* Dropping joins the letter and the mark, which then compose. */
  CHECK(norm_is("e\xFF\xCC\x81", &o, "\xC3\xA9"));
  o.invalid = NN_INVALID_ERROR;
  r = norm("0123456789\xFF", 11, &o, &n, &changed, &status);
  CHECK(r == NULL && status == NN_EUTF8 && n == 10);
  o.entities = 1; /* the offset is the input's, whatever pass sees it */
  r = norm("&amp;&amp;\xC3", 11, &o, &n, &changed, &status);
  CHECK(r == NULL && status == NN_EUTF8 && n == 10);
}

static void test_presets(void)
{
  nn_normalize_options o;
  CHECK(nn_normalize_preset(&o, "search", 6) == NN_OK && o.form == NN_FORM_NFKC && o.casefold &&
        o.strip_marks && o.quotes && !o.tags);
  CHECK(nn_normalize_preset(&o, "html", 4) == NN_OK && o.tags && o.entities && o.mojibake &&
        !o.quotes && o.form == NN_FORM_NFC);
  CHECK(nn_normalize_preset(&o, "news", 4) == NN_OK && o.spaces && o.collapse && !o.tags);
  CHECK(nn_normalize_preset(&o, "plain", 5) == NN_OK && o.quotes && o.dashes && o.ellipsis);
  CHECK(nn_normalize_preset(&o, "nfc", 3) == NN_OK && !o.spaces);
  CHECK(nn_normalize_preset(&o, "nope", 4) == NN_EARG);
  CHECK(nn_normalize_preset(&o, "newsx", 4) == NN_OK); /* the length counts, not a NUL */
  nn_normalize_preset(&o, "search", 6);
  CHECK(norm_is("  \xE2\x80\x9CM\xC3\xBCller\xE2\x80\x9D \xEF\xAC\x81nds\xE2\x80\xA6 ", &o,
                "\"muller\" finds..."));
}

int main(void)
{
  test_against_utf8proc();
  test_unchanged();
  test_buffer_reuse();
  test_cleanups();
  test_markup();
  test_hostile_markup();
  test_mojibake();
  test_invalid();
  test_presets();
  return ctest_report("normalize");
}
