#!/bin/sh
# paging.sh: at 80x24 every page-down key (Space, PgDn, f) moves the front
# page, the contents and the article by exactly one screen less one row
# (22 text rows: a step of 21), and every page-up key (b, PgUp) moves
# back as far; the screen after each step is compared row by row with the
# pane's whole text. The issue is generated so long that three steps stay
# clear of the end stop. The oracles: the same pane in a 200-row terminal
# (every row on one screen) for the lists, --dump for the article.
. "${top_srcdir:?}/tests/screen/lib.sh"

# 12 pages: the first with 30 articles (a front page of ~90 rows), the
# others with 4 (a contents of ~86 rows); 02-5 is 180 lines at 80 columns.
ISSUE=$TMP/long
mkdir -p "$ISSUE"
for p in 01 02 03 04 05 06 07 08 09 10 11 12; do
	: >"$ISSUE/$p.md"
	na=4
	[ $p = 01 ] && na=30
	a=1
	while [ $a -le $na ]; do
		printf '## 第%s版第%02d篇 测试标题\n\n第%s版第%02d篇的正文，只有一段。\n\n' \
		    $p $a $p $a >>"$ISSUE/$p.md"
		a=$((a + 1))
	done
done
{
	printf '## 长文\n\n'
	i=1
	while [ $i -le 60 ]; do
		printf '第%03d段：这是一段用来测试翻页步长的正文，写得足够长，好占满终端的一整行还要多出一些字来。\n\n' $i
		i=$((i + 1))
	done
} >>"$ISSUE/02.md"

ROWS=22 # text rows at 80x24: the tab bar and the status line aside
STEP=21

# expect_top FILE TOP: the text rows are lines TOP+1 .. TOP+ROWS of FILE
# (trailing blanks removed), until they are.
expect_top() {
	sed -n "$(($2 + 1)),$(($2 + ROWS))p" "$1" >"$TMP/want"
	n=$(wc -l <"$TMP/want")
	while [ "$n" -lt $ROWS ]; do
		echo >>"$TMP/want"
		n=$((n + 1))
	done
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		text_rows >"$TMP/got"
		cmp -s "$TMP/want" "$TMP/got" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "want rows $(($2 + 1))..$(($2 + ROWS)) of the whole text on top; diff want got:"
	diff "$TMP/want" "$TMP/got"
	return 1
}

# page_through NAME FILE: from the top of a pane whose whole text is FILE,
# Space, PgDn and f each move down a step, b and PgUp each back one.
page_through() {
	pn=$1 whole=$2
	total=$(wc -l <"$whole")
	ok "$pn: long enough that three steps do not reach the end" \
	    test "$total" -ge $((3 * STEP + ROWS))
	ok "$pn: the top" expect_top "$whole" 0
	keys Space
	ok "$pn: Space pages down one step" expect_top "$whole" $STEP
	keys NPage
	ok "$pn: PgDn pages down one more" expect_top "$whole" $((2 * STEP))
	keys f
	ok "$pn: f pages down one more" expect_top "$whole" $((3 * STEP))
	keys b
	ok "$pn: b pages up one step" expect_top "$whole" $((2 * STEP))
	keys PPage
	ok "$pn: PgUp pages up one more" expect_top "$whole" $STEP
}

# whole_list KEYS...: the text rows of a pane in a 200-row terminal after
# KEYS, trailing blank rows removed: every row of the list.
whole_list() {
	start -y 200 "$ISSUE"
	wait_for "第01版第01篇" >/dev/null
	keys "$@"
	settle
	wait_for "│" >/dev/null
	text_rows | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	keys Q Q
	wait_exit >/dev/null
}

# --- the front page -----------------------------------------------------------
whole_list >"$TMP/front"
start "$ISSUE"
wait_for "第01版第01篇" >/dev/null
page_through "front page" "$TMP/front"
keys Q
wait_exit >/dev/null

# --- the contents ---------------------------------------------------------------
whole_list 2 >"$TMP/contents"
ok "the whole contents begins with 01版" grep -q '^01版' "$TMP/contents"
start "$ISSUE"
wait_for "第01版第01篇" >/dev/null
keys 2
wait_for "contents │" >/dev/null
page_through "contents" "$TMP/contents"
keys Q Q
wait_exit >/dev/null

# --- the article --------------------------------------------------------------------
"$HERALD" --dump --width 80 -p 2 -a 5 "$ISSUE" | sed 's/[[:space:]]*$//' >"$TMP/article"
start -p 2 -a 5 "$ISSUE"
wait_for "02版 │ 5/5" >/dev/null
page_through "article" "$TMP/article"
keys Q
wait_exit >/dev/null

done_testing
