#!/bin/sh
# counts.sh: a count before a key (issue 15). 5j and 4k move that many
# lines, 4 Space four screens, 12g and 12G put line 12 on top, 50% the
# middle; a digit bound to a key (1 2 3) starts no count, so 012g is line
# 12; Esc drops a count; the count shows in the status line while typed.
# In the lists 5j moves the selection five rows; 4] goes four articles
# on, 4} four pages; : asks for a page (7 then : goes at once); 4n skips
# matches; 50% of the help scrolls it. The oracle for the article rows
# is --dump at 80 columns.
. "${top_srcdir:?}/tests/screen/lib.sh"

ISSUE=$TMP/long
long_issue "$ISSUE"
ROWS=22

"$HERALD" --dump --width 80 -p 2 -a 5 "$ISSUE" | sed 's/[[:space:]]*$//' >"$TMP/article"
total=$(wc -l <"$TMP/article")

# --- the article pane ---------------------------------------------------------
start -p 2 -a 5 "$ISSUE"
wait_for "02版 │ 5/5" >/dev/null
ok "the top" expect_top "$TMP/article" 0
keys 5
ok "a count shows in the status line as it is typed" wait_for "count 5"
keys j
ok "5j: five lines down" expect_top "$TMP/article" 5
ok "the count is gone from the status line after the key" wait_gone "count 5"
keys 4 k
ok "4k: four lines up" expect_top "$TMP/article" 1
keys 4 Space
ok "4 Space: four screens (21 rows each) down" expect_top "$TMP/article" 85
keys 1 2 g
# 1 is the front page's key: it acts at once, 2 then is the contents'
ok "a bound digit (1) is not a count: it switches pane" wait_for "contents │"
keys 3
wait_for "02版 │ 5/5" >/dev/null
keys 0 1 2 g
ok "012g: line 12 on top (0 starts a count, then every digit counts)" \
    expect_top "$TMP/article" 11
keys G
ok "G alone: the end" expect_top "$TMP/article" $((total - ROWS))
keys 0 3 0 G
ok "030G: line 30 on top, as less's 30G" expect_top "$TMP/article" 29
keys 5 0 %
mid=$((total / 2))
ok "50%: the middle line on top" expect_top "$TMP/article" $mid
keys 7 Escape j
ok "Esc drops a count: j then moves one line" expect_top "$TMP/article" $((mid + 1))
keys %
ok "% alone: the top, as less's" expect_top "$TMP/article" 0
keys Q
wait_exit >/dev/null

# --- lists, articles, pages ---------------------------------------------------
rm -rf "$XDG_STATE_HOME"	# from the front page, not the place left above
start "$ISSUE"
wait_for "第01版第01篇" >/dev/null
keys 5 j Enter
ok "5j on the front page: five rows down (article 6)" wait_for "01版 │ 6/30"
keys 4 ]
ok "4]: four articles on" wait_for "01版 │ 10/30"
keys 5 [
ok "5[: five articles back" wait_for "01版 │ 5/30"
keys 4 '}'
ok "4}: four pages on (05版)" wait_for "05版 │ 1/4"
keys 9 9 '}'
ok "99}: as far as there are pages (12版)" wait_for "12版 │ 1/4"
keys :
ok ": asks for a page" wait_for "Go to page: "
type_text 6
keys Enter
ok ":6 Enter: page 6" wait_for "06版 │ 1/4"
keys 7 :
ok "7: goes to page 7 at once" wait_for "07版 │ 1/4"
keys : x Enter
ok "a page that is no number is told" wait_for "Not a page number: x"
keys 4 0 :
ok "a page the issue lacks is told" wait_match "[Pp]age 40"
keys Q
wait_exit >/dev/null
rm -rf "$XDG_STATE_HOME"
start "$ISSUE"
wait_for "第01版第01篇" >/dev/null
keys 2
wait_for "contents │" >/dev/null
keys 0 1 0 j Enter
# the contents open on the row of 01版: ten rows down is its article 10
ok "010j in the contents: ten rows down (1 would be the front page)" \
    wait_for "01版 │ 10/30"
keys Q
wait_exit >/dev/null

# --- search -------------------------------------------------------------------
rm -rf "$XDG_STATE_HOME"
start "$ISSUE"
wait_for "第01版第01篇" >/dev/null
keys /
type_text '测试标题'
keys Enter
ok "the first match" wait_for "match 1/"
keys 4 n
ok "4n: four matches on" wait_for "match 5/"
keys 4 N
ok "4N: four matches back" wait_for "match 1/"
keys Q Q
wait_exit >/dev/null

# --- a list with nothing to select: the help ---------------------------------
# 50% and 100% scroll it there, as in the article (they did not move it:
# the row aimed at was to be selected, and none can be).
start "$ISSUE"
wait_for "front page" >/dev/null
keys "?"
ok "the help from its first line" wait_row 1 "herald-tui: keys"
keys 0 5 0 %
ok "050% in the help: its first line gone" wait_gone "herald-tui: keys"
keys 0 1 0 0 %
ok "0100%: its last line shown" wait_for "herald-tui(1)."
keys %
ok "% alone: its top" wait_row 1 "herald-tui: keys"
keys q Q
wait_exit >/dev/null

done_testing
