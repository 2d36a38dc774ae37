/* Taxonomy tagging: an editor's tags, each with its phrases and aliases,
 * found in text by matching normalized tokens.
 *
 *   nn_tagger *t;
 *   nn_tagger_opts o = NN_TAGGER_OPTS_DEFAULT;          (o.lang, o.stem)
 *   nn_tagger_new(&t, &o, &nn_default_allocator);
 *   nn_tagger_add_tag(t, "Cambodia", 8, 1.0, &tag);
 *   nn_tagger_add_phrase(t, tag, "Phnom Penh", 10, 0, &why);
 *   ... or nn_tagger_parse(t, text, len, &line, &why) for the text format ...
 *   nn_tagger_compile(t);
 *   nn_tagger_tag(t, s, len, &tag_options, &matches, &results);
 *   nn_tagger_free(t);
 *
 * Tokens.  Phrases and texts go through the same news tokenizer
 * (nn_tokenize.h) with possessives stripped, so "Cambodia's" and
 * "workers'" read as "Cambodia" and "workers", and "U.S.", "COVID-19" and
 * "AT&T" are single tokens on both sides.  Every token counts, punctuation
 * included: "Hun Sen" does not match "Hun. Sen".
 *
 * Keys.  Each token is compared by its key: full case folding and
 * compatibility decomposition (NFKD_Casefold: "ＣＯＶＩＤ" and "ﬁnance"
 * fold too), default-ignorable characters (soft hyphen, zero-width joiners)
 * removed, and combining marks removed after Latin, Greek, Cyrillic, Arabic
 * and Hebrew letters, where they are diacritics, accents or vowel pointing:
 * "Sao Paulo" matches "São Paulo", "Erdogan" "Erdoğan".  Cyrillic й stays a
 * letter of its own.  Marks after letters of other scripts (Devanagari, Thai,
 * ...) are vowels and stay.  With a French, Italian or Catalan language,
 * an elided article or preposition is removed from the front of a word
 * ("l'Élysée" reads as "Élysée": the languages with the elision rule of
 * nn_language.h).  With stemming, each word token's key is then reduced by
 * the Snowball stemmer of the language (nn_stem.h: "protests" -> "protest"),
 * so accented and unaccented spellings stem alike.
 *
 * Case-sensitive phrases match only where every token also agrees in case
 * (compared after the same decomposition and mark removal, without folding
 * or stemming): "US" matches "US" and "US's", not "us".
 *
 * Matching.  Phrases become paths in a trie over token ids; the text is read
 * once, and from each token the trie is walked as far as the text follows a
 * phrase (at most NN_TAGGER_MAX_TOKENS tokens), so time is linear in the
 * text.  Tokens not in any phrase have id 0 and end a walk at once.
 * Overlaps: by default matches are leftmost-longest and never overlap: from
 * the first token where a phrase starts, the longest phrase that matches is
 * taken, and the search resumes after it ("New York Times" leaves no "New
 * York" inside it).  With `overlapping`, every occurrence of every phrase is
 * reported, nested and overlapping ones too.
 *
 * A tagger is not for concurrent use by several threads: matching reuses its
 * scratch memory and its stemmer.  Matching allocates only when a text needs
 * more scratch than any text before it, never per token. */
#ifndef NN_TAGGER_H
#define NN_TAGGER_H

#include "nn_core.h"
#include "nn_tokenize.h"

/* The most tokens one phrase may have. */
#define NN_TAGGER_MAX_TOKENS 32
/* The longest language tag (e.g. "en-GB") nn_tagger_opts.lang may hold. */
#define NN_TAGGER_LANG_MAX 31

typedef struct nn_tagger nn_tagger;

typedef struct nn_tagger_opts {
  /* A language tag ("en", "fr", "de-CH"; NUL-terminated) or NULL.  It chooses
   * the tokenizer's abbreviation list, the elision rule (fr, it, ca) and the
   * stemmer.  NULL is language-neutral: every abbreviation list, no elision. */
  const char *lang;
  /* Nonzero: stem word tokens with the Snowball stemmer of lang, which must
   * then be given and have one. */
  int stem;
} nn_tagger_opts;

#define NN_TAGGER_OPTS_DEFAULT { NULL, 0 }

/* Creates an empty tagger that allocates through (a copy of) a.
 * Returns NN_OK; NN_EARG when lang is malformed or stem is asked without a
 * language or for a language without a stemmer (nn_stemmer_name); NN_ENOMEM. */
int nn_tagger_new(nn_tagger **out, const nn_tagger_opts *o, const nn_allocator *a);

/* Frees t and everything it owns; NULL is ignored. */
void nn_tagger_free(nn_tagger *t);

/* Finds or adds the tag called name[0..len) (not empty).  A new tag gets
 * weight `weight` (0 < weight <= 1e9; it multiplies the tag's matches); an existing one
 * keeps its weight.  Stores its id (0, 1, ... in order of addition) in *tag
 * and returns 1 when added, 0 when it existed, or NN_EARG (empty name, weight
 * not a positive finite number), NN_ENOMEM, NN_ETOOBIG. */
int nn_tagger_add_tag(nn_tagger *t, const char *name, size_t len, double weight, uint32_t *tag);

/* Sets the weight of an existing tag; NN_OK or NN_EARG. */
int nn_tagger_set_weight(nn_tagger *t, uint32_t tag, double weight);

/* Adds the phrase phrase[0..len) to tag.  A phrase the tag already has (the
 * same keys) is added once; a case-insensitive phrase absorbs a
 * case-sensitive one with the same keys.  Returns NN_OK; NN_EARG with *why
 * (a static sentence) when the phrase is not valid UTF-8, has no tokens or
 * more than NN_TAGGER_MAX_TOKENS, or the tagger is compiled; NN_ENOMEM,
 * NN_ETOOBIG. */
int nn_tagger_add_phrase(nn_tagger *t, uint32_t tag, const char *phrase, size_t len,
                         int case_sensitive, const char **why);

/* Adds the tags and phrases of a taxonomy in the text format:
 *
 *   # a comment: a line whose first non-blank character is # then a blank
 *   Climate change: climate change; global warming; carbon emissions
 *   Cambodia [weight=2]: Cambodia; Phnom Penh; Hun Sen
 *       Sihanoukville; "CPP"
 *   Space
 *       NASA
 *       space station; astronaut
 *
 * A line that starts at the left margin names a tag: everything before its
 * first colon (without surrounding blanks), optionally ending in settings in
 * square brackets (`weight=<positive number>`); phrases separated by
 * semicolons may follow the colon.  A line without a colon names a tag too,
 * whose phrases follow on indented lines.  An indented line adds more
 * phrases, separated by semicolons, to the tag above it.  A phrase in double
 * quotes is case-sensitive.  Blank lines are ignored; a UTF-8 byte-order mark
 * at the start is skipped.  Every tag needs a phrase; a tag named twice is an
 * error.
 *
 * Returns NN_OK, or on the first error NN_EFORMAT (NN_EUTF8 for invalid
 * UTF-8) with *line (1-based) and *why (a static sentence); NN_ENOMEM and
 * NN_ETOOBIG leave *line at the line being read. */
int nn_tagger_parse(nn_tagger *t, const char *text, size_t len, size_t *line, const char **why);

/* Prepares the tagger for matching; no phrase can be added afterwards.
 * Idempotent.  NN_OK or NN_ENOMEM. */
int nn_tagger_compile(nn_tagger *t);

/* Counts. */
size_t nn_tagger_tag_count(const nn_tagger *t);
size_t nn_tagger_phrase_count(const nn_tagger *t); /* distinct phrases over all tags */

/* The name of a tag, the text of a phrase as given, the tag of a phrase.
 * Ids are checked: out of range gives NULL (and UINT32_MAX for the tag). */
const char *nn_tagger_tag_name(const nn_tagger *t, uint32_t tag, size_t *len);
double nn_tagger_tag_weight(const nn_tagger *t, uint32_t tag);
const char *nn_tagger_phrase_text(const nn_tagger *t, uint32_t phrase, size_t *len);
uint32_t nn_tagger_phrase_tag(const nn_tagger *t, uint32_t phrase);
int nn_tagger_phrase_case_sensitive(const nn_tagger *t, uint32_t phrase);

/* The language tag given at creation, or NULL; whether it stems. */
const char *nn_tagger_lang(const nn_tagger *t);
int nn_tagger_stems(const nn_tagger *t);

/* How the tagger reads text: the tokenizer options it uses for phrases and
 * texts alike (its language, possessives stripped). */
void nn_tagger_tokenizer_opts(const nn_tagger *t, nn_tokenizer_opts *o);

/* The key of token tok of s as the tagger compares it, in out: with cased
 * 0 the matching key (folded, marks removed, stemmed when the tagger stems),
 * with cased 1 the key of case-sensitive phrases (case kept, not stemmed).
 * *start and *len receive the part of the token that is compared (an elided
 * article left out).  For tests and tools; matching computes the same keys
 * its own faster way.  NN_OK or NN_ENOMEM. */
int nn_tagger_token_key(nn_tagger *t, const char *s, const nn_token *tok, int cased, nn_buf *out,
                        size_t *start, size_t *len);

/* One match of one phrase: s[start .. stop) (0-based, stop exclusive) runs
 * from the first byte of its first token to the last byte of its last
 * token, without a stripped possessive suffix or elided article. */
typedef struct nn_tag_match {
  size_t start, stop;
  size_t token;     /* the index of its first token among the text's tokens */
  uint32_t phrase;  /* the phrase matched */
  uint32_t tag;     /* its tag */
  uint32_t ntokens; /* tokens in the phrase */
} nn_tag_match;

/* Finds the phrases of a compiled tagger in s[0..len).  Replaces out's
 * contents with nn_tag_match records in text order (by start, then shorter
 * first, then phrase id); where several tags share a phrase there is one
 * record per tag.  *ntokens, when not NULL, receives the number of tokens
 * of the text.  NN_OK, NN_EARG (not compiled), NN_ENOMEM, NN_ETOOBIG. */
int nn_tagger_match(nn_tagger *t, const char *s, size_t len, int overlapping, nn_buf *out,
                    size_t *ntokens);

/* Scoring (see nn_tagger_tag). */
typedef struct nn_tag_options {
  int overlapping;   /* count every occurrence (see nn_tagger_match) */
  double lead;       /* 0 to 1e9: a match at the start counts 1 + lead times, at the end once */
  size_t min_count;  /* drop tags matched fewer times */
  double min_score;  /* drop tags scoring less */
  size_t limit;      /* keep the best `limit` tags; 0 keeps all */
} nn_tag_options;

#define NN_TAG_OPTIONS_DEFAULT { 0, 1.0, 1, 0.0, 0 }

/* One tag found in a text: its matches are matches[first .. first + count)
 * of the matches buffer, in text order. */
typedef struct nn_tag_result {
  uint32_t tag;
  size_t count;
  double score;
  size_t first;
} nn_tag_result;

/* Tags s[0..len).  Each match m of a phrase of n tokens starting at token i
 * of a text of T tokens is worth
 *
 *   weight(tag) * (1 + (n - 1) / 2) * (1 + lead * (1 - i / T))
 *
 * (a longer phrase is more specific; the lead of an article says what it is
 * about).  A tag's score is the sum over its matches divided by the sum over
 * every tag found, so scores lie in (0, 1] and add up to 1 before min_count,
 * min_score and limit drop any.  Results are best first: by score, then
 * count, then the earlier first match, then the tag name.  `matches` receives
 * nn_tag_match records grouped by result; `results` nn_tag_result records.
 * NN_OK, NN_EARG (not compiled, lead negative or not finite), NN_ENOMEM,
 * NN_ETOOBIG. */
int nn_tagger_tag(nn_tagger *t, const char *s, size_t len, const nn_tag_options *o,
                  nn_buf *matches, nn_buf *results);

#endif
