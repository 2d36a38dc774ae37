/* The term pipeline: folding, word rules, stopwords, stemming, gaps,
 * n-grams, the language guess and collocation scores. */
#include <math.h>
#include <stdio.h>

#include "newsnlp.h"
#include "ctest.h"

static nn_termres res;

static int fold_is(const char *in, const char *want)
{
  nn_buf b;
  int ok;
  nn_buf_init(&b, &nn_default_allocator);
  ok = nn_term_fold(&b, in, strlen(in)) == NN_OK && b.len == strlen(want) &&
       (b.len == 0 || memcmp(b.data, want, b.len) == 0);
  if (!ok) fprintf(stderr, "fold(%s) = %.*s, expected %s\n", in, (int)b.len, b.data, want);
  nn_buf_free(&b);
  return ok;
}

static void test_fold(void)
{
  CHECK(fold_is("Bank", "bank"));
  CHECK(fold_is("U.S.", "u.s."));
  CHECK(fold_is("", ""));
  /* ß folds to ss: Straße, STRASSE and Strasse are one term. */
  CHECK(fold_is("Stra\303\237e", "strasse"));
  CHECK(fold_is("STRASSE", "strasse"));
  /* Decomposed input is composed: o + U+0308 is ö. */
  CHECK(fold_is("Geo\314\210ffnet", "ge\303\266ffnet"));
  CHECK(fold_is("GE\303\226FFNET", "ge\303\266ffnet"));
  /* Soft hyphens go; the typographic apostrophe becomes '. */
  CHECK(fold_is("Regie\302\255rung", "regierung"));
  CHECK(fold_is("Cambodia\342\200\231s", "cambodia's"));
  /* Greek final sigma and Cyrillic. */
  CHECK(fold_is("\316\243\316\237\316\246\316\237\316\243", "\317\203\316\277\317\206\316\277\317\203"));
  CHECK(fold_is("\320\234\320\276\321\201\320\272\320\262\320\260", "\320\274\320\276\321\201\320\272\320\262\320\260"));
  /* Invalid bytes become U+FFFD, so folded terms are always valid UTF-8. */
  CHECK(fold_is("A\377b", "a\357\277\275b"));
  CHECK(fold_is("caf\303", "caf\357\277\275"));
}

/* Every built-in stopword is already case-folded, or it could never match. */
static void test_stopword_lists_folded(void)
{
  size_t i, k;
  nn_buf fold;
  nn_buf_init(&fold, &nn_default_allocator);
  for (i = 0; i < nn_wordlists_count; i++) {
    const nn_wordlist *w = &nn_wordlists[i];
    if (strcmp(w->kind, "stopwords") != 0) continue;
    for (k = 0; k < w->count; k++) {
      size_t len;
      const char *item = nn_wordlist_item(w, k, &len);
      fold.len = 0;
      CHECK(nn_term_fold(&fold, item, len) == NN_OK);
      if (fold.len != len || memcmp(fold.data, item, len) != 0)
        fprintf(stderr, "stopwords/%s: '%s' is not case-folded\n", w->name, item);
      CHECK(fold.len == len && memcmp(fold.data, item, len) == 0);
    }
  }
  nn_buf_free(&fold);
}

/* Runs one word through a pipeline of lang. */
static int word_is(const char *lang, int stem, const char *raw, const char *term, int stop)
{
  nn_termopts o;
  nn_pipeline p;
  nn_word w;
  int ok;
  memset(&o, 0, sizeof o);
  o.lang = lang;
  o.stem = stem;
  if (nn_pipeline_init(&p, &res, &o) != NN_OK) return 0;
  w.raw = raw;
  w.raw_len = strlen(raw);
  ok = nn_pipeline_word(&p, &w) == NN_OK && w.stop == stop && w.term_len == strlen(term) &&
       memcmp(w.term, term, w.term_len) == 0;
  if (!ok)
    fprintf(stderr, "%s %s: '%.*s' stop %d, expected '%s' stop %d\n", lang, raw, (int)w.term_len,
            w.term, w.stop, term, stop);
  nn_pipeline_free(&p);
  return ok;
}

static void test_words(void)
{
  CHECK(word_is("en", 0, "Japan's", "japan", 0));
  CHECK(word_is("en", 0, "workers'", "workers", 0));
  CHECK(word_is("en", 0, "The", "the", 1));
  CHECK(word_is("en", 0, "Let's", "let", 1)); /* a listed contraction */
  CHECK(word_is("en", 0, "don\342\200\231t", "don't", 1));
  CHECK(word_is("en", 1, "Governments", "govern", 0));
  CHECK(word_is("de", 0, "Japan's", "japan's", 0)); /* possessives are English */
  CHECK(word_is("fr", 0, "l'homme", "homme", 0));
  CHECK(word_is("fr", 0, "Qu'il", "il", 1));
  CHECK(word_is("fr", 0, "aujourd'hui", "aujourd'hui", 0));
  CHECK(word_is("it", 0, "dell'anno", "anno", 0));
  CHECK(word_is("en", 0, "l'homme", "l'homme", 0)); /* elisions are Romance */
  CHECK(word_is("de", 0, "DASS", "dass", 1));
  CHECK(word_is("de", 1, "Regierungen", "regier", 0));
  CHECK(word_is("und", 0, "The", "the", 0));        /* no language: no stopwords */
  CHECK(word_is("zh", 1, "\344\270\255", "\344\270\255", 0)); /* no stemmer: unchanged */
}

/* The words of a text with their gap flags, as "word|gap word ...". */
static void stream(const char *lang, const char *text, int numbers, char *out, size_t cap)
{
  nn_wordstream ws;
  nn_word batch[4];
  size_t k, i, at = 0;
  out[0] = '\0';
  if (nn_wordstream_init(&ws, lang, (numbers ? NN_WORDS_NUMBERS : 0) | NN_WORDS_GAPS, text,
                         strlen(text)) != NN_OK)
    return;
  while ((k = nn_wordstream_next(&ws, batch, 4)) > 0)
    for (i = 0; i < k; i++) {
      int n = snprintf(out + at, cap - at, "%s%s%.*s", at ? " " : "", batch[i].gap ? "|" : "",
                       (int)batch[i].raw_len, batch[i].raw);
      if (n > 0 && (size_t)n < cap - at) at += (size_t)n;
    }
}

static void test_gaps(void)
{
  char out[256];
  stream("en", "Prices rose, traders said. Banks lend\n\nNew line", 0, out, sizeof out);
  CHECK(strcmp(out, "|Prices rose |traders said |Banks lend |New line") == 0);
  /* A number is a gap unless numbers are terms. */
  stream("en", "lend 20 billion yen", 0, out, sizeof out);
  CHECK(strcmp(out, "|lend |billion yen") == 0);
  stream("en", "lend 20 billion yen", 1, out, sizeof out);
  CHECK(strcmp(out, "|lend 20 billion yen") == 0);
  /* Sentence boundaries without punctuation: after an abbreviation, at the
   * end of a heading line. */
  stream("en", "He works for Apple Inc. Analysts expect growth.\nMarkets rally\nShares rose", 0,
         out, sizeof out);
  CHECK(strcmp(out, "|He works for Apple Inc. |Analysts expect growth |Markets rally |Shares rose") ==
        0);
  {
    /* Without the sentence splitter the abbreviation joins them. */
    nn_wordstream ws;
    nn_word w[8];
    const char *text = "He works for Apple Inc. Analysts expect growth.";
    size_t k;
    CHECK(nn_wordstream_init(&ws, "en", 0, text, strlen(text)) == NN_OK);
    k = nn_wordstream_next(&ws, w, 8);
    CHECK(k == 8 && !w[5].gap);
  }
  /* A hyphenated compound is one word. */
  stream("en", "the state-owned bank", 0, out, sizeof out);
  CHECK(strcmp(out, "|the state-owned bank") == 0);
  /* Offsets point into the text. */
  {
    nn_wordstream ws;
    nn_word w[8];
    const char *text = "  Ab, cd";
    size_t k;
    CHECK(nn_wordstream_init(&ws, "en", 0, text, strlen(text)) == NN_OK);
    k = nn_wordstream_next(&ws, w, 8);
    CHECK(k == 2 && w[0].offset == 2 && w[1].offset == 6 && w[1].raw == text + 6);
  }
}

static void test_count_and_ngrams(void)
{
  nn_termopts o;
  nn_freqmap counts, words;
  nn_langguess g;
  nn_buf scratch;
  const char *text = "The Bank of Japan said. The Bank of Japan will lend; bank of Japan";
  memset(&o, 0, sizeof o);
  nn_freqmap_init(&counts, &nn_default_allocator, 0);
  nn_freqmap_init(&words, &nn_default_allocator, 0);
  nn_buf_init(&scratch, &nn_default_allocator);
  /* No language given: guessed, and reported. */
  CHECK(nn_terms_count(&res, &o, text, strlen(text), &scratch, &counts, &g) == NN_OK);
  CHECK(strcmp(g.code, "en") == 0);
  CHECK(nn_freqmap_get(&counts, "bank", 4, NULL) == 3);
  CHECK(nn_freqmap_get(&counts, "japan", 5, NULL) == 3);
  CHECK(nn_freqmap_get(&counts, "the", 3, NULL) == 0);
  CHECK(counts.total == 8); /* bank and japan three times, said, lend */
  nn_freqmap_clear(&counts);
  o.lang = "en";
  CHECK(nn_terms_ngrams(&res, &o, text, strlen(text), 3, &scratch, &words, &counts, &g) == NN_OK);
  CHECK(nn_freqmap_get(&counts, "bank of japan", 13, NULL) == 3);
  CHECK(nn_freqmap_get(&counts, "japan will lend", 15, NULL) == 1);
  CHECK(nn_freqmap_get(&counts, "of japan said", 13, NULL) == 0);  /* a stopword edge */
  CHECK(nn_freqmap_get(&counts, "japan said the", 14, NULL) == 0); /* crosses a sentence */
  CHECK(nn_terms_ngrams(&res, &o, text, strlen(text), 0, &scratch, &words, &counts, &g) == NN_EARG);
  CHECK(nn_terms_ngrams(&res, &o, text, strlen(text), 9, &scratch, &words, &counts, &g) == NN_EARG);
  nn_freqmap_free(&counts);
  nn_freqmap_free(&words);
  nn_buf_free(&scratch);
}

static void guess_is(const char *text, const char *code)
{
  nn_langguess g;
  CHECK(nn_language_guess(&res, text, strlen(text), 0, &g) == NN_OK);
  if (strcmp(g.code, code) != 0) fprintf(stderr, "guess(%s) = %s\n", text, g.code);
  CHECK(strcmp(g.code, code) == 0);
  CHECK(g.confidence >= 0 && g.confidence <= 1);
  CHECK((strcmp(code, "und") == 0) == (g.confidence == 0));
}

static void test_guess(void)
{
  guess_is("The minister said that the plan was not fair to the families.", "en");
  guess_is("Der Minister sagte, dass der Plan nicht gerecht sei.", "de");
  guess_is("Le ministre a dit que le plan n'est pas juste pour les familles.", "fr");
  guess_is("El ministro dijo que el plan no es justo para las familias.", "es");
  guess_is("De minister zei dat het plan niet eerlijk is voor de gezinnen.", "nl");
  guess_is("\320\234\320\270\320\275\320\270\321\201\321\202\321\200 \321\201\320\272\320\260"
           "\320\267\320\260\320\273", "ru");
  guess_is("\346\224\277\345\272\234\345\256\243\345\270\203", "zh");
  guess_is("", "und");
  guess_is("Obama", "und");
  guess_is("1234 5678", "und");
  /* Only the first words are read when asked. */
  {
    const char *text = "Obama Putin Merkel. The bank of the city and the state";
    nn_langguess g;
    CHECK(nn_language_guess(&res, text, strlen(text), 3, &g) == NN_OK);
    CHECK(strcmp(g.code, "und") == 0);
    CHECK(nn_language_guess(&res, text, strlen(text), 0, &g) == NN_OK);
    CHECK(strcmp(g.code, "en") == 0);
  }
}

/* G2 = 2 * sum of O ln(O / E), computed cell by cell. */
static double g2_by_cells(double a, double b, double c, double d)
{
  double n = a + b + c + d, o[4], e[4], g = 0;
  int i;
  o[0] = a; o[1] = b; o[2] = c; o[3] = d;
  e[0] = (a + b) * (a + c) / n;
  e[1] = (a + b) * (b + d) / n;
  e[2] = (c + d) * (a + c) / n;
  e[3] = (c + d) * (b + d) / n;
  for (i = 0; i < 4; i++)
    if (o[i] > 0) g += o[i] * log(o[i] / e[i]);
  return 2 * g;
}

static void test_llr(void)
{
  CHECK(fabs(nn_llr(10, 20, 30, 40) - g2_by_cells(10, 20, 30, 40)) < 1e-9);
  CHECK(fabs(nn_llr(110, 2442, 111, 29114) - g2_by_cells(110, 2442, 111, 29114)) < 1e-9);
  CHECK(fabs(nn_llr(1, 0, 0, 1) - g2_by_cells(1, 0, 0, 1)) < 1e-9);
  CHECK(nn_llr(5, 5, 5, 5) < 1e-12); /* independent */
  CHECK(nn_llr(0, 0, 0, 0) == 0);
  CHECK(nn_llr(-1, 1, 1, 1) == 0);
}

static void test_collocations(void)
{
  nn_ngrams g;
  nn_collocation *out;
  nn_collocation_opts o;
  size_t n, i;
  static const char *const words[] = { "prime", "minister", "met", "the", "prime", "minister",
                                       "of", "japan", "and", "the", "bank", "of", "japan" };
  static const int stops[] = { 0, 0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0 };
  nn_ngrams_init(&g, &nn_default_allocator, 3);
  for (i = 0; i < sizeof words / sizeof words[0]; i++)
    CHECK(nn_ngrams_word(&g, words[i], strlen(words[i]), stops[i], NULL) == NN_OK);
  CHECK(g.words.total == 13);
  CHECK(nn_ngrams_count(&g, "prime minister", 14) == 2);
  CHECK(nn_ngrams_count(&g, "bank of japan", 13) == 1);
  CHECK(nn_ngrams_count(&g, "of japan", 8) == 2);      /* inner */
  CHECK(nn_ngrams_count(&g, "the prime", 9) == 1);     /* inner */
  CHECK(nn_ngrams_count(&g, "of the", 6) == 0);
  CHECK(nn_ngrams_count(&g, "and the", 7) == 0);       /* both edges stopwords */
  CHECK(nn_ngrams_count(&g, "prime", 5) == 0);         /* not an n-gram */
  CHECK(nn_ngrams_count(&g, "prime  minister", 15) == 0);
  o.min_count = 2;
  o.min_n = 2;
  o.max_n = 3;
  o.top = 0;
  CHECK(nn_collocations_rank(&g, &o, &out, &n) == NN_OK);
  CHECK(n >= 1);
  if (n >= 1) {
    nn_buf text;
    nn_buf_init(&text, &nn_default_allocator);
    CHECK(nn_ngrams_text(&g, &g.grams.slots[out[0].slot], &text) == NN_OK);
    CHECK(text.len == 14 && memcmp(text.data, "prime minister", 14) == 0);
    nn_buf_free(&text);
    CHECK(out[0].count == 2 && out[0].n == 2);
    /* PMI: log2(2 * 13 / (2 * 2)). */
    CHECK(fabs(out[0].pmi - log2(13.0 / 2.0)) < 1e-9);
    CHECK(fabs(out[0].llr - g2_by_cells(2, 0, 0, 11)) < 1e-9);
  }
  nn_free(&nn_default_allocator, out, n * sizeof *out);
  /* A gap ends the window. */
  nn_ngrams_gap(&g);
  CHECK(nn_ngrams_word(&g, "minister", 8, 0, NULL) == NN_OK);
  CHECK(nn_ngrams_count(&g, "japan minister", 14) == 0);
  nn_ngrams_free(&g);
}

int main(void)
{
  if (nn_termres_init(&res, &nn_default_allocator) != NN_OK) return 1;
  test_fold();
  test_stopword_lists_folded();
  test_words();
  test_gaps();
  test_count_and_ngrams();
  test_guess();
  test_llr();
  test_collocations();
  nn_termres_free(&res);
  return ctest_report("terms");
}
