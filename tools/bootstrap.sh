#!/bin/sh
# Installs the Debian packages newsnlp needs for a purpose, when missing.
#
#   tools/bootstrap.sh build|demo|test|bench|eval|tables|docs ...
#
# As root it runs `apt-get update` and `apt-get install -y` for what is
# missing; otherwise it prints the exact command to run and fails.  With
# nothing missing it prints nothing and succeeds.  `make demo`, `make test`
# and `make bench` call it, so a fresh Debian 12 machine needs nothing else.
set -eu

packages_for() {
  case $1 in
    build) echo "gcc make libc6-dev pkg-config lua5.4 liblua5.4-dev libutf8proc-dev libstemmer-dev" ;;
    demo)  packages_for build ;;
    test)  packages_for build
           echo "lua-busted unicode-data bzip2 lua5.3 liblua5.3-dev lua5.1 liblua5.1-0-dev luajit"
           echo "neovim pandoc parallel luarocks clang libclang-rt-14-dev lua-dkjson lua-cjson lua-filesystem lua-ldoc" ;;
    bench) packages_for build; echo "libicu-dev" ;;
    tables) packages_for build; echo "unicode-data w3c-sgml-lib python3 wordnet-base scowl" ;;
    tables) packages_for build; echo "unicode-data w3c-sgml-lib python3 wordnet-base scowl iso-codes" ;;
    eval)  packages_for build; echo "lua-dkjson python3 python3-nltk" ;;
    docs)  packages_for build; echo "lua-ldoc" ;;
    *) echo "bootstrap: unknown purpose '$1' (build, demo, test, bench, eval, tables, docs)" >&2; exit 2 ;;
  esac
}

[ $# -gt 0 ] || set -- build
wanted=
for purpose in "$@"; do wanted="$wanted $(packages_for "$purpose")"; done

missing=
for pkg in $wanted; do
  case " $missing " in *" $pkg "*) continue ;; esac
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $pkg"
  fi
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" = 0 ]; then
  echo "bootstrap: installing$missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >&2
else
  echo "bootstrap: missing Debian packages:$missing" >&2
  echo "bootstrap: run: sudo apt-get update && sudo apt-get install -y$missing" >&2
  exit 1
fi
