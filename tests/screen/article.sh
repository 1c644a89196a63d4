#!/bin/sh
# article.sh: the article pane. Its text rows are exactly the lines that
# --dump --width prints for that article (cell by cell: same text at the
# same columns, so wide characters land where the layout put them), and
# j k Space b g G ] [ } { move as expected.
. "${top_srcdir:?}/tests/screen/lib.sh"

# dump_lines A B W: lines A..B (1-based) of the dump of article 1-1 at width W.
"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d80"
"$HERALD" --dump --width 40 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d40"
n80=$(wc -l <"$TMP/d80")
head1=$(sed -n 1p "$TMP/d80" | sed 's/^ *//')

# same_as FILE FIRST: the text rows equal FILE's lines from FIRST on.
same_as() {
	text_rows >"$TMP/rows"
	h=$(wc -l <"$TMP/rows")
	sed -n "$2,$(($2 + h - 1))p" "$1" >"$TMP/want"
	# Past the end of the text the rows are blank.
	while [ "$(wc -l <"$TMP/want")" -lt "$h" ]; do echo >>"$TMP/want"; done
	diff "$TMP/want" "$TMP/rows"
}
# wait_same FILE FIRST: until same_as holds.
wait_same() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		same_as "$1" "$2" >/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	same_as "$1" "$2"
}

start -p 1 -a 1 "$SAMPLE"
ok "-p 1 -a 1 opens the article at its headline" wait_row 1 "$head1"
ok "the text rows are the --dump --width 80 lines" wait_same "$TMP/d80" 1
ok "nothing is drawn past the right edge" test "$(max_width)" -le 80
keys j
ok "j scrolls one line down" wait_same "$TMP/d80" 2
keys j j k
ok "k scrolls one line up" wait_same "$TMP/d80" 3
keys g
ok "g goes to the top" wait_same "$TMP/d80" 1
# A page is 21 lines (one kept), but never past the end of the text.
pd=22
[ $pd -gt $((n80 - 21)) ] && pd=$((n80 - 21))
keys Space
ok "Space pages down (one line kept)" wait_same "$TMP/d80" $pd
keys b
ok "b pages up" wait_same "$TMP/d80" 1
keys PageDown
ok "PgDn pages down" wait_same "$TMP/d80" $pd
keys PageUp
ok "PgUp pages up" wait_same "$TMP/d80" 1
keys G
ok "G shows the end of the article" wait_same "$TMP/d80" $((n80 - 21))
ok "the status says 100% at the end" wait_for "100%"
keys Home
ok "Home goes to the top" wait_same "$TMP/d80" 1
keys Down Down Up
ok "the arrow keys scroll" wait_same "$TMP/d80" 2

# ] [ } {: the next and previous article and page, as --list orders them.
list=$("$HERALD" --list "$SAMPLE")
art() { printf '%s\n' "$list" | sed -n "s/^  $1 \(.*\)\$/\1/p" | sed 's/  ([上下][接转]第[0-9]*版)//g'; }
keys ']'
ok "] opens the next article" wait_row 1 "$(art 01-2)"
keys ']'
ok "] again: the third" wait_row 1 "$(art 01-3)"
keys '['
ok "[ opens the previous article" wait_row 1 "$(art 01-2)"
keys '}'
ok "} opens the next page's first article" wait_for "02版 │ 1/3"
keys '}'
ok "} again: page 3" wait_for "03版 │ 1/3"
keys '{'
ok "{ goes back a page" wait_for "02版 │ 1/3"
keys '{' '{'
ok "{ on page 1 stops at the first page" wait_for "This is the first page"

# The same article at 40 columns: the rows follow --dump --width 40.
start -x 40 -y 12 -p 1 -a 1 "$SAMPLE"
ok "at 40x12 the rows are the --dump --width 40 lines" wait_same "$TMP/d40" 1
keys Space
ok "at 40x12 Space pages by 9 lines" wait_same "$TMP/d40" 10
ok "at 40 columns nothing passes the edge" test "$(max_width)" -le 40

# Line-down writes what changed and nothing else: the hidden cursor is not
# moved back after the update (leaveok), so no key's output ends in a
# cursor move (before the closing attribute reset, if any). The bytes are
# the pane's output, read with pipe-pane.
start -p 1 -a 1 "$SAMPLE"
wait_same "$TMP/d80" 1 >/dev/null
tm pipe-pane -t t -o "cat >>'$TMP/bytes'"
: >"$TMP/bytes"
size() { wc -c <"$TMP/bytes" | tr -d ' '; }
# settle FROM: wait until the output has grown past FROM and stopped.
settle() {
	i=0 last=-1
	while [ $i -lt "$WAIT_TENTHS" ]; do
		now=$(size)
		[ "$now" -gt "$1" ] && [ "$now" -eq "$last" ] && return 0
		last=$now
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
no_parking() {
	esc=$(printf '\033')
	for k in 1 2 3 4 5 6; do
		from=$(size)
		keys j
		settle "$from" || { echo "no output for j number $k"; return 1; }
		if tail -c +$((from + 1)) "$TMP/bytes" | tail -c 40 |
		    LC_ALL=C grep -Eq "$esc\[[0-9]*;[0-9]*H($esc\[[0-9;]*m|$esc\(B)*\$"
		then
			echo "j number $k ends in a cursor move:"
			tail -c +$((from + 1)) "$TMP/bytes" | od -c | tail -4
			return 1
		fi
	done
}
ok "line-down never parks the hidden cursor" no_parking
tm pipe-pane -t t

done_testing
