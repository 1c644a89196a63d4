#!/bin/sh
# settings.sh: every setting of the settings table (src/config.c) changes
# what the program does. The settings are enumerated from
# data/config.ini.example, which is generated from that table
# (test-config.c checks they are the same); each must have a case below,
# case_SECTION_KEY, that runs the real program with a config setting it
# to something other than its default and checks the observable effect:
# a --dump that differs from the default one in the expected way, or a
# screen (tmux) whose text, colours (capture-pane -e) or mouse mode
# differ. A setting added to the table without a case fails here.
. "${top_srcdir:?}/tests/screen/lib.sh"

CELLS=$top_srcdir/tests/screen/cells.py
EXAMPLE=$top_srcdir/data/config.ini.example

# --- the table ---------------------------------------------------------------
awk '/^\[/ { sec = substr($0, 2, length($0) - 2) }
     /^;[a-z_-]+ = / && sec != "keys" { sub(/^;/, ""); print sec, $1 }' \
    "$EXAMPLE" >"$TMP/settings"
# (at least the 23 of today: an enumeration gone wrong must not pass
# for a table without settings)
ok "the settings table is read: 23 settings or more" \
    test "$(wc -l <"$TMP/settings")" -ge 23

# The defaults: a config file that sets nothing.
EMPTY=$TMP/empty.ini
: >"$EMPTY"

# conf FILE LINE...: a config file of the given lines.
conf() {
	f=$1
	shift
	printf '%s\n' "$@" >"$f"
}

# --- --dump cases -----------------------------------------------------------
# dump_with NAME SECTION KEY VALUE ARGS...: $TMP/NAME.def is the dump
# without a config, $TMP/NAME.set with [SECTION] KEY = VALUE.
dump_with() {
	name=$1 sec=$2 key=$3 val=$4
	shift 4
	conf "$TMP/$name.ini" "[$sec]" "$key = $val"
	"$HERALD" -c "$EMPTY" --dump "$@" >"$TMP/$name.def" 2>"$TMP/$name.err" &&
	    "$HERALD" -c "$TMP/$name.ini" --dump "$@" >"$TMP/$name.set" 2>>"$TMP/$name.err"
}
# differs NAME: the two dumps differ.
differs() {
	cmp -s "$TMP/$1.def" "$TMP/$1.set" || return 0
	echo "the setting changed nothing:"
	cat "$TMP/$1.set"
	return 1
}
# has FILE ERE: a line of FILE matches.
has() {
	grep -qE -- "$2" "$1" && return 0
	echo "no line matches $2 in:"
	cat "$1"
	return 1
}

case_layout_ambiguous() {
	# wide: “ ” count two columns, so the lines break earlier, exactly as
	# --ambiguous=wide does
	dump_with amb layout ambiguous wide --width 80 -p 1 -a 1 "$SAMPLE"
	"$HERALD" -c "$EMPTY" --ambiguous=wide --dump --width 80 -p 1 -a 1 "$SAMPLE" >"$TMP/amb.opt"
	ok "[layout] ambiguous = wide: the dump changes" differs amb
	ok "... to the dump of --ambiguous=wide" cmp "$TMP/amb.opt" "$TMP/amb.set"
}

case_layout_ascii_rules() {
	dump_with ar layout ascii_rules yes --width 80 \
	    "$top_srcdir/tests/data/converters/docling-table.md"
	ok "[layout] ascii_rules = yes: tables are ruled with + - |" \
	    has "$TMP/ar.set" '^\+-+\+-+\+'
	ok "... where the default draws them with box-drawing lines" \
	    has "$TMP/ar.def" '^┌─+┬'
}

case_layout_indent() {
	dump_with ind layout indent 0 --width 80 -p 1 -a 1 "$SAMPLE"
	ok "[layout] indent = 0: the first line of a paragraph is not indented" \
	    has "$TMP/ind.set" '^11月20日，随着'
	ok "... where the default indents it 4 columns" has "$TMP/ind.def" '^    11月20日，随着'
}

case_layout_paragraph_gap() {
	dump_with gap layout paragraph_gap 2 --width 80 -p 1 -a 1 "$SAMPLE"
	ok "[layout] paragraph_gap = 2: two blank lines between paragraphs" \
	    sh -c 'grep -A2 "^购量累计超过120万颗。" "$1" | tr "\n" "|" | grep -qx "购量累计超过120万颗。|||" ||
		{ cat "$1"; exit 1; }' - "$TMP/gap.set"
	ok "... where the default has one" \
	    sh -c 'grep -A2 "^购量累计超过120万颗。" "$1" | tr "\n" "|" | grep -q "^购量累计超过120万颗。||    据介绍"' \
	    - "$TMP/gap.def"
}

case_layout_kinsoku() {
	# none: UAX #14 alone breaks this line elsewhere than clreq's basic
	# rules (which start the second line with the opening “)
	printf '一二三四“五六七八\n' >"$TMP/k1.md"
	dump_with kn layout kinsoku none --width 10 "$TMP/k1.md"
	ok "[layout] kinsoku = none: the lines break elsewhere" differs kn
	ok "... no line starts with “" sh -c '! grep -q "^ *“" "$1"' - "$TMP/kn.set"
	ok "... where basic starts one with it" has "$TMP/kn.def" '^ *“五六七八$'
	# strict: —— may not start a line either
	printf '一二三四五——六七八\n' >"$TMP/k2.md"
	dump_with ks layout kinsoku strict --width 10 "$TMP/k2.md"
	ok "[layout] kinsoku = strict: no line starts with ——" has "$TMP/ks.set" '^ *五——六七八$'
	ok "... where basic lets one" has "$TMP/ks.def" '^ *——六七八$'
}

case_repair_ascii_punct() {
	dump_with ap repair ascii_punct no --width 80 -p 1 -a 1 "$SAMPLE"
	ok "[repair] ascii_punct = no: the source's ASCII comma stays" has "$TMP/ap.set" '11月20日,随着'
	ok "... where the default makes it full-width" has "$TMP/ap.def" '11月20日，随着'
}

case_repair_join_columns() {
	dump_with jc repair join_columns no --width 80 -p 1 -a 1 "$SAMPLE"
	ok "[repair] join_columns = no: a paragraph cut by a column break stays cut" \
	    has "$TMP/jc.set" '已经稳定在$'
	ok "... where the default joins it" has "$TMP/jc.def" '已经稳定在97%以上'
}

case_repair_join_lines() {
	printf '## 标题\n\n青川芯源公司\n自主设计的芯片。\n' >"$TMP/jl.md"
	dump_with jl repair join_lines no --width 80 "$TMP/jl.md"
	ok "[repair] join_lines = no: a space where a Chinese line was broken" \
	    has "$TMP/jl.set" '青川芯源公司 自主设计的芯片。'
	ok "... where the default joins the lines" has "$TMP/jl.def" '青川芯源公司自主设计的芯片。'
}

# --- screen cases -------------------------------------------------------------
# run_with CONFIG-FILE ARGS...: the reader at 80x24 with that config and
# no remembered place (unless keep_state=1).
keep_state=0
run_with() {
	c=$1
	shift
	[ "$keep_state" = 1 ] || rm -rf "$XDG_STATE_HOME"
	start -c "$c" "$@"
}

# [layout] measure and margin: the article's column (measure.sh checks its
# rows against --dump; here, that each setting is read)
# article_screens NAME COLS: the first article's screen at COLS columns
# with $TMP/NAME.ini and without it, in $TMP/NAME.NAME.ini and NAME.empty.ini
article_screens() {
	for cf in "$EMPTY" "$TMP/$1.ini"; do
		run_with "$cf" -p 1 -a 1 "$SAMPLE"
		wait_for "01版 │ 1/3" >/dev/null
		resize "$2" 24 >/dev/null
		settle
		screen >"$TMP/$1.$(basename "$cf")"
		keys Q
		wait_exit >/dev/null
	done
}

case_layout_measure() {
	conf "$TMP/measure.ini" "[layout]" "measure = 20"
	article_screens measure 120
	ok "[layout] measure = 20: the text is 40 columns from column 40" \
	    has "$TMP/measure.measure.ini" '^ {40}自主设计的“青川芯”QC-860系列RISC-V处理器$'
	ok "... where the default sets 80 columns from column 20" \
	    has "$TMP/measure.empty.ini" '^ {20}自主设计的“青川芯”QC-860系列RISC-V处理器正式进入量产阶段。这是我省首款基于开源指$'
}

case_layout_margin() {
	conf "$TMP/margin.ini" "[layout]" "margin = 6"
	article_screens margin 80
	ok "[layout] margin = 6: the text starts at column 6" \
	    has "$TMP/margin.margin.ini" '^ {6}电子有限公司自主设计的'
	ok "... where by default it starts at column 0" \
	    has "$TMP/margin.empty.ini" '^自主设计的“青川芯”'
}

case_reader_continuous() {
	conf "$TMP/cont.ini" "[reader]" "continuous = yes"
	for cf in "$EMPTY" "$TMP/cont.ini"; do
		run_with "$cf" -p 1 -a 1 "$SAMPLE"
		wait_for "01版 │ 1/3" >/dev/null
		keys G
		wait_for "100%" >/dev/null
		screen >"$TMP/cont.$(basename "$cf")"
		keys Q
		wait_exit >/dev/null
	done
	ok "[reader] continuous = yes: the end of 01-1 is the end of its continuation on 02版" \
	    sh -c 'grep -q "02版 │ 1/3 │ 100%" "$1" && grep -q "让更多工厂用上自己的" "$1" || { cat "$1"; exit 1; }' \
	    - "$TMP/cont.cont.ini"
	ok "... where by default it ends at its jump on 01版" \
	    sh -c 'grep -q "01版 │ 1/3 │ 100%" "$1" && grep -q "▼▼ 下转第2版" "$1"' - "$TMP/cont.empty.ini"
}

case_reader_bars() {
	conf "$TMP/bars.ini" "[reader]" "bars = no"
	run_with "$TMP/bars.ini" -p 1 -a 1 "$SAMPLE"
	ok "[reader] bars = no: no tab bar, the text from row 0" \
	    wait_row 0 "“青川芯”"
	ok "... and no status line once the first message is gone" \
	    eventually sh -c "! tmux -L '$SOCK' capture-pane -p -t t | grep -q '01版 │'"
	keys Q
	wait_exit >/dev/null
	run_with "$EMPTY" -p 1 -a 1 "$SAMPLE"
	ok "... where by default the tab bar is there" wait_row 0 "1 Front"
	keys Q
	wait_exit >/dev/null
}

# [images]: the photo of tests/data/photo.md above its [图] line
# (photos.sh tests them whole; here, that each setting is read)
# photo_rows_of: the rows between the paragraph and the [图] line that
# hold a block symbol or a 256-colour background (a row of sky is spaces)
photo_rows_of() {
	tmux -L "$SOCK" capture-pane -e -p -t t |
	    sed -n '/年吞吐能力提升三成/,/图为二期码头作业现场/p' | sed '1d;$d' |
	    python3 -c 'import sys; print(sum(1 for l in sys.stdin if "\x1b[48;5;" in l or any(0x2580 <= ord(c) <= 0x259f for c in l)))'
}
case_images_mode() {
	conf "$TMP/images.ini" "[images]" "mode = none"
	run_with "$TMP/images.ini" -p 1 -a 1 "$top_srcdir/tests/data/photo.md"
	wait_for "[图] 图为二期码头作业现场" >/dev/null
	settle
	ok "[images] mode = none: the [图] line, no photo" test "$(photo_rows_of)" -eq 0
	keys Q
	wait_exit >/dev/null
	run_with "$EMPTY" -p 1 -a 1 "$top_srcdir/tests/data/photo.md"
	ok "... where by default the photo is drawn" eventually sh -c \
	    "test \$(tmux -L '$SOCK' capture-pane -p -t t | sed -n '/年吞吐能力提升三成/,/图为二期码头作业现场/p' | grep -c '[▀▁▂▃▄▅▆▇█▌▐▏▎▍▋▊▉▔▕▖▗▘▙▚▛▜▝▞▟]') -ge 4"
	keys Q
	wait_exit >/dev/null
}
case_images_max_rows() {
	conf "$TMP/rows.ini" "[images]" "max_rows = 2"
	run_with "$TMP/rows.ini" -p 1 -a 1 "$top_srcdir/tests/data/photo.md"
	wait_for "[图] 图为二期码头作业现场" >/dev/null
	settle
	ok "[images] max_rows = 2: the photo in 2 rows (8 by default at 24)" \
	    test "$(photo_rows_of)" -eq 2
	keys Q
	wait_exit >/dev/null
}

case_reader_incsearch() {
	conf "$TMP/incsearch.ini" "[reader]" "incsearch = no"
	run_with "$TMP/incsearch.ini" -p 1 -a 1 "$SAMPLE"
	wait_for "01版 │ 1/" >/dev/null
	rows 1 20 >"$TMP/before-search"
	keys /
	wait_for "/_" >/dev/null
	type_text 'decades'
	wait_for "/decades_" >/dev/null
	sleep 0.3	# time for a search that should not happen
	ok "[reader] incsearch = no: typing at / does not search (no move)" \
	    sh -c "tmux -L '$SOCK' capture-pane -p -t t | sed -n 2,21p |
	        sed 's/[[:space:]]*\$//' | cmp -s - '$TMP/before-search'"
	ok "... and the prompt counts nothing" eventually sh -c \
	    "! tmux -L '$SOCK' capture-pane -p -t t | grep -q 'match 1/'"
	keys Escape Q
	wait_exit >/dev/null
	run_with "$EMPTY" -p 1 -a 1 "$SAMPLE"
	wait_for "01版 │ 1/" >/dev/null
	keys /
	type_text 'decades'
	ok "... where by default it does (a match counted at the prompt)" \
	    wait_match "/decades_ +match 1/"
	keys Escape Q
	wait_exit >/dev/null
}

case_reader_mouse() {
	conf "$TMP/mouse.ini" "[reader]" "mouse = yes"
	run_with "$TMP/mouse.ini" "$SAMPLE"
	wait_for "本期导读" >/dev/null
	ok "[reader] mouse = yes: the terminal reports the mouse" \
	    test "$(tm display-message -p -t t '#{mouse_any_flag}')" = 1
	keys Q
	wait_exit >/dev/null
	run_with "$EMPTY" "$SAMPLE"
	wait_for "本期导读" >/dev/null
	ok "... where by default it stays off" \
	    test "$(tm display-message -p -t t '#{mouse_any_flag}')" = 0
	keys Q
	wait_exit >/dev/null
}

case_reader_script() {
	if "$HERALD" --version | grep -q "OpenCC not installed"; then
		skip "[reader] script = taiwan" "OpenCC is not installed"
		return
	fi
	dump_with scr reader script taiwan --width 80 -p 1 -a 1 "$SAMPLE"
	ok "[reader] script = taiwan: the text in Taiwan's forms and words" \
	    has "$TMP/scr.set" '國產開源晶片'
	ok "... where the default shows it as printed" has "$TMP/scr.def" '国产开源芯片'
}

case_reader_save_position() {
	conf "$TMP/nosave.ini" "[reader]" "save_position = no"
	# the first run saves (the default); the second has the setting: no
	# position of an earlier session is restored either (one on the
	# first page, which is loaded before the first screen)
	for cf in "$TMP/nosave.ini" "$EMPTY"; do
		run_with "$EMPTY" -p 1 -a 2 "$SAMPLE"
		wait_for "01版 │ 2/3" >/dev/null
		keys Q
		wait_exit >/dev/null
		keep_state=1
		run_with "$cf" "$SAMPLE"
		keep_state=0
		wait_for "山河科技报 2026-11-27 │" >/dev/null
		settle
		screen | tail -1 >"$TMP/save.$(basename "$cf")"
		keys Q
		wait_exit >/dev/null
	done
	ok "[reader] save_position = no: the next start opens the front page, not the place saved before" \
	    grep -q "front page" "$TMP/save.nosave.ini"
	ok "... where by default it opens the article read last" \
	    grep -q "01版 │ 2/3" "$TMP/save.empty.ini"
}

# fg_is TEXT FROM WANT: until the first cell of TEXT (on a row >= FROM)
# has the foreground colour WANT.
fg_is() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		got=$(tm capture-pane -p -e -t t | python3 "$CELLS" "$1" "$2")
		[ "$got" = "fg=$3 bg=default" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "the first cell of $1: $got, not fg=$3"
	return 1
}

# no_colour: no cell of the screen has a colour.
no_colour() {
	tm capture-pane -p -e -t t >"$TMP/mono.cap"
	python3 - "$TMP/mono.cap" <<'EOF'
import re, sys
bad = [m.group(0) for m in re.finditer(r"\x1b\[([0-9;]*)m", open(sys.argv[1]).read())
       if any(p and (30 <= int(p) <= 49 and int(p) not in (39, 49) or 90 <= int(p) <= 107)
              for p in m.group(1).split(";"))]
print("colour sequences:", bad[:5])
sys.exit(1 if bad else 0)
EOF
}

has_colour() {
	no_colour >/dev/null || return 0
	echo "no colour on the screen"
	return 1
}

case_colors_theme() {
	conf "$TMP/mono.ini" "[colors]" "theme = mono"
	run_with "$TMP/mono.ini" "$SAMPLE"
	wait_for "本期导读" >/dev/null
	ok "[colors] theme = mono: no colour on the front page" no_colour
	keys Q
	wait_exit >/dev/null
	run_with "$EMPTY" "$SAMPLE"
	wait_for "本期导读" >/dev/null
	ok "... where the default theme has colours" has_colour
	keys Q
	wait_exit >/dev/null
}

# A small issue whose middle article has two jumps on one screen: the
# first is the link under the cursor (selection colour), the second is
# drawn in the jump colour.
JUMPS=$TMP/jumps
mkdir -p "$JUMPS"
printf '## 甲文\n\n正文一。\n\n▼▼ 下转第2版\n' >"$JUMPS/01.md"
printf '## 甲文\n\n▲▲ 上接第1版\n\n正文二。\n\n▼▼ 下转第3版\n' >"$JUMPS/02.md"
printf '## 甲文\n\n▲▲ 上接第2版\n\n正文三。\n' >"$JUMPS/03.md"

# colour_case ELEMENT TEXT FROM WHERE ARGS...: with ELEMENT = 201, the
# first cell of TEXT (row >= FROM) is colour 201 once the keys WHERE
# (space-separated, or -) have been typed; the reader runs with ARGS.
colour_case() {
	elem=$1 text=$2 from=$3 where=$4
	shift 4
	conf "$TMP/$elem.ini" "[colors]" "$elem = 201"
	run_with "$TMP/$elem.ini" "$@"
	wait_for "山河科技报" >/dev/null 2>&1 || wait_for "│" >/dev/null
	if [ "$where" != - ]; then
		# shellcheck disable=SC2086
		for k in $where; do
			case $k in
			/*) keys /; type_text "${k#/}"; keys Enter ;;
			*) keys "$k" ;;
			esac
			sleep 0.2
		done
	fi
	ok "[colors] $elem = 201: $text is drawn in colour 201" fg_is "$text" "$from" 201
	keys Q Q Q
	wait_exit >/dev/null
}

case_colors_title() { colour_case title "山河科技报" 1 - "$SAMPLE"; }
case_colors_headline() { colour_case headline "国产开源芯片" 1 - -p 1 -a 1 "$SAMPLE"; }
case_colors_subhead() { colour_case subhead "三年攻关" 1 - -p 1 -a 1 "$SAMPLE"; }
case_colors_byline() { colour_case byline "▶ 本报记者" 1 - -p 1 -a 1 "$SAMPLE"; }
case_colors_body() { colour_case body "11月20日，随着" 1 - -p 1 -a 1 "$SAMPLE"; }
case_colors_jump() { colour_case jump "▼▼ 下转第3版" 1 - -p 2 -a 1 "$JUMPS"; }
case_colors_caption() { colour_case caption "11月24日，2026山河" 1 G "$SAMPLE"; }
case_colors_credit() { colour_case credit "(林晓岚/摄)" 1 G "$SAMPLE"; }
case_colors_contents() { colour_case contents "地热供暖" 1 - "$SAMPLE"; }
case_colors_status() { colour_case status "山河科技报 2026-11-27" 23 - "$SAMPLE"; }
case_colors_search() { colour_case search "芯片" 1 "/芯片" -p 1 -a 1 "$SAMPLE"; }
case_colors_selection() { colour_case selection "01版" 1 2 "$SAMPLE"; }

# --- every setting has a case, and each case runs ---------------------------
while read -r sec key; do
	if command -v "case_${sec}_$key" >/dev/null 2>&1; then
		"case_${sec}_$key"
	else
		ok "[$sec] $key has a case in settings.sh" false
	fi
done <"$TMP/settings"

done_testing
