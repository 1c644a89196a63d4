#!/bin/sh
# man.sh: the man pages render without warnings and document every option
# in --help and every action of the key table (src/keys.h).
. "$top_srcdir/tests/cli/lib.sh"
M1="$top_srcdir/man/herald-tui.1"
M5="$top_srcdir/man/herald-issue.5"

for m in "$M1" "$M5"; do
	n=$(basename "$m")
	ok "$n renders with groff -k -Tutf8 -ww and no warnings" sh -c 'out=$(groff -k -Tutf8 -man -ww -z "$1" 2>&1) && test -z "$out" || { echo "$out"; exit 1; }' - "$m"
	if command -v mandoc >/dev/null 2>&1; then
		ok "$n passes mandoc -Tlint" sh -c 'out=$(mandoc -Tlint -W warning "$1" 2>&1); test -z "$out" || { echo "$out"; exit 1; }' - "$m"
	else
		skip "$n passes mandoc -Tlint" "mandoc is not installed"
	fi
done

# Every long option that --help shows is in herald-tui.1.
"$HERALD" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/opts"
ok "--help shows options at all" test -s "$TMP/opts"
while read -r o; do
	ok "option $o is in herald-tui.1" sh -c 'sed "s/\\\\-/-/g" "$1" | grep -q -- "$2"' - "$M1" "$o"
done <"$TMP/opts"

# Every action of the key table is documented (by its [keys] name).
sed -n 's/.*X([A-Z_]*, "\([a-z-]*\)".*/\1/p' "$top_srcdir/src/keys.h" >"$TMP/actions"
ok "the key table has actions" test -s "$TMP/actions"
while read -r a; do
	ok "action $a is in herald-tui.1" sh -c 'sed "s/\\\\-/-/g" "$1" | grep -q -- "$2"' - "$M1" "$a"
done <"$TMP/actions"

# Every setting and every default key of the settings table is documented.
# data/config.ini.example is generated from that table (test-config.c
# checks), so it stands for it here. Compare against the rendered page.
mandoc -Tutf8 "$M1" 2>/dev/null | col -b >"$TMP/man1.txt" ||
	groff -k -Tutf8 -man "$M1" | col -b >"$TMP/man1.txt"
ok "the rendered man page is not empty" test -s "$TMP/man1.txt"
awk '/^\[/ { sec = $0 } /^;[a-z_-]+ = / && sec != "[keys]" { sub(/^;/, ""); print sec, $1 }' \
    "$top_srcdir/data/config.ini.example" >"$TMP/settings"
ok "the example config has settings" test -s "$TMP/settings"
while read -r sec key; do
	ok "setting $sec $key is in herald-tui.1" sh -c 'grep -qF -- "$2" "$1" && grep -qF -- "$3" "$1"' - "$TMP/man1.txt" "$sec" "$key"
done <"$TMP/settings"
awk '/^\[/ { sec = $0 } /^;[a-z_-]+ = / && sec == "[keys]" { sub(/^;/, ""); for (i = 3; i <= NF; i++) print $1, $i }' \
    "$top_srcdir/data/config.ini.example" >"$TMP/keys"
ok "the example config has key bindings" test -s "$TMP/keys"
while read -r action key; do
	ok "default key $key ($action) is in herald-tui.1" sh -c 'grep -qF -- "$2" "$1"' - "$TMP/man1.txt" "$key"
done <"$TMP/keys"

done_testing
