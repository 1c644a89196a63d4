#!/bin/sh
# cli.sh: the command line, end to end: options, exit statuses, --dump and
# --list on the seed and the sample issue, golden dumps, bad input.
. "$top_srcdir/tests/cli/lib.sh"
SAMPLE="$top_srcdir/data/sample"
H=$HERALD

# --- options and usage ---------------------------------------------------
ok "--help exits 0 and lists every option" sh -c '
	"$1" --help >"$2/help" && for o in --dump --list --width --page --article --ambiguous --script --config --help --version; do
		grep -q -- "$o" "$2/help" || { echo "missing $o"; exit 1; }; done' - "$H" "$TMP"
ok "--version names the libraries" sh -c '"$1" --version | grep -q "^herald-tui [0-9]" && "$1" --version | grep -q "ncursesw .*libunistring .*md4c .*iniparser"' - "$H"
ok "unknown option exits 2" sh -c '"$1" --bogus >/dev/null 2>&1; test $? -eq 2' - "$H"
# libunistring's version is 0xMMmmss: 1.0 is 0x010000, not "256.0"
ok "--version gives libunistring as major.minor.subminor" sh -c '"$1" --version | grep -Eq "libunistring [0-9]{1,2}\.[0-9]{1,2}\.[0-9]{1,3},"' - "$H"
# every message starts with the program's name, never the binary's path
for o in --bogus -x --page -p --dump=1; do
	ok "$o: a usage error (2) that starts with herald-tui:" sh -c '"$1" "$2" "$3" >/dev/null 2>"$4/e"; rc=$?
		test $rc -eq 2 || { echo "exit $rc"; exit 1; }
		head -n 1 "$4/e" | grep -q "^herald-tui: " || { cat "$4/e"; exit 1; }' - "$H" "$o" "$SAMPLE" "$TMP"
done
ok "-a without -p is a usage error (2)" sh -c '"$1" -a 2 -d "$2" >/dev/null 2>"$3/e"; test $? -eq 2 && grep -q "^herald-tui: --article needs --page" "$3/e"' - "$H" "$SAMPLE" "$TMP"
ok "bad --width exits 2 with a message" sh -c '"$1" --width=abc --dump "$2" >/dev/null 2>"$3/e"; test $? -eq 2 && grep -q "invalid width" "$3/e"' - "$H" "$SAMPLE" "$TMP"
ok "--width out of range exits 2" sh -c '"$1" -w 3 -d "$2" >/dev/null 2>&1; test $? -eq 2' - "$H" "$SAMPLE"
ok "bad --ambiguous exits 2" sh -c '"$1" --ambiguous=huge -d "$2" >/dev/null 2>&1; test $? -eq 2' - "$H" "$SAMPLE"
ok "two paths exit 2" sh -c '"$1" -d "$2" "$2" >/dev/null 2>&1; test $? -eq 2' - "$H" "$SAMPLE"

# a failed write to stdout is an error that says so, for every mode
mkdir -p "$TMP/wlib/2026-11-20" "$TMP/wlib/2026-11-27"
cp "$SAMPLE/01.md" "$TMP/wlib/2026-11-20/01.md"
cp "$SAMPLE/01.md" "$TMP/wlib/2026-11-27/01.md"
werr() {	# werr NAME REDIRECTION ERRNO-TEXT ARGS...
	name=$1 redir=$2 why=$3; shift 3
	ok "$name" sh -c '
		h=$1 how=$2 t=$3 why=$4; shift 4
		case "$how" in
		full) "$h" "$@" >/dev/full 2>"$t/we" ;;
		closed) "$h" "$@" >&- 2>"$t/we" ;;
		esac
		rc=$?; test $rc -eq 1 || { echo "exit $rc"; exit 1; }
		grep -q "^herald-tui: write error: $why" "$t/we" || { echo "stderr:"; cat "$t/we"; exit 1; }' \
	    - "$H" "$redir" "$TMP" "$why" "$@"
}
for r in "full:No space left on device" "closed:Bad file descriptor"; do
	redir=${r%%:*} why=${r#*:}
	werr "--dump to $redir stdout: exit 1, says why" "$redir" "$why" --dump "$SAMPLE"
	werr "--list to $redir stdout: exit 1, says why" "$redir" "$why" --list "$SAMPLE"
	werr "a plain start to $redir stdout prints, fails, says why" "$redir" "$why" "$SAMPLE"
	werr "a library dump to $redir stdout: exit 1, says why" "$redir" "$why" --dump "$TMP/wlib"
	werr "--help to $redir stdout: exit 1, says why" "$redir" "$why" --help
	werr "--version to $redir stdout: exit 1, says why" "$redir" "$why" --version
done

# only the character type is taken from the locale: one locale file read
if command -v strace >/dev/null 2>&1; then
	ok "a start reads the LC_CTYPE locale file and no other" sh -c '
		# LeakSanitizer cannot work under ptrace: off for this run
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 LC_ALL=C.UTF-8 \
		    strace -f -qq -e trace=openat -o "$2/loc" "$1" --version >/dev/null || exit 1
		grep -q "/LC_CTYPE\"" "$2/loc" || { echo "no LC_CTYPE read"; exit 1; }
		! grep -E "/LC_(MESSAGES|TIME|COLLATE|NUMERIC|MONETARY|PAPER|NAME|ADDRESS|TELEPHONE|MEASUREMENT|IDENTIFICATION)" "$2/loc"' - "$H" "$TMP"
else
	skip "a start reads the LC_CTYPE locale file and no other" "strace is not installed"
fi

# --- bad input: message naming the file, exit 1, nothing on stdout ---------
bad() {	# bad NAME PATH PATTERN
	ok "$1" sh -c '"$1" --dump "$2" >"$4/o" 2>"$4/e"; rc=$?
		test $rc -eq 1 || { echo "exit $rc"; exit 1; }
		test ! -s "$4/o" || { echo "stdout not empty"; exit 1; }
		grep -q "^herald-tui: .*$3" "$4/e" || { cat "$4/e"; exit 1; }' - "$H" "$2" "$3" "$TMP"
}
bad "missing file" "$TMP/nonexistent.md" "nonexistent.md"
mkdir -p "$TMP/empty"
bad "empty directory" "$TMP/empty" "empty"
printf 'abc\000def\n' >"$TMP/binary.md"
bad "binary file" "$TMP/binary.md" "binary.md"
# a name with an escape sequence: named in the message, never echoed raw
rawname() {	# rawname NAME PATH PATTERN
	ok "$1" sh -c '"$1" --dump "$2" >/dev/null 2>"$4/e"; rc=$?
		test $rc -eq 1 || { echo "exit $rc"; exit 1; }
		grep -q "^herald-tui: .*$3" "$4/e" || { cat "$4/e"; exit 1; }
		! LC_ALL=C grep -q "$(printf "[\033\007]")" "$4/e" || { echo "raw ESC or BEL on stderr"; exit 1; }' - "$H" "$2" "$3" "$TMP"
}
rawname "escape sequence in a missing file's name is not echoed raw" "$TMP/$(printf 'x\033]0;pwned\007y')" "x.*y"
printf '# t\n\000\n' >"$TMP/$(printf 'z\033]0;pwned\007w')"
rawname "escape sequence in a refused file's name is not echoed raw" "$TMP/$(printf 'z\033]0;pwned\007w')" "z.*w: binary file"
ok "the message for a hostile name has no ESC" sh -c '! "$1" -d "$2/$(printf "x\033]0;pwned\007y")" 2>&1 | grep -q "$(printf "\033")"' - "$H" "$TMP"
# A name from the file system is shown with U+FFFD where it had a control
# character (or a bad byte): nothing of it vanishes unseen.
ok "a hostile name in a message is marked where it was changed" sh -c '"$1" -d "$2/$(printf "x\033]0;pwned\007y")" 2>&1 | grep -qF "x�]0;pwned�y: No such file"' - "$H" "$TMP"
mkdir -p "$TMP/names/$(printf '2025-11-01\nevil')" "$TMP/names/$(printf '2025-11-02\033[7mX')"
printf '正文一段。\n' >"$TMP/names/$(printf '2025-11-01\nevil')/01.md"
printf '正文一段。\n' >"$TMP/names/$(printf '2025-11-02\033[7mX')/01.md"
ok "--list of a library: untitled issues are titled with their marked names" sh -c '"$1" --list "$2" >"$3/l" 2>&1 && grep -q "^2025-11-01�evil " "$3/l" && grep -q "^2025-11-02�\[7mX " "$3/l" && python3 "$4/tests/cli/textcheck.py" clean <"$3/l"' - "$H" "$TMP/names" "$TMP" "$top_srcdir"
ok "--dump -p 9 names the issue's directory marked, no raw ESC" sh -c '"$1" -d -p 9 "$2" >/dev/null 2>"$3/e"; test $? -eq 1 && grep -qF "2025-11-02�[7mX: no page 9" "$3/e" && ! grep -q "$(printf "\033")" "$3/e"' - "$H" "$TMP/names/$(printf '2025-11-02\033[7mX')" "$TMP"

ok "a missing -c file is an error naming it" sh -c '"$1" -c "$3/nope.ini" -d "$2" >/dev/null 2>"$3/e"; test $? -eq 1 && grep -q "nope.ini" "$3/e"' - "$H" "$SAMPLE" "$TMP"
mkdir -p "$TMP/failing"
cp "$SAMPLE"/*.md "$TMP/failing/"
printf 'x\000' >"$TMP/failing/02.md"
printf 'x\000' >"$TMP/failing/03.md"
printf 'x\000' >"$TMP/failing/04.md"
ok "several pages that fail: the first in full, then how many more; exit 1" sh -c '"$1" --list "$2" >/dev/null 2>"$3/e"; test $? -eq 1 &&
	test "$(cat "$3/e")" = "herald-tui: $2/02.md: binary file (NUL bytes), not an issue (and 2 more pages failed)"' - "$H" "$TMP/failing" "$TMP"
printf '[keys]\nquit = none\nquit-now = none\ncontinue = f\ndown = \033[B\n' >"$TMP/keys.ini"
ok "[keys]: unbinding every quit, a taken key, an ESC in a key: each warned with file:line" sh -c '"$1" -c "$3/keys.ini" -l "$2" >/dev/null 2>"$3/e" &&
	grep -qF "keys.ini:3: [keys] quit-now: no key would quit (quit and quit-now both unbound); keeping quit = q, quit-now = Q" "$3/e" &&
	grep -qF "keys.ini:4: [keys] continue: key '"'f'"' already means page-down; now it means continue only" "$3/e" &&
	grep -qF "keys.ini:5: [keys] down: key name '"'�[B'"' contains a control byte (0x1b); keys unchanged" "$3/e"' - "$H" "$SAMPLE" "$TMP"
printf '[layout]\nindent = 99\n' >"$TMP/bad.ini"
ok "a bad config value warns with file:line and the default stands" sh -c '"$1" -c "$3/bad.ini" -d -w 40 "$2" >"$3/o" 2>"$3/e" && grep -q "bad.ini:2" "$3/e" && "$1" -d -w 40 "$2" | cmp -s - "$3/o"' - "$H" "$SAMPLE" "$TMP"

# --- the bundled sample ------------------------------------------------------
ok "no PATH opens the bundled sample (piped output dumps)" sh -c '"$1" | grep -q "山河科技报"' - "$H"
ok "--list names every page of the sample" sh -c '"$1" --list "$2" >"$3/list" && for p in 01 02 03 04; do grep -q "^${p}版" "$3/list" || exit 1; done' - "$H" "$SAMPLE" "$TMP"
ok "--list of one file with marker separators shows its pages" sh -c 'printf "{0}------------------------------------------------\n\n## 青川芯量产\n\n首批芯片下线。\n\n{2}------------------------------------------------\n\n## 量子干线开通\n\n干线全长186公里。\n" >"$2/m.md" && "$1" --list "$2/m.md" >"$2/l" && grep -q "^01版" "$2/l" && grep -q "^03版" "$2/l" && grep -q "03-1 量子干线开通" "$2/l" && ! grep -q -- "----" "$2/l"' - "$H" "$TMP"
ok "--list of pdftotext output shows a page per form feed" sh -c 'printf "山河科技报\n\n青川芯量产\n\n　　首批芯片下线。\n\f第2版 要闻\n\n量子干线开通\n\n　　干线全长186公里。\n\f" >"$2/p.txt" && "$1" --list "$2/p.txt" >"$2/l" && grep -q "^01版" "$2/l" && grep -q "^02版 第2版 要闻" "$2/l" && grep -q "02-1 量子干线开通" "$2/l"' - "$H" "$TMP"
for w in 20 40 80; do
	ok "sample at width $w matches tests/golden/sample-$w.txt" sh -c '"$1" --dump --width "$2" "$3" | diff -u "$4/tests/golden/sample-$2.txt" -' - "$H" "$w" "$SAMPLE" "$top_srcdir"
done
# Each converter's page: its structure (--list) and text (--dump) as a
# reader of the paper would call right, reviewed by reading them.
for f in "$top_srcdir"/tests/data/converters/*.md "$top_srcdir"/tests/data/converters/*.txt "$top_srcdir"/tests/data/converters/*.html "$top_srcdir"/tests/data/converters/mineru-issue; do
	n=$(basename "$f")
	[ "$n" = FINDINGS.md ] && continue
	ok "converter page $n: --list matches tests/golden/converters/$n.list" sh -c 'cd "$(dirname "$2")" && "$1" --list "$(basename "$2")" | diff -u "$3.list" -' - "$H" "$f" "$top_srcdir/tests/golden/converters/$n"
	ok "converter page $n: --dump matches tests/golden/converters/$n.dump" sh -c 'cd "$(dirname "$2")" && "$1" --dump --width 80 "$(basename "$2")" | diff -u "$3.dump" -' - "$H" "$f" "$top_srcdir/tests/golden/converters/$n"
	ok "converter page $n: --dump at 40 matches tests/golden/converters/$n.dump40" sh -c 'cd "$(dirname "$2")" && "$1" --dump --width 40 "$(basename "$2")" | diff -u "$3.dump40" -' - "$H" "$f" "$top_srcdir/tests/golden/converters/$n"
	ok "converter page $n: no raw markup in --dump" sh -c '! "$1" --dump --width 80 "$2" | grep -E "<(span|sup|div|img|/|!--)|\{[0-9]+\}-{3}|--- end of page"' - "$H" "$f"
done
for f in "$SAMPLE"/0*.md; do
	ok "sample $(basename "$f") at every width 16..132, both ambiguous modes: no width, kinsoku or lost-character fault" \
	    python3 "$top_srcdir/tests/cli/textcheck.py" sweep "$H" "$f" 16 132
done

# --- the seed: the real front page ------------------------------------------
if [ -f "${SEED:-}" ]; then
	ok "seed at every width 16..132, both ambiguous modes: no width, kinsoku or lost-character fault" \
	    python3 "$top_srcdir/tests/cli/textcheck.py" sweep "$H" "$SEED" 16 132
	ok "--list of the seed names both articles" sh -c '"$1" --list "$2" >"$3/l" && grep -q "场景“小切口”孕育产业体系升级新路径" "$3/l" && grep -q "国家级专精特新“小巨人”企业超1.76万家" "$3/l" && grep -q "下转第2版" "$3/l"' - "$H" "$SEED" "$TMP"
	for w in 16 20 33 40 64 80 132; do
		for amb in narrow wide; do
			wide=""; [ $amb = wide ] && wide=--wide
			ok "seed at width $w ($amb): widths, kinsoku, clean, lossless" sh -c '
				"$1" --dump --width "$2" --ambiguous="$3" "$4" >"$6/d" || exit 1
				python3 "$5/tests/cli/textcheck.py" widths "$2" $7 <"$6/d" &&
				python3 "$5/tests/cli/textcheck.py" kinsoku <"$6/d" &&
				python3 "$5/tests/cli/textcheck.py" clean <"$6/d" &&
				python3 "$5/tests/cli/textcheck.py" lossless "$4" <"$6/d"' - "$H" "$w" "$amb" "$SEED" "$top_srcdir" "$TMP" "$wide"
		done
	done
	ok "piped output equals --dump" sh -c '"$1" "$2" -w 50 | cmp -s - "$3/d50" || { "$1" -d -w 50 "$2" >"$3/d50"; "$1" "$2" -w 50 | cmp - "$3/d50"; }' - "$H" "$SEED" "$TMP"
	ok "--dump -p 1 -a 2 prints only the second article" sh -c '"$1" -d -w 60 -p 1 -a 2 "$2" >"$3/a2" && grep -q "小巨人" "$3/a2" && ! grep -q "场景已成为关键创新资源" "$3/a2"' - "$H" "$SEED" "$TMP"
	ok "--dump -p 9 on a one-page issue is an error" sh -c '"$1" -d -p 9 "$2" >/dev/null 2>"$3/e"; test $? -eq 1 && grep -q "no page 9" "$3/e"' - "$H" "$SEED" "$TMP"
	ok "the seed file is never written" sh -c 'before=$(stat -c %Y:%s "$2"); "$1" -d "$2" >/dev/null; "$1" -l "$2" >/dev/null; test "$before" = "$(stat -c %Y:%s "$2")"' - "$H" "$SEED"
else
	skip "seed tests" "the seed is not at \$SEED"
fi

# --- hostile bytes never reach stdout or stderr ------------------------------
printf '# 标题\n\n正文\033[2J\033]0;PWNED\007，\233c红色\033[31mRED\033[0m。\r\n\342\200\256reversed\n\n## 文章\n\n内容\010\177\302\233。\n' >"$TMP/hostile.md"
ok "hostile file: dump has no control characters" sh -c '"$1" -d -w 40 "$2" 2>&1 | python3 "$3/tests/cli/textcheck.py" clean' - "$H" "$TMP/hostile.md" "$top_srcdir"
ok "hostile file: the text around the escapes survives" sh -c '"$1" -d -w 80 "$2" | grep -q "正文，" && "$1" -d -w 80 "$2" | grep -q "红色RED。"' - "$H" "$TMP/hostile.md"

done_testing
