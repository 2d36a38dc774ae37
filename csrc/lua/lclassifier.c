/* Learned tags: newsnlp.classifier, newsnlp.load_classifier and the
 * methods of "newsnlp.Classifier" userdata. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lnewsnlp.h"
#include "../nn_classifier.h"

#define CLASSIFIER_METATABLE "newsnlp.Classifier"

/* The userdata holds a pointer so that close can free the model early and
 * leave an inert object behind. */
typedef struct classifier_box {
  nn_classifier *c;
} classifier_box;

static classifier_box *checkbox(lua_State *L, int arg)
{
  return (classifier_box *)luaL_checkudata(L, arg, CLASSIFIER_METATABLE);
}

static nn_classifier *checkopen(lua_State *L, int arg)
{
  classifier_box *box = checkbox(L, arg);
  if (!box->c) luaL_argerror(L, arg, "the classifier is closed");
  return box->c;
}

static classifier_box *pushbox(lua_State *L)
{
  classifier_box *box = (classifier_box *)lua_newuserdata(L, sizeof *box);
  box->c = NULL;
  luaL_setmetatable(L, CLASSIFIER_METATABLE);
  return box;
}

static const char *const threshold_names[] = { "cv", "margin", NULL };

static const char *const classifier_options[] = {
  "cost", "balanced", "threshold", "folds", "fbr", "min_df", "bigrams", "language", "stem", NULL
};

static void option_range_error(lua_State *L, int arg, const char *name, const char *range)
{
  luaL_argerror(L, arg, lua_pushfstring(L, "option '%s' must be %s", name, range));
}

/* classifier([opts]) -> Classifier */
static int lnn_classifier(lua_State *L)
{
  nn_classifier_options o;
  nn_allocator a;
  classifier_box *box;
  lua_Integer folds, min_df;
  int status;

  nn_classifier_options_init(&o);
  lnn_checkoptions(L, 1, classifier_options);
  o.cost = (double)lnn_optnumber(L, 1, "cost", o.cost);
  if (!(o.cost > 0.0 && o.cost <= 1.0e6)) option_range_error(L, 1, "cost", "in (0, 1e6]");
  o.balanced = lnn_optboolean(L, 1, "balanced", o.balanced);
  if (lua_type(L, 1) == LUA_TTABLE) {
    lua_getfield(L, 1, "threshold");
    if (lua_type(L, -1) == LUA_TNUMBER) {
      o.threshold = NN_THRESHOLD_SCORE;
      o.min_score = (double)lua_tonumber(L, -1);
      if (!(o.min_score >= 0.0 && o.min_score <= 1.0))
        option_range_error(L, 1, "threshold", "\"cv\", \"margin\" or a score in [0, 1]");
    } else if (!lua_isnil(L, -1)) {
      if (lua_type(L, -1) != LUA_TSTRING)
        option_range_error(L, 1, "threshold", "\"cv\", \"margin\" or a score in [0, 1]");
      o.threshold = lnn_optenum(L, 1, "threshold", threshold_names, NN_THRESHOLD_CV);
    }
    lua_pop(L, 1);
  }
  folds = lnn_optinteger(L, 1, "folds", (lua_Integer)o.folds);
  if (folds < 2 || folds > NN_CLASSIFIER_MAX_FOLDS) option_range_error(L, 1, "folds", "in 2..50");
  o.folds = (unsigned)folds;
  o.fbr = (double)lnn_optnumber(L, 1, "fbr", o.fbr);
  if (!(o.fbr >= 0.0 && o.fbr <= 1.0)) option_range_error(L, 1, "fbr", "in [0, 1]");
  min_df = lnn_optinteger(L, 1, "min_df", (lua_Integer)o.min_df);
  if (min_df < 1 || min_df > 0x7FFFFFFF) option_range_error(L, 1, "min_df", "a positive integer");
  o.min_df = (unsigned)min_df;
  o.bigrams = lnn_optboolean(L, 1, "bigrams", o.bigrams);
  o.stem = lnn_optboolean(L, 1, "stem", o.stem);
  {
    size_t n;
    const char *lang = lnn_optstring(L, 1, "language", NULL, &n);
    if (lang) {
      /* "auto" is the core's "" (guess each text's language). */
      int bad = n == 0 || (n >= sizeof o.language && strcmp(lang, "auto") != 0);
      if (strcmp(lang, "auto") == 0) n = 0;
      if (!bad) {
        memcpy(o.language, lang, n);
        o.language[n] = '\0';
      }
      if (bad || nn_classifier_options_check(&o) != NN_OK)
        luaL_argerror(L, 1, lua_pushfstring(L, "option 'language' has unknown value '%s'", lang));
    }
  }

  box = pushbox(L);
  lnn_allocator(L, &a);
  box->c = nn_classifier_new(&a, &o, &status);
  if (!box->c) return lnn_raise(L, status);
  return 1;
}

/* c:train(text, tags) -> c */
static int lnn_classifier_train(lua_State *L)
{
  nn_classifier *c = checkopen(L, 1);
  size_t len, n, i;
  const char *text = lnn_checkstring(L, 2, &len);
  const char **names;
  size_t *lens;
  int rc;

  luaL_checktype(L, 3, LUA_TTABLE);
  n = (size_t)lua_rawlen(L, 3);
  if (n > ((size_t)-1 / 2) / (sizeof *names + sizeof *lens)) luaL_argerror(L, 3, "too many tags");
  /* Lua-owned scratch: the tag strings stay alive in the table. */
  names = (const char **)lua_newuserdata(L, n * (sizeof *names + sizeof *lens) + 1);
  lens = (size_t *)(void *)(names + n);
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, 3, (lua_Integer)i + 1);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_argerror(L, 3, lua_pushfstring(L, "tag %d is a %s, not a string", (int)i + 1,
                                          luaL_typename(L, -1)));
    names[i] = lua_tolstring(L, -1, &lens[i]);
    if (lens[i] == 0 || lens[i] > NN_CLASSIFIER_MAX_TAG)
      luaL_argerror(L, 3, lua_pushfstring(L, "tag %d must be 1 to %d bytes long", (int)i + 1,
                                          NN_CLASSIFIER_MAX_TAG));
    lua_pop(L, 1);
  }
  rc = nn_classifier_train(c, text, len, names, lens, n);
  if (rc == NN_EARG)
    return luaL_error(L, "this classifier was loaded from a file and keeps no examples: "
                         "it cannot learn more");
  if (rc != NN_OK) return lnn_raise(L, rc);
  lua_settop(L, 1);
  return 1;
}

/* c:fit() -> c */
static int lnn_classifier_fit(lua_State *L)
{
  int rc = nn_classifier_fit(checkopen(L, 1));
  if (rc != NN_OK) return lnn_raise(L, rc);
  lua_settop(L, 1);
  return 1;
}

static const char *const predict_options[] = { "top", NULL };

/* c:predict(text [, {top = k}]) -> { {tag =, score =}, ... } best first */
static int lnn_classifier_predict(lua_State *L)
{
  nn_classifier *c = checkopen(L, 1);
  size_t len, count, i, tags;
  const char *text = lnn_checkstring(L, 2, &len);
  lua_Integer top;
  nn_tag_score *out;
  int rc;

  lnn_checkoptions(L, 3, predict_options);
  top = lnn_optinteger(L, 3, "top", 0);  /* 0, when absent: the decided tags */
  if (top < 1 && lua_type(L, 3) == LUA_TTABLE) {
    lua_getfield(L, 3, "top");
    if (!lua_isnil(L, -1)) option_range_error(L, 3, "top", "at least 1");
    lua_pop(L, 1);
  }
  if ((rc = nn_classifier_fit(c)) != NN_OK) return lnn_raise(L, rc);
  tags = nn_classifier_tag_count(c);
  if (tags > ((size_t)-1 / 2) / sizeof *out) return lnn_raise(L, NN_ETOOBIG);
  out = (nn_tag_score *)lua_newuserdata(L, tags * sizeof *out + 1);
  rc = nn_classifier_predict(c, text, len, (size_t)top, out, &count);
  if (rc != NN_OK) return lnn_raise(L, rc);
  lua_createtable(L, (int)count, 0);
  for (i = 0; i < count; i++) {
    size_t n;
    const char *name = nn_classifier_tag(c, out[i].tag, &n);
    lua_createtable(L, 0, 2);
    lua_pushlstring(L, name, n);
    lua_setfield(L, -2, "tag");
    lua_pushnumber(L, (lua_Number)out[i].score);
    lua_setfield(L, -2, "score");
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* c:tags() -> { "tag", ... } in the order they were first seen */
static int lnn_classifier_tags(lua_State *L)
{
  nn_classifier *c = checkopen(L, 1);
  size_t n = nn_classifier_tag_count(c), i;
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    size_t len;
    const char *name = nn_classifier_tag(c, i, &len);
    lua_pushlstring(L, name, len);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

/* c:size() -> the number of texts learned from */
static int lnn_classifier_size(lua_State *L)
{
  lua_pushinteger(L, (lua_Integer)nn_classifier_document_count(checkopen(L, 1)));
  return 1;
}

/* c:info() -> a table describing the model and its options */
static int lnn_classifier_info(lua_State *L)
{
  nn_classifier *c = checkopen(L, 1);
  const nn_classifier_options *o = nn_classifier_options_of(c);
  size_t i, n = nn_classifier_tag_count(c);
  lua_createtable(L, 0, 14);
  lua_pushinteger(L, (lua_Integer)nn_classifier_document_count(c));
  lua_setfield(L, -2, "documents");
  lua_pushinteger(L, (lua_Integer)n);
  lua_setfield(L, -2, "tags");
  lua_pushinteger(L, (lua_Integer)nn_classifier_term_count(c));
  lua_setfield(L, -2, "terms");
  lua_pushinteger(L, (lua_Integer)nn_classifier_weight_count(c));
  lua_setfield(L, -2, "weights");
  lua_pushboolean(L, nn_classifier_fitted(c));
  lua_setfield(L, -2, "fitted");
  lua_createtable(L, 0, (int)n);
  for (i = 0; i < n; i++) {
    size_t len;
    const char *name = nn_classifier_tag(c, i, &len);
    lua_pushlstring(L, name, len);
    lua_pushinteger(L, (lua_Integer)nn_classifier_tag_documents(c, i));
    lua_rawset(L, -3);
  }
  lua_setfield(L, -2, "documents_per_tag");
  lua_pushliteral(L, "terms");
  lua_setfield(L, -2, "features");
  lua_pushstring(L, o->language[0] ? o->language : "auto");
  lua_setfield(L, -2, "language");
  lua_pushboolean(L, o->stem);
  lua_setfield(L, -2, "stem");
  lua_pushnumber(L, (lua_Number)o->cost);
  lua_setfield(L, -2, "cost");
  lua_pushboolean(L, o->balanced);
  lua_setfield(L, -2, "balanced");
  if (o->threshold == NN_THRESHOLD_SCORE) lua_pushnumber(L, (lua_Number)o->min_score);
  else lua_pushstring(L, threshold_names[o->threshold]);
  lua_setfield(L, -2, "threshold");
  lua_pushinteger(L, (lua_Integer)o->folds);
  lua_setfield(L, -2, "folds");
  lua_pushnumber(L, (lua_Number)o->fbr);
  lua_setfield(L, -2, "fbr");
  lua_pushinteger(L, (lua_Integer)o->min_df);
  lua_setfield(L, -2, "min_df");
  lua_pushboolean(L, o->bigrams);
  lua_setfield(L, -2, "bigrams");
  return 1;
}

static int push_io_error(lua_State *L, const char *what, const char *path, int err)
{
  lua_pushnil(L);
  lua_pushfstring(L, "%s %s: %s", what, path, strerror(err));
  lua_pushstring(L, nn_status_code(NN_EIO));
  return 3;
}

/* c:save(path) -> true | nil, message, code.  The file is written under a
 * temporary name and renamed, so a failed save leaves any old file whole. */
static int lnn_classifier_save(lua_State *L)
{
  nn_classifier *c = checkopen(L, 1);
  size_t plen;
  const char *path = lnn_checkstring(L, 2, &plen);
  const char *tmp;
  nn_buf *buf;
  FILE *f;
  int rc, err;

  if (strlen(path) != plen) luaL_argerror(L, 2, "the path contains a NUL byte");
  buf = lnn_pushbuf(L);
  if ((rc = nn_classifier_save(c, buf)) != NN_OK) return lnn_raise(L, rc);
  tmp = lua_pushfstring(L, "%s.tmp", path);
  errno = 0;
  f = fopen(tmp, "wb");
  if (!f) return push_io_error(L, "cannot write", tmp, errno);
  if (fwrite(buf->data, 1, buf->len, f) != buf->len) {
    err = errno;
    fclose(f);
    remove(tmp);
    return push_io_error(L, "cannot write", tmp, err);
  }
  if (fclose(f) != 0) {
    err = errno;
    remove(tmp);
    return push_io_error(L, "cannot write", tmp, err);
  }
  if (rename(tmp, path) != 0) {
    err = errno;
    remove(tmp);
    return push_io_error(L, "cannot rename to", path, err);
  }
  nn_buf_free(buf);
  lua_pushboolean(L, 1);
  return 1;
}

/* load_classifier(path) -> Classifier | nil, message, code */
static int lnn_load_classifier(lua_State *L)
{
  size_t plen;
  const char *path = lnn_checkstring(L, 1, &plen);
  classifier_box *box;
  nn_allocator a;
  nn_buf *buf;
  FILE *f;
  int rc, err;

  if (strlen(path) != plen) luaL_argerror(L, 1, "the path contains a NUL byte");
  buf = lnn_pushbuf(L);
  errno = 0;
  f = fopen(path, "rb");
  if (!f) return push_io_error(L, "cannot read", path, errno);
  for (;;) {
    size_t got;
    if ((rc = nn_buf_reserve(buf, 65536)) != NN_OK) {
      fclose(f);
      return lnn_raise(L, rc);
    }
    got = fread(buf->data + buf->len, 1, buf->cap - buf->len, f);
    buf->len += got;
    if (got == 0) break;
  }
  err = ferror(f) ? (errno ? errno : EIO) : 0;
  fclose(f);
  if (err) return push_io_error(L, "cannot read", path, err);
  box = pushbox(L);
  lnn_allocator(L, &a);
  rc = nn_classifier_load(&a, buf->data, buf->len, &box->c);
  nn_buf_free(buf);
  if (rc == NN_ENOMEM || rc == NN_ETOOBIG) return lnn_raise(L, rc);
  if (rc != NN_OK) return lnn_pusherror(L, rc, path);
  return 1;
}

/* c:close(): frees the model; later calls do nothing.  Also __gc and __close. */
static int lnn_classifier_close(lua_State *L)
{
  classifier_box *box = checkbox(L, 1);
  if (box->c) {
    nn_classifier_free(box->c);
    box->c = NULL;
  }
  return 0;
}

static int lnn_classifier_tostring(lua_State *L)
{
  classifier_box *box = checkbox(L, 1);
  if (!box->c) {
    lua_pushfstring(L, "newsnlp.Classifier (closed): %p", (void *)box);
  } else {
    lua_pushfstring(L, "newsnlp.Classifier (%d texts, %d tags%s): %p",
                    (int)nn_classifier_document_count(box->c),
                    (int)nn_classifier_tag_count(box->c),
                    nn_classifier_fitted(box->c) ? "" : ", not fitted yet", (void *)box);
  }
  return 1;
}

static const luaL_Reg classifier_methods[] = {
  { "train", lnn_classifier_train },
  { "fit", lnn_classifier_fit },
  { "predict", lnn_classifier_predict },
  { "tags", lnn_classifier_tags },
  { "size", lnn_classifier_size },
  { "info", lnn_classifier_info },
  { "save", lnn_classifier_save },
  { "close", lnn_classifier_close },
  { NULL, NULL }
};

static const luaL_Reg classifier_meta[] = {
  { "__gc", lnn_classifier_close },
  { "__close", lnn_classifier_close },
  { "__tostring", lnn_classifier_tostring },
  { NULL, NULL }
};

static const luaL_Reg classifier_funcs[] = {
  { "classifier", lnn_classifier },
  { "load_classifier", lnn_load_classifier },
  { NULL, NULL }
};

void lnn_open_classifier(lua_State *L)
{
  luaL_newmetatable(L, CLASSIFIER_METATABLE);
  luaL_setfuncs(L, classifier_meta, 0);
  luaL_newlibtable(L, classifier_methods);
  luaL_setfuncs(L, classifier_methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  luaL_setfuncs(L, classifier_funcs, 0);
}
