/* libFuzzer harness: the value finder.  Values are in order, do not
 * overlap and lie inside the input on character boundaries; their fields
 * are in range (month 0-12, day 0-31, hour 0-23, minute 0-59, second up to
 * 60, weekday 1-7), a currency is empty or three capitals, a zone lies
 * inside its value.  The first input byte picks the language option. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned char *unit_start, *space;
  nn_values v;
  nn_value_opts opts;
  const nn_value *x;
  size_t n, i, at = 0;
  if (size == 0) return 0;
  opts.lang = data[0] % 3;
  data++;
  size--;
  if (!fuzz_units(data, size, &unit_start, &space)) return 0;
  nn_values_init(&v, &nn_default_allocator);
  if (nn_values_find(&v, (const char *)data, size, &opts) < 0) abort();
  x = nn_values_items(&v, &n);
  for (i = 0; i < n; i++) {
    if (x[i].start < at || x[i].stop <= x[i].start || x[i].stop > size) abort();
    if (!unit_start[x[i].start] || !unit_start[x[i].stop]) abort();
    if (!nn_value_kind_name(x[i].kind)) abort();
    switch (x[i].kind) {
    case NN_VALUE_MONEY:
      if (x[i].currency[0] && (strlen(x[i].currency) != 3 || x[i].currency[0] < 'A' ||
                               x[i].currency[0] > 'Z'))
        abort();
      if (!(x[i].flags & NN_VF_AMOUNT) || x[i].amount < 0) abort();
      break;
    case NN_VALUE_DATE:
      if (x[i].month < 0 || x[i].month > 12 || x[i].day < 0 || x[i].day > 31) abort();
      if (x[i].year && (x[i].year < 1000 || x[i].year > 2999)) abort();
      if (!x[i].year && !x[i].month) abort();
      break;
    case NN_VALUE_TIME:
      if (x[i].hour < 0 || x[i].hour > 23 || x[i].minute < 0 || x[i].minute > 59 ||
          x[i].second > 60)
        abort();
      if (x[i].zone_len && (x[i].zone < x[i].start || x[i].zone + x[i].zone_len > x[i].stop))
        abort();
      break;
    case NN_VALUE_WEEKDAY:
      if (x[i].amount < 1 || x[i].amount > 7) abort();
      break;
    default:
      break;
    }
    at = x[i].stop;
  }
  nn_values_free(&v);
  free(unit_start);
  free(space);
  return 0;
}
