#!/bin/sh
# paging.sh: at 80x24 every page-down key (Space, PgDn, f) moves the front
# page, the contents and the article by exactly one screen less one row
# (22 text rows: a step of 21), and every page-up key (b, PgUp) moves
# back as far; the screen after each step is compared row by row with the
# pane's whole text. The issue is generated so long that three steps stay
# clear of the end stop. The oracles: the same pane in a 200-row terminal
# (every row on one screen) for the lists, --dump for the article.
. "${top_srcdir:?}/tests/screen/lib.sh"

ISSUE=$TMP/long
long_issue "$ISSUE"
ROWS=22 # text rows at 80x24: the tab bar and the status line aside
STEP=21

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

# whole_list TEXT KEYS...: the text rows of a pane in a 200-row terminal
# after KEYS, once TEXT (of that pane's status line) is shown, trailing
# blank rows removed: every row of the list.
whole_list() {
	start -y 200 "$ISSUE"
	wait_for "第01版第01篇" >/dev/null
	wl_text=$1
	shift
	keys "$@"
	wait_for "$wl_text" >/dev/null
	settle
	text_rows | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
	keys Q Q
	wait_exit >/dev/null
}

# --- the front page -----------------------------------------------------------
whole_list "front page │" >"$TMP/front"
start "$ISSUE"
wait_for "第01版第01篇" >/dev/null
page_through "front page" "$TMP/front"
keys Q
wait_exit >/dev/null

# --- the contents ---------------------------------------------------------------
whole_list "contents │" 2 >"$TMP/contents"
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
