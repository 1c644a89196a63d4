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

done_testing
