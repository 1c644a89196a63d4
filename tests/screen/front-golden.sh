#!/bin/sh
# front-golden.sh: the front page as a reader first sees it (issue 15), on
# tmux at 80x24, 120x40 and 40x12, for the sample and the seed (skipped
# when ../shared is absent), against tests/golden/front/NAME-WxH.txt: the
# lead story with its first paragraph, the contents box on the first
# screen at 80x24 and beside the stories at 120 columns and more, the
# briefs as one line each. HERALD_UPDATE_GOLDEN=1 writes the files anew
# (then read every one of them before committing).
. "${top_srcdir:?}/tests/screen/lib.sh"

GOLDEN=$top_srcdir/tests/golden/front

# golden NAME ISSUE COLS ROWS: the first screen, once lazy loading has
# counted the pages (the status line says so) and the screen is still.
golden() {
	g=$GOLDEN/$1-$3x$4.txt
	rm -rf "$XDG_STATE_HOME"
	start -x "$3" -y "$4" "$2"
	wait_match "front page" >/dev/null
	settle
	screen | sed 's/[[:space:]]*$//' >"$TMP/front-$1-$3x$4"
	keys Q
	wait_exit >/dev/null
	if [ -n "$HERALD_UPDATE_GOLDEN" ]; then
		cp "$TMP/front-$1-$3x$4" "$g"
	fi
	ok "$1 at $3x$4 is as tests/golden/front/$1-$3x$4.txt" \
	    diff "$g" "$TMP/front-$1-$3x$4"
	ok "... no row wider than $3 columns" \
	    test "$(widths <"$TMP/front-$1-$3x$4" | sort -n | tail -1)" -le "$3"
}

for size in "80 24" "120 40" "40 12"; do
	# shellcheck disable=SC2086
	set -- $size
	golden sample "$SAMPLE" "$1" "$2"
	if [ -f "$SEED" ]; then
		golden seed "$SEED" "$1" "$2"
	else
		skip "seed at $1x$2" "no seed at $SEED"
		skip "... no row wider than $1 columns" "no seed"
	fi
done

# The contents box on the first screen at 80x24: every entry of --list's
# box for page 1 is on it, with its page number.
box_on_first_screen() {
	"$HERALD" --list "$1" | sed -n 's/^    - \(.*\) \([0-9][0-9]版\) .*/\1 \2/p; s/^    - \(.*\) \([0-9][0-9]版\)$/\1 \2/p' >"$TMP/box"
	test -s "$TMP/box" || { echo "no contents box in --list"; return 1; }
	while IFS= read -r e; do
		title=${e% *} page=${e##* }
		grep -qE -- "$(printf '%s' "$title" | sed 's/[][\\.*^$()+?{}|]/\\&/g').* $page\$" "$2" ||
		    { echo "not on the first screen: $e"; return 1; }
	done <"$TMP/box"
}
ok "sample at 80x24: the whole contents box on the first screen" \
    box_on_first_screen "$SAMPLE" "$TMP/front-sample-80x24"
if [ -f "$SEED" ]; then
	ok "seed at 80x24: the whole contents box on the first screen" \
	    box_on_first_screen "$SEED" "$TMP/front-seed-80x24"
else
	skip "seed at 80x24: the contents box" "no seed at $SEED"
fi

done_testing
