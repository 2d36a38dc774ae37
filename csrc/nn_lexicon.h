/* The word lexicon: for each lower-case word form, its parts of speech with
 * their weights, its verb form, base form (lemma), stem, word-frequency
 * level, WordNet noun category, and its closed-class word class and flags.
 *
 * The English lexicon is compiled from data/lexicon/en*.txt (WordNet 3.0 and
 * SCOWL through tools/gen_lexicon.py, plus the hand-written closed-class
 * lists) into csrc/lexicon_data.c by tools/gen_lexicon_tables.lua, as a
 * hash table: a lookup hashes the form once and compares about two entries.
 *
 *   const nn_lexicon *lx = nn_lexicon_get("en", 2);
 *   const nn_lexentry *e = nn_lexicon_find(lx, "officials", 9);
 *   if (e && e->weight[NN_LEX_NOUN]) ... a noun reading ...
 *
 * Lookups expect the lower-case form (nn_token_casefold, or ASCII folding
 * for ASCII words).  Everything is read-only; no state, no allocation. */
#ifndef NN_LEXICON_H
#define NN_LEXICON_H

#include "nn_core.h"

/* Parts of speech, indexes of nn_lexentry.weight. */
enum { NN_LEX_NOUN = 0, NN_LEX_VERB, NN_LEX_ADJ, NN_LEX_ADV, NN_LEX_POS_COUNT };

/* Which verb form a word is (nn_lexentry.vform). */
enum {
  NN_VFORM_BASE = 0, /* base form, or no verb reading */
  NN_VFORM_S,        /* third person singular: "reports" */
  NN_VFORM_ED,       /* past or past participle, irregular ones included: "spilled", "ran" */
  NN_VFORM_ING       /* present participle: "running" */
};

/* Closed-class word classes (nn_lexentry.word_class), from data/lexicon/en_closed.txt. */
typedef enum nn_word_class {
  NN_WC_OPEN = 0, /* not a closed-class word */
  NN_WC_DET,      /* determiners and quantifiers: the, this, many, their */
  NN_WC_PRON,     /* pronouns: he, them, nobody */
  NN_WC_PREP,     /* prepositions: of, in, according */
  NN_WC_CONJ,     /* conjunctions: and, because, that */
  NN_WC_TO,       /* to */
  NN_WC_AUX,      /* be, have, do and their forms */
  NN_WC_MODAL,    /* can, will, would */
  NN_WC_ADV,      /* common adverbs: not, also, here, today */
  NN_WC_NUM,      /* number words: one, twelve, million */
  NN_WC__COUNT
} nn_word_class;

/* Flags (nn_lexentry.flags). */
#define NN_LEXF_TIME 1u        /* a day or month name or abbreviation (en_time.txt) */
#define NN_LEXF_TITLE 2u       /* a title word before a name: president, minister (en_titles.txt) */
#define NN_LEXF_TITLE_ABBR 4u  /* a title abbreviation with its period: Sen., Gov. (en_title_abbr.txt) */
#define NN_LEXF_TITLE_BARE 8u  /* ... also a title without the period: Mr, Dr */
#define NN_LEXF_VAGUE 16u      /* never a one-word keyphrase: year, thing, miles (en_vague.txt) */
#define NN_LEXF_LEXICON 32u    /* the form is in the WordNet/SCOWL lexicon (en.txt) */

/* How SCOWL writes the form (nn_lexentry.letter_case). */
enum {
  NN_LEXCASE_NONE = 0,  /* not in the lexicon (a closed-class list word only) */
  NN_LEXCASE_LOWER,     /* in lower case: a common word */
  NN_LEXCASE_CAPITAL,   /* capitalized only: a name ("Paris") */
  NN_LEXCASE_ALLCAPS    /* in capitals only: an acronym ("NATO") */
};

typedef struct nn_lexentry {
  uint32_t form;             /* private: where the form is (nn_lexicon_form) */
  uint16_t weight[NN_LEX_POS_COUNT]; /* 1 + SemCor count of the reading; 0: no reading */
  uint8_t stem_edit;         /* private (nn_lexicon_stem) */
  uint8_t lemma_strip;       /* private (nn_lexicon_lemma) */
  uint8_t lemma_append;      /* private */
  uint8_t level;             /* SCOWL size list (10 = most common ... 50); 0: none */
  uint8_t lexname;           /* WordNet lexicographer file of the top noun sense (nn_lexicon_lexname) */
  uint8_t word_class;        /* nn_word_class */
  uint8_t flags;             /* NN_LEXF_* */
  uint8_t vform_case;        /* private (nn_lexentry_vform, nn_lexentry_case) */
} nn_lexentry;

/* The entry's NN_VFORM_* and NN_LEXCASE_*. */
#define nn_lexentry_vform(e) ((e)->vform_case & 0x0Fu)
#define nn_lexentry_case(e) ((e)->vform_case >> 4)

typedef struct nn_lexicon {
  const char *lang;             /* "en" */
  const char *source;           /* a one-line description of the sources and versions */
  const nn_lexentry *entries;
  size_t count;
  const uint32_t *buckets;      /* bucket_count + 1 starts into entries */
  uint32_t bucket_mask;         /* bucket_count - 1 */
  const char *forms;            /* the forms, each followed by a NUL */
  const char *const *stem_appends;
  const char *const *lemma_appends;
  const char *const *lexnames;  /* [0] is NULL */
  size_t lexname_count;
} nn_lexicon;

/* The lexicon of a language code ("en"), or NULL. */
const nn_lexicon *nn_lexicon_get(const char *lang, size_t len);

/* The hash of a form that the tables are built with (32-bit FNV-1a). */
static inline uint32_t nn_lexicon_hash(const char *s, size_t n)
{
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

/* The entry of the lower-case form s[0..n), or NULL. */
const nn_lexentry *nn_lexicon_find(const nn_lexicon *lx, const char *s, size_t n);

/* The same, with the hash already computed (nn_lexicon_hash). */
const nn_lexentry *nn_lexicon_find_hashed(const nn_lexicon *lx, const char *s, size_t n,
                                          uint32_t hash);

/* The entry's form (NUL-terminated) and its length. */
static inline const char *nn_lexicon_form(const nn_lexicon *lx, const nn_lexentry *e, size_t *len)
{
  *len = e->form & 0xFFu;
  return lx->forms + (e->form >> 8);
}

/* The stem is the first *keep bytes of the form followed by the returned
 * string (*append_len bytes): "officials" -> keep 5 ("offic"), append "i". */
const char *nn_lexicon_stem(const nn_lexicon *lx, const nn_lexentry *e, size_t *keep,
                            size_t *append_len);

/* The lemma, the same way: "ran" -> keep 1, append "un". */
const char *nn_lexicon_lemma(const nn_lexicon *lx, const nn_lexentry *e, size_t *keep,
                             size_t *append_len);

/* The WordNet lexicographer file of the form's most frequent noun sense
 * ("noun.person", "noun.location", ...), or NULL when it has none. */
const char *nn_lexicon_lexname(const nn_lexicon *lx, const nn_lexentry *e);

/* The name of a word class ("DET", ...; "" for NN_WC_OPEN), or NULL. */
const char *nn_word_class_name(int wc);

#endif
