/* Internals shared by the binding files that make up `newsnlp.core`.
 *
 * Each l<domain>.c registers its functions through lnn_open_<domain>, called
 * from luaopen_newsnlp_core with the module table on the top of the stack. */
#ifndef LNEWSNLP_H
#define LNEWSNLP_H

#include "compat.h"
#include "../nn_core.h"

/* Domain registration, one per binding file. */
void lnn_open_utf8(lua_State *L);
void lnn_open_sentences(lua_State *L);
void lnn_open_segments(lua_State *L);
void lnn_open_article(lua_State *L);
void lnn_open_summary(lua_State *L);
void lnn_open_tokens(lua_State *L);
void lnn_open_terms(lua_State *L);
void lnn_open_corpus(lua_State *L);
void lnn_open_keywords(lua_State *L);
void lnn_open_classifier(lua_State *L);
void lnn_open_tagger(lua_State *L);

/* The segments of one mode of newsnlp.segments, pushed as a table of strings. */
int lnn_push_sentence_segments(lua_State *L, const char *s, size_t len);
int lnn_push_word_segments(lua_State *L, const char *s, size_t len);

/* Reads opts.lang and opts.abbreviations of the options table at arg into *o
 * (struct nn_sentence_opts), raising on bad values.  When abbreviations are
 * given, their set is left on the stack, which keeps it alive; returns the
 * number of values pushed (0 or 1). */
struct nn_sentence_opts;
int lnn_check_sentence_options(lua_State *L, int arg, struct nn_sentence_opts *o);
void lnn_open_normalize(lua_State *L);
void lnn_open_entities(lua_State *L);
void lnn_open_values(lua_State *L);

/* Reads opts.lang of the entity and value finders at arg: NN_ENTITY_LANG_AUTO
 * when absent, NN_ENTITY_LANG_EN for "en" or "en-...", NN_ENTITY_LANG_NONE for
 * another language tag; raises on a malformed tag. */
int lnn_check_entity_lang(lua_State *L, int arg);

/* The host's allocator, for core structures owned by Lua userdata. */
void lnn_allocator(lua_State *L, nn_allocator *a);

/* Pushes nil, message, code for a core status and returns 3 (the io-library
 * convention).  detail, when not NULL, is prefixed to the message. */
int lnn_pusherror(lua_State *L, int status, const char *detail);

/* Raises a memory or size error for a core status that is not bad data. */
int lnn_raise(lua_State *L, int status);

/* A core nn_buf inside a Lua userdata, so that an error raised while it is
 * alive cannot leak it: the userdata's __gc frees it.  The buffer uses the
 * host allocator.  Push the result, then call nn_buf_free early if it is big. */
nn_buf *lnn_pushbuf(lua_State *L);
/* The nn_buf of a buffer made by lnn_pushbuf, at stack index idx. */
nn_buf *lnn_tobuf(lua_State *L, int idx);

/* Gives the userdata on the top of the stack the metatable tname, made on
 * first use with gc as its __gc: the finalizer of a box that owns core memory. */
void lnn_setgc(lua_State *L, const char *tname, lua_CFunction gc);

/* The input string argument: raises a "string expected" error naming it. */
const char *lnn_checkstring(lua_State *L, int arg, size_t *len);

/* Options tables.  lnn_checkoptions raises when the value at arg is neither
 * nil nor a table, or when it has a key that is not in `known` (a
 * NULL-terminated list), naming the option.  The getters raise when an option
 * has the wrong type, naming it; an absent option gives the default. */
void lnn_checkoptions(lua_State *L, int arg, const char *const known[]);
int lnn_optboolean(lua_State *L, int arg, const char *name, int def);
lua_Integer lnn_optinteger(lua_State *L, int arg, const char *name, lua_Integer def);
lua_Number lnn_optnumber(lua_State *L, int arg, const char *name, lua_Number def);
const char *lnn_optstring(lua_State *L, int arg, const char *name, const char *def, size_t *len);
/* An option that must be one of `names` (NULL-terminated); returns its index. */
int lnn_optenum(lua_State *L, int arg, const char *name, const char *const names[], int def);

#endif
