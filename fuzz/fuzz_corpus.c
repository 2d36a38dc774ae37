/* libFuzzer harness: the corpus loader.  Any bytes either load or give one
 * of the documented statuses; what loads is canonical (saving it gives the
 * same bytes back) and its digest is stable.  The input is tried twice: as
 * a file, and as a body wrapped in a valid header and CRC, so that the
 * fuzzer reaches the body parser past the checksum. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const char *file, size_t n)
{
  nn_corpus c, d;
  nn_buf out;
  uint64_t d1, d2;
  int rc = nn_corpus_load(&c, &nn_default_allocator, file, n);
  if (rc != NN_OK) {
    if (rc != NN_EFORMAT && rc != NN_EVERSION && rc != NN_ETRUNCATED && rc != NN_ECHECKSUM &&
        rc != NN_ENOMEM)
      abort();
    return;
  }
  nn_buf_init(&out, &nn_default_allocator);
  if (nn_corpus_save(&c, &out) != NN_OK) abort();
  if (!fuzz_same_bytes(out.data, out.len, file, n)) abort(); /* canonical */
  if (nn_corpus_load(&d, &nn_default_allocator, out.data, out.len) != NN_OK) abort();
  if (nn_corpus_digest(&c, &d1) != NN_OK || nn_corpus_digest(&d, &d2) != NN_OK || d1 != d2)
    abort();
  nn_buf_free(&out);
  nn_corpus_free(&c);
  nn_corpus_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  nn_buf file;
  unsigned char head[24];
  uint32_t crc;
  size_t i;
  check((const char *)data, size);
  memcpy(head, NN_CORPUS_MAGIC, 8);
  head[8] = 1;
  memset(head + 9, 0, 7);
  for (i = 0; i < 8; i++) head[16 + i] = (unsigned char)((uint64_t)size >> (8 * i));
  nn_buf_init(&file, &nn_default_allocator);
  if (nn_buf_append(&file, (const char *)head, 24) != NN_OK ||
      nn_buf_append(&file, (const char *)data, size) != NN_OK)
    abort();
  crc = nn_crc32(0, file.data, file.len);
  for (i = 0; i < 4; i++) nn_buf_append_byte(&file, (unsigned char)(crc >> (8 * i)));
  check(file.data, file.len);
  nn_buf_free(&file);
  return 0;
}
