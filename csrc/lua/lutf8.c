/* UTF-8 queries: newsnlp.isvalid. */
#include "lnewsnlp.h"
#include "../nn_utf8.h"

/* isvalid(s) -> true | false, offset of the first bad byte (1-based).
 * A query never raises: anything but a string is simply not valid text. */
static int lnn_isvalid(lua_State *L)
{
  size_t len, bad;
  const char *s;
  if (lua_type(L, 1) != LUA_TSTRING) {
    lua_pushboolean(L, 0);
    return 1;
  }
  s = lua_tolstring(L, 1, &len);
  bad = nn_utf8_invalid_offset(s, len);
  if (bad == len) {
    lua_pushboolean(L, 1);
    return 1;
  }
  lua_pushboolean(L, 0);
  lua_pushinteger(L, (lua_Integer)bad + 1);
  return 2;
}

static const luaL_Reg utf8_funcs[] = {
  { "isvalid", lnn_isvalid },
  { NULL, NULL }
};

void lnn_open_utf8(lua_State *L)
{
  luaL_setfuncs(L, utf8_funcs, 0);
}
