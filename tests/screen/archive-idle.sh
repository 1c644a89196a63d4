#!/bin/sh
# archive-idle.sh: the archive is indexed while the reader waits for keys
# (issue 17): after S on a library of 200 issues with no index, the
# status line counts the issues left (the count goes down), a key is
# answered at once (the index goes on at the next pause, what was done
# kept), and at the end the status line says the archive is indexed and
# the query is answered. HERALD_INDEX_PAUSE slows the index (10 ms an
# issue) so that the count is seen going down however busy the machine
# (without it, a loaded machine's index outran the samples).
. "${top_srcdir:?}/tests/screen/lib.sh"
L=$TMP/lib200
python3 -c 'import sys, datetime; sys.path.insert(0, sys.argv[1]); import gen
gen.gen_library(gen.Gen(20251204), sys.argv[2], 200, datetime.date(2024, 1, 1))' \
    "$top_srcdir/tests/bench" "$L" || { echo "1..1"; echo "not ok 1 - gen.py failed"; exit 1; }
export XDG_CACHE_HOME="$TMP/cache"

# query: a fresh start with no index, S and a query
query() {
	rm -rf "$TMP/cache"
	start -e "XDG_CACHE_HOME=$TMP/cache" -e HERALD_INDEX_PAUSE=10 "$L"
	wait_for "front page" >/dev/null
	keys S
	wait_for "Archive: _" >/dev/null
	type_text "科技"
	keys Enter
}

query
# the counts the status line shows, read as fast as tmux answers, until
# the end is said
: >"$TMP/counts"
i=0
while [ $i -lt 400 ]; do
	scr=$(screen)
	printf '%s\n' "$scr" | sed -n 's/.*Indexing the archive: \([0-9]*\) of 200 issues left.*/\1/p' >>"$TMP/counts"
	case $scr in *"The archive is indexed"*) break ;; esac
	sleep 0.02
	i=$((i + 1))
done
ok "while indexing, the status line counts the issues left" test -s "$TMP/counts"
ok "... and the count goes down" sh -c '
	uniq "$1" >"$1.u"
	test "$(wc -l <"$1.u")" -ge 2 && sort -rn -c "$1.u" 2>/dev/null || {
		echo "counts:"; cat "$1.u"; exit 1; }' - "$TMP/counts"
ok "at the end: the archive is indexed, all 200 issues" \
    wait_for "The archive is indexed: 200 issues"
ok "... and the query is answered" wait_match "^20[0-9-]+ · [0-9]+版 · "

# A key while indexing is answered at once: the index goes on at the next
# pause and its results do not take the reader from where the key went.
query
wait_for "issues left" >/dev/null
keys 2
ok "a key while indexing is answered: the library's list shows" \
    wait_match "^ ●   2024-0[0-9]-[0-9]+ +new$"
wait_for "The archive is indexed: 200 issues" >/dev/null
settle
ok "... and stays, the index done" wait_match "^ ●   2024-0[0-9]-[0-9]+ +new$"
keys Q
wait_exit >/dev/null

done_testing
