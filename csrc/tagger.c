/* Taxonomy tagging: phrases in a trie over normalized token ids; see
 * nn_tagger.h for the matching rules. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "nn_language.h"
#include "nn_stem.h"
#include "nn_tagger.h"
#include "nn_strmap.h"
#include "nn_tokenize.h"
#include "nn_utf8.h"
#include "unicode_data.h"

/* Ring of tokens read ahead of the walk: a walk looks at most
 * NN_TAGGER_MAX_TOKENS - 1 tokens past its start, and reads a whole
 * tokenizer batch when it needs one more, so the tokens from its start to
 * the last one read always fit. */
#define RING_SIZE 64u
#define RING_MASK (RING_SIZE - 1u)
typedef char nn_tagger_ring_fits[RING_SIZE >= NN_TAGGER_MAX_TOKENS + NN_TOKENIZER_BATCH ? 1 : -1];

/* The stem cache of a matcher is cleared when it reaches this many words, so
 * that a stream of texts cannot grow it without bound. */
#define STEM_CACHE_MAX 131072u

/* The two bits a key sets in its word of the vocabulary filter. */
static uint64_t filter_bits(uint64_t h)
{
  return ((uint64_t)1 << ((h >> 52) & 63)) | ((uint64_t)1 << ((h >> 58) & 63));
}

/* A recently stemmed ASCII word of up to 16 bytes: its hash, length and
 * the two words that hold its lower-cased bytes, and its vocabulary slot + 1
 * (0: in no phrase).  Direct-mapped by hash; len 0 is an empty entry. */
typedef struct stem_entry {
  uint64_t hash;
  uint64_t first, last;
  uint32_t len;
  uint32_t slot;
} stem_entry;

#define STEM_RECENT 16384u

/* node_flags bits. */
#define NODE_TERMINAL 1u /* some phrase ends here */
#define NODE_INNER 2u    /* some phrase goes on from here */
#define NODE_PLAIN 4u    /* a case-insensitive phrase ends here */
#define NODE_SINGLE 8u   /* ... and no other phrase: walk_step.phrase and walk_step.tag hold it */

/* Longest decomposition of one code point (with case folding) we expect;
 * Unicode's longest is 18 (U+FDFA).  Longer results keep the code point. */
#define DECOMP_MAX 40

typedef struct phrase_rec {
  size_t text;      /* offset of the phrase as given, in texts */
  size_t text_len;
  size_t cased;     /* case-sensitive phrases: offset of their case keys, in cased */
  uint32_t tag;
  uint32_t node;    /* the trie node it ends at */
  uint32_t ntokens;
  uint8_t case_sensitive;
  uint8_t dead;     /* absorbed by a case-insensitive twin of the same tag */
} phrase_rec;

/* Keys up to this many bytes are kept in their lookup slot. */
#define INLINE_KEY 32

/* Where a walk goes: a node, its flags and, for a node whose only phrase
 * is case-insensitive (NODE_SINGLE), that phrase and its tag. */
typedef struct walk_step {
  uint32_t node;
  uint32_t phrase;
  uint32_t tag;
  uint8_t flags;
  uint8_t len;      /* vocabulary slots: the key length if at most INLINE_KEY, else 255 */
} walk_step;

typedef struct edge_slot {
  uint64_t key;     /* parent << 32 | token id */
  walk_step to;     /* to.node 0: empty; the rest is filled in by compiling */
} edge_slot;

/* A phrase ending at a node, as matching needs it. */
typedef struct node_phrase {
  uint32_t phrase;
  uint32_t tag;     /* with CASE_SENSITIVE_BIT for a case-sensitive phrase */
} node_phrase;

#define CASE_SENSITIVE_BIT 0x80000000u

/* A slot of the compiled vocabulary table, one cache line: it tells a
 * token's id, whether a phrase starts with it, where the walk goes and,
 * for all but very long tokens, the key to check. */
typedef struct vocab_slot {
  walk_step root;   /* the root's child for this token (root.node 0: none) */
  uint32_t check;   /* the high half of the key's hash */
  uint32_t id;      /* token id; 0: empty */
  uint64_t word;    /* the last word hash_key read: with the length, a key of up
                       to 8 bytes is known by it */
  char key[INLINE_KEY];
} vocab_slot;

/* A token of the text, read ahead with the rest of its tokenizer batch:
 * its span, its vocabulary slot (NULL: in no phrase) and whether a phrase
 * starts with it, so that a walk from it is tried. */
typedef struct ring_tok {
  size_t start, stop;
  const vocab_slot *v;
  uint8_t starts;
  uint8_t ascii;
} ring_tok;

struct nn_tagger {
  nn_allocator alloc;
  char lang[NN_TAGGER_LANG_MAX + 1];
  int has_lang;
  int elision;           /* strip French / Italian / Catalan elided clitics */
  int stem;
  nn_stemmers stemmers;  /* owns the stemmer below */
  struct sb_stemmer *stemmer;
  int compiled;

  /* Tags. */
  nn_strmap tag_names;
  nn_buf tag_weight;     /* double by tag */

  /* Token keys: ids 1, 2, ... (the strmap id + 1); 0 is "in no phrase". */
  nn_strmap vocab;
  size_t max_key;        /* longest key, for a quick rejection of ASCII tokens */
  vocab_slot *vslots;    /* compiled lookup table */
  size_t vslot_count;
  uint64_t *filter;      /* compiled: two bits per key, set from its hash */
  size_t filter_words;
  const vocab_slot *byte_slot[128]; /* compiled: the slot of each one-byte ASCII key */
  uint64_t *edge_filter; /* compiled: two bits per trie edge, like the vocabulary filter */
  size_t edge_filter_words;

  /* The trie: node 0 is the root; root_next[token id] is the root's child. */
  nn_buf root_next;      /* uint32 by token id */
  edge_slot *edges;
  size_t edge_cap, edge_count;
  uint32_t nodes;        /* nodes other than the root */

  /* Phrases. */
  nn_buf phrases;        /* phrase_rec */
  nn_buf texts;          /* phrase texts as given */
  nn_buf cased;          /* case keys: per token a uint32 length and the bytes */
  nn_strmap phrase_keys; /* tag, node, kind (and case keys) -> dedup */
  size_t live_phrases;

  /* Compiled: phrases by node. */
  uint32_t *node_first;  /* nodes + 2 entries */
  node_phrase *node_phrases;
  uint8_t *node_flags;   /* NODE_* by node */
  size_t node_first_bytes, node_phrases_bytes;

  /* Scratch for building and matching. */
  nn_buf key, key2, work;
  nn_strmap stem_cache;  /* folded word -> index into stem_ids */
  nn_buf stem_ids;       /* uint32 vocabulary slot + 1 (0: none) by cache entry */
  struct stem_entry *stem_recent; /* compiled, stemming: recent ASCII words, by hash */
  uint32_t *tag_slot;    /* compiled: by tag, its result + 1 during nn_tagger_tag, else 0 */
  uint32_t *tag_rank;    /* compiled: by tag, the rank of its name in byte order (in tag_slot's
                            allocation) */
  size_t tag_slot_bytes;
  nn_buf sorted;         /* result ordering */
  nn_buf group;          /* results and matches being grouped */
};

/* ---- small helpers -------------------------------------------------------------------- */

static unsigned char lower_ascii(unsigned char c)
{
  return (unsigned char)(c + ((unsigned)((unsigned)(c - 'A') < 26u) << 5));
}

/* Appends one element of `size` bytes to an array held in a buffer. */
static void *array_push(nn_buf *b, size_t size)
{
  void *p;
  if (nn_buf_reserve(b, size) != NN_OK) return NULL;
  p = b->data + b->len;
  b->len += size;
  return p;
}

static uint64_t mix64(uint64_t x)
{
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  x *= 0xC4CEB9FE1A85EC53ULL;
  x ^= x >> 33;
  return x;
}

static uint64_t load64(const char *p)
{
  uint64_t w;
  memcpy(&w, p, 8);
  return w;
}

/* The high and low halves of a * b, folded together. */
static uint64_t fold_multiply(uint64_t a, uint64_t b)
{
#if defined(__SIZEOF_INT128__)
  __extension__ typedef unsigned __int128 u128;
  u128 r = (u128)a * b;
  return (uint64_t)r ^ (uint64_t)(r >> 64);
#else
  uint64_t al = a & 0xFFFFFFFFu, ah = a >> 32, bl = b & 0xFFFFFFFFu, bh = b >> 32;
  uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  uint64_t mid = (ll >> 32) + (lh & 0xFFFFFFFFu) + (hl & 0xFFFFFFFFu);
  uint64_t lo = (ll & 0xFFFFFFFFu) | mid << 32;
  uint64_t hi = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
  return lo ^ hi;
#endif
}

/* Eight ASCII bytes with their capitals lowered, at once.  Every byte is
 * below 0x80, so the additions carry into no neighbour. */
static uint64_t lower8(uint64_t w)
{
  const uint64_t ones = 0x0101010101010101ULL;
  uint64_t above_a = w + ones * (0x80 - 'A');
  uint64_t above_z = w + ones * (0x80 - 'Z' - 1);
  return w | (((above_a & ~above_z) & ones * 0x80) >> 2);
}

#define HASH_K1 0xA0761D6478BD642FULL
#define HASH_K2 0xE7037ED1A0B428DBULL

/* Bytes 0xFF then 0: head_mask(n) keeps the first n bytes of a word. */
static const unsigned char head_ones[16] = {
  0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0
};

static inline uint64_t head_mask(size_t n)
{
  return load64((const char *)head_ones + 8 - n);
}

/* The hash of a key of n <= 8 bytes held in w (its bytes, then zeros). */
static inline uint64_t hash_short(uint64_t w, size_t n)
{
  return fold_multiply(w ^ HASH_K1, (uint64_t)n ^ HASH_K2);
}

/* The hash of a token key k[0..n), or with `lower` of the key that is the
 * ASCII text k[0..n) in lower case (without writing it out).  Keys are
 * mostly short words: a key of up to 8 bytes is one word, its bytes then
 * zeros (which also tells it apart from every other key of its length),
 * mixed with one wide multiplication, so the hash is ready a few cycles
 * after the token is.  Longer keys are mixed 8 bytes at a time, the last
 * word overlapping the one before. */
static inline uint64_t hash_key(const char *k, size_t n, int lower, uint64_t *last)
{
  uint64_t h = (uint64_t)n ^ HASH_K2, w = 0;
  if (n > 8) {
    size_t i;
    for (i = 0; i + 8 < n; i += 8) {
      w = load64(k + i);
      h = fold_multiply(h ^ (lower ? lower8(w) : w), HASH_K1);
    }
    w = load64(k + n - 8);
  } else if (n > 0) {
    memcpy(&w, k, n);
  }
  if (lower) w = lower8(w);
  *last = w;
  return fold_multiply(w ^ HASH_K1, h);
}

static uint64_t key_hash(const char *k, size_t n, uint64_t *last)
{
  return hash_key(k, n, 0, last);
}

/* ---- languages ------------------------------------------------------------------------ */

/* The primary subtag of a language tag, lower case, in out[4]; 0 when the
 * tag is malformed (2 or 3 letters, then optional -subtags of letters and
 * digits). */
static int primary_language(const char *tag, char out[4])
{
  size_t n = 0, i;
  while (n < 4 && ((tag[n] >= 'a' && tag[n] <= 'z') || (tag[n] >= 'A' && tag[n] <= 'Z'))) {
    out[n] = (char)lower_ascii((unsigned char)tag[n]);
    n++;
  }
  if (n < 2 || n > 3) return 0;
  out[n] = '\0';
  if (tag[n] == '\0') return 1;
  if (tag[n] != '-' && tag[n] != '_') return 0;
  for (i = n + 1; tag[i]; i++)
    if (!((tag[i] >= 'a' && tag[i] <= 'z') || (tag[i] >= 'A' && tag[i] <= 'Z') ||
          (tag[i] >= '0' && tag[i] <= '9') || tag[i] == '-' || tag[i] == '_'))
      return 0;
  return tag[i - 1] != '-' && tag[i - 1] != '_';
}

/* Elided articles and prepositions (French, Italian, Catalan), lower case,
 * without their apostrophe: "l'Élysée", "dell'Italia", "qu'il". */
static const char *const elided_clitics[] = {
  "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
  "all", "bell", "coll", "dall", "dell", "nell", "quell", "quest", "sant", "sull", "un",
  NULL
};

/* The bytes of an elided clitic and its apostrophe at the front of
 * p[0..n), or 0. */
static size_t elision_length(const char *p, size_t n)
{
  size_t i, k;
  for (i = 0; i < n && i < 7; i++) {
    unsigned char c = (unsigned char)p[i];
    size_t apos = 0;
    if (c == '\'') apos = 1;
    else if (c == 0xE2 && i + 2 < n && (unsigned char)p[i + 1] == 0x80 &&
             (unsigned char)p[i + 2] == 0x99)
      apos = 3;
    else if (c >= 0x80 || !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
      return 0;
    if (apos) {
      if (i == 0 || i + apos >= n) return 0;
      for (k = 0; elided_clitics[k]; k++) {
        const char *e = elided_clitics[k];
        size_t j;
        if (strlen(e) != i) continue;
        for (j = 0; j < i && lower_ascii((unsigned char)p[j]) == (unsigned char)e[j]; j++) {
        }
        if (j == i) return i + apos;
      }
      return 0;
    }
  }
  return 0;
}

/* ---- token keys ----------------------------------------------------------------------- */

/* Scripts whose combining marks are diacritics or pointing, removed from
 * keys; after letters of other scripts marks are vowels and stay. */
static int marks_are_diacritics(unsigned script)
{
  switch (script) {
  case NN_SCRIPT_COMMON:
  case NN_SCRIPT_INHERITED:
  case NN_SCRIPT_LATIN:
  case NN_SCRIPT_GREEK:
  case NN_SCRIPT_CYRILLIC:
  case NN_SCRIPT_ARMENIAN:
  case NN_SCRIPT_HEBREW:
  case NN_SCRIPT_ARABIC:
    return 1;
  default:
    return 0;
  }
}

static int append_cp(nn_buf *out, int32_t cp)
{
  unsigned char u[4];
  size_t k = nn_utf8_encode(cp, u);
  return nn_buf_append(out, (const char *)u, k);
}

/* Recomposes the UTF-8 in out (NFC), for a stemmer reading marks that
 * stayed.  Uses t->work for the code points. */
static int compose_key(nn_tagger *t, nn_buf *out)
{
  size_t i = 0, n = 0, bytes;
  utf8proc_int32_t *cps;
  utf8proc_ssize_t m;
  if (nn_mul_overflows(out->len, sizeof *cps, &bytes)) return NN_ETOOBIG;
  t->work.len = 0;
  if (nn_buf_reserve(&t->work, bytes) != NN_OK) return NN_ENOMEM;
  cps = (utf8proc_int32_t *)(void *)t->work.data;
  while (i < out->len) {
    int32_t cp;
    i += nn_utf8_decode((const unsigned char *)out->data + i, out->len - i, &cp);
    if (cp < 0) return NN_OK; /* keys are valid UTF-8; leave anything else alone */
    cps[n++] = cp;
  }
  m = utf8proc_normalize_utf32(cps, (utf8proc_ssize_t)n, UTF8PROC_COMPOSE);
  if (m < 0) return NN_OK;
  out->len = 0;
  for (i = 0; i < (size_t)m; i++)
    if (append_cp(out, cps[i]) != NN_OK) return NN_ENOMEM;
  return NN_OK;
}

/* The key of p[0..n) in out: case folding when fold is set, compatibility
 * decomposition, default ignorables out, diacritic marks out.  *kept_marks
 * tells whether marks stayed (the key is then decomposed). */
static int fold_key(const char *p, size_t n, int ascii, int fold, nn_buf *out, int *kept_marks)
{
  size_t i = 0;
  unsigned base = NN_SCRIPT_COMMON;
  utf8proc_option_t opts = (utf8proc_option_t)(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT |
                                                UTF8PROC_IGNORE |
                                                (fold ? UTF8PROC_CASEFOLD : 0));
  out->len = 0;
  *kept_marks = 0;
  if (ascii) {
    if (nn_buf_reserve(out, n) != NN_OK) return NN_ENOMEM;
    if (fold)
      for (i = 0; i < n; i++) out->data[i] = (char)lower_ascii((unsigned char)p[i]);
    else
      memcpy(out->data, p, n);
    out->len = n;
    return NN_OK;
  }
  while (i < n) {
    int32_t cp;
    utf8proc_int32_t d[DECOMP_MAX];
    utf8proc_ssize_t k, j;
    int boundclass = 0;
    size_t used = nn_utf8_decode((const unsigned char *)p + i, n - i, &cp);
    if (cp < 0) { /* ill-formed bytes stay as they are */
      if (nn_buf_append(out, p + i, used) != NN_OK) return NN_ENOMEM;
      i += used;
      continue;
    }
    i += used;
    if (cp < 0x80) {
      unsigned char c = (unsigned char)cp;
      if (nn_buf_append_byte(out, fold ? lower_ascii(c) : c) != NN_OK) return NN_ENOMEM;
      base = NN_SCRIPT_COMMON;
      continue;
    }
    if (cp == 0x419 || cp == 0x439) { /* й is a letter of its own, not и with a breve */
      if (append_cp(out, fold ? 0x439 : cp) != NN_OK) return NN_ENOMEM;
      base = NN_SCRIPT_CYRILLIC;
      continue;
    }
    k = utf8proc_decompose_char(cp, d, DECOMP_MAX, opts, &boundclass);
    if (k < 0 || k > DECOMP_MAX) {
      d[0] = cp;
      k = 1;
    }
    for (j = 0; j < k; j++) {
      const nn_uniprop *u = nn_uniprop_of(d[j]);
      if (u->gc == NN_GC_MN || u->gc == NN_GC_ME) {
        if (marks_are_diacritics(base)) continue;
        *kept_marks = 1;
      } else if (u->script != NN_SCRIPT_INHERITED) {
        base = u->script;
      }
      if (append_cp(out, d[j]) != NN_OK) return NN_ENOMEM;
    }
  }
  return NN_OK;
}

/* Replaces the key in t->key by its stem. */
static int stem_key(nn_tagger *t, int kept_marks)
{
  const char *r;
  size_t len;
  int st;
  if (kept_marks) {
    st = compose_key(t, &t->key);
    if (st != NN_OK) return st;
  }
  if (t->key.len > 4096) return NN_OK; /* no word that long has a useful stem */
  st = nn_stem(t->stemmer, t->key.data ? t->key.data : "", t->key.len, &r, &len);
  if (st != NN_OK) return st;
  t->key.len = 0;
  return nn_buf_append(&t->key, r, len);
}

/* The span of a token after elision; returns the start and length. */
static inline void token_text(const nn_tagger *t, const char *s, const nn_token *tok,
                              size_t *start, size_t *len)
{
  *start = tok->start;
  *len = tok->len;
  if (t->elision && tok->kind == NN_TOKEN_WORD && (tok->flags & NN_TF_APOSTROPHE)) {
    size_t e = elision_length(s + tok->start, tok->len);
    *start += e;
    *len -= e;
  }
}

/* ---- building ------------------------------------------------------------------------- */

int nn_tagger_new(nn_tagger **out, const nn_tagger_opts *o, const nn_allocator *a)
{
  static const nn_tagger_opts defaults = NN_TAGGER_OPTS_DEFAULT;
  nn_tagger *t;
  char primary[4];
  const nn_language *lang_entry;
  size_t lang_len = 0;
  *out = NULL;
  if (!o) o = &defaults;
  if (o->lang) {
    while (lang_len <= NN_TAGGER_LANG_MAX && o->lang[lang_len]) lang_len++;
    if (lang_len > NN_TAGGER_LANG_MAX || !primary_language(o->lang, primary)) return NN_EARG;
  } else if (o->stem) {
    return NN_EARG;
  }
  t = (nn_tagger *)nn_alloc(a, sizeof *t);
  if (!t) return NN_ENOMEM;
  memset(t, 0, sizeof *t);
  t->alloc = *a;
  if (o->lang) {
    memcpy(t->lang, o->lang, lang_len + 1);
    t->has_lang = 1;
    lang_entry = nn_language_find(primary, strlen(primary));
    t->elision = lang_entry && (lang_entry->rules & NN_LANG_ELISION);
  }
  nn_stemmers_init(&t->stemmers);
  nn_strmap_init(&t->tag_names, &t->alloc);
  nn_strmap_init(&t->vocab, &t->alloc);
  nn_strmap_init(&t->phrase_keys, &t->alloc);
  nn_strmap_init(&t->stem_cache, &t->alloc);
  nn_buf_init(&t->tag_weight, &t->alloc);
  nn_buf_init(&t->root_next, &t->alloc);
  nn_buf_init(&t->phrases, &t->alloc);
  nn_buf_init(&t->texts, &t->alloc);
  nn_buf_init(&t->cased, &t->alloc);
  nn_buf_init(&t->key, &t->alloc);
  nn_buf_init(&t->key2, &t->alloc);
  nn_buf_init(&t->work, &t->alloc);
  nn_buf_init(&t->stem_ids, &t->alloc);
  nn_buf_init(&t->sorted, &t->alloc);
  nn_buf_init(&t->group, &t->alloc);
  if (o->stem) {
    int st;
    t->stemmer = nn_stemmers_get(&t->stemmers, primary, &st);
    if (!t->stemmer) {
      nn_tagger_free(t);
      return st == NN_ENOMEM ? NN_ENOMEM : NN_EARG;
    }
    t->stem = 1;
  }
  /* Token id 0 ("in no phrase") has no child. */
  if (!array_push(&t->root_next, sizeof(uint32_t))) {
    nn_tagger_free(t);
    return NN_ENOMEM;
  }
  ((uint32_t *)(void *)t->root_next.data)[0] = 0;
  *out = t;
  return NN_OK;
}

void nn_tagger_free(nn_tagger *t)
{
  nn_allocator a;
  if (!t) return;
  a = t->alloc;
  nn_stemmers_free(&t->stemmers);
  nn_strmap_free(&t->tag_names);
  nn_strmap_free(&t->vocab);
  nn_strmap_free(&t->phrase_keys);
  nn_strmap_free(&t->stem_cache);
  nn_buf_free(&t->tag_weight);
  nn_buf_free(&t->root_next);
  nn_buf_free(&t->phrases);
  nn_buf_free(&t->texts);
  nn_buf_free(&t->cased);
  nn_buf_free(&t->key);
  nn_buf_free(&t->key2);
  nn_buf_free(&t->work);
  nn_buf_free(&t->stem_ids);
  nn_free(&a, t->tag_slot, t->tag_slot_bytes);
  nn_free(&a, t->stem_recent, t->stem_recent ? STEM_RECENT * sizeof *t->stem_recent : 0);
  nn_buf_free(&t->sorted);
  nn_buf_free(&t->group);
  nn_free(&a, t->vslots, t->vslot_count * sizeof *t->vslots);
  nn_free(&a, t->edges, t->edge_cap * sizeof *t->edges);
  nn_free(&a, t->node_first, t->node_first_bytes);
  nn_free(&a, t->node_phrases, t->node_phrases_bytes);
  nn_free(&a, t->node_flags, t->node_flags ? (size_t)t->nodes + 1 : 0);
  nn_free(&a, t->filter, t->filter_words * sizeof *t->filter);
  nn_free(&a, t->edge_filter, t->edge_filter_words * sizeof *t->edge_filter);
  nn_free(&a, t, sizeof *t);
}

/* Weights and the lead are bounded so that no sum of scores can overflow. */
#define MAX_WEIGHT 1e9

static int valid_weight(double w)
{
  return w > 0.0 && w <= MAX_WEIGHT;
}

int nn_tagger_add_tag(nn_tagger *t, const char *name, size_t len, double weight, uint32_t *tag)
{
  int added;
  if (len == 0 || !valid_weight(weight)) return NN_EARG;
  /* Room for the weight first, so that names and weights stay in step. */
  if (nn_buf_reserve(&t->tag_weight, sizeof(double)) != NN_OK) return NN_ENOMEM;
  added = nn_strmap_intern(&t->tag_names, name, len, tag);
  if (added == 1) *(double *)array_push(&t->tag_weight, sizeof(double)) = weight;
  return added;
}

int nn_tagger_set_weight(nn_tagger *t, uint32_t tag, double weight)
{
  if (tag >= t->tag_names.count || !valid_weight(weight)) return NN_EARG;
  ((double *)(void *)t->tag_weight.data)[tag] = weight;
  return NN_OK;
}

static int edges_grow(nn_tagger *t)
{
  size_t cap = t->edge_cap ? t->edge_cap * 2 : 1024, i, bytes;
  edge_slot *slots;
  if (nn_mul_overflows(cap, sizeof *slots, &bytes)) return NN_ETOOBIG;
  slots = (edge_slot *)nn_alloc(&t->alloc, bytes);
  if (!slots) return NN_ENOMEM;
  memset(slots, 0, bytes);
  for (i = 0; i < t->edge_cap; i++) {
    edge_slot e = t->edges[i];
    size_t j;
    if (!e.to.node) continue;
    for (j = (size_t)mix64(e.key) & (cap - 1); slots[j].to.node; j = (j + 1) & (cap - 1)) {
    }
    slots[j] = e;
  }
  nn_free(&t->alloc, t->edges, t->edge_cap * sizeof *t->edges);
  t->edges = slots;
  t->edge_cap = cap;
  return NN_OK;
}

static const edge_slot *edge_slot_of(const nn_tagger *t, uint32_t parent, uint32_t token)
{
  uint64_t key = (uint64_t)parent << 32 | token, h = mix64(key);
  size_t mask = t->edge_cap - 1, j;
  if (!t->edge_cap) return NULL;
  /* Compiled: most walks end at an edge that does not exist, which the
   * filter tells without touching the (large) edge table. */
  if (t->edge_filter) {
    uint64_t want = filter_bits(h);
    if ((t->edge_filter[(size_t)(h >> 16) & (t->edge_filter_words - 1)] & want) != want)
      return NULL;
  }
  for (j = (size_t)h & mask;; j = (j + 1) & mask) {
    const edge_slot *e = &t->edges[j];
    if (!e->to.node) return NULL;
    if (e->key == key) return e;
  }
}

static uint32_t edge_find(const nn_tagger *t, uint32_t parent, uint32_t token)
{
  const edge_slot *e = edge_slot_of(t, parent, token);
  return e ? e->to.node : 0;
}

/* The child of node by token, created when absent. */
static int trie_step(nn_tagger *t, uint32_t node, uint32_t token, uint32_t *child)
{
  uint32_t c;
  if (node == 0) {
    c = ((uint32_t *)(void *)t->root_next.data)[token];
  } else {
    c = edge_find(t, node, token);
  }
  if (c) {
    *child = c;
    return NN_OK;
  }
  if (t->nodes >= UINT32_MAX - 2) return NN_ETOOBIG;
  c = ++t->nodes;
  if (node == 0) {
    ((uint32_t *)(void *)t->root_next.data)[token] = c;
  } else {
    uint64_t key = (uint64_t)node << 32 | token;
    size_t j, mask;
    if ((t->edge_count + 1) * 2 > t->edge_cap) {
      int st = edges_grow(t);
      if (st != NN_OK) {
        t->nodes--;
        return st;
      }
    }
    mask = t->edge_cap - 1;
    for (j = (size_t)mix64(key) & mask; t->edges[j].to.node; j = (j + 1) & mask) {
    }
    t->edges[j].key = key;
    t->edges[j].to.node = c;
    t->edge_count++;
  }
  *child = c;
  return NN_OK;
}

/* The id of the key in t->key, added to the vocabulary when absent. */
static int intern_key(nn_tagger *t, uint32_t *id)
{
  uint32_t sid;
  int added = nn_strmap_intern(&t->vocab, t->key.data ? t->key.data : "", t->key.len, &sid);
  if (added < 0) return added;
  if (sid >= ((uint32_t)1 << 30)) return NN_ETOOBIG; /* slot indexes fit in 32 bits */
  *id = sid + 1;
  if (added) {
    uint32_t *slot = (uint32_t *)array_push(&t->root_next, sizeof(uint32_t));
    if (!slot) return NN_ENOMEM;
    *slot = 0;
    if (t->key.len > t->max_key) t->max_key = t->key.len;
  }
  return NN_OK;
}

/* Builds the dedup key of a phrase in t->key2: tag, node, kind, case keys. */
static int phrase_dedup_key(nn_tagger *t, uint32_t tag, uint32_t node, int cs, const char *cased,
                            size_t cased_len)
{
  unsigned char head[9];
  int i;
  for (i = 0; i < 4; i++) {
    head[i] = (unsigned char)(tag >> (8 * i));
    head[4 + i] = (unsigned char)(node >> (8 * i));
  }
  head[8] = cs ? 'c' : 'i';
  t->key2.len = 0;
  if (nn_buf_append(&t->key2, (const char *)head, sizeof head) != NN_OK) return NN_ENOMEM;
  if (cs && nn_buf_append(&t->key2, cased, cased_len) != NN_OK) return NN_ENOMEM;
  return NN_OK;
}

int nn_tagger_add_phrase(nn_tagger *t, uint32_t tag, const char *phrase, size_t len,
                         int case_sensitive, const char **why)
{
  nn_tokenizer tz;
  nn_tokenizer_opts to = NN_TOKENIZER_OPTS_DEFAULT;
  nn_token tok;
  uint32_t node = 0, ntokens = 0, dummy;
  size_t cased_start = t->cased.len, cased_len, nphrases;
  phrase_rec *rec;
  int st;
  *why = NULL;
  if (t->compiled) {
    *why = "the tagger is compiled";
    return NN_EARG;
  }
  if (tag >= t->tag_names.count) {
    *why = "no such tag";
    return NN_EARG;
  }
  if (nn_utf8_invalid_offset(phrase, len) != len) {
    *why = "the phrase is not valid UTF-8";
    return NN_EARG;
  }
  to.lang = t->has_lang ? t->lang : NULL;
  to.possessive = NN_POSSESSIVE_STRIP;
  if (nn_tokenizer_init(&tz, phrase, len, &to) != NN_OK) return NN_EARG;
  while (nn_tokenizer_next(&tz, &tok)) {
    size_t start, n;
    int kept;
    uint32_t id;
    if (ntokens == NN_TAGGER_MAX_TOKENS) {
      *why = "the phrase has too many tokens";
      t->cased.len = cased_start;
      return NN_EARG;
    }
    token_text(t, phrase, &tok, &start, &n);
    st = fold_key(phrase + start, n, (tok.flags & NN_TF_ASCII) != 0, 1, &t->key, &kept);
    if (st == NN_OK && t->stem && tok.kind == NN_TOKEN_WORD) st = stem_key(t, kept);
    if (st == NN_OK) st = intern_key(t, &id);
    if (st == NN_OK) st = trie_step(t, node, id, &node);
    if (st == NN_OK && case_sensitive) {
      uint32_t klen;
      st = fold_key(phrase + start, n, (tok.flags & NN_TF_ASCII) != 0, 0, &t->key, &kept);
      if (st == NN_OK && t->key.len > UINT32_MAX) st = NN_ETOOBIG;
      if (st == NN_OK) {
        /* The arena holds bytes: the length goes in unaligned, by copy. */
        klen = (uint32_t)t->key.len;
        st = nn_buf_append(&t->cased, (const char *)&klen, sizeof klen);
      }
      if (st == NN_OK) st = nn_buf_append(&t->cased, t->key.data, t->key.len);
    }
    if (st != NN_OK) {
      t->cased.len = cased_start;
      return st;
    }
    ntokens++;
  }
  if (ntokens == 0) {
    *why = "the phrase has no tokens";
    return NN_EARG;
  }
  cased_len = t->cased.len - cased_start;
  /* A case-insensitive twin of the same tag makes this phrase redundant. */
  st = phrase_dedup_key(t, tag, node, 0, NULL, 0);
  if (st != NN_OK) return st;
  if (nn_strmap_find(&t->phrase_keys, t->key2.data, t->key2.len) >= 0) {
    t->cased.len = cased_start;
    return NN_OK;
  }
  if (case_sensitive) {
    st = phrase_dedup_key(t, tag, node, 1, t->cased.data + cased_start, cased_len);
    if (st != NN_OK) return st;
  }
  st = nn_strmap_intern(&t->phrase_keys, t->key2.data, t->key2.len, &dummy);
  if (st < 0) return st;
  if (st == 0) { /* the same case-sensitive phrase again */
    t->cased.len = cased_start;
    return NN_OK;
  }
  nphrases = t->phrases.len / sizeof(phrase_rec);
  if (nphrases >= UINT32_MAX - 1) return NN_ETOOBIG;
  rec = (phrase_rec *)array_push(&t->phrases, sizeof(phrase_rec));
  if (!rec) return NN_ENOMEM;
  memset(rec, 0, sizeof *rec);
  rec->text = t->texts.len;
  rec->text_len = len;
  rec->cased = cased_start;
  rec->tag = tag;
  rec->node = node;
  rec->ntokens = ntokens;
  rec->case_sensitive = (uint8_t)(case_sensitive != 0);
  if (nn_buf_append(&t->texts, phrase, len) != NN_OK) {
    t->phrases.len -= sizeof(phrase_rec);
    return NN_ENOMEM;
  }
  t->live_phrases++;
  return NN_OK;
}

static const vocab_slot *vocab_find(const nn_tagger *t, const char *k, size_t n);

typedef struct tag_name_ref {
  const char *s;
  size_t len;
  uint32_t tag;
} tag_name_ref;

/* Byte order, a prefix first. */
static int compare_tag_names(const void *a, const void *b)
{
  const tag_name_ref *x = (const tag_name_ref *)a, *y = (const tag_name_ref *)b;
  int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
  if (c) return c;
  return x->len < y->len ? -1 : x->len > y->len;
}

/* rank[tag] = the place of the tag's name among all names in byte order,
 * so that ties between results are broken without reading names.  NN_OK
 * or NN_ENOMEM. */
static int rank_tags(nn_tagger *t, uint32_t *rank)
{
  size_t n = t->tag_names.count, i, bytes;
  tag_name_ref *refs, prev, cur;
  /* Tags added in the order of their names (as from a Lua table) are ranked
   * by their ids, without sorting. */
  for (i = 0; i < n; i++) {
    cur.s = nn_strmap_key(&t->tag_names, (uint32_t)i, &cur.len);
    if (i > 0 && compare_tag_names(&prev, &cur) > 0) break;
    prev = cur;
  }
  if (i == n) {
    for (i = 0; i < n; i++) rank[i] = (uint32_t)i;
    return NN_OK;
  }
  if (nn_mul_overflows(n, sizeof *refs, &bytes)) return NN_ENOMEM;
  refs = (tag_name_ref *)nn_alloc(&t->alloc, bytes);
  if (!refs) return NN_ENOMEM;
  for (i = 0; i < n; i++) {
    refs[i].s = nn_strmap_key(&t->tag_names, (uint32_t)i, &refs[i].len);
    refs[i].tag = (uint32_t)i;
  }
  nn_sort(refs, n, sizeof *refs, compare_tag_names);
  for (i = 0; i < n; i++) rank[refs[i].tag] = (uint32_t)i;
  nn_free(&t->alloc, refs, bytes);
  return NN_OK;
}

/* Fills in a walk_step to a node from the compiled tables. */
static void fill_step(walk_step *st, const uint8_t *flags, const uint32_t *first,
                      const node_phrase *list)
{
  st->flags = flags[st->node];
  if (st->flags & NODE_SINGLE) {
    st->phrase = list[first[st->node]].phrase;
    st->tag = list[first[st->node]].tag;
  }
}

int nn_tagger_compile(nn_tagger *t)
{
  size_t nphrases = t->phrases.len / sizeof(phrase_rec), nodes = (size_t)t->nodes + 1, i;
  size_t first_bytes, list_bytes, slots, slot_bytes, bits, edge_bits;
  phrase_rec *ph = (phrase_rec *)(void *)t->phrases.data;
  uint32_t *first;
  node_phrase *list;
  uint8_t *flags;
  vocab_slot *vs;
  uint64_t *filter, *edge_filter;
  uint32_t *tag_slot;
  size_t tag_slot_bytes;
  if (t->compiled) return NN_OK;
  /* By tag: its result slot, then the rank of its name. */
  if (nn_mul_overflows(t->tag_names.count ? t->tag_names.count : 1, 2 * sizeof *tag_slot,
                       &tag_slot_bytes))
    return NN_ETOOBIG;
  /* Case-sensitive phrases whose tag also has the phrase case-insensitive. */
  for (i = 0; i < nphrases; i++) {
    int st;
    if (!ph[i].case_sensitive || ph[i].dead) continue;
    st = phrase_dedup_key(t, ph[i].tag, ph[i].node, 0, NULL, 0);
    if (st != NN_OK) return st;
    if (nn_strmap_find(&t->phrase_keys, t->key2.data, t->key2.len) >= 0) {
      ph[i].dead = 1;
      t->live_phrases--;
    }
  }
  /* Sizes: the vocabulary lookup table has a load factor of at most 1/2;
   * the filter in front of it 8 to 16 bits per key, from 512 bits to 16 MB. */
  slots = 16;
  while (slots < t->vocab.count * 2) slots *= 2;
  bits = 512;
  while (bits < t->vocab.count * 8 && bits < ((size_t)1 << 27)) bits *= 2;
  edge_bits = 512;
  while (edge_bits < t->edge_count * 8 && edge_bits < ((size_t)1 << 27)) edge_bits *= 2;
  if (t->tag_names.count >= CASE_SENSITIVE_BIT ||
      nn_mul_overflows(nodes + 1, sizeof *first, &first_bytes) ||
      nn_mul_overflows(nphrases ? nphrases : 1, sizeof *list, &list_bytes) ||
      nn_mul_overflows(slots, sizeof *vs, &slot_bytes))
    return NN_ETOOBIG;
  first = (uint32_t *)nn_alloc(&t->alloc, first_bytes);
  list = (node_phrase *)nn_alloc(&t->alloc, list_bytes);
  flags = (uint8_t *)nn_alloc(&t->alloc, nodes);
  vs = (vocab_slot *)nn_alloc(&t->alloc, slot_bytes);
  filter = (uint64_t *)nn_alloc(&t->alloc, bits / 8);
  edge_filter = (uint64_t *)nn_alloc(&t->alloc, edge_bits / 8);
  tag_slot = (uint32_t *)nn_alloc(&t->alloc, tag_slot_bytes);
  if (!first || !list || !flags || !vs || !filter || !edge_filter || !tag_slot) goto no_memory;
  /* Phrases by node, in order of addition within a node (a counting sort). */
  memset(first, 0, first_bytes);
  for (i = 0; i < nphrases; i++)
    if (!ph[i].dead) first[ph[i].node + 1]++;
  for (i = 1; i <= nodes; i++) first[i] += first[i - 1];
  for (i = 0; i < nphrases; i++) {
    node_phrase *np;
    if (ph[i].dead) continue;
    np = &list[first[ph[i].node]++];
    np->phrase = (uint32_t)i;
    np->tag = ph[i].tag | (ph[i].case_sensitive ? CASE_SENSITIVE_BIT : 0u);
  }
  /* first[n] now holds the end of node n's run: shift to get the starts. */
  for (i = nodes; i > 0; i--) first[i] = first[i - 1];
  first[0] = 0;
  /* Node flags: whether a walk may stop or go on at a node. */
  for (i = 0; i < nodes; i++) {
    uint32_t k;
    flags[i] = first[i] != first[i + 1] ? NODE_TERMINAL : 0;
    for (k = first[i]; k < first[i + 1]; k++)
      if (!(list[k].tag & CASE_SENSITIVE_BIT)) flags[i] |= NODE_PLAIN;
    if ((flags[i] & NODE_PLAIN) && first[i + 1] - first[i] == 1) flags[i] |= NODE_SINGLE;
  }
  for (i = 0; i < t->edge_cap; i++)
    if (t->edges[i].to.node) flags[t->edges[i].key >> 32] |= NODE_INNER;
  memset(edge_filter, 0, edge_bits / 8);
  memset(tag_slot, 0, tag_slot_bytes);
  if (rank_tags(t, tag_slot + t->tag_names.count) != NN_OK) goto no_memory;
  for (i = 0; i < t->edge_cap; i++) {
    uint64_t h;
    if (!t->edges[i].to.node) continue;
    fill_step(&t->edges[i].to, flags, first, list);
    h = mix64(t->edges[i].key);
    edge_filter[(size_t)(h >> 16) & (edge_bits / 64 - 1)] |= filter_bits(h);
  }
  /* The vocabulary lookup table: one probe of one 8-byte slot for most
   * tokens, and a filter in front of it small enough to stay in cache,
   * since most tokens of a text are in no phrase. */
  memset(vs, 0, slot_bytes);
  memset(filter, 0, bits / 8);
  for (i = 0; i < t->vocab.count; i++) {
    const nn_strmap_entry *e = &t->vocab.entries[i];
    uint64_t word, h = key_hash(t->vocab.keys.data + e->offset, e->len, &word);
    size_t j;
    uint32_t root = ((const uint32_t *)(const void *)t->root_next.data)[i + 1];
    for (j = (size_t)h & (slots - 1); vs[j].id; j = (j + 1) & (slots - 1)) {
    }
    vs[j].check = (uint32_t)(h >> 32);
    vs[j].word = word;
    vs[j].id = (uint32_t)i + 1;
    vs[j].root.node = root;
    if (root) fill_step(&vs[j].root, flags, first, list);
    if (e->len <= INLINE_KEY) {
      vs[j].root.len = (uint8_t)e->len;
      memcpy(vs[j].key, t->vocab.keys.data + e->offset, e->len);
    } else {
      vs[j].root.len = 255;
    }
    filter[(size_t)(h >> 16) & (bits / 64 - 1)] |= filter_bits(h);
  }
  t->node_first = first;
  t->node_first_bytes = first_bytes;
  t->node_phrases = list;
  t->node_phrases_bytes = list_bytes;
  t->node_flags = flags;
  t->vslots = vs;
  t->vslot_count = slots;
  t->filter = filter;
  t->filter_words = bits / 64;
  t->edge_filter = edge_filter;
  t->edge_filter_words = edge_bits / 64;
  t->tag_slot = tag_slot;
  t->tag_rank = tag_slot + t->tag_names.count;
  t->tag_slot_bytes = tag_slot_bytes;
  if (t->stem) {
    /* Wanted for speed only: without it, words take the slower cache. */
    t->stem_recent = (stem_entry *)nn_alloc(&t->alloc, STEM_RECENT * sizeof *t->stem_recent);
    if (t->stem_recent) memset(t->stem_recent, 0, STEM_RECENT * sizeof *t->stem_recent);
  }
  for (i = 0; i < 128; i++) {
    char c = (char)i;
    t->byte_slot[i] = vocab_find(t, &c, 1);
  }
  t->compiled = 1;
  return NN_OK;

no_memory:
  nn_free(&t->alloc, first, first_bytes);
  nn_free(&t->alloc, list, list_bytes);
  nn_free(&t->alloc, flags, nodes);
  nn_free(&t->alloc, vs, slot_bytes);
  nn_free(&t->alloc, filter, bits / 8);
  nn_free(&t->alloc, edge_filter, edge_bits / 8);
  nn_free(&t->alloc, tag_slot, tag_slot_bytes);
  return NN_ENOMEM;
}

/* ---- the text format ------------------------------------------------------------------ */

static int is_blank(char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void trim(const char **p, size_t *n)
{
  while (*n && is_blank(**p)) {
    (*p)++;
    (*n)--;
  }
  while (*n && is_blank((*p)[*n - 1])) (*n)--;
}

/* A positive decimal number, "2", "0.5", "1.25"; locale-independent. */
static int parse_weight(const char *p, size_t n, double *w)
{
  double v = 0.0, scale = 1.0;
  size_t i = 0, digits = 0;
  while (i < n && p[i] >= '0' && p[i] <= '9') {
    if (digits < 30) v = v * 10.0 + (p[i] - '0');
    else return 0;
    digits++;
    i++;
  }
  if (i < n && p[i] == '.') {
    i++;
    while (i < n && p[i] >= '0' && p[i] <= '9') {
      scale /= 10.0;
      if (scale > 1e-30) v += (p[i] - '0') * scale;
      digits++;
      i++;
    }
  }
  if (digits == 0 || i != n || !valid_weight(v)) return 0;
  *w = v;
  return 1;
}

/* Settings inside [ ... ]: comma-separated key=value. */
static int parse_settings(nn_tagger *t, uint32_t tag, const char *p, size_t n, const char **why)
{
  while (n > 0) {
    const char *item = p, *eq;
    size_t len = 0, klen, vlen;
    const char *key, *val;
    double w;
    while (len < n && p[len] != ',') len++;
    p += len;
    n -= len;
    if (n > 0) { /* the comma */
      p++;
      n--;
    }
    trim(&item, &len);
    if (len == 0) continue;
    eq = (const char *)memchr(item, '=', len);
    if (!eq) {
      *why = "a tag setting must be key=value";
      return NN_EFORMAT;
    }
    key = item;
    klen = (size_t)(eq - item);
    val = eq + 1;
    vlen = len - klen - 1;
    trim(&key, &klen);
    trim(&val, &vlen);
    if (klen == 6 && memcmp(key, "weight", 6) == 0) {
      if (!parse_weight(val, vlen, &w)) {
        *why = "the weight must be a positive number";
        return NN_EFORMAT;
      }
      nn_tagger_set_weight(t, tag, w);
    } else {
      *why = "unknown tag setting (known: weight)";
      return NN_EFORMAT;
    }
  }
  return NN_OK;
}

/* Phrases separated by semicolons; "quoted" ones are case-sensitive. */
static int parse_phrases(nn_tagger *t, uint32_t tag, const char *p, size_t n, size_t *added,
                         const char **why)
{
  while (n > 0) {
    const char *ph = p;
    size_t len = 0;
    int cs = 0, st;
    while (len < n && p[len] != ';') len++;
    p += len;
    n -= len;
    if (n > 0) {
      p++;
      n--;
    }
    trim(&ph, &len);
    if (len == 0) continue;
    if (ph[0] == '"') {
      if (len < 3 || ph[len - 1] != '"') {
        *why = "a quoted phrase needs its closing quote";
        return NN_EFORMAT;
      }
      ph++;
      len -= 2;
      cs = 1;
    }
    st = nn_tagger_add_phrase(t, tag, ph, len, cs, why);
    if (st == NN_EARG) return NN_EFORMAT;
    if (st != NN_OK) return st;
    (*added)++;
  }
  return NN_OK;
}

int nn_tagger_parse(nn_tagger *t, const char *text, size_t len, size_t *line, const char **why)
{
  size_t pos = 0, lineno = 0, bad, tag_line = 0, tag_phrases = 0;
  int have_tag = 0;
  uint32_t tag = 0;
  *line = 0;
  *why = NULL;
  if (t->compiled) {
    *why = "the tagger is compiled";
    return NN_EARG;
  }
  bad = nn_utf8_invalid_offset(text, len);
  if (bad != len) {
    size_t i;
    *line = 1;
    for (i = 0; i < bad; i++)
      if (text[i] == '\n') (*line)++;
    *why = "invalid UTF-8";
    return NN_EUTF8;
  }
  if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) pos = 3;
  while (pos < len) {
    const char *p = text + pos, *nl = (const char *)memchr(p, '\n', len - pos);
    size_t n = nl ? (size_t)(nl - p) : len - pos, tn = n;
    const char *tp = p;
    int st, indented;
    pos += n + (nl ? 1 : 0);
    lineno++;
    *line = lineno;
    trim(&tp, &tn);
    /* A comment is # then a blank, so that an indented #hashtag is a phrase. */
    if (tn == 0 || (tp[0] == '#' && (tn == 1 || is_blank(tp[1])))) continue;
    indented = is_blank(p[0]);
    if (indented) {
      if (!have_tag) {
        *why = "an indented line needs a tag line above it";
        return NN_EFORMAT;
      }
      st = parse_phrases(t, tag, tp, tn, &tag_phrases, why);
      if (st != NN_OK) return st;
    } else {
      const char *colon = (const char *)memchr(tp, ':', tn);
      const char *name = tp;
      size_t nlen = colon ? (size_t)(colon - tp) : tn;
      const char *settings = NULL;
      size_t slen = 0;
      if (have_tag && tag_phrases == 0) {
        *line = tag_line;
        *why = "the tag has no phrases";
        return NN_EFORMAT;
      }
      trim(&name, &nlen);
      if (nlen > 0 && name[nlen - 1] == ']') {
        size_t k = nlen - 1;
        while (k > 0 && name[k - 1] != '[') k--;
        if (k == 0) {
          *why = "tag settings need an opening [";
          return NN_EFORMAT;
        }
        settings = name + k;
        slen = nlen - 1 - k;
        nlen = k - 1;
        trim(&name, &nlen);
      }
      if (nlen == 0) {
        *why = "a tag line needs a tag name";
        return NN_EFORMAT;
      }
      st = nn_tagger_add_tag(t, name, nlen, 1.0, &tag);
      if (st < 0) return st;
      if (st == 0) {
        *why = "the tag is named twice";
        return NN_EFORMAT;
      }
      have_tag = 1;
      tag_line = lineno;
      tag_phrases = 0;
      if (settings) {
        st = parse_settings(t, tag, settings, slen, why);
        if (st != NN_OK) return st;
      }
      if (colon) {
        st = parse_phrases(t, tag, colon + 1, tn - (size_t)(colon + 1 - tp), &tag_phrases, why);
        if (st != NN_OK) return st;
      }
    }
  }
  if (have_tag && tag_phrases == 0) {
    *line = tag_line;
    *why = "the tag has no phrases";
    return NN_EFORMAT;
  }
  return NN_OK;
}

void nn_tagger_tokenizer_opts(const nn_tagger *t, nn_tokenizer_opts *o)
{
  static const nn_tokenizer_opts defaults = NN_TOKENIZER_OPTS_DEFAULT;
  *o = defaults;
  o->lang = t->has_lang ? t->lang : NULL;
  o->possessive = NN_POSSESSIVE_STRIP;
}

int nn_tagger_token_key(nn_tagger *t, const char *s, const nn_token *tok, int cased, nn_buf *out,
                        size_t *start, size_t *len)
{
  int kept, st;
  token_text(t, s, tok, start, len);
  st = fold_key(s + *start, *len, (tok->flags & NN_TF_ASCII) != 0, !cased, &t->key, &kept);
  if (st == NN_OK && !cased && t->stem && tok->kind == NN_TOKEN_WORD) st = stem_key(t, kept);
  out->len = 0;
  if (st == NN_OK) st = nn_buf_append(out, t->key.data, t->key.len);
  return st;
}

/* ---- queries -------------------------------------------------------------------------- */

size_t nn_tagger_tag_count(const nn_tagger *t)
{
  return t->tag_names.count;
}

size_t nn_tagger_phrase_count(const nn_tagger *t)
{
  return t->live_phrases;
}

const char *nn_tagger_tag_name(const nn_tagger *t, uint32_t tag, size_t *len)
{
  if (tag >= t->tag_names.count) return NULL;
  return nn_strmap_key(&t->tag_names, tag, len);
}

double nn_tagger_tag_weight(const nn_tagger *t, uint32_t tag)
{
  if (tag >= t->tag_names.count) return 0.0;
  return ((const double *)(const void *)t->tag_weight.data)[tag];
}

static const phrase_rec *phrase_at(const nn_tagger *t, uint32_t phrase)
{
  if ((size_t)phrase >= t->phrases.len / sizeof(phrase_rec)) return NULL;
  return (const phrase_rec *)(const void *)t->phrases.data + phrase;
}

const char *nn_tagger_phrase_text(const nn_tagger *t, uint32_t phrase, size_t *len)
{
  const phrase_rec *r = phrase_at(t, phrase);
  if (!r) return NULL;
  if (len) *len = r->text_len;
  return t->texts.data ? t->texts.data + r->text : "";
}

uint32_t nn_tagger_phrase_tag(const nn_tagger *t, uint32_t phrase)
{
  const phrase_rec *r = phrase_at(t, phrase);
  return r ? r->tag : UINT32_MAX;
}

int nn_tagger_phrase_case_sensitive(const nn_tagger *t, uint32_t phrase)
{
  const phrase_rec *r = phrase_at(t, phrase);
  return r ? r->case_sensitive : 0;
}

const char *nn_tagger_lang(const nn_tagger *t)
{
  return t->has_lang ? t->lang : NULL;
}

int nn_tagger_stems(const nn_tagger *t)
{
  return t->stem;
}

/* ---- matching ------------------------------------------------------------------------- */


/* A batch is read when fewer tokens than this are read ahead of the walk
 * (at most LOOKAHEAD - 1 + NN_TOKENIZER_BATCH then, within RING_SIZE). */
#define LOOKAHEAD 16

/* key_hash of the lower-cased ASCII bytes k[0..n), without writing them. */
static uint64_t key_hash_lower(const char *k, size_t n, uint64_t *last)
{
  return hash_key(k, n, 1, last);
}

/* Whether the key key[0..n) is the lower-cased ASCII text p[0..n). */
static int same_lower(const char *key, const char *p, size_t n)
{
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    if (load64(key + i) != lower8(load64(p + i))) return 0;
  for (; i < n; i++)
    if ((unsigned char)key[i] != lower_ascii((unsigned char)p[i])) return 0;
  return 1;
}

static int filter_passes(const nn_tagger *t, uint64_t h)
{
  uint64_t want = filter_bits(h);
  return (t->filter[(size_t)(h >> 16) & (t->filter_words - 1)] & want) == want;
}

/* The key of a vocabulary slot. */
static const char *slot_key(const nn_tagger *t, const vocab_slot *v, size_t *n)
{
  const nn_strmap_entry *e;
  if (v->root.len <= INLINE_KEY) {
    *n = v->root.len;
    return v->key;
  }
  e = &t->vocab.entries[v->id - 1];
  *n = e->len;
  return t->vocab.keys.data + e->offset;
}

/* The vocabulary slot of the key k[0..n) with hash h and last word `word`
 * (past the filter); lower: k is ASCII text still to be lower-cased. */
static const vocab_slot *probe(const nn_tagger *t, uint64_t h, uint64_t word, const char *k,
                               size_t n, int lower)
{
  size_t mask = t->vslot_count - 1, j, kn;
  uint32_t check = (uint32_t)(h >> 32);
  for (j = (size_t)h & mask;; j = (j + 1) & mask) {
    const vocab_slot *v = &t->vslots[j];
    const char *key;
    if (!v->id) return NULL;
    if (v->check != check) continue;
    if (n <= 8) { /* the word and the length are the key */
      if (v->root.len == n && v->word == word) return v;
      continue;
    }
    key = slot_key(t, v, &kn);
    if (kn == n && (lower ? same_lower(key, k, n) : memcmp(key, k, n) == 0)) return v;
  }
}

/* The vocabulary slot of the key k[0..n), or NULL. */
static const vocab_slot *vocab_find(const nn_tagger *t, const char *k, size_t n)
{
  uint64_t word, h = key_hash(k, n, &word);
  if (!filter_passes(t, h)) return NULL;
  return probe(t, h, word, k, n, 0);
}

/* The vocabulary slot of a text token that needs its key written out
 * (non-ASCII, or stemmed). */
static int text_token_slot(nn_tagger *t, const char *p, size_t n, const nn_token *tok,
                           const vocab_slot **v)
{
  int ascii = (tok->flags & NN_TF_ASCII) != 0, kept, st;
  int stem = t->stem && tok->kind == NN_TOKEN_WORD;
  *v = NULL;
  st = fold_key(p, n, ascii, 1, &t->key, &kept);
  if (st != NN_OK) return st;
  if (stem) {
    int64_t c = nn_strmap_find(&t->stem_cache, t->key.data, t->key.len);
    uint32_t sid, *slot;
    int added;
    if (c >= 0) {
      uint32_t k = ((const uint32_t *)(const void *)t->stem_ids.data)[c];
      *v = k ? &t->vslots[k - 1] : NULL;
      return NN_OK;
    }
    if (t->stem_cache.count >= STEM_CACHE_MAX) {
      nn_strmap_clear(&t->stem_cache);
      t->stem_ids.len = 0;
    }
    added = nn_strmap_intern(&t->stem_cache, t->key.data, t->key.len, &sid);
    if (added < 0) return added;
    slot = (uint32_t *)array_push(&t->stem_ids, sizeof(uint32_t));
    if (!slot) {
      nn_strmap_clear(&t->stem_cache); /* keep entries and slots in step */
      t->stem_ids.len = 0;
      return NN_ENOMEM;
    }
    st = stem_key(t, kept);
    if (st != NN_OK) {
      nn_strmap_clear(&t->stem_cache);
      t->stem_ids.len = 0;
      return st;
    }
    *v = vocab_find(t, t->key.data, t->key.len);
    *slot = *v ? (uint32_t)(*v - t->vslots) + 1 : 0;
    return NN_OK;
  }
  if (t->key.len <= t->max_key) *v = vocab_find(t, t->key.data, t->key.len);
  return NN_OK;
}

typedef struct matcher {
  nn_tagger *t;
  const char *s;
  nn_tokenizer tz;
  size_t filled;   /* tokens read so far */
  int done;
  ring_tok ring[RING_SIZE];
} matcher;

/* The slot of token i (in the ring), or NULL. */
static inline const vocab_slot *token_slot(const matcher *m, size_t i)
{
  return m->ring[i & RING_MASK].v;
}

/* The slot of a token that is not plain ASCII or is to be stemmed. */
static int other_token_slot(matcher *m, const nn_token *tok, size_t start, size_t n,
                            const vocab_slot **v)
{
  nn_tagger *t = m->t;
  *v = NULL;
  if ((tok->flags & NN_TF_ASCII) && n <= 16 && t->stem_recent) {
    /* A word to stem: recent words are known by their hash and bytes. */
    uint64_t last, h = key_hash_lower(m->s + start, n, &last);
    uint64_t first = n > 8 ? lower8(load64(m->s + start)) : 0;
    stem_entry *e = &t->stem_recent[(size_t)h & (STEM_RECENT - 1)];
    if (!(e->len == n && e->hash == h && e->last == last && e->first == first)) {
      int st = text_token_slot(t, m->s + start, n, tok, v);
      if (st != NN_OK) return st;
      e->hash = h;
      e->first = first;
      e->last = last;
      e->len = (uint32_t)n;
      e->slot = *v ? (uint32_t)(*v - t->vslots) + 1 : 0;
    }
    *v = e->slot ? &t->vslots[e->slot - 1] : NULL;
    return NN_OK;
  }
  return text_token_slot(t, m->s + start, n, tok, v);
}

/* Reads the tokenizer's next batch (in place) into the ring; the number of
 * tokens read, 0 at the end, or a negative status.  The ring must have room
 * for a whole batch past the walk's start.  Two passes: the first hashes
 * each plain ASCII token (lower-cased in registers), tests the filter and
 * prefetches the slot of those that pass; the second looks them up, by
 * which time their slots are on their way to the cache.  Other tokens have
 * their keys written out and are looked up in the first pass. */
static int pull_batch(matcher *m)
{
  nn_tagger *t = m->t;
  const char *s = m->s;
  const nn_token *batch = m->tz.batch;
  const size_t max_key = t->max_key, vmask = t->vslot_count - 1;
  const int elision = t->elision, stem = t->stem;
  const size_t text_len = m->tz.len;
  uint64_t hash[NN_TOKENIZER_BATCH], word[NN_TOKENIZER_BATCH];
  unsigned char pending[NN_TOKENIZER_BATCH];
  unsigned n, k, npending = 0;
  if (m->done) return 0;
  n = nn_tokenizer_fill(&m->tz);
  if (n == 0) {
    m->done = 1;
    return 0;
  }
  for (k = 0; k < n; k++) {
    const nn_token *tok = &batch[k];
    ring_tok *r = &m->ring[(m->filled + k) & RING_MASK];
    size_t start = tok->start, len = tok->len;
    int ascii = (tok->flags & NN_TF_ASCII) != 0;
    if (elision && tok->kind == NN_TOKEN_WORD && (tok->flags & NN_TF_APOSTROPHE)) {
      size_t e = elision_length(s + start, len);
      start += e;
      len -= e;
    }
    r->start = start;
    r->stop = start + len;
    r->ascii = (uint8_t)ascii;
    r->v = NULL;
    r->starts = 0;
    if (ascii && !(stem && tok->kind == NN_TOKEN_WORD)) {
      if (len == 1) { /* punctuation mostly: a table, no hash */
        r->v = t->byte_slot[lower_ascii((unsigned char)s[start]) & 0x7F];
        r->starts = (uint8_t)(r->v && r->v->root.node);
      } else if (len <= max_key) {
        /* No branch on the filter, whose answer cannot be predicted: a
         * token it rejects prefetches the tagger itself, which is in cache,
         * and is written to pending[] but not counted.  A token of up to 8
         * bytes with 8 bytes of text from its start is read in one load. */
        uint64_t h;
        if (len <= 8 && text_len - start >= 8) {
          uint64_t w = lower8(load64(s + start) & head_mask(len));
          word[npending] = w;
          h = hash_short(w, len);
        } else {
          h = key_hash_lower(s + start, len, &word[npending]);
        }
        int pass = filter_passes(t, h);
        const void *ahead = &t->vslots[(size_t)h & vmask];
        NN_PREFETCH(pass ? ahead : (const void *)t);
        hash[npending] = h;
        pending[npending] = (unsigned char)k;
        npending += (unsigned)pass;
      }
    } else {
      int st = other_token_slot(m, tok, start, len, &r->v);
      if (st != NN_OK) return st;
      r->starts = (uint8_t)(r->v && r->v->root.node);
    }
  }
  for (k = 0; k < npending; k++) {
    ring_tok *r = &m->ring[(m->filled + pending[k]) & RING_MASK];
    size_t n8 = r->stop - r->start, j;
    const vocab_slot *v;
    if (n8 <= 8) {
      /* Up to 8 bytes, the check, the length and the word are the key. */
      uint32_t check = (uint32_t)(hash[k] >> 32);
      for (j = (size_t)hash[k] & vmask;; j = (j + 1) & vmask) {
        v = &t->vslots[j];
        if (v->check == check && v->root.len == n8 && v->word == word[k]) break;
        if (!v->id) {
          v = NULL;
          break;
        }
      }
    } else {
      v = probe(t, hash[k], word[k], s + r->start, n8, 1);
    }
    r->v = v;
    r->starts = (uint8_t)(v && v->root.node);
  }
  m->filled += n;
  return (int)n;
}


/* Whether the text tokens from `first` on agree in case with phrase p. */
static int case_agrees(matcher *m, const phrase_rec *p, size_t first)
{
  nn_tagger *t = m->t;
  const char *c = t->cased.data + p->cased;
  uint32_t k;
  for (k = 0; k < p->ntokens; k++) {
    const ring_tok *r = &m->ring[(first + k) & RING_MASK];
    uint32_t n;
    int kept;
    memcpy(&n, c, sizeof n);
    c += sizeof n;
    if (fold_key(m->s + r->start, r->stop - r->start, r->ascii, 0, &t->key2, &kept) != NN_OK)
      return -1;
    if (t->key2.len != n || memcmp(t->key2.data, c, n) != 0) return 0;
    c += n;
  }
  return 1;
}

/* Whether some phrase of the node of st matches the tokens from `first` on. */
static int node_accepts(matcher *m, const walk_step *st, size_t first)
{
  const nn_tagger *t = m->t;
  const phrase_rec *ph = (const phrase_rec *)(const void *)t->phrases.data;
  uint32_t i;
  if (st->flags & NODE_PLAIN) return 1;
  for (i = t->node_first[st->node]; i < t->node_first[st->node + 1]; i++) {
    int a = case_agrees(m, &ph[t->node_phrases[i].phrase], first);
    if (a != 0) return a;
  }
  return 0;
}

/* Room in out for n more match records, reserved at once. */
static int reserve_matches(nn_buf *out, size_t n)
{
  size_t bytes;
  if ((out->cap - out->len) / sizeof(nn_tag_match) >= n) return NN_OK;
  if (nn_mul_overflows(n, sizeof(nn_tag_match), &bytes)) return NN_ETOOBIG;
  return nn_buf_reserve(out, bytes) == NN_OK ? NN_OK : NN_ENOMEM;
}

/* Appends a record for each phrase of the node of st that matches tokens
 * first..last: room for all of the node's phrases is reserved first. */
static int emit(matcher *m, const walk_step *st, size_t first, size_t last, nn_buf *out)
{
  const nn_tagger *t = m->t;
  const phrase_rec *ph = (const phrase_rec *)(const void *)t->phrases.data;
  const size_t start = m->ring[first & RING_MASK].start, stop = m->ring[last & RING_MASK].stop;
  const uint32_t ntokens = (uint32_t)(last - first + 1);
  nn_tag_match *r;
  uint32_t i, end;
  int st_room;
  if (st->flags & NODE_SINGLE) {
    if ((st_room = reserve_matches(out, 1)) != NN_OK) return st_room;
    r = (nn_tag_match *)(void *)(out->data + out->len);
    out->len += sizeof *r;
    r->start = start;
    r->stop = stop;
    r->token = first;
    r->phrase = st->phrase;
    r->tag = st->tag;
    r->ntokens = ntokens;
    return NN_OK;
  }
  i = t->node_first[st->node];
  end = t->node_first[st->node + 1];
  if ((st_room = reserve_matches(out, end - i)) != NN_OK) return st_room;
  r = (nn_tag_match *)(void *)(out->data + out->len);
  for (; i < end; i++) {
    node_phrase np = t->node_phrases[i];
    if (np.tag & CASE_SENSITIVE_BIT) {
      int a = case_agrees(m, &ph[np.phrase], first);
      if (a < 0) return NN_ENOMEM;
      if (a == 0) continue;
    }
    r->start = start;
    r->stop = stop;
    r->token = first;
    r->phrase = np.phrase;
    r->tag = np.tag & ~CASE_SENSITIVE_BIT;
    r->ntokens = ntokens;
    r++;
    out->len += sizeof *r;
  }
  return NN_OK;
}

static int match_text(nn_tagger *t, const char *s, size_t len, int overlapping, nn_buf *out,
                      size_t *ntokens)
{
  matcher mstate, *m = &mstate;
  nn_tokenizer_opts to = NN_TOKENIZER_OPTS_DEFAULT;
  size_t pos = 0;
  int st = NN_OK;
  out->len = 0;
  if (ntokens) *ntokens = 0;
  if (!t->compiled) return NN_EARG;
  m->t = t;
  m->s = s;
  m->filled = 0;
  m->done = 0;
  to.lang = t->has_lang ? t->lang : NULL;
  to.possessive = NN_POSSESSIVE_STRIP;
  if (nn_tokenizer_init(&m->tz, s, len, &to) != NN_OK) return NN_EARG;
  for (;;) {
    const vocab_slot *v;
    const walk_step *at, *best = NULL;
    size_t j, best_end = 0;
    /* A batch is read when fewer than LOOKAHEAD tokens are left ahead: a
     * walk of up to NN_TAGGER_MAX_TOKENS and a batch then fit in the ring. */
    if (!m->done && m->filled < pos + LOOKAHEAD) {
      st = pull_batch(m);
      if (st < 0) return st;
      continue;
    }
    /* Tokens no phrase starts with, most of them, are skipped in a tight loop. */
    while (pos < m->filled && !m->ring[pos & RING_MASK].starts) pos++;
    if (pos == m->filled) {
      if (m->done) break;
      continue;
    }
    v = token_slot(m, pos);
    at = &v->root;
    for (j = pos;;) {
      const edge_slot *e;
      if (at->flags & NODE_TERMINAL) {
        if (overlapping) {
          st = emit(m, at, pos, j, out);
          if (st != NN_OK) return st;
        } else {
          int a = node_accepts(m, at, pos);
          if (a < 0) return NN_ENOMEM;
          if (a) {
            best = at;
            best_end = j;
          }
        }
      }
      if (!(at->flags & NODE_INNER)) break;
      j++;
      if (j == m->filled) {
        st = pull_batch(m);
        if (st < 0) return st;
        if (st == 0) break;
      }
      v = token_slot(m, j);
      if (!v || !(e = edge_slot_of(t, at->node, v->id))) break;
      at = &e->to;
    }
    if (best) {
      st = emit(m, best, pos, best_end, out);
      if (st != NN_OK) return st;
      pos = best_end + 1;
    } else {
      pos++;
    }
  }
  if (ntokens) *ntokens = m->filled;
  return NN_OK;
}

int nn_tagger_match(nn_tagger *t, const char *s, size_t len, int overlapping, nn_buf *out,
                    size_t *ntokens)
{
  return match_text(t, s, len, overlapping, out, ntokens);
}

/* ---- tags and scores ------------------------------------------------------------------ */

typedef struct sort_rec {
  double score;
  size_t count;
  size_t first_start;
  size_t result;
  uint32_t tag;
} sort_rec;

/* Best first: score, count, earlier first match, then the tag name (by
 * its rank: tags that share a phrase tie on all the rest). */
static int result_before(const nn_tagger *t, const sort_rec *x, const sort_rec *y)
{
  if (x->score != y->score) return x->score > y->score;
  if (x->count != y->count) return x->count > y->count;
  if (x->first_start != y->first_start) return x->first_start < y->first_start;
  return t->tag_rank[x->tag] < t->tag_rank[y->tag];
}

/* Sorts a[0..n) best first, stably, with tmp[0..n) as room: insertion
 * sort of runs of 8, then merges from one array into the other.  Returns
 * the array that holds the sorted records (a or tmp). */
static sort_rec *sort_results(const nn_tagger *t, sort_rec *a, sort_rec *tmp, size_t n)
{
  sort_rec *swap;
  size_t run, i, j;
  for (i = 0; i < n; i += 8) {
    size_t end = i + 8 < n ? i + 8 : n;
    for (j = i + 1; j < end; j++) {
      sort_rec x = a[j];
      size_t k = j;
      while (k > i && result_before(t, &x, &a[k - 1])) {
        a[k] = a[k - 1];
        k--;
      }
      a[k] = x;
    }
  }
  for (run = 8; run < n; run *= 2) {
    for (i = 0; i < n; i += 2 * run) {
      size_t mid = i + run < n ? i + run : n, end = i + 2 * run < n ? i + 2 * run : n;
      size_t l = i, r = mid, o = i;
      while (l < mid && r < end) tmp[o++] = result_before(t, &a[r], &a[l]) ? a[r++] : a[l++];
      while (l < mid) tmp[o++] = a[l++];
      while (r < end) tmp[o++] = a[r++];
    }
    swap = a;
    a = tmp;
    tmp = swap;
  }
  return a;
}

int nn_tagger_tag(nn_tagger *t, const char *s, size_t len, const nn_tag_options *o,
                  nn_buf *matches, nn_buf *results)
{
  static const nn_tag_options defaults = NN_TAG_OPTIONS_DEFAULT;
  const double *weight = (const double *)(const void *)t->tag_weight.data;
  uint32_t *slot = t->tag_slot;
  size_t ntokens = 0, nmatch, nres = 0, i, kept = 0, bytes, off = 0;
  size_t res_bytes, match_bytes;
  nn_tag_match *mt, *grouped;
  nn_tag_result *res, *final;
  sort_rec *sr, *tmp;
  double total = 0.0;
  int st;
  if (!o) o = &defaults;
  results->len = 0;
  if (!(o->lead >= 0.0 && o->lead <= MAX_WEIGHT)) return NN_EARG;
  st = match_text(t, s, len, o->overlapping, matches, &ntokens);
  if (st != NN_OK) return st;
  nmatch = matches->len / sizeof(nn_tag_match);
  if (nmatch == 0) return NN_OK;
  mt = (nn_tag_match *)(void *)matches->data;

  /* Tags found, with their raw scores; slot[tag] is its result + 1 until
   * the end, where the results' tags are set back to 0. */
  if (nn_mul_overflows(nmatch, sizeof *res, &bytes)) return NN_ETOOBIG;
  if (nn_buf_reserve(results, bytes) != NN_OK) return NN_ENOMEM;
  res = (nn_tag_result *)(void *)results->data;
  for (i = 0; i < nmatch; i++) {
    const nn_tag_match *m = &mt[i];
    nn_tag_result *r;
    double w = weight[m->tag] * (1.0 + 0.5 * (double)(m->ntokens - 1)) *
               (1.0 + o->lead * (1.0 - (double)m->token / (double)ntokens));
    if (!slot[m->tag]) {
      r = &res[nres];
      slot[m->tag] = (uint32_t)++nres;
      r->tag = m->tag;
      r->count = 0;
      r->score = 0.0;
      r->first = i; /* its first match, for ordering */
    } else {
      r = &res[slot[m->tag] - 1];
    }
    r->count++;
    r->score += w;
    total += w;
  }
  results->len = nres * sizeof *res;

  /* Scores, filters, order.  t->sorted holds the records to sort and the
   * room merging needs; t->group the results and matches in their order. */
  if (nn_mul_overflows(nres, 2 * sizeof *sr, &bytes) ||
      nn_mul_overflows(nres, sizeof *final, &res_bytes) ||
      nn_mul_overflows(nmatch, sizeof *grouped, &match_bytes) ||
      nn_add_overflows(res_bytes, match_bytes, &match_bytes)) {
    st = NN_ETOOBIG;
    goto done;
  }
  t->sorted.len = 0;
  t->group.len = 0;
  if (nn_buf_reserve(&t->sorted, bytes) != NN_OK ||
      nn_buf_reserve(&t->group, match_bytes) != NN_OK) {
    st = NN_ENOMEM;
    goto done;
  }
  sr = (sort_rec *)(void *)t->sorted.data;
  tmp = sr + nres;
  for (i = 0; i < nres; i++) {
    double score = res[i].score / total;
    res[i].score = score;
    slot[res[i].tag] = 0; /* dropped unless ranked below */
    if (res[i].count < o->min_count || score < o->min_score) continue;
    sr[kept].score = score;
    sr[kept].count = res[i].count;
    sr[kept].first_start = mt[res[i].first].start;
    sr[kept].tag = res[i].tag;
    sr[kept].result = i;
    kept++;
  }
  sr = sort_results(t, sr, tmp, kept);
  if (o->limit > 0 && kept > o->limit) kept = o->limit;

  /* Matches grouped by result, in text order within each: slot[tag] is now
   * its rank + 1 (0 when dropped), and the results' `first` fields serve as
   * write offsets. */
  final = (nn_tag_result *)(void *)t->group.data;
  grouped = (nn_tag_match *)(void *)(t->group.data + res_bytes);
  for (i = 0; i < kept; i++) {
    final[i] = res[sr[i].result];
    final[i].first = off;
    off += final[i].count;
    slot[final[i].tag] = (uint32_t)i + 1;
  }
  for (i = 0; i < nmatch; i++) {
    uint32_t r = slot[mt[i].tag];
    if (r) grouped[final[r - 1].first++] = mt[i];
  }
  for (i = 0; i < kept; i++) final[i].first -= final[i].count;
  memcpy(matches->data, grouped, off * sizeof *grouped);
  matches->len = off * sizeof *grouped;
  memcpy(results->data, final, kept * sizeof *final);
  results->len = kept * sizeof *final;
  res = final;
  nres = kept;
  st = NN_OK;
done:
  for (i = 0; i < nres; i++) slot[res[i].tag] = 0;
  if (st != NN_OK) {
    results->len = 0;
    matches->len = 0;
  }
  return st;
}
