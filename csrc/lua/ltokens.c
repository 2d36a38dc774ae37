/* Tokens: newsnlp.tokens, each_token, token_records, words, count, token_kinds. */
#include <string.h>

#include "lnewsnlp.h"
#include "../nn_count.h"
#include "../nn_tokenize.h"
#include "../nn_wordbreak.h"

#define ITERATOR_METATABLE "newsnlp.TokenIterator"
#define COUNTER_METATABLE "newsnlp.Counter"

static const char *const token_options[] = {
  "lang", "possessive", "split_hyphens", "casefold", "kinds", NULL
};
static const char *const count_options[] = {
  "lang", "possessive", "split_hyphens", "casefold", "kinds", "stopwords", "min_length", NULL
};
static const char *const possessive_names[] = { "keep", "strip", "split", NULL };

typedef struct token_args {
  nn_tokenizer_opts opts;
  int casefold;
} token_args;

/* opts.kinds: a set ({word = true}) or an array ({"word", "number"}) of kind
 * names; returns their mask, or def when absent. */
static uint32_t opt_kinds(lua_State *L, int arg, uint32_t def)
{
  uint32_t mask = 0;
  if (lua_type(L, arg) != LUA_TTABLE) return def;
  lua_getfield(L, arg, "kinds");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return def;
  }
  if (!lua_istable(L, -1))
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'kinds' must be a table of kind names, got %s",
                                          luaL_typename(L, -1)));
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    const char *name = NULL;
    size_t n = 0;
    int kind;
    if (lua_type(L, -2) == LUA_TSTRING) {
      if (lua_toboolean(L, -1)) name = lua_tolstring(L, -2, &n);
    } else if (lua_type(L, -1) == LUA_TSTRING) {
      name = lua_tolstring(L, -1, &n);
    } else {
      luaL_argerror(L, arg, "option 'kinds' must hold kind names");
    }
    if (name) {
      if ((kind = nn_token_kind_of(name, n)) < 0)
        luaL_argerror(L, arg, lua_pushfstring(L, "option 'kinds' has unknown kind '%s'", name));
      mask |= 1u << kind;
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  if (mask == 0) luaL_argerror(L, arg, "option 'kinds' names no kind");
  return mask;
}

static void check_token_args(lua_State *L, int arg, const char *const known[], uint32_t kinds,
                             token_args *a)
{
  lnn_checkoptions(L, arg, known);
  a->opts.lang = lnn_optstring(L, arg, "lang", NULL, NULL);
  a->opts.possessive = lnn_optenum(L, arg, "possessive", possessive_names, NN_POSSESSIVE_KEEP);
  a->opts.split_hyphens = lnn_optboolean(L, arg, "split_hyphens", 0);
  a->opts.kinds = opt_kinds(L, arg, kinds);
  a->casefold = lnn_optboolean(L, arg, "casefold", 0);
}

/* Starts t on s, raising for a malformed language tag. */
static void init_tokenizer(lua_State *L, int arg, nn_tokenizer *t, const char *s, size_t len,
                           const token_args *a)
{
  if (nn_tokenizer_init(t, s, len, &a->opts) != NN_OK)
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'lang' has malformed value '%s'",
                                          a->opts.lang ? a->opts.lang : "?"));
}

/* Pushes the text of a token, casefolded into fold when asked. */
static void push_text(lua_State *L, const char *s, const nn_token *tok, int casefold, nn_buf *fold)
{
  const char *text = s + tok->start;
  int rc;
  if (!casefold || ((tok->flags & NN_TF_ASCII) &&
                    ((tok->flags & NN_TF_LOWERCASE) || !(tok->flags & NN_TF_HAS_LETTER)))) {
    lua_pushlstring(L, text, tok->len);
    return;
  }
  fold->len = 0;
  if ((rc = nn_token_casefold(text, tok->len, fold)) != NN_OK) lnn_raise(L, rc);
  lua_pushlstring(L, fold->data, fold->len);
}

/* A cache of the strings of recent tokens of up to sixteen bytes, so that
 * a word seen before is pushed without Lua hashing and interning its text
 * again: a token's first sixteen bytes pick a slot; the slot's key is in C
 * (a userdata), its string in a stack slot.  Direct-mapped: a token whose
 * slot holds another one replaces it. */
typedef struct cache_key {
  uint64_t head[2];   /* the token's bytes, little-endian, zero-padded */
  uint32_t len;       /* 0: empty */
} cache_key;

typedef struct string_cache {
  cache_key *keys;
  int base;           /* the stack index before the first string slot */
  unsigned shift;     /* 64 - log2(slots) */
} string_cache;

#define CACHE_MIN_BITS 6
#define CACHE_MAX_BITS 16

/* The masks that keep the first n of sixteen bytes. */
static const uint64_t head_masks[17][2] = {
  { 0, 0 },
  { 0xFF, 0 }, { 0xFFFF, 0 }, { 0xFFFFFF, 0 }, { 0xFFFFFFFFULL, 0 },
  { 0xFFFFFFFFFFULL, 0 }, { 0xFFFFFFFFFFFFULL, 0 }, { 0xFFFFFFFFFFFFFFULL, 0 },
  { ~0ULL, 0 }, { ~0ULL, 0xFF }, { ~0ULL, 0xFFFF }, { ~0ULL, 0xFFFFFF }, { ~0ULL, 0xFFFFFFFFULL },
  { ~0ULL, 0xFFFFFFFFFFULL }, { ~0ULL, 0xFFFFFFFFFFFFULL }, { ~0ULL, 0xFFFFFFFFFFFFFFULL },
  { ~0ULL, ~0ULL },
};

/* Sets up a cache for a text of len bytes, a slot per 64 bytes (at most
 * 2^16, fewer where the Lua stack is limited); none for a short text or on
 * a big-endian machine.  Pushes its values; c->keys is NULL without one. */
static void cache_open(lua_State *L, string_cache *c, size_t len)
{
  unsigned bits = 0;
  size_t n;
  c->keys = NULL;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (n = len / 64; n > 1 && bits < CACHE_MAX_BITS; n >>= 1) bits++;
  while (bits >= CACHE_MIN_BITS && !lua_checkstack(L, (1 << bits) + LUA_MINSTACK)) bits--;
#endif
  if (bits < CACHE_MIN_BITS) return;
  c->keys = (cache_key *)lua_newuserdata(L, ((size_t)1 << bits) * sizeof *c->keys);
  memset(c->keys, 0, ((size_t)1 << bits) * sizeof *c->keys);
  c->base = lua_gettop(L);
  c->shift = 64 - bits;
  lua_settop(L, c->base + (1 << bits));
}

/* Pushes the text of a token that missed its slot of the cache, keeping it
 * there with its key. */
static void push_missed(lua_State *L, string_cache *c, const char *s, const nn_token *tok,
                        int casefold, nn_buf *fold, int slot, uint64_t h0, uint64_t h1)
{
  cache_key *k = &c->keys[slot];
  push_text(L, s, tok, casefold, fold);
  lua_pushvalue(L, -1);
  lua_replace(L, c->base + 1 + slot);
  k->head[0] = h0;
  k->head[1] = h1;
  k->len = (uint32_t)tok->len;
}

/* Pushes the text of a token, casefolded into fold when asked: from the
 * cache when it has it. */
static inline void push_cached(lua_State *L, string_cache *c, const char *s, size_t len,
                               const nn_token *tok, int casefold, nn_buf *fold)
{
  uint64_t h0, h1;
  const cache_key *k;
  int slot;
  if (!c->keys || tok->len > 16 || len - tok->start < 16) {
    push_text(L, s, tok, casefold, fold);
    return;
  }
  memcpy(&h0, s + tok->start, 8);
  memcpy(&h1, s + tok->start + 8, 8);
  h0 &= head_masks[tok->len][0];
  h1 &= head_masks[tok->len][1];
  slot = (int)(((h0 ^ tok->len) * 0x9E3779B97F4A7C15ULL ^ h1 * 0xC2B2AE3D27D4EB4FULL) >> c->shift);
  k = &c->keys[slot];
  if (k->head[0] == h0 && k->head[1] == h1 && k->len == tok->len)
    lua_pushvalue(L, c->base + 1 + slot);
  else
    push_missed(L, c, s, tok, casefold, fold, slot, h0, h1);
}

/* The array of token texts of s, of the kinds asked (all by default). */
static int push_tokens(lua_State *L, uint32_t kinds)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  token_args a;
  nn_tokenizer t;
  nn_buf *fold = NULL;
  string_cache cache;
  lua_Integer n = 0;
  unsigned count, k;
  int result;
  check_token_args(L, 2, token_options, kinds, &a);
  init_tokenizer(L, 2, &t, s, len, &a);
  if (a.casefold) fold = lnn_pushbuf(L);
  lua_newtable(L);
  result = lua_gettop(L);
  cache_open(L, &cache, len);
  while ((count = nn_tokenizer_fill(&t)) != 0) {
    for (k = 0; k < count; k++) {
      push_cached(L, &cache, s, len, &t.batch[k], a.casefold, fold);
      lua_rawseti(L, result, ++n);
    }
    t.head = t.count;
  }
  lua_settop(L, result);
  return 1;
}

/* tokens(s [, opts]) -> array of token strings */
static int lnn_tokens(lua_State *L)
{
  return push_tokens(L, 0);
}

/* words(s [, opts]) -> array of the word-like tokens (word, abbreviation, ideograph) */
static int lnn_words(lua_State *L)
{
  return push_tokens(L, NN_TOKEN_WORDLIKE);
}

/* Pushes the names of the kinds as NN_TOKEN__COUNT values, so that a loop
 * pushes a kind with lua_pushvalue instead of hashing its name again. */
static void push_kind_names(lua_State *L)
{
  int k;
  luaL_checkstack(L, NN_TOKEN__COUNT, "too many kinds");
  for (k = 0; k < NN_TOKEN__COUNT; k++) lua_pushstring(L, nn_token_kind_name(k));
}

/* token_records(s [, opts]) -> array of { text =, kind =, start =, stop = } */
static int lnn_token_records(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  token_args a;
  nn_tokenizer t;
  nn_token tok;
  nn_buf *fold = NULL;
  string_cache cache;
  lua_Integer n = 0;
  int kinds, result;
  check_token_args(L, 2, token_options, 0, &a);
  init_tokenizer(L, 2, &t, s, len, &a);
  if (a.casefold) fold = lnn_pushbuf(L);
  kinds = lua_gettop(L) + 1;
  push_kind_names(L);
  lua_newtable(L);
  result = lua_gettop(L);
  cache_open(L, &cache, len);
  while (nn_tokenizer_next(&t, &tok)) {
    lua_createtable(L, 0, 4);
    push_cached(L, &cache, s, len, &tok, a.casefold, fold);
    lua_setfield(L, -2, "text");
    lua_pushvalue(L, kinds + tok.kind);
    lua_setfield(L, -2, "kind");
    lua_pushinteger(L, (lua_Integer)tok.start + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)(tok.start + tok.len));
    lua_setfield(L, -2, "stop");
    lua_rawseti(L, result, ++n);
  }
  lua_settop(L, result);
  return 1;
}

/* The state of an each_token loop: the string is an upvalue of the step
 * function, so it outlives the tokenizer that points into it. */
typedef struct iterator_box {
  nn_tokenizer t;
  int casefold;
  nn_buf fold;
  nn_allocator alloc;
} iterator_box;

static int iterator_gc(lua_State *L)
{
  iterator_box *b = (iterator_box *)luaL_checkudata(L, 1, ITERATOR_METATABLE);
  nn_buf_free(&b->fold);
  return 0;
}

static int each_token_step(lua_State *L)
{
  iterator_box *b = (iterator_box *)lua_touserdata(L, lua_upvalueindex(2));
  nn_token tok;
  if (!nn_tokenizer_next(&b->t, &tok)) return 0;
  push_text(L, b->t.s, &tok, b->casefold, &b->fold);
  lua_pushvalue(L, lua_upvalueindex(3 + tok.kind));
  lua_pushinteger(L, (lua_Integer)tok.start + 1);
  lua_pushinteger(L, (lua_Integer)(tok.start + tok.len));
  return 4;
}

/* each_token(s [, opts]) -> iterator giving text, kind, i, j */
static int lnn_each_token(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  token_args a;
  iterator_box *b;
  check_token_args(L, 2, token_options, 0, &a);
  lua_pushvalue(L, 1);
  b = (iterator_box *)lua_newuserdata(L, sizeof *b);
  lnn_allocator(L, &b->alloc);
  nn_buf_init(&b->fold, &b->alloc);
  b->casefold = a.casefold;
  if (luaL_newmetatable(L, ITERATOR_METATABLE)) {
    lua_pushcfunction(L, iterator_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  init_tokenizer(L, 2, &b->t, s, len, &a);
  push_kind_names(L);                  /* upvalues 3 .. 2 + NN_TOKEN__COUNT */
  lua_pushcclosure(L, each_token_step, 2 + NN_TOKEN__COUNT);
  return 1;
}

/* The counter lives in a userdata whose __gc frees it, so that nothing leaks
 * when Lua raises (out of memory, a bad stopword) in the middle. */
typedef struct counter_box {
  nn_counter c;
  nn_allocator alloc;
} counter_box;

static int counter_gc(lua_State *L)
{
  counter_box *b = (counter_box *)luaL_checkudata(L, 1, COUNTER_METATABLE);
  nn_count_free(&b->c);
  return 0;
}

/* Adds opts.stopwords, a set ({the = true}) or an array ({"the", "a"}). */
static void add_stopwords(lua_State *L, int arg, nn_counter *c, int casefold)
{
  int rc;
  if (lua_type(L, arg) != LUA_TTABLE) return;
  lua_getfield(L, arg, "stopwords");
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return;
  }
  if (!lua_istable(L, -1))
    luaL_argerror(L, arg, lua_pushfstring(L, "option 'stopwords' must be a table, got %s",
                                          luaL_typename(L, -1)));
  lua_pushnil(L);
  while (lua_next(L, -2) != 0) {
    const char *w = NULL;
    size_t n = 0;
    if (lua_type(L, -2) == LUA_TSTRING) {
      if (lua_toboolean(L, -1)) w = lua_tolstring(L, -2, &n);
    } else if (lua_type(L, -1) == LUA_TSTRING) {
      w = lua_tolstring(L, -1, &n);
    } else {
      luaL_argerror(L, arg, "option 'stopwords' must hold strings");
    }
    if (w && (rc = nn_count_stopword(c, w, n, casefold)) != NN_OK) lnn_raise(L, rc);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
}

/* count(s [, opts]) -> { [word] = count } */
static int lnn_count(lua_State *L)
{
  size_t len, id;
  const char *s = lnn_checkstring(L, 1, &len);
  token_args a;
  nn_count_opts co;
  lua_Integer min_length;
  counter_box *b;
  int rc;
  check_token_args(L, 2, count_options, NN_TOKEN_WORDLIKE, &a);
  min_length = lnn_optinteger(L, 2, "min_length", 0);
  if (min_length < 0) luaL_argerror(L, 2, "option 'min_length' must not be negative");
  co.tokens = a.opts;
  co.casefold = a.casefold;
  co.min_chars = (size_t)min_length;
  b = (counter_box *)lua_newuserdata(L, sizeof *b);
  lnn_allocator(L, &b->alloc);
  nn_count_init(&b->c, &b->alloc);
  if (luaL_newmetatable(L, COUNTER_METATABLE)) {
    lua_pushcfunction(L, counter_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  add_stopwords(L, 2, &b->c, a.casefold);
  rc = nn_count_text(&b->c, s, len, &co);
  if (rc == NN_EARG)
    luaL_argerror(L, 2, lua_pushfstring(L, "option 'lang' has malformed value '%s'",
                                        co.tokens.lang ? co.tokens.lang : "?"));
  if (rc != NN_OK) lnn_raise(L, rc);
  lua_createtable(L, 0, (int)(b->c.map.count - b->c.stopwords < 0x7FFFFFFF
                                  ? b->c.map.count - b->c.stopwords : 0));
  for (id = b->c.stopwords; id < b->c.map.count; id++) {
    size_t n;
    const char *key = nn_strmap_key(&b->c.map, (uint32_t)id, &n);
    lua_pushlstring(L, key, n);
    lua_pushinteger(L, (lua_Integer)b->c.counts[id]);
    lua_rawset(L, -3);
  }
  nn_count_free(&b->c);
  return 1;
}

/* segments(s, "word"): the UAX #29 word segments of s, every one of them. */
int lnn_push_word_segments(lua_State *L, const char *s, size_t len)
{
  size_t p, e;
  lua_Integer n = 0;
  lua_newtable(L);
  for (p = 0; p < len; p = e) {
    e = nn_wordbreak_next(s, len, p);
    lua_pushlstring(L, s + p, e - p);
    lua_rawseti(L, -2, ++n);
  }
  return 1;
}

/* token_kinds() -> array of the kind names, in the order of nn_token_kind */
static int lnn_token_kinds(lua_State *L)
{
  int k;
  lua_createtable(L, NN_TOKEN__COUNT, 0);
  for (k = 0; k < NN_TOKEN__COUNT; k++) {
    lua_pushstring(L, nn_token_kind_name(k));
    lua_rawseti(L, -2, k + 1);
  }
  return 1;
}

static const luaL_Reg token_funcs[] = {
  { "tokens", lnn_tokens },
  { "words", lnn_words },
  { "token_records", lnn_token_records },
  { "each_token", lnn_each_token },
  { "count", lnn_count },
  { "token_kinds", lnn_token_kinds },
  { NULL, NULL }
};

void lnn_open_tokens(lua_State *L)
{
  luaL_setfuncs(L, token_funcs, 0);
}
