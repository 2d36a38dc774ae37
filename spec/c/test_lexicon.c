/* The compiled English lexicon: lookups, stems, lemmas, categories, closed-class
 * words and flags, and the integrity of the hash table. */
#include <stdio.h>

#include "newsnlp.h"
#include "ctest.h"

static const nn_lexicon *en;

static const nn_lexentry *find(const char *w)
{
  return nn_lexicon_find(en, w, strlen(w));
}

/* Whether the stem (or lemma) of w is expected. */
static int stem_is(const char *w, const char *expected, int lemma)
{
  const nn_lexentry *e = find(w);
  size_t keep, add_len, form_len;
  const char *add, *form;
  char buf[300];
  if (!e) return 0;
  add = lemma ? nn_lexicon_lemma(en, e, &keep, &add_len) : nn_lexicon_stem(en, e, &keep, &add_len);
  form = nn_lexicon_form(en, e, &form_len);
  if (keep > form_len || keep + add_len >= sizeof buf) return 0;
  memcpy(buf, form, keep);
  memcpy(buf + keep, add, add_len);
  buf[keep + add_len] = '\0';
  return strcmp(buf, expected) == 0;
}

static void test_get(void)
{
  CHECK(nn_lexicon_get("en", 2) == en);
  CHECK(nn_lexicon_get("en-GB", 5) == en);
  CHECK(nn_lexicon_get("EN_us", 5) == en);
  CHECK(nn_lexicon_get("eng", 3) == NULL);
  CHECK(nn_lexicon_get("de", 2) == NULL);
  CHECK(nn_lexicon_get("e", 1) == NULL);
  CHECK(nn_lexicon_get("", 0) == NULL);
  CHECK(strstr(en->source, "WordNet 3.0") != NULL);
  CHECK(strstr(en->source, "SCOWL") != NULL);
}

static void test_open_class(void)
{
  const nn_lexentry *e;
  e = find("officials");
  CHECK(e && e->weight[NN_LEX_NOUN] > 1 && e->weight[NN_LEX_VERB] == 0);
  CHECK(e && (e->flags & NN_LEXF_LEXICON) && nn_lexentry_case(e) == NN_LEXCASE_LOWER);
  CHECK(e && e->level == 20);  /* SCOWL english-words.20 */
  CHECK(e && nn_lexicon_lexname(en, e) && strcmp(nn_lexicon_lexname(en, e), "noun.person") == 0);
  CHECK(stem_is("officials", "offici", 0));
  CHECK(stem_is("officials", "official", 1));
  e = find("spilled");
  CHECK(e && e->weight[NN_LEX_VERB] > 0 && nn_lexentry_vform(e) == NN_VFORM_ED);
  CHECK(stem_is("spilled", "spill", 0));
  e = find("running");
  CHECK(e && nn_lexentry_vform(e) == NN_VFORM_ING && e->weight[NN_LEX_VERB] > e->weight[NN_LEX_NOUN]);
  CHECK(stem_is("running", "run", 1));
  e = find("reports");
  CHECK(e && nn_lexentry_vform(e) == NN_VFORM_S && e->weight[NN_LEX_NOUN] > 0);
  e = find("ran"); /* irregular past, from WordNet's exception list */
  CHECK(e && nn_lexentry_vform(e) == NN_VFORM_ED);
  CHECK(stem_is("ran", "run", 1));
  e = find("environmental");
  CHECK(e && e->weight[NN_LEX_ADJ] > 0 && e->weight[NN_LEX_NOUN] == 0);
  CHECK(nn_lexicon_lexname(en, e) == NULL);
  e = find("quickly");
  CHECK(e && e->weight[NN_LEX_ADV] > 0);
  e = find("paris"); /* a name: SCOWL has it capitalized only */
  CHECK(e && nn_lexentry_case(e) == NN_LEXCASE_CAPITAL);
  CHECK(e && strcmp(nn_lexicon_lexname(en, e), "noun.location") == 0);
  e = find("wildlife-rich");
  CHECK(e == NULL);
  CHECK(find("xyzzyq") == NULL);
  CHECK(find("Officials") == NULL); /* lookups are by lower-case form */
  CHECK(nn_lexicon_find(en, "", 0) == NULL);
}

static void test_closed_class(void)
{
  const nn_lexentry *e;
  e = find("the");
  CHECK(e && e->word_class == NN_WC_DET && !(e->flags & NN_LEXF_LEXICON));
  CHECK(e && nn_lexentry_case(e) == NN_LEXCASE_NONE);
  e = find("may"); /* a modal, and a month when capitalized */
  CHECK(e && e->word_class == NN_WC_MODAL && (e->flags & NN_LEXF_TIME));
  e = find("to");
  CHECK(e && e->word_class == NN_WC_TO);
  e = find("according");
  CHECK(e && e->word_class == NN_WC_PREP);
  e = find("million");
  CHECK(e && e->word_class == NN_WC_NUM);
  e = find("president");
  CHECK(e && (e->flags & NN_LEXF_TITLE) && e->word_class == NN_WC_OPEN);
  e = find("sen");
  CHECK(e && (e->flags & NN_LEXF_TITLE_ABBR) && !(e->flags & NN_LEXF_TITLE_BARE));
  e = find("mr");
  CHECK(e && (e->flags & NN_LEXF_TITLE_BARE));
  e = find("miles");
  CHECK(e && (e->flags & NN_LEXF_VAGUE) && e->weight[NN_LEX_NOUN] > 0);
  e = find("oct");
  CHECK(e && (e->flags & NN_LEXF_TIME));
  CHECK(strcmp(nn_word_class_name(NN_WC_PREP), "PREP") == 0);
  CHECK(strcmp(nn_word_class_name(NN_WC_OPEN), "") == 0);
  CHECK(nn_word_class_name(NN_WC__COUNT) == NULL);
  CHECK(nn_word_class_name(-1) == NULL);
}

/* Every entry is found by its own form, buckets tile the entries, forms are
 * lower case and unique. */
static void test_table(void)
{
  size_t i, b, bad = 0, count = (size_t)en->bucket_mask + 1;
  CHECK(en->count > 60000);
  CHECK(en->buckets[0] == 0 && en->buckets[count] == en->count);
  for (b = 0; b < count; b++)
    if (en->buckets[b] > en->buckets[b + 1]) bad++;
  for (i = 0; i < en->count; i++) {
    size_t len, keep, add_len, k;
    const nn_lexentry *e = &en->entries[i];
    const char *form = nn_lexicon_form(en, e, &len);
    if (nn_lexicon_find(en, form, len) != e) bad++;
    if (form[len] != '\0') bad++;
    for (k = 0; k < len; k++)
      if (form[k] >= 'A' && form[k] <= 'Z') bad++;
    nn_lexicon_stem(en, e, &keep, &add_len);
    if (keep > len || keep + add_len == 0) bad++;
    nn_lexicon_lemma(en, e, &keep, &add_len);
    if (keep > len || keep + add_len == 0) bad++;
    if (e->word_class >= NN_WC__COUNT || nn_lexentry_vform(e) > NN_VFORM_ING) bad++;
    if (e->lexname >= en->lexname_count) bad++;
    if ((e->flags & NN_LEXF_LEXICON) && e->level == 0) bad++;
  }
  CHECK_EQ_SIZE(bad, 0);
  CHECK(nn_lexicon_hash("", 0) == 2166136261u);
  CHECK(nn_lexicon_hash("a", 1) == 0xE40C292Cu); /* the FNV-1a test vector */
}

int main(void)
{
  en = nn_lexicon_get("en", 2);
  CHECK(en != NULL);
  if (!en) return ctest_report("lexicon");
  test_get();
  test_open_class();
  test_closed_class();
  test_table();
  return ctest_report("lexicon");
}
