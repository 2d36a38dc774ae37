/* String interning with open addressing; see nn_strmap.h. */
#include <string.h>

#include "nn_strmap.h"

#define MIN_SLOTS 64

/* A word-at-a-time multiplicative hash: reads 8 bytes per step, mixes with a
 * 64-bit multiply and a final avalanche.  Keys are short (words, phrases), so
 * the tail and the mixing dominate; both are a handful of instructions. */
uint64_t nn_hash_bytes(const char *s, size_t n)
{
  const uint64_t k = 0x9E3779B97F4A7C15ULL;
  uint64_t h = (uint64_t)n * k ^ 0x2545F4914F6CDD1DULL;
  while (n >= 8) {
    uint64_t w;
    memcpy(&w, s, 8);
    h = (h ^ w) * k;
    h ^= h >> 29;
    s += 8;
    n -= 8;
  }
  if (n > 0) {
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * k;
  }
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  h ^= h >> 32;
  return h;
}

void nn_strmap_init(nn_strmap *m, const nn_allocator *a)
{
  m->alloc = a;
  m->slots = NULL;
  m->slot_count = 0;
  m->entries = NULL;
  m->count = 0;
  m->entry_cap = 0;
  nn_buf_init(&m->keys, a);
}

void nn_strmap_free(nn_strmap *m)
{
  nn_free(m->alloc, m->slots, m->slot_count * sizeof *m->slots);
  nn_free(m->alloc, m->entries, m->entry_cap * sizeof *m->entries);
  nn_buf_free(&m->keys);
  nn_strmap_init(m, m->alloc);
}

void nn_strmap_clear(nn_strmap *m)
{
  if (m->slots && m->count * 8 < m->slot_count) {
    /* few keys in a large table (grown by an earlier, bigger use): empty
     * their slots only, so that clearing costs what was used */
    size_t mask = m->slot_count - 1, id;
    for (id = 0; id < m->count; id++) {
      size_t i = (size_t)m->entries[id].hash & mask;
      while (m->slots[i] != (uint32_t)(id + 1)) i = (i + 1) & mask;
      m->slots[i] = 0;
    }
  } else if (m->slots) {
    memset(m->slots, 0, m->slot_count * sizeof *m->slots);
  }
  m->count = 0;
  m->keys.len = 0;
}

static int same_key(const nn_strmap *m, const nn_strmap_entry *e, uint64_t h, const char *s,
                    size_t n)
{
  return e->hash == h && e->len == n && memcmp(m->keys.data + e->offset, s, n) == 0;
}

int64_t nn_strmap_find(const nn_strmap *m, const char *s, size_t n)
{
  uint64_t h;
  size_t mask, i;
  if (m->count == 0) return -1;
  h = nn_hash_bytes(s, n);
  mask = m->slot_count - 1;
  for (i = (size_t)h & mask;; i = (i + 1) & mask) {
    uint32_t slot = m->slots[i];
    if (slot == 0) return -1;
    if (same_key(m, &m->entries[slot - 1], h, s, n)) return (int64_t)(slot - 1);
  }
}

/* Makes a slot array of count slots (a power of two, more than twice the
 * keys) and reinserts. */
static int resize_slots(nn_strmap *m, size_t count)
{
  size_t bytes, mask, id;
  uint32_t *slots;
  if (nn_mul_overflows(count, sizeof *slots, &bytes)) return NN_ETOOBIG;
  slots = nn_alloc(m->alloc, bytes);
  if (!slots) return NN_ENOMEM;
  memset(slots, 0, bytes);
  mask = count - 1;
  for (id = 0; id < m->count; id++) {
    size_t i = (size_t)m->entries[id].hash & mask;
    while (slots[i]) i = (i + 1) & mask;
    slots[i] = (uint32_t)(id + 1);
  }
  nn_free(m->alloc, m->slots, m->slot_count * sizeof *m->slots);
  m->slots = slots;
  m->slot_count = count;
  return NN_OK;
}

/* Doubles the slot array (keeping the load factor at most 1/2). */
static int grow_slots(nn_strmap *m)
{
  return resize_slots(m, m->slot_count ? m->slot_count * 2 : MIN_SLOTS);
}

static int resize_entries(nn_strmap *m, size_t cap)
{
  size_t bytes;
  nn_strmap_entry *e;
  if (cap > NN_STRMAP_MAX_KEYS) cap = NN_STRMAP_MAX_KEYS;
  if (cap <= m->entry_cap) return NN_ETOOBIG;
  if (nn_mul_overflows(cap, sizeof *e, &bytes)) return NN_ETOOBIG;
  e = nn_realloc(m->alloc, m->entries, m->entry_cap * sizeof *e, bytes);
  if (!e) return NN_ENOMEM;
  m->entries = e;
  m->entry_cap = cap;
  return NN_OK;
}

static int grow_entries(nn_strmap *m)
{
  return resize_entries(m, m->entry_cap ? m->entry_cap * 2 : MIN_SLOTS / 2);
}

int nn_strmap_reserve(nn_strmap *m, size_t keys)
{
  size_t slots = MIN_SLOTS;
  int rc;
  if (keys > ((size_t)1 << 30)) return NN_ETOOBIG;
  while (slots < 2 * keys) slots *= 2;
  if (slots > m->slot_count && (rc = resize_slots(m, slots)) != NN_OK) return rc;
  if (keys > m->entry_cap && (rc = resize_entries(m, keys)) != NN_OK) return rc;
  return NN_OK;
}

int nn_strmap_intern(nn_strmap *m, const char *s, size_t n, uint32_t *id)
{
  uint64_t h = nn_hash_bytes(s, n);
  size_t mask, i, need;
  nn_strmap_entry *e;
  int rc;
  if (m->slot_count) {
    mask = m->slot_count - 1;
    for (i = (size_t)h & mask; m->slots[i]; i = (i + 1) & mask) {
      if (same_key(m, &m->entries[m->slots[i] - 1], h, s, n)) {
        *id = m->slots[i] - 1;
        return 0;
      }
    }
  }
  /* Absent: make room, then insert. */
  if ((m->count + 1) * 2 > m->slot_count && (rc = grow_slots(m)) != NN_OK) return rc;
  if (m->count == m->entry_cap && (rc = grow_entries(m)) != NN_OK) return rc;
  if (nn_add_overflows(n, 1, &need)) return NN_ETOOBIG;
  if ((rc = nn_buf_reserve(&m->keys, need)) != NN_OK) return rc;
  e = &m->entries[m->count];
  e->hash = h;
  e->offset = m->keys.len;
  e->len = n;
  if (n) memcpy(m->keys.data + m->keys.len, s, n);
  m->keys.data[m->keys.len + n] = '\0';
  m->keys.len += need;
  mask = m->slot_count - 1;
  for (i = (size_t)h & mask; m->slots[i]; i = (i + 1) & mask) {
  }
  m->slots[i] = (uint32_t)(m->count + 1);
  *id = (uint32_t)m->count++;
  return 1;
}
