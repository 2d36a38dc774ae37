/* The tokenizer, the counter and case folding. */
#include <stdarg.h>
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

/* Tokenizes s and checks the tokens against text, kind pairs ending in NULL. */
static void expect_tokens(const char *s, const nn_tokenizer_opts *opts, ...)
{
  nn_tokenizer t;
  nn_token tok;
  va_list ap;
  const char *text;
  size_t len = strlen(s);
  int ok = 1;
  CHECK(nn_tokenizer_init(&t, s, len, opts) == NN_OK);
  va_start(ap, opts);
  while ((text = va_arg(ap, const char *)) != NULL) {
    const char *kind = va_arg(ap, const char *);
    if (!nn_tokenizer_next(&t, &tok)) {
      fprintf(stderr, "  %s: missing token [%s]\n", s, text);
      ok = 0;
      break;
    }
    if (tok.len != strlen(text) || memcmp(s + tok.start, text, tok.len) != 0 ||
        strcmp(nn_token_kind_name(tok.kind), kind) != 0) {
      fprintf(stderr, "  %s: got [%.*s] %s, expected [%s] %s\n", s, (int)tok.len, s + tok.start,
              nn_token_kind_name(tok.kind), text, kind);
      ok = 0;
      break;
    }
  }
  va_end(ap);
  if (ok && nn_tokenizer_next(&t, &tok)) {
    fprintf(stderr, "  %s: extra token [%.*s]\n", s, (int)tok.len, s + tok.start);
    ok = 0;
  }
  CHECK(ok);
}

/* The first token of s. */
static nn_token first(const char *s, const nn_tokenizer_opts *opts)
{
  nn_tokenizer t;
  nn_token tok;
  memset(&tok, 0, sizeof tok);
  CHECK(nn_tokenizer_init(&t, s, strlen(s), opts) == NN_OK);
  CHECK(nn_tokenizer_next(&t, &tok));
  return tok;
}

static void test_kinds(void)
{
  expect_tokens("Cambodia’s PM, don't", NULL, "Cambodia’s", "word", "PM", "word", ",", "punct",
                "don't", "word", NULL);
  expect_tokens("1,234.5 3.5 1990s 3.5bn 9/11 24/7 1990-91 '90s", NULL, "1,234.5", "number",
                "3.5", "number", "1990s", "number", "3.5bn", "number", "9/11", "number",
                "24/7", "number", "1990-91", "number", "'90s", "number", NULL);
  expect_tokens("60th 1st 22nd 103RD", NULL, "60th", "ordinal", "1st", "ordinal", "22nd",
                "ordinal", "103RD", "ordinal", NULL);
  expect_tokens("10:30 09:15:02 10:30pm 9.30am 10pm", NULL, "10:30", "time", "09:15:02", "time",
                "10:30pm", "time", "9.30am", "time", "10pm", "time", NULL);
  expect_tokens("2024-05-01 2024-05-01T10:30:00Z 1/5/2024 2024/05/01 01.05.2024", NULL,
                "2024-05-01", "date", "2024-05-01T10:30:00Z", "date", "1/5/2024", "date",
                "2024/05/01", "date", "01.05.2024", "date", NULL);
  expect_tokens("$134 £5bn €20 US$1.2 billion HK$3 20€ 50¢", NULL, "$134", "money", "£5bn",
                "money", "€20", "money", "US$1.2", "money", "billion", "word", "HK$3", "money",
                "20€", "money", "50¢", "money", NULL);
  expect_tokens("2.7% 50% 10-15% 3‰ 5.5pc", NULL, "2.7%", "percent", "50%", "percent",
                "10-15%", "percent", "3‰", "percent", "5.5pc", "percent", NULL);
  expect_tokens("U.S. Mr. Ph.D. e.g. i.e. т.е.", NULL, "U.S.", "abbreviation", "Mr.",
                "abbreviation", "Ph.D.", "abbreviation", "e.g.", "abbreviation", "i.e.",
                "abbreviation", "т.е.", "abbreviation", NULL);
  expect_tokens("東京の カタカナ", NULL, "東", "ideograph", "京", "ideograph", "の", "ideograph",
                "カタカナ", "ideograph", NULL);
  expect_tokens("https://example.com/a?b=1 www.example.org example.com/news", NULL,
                "https://example.com/a?b=1", "url", "www.example.org", "url",
                "example.com/news", "url", NULL);
  expect_tokens("desk@example.com #MeToo @Reuters", NULL, "desk@example.com", "email", "#MeToo",
                "hashtag", "@Reuters", "mention", NULL);
  expect_tokens("👍🏽 👩‍💻 🇯🇵 1️⃣ ❤️", NULL, "👍🏽", "emoji", "👩‍💻", "emoji", "🇯🇵", "emoji",
                "1️⃣", "emoji", "❤️", "emoji", NULL);
  expect_tokens("( — ... -- !! + = © ™", NULL, "(", "punct", "—", "punct", "...", "punct", "--",
                "punct", "!!", "punct", "+", "symbol", "=", "symbol", "©", "symbol", "™", "symbol",
                NULL);
  expect_tokens("a\xff" "b \xe2\x82", NULL, "a", "word", "\xff", "invalid", "b", "word",
                "\xe2\x82", "invalid", NULL);
}

static void test_news_cases(void)
{
  nn_tokenizer_opts split = NN_TOKENIZER_OPTS_DEFAULT;
  expect_tokens("Asean-Japan one-day COVID-19 e-mail U.S.-China AAPL.O AT&T S&P 500", NULL,
                "Asean-Japan", "word", "one-day", "word", "COVID-19", "word", "e-mail", "word",
                "U.S.-China", "word", "AAPL.O", "word", "AT&T", "word", "S&P", "word", "500",
                "number", NULL);
  /* A sentence-final abbreviation keeps its period; the sentence splitter decides. */
  expect_tokens("talks with the U.S. The", NULL, "talks", "word", "with", "word", "the", "word",
                "U.S.", "abbreviation", "The", "word", NULL);
  /* A period with no space after it between words: a lost space, not a word. */
  expect_tokens("said.The Amazon.com", NULL, "said", "word", ".", "punct", "The", "word",
                "Amazon.com", "word", NULL);
  expect_tokens("(see https://example.com/a_(b)).", NULL, "(", "punct", "see", "word",
                "https://example.com/a_(b)", "url", ")", "punct", ".", "punct", NULL);
  expect_tokens("it’s workers' union", NULL, "it’s", "word", "workers'", "word", "union", "word",
                NULL);
  expect_tokens("C# #1 x@y", NULL, "C", "word", "#", "punct", "#", "punct", "1", "number", "x",
                "word", "@", "punct", "y", "word", NULL);
  expect_tokens("ภาษาไทย مرحبا שלום צה\"ל नमस्ते 서울특별시", NULL, "ภาษาไทย", "word", "مرحبا", "word",
                "שלום", "word", "צה\"ל", "word", "नमस्ते", "word", "서울특별시", "word", NULL);
  expect_tokens("25:00 3:1 31/31/2024", NULL, "25", "number", ":", "punct", "00", "number", "3",
                "number", ":", "punct", "1", "number", "31/31/2024", "number", NULL);
  split.split_hyphens = 1;
  expect_tokens("COVID-19 U.S.-China 2024-05-01", &split, "COVID", "word", "-", "punct", "19",
                "number", "U.S.", "abbreviation", "-", "punct", "China", "word", "2024-05-01",
                "date", NULL);
}

static void test_possessives(void)
{
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  nn_token tok = first("Cambodia’s", NULL);
  CHECK(tok.flags & NN_TF_POSSESSIVE);
  CHECK(tok.suffix_len == 4 && tok.len == 12);
  tok = first("Cambodia's", NULL);
  CHECK((tok.flags & NN_TF_POSSESSIVE) && tok.suffix_len == 2);
  tok = first("workers' union", NULL);
  CHECK((tok.flags & NN_TF_POSSESSIVE) && tok.suffix_len == 1 && tok.len == 8);
  CHECK(!(first("it's", NULL).flags & NN_TF_POSSESSIVE));
  CHECK(!(first("That’s", NULL).flags & NN_TF_POSSESSIVE));
  CHECK(first("don't", NULL).flags & NN_TF_APOSTROPHE);
  o.possessive = NN_POSSESSIVE_STRIP;
  expect_tokens("Cambodia’s U.S.'s COVID-19's it's", &o, "Cambodia", "word", "U.S.",
                "abbreviation", "COVID-19", "word", "it's", "word", NULL);
  tok = first("Cambodia’s", &o);
  CHECK(tok.len == 8 && tok.suffix_len == 4 && (tok.flags & NN_TF_POSSESSIVE) &&
        (tok.flags & NN_TF_ASCII) && !(tok.flags & NN_TF_APOSTROPHE));
  o.possessive = NN_POSSESSIVE_SPLIT;
  expect_tokens("Cambodia’s talks", &o, "Cambodia", "word", "’s", "word", "talks", "word", NULL);
  o.possessive = 7;
  {
    nn_tokenizer t;
    CHECK(nn_tokenizer_init(&t, "x", 1, &o) == NN_EARG);
  }
}

static void test_flags(void)
{
  nn_tokenizer t;
  nn_token tok;
  const char *s = "Hello WORLD iPhone café A380\n\nNext 10:30";
  unsigned want[] = {
    NN_TF_ASCII | NN_TF_CAPITALIZED | NN_TF_HAS_LETTER | NN_TF_SPACE_AFTER,
    NN_TF_ASCII | NN_TF_CAPITALIZED | NN_TF_ALL_CAPS | NN_TF_HAS_LETTER | NN_TF_SPACE_BEFORE |
        NN_TF_SPACE_AFTER,
    NN_TF_ASCII | NN_TF_HAS_LETTER | NN_TF_SPACE_BEFORE | NN_TF_SPACE_AFTER,
    NN_TF_LOWERCASE | NN_TF_HAS_LETTER | NN_TF_SPACE_BEFORE | NN_TF_SPACE_AFTER,
    NN_TF_ASCII | NN_TF_CAPITALIZED | NN_TF_ALL_CAPS | NN_TF_HAS_LETTER | NN_TF_HAS_DIGIT |
        NN_TF_SPACE_BEFORE | NN_TF_SPACE_AFTER | NN_TF_NEWLINE_AFTER | NN_TF_PARAGRAPH_AFTER,
    NN_TF_ASCII | NN_TF_CAPITALIZED | NN_TF_HAS_LETTER | NN_TF_SPACE_BEFORE | NN_TF_SPACE_AFTER,
    NN_TF_ASCII | NN_TF_HAS_DIGIT | NN_TF_SPACE_BEFORE,
  };
  size_t i = 0;
  CHECK(nn_tokenizer_init(&t, s, strlen(s), NULL) == NN_OK);
  while (nn_tokenizer_next(&t, &tok) && i < sizeof want / sizeof want[0]) {
    if (tok.flags != want[i])
      fprintf(stderr, "  [%.*s]: flags %#x, expected %#x\n", (int)tok.len, s + tok.start,
              tok.flags, want[i]);
    CHECK(tok.flags == want[i]);
    i++;
  }
  CHECK_EQ_SIZE(i, 7);
  CHECK(first("one-day", NULL).flags & NN_TF_HYPHENATED);
  CHECK(!(first("one", NULL).flags & NN_TF_HYPHENATED));
  CHECK(first("x\r\ny", NULL).flags & NN_TF_NEWLINE_AFTER);
  CHECK(!(first("x\r\ny", NULL).flags & NN_TF_PARAGRAPH_AFTER));
  CHECK(first("x\n \ny", NULL).flags & NN_TF_PARAGRAPH_AFTER);
  CHECK(first("x\xe2\x80\xa9y", NULL).flags & NN_TF_PARAGRAPH_AFTER); /* U+2029 */
  CHECK(first("\xc7\x85ungla", NULL).flags & NN_TF_CAPITALIZED);     /* titlecase Ǆ */
  /* Letters a scanner adds after the word count in its flags too. */
  CHECK(!(first("abc1'S", NULL).flags & NN_TF_LOWERCASE));
  CHECK(!(first("US$1.2bn", NULL).flags & (NN_TF_ALL_CAPS | NN_TF_LOWERCASE)));
  CHECK(first("$5bn", NULL).flags & NN_TF_LOWERCASE);
  CHECK(first("2024-05-01T10:30Z", NULL).flags & NN_TF_ALL_CAPS);
  CHECK(first("'90s", NULL).flags & NN_TF_HAS_LETTER);
  {
    nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
    o.possessive = NN_POSSESSIVE_SPLIT;
    CHECK(first("o'S", &o).flags & NN_TF_LOWERCASE);     /* the stem, without its 'S */
  }
}

static void test_languages(void)
{
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  nn_tokenizer t;
  o.lang = "en";
  expect_tokens("Mr. Smith in the U.S.", &o, "Mr.", "abbreviation", "Smith", "word", "in", "word",
                "the", "word", "U.S.", "abbreviation", NULL);
  o.lang = "en-GB";
  expect_tokens("Dr. No", &o, "Dr.", "abbreviation", "No", "word", NULL);
  /* A language without a list: single letters with periods only. */
  o.lang = "xx";
  expect_tokens("Mr. Smith in the U.S.", &o, "Mr", "word", ".", "punct", "Smith", "word", "in",
                "word", "the", "word", "U.S.", "abbreviation", NULL);
  o.lang = "english";
  CHECK(nn_tokenizer_init(&t, "x", 1, &o) == NN_EARG);
  o.lang = "e";
  CHECK(nn_tokenizer_init(&t, "x", 1, &o) == NN_EARG);
  o.lang = "en GB";
  CHECK(nn_tokenizer_init(&t, "x", 1, &o) == NN_EARG);
}

/* Every item of every abbreviation list that is letters and periods, ending
 * in a period, is one abbreviation token, with its language and without one:
 * this fails when csrc/abbrev_filter.c was not regenerated after a list
 * changed (make tables). */
static void test_every_listed_abbreviation(void)
{
  size_t l, i, items = 0;
  for (l = 0; l < nn_wordlists_count; l++) {
    const nn_wordlist *w = &nn_wordlists[l];
    if (strcmp(w->kind, "abbreviations") != 0) continue;
    for (i = 0; i < w->count; i++) {
      size_t len, k;
      const char *item = nn_wordlist_item(w, i, &len);
      nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
      int simple = len > 1 && item[len - 1] == '.', pass;
      for (k = 0; k < len && simple;) {
        int32_t cp;
        size_t n = nn_utf8_decode((const unsigned char *)item + k, len - k, &cp);
        const nn_uniprop *pr = nn_uniprop_of(cp);
        simple = cp == '.' || (cp != NN_UTF8_INVALID && ((pr->flags & NN_UF_ALPHABETIC) ||
                                                         pr->wb == NN_WB_EXTEND));
        k += n;
      }
      if (!simple) continue;
      for (pass = 0; pass < 2; pass++) {
        nn_tokenizer t;
        nn_token tok;
        int ok;
        o.lang = pass == 0 ? w->name : NULL;
        CHECK(nn_tokenizer_init(&t, item, len, &o) == NN_OK);
        ok = nn_tokenizer_next(&t, &tok) && tok.kind == NN_TOKEN_ABBREVIATION && tok.len == len &&
             !nn_tokenizer_next(&t, &tok);
        if (!ok) fprintf(stderr, "  %s/%s: [%.*s] is not one abbreviation\n", w->kind, w->name,
                         (int)len, item);
        CHECK(ok);
      }
      items++;
    }
  }
  CHECK(items > 100);
}

static void test_kind_filter_and_names(void)
{
  nn_tokenizer_opts o = NN_TOKENIZER_OPTS_DEFAULT;
  int k;
  o.kinds = NN_TOKEN_WORDLIKE;
  expect_tokens("The U.S., 3 東 $5!", &o, "The", "word", "U.S.", "abbreviation", "東", "ideograph",
                NULL);
  for (k = 0; k < NN_TOKEN__COUNT; k++) {
    const char *name = nn_token_kind_name(k);
    CHECK(name != NULL && nn_token_kind_of(name, strlen(name)) == k);
  }
  CHECK(nn_token_kind_name(NN_TOKEN__COUNT) == NULL);
  CHECK(nn_token_kind_of("wrod", 4) == -1);
}

/* Tokens and whitespace tile the text; no token is empty or holds a space. */
static void check_tiling(const char *s, size_t len)
{
  nn_tokenizer t;
  nn_token tok;
  size_t end = 0, i, bad = 0;
  CHECK(nn_tokenizer_init(&t, s, len, NULL) == NN_OK);
  while (nn_tokenizer_next(&t, &tok)) {
    bad += tok.len == 0 || tok.start < end || tok.start + tok.len > len;
    for (i = end; i < tok.start; i++) bad += s[i] != ' ' && s[i] != '\n';
    for (i = tok.start; i < tok.start + tok.len; i++) bad += s[i] == ' ' || s[i] == '\n';
    end = tok.start + tok.len;
  }
  for (i = end; i < len; i++) bad += s[i] != ' ' && s[i] != '\n';
  CHECK_EQ_SIZE(bad, 0);
}

/* Long inputs without a space, of patterns that make the scanners look
 * ahead: 50 MB of one letter is one token; 8 MB of each pattern are
 * tokenized in linear time (a quadratic scan would not finish). */
static void test_long_inputs(void)
{
  static const char *const patterns[] = {
    "a", "a.", "a-", "1,", "a@", "#a", "1/", "a'", "http://x", "U.S.", "\xcc\x88", "\xff", "1:",
    "a.b@", "a1-", "$1,",
  };
  size_t n = 50u * 1000 * 1000, i, k;
  char *s = malloc(n);
  nn_tokenizer t;
  nn_token tok;
  CHECK(s != NULL);
  if (!s) return;
  memset(s, 'a', n);
  CHECK(nn_tokenizer_init(&t, s, n, NULL) == NN_OK);
  CHECK(nn_tokenizer_next(&t, &tok) && tok.start == 0 && tok.len == n);
  CHECK(!nn_tokenizer_next(&t, &tok));
  for (k = 0; k < sizeof patterns / sizeof patterns[0]; k++) {
    size_t plen = strlen(patterns[k]), tokens = 0, m = 8u * 1000 * 1000;
    for (i = 0; i < m; i++) s[i] = patterns[k][i % plen];
    CHECK(nn_tokenizer_init(&t, s, m, NULL) == NN_OK);
    while (nn_tokenizer_next(&t, &tok)) tokens++;
    CHECK(tokens > 0);
  }
  for (i = 0; i < n; i++) s[i] = "Mr. Smith said.The U.S.-China deal, worth $5bn (2.7%), ended.\n"[i % 63];
  check_tiling(s, n);
  free(s);
}

/* Whether the fast paths give exactly the tokens of the general scanners
 * (nn_tokenizer.reference) for s[0..len) with these options. */
static int same_as_reference(const char *s, size_t len, const nn_tokenizer_opts *opts)
{
  nn_tokenizer fast, ref;
  nn_token a, b;
  int more;
  if (nn_tokenizer_init(&fast, s, len, opts) != NN_OK) return 0;
  if (nn_tokenizer_init(&ref, s, len, opts) != NN_OK) return 0;
  ref.reference = 1;
  do {
    more = nn_tokenizer_next(&fast, &a);
    if (more != nn_tokenizer_next(&ref, &b)) return 0;
    if (more && (a.start != b.start || a.len != b.len || a.kind != b.kind ||
                 a.suffix_len != b.suffix_len || a.flags != b.flags)) {
      fprintf(stderr, "  [%.*s] at %zu: fast %zu+%zu kind %d flags %x, general %zu+%zu kind %d "
              "flags %x\n", (int)(len - b.start < 20 ? len - b.start : 20), s + b.start, b.start,
              a.start, a.len, a.kind, a.flags, b.start, b.len, b.kind, b.flags);
      return 0;
    }
  } while (more);
  return 1;
}

/* Texts for the tests of the 64-byte fast paths: every token kind, the
 * cases at the edges of the fast paths, invalid bytes and other scripts. */
static const char *const window_texts[] = {
    "The central bank said on Tuesday it would lend 20 billion yen, or 1,234.5 million.\n\n",
    "Mr. Smith met Dr. Jones in the U.S. on Jan. 5; they said.The deal (worth $5bn) ended.",
    "\"Don't,\" she said -- it's Cambodia's PM's day: 10:30pm, 2024-05-01, 50% and 3.5bn!",
    "COVID-19 one-day A380 10km 1990s 9/11 #MeToo @user desk@example.com www.example.org",
    "9;\xe0\xb9\x93" "De 1,\xd9\xa3 a,\xe0\xb9\x93 x \xc2\xa0y z\xe2\x80\xa8w caf\xc3\xa9 na\xc3\xafve",
    "a\r\nb\r\n\r\nc\n \n d\t\te\v\ff  g ,h ,,i ..j !!k ?l \x01m \x7fn ...o",
    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA bbbbbbbbbbbbbb c",
    "1 22 333 4444 55555 666666 7777777 88888888 999999999 1,000 2,00 3;4 5.6 7..8 9.a",
    "etc. e.g. i.e. Inc. Corp. vs. St. No. Ltd. Co. U.K. A.B.C. a.b a. b. ABC. xyz.",
    "Abcdefgh ABCDEFGHI abcdefghijklmnop Abcdefghijklmnopq ABCDEFGH. Abcdefghijklmno. the",
    "Bad \xff\xfe bytes \xc3 here \xe2\x82 and\x80there \xed\xa0\x80 ok \xf4\x90\x80\x80 end",
    "Москва и Санкт-Петербург. Ελλάδα ΣΟΦΊΑ. 東京で会議、カタカナ。서울특별시 שלום مرحبا हिन्दी",
    "Straße STRASSE İstanbul ǅemal Ǆ café CAFÉ naïve ﬁne ŉ ΐ x\xcc\x81y e\xcc\x81",
    "https://example.com/a?b=1 (see x.com/news) mailto:desk@example.com $134 \xc2\xa3" "5bn "
    "US$1.2 20\xe2\x82\xac 3\xe2\x80\xb0 \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd #COP28 @Reuters_1 "
    "C# AT&T AAPL.O workers' he\xe2\x80\x99s Cambodia\xe2\x80\x99s \xc2\xbd \xd9\xa1\xd9\xa2 1st "
    "22nd 09:15:02 2024-05-01T10:30:00Z 01.05.2024 5.5pc 1990-91 '90s \xe2\x80\x94 -- !! + =",
};
#define NWINDOW_TEXTS (sizeof window_texts / sizeof window_texts[0])

/* The fast paths read 64 bytes at a time: every sentence below, shifted
 * over a window by one byte at a time, cut at every length, and with every
 * option set, gives the tokens of the general scanners. */
static void test_fast_paths(void)
{
  static const nn_tokenizer_opts options[] = {
    { NULL, NN_POSSESSIVE_KEEP, 0, 0 },
    { "en", NN_POSSESSIVE_KEEP, 0, 0 },
    { "de", NN_POSSESSIVE_SPLIT, 0, 0 },
    { NULL, NN_POSSESSIVE_STRIP, 1, 0 },
    { NULL, NN_POSSESSIVE_KEEP, 0, NN_TOKEN_WORDLIKE },
    { NULL, NN_POSSESSIVE_KEEP, 0, (1u << NN_TOKEN_NUMBER) | (1u << NN_TOKEN_PUNCT) },
  };
  char buf[600];
  size_t i, k, shift, cut, failures = 0;
  for (i = 0; i < NWINDOW_TEXTS; i++) {
    size_t n = strlen(window_texts[i]);
    for (k = 0; k < sizeof options / sizeof options[0]; k++) {
      for (shift = 0; shift < 70 && failures < 5; shift++) {
        /* words before the text move it over the 64-byte windows */
        memset(buf, ' ', shift);
        for (cut = 0; cut < shift; cut += 3) buf[cut] = 'w';
        memcpy(buf + shift, window_texts[i], n);
        if (!same_as_reference(buf, shift + n, &options[k])) failures++;
        if (shift == 0)
          for (cut = 0; cut < n; cut++)
            if (!same_as_reference(window_texts[i], cut, &options[k])) failures++;
      }
    }
  }
  CHECK(failures == 0);
}

/* An allocator that fails after a set number of allocations. */
typedef struct failing {
  int left;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize > 0 && f->left-- <= 0) return NULL;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

static uint64_t count_of(const nn_counter *c, const char *key)
{
  int64_t id = nn_strmap_find(&c->map, key, strlen(key));
  return id < (int64_t)c->stopwords ? 0 : c->counts[id];
}

static void test_count(void)
{
  nn_counter c;
  nn_count_opts o;
  const char *s = "The cat and the hat. THE END: the Straße, die STRASSE! 東京 東";
  int budget;
  memset(&o, 0, sizeof o);
  o.tokens.kinds = NN_TOKEN_WORDLIKE;
  nn_count_init(&c, &nn_default_allocator);
  CHECK(nn_count_text(&c, s, strlen(s), &o) == NN_OK);
  CHECK(count_of(&c, "The") == 1 && count_of(&c, "the") == 2 && count_of(&c, "THE") == 1);
  CHECK(count_of(&c, "東") == 2 && count_of(&c, ".") == 0);
  nn_count_free(&c);

  o.casefold = 1;
  o.min_chars = 3;
  CHECK(nn_count_stopword(&c, "AND", 3, 1) == NN_OK);
  CHECK(nn_count_stopword(&c, "die", 3, 1) == NN_OK);
  CHECK(nn_count_text(&c, s, strlen(s), &o) == NN_OK);
  CHECK(count_of(&c, "the") == 4 && count_of(&c, "cat") == 1 && count_of(&c, "end") == 1);
  CHECK(count_of(&c, "strasse") == 2);           /* ß folds to ss */
  CHECK(count_of(&c, "and") == 0 && count_of(&c, "die") == 0);
  CHECK(count_of(&c, "東") == 0);                 /* shorter than 3 characters */
  CHECK(nn_count_stopword(&c, "cat", 3, 1) == NN_EARG); /* too late */
  /* A second text adds to the counts. */
  CHECK(nn_count_text(&c, "the end", 7, &o) == NN_OK);
  CHECK(count_of(&c, "the") == 5 && count_of(&c, "end") == 2);
  nn_count_free(&c);

  /* Allocation failures are reported, the counter stays freeable, and with
   * enough memory the count completes. */
  for (budget = 0; budget < 100; budget++) {
    failing f = { budget };
    nn_allocator a = { failing_alloc, &f };
    int rc;
    nn_count_init(&c, &a);
    rc = nn_count_text(&c, s, strlen(s), &o);
    CHECK(rc == NN_OK || rc == NN_ENOMEM);
    if (rc == NN_OK) CHECK(count_of(&c, "the") == 4);
    nn_count_free(&c);
    if (rc == NN_OK) break;
  }
  CHECK(budget > 0 && budget < 100);
}

/* Keys of every length around the index's word sizes (8 and 16 bytes), the
 * same keys where fewer than 16 bytes remain (counted in the map), and
 * enough distinct keys for the index to grow while counts are pending. */
static void test_count_lengths(void)
{
  static const char *const words[] = {
    "a", "ab", "abcdefg", "abcdefgh", "Abcdefgh", "abcdefghi", "abcdefghijklmno",
    "abcdefghijklmnop", "abcdefghijklmnopq", "abcdefghijklmnopqr",
  };
  nn_counter c;
  nn_count_opts o;
  nn_buf text;
  char w[16];
  size_t i, k;
  memset(&o, 0, sizeof o);
  o.tokens.kinds = NN_TOKEN_WORDLIKE;
  nn_buf_init(&text, &nn_default_allocator);
  for (k = 0; k < 3; k++) {
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
      CHECK(nn_buf_append(&text, words[i], strlen(words[i])) == NN_OK);
      CHECK(nn_buf_append(&text, " ", 1) == NN_OK);
    }
  }
  for (k = 0; k < 2; k++) {
    for (i = 0; i < 5000; i++) {
      int n = snprintf(w, sizeof w, "w%zu ", (i * 7919) % 5000);
      CHECK(nn_buf_append(&text, w, (size_t)n) == NN_OK);
    }
  }
  CHECK(nn_buf_append(&text, "abcdefghijklmnopq abcdefgh a", 28) == NN_OK);
  for (o.casefold = 0; o.casefold <= 1; o.casefold++) {
    nn_count_init(&c, &nn_default_allocator);
    CHECK(nn_count_text(&c, text.data, text.len, &o) == NN_OK);
    CHECK(nn_count_text(&c, "w17 abcdefghi", 13, &o) == NN_OK);
    CHECK(count_of(&c, "a") == 4 && count_of(&c, "ab") == 3 && count_of(&c, "abcdefg") == 3);
    CHECK(count_of(&c, "abcdefgh") == (o.casefold ? 7u : 4u));
    CHECK(count_of(&c, "Abcdefgh") == (o.casefold ? 0u : 3u));
    CHECK(count_of(&c, "abcdefghi") == 4 && count_of(&c, "abcdefghijklmno") == 3);
    CHECK(count_of(&c, "abcdefghijklmnop") == 3 && count_of(&c, "abcdefghijklmnopq") == 4);
    CHECK(count_of(&c, "abcdefghijklmnopqr") == 3);
    CHECK(count_of(&c, "w0") == 2 && count_of(&c, "w17") == 3 && count_of(&c, "w4999") == 2);
    CHECK(c.map.count == sizeof words / sizeof words[0] - (size_t)o.casefold + 5000);
    nn_count_free(&c);
  }
  nn_buf_free(&text);
}

/* Whether nn_count_text gives, for s[0..len), the keys (in the same id
 * order) and counts of counting the tokens of the general scanners one by
 * one: each casefolded when asked, skipped when shorter than min_chars
 * characters, interned in the order of the text.  A stopword is added
 * first when given. */
static int same_as_recount(const char *s, size_t len, const nn_count_opts *o, const char *stop)
{
  nn_counter c;
  nn_strmap ref;
  nn_tokenizer t;
  nn_token tok;
  nn_buf key;
  uint64_t *counts = NULL;
  size_t cap = 0, id, stops = 0;
  int same = 1;
  nn_count_init(&c, &nn_default_allocator);
  nn_strmap_init(&ref, &nn_default_allocator);
  nn_buf_init(&key, &nn_default_allocator);
  if (stop) {
    uint32_t sid;
    if (nn_count_stopword(&c, stop, strlen(stop), o->casefold) != NN_OK) return 0;
    if (o->casefold ? nn_token_casefold(stop, strlen(stop), &key) != NN_OK
                    : nn_buf_append(&key, stop, strlen(stop)) != NN_OK)
      return 0;
    if (nn_strmap_intern(&ref, key.data, key.len, &sid) < 0) return 0;
    stops = ref.count;
  }
  if (nn_count_text(&c, s, len, o) != NN_OK) return 0;
  if (nn_tokenizer_init(&t, s, len, &o->tokens) != NN_OK) return 0;
  t.reference = 1;
  while (nn_tokenizer_next(&t, &tok)) {
    uint32_t kid;
    size_t i, chars = 0;
    key.len = 0;
    if (o->casefold ? nn_token_casefold(s + tok.start, tok.len, &key) != NN_OK
                    : nn_buf_append(&key, s + tok.start, tok.len) != NN_OK)
      return 0;
    for (i = 0; i < key.len; i++) chars += ((unsigned char)key.data[i] & 0xC0) != 0x80;
    if (chars < o->min_chars) continue;
    if (nn_strmap_intern(&ref, key.data, key.len, &kid) < 0) return 0;
    if (kid >= cap) {
      size_t grown = cap ? cap * 2 : 64;
      uint64_t *p = realloc(counts, grown * sizeof *p);
      if (!p) return 0;
      memset(p + cap, 0, (grown - cap) * sizeof *p);
      counts = p;
      cap = grown;
    }
    if (kid >= stops) counts[kid]++;
  }
  if (c.map.count != ref.count || c.stopwords != stops) same = 0;
  for (id = 0; same && id < ref.count; id++) {
    size_t na, nb;
    const char *a = nn_strmap_key(&c.map, (uint32_t)id, &na);
    const char *b = nn_strmap_key(&ref, (uint32_t)id, &nb);
    if (na != nb || memcmp(a, b, na) != 0 || c.counts[id] != (id < cap ? counts[id] : 0)) {
      fprintf(stderr, "  id %zu: [%.*s] %llu, recount [%.*s] %llu\n", id, (int)na, a,
              (unsigned long long)c.counts[id], (int)nb, b,
              (unsigned long long)(id < cap ? counts[id] : 0));
      same = 0;
    }
  }
  if (!same) fprintf(stderr, "  counting differs for [%.*s]\n", (int)(len < 60 ? len : 60), s);
  free(counts);
  nn_buf_free(&key);
  nn_strmap_free(&ref);
  nn_count_free(&c);
  return same;
}

/* Whether nn_tokenizer_fill_keys gives the batches of nn_tokenizer_fill,
 * each token either as its record or as its bytes (folded when asked). */
static int same_keys_as_records(const char *s, size_t len, const nn_tokenizer_opts *opts,
                                int casefold)
{
  nn_tokenizer a, b;
  nn_token_keys keys;
  unsigned n, k;
  if (nn_tokenizer_init(&a, s, len, opts) != NN_OK) return 0;
  if (nn_tokenizer_init(&b, s, len, opts) != NN_OK) return 0;
  do {
    n = nn_tokenizer_fill_keys(&a, &keys, casefold);
    if (n != nn_tokenizer_fill(&b)) return 0;
    for (k = 0; k < n; k++) {
      const nn_token *r = &b.batch[k];
      size_t i, klen = keys.len[k];
      unsigned char bytes[16];
      if (klen == 0) {
        const nn_token *q = &a.batch[k];
        if (q->start != r->start || q->len != r->len || q->kind != r->kind ||
            q->suffix_len != r->suffix_len || q->flags != r->flags)
          return 0;
        continue;
      }
      if (klen != r->len || klen > 16 || !(r->flags & NN_TF_ASCII)) return 0;
      for (i = 0; i < 16; i++) bytes[i] = (unsigned char)(keys.words[k][i / 8] >> (8 * (i % 8)));
      for (i = 0; i < 16; i++) {
        unsigned char want = 0;
        if (i < klen) {
          want = (unsigned char)s[r->start + i];
          if (casefold && want >= 'A' && want <= 'Z') want = (unsigned char)(want + 32);
          if (i == klen - 1) want |= 0x80;
        }
        if (bytes[i] != want) return 0;
      }
    }
    a.head = a.count;
    b.head = b.count;
  } while (n != 0);
  return 1;
}

/* Counting reads most words as the scanner finds them: every text below,
 * shifted over the 64-byte windows and cut at every length, with option
 * sets that cover every token kind, counts what counting the general
 * scanners' tokens one by one counts, keys in the same order. */
static void test_count_fused(void)
{
  static const nn_tokenizer_opts options[] = {
    { NULL, NN_POSSESSIVE_KEEP, 0, NN_TOKEN_WORDLIKE },
    { NULL, NN_POSSESSIVE_KEEP, 0, 0 },
    { "en", NN_POSSESSIVE_SPLIT, 0, NN_TOKEN_WORDLIKE },
    { "de", NN_POSSESSIVE_STRIP, 1, 0 },
    { NULL, NN_POSSESSIVE_KEEP, 1, (1u << NN_TOKEN_NUMBER) | (1u << NN_TOKEN_PUNCT) |
                                   (1u << NN_TOKEN_ABBREVIATION) },
  };
  char buf[600];
  size_t i, k, shift, cut, failures = 0;
  nn_count_opts o;
  memset(&o, 0, sizeof o);
  for (i = 0; i < NWINDOW_TEXTS; i++) {
    size_t n = strlen(window_texts[i]);
    for (k = 0; k < 4 * sizeof options / sizeof options[0] && failures < 5; k++) {
      o.tokens = options[k % 5];
      o.casefold = (int)(k / 5) & 1;
      o.min_chars = k / 10 ? 3 : 0;
      for (shift = 0; shift < 70 && failures < 5; shift += (k < 5 ? 1 : 7)) {
        /* words before the text move it over the 64-byte windows */
        memset(buf, ' ', shift);
        for (cut = 0; cut < shift; cut += 3) buf[cut] = (char)('a' + cut % 26);
        memcpy(buf + shift, window_texts[i], n);
        if (!same_as_recount(buf, shift + n, &o, k % 2 ? "the" : NULL)) failures++;
        if (!same_keys_as_records(buf, shift + n, &o.tokens, o.casefold)) failures++;
        if (shift == 0)
          for (cut = 0; cut < n; cut++) {
            if (!same_as_recount(window_texts[i], cut, &o, NULL)) failures++;
            if (!same_keys_as_records(window_texts[i], cut, &o.tokens, o.casefold)) failures++;
          }
      }
    }
  }
  CHECK(failures == 0);
  {
    /* A long text: words of every length, repeated so that the index grows
     * while counts are pending, and tokens longer than a window. */
    nn_buf text;
    nn_buf_init(&text, &nn_default_allocator);
    for (i = 0; i < 20000; i++) {
      char w[80];
      size_t wl = 1 + (i * 7) % 23, j;
      for (j = 0; j < wl; j++) w[j] = (char)((j + i / 3) % 5 == 0 ? 'A' + (i + j) % 26 : 'a' + (i * j) % 26);
      w[wl] = i % 11 == 0 ? '.' : ' ';
      w[wl + 1] = ' ';
      CHECK(nn_buf_append(&text, w, wl + 2) == NN_OK);
      if (i % 1000 == 0) {
        const char *t = window_texts[i / 1000 % NWINDOW_TEXTS];
        CHECK(nn_buf_append(&text, t, strlen(t)) == NN_OK);
      }
    }
    for (i = 0; i < 200; i++) CHECK(nn_buf_append(&text, "Longwordwithoutspaces", 21) == NN_OK);
    for (k = 0; k < 4; k++) {
      o.tokens = options[k % 2 ? 0 : 1];
      o.casefold = (int)k / 2;
      o.min_chars = 0;
      CHECK(same_as_recount(text.data, text.len, &o, k % 2 ? "the" : NULL));
      CHECK(same_keys_as_records(text.data, text.len, &o.tokens, o.casefold));
    }
    nn_buf_free(&text);
  }
}

static void test_casefold(void)
{
  static const struct {
    const char *in, *out;
  } cases[] = {
    { "Hello WORLD", "hello world" },
    { "Straße", "strasse" },
    { "ΣΟΦΊΑ", "σοφία" },
    { "İstanbul", "i\xcc\x87stanbul" },
    { "ÉCOLE \xff", "école \xff" },
  };
  size_t i;
  nn_buf b;
  nn_buf_init(&b, &nn_default_allocator);
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    b.len = 0;
    CHECK(nn_token_casefold(cases[i].in, strlen(cases[i].in), &b) == NN_OK);
    CHECK(b.len == strlen(cases[i].out) && memcmp(b.data, cases[i].out, b.len) == 0);
  }
  nn_buf_free(&b);
}

int main(void)
{
  test_kinds();
  test_news_cases();
  test_possessives();
  test_flags();
  test_languages();
  test_every_listed_abbreviation();
  test_kind_filter_and_names();
  test_long_inputs();
  test_fast_paths();
  test_count();
  test_count_lengths();
  test_count_fused();
  test_casefold();
  return ctest_report("tokens");
}
