#!/bin/sh
# fullscreen.sh: z (issue 15) hides the tab bar and the status line: the
# 23 rows above the last of an 80x24 terminal are the article's (compared
# with --dump), the last is left blank as less leaves it (messages and
# the prompt go there: no text is covered); a page-down moves 22 rows; a
# message goes after a moment (about two seconds); a resize keeps full
# screen; z again brings the bars.
# [reader] bars = no starts in full screen (settings.sh).
. "${top_srcdir:?}/tests/screen/lib.sh"

ISSUE=$TMP/long
long_issue "$ISSUE"
"$HERALD" --dump --width 80 -p 2 -a 5 "$ISSUE" | sed 's/[[:space:]]*$//' >"$TMP/article"

# all_rows_from TOP: rows 0..22 are lines TOP+1 .. TOP+23 of the dump,
# and the last row is blank
all_rows_from() {
	sed -n "$(($1 + 1)),$(($1 + 23))p" "$TMP/article" >"$TMP/want24"
	echo >>"$TMP/want24"
	rows_are 0 23 "$TMP/want24"
}

start -p 2 -a 5 "$ISSUE"
wait_for "02版 │ 5/5" >/dev/null
keys z
ok "z: the tab bar is gone, row 0 is the article's" wait_row 0 "长文"
ok "... a message says how to get the bars back" wait_row 23 "z shows the bars again"
ok "... and goes after a moment, the last row left blank" all_rows_from 0
keys Space
ok "Space: 22 rows on (23 rows of text, one kept)" all_rows_from 22
keys k
ok "k: one row back" all_rows_from 21
keys n
ok "a message shows on the last row" wait_row 23 "No search yet"
ok "... with where the reader is at its right" wait_row 23 "02版 │ 5/5"
t0=$(date +%s)
wait_gone "No search yet" >/dev/null
t1=$(date +%s)
ok "... for a moment: gone within 1 to 4 seconds" \
    test $((t1 - t0)) -ge 1 -a $((t1 - t0)) -le 4
ok "... no text was under it" all_rows_from 21
keys /
ok "the / prompt has the last row" wait_row 23 "/_"
keys Escape
all_rows_from 21 >/dev/null
resize 60 20 >/dev/null
ok "a resize keeps full screen (no tab bar)" eventually sh -c \
    "! tmux -L '$SOCK' capture-pane -p -t t | grep -q '1 Front'"
resize 80 24 >/dev/null
keys z
ok "z again: the tab bar is back" wait_row 0 "1 Front"
ok "... and the status line" wait_row 23 "02版 │ 5/5"
keys Q
wait_exit >/dev/null

done_testing
