#!/bin/sh
# wholepage.sh: v (issue 15) reads the whole page, article after article
# as printed (the rows are --dump -p N's), with the same line on top as
# before; the status line follows the article at the top and says
# "page"; c and the jump lines still lead on, and on the next page the
# whole page is read too; v again is one article, on the same line; v
# from the front page opens the first article in its page.
. "${top_srcdir:?}/tests/screen/lib.sh"

ROWS=22
"$HERALD" --dump --width 80 -p 2 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/page2"

start -p 2 -a 2 "$SAMPLE"
wait_for "02版 │ 2/3" >/dev/null
first=$(row 1)
keys v
ok "v: the whole page, said so" wait_for "The whole page 02版"
ok "... the same line on top" wait_line 1 "$(printf '%s' "$first" | sed 's/[[:space:]]*$//')"
ok "... the status line says page" wait_match "02版 │ 2/3 │ [0-9]+% │ page"
keys g
ok "g: the top of the page, as --dump -p 2 sets it" expect_top "$TMP/page2" 0
ok "... the status line names the article on top" wait_match "02版 │ 1/3 .*│ page"
keys G
ok "G: the end of the page, its last rows" \
    expect_top "$TMP/page2" $(($(wc -l <"$TMP/page2") - ROWS))
keys g
wait_match "02版 │ 1/3" >/dev/null
keys 0 2 ]
ok "2]: the article two on, in the page" wait_match "02版 │ 3/3 .*│ page"
keys '['
wait_match "02版 │ 2/3" >/dev/null
keys c
ok "c follows 下转第3版: page 3, read whole" wait_match "03版 │ 1/[0-9]+ .*│ page"
keys v
ok "v again: one article" wait_for "One article"
ok "... no longer the page" eventually sh -c \
    "! tmux -L '$SOCK' capture-pane -p -t t | grep -q '│ page'"
keys Q
wait_exit >/dev/null

rm -rf "$XDG_STATE_HOME"
start "$SAMPLE"
wait_for "本期导读" >/dev/null
keys v
ok "v on the front page: its first article, in the whole page" \
    wait_match "01版 │ 1/[0-9]+ .*│ page"
keys Q
wait_exit >/dev/null

# A page of thousands (a whole file without page headings) is laid out 64
# stories at a time about the one read, the window moved as the view
# reaches either end of it: it reads as the whole page does, line for
# line (--dump -p 1), down and up across the windows' seams, and v holds
# a window's stories, not the page's (24,000 stories read back and laid
# out held 120 MB).
page() {
	awk -v n="$1" 'BEGIN {
		printf "# 测试日报\n\nTEST DAILY\n\n"
		for (i = 1; i <= n; i++) {
			printf "## 第%d篇报道\n\n这是第%d篇报道的正文，", i, i
			printf "说的是第%d件事。\n\n", i
			if (i % 3 == 0)
				printf "图为第%d篇报道说的码头。\n\n", i
		}
	}'
}
page 300 >"$TMP/many.md"
"$HERALD" --dump --width 80 -p 1 "$TMP/many.md" | sed 's/[[:space:]]*$//' \
    >"$TMP/manypage"
lines=$(wc -l <"$TMP/manypage")
rm -rf "$XDG_STATE_HOME"
start -e HERALD_STREAM=16384 -p 1 -a 1 "$TMP/many.md"
wait_for "300 articles" >/dev/null
keys v
wait_for "The whole page 01版" >/dev/null
keys g
ok "a page of 300 stories, v: g its top, as --dump -p 1 sets it" \
    expect_top "$TMP/manypage" 0
n=0 seams=""
while [ $((n * (ROWS - 1) + ROWS)) -lt "$lines" ]; do
	n=$((n + 1))
	top=$((n * (ROWS - 1)))
	[ "$top" -gt $((lines - ROWS)) ] && top=$((lines - ROWS))
	keys PageDown
	expect_top "$TMP/manypage" "$top" >"$TMP/seam" ||
	    { seams=" $n"; cat "$TMP/seam"; break; }
done
ok "... PgDn $n times down to its end: each screen the page's next" \
    sh -c "[ -z '$seams' ] || { echo 'screen$seams differs'; exit 1; }"
ok "... the status line: 100%" wait_match "01版 │ [0-9]+/300 │ 100% │ page"
keys G
ok "G: the end of the page" expect_top "$TMP/manypage" $((lines - ROWS))
top=$((lines - ROWS)) seams=""
while [ "$top" -gt 0 ]; do
	top=$((top - (ROWS - 1)))
	[ "$top" -lt 0 ] && top=0
	keys PageUp
	expect_top "$TMP/manypage" "$top" >"$TMP/seam" ||
	    { seams=" $top"; cat "$TMP/seam"; break; }
done
ok "... PgUp back to its top: each screen the page's one before" \
    sh -c "[ -z '$seams' ] || { echo 'top$seams differs'; exit 1; }"
keys 5 0 %
ok "50%: its 150th story on top" wait_match "^ *第150篇报道"
keys j j j j k k
ok "... j and k move a line" wait_match "01版 │ 150/300"
keys Q
wait_exit >/dev/null

# v on a page of 24,000 stories: the memory it takes besides what the
# reader held, a window's stories (RssAnon; all of them read back before).
page 24000 >"$TMP/huge.md"
start -e HERALD_STREAM=16384 "$TMP/huge.md"
wait_for "24000 articles" >/dev/null
keys Enter
wait_for "01版 │ 1/24000" >/dev/null
before=$(reader_anon)
keys v
wait_for "The whole page 01版" >/dev/null
keys G
wait_match "01版 │ 24000/24000 │ 100% │ page" >/dev/null
after=$(reader_anon)
ok "v and G on a page of 24,000 stories: at most 2 MB more held" sh -c '
	echo "RssAnon before v: $1 KB, after v and G: $2 KB"
	[ $(($2 - $1)) -le 2048 ]' sh "$before" "$after"
keys Q
wait_exit >/dev/null

done_testing
