rockspec_format = "3.0"
package = "newsnlp"
version = "scm-1"

source = {
  url = "git+https://example.invalid/newsnlp.git",
  branch = "main",
}

description = {
  summary = "News text processing for Lua, with a C core",
  detailed = [[
Article segmentation (title, paragraphs, sentences, tokens), Unicode and
typographic normalization, keyword statistics (terms, n-grams, corpus TF-IDF,
keyphrases), extractive summaries, entities and tags, for newsroom scripts.
]],
  license = "MIT; generated data tables carry the terms listed in NOTICE",
  labels = { "nlp", "text", "unicode", "news" },
}

dependencies = {
  "lua >= 5.1, < 5.5",
}

external_dependencies = {
  UTF8PROC = { header = "utf8proc.h", library = "utf8proc" },
  LIBSTEMMER = { header = "libstemmer.h", library = "stemmer" },
}

build = {
  type = "builtin",
  modules = {
    ["newsnlp.core"] = {
      sources = {
        "csrc/abbrev_filter.c",
        "csrc/article.c",
        "csrc/checksum.c",
        "csrc/classifier.c",
        "csrc/collocations.c",
        "csrc/core.c",
        "csrc/corpus.c",
        "csrc/count.c",
        "csrc/freqmap.c",
        "csrc/html_entities.c",
        "csrc/keywords.c",
        "csrc/language.c",
        "csrc/lexicon.c",
        "csrc/lexicon_data.c",
        "csrc/linear.c",
        "csrc/normalize.c",
        "csrc/normalize_data.c",
        "csrc/sentbreak.c",
        "csrc/sentence_data.c",
        "csrc/sentences.c",
        "csrc/stats.c",
        "csrc/stem.c",
        "csrc/strmap.c",
        "csrc/summary.c",
        "csrc/tagger.c",
        "csrc/terms.c",
        "csrc/tokenize.c",
        "csrc/unicode_data.c",
        "csrc/utf8.c",
        "csrc/wordbreak.c",
        "csrc/wordlist.c",
        "csrc/wordlists.c",
        "csrc/entities.c",
        "csrc/entity_agree.c",
        "csrc/entity_data.c",
        "csrc/entity_lexicon.c",
        "csrc/entity_records.c",
        "csrc/entity_spans.c",
        "csrc/entity_types.c",
        "csrc/value_data.c",
        "csrc/values.c",
        "csrc/lua/larticle.c",
        "csrc/lua/lclassifier.c",
        "csrc/lua/lentities.c",
        "csrc/lua/lvalues.c",
        "csrc/lua/lcorpus.c",
        "csrc/lua/lkeywords.c",
        "csrc/lua/lnewsnlp.c",
        "csrc/lua/lnormalize.c",
        "csrc/lua/lsegments.c",
        "csrc/lua/lsentences.c",
        "csrc/lua/lsummary.c",
        "csrc/lua/ltagger.c",
        "csrc/lua/lterms.c",
        "csrc/lua/ltokens.c",
        "csrc/lua/lutf8.c",
      },
      libraries = { "utf8proc", "stemmer" },
      incdirs = { "$(UTF8PROC_INCDIR)", "$(LIBSTEMMER_INCDIR)" },
      libdirs = { "$(UTF8PROC_LIBDIR)", "$(LIBSTEMMER_LIBDIR)" },
      defines = {},
    },
    ["newsnlp"] = "lua/newsnlp/init.lua",
    ["newsnlp.text"] = "lua/newsnlp/text.lua",
    ["newsnlp.normalize"] = "lua/newsnlp/normalize.lua",
    ["newsnlp.segments"] = "lua/newsnlp/segments.lua",
    ["newsnlp.sentences"] = "lua/newsnlp/sentences.lua",
    ["newsnlp.article"] = "lua/newsnlp/article.lua",
    ["newsnlp.summary"] = "lua/newsnlp/summary.lua",
    ["newsnlp.tokens"] = "lua/newsnlp/tokens.lua",
    ["newsnlp.terms"] = "lua/newsnlp/terms.lua",
    ["newsnlp.corpus"] = "lua/newsnlp/corpus.lua",
    ["newsnlp.keywords"] = "lua/newsnlp/keywords.lua",
    ["newsnlp.classifier"] = "lua/newsnlp/classifier.lua",
    ["newsnlp.tagger"] = "lua/newsnlp/tagger.lua",
    ["newsnlp.entities"] = "lua/newsnlp/entities.lua",
    ["newsnlp.values"] = "lua/newsnlp/values.lua",
    ["newsnlp.cli"] = "lua/newsnlp/cli.lua",
    ["newsnlp.cli.args"] = "lua/newsnlp/cli/args.lua",
    ["newsnlp.cli.input"] = "lua/newsnlp/cli/input.lua",
    ["newsnlp.cli.output"] = "lua/newsnlp/cli/output.lua",
    ["newsnlp.cli.json"] = "lua/newsnlp/cli/json.lua",
    ["newsnlp.cli.progress"] = "lua/newsnlp/cli/progress.lua",
    ["newsnlp.cli.commands"] = "lua/newsnlp/cli/commands.lua",
    ["newsnlp.cli.analyze"] = "lua/newsnlp/cli/analyze.lua",
    ["newsnlp.cli.learn"] = "lua/newsnlp/cli/learn.lua",
    ["newsnlp.cli.corpus"] = "lua/newsnlp/cli/corpus.lua",
    ["newsnlp.features"] = "lua/newsnlp/features.lua",
  },
  install = {
    bin = { newsnlp = "bin/newsnlp" },
  },
  copy_directories = { "types" },
}

test = {
  type = "busted",
}
