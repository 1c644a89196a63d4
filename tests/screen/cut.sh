#!/bin/sh
# cut.sh: text cut at the edge says so (issue 14, defects 1 and 6): a
# contents title ends with … before its page number, a front-page first
# line ends with …, the status line drops whole fields from the right
# (never a stray │), and the "terminal too small" notice wraps its words
# so it can be read down to 10x3.
. "${top_srcdir:?}/tests/screen/lib.sh"

status_row() {
	h=$(tm display-message -p -t t '#{pane_height}')
	row $((h - 1))
}
# The status row is whole " │ "-separated fields: no │ at its end, and no
# field is cut (each is one of the fields at 120 columns; how far into
# the article, N%, changes with the width).
whole_fields() {	# whole_fields NARROW WIDE
	printf '%s\n' "$1" | sed 's/ *$//' | grep -q '│$' && { echo "stray │: $1"; return 1; }
	printf '%s\n' "$1" | sed 's/^ *//; s/ *$//; s/ │ /\n/g' | grep -vx '[0-9]*%' | while IFS= read -r f; do
		printf '%s\n' "$2" | sed 's/^ *//; s/ *$//; s/ │ /\n/g' | grep -qxF -- "$f" || {
			echo "cut field '$f' in '$1' (wide: '$2')"; exit 1; }
	done
}

start -x 10 -y 3 "$SAMPLE"
ok "10x3: the notice is there" wait_line 0 "terminal"
ok "... its words wrapped: too small" test "$(row 1 | sed 's/ *$//')" = "too small"
ok "... the rest marked cut" test "$(row 2 | sed 's/ *$//')" = "(10x3,…"
resize 19 5 >/dev/null
ok "19x5: the whole notice on two rows" wait_match "^\(19x5, need 20x6\)"

resize 40 24 >/dev/null
wait_match "front page │" >/dev/null
keys 2
ok "contents at 40 columns: a cut title ends with … before its page" \
    wait_match "《山河省科技成果转化条例》明年… 03版$"
ok "... never a digit of the title against the page number" sh -c '! printf "%s\n" "$1" | grep -q "明年3 03版"' - "$(screen)"
keys 1
ok "front page at 40 columns: the lead's text cut short ends with …" \
    wait_match "^在青川高新区下线，青川芯源微电子有限公…$"
keys G
ok "... and so does a story's first line" \
    wait_match "^ +11月25日，连接青川、临江两市的量…$"

resize 120 24 >/dev/null
# the wide status once lazy loading has counted every page
wait_match "front page │.*4 of 4 pages here" >/dev/null
settle
wide=$(status_row)
for c in 40 20; do
	resize $c 24 >/dev/null
	settle
	ok "front page, $c columns: whole status fields" whole_fields "$(status_row)" "$wide"
done
ok "20 columns: the tab bar ends with …" sh -c 'printf "%s\n" "$1" | sed "s/ *$//" | grep -q "…$"' - "$(row 0)"
keys 2
resize 120 24 >/dev/null
wait_match "contents │ 4 pages │ 12 articles" >/dev/null
settle
wide=$(status_row)
for c in 40 20; do
	resize $c 24 >/dev/null
	settle
	ok "contents, $c columns: whole status fields" whole_fields "$(status_row)" "$wide"
done
keys Q
wait_exit >/dev/null

start -x 120 -y 10 -p 1 -a 1 "$SAMPLE"
wait_match "下转第2版" >/dev/null
settle
wide=$(status_row)
for c in 40 28 20; do
	resize $c 10 >/dev/null
	settle
	ok "article, $c columns: whole status fields" whole_fields "$(status_row)" "$wide"
done
keys Q
wait_exit >/dev/null
done_testing
