/* The value finder's core: every kind, normalized fields, languages,
 * memory failures. */
#include <stdlib.h>

#include "newsnlp.h"
#include "nn_value_data.h"
#include "ctest.h"

typedef struct failing {
  int left;
} failing;

static void *failing_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
  failing *f = ud;
  if (nsize > 0 && f->left-- <= 0) return NULL;
  return nn_default_allocator.fn(NULL, ptr, osize, nsize);
}

/* The one value of s, or NULL (and a message) when there is not one. */
static const nn_value *one(nn_values *v, const char *s, int lang)
{
  nn_value_opts opts;
  size_t n;
  const nn_value *x;
  opts.lang = lang;
  if (nn_values_find(v, s, strlen(s), &opts) != 1) {
    fprintf(stderr, "not one value in '%s'\n", s);
    return NULL;
  }
  x = nn_values_items(v, &n);
  return x;
}

static int text_is(const char *s, const nn_value *x, const char *want)
{
  return x && x->stop - x->start == strlen(want) && memcmp(s + x->start, want, strlen(want)) == 0;
}

static void test_kinds(void)
{
  nn_values v;
  const nn_value *x;
  const char *s;
  nn_values_init(&v, &nn_default_allocator);

  s = "Sales hit nearly $20 billion.";
  x = one(&v, s, NN_ENTITY_LANG_AUTO);
  CHECK(text_is(s, x, "nearly $20 billion"));
  CHECK(x && x->kind == NN_VALUE_MONEY && x->amount == 20e9 && strcmp(x->currency, "USD") == 0 &&
        x->modifier && strcmp(x->modifier, "nearly") == 0);
  s = "It lost \xC2\xA3" "5bn.";
  x = one(&v, s, NN_ENTITY_LANG_EN);
  CHECK(x && x->amount == 5e9 && strcmp(x->currency, "GBP") == 0);
  s = "Rates rose 10-15%.";
  x = one(&v, s, NN_ENTITY_LANG_EN);
  CHECK(x && x->kind == NN_VALUE_PERCENT && x->amount == 10 && x->amount_to == 15 &&
        (x->flags & NN_VF_RANGE));
  s = "Due on March 1, 2027, they said.";
  x = one(&v, s, NN_ENTITY_LANG_EN);
  CHECK(text_is(s, x, "March 1, 2027"));
  CHECK(x && x->kind == NN_VALUE_DATE && x->year == 2027 && x->month == 3 && x->day == 1);
  s = "Filed 2024-02-29.";
  x = one(&v, s, NN_ENTITY_LANG_EN);
  CHECK(x && x->year == 2024 && x->month == 2 && x->day == 29);
  CHECK(nn_values_find(&v, "Filed 2023-02-29.", 17, NULL) == 0); /* no such day */
  s = "At 10:30 p.m. EST.";
  x = one(&v, s, NN_ENTITY_LANG_EN);
  CHECK(text_is(s, x, "10:30 p.m. EST"));
  CHECK(x && x->kind == NN_VALUE_TIME && x->hour == 22 && x->minute == 30 && x->second == -1 &&
        x->zone_len == 3);
  s = "Until Sunday.";
  x = one(&v, s, NN_ENTITY_LANG_EN);
  CHECK(x && x->kind == NN_VALUE_WEEKDAY && x->amount == 7);
  s = "The twenty-second round.";
  x = one(&v, s, NN_ENTITY_LANG_EN);
  CHECK(x && x->kind == NN_VALUE_ORDINAL && x->amount == 22);
  CHECK(strcmp(nn_value_kind_name(NN_VALUE_ORDINAL), "ordinal") == 0);
  CHECK(nn_value_kind_name(-1) == NULL);
  nn_values_free(&v);
}

static void test_languages(void)
{
  nn_values v;
  nn_value_opts opts;
  const char *s = "On March 1 it cost $5 million, or 20 percent more.";
  nn_values_init(&v, &nn_default_allocator);
  opts.lang = NN_ENTITY_LANG_EN;
  CHECK(nn_values_find(&v, s, strlen(s), &opts) == 3);
  opts.lang = NN_ENTITY_LANG_NONE;
  CHECK(nn_values_find(&v, s, strlen(s), &opts) == 1); /* "$5": no scale word */
  CHECK(v.lang == NN_ENTITY_LANG_NONE);
  opts.lang = -3;
  CHECK(nn_values_find(&v, s, strlen(s), &opts) == NN_EARG);
  nn_values_free(&v);
}

static void test_data(void)
{
  CHECK(nn_value_word_find("million", 7, NN_VW_SCALE) != NULL);
  CHECK(nn_value_word_find("per_cent", 8, NN_VW_PERCENT) != NULL);
  CHECK(nn_value_word_find("per", 3, NN_VW_PHRASE_START) != NULL);
  CHECK(nn_value_word_find("usd", 3, NN_VW_CODE) != NULL);
  CHECK(nn_value_word_find("all", 3, NN_VW_CODE) == NULL); /* a common word, not Albania's lek */
  CHECK(nn_value_word_find("nosuchword", 10, 0) == NULL);
}

static void test_memory_failures(void)
{
  const char *s = "On March 1, 2027, shares rose 2.5% to $134 million at 10:30 a.m.";
  int n, failed = 0, ok = 0;
  for (n = 0; n < 40; n++) {
    failing state;
    nn_allocator a;
    nn_values v;
    long r;
    state.left = n;
    a.fn = failing_alloc;
    a.ud = &state;
    nn_values_init(&v, &a);
    r = nn_values_find(&v, s, strlen(s), NULL);
    if (r == NN_ENOMEM) failed++;
    else if (r == 4) ok++;
    else CHECK(0);
    nn_values_free(&v);
  }
  CHECK(failed > 0 && ok > 0);
}

int main(void)
{
  test_kinds();
  test_languages();
  test_data();
  test_memory_failures();
  return ctest_report("values");
}
