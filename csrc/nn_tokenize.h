/* News-aware tokens on top of UAX #29 word boundaries.
 *
 * The tokenizer is an allocation-free iterator over a byte string: every
 * later stage (sentences, terms, keywords, entities, summaries) walks the
 * same token stream instead of scanning the text again.
 *
 *   nn_tokenizer t;
 *   nn_token tok;
 *   nn_tokenizer_opts opts = NN_TOKENIZER_OPTS_DEFAULT;   (or fill it in)
 *   if (nn_tokenizer_init(&t, s, len, &opts) != NN_OK) ... bad option ...
 *   while (nn_tokenizer_next(&t, &tok)) {
 *     ... s[tok.start .. tok.start + tok.len) is the token ...
 *   }
 *
 * Whitespace is skipped and never part of a token; everything else is: a
 * token is never empty, tokens come in order and never overlap, and with the
 * default options the tokens and the whitespace between them tile the input
 * exactly (possessive = NN_POSSESSIVE_STRIP leaves the stripped suffixes out).
 * Ill-formed UTF-8 becomes NN_TOKEN_INVALID tokens, one per maximal subpart.
 * Time is linear in the input; the tokenizer reads the input and nothing else
 * (the abbreviation lists are compiled in), and never allocates.
 *
 * Whitespace here is every White_Space code point, plus U+200B ZERO WIDTH
 * SPACE and U+FEFF ZERO WIDTH NO-BREAK SPACE (a byte-order mark) where a token
 * would start. */
#ifndef NN_TOKENIZE_H
#define NN_TOKENIZE_H

#include "nn_core.h"
#include "nn_wordlist.h"

/* What a token is.  The Lua names (nn_token_kind_name) are part of the API. */
typedef enum nn_token_kind {
  NN_TOKEN_WORD = 0,     /* "word": letters, with digits, apostrophes, hyphens:
                            Cambodia, don't, Cambodia's, COVID-19, Asean-Japan,
                            AAPL.O, AT&T, A380, 10km, U.S.-China, Москва, 서울 */
  NN_TOKEN_NUMBER,       /* "number": 42, 1,234.5, 3.5, 1990s, 3.5bn, 9/11, 24/7,
                            1990-91, '90s, ½, ١٢٣ */
  NN_TOKEN_ORDINAL,      /* "ordinal": 1st, 22nd, 60th, 103RD */
  NN_TOKEN_TIME,         /* "time": 10:30, 09:15:02, 10:30pm, 9.30am, 10pm */
  NN_TOKEN_DATE,         /* "date": 2024-05-01, 2024-05-01T10:30:00Z, 1/5/2024,
                            2024/05/01, 01.05.2024 (a date has a year) */
  NN_TOKEN_MONEY,        /* "money": $134, £5bn, €20, US$1.2, HK$3, 20€, 50¢ */
  NN_TOKEN_PERCENT,      /* "percent": 2.7%, 50%, 10-15%, 3‰ */
  NN_TOKEN_ABBREVIATION, /* "abbreviation", with its period: U.S., Mr., Ph.D., e.g. */
  NN_TOKEN_IDEOGRAPH,    /* "ideograph": one Han or hiragana character, or a
                            katakana run (UAX #29): 東, 京, の, カタカナ */
  NN_TOKEN_URL,          /* "url": https://example.com/a?b=1, www.example.org,
                            example.com/news, mailto:desk@example.com */
  NN_TOKEN_EMAIL,        /* "email": desk@example.com */
  NN_TOKEN_HASHTAG,      /* "hashtag": #MeToo, #COP28 */
  NN_TOKEN_MENTION,      /* "mention": @Reuters, @user_1 */
  NN_TOKEN_EMOJI,        /* "emoji": a whole sequence: 👍🏽, 👩‍💻, 🇯🇵, 1️⃣, ❤️ */
  NN_TOKEN_PUNCT,        /* "punct": one punctuation mark, or a run of the same
                            ASCII mark: , . “ ” ( — ... -- !! */
  NN_TOKEN_SYMBOL,       /* "symbol": + = $ © ™ ° and anything else that is not
                            a letter, digit or mark: controls, private use */
  NN_TOKEN_INVALID,      /* "invalid": one maximal subpart of ill-formed UTF-8 */
  NN_TOKEN__COUNT
} nn_token_kind;

/* Token flags (nn_token.flags).  Case flags look at cased letters only. */
#define NN_TF_ASCII           (1u << 0)  /* every byte is ASCII */
#define NN_TF_CAPITALIZED     (1u << 1)  /* the first letter is uppercase or titlecase */
#define NN_TF_ALL_CAPS        (1u << 2)  /* has an uppercase letter and no lowercase one */
#define NN_TF_LOWERCASE       (1u << 3)  /* has a lowercase letter and no uppercase one */
#define NN_TF_HAS_DIGIT       (1u << 4)  /* contains a decimal digit */
#define NN_TF_HAS_LETTER      (1u << 5)  /* contains an alphabetic character */
#define NN_TF_HYPHENATED      (1u << 6)  /* hyphenated compound kept whole (COVID-19) */
#define NN_TF_APOSTROPHE      (1u << 7)  /* contains ' or ’ (don't, Cambodia’s) */
#define NN_TF_POSSESSIVE      (1u << 8)  /* ends in a possessive suffix of suffix_len bytes */
#define NN_TF_SPACE_BEFORE    (1u << 9)  /* whitespace comes right before */
#define NN_TF_SPACE_AFTER     (1u << 10) /* whitespace comes right after */
#define NN_TF_NEWLINE_AFTER   (1u << 11) /* the whitespace after holds a line break */
#define NN_TF_PARAGRAPH_AFTER (1u << 12) /* ... two or more (a blank line), or U+2029 */

/* One token: s[start .. start + len).  16 bytes of payload on LP64. */
typedef struct nn_token {
  size_t start;       /* byte offset of the first byte, 0-based */
  size_t len;         /* length in bytes, never 0 */
  uint8_t kind;       /* nn_token_kind */
  uint8_t suffix_len; /* with NN_TF_POSSESSIVE: bytes of the suffix at the end of
                         the token: 2 for 's, 4 for ’s, 1 for ' (workers'), 3 for ’ */
  uint16_t flags;     /* NN_TF_* */
} nn_token;

/* What to do with a possessive suffix ('s, ’s, and the plural ' of workers'). */
enum {
  NN_POSSESSIVE_KEEP = 0, /* one token, Cambodia's, flagged NN_TF_POSSESSIVE */
  NN_POSSESSIVE_STRIP,    /* the token without its suffix, Cambodia; the suffix is dropped */
  NN_POSSESSIVE_SPLIT     /* two tokens, Cambodia and 's (a NN_TOKEN_WORD flagged
                             NN_TF_POSSESSIVE) */
};

typedef struct nn_tokenizer_opts {
  /* A language tag ("en", "de", "en-GB"; NUL-terminated) choosing the list
   * data/abbreviations/<lang>.txt, or NULL for the language-neutral rule: the
   * union of every shipped abbreviation list.  Both also accept single letters
   * joined by periods (U.S., e.g., т.е.).  A well-formed tag without a list
   * uses that letter-period pattern alone. */
  const char *lang;
  int possessive;     /* NN_POSSESSIVE_* */
  int split_hyphens;  /* nonzero: COVID-19 is COVID, -, 19 */
  uint32_t kinds;     /* tokens of these kinds only (bit 1u << kind); 0 means all */
} nn_tokenizer_opts;

#define NN_TOKENIZER_OPTS_DEFAULT { NULL, NN_POSSESSIVE_KEEP, 0, 0 }

/* How many tokens the iterator scans ahead in one go. */
#define NN_TOKENIZER_BATCH 32

/* The iterator.  Plain data: copy it to save a position.  It scans up to
 * NN_TOKENIZER_BATCH tokens ahead into `batch`, in one tight loop, and hands
 * them out one by one; that is invisible to callers. */
typedef struct nn_tokenizer {
  const char *s;
  size_t len;
  size_t pos;                  /* where scanning resumes (past whitespace) */
  size_t email_clear;          /* no e-mail address starts before this offset */
  unsigned space_before;       /* NN_TF_SPACE_BEFORE for the next token scanned, or 0 */
  unsigned head, count;        /* batch[head .. count) are still to hand out */
  const nn_wordlist *abbrev;   /* the language's list, or NULL */
  int abbrev_all;              /* nonzero: look in every abbreviation list */
  int possessive;
  int split_hyphens;
  uint32_t kinds;
  int reference;               /* set after init: skip the fast paths (tests compare) */
  nn_token batch[NN_TOKENIZER_BATCH];
} nn_tokenizer;

/* Starts tokenizing s[0..len); opts may be NULL for the defaults.  Returns
 * NN_OK, or NN_EARG for a malformed opts->lang or an out-of-range option. */
int nn_tokenizer_init(nn_tokenizer *t, const char *s, size_t len, const nn_tokenizer_opts *opts);

/* Scans the next batch of tokens; returns how many (0 at the end).  Called by
 * nn_tokenizer_next. */
unsigned nn_tokenizer_fill(nn_tokenizer *t);

/* The bytes of the short ASCII tokens of a batch, for counting: read as the
 * scanner finds those tokens, so that a counter need not read them again. */
typedef struct nn_token_keys {
  /* len[k] > 0: the token k of the batch is s[start .. start + len[k]),
   * 1 to 16 bytes of ASCII letters, digits and periods, and words[k] holds
   * them (words[k][0] the first eight, little-endian), lowercased when
   * asked, zero-padded, with bit 7 of the last byte set (ASCII leaves it
   * free, so that the words give the length too); words[k][1] is 0 for up
   * to eight bytes.  batch[k] is not written.  len[k] == 0: batch[k] is the
   * token. */
  uint64_t words[NN_TOKENIZER_BATCH][2];
  uint8_t len[NN_TOKENIZER_BATCH];
} nn_token_keys;

/* nn_tokenizer_fill, giving the bytes of some tokens in *keys instead of
 * their records in the batch (lowercased when casefold is nonzero).  The
 * tokens are the same, in the same order. */
unsigned nn_tokenizer_fill_keys(nn_tokenizer *t, nn_token_keys *keys, int casefold);

/* Stores the next token in *tok and returns 1, or returns 0 at the end. */
static inline int nn_tokenizer_next(nn_tokenizer *t, nn_token *tok)
{
  if (t->head == t->count && nn_tokenizer_fill(t) == 0) return 0;
  *tok = t->batch[t->head++];
  return 1;
}

/* The Lua name of a kind ("word", "number", ...), or NULL when out of range. */
const char *nn_token_kind_name(int kind);

/* The kind called name[0..len), or -1. */
int nn_token_kind_of(const char *name, size_t len);

/* Whether a token of this kind is word-like: a word, an abbreviation or an
 * ideograph (what newsnlp.words returns and newsnlp.count counts by default). */
#define NN_TOKEN_WORDLIKE \
  ((1u << NN_TOKEN_WORD) | (1u << NN_TOKEN_ABBREVIATION) | (1u << NN_TOKEN_IDEOGRAPH))

/* Appends the full case folding of s[0..len) to out: ASCII through a table,
 * other code points through utf8proc ("Straße" -> "strasse", "ΣΟΦΊΑ" ->
 * "σοφία"); ill-formed bytes are copied unchanged.  NN_OK or NN_ENOMEM. */
int nn_token_casefold(const char *s, size_t len, nn_buf *out);

#endif
