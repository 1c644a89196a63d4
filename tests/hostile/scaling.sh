#!/bin/sh
# scaling.sh: adversarial scaling (issue 20). TAP.
#
# Each shape of tests/hostile/scaling.py (a run of column-break joins, of
# bylines, of jump lines, one huge paragraph, deep nesting, long lines,
# many pages, search highlighting of a long paragraph...) is made at N and
# at 4N; `herald-tui --dump` (tests/hostile/search-lines for the search)
# runs on each under valgrind's callgrind, which counts the instructions
# executed. With I0 the count for a near-empty page, the growth
# (I(4N) - I0) / (I(N) - I0) is 4 for linear work and 16 for quadratic:
# it must stay at most SCALING_MAX (default 5). Instruction counts, never
# wall time: the figures do not depend on the machine's load.
#
# Skipped (TAP SKIP, with the reason) in a sanitizer build, where the
# counts measure the instrumentation, and where valgrind is not installed.
# Writes only in its temp dir.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=.}"
: "${HERALD:=$top_builddir/src/herald-tui}"
PYTHON=${PYTHON3:-python3}
SEARCH="$top_builddir/tests/hostile/search-lines"
max=${SCALING_MAX:-5}
gen="$top_srcdir/tests/hostile/scaling.py"

shapes=$("$PYTHON" "$gen" --list) || { echo "1..1"; echo "not ok 1 - scaling.py --list failed"; exit 1; }
count=$(printf '%s\n' "$shapes" | wc -l)
echo "1..$count"

skip=
if grep -q -a __asan_init "$HERALD" 2>/dev/null; then
	skip="sanitizer build: instruction counts measure the instrumentation"
elif ! command -v valgrind >/dev/null 2>&1; then
	skip="valgrind is not installed (it counts the instructions)"
fi
if [ -n "$skip" ]; then
	i=0
	printf '%s\n' "$shapes" | while read -r name n needle; do
		i=$((i + 1))
		echo "ok $i - $name # SKIP $skip"
	done
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-scaling.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/home"
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" \
	XDG_STATE_HOME="$tmp/home/state"
# Every shape read whole, at N and at 4N alike: one of more than 512 KiB
# at 4N would be read in parts (a first read to find the cuts, and
# --dump's two passes), a change of path, not a growth of the work.
export HERALD_STREAM=1073741824

# instr FILE [NEEDLE]: the instructions of one run (--dump, or the search).
instr() {
	if [ -n "${2:-}" ]; then
		set -- "$SEARCH" "$2" "$1"
	else
		set -- "$HERALD" --dump --width 80 "$1"
	fi
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" \
		2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9][0-9]*\).*/\1/p'
}

printf '## 标题\n\n正文。\n' >"$tmp/empty.md"
base=$(instr "$tmp/empty.md")
printf '' >"$tmp/empty.txt"
sbase=$(instr "$tmp/empty.txt" x)
echo "# I0: --dump $base, search-lines $sbase instructions; limit ${max}x"

i=0 fail=0
while read -r name n needle; do
	i=$((i + 1))
	[ "$needle" = - ] && needle=
	"$PYTHON" "$gen" "$name" "$n" "$tmp/a.md" &&
		"$PYTHON" "$gen" "$name" $((n * 4)) "$tmp/b.md" || {
		echo "not ok $i - $name: scaling.py failed"
		fail=1
		continue
	}
	i0=$base
	[ -n "$needle" ] && i0=$sbase
	a=$(instr "$tmp/a.md" "$needle")
	b=$(instr "$tmp/b.md" "$needle")
	if [ -z "$a" ] || [ -z "$b" ] || [ -z "$i0" ]; then
		echo "not ok $i - $name: no instruction count (valgrind failed?)"
		fail=1
		continue
	fi
	r=$(awk -v a="$a" -v b="$b" -v z="$i0" -v m="$max" 'BEGIN {
		d = a - z; if (d < 1) d = 1
		r = (b - z) / d
		printf "%.2f %s", r, (r <= m ? "ok" : "bad") }')
	what="$name, N=$n: $a -> $b instructions, growth ${r% *}x at 4N"
	case $r in
	*ok) echo "ok $i - $what" ;;
	*) echo "not ok $i - $what (limit ${max}x: quadratic)"; fail=1 ;;
	esac
done <<EOF_SHAPES
$shapes
EOF_SHAPES
exit $fail
