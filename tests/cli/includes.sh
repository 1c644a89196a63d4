#!/bin/sh
# includes.sh: the modules' include graph has no cycle (issue 14: the
# dependencies run one way, main -> ui -> panes -> reader -> core), and
# tools/include-graph.sh does find one where there is.
. "$top_srcdir/tests/cli/lib.sh"
G="$top_srcdir/tools/include-graph.sh"

ok "src/ has no include cycle" sh -c '
	out=$(sh "$1" "$2/src") || { printf "%s\n" "$out" | grep "^cycle"; exit 1; }' \
    - "$G" "$top_srcdir"
ok "... and the graph has its edges (main -> ui, ui -> reader)" sh -c '
	out=$(sh "$1" "$2/src"); printf "%s\n" "$out" | grep -qx "main -> ui" &&
	    printf "%s\n" "$out" | grep -qx "ui -> reader"' - "$G" "$top_srcdir"
ok "the model does not include the converter, the loader or the screen" sh -c '
	! grep -E "^#include \"(convert|load|table|ui|pane|config)\.h\"" "$1/src/issue.c" "$1/src/issue.h"' \
    - "$top_srcdir"

# a made-up tree with a cycle a -> b -> c -> a, and one without
mkdir -p "$TMP/cyc" "$TMP/dag"
printf '#include "b.h"\n' >"$TMP/cyc/a.c"
printf '#include "c.h"\n' >"$TMP/cyc/b.h"
printf '#include "a.h"\n' >"$TMP/cyc/c.c"
: >"$TMP/cyc/a.h"
: >"$TMP/cyc/c.h"
printf '#include "b.h"\n' >"$TMP/dag/a.c"
printf '#include "c.h"\n' >"$TMP/dag/b.c"
: >"$TMP/dag/b.h"
: >"$TMP/dag/c.h"
ok "a cycle a -> b -> c -> a is found, exit 1" sh -c '
	out=$(sh "$1" "$2"); st=$?
	test $st = 1 && printf "%s\n" "$out" | grep -q "^cycle: .*a -> b -> c -> a\|^cycle: .*b -> c -> a -> b\|^cycle: .*c -> a -> b -> c"' \
    - "$G" "$TMP/cyc"
ok "... and a tree without one passes" sh "$G" "$TMP/dag"
done_testing
