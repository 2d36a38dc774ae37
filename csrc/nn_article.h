/* Paragraphs and the structure of a plain-text news article.
 *
 * Paragraphs: text is laid out either with blank lines between paragraphs
 * (a paragraph may then span several lines) or with one paragraph per line.
 * nn_paragraphs_layout tells which: blank lines, unless lines that end like a
 * paragraph (with final punctuation) follow each other more often than blank
 * lines separate them.  A paragraph separator (U+2029) always ends one.
 *
 * Articles: nn_article_parse finds, in a plain-text article,
 *   - the title: the first line, when it reads like a headline (no final
 *     period or comma, at most 30 words) and more text follows;
 *   - the byline: a line near the top that starts with a byline cue ("By",
 *     "Von", "Par", ... from data/boilerplate) and a capital;
 *   - the dateline at the start of the first paragraph: a place in capitals,
 *     an optional qualifier and agency, and a dash ("WASHINGTON (AP) —",
 *     "LONDON, June 29 -", "SALEM, Ore. (Coastline Wire) —");
 *   - boilerplate: lines that match a cue of data/boilerplate ("Related
 *     Stories", "Share this article", "Read more:", copyright lines), and the
 *     short title-like lines listed under a section cue ("Related Stories");
 *   - the body paragraphs, each with its sentences (nn_sentences.h);
 *   - the header zone: the sentences at the top of the body, before the
 *     first sentence of prose, that are bylines, timestamps or name lines
 *     written inline ("By . Jane Doe . PUBLISHED: . 12:41 EST, 2 January
 *     2014 . | ."), flagged NN_SENTENCE_HEADER (a text without a sentence
 *     of prose has no header zone);
 *   - sentences of page furniture inside paragraphs ("Scroll down for
 *     video"), from the sentence cues of data/boilerplate, flagged
 *     NN_SENTENCE_BOILERPLATE.
 * Everything is a byte span of the input; nothing is dropped: every line is
 * the title, the byline, boilerplate or part of a paragraph.  The dateline
 * stays inside its paragraph (it is part of the first sentence of prose);
 * besides the capitals-and-dash form it may name a news agency of
 * data/boilerplate with or without a dash ("(CNN) --", "(CNN)The",
 * "Rome (CNN) Italy", "-LRB- CNN -RRB- --").  Time is linear in the input. */
#ifndef NN_ARTICLE_H
#define NN_ARTICLE_H

#include "nn_core.h"
#include "nn_sentences.h"

/* A byte span s[start..stop); start == stop means "none". */
typedef struct nn_span {
  size_t start;
  size_t stop;
} nn_span;

typedef enum nn_para_layout {
  NN_PARA_AUTO = 0,  /* find out (nn_paragraphs_layout) */
  NN_PARA_BLANK = 1, /* blank lines separate paragraphs */
  NN_PARA_LINE = 2   /* each line is a paragraph */
} nn_para_layout;

/* The layout of s[0..len): NN_PARA_BLANK or NN_PARA_LINE. */
nn_para_layout nn_paragraphs_layout(const char *s, size_t len);

typedef struct nn_para_iter {
  const unsigned char *s;
  size_t len;
  size_t pos;
  nn_para_layout layout;
} nn_para_iter;

/* Starts an iteration over the paragraphs of s (layout NN_PARA_AUTO finds
 * it out; it->layout then holds the result). */
void nn_paragraphs_init(nn_para_iter *it, const char *s, size_t len, nn_para_layout layout);
/* Stores the next paragraph, without white space at either end, and returns
 * 1; returns 0 at the end. */
int nn_paragraphs_next(nn_para_iter *it, nn_span *out);

/* ---- articles ---- */

#define NN_PARAGRAPH_HEADING 1u /* one short line without final punctuation: a subheading */

typedef struct nn_article_paragraph {
  size_t start, stop;
  size_t first_sentence; /* index into the article's sentences */
  size_t sentence_count;
  unsigned flags;        /* NN_PARAGRAPH_* */
} nn_article_paragraph;

typedef struct nn_article_boilerplate {
  size_t start, stop;
  int cue; /* the cue it matched (nn_article_cue_text), or -1 for a line listed under a section cue */
} nn_article_boilerplate;

/* Flags nn_article_parse adds to the sentences of the body, beside the
 * splitter's NN_SENTENCE_* flags. */
#define NN_SENTENCE_HEADER 0x100u      /* in the header zone (see above) */
#define NN_SENTENCE_BOILERPLATE 0x200u /* page furniture inside a paragraph */

typedef struct nn_article {
  nn_span title, byline, dateline; /* start == stop: none */
  nn_span header;                  /* from the first to the last header sentence, or none */
  nn_para_layout layout;           /* of the whole text */
  nn_buf paragraphs;               /* nn_article_paragraph records */
  nn_buf sentences;                /* nn_sentence records, paragraph after paragraph */
  nn_buf boilerplate;              /* nn_article_boilerplate records, in text order */
  nn_buf lines;                    /* scratch */
} nn_article;

void nn_article_init(nn_article *a, const nn_allocator *alloc);
void nn_article_free(nn_article *a);

/* Parses s[0..len) into a (emptied first).  opts (may be NULL) sets the
 * language of the sentences and of the boilerplate and byline cues (all
 * languages without one).  NN_OK, or NN_ENOMEM / NN_ETOOBIG. */
int nn_article_parse(nn_article *a, const char *s, size_t len, const nn_sentence_opts *opts);

/* The phrase of boilerplate cue i (lower case), or NULL. */
const char *nn_article_cue_text(int cue);

#endif
