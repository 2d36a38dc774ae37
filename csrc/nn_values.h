/* Values in news text: money, percentages, dates, times, weekdays and
 * ordinals, each with its span, its kind and, where it is well defined, a
 * normalized value.
 *
 * The finder walks the shared token stream (nn_tokenize.h), whose money,
 * percent, date, time, ordinal and number tokens it reads, with the English
 * words around them (months, "million", "percent", "dollars", "a.m.",
 * "nearly") from data/value_words/en.txt and the currency symbols and ISO
 * 4217 codes of data/currencies/.  Without English, only the forms that need
 * no words are read: "$5", "€20", "USD 5", "5%", "2024-05-01", "10:30", "1st".
 *
 *   money     "$134 million", "nearly $20 billion", "£5bn", "€20",
 *             "5 million Canadian dollars", "USD 300": amount (in units of
 *             the currency, scale applied) and currency (ISO 4217; a bare
 *             "$" and "dollars" are US dollars); a modifier before it
 *             ("nearly", "more than") is part of the span and named
 *   percent   "2.7%", "10-15%", "50 percent", "5 per cent", "2 percentage
 *             points": the number (and the range's upper end)
 *   date      "March 1, 2027", "Jan. 14", "1 March 2027", "March 2027",
 *             "2024-05-01", "01.05.2024": year, month, day as given (a
 *             slashed date such as 1/5/2024 is month/day/year in American
 *             writing and day/month/year elsewhere: only its year is read,
 *             unless a part above 12 tells)
 *   time      "10:30", "10:30 p.m.", "9 a.m. EST", "09:15:02", "noon":
 *             hour (0..23), minute, second, and the zone as written
 *   weekday   "Monday" .. "Sunday": 1 (Monday) .. 7 (Sunday), ISO 8601
 *   ordinal   "1st", "22nd", "first", "twenty-first": the number
 *
 * Values do not overlap; at each token the longest reading wins.  Time is
 * linear in the input. */
#ifndef NN_VALUES_H
#define NN_VALUES_H

#include "nn_core.h"
#include "nn_entities.h"

typedef enum nn_value_kind {
  NN_VALUE_MONEY = 0,
  NN_VALUE_PERCENT,
  NN_VALUE_DATE,
  NN_VALUE_TIME,
  NN_VALUE_WEEKDAY,
  NN_VALUE_ORDINAL
} nn_value_kind;

/* The Lua name of a kind: "money", "percent", "date", "time", "weekday", "ordinal". */
const char *nn_value_kind_name(int kind);

/* Flags of a value. */
#define NN_VF_AMOUNT 1u /* amount holds the number (money, percent, ordinal, weekday) */
#define NN_VF_RANGE 2u  /* amount_to holds the upper end of a range ("10-15%") */
#define NN_VF_POINTS 4u /* percentage points, not a percentage */

typedef struct nn_value {
  size_t start, stop;      /* s[start..stop) */
  int kind;                /* nn_value_kind */
  unsigned flags;          /* NN_VF_* */
  double amount;           /* money: the amount; percent, ordinal: the number; weekday: 1..7 */
  double amount_to;        /* with NN_VF_RANGE */
  char currency[4];        /* money: an ISO 4217 code, or "" when unknown */
  const char *modifier;    /* money, percent: "about", "nearly", "over", "under",
                              "up to", "at least", "at most"; or NULL */
  int year, month, day;    /* date: 0 when not given */
  int hour, minute, second;/* time: -1 when not given */
  size_t zone, zone_len;   /* time: the zone's text s[zone..zone + zone_len), or zone_len 0 */
} nn_value;

/* Options: the language data to use, as for nn_entities (NN_ENTITY_LANG_*:
 * automatic, English, or none). */
typedef struct nn_value_opts {
  int lang;
} nn_value_opts;

typedef struct nn_values {
  const nn_allocator *alloc;
  int lang;      /* the data used: NN_ENTITY_LANG_EN or NN_ENTITY_LANG_NONE */
  nn_buf values; /* nn_value, in text order */
  nn_buf toks;   /* private: the tokens */
  nn_buf words;  /* private: their words in the data */
} nn_values;

void nn_values_init(nn_values *v, const nn_allocator *a);
void nn_values_free(nn_values *v);

/* Finds the values of s[0..len); opts may be NULL.  Returns their number,
 * or a negative nn_status (NN_ENOMEM, NN_ETOOBIG, NN_EARG for a bad option). */
long nn_values_find(nn_values *v, const char *s, size_t len, const nn_value_opts *opts);

static inline const nn_value *nn_values_items(const nn_values *v, size_t *count)
{
  *count = v->values.len / sizeof(nn_value);
  return (const nn_value *)(const void *)v->values.data;
}

#endif
