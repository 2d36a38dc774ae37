/* Status texts, the default allocator and the growable buffer. */
#include <stdlib.h>
#include <string.h>

#include "nn_core.h"
#include "nn_utf8.h"

static const struct {
  int status;
  const char *code;
  const char *message;
} status_texts[] = {
  { NN_OK, "OK", "success" },
  { NN_ENOMEM, "ENOMEM", "not enough memory" },
  { NN_EUTF8, "EUTF8", "invalid UTF-8" },
  { NN_ETOOBIG, "ETOOBIG", "size too large" },
  { NN_EFORMAT, "EFORMAT", "not a newsnlp file of this kind" },
  { NN_EVERSION, "EVERSION", "unsupported file format version" },
  { NN_ECHECKSUM, "ECHECKSUM", "checksum mismatch: the file is corrupted" },
  { NN_ETRUNCATED, "ETRUNCATED", "the file is truncated" },
  { NN_EIO, "EIO", "input/output error" },
  { NN_EARG, "EARG", "argument out of range" },
  { NN_EMISMATCH, "EMISMATCH", "the models were built with different settings" },
  { NN_EDUPLICATE, "EDUPLICATE", "document id already present" },
};

const char *nn_status_code(int s)
{
  size_t i;
  for (i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
    if (status_texts[i].status == s) return status_texts[i].code;
  return "EUNKNOWN";
}

const char *nn_status_message(int s)
{
  size_t i;
  for (i = 0; i < sizeof status_texts / sizeof status_texts[0]; i++)
    if (status_texts[i].status == s) return status_texts[i].message;
  return "unknown error";
}

static void *default_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  (void)ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, nsize);
}

const nn_allocator nn_default_allocator = { default_alloc, NULL };

void *nn_alloc(const nn_allocator *a, size_t size)
{
  return size ? a->fn(a->ud, NULL, 0, size) : NULL;
}

void *nn_realloc(const nn_allocator *a, void *p, size_t osize, size_t nsize)
{
  return a->fn(a->ud, p, osize, nsize);
}

void nn_free(const nn_allocator *a, void *p, size_t size)
{
  if (p) a->fn(a->ud, p, size, 0);
}

void nn_buf_init(nn_buf *b, const nn_allocator *a)
{
  b->data = NULL;
  b->len = b->cap = 0;
  b->alloc = a;
}

void nn_buf_free(nn_buf *b)
{
  nn_free(b->alloc, b->data, b->cap);
  b->data = NULL;
  b->len = b->cap = 0;
}

int nn_buf_reserve(nn_buf *b, size_t extra)
{
  size_t need, cap;
  char *p;
  if (nn_add_overflows(b->len, extra, &need)) return NN_ETOOBIG;
  if (need <= b->cap) return NN_OK;
  cap = b->cap < 64 ? 64 : b->cap;
  while (cap < need) {
    if (cap > (size_t)-1 / 2) {
      cap = need;
      break;
    }
    cap *= 2;
  }
  p = nn_realloc(b->alloc, b->data, b->cap, cap);
  if (!p) return NN_ENOMEM;
  b->data = p;
  b->cap = cap;
  return NN_OK;
}

int nn_buf_append(nn_buf *b, const char *s, size_t n)
{
  int rc;
  if (n == 0) return NN_OK;
  if ((rc = nn_buf_reserve(b, n)) != NN_OK) return rc;
  memcpy(b->data + b->len, s, n);
  b->len += n;
  return NN_OK;
}

int nn_buf_append_byte(nn_buf *b, unsigned char c)
{
  if (b->len == b->cap) {
    int rc = nn_buf_reserve(b, 1);
    if (rc != NN_OK) return rc;
  }
  b->data[b->len++] = (char)c;
  return NN_OK;
}

int nn_buf_append_utf8(nn_buf *b, int32_t cp)
{
  char tmp[4];
  return nn_buf_append(b, tmp, nn_utf8_encode(cp, (unsigned char *)tmp));
}
