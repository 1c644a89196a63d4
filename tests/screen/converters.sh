#!/bin/sh
# converters.sh: nothing of a converter's page is out of the reader's
# reach. For every page in tests/data/converters (MinerU, marker, docling,
# pymupdf4llm, PP-StructureV3, OCR lines, Tesseract, pdftotext with and
# without -layout), a phrase from every line of its text (phrases.py) is
# either on the front page or the contents pane, or found by / in a story.
. "${top_srcdir:?}/tests/screen/lib.sh"

D=$top_srcdir/tests/data/converters

# reach FILE: every phrase of FILE shown or found; names those that are not.
reach() {
	target=$1
	shift
	python3 "$top_srcdir/tests/screen/phrases.py" "$@" >"$TMP/phrases" ||
	    return 1
	start -x 160 -y 60 "$target"
	wait_for "01版" >/dev/null || return 1
	screen >"$TMP/front"
	# page titles (第2版 要闻) are on the contents pane
	keys 2
	# (not "Contents": the tab bar says that on every pane)
	wait_for "contents │" >/dev/null
	settle
	screen >>"$TMP/front"
	keys 1
	miss=0
	while IFS= read -r p; do
		grep -qF -- "$p" "$TMP/front" && continue
		keys /
		wait_row 59 "/_" >/dev/null || { echo "no prompt for $p"; miss=1; continue; }
		type_text "$p"
		keys Enter
		# the prompt goes; the match is drawn, or "Not found" said
		i=0
		while [ $i -lt 50 ]; do
			s=$(screen)
			case $s in
			*"Not found"*) break ;;
			esac
			row 59 | grep -q "^/" || break
			sleep 0.1
			i=$((i + 1))
		done
		if screen | grep -q "Not found"; then
			echo "not reachable: $p"
			miss=1
			keys Escape
		fi
	done <"$TMP/phrases"
	[ "$miss" -eq 0 ]
}

for f in "$D"/*.md "$D"/*.txt; do
	n=$(basename "$f")
	[ "$n" = FINDINGS.md ] && continue # notes, not a page
	ok "$n: every line is on the front page or found by /" reach "$f" "$f"
done
ok "mineru-issue/: every line is on the front page or found by /" \
    reach "$D/mineru-issue" "$D"/mineru-issue/*.md
done_testing
