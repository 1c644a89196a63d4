#!/bin/sh
# wholepage.sh: v (issue 15) reads the whole page, article after article
# as printed (the rows are --dump -p N's), with the same line on top as
# before; the status line follows the article at the top and says
# "page"; c and the jump lines still lead on, and on the next page the
# whole page is read too; v again is one article, on the same line; v
# from the front page opens the first article in its page.
. "${top_srcdir:?}/tests/screen/lib.sh"

ROWS=22
"$HERALD" --dump --width 80 -p 2 "$SAMPLE" | sed 's/[[:space:]]*$//' >"$TMP/page2"

start -p 2 -a 2 "$SAMPLE"
wait_for "02版 │ 2/3" >/dev/null
first=$(row 1)
keys v
ok "v: the whole page, said so" wait_for "The whole page 02版"
ok "... the same line on top" wait_line 1 "$(printf '%s' "$first" | sed 's/[[:space:]]*$//')"
ok "... the status line says page" wait_match "02版 │ 2/3 │ [0-9]+% │ page"
keys g
ok "g: the top of the page, as --dump -p 2 sets it" expect_top "$TMP/page2" 0
ok "... the status line names the article on top" wait_match "02版 │ 1/3 .*│ page"
keys G
ok "G: the end of the page, its last rows" \
    expect_top "$TMP/page2" $(($(wc -l <"$TMP/page2") - ROWS))
keys g
wait_match "02版 │ 1/3" >/dev/null
keys 0 2 ]
ok "2]: the article two on, in the page" wait_match "02版 │ 3/3 .*│ page"
keys '['
wait_match "02版 │ 2/3" >/dev/null
keys c
ok "c follows 下转第3版: page 3, read whole" wait_match "03版 │ 1/[0-9]+ .*│ page"
keys v
ok "v again: one article" wait_for "One article"
ok "... no longer the page" eventually sh -c \
    "! tmux -L '$SOCK' capture-pane -p -t t | grep -q '│ page'"
keys Q
wait_exit >/dev/null

rm -rf "$XDG_STATE_HOME"
start "$SAMPLE"
wait_for "本期导读" >/dev/null
keys v
ok "v on the front page: its first article, in the whole page" \
    wait_match "01版 │ 1/[0-9]+ .*│ page"
keys Q
wait_exit >/dev/null

done_testing
