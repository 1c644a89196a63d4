#!/bin/sh
# include-graph.sh [SRCDIR]: the include graph of herald-tui's modules
# (a module is NAME.c with NAME.h and NAME-int.h; ui*.c, pane*.c,
# source*.c and width*.c/.h are one module each), one "from -> to" edge per line, then
# every cycle found. Exits 1 when there is a cycle (issue 14: the
# dependencies run one way, main -> ui -> panes -> reader -> core).
src=${1:-$(dirname "$0")/../src}
grep -o '^#include "[^"]*"' "$src"/*.c "$src"/*.h 2>/dev/null |
    sed 's|^.*/||; s|:#include "| |; s|"$||' |
    awk '
	function mod(f) {
		sub(/\.[ch]$/, "", f)
		sub(/-int$/, "", f)	# NAME-int.h: the inside of NAME
		if (f ~ /^ui(-|$)/) return "ui"
		if (f ~ /^pane(-|$)/) return "panes"
		if (f ~ /^source(-|$)/) return "source"
		if (f ~ /^width(-|$)/) return "width"
		if (f == "build-config") return ""
		return f
	}
	{
		a = mod($1); b = mod($2)
		if (a == "" || b == "" || a == b || (a SUBSEP b) in seen) next
		seen[a, b] = 1
		out[a] = out[a] " " b
		nodes[a] = nodes[b] = 1
		print a " -> " b
	}
	# depth-first search; a grey node reached again closes a cycle
	function visit(n,   k, i, m, list) {
		colour[n] = 1
		path[++depth] = n
		k = split(out[n], list, " ")
		for (i = 1; i <= k; i++) {
			m = list[i]
			if (colour[m] == 1) {
				cyc = m
				for (j = depth; j >= 1 && path[j] != m; j--)
					cyc = path[j] " -> " cyc
				print "cycle: " m " -> " cyc
				found = 1
			} else if (colour[m] == 0)
				visit(m)
		}
		depth--
		colour[n] = 2
	}
	END {
		for (n in nodes) colour[n] = 0
		for (n in nodes) if (colour[n] == 0) visit(n)
		exit found
	}'
