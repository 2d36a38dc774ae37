/* Text normalization: Unicode normalization forms (through utf8proc), case
 * folding, mark stripping, and the clean-ups news text needs (typographic
 * punctuation, odd spaces, invisible and control characters, line endings,
 * white space, HTML markup and entities, mojibake).
 *
 * The passes run in a fixed order, each only when one of its options is on:
 *   1. markup: tags stripped (block elements become line breaks), entities decoded
 *   2. mojibake: UTF-8 that was read as Windows-1252 or Latin-1 is repaired
 *   3. characters: invalid UTF-8, per-character clean-ups, then the normalization
 *      form with case folding and mark stripping
 *   4. lines: line endings, white space collapse, trimming
 * Pass 3 checks each character against quick-check tables and hands only the
 * pieces that need it to utf8proc; text that needs nothing is not copied. */
#ifndef NN_NORMALIZE_H
#define NN_NORMALIZE_H

#include <stddef.h>

#include "nn_core.h"

typedef enum nn_form {
  NN_FORM_NFC = 0,
  NN_FORM_NFD = 1,
  NN_FORM_NFKC = 2,
  NN_FORM_NFKD = 3
} nn_form;

/* What to do with invalid UTF-8, one maximal subpart at a time. */
typedef enum nn_invalid {
  NN_INVALID_REPLACE = 0, /* one U+FFFD per maximal subpart */
  NN_INVALID_DROP = 1,    /* remove it */
  NN_INVALID_ERROR = 2    /* fail with NN_EUTF8 and the offset */
} nn_invalid;

typedef struct nn_normalize_options {
  int form;        /* nn_form */
  int invalid;     /* nn_invalid */
  int casefold;    /* full case folding (CaseFolding.txt C + F) */
  int strip_marks; /* remove combining marks after decomposition: "Müller" -> "Muller" */
  int quotes;      /* U+2018..U+201F quotes and apostrophes -> ' and " */
  int dashes;      /* hyphens, en dash, figure dash, minus -> "-"; em dash, bar -> "--" */
  int ellipsis;    /* U+2026 -> "..." */
  int spaces;      /* no-break and other Zs spaces -> U+0020 */
  int invisible;   /* remove ZWSP, word joiner, BOM/ZWNBSP, soft hyphen, LRM, RLM, U+180E */
  int controls;    /* remove C0/C1 controls but TAB, LF, VT, FF, CR and NEL */
  int newlines;    /* CRLF, CR, NEL, VT, LS, PS -> LF */
  int collapse;    /* runs of spaces and tabs -> one space, none at line ends, at most one blank line */
  int trim;        /* remove White_Space at both ends */
  int entities;    /* decode HTML character references */
  int tags;        /* strip HTML tags, keeping paragraph and line breaks; drop script/style */
  int mojibake;    /* repair UTF-8 read as Windows-1252 or Latin-1 (also twice) */
} nn_normalize_options;

/* NFC, invalid UTF-8 replaced, every other option off. */
void nn_normalize_options_init(nn_normalize_options *o);

/* Sets o to a named preset: "nfc", "news", "html", "plain" or "search"
 * (see README.md).  Returns NN_OK, or NN_EARG for an unknown name. */
int nn_normalize_preset(nn_normalize_options *o, const char *name, size_t len);

/* Normalizes s[0..len) as the options say.
 *
 * On success returns NN_OK and sets *changed: 0 when the result equals the
 * input (out->len is then 0, so callers can hand back the input itself),
 * 1 when the result is in out.  What out held is discarded, but its memory
 * is reused: normalizing many texts with one nn_buf allocates rarely.  Its
 * allocator also serves the temporary buffers (freed before returning).
 * Returns NN_EUTF8 with *error_offset (0-based) when the input is not valid
 * UTF-8 and o->invalid is NN_INVALID_ERROR; NN_ENOMEM or NN_ETOOBIG when
 * memory runs out.  Linear time in len. */
int nn_normalize(const char *s, size_t len, const nn_normalize_options *o, nn_buf *out,
                 int *changed, size_t *error_offset);

#endif
