#!/bin/sh
# panes.sh: 1/2/3, Tab and Shift-Tab switch panes; the contents lists every
# article (as --list does) and the contents-box entries; ? shows the help
# with every action's help text from the key table.
. "${top_srcdir:?}/tests/screen/lib.sh"

list=$("$HERALD" --list "$SAMPLE")

start "$SAMPLE"
wait_for "本期导读" >/dev/null
keys 2
ok "2 shows the contents" wait_for "contents │"
keys 1
ok "1 shows the front page" wait_for "front page │"
keys 3
ok "3 without an article says so" wait_for "No article open yet"
keys Tab
ok "Tab goes from the front page to the contents" wait_for "contents │"
keys Tab
ok "Tab skips the article when none is open" wait_for "front page │"
keys BTab
ok "Shift-Tab goes back" wait_for "contents │"

# Every article of --list, in the contents (scrolled through).
seen=$TMP/seen
: >"$seen"
keys g
wait_for "01版" >/dev/null
i=0
while [ $i -lt 10 ]; do
	screen >>"$seen"
	keys PageDown
	settle
	i=$((i + 1))
done
all_articles() {
	printf '%s\n' "$list" | sed -n 's/^  [0-9]*-[0-9]* \(.*\)$/\1/p' |
	    sed 's/  ([上下][接转]第[0-9]*版)//g' | while IFS= read -r h; do
		grep -qF -- "$h" "$seen" || { echo "missing: $h"; exit 1; }
	done
}
ok "the contents lists every article of --list" all_articles
all_pages() {
	printf '%s\n' "$list" | sed -n 's/^\([0-9][0-9]版\).*/\1/p' | while read -r p; do
		grep -q "^$p" "$seen" || { echo "missing page: $p"; exit 1; }
	done
}
ok "the contents lists every page as NN版" all_pages
ok "a contents-box entry whose page is absent is marked" grep -qF "07版 · not in this issue" "$seen"
ok "contents-box entries carry their page numbers" grep -q "在海拔4,200米守望宇宙线 *03版" "$seen"

# Open an article from the contents, then Tab cycles through it.
keys g
wait_for "01版" >/dev/null
keys j Enter
ok "Enter in the contents opens the article" wait_for "01版 │ 1/3"
keys Tab
ok "Tab goes from the article to the front page" wait_for "front page │"
keys 3
ok "3 returns to the open article" wait_for "01版 │ 1/3"

keys '?'
ok "? shows the help" wait_for "herald-tui: keys"
sed -n 's/^[[:space:]]*X([A-Z_]*, "[^"]*", "\(.*\)")[[:space:]\\]*$/\1/p' \
    "$top_srcdir/src/keys.h" >"$TMP/helps"
ok "the key table has its help texts" test "$(wc -l <"$TMP/helps")" -ge 20
: >"$TMP/helpscreen"
i=0
while [ $i -lt 6 ]; do
	screen >>"$TMP/helpscreen"
	keys PageDown
	settle
	i=$((i + 1))
done
every_help() {
	while IFS= read -r h; do
		grep -qF -- "$h" "$TMP/helpscreen" || { echo "missing: $h"; return 1; }
	done <"$TMP/helps"
}
ok "the help shows every action's help text" every_help
ok "the help names the keys (j for down)" grep -q "^ j .*Line down" "$TMP/helpscreen"
keys q
ok "q leaves the help" wait_for "01版 │ 1/3"

done_testing
