/* Text statistics (see nn_stats.h): words, quotation, syllables, readability.
 *
 * Syllable counting, per language, over each run of letters of a word (a
 * run without a vowel adds nothing: "don't" is "don" + "t"; a word counts at
 * least one syllable):
 *   en  groups of the vowels a e i o u y (y is a consonant before a vowel at
 *       the start: "yes"), minus a silent final e ("make"; not in "-le" after
 *       a consonant: "ta-ble", nor in "-ee", "-ye"), minus a silent "-es"
 *       ("makes"; not after c g s x z, ch, sh or a consonant + l: "box-es",
 *       "ta-bles") and a silent "-ed" (not after t or d: "want-ed"); plus one
 *       for the vowel pairs read as two syllables ia io ua uo ("ra-di-o";
 *       not in -cia- -tia- -cio- -tio- -sio- -gio-: "so-cial", "na-tion"), ie
 *       before t, nt, nc ("qui-et", "cli-ent"; not "pa-tient"), a final ea
 *       or eo ("i-de-a", "vi-de-o"), and for "-ism".  Good to within a
 *       syllable for most words ("busi-ness", "po-em", "cre-a-ted" are
 *       among the misses); proper names and loanwords vary.
 *   de  groups of a e i o u y ä ö ü (diphthongs ei au eu äu ie are one group);
 *   nl  groups of a e i o u y and the accented vowels; ë and ï (the trema)
 *       start a new syllable ("ru-ï-ne");
 *   es, pt  groups of the vowels, where two strong vowels (a e o, accented or
 *       not) and an accented i or u next to another vowel are two syllables
 *       ("le-er", "dí-a"); Portuguese nasal diphthongs (ão, õe, ãe) are one;
 *   fr  groups of the vowels (with y, é è ê ë à â î ï ô û ù ü ÿ œ æ), minus
 *       a mute final e or es after a consonant ("ta-ble" reads "table");
 *   it  groups of the vowels (Gulpease counts letters, not syllables);
 *   ru  each vowel а е ё и о у ы э ю я is one syllable. */
#include <math.h>
#include <string.h>

#include <utf8proc.h>

#include "nn_stats.h"
#include "nn_utf8.h"
#include "unicode_data.h"

/* ---- characters ----------------------------------------------------------------------- */

static int32_t char_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
  int32_t cp;
  if (s[i] < 0x80) {
    *n = 1;
    return s[i];
  }
  *n = nn_utf8_decode(s + i, len - i, &cp);
  return cp < 0 ? 0xFFFD : cp;
}

static int is_white(int32_t cp) { return (nn_uniprop_of(cp)->flags & NN_UF_WHITE_SPACE) != 0; }

static int is_letter(int32_t cp)
{
  int gc = nn_uniprop_of(cp)->gc;
  return gc >= NN_GC_LU && gc <= NN_GC_LO;
}

static int is_alnum(int32_t cp)
{
  int gc = nn_uniprop_of(cp)->gc;
  return (gc >= NN_GC_LU && gc <= NN_GC_LO) || gc == NN_GC_ND;
}

size_t nn_count_chars(const char *str, size_t a, size_t b)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = a, count = 0;
  while (i < b) {
    size_t n;
    if (s[i] < 0x80) n = 1;
    else char_at(s, b, i, &n);
    i += n;
    count++;
  }
  return count;
}

/* ---- quotation ------------------------------------------------------------------------ */

void nn_quote_init(nn_quote_state *q)
{
  q->double_open = 0;
  q->single_open = 0;
}

void nn_quote_step(nn_quote_state *q, int32_t prev, int32_t cp, int32_t next)
{
  int before_word, after_word;
  switch (cp) {
  case '"':
    q->double_open = q->double_open ? 0 : '"';
    return;
  case 0x201C: /* “ closes „ (German), else opens */
    q->double_open = q->double_open == 0x201E ? 0 : 0x201C;
    return;
  case 0x201E: /* „ */
    q->double_open = 0x201E;
    return;
  case 0x201D: /* ” closes, or opens (Swedish ”...”) */
    q->double_open = q->double_open ? 0 : 0x201D;
    return;
  case 0xAB: /* « closes what » opened (German »...«), else opens */
    q->double_open = q->double_open == 0xBB ? 0 : 0xAB;
    return;
  case 0xBB:
    q->double_open = q->double_open == 0xAB ? 0 : 0xBB;
    return;
  case 0x2039: /* ‹ › */
  case 0x203A:
  case 0x2018: /* ‘ ‚ open */
  case 0x201A:
    if (cp == 0x203A && q->single_open) q->single_open = 0;
    else if (cp == 0x2039 && q->single_open) q->single_open = 0;
    else q->single_open = 1;
    return;
  case '\'':
  case 0x2019:
    before_word = prev != 0 && is_alnum(prev);
    after_word = next != 0 && is_alnum(next);
    if (before_word && after_word) return; /* don't, it’s */
    if (q->single_open) {
      if (!after_word) q->single_open = 0;
      return;
    }
    if (!before_word && (after_word || next == 0 || is_white(next))) q->single_open = 1;
    return; /* "Jones' car": an apostrophe */
  default:
    return;
  }
}

static int is_quote_mark(int32_t cp)
{
  switch (cp) {
  case '"': case '\'': case 0xAB: case 0xBB: case 0x2018: case 0x2019: case 0x201A: case 0x201C:
  case 0x201D: case 0x201E: case 0x2039: case 0x203A:
    return 1;
  default:
    return 0;
  }
}

/* ASCII: 1 white space, 2 letter or digit. */
static const unsigned char ascii_kind[128] = {
  ['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1,
  ['0'] = 2, ['1'] = 2, ['2'] = 2, ['3'] = 2, ['4'] = 2, ['5'] = 2, ['6'] = 2, ['7'] = 2, ['8'] = 2, ['9'] = 2,
  ['A'] = 2, ['B'] = 2, ['C'] = 2, ['D'] = 2, ['E'] = 2, ['F'] = 2, ['G'] = 2, ['H'] = 2, ['I'] = 2,
  ['J'] = 2, ['K'] = 2, ['L'] = 2, ['M'] = 2, ['N'] = 2, ['O'] = 2, ['P'] = 2, ['Q'] = 2, ['R'] = 2,
  ['S'] = 2, ['T'] = 2, ['U'] = 2, ['V'] = 2, ['W'] = 2, ['X'] = 2, ['Y'] = 2, ['Z'] = 2,
  ['a'] = 2, ['b'] = 2, ['c'] = 2, ['d'] = 2, ['e'] = 2, ['f'] = 2, ['g'] = 2, ['h'] = 2, ['i'] = 2,
  ['j'] = 2, ['k'] = 2, ['l'] = 2, ['m'] = 2, ['n'] = 2, ['o'] = 2, ['p'] = 2, ['q'] = 2, ['r'] = 2,
  ['s'] = 2, ['t'] = 2, ['u'] = 2, ['v'] = 2, ['w'] = 2, ['x'] = 2, ['y'] = 2, ['z'] = 2,
};

size_t nn_count_words(const char *str, size_t a, size_t b, nn_quote_state *q, size_t *quoted)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = a, words = 0, n;
  int32_t prev = 0, cp;
  int in_word = 0, counted = 0, start_quoted = 0;
  if (quoted) *quoted = 0;
  while (i < b) {
    int kind;
    if (s[i] < 0x80) {
      cp = s[i];
      n = 1;
      kind = ascii_kind[cp];
    } else {
      cp = char_at(s, b, i, &n);
      kind = is_white(cp) ? 1 : is_alnum(cp) ? 2 : 0;
    }
    if (kind == 1) {
      in_word = 0;
    } else {
      if (!in_word) {
        in_word = 1;
        counted = 0;
        start_quoted = q && nn_quote_inside(q);
      }
      if (q && is_quote_mark(cp)) {
        size_t m;
        int32_t next = i + n < b ? char_at(s, b, i + n, &m) : 0;
        nn_quote_step(q, prev, cp, next);
      }
      if (!counted && kind == 2) {
        counted = 1;
        words++;
        /* a word that opens a quotation is inside it: "'We won,'" */
        if (quoted && (start_quoted || nn_quote_inside(q))) (*quoted)++;
      }
    }
    prev = cp;
    i += n;
  }
  return words;
}

/* ---- syllables ------------------------------------------------------------------------ */

#define SYL_MAX 64 /* letters of a run read with the full rules */

nn_read_lang nn_read_lang_of(const char *code, size_t len)
{
  static const char *const codes[] = { "en", "de", "es", "fr", "it", "nl", "pt", "ru" };
  static const nn_read_lang langs[] = { NN_READ_EN, NN_READ_DE, NN_READ_ES, NN_READ_FR,
                                        NN_READ_IT, NN_READ_NL, NN_READ_PT, NN_READ_RU };
  size_t i;
  if (!code || len != 2) return NN_READ_NONE;
  for (i = 0; i < sizeof codes / sizeof codes[0]; i++)
    if (memcmp(codes[i], code, 2) == 0) return langs[i];
  return NN_READ_NONE;
}

static int is_vowel(int32_t c, nn_read_lang l)
{
  switch (c) {
  case 'a': case 'e': case 'i': case 'o': case 'u':
    return l != NN_READ_RU;
  case 'y':
    return l == NN_READ_EN || l == NN_READ_DE || l == NN_READ_FR || l == NN_READ_NL;
  case 0xE0: case 0xE1: case 0xE2: case 0xE3: case 0xE4: case 0xE8: case 0xE9: case 0xEA:
  case 0xEB: case 0xEC: case 0xED: case 0xEE: case 0xEF: case 0xF2: case 0xF3: case 0xF4:
  case 0xF5: case 0xF6: case 0xF9: case 0xFA: case 0xFB: case 0xFC: case 0xFF: case 0x153:
  case 0xE6:
    return l != NN_READ_RU;
  case 0x430: case 0x435: case 0x451: case 0x438: case 0x43E: case 0x443: case 0x44B:
  case 0x44D: case 0x44E: case 0x44F:
    return l == NN_READ_RU;
  default:
    return 0;
  }
}

/* Strong vowels of Spanish and Portuguese hiatus: a e o, accented or not. */
static int is_strong(int32_t c)
{
  return c == 'a' || c == 'e' || c == 'o' || c == 0xE1 || c == 0xE9 || c == 0xF3 || c == 0xE0 ||
         c == 0xE2 || c == 0xEA || c == 0xF4 || c == 0xE3 || c == 0xF5;
}

static int ends_with(const int32_t *w, size_t n, const char *tail)
{
  size_t k = strlen(tail), i;
  if (k > n) return 0;
  for (i = 0; i < k; i++)
    if (w[n - k + i] != (unsigned char)tail[i]) return 0;
  return 1;
}

static size_t english_run(const int32_t *w, size_t n)
{
  size_t count = 0, i;
  int prev_vowel = 0;
  for (i = 0; i < n; i++) {
    int v = is_vowel(w[i], NN_READ_EN);
    if (w[i] == 'y' && i == 0 && n > 1 && is_vowel(w[1], NN_READ_EN)) v = 0; /* yes, you */
    if (v && !prev_vowel) count++;
    if (v && prev_vowel && i >= 1) {
      int32_t a = w[i - 1], c = w[i], before = i >= 2 ? w[i - 2] : 0, after = i + 1 < n ? w[i + 1] : 0;
      int soft = before == 'c' || before == 't' || before == 's' || before == 'g';
      /* vowel pairs read as two: ra-di-o, du-al; not so-cial, na-tion, quo-ta */
      if ((a == 'i' || a == 'u') && (c == 'a' || c == 'o') && !(a == 'i' && soft) &&
          !(a == 'u' && (before == 'q' || before == 'g')))
        count++;
      /* qui-et, so-ci-e-ty, cli-ent, au-di-ence; not pa-tient, friend */
      else if (a == 'i' && c == 'e' && !soft &&
               (after == 't' || (after == 'n' && i + 2 < n && (w[i + 2] == 't' || w[i + 2] == 'c'))))
        count++;
      /* final -ea, -eo: a-re-a, i-de-a, vi-de-o; not sea, tea */
      else if (a == 'e' && (c == 'a' || c == 'o') && i + 1 == n && n >= 4)
        count++;
    }
    prev_vowel = v;
  }
  if (count == 0) return 0;
  if (n >= 3 && w[n - 1] == 'e' && !is_vowel(w[n - 2], NN_READ_EN)) {
    int le = w[n - 2] == 'l' && n >= 3 && !is_vowel(w[n - 3], NN_READ_EN);
    if (!le && count > 1) count--; /* make, time; not table */
  } else if (n >= 4 && ends_with(w, n, "es") && !is_vowel(w[n - 3], NN_READ_EN)) {
    int32_t c = w[n - 3], b = w[n - 4];
    int voiced = c == 'c' || c == 'g' || c == 's' || c == 'x' || c == 'z' || (c == 'h' && (b == 'c' || b == 's')) ||
                 (c == 'l' && !is_vowel(b, NN_READ_EN));
    if (!voiced && count > 1) count--; /* makes; not boxes, tables */
  } else if (n >= 4 && ends_with(w, n, "ed") && !is_vowel(w[n - 3], NN_READ_EN)) {
    if (w[n - 3] != 't' && w[n - 3] != 'd' && count > 1) count--; /* jumped; not wanted */
  }
  if (n >= 4 && ends_with(w, n, "ism")) count++;
  return count;
}

static size_t group_run(const int32_t *w, size_t n, nn_read_lang l)
{
  size_t count = 0, i;
  int prev_vowel = 0;
  for (i = 0; i < n; i++) {
    int v = is_vowel(w[i], l);
    if (v && (!prev_vowel || l == NN_READ_RU)) {
      count++;
    } else if (v && prev_vowel) {
      int32_t a = w[i - 1], c = w[i];
      if (l == NN_READ_NL && (c == 0xEB || c == 0xEF)) count++; /* ruïne */
      if (l == NN_READ_ES || l == NN_READ_PT) {
        int nasal = l == NN_READ_PT && (a == 0xE3 || a == 0xF5); /* ão, õe */
        if (!nasal && ((is_strong(a) && is_strong(c)) || c == 0xED || c == 0xFA || a == 0xED || a == 0xFA))
          count++;
      }
    }
    prev_vowel = v;
  }
  if (l == NN_READ_FR && count > 1 && n >= 3) {
    size_t k = n;
    if (w[k - 1] == 's') k--;
    if (k >= 3 && w[k - 1] == 'e' && !is_vowel(w[k - 2], l)) count--; /* table, tables */
  }
  return count;
}

size_t nn_syllables(const char *str, size_t len, nn_read_lang l)
{
  const unsigned char *s = (const unsigned char *)str;
  int32_t run[SYL_MAX];
  size_t i = 0, n = 0, total = 0;
  int long_run = 0, prev_vowel = 0;
  for (;;) {
    size_t k = 1;
    int32_t cp = i < len ? char_at(s, len, i, &k) : 0;
    if (i < len && is_letter(cp)) {
      cp = utf8proc_tolower(cp);
      if (n < SYL_MAX) {
        run[n++] = cp;
      } else {
        /* a very long run: plain vowel groups for the rest */
        int v = is_vowel(cp, l);
        if (!long_run) prev_vowel = is_vowel(run[n - 1], l);
        long_run = 1;
        if (v && !prev_vowel) total++;
        prev_vowel = v;
      }
    } else if (n > 0) {
      total += l == NN_READ_EN ? english_run(run, n) : group_run(run, n, l);
      n = 0;
      long_run = 0;
    }
    if (i >= len) break;
    i += k;
  }
  return total > 0 ? total : 1;
}

/* ---- the statistics ------------------------------------------------------------------- */

void nn_stats_opts_init(nn_stats_opts *o)
{
  nn_sentence_opts_init(&o->sentence);
  o->read_lang = NN_READ_NONE;
  o->long_sentence = 25;
  o->whole_text = 0;
}

/* Counts the sentence s[a..b) into *st, the quotation state going on. */
static void count_sentence(const unsigned char *s, size_t a, size_t b, const nn_stats_opts *o,
                           nn_quote_state *q, nn_stats_result *st)
{
  size_t i = a, words, quoted, n;
  words = nn_count_words((const char *)s, a, b, q, &quoted);
  st->words += words;
  st->quoted_words += quoted;
  st->sentences++;
  st->characters += nn_count_chars((const char *)s, a, b);
  if (words > o->long_sentence) st->long_sentences++;
  if (words > st->longest_sentence) st->longest_sentence = words;
  /* letters and syllables, word by word */
  while (i < b) {
    size_t w = i, letters = 0;
    int alnum = 0;
    int32_t cp = char_at(s, b, i, &n);
    if (is_white(cp)) {
      i += n;
      continue;
    }
    while (i < b) {
      cp = char_at(s, b, i, &n);
      if (is_white(cp)) break;
      if (is_letter(cp)) letters++;
      if (!alnum && is_alnum(cp)) alnum = 1;
      i += n;
    }
    st->letters += letters;
    if (alnum && o->read_lang != NN_READ_NONE)
      st->syllables += nn_syllables((const char *)s + w, i - w, o->read_lang);
  }
}

int nn_stats(nn_article *a, const char *str, size_t len, const nn_stats_opts *o, nn_stats_result *st)
{
  const unsigned char *s = (const unsigned char *)str;
  nn_stats_opts defaults;
  nn_quote_state q;
  int r;
  memset(st, 0, sizeof *st);
  if (!o) {
    nn_stats_opts_init(&defaults);
    o = &defaults;
  }
  if (!str) len = 0;
  if (o->whole_text) {
    nn_para_iter it;
    nn_span p;
    nn_paragraphs_init(&it, str, len, NN_PARA_AUTO);
    while (nn_paragraphs_next(&it, &p)) {
      nn_sentence_iter si;
      nn_sentence sent;
      st->paragraphs++;
      nn_quote_init(&q);
      nn_sentences_init(&si, str + p.start, p.stop - p.start, &o->sentence);
      while (nn_sentences_next(&si, &sent))
        count_sentence(s, p.start + sent.start, p.start + sent.stop, o, &q, st);
    }
    return NN_OK;
  }
  if ((r = nn_article_parse(a, str, len, &o->sentence)) < 0) return r;
  {
    const nn_article_paragraph *paras = (const nn_article_paragraph *)(const void *)a->paragraphs.data;
    const nn_sentence *sents = (const nn_sentence *)(const void *)a->sentences.data;
    size_t np = a->paragraphs.len / sizeof *paras, i, k;
    for (i = 0; i < np; i++) {
      size_t before = st->sentences;
      nn_quote_init(&q);
      for (k = paras[i].first_sentence; k < paras[i].first_sentence + paras[i].sentence_count; k++) {
        const nn_sentence *t = &sents[k];
        if (t->flags & (NN_SENTENCE_HEADER | NN_SENTENCE_BOILERPLATE)) continue;
        count_sentence(s, t->start, t->stop, o, &q, st);
      }
      if (st->sentences > before) st->paragraphs++;
    }
  }
  return NN_OK;
}

double nn_readability(const nn_stats_result *st, nn_read_lang l, const char **name, double *grade)
{
  double asl, asw;
  *name = NULL;
  *grade = NAN;
  if (st->words == 0 || st->sentences == 0 || l == NN_READ_NONE) return 0;
  asl = (double)st->words / (double)st->sentences;
  asw = (double)st->syllables / (double)st->words;
  switch (l) {
  case NN_READ_EN:
    *name = "Flesch reading ease";
    *grade = 0.39 * asl + 11.8 * asw - 15.59;
    return 206.835 - 1.015 * asl - 84.6 * asw;
  case NN_READ_DE:
    *name = "Amstad";
    return 180.0 - asl - 58.5 * asw;
  case NN_READ_ES:
    *name = "Fernandez Huerta";
    return 206.84 - 60.0 * asw - 1.02 * asl;
  case NN_READ_FR:
    *name = "Kandel-Moles";
    return 207.0 - 1.015 * asl - 73.6 * asw;
  case NN_READ_IT:
    *name = "Gulpease";
    return 89.0 + (300.0 * (double)st->sentences - 10.0 * (double)st->letters) / (double)st->words;
  case NN_READ_NL:
    *name = "Flesch-Douma";
    return 206.835 - 0.93 * asl - 77.0 * asw;
  case NN_READ_PT:
    *name = "Martins et al.";
    return 248.835 - 1.015 * asl - 84.6 * asw;
  case NN_READ_RU:
    *name = "Oborneva";
    return 206.835 - 1.3 * asl - 60.1 * asw;
  default:
    return 0;
  }
}
