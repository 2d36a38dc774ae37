/* Paragraphs and articles: newsnlp.paragraphs, newsnlp.article. */
#include "lnewsnlp.h"
#include "../nn_article.h"

#define ARTICLE_METATABLE "newsnlp.ArticleParse"

static const char *const layout_names[] = { "auto", "blank", "line", NULL };

/* Pushes { text =, start =, stop = } for s[start..stop) (1-based, inclusive). */
static void push_record(lua_State *L, const char *s, size_t start, size_t stop)
{
  lua_createtable(L, 0, 4);
  lua_pushlstring(L, s + start, stop - start);
  lua_setfield(L, -2, "text");
  lua_pushinteger(L, (lua_Integer)start + 1);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)stop);
  lua_setfield(L, -2, "stop");
}

static const char *const paragraphs_options[] = { "layout", NULL };

/* paragraphs(s [, opts]) -> { { text =, start =, stop = }, ... }, layout */
static int lnn_paragraphs(lua_State *L)
{
  size_t len;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_para_iter it;
  nn_span span;
  lua_Integer n = 0;
  int layout;
  lnn_checkoptions(L, 2, paragraphs_options);
  layout = lnn_optenum(L, 2, "layout", layout_names, NN_PARA_AUTO);
  nn_paragraphs_init(&it, s, len, (nn_para_layout)layout);
  lua_newtable(L);
  while (nn_paragraphs_next(&it, &span)) {
    push_record(L, s, span.start, span.stop);
    lua_rawseti(L, -2, (int)++n);
  }
  lua_pushstring(L, layout_names[it.layout]);
  return 2;
}

/* The parse inside a userdata, so that an error while the tables are built
 * cannot leak it. */
typedef struct article_box {
  nn_article article;
  nn_allocator alloc;
} article_box;

static int article_gc(lua_State *L)
{
  article_box *box = (article_box *)luaL_checkudata(L, 1, ARTICLE_METATABLE);
  nn_article_free(&box->article);
  return 0;
}

static nn_article *push_article(lua_State *L)
{
  article_box *box = (article_box *)lua_newuserdata(L, sizeof *box);
  lnn_allocator(L, &box->alloc);
  nn_article_init(&box->article, &box->alloc);
  lnn_setgc(L, ARTICLE_METATABLE, article_gc);
  return &box->article;
}

static void set_span(lua_State *L, const char *s, nn_span span, const char *field)
{
  if (span.stop <= span.start) return;
  push_record(L, s, span.start, span.stop);
  lua_setfield(L, -2, field);
}

static const char *const article_options[] = { "lang", "abbreviations", NULL };

/* article(s [, opts]) -> { title =, byline =, dateline =, paragraphs =,
 * boilerplate =, body =, layout =, language = } */
static int lnn_article(lua_State *L)
{
  size_t len, i, count;
  const char *s = lnn_checkstring(L, 1, &len);
  nn_sentence_opts opts;
  nn_article *a;
  const nn_article_paragraph *paras;
  const nn_article_boilerplate *boiler;
  const nn_sentence *sents;
  luaL_Buffer body;
  int r;
  lnn_checkoptions(L, 2, article_options);
  lnn_check_sentence_options(L, 2, &opts); /* may leave the abbreviation set on the stack */
  a = push_article(L);
  r = nn_article_parse(a, s, len, &opts);
  if (r < 0) return lnn_raise(L, r);
  paras = (const nn_article_paragraph *)(const void *)a->paragraphs.data;
  boiler = (const nn_article_boilerplate *)(const void *)a->boilerplate.data;
  sents = (const nn_sentence *)(const void *)a->sentences.data;

  lua_createtable(L, 0, 8);
  set_span(L, s, a->title, "title");
  set_span(L, s, a->byline, "byline");
  set_span(L, s, a->dateline, "dateline");
  set_span(L, s, a->header, "header");
  lua_pushstring(L, layout_names[a->layout]);
  lua_setfield(L, -2, "layout");
  lua_pushstring(L, opts.lang >= 0 ? nn_sentences_lang_code(opts.lang) : "neutral");
  lua_setfield(L, -2, "language");

  count = a->paragraphs.len / sizeof *paras;
  lua_createtable(L, (int)count, 0);
  for (i = 0; i < count; i++) {
    size_t k;
    push_record(L, s, paras[i].start, paras[i].stop);
    lua_pushboolean(L, (paras[i].flags & NN_PARAGRAPH_HEADING) != 0);
    lua_setfield(L, -2, "heading");
    lua_createtable(L, (int)paras[i].sentence_count, 0);
    for (k = 0; k < paras[i].sentence_count; k++) {
      const nn_sentence *sent = &sents[paras[i].first_sentence + k];
      push_record(L, s, sent->start, sent->stop);
      if (sent->flags & NN_SENTENCE_HEADER) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "header");
      }
      if (sent->flags & NN_SENTENCE_BOILERPLATE) {
        lua_pushboolean(L, 1);
        lua_setfield(L, -2, "boilerplate");
      }
      lua_rawseti(L, -2, (int)k + 1);
    }
    lua_setfield(L, -2, "sentences");
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_setfield(L, -2, "paragraphs");

  count = a->boilerplate.len / sizeof *boiler;
  lua_createtable(L, (int)count, 0);
  for (i = 0; i < count; i++) {
    push_record(L, s, boiler[i].start, boiler[i].stop);
    if (boiler[i].cue >= 0) {
      lua_pushstring(L, nn_article_cue_text(boiler[i].cue));
      lua_setfield(L, -2, "cue");
    }
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_setfield(L, -2, "boilerplate");

  /* body: the paragraphs, a blank line between them */
  count = a->paragraphs.len / sizeof *paras;
  luaL_buffinit(L, &body);
  for (i = 0; i < count; i++) {
    if (i > 0) luaL_addstring(&body, "\n\n");
    luaL_addlstring(&body, s + paras[i].start, paras[i].stop - paras[i].start);
  }
  luaL_pushresult(&body);
  lua_setfield(L, -2, "body");
  return 1;
}

static const luaL_Reg article_funcs[] = {
  { "paragraphs", lnn_paragraphs },
  { "article", lnn_article },
  { NULL, NULL }
};

void lnn_open_article(lua_State *L)
{
  luaL_setfuncs(L, article_funcs, 0);
}
