#!/bin/sh
# state.sh: the reading position is remembered per issue and restored on
# the next start (unless -p/-a is given); bookmarks m/' ; SIGTERM and a
# hang-up save the position and end the reader within a second; a reader
# without a terminal on stdin refuses to start instead of spinning; a
# state that cannot be saved (no directory, a full disk) ends the reader
# with status 1 and a message naming the file; every save fsyncs the temp
# file before its rename and the directory after it (seen under strace);
# a newer version's state file is left alone, and the reader says so.
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


# Durability, seen in the system calls (a SIGKILL cannot show a missing
# fsync: the page cache survives it). Every save: the temp file created,
# written, fsynced and closed, renamed over the state file, then the
# directory opened and fsynced, so neither the data nor the rename is
# lost to a power cut.
# (strace may be installed and still not allowed to trace: a container
# without ptrace; then the checks are skipped, saying why.)
if command -v strace >/dev/null 2>&1 && strace -qq -o /dev/null true 2>/dev/null; then
	REAL=$HERALD
	HERALD=$TMP/strace-herald
	SDIR=$TMP/sync-state/herald-tui
	cat >"$HERALD" <<WRAPPER
#!/bin/sh
exec strace -f -qq -s 64 -e trace=openat,open,creat,write,pwrite64,writev,fsync,fdatasync,syncfs,sync,close,rename,renameat,renameat2 -o '$TMP/save.strace' '$REAL' "\$@"
WRAPPER
	chmod +x "$HERALD"
	# two runs: the first creates the directory, the second replaces a file
	for run in 1 2; do
		start -e "XDG_STATE_HOME=$TMP/sync-state" -p 1 -a 1 "$SAMPLE"
		wait_line 1 "$(sed -n 1p "$TMP/d11")" >/dev/null
		keys j
		wait_line 1 "$(sed -n 2p "$TMP/d11")" >/dev/null
		keys Q
		wait_exit >/dev/null
		cp "$TMP/save.strace" "$TMP/save.$run.strace"
	done
	HERALD=$REAL
	# One line per save: what happened to the temp file, the rename and
	# the directory, in order (repeated calls on one fd counted once).
	save_calls() {
		awk -v dir="$SDIR" '
		function fd_of(line) { sub(/.*= /, "", line); return line + 0 }
		function arg1(line) { sub(/^[^(]*\(/, "", line); sub(/[,)].*/, "", line); return line }
		function say(w) { if (w != last) { out = out (out == "" ? "" : " ") w; last = w } }
		{ sub(/^[0-9]+ +/, "") }
		/^(open|openat|creat)\(/ && index($0, "\"" dir "/.state.tmp.") && / = [0-9]+$/ {
			if (out != "") print out
			out = ""; last = ""; tmp = fd_of($0); dfd = -1; say("open-tmp"); next }
		/^(open|openat)\(/ && index($0, "\"" dir "\",") && /O_DIRECTORY/ && / = [0-9]+$/ && renamed {
			dfd = fd_of($0); say("open-dir"); next }
		/^(rename|renameat|renameat2)\(/ && index($0, "/.state.tmp.") && index($0, "\"" dir "/state\"") && / = 0$/ {
			say("rename"); renamed = 1; next }
		/^(write|pwrite64|writev|fsync|fdatasync|syncfs|close)\(/ {
			fd = arg1($0) + 0; call = $0; sub(/\(.*/, "", call)
			if (call == "pwrite64" || call == "writev") call = "write"
			if (call == "fdatasync") call = "fsync"
			if (tmp >= 0 && fd == tmp) { say(call "-tmp"); if (call == "close") tmp = -1 }
			else if (dfd >= 0 && fd == dfd) { say(call "-dir"); if (call == "close") { dfd = -1; renamed = 0 } }
			next }
		/^sync\(/ { say("sync") }
		BEGIN { tmp = -1; dfd = -1 }
		END { if (out != "") print out }' "$1"
	}
	want="open-tmp write-tmp fsync-tmp close-tmp rename open-dir fsync-dir close-dir"
	for run in 1 2; do
		ok "save $run under strace: temp file written, fsynced, renamed; directory fsynced" sh -c '
			got=$(cat)
			test -n "$got" || { echo "no save seen in the trace"; exit 1; }
			echo "$got" | while IFS= read -r l; do
				test "$l" = "$1" || { echo "want: $1"; echo "got:  $l"; exit 1; }
			done' - "$want" <<EOF_CALLS
$(save_calls "$TMP/save.$run.strace")
EOF_CALLS
	done
else
	skip "save 1 under strace: temp file written, fsynced, renamed; directory fsynced" "strace is not installed or cannot trace here"
	skip "save 2 under strace: temp file written, fsynced, renamed; directory fsynced" "strace is not installed or cannot trace here"
fi

# A state file a newer herald-tui wrote (version 6 here) is left alone:
# the reader says so on its status line, moves and quits with status 0,
# and the file is as it was, none moved aside.
NEWER=$TMP/newer/herald-tui
mkdir -p "$NEWER"
python3 -c 'import sys, zlib
body = b"herald-tui-state 6\nissue /a pos=1,0,0 pane=0 later=1\n"
open(sys.argv[1], "wb").write(body + b"sum %08x\n" % zlib.crc32(body))' "$NEWER/state"
cp "$NEWER/state" "$TMP/newer.before"
start -e "XDG_STATE_HOME=$TMP/newer" "$SAMPLE"
ok "a newer version's state file: the status line says it is left alone" \
    wait_for "state: written by a newer herald-tui: left alone, positions not saved"
keys j 2 Q
ok "... the reader quits with status 0" test "$(wait_exit)" = 0
ok "... and the file is as it was" cmp "$TMP/newer.before" "$NEWER/state"
ok "... nothing moved aside" test ! -e "$NEWER/state.corrupt"

done_testing
