/* libFuzzer harness: the classifier's model loader.
 *
 * Any input either loads or gives one of the documented codes, and never a
 * crash.  Random bytes rarely get past the checksums, so each input is also
 * tried resealed: with our magic, version 1, its true length and correct
 * checksums, which sends the fuzzer into the payload parser.  A model that
 * loads must predict sanely on any text (here the input itself, which holds
 * the model's own terms) and save back to exactly the bytes it came from
 * (the format has one encoding per model).
 *
 * The seed fuzz/seeds/classifier.model is a small model trained on texts of
 * the spec fixtures; tools/classifier_seed.lua writes it. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_predictions(nn_classifier *c, const char *text, size_t len, size_t top)
{
  size_t tags = nn_classifier_tag_count(c), count, i, j;
  nn_tag_score *out = malloc((tags + 1) * sizeof *out);
  if (!out) return;
  if (nn_classifier_predict(c, text, len, top, out, &count) != NN_OK) abort();
  if (count > tags) abort();
  if (tags > 0 && count == 0) abort();                       /* at least one */
  if (top > 0 && count != (top < tags ? top : tags)) abort(); /* exactly top */
  for (i = 0; i < count; i++) {
    if (out[i].tag >= tags) abort();
    if (!(out[i].score >= 0.0 && out[i].score <= 1.0)) abort();
    if (i > 0 && out[i].score > out[i - 1].score) abort();  /* best first */
    for (j = 0; j < i; j++)
      if (out[j].tag == out[i].tag) abort();
  }
  free(out);
}

static void check_one(const char *data, size_t size)
{
  nn_classifier *c = NULL;
  nn_buf again;
  size_t i;
  int rc = nn_classifier_load(&nn_default_allocator, data, size, &c);
  if (rc != NN_OK) {
    if (c != NULL) abort();
    if (rc != NN_EFORMAT && rc != NN_EVERSION && rc != NN_ECHECKSUM && rc != NN_ETRUNCATED)
      abort();
    return;
  }
  if (c == NULL || !nn_classifier_fitted(c)) abort();
  for (i = 0; i < nn_classifier_tag_count(c); i++) {
    size_t len;
    nn_classifier_tag(c, i, &len);
    if (len == 0 || len > NN_CLASSIFIER_MAX_TAG) abort();
    if (nn_classifier_tag_documents(c, i) > nn_classifier_document_count(c)) abort();
  }
  check_predictions(c, data, size, 0);
  check_predictions(c, data, size, 2);
  check_predictions(c, "", 0, 0);
  nn_buf_init(&again, &nn_default_allocator);
  if (nn_classifier_save(c, &again) != NN_OK) abort();
  if (!fuzz_same_bytes(again.data, again.len, data, size)) abort();
  nn_buf_free(&again);
  nn_classifier_free(c);
}

static void put32(char *p, uint32_t v)
{
  p[0] = (char)(v & 0xFF);
  p[1] = (char)((v >> 8) & 0xFF);
  p[2] = (char)((v >> 16) & 0xFF);
  p[3] = (char)((v >> 24) & 0xFF);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char magic[8] = { (char)0x89, 'N', 'N', 'L', 'T', '\r', '\n', 0x1A };
  char *copy;
  check_one((const char *)data, size);
  if (size < 32) return 0;
  copy = malloc(size);
  if (!copy) return 0;
  memcpy(copy, data, size);
  memcpy(copy, magic, sizeof magic);
  put32(copy + 8, 1);
  put32(copy + 16, (uint32_t)(size - 32));
  put32(copy + 20, (uint32_t)((uint64_t)(size - 32) >> 32));
  put32(copy + 24, 0);
  put32(copy + 12, nn_crc32(0, copy + 32, size - 32));
  put32(copy + 28, nn_crc32(0, copy, 28));
  check_one(copy, size);
  free(copy);
  return 0;
}
