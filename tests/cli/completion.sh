#!/bin/sh
# completion.sh: the bash completion offers every long option of --help and
# completes --ambiguous= values.
. "$top_srcdir/tests/cli/lib.sh"
C="$top_srcdir/data/completion/herald-tui"

ok "completion script parses in bash" bash -n "$C"
# complete WORDS...: what the completion offers for the last word
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
		_init_completion() { return 1; }; compopt() { :; }
		_herald_tui; printf "%s\n" "${COMPREPLY[@]}"' - "$C" "$@"
}
complete_words herald-tui -- >"$TMP/all"
"$HERALD" --help | grep -o -- '--[a-z][a-z-]*' | sort -u >"$TMP/opts"
while read -r o; do
	ok "completion offers $o" grep -q -- "^$o=\\?\$" "$TMP/all"
done <"$TMP/opts"
ok "--ambiguous= completes its values" sh -c 'test "$(cat)" = "$(printf "auto\nnarrow\nwide")"' <<EOT
$(complete_words herald-tui --ambiguous= )
EOT
done_testing
