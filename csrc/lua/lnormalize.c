/* Normalization: newsnlp.normalize. */
#include <stdio.h>

#include "lnewsnlp.h"
#include "../nn_normalize.h"

static const char *const normalize_option_names[] = {
  "preset", "form", "invalid", "casefold", "strip_marks", "quotes", "dashes", "ellipsis",
  "spaces", "invisible", "controls", "newlines", "collapse", "trim", "entities", "tags",
  "mojibake", NULL
};

static const char *const form_names[] = { "NFC", "NFD", "NFKC", "NFKD", NULL };
static const char *const invalid_names[] = { "replace", "drop", "error", NULL };

static void set_preset(lua_State *L, int arg, nn_normalize_options *o, const char *name, size_t len)
{
  if (nn_normalize_preset(o, name, len) != NN_OK)
    luaL_argerror(L, arg, lua_pushfstring(L, "unknown preset '%s'", name));
}

/* Reads the options at arg (nil, a preset name, or a table) into o. */
static void check_normalize_options(lua_State *L, int arg, nn_normalize_options *o)
{
  size_t len;
  const char *preset;
  nn_normalize_options_init(o);
  if (lua_type(L, arg) == LUA_TSTRING) {
    preset = lua_tolstring(L, arg, &len);
    set_preset(L, arg, o, preset, len);
    return;
  }
  if (lua_isnoneornil(L, arg)) return;
  if (lua_type(L, arg) != LUA_TTABLE)
    luaL_argerror(L, arg, lua_pushfstring(L, "options table or preset name expected, got %s",
                                          luaL_typename(L, arg)));
  lnn_checkoptions(L, arg, normalize_option_names);
  preset = lnn_optstring(L, arg, "preset", NULL, &len);
  if (preset) set_preset(L, arg, o, preset, len);
  o->form = lnn_optenum(L, arg, "form", form_names, o->form);
  o->invalid = lnn_optenum(L, arg, "invalid", invalid_names, o->invalid);
  o->casefold = lnn_optboolean(L, arg, "casefold", o->casefold);
  o->strip_marks = lnn_optboolean(L, arg, "strip_marks", o->strip_marks);
  o->quotes = lnn_optboolean(L, arg, "quotes", o->quotes);
  o->dashes = lnn_optboolean(L, arg, "dashes", o->dashes);
  o->ellipsis = lnn_optboolean(L, arg, "ellipsis", o->ellipsis);
  o->spaces = lnn_optboolean(L, arg, "spaces", o->spaces);
  o->invisible = lnn_optboolean(L, arg, "invisible", o->invisible);
  o->controls = lnn_optboolean(L, arg, "controls", o->controls);
  o->newlines = lnn_optboolean(L, arg, "newlines", o->newlines);
  o->collapse = lnn_optboolean(L, arg, "collapse", o->collapse);
  o->trim = lnn_optboolean(L, arg, "trim", o->trim);
  o->entities = lnn_optboolean(L, arg, "entities", o->entities);
  o->tags = lnn_optboolean(L, arg, "tags", o->tags);
  o->mojibake = lnn_optboolean(L, arg, "mojibake", o->mojibake);
}

/* A buffer kept by the function (its upvalue) serves every call, so that
 * normalizing many short texts allocates nothing; a big one is freed after
 * the call.  No Lua code runs during a call, so calls never share it. */
#define KEEP_BUFFER_BYTES ((size_t)1 << 20)

/* normalize(s [, opts]) -> string | nil, message, "EUTF8".
 * Returns s itself when nothing changes. */
static int lnn_normalize(lua_State *L)
{
  size_t len, bad = 0;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_normalize_options o;
  nn_buf *out;
  int changed = 0, rc;
  check_normalize_options(L, 2, &o);
  out = lnn_tobuf(L, lua_upvalueindex(1));
  rc = nn_normalize(s, len, &o, out, &changed, &bad);
  if (rc == NN_EUTF8) {
    char message[80];
    snprintf(message, sizeof message, "%s at byte %lu", nn_status_message(rc),
             (unsigned long)bad + 1UL);
    lua_pushnil(L);
    lua_pushstring(L, message);
    lua_pushstring(L, nn_status_code(rc));
  } else if (rc != NN_OK) {
    nn_buf_free(out);
    return lnn_raise(L, rc);
  } else if (!changed) {
    lua_pushvalue(L, 1);
  } else {
    lua_pushlstring(L, out->data, out->len);
  }
  out->len = 0;
  if (out->cap > KEEP_BUFFER_BYTES) nn_buf_free(out);
  return rc == NN_EUTF8 ? 3 : 1;
}

void lnn_open_normalize(lua_State *L)
{
  lnn_pushbuf(L);
  lua_pushcclosure(L, lnn_normalize, 1);
  lua_setfield(L, -2, "normalize");
}
