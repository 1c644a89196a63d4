#!/bin/sh
# resize.sh: a resize lays the text out again at once and keeps the reader
# on the same text (80x24 → 40x12 → 80x24 keeps the first text line); small
# terminals down to 20x6 work, smaller ones get a one-line notice, and
# nothing crashes at 10x3 or 1x1. C-l redraws.
. "${top_srcdir:?}/tests/screen/lib.sh"

"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d80"
"$HERALD" --dump --width 40 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d40"

start -p 1 -a 1 "$SAMPLE"
wait_row 1 "$(sed -n 1p "$TMP/d80" | sed 's/^ *//')" >/dev/null
keys j j j j j j j
ok "seven lines down" wait_line 1 "$(sed -n 8p "$TMP/d80")"
top80=$(row 1)
ok "resize to 40x12" resize 40 12
# The line now on top is the 40-column line that holds the same text.
in_d40() {
	r=$(row 1)
	[ -n "$r" ] && grep -qxF -- "$r" "$TMP/d40"
}
ok "at 40 columns the top row is a line of the 40-column layout" sh -c '
	i=0; while [ $i -lt 50 ]; do
		[ "$(tmux -u -L "$0" -f /dev/null display-message -p -t t "#{pane_width}")" = 40 ] && break
		sleep 0.1; i=$((i+1)); done' "$SOCK"
settle
ok "... of the 40-column layout" in_d40
first40=$(printf '%s' "$(row 1)" | sed 's/^ *//' | cut -c1-6)
ok "... and starts inside the same paragraph" sh -c 'grep -qF -- "$1" "$2"' _ "$first40" "$TMP/d80"
ok "nothing past the edge at 40x12" test "$(max_width)" -le 40
ok "resize back to 80x24" resize 80 24
ok "the same first text line as before" wait_line 1 "$top80"
ok "exactly the same" test "$(row 1)" = "$top80"

keys C-l
ok "C-l redraws the same screen" wait_line 1 "$top80"

ok "resize to 20x6" resize 20 6
ok "20x6 still shows the reader" wait_for "1 Front"
ok "nothing past the edge at 20x6" test "$(max_width)" -le 20
ok "resize to 10x3" resize 10 3
ok "10x3 shows the too-small notice, its words whole" wait_row 0 "terminal"
ok "nothing past the edge at 10x3" test "$(max_width)" -le 10
ok "resize to 1x1" resize 1 1
settle
ok "resize back to 80x24 after 1x1" resize 80 24
ok "the reader survived, on the same line" wait_line 1 "$top80"
keys j
ok "and still reads keys" wait_line 1 "$(sed -n 9p "$TMP/d80")"
keys Q
ok "Q exits 0 after the resizes" test "$(wait_exit)" = 0

# A pane not on screen is laid out again when it is next shown: the front
# page after a resize in the article pane is the front page of a reader
# started at that size, and the article after a resize on the front page
# is the article's layout at the new width.
start -x 40 -y 12 -p 1 "$SAMPLE"
wait_for "本期导读" >/dev/null
text_rows >"$TMP/front40"
start -p 1 "$SAMPLE"
wait_for "本期导读" >/dev/null
keys Enter
wait_row 1 "$(sed -n 1p "$TMP/d80" | sed 's/^ *//')" >/dev/null
resize 40 12 >/dev/null
keys 1
ok "the front page shown after a resize in the article is laid out anew" \
    text_rows_are "$TMP/front40"
resize 80 24 >/dev/null
resize 40 12 >/dev/null
keys 3
# The text rows are the first rows of --dump --width 40.
same_article() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		text_rows >"$TMP/now"
		sed -n "1,$(wc -l <"$TMP/now")p" "$TMP/d40" >"$TMP/want"
		cmp -s "$TMP/now" "$TMP/want" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diff "$TMP/want" "$TMP/now"
	return 1
}
ok "the article shown after resizes on the front page is at 40 columns" \
    same_article
keys Q

# A storm of resizes does not kill it either (-p 1: the front page, not
# the place remembered from the run above).
start -p 1 "$SAMPLE"
wait_for "本期导读" >/dev/null
for s in 30x8 100x40 5x2 80x24 19x5 60x20 2x1 80x24; do
	tm resize-window -t t -x "${s%x*}" -y "${s#*x}" >/dev/null 2>&1
done
ok "after a resize storm the front page is back at 80x24" wait_for "本期导读"
keys Q
ok "and it exits 0" test "$(wait_exit)" = 0

done_testing
