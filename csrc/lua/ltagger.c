/* Taxonomy tagging: newsnlp.tagger, newsnlp.load_tagger and the
 * newsnlp.Tagger object (tag, match, size, tags, close). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lnewsnlp.h"
#include "../nn_tagger.h"

#define TAGGER_METATABLE "newsnlp.Tagger"

/* The tagger allocates through Lua's allocator; a NULL pointer means
 * closed (or not built yet).  The output buffers are kept from call to
 * call, so that tagging article after article allocates nothing once they
 * have grown.  While results are pushed from them (`busy`), a finalizer
 * that uses the same tagger gets buffers of its own, and one that closes it
 * only marks it, the release waiting for the push to end. */
typedef struct tagger_box {
  nn_tagger *t;
  nn_allocator alloc;
  nn_buf matches, results;
  int busy;
  int close_pending;
  int names;  /* registry reference of the tag names as Lua strings, by id + 1,
                 then the texts of the phrases matched so far, at tags + id + 1 */
} tagger_box;

static const char *const build_options[] = { "lang", "stem", NULL };
static const char *const tag_options[] = {
  "limit", "min_count", "min_score", "lead", "overlapping", "spans", NULL
};
static const char *const match_options[] = { "overlapping", NULL };

static void release(lua_State *L, tagger_box *box)
{
  nn_tagger_free(box->t);
  box->t = NULL;
  nn_buf_free(&box->matches);
  nn_buf_free(&box->results);
  luaL_unref(L, LUA_REGISTRYINDEX, box->names);
  box->names = LUA_NOREF;
}

/* close, __gc and __close: idempotent. */
static int tagger_close(lua_State *L)
{
  tagger_box *box = (tagger_box *)luaL_checkudata(L, 1, TAGGER_METATABLE);
  if (box->busy) box->close_pending = 1;
  else release(L, box);
  return 0;
}

static tagger_box *check_box(lua_State *L)
{
  tagger_box *box = (tagger_box *)luaL_checkudata(L, 1, TAGGER_METATABLE);
  if (!box->t || box->close_pending) luaL_argerror(L, 1, "the tagger is closed");
  return box;
}

static nn_tagger *check_tagger(lua_State *L)
{
  return check_box(L)->t;
}

/* The output buffers of a call: the tagger's own, or fresh ones when a
 * call is already pushing from those.  Returns whether they are its own. */
static int take_buffers(lua_State *L, tagger_box *box, nn_buf **matches, nn_buf **results)
{
  if (box->busy) {
    *matches = lnn_pushbuf(L);
    *results = lnn_pushbuf(L);
    return 0;
  }
  *matches = &box->matches;
  *results = &box->results;
  return 1;
}

static void end_push(lua_State *L, tagger_box *box, int own)
{
  if (!own) return;
  box->busy = 0;
  if (box->close_pending) release(L, box);
}

/* Pushes an empty tagger built with the options at arg (in a userdata whose
 * __gc frees it, so that any error raised later cannot leak it). */
static nn_tagger *push_tagger(lua_State *L, int arg)
{
  tagger_box *box;
  nn_tagger_opts o = NN_TAGGER_OPTS_DEFAULT;
  nn_allocator a;
  int st;
  lnn_checkoptions(L, arg, build_options);
  o.lang = lnn_optstring(L, arg, "lang", NULL, NULL);
  o.stem = lnn_optboolean(L, arg, "stem", 0);
  if (o.stem && !o.lang)
    luaL_argerror(L, arg, "option 'stem' needs option 'lang': stemming is per language");
  box = (tagger_box *)lua_newuserdata(L, sizeof *box);
  box->t = NULL;
  box->busy = 0;
  box->close_pending = 0;
  box->names = LUA_NOREF;
  lnn_allocator(L, &box->alloc);
  nn_buf_init(&box->matches, &box->alloc);
  nn_buf_init(&box->results, &box->alloc);
  luaL_setmetatable(L, TAGGER_METATABLE);
  a = box->alloc;
  st = nn_tagger_new(&box->t, &o, &a);
  if (st == NN_EARG) {
    nn_tagger *probe = NULL;
    o.stem = 0;
    if (nn_tagger_new(&probe, &o, &a) != NN_OK)
      luaL_argerror(L, arg, lua_pushfstring(L, "option 'lang' has malformed value '%s'", o.lang));
    nn_tagger_free(probe);
    luaL_argerror(L, arg,
                  lua_pushfstring(L, "option 'lang': no Snowball stemmer for '%s'", o.lang));
  }
  if (st != NN_OK) lnn_raise(L, st);
  return box->t;
}

typedef struct name_ref {
  const char *s;
  size_t len;
} name_ref;

static int compare_names(const void *a, const void *b)
{
  const name_ref *x = (const name_ref *)a, *y = (const name_ref *)b;
  int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
  if (c) return c;
  return x->len < y->len ? -1 : x->len > y->len;
}

static void add_phrase(lua_State *L, nn_tagger *t, uint32_t tag, const char *name, int idx,
                       int case_sensitive)
{
  size_t len;
  const char *why, *p;
  int st;
  if (lua_type(L, idx) != LUA_TSTRING)
    luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s': phrases must be strings, got %s", name,
                                        luaL_typename(L, idx)));
  p = lua_tolstring(L, idx, &len);
  st = nn_tagger_add_phrase(t, tag, p, len, case_sensitive, &why);
  if (st == NN_EARG)
    luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s', phrase '%s': %s", name, p, why));
  if (st != NN_OK) lnn_raise(L, st);
}

/* Adds the phrases of a list (a string is a list of one) at idx. */
static size_t add_phrase_list(lua_State *L, nn_tagger *t, uint32_t tag, const char *name,
                              int idx, int case_sensitive)
{
  size_t i, n;
  if (lua_type(L, idx) == LUA_TSTRING) {
    add_phrase(L, t, tag, name, idx, case_sensitive);
    return 1;
  }
  n = lua_rawlen(L, idx);
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, idx, (lua_Integer)i);
    add_phrase(L, t, tag, name, lua_gettop(L), case_sensitive);
    lua_pop(L, 1);
  }
  return n;
}

/* One tag of a rules table: its value is on the top of the stack. */
static void add_rule(lua_State *L, nn_tagger *t, const name_ref *name)
{
  int v = lua_gettop(L);
  uint32_t tag;
  double weight = 1.0;
  size_t count = 0, n;
  int st;
  if (lua_type(L, v) == LUA_TTABLE) {
    /* Every key is a list position or a known setting. */
    n = lua_rawlen(L, v);
    lua_pushnil(L);
    while (lua_next(L, v) != 0) {
      lua_pop(L, 1);
      if (lua_type(L, -1) == LUA_TNUMBER) {
        lua_Number k = lua_tonumber(L, -1);
        if (!(k >= 1 && k <= (lua_Number)n && k == (lua_Number)(size_t)k))
          luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s': phrases must form a list", name->s));
      } else if (lua_type(L, -1) == LUA_TSTRING) {
        const char *k = lua_tostring(L, -1);
        if (strcmp(k, "weight") != 0 && strcmp(k, "case_sensitive") != 0)
          luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s': unknown setting '%s' "
                                              "(known: weight, case_sensitive)", name->s, k));
      } else {
        luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s': unexpected %s key", name->s,
                                            luaL_typename(L, -1)));
      }
    }
    lua_pushliteral(L, "weight");
    lua_rawget(L, v);
    if (!lua_isnil(L, -1)) {
      if (lua_type(L, -1) != LUA_TNUMBER)
        luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s': weight must be a number, got %s",
                                            name->s, luaL_typename(L, -1)));
      weight = (double)lua_tonumber(L, -1);
    }
    lua_pop(L, 1);
  } else if (lua_type(L, v) != LUA_TSTRING) {
    luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s' must have a phrase or a table of phrases, "
                                        "got %s", name->s, luaL_typename(L, v)));
  }
  st = nn_tagger_add_tag(t, name->s, name->len, weight, &tag);
  if (st == NN_EARG) {
    if (name->len == 0) luaL_argerror(L, 1, "tag names must not be empty");
    luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s': weight must be a positive number up to "
                                        "1e9", name->s));
  }
  if (st < 0) lnn_raise(L, st);
  count = add_phrase_list(L, t, tag, name->s, v, 0);
  if (lua_type(L, v) == LUA_TTABLE) {
    lua_pushliteral(L, "case_sensitive");
    lua_rawget(L, v);
    if (!lua_isnil(L, -1)) {
      if (lua_type(L, -1) != LUA_TTABLE && lua_type(L, -1) != LUA_TSTRING)
        luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s': case_sensitive must be a list of "
                                            "phrases, got %s", name->s, luaL_typename(L, -1)));
      count += add_phrase_list(L, t, tag, name->s, lua_gettop(L), 1);
    }
    lua_pop(L, 1);
  }
  if (count == 0) luaL_argerror(L, 1, lua_pushfstring(L, "tag '%s' has no phrases", name->s));
}

/* Compiles the tagger of the box at index box_idx, and keeps its tag names
 * as Lua strings, so that results push them without hashing them again. */
static void compile(lua_State *L, int box_idx)
{
  tagger_box *box = (tagger_box *)lua_touserdata(L, box_idx);
  size_t i, n;
  int st = nn_tagger_compile(box->t);
  if (st != NN_OK) lnn_raise(L, st);
  n = nn_tagger_tag_count(box->t);
  lua_createtable(L, n > 0x7FFFFFF ? 0 : (int)n, 0);
  for (i = 0; i < n; i++) {
    size_t len;
    const char *name = nn_tagger_tag_name(box->t, (uint32_t)i, &len);
    lua_pushlstring(L, name, len);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  box->names = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* load_tagger(path [, opts]) -> tagger | nil, message, code */
static int lnn_load_tagger(lua_State *L)
{
  const char *path;
  nn_tagger *t;
  nn_buf *text;
  lua_settop(L, 2);
  path = lnn_checkstring(L, 1, NULL);
  t = push_tagger(L, 2);
  text = lnn_pushbuf(L);
  size_t line;
  const char *why;
  FILE *f;
  int st, err = 0;
  /* Nothing between fopen and fclose can raise: the buffer grows through
   * the core. */
  f = fopen(path, "rb");
  if (!f) {
    err = errno;
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, strerror(err));
    lua_pushliteral(L, "EIO");
    return 3;
  }
  for (;;) {
    size_t got;
    if (nn_buf_reserve(text, 65536) != NN_OK) {
      fclose(f);
      return lnn_raise(L, NN_ENOMEM);
    }
    got = fread(text->data + text->len, 1, text->cap - text->len, f);
    text->len += got;
    if (got == 0) break;
  }
  if (ferror(f)) err = errno ? errno : EIO;
  fclose(f);
  if (err) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, strerror(err));
    lua_pushliteral(L, "EIO");
    return 3;
  }
  st = nn_tagger_parse(t, text->data ? text->data : "", text->len, &line, &why);
  if (st == NN_EFORMAT || st == NN_EUTF8) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s:%d: %s", path, (int)line, why);
    lua_pushstring(L, nn_status_code(st));
    return 3;
  }
  if (st != NN_OK) return lnn_raise(L, st);
  nn_buf_free(text);
  compile(L, 3);
  lua_pop(L, 1);
  return 1;
}

/* tagger(rules | path [, opts]) -> tagger (| nil, message, code for a file) */
static int lnn_tagger(lua_State *L)
{
  nn_tagger *t;
  nn_buf *names;
  name_ref *refs;
  size_t n = 0, i;
  lua_settop(L, 2);
  if (lua_type(L, 1) == LUA_TSTRING) return lnn_load_tagger(L);
  if (lua_type(L, 1) != LUA_TTABLE)
    luaL_argerror(L, 1, lua_pushfstring(L, "table of tags or file name expected, got %s",
                                        luaL_typename(L, 1)));
  t = push_tagger(L, 2);
  names = lnn_pushbuf(L);
  /* Tags are added in the order of their names, so that a taxonomy gives
   * the same tagger (and the same order of ties) every time. */
  lua_pushnil(L);
  while (lua_next(L, 1) != 0) {
    name_ref r;
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, 1, lua_pushfstring(L, "tag names must be strings, got %s",
                                          luaL_typename(L, -1)));
    /* The key string stays alive: the rules table refers to it. */
    r.s = lua_tolstring(L, -1, &r.len);
    if (nn_buf_append(names, (const char *)&r, sizeof r) != NN_OK) lnn_raise(L, NN_ENOMEM);
    n++;
  }
  refs = (name_ref *)(void *)names->data;
  if (n > 1) qsort(refs, n, sizeof *refs, compare_names);
  for (i = 0; i < n; i++) {
    lua_pushlstring(L, refs[i].s, refs[i].len);
    lua_rawget(L, 1);
    add_rule(L, t, &refs[i]);
    lua_settop(L, 4);
  }
  compile(L, 3);
  lua_pop(L, 1);
  return 1;
}

/* Pushes the names table of the box; returns its index. */
static int push_names(lua_State *L, const tagger_box *box)
{
  lua_rawgeti(L, LUA_REGISTRYINDEX, box->names);
  return lua_gettop(L);
}

static void push_tag_name(lua_State *L, int names, uint32_t tag)
{
  lua_rawgeti(L, names, (lua_Integer)tag + 1);
}

/* Pushes the text of a phrase, made a Lua string once and kept in the
 * names table (after the tag names) for the tagger's life. */
static void push_phrase(lua_State *L, nn_tagger *t, int names, uint32_t phrase)
{
  lua_Integer k = (lua_Integer)nn_tagger_tag_count(t) + (lua_Integer)phrase + 1;
  lua_rawgeti(L, names, k);
  if (lua_isnil(L, -1)) {
    size_t plen;
    const char *p = nn_tagger_phrase_text(t, phrase, &plen);
    lua_pop(L, 1);
    lua_pushlstring(L, p, plen);
    lua_pushvalue(L, -1);
    lua_rawseti(L, names, k);
  }
}

/* The field names of result records, interned once: upvalues of the
 * methods. */
enum { KEY_TAG = 1, KEY_COUNT, KEY_SCORE, KEY_SPANS, KEY_PHRASE, KEY_START, KEY_STOP };
static const char *const record_keys[] = {
  "tag", "count", "score", "spans", "phrase", "start", "stop", NULL
};

/* Sets field `key` (an upvalue) of the table below the value on the top to that value. */
static void set_key(lua_State *L, int key)
{
  lua_pushvalue(L, lua_upvalueindex(key));
  lua_insert(L, -2);
  lua_rawset(L, -3);
}

static int check_count(lua_State *L, int arg, const char *name, lua_Integer def, size_t *out)
{
  lua_Integer v = lnn_optinteger(L, arg, name, def);
  if (v < 0)
    luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must not be negative", name));
  *out = (size_t)v;
  return 0;
}

/* tagger:tag(text [, opts]) -> { { tag =, count =, score =, spans = { {i, j}, ... } }, ... } */
static int lnn_tagger_tag(lua_State *L)
{
  tagger_box *box = check_box(L);
  nn_tagger *t = box->t;
  size_t len, i, k, nres;
  const char *s = lnn_checkstring(L, 2, &len);
  nn_tag_options o = NN_TAG_OPTIONS_DEFAULT;
  nn_buf *matches, *results;
  const nn_tag_match *m;
  const nn_tag_result *r;
  int st, own, names, spans;
  lnn_checkoptions(L, 3, tag_options);
  check_count(L, 3, "limit", 0, &o.limit);
  check_count(L, 3, "min_count", 1, &o.min_count);
  o.min_score = (double)lnn_optnumber(L, 3, "min_score", 0.0);
  o.lead = (double)lnn_optnumber(L, 3, "lead", 1.0);
  o.overlapping = lnn_optboolean(L, 3, "overlapping", 0);
  spans = lnn_optboolean(L, 3, "spans", 1);
  if (!(o.lead >= 0.0 && o.lead <= 1e9))
    luaL_argerror(L, 3, "option 'lead' must be a number from 0 to 1e9");
  own = take_buffers(L, box, &matches, &results);
  st = nn_tagger_tag(t, s, len, &o, matches, results);
  if (st != NN_OK) return lnn_raise(L, st);
  /* Busy until the results are pushed.  Only a memory error can interrupt
   * that, and leave the buffers marked: later calls then use fresh ones. */
  if (own) box->busy = 1;
  m = (const nn_tag_match *)(const void *)matches->data;
  r = (const nn_tag_result *)(const void *)results->data;
  nres = results->len / sizeof *r;
  names = push_names(L, box);
  lua_createtable(L, nres > 0x7FFFFFF ? 0 : (int)nres, 0);
  for (i = 0; i < nres; i++) {
    lua_createtable(L, 0, spans ? 4 : 3);
    push_tag_name(L, names, r[i].tag);
    set_key(L, KEY_TAG);
    lua_pushinteger(L, (lua_Integer)r[i].count);
    set_key(L, KEY_COUNT);
    lua_pushnumber(L, (lua_Number)r[i].score);
    set_key(L, KEY_SCORE);
    if (!spans) {
      lua_rawseti(L, -2, (lua_Integer)i + 1);
      continue;
    }
    lua_createtable(L, r[i].count > 0x7FFFFFF ? 0 : (int)r[i].count, 0);
    for (k = 0; k < r[i].count; k++) {
      const nn_tag_match *x = &m[r[i].first + k];
      lua_createtable(L, 2, 0);
      lua_pushinteger(L, (lua_Integer)x->start + 1);
      lua_rawseti(L, -2, 1);
      lua_pushinteger(L, (lua_Integer)x->stop);
      lua_rawseti(L, -2, 2);
      lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    set_key(L, KEY_SPANS);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  end_push(L, box, own);
  return 1;
}

/* tagger:match(text [, opts]) -> { { tag =, phrase =, start =, stop = }, ... } */
static int lnn_tagger_match(lua_State *L)
{
  tagger_box *box = check_box(L);
  nn_tagger *t = box->t;
  size_t len, i, n;
  const char *s = lnn_checkstring(L, 2, &len);
  nn_buf *matches, *unused;
  const nn_tag_match *m;
  int overlapping, st, own, names;
  lnn_checkoptions(L, 3, match_options);
  overlapping = lnn_optboolean(L, 3, "overlapping", 0);
  own = take_buffers(L, box, &matches, &unused);
  st = nn_tagger_match(t, s, len, overlapping, matches, NULL);
  if (st != NN_OK) return lnn_raise(L, st);
  if (own) box->busy = 1;
  m = (const nn_tag_match *)(const void *)matches->data;
  n = matches->len / sizeof *m;
  names = push_names(L, box);
  lua_createtable(L, n > 0x7FFFFFF ? 0 : (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 4);
    push_tag_name(L, names, m[i].tag);
    set_key(L, KEY_TAG);
    push_phrase(L, t, names, m[i].phrase);
    set_key(L, KEY_PHRASE);
    lua_pushinteger(L, (lua_Integer)m[i].start + 1);
    set_key(L, KEY_START);
    lua_pushinteger(L, (lua_Integer)m[i].stop);
    set_key(L, KEY_STOP);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  end_push(L, box, own);
  return 1;
}

/* tagger:size() -> phrases, tags */
static int lnn_tagger_size(lua_State *L)
{
  nn_tagger *t = check_tagger(L);
  lua_pushinteger(L, (lua_Integer)nn_tagger_phrase_count(t));
  lua_pushinteger(L, (lua_Integer)nn_tagger_tag_count(t));
  return 2;
}

/* tagger:tags() -> { name, ... } in the order they were added */
static int lnn_tagger_tags(lua_State *L)
{
  tagger_box *box = check_box(L);
  size_t i, n = nn_tagger_tag_count(box->t);
  int names = push_names(L, box);
  lua_createtable(L, n > 0x7FFFFFF ? 0 : (int)n, 0);
  for (i = 0; i < n; i++) {
    push_tag_name(L, names, (uint32_t)i);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int tagger_tostring(lua_State *L)
{
  tagger_box *box = (tagger_box *)luaL_checkudata(L, 1, TAGGER_METATABLE);
  const char *lang;
  if (!box->t) {
    lua_pushfstring(L, "%s (closed): %p", TAGGER_METATABLE, (void *)box);
    return 1;
  }
  lang = nn_tagger_lang(box->t);
  lua_pushfstring(L, "%s (%d tags, %d phrases, %s%s%s): %p", TAGGER_METATABLE,
                  (int)nn_tagger_tag_count(box->t), (int)nn_tagger_phrase_count(box->t),
                  lang ? "lang " : "no language", lang ? lang : "",
                  nn_tagger_stems(box->t) ? ", stemming" : "", (void *)box);
  return 1;
}

static const luaL_Reg tagger_methods[] = {
  { "tag", lnn_tagger_tag },
  { "match", lnn_tagger_match },
  { "size", lnn_tagger_size },
  { "tags", lnn_tagger_tags },
  { "close", tagger_close },
  { NULL, NULL }
};

static const luaL_Reg tagger_funcs[] = {
  { "tagger", lnn_tagger },
  { "load_tagger", lnn_load_tagger },
  { NULL, NULL }
};

void lnn_open_tagger(lua_State *L)
{
  if (luaL_newmetatable(L, TAGGER_METATABLE)) {
    lua_pushcfunction(L, tagger_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, tagger_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, tagger_tostring);
    lua_setfield(L, -2, "__tostring");
    int k;
    luaL_newlibtable(L, tagger_methods);
    for (k = 0; record_keys[k]; k++) lua_pushstring(L, record_keys[k]);
    luaL_setfuncs(L, tagger_methods, k);
    lua_setfield(L, -2, "__index");
  }
  lua_pop(L, 1);
  luaL_setfuncs(L, tagger_funcs, 0);
}
