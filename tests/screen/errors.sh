#!/bin/sh
# errors.sh: mistakes in the config and pages that fail to load, as the
# reader shows them. A config that unbinds every way to quit still quits
# with q; several pages of an issue that cannot be read are all reported
# (the first in full, then how many more), marked as failed in the front
# page and the contents, and contents entries that name them keep a mark.
. "${top_srcdir:?}/tests/screen/lib.sh"

# --- a config that leaves no key to quit with: refused, q still quits ------
printf '[keys]\nquit = none\nquit-now = none\n' >"$TMP/noquit.ini"
start -C "$TMP" -c noquit.ini "$SAMPLE"
wait_for "front page │" >/dev/null
keys q
exits_ok() { test "$(wait_exit)" = 0; }
ok "quit = none with quit-now = none: q still quits" exits_ok
ok "... and the warning named the file and line" wait_for "noquit.ini:3: [keys] quit-now: no key"

# --- several pages that cannot be read --------------------------------------
# The sample with pages 2 and 3 binary and a page 5 that is a FIFO (never
# waited on); page 4 reads.
is=$TMP/fail
mkdir -p "$is"
cp "$SAMPLE"/*.md "$SAMPLE/issue.ini" "$is/"
printf 'x\000y' >"$is/02.md"
printf '\000' >"$is/03.md"
mkfifo "$is/05.md"
# (started in $TMP: the pages are named fail/02.md whatever TMPDIR is)
start -C "$TMP" -x 120 -y 40 fail
ok "every failure is reported: the first in full, then the count" \
    wait_for "fail/02.md: binary file (NUL bytes), not an issue (and 2 more pages failed)"
ok "the front page names the failed pages" \
    wait_for "3 pages failed to load: 02版 03版 05版 (see the contents)"
attrs() { tm capture-pane -e -p -t t | grep -aF -- "$1"; }
dim_entry() {
	attrs "$1" | grep -q "$(printf '\033')\[2m" || { echo "not dim:"; attrs "$1" | cat -v; return 1; }
}
ok "... a contents-box entry for a failed page is dimmed, as an absent one" \
    dim_entry "在海拔4,200米守望宇宙线"
not_dim_entry() { ! dim_entry "$1"; }
ok "... one for a page that read is not" not_dim_entry "TECH IN ENGLISH"
keys Escape
ok "the front page's status counts them" wait_for "│ 3 failed"
keys 2
ok "the contents: a failed page says so, not 0 articles" \
    wait_match "^02版 +failed to load$"
ok "... every failed page" wait_match "^05版 +failed to load$"
ok "... the page that read counts its articles" wait_match "^04版 .* 3 articles$"
ok "... no page shows 0 articles" wait_gone "0 articles"
ok "... contents-box entries naming them keep a mark" \
    wait_match "在海拔4,200米守望宇宙线 +03版 · failed to load$"
ok "... an entry for a page that read keeps its page" \
    wait_match "TECH IN ENGLISH: An open road for small chip makers +04版$"
ok "... the status line counts them" wait_for "│ 5 pages │ 6 articles │ 3 failed"
# Enter on the failed page 3 (the 13th row that can be selected: page 1,
# its 3 articles, its 7 contents entries, page 2): its own reason.
keys g
keys j j j j j j j j j j j j
keys Enter
ok "Enter on a failed page tells why it failed" wait_for "fail/03.md: binary file (NUL bytes), not an issue"
ok "... that page's own message" wait_gone "more pages failed"

done_testing
