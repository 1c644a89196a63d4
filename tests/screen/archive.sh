#!/bin/sh
# archive.sh: S searches the library's archive (issue 17). A library of
# three issues (tests/data/archive) with no index yet: S asks for a query,
# the library is indexed while idle (said in the status line), the stories
# found are listed (date · page · headline, a snippet with the match
# marked); Enter opens the issue at that article with the match shown,
# Backspace returns to the results; o orders them by rank and back. On
# one issue, S says what it is for.
. "${top_srcdir:?}/tests/screen/lib.sh"
LIB=$top_srcdir/tests/data/archive

start "$LIB"
wait_for "山河科技报" >/dev/null
keys S
ok "S opens the archive prompt" wait_row 23 "Archive: _"
type_text "量子通信"
keys Enter
ok "the library is indexed while idle, and the status line says so" wait_for "The archive is indexed: 3 issues"
ok "the story is listed: date · page · headline" wait_for "2025-11-24 · 2版 · 城际干线全线贯通"
ok "under it a snippet around the hit" wait_for "之间的量子通信业务"
ok "the match is marked in the snippet" highlighted "量子通信"
ok "the status line names the query and the count" wait_row 23 "量子通信 │ 1 story"
ok "only the story with the word is listed" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -q "地热供暖\|生态大会"' - "$SOCK"
keys Enter
ok "Enter leaves the results" wait_gone "2025-11-24 · 2版 ·"
ok "for the article" wait_for "城际干线全线贯通"
ok "of the issue of the hit, on its page" wait_for "02版"
ok "with the word on the screen" wait_for "量子通信业务今日开通"
ok "and marked" highlighted "量子通信"
keys BSpace
ok "Backspace returns to the results" wait_for "2025-11-24 · 2版 · 城际干线全线贯通"
keys S
ok "S again: the prompt" wait_row 23 "Archive: _"
type_text "开源"
keys Enter
ok "a two-character query: both stories, newest first" wait_for "2025-11-24 · 1版 · 生态大会在临江召开"
ok "the older one below" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -n "2025-11-17 · 1版 · 青川芯处理器量产" | grep -qv "^[12]:"' - "$SOCK"
ok "the status line says the order" wait_match "开源 │ 2 stories │ newest"
# the snippets of a two-character word are made once the stories are
# sorted, read in the order of the index's rows (the older issue's
# first): each stays under its own story
ok "each story's snippet under it" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -A1 "生态大会在临江召开" | grep -q "开源软件企业齐聚一堂" && tmux -L "$1" capture-pane -p -t t | grep -A1 "青川芯处理器量产" | grep -q "国产开源芯片迈入规模应用"' - "$SOCK"
keys o
ok "o: by rank" wait_match "开源 │ 2 stories │ by rank"
ok "... the same stories" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -q "青川芯处理器量产" && tmux -L "$1" capture-pane -p -t t | grep -q "生态大会在临江召开"' - "$SOCK"
keys o
ok "o again: newest first" wait_match "开源 │ 2 stories │ newest"
keys q
ok "q from the results goes to the front page" wait_gone "2025-11-24 · 1版"

start "$LIB/2025-12-01"
wait_for "地热供暖" >/dev/null
keys S
ok "S on one issue: a message, no prompt" wait_for "The archive search is for a library"
done_testing
