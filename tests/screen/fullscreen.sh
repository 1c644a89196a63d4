#!/bin/sh
# fullscreen.sh: z (issue 15) hides the tab bar and the status line: all
# 24 rows of an 80x24 terminal are the article's (compared with --dump),
# a page-down moves 23 rows, a message shows on the last row for a
# moment (about two seconds) and gives the row back, the / prompt still
# has the last row; a resize keeps full screen; z again brings the bars.
# [reader] bars = no starts in full screen (settings.sh).
. "${top_srcdir:?}/tests/screen/lib.sh"

ISSUE=$TMP/long
long_issue "$ISSUE"
"$HERALD" --dump --width 80 -p 2 -a 5 "$ISSUE" | sed 's/[[:space:]]*$//' >"$TMP/article"

# all_rows_from TOP: the 24 rows are lines TOP+1 .. TOP+24 of the dump
all_rows_from() {
	sed -n "$(($1 + 1)),$(($1 + 24))p" "$TMP/article" >"$TMP/want24"
	rows_are 0 23 "$TMP/want24"
}

start -p 2 -a 5 "$ISSUE"
wait_for "02版 │ 5/5" >/dev/null
keys z
ok "z: the tab bar is gone, row 0 is the article's" wait_row 0 "长文"
ok "... a message says how to get the bars back" wait_row 23 "z shows the bars again"
ok "... and gives the last row back after a moment" all_rows_from 0
keys Space
ok "Space: 23 rows on (24 rows, one kept)" all_rows_from 23
keys k
ok "k: one row back" all_rows_from 22
keys n
ok "a message shows on the last row" wait_row 23 "No search yet"
ok "... with where the reader is at its right" wait_row 23 "02版 │ 5/5"
t0=$(date +%s)
wait_gone "No search yet" >/dev/null
t1=$(date +%s)
ok "... for a moment: gone within 1 to 4 seconds" \
    test $((t1 - t0)) -ge 1 -a $((t1 - t0)) -le 4
ok "... the row is the article's again" all_rows_from 22
keys /
ok "the / prompt has the last row" wait_row 23 "/_"
keys Escape
all_rows_from 22 >/dev/null
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
