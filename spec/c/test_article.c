/* Paragraph layouts and article structure in the core. */
#include <stdlib.h>

#include "newsnlp.h"
#include "ctest.h"

typedef struct failing {
  int left;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize > 0 && f->left-- <= 0) return NULL;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

static int span_is(const char *s, nn_span span, const char *want)
{
  return span.stop - span.start == strlen(want) && memcmp(s + span.start, want, strlen(want)) == 0;
}

static void test_layout(void)
{
  const char *blank = "One\nline.\n\nTwo.\n";
  const char *lines = "One paragraph.\nAnother one.\nA third.\n";
  nn_para_iter it;
  nn_span p;
  CHECK(nn_paragraphs_layout(blank, strlen(blank)) == NN_PARA_BLANK);
  CHECK(nn_paragraphs_layout(lines, strlen(lines)) == NN_PARA_LINE);
  CHECK(nn_paragraphs_layout("", 0) == NN_PARA_LINE);
  nn_paragraphs_init(&it, blank, strlen(blank), NN_PARA_AUTO);
  CHECK(it.layout == NN_PARA_BLANK);
  CHECK(nn_paragraphs_next(&it, &p) && span_is(blank, p, "One\nline."));
  CHECK(nn_paragraphs_next(&it, &p) && span_is(blank, p, "Two."));
  CHECK(!nn_paragraphs_next(&it, &p));
  nn_paragraphs_init(&it, blank, strlen(blank), NN_PARA_LINE);
  CHECK(nn_paragraphs_next(&it, &p) && span_is(blank, p, "One"));
}

static const char STORY[] =
  "Ferry Service Cut After Storm\n\n"
  "By Lena Park\n\n"
  "HALDEN, Maine (Shore Wire) \xE2\x80\x94 The ferry will sail twice a day. Repairs start soon.\n\n"
  "Advertisement\n\n"
  "Officials met Mr. Dale on Friday.\n\n"
  "Share this article\n";

static void test_article(void)
{
  nn_article a;
  const nn_article_paragraph *p;
  const nn_article_boilerplate *b;
  nn_article_init(&a, &nn_default_allocator);
  CHECK(nn_article_parse(&a, STORY, strlen(STORY), NULL) == NN_OK);
  CHECK(span_is(STORY, a.title, "Ferry Service Cut After Storm"));
  CHECK(span_is(STORY, a.byline, "By Lena Park"));
  CHECK(span_is(STORY, a.dateline, "HALDEN, Maine (Shore Wire) \xE2\x80\x94"));
  CHECK(a.layout == NN_PARA_BLANK);
  CHECK_EQ_SIZE(a.paragraphs.len / sizeof *p, 2);
  CHECK_EQ_SIZE(a.sentences.len / sizeof(nn_sentence), 3);
  p = (const nn_article_paragraph *)(const void *)a.paragraphs.data;
  CHECK(p[0].first_sentence == 0 && p[0].sentence_count == 2);
  CHECK(p[1].first_sentence == 2 && p[1].sentence_count == 1);
  CHECK_EQ_SIZE(a.boilerplate.len / sizeof *b, 2);
  b = (const nn_article_boilerplate *)(const void *)a.boilerplate.data;
  CHECK(strcmp(nn_article_cue_text(b[0].cue), "advertisement") == 0);
  CHECK(strcmp(nn_article_cue_text(b[1].cue), "share this article") == 0);
  CHECK(nn_article_cue_text(-1) == NULL);
  /* parsing again reuses the article */
  CHECK(nn_article_parse(&a, "", 0, NULL) == NN_OK);
  CHECK(a.paragraphs.len == 0 && a.title.stop == 0);
  nn_article_free(&a);
}

/* Bylines and timestamps written inline, an agency dateline after them,
 * furniture inside a paragraph. */
static void test_header_zone(void)
{
  static const char text[] = "By . Lena Park . Last updated at 8:56 PM on 14th June 2011 . "
                             "(Shore Wire) -- The ferry will sail twice a day. Scroll down for video "
                             "Repairs start soon. Officials met on Friday.";
  const nn_sentence *t;
  nn_article a;
  nn_article_init(&a, &nn_default_allocator);
  CHECK(nn_article_parse(&a, text, strlen(text), NULL) == NN_OK);
  /* "Shore Wire" is no agency of the data: no dateline, and the header ends */
  CHECK(a.dateline.stop == 0);
  CHECK(span_is(text, a.header, "By . Lena Park . Last updated at 8:56 PM on 14th June 2011 ."));
  CHECK_EQ_SIZE(a.sentences.len / sizeof *t, 6);
  t = (const nn_sentence *)(const void *)a.sentences.data;
  CHECK((t[0].flags & NN_SENTENCE_HEADER) && (t[1].flags & NN_SENTENCE_HEADER) && (t[2].flags & NN_SENTENCE_HEADER));
  CHECK(!(t[3].flags & (NN_SENTENCE_HEADER | NN_SENTENCE_BOILERPLATE)));
  CHECK((t[4].flags & NN_SENTENCE_BOILERPLATE) && !(t[4].flags & NN_SENTENCE_HEADER));
  CHECK(!(t[5].flags & NN_SENTENCE_BOILERPLATE));
  CHECK(nn_article_parse(&a, "(Reuters) - Oil rose on Monday.", 31, NULL) == NN_OK);
  CHECK(a.dateline.start == 0 && a.dateline.stop == 11);
  nn_article_free(&a);
}

static void test_memory(void)
{
  failing f;
  nn_allocator alloc;
  nn_article a;
  int limit, failed = 0, passed = 0;
  alloc.fn = failing_alloc;
  alloc.ud = &f;
  for (limit = 0; limit < 12; limit++) {
    int r;
    f.left = limit;
    nn_article_init(&a, &alloc);
    r = nn_article_parse(&a, STORY, strlen(STORY), NULL);
    CHECK(r == NN_OK || r == NN_ENOMEM);
    if (r == NN_OK) passed++;
    else failed++;
    nn_article_free(&a);
  }
  CHECK(failed > 0 && passed > 0);
}

int main(void)
{
  test_layout();
  test_article();
  test_header_zone();
  test_memory();
  return ctest_report("test_article");
}
