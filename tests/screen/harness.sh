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

done_testing
