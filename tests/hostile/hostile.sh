#!/bin/sh
# hostile.sh: the hostile corpus (tests/hostile/gen.py, made in a temp dir)
# against the real binary and the fuzz harnesses. TAP.
#
# For each file: `herald-tui --dump --width 80 FILE` must exit 0, or 1 with
# a message naming the file (never a signal), within the time limit, with
# no ESC, BEL, other C0, DEL, C1 or bidi control in stdout or stderr; and
# its peak RSS must stay under 64 MB (not checked in an ASan build, where
# RSS means nothing: the TAP line says so). Then the replay drivers run the
# fuzz-load and fuzz-layout invariants over the same files.
#
# Time limit: HOSTILE_LIMIT seconds (default 3: the goal is 1 s, the slack
# is for a loaded 2-core CI box), times 10 in a sanitizer build (the 9 MB
# paragraph takes 11 s under ASan, 1 s without). The measured figures are
# printed in every TAP line. Writes only in its temp dir.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=.}"
: "${HERALD:=$top_builddir/src/herald-tui}"
PYTHON=${PYTHON3:-python3}
limit=${HOSTILE_LIMIT:-3}
rss_limit_kb=65536

tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-hostile.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir "$tmp/corpus" "$tmp/home"

asan=0
if grep -q -a __asan_init "$HERALD" 2>/dev/null; then
	asan=1
	limit=$((limit * 10))
	# ASan exits 1 on a report, like a clean refusal: make it stand out.
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86"
	export ASAN_OPTIONS
fi

if ! "$PYTHON" "$top_srcdir/tests/hostile/gen.py" "$tmp/corpus" >/dev/null; then
	echo "1..1"
	echo "not ok 1 - gen.py failed"
	exit 1
fi

n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
notok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $*"; }

nfiles=$(ls "$tmp/corpus" | wc -l)
echo "1..$((nfiles * 2 + 2))"

# Linux keeps the parent's high-water mark in a child's ru_maxrss across
# execve, so every figure includes the Python wrapper's own RSS: print that
# floor (measured on /bin/true) to read the figures by.
floor=$("$PYTHON" "$top_srcdir/tests/hostile/run.py" "$limit" /dev/null -- true |
	sed -n 's/.*rss_kb=\([0-9]*\).*/\1/p')
echo "# RSS floor (the wrapper's, inherited at exec): ${floor:-?} KB"

# A private home: no user config or state is read or written.
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" \
	XDG_STATE_HOME="$tmp/home/state"

for f in "$tmp/corpus"/*; do
	r=$("$PYTHON" "$top_srcdir/tests/hostile/run.py" "$limit" "$f" -- \
		"$HERALD" --dump --width 80 "$f")
	name= rc= wall= rss_kb= timeout= named= dirty=
	for kv in $r; do
		case $kv in
		name=*) name=${kv#name=} ;;
		rc=*) rc=${kv#rc=} ;;
		wall=*) wall=${kv#wall=} ;;
		rss_kb=*) rss_kb=${kv#rss_kb=} ;;
		timeout=*) timeout=${kv#timeout=} ;;
		named=*) named=${kv#named=} ;;
		dirty=*) dirty=${kv#dirty=} ;;
		esac
	done
	what="dump $name: exit $rc, ${wall} s"
	if [ -z "$rc" ]; then
		notok "dump $name: run.py gave no result"
	elif [ "$timeout" = 1 ]; then
		notok "$what: killed after the ${limit} s limit"
	elif [ "$rc" -lt 0 ]; then
		notok "$what: killed by signal $((-rc))"
	elif [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		notok "$what: exit status not 0 or 1"
	elif [ "$rc" = 1 ] && [ "$named" != 1 ]; then
		notok "$what: the error message does not name the file"
	elif [ "$dirty" != - ]; then
		notok "$what: output holds $dirty"
	else
		ok "$what, clean output"
	fi
	if [ "$asan" = 1 ]; then
		ok "rss $name: ${rss_kb} KB # SKIP ASan build: RSS is not meaningful"
	elif [ -n "$rss_kb" ] && [ "$rss_kb" -lt "$rss_limit_kb" ]; then
		ok "rss $name: ${rss_kb} KB < $rss_limit_kb KB"
	else
		notok "rss $name: ${rss_kb:-?} KB, limit $rss_limit_kb KB"
	fi
done

# The harness invariants over the same files (TAP of their own, summed up).
for t in load layout; do
	replay="$top_builddir/tests/fuzz/replay-$t"
	if [ ! -x "$replay" ]; then
		notok "replay-$t over the hostile corpus: $replay not built"
		continue
	fi
	out=$("$replay" "$tmp/corpus" 2>"$tmp/replay-$t.err")
	bad=$(printf '%s\n' "$out" | grep '^not ok' | sed 's/^not ok [0-9]* - //')
	total=$(printf '%s\n' "$out" | grep -c '^ok')
	if [ -z "$bad" ] && [ "$total" -eq "$nfiles" ]; then
		ok "replay-$t over the hostile corpus: $total files"
	else
		notok "replay-$t over the hostile corpus: failed on:" $bad
		sed 's/^/# /' "$tmp/replay-$t.err" | LC_ALL=C tr -d '\033\007' | head -20
	fi
done

[ "$fail" -eq 0 ]
