#!/bin/sh
# incsearch.sh: the / prompt (issue 15). With [reader] incsearch (the
# default) the issue is searched as the needle is typed: the match is
# shown behind the prompt, whose right end says "match K/N" or "not
# found"; Esc goes back to where / was pressed, with the last search as
# it was; Enter keeps the match. Up and Down at the prompt walk the
# searches made before (newest first, kept in the state file for the
# sessions after), and come back to the text typed.
. "${top_srcdir:?}/tests/screen/lib.sh"

ISSUE=$TMP/long
long_issue "$ISSUE"

start -p 2 -a 5 "$ISSUE"
wait_for "02版 │ 5/5" >/dev/null
keys 5 j
wait_row 1 "第002段" >/dev/null
keys /
wait_for "/_" >/dev/null
type_text '第07版第03'
ok "typing searches: the match is shown before Enter" \
    wait_for "第07版第03篇的正文"
ok "the prompt's right end counts the match" wait_match "/第07版第03_ +match 1/2"
ok "the prompt stays up while typing" wait_for "/第07版第03_"
type_text '篇 测试标题X'
ok "a needle not in the issue: the prompt says so" wait_match "not found *$"
keys Escape
ok "Esc: back to the article where / was pressed" wait_for "02版 │ 5/5"
ok "... on the same line" wait_row 1 "第002段"
keys n
ok "... and no search was made: n has none to repeat" wait_for "No search yet"

keys /
type_text '第09版第02篇'
keys Enter
ok "Enter keeps the match" wait_for "09版 │ 2/4"
keys /
type_text '第11版第04篇'
keys Enter
wait_for "11版 │ 4/4" >/dev/null
keys /
wait_for "/_" >/dev/null
keys Up
ok "Up: the newest search" wait_for "/第11版第04篇_"
keys Up
ok "Up again: the one before" wait_for "/第09版第02篇_"
keys Up
ok "Up at the oldest stays there" wait_for "/第09版第02篇_"
keys Down
ok "Down: the newer one" wait_for "/第11版第04篇_"
keys Down
ok "Down past the newest: the text typed (none)" wait_for "/_"
type_text '第03'
# (the screen before Up Down had /第03_ already: Down once Up took it away)
wait_for "/第03_" >/dev/null
typed_back() { keys Up; wait_gone "/第03_" || return 1; keys Down; wait_for "/第03_"; }
ok "... and what was typed comes back" typed_back
keys C-u Up Enter
ok "Enter on a search from the history makes it" wait_for "11版 │ 4/4"
keys /
type_text '第09版第02篇'
keys Enter
wait_for "09版 │ 2/4" >/dev/null
keys / Up Up
ok "a search made again is the newest, once" wait_for "/第11版第04篇_"
keys Escape Q
wait_exit >/dev/null

# The searches are kept in the state file for the next session.
start "$ISSUE"
wait_for "第01版第01篇" >/dev/null
keys /
wait_for "/_" >/dev/null
keys Up
ok "a new session: Up recalls the last session's newest search" \
    wait_for "/第09版第02篇_"
keys Up
ok "... and the one before" wait_for "/第11版第04篇_"
keys Escape Q
wait_exit >/dev/null

done_testing
