# lib.sh: TAP helpers for the shell tests. Source it; call `ok`, `fail`,
# `skip`, then `done_testing` at the end.
#   ok NAME COMMAND...     passes when COMMAND exits 0
: "${HERALD:?HERALD must name the herald-tui binary (make check sets it)}"
: "${top_srcdir:?top_srcdir must be set (make check sets it)}"
export LC_ALL=C.UTF-8
tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/herald-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# No user config or state leaks into the tests.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" XDG_STATE_HOME="$TMP/home/.local/state"
mkdir -p "$HOME"
unset NO_COLOR

ok() {
	name=$1; shift
	tap_n=$((tap_n + 1))
	if "$@" >"$TMP/out.$tap_n" 2>&1; then
		echo "ok $tap_n - $name"
	else
		echo "not ok $tap_n - $name"
		sed 's/^/# /' "$TMP/out.$tap_n" | head -20
		tap_failed=$((tap_failed + 1))
	fi
}

skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# Display-width checks, independent of herald-tui's own width code:
# python3's unicodedata (W/F = 2, combining and format = 0, else 1;
# A = 2 with --wide).
check_widths() {
	python3 "$top_srcdir/tests/cli/textcheck.py" widths "$@"
}
