/* The few Lua 5.2+ C API names the binding uses, for Lua 5.1 and LuaJIT.
 *
 * The 5.1 build uses the PUC 5.1 headers and the resulting module also loads
 * in LuaJIT.  Every definition is guarded: LuaJIT's headers already declare
 * some of these names while claiming LUA_VERSION_NUM 501. */
#ifndef LNN_COMPAT_H
#define LNN_COMPAT_H

#include "lua.h"
#include "lauxlib.h"

#if LUA_VERSION_NUM < 502

#ifndef lua_rawlen
#define lua_rawlen(L, i) lua_objlen(L, (i))
#endif

#ifndef luaL_newlibtable
#define luaL_newlibtable(L, l) lua_createtable(L, 0, (int)(sizeof(l) / sizeof((l)[0]) - 1))
#endif

#ifndef lua_absindex
#define lua_absindex(L, i) \
  (((i) > 0 || (i) <= LUA_REGISTRYINDEX) ? (i) : lua_gettop(L) + (i) + 1)
#endif

/* Registers l into the table below the nup values on the top of the stack,
 * which become upvalues of every function and are popped (as in 5.2). */
static inline void lnn_compat_setfuncs(lua_State *L, const luaL_Reg *l, int nup)
{
  luaL_checkstack(L, nup, "too many upvalues");
  for (; l->name != NULL; l++) {
    int i;
    for (i = 0; i < nup; i++) lua_pushvalue(L, -nup);
    lua_pushcclosure(L, l->func, nup);
    lua_setfield(L, -(nup + 2), l->name);
  }
  lua_pop(L, nup);
}
#define luaL_setfuncs(L, l, n) lnn_compat_setfuncs(L, (l), (n))

static inline void *lnn_compat_testudata(lua_State *L, int i, const char *tname)
{
  void *p = lua_touserdata(L, i);
  if (p == NULL || !lua_getmetatable(L, i)) return NULL;
  luaL_getmetatable(L, tname);
  if (!lua_rawequal(L, -1, -2)) p = NULL;
  lua_pop(L, 2);
  return p;
}
#define luaL_testudata(L, i, t) lnn_compat_testudata(L, (i), (t))

#define luaL_setmetatable(L, t) (luaL_getmetatable(L, (t)), lua_setmetatable(L, -2))

#endif /* LUA_VERSION_NUM < 502 */

#if LUA_VERSION_NUM < 503
#define lnn_isinteger(L, i) 0
#else
#define lnn_isinteger(L, i) lua_isinteger(L, (i))
#endif

#endif
