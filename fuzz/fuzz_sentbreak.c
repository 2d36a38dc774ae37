/* libFuzzer harness: UAX #29 sentence boundaries.  The segments tile the
 * input; every boundary is at a character start and never inside CR LF; a
 * boundary follows every paragraph separator (SB4); no boundary comes right
 * before an Extend or Format character unless a separator precedes (SB5). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s = (const char *)data;
  unsigned char *unit_start, *space, *boundary;
  size_t pos = 0, i;
  if (!fuzz_units(data, size, &unit_start, &space)) return 0;
  boundary = calloc(size + 1, 1);
  if (!boundary) abort();
  while (pos < size) {
    size_t next = nn_sentbreak_next(s, size, pos);
    if (next <= pos || next > size) abort();
    if (!unit_start[next]) abort();
    if (next < size && data[next] == '\n' && data[next - 1] == '\r') abort();
    boundary[next] = 1;
    pos = next;
  }
  if (nn_sentbreak_next(s, size, size) != size) abort();
  for (i = 0; i < size; i++) {
    int32_t cp;
    size_t n;
    int sb;
    if (!unit_start[i]) continue;
    n = nn_utf8_decode(data + i, size - i, &cp);
    sb = cp < 0 ? NN_SB_OTHER : nn_uniprop_of(cp)->sb;
    /* SB4: a break after LF, Sep, and CR not followed by LF */
    if ((sb == NN_SB_LF || sb == NN_SB_SEP || (sb == NN_SB_CR && !(i + 1 < size && data[i + 1] == '\n'))) &&
        !boundary[i + n])
      abort();
    /* SB5: Extend and Format attach to what precedes, unless a separator */
    if ((sb == NN_SB_EXTEND || sb == NN_SB_FORMAT) && i > 0 && boundary[i]) {
      size_t k = fuzz_last_unit(unit_start, i);
      int32_t pc;
      int psb;
      nn_utf8_decode(data + k, size - k, &pc);
      psb = pc < 0 ? NN_SB_OTHER : nn_uniprop_of(pc)->sb;
      if (psb != NN_SB_LF && psb != NN_SB_CR && psb != NN_SB_SEP) abort();
    }
  }
  free(boundary);
  free(unit_start);
  free(space);
  return 0;
}
