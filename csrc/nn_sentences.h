/* News-aware sentence segmentation.
 *
 * The splitter reads the same Sentence_Break classes as the UAX #29 rules
 * (nn_sentbreak.h): a sentence can end after a run of terminators (ATerm,
 * STerm, the ellipsis), its closing quotes and brackets, and the spaces that
 * follow; or at a paragraph break.  Where UAX #29 decides from the next
 * character alone, the splitter looks at the words around the candidate:
 *
 *   - the word before a period: an abbreviation from data/abbreviations
 *     (title, number, ambiguous or final class; see en.txt), a single letter
 *     or a dotted acronym (initials, "U.S."), a number, a link;
 *   - the word after it: lower case, a number, a word that usually starts a
 *     sentence (data/sentence_starters), a day, month or time zone
 *     (data/calendar);
 *   - ellipses: "..." and "…" end a sentence only before a capital; spaced
 *     ". . ." never does; four dots do;
 *   - quotes and brackets: a sentence may end inside them ("Stop." He left.);
 *     "[...]" is an omission;
 *   - lists: numbered, lettered and bulleted items are sentences of their own,
 *     even without final punctuation ("1. one 2. two");
 *   - lines: a blank line always ends a sentence; a single line break ends
 *     one unless the text is wrapped prose (the next line goes on in lower
 *     case, or the line is full for the paragraph's width) that reaches a
 *     terminator before the paragraph ends; so headings and list lines
 *     without punctuation stand alone;
 *   - a missing space after a period ("rose.Wages") is a boundary when a
 *     lower-case word meets a capitalized one, outside links and e-mail
 *     addresses;
 *   - Chinese and Japanese terminators (。！？) end a sentence with no space.
 *
 * Sentences are byte spans of the input, never rewritten: they are ordered,
 * do not overlap, hold no leading or trailing white space, and everything
 * between two of them is white space (so every other byte of the input is in
 * exactly one sentence).  Invalid UTF-8 is read by maximal subparts, each a
 * character of no particular class.  Time is linear in the input, whatever it
 * holds; the iterator allocates nothing.
 *
 * Typical use:
 *
 *   nn_sentence_opts opts;
 *   nn_sentence_iter it;
 *   nn_sentence sent;
 *   nn_sentence_opts_init(&opts);
 *   opts.lang = nn_sentences_lang("en", 2);
 *   nn_sentences_init(&it, text, len, &opts);
 *   while (nn_sentences_next(&it, &sent))
 *     use(text + sent.start, sent.stop - sent.start);
 */
#ifndef NN_SENTENCES_H
#define NN_SENTENCES_H

#include "nn_core.h"
#include "nn_strmap.h"

/* Abbreviation classes: when may a period after the abbreviation end a
 * sentence though the next word is capitalized?  (data/abbreviations/en.txt
 * explains them with examples.) */
typedef enum nn_abbrev_class {
  NN_ABBREV_NONE = 0,      /* not an abbreviation */
  NN_ABBREV_FINAL = 1,     /* Inc., etc., p.m.: yes, unless a day, month or time zone follows */
  NN_ABBREV_AMBIGUOUS = 2, /* U.S., Jr.: only before a sentence starter */
  NN_ABBREV_NUMBER = 3,    /* No., Jan.: never before a number, else as ambiguous */
  NN_ABBREV_TITLE = 4      /* Mr., Dr.: never */
} nn_abbrev_class;

/* Languages are those of the data files (data/abbreviations/<code>.txt and
 * the other sentence data): "de", "en", "es", "fr", "it", "ja", "nl", "pt",
 * "ru", "zh".  NN_LANG_NEUTRAL means no language: the abbreviations and
 * sentence starters of every language, and no language-specific rule (such
 * as German ordinal numbers, "am 3. Oktober"). */
#define NN_LANG_NEUTRAL (-1)

/* The language for a code, or NN_LANG_NEUTRAL when the code is unknown. */
int nn_sentences_lang(const char *code, size_t len);
/* The number of languages, and the code of language i (NULL when out of range). */
size_t nn_sentences_lang_count(void);
const char *nn_sentences_lang_code(int lang);

/* Extra abbreviations given by the caller, looked up before the data. */
typedef struct nn_abbrev_set {
  nn_strmap words; /* each with its final period */
  nn_buf classes;  /* one nn_abbrev_class byte per word id */
} nn_abbrev_set;

void nn_abbrev_set_init(nn_abbrev_set *set, const nn_allocator *a);
void nn_abbrev_set_free(nn_abbrev_set *set);
/* Adds s[0..n) (which must end with a period) with class cls (NN_ABBREV_FINAL
 * to NN_ABBREV_TITLE); a word given twice keeps the last class.  NN_OK,
 * NN_EARG for an empty word, one without a final period, one longer than 255
 * bytes or a bad class, or NN_ENOMEM / NN_ETOOBIG. */
int nn_abbrev_set_add(nn_abbrev_set *set, const char *s, size_t n, int cls);

typedef struct nn_sentence_opts {
  int lang;                     /* NN_LANG_NEUTRAL or nn_sentences_lang(...) */
  const nn_abbrev_set *abbrevs; /* extra abbreviations, or NULL */
} nn_sentence_opts;

/* No language, no extra abbreviations. */
void nn_sentence_opts_init(nn_sentence_opts *opts);

/* Flags of a sentence. */
#define NN_SENTENCE_TERMINATED 1u    /* ends with sentence-final punctuation (and closers) */
#define NN_SENTENCE_MULTILINE 2u     /* holds a line break: wrapped text */
#define NN_SENTENCE_PARAGRAPH_END 4u /* a paragraph break or the end of the text follows */
#define NN_SENTENCE_LINE_END 8u      /* ended by a line break, without punctuation (headings, lists) */
#define NN_SENTENCE_LIST_ITEM 16u    /* starts with a list marker or a bullet */

typedef struct nn_sentence {
  size_t start; /* offset of the first byte */
  size_t stop;  /* offset one past the last byte: s[start..stop) is the sentence */
  unsigned flags;
} nn_sentence;

/* The iterator: a plain struct on the caller's stack.  Its fields are
 * private; only nn_sentences_init and nn_sentences_next touch them. */
typedef struct nn_sentence_iter {
  const unsigned char *s;
  size_t len;
  size_t pos;          /* where the next sentence is looked for */
  nn_sentence_opts opts;
  size_t sent_start;   /* the sentence being scanned */
  unsigned sent_flags;
  size_t block_end;    /* the wrapped-line figures below hold before this offset */
  size_t block_width;  /* the longest line of the paragraph, in bytes */
  size_t block_lines;
  size_t term_from;    /* the first terminator at or after term_from ... */
  size_t term_at;      /* ... is at term_at, or the scan stopped there */
  int term_found;
  size_t link_lo;      /* the non-space run [link_lo, link_hi) ... */
  size_t link_hi;
  int link;            /* ... holds a URL or an e-mail address */
  int series_style;    /* the list the current item belongs to (0: none) */
  unsigned long series_value;
  size_t series_item;  /* where the current item's words begin */
  size_t upper_to;     /* the sentence has been searched for a capital up to here */
  int has_upper;
} nn_sentence_iter;

/* Starts an iteration over s[0..len).  opts may be NULL (neutral, no extra
 * abbreviations); it is copied, but the abbreviation set it points to must
 * outlive the iteration, as must s. */
void nn_sentences_init(nn_sentence_iter *it, const char *s, size_t len,
                       const nn_sentence_opts *opts);

/* Stores the next sentence in *out and returns 1, or returns 0 at the end. */
int nn_sentences_next(nn_sentence_iter *it, nn_sentence *out);

/* Appends every sentence of s[0..len) to out as nn_sentence records (out->len
 * grows by a multiple of sizeof(nn_sentence)).  Returns the number of
 * sentences, or a negative nn_status (NN_ENOMEM, NN_ETOOBIG); on failure out
 * keeps the records appended so far. */
long nn_sentences_split(const char *s, size_t len, const nn_sentence_opts *opts, nn_buf *out);

/* The sentence s[start..stop) as one line: each run of white space that holds
 * a line break becomes one space; everything else is copied.  Appends to out;
 * NN_OK or NN_ENOMEM / NN_ETOOBIG. */
int nn_sentence_join_lines(const char *s, size_t start, size_t stop, nn_buf *out);

#endif
