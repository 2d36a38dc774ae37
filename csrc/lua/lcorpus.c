/* Corpora: newsnlp.corpus, newsnlp.load_corpus and the newsnlp.Corpus methods. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lterms.h"

#define CORPUS_METATABLE "newsnlp.Corpus"

lnn_corpusbox *lnn_testcorpus(lua_State *L, int arg)
{
  return (lnn_corpusbox *)luaL_testudata(L, arg, CORPUS_METATABLE);
}

/* The open corpus at arg 1; raises for anything else. */
static lnn_corpusbox *checkcorpus(lua_State *L)
{
  lnn_corpusbox *box = (lnn_corpusbox *)luaL_checkudata(L, 1, CORPUS_METATABLE);
  if (!box->open) luaL_argerror(L, 1, "the corpus is closed");
  if (box->c.broken)
    luaL_argerror(L, 1, "the corpus is incomplete: an earlier add or merge failed half-way");
  return box;
}

static int corpus_close(lua_State *L)
{
  lnn_corpusbox *box = (lnn_corpusbox *)luaL_checkudata(L, 1, CORPUS_METATABLE);
  if (box->open) {
    nn_corpus_free(&box->c);
    box->open = 0;
  }
  return 0;
}

static lnn_corpusbox *pushcorpus(lua_State *L);

static int corpus_tostring(lua_State *L)
{
  lnn_corpusbox *box = (lnn_corpusbox *)luaL_checkudata(L, 1, CORPUS_METATABLE);
  if (!box->open) {
    lua_pushfstring(L, "newsnlp.Corpus (closed): %p", (void *)box);
    return 1;
  }
  {
    /* lua_pushfstring has no 64-bit integer format in every version. */
    char docs[24], terms[24];
    snprintf(docs, sizeof docs, "%llu", (unsigned long long)box->c.docs);
    snprintf(terms, sizeof terms, "%llu", (unsigned long long)box->c.terms.map.count);
    lua_pushfstring(L, "newsnlp.Corpus (%s documents, %s terms, language %s): %p", docs, terms,
                    box->c.set.lang[0] ? box->c.set.lang : "guessed per document",
                    (void *)box);
  }
  return 1;
}

static const char *const corpus_options[] = { "lang", "stem", "numbers", "stopwords",
                                              "extra_stopwords", "ngrams", NULL };

/* corpus([opts]) -> a new, empty corpus */
static int lnn_corpus(lua_State *L)
{
  lnn_termcall *call;
  lnn_corpusbox *box;
  nn_corpus_settings set;
  lua_Integer ngrams;
  size_t i;
  int rc;
  lnn_checkoptions(L, 1, corpus_options);
  ngrams = lnn_optinteger(L, 1, "ngrams", 0);
  if (ngrams != 0 && ngrams != 2 && ngrams != 3)
    luaL_argerror(L, 1, "option 'ngrams' must be 0, 2 or 3");
  call = lnn_pushtermcall(L);
  lnn_termoptions(L, 1, call);
  if (call->stem && !call->lang[0])
    luaL_argerror(L, 1, "option 'stem' needs option 'lang': a corpus stems in one language");
  memset(&set, 0, sizeof set);
  memcpy(set.lang, call->lang, sizeof set.lang);
  set.stem = call->stem;
  set.numbers = call->numbers;
  set.ngrams = (unsigned)ngrams;
  set.stop_mode = call->stop_mode;
  box = pushcorpus(L);
  if ((rc = nn_corpus_init(&box->c, &box->alloc, &set)) != NN_OK) lnn_raise(L, rc);
  box->open = 1;
  for (i = 0; i < call->stopwords.count; i++) {
    size_t len;
    const char *w = nn_strmap_key(&call->stopwords, (uint32_t)i, &len);
    if ((rc = nn_corpus_add_stopword(&box->c, w, len)) != NN_OK) lnn_raise(L, rc);
  }
  return 1;
}

/* :add(text [, id]) -> number of documents, language | nil, message, code */
static int corpus_add(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  size_t n, idlen = 0;
  const char *s = lnn_checkstring(L, 2, &n), *id = NULL;
  nn_langguess g;
  int rc;
  if (!lua_isnoneornil(L, 3)) id = lnn_checkstring(L, 3, &idlen);
  rc = nn_corpus_add(&box->c, lnn_termres(L), s, n, id, idlen, &g);
  if (rc == NN_EDUPLICATE) return lnn_pusherror(L, rc, "add");
  if (rc != NN_OK) lnn_raise(L, rc);
  lua_pushinteger(L, (lua_Integer)box->c.docs);
  lua_pushstring(L, g.code);
  return 2;
}

static int corpus_size(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  lua_pushinteger(L, (lua_Integer)box->c.docs);
  return 1;
}

static int corpus_has(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  size_t n;
  const char *id = lnn_checkstring(L, 2, &n);
  lua_pushboolean(L, nn_strmap_find(&box->c.ids.map, id, n) >= 0);
  return 1;
}

/* Looks a word up as a term: pushes nothing, returns its df and count. */
static uint64_t lookup(lua_State *L, lnn_corpusbox *box, uint64_t *df)
{
  size_t n;
  const char *w = lnn_checkstring(L, 2, &n);
  nn_buf *buf = lnn_pushbuf(L);
  int stop, rc = nn_corpus_term(&box->c, lnn_termres(L), w, n, buf, &stop);
  uint64_t count;
  if (rc != NN_OK) lnn_raise(L, rc);
  count = nn_freqmap_get(&box->c.terms, buf->len ? buf->data : "", buf->len, df);
  lua_pop(L, 1);
  return count;
}

static int corpus_df(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  uint64_t df;
  lookup(L, box, &df);
  lua_pushinteger(L, (lua_Integer)df);
  return 1;
}

static int corpus_count(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  uint64_t df;
  lua_pushinteger(L, (lua_Integer)lookup(L, box, &df));
  return 1;
}

static int corpus_idf(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  uint64_t df;
  lookup(L, box, &df);
  lua_pushnumber(L, nn_corpus_idf(&box->c, df));
  return 1;
}

/* Counts a text's terms into call->counts (or counts2 when second). */
static void count_text(lua_State *L, lnn_corpusbox *box, lnn_termcall *call, int arg, int second,
                       nn_langguess *g)
{
  size_t n;
  const char *s = lnn_checkstring(L, arg, &n);
  int rc = nn_corpus_count(&box->c, lnn_termres(L), s, n, &call->scratch,
                           second ? &call->counts2 : &call->counts, g);
  if (rc != NN_OK) lnn_raise(L, rc);
}

/* Pushes scored terms; `fields` names the score and aux fields. */
static void push_scored(lua_State *L, lnn_corpusbox *box, const nn_freqmap *text,
                        nn_scored_term *res, size_t n, int keyness)
{
  nn_buf *keep;
  size_t i;
  int rc;
  /* Into Lua-owned memory first, so that a memory error cannot leak them. */
  keep = lnn_pushbuf(L);
  rc = nn_buf_append(keep, (const char *)res, n * sizeof *res);
  nn_free(&box->alloc, res, n * sizeof *res);
  if (rc != NN_OK) lnn_raise(L, rc);
  res = (nn_scored_term *)(void *)keep->data;
  lua_createtable(L, n > 1 << 20 ? 1 << 20 : (int)n, 0);
  for (i = 0; i < n; i++) {
    size_t len;
    const char *key = nn_strmap_key(&text->map, res[i].id, &len);
    uint64_t df, cf = nn_freqmap_get(&box->c.terms, key, len, &df);
    lua_createtable(L, 0, 5);
    lua_pushlstring(L, key, len);
    lua_setfield(L, -2, "term");
    lua_pushinteger(L, (lua_Integer)text->rec[res[i].id].count);
    lua_setfield(L, -2, "count");
    if (keyness) {
      lua_pushnumber(L, res[i].score);
      lua_setfield(L, -2, "llr");
      lua_pushnumber(L, res[i].aux);
      lua_setfield(L, -2, "log_ratio");
      lua_pushinteger(L, (lua_Integer)cf);
      lua_setfield(L, -2, "corpus_count");
    } else {
      lua_pushnumber(L, res[i].score);
      lua_setfield(L, -2, "score");
      lua_pushnumber(L, res[i].aux);
      lua_setfield(L, -2, "idf");
      lua_pushinteger(L, (lua_Integer)df);
      lua_setfield(L, -2, "df");
    }
    lua_rawseti(L, -2, (int)i + 1);
  }
}

/* :tfidf(text [, {top =, sublinear =}]) -> { {term =, score =, count =, df =, idf =}, ... }, lang */
static int corpus_tfidf(lua_State *L)
{
  static const char *const options[] = { "top", "sublinear", NULL };
  lnn_corpusbox *box = checkcorpus(L);
  lnn_termcall *call;
  nn_langguess g;
  nn_scored_term *res;
  size_t n;
  lua_Integer top;
  int sublinear, rc;
  lnn_checkoptions(L, 3, options);
  top = lnn_optinteger(L, 3, "top", 0);
  sublinear = lnn_optboolean(L, 3, "sublinear", 0);
  if (top < 0) luaL_argerror(L, 3, "option 'top' must not be negative");
  call = lnn_pushtermcall(L);
  count_text(L, box, call, 2, 0, &g);
  rc = nn_corpus_tfidf(&box->c, &call->counts, sublinear, (size_t)top, &res, &n);
  if (rc != NN_OK) lnn_raise(L, rc);
  push_scored(L, box, &call->counts, res, n, 0);
  lua_pushstring(L, g.code);
  return 2;
}

/* :keyness(text [, {top =, min_llr =}]) -> { {term =, llr =, log_ratio =, count =,
 * corpus_count =}, ... }, lang */
static int corpus_keyness(lua_State *L)
{
  static const char *const options[] = { "top", "min_llr", NULL };
  lnn_corpusbox *box = checkcorpus(L);
  lnn_termcall *call;
  nn_langguess g;
  nn_scored_term *res;
  size_t n;
  lua_Integer top;
  lua_Number min_llr;
  int rc;
  lnn_checkoptions(L, 3, options);
  top = lnn_optinteger(L, 3, "top", 0);
  min_llr = lnn_optnumber(L, 3, "min_llr", 0);
  if (top < 0) luaL_argerror(L, 3, "option 'top' must not be negative");
  call = lnn_pushtermcall(L);
  count_text(L, box, call, 2, 0, &g);
  rc = nn_corpus_keyness(&box->c, &call->counts, (double)min_llr, (size_t)top, &res, &n);
  if (rc != NN_OK) lnn_raise(L, rc);
  push_scored(L, box, &call->counts, res, n, 1);
  lua_pushstring(L, g.code);
  return 2;
}

/* :bm25(query, text [, {k1 =, b =}]) -> score */
static int corpus_bm25(lua_State *L)
{
  static const char *const options[] = { "k1", "b", NULL };
  lnn_corpusbox *box = checkcorpus(L);
  lnn_termcall *call;
  nn_langguess g;
  lua_Number k1, b;
  lnn_checkstring(L, 2, NULL);
  lnn_checkstring(L, 3, NULL);
  lnn_checkoptions(L, 4, options);
  k1 = lnn_optnumber(L, 4, "k1", 1.2);
  b = lnn_optnumber(L, 4, "b", 0.75);
  if (!(k1 >= 0)) luaL_argerror(L, 4, "option 'k1' must not be negative");
  if (!(b >= 0 && b <= 1)) luaL_argerror(L, 4, "option 'b' must be between 0 and 1");
  call = lnn_pushtermcall(L);
  count_text(L, box, call, 2, 0, &g);
  count_text(L, box, call, 3, 1, &g);
  lua_pushnumber(L, nn_corpus_bm25(&box->c, &call->counts, &call->counts2, k1, b));
  return 1;
}

/* :merge(other) -> self | nil, message, code */
static int corpus_merge(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  lnn_corpusbox *other = (lnn_corpusbox *)luaL_checkudata(L, 2, CORPUS_METATABLE);
  int rc;
  if (!other->open) luaL_argerror(L, 2, "the corpus is closed");
  if (other->c.broken) luaL_argerror(L, 2, "the corpus is incomplete");
  rc = nn_corpus_merge(&box->c, &other->c);
  if (rc == NN_EMISMATCH || rc == NN_EDUPLICATE) return lnn_pusherror(L, rc, "merge");
  if (rc != NN_OK) lnn_raise(L, rc);
  lua_settop(L, 1);
  return 1;
}

static int push_ioerror(lua_State *L, const char *what, const char *path, int err)
{
  lua_pushnil(L);
  lua_pushfstring(L, "%s %s: %s", what, path, strerror(err));
  lua_pushliteral(L, "EIO");
  return 3;
}

/* :save(path) -> true | nil, message, code.  Writes path.tmp, then renames it. */
static int corpus_save(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  const char *path = luaL_checkstring(L, 2);
  const char *tmp = lua_pushfstring(L, "%s.tmp", path);
  nn_buf *buf = lnn_pushbuf(L);
  FILE *f;
  int rc = nn_corpus_save(&box->c, buf), err;
  if (rc != NN_OK) lnn_raise(L, rc);
  f = fopen(tmp, "wb");
  if (!f) return push_ioerror(L, "cannot write", tmp, errno);
  if (buf->len && fwrite(buf->data, 1, buf->len, f) != buf->len) {
    err = errno;
    fclose(f);
    remove(tmp);
    return push_ioerror(L, "cannot write", tmp, err);
  }
  if (fclose(f) != 0) {
    err = errno;
    remove(tmp);
    return push_ioerror(L, "cannot write", tmp, err);
  }
  if (rename(tmp, path) != 0) {
    err = errno;
    remove(tmp);
    return push_ioerror(L, "cannot rename to", path, err);
  }
  lua_pushboolean(L, 1);
  return 1;
}

/* load_corpus(path) -> corpus | nil, message, code */
static int lnn_load_corpus(lua_State *L)
{
  const char *path = luaL_checkstring(L, 1);
  nn_buf *buf = lnn_pushbuf(L);
  lnn_corpusbox *box;
  FILE *f = fopen(path, "rb");
  int rc;
  if (!f) return push_ioerror(L, "cannot open", path, errno);
  for (;;) {
    size_t got;
    if ((rc = nn_buf_reserve(buf, 65536)) != NN_OK) {
      fclose(f);
      lnn_raise(L, rc);
    }
    got = fread(buf->data + buf->len, 1, 65536, f);
    buf->len += got;
    if (got < 65536) break;
  }
  if (ferror(f)) {
    int err = errno;
    fclose(f);
    return push_ioerror(L, "cannot read", path, err);
  }
  fclose(f);
  box = pushcorpus(L);
  rc = nn_corpus_load(&box->c, &box->alloc, buf->len ? buf->data : "", buf->len);
  if (rc == NN_ENOMEM || rc == NN_ETOOBIG) lnn_raise(L, rc);
  if (rc != NN_OK) return lnn_pusherror(L, rc, path);
  box->open = 1;
  return 1;
}

/* :digest() -> 16 hexadecimal digits, equal for equal models */
static int corpus_digest(lua_State *L)
{
  lnn_corpusbox *box = checkcorpus(L);
  uint64_t d;
  char hex[17];
  int rc = nn_corpus_digest(&box->c, &d);
  if (rc != NN_OK) lnn_raise(L, rc);
  snprintf(hex, sizeof hex, "%016llx", (unsigned long long)d);
  lua_pushstring(L, hex);
  return 1;
}

/* :info() -> { documents =, terms =, tokens =, lang =, stem =, numbers =, ngrams =,
 *              stopwords =, languages = { [code] = documents }, format_version =,
 *              memory = bytes held } */
static int corpus_info(lua_State *L)
{
  static const char *const modes[] = { "builtin", "custom", "none" };
  lnn_corpusbox *box = checkcorpus(L);
  const nn_corpus *c = &box->c;
  size_t i;
  lua_createtable(L, 0, 10);
  lua_pushinteger(L, (lua_Integer)c->docs);
  lua_setfield(L, -2, "documents");
  lua_pushinteger(L, (lua_Integer)c->terms.map.count);
  lua_setfield(L, -2, "terms");
  lua_pushinteger(L, (lua_Integer)c->terms.total);
  lua_setfield(L, -2, "tokens");
  if (c->set.lang[0]) {
    lua_pushstring(L, c->set.lang);
    lua_setfield(L, -2, "lang");
  }
  lua_pushboolean(L, c->set.stem);
  lua_setfield(L, -2, "stem");
  lua_pushboolean(L, c->set.numbers);
  lua_setfield(L, -2, "numbers");
  lua_pushinteger(L, (lua_Integer)c->set.ngrams);
  lua_setfield(L, -2, "ngrams");
  lua_pushstring(L, modes[c->set.stop_mode]);
  lua_setfield(L, -2, "stopwords");
  lua_pushinteger(L, (lua_Integer)c->stopwords.count);
  lua_setfield(L, -2, "user_stopwords");
  lua_createtable(L, 0, (int)c->langs.map.count);
  for (i = 0; i < c->langs.map.count; i++) {
    size_t len;
    const char *code = nn_strmap_key(&c->langs.map, (uint32_t)i, &len);
    lua_pushinteger(L, (lua_Integer)c->langs.rec[i].count);
    lua_setfield(L, -2, code);
  }
  lua_setfield(L, -2, "languages");
  lua_pushinteger(L, NN_CORPUS_FORMAT_VERSION);
  lua_setfield(L, -2, "format_version");
  lua_pushinteger(L, (lua_Integer)nn_corpus_memory(c));
  lua_setfield(L, -2, "memory");
  return 1;
}

static const luaL_Reg corpus_methods[] = {
  { "add", corpus_add },
  { "size", corpus_size },
  { "has", corpus_has },
  { "df", corpus_df },
  { "idf", corpus_idf },
  { "count", corpus_count },
  { "tfidf", corpus_tfidf },
  { "keyness", corpus_keyness },
  { "bm25", corpus_bm25 },
  { "merge", corpus_merge },
  { "save", corpus_save },
  { "digest", corpus_digest },
  { "info", corpus_info },
  { "close", corpus_close },
  { NULL, NULL }
};

static lnn_corpusbox *pushcorpus(lua_State *L)
{
  lnn_corpusbox *box = (lnn_corpusbox *)lua_newuserdata(L, sizeof *box);
  memset(box, 0, sizeof *box);
  lnn_allocator(L, &box->alloc);
  box->open = 0;
  if (luaL_newmetatable(L, CORPUS_METATABLE)) {
    lua_pushcfunction(L, corpus_close);
    lua_setfield(L, -2, "__gc");
    lua_pushcfunction(L, corpus_close);
    lua_setfield(L, -2, "__close");
    lua_pushcfunction(L, corpus_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_newtable(L);
    luaL_setfuncs(L, corpus_methods, 0);
    lua_setfield(L, -2, "__index");
  }
  lua_setmetatable(L, -2);
  return box;
}

static const luaL_Reg corpus_funcs[] = {
  { "corpus", lnn_corpus },
  { "load_corpus", lnn_load_corpus },
  { NULL, NULL }
};

void lnn_open_corpus(lua_State *L)
{
  luaL_setfuncs(L, corpus_funcs, 0);
}
