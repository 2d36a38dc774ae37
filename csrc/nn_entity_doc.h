/* Internals shared by the files of the entity finder (entities.c: the
 * document; entity_spans.c: name words and mentions; entity_types.c: the
 * kind of each mention; entity_records.c: entities).  Not part of the
 * public API. */
#ifndef NN_ENTITY_DOC_H
#define NN_ENTITY_DOC_H

#include "nn_article.h"
#include "nn_entities.h"
#include "nn_entity_data.h"
#include "nn_strmap.h"

/* Shapes of a token text (nn_etype.shape), each Python-like so that the
 * rules read the same in every script. */
#define NN_SH_CAP (1u << 0)         /* the first character is an upper-case letter */
#define NN_SH_ALLCAPS (1u << 1)     /* it has letters, all upper case */
#define NN_SH_LOWER (1u << 2)       /* it has cased letters, none upper case */
#define NN_SH_ALPHA (1u << 3)       /* it has a letter */
#define NN_SH_ALPHA_FIRST (1u << 4) /* the first character is a letter */
#define NN_SH_LETTERS2 (1u << 5)    /* two letters or more */
#define NN_SH_ALL_ALPHA (1u << 6)   /* every character is a letter */
#define NN_SH_DIGIT (1u << 7)       /* it has an ASCII digit */
#define NN_SH_HYPHEN (1u << 8)      /* it has a "-" */
#define NN_SH_NAME_SHAPE (1u << 9)  /* Ab, Ab-Cd, Ab'cd, A., McAb, O'Ab (ASCII) */
#define NN_SH_CONTRACTION (1u << 10)/* I'm, We'd, don't: never a name */
#define NN_SH_NUMERIC (1u << 11)    /* only digits and . , : / + - */
#define NN_SH_SCORE (1u << 12)      /* 1-0, 102-99 */
#define NN_SH_ISO_DATE (1u << 13)   /* starts like 1996-08-30 */
#define NN_SH_TWO_DIGITS (1u << 14) /* 35 (an age after a name) */
#define NN_SH_BASED (1u << 15)      /* ends in -based, -born, -led ... (U.S.-based) */
#define NN_SH_PERIOD (1u << 16)     /* it has a "." */
#define NN_SH_ASCII (1u << 17)      /* ASCII only */
#define NN_SH_LOW_FIRST (1u << 18)  /* the first character is a lower-case letter */

/* Words and marks the rules name (nn_etype.code). */
enum {
  NN_C_NONE = 0, NN_C_OF, NN_C_FOR, NN_C_AND, NN_C_IN, NN_C_ON, NN_C_OR, NN_C_THE, /* "the" */
  NN_C_THE_CAP, /* "The", "THE" */
  NN_C_WHO, NN_C_I, NN_C_COMMA, NN_C_COLON, NN_C_DASH, /* - -- en and em dash */
  NN_C_QUOTE,   /* " and the left double quotation mark */
  NN_C_LPAREN, NN_C_RPAREN, NN_C_AMP, NN_C_PERIOD, NN_C_EXCL, NN_C_QUEST,
  NN_C_NUMERO   /* "No.", "No" (the number sign: Pier No. 9) */
};

/* What the finder knows about a word before reading any document: its
 * look-ups in the data, shape and forms.  Kept between documents (a cache,
 * bounded), so that a word is looked up once. */
typedef struct nn_eword {
  const nn_entity_entry *exact; /* the data of the text as written, or NULL */
  const nn_entity_entry *low;   /* ... of its lower case */
  const nn_entity_entry *title; /* ... of its title case (LONDON -> London), or NULL */
  uint32_t low_off, low_len;    /* the lower-case text, in doc->forms */
  uint32_t title_off, title_len;/* the title-case text, in doc->forms */
  uint32_t shape;               /* NN_SH_* */
  uint32_t nchars;              /* code points */
  uint8_t level_;               /* lexicon level of the lower case (99: none) */
  uint8_t hyphen_common_;       /* a hyphenated word made of common words */
  uint8_t code;                 /* NN_C_* */
} nn_eword;

/* A kept word. */
typedef struct nn_ekept {
  nn_eword w;
  uint32_t key_off, key_len; /* the text, in doc->forms */
} nn_ekept;

/* A slot of the kept words' table: enough to tell a word without reading
 * it (its hash, length and first 8 bytes), so that a look-up reads one slot
 * and one word. */
typedef struct nn_kslot {
  uint64_t hash;   /* text_hash (entities.c) */
  uint64_t prefix; /* the first 8 bytes, as load_bytes reads them */
  uint32_t word;   /* index into word_data + 1; 0 = empty */
  uint32_t len;
} nn_kslot;

/* One distinct token text of the document: a copy of its word data (kept
 * small and together, so that the passes over the document stay in cache)
 * and the document's evidence. */
typedef struct nn_etype {
  nn_eword w;
  uint64_t hash;                /* text_hash of the text (entities.c) */
  size_t text;                  /* where the text first occurs in the document */
  uint32_t text_len;
  int64_t lower_id, title_id;   /* the types of its lower- and title-case forms,
                                   -1 when the document has none, -2 until looked for */
  uint32_t capn_;               /* capitalized, not sentence-initial, in normal text */
  uint32_t lown_;               /* in lower case, in normal text */
} nn_etype;

/* Token flags (nn_etok.flags). */
#define NN_ET_INITIAL 1u      /* starts a sentence (or follows ":" or a dash) */
#define NN_ET_CAND 2u         /* a name word */
#define NN_ET_POSSESSIVE 4u   /* 's or ' after a name */
#define NN_ET_SPACE_BEFORE 8u /* white space right before */
#define NN_ET_LINE_START 16u  /* the first token of a line */

typedef struct nn_etok {
  size_t start, len;
  uint32_t type;
  uint32_t sent;
  uint16_t tflags; /* NN_TF_* of the tokenizer */
  uint8_t kind;    /* nn_token_kind */
  uint8_t flags;   /* NN_ET_* */
  /* Copies of its type's most read fields, so that the passes over the
   * tokens read one array in order. */
  uint32_t shape;  /* NN_SH_* */
  uint16_t wflags; /* NN_EW_* of the text as written (English data) */
  uint8_t code;    /* NN_C_* */
  uint8_t level;   /* lexicon level of the lower case, 99 without English data */
} nn_etok;

enum { NN_MODE_NORMAL = 0, NN_MODE_TITLE = 1, NN_MODE_CAPS = 2 };

typedef struct nn_esent {
  size_t first, end; /* tokens [first, end) */
  size_t line;       /* the line (0-based) of its first token */
  int mode;          /* NN_MODE_* */
} nn_esent;

/* Vote slots, in alphabetical order of the CoNLL names so that a tie goes
 * to the first (LOC, MISC, ORG, PER), as a sorted argmax does. */
enum { NN_V_LOC = 0, NN_V_MISC = 1, NN_V_ORG = 2, NN_V_PER = 3, NN_V__COUNT };

/* Mention flags. */
#define NN_EM_TITLE_CUE 1u /* a title came right before, inside the run */
#define NN_EM_DATELINE 2u
#define NN_EM_TEAM 4u      /* a place name used as a team name */
#define NN_EM_ACRONYM 8u
#define NN_EM_CAPS 16u     /* in a headline in capitals */
#define NN_EM_LOC_MAJOR 32u/* a country, continent or region */
#define NN_EM_PLACE_FIRST 64u /* opens with a nationality or a place: European Monetary System */
#define NN_EM_NUMBERED 128u   /* ends in "No." and a number: Pier No. 9 */
#define NN_EM_NOT_PERSON 256u /* ends in a letter or a country: Class A, Statistics Canada */

typedef struct nn_emention {
  size_t first, end;   /* tokens [first, end) */
  uint32_t sent;
  uint32_t key;        /* id in doc->keys: the normalized text, also the group */
  uint32_t gaz;        /* gazetteer classes of the whole mention */
  double votes[NN_V__COUNT];
  unsigned flags;      /* NN_EM_* */
  int type;            /* NN_V_* once decided */
  size_t entity;
} nn_emention;

/* A remembered phrase look-up (nn_doc_phrase_gaz), direct-mapped. */
typedef struct nn_phrase_memo {
  size_t first, end; /* end == 0: empty */
  uint32_t gaz;
  uint8_t caps, prefix;
} nn_phrase_memo;
#define NN_PHRASE_MEMO 64

typedef struct nn_entity_doc {
  const nn_allocator *alloc;
  const char *s;
  size_t len;
  int english;
  int sports;
  size_t sport_tag_end; /* the wire headline's sport tag is the tokens before */
  size_t founder_keys;  /* links to firms named after people ("... and Co") */

  nn_buf toks;    /* nn_etok */
  nn_buf types;   /* nn_etype, by id */
  nn_buf sents;   /* nn_esent */
  nn_buf ments;   /* nn_emention */
  nn_buf forms;   /* lower- and title-case texts of the words (kept) */
  nn_buf phrase;  /* scratch: a phrase being looked up */
  nn_buf phrase2; /* scratch */
  nn_buf pairs;   /* uint64_t slots: capitalized pairs seen (capbi) */
  nn_buf sentbuf; /* nn_sentence records */
  nn_buf groups;  /* per key: nn_egroup */
  nn_buf work;    /* scratch of the typing and record steps */
  nn_buf work2;
  nn_buf work3;
  nn_buf word_slots;  /* nn_kslot: open addressing over word_data */
  nn_buf word_data;   /* nn_ekept: the kept words */
  nn_buf type_slots;  /* uint32_t: open addressing over types (index + 1, 0 empty) */
  nn_strmap keys;     /* mention key -> group id */
  nn_phrase_memo memo[NN_PHRASE_MEMO]; /* phrase look-ups of this document */
  nn_strmap names;    /* entity name (case-folded) and kind -> entity */
  nn_strmap words;    /* lower-case words of long mentions (short-form links) */
  nn_strmap acronyms; /* lower-case acronyms -> the group they stand for */
  nn_article article; /* the structure, when boilerplate lines are left out */
  nn_buf masked;      /* the text with its boilerplate lines blanked */
} nn_entity_doc;

/* Per group of mentions with the same key. */
typedef struct nn_egroup {
  double votes[NN_V__COUNT];
  size_t first_mention;
  double own;     /* the best score of its mentions' own votes */
  size_t ntoks;   /* tokens of its first mention */
} nn_egroup;

#define NN_DOC_TOK(d, i) (((nn_etok *)(void *)(d)->toks.data)[i])
#define NN_DOC_TYPE(d, i) (((nn_etype *)(void *)(d)->types.data)[i])
#define NN_DOC_SENT(d, i) (((nn_esent *)(void *)(d)->sents.data)[i])
#define NN_DOC_MENT(d, i) (((nn_emention *)(void *)(d)->ments.data)[i])
#define NN_DOC_GROUP(d, i) (((nn_egroup *)(void *)(d)->groups.data)[i])
#define NN_DOC_NTOKS(d) ((d)->toks.len / sizeof(nn_etok))
#define NN_DOC_NSENTS(d) ((d)->sents.len / sizeof(nn_esent))
#define NN_DOC_NMENTS(d) ((d)->ments.len / sizeof(nn_emention))

/* A type's counts in the current document. */
static inline uint32_t nn_type_capn(const nn_entity_doc *d, const nn_etype *t)
{
  (void)d;
  return t->capn_;
}
static inline uint32_t nn_type_lown(const nn_entity_doc *d, const nn_etype *t)
{
  (void)d;
  return t->lown_;
}
/* The lexicon level (99 without English data) and the common-parts flag. */
static inline unsigned nn_type_level(const nn_entity_doc *d, const nn_etype *t)
{
  return d->english ? t->w.level_ : 99;
}
static inline int nn_type_hyphen_common(const nn_entity_doc *d, const nn_etype *t)
{
  return d->english && t->w.hyphen_common_;
}

/* The type of token i. */
static inline const nn_etype *nn_doc_type(const nn_entity_doc *d, size_t i)
{
  return &NN_DOC_TYPE(d, NN_DOC_TOK(d, i).type);
}

/* Is token i the word or mark code (NN_C_*)? */
#define NN_DOC_IS(d, i, c) (NN_DOC_TOK((d), (i)).code == (c))

/* Field helpers of the data entries (NULL-safe). */
static inline uint32_t nn_ee_gaz(const nn_entity_entry *e) { return e ? e->gaz : 0; }
static inline uint32_t nn_ee_fold(const nn_entity_entry *e) { return e ? e->fold : 0; }
static inline uint32_t nn_ee_word(const nn_entity_entry *e) { return e ? e->word : 0; }

/* Case forms (entity_lexicon.c): appends the lower case / the title case
 * (each run of letters keeps its first letter and lowers the rest:
 * LEICESTERSHIRE -> Leicestershire, O'NEILL -> O'Neill) of s[0..n). */
int nn_entity_append_lower(nn_buf *out, const char *s, size_t n);
int nn_entity_append_title(nn_buf *out, const char *s, size_t n);
/* Shape bits and code point count of s[0..n). */
uint32_t nn_entity_shape(const char *s, size_t n, uint32_t *nchars);

/* Sets out to the text of tokens [first, end), one space where the text
 * has white space (none where tokens touch); the lower-case forms when lower
 * is set. */
int nn_doc_phrase_text(nn_entity_doc *d, nn_buf *out, size_t first, size_t end, int lower);

/* The gazetteer classes of the phrase of tokens [first, end) (names as
 * written; in capitals, or when caps is set, also by lower case), and
 * whether a longer phrase starts with it (prefix, may be NULL).  Negative
 * nn_status on memory failure. */
int nn_doc_phrase_gaz(nn_entity_doc *d, size_t first, size_t end, int caps, uint32_t *gaz,
                      int *prefix);

/* The types of the lower- and title-case forms of type id, or -1. */
int64_t nn_doc_lower_type(nn_entity_doc *d, uint32_t id);
int64_t nn_doc_title_type(nn_entity_doc *d, uint32_t id);

/* Were the types a and b seen as a capitalized pair "A B" with A not
 * sentence-initial, in normal text? */
int nn_doc_pair_seen(const nn_entity_doc *d, int64_t a, int64_t b);

/* Document-level agreement of the group votes (entity_agree.c). */
int nn_doc_agree(nn_entity_doc *d);

/* The token of the acronym that mention m defines ("Agence Kampuchea
 * Presse ( AKP )"), or 0. */
size_t nn_doc_defined_acronym(nn_entity_doc *d, const nn_emention *m);

/* The best kind of a vote vector (NN_V_*) and its score, or -1 when it
 * holds no vote. */
int nn_doc_best_kind(const double *v, double *score);

/* The steps, in order (each returns NN_OK or a negative nn_status). */
int nn_doc_read(nn_entity_doc *d, const char *s, size_t len, int lang);
int nn_doc_mentions(nn_entity_doc *d);
int nn_doc_types(nn_entity_doc *d);
long nn_doc_records(nn_entity_doc *d, nn_entities *out);

/* The length in tokens of the longest title (at most 3 words) that starts
 * at token k and ends at or before token end, or 0; negative nn_status on
 * memory failure. */
int nn_doc_title_at(nn_entity_doc *d, size_t k, size_t end, int caps);

#endif
