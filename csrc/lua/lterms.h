/* Shared by the bindings of terms (lterms.c) and corpora (lcorpus.c). */
#ifndef LTERMS_H
#define LTERMS_H

#include "lnewsnlp.h"
#include "../nn_collocations.h"
#include "../nn_corpus.h"
#include "../nn_freqmap.h"
#include "../nn_terms.h"

/* The term resources (Snowball stemmers, stopword profiles) of this Lua
 * state: a userdata in the registry, made on first use.  Stemmers are not
 * thread-safe, and each Lua state has its own. */
nn_termres *lnn_termres(lua_State *L);

/* The working memory of one call, in a userdata with __gc so that an error
 * raised half-way frees it.  Everything starts empty. */
typedef struct lnn_termcall {
  nn_allocator alloc;
  nn_strmap stopwords;  /* user stopwords, folded */
  int stop_mode;        /* nn_stopmode */
  char lang[NN_LANG_CODE_MAX + 1]; /* "" when not given */
  int stem;
  int numbers;
  nn_freqmap counts;    /* a text's terms */
  nn_freqmap counts2;   /* another text's terms */
  nn_freqmap words;     /* scratch for n-grams */
  nn_ngrams ngrams;     /* collocations of a text */
  nn_buf buf;
  nn_buf scratch;       /* words read ahead */
} lnn_termcall;

lnn_termcall *lnn_pushtermcall(lua_State *L);

/* Reads the term options at arg into call: lang, stem, numbers, stopwords,
 * extra_stopwords (the caller has checked the option names). */
void lnn_termoptions(lua_State *L, int arg, lnn_termcall *call);

/* The pipeline options of the call (lang NULL when it is to be guessed). */
void lnn_termopts(lnn_termcall *call, nn_termopts *o);

/* A corpus userdata ("newsnlp.Corpus"). */
typedef struct lnn_corpusbox {
  nn_allocator alloc;
  nn_corpus c;
  int open;
} lnn_corpusbox;

/* The corpus at arg, or NULL when it is something else. */
lnn_corpusbox *lnn_testcorpus(lua_State *L, int arg);

#endif
