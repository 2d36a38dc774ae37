/* UTF-8 decoding by maximal subparts, validation, and the buffer. */
#include "newsnlp.h"
#include "ctest.h"

/* Splits s into decoded units; returns the count and fills lens/cps. */
static size_t units(const char *s, size_t len, size_t *lens, int32_t *cps)
{
  size_t i = 0, n = 0;
  while (i < len) {
    lens[n] = nn_utf8_decode((const unsigned char *)s + i, len - i, &cps[n]);
    i += lens[n++];
  }
  return n;
}

static void test_decode(void)
{
  size_t lens[16];
  int32_t cps[16];
  /* "a", U+00E9, U+20AC, U+1F600 */
  CHECK_EQ_SIZE(units("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", 10, lens, cps), 4);
  CHECK(cps[0] == 'a' && cps[1] == 0xE9 && cps[2] == 0x20AC && cps[3] == 0x1F600);
  /* Truncated 3-byte sequence then ASCII: one maximal subpart of 2 bytes. */
  CHECK_EQ_SIZE(units("\xE2\x82x", 3, lens, cps), 2);
  CHECK(cps[0] == NN_UTF8_INVALID && lens[0] == 2 && cps[1] == 'x');
  /* Overlong encodings: C0 and E0 80 are invalid byte by byte. */
  CHECK_EQ_SIZE(units("\xC0\xAF", 2, lens, cps), 2);
  CHECK_EQ_SIZE(units("\xE0\x80\xAF", 3, lens, cps), 3);
  /* A surrogate (ED A0 80) is three errors. */
  CHECK_EQ_SIZE(units("\xED\xA0\x80", 3, lens, cps), 3);
  /* F4 90 is beyond U+10FFFF; F5..FF never start a sequence. */
  CHECK_EQ_SIZE(units("\xF4\x90\x80\x80", 4, lens, cps), 4);
  CHECK_EQ_SIZE(units("\xF5\xFF", 2, lens, cps), 2);
  /* The example from the Unicode Standard, Table 3-8: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 */
  CHECK_EQ_SIZE(units("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", 13, lens, cps), 10);
}

static void test_validate(void)
{
  CHECK_EQ_SIZE(nn_utf8_invalid_offset("plain ascii text, long enough", 29), 29);
  CHECK_EQ_SIZE(nn_utf8_invalid_offset("Cambodia\xE2\x80\x99s", 11), 11);
  CHECK_EQ_SIZE(nn_utf8_invalid_offset("0123456789\xFFtail", 15), 10);
  CHECK_EQ_SIZE(nn_utf8_invalid_offset("ab\0cd", 5), 5);
  CHECK_EQ_SIZE(nn_ascii_prefix("abcdefghij\xC3\xA9", 12), 10);
}

static void test_encode(void)
{
  unsigned char out[4];
  CHECK_EQ_SIZE(nn_utf8_encode(0x41, out), 1);
  CHECK_EQ_SIZE(nn_utf8_encode(0x10FFFF, out), 4);
  CHECK(out[0] == 0xF4 && out[1] == 0x8F && out[2] == 0xBF && out[3] == 0xBF);
  CHECK_EQ_SIZE(nn_utf8_encode(0xD800, out), 3); /* a surrogate encodes U+FFFD */
  CHECK(out[0] == 0xEF && out[1] == 0xBF && out[2] == 0xBD);
}

static void test_buf(void)
{
  nn_buf b;
  size_t i;
  nn_buf_init(&b, &nn_default_allocator);
  for (i = 0; i < 10000; i++) CHECK(nn_buf_append(&b, "abc", 3) == NN_OK);
  CHECK_EQ_SIZE(b.len, 30000);
  CHECK(nn_buf_append_utf8(&b, 0x20AC) == NN_OK);
  CHECK(memcmp(b.data + 30000, "\xE2\x82\xAC", 3) == 0);
  CHECK(nn_buf_reserve(&b, (size_t)-1) == NN_ETOOBIG);
  nn_buf_free(&b);
  CHECK(b.data == NULL);
}

static void test_uniprops(void)
{
  CHECK(nn_uniprop_of('a')->wb == NN_WB_ALETTER);
  CHECK(nn_uniprop_of('.')->sb == NN_SB_ATERM);
  CHECK(nn_uniprop_of(0x4E2D)->script == NN_SCRIPT_HAN);
  CHECK(nn_uniprop_of(0x1F600)->flags & NN_UF_EXTENDED_PICTOGRAPHIC);
  CHECK(nn_uniprop_of(0x00A0)->flags & NN_UF_WHITE_SPACE);
  CHECK(nn_uniprop_of(0x2019)->wb == NN_WB_MIDNUMLET);
  CHECK(nn_uniprop_of(-5)->gc == NN_GC_CN);
}

int main(void)
{
  test_decode();
  test_validate();
  test_encode();
  test_buf();
  test_uniprops();
  return ctest_report("utf8");
}
