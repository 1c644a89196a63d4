#!/bin/sh
# photos.sh: the photos of an article drawn where they stand (issue 16), as
# symbol art in colour above their [图] lines, in rows fitted to the pane;
# a missing, garbage, cut or huge-dimension file shows its [图] line and a
# one-line reason; i hides and shows them with the same line on top;
# --images=none and [images] mode = none leave the [图] lines only;
# [images] max_rows bounds them, a taller pane gives them more rows; with
# NO_COLOR the symbols come without colour. Lazy: the first screen opens
# no photo file, the article reads its header and decodes it once, and
# showing it again reads nothing.
. "${top_srcdir:?}/tests/screen/lib.sh"

P=$TMP/paper
mkdir -p "$P/photos"
cp "$top_srcdir/tests/data/photos/scene.jpg" "$P/photos/"
printf 'not a picture at all\n' >"$P/photos/noise.jpg"
head -c 3000 "$P/photos/scene.jpg" >"$P/photos/cut.jpg"
# the frame header of scene.jpg claiming 60000 x 60000 pixels
python3 - "$P/photos/scene.jpg" "$P/photos/huge.jpg" <<'EOF'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = 2
while True:
    m, n = d[i + 1], d[i + 2] << 8 | d[i + 3]
    if 0xc0 <= m <= 0xcf and m not in (0xc4, 0xc8, 0xcc):
        d[i + 5:i + 9] = bytes([0xea, 0x60, 0xea, 0x60])
        break
    i += 2 + n
open(sys.argv[2], "wb").write(d)
EOF
cat >"$P/page.md" <<'EOF'
# 青岚日报

## 青岚港二期码头投运

本报讯 青岚港二期码头昨日正式投运，新增泊位四个，年吞吐能力提升三成。

![](photos/scene.jpg)

图为二期码头作业现场。 本报记者 周明 摄

![](photos/missing.jpg)

图为码头夜景。

![](photos/noise.jpg)

图为一张坏图。

![](photos/cut.jpg)

图为半张图。

![](photos/huge.jpg)

图为一张大图。

港口负责人表示，二期码头将主要服务集装箱运输。
EOF

# rows_between A B: the screen's rows after the one holding A and before
# the one holding B (the photo above its [图] line), with their SGR.
rows_between() {
	tm capture-pane -e -p -t t | awk -v a="$1" -v b="$2" '
		index($0, b) { exit } go { print } index($0, a) { go = 1 }'
}
# art ROWS: how many of the rows on stdin hold block symbols
art() {
	python3 -c '
import sys
print(sum(1 for l in sys.stdin if any(0x2580 <= ord(c) <= 0x259f for c in l)))'
}
# colours: how many 256-colour backgrounds the rows on stdin use
colours() {
	grep -o '48;5;[0-9]*' | sort -u | wc -l
}
photo_rows() {
	rows_between "年吞吐能力提升三成" "[图] 图为二期码头作业现场" | art
}
has_art() { test "$(photo_rows)" -ge "$1"; }
no_art() { test "$(screen | art)" -eq 0; }

# The reader under strace: which photo files it opens, and when.
if command -v strace >/dev/null 2>&1; then
	cat >"$TMP/traced" <<EOF
#!/bin/sh
exec strace -qq -f -e trace=openat -o '$TMP/trace' '$HERALD' "\$@"
EOF
	chmod +x "$TMP/traced"
	REAL=$HERALD HERALD=$TMP/traced
fi
opened() { grep -c 'photos/scene\.jpg' "$TMP/trace" 2>/dev/null || true; }

start -y 40 "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
settle
if [ -n "${REAL:-}" ]; then
	ok "lazy: the first screen opens no photo file" test "$(opened)" -eq 0
else
	skip "lazy: the first screen opens no photo file" "strace is not installed"
fi
keys Enter
ok "the photo above its [图] line, in symbols" eventually has_art 4
ok "... in colour (256 colours: many backgrounds)" test \
    "$(rows_between "年吞吐能力提升三成" "[图] 图为二期码头作业现场" | colours)" -ge 5
n=$(photo_rows)
ok "... 40% of the pane at most (38 text rows: 15)" test "$n" -le 15
ok "... no row past the edge" test "$(max_width)" -le 80
ok "a missing file: its reason, then its [图] line" wait_for \
    "(photos/missing.jpg: No such file or directory)"
ok "... the [图] line right under it" sh -c "tmux -L '$SOCK' capture-pane -p -t t |
    grep -A1 -F '(photos/missing.jpg:' | grep -qF '[图] 图为码头夜景。'"
ok "garbage: not an image, said in one line" wait_for \
    "(photos/noise.jpg: not a JPEG, PNG, GIF or WebP image)"
keys G
ok "a cut file: found when decoded, said on its first row" wait_for \
    "(photos/cut.jpg: truncated JPEG data)"
ok "a huge-dimension header: refused before decoding" wait_for \
    "(photos/huge.jpg: JPEG picture too large"
ok "... its [图] line kept" wait_for "[图] 图为一张大图。"
ok "... nothing past the edge" test "$(max_width)" -le 80
if [ -n "${REAL:-}" ]; then
	# probe + decode: two opens
	ok "lazy: the photo opened twice, its header and its picture" \
	    test "$(opened)" -eq 2
fi
keys g
eventually has_art 4 >/dev/null
keys i
ok "i hides them, and says so" wait_for "Photos hidden: i shows them again"
ok "... no symbol on the screen" eventually no_art
ok "... the [图] lines stay" wait_for "[图] 图为二期码头作业现场"
ok "... and the reasons go" wait_gone "(photos/missing.jpg:"
keys i
ok "i again shows them" wait_for "Photos shown"
ok "... the photo back" eventually has_art 4
if [ -n "${REAL:-}" ]; then
	ok "lazy: shown again from what was kept, the file not read" \
	    test "$(opened)" -eq 2
fi
resize 80 60
ok "a taller pane: more rows for the photo (58 text rows: at most 23)" eventually sh -c \
    "n=\$(tmux -L '$SOCK' capture-pane -p -t t | sed -n '/年吞吐能力提升三成/,/图为二期码头作业现场/p' |
     python3 -c 'import sys; print(sum(1 for l in sys.stdin if any(0x2580 <= ord(c) <= 0x259f for c in l)))');
     test \$n -gt $n && test \$n -le 23"
keys Q
wait_exit >/dev/null
[ -n "${REAL:-}" ] && HERALD=$REAL

# --images=none: the [图] lines only, until i
start -y 40 --images=none "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
ok "--images=none: the [图] line" wait_for "[图] 图为二期码头作业现场"
ok "... no photo" no_art
keys i
ok "... i shows it" eventually has_art 4
keys Q
wait_exit >/dev/null

# [images] mode = none, and max_rows
mkdir -p "$XDG_CONFIG_HOME/herald-tui"
printf '[images]\nmode = none\n' >"$XDG_CONFIG_HOME/herald-tui/config.ini"
start -y 40 "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
wait_for "[图] 图为二期码头作业现场" >/dev/null
ok "[images] mode = none: no photo" no_art
keys Q
wait_exit >/dev/null
printf '[images]\nmax_rows = 3\n' >"$XDG_CONFIG_HOME/herald-tui/config.ini"
start -y 40 "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
ok "[images] max_rows = 3: the photo in 3 rows" eventually sh -c \
    "test \"\$(tmux -L '$SOCK' capture-pane -p -t t | sed -n '/年吞吐能力提升三成/,/图为二期码头作业现场/p' |
     python3 -c 'import sys; print(sum(1 for l in sys.stdin if any(0x2580 <= ord(c) <= 0x259f for c in l)))')\" -eq 3"
keys Q
wait_exit >/dev/null
rm -f "$XDG_CONFIG_HOME/herald-tui/config.ini"

# NO_COLOR: the shapes, no colour
start -y 40 -e NO_COLOR=1 "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
ok "NO_COLOR: the photo in symbols" eventually has_art 2
ok "... without a colour" test \
    "$(rows_between "年吞吐能力提升三成" "[图] 图为二期码头作业现场" | colours)" -eq 0
keys Q
wait_exit >/dev/null

done_testing
