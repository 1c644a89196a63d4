#!/bin/sh
# lazy.sh: the reader opens an issue directory with its first page only
# and parses the rest once the first screen is up (LOAD_LAZY): a broken
# later page is reported without stopping the reader, the other pages
# load, and the contents box links once they have.
. "$top_srcdir/tests/screen/lib.sh"
ISSUE=$TMP/issue
mkdir -p "$ISSUE"
cat >"$ISSUE/01.md" <<'EOP'
# 测试日报

TEST DAILY

## 头版文章

▶ 本报记者 王五

头版的正文。

▼▼ 下转第2版

### 本期导读

- 第二版的文章 02版
- 名字对不上的条目 03版
- 不在本期 09版
EOP
cat >"$ISSUE/02.md" <<'EOP'
## 第二版的文章

▲▲ 上接第1版

第二版的正文。
EOP
printf 'x\000y' >"$ISSUE/03.md"
cat >"$ISSUE/04.md" <<'EOP'
## 第四版的文章

第四版的正文。
EOP

# An eager load refuses the whole issue: --list says why.
ok "--list refuses the issue because of page 3" sh -c '"$1" --list "$2" >/dev/null 2>"$3/e"; test $? -eq 1 && grep -q "03.md: binary file" "$3/e"' - "$HERALD" "$ISSUE" "$TMP"

start "$ISSUE"
ok "the reader opens it anyway: the front page" wait_for "头版文章"
ok "... and reports the broken page in the status line" wait_for "03.md: binary file"
keys 2
ok "the contents list the pages after the broken one" wait_for "第四版的文章"
ok "... and an entry whose page is absent is marked" wait_for "09版 · not in this issue"
keys 1
keys j Enter
ok "a contents entry opens its article on page 2 (linked after loading)" wait_for "第二版的正文"
keys BSpace
ok "back on the front page" wait_for "本期导读"
keys j Enter
ok "an entry for a page that failed to load says why" wait_for "03.md: binary file"
keys j Enter
ok "an entry for a page not in the issue says that" wait_for "Page 9 is not in this issue"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# One big Markdown file (issue 19): the first screen comes from its first
# articles, then the whole file is parsed and replaces them: the front
# page, the status line and the last article are the whole file's.
BIG=$TMP/big.md
{
	printf '# 测试日报\n\nTEST DAILY\n\n'
	i=1
	while [ $i -le 2500 ]; do
		printf '## 第%d篇文章\n\n▶ 本报记者 王五\n\n这是第%d篇文章的正文，说的是一件事，说得很长，长到一行放不下，再写一些字。\n\n' $i $i
		i=$((i + 1))
	done
	printf '## 最后一篇文章\n\n最后一篇的正文。\n'
} >"$BIG"
start "$BIG"
ok "a big file: the front page" wait_for "第1篇文章"
ok "... then the whole file: the status line counts every article" wait_for "2501 articles"
keys End
ok "... and the front page ends with its last article" wait_for "最后一篇文章"
keys Enter
ok "... which opens" wait_for "最后一篇的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# status_has A B: the status line (the last row) holds A, then B.
status_has() {
	last=$(screen | tail -n 1)
	case $last in
	*"$1"*"$2"*) return 0 ;;
	esac
	echo "status line: $last"
	return 1
}

# opened N TEXT: until story N is open (the status line's "│ N/", which
# the front page's has not) and TEXT is on the screen: the front page
# shows its stories' first lines too, so TEXT alone was there before the
# keys that open the story were taken.
opened() {
	wait_for "│ $1/" && wait_for "$2"
}

# status_has_soon A B: the same, waiting for it.
status_has_soon() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		status_has "$1" "$2" >/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	status_has "$1" "$2"
}

# The rest of a big file is read in a thread of its own: keys are
# answered meanwhile on its first articles. HERALD_STREAM reads this one
# in parts, 16 KiB at a time, and slows that read down (PAUSE ms before
# each read) so that it is still going when the keys come: slowly [-w
# PAUSE] ARGS starts the reader so (PAUSE 60). (Copies of the file: no
# place saved by the tests before is restored.)
slowly() {
	pause=60
	if [ "$1" = -w ]; then
		pause=$2
		shift 2
	fi
	start -e "HERALD_STREAM=16384:8:$pause" "$@"
}
cp "$BIG" "$TMP/on1.md"
cp "$BIG" "$TMP/on2.md"
cp "$BIG" "$TMP/on3.md"
slowly "$TMP/on1.md"
ok "reading on: the front page first" wait_for "第1篇文章"
ok "... the status line says the rest is being read" wait_for "reading the rest…"
keys j Enter
ok "... a story opens meanwhile" opened 2 "这是第2篇文章的正文"
ok "... while the rest is still read" status_has "│ 2/" "reading the rest…"
ok "... then the same story stays on the screen, counted among them all" wait_for "2/2501 "
ok "... and the status line no longer says it reads" wait_gone "reading the rest…"
ok "... the story's text is still there" wait_for "这是第2篇文章的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# A key that needs the whole issue (the contents) waits for the rest,
# with a word on the status line; then it has every story.
slowly "$TMP/on2.md"
ok "waiting for the rest: the front page first" wait_for "第1篇文章"
keys 2
ok "... the contents wait for the rest, saying so" wait_for "Reading the rest of the issue…"
keys End
ok "... then list every story, the last one too" wait_for "最后一篇文章"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# The wait says how far the read is, and the first key typed meanwhile
# decides: Esc stops waiting (the read goes on, keys are answered), a
# quit quits at once; any other waits its turn (End, above).
cp "$BIG" "$TMP/on6.md"
slowly "$TMP/on6.md"
wait_for "第1篇文章" >/dev/null
keys 2
ok "waiting for the rest: how far its read is" \
    wait_match "Reading the rest of the issue… [0-9]+% \(Esc: stop waiting\)"
keys Escape
ok "... Esc stops waiting" wait_for "Stopped waiting: the rest is still being read"
keys j
ok "... the front page's keys are answered while the rest is read" \
    status_has_soon "front page" "reading the rest…"
ok "... and the rest comes in" status_has_soon "front page" "2501 articles"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
# (a second a read: the rest would take a minute)
cp "$BIG" "$TMP/on7.md"
slowly -w 1000 "$TMP/on7.md"
wait_for "reading the rest…" >/dev/null
keys 2
wait_for "Reading the rest of the issue…" >/dev/null
keys q
ok "a quit typed while waiting quits at once" test "$(wait_exit)" = 0

# The first screen of a big file already says that its rest is read: its
# status line is written whole once, not its end a moment later (a write
# of its own, cursor moves and all, once the read had started).
cp "$BIG" "$TMP/on8.md"
REAL=$HERALD
HERALD=$TMP/rec-herald
printf '#!/bin/sh\nexec python3 %s --hold 0 --record %s -- %s "$@"\n' \
    "'$top_srcdir/tests/screen/slowterm.py'" "'$TMP/first.raw'" "'$REAL'" >"$HERALD"
chmod +x "$HERALD"
slowly -w 1000 "$TMP/on8.md"
wait_for "reading the rest…" >/dev/null
said_at_once() {
	python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
mark = " │ reading the rest…".encode()
n, i = d.count(mark), d.find(mark)
before = d[max(i - 16, 0):i] if i >= 0 else b""
print("written %d times; before it: %r; the end: %r" % (n, before, d[-80:]))
sys.exit(not (n == 1 and b"\x1b" not in before))' "$TMP/first.raw"
}
ok "the first screen of a big file says the rest is read, in one write" said_at_once
keys Q
wait_exit >/dev/null
HERALD=$REAL

# The place kept from last time, when it is past the first part: the
# front page shows at once while the rest is read, then the story. Until
# then the place kept stays kept: quitting before keeps it.
cp "$BIG" "$TMP/on4.md"
slowly "$TMP/on4.md"
ok "a place far in: the front page first" wait_for "第1篇文章"
keys End
ok "... End waits for every story" wait_for "最后一篇文章"
keys Enter
ok "... the last story opens" wait_for "最后一篇的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
slowly "$TMP/on4.md"
ok "opened again: the front page at once, while the rest is read" status_has_soon "front page" "reading the rest…"
keys Q
ok "... quitting then exits 0" test "$(wait_exit)" = 0
slowly "$TMP/on4.md"
ok "opened once more: the front page at once again (the place was kept)" status_has_soon "front page" "reading the rest…"
ok "... then the story read last time" wait_for "最后一篇的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
# a place in the first part opens at once, the rest read meanwhile
cp "$BIG" "$TMP/on5.md"
slowly "$TMP/on5.md"
ok "a place near the top: the front page first" wait_for "第1篇文章"
keys j Enter
ok "... a story opens" opened 2 "这是第2篇文章的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
slowly "$TMP/on5.md"
ok "opened again: that story at once, while the rest is read" status_has_soon "│ 2/" "reading the rest…"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# -p PAGE [-a N] on a big file: a story in the first part opens at once;
# one further in waits for the rest with the front page shown (before, the
# whole file was read on a blank terminal first), and a page or story
# that is not there says so once the rest is in. Twelve pages split by
# pymupdf4llm's separators, 220 stories each.
PAGED=$TMP/paged.md
{
	printf '# 测试日报\n\nTEST DAILY\n\n'
	p=1
	while [ $p -le 12 ]; do
		a=1
		while [ $a -le 220 ]; do
			printf '## 第%d版第%d篇\n\n这是第%d版第%d篇的正文，说的是一件事，说得很长，长到一行放不下，再写一些字。\n\n' $p $a $p $a
			a=$((a + 1))
		done
		printf -- '--- end of page=%d ---\n\n' $((p - 1))
		p=$((p + 1))
	done
} >"$PAGED"
slowly -p 1 -a 3 "$PAGED"
ok "-p 1 -a 3: that story at once, while the rest is read" status_has_soon "│ 3/" "reading the rest…"
ok "... its text" wait_for "这是第1版第3篇的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
slowly -p 9 -a 2 "$PAGED"
ok "-p 9 -a 2: the front page at once, while the rest is read" status_has_soon "front page" "reading the rest…"
ok "... then that story" wait_for "这是第9版第2篇的正文"
ok "... on page 9" status_has "09版" "2/220"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
slowly -p 99 "$PAGED"
ok "-p 99: the front page at once" status_has_soon "front page" "reading the rest…"
ok "... then: no such page" wait_for "page 99 is not in this issue"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
slowly -p 9 -a 2 "$PAGED"
ok "-p 9 -a 2 again: the front page first" status_has_soon "front page" "reading the rest…"
keys j Enter
ok "... a story opened meanwhile" opened 2 "这是第1版第2篇的正文"
ok "... stays once the rest is in (-p gives way to a move)" wait_gone "reading the rest…"
ok "... still that story" wait_for "这是第1版第2篇的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# An issue directory whose first page file is big (MinerU writes a whole
# issue as one Markdown file) opens as a big file does: its first stories
# at once, the whole directory read in a thread, keys answered meanwhile
# (before, the first screen waited for the whole first page, and the
# pages after it were parsed in the reader's own thread, keys waiting);
# a page after it that cannot be read is said once the rest is in.
DIRB=$TMP/dirbig
mkdir -p "$DIRB"
cp "$BIG" "$DIRB/01.md"
printf '## 第二版的文章\n\n第二版的正文。\n' >"$DIRB/02.md"
printf 'x\000y' >"$DIRB/03.md"
slowly "$DIRB"
ok "a directory with a big first page: its first stories at once" wait_for "第1篇文章"
ok "... the status line says the rest is being read" wait_for "reading the rest…"
keys j Enter
ok "... a story opens meanwhile" opened 2 "这是第2篇文章的正文"
ok "... while the rest is still read" status_has "│ 2/" "reading the rest…"
ok "... then the page after it that cannot be read is said" wait_for "03.md: binary file"
keys k
ok "... and the same story is counted among the whole page's" wait_for "2/2501 "
keys 2 End
ok "... the contents list the second page's story" wait_for "第二版的文章"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# ...and one whose pages after the first hold more than a file read in
# parts: the first page at once, the rest read in a thread, a wait for
# it saying how far the read of the whole directory is.
DIRR=$TMP/dirrest
mkdir -p "$DIRR"
cp "$ISSUE/01.md" "$DIRR/01.md"
cp "$BIG" "$DIRR/02.md"
slowly "$DIRR"
ok "a directory with big pages after the first: the front page at once" wait_for "头版文章"
ok "... the rest read meanwhile" wait_for "reading the rest…"
keys 2
ok "... the contents wait, saying how far the read is" \
    wait_match "Reading the rest of the issue… [0-9]+% \(Esc: stop waiting\)"
keys End
ok "... then list the big page's stories" wait_for "最后一篇文章"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
slowly -w 1000 "$DIRR"
ok "quitting while a directory's rest is read: the front page first" wait_for "reading the rest…"
keys Q
ok "... Q exits 0 at once" test "$(wait_exit)" = 0

# Quitting does not wait for the read of the rest: it stops it (here that
# read would take over a minute, a second a read).
slowly -w 1000 "$TMP/on3.md"
ok "quitting while reading on: the front page first" wait_for "reading the rest…"
keys Q
ok "... Q exits 0 at once" test "$(wait_exit)" = 0

# Past the 64 MiB a whole read refuses (issue 19): a 72 MB Markdown file
# opens; the rest of it, read in parts once the first screen is up, is
# all there: the status line counts every story, the last one opens.
python3 -c '
import sys
para = "青岚港二期码头昨日投运，新增泊位四个，年吞吐能力提升两成。" * 20
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# 青岚日报\n\nQINGLAN DAILY\n\n")
    for i in range(24000):
        f.write("## 第%d篇报道\n\n%s\n\n%s\n\n" % (i, para, para))
' "$TMP/big72.md"
start "$TMP/big72.md"
ok "a 72 MB file: the front page" wait_for "第0篇报道"
ok "... then the whole file: the status line counts every story" wait_for "24000 articles"
keys End
ok "... the front page ends with the last one" wait_for "第23999篇报道"
keys Enter
ok "... which opens" wait_for "青岚港二期码头昨日投运"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0
rm -f "$TMP/big72.md"

# Only the first bytes are read for the first screen: a NUL byte far into
# the file is the whole read's error, in the status line; the first
# stories stay.
cp "$BIG" "$TMP/nul.md"
printf '\n正文\000尾\n' >>"$TMP/nul.md"
start "$TMP/nul.md"
ok "a NUL far in: the front page first" wait_for "第1篇文章"
ok "... then the whole read's error in the status line" wait_for "nul.md: binary file"
keys Enter
ok "... and the first stories still open" opened 1 "这是第1篇文章的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# A library is listed by name and checked after the first screen: only the
# directories that hold pages are issues.
LIB=$TMP/lib
mkdir -p "$LIB/2026-11-20" "$LIB/2026-11-25-scans" "$LIB/2026-11-27" "$LIB/zzz-notes"
cp "$ISSUE/01.md" "$ISSUE/02.md" "$LIB/2026-11-20/"
cp "$ISSUE/01.md" "$ISSUE/04.md" "$LIB/2026-11-27/"
echo "not an issue" >"$LIB/zzz-notes/README"
start "$LIB"
ok "a library opens on its newest issue (not on zzz-notes)" wait_for "头版文章"
keys 2
ok "the contents list the issues by date" wait_for "2026-11-20"
ok "... and the newest" wait_for "2026-11-27"
ok "... but not a directory without pages" wait_gone "2026-11-25-scans"
ok "... nor one that sorts after the newest issue" wait_gone "zzz-notes"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# One read of the library tells it from an issue directory and lists it.
if command -v strace >/dev/null 2>&1; then
	strace -qq -e trace=openat -o "$TMP/lib.strace" "$HERALD" --list "$LIB" >/dev/null 2>&1
	ok "the library directory is opened once" \
	    test "$(grep -cF "\"$LIB\", O_" "$TMP/lib.strace")" -eq 1
	ok "... and its newest issue's directory once: the pages listed when it was found are the ones loaded" \
	    test "$(grep -cF "\"$LIB/2026-11-27\", O_" "$TMP/lib.strace")" -eq 1
	strace -qq -e trace=openat -o "$TMP/issue.strace" "$HERALD" --list "$ISSUE" >/dev/null 2>&1
	ok "an issue directory is told from a library, and its pages listed, in one read" \
	    test "$(grep -cF "\"$ISSUE\", O_" "$TMP/issue.strace")" -eq 1
else
	skip "the library directory is opened once" "strace is not installed"
	skip "... and its newest issue's directory once" "strace is not installed"
	skip "an issue directory is told from a library, and its pages listed, in one read" "strace is not installed"
fi

done_testing
