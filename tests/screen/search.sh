#!/bin/sh
# search.sh: / searches the whole issue from where the reader is; matches
# are highlighted; n and N move on and back, across articles and pages;
# matching ignores case and width (abc finds ＡＢＣ); Esc cancels.
. "${top_srcdir:?}/tests/screen/lib.sh"

start "$SAMPLE"
wait_for "本期导读" >/dev/null
keys /
ok "/ opens the search prompt" wait_row 23 "/_"
type_text "宇宙线"
keys Enter
ok "a word on page 3 is found from the front page" wait_for "03版 │"
ok "the match is on the screen" wait_for "宇宙线"
ok "the match is highlighted" highlighted "宇宙线"
first=$(row 1)
snap=$(screen)
keys n
ok "n moves on to the next match" wait_change "$snap"
second=$(row 1)
ok "n shows another line" test "$first" != "$second"
keys N
ok "N goes back to the previous match" wait_row 1 "$first"
# n until the last match is passed (captions count: they are in stories)
wraps() {
	i=0
	while [ $i -lt 30 ]; do
		keys n
		sleep 0.2
		screen | grep -qF "Search wrapped" && return 0
		i=$((i + 1))
	done
	return 1
}
ok "n wraps around the issue and says so" wraps

keys g / Escape
ok "Esc cancels the prompt" wait_gone "/_"

keys /
type_text "risc-v"
keys Enter
ok "matching ignores case (risc-v finds RISC-V)" wait_for "RISC-V"
ok "the RISC-V match is highlighted" highlighted "RISC-V"

keys /
type_text "地热供暖"
keys Enter
ok "a word on page 2 is found from page 1" wait_for "02版 │"

keys /
type_text "zzqqxx"
keys Enter
ok "a missing word says Not found" wait_for "Not found: zzqqxx"

keys /
type_text "宇宙线X"
keys BSpace Enter
ok "Backspace in the prompt deletes one character" wait_for "03版 │"

# Width folding: ASCII abc finds full-width ＡＢＣ.
mkdir -p "$TMP/wide"
printf '# 测试报\n\n## 第一篇\n\n正文在这里。\n\n## 第二篇\n\n这一段写着ＡＢＣ公司的消息。\n' >"$TMP/wide/01.md"
start "$TMP/wide"
wait_for "第一篇" >/dev/null
keys /
type_text "abc"
keys Enter
ok "abc finds ＡＢＣ in another article" wait_for "2/2 │"
ok "... and shows it" wait_for "ＡＢＣ公司"
ok "... highlighted" highlighted "ＡＢＣ"

done_testing
