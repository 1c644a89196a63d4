#!/bin/sh
# suspend.sh: C-z stops the reader and gives the shell its screen back;
# fg brings the reader back with its screen as it was (ncurses' SIGTSTP
# handling; the key loop must survive the interruption).
. "${top_srcdir:?}/tests/screen/lib.sh"

if ! command -v bash >/dev/null 2>&1; then
	echo "1..0 # SKIP bash (a job-control shell) is not installed"
	exit 0
fi
next_server
cat >"$TMP/rc" <<EOF2
PS1='prompt\$ '
export TERM=xterm-256color LC_ALL=C.UTF-8 HOME='$HOME'
export XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_STATE_HOME='$XDG_STATE_HOME'
EOF2
tm new-session -d -s t -x 80 -y 24 "bash --noprofile --rcfile '$TMP/rc' -i"
ok "a job-control shell starts" wait_for 'prompt$'
type_text "'$HERALD' -p 1 -a 1 '$SAMPLE'"
keys Enter
ok "the reader starts in it" wait_for "01版 │ 1/3"
keys j j
# (the screen before j j said 01版 │ 1/3 too: wait for the line two down
# on top, then for the whole screen, before taking it)
wait_line 1 "$("$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" |
    sed -n 3p | sed 's/[[:space:]]*$//')" >/dev/null
settle
before=$(screen)
keys C-z
ok "C-z stops the reader: the shell says so" wait_for "Stopped"
ok "... and the reader's screen is gone" wait_gone "01版 │ 1/3"
type_text "fg"
keys Enter
ok "fg brings the reader back" wait_for "01版 │ 1/3"
same_screen() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		[ "$(screen)" = "$before" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diff "$TMP/nothing" - <<EOF3 2>/dev/null
$(screen)
EOF3
	return 1
}
ok "... with the same screen as before" same_screen
keys j
ok "and it still reads keys" wait_change "$before"
keys Q
ok "Q then gives the screen back" wait_gone "01版 │ 1/3"
type_text 'echo "st=$?"'
keys Enter
ok "... with exit status 0" wait_for "st=0"

done_testing
