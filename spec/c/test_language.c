/* The language table, stopword lists and profiles, the Snowball stemmers,
 * string counting and checksums. */
#include <libstemmer.h>
#include <stdio.h>

#include "newsnlp.h"
#include "ctest.h"

static void test_table(void)
{
  size_t i;
  for (i = 1; i < nn_languages_count; i++)
    CHECK(strcmp(nn_languages[i - 1].code, nn_languages[i].code) < 0); /* binary search */
  for (i = 0; i < nn_languages_count; i++) {
    const char *code = nn_languages[i].code;
    CHECK(nn_language_code_valid(code, strlen(code)));
    CHECK(nn_language_find(code, strlen(code)) == &nn_languages[i]);
  }
  CHECK(nn_language_find("xx", 2) == NULL);
  CHECK(nn_language_find("english", 7) == NULL);
  CHECK(nn_language_find("e", 1) == NULL);
  CHECK(nn_language_code_valid("und", 3));
  CHECK(!nn_language_code_valid("EN", 2));
  CHECK(!nn_language_code_valid("e", 1));
  CHECK(!nn_language_code_valid("engl", 4));
  CHECK(!nn_language_code_valid("e1", 2));
}

/* Every algorithm libstemmer offers is reachable through a language code
 * ("porter" is the original English algorithm, not a language). */
static void test_stemmers(void)
{
  const char **names = sb_stemmer_list();
  nn_stemmers cache;
  struct sb_stemmer *st;
  const char *out;
  size_t outlen, i, k, found = 0;
  int status;
  for (i = 0; names[i]; i++) {
    int reachable = 0;
    if (strcmp(names[i], "porter") == 0) continue;
    for (k = 0; k < nn_languages_count; k++) {
      const char *name = nn_stemmer_name(nn_languages[k].code);
      if (name && strcmp(name, names[i]) == 0) reachable = 1;
    }
    if (!reachable) fprintf(stderr, "no language code for the stemmer '%s'\n", names[i]);
    CHECK(reachable);
    found++;
  }
  CHECK(found >= 28);
  CHECK(nn_stemmer_name("zh") == NULL);
  CHECK(strcmp(nn_stemmer_name("en"), "english") == 0);

  nn_stemmers_init(&cache);
  st = nn_stemmers_get(&cache, "en", &status);
  CHECK(st != NULL && status == NN_OK);
  CHECK(nn_stemmers_get(&cache, "en", &status) == st); /* cached */
  CHECK(nn_stem(st, "governments", 11, &out, &outlen) == NN_OK);
  CHECK(outlen == 6 && memcmp(out, "govern", 6) == 0);
  st = nn_stemmers_get(&cache, "de", &status);
  CHECK(nn_stem(st, "regierungen", 11, &out, &outlen) == NN_OK);
  CHECK(outlen == 6 && memcmp(out, "regier", 6) == 0);
  st = nn_stemmers_get(&cache, "ru", &status);
  /* "правительства" (government, genitive) -> "правительств" */
  CHECK(nn_stem(st, "\320\277\321\200\320\260\320\262\320\270\321\202\320\265\320\273\321\214"
                    "\321\201\321\202\320\262\320\260", 26, &out, &outlen) == NN_OK);
  CHECK(outlen == 24);
  CHECK(nn_stemmers_get(&cache, "zh", &status) == NULL && status == NN_OK);
  nn_stemmers_free(&cache);
}

/* The stopword lists: present and sorted (their case folding is checked
 * with the term pipeline, in test_terms.c). */
static void test_stopword_lists(void)
{
  static const char *const required[] = { "en", "de", "fr", "es", "it", "pt", "nl", "ru" };
  size_t i, k;
  for (i = 0; i < sizeof required / sizeof required[0]; i++) {
    const nn_wordlist *w = nn_wordlist_get("stopwords", required[i]);
    CHECK(w != NULL);
    if (!w) continue;
    CHECK(w->count >= 100);
    for (k = 1; k < w->count; k++) {
      size_t a, b;
      const char *x = nn_wordlist_item(w, k - 1, &a), *y = nn_wordlist_item(w, k, &b);
      int c = memcmp(x, y, a < b ? a : b);
      CHECK(c < 0 || (c == 0 && a < b));
    }
    CHECK(nn_wordlist_contains(w, "xyzzy", 5) == 0);
  }
  CHECK(nn_wordlist_contains(nn_wordlist_get("stopwords", "en"), "the", 3));
  CHECK(nn_wordlist_contains(nn_wordlist_get("stopwords", "de"), "dass", 4));
}

static void test_profiles(void)
{
  nn_langdb db;
  nn_langscore sc;
  nn_langguess g;
  size_t i;
  int64_t id;
  static const char *const german[] = { "die", "regierung", "hat", "nicht", "mit", "der",
                                        "opposition", "und", "den", "gewerkschaften" };
  CHECK(nn_langdb_init(&db, &nn_default_allocator) == NN_OK);
  CHECK(db.nlists >= 8);
  id = nn_strmap_find(&db.words, "de", 2); /* French, Spanish, Portuguese, Dutch */
  CHECK(id >= 0);
  nn_langscore_init(&sc);
  for (i = 0; i < sizeof german / sizeof german[0]; i++)
    nn_langscore_word(&db, &sc, german[i], strlen(german[i]), german[i], strlen(german[i]));
  nn_langscore_decide(&db, &sc, &g);
  CHECK(strcmp(g.code, "de") == 0);
  CHECK(g.confidence > 0.3 && g.confidence <= 1);

  /* One stopword is not evidence enough. */
  nn_langscore_init(&sc);
  nn_langscore_word(&db, &sc, "the", 3, "the", 3);
  nn_langscore_word(&db, &sc, "Obama", 5, "obama", 5);
  nn_langscore_decide(&db, &sc, &g);
  CHECK(strcmp(g.code, "und") == 0 && g.confidence == 0);

  /* Nothing at all. */
  nn_langscore_init(&sc);
  nn_langscore_decide(&db, &sc, &g);
  CHECK(strcmp(g.code, "und") == 0);

  /* Script decides: Greek "κυβέρνηση" (government). */
  nn_langscore_init(&sc);
  nn_langscore_word(&db, &sc, "\316\272\317\205\316\262\316\255\317\201\316\275\316\267\317\203"
                              "\316\267", 18, "", 0);
  nn_langscore_decide(&db, &sc, &g);
  CHECK(strcmp(g.code, "el") == 0);

  /* Ukrainian letters in Cyrillic: "їжак і євро" twice. */
  nn_langscore_init(&sc);
  for (i = 0; i < 2; i++) {
    nn_langscore_word(&db, &sc, "\321\227\320\266\320\260\320\272", 8, "", 0);
    nn_langscore_word(&db, &sc, "\321\226", 2, "", 0);
    nn_langscore_word(&db, &sc, "\321\224\320\262\321\200\320\276", 8, "", 0);
  }
  nn_langscore_decide(&db, &sc, &g);
  CHECK(strcmp(g.code, "uk") == 0);
  nn_langdb_free(&db);
}

static void test_counter(void)
{
  nn_freqmap c;
  uint32_t id, *ids;
  uint64_t df;
  nn_freqmap_init(&c, &nn_default_allocator, 1);
  CHECK(nn_freqmap_add(&c, "bank", 4, 1, &id) == NN_OK && id == 0);
  CHECK(nn_freqmap_add(&c, "bank", 4, 1, &id) == NN_OK && id == 0);
  CHECK(nn_freqmap_add(&c, "yen", 3, 1, &id) == NN_OK && id == 1);
  nn_freqmap_next_document(&c);
  CHECK(nn_freqmap_add(&c, "bank", 4, 1, &id) == NN_OK);
  CHECK(nn_freqmap_add(&c, "athens", 6, 1, &id) == NN_OK && id == 2);
  CHECK(nn_freqmap_get(&c, "bank", 4, &df) == 3 && df == 2);
  CHECK(nn_freqmap_get(&c, "yen", 3, &df) == 1 && df == 1);
  CHECK(nn_freqmap_get(&c, "zzz", 3, &df) == 0 && df == 0);
  CHECK(c.total == 5);
  CHECK(nn_sorted_ids(&c.map, &ids) == NN_OK);
  CHECK(ids[0] == 2 && ids[1] == 0 && ids[2] == 1); /* athens, bank, yen */
  nn_free(&nn_default_allocator, ids, 3 * sizeof *ids);
  CHECK(nn_freqmap_ranked_ids(&c, &ids) == NN_OK);
  CHECK(ids[0] == 0 && ids[1] == 2 && ids[2] == 1); /* bank (3), then athens, yen by name */
  nn_free(&nn_default_allocator, ids, 3 * sizeof *ids);
  /* Counts never wrap. */
  CHECK(nn_freqmap_add(&c, "yen", 3, UINT64_MAX, &id) == NN_ETOOBIG);
  /* The document marks wrap around without a false match. */
  c.mark = UINT32_MAX;
  nn_freqmap_next_document(&c);
  CHECK(c.mark == 1);
  CHECK(nn_freqmap_add(&c, "bank", 4, 1, &id) == NN_OK);
  CHECK(nn_freqmap_get(&c, "bank", 4, &df) == 4 && df == 3);
  nn_freqmap_free(&c);
}

static void test_checksums(void)
{
  /* The standard check values of CRC-32 and FNV-1a. */
  CHECK(nn_crc32(0, "123456789", 9) == 0xCBF43926u);
  CHECK(nn_crc32(nn_crc32(0, "1234", 4), "56789", 5) == 0xCBF43926u);
  CHECK(nn_crc32(0, "", 0) == 0);
  CHECK(nn_fnv1a64(NN_FNV1A64_INIT, "", 0) == 0xCBF29CE484222325ULL);
  CHECK(nn_fnv1a64(NN_FNV1A64_INIT, "a", 1) == 0xAF63DC4C8601EC8CULL);
}

int main(void)
{
  test_table();
  test_stemmers();
  test_stopword_lists();
  test_profiles();
  test_counter();
  test_checksums();
  return ctest_report("language");
}
