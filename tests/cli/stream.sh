#!/bin/sh
# stream.sh: a big Markdown file read in parts (stream.c): --dump prints
# what the whole load prints, byte for byte, in little memory, and a load
# makes the model a whole load makes, past the 64 MiB it refuses.
#
# HERALD_STREAM=SEGMENT[:BATCH] makes any Markdown file larger than
# SEGMENT bytes read in parts that small, with --dump's stories going out
# once BATCH wait on a page; --dump then says "streamed in N parts" on
# stderr, so a test knows the file did stream and did not fall back.
. "$top_srcdir/tests/cli/lib.sh"
H=$HERALD
S=$top_srcdir

# same FILE SEGMENT:BATCH...: for each, at 40 and 80 columns, the streamed
# dump is the whole load's, with the same status and the same errors
# (the streaming report aside), and it did stream. $OPTS: more options
# for both (--script).
OPTS=
same() {
	f=$1; shift
	for sb in "$@"; do
		for w in 40 80; do
			"$H" $OPTS --dump --width "$w" "$f" >"$TMP/whole" \
			    2>"$TMP/whole.err"
			rw=$?
			HERALD_STREAM=$sb "$H" $OPTS --dump --width "$w" "$f" \
			    >"$TMP/part" 2>"$TMP/part.err"
			rp=$?
			if ! cmp -s "$TMP/whole" "$TMP/part"; then
				echo "$f: $sb at $w columns: the output differs"
				diff "$TMP/whole" "$TMP/part" | head -8
				return 1
			fi
			[ "$rw" = "$rp" ] || { echo "$f $sb: status $rw, streamed $rp"; return 1; }
			grep -v ': streamed in ' "$TMP/part.err" >"$TMP/part.err2"
			cmp -s "$TMP/whole.err" "$TMP/part.err2" ||
			    { echo "$f $sb: errors differ"; return 1; }
			if [ -n "$STREAMS" ] &&
			    ! grep -q ': streamed in [0-9]* parts$' "$TMP/part.err"; then
				echo "$f $sb: did not stream"
				return 1
			fi
		done
	done
}

# Pages made to break it: many stories a page, jumps and 上接 headings
# across pages, late page titles and numbers, a contents box, photos,
# tables, headings inside fences, comments and <pre>, form feeds.
STREAMS=1
for style in levels flat docling txt; do
	for seed in 1 2 3; do
		ext=md
		[ "$style" = txt ] && ext=txt
		f="$TMP/$style-$seed.$ext"
		python3 "$S/tests/cli/mkstream.py" "$seed" "$style" "$f"
		ok "streamed = whole: $style page, seed $seed" \
		    same "$f" 1:2 97:2 613:3 4000:8
	done
done

# The converters' own habits, the samples, the seed: the same output
# whether they stream or fall back to a whole load.
STREAMS=
for f in "$S"/tests/data/converters/*.md "$S"/tests/data/converters/*/*.md \
    "$S"/tests/data/*.md "$S"/data/sample/*.md \
    "$S"/../shared/seeds/*.txt; do
	[ -f "$f" ] || continue
	ok "streamed = whole: ${f#"$S"/}" same "$f" 1:2 211:2 5000:8
done
[ -d "$S/../shared/seeds" ] || skip "streamed = whole: the seed" "../shared/seeds is absent"

# Photos, drawn in the dump, beside the page file that names them.
ok "streamed = whole, with --images=symbols" sh -c '
	f=$1; H=$2
	for sb in 1:2 300:2; do
		"$H" --dump --images=symbols --width 60 "$f" >"$3/a" 2>&1 &&
		HERALD_STREAM=$sb "$H" --dump --images=symbols --width 60 "$f" \
		    >"$3/b" 2>/dev/null && cmp "$3/a" "$3/b" || exit 1
	done' sh "$S/tests/data/photo.md" "$H" "$TMP"

# A whole load read in parts (the reader, --list, --page) makes the model
# a whole load at once makes: the same list, with its links, and pages.
# Its stories are kept in the file (shelf.c) and read back to be printed:
# parts of 20000 bytes hold most stories whole, so most are.
# parts_whole TARGET MODE...: each MODE of TARGET prints the same, with
# the same status, read in parts of 1 to 20000 bytes as read whole
parts_whole() {
	sh -c '
		H=$1 f=$2 t=$3; shift 3
		for seg in 1 97 1500 20000; do
			for m in "$@"; do
				"$H" $m "$f" >"$t/a" 2>&1; a=$?
				HERALD_STREAM=$seg "$H" $m "$f" >"$t/b" 2>&1; b=$?
				[ $a = $b ] && cmp "$t/a" "$t/b" || { echo "$seg $m"; exit 1; }
			done
		done' sh "$H" "$1" "$TMP" "$@"
}
for f in "$TMP/levels-1.md" "$TMP/flat-2.md" "$TMP/docling-3.md" "$TMP/txt-1.txt" \
    "$S/tests/data/converters/mineru.md" "$S/tests/data/converters/docling.md"; do
	ok "loaded in parts = loaded whole: ${f##*/}" parts_whole "$f" \
	    "--list" "--dump --page 1 --width 50" "--dump --page 3 --width 50"
done

# A page file of an issue directory is read so too, its stories kept in
# their own file (a converter's whole issue as one page, beside others):
# the directory loads in parts as it loads whole. (Read whole before,
# up to 64 MiB: the file and its parse held about four times over.)
mkdir "$TMP/dir"
cp "$S/data/sample/01.md" "$TMP/dir/01.md"
for f in levels-1.md flat-2.md docling-3.md; do
	cp "$TMP/$f" "$TMP/dir/02.md"
	ok "a directory's page file loaded in parts = whole: $f" \
	    parts_whole "$TMP/dir" "--list" "--dump --width 50" \
	    "--dump --page 2 --width 50"
done
rm -r "$TMP/dir"

# The stories kept in the file, read back, then converted (--script):
# the same text as a whole load converts.
if "$H" --list --script=traditional "$S/data/sample" >/dev/null 2>&1; then
	ok "loaded in parts, converted = loaded whole, converted" sh -c '
		for f in "$3/levels-2.md" "$3/flat-3.md"; do
			for seg in 1500 20000; do
				"$1" --script=traditional --dump --page 1 --width 50 "$f" \
				    >"$3/a" 2>&1
				HERALD_STREAM=$seg "$1" --script=traditional --dump \
				    --page 1 --width 50 "$f" >"$3/b" 2>&1
				cmp -s "$3/a" "$3/b" || { echo "$f $seg"; exit 1; }
			done
		done' sh "$H" "$S" "$TMP"
else
	skip "loaded in parts, converted = loaded whole, converted" \
	    "OpenCC or its data is not installed"
fi
# --dump in another script streams too, each part converted as it goes
# out (it loaded the whole file, 379 MB for the bench's 100 MB page): the
# text a whole load converts, byte for byte. (converted: the sample's
# 报 is 報.)
if "$H" --dump --script=traditional "$S/data/sample" 2>/dev/null |
    grep -q "報"; then
	OPTS=--script=traditional
	STREAMS=1
	for f in levels-1.md flat-2.md docling-3.md txt-1.txt; do
		ok "streamed = whole, converted: $f" \
		    same "$TMP/$f" 1:2 613:3 4000:8
	done
	# a contents box's foot (本版责任编辑…, a page item kept under the
	# box) goes out with the page's last part
	{
		printf '# 青岚日报\n\n青岚日报社主办 2026年12月1日 星期二\n\n'
		for i in 1 2 3 4 5 6 7 8; do
			printf '## 第%d篇报道\n\n青岚港码头投运，年吞吐能力提升两成。\n\n' $i
		done
		printf '## 本期导读\n\n- 青岚港码头投运 2版\n- 发电机组并网 3版\n\n'
		printf '本版责任编辑：梁雨  图片编辑：周明\n\n— 2 —\n'
	} >"$TMP/foot.md"
	ok "streamed = whole, converted: a contents box's foot" \
	    same "$TMP/foot.md" 1:2 97:2
	OPTS=
	CONVERTS=1
else
	skip "streamed = whole, converted" "OpenCC or its data is not installed"
	CONVERTS=
fi

# A setting's warning comes before the first line, as a whole load's does.
printf '[layout]\nbogus = 1\n' >"$TMP/bad.ini"
ok "a config warning before the streamed dump" sh -c '
	HERALD_STREAM=97:2 "$1" -c "$3/bad.ini" --dump "$2" 2>&1 | head -1 |
	    grep -q "bad.ini:2: \[layout\] bogus: unknown setting"' sh "$H" "$TMP/levels-1.md" "$TMP"

# What must not stream: read whole, said by the missing report.
printf '# 报\n\n## 题\n\n见[说明]。\n\n[说明]: http://example.com/\n\n## 又一题\n\n正文。\n' >"$TMP/ref.md"
printf '# 报\n\n## 甲\n\n正文。\n\f## 乙\n\n正文。\n' >"$TMP/ff.txt"
printf '<h1>报</h1><p>正文，一段很长的正文。</p>\n' >"$TMP/page.html"
printf '第一行\n第二行\n第三行\n' >"$TMP/plain.md"
for f in ref.md ff.txt page.html plain.md; do
	ok "read whole: $f" sh -c '
		HERALD_STREAM=1:2 "$1" --dump --width 40 "$2" >"$3/o" 2>"$3/e" &&
		! grep -q streamed "$3/e" && "$1" --dump --width 40 "$2" | cmp - "$3/o"' \
	    sh "$H" "$TMP/$f" "$TMP"
done

# A NUL byte past the first part: the whole load's message, status 1,
# nothing printed, the file untouched.
python3 "$S/tests/cli/mkstream.py" 9 levels "$TMP/nul.md"
printf '\n正文\000尾\n' >>"$TMP/nul.md"
cksum "$TMP/nul.md" >"$TMP/nul.sum"
ok "NUL byte: one message, status 1, no output" sh -c '
	HERALD_STREAM=97:2 "$1" --dump "$2" >"$3/o" 2>"$3/e"; rc=$?
	[ $rc = 1 ] && [ ! -s "$3/o" ] &&
	grep -qx "herald-tui: .*nul.md: binary file (NUL bytes), not an issue" "$3/e" &&
	[ "$(wc -l <"$3/e")" = 1 ] && cksum "$2" | cmp -s - "$3/nul.sum"' \
    sh "$H" "$TMP/nul.md" "$TMP"

# Past the whole load's 64 MiB: a 72 MB file of 24,000 numbered stories
# prints every one of them, in order, in bounded memory (the default
# sizes: no HERALD_STREAM).
# big FILE [TEXT]: 24,000 numbered stories of two paragraphs, TEXT (a
# paragraph) after each when given
big() {
	python3 - "$@" <<'EOF'
import sys
para = ("青岚港二期码头昨日投运，新增泊位四个，年吞吐能力提升两成。港口负责人表示，"
        "二期码头将主要服务集装箱运输，并与铁路场站联通。") * 8
after = sys.argv[2] + "\n\n" if len(sys.argv) > 2 else ""
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("# 青岚日报\n\n青岚日报社主办 2026年12月1日 星期二\n\n")
    for i in range(24000):
        f.write("## 第%d篇报道\n\n%s\n\n%s\n\n%s" % (i, para, para, after))
EOF
}
big "$TMP/big.md"
ok "a 72 MB file loads whole, read in parts: --list lists every story" sh -c '
	"$1" --list "$2" >"$3/list" && [ "$(grep -c "篇报道$" "$3/list")" = 24000 ] &&
	tail -1 "$3/list" | grep -q "01-24000 第23999篇报道$"' sh "$H" "$TMP/big.md" "$TMP"
# ... holding where each story is, not the stories' text nor their
# headlines, read from the file (shelf.c): at most 150 bytes a story over
# a one-story file's peak RSS (about 118 now, 130 with each headline
# held; 151-158 when a shelf took 40 bytes before its headline, not 26;
# 267 when every headline's match key was made for a file with no
# contents box). tests/bench/maxrss measures it: a child forked
# from python would carry python's 14 MB.
MAXRSS=$top_builddir/tests/bench/maxrss
printf '# 青岚日报\n\n## 第0篇报道\n\n正文。\n' >"$TMP/one.md"
# per_story MAX FILE N [MODE]: FILE's MODE (--list, or --dump) peaks at
# most MAX bytes a story (N stories) over one.md's
per_story() {
	sh -c '
		"$1" "$3/one.rss" "$2" $7 "$3/one.md" >/dev/null &&
		"$1" "$3/n.rss" "$2" $7 "$4" >/dev/null || exit 1
		one=$(cat "$3/one.rss") n=$(cat "$3/n.rss")
		echo "one story: $one KB; $6 stories ($(wc -c <"$4") bytes):" \
		    "$n KB, $(( (n - one) * 1024 / $6 )) bytes a story"
		[ $(( (n - one) * 1024 )) -le $(( $5 * $6 )) ]' \
	    sh "$MAXRSS" "$H" "$TMP" "$2" "$1" "$3" "${4:---list}"
}
# per_story_ok DESCRIPTION MAX FILE N [MODE]: per_story as a test, skipped
# in a sanitizer build (its shadow memory is not ours)
per_story_ok() {
	if grep -q -a __asan_init "$H" 2>/dev/null; then
		skip "$1" "sanitizer build: its shadow memory is not ours"
	else
		d=$1; shift
		ok "$d" per_story "$@"
	fi
}
per_story_ok "a 72 MB file's --list holds at most 150 bytes a story: the stories stay in the file" \
    150 "$TMP/big.md" 24000
# ... and with a contents box, one entry naming a story of the page and
# one a page not in the issue (matched against every headline): each
# headline is scored against the entries as it goes, its match key let
# go (205 bytes a story when every headline's key was held; 130 now)
{ head -4 "$TMP/big.md"
  printf '### 本期导读\n\n- 第5篇报道 01版\n- 港口的一篇报道 02版\n\n'
  tail -n +5 "$TMP/big.md"; } >"$TMP/box.md"
ok "a 72 MB file with a contents box: its entries find their stories" sh -c '
	"$1" --list "$2" >"$3/list" &&
	grep -q "^    - 第5篇报道 01版 → 01-6$" "$3/list" &&
	grep -q "^    - 港口的一篇报道 02版 → not in this issue$" "$3/list"' \
    sh "$H" "$TMP/box.md" "$TMP"
per_story_ok "... holding at most 150 bytes a story" 150 "$TMP/box.md" 24000
rm -f "$TMP/box.md"
# ... and as the second page file of an issue directory (refused before:
# a page file was read whole, up to 64 MiB)
mkdir "$TMP/bigdir"
printf '# 青岚日报\n\n## 头版报道\n\n正文。\n' >"$TMP/bigdir/01.md"
ln "$TMP/big.md" "$TMP/bigdir/02.md" 2>/dev/null ||
    cp "$TMP/big.md" "$TMP/bigdir/02.md"
ok "a 72 MB page file of an issue directory: --list lists every story" sh -c '
	"$1" --list "$2" >"$3/list" && [ "$(grep -c "篇报道$" "$3/list")" = 24000 ] &&
	tail -1 "$3/list" | grep -q "02-2400[01] 第23999篇报道$"' sh "$H" "$TMP/bigdir" "$TMP"
per_story_ok "... holding at most 150 bytes a story" 150 "$TMP/bigdir" 24000
rm -r "$TMP/bigdir"
# A page of 3 MB, well under the whole load's 64 MiB, is read in parts
# too (from 512 KiB on): --dump and --list hold a part at a time, at most
# 2 MB over one.md's peak RSS (0.1 MB now). Read whole, a page is held
# about four times over: 9 MB more for this one (that was up to 4 MiB).
awk '/^## 第1000篇报道$/ { exit } { print }' "$TMP/big.md" >"$TMP/mid.md"
if grep -q -a __asan_init "$H" 2>/dev/null; then
	skip "a 3 MB page is read in parts" "sanitizer build: its shadow memory is not ours"
else
	ok "a 3 MB page's --dump holds at most 2 MB more than one story's" \
	    per_story $((2048 * 1024)) "$TMP/mid.md" 1 --dump
	ok "... and its --list" per_story $((2048 * 1024)) "$TMP/mid.md" 1
	# --page 1 (its one page) is not streamed but loaded, its stories
	# kept in the file: the dump writes and lets them go a few at a
	# time (ts_doc.flush): under 1 MB over one story's, not 6
	ok "... and its --dump --page 1" per_story $((2048 * 1024)) \
	    "$TMP/mid.md" 1 "--dump --page 1"
	# in another script too: 0.1 MB over one story's, not 5
	if [ -n "$CONVERTS" ]; then
		ok "... and its --dump --script=traditional" \
		    per_story $((2048 * 1024)) "$TMP/mid.md" 1 \
		    "--dump --script=traditional"
	else
		skip "... and its --dump --script=traditional" \
		    "OpenCC or its data is not installed"
	fi
fi
rm -f "$TMP/mid.md"
# The same stories, each with a caption after it (a photo the converter
# lost): the page's end gives each its caption. At most 400 bytes a story
# (355 now): 424 when the page's end copied its 24,000 stories into a new
# array to adopt them, 879 when a story's first block took room for 8.
big "$TMP/cap.md" "图为二期码头。"
ok "a 72 MB file with a caption a story: --list lists every story" sh -c '
	"$1" --list "$2" >"$3/list" && [ "$(grep -c "篇报道$" "$3/list")" = 24000 ]' \
    sh "$H" "$TMP/cap.md" "$TMP"
per_story_ok "... holding at most 400 bytes a story" 400 "$TMP/cap.md" 24000
rm -f "$TMP/cap.md"
ok "a 72 MB file streams: every story, in order, every character" python3 -c '
import resource, subprocess, sys
h, f, tmp = sys.argv[1:4]
with open(tmp + "/big.out", "wb") as out:
    rc = subprocess.call([h, "--dump", "--width", "80", f], stdout=out)
open(tmp + "/big.rss", "w").write("%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
text = open(tmp + "/big.out", encoding="utf-8").read()
src = open(f, encoding="utf-8").read()
heads = [l.strip() for l in text.split("\n") if l.strip().startswith("第") and l.strip().endswith("篇报道")]
assert rc == 0, rc
assert heads == ["第%d篇报道" % i for i in range(24000)], len(heads)
for c in "港码头泊位，。":
    assert text.count(c) == src.count(c), (c, text.count(c), src.count(c))
' "$H" "$TMP/big.md" "$TMP"
# A reader of the dump that goes away (head, with SIGPIPE ignored): the
# write error ends the dump there, not after the rest of the file. Three
# reads of 72 MB are about 3,250 read calls of 64 KiB; the first two
# (before anything is printed) about 2,170.
if grep -q -a __asan_init "$H" 2>/dev/null; then
	skip "a closed pipe stops the dump" "sanitizer build: strace checks run in the normal build"
elif command -v strace >/dev/null 2>&1; then
	ok "a closed pipe stops the dump: a write error, the rest not read" sh -c '
		trap "" PIPE
		strace -qq -o "$3/reads" -e trace=read "$1" --dump "$2" 2>"$3/e" |
		    head -c 100 >/dev/null
		n=$(grep -c "^read(" "$3/reads")
		echo "$n reads"; cat "$3/e"
		grep -q "write error" "$3/e" && [ "$n" -lt 2500 ]' sh "$H" "$TMP/big.md" "$TMP"
else
	skip "a closed pipe stops the dump" "strace is not installed"
fi
if grep -q -a __asan_init "$H" 2>/dev/null; then
	skip "a 72 MB dump holds at most 64 MB" "sanitizer build: its shadow memory is not ours"
else
	ok "a 72 MB dump holds at most 64 MB ($(cat "$TMP/big.rss" 2>/dev/null) KB)" \
	    sh -c '[ "$(cat "$1")" -le 65536 ]' sh "$TMP/big.rss"
fi

# One line of 75 MB: no line end to cut at; a clear message, not memory
# without end.
python3 -c 'import sys; open(sys.argv[1], "w").write("# 报\n\n## 题\n\n" + "长" * 25000000 + "\n")' "$TMP/line.md"
ok "a line over 64 MiB: --dump says so, status 1" sh -c '
	"$1" --dump "$2" >"$3/o" 2>"$3/e"; [ $? = 1 ] && [ ! -s "$3/o" ] &&
	grep -qx "herald-tui: .*line.md: a line longer than 67108864 bytes" "$3/e"' \
    sh "$H" "$TMP/line.md" "$TMP"
rm -f "$TMP/line.md"

# Past what a load reads in parts (1 GiB): refused before a byte is read;
# --dump holds no limit, and finds the NULs at once.
if truncate -s 1100M "$TMP/huge.md" 2>/dev/null; then
	ok "a 1.1 GB file: --list refuses it, naming the limit" sh -c '
		"$1" --list "$2" >"$3/o" 2>"$3/e"; [ $? = 1 ] && [ ! -s "$3/o" ] &&
		grep -qx "herald-tui: .*huge.md: file too large (1153433600 bytes; the limit is 1073741824)" "$3/e"' \
	    sh "$H" "$TMP/huge.md" "$TMP"
	ok "a 1.1 GB file of NULs: --dump says binary at once" sh -c '
		"$1" --dump "$2" >"$3/o" 2>"$3/e"; [ $? = 1 ] && [ ! -s "$3/o" ] &&
		grep -qx "herald-tui: .*huge.md: binary file (NUL bytes), not an issue" "$3/e"' \
	    sh "$H" "$TMP/huge.md" "$TMP"
	rm -f "$TMP/huge.md"
else
	skip "a 1.1 GB file: --list refuses it" "truncate failed"
	skip "a 1.1 GB file of NULs: --dump says binary at once" "truncate failed"
fi

done_testing
