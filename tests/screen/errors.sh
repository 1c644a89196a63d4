#!/bin/sh
# errors.sh: mistakes in the config and pages that fail to load, as the
# reader shows them. A config that unbinds every way to quit still quits
# with q; several pages of an issue that cannot be read are all reported
# (the first in full, then how many more), marked as failed in the front
# page and the contents, and contents entries that name them keep a mark.
. "${top_srcdir:?}/tests/screen/lib.sh"

# --- a config that leaves no key to quit with: refused, q still quits ------
printf '[keys]\nquit = none\nquit-now = none\n' >"$TMP/noquit.ini"
start -c "$TMP/noquit.ini" "$SAMPLE"
wait_for "front page │" >/dev/null
keys q
exits_ok() { test "$(wait_exit)" = 0; }
ok "quit = none with quit-now = none: q still quits" exits_ok
ok "... and the warning named the file and line" wait_for "noquit.ini:3: [keys] quit-now: no key"

done_testing
