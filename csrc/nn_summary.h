/* Extractive summaries of news articles: a lead-weighted TextRank.
 *
 * 1. Structure (nn_article.h): the title, byline, boilerplate lines, the
 *    header zone (inline bylines and timestamps) and furniture sentences are
 *    not candidates; the dateline is left out of the first sentence of prose
 *    when more than 20 bytes of it remain.
 * 2. Words: the lower-case words of each sentence (letters and digits,
 *    joined by inner apostrophes), without the function words of the
 *    language (data/function_words) and one-letter words that are not
 *    digits.  A sentence with fewer than three is a fragment; one whose words
 *    are the title's is the title again; one whose words are mostly those of
 *    an earlier candidate is a duplicate (|Si & Sj| >= 0.8 |Si|, or the
 *    earlier one, of eight words or more, is 90 % inside it).  With quotes
 *    excluded, a sentence whose words are mostly inside quotation marks is
 *    left out too.
 * 3. Graph: each candidate is a vector of its words without digits, weighted
 *    1 + ln(tf) (times an optional term weight such as IDF), L2-normalised;
 *    edges are the cosines.  Weighted PageRank (damping 0.85, at most 30
 *    iterations, until the L1 change is below 1e-6) gives the centrality c_i,
 *    scaled to mean 1.
 * 4. Lead weight: score_i = c_i (1 + p_i)^(-lead g), p_i the candidate's rank
 *    in document order, lead 2 by default.  g is 1 for a lede-style summary
 *    (k <= 3 sentences, or k at most 30 % of the candidates) and 0 for a
 *    coverage digest (k >= 4 and at least 40 % of them), linear in between;
 *    the mode can be forced.
 * 5. Selection: best score first (the earlier sentence on a tie), skipping a
 *    sentence whose cosine with one already chosen exceeds 0.5 (lede) to 0.8
 *    (coverage), within the budgets; then filled up by score if the filter
 *    left room.  Without any candidate, the first sentences that are not
 *    title, byline, header or boilerplate are taken.
 *
 * Only the first max_graph candidates (512 by default) are ranked; later
 * sentences are listed with NN_REASON_LIMIT, so time stays linear in the
 * text beyond them.  Memory is reused across calls through nn_summarizer. */
#ifndef NN_SUMMARY_H
#define NN_SUMMARY_H

#include "nn_article.h"
#include "nn_core.h"
#include "nn_strmap.h"

/* Why a sentence is not a candidate. */
typedef enum nn_summary_reason {
  NN_REASON_NONE = 0,    /* a candidate */
  NN_REASON_TITLE,       /* the title line, or a sentence that repeats it */
  NN_REASON_BYLINE,
  NN_REASON_HEADER,      /* the header zone */
  NN_REASON_BOILERPLATE, /* a boilerplate line or a furniture sentence */
  NN_REASON_FRAGMENT,    /* fewer than three words that are not function words */
  NN_REASON_DUPLICATE,   /* repeats an earlier candidate */
  NN_REASON_QUOTE,       /* mostly quotation, with quotes excluded */
  NN_REASON_LIMIT        /* beyond the max_graph first candidates */
} nn_summary_reason;

/* "title", "byline", ... or NULL for NN_REASON_NONE. */
const char *nn_summary_reason_name(int reason);

typedef enum nn_summary_mode {
  NN_SUMMARY_AUTO = 0, /* g from the budget, as above */
  NN_SUMMARY_LEDE,     /* g = 1 */
  NN_SUMMARY_COVERAGE  /* g = 0 */
} nn_summary_mode;

/* A weight for a feature word (such as its IDF); called once per distinct
 * word of the candidates.  A negative or NaN answer stops the summary with
 * NN_EARG (the caller keeps its own error). */
typedef double (*nn_term_weight_fn)(void *ud, const char *term, size_t len);

typedef struct nn_summary_opts {
  nn_sentence_opts sentence; /* language and abbreviations of splitter and cues */
  size_t sentences;          /* at most this many sentences (0: no limit) */
  size_t words;              /* at most this many words (0: no limit) */
  size_t chars;              /* at most this many characters, one space between sentences (0: no limit) */
  double lead;               /* the lead exponent (2) */
  int mode;                  /* nn_summary_mode */
  int quotes;                /* 0: leave out sentences that are mostly quotation */
  double damping;            /* PageRank damping (0.85) */
  const char *title;         /* the title, when the caller has it (else the article's) */
  size_t title_len;
  const nn_strmap *function_words; /* NULL: data/function_words of the language (all without one) */
  nn_term_weight_fn weight;  /* NULL: no term weights */
  void *weight_ud;
  size_t max_graph;          /* candidates ranked (512) */
} nn_summary_opts;

/* sentences = 3, no word or character budget, lead 2, auto mode, quotes
 * allowed, damping 0.85, max_graph 512, language-neutral. */
void nn_summary_opts_init(nn_summary_opts *o);

/* One sentence or line of the text, in document order. */
typedef struct nn_summary_sentence {
  size_t start, stop;  /* the span (a dateline left out) */
  double score;        /* 0 unless a candidate */
  int reason;          /* nn_summary_reason */
  int selected;        /* in the summary */
  size_t words;        /* nn_count_words of the span, and its code points: */
  size_t chars;        /* counted only with a word or character budget */
  size_t item;         /* its words: items[item .. item + count) (internal) */
  size_t count;
  size_t content;      /* distinct words that are not function words */
} nn_summary_sentence;

typedef struct nn_summarizer {
  const nn_allocator *alloc;
  nn_article article;
  nn_strmap terms;      /* the words of the current text */
  nn_buf term_info;     /* per term id: flags */
  nn_strmap builtin;    /* function words of the language in builtin_lang */
  int builtin_lang;     /* -2: not built */
  nn_buf sentences;     /* the sentences (read them with nn_summary_at) */
  nn_buf items;         /* per sentence: its distinct words (id, tf, weight) */
  nn_buf graph;         /* candidate similarities, m x m doubles */
  nn_buf scratch;
  nn_buf recent;        /* a cache of short words' ids, valid for generation `generation` */
  uint32_t generation;
  size_t candidates;    /* m */
  double g;             /* the lede weight used */
} nn_summarizer;

void nn_summarizer_init(nn_summarizer *z, const nn_allocator *a);
void nn_summarizer_free(nn_summarizer *z);

/* Ranks the sentences of s[0..len) and selects the summary: afterwards
 * nn_summary_count and nn_summary_at give every sentence and line, in
 * document order, with `selected` set on the summary.  NN_OK, NN_ENOMEM /
 * NN_ETOOBIG, or NN_EARG when the weight function refused a word. */
int nn_summarize(nn_summarizer *z, const char *s, size_t len, const nn_summary_opts *opts);

/* The sentences of the last nn_summarize, and sentence i of them. */
size_t nn_summary_count(const nn_summarizer *z);
const nn_summary_sentence *nn_summary_at(const nn_summarizer *z, size_t i);

#endif
