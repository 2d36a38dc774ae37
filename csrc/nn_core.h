/* Shared types of the newsnlp C core: status codes, the allocator every
 * long-lived structure goes through, and a growable byte buffer.
 *
 * The core never includes Lua headers.  It works on (const char *, size_t)
 * inputs, keeps no global mutable state, and reports failure through the
 * negative nn_status codes below; callers decide how to surface them. */
#ifndef NN_CORE_H
#define NN_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define NN_VERSION "0.1.0"

/* Compiler helpers for the hot loops: a function kept out of line, a hint to
 * fetch memory ahead, the number of trailing zero bits of a nonzero word. */
#if defined(__GNUC__)
#define NN_NOINLINE __attribute__((noinline))
#define NN_PREFETCH(p) __builtin_prefetch(p)
#define nn_ctz64(x) ((unsigned)__builtin_ctzll(x))
#else
#define NN_NOINLINE
#define NN_PREFETCH(p) ((void)(p))
static inline unsigned nn_ctz64(uint64_t x)
{
  unsigned n = 0;
  while (!(x & 1u)) {
    x >>= 1;
    n++;
  }
  return n;
}
#endif

/* Status codes.  Zero is success; failures are negative so that functions
 * returning a count can also return an error. */
typedef enum nn_status {
  NN_OK = 0,
  NN_ENOMEM = -1,     /* an allocation failed */
  NN_EUTF8 = -2,      /* invalid UTF-8 where the caller asked for an error */
  NN_ETOOBIG = -3,    /* a size computation would overflow */
  NN_EFORMAT = -4,    /* a model file is not in our format */
  NN_EVERSION = -5,   /* a model file has a version we cannot read */
  NN_ECHECKSUM = -6,  /* a model file fails its checksum */
  NN_ETRUNCATED = -7, /* a model file ends early */
  NN_EIO = -8,        /* reading or writing a file failed */
  NN_EARG = -9,       /* an argument is out of its documented range */
  NN_EMISMATCH = -10, /* two models were built with different settings */
  NN_EDUPLICATE = -11 /* a document id is already present */
} nn_status;

/* A short stable code ("ENOMEM", "EUTF8", ...) and a sentence describing s. */
const char *nn_status_code(int s);
const char *nn_status_message(int s);

/* The allocator has the signature of lua_Alloc, so a binding can hand the
 * host's allocator to the core unchanged: nsize == 0 frees ptr, otherwise the
 * block is (re)allocated from osize to nsize bytes. */
typedef void *(*nn_alloc_fn)(void *ud, void *ptr, size_t osize, size_t nsize);

typedef struct nn_allocator {
  nn_alloc_fn fn;
  void *ud;
} nn_allocator;

/* malloc/realloc/free; read-only, so sharing it keeps no mutable state. */
extern const nn_allocator nn_default_allocator;

void *nn_alloc(const nn_allocator *a, size_t size);
void *nn_realloc(const nn_allocator *a, void *p, size_t osize, size_t nsize);
void nn_free(const nn_allocator *a, void *p, size_t size);

/* size_t arithmetic that reports overflow instead of wrapping. */
static inline int nn_add_overflows(size_t a, size_t b, size_t *sum)
{
  *sum = a + b;
  return *sum < a;
}

static inline int nn_mul_overflows(size_t a, size_t b, size_t *product)
{
  if (a != 0 && b > (size_t)-1 / a) return 1;
  *product = a * b;
  return 0;
}

/* qsort for arrays that may be empty: an empty buffer's data is NULL, which
 * qsort must not be given even with no elements. */
static inline void nn_sort(void *base, size_t n, size_t size, int (*compare)(const void *, const void *))
{
  if (n > 1) qsort(base, n, size, compare);
}

/* A growable byte buffer.  Capacity grows geometrically from what is
 * actually written, never from a worst-case estimate. */
typedef struct nn_buf {
  char *data;
  size_t len;
  size_t cap;
  const nn_allocator *alloc;
} nn_buf;

void nn_buf_init(nn_buf *b, const nn_allocator *a);
void nn_buf_free(nn_buf *b);
/* Ensures room for `extra` more bytes; NN_OK or NN_ENOMEM / NN_ETOOBIG. */
int nn_buf_reserve(nn_buf *b, size_t extra);
int nn_buf_append(nn_buf *b, const char *s, size_t n);
int nn_buf_append_byte(nn_buf *b, unsigned char c);
/* Appends the UTF-8 encoding of a valid scalar value cp. */
int nn_buf_append_utf8(nn_buf *b, int32_t cp);

#endif
