#!/bin/sh
# hints.sh: every hint on the screen names the live bindings: with [keys]
# rebinding quit, help, continue, search and next-article, the help's
# status line, the 下转 hint, "no search yet", the end of an article and
# an unbound key's message say the new keys (issue 14, defect 2).
. "${top_srcdir:?}/tests/screen/lib.sh"

printf '[keys]\nquit = x\nhelp = h\ncontinue = C\nsearch = S\nnext-article = N\n' >"$TMP/keys.ini"
start -c "$TMP/keys.ini" "$SAMPLE"
wait_for "front page │" >/dev/null
keys h
ok "help: the status line names the quit key in force" wait_for "help │ x to return"
ok "... not q" sh -c '! printf "%s" "$1" | grep -q "q to return"' - "$(screen)"
keys x
ok "... and that key returns" wait_for "front page │"
keys q
ok "an unbound key's message names the help key" wait_for "Key q is not bound (h for help)"
keys n
ok "no search yet: names the search key" wait_for "No search yet: press S first"
keys x
wait_exit >/dev/null

start -c "$TMP/keys.ini" -p 1 -a 1 "$SAMPLE"
ok "the 下转 hint names the continue key" wait_for "C: 下转第2版"
keys G " "
ok "the end of an article names the next-article key" wait_for "End of the article: N for the next one"
keys Q
wait_exit >/dev/null
done_testing
