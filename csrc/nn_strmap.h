/* String interning: maps byte strings to dense ids 0, 1, 2, ... in order of
 * first insertion.  Counting, vocabularies and corpora keep their per-key
 * data in arrays indexed by these ids, so one map serves them all.
 *
 * Open addressing with linear probing over a power-of-two slot array; key
 * bytes live in one growable arena, referenced by offset so that growing the
 * arena never invalidates an entry.  Each insertion is amortized O(key length). */
#ifndef NN_STRMAP_H
#define NN_STRMAP_H

#include "nn_core.h"

typedef struct nn_strmap_entry {
  uint64_t hash;
  size_t offset; /* of the key in the arena */
  size_t len;
} nn_strmap_entry;

typedef struct nn_strmap {
  const nn_allocator *alloc;
  uint32_t *slots;          /* 0 = empty, else id + 1 */
  size_t slot_count;        /* a power of two, or 0 */
  nn_strmap_entry *entries; /* indexed by id */
  size_t count;
  size_t entry_cap;
  nn_buf keys;              /* the key bytes, each followed by a NUL */
} nn_strmap;

/* At most this many distinct keys (ids fit in 32 bits with room for the +1). */
#define NN_STRMAP_MAX_KEYS ((size_t)0x7FFFFFFF)

void nn_strmap_init(nn_strmap *m, const nn_allocator *a);
void nn_strmap_free(nn_strmap *m);
void nn_strmap_clear(nn_strmap *m); /* keeps the memory for reuse */

/* A 64-bit hash of s[0..n), the one the map uses. */
uint64_t nn_hash_bytes(const char *s, size_t n);

/* Finds or adds s[0..n).  Stores its id; returns 1 when added, 0 when it was
 * present, or a negative nn_status (NN_ENOMEM, NN_ETOOBIG). */
int nn_strmap_intern(nn_strmap *m, const char *s, size_t n, uint32_t *id);

/* Makes room for `keys` keys in all, so that adding them does not grow the
 * map again and again.  NN_OK, NN_ENOMEM or NN_ETOOBIG. */
int nn_strmap_reserve(nn_strmap *m, size_t keys);

/* The id of s[0..n), or -1 when absent. */
int64_t nn_strmap_find(const nn_strmap *m, const char *s, size_t n);

/* The key of an id (NUL-terminated; *len excludes the NUL). */
static inline const char *nn_strmap_key(const nn_strmap *m, uint32_t id, size_t *len)
{
  const nn_strmap_entry *e = &m->entries[id];
  if (len) *len = e->len;
  return m->keys.data + e->offset;
}

#endif
