#!/bin/sh
# script.sh: 简⇄繁 while reading. T (switch-script) shows the article in
# the other script with the same sentence on top (not the article's
# start), as a resize keeps it, and T again goes back to the original at
# the same place; the masthead, the contents and the status line follow.
# / finds both forms: 国产 finds 國產 in the converted view (highlighted
# there), 软体园区 finds 軟體園區 in a traditional paper, 據介紹 finds 据介绍
# in the simplified sample. An article's body is converted when it is
# first read. Without OpenCC's data, T says so on the status line and the
# original text stays.
. "${top_srcdir:?}/tests/screen/lib.sh"

if "$HERALD" --version | grep -q "^OpenCC not installed"; then
	echo "1..0 # SKIP OpenCC (libopencc1.1) is not installed"
	exit 0
fi
if "$HERALD" --list --script=traditional "$SAMPLE" 2>&1 >/dev/null |
    grep -q "OpenCC"; then
	echo "1..0 # SKIP OpenCC's data files (libopencc-data) are not installed"
	exit 0
fi

"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" |
    sed 's/[[:space:]]*$//' >"$TMP/d80"
"$HERALD" --dump --width 80 -p 1 -a 1 --script=traditional "$SAMPLE" |
    sed 's/[[:space:]]*$//' >"$TMP/t80"
orig=$(sed -n 8p "$TMP/d80")
trad=$(sed -n 8p "$TMP/t80")
ok "the 8th line of the article differs in traditional forms" \
    test -n "$orig" -a "$orig" != "$trad"

start -p 1 -a 1 "$SAMPLE"
wait_row 1 "$(sed -n 1p "$TMP/d80" | sed 's/^ *//')" >/dev/null
keys j j j j j j j
ok "seven lines down, the original text" wait_line 1 "$orig"
keys T
ok "T: the same line on top, in traditional forms" wait_line 1 "$trad"
ok "... and the rows below it are those of the traditional layout" sh -c '
	test "$(tmux -u -L "$1" -f /dev/null capture-pane -p -t t |
	    sed -n 3,23p | sed "s/[[:space:]]*\$//")" = "$(sed -n 9,29p "$2")"' \
    - "$SOCK" "$TMP/t80"
ok "the status line says which script" wait_row 23 "Script: traditional"
ok "the masthead's title is converted" wait_row 0 "山河科技報"
keys k j
ok "after a move the status line names the script shown" wait_row 23 "繁體 │ 01版"
keys T
ok "T again: the original, at the same place" wait_line 1 "$orig"
ok "... and says so" wait_row 23 "Script: original"
ok "the masthead is the original again" wait_row 0 "山河科技报"
keys k j
# (the message there before the keys had no 繁體 either: wait for the
# status line the move brings)
wait_gone "Script: original" >/dev/null
wait_row 23 "01版 │ 1/3" >/dev/null
ok "the status line names no script for the original" sh -c \
    'sleep 0.3; ! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | tail -1 | grep -q "繁體"' - "$SOCK"

# The converted view from the contents, and a search in it.
keys T
wait_line 1 "$trad" >/dev/null
keys 2
ok "the contents show the converted headlines" wait_for "處理器實現量產"
keys 3 g /
type_text "国产开源"
keys Enter
# (國產開源 is in the headline already: the highlight below waits for the search)
ok "/国产开源 finds 國產開源 in the converted view" wait_for "國產開源"
ok "... highlighted" highlighted "國產開源"
ok "... not 'Not found'" sh -c \
    '! tmux -u -L "$1" -f /dev/null capture-pane -p -t t | grep -q "Not found"' - "$SOCK"
keys Q
ok "Q exits 0 after T and a search (no leak under the sanitizers)" \
    test "$(wait_exit)" = 0

# Search across forms in the original texts: a simplified needle in a
# traditional paper, a traditional needle in the simplified sample.
start "$top_srcdir/tests/data/traditional.md"
wait_for "臨江" >/dev/null
keys /
type_text "软体园区"
keys Enter
ok "/软体园区 finds 軟體園區 in a traditional paper" wait_row 23 "01版 │ 1/1"
ok "... highlighted" highlighted "軟體園區"
keys Q
wait_exit >/dev/null

start -p 1 -a 1 "$SAMPLE"
wait_row 1 "$(sed -n 1p "$TMP/d80" | sed 's/^ *//')" >/dev/null
keys /
type_text "據介紹"
keys Enter
ok "/據介紹 finds 据介绍 in the simplified sample" wait_row 1 "据介绍"
ok "... highlighted" highlighted "据介绍"
keys Q
wait_exit >/dev/null

# A body is converted when it is first read, not at T: after T on the
# front page's story, its continuation on page 2 (not read yet) and its
# headline (converted with the page) are both in traditional forms.
start -p 1 -a 1 "$SAMPLE"
wait_row 1 "$(sed -n 1p "$TMP/d80" | sed 's/^ *//')" >/dev/null
keys T
wait_line 1 "$(sed -n 1p "$TMP/t80" | sed 's/^ *//')" >/dev/null
keys c
ok "T, then c: the continuation on page 2 is in traditional forms" \
    wait_for "在青川芯源公司的展示廳裏"
ok "... its headline too" wait_for "處理器實現量產"
keys T
ok "... and T there gives its original text back" \
    wait_for "在青川芯源公司的展示厅里"
keys Q
wait_exit >/dev/null

# Without OpenCC's data: one line, the original text, the reader goes on.
mkdir -p "$TMP/nodata"
start -e HERALD_OPENCC_DIR="$TMP/nodata" -p 1 -a 1 "$SAMPLE"
wait_row 1 "$(sed -n 1p "$TMP/d80" | sed 's/^ *//')" >/dev/null
keys j j j j j j j
wait_line 1 "$orig" >/dev/null
keys T
ok "missing data: T says so on the status line" wait_row 23 "OpenCC: cannot load"
ok "... and the original text stays" wait_line 1 "$orig"
keys j
ok "... and the reader goes on" wait_line 1 "$(sed -n 9p "$TMP/d80")"
keys /
type_text "据介绍"
keys Enter
ok "... and / still searches as before" wait_row 1 "据介绍"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# A big file's stories kept in the file (shelf.h): T converts their
# headlines and the stories the front page shows, not every story read
# back; a story is converted when it is read.
BIG=$TMP/big.md
captioned_page "$BIG"
start -e HERALD_STREAM=4096 "$BIG"
ok "a big file read in parts: every story" wait_for "200 articles"
keys T
ok "T: the front page's first lines, converted" wait_for "這是第2篇文章的正文"
# (a story of the file's end: read back for its rows, and converted)
press j 89
ok "... those of stories in the file too" wait_for "這是第89篇文章的正文"
keys End
ok "... and its captions" wait_for "圖爲第1篇文章說的碼頭。"
keys T End
ok "T again: its captions as printed" wait_for "图为第1篇文章说的码头。"
keys T End
ok "... and T: converted again" wait_for "圖爲第1篇文章說的碼頭。"
keys Home Enter
# (the front page at its top shows the lead's first paragraph too: the
# story is open once the status line counts it)
lead_open() { wait_for "01版 │ 1/200" && wait_for "這是第1篇文章的正文"; }
ok "Enter: the lead, converted" lead_open
press ']' 149
ok "] to the 150th: read back, and converted then" wait_for "這是第150篇文章的正文"
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

# Every story searched, then read one after another, in the other script:
# each is let go again as it would be in the original (shelf.h), not held
# with its other text, so the reader holds about what it held once the
# contents had read them all (it held the file twice over: 5.8 MB more
# for this 3 MB page, 280 MB for a 100 MB one). At most a fifth of the
# file more: 200 to 320 KB now, run to run (a tenth, 307 KB, failed a
# distcheck run once).
MANY=$TMP/many.md
python3 -c '
import sys, datetime
sys.path.insert(0, sys.argv[1])
import gen
gen.gen_single(gen.Gen(20251117), sys.argv[2], 3 * 1024 * 1024,
               datetime.date(2025, 11, 17))' "$top_srcdir/tests/bench" "$MANY"
size=$(wc -c <"$MANY")
n=$(grep -c '^## ' "$MANY")
start --script=traditional "$MANY"
ok "a 3 MB page in traditional forms" wait_for "星河科技導報"
keys 2
# (the front page's status line counts them too, once the rest is read)
ok "... every story read ($n)" wait_match "contents │.* $n articles"
before=$(reader_peak)
keys /
type_text "港"
keys Enter
ok "/ finds a word in its stories, each read back and converted" \
    wait_match "match 1/[0-9]"
keys 3 Home
press ']' $((n - 1))
ok "] to the last story, each read back and converted" \
    wait_match "$n/$n"
after=$(reader_peak)
if grep -q -a __asan_init "$HERALD" 2>/dev/null; then
	skip "... holding at most a fifth of the file more" \
	    "sanitizer build: its shadow memory is not ours"
else
	ok "... holding at most a fifth of the file more ($before KB, then $after KB; the file $size bytes)" \
	    sh -c '[ -n "$1" ] && [ -n "$2" ] &&
		[ $(( ($2 - $1) * 1024 * 5 )) -le "$3" ]' sh "$before" "$after" "$size"
fi
keys Q
ok "Q exits 0" test "$(wait_exit)" = 0

done_testing
