#!/bin/sh
# state-merge.sh: several readers at once share the state file. Four
# readers (two on one issue, one each on two others) set marks and move,
# quit one after the other, and one is SIGKILLed mid-session: every change
# a reader saved survives the others' later saves (the last to quit used
# to overwrite everything). Then five readers on five issues quit at the
# same moment: the lock lets each save in turn, and all five positions
# are kept.
. "${top_srcdir:?}/tests/screen/lib.sh"

"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d11"
"$HERALD" --dump --width 80 -p 2 -a 2 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d22"
# Line N of a dump, as row 1 shows it.
line() {
	sed -n "$2p" "$TMP/$1"
}

# Each issue is a copy of the sample: a key of its own in the state.
for k in A B C P1 P2 P3 P4 P5; do
	cp -r "$SAMPLE" "$TMP/$k"
done

# One tmux server, a window per reader.
next_server
tm new-session -d -s t -x 80 -y 24 "$PANE_WATCH exec sleep 3600"
tm set-option -g status off >/dev/null
tm set-option -g default-size 80x24 >/dev/null 2>&1

# launch NAME ARGS...: a reader in window NAME; its exit status goes to
# $TMP/status.NAME.
launch() {
	name=$1
	shift
	args=""
	for a in "$@"; do
		args="$args '$a'"
	done
	cat >"$TMP/run.$name.sh" <<EOF
$PANE_WATCH
export TERM=xterm-256color LC_ALL=C.UTF-8 HOME='$HOME'
export XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_STATE_HOME='$XDG_STATE_HOME'
unset LD_PRELOAD NO_COLOR
'$HERALD' $args
echo \$? >'$TMP/status.$name.tmp' && mv '$TMP/status.$name.tmp' '$TMP/status.$name'
exec sleep 3600
EOF
	tm new-window -d -t t: -n "$name" "sh '$TMP/run.$name.sh'"
}

# w_line NAME N TEXT: until row N of window NAME is exactly TEXT.
w_line() {
	wi=0
	while [ $wi -lt "$WAIT_TENTHS" ]; do
		[ "$(tm capture-pane -p -t "t:$1" | sed -n "$(($2 + 1))p" |
		    sed 's/[[:space:]]*$//')" = "$3" ] && return 0
		sleep 0.1
		wi=$((wi + 1))
	done
	echo "timed out waiting for row $2 of $1 to be: $3"
	tm capture-pane -p -t "t:$1"
	return 1
}

# w_for NAME TEXT: until TEXT is on window NAME's screen.
w_for() {
	wi=0
	while [ $wi -lt "$WAIT_TENTHS" ]; do
		tm capture-pane -p -t "t:$1" | grep -qF -- "$2" && return 0
		sleep 0.1
		wi=$((wi + 1))
	done
	echo "timed out waiting for $1 to show: $2"
	tm capture-pane -p -t "t:$1"
	return 1
}

# w_exit NAME: until reader NAME has exited; prints its status.
w_exit() {
	wi=0
	while [ $wi -lt "$WAIT_TENTHS" ]; do
		if [ -f "$TMP/status.$1" ]; then
			cat "$TMP/status.$1"
			return 0
		fi
		sleep 0.1
		wi=$((wi + 1))
	done
	echo "timeout"
	return 1
}

w_keys() {
	name=$1
	shift
	tm send-keys -t "t:$name" "$@"
}

# --- four readers, interleaved ---------------------------------------------
launch r1 -p 2 -a 2 "$TMP/A"
launch r2 -p 1 -a 1 "$TMP/A"
launch r3 -p 2 -a 2 "$TMP/B"
launch r4 -p 1 -a 1 "$TMP/C"
# All four have read the (empty) state before anyone saves.
ok "r1 shows 02-2" w_line r1 1 "$(line d22 1)"
ok "r2 shows 01-1" w_line r2 1 "$(line d11 1)"
ok "r3 shows 02-2 of B" w_line r3 1 "$(line d22 1)"
ok "r4 shows 01-1 of C" w_line r4 1 "$(line d11 1)"

w_keys r1 j j j
w_line r1 1 "$(line d22 4)" >/dev/null
w_keys r1 m a
ok "r1 sets mark a (issue A)" w_for r1 "Mark a set"
w_keys r2 j j
w_line r2 1 "$(line d11 3)" >/dev/null
w_keys r2 m b
ok "r2 sets mark b (issue A)" w_for r2 "Mark b set"
w_keys r3 j j j j j j
w_line r3 1 "$(line d22 7)" >/dev/null
w_keys r3 m c
ok "r3 sets mark c (issue B)" w_for r3 "Mark c set"
w_keys r3 j
w_line r3 1 "$(line d22 8)" >/dev/null
w_keys r3 Q
ok "r3 quits (status 0)" test "$(w_exit r3)" = 0
w_keys r4 j j j j j
w_line r4 1 "$(line d11 6)" >/dev/null
w_keys r4 m d
ok "r4 sets mark d (issue C)" w_for r4 "Mark d set"
w_keys r4 j j
w_line r4 1 "$(line d11 8)" >/dev/null
pid=$(pgrep -n -P "$(tm display-message -p -t t:r4 '#{pane_pid}')")
ok "r4's pid is known" test -n "$pid"
kill -KILL "$pid"
ok "r4 is SIGKILLed mid-session" test "$(w_exit r4)" = 137
w_keys r2 j
w_line r2 1 "$(line d11 4)" >/dev/null
w_keys r2 Q
ok "r2 quits (status 0)" test "$(w_exit r2)" = 0
w_keys r1 j
w_line r1 1 "$(line d22 5)" >/dev/null
w_keys r1 Q
ok "r1 quits last (status 0)" test "$(w_exit r1)" = 0

# What each saved is there (lib.sh's start: one fresh reader at a time).
start "$TMP/A"
ok "A: the position of r1, the last to quit" wait_line 1 "$(line d22 5)"
keys "'" a
ok "A: r1's mark a" wait_line 1 "$(line d22 4)"
keys "'" b
ok "A: r2's mark b, though r1 quit after it" wait_line 1 "$(line d11 3)"
keys Q
wait_exit >/dev/null
start "$TMP/B"
ok "B: r3's position, though r2 and r1 quit after it" wait_line 1 "$(line d22 8)"
keys "'" c
ok "B: r3's mark c" wait_line 1 "$(line d22 7)"
keys Q
wait_exit >/dev/null
start "$TMP/C"
ok "C: the position r4 saved with its mark, before it was killed" wait_line 1 "$(line d11 6)"
keys j j j
wait_line 1 "$(line d11 9)" >/dev/null
keys "'" d
ok "C: r4's mark d" wait_line 1 "$(line d11 6)"
keys Q
wait_exit >/dev/null

# --- five readers quit at the same moment ----------------------------------
next_server
tm new-session -d -s t -x 80 -y 24 "$PANE_WATCH exec sleep 3600"
tm set-option -g status off >/dev/null
tm set-option -g default-size 80x24 >/dev/null 2>&1
for k in 1 2 3 4 5; do
	launch "p$k" -p 1 -a 1 "$TMP/P$k"
done
for k in 1 2 3 4 5; do
	w_line "p$k" 1 "$(line d11 1)" >/dev/null
	n=0
	while [ $n -lt $k ]; do
		w_keys "p$k" j
		n=$((n + 1))
	done
done
for k in 1 2 3 4 5; do
	ok "p$k is $k lines down" w_line "p$k" 1 "$(line d11 $((k + 1)))"
done
for k in 1 2 3 4 5; do
	w_keys "p$k" Q
done
for k in 1 2 3 4 5; do
	ok "p$k quits (status 0)" test "$(w_exit "p$k")" = 0
done
for k in 1 2 3 4 5; do
	start "$TMP/P$k"
	ok "P$k: its reader's position is kept" wait_line 1 "$(line d11 $((k + 1)))"
	keys Q
	wait_exit >/dev/null
done

done_testing
