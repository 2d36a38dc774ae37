/* Text normalization: see nn_normalize.h for the passes and their order.
 *
 * The character pass follows the quick-check idea of UAX #15: a character
 * whose NFC_QC (or NFKC_QC, NFD_QC, NFKD_QC) is Yes, in canonical order, and
 * untouched by case folding or mark stripping is already normalized, so only
 * the stretches between two "boundaries" around a character that needs work
 * go through utf8proc.  A boundary is the position before a starter that is
 * normalized, cannot combine with what precedes it, and whose decomposition
 * starts with such a starter; the text on either side then normalizes
 * independently.  Until the first change nothing is written: unchanged input
 * is reported as such and never copied. */
#include <string.h>

#include <utf8proc.h>

#include "nn_normalize.h"
#include "nn_utf8.h"
#include "normalize_data.h"
#include "html_entities.h"
#include "unicode_data.h"

#define HIGH_BITS ((uint64_t)0x8080808080808080ULL)
#define ONES ((uint64_t)0x0101010101010101ULL)

/* A pass reports that its input has invalid UTF-8 to repair first. */
#define NEED_REPAIR 1

void nn_normalize_options_init(nn_normalize_options *o)
{
  memset(o, 0, sizeof *o);
  o->form = NN_FORM_NFC;
  o->invalid = NN_INVALID_REPLACE;
}

int nn_normalize_preset(nn_normalize_options *o, const char *name, size_t len)
{
  static const char *const names[] = { "nfc", "news", "html", "plain", "search" };
  int which = -1;
  size_t i;
  for (i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0) which = (int)i;
  if (which < 0) return NN_EARG;
  nn_normalize_options_init(o);
  if (which == 0) return NN_OK;
  /* news: text from feeds and CMS exports, typography kept. */
  o->spaces = o->invisible = o->controls = o->newlines = o->collapse = o->trim = 1;
  o->mojibake = 1;
  if (which == 2) o->tags = o->entities = 1;
  if (which >= 3) o->quotes = o->dashes = o->ellipsis = 1;
  if (which == 4) {
    o->form = NN_FORM_NFKC;
    o->casefold = o->strip_marks = 1;
  }
  return NN_OK;
}

/* ---- small helpers ---------------------------------------------------------------------- */

static inline uint64_t load64(const unsigned char *p)
{
  uint64_t w;
  memcpy(&w, p, 8);
  return w;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LITTLE_ENDIAN_GNUC 1
#else
#define LITTLE_ENDIAN_GNUC 0
#endif

/* The number of ASCII bytes at p before the first byte >= 0x80, given
 * high = load64(p) & HIGH_BITS (nonzero). */
static inline size_t ascii_before_high(const unsigned char *p, uint64_t high)
{
#if LITTLE_ENDIAN_GNUC
  (void)p;
  return (size_t)__builtin_ctzll(high) >> 3;
#else
  size_t k = 0;
  (void)high;
  while (p[k] < 0x80) k++;
  return k;
#endif
}

/* High bit set in each byte of w (all bytes < 0x80) that is in 'A'..'Z'. */
static inline uint64_t ascii_upper_bits(uint64_t w)
{
  uint64_t ge_a = w + ONES * (0x80 - 'A');
  uint64_t gt_z = w + ONES * (0x7F - 'Z');
  return ge_a & ~gt_z & HIGH_BITS;
}

/* Nonzero when some byte of w (all bytes < 0x80) is below 0x20 or is 0x7F. */
static inline uint64_t ascii_control_bits(uint64_t w)
{
  uint64_t below_space = (w - ONES * 0x20) & ~w;
  uint64_t del = w ^ (ONES * 0x7F);
  del = (del - ONES) & ~del;
  return (below_space | del) & HIGH_BITS;
}

static int buf_put(nn_buf *b, const void *p, size_t n)
{
  if (n == 0) return NN_OK; /* b->data may still be NULL */
  if (b->cap - b->len < n) {
    int rc = nn_buf_reserve(b, n);
    if (rc != NN_OK) return rc;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  return NN_OK;
}

static int buf_put_cp(nn_buf *b, int32_t cp)
{
  unsigned char tmp[4];
  return buf_put(b, tmp, nn_utf8_encode(cp, tmp));
}

/* ---- invalid UTF-8 ---------------------------------------------------------------------- */

/* Copies s to dst with every maximal subpart of invalid UTF-8 replaced by
 * U+FFFD or dropped. */
static int repair_utf8(const unsigned char *s, size_t len, int drop, nn_buf *dst)
{
  size_t i = 0;
  int rc = nn_buf_reserve(dst, len);
  if (rc != NN_OK) return rc;
  while (i < len) {
    size_t run = nn_ascii_prefix((const char *)s + i, len - i), n;
    int32_t cp;
    if ((rc = buf_put(dst, s + i, run)) != NN_OK) return rc;
    i += run;
    if (i >= len) break;
    n = nn_utf8_decode(s + i, len - i, &cp);
    if (cp != NN_UTF8_INVALID) rc = buf_put(dst, s + i, n);
    else if (!drop) rc = buf_put(dst, "\xEF\xBF\xBD", 3);
    if (rc != NN_OK) return rc;
    i += n;
  }
  return NN_OK;
}

/* ---- pass 3: characters ----------------------------------------------------------------- */

enum { ASCII_KEEP = 0, ASCII_LOWER = 1, ASCII_DROP = 2 };
enum { CLEAN_KEEP = 0, CLEAN_DELETE = 1, CLEAN_REPLACE = 2 };

typedef struct char_pass {
  const nn_normalize_options *o;
  nn_buf *out;
  int changed;
  uint16_t need_mask;  /* flags that mean "needs utf8proc" */
  uint16_t start_mask; /* NN_NF_CANON_START or NN_NF_COMPAT_START */
  int any_clean;       /* some per-character clean-up is on */
  int ascii_work;      /* some ASCII byte may change (case folding, controls) */
  utf8proc_option_t up_options;
  unsigned char ascii_class[128];
  /* per nn_normprop record: a boundary that needs nothing in this mode */
  const uint8_t *inert; /* nn_normprop_inert_records of the mode */
  /* nn_normprop_inert_blocks of the mode, less the blocks where a clean-up
   * may act and the surrogates; bit L of lead2 is block L (lead byte 0xC0+L) */
  uint8_t blocks[128];
  uint32_t lead2;
  /* scratch for the pieces that go through utf8proc */
  int32_t *cps;
  size_t cps_cap;
  int32_t *sort_tmp;
  size_t sort_cap;
  const nn_allocator *alloc;
} char_pass;

/* The clean-up of a non-ASCII code point: keep, delete, or replace by the
 * ASCII text *rep. */
static int clean_char(const char_pass *p, int32_t cp, const char **rep)
{
  const nn_normalize_options *o = p->o;
  if (cp < 0xA0) { /* C1 controls; NEL is a line ending (the lines pass) */
    return (o->controls && cp != 0x85) ? CLEAN_DELETE : CLEAN_KEEP;
  }
  if (cp == 0xA0) {
    *rep = " ";
    return o->spaces ? CLEAN_REPLACE : CLEAN_KEEP;
  }
  if (cp == 0xAD) return o->invisible ? CLEAN_DELETE : CLEAN_KEEP;
  if (cp < 0x1680) return CLEAN_KEEP;
  if (cp >= 0x2000 && cp <= 0x2060) {
    if (cp <= 0x200A || cp == 0x202F || cp == 0x205F) {
      *rep = " ";
      return o->spaces ? CLEAN_REPLACE : CLEAN_KEEP;
    }
    if (cp == 0x200B || cp == 0x200E || cp == 0x200F || cp == 0x2060)
      return o->invisible ? CLEAN_DELETE : CLEAN_KEEP;
    if (cp >= 0x2010 && cp <= 0x2015) {
      *rep = cp >= 0x2014 ? "--" : "-";
      return o->dashes ? CLEAN_REPLACE : CLEAN_KEEP;
    }
    if (cp >= 0x2018 && cp <= 0x201F) {
      *rep = cp <= 0x201B ? "'" : "\"";
      return o->quotes ? CLEAN_REPLACE : CLEAN_KEEP;
    }
    if (cp == 0x2026) {
      *rep = "...";
      return o->ellipsis ? CLEAN_REPLACE : CLEAN_KEEP;
    }
    return CLEAN_KEEP;
  }
  switch (cp) {
  case 0x1680:
  case 0x3000:
    *rep = " ";
    return o->spaces ? CLEAN_REPLACE : CLEAN_KEEP;
  case 0x180E:
  case 0xFEFF:
    return o->invisible ? CLEAN_DELETE : CLEAN_KEEP;
  case 0x2212:
    *rep = "-";
    return o->dashes ? CLEAN_REPLACE : CLEAN_KEEP;
  default:
    return CLEAN_KEEP;
  }
}

/* Could clean_char do anything to cp (cheap test)? */
static inline int may_clean(int32_t cp)
{
  return cp <= 0xAD || cp == 0x1680 || cp == 0x180E || (cp >= 0x2000 && cp <= 0x2060) ||
         cp == 0x2212 || cp == 0x3000 || cp == 0xFEFF;
}

static void char_pass_init(char_pass *p, const nn_normalize_options *o, nn_buf *out)
{
  memset(p, 0, sizeof *p);
  p->o = o;
  p->out = out;
  p->alloc = out->alloc;
  p->any_clean = o->quotes || o->dashes || o->ellipsis || o->spaces || o->invisible || o->controls;
  p->ascii_work = o->casefold || o->controls;
  p->up_options = UTF8PROC_STABLE;
  switch (o->form) {
  case NN_FORM_NFD:
    p->need_mask = NN_NF_NFD_NO;
    p->start_mask = NN_NF_CANON_START;
    p->up_options |= UTF8PROC_DECOMPOSE;
    break;
  case NN_FORM_NFKC:
    p->need_mask = NN_NF_NFKC_NO | NN_NF_NFKC_MAYBE;
    p->start_mask = NN_NF_COMPAT_START;
    p->up_options |= UTF8PROC_COMPOSE | UTF8PROC_COMPAT;
    break;
  case NN_FORM_NFKD:
    p->need_mask = NN_NF_NFKD_NO;
    p->start_mask = NN_NF_COMPAT_START;
    p->up_options |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT;
    break;
  default:
    p->need_mask = NN_NF_NFC_NO | NN_NF_NFC_MAYBE;
    p->start_mask = NN_NF_CANON_START;
    p->up_options |= UTF8PROC_COMPOSE;
    break;
  }
  if (o->casefold) {
    p->need_mask |= NN_NF_FOLDS;
    p->up_options |= UTF8PROC_CASEFOLD;
  }
  if (o->strip_marks) {
    p->need_mask |= NN_NF_MARK;
    p->up_options |= UTF8PROC_STRIPMARK;
  }
  {
    static const uint16_t clean_blocks[] = { 0x0080 >> 6, 0x1680 >> 6, 0x180E >> 6, 0x2000 >> 6,
                                             0x2040 >> 6, 0x2212 >> 6, 0x3000 >> 6, 0xFEFF >> 6 };
    int mode = (o->form & 3) * 4 + (o->casefold ? 2 : 0) + (o->strip_marks ? 1 : 0);
    size_t b;
    p->inert = nn_normprop_inert_records[mode];
    memcpy(p->blocks, nn_normprop_inert_blocks[mode], sizeof p->blocks);
    if (p->any_clean)
      for (b = 0; b < sizeof clean_blocks / sizeof clean_blocks[0]; b++)
        p->blocks[clean_blocks[b] >> 3] &= (uint8_t)~(1u << (clean_blocks[b] & 7));
    /* blocks 0..31 are the lead bytes 0xC0..0xDF; C0 and C1 never lead */
    p->lead2 = ((uint32_t)p->blocks[0] | (uint32_t)p->blocks[1] << 8 |
                (uint32_t)p->blocks[2] << 16 | (uint32_t)p->blocks[3] << 24) & ~(uint32_t)3;
  }
  /* ASCII: capital letters to fold, controls to drop */
  if (o->casefold) memset(&p->ascii_class['A'], ASCII_LOWER, 26);
  if (o->controls) {
    memset(p->ascii_class, ASCII_DROP, 0x20);
    p->ascii_class['\t'] = p->ascii_class['\n'] = p->ascii_class['\v'] = ASCII_KEEP;
    p->ascii_class['\f'] = p->ascii_class['\r'] = ASCII_KEEP;
    p->ascii_class[0x7F] = ASCII_DROP;
  }
}

static void char_pass_free(char_pass *p)
{
  nn_free(p->alloc, p->cps, p->cps_cap * sizeof(int32_t));
  nn_free(p->alloc, p->sort_tmp, p->sort_cap * sizeof(int32_t));
  p->cps = p->sort_tmp = NULL;
  p->cps_cap = p->sort_cap = 0;
}

static int grow_i32(const nn_allocator *a, int32_t **v, size_t *cap, size_t need)
{
  size_t ncap = *cap ? *cap : 64, bytes;
  int32_t *nv;
  if (need <= *cap) return NN_OK;
  while (ncap < need) {
    if (ncap > ((size_t)-1 / sizeof(int32_t)) / 2) return NN_ETOOBIG;
    ncap *= 2;
  }
  if (nn_mul_overflows(ncap, sizeof(int32_t), &bytes)) return NN_ETOOBIG;
  nv = nn_realloc(a, *v, *cap * sizeof(int32_t), bytes);
  if (!nv) return NN_ENOMEM;
  *v = nv;
  *cap = ncap;
  return NN_OK;
}

/* Puts each run of non-starters in v[0..n) in canonical order: a stable sort
 * by combining class, insertion sort for short runs and a counting sort for
 * long ones so that the time stays linear. */
static int canonical_order(char_pass *p, int32_t *v, size_t n)
{
  size_t i = 0;
  while (i < n) {
    size_t j, k;
    if (nn_normprop_of(v[i])->ccc == 0) {
      i++;
      continue;
    }
    for (j = i; j < n && nn_normprop_of(v[j])->ccc != 0; j++) {}
    if (j - i <= 32) {
      for (k = i + 1; k < j; k++) {
        int32_t x = v[k];
        uint8_t cx = nn_normprop_of(x)->ccc;
        size_t m = k;
        while (m > i && nn_normprop_of(v[m - 1])->ccc > cx) {
          v[m] = v[m - 1];
          m--;
        }
        v[m] = x;
      }
    } else {
      size_t count[257], c;
      int rc = grow_i32(p->alloc, &p->sort_tmp, &p->sort_cap, j - i);
      if (rc != NN_OK) return rc;
      memset(count, 0, sizeof count);
      for (k = i; k < j; k++) count[nn_normprop_of(v[k])->ccc + 1]++;
      for (c = 1; c < 257; c++) count[c] += count[c - 1];
      for (k = i; k < j; k++) p->sort_tmp[count[nn_normprop_of(v[k])->ccc]++] = v[k];
      memcpy(v + i, p->sort_tmp, (j - i) * sizeof(int32_t));
    }
    i = j;
  }
  return NN_OK;
}

/* Starts writing: the unchanged input before `upto` is copied first. */
static int start_output(char_pass *p, const unsigned char *in, size_t len, size_t upto)
{
  int rc;
  size_t want = len + len / 16 + 64;
  if (want < len) want = len;
  if ((rc = nn_buf_reserve(p->out, want)) != NN_OK) return rc;
  memcpy(p->out->data, in, upto);
  p->out->len = upto;
  p->changed = 1;
  return NN_OK;
}

/* Is the character at in[i] (decoded as cp, n bytes) a boundary?  Also
 * tells whether it is deleted by the clean-ups (then it is part of the
 * piece, not its end). */
static int is_boundary(const char_pass *p, int32_t cp)
{
  const nn_normprop *np;
  if (cp < 0x80) return p->ascii_class[cp] != ASCII_DROP;
  if (p->any_clean) {
    const char *rep;
    int act = clean_char(p, cp, &rep);
    if (act == CLEAN_DELETE) return 0;
    if (act == CLEAN_REPLACE) return 1;
  }
  np = nn_normprop_of(cp);
  return np->ccc == 0 && !(np->flags & p->need_mask) && (np->flags & p->start_mask);
}

/* Normalizes the piece in[start..end) through utf8proc and writes it at
 * out_at (the output length that corresponds to `start`). */
static int normalize_piece(char_pass *p, const unsigned char *in, size_t len, size_t start,
                           size_t end, size_t out_at)
{
  size_t i = start, n_cps = 0;
  utf8proc_ssize_t n_bytes;
  int boundclass = 0, rc;
  while (i < end) {
    int32_t cp;
    size_t n = nn_utf8_decode(in + i, end - i, &cp);
    const char *rep = NULL;
    int act = CLEAN_KEEP;
    i += n;
    if (cp < 0x80) {
      if (p->ascii_class[cp] == ASCII_DROP) continue;
    } else if (p->any_clean) {
      act = clean_char(p, cp, &rep);
      if (act == CLEAN_DELETE) continue;
    }
    if (act == CLEAN_REPLACE) {
      for (; *rep; rep++) {
        if ((rc = grow_i32(p->alloc, &p->cps, &p->cps_cap, n_cps + 1)) != NN_OK) return rc;
        p->cps[n_cps++] = (unsigned char)*rep;
      }
      continue;
    }
    for (;;) {
      utf8proc_ssize_t got;
      size_t room;
      if ((rc = grow_i32(p->alloc, &p->cps, &p->cps_cap, n_cps + 32)) != NN_OK) return rc;
      room = p->cps_cap - n_cps;
      got = utf8proc_decompose_char(cp, p->cps + n_cps, (utf8proc_ssize_t)room, p->up_options,
                                    &boundclass);
      if (got < 0) return NN_EARG; /* cannot happen for a scalar value */
      if ((size_t)got <= room) {
        n_cps += (size_t)got;
        break;
      }
      if ((rc = grow_i32(p->alloc, &p->cps, &p->cps_cap, n_cps + (size_t)got)) != NN_OK) return rc;
    }
  }
  if ((rc = canonical_order(p, p->cps, n_cps)) != NN_OK) return rc;
  n_bytes = utf8proc_reencode(p->cps, (utf8proc_ssize_t)n_cps, p->up_options);
  if (n_bytes < 0) return NN_EARG;
  if (!p->changed) {
    if ((size_t)n_bytes == end - start && memcmp(p->cps, in + start, end - start) == 0)
      return NN_OK; /* already normalized */
    if ((rc = start_output(p, in, len, start)) != NN_OK) return rc;
  } else {
    p->out->len = out_at;
  }
  return buf_put(p->out, p->cps, (size_t)n_bytes);
}

/* Appends byte c to the output, which has been started. */
#define PUT_BYTE(p, c)                                                          \
  do {                                                                          \
    if ((p)->out->len == (p)->out->cap && (rc = nn_buf_reserve((p)->out, 1)) != NN_OK) \
      return rc;                                                                \
    (p)->out->data[(p)->out->len++] = (char)(c);                                \
  } while (0)

/* The character pass over in[0..len).  Returns NN_OK, NEED_REPAIR at the
 * first invalid sequence (unless o->invalid asks for an error: NN_EUTF8
 * with *bad set), or a memory error. */
static int char_pass_run(char_pass *p, const unsigned char *in, size_t len, size_t *bad)
{
  size_t i = 0, bound_in = 0, bound_out = 0;
  uint8_t prev_ccc = 0;
  int rc;
  const int casefold = p->o->casefold, controls = p->o->controls;
  while (i < len) {
    size_t before = i;
    int32_t cp;
    size_t n;
    const nn_normprop *np;
    /* ASCII, eight bytes at a time */
    if (!p->changed) {
      if (!p->ascii_work) {
        while (i + 8 <= len && !(load64(in + i) & HIGH_BITS)) i += 8;
      } else {
        while (i + 8 <= len) {
          uint64_t w = load64(in + i);
          if ((w & HIGH_BITS) || (casefold && ascii_upper_bits(w)) ||
              (controls && ascii_control_bits(w)))
            break;
          i += 8;
        }
      }
    } else {
      nn_buf *out = p->out;
      while (i + 8 <= len) {
        uint64_t w = load64(in + i);
        if ((w & HIGH_BITS) || (controls && ascii_control_bits(w))) break;
        if (casefold) w |= ascii_upper_bits(w) >> 2;
        if (out->cap - out->len < 8 && (rc = nn_buf_reserve(out, 8)) != NN_OK) return rc;
        memcpy(out->data + out->len, &w, 8);
        out->len += 8;
        i += 8;
      }
    }
    if (i > before) { /* the last ASCII byte is a boundary */
      bound_in = i - 1;
      bound_out = p->changed ? p->out->len - 1 : bound_in;
      prev_ccc = 0;
    }
    if (i >= len) break;
    { /* Characters that are boundaries and need nothing, without the
       * bookkeeping of the general path below. */
      size_t run = i, last = i;
      while (i < len) {
        unsigned c = in[i];
        int32_t v;
        size_t k;
        if (c < 0x80) {
          if (i + 8 <= len) {
            uint64_t w = load64(in + i);
            if ((w & HIGH_BITS) && !p->ascii_work) { /* the ASCII before a letter */
              i += ascii_before_high(in + i, w & HIGH_BITS);
              last = i - 1;
              continue;
            }
            if (!(w & HIGH_BITS)) {
              /* once writing, the word loop folds and copies ASCII faster */
              if (p->changed && p->ascii_work) break;
              if ((casefold && ascii_upper_bits(w)) || (controls && ascii_control_bits(w))) break;
              i += 8;
              if (!p->ascii_work) /* a long ASCII run */
                while (i + 8 <= len && !(load64(in + i) & HIGH_BITS)) i += 8;
              last = i - 1;
              continue;
            }
          }
          if (p->ascii_class[c] != ASCII_KEEP) break;
          last = i++;
          continue;
        }
        /* Whole blocks that need nothing are known from the leading bytes;
         * other characters are looked up one by one. */
        if (c < 0xE0) {
          if (c < 0xC2 || i + 1 >= len || (in[i + 1] & 0xC0) != 0x80) break;
          k = 2;
          if (!((p->lead2 >> (c & 0x1F)) & 1)) {
            v = (int32_t)(((c & 0x1Fu) << 6) | (in[i + 1] & 0x3Fu));
            if ((p->any_clean && may_clean(v)) || !p->inert[nn_normprop_index(v)]) break;
          }
        } else if (c < 0xF0) {
          unsigned b1, block;
          if (i + 2 >= len) break;
          b1 = in[i + 1];
          if ((b1 & 0xC0) != 0x80 || (in[i + 2] & 0xC0) != 0x80 || (c == 0xE0 && b1 < 0xA0)) break;
          k = 3;
          block = ((c & 0x0Fu) << 6) | (b1 & 0x3Fu);
          if (!((p->blocks[block >> 3] >> (block & 7)) & 1)) {
            v = (int32_t)((block << 6) | (in[i + 2] & 0x3Fu));
            if ((v >= 0xD800 && v <= 0xDFFF) || (p->any_clean && may_clean(v)) ||
                !p->inert[nn_normprop_index(v)])
              break;
          }
        } else {
          break;
        }
        last = i;
        i += k;
      }
      if (i > run) {
        if (p->changed && (rc = buf_put(p->out, in + run, i - run)) != NN_OK) return rc;
        bound_in = last;
        bound_out = p->changed ? p->out->len - (i - last) : last;
        prev_ccc = 0;
        continue;
      }
    }
    if (in[i] < 0x80) {
      unsigned char c = in[i];
      unsigned char k = p->ascii_class[c];
      if (k == ASCII_DROP) {
        if (!p->changed && (rc = start_output(p, in, len, i)) != NN_OK) return rc;
        i++;
        continue;
      }
      if (k == ASCII_LOWER) {
        if (!p->changed && (rc = start_output(p, in, len, i)) != NN_OK) return rc;
        c = (unsigned char)(c + 0x20);
      }
      bound_in = i;
      bound_out = p->changed ? p->out->len : i;
      if (p->changed) PUT_BYTE(p, c);
      prev_ccc = 0;
      i++;
      continue;
    }
    n = nn_utf8_decode(in + i, len - i, &cp);
    if (cp == NN_UTF8_INVALID) {
      *bad = i;
      return p->o->invalid == NN_INVALID_ERROR ? NN_EUTF8 : NEED_REPAIR;
    }
    if (p->any_clean) {
      const char *rep;
      int act = clean_char(p, cp, &rep);
      if (act != CLEAN_KEEP) {
        if (!p->changed && (rc = start_output(p, in, len, i)) != NN_OK) return rc;
        if (act == CLEAN_REPLACE) {
          bound_in = i;
          bound_out = p->out->len;
          if ((rc = buf_put(p->out, rep, strlen(rep))) != NN_OK) return rc;
          prev_ccc = 0;
        }
        i += n;
        continue;
      }
    }
    np = nn_normprop_of(cp);
    if ((np->flags & p->need_mask) || (np->ccc != 0 && np->ccc < prev_ccc)) {
      size_t end = i + n;
      /* A letter that folds to one letter of the same length (Latin, Greek,
       * Cyrillic) needs nothing else: fold it here. */
      if ((np->flags & p->need_mask) == NN_NF_FOLDS && np->ccc == 0 && cp < NN_FOLD_LIMIT &&
          nn_fold_table[cp] != 0) {
        if (!p->changed && (rc = start_output(p, in, len, i)) != NN_OK) return rc;
        bound_in = i;
        bound_out = p->out->len;
        if ((rc = buf_put_cp(p->out, nn_fold_table[cp])) != NN_OK) return rc;
        prev_ccc = 0;
        i += n;
        continue;
      }
      /* The piece runs from the last boundary to the next one. */
      while (end < len) {
        int32_t c2;
        size_t n2 = nn_utf8_decode(in + end, len - end, &c2);
        if (c2 == NN_UTF8_INVALID || is_boundary(p, c2)) break;
        end += n2;
      }
      rc = normalize_piece(p, in, len, bound_in, end, bound_out);
      if (rc != NN_OK) return rc;
      i = end;
      bound_in = end;
      bound_out = p->changed ? p->out->len : end;
      prev_ccc = 0;
      continue;
    }
    if (np->ccc == 0 && (np->flags & p->start_mask)) {
      bound_in = i;
      bound_out = p->changed ? p->out->len : i;
    }
    if (p->changed && (rc = buf_put(p->out, in + i, n)) != NN_OK) return rc;
    prev_ccc = np->ccc;
    i += n;
  }
  return NN_OK;
}

/* ---- pass 1: HTML markup ---------------------------------------------------------------- */

static inline int is_alpha(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int is_alnum(unsigned char c)
{
  return is_alpha(c) || (c >= '0' && c <= '9');
}

static inline unsigned char lower_ascii(unsigned char c)
{
  return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 0x20) : c;
}

/* Does s[0..len) start with the ASCII word w, ignoring case? */
static int starts_with_ci(const unsigned char *s, size_t len, const char *w)
{
  size_t i;
  for (i = 0; w[i]; i++)
    if (i >= len || lower_ascii(s[i]) != (unsigned char)w[i]) return 0;
  return 1;
}

/* Finds the ASCII word w (lower case) in s[from..len), ignoring case;
 * returns its offset or len. */
static size_t find_ci(const unsigned char *s, size_t len, size_t from, const char *w)
{
  size_t i;
  for (i = from; i < len; i++)
    if (lower_ascii(s[i]) == (unsigned char)w[0] && starts_with_ci(s + i, len - i, w)) return i;
  return len;
}

static size_t find_bytes(const unsigned char *s, size_t len, size_t from, const char *w)
{
  size_t wl = strlen(w), i;
  for (i = from; i + wl <= len; i++)
    if (s[i] == (unsigned char)w[0] && memcmp(s + i, w, wl) == 0) return i;
  return len;
}

/* find_bytes that remembers where a search failed: w is not found after
 * *fail_from either, so unterminated comments or tags repeated many times
 * cost one scan, not one each. */
static size_t find_once(const unsigned char *s, size_t len, size_t from, const char *w,
                        size_t *fail_from)
{
  size_t j;
  if (from >= *fail_from) return len;
  j = find_bytes(s, len, from, w);
  if (j >= len) *fail_from = from;
  return j;
}

/* Windows-1252 for 0x80..0x9F, as HTML maps numeric references there
 * (0 where the byte is undefined and the code point is kept). */
static const uint16_t cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* Decodes the character reference at s[0] == '&'; returns the bytes it
 * takes (0 when it is not one) and writes its text to dst. */
static size_t decode_entity(const unsigned char *s, size_t len, nn_buf *dst, int *rc)
{
  size_t i = 1;
  *rc = NN_OK;
  if (i < len && s[i] == '#') {
    int hex = 0;
    uint32_t v = 0;
    size_t digits = 0;
    i++;
    if (i < len && (s[i] == 'x' || s[i] == 'X')) {
      hex = 1;
      i++;
    }
    for (; i < len; i++) {
      unsigned d;
      unsigned char c = s[i];
      if (c >= '0' && c <= '9') d = c - '0';
      else if (hex && c >= 'a' && c <= 'f') d = c - 'a' + 10;
      else if (hex && c >= 'A' && c <= 'F') d = c - 'A' + 10;
      else break;
      digits++;
      v = v * (hex ? 16u : 10u) + d;
      if (v > 0x10FFFF) v = 0x110000; /* saturate: out of range anyway */
    }
    if (digits == 0) return 0;
    if (i < len && s[i] == ';') i++;
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) v = 0xFFFD;
    else if (v >= 0x80 && v <= 0x9F && cp1252_high[v - 0x80]) v = cp1252_high[v - 0x80];
    *rc = buf_put_cp(dst, (int32_t)v);
    return i;
  }
  {
    size_t name_len = 0, lo = 0, hi = NN_HTML_ENTITY_COUNT;
    while (i + name_len < len && is_alnum(s[i + name_len]) && name_len <= NN_HTML_ENTITY_MAX_NAME)
      name_len++;
    if (name_len == 0 || name_len > NN_HTML_ENTITY_MAX_NAME) return 0;
    while (lo < hi) { /* binary search in byte order */
      size_t mid = lo + (hi - lo) / 2;
      const nn_html_entity *e = &nn_html_entities[mid];
      size_t m = e->name_len < name_len ? e->name_len : name_len;
      int cmp = memcmp(e->name, s + i, m);
      if (cmp == 0) cmp = (e->name_len > name_len) - (e->name_len < name_len);
      if (cmp == 0) {
        size_t after = i + name_len;
        if (after < len && s[after] == ';') after++;
        else if (!e->legacy || (after < len && s[after] == '=')) return 0;
        *rc = buf_put(dst, e->utf8, e->utf8_len);
        return after;
      }
      if (cmp < 0) lo = mid + 1;
      else hi = mid;
    }
    return 0;
  }
}

/* Block elements: their tags become paragraph breaks. */
static int is_block_tag(const unsigned char *name, size_t n)
{
  static const char *const blocks[] = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "table", "tr", "section", "article", "header", "footer", "aside",
    "figure", "figcaption", "pre", "hr", "title", "main", "nav", NULL
  };
  size_t k, j;
  for (k = 0; blocks[k]; k++) {
    if (strlen(blocks[k]) != n) continue;
    for (j = 0; j < n && lower_ascii(name[j]) == (unsigned char)blocks[k][j]; j++) {}
    if (j == n) return 1;
  }
  return 0;
}

/* Emits the pending line breaks before text, dropping white space that
 * ended the text before them. */
static int flush_breaks(nn_buf *dst, int *pending)
{
  int rc = NN_OK;
  if (*pending && dst->len > 0) {
    while (dst->len > 0 && (dst->data[dst->len - 1] == ' ' || dst->data[dst->len - 1] == '\t' ||
                            dst->data[dst->len - 1] == '\n' || dst->data[dst->len - 1] == '\r'))
      dst->len--;
    rc = buf_put(dst, "\n\n", (size_t)*pending);
  }
  *pending = 0;
  return rc;
}

static int markup_pass(const unsigned char *s, size_t len, const nn_normalize_options *o,
                       nn_buf *dst, int *changed)
{
  size_t i = 0;
  /* where searches for "-->", "]]>" and ">" failed (see find_once) */
  size_t no_comment_end = (size_t)-1, no_cdata_end = (size_t)-1, no_gt = (size_t)-1;
  int pending = 0, rc, quotes_unreliable = 0;
  *changed = 0;
  if ((rc = nn_buf_reserve(dst, len)) != NN_OK) return rc;
  while (i < len) {
    unsigned char c = s[i];
    size_t j;
    if (c == '&' && o->entities) {
      size_t taken;
      if ((rc = flush_breaks(dst, &pending)) != NN_OK) return rc;
      taken = decode_entity(s + i, len - i, dst, &rc);
      if (rc != NN_OK) return rc;
      if (taken) {
        i += taken;
        *changed = 1;
        continue;
      }
    } else if (c == '<' && o->tags && i + 1 < len) {
      unsigned char d = s[i + 1];
      int end_tag = d == '/';
      size_t name_at = i + 1 + (size_t)end_tag, name_len = 0;
      if (d == '!' || d == '?') {
        /* Comments, CDATA, declarations; without their end they are text. */
        size_t stop;
        if (starts_with_ci(s + i, len - i, "<!--")) {
          j = find_once(s, len, i + 4, "-->", &no_comment_end);
          stop = j + 3;
        } else if (starts_with_ci(s + i, len - i, "<![cdata[")) {
          j = find_once(s, len, i + 9, "]]>", &no_cdata_end);
          stop = j + 3;
          if (j < len) {
            if ((rc = flush_breaks(dst, &pending)) != NN_OK) return rc;
            if ((rc = buf_put(dst, s + i + 9, j - (i + 9))) != NN_OK) return rc;
          }
        } else {
          j = find_once(s, len, i + 2, ">", &no_gt);
          stop = j + 1;
        }
        if (j < len) {
          *changed = 1;
          i = stop;
          continue;
        }
      }
      while (name_at + name_len < len && (is_alnum(s[name_at + name_len]) || s[name_at + name_len] == '-'))
        name_len++;
      if (name_len > 0 && is_alpha(s[name_at])) {
        /* The tag ends at '>' outside quoted attribute values; once that
         * failed (a quote left open, or no '>'), at the first '>'. */
        j = len;
        if (!quotes_unreliable) {
          unsigned char quote = 0;
          for (j = name_at + name_len; j < len; j++) {
            if (quote) {
              if (s[j] == quote) quote = 0;
            } else if (s[j] == '"' || s[j] == '\'') {
              quote = s[j];
            } else if (s[j] == '>') {
              break;
            }
          }
          if (j >= len) quotes_unreliable = 1;
        }
        if (j >= len && quotes_unreliable) j = find_once(s, len, name_at + name_len, ">", &no_gt);
        if (j < len) {
          const unsigned char *name = s + name_at;
          *changed = 1;
          i = j + 1;
          if (name_len == 2 && lower_ascii(name[0]) == 'b' && lower_ascii(name[1]) == 'r') {
            if (pending < 2) pending++;
          } else if (is_block_tag(name, name_len)) {
            pending = 2;
          } else if (!end_tag && name_len == 2 && lower_ascii(name[0]) == 't' &&
                     (lower_ascii(name[1]) == 'd' || lower_ascii(name[1]) == 'h')) {
            /* a table cell after another: keep their texts apart */
            if (!pending && dst->len > 0 && dst->data[dst->len - 1] != ' ' &&
                dst->data[dst->len - 1] != '\n' && (rc = buf_put(dst, " ", 1)) != NN_OK)
              return rc;
          } else if (!end_tag && s[j - 1] != '/' &&
                     ((name_len == 6 && starts_with_ci(name, 6, "script")) ||
                      (name_len == 5 && starts_with_ci(name, 5, "style")))) {
            /* Drop the contents up to the end tag (or the end of the text). */
            size_t close = find_ci(s, len, i, name_len == 6 ? "</script" : "</style");
            if (close < len) {
              close = find_bytes(s, len, close, ">");
              i = close < len ? close + 1 : len;
            } else {
              i = len;
            }
          }
          continue;
        }
      }
    }
    /* Plain text: copy up to the next '<' or '&', absorbing white space
     * where a line break is pending. */
    if (pending) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
        *changed = 1;
        continue;
      }
      if ((rc = flush_breaks(dst, &pending)) != NN_OK) return rc;
    }
    for (j = i + 1; j < len && s[j] != '<' && s[j] != '&'; j++) {}
    if ((rc = buf_put(dst, s + i, j - i)) != NN_OK) return rc;
    i = j;
  }
  if (pending) *changed = 1;
  return NN_OK;
}

/* ---- pass 2: mojibake ------------------------------------------------------------------- */

/* The byte 0x80..0xBF that a continuation byte became when UTF-8 was read as
 * Windows-1252 or Latin-1 and written again as UTF-8; -1 if none. */
static int continuation_byte(int32_t cp)
{
  int b;
  if (cp >= 0x80 && cp <= 0xBF) return (int)cp;
  for (b = 0; b < 32; b++)
    if (cp1252_high[b] == cp) return 0x80 + b;
  return -1;
}

/* Does the text in b end with a lead character (U+00C2..U+00F4) and fewer
 * continuation characters than that lead needs, so that one more
 * continuation character would complete the sequence? */
static int ends_in_open_sequence(const nn_buf *b)
{
  const unsigned char *d = (const unsigned char *)b->data;
  size_t end = b->len, seen = 0;
  while (end > 0 && seen < 3) {
    size_t start = end - 1;
    int32_t c;
    while (start > 0 && (d[start] & 0xC0) == 0x80 && end - start < 4) start--;
    nn_utf8_decode(d + start, end - start, &c);
    if (c >= 0xC2 && c <= 0xF4) return seen + 1 <= (size_t)(c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3);
    if (continuation_byte(c) < 0) return 0;
    seen++;
    end = start;
  }
  return 0;
}

/* Repairs, once, every sequence "lead character + continuation characters"
 * that spells valid UTF-8 for a character U+00A0 or above. */
static int mojibake_round(const unsigned char *s, size_t len, nn_buf *dst, int *changed)
{
  size_t i = 0, copied = 0;
  int started = 0; /* dst holds s[0..copied) */
  *changed = 0;
  while (i < len) {
    const unsigned char *hit = memchr(s + i, 0xC3, len - i);
    unsigned char bytes[4];
    size_t at, k, need, pos;
    int32_t cp;
    int rc;
    if (!hit) break;
    at = (size_t)(hit - s);
    i = at + 1;
    /* Lead characters U+00C2..U+00F4 are C3 82..C3 B4. */
    if (at + 1 >= len || s[at + 1] < 0x82 || s[at + 1] > 0xB4) continue;
    bytes[0] = (unsigned char)(0xC0 + (s[at + 1] & 0x3F));
    need = bytes[0] < 0xE0 ? 1 : bytes[0] < 0xF0 ? 2 : 3;
    pos = at + 2;
    for (k = 1; k <= need; k++) {
      int32_t c;
      int b;
      size_t n;
      if (pos >= len) break;
      n = nn_utf8_decode(s + pos, len - pos, &c);
      b = continuation_byte(c);
      if (b < 0) break;
      bytes[k] = (unsigned char)b;
      pos += n;
    }
    if (k <= need) continue;
    if (nn_utf8_decode(bytes, need + 1, &cp) != need + 1 || cp < 0x80) continue;
    if (!started && (rc = nn_buf_reserve(dst, len)) != NN_OK) return rc;
    if ((rc = buf_put(dst, s + copied, at - copied)) != NN_OK) return rc;
    copied = at;
    started = 1;
    /* A C1 control is only the middle of a double encoding: it must
     * continue a sequence that the next round repairs. */
    if (cp < 0xA0 && !ends_in_open_sequence(dst)) continue;
    if ((rc = buf_put(dst, bytes, need + 1)) != NN_OK) return rc;
    copied = i = pos;
    *changed = 1;
  }
  if (started) return buf_put(dst, s + copied, len - copied);
  return NN_OK;
}

/* ---- pass 4: lines ---------------------------------------------------------------------- */

static int is_white_space(int32_t cp)
{
  return (nn_uniprop_of(cp)->flags & NN_UF_WHITE_SPACE) != 0;
}

static int lines_pass(const unsigned char *s, size_t len, const nn_normalize_options *o,
                      nn_buf *dst, int *changed)
{
  size_t i = 0, newlines = 0, start, end;
  int space = 0, line_start = 1, rc;
  *changed = 0;
  if (o->newlines || o->collapse) {
    if ((rc = nn_buf_reserve(dst, len)) != NN_OK) return rc;
    while (i < len) {
      unsigned char c = s[i];
      size_t n = 1;
      int kind = 0; /* 0 text, 1 horizontal space, 2 line feed, 3 form feed */
      if (c == '\n') {
        kind = 2;
      } else if (c == ' ' || c == '\t') {
        kind = 1;
      } else if (c == '\r' || c == '\v') {
        if (o->newlines) {
          kind = 2;
          if (c == '\r' && i + 1 < len && s[i + 1] == '\n') n = 2;
        } else {
          kind = c == '\v' ? 3 : 0;
        }
      } else if (c == '\f') {
        kind = 3;
      } else if (o->newlines && c == 0xC2 && i + 1 < len && s[i + 1] == 0x85) {
        kind = 2;
        n = 2;
      } else if (o->newlines && c == 0xE2 && i + 2 < len && s[i + 1] == 0x80 &&
                 (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
        kind = 2;
        n = 3;
      }
      if (!o->collapse) {
        if (kind == 2) rc = buf_put(dst, "\n", 1);
        else rc = buf_put(dst, s + i, n);
        if (rc != NN_OK) return rc;
        i += n;
        continue;
      }
      if (kind == 1) {
        space = 1;
      } else if (kind == 2) {
        newlines++;
        space = 0;
        line_start = 1;
      } else {
        if (newlines) {
          if ((rc = buf_put(dst, "\n\n", newlines > 2 ? 2 : newlines)) != NN_OK) return rc;
          newlines = 0;
        } else if (space && !line_start && kind != 3) {
          if ((rc = buf_put(dst, " ", 1)) != NN_OK) return rc;
        }
        space = 0;
        line_start = kind == 3;
        if ((rc = buf_put(dst, s + i, n)) != NN_OK) return rc;
      }
      i += n;
    }
    if (o->collapse && newlines) {
      if ((rc = buf_put(dst, "\n\n", newlines > 2 ? 2 : newlines)) != NN_OK) return rc;
    }
    *changed = dst->len != len || (len > 0 && memcmp(dst->data, s, len) != 0);
    if (*changed) {
      s = (const unsigned char *)dst->data;
      len = dst->len;
    } else {
      dst->len = 0;
    }
  }
  if (!o->trim) return NN_OK;
  /* Trim White_Space at both ends (the text is valid UTF-8 here). */
  start = 0;
  while (start < len) {
    int32_t cp;
    size_t n = nn_utf8_decode(s + start, len - start, &cp);
    if (!is_white_space(cp)) break;
    start += n;
  }
  end = len;
  while (end > start) {
    size_t k = end - 1;
    int32_t cp;
    while (k > start && (s[k] & 0xC0) == 0x80) k--;
    nn_utf8_decode(s + k, end - k, &cp);
    if (!is_white_space(cp)) break;
    end = k;
  }
  if (start == 0 && end == len) return NN_OK;
  if (*changed) { /* trim in place */
    memmove(dst->data, dst->data + start, end - start);
    dst->len = end - start;
    return NN_OK;
  }
  *changed = 1;
  return buf_put(dst, s + start, end - start);
}

/* ---- the driver ------------------------------------------------------------------------- */

/* The text between passes: the input itself or one of two scratch buffers. */
typedef struct stage {
  const unsigned char *s;
  size_t len;
  int in_buf; /* index into bufs of the buffer holding s, or -1 */
  nn_buf bufs[2];
  int changed;
} stage;

/* A free scratch buffer (not the one holding the current text), emptied. */
static nn_buf *free_buf(stage *st)
{
  nn_buf *b = &st->bufs[st->in_buf == 0 ? 1 : 0];
  b->len = 0;
  return b;
}

static void stage_take(stage *st, nn_buf *b)
{
  st->in_buf = (int)(b - st->bufs);
  st->s = (const unsigned char *)b->data;
  st->len = b->len;
  st->changed = 1;
}

static int run_passes(stage *st, const nn_normalize_options *o, size_t *error_offset)
{
  int rc, changed;
  nn_buf *b;
  if (o->tags || o->entities || o->mojibake) {
    size_t bad = nn_utf8_invalid_offset((const char *)st->s, st->len);
    if (bad < st->len) {
      if (o->invalid == NN_INVALID_ERROR) {
        *error_offset = bad;
        return NN_EUTF8;
      }
      b = free_buf(st);
      if ((rc = repair_utf8(st->s, st->len, o->invalid == NN_INVALID_DROP, b)) != NN_OK) return rc;
      stage_take(st, b);
    }
    if (o->tags || o->entities) {
      b = free_buf(st);
      if ((rc = markup_pass(st->s, st->len, o, b, &changed)) != NN_OK) return rc;
      if (changed) stage_take(st, b);
    }
    if (o->mojibake) {
      int round;
      for (round = 0; round < 3; round++) { /* double encodings take two */
        b = free_buf(st);
        if ((rc = mojibake_round(st->s, st->len, b, &changed)) != NN_OK) return rc;
        if (!changed) break;
        stage_take(st, b);
      }
    }
  }
  {
    char_pass p;
    size_t bad = 0;
    b = free_buf(st);
    char_pass_init(&p, o, b);
    rc = char_pass_run(&p, st->s, st->len, &bad);
    if (rc == NEED_REPAIR) {
      /* Rare: repair into the free buffer, then run again from the other. */
      nn_buf *r = b;
      r->len = 0;
      if ((rc = repair_utf8(st->s, st->len, o->invalid == NN_INVALID_DROP, r)) == NN_OK) {
        stage_take(st, r);
        b = free_buf(st);
        p.out = b;
        p.changed = 0;
        rc = char_pass_run(&p, st->s, st->len, &bad);
      }
    }
    char_pass_free(&p);
    if (rc == NN_EUTF8) *error_offset = bad;
    if (rc != NN_OK) return rc;
    if (p.changed) stage_take(st, b);
  }
  if (o->newlines || o->collapse || o->trim) {
    b = free_buf(st);
    if ((rc = lines_pass(st->s, st->len, o, b, &changed)) != NN_OK) return rc;
    if (changed) stage_take(st, b);
  }
  return NN_OK;
}

int nn_normalize(const char *s, size_t len, const nn_normalize_options *o, nn_buf *out,
                 int *changed, size_t *error_offset)
{
  stage st;
  int rc;
  st.s = (const unsigned char *)s;
  st.len = len;
  st.in_buf = -1;
  st.changed = 0;
  /* out's memory serves as the first scratch buffer, so that a caller who
   * normalizes many texts with one nn_buf allocates once. */
  st.bufs[0] = *out;
  st.bufs[0].len = 0;
  nn_buf_init(&st.bufs[1], out->alloc);
  nn_buf_init(out, st.bufs[0].alloc);
  *changed = 0;
  rc = run_passes(&st, o, error_offset);
  if (rc == NN_OK && st.changed) {
    *out = st.bufs[st.in_buf];
    nn_buf_init(&st.bufs[st.in_buf], out->alloc);
    *changed = 1;
  } else {
    *out = st.bufs[0];
    out->len = 0;
    nn_buf_init(&st.bufs[0], out->alloc);
  }
  nn_buf_free(&st.bufs[0]);
  nn_buf_free(&st.bufs[1]);
  return rc;
}
