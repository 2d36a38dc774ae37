/* The entity finder's core: kinds, spans, linking, the data tables, the
 * words it keeps between documents, memory failures, long input. */
#include <stdlib.h>

#include "newsnlp.h"
#include "nn_entity_data.h"
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

/* A story written for these tests; the people are made up. */
static const char STORY[] =
  "Thailand and Laos Agree to Build Mekong Bridge\n"
  "\n"
  "VIENTIANE, Laos (Lao News Agency) \xE2\x80\x94 Thai Prime Minister Somchai Wongsuwan and "
  "Laotian President Bounmy Phommavong agreed on Friday to build a bridge across the Mekong "
  "River, the Lao News Agency (LNA) reported.\n"
  "\n"
  "Mr. Wongsuwan said the bridge would cost about $300 million. LNA said Japan had offered a "
  "loan. Laotian Defence Ministry Secretary of State Khamla Sisouk told the Council of "
  "Ministers that work would start in May.\n";

/* The entity whose name is text, or NULL. */
static const nn_entity *find(const nn_entities *f, const char *text)
{
  size_t n, i, len = strlen(text);
  const nn_entity *e = nn_entities_items(f, &n);
  for (i = 0; i < n; i++)
    if (e[i].text_len == len && memcmp(f->strings.data + e[i].text, text, len) == 0) return &e[i];
  return NULL;
}

static int kind_is(const nn_entities *f, const char *text, int kind)
{
  const nn_entity *e = find(f, text);
  if (!e) fprintf(stderr, "no entity '%s'\n", text);
  return e && e->kind == kind;
}

static int has_alias(const nn_entities *f, const nn_entity *e, const char *alias)
{
  const nn_entity_alias *a = (const nn_entity_alias *)(const void *)f->aliases.data;
  size_t k, len = strlen(alias);
  for (k = 0; k < e->alias_count; k++) {
    const nn_entity_alias *x = &a[e->alias + k];
    if (x->len == len && memcmp(f->strings.data + x->text, alias, len) == 0) return 1;
  }
  return 0;
}

/* Mentions are in order, inside the text, do not overlap, and the spans of
 * each entity are its mentions. */
static int well_formed(const nn_entities *f, size_t len)
{
  size_t n, i, total = 0, nm = f->mentions.len / sizeof(nn_entity_mention), last = 0;
  const nn_entity *e = nn_entities_items(f, &n);
  const nn_entity_mention *m = (const nn_entity_mention *)(const void *)f->mentions.data;
  const nn_entity_span *sp = (const nn_entity_span *)(const void *)f->spans.data;
  for (i = 0; i < nm; i++) {
    if (m[i].start >= m[i].stop || m[i].stop > len || (i > 0 && m[i].start < last)) return 0;
    if (m[i].entity >= n || m[i].kind != e[m[i].entity].kind) return 0;
    last = m[i].stop;
  }
  for (i = 0; i < n; i++) {
    size_t k;
    if (e[i].span_count != e[i].count || e[i].span + e[i].span_count > nm) return 0;
    for (k = 1; k < e[i].span_count; k++)
      if (sp[e[i].span + k].start <= sp[e[i].span + k - 1].start) return 0;
    total += e[i].count;
    if (i > 0 && e[i].salience > e[i - 1].salience) return 0;
  }
  return total == nm;
}

static void test_story(void)
{
  nn_entities f;
  const nn_entity *e;
  long n;
  nn_entities_init(&f, &nn_default_allocator);
  n = nn_entities_find(&f, STORY, sizeof STORY - 1, NULL);
  CHECK(n > 10);
  CHECK(f.lang == NN_ENTITY_LANG_EN);
  CHECK(well_formed(&f, sizeof STORY - 1));
  CHECK(kind_is(&f, "Somchai Wongsuwan", NN_ENTITY_PERSON));
  CHECK(kind_is(&f, "Bounmy Phommavong", NN_ENTITY_PERSON));
  CHECK(kind_is(&f, "Khamla Sisouk", NN_ENTITY_PERSON));
  CHECK(kind_is(&f, "Thailand", NN_ENTITY_PLACE));
  CHECK(kind_is(&f, "Vientiane", NN_ENTITY_PLACE));
  CHECK(kind_is(&f, "Mekong River", NN_ENTITY_PLACE));
  CHECK(kind_is(&f, "Japan", NN_ENTITY_PLACE));
  CHECK(kind_is(&f, "Lao News Agency", NN_ENTITY_ORGANIZATION));
  CHECK(kind_is(&f, "Council of Ministers", NN_ENTITY_ORGANIZATION));
  CHECK(kind_is(&f, "Laotian Defence Ministry", NN_ENTITY_ORGANIZATION));
  CHECK(kind_is(&f, "Thai", NN_ENTITY_OTHER));
  CHECK(find(&f, "May") == NULL);
  CHECK(find(&f, "Agree") == NULL);
  CHECK(find(&f, "LNA") == NULL);
  e = find(&f, "Lao News Agency");
  CHECK(e && e->count == 4 && has_alias(&f, e, "LNA"));
  e = find(&f, "Somchai Wongsuwan");
  CHECK(e && e->count == 2 && has_alias(&f, e, "Wongsuwan"));
  nn_entities_free(&f);
}

static int same_mentions(const nn_entities *a, const nn_entities *b)
{
  size_t i, n = a->mentions.len / sizeof(nn_entity_mention);
  const nn_entity_mention *x = (const nn_entity_mention *)(const void *)a->mentions.data;
  const nn_entity_mention *y = (const nn_entity_mention *)(const void *)b->mentions.data;
  if (a->mentions.len != b->mentions.len) return 0;
  for (i = 0; i < n; i++)
    if (x[i].start != y[i].start || x[i].stop != y[i].stop || x[i].kind != y[i].kind ||
        x[i].entity != y[i].entity)
      return 0;
  return 1;
}

/* Kept words make no difference: one finder reading many documents gives
 * each the records a fresh finder gives. */
static void test_kept_words(void)
{
  static const char *const docs[] = {
    "Tessaly and Norland signed a pact in Oslo on Monday.",
    "LONDON 2027-03-01\nShares of Oberholz Widgets Inc fell 5 percent.",
    "",
    "Die Regierung in Berlin hat am Montag einen Plan vorgestellt, den Kritiker in Hamburg und "
    "in der Opposition ablehnen, weil er zu teuer sei und nicht helfe. Der Minister sagte, man "
    "werde die Kosten noch einmal genau pr\xC3\xBC" "fen und dann entscheiden.",
  };
  nn_entities kept, fresh;
  size_t d, round;
  nn_entities_init(&kept, &nn_default_allocator);
  for (round = 0; round < 2; round++) {
    for (d = 0; d < sizeof docs / sizeof docs[0]; d++) {
      size_t len = strlen(docs[d]);
      long a = nn_entities_find(&kept, docs[d], len, NULL), b;
      nn_entities_init(&fresh, &nn_default_allocator);
      b = nn_entities_find(&fresh, docs[d], len, NULL);
      CHECK(a == b && a >= 0);
      CHECK(kept.lang == fresh.lang);
      CHECK(same_mentions(&kept, &fresh));
      CHECK(kept.strings.len == fresh.strings.len &&
            memcmp(kept.strings.data, fresh.strings.data, kept.strings.len) == 0);
      CHECK(well_formed(&kept, len));
      nn_entities_free(&fresh);
    }
  }
  CHECK(kept.lang == NN_ENTITY_LANG_NONE); /* the German text, last */
  nn_entities_free(&kept);
}

static void test_options(void)
{
  nn_entities f;
  nn_entity_opts opts;
  nn_entities_init(&f, &nn_default_allocator);
  opts.structure = 0;
  opts.lang = 7;
  CHECK(nn_entities_find(&f, "x", 1, &opts) == NN_EARG);
  opts.lang = NN_ENTITY_LANG_NONE;
  CHECK(nn_entities_find(&f, STORY, sizeof STORY - 1, &opts) > 0);
  CHECK(f.lang == NN_ENTITY_LANG_NONE);
  CHECK(kind_is(&f, "Thailand", NN_ENTITY_PLACE));
  opts.lang = NN_ENTITY_LANG_EN;
  CHECK(nn_entities_find(&f, "", 0, &opts) == 0);
  CHECK(f.lang == NN_ENTITY_LANG_EN);
  CHECK(strcmp(nn_entity_kind_name(NN_ENTITY_OTHER), "other") == 0);
  CHECK(nn_entity_kind_name(9) == NULL);
  nn_entities_free(&f);
}

/* With structure, a boilerplate line gives no names; the rest, and the
 * offsets, are as without it. */
static void test_boilerplate(void)
{
  static const char text[] = "Storm Closes Ports\n\n"
                             "Mayor Lena Varga said the port of Oslo would close on Friday.\n\n"
                             "Follow us on Twitter and Facebook for the latest news.\n";
  nn_entities f;
  nn_entity_opts opts;
  const nn_entity *items;
  size_t n, i;
  nn_entities_init(&f, &nn_default_allocator);
  opts.lang = NN_ENTITY_LANG_EN;
  opts.structure = 0;
  CHECK(nn_entities_find(&f, text, sizeof text - 1, &opts) > 0);
  CHECK(find(&f, "Twitter") != NULL);
  opts.structure = 1;
  CHECK(nn_entities_find(&f, text, sizeof text - 1, &opts) > 0);
  CHECK(kind_is(&f, "Lena Varga", NN_ENTITY_PERSON));
  CHECK(kind_is(&f, "Oslo", NN_ENTITY_PLACE));
  CHECK(find(&f, "Twitter") == NULL && find(&f, "Facebook") == NULL);
  items = nn_entities_items(&f, &n);
  for (i = 0; i < n; i++) {
    const nn_entity_span *sp = (const nn_entity_span *)(const void *)f.spans.data + items[i].span;
    CHECK(sp->stop <= sizeof text - 1 && sp->start < sp->stop);
  }
  nn_entities_free(&f);
}

static void test_data(void)
{
  const nn_entity_entry *e;
  CHECK(nn_entity_entry_count > 100000);
  e = nn_entity_lookup("Japan", 5);
  CHECK(e && (e->gaz & NN_EG_COUNTRY));
  e = nn_entity_lookup("japan", 5);
  CHECK(e && (e->fold & NN_EG_COUNTRY));
  e = nn_entity_lookup("U.N.", 4);
  CHECK(e && (e->gaz & NN_EG_ORGANIZATION));
  e = nn_entity_lookup("Prime", 5);
  CHECK(e && (e->gaz & NN_EG_TITLE_PREFIX));
  e = nn_entity_lookup("Prime Minister", 14);
  CHECK(e && (e->gaz & NN_EG_TITLE));
  e = nn_entity_lookup("spokesman", 9);
  CHECK(e && NN_EW_NOUN(e->word) == NN_NOUN_PERSON && NN_EW_LEVEL(e->word) <= 50);
  e = nn_entity_lookup("the", 3);
  CHECK(e && (e->word & NN_EW_FUNCTION));
  e = nn_entity_lookup("Inc", 3);
  CHECK(e && NN_EC_ORG(e->gaz) == NN_CUE_LAST);
  e = nn_entity_lookup("Zurich", 6); /* the accent-free form of Zürich */
  CHECK(e && (e->gaz & NN_EG_PLACE));
  CHECK(nn_entity_lookup("qxzvvq", 6) == NULL);
  CHECK(nn_entity_lookup("", 0) == NULL);
}

static void test_memory_failures(void)
{
  int n, ok = 0, failed = 0;
  for (n = 0; n < 400; n += 7) {
    failing state;
    nn_allocator a;
    nn_entities f;
    long r;
    state.left = n;
    a.fn = failing_alloc;
    a.ud = &state;
    nn_entities_init(&f, &a);
    r = nn_entities_find(&f, STORY, sizeof STORY - 1, NULL);
    if (r == NN_ENOMEM) failed++;
    else if (r > 0 && well_formed(&f, sizeof STORY - 1)) ok++;
    else CHECK(0);
    /* the finder is usable again after a failure */
    state.left = 1 << 30;
    CHECK(nn_entities_find(&f, STORY, sizeof STORY - 1, NULL) > 0);
    nn_entities_free(&f);
  }
  CHECK(failed > 0 && ok > 0);
}

static void test_long_input(void)
{
  size_t unit = sizeof STORY - 1, copies = 5200000 / unit + 1, i;
  char *big = malloc(unit * copies);
  nn_entities f;
  const nn_entity *e;
  if (!big) return;
  for (i = 0; i < copies; i++) memcpy(big + i * unit, STORY, unit);
  nn_entities_init(&f, &nn_default_allocator);
  CHECK(nn_entities_find(&f, big, unit * copies, NULL) > 0);
  CHECK(well_formed(&f, unit * copies));
  e = find(&f, "Somchai Wongsuwan");
  CHECK(e && e->count == 2 * copies);
  nn_entities_free(&f);
  /* a run of capitals with no break, and one long word */
  memset(big, 'A', unit * copies);
  for (i = 0; i < unit * copies; i += 2) big[i] = ' ';
  nn_entities_init(&f, &nn_default_allocator);
  CHECK(nn_entities_find(&f, big, unit * copies, NULL) >= 0);
  CHECK(well_formed(&f, unit * copies));
  memset(big, 'x', unit * copies);
  big[0] = 'X';
  CHECK(nn_entities_find(&f, big, unit * copies, NULL) >= 0);
  nn_entities_free(&f);
  free(big);
}

int main(void)
{
  test_story();
  test_kept_words();
  test_options();
  test_boilerplate();
  test_data();
  test_memory_failures();
  test_long_input();
  return ctest_report("entities");
}
