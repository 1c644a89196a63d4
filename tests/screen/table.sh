#!/bin/sh
# table.sh: a table wider than the article pane is set as wide as its
# columns need and scrolls sideways with > and <, half a screen at a time;
# the text around it keeps wrapping at the pane's width; "<" and ">" in a
# column of their own say more of it is off to that side; the status line
# says which of its columns show. Nothing of the table is out of reach and
# nothing goes past the edge. --dump still wraps its cells at the width.
. "${top_srcdir:?}/tests/screen/lib.sh"

PAGE="$top_srcdir/tests/data/wide-table.md"
"$HERALD" --dump --width 40 -p 1 -a 1 "$PAGE" | sed 's/[[:space:]]*$//' >"$TMP/d40"

start -x 40 -y 20 -p 1 -a 1 "$PAGE"
wait_for "表2" >/dev/null
keys j j j j j j
ok "a wide table: its first column shows" wait_for "│ 城市   │"
ok "... its last one does not" sh -c '! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -qF "末列最右端文"' - "$SOCK"
ok "... a > mark at the right edge says there is more" sh -c '
	test "$(tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -c ">\$")" -ge 8' - "$SOCK"
ok "... and the status line which columns show" wait_row 19 "cols 1-40/100"
ok "the text after it wraps at the pane's width" wait_for "数据显示，全省经济运行稳中有进，其中"
ok "nothing past the edge" test "$(max_width)" -le 40

keys ">"
ok "> scrolls it half a screen" wait_row 19 "cols 21-60/100"
ok "... a < mark says some of it is off to the left" sh -c '
	test "$(tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -c "^<")" -ge 8' - "$SOCK"
ok "... the text around it stays" wait_for "数据显示，全省经济运行稳中有进，其中"
keys ">" ">" ">"
ok "> to the end: the last column shows" wait_for "末列最右端文"
ok "... with the table's right edge" wait_for "────────┴──────────────┴──────────────┘"
ok "... and no > mark any more" sh -c '
	! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -q ">\$"' - "$SOCK"
ok "... and no further than the end" wait_row 19 "cols 61-100/100"
ok "nothing past the edge, scrolled" test "$(max_width)" -le 40
# every table row on screen is as wide as the others (no cell cut unevenly)
ok "the table's rows all end at the same column" sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep "^<" |
	    python3 -c "
import sys, unicodedata
w = {sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in l.rstrip(\"\\n\")) for l in sys.stdin}
sys.exit(0 if len(w) == 1 else 1)"' - "$SOCK"
keys ">"
keys "<"
ok "> at the end stays there: one < goes back half a screen from it" \
    wait_row 19 "cols 41-80/100"
keys "<" "<" "<"
ok "< back to the start: the first column again" wait_for "│ 城市   │"
ok "... and no < mark" sh -c '
	! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -q "^<"' - "$SOCK"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# Nothing wider than the screen: > says so and changes nothing.
start -x 80 -y 24 -p 1 -a 1 "$SAMPLE"
wait_for "1 Front" >/dev/null
keys ">"
ok "> with no wide table says so" wait_row 23 "Nothing here is wider than the screen"
keys Q
wait_exit >/dev/null

# --dump wraps the cells at the width: every cell is there.
for cell in 52,316 44,802 41,275 4,812.6 1,966.0 812.9; do
	ok "--dump --width 40 keeps the cell $cell" grep -qF -- "$cell" "$TMP/d40"
done
ok "--dump --width 40: no line wider than 40" sh -c '
	python3 -c "
import sys, unicodedata
for l in open(sys.argv[1], encoding=\"utf-8\"):
    if sum(2 if unicodedata.east_asian_width(c) in \"WF\" else 1 for c in l.rstrip(\"\\n\")) > 40: sys.exit(1)" "$1"' - "$TMP/d40"

done_testing
