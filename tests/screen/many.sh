#!/bin/sh
# many.sh: a page of thousands of stories (a whole file without page
# headings), as the front page and the contents list it: the front page
# gives the first 100 others a line of text and lists the rest, and the
# briefs, by headline alone; the contents has a row for every story, its
# jump at the right. Those rows are made when they are shown, not held
# (pane_list_add_span): each opens its own story, the selection follows
# the reader onto them, and a reader showing both panes holds at most 200
# bytes a story (256 when each pane held a row of 40 bytes a story), 82
# at 80,000 stories.
. "${top_srcdir:?}/tests/screen/lib.sh"

# page N: N stories; every third a brief (本报讯), every seventh of the
# others continued on page 2..6.
page() {
	awk -v n="$1" 'BEGIN {
		printf "# 测试日报\n\nTEST DAILY\n\n"
		for (i = 1; i <= n; i++) {
			if (i % 3 == 0) {
				printf "## 简讯第%d条\n\n本报讯 简讯第%d条的正文。\n\n", i, i
				continue
			}
			printf "## 第%d篇报道\n\n这是第%d篇报道的正文。\n\n", i, i
			if (i % 7 == 1)
				printf "▼▼下转第%d版\n\n", 2 + i % 5
		}
	}'
}
page 24000 >"$TMP/many.md"
page 1 >"$TMP/one.md"

# Read in parts of 16 KiB, as a file over 512 KiB is: its stories are
# kept in the file (shelf.h), their headlines in memory.
start -e HERALD_STREAM=16384 "$TMP/many.md"
ok "a page of 24,000 stories: every one read" wait_for "24000 articles"
# The thread that read it allocated in the reader's arena (main.c,
# M_ARENA_MAX), not in one of its own, which would keep what it freed
# from the stories the reader opens after (0.46 MB of the bench's 100 MB
# page). glibc reserves a thread's arena 64 MB, all but its first pages
# left ---p: none such. (A sanitizer's allocator is not glibc's, and its
# shadow memory is reserved so too.)
if grep -q -a __asan_init "$HERALD" 2>/dev/null; then
	skip "the reading thread kept no arena of its own" \
	    "sanitizer build: its allocator is not glibc's"
else
	ok "the reading thread kept no arena of its own" sh -c '
		while read -r range perms off dev inode name; do
			lo=${range%-*} hi=${range#*-}
			[ -z "$name" ] && [ "$perms" = ---p ] &&
			    [ $(( (0x$hi - 0x$lo) >> 20 )) -ge 32 ] && {
				echo "an arena of its own: $range"; exit 1; }
		done <"/proc/$1/maps"; exit 0' sh "$(cat "$TMP/reader.$SOCK.pid")"
fi
# The lead, then 100 others with a line of text (the 101st is story 151:
# two of every three are not briefs), then the others by headline.
keys 0 1 0 3 j
ok "past the first 100, the others by headline alone" wait_for "· 第155篇报道"
ok "... in order, after the 100th's line of text" sh -c '
	printf "%s\n" "$1" | grep -q "· 第152篇报道" &&
	printf "%s\n" "$1" | grep -q "· 第154篇报道" &&
	! printf "%s\n" "$1" | grep -q "这是第152篇报道的正文" || {
		printf "%s\n" "$1"; exit 1; }' - "$(screen)"
keys Enter
ok "0103j Enter opens the 104th story listed: 第155篇报道" \
    wait_for "这是第155篇报道的正文"
keys 2
ok "the contents: the story read, its jump at the right" eventually sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t |
	    grep "第155篇报道" | grep -q "→02版"' sh "$SOCK"
ok "... selected" eventually sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -e -p -t t |
	    grep "第155篇报道" | grep -q "^.\[7m"' sh "$SOCK"
keys j Enter
ok "... j Enter opens the story under it" wait_for "简讯第156条的正文"
keys 1 G
ok "the front page's foot under the last brief (rows held after made)" \
    eventually sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t |
	    grep -A 2 "· 简讯第24000条" | grep -q "TEST DAILY"' sh "$SOCK"
keys Enter
ok "the front page's last row: the last brief" wait_for "简讯第24000条的正文"
keys 1 G k k Enter
ok "... two briefs up from it" wait_for "简讯第23994条的正文"
keys 2 G
ok "the contents' last row: the last story" eventually sh -c '
	tmux -u -L "$1" -f /dev/null capture-pane -p -t t |
	    grep -q "^  简讯第24000条"' sh "$SOCK"
keys Q
wait_exit >/dev/null

panes_cost "both panes shown hold at most 200 bytes a story" 200 24000 \
    "$TMP/one.md" 1 "$TMP/many.md" 24000
# The front page lists a page's stories past the first 100 and its briefs
# by a set of them (a bit a story), not by an index (4 bytes a story): at
# 80,000 stories 80 bytes a story in all, 85 with the indices (their
# arrays mapped anew, not in memory the read had freed, as at 24,000).
page 80000 >"$TMP/more.md"
panes_cost "80,000 stories: at most 82 bytes a story" 82 80000 \
    "$TMP/one.md" 1 "$TMP/more.md" 80000

done_testing
