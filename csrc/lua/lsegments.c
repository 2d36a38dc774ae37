/* newsnlp.segments(s, mode): the Unicode (UAX #29) segments of a text, every
 * one of them, so that table.concat gives the text back.  Each mode is a
 * function of its own concern's binding file; this one only dispatches. */
#include <string.h>

#include "lnewsnlp.h"

static const struct {
  const char *name;
  int (*push)(lua_State *L, const char *s, size_t len);
} segment_modes[] = {
  { "sentence", lnn_push_sentence_segments },
  { "word", lnn_push_word_segments },
  { NULL, NULL }
};

/* segments(s, mode) -> { string, ... } */
static int lnn_segments(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  const char *mode = luaL_checkstring(L, 2);
  int i;
  for (i = 0; segment_modes[i].name; i++)
    if (strcmp(segment_modes[i].name, mode) == 0) return segment_modes[i].push(L, s, len);
  return luaL_argerror(L, 2, lua_pushfstring(L, "unknown segment mode '%s'", mode));
}

static const luaL_Reg segment_funcs[] = {
  { "segments", lnn_segments },
  { NULL, NULL }
};

void lnn_open_segments(lua_State *L)
{
  luaL_setfuncs(L, segment_funcs, 0);
}
