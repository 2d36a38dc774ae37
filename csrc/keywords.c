/* Keyphrase extraction; see nn_keywords.h.
 *
 * The pipeline, one call:
 *   1. structure  nn_article_parse: body sentences, title, byline, dateline,
 *                 boilerplate (or plain sentences with structure off);
 *   2. tokens     the shared tokenizer, possessives split off; contractions
 *                 ("don't") and initials ("J.") adjusted; each word interned
 *                 by its lower-case form, looked up once in the lexicon;
 *   3. tags       English: casing evidence, a lexical tag set per token, then
 *                 left-to-right context rules; other languages: stopwords;
 *   4. phrases    candidate runs per sentence, keyed by their stems; names
 *                 merged; each phrase's most frequent surface form;
 *   5. scores     by the chosen method, then the best `top`.
 * Every step is linear in the tokens (PageRank runs a bounded number of
 * rounds over a graph with fewer edges than tokens). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn_keywords.h"
#include "nn_sentences.h"
#include "nn_tokenize.h"

#define NO_ID 0xFFFFFFFFu

/* Growth and other rare paths stay out of the loops that call them. */
#if defined(__GNUC__)
#define NN_NOINLINE __attribute__((noinline))
#else
#define NN_NOINLINE
#endif
#define MAX_PHRASE_WORDS 3

/* ---- tags ------------------------------------------------------------------------------ */

enum {
  T_NOUN = 0, T_PROPN, T_ADJ, T_VERB, T_VBZ, T_VBN, T_VBG, T_ADV, T_DET, T_PRON, T_PREP,
  T_CONJ, T_AUX, T_MODAL, T_TO, T_NUM, T_POS, T_PUNCT, T_TIME, T_TITLE, T_OTHER, T_DATELINE,
  T_START, T_END
};
#define B(t) (1u << (t))
#define VERBS (B(T_VERB) | B(T_VBZ) | B(T_VBN) | B(T_VBG))
#define WORD_TAGS (B(T_NOUN) | B(T_PROPN) | B(T_ADJ)) /* the tags tf counts */
#define NOMINAL (B(T_NOUN) | B(T_PROPN))

/* Tag of each closed word class (nn_word_class order). */
static const uint8_t class_tag[NN_WC__COUNT] = {
  T_OTHER, T_DET, T_PRON, T_PREP, T_CONJ, T_TO, T_AUX, T_MODAL, T_ADV, T_NUM
};

/* ---- internal records ------------------------------------------------------------------ */

enum { K_WORD = 0, K_ABBR, K_NUM, K_PUNCT, K_POSS, K_CLITIC_S, K_CLITIC_AUX, K_OTHER };

/* Token flags. */
#define F_CAP 1u       /* starts with an upper-case letter */
#define F_ALLCAPS 2u   /* has upper-case letters and no lower-case one */
#define F_ALNUM 4u     /* starts with a letter or digit (counts as a word position) */
#define F_ALPHA 8u     /* starts with a letter */
#define F_LETTERS 16u  /* has a letter or digit */
#define F_DATELINE 32u /* inside the article's dateline */

typedef struct kw_token {
  size_t start, len;
  uint32_t word;   /* word id, or NO_ID */
  uint32_t pos;    /* word index: alphanumeric tokens before this one */
  uint32_t lexset; /* lexical tag candidates (B(tag) bits) */
  uint8_t kind;
  uint8_t tag;
  uint16_t flags;
} kw_token;

typedef struct kw_sent {
  uint32_t first, end; /* tokens [first, end) */
  int caps;            /* a headline in capitals */
} kw_sent;

/* Open-class weights, in the order ties are broken. */
enum { W_NOUN = 0, W_ADJ, W_ADV, W_VERB, W_COUNT };

/* What the tagger asks of a lower-case key (kw_vword.shape). */
#define S_ONE_LETTER 1u /* one byte long: an initial */
#define S_I 2u          /* the pronoun "i" */
#define S_PLURAL 4u     /* ends in s but not ss */

/* What the lexicon says of a lower-case word form.  It depends only on the
 * form and the language settings, so the vocabulary (k->vwords, by id in
 * k->word_map) keeps it from call to call, and the form cache copies it. */
typedef struct kw_wordinfo {
  uint32_t vword;         /* vocabulary word id */
  uint32_t vstem;         /* vocabulary stem id */
  uint32_t ocset;         /* open-class tag set */
  uint16_t weight[W_COUNT];
  uint8_t verb_tag;       /* the verb tag of the verb reading */
  uint8_t closed;         /* the closed-class tag, or 0xFF */
  uint8_t lexflags;       /* NN_LEXF_* */
  uint8_t known;          /* a lower-case lexicon word */
  uint8_t stop;           /* a stopword */
  uint8_t shape;          /* S_* */
} kw_wordinfo;

/* A stem of the vocabulary: the word it was first made from (for corpus
 * lookups).  Its text is its key in k->stem_map. */
typedef struct kw_vstem {
  uint32_t word;
} kw_vstem;

/* A word of the current call: its information next to the other words of
 * the text (the vocabulary is large and scattered in memory; the words of
 * one text are few and close together), and its casing counts. */
typedef struct kw_word {
  kw_wordinfo info;
  uint32_t stem;          /* stem index in this call */
  uint32_t cap_mid;       /* capitalized occurrences not at a sentence start */
  uint32_t low_seen;      /* lower-case occurrences */
} kw_word;

/* A stem of the current call. */
typedef struct kw_stem {
  uint32_t tf;        /* NOUN/PROPN/ADJ tokens (all words for stopword candidates) */
  uint32_t in_title;  /* a word of the title */
  uint32_t longer;    /* first multi-word name candidate ending in this stem, or NO_ID */
  uint32_t mark;      /* scratch of a scoring method */
  uint32_t aux;       /* scratch of a scoring method */
  uint32_t vstem;     /* vocabulary id */
  double weight;      /* the method's word score */
} kw_stem;

typedef struct kw_cand {
  uint32_t nwords;
  uint32_t stems[MAX_PHRASE_WORDS];
  uint32_t count;      /* occurrences, merged ones included */
  uint32_t proper;     /* occurrences made of proper nouns only */
  uint32_t first;      /* word index of the first occurrence */
  uint32_t next_longer; /* next candidate in its stem's `longer` list */
  uint32_t occ_head, occ_tail; /* its own occurrences, in text order (kw_occ) */
  size_t first_start, first_stop;
  int merged;          /* merged into a longer name */
  double score;
} kw_cand;

/* One occurrence of a candidate: tokens [first, first + n). */
typedef struct kw_occ {
  uint32_t first, n;
  uint32_t next;       /* the candidate's next occurrence, or NO_ID */
} kw_occ;

/* A slot of the candidate table: the stems of a phrase and its id + 1. */
typedef struct kw_cslot {
  uint32_t stems[MAX_PHRASE_WORDS];
  uint32_t n;
  uint32_t id;
  uint32_t gen;        /* the call it belongs to: another call's slot is empty */
} kw_cslot;

/* ---- buffers ------------------------------------------------------------------------- */

/* Appends room for one record of `size` bytes; NULL when out of memory. */
static void *push(nn_buf *b, size_t size)
{
  void *p;
  if (b->cap - b->len < size && nn_buf_reserve(b, size) != NN_OK) return NULL;
  p = b->data + b->len;
  b->len += size;
  return p;
}

#define AT(buf, type, i) (((type *)(void *)(buf).data)[i])
/* A buffer's records; NULL while it has never held any (no offset is added
 * to it, which would be undefined for NULL). */
#define ITEMS(buf, type) ((type *)(void *)(buf).data)
#define COUNT(buf, type) ((buf).len / sizeof(type))

/* ---- names ---------------------------------------------------------------------------- */

static const char *const method_names[NN_KW__COUNT] = { "posfreq", "textrank", "yake", "tfidf" };

const char *nn_kw_method_name(int method)
{
  return method >= 0 && method < NN_KW__COUNT ? method_names[method] : NULL;
}

int nn_kw_method_of(const char *name, size_t len)
{
  int i;
  for (i = 0; i < NN_KW__COUNT; i++)
    if (strlen(method_names[i]) == len && memcmp(method_names[i], name, len) == 0) return i;
  return -1;
}

const char *nn_kw_candidates_name(int c)
{
  return c == NN_KWC_LEXICON ? "lexicon" : c == NN_KWC_STOPWORDS ? "stopwords" : NULL;
}

void nn_keywords_opts_init(nn_keywords_opts *o)
{
  memset(o, 0, sizeof *o);
  o->top = 10;
  o->method = NN_KW_POSFREQ;
  o->structure = 1;
}

/* ---- context ---------------------------------------------------------------------------- */

#define ALL_BUFS(k)                                                                          \
  &(k)->phrases, &(k)->text, &(k)->tokens, &(k)->sents, &(k)->words, &(k)->stems, &(k)->cands, \
      &(k)->sentlist, &(k)->occ, &(k)->cand_slots, &(k)->scratch, &(k)->order, &(k)->graph, &(k)->fcache,        \
      &(k)->vwords, &(k)->vstems, &(k)->word_ids, &(k)->stem_ids, &(k)->doc_forms

void nn_keywords_init(nn_keywords *k, const nn_allocator *a)
{
  nn_buf *bufs[] = { ALL_BUFS(k) };
  size_t i;
  k->alloc = a;
  for (i = 0; i < sizeof bufs / sizeof *bufs; i++) nn_buf_init(bufs[i], a);
  nn_strmap_init(&k->word_map, a);
  nn_strmap_init(&k->stem_map, a);
  nn_strmap_init(&k->surface_map, a);
  nn_strmap_init(&k->pair_map, a);
  nn_article_init(&k->article, a);
  k->count = 0;
  k->method = NN_KW_POSFREQ;
  k->candidates = NN_KWC_LEXICON;
  k->gen = 0;
  k->word_id_count = k->stem_id_count = k->doc_form_count = 0;
  memset(k->vocab_key, 0, sizeof k->vocab_key);
  memset(k->vocab_lang, 0, sizeof k->vocab_lang);
}

void nn_keywords_free(nn_keywords *k)
{
  nn_buf *bufs[] = { ALL_BUFS(k) };
  size_t i;
  for (i = 0; i < sizeof bufs / sizeof *bufs; i++) nn_buf_free(bufs[i]);
  nn_strmap_free(&k->word_map);
  nn_strmap_free(&k->stem_map);
  nn_strmap_free(&k->surface_map);
  nn_strmap_free(&k->pair_map);
  nn_article_free(&k->article);
  k->count = 0;
}

void nn_keywords_trim(nn_keywords *k)
{
  /* The result stays; everything else is scratch. */
  nn_buf *bufs[] = { &k->tokens, &k->sents, &k->words, &k->stems, &k->cands, &k->sentlist,
                     &k->occ, &k->cand_slots, &k->scratch, &k->order, &k->graph, &k->fcache,
                     &k->vwords, &k->vstems, &k->word_ids, &k->stem_ids, &k->doc_forms };
  size_t i;
  for (i = 0; i < sizeof bufs / sizeof *bufs; i++) nn_buf_free(bufs[i]);
  nn_strmap_free(&k->word_map);
  nn_strmap_free(&k->stem_map);
  nn_strmap_free(&k->surface_map);
  nn_strmap_free(&k->pair_map);
  nn_article_free(&k->article);
  memset(k->vocab_key, 0, sizeof k->vocab_key);
}

/* One call's state besides the context. */
typedef struct kw_run {
  nn_keywords *k;
  const nn_keywords_opts *o;
  const nn_lexicon *lx;   /* NULL: stopword candidates */
  const char *s;          /* the text being tokenized (body or title) */
  size_t len;
  uint32_t pos;           /* alphanumeric tokens so far */
  int title_pass;
} kw_run;

/* The cache of short word forms as written (see new_token): direct-mapped,
 * 48 bytes a slot (1.5 MB: a smaller cache sends more forms to the
 * vocabulary, whose look-up touches more memory).  A form of up to 16 bytes
 * is its bytes, zero-padded, as two 64-bit words (`lo`, `hi`) and its length. */
#define FCACHE_SLOTS 32768u
#define FCACHE_KEY 16u
typedef struct kw_fslot {
  uint64_t lo, hi;
  kw_wordinfo info; /* of the form's lower-case word */
  uint32_t len;     /* 0: empty */
} kw_fslot;

/* The zero-padded bytes of s[0..n), n <= 16.  With 16 readable bytes at s
 * (avail), two loads and a mask; else byte by byte. */
static void form_words(const char *s, size_t n, size_t avail, uint64_t *lo, uint64_t *hi)
{
  static const union { uint16_t u; uint8_t b[2]; } order = { 1 };
  /* little-endian masks of the first 0 to 8 bytes */
  static const uint64_t first_bytes[9] = { 0, 0xFF, 0xFFFF, 0xFFFFFF, 0xFFFFFFFFULL, 0xFFFFFFFFFFULL,
                                           0xFFFFFFFFFFFFULL, 0xFFFFFFFFFFFFFFULL, ~(uint64_t)0 };
  *lo = *hi = 0;
  if (avail >= 16) {
    uint64_t a, b, keep_a, keep_b;
    memcpy(&a, s, 8);
    memcpy(&b, s + 8, 8);
    /* keep the first n bytes in memory order */
    keep_a = first_bytes[n < 8 ? n : 8];
    keep_b = first_bytes[n < 8 ? 0 : n - 8];
    if (!order.b[0]) { /* big-endian: the first bytes are the high ones */
      keep_a = n >= 8 ? ~(uint64_t)0 : ~(~(uint64_t)0 >> (8 * n));
      keep_b = n >= 16 ? ~(uint64_t)0 : n <= 8 ? 0 : ~(~(uint64_t)0 >> (8 * (n - 8)));
    }
    *lo = a & keep_a;
    *hi = b & keep_b;
  } else {
    memcpy(lo, s, n < 8 ? n : 8);
    if (n > 8) memcpy(hi, s + 8, n - 8);
  }
}

static uint32_t form_hash(uint64_t lo, uint64_t hi, size_t n)
{
  uint64_t h = (lo ^ (uint64_t)n) * 0x9E3779B97F4A7C15ULL;
  h ^= (hi + (h >> 31)) * 0xC2B2AE3D27D4EB4FULL;
  h ^= h >> 29;
  return (uint32_t)((h * 0x165667B19E3779F9ULL) >> 32);
}

/* The forms of the current text: open addressing, no clearing between calls. */
typedef struct kw_dslot {
  uint64_t lo, hi;
  uint32_t len;
  uint32_t local; /* the word's index in the call */
  uint32_t gen;   /* the call it belongs to: another call's slot is empty */
} kw_dslot;

/* The slot of a form in the table of the text's forms: its own, or the
 * empty one to fill (after which the caller counts it). */
static int doc_form(nn_keywords *k, uint64_t lo, uint64_t hi, size_t n, uint32_t h, kw_dslot **out)
{
  size_t cap = COUNT(k->doc_forms, kw_dslot), mask, i;
  uint32_t gen = k->gen;
  kw_dslot *t;
  if ((k->doc_form_count + 1) * 2 > cap) {
    size_t ncap = cap ? cap * 2 : 512, bytes, j;
    kw_dslot *old;
    if (nn_mul_overflows(ncap + cap, sizeof(kw_dslot), &bytes)) return NN_ETOOBIG;
    if (bytes > k->doc_forms.len && nn_buf_reserve(&k->doc_forms, bytes - k->doc_forms.len) != NN_OK)
      return NN_ENOMEM;
    t = (kw_dslot *)(void *)k->doc_forms.data;
    old = t + ncap; /* the old slots wait above the new table while it fills */
    memmove(old, t, cap * sizeof *t);
    memset(t, 0, ncap * sizeof *t);
    mask = ncap - 1;
    for (j = 0; j < cap; j++) {
      if (old[j].gen != gen) continue;
      for (i = form_hash(old[j].lo, old[j].hi, old[j].len) & mask; t[i].gen == gen; i = (i + 1) & mask) {
      }
      t[i] = old[j];
    }
    k->doc_forms.len = ncap * sizeof *t;
    cap = ncap;
  }
  t = (kw_dslot *)(void *)k->doc_forms.data;
  mask = cap - 1;
  for (i = h & mask; t[i].gen == gen; i = (i + 1) & mask)
    if (t[i].len == n && t[i].lo == lo && t[i].hi == hi) break;
  *out = &t[i];
  return NN_OK;
}

/* ---- small text helpers ------------------------------------------------------------------ */

static int bytes_are(const char *s, size_t n, const char *lit)
{
  size_t m = strlen(lit);
  return n == m && memcmp(s, lit, m) == 0;
}

static int ends_with(const char *s, size_t n, const char *lit)
{
  size_t m = strlen(lit);
  return n >= m && memcmp(s + n - m, lit, m) == 0;
}

static int is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* Characters (not continuation bytes) in s[0..n). */
static size_t char_count(const char *s, size_t n)
{
  size_t i, c = 0;
  for (i = 0; i < n; i++)
    if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
  return c;
}

/* (letter '.'){2,} with lower-case ASCII letters, or any ASCII letters. */
static int dotted(const char *s, size_t n, int lower_only)
{
  size_t i;
  if (n < 4 || n % 2) return 0;
  for (i = 0; i < n; i += 2) {
    unsigned char c = (unsigned char)s[i];
    if (s[i + 1] != '.') return 0;
    if (!is_ascii_lower(c) && (lower_only || !is_ascii_upper(c))) return 0;
  }
  return 1;
}

/* Marks after which the next word starts a clause, as at a sentence start. */
static int clause_opener(const char *s, size_t n)
{
  return bytes_are(s, n, "``") || bytes_are(s, n, "\"") || bytes_are(s, n, "\342\200\234") ||
         bytes_are(s, n, ":") || bytes_are(s, n, "(") || bytes_are(s, n, "--") ||
         bytes_are(s, n, "_") || bytes_are(s, n, "-") || bytes_are(s, n, "\342\200\224") ||
         bytes_are(s, n, "\342\200\223");
}

static int dash(const char *s, size_t n)
{
  return bytes_are(s, n, "-") || bytes_are(s, n, "--") || bytes_are(s, n, "_") ||
         bytes_are(s, n, "\342\200\224") || bytes_are(s, n, "\342\200\223");
}

/* ---- words and stems -------------------------------------------------------------------- */

/* English plural folding for words the lexicon does not know. */
static size_t fold_plural(const char *w, size_t n, const char **add)
{
  *add = "";
  if (n > 4 && ends_with(w, n, "ies") && w[n - 4] != 'a' && w[n - 4] != 'e') {
    *add = "y";
    return n - 3;
  }
  if ((n > 4 && ends_with(w, n, "es") && (w[n - 3] == 's' || w[n - 3] == 'x' || w[n - 3] == 'z')) ||
      ends_with(w, n, "ches") || ends_with(w, n, "shes"))
    return n - 2;
  if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != '\'' &&
      !ends_with(w, n, "is"))
    return n - 1;
  return n;
}

/* The lower-case key of a token into k->scratch: case folded, ’ read as ',
 * final periods dropped.  Returns the key length. */
static int word_key(nn_keywords *k, const char *s, size_t n, int ascii, size_t *keylen)
{
  size_t i, j;
  char *d;
  k->scratch.len = 0;
  if (ascii) {
    if (nn_buf_reserve(&k->scratch, n) != NN_OK) return NN_ENOMEM;
    d = k->scratch.data;
    for (i = 0; i < n; i++) {
      unsigned char c = (unsigned char)s[i];
      d[i] = (char)(is_ascii_upper(c) ? c + 32 : c);
    }
    k->scratch.len = n;
  } else {
    int rc = nn_token_casefold(s, n, &k->scratch);
    if (rc != NN_OK) return rc;
    d = k->scratch.data;
    for (i = j = 0; i < k->scratch.len; i++, j++) {
      if (i + 2 < k->scratch.len && (unsigned char)d[i] == 0xE2 && (unsigned char)d[i + 1] == 0x80 &&
          (unsigned char)d[i + 2] == 0x99) {
        d[j] = '\'';
        i += 2;
      } else {
        d[j] = d[i];
      }
    }
    k->scratch.len = j;
  }
  n = k->scratch.len;
  while (n > 1 && k->scratch.data[n - 1] == '.') n--;
  *keylen = n;
  return NN_OK;
}

static uint32_t open_class(const nn_lexicon *lx, const char *w, size_t n, uint16_t weight[W_COUNT],
                           uint8_t *verb_tag, int depth);

static int vocab_stem(nn_keywords *k, const char *s, size_t n, uint32_t word, uint32_t *id)
{
  int rc = nn_strmap_intern(&k->stem_map, s, n, id);
  if (rc < 0) return rc;
  if (rc == 1) {
    kw_vstem *st = push(&k->vstems, sizeof *st);
    if (!st) return NN_ENOMEM;
    st->word = word;
  }
  return NN_OK;
}

/* Finds or adds the vocabulary word of key[0..n) (which lives in k->scratch). */
static int vocab_word(kw_run *r, size_t n, uint32_t *id)
{
  nn_keywords *k = r->k;
  const char *key = k->scratch.data;
  kw_wordinfo *w;
  uint32_t vstem = 0;
  int rc = nn_strmap_intern(&k->word_map, key, n, id);
  if (rc < 0) return rc;
  if (rc == 0) return NN_OK;
  w = push(&k->vwords, sizeof *w);
  if (!w) return NN_ENOMEM;
  memset(w, 0, sizeof *w);
  w->vword = *id;
  w->closed = 0xFF;
  /* The key may move when the map grows: read it back from the map. */
  key = nn_strmap_key(&k->word_map, *id, NULL);
  if (n == 1) w->shape |= S_ONE_LETTER;
  if (n == 1 && key[0] == 'i') w->shape |= S_I;
  if (n > 0 && key[n - 1] == 's' && !(n > 1 && key[n - 2] == 's')) w->shape |= S_PLURAL;
  if (r->lx) {
    const nn_lexentry *e = nn_lexicon_find(r->lx, key, n);
    size_t keep, add_len;
    const char *add;
    if (e) {
      w->lexflags = e->flags;
      if (e->word_class != NN_WC_OPEN) {
        w->closed = class_tag[e->word_class];
        w->stop = 1;
      }
      w->known = (e->flags & NN_LEXF_LEXICON) && nn_lexentry_case(e) == NN_LEXCASE_LOWER;
    }
    w->ocset = open_class(r->lx, key, n, w->weight, &w->verb_tag, 0);
    if (w->known) {
      add = nn_lexicon_stem(r->lx, e, &keep, &add_len);
    } else {
      keep = fold_plural(key, n, &add);
      add_len = strlen(add);
    }
    if (add_len == 0) {
      rc = vocab_stem(k, key, keep, *id, &vstem);
    } else {
      /* The stem is the key's prefix plus a short ending: build it in `order`. */
      k->order.len = 0;
      if ((rc = nn_buf_append(&k->order, key, keep)) != NN_OK) return rc;
      if ((rc = nn_buf_append(&k->order, add, add_len)) != NN_OK) return rc;
      rc = vocab_stem(k, k->order.data, k->order.len, *id, &vstem);
    }
  } else {
    const char *stem = key;
    size_t stem_len = n;
    if (r->o->stopwords && nn_wordlist_contains(r->o->stopwords, key, n)) w->stop = 1;
    if (r->o->stem && (rc = r->o->stem(r->o->stem_ud, key, n, &stem, &stem_len)) != NN_OK) return rc;
    rc = vocab_stem(k, stem, stem_len, *id, &vstem);
  }
  w->vstem = vstem;
  return rc;
}

/* A map from vocabulary ids to indexes of this call: open addressing over
 * (gen, key, value) triples; a slot whose gen is not the call's is empty,
 * so a new call needs no clearing. */
static NN_NOINLINE int idmap_grow(nn_buf *b, uint32_t gen)
{
  /* rehash into a table twice as large, built in the same buffer */
  size_t cap = b->len / (3 * sizeof(uint32_t)), ncap = cap ? cap * 2 : 1024, bytes, i, j, mask;
  uint32_t *slots, *old;
  if (nn_mul_overflows(ncap + cap, 3 * sizeof(uint32_t), &bytes)) return NN_ETOOBIG;
  if (bytes > b->len && nn_buf_reserve(b, bytes - b->len) != NN_OK) return NN_ENOMEM;
  slots = (uint32_t *)(void *)b->data;
  old = slots + 3 * ncap; /* the old slots wait above the new table */
  memmove(old, slots, cap * 3 * sizeof(uint32_t));
  memset(slots, 0, ncap * 3 * sizeof(uint32_t));
  mask = ncap - 1;
  for (j = 0; j < cap; j++) {
    if (old[3 * j] != gen) continue;
    for (i = (old[3 * j + 1] * 0x9E3779B1u) & mask; slots[3 * i] == gen; i = (i + 1) & mask) {
    }
    memcpy(&slots[3 * i], &old[3 * j], 3 * sizeof(uint32_t));
  }
  b->len = ncap * 3 * sizeof(uint32_t);
  return NN_OK;
}

static int idmap_get(nn_buf *b, size_t *count, uint32_t gen, uint32_t key, uint32_t value,
                     uint32_t *out)
{
  size_t cap = b->len / (3 * sizeof(uint32_t)), mask, i;
  uint32_t *slots;
  if ((*count + 1) * 2 > cap) {
    int rc = idmap_grow(b, gen);
    if (rc != NN_OK) return rc;
    cap = b->len / (3 * sizeof(uint32_t));
  }
  slots = (uint32_t *)(void *)b->data;
  mask = cap - 1;
  for (i = (key * 0x9E3779B1u) & mask; slots[3 * i] == gen; i = (i + 1) & mask) {
    if (slots[3 * i + 1] == key) {
      *out = slots[3 * i + 2];
      return 0;
    }
  }
  slots[3 * i] = gen;
  slots[3 * i + 1] = key;
  slots[3 * i + 2] = value;
  (*count)++;
  *out = value;
  return 1;
}

/* The index in this call of the word described by info, made on first use
 * (with its stem's). */
static int local_word(nn_keywords *k, const kw_wordinfo *info, uint32_t *lid)
{
  kw_word *w;
  uint32_t next = (uint32_t)COUNT(k->words, kw_word), stem;
  int rc = idmap_get(&k->word_ids, &k->word_id_count, k->gen, info->vword, next, lid);
  if (rc <= 0) return rc;
  w = push(&k->words, sizeof *w);
  if (!w) return NN_ENOMEM;
  w->info = *info;
  w->cap_mid = w->low_seen = 0;
  next = (uint32_t)COUNT(k->stems, kw_stem);
  rc = idmap_get(&k->stem_ids, &k->stem_id_count, k->gen, info->vstem, next, &stem);
  if (rc < 0) return rc;
  if (rc == 1) {
    kw_stem *st = push(&k->stems, sizeof *st);
    if (!st) return NN_ENOMEM;
    st->tf = st->in_title = st->aux = 0;
    st->longer = st->mark = NO_ID;
    st->vstem = info->vstem;
    st->weight = 0;
  }
  AT(k->words, kw_word, *lid).stem = stem;
  return NN_OK;
}

/* ---- the open-class reading of a word ---------------------------------------------------- */

static int all_digits(const char *s, size_t n)
{
  size_t i;
  if (n == 0) return 0;
  for (i = 0; i < n; i++)
    if (!is_ascii_digit((unsigned char)s[i])) return 0;
  return 1;
}

/* Tags from a lexicon entry into *set and the weights. */
static uint32_t entry_tags(const nn_lexentry *e, uint16_t weight[W_COUNT], uint8_t *verb_tag)
{
  static const uint8_t vform_tag[4] = { T_VERB, T_VBZ, T_VBN, T_VBG };
  uint32_t set = 0;
  memset(weight, 0, W_COUNT * sizeof *weight);
  if (e->weight[NN_LEX_NOUN]) set |= B(T_NOUN), weight[W_NOUN] = e->weight[NN_LEX_NOUN];
  if (e->weight[NN_LEX_ADJ]) set |= B(T_ADJ), weight[W_ADJ] = e->weight[NN_LEX_ADJ];
  if (e->weight[NN_LEX_ADV]) set |= B(T_ADV), weight[W_ADV] = e->weight[NN_LEX_ADV];
  if (e->weight[NN_LEX_VERB]) {
    *verb_tag = vform_tag[nn_lexentry_vform(e)];
    set |= B(*verb_tag);
    weight[W_VERB] = e->weight[NN_LEX_VERB];
  }
  return set;
}

/* An English word the lexicon does not know, by its ending. */
static uint32_t guess_tag(const char *w, size_t n)
{
  static const char *const adj_endings[] = { "ous", "ful", "ive", "able", "ible", "al", "ic",
                                             "ical", "less", "ish", "ary", "ese", "ian" };
  size_t i;
  if (n > 4 && ends_with(w, n, "ly")) return T_ADV;
  if (n > 5 && ends_with(w, n, "ing")) return T_VBG;
  if (n > 4 && ends_with(w, n, "ed")) return T_VBN;
  for (i = 0; i < sizeof adj_endings / sizeof *adj_endings; i++)
    if (n > strlen(adj_endings[i]) + 3 && ends_with(w, n, adj_endings[i])) return T_ADJ;
  return T_NOUN;
}

static const nn_lexentry *known_entry(const nn_lexicon *lx, const char *w, size_t n)
{
  const nn_lexentry *e = nn_lexicon_find(lx, w, n);
  if (e && (e->flags & NN_LEXF_LEXICON) && nn_lexentry_case(e) == NN_LEXCASE_LOWER &&
      (e->weight[0] | e->weight[1] | e->weight[2] | e->weight[3]))
    return e;
  return NULL;
}

/* Second parts of compounds that make an adjective: "oil-rich", "42-year-old". */
static int adjective_part(const char *s, size_t n)
{
  static const char *const parts[] = { "based", "related", "rich", "free", "like", "wide",
                                       "style", "run", "owned", "led", "backed", "sized",
                                       "year", "old", "term", "level", "scale", "range" };
  size_t i;
  for (i = 0; i < sizeof parts / sizeof *parts; i++)
    if (bytes_are(s, n, parts[i])) return 1;
  return 0;
}

/* The tag set and weights of a lower-case open-class word w[0..n). */
static uint32_t open_class(const nn_lexicon *lx, const char *w, size_t n, uint16_t weight[W_COUNT],
                           uint8_t *verb_tag, int depth)
{
  const nn_lexentry *e;
  const char *hyphen = memchr(w, '-', n);
  memset(weight, 0, W_COUNT * sizeof *weight);
  if (hyphen && depth == 0) {
    /* Compound: its parts, without empty ones ("a--b"). */
    size_t i = 0, first_start = n, last_start = 0, last_len = 0, parts = 0;
    int digits_before_last = 0, prev_digits = 0;
    while (i < n) {
      size_t j = i;
      while (j < n && w[j] != '-') j++;
      if (j > i) {
        if (parts > 0 && prev_digits) digits_before_last = 1;
        if (parts == 0) first_start = i;
        prev_digits = all_digits(w + i, j - i);
        last_start = i;
        last_len = j - i;
        parts++;
      }
      i = j + 1;
    }
    (void)first_start;
    if (parts == 0) {
      weight[W_NOUN] = 1;
      return B(T_NOUN);
    }
    if (digits_before_last) {
      /* "987-foot", "42-year-old" modify; "f-16" names */
      if (all_digits(w + last_start, last_len) || char_count(w + last_start, last_len) <= 2) {
        weight[W_NOUN] = 1;
        return B(T_NOUN);
      }
      weight[W_ADJ] = 1;
      return B(T_ADJ);
    }
    if (adjective_part(w + last_start, last_len)) {
      weight[W_ADJ] = 1;
      return B(T_ADJ);
    }
    if ((e = known_entry(lx, w, n)) != NULL) return entry_tags(e, weight, verb_tag);
    {
      uint32_t set = open_class(lx, w + last_start, last_len, weight, verb_tag, 1);
      if (set == B(T_VERB)) {
        memset(weight, 0, W_COUNT * sizeof *weight);
        weight[W_ADJ] = 1;
        return B(T_ADJ);
      }
      return set;
    }
  }
  if ((e = known_entry(lx, w, n)) != NULL) return entry_tags(e, weight, verb_tag);
  {
    uint32_t tag = guess_tag(w, n);
    if (tag == T_ADJ) weight[W_ADJ] = 1;
    else if (tag == T_ADV) weight[W_ADV] = 1;
    else if (tag == T_NOUN) weight[W_NOUN] = 1;
    else {
      weight[W_VERB] = 1;
      *verb_tag = (uint8_t)tag;
    }
    return B(tag);
  }
}

static uint32_t word_open_class(kw_run *r, uint32_t id)
{
  return AT(r->k->words, kw_word, id).info.ocset;
}

/* ---- tokens ----------------------------------------------------------------------------- */

/* Bytes of a contraction ending ("n't", "'re", ...) of a word, 0 for none;
 * *s_clitic tells an 's ("it's", read like a possessive). */
static size_t clitic_len(const char *s, size_t n, int *s_clitic)
{
  static const char *const endings[] = { "'s", "\342\200\231s", "n't", "n\342\200\231t", "'t",
                                          "\342\200\231t", "'re", "\342\200\231re", "'ve",
                                          "\342\200\231ve", "'ll", "\342\200\231ll", "'d",
                                          "\342\200\231d", "'m", "\342\200\231m" };
  size_t i;
  for (i = 0; i < sizeof endings / sizeof *endings; i++) {
    size_t m = strlen(endings[i]), j;
    if (m >= n) continue;
    for (j = 0; j < m; j++) {
      unsigned char c = (unsigned char)s[n - m + j];
      if (is_ascii_upper(c)) c = (unsigned char)(c + 32);
      if (c != (unsigned char)endings[i][j]) break;
    }
    if (j == m) {
      *s_clitic = i < 2;
      return m;
    }
  }
  return 0;
}

static unsigned token_flags(const char *s, const nn_token *t, int kind)
{
  unsigned char c = (unsigned char)s[t->start];
  unsigned f = 0;
  if (is_ascii_upper(c) || (c >= 0x80 && (t->flags & NN_TF_CAPITALIZED))) f |= F_CAP;
  if (t->flags & NN_TF_ALL_CAPS) f |= F_ALLCAPS;
  if (t->flags & (NN_TF_HAS_LETTER | NN_TF_HAS_DIGIT)) f |= F_LETTERS;
  if (kind == K_WORD || kind == K_ABBR || kind == K_NUM) {
    f |= F_ALNUM;
    if (!is_ascii_digit(c) && (t->flags & NN_TF_HAS_LETTER)) f |= F_ALPHA;
  }
  return f;
}

/* The word (its index in this call) of the form r->s[start .. start + len).
 * Most tokens are short forms seen before: first the table of this text's
 * forms (small, so it stays in cache), then the cache of forms seen in
 * earlier calls, which holds what the lexicon says of them; only a form new
 * to both is folded to lower case and looked up in the vocabulary. */
static int form_word(kw_run *r, size_t start, size_t len, int ascii, uint32_t *word)
{
  nn_keywords *k = r->k;
  const char *raw = r->s + start;
  kw_fslot *slot = NULL;
  kw_dslot *d = NULL;
  uint64_t lo = 0, hi = 0;
  uint32_t vid;
  size_t keylen;
  int rc;
  if (len <= FCACHE_KEY) {
    uint32_t h;
    form_words(raw, len, r->len - start, &lo, &hi);
    h = form_hash(lo, hi, len);
    if ((rc = doc_form(k, lo, hi, len, h, &d)) != NN_OK) return rc;
    if (d->gen == k->gen) {
      *word = d->local;
      return NN_OK;
    }
    d->lo = lo;
    d->hi = hi;
    d->len = (uint32_t)len;
    d->gen = k->gen;
    k->doc_form_count++;
    slot = &AT(k->fcache, kw_fslot, h & (FCACHE_SLOTS - 1));
    if (slot->len == len && slot->lo == lo && slot->hi == hi) {
      if ((rc = local_word(k, &slot->info, word)) != NN_OK) return rc;
      d->local = *word;
      return NN_OK;
    }
  }
  if ((rc = word_key(k, raw, len, ascii, &keylen)) != NN_OK) return rc;
  if ((rc = vocab_word(r, keylen, &vid)) != NN_OK) return rc;
  if ((rc = local_word(k, &AT(k->vwords, kw_wordinfo, vid), word)) != NN_OK) return rc;
  if (d) d->local = *word;
  if (slot) {
    slot->lo = lo;
    slot->hi = hi;
    slot->info = AT(k->vwords, kw_wordinfo, vid);
    slot->len = (uint32_t)len;
  }
  return NN_OK;
}

static int new_token(kw_run *r, size_t start, size_t len, int kind, unsigned flags, int ascii)
{
  nn_keywords *k = r->k;
  kw_token *t;
  uint32_t word = NO_ID;
  int rc;
  if (COUNT(k->tokens, kw_token) >= NO_ID - 1) return NN_ETOOBIG;
  if (kind != K_PUNCT && kind != K_POSS && kind != K_OTHER &&
      (rc = form_word(r, start, len, ascii, &word)) != NN_OK)
    return rc;
  t = push(&k->tokens, sizeof *t);
  if (!t) return NN_ENOMEM;
  t->start = start;
  t->len = len;
  t->word = word;
  t->pos = r->pos;
  r->pos += (flags & F_ALNUM) != 0;
  t->lexset = 0;
  t->kind = (uint8_t)kind;
  t->tag = T_OTHER;
  t->flags = (uint16_t)flags;
  return NN_OK;
}

static int token_kind(const kw_run *r, const nn_token *t)
{
  switch (t->kind) {
  case NN_TOKEN_WORD:
    return (t->flags & NN_TF_POSSESSIVE) && t->len == t->suffix_len ? K_POSS : K_WORD;
  case NN_TOKEN_ABBREVIATION: return K_ABBR;
  case NN_TOKEN_NUMBER: case NN_TOKEN_ORDINAL: case NN_TOKEN_TIME: case NN_TOKEN_DATE:
  case NN_TOKEN_MONEY: case NN_TOKEN_PERCENT:
    return K_NUM;
  case NN_TOKEN_IDEOGRAPH: return r->lx ? K_OTHER : K_WORD;
  case NN_TOKEN_URL: case NN_TOKEN_EMAIL: case NN_TOKEN_HASHTAG: case NN_TOKEN_MENTION:
    return K_OTHER;
  default: return K_PUNCT;
  }
}

static void sentence_casing(kw_run *r, kw_sent *s);

/* Tokens of r->s that fall inside the given sentences, sentence after
 * sentence; with the lexicon, the casing evidence of each sentence as it
 * ends (its tokens are still in cache). */
static int tokenize(kw_run *r, const nn_sentence *sents, size_t nsent)
{
  nn_keywords *k = r->k;
  nn_tokenizer tz;
  nn_tokenizer_opts topts = NN_TOKENIZER_OPTS_DEFAULT;
  nn_token tok;
  size_t si = 0, open = (size_t)-1;
  int rc;
  r->pos = 0;
  topts.lang = r->lx ? r->lx->lang : NULL;
  topts.possessive = NN_POSSESSIVE_SPLIT;
  if (r->o->lang && r->lx == NULL) topts.lang = NULL; /* neutral abbreviations */
  if ((rc = nn_tokenizer_init(&tz, r->s, r->len, &topts)) != NN_OK) return rc;
  while (nn_tokenizer_next(&tz, &tok)) {
    int kind;
    unsigned flags;
    int ascii = (tok.flags & NN_TF_ASCII) != 0;
    uint32_t sent;
    while (si < nsent && sents[si].stop <= tok.start) si++;
    if (si == nsent) break;
    if (sents[si].start > tok.start) continue; /* title, byline, boilerplate */
    if (si != open) {
      kw_sent *ks = push(&k->sents, sizeof *ks);
      if (!ks) return NN_ENOMEM;
      if (COUNT(k->sents, kw_sent) > 1) {
        kw_sent *done = &AT(k->sents, kw_sent, COUNT(k->sents, kw_sent) - 2);
        done->end = (uint32_t)COUNT(k->tokens, kw_token);
        if (r->lx) sentence_casing(r, done);
      }
      ks->first = ks->end = (uint32_t)COUNT(k->tokens, kw_token);
      ks->caps = 0;
      open = si;
    }
    sent = (uint32_t)(COUNT(k->sents, kw_sent) - 1);
    kind = token_kind(r, &tok);
    flags = token_flags(r->s, &tok, kind);
    if (kind == K_PUNCT && tok.len == 1 && r->s[tok.start] == '.' && COUNT(k->tokens, kw_token) > 0) {
      /* An initial: "J." of "J. R. Smith" */
      kw_token *prev = &AT(k->tokens, kw_token, COUNT(k->tokens, kw_token) - 1);
      if (COUNT(k->tokens, kw_token) - 1 >= AT(k->sents, kw_sent, sent).first && prev->kind == K_WORD &&
          prev->len == 1 &&
          is_ascii_upper((unsigned char)r->s[prev->start]) && prev->start + 1 == tok.start) {
        prev->len = 2;
        prev->kind = K_ABBR;
        continue;
      }
    }
    if (kind == K_WORD && (tok.flags & NN_TF_APOSTROPHE)) {
      int s_clitic = 0;
      size_t m = clitic_len(r->s + tok.start, tok.len, &s_clitic);
      if (m) {
        if ((rc = new_token(r, tok.start, tok.len - m, K_WORD, flags, ascii)) != NN_OK)
          return rc;
        flags = (r->s[tok.start + tok.len - m] == 'n' || r->s[tok.start + tok.len - m] == 'N')
                    ? F_ALNUM | F_ALPHA | F_LETTERS : F_LETTERS;
        if ((rc = new_token(r, tok.start + tok.len - m, m, s_clitic ? K_CLITIC_S : K_CLITIC_AUX,
                            flags, ascii)) != NN_OK)
          return rc;
        continue;
      }
    }
    if ((rc = new_token(r, tok.start, tok.len, kind, flags, ascii)) != NN_OK) return rc;
  }
  if (COUNT(k->sents, kw_sent) > 0) {
    kw_sent *done = &AT(k->sents, kw_sent, COUNT(k->sents, kw_sent) - 1);
    done->end = (uint32_t)COUNT(k->tokens, kw_token);
    if (r->lx) sentence_casing(r, done);
  }
  return NN_OK;
}

/* ---- tagging ---------------------------------------------------------------------------- */

static const char *token_text(const kw_run *r, const kw_token *t) { return r->s + t->start; }

static kw_word *token_word(const kw_run *r, const kw_token *t)
{
  return t->word == NO_ID ? NULL : &AT(r->k->words, kw_word, t->word);
}

/* A headline in capitals: three or more words, 60% of them in capitals. */
static int caps_sentence(const kw_run *r, const kw_sent *s)
{
  const kw_token *t = ITEMS(r->k->tokens, kw_token);
  uint32_t i, words = 0, upper = 0;
  for (i = s->first; i < s->end; i++) {
    if (!(t[i].flags & F_ALPHA)) continue;
    words++;
    if ((t[i].flags & F_ALLCAPS) && char_count(token_text(r, &t[i]), t[i].len) > 1) upper++;
  }
  return words >= 3 && upper * 10 >= words * 6;
}

/* Pass 1, run by the tokenizer as each sentence ends: how each word is
 * written inside sentences (not first in its sentence): capitalized or in
 * lower case.  Headlines in capitals do not count. */
static void sentence_casing(kw_run *r, kw_sent *s)
{
  kw_token *t = ITEMS(r->k->tokens, kw_token);
  uint32_t i;
  int first = 1;
  s->caps = caps_sentence(r, s);
  if (s->caps) return;
  for (i = s->first; i < s->end; i++) {
    kw_word *w;
    if (t[i].kind != K_WORD || !(t[i].flags & F_ALNUM)) {
      if (t[i].flags & F_ALNUM) first = 0;
      continue;
    }
    w = token_word(r, &t[i]);
    if (!first && w) {
      if (t[i].flags & F_CAP) w->cap_mid++;
      else w->low_seen++;
    }
    first = 0;
  }
}

/* Pass 2: the lexical tag set of every token of a sentence. */
static void lexical_tags(kw_run *r, const kw_sent *s)
{
  kw_token *toks = ITEMS(r->k->tokens, kw_token);
  uint32_t i;
  int sent_start = 1;
  for (i = s->first; i < s->end; i++) {
    kw_token *t = &toks[i];
    const char *text = token_text(r, t);
    kw_word *w = token_word(r, t);
    int is_start, cap = (t->flags & F_CAP) != 0, allcaps = (t->flags & F_ALLCAPS) != 0;
    unsigned lf = w ? w->info.lexflags : 0;
    int cl = w && w->info.closed != 0xFF ? w->info.closed : -1;
    unsigned shape = w ? w->info.shape : 0;
    switch (t->kind) {
    case K_ABBR:
      if (lf & NN_LEXF_TITLE_ABBR) t->lexset = B(T_TITLE);
      else if (dotted(text, t->len, 1)) t->lexset = B(T_OTHER); /* a.m., e.g. */
      else if (dotted(text, t->len, 0)) t->lexset = B(T_PROPN); /* U.S. */
      else if (shape & S_ONE_LETTER) t->lexset = B(T_PROPN);    /* an initial */
      else if (lf & NN_LEXF_TIME) t->lexset = B(T_TIME);         /* Jan. */
      else t->lexset = B(T_PROPN);                              /* Co., Inc. */
      sent_start = 0;
      continue;
    case K_NUM:
      t->lexset = B(T_NUM);
      sent_start = 0;
      continue;
    case K_PUNCT:
      if (bytes_are(text, t->len, "'")) {
        t->lexset = B(T_POS);
      } else {
        t->lexset = B(T_PUNCT);
        if (clause_opener(text, t->len)) sent_start = 1;
      }
      continue;
    case K_OTHER:
      t->lexset = B(T_OTHER);
      sent_start = 0;
      continue;
    case K_POSS: case K_CLITIC_S:
      t->lexset = B(T_POS);
      continue;
    case K_CLITIC_AUX:
      t->lexset = B(T_AUX);
      continue;
    default:
      break;
    }
    is_start = sent_start;
    sent_start = 0;
    if (!w) {
      t->lexset = B(T_OTHER);
      continue;
    }
    if (s->caps && allcaps) {
      /* a headline in capitals: judge the word by its lower-case form */
      if (cl >= 0) t->lexset = B(cl);
      else if (lf & NN_LEXF_TIME) t->lexset = B(T_TIME);
      else if (w->cap_mid > 0 && w->low_seen == 0) t->lexset = B(T_PROPN);
      else if (w->info.known || w->low_seen > 0) t->lexset = word_open_class(r, t->word);
      else t->lexset = B(T_PROPN);
    } else if (cap && cl >= 0 && !allcaps && !(shape & S_I) && !(lf & NN_LEXF_TIME)) {
      t->lexset = B(cl); /* "The", "To" */
    } else if (cap && !is_start) {
      if (lf & NN_LEXF_TIME) t->lexset = B(T_TIME);
      else if (shape & S_I) t->lexset = B(T_PRON);
      else if (lf & NN_LEXF_TITLE_BARE) t->lexset = B(T_TITLE);
      else t->lexset = B(T_PROPN);
    } else if (cap) {
      if (lf & NN_LEXF_TITLE_BARE) t->lexset = B(T_TITLE);
      else if (cl >= 0) t->lexset = B(cl);
      else if (lf & NN_LEXF_TIME) t->lexset = B(T_TIME);
      else if (w->cap_mid > 0 && w->low_seen == 0) t->lexset = B(T_PROPN);
      else if (!w->info.known && w->low_seen == 0) t->lexset = B(T_PROPN);
      else t->lexset = word_open_class(r, t->word);
    } else if (cl >= 0) {
      t->lexset = B(cl);
    } else if (allcaps && char_count(text, t->len) > 1) {
      t->lexset = B(T_PROPN);
    } else {
      t->lexset = word_open_class(r, t->word);
    }
  }
}

static int single(uint32_t set) { return set && !(set & (set - 1)); }

static int popcount(uint32_t set)
{
  int n = 0;
  for (; set; set &= set - 1) n++;
  return n;
}

/* The index of the lowest set bit (a de Bruijn sequence picks it out). */
static int tag_of(uint32_t set)
{
  static const uint8_t index[32] = { 0,  1,  28, 2,  29, 14, 24, 3,  30, 22, 20, 15, 25, 17, 4,  8,
                                     31, 27, 13, 23, 21, 19, 16, 7,  26, 12, 18, 6,  11, 5,  10, 9 };
  return index[(uint32_t)((set & (0u - set)) * 0x077CB531u) >> 27];
}

/* The tag with the largest weight, nouns counted double (news is noun-heavy);
 * ties go to noun, adjective, adverb, verb. */
static int heaviest(const kw_word *w, uint32_t set)
{
  static const uint8_t order[W_COUNT] = { T_NOUN, T_ADJ, T_ADV, 0 };
  double best = -1;
  int tag = T_NOUN, i;
  for (i = 0; i < W_COUNT; i++) {
    int t = i == W_VERB ? w->info.verb_tag : order[i];
    double v;
    if (i == W_VERB ? !(set & VERBS) : !(set & B(t))) continue;
    v = (double)w->info.weight[i] * (i == W_NOUN ? 2.0 : 1.0);
    if (v > best) best = v, tag = t;
  }
  return tag;
}

/* Pass 3: one tag per token, left to right, from the neighbours. */
static void resolve_tags(kw_run *r, const kw_sent *s)
{
  kw_token *toks = ITEMS(r->k->tokens, kw_token);
  uint32_t i;
  for (i = s->first; i < s->end; i++) {
    kw_token *t = &toks[i];
    uint32_t keys = t->lexset, nxt, verbs;
    int prev, nxt1, nxt_nounish, choice = -1;
    const kw_word *w;
    if (single(keys)) {
      t->tag = (uint8_t)tag_of(keys);
      continue;
    }
    w = token_word(r, t);
    prev = i > s->first ? toks[i - 1].tag : T_START;
    nxt = i + 1 < s->end ? toks[i + 1].lexset : 0;
    nxt1 = single(nxt) ? tag_of(nxt) : -1;
    nxt_nounish = (nxt & NOMINAL) && !(nxt & (B(T_VBZ) | B(T_VBN)));
    verbs = keys & VERBS;
    if ((keys & B(T_VBG)) &&
        (nxt1 == T_DET || nxt1 == T_PRON || nxt1 == T_NUM ||
         ((prev == T_PREP || prev == T_PUNCT || prev == T_START || prev == T_CONJ) && nxt1 == T_PROPN))) {
      choice = T_VBG; /* a gerund with an object: "by giving South Africa" */
    } else if (prev == T_DET || prev == T_POS || prev == T_ADJ || prev == T_NUM || prev == T_PREP ||
               prev == T_TITLE) {
      /* nominal context */
      if ((keys & B(T_ADJ)) && nxt_nounish) choice = T_ADJ;
      else if (keys & B(T_NOUN)) choice = T_NOUN;
      else if (keys & B(T_ADJ)) choice = T_ADJ;
      else if ((prev == T_DET || prev == T_POS) && (keys & (B(T_VBN) | B(T_VBG))))
        choice = T_ADJ; /* "the injured workers" */
    } else if (prev == T_PRON || prev == T_MODAL || prev == T_TO) {
      if (verbs) choice = tag_of(verbs);
    } else if (prev == T_AUX) {
      if (keys & B(T_VBN)) choice = T_VBN;
      else if (keys & B(T_VBG)) choice = T_VBG;
      else if (keys & B(T_ADJ)) choice = T_ADJ;
    } else if (prev == T_NOUN || prev == T_PROPN) {
      /* a compound when a noun follows; a bare verb needs a plural subject
       * ("guerrillas attack"), an -s verb an object ("reports a loss") */
      int obj = nxt1 == T_DET || nxt1 == T_PRON || nxt1 == T_NUM || nxt1 == T_PROPN ||
                nxt1 == T_ADJ || nxt1 == T_ADV || nxt1 == T_TITLE ||
                ((nxt & B(T_ADJ)) && popcount(nxt) <= 2);
      int plural = toks[i - 1].word != NO_ID &&
                   (AT(r->k->words, kw_word, toks[i - 1].word).info.shape & S_PLURAL);
      if ((keys & B(T_NOUN)) && nxt_nounish && (!(nxt & B(T_PROPN)) || !verbs)) choice = T_NOUN;
      else if ((keys & B(T_VERB)) && plural) choice = T_VERB;
      else if ((keys & B(T_VBZ)) && obj) choice = T_VBZ;
      else if ((keys & B(T_VBN)) && (obj || !(keys & B(T_NOUN)))) choice = T_VBN;
      else if (keys & B(T_NOUN)) choice = T_NOUN; /* "oil spill in" */
      else if (verbs) choice = tag_of(verbs);
    } else if ((prev == T_VERB || prev == T_VBZ || prev == T_VBN || prev == T_VBG) &&
               (keys & B(T_NOUN))) {
      choice = T_NOUN; /* "served notice" */
    } else if ((prev == T_START || prev == T_PUNCT || prev == T_CONJ) && (keys & B(T_NOUN)) &&
               (nxt1 == T_PREP || nxt1 == T_PUNCT || nxt1 == T_CONJ)) {
      choice = T_NOUN; /* "Measures of this sort" */
    } else if ((keys & B(T_NOUN)) && nxt && !(nxt & ~NOMINAL)) {
      choice = T_NOUN; /* "said rescue worker" */
    } else if (verbs && nxt == B(T_DET)) {
      choice = tag_of(verbs); /* "that triggers the disease" */
    }
    if (choice < 0) choice = w ? heaviest(w, keys) : T_NOUN;
    t->tag = (uint8_t)choice;
  }
}

/* "NEW YORK, Oct 19 -", "PHNOM PENH, Cambodia (AP) _": the place and date
 * before a dash at the start of the first sentence (the second, after a
 * headline in capitals), when the article structure found none.  Every word
 * before the dash is capitalized or a number or date, one is in capitals. */
static void find_dateline(kw_run *r, const kw_sent *s)
{
  kw_token *toks = ITEMS(r->k->tokens, kw_token);
  uint32_t i, j;
  for (i = s->first; i < s->end && i < s->first + 14; i++) {
    int words = 0, upper = 0, ok = 1;
    if (toks[i].kind != K_PUNCT || !dash(token_text(r, &toks[i]), toks[i].len)) continue;
    for (j = s->first; j < i; j++) {
      const kw_token *t = &toks[j];
      if (!(t->flags & F_ALNUM)) continue;
      words++;
      if ((t->flags & F_ALLCAPS) && char_count(token_text(r, t), t->len) > 1) upper++;
      if (!(t->flags & F_CAP) && t->tag != T_NUM && t->tag != T_TIME &&
          !is_ascii_digit((unsigned char)r->s[t->start]))
        ok = 0;
    }
    if (words && upper && ok)
      for (j = s->first; j < i; j++) toks[j].tag = T_DATELINE;
    return;
  }
}

/* The tags of one sentence (the casing evidence of the whole text is in). */
static void tag_sentence(kw_run *r, kw_sent *s)
{
  kw_token *toks;
  uint32_t i;
  int first = 1, german;
  if (r->lx) {
    /* a sentence's rules read only its own tokens: both passes while they are in cache */
    lexical_tags(r, s);
    resolve_tags(r, s);
    return;
  }
  /* Stopword candidates: content words are nouns; a capitalized word inside a
   * sentence is a name, except in German, which capitalizes every noun. */
  toks = ITEMS(r->k->tokens, kw_token);
  german = r->o->lang_len >= 2 && (r->o->lang[0] | 0x20) == 'd' && (r->o->lang[1] | 0x20) == 'e';
  for (i = s->first; i < s->end; i++) {
    kw_token *t = &toks[i];
    const kw_word *w = token_word(r, t);
    if (t->kind == K_WORD && w && !w->info.stop && (t->flags & F_LETTERS))
      t->tag = (t->flags & F_CAP) && !first && !german ? T_PROPN : T_NOUN;
    else if (t->kind == K_NUM) t->tag = T_NUM;
    else if (t->kind == K_PUNCT) t->tag = T_PUNCT;
    else t->tag = T_OTHER;
    if (t->flags & F_ALNUM) first = 0;
  }
}

static void tag_tokens(kw_run *r)
{
  size_t si, nsent = COUNT(r->k->sents, kw_sent);
  for (si = 0; si < nsent; si++) tag_sentence(r, &AT(r->k->sents, kw_sent, si));
}

/* ---- candidates ------------------------------------------------------------------------- */

/* Records one occurrence of the phrase made of tokens [first, first + n). */
static uint32_t cand_hash(const uint32_t *stems, uint32_t n)
{
  uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ULL;
  uint32_t i;
  for (i = 0; i < n; i++) h = (h ^ stems[i]) * 0xC2B2AE3D27D4EB4FULL;
  return (uint32_t)(h >> 32);
}

/* The id of the candidate with these stems, made on first use. */
static int find_cand(nn_keywords *k, const uint32_t *stems, uint32_t n, const kw_token *t,
                     uint32_t *id)
{
  size_t cap = COUNT(k->cand_slots, kw_cslot), mask, i, count = COUNT(k->cands, kw_cand);
  kw_cslot *sl;
  kw_cand *c;
  if ((count + 1) * 2 > cap) {
    size_t ncap = cap ? cap * 2 : 512, bytes, j;
    kw_cslot *old;
    if (nn_mul_overflows(ncap + cap, sizeof(kw_cslot), &bytes)) return NN_ETOOBIG;
    if (bytes > k->cand_slots.len && nn_buf_reserve(&k->cand_slots, bytes - k->cand_slots.len) != NN_OK)
      return NN_ENOMEM;
    sl = (kw_cslot *)(void *)k->cand_slots.data;
    old = sl + ncap;
    memmove(old, sl, cap * sizeof *sl);
    memset(sl, 0, ncap * sizeof *sl);
    mask = ncap - 1;
    for (j = 0; j < cap; j++) {
      if (old[j].gen != k->gen) continue;
      for (i = cand_hash(old[j].stems, old[j].n) & mask; sl[i].gen == k->gen; i = (i + 1) & mask) {
      }
      sl[i] = old[j];
    }
    k->cand_slots.len = ncap * sizeof *sl;
    cap = ncap;
  }
  sl = (kw_cslot *)(void *)k->cand_slots.data;
  mask = cap - 1;
  for (i = cand_hash(stems, n) & mask; sl[i].gen == k->gen; i = (i + 1) & mask) {
    if (sl[i].n == n && sl[i].stems[0] == stems[0] && (n < 2 || sl[i].stems[1] == stems[1]) &&
        (n < 3 || sl[i].stems[2] == stems[2])) {
      *id = sl[i].id;
      return NN_OK;
    }
  }
  if (count >= NO_ID - 1) return NN_ETOOBIG;
  c = push(&k->cands, sizeof *c);
  if (!c) return NN_ENOMEM;
  memset(c, 0, sizeof *c);
  c->nwords = n;
  memcpy(c->stems, stems, n * sizeof *stems);
  c->first = t[0].pos;
  c->first_start = t[0].start;
  c->first_stop = t[n - 1].start + t[n - 1].len;
  c->next_longer = c->occ_head = c->occ_tail = NO_ID;
  memset(&sl[i], 0, sizeof sl[i]);
  memcpy(sl[i].stems, stems, n * sizeof *stems);
  sl[i].n = n;
  sl[i].id = (uint32_t)count;
  sl[i].gen = k->gen;
  *id = (uint32_t)count;
  return NN_OK;
}

/* Records one occurrence of the phrase made of tokens [first, first + n). */
static int add_occurrence(kw_run *r, uint32_t first, uint32_t n)
{
  nn_keywords *k = r->k;
  const kw_token *t = &AT(k->tokens, kw_token, first);
  uint32_t key[MAX_PHRASE_WORDS], i, id, oid;
  size_t chars = 0;
  int proper = 1, rc;
  kw_cand *c;
  kw_occ *o;
  for (i = 0; i < n; i++) {
    const kw_word *w = token_word(r, &t[i]);
    key[i] = w->stem;
    chars += t[i].len; /* bytes: the test below is "fewer than 2 characters" */
    if (t[i].tag != T_PROPN) proper = 0;
  }
  if (r->lx && n == 1 && (token_word(r, t)->info.lexflags & NN_LEXF_VAGUE)) return NN_OK;
  if (chars < 2 || (chars < 4 && char_count(token_text(r, t), t[n - 1].start + t[n - 1].len - t[0].start) < 2))
    return NN_OK;
  if ((rc = find_cand(k, key, n, t, &id)) != NN_OK) return rc;
  oid = (uint32_t)COUNT(k->occ, kw_occ);
  o = push(&k->occ, sizeof *o);
  if (!o) return NN_ENOMEM;
  o->first = first;
  o->n = n;
  o->next = NO_ID;
  c = &AT(k->cands, kw_cand, id);
  c->count++;
  if (proper) c->proper++;
  if (c->occ_tail == NO_ID) c->occ_head = oid;
  else AT(k->occ, kw_occ, c->occ_tail).next = oid;
  c->occ_tail = oid;
  return NN_OK;
}

/* A run of candidate tokens [first, first + n): without its trailing
 * non-nouns, kept when one to three words long (longer runs are dropped). */
static int flush_run(kw_run *r, uint32_t first, uint32_t n)
{
  const kw_token *t = ITEMS(r->k->tokens, kw_token);
  while (n > 0 && !(B(t[first + n - 1].tag) & NOMINAL)) n--;
  if (n == 0 || n > MAX_PHRASE_WORDS) return NN_OK;
  return add_occurrence(r, first, n);
}

static int is_title_word(const kw_run *r, const kw_token *t)
{
  const kw_word *w = token_word(r, t);
  return w && t->kind != K_ABBR && (w->info.lexflags & NN_LEXF_TITLE);
}

static int sentence_candidates(kw_run *r, const kw_sent *s)
{
  const kw_token *toks = ITEMS(r->k->tokens, kw_token);
  kw_stem *stems = ITEMS(r->k->stems, kw_stem);
  uint32_t i, run = 0, n = 0;
  int rc;
  for (i = s->first; i < s->end; i++) {
    const kw_token *t = &toks[i];
    const kw_word *w = token_word(r, t);
    int tag = t->tag, ok;
    if ((B(tag) & WORD_TAGS) && w) stems[w->stem].tf++;
    if (!r->lx) {
      ok = (tag == T_NOUN || tag == T_PROPN) && w;
    } else {
      ok = (B(tag) & WORD_TAGS) != 0;
      if (!ok && (tag == T_VBN || tag == T_VBG)) {
        /* a participle before a noun: "the injured workers", "rising prices" */
        int prev = i > s->first ? toks[i - 1].tag : T_START;
        int next = i + 1 < s->end ? toks[i + 1].tag : T_END;
        ok = (next == T_NOUN || next == T_ADJ) &&
             (prev == T_DET || prev == T_POS || prev == T_ADJ || prev == T_NUM || prev == T_PREP ||
              prev == T_START || prev == T_PUNCT || prev == T_CONJ);
      }
      if (ok && (!w || (w->info.stop && tag != T_PROPN))) ok = 0;
      if (ok && tag == T_PROPN && is_title_word(r, t) && i + 1 < s->end &&
          toks[i + 1].tag == T_PROPN && !is_title_word(r, &toks[i + 1])) {
        /* "Prime Minister | Hun Sen": the title ends the run and is dropped,
         * with the common words capitalized before it ("Prime", "Foreign"),
         * tagged as names or, first in a sentence, by their usual tag */
        while (n > 0 && (toks[run + n - 1].flags & F_CAP) && token_word(r, &toks[run + n - 1]) &&
               token_word(r, &toks[run + n - 1])->info.known)
          n--;
        if (n && (rc = flush_run(r, run, n)) != NN_OK) return rc;
        n = 0;
        continue;
      }
    }
    if (ok && !(t->flags & F_LETTERS)) ok = 0;
    if (ok) {
      if (n == 0) run = i;
      n++;
    } else {
      if (n && (rc = flush_run(r, run, n)) != NN_OK) return rc;
      n = 0;
    }
  }
  return n ? flush_run(r, run, n) : NN_OK;
}

/* A one-word name joins the longer name that ends with it and comes first
 * ("Sen" -> "Hun Sen", "Morote" -> "Osman Morote"; "Texas" stays apart from a
 * later "West Texas").  Among several, the most frequent, then the earliest. */
static void merge_names(kw_run *r)
{
  kw_cand *c = ITEMS(r->k->cands, kw_cand);
  kw_stem *st = ITEMS(r->k->stems, kw_stem);
  size_t n = COUNT(r->k->cands, kw_cand), i;
  for (i = n; i-- > 0;) {
    if (c[i].nwords >= 2 && c[i].proper * 2 >= c[i].count) {
      kw_stem *last = &st[c[i].stems[c[i].nwords - 1]];
      c[i].next_longer = last->longer;
      last->longer = (uint32_t)i;
    }
  }
  for (i = 0; i < n; i++) {
    uint32_t x, best = NO_ID;
    if (c[i].nwords != 1 || c[i].proper * 2 < c[i].count) continue;
    for (x = st[c[i].stems[0]].longer; x != NO_ID; x = c[x].next_longer) {
      if (c[x].first >= c[i].first) continue;
      if (best == NO_ID || c[x].count > c[best].count ||
          (c[x].count == c[best].count && c[x].first < c[best].first))
        best = x;
    }
    if (best != NO_ID) {
      c[best].count += c[i].count;
      c[i].merged = 1;
    }
  }
}

/* ---- scores ----------------------------------------------------------------------------- */

/* 1 + ln((N + 1) / (df + 1)) of a stem from the corpus. */
static int corpus_idf(kw_run *r, uint32_t stem, double *idf)
{
  size_t n;
  uint32_t vstem = AT(r->k->stems, kw_stem, stem).vstem;
  const char *s = nn_strmap_key(&r->k->word_map, AT(r->k->vstems, kw_vstem, vstem).word, &n);
  uint64_t df = 0;
  int rc = r->o->df(r->o->df_ud, s, n, &df);
  if (rc != NN_OK) return rc;
  if (df > r->o->corpus_docs) df = r->o->corpus_docs;
  *idf = 1.0 + log(((double)r->o->corpus_docs + 1.0) / ((double)df + 1.0));
  return NN_OK;
}

/* The corpus factor of every stem of a live candidate, into kw_stem.weight
 * (exponent applied by the caller); 1 without a corpus. */
static int stem_idf(kw_run *r)
{
  kw_stem *st = ITEMS(r->k->stems, kw_stem);
  const kw_cand *c = ITEMS(r->k->cands, kw_cand);
  size_t ns = COUNT(r->k->stems, kw_stem), nc = COUNT(r->k->cands, kw_cand), i;
  uint32_t j;
  for (i = 0; i < ns; i++) st[i].weight = r->o->df ? -1.0 : 1.0;
  if (!r->o->df) return NN_OK;
  for (i = 0; i < nc; i++) {
    if (c[i].merged) continue;
    for (j = 0; j < c[i].nwords; j++) {
      kw_stem *x = &st[c[i].stems[j]];
      int rc;
      if (x->weight < 0 && (rc = corpus_idf(r, c[i].stems[j], &x->weight)) != NN_OK) return rc;
    }
  }
  return NN_OK;
}

/* posfreq: sum of sqrt(tf) (times sqrt(idf) with a corpus) over the words,
 * divided by sqrt(1 + first position). */
static int score_posfreq(kw_run *r)
{
  kw_stem *st = ITEMS(r->k->stems, kw_stem);
  kw_cand *c = ITEMS(r->k->cands, kw_cand);
  size_t ns = COUNT(r->k->stems, kw_stem), nc = COUNT(r->k->cands, kw_cand), i;
  uint32_t j;
  int rc = stem_idf(r);
  if (rc != NN_OK) return rc;
  for (i = 0; i < ns; i++) {
    kw_stem *x = &st[i];
    x->weight = sqrt((double)x->tf) * (x->weight > 0 ? sqrt(x->weight) : 1.0);
  }
  for (i = 0; i < nc; i++) {
    double sum = 0;
    for (j = 0; j < c[i].nwords; j++) sum += st[c[i].stems[j]].weight;
    c[i].score = sum / sqrt(1.0 + (double)c[i].first);
  }
  return NN_OK;
}

/* tfidf: phrase frequency times the mean idf of its words.  The idf comes
 * from the corpus; without one it is 1 (the phrase frequency alone): an
 * article cannot tell which words are common elsewhere, and its sentences as
 * documents ranked worse on the development set. */
static int score_tfidf(kw_run *r)
{
  kw_stem *st = ITEMS(r->k->stems, kw_stem);
  kw_cand *c = ITEMS(r->k->cands, kw_cand);
  size_t nc = COUNT(r->k->cands, kw_cand), i;
  uint32_t j;
  int rc = stem_idf(r);
  if (rc != NN_OK) return rc;
  for (i = 0; i < nc; i++) {
    double sum = 0;
    for (j = 0; j < c[i].nwords; j++) sum += st[c[i].stems[j]].weight;
    c[i].score = (double)c[i].count * sum / (double)c[i].nwords;
  }
  return NN_OK;
}

/* An edge of the word graph, both directions stored; an edge seen twice is
 * stored twice, which weighs it double. */
typedef struct kw_edge {
  uint32_t from, to;
} kw_edge;

/* textrank: PageRank (d = 0.85) over the graph of noun, name and adjective
 * stems joined when adjacent; a phrase scores the sum of its words. */
static int score_textrank(kw_run *r)
{
  nn_keywords *k = r->k;
  kw_cand *c = ITEMS(k->cands, kw_cand);
  const kw_token *t = ITEMS(k->tokens, kw_token);
  size_t ns = COUNT(k->stems, kw_stem), nc = COUNT(k->cands, kw_cand), nt = COUNT(k->tokens, kw_token);
  size_t i, ne, nodes = 0, bytes, iter;
  kw_edge *e;
  double *score, *next, *outw, *node;
  const double d = 0.85;
  uint32_t prev = NO_ID, j;
  /* four arrays of doubles by the stems' dense index, in `order` */
  if (nn_mul_overflows(ns, 4 * sizeof(double), &bytes)) return NN_ETOOBIG;
  k->order.len = 0;
  if (nn_buf_reserve(&k->order, bytes) != NN_OK) return NN_ENOMEM;
  score = (double *)(void *)k->order.data;
  next = score + ns;
  outw = next + ns;
  node = outw + ns;
  for (i = 0; i < ns; i++) node[i] = outw[i] = 0;
  k->graph.len = 0;
  for (i = 0; i < nt; i++) {
    uint32_t u = NO_ID;
    if ((B(t[i].tag) & WORD_TAGS) && t[i].word != NO_ID) {
      u = AT(k->words, kw_word, t[i].word).stem;
      if (node[u] == 0) node[u] = 1, nodes++;
      if (prev != NO_ID && prev != u) {
        kw_edge *p = push(&k->graph, 2 * sizeof *p);
        if (!p) return NN_ENOMEM;
        p[0].from = prev, p[0].to = u;
        p[1].from = u, p[1].to = prev;
        outw[prev] += 1.0;
        outw[u] += 1.0;
      }
    }
    prev = u;
  }
  ne = COUNT(k->graph, kw_edge);
  e = ITEMS(k->graph, kw_edge);
  for (i = 0; i < ns; i++) score[i] = node[i] != 0 ? 1.0 / (double)nodes : 0.0;
  for (iter = 0; iter < 100 && nodes > 0; iter++) {
    double dangling = 0, delta = 0;
    for (i = 0; i < ns; i++) {
      next[i] = node[i] != 0 ? (1.0 - d) / (double)nodes : 0.0;
      if (node[i] != 0 && outw[i] == 0) dangling += score[i];
    }
    for (i = 0; i < ne; i++) next[e[i].to] += d * score[e[i].from] / outw[e[i].from];
    for (i = 0; i < ns; i++) {
      if (node[i] == 0) continue;
      next[i] += d * dangling / (double)nodes;
      delta += fabs(next[i] - score[i]);
    }
    memcpy(score, next, ns * sizeof *score);
    if (delta < 1e-6) break;
  }
  for (i = 0; i < nc; i++) {
    double sum = 0;
    for (j = 0; j < c[i].nwords; j++) sum += score[c[i].stems[j]];
    c[i].score = sum;
  }
  return NN_OK;
}

/* Per-stem statistics of YAKE. */
typedef struct kw_yake {
  uint32_t tf, cap, acr;   /* occurrences; capitalized inside a sentence; in capitals */
  uint32_t sents, last;    /* distinct sentences; the last one seen + 1 */
  uint32_t seen, median;   /* for the median sentence */
  uint32_t left, right;    /* neighbour occurrences on each side */
  uint32_t left_distinct, right_distinct;
} kw_yake;

static int yake_neighbour(kw_run *r, kw_yake *y, uint32_t w, uint32_t nb, int side)
{
  uint32_t key[3], id;
  int rc;
  key[0] = w, key[1] = nb, key[2] = (uint32_t)side;
  rc = nn_strmap_intern(&r->k->pair_map, (const char *)key, sizeof key, &id);
  if (rc < 0) return rc;
  if (side) y[w].right++, y[w].right_distinct += (uint32_t)rc;
  else y[w].left++, y[w].left_distinct += (uint32_t)rc;
  return NN_OK;
}

/* yake: YAKE's word score S(w) from casing, position, frequency, context
 * diversity and spread; a phrase scores prod S / (count (1 + sum S)), lower
 * is better (stored negated). */
static int score_yake(kw_run *r)
{
  nn_keywords *k = r->k;
  const kw_token *t = ITEMS(k->tokens, kw_token);
  const kw_sent *sents = ITEMS(k->sents, kw_sent);
  kw_cand *c = ITEMS(k->cands, kw_cand);
  kw_stem *st = ITEMS(k->stems, kw_stem);
  size_t ns = COUNT(k->stems, kw_stem), nc = COUNT(k->cands, kw_cand);
  size_t nsent = COUNT(k->sents, kw_sent), i, bytes, distinct = 0;
  kw_yake *y;
  double mean = 0, var = 0, maxtf = 0;
  uint32_t j;
  int rc;
  if (nn_mul_overflows(ns, sizeof *y, &bytes)) return NN_ETOOBIG;
  k->order.len = 0;
  if (nn_buf_reserve(&k->order, bytes) != NN_OK) return NN_ENOMEM;
  y = (kw_yake *)(void *)k->order.data;
  memset(y, 0, bytes);
  nn_strmap_clear(&k->pair_map);
  for (i = 0; i < nsent; i++) {
    uint32_t prev = NO_ID, a;
    for (a = sents[i].first; a < sents[i].end; a++) {
      const kw_word *w;
      uint32_t s;
      if (!(t[a].flags & F_ALNUM) || t[a].word == NO_ID || t[a].tag == T_DATELINE) continue;
      w = &AT(k->words, kw_word, t[a].word);
      s = w->stem;
      if (prev != NO_ID) {
        const kw_word *pw = &AT(k->words, kw_word, prev);
        if (!w->info.stop && (rc = yake_neighbour(r, y, s, pw->stem, 0)) != NN_OK) return rc;
        if (!pw->info.stop && (rc = yake_neighbour(r, y, pw->stem, s, 1)) != NN_OK) return rc;
      }
      prev = t[a].word;
      if (w->info.stop) continue;
      y[s].tf++;
      if ((t[a].flags & F_CAP) && a != sents[i].first) y[s].cap++;
      if ((t[a].flags & F_ALLCAPS) && char_count(r->s + t[a].start, t[a].len) > 1) y[s].acr++;
      if (y[s].last != i + 1) y[s].last = (uint32_t)i + 1, y[s].sents++;
    }
  }
  /* the median sentence: the (tf / 2)-th occurrence, 0-based */
  for (i = 0; i < nsent; i++) {
    uint32_t a;
    for (a = sents[i].first; a < sents[i].end; a++) {
      const kw_word *w;
      if (!(t[a].flags & F_ALNUM) || t[a].word == NO_ID || t[a].tag == T_DATELINE) continue;
      w = &AT(k->words, kw_word, t[a].word);
      if (w->info.stop) continue;
      kw_yake *x = &y[w->stem];
      if (x->seen++ == x->tf / 2) x->median = (uint32_t)i;
    }
  }
  for (i = 0; i < ns; i++) {
    if (!y[i].tf) continue;
    distinct++;
    mean += y[i].tf;
    if (y[i].tf > maxtf) maxtf = y[i].tf;
  }
  if (distinct) {
    mean /= (double)distinct;
    for (i = 0; i < ns; i++)
      if (y[i].tf) var += ((double)y[i].tf - mean) * ((double)y[i].tf - mean);
    var /= (double)distinct;
  }
  for (i = 0; i < ns; i++) {
    double f = y[i].tf, tcase, tpos, tfn, wl, wr, trel, tsen;
    if (!y[i].tf) {
      st[i].weight = 1.0;
      continue;
    }
    tcase = (double)(y[i].cap > y[i].acr ? y[i].cap : y[i].acr) / (1.0 + log(f));
    tpos = log(log(3.0 + (double)y[i].median));
    tfn = f / (mean + sqrt(var));
    wl = (double)y[i].left_distinct / (double)(y[i].left ? y[i].left : 1);
    wr = (double)y[i].right_distinct / (double)(y[i].right ? y[i].right : 1);
    trel = 1.0 + (wl + wr) * f / maxtf;
    tsen = (double)y[i].sents / (double)(nsent ? nsent : 1);
    st[i].weight = tpos * trel / (tcase + tfn / trel + tsen / trel);
  }
  for (i = 0; i < nc; i++) {
    double prod = 1, sum = 0;
    for (j = 0; j < c[i].nwords; j++) {
      double v = st[c[i].stems[j]].weight;
      prod *= v;
      sum += v;
    }
    c[i].score = -prod / ((double)c[i].count * (1.0 + sum));
  }
  return NN_OK;
}

/* ---- ranking and output ------------------------------------------------------------------- */

/* A candidate's sort key, self-contained so that qsort needs no context. */
typedef struct kw_rank {
  double score;
  uint32_t first;
  uint32_t id;
} kw_rank;

static int compare_ranks(const void *a, const void *b)
{
  const kw_rank *x = a, *y = b;
  if (x->score != y->score) return x->score > y->score ? -1 : 1;
  if (x->first != y->first) return x->first < y->first ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* With a title: phrases sharing its words score up to half as much again. */
static void title_boost(kw_run *r, int lower_is_better)
{
  const kw_stem *st = ITEMS(r->k->stems, kw_stem);
  kw_cand *c = ITEMS(r->k->cands, kw_cand);
  size_t nc = COUNT(r->k->cands, kw_cand), i;
  uint32_t j;
  for (i = 0; i < nc; i++) {
    uint32_t shared = 0;
    double f;
    for (j = 0; j < c[i].nwords; j++) shared += st[c[i].stems[j]].in_title != 0;
    if (!shared) continue;
    f = 1.0 + 0.5 * (double)shared / (double)c[i].nwords;
    c[i].score = lower_is_better ? c[i].score / f : c[i].score * f;
  }
}

/* Appends a phrase's text to k->text: its most frequent form (the words as
 * written, one space where there was white space), a form in capitals only
 * when it has no other; ties go to the form seen first. */
static int phrase_text(kw_run *r, const kw_cand *c)
{
  nn_keywords *k = r->k;
  const kw_token *t = ITEMS(k->tokens, kw_token);
  uint32_t oid, best = NO_ID, best_count = 0, sid;
  int best_caps = 0, rc;
  nn_strmap_clear(&k->surface_map);
  k->order.len = 0; /* surface counts by id, then the caps flag */
  for (oid = c->occ_head; oid != NO_ID; oid = AT(k->occ, kw_occ, oid).next) {
    const kw_occ *o = &AT(k->occ, kw_occ, oid);
    uint32_t i, *cnt;
    int caps = 1;
    k->scratch.len = 0;
    for (i = o->first; i < o->first + o->n; i++) {
      if (i > o->first && t[i].start > t[i - 1].start + t[i - 1].len &&
          (rc = nn_buf_append_byte(&k->scratch, ' ')) != NN_OK)
        return rc;
      if ((rc = nn_buf_append(&k->scratch, token_text(r, &t[i]), t[i].len)) != NN_OK) return rc;
      if (!(t[i].flags & F_ALLCAPS)) caps = 0;
    }
    rc = nn_strmap_intern(&k->surface_map, k->scratch.data, k->scratch.len, &sid);
    if (rc < 0) return rc;
    if (rc == 1) {
      cnt = push(&k->order, 2 * sizeof *cnt);
      if (!cnt) return NN_ENOMEM;
      cnt[0] = 0;
      cnt[1] = (uint32_t)caps;
    }
    cnt = &AT(k->order, uint32_t, 2 * sid);
    cnt[0]++;
    if (best == NO_ID || (best_caps && !cnt[1]) ||
        ((int)cnt[1] == best_caps && (cnt[0] > best_count || (cnt[0] == best_count && sid < best))))
      best = sid, best_count = cnt[0], best_caps = (int)cnt[1];
  }
  {
    size_t len;
    const char *text = nn_strmap_key(&k->surface_map, best, &len);
    return nn_buf_append(&k->text, text, len);
  }
}

/* Sifts rank[i] down the heap of n whose root is the worst kept phrase. */
static void sift_down(kw_rank *rank, size_t n, size_t i)
{
  for (;;) {
    size_t l = 2 * i + 1, m = i;
    kw_rank tmp;
    if (l < n && compare_ranks(&rank[l], &rank[m]) > 0) m = l;
    if (l + 1 < n && compare_ranks(&rank[l + 1], &rank[m]) > 0) m = l + 1;
    if (m == i) return;
    tmp = rank[i], rank[i] = rank[m], rank[m] = tmp;
    i = m;
  }
}

/* The best `top` live candidates into k->phrases and k->text.  With a
 * bounded `top` they are selected through a heap (linear in the candidates),
 * then sorted. */
static int rank_output(kw_run *r)
{
  nn_keywords *k = r->k;
  const kw_cand *c = ITEMS(k->cands, kw_cand);
  size_t nc = COUNT(k->cands, kw_cand), i, n = 0, top = r->o->top, bytes;
  kw_rank *rank;
  double best;
  if (nn_mul_overflows(nc, sizeof *rank, &bytes)) return NN_ETOOBIG;
  k->graph.len = 0;
  if (nn_buf_reserve(&k->graph, bytes) != NN_OK) return NN_ENOMEM;
  rank = (kw_rank *)(void *)k->graph.data;
  if (top == 0 || top > nc) top = nc;
  for (i = 0; i < nc; i++) {
    kw_rank x;
    if (c[i].merged) continue;
    x.score = c[i].score;
    x.first = c[i].first;
    x.id = (uint32_t)i;
    if (n < top) {
      size_t j = n++;
      rank[j] = x;
      /* sift up: the worst kept phrase stays at the root */
      while (j > 0 && compare_ranks(&rank[(j - 1) / 2], &rank[j]) < 0) {
        kw_rank tmp = rank[j];
        rank[j] = rank[(j - 1) / 2];
        rank[(j - 1) / 2] = tmp;
        j = (j - 1) / 2;
      }
    } else if (compare_ranks(&x, &rank[0]) < 0) {
      rank[0] = x;
      sift_down(rank, n, 0);
    }
  }
  if (n == 0) return NN_OK;
  nn_sort(rank, n, sizeof *rank, compare_ranks);
  best = rank[0].score;
  for (i = 0; i < n; i++) {
    const kw_cand *x = &c[rank[i].id];
    nn_keyphrase *p = push(&k->phrases, sizeof *p);
    int rc;
    if (!p) return NN_ENOMEM;
    p->text = k->text.len;
    if ((rc = phrase_text(r, x)) != NN_OK) return rc;
    p = &AT(k->phrases, nn_keyphrase, i);
    p->text_len = k->text.len - p->text;
    if (k->method == NN_KW_YAKE) /* negated, lower is better: best / score */
      p->score = rank[i].score < 0 ? best / rank[i].score : 0.0;
    else
      p->score = best > 0 ? rank[i].score / best : 0.0;
    p->count = x->count;
    p->start = x->first_start;
    p->stop = x->first_stop;
  }
  k->count = n;
  return NN_OK;
}

/* ---- the pipeline ------------------------------------------------------------------------- */

/* Past this many word forms the vocabulary starts again. */
#define VOCAB_MAX 100000u

/* Empties the scratch of the last call; keeps the vocabulary when the
 * language settings are those it was made with. */
/* A table marked with call numbers starts a call at a size made for a text
 * of len bytes (one slot in two used for one entry per `per` bytes), or
 * empty: its slots from earlier calls read as empty, and it grows as it
 * fills.  So a call costs what it uses, not what the largest text before it
 * needed.  The bytes past the start size keep older calls' slots, which the
 * growth clears. */
static void table_start(nn_buf *b, size_t slot_size, size_t len, size_t per)
{
  size_t want = len / per + 1, slots = 256;
  while (slots < 2 * want && slots < ((size_t)1 << 20)) slots *= 2;
  b->len = b->cap / slot_size >= slots ? slots * slot_size : 0;
}

static int start_call(nn_keywords *k, const kw_run *r, size_t len)
{
  const void *key[3];
  char lang[sizeof k->vocab_lang];
  size_t n = r->o->lang_len < sizeof lang - 1 ? r->o->lang_len : sizeof lang - 1;
  key[0] = r->lx;
  key[1] = r->lx ? NULL : (const void *)r->o->stopwords;
  /* a stemmer is known by its presence and the language */
  key[2] = r->lx || !r->o->stem ? NULL : (const void *)&k->vocab_key;
  memset(lang, 0, sizeof lang);
  memcpy(lang, r->o->lang, n);
  if (memcmp(key, k->vocab_key, sizeof key) != 0 || memcmp(lang, k->vocab_lang, sizeof lang) != 0 ||
      k->word_map.count > VOCAB_MAX || k->gen == 0xFFFFFFFFu) {
    nn_strmap_clear(&k->word_map);
    nn_strmap_clear(&k->stem_map);
    k->vwords.len = k->vstems.len = 0;
    /* the tables marked with call numbers start again with the numbers
     * (all their memory: a table may have been larger in an earlier call) */
    if (k->fcache.len) memset(k->fcache.data, 0, k->fcache.len);
    if (k->word_ids.cap) memset(k->word_ids.data, 0, k->word_ids.cap);
    if (k->stem_ids.cap) memset(k->stem_ids.data, 0, k->stem_ids.cap);
    if (k->doc_forms.cap) memset(k->doc_forms.data, 0, k->doc_forms.cap);
    if (k->cand_slots.cap) memset(k->cand_slots.data, 0, k->cand_slots.cap);
    k->gen = 0;
    memcpy(k->vocab_key, key, sizeof key);
    memcpy(k->vocab_lang, lang, sizeof lang);
  }
  k->gen++;
  k->tokens.len = k->sents.len = k->words.len = k->stems.len = 0;
  k->cands.len = k->occ.len = k->sentlist.len = k->graph.len = 0;
  k->doc_form_count = 0;
  k->word_id_count = k->stem_id_count = 0;
  /* about one distinct word form per 12 bytes of news, one candidate per 16 */
  table_start(&k->doc_forms, sizeof(kw_dslot), len, 8);
  table_start(&k->word_ids, 3 * sizeof(uint32_t), len, 12);
  table_start(&k->stem_ids, 3 * sizeof(uint32_t), len, 12);
  table_start(&k->cand_slots, sizeof(kw_cslot), len, 16);
  if (k->fcache.len == 0) {
    size_t bytes = FCACHE_SLOTS * sizeof(kw_fslot);
    if (nn_buf_reserve(&k->fcache, bytes) != NN_OK) return NN_ENOMEM;
    memset(k->fcache.data, 0, bytes);
    k->fcache.len = bytes;
  }
  return NN_OK;
}

/* Whether a line found as the title reads like one: it does not end like a
 * sentence (final punctuation, then closing quotes or brackets). */
static int reads_like_title(const char *s, size_t n)
{
  while (n > 0) {
    unsigned char c = (unsigned char)s[n - 1];
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
      n--;
    } else if (n >= 3 && (unsigned char)s[n - 3] == 0xE2 && (unsigned char)s[n - 2] == 0x80 &&
               (c == 0x9D || c == 0x99)) {
      n -= 3; /* ” ’ */
    } else {
      return !(c == '.' || c == '!' || c == '?');
    }
  }
  return 0;
}

/* Tokens and tags of the title, into kw_stem.in_title; then the context is
 * emptied of them (the stems stay). */
static int title_pass(kw_run *r, const char *title, size_t len)
{
  nn_keywords *k = r->k;
  nn_sentence whole;
  size_t i, n;
  int rc;
  r->s = title;
  r->len = len;
  whole.start = 0;
  whole.stop = len;
  whole.flags = 0;
  if ((rc = tokenize(r, &whole, 1)) != NN_OK) return rc;
  tag_tokens(r);
  n = COUNT(k->tokens, kw_token);
  for (i = 0; i < n; i++) {
    const kw_token *t = &AT(k->tokens, kw_token, i);
    if ((B(t->tag) & WORD_TAGS) && t->word != NO_ID)
      AT(k->stems, kw_stem, AT(k->words, kw_word, t->word).stem).in_title = 1;
  }
  k->tokens.len = k->sents.len = 0;
  n = COUNT(k->words, kw_word); /* the body counts its own casing evidence */
  for (i = 0; i < n; i++) AT(k->words, kw_word, i).cap_mid = AT(k->words, kw_word, i).low_seen = 0;
  return NN_OK;
}

/* The body sentences into k->sentlist as nn_sentence records, and the title and
 * dateline spans. */
static int find_sentences(kw_run *r, const char *s, size_t len, nn_span *title, nn_span *dateline)
{
  nn_keywords *k = r->k;
  nn_sentence_opts so;
  int rc;
  nn_sentence_opts_init(&so);
  so.lang = r->o->lang ? nn_sentences_lang(r->o->lang, r->o->lang_len) : NN_LANG_NEUTRAL;
  title->start = title->stop = dateline->start = dateline->stop = 0;
  k->sentlist.len = 0;
  if (!r->o->structure) {
    long n = nn_sentences_split(s, len, &so, &k->sentlist);
    return n < 0 ? (int)n : NN_OK;
  }
  if ((rc = nn_article_parse(&k->article, s, len, &so)) != NN_OK) return rc;
  *dateline = k->article.dateline;
  if (k->article.title.stop > k->article.title.start) {
    if (reads_like_title(s + k->article.title.start, k->article.title.stop - k->article.title.start)) {
      *title = k->article.title;
    } else {
      /* a first sentence taken for a title: it stays body text */
      long n = nn_sentences_split(s + k->article.title.start,
                                  k->article.title.stop - k->article.title.start, &so, &k->sentlist);
      size_t i, m = COUNT(k->sentlist, nn_sentence);
      if (n < 0) return (int)n;
      for (i = 0; i < m; i++) {
        AT(k->sentlist, nn_sentence, i).start += k->article.title.start;
        AT(k->sentlist, nn_sentence, i).stop += k->article.title.start;
      }
    }
  }
  return nn_buf_append(&k->sentlist, k->article.sentences.data, k->article.sentences.len);
}

int nn_keywords_extract(nn_keywords *k, const char *s, size_t len, const nn_keywords_opts *o)
{
  kw_run r;
  nn_span title, dateline;
  const char *title_text = NULL;
  size_t title_len = 0, i, nsent, ns, si, dl_sent;
  int rc;
  k->count = 0;
  k->phrases.len = k->text.len = 0;
  if (!o || !o->lang || o->lang_len < 2 || o->lang_len > 16 || o->method < 0 ||
      o->method >= NN_KW__COUNT || (o->candidates != NN_KWC_LEXICON && o->candidates != NN_KWC_STOPWORDS))
    return NN_EARG;
  for (i = 0; i < o->lang_len; i++) {
    unsigned char c = (unsigned char)o->lang[i];
    if (!(is_ascii_lower(c) || is_ascii_upper(c) || c == '-' || c == '_')) return NN_EARG;
  }
  r.k = k;
  r.o = o;
  r.lx = o->candidates == NN_KWC_STOPWORDS ? NULL : nn_lexicon_get(o->lang, o->lang_len);
  r.title_pass = 0;
  k->method = o->method;
  k->candidates = r.lx ? NN_KWC_LEXICON : NN_KWC_STOPWORDS;
  if ((rc = start_call(k, &r, len)) != NN_OK) return rc;

  if ((rc = find_sentences(&r, s, len, &title, &dateline)) != NN_OK) return rc;
  if (o->title) title_text = o->title, title_len = o->title_len;
  else if (title.stop > title.start) title_text = s + title.start, title_len = title.stop - title.start;
  if (title_text && (rc = title_pass(&r, title_text, title_len)) != NN_OK) return rc;

  r.s = s;
  r.len = len;
  if ((rc = tokenize(&r, (const nn_sentence *)(void *)k->sentlist.data, COUNT(k->sentlist, nn_sentence))) != NN_OK)
    return rc;
  /* Sentence after sentence, while its tokens are in cache: tags, the
   * dateline (it reads and retags the tokens of its own sentence only), word
   * frequencies (the sentences hold every token), candidates. */
  nsent = COUNT(k->sents, kw_sent);
  dl_sent = nsent > 1 && AT(k->sents, kw_sent, 0).caps ? 1 : 0;
  for (si = 0; si < nsent; si++) {
    kw_sent *st = &AT(k->sents, kw_sent, si);
    tag_sentence(&r, st);
    if (r.lx) {
      if (dateline.stop > dateline.start) {
        for (i = st->first; i < st->end; i++) { /* tokens are in text order */
          kw_token *t = &AT(k->tokens, kw_token, i);
          if (t->start >= dateline.stop) break;
          if (t->start >= dateline.start) t->tag = T_DATELINE;
        }
      } else if (si == dl_sent) {
        find_dateline(&r, st);
      }
    }
    if ((rc = sentence_candidates(&r, st)) != NN_OK) return rc;
  }
  merge_names(&r);
  switch (o->method) {
  case NN_KW_TEXTRANK: rc = score_textrank(&r); break;
  case NN_KW_YAKE: rc = score_yake(&r); break;
  case NN_KW_TFIDF: rc = score_tfidf(&r); break;
  default: rc = score_posfreq(&r); break;
  }
  if (rc != NN_OK) return rc;
  ns = COUNT(k->stems, kw_stem);
  for (i = 0; i < ns && title_text; i++)
    if (AT(k->stems, kw_stem, i).in_title) {
      title_boost(&r, o->method == NN_KW_YAKE);
      break;
    }
  return rank_output(&r);
}
