/*
 * ui.c: the reader's frame. Starts and stops curses (newterm, colours, the
 * wcwidth self-test, the terminal restored on every way out), runs the key
 * loop (signals as flags, EOF and hang-up detection, resize, mouse, the
 * search prompt, bookmarks, the width probe's answer whenever it comes),
 * draws the tab bar and the status line and lets
 * the current pane draw the rest. It must not lay text out (typeset.h does)
 * and must never call curses from a signal handler.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <unigbrk.h>
#include <unistr.h>

#include "archive.h"
#include "convert.h"
#include "file.h"
#include "keys.h"
#include "pane.h"
#include "probe.h"
#include "state.h"
#include "text.h"
#include "ui.h"
#include "ui-int.h"
#include "width.h"
#include "xmalloc.h"

const struct pane_ops *const ui_panes[PANE_COUNT] = {
	&pane_front_ops,
	&pane_contents_ops,
	&pane_article_ops,
	&pane_help_ops,
	&pane_results_ops,
};

const char *const ui_tab_names[PANE_COUNT] = {
	"1 Front", "2 Contents", "3 Article", "? Help", "S Archive",
};

volatile sig_atomic_t ui_got_signal;
static SCREEN *screen;
static enum pane_id came_from = PANE_FRONT;	/* where q goes back to */
static enum pane_id before_help = PANE_FRONT;

static void
on_signal(int sig)
{
	ui_got_signal = sig;
}

/* The terminal restore for fatal(): leave curses before the message. */
static void
restore_terminal(void)
{
	if (screen != NULL && !isendwin())
		endwin();
}

void
ui_message(struct ui *u, bool error, const char *fmt, ...)
{
	va_list ap;
	char *raw;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	reader_message(&u->rd, error, "%s", raw);
	free(raw);
}


void
ui_resize_panes(struct ui *u)
{
	int i;

	u->h = u->bars ? LINES - 2 : LINES - 1;
	if (u->h < 1)
		u->h = 1;
	u->w = COLS > 1 ? COLS : 1;
	for (i = 0; i < PANE_COUNT; i++)
		ui_panes[i]->resize(u->data[i], u->h, u->w);
}

void
ui_switch(struct ui *u, enum pane_id id)
{
	if (id == u->pane)
		return;
	if (id == PANE_HELP)
		before_help = u->pane;
	else if (id == PANE_ARTICLE && u->pane != PANE_HELP)
		came_from = u->pane == PANE_ARTICLE ? came_from : u->pane;
	u->pane = id;
}

/* --- the session ---------------------------------------------------------- */

/* What the state file remembers as shown: the pane under the help. */
static enum reader_view
view_of(const struct ui *u)
{
	enum pane_id p = u->pane == PANE_HELP ? before_help : u->pane;

	return p == PANE_ARTICLE ? READER_VIEW_ARTICLE :
	    p == PANE_CONTENTS ? READER_VIEW_CONTENTS : READER_VIEW_FRONT;
}

void
ui_update(struct ui *u, enum pane_update what)
{
	int i;

	/* another issue, or more of its pages: the photos are found again
	 * (no pane's row points into them) */
	if (what == PANE_UPDATE_ISSUE || what == PANE_UPDATE_GROWN)
		pane_pics_clear(u->ctx.pics);
	for (i = 0; i < PANE_COUNT; i++)
		ui_panes[i]->update(u->data[i], what);
}

bool
ui_show(struct ui *u, enum reader_move m)
{
	switch (m) {
	case READER_NONE:
		return false;
	case READER_FRONT:
		ui_switch(u, PANE_FRONT);
		break;
	case READER_CONTENTS:
		ui_switch(u, PANE_CONTENTS);
		break;
	case READER_ARTICLE:
		ui_switch(u, PANE_ARTICLE);
		break;
	case READER_STAY:
		break;
	}
	return true;
}

/* Merge into the state file; false if it could not be saved (the changes
 * are kept for the next save). */
static bool
save_state(struct ui *u)
{
	char *err = NULL;
	bool ok = reader_save(&u->rd, view_of(u), &err);

	if (!ok) {
		if (!isendwin())
			ui_message(u, true, "cannot save the reading position: %s",
			    err ? err : "?");
		else
			fprintf(stderr, "herald-tui: cannot save the reading "
			    "position: %s\n", err ? err : "?");
		free(err);
	} else if (isendwin() && u->rd.st.note != NULL)
		fprintf(stderr, "herald-tui: %s\n", u->rd.st.note);
	return ok;
}

bool
ui_open_entry(struct ui *u, size_t i)
{
	if (!reader_open_entry(&u->rd, i, view_of(u)))
		return false;
	ui_update(u, PANE_UPDATE_ISSUE);
	ui_resize_panes(u);
	return true;
}

/* The calls in struct pane_ctx: host is the struct ui. */
static void
ctx_switch(void *host, enum pane_id id)
{
	ui_switch(host, id);
}

static bool
ctx_show(void *host, enum reader_move m)
{
	return ui_show(host, m);
}

static bool
ctx_open_entry(void *host, size_t i)
{
	return ui_open_entry(host, i);
}

static void
ctx_open_hit(void *host, const struct archive_hit *h, const char *needle)
{
	ui_open_hit(host, h, needle);
}


/* Where the reader was when / was pressed: each incremental search
 * starts from there, Esc returns there. */
struct search_from {
	struct reader_place	 place;
	size_t			 nhist;
	enum pane_id		 pane, came_from;
	bool			 have_match;
	struct reader_place	 match;
	size_t			 match_no, match_total;
	char			*needle;	/* the reader's, kept aside */
	char			 note[64];
};

static void
search_back(struct ui *u, struct search_from *f)
{
	u->rd.place = f->place;
	u->rd.nhist = f->nhist;
	u->rd.have_match = f->have_match;
	u->rd.match = f->match;
	u->rd.match_no = f->match_no;
	u->rd.match_total = f->match_total;
	u->rd.moves++;		/* the article pane shows the place again */
	u->pane = f->pane;
	came_from = f->came_from;
}

/*
 * A search that takes long (reader.h's search_tick): how far it is on the
 * status line; Esc or C-g stops it, a quit key too (then quits), and any
 * other key waits for after it. In the incsearch prompt nothing is drawn
 * over the prompt, and any key typed stops it: the needle is typed on.
 */
static bool
search_tick(void *ctx, size_t done, size_t total, bool counting)
{
	struct ui *u = ctx;
	int k = ui_peek_key(u);
	enum action a;

	if (u->search_prompt)
		return k == KEY_NONE_;
	if (k == KEYS_ESC || k == 0x07 /* C-g */) {
		(void)ui_next_key(u); /* it did its work */
		return false;
	}
	if (k >= 0 && ((a = keys_lookup(k)) == ACTION_QUIT ||
	    a == ACTION_QUIT_NOW))
		return false; /* the key loop quits at once */
	ui_message(u, false, "%s… %zu%% (Esc: stop)",
	    counting ? "Counting the matches" : "Searching",
	    total > 0 ? done * 100 / total : 0);
	u->search_msg = u->rd.msg_no;
	ui_draw(u);
	return true;
}

/* reader_search, with search_tick; its progress gone once it ends, and
 * what a stop left said (but in the prompt, whose note says it). */
static enum reader_move
ui_search(struct ui *u, int dir)
{
	enum reader_move m;

	u->search_msg = 0;
	m = reader_search(&u->rd, dir);
	if (u->search_msg != 0 && u->rd.msg_no == u->search_msg)
		reader_clear_message(&u->rd);
	u->search_msg = 0;
	if (u->rd.search_stopped && !u->search_prompt)
		ui_message(u, false, m == READER_NONE ? "Search stopped" :
		    "Stopped counting the matches");
	return m;
}

/* [reader] incsearch: the needle so far, searched from where / was
 * pressed; the note tells the match's number or that there is none. */
static const char *
search_typed(struct ui *u, const char *text, void *ctx)
{
	struct search_from *f = ctx;
	enum reader_move m;

	search_back(u, f);
	if (*text == '\0')
		return NULL;
	if (u->rd.needle != f->needle)
		free(u->rd.needle);
	u->rd.needle = xstrdup(text);
	u->search_prompt = true;
	m = ui_search(u, 0);
	u->search_prompt = false;
	if (m == READER_NONE) {
		reader_clear_message(&u->rd);
		/* stopped: a key typed on searches again at once */
		return u->rd.search_stopped ? NULL : "not found";
	}
	ui_show(u, m);
	reader_clear_message(&u->rd);
	if (u->rd.match_no == 0)
		return "found";	/* its count stopped */
	snprintf(f->note, sizeof f->note, "match %zu/%zu", u->rd.match_no,
	    u->rd.match_total);
	return f->note;
}

/* Keep s as the newest search for Up at the prompt, in the state's list
 * (for the sessions after too, with the positions, when they are kept). */
static void
remember_search(struct ui *u, const char *s)
{
	state_search_add(&u->rd.st, s,
	    u->rd.st_loaded && u->cfg->save_position);
}

static void
do_search(struct ui *u)
{
	struct search_from f = {
		u->rd.place, u->rd.nhist, u->pane, came_from,
		u->rd.have_match, u->rd.match, u->rd.match_no,
		u->rd.match_total, u->rd.needle, ""
	};
	struct ui_prompt_opts o = {
		u->rd.st.searches, u->rd.st.nsearches,
		u->cfg->incsearch ? search_typed : NULL, &f
	};
	char *s = ui_prompt_with(u, "/", "", &o);

	/* what the typing did is undone: the search below starts afresh */
	if (u->rd.needle != f.needle) {
		free(u->rd.needle);
		u->rd.needle = f.needle;
		search_back(u, &f);
	}

	if (s == NULL)
		return;
	if (*s == '\0') {
		free(s);
		if (u->rd.needle == NULL)
			return;
	} else {
		remember_search(u, s);
		free(u->rd.needle);
		u->rd.needle = s;
	}
	if (!ui_show(u, ui_search(u, 0)) && !u->rd.search_stopped)
		ui_message(u, true, "Not found: %s", u->rd.needle);
}

/* : (goto-page): page N, the count typed before the key or asked for. */
static void
do_goto_page(struct ui *u)
{
	unsigned long n = u->rd.count;
	char *s, *end;

	if (n == 0) {
		if ((s = ui_prompt(u, "Go to page: ")) == NULL)
			return;
		n = strtoul(s, &end, 10);
		while (*end == ' ')
			end++;
		if (*s == '\0' || end == s || *end != '\0' || n == 0 ||
		    n > INT_MAX) {
			char *safe = text_safe(s);

			if (*s != '\0')
				ui_message(u, true, "Not a page number: %s",
				    safe);
			free(safe);
			free(s);
			return;
		}
		free(s);
	}
	if (n > INT_MAX)
		n = INT_MAX;
	ui_show(u, reader_open_page(&u->rd, (int)n, true));
}

/* n and N, a count times (never more often than there are matches). */
static void
search_again(struct ui *u, int dir)
{
	unsigned long n = u->rd.count > 0 ? u->rd.count : 1, i;
	enum reader_move m, got = READER_NONE;

	for (i = 0; i < n; i++) {
		if ((m = ui_search(u, dir)) == READER_NONE)
			break;
		got = m;
		if (u->rd.search_stopped)
			break;
		if (i == 0 && u->rd.match_total > 0 && n > u->rd.match_total)
			n = u->rd.match_total;
	}
	if (!ui_show(u, got) && !u->rd.search_stopped)
		ui_message(u, true, "Not found: %s", u->rd.needle);
}

/*
 * A digit that starts or goes on with a count (5j, 12g): digits bound to
 * an action (1 2 3) start none, so 012g is line 12. True when k was taken.
 */
static bool
count_key(struct ui *u, int k)
{
	if (k == KEYS_ESC && u->counting) {
		u->counting = false;
		u->rd.count = 0;
		return true;
	}
	if (k < '0' || k > '9' ||
	    (!u->counting && keys_lookup(k) != ACTION_NONE))
		return false;
	u->counting = true;
	if (u->rd.count < 100000000UL)
		u->rd.count = u->rd.count * 10 + (unsigned long)(k - '0');
	ui_message(u, false, "count %lu", u->rd.count);
	return true;
}

/* Results of an archive search, at most this many. */
#define ARCHIVE_MAX_HITS 1000

/* The archive's search into the results pane. */
static void
archive_query(struct ui *u, const char *query, bool show)
{
	struct archive_hit *hits = NULL;
	char *err = NULL;
	long n = archive_search(u->ar, query, u->ar_rank ? ARCHIVE_RANK :
	    ARCHIVE_NEWEST, ARCHIVE_MAX_HITS,
	    u->w - 4 > 10 ? u->w - 4 : 10, &hits, &err);
	char *needle;

	if (n < 0) {
		ui_message(u, true, "%s", err);
		free(err);
		return;
	}
	needle = archive_needle(query);
	pane_results_set(u->data[PANE_RESULTS], query, needle, hits, (size_t)n,
	    u->ar_rank);
	free(needle);
	if (show)
		ui_switch(u, PANE_RESULTS);
}

/*
 * S: the library's archive index opened (and brought up to date while
 * idle, see idle_index), a query asked for, its stories shown.
 */
static void
do_archive_search(struct ui *u)
{
	char *s, *err = NULL;

	if (u->rd.lib == NULL || u->rd.lib->single) {
		ui_message(u, true, "The archive search is for a library (a "
		    "directory of issues); this is one issue: use /");
		return;
	}
	if (u->ar == NULL) {
		if ((u->ar = archive_open(u->rd.lib->path, &err)) == NULL) {
			ui_message(u, true, "%s", err);
			free(err);
			return;
		}
		u->ar_indexing = true;
	}
	if ((s = ui_prompt(u, "Archive: ")) == NULL)
		return;
	if (*s == '\0') {
		free(s);
		return;
	}
	archive_query(u, s, true);
	if (u->ar_indexing) {
		u->ar_requery = true;
		ui_message(u, false, "Indexing the archive: the results come "
		    "when it is done");
	}
	free(s);
}

/* A key is waiting. */
static bool
key_waiting(void)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

	return poll(&pfd, 1, 0) > 0;
}

/* HERALD_INDEX_PAUSE=MS, for tests: the wait after each issue the idle
 * index reports, 0 to 60000 ms (0 when unset or out of range), so that
 * a test sees its count go down however busy the machine. */
static unsigned
index_pause(void)
{
	static long ms = -1;

	if (ms < 0) {
		const char *v = getenv("HERALD_INDEX_PAUSE");
		char *end;
		unsigned long n;

		ms = 0;
		if (v != NULL && *v != '\0' &&
		    (n = strtoul(v, &end, 10)) <= 60000 && *end == '\0')
			ms = (long)n;
	}
	return (unsigned)ms;
}

/* archive_progress while idle: the count left in the status line; stop
 * at the first key. */
static int
idle_progress(size_t done, size_t total, const char *name, void *ctx)
{
	struct ui *u = ctx;
	unsigned ms = index_pause();

	(void)name;
	if (done < total) {
		/* the count shown ms a while (a signal ends the wait early:
		 * a key or a quit is answered) */
		struct timespec t = {(time_t)(ms / 1000),
		                     (long)(ms % 1000) * 1000000L};

		ui_message(u, false, "Indexing the archive: %zu of %zu issues "
		    "left", total - done, total);
		ui_draw(u);
		if (ms > 0)
			nanosleep(&t, NULL);
	}
	return key_waiting();
}

/*
 * The archive brought up to date while no key comes: archive_index stops
 * at a key (what it did stays) and starts over at the next pause, the
 * issues already indexed only checked.
 */
static void
idle_index(struct ui *u)
{
	struct archive_stats st;
	char *err = NULL, *warn = NULL;
	int r = archive_index(u->ar, u->rd.lib, u->o->load_flags & ~LOAD_LAZY,
	    idle_progress, u, &st, &warn, &err);

	if (r == 1)
		return;
	u->ar_indexing = false;
	if (r < 0) {
		ui_message(u, true, "%s", err);
		free(err);
		free(warn);
		return;
	}
	if (warn != NULL)
		ui_message(u, true, "%s", warn);
	else
		ui_message(u, false, "The archive is indexed: %zu issues",
		    archive_count(u->ar));
	free(warn);
	if (u->ar_requery) {
		char *q;

		u->ar_requery = false;
		q = pane_results_query(u->data[PANE_RESULTS]);
		if (q != NULL) {
			/* the results anew, shown only where the reader
			 * still is: a key pressed meanwhile went elsewhere */
			archive_query(u, q, u->pane == PANE_RESULTS);
			free(q);
		}
	}
}

void
ui_open_hit(struct ui *u, const struct archive_hit *h, const char *needle)
{
	struct library *lib = u->rd.lib;
	const struct article *a = NULL;
	size_t i;

	for (i = 0; i < lib->n; i++) {
		if (strcmp(lib->entries[i].name, h->issue) == 0)
			break;
	}
	if (i == lib->n || ((i != u->rd.entry || u->rd.is == NULL) &&
	    !ui_open_entry(u, i))) {
		if (i == lib->n) {
			char *s = text_safe(h->issue);

			ui_message(u, true, "%s is no longer in the library", s);
			free(s);
		}
		return;
	}
	if (u->rd.is->npending > 0 && reader_load_rest(&u->rd))
		ui_update(u, PANE_UPDATE_ISSUE);
	for (i = 0; i < u->rd.is->npages && a == NULL; i++) {
		const struct page *p = &u->rd.is->pages[i];

		if (p->number == h->page && h->article >= 0 &&
		    (size_t)h->article < p->narticles)
			a = page_article(p, h->article);
	}
	if (a == NULL) {
		ui_message(u, true, "The story is no longer there: the "
		    "archive index is out of date");
		return;
	}
	ui_show(u, reader_open(&u->rd, a, true));
	if (needle != NULL && *needle != '\0') {
		free(u->rd.needle);
		u->rd.needle = xstrdup(needle);
		ui_show(u, ui_search(u, 0));
	}
	u->hit_open = true;
}

static void
do_mark(struct ui *u, bool set)
{
	int k;

	ui_message(u, false, set ? "Mark: type a letter (a-z)" :
	    "Go to mark: type a letter (a-z)");
	ui_draw(u);
	/* A resize, or the width probe's answer, redraws the prompt. */
	while ((k = ui_next_key(u)) == KEY_RESIZE_) {
		ui_handle_resize(u);
		ui_draw(u);
	}
	free(u->rd.msg);
	u->rd.msg = NULL;
	if (k < 0)
		return;
	if (k < 'a' || k > 'z') {
		if (k != KEYS_ESC)
			ui_message(u, true, "Marks are the letters a to z");
		return;
	}
	if (set)
		reader_mark_set(&u->rd, k, view_of(u));
	else
		ui_show(u, reader_mark_go(&u->rd, k));
}

/* T: the text in the other script, the place kept (reader.c); the panes
 * lay the new text out. */
static void
do_script(struct ui *u)
{
	bool was = u->rd.converted;

	if (u->rd.conv == NULL) {
		/* The first T loads OpenCC and converts the issue: a
		 * noticeable moment on a big one, so say what is going on. */
		ui_message(u, false, "Converting to %s...",
		    convert_name(u->rd.script));
		ui_draw(u);
	}
	ui_show(u, reader_toggle_script(&u->rd));
	if (u->rd.converted != was)
		ui_update(u, PANE_UPDATE_TEXT);
}

/* What ui.press_row holds besides a row: no press seen, or a press that
 * did its click already (not in the article). */
#define PRESS_NONE (-1)
#define PRESS_DONE (-2)

static void mouse_click(struct ui *u, const MEVENT *e);

static void
do_mouse(struct ui *u)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < 3; i++)
			ui_panes[u->pane]->action(u->data[u->pane], ACTION_UP);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < 3; i++)
			ui_panes[u->pane]->action(u->data[u->pane], ACTION_DOWN);
		return;
	}
#endif
	if (ev.bstate & BUTTON1_PRESSED) {
		if (u->pane == PANE_ARTICLE && ev.y >= (u->bars ? 1 : 0) &&
		    ev.y < LINES - 1) {
			/* the article: the release tells a click from a
			 * drag over rows, which selects them (y copies) */
			u->press_row = ev.y - (u->bars ? 1 : 0);
			return;
		}
		u->press_row = PRESS_DONE;
		mouse_click(u, &ev);
		return;
	}
	if (ev.bstate & BUTTON1_RELEASED) {
		int y = ev.y - (u->bars ? 1 : 0), from = u->press_row;

		u->press_row = PRESS_NONE;
		if (from == PRESS_DONE)
			return;		/* the press did it */
		if (from >= 0 && u->pane == PANE_ARTICLE && y != from &&
		    y >= 0 && ev.y < LINES - 1)
			ui_select_rows(u, from, y);
		else
			/* a click (ncurses may fold a quick one into its
			 * release alone) */
			mouse_click(u, &ev);
		return;
	}
	if (ev.bstate & BUTTON1_CLICKED)
		mouse_click(u, &ev);
}

/* Button 1 at ev: a tab of the bar, or the pane's row under it. */
static void
mouse_click(struct ui *u, const MEVENT *e)
{
	MEVENT ev = *e;

	if (ev.y == 0 && u->bars) {
		/* The tab bar: which tab is under x. */
		int x = 0, i;

		for (i = 0; i <= PANE_HELP; i++) {
			int tw = width_str(ui_tab_names[i], strlen(ui_tab_names[i])) + 2;

			if (ev.x >= x && ev.x < x + tw) {
				ui_switch(u, (enum pane_id)i);
				return;
			}
			x += tw;
		}
		return;
	}
	if (ev.y >= (u->bars ? 1 : 0) && ev.y < LINES - 1)
		ui_panes[u->pane]->click(u->data[u->pane],
		    ev.y - (u->bars ? 1 : 0), ev.x);
}

/* Actions every pane shares; false when the pane should see it. Long on
 * purpose: a case per action of the key table, each a call or two. */
static bool
global_action(struct ui *u, enum action a)
{
	switch (a) {
	case ACTION_FRONT:
		ui_switch(u, PANE_FRONT);
		return true;
	case ACTION_CONTENTS:
		ui_switch(u, PANE_CONTENTS);
		return true;
	case ACTION_ARTICLE:
		if (u->rd.place.a == NULL) {
			ui_message(u, false, "No article open yet: choose one "
			    "on the front page or in the contents");
			return true;
		}
		ui_switch(u, PANE_ARTICLE);
		return true;
	case ACTION_NEXT_PANE:
	case ACTION_PREV_PANE: {
		/* the tabs: front, contents, article (not the results) */
		int step = a == ACTION_NEXT_PANE ? 1 : PANE_HELP - 1;
		enum pane_id next = u->pane == PANE_HELP ? before_help : u->pane;

		next = (enum pane_id)((next + step) % PANE_HELP);
		if (next == PANE_ARTICLE && u->rd.place.a == NULL)
			next = (enum pane_id)((next + step) % PANE_HELP);
		ui_switch(u, next);
		return true;
	}
	case ACTION_HELP:
		if (u->pane == PANE_HELP)
			u->pane = before_help;
		else
			ui_switch(u, PANE_HELP);
		return true;
	case ACTION_REDRAW:
		clearok(curscr, TRUE);
		return true;
	case ACTION_FULL_SCREEN: {
		char k[32];
		const char *z = keys_hint(ACTION_FULL_SCREEN, k, sizeof k);

		u->bars = !u->bars;
		ui_resize_panes(u);
		if (!u->bars)
			ui_message(u, false, "Full screen%s%s%s", z ? ": " : "",
			    z ? z : "", z ? " shows the bars again" : "");
		return true;
	}
	case ACTION_IMAGES: {
		char k[32];
		const char *i = keys_hint(ACTION_IMAGES, k, sizeof k);

		u->rd.images = !u->rd.images;
		/* the article and the front page draw them: laid out again
		 * there, the place kept */
		ui_panes[PANE_ARTICLE]->update(u->data[PANE_ARTICLE],
		    PANE_UPDATE_WIDTHS);
		ui_panes[PANE_FRONT]->update(u->data[PANE_FRONT],
		    PANE_UPDATE_WIDTHS);
		if (u->rd.images)
			ui_message(u, false, "Photos shown");
		else
			ui_message(u, false, "Photos hidden%s%s%s",
			    i ? ": " : "", i ? i : "",
			    i ? " shows them again" : "");
		return true;
	}
	case ACTION_QUIT_NOW:
		u->quit = true;
		return true;
	case ACTION_QUIT:
		switch (u->pane) {
		case PANE_FRONT:
			/* an issue of a library: back to the library's list */
			if (u->rd.lib != NULL && !u->rd.lib->single)
				ui_switch(u, PANE_CONTENTS);
			else
				u->quit = true;
			break;
		case PANE_CONTENTS:
			/* the library's list quits; an issue's contents go
			 * back to its front page */
			if (u->rd.lib != NULL && !u->rd.lib->single)
				u->quit = true;
			else
				u->pane = PANE_FRONT;
			break;
		case PANE_HELP:
			u->pane = before_help;
			break;
		case PANE_ARTICLE:
			u->pane = came_from == PANE_ARTICLE ? PANE_FRONT : came_from;
			break;
		default:
			u->pane = PANE_FRONT;
			break;
		}
		return true;
	case ACTION_SEARCH:
		do_search(u);
		return true;
	case ACTION_ARCHIVE_SEARCH:
		do_archive_search(u);
		return true;
	case ACTION_BACK:
		if (u->pane != PANE_ARTICLE || !u->hit_open)
			return false;
		u->hit_open = false;
		ui_switch(u, PANE_RESULTS);
		return true;
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
		if (u->rd.needle == NULL) {
			char k[32];
			const char *s = keys_hint(ACTION_SEARCH, k, sizeof k);

			ui_message(u, false, "No search yet: press %s first",
			    s != NULL ? s : "the search key");
			return true;
		}
		search_again(u, a == ACTION_SEARCH_NEXT ? 1 : -1);
		return true;
	case ACTION_GOTO_PAGE:
		do_goto_page(u);
		return true;
	case ACTION_NEXT_UNREAD: {
		bool other;
		enum reader_move m = reader_next_unread(&u->rd, view_of(u),
		    &other);

		if (other) {
			ui_update(u, PANE_UPDATE_ISSUE);
			ui_resize_panes(u);
		}
		ui_show(u, m);
		return true;
	}
	case ACTION_MARK:
	case ACTION_GOTO_MARK:
		do_mark(u, a == ACTION_MARK);
		return true;
	case ACTION_SWITCH_SCRIPT:
		do_script(u);
		return true;
	case ACTION_SAVE:
		ui_save(u);
		return true;
	case ACTION_PIPE:
		ui_pipe(u);
		return true;
	case ACTION_YANK:
		ui_yank(u);
		return true;
	case ACTION_OPEN_URL:
		if (u->pane == PANE_RESULTS) {
			/* the results: by rank, or newest first again */
			char *q = pane_results_query(u->data[PANE_RESULTS]);

			u->ar_rank = !u->ar_rank;
			if (q != NULL)
				archive_query(u, q, true);
			free(q);
			return true;
		}
		ui_open_url(u);
		return true;
	default:
		return false;
	}
}

static void
dispatch(struct ui *u, enum action a)
{
	if (global_action(u, a))
		return;
	if (ui_panes[u->pane]->action(u->data[u->pane], a))
		return;
	/* Article moves from the other panes open the article pane. */
	switch (a) {
	case ACTION_NEXT_ARTICLE:
	case ACTION_PREV_ARTICLE:
	case ACTION_NEXT_PAGE:
	case ACTION_PREV_PAGE:
	case ACTION_CONTINUE:
	case ACTION_BACK:
	case ACTION_WHOLE_PAGE:
		if (a == ACTION_BACK) {
			/* Nothing left in the history: back to the list. */
			if (u->pane != PANE_FRONT)
				global_action(u, ACTION_QUIT);
			return;
		}
		if (u->rd.place.a == NULL) {
			/* Nothing read yet: the first article (v: on its
			 * page, the front page, as a whole). */
			ui_show(u, reader_step(&u->rd, a == ACTION_WHOLE_PAGE ?
			    ACTION_NEXT_ARTICLE : a));
			if (a != ACTION_WHOLE_PAGE || u->rd.place.a == NULL)
				return;
		}
		ui_switch(u, PANE_ARTICLE);
		ui_panes[PANE_ARTICLE]->action(u->data[PANE_ARTICLE], a);
		return;
	default:
		return;
	}
}

/* wcwidth() of ncurses must be ours: check on a pad that “ advances as
 * width_cp says. Returns false (and warns) when the interposition failed. */
static bool
self_test(struct ui *u)
{
	WINDOW *p = newpad(1, 8);
	int x;

	if (p == NULL)
		return true;
	waddstr(p, "\xe2\x80\x9c");
	x = getcurx(p);
	delwin(p);
	if (x == width_cp(0x201c))
		return true;
	ui_message(u, true, "wcwidth interposition failed: curses counts “ "
	    "as %d column(s), the layout %d; lines with “ ” — may tear "
	    "(try --ambiguous=narrow)", x, width_cp(0x201c));
	return false;
}

static void
set_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocked read returns EINTR at once. */
	sigaction(SIGTERM, &sa, NULL);
	/* Under nohup a hang-up stays ignored: EOF on the tty ends us then. */
	for (int i = 0; i < 2; i++) {
		int sig = i == 0 ? SIGHUP : SIGINT;
		struct sigaction old;

		if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sig, &sa, NULL);
	}
}

/* Curses on the terminal, set up for reading; false (and a message) when
 * the terminal cannot be used. */
static bool
start_curses(void)
{
	const char *term = getenv("TERM");

	/* LINES/COLUMNS in the environment would freeze the size. */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	set_signals();
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		char *safe = text_safe(term ? term : "");

		fprintf(stderr, "herald-tui: unknown terminal type '%s'\n", safe);
		free(safe);
		return false;
	}
	xmalloc_set_restore(restore_terminal);
	{
		const char *cup = tigetstr("cup");

		if (cup == NULL || cup == (char *)-1) {
			char *safe = text_safe(term ? term : "");

			endwin();
			delscreen(screen);
			screen = NULL;
			fprintf(stderr, "herald-tui: terminal '%s' cannot move "
			    "the cursor (use --dump to print)\n", safe);
			free(safe);
			return false;
		}
	}
	/* ncurses (6.4 and later snapshots) flushes at every cursor move
	 * until the screen has been through endwin() and back: a write(2)
	 * a row, over SSH a packet a row. One round trip through endwin
	 * before anything is drawn makes each update a single write. */
	endwin();
	doupdate();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	curs_set(0);
	/* The cursor is hidden: do not move it back to where the last
	 * waddch left it after every update (8 bytes a key). */
	leaveok(stdscr, TRUE);
	set_escdelay(25);
	wtimeout(stdscr, UI_KEY_WAIT_MS);
	/* Let doupdate scroll the terminal instead of repainting rows. */
	idlok(stdscr, TRUE);
	/* Home and End as other terminals send them (tmux and screen under
	 * TERM=xterm*, the rxvt and VT220 forms): a common mismatch. */
	define_key("\033[1~", KEY_HOME);
	define_key("\033[7~", KEY_HOME);
	define_key("\033[H", KEY_HOME);
	define_key("\033OH", KEY_HOME);
	define_key("\033[4~", KEY_END);
	define_key("\033[8~", KEY_END);
	define_key("\033[F", KEY_END);
	define_key("\033OF", KEY_END);
	scrollok(stdscr, FALSE);
	return true;
}

/*
 * Everything before the first key: the session and its issue, curses,
 * colours, the mouse, the state file, the width probe, the panes and the
 * first place. Returns -1, or the exit status when the reader cannot run.
 */
static int
ui_open(struct ui *u, const struct ui_opts *o)
{
	struct buf warn = { 0 };
	size_t pending;
	int i;

	memset(u, 0, sizeof *u);
	u->o = o;
	u->cfg = o->cfg;
	u->bars = o->cfg->bars;
	u->press_row = PRESS_NONE;
	if (!isatty(STDIN_FILENO)) {
		fputs("herald-tui: standard input is not a terminal "
		    "(use --dump to print)\n", stderr);
		return 1;
	}
	reader_init(&u->rd, o->cfg, o->lib, o->entry, o->load_flags);
	reader_set_script(&u->rd, o->conv, (enum convert_script)o->script);
	u->rd.search_tick = search_tick;
	u->rd.search_tick_ctx = u;
	{
		char *err = NULL;

		if (!reader_open_issue(&u->rd, &err)) {
			fprintf(stderr, "herald-tui: %s\n",
			    err ? err : "cannot open the issue");
			free(err);
			reader_free(&u->rd);
			return 1;
		}
	}
	if (!start_curses())
		return 1;
	ui_colors_setup(u);
	if (u->cfg->mouse) {
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
	}

	reader_load_state(&u->rd, o->state_path, &warn);
	if (u->cfg->ambiguous == WIDTH_AUTO) {
		/* Until the terminal answers: what it answered last time. */
		int last = u->rd.st_loaded ?
		    state_term_wide(&u->rd.st, getenv("TERM")) : -1;

		width_set_ambiguous(last == 1 ? WIDTH_WIDE : WIDTH_NARROW);
		ui_probe_send(u);
	} else
		width_set_ambiguous(u->cfg->ambiguous);
	u->ctx = (struct pane_ctx){
		.rd = &u->rd, .cfg = u->cfg, .attr = u->attr, .host = u,
		.pics = pane_pics_new(),
		.switch_to = ctx_switch, .show = ctx_show,
		.open_entry = ctx_open_entry, .open_hit = ctx_open_hit,
	};
	for (i = 0; i < PANE_COUNT; i++)
		u->data[i] = ui_panes[i]->init(&u->ctx);
	ui_resize_panes(u);
	u->pane = PANE_FRONT;
	pending = u->rd.is != NULL ? u->rd.is->npending : 0;
	ui_show(u, reader_start(&u->rd, o->page, o->article));
	if (pending > 0 && u->rd.is->npending == 0) {
		/* reader_start parsed the other pages: their links resolve */
		ui_update(u, PANE_UPDATE_ISSUE);
	}
	if (warn.len > 0) {
		char *nl = strchr(warn.s, '\n');

		if (nl != NULL)
			*nl = '\0';
		ui_message(u, true, "%s", warn.s);
	}
	buf_free(&warn);
	self_test(u);
	if (u->rd.is == NULL)
		u->pane = PANE_CONTENTS;
	if (u->pane == PANE_CONTENTS && u->rd.lib != NULL && !u->rd.lib->single) {
		/* A library's contents are its issues: sorted and checked
		 * before they are shown (otherwise after the first screen). */
		u->lib_checked = true;
		u->rd.entry = library_check(u->rd.lib, u->rd.entry);
		ui_panes[PANE_CONTENTS]->update(u->data[PANE_CONTENTS],
		    PANE_UPDATE_ISSUE);
	}

	return -1;
}

/*
 * While a big file's rest is read (reader_load_start), the keys that stay
 * in what its first part holds are answered at once: scrolling, the front
 * page's stories, help, quitting. The others (another page, the contents,
 * a search, a jump) wait for the whole issue, with a word on the status
 * line meanwhile.
 */
static bool
needs_whole(const struct ui *u, enum action a)
{
	switch (a) {
	case ACTION_DOWN:
	case ACTION_UP:
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
	case ACTION_TOP:
	case ACTION_SCROLL_LEFT:
	case ACTION_SCROLL_RIGHT:
	case ACTION_BACK:
	case ACTION_FRONT:
	case ACTION_ARTICLE:
	case ACTION_HELP:
	case ACTION_REDRAW:
	case ACTION_QUIT:
	case ACTION_QUIT_NOW:
	case ACTION_FULL_SCREEN:
	case ACTION_IMAGES:
		return false;
	case ACTION_OPEN:	/* a story of the front page; not a jump */
		return u->pane != PANE_FRONT;
	default:
		return true;
	}
}

/* How often a wait for the rest says how far the read is (ms). */
#define WAIT_TICK_MS 250

/*
 * A key that needs the whole issue waits here for the rest of a big
 * file, the status line saying how far its read is. The first key typed
 * meanwhile decides: Esc or C-g stops waiting (the read goes on; the key
 * that waited is dropped), a quit is given back to quit at once, and any
 * other is given back for after the wait, which then goes on to its end
 * (keys typed ahead keep their order). Before, the wait took no key: on
 * a 1 GB file, or a slow disk, q did nothing for seconds. True when the
 * whole issue is in.
 */
static bool
wait_whole(struct ui *u)
{
	bool typed = false;
	int k, pc;

	if (!reader_loading(&u->rd))
		return true;
	reader_restore_drop(&u->rd);
	while (!typed && !load_job_done(u->rd.job)) {
		enum action a;

		if ((pc = load_job_percent(u->rd.job)) >= 0)
			ui_message(u, false, "Reading the rest of the issue… "
			    "%d%% (Esc: stop waiting)", pc);
		else
			ui_message(u, false, "Reading the rest of the issue… "
			    "(Esc: stop waiting)");
		ui_draw(u);
		k = ui_next_key_within(u, WAIT_TICK_MS);
		if (k == KEY_LOADED_ || k == KEY_TICK_)
			continue;
		if (k == KEY_RESIZE_) {
			ui_handle_resize(u);
			continue;
		}
		if (k == KEY_SIGNAL_ || k == KEY_EOF_) {
			/* the key loop sees them again and ends */
			reader_clear_message(&u->rd);
			return false;
		}
		if (k == KEYS_ESC || k == 0x07 /* C-g */) {
			ui_message(u, false, "Stopped waiting: the rest is "
			    "still being read");
			return false;
		}
		ui_keep_key(u, k);
		a = k == KEY_MOUSE_ ? ACTION_NONE : keys_lookup(k);
		if (a == ACTION_QUIT || a == ACTION_QUIT_NOW) {
			reader_clear_message(&u->rd);
			return false;
		}
		typed = true;
	}
	ui_message(u, false, "Reading the rest of the issue…");
	ui_draw(u);
	reader_clear_message(&u->rd);
	if (reader_load_rest(&u->rd))
		ui_update(u, PANE_UPDATE_GROWN);
	return true;
}

/* The key loop, until a quit, EOF or a signal; returns the status. */
static int
ui_loop(struct ui *u)
{
	int status = 0;

	while (!u->quit) {
		int k;

		ui_draw(u);
		if (pane_pics_undefer(u->ctx.pics)) {
			/* the first screen is out: now its photos */
			continue;
		}
		if (u->rd.is != NULL && u->rd.is->npending > 0 &&
		    !reader_loading(&u->rd)) {
			/* The first screen is up: now the pages a LOAD_LAZY
			 * open left pending (main.c opens lazily so that it
			 * needs only the first page); a big file's rest in a
			 * thread, keys answered meanwhile. The front page and
			 * contents rows are built again: their links resolve. */
			if (reader_load_start(&u->rd)) {
				ui_update(u, PANE_UPDATE_ISSUE);
				ui_show(u, reader_restore(&u->rd));
			}
			continue;
		}
		if (!u->lib_checked) {
			/* ...and the library's other issues (LOAD_LAZY
			 * listed them by name only). */
			u->lib_checked = true;
			if (u->rd.lib != NULL && !u->rd.lib->single) {
				u->rd.entry = library_check(u->rd.lib, u->rd.entry);
				ui_panes[PANE_CONTENTS]->update(u->data[PANE_CONTENTS],
		    PANE_UPDATE_ISSUE);
				continue;
			}
		}
		if (u->ar_indexing && !key_waiting()) {
			/* a pause in keys: the archive index */
			idle_index(u);
			continue;
		}
		k = ui_next_key_timed(u);
		if (k == KEY_LOADED_) {
			if (reader_load_poll(&u->rd)) {
				ui_update(u, PANE_UPDATE_GROWN);
				ui_show(u, reader_restore(&u->rd));
			}
			continue;
		}
		if (k == KEY_TICK_) {
			/* full screen: the message gives the line back */
			reader_clear_message(&u->rd);
			continue;
		}
		if (k != KEY_RESIZE_ && u->rd.msg != NULL) {
			free(u->rd.msg);
			u->rd.msg = NULL;
		}
		if (k == KEY_SIGNAL_) {
			status = 128 + (int)ui_got_signal;
			break;
		}
		if (k == KEY_EOF_)
			break;
		if (k == KEY_RESIZE_) {
			ui_handle_resize(u);
			pane_pics_redraw(u->ctx.pics);
			continue;
		}
		if (k == KEY_MOUSE_) {
			if (wait_whole(u))
				do_mouse(u);
			continue;
		}
		if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
			/* Only quitting makes sense on the notice. */
			enum action a = keys_lookup(k);

			if (a == ACTION_QUIT || a == ACTION_QUIT_NOW)
				u->quit = true;
			continue;
		}
		if (count_key(u, k))
			continue;
		{
			enum action a = keys_lookup(k);

			u->counting = false;
			if (a == ACTION_NONE) {
				u->rd.count = 0;
				char name[32], hk[32];
				const char *h = keys_hint(ACTION_HELP, hk,
				    sizeof hk);

				ui_message(u, false, "Key %s is not bound%s%s%s",
				    keys_name(k, name, sizeof name),
				    h ? " (" : "", h ? h : "", h ? " for help)" :
				    "");
				continue;
			}
			if (!needs_whole(u, a) || wait_whole(u))
				dispatch(u, a);
			u->rd.count = 0;
		}
	}

	return status;
}

/* Curses off, the place saved, everything freed; returns the status. */
static int
ui_close(struct ui *u, int status)
{
	int i;

	if (u->quit)
		ui_probe_drain(u);
	xmalloc_set_restore(NULL);
	if (u->cfg->mouse)
		mousemask(0, NULL);
	curs_set(1);
	pane_pics_quit(u->ctx.pics);	/* kitty's images, a layer of their own */
	endwin();
	/* After endwin, so a failure can be told on stderr; the screen is
	 * gone, so the save may wait longer for another reader's lock. */
	u->rd.st.lock_ms = STATE_LOCK_QUIT_MS;
	if (!save_state(u) && status == 0)
		status = 1;
	delscreen(screen);
	screen = NULL;
	for (i = 0; i < PANE_COUNT; i++)
		ui_panes[i]->free(u->data[i]);
	pane_pics_free(u->ctx.pics);
	archive_close(u->ar);
	reader_free(&u->rd);
	return status;
}

int
ui_run(const struct ui_opts *o)
{
	struct ui u;
	int status = ui_open(&u, o);

	if (status >= 0)
		return status;
	return ui_close(&u, ui_loop(&u));
}
