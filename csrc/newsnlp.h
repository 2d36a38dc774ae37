/* The public header of the newsnlp C core, for embedders and tests: it
 * gathers the header of every concern.  The core never includes Lua. */
#ifndef NEWSNLP_H
#define NEWSNLP_H

#include "nn_core.h"
#include "nn_utf8.h"
#include "nn_normalize.h"
#include "unicode_data.h"
#include "nn_strmap.h"
#include "nn_wordlist.h"
#include "nn_sentbreak.h"
#include "nn_sentences.h"
#include "nn_article.h"
#include "nn_stats.h"
#include "nn_summary.h"
#include "nn_wordbreak.h"
#include "nn_tokenize.h"
#include "nn_count.h"
#include "nn_checksum.h"
#include "nn_freqmap.h"
#include "nn_language.h"
#include "nn_stem.h"
#include "nn_terms.h"
#include "nn_collocations.h"
#include "nn_corpus.h"
#include "nn_lexicon.h"
#include "nn_keywords.h"
#include "nn_linear.h"
#include "nn_classifier.h"
#include "nn_tagger.h"
#include "nn_entities.h"
#include "nn_values.h"

#endif
