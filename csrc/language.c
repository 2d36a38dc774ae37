/* The language table and the language guess; see nn_language.h.
 *
 * The guess works in two steps.  The script that holds most of the letters
 * decides first: most scripts are written by one language that newsnlp
 * knows (Greek, Hangul, Thai, ...), and a few distinctive letters separate
 * the languages that share one (Ukrainian "ї є ґ" in Cyrillic, Persian
 * "پ چ ژ گ" in Arabic script).  Latin script, shared by most languages, is
 * decided by stopword profiles: each word that is a stopword of k languages
 * gives 1/k of a hit to each, and the language with the most hits wins.
 * Function words are the most frequent words of every language, so a
 * paragraph holds dozens of them; a title may hold none. */
#include <math.h>
#include <string.h>

#include "nn_language.h"
#include "nn_utf8.h"
#include "nn_wordlist.h"
#include "unicode_data.h"

#define POSS NN_LANG_POSSESSIVE
#define ELIS NN_LANG_ELISION

/* Snowball's languages carry their Snowball algorithm name as `name`, so
 * that nn_stemmer_name finds them; the others are here for scripts, and so
 * that their codes are known. */
const nn_language nn_languages[] = {
  { "am", "amharic", NN_SCRIPT_ETHIOPIC, 0 },
  { "ar", "arabic", NN_SCRIPT_ARABIC, 0 },
  { "be", "belarusian", NN_SCRIPT_CYRILLIC, 0 },
  { "bg", "bulgarian", NN_SCRIPT_CYRILLIC, 0 },
  { "bn", "bengali", NN_SCRIPT_BENGALI, 0 },
  { "ca", "catalan", NN_SCRIPT_LATIN, ELIS },
  { "cs", "czech", NN_SCRIPT_LATIN, 0 },
  { "da", "danish", NN_SCRIPT_LATIN, 0 },
  { "de", "german", NN_SCRIPT_LATIN, 0 },
  { "el", "greek", NN_SCRIPT_GREEK, 0 },
  { "en", "english", NN_SCRIPT_LATIN, POSS },
  { "es", "spanish", NN_SCRIPT_LATIN, 0 },
  { "eu", "basque", NN_SCRIPT_LATIN, 0 },
  { "fa", "persian", NN_SCRIPT_ARABIC, 0 },
  { "fi", "finnish", NN_SCRIPT_LATIN, 0 },
  { "fr", "french", NN_SCRIPT_LATIN, ELIS },
  { "ga", "irish", NN_SCRIPT_LATIN, 0 },
  { "he", "hebrew", NN_SCRIPT_HEBREW, 0 },
  { "hi", "hindi", NN_SCRIPT_DEVANAGARI, 0 },
  { "hr", "croatian", NN_SCRIPT_LATIN, 0 },
  { "hu", "hungarian", NN_SCRIPT_LATIN, 0 },
  { "hy", "armenian", NN_SCRIPT_ARMENIAN, 0 },
  { "id", "indonesian", NN_SCRIPT_LATIN, 0 },
  { "it", "italian", NN_SCRIPT_LATIN, ELIS },
  { "ja", "japanese", NN_SCRIPT_HAN, 0 },
  { "ka", "georgian", NN_SCRIPT_GEORGIAN, 0 },
  { "km", "khmer", NN_SCRIPT_KHMER, 0 },
  { "ko", "korean", NN_SCRIPT_HANGUL, 0 },
  { "lo", "lao", NN_SCRIPT_LAO, 0 },
  { "lt", "lithuanian", NN_SCRIPT_LATIN, 0 },
  { "mk", "macedonian", NN_SCRIPT_CYRILLIC, 0 },
  { "my", "burmese", NN_SCRIPT_MYANMAR, 0 },
  { "ne", "nepali", NN_SCRIPT_DEVANAGARI, 0 },
  { "nl", "dutch", NN_SCRIPT_LATIN, 0 },
  { "no", "norwegian", NN_SCRIPT_LATIN, 0 },
  { "pl", "polish", NN_SCRIPT_LATIN, 0 },
  { "pt", "portuguese", NN_SCRIPT_LATIN, 0 },
  { "ro", "romanian", NN_SCRIPT_LATIN, 0 },
  { "ru", "russian", NN_SCRIPT_CYRILLIC, 0 },
  { "sk", "slovak", NN_SCRIPT_LATIN, 0 },
  { "sl", "slovenian", NN_SCRIPT_LATIN, 0 },
  { "sr", "serbian", NN_SCRIPT_CYRILLIC, 0 },
  { "sv", "swedish", NN_SCRIPT_LATIN, 0 },
  { "ta", "tamil", NN_SCRIPT_TAMIL, 0 },
  { "th", "thai", NN_SCRIPT_THAI, 0 },
  { "tr", "turkish", NN_SCRIPT_LATIN, 0 },
  { "uk", "ukrainian", NN_SCRIPT_CYRILLIC, 0 },
  { "ur", "urdu", NN_SCRIPT_ARABIC, 0 },
  { "vi", "vietnamese", NN_SCRIPT_LATIN, 0 },
  { "yi", "yiddish", NN_SCRIPT_HEBREW, 0 },
  { "zh", "chinese", NN_SCRIPT_HAN, 0 },
};

const size_t nn_languages_count = sizeof nn_languages / sizeof nn_languages[0];

const nn_language *nn_language_find(const char *code, size_t len)
{
  size_t lo = 0, hi = nn_languages_count;
  if (len > NN_LANG_CODE_MAX) return NULL;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const char *c = nn_languages[mid].code;
    size_t clen = strlen(c);
    int cmp = memcmp(code, c, len < clen ? len : clen);
    if (cmp == 0) cmp = len < clen ? -1 : len > clen;
    if (cmp == 0) return &nn_languages[mid];
    if (cmp < 0) hi = mid;
    else lo = mid + 1;
  }
  return NULL;
}

int nn_language_code_valid(const char *code, size_t len)
{
  size_t i;
  if (len < 2 || len > NN_LANG_CODE_MAX) return 0;
  for (i = 0; i < len; i++)
    if (code[i] < 'a' || code[i] > 'z') return 0;
  return 1;
}

/* ---- stopword profiles --------------------------------------------------------------- */

void nn_langdb_free(nn_langdb *db)
{
  nn_free(db->words.alloc, db->mask, db->words.entry_cap * sizeof *db->mask);
  db->mask = NULL;
  nn_strmap_free(&db->words);
  db->nlists = 0;
}

int nn_langdb_init(nn_langdb *db, const nn_allocator *a)
{
  size_t i, k, cap = 0;
  nn_strmap_init(&db->words, a);
  db->mask = NULL;
  db->nlists = 0;
  db->scripts = 0;
  for (i = 0; i < nn_wordlists_count; i++) {
    const nn_wordlist *w = &nn_wordlists[i];
    const nn_language *lang;
    if (strcmp(w->kind, "stopwords") != 0) continue;
    lang = nn_language_find(w->name, strlen(w->name));
    if (!lang || db->nlists == NN_LANGDB_MAX) continue;
    db->code[db->nlists] = lang->code;
    db->script[db->nlists] = lang->script;
    if (lang->script < 32) db->scripts |= (uint32_t)1 << lang->script;
    for (k = 0; k < w->count; k++) {
      size_t len;
      const char *item = nn_wordlist_item(w, k, &len);
      uint32_t id;
      int rc = nn_strmap_intern(&db->words, item, len, &id);
      if (rc < 0) goto fail;
      if (db->words.entry_cap > cap) {
        size_t bytes;
        uint32_t *m;
        if (nn_mul_overflows(db->words.entry_cap, sizeof *m, &bytes)) {
          rc = NN_ETOOBIG;
          goto fail;
        }
        m = nn_realloc(a, db->mask, cap * sizeof *m, bytes);
        if (!m) goto fail;
        db->mask = m;
        cap = db->words.entry_cap;
      }
      if (rc == 1) db->mask[id] = 0;
      db->mask[id] |= (uint32_t)1 << db->nlists;
    }
    db->nlists++;
  }
  /* The mask array is freed with the map's entry capacity: keep them equal. */
  if (cap != db->words.entry_cap) goto fail;
  return NN_OK;
fail:
  if (db->mask) nn_free(a, db->mask, cap * sizeof *db->mask);
  db->mask = NULL;
  nn_strmap_free(&db->words);
  return NN_ENOMEM;
}

/* ---- distinctive letters ------------------------------------------------------------- */

/* Letters that one language of a shared script uses and its neighbours do
 * not (from the alphabets of each language).  A letter listed for two
 * languages counts for both. */
static const struct {
  int32_t cp;
  uint8_t hint; /* index into hint_langs */
} hint_letters[] = {
  /* Cyrillic: Ukrainian і ї є ґ; Belarusian і ў; Serbian ђ ћ and, with
   * Macedonian, љ њ џ ј; Macedonian ѓ ќ ѕ. */
  { 0x0456, 0 }, { 0x0457, 0 }, { 0x0454, 0 }, { 0x0491, 0 },
  { 0x0456, 1 }, { 0x045E, 1 },
  { 0x0452, 2 }, { 0x045B, 2 }, { 0x0459, 2 }, { 0x045A, 2 }, { 0x045F, 2 }, { 0x0458, 2 },
  { 0x0453, 3 }, { 0x045C, 3 }, { 0x0455, 3 }, { 0x0459, 3 }, { 0x045A, 3 }, { 0x045F, 3 },
  { 0x0458, 3 },
  /* Arabic script: Persian and Urdu پ چ ژ گ ک ی; Urdu alone ٹ ڈ ڑ ں ے ھ ہ. */
  { 0x067E, 4 }, { 0x0686, 4 }, { 0x0698, 4 }, { 0x06AF, 4 }, { 0x06A9, 4 }, { 0x06CC, 4 },
  { 0x067E, 5 }, { 0x0686, 5 }, { 0x0698, 5 }, { 0x06AF, 5 }, { 0x06A9, 5 }, { 0x06CC, 5 },
  { 0x0679, 5 }, { 0x0688, 5 }, { 0x0691, 5 }, { 0x06BA, 5 }, { 0x06D2, 5 }, { 0x06BE, 5 },
  { 0x06C1, 5 },
  /* Hebrew script: the Yiddish digraphs װ ױ ײ. */
  { 0x05F0, 6 }, { 0x05F1, 6 }, { 0x05F2, 6 },
};

static const struct {
  const char *code;
  uint8_t script;
} hint_langs[] = {
  { "uk", NN_SCRIPT_CYRILLIC }, { "be", NN_SCRIPT_CYRILLIC }, { "sr", NN_SCRIPT_CYRILLIC },
  { "mk", NN_SCRIPT_CYRILLIC }, { "fa", NN_SCRIPT_ARABIC }, { "ur", NN_SCRIPT_ARABIC },
  { "yi", NN_SCRIPT_HEBREW },
};

#define HINT_LANGS (sizeof hint_langs / sizeof hint_langs[0])

/* The language a script stands for when nothing else tells them apart. */
static const char *script_language(int script)
{
  switch (script) {
  case NN_SCRIPT_GREEK: return "el";
  case NN_SCRIPT_CYRILLIC: return "ru";
  case NN_SCRIPT_ARMENIAN: return "hy";
  case NN_SCRIPT_HEBREW: return "he";
  case NN_SCRIPT_ARABIC: return "ar";
  case NN_SCRIPT_DEVANAGARI: return "hi";
  case NN_SCRIPT_BENGALI: return "bn";
  case NN_SCRIPT_THAI: return "th";
  case NN_SCRIPT_LAO: return "lo";
  case NN_SCRIPT_KHMER: return "km";
  case NN_SCRIPT_MYANMAR: return "my";
  case NN_SCRIPT_GEORGIAN: return "ka";
  case NN_SCRIPT_HANGUL: return "ko";
  case NN_SCRIPT_HIRAGANA:
  case NN_SCRIPT_KATAKANA: return "ja";
  case NN_SCRIPT_HAN: return "zh";
  case NN_SCRIPT_ETHIOPIC: return "am";
  case NN_SCRIPT_TAMIL: return "ta";
  default: return NULL;
  }
}

int nn_language_guessable(const nn_langdb *db, const char *code)
{
  size_t k;
  int s;
  for (k = 0; k < db->nlists; k++)
    if (strcmp(db->code[k], code) == 0) return 1;
  for (k = 0; k < HINT_LANGS; k++)
    if (strcmp(hint_langs[k].code, code) == 0) return 1;
  for (s = 0; s < NN_SCRIPT__COUNT; s++) {
    const char *l = script_language(s);
    if (l && strcmp(l, code) == 0) return 1;
  }
  return 0;
}

/* ---- scoring ------------------------------------------------------------------------- */

void nn_langscore_init(nn_langscore *sc)
{
  memset(sc, 0, sizeof *sc);
}

static int popcount32(uint32_t m)
{
  int n = 0;
  while (m) {
    m &= m - 1;
    n++;
  }
  return n;
}

/* Counts w as a stopword hit if it is one; a word in k lists gives 1/k to each. */
static int stop_hit(const nn_langdb *db, nn_langscore *sc, const char *w, size_t n)
{
  int64_t id = nn_strmap_find(&db->words, w, n);
  uint32_t m;
  double share;
  size_t k;
  if (id < 0) return 0;
  m = db->mask[id];
  share = 1.0 / popcount32(m);
  for (k = 0; k < db->nlists; k++)
    if (m & ((uint32_t)1 << k)) {
      sc->stop[k] += share;
      sc->stop_words[k]++;
    }
  sc->stop_total += 1.0;
  return 1;
}

int nn_langscore_letters(nn_langscore *sc, const char *raw, size_t rawlen)
{
  const unsigned char *u = (const unsigned char *)raw;
  size_t i = 0;
  int first = -1;
  while (i < rawlen) {
    int32_t cp;
    const nn_uniprop *p;
    if (u[i] < 0x80) {
      /* ASCII letters are Latin; digits and the rest are no letters. */
      unsigned c = u[i] | 0x20u;
      if (c >= 'a' && c <= 'z') {
        sc->letters[NN_SCRIPT_LATIN]++;
        if (first < 0) first = NN_SCRIPT_LATIN;
      }
      i++;
      continue;
    }
    i += nn_utf8_decode(u + i, rawlen - i, &cp);
    if (cp == NN_UTF8_INVALID) continue;
    p = nn_uniprop_of(cp);
    if (!(p->flags & NN_UF_ALPHABETIC) && !(p->flags & NN_UF_IDEOGRAPHIC)) continue;
    if (p->script < 32) sc->letters[p->script]++;
    if (first < 0) first = p->script;
    /* Every distinctive letter lies in these two ranges: most letters skip the search. */
    if ((cp >= 0x0452 && cp <= 0x0491) || (cp >= 0x05F0 && cp <= 0x06D2)) {
      size_t k;
      for (k = 0; k < sizeof hint_letters / sizeof hint_letters[0]; k++)
        if (hint_letters[k].cp == cp) sc->hints[hint_letters[k].hint]++;
    }
  }
  if (first == NN_SCRIPT_LATIN) sc->latin_words++;
  return first;
}

void nn_langscore_stopword(const nn_langdb *db, nn_langscore *sc, const char *folded,
                           size_t foldlen)
{
  size_t start = 0, k;
  if (stop_hit(db, sc, folded, foldlen)) return;
  /* Elisions and clitics ("l'autorité", "qu'il", "c'est") and hyphenated
   * compounds ("celle-ci", "dit-il") hold stopwords in their parts. */
  for (k = 0; k <= foldlen; k++) {
    if (k < foldlen && folded[k] != '\'' && folded[k] != '-') continue;
    if (start == 0 && k == foldlen) break; /* no separator: looked up whole */
    if (k > start) stop_hit(db, sc, folded + start, k - start);
    start = k + 1;
  }
}

void nn_langscore_word(const nn_langdb *db, nn_langscore *sc, const char *raw, size_t rawlen,
                       const char *folded, size_t foldlen)
{
  nn_langscore_letters(sc, raw, rawlen);
  nn_langscore_stopword(db, sc, folded, foldlen);
}

static void set_guess(nn_langguess *g, const char *code, double confidence)
{
  size_t n = strlen(code);
  if (n > NN_LANG_CODE_MAX) n = NN_LANG_CODE_MAX;
  memcpy(g->code, code, n);
  g->code[n] = '\0';
  if (confidence < 0) confidence = 0;
  if (confidence > 1) confidence = 1;
  g->confidence = confidence;
}

/* How much n observations support a decision: 0 for none, near 1 for many. */
static double evidence(double n, double scale)
{
  return 1.0 - exp(-n / scale);
}

int nn_langscore_settled(const nn_langdb *db, const nn_langscore *sc)
{
  uint64_t total = 0, top = 0;
  double best = 0, second = 0;
  int s, top_script = -1;
  size_t k, best_list = 0;
  for (s = 0; s < 32; s++) {
    if (s == NN_SCRIPT_COMMON || s == NN_SCRIPT_INHERITED) continue;
    total += sc->letters[s];
    if (sc->letters[s] > top) {
      top = sc->letters[s];
      top_script = s;
    }
  }
  if (top_script != NN_SCRIPT_LATIN) return top >= 300 && top * 20 >= total * 19;
  for (k = 0; k < db->nlists; k++) {
    double v = sc->stop[k];
    if (db->script[k] != NN_SCRIPT_LATIN) continue;
    if (v > best) {
      second = best;
      best = v;
      best_list = k;
    } else if (v > second) {
      second = v;
    }
  }
  /* A lead of 12 hits: the confidence is above 0.99 and stays there. */
  return best - second >= 12 && top * 20 >= total * 19 &&
         (double)sc->stop_words[best_list] >= 0.15 * (double)sc->latin_words;
}

void nn_langscore_decide(const nn_langdb *db, const nn_langscore *sc, nn_langguess *g)
{
  uint64_t total = 0, top = 0, cjk;
  int script = -1, s;
  size_t k;
  double share;
  set_guess(g, NN_LANG_UNDETERMINED, 0);
  for (s = 0; s < 32; s++) {
    if (s == NN_SCRIPT_COMMON || s == NN_SCRIPT_INHERITED) continue;
    total += sc->letters[s];
  }
  if (total == 0) return;
  /* Binary data decodes to a few letters among many ill-formed bytes, and
   * its short "words" hit stopwords by chance; text, even with some damage,
   * has far more letters than bad bytes. */
  if (sc->invalid * 10 > total) return;
  /* Han and kana are one writing system for this purpose. */
  cjk = sc->letters[NN_SCRIPT_HAN] + sc->letters[NN_SCRIPT_HIRAGANA] +
        sc->letters[NN_SCRIPT_KATAKANA];
  for (s = 0; s < 32; s++) {
    uint64_t n = sc->letters[s];
    if (s == NN_SCRIPT_COMMON || s == NN_SCRIPT_INHERITED) continue;
    if (s == NN_SCRIPT_HAN || s == NN_SCRIPT_HIRAGANA || s == NN_SCRIPT_KATAKANA) n = cjk;
    if (n > top) {
      top = n;
      script = s;
    }
  }
  share = (double)top / (double)total;

  if (script == NN_SCRIPT_LATIN) {
    /* Stopword profiles of the languages written in Latin script. */
    double best = 0, second = 0, sum = 0;
    int best_list = -1;
    for (k = 0; k < db->nlists; k++) {
      double v = sc->stop[k];
      if (db->script[k] != NN_SCRIPT_LATIN) continue;
      sum += v;
      if (v > best) {
        second = best;
        best = v;
        best_list = (int)k;
      } else if (v > second) {
        second = v;
      }
    }
    if (best_list < 0 || sum < 2.0 || best == second) return;
    /* Function words are a third or more of any text in a language; text in
     * a language without a profile shares a few with some profile, by
     * chance.  Too few of its words in the best profile: undetermined. */
    if ((double)sc->stop_words[best_list] < 0.15 * (double)sc->latin_words) return;
    /* Confidence grows with the lead in hits over the runner-up, whatever
     * their total: closely related languages share most function words, so
     * a few words of one list only ("los", "las") settle it. */
    set_guess(g, db->code[best_list], share * evidence(best - second, 2.0));
    return;
  }

  if (script == NN_SCRIPT_HAN || script == NN_SCRIPT_HIRAGANA || script == NN_SCRIPT_KATAKANA) {
    uint64_t kana = sc->letters[NN_SCRIPT_HIRAGANA] + sc->letters[NN_SCRIPT_KATAKANA];
    if (cjk < 2) return;
    /* Japanese mixes kana into nearly every sentence; Chinese has none. */
    set_guess(g, kana * 20 > cjk ? "ja" : "zh", share * evidence((double)cjk, 4.0));
    return;
  }

  if (script >= 0 && script_language(script)) {
    const char *code = script_language(script);
    uint64_t letters = sc->letters[script], best_hint = 0;
    if (letters < 4) return;
    /* A distinctive letter now and then is a loan word; a language uses its
     * letters throughout (at least 1 letter in 200). */
    for (k = 0; k < HINT_LANGS; k++) {
      if (hint_langs[k].script != script) continue;
      if (sc->hints[k] > best_hint && sc->hints[k] >= 2 && sc->hints[k] * 200 >= letters) {
        best_hint = sc->hints[k];
        code = hint_langs[k].code;
      }
    }
    set_guess(g, code, share * evidence((double)letters, 12.0));
  }
}
