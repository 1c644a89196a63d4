#!/bin/sh
# measure.sh: a readable measure (issue 15). On a wide terminal the article
# is a column of [layout] measure Chinese characters (40: 80 columns),
# centred; measure = 0 is the whole width; [layout] margin keeps columns
# blank on each side, and gives way on a narrow pane. Each time the rows
# are exactly --dump's lines at the column's width, shifted to the column.
# --dump itself ignores the measure.
. "${top_srcdir:?}/tests/screen/lib.sh"

CONF=$XDG_CONFIG_HOME/herald-tui/config.ini
mkdir -p "$XDG_CONFIG_HOME/herald-tui"

# column_is WIDTH SHIFT ROWS: screen rows 1..ROWS are --dump -w WIDTH's
# first ROWS lines, each shifted right by SHIFT columns.
column_is() {
	shifted "$1" "$2" | head -n "$3" >"$TMP/want"
	screen | sed -n "2,$(($3 + 1))p" | sed 's/[[:space:]]*$//' >"$TMP/got"
	cmp -s "$TMP/want" "$TMP/got" || { diff "$TMP/want" "$TMP/got" | head -8; return 1; }
}
# shifted WIDTH SHIFT: --dump -w WIDTH's lines shifted by SHIFT columns.
shifted() {
	"$HERALD" --dump --width "$1" -p 1 -a 1 "$SAMPLE" |
	    sed 's/[[:space:]]*$//' | awk -v n="$2" '{
		if ($0 == "") print ""; else printf "%*s%s\n", n, "", $0 }'
}
# column_has WIDTH SHIFT ROWS: each of screen rows 1..ROWS is a line of
# shifted WIDTH SHIFT (after a search moved the text).
column_has() {
	shifted "$1" "$2" >"$TMP/all"
	screen | sed -n "2,$(($3 + 1))p" | sed 's/[[:space:]]*$//' | grep -v '^$' |
	    while IFS= read -r r; do
		grep -qxF -- "$r" "$TMP/all" || { echo "not a line of the column: $r"; exit 1; }
	done
}

: >"$CONF"
start -x 160 -y 24 -p 1 -a 1 "$SAMPLE"
wait_for "下转第2版" >/dev/null
ok "160 columns, the default measure 40: an 80-column text, centred" \
    eventually column_is 80 40 20
ok "... nothing left of column 40 or right of column 120" sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t | sed -n 2,23p |
	    awk "length(\$0) > 0 && substr(\$0, 1, 40) !~ /^ *\$/ { exit 1 }"' - "$SOCK"
keys /
# (the status line said 01版 before the search too: the prompt first)
wait_row 23 "/_" >/dev/null
type_text "据介绍"
keys Enter
wait_row 23 "01版" >/dev/null
ok "a search's highlight stays in the column" highlighted "据介绍"
ok "... the rows are still the column's" eventually column_has 80 40 20
resize 100 24 >/dev/null
keys g
ok "100 columns: the 80-column text centred at column 10" eventually column_is 80 10 20
resize 70 24 >/dev/null
ok "70 columns (narrower than the measure): the whole width" eventually column_is 70 0 20
keys Q
wait_exit >/dev/null

printf '[layout]\nmeasure = 0\n' >"$CONF"
start -x 160 -y 24 -p 1 -a 1 "$SAMPLE"
wait_for "下转第2版" >/dev/null
ok "measure = 0: the whole 160 columns" eventually column_is 160 0 20
keys Q
wait_exit >/dev/null

printf '[layout]\nmeasure = 30\nmargin = 5\n' >"$CONF"
start -x 60 -y 24 -p 1 -a 1 "$SAMPLE"
wait_for "下转第2版" >/dev/null
ok "margin = 5 at 60 columns: a 50-column text from column 5" \
    eventually column_is 50 5 20
resize 100 24 >/dev/null
ok "measure = 30 at 100 columns: 60 columns, centred at 20" \
    eventually column_is 60 20 20
resize 26 24 >/dev/null
ok "26 columns: the margins give way to a 20-column text" \
    eventually column_is 20 3 20
ok "... nothing past the edge" test "$(max_width)" -le 26
keys Q
wait_exit >/dev/null

printf '[layout]\nmeasure = 10\n' >"$CONF"
ok "--dump ignores the measure" sh -c '
	test "$("$1" --dump --width 100 -p 1 -a 1 "$2" | md5sum)" = \
	    "$(XDG_CONFIG_HOME=/nonexistent "$1" --dump --width 100 -p 1 -a 1 "$2" | md5sum)"' \
    - "$HERALD" "$SAMPLE"
rm -f "$CONF"
done_testing
