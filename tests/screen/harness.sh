#!/bin/sh
# harness.sh: lib.sh itself. A screen test leaves nothing in TMPDIR when
# it ends, even when its reader is still saving its state after the
# hang-up: the temp dir must not be removed before the reader is done
# (it came back as that reader's state dir, left for good).
. "${top_srcdir:?}/tests/screen/lib.sh"

# A reader that, hung up, takes a second to save its state.
cat >"$TMP/slow-saver" <<'EOS'
#!/bin/sh
trap 'sleep 1; mkdir -p "$XDG_STATE_HOME/herald-tui"; exit 0' HUP
echo "slow saver up"
while :; do sleep 0.1; done
EOS
chmod +x "$TMP/slow-saver"
# A test of its own, in a TMPDIR of its own, that starts it and ends.
inner=$TMP/inner-tmp
mkdir -p "$inner"
cat >"$TMP/inner.sh" <<'EOS'
. "${top_srcdir:?}/tests/screen/lib.sh"
start
wait_for "slow saver up" >/dev/null
done_testing
EOS
ran() {
	TMPDIR=$inner HERALD=$TMP/slow-saver sh "$TMP/inner.sh" >"$TMP/inner.out" 2>&1
}
ok "a test whose reader is slow to save ends" ran
# its cleanup waited for the reader: nothing came back after it
sleep 2
empty() {
	[ -z "$(ls -A "$inner")" ] || { echo "left in TMPDIR:"; ls -AR "$inner"; return 1; }
}
ok "... and leaves nothing in its TMPDIR" empty

# A test killed before its cleanup (make mutate kills the tests of a
# mutant caught) leaves nothing either: the pane's shell outlives the
# hang-up it gives the reader, and removes the temp dir once the reader
# has saved its state and ended.
inner=$TMP/killed-tmp
mkdir -p "$inner"
cat >"$TMP/killed.sh" <<'EOS'
. "${top_srcdir:?}/tests/screen/lib.sh"
start "$SAMPLE"
wait_for "front page" >/dev/null
: >"$UP"
while :; do sleep 1; done
EOS
UP=$TMP/killed.up TMPDIR=$inner sh "$TMP/killed.sh" >/dev/null 2>&1 &
killed=$!
# up FILE: until the inner test says its reader is up (FILE), 10 s at most
up() {
	i=0
	while [ ! -f "$1" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -f "$1" ]
}
ok "a test whose reader is up" up "$TMP/killed.up"
kill -KILL "$killed"
# the pane's shell looks for the test every second
gone_soon() {
	i=0
	while [ -n "$(ls -A "$inner")" ] && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	empty
}
ok "... killed, leaves nothing in its TMPDIR" gone_soon

# So does a test that runs scripts of its own in panes (state-merge.sh,
# ambiguous.sh, extras.sh), each begun with $PANE_WATCH and ending in a
# long sleep: the reader, the sleeps and the tmux server end, the temp
# dir goes.
inner=$TMP/own-tmp
mkdir -p "$inner"
cat >"$TMP/own.sh" <<'EOS'
. "${top_srcdir:?}/tests/screen/lib.sh"
next_server
tm new-session -d -s t -x 80 -y 24 "$PANE_WATCH exec sleep 3600"
tm new-window -d -t t: -n r "$PANE_WATCH
'$HERALD' '$SAMPLE'
exec sleep 3600"
i=0
until tm capture-pane -p -t t:r | grep -q "front page" || [ $i -gt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
: >"$UP"
while :; do sleep 1; done
EOS
rm -f "$TMP/own.up"
UP=$TMP/own.up TMPDIR=$inner sh "$TMP/own.sh" >/dev/null 2>&1 &
own=$!
ok "a test with panes of its own whose reader is up" up "$TMP/own.up"
kill -KILL "$own"
ok "... killed, leaves nothing in its TMPDIR" gone_soon
# its tmux server is named after its pid (lib.sh's SOCK)
no_server() {
	! pgrep -f "herald-test-$own-" >/dev/null ||
	    { pgrep -af "herald-test-$own-"; false; }
}
ok "... nor its tmux server" no_server

done_testing
