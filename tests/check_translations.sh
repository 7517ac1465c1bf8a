#!/bin/sh
# Fails when a message in the sources has no Russian translation, a translation is fuzzy, or
# po/ru.po keeps messages the sources no longer use: check_translations.sh ROOT SCRATCH_DIR
set -eu
root=$1
po=$root/po/ru.po
pot=$2/registratura.pot
sh "$root/po/extract.sh" "$root" "$pot"
status=0
# Every message of the sources is in the catalogue.
msgcmp "$po" "$pot" || status=1
# None of them untranslated or fuzzy ("N translated messages, M fuzzy, K untranslated.").
stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
echo "po/ru.po: $stats"
case "$stats" in *fuzzy*|*untranslated*) status=1 ;; esac
# Nothing stale: merging with the sources' messages leaves no obsolete entry.
stale=$(msgmerge --quiet "$po" "$pot" | msgattrib --only-obsolete | grep -c '^#~ msgid' || true)
[ "$stale" -eq 0 ] || { echo "po/ru.po: $stale messages the sources no longer use (msgmerge --update)"; status=1; }
exit $status
