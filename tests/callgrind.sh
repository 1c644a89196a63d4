# callgrind.sh: for the tests that count instructions under callgrind.
# Source it; then cg_ir FILE prints the instructions a callgrind dump
# counted (its totals: line, or summary: in an older dump), or nothing.
cg_ir() {
	sed -n 's/^totals: *\([0-9]*\).*/\1/p; s/^summary: *\([0-9]*\).*/\1/p' \
	    "$1" 2>/dev/null | head -1
}
