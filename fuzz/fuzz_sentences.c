/* libFuzzer harness: the news-aware sentence splitter.  Sentences are in
 * order, do not overlap, lie inside the input, start and end on character
 * boundaries with no white space at either end, and only white space lies
 * between them; a sentence holding a line break is flagged multi-line;
 * nn_sentences_split gives the same records as the iterator;
 * joining lines keeps valid UTF-8 valid and never grows the text.  The first
 * input byte picks the language and whether a caller's abbreviation is set. */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  const char *s;
  unsigned char *unit_start, *space;
  nn_sentence_opts opts;
  nn_abbrev_set set;
  nn_sentence_iter it;
  nn_sentence sent;
  nn_buf records, joined;
  size_t at = 0, count = 0;
  int valid;
  if (size == 0) return 0;
  nn_sentence_opts_init(&opts);
  if (data[0] & 1) opts.lang = (int)((data[0] >> 1) % (nn_sentences_lang_count() + 1)) - 1;
  nn_abbrev_set_init(&set, &nn_default_allocator);
  if (data[0] & 0x80) {
    if (nn_abbrev_set_add(&set, "Fwd.", 4, NN_ABBREV_TITLE) != NN_OK) abort();
    opts.abbrevs = &set;
  }
  data++;
  size--;
  s = (const char *)data;
  if (!fuzz_units(data, size, &unit_start, &space)) return 0;
  valid = nn_utf8_invalid_offset(s, size) == size;
  nn_buf_init(&records, &nn_default_allocator);
  nn_buf_init(&joined, &nn_default_allocator);
  if (nn_sentences_split(s, size, &opts, &records) < 0) abort();
  nn_sentences_init(&it, s, size, &opts);
  while (nn_sentences_next(&it, &sent)) {
    const nn_sentence *rec = (const nn_sentence *)(const void *)records.data + count;
    if (sent.start < at || sent.stop <= sent.start || sent.stop > size) abort();
    if (!unit_start[sent.start] || !unit_start[sent.stop]) abort();
    if (space[sent.start] || space[fuzz_last_unit(unit_start, sent.stop)]) abort();
    if (!fuzz_all_space(unit_start, space, at, sent.start)) abort();
    if ((count + 1) * sizeof sent > records.len || rec->start != sent.start ||
        rec->stop != sent.stop || rec->flags != sent.flags)
      abort();
    if ((memchr(s + sent.start, '\n', sent.stop - sent.start) ||
         memchr(s + sent.start, '\r', sent.stop - sent.start)) &&
        !(sent.flags & NN_SENTENCE_MULTILINE))
      abort(); /* a sentence that spans lines says so */
    joined.len = 0;
    if (nn_sentence_join_lines(s, sent.start, sent.stop, &joined) != NN_OK) abort();
    if (joined.len > sent.stop - sent.start) abort();
    if (valid && nn_utf8_invalid_offset(joined.data, joined.len) != joined.len) abort();
    at = sent.stop;
    count++;
  }
  if (count * sizeof sent != records.len) abort();
  if (!fuzz_all_space(unit_start, space, at, size)) abort();
  nn_buf_free(&records);
  nn_buf_free(&joined);
  nn_abbrev_set_free(&set);
  free(unit_start);
  free(space);
  return 0;
}
