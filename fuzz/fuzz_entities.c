/* libFuzzer harness: the entity finder.  Mentions are in order, do not
 * overlap, lie inside the input on character boundaries with no white
 * space at either end; each entity's spans are its mentions and their
 * number its count; names and aliases of valid input are valid UTF-8; a
 * finder that has read other documents gives the records a fresh one gives.
 * The first input byte picks the language option. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int valid_utf8(const char *s, size_t n)
{
  return nn_utf8_invalid_offset(s, n) == n;
}

static void check(const nn_entities *f, const char *s, size_t size, const unsigned char *unit_start,
                  const unsigned char *space, int valid)
{
  size_t n, i, nm = f->mentions.len / sizeof(nn_entity_mention), at = 0, total = 0;
  const nn_entity *e = nn_entities_items(f, &n);
  const nn_entity_mention *m = (const nn_entity_mention *)(const void *)f->mentions.data;
  const nn_entity_span *sp = (const nn_entity_span *)(const void *)f->spans.data;
  const nn_entity_alias *al = (const nn_entity_alias *)(const void *)f->aliases.data;
  for (i = 0; i < nm; i++) {
    if (m[i].start < at || m[i].stop <= m[i].start || m[i].stop > size) abort();
    if (!unit_start[m[i].start] || !unit_start[m[i].stop]) abort();
    if (space[m[i].start] || space[fuzz_last_unit(unit_start, m[i].stop)]) abort();
    if (m[i].entity >= n || m[i].kind != e[m[i].entity].kind) abort();
    at = m[i].stop;
  }
  for (i = 0; i < n; i++) {
    size_t k;
    if (e[i].count == 0 || e[i].span_count != e[i].count) abort();
    if (e[i].span + e[i].span_count > nm) abort();
    if (e[i].kind < 0 || e[i].kind > 3 || !nn_entity_kind_name(e[i].kind)) abort();
    if (e[i].text + e[i].text_len > f->strings.len || e[i].text_len == 0) abort();
    if (valid && !valid_utf8(f->strings.data + e[i].text, e[i].text_len)) abort();
    for (k = 0; k < e[i].span_count; k++) {
      const nn_entity_span *x = &sp[e[i].span + k];
      if (x->stop > size || x->start >= x->stop) abort();
      if (k > 0 && x->start <= sp[e[i].span + k - 1].start) abort();
    }
    for (k = 0; k < e[i].alias_count; k++) {
      const nn_entity_alias *a = &al[e[i].alias + k];
      if (a->text + a->len > f->strings.len) abort();
      if (valid && !valid_utf8(f->strings.data + a->text, a->len)) abort();
    }
    total += e[i].count;
  }
  (void)s;
  if (total != nm) abort();
}

static int same(const nn_entities *a, const nn_entities *b)
{
  size_t i, n = a->mentions.len / sizeof(nn_entity_mention);
  const nn_entity_mention *x = (const nn_entity_mention *)(const void *)a->mentions.data;
  const nn_entity_mention *y = (const nn_entity_mention *)(const void *)b->mentions.data;
  if (a->mentions.len != b->mentions.len || a->strings.len != b->strings.len) return 0;
  for (i = 0; i < n; i++)
    if (x[i].start != y[i].start || x[i].stop != y[i].stop || x[i].kind != y[i].kind ||
        x[i].entity != y[i].entity)
      return 0;
  return fuzz_same_bytes(a->strings.data, a->strings.len, b->strings.data, b->strings.len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static const char warmup[] = "Tessaly and Norland met in Oslo. LONDON 2027-03-01\n"
                               "Mr. Kallstrom of Varga Holdings Inc said the Bank of Norland (BN) agreed.";
  unsigned char *unit_start, *space;
  nn_entities kept, fresh;
  nn_entity_opts opts;
  const char *s;
  int valid;
  if (size == 0) return 0;
  opts.lang = data[0] % 3;
  opts.structure = (data[0] / 3) % 2;
  data++;
  size--;
  s = (const char *)data;
  if (!fuzz_units(data, size, &unit_start, &space)) return 0;
  valid = nn_utf8_invalid_offset(s, size) == size;
  nn_entities_init(&kept, &nn_default_allocator);
  nn_entities_init(&fresh, &nn_default_allocator);
  if (nn_entities_find(&kept, warmup, sizeof warmup - 1, NULL) < 0) abort();
  if (nn_entities_find(&kept, s, size, &opts) < 0) abort();
  check(&kept, s, size, unit_start, space, valid);
  if (nn_entities_find(&fresh, s, size, &opts) < 0) abort();
  if (!same(&kept, &fresh) || kept.lang != fresh.lang) abort();
  nn_entities_free(&kept);
  nn_entities_free(&fresh);
  free(unit_start);
  free(space);
  return 0;
}
