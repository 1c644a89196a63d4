#!/bin/sh
# contents.sh: the contents pane and the reader (issue 14, defect 8): in a
# library the open issue's pages are listed under its own date, and the
# cursor rests on the article being read when the pane is shown.
. "${top_srcdir:?}/tests/screen/lib.sh"

for d in 2026-11-13 2026-11-20 2026-11-27; do
	mkdir -p "$TMP/lib/$d"
	cp "$SAMPLE"/*.md "$SAMPLE/issue.ini" "$TMP/lib/$d/"
done
start -x 60 -y 30 "$TMP/lib"
wait_for "front page │" >/dev/null
keys 2
wait_for "▸ 2026-11-27" >/dev/null
# from 01版 up to the issue of 11-20, and open it
keys k k Enter
wait_for "front page │" >/dev/null
keys 2
ok "the open issue is 11-20" wait_for "▸ 2026-11-20"
ok "... its pages right under its date" sh -c '
	screen=$(printf "%s\n" "$1" | sed "s/ *$//")
	n=$(printf "%s\n" "$screen" | grep -n "▸ 2026-11-20" | cut -d: -f1)
	printf "%s\n" "$screen" | sed -n "$((n + 1))p" | grep -q "^ *01版" || {
		printf "%s\n" "$screen"; exit 1; }' - "$(screen)"
ok "... and the next date after them" sh -c '
	screen=$(printf "%s\n" "$1")
	p=$(printf "%s\n" "$screen" | grep -n "01版" | head -n 1 | cut -d: -f1)
	d=$(printf "%s\n" "$screen" | grep -n "^ [ ●]   2026-11-27" | head -n 1 | cut -d: -f1)
	test "$d" -gt "$p" || { printf "%s\n" "$screen"; exit 1; }' - "$(screen)"
keys Q
wait_exit >/dev/null

# the cursor on the article being read: Enter opens it again
start -p 2 -a 2 "$SAMPLE"
wait_for "02版 │ 2/3" >/dev/null
keys 2
wait_for "contents │" >/dev/null
keys Enter
ok "the contents open with the cursor on the article read (02-2)" wait_for "02版 │ 2/3"
# ...and after ] on to 02-3, again
keys ']'
wait_for "02版 │ 3/3" >/dev/null
keys 2
wait_for "contents │" >/dev/null
keys Enter
ok "... and it follows the reader to 02-3" wait_for "02版 │ 3/3"
keys Q
wait_exit >/dev/null
done_testing
