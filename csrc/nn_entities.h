/* Named entities: people, organizations, places and other names in a news
 * article, found with rules, gazetteers and evidence from the rest of the
 * document; no statistical model.
 *
 * One pass over the shared token stream (nn_tokenize.h) inside the news
 * sentences (nn_sentences.h):
 *
 *   1. each sentence gets a case mode: normal, headline in capitals, or
 *      headline in title case;
 *   2. a capitalized word is a name word mid-sentence in normal text; at a
 *      sentence start or in a headline it is one when the document writes it
 *      capitalized more often than not, or it is a strong gazetteer name, or
 *      it is no common English word (SCOWL levels of the lexicon);
 *   3. name words make spans, which may cross "&", name particles (Joost van
 *      der Westhuizen) and "of"/"for" after a head word (Council of
 *      Ministers); gazetteer phrases hold together (Trinidad and Tobago);
 *      titles cut spans and mark the name after them as a person (Secretary
 *      of State | Neang Phat); a leading demonym is split off (Australian |
 *      Tom Moody);
 *   4. each mention collects votes for the four kinds from gazetteers, cue
 *      words, titles, given names, the words around it, datelines and
 *      sports conventions;
 *   5. mentions with the same text share their votes; short forms take the
 *      kind of the full name (Abe <- Shinzo Abe), acronyms that of their
 *      definition (AKP <- Agence Kampuchea Presse (AKP)), and names in a
 *      list the kind of the strongly typed ones;
 *   6. entities group the mentions of one name, linking short forms and
 *      acronyms to their full name, most salient first.
 *
 * Everything is linear in the length of the text; the data is compiled in
 * (nn_entity_data.h).  Offsets are 0-based and half-open here. */
#ifndef NN_ENTITIES_H
#define NN_ENTITIES_H

#include "nn_core.h"

typedef enum nn_entity_kind {
  NN_ENTITY_PERSON = 0,
  NN_ENTITY_ORGANIZATION = 1,
  NN_ENTITY_PLACE = 2,
  NN_ENTITY_OTHER = 3
} nn_entity_kind;

/* The Lua name of a kind: "person", "organization", "place", "other". */
const char *nn_entity_kind_name(int kind);

/* Which language data to use.  English is the one language with titles,
 * cue words and a common-word lexicon; without it ("none") only the
 * language-neutral part runs: capitalization with evidence from the rest of
 * the document, gazetteer names and given names, document-level agreement.
 * NN_ENTITY_LANG_AUTO picks English unless the text has at least 20
 * lower-case words and fewer than three in five are English words. */
enum { NN_ENTITY_LANG_AUTO = 0, NN_ENTITY_LANG_EN = 1, NN_ENTITY_LANG_NONE = 2 };

typedef struct nn_entity_opts {
  int lang;      /* NN_ENTITY_LANG_* */
  int structure; /* nonzero: the boilerplate lines nn_article_parse finds
                    ("Follow us on Twitter") are not read */
} nn_entity_opts;

typedef struct nn_entity_span {
  size_t start, stop; /* s[start..stop) */
} nn_entity_span;

/* One entity: a name and its mentions. */
typedef struct nn_entity {
  size_t text, text_len;       /* the canonical name, in the strings buffer */
  int kind;                    /* nn_entity_kind */
  size_t count;                /* mentions */
  size_t span, span_count;     /* spans[span .. span + span_count), sorted */
  size_t alias, alias_count;   /* aliases[alias ..]: other surface forms, sorted */
  double salience;             /* count + 1 - first offset / text length */
} nn_entity;

/* An alias: a surface form in the strings buffer. */
typedef struct nn_entity_alias {
  size_t text, len;
} nn_entity_alias;

/* One mention, in text order. */
typedef struct nn_entity_mention {
  size_t start, stop;
  int kind;
  size_t entity; /* index into the entities */
} nn_entity_mention;

/* The finder: results and the scratch memory of one document, reused by the
 * next call.  It also keeps the data of the words it has read (their shape,
 * forms and look-ups), bounded (2^18 words, 16 MB of text), so that later
 * documents read faster; results never depend on what it read before.  One
 * finder serves one thread at a time.  Read the results through the fields
 * below after nn_entities_find; everything else is private. */
typedef struct nn_entities {
  const nn_allocator *alloc;
  int lang;            /* the data used: NN_ENTITY_LANG_EN or NN_ENTITY_LANG_NONE */
  nn_buf entities;     /* nn_entity, most salient first */
  nn_buf spans;        /* nn_entity_span */
  nn_buf aliases;      /* nn_entity_alias */
  nn_buf strings;      /* names and aliases */
  nn_buf mentions;     /* nn_entity_mention, in text order */
  void *doc;           /* private: the document being read */
} nn_entities;

void nn_entities_init(nn_entities *e, const nn_allocator *a);
void nn_entities_free(nn_entities *e);

/* Finds the entities of s[0..len); opts may be NULL (automatic language,
 * every line read).
 * Returns the number of entities, or a negative nn_status (NN_ENOMEM,
 * NN_ETOOBIG, NN_EARG for a bad option).  Invalid UTF-8 is read as the
 * tokenizer reads it (invalid tokens are never names). */
long nn_entities_find(nn_entities *e, const char *s, size_t len, const nn_entity_opts *opts);

/* Accessors for the results of the last call. */
static inline const nn_entity *nn_entities_items(const nn_entities *e, size_t *count)
{
  *count = e->entities.len / sizeof(nn_entity);
  return (const nn_entity *)(const void *)e->entities.data;
}

#endif
