/* String interning and the compiled word lists. */
#include <stdio.h>

#include "newsnlp.h"
#include "ctest.h"

/* An allocator that fails after a set number of allocations. */
typedef struct failing {
  int left;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize > 0 && f->left-- <= 0) return NULL;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

static void test_intern(void)
{
  nn_strmap m;
  uint32_t id, i;
  char key[32];
  nn_strmap_init(&m, &nn_default_allocator);
  CHECK(nn_strmap_find(&m, "x", 1) == -1);
  CHECK(nn_strmap_intern(&m, "Cambodia", 8, &id) == 1 && id == 0);
  CHECK(nn_strmap_intern(&m, "Japan", 5, &id) == 1 && id == 1);
  CHECK(nn_strmap_intern(&m, "Cambodia", 8, &id) == 0 && id == 0);
  CHECK(nn_strmap_intern(&m, "", 0, &id) == 1 && id == 2);
  CHECK(nn_strmap_intern(&m, "a\0b", 3, &id) == 1 && id == 3); /* NUL inside a key */
  CHECK(nn_strmap_find(&m, "a\0b", 3) == 3);
  CHECK(nn_strmap_find(&m, "a", 1) == -1);
  for (i = 0; i < 100000; i++) {
    int n = snprintf(key, sizeof key, "key-%u", (unsigned)i);
    CHECK(nn_strmap_intern(&m, key, (size_t)n, &id) == 1);
    CHECK(id == i + 4);
  }
  CHECK_EQ_SIZE(m.count, 100004);
  for (i = 0; i < 100000; i += 997) {
    size_t len;
    int n = snprintf(key, sizeof key, "key-%u", (unsigned)i);
    CHECK(nn_strmap_find(&m, key, (size_t)n) == (int64_t)i + 4);
    CHECK(strcmp(nn_strmap_key(&m, i + 4, &len), key) == 0 && len == (size_t)n);
  }
  nn_strmap_clear(&m);
  CHECK(nn_strmap_find(&m, "Japan", 5) == -1);
  CHECK(nn_strmap_intern(&m, "Japan", 5, &id) == 1 && id == 0);
  nn_strmap_free(&m);
}

static void test_out_of_memory(void)
{
  int budget;
  /* Every allocation failure is reported, and the map stays usable and freeable. */
  for (budget = 0; budget < 8; budget++) {
    failing f = { budget };
    nn_allocator a = { failing_alloc, &f };
    nn_strmap m;
    uint32_t id, i;
    int rc = 0;
    char key[16];
    nn_strmap_init(&m, &a);
    for (i = 0; i < 1000 && rc >= 0; i++) {
      int n = snprintf(key, sizeof key, "k%u", (unsigned)i);
      rc = nn_strmap_intern(&m, key, (size_t)n, &id);
    }
    CHECK(rc == NN_ENOMEM);
    CHECK(nn_strmap_find(&m, "k0", 2) == (budget >= 3 ? 0 : -1));
    nn_strmap_free(&m);
  }
}

/* Reserving room: keys added afterwards need no growing, keys already in
 * the map keep their ids, and after a failure the map still works. */
static void test_reserve(void)
{
  nn_strmap m;
  uint32_t id, i;
  size_t slots;
  char key[32];
  int budget;
  nn_strmap_init(&m, &nn_default_allocator);
  CHECK(nn_strmap_intern(&m, "Cambodia", 8, &id) == 1 && id == 0);
  CHECK(nn_strmap_reserve(&m, 5000) == NN_OK);
  CHECK(m.slot_count >= 10000 && m.entry_cap >= 5000);
  CHECK(nn_strmap_find(&m, "Cambodia", 8) == 0);
  slots = m.slot_count;
  for (i = 1; i < 5000; i++) {
    int n = snprintf(key, sizeof key, "key-%u", (unsigned)i);
    CHECK(nn_strmap_intern(&m, key, (size_t)n, &id) == 1 && id == i);
  }
  CHECK_EQ_SIZE(m.slot_count, slots);
  CHECK(nn_strmap_reserve(&m, 10) == NN_OK);   /* never shrinks */
  CHECK_EQ_SIZE(m.slot_count, slots);
  CHECK(nn_strmap_find(&m, "key-4999", 8) == 4999);
  CHECK(nn_strmap_reserve(&m, (size_t)1 << 31) == NN_ETOOBIG);
  nn_strmap_free(&m);
  for (budget = 0; budget < 3; budget++) {
    failing f = { budget };
    nn_allocator a = { failing_alloc, &f };
    int rc;
    nn_strmap_init(&m, &a);
    rc = nn_strmap_reserve(&m, 100);
    CHECK(rc == (budget >= 2 ? NN_OK : NN_ENOMEM));
    f.left = 100;
    CHECK(nn_strmap_intern(&m, "Japan", 5, &id) == 1 && id == 0);
    CHECK(nn_strmap_find(&m, "Japan", 5) == 0);
    nn_strmap_free(&m);
  }
}

static void test_wordlists(void)
{
  const nn_wordlist *w = nn_wordlist_get("abbreviations", "en");
  size_t i, len;
  CHECK(w != NULL);
  if (!w) return;
  CHECK(nn_wordlist_contains(w, "Mr.", 3));
  CHECK(nn_wordlist_contains(w, "U.S.", 4));
  CHECK(!nn_wordlist_contains(w, "Mr", 2));
  CHECK(!nn_wordlist_contains(w, "mr.", 3));
  /* Sorted bytewise and without duplicates. */
  for (i = 1; i < w->count; i++) {
    size_t plen;
    const char *prev = nn_wordlist_item(w, i - 1, &plen), *cur = nn_wordlist_item(w, i, &len);
    int c = memcmp(prev, cur, plen < len ? plen : len);
    CHECK(c < 0 || (c == 0 && plen < len));
  }
  CHECK(nn_wordlist_get("abbreviations", "no-such-language") == NULL);
}

int main(void)
{
  test_intern();
  test_out_of_memory();
  test_reserve();
  test_wordlists();
  return ctest_report("strmap");
}
