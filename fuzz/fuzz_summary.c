/* libFuzzer harness: summaries and statistics.  The first byte chooses the
 * language, budget, mode and quote option.  nn_summarize succeeds; its
 * records are ordered, disjoint spans of whole characters that start and end
 * on non-space, inside the input; scores are finite and non-negative and
 * positive exactly for the candidates; the selection keeps to the budget and
 * takes candidates only (fragments or repeats when there is none); g lies in
 * [0, 1].  nn_stats succeeds with counts that agree with each other (quoted
 * words within the words, at least one syllable a word, a finite index), and
 * the body has no more words than the whole text, but for words that a
 * sentence boundary splits (at most one a sentence). */
#include <math.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_summary(const uint8_t *data, size_t size, unsigned flags, const unsigned char *unit_start,
                          const unsigned char *space)
{
  nn_summarizer z;
  nn_summary_opts o;
  size_t i, count, selected = 0, candidates = 0, words = 0, chars = 0, at = 0;
  nn_summary_opts_init(&o);
  if (flags & 1) o.sentence.lang = nn_sentences_lang("en", 2);
  switch ((flags >> 1) & 3) {
  case 0: o.sentences = 1 + (flags >> 5); break;
  case 1: o.sentences = 0; o.words = 4 + (flags >> 4); break;
  case 2: o.sentences = 0; o.chars = 20 + (flags >> 3) * 8; break;
  default: o.sentences = 0; break; /* every candidate */
  }
  o.quotes = !(flags & 8);
  o.mode = (int)((flags >> 4) % 3);
  o.max_graph = 1 + (flags & 0x7F);
  nn_summarizer_init(&z, &nn_default_allocator);
  if (nn_summarize(&z, (const char *)data, size, &o) != NN_OK) abort();
  count = nn_summary_count(&z);
  if (!(z.g >= 0 && z.g <= 1)) abort();
  for (i = 0; i < count; i++) {
    const nn_summary_sentence *t = nn_summary_at(&z, i);
    if (t->start < at || t->start >= t->stop || t->stop > size) abort();
    if (!unit_start[t->start] || !unit_start[t->stop]) abort();
    if (space[t->start]) abort();
    if (!(t->score >= 0) || isinf(t->score)) abort();
    if ((t->reason == NN_REASON_NONE) != (t->score > 0) && !(t->reason == NN_REASON_NONE && t->score == 0))
      abort();
    if (t->reason != NN_REASON_NONE && t->score != 0) abort();
    if (!nn_summary_reason_name(t->reason) != (t->reason == NN_REASON_NONE)) abort();
    candidates += t->reason == NN_REASON_NONE;
    if (t->selected) {
      if (z.candidates > 0 ? t->reason != NN_REASON_NONE
                           : t->reason != NN_REASON_FRAGMENT && t->reason != NN_REASON_DUPLICATE)
        abort();
      chars += t->chars + (selected > 0);
      words += t->words;
      selected++;
    }
    at = t->stop;
  }
  if (candidates != z.candidates || candidates > o.max_graph) abort();
  if (o.sentences && selected > o.sentences) abort();
  if (o.words && words > o.words) abort();
  if (o.chars && chars > o.chars) abort();
  nn_summarizer_free(&z);
}

static void check_stats(const uint8_t *data, size_t size, unsigned flags)
{
  static const char *const codes[] = { "en", "de", "es", "fr", "it", "nl", "pt", "ru" };
  nn_article a;
  nn_stats_opts o;
  nn_stats_result body, whole;
  const char *code = codes[(flags >> 2) & 7], *name;
  double grade, score;
  nn_stats_opts_init(&o);
  o.sentence.lang = nn_sentences_lang(code, 2);
  o.read_lang = nn_read_lang_of(code, 2);
  o.long_sentence = 1 + (flags & 31);
  nn_article_init(&a, &nn_default_allocator);
  if (nn_stats(&a, (const char *)data, size, &o, &body) != NN_OK) abort();
  o.whole_text = 1;
  if (nn_stats(&a, (const char *)data, size, &o, &whole) != NN_OK) abort();
  if (body.quoted_words > body.words || body.long_sentences > body.sentences) abort();
  if (body.longest_sentence > body.words || body.characters > size || body.letters > body.characters) abort();
  if (body.syllables < body.words && o.read_lang != NN_READ_NONE) abort();
  if (body.paragraphs > body.sentences || body.words > size) abort();
  if (whole.words > size || whole.quoted_words > whole.words) abort();
  /* a sentence boundary inside a run of non-space ("rose.Wages") splits a word */
  if (nn_count_words((const char *)data, 0, size, NULL, NULL) + body.sentences < body.words) abort();
  score = nn_readability(&body, o.read_lang, &name, &grade);
  if ((name != NULL) != (body.words > 0 && body.sentences > 0)) abort();
  if (name && (isnan(score) || isinf(score))) abort();
  nn_article_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned char *unit_start, *space;
  unsigned flags;
  if (size == 0) return 0;
  flags = data[0];
  data++;
  size--;
  if (!fuzz_units(data, size, &unit_start, &space)) return 0;
  check_summary(data, size, flags, unit_start, space);
  check_stats(data, size, flags);
  free(unit_start);
  free(space);
  return 0;
}
