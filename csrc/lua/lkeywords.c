/* Keyphrases: newsnlp.keywords. */
#include <string.h>

#include "lterms.h"
#include "../nn_keywords.h"

#define CONTEXT_METATABLE "newsnlp.KeywordsContext"

/* Scratch memory kept between calls is released when it grows past this. */
#define KEEP_BYTES ((size_t)4 << 20)

/* The context of this function, an upvalue: buffers reused from call to call
 * (no Lua code runs while it is in use, so calls cannot interleave). */
typedef struct context_box {
  nn_allocator alloc;
  nn_keywords k;
  nn_buf scratch; /* corpus terms */
} context_box;

static int context_gc(lua_State *L)
{
  context_box *box = (context_box *)luaL_checkudata(L, 1, CONTEXT_METATABLE);
  nn_keywords_free(&box->k);
  nn_buf_free(&box->scratch);
  return 0;
}

/* What the corpus and stemmer callbacks need. */
typedef struct callback_data {
  nn_termres *res;
  const nn_corpus *corpus;
  nn_buf *scratch;
  struct sb_stemmer *stemmer;
} callback_data;

static int corpus_df(void *ud, const char *w, size_t n, uint64_t *df)
{
  callback_data *cb = ud;
  int stop = 0, rc = nn_corpus_term(cb->corpus, cb->res, w, n, cb->scratch, &stop);
  if (rc != NN_OK) return rc;
  if (stop || cb->scratch->len == 0) {
    *df = cb->corpus->docs; /* a stopword of the corpus: as common as can be */
    return NN_OK;
  }
  nn_freqmap_get(&cb->corpus->terms, cb->scratch->data, cb->scratch->len, df);
  return NN_OK;
}

static int snowball_stem(void *ud, const char *w, size_t n, const char **out, size_t *outlen)
{
  callback_data *cb = ud;
  return nn_stem(cb->stemmer, w, n, out, outlen);
}

static const char *const keyword_options[] = { "top", "lang", "corpus", "title", "method",
                                               "structure", "candidates", NULL };
static const char *const candidate_names[] = { "lexicon", "stopwords", NULL };
static const char *const method_names[] = { "posfreq", "textrank", "yake", "tfidf", NULL };

/* keywords(s [, opts]) -> { {text =, score =, count =, start =, stop =}, ... }, info */
static int lnn_keywords(lua_State *L)
{
  context_box *box = (context_box *)luaL_checkudata(L, lua_upvalueindex(1), CONTEXT_METATABLE);
  size_t len, lang_len = 0, i;
  const char *s = lnn_checkstring(L, 1, &len);
  const char *lang;
  char code[NN_LANG_CODE_MAX + 1];
  nn_keywords_opts o;
  callback_data cb;
  nn_langguess guess;
  lua_Integer top;
  int guessed = 0, rc;
  lnn_checkoptions(L, 2, keyword_options);
  nn_keywords_opts_init(&o);
  memset(&cb, 0, sizeof cb);
  top = lnn_optinteger(L, 2, "top", 10);
  if (top < 0) luaL_argerror(L, 2, "option 'top' must not be negative");
  o.top = (size_t)top;
  o.method = lnn_optenum(L, 2, "method", method_names, NN_KW_POSFREQ);
  o.structure = lnn_optboolean(L, 2, "structure", 1);
  o.candidates = lnn_optenum(L, 2, "candidates", candidate_names, NN_KWC_LEXICON);
  o.title = lnn_optstring(L, 2, "title", NULL, &o.title_len);
  lang = lnn_optstring(L, 2, "lang", NULL, &lang_len);
  cb.res = lnn_termres(L);
  cb.scratch = &box->scratch;
  if (lang) {
    /* the primary subtag: "en-GB" reads as "en" */
    size_t n = 0;
    while (n < lang_len && n < NN_LANG_CODE_MAX && lang[n] != '-' && lang[n] != '_') {
      char c = lang[n];
      code[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    code[n] = '\0';
    if ((n < lang_len && lang[n] != '-' && lang[n] != '_') || !nn_language_code_valid(code, n))
      luaL_argerror(L, 2, lua_pushfstring(L, "option 'lang' must be a language code such as "
                                             "\"en\", got '%s'", lang));
  } else {
    /* Never a silent default: the language is guessed and reported. */
    if ((rc = nn_language_guess(cb.res, s, len, 0, &guess)) != NN_OK) lnn_raise(L, rc);
    memcpy(code, guess.code, sizeof code);
    guessed = 1;
  }
  lang = code;
  lang_len = strlen(code);
  o.lang = lang;
  o.lang_len = lang_len;
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_getfield(L, 2, "corpus");
    if (!lua_isnil(L, -1)) {
      lnn_corpusbox *cbox = lnn_testcorpus(L, -1);
      if (!cbox) luaL_argerror(L, 2, lua_pushfstring(L, "option 'corpus' must be a newsnlp.Corpus, got %s",
                                                     luaL_typename(L, -1)));
      if (!cbox->open) luaL_argerror(L, 2, "option 'corpus': the corpus is closed");
      cb.corpus = &cbox->c;
      o.df = corpus_df;
      o.df_ud = &cb;
      o.corpus_docs = cbox->c.docs;
    }
    lua_pop(L, 1); /* the options table keeps the corpus alive */
  }
  if (o.candidates == NN_KWC_STOPWORDS || !nn_lexicon_get(lang, lang_len)) {
    /* Stopword candidates: the language's list, its Snowball stemmer. */
    o.stopwords = nn_wordlist_get("stopwords", code);
    if (nn_stemmer_name(code)) {
      cb.stemmer = nn_stemmers_get(&cb.res->stemmers, code, &rc);
      if (!cb.stemmer && rc != NN_OK) lnn_raise(L, rc);
      if (cb.stemmer) {
        o.stem = snowball_stem;
        o.stem_ud = &cb;
      }
    }
  }
  rc = nn_keywords_extract(&box->k, s, len, &o);
  if (rc != NN_OK) lnn_raise(L, rc);
  lua_createtable(L, (int)box->k.count, 0);
  for (i = 0; i < box->k.count; i++) {
    const nn_keyphrase *p = nn_keywords_get(&box->k, i);
    lua_createtable(L, 0, 5);
    lua_pushlstring(L, box->k.text.data + p->text, p->text_len);
    lua_setfield(L, -2, "text");
    lua_pushnumber(L, p->score);
    lua_setfield(L, -2, "score");
    lua_pushinteger(L, (lua_Integer)p->count);
    lua_setfield(L, -2, "count");
    lua_pushinteger(L, (lua_Integer)p->start + 1);
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)p->stop);
    lua_setfield(L, -2, "stop");
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_createtable(L, 0, 4);
  lua_pushlstring(L, lang, lang_len);
  lua_setfield(L, -2, "lang");
  lua_pushboolean(L, guessed);
  lua_setfield(L, -2, "guessed");
  lua_pushstring(L, nn_kw_method_name(box->k.method));
  lua_setfield(L, -2, "method");
  lua_pushstring(L, nn_kw_candidates_name(box->k.candidates));
  lua_setfield(L, -2, "candidates");
  if (box->k.tokens.cap > KEEP_BYTES || box->k.article.sentences.cap > KEEP_BYTES)
    nn_keywords_trim(&box->k);
  return 2;
}

void lnn_open_keywords(lua_State *L)
{
  context_box *box = (context_box *)lua_newuserdata(L, sizeof *box);
  lnn_allocator(L, &box->alloc);
  nn_keywords_init(&box->k, &box->alloc);
  nn_buf_init(&box->scratch, &box->alloc);
  if (luaL_newmetatable(L, CONTEXT_METATABLE)) {
    lua_pushcfunction(L, context_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  lua_pushcclosure(L, lnn_keywords, 1);
  lua_setfield(L, -2, "keywords");
}
