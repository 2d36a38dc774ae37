# newsnlp: a C core (csrc/), its Lua binding (csrc/lua/) and the Lua API (lua/).
#
#   make                      build/5.4/newsnlp/core.so
#   make LUA_VERSION=5.1      build/5.1/newsnlp/core.so (also for LuaJIT and Neovim)
#   make demo                 analyze the sample article
#   make test                 every test: C tests, specs on 5.4/5.3/5.1/LuaJIT, Neovim,
#                             the sanitizer suite, a short fuzz run, the LuaRocks install
#   make check                the quick loop: C tests and the 5.4 specs
#   make bench                benchmarks (uses ../shared/bench corpora when present)
#   make docs                 the reference (build/docs) and the LuaLS types (types/newsnlp.lua)
#   make sanitize | fuzz | tables | rock | clean

LUA_VERSION ?= 5.4
LUA ?= lua$(LUA_VERSION)
LUA_INCDIR ?= /usr/include/lua$(LUA_VERSION)
BUILD := build/$(LUA_VERSION)
MODULE := $(BUILD)/newsnlp/core.so

CC ?= cc
OPT ?= -O2
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wpointer-arith \
        -Wcast-qual -Wformat=2 -Wundef
# CI passes WERROR=1: warnings are a style gate there.
ifeq ($(WERROR),1)
WARN += -Werror
endif
CFLAGS ?= $(OPT) -g
ALL_CFLAGS = -std=c99 -fPIC $(WARN) $(CFLAGS) $(EXTRA_CFLAGS)
DEPS_CFLAGS := $(shell pkg-config --cflags libutf8proc 2>/dev/null)
DEPS_LIBS := $(shell pkg-config --libs libutf8proc 2>/dev/null || echo -lutf8proc) -lstemmer -lm

# data/lexicon/ has its own generators (tools/gen_lexicon.*), not the word-list one.
WORDLISTS := $(sort $(filter-out data/lexicon/%,$(wildcard data/*/*.txt)))
SENTENCE_DATA := $(sort $(wildcard data/abbreviations/*.txt data/sentence_starters/*.txt \
                 data/calendar/*.txt data/boilerplate/*.txt))
ABBREVIATIONS := $(sort $(wildcard data/abbreviations/*.txt))
LEXICON_DATA := $(sort $(wildcard data/lexicon/*.txt))
# The entity data has its own generator (tools/gen_entity_data.lua).
ENTITY_DATA := $(sort $(wildcard data/gazetteers/*.txt data/entity_*/*.txt)) data/lexicon/en.txt
# ... and so have the words and symbols of newsnlp.values (tools/gen_value_data.lua).
VALUE_DATA := $(sort $(wildcard data/value_words/*.txt data/currencies/*.txt)) data/lexicon/en.txt
WORDLISTS := $(filter-out $(ENTITY_DATA) $(VALUE_DATA),$(WORDLISTS))
CORE_SRC := $(sort $(wildcard csrc/*.c) csrc/wordlists.c csrc/sentence_data.c csrc/abbrev_filter.c \
              csrc/lexicon_data.c csrc/entity_data.c csrc/value_data.c)
BIND_SRC := $(sort $(wildcard csrc/lua/*.c))
CORE_HDR := $(wildcard csrc/*.h)
BIND_HDR := $(wildcard csrc/lua/*.h)

CORE_OBJ := $(CORE_SRC:csrc/%.c=$(BUILD)/obj/%.o)
BIND_OBJ := $(BIND_SRC:csrc/lua/%.c=$(BUILD)/obj/lua/%.o)

# The Lua-free core as a static library, for C tests, fuzzing and benchmarks.
CORE_LIB := build/core/libnewsnlp.a
CORE_LIB_OBJ := $(CORE_SRC:csrc/%.c=build/core/obj/%.o)

CTEST_SRC := $(sort $(wildcard spec/c/test_*.c))
CTEST_BIN := $(CTEST_SRC:spec/c/%.c=build/core/%)

BUSTED ?= busted
SPEC_ENV = LUA_PATH='lua/?.lua;lua/?/init.lua;;'

.PHONY: all module core demo test check ctest spec spec-all nvim-check sanitize fuzz \
        fuzz-short tables bench rock clean bootstrap pandoc-check parallel-check docs meta

all: module

module: $(MODULE)

$(MODULE): $(CORE_OBJ) $(BIND_OBJ)
	@mkdir -p $(dir $@)
	$(CC) -shared -o $@ $^ $(LDFLAGS) $(DEPS_LIBS)

$(BUILD)/obj/lua/%.o: csrc/lua/%.c $(BIND_HDR) $(CORE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -I$(LUA_INCDIR) $(DEPS_CFLAGS) -c -o $@ $<

$(BUILD)/obj/%.o: csrc/%.c $(CORE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPS_CFLAGS) -c -o $@ $<

core: $(CORE_LIB)

$(CORE_LIB): $(CORE_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/core/obj/%.o: csrc/%.c $(CORE_HDR)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(DEPS_CFLAGS) -c -o $@ $<

build/core/test_%: spec/c/test_%.c spec/c/ctest.h $(CORE_LIB)
	$(CC) $(ALL_CFLAGS) -Icsrc $(DEPS_CFLAGS) -o $@ $< $(CORE_LIB) $(DEPS_LIBS)

bootstrap:
	@tools/bootstrap.sh build

# ---- tests -------------------------------------------------------------------------------

ctest: $(CTEST_BIN)
	@for t in $(CTEST_BIN); do echo "== $$t"; $$t || exit 1; done

# The specs against one Lua version: make spec LUA_VERSION=5.3
spec: module meta
	$(SPEC_ENV) $(BUSTED) --lua=$(LUA) --cpath='$(BUILD)/?.so' spec

spec-all:
	$(MAKE) spec LUA_VERSION=5.4
	$(MAKE) spec LUA_VERSION=5.3
	$(MAKE) spec LUA_VERSION=5.1
	$(MAKE) module LUA_VERSION=5.1
	$(SPEC_ENV) $(BUSTED) --lua=luajit --cpath='build/5.1/?.so' spec

# The 5.1 build loads in Neovim's LuaJIT.
nvim-check:
	$(MAKE) module LUA_VERSION=5.1
	tools/nvim-check.sh build/5.1

# The pandoc filter, in pandoc's own Lua 5.3.
pandoc-check:
	$(MAKE) module LUA_VERSION=5.3
	tools/pandoc-check.sh

# Corpus shards built with GNU parallel and merged equal the single build.
parallel-check: module
	tools/parallel-check.sh

check: ctest
	$(MAKE) spec

test:
	@tools/bootstrap.sh test
	$(MAKE) ctest
	$(MAKE) spec-all
	$(MAKE) nvim-check
	$(MAKE) pandoc-check
	$(MAKE) parallel-check
	$(MAKE) sanitize
	$(MAKE) fuzz-short
	$(MAKE) rock

# AddressSanitizer + UBSan build of the module, preloaded into a plain lua5.4.
ASAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
sanitize:
	$(MAKE) module BUILD=build/asan CFLAGS='$(ASAN_FLAGS)' LDFLAGS='-fsanitize=address,undefined'
	ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
	LD_PRELOAD="$$($(CC) -print-file-name=libasan.so) $$($(CC) -print-file-name=libubsan.so)" \
	$(SPEC_ENV) $(BUSTED) --lua=lua5.4 --cpath='build/asan/?.so' spec

# libFuzzer harnesses, one per core entry point: fuzz/fuzz_<name>.c
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
build/fuzz/%: fuzz/%.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -Icsrc $(DEPS_CFLAGS) \
	  -o $@ $< $(CORE_SRC) $(DEPS_LIBS)

fuzz: $(FUZZ_BIN)
	@for f in $(FUZZ_BIN); do echo "== $$f ($(FUZZ_SECONDS) s)"; \
	  mkdir -p build/fuzz/corpus/$$(basename $$f); \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=4096 build/fuzz/corpus/$$(basename $$f) fuzz/seeds \
	    2>build/fuzz/$$(basename $$f).log || { tail -40 build/fuzz/$$(basename $$f).log; exit 1; }; \
	done

# The short run that `make test` and CI do: about 50 s in all, shared by the harnesses.
fuzz-short: $(FUZZ_BIN)
	@n=$(words $(FUZZ_BIN)); [ $$n -gt 0 ] || exit 0; \
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=$$(( 50 / $$n > 3 ? 50 / $$n : 3 ))

# ---- generated tables, benchmarks, packaging ---------------------------------------------

# Generated C tables: Unicode properties and normalization facts (from
# /usr/share/unicode, Debian's unicode-data), HTML entities (Debian's
# w3c-sgml-lib) and the word lists of data/ (rebuilt whenever a list changes).
# The English lexicon data/lexicon/en.txt comes from WordNet and SCOWL
# (Debian wordnet-base, scowl) through tools/gen_lexicon.py.
tables:
	@tools/bootstrap.sh tables
	lua5.4 tools/gen_unicode_tables.lua /usr/share/unicode csrc
	lua5.4 tools/gen_normalize_tables.lua /usr/share/unicode csrc
	lua5.4 tools/gen_html_entities.lua /usr/share/xml/w3c-sgml-lib/schema/dtd csrc
	python3 tools/gen_lexicon.py /usr/share/wordnet /usr/share/dict/scowl data/lexicon
	lua5.4 tools/gen_lexicon_tables.lua csrc/lexicon_data.c data/lexicon
	lua5.4 tools/gen_wordlists.lua csrc/wordlists.c $(WORDLISTS)
	lua5.4 tools/gen_sentence_data.lua csrc/sentence_data.c $(SENTENCE_DATA)
	lua5.4 tools/gen_abbrev_filter.lua csrc/abbrev_filter.c $(ABBREVIATIONS)
	lua5.4 tools/gen_gazetteers.lua /usr/share/iso-codes/json /usr/share/wordnet data/gazetteers
	lua5.4 tools/gen_entity_data.lua csrc/entity_data.c data
	lua5.4 tools/gen_value_data.lua csrc/value_data.c data

csrc/lexicon_data.c: $(LEXICON_DATA) tools/gen_lexicon_tables.lua
	lua5.4 tools/gen_lexicon_tables.lua $@ data/lexicon

csrc/wordlists.c: $(WORDLISTS) tools/gen_wordlists.lua
	lua5.4 tools/gen_wordlists.lua $@ $(WORDLISTS)

csrc/sentence_data.c: $(SENTENCE_DATA) tools/gen_sentence_data.lua
	lua5.4 tools/gen_sentence_data.lua $@ $(SENTENCE_DATA)

csrc/abbrev_filter.c: $(ABBREVIATIONS) tools/gen_abbrev_filter.lua
	lua5.4 tools/gen_abbrev_filter.lua $@ $(ABBREVIATIONS)

# The reference (LDoc, into build/docs) and the LuaLS type file types/newsnlp.lua,
# both from the LDoc comments of lua/newsnlp/.
docs: meta
	@tools/bootstrap.sh docs
	rm -rf build/docs
	ldoc .

meta: types/newsnlp.lua

types/newsnlp.lua: tools/gen_meta.lua $(wildcard lua/newsnlp/*.lua)
	@mkdir -p types
	lua5.4 tools/gen_meta.lua lua/newsnlp/init.lua > $@.tmp && mv $@.tmp $@

# `make tables` also regenerates the gazetteers and currency codes that come
# from Debian's iso-codes and wordnet-base (data/gazetteers/iso3166.txt,
# wordnet.txt, data/currencies/iso4217.txt), then compiles the entity and
# value data.
csrc/entity_data.c: $(ENTITY_DATA) tools/gen_entity_data.lua
	lua5.4 tools/gen_entity_data.lua $@ data

csrc/value_data.c: $(VALUE_DATA) tools/gen_value_data.lua
	lua5.4 tools/gen_value_data.lua $@ data

bench:
	@tools/bootstrap.sh bench
	$(MAKE) module
	$(MAKE) -C bench

# Installs the rock into a scratch tree for 5.4 and 5.1, offline, and smoke-tests it.
rock:
	tools/rock-check.sh 5.4
	tools/rock-check.sh 5.1

demo:
	@tools/bootstrap.sh demo
	@$(MAKE) --no-print-directory module >/dev/null
	@$(SPEC_ENV) LUA_CPATH='$(BUILD)/?.so;;' $(LUA) bin/newsnlp analyze examples/article.txt

clean:
	rm -rf build
