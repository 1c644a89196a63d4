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

#include "file.h"
#include "keys.h"
#include "pane.h"
#include "probe.h"
#include "state.h"
#include "text.h"
#include "ui.h"
#include "width.h"
#include "xmalloc.h"

/* Smaller than this, only a one-line notice. */
#define UI_MIN_COLS 20
#define UI_MIN_LINES 6

static const struct pane_ops *const panes[PANE_COUNT] = {
	&pane_front_ops,
	&pane_contents_ops,
	&pane_article_ops,
	&pane_help_ops,
};

static const char *const tab_names[PANE_COUNT] = {
	"1 Front", "2 Contents", "3 Article", "? Help",
};

static volatile sig_atomic_t got_signal;
static SCREEN *screen;
static enum pane_id came_from = PANE_FRONT;	/* where q goes back to */
static enum pane_id before_help = PANE_FRONT;

static void
on_signal(int sig)
{
	got_signal = sig;
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

/*
 * Text in wide characters: waddnstr would decode the UTF-8 again, a byte
 * at a time through mbrtowc, which made it the costliest part of the
 * first screen. The text is sanitised on load: no control characters.
 */
static void
put_wide(WINDOW *win, int y, int x, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	wchar_t small[256], *w = small;
	size_t i = 0, k = 0;

	if (n >= sizeof small / sizeof *small)
		w = xreallocarray(NULL, n + 1, sizeof *w);
	while (i < n) {
		ucs4_t c;

		i += (size_t)u8_mbtouc(&c, u + i, n - i);
		w[k++] = (wchar_t)c;
	}
	w[k] = L'\0';
	mvwaddnwstr(win, y, x, w, (int)k);
	if (w != small)
		free(w);
}

int
ui_put(WINDOW *win, int y, int x, int xmax, const char *text, size_t len,
    attr_t a)
{
	int used = 0;
	size_t n;

	if (x >= xmax || len == 0)
		return x;
	n = width_fit(text, len, xmax - x, &used);
	if (n == 0)
		return x;
	wattrset(win, a);
	put_wide(win, y, x, text, n);
	wattrset(win, A_NORMAL);
	return x + used;
}

int
ui_puts(WINDOW *win, int y, int x, int xmax, const char *s, attr_t a)
{
	return ui_put(win, y, x, xmax, s, strlen(s), a);
}

int
ui_put_cut(WINDOW *win, int y, int x, int xmax, const char *text,
    size_t len, bool more, attr_t a)
{
	int ew = width_cp(0x2026), used = 0;
	size_t n;

	if (x >= xmax)
		return x;
	n = width_fit(text, len, xmax - x, &used);
	if (n == len && !more)
		return ui_put(win, y, x, xmax, text, len, a);
	if (xmax - x < ew)
		return x;
	n = width_fit(text, len, xmax - x - ew, &used);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	x = ui_put(win, y, x, xmax, text, n, a);
	return ui_put(win, y, x, xmax, "\xe2\x80\xa6", 3, a);
}

int
ui_puts_cut(WINDOW *win, int y, int x, int xmax, const char *s, attr_t a)
{
	return ui_put_cut(win, y, x, xmax, s, strlen(s), false, a);
}

attr_t
ui_style_attr(const struct ui *u, enum ts_style s)
{
	switch (s) {
	case TS_TITLE:
	case TS_TITLE_EN:
		return u->attr[UI_TITLE];
	case TS_PAGE:
	case TS_HEADLINE:
	case TS_CONTENTS_HEAD:
		return u->attr[UI_HEADLINE];
	case TS_SUBHEAD:
		return u->attr[UI_SUBHEAD];
	case TS_BYLINE:
		return u->attr[UI_BYLINE];
	case TS_SIGNATURE:
		return u->attr[UI_CREDIT];
	case TS_JUMP:
		return u->attr[UI_LINK];
	case TS_CONTENTS:
		return u->attr[UI_CONTENTS];
	case TS_CAPTION:
		return u->attr[UI_CAPTION];
	case TS_CREDIT:
		return u->attr[UI_CREDIT];
	case TS_FURNITURE:
	case TS_PUBLINE:
		return u->attr[UI_DIM];
	case TS_RULE:
		return u->attr[UI_RULE];
	default:
		return u->attr[UI_NORMAL];
	}
}

/* --- colours ------------------------------------------------------------ */

struct elem_default {
	short	fg, bg;
	attr_t	attr;		/* with colours */
	attr_t	mono;		/* without */
	int	config;		/* the [colors] key (config.h), or -1 */
};

static const struct elem_default elem_defaults[UI_ELEM_COUNT] = {
	[UI_NORMAL] = { -1, -1, A_NORMAL, A_NORMAL, CONFIG_COLOR_BODY },
	[UI_BAR] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE,
	    CONFIG_COLOR_STATUS },
	[UI_BAR_ACTIVE] = { COLOR_YELLOW, COLOR_BLUE, A_BOLD, A_BOLD, -1 },
	[UI_STATUS] = { COLOR_WHITE, COLOR_BLUE, A_NORMAL, A_REVERSE,
	    CONFIG_COLOR_STATUS },
	[UI_TITLE] = { COLOR_RED, -1, A_BOLD, A_BOLD, CONFIG_COLOR_TITLE },
	[UI_HEADLINE] = { -1, -1, A_BOLD, A_BOLD, CONFIG_COLOR_HEADLINE },
	[UI_SUBHEAD] = { COLOR_CYAN, -1, A_BOLD, A_BOLD, CONFIG_COLOR_SUBHEAD },
	[UI_BYLINE] = { COLOR_GREEN, -1, A_NORMAL, A_NORMAL,
	    CONFIG_COLOR_BYLINE },
	[UI_LINK] = { COLOR_BLUE, -1, A_UNDERLINE, A_UNDERLINE,
	    CONFIG_COLOR_JUMP },
	[UI_CAPTION] = { COLOR_MAGENTA, -1, A_NORMAL, A_DIM,
	    CONFIG_COLOR_CAPTION },
	[UI_CREDIT] = { -1, -1, A_DIM, A_DIM, CONFIG_COLOR_CREDIT },
	[UI_CONTENTS] = { COLOR_BLUE, -1, A_NORMAL, A_UNDERLINE,
	    CONFIG_COLOR_CONTENTS },
	[UI_DIM] = { -1, -1, A_DIM, A_DIM, -1 },
	[UI_RULE] = { COLOR_RED, -1, A_NORMAL, A_NORMAL, -1 },
	[UI_SELECT] = { -1, -1, A_REVERSE, A_REVERSE, CONFIG_COLOR_SELECTION },
	[UI_MATCH] = { COLOR_BLACK, COLOR_YELLOW, A_NORMAL,
	    A_STANDOUT | A_UNDERLINE, CONFIG_COLOR_SEARCH },
	[UI_ERROR] = { COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD, -1 },
};

/* A [colors] spec replaces the element's default colours and attributes. */
static void
apply_spec(const char *spec, struct elem_default *d)
{
	struct config_color c;

	if (spec == NULL || config_color_parse(spec, &c) != 0)
		return;
	d->fg = (short)c.fg;
	d->bg = (short)c.bg;
	d->attr = A_NORMAL;
	if (c.attr & CONFIG_ATTR_BOLD)
		d->attr |= A_BOLD;
	if (c.attr & CONFIG_ATTR_UNDERLINE)
		d->attr |= A_UNDERLINE;
	if (c.attr & CONFIG_ATTR_REVERSE)
		d->attr |= A_REVERSE;
	if (d->attr != A_NORMAL)
		d->mono = d->attr;
}

static void
setup_colors(struct ui *u)
{
	bool color = !u->cfg->no_color && has_colors();
	int i;

	if (color) {
		start_color();
		use_default_colors();
	}
	for (i = 0; i < UI_ELEM_COUNT; i++) {
		struct elem_default d = elem_defaults[i];

		if (d.config >= 0 && d.config < CONFIG_COLOR_COUNT)
			apply_spec(u->cfg->colors[d.config], &d);
		if (!color || (d.fg >= COLORS || d.bg >= COLORS)) {
			u->attr[i] = d.mono;
			continue;
		}
		if (d.fg == -1 && d.bg == -1) {
			u->attr[i] = d.attr;
			continue;
		}
		init_pair((short)(i + 1), d.fg, d.bg);
		u->attr[i] = d.attr | COLOR_PAIR(i + 1);
	}
}

/* --- frame ---------------------------------------------------------------- */

static void
draw_bar(struct ui *u, int w)
{
	int x = 0, i;

	wattrset(stdscr, u->attr[UI_BAR]);
	wmove(stdscr, 0, 0);
	for (i = 0; i < w; i++)
		waddch(stdscr, ' ');
	for (i = 0; i < PANE_COUNT && x < w; i++) {
		attr_t a = (enum pane_id)i == u->pane ? u->attr[UI_BAR_ACTIVE] :
		    u->attr[UI_BAR];

		const char *t = tab_names[i];
		int tw = width_str(t, strlen(t));
		/* tabs that would not show: this one ends with … */
		bool more = i + 1 < PANE_COUNT && x + tw + 3 >= w;

		x = ui_puts(stdscr, 0, x, w, " ", u->attr[UI_BAR]);
		x = ui_put_cut(stdscr, 0, x, more ? w - 1 : w, t, strlen(t),
		    more, a);
		if (more)
			break;
		x = ui_puts(stdscr, 0, x, w, " ", u->attr[UI_BAR]);
	}
	if (u->rd.is != NULL && u->rd.is->title != NULL) {
		const char *t = u->rd.is->title;
		int tw = width_str(t, strlen(t));

		if (x + 2 + tw < w)
			ui_puts(stdscr, 0, w - tw - 1, w, t, u->attr[UI_BAR]);
	}
}

/* Bytes of the longest run of whole " │ "-separated fields at the start
 * of s (NUL-terminated) that fits in cols columns; 0: not the first. */
static size_t
fit_fields(const char *s, size_t len, int cols)
{
	static const char sep[] = " \xe2\x94\x82 ";
	size_t best = 0, at = 0, end;
	const char *e;

	for (;;) {
		e = strstr(s + at, sep);
		end = e != NULL && (size_t)(e - s) < len ? (size_t)(e - s) : len;
		if (width_str(s, end) > cols)
			break;
		best = end;
		if (end == len)
			break;
		at = end + sizeof sep - 1;
	}
	return best;
}

static void
draw_status(struct ui *u, int y, int w)
{
	struct buf b = { 0 };
	attr_t a = u->attr[UI_STATUS];
	int i;

	/* The bottom-right cell is left alone: writing there can fail. */
	w--;
	if (u->rd.msg != NULL) {
		/* The message, and where the reader is at the right. */
		struct buf r = { 0 };
		int rw;

		panes[u->pane]->status(u->data[u->pane], &r);
		rw = r.s != NULL ? width_str(r.s, r.len) : 0;
		wattrset(stdscr, u->attr[UI_STATUS]);
		wmove(stdscr, y, 0);
		for (i = 0; i < w; i++)
			waddch(stdscr, ' ');
		if (u->rd.msg_error)
			a = u->attr[UI_ERROR];
		if (rw > 0 && rw + 4 + width_str(u->rd.msg, strlen(u->rd.msg)) < w) {
			ui_put(stdscr, y, w - rw - 1, w, r.s, r.len,
			    u->attr[UI_STATUS]);
			ui_puts(stdscr, y, 1, w - rw - 2, u->rd.msg, a);
		} else
			ui_puts_cut(stdscr, y, 1, w, u->rd.msg, a);
		buf_free(&r);
		return;
	} else {
		struct buf p = { 0 };
		int pw;

		/* Where the reader is comes first; the issue's title, then
		 * its date, give way when the line is too narrow for them. */
		panes[u->pane]->status(u->data[u->pane], &p);
		pw = p.s != NULL ? width_str(p.s, p.len) : 0;
		if (u->rd.is != NULL) {
			const char *t = u->rd.is->title ? u->rd.is->title : "";
			const char *d = u->rd.is->date;
			int tw = width_str(t, strlen(t)) + 1;
			int dw = d != NULL ? width_str(d, strlen(d)) + 1 : 0;

			if (tw + dw + 3 + pw <= w - 1)
				buf_printf(&b, "%s ", t);
			if (d != NULL && dw + 3 + pw <= w - 1)
				buf_printf(&b, "%s ", d);
			if (b.len > 0)
				buf_adds(&b, "│ ");
		}
		if (p.s != NULL)
			buf_add(&b, p.s, p.len);
		buf_free(&p);
	}
	wattrset(stdscr, a);
	wmove(stdscr, y, 0);
	for (i = 0; i < w; i++)
		waddch(stdscr, ' ');
	if (b.s != NULL) {
		/* Whole fields from the left; the rest give way. */
		size_t n = fit_fields(b.s, b.len, w - 1);

		if (n > 0)
			ui_put(stdscr, y, 1, w, b.s, n, a);
		else
			ui_put_cut(stdscr, y, 1, w, b.s, strcspn(b.s, " "),
			    false, a);
	}
	buf_free(&b);
}

/*
 * The notice on a terminal too small for the reader, its words wrapped
 * over the rows there are (readable down to 10x3); a word too long for a
 * row, or words past the last row, end with "…".
 */
static void
draw_small(int h, int w)
{
	char *s = xasprintf("herald-tui: terminal too small (%dx%d, need "
	    "%dx%d)", w, h, UI_MIN_COLS, UI_MIN_LINES);
	const char *p = s;
	int y;

	/* the whole line when it fits; else without the name, wrapped */
	if (width_str(s, strlen(s)) >= w || h == 1)
		p = s + strlen("herald-tui: ");
	for (y = 0; y < h && *p != '\0'; y++) {
		/* Not the bottom-right cell: writing there can fail. */
		int xmax = y == h - 1 ? w - 1 : w;
		size_t n = 0, k;

		/* whole words while they fit (at least one, cut if need be) */
		while (p[n] != '\0') {
			k = n + (n > 0) + strcspn(p + n + (n > 0), " ");
			if (n > 0 && width_str(p, k) > xmax)
				break;
			n = k;
			if (width_str(p, n) > xmax)
				break;
		}
		ui_put_cut(stdscr, y, 0, xmax, p, n, y == h - 1 &&
		    p[n] != '\0', A_NORMAL);
		p += n;
		while (*p == ' ')
			p++;
	}
	free(s);
}

static void
draw(struct ui *u)
{
	int h = LINES, w = COLS;

	werase(stdscr);
	if (w < UI_MIN_COLS || h < UI_MIN_LINES)
		draw_small(h, w);
	else {
		draw_bar(u, w);
		panes[u->pane]->draw(u->data[u->pane], stdscr, 1, h - 2, w);
		draw_status(u, h - 1, w);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

static void
resize_panes(struct ui *u)
{
	int i;

	u->h = LINES - 2 > 1 ? LINES - 2 : 1;
	u->w = COLS > 1 ? COLS : 1;
	for (i = 0; i < PANE_COUNT; i++)
		panes[i]->resize(u->data[i], u->h, u->w);
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

/*
 * Parse the pages a LOAD_LAZY open left pending (main.c opens lazily so the
 * first screen needs only the first page). Runs once that screen is up,
 * before any key is read, or at once when the first screen needs more.
 * The front page and contents rows are rebuilt: their links now resolve.
 */
static void
load_rest(struct ui *u)
{
	if (!reader_load_rest(&u->rd))
		return;
	pane_front_reset(u);
	pane_contents_reset(u);
}

bool
ui_open_entry(struct ui *u, size_t i)
{
	if (!reader_open_entry(&u->rd, i, view_of(u)))
		return false;
	pane_front_reset(u);
	pane_contents_reset(u);
	resize_panes(u);
	return true;
}

/* --- input ---------------------------------------------------------------- */

enum {
	KEY_NONE_ = -1,
	KEY_RESIZE_ = -2,
	KEY_MOUSE_ = -3,
	KEY_EOF_ = -4,
	KEY_SIGNAL_ = -5,
};

/* The probe's answers, taught to curses as keys: ESC [ 2 ; COL R is
 * key_probe + COL - 1, codes no key of the terminal has (curses numbers
 * the terminal's extended keys, Alt-Delete and the like, past KEY_MAX).
 * 0 until the question is asked. */
static int key_probe;

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *
cap(const char *name)
{
	const char *s = tigetstr(name);

	return s == NULL || s == (const char *)-1 ? NULL : s;
}

/*
 * Ask the terminal how it draws “ (--ambiguous=auto) and go on without
 * waiting: the question goes out just before the first screen, whose
 * clear wipes it, and the answer comes back among the keys (next_key), a
 * round trip later.
 */
static void
probe_send(struct ui *u)
{
	char q[256], a[16];
	const char *c = cap("cup"), *p;
	size_t n;
	int col;

	if (!probe_wanted(getenv("TERM")) || LINES <= PROBE_ROW || c == NULL)
		return;
	if ((p = tiparm(c, PROBE_ROW - 1, 0)) == NULL ||
	    (n = probe_question(q, sizeof q, p, cap("u7"))) == 0)
		return;
	for (key_probe = KEY_MAX + 1024;; key_probe += PROBE_MAX_COL) {
		for (col = 0; col < PROBE_MAX_COL; col++)
			if (keyname(key_probe + col) != NULL)
				break;
		if (col == PROBE_MAX_COL)
			break;
	}
	for (col = 1; col <= PROBE_MAX_COL; col++) {
		probe_answer(a, sizeof a, col);
		define_key(a, key_probe + col - 1);
	}
	/* curses has flushed all it wrote; its next update clears */
	if (file_write_all(STDOUT_FILENO, q, n) != 0)
		return;
	clearok(curscr, TRUE);
	u->probe_pending = true;
	u->probe_sent = now_ms();
}

/*
 * Curses gave key c: if it is the probe's answer, remember it for this
 * terminal type and use it. Returns -1 for any other key, 1 when the
 * answer changed the width (everything must be laid out again), else 0.
 */
static int
probe_take(struct ui *u, wint_t c)
{
	enum width_ambiguous w;

	if (key_probe == 0 || c < (wint_t)key_probe ||
	    c >= (wint_t)key_probe + PROBE_MAX_COL)
		return -1;
	w = probe_width((int)(c - (wint_t)key_probe) + 1);
	u->probe_pending = false;
	if (u->rd.st_loaded)
		state_term_set(&u->rd.st, getenv("TERM"), w == WIDTH_WIDE);
	if (w == width_get_ambiguous())
		return 0;
	width_set_ambiguous(w);
	return 1;
}

/* Every pane laid out again at the same size: the widths changed. */
static void
relayout(struct ui *u)
{
	int i;

	for (i = 0; i < PANE_COUNT; i++) {
		panes[i]->resize(u->data[i], u->h, 0);
		panes[i]->resize(u->data[i], u->h, u->w);
	}
	/* The terminal's cells are not where curses thinks: repaint all. */
	clearok(curscr, TRUE);
}

/*
 * Quitting with the answer still on its way: wait for it a little (up to
 * PROBE_WAIT_MS after the question), so it does not reach the shell as
 * typed text. Keys typed meanwhile go with the reader.
 */
static void
probe_drain(struct ui *u)
{
	long left;

	while (u->probe_pending &&
	    (left = u->probe_sent + PROBE_WAIT_MS - now_ms()) > 0) {
		wint_t c = 0;
		int r;

		wtimeout(stdscr, (int)left);
		errno = 0;
		r = wget_wch(stdscr, &c);
		if (r == ERR && errno != EINTR)
			break;
		if (r == KEY_CODE_YES)
			(void)probe_take(u, c);
	}
}

/* Curses key → keys.h code. */
static int
translate(int r, wint_t c)
{
	if (r == OK) {
		switch (c) {
		case '\t':
			return KEYS_TAB;
		case '\r':
		case '\n':
			return KEYS_ENTER;
		case 0x7f:
		case 0x08:
			return KEYS_BACKSPACE;
		case 0x1b:
			return KEYS_ESC;
		default:
			return (int)c;
		}
	}
	switch (c) {
	case KEY_UP:
		return KEYS_UP;
	case KEY_DOWN:
		return KEYS_DOWN;
	case KEY_LEFT:
		return KEYS_LEFT;
	case KEY_RIGHT:
		return KEYS_RIGHT;
	case KEY_PPAGE:
		return KEYS_PGUP;
	case KEY_NPAGE:
		return KEYS_PGDN;
	case KEY_HOME:
		return KEYS_HOME;
	case KEY_END:
		return KEYS_END;
	case KEY_ENTER:
		return KEYS_ENTER;
	case KEY_BACKSPACE:
		return KEYS_BACKSPACE;
	case KEY_DC:
		return KEYS_DELETE;
	case KEY_BTAB:
		return KEYS_BTAB;
	case KEY_F(1):
		return KEYS_F1;
	case KEY_RESIZE:
		return KEY_RESIZE_;
	case KEY_MOUSE:
		return KEY_MOUSE_;
	default:
		return KEY_NONE_;
	}
}

/*
 * The next key. Waits in slices of 250 ms so the signal flags are seen;
 * returns KEY_EOF_ when the terminal is gone (read() at EOF or EIO makes
 * curses return ERR at once, again and again: that must not spin). The
 * probe's answer is taken here, whenever it comes: KEY_RESIZE_ when it
 * changed the layout (callers redraw as after a resize).
 */
static int
next_key(struct ui *u)
{
	int errs = 0;

	for (;;) {
		wint_t c = 0;
		int r, t;

		if (got_signal)
			return KEY_SIGNAL_;
		errno = 0;
		r = wget_wch(stdscr, &c);
		if (r == KEY_CODE_YES && (t = probe_take(u, c)) >= 0) {
			if (t == 0)
				continue;
			relayout(u);
			return KEY_RESIZE_;
		}
		if (r != ERR) {
			int k = translate(r, c);

			if (k != KEY_NONE_)
				return k;
			continue;
		}
		if (got_signal)
			return KEY_SIGNAL_;
		if (errno == EINTR)
			continue;
		{
			struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };

			if (poll(&pfd, 1, 0) < 0 && errno != EINTR)
				return KEY_EOF_;
			if (pfd.revents & (POLLHUP | POLLERR | POLLNVAL))
				return KEY_EOF_;
			/* Readable, yet curses got nothing: end of file. */
			if (pfd.revents & POLLIN) {
				if (++errs >= 3)
					return KEY_EOF_;
			} else
				errs = 0;
		}
		if (!isatty(STDIN_FILENO))
			return KEY_EOF_;
	}
}

static void
handle_resize(struct ui *u)
{
	resize_panes(u);
}

/* Read one line of input in the status line. Caller frees; NULL on Esc. */
static char *
prompt(struct ui *u, const char *label)
{
	struct buf b = { 0 };

	buf_adds(&b, "");
	for (;;) {
		int h = LINES, w = COLS, x, k;
		size_t off = 0;

		draw(u);
		if (w >= UI_MIN_COLS && h >= UI_MIN_LINES) {
			int i;

			wattrset(stdscr, u->attr[UI_STATUS]);
			wmove(stdscr, h - 1, 0);
			for (i = 0; i < w - 1; i++)
				waddch(stdscr, ' ');
			x = ui_puts(stdscr, h - 1, 0, w - 1, label,
			    u->attr[UI_STATUS]);
			/* Show the end of a long input. */
			while (off < b.len &&
			    width_str(b.s + off, b.len - off) > w - 2 - x) {
				uint32_t c;

				off += text_next(b.s + off, b.len - off, &c);
			}
			x = ui_put(stdscr, h - 1, x, w - 1, b.s + off,
			    b.len - off, u->attr[UI_STATUS]);
			if (x < w - 1)
				ui_puts(stdscr, h - 1, x, w, "_",
				    u->attr[UI_STATUS] | A_BLINK);
			wnoutrefresh(stdscr);
			doupdate();
		}
		k = next_key(u);
		if (k == KEY_RESIZE_) {
			handle_resize(u);
			continue;
		}
		if (k == KEY_SIGNAL_ || k == KEY_EOF_) {
			if (k == KEY_EOF_)
				u->quit = true;
			buf_free(&b);
			return NULL;
		}
		if (k == KEYS_ESC || k == 0x07 /* C-g */) {
			buf_free(&b);
			return NULL;
		}
		if (k == KEYS_ENTER)
			return buf_take(&b, NULL);
		if (k == KEYS_BACKSPACE || k == 0x08) {
			/* One grapheme cluster: the last break before the end. */
			if (b.len > 0) {
				char *brk = xmalloc(b.len);
				size_t i, cut = 0;

				u8_grapheme_breaks((const uint8_t *)b.s, b.len,
				    brk);
				for (i = 1; i < b.len; i++)
					if (brk[i])
						cut = i;
				free(brk);
				b.len = cut;
				b.s[cut] = '\0';
			} else {
				buf_free(&b);
				return NULL;
			}
			continue;
		}
		if (k == 0x15) {	/* C-u */
			b.len = 0;
			b.s[0] = '\0';
			continue;
		}
		if (k >= 0x20 && k < 0x110000 && k != 0x7f &&
		    !(k >= 0x80 && k < 0xa0) && b.len < 1024)
			buf_addu(&b, (uint32_t)k);
	}
}

static void
do_search(struct ui *u)
{
	char *s = prompt(u, "/");

	if (s == NULL)
		return;
	if (*s == '\0') {
		free(s);
		if (u->rd.needle == NULL)
			return;
	} else {
		free(u->rd.needle);
		u->rd.needle = s;
	}
	if (!ui_show(u, reader_search(&u->rd, 0)))
		ui_message(u, true, "Not found: %s", u->rd.needle);
}

static void
do_mark(struct ui *u, bool set)
{
	int k;

	ui_message(u, false, set ? "Mark: type a letter (a-z)" :
	    "Go to mark: type a letter (a-z)");
	draw(u);
	/* A resize, or the width probe's answer, redraws the prompt. */
	while ((k = next_key(u)) == KEY_RESIZE_) {
		handle_resize(u);
		draw(u);
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

static void
do_mouse(struct ui *u)
{
	MEVENT ev;

	if (getmouse(&ev) != OK)
		return;
	if (ev.bstate & BUTTON4_PRESSED) {
		for (int i = 0; i < 3; i++)
			panes[u->pane]->action(u->data[u->pane], ACTION_UP);
		return;
	}
#ifdef BUTTON5_PRESSED
	if (ev.bstate & BUTTON5_PRESSED) {
		for (int i = 0; i < 3; i++)
			panes[u->pane]->action(u->data[u->pane], ACTION_DOWN);
		return;
	}
#endif
	if (!(ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)))
		return;
	if (ev.y == 0) {
		/* The tab bar: which tab is under x. */
		int x = 0, i;

		for (i = 0; i < PANE_COUNT; i++) {
			int tw = width_str(tab_names[i], strlen(tab_names[i])) + 2;

			if (ev.x >= x && ev.x < x + tw) {
				ui_switch(u, (enum pane_id)i);
				return;
			}
			x += tw;
		}
		return;
	}
	if (ev.y >= 1 && ev.y < LINES - 1)
		panes[u->pane]->click(u->data[u->pane], ev.y - 1, ev.x);
}

/* Actions every pane shares; false when the pane should see it. */
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
		int step = a == ACTION_NEXT_PANE ? 1 : PANE_COUNT - 2;
		enum pane_id next = u->pane == PANE_HELP ? before_help : u->pane;

		next = (enum pane_id)((next + step) % (PANE_COUNT - 1));
		if (next == PANE_ARTICLE && u->rd.place.a == NULL)
			next = (enum pane_id)((next + step) % (PANE_COUNT - 1));
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
	case ACTION_QUIT_NOW:
		u->quit = true;
		return true;
	case ACTION_QUIT:
		switch (u->pane) {
		case PANE_FRONT:
			u->quit = true;
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
	case ACTION_SEARCH_NEXT:
	case ACTION_SEARCH_PREV:
		if (u->rd.needle == NULL) {
			char k[32];
			const char *s = keys_hint(ACTION_SEARCH, k, sizeof k);

			ui_message(u, false, "No search yet: press %s first",
			    s != NULL ? s : "the search key");
			return true;
		}
		if (!ui_show(u, reader_search(&u->rd,
		    a == ACTION_SEARCH_NEXT ? 1 : -1)))
			ui_message(u, true, "Not found: %s", u->rd.needle);
		return true;
	case ACTION_MARK:
	case ACTION_GOTO_MARK:
		do_mark(u, a == ACTION_MARK);
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
	if (panes[u->pane]->action(u->data[u->pane], a))
		return;
	/* Article moves from the other panes open the article pane. */
	switch (a) {
	case ACTION_NEXT_ARTICLE:
	case ACTION_PREV_ARTICLE:
	case ACTION_NEXT_PAGE:
	case ACTION_PREV_PAGE:
	case ACTION_CONTINUE:
	case ACTION_BACK:
		if (a == ACTION_BACK) {
			/* Nothing left in the history: back to the list. */
			if (u->pane != PANE_FRONT)
				global_action(u, ACTION_QUIT);
			return;
		}
		if (u->rd.place.a == NULL) {
			/* Nothing read yet: the first article. */
			ui_show(u, reader_step(&u->rd, a));
			return;
		}
		ui_switch(u, PANE_ARTICLE);
		panes[PANE_ARTICLE]->action(u->data[PANE_ARTICLE], a);
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

int
ui_run(const struct ui_opts *o)
{
	struct ui u;
	struct buf warn = { 0 };
	const char *term = getenv("TERM");
	int status = 0, i;
	size_t pending;
	bool lib_checked = false;

	memset(&u, 0, sizeof u);
	u.o = o;
	u.cfg = o->cfg;
	if (!isatty(STDIN_FILENO)) {
		fputs("herald-tui: standard input is not a terminal "
		    "(use --dump to print)\n", stderr);
		return 1;
	}
	reader_init(&u.rd, o->cfg, o->lib, o->entry, o->load_flags);
	{
		char *err = NULL;

		if (!reader_open_issue(&u.rd, &err)) {
			fprintf(stderr, "herald-tui: %s\n",
			    err ? err : "cannot open the issue");
			free(err);
			reader_free(&u.rd);
			return 1;
		}
	}
	/* LINES/COLUMNS in the environment would freeze the size. */
	unsetenv("LINES");
	unsetenv("COLUMNS");
	set_signals();
	screen = newterm(NULL, stdout, stdin);
	if (screen == NULL) {
		char *safe = text_safe(term ? term : "");

		fprintf(stderr, "herald-tui: unknown terminal type '%s'\n", safe);
		free(safe);
		return 1;
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
			return 1;
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
	wtimeout(stdscr, 250);
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
	setup_colors(&u);
	if (u.cfg->mouse) {
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
	}

	reader_load_state(&u.rd, o->state_path, &warn);
	if (u.cfg->ambiguous == WIDTH_AUTO) {
		/* Until the terminal answers: what it answered last time. */
		int last = u.rd.st_loaded ?
		    state_term_wide(&u.rd.st, getenv("TERM")) : -1;

		width_set_ambiguous(last == 1 ? WIDTH_WIDE : WIDTH_NARROW);
		probe_send(&u);
	} else
		width_set_ambiguous(u.cfg->ambiguous);
	for (i = 0; i < PANE_COUNT; i++)
		u.data[i] = panes[i]->init(&u);
	resize_panes(&u);
	u.pane = PANE_FRONT;
	pending = u.rd.is != NULL ? u.rd.is->npending : 0;
	ui_show(&u, reader_start(&u.rd, o->page, o->article));
	if (pending > 0 && u.rd.is->npending == 0) {
		/* reader_start parsed the other pages: their links resolve */
		pane_front_reset(&u);
		pane_contents_reset(&u);
	}
	if (warn.len > 0) {
		char *nl = strchr(warn.s, '\n');

		if (nl != NULL)
			*nl = '\0';
		ui_message(&u, true, "%s", warn.s);
	}
	buf_free(&warn);
	self_test(&u);
	if (u.rd.is == NULL)
		u.pane = PANE_CONTENTS;
	if (u.pane == PANE_CONTENTS && u.rd.lib != NULL && !u.rd.lib->single) {
		/* A library's contents are its issues: sorted and checked
		 * before they are shown (otherwise after the first screen). */
		lib_checked = true;
		u.rd.entry = library_check(u.rd.lib, u.rd.entry);
		pane_contents_reset(&u);
	}

	while (!u.quit) {
		int k;

		draw(&u);
		if (u.rd.is != NULL && u.rd.is->npending > 0) {
			/* The first screen is up: now the other pages. */
			load_rest(&u);
			continue;
		}
		if (!lib_checked) {
			/* ...and the library's other issues (LOAD_LAZY
			 * listed them by name only). */
			lib_checked = true;
			if (u.rd.lib != NULL && !u.rd.lib->single) {
				u.rd.entry = library_check(u.rd.lib, u.rd.entry);
				pane_contents_reset(&u);
				continue;
			}
		}
		k = next_key(&u);
		if (k != KEY_RESIZE_ && u.rd.msg != NULL) {
			free(u.rd.msg);
			u.rd.msg = NULL;
		}
		if (k == KEY_SIGNAL_) {
			status = 128 + (int)got_signal;
			break;
		}
		if (k == KEY_EOF_)
			break;
		if (k == KEY_RESIZE_) {
			handle_resize(&u);
			continue;
		}
		if (k == KEY_MOUSE_) {
			do_mouse(&u);
			continue;
		}
		if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
			/* Only quitting makes sense on the notice. */
			enum action a = keys_lookup(k);

			if (a == ACTION_QUIT || a == ACTION_QUIT_NOW)
				u.quit = true;
			continue;
		}
		{
			enum action a = keys_lookup(k);

			if (a == ACTION_NONE) {
				char name[32], hk[32];
				const char *h = keys_hint(ACTION_HELP, hk,
				    sizeof hk);

				ui_message(&u, false, "Key %s is not bound%s%s%s",
				    keys_name(k, name, sizeof name),
				    h ? " (" : "", h ? h : "", h ? " for help)" :
				    "");
				continue;
			}
			dispatch(&u, a);
		}
	}

	if (u.quit)
		probe_drain(&u);
	xmalloc_set_restore(NULL);
	if (u.cfg->mouse)
		mousemask(0, NULL);
	curs_set(1);
	endwin();
	/* After endwin, so a failure can be told on stderr; the screen is
	 * gone, so the save may wait longer for another reader's lock. */
	u.rd.st.lock_ms = STATE_LOCK_QUIT_MS;
	if (!save_state(&u) && status == 0)
		status = 1;
	delscreen(screen);
	screen = NULL;
	for (i = 0; i < PANE_COUNT; i++)
		panes[i]->free(u.data[i]);
	reader_free(&u.rd);
	return status;
}
