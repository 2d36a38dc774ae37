/* News-aware tokens on top of UAX #29 word boundaries; see nn_tokenize.h.
 *
 * nn_tokenizer_fill scans a batch of tokens in one loop.  A token starts
 * where whitespace ends, and its first byte picks a scanner.  The first fast
 * path (scan_plain) reads the text 64 bytes at a time as bit masks of ASCII
 * classes and takes the tokens that are a run of letters and digits ended by
 * a byte that no rule looks at (or a word before a period), and single
 * marks.  The second one takes ASCII words with apostrophes and hyphens and
 * separated numbers (16 bytes at a time with SSE2, 8 with 64-bit arithmetic
 * elsewhere).  Everything else goes to the general
 * scanners: a byte-class loop that applies the UAX #29 rules to ASCII and
 * hands over to the full machine (wordbreak.c) at the first non-ASCII byte,
 * and the news patterns (URLs, e-mail addresses, money, dates and times,
 * abbreviations, hyphenated compounds, possessives), recognised around those
 * segments by the byte that stopped them.  The fast paths give exactly what
 * the general scanners give (nn_tokenizer.reference turns them off; the fuzz
 * harness compares).
 *
 * Linear time: every scanner moves forward; a pattern that fails is re-read
 * at most once by the scanner that takes over.  The one look-ahead that could
 * repeat, the local part of an e-mail address, remembers how far it found no
 * '@' (email_clear). */
#include <string.h>

#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "nn_tokenize.h"
#include "nn_utf8.h"
#include "nn_wordbreak.h"
#include "unicode_data.h"

/* ---- byte classes ------------------------------------------------------- */

#define A_UPPER   (1u << 0)   /* A-Z */
#define A_LOWER   (1u << 1)   /* a-z */
#define A_DIGIT   (1u << 2)   /* 0-9 */
#define A_USCORE  (1u << 3)   /* _ (ExtendNumLet) */
#define A_SPACE   (1u << 4)   /* whitespace */
#define A_LINE    (1u << 5)   /* a line break: \n \v \f \r */
#define A_MIDLET  (1u << 6)   /* : joins letters (MidLetter) */
#define A_MIDNUM  (1u << 7)   /* , ; join digits (MidNum) */
#define A_DOT     (1u << 8)   /* . joins letters and digits (MidNumLet) */
#define A_APOS    (1u << 9)   /* ' joins letters and digits (Single_Quote); ’ too */
#define A_HIGH    (1u << 10)  /* a non-ASCII byte */
#define A_EMAIL   (1u << 11)  /* may appear in the local part of an e-mail address */
#define A_URL     (1u << 12)  /* may appear in a URL */
#define A_HOST    (1u << 13)  /* may appear in a host name */
#define A_PUNCT   (1u << 14)  /* General_Category P* */
#define A_SYMBOL  (1u << 15)  /* General_Category S* */
#define A_ALPHA   (1u << 16)  /* alphabetic (also set for non-ASCII letters in scan info) */
#define A_NONASCII (1u << 17) /* scan info only: a non-ASCII code point was seen */
#define A_PLAIN   (1u << 18)  /* ends an ASCII word with no rule to check after it */
#define A_SIMPLE  (1u << 19)  /* a mark or symbol that starts no pattern: , ( ) " ! ? */
#define A_SLOW    (1u << 20)  /* starts no token of the first fast path: not a letter,
                                 digit or simple mark */
#define A_PLAIN_BIT 18
#define A_MIDNUM_BIT 7
#define A_SLOW_BIT 20
/* Bits 24-28: the kind of a token that is this ASCII letter or digit and
 * more of them, or this mark alone. */
#define A_KIND_SHIFT 24
#define A_KIND(k) ((uint32_t)(k) << A_KIND_SHIFT)

#define A_LETTER (A_UPPER | A_LOWER)
#define A_WORD (A_LETTER | A_DIGIT | A_USCORE)
/* The bits a scan reports about what it saw. */
#define A_INFO (A_LETTER | A_DIGIT | A_USCORE | A_DOT | A_APOS | A_ALPHA | A_NONASCII)

#define UP (A_UPPER | A_ALPHA | A_EMAIL | A_URL | A_HOST)
#define LO (A_LOWER | A_ALPHA | A_EMAIL | A_URL | A_HOST)
#define DI (A_DIGIT | A_EMAIL | A_URL | A_HOST | A_KIND(NN_TOKEN_NUMBER))
#define SP (A_SPACE | A_PLAIN | A_SLOW)
#define NL (A_SPACE | A_LINE | A_PLAIN | A_SLOW)
#define PU (A_PUNCT | A_KIND(NN_TOKEN_PUNCT))
#define PUU (PU | A_URL | A_SLOW)
#define PUP (PU | A_URL | A_PLAIN | A_SIMPLE)
#define PUS (PU | A_SIMPLE)
#define PUUS (PU | A_URL | A_SIMPLE)
#define SY (A_SYMBOL | A_KIND(NN_TOKEN_SYMBOL))
#define SYS (SY | A_SIMPLE)
#define SYUS (SY | A_URL | A_SIMPLE)
#define SYU (SY | A_URL | A_SLOW)
#define HI (A_HIGH | A_SLOW)

#define CC (A_PLAIN | A_SLOW | A_KIND(NN_TOKEN_SYMBOL))
static const uint32_t bytes[256] = {
  /* 0x00 */ CC, CC, CC, CC, CC, CC, CC, CC, CC, SP, NL, NL, NL, NL, CC, CC,
  /* 0x10 */ CC, CC, CC, CC, CC, CC, CC, CC, CC, CC, CC, CC, CC, CC, CC, CC,
  /* ' ' ! " # $ % & ' */
  SP, PUP, PUS | A_PLAIN, PUU | A_PLAIN, SYU, PUUS | A_EMAIL, PUUS, PUU | A_APOS,
  /* ( ) * + , - . / */
  PUP, PUP, PUU | A_PLAIN, SYUS | A_EMAIL, PUP | A_MIDNUM, PUUS | A_EMAIL | A_HOST,
  PUUS | A_DOT | A_EMAIL | A_HOST, PUUS,
  /* 0-9 */ DI, DI, DI, DI, DI, DI, DI, DI, DI, DI,
  /* : ; < = > ? */
  PUUS | A_MIDLET, PUP | A_MIDNUM, SYS | A_PLAIN, SYUS | A_PLAIN, SYS | A_PLAIN, PUP,
  /* @ A-O */ PUU, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,
  /* P-Z */ UP, UP, UP, UP, UP, UP, UP, UP, UP, UP, UP,
  /* [ \ ] ^ _ */ PUP, PUS | A_PLAIN, PUP, SYS | A_PLAIN, PUU | A_USCORE | A_EMAIL,
  /* ` a-o */ SYS | A_PLAIN, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,
  /* p-z */ LO, LO, LO, LO, LO, LO, LO, LO, LO, LO, LO,
  /* { | } ~ DEL */ PUS | A_PLAIN, SYS | A_PLAIN, PUS | A_PLAIN, SYUS | A_PLAIN, CC,
  /* 0x80-0xFF */
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
  HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI, HI,
};

#undef UP
#undef LO
#undef DI
#undef SP
#undef NL
#undef PU
#undef PUU
#undef PUP
#undef CC
#undef PUS
#undef PUUS
#undef SYS
#undef SYUS
#undef SY
#undef SYU
#undef HI

static const char *const kind_names[NN_TOKEN__COUNT] = {
  "word", "number", "ordinal", "time", "date", "money", "percent", "abbreviation",
  "ideograph", "url", "email", "hashtag", "mention", "emoji", "punct", "symbol", "invalid",
};

const char *nn_token_kind_name(int kind)
{
  return kind >= 0 && kind < NN_TOKEN__COUNT ? kind_names[kind] : NULL;
}

int nn_token_kind_of(const char *name, size_t len)
{
  int k;
  for (k = 0; k < NN_TOKEN__COUNT; k++)
    if (strlen(kind_names[k]) == len && memcmp(kind_names[k], name, len) == 0) return k;
  return -1;
}

/* ---- ASCII words, sixteen or eight bytes at a time ----------------------- */

/* NN_NO_SIMD and NN_NO_SWAR (-D at build time) turn off SSE2, and the
 * 64-bit arithmetic, so that tests can run the portable code. */
#if defined(__SSE2__) && defined(__GNUC__) && !defined(NN_NO_SIMD)
#define SIMD_WORDS 1
/* The end of the run of ASCII letters and digits from i; ORs A_UPPER,
 * A_LOWER and A_DIGIT for what it passed into *acc.  Reads sixteen bytes at
 * a time, so that a word costs one step and no data-dependent branch per
 * byte.  A range test on bytes is an add and a signed compare: x + (128 - lo)
 * < -128 + (hi - lo + 1) holds for lo <= x <= hi only, bytes >= 0x80 never. */
static inline size_t ascii_word_end(const unsigned char *s, size_t len, size_t i, uint32_t *acc)
{
  const __m128i bit5 = _mm_set1_epi8(0x20);
  while (i + 16 <= len) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i alpha = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, bit5), _mm_set1_epi8(128 - 'a')),
                                   _mm_set1_epi8(-128 + 26));
    __m128i digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(128 - '0')),
                                   _mm_set1_epi8(-128 + 10));
    __m128i lower = _mm_and_si128(alpha, _mm_cmpeq_epi8(_mm_and_si128(v, bit5), bit5));
    unsigned a = (unsigned)_mm_movemask_epi8(alpha), d = (unsigned)_mm_movemask_epi8(digit);
    unsigned l = (unsigned)_mm_movemask_epi8(lower);
    unsigned stop = ~(a | d) & 0xFFFFu, seen = (stop & (0u - stop)) - 1u;
    *acc |= (uint32_t)((d & seen) != 0) << 2 | (uint32_t)((l & seen) != 0) << 1 |
            (uint32_t)((a & ~l & seen) != 0);   /* A_DIGIT, A_LOWER, A_UPPER */
    if (stop) return i + (size_t)__builtin_ctz(stop);
    i += 16;
  }
  while (i < len && (bytes[s[i]] & (A_LETTER | A_DIGIT))) *acc |= bytes[s[i++]];
  return i;
}
#endif

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    !defined(NN_NO_SWAR)
#define SWAR_WORDS 1
#define LANES(c) ((uint64_t)0x0101010101010101ULL * (c))
#define HIGHS LANES(0x80)
/* Per byte lane of 7-bit values: high bit set where x >= lo, where x <= hi,
 * where x == c.  No lane borrows from or carries into its neighbour. */
#define LANE_GE(x, lo) ((((x) | HIGHS) - LANES(lo)) & HIGHS)
#define LANE_LE(x, hi) (((LANES(hi) | HIGHS) - ((x) & ~HIGHS)) & HIGHS)
#define LANE_EQ(x, c) \
  (~(((((x) ^ LANES(c)) & LANES(0x7F)) + LANES(0x7F)) | ((x) ^ LANES(c)) | LANES(0x7F)))

#if !defined(SIMD_WORDS)
/* The end of the run of ASCII letters and digits from i; ORs A_UPPER,
 * A_LOWER and A_DIGIT for what it passed into *acc.  Reads eight bytes at a
 * time while eight remain, so that a short word costs one step and no
 * data-dependent branch per byte.  Among letters and digits, bit 6 is clear
 * for digits only, and bit 5 tells lowercase from uppercase. */
static inline size_t ascii_word_end(const unsigned char *s, size_t len, size_t i, uint32_t *acc)
{
  while (i + 8 <= len) {
    uint64_t w, folded, word, stop, seen, b6, b5;
    memcpy(&w, s + i, 8);
    folded = w | LANES(0x20);
    word = ((LANE_GE(folded, 'a') & LANE_LE(folded, 'z')) | (LANE_GE(w, '0') & LANE_LE(w, '9'))) &
           ~w;
    stop = ~word & HIGHS;
    seen = ((stop & (0 - stop)) - 1) & word;  /* the lanes before the stop */
    b6 = (w << 1) & seen;                      /* bit 6 moved to bit 7 */
    b5 = (w << 2) & seen;                      /* bit 5 moved to bit 7 */
    *acc |= ((seen & ~b6) ? A_DIGIT : 0) | ((b6 & b5) ? A_LOWER : 0) | ((b6 & ~b5) ? A_UPPER : 0);
    if (stop) return i + (size_t)(__builtin_ctzll(stop) >> 3);
    i += 8;
  }
  while (i < len && (bytes[s[i]] & (A_LETTER | A_DIGIT))) *acc |= bytes[s[i++]];
  return i;
}
#endif

/* Whether s[p..e) is ASCII: one 8-byte load for a short token. */
static inline int all_ascii(const unsigned char *s, size_t len, size_t p, size_t e)
{
  if (e - p <= 8 && p + 8 <= len) {
    uint64_t w;
    memcpy(&w, s + p, 8);
    if (e - p < 8) w &= ((uint64_t)1 << (8 * (e - p))) - 1;
    return (w & HIGHS) == 0;
  }
  return nn_ascii_prefix((const char *)s + p, e - p) == e - p;
}
#else
#if !defined(SIMD_WORDS)
static inline size_t ascii_word_end(const unsigned char *s, size_t len, size_t i, uint32_t *acc)
{
  while (i < len && (bytes[s[i]] & (A_LETTER | A_DIGIT))) *acc |= bytes[s[i++]];
  return i;
}
#endif

static inline int all_ascii(const unsigned char *s, size_t len, size_t p, size_t e)
{
  (void)len;
  return nn_ascii_prefix((const char *)s + p, e - p) == e - p;
}
#endif

/* ---- sixty-four bytes at a time: bit masks of ASCII classes -------------- */

/* nn_tokenizer_fill_keys reads short tokens as little-endian 64-bit words,
 * as count.c does; elsewhere it gives every token as a record. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define KEY_WORDS 1
#endif

/* A window of 64 bytes of the text from base, read for scan_plain: bit i of
 * each mask describes byte base + i; bytes past the end of the text read as
 * NUL.  Bit 63 of `stop` is always set and bit 63 of `single` always clear:
 * what follows the window is not known. */
typedef struct ascii_block {
  size_t base;
  uint64_t stop;    /* not an ASCII letter or digit */
  uint64_t upper;   /* A-Z */
  uint64_t lower;   /* a-z */
  uint64_t digit;   /* 0-9 */
  uint64_t single;  /* a space followed by a byte that is neither whitespace nor non-ASCII */
} ascii_block;

#define BIT63 ((uint64_t)1 << 63)

#if defined(__GNUC__)
#define NN_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define NN_ALWAYS_INLINE inline
#endif

#if defined(SIMD_WORDS)
/* Sixteen bytes a step, with the range tests of ascii_word_end. */
static void classify64(const unsigned char *p, ascii_block *m)
{
  const __m128i bit5 = _mm_set1_epi8(0x20);
  uint64_t alpha = 0, lower = 0, digit = 0, space = 0, white = 0;
  unsigned k;
  for (k = 0; k < 64; k += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + k));
    __m128i a = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, bit5), _mm_set1_epi8(128 - 'a')),
                               _mm_set1_epi8(-128 + 26));
    __m128i d = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(128 - '0')),
                               _mm_set1_epi8(-128 + 10));
    __m128i l = _mm_and_si128(a, _mm_cmpeq_epi8(_mm_and_si128(v, bit5), bit5));
    __m128i sp = _mm_cmpeq_epi8(v, _mm_set1_epi8(' '));
    __m128i ctl = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(128 - '\t')),
                                 _mm_set1_epi8(-128 + 5));   /* \t \n \v \f \r */
    alpha |= (uint64_t)(unsigned)_mm_movemask_epi8(a) << k;
    digit |= (uint64_t)(unsigned)_mm_movemask_epi8(d) << k;
    lower |= (uint64_t)(unsigned)_mm_movemask_epi8(l) << k;
    space |= (uint64_t)(unsigned)_mm_movemask_epi8(sp) << k;
    white |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(sp, ctl), v)) << k;
  }
  m->stop = ~(alpha | digit) | BIT63;
  m->upper = alpha & ~lower;
  m->lower = lower;
  m->digit = digit;
  m->single = space & ~(white >> 1) & ~BIT63;
}
#elif defined(SWAR_WORDS)
/* The high bits of the eight byte lanes of x, gathered into bits 0-7. */
#define LANE_BITS(x) (((((x) & HIGHS) >> 7) * 0x0102040810204080ULL) >> 56)

/* Eight bytes a step, with the lane tests of ascii_word_end. */
static void classify64(const unsigned char *p, ascii_block *m)
{
  uint64_t alpha = 0, lower = 0, digit = 0, space = 0, white = 0;
  unsigned k;
  for (k = 0; k < 64; k += 8) {
    uint64_t w, folded, a, sp;
    memcpy(&w, p + k, 8);
    folded = w | LANES(0x20);
    a = LANE_GE(folded, 'a') & LANE_LE(folded, 'z') & ~w;
    sp = LANE_EQ(w, ' ');
    alpha |= LANE_BITS(a) << k;
    lower |= LANE_BITS(a & (w << 2)) << k;   /* bit 5 moved to bit 7 */
    digit |= LANE_BITS(LANE_GE(w, '0') & LANE_LE(w, '9') & ~w) << k;
    space |= LANE_BITS(sp) << k;
    white |= LANE_BITS(sp | (LANE_GE(w, '\t') & LANE_LE(w, '\r') & ~w) | w) << k;
  }
  m->stop = ~(alpha | digit) | BIT63;
  m->upper = alpha & ~lower;
  m->lower = lower;
  m->digit = digit;
  m->single = space & ~(white >> 1) & ~BIT63;
}
#else
static void classify64(const unsigned char *p, ascii_block *m)
{
  uint64_t alpha = 0, lower = 0, digit = 0, space = 0, white = 0;
  unsigned k;
  for (k = 0; k < 64; k++) {
    uint32_t c = bytes[p[k]];
    uint64_t bit = (uint64_t)1 << k;
    if (c & A_LETTER) alpha |= bit;
    if (c & A_LOWER) lower |= bit;
    if (c & A_DIGIT) digit |= bit;
    if (p[k] == ' ') space |= bit;
    if (c & (A_SPACE | A_HIGH)) white |= bit;
  }
  m->stop = ~(alpha | digit) | BIT63;
  m->upper = alpha & ~lower;
  m->lower = lower;
  m->digit = digit;
  m->single = space & ~(white >> 1) & ~BIT63;
}
#endif

/* Reads the window of s[0..len) at base (base < len). */
NN_NOINLINE static void read_block(const unsigned char *s, size_t len, size_t base,
                                   ascii_block *m)
{
  m->base = base;
  if (len - base >= 64) {
    classify64(s + base, m);
  } else {
    unsigned char tail[64];
    memcpy(tail, s + base, len - base);
    memset(tail + (len - base), 0, 64 - (len - base));
    classify64(tail, m);
  }
}

/* Token flags from the A_LETTER bits of a scan: A_UPPER | A_LOWER. */
static const uint16_t case_flags[4] = {
  0, NN_TF_ALL_CAPS | NN_TF_HAS_LETTER, NN_TF_LOWERCASE | NN_TF_HAS_LETTER, NN_TF_HAS_LETTER,
};

/* The fast path moves scan bits into flag bits by shifting; this fails to
 * compile if the bits move. */
typedef char flag_shifts_hold[((A_DIGIT << 2) == NN_TF_HAS_DIGIT && A_DIGIT == 4 &&
                               (A_APOS >> 2) == NN_TF_APOSTROPHE &&
                               (A_UPPER << 1) == NN_TF_CAPITALIZED && (1u << 8) == NN_TF_POSSESSIVE &&
                               A_UPPER == 1 && A_LOWER == 2) ? 1 : -1];

/* ---- small helpers ------------------------------------------------------ */

typedef struct tokscan {
  size_t end;
  int kind;
  uint32_t info;       /* A_* bits seen: case, digits, letters, apostrophes, non-ASCII */
  unsigned flags;      /* NN_TF_HYPHENATED, NN_TF_POSSESSIVE */
  unsigned suffix_len;
} tokscan;

static inline int is_digit(unsigned char c)
{
  return c >= '0' && c <= '9';
}

static inline int lower_ascii(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Decodes the code point at i (i < len); stores its length. */
static inline int32_t decode_at(const unsigned char *s, size_t len, size_t i, size_t *n)
{
  int32_t cp;
  if (s[i] < 0x80) {
    *n = 1;
    return s[i];
  }
  *n = nn_utf8_decode(s + i, len - i, &cp);
  return cp;
}

static inline const nn_uniprop *props_of(int32_t cp)
{
  return nn_uniprop_of(cp);
}

static inline int is_wb_ignorable(int wb)
{
  return wb == NN_WB_EXTEND || wb == NN_WB_FORMAT || wb == NN_WB_ZWJ;
}

/* The A_* bits of one non-ASCII code point, for scan info. */
static uint32_t info_of(int32_t cp)
{
  const nn_uniprop *p = props_of(cp);
  uint32_t info = A_NONASCII;
  if (p->flags & NN_UF_ALPHABETIC) info |= A_ALPHA;
  if (p->flags & NN_UF_UPPERCASE || p->gc == NN_GC_LT) info |= A_UPPER;
  if (p->flags & NN_UF_LOWERCASE) info |= A_LOWER;
  if (p->gc == NN_GC_ND) info |= A_DIGIT;
  if (cp == 0x2019) info |= A_APOS;
  return info;
}

/* Whether a letter or a digit (or '_') continues the text at i. */
static int word_continues(const unsigned char *s, size_t len, size_t i)
{
  size_t n;
  int32_t cp;
  const nn_uniprop *p;
  if (i >= len) return 0;
  if (s[i] < 0x80) return (bytes[s[i]] & A_WORD) != 0;
  cp = decode_at(s, len, i, &n);
  if (cp == NN_UTF8_INVALID) return 0;
  p = props_of(cp);
  return (p->flags & NN_UF_ALPHABETIC) || p->gc == NN_GC_ND || is_wb_ignorable(p->wb);
}

/* Whether a decimal digit starts at i. */
static int digit_starts(const unsigned char *s, size_t len, size_t i)
{
  size_t n;
  int32_t cp;
  if (s[i] < 0x80) return is_digit(s[i]);
  cp = decode_at(s, len, i, &n);
  return cp != NN_UTF8_INVALID && props_of(cp)->gc == NN_GC_ND;
}

/* The A_* bits of the ASCII text s[p..e). */
static uint32_t ascii_info(const unsigned char *s, size_t p, size_t e)
{
  uint32_t info = 0;
  for (; p < e; p++) info |= bytes[s[p]];
  return info & A_INFO;
}

/* Whether a word part (a letter or a digit) starts at i. */
static int part_starts(const unsigned char *s, size_t len, size_t i)
{
  size_t n;
  int32_t cp;
  int wb;
  if (i >= len) return 0;
  if (s[i] < 0x80) return (bytes[s[i]] & (A_LETTER | A_DIGIT)) != 0;
  cp = decode_at(s, len, i, &n);
  if (cp == NN_UTF8_INVALID) return 0;
  wb = props_of(cp)->wb;
  return wb == NN_WB_ALETTER || wb == NN_WB_HEBREW_LETTER || wb == NN_WB_NUMERIC;
}

/* Bytes of a hyphen at i that joins compounds: '-', U+2010, U+2011. */
static size_t hyphen_at(const unsigned char *s, size_t len, size_t i)
{
  if (i >= len) return 0;
  if (s[i] == '-') return 1;
  if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0x90 || s[i + 2] == 0x91))
    return 3;
  return 0;
}

/* Bytes of an apostrophe at i: ' or U+2019. */
static size_t apostrophe_at(const unsigned char *s, size_t len, size_t i)
{
  if (i >= len) return 0;
  if (s[i] == '\'') return 1;
  if (s[i] == 0xE2 && i + 2 < len && s[i + 1] == 0x80 && s[i + 2] == 0x99) return 3;
  return 0;
}

/* Moves past Extend, Format and ZWJ code points (UAX #29 WB4 keeps them with
 * what they follow). */
static size_t absorb_marks(const unsigned char *s, size_t len, size_t i)
{
  while (i < len && s[i] >= 0x80) {
    size_t n;
    int32_t cp = decode_at(s, len, i, &n);
    if (cp == NN_UTF8_INVALID || !is_wb_ignorable(props_of(cp)->wb)) break;
    i += n;
  }
  return i;
}

/* Reads up to max ASCII digits at *i; returns how many, their value in *v. */
static size_t digits_at(const unsigned char *s, size_t len, size_t *i, size_t max, unsigned *v)
{
  size_t n = 0;
  *v = 0;
  while (*i < len && n < max && is_digit(s[*i])) {
    *v = *v * 10 + (unsigned)(s[*i] - '0');
    (*i)++;
    n++;
  }
  return n;
}

/* Case-insensitive comparison of s[i..i+n) with a lowercase ASCII word. */
static int ascii_ieq(const unsigned char *s, size_t n, const char *word)
{
  size_t k;
  if (strlen(word) != n) return 0;
  for (k = 0; k < n; k++)
    if (lower_ascii(s[k]) != (unsigned char)word[k]) return 0;
  return 1;
}

/* ---- UAX #29 word segments with the ASCII fast path ---------------------- */

/* The UAX #29 segment from p, cut before any whitespace in it: U+202F NARROW
 * NO-BREAK SPACE is White_Space yet joins words as ExtendNumLet, and a token
 * never holds whitespace. */
static size_t segment_end(const unsigned char *s, size_t len, size_t p)
{
  size_t e = nn_wordbreak_next((const char *)s, len, p), i, n;
  for (i = p; i < e; i += n) {
    int32_t cp;
    if (s[i] < 0x80) {
      n = 1;
      continue;
    }
    cp = decode_at(s, len, i, &n);
    if (i > p && cp != NN_UTF8_INVALID && (props_of(cp)->flags & NN_UF_WHITE_SPACE)) return i;
  }
  return e;
}

/* The case of the code point at i: 1 uppercase, 2 lowercase, 0 neither. */
static int case_at(const unsigned char *s, size_t len, size_t i)
{
  size_t n;
  int32_t cp;
  const nn_uniprop *p;
  if (i >= len) return 0;
  if (s[i] < 0x80) return bytes[s[i]] & A_UPPER ? 1 : bytes[s[i]] & A_LOWER ? 2 : 0;
  cp = decode_at(s, len, i, &n);
  if (cp == NN_UTF8_INVALID) return 0;
  p = props_of(cp);
  return p->flags & NN_UF_UPPERCASE ? 1 : p->flags & NN_UF_LOWERCASE ? 2 : 0;
}

/* Text scraped from pages loses the space after a full stop ("said.The"):
 * UAX #29 would keep "said.The" whole.  A period or colon between two
 * lowercase letters and an uppercase letter followed by a lowercase one is
 * taken as that lost space (AAPL.O, Amazon.com, S:t, EU:n stay whole). */
static int lost_space(const unsigned char *s, size_t len, size_t mid, int prev2, int prev1)
{
  size_t n;
  if (prev1 != 2 || prev2 != 2 || case_at(s, len, mid + 1) != 1) return 0;
  decode_at(s, len, mid + 1, &n);
  return case_at(s, len, mid + 1 + n) == 2;
}

/* The segment starting at p; ORs what it saw into *info.  Starts with a
 * letter, a digit or a connector.  `reference` skips the ASCII loop. */
static size_t scan_segment(const unsigned char *s, size_t len, size_t p, uint32_t *info,
                           int reference)
{
  size_t i = p, e;
  uint32_t acc = 0, c = 0;
  int prev1 = 0, prev2 = 0;
  if ((bytes[s[p]] & A_WORD) && !reference) {
    for (;;) {
      while (i < len && ((c = bytes[s[i]]) & A_WORD)) {
        acc |= c;
        i++;
      }
      if (i >= len) break;
      if (c & A_HIGH) goto general;
      if (c & (A_MIDLET | A_DOT | A_APOS | A_MIDNUM)) {
        uint32_t before = bytes[s[i - 1]], after;
        if (i + 1 >= len) break;
        after = bytes[s[i + 1]];
        if (after & A_HIGH) goto general;
        if ((before & A_LETTER) && (after & A_LETTER) && (c & (A_MIDLET | A_DOT | A_APOS))) {
          if ((c & (A_MIDLET | A_DOT)) && i - p >= 2 &&
              lost_space(s, len, i, case_at(s, len, i - 2), case_at(s, len, i - 1)))
            break;
          acc |= c | after;
          i += 2;
          continue;
        }
        if ((before & A_DIGIT) && (after & A_DIGIT) && (c & (A_DOT | A_APOS | A_MIDNUM))) {
          acc |= c | after;
          i += 2;
          continue;
        }
      }
      break;
    }
    *info |= acc & A_INFO;
    return i;
  }
general:
  /* The full machine, then the same information from the code points. */
  e = segment_end(s, len, p);
  acc = 0;
  for (i = p; i < e;) {
    size_t n;
    int32_t cp = decode_at(s, len, i, &n);
    int cs;
    if (cp < 0x80) {
      c = bytes[cp];
      if ((c & (A_MIDLET | A_DOT)) && i > p && lost_space(s, len, i, prev2, prev1)) {
        e = i;
        break;
      }
      acc |= c & (A_LETTER | A_DIGIT | A_ALPHA | A_APOS | A_DOT | A_USCORE);
      cs = c & A_UPPER ? 1 : c & A_LOWER ? 2 : 0;
    } else if (cp == NN_UTF8_INVALID) {
      cs = 0;
    } else {
      uint32_t ci = info_of(cp);
      acc |= ci;
      if (is_wb_ignorable(props_of(cp)->wb)) {
        i += n;
        continue;
      }
      cs = ci & A_UPPER ? 1 : ci & A_LOWER ? 2 : 0;
    }
    prev2 = prev1;
    prev1 = cs;
    i += n;
  }
  *info |= acc;
  return e;
}

/* ---- abbreviations ------------------------------------------------------ */

/* Bytewise order of s[0..n) and an item of length len, first bytes inline:
 * most steps of a search end there. */
static inline int compare_item(const unsigned char *s, size_t n, const char *item, size_t len)
{
  int c;
  if (len == 0 || s[0] != (unsigned char)item[0])
    return len == 0 ? 1 : (int)s[0] - (int)(unsigned char)item[0];
  c = memcmp(s, item, n < len ? n : len);
  if (c != 0) return c;
  return n < len ? -1 : n > len;
}

/* Binary search in a sorted list (nn_wordlist_contains, with the bounds of
 * the list checked first: most candidates fall outside a list's first bytes). */
static int in_list(const nn_wordlist *w, const unsigned char *s, size_t n)
{
  size_t lo = 0, hi = w->count, len;
  if (hi == 0) return 0;
  if (s[0] < (unsigned char)*nn_wordlist_item(w, 0, &len) ||
      s[0] > (unsigned char)*nn_wordlist_item(w, hi - 1, &len))
    return 0;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    const char *item = nn_wordlist_item(w, mid, &len);
    int c = compare_item(s, n, item, len);
    if (c == 0) return 1;
    if (c < 0) hi = mid;
    else lo = mid + 1;
  }
  return 0;
}

/* A Bloom filter over the items of every abbreviation list, generated by
 * tools/gen_abbrev_filter.lua (csrc/abbrev_filter.c): most words before a
 * period are no abbreviation, and the filter says so without a search.  A
 * "maybe" is checked against the lists. */
#define NN_ABBREV_FILTER_BITS 16384
extern const uint64_t nn_abbrev_filter[NN_ABBREV_FILTER_BITS / 64];

static inline int filter_bit(uint32_t b)
{
  b %= NN_ABBREV_FILTER_BITS;
  return (int)((nn_abbrev_filter[b / 64] >> (b % 64)) & 1u);
}

/* The same hashing as tools/gen_abbrev_filter.lua: FNV-1a, three bits. */
static int maybe_abbreviation(const unsigned char *s, size_t n)
{
  uint32_t h = 2166136261u, h2;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
  h2 = ((h >> 16) | (h << 16)) * 2246822519u;
  return filter_bit(h) & filter_bit(h2) & filter_bit(h ^ h2);
}

static int listed(const nn_tokenizer *t, const unsigned char *s, size_t n)
{
  size_t i;
  if (!maybe_abbreviation(s, n)) return 0;
  if (t->abbrev) return in_list(t->abbrev, s, n);
  if (!t->abbrev_all) return 0;
  for (i = 0; i < nn_wordlists_count; i++)
    if (strcmp(nn_wordlists[i].kind, "abbreviations") == 0 && in_list(&nn_wordlists[i], s, n))
      return 1;
  return 0;
}

/* Single letters each followed by a period, at least two: U.S., e.g., т.е. */
static int letters_with_periods(const unsigned char *s, size_t p, size_t q)
{
  size_t i = p, letters = 0, n;
  while (i < q) {
    int32_t cp = decode_at(s, q, i, &n);
    if (cp == NN_UTF8_INVALID) return 0;
    if (cp < 0x80 ? !(bytes[cp] & A_ALPHA) : !(props_of(cp)->flags & NN_UF_ALPHABETIC)) return 0;
    i = absorb_marks(s, q, i + n);
    if (i >= q || s[i] != '.') return 0;
    i++;
    letters++;
  }
  return letters >= 2;
}

/* Whether s[p..q), which ends with a period, is an abbreviation. */
static int is_abbreviation(const nn_tokenizer *t, const unsigned char *s, size_t p, size_t q)
{
  return letters_with_periods(s, p, q) || listed(t, s + p, q - p);
}

/* ---- parts and compounds ------------------------------------------------ */

/* Word-like stems that take 's as a contraction of "is", "has" or "us". */
static const char *const s_contractions[] = {
  "it", "he", "she", "that", "there", "here", "what", "who", "where", "when", "why", "how",
  "let", NULL
};

/* Bytes of a possessive 's or ’s ending the word part s[p..e), or 0. */
static unsigned possessive_in(const unsigned char *s, size_t p, size_t e)
{
  unsigned n;
  const char *const *w;
  if (e - p < 3 || (s[e - 1] != 's' && s[e - 1] != 'S')) return 0;
  if (s[e - 2] == '\'') n = 2;
  else if (e - p >= 5 && s[e - 4] == 0xE2 && s[e - 3] == 0x80 && s[e - 2] == 0x99) n = 4;
  else return 0;
  if (e - n - p <= 5)   /* the longest stem listed */
    for (w = s_contractions; *w; w++)
      if (ascii_ieq(s + p, e - n - p, *w)) return 0;
  return n;
}

/* Bytes of a possessive 's or ’s that follows at e and ends a word, or 0:
 * after what UAX #29 does not join it to (COVID-19's, U.S.'s, @user's). */
static unsigned possessive_after(const unsigned char *s, size_t len, size_t e)
{
  size_t h = apostrophe_at(s, len, e);
  if (h == 0 || e + h >= len || (s[e + h] != 's' && s[e + h] != 'S') ||
      word_continues(s, len, e + h + 1))
    return 0;
  return (unsigned)h + 1;
}

/* Classifies a segment s[p..e) that starts with a digit. */
static int classify_numeric(const unsigned char *s, size_t p, size_t e, uint32_t info)
{
  size_t q, n, k;
  unsigned v;
  if (!(info & A_ALPHA)) return NN_TOKEN_NUMBER;
  if (info & A_NONASCII) return NN_TOKEN_WORD;
  for (q = p; q < e && (bytes[s[q]] & (A_DIGIT | A_DOT | A_MIDNUM | A_APOS)); q++) {
  }
  for (k = q; k < e; k++)
    if (!(bytes[s[k]] & A_LETTER)) return NN_TOKEN_WORD;
  n = e - q;
  if (ascii_ieq(s + q, n, "s")) return NN_TOKEN_NUMBER;  /* 1990s */
  if (ascii_ieq(s + q, n, "pc")) return NN_TOKEN_PERCENT;  /* 5.5pc, British news style */
  if (ascii_ieq(s + q, n, "st") || ascii_ieq(s + q, n, "nd") || ascii_ieq(s + q, n, "rd") ||
      ascii_ieq(s + q, n, "th")) {
    for (k = p; k < q; k++)
      if (!is_digit(s[k])) return NN_TOKEN_WORD;
    return NN_TOKEN_ORDINAL;
  }
  if (ascii_ieq(s + q, n, "am") || ascii_ieq(s + q, n, "pm")) {  /* 10pm, 9.30am */
    k = p;
    if (digits_at(s, q, &k, 2, &v) > 0 && v >= 1 && v <= 12) {
      unsigned m;
      if (k == q) return NN_TOKEN_TIME;
      if (s[k] == '.' && (k++, digits_at(s, q, &k, 2, &m) == 2) && k == q && m <= 59)
        return NN_TOKEN_TIME;
    }
    return NN_TOKEN_WORD;
  }
  if (ascii_ieq(s + q, n, "k") || ascii_ieq(s + q, n, "m") || ascii_ieq(s + q, n, "mn") ||
      ascii_ieq(s + q, n, "mln") || ascii_ieq(s + q, n, "b") || ascii_ieq(s + q, n, "bn") ||
      ascii_ieq(s + q, n, "bln") || ascii_ieq(s + q, n, "t") || ascii_ieq(s + q, n, "tn") ||
      ascii_ieq(s + q, n, "trn"))
    return NN_TOKEN_NUMBER;  /* 3.5bn */
  return NN_TOKEN_WORD;      /* 10km, 5G, 3D */
}

/* One part of a token: a segment, classified; an abbreviation takes its period. */
static void scan_part(const nn_tokenizer *t, size_t p, tokscan *part)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t len = t->len, e;
  part->info = 0;
  e = scan_segment(s, len, p, &part->info, t->reference);
  if (digit_starts(s, len, p)) {
    part->kind = classify_numeric(s, p, e, part->info);
  } else if (!(part->info & (A_ALPHA | A_DIGIT))) {
    part->kind = NN_TOKEN_PUNCT;  /* connectors only: ___ */
  } else {
    part->kind = NN_TOKEN_WORD;
    if (e < len && s[e] == '.' && !(part->info & A_DIGIT) && is_abbreviation(t, s, p, e + 1)) {
      e++;
      part->kind = NN_TOKEN_ABBREVIATION;
    }
  }
  part->end = e;
}

/* ---- URLs and e-mail addresses ------------------------------------------ */

/* The end of a URL whose body starts at i (after the scheme), or 0 when
 * nothing of it is left once trailing punctuation is trimmed. */
static size_t url_body(const unsigned char *s, size_t len, size_t body, uint32_t *info)
{
  size_t i = body, n;
  int parens = 0, brackets = 0;
  while (i < len) {
    unsigned char c = s[i];
    if (c < 0x80) {
      if (!(bytes[c] & A_URL)) break;
      if (c == '(') parens++;
      else if (c == ')' && parens-- == 0) break;
      else if (c == '[') brackets++;
      else if (c == ']' && brackets-- == 0) break;
      i++;
    } else {
      int32_t cp = decode_at(s, len, i, &n);
      const nn_uniprop *p;
      if (cp == NN_UTF8_INVALID) break;
      p = props_of(cp);
      if (!(p->flags & NN_UF_ALPHABETIC) && p->gc != NN_GC_ND && p->gc != NN_GC_MN &&
          p->gc != NN_GC_MC)
        break;
      *info |= A_NONASCII;
      i += n;
    }
  }
  while (i > body && strchr(".,;:!?'*\"", s[i - 1]) != NULL) i--;
  return i > body ? i : 0;
}

/* Whether s[p..) starts with the lowercase ASCII text w, in any case. */
static int prefix_ieq(const unsigned char *s, size_t len, size_t p, const char *w)
{
  size_t j;
  for (j = 0; w[j]; j++)
    if (p + j >= len || lower_ascii(s[p + j]) != (unsigned char)w[j]) return 0;
  return 1;
}

/* A URL starting at p with a scheme we know (http://, https://, ftp://,
 * mailto:) or www.; returns its end or 0. */
static size_t url_at(const unsigned char *s, size_t len, size_t p, uint32_t *info)
{
  size_t body;
  switch (lower_ascii(s[p])) {
  case 'h':
    if (prefix_ieq(s, len, p, "https://")) body = p + 8;
    else if (prefix_ieq(s, len, p, "http://")) body = p + 7;
    else return 0;
    break;
  case 'f':
    if (!prefix_ieq(s, len, p, "ftp://")) return 0;
    body = p + 6;
    break;
  case 'w':
    if (!prefix_ieq(s, len, p, "www.")) return 0;
    body = p + 4;
    break;
  case 'm':
    if (!prefix_ieq(s, len, p, "mailto:")) return 0;
    body = p + 7;
    break;
  default:
    return 0;
  }
  if (body >= len || (s[body] < 0x80 && !(bytes[s[body]] & (A_LETTER | A_DIGIT)))) return 0;
  return url_body(s, len, body, info);
}

/* Whether s[p..e) looks like a host name with a dot: reuters.com, gov.uk. */
static int host_like(const unsigned char *s, size_t p, size_t e)
{
  size_t i, last_dot = 0, tld;
  for (i = p; i < e; i++) {
    if (!(bytes[s[i]] & A_HOST)) return 0;
    if (s[i] == '.') last_dot = i;
  }
  if (last_dot <= p) return 0;
  for (tld = last_dot + 1, i = tld; i < e; i++)
    if (!(bytes[s[i]] & A_LETTER)) return 0;
  return e - tld >= 2;
}

/* An e-mail address starting at p; returns its end or 0.  Remembers where a
 * failed local part stopped, so that no later start re-reads it. */
static size_t email_at(nn_tokenizer *t, size_t p)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t len = t->len, i = p, at, end, k, tld;
  while (i < len && (bytes[s[i]] & A_EMAIL)) i++;
  if (i >= len || s[i] != '@' || i == p || s[p] == '.' || s[i - 1] == '.') goto fail;
  at = i;
  /* The domain: labels of letters, digits and hyphens joined by single dots,
   * the last one letters only, two or more; a final period is not part of it. */
  for (end = at + 1; end < len && (bytes[s[end]] & A_HOST); end++) {
  }
  while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) end--;
  for (tld = end; tld > at + 1 && (bytes[s[tld - 1]] & A_LETTER); tld--) {
  }
  if (end - tld < 2 || tld <= at + 2 || s[tld - 1] != '.' || s[at + 1] == '.' ||
      word_continues(s, len, end))
    goto fail;
  for (k = at + 1; k + 1 < end; k++)
    if (s[k] == '.' && s[k + 1] == '.') goto fail;
  return end;
fail:
  t->email_clear = i;
  return 0;
}

/* ---- money, dates, times ------------------------------------------------ */

/* The end of an amount starting at i (an ASCII digit): 1,234.5 with an
 * attached scale (5bn, 1.2m); 0 when no digit starts there. */
static size_t amount_at(const unsigned char *s, size_t len, size_t i)
{
  static const char *const scales[] = { "k", "m", "mn", "mln", "b", "bn", "bln", "t", "tn", "trn",
                                        NULL };
  const char *const *w;
  size_t q;
  if (i >= len || !is_digit(s[i])) return 0;
  while (i < len && is_digit(s[i])) {
    i++;
    if (i + 1 < len && (s[i] == ',' || s[i] == '.') && is_digit(s[i + 1])) i++;
  }
  for (q = i; q < len && (bytes[s[q]] & A_LETTER) && q - i < 4; q++) {
  }
  if (q > i && !word_continues(s, len, q))
    for (w = scales; *w; w++)
      if (ascii_ieq(s + i, q - i, *w)) return q;
  return i;
}

/* Bytes of a currency sign (General_Category Sc) at i, or 0. */
static size_t currency_at(const unsigned char *s, size_t len, size_t i)
{
  size_t n;
  int32_t cp;
  if (i >= len) return 0;
  if (s[i] < 0x80) return s[i] == '$';
  cp = decode_at(s, len, i, &n);
  return cp != NN_UTF8_INVALID && props_of(cp)->gc == NN_GC_SC ? n : 0;
}

/* Bytes of a percent or per-mille sign at i: % ٪ ％ ‰ ‱, or 0. */
static size_t percent_at(const unsigned char *s, size_t len, size_t i)
{
  size_t n;
  int32_t cp;
  if (i >= len) return 0;
  if (s[i] == '%') return 1;
  if (s[i] < 0x80) return 0;
  cp = decode_at(s, len, i, &n);
  return cp == 0x066A || cp == 0xFF05 || cp == 0x2030 || cp == 0x2031 ? n : 0;
}

/* hh:mm, hh:mm:ss, with am/pm attached; ends at *end. */
static int time_at(const unsigned char *s, size_t len, size_t p, size_t *end)
{
  size_t i = p;
  unsigned h, m, sec;
  if (digits_at(s, len, &i, 2, &h) == 0 || i >= len || s[i] != ':' || h > 24) return 0;
  i++;
  if (digits_at(s, len, &i, 2, &m) != 2 || m > 59) return 0;
  if (i + 2 < len && s[i] == ':' && is_digit(s[i + 1]) && is_digit(s[i + 2])) {
    size_t k = i + 1;
    digits_at(s, len, &k, 2, &sec);
    if (sec <= 60 && (k >= len || !is_digit(s[k]))) i = k;
  }
  if (i + 1 < len && (ascii_ieq(s + i, 2, "am") || ascii_ieq(s + i, 2, "pm")) &&
      !word_continues(s, len, i + 2) && h >= 1 && h <= 12)
    i += 2;
  if (word_continues(s, len, i)) return 0;
  *end = i;
  return 1;
}

/* After the T of an ISO 8601 timestamp at i: hh:mm, :ss, a fraction, and Z or
 * a UTC offset; returns where it ends, or i when no time follows. */
static size_t iso_time(const unsigned char *s, size_t len, size_t i)
{
  size_t k = i + 1;
  unsigned hh, mm;
  if (digits_at(s, len, &k, 2, &hh) != 2 || hh > 24 || k >= len || s[k] != ':') return i;
  k++;
  if (digits_at(s, len, &k, 2, &mm) != 2 || mm > 59) return i;
  if (k + 2 < len && s[k] == ':' && is_digit(s[k + 1]) && is_digit(s[k + 2])) {
    k += 3;
    if (k + 1 < len && (s[k] == '.' || s[k] == ',') && is_digit(s[k + 1])) {
      k++;
      while (k < len && is_digit(s[k])) k++;
    }
  }
  if (k < len && s[k] == 'Z') {
    k++;
  } else if (k + 2 < len && (s[k] == '+' || s[k] == '-') && is_digit(s[k + 1]) &&
             is_digit(s[k + 2])) {
    k += 3;
    if (k + 2 < len && s[k] == ':' && is_digit(s[k + 1]) && is_digit(s[k + 2])) k += 3;
    else if (k + 1 < len && is_digit(s[k]) && is_digit(s[k + 1])) k += 2;
  }
  return k;
}

static int valid_day(unsigned month, unsigned day)
{
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* Dates with a year: 2024-05-01 (and an ISO time after T), 2024/05/01,
 * 1/5/2024, 05/01/24, 01.05.2024, 1-5-2024. */
static int date_at(const unsigned char *s, size_t len, size_t p, size_t *end)
{
  size_t i = p, n1, n2, n3;
  unsigned a, b, c;
  unsigned char sep;
  n1 = digits_at(s, len, &i, 4, &a);
  if (i >= len || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return 0;
  sep = s[i++];
  n2 = digits_at(s, len, &i, 2, &b);
  if (n2 == 0 || i >= len || s[i] != sep) return 0;
  i++;
  n3 = digits_at(s, len, &i, 4, &c);
  if (n3 == 0 || (i < len && is_digit(s[i]))) return 0;
  if (n1 == 4) {                        /* year first */
    if (sep == '.' || n3 > 2 || !valid_day(b, c)) return 0;
  } else if (n1 <= 2 && (n3 == 4 || (n3 == 2 && sep == '/'))) {
    if (!valid_day(a, b) && !valid_day(b, a)) return 0;
  } else {
    return 0;
  }
  if (n1 == 4 && sep == '-' && i < len && s[i] == 'T') i = iso_time(s, len, i);
  if (word_continues(s, len, i)) return 0;
  *end = i;
  return 1;
}

/* Digits joined by slashes without a year: 9/11, 24/7, 2023/24. */
static int slashed_at(const unsigned char *s, size_t len, size_t p, size_t *end)
{
  size_t i = p;
  while (i < len && is_digit(s[i])) i++;
  if (i + 1 >= len || s[i] != '/' || !is_digit(s[i + 1])) return 0;
  while (i + 1 < len && s[i] == '/' && is_digit(s[i + 1])) {
    i++;
    while (i < len && is_digit(s[i])) i++;
  }
  if (word_continues(s, len, i)) return 0;
  *end = i;
  return 1;
}

/* A keycap: [0-9#*] U+FE0F? U+20E3; returns its end or 0. */
static size_t keycap_at(const unsigned char *s, size_t len, size_t p)
{
  size_t i = p + 1;
  if (i + 2 < len && s[i] == 0xEF && s[i + 1] == 0xB8 && s[i + 2] == 0x8F) i += 3;
  if (i + 2 < len && s[i] == 0xE2 && s[i + 1] == 0x83 && s[i + 2] == 0xA3)
    return absorb_marks(s, len, i + 3);
  return 0;
}

/* ---- hashtags, mentions, emoji ------------------------------------------ */

/* The end of the name after # or @ (letters, digits, marks, '_', ZWJ, ZWNJ);
 * counts its letters. */
static size_t tag_name(const unsigned char *s, size_t len, size_t i, uint32_t *info, size_t *letters)
{
  *letters = 0;
  while (i < len) {
    if (s[i] < 0x80) {
      uint32_t c = bytes[s[i]];
      if (!(c & A_WORD)) break;
      if (c & A_LETTER) (*letters)++;
      *info |= c;
      i++;
    } else {
      size_t n;
      int32_t cp = decode_at(s, len, i, &n);
      const nn_uniprop *p;
      if (cp == NN_UTF8_INVALID) break;
      p = props_of(cp);
      if (p->flags & NN_UF_ALPHABETIC) (*letters)++;
      else if (p->gc != NN_GC_ND && !is_wb_ignorable(p->wb) && cp != 0x200C) break;
      *info |= info_of(cp);
      i += n;
    }
  }
  return i;
}

/* Whether the extended pictograph cp at p (n bytes) shows as an emoji: it has
 * emoji presentation, lies in the supplementary pictograph planes, or is
 * followed by U+FE0F, a skin tone, or a ZWJ. */
static int shows_as_emoji(const unsigned char *s, size_t len, size_t p, size_t n, int32_t cp,
                          const nn_uniprop *pr)
{
  size_t m;
  int32_t next;
  if ((pr->flags & NN_UF_EMOJI_PRESENTATION) || cp >= 0x1F000) return 1;
  if (p + n >= len) return 0;
  next = decode_at(s, len, p + n, &m);
  return next == 0xFE0F || next == 0x200D || (next >= 0x1F3FB && next <= 0x1F3FF);
}

/* ---- token scanners ----------------------------------------------------- */

/* A token made of word parts: words, numbers, abbreviations, compounds. */
static void scan_wordish(nn_tokenizer *t, size_t p, tokscan *r)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t len = t->len, e, h, end, q, last = p;
  tokscan part;
  int all_numbers, parts = 1;

  scan_part(t, p, &part);
  e = part.end;
  r->info = part.info;
  r->kind = part.kind;
  r->flags = 0;
  r->suffix_len = 0;

  if (e < len && (s[e] == '@' || ((bytes[s[e]] & A_EMAIL) && !(bytes[s[e]] & A_WORD))) &&
      p >= t->email_clear && (end = email_at(t, p)) != 0) {
    r->kind = NN_TOKEN_EMAIL;
    r->info = ascii_info(s, p, end);
    r->end = end;
    return;
  }
  if (e + 1 < len && s[e] == '/' && (part.info & A_DOT) && host_like(s, p, e) &&
      (bytes[s[e + 1]] & A_URL) && (end = url_body(s, len, e, &r->info)) > e + 1) {
    r->kind = NN_TOKEN_URL;
    r->info |= ascii_info(s, p, end);
    r->end = end;
    return;
  }
  if (r->kind == NN_TOKEN_PUNCT) {
    r->end = e;
    return;
  }
  /* AT&T, S&P, M&A: short capitals around an ampersand. */
  if (r->kind == NN_TOKEN_WORD && e + 1 < len && s[e] == '&' && e - p <= 3 &&
      !(part.info & ~(A_UPPER | A_ALPHA))) {
    for (q = e + 1; q < len && q - e <= 3 && (bytes[s[q]] & A_UPPER); q++) {
    }
    if (q > e + 1 && !word_continues(s, len, q)) {
      e = q;
      r->info |= A_UPPER | A_ALPHA;
    }
  }
  /* Hyphenated compounds: COVID-19, one-day, U.S.-China, 1990-91. */
  all_numbers = r->kind == NN_TOKEN_NUMBER;
  if (!t->split_hyphens) {
    while ((r->kind == NN_TOKEN_WORD || r->kind == NN_TOKEN_NUMBER ||
            r->kind == NN_TOKEN_ORDINAL || r->kind == NN_TOKEN_ABBREVIATION) &&
           (h = hyphen_at(s, len, e)) != 0 && part_starts(s, len, e + h)) {
      scan_part(t, e + h, &part);
      if (part.kind == NN_TOKEN_PUNCT) break;
      last = e + h;
      e = part.end;
      r->info |= part.info;
      all_numbers = all_numbers && part.kind == NN_TOKEN_NUMBER;
      parts++;
      if (part.kind != NN_TOKEN_WORD && part.kind != NN_TOKEN_NUMBER &&
          part.kind != NN_TOKEN_ORDINAL && part.kind != NN_TOKEN_ABBREVIATION)
        break;
      r->kind = part.kind;
    }
    if (parts > 1) {
      r->kind = all_numbers ? NN_TOKEN_NUMBER : NN_TOKEN_WORD;
      r->flags |= NN_TF_HYPHENATED;
    }
  }
  if (r->kind == NN_TOKEN_NUMBER) {
    if ((h = percent_at(s, len, e)) != 0) {
      r->kind = NN_TOKEN_PERCENT;
      e += h;
    } else if ((h = currency_at(s, len, e)) != 0 && !word_continues(s, len, e + h)) {
      r->kind = NN_TOKEN_MONEY;       /* 20€ */
      e += h;
    } else if (parts == 1 && (h = possessive_after(s, len, e)) != 0) {
      e += h;                         /* 1990's: a plural, not a possessive */
      r->info |= A_APOS | A_ALPHA | (bytes[s[e - 1]] & A_LETTER);
    }
  } else if (r->kind == NN_TOKEN_WORD) {
    if ((h = possessive_in(s, last, e)) != 0) {
      r->flags |= NN_TF_POSSESSIVE;
      r->suffix_len = (unsigned)h;
    } else if ((bytes[s[e - 1]] & A_DIGIT) && (h = possessive_after(s, len, e)) != 0) {
      e += h;                         /* COVID-19's */
      r->flags |= NN_TF_POSSESSIVE;
      r->suffix_len = (unsigned)h;
      r->info |= A_APOS | A_ALPHA | (bytes[s[e - 1]] & A_LETTER);
    } else if ((s[e - 1] == 's' || s[e - 1] == 'S') && (h = apostrophe_at(s, len, e)) != 0 &&
               e + h < len) {
      /* workers' union: a plural possessive when a word follows after space */
      size_t k = e + h;
      unsigned space = 0;
      while (k < len && (bytes[s[k]] & A_SPACE) && !(bytes[s[k]] & A_LINE)) {
        k++;
        space = 1;
      }
      if (space && part_starts(s, len, k)) {
        e += h;
        r->flags |= NN_TF_POSSESSIVE;
        r->suffix_len = (unsigned)h;
        r->info |= A_APOS;
      }
    }
  } else if (r->kind == NN_TOKEN_ABBREVIATION && (h = possessive_after(s, len, e)) != 0) {
    e += h;                           /* U.S.'s */
    r->flags |= NN_TF_POSSESSIVE;
    r->suffix_len = (unsigned)h;
    r->info |= A_APOS | (bytes[s[e - 1]] & A_LETTER);
  }
  r->end = e;
}

/* A token starting with an ASCII digit. */
static void scan_digit(nn_tokenizer *t, size_t p, tokscan *r)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t len = t->len, end;
  r->info = A_DIGIT;
  r->flags = 0;
  r->suffix_len = 0;
  if ((end = keycap_at(s, len, p)) != 0) {
    r->kind = NN_TOKEN_EMOJI;
    r->info = A_NONASCII | A_DIGIT;
  } else if (time_at(s, len, p, &end)) {
    r->kind = NN_TOKEN_TIME;
    r->info = ascii_info(s, p, end);
  } else if (date_at(s, len, p, &end)) {
    r->kind = NN_TOKEN_DATE;
    r->info = ascii_info(s, p, end);
  } else if (slashed_at(s, len, p, &end)) {
    r->kind = NN_TOKEN_NUMBER;
  } else {
    scan_wordish(t, p, r);
    return;
  }
  r->end = end;
}

/* A token starting with an ASCII letter. */
static void scan_letter(nn_tokenizer *t, size_t p, tokscan *r)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t len = t->len, end, q;
  unsigned char c = (unsigned char)lower_ascii(s[p]);
  if (c == 'h' || c == 'f' || c == 'w' || c == 'm') {
    r->info = 0;
    if ((end = url_at(s, len, p, &r->info)) != 0) {
      r->kind = NN_TOKEN_URL;
      r->info |= ascii_info(s, p, end);
      r->flags = 0;
      r->suffix_len = 0;
      r->end = end;
      return;
    }
  }
  /* US$1.2, HK$3, A$20 */
  for (q = p; q < len && q - p < 3 && (bytes[s[q]] & A_UPPER); q++) {
  }
  if (q < len && s[q] == '$' && (end = amount_at(s, len, q + 1)) != 0) {
    r->kind = NN_TOKEN_MONEY;
    r->info = ascii_info(s, p, end);
    r->flags = 0;
    r->suffix_len = 0;
    r->end = end;
    return;
  }
  scan_wordish(t, p, r);
}

/* A token starting with a non-ASCII byte. */
static void scan_high(nn_tokenizer *t, size_t p, tokscan *r)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t len = t->len, n, end;
  int32_t cp = decode_at(s, len, p, &n);
  const nn_uniprop *pr;
  r->info = A_NONASCII;
  r->flags = 0;
  r->suffix_len = 0;
  if (cp == NN_UTF8_INVALID) {
    r->kind = NN_TOKEN_INVALID;
    r->end = p + n;
    return;
  }
  pr = props_of(cp);
  if ((pr->flags & NN_UF_EXTENDED_PICTOGRAPHIC) && shows_as_emoji(s, len, p, n, cp, pr)) {
    r->kind = NN_TOKEN_EMOJI;
    r->end = segment_end(s, len, p);
    return;
  }
  switch (pr->wb) {
  case NN_WB_ALETTER:
  case NN_WB_HEBREW_LETTER:
  case NN_WB_NUMERIC:
  case NN_WB_EXTENDNUMLET:
    if (pr->script == NN_SCRIPT_HAN || pr->script == NN_SCRIPT_HIRAGANA ||
        (pr->flags & NN_UF_IDEOGRAPHIC))
      break;
    scan_wordish(t, p, r);
    return;
  case NN_WB_KATAKANA:
    r->kind = NN_TOKEN_IDEOGRAPH;
    r->end = segment_end(s, len, p);
    return;
  case NN_WB_REGIONAL_INDICATOR:
    r->kind = NN_TOKEN_EMOJI;
    r->end = segment_end(s, len, p);
    return;
  default:
    break;
  }
  if (cp == 0x2019 && p + n + 2 < len && is_digit(s[p + n]) && is_digit(s[p + n + 1]) &&
      (s[p + n + 2] == 's' || s[p + n + 2] == 'S') && !word_continues(s, len, p + n + 3)) {
    r->kind = NN_TOKEN_NUMBER;        /* ’90s */
    r->info |= A_DIGIT | A_APOS | A_ALPHA | (bytes[s[p + n + 2]] & A_LETTER);
    r->end = p + n + 3;
    return;
  }
  if (pr->gc == NN_GC_SC && (end = amount_at(s, len, p + n)) != 0) {
    r->kind = NN_TOKEN_MONEY;         /* £5bn, €20 */
    r->info |= ascii_info(s, p + n, end);
    r->end = end;
    return;
  }
  if ((pr->script == NN_SCRIPT_THAI || pr->script == NN_SCRIPT_LAO ||
       pr->script == NN_SCRIPT_KHMER || pr->script == NN_SCRIPT_MYANMAR) &&
      pr->gc >= NN_GC_LU && pr->gc <= NN_GC_MC) {
    /* These scripts leave no space between words and UAX #29 splits them
     * letter by letter; without a dictionary, a run of letters and marks of
     * the script is one token (as ICU does when it has no dictionary). */
    end = p + n;
    while (end < len && s[end] >= 0x80) {
      size_t m;
      int32_t next = decode_at(s, len, end, &m);
      const nn_uniprop *np;
      if (next == NN_UTF8_INVALID) break;
      np = props_of(next);
      if (np->gc < NN_GC_LU || np->gc > NN_GC_MC ||
          (np->script != pr->script && np->script != NN_SCRIPT_INHERITED))
        break;
      r->info |= info_of(next);
      end += m;
    }
    r->kind = NN_TOKEN_WORD;
    r->info |= info_of(cp);
    r->end = end;
    return;
  }
  end = segment_end(s, len, p);
  if (pr->script == NN_SCRIPT_HAN || pr->script == NN_SCRIPT_HIRAGANA ||
      pr->script == NN_SCRIPT_KATAKANA || (pr->flags & NN_UF_IDEOGRAPHIC)) {
    r->kind = NN_TOKEN_IDEOGRAPH;
    r->info |= A_ALPHA;
  } else if (pr->gc >= NN_GC_LU && pr->gc <= NN_GC_LO) {
    r->kind = NN_TOKEN_WORD;          /* letters UAX #29 leaves alone: Thai, Lao, Khmer */
    r->info |= info_of(cp);
  } else if (pr->gc >= NN_GC_ND && pr->gc <= NN_GC_NO) {
    r->kind = NN_TOKEN_NUMBER;        /* ½, Ⅻ */
  } else if (pr->gc >= NN_GC_PC && pr->gc <= NN_GC_PO) {
    r->kind = NN_TOKEN_PUNCT;
  } else {
    r->kind = NN_TOKEN_SYMBOL;
  }
  r->end = end;
}

/* Ends a hashtag or mention at end, with a possessive after it (@user's). */
static void tag_possessive(const unsigned char *s, size_t len, size_t end, tokscan *r)
{
  unsigned h = possessive_after(s, len, end);
  if (h) {
    r->flags |= NN_TF_POSSESSIVE;
    r->suffix_len = h;
    r->info |= A_APOS | A_ALPHA | (bytes[s[end + h - 1]] & A_LETTER);
  }
  r->end = end + h;
}

/* A token starting with an ASCII byte that is neither a letter nor a digit. */
static void scan_ascii_other(nn_tokenizer *t, size_t p, tokscan *r)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t len = t->len, end, letters, n;
  unsigned char c = s[p];
  int after_word = p > 0 && (bytes[s[p - 1]] & A_WORD);
  r->info = 0;
  r->flags = 0;
  r->suffix_len = 0;
  switch (c) {
  case '$':
    if ((end = amount_at(s, len, p + 1)) != 0) {
      r->kind = NN_TOKEN_MONEY;
      r->info = ascii_info(s, p, end);
      r->end = end;
      return;
    }
    break;
  case '#':
  case '*':
    if ((end = keycap_at(s, len, p)) != 0) {
      r->kind = NN_TOKEN_EMOJI;
      r->info = A_NONASCII;
      r->end = end;
      return;
    }
    if (c == '#' && !after_word) {
      end = tag_name(s, len, p + 1, &r->info, &letters);
      if (letters > 0) {
        r->kind = NN_TOKEN_HASHTAG;
        tag_possessive(s, len, end, r);
        return;
      }
      r->info = 0;
    }
    break;
  case '@':
    if (!after_word) {
      end = tag_name(s, len, p + 1, &r->info, &letters);
      if (end > p + 1) {
        r->kind = NN_TOKEN_MENTION;
        tag_possessive(s, len, end, r);
        return;
      }
      r->info = 0;
    }
    break;
  case '\'':
    if (p + 3 < len && is_digit(s[p + 1]) && is_digit(s[p + 2]) &&
        (s[p + 3] == 's' || s[p + 3] == 'S') && !word_continues(s, len, p + 4)) {
      r->kind = NN_TOKEN_NUMBER;      /* '90s */
      r->info = A_DIGIT | A_APOS | A_ALPHA | (bytes[s[p + 3]] & A_LETTER);
      r->end = p + 4;
      return;
    }
    break;
  case '_':
    scan_wordish(t, p, r);
    return;
  default:
    break;
  }
  /* A run of the same mark (..., --, !!), with any marks it carries. */
  for (n = p + 1; n < len && s[n] == c; n++) {
  }
  r->end = absorb_marks(s, len, n);
  if (r->end > n) r->info |= A_NONASCII;
  r->kind = bytes[c] & A_PUNCT ? NN_TOKEN_PUNCT : NN_TOKEN_SYMBOL;
}

/* ---- the iterator ------------------------------------------------------- */

/* Moves past whitespace from i; stores the NN_TF_*_AFTER flags it implies. */
static size_t skip_space(const unsigned char *s, size_t len, size_t i, unsigned *flags)
{
  size_t from = i, breaks = 0;
  while (i < len) {
    unsigned char c = s[i];
    if (c < 0x80) {
      uint32_t a = bytes[c];
      if (!(a & A_SPACE)) break;
      if (a & A_LINE) {
        if (c == '\r' && i + 1 < len && s[i + 1] == '\n') i++;
        breaks++;
      }
      i++;
    } else {
      size_t n;
      int32_t cp = decode_at(s, len, i, &n);
      if (cp == NN_UTF8_INVALID) break;
      if (cp != 0x200B && cp != 0xFEFF && !(props_of(cp)->flags & NN_UF_WHITE_SPACE)) break;
      if (cp == 0x85 || cp == 0x2028) breaks++;
      else if (cp == 0x2029) breaks += 2;
      i += n;
    }
  }
  *flags = (i > from ? NN_TF_SPACE_AFTER : 0) | (breaks >= 1 ? NN_TF_NEWLINE_AFTER : 0) |
           (breaks >= 2 ? NN_TF_PARAGRAPH_AFTER : 0);
  return i;
}

/* Reads the language part of a tag ("en", "pt-BR", "zh_Hant") into out
 * (lowercase, NUL-terminated); 0 when the tag is malformed. */
static int language_of(const char *tag, char out[4])
{
  size_t n = 0;
  while (tag[n] && n < 4 && ((tag[n] >= 'a' && tag[n] <= 'z') || (tag[n] >= 'A' && tag[n] <= 'Z'))) {
    out[n] = (char)lower_ascii((unsigned char)tag[n]);
    n++;
  }
  if (n < 2 || n > 3) return 0;
  out[n] = '\0';
  if (tag[n] == '\0') return 1;
  if (tag[n] != '-' && tag[n] != '_') return 0;
  for (tag += n + 1; *tag; tag++)
    if (!((*tag >= 'a' && *tag <= 'z') || (*tag >= 'A' && *tag <= 'Z') ||
          (*tag >= '0' && *tag <= '9') || *tag == '-' || *tag == '_'))
      return 0;
  return 1;
}

int nn_tokenizer_init(nn_tokenizer *t, const char *s, size_t len, const nn_tokenizer_opts *opts)
{
  static const nn_tokenizer_opts defaults = NN_TOKENIZER_OPTS_DEFAULT;
  unsigned before;
  if (!opts) opts = &defaults;
  memset(t, 0, sizeof *t);
  t->s = s;
  t->len = s ? len : 0;
  t->possessive = opts->possessive;
  t->split_hyphens = opts->split_hyphens != 0;
  t->kinds = opts->kinds;
  if (opts->possessive < NN_POSSESSIVE_KEEP || opts->possessive > NN_POSSESSIVE_SPLIT)
    return NN_EARG;
  if (opts->lang) {
    char lang[4];
    if (!language_of(opts->lang, lang)) return NN_EARG;
    t->abbrev = nn_wordlist_get("abbreviations", lang);
  } else {
    t->abbrev_all = 1;
  }
  t->pos = skip_space((const unsigned char *)t->s, t->len, 0, &before);
  t->space_before = t->pos > 0 ? NN_TF_SPACE_BEFORE : 0;
  return NN_OK;
}

static unsigned token_flags(const unsigned char *s, size_t len, size_t p, const tokscan *r)
{
  unsigned f = r->flags;
  uint32_t info = r->info;
  if (all_ascii(s, len, p, r->end)) f |= NN_TF_ASCII;
  if (info & A_DIGIT) f |= NN_TF_HAS_DIGIT;
  if (info & (A_ALPHA | A_LETTER)) f |= NN_TF_HAS_LETTER;
  if (info & A_APOS) f |= NN_TF_APOSTROPHE;
  if (info & A_UPPER) {
    if (!(info & A_LOWER)) f |= NN_TF_ALL_CAPS;
    if (case_at(s, len, p) == 1) f |= NN_TF_CAPITALIZED;
    else if (s[p] >= 0x80) {
      size_t n;
      int32_t cp = decode_at(s, len, p, &n);
      if (cp != NN_UTF8_INVALID && props_of(cp)->gc == NN_GC_LT) f |= NN_TF_CAPITALIZED;
    }
  } else if (info & A_LOWER) {
    f |= NN_TF_LOWERCASE;
  }
  return f;
}

/* The A_* bits of any text s[p..e). */
static uint32_t text_info(const unsigned char *s, size_t p, size_t e)
{
  uint32_t info = 0;
  while (p < e) {
    size_t n;
    int32_t cp = decode_at(s, e, p, &n);
    if (cp < 0x80) info |= cp < 0 ? A_NONASCII : bytes[cp] & A_INFO;
    else info |= info_of(cp);
    p += n;
  }
  return info;
}

#define CONTENT_FLAGS                                                                     \
  (NN_TF_ASCII | NN_TF_CAPITALIZED | NN_TF_ALL_CAPS | NN_TF_LOWERCASE | NN_TF_HAS_DIGIT | \
   NN_TF_HAS_LETTER | NN_TF_APOSTROPHE)

/* Strips the possessive suffix of *tok, or splits it off into *suffix;
 * returns how many tokens that makes (1 or 2).  The stem's flags describe
 * the stem. */
static unsigned apply_possessive(const nn_tokenizer *t, nn_token *tok, nn_token *suffix)
{
  const unsigned char *s = (const unsigned char *)t->s;
  size_t stem = tok->len - tok->suffix_len, e = tok->start + tok->len;
  unsigned char last = s[e - 1];
  tokscan r;
  r.end = tok->start + stem;
  r.info = text_info(s, tok->start, r.end);
  r.flags = 0;
  tok->flags = (uint16_t)((tok->flags & ~CONTENT_FLAGS) | token_flags(s, t->len, tok->start, &r));
  tok->len = stem;
  if (t->possessive != NN_POSSESSIVE_SPLIT) return 1;
  suffix->start = tok->start + stem;
  suffix->len = tok->suffix_len;
  suffix->kind = NN_TOKEN_WORD;
  suffix->suffix_len = tok->suffix_len;
  suffix->flags = (uint16_t)(NN_TF_POSSESSIVE | NN_TF_APOSTROPHE |
                             (tok->flags & (NN_TF_SPACE_AFTER | NN_TF_NEWLINE_AFTER |
                                            NN_TF_PARAGRAPH_AFTER)) |
                             (tok->suffix_len <= 2 ? NN_TF_ASCII : 0) |  /* ' or ’ */
                             (last == 's' ? NN_TF_LOWERCASE | NN_TF_HAS_LETTER : 0) |
                             (last == 'S' ? NN_TF_ALL_CAPS | NN_TF_HAS_LETTER : 0));
  tok->flags &= (uint16_t)~(NN_TF_POSSESSIVE | NN_TF_SPACE_AFTER | NN_TF_NEWLINE_AFTER |
                            NN_TF_PARAGRAPH_AFTER);
  tok->suffix_len = 0;
  return 2;
}

/* The whitespace after a token that ends at e: one space before more text is
 * the common case, taken without a loop. */
static inline size_t space_after(const unsigned char *s, size_t len, size_t e, unsigned *after)
{
  if (e + 1 < len && s[e] == ' ' && !(bytes[s[e + 1]] & (A_SPACE | A_HIGH))) {
    *after = NN_TF_SPACE_AFTER;
    return e + 1;
  }
  return skip_space(s, len, e, after);
}

#if defined(KEY_WORDS)
/* For a key of n bytes (1 to 16), read as two words: the mask of its bytes
 * in the first word and the mark of its last byte there (bit 7), the same
 * for the second word (0 and 0 for up to eight bytes). */
#define KEY_MASK(n) (~(uint64_t)0 >> (64 - 8 * (n)))
#define KEY_MARK(n) ((uint64_t)0x80 << (8 * (n) - 8))
#define KEY_SHORT(n) { KEY_MASK(n), KEY_MARK(n), 0, 0 }
#define KEY_LONG(n) { ~(uint64_t)0, 0, KEY_MASK(n - 8), KEY_MARK(n - 8) }
static const uint64_t key_masks[17][4] = {
  { 0, 0, 0, 0 },   KEY_SHORT(1), KEY_SHORT(2), KEY_SHORT(3), KEY_SHORT(4),
  KEY_SHORT(5),     KEY_SHORT(6), KEY_SHORT(7), KEY_SHORT(8), KEY_LONG(9),
  KEY_LONG(10),     KEY_LONG(11), KEY_LONG(12), KEY_LONG(13), KEY_LONG(14),
  KEY_LONG(15),     KEY_LONG(16),
};
#endif

/* Token flags of a run of ASCII letters and digits, from the A_UPPER,
 * A_LOWER and A_DIGIT bits seen in it. */
static const uint16_t run_flags[8] = {
  NN_TF_ASCII,
  NN_TF_ASCII | NN_TF_ALL_CAPS | NN_TF_HAS_LETTER,
  NN_TF_ASCII | NN_TF_LOWERCASE | NN_TF_HAS_LETTER,
  NN_TF_ASCII | NN_TF_HAS_LETTER,
  NN_TF_ASCII | NN_TF_HAS_DIGIT,
  NN_TF_ASCII | NN_TF_HAS_DIGIT | NN_TF_ALL_CAPS | NN_TF_HAS_LETTER,
  NN_TF_ASCII | NN_TF_HAS_DIGIT | NN_TF_LOWERCASE | NN_TF_HAS_LETTER,
  NN_TF_ASCII | NN_TF_HAS_DIGIT | NN_TF_HAS_LETTER,
};

/* The first fast path: tokens that are a run of ASCII letters and digits
 * (a word, or a number of digits alone) ended by a byte that no rule looks
 * at, and single marks that start no pattern.  The masks of a 64-byte block
 * find where a run ends with one shift, and give its flags and the common
 * single space after it without a loop.  Stops at the first other token;
 * returns the new batch count.  The block is re-read from the start of a
 * run that reaches its last byte. */
/* How a run of ASCII letters and digits s[p..e) ends when no single space
 * follows: at other whitespace, at a mark no rule looks at, or at a period
 * that ends a sentence or an abbreviation.  Stores the token's kind (a word
 * or a number in), end, the next token's start and the NN_TF_*_AFTER flags;
 * returns 0 for the general path.  has_digit: the run holds a digit. */
NN_NOINLINE static int plain_end(const nn_tokenizer *t, size_t p, size_t e, int has_digit,
                                 unsigned *kind, size_t *end, size_t *next, unsigned *after)
{
  const unsigned char *s = (const unsigned char *)t->s;
  const size_t len = t->len;
  uint32_t b = e < len ? bytes[s[e]] : A_PLAIN;
  *end = e;
  if (b & A_PLAIN) {
    /* 1,234, or a digit of another script: the general path */
    if ((b & A_MIDNUM) && e + 1 < len && (bytes[s[e + 1]] & (A_DIGIT | A_HIGH))) return 0;
    *next = skip_space(s, len, e, after);
    return 1;
  }
  /* A word before a period and a space or a mark: a sentence end or an
   * abbreviation (Mr., etc.).  The period is the next token, or the
   * abbreviation's. */
  if (!(b & A_DOT) || *kind != NN_TOKEN_WORD || (e + 1 < len && !(bytes[s[e + 1]] & A_PLAIN)) ||
      has_digit)
    return 0;
  if (listed(t, s + p, e + 1 - p)) {
    *end = e + 1;
    *kind = NN_TOKEN_ABBREVIATION;
    *next = space_after(s, len, e + 1, after);
  } else {
    *next = e;
    *after = 0;
  }
  return 1;
}

/* The first fast path: tokens that are a run of ASCII letters and digits (a
 * word, or a number of digits alone) ended by a byte that no rule looks at,
 * and single marks that start no pattern (, ( ) " !).  The masks of a block
 * of 64 bytes give where a run ends with one shift, its flags, and whether
 * one space follows, without a loop; most tokens take a handful of
 * predictable branches.  A word before a period is taken too.  Stops at the
 * first token for the general path (an apostrophe, a hyphen, a non-ASCII
 * byte...); returns the new batch count.
 *
 * With keys (nn_tokenizer_fill_keys), a run of up to 16 bytes is read there
 * and then into keys->words instead of being written as a token: its bytes
 * are letters, digits and a period, for which setting bit 5 (fold) is
 * lowercasing. */
static NN_ALWAYS_INLINE unsigned scan_plain_with(nn_tokenizer *t, ascii_block *blk, size_t *at,
                                                 unsigned *space_before, unsigned n,
                                                 nn_token_keys *keys, uint64_t fold)
{
  const unsigned char *s = (const unsigned char *)t->s;
  const size_t len = t->len;
  const uint32_t kinds = t->kinds ? t->kinds : ~(uint32_t)0;
  size_t pos = *at, base = blk->base;
  uint64_t stop = blk->stop, upper = blk->upper, lower = blk->lower, digit = blk->digit,
           single = blk->single;
  unsigned before = *space_before;
  while (n < NN_TOKENIZER_BATCH - 1 && pos < len) {
    uint32_t c;
    size_t end, next;
    unsigned kind, flags, after, next_before;
    nn_token *tok;
#if defined(KEY_WORDS)
    if (keys) {
      /* The common cases, in a loop of their own: a word that starts with a
       * letter and is followed by one space, or by a comma and one space,
       * read as its key (the comma is a token of its own).  What the loop
       * below does with them, in short; the block is read again here too. */
      const unsigned word = kinds >> NN_TOKEN_WORD & 1, punct = kinds >> NN_TOKEN_PUNCT & 1;
      uint64_t letter = upper | lower;
      for (;;) {
        size_t o = pos - base, eo, klen;
        const uint64_t *mm;
        uint64_t w0, w1;
        if (o > 62 || (eo = o + nn_ctz64(stop >> o)) == 63) {
          if (!(bytes[s[pos]] & A_LETTER)) break;
          read_block(s, len, pos, blk);
          base = pos;
          stop = blk->stop;
          upper = blk->upper;
          lower = blk->lower;
          digit = blk->digit;
          single = blk->single;
          letter = upper | lower;
          o = 0;
          if ((eo = nn_ctz64(stop)) == 63) break;
        } else if (!(letter >> o & 1)) {
          break;
        }
        klen = eo - o;
        if (klen > 16 || len - pos < 16) break;
        mm = key_masks[klen];
        memcpy(&w0, s + pos, 8);
        memcpy(&w1, s + pos + 8, 8);
        if (single >> eo & 1) {
          keys->words[n][0] = ((w0 | fold) & mm[0]) | mm[1];
          keys->words[n][1] = ((w1 | fold) & mm[2]) | mm[3];
          keys->len[n] = (uint8_t)klen;
          n += word;
          before = NN_TF_SPACE_BEFORE;
          pos += klen + 1;
        } else if (s[pos + klen] == ',' && (single >> (eo + 1) & 1) &&
                   n + 1 < NN_TOKENIZER_BATCH - 1) {
          nn_token *comma = t->batch + n + word;
          keys->words[n][0] = ((w0 | fold) & mm[0]) | mm[1];
          keys->words[n][1] = ((w1 | fold) & mm[2]) | mm[3];
          keys->len[n] = (uint8_t)klen;
          n += word;
          comma->start = pos + klen;
          comma->len = 1;
          comma->kind = NN_TOKEN_PUNCT;
          comma->suffix_len = 0;
          comma->flags = NN_TF_ASCII | NN_TF_SPACE_AFTER;
          keys->len[n] = 0;
          n += punct;
          before = NN_TF_SPACE_BEFORE;
          pos += klen + 2;
        } else {
          break;
        }
        if (n >= NN_TOKENIZER_BATCH - 1 || pos >= len) goto out;
      }
    }
#endif
    c = bytes[s[pos]];
    if (c & (A_LETTER | A_DIGIT)) {
      size_t o = pos - base, eo;
      uint64_t run;
      if (o > 62 || (eo = o + nn_ctz64(stop >> o)) == 63) {
        read_block(s, len, pos, blk);
        base = pos;
        stop = blk->stop;
        upper = blk->upper;
        lower = blk->lower;
        digit = blk->digit;
        single = blk->single;
        o = 0;
        if ((eo = nn_ctz64(stop)) == 63) break;   /* 63 bytes or more */
      }
      run = ((uint64_t)1 << eo) - ((uint64_t)1 << o);
      /* Not here: letters in a number (10km, 1990s). */
      if ((c & A_DIGIT) && ((upper | lower) & run)) break;
      kind = c >> A_KIND_SHIFT;
      end = base + eo;
      if (single >> eo & 1) {
        next = end + 1;                 /* the common case: one space, then more */
        after = NN_TF_SPACE_AFTER;
        next_before = NN_TF_SPACE_BEFORE;
      } else if (end + 1 < len && (bytes[s[end]] & (A_PLAIN | A_SPACE)) == A_PLAIN &&
                 !(bytes[s[end + 1]] & (A_DIGIT | A_HIGH))) {
        next = end;                     /* a mark that starts the next token: , " ) */
        after = 0;
        next_before = 0;
      } else {
        unsigned flags_after;
        if (!plain_end(t, pos, end, (digit & run) != 0, &kind, &end, &next, &flags_after)) break;
        after = flags_after;
        next_before = next > end ? NN_TF_SPACE_BEFORE : 0;
      }
#if defined(KEY_WORDS)
      if (keys && end - pos <= 16 && len - pos >= 16) {
        const uint64_t *mm = key_masks[end - pos];
        uint64_t w0, w1;
        memcpy(&w0, s + pos, 8);
        memcpy(&w1, s + pos + 8, 8);
        keys->words[n][0] = ((w0 | fold) & mm[0]) | mm[1];
        keys->words[n][1] = ((w1 | fold) & mm[2]) | mm[3];
        keys->len[n] = (uint8_t)(end - pos);
        n += kinds >> kind & 1;
        before = next_before;
        pos = next;
        continue;
      }
#endif
      flags = run_flags[((upper & run) != 0) | ((lower & run) != 0) << 1 |
                        ((digit & run) != 0) << 2] |
              before | after | ((c & A_UPPER) << 1);
    } else if ((c & A_SIMPLE) && pos + 1 < len && s[pos + 1] != s[pos] &&
               !(bytes[s[pos + 1]] & A_HIGH)) {
      /* One punctuation mark or symbol that starts no pattern: , ( ) " ! ? */
      end = pos + 1;
      next = space_after(s, len, end, &after);
      kind = c >> A_KIND_SHIFT;
      flags = NN_TF_ASCII | before | after;
      next_before = next > end ? NN_TF_SPACE_BEFORE : 0;
    } else {
      break;
    }
    /* Written in any case, kept when its kind is asked for. */
    tok = t->batch + n;
    tok->start = pos;
    tok->len = end - pos;
    tok->kind = (uint8_t)kind;
    tok->suffix_len = 0;
    tok->flags = (uint16_t)flags;
    if (keys) keys->len[n] = 0;
    n += kinds >> kind & 1;
    before = next_before;
    pos = next;
  }
#if defined(KEY_WORDS)
out:
#endif
  if (keys) keys->len[n] = 0;   /* batch[n] may come from the general path */
  *at = pos;
  *space_before = before;
  return n;
}

NN_NOINLINE static unsigned scan_plain(nn_tokenizer *t, ascii_block *blk, size_t *at,
                                       unsigned *space_before, unsigned n)
{
  return scan_plain_with(t, blk, at, space_before, n, NULL, 0);
}

NN_NOINLINE static unsigned scan_plain_keys(nn_tokenizer *t, ascii_block *blk, size_t *at,
                                            unsigned *space_before, unsigned n,
                                            nn_token_keys *keys, uint64_t fold)
{
  return scan_plain_with(t, blk, at, space_before, n, keys, fold);
}
/* nn_tokenizer_fill, and nn_tokenizer_fill_keys when keys is not NULL. */
static NN_ALWAYS_INLINE unsigned fill_with(nn_tokenizer *t, nn_token_keys *keys, uint64_t fold)
{
  const unsigned char *s = (const unsigned char *)t->s;
  const size_t len = t->len;
  const uint32_t kinds = t->kinds ? t->kinds : ~(uint32_t)0;
  const int fast = !t->reference;
  size_t pos = t->pos;
  unsigned before = t->space_before, n = 0;
  nn_token *batch = t->batch;
  ascii_block blk;                     /* none read yet: bit 63 sends the first run to read_block */
  memset(&blk, 0, sizeof blk);
  blk.base = pos;
  blk.stop = BIT63;
  /* Room for two tokens per step: a possessive may split in two. */
  while (n < NN_TOKENIZER_BATCH - 1 && pos < len) {
    uint32_t c;
    if (fast && (bytes[s[pos]] & (A_LETTER | A_DIGIT | A_SIMPLE))) {
      n = keys ? scan_plain_keys(t, &blk, &pos, &before, n, keys, fold)
               : scan_plain(t, &blk, &pos, &before, n);
      if (n >= NN_TOKENIZER_BATCH - 1 || pos >= len) break;
    }
    c = bytes[s[pos]];
    size_t e;
    unsigned after;
    tokscan r;
    if (fast && (c & (A_LETTER | A_DIGIT))) {
      /* Most tokens are ASCII words and numbers ended by a space or a mark
       * that no rule looks at: take them in one pass, flags without
       * branches.  A word may hold apostrophes between letters (don't,
       * Cambodia's), and take a period when it is a listed abbreviation. */
      uint32_t acc = c, b;
      int kind = (c & A_LETTER) ? NN_TOKEN_WORD : NN_TOKEN_NUMBER;
      unsigned suffix = 0;
      size_t end;
      size_t last = pos;               /* where the last hyphenated part starts */
      unsigned hyphenated = 0;
      e = ascii_word_end(s, len, pos + 1, &acc);
      b = e < len ? bytes[s[e]] : A_PLAIN;
      if (kind == NN_TOKEN_NUMBER) {
        /* 1,234,567.89: digits, comma-separated groups of three, a decimal
         * part; then nothing that a number, date, time, money or percent
         * could take. */
        if (acc & A_LETTER) goto slow;
        while (e + 4 <= len && s[e] == ',' && is_digit(s[e + 1]) &&
               is_digit(s[e + 2]) && is_digit(s[e + 3]) && !(e + 4 < len && is_digit(s[e + 4]))) {
          e += 4;
          b = e < len ? bytes[s[e]] : A_PLAIN;
        }
        if ((b & A_DOT) && e + 1 < len && is_digit(s[e + 1])) {
          e = ascii_word_end(s, len, e + 1, &acc);
          b = e < len ? bytes[s[e]] : A_PLAIN;
        }
        if ((acc & A_LETTER) || !(b & A_PLAIN) ||
            ((b & A_MIDNUM) && e + 1 < len && (bytes[s[e + 1]] & (A_DIGIT | A_HIGH))))
          goto slow;
        end = e;
      } else {
        /* Apostrophes between letters join (don't, Cambodia's); hyphens
         * join parts of letters and digits (one-day, COVID-19). */
        while (!(b & A_PLAIN)) {
          if ((b & A_APOS) && e + 1 < len && (bytes[s[e + 1]] & A_LETTER) &&
              (bytes[s[e - 1]] & A_LETTER)) {
            acc |= A_APOS;
          } else if (e + 1 < len && s[e] == '-' && (bytes[s[e + 1]] & (A_LETTER | A_DIGIT)) &&
                     !t->split_hyphens) {
            uint32_t part = 0;
            size_t q = ascii_word_end(s, len, e + 1, &part);
            if ((bytes[s[e + 1]] & A_DIGIT) && (part & A_LETTER)) goto slow; /* 10pm, 5pc */
            hyphenated = NN_TF_HYPHENATED;
            last = e + 1;
            acc |= part;
            e = q;
            b = e < len ? bytes[s[e]] : A_PLAIN;
            continue;
          } else {
            break;
          }
          e = ascii_word_end(s, len, e + 1, &acc);
          b = e < len ? bytes[s[e]] : A_PLAIN;
        }
        end = e;
      }
      if (kind == NN_TOKEN_NUMBER) {
      } else if (b & A_PLAIN) {
        if ((b & A_MIDNUM) && (bytes[s[e - 1]] & A_DIGIT) && e + 1 < len &&
            (bytes[s[e + 1]] & (A_DIGIT | A_HIGH)))
          goto slow;
        if ((acc & A_APOS) && (suffix = possessive_in(s, last, e)) != 0 &&
            t->possessive != NN_POSSESSIVE_KEEP)
          goto slow;
      } else if ((b & A_DOT) && (e + 1 >= len || (bytes[s[e + 1]] & A_PLAIN))) {
        /* a word before a period and a space: a sentence end or an
         * abbreviation (Mr., etc.); the period is the next token otherwise */
        if ((acc & (A_DIGIT | A_APOS)) || hyphenated) goto slow;
        if (listed(t, s + pos, e + 1 - pos)) {
          end = e + 1;
          kind = NN_TOKEN_ABBREVIATION;
        }
      } else {
        goto slow;
      }
      {
        size_t next;
        if ((b & A_DOT) && kind != NN_TOKEN_ABBREVIATION) {
          next = e;                     /* the period comes next */
          after = 0;
        } else {
          next = space_after(s, len, end, &after);
        }
        if (kinds & (1u << kind)) {
          nn_token *tok = &batch[n++];
          tok->start = pos;
          tok->len = end - pos;
          tok->kind = (uint8_t)kind;
          tok->suffix_len = (uint8_t)suffix;
          tok->flags = (uint16_t)(NN_TF_ASCII | before | after | hyphenated |
                                  case_flags[acc & A_LETTER] | ((acc & A_DIGIT) << 2) |
                                  ((acc & A_APOS) >> 2) | ((c & A_UPPER) << 1) |
                                  ((suffix != 0) << 8));
        }
        before = next > end ? NN_TF_SPACE_BEFORE : 0;
        pos = next;
        continue;
      }
    slow:
      if (c & A_LETTER) scan_letter(t, pos, &r);
      else scan_digit(t, pos, &r);
    } else if (fast && (c & A_SIMPLE) && pos + 1 < len && s[pos + 1] != s[pos] &&
               !(bytes[s[pos + 1]] & A_HIGH)) {
      /* One punctuation mark or symbol that starts no pattern: , ( ) " ! ? */
      size_t next;
      e = pos + 1;
      next = space_after(s, len, e, &after);
      if (kinds & (1u << ((c & A_PUNCT) ? NN_TOKEN_PUNCT : NN_TOKEN_SYMBOL))) {
        nn_token *tok = &batch[n++];
        tok->start = pos;
        tok->len = 1;
        tok->kind = (c & A_PUNCT) ? NN_TOKEN_PUNCT : NN_TOKEN_SYMBOL;
        tok->suffix_len = 0;
        tok->flags = (uint16_t)(NN_TF_ASCII | before | after);
      }
      before = next > e ? NN_TF_SPACE_BEFORE : 0;
      pos = next;
      continue;
    } else if (c & A_LETTER) {
      scan_letter(t, pos, &r);
    } else if (c & A_DIGIT) {
      scan_digit(t, pos, &r);
    } else if (c & A_HIGH) {
      scan_high(t, pos, &r);
    } else {
      scan_ascii_other(t, pos, &r);
    }
    e = r.end;
    {
      size_t next = skip_space(s, len, e, &after);
      unsigned made = 1;
      nn_token *tok = &batch[n], suffix;
      tok->start = pos;
      tok->len = e - pos;
      tok->kind = (uint8_t)r.kind;
      tok->suffix_len = (uint8_t)r.suffix_len;
      tok->flags = (uint16_t)(token_flags(s, len, pos, &r) | before | after);
      if (r.suffix_len && t->possessive != NN_POSSESSIVE_KEEP)
        made = apply_possessive(t, tok, &suffix);
      if (kinds & (1u << tok->kind)) n++;
      if (made == 2 && (kinds & (1u << NN_TOKEN_WORD))) batch[n++] = suffix;
      before = next > e ? NN_TF_SPACE_BEFORE : 0;
      pos = next;
    }
  }
  /* The loop stops with a full batch or at the end of the text: n == 0 only
   * at the end. */
  t->pos = pos;
  t->space_before = before;
  t->head = 0;
  t->count = n;
  return n;
}

unsigned nn_tokenizer_fill(nn_tokenizer *t)
{
  return fill_with(t, NULL, 0);
}

unsigned nn_tokenizer_fill_keys(nn_tokenizer *t, nn_token_keys *keys, int casefold)
{
  memset(keys->len, 0, sizeof keys->len);
#if defined(KEY_WORDS)
  return fill_with(t, keys, casefold ? 0x2020202020202020ULL : 0);
#else
  (void)casefold;
  return fill_with(t, keys, 0);
#endif
}

/* ---- case folding ------------------------------------------------------- */

int nn_token_casefold(const char *str, size_t len, nn_buf *out)
{
  const unsigned char *s = (const unsigned char *)str;
  size_t i = 0;
  int rc;
  if ((rc = nn_buf_reserve(out, len)) != NN_OK) return rc;
  while (i < len) {
    size_t n;
    int32_t cp;
    utf8proc_int32_t folded[8];
    utf8proc_ssize_t k, j;
    int boundclass = 0;
    if (s[i] < 0x80) {
      if ((rc = nn_buf_append_byte(out, (unsigned char)lower_ascii(s[i]))) != NN_OK) return rc;
      i++;
      continue;
    }
    cp = decode_at(s, len, i, &n);
    k = cp == NN_UTF8_INVALID ? -1 : utf8proc_decompose_char(cp, folded, 8, UTF8PROC_CASEFOLD, &boundclass);
    if (k < 1 || k > 8) {
      if ((rc = nn_buf_append(out, str + i, n)) != NN_OK) return rc;
    } else {
      for (j = 0; j < k; j++)
        if ((rc = nn_buf_append_utf8(out, folded[j])) != NN_OK) return rc;
    }
    i += n;
  }
  return NN_OK;
}
