#!/bin/sh
# shelf.sh: a big file's stories kept in the file until they are shown
# (shelf.c). A story read back opens with its text; / finds a word in
# stories read back for the look; n goes on to the next one; a file
# renamed meanwhile still reads as it was; one changed in place shows a
# note in the story's place, never other text; a big page file of an
# issue directory reads so too. HERALD_STREAM reads the
# file in parts of 16 KiB, as a file over 512 KiB is read in parts.
. "${top_srcdir:?}/tests/screen/lib.sh"

# wait_status TEXT: until the status line (the last row) holds TEXT.
wait_status() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen | tail -n 1 | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "status line: $(screen | tail -n 1)"
	return 1
}

# wait_joined TEXT: until TEXT is on the screen, its lines joined and its
# spaces left out (a sentence wrapped at any place).
wait_joined() {
	want=$(printf '%s' "$1" | tr -d ' ')
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen | tr -d ' \n' | grep -qF -- "$want" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for: $1"
	return 1
}

BIG=$TMP/shelf.md
{
	printf '# 测试日报\n\nTEST DAILY\n\n'
	i=1
	while [ $i -le 2500 ]; do
		printf '## 第%d篇文章\n\n▶ 本报记者 王五\n\n这是第%d篇文章的正文，说的是一件事，说得很长，长到一行放不下，再写一些字。\n\n' $i $i
		case $i in
		1900 | 2100) printf '港口新建的冷链物流枢纽今天启用。\n\n' ;;
		esac
		i=$((i + 1))
	done
	printf '## 最后一篇文章\n\n最后一篇的正文。\n'
} >"$BIG"

start -e HERALD_STREAM=16384 "$BIG"
ok "a big file read in parts: every story" wait_for "2501 articles"
keys /
type_text "冷链物流枢纽"
ok "/ counts the matches in stories kept in the file" wait_for "match 1/2"
keys Enter
ok "... Enter opens the first" wait_for "这是第1900篇文章的正文"
ok "... the match is on the screen" wait_for "冷链物流枢纽今天启用"
ok "... in that story" wait_status "1900/2501"
keys n
ok "n: the next story that has it, read back too" wait_for "这是第2100篇文章的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# open_copy NAME: a copy of the file opened, every story read.
open_copy() {
	cp "$BIG" "$TMP/$1"
	start -e HERALD_STREAM=16384 "$TMP/$1"
	wait_for "2501 articles"
}

# search_for TEXT: / TEXT Enter.
search_for() {
	keys /
	type_text "$1"
	keys Enter
}

# Renamed while open: the file is held open, the stories read as they were.
ok "another copy: every story" open_copy moved.md
mv "$TMP/moved.md" "$TMP/moved-away.md"
search_for "第2300篇文章"
ok "renamed meanwhile: a story still reads as it was" wait_for "这是第2300篇文章的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# Changed in place while open: not read as if it were the same file.
# The contents list the stories by their headlines, read from the file
# (one that is the file's bytes as they are is not held): those still
# there as they were, a note for one whose bytes changed (第2495 made
# 弟2495, as well formed).
ok "a third copy: every story" open_copy changed.md
printf 'X' | dd of="$TMP/changed.md" bs=1 seek=40 conv=notrunc 2>/dev/null
at=$(grep -b -o '## 第2495篇文章' "$TMP/changed.md" | cut -d: -f1)
printf '弟' | dd of="$TMP/changed.md" bs=1 seek=$((at + 3)) conv=notrunc \
    2>/dev/null
touch -d '2030-01-01 00:00' "$TMP/changed.md"
keys 2 G
ok "the contents list the last stories by their headlines" \
    wait_for "第2500篇文章"
ok "... one whose headline changed in the file says so" \
    wait_for "(its file changed since it was opened)"
ok "... in its place, the next one as it was" sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t |
	grep -A1 "its file changed since it was opened" | grep -q "第2496篇文章"
	' sh "$SOCK"
ok "... and shows none of the file's new text" sh -c '! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -q "弟2495"' sh "$SOCK"
search_for "第2400篇文章"
ok "changed in place: the story says so" wait_joined "changed since it was opened"
ok "... and shows none of the file's new text" sh -c '! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -q "这是第2400篇文章的正文"' sh "$SOCK"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# Read back, then let go again (shelf.h: a story more than 32 others were
# read after is read from the file again when it is shown): a reader who
# goes through every story and back reads each as it was. The front
# page's captions are copies of the marks the stories keep: they still
# read as written after those stories were read back and let go.
CAP=$TMP/captioned.md
captioned_page "$CAP"

start -e HERALD_STREAM=4096 "$CAP"
ok "a captioned file read in parts: every story" wait_for "200 articles"
keys Enter
# (the front page shows the lead's text too: the story is open once the
# status line counts it)
lead_open() { wait_status "1/200" && wait_for "这是第1篇文章的正文"; }
ok "Enter opens the lead story" lead_open
press ']' 199
ok "] through every story, each read back" wait_status "200/200"
ok "... the last one's text" wait_for "这是第200篇文章的正文"
press '[' 50
ok "[ 50 stories back: one let go since" wait_status "150/200"
ok "... is read back as it was" wait_for "这是第150篇文章的正文"
keys 1
ok "the front page again: the lead's text, held while shown" wait_for "这是第1篇文章的正文"
ok "... and the others' first lines" wait_for "这是第2篇文章的正文"
keys End
ok "the front page's foot: its captions" wait_for "图为第1篇文章说的码头。"
ok "... each as written, in order" sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep "^图为" >"$2/caps"
	[ "$(wc -l <"$2/caps")" -ge 15 ] || exit 1
	i=1
	while read -r line; do
		[ "$line" = "图为第${i}篇文章说的码头。" ] || { echo "row: $line"; exit 1; }
		i=$((i + 1))
	done <"$2/caps"' sh "$SOCK" "$TMP"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# An issue directory whose second page file is the big file (a whole
# issue converted as one page): read in parts, its stories kept in their
# own file and read back from it, / finding them there; its first page a
# small one. (Read whole before, up to 64 MiB.)
mkdir "$TMP/dir"
printf '# 测试日报\n\n## 头版文章\n\n头版的正文。\n' >"$TMP/dir/01.md"
cp "$BIG" "$TMP/dir/02.md"
start -e HERALD_STREAM=16384 "$TMP/dir"
ok "an issue directory with a big page file: its first page" \
    wait_for "头版的正文"
keys 2
ok "... its big page, every story" wait_for "2502 articles"
search_for "冷链物流枢纽"
ok "... / finds a story kept in that file, read back" \
    wait_for "这是第1900篇文章的正文"
ok "... the match is on the screen" wait_for "冷链物流枢纽今天启用"
keys n
ok "... n: the next one, read back too" wait_for "这是第2100篇文章的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

done_testing
