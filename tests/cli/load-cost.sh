#!/bin/sh
# load-cost.sh: what reading a page costs (issue 19: a big file's first
# screen waits for the parse of its first part, and its status line for
# that of the rest). One generated page of 512 KiB (tests/bench/gen.py,
# the bench's one-file input) is read by --dump; valgrind's callgrind
# counts the instructions spent inside load_open (--toggle-collect: the
# parse, not the layout), per byte of the page, at most LOAD_IR_MAX
# (default 47: 46 now; 49 when scan_more checked that its text was
# valid UTF-8 and counted all of it before it answered; 51 when
# scan_trim decoded the first and the last character of every paragraph
# a recogniser trims; 54 when text_ascii_punct decoded the characters
# on both sides of each mark and looked back for a URL though the one
# before was an ideograph, and called buf_add for each mark; 58 when
# scan_prefix called strlen and memcmp for each word a recogniser tries
# and scan_contains called glibc's memmem). Counts, never wall time.
# The page is read whole (HERALD_STREAM: files up to 1 GiB), as a page
# under 512 KiB is: in parts, --dump would parse it twice.
# Skipped in a sanitizer build and without valgrind.
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/callgrind.sh"
H=$HERALD
PY=${PYTHON3:-python3}
max_ir=${LOAD_IR_MAX:-47}
P="$TMP/page.md"
"$PY" -c 'import sys, datetime; sys.path.insert(0, sys.argv[1]); import gen
gen.gen_single(gen.Gen(20251117), sys.argv[2], 512 * 1024, datetime.date(2025, 11, 17))' \
	"$top_srcdir/tests/bench" "$P" || { echo "1..1"; echo "not ok 1 - gen.py failed"; exit 1; }
size=$(wc -c <"$P")
ok "the page reads ($size bytes)" sh -c '"$1" --dump --width 80 "$2" >/dev/null' - "$H" "$P"

if grep -q -a __asan_init "$H" 2>/dev/null; then
	skip "instructions per byte of the page" "sanitizer build: instruction counts measure the instrumentation"
elif ! command -v valgrind >/dev/null 2>&1; then
	skip "instructions per byte of the page" "valgrind is not installed (it counts the instructions)"
else
	HERALD_STREAM=1073741824 valgrind --tool=callgrind \
		--toggle-collect=load_open --callgrind-out-file="$TMP/cg" \
		"$H" --dump --width 80 "$P" >/dev/null 2>&1
	ir=$(cg_ir "$TMP/cg")
	ok "reading: at most $max_ir instructions per byte of the page (${ir:-?} for $size bytes: $(( ${ir:-0} / size )))" \
		sh -c 'test -n "$1" && test "$1" -gt 0 && test $(( $1 / $2 )) -le "$3"' - "$ir" "$size" "$max_ir"
fi
done_testing
