#!/bin/sh
# terminal.sh: the terminal around the reader: a storm of hundreds of
# resizes down to 1x1, TERM=dumb, exported LINES/COLUMNS, a non-UTF-8
# locale, SIGHUP, and standard input that is not a terminal.
. "$top_srcdir/tests/screen/lib.sh"
"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" >"$TMP/a80"
"$HERALD" --dump --width 40 -p 1 -a 1 "$SAMPLE" >"$TMP/a40"

# --- a storm: 300 resizes, 1x1 among them, as fast as tmux takes them ----
start -p 1 -a 1 "$SAMPLE"
ok "the article is open" wait_line 1 "$(sed -n 1p "$TMP/a80")"
i=0
while [ $i -lt 300 ]; do
	case $((i % 6)) in
	0) s="1 1" ;; 1) s="80 24" ;; 2) s="13 3" ;; 3) s="200 60" ;;
	4) s="40 12" ;; 5) s="2 1" ;;
	esac
	set -- $s
	tm resize-window -t t -x "$1" -y "$2" >/dev/null 2>&1
	i=$((i + 1))
done
resize 80 24 >/dev/null
ok "after 300 resizes the reader is alive, on the same line" wait_line 1 "$(sed -n 1p "$TMP/a80")"
ok "... nothing past the edge" test "$(max_width)" -le 80
keys j
ok "... and it still reads keys" wait_line 1 "$(sed -n 2p "$TMP/a80")"
keys Q
ok "... and quits with status 0" test "$(wait_exit)" = 0

# --- a narrow status line sheds the title, then the date, not the place ---
status_row() {
	h=$(tm display-message -p -t t '#{pane_height}')
	row $((h - 1))
}
start -x 80 -y 12 -p 1 -a 1 "$SAMPLE"
ok "80 columns: title, date and place in the status line" wait_row 11 "山河科技报 2026-11-27 │ 01版 │ 1/3"
resize 50 12 >/dev/null
ok "50 columns: the date and the whole place" wait_match "^ 2026-11-27 │ 01版 │ 1/3"
ok "... without the title" sh -c '! printf "%s" "$1" | grep -q "山河科技报"' - "$(status_row)"
resize 38 12 >/dev/null
ok "38 columns: the place alone" wait_match "^ 01版 │ 1/3 │"
ok "... without the date" sh -c '! printf "%s" "$1" | grep -q "2026"' - "$(status_row)"
keys Q
wait_exit >/dev/null

# --- the help wraps to a narrow pane: nothing cut off, nothing past the edge
start -x 40 -y 40 "$SAMPLE"
wait_for "本期导读" >/dev/null
keys "?"
ok "help at 40 columns: a long description wraps under itself" wait_match "^ {18}under the cursor"
ok "... nothing past the edge" test "$(max_width)" -le 40
resize 80 40 >/dev/null
ok "... and at 80 columns it is one line again" wait_for "Open the selection, or follow the jump under the cursor"
keys Q
wait_exit >/dev/null

# --- the width probe does not hold the first screen back: the question
# (CSI 6n) goes out just before the first screen, and the answer is read
# among the keys after it ---------------------------------------------------
if command -v strace >/dev/null 2>&1; then
	REAL=$HERALD
	HERALD=$TMP/strace-herald
	cat >"$HERALD" <<WRAPPER
#!/bin/sh
exec strace -f -qq -s 64 -e trace=openat,write,read,readlink -o '$TMP/strace.log' '$REAL' "\$@"
WRAPPER
	chmod +x "$HERALD"
	# the help above was over an article, and quitting there keeps it:
	# a fresh state file, so the reader starts on the front page
	rm -rf "$XDG_STATE_HOME/herald-tui"
	start --ambiguous=auto "$SAMPLE"
	ok "under strace: the front page" wait_for "本期导读"
	keys Q
	wait_exit >/dev/null
	HERALD=$REAL
	# line numbers in the log: the alternate screen entered, the question,
	# the first screen (the first big write), the answer (curses reads it
	# a byte at a time: its ESC is the first one read)
	order() {
		awk -v what="$1" '
			index($0, "write(1, ") && index($0, "\\33[?1049h") && !m { m = NR }
			index($0, "write(1, ") && index($0, "\\33[6n") && !q { q = NR }
			index($0, "write(1, ") && $NF + 0 > 500 && !s { s = NR }
			s && index($0, "read(0, \"\\33") && !a { a = NR }
			END { print (what == "m" ? m : what == "q" ? q : what == "s" ? s : a) + 0 }' "$TMP/strace.log"
	}
	ok "the probe's question goes out on the alternate screen, just before the first screen" sh -c '
		test "$1" -gt 0 && test "$2" -gt "$1" && test "$3" -gt "$2" || {
			echo "smcup at line $1, question at line $2, first screen at line $3"; exit 1; }' \
	    - "$(order m)" "$(order q)" "$(order s)"
	ok "... and its answer is read after the first screen (no round trip before it)" sh -c '
		test "$1" -gt 0 && test "$2" -gt "$1" || {
			echo "first screen at line $1, answer at line $2"; exit 1; }' \
	    - "$(order s)" "$(order a)"
	# the state key is the issue's real path: one realpath a session
	ok "the issue's path is resolved once" \
	    test "$(grep -c 'readlink(".*/data/sample"' "$TMP/strace.log")" -eq 1
	# ncurses flushes at every cursor move until the screen has been
	# through endwin once: a write(2) a row, over SSH a packet a row.
	HERALD=$TMP/strace-herald
	cat >"$HERALD" <<WRAPPER
#!/bin/sh
exec strace -f -qq -s 8 -e trace=read,write -o '$TMP/strace2.log' '$REAL' "\$@"
WRAPPER
	start -p 1 -a 1 "$SAMPLE"
	ok "under strace: the article" wait_line 1 "$(sed -n 1p "$TMP/a80")"
	keys Space
	# 22 rows a page, 21 lines a step (one kept for context); the last
	# page ends on the article's last line
	top=$(($(wc -l <"$TMP/a80") - 21))
	[ "$top" -gt 22 ] && top=22
	ok "... a page down" wait_line 1 "$(sed -n "${top}p" "$TMP/a80")"
	keys Q
	wait_exit >/dev/null
	HERALD=$REAL
	# the writes between reading the Space and reading the next key
	writes_after_space() {
		awk 'index($0, "read(0, \" \", 1)") { on = 1; next }
			on && index($0, "read(0,") { exit }
			on && index($0, "write(1,") { n++ }
			END { print n + 0 }' "$1"
	}
	ok "a page down reaches the terminal in one write(2)" \
	    test "$(writes_after_space "$TMP/strace2.log")" -eq 1
else
	skip "the probe does not hold the first screen back" "strace is not installed"
	skip "a page down in one write(2)" "strace is not installed"
	skip "the issue's path is resolved once" "strace is not installed"
fi

# --- exported LINES and COLUMNS do not freeze the size ---------------------
start -e LINES=24 -e COLUMNS=80 -p 1 -a 1 "$SAMPLE"
ok "with LINES/COLUMNS exported the article opens" wait_line 1 "$(sed -n 1p "$TMP/a80")"
resize 40 12 >/dev/null
ok "a resize to 40x12 is still seen: the 40-column layout" wait_line 1 "$(sed -n 1p "$TMP/a40")"
ok "... nothing past the edge" test "$(max_width)" -le 40
keys Q
ok "... and it quits with status 0" test "$(wait_exit)" = 0

# --- a non-UTF-8 locale: herald-tui switches to C.UTF-8, no mojibake ------
start -e LC_ALL=C -e LANG=C -p 1 -a 1 "$SAMPLE"
ok "LC_ALL=C: the article is drawn in Chinese, as in C.UTF-8" wait_line 1 "$(sed -n 1p "$TMP/a80")"
ok "... its rows line up with the 80-column layout" wait_line 3 "$(sed -n 3p "$TMP/a80")"
keys Q
ok "... and it quits with status 0" test "$(wait_exit)" = 0

# --- SIGHUP: saves, restores the terminal, exits 128+1 ---------------------
start -p 1 -a 1 "$SAMPLE"
wait_line 1 "$(sed -n 1p "$TMP/a80")" >/dev/null
keys j j
ok "two lines down" wait_line 1 "$(sed -n 3p "$TMP/a80")"
pid=$(pid_of_reader)
kill -HUP "$pid" 2>/dev/null
ok "SIGHUP ends the reader with status 129" test "$(wait_exit)" = 129
ok "... and the screen is given back (no status line)" wait_gone "1 Front"
start "$SAMPLE"
ok "... the position was saved" wait_line 1 "$(sed -n 3p "$TMP/a80")"
keys Q
wait_exit >/dev/null

# --- TERM=dumb: no cursor addressing, so print as --dump -------------------
start -e TERM=dumb "$SAMPLE"
ok "TERM=dumb: herald-tui prints and exits 0" test "$(wait_exit)" = 0
tm capture-pane -p -S - -t t | sed 's/[[:space:]]*$//' >"$TMP/dumb"
"$HERALD" --dump --width 80 "$SAMPLE" >"$TMP/d80"
ok "... the issue as --dump prints it, masthead first" sh -c 'grep -qF "SHANHE SCIENCE" "$1" && tail -n 5 "$2" | grep -qF -- "$(tail -n 1 "$2")"' - "$TMP/dumb" "$TMP/d80"
ok "... without starting the reader (no tab bar)" sh -c '! grep -q "1 Front" "$1"' - "$TMP/dumb"

# --- standard input not a terminal: print, do not read keys from a file ----
cat >"$TMP/stdin.sh" <<EOS
'$HERALD' '$SAMPLE' </dev/null >'$TMP/stdin.out' 2>&1
echo \$? >'$TMP/stdin.st'
EOS
start -e X=1 "$SAMPLE"
keys Q
wait_exit >/dev/null
sh "$TMP/stdin.sh"
ok "stdin at EOF (not a terminal): herald-tui prints and exits 0" test "$(cat "$TMP/stdin.st")" = 0
ok "... the issue text" grep -q "山河科技报" "$TMP/stdin.out"
ok "... with no escape sequences" sh -c '! grep -q "$(printf "\033")" "$1"' - "$TMP/stdin.out"

done_testing
