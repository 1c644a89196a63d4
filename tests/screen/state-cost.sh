#!/bin/sh
# state-cost.sh: what a year of reading costs the start and the quit. The
# state file of a reader of a daily paper holds, after a year, 365 issues,
# each with its place, the stories read on a few of its pages and its
# label: about 90 KB, read before the first screen and saved at the quit.
# valgrind's callgrind counts the instructions spent in state_load (the
# start) and in state_save (the quit: the file read again, merged,
# written, read back), per byte of the file: at most STATE_LOAD_IR_MAX
# (default 80: 49 now; 148 when the checksum took eight shifts a byte and
# each issue's key was compared with every other's, 66,430 strcmp) and
# STATE_SAVE_IR_MAX (default 250: 156 now; 584 when each number was
# written by vsnprintf into a string of its own and the merge compared
# keys the same way). Counts, never wall time. The start's count ends
# where the rest of the issue is loaded (reader_load_rest), after the
# first screen. And the memory the reader holds at the first screen (02-2
# shown, as a first start opened there): at most 1.75 KB an issue more
# than at a first start (0.6 to 1.2 KB in four runs now; 2.0 to 2.6 KB
# when each issue held its 26 bookmarks' places twice and their times,
# set or not: 1,600 bytes an issue).
# Skipped in a sanitizer build and without valgrind.
. "${top_srcdir:?}/tests/screen/lib.sh"
. "$top_srcdir/tests/callgrind.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed (it counts the instructions)"
	exit 0
fi
if grep -q -a __asan_init "$HERALD" 2>/dev/null; then
	echo "1..0 # SKIP sanitizer build: instruction counts measure the instrumentation"
	exit 0
fi
load_max=${STATE_LOAD_IR_MAX:-80}
save_max=${STATE_SAVE_IR_MAX:-250}
STATE=$XDG_STATE_HOME/herald-tui/state
mkdir -p "$XDG_STATE_HOME/herald-tui"

# A year of issues (tests/bench/gen.py), the sample first, open at 02-2.
python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import gen
t = 1796591493396378
first = ("issue %s used=%d pos=2,1,0@%d pane=2\n" % (sys.argv[3], t, t))
open(sys.argv[2], "w").write(gen.year_state(first))' \
    "$top_srcdir/tests/bench" "$STATE" "$(cd "$SAMPLE" && pwd -P)"
size=$(wc -c <"$STATE")

WAIT_TENTHS=${HERALD_TEST_WAIT_VALGRIND:-900}
REAL=$HERALD
HERALD=$TMP/cg-herald
cat >"$HERALD" <<WRAPPER
#!/bin/sh
exec valgrind --tool=callgrind --toggle-collect=state_load \
    --toggle-collect=state_save --dump-before=reader_load_rest \
    --callgrind-out-file='$TMP/cg' --log-file='$TMP/cg.log' '$REAL' "\$@"
WRAPPER
chmod +x "$HERALD"


start "$SAMPLE"
ok "a year's state ($size bytes) read: the sample opens where it was" \
    wait_for "02版 │ 2/3"
keys Q
ok "... and saved at the quit" wait_exit
load=$(cg_ir "$TMP/cg.1")
save=$(cg_ir "$TMP/cg")
ok "the start: at most $load_max instructions a byte of the state (${load:-?}: $(( ${load:-0} / size )))" \
    sh -c 'test -n "$1" && test "$1" -gt 0 && test $(( $1 / $2 )) -le "$3"' \
    - "$load" "$size" "$load_max"
ok "the quit: at most $save_max instructions a byte of the state (${save:-?}: $(( ${save:-0} / size )))" \
    sh -c 'test -n "$1" && test "$1" -gt 0 && test $(( $1 / $2 )) -le "$3"' \
    - "$save" "$size" "$save_max"
ok "the file saved holds every issue once, the sample's first" sh -c '
	test "$(grep -c "^issue " "$1")" -eq 366 &&
	test "$(grep "^issue " "$1" | cut -d" " -f2 | sort -u | wc -l)" -eq 366 &&
	grep "^issue " "$1" | head -1 | grep -q "^issue $2 "' \
    - "$STATE" "$(cd "$SAMPLE" && pwd -P)"
HERALD=$REAL
start "$SAMPLE"
ok "... and reads again: the sample opens where it was" wait_for "02版 │ 2/3"
year=$(reader_peak)
keys Q
wait_exit >/dev/null
XDG_STATE_HOME=$TMP/first
start -p 2 -a 2 "$SAMPLE"
wait_for "02版 │ 2/3" >/dev/null
first=$(reader_peak)
keys Q
wait_exit >/dev/null
ok "the year's state: at most 1.75 KB of memory an issue (${year:-?} KB, ${first:-?} KB at a first start)" sh -c '
	test -n "$1" && test -n "$2" &&
	    test $(( ($1 - $2) * 1024 / 366 )) -le 1792' - "$year" "$first"

done_testing
