#!/bin/sh
# continue.sh: c and the jump lines land on the right story, or turn the
# page when no story there continues this one; the status-line hint
# (c: 下转第N版) never contradicts c; a contents entry whose page is wrong
# opens its story by the headline and says where it was found.
. "${top_srcdir:?}/tests/screen/lib.sh"

ISSUE=$TMP/issue
mkdir -p "$ISSUE"
# Two stories of page 1 go on to page 2, in the other order there, under
# shortened headlines; a third goes on to page 3, where nothing continues
# it; the contents box gives the wrong page for a story of page 3.
cat >"$ISSUE/01.md" <<'PAGE'
# 测试报

2026年1月1日 星期四 第1期 今日3版

## “青川芯”RISC-V处理器实现量产 国产开源芯片迈入规模应用

正文第一篇。

▼▼ 下转第2版

## 地热供暖走进千家万户 临江市清洁取暖覆盖率超九成

正文第二篇。

(下转第2版)

## 量子保密通信干线开通

正文第三篇。

下转第3版

### 本期导读

- 海拔守望宇宙线 02版
PAGE
cat >"$ISSUE/02.md" <<'PAGE'
# 第02版 要闻

## 地热供暖走进千家万户

▲▲ 上接第1版

续一在此。

## 青川芯实现量产

▲▲ 上接第1版

续二在此。
PAGE
cat >"$ISSUE/03.md" <<'PAGE'
# 第03版 综合

## 别的新闻

别的正文。

## 在海拔4,200米守望宇宙线

正文宇宙线。
PAGE

start -p 1 -a 1 "$ISSUE"
wait_for "c: 下转第2版" >/dev/null
keys c
ok "c opens the story continued under a shortened headline" wait_for "02版 │ 2/2"
ok "... 青川芯实现量产, not the other story from page 1" wait_row 1 "青川芯实现量产"
keys BSpace
wait_for "01版 │ 1/3" >/dev/null
keys G Enter
ok "Enter on the jump line lands on the same story" wait_for "02版 │ 2/2"

start -p 1 -a 2 "$ISSUE"
wait_for "c: 下转第2版" >/dev/null
keys c
ok "the other story from page 1 goes to its own continuation" wait_for "02版 │ 1/2"
ok "... 地热供暖走进千家万户" wait_row 1 "地热供暖走进千家万户"

start -p 1 -a 3 "$ISSUE"
ok "the hint names page 3" wait_for "c: 下转第3版"
keys c
ok "c with no continued story there still turns to page 3" wait_for "03版 │ 1/2"
ok "... and says that none was found" wait_for "No continued story found on page 3"

# For every article: the hint is there exactly when c goes somewhere.
list=$("$HERALD" --list "$ISSUE")
every_article() {
	n=0
	for pa in $(printf '%s\n' "$list" | sed -n 's/^  \([0-9]*\)-\([0-9]*\) .*/\1:\2/p'); do
		pg=${pa%:*} art=${pa#*:}
		start -p "$((1$pg - 100))" -a "$art" "$ISSUE"
		wait_for "${pg}版 │ $art/" >/dev/null || return 1
		status=$(row 23)
		keys c
		case $status in
		*"c: 下转第"*)
			to=$(printf '%s\n' "$status" | sed 's/.*c: 下转第\([0-9]*\)版.*/\1/')
			wait_for "$(printf '%02d' "$to")版 │ " >/dev/null ||
			    { echo "$pg-$art: c did not go to page $to"; return 1; }
			if screen | grep -q "not continued"; then
				echo "$pg-$art: the hint says 下转 and c says not continued"
				return 1
			fi
			;;
		*)
			wait_for "This article is not continued" >/dev/null ||
			    { echo "$pg-$art: no hint, yet c did something else"; return 1; }
			;;
		esac
		n=$((n + 1))
	done
	[ "$n" -eq 7 ] || { echo "$n articles tried, not 7"; return 1; }
}
ok "the hint and c agree on every article" every_article

# The contents pane: the entry names page 2, the story is on page 3.
start "$ISSUE"
wait_for "本期导读" >/dev/null
keys 2
ok "the contents entry shows both pages" wait_match "海拔守望宇宙线 +02版 → 03版"
# the cursor rests on the article last read: from the top
keys g j j j j Enter
ok "the entry with the wrong page opens its story" wait_for "03版 │ 2/2"
ok "... at its headline" wait_row 1 "在海拔4,200米守望宇宙线"
ok "... and says where it was found" wait_for "contents said 02版; the story is on 03版"

done_testing
