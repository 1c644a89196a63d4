#!/bin/sh
# photos.sh: the photos of an article drawn where they stand (issue 16), as
# symbol art in colour above their [图] lines, in rows fitted to the pane;
# a missing, garbage, cut or huge-dimension file shows its [图] line and a
# one-line reason; i hides and shows them with the same line on top;
# --images=none and [images] mode = none leave the [图] lines only;
# [images] max_rows bounds them, a taller pane gives them more rows; with
# NO_COLOR the symbols come without colour. Lazy: the first screen opens
# no photo file, the article reads its header and decodes it once, and
# showing it again reads nothing. On a front page of 30 rows or more the
# lead's photo stands under the lead story (its [图] line once). With
# COLORTERM=truecolor the photo comes in 24-bit colours past curses.
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
# in_article CHECK...: CHECK once the article is open (its status line
# counts it, 1/1): the front page of 30 rows or more has the lead's photo
# and its [图] line too, so CHECK alone could pass before Enter was taken.
in_article() { wait_for "01版 │ 1/1" && "$@"; }

# The reader under strace: which photo files it opens, and when.
if command -v strace >/dev/null 2>&1; then
	cat >"$TMP/traced" <<EOF
#!/bin/sh
exec strace -qq -f -s 65536 -e trace=openat,write -o '$TMP/trace' '$HERALD' "\$@"
EOF
	chmod +x "$TMP/traced"
	REAL=$HERALD HERALD=$TMP/traced
fi
opened() { grep -c 'photos/scene\.jpg' "$TMP/trace" 2>/dev/null || true; }

# At 80x24 the front page keeps its rows for the contents: no photo on it.
if [ -n "${REAL:-}" ]; then
	start "$P/page.md"
	wait_for "青岚港二期码头投运" >/dev/null
	settle
	ok "lazy: the first screen (80x24) opens no photo file" \
	    test "$(opened)" -eq 0
	keys Enter
	eventually has_art 4 >/dev/null
	# probe + decode: two opens
	ok "lazy: the article opens the photo twice, its header and its picture" \
	    eventually test "$(opened)" -eq 2
	keys i
	wait_for "Photos hidden" >/dev/null
	keys i
	eventually has_art 4 >/dev/null
	ok "lazy: i twice, the photo shown again from what was kept, not read" \
	    test "$(opened)" -eq 2
	keys Q
	wait_exit >/dev/null
	# 80x40: the lead photo on the first screen, decoded after it is out
	rm -rf "$XDG_STATE_HOME"
	: >"$TMP/trace"
	start -y 40 "$P/page.md"
	wait_for "青岚港二期码头投运" >/dev/null
	eventually test "$(opened)" -eq 2 >/dev/null
	# the write that brings the headline (strace shows its bytes in
	# octal) comes before the photo's second opening, its decoding
	ok "lazy: the first screen is written before its photo is decoded" \
	    python3 - "$TMP/trace" <<'PY'
import sys
head = "".join("\\%03o" % b for b in "青岚港二期".encode())
w = d = None
n = 0
for i, line in enumerate(open(sys.argv[1], encoding="utf-8", errors="replace")):
    if w is None and "write(1," in line and head in line:
        w = i
    if "photos/scene.jpg" in line:
        n += 1
        if n == 2:
            d = i
sys.exit(0 if w is not None and d is not None and w < d else 1)
PY
	keys Q
	wait_exit >/dev/null
	HERALD=$REAL
else
	skip "lazy: the first screen (80x24) opens no photo file" "strace is not installed"
	skip "lazy: the article opens the photo twice" "strace is not installed"
	skip "lazy: i twice, the photo shown again" "strace is not installed"
	skip "lazy: the first screen is written before its photo is decoded" "strace is not installed"
fi

start -y 40 "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
# a front page of 30 rows or more: the lead's photo under it
front_art() {
	test "$(rows_between "年吞吐能力提升三成" "[图] 图为二期码头作业现场" | art)" -ge 3
}
ok "the front page (80x40): the lead's photo under the lead story" \
    eventually front_art
ok "... its [图] line under it, once" eventually sh -c \
    "test \$(tmux -L '$SOCK' capture-pane -p -t t | grep -c '图为二期码头作业现场') -eq 1"
keys i
ok "... i hides it on the front page" eventually no_art
keys i
eventually front_art >/dev/null
keys Enter
ok "the photo above its [图] line, in symbols" in_article eventually has_art 4
settle
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
resize 80 60
ok "a taller pane: more rows for the photo (58 text rows: at most 23)" eventually sh -c \
    "n=\$(tmux -L '$SOCK' capture-pane -p -t t | sed -n '/年吞吐能力提升三成/,/图为二期码头作业现场/p' |
     python3 -c 'import sys; print(sum(1 for l in sys.stdin if any(0x2580 <= ord(c) <= 0x259f for c in l)))');
     test \$n -gt $n && test \$n -le 23"
keys Q
wait_exit >/dev/null

# --images=none: the [图] lines only, until i
start -y 40 --images=none "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
ok "--images=none: the [图] line" in_article wait_for "[图] 图为二期码头作业现场"
settle
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
in_article wait_for "[图] 图为二期码头作业现场" >/dev/null
settle
ok "[images] mode = none: no photo" no_art
keys Q
wait_exit >/dev/null
printf '[images]\nmax_rows = 3\n' >"$XDG_CONFIG_HOME/herald-tui/config.ini"
start -y 40 "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
ok "[images] max_rows = 3: the photo in 3 rows" in_article eventually sh -c \
    "test \"\$(tmux -L '$SOCK' capture-pane -p -t t | sed -n '/年吞吐能力提升三成/,/图为二期码头作业现场/p' |
     python3 -c 'import sys; print(sum(1 for l in sys.stdin if any(0x2580 <= ord(c) <= 0x259f for c in l)))')\" -eq 3"
keys Q
wait_exit >/dev/null
rm -f "$XDG_CONFIG_HOME/herald-tui/config.ini"

# COLORTERM=truecolor on an xterm-256color entry: curses has 256 colours,
# the photo goes past it in 24-bit SGR; a pane switch leaves nothing
start -y 40 -e COLORTERM=truecolor "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
ok "COLORTERM=truecolor: the photo in symbols" in_article eventually has_art 4
ok "... in 24-bit colours" eventually sh -c "tmux -L '$SOCK' capture-pane -e -p -t t |
    grep -q '48;2;[0-9]*;[0-9]*;[0-9]*m'"
keys 2
ok "... gone with the article: no symbol left on the contents" eventually no_art
keys 3
ok "... back with it" eventually has_art 4
keys Q
wait_exit >/dev/null

# NO_COLOR: the shapes, no colour
start -y 40 -e NO_COLOR=1 "$P/page.md"
wait_for "青岚港二期码头投运" >/dev/null
keys Enter
ok "NO_COLOR: the photo in symbols" in_article eventually has_art 2
settle
ok "... without a colour" test \
    "$(rows_between "年吞吐能力提升三成" "[图] 图为二期码头作业现场" | colours)" -eq 0
keys Q
wait_exit >/dev/null

done_testing
