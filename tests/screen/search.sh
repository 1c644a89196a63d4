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
		settle	# one n at a time: none left queued after the wrap
		screen | grep -qF "Search wrapped" && return 0
		i=$((i + 1))
	done
	return 1
}
ok "n wraps around the issue and says so" wraps

# (no prompt before the keys either: Esc once the prompt is up)
esc_cancels() { wait_row 23 "/_" || return 1; keys Escape; wait_gone "/_"; }
keys g /
ok "Esc cancels the prompt" esc_cancels

keys /
type_text "risc-v"
keys Enter
ok "matching ignores case (risc-v finds RISC-V)" wait_for "RISC-V"
ok "the RISC-V match is highlighted" highlighted "RISC-V"

# (from page 1's first story: where the searches above left the reader
# depends on how many n the wrap took)
keys Q
wait_exit >/dev/null
start -p 1 -a 1 "$SAMPLE"
wait_for "01版 │ 1/3" >/dev/null
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

# The match counter and the current match (issue 15): "match K/N" in the
# status line, N every match of the issue in the order n takes them; the
# current match drawn apart from the others (its underline toggled, bold).
total=$("$HERALD" --dump "$SAMPLE" | grep -o "芯片" | wc -l | tr -d ' ')
# attrs_of TEXT FROM: the SGR attributes of TEXT's first cell on a row >= FROM
attrs_of() {
	tm capture-pane -e -p -t t |
	    python3 "$top_srcdir/tests/screen/cells.py" "$1" "$2" attrs |
	    sed 's/.*attrs=//'
}
current_at() {	# current_at FROM: the first 芯片 on a row >= FROM is current
	case ,$(attrs_of 芯片 "$1"), in *,4,*) return 0 ;; esac
	echo "not current: attrs $(attrs_of 芯片 "$1")"; return 1
}
other_at() {
	case ,$(attrs_of 芯片 "$1"), in *,4,*) echo "drawn as current"; return 1 ;; esac
}
keys Q
wait_exit >/dev/null
rm -rf "$XDG_STATE_HOME"	# from the front page, not a place saved above
start -y 12 "$SAMPLE"
wait_for "本期导读" >/dev/null
keys /
type_text "芯片"
keys Enter
ok "/芯片: the status line counts the match, match 1/$total" wait_for "match 1/$total"
ok "... the current match (the headline's) is drawn apart" eventually current_at 1
ok "... another match on the screen is not" eventually other_at 3
keys n
ok "n: match 2/$total" wait_for "match 2/$total"
ok "... now that one is current (its line on top)" eventually current_at 1
keys N N
ok "N N: back past the first, to the last: match $total/$total" wait_for "match $total/$total"
keys Q
wait_exit >/dev/null

# A search that takes long (a big file's stories read back, and converted
# to another script: 17 s for the bench's 100 MB page at its first search)
# says how far it is, and Esc stops it. HERALD_SEARCH_PAUSE makes each
# story it looks at wait, here 150 ms: the sample's take seconds.
rm -rf "$XDG_STATE_HOME"
start -e HERALD_SEARCH_PAUSE=150 "$SAMPLE"
wait_for "本期导读" >/dev/null
keys /
type_text "无"
sleep 1	# the sample's search: seconds
ok "a letter typed shows at once, before the search it starts ends" \
    sh -c 'printf "%s\n" "$1" | grep -q "/无_"' - "$(screen)"
# incsearch: each letter typed stops the search of the letters before
type_text "此词"
ok "a letter typed on stops the search the prompt made" wait_row 23 "/无此词_"
keys Enter
ok "a long search says how far it is" wait_for "Searching… "
keys Escape
ok "... Esc stops it, and says so" wait_for "Search stopped"
ok "... not a search that found nothing" sh -c '! printf "%s\n" "$1" |
	grep -q "Not found"' - "$(screen)"
keys /
type_text "芯片"
keys Enter
ok "a match found, then its count says how far it is" \
    wait_for "Counting the matches… "
keys Escape
ok "... Esc stops the count: the match shown, not its number" \
    wait_for "Stopped counting the matches"
ok "... the match is on the screen" highlighted "芯片"
ok "... no match N/M on the status line" sh -c '! printf "%s\n" "$1" |
	grep -q "match [0-9]*/"' - "$(screen)"
keys n
ok "n counts them afresh" wait_for "Counting the matches… "
keys Q
ok "a quit key typed meanwhile quits at once" wait_exit

done_testing
