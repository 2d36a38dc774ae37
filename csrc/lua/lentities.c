/* Named entities: newsnlp.entities. */
#include <string.h>

#include "lnewsnlp.h"
#include "../nn_entities.h"

#define FINDER_METATABLE "newsnlp.EntityFinder"

/* The finder inside a userdata, so that an error raised while the result
 * tables are built cannot leak its memory.  One finder serves every call
 * (an upvalue of newsnlp.entities): it keeps the data of the words it has
 * seen, bounded, which makes the next article faster.  A call runs to its
 * end before another can start, so sharing it is safe. */
typedef struct finder_box {
  nn_entities finder;
  nn_allocator alloc;
} finder_box;

static int finder_gc(lua_State *L)
{
  finder_box *box = (finder_box *)luaL_checkudata(L, 1, FINDER_METATABLE);
  nn_entities_free(&box->finder);
  return 0;
}

static nn_entities *push_finder(lua_State *L)
{
  finder_box *box = (finder_box *)lua_newuserdata(L, sizeof *box);
  lnn_allocator(L, &box->alloc);
  nn_entities_init(&box->finder, &box->alloc);
  lnn_setgc(L, FINDER_METATABLE, finder_gc);
  return &box->finder;
}

/* A language tag: 2 or 3 lower-case letters, then "-" subtags of letters
 * and digits ("en", "en-GB", "pt-BR"). */
static int well_formed_tag(const char *s, size_t n)
{
  size_t i = 0, k;
  while (i < n && s[i] >= 'a' && s[i] <= 'z') i++;
  if (i < 2 || i > 3) return 0;
  while (i < n) {
    if (s[i] != '-') return 0;
    k = ++i;
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
                     (s[i] >= '0' && s[i] <= '9')))
      i++;
    if (i == k || i - k > 8) return 0;
  }
  return 1;
}

/* opts.lang: absent for the automatic choice, "en" (or "en-..."), or the
 * tag of another language, which runs without language data. */
int lnn_check_entity_lang(lua_State *L, int arg)
{
  size_t n;
  const char *lang = lnn_optstring(L, arg, "lang", NULL, &n);
  if (!lang) return NN_ENTITY_LANG_AUTO;
  if (!well_formed_tag(lang, n))
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'lang' is not a language tag: '%s'", lang));
  if (lang[0] == 'e' && lang[1] == 'n' && (n == 2 || lang[2] == '-')) return NN_ENTITY_LANG_EN;
  return NN_ENTITY_LANG_NONE;
}

static const char *const entity_options[] = { "lang", "structure", NULL };

/* entities(s [, opts]) -> { { text =, kind =, count =, spans =, aliases = }, ... }, lang */
static int lnn_entities(lua_State *L)
{
  size_t len, i, count;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_entity_opts opts;
  nn_entities *f;
  const nn_entity *items;
  const nn_entity_span *spans;
  const nn_entity_alias *aliases;
  long r;
  lnn_checkoptions(L, 2, entity_options);
  opts.lang = lnn_check_entity_lang(L, 2);
  opts.structure = lnn_optboolean(L, 2, "structure", 1);
  f = &((finder_box *)luaL_checkudata(L, lua_upvalueindex(1), FINDER_METATABLE))->finder;
  r = nn_entities_find(f, s, len, &opts);
  if (r < 0) return lnn_raise(L, (int)r);
  items = nn_entities_items(f, &count);
  spans = (const nn_entity_span *)(const void *)f->spans.data;
  aliases = (const nn_entity_alias *)(const void *)f->aliases.data;
  lua_createtable(L, (int)count, 0);
  for (i = 0; i < count; i++) {
    const nn_entity *e = &items[i];
    size_t k;
    lua_createtable(L, 0, 5);
    lua_pushlstring(L, f->strings.data + e->text, e->text_len);
    lua_setfield(L, -2, "text");
    lua_pushstring(L, nn_entity_kind_name(e->kind));
    lua_setfield(L, -2, "kind");
    lua_pushinteger(L, (lua_Integer)e->count);
    lua_setfield(L, -2, "count");
    lua_createtable(L, (int)e->span_count, 0);
    for (k = 0; k < e->span_count; k++) {
      const nn_entity_span *sp = &spans[e->span + k];
      lua_createtable(L, 2, 0);
      lua_pushinteger(L, (lua_Integer)sp->start + 1);
      lua_rawseti(L, -2, 1);
      lua_pushinteger(L, (lua_Integer)sp->stop);
      lua_rawseti(L, -2, 2);
      lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "spans");
    lua_createtable(L, (int)e->alias_count, 0);
    for (k = 0; k < e->alias_count; k++) {
      const nn_entity_alias *a = &aliases[e->alias + k];
      lua_pushlstring(L, f->strings.data + a->text, a->len);
      lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "aliases");
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_pushstring(L, f->lang == NN_ENTITY_LANG_EN ? "en" : "neutral");
  return 2;
}

static const luaL_Reg entity_funcs[] = {
  { "entities", lnn_entities },
  { NULL, NULL }
};

void lnn_open_entities(lua_State *L)
{
  push_finder(L);
  luaL_setfuncs(L, entity_funcs, 1);
}
