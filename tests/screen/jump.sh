#!/bin/sh
# jump.sh: jump lines are links. c follows this article's continuation,
# Enter follows the jump line on the screen; both land on the continuation
# on page 2, and Backspace returns to the exact line that was on top.
. "${top_srcdir:?}/tests/screen/lib.sh"

list=$("$HERALD" --list "$SAMPLE")
cont=$(printf '%s\n' "$list" | sed -n 's/^  02-\([0-9]*\) .*(上接第1版).*/\1/p' | head -1)
ok "the sample has a continuation from page 1 on page 2" test -n "$cont"
"$HERALD" --dump --width 80 -p 2 -a "${cont:-1}" "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d2"
"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/d1"
head2=$(sed -n 1p "$TMP/d2")

start -p 1 -a 1 "$SAMPLE"
wait_for "下转第2版" >/dev/null
keys j j j
wait_line 1 "$(sed -n 4p "$TMP/d1")" >/dev/null
before=$(row 1)
keys c
ok "c opens the continuation on page 2" wait_for "02版 │ $cont/"
ok "the continuation starts with its headline" wait_row 1 "$head2"
ok "the continuation shows 上接第1版" wait_for "上接第1版"
keys BSpace
ok "Backspace returns to page 1" wait_for "01版 │ 1/"
ok "Backspace returns to the same line" wait_line 1 "$before"

# Enter on the jump line at the end of the article.
keys G
ok "G shows the jump line" wait_for "▼▼ 下转第2版"
keys j
settle
bottom=$(row 1)
keys Enter
ok "Enter on the jump line opens the continuation" wait_for "02版 │ $cont/"
ok "... at its headline" wait_row 1 "$head2"
keys h
ok "h goes back to the jump line's screen" wait_for "▼▼ 下转第2版"
ok "... with the same line on top" wait_line 1 "$bottom"

# The 上接 line of the continuation leads back to page 1.
keys c
wait_for "02版 │ $cont/" >/dev/null
keys Enter
ok "Enter on 上接第1版 opens the start of the article" wait_for "01版 │ 1/"
keys Left
ok "Left goes back as well" wait_for "02版 │ $cont/"

# [reader] continuous = yes: one text across the pages.
mkdir -p "$XDG_CONFIG_HOME/herald-tui"
printf '[reader]\ncontinuous = yes\n' >"$XDG_CONFIG_HOME/herald-tui/config.ini"
start -p 1 -a 1 "$SAMPLE"
wait_for "下转第2版" >/dev/null
keys G
ok "continuous: the end of the article is the continuation's end" wait_for "02版 │ $cont/"
# Scrolling up from the end, both jump lines share one screen.
both_jumps() {
	n=0
	while [ $n -lt 60 ]; do
		s=$(screen)
		case $s in *下转第2版*上接第1版*) return 0 ;; esac
		keys k
		wait_change "$s" || return 1
		n=$((n + 1))
	done
	return 1
}
ok "continuous: page 1's end runs on into page 2's text" both_jumps
rm -f "$XDG_CONFIG_HOME/herald-tui/config.ini"

done_testing
