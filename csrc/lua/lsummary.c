/* Summaries and text statistics: newsnlp.summarize, newsnlp.rank_sentences,
 * newsnlp.stats (their Lua wrappers choose the language; see summary.lua). */
#include <math.h>
#include <string.h>

#include "lnewsnlp.h"
#include "../nn_sentences.h"
#include "../nn_stats.h"
#include "../nn_summary.h"
#include "../nn_wordlist.h"

#define SUMMARIZER_METATABLE "newsnlp.Summarizer"
#define SUMMARIZER_CACHE "newsnlp.summarizer" /* registry key of the one kept for reuse */

/* A summarizer inside a userdata: its memory comes from the host allocator
 * and is freed by __gc, whatever raises meanwhile. */
typedef struct summarizer_box {
  nn_summarizer z;
  nn_allocator alloc;
  int busy; /* in use by a call (a weight function may call again) */
  int live;
} summarizer_box;

static int summarizer_gc(lua_State *L)
{
  summarizer_box *box = (summarizer_box *)luaL_checkudata(L, 1, SUMMARIZER_METATABLE);
  if (box->live) nn_summarizer_free(&box->z);
  box->live = 0;
  return 0;
}

static summarizer_box *new_summarizer(lua_State *L)
{
  summarizer_box *box = (summarizer_box *)lua_newuserdata(L, sizeof *box);
  box->live = 0;
  box->busy = 0;
  lnn_setgc(L, SUMMARIZER_METATABLE, summarizer_gc);
  lnn_allocator(L, &box->alloc);
  nn_summarizer_init(&box->z, &box->alloc);
  box->live = 1;
  return box;
}

/* Pushes the summarizer kept in the registry for reuse, or a new one when
 * that is in use (a weight function that summarizes again). */
static summarizer_box *push_summarizer(lua_State *L)
{
  summarizer_box *box;
  int cached;
  lua_getfield(L, LUA_REGISTRYINDEX, SUMMARIZER_CACHE);
  box = (summarizer_box *)luaL_testudata(L, -1, SUMMARIZER_METATABLE);
  if (box && !box->busy) return box;
  cached = box != NULL;
  lua_pop(L, 1);
  box = new_summarizer(L);
  if (!cached) {
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, SUMMARIZER_CACHE);
  }
  return box;
}

/* A set of words (the stopwords option) in a userdata that frees it. */
#define WORDSET_METATABLE "newsnlp.WordSet"

typedef struct wordset_box {
  nn_strmap map;
  nn_allocator alloc;
  int live;
} wordset_box;

static int wordset_gc(lua_State *L)
{
  wordset_box *box = (wordset_box *)luaL_checkudata(L, 1, WORDSET_METATABLE);
  if (box->live) nn_strmap_free(&box->map);
  box->live = 0;
  return 0;
}

static nn_strmap *push_wordset(lua_State *L)
{
  wordset_box *box = (wordset_box *)lua_newuserdata(L, sizeof *box);
  box->live = 0;
  lnn_setgc(L, WORDSET_METATABLE, wordset_gc);
  lnn_allocator(L, &box->alloc);
  nn_strmap_init(&box->map, &box->alloc);
  box->live = 1;
  return &box->map;
}

/* ---- options -------------------------------------------------------------------------- */

static const char *const summary_options[] = {
  "sentences", "words", "chars", "lang", "abbreviations", "quotes", "lead", "mode", "title",
  "idf", "stopwords", "damping", "max_sentences", NULL
};
static const char *const mode_names[] = { "auto", "lede", "coverage", NULL };

/* A size option: a non-negative integer. */
static size_t opt_size(lua_State *L, int arg, const char *name, size_t def, size_t min)
{
  lua_Integer v = lnn_optinteger(L, arg, name, (lua_Integer)def);
  if (v < (lua_Integer)min)
    luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be at least %d", name, (int)min));
  return (size_t)v;
}

static int has_option(lua_State *L, int arg, const char *name)
{
  int present;
  if (lua_type(L, arg) != LUA_TTABLE) return 0;
  lua_getfield(L, arg, name);
  present = !lua_isnil(L, -1);
  lua_pop(L, 1);
  return present;
}

/* The caller's weight function, called through lua_pcall so that an error
 * in it comes back here, after the core has returned. */
typedef struct weight_call {
  lua_State *L;
  int fn;    /* stack index of the function */
  int error; /* stack index of a slot for the error */
  int failed;
} weight_call;

static double call_weight(void *ud, const char *term, size_t len)
{
  weight_call *w = (weight_call *)ud;
  lua_State *L = w->L;
  double v;
  lua_pushvalue(L, w->fn);
  lua_pushlstring(L, term, len);
  if (lua_pcall(L, 1, 1, 0) != 0) {
    lua_replace(L, w->error);
    w->failed = 1;
    return -1;
  }
  if (lua_type(L, -1) != LUA_TNUMBER || !(lua_tonumber(L, -1) >= 0) || isinf(lua_tonumber(L, -1))) {
    lua_pushfstring(L, "idf: the weight of '%s' must be a non-negative number, got %s", term,
                    lua_type(L, -1) == LUA_TNUMBER ? "a negative or infinite number" : luaL_typename(L, -1));
    lua_replace(L, w->error);
    lua_pop(L, 1);
    w->failed = 1;
    return -1;
  }
  v = lua_tonumber(L, -1);
  lua_pop(L, 1);
  return v;
}

/* Reads the summary options of the table at arg into *o; leaves on the
 * stack what must stay alive (abbreviation set, stop-word map box). */
static void check_summary_options(lua_State *L, int arg, nn_summary_opts *o)
{
  int words = has_option(L, arg, "words"), chars = has_option(L, arg, "chars");
  size_t n;
  nn_summary_opts_init(o);
  lnn_checkoptions(L, arg, summary_options);
  lnn_check_sentence_options(L, arg, &o->sentence);
  o->sentences = opt_size(L, arg, "sentences", words || chars ? 0 : 3, 0);
  o->words = opt_size(L, arg, "words", 0, 0);
  o->chars = opt_size(L, arg, "chars", 0, 0);
  o->quotes = lnn_optboolean(L, arg, "quotes", 1);
  o->lead = lnn_optnumber(L, arg, "lead", 2.0);
  if (!(o->lead >= 0) || isinf(o->lead))
    luaL_argerror(L, arg, "option 'lead' must be a non-negative number");
  o->mode = lnn_optenum(L, arg, "mode", mode_names, NN_SUMMARY_AUTO);
  o->damping = lnn_optnumber(L, arg, "damping", 0.85);
  if (!(o->damping > 0 && o->damping < 1)) luaL_argerror(L, arg, "option 'damping' must be between 0 and 1");
  o->max_graph = opt_size(L, arg, "max_sentences", 512, 1);
  o->title = lnn_optstring(L, arg, "title", NULL, &n);
  o->title_len = o->title ? n : 0;
  if (has_option(L, arg, "stopwords")) {
    nn_strmap *map;
    size_t i, count;
    int list;
    lua_getfield(L, arg, "stopwords");
    if (lua_type(L, -1) != LUA_TTABLE)
      luaL_argerror(L, arg, lua_pushfstring(L, "option 'stopwords' must be a table, got %s", luaL_typename(L, -1)));
    list = lua_gettop(L);
    map = push_wordset(L);
    count = lua_rawlen(L, list);
    for (i = 1; i <= count; i++) {
      const char *w;
      size_t wl;
      uint32_t id;
      int r;
      lua_rawgeti(L, list, (int)i);
      if (lua_type(L, -1) != LUA_TSTRING) luaL_argerror(L, arg, "option 'stopwords' must be a list of strings");
      w = lua_tolstring(L, -1, &wl);
      r = nn_strmap_intern(map, w, wl, &id);
      lua_pop(L, 1);
      if (r < 0) lnn_raise(L, r);
    }
    lua_remove(L, list); /* the set stays on the stack */
    o->function_words = map;
  }
}

/* Runs the summarizer on the string at 1 with the options at 2; leaves the
 * box on the stack.  Raises on bad options and core failures. */
static summarizer_box *run_summary(lua_State *L, const char **s, size_t *len)
{
  nn_summary_opts o;
  weight_call w;
  summarizer_box *box;
  int r;
  *s = lnn_checkstring(L, 1, len);
  check_summary_options(L, 2, &o);
  w.L = L;
  w.failed = 0;
  lua_pushnil(L);
  w.error = lua_gettop(L);
  w.fn = 0;
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_getfield(L, 2, "idf");
    if (lua_type(L, -1) == LUA_TFUNCTION) {
      w.fn = lua_gettop(L);
      o.weight = call_weight;
      o.weight_ud = &w;
    } else if (!lua_isnil(L, -1)) {
      luaL_argerror(L, 2, lua_pushfstring(L, "option 'idf' must be a function, got %s", luaL_typename(L, -1)));
    } else {
      lua_pop(L, 1);
    }
  }
  box = push_summarizer(L);
  box->busy = 1;
  r = nn_summarize(&box->z, *s, *len, &o);
  box->busy = 0;
  if (w.failed) {
    lua_pushvalue(L, w.error);
    lua_error(L);
  }
  if (r < 0) lnn_raise(L, r);
  return box;
}

/* summarize(s [, opts]) -> { sentence, ... } in document order */
static int lnn_summarize(lua_State *L)
{
  const char *s;
  size_t len, i, count, n = 0;
  summarizer_box *box = run_summary(L, &s, &len);
  nn_buf *scratch = lnn_pushbuf(L);
  count = nn_summary_count(&box->z);
  lua_newtable(L);
  for (i = 0; i < count; i++) {
    const nn_summary_sentence *t = nn_summary_at(&box->z, i);
    int r;
    if (!t->selected) continue;
    scratch->len = 0;
    if ((r = nn_sentence_join_lines(s, t->start, t->stop, scratch)) < 0) lnn_raise(L, r);
    lua_pushlstring(L, scratch->data, scratch->len);
    lua_rawseti(L, -2, (int)++n);
  }
  return 1;
}

/* rank_sentences(s [, opts]) -> { { index =, text =, start =, stop =, score =,
 * selected =, reason = }, ... } in document order, and the lede weight */
static int lnn_rank_sentences(lua_State *L)
{
  const char *s;
  size_t len, i, count;
  summarizer_box *box = run_summary(L, &s, &len);
  count = nn_summary_count(&box->z);
  lua_createtable(L, (int)count, 0);
  for (i = 0; i < count; i++) {
    const nn_summary_sentence *t = nn_summary_at(&box->z, i);
    const char *reason = nn_summary_reason_name(t->reason);
    lua_createtable(L, 0, 7);
    lua_pushinteger(L, (lua_Integer)i + 1);
    lua_setfield(L, -2, "index");
    lua_pushlstring(L, s + t->start, t->stop - t->start);
    lua_setfield(L, -2, "text");
    lua_pushinteger(L, (lua_Integer)t->start + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)t->stop);
    lua_setfield(L, -2, "stop");
    lua_pushnumber(L, (lua_Number)t->score);
    lua_setfield(L, -2, "score");
    lua_pushboolean(L, t->selected);
    lua_setfield(L, -2, "selected");
    if (reason) {
      lua_pushstring(L, reason);
      lua_setfield(L, -2, "reason");
    }
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_pushnumber(L, (lua_Number)box->z.g);
  return 2;
}

/* ---- stats ---------------------------------------------------------------------------- */

static const char *const stats_options[] = { "lang", "abbreviations", "wpm", "long_sentence", "whole", NULL };

static void set_number(lua_State *L, const char *name, double v)
{
  lua_pushnumber(L, (lua_Number)v);
  lua_setfield(L, -2, name);
}

static void set_integer(lua_State *L, const char *name, size_t v)
{
  lua_pushinteger(L, (lua_Integer)v);
  lua_setfield(L, -2, name);
}

/* stats(s [, opts]) -> { characters =, words =, ... } (the language is added
 * by the wrapper) */
static int lnn_stats(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_stats_opts o;
  nn_stats_result st;
  summarizer_box *box;
  const char *code = NULL, *index;
  double wpm, score, grade;
  int r;
  lnn_checkoptions(L, 2, stats_options);
  nn_stats_opts_init(&o);
  lnn_check_sentence_options(L, 2, &o.sentence);
  if (o.sentence.lang >= 0) {
    code = nn_sentences_lang_code(o.sentence.lang);
    o.read_lang = nn_read_lang_of(code, strlen(code));
  }
  wpm = lnn_optnumber(L, 2, "wpm", 238.0);
  if (!(wpm > 0) || isinf(wpm)) luaL_argerror(L, 2, "option 'wpm' must be a positive number");
  o.long_sentence = opt_size(L, 2, "long_sentence", 25, 1);
  o.whole_text = lnn_optboolean(L, 2, "whole", 0);
  box = push_summarizer(L);
  box->busy = 1;
  r = nn_stats(&box->z.article, s, len, &o, &st);
  box->busy = 0;
  if (r < 0) lnn_raise(L, r);
  lua_createtable(L, 0, 20);
  set_integer(L, "characters", st.characters);
  set_integer(L, "letters", st.letters);
  set_integer(L, "words", st.words);
  set_integer(L, "sentences", st.sentences);
  set_integer(L, "paragraphs", st.paragraphs);
  set_number(L, "wpm", wpm);
  set_number(L, "reading_time", (double)st.words / wpm);
  set_number(L, "avg_sentence_length", st.sentences ? (double)st.words / (double)st.sentences : 0);
  set_number(L, "avg_word_length", st.words ? (double)st.letters / (double)st.words : 0);
  set_integer(L, "long_sentence", o.long_sentence);
  set_integer(L, "long_sentences", st.long_sentences);
  set_integer(L, "longest_sentence", st.longest_sentence);
  set_integer(L, "quoted_words", st.quoted_words);
  set_number(L, "quote_share", st.words ? (double)st.quoted_words / (double)st.words : 0);
  if (o.read_lang != NN_READ_NONE) {
    score = nn_readability(&st, o.read_lang, &index, &grade);
    if (o.read_lang != NN_READ_IT) {
      set_integer(L, "syllables", st.syllables);
      set_number(L, "syllables_per_word", st.words ? (double)st.syllables / (double)st.words : 0);
    }
    if (index) {
      lua_createtable(L, 0, 3);
      lua_pushstring(L, index);
      lua_setfield(L, -2, "index");
      set_number(L, "score", score);
      if (!isnan(grade)) set_number(L, "grade", grade);
      lua_setfield(L, -2, "readability");
      if (o.read_lang == NN_READ_EN) {
        set_number(L, "flesch_reading_ease", score);
        set_number(L, "flesch_kincaid_grade", grade);
      }
    }
  }
  return 1;
}

/* The languages with a built-in function-word list: { en = true, ... } */
static void push_function_word_languages(lua_State *L)
{
  size_t i;
  lua_newtable(L);
  for (i = 0; i < nn_wordlists_count; i++) {
    if (strcmp(nn_wordlists[i].kind, "function_words") != 0) continue;
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, nn_wordlists[i].name);
  }
}

static const luaL_Reg summary_funcs[] = {
  { "summarize", lnn_summarize },
  { "rank_sentences", lnn_rank_sentences },
  { "stats", lnn_stats },
  { NULL, NULL }
};

void lnn_open_summary(lua_State *L)
{
  luaL_setfuncs(L, summary_funcs, 0);
  push_function_word_languages(L);
  lua_setfield(L, -2, "summary_function_words");
}
