/* Values: newsnlp.values. */
#include <stdio.h>

#include "lnewsnlp.h"
#include "../nn_values.h"

#define VALUES_METATABLE "newsnlp.ValueFinder"

typedef struct values_box {
  nn_values finder;
  nn_allocator alloc;
} values_box;

static int values_gc(lua_State *L)
{
  values_box *box = (values_box *)luaL_checkudata(L, 1, VALUES_METATABLE);
  nn_values_free(&box->finder);
  return 0;
}

static nn_values *push_values(lua_State *L)
{
  values_box *box = (values_box *)lua_newuserdata(L, sizeof *box);
  lnn_allocator(L, &box->alloc);
  nn_values_init(&box->finder, &box->alloc);
  lnn_setgc(L, VALUES_METATABLE, values_gc);
  return &box->finder;
}

static void set_number(lua_State *L, const char *field, double x)
{
  if (x == (double)(lua_Integer)x && x > -9.0e15 && x < 9.0e15)
    lua_pushinteger(L, (lua_Integer)x);
  else
    lua_pushnumber(L, (lua_Number)x);
  lua_setfield(L, -2, field);
}

static void set_int(lua_State *L, const char *field, int x)
{
  lua_pushinteger(L, (lua_Integer)x);
  lua_setfield(L, -2, field);
}

/* The ISO 8601 form of a date's known parts: 2027-03-01, 2027-03, 2027 or
 * --03-01 (a month and day without a year). */
static void push_date(lua_State *L, const nn_value *v)
{
  char b[16];
  if (v->year && v->month && v->day)
    snprintf(b, sizeof b, "%04d-%02d-%02d", v->year, v->month, v->day);
  else if (v->year && v->month)
    snprintf(b, sizeof b, "%04d-%02d", v->year, v->month);
  else if (v->year)
    snprintf(b, sizeof b, "%04d", v->year);
  else
    snprintf(b, sizeof b, "--%02d-%02d", v->month, v->day);
  lua_pushstring(L, b);
}

static void push_value(lua_State *L, const char *s, const nn_value *v)
{
  lua_createtable(L, 0, 8);
  lua_pushstring(L, nn_value_kind_name(v->kind));
  lua_setfield(L, -2, "kind");
  lua_pushlstring(L, s + v->start, v->stop - v->start);
  lua_setfield(L, -2, "text");
  lua_pushinteger(L, (lua_Integer)v->start + 1);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)v->stop);
  lua_setfield(L, -2, "stop");
  switch (v->kind) {
  case NN_VALUE_MONEY:
  case NN_VALUE_PERCENT:
    set_number(L, "value", v->amount);
    if (v->flags & NN_VF_RANGE) set_number(L, "to", v->amount_to);
    if (v->flags & NN_VF_POINTS) {
      lua_pushboolean(L, 1);
      lua_setfield(L, -2, "points");
    }
    if (v->currency[0]) {
      lua_pushstring(L, v->currency);
      lua_setfield(L, -2, "currency");
    }
    if (v->modifier) {
      lua_pushstring(L, v->modifier);
      lua_setfield(L, -2, "modifier");
    }
    break;
  case NN_VALUE_DATE:
    if (v->year) set_int(L, "year", v->year);
    if (v->month) set_int(L, "month", v->month);
    if (v->day) set_int(L, "day", v->day);
    if (v->month || v->year) {
      push_date(L, v);
      lua_setfield(L, -2, "value");
    }
    break;
  case NN_VALUE_TIME: {
    char b[16];
    set_int(L, "hour", v->hour);
    set_int(L, "minute", v->minute);
    if (v->second >= 0) {
      set_int(L, "second", v->second);
      snprintf(b, sizeof b, "%02d:%02d:%02d", v->hour, v->minute, v->second);
    } else {
      snprintf(b, sizeof b, "%02d:%02d", v->hour, v->minute);
    }
    lua_pushstring(L, b);
    lua_setfield(L, -2, "value");
    if (v->zone_len) {
      lua_pushlstring(L, s + v->zone, v->zone_len);
      lua_setfield(L, -2, "zone");
    }
    break;
  }
  default: /* weekday, ordinal */
    set_number(L, "value", v->amount);
    break;
  }
}

static const char *const value_options[] = { "lang", NULL };

/* values(s [, opts]) -> { { kind =, text =, start =, stop =, value =, ... }, ... }, lang */
static int lnn_values(lua_State *L)
{
  size_t len, i, count;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_value_opts opts;
  nn_values *f;
  const nn_value *items;
  long r;
  lnn_checkoptions(L, 2, value_options);
  opts.lang = lnn_check_entity_lang(L, 2);
  f = push_values(L);
  r = nn_values_find(f, s, len, &opts);
  if (r < 0) return lnn_raise(L, (int)r);
  items = nn_values_items(f, &count);
  lua_createtable(L, (int)count, 0);
  for (i = 0; i < count; i++) {
    push_value(L, s, &items[i]);
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_pushstring(L, f->lang == NN_ENTITY_LANG_EN ? "en" : "neutral");
  return 2;
}

static const luaL_Reg value_funcs[] = {
  { "values", lnn_values },
  { NULL, NULL }
};

void lnn_open_values(lua_State *L)
{
  luaL_setfuncs(L, value_funcs, 0);
}
