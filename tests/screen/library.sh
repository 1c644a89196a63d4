#!/bin/sh
# library.sh: a library of issues (issue 15). Its list shows each issue's
# date, paper and number (as last opened), how many of its articles are
# read, "new" for one never opened and ● while some are not read; the
# read marks are kept in the state file (a new start shows them); q on an
# issue's front page goes back to the list, q there quits; u goes to the
# next article not read, on into the next issues (after the last, the
# first), and says when none is left, also past thousands read.
. "${top_srcdir:?}/tests/screen/lib.sh"
LIB=$TMP/lib
cp -R "$top_srcdir/tests/data/archive" "$LIB"

start "$LIB"
wait_for "front page" >/dev/null
keys q
ok "q on a library's issue: the library's list" wait_for "Issues"
ok "an issue never opened: ● and new" wait_match "^ ●   2025-11-17 +new$"
ok "the one open is marked ▸" wait_match "^ ● ▸ 2025-12-01"
keys q
ok "q on the list quits, status 0" test "$(wait_exit)" = 0

start "$LIB"
wait_for "front page" >/dev/null
keys u
ok "u: the first article not read, in this issue" wait_for "2025-12-01 │ 01版 │ 1/1"
keys u
ok "... then on into the next issue (after the last: the first)" \
    wait_for "2025-11-17 │ 01版 │ 1/2"
keys u
ok "... its next one" wait_for "2025-11-17 │ 01版 │ 2/2"
keys u
ok "... on to the next issue" wait_for "2025-11-24 │ 01版 │ 1/1"
keys u u
wait_for "2025-11-24 │ 02版 │ 2/2" >/dev/null
keys u
ok "all read: u says so" wait_for "No unread article after this one"
keys 2
ok "the list: each issue's date and paper, all read" \
    wait_match "^ +2025-11-17 山河科技报 +2/2 read$"
ok "... no ● left" sh -c "! tmux -L '$SOCK' capture-pane -p -t t | grep -q '●'"
keys q
wait_exit >/dev/null

start "$LIB"
wait_for "山河科技报" >/dev/null
keys 2
ok "a new start: the marks were kept in the state file" \
    wait_match "^   ▸ 2025-12-01 山河科技报 +1/1 read$"
ok "... for every issue read" wait_match "^ +2025-11-24 山河科技报 +3/3 read$"
keys q
wait_exit >/dev/null

# A new article in an issue read: ● again, its count one more.
printf '\n## 新增的一篇稿件\n\n本报讯 今天又有新消息。\n' >>"$LIB/2025-11-24/01.md"
printf '[issue]\ntitle = 山河科技报\ndate = 2025-11-24\nnumber = 46\n' >"$LIB/2025-11-24/issue.ini"
start "$LIB"
wait_for "山河科技报" >/dev/null
keys 2
wait_for "Issues" >/dev/null
keys g j Enter
wait_for "2025-11-24" >/dev/null
keys 2
ok "an issue with a new article (counted when opened) is unread again" \
    wait_match "^ ● ▸ 2025-11-24 山河科技报 第46期 +3/4 read$"
keys Q
wait_exit >/dev/null

# A page of 5,001 stories (a bound volume read as one file) read in turn
# to the 5,000th: every mark is kept (4,096 were, and the 4,097th came
# next), a run in the state file.
awk 'BEGIN { print "# 长卷日报\n"; for (i = 1; i <= 5001; i++)
	printf "## 第%d篇稿件\n\n本报讯 这是第%d篇的正文。\n\n", i, i }' >"$TMP/long.md"
start "$TMP/long.md"
wait_for "长卷日报" >/dev/null
keys Enter
wait_for "│ 1/5001" >/dev/null
keys "$(awk 'BEGIN { while (n++ < 4999) printf "]" }')"
ok "5,000 stories read in turn" wait_for "│ 5000/5001"
keys Q
wait_exit >/dev/null
ok "... kept as one run" grep -q " read=1.0-4999 " "$XDG_STATE_HOME/herald-tui/state"
start "$TMP/long.md"
wait_for "长卷日报" >/dev/null
keys u
ok "a new start: u opens the one story not read" wait_for "│ 5001/5001"
keys Q
wait_exit >/dev/null

done_testing
