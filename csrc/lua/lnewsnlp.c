/* `newsnlp.core`: the module entry point and the helpers every binding file
 * shares (options, errors, buffers owned by Lua). */
#include <math.h>
#include <string.h>

#include <utf8proc.h>

#include "lnewsnlp.h"
#include "../unicode_data.h"

#define BUFFER_METATABLE "newsnlp.Buffer"

void lnn_allocator(lua_State *L, nn_allocator *a)
{
  a->fn = (nn_alloc_fn)lua_getallocf(L, &a->ud);
}

int lnn_pusherror(lua_State *L, int status, const char *detail)
{
  lua_pushnil(L);
  if (detail)
    lua_pushfstring(L, "%s: %s", detail, nn_status_message(status));
  else
    lua_pushstring(L, nn_status_message(status));
  lua_pushstring(L, nn_status_code(status));
  return 3;
}

int lnn_raise(lua_State *L, int status)
{
  return luaL_error(L, "newsnlp: %s (%s)", nn_status_message(status), nn_status_code(status));
}

/* One userdata holds the nn_buf and the allocator it points to. */
typedef struct buffer_box {
  nn_buf buf;
  nn_allocator alloc;
} buffer_box;

static int buffer_gc(lua_State *L)
{
  buffer_box *box = (buffer_box *)luaL_checkudata(L, 1, BUFFER_METATABLE);
  nn_buf_free(&box->buf);
  return 0;
}

void lnn_setgc(lua_State *L, const char *tname, lua_CFunction gc)
{
  if (luaL_newmetatable(L, tname)) {
    lua_pushcfunction(L, gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
}

nn_buf *lnn_pushbuf(lua_State *L)
{
  buffer_box *box = (buffer_box *)lua_newuserdata(L, sizeof *box);
  lnn_allocator(L, &box->alloc);
  nn_buf_init(&box->buf, &box->alloc);
  lnn_setgc(L, BUFFER_METATABLE, buffer_gc);
  return &box->buf;
}

nn_buf *lnn_tobuf(lua_State *L, int idx)
{
  return &((buffer_box *)luaL_checkudata(L, idx, BUFFER_METATABLE))->buf;
}

const char *lnn_checkstring(lua_State *L, int arg, size_t *len)
{
  /* Numbers are not silently turned into text: the input must be a string. */
  if (lua_type(L, arg) != LUA_TSTRING) luaL_checktype(L, arg, LUA_TSTRING);
  return lua_tolstring(L, arg, len);
}

void lnn_checkoptions(lua_State *L, int arg, const char *const known[])
{
  if (lua_isnoneornil(L, arg)) return;
  luaL_checktype(L, arg, LUA_TTABLE);
  lua_pushnil(L);
  while (lua_next(L, arg) != 0) {
    const char *const *k;
    const char *key;
    lua_pop(L, 1);
    if (lua_type(L, -1) != LUA_TSTRING) {
      luaL_argerror(L, arg, lua_pushfstring(L, "option names must be strings, got %s",
                                            luaL_typename(L, -1)));
    }
    key = lua_tostring(L, -1);
    for (k = known; *k; k++)
      if (strcmp(*k, key) == 0) break;
    if (!*k) luaL_argerror(L, arg, lua_pushfstring(L, "unknown option '%s'", key));
  }
}

/* Pushes opts[name] (nil when there is no options table). */
static int getoption(lua_State *L, int arg, const char *name)
{
  if (lua_type(L, arg) != LUA_TTABLE) {
    lua_pushnil(L);
    return LUA_TNIL;
  }
  lua_getfield(L, arg, name);
  return lua_type(L, -1);
}

static int option_type_error(lua_State *L, int arg, const char *name, const char *expected)
{
  return luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be %s, got %s", name,
                                               expected, luaL_typename(L, -1)));
}

int lnn_optboolean(lua_State *L, int arg, const char *name, int def)
{
  int t = getoption(L, arg, name), v = def;
  if (t == LUA_TBOOLEAN) v = lua_toboolean(L, -1);
  else if (t != LUA_TNIL) option_type_error(L, arg, name, "a boolean");
  lua_pop(L, 1);
  return v;
}

lua_Number lnn_optnumber(lua_State *L, int arg, const char *name, lua_Number def)
{
  int t = getoption(L, arg, name);
  lua_Number v = def;
  if (t == LUA_TNUMBER) v = lua_tonumber(L, -1);
  else if (t != LUA_TNIL) option_type_error(L, arg, name, "a number");
  lua_pop(L, 1);
  return v;
}

lua_Integer lnn_optinteger(lua_State *L, int arg, const char *name, lua_Integer def)
{
  int t = getoption(L, arg, name);
  lua_Integer v = def;
  if (t == LUA_TNUMBER) {
    lua_Number n = lua_tonumber(L, -1);
    if (!lnn_isinteger(L, -1) && (n != floor(n) || n < -9.0e15 || n > 9.0e15))
      option_type_error(L, arg, name, "an integer");
    v = lnn_isinteger(L, -1) ? lua_tointeger(L, -1) : (lua_Integer)n;
  } else if (t != LUA_TNIL) {
    option_type_error(L, arg, name, "an integer");
  }
  lua_pop(L, 1);
  return v;
}

const char *lnn_optstring(lua_State *L, int arg, const char *name, const char *def, size_t *len)
{
  int t = getoption(L, arg, name);
  const char *v = def;
  if (t == LUA_TSTRING) {
    /* The string stays alive: it is referenced by the options table. */
    v = lua_tolstring(L, -1, len);
  } else if (t != LUA_TNIL) {
    option_type_error(L, arg, name, "a string");
  } else if (len) {
    *len = def ? strlen(def) : 0;
  }
  lua_pop(L, 1);
  return v;
}

int lnn_optenum(lua_State *L, int arg, const char *name, const char *const names[], int def)
{
  const char *v = lnn_optstring(L, arg, name, NULL, NULL);
  int i;
  if (!v) return def;
  for (i = 0; names[i]; i++)
    if (strcmp(names[i], v) == 0) return i;
  return luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' has unknown value '%s'", name, v));
}

int luaopen_newsnlp_core(lua_State *L);

int luaopen_newsnlp_core(lua_State *L)
{
  lua_newtable(L);
  lua_pushliteral(L, NN_VERSION);
  lua_setfield(L, -2, "version");
  lua_pushliteral(L, NN_UNICODE_VERSION);
  lua_setfield(L, -2, "unicode_version");
  lua_pushstring(L, utf8proc_version());
  lua_setfield(L, -2, "utf8proc_version");
  lua_pushstring(L, utf8proc_unicode_version());
  lua_setfield(L, -2, "utf8proc_unicode_version");
  lnn_open_utf8(L);
  lnn_open_sentences(L);
  lnn_open_segments(L);
  lnn_open_article(L);
  lnn_open_summary(L);
  lnn_open_normalize(L);
  lnn_open_tokens(L);
  lnn_open_terms(L);
  lnn_open_corpus(L);
  lnn_open_keywords(L);
  lnn_open_classifier(L);
  lnn_open_tagger(L);
  lnn_open_entities(L);
  lnn_open_values(L);
  return 1;
}
