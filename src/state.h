/*
 * state.h: reading positions, bookmarks and the articles read (with the
 * issue's label, for a library's list), kept per issue in
 * $XDG_STATE_HOME/herald-tui/state, with how each terminal last answered
 * the width probe. The file has a magic header and a
 * checksum; it is written to a temp file in the same directory, fsynced and
 * renamed (0600 file, 0700 directory). A corrupt file is moved aside to
 * state.corrupt and the reader starts clean. Several readers share the
 * file: a save takes a lock (PATH.lock), re-reads the file and merges into
 * it only what this reader changed, the newer change of an item winning.
 * No curses.
 */
#ifndef HERALD_STATE_H
#define HERALD_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* A place in an issue: page number, article index on it, byte offset into
 * the article's text (so it survives a re-layout at another width). */
struct state_pos {
	int	page;
	int	article;	/* -1: the page itself (front page/contents) */
	size_t	offset;
	bool	gap;		/* the top line is the blank (or rule) after
				 * the text ending at offset */
};

#define STATE_MARKS 26	/* bookmarks a..z */

/* An issue's items as last read from or written to the file: what differs
 * from it now is this reader's change. */
/* An issue's bookmarks, made when its first is set or read: most issues
 * have none, and these are 832 bytes (a year's 365 issues held 580 KB of
 * them, and a save three times that). */
struct state_marks {
	struct state_pos	 pos[STATE_MARKS];
	uint64_t		 time[STATE_MARKS]; /* when each was last set
						     * or deleted */
};

struct state_snap {
	struct state_pos	 pos;
	int			 pane;
	unsigned		 marked;
	struct state_pos	*marks;		/* the marks' places, owned;
						 * NULL when none was set */
};

/* Articles read: STATE_READ values lo to hi, one page's. */
struct state_run {
	uint64_t		 lo, hi;
};

/*
 * Times are microseconds since the epoch (0: not known, an old file). The
 * caller changes pos, pane, a mark (state_mark) and marked directly, after
 * a state_get of the entry: the change is dated by that get.
 */
struct state_issue {
	char			*key;		/* the issue's absolute path */
	struct state_pos	 pos;
	int			 pane;		/* 0 front, 1 contents, 2 article */
	struct state_marks	*marks;		/* owned; NULL: none set or
						 * deleted (state_mark) */
	unsigned		 marked;	/* bit i: mark i is set */
	unsigned long		 used;		/* state_get's clock: bigger = more recent */
	uint64_t		 seen;		/* time of the last state_get (any reader) */
	uint64_t		 pos_time;	/* when pos and pane last changed */
	struct state_snap	 base;
	/* The articles read, as runs of STATE_READ(page, index) values,
	 * sorted, neither overlapping nor touching (a run is on one page):
	 * a reader only adds to them, so a save merges them as a union.
	 * At most STATE_MAX_RUNS runs; a reader going through a page in
	 * order makes one. */
	struct state_run	*read;
	size_t			 nread;		/* runs */
	/* As the issue was last opened: its label ("2026-11-27 山河科技报
	 * 第47期"; NULL: never) and how many articles it had. */
	char			*label;
	int			 articles;
};

#define STATE_READ(page, index) ((uint64_t)(page) << 32 | (uint32_t)(index))

/* Runs of articles read an issue keeps (a run: a page's articles i to j). */
#define STATE_MAX_RUNS 16384
/* The largest page number and article index kept (a page of a bound
 * volume read as one file may hold hundreds of thousands of stories). */
#define STATE_MAX_PAGE 100000
#define STATE_MAX_ARTICLE 10000000

/* How many articles of e are read. */
size_t state_count_read(const struct state_issue *e);

/* Mark article index of page read; true when it was not yet. */
bool state_mark_read(struct state_issue *e, int page, int index);
bool state_is_read(const struct state_issue *e, int page, int index);
/* Set the label and the article count (label is copied). */
void state_set_label(struct state_issue *e, const char *label, int articles);

/* How a terminal type ($TERM) draws East Asian Ambiguous characters, as
 * it last answered the width probe. */
struct state_term {
	char			*name;
	bool			 wide;
	bool			 changed;	/* answered since the last save */
};

struct state {
	char			*path;		/* file used, owned */
	struct state_issue	*v;
	size_t			 n;
	unsigned long		 clock;		/* last value given to an issue's used */
	struct state_term	*terms;		/* most recent first */
	size_t			 nterms;
	uint64_t		 last_time;	/* last time given out: they only grow */
	int			 lock_ms;	/* how long a save waits for the lock */
	char			*note;		/* what the last save has to tell, or
						 * NULL; the caller may take it */
	bool			 told_trim;	/* the size trim was told once */
	bool			 told_newer;	/* a newer version's file was told of
						 * (it is left alone, not saved) */
	/* The searches made at the / prompt, newest first (all readers'),
	 * at most STATE_MAX_SEARCHES; nours of them this reader's, not yet
	 * saved. */
	char			**searches;
	size_t			 nsearches, nours;
};

/* Searches kept, and the longest one (bytes). */
#define STATE_MAX_SEARCHES 50
#define STATE_MAX_SEARCH 1024

/* How long a save waits for another reader's lock (state_load's default;
 * the UI must not stall longer). */
#define STATE_LOCK_MS 100
/* ...and at the end, the screen gone: a reader saving at the same moment
 * takes milliseconds. */
#define STATE_LOCK_QUIT_MS 2000

/* Terminal types kept: the least recently answered are dropped. */
#define STATE_MAX_TERMS 16

/* Issues kept in the file: the least recently used are dropped on save. */
#define STATE_MAX_ISSUES 500
/* A bigger state file is taken as corrupt; a save drops the least recently
 * used issues to stay within it (and says so once in st->note). */
#define STATE_MAX_SIZE (1024 * 1024)
/* The longest issue key or terminal name, in bytes (before encoding). */
#define STATE_MAX_KEY 4096

/*
 * path NULL: the XDG default. Warnings (corrupt file moved aside…) go to warn.
 * st is initialised here (state_free it afterwards in any case). A missing
 * file is an empty state; a corrupt one (bad magic, version, checksum,
 * number, over STATE_MAX_SIZE, a symlink, not a regular file) is renamed
 * to PATH.corrupt (replacing an older one) and the state starts empty. A
 * file of a newer version is left alone: the state starts empty and no
 * save writes over it (each says so once). Stale temp files of dead
 * writers are removed. Returns 0, or -1 when no state path can be found
 * (no absolute XDG_STATE_HOME or HOME).
 */
int state_load(struct state *st, const char *path, struct buf *warn);
/*
 * The entry for key, created when missing (page 0, article -1, pane 0: no
 * position yet), and marked as the most recently used. The pointer is
 * valid until the next state_get, state_save or state_free.
 */
struct state_issue *state_get(struct state *st, const char *key);
/* e's mark m (0..STATE_MARKS-1), its marks made (none set) when it has
 * none yet: to set it (then marked's bit m), or to read one marked. */
struct state_pos *state_mark(struct state_issue *e, int m);
/* The entry for key if the state has one (not created, not marked as
 * used), or NULL. */
const struct state_issue *state_peek(const struct state *st, const char *key);
/* How terminal type name last answered the width probe: 1 wide, 0 narrow,
 * -1 not known. */
int state_term_wide(const struct state *st, const char *name);
/* Remember its answer (most recent first; the oldest of STATE_MAX_TERMS
 * goes). */
void state_term_set(struct state *st, const char *name, bool wide);
/*
 * A search made: the newest (an equal older one leaves its place); the one
 * list the / prompt's Up and Down walk. keep: written with the state, for
 * later sessions; else this session's only ([reader] save_position = no:
 * a session keeps all of its searches or none).
 */
void state_search_add(struct state *st, const char *s, bool keep);
/* $XDG_STATE_HOME/herald-tui/state (absolute only), else
 * ~/.local/state/herald-tui/state; NULL without a home. Caller frees. */
char *state_default_path(void);
/*
 * Merge into the file and write it atomically: under the lock (waiting at
 * most st->lock_ms), the file is read again; an item (an issue's position
 * and pane, each of its marks, a terminal's answer) this reader changed
 * since its load or last save replaces the file's unless the file's change
 * of it is newer; everything else in the file is kept. Afterwards st holds
 * what was written. Returns 0 (st->note may then say something), or -1
 * with *err naming the file (caller frees); st keeps its changes, for the
 * next save. A file of a newer version is not written over: 0, st keeps
 * its changes, and st->note says so the first time.
 */
int state_save(struct state *st, char **err);
/* CRC32 (IEEE 802.3) of p, as the file's last line ("sum %08x") has it. */
uint32_t state_crc32(const char *p, size_t len);
void state_free(struct state *st);

#endif
