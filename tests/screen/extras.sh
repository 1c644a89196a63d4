#!/bin/sh
# extras.sh: a library directory (issues by date above the contents; opening
# another issue), an unknown TERM (a message, status 1, no curses), and
# NO_COLOR (attributes only, no colours).
. "${top_srcdir:?}/tests/screen/lib.sh"

# A library: the sample twice, under two dates, the older one cut to page 1.
lib=$TMP/library
mkdir -p "$lib/2026-11-20" "$lib/2026-11-27"
cp "$SAMPLE"/*.md "$SAMPLE/issue.ini" "$lib/2026-11-27/"
cp "$SAMPLE/01.md" "$lib/2026-11-20/"
start "$lib"
ok "a library opens on its newest issue" wait_for "本期导读"
keys 2
ok "the contents lists the issues by date" wait_for "2026-11-20"
ok "... the newest marked as open" wait_for "▸ 2026-11-27"
ok "... above the pages of the open issue" wait_for "04版"
keys g
keys Enter
ok "opening the other issue shows its front page" wait_for "front page │"
keys 2
ok "... and the contents now mark it open" wait_for "▸ 2026-11-20"
ok "... with only its one page" wait_gone "04版 科普"

# An unknown terminal type.
next_server
cat >"$TMP/bogus.sh" <<EOS
$PANE_WATCH
TERM=no-such-terminal-xyz '$HERALD' '$SAMPLE' 2>'$TMP/bogus.err'
echo \$? >'$TMP/bogus.status'
exec sleep 3600
EOS
tm new-session -d -s t -x 80 -y 24 "sh '$TMP/bogus.sh'"
bogus_done() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ] && [ ! -s "$TMP/bogus.status" ]; do
		sleep 0.1
		i=$((i + 1))
	done
	test "$(cat "$TMP/bogus.status" 2>/dev/null)" = 1
}
ok "an unknown TERM: exit status 1" bogus_done
ok "... with a message naming it" grep -qF "unknown terminal type 'no-such-terminal-xyz'" "$TMP/bogus.err"

# NO_COLOR: no colour sequences at all, but attributes (bold headline).
colours() {
	tm capture-pane -e -p -t t | grep -cE '\[[0-9;]*(3[0-7]|4[0-7]|38;5;[0-9]+|48;5;[0-9]+)m'
}
start -p 1 -a 1 "$SAMPLE"
wait_for "01版 │ 1/3" >/dev/null
ok "by default there are colours" test "$(colours)" -gt 0
start -e NO_COLOR=1 -p 1 -a 1 "$SAMPLE"
wait_for "01版 │ 1/3" >/dev/null
ok "NO_COLOR: no colours" test "$(colours)" -eq 0
ok "NO_COLOR: the headline is still bold" sh -c 'tmux -u -L "$1" -f /dev/null capture-pane -e -p -t t | grep -q "\[1m"' _ "$SOCK"

done_testing
