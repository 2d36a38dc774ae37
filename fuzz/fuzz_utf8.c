/* libFuzzer harness: UTF-8 validation agrees with decoding unit by unit. */
#include <stdlib.h>

#include "newsnlp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  size_t bad = nn_utf8_invalid_offset((const char *)data, size), i = 0;
  while (i < size) {
    int32_t cp;
    size_t n = nn_utf8_decode(data + i, size - i, &cp);
    if (n == 0 || n > 4 || n > size - i) abort();
    if (cp == NN_UTF8_INVALID) {
      if (bad != i) abort(); /* the first invalid unit is where validation stopped */
      return 0;
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) abort();
    i += n;
  }
  if (bad != size) abort();
  return 0;
}
