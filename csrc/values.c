/* Values: money, percentages, dates, times, weekdays and ordinals, read
 * from the token stream and the words around numbers (nn_values.h). */
#include <string.h>

#include "nn_entity_data.h"
#include "nn_tokenize.h"
#include "nn_value_data.h"
#include "nn_values.h"

static const char *const kind_names[] = { "money", "percent", "date", "time", "weekday", "ordinal" };

const char *nn_value_kind_name(int kind)
{
  return kind >= 0 && kind < 6 ? kind_names[kind] : NULL;
}

const nn_value_word *nn_value_word_entries(const char *key, size_t n, size_t *count)
{
  uint32_t b;
  size_t i, end;
  *count = 0;
  if (n == 0 || !((nn_value_first_byte[(unsigned char)key[0]] >> (n < 63 ? n : 63)) & 1))
    return NULL;
  b = nn_entity_hash(key, n) >> (32 - NN_VALUE_BUCKET_BITS);
  end = nn_value_buckets[b + 1];
  for (i = nn_value_buckets[b]; i < end; i++) {
    const nn_value_word *w = &nn_value_words[i];
    if (w->len == n && memcmp(w->key, key, n) == 0) {
      size_t k = i + 1;
      while (k < end && nn_value_words[k].len == n && memcmp(nn_value_words[k].key, key, n) == 0)
        k++;
      *count = k - i;
      return w;
    }
  }
  *count = 0;
  return NULL;
}

const nn_value_word *nn_value_word_find(const char *key, size_t n, int cls)
{
  size_t count, k;
  const nn_value_word *w = nn_value_word_entries(key, n, &count);
  for (k = 0; k < count; k++)
    if (w[k].cls == cls) return &w[k];
  return NULL;
}

void nn_values_init(nn_values *v, const nn_allocator *a)
{
  v->alloc = a;
  v->lang = NN_ENTITY_LANG_EN;
  nn_buf_init(&v->values, a);
  nn_buf_init(&v->toks, a);
  nn_buf_init(&v->words, a);
}

void nn_values_free(nn_values *v)
{
  nn_buf_free(&v->values);
  nn_buf_free(&v->toks);
  nn_buf_free(&v->words);
}

/* ---- reading ------------------------------------------------------------------------ */

/* The data entries of a token's lower case, looked up once. */
typedef struct token_words {
  const nn_value_word *first;
  uint32_t count;
  uint32_t classes; /* 1 << class of each entry */
} token_words;

typedef struct reader {
  const char *s;
  size_t len;
  const nn_token *t;
  const token_words *w;
  size_t n;
  int english;
} reader;

#define MAX_WORD 32

static const char *text(const reader *r, size_t i) { return r->s + r->t[i].start; }
static size_t end_of(const reader *r, size_t i) { return r->t[i].start + r->t[i].len; }

static int is_ascii_digit(int c) { return c >= '0' && c <= '9'; }

/* Is token i the text lit? */
static int tok_is(const reader *r, size_t i, const char *lit)
{
  size_t n = strlen(lit);
  return i < r->n && r->t[i].len == n && memcmp(text(r, i), lit, n) == 0;
}

/* The data entry of tokens i (and i + 1 when two is set: "per cent"),
 * lower-cased, of class cls; NULL when the tokens are not one. */
static const nn_value_word *word_at(const reader *r, size_t i, int two, int cls)
{
  char key[2 * MAX_WORD + 1];
  size_t k = 0, j, last = i + (two ? 1 : 0);
  if (last >= r->n) return NULL;
  for (j = i; j <= last; j++) {
    size_t m;
    if (r->t[j].len > MAX_WORD) return NULL;
    if (j > i) {
      if (!(r->t[j].flags & NN_TF_SPACE_BEFORE)) return NULL;
      key[k++] = '_';
    }
    for (m = 0; m < r->t[j].len; m++) {
      char c = text(r, j)[m];
      key[k++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
  }
  return nn_value_word_find(key, k, cls);
}

/* An English word of class cls at token i: one token, or two (the longer
 * first); the number of tokens, or 0. */
static size_t english_word(const reader *r, size_t i, int cls, const nn_value_word **out)
{
  const token_words *tw;
  size_t k;
  if (!r->english || i >= r->n) return 0;
  tw = &r->w[i];
  if ((tw->classes & (1u << NN_VW_PHRASE_START)) && (*out = word_at(r, i, 1, cls)) != NULL)
    return 2;
  if (!(tw->classes & (1u << cls))) return 0;
  for (k = 0; k < tw->count; k++)
    if (tw->first[k].cls == cls) {
      *out = &tw->first[k];
      return 1;
    }
  return 0;
}

static int capitalized(const reader *r, size_t i)
{
  return (r->t[i].flags & NN_TF_CAPITALIZED) != 0;
}

/* A decimal number with optional thousands commas and a fraction, in
 * s[0..n); stores it and the length read.  Returns 0 when s does not start
 * with one. */
static int read_decimal(const char *s, size_t n, double *value, size_t *used)
{
  size_t i = 0, digits = 0, group = 0;
  double v = 0;
  int commas = 0;
  while (i < n) {
    if (is_ascii_digit((unsigned char)s[i])) {
      v = v * 10 + (s[i] - '0');
      digits++;
      group++;
      i++;
    } else if (s[i] == ',' && digits > 0 && (commas ? group == 3 : group <= 3) && i + 3 < n &&
               is_ascii_digit((unsigned char)s[i + 1]) &&
               is_ascii_digit((unsigned char)s[i + 2]) && is_ascii_digit((unsigned char)s[i + 3]) &&
               (i + 4 >= n || !is_ascii_digit((unsigned char)s[i + 4]))) {
      commas = 1;
      group = 0;
      i++;
    } else {
      break;
    }
  }
  if (digits == 0) return 0;
  if (i + 1 < n && s[i] == '.' && is_ascii_digit((unsigned char)s[i + 1])) {
    double scale = 1;
    i++;
    while (i < n && is_ascii_digit((unsigned char)s[i])) {
      scale /= 10;
      v += (s[i] - '0') * scale;
      i++;
    }
  }
  *value = v;
  *used = i;
  return 1;
}

static double pow10_of(int e)
{
  double p = 1;
  while (e-- > 0) p *= 10;
  return p;
}

/* A scale suffix written onto a number: 3.5bn, 20m, 5k, 1tn. */
static int suffix_scale(const char *s, size_t n, int *exp10)
{
  char b[4];
  size_t i;
  if (n == 0 || n > 3) return n == 0;
  for (i = 0; i < n; i++) b[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
  if (n == 1 && (b[0] == 'm')) *exp10 = 6;
  else if (n == 1 && b[0] == 'k') *exp10 = 3;
  else if (n == 1 && b[0] == 'b') *exp10 = 9;
  else if (n == 2 && b[0] == 'b' && b[1] == 'n') *exp10 = 9;
  else if (n == 2 && b[0] == 'm' && b[1] == 'n') *exp10 = 6;
  else if (n == 2 && b[0] == 't' && b[1] == 'n') *exp10 = 12;
  else if (n == 3 && memcmp(b, "mln", 3) == 0) *exp10 = 6;
  else if (n == 3 && memcmp(b, "bln", 3) == 0) *exp10 = 9;
  else return 0;
  return 1;
}

/* A number token (1,234.5, 3.5, 3.5bn): its value.  Years, ranges and
 * other number shapes (1990s, 9/11, 1990-91) are not amounts. */
static int token_number(const reader *r, size_t i, double *value)
{
  size_t used;
  int e = 0;
  if (i >= r->n || r->t[i].kind != NN_TOKEN_NUMBER) return 0;
  if (!read_decimal(text(r, i), r->t[i].len, value, &used)) return 0;
  if (!suffix_scale(text(r, i) + used, r->t[i].len - used, &e)) return 0;
  *value *= pow10_of(e);
  return 1;
}

/* A plain whole number token of at most digits digits: its value, or -1. */
static long small_int(const reader *r, size_t i, size_t digits)
{
  size_t k;
  long v = 0;
  if (i >= r->n || r->t[i].kind != NN_TOKEN_NUMBER || r->t[i].len > digits) return -1;
  for (k = 0; k < r->t[i].len; k++) {
    char c = text(r, i)[k];
    if (!is_ascii_digit((unsigned char)c)) return -1;
    v = v * 10 + (c - '0');
  }
  return v;
}

/* A day of the month: 1..31, or 1st..31st. */
static int day_at(const reader *r, size_t i)
{
  long d = small_int(r, i, 2);
  if (d < 0 && i < r->n && r->t[i].kind == NN_TOKEN_ORDINAL && r->t[i].len >= 3 &&
      r->t[i].len <= 4) {
    size_t k;
    d = 0;
    for (k = 0; k < r->t[i].len - 2; k++) {
      char c = text(r, i)[k];
      if (!is_ascii_digit((unsigned char)c)) return 0;
      d = d * 10 + (c - '0');
    }
  }
  return d >= 1 && d <= 31 ? (int)d : 0;
}

static int year_at(const reader *r, size_t i)
{
  long y = small_int(r, i, 4);
  return y >= 1000 && y <= 2999 ? (int)y : 0;
}

static int valid_date(int y, int m, int d)
{
  static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if (m < 1 || m > 12) return 0;
  if (d == 0) return 1;
  if (d < 1 || d > days[m - 1]) return 0;
  if (m == 2 && d == 29 && y && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 0;
  return 1;
}

/* ---- the readings at a token -------------------------------------------------------- */

static void clear(nn_value *v, int kind)
{
  memset(v, 0, sizeof *v);
  v->kind = kind;
  v->hour = v->minute = v->second = -1;
}

/* A currency symbol or code s[0..n): its code and divisor. */
static int currency_of(const char *s, size_t n, int code_ok, char code[4], int *divisor)
{
  char key[MAX_WORD];
  size_t k;
  const nn_value_word *w;
  if (n == 0 || n >= MAX_WORD) return 0;
  for (k = 0; k < n; k++) key[k] = (char)((s[k] >= 'A' && s[k] <= 'Z') ? s[k] + 32 : s[k]);
  w = nn_value_word_find(key, n, NN_VW_SYMBOL);
  if (!w && code_ok) {
    for (k = 0; k < n; k++)
      if (!(s[k] >= 'A' && s[k] <= 'Z')) return 0; /* codes are written in capitals */
    w = nn_value_word_find(key, n, NN_VW_CODE);
  }
  if (!w) return 0;
  memcpy(code, w->text, 3);
  code[3] = 0;
  *divisor = w->cls == NN_VW_SYMBOL && w->value > 1 ? w->value : 1;
  return 1;
}

/* A money token ($134, US$1.2, £5bn, 20€, 50¢). */
static int money_token(const reader *r, size_t i, nn_value *v)
{
  const char *s = text(r, i);
  size_t n = r->t[i].len, p = 0, used, q;
  double amount;
  int e = 0, div = 1;
  char code[4] = "";
  while (p < n && !is_ascii_digit((unsigned char)s[p])) p++;
  if (p == n) return 0;
  if (!read_decimal(s + p, n - p, &amount, &used)) return 0;
  q = p + used;
  if (p > 0) {
    if (!currency_of(s, p, 1, code, &div)) return 0;
    if (!suffix_scale(s + q, n - q, &e)) return 0;
  } else {
    /* 20€, 5bn€: the scale letters, then the symbol */
    size_t k = q;
    while (k < n && ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z'))) k++;
    if (!suffix_scale(s + q, k - q, &e) || !currency_of(s + k, n - k, 0, code, &div)) return 0;
  }
  clear(v, NN_VALUE_MONEY);
  v->amount = amount * pow10_of(e) / div;
  v->flags = NN_VF_AMOUNT;
  memcpy(v->currency, code, 4);
  return 1;
}

/* Scale words after an amount: "million", "billion"... "$1.2 bn". */
static size_t scale_after(const reader *r, size_t i, double *amount)
{
  const nn_value_word *w;
  size_t k = english_word(r, i, NN_VW_SCALE, &w);
  if (k) *amount *= pow10_of(w->value);
  return k;
}

/* "dollars", "Canadian dollars", "pounds sterling", "USD": the currency
 * after an amount; tokens read, or 0. */
static size_t currency_after(const reader *r, size_t i, char code[4])
{
  const nn_value_word *q = NULL, *c = NULL;
  size_t nq = 0, nc;
  int div;
  if (i >= r->n) return 0;
  if (currency_of(text(r, i), r->t[i].len, 1, code, &div) && div == 1 &&
      r->t[i].kind == NN_TOKEN_WORD && r->t[i].len == 3)
    return 1; /* a code: "5 million EUR" */
  nq = english_word(r, i, NN_VW_QUALIFIER, &q);
  nc = english_word(r, i + nq, NN_VW_CURRENCY, &c);
  if (!nc) {
    if (!nq) return 0;
    nq = 0;
    nc = english_word(r, i, NN_VW_CURRENCY, &c);
    if (!nc) return 0;
  }
  memcpy(code, (nq && c->text[0] == 'U' && c->text[1] == 'S' && c->text[2] == 'D') ? q->text : c->text, 3);
  code[3] = 0;
  return nq + nc;
}

/* Money at token i: the token end (exclusive) of the reading, or 0. */
static size_t read_money(const reader *r, size_t i, nn_value *v)
{
  double amount;
  size_t j;
  char code[4];
  int div;
  if (r->t[i].kind == NN_TOKEN_MONEY && money_token(r, i, v)) {
    j = i + 1;
    j += scale_after(r, j, &v->amount);
    return j;
  }
  /* "$ 5", "US$ 1.2", "Rs 500", "USD 300" */
  if (i + 1 < r->n && currency_of(text(r, i), r->t[i].len, 1, code, &div) &&
      token_number(r, i + 1, &amount)) {
    clear(v, NN_VALUE_MONEY);
    v->amount = amount / div;
    v->flags = NN_VF_AMOUNT;
    memcpy(v->currency, code, 4);
    j = i + 2;
    j += scale_after(r, j, &v->amount);
    return j;
  }
  /* "5 million dollars", "300 EUR", "20 billion yen" */
  if (token_number(r, i, &amount)) {
    size_t k = i + 1, c;
    k += scale_after(r, k, &amount);
    c = currency_after(r, k, code);
    if (c) {
      clear(v, NN_VALUE_MONEY);
      v->amount = amount;
      v->flags = NN_VF_AMOUNT;
      memcpy(v->currency, code, 4);
      return k + c;
    }
  }
  return 0;
}

/* A percent token: 2.7%, 10-15%. */
static int percent_token(const reader *r, size_t i, nn_value *v)
{
  const char *s = text(r, i);
  size_t n = r->t[i].len, used, k;
  double a, b;
  if (!read_decimal(s, n, &a, &used)) return 0;
  clear(v, NN_VALUE_PERCENT);
  v->amount = a;
  v->flags = NN_VF_AMOUNT;
  k = used;
  if (k < n && s[k] == '-' && read_decimal(s + k + 1, n - k - 1, &b, &used)) {
    v->amount_to = b;
    v->flags |= NN_VF_RANGE;
    k += 1 + used;
  }
  return k + 1 == n ? s[k] == '%' : (k + 3 == n && memcmp(s + k, "\342\200\260", 3) == 0);
}

static size_t read_percent(const reader *r, size_t i, nn_value *v)
{
  double amount;
  const nn_value_word *w;
  size_t k;
  if (r->t[i].kind == NN_TOKEN_PERCENT) return percent_token(r, i, v) ? i + 1 : 0;
  if (!token_number(r, i, &amount)) return 0;
  clear(v, NN_VALUE_PERCENT);
  v->amount = amount;
  v->flags = NN_VF_AMOUNT;
  if (tok_is(r, i + 1, "%")) return i + 2;
  if ((k = english_word(r, i + 1, NN_VW_PERCENT, &w)) != 0) return i + 1 + k;
  if ((k = english_word(r, i + 1, NN_VW_POINTS, &w)) != 0) {
    v->flags |= NN_VF_POINTS;
    return i + 1 + k;
  }
  return 0;
}

/* A date token: 2024-05-01 (and a time after a T), 01.05.2024, 1/5/2024. */
static int date_token(const reader *r, size_t i, nn_value *v)
{
  const char *s = text(r, i);
  size_t n = r->t[i].len, k = 0;
  long part[3] = { 0, 0, 0 };
  size_t width[3] = { 0, 0, 0 };
  int p = 0, y, m, d;
  char sep = 0;
  while (k < n && p < 3) {
    if (is_ascii_digit((unsigned char)s[k])) {
      if (width[p] < 5) part[p] = part[p] * 10 + (s[k] - '0');
      width[p]++;
      k++;
    } else if ((s[k] == '-' || s[k] == '/' || s[k] == '.') && p < 2 && (!sep || sep == s[k])) {
      sep = s[k];
      p++;
      k++;
    } else {
      break;
    }
  }
  if (p != 2) return 0;
  clear(v, NN_VALUE_DATE);
  if (width[0] == 4) { /* y-m-d, y/m/d */
    y = (int)part[0], m = (int)part[1], d = (int)part[2];
  } else if (width[2] == 4 && sep == '.') { /* d.m.y */
    y = (int)part[2], m = (int)part[1], d = (int)part[0];
  } else if (width[2] == 4) { /* a/b/y: only a part above 12 tells which is the month */
    y = (int)part[2];
    if (part[0] > 12 && part[1] <= 12)
      m = (int)part[1], d = (int)part[0];
    else if (part[1] > 12 && part[0] <= 12)
      m = (int)part[0], d = (int)part[1];
    else
      m = d = 0;
  } else {
    return 0;
  }
  if (y < 1000 || y > 2999) return 0;
  if (m && !valid_date(y, m, d)) return 0;
  v->year = y;
  v->month = m;
  v->day = d;
  return 1;
}

/* Month and day, in either order, with an optional year. */
static size_t read_date(const reader *r, size_t i, nn_value *v)
{
  const nn_value_word *w;
  size_t k, j;
  int day, year;
  if (r->t[i].kind == NN_TOKEN_DATE) return date_token(r, i, v) ? i + 1 : 0;
  if (!r->english) return 0;
  /* March 1, 2027; Jan. 14; March 2027 */
  if (capitalized(r, i) && (k = english_word(r, i, NN_VW_MONTH, &w)) == 1) {
    j = i + 1;
    if ((day = day_at(r, j)) != 0 && !year_at(r, j)) {
      clear(v, NN_VALUE_DATE);
      v->month = w->value;
      v->day = day;
      j++;
      if (tok_is(r, j, ",") && (year = year_at(r, j + 1)) != 0) {
        v->year = year;
        j += 2;
      } else if ((year = year_at(r, j)) != 0) {
        v->year = year;
        j++;
      }
      return valid_date(v->year, v->month, v->day) ? j : 0;
    }
    if ((year = year_at(r, j)) != 0) {
      clear(v, NN_VALUE_DATE);
      v->month = w->value;
      v->year = year;
      return j + 1;
    }
    return 0;
  }
  /* 1 March 2027; 14th January */
  if ((day = day_at(r, i)) != 0 && i + 1 < r->n && capitalized(r, i + 1) &&
      english_word(r, i + 1, NN_VW_MONTH, &w) == 1) {
    clear(v, NN_VALUE_DATE);
    v->day = day;
    v->month = w->value;
    j = i + 2;
    if ((year = year_at(r, j)) != 0) {
      v->year = year;
      j++;
    }
    return valid_date(v->year, v->month, v->day) ? j : 0;
  }
  return 0;
}

/* The hour, minute and second of a time token: 10:30, 09:15:02, 10:30pm,
 * 9.30am, 10pm; meridiem is 0 (am), 12 (pm) or -1. */
static int time_token(const reader *r, size_t i, nn_value *v, int *meridiem)
{
  const char *s = text(r, i);
  size_t n = r->t[i].len, k = 0;
  int part[3] = { -1, -1, -1 }, p = 0;
  *meridiem = -1;
  while (k < n && p < 3) {
    int val = 0, digits = 0;
    while (k < n && is_ascii_digit((unsigned char)s[k]) && digits < 3) {
      val = val * 10 + (s[k] - '0');
      digits++;
      k++;
    }
    if (digits == 0 || digits > 2) return 0;
    part[p++] = val;
    if (k < n && (s[k] == ':' || s[k] == '.') && k + 1 < n && is_ascii_digit((unsigned char)s[k + 1]))
      k++;
    else
      break;
  }
  if (k < n) {
    char a = (char)(s[k] | 0x20);
    if ((a == 'a' || a == 'p') && k + 2 == n && (s[k + 1] | 0x20) == 'm')
      *meridiem = a == 'a' ? 0 : 12;
    else
      return 0;
  }
  clear(v, NN_VALUE_TIME);
  v->hour = part[0];
  v->minute = part[1] < 0 ? 0 : part[1];
  v->second = part[2];
  return 1;
}

static int apply_meridiem(nn_value *v, int meridiem)
{
  if (meridiem < 0) return v->hour <= 23;
  if (v->hour < 1 || v->hour > 12) return 0;
  v->hour = v->hour % 12 + meridiem;
  return 1;
}

static size_t read_time(const reader *r, size_t i, nn_value *v)
{
  const nn_value_word *w;
  size_t j, k;
  int meridiem = -1;
  if (r->t[i].kind == NN_TOKEN_TIME) {
    if (!time_token(r, i, v, &meridiem)) return 0;
    j = i + 1;
  } else if (small_int(r, i, 2) >= 1 && small_int(r, i, 2) <= 12 &&
             english_word(r, i + 1, NN_VW_MERIDIEM, &w) == 1) {
    clear(v, NN_VALUE_TIME);
    v->hour = (int)small_int(r, i, 2);
    v->minute = 0;
    j = i + 1;
  } else if ((k = english_word(r, i, NN_VW_CLOCK, &w)) == 1) {
    clear(v, NN_VALUE_TIME);
    v->hour = w->value;
    v->minute = 0;
    return i + 1;
  } else {
    return 0;
  }
  if (meridiem < 0 && english_word(r, j, NN_VW_MERIDIEM, &w) == 1) {
    meridiem = w->value;
    j++;
  }
  if (!apply_meridiem(v, meridiem) || v->minute > 59 || v->second > 60) return 0;
  if (j < r->n && (r->t[j].flags & NN_TF_ALL_CAPS) && english_word(r, j, NN_VW_ZONE, &w) == 1) {
    v->zone = r->t[j].start;
    v->zone_len = r->t[j].len;
    j++;
  }
  return j;
}

static size_t read_weekday(const reader *r, size_t i, nn_value *v)
{
  const nn_value_word *w;
  if (!capitalized(r, i) || english_word(r, i, NN_VW_WEEKDAY, &w) != 1) return 0;
  clear(v, NN_VALUE_WEEKDAY);
  v->amount = w->value;
  v->flags = NN_VF_AMOUNT;
  return i + 1;
}

static size_t read_ordinal(const reader *r, size_t i, nn_value *v)
{
  const nn_value_word *w;
  const char *s = text(r, i);
  size_t n = r->t[i].len, k;
  double num = 0;
  if (r->t[i].kind == NN_TOKEN_ORDINAL) {
    for (k = 0; k < n && is_ascii_digit((unsigned char)s[k]); k++) num = num * 10 + (s[k] - '0');
    if (k == 0) return 0;
  } else if (english_word(r, i, NN_VW_ORDINAL, &w) == 1) {
    num = w->value;
  } else if (r->english && r->t[i].kind == NN_TOKEN_WORD && n <= MAX_WORD &&
             (r->t[i].flags & NN_TF_HYPHENATED)) {
    /* twenty-first */
    const char *dash = memchr(s, '-', n);
    char key[MAX_WORD];
    const nn_value_word *tens, *unit;
    size_t a, b;
    if (!dash) return 0;
    a = (size_t)(dash - s);
    b = n - a - 1;
    for (k = 0; k < n; k++) key[k] = (char)((s[k] >= 'A' && s[k] <= 'Z') ? s[k] + 32 : s[k]);
    tens = nn_value_word_find(key, a, NN_VW_TENS);
    unit = nn_value_word_find(key + a + 1, b, NN_VW_ORDINAL);
    if (!tens || !unit || unit->value > 9) return 0;
    num = tens->value + unit->value;
  } else {
    return 0;
  }
  clear(v, NN_VALUE_ORDINAL);
  v->amount = num;
  v->flags = NN_VF_AMOUNT;
  return i + 1;
}

/* English text: at least 20 lower-case words and three in five of them
 * words of the English lexicon, or fewer lower-case words.  The first 64
 * lower-case words decide. */
static int looks_english(const reader *r)
{
  size_t i, lower = 0, known = 0;
  for (i = 0; i < r->n && lower < 64; i++) {
    const nn_entity_entry *e;
    if (r->t[i].kind != NN_TOKEN_WORD || !(r->t[i].flags & NN_TF_LOWERCASE)) continue;
    lower++;
    e = nn_entity_lookup(text(r, i), r->t[i].len);
    if (e && NN_EW_LEVEL(e->word) <= 50) known++;
  }
  return lower < 20 || known * 5 >= lower * 3;
}

/* Looks up the lower case of every token that could be a word of the data. */
static int token_words_of(nn_values *v, reader *r)
{
  size_t i;
  token_words *tw;
  int rc;
  if (r->n > ((size_t)-1) / sizeof *tw) return NN_ETOOBIG;
  rc = nn_buf_reserve(&v->words, r->n * sizeof *tw);
  if (rc != NN_OK) return rc;
  tw = (token_words *)(void *)v->words.data;
  for (i = 0; i < r->n; i++) {
    size_t n = r->t[i].len, k, count = 0;
    const nn_value_word *w = NULL;
    char key[MAX_WORD];
    tw[i].first = NULL;
    tw[i].count = tw[i].classes = 0;
    if (r->t[i].kind == NN_TOKEN_NUMBER || n > MAX_WORD) continue;
    for (k = 0; k < n; k++) {
      char c = text(r, i)[k];
      key[k] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
    }
    w = nn_value_word_entries(key, n, &count);
    tw[i].first = w;
    tw[i].count = (uint32_t)count;
    for (k = 0; k < count; k++) tw[i].classes |= 1u << w[k].cls;
  }
  r->w = tw;
  return NN_OK;
}

long nn_values_find(nn_values *v, const char *s, size_t len, const nn_value_opts *opts)
{
  nn_tokenizer it;
  nn_tokenizer_opts topts = NN_TOKENIZER_OPTS_DEFAULT;
  nn_token tok;
  reader r;
  size_t i;
  int lang = opts ? opts->lang : NN_ENTITY_LANG_AUTO, rc;
  if (lang < NN_ENTITY_LANG_AUTO || lang > NN_ENTITY_LANG_NONE) return NN_EARG;
  v->values.len = v->toks.len = 0;
  topts.lang = lang == NN_ENTITY_LANG_NONE ? NULL : "en";
  rc = nn_tokenizer_init(&it, s, len, &topts);
  if (rc != NN_OK) return rc;
  while (nn_tokenizer_next(&it, &tok)) {
    rc = nn_buf_append(&v->toks, (const char *)&tok, sizeof tok);
    if (rc != NN_OK) return rc;
  }
  r.s = s;
  r.len = len;
  r.t = (const nn_token *)(const void *)v->toks.data;
  r.n = v->toks.len / sizeof tok;
  r.english = lang == NN_ENTITY_LANG_EN || (lang == NN_ENTITY_LANG_AUTO && looks_english(&r));
  rc = token_words_of(v, &r);
  if (rc != NN_OK) return rc;
  v->lang = r.english ? NN_ENTITY_LANG_EN : NN_ENTITY_LANG_NONE;
  for (i = 0; i < r.n;) {
    nn_value val;
    const nn_value_word *mod = NULL;
    size_t at = i, end = 0, m = english_word(&r, i, NN_VW_MODIFIER, &mod);
    /* A modifier belongs to the amount after it. */
    if (m) {
      end = read_money(&r, i + m, &val);
      if (!end) end = read_percent(&r, i + m, &val);
      if (end) val.modifier = mod->text;
      else m = 0;
    }
    if (!end) end = read_money(&r, i, &val);
    if (!end) end = read_percent(&r, i, &val);
    if (!end) end = read_date(&r, i, &val);
    if (!end) end = read_time(&r, i, &val);
    if (!end) end = read_weekday(&r, i, &val);
    if (!end) end = read_ordinal(&r, i, &val);
    if (!end) {
      i++;
      continue;
    }
    val.start = r.t[at].start;
    val.stop = end_of(&r, end - 1);
    rc = nn_buf_append(&v->values, (const char *)&val, sizeof val);
    if (rc != NN_OK) return rc;
    i = end;
  }
  return (long)(v->values.len / sizeof(nn_value));
}
