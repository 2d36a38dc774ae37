/* Languages: the table of codes newsnlp knows, and a fast language guess
 * from stopword profiles and scripts.
 *
 * Codes are ISO 639-1 ("en", "de", ...), lower case.  "und" (the ISO 639-2
 * code for "undetermined") is what the guess answers when the text gives too
 * little evidence; it is never replaced by a default language. */
#ifndef NN_LANGUAGE_H
#define NN_LANGUAGE_H

#include "nn_core.h"
#include "nn_strmap.h"

#define NN_LANG_UNDETERMINED "und"
/* Longest language code, without its NUL. */
#define NN_LANG_CODE_MAX 3

typedef struct nn_language {
  const char *code;  /* ISO 639-1 */
  const char *name;  /* English name; the Snowball algorithm name where there is one */
  uint8_t script;    /* the usual script (nn_script) */
  uint8_t rules;     /* NN_LANG_* word rules of the term pipeline */
} nn_language;

/* Word rules applied before stopword lookup and stemming. */
#define NN_LANG_POSSESSIVE 1u /* strip a final 's (English possessive) */
#define NN_LANG_ELISION 2u    /* strip an elided clitic: l', d', qu', dell' ... */

extern const nn_language nn_languages[];
extern const size_t nn_languages_count;

/* The table entry of code[0..len), or NULL. */
const nn_language *nn_language_find(const char *code, size_t len);

/* Whether code[0..len) is a well-formed code: 2 or 3 ASCII lower-case letters. */
int nn_language_code_valid(const char *code, size_t len);

/* Stopword profiles of every language with a compiled stopword list
 * (data/stopwords/<code>.txt), merged into one map: a word's mask has bit i
 * set when list i holds it. */
#define NN_LANGDB_MAX 32

typedef struct nn_langdb {
  nn_strmap words;
  uint32_t *mask;         /* by word id */
  size_t nlists;
  const char *code[NN_LANGDB_MAX];
  uint8_t script[NN_LANGDB_MAX];
  uint32_t scripts;       /* bit s: some list is of script s */
} nn_langdb;

int nn_langdb_init(nn_langdb *db, const nn_allocator *a);
void nn_langdb_free(nn_langdb *db);

/* Whether the guess can answer this code: a language with a stopword
 * profile, the language a script stands for, or one told apart by its
 * distinctive letters. */
int nn_language_guessable(const nn_langdb *db, const char *code);

/* Evidence gathered from a text, word by word. */
typedef struct nn_langscore {
  double stop[NN_LANGDB_MAX];            /* stopword hits, a shared word split evenly */
  uint32_t stop_words[NN_LANGDB_MAX];    /* words that are stopwords of each list */
  double stop_total;
  uint32_t latin_words;                  /* words written in Latin script */
  uint64_t letters[32];                  /* letters by script (nn_script) */
  uint64_t hints[16];                    /* distinctive letters, by hint language */
  uint64_t invalid;                      /* bytes of ill-formed UTF-8 */
} nn_langscore;

void nn_langscore_init(nn_langscore *sc);
/* Adds the letters of one word as written (scripts, distinctive letters);
 * returns the script of its first letter, or -1 when it has none. */
int nn_langscore_letters(nn_langscore *sc, const char *raw, size_t len);

/* Adds one case-folded word to the stopword profiles. */
void nn_langscore_stopword(const nn_langdb *db, nn_langscore *sc, const char *folded, size_t len);

/* Both: raw is the word as written, folded its case-folded form. */
void nn_langscore_word(const nn_langdb *db, nn_langscore *sc, const char *raw, size_t rawlen,
                       const char *folded, size_t foldlen);

/* Whether some stopword profile is of this script (worth folding words for). */
static inline int nn_langdb_has_script(const nn_langdb *db, int script)
{
  return script >= 0 && script < 32 && (db->scripts & ((uint32_t)1 << script)) != 0;
}

typedef struct nn_langguess {
  char code[NN_LANG_CODE_MAX + 1]; /* "und" when undetermined */
  double confidence;               /* 0 to 1; 0 when undetermined */
} nn_langguess;

/* Whether the evidence already settles the question, so that reading on
 * would not change the answer in practice: in Latin script, a lead of 12
 * stopword hits over the runner-up; in another script, 300 letters of which
 * it holds 95 percent. */
int nn_langscore_settled(const nn_langdb *db, const nn_langscore *sc);

/* Decides from the evidence.  Latin-script text needs at least two stopword
 * hits, and the best profile must hold 15% of its words; other scripts need
 * a few letters; otherwise the answer is "und". */
void nn_langscore_decide(const nn_langdb *db, const nn_langscore *sc, nn_langguess *g);

#endif
