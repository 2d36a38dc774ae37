/* Text segmentation: newsnlp.segments(s, mode). */
#include <string.h>

#include "lnewsnlp.h"
#include "../nn_wordbreak.h"

/* Segmentation modes; each has a case in lnn_segments. */
enum { SEGMENT_WORD };
static const char *const segment_modes[] = { "word", NULL };

static int check_mode(lua_State *L, int arg)
{
  const char *mode = luaL_checkstring(L, arg);
  int i;
  for (i = 0; segment_modes[i]; i++)
    if (strcmp(segment_modes[i], mode) == 0) return i;
  return luaL_argerror(L, arg, lua_pushfstring(L, "unknown mode '%s'", mode));
}

/* segments(s, mode) -> array of the segments of s, in order: their
 * concatenation is s.  mode "word": UAX #29 word boundaries. */
static int lnn_segments(lua_State *L)
{
  size_t len, p, e;
  const char *s = lnn_checkstring(L, 1, &len);
  int mode = check_mode(L, 2);
  lua_Integer n = 0;
  lua_newtable(L);
  switch (mode) {
  case SEGMENT_WORD:
    for (p = 0; p < len; p = e) {
      e = nn_wordbreak_next(s, len, p);
      lua_pushlstring(L, s + p, e - p);
      lua_rawseti(L, -2, ++n);
    }
    break;
  }
  return 1;
}

static const luaL_Reg segment_funcs[] = {
  { "segments", lnn_segments },
  { NULL, NULL }
};

void lnn_open_segments(lua_State *L)
{
  luaL_setfuncs(L, segment_funcs, 0);
}
