#!/bin/sh
# names.sh: names from the file system on the screen. A library whose issue
# directories are named with a newline, a tab, an escape sequence and
# invalid UTF-8: each name is one row of the contents, with U+FFFD where a
# control character or a bad byte was; the rows below stay intact; no byte
# of an escape sequence reaches the terminal (the pane's output is read
# with pipe-pane); the tab bar titles an untitled issue the same way; a
# page file with such a name that fails to load is named the same way in
# the status line.
. "${top_srcdir:?}/tests/screen/lib.sh"

R=$(printf '\357\277\275')	# U+FFFD, the mark
NL='
'
TAB=$(printf '\t')
ESC=$(printf '\033')
BEL=$(printf '\007')
lib=$TMP/library
mkdir -p "$lib"
for n in "2025-11-01${NL}evil" "2025-11-02${TAB}tab" \
    "$(printf '2025-11-03\377\376')" "2025-11-04${ESC}]2;PWNED${BEL}x" \
    "2025-11-05${ESC}[7mrev"; do
	mkdir "$lib/$n"
	# No masthead: the issue is titled with its directory's name.
	printf '导语一段。\n\n## 标题%s\n\n正文。\n' "${n%%[!0-9-]*}" >"$lib/$n/01.md"
done
mkdir "$lib/2025-11-06"
printf '导语。\n\n## 最新一期\n\n正文。\n' >"$lib/2025-11-06/01.md"

start "$lib"
wait_for "最新一期" >/dev/null
tm pipe-pane -t t -o "cat >>'$TMP/bytes'"
keys 2
ok "the library's issues are listed" wait_for "▸ 2025-11-06"
ok "a newline in a name: one row, marked" wait_row 2 " ●   2025-11-01${R}evil"
ok "a tab in a name: marked" wait_row 3 " ●   2025-11-02${R}tab"
ok "invalid UTF-8 in a name: marked" wait_row 4 " ●   2025-11-03${R}${R}"
ok "an OSC sequence in a name: its ESC and BEL marked" \
    wait_row 5 " ●   2025-11-04${R}]2;PWNED${R}x"
ok "a CSI sequence in a name: its ESC marked" wait_row 6 " ●   2025-11-05${R}[7mrev"
ok "the row after them is intact" wait_row 7 " ● ▸ 2025-11-06"
ok "the pages of the open issue follow" wait_row 8 "  01版  "
# A full redraw, then the bytes the reader wrote.
resize 70 20
resize 80 24
wait_for "▸ 2025-11-06" >/dev/null
no_escape() {
	test -s "$TMP/bytes" || { echo "no output captured"; return 1; }
	grep -q "2025-11-04" "$TMP/bytes" || { echo "the names were not captured"; return 1; }
	! grep -aqF "${ESC}]2;PWNED" "$TMP/bytes" && ! grep -aqF "${ESC}[7mrev" "$TMP/bytes" &&
	    ! grep -aqF "PWNED${BEL}" "$TMP/bytes"
}
ok "no escape sequence of a name reaches the terminal" no_escape
ok "the terminal's title is untouched" sh -c '! tmux -u -L "$1" -f /dev/null display-message -p -t t "#{pane_title}" | grep -q PWNED' _ "$SOCK"

# Open the issue with the OSC in its name: the tab bar's title is marked.
keys g j j j Enter
ok "an untitled issue's title in the tab bar is marked" \
    wait_row 0 "2025-11-04${R}]2;PWNED${R}x"
ok "... and in the status line" wait_match "^ 2025-11-04${R}]2;PWNED${R}x │ front page"
ok "... the tab bar is still one row" wait_row 1 "2025-11-04"

# A page that fails to load, named with an escape sequence: the status
# line names it with the mark.
is=$TMP/issue
mkdir -p "$is"
printf '# 报\n\n## 头版\n\n正文。\n' >"$is/01.md"
printf 'bad\000bytes' >"$is/02${ESC}[7mX.md"
start "$is"
ok "a page that fails is named in the status line, marked" \
    wait_for "02${R}[7mX.md: binary file"

done_testing
