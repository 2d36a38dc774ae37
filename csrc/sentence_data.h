/* The compiled data of sentence segmentation and article structure, made by
 * tools/gen_sentence_data.lua from data/abbreviations, data/sentence_starters,
 * data/calendar and data/boilerplate (csrc/sentence_data.c).  Internal to the core: the
 * public view is nn_sentences.h and nn_article.h. */
#ifndef NN_SENTENCE_DATA_H
#define NN_SENTENCE_DATA_H

#include <stddef.h>
#include <stdint.h>

#define NN_SENT_MAX_LANGS 16

/* Per-language options (nn_sent_lang_options). */
#define NN_SENT_OPTION_ORDINAL_DOT 1u /* "3." before a noun is an ordinal */

/* One word of the data: an abbreviation (with its final period), a
 * sentence starter, or both in different languages. */
typedef struct nn_sentword {
  uint32_t offset;                   /* into nn_sentword_blob, NUL-terminated */
  uint8_t len;
  uint8_t neutral;                   /* the abbreviation class when no language is given */
  uint16_t starter;                  /* bit l: a sentence starter in language l */
  uint16_t calendar;                 /* bit l: a day, month or time zone in language l */
  uint8_t abbrev[NN_SENT_MAX_LANGS]; /* abbreviation class per language, 0 if none */
} nn_sentword;

/* How a boilerplate cue matches a line (nn_boilercue.match).  The last
 * three are read on sentences: SENTENCE at the start of one (page furniture
 * inside a paragraph), HEADER at the start of a sentence of the header zone
 * ("Updated"), AGENCY is a news agency named in a dateline ("(Reuters)"). */
enum {
  NN_CUE_LINE = 0, NN_CUE_PREFIX = 1, NN_CUE_CONTAINS = 2, NN_CUE_SECTION = 3, NN_CUE_BYLINE = 4,
  NN_CUE_SENTENCE = 5, NN_CUE_HEADER = 6, NN_CUE_AGENCY = 7
};

typedef struct nn_boilercue {
  const char *text; /* lower case (ASCII, Latin-1 and Cyrillic letters folded) */
  uint8_t len;
  uint8_t match;
  uint8_t lang;
} nn_boilercue;

extern const size_t nn_sent_lang_count;
extern const char *const nn_sent_lang_codes[];
extern const uint8_t nn_sent_lang_options[];

extern const char nn_sentword_blob[];
extern const nn_sentword nn_sentwords[];
extern const size_t nn_sentword_slot_count; /* a power of two */
extern const uint16_t nn_sentword_slots[];  /* index + 1 into nn_sentwords, 0 = empty */

extern const size_t nn_boilercue_count;
extern const nn_boilercue nn_boilercues[];

/* FNV-1a over s[0..n), the hash the generator used. */
static inline uint32_t nn_sentword_hash(const char *s, size_t n)
{
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The entry for the word s[0..n), or NULL. */
static inline const nn_sentword *nn_sentword_find(const char *s, size_t n)
{
  size_t mask = nn_sentword_slot_count - 1, slot;
  if (n == 0 || n > 255) return NULL;
  slot = nn_sentword_hash(s, n) & mask;
  for (;;) {
    unsigned k = nn_sentword_slots[slot];
    const nn_sentword *w;
    if (k == 0) return NULL;
    w = &nn_sentwords[k - 1];
    if (w->len == n) {
      const char *t = nn_sentword_blob + w->offset;
      size_t i = 0;
      while (i < n && t[i] == s[i]) i++;
      if (i == n) return w;
    }
    slot = (slot + 1) & mask;
  }
}

#endif
