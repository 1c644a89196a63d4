/*
 * ui-input.c: the keys: reading them (signals as flags, EOF and hang-up,
 * resize, mouse, escape sequences curses does not know), the width
 * probe's question and its answer whenever it comes, and the one-line
 * prompt of the search.
 */
#include "build-config.h"

#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unigbrk.h>
#include <unistr.h>

#include "buf.h"
#include "clock.h"
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

/* --- input ---------------------------------------------------------------- */

/* The probe's answers, taught to curses as keys: ESC [ 2 ; COL R is
 * key_probe + COL - 1, codes no key of the terminal has (curses numbers
 * the terminal's extended keys, Alt-Delete and the like, past KEY_MAX).
 * 0 until the question is asked. */
static int key_probe;

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
void
ui_probe_send(struct ui *u)
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
	u->probe_sent = clock_ms();
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
	ui_update(u, PANE_UPDATE_WIDTHS);
	/* The terminal's cells are not where curses thinks: repaint all. */
	clearok(curscr, TRUE);
}

/*
 * Quitting with the answer still on its way: wait for it a little (up to
 * PROBE_WAIT_MS after the question), so it does not reach the shell as
 * typed text. Keys typed meanwhile go with the reader.
 */
void
ui_probe_drain(struct ui *u)
{
	long left;

	while (u->probe_pending &&
	    (left = u->probe_sent + PROBE_WAIT_MS - clock_ms()) > 0) {
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
static int next_key(struct ui *u, long until, bool loads);

int
ui_next_key(struct ui *u)
{
	return next_key(u, 0, false);
}

int
ui_next_key_within(struct ui *u, long ms)
{
	return next_key(u, clock_ms() + ms, true);
}

void
ui_keep_key(struct ui *u, int k)
{
	u->has_kept = true;
	u->kept = k;
}

int
ui_peek_key(struct ui *u)
{
	wint_t c = 0;
	int r;

	if (u->has_kept)
		return u->kept;
	wtimeout(stdscr, 0);
	if ((r = wget_wch(stdscr, &c)) == ERR)
		return KEY_NONE_;
	if (r == KEY_CODE_YES)
		ungetch((int)c);
	else
		unget_wch((wchar_t)c);
	return translate(r, c);
}

/* The key loop's: in full screen, KEY_TICK_ when the message shown has
 * been up for UI_MESSAGE_MS (a message that asks, as m's, is not timed);
 * KEY_LOADED_ when the read of the rest is done. */
int
ui_next_key_timed(struct ui *u)
{
	long until = 0;

	if (!u->bars && u->rd.msg != NULL) {
		if (u->msg_seen != u->rd.msg_no) {
			u->msg_seen = u->rd.msg_no;
			u->msg_until = clock_ms() + UI_MESSAGE_MS;
		}
		until = u->msg_until;
	}
	return next_key(u, until, true);
}

/*
 * The next key, or KEY_TICK_ once until (ms, monotonic; 0: never) is
 * past, or with loads KEY_LOADED_ once the rest is read. While
 * it is read, the wait is for the terminal or the read's end, whichever
 * comes first (poll on both, once curses holds no key): a wait of
 * LOAD_POLL_MS between looks showed the whole issue up to that much
 * later than it was ready. Without the read's descriptor, it is looked
 * at every LOAD_POLL_MS.
 */
#define LOAD_POLL_MS 40
static int
next_key(struct ui *u, long until, bool loads)
{
	int errs = 0;

	if (u->has_kept) {
		u->has_kept = false;
		return u->kept;
	}
	for (;;) {
		wint_t c = 0;
		int r, t, wake = loads ? load_job_fd(u->rd.job) : -1;

		if (ui_got_signal)
			return KEY_SIGNAL_;
		if (until > 0 && clock_ms() >= until)
			return KEY_TICK_;
		if (loads && load_job_done(u->rd.job))
			return KEY_LOADED_;
		errno = 0;
		wtimeout(stdscr, wake >= 0 ? 0 : loads && reader_loading(&u->rd)
		    ? LOAD_POLL_MS : UI_KEY_WAIT_MS);
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
		if (ui_got_signal)
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
		if (wake >= 0 && errs == 0) {
			/* curses holds no key: wait for one, or the read */
			struct pollfd p[2] = {
				{ .fd = STDIN_FILENO, .events = POLLIN },
				{ .fd = wake, .events = POLLIN },
			};
			long left = until > 0 ? until - clock_ms() :
			    UI_KEY_WAIT_MS;

			(void)poll(p, 2, left < 0 ? 0 : left < UI_KEY_WAIT_MS ?
			    (int)left : UI_KEY_WAIT_MS);
		}
		if (!isatty(STDIN_FILENO))
			return KEY_EOF_;
	}
}

void
ui_handle_resize(struct ui *u)
{
	ui_resize_panes(u);
}

static int prompt_edit(struct buf *b, int k);

char *
ui_prompt(struct ui *u, const char *label)
{
	return ui_prompt_text(u, label, "");
}

/* Read one line of input in the status line, init already typed. Caller
 * frees; NULL on Esc. */
char *
ui_prompt_text(struct ui *u, const char *label, const char *init)
{
	return ui_prompt_with(u, label, init, NULL);
}

/* Up (dir -1) or Down (+1) in the history: b becomes that entry, or the
 * text typed before the walk (kept in typed) past the newest. */
static int
prompt_walk(struct buf *b, const struct ui_prompt_opts *o, size_t *at,
    struct buf *typed, int dir)
{
	if (o == NULL || o->nhist == 0 || (dir < 0 && *at == 0) ||
	    (dir > 0 && *at >= o->nhist))
		return 0;
	if (*at == o->nhist) {
		typed->len = 0;
		buf_add(typed, b->s != NULL ? b->s : "", b->len);
	}
	*at = dir < 0 ? *at - 1 : *at + 1;
	b->len = 0;
	if (*at == o->nhist)
		buf_add(b, typed->s != NULL ? typed->s : "", typed->len);
	else
		buf_adds(b, o->hist[o->nhist - 1 - *at]);	/* newest first */
	return 1;
}

/* The columns a prompt's question leaves for the answer, at least. */
#define PROMPT_ROOM 4

/* The screen, and the prompt on its last line: label, the text typed
 * (its end, when long), the cursor and note at the right. */
static void
prompt_draw(struct ui *u, const char *label, const struct buf *b,
    const char *note)
{
	int h = LINES, w = COLS, x, i;
	size_t off = 0;
	char *fit;

	ui_draw(u);
	if (w < UI_MIN_COLS || h < UI_MIN_LINES)
		return;
	wattrset(stdscr, u->attr[UI_STATUS]);
	wmove(stdscr, h - 1, 0);
	for (i = 0; i < w - 1; i++)
		waddch(stdscr, ' ');
	/* room for the answer: a long path in the question gives way
	 * first */
	fit = draw_fit_path(label, w - 1 - PROMPT_ROOM);
	x = draw_puts(stdscr, h - 1, 0, w - 1 - PROMPT_ROOM,
	    fit != NULL ? fit : label, u->attr[UI_STATUS]);
	free(fit);
	/* Show the end of a long input. */
	while (off < b->len && width_str(b->s + off, b->len - off) > w - 2 - x) {
		uint32_t c;

		off += text_next(b->s + off, b->len - off, &c);
	}
	x = draw_put(stdscr, h - 1, x, w - 1, b->s + off, b->len - off,
	    u->attr[UI_STATUS]);
	if (x < w - 1)
		draw_puts(stdscr, h - 1, x, w, "_",
		    u->attr[UI_STATUS] | A_BLINK);
	if (note != NULL) {
		int nw = width_str(note, strlen(note));

		if (x + 3 + nw < w - 1)
			draw_puts(stdscr, h - 1, w - 1 - nw, w - 1, note,
			    u->attr[UI_STATUS]);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

char *
ui_prompt_with(struct ui *u, const char *label, const char *init,
    const struct ui_prompt_opts *o)
{
	struct buf b = { 0 }, typed = { 0 };
	size_t at = o != NULL ? o->nhist : 0;
	const char *note = NULL;
	int edited;

	buf_adds(&b, init);
	for (;;) {
		int k;

		prompt_draw(u, label, &b, note);
		k = ui_next_key(u);
		if (k == KEY_RESIZE_) {
			ui_handle_resize(u);
			continue;
		}
		if (k == KEY_SIGNAL_ || k == KEY_EOF_ || k == KEYS_ESC ||
		    k == 0x07 /* C-g */) {
			if (k == KEY_EOF_)
				u->quit = true;
			buf_free(&b);
			buf_free(&typed);
			return NULL;
		}
		if (k == KEYS_ENTER) {
			buf_free(&typed);
			return buf_take(&b, NULL);
		}
		if (k == KEYS_UP || k == KEYS_DOWN)
			edited = prompt_walk(&b, o, &at, &typed,
			    k == KEYS_UP ? -1 : 1);
		else if ((edited = prompt_edit(&b, k)) < 0) {
			buf_free(&typed);
			return NULL;
		}
		if (o != NULL && o->changed != NULL && edited) {
			/* the text typed shown before what it does, which
			 * may take long (a big file's search) */
			prompt_draw(u, label, &b, NULL);
			note = o->changed(u, b.s != NULL ? b.s : "", o->ctx);
		}
	}
}

/* An edit key on the prompt's text: 1 when the text changed, 0 when not,
 * -1 for Backspace on nothing (the prompt is left, as less and vi do). */
static int
prompt_edit(struct buf *b, int k)
{
	if (k == KEYS_BACKSPACE || k == 0x08) {
		/* One grapheme cluster: the last break before the end. */
		if (b->len > 0) {
			char *brk = xmalloc(b->len);
			size_t i, cut = 0;

			u8_grapheme_breaks((const uint8_t *)b->s, b->len,
			    brk);
			for (i = 1; i < b->len; i++)
				if (brk[i])
					cut = i;
			free(brk);
			b->len = cut;
			b->s[cut] = '\0';
			return 1;
		}
		buf_free(b);
		return -1;
	}
	if (k == 0x15) {	/* C-u */
		b->len = 0;
		if (b->s != NULL)
			b->s[0] = '\0';
		return 1;
	}
	if (k >= 0x20 && k < 0x110000 && k != 0x7f &&
	    !(k >= 0x80 && k < 0xa0) && b->len < 1024) {
		buf_addu(b, (uint32_t)k);
		return 1;
	}
	return 0;
}
