# lib.sh: screen tests. The real herald-tui runs in a pseudo-terminal of a
# real terminal emulator (tmux, on a private -L socket, no config), keys are
# sent with send-keys and the screen is read back with capture-pane. Every
# wait polls the screen until the expected text is there (never a fixed
# long sleep), so the tests hold under the sanitizer build and on 2 cores.
#
# Source it, then: start [-x COLS] [-y ROWS] [ARGS...]; keys KEY...;
# wait_for TEXT; screen; row N; ok NAME COMMAND...; done_testing.
: "${HERALD:?HERALD must name the herald-tui binary (make check sets it)}"
: "${top_srcdir:?top_srcdir must be set (make check sets it)}"
export LC_ALL=C.UTF-8
unset NO_COLOR LINES COLUMNS TMUX
SAMPLE=$top_srcdir/data/sample
# How long a wait may take, in tenths of a second (sanitizer builds are slow).
WAIT_TENTHS=${HERALD_TEST_WAIT:-100}

tap_n=0
tap_failed=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/herald-screen.XXXXXX")
SOCK=herald-test-$$
# The tmux sockets live in the temp dir too, so nothing is left behind.
export TMUX_TMPDIR="$TMP"
# No user config or state leaks into the tests, nor between them.
export HOME="$TMP/home" XDG_CONFIG_HOME="$TMP/home/.config" \
    XDG_STATE_HOME="$TMP/home/.local/state" XDG_DATA_HOME="$TMP/home/.local/share"
mkdir -p "$HOME"

tm() {
	tmux -u -L "$SOCK" -f /dev/null "$@"
}

cleanup() {
	tm kill-server >/dev/null 2>&1
	# The reader may still be saving its state after the hang-up: a
	# temp dir removed before it is done came back as its state dir.
	i=0
	for f in "$TMP"/reader.*.pid; do
		while [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null &&
		    [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
	done
	i=0
	while ! rm -rf "$TMP" 2>/dev/null && [ $i -lt 30 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

ok() {
	name=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@" >"$TMP/out.$tap_n" 2>&1; then
		echo "ok $tap_n - $name"
	else
		echo "not ok $tap_n - $name"
		sed 's/^/# /' "$TMP/out.$tap_n" | head -40
		echo "# --- screen:"
		screen 2>/dev/null | sed 's/^/# |/'
		tap_failed=$((tap_failed + 1))
	fi
}

# skip NAME REASON: a test that cannot run here (a tool is missing).
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - $1 # SKIP $2"
}

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# next_server: end the current tmux server and name a fresh one (a dying
# server may still hold its socket for a moment).
next_server() {
	tm kill-server >/dev/null 2>&1
	nstart=$((${nstart:-0} + 1))
	SOCK=herald-test-$$-$nstart
}

# A pane that runs a script of a test's own (not start's: state-merge.sh,
# ambiguous.sh, extras.sh) begins it with $PANE_WATCH. A test killed
# before its cleanup then leaves nothing either: within a second the
# watcher (which takes no hang-up) hangs up the pane's shell and what runs
# in it (the reader saves and ends, the pane's long sleep ends, the server
# with its last pane), and removes the temp dir once they had time to end.
PANE_WATCH="(trap '' HUP; while kill -0 $$ 2>/dev/null; do sleep 1; done
kill -HUP 0; sleep 2; rm -rf '$TMP') </dev/null >/dev/null 2>&1 &"

# start [-x COLS] [-y ROWS] [-e VAR=VALUE] [-C DIR]... [ARGS...]: (re)start
# the reader, in DIR when given (paths the reader names are then short
# whatever TMPDIR is: a message checked whole must not depend on its
# length). The wrapper writes herald-tui's exit status to $STATUS and
# then idles, so the screen after exit can be inspected.
start() {
	cols=80 rows=24 envs="" nohup="" preload="" dir=.
	while [ $# -gt 0 ]; do
		case $1 in
		-C) dir=$2; shift 2 ;;
		-n) nohup="trap '' HUP"; shift ;;
		-P) preload=$2; shift 2 ;;
		-x) cols=$2; shift 2 ;;
		-y) rows=$2; shift 2 ;;
		-e) envs="$envs $2"; shift 2 ;;
		*) break ;;
		esac
	done
	next_server
	# this start's own: an earlier reader, hung up by next_server,
	# may end later and its pane's shell write its status then
	STATUS=$TMP/status.$SOCK
	args=""
	for a in "$@"; do
		args="$args '$a'"
	done
	cat >"$TMP/run.sh" <<EOF
export TERM=xterm-256color LC_ALL=C.UTF-8 HOME='$HOME'
export XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_STATE_HOME='$XDG_STATE_HOME'
unset LD_PRELOAD NO_COLOR
export $envs PS1='$ '
trap '' HUP
(while kill -0 $$ 2>/dev/null; do sleep 1; done; kill -HUP 0) &
(
trap - HUP
$nohup
cd '$dir' &&
exec sh -c 'echo \$\$ >"\$0"; exec "\$@"' '$TMP/reader.$SOCK.pid' '$HERALD' $args
)
echo \$? >'$STATUS.tmp' && mv '$STATUS.tmp' '$STATUS'
while kill -0 $$ 2>/dev/null; do sleep 1; done
rm -rf '$TMP'
EOF
	# The pane stays (its last screen readable) while this test runs,
	# and no longer: a test killed before its cleanup (make mutate kills
	# its process group, which the tmux server has left) left the server
	# and the reader in it for an hour, and the temp dir for good. Now
	# they end within a second: the reader hung up, the temp dir gone,
	# the pane's shell done, the server empty. The pane's shell itself
	# takes no hang-up (the reader's subshell takes it as the reader
	# would), so that it is there to remove the temp dir once the
	# reader has saved its state and ended.
	# -P LIB: the terminal emulator itself (the tmux server) runs with
	# LD_PRELOAD=LIB; the reader does not.
	env ${preload:+LD_PRELOAD="$preload"} tmux -u -L "$SOCK" -f /dev/null \
	    new-session -d -s t -x "$cols" -y "$rows" "sh '$TMP/run.sh'" &&
	    tm set-option -t t status off >/dev/null &&
	    tm set-window-option -t t window-size manual >/dev/null 2>&1
	tm resize-window -t t -x "$cols" -y "$rows" >/dev/null 2>&1
	true
}

# The screen as text, one line per row (trailing blanks kept off).
screen() {
	tm capture-pane -p -t t
}

# Row N (0-based) of the screen.
row() {
	screen | sed -n "$(($1 + 1))p"
}

keys() {
	tm send-keys -t t "$@"
}

# Literal text (no key-name lookup).
type_text() {
	tm send-keys -t t -l "$1"
}

# wait_for TEXT: until TEXT (a fixed string) is on the screen.
wait_for() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for: $1"
	return 1
}

# wait_gone TEXT: until TEXT is no longer on the screen.
wait_gone() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen | grep -qF -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for this to go: $1"
	return 1
}

# wait_row N TEXT: until row N contains TEXT (never empty: that would
# match any row).
wait_row() {
	if [ -z "$2" ]; then
		echo "wait_row: empty text"
		return 1
	fi
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		row "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for row $1 to show: $2 (it shows: $(row "$1"))"
	return 1
}

# wait_line N TEXT: until row N is exactly TEXT (trailing blanks aside;
# TEXT may be empty).
wait_line() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		[ "$(row "$1" | sed 's/[[:space:]]*$//')" = "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for row $1 to be: $2"
	echo "it is: $(row "$1")"
	return 1
}

# wait_match REGEX: until a row matches the extended regular expression.
wait_match() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen | grep -qE -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for a row matching: $1"
	return 1
}

# wait_change OLD: until the screen differs from OLD; prints nothing.
wait_change() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		[ "$(screen)" != "$1" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "timed out waiting for the screen to change"
	return 1
}

# eventually COMMAND...: until COMMAND succeeds (for checks that read the
# screen once, after a key whose effect may not be drawn yet); on a time
# out, what the last try printed.
# (its own variable names: it is called inside the tests' own i loops)
eventually() {
	ev_i=0
	while [ $ev_i -lt "$WAIT_TENTHS" ]; do
		ev_out=$("$@" 2>&1) && return 0
		sleep 0.1
		ev_i=$((ev_i + 1))
	done
	printf '%s\n' "$ev_out"
	return 1
}

# highlighted TEXT: until TEXT is drawn in its own attribute (an SGR
# sequence right before it), as a search match is.
sgr_before() {
	tm capture-pane -e -p -t t | grep -q "m$1"
}
highlighted() {
	eventually sgr_before "$1"
}

# settle: until the screen has stayed the same for half a second (after a
# resize, or while lazy loading fills in counts); prints nothing.
settle() {
	st_i=0 st_same=0 st_last=
	while [ $st_i -lt "$WAIT_TENTHS" ] && [ $st_same -lt 5 ]; do
		st_now=$(screen)
		if [ "$st_now" = "$st_last" ]; then st_same=$((st_same + 1)); else st_same=0; fi
		st_last=$st_now
		sleep 0.1
		st_i=$((st_i + 1))
	done
}

# wait_exit: until herald-tui has exited; prints its status.
wait_exit() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		if [ -f "$STATUS" ]; then
			cat "$STATUS"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	echo "timeout"
	return 1
}

# pid_of_reader: the pid of herald-tui in the pane.
pid_of_reader() {
	pgrep -n -P "$(tm display-message -p -t t '#{pane_pid}')"
}

# gone PID: until PID has exited (a zombie counts: its parent is gone too),
# at most a second.
gone() {
	i=0
	while [ $i -lt 10 ]; do
		st=$(ps -o stat= -p "$1" 2>/dev/null)
		case $st in
		'' | Z*) return 0 ;;
		esac
		sleep 0.1
		i=$((i + 1))
	done
	echo "still running after a second:"
	ps -o pid,stat,time,cmd -p "$1"
	return 1
}

# The pane's size as "COLSxROWS".
pane_size() {
	tm display-message -p -t t '#{pane_width}x#{pane_height}'
}

# resize COLS ROWS: resize the window and wait until the pane has the size.
resize() {
	tm resize-window -t t -x "$1" -y "$2" >/dev/null
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		[ "$(pane_size)" = "$1x$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# Rows FROM..TO (0-based, inclusive) of the screen, trailing blanks removed.
rows() {
	screen | sed -n "$(($1 + 1)),$(($2 + 1))p" | sed 's/[[:space:]]*$//'
}

# The text area of the reader: rows 1 .. height-2 (tab bar and status off).
text_rows() {
	h=$(tm display-message -p -t t '#{pane_height}')
	rows 1 $((h - 2))
}

# Display width of each line on stdin, by python3's unicodedata (an oracle
# independent of herald-tui's width code); A counts 2 with --wide.
widths() {
	python3 -c '
import sys, unicodedata
wide = "--wide" in sys.argv
for line in sys.stdin.read().split("\n"):
    w = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        e = unicodedata.east_asian_width(ch)
        w += 2 if e in ("W", "F") or (wide and e == "A") else 1
    print(w)
' "$@"
}

# max_width [--wide]: the widest screen row.
max_width() {
	screen | widths "$@" | sort -n | tail -1
}

# press KEY N: KEY sent N times.
press() {
	p_i=0 p_keys=
	while [ $p_i -lt "$2" ]; do
		p_keys="$p_keys $1"
		p_i=$((p_i + 1))
	done
	# shellcheck disable=SC2086
	keys $p_keys
}

# reader_peak: the running reader's peak RSS so far, in KB.
reader_peak() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$(cat "$TMP/reader.$SOCK.pid")/status"
}

# reader_anon: the anonymous memory the running reader holds, in KB.
reader_anon() {
	awk '/^RssAnon:/ { print $2 }' "/proc/$(cat "$TMP/reader.$SOCK.pid")/status"
}

# panes_held FILE N: the anonymous memory in KB of the reader once it has
# shown the contents (every one of FILE's N stories read, in parts of 16
# KiB: kept in the file, shelf.h) and then the front page: what it holds
# then (the peak is that end), not the pages of its libraries' code, which
# a run touches differently from the next (VmHWM, which counts them, moved
# by up to 70 KB between runs of the same page; RssAnon by 12). Each run a
# server of its own (start).
panes_held() {
	start -e HERALD_STREAM=16384 "$1"
	wait_for "$2 article" >/dev/null || return 1
	keys 2
	wait_for "01版" >/dev/null || return 1
	keys 1
	wait_for "front page" >/dev/null || return 1
	reader_anon
	keys Q
	wait_exit >/dev/null
}

# panes_cost NAME BYTES UNITS BASE BASE_N FILE FILE_N: the check NAME that
# a reader showing FILE's panes (panes_held, FILE_N stories) holds at most
# BYTES a unit more, for its UNITS units, than one showing BASE's (BASE_N
# stories); skipped on a sanitizer build, whose shadow memory is not ours.
panes_cost() {
	if grep -q -a __asan_init "$HERALD" 2>/dev/null; then
		skip "$1" "sanitizer build: its shadow memory is not ours"
		return
	fi
	panes_held "$4" "$5" >"$TMP/cost-base.rss"
	panes_held "$6" "$7" >"$TMP/cost-file.rss"
	ok "$1" sh -c '
		echo "${4##*/}: $1 KB; ${5##*/}: $2 KB," \
		    "$(( ($2 - $1) * 1024 / $3 )) bytes a unit of $3"
		[ -n "$1" ] && [ -n "$2" ] &&
		    [ $(( ($2 - $1) * 1024 )) -le $(( $6 * $3 )) ]' \
	    sh "$(cat "$TMP/cost-base.rss")" "$(cat "$TMP/cost-file.rss")" \
	    "$3" "$4" "$6" "$2"
}

# captioned_page FILE: one page of 200 stories (第N篇文章), each a line of
# text (这是第N篇文章的正文) and a caption (图为第N篇文章说的码头。): read
# in parts of 4 KiB (HERALD_STREAM=4096), most are kept in the file.
captioned_page() {
	{
		printf '# 测试日报\n\nTEST DAILY\n\n'
		cp_i=1
		while [ $cp_i -le 200 ]; do
			printf '## 第%d篇文章\n\n这是第%d篇文章的正文，说的是一件事。\n\n图为第%d篇文章说的码头。\n\n' $cp_i $cp_i $cp_i
			cp_i=$((cp_i + 1))
		done
	} >"$1"
}

# long_issue DIR: an issue of 12 pages, the first with 30 articles (a
# front page of ~90 rows), the others with 4 (a contents of ~86 rows);
# 02-5 is 180 lines at 80 columns.
long_issue() {
	mkdir -p "$1"
	for p in 01 02 03 04 05 06 07 08 09 10 11 12; do
		: >"$1/$p.md"
		na=4
		[ $p = 01 ] && na=30
		a=1
		while [ $a -le $na ]; do
			printf '## 第%s版第%02d篇 测试标题\n\n第%s版第%02d篇的正文，只有一段。\n\n' \
			    $p $a $p $a >>"$1/$p.md"
			a=$((a + 1))
		done
	done
	{
		printf '## 长文\n\n'
		i=1
		while [ $i -le 60 ]; do
			printf '第%03d段：这是一段用来测试翻页步长的正文，写得足够长，好占满终端的一整行还要多出一些字来。\n\n' $i
			i=$((i + 1))
		done
	} >>"$1/02.md"
}

# text_rows_are FILE: until the text rows are FILE; else diff FILE got.
# rows_are FROM TO FILE: the same for rows FROM..TO.
text_rows_are() {
	h=$(tm display-message -p -t t '#{pane_height}')
	rows_are 1 $((h - 2)) "$1"
}
rows_are() {
	tr_i=0
	while [ $tr_i -lt "$WAIT_TENTHS" ]; do
		rows "$1" "$2" >"$TMP/got"
		cmp -s "$3" "$TMP/got" && return 0
		sleep 0.1
		tr_i=$((tr_i + 1))
	done
	diff "$3" "$TMP/got"
	return 1
}

# expect_top FILE TOP: the text rows are lines TOP+1 .. TOP+ROWS of FILE
# (trailing blanks removed), until they are; ROWS: the text rows (22 at
# 80x24, the tab bar and the status line aside).
expect_top() {
	sed -n "$(($2 + 1)),$(($2 + ROWS))p" "$1" >"$TMP/want"
	et_n=$(wc -l <"$TMP/want")
	while [ "$et_n" -lt "$ROWS" ]; do
		echo >>"$TMP/want"
		et_n=$((et_n + 1))
	done
	text_rows_are "$TMP/want" && return 0
	echo "want rows $(($2 + 1))..$(($2 + ROWS)) of the whole text on top"
	return 1
}

