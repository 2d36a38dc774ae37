/* Terms: newsnlp.terms, ngrams, language, languages, stopwords, stem,
 * collocations. */
#include <string.h>

#include "lterms.h"
#include "../nn_wordlist.h"
#include "../unicode_data.h"

#define TERMRES_KEY "newsnlp.TermResources"
#define TERMCALL_METATABLE "newsnlp.TermCall"

/* ---- resources of the Lua state ------------------------------------------------------ */

typedef struct termres_box {
  nn_allocator alloc;
  nn_termres res;
  int ready;
} termres_box;

static int termres_gc(lua_State *L)
{
  termres_box *box = (termres_box *)lua_touserdata(L, 1);
  if (box && box->ready) {
    nn_termres_free(&box->res);
    box->ready = 0;
  }
  return 0;
}

nn_termres *lnn_termres(lua_State *L)
{
  termres_box *box;
  int rc;
  lua_getfield(L, LUA_REGISTRYINDEX, TERMRES_KEY);
  box = (termres_box *)lua_touserdata(L, -1);
  lua_pop(L, 1); /* the registry keeps it alive */
  if (box) return &box->res;
  box = (termres_box *)lua_newuserdata(L, sizeof *box);
  box->ready = 0;
  lnn_allocator(L, &box->alloc);
  lua_newtable(L);
  lua_pushcfunction(L, termres_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  if ((rc = nn_termres_init(&box->res, &box->alloc)) != NN_OK) lnn_raise(L, rc);
  box->ready = 1;
  lua_setfield(L, LUA_REGISTRYINDEX, TERMRES_KEY);
  return &box->res;
}

/* ---- per-call working memory --------------------------------------------------------- */

static int termcall_gc(lua_State *L)
{
  lnn_termcall *call = (lnn_termcall *)luaL_checkudata(L, 1, TERMCALL_METATABLE);
  nn_strmap_free(&call->stopwords);
  nn_freqmap_free(&call->counts);
  nn_freqmap_free(&call->counts2);
  nn_freqmap_free(&call->words);
  nn_ngrams_free(&call->ngrams);
  nn_buf_free(&call->buf);
  nn_buf_free(&call->scratch);
  return 0;
}

lnn_termcall *lnn_pushtermcall(lua_State *L)
{
  lnn_termcall *call = (lnn_termcall *)lua_newuserdata(L, sizeof *call);
  memset(call, 0, sizeof *call);
  lnn_allocator(L, &call->alloc);
  nn_strmap_init(&call->stopwords, &call->alloc);
  nn_freqmap_init(&call->counts, &call->alloc, 0);
  nn_freqmap_init(&call->counts2, &call->alloc, 0);
  nn_freqmap_init(&call->words, &call->alloc, 0);
  nn_ngrams_init(&call->ngrams, &call->alloc, 3);
  nn_buf_init(&call->buf, &call->alloc);
  nn_buf_init(&call->scratch, &call->alloc);
  call->stop_mode = NN_STOP_BUILTIN;
  lnn_setgc(L, TERMCALL_METATABLE, termcall_gc);
  return call;
}

/* ---- options ------------------------------------------------------------------------- */

/* Adds the strings of the array at the top of the stack, folded, to the
 * call's stopwords; `name` is the option, for errors. */
static void add_stopwords(lua_State *L, int arg, lnn_termcall *call, const char *name)
{
  int i, n = (int)lua_rawlen(L, -1), rc;
  for (i = 1; i <= n; i++) {
    size_t len;
    const char *w;
    uint32_t id;
    lua_rawgeti(L, -1, i);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must hold strings, got %s at %d",
                                            name, luaL_typename(L, -1), i));
    w = lua_tolstring(L, -1, &len);
    call->buf.len = 0;
    if ((rc = nn_term_fold(&call->buf, w, len)) != NN_OK) lnn_raise(L, rc);
    if (call->buf.len && (rc = nn_strmap_intern(&call->stopwords, call->buf.data, call->buf.len,
                                                &id)) < 0)
      lnn_raise(L, rc);
    lua_pop(L, 1);
  }
}

static void check_lang(lua_State *L, int arg, const char *lang, size_t len)
{
  if (!nn_language_code_valid(lang, len))
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'lang' must be a language code such as "
                                          "'en' or 'und', got '%s'", lang));
}

void lnn_termoptions(lua_State *L, int arg, lnn_termcall *call)
{
  size_t len = 0;
  const char *lang = lnn_optstring(L, arg, "lang", NULL, &len);
  int t;
  call->lang[0] = '\0';
  if (lang) {
    check_lang(L, arg, lang, len);
    memcpy(call->lang, lang, len + 1);
  }
  call->stem = lnn_optboolean(L, arg, "stem", 0);
  call->numbers = lnn_optboolean(L, arg, "numbers", 0);
  if (call->stem && lang && !nn_stemmer_name(call->lang) &&
      strcmp(call->lang, NN_LANG_UNDETERMINED) != 0)
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'stem': no stemmer for language '%s'",
                                          call->lang));
  call->stop_mode = NN_STOP_BUILTIN;
  if (lua_type(L, arg) != LUA_TTABLE) return;
  lua_getfield(L, arg, "stopwords");
  t = lua_type(L, -1);
  if (t == LUA_TTABLE) {
    call->stop_mode = NN_STOP_CUSTOM;
    add_stopwords(L, arg, call, "stopwords");
  } else if (t == LUA_TBOOLEAN) {
    if (!lua_toboolean(L, -1)) call->stop_mode = NN_STOP_NONE;
  } else if (t != LUA_TNIL) {
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'stopwords' must be a table or a boolean, "
                                          "got %s", luaL_typename(L, -1)));
  }
  lua_pop(L, 1);
  lua_getfield(L, arg, "extra_stopwords");
  t = lua_type(L, -1);
  if (t == LUA_TTABLE) {
    if (call->stop_mode == NN_STOP_NONE)
      luaL_argerror(L, arg, "options 'stopwords' = false and 'extra_stopwords' contradict");
    add_stopwords(L, arg, call, "extra_stopwords");
  } else if (t != LUA_TNIL) {
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'extra_stopwords' must be a table, got %s",
                                          luaL_typename(L, -1)));
  }
  lua_pop(L, 1);
}

void lnn_termopts(lnn_termcall *call, nn_termopts *o)
{
  o->lang = call->lang[0] ? call->lang : NULL;
  o->stem = call->stem;
  o->numbers = call->numbers;
  o->gaps = 0;
  o->stop_mode = call->stop_mode;
  o->extra = &call->stopwords;
}

/* ---- functions ----------------------------------------------------------------------- */

static const char *const term_options[] = { "lang", "stem", "numbers", "stopwords",
                                            "extra_stopwords", NULL };

/* terms(s [, opts]) -> { term = count }, lang */
static int lnn_terms(lua_State *L)
{
  size_t n, i;
  const char *s = lnn_checkstring(L, 1, &n);
  lnn_termcall *call;
  nn_langguess g;
  int rc;
  nn_termopts o;
  lnn_checkoptions(L, 2, term_options);
  call = lnn_pushtermcall(L);
  lnn_termoptions(L, 2, call);
  lnn_termopts(call, &o);
  rc = nn_terms_count(lnn_termres(L), &o, s, n, &call->scratch, &call->counts, &g);
  if (rc != NN_OK) lnn_raise(L, rc);
  lua_createtable(L, 0, call->counts.map.count > 1 << 20 ? 1 << 20 : (int)call->counts.map.count);
  for (i = 0; i < call->counts.map.count; i++) {
    size_t len;
    const char *key = nn_strmap_key(&call->counts.map, (uint32_t)i, &len);
    lua_pushlstring(L, key, len);
    lua_pushinteger(L, (lua_Integer)call->counts.rec[i].count);
    lua_rawset(L, -3);
  }
  lua_pushstring(L, g.code);
  return 2;
}

/* Pushes { text =, count = } records of a frequency map, best first. */
static void push_ranked(lua_State *L, const nn_freqmap *c, size_t top)
{
  uint32_t *ids;
  size_t i, n = c->map.count;
  nn_buf *keep;
  int rc = nn_freqmap_ranked_ids(c, &ids);
  if (rc != NN_OK) lnn_raise(L, rc);
  /* Move the ids into Lua-owned memory before anything can raise. */
  keep = lnn_pushbuf(L);
  rc = nn_buf_append(keep, (const char *)ids, n * sizeof *ids);
  nn_free(c->map.alloc, ids, n * sizeof *ids);
  if (rc != NN_OK) lnn_raise(L, rc);
  ids = (uint32_t *)(void *)keep->data;
  if (top && top < n) n = top;
  lua_createtable(L, n > 1 << 20 ? 1 << 20 : (int)n, 0);
  for (i = 0; i < n; i++) {
    size_t len;
    const char *key = nn_strmap_key(&c->map, ids[i], &len);
    lua_createtable(L, 0, 2);
    lua_pushlstring(L, key, len);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)c->rec[ids[i]].count);
    lua_setfield(L, -2, "count");
    lua_rawseti(L, -2, (int)i + 1);
  }
}

static const char *const ngram_options[] = { "lang", "stem", "numbers", "stopwords",
                                             "extra_stopwords", "top", NULL };

/* ngrams(s, n [, opts]) -> { {text =, count =}, ... }, lang */
static int lnn_ngrams(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  lua_Integer order = luaL_checkinteger(L, 2), top;
  lnn_termcall *call;
  nn_termopts o;
  nn_langguess g;
  int rc;
  luaL_argcheck(L, order >= 1 && order <= NN_NGRAM_MAX, 2, "n must be between 1 and 8");
  lnn_checkoptions(L, 3, ngram_options);
  top = lnn_optinteger(L, 3, "top", 0);
  if (top < 0) luaL_argerror(L, 3, "option 'top' must not be negative");
  call = lnn_pushtermcall(L);
  lnn_termoptions(L, 3, call);
  lnn_termopts(call, &o);
  rc = nn_terms_ngrams(lnn_termres(L), &o, s, len, (unsigned)order, &call->scratch, &call->words,
                       &call->counts, &g);
  if (rc != NN_OK) lnn_raise(L, rc);
  push_ranked(L, &call->counts, (size_t)top);
  lua_pushstring(L, g.code);
  return 2;
}

/* language(s) -> code, confidence */
static int lnn_language(lua_State *L)
{
  size_t n;
  const char *s = lnn_checkstring(L, 1, &n);
  nn_langguess g;
  int rc = nn_language_guess(lnn_termres(L), s, n, 0, &g);
  if (rc != NN_OK) lnn_raise(L, rc);
  lua_pushstring(L, g.code);
  lua_pushnumber(L, g.confidence);
  return 2;
}

/* languages() -> { [code] = { name =, stemmer =, stopwords =, guess = } } */
static int lnn_languages(lua_State *L)
{
  nn_termres *res = lnn_termres(L);
  size_t i;
  lua_createtable(L, 0, (int)nn_languages_count);
  for (i = 0; i < nn_languages_count; i++) {
    const nn_language *lang = &nn_languages[i];
    const nn_wordlist *w = nn_wordlist_get("stopwords", lang->code);
    lua_createtable(L, 0, 4);
    lua_pushstring(L, lang->name);
    lua_setfield(L, -2, "name");
    lua_pushboolean(L, nn_stemmer_name(lang->code) != NULL);
    lua_setfield(L, -2, "stemmer");
    lua_pushinteger(L, w ? (lua_Integer)w->count : 0);
    lua_setfield(L, -2, "stopwords");
    lua_pushboolean(L, nn_language_guessable(&res->langdb, lang->code));
    lua_setfield(L, -2, "guess");
    lua_setfield(L, -2, lang->code);
  }
  return 1;
}

/* stopwords(lang) -> { word, ... } (sorted; empty when there is no list) */
static int lnn_stopwords(lua_State *L)
{
  size_t len, i;
  const char *lang = luaL_checklstring(L, 1, &len);
  const nn_wordlist *w;
  if (!nn_language_code_valid(lang, len)) luaL_argerror(L, 1, "not a language code");
  w = nn_wordlist_get("stopwords", lang);
  lua_createtable(L, w ? (int)w->count : 0, 0);
  for (i = 0; w && i < w->count; i++) {
    size_t n;
    const char *item = nn_wordlist_item(w, i, &n);
    lua_pushlstring(L, item, n);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

/* stem(word, lang) -> the case-folded, stemmed word */
static int lnn_stem(lua_State *L)
{
  size_t n, len;
  const char *w = lnn_checkstring(L, 1, &n);
  const char *lang = luaL_checklstring(L, 2, &len);
  nn_termres *res = lnn_termres(L);
  struct sb_stemmer *st;
  nn_buf *buf;
  const char *out;
  size_t outlen;
  int rc;
  if (!nn_language_code_valid(lang, len)) luaL_argerror(L, 2, "not a language code");
  st = nn_stemmers_get(&res->stemmers, lang, &rc);
  if (rc != NN_OK) lnn_raise(L, rc);
  if (!st) luaL_argerror(L, 2, lua_pushfstring(L, "no stemmer for language '%s'", lang));
  buf = lnn_pushbuf(L);
  if ((rc = nn_term_fold(buf, w, n)) != NN_OK) lnn_raise(L, rc);
  if ((rc = nn_stem(st, buf->len ? buf->data : "", buf->len, &out, &outlen)) != NN_OK)
    lnn_raise(L, rc);
  lua_pushlstring(L, out, outlen);
  return 1;
}

static const char *const colloc_options[] = { "lang", "numbers", "stopwords", "extra_stopwords",
                                              "n", "min_count", "top", NULL };

/* Pushes the collocation records. */
static void push_collocations(lua_State *L, const nn_ngrams *g, const nn_collocation_opts *o)
{
  nn_collocation *res;
  nn_buf *text;
  size_t n, i;
  int rc = nn_collocations_rank(g, o, &res, &n);
  if (rc != NN_OK) lnn_raise(L, rc);
  /* Into Lua-owned memory first, so that a memory error cannot leak them. */
  if (n) {
    nn_buf *keep = lnn_pushbuf(L);
    rc = nn_buf_append(keep, (const char *)res, n * sizeof *res);
    nn_free(g->words.map.alloc, res, n * sizeof *res);
    if (rc != NN_OK) lnn_raise(L, rc);
    res = (nn_collocation *)(void *)keep->data;
  }
  text = lnn_pushbuf(L);
  lua_createtable(L, n > 1 << 20 ? 1 << 20 : (int)n, 0);
  for (i = 0; i < n; i++) {
    text->len = 0;
    if ((rc = nn_ngrams_text(g, &g->grams.slots[res[i].slot], text)) != NN_OK) lnn_raise(L, rc);
    lua_createtable(L, 0, 5);
    lua_pushlstring(L, text->data, text->len);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)res[i].n);
    lua_setfield(L, -2, "n");
    lua_pushinteger(L, (lua_Integer)res[i].count);
    lua_setfield(L, -2, "count");
    lua_pushnumber(L, res[i].llr);
    lua_setfield(L, -2, "llr");
    lua_pushnumber(L, res[i].pmi);
    lua_setfield(L, -2, "pmi");
    lua_rawseti(L, -2, (int)i + 1);
  }
}

static void collocation_options(lua_State *L, int arg, nn_collocation_opts *o, unsigned max)
{
  lua_Integer n = lnn_optinteger(L, arg, "n", 0);
  lua_Integer min_count = lnn_optinteger(L, arg, "min_count", 2);
  lua_Integer top = lnn_optinteger(L, arg, "top", 0);
  if (n != 0 && n != 2 && n != 3) luaL_argerror(L, arg, "option 'n' must be 2 or 3");
  if ((unsigned)n > max)
    luaL_argerror(L, arg, "option 'n' is larger than the corpus n-gram order");
  if (min_count < 1) luaL_argerror(L, arg, "option 'min_count' must be at least 1");
  if (top < 0) luaL_argerror(L, arg, "option 'top' must not be negative");
  o->min_n = n ? (unsigned)n : 2;
  o->max_n = n ? (unsigned)n : max;
  o->min_count = (uint64_t)min_count;
  o->top = (size_t)top;
}

static int colloc_batch(void *ud, nn_pipeline *p, nn_word *w, size_t count)
{
  nn_ngrams *g = ud;
  size_t i;
  int rc;
  for (i = 0; i < count; i++) {
    if ((rc = nn_pipeline_word(p, &w[i])) != NN_OK) return rc;
    if (w[i].gap || w[i].folded_len == 0) nn_ngrams_gap(g);
    if (w[i].folded_len == 0) continue;
    rc = nn_ngrams_word(g, w[i].folded, w[i].folded_len, w[i].stop, NULL);
    if (rc != NN_OK) return rc;
  }
  return NN_OK;
}

/* collocations(text_or_corpus [, opts]) -> { {text =, n =, count =, llr =, pmi =}, ... }
 * (and the language, for a text) */
static int lnn_collocations(lua_State *L)
{
  nn_collocation_opts o;
  if (lua_type(L, 1) == LUA_TSTRING) {
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    lnn_termcall *call;
    nn_termopts to;
    nn_langguess g;
    int rc;
    lnn_checkoptions(L, 2, colloc_options);
    collocation_options(L, 2, &o, 3);
    call = lnn_pushtermcall(L);
    lnn_termoptions(L, 2, call);
    lnn_termopts(call, &to);
    to.gaps = 1;
    rc = nn_terms_process(lnn_termres(L), &to, s, len, &call->scratch, colloc_batch,
                          &call->ngrams, &g);
    if (rc != NN_OK) lnn_raise(L, rc);
    push_collocations(L, &call->ngrams, &o);
    lua_pushstring(L, g.code);
    return 2;
  }
  {
    static const char *const corpus_colloc_options[] = { "n", "min_count", "top", NULL };
    lnn_corpusbox *box = lnn_testcorpus(L, 1);
    if (!box) return luaL_argerror(L, 1, "text (string) or newsnlp.Corpus expected");
    if (!box->open) return luaL_argerror(L, 1, "the corpus is closed");
    if (!box->c.set.ngrams)
      return luaL_argerror(L, 1, "the corpus counts no n-grams: create it with the option "
                                 "ngrams = 2 or 3");
    lnn_checkoptions(L, 2, corpus_colloc_options);
    collocation_options(L, 2, &o, box->c.set.ngrams);
    push_collocations(L, &box->c.ngrams, &o);
    return 1;
  }
}

static const luaL_Reg term_funcs[] = {
  { "terms", lnn_terms },
  { "ngrams", lnn_ngrams },
  { "language", lnn_language },
  { "languages", lnn_languages },
  { "stopwords", lnn_stopwords },
  { "stem", lnn_stem },
  { "collocations", lnn_collocations },
  { NULL, NULL }
};

void lnn_open_terms(lua_State *L)
{
  luaL_setfuncs(L, term_funcs, 0);
}
