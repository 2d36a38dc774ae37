/* Text statistics: words, quotation, syllables, readability, whole texts. */
#include <math.h>

#include "newsnlp.h"
#include "ctest.h"

static size_t words(const char *s, size_t *quoted)
{
  nn_quote_state q;
  nn_quote_init(&q);
  return nn_count_words(s, 0, strlen(s), &q, quoted);
}

static void test_words_and_quotes(void)
{
  size_t quoted;
  CHECK(words("", &quoted) == 0 && quoted == 0);
  CHECK(words("one two  three", &quoted) == 3 && quoted == 0);
  CHECK(words("a 41-year-old don't -- \xE2\x80\x94 3.5%", &quoted) == 4);
  CHECK(words("\"We won,\" he said.", &quoted) == 4 && quoted == 2);
  CHECK(words("He said: \xE2\x80\x9CWe will go home.\xE2\x80\x9D Then he left.", &quoted) == 9 && quoted == 4);
  /* apostrophes are not quotes */
  CHECK(words("Jones' car and the fans' bus, it's late", &quoted) == 8 && quoted == 0);
  /* single quotes, detached as in tokenized text */
  CHECK(words("fans sang . ' We are here , ' they said", &quoted) == 7 && quoted == 3);
  /* German and French styles */
  CHECK(words("Er sagte \xE2\x80\x9E" "ja bitte\xE2\x80\x9C und ging", &quoted) == 6 && quoted == 2);
  CHECK(words("Il dit \xC2\xAB oui merci \xC2\xBB puis part", &quoted) == 6 && quoted == 2);
  CHECK(nn_count_chars("caf\xC3\xA9 \xFF!", 0, 8) == 7);
}

static void test_syllables(void)
{
  static const struct {
    const char *word;
    nn_read_lang lang;
    size_t n;
  } cases[] = {
    { "cat", NN_READ_EN, 1 },       { "table", NN_READ_EN, 2 },     { "makes", NN_READ_EN, 1 },
    { "boxes", NN_READ_EN, 2 },     { "wanted", NN_READ_EN, 2 },    { "jumped", NN_READ_EN, 1 },
    { "radio", NN_READ_EN, 3 },     { "nation", NN_READ_EN, 2 },    { "yes", NN_READ_EN, 1 },
    { "Beautiful", NN_READ_EN, 3 }, { "2014", NN_READ_EN, 1 },      { "don't", NN_READ_EN, 1 },
    { "Reisebuch", NN_READ_DE, 3 }, { "leer", NN_READ_ES, 2 },      { "d\xC3\xAD" "a", NN_READ_ES, 2 },
    { "bueno", NN_READ_ES, 2 },     { "na\xC3\xA7\xC3\xA3o", NN_READ_PT, 2 },
    { "table", NN_READ_FR, 1 },     { "ru\xC3\xAFne", NN_READ_NL, 3 },
    { "\xD0\xBC\xD0\xB0\xD0\xBC\xD0\xB0", NN_READ_RU, 2 }, /* мама */
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    size_t got = nn_syllables(cases[i].word, strlen(cases[i].word), cases[i].lang);
    if (got != cases[i].n) fprintf(stderr, "syllables of %s: %zu\n", cases[i].word, got);
    CHECK(got == cases[i].n);
  }
  CHECK(nn_read_lang_of("en", 2) == NN_READ_EN && nn_read_lang_of("ru", 2) == NN_READ_RU);
  CHECK(nn_read_lang_of("ja", 2) == NN_READ_NONE && nn_read_lang_of(NULL, 0) == NN_READ_NONE);
}

static void test_stats(void)
{
  static const char text[] = "Ferry Strike Ends\n\n"
                             "The strike ended on Friday. Ferries sail again.\n\n"
                             "\"We are glad,\" a driver said.\n";
  nn_article a;
  nn_stats_opts o;
  nn_stats_result st;
  const char *name;
  double grade, score;
  nn_article_init(&a, &nn_default_allocator);
  nn_stats_opts_init(&o);
  o.read_lang = NN_READ_EN;
  o.long_sentence = 4;
  CHECK(nn_stats(&a, text, strlen(text), &o, &st) == NN_OK);
  CHECK(st.words == 5 + 3 + 6 && st.sentences == 3 && st.paragraphs == 2);
  CHECK(st.quoted_words == 3 && st.long_sentences == 2 && st.longest_sentence == 6);
  score = nn_readability(&st, NN_READ_EN, &name, &grade);
  CHECK(name && strcmp(name, "Flesch reading ease") == 0);
  CHECK(fabs(score - (206.835 - 1.015 * 14.0 / 3.0 - 84.6 * (double)st.syllables / 14.0)) < 1e-9);
  CHECK(!isnan(grade));
  score = nn_readability(&st, NN_READ_IT, &name, &grade);
  CHECK(strcmp(name, "Gulpease") == 0 && isnan(grade));
  CHECK(fabs(score - (89.0 + (300.0 * 3 - 10.0 * (double)st.letters) / 14.0)) < 1e-9);
  score = nn_readability(&st, NN_READ_NONE, &name, &grade);
  CHECK(name == NULL && score == 0);
  o.whole_text = 1;
  CHECK(nn_stats(&a, text, strlen(text), &o, &st) == NN_OK);
  CHECK(st.words == 17 && st.sentences == 4 && st.paragraphs == 3);
  CHECK(nn_stats(&a, "", 0, NULL, &st) == NN_OK && st.words == 0 && st.syllables == 0);
  score = nn_readability(&st, NN_READ_EN, &name, &grade);
  CHECK(name == NULL);
  nn_article_free(&a);
}

int main(void)
{
  test_words_and_quotes();
  test_syllables();
  test_stats();
  return ctest_report("test_stats");
}
