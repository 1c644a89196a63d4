#!/bin/sh
# first-screen-growth.sh: the first screen of a one-file issue does not grow with
# the file (issue 19). TAP.
#
# tests/hostile/first-screen (the reader's lazy open and a front page's
# headlines, without curses) runs under valgrind's callgrind on a one-file
# Markdown issue of 1 MB and of 4 MB. With I0 the count for a near-empty
# file, the growth (I(4 MB) - I0) / (I(1 MB) - I0) is 4 when the whole
# file is parsed before the first screen; it must stay at most
# FIRST_SCREEN_MAX (default 1.05: only the first 128 KiB of the file are
# read; the file's size comes from fstat). Instruction counts, never wall
# time.
#
# Skipped (TAP SKIP, with the reason) in a sanitizer build and where
# valgrind is not installed. Writes only in its temp dir.

: "${top_builddir:=.}"
PROG=$top_builddir/tests/hostile/first-screen
PYTHON=${PYTHON3:-python3}
max=${FIRST_SCREEN_MAX:-1.05}

echo "1..1"
if grep -q -a __asan_init "$PROG" 2>/dev/null; then
	echo "ok 1 # SKIP sanitizer build: instruction counts measure the instrumentation"
	exit 0
elif ! command -v valgrind >/dev/null 2>&1; then
	echo "ok 1 # SKIP valgrind is not installed (it counts the instructions)"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/herald-first.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

# big MB FILE: a masthead and articles of a few paragraphs, about MB MB
big() {
	"$PYTHON" - "$1" "$2" <<'EOF_PY'
import sys
mb, path = float(sys.argv[1]), sys.argv[2]
out, n, size = ["# 测试报\n\n"], 0, 0
para = "这是一段正文，说的是一件事，" * 12 + "完了。\n\n"
while size < mb * 1024 * 1024:
    s = "## 第%d篇文章的标题\n\n▶ 本报记者 李明\n\n" % n + para * 3
    out.append(s)
    size += len(s.encode("utf-8"))
    n += 1
open(path, "w", encoding="utf-8").write("".join(out))
EOF_PY
}

instr() {
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PROG" "$1" \
		2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9][0-9]*\).*/\1/p'
}

printf '# 测试报\n\n## 标题\n\n正文。\n' >"$tmp/empty.md"
big 1 "$tmp/a.md" && big 4 "$tmp/b.md" || {
	echo "not ok 1 - cannot make the inputs"
	exit 1
}
z=$(instr "$tmp/empty.md")
a=$(instr "$tmp/a.md")
b=$(instr "$tmp/b.md")
if [ -z "$z" ] || [ -z "$a" ] || [ -z "$b" ]; then
	echo "not ok 1 - no instruction count (valgrind failed?)"
	exit 1
fi
r=$(awk -v a="$a" -v b="$b" -v z="$z" -v m="$max" 'BEGIN {
	d = a - z; if (d < 1) d = 1
	r = (b - z) / d
	printf "%.2f %s", r, (r <= m ? "ok" : "bad") }')
what="first screen: I0 $z, 1 MB $a, 4 MB $b instructions, growth ${r% *}x"
case $r in
*ok) echo "ok 1 - $what" ;;
*) echo "not ok 1 - $what (limit ${max}x: it grows with the file)"; exit 1 ;;
esac
