#!/bin/sh
# front.sh: the front page (masthead, the lead story, the contents box on
# the first screen at 80x24, the other headlines with first lines, the
# briefs, the caption), opening a headline, q and Q, and the terminal
# restored on exit (the alternate screen left, exit status 0). The layout
# at 80x24, 120x40 and 40x12 is front-golden.sh's.
. "${top_srcdir:?}/tests/screen/lib.sh"

list=$("$HERALD" --list "$SAMPLE")
title=$(printf "%s\n" "$list" | sed -n "1s/  .*//p")
heads=$(printf '%s\n' "$list" | sed -n 's/^  01-[0-9]* \(.*\)$/\1/p' | sed 's/  ([上下][接转]第[0-9]*版)//g')
first=$(printf '%s\n' "$heads" | sed -n 1p)

start "$SAMPLE"
ok "the masthead shows the issue title" wait_for "$title"
ok "the masthead shows the date line" wait_for "2026年11月27日 星期五"
ok "the lead story's headline is centred on its own line" \
    wait_match "^ {8,}$first *$"
ok "... its byline follows" wait_for "▶ 本报记者 王启明"
ok "... and its first paragraph, whole, ending with … (the article goes on)" \
    wait_match "^购量累计超过120万颗。…$"
# 80x24: the contents box is on the first screen, all of it
ok "the contents box heading is on the first screen" wait_for "本期导读"
ok "... and its last entry with its page number" \
    wait_match "揭榜挂帅.*07版"
ok "nothing is drawn past the right edge" test "$(max_width)" -le 80
# the whole front page, a screen at a time
: >"$TMP/frontpage"
for _ in 1 2 3; do
	screen >>"$TMP/frontpage"
	keys PageDown
	settle
done
every_headline() {
	printf '%s\n' "$heads" | while IFS= read -r h; do
		grep -qF -- "$h" "$TMP/frontpage" || { echo "missing: $h"; exit 1; }
	done
}
ok "every headline of page 1 is there" every_headline
ok "a brief (本报讯) is a line of its own, marked ·" \
    grep -q "^  · 全省建成5G-A基站3,000个 *$" "$TMP/frontpage"
ok "another story has its headline and a line of text" \
    grep -q "^      11月25日，连接青川、临江两市的量子保密通信干线正式开通。" "$TMP/frontpage"
ok "the photo caption" grep -qF "(林晓岚/摄)" "$TMP/frontpage"
ok "the masthead's other lines close the page (a short screen)" \
    grep -qF "SHANHE SCIENCE & TECHNOLOGY WEEKLY" "$TMP/frontpage"
keys g
ok "g goes back to the first headline" wait_row 1 "$title"
keys Enter
ok "Enter opens the selected headline" wait_row 1 "$first"
ok "the status line names the page and the article" wait_for "01版 │ 1/"
keys q
ok "q in the article goes back to the front page" wait_for "本期导读"
keys q
ok "q on the front page quits with status 0" test "$(wait_exit)" = 0
ok "the alternate screen is left" wait_gone "1 Front"

start "$SAMPLE"
wait_for "本期导读" >/dev/null
keys j Enter
wait_for "│ 2/" >/dev/null
keys Q
ok "Q in the article quits at once with status 0" test "$(wait_exit)" = 0
ok "the screen is restored after Q" wait_gone "本期导读"

# A story of the page's own text that is only furniture (the editors'
# line above the first headline) is no headline of its own: its line is
# shown with the page's pieces, never "第01版" as a headline.
printf '# 青岚日报\n\n本版责任编辑：许晴\n\n## 市里开会讨论供暖\n\n青岚市今天开会。\n' \
    >"$TMP/furniture.md"
start "$TMP/furniture.md"
ok "a furniture-only story: the headline after it is listed" \
    wait_for "市里开会讨论供暖"
ok "... its line is shown" wait_for "本版责任编辑：许晴"
not_shown() {
	! screen | grep -qF -- "$1"
}
ok "... but not as a headline of its own" not_shown "第01版"
keys Q
wait_exit >/dev/null

# A photo on page 1: its place is shown ([图] and its caption).
printf '# 第01版 要闻\n\n## 头条新闻标题\n\n正文第一段。\n\n![图为新建成的大桥](images/bridge.jpg)\n\n图为新建成的大桥。（李四/摄）\n\n## 第二条新闻\n\n第二条的正文。\n' \
    >"$TMP/photo.md"
start "$TMP/photo.md"
ok "a photo on the front page: its place, a [图] line with its caption" \
    wait_match "^\[图\] 图为新建成的大桥。"
keys Q
wait_exit >/dev/null

# A page of many stories (a whole file without page headings): the first
# 100 after the lead with a line of their text, the others by headline
# alone, as briefs are, each still opening its story.
{
	printf '# 测试日报\n\n'
	i=0
	while [ $i -le 130 ]; do
		printf '## 第%d篇文章\n\n第%d篇的正文，说的是一件事。\n\n' $i $i
		i=$((i + 1))
	done
} >"$TMP/many.md"
start -y 50 "$TMP/many.md"
ok "many stories on a page: the front page" wait_for "第0篇文章"
keys End
ok "... the last one by headline, at the end" wait_match "^  · 第130篇文章$"
ok "... and without its line of text" not_shown "第130篇的正文"
ok "... the 100th after the lead still with its line" wait_for "第100篇的正文"
ok "... the 101st by headline" wait_match "^  · 第101篇文章$"
keys Enter
ok "... which opens its story" wait_for "第130篇的正文，说的是一件事。"
keys Q
wait_exit >/dev/null

done_testing
