#!/bin/sh
# valgrind.sh: one scripted reader session under valgrind memcheck: open,
# page, follow a jump, go back, search, T (简⇄繁), bookmark, resize, help,
# quit.
# Passes only with 0 errors and 0 bytes definitely lost.
. "$top_srcdir/tests/screen/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 0
fi
if ldd "$HERALD" 2>/dev/null | grep -q 'libasan'; then
	echo "1..0 # SKIP an AddressSanitizer build cannot run under valgrind"
	exit 0
fi
# valgrind makes everything 20-50 times slower
WAIT_TENTHS=${HERALD_TEST_WAIT_VALGRIND:-900}
REAL=$HERALD
HERALD=$TMP/vg-herald
cat >"$HERALD" <<WRAPPER
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite --show-leak-kinds=definite \
    --log-file='$TMP/vg.log' '$REAL' "\$@"
WRAPPER
chmod +x "$HERALD"

start --ambiguous=narrow "$SAMPLE"
ok "under valgrind: the front page" wait_for "本期导读"
keys Enter
ok "an article opens" wait_for "c: 下转第2版"
keys Space Space b j
keys c
ok "c follows the jump to page 2" wait_for "02版 │ 1/"
keys BSpace
ok "back returns to page 1" wait_for "01版 │ 1/"
keys m a
keys /
type_text "地热"
keys Enter
ok "search finds a match" wait_for "地热"
if "$REAL" --version | grep -q "^OpenCC libopencc"; then
	# 简⇄繁: OpenCC's C++ runtime and dictionaries loaded, the issue
	# converted, swapped back, searched across forms
	keys T
	ok "T: the traditional text" wait_for "Script: traditional"
	keys /
	type_text "地熱"
	keys Enter
	keys T
	ok "T: the original again" wait_for "Script: original"
else
	skip "T under valgrind" "OpenCC is not installed"
fi
keys "'" a
ok "the bookmark brings page 1 back" wait_for "01版 │ 1/"
resize 40 12 >/dev/null
keys 2
ok "the contents at 40x12" wait_for "02版"
resize 80 24 >/dev/null
keys "?"
ok "help" wait_for "Show the front page"
keys Q
ok "Q: exit status 0 (valgrind found no error)" test "$(wait_exit)" = 0
ok "valgrind ran the reader (its log exists)" test -f "$TMP/vg.log"
ok "the valgrind log reports no error" sh -c '! grep -q "ERROR SUMMARY: [1-9]\|Invalid\|uninitialised" "$1"' - "$TMP/vg.log"
ok "... and nothing definitely lost" sh -c '! grep -q "definitely lost: [1-9]" "$1"' - "$TMP/vg.log"

done_testing
