/* Sentences: newsnlp.sentences, each_sentence, sentence_spans, and the
 * sentence mode of newsnlp.segments (UAX #29). */
#include <string.h>

#include "lnewsnlp.h"
#include "../nn_sentbreak.h"
#include "../nn_sentences.h"

#define ABBREVS_METATABLE "newsnlp.Abbreviations"

static const char *const class_names[] = { "final", "ambiguous", "number", "title", NULL };

/* A caller's abbreviation set inside a userdata, freed by __gc. */
typedef struct abbrevs_box {
  nn_abbrev_set set;
  nn_allocator alloc;
} abbrevs_box;

static int abbrevs_gc(lua_State *L)
{
  abbrevs_box *box = (abbrevs_box *)luaL_checkudata(L, 1, ABBREVS_METATABLE);
  nn_abbrev_set_free(&box->set);
  return 0;
}

static nn_abbrev_set *push_abbrevs(lua_State *L)
{
  abbrevs_box *box = (abbrevs_box *)lua_newuserdata(L, sizeof *box);
  lnn_allocator(L, &box->alloc);
  nn_abbrev_set_init(&box->set, &box->alloc);
  lnn_setgc(L, ABBREVS_METATABLE, abbrevs_gc);
  return &box->set;
}

/* Adds the word on the top of the stack (a period is appended when it has
 * none) with class cls; raises naming the option on bad entries. */
static void add_abbrev(lua_State *L, int arg, nn_abbrev_set *set, int cls)
{
  size_t n;
  const char *w;
  char word[256];
  int r;
  if (lua_type(L, -1) != LUA_TSTRING)
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'abbreviations' must hold strings, got %s",
                                          luaL_typename(L, -1)));
  w = lua_tolstring(L, -1, &n);
  if (n == 0 || n > 254)
    luaL_argerror(L, arg, "option 'abbreviations' holds an empty or too long word");
  memcpy(word, w, n);
  if (word[n - 1] != '.') word[n++] = '.';
  r = nn_abbrev_set_add(set, word, n, cls);
  if (r == NN_EARG) luaL_argerror(L, arg, "option 'abbreviations' holds a bad word");
  if (r < 0) lnn_raise(L, r);
}

int lnn_check_sentence_options(lua_State *L, int arg, nn_sentence_opts *o)
{
  const char *names[32];
  size_t i, count = nn_sentences_lang_count();
  nn_abbrev_set *set;
  int top;
  nn_sentence_opts_init(o);
  for (i = 0; i < count && i < 31; i++) names[i] = nn_sentences_lang_code((int)i);
  names[i] = NULL;
  o->lang = lnn_optenum(L, arg, "lang", names, NN_LANG_NEUTRAL);
  if (lua_type(L, arg) != LUA_TTABLE) return 0;
  lua_getfield(L, arg, "abbreviations");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return 0;
  }
  if (lua_type(L, -1) != LUA_TTABLE)
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'abbreviations' must be a table, got %s",
                                          luaL_typename(L, -1)));
  set = push_abbrevs(L);
  top = lua_gettop(L); /* the set; the list is below it */
  lua_pushnil(L);
  while (lua_next(L, top - 1) != 0) {
    if (lua_type(L, -2) == LUA_TNUMBER) {
      add_abbrev(L, arg, set, NN_ABBREV_AMBIGUOUS); /* { "Calif.", ... } */
    } else {
      const char *cname = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
      int k;
      for (k = 0; class_names[k]; k++)
        if (strcmp(class_names[k], cname) == 0) break;
      if (!class_names[k])
        luaL_argerror(L, arg, "option 'abbreviations': a class must be 'title', 'number', "
                              "'ambiguous' or 'final'");
      lua_pushvalue(L, -2);
      add_abbrev(L, arg, set, k + 1); /* { ["Gen."] = "title" } */
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_remove(L, top - 1); /* the list; the set stays */
  o->abbrevs = set;
  return 1;
}

static const char *const sentences_options[] = { "lang", "abbreviations", "join_lines", NULL };
static const char *const spans_options[] = { "lang", "abbreviations", NULL };

/* Pushes the sentence as a string: the exact bytes, or with its line breaks
 * joined when join is set and it spans lines (scratch is a reusable buffer). */
static void push_sentence_text(lua_State *L, const char *s, const nn_sentence *sent, int join,
                               nn_buf *scratch)
{
  if (join && (sent->flags & NN_SENTENCE_MULTILINE)) {
    int r;
    scratch->len = 0;
    r = nn_sentence_join_lines(s, sent->start, sent->stop, scratch);
    if (r < 0) lnn_raise(L, r);
    lua_pushlstring(L, scratch->data, scratch->len);
  } else {
    lua_pushlstring(L, s + sent->start, sent->stop - sent->start);
  }
}

/* sentences(s [, opts]) -> { string, ... } */
static int lnn_sentences(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_sentence_opts opts;
  nn_sentence_iter it;
  nn_sentence sent;
  nn_buf *scratch;
  lua_Integer n = 0;
  int join;
  lnn_checkoptions(L, 2, sentences_options);
  join = lnn_optboolean(L, 2, "join_lines", 1);
  lnn_check_sentence_options(L, 2, &opts);
  scratch = lnn_pushbuf(L);
  lua_newtable(L);
  nn_sentences_init(&it, s, len, &opts);
  while (nn_sentences_next(&it, &sent)) {
    push_sentence_text(L, s, &sent, join, scratch);
    lua_rawseti(L, -2, (int)++n);
  }
  return 1;
}

/* Pushes { text =, start =, stop = } for a sentence (1-based, inclusive). */
static void push_span(lua_State *L, const char *s, size_t start, size_t stop)
{
  lua_createtable(L, 0, 3);
  lua_pushlstring(L, s + start, stop - start);
  lua_setfield(L, -2, "text");
  lua_pushinteger(L, (lua_Integer)start + 1);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)stop);
  lua_setfield(L, -2, "stop");
}

/* sentence_spans(s [, opts]) -> { { text =, start =, stop = }, ... } */
static int lnn_sentence_spans(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_sentence_opts opts;
  nn_sentence_iter it;
  nn_sentence sent;
  lua_Integer n = 0;
  lnn_checkoptions(L, 2, spans_options);
  lnn_check_sentence_options(L, 2, &opts);
  lua_newtable(L);
  nn_sentences_init(&it, s, len, &opts);
  while (nn_sentences_next(&it, &sent)) {
    push_span(L, s, sent.start, sent.stop);
    lua_rawseti(L, -2, (int)++n);
  }
  return 1;
}

/* The iterator of each_sentence: upvalues are the text, the nn_sentence_iter
 * userdata and the abbreviation set (or nil), which the iterator points to. */
static int each_sentence_step(lua_State *L)
{
  size_t len;
  const char *s = lua_tolstring(L, lua_upvalueindex(1), &len);
  nn_sentence_iter *it = (nn_sentence_iter *)lua_touserdata(L, lua_upvalueindex(2));
  nn_sentence sent;
  if (!nn_sentences_next(it, &sent)) return 0;
  lua_pushlstring(L, s + sent.start, sent.stop - sent.start);
  lua_pushinteger(L, (lua_Integer)sent.start + 1);
  lua_pushinteger(L, (lua_Integer)sent.stop);
  return 3;
}

/* each_sentence(s [, opts]) -> iterator of text, i, j */
static int lnn_each_sentence(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_sentence_opts opts;
  nn_sentence_iter *it;
  lnn_checkoptions(L, 2, spans_options);
  if (!lnn_check_sentence_options(L, 2, &opts)) lua_pushnil(L);
  lua_pushvalue(L, 1);
  lua_insert(L, -2); /* text, set */
  it = (nn_sentence_iter *)lua_newuserdata(L, sizeof *it);
  lua_insert(L, -2); /* text, iter, set */
  nn_sentences_init(it, s, len, &opts);
  lua_pushcclosure(L, each_sentence_step, 3);
  return 1;
}

int lnn_push_sentence_segments(lua_State *L, const char *s, size_t len)
{
  size_t pos = 0;
  lua_Integer n = 0;
  lua_newtable(L);
  while (pos < len) {
    size_t end = nn_sentbreak_next(s, len, pos);
    lua_pushlstring(L, s + pos, end - pos);
    lua_rawseti(L, -2, (int)++n);
    pos = end;
  }
  return 1;
}

static const luaL_Reg sentence_funcs[] = {
  { "sentences", lnn_sentences },
  { "sentence_spans", lnn_sentence_spans },
  { "each_sentence", lnn_each_sentence },
  { NULL, NULL }
};

void lnn_open_sentences(lua_State *L)
{
  luaL_setfuncs(L, sentence_funcs, 0);
}
