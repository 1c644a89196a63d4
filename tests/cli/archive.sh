#!/bin/sh
# archive.sh: --index and --search end to end on a small library: what
# changed, folding, short queries, removal, porcelain output,
# --max-count, exit statuses, bad input and progress on a terminal and
# off it.
. "$top_srcdir/tests/cli/lib.sh"
H=$HERALD
export XDG_CACHE_HOME="$TMP/cache"
L="$TMP/lib"

# issue NAME HEADLINE TEXT: a one-page issue directory in the library
issue() {
	mkdir -p "$L/$1"
	printf '[issue]\ntitle = 山河科技报\ndate = %s\n' "$1" >"$L/$1/issue.ini"
	printf '# 第01版 要闻\n\n## %s\n\n▶ 本报记者 李明\n\n%s\n' "$2" "$3" >"$L/$1/01.md"
}
issue 2025-11-17 "青川芯RISC-V处理器量产" "国产开源芯片迈入规模应用。"
issue 2025-11-24 "ＲＩＳＣ－Ｖ生态大会召开" "全角字母的报道。"
issue 2025-12-01 "地热供暖走进千家万户" "临江市清洁取暖覆盖率超九成。"

ok "--search before --index: not indexed yet, exit 1" sh -c '"$1" --search=芯片 "$2" >"$3/o" 2>"$3/e"; test $? -eq 1 && grep -q "not indexed yet" "$3/e" && ! test -s "$3/o"' - "$H" "$L" "$TMP"
ok "--index adds every issue; progress lines off a terminal" sh -c '"$1" --index "$2" >"$3/o" 2>"$3/e" && grep -qx "3 issues: 3 added, 0 updated, 0 removed, 0 unchanged, 0 failed; 3 articles indexed" "$3/o" && grep -q "indexing: 3/3 issues" "$3/e"' - "$H" "$L" "$TMP"
ok "the index is in XDG_CACHE_HOME" sh -c 'ls "$1"/herald-tui/archive/*.db' - "$XDG_CACHE_HOME"
ok "--index again: nothing changed" sh -c '"$1" --index "$2" 2>/dev/null | grep -q "0 added, 0 updated, 0 removed, 3 unchanged"' - "$H" "$L"
ok "--search: full width and ASCII alike, newest first, date · page · headline · snippet" sh -c '"$1" --search risc-v "$2" >"$3/o" && printf "%s\n" "2025-11-24 · 1版 · ＲＩＳＣ－Ｖ生态大会召开 · 全角字母的报道。" "2025-11-17 · 1版 · 青川芯RISC-V处理器量产 · 国产开源芯片迈入规模应用。" | diff - "$3/o"' - "$H" "$L" "$TMP"
ok "--search of one Chinese character" sh -c 'test "$("$1" --search 芯 "$2" | cut -d" " -f1)" = 2025-11-17' - "$H" "$L"
ok "--search of two Chinese characters in a byline" sh -c 'test "$("$1" --search 李明 "$2" | wc -l)" -eq 3' - "$H" "$L"
ok "--search --rank orders by relevance and finds the same" sh -c 'test "$("$1" --search 生态大会 --rank "$2" | wc -l)" -eq 1' - "$H" "$L"
ok "--porcelain: six tab-separated fields" sh -c '"$1" --search 供暖 --porcelain "$2" >"$3/o" && test "$(cat "$3/o")" = "$(printf "2025-12-01\t1\t地热供暖走进千家万户\t临江市清洁取暖覆盖率超九成。\t2025-12-01\t1")"' - "$H" "$L" "$TMP"
ok "no hit: exit 1, nothing printed" sh -c '"$1" --search 不存在的词 "$2" >"$3/o" 2>&1; test $? -eq 1 && ! test -s "$3/o"' - "$H" "$L" "$TMP"
ok "query syntax is text, never an SQL error" sh -c 'for q in "\"" "NEAR(" "*" "a\"b OR" "'"'"'; DROP TABLE articles; --"; do "$1" --search "$q" "$2" >/dev/null 2>"$3/e"; test $? -eq 1 || exit 1; grep -qi "sql\|syntax" "$3/e" && exit 1; done; "$1" --search 供暖 "$2" >/dev/null' - "$H" "$L" "$TMP"
ok "only -words: a clear message, exit 1" sh -c '"$1" --search -芯片 "$2" 2>"$3/e"; test $? -eq 1 && grep -qx "herald-tui: query: a query needs a word to find, not only -words" "$3/e"' - "$H" "$L" "$TMP"
ok "date: and page: filters" sh -c 'test "$("$1" --search "李明 date:2025-11-20..2025-11-30 page:1" "$2" | cut -d" " -f1)" = 2025-11-24' - "$H" "$L"
ok "a bad filter: a message saying what is expected, exit 1" sh -c '"$1" --search "芯 page:x" "$2" 2>"$3/e"; test $? -eq 1 && grep -q "query: page:x: expected" "$3/e"' - "$H" "$L" "$TMP"
ok "--max-count=N: the first N of the stories, snippets and all" sh -c 'for q in 李明 本报记者; do for o in "" --rank --porcelain; do "$1" --search $q $o "$2" | head -n 2 >"$3/all" && "$1" --search $q $o --max-count=2 "$2" >"$3/two" && test "$(wc -l <"$3/two")" -eq 2 && cmp -s "$3/all" "$3/two" || exit 1; done; done' - "$H" "$L" "$TMP"
ok "--max-count past the stories found prints them all" sh -c 'test "$("$1" --search 李明 --max-count=1000000 "$2" | wc -l)" -eq 3' - "$H" "$L"
ok "--max-count of 0, -1, x or 1000001: a usage error naming it" sh -c 'for n in 0 -1 x 1000001; do "$1" --search 李明 --max-count=$n "$2" >"$3/o" 2>"$3/e"; test $? -eq 2 && ! test -s "$3/o" && grep -q "invalid max-count .$n. (expected 1..1000000)" "$3/e" || exit 1; done' - "$H" "$L" "$TMP"
ok "--max-count without --search is a usage error" sh -c '"$1" --max-count=2 "$2" 2>"$3/e"; test $? -eq 2 && grep -q -- "--max-count goes with --search" "$3/e"' - "$H" "$L" "$TMP"
rm -rf "$L/2025-11-24"
printf '## 新增\n\n量子通信干线开通。\n' >>"$L/2025-12-01/01.md"
ok "--index after a removal and a change" sh -c '"$1" --index "$2" 2>/dev/null | grep -q "0 added, 1 updated, 1 removed, 1 unchanged"' - "$H" "$L"
ok "the removed issue is gone, the changed one found" sh -c '! "$1" --search 生态大会 "$2" && "$1" --search 量子通信 "$2" | grep -q "^2025-12-01 · 1版 · 新增 · 量子通信"' - "$H" "$L"
ok "--index --search: the index is brought up to date first" sh -c 'mkdir -p "$2/2025-12-08" && printf "## 冬季航线\n\n新航线开通。\n" >"$2/2025-12-08/01.md" && "$1" --index --search 航线 "$2" 2>/dev/null | grep -q "^2025-12-08 · 1版 · 冬季航线"' - "$H" "$L"
mkdir -p "$L/2025-12-15" && printf 'a\000b' >"$L/2025-12-15/01.md"
ok "an issue that cannot be read: named, counted, the rest indexed, exit 1" sh -c '"$1" --index "$2" >"$3/o" 2>"$3/e"; test $? -eq 1 && grep -q "2025-12-15/01.md: binary file" "$3/e" && grep -q "1 failed" "$3/o"' - "$H" "$L" "$TMP"
rm -rf "$L/2025-12-15"
ok "--index of an issue, not a library: exit 1" sh -c '"$1" --index "$2/2025-12-01" 2>"$3/e"; test $? -eq 1 && grep -q "2025-12-01: an issue, not a library" "$3/e"' - "$H" "$L" "$TMP"
ok "--index of a missing path: exit 1 naming it" sh -c '"$1" --index "$2/nope" 2>"$3/e"; test $? -eq 1 && grep -q "nope: No such file" "$3/e"' - "$H" "$L" "$TMP"
ok "--search without a LIBRARY is a usage error" sh -c '"$1" --search 芯 2>/dev/null; test $? -eq 2' - "$H"
ok "--porcelain without --search is a usage error" sh -c '"$1" --porcelain "$2" 2>/dev/null; test $? -eq 2' - "$H" "$L"
if command -v script >/dev/null 2>&1; then
	ok "--index on a terminal: a progress bar" sh -c 'script -qec "\"$1\" --index \"$2\"" /dev/null >"$3/t" 2>&1 && grep -q "indexing \[#*\] 3/3" "$3/t"' - "$H" "$L" "$TMP"
else
	skip "--index on a terminal: a progress bar" "no script(1)"
fi
# the index as an older herald-tui left it (format 3: no top_date)
ok "an index of an older format: --search says it is empty now, exit 1" sh -c 'python3 -c "
import glob, sqlite3, sys
db = sqlite3.connect(glob.glob(sys.argv[1] + \"/herald-tui/archive/*.db\")[0])
db.executescript(\"DROP INDEX issues_top; ALTER TABLE issues RENAME COLUMN top_date TO old_date; UPDATE meta SET value = 3 WHERE key = '\''format'\''\")
db.close()" "$4" && "$1" --search 芯片 "$2" >"$3/o" 2>"$3/e"; test $? -eq 1 && ! test -s "$3/o" && grep -q "lib: its index was of another herald-tui.s format and is empty now (herald-tui --index .*lib)" "$3/e"' - "$H" "$L" "$TMP" "$XDG_CACHE_HOME"
ok "--index builds it again" sh -c '"$1" --index "$2" 2>/dev/null | grep -q "3 added, 0 updated" && "$1" --search 芯片 "$2" | grep -q "^2025-11-17"' - "$H" "$L"
ok "--version says which SQLite --index would load" sh -c '"$1" --version | grep -q "^SQLite 3\.[0-9]*\.[0-9]* (loaded for --index and --search)$"' - "$H"
done_testing
