#!/bin/sh
# mouse.sh: with [reader] mouse = yes the wheel scrolls, a click on a tab
# switches panes, a click selects a row and a second click opens it, a
# click on a jump line follows it, a drag selects rows that y copies; by
# default (issue 15) the terminal's
# mouse is left alone, so that text can be selected, as in less and mutt.
# Mouse events are typed into the pane as the SGR (1006) reports a
# terminal sends.
. "${top_srcdir:?}/tests/screen/lib.sh"

# click X Y (0-based cell): press and release of button 1.
click() {
	type_text "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' $(($1 + 1)) $(($2 + 1)) $(($1 + 1)) $(($2 + 1)))"
}
# drag X1 Y1 X2 Y2: button 1 pressed at one cell, released at another a
# moment later (as a hand does: sent together, ncurses folds them into one)
drag() {
	type_text "$(printf '\033[<0;%d;%dM' $(($1 + 1)) $(($2 + 1)))"
	sleep 0.3
	type_text "$(printf '\033[<0;%d;%dm' $(($3 + 1)) $(($4 + 1)))"
}
# wheel_down X Y
wheel_down() {
	type_text "$(printf '\033[<65;%d;%dM' $(($1 + 1)) $(($2 + 1)))"
}
mouse_on() {
	test "$(tm display-message -p -t t '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}')" != 000
}

"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d11"
list=$("$HERALD" --list "$SAMPLE")
head11=$(printf '%s\n' "$list" | sed -n 's/^  01-1 \(.*\)$/\1/p' | sed 's/  ([上下][接转]第[0-9]*版)//g')

mkdir -p "$XDG_CONFIG_HOME/herald-tui"
printf '[reader]\nmouse = yes\n' >"$XDG_CONFIG_HOME/herald-tui/config.ini"
start -p 1 "$SAMPLE"
wait_for "本期导读" >/dev/null
ok "mouse = yes: the reader asks the terminal for mouse reports" mouse_on
click 12 0
ok "a click on the '2 Contents' tab shows the contents" wait_for "contents │"
# Row 2 of the screen is the first article of page 1.
ok "row 2 holds the first article" wait_row 2 "$head11"
click 10 2
settle
ok "a first click only selects" wait_for "contents │"
click 10 2
ok "a second click opens it" wait_for "01版 │ 1/3"
wheel_down 10 5
ok "the wheel scrolls three lines" wait_line 1 "$(sed -n 4p "$TMP/d11")"
keys G
wait_for "▼▼ 下转第2版" >/dev/null
y=$(screen | grep -n "▼▼ 下转第2版" | head -1 | cut -d: -f1)
click 3 $((y - 1))
ok "a click on the jump line follows it" wait_for "02版 │"

# A press and a release on different rows select the rows between; y
# copies them (OSC 52, which tmux keeps as a buffer) instead of the
# article.
start -p 1 -a 1 "$SAMPLE"
wait_for "01版 │ 1/3" >/dev/null
tm set-option -g set-clipboard on >/dev/null
drag 6 3 20 5
ok "a drag over three rows selects them" wait_for "3 lines selected: y copies them"
selected() {
	tm capture-pane -e -p -t t |
	    python3 "$top_srcdir/tests/screen/cells.py" "$1" 0 attrs |
	    grep -q "attrs=\(.*,\)\?7\(,.*\)\?$"
}
first=$(sed -n 3p "$TMP/d11" | python3 -c 'import sys; print(sys.stdin.read().strip()[:4])')
ok "... drawn apart" eventually selected "$first"
keys y
ok "y copies the selection" wait_for "Copied 3 lines (the selection) to the clipboard"
sed -n 3,5p "$TMP/d11" >"$TMP/want-sel"
tm save-buffer "$TMP/sel.txt" 2>/dev/null
ok "... tmux received those lines" sh -c 'sed "s/[[:space:]]*$//" "$1" | cmp -s - "$2" || { diff "$2" "$1"; exit 1; }' - "$TMP/sel.txt" "$TMP/want-sel"
keys y
ok "y again: the whole article (the selection was copied)" \
    wait_match "Copied [0-9]+ lines to the clipboard"

rm -f "$XDG_CONFIG_HOME/herald-tui/config.ini"
start -p 1 "$SAMPLE"
wait_for "本期导读" >/dev/null
ok "by default the terminal's mouse is left alone (text can be selected)" test "$(tm display-message -p -t t "#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}")" = 000
rm -f "$XDG_CONFIG_HOME/herald-tui/config.ini"

done_testing
