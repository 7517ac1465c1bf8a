#!/bin/sh
# Extracts every translatable message of the sources into a .pot file: extract.sh ROOT OUT.pot
# Used by the registratura_pot target and by the translation test.
set -eu
root=$1
out=$2
cd "$root"
find db cli ui frontdesk kiosk printing drivers cash codes auth \( -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort |
  xgettext --language=C++ --from-code=UTF-8 --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
    --keyword=dngettext:2,3 --add-comments=TRANSLATORS: --package-name=registratura \
    --files-from=- -o "$out"
