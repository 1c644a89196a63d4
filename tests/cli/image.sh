#!/bin/sh
# image.sh: --image FILE prints one photo as symbol art (src/image.c,
# src/photo.c): rows and columns as the aspect and --width say, the
# colours the environment asks for (256, truecolor, none), one-column
# symbols with --ambiguous=wide, and every hostile file (cut, huge
# header, GIF bomb, garbage, empty, a directory, missing) refused with
# one line naming it, exit 1, nothing on stdout, within a few seconds.
. "$top_srcdir/tests/cli/lib.sh"
unset COLORTERM
PH="$top_srcdir/tests/data/photos"
SEEDS="$top_srcdir/tests/fuzz/corpus-image"

# art FILE WIDTH ROWS [ENV...] -- [OPTIONS]: exit 0, ROWS lines each WIDTH
# cells wide once SGR is stripped, only block symbols and spaces.
cat >"$TMP/art.py" <<'PY'
import re, sys
want_w, want_rows, mode = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lines = sys.stdin.read().split("\n")
assert lines[-1] == "", "no final newline"
lines = lines[:-1]
assert len(lines) == want_rows, "%d rows, want %d" % (len(lines), want_rows)
for l in lines:
    if mode == "mono":
        assert "\033" not in l, "an escape in mono: %r" % l
    else:
        sgr = ("8;5;", "8;2;") if mode == "256" else ("8;2;", "8;5;")
        assert sgr[0] in l and sgr[1] not in l, "want %s in %r" % (sgr[0], l[:80])
        assert l.endswith("\033[0m"), "no reset at the end"
    text = re.sub("\033\\[[0-9;]*m", "", l)
    assert len(text) == want_w, "%d cells, want %d" % (len(text), want_w)
    for ch in text:
        assert ch == " " or 0x2580 <= ord(ch) <= 0x259f, "not a block: %r" % ch
        if mode == "wide":
            assert not (0x2580 <= ord(ch) <= 0x258f or 0x2592 <= ord(ch) <= 0x2595), \
                "ambiguous %r with --ambiguous=wide" % ch
PY
art() {
	name=$1 file=$2 w=$3 rows=$4 mode=$5; shift 5
	ok "$name" sh -c 'f=$1 w=$2 rows=$3 mode=$4 py=$5; shift 5
		timeout 10 env "$@" >"$py.out" 2>"$py.err" || { echo "exit $?"; cat "$py.err"; exit 1; }
		test ! -s "$py.err" || { cat "$py.err"; exit 1; }
		python3 "$py" "$w" "$rows" "$mode" <"$py.out"' - "$file" "$w" "$rows" "$mode" "$TMP/art.py" "$@"
}

# a 320x240 photo at 40 columns: 40 x 15 cells (cells twice as tall)
art "a JPEG at --width 40 is 40x15 cells, 256 colours" "$PH/scene.jpg" 40 15 256 \
    "$HERALD" --image "$PH/scene.jpg" --width 40
art "COLORTERM=truecolor gives 24-bit colours" "$PH/scene.jpg" 60 22 truecolor \
    COLORTERM=truecolor "$HERALD" --image="$PH/scene.jpg" -w 60
art "NO_COLOR gives symbols only" "$PH/scene.jpg" 40 15 mono \
    NO_COLOR=1 "$HERALD" --image "$PH/scene.jpg" -w 40
printf '[colors]\ntheme = mono\n' >"$TMP/mono.ini"
art "theme = mono gives symbols only" "$PH/scene.jpg" 40 15 mono \
    "$HERALD" -c "$TMP/mono.ini" --image "$PH/scene.jpg" -w 40
art "--ambiguous=wide uses no Ambiguous block" "$PH/scene.jpg" 40 15 wide \
    COLORTERM=truecolor "$HERALD" --ambiguous=wide --image "$PH/scene.jpg" -w 40
# [images] max_rows: at most that many rows, the photo narrower (4:3 in
# cells twice as tall: 8 rows hold 21 columns)
printf '[images]\nmax_rows = 8\n' >"$TMP/rows.ini"
art "[images] max_rows = 8: 8 rows, 21 columns at --width 40" "$PH/scene.jpg" 21 8 256 \
    "$HERALD" -c "$TMP/rows.ini" --image "$PH/scene.jpg" -w 40
# the bytes decide, not the name: a PNG called .jpg, a GIF, a WebP
cp "$SEEDS/rgba.png" "$TMP/png-named.jpg"
art "a PNG named .jpg is read as PNG (12x9 at 24: 24x9)" "$TMP/png-named.jpg" 24 9 256 \
    "$HERALD" --image "$TMP/png-named.jpg" -w 24
art "a GIF's first frame (10x8 at 20: 20x8)" "$SEEDS/plain.gif" 20 8 256 \
    "$HERALD" --image "$SEEDS/plain.gif" -w 20
art "a WebP (16x16 at 16: 16x8)" "$SEEDS/lossy.webp" 16 8 256 \
    "$HERALD" --image "$SEEDS/lossy.webp" -w 16

# refused FILE MESSAGE: exit 1, one line "herald-tui: FILE: MESSAGE", no stdout
refused() {
	ok "$1" sh -c 'timeout 10 "$HERALD" --image "$2" -w 80 >"$4.out" 2>"$4.err"; rc=$?
		test $rc -eq 1 || { echo "exit $rc"; cat "$4.err"; exit 1; }
		test ! -s "$4.out" || { echo "stdout not empty"; exit 1; }
		test "$(wc -l <"$4.err")" -eq 1 || { cat "$4.err"; exit 1; }
		grep -qF "herald-tui: $2: $3" "$4.err" || { cat "$4.err"; exit 1; }' \
	    - "$2" "$2" "$3" "$TMP/refused"
}
head -c 300 "$PH/scene.jpg" >"$TMP/cut.jpg"
refused "a cut JPEG: truncated JPEG data" "$TMP/cut.jpg" "truncated JPEG data"
refused "a PNG header of 100000x100000: refused before decoding" "$SEEDS/huge.png" \
    "PNG picture too large: 100000x100000 pixels (at most 40 million)"
printf 'GIF89a\377\377\377\377\200\0\0\0\0\0\377\377\377;' >"$TMP/bomb.gif"
refused "a GIF of 65535x65535: refused" "$TMP/bomb.gif" "GIF picture too large: 65535x65535"
refused "a GIF bomb of a 60000x600 frame in 34 bytes: cut" "$SEEDS/bomb.gif" "truncated GIF data"
printf 'just some text, not a picture\n' >"$TMP/garbage.png"
refused "garbage: not an image" "$TMP/garbage.png" "not a JPEG, PNG, GIF or WebP image"
: >"$TMP/empty.jpg"
refused "a zero-byte file: empty" "$TMP/empty.jpg" "empty file"
mkdir "$TMP/dir.jpg"
refused "a directory: said so" "$TMP/dir.jpg" "is a directory, not an image"
refused "a missing file: said so" "$TMP/missing.jpg" "No such file or directory"
# Loaded on first use: a start without a photo opens none of the photo
# libraries (each costs the dynamic loader instructions); a JPEG opens
# libjpeg and chafa (with GLib), and not the other decoders.
if command -v strace >/dev/null 2>&1; then
	# LeakSanitizer cannot work under ptrace: off for these runs
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0; export ASAN_OPTIONS
	ok "--list opens no photo library" sh -c 'strace -f -qq -e trace=openat -o "$2/libs" "$1" --list >/dev/null || exit 1
		! grep -E "lib(jpeg|png16|gif|webp|chafa|glib-2)" "$2/libs"' - "$HERALD" "$TMP"
	ok "--image of a JPEG opens libjpeg and libchafa, not libpng" sh -c 'strace -f -qq -e trace=openat -o "$2/libs" "$1" --image "$3" -w 20 >/dev/null || exit 1
		grep -q "libjpeg.so" "$2/libs" && grep -q "libchafa.so" "$2/libs" &&
		! grep -E "lib(png16|gif|webp)\.so" "$2/libs"' - "$HERALD" "$TMP" "$PH/scene.jpg"
else
	skip "--list opens no photo library" "strace is not installed"
	skip "--image of a JPEG opens libjpeg and libchafa, not libpng" "strace is not installed"
fi
ok "--help lists --image" sh -c '"$HERALD" --help | grep -q -- "--image=FILE"'

# --dump --images=symbols: each photo as symbol art under its [图] line,
# within --width; a photo that cannot be read gets one line naming it.
cat >"$TMP/dumpart.py" <<'PY'
import re, sys, unicodedata
lines = sys.stdin.read().split("\n")
cols = lambda t: sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in t)
fig = [i for i, l in enumerate(lines) if l.startswith("[图] 图为二期码头")]
assert fig, "no [图] line of the first photo"
art = []
i = fig[0] + 2                      # its caption wraps onto a second line
while i < len(lines) and "\033" in lines[i]:
    art.append(re.sub("\033\\[[0-9;]*m", "", lines[i])); i += 1
assert len(art) >= 5, "%d art rows under the first photo" % len(art)
assert all(0x2580 <= ord(c) <= 0x259f or c == " " for l in art for c in l), "not blocks"
assert max(cols(l) for l in art) <= 40, "art wider than --width"
assert "(photos/missing.jpg: No such file or directory)" in " ".join(lines), "no reason"
assert lines[-2].startswith("装箱运输"), "the text after the photos is lost"
for l in lines:
    assert cols(re.sub("\033\\[[0-9;]*m", "", l)) <= 40, "past the width: %r" % l
PY
ok "--dump --images=symbols: the photo as art under its [图] line, the missing one named" \
    sh -c '"$1" --dump --width 40 --images=symbols "$2" | python3 "$3"' - "$HERALD" \
    "$top_srcdir/tests/data/photo.md" "$TMP/dumpart.py"
ok "--dump alone (--images=none): [图] lines, no art, no escape" sh -c '
	"$1" --dump --width 40 "$2" >"$3/plain" && grep -q "^\[图\] 图为码头夜景" "$3/plain" &&
	! grep -q "$(printf "\033")" "$3/plain" &&
	"$1" --dump --width 40 --images=none "$2" | cmp -s - "$3/plain"' - "$HERALD" \
    "$top_srcdir/tests/data/photo.md" "$TMP"
ok "--dump --images=symbols with NO_COLOR: the art's symbols, no escape" sh -c '
	NO_COLOR=1 "$1" --dump --width 40 --images=symbols "$2" >"$3/mono" &&
	! grep -q "$(printf "\033")" "$3/mono" && grep -q "[▀▄▌▐█]" "$3/mono"' - "$HERALD" \
    "$top_srcdir/tests/data/photo.md" "$TMP"
ok "--images=bogus is a usage error (2) naming it" sh -c '
	"$1" --dump --images=bogus "$2" 2>"$3/err"; test $? = 2 &&
	grep -q "invalid --images .bogus." "$3/err"' - "$HERALD" "$top_srcdir/tests/data/photo.md" "$TMP"
ok "--help lists --images" sh -c '"$HERALD" --help | grep -q -- "--images=MODE"'
ok "--version says whether chafa loads" sh -c '"$HERALD" --version | grep -q "^chafa libchafa.so"'
done_testing
