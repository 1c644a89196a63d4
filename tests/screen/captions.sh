#!/bin/sh
# captions.sh: the captions and credits of a page of thousands of stories,
# as the front page shows them at its foot (or beside the stories on a
# wide pane): every one, in the order they stand, each laid out when its
# rows are shown (the rows made, pane_list_add_span), not held: a reader
# showing the front page of a page of 6,000 captioned stories holds at
# most 50 bytes a caption more than one of the same stories without
# (598 when their lines and rows were held; 230 when a story let go kept
# its caption as a block; about 50 once its text was left in the file, a
# mark of 20 bytes: shelf.h). Measured as the anonymous memory it holds
# (panes_held: the peak less the libraries' pages moved it between 39
# and 114 from run to run): 43-46 now, for 7,500 captions and credits a
# mark of 20 bytes and a front page piece of 16 each (54-56 with pieces
# of 24).
. "${top_srcdir:?}/tests/screen/lib.sh"

# page N CAPTIONED: N stories, each with a photo caption when CAPTIONED
# is 1, every fourth caption with its credit on the line under it.
page() {
	awk -v n="$1" -v cap="$2" 'BEGIN {
		printf "# 测试日报\n\nTEST DAILY\n\n"
		for (i = 1; i <= n; i++) {
			printf "## 第%d篇报道\n\n这是第%d篇报道的正文。\n\n", i, i
			if (!cap)
				continue
			printf "图为第%d篇报道的现场，工人们正在紧张地施工。\n\n", i
			if (i % 4 == 0)
				printf "（第%d位记者/摄）\n\n", i
		}
	}'
}
page 6000 1 >"$TMP/cap.md"
page 6000 0 >"$TMP/bare.md"

# cap_order: the screen's caption numbers, one a line, are each the one
# before plus 1, and more than two (nothing skipped, nothing twice, at
# the seams between one caption's rows and the next's).
cap_order() {
	screen | sed -n 's/.*图为第\([0-9]*\)篇报道.*/\1/p' >"$TMP/order"
	awk 'NR > 1 && $1 != last + 1 { bad = 1 } { last = $1 }
	    END { exit bad || NR < 3 }' "$TMP/order" || {
		screen; return 1; }
}

start -e HERALD_STREAM=16384 "$TMP/cap.md"
ok "a page of 6,000 captioned stories: every one read" \
    wait_for "6000 articles"
# The last selectable row is the last story; the captions under it.
keys G
ok "the front page's foot: the last story, then the captions" \
    wait_match "^图为第1篇报道的现场"
ok "... in order, a credit under every fourth" sh -c '
	printf "%s\n" "$1" | grep -A 1 "图为第4篇" | grep -q "（第4位记者/摄）"
	' - "$(screen)"
ok "... each after the one before" cap_order
# Down past the last story: the list scrolls on, the selection goes once
# it is off the screen (Enter opens nothing), and comes back with k.
keys j Enter
settle
ok "j past the last story: scrolled, nothing selected" sh -c '
	printf "%s\n" "$1" | grep -q "front page" &&
	! printf "%s\n" "$1" | grep -q "第6000篇报道"' - "$(screen)"
keys k Enter
ok "... k selects it again: Enter opens it" wait_for "这是第6000篇报道的正文"
keys 1 G 99999 j
ok "every row reached: the last caption and its credit" \
    wait_match "^ *（第6000位记者/摄）"
ok "... after the captions before it" cap_order
resize 100 24
ok "... still in view when the pane is made wider" \
    wait_match "^ *（第6000位记者/摄）"
resize 80 24
keys g 99999 NPage
ok "... PageDown from the top reaches them too" \
    wait_match "^ *（第6000位记者/摄）"
keys g 0 1 0 0 %
ok "... and 100%" wait_match "^ *（第6000位记者/摄）"
keys g 0 5 0 %
# (the screen at 100% shows captions too: wait for its last credit to go
# and the jump to be drawn whole before reading the order)
half_way() {
	wait_gone "（第6000位记者/摄）" && wait_match "^图为第" >/dev/null &&
	    settle && cap_order
}
ok "... 50%: half way down the rows, in the captions" half_way
keys Q
wait_exit >/dev/null

# On a wide pane the captions stand beside the stories, from the first,
# when the side column fits; 6,000 would not (it scrolls only with a
# selection in it): one column then, every caption under the stories.
page 8 1 >"$TMP/few.md"
start -x 150 -y 40 "$TMP/few.md"
ok "a wide pane: the captions beside the stories" sh -c '
	printf "%s\n" "$1" | grep -m 1 "图为第" |
	    grep -q "^ \{80\}.*图为第1篇报道的现场"' - "$(wait_for "第8篇" >/dev/null; screen)"
ok "... each after the one before" cap_order
keys Q
wait_exit >/dev/null
start -x 150 -y 40 -e HERALD_STREAM=16384 "$TMP/cap.md"
ok "6,000 captions on a wide pane: every story read" \
    wait_for "6000 articles"
ok "... one column: no caption beside the stories" sh -c '
	! printf "%s\n" "$1" | grep -q "图为"' - "$(screen)"
keys G 99999 j
ok "... every caption under them" wait_match "^ *（第6000位记者/摄）"
ok "... in order" cap_order
keys Q
wait_exit >/dev/null
# 30 captions and their 7 credits: beside on a pane of 60 rows, not 40.
page 30 1 >"$TMP/mid.md"
start -x 150 -y 40 "$TMP/mid.md"
wait_for "第30篇" >/dev/null
ok "37 caption rows, 40 rows: one column" sh -c '
	! printf "%s\n" "$1" | grep -q "图为"' - "$(screen)"
resize 150 60
ok "... 60 rows: beside the stories" eventually sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t |
	    grep -q "^ \{80\}.*图为第1篇报道的现场"' sh "$SOCK"
resize 150 40
ok "... 40 again: one column" eventually sh -c '
	! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -q "图为"' \
    sh "$SOCK"
keys Q
wait_exit >/dev/null

panes_cost "the front page's captions: at most 50 bytes each" 50 6000 \
    "$TMP/bare.md" 6000 "$TMP/cap.md" 6000

done_testing
