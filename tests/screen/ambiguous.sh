#!/bin/sh
# ambiguous.sh: East Asian Ambiguous characters (“ ” — …) in a terminal
# that draws them wide. The tmux server runs with a small LD_PRELOAD library
# built here from width.c, whose wcwidth() counts them 2, which makes tmux
# (it measures with the platform wcwidth) a wide-ambiguous terminal. There,
# --ambiguous=wide lines up cell by cell with --dump --ambiguous=wide, and
# --ambiguous=auto finds out by itself (the CPR probe); in a normal tmux,
# auto finds narrow.
. "${top_srcdir:?}/tests/screen/lib.sh"

: "${top_builddir:?top_builddir must be set (make check sets it)}"
CC=${CC:-cc}
cat >"$TMP/wide-ctor.c" <<'EOC'
#include "width.h"
/* Count East Asian Ambiguous as 2 from the start. */
__attribute__((constructor)) static void
wide_ambiguous(void)
{
	width_set_ambiguous(WIDTH_WIDE);
}
EOC
if ! $CC -shared -fPIC -O1 -I"$top_builddir" -I"$top_srcdir/src" -o "$TMP/wide.so" \
    "$TMP/wide-ctor.c" "$top_srcdir/src/width.c" "$top_srcdir/src/width-export.c" \
    "$top_srcdir/src/xmalloc.c" -lunistring 2>"$TMP/cc.err"; then
	echo "not ok 1 - build the wide-ambiguous preload library"
	sed 's/^/# /' "$TMP/cc.err"
	echo "1..1"
	exit 1
fi

dump() {
	"$HERALD" --dump --width 80 --ambiguous="$1" -p 1 -a 1 "$SAMPLE" |
	    sed 's/[[:space:]]*$//' >"$TMP/d-$1"
}
dump wide
dump narrow
ok "the wide and narrow layouts of 01-1 differ (the test means something)" \
    sh -c '! cmp -s "$1" "$2"' _ "$TMP/d-wide" "$TMP/d-narrow"

same_as() {
	text_rows >"$TMP/rows"
	sed -n "1,$(wc -l <"$TMP/rows")p" "$1" >"$TMP/want"
	diff "$TMP/want" "$TMP/rows"
}
wait_same() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		same_as "$1" >/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	same_as "$1"
}

# Is the preloaded tmux really wide? Print “ and ask where the cursor is.
{ echo "$PANE_WATCH"; cat <<'EOS'; } >"$TMP/quote.sh"
printf '\342\200\234'
exec sleep 3600
EOS
next_server
LD_PRELOAD="$TMP/wide.so" tmux -u -L "$SOCK" -f /dev/null new-session -d -s t \
    -x 80 -y 24 "sh '$TMP/quote.sh'"
cursor_at_2() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		[ "$(tm display-message -p -t t '#{cursor_x}')" = 2 ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "cursor_x after “: $(tm display-message -p -t t '#{cursor_x}')"
	return 1
}
ok "the preloaded tmux advances two cells for “" cursor_at_2

start -P "$TMP/wide.so" --ambiguous=wide -p 1 -a 1 "$SAMPLE"
ok "--ambiguous=wide in a wide terminal: the rows are the wide dump" wait_same "$TMP/d-wide"
ok "nothing past the right edge (A counted 2)" test "$(max_width --wide)" -le 80
keys G
ok "the whole article lines up (its end too)" wait_for "▼▼ 下转第2版"
keys Q
ok "--ambiguous=wide exits 0" test "$(wait_exit)" = 0

start -P "$TMP/wide.so" --ambiguous=auto -p 1 -a 1 "$SAMPLE"
ok "--ambiguous=auto detects the wide terminal" wait_same "$TMP/d-wide"
ok "... no self-test warning" sh -c '! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -q "interposition failed"' _ "$SOCK"
keys Q
wait_exit >/dev/null

start --ambiguous=auto -p 1 -a 1 "$SAMPLE"
ok "--ambiguous=auto detects a normal (narrow) tmux" wait_same "$TMP/d-narrow"
ok "nothing past the right edge (A counted 1)" test "$(max_width)" -le 80
keys Q
wait_exit >/dev/null

# --- a terminal that answers late (slowterm.py holds the answer back, as
# a slow link would): the first screen does not wait for it, the answer
# re-lays everything out when it comes, is never taken for keys, and is
# remembered for the next start; a quick quit waits for it, so it does not
# reach the shell as typed text --------------------------------------------
REAL=$HERALD
SLOW="python3 '$top_srcdir/tests/screen/slowterm.py'"
slow() { # slow OPTIONS...: HERALD runs behind slowterm.py with them
	HERALD=$TMP/slow-herald
	printf '#!/bin/sh\nexec %s %s -- %s "$@"\n' "$SLOW" "$*" "'$REAL'" >"$HERALD"
	chmod +x "$HERALD"
}
rm -rf "$XDG_STATE_HOME/herald-tui" "$TMP/answered"
slow --hold 4 --mark "'$TMP/answered'"
start -P "$TMP/wide.so" --ambiguous=auto -p 1 -a 1 "$SAMPLE"
ok "a late answer: the first screen is up before it" wait_line 1 "$(sed -n 1p "$TMP/d-narrow")"
ok "... the answer is still held back" test ! -e "$TMP/answered"
ok "when it comes: laid out again, wide (and not taken for keys)" wait_same "$TMP/d-wide"
ok "... it was the answer that did it" test -e "$TMP/answered"
ok "... nothing past the right edge" test "$(max_width --wide)" -le 80
keys Q
ok "exits 0" test "$(wait_exit)" = 0

rm -f "$TMP/answered"
start -P "$TMP/wide.so" --ambiguous=auto -p 1 -a 1 "$SAMPLE"
ok "the next start is wide at once: the terminal's last answer, remembered" wait_same "$TMP/d-wide"
ok "... before the answer came" test ! -e "$TMP/answered"
keys Q
ok "exits 0 (without waiting for an answer held longer than it waits)" test "$(wait_exit)" = 0

# quit at once, the answer a tenth of a second behind the key: the shell
# that runs next must read nothing
cat >"$TMP/then-read.sh" <<'EOS'
"$@"
rc=$?
stty raw -echo min 0 time 10
dd bs=64 count=1 2>/dev/null | od -An -c >"$LEAK"
exit $rc
EOS
HERALD=$TMP/slow-herald
printf '#!/bin/sh\nLEAK=%s exec %s --hold 0.1 --type-after %s Q -- sh %s %s "$@"\n' \
    "'$TMP/leak'" "$SLOW" "山河科技报" "'$TMP/then-read.sh'" "'$REAL'" >"$HERALD"
chmod +x "$HERALD"
rm -f "$TMP/leak"
start --ambiguous=auto "$SAMPLE"
ok "quit on the first screen: exits 0" test "$(wait_exit)" = 0
ok "... and the answer, coming after the key, did not reach the shell" sh -c '
	test -f "$1" && ! test -s "$1" || { echo "the shell read: $(cat "$1")"; exit 1; }' - "$TMP/leak"
HERALD=$REAL

done_testing
