#!/bin/sh
# script.sh: 简⇄繁. --script and [reader] script convert the sample in
# each mode (golden dumps); without OpenCC's data one line says so and the
# original text stands; a bad name is a usage error.
. "${top_srcdir:?}/tests/cli/lib.sh"
SAMPLE="$top_srcdir/data/sample"
H=$HERALD

if "$H" --version | grep -q "OpenCC not installed"; then
	echo "1..0 # SKIP OpenCC (libopencc1.1) is not installed"
	exit 0
fi
G=$top_srcdir/tests/golden
for s in traditional taiwan hongkong; do
	ok "--script=$s: the sample matches tests/golden/script-$s.txt" sh -c \
	    '"$1" --dump --width 80 --script="$2" "$3" | diff -u "$4/script-$2.txt" -' \
	    - "$H" "$s" "$SAMPLE" "$G"
done
for s in traditional taiwan hongkong; do
	ok "--script=$s at 20..60 columns: widths, kinsoku, clean" sh -c '
		for w in 20 33 47 60; do
			"$1" --dump --width $w --script="$2" "$3" >"$4/d" &&
			python3 "$5/tests/cli/textcheck.py" widths $w <"$4/d" &&
			python3 "$5/tests/cli/textcheck.py" kinsoku <"$4/d" &&
			python3 "$5/tests/cli/textcheck.py" clean <"$4/d" || exit 1
		done' - "$H" "$s" "$SAMPLE" "$TMP" "$top_srcdir"
done
ok "--script=simplified: a traditional page matches tests/golden/script-simplified.txt" sh -c \
    '"$1" --dump --width 80 --script=simplified "$2" | diff -u "$3/script-simplified.txt" -' \
    - "$H" "$top_srcdir/tests/data/traditional.md" "$G"
ok "--script=original is the sample as printed" sh -c \
    '"$1" --dump --width 80 --script=original "$2" | diff -u "$3/sample-80.txt" -' \
    - "$H" "$SAMPLE" "$G"
printf '[reader]\nscript = taiwan\n' >"$TMP/taiwan.ini"
ok "[reader] script = taiwan converts as --script=taiwan" sh -c \
    '"$1" -c "$2" --dump --width 80 "$3" | diff -u "$4/script-taiwan.txt" -' \
    - "$H" "$TMP/taiwan.ini" "$SAMPLE" "$G"
ok "--script wins over [reader] script" sh -c \
    '"$1" -c "$2" --script=original --dump --width 80 "$3" | diff -u "$4/sample-80.txt" -' \
    - "$H" "$TMP/taiwan.ini" "$SAMPLE" "$G"
ok "the headlines, masthead and contents convert (--list)" sh -c \
    '"$1" --script=traditional --list "$2" >"$3/l" && grep -q "^山河科技報" "$3/l" &&
     grep -q "處理器實現量產" "$3/l" && ! grep -q "处理器实现量产" "$3/l"' \
    - "$H" "$SAMPLE" "$TMP"
# OpenCC's data missing: one line, the original text, exit 0
mkdir -p "$TMP/nodata"
ok "missing OpenCC data: exit 0 and the original text" sh -c \
    'HERALD_OPENCC_DIR="$2/nodata" "$1" --dump --width 80 --script=traditional "$3" \
         >"$2/out" 2>"$2/err" && diff -u "$4/sample-80.txt" "$2/out"' \
    - "$H" "$TMP" "$SAMPLE" "$G"
ok "... and one line on stderr that names OpenCC and the file" sh -c \
    'test "$(wc -l <"$1/err")" -eq 1 && grep -q "^herald-tui: OpenCC: cannot load .*s2t.json" "$1/err"' \
    - "$TMP"
ok "--script=bogus is a usage error (exit 2)" sh -c \
    '"$1" --script=bogus --list "$2" 2>"$3/e"; test $? -eq 2 && grep -q "invalid --script" "$3/e"' \
    - "$H" "$SAMPLE" "$TMP"
# libopencc's C++ runtime flushes stdio at exit before close_stdout runs:
# the reason of a failed write must still be said
ok "--script dump to a full disk: exit 1, says why" sh -c \
    '"$1" --dump --script=traditional "$2" >/dev/full 2>"$3/e"; test $? -eq 1 &&
     grep -q "write error: No space left on device" "$3/e"' - "$H" "$SAMPLE" "$TMP"
ok "--version gives OpenCC's library with its full version" sh -c \
    '"$1" --version | grep -Eq "^OpenCC libopencc\.so\.[0-9]+\.[0-9]+\.[0-9]+ \(loaded "' - "$H"
done_testing
