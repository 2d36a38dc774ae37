#!/usr/bin/env python3
"""Generates the English lexicon data/lexicon/en.txt and its data/lexicon/LICENSE.

    python3 tools/gen_lexicon.py [WORDNET_DIR [SCOWL_DIR [OUT_DIR]]]

Defaults: /usr/share/wordnet (Debian wordnet-base, WordNet 3.0),
/usr/share/dict/scowl (Debian scowl) and data/lexicon.  Stems come from the
Snowball "english" stemmer of libstemmer (Debian libstemmer0d), the library the
C core links, called through ctypes.

Which forms: every word of SCOWL's english, american and british lists
(words, upper, proper-names, abbreviations) up to size 50, folded to lower case, that is a
single token (letters, with inner hyphens) and has a WordNet reading.

Line format (tab-separated, sorted bytewise by form):

    form noun verb adj adv vform lemma stem level case lexname

noun..adv   1 + the SemCor tag count of the form's WordNet base forms in that
            part of speech (cntlist.rev); 0 means no reading in it
vform       which verb form the word is: "-" (base, or no verb reading), "s",
            "ed" (also irregular past forms), "ing"
lemma       the WordNet base form of the strongest reading
stem        the Snowball english stem of the form
level       the smallest SCOWL size list that has the word (10 = most common)
case        how SCOWL writes it: "l" lower case, "C" capitalized only (a
            name: "Paris"), "A" all capitals only ("NATO")
lexname     the lexicographer file of the most frequent noun sense of the noun
            base form (noun.person, noun.location, ...), or "-"

The output depends only on the input files, so a rerun is byte-identical.
"""
import ctypes
import ctypes.util
import gzip
import os
import re
import subprocess
import sys

WORDNET = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
SCOWL = sys.argv[2] if len(sys.argv) > 2 else "/usr/share/dict/scowl"
OUT_DIR = sys.argv[3] if len(sys.argv) > 3 else "data/lexicon"
SCOWL_README = "/usr/share/doc/scowl/README.gz"

MAX_LEVEL = 50
SPELLINGS = ("english", "american", "british")
SUBCATEGORIES = ("words", "upper", "proper-names", "abbreviations")
POS_FILES = (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv"))

# WordNet's lexicographer files by number, as listed in lexnames(5WN).
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
    "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
    "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
    "noun.substance noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl").split()

# Morphy's detachment rules (WordNet morph(7WN)): suffix, replacement.
DETACH = {
    "n": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"),
          ("men", "man"), ("ies", "y")),
    "v": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""),
          ("ing", "e"), ("ing", "")),
    "a": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "r": (),
}

FORM_RE = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n")


def load_wordnet():
    """Lemmas per POS with their noun sense offsets, SemCor counts, exceptions, lexnames."""
    lemmas = {p: {} for p, _ in POS_FILES}
    for p, name in POS_FILES:
        for line in read_lines(os.path.join(WORDNET, "index." + name)):
            if line.startswith(" "):
                continue  # the licence header
            fields = line.split()
            lemma, synset_cnt, ptr_cnt = fields[0], int(fields[2]), int(fields[3])
            offsets = fields[4 + ptr_cnt + 2:]
            assert len(offsets) == synset_cnt, line
            lemmas[p][lemma] = offsets
    counts = {}
    ss_pos = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    for line in read_lines(os.path.join(WORDNET, "cntlist.rev")):
        key, _, count = line.split()
        lemma, rest = key.split("%", 1)
        k = (lemma.lower(), ss_pos[rest[0]])
        counts[k] = counts.get(k, 0) + int(count)
    exceptions = {p: {} for p, _ in POS_FILES}
    for p, name in POS_FILES:
        for line in read_lines(os.path.join(WORDNET, name + ".exc")):
            parts = line.split()
            exceptions[p].setdefault(parts[0], []).extend(parts[1:])
    noun_lexfile = {}
    for line in read_lines(os.path.join(WORDNET, "data.noun")):
        if line.startswith(" "):
            continue
        offset, lexfile = line.split(" ", 2)[:2]
        noun_lexfile[offset] = LEXNAMES[int(lexfile)]
    return lemmas, counts, exceptions, noun_lexfile


def check_lexnames():
    """Cross-checks LEXNAMES against the lexnames(5WN) page when it is installed."""
    page = "/usr/share/man/man5/lexnames.5WN.gz"
    if not os.path.exists(page):
        return
    with gzip.open(page, "rt", encoding="utf-8", errors="replace") as f:
        for line in f:
            m = re.match(r"^(\d\d)\t(\S+)", line)
            if m:
                assert LEXNAMES[int(m.group(1))] == m.group(2), line


def base_forms(word, p, lemmas, exceptions):
    """WordNet base forms of word in POS p (one morphy step), in a fixed order."""
    found = []
    for b in exceptions[p].get(word, ()):
        if b in lemmas[p]:
            found.append(b)
    if word in lemmas[p]:
        found.append(word)
    for suffix, repl in DETACH[p]:
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            b = word[:len(word) - len(suffix)] + repl
            if b in lemmas[p]:
                found.append(b)
    if p == "v":
        # doubled final consonant: "stopped" -> "stop", "running" -> "run"
        for suffix in ("ed", "ing"):
            if word.endswith(suffix):
                b = word[:-len(suffix)]
                if len(b) > 2 and b[-1] == b[-2] and b[:-1] in lemmas[p]:
                    found.append(b[:-1])
    unique = []
    for b in found:
        if b not in unique:
            unique.append(b)
    return unique


def load_scowl():
    """Lower-case form -> (smallest level, case class)."""
    pattern = re.compile(r"^(%s)-(%s)\.(\d+)$" % ("|".join(SPELLINGS), "|".join(SUBCATEGORIES)))
    forms = {}
    for name in sorted(os.listdir(SCOWL)):
        m = pattern.match(name)
        if not m or int(m.group(3)) > MAX_LEVEL:
            continue
        level = int(m.group(3))
        with open(os.path.join(SCOWL, name), encoding="utf-8") as f:
            for word in f:
                word = word.strip()
                if not FORM_RE.match(word):
                    continue
                low = word.lower()
                if word == low:
                    case = "l"
                elif word.isupper() and len(word) > 1:
                    case = "A"
                else:
                    case = "C"
                word_level = level
                old = forms.get(low)
                if old:
                    word_level = min(word_level, old[0])
                    # lower case wins over capitalized, capitalized over all capitals
                    case = min(case, old[1], key="lCA".index)
                forms[low] = (word_level, case)
    return forms


class Snowball:
    """The english stemmer of libstemmer, through ctypes."""

    def __init__(self):
        path = ctypes.util.find_library("stemmer") or "libstemmer.so.0d"
        lib = ctypes.CDLL(path)
        lib.sb_stemmer_new.restype = ctypes.c_void_p
        lib.sb_stemmer_new.argtypes = (ctypes.c_char_p, ctypes.c_char_p)
        lib.sb_stemmer_stem.restype = ctypes.POINTER(ctypes.c_ubyte)
        lib.sb_stemmer_stem.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
        lib.sb_stemmer_length.restype = ctypes.c_int
        lib.sb_stemmer_length.argtypes = (ctypes.c_void_p,)
        self.lib = lib
        self.stemmer = lib.sb_stemmer_new(b"english", b"UTF_8")
        assert self.stemmer, "libstemmer has no english stemmer"

    def stem(self, word):
        data = word.encode("utf-8")
        out = self.lib.sb_stemmer_stem(self.stemmer, data, len(data))
        n = self.lib.sb_stemmer_length(self.stemmer)
        return bytes(out[:n]).decode("utf-8")


def package_version(name):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], check=True,
                              capture_output=True, text=True).stdout.strip() or "unknown"
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def wordnet_licence():
    """The licence text at the head of WordNet's index.noun, without its line numbers."""
    lines = []
    for line in read_lines(os.path.join(WORDNET, "index.noun")):
        if not line.startswith("  "):
            break
        lines.append(re.sub(r"^  \d+ ?", "", line).rstrip())
    return "\n".join(lines).strip() + "\n"


def scowl_notice():
    """SCOWL's "COPYRIGHT, SOURCES, and CREDITS" section, verbatim from its README."""
    with gzip.open(SCOWL_README, "rt", encoding="utf-8") as f:
        text = f.read()
    start = text.index("COPYRIGHT, SOURCES, and CREDITS:")
    end = text.index("FUTURE PLANS:", start)
    version = re.search(r"^Version (\S+)", text, re.M).group(1)
    return version, text[start:end].rstrip() + "\n"


def entry(form, level, case, wn, stemmer):
    lemmas, counts, exceptions, noun_lexfile = wn
    weights, best = {}, {}
    for p, _ in POS_FILES:
        bases = base_forms(form, p, lemmas, exceptions)
        if bases:
            weights[p] = min(65535, 1 + sum(counts.get((b, p), 0) for b in bases))
            best[p] = max(bases, key=lambda b: counts.get((b, p), 0))
    if not weights:
        return None
    vform = "-"
    if "v" in best and best["v"] != form:
        if form.endswith("ing"):
            vform = "ing"
        elif form.endswith("s") and not form.endswith("ss"):
            vform = "s"
        else:
            vform = "ed"
    strongest = max((p for p, _ in POS_FILES if p in weights), key=lambda p: weights[p])
    lexname = "-"
    if "n" in best:
        lexname = noun_lexfile[lemmas["n"][best["n"]][0]]
    return "\t".join([form] + [str(weights.get(p, 0)) for p, _ in POS_FILES] +
                     [vform, best[strongest], stemmer.stem(form), str(level), case, lexname])


def main():
    check_lexnames()
    wn = load_wordnet()
    forms = load_scowl()
    stemmer = Snowball()
    rows = []
    for form in forms:
        line = entry(form, forms[form][0], forms[form][1], wn, stemmer)
        if line:
            rows.append(line)
    rows.sort(key=lambda r: r.split("\t", 1)[0].encode("utf-8"))
    scowl_version, notice = scowl_notice()
    versions = {
        "wordnet": package_version("wordnet-base"),
        "scowl": package_version("scowl"),
        "stemmer": package_version("libstemmer0d"),
    }
    os.makedirs(OUT_DIR, exist_ok=True)
    with open(os.path.join(OUT_DIR, "en.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(
            "# English lexicon: parts of speech, base forms, stems, word frequency levels and\n"
            "# WordNet noun categories.  Generated by tools/gen_lexicon.py (`make tables`);\n"
            "# do not edit.  %d forms.\n"
            "#\n"
            "# Sources (their licences are reproduced in full in data/lexicon/LICENSE):\n"
            "#   WordNet 3.0, Princeton University (Debian wordnet-base %s): index.*, *.exc,\n"
            "#     data.noun, cntlist.rev.  WordNet 3.0 licence.\n"
            "#     WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.\n"
            "#   SCOWL %s, Kevin Atkinson (Debian scowl %s): %s-{%s}\n"
            "#     up to size %d.  SCOWL copyright notice (permissive).\n"
            "#   Stems: Snowball english stemmer (Debian libstemmer0d %s, BSD licence).\n"
            "#\n"
            "# form\tnoun\tverb\tadj\tadv\tvform\tlemma\tstem\tlevel\tcase\tlexname\n"
            % (len(rows), versions["wordnet"], scowl_version, versions["scowl"],
               "{" + ",".join(SPELLINGS) + "}", ",".join(SUBCATEGORIES), MAX_LEVEL,
               versions["stemmer"]))
        for r in rows:
            f.write(r + "\n")
    rule = "=" * 72 + "\n"
    with open(os.path.join(OUT_DIR, "LICENSE"), "w", encoding="utf-8", newline="\n") as f:
        f.write("data/lexicon/en.txt is generated by tools/gen_lexicon.py from WordNet 3.0 and SCOWL.\n")
        f.write("Their licences and notices follow, reproduced in full.\n\n")
        f.write(rule + "WordNet 3.0 (from the head of its database files)\n" + rule + "\n")
        f.write(wordnet_licence() + "\n")
        f.write(rule + "SCOWL %s (the \"COPYRIGHT, SOURCES, and CREDITS\" section of its README)\n"
                % scowl_version + rule + "\n")
        f.write(notice)
    print("%d forms -> %s" % (len(rows), os.path.join(OUT_DIR, "en.txt")), file=sys.stderr)


if __name__ == "__main__":
    main()
