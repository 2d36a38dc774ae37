/* libFuzzer harness: paragraphs and article structure.  Paragraphs (in both
 * layouts) are ordered, trimmed, inside the input, with only white space
 * between them.  The article's title, byline, paragraphs and boilerplate are
 * disjoint spans that cover every character that is not white space; every
 * sentence lies inside its paragraph, in order.  Header sentences come
 * before the first sentence of prose (furniture may be among them), the
 * header span runs from the first to the last of them, and the dateline
 * starts that first sentence of prose, inside its paragraph. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static void cover(unsigned char *owner, size_t a, size_t b)
{
  size_t i;
  for (i = a; i < b; i++) {
    if (owner[i]) abort(); /* two records hold the same byte */
    owner[i] = 1;
  }
}

static void check_paragraphs(const uint8_t *data, size_t size, nn_para_layout layout,
                             const unsigned char *unit_start, const unsigned char *space)
{
  nn_para_iter it;
  nn_span p;
  size_t at = 0;
  nn_paragraphs_init(&it, (const char *)data, size, layout);
  if (it.layout != NN_PARA_BLANK && it.layout != NN_PARA_LINE) abort();
  while (nn_paragraphs_next(&it, &p)) {
    if (p.start < at || p.stop <= p.start || p.stop > size) abort();
    if (!unit_start[p.start] || !unit_start[p.stop]) abort();
    if (space[p.start] || space[fuzz_last_unit(unit_start, p.stop)]) abort();
    if (!fuzz_all_space(unit_start, space, at, p.start)) abort();
    at = p.stop;
  }
  if (!fuzz_all_space(unit_start, space, at, size)) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned char *unit_start, *space, *owner;
  nn_article a;
  nn_sentence_opts opts;
  const nn_article_paragraph *paras;
  const nn_article_boilerplate *boiler;
  const nn_sentence *sents;
  size_t i, k, np, nb, ns, next_sentence = 0;
  if (size == 0) return 0;
  nn_sentence_opts_init(&opts);
  if (data[0] & 1) opts.lang = (int)((data[0] >> 1) % (nn_sentences_lang_count() + 1)) - 1;
  data++;
  size--;
  if (!fuzz_units(data, size, &unit_start, &space)) return 0;
  check_paragraphs(data, size, NN_PARA_AUTO, unit_start, space);
  check_paragraphs(data, size, NN_PARA_BLANK, unit_start, space);
  check_paragraphs(data, size, NN_PARA_LINE, unit_start, space);

  owner = calloc(size + 1, 1);
  if (!owner) abort();
  nn_article_init(&a, &nn_default_allocator);
  if (nn_article_parse(&a, (const char *)data, size, &opts) != NN_OK) abort();
  paras = (const nn_article_paragraph *)(const void *)a.paragraphs.data;
  boiler = (const nn_article_boilerplate *)(const void *)a.boilerplate.data;
  sents = (const nn_sentence *)(const void *)a.sentences.data;
  np = a.paragraphs.len / sizeof *paras;
  nb = a.boilerplate.len / sizeof *boiler;
  ns = a.sentences.len / sizeof *sents;
  if (a.title.stop < a.title.start || a.title.stop > size) abort();
  if (a.byline.stop < a.byline.start || a.byline.stop > size) abort();
  cover(owner, a.title.start, a.title.stop);
  cover(owner, a.byline.start, a.byline.stop);
  for (i = 0; i < np; i++) {
    if (paras[i].start >= paras[i].stop || paras[i].stop > size) abort();
    if (i > 0 && paras[i].start < paras[i - 1].stop) abort();
    cover(owner, paras[i].start, paras[i].stop);
    if (paras[i].first_sentence != next_sentence) abort();
    for (k = 0; k < paras[i].sentence_count; k++) {
      const nn_sentence *x = &sents[paras[i].first_sentence + k];
      if (paras[i].first_sentence + k >= ns) abort();
      if (x->start < paras[i].start || x->stop > paras[i].stop || x->start >= x->stop) abort();
      if (k > 0 && x->start < x[-1].stop) abort();
    }
    next_sentence += paras[i].sentence_count;
  }
  if (next_sentence != ns) abort();
  for (i = 0; i < nb; i++) {
    if (boiler[i].start >= boiler[i].stop || boiler[i].stop > size) abort();
    if (i > 0 && boiler[i].start < boiler[i - 1].stop) abort();
    if (boiler[i].cue >= 0 && !nn_article_cue_text(boiler[i].cue)) abort();
    cover(owner, boiler[i].start, boiler[i].stop);
  }
  {
    /* the zone: header and furniture sentences up to the first sentence of prose */
    size_t nh = 0, p = 0, first = ns, last = ns;
    while (nh < ns && (sents[nh].flags & (NN_SENTENCE_HEADER | NN_SENTENCE_BOILERPLATE))) {
      if (sents[nh].flags & NN_SENTENCE_HEADER) {
        if (first == ns) first = nh;
        last = nh;
      }
      nh++;
    }
    for (k = nh; k < ns; k++)
      if (sents[k].flags & NN_SENTENCE_HEADER) abort(); /* no header line after prose */
    if (first == ns ? a.header.stop != a.header.start
                    : a.header.start != sents[first].start || a.header.stop != sents[last].stop)
      abort();
    if (a.dateline.stop > a.dateline.start) {
      if (nh >= ns || a.dateline.start != sents[nh].start) abort();
      while (p < np && paras[p].first_sentence + paras[p].sentence_count <= nh) p++;
      if (p >= np || a.dateline.stop > paras[p].stop) abort();
    }
  }
  for (i = 0; i < size; i++)
    if (unit_start[i] && !space[i] && !owner[i]) abort(); /* text left out */
  nn_article_free(&a);
  free(owner);
  free(unit_start);
  free(space);
  return 0;
}
