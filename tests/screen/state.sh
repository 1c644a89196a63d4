#!/bin/sh
# state.sh: the reading position is remembered per issue and restored on
# the next start (unless -p/-a is given); bookmarks m/' ; SIGTERM and a
# hang-up save the position and end the reader within a second; a reader
# without a terminal on stdin refuses to start instead of spinning; a
# state that cannot be saved (no directory, a full disk) ends the reader
# with status 1 and a message naming the file.
. "${top_srcdir:?}/tests/screen/lib.sh"

"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d11"
"$HERALD" --dump --width 80 -p 2 -a 2 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d22"

start -p 2 -a 2 "$SAMPLE"
wait_row 1 "$(sed -n 1p "$TMP/d22" | sed 's/^ *//')" >/dev/null
keys j j j j j
ok "five lines into 02-2" wait_line 1 "$(sed -n 6p "$TMP/d22")"
keys Q
wait_exit >/dev/null
ok "the state file is written" test -s "$XDG_STATE_HOME/herald-tui/state"

start "$SAMPLE"
ok "the next start opens the same article" wait_for "02版 │ 2/3"
ok "... at the same line" wait_line 1 "$(sed -n 6p "$TMP/d22")"

# A blank line on top is restored as such, not as the text after it.
start -p 2 -a 2 "$SAMPLE"
wait_line 1 "$(sed -n 1p "$TMP/d22")" >/dev/null
keys j j j j j j j
ok "seven lines into 02-2: the blank line 8 on top" wait_line 2 "$(sed -n 9p "$TMP/d22")"
keys Q
wait_exit >/dev/null
ok "the state says the top line is a gap" grep -q "pos=2,1,[0-9]*g@" "$XDG_STATE_HOME/herald-tui/state"
start "$SAMPLE"
ok "the next start has the blank line on top again" wait_line 2 "$(sed -n 9p "$TMP/d22")"
ok "... and row 1 blank" wait_line 1 ""
keys j j j j j
wait_line 1 "$(sed -n 13p "$TMP/d22")" >/dev/null
keys Q
wait_exit >/dev/null

start -p 1 -a 1 "$SAMPLE"
ok "-p/-a override the remembered place" wait_row 1 "$(sed -n 1p "$TMP/d11" | sed 's/^ *//')"

# Bookmarks: m a here, wander off, ' a comes back.
keys j j j j j
ok "five lines down in 01-1" wait_line 1 "$(sed -n 6p "$TMP/d11")"
keys m a
ok "m a sets mark a" wait_for "Mark a set"
keys '}' '}'
wait_for "03版 │" >/dev/null
keys "'" a
ok "' a returns to the article" wait_for "01版 │ 1/3"
ok "... at the marked line" wait_line 1 "$(sed -n 6p "$TMP/d11")"
keys "'" b
ok "an unset mark says so" wait_for "Mark b is not set"
# a resize (or the width probe's answer) while the mark prompt waits for
# its letter redraws the prompt and keeps waiting
keys m
wait_for "Mark: type a letter" >/dev/null
resize 72 24 >/dev/null
ok "a resize during the mark prompt: the prompt is still there" wait_for "Mark: type a letter"
keys c
ok "... and the letter typed after it sets the mark" wait_for "Mark c set"
resize 80 24 >/dev/null
keys Q
wait_exit >/dev/null
start -p 3 -a 1 "$SAMPLE"
wait_for "03版 │ 1/" >/dev/null
keys "'" a
ok "marks survive a restart" wait_line 1 "$(sed -n 6p "$TMP/d11")"

# SIGTERM: the position is saved, the reader ends.
keys j
ok "one more line" wait_line 1 "$(sed -n 7p "$TMP/d11")"
pid=$(pid_of_reader)
ok "the reader's pid is known" test -n "$pid"
kill -TERM "$pid" 2>/dev/null
ok "SIGTERM ends the reader (status 143)" test "$(wait_exit)" = 143
start "$SAMPLE"
ok "the position was saved on SIGTERM" wait_line 1 "$(sed -n 7p "$TMP/d11")"

# A hang-up (the terminal goes away): gone within a second, position saved.
keys j
ok "and one more" wait_line 1 "$(sed -n 8p "$TMP/d11")"
pid=$(pid_of_reader)
tm kill-server
ok "a hang-up ends the reader within a second" gone "$pid"
start "$SAMPLE"
ok "the position was saved on the hang-up" wait_line 1 "$(sed -n 8p "$TMP/d11")"

# Hang-up ignored (nohup): the tty at EOF must end the reader, not spin.
start -n "$SAMPLE"
wait_line 1 "$(sed -n 8p "$TMP/d11")" >/dev/null
keys k
ok "under nohup: one line up" wait_line 1 "$(sed -n 7p "$TMP/d11")"
pid=$(pid_of_reader)
tm kill-server
ok "under nohup, the tty gone ends the reader within a second" gone "$pid"
start "$SAMPLE"
ok "... and the position was saved" wait_line 1 "$(sed -n 7p "$TMP/d11")"

# The screen with wrapped lines joined (a long message spans rows).
joined_has() {
	tm capture-pane -p -J -t t | grep -qF -- "$1" && return 0
	echo "not on the screen: $1"
	tm capture-pane -p -J -t t
	return 1
}

# A state that cannot be saved: status 1, and stderr names the file.
echo x >"$TMP/plain"
start -e "XDG_STATE_HOME=$TMP/plain/sub" "$SAMPLE"
wait_for "山河科技报" >/dev/null
keys Q
ok "the state directory cannot be made: exit status 1" test "$(wait_exit)" = 1
ok "... and the message names the state file" \
    joined_has "cannot save the reading position: $TMP/plain/sub/herald-tui/state: cannot create its directory"

# A full disk (a 16 KiB tmpfs, filled): the same. Mounting needs root.
FULL=$TMP/full
mkdir -p "$FULL"
if mount -t tmpfs -o size=16k,mode=0700 tmpfs "$FULL" 2>/dev/null; then
	trap 'umount "$FULL" 2>/dev/null; cleanup' EXIT
	mkdir -p "$FULL/herald-tui"
	dd if=/dev/zero of="$FULL/fill" bs=1024 2>/dev/null
	start -e "XDG_STATE_HOME=$FULL" "$SAMPLE"
	wait_for "山河科技报" >/dev/null
	keys Q
	ok "a full disk at save: exit status 1" test "$(wait_exit)" = 1
	ok "... and the message names the state file and the error" \
	    joined_has "$FULL/herald-tui/state: cannot write: No space left on device"
	next_server
	umount "$FULL"
else
	skip "a full disk at save: exit status 1" "cannot mount a tmpfs (not root)"
	skip "... and the message names the state file and the error" "cannot mount a tmpfs (not root)"
fi

done_testing
