#!/bin/sh
# output.sh: the article out of the reader (issue 15), each time exactly
# as --dump sets it at the pane's width: s saves it (a name offered, an
# existing file kept unless the answer is y), | pipes it to a command whose
# output stays until Enter, y copies it with OSC 52 (tmux, with
# set-clipboard on, keeps it as a paste buffer).
. "${top_srcdir:?}/tests/screen/lib.sh"

"$HERALD" --dump --width 80 -p 1 -a 1 "$SAMPLE" >"$TMP/d80"
"$HERALD" --dump --width 60 -p 1 -a 1 "$SAMPLE" >"$TMP/d60"
"$HERALD" --dump --width 80 -p 1 -a 1 --script=traditional "$SAMPLE" \
    >"$TMP/t80" 2>/dev/null
lines=$(wc -l <"$TMP/d80" | tr -d ' ')
lines60=$(wc -l <"$TMP/d60" | tr -d ' ')

# same FILE WANT: FILE (once written) has exactly WANT's bytes
same() {
	[ -f "$1" ] && cmp -s "$1" "$2" || { echo "$1 differs from $2"; return 1; }
}

# in $TMP: the files are named as a reader would type them there, and
# the messages that name them fit whatever TMPDIR is
start -C "$TMP" -p 1 -a 1 "$SAMPLE"
tm set-option -g set-clipboard on >/dev/null
wait_for "下转第2版" >/dev/null

keys s
ok "s offers date-page-article.txt" wait_row 23 "Save to: 2026-11-27-01-1.txt"
keys C-u
type_text "saved.txt"
keys Enter
ok "... and saves the article there" wait_row 23 "Saved $lines lines to saved.txt"
ok "... as --dump sets it at the width" same "$TMP/saved.txt" "$TMP/d80"

echo "keep me" >"$TMP/kept.txt"
keys s C-u
type_text "kept.txt"
keys Enter
ok "an existing file: s asks first" wait_row 23 "kept.txt exists: overwrite it? (y/N)"
keys n Enter
ok "... n keeps it" wait_row 23 "Not saved"
ok "... unchanged" test "$(cat "$TMP/kept.txt")" = "keep me"
keys s C-u
type_text "kept.txt"
keys Enter
wait_row 23 "overwrite it?" >/dev/null
keys y Enter
ok "... y overwrites it" wait_row 23 "Saved $lines lines"
ok "... with the article" same "$TMP/kept.txt" "$TMP/d80"
keys s C-u
type_text "no/such/dir/x.txt"
keys Enter
ok "a file that cannot be made: says why" wait_row 23 "Cannot save to no/such/dir/x.txt: No such file"

# A path too long for the line gives way, at a '/', to "…"; what is said
# of the file stays whole, and a question keeps room for its answer. The
# names below put the cut at the same '/' whatever the length of $TMP.
# (Each cut removes $TMP and more: the line's width against the lengths
# of c2 and c3 alone decides which '/' is the first to give room enough.)
c2=a-folder-with-a-rather-long-name
c3=and-another-one-inside-it
deep=$TMP/clips/$c2/$c3
mkdir -p "$deep"
keys s C-u
type_text "$deep/saved.txt"
keys Enter
ok "a long path: its start gives way, the message stays whole" \
    wait_row 23 " Saved $lines lines to …/$c3/saved.txt"
ok "... saved there" same "$deep/saved.txt" "$TMP/d80"
keys s C-u
type_text "$deep/saved.txt"
keys Enter
ok "... a question about it keeps its end and room for the answer" \
    wait_row 23 "…/$c3/saved.txt exists: overwrite it? (y/N) _"
keys n Enter
keys s C-u
type_text "$deep/no/such/x.txt"
keys Enter
ok "... and an error keeps its reason" \
    wait_row 23 " Cannot save to …/no/such/x.txt: No such file or directory"

keys "|"
ok "| asks for a command" wait_row 23 "| _"
type_text "tee $TMP/piped.txt | wc -l; echo done-$$"
keys Enter
ok "... the command's output stays on the screen" wait_for "done-$$"
ok "... with its status, until Enter" wait_for "exit status 0; press Enter to return"
ok "... it read the article" same "$TMP/piped.txt" "$TMP/d80"
keys Enter
ok "Enter returns to the article" wait_row 23 "Piped $lines lines to"
ok "... drawn again" wait_for "国产开源芯片迈入规模应用"
keys "|"
type_text "exit 3"
keys Enter
wait_for "press Enter" >/dev/null
keys Enter
ok "a failing command's status is told" wait_row 23 "exit status 3"

keys y
ok "y copies the article" wait_row 23 "Copied $lines lines to the clipboard (OSC 52)"
tm save-buffer "$TMP/yanked.txt" 2>/dev/null
ok "... tmux received it, byte for byte" same "$TMP/yanked.txt" "$TMP/d80"

resize 60 24 >/dev/null
settle
tm delete-buffer 2>/dev/null
keys y
# (the message of the y at 80 columns, "Copied $lines lines", is still
# there after the resize)
wait_row 23 "Copied $lines60 lines" >/dev/null
tm save-buffer "$TMP/yanked60.txt" 2>/dev/null
ok "at 60 columns, y copies the 60-column text" same "$TMP/yanked60.txt" "$TMP/d60"
resize 80 24 >/dev/null

if [ -s "$TMP/t80" ]; then
	keys T
	wait_for "國產" >/dev/null
	keys s C-u
	type_text "$TMP/trad.txt"
	keys Enter
	ok "after T, s saves the script shown" eventually same "$TMP/trad.txt" "$TMP/t80"
else
	skip "after T, s saves the script shown" "OpenCC is not installed"
fi
keys Q
ok "Q exits 0 (no leak under the sanitizers)" test "$(wait_exit)" = 0

rm -rf "$XDG_STATE_HOME"	# no place saved: nothing read yet
start "$SAMPLE"
wait_for "本期导读" >/dev/null
keys s
ok "s with no article open says so" wait_row 23 "No article open"
keys Q
wait_exit >/dev/null
done_testing
