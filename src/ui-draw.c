/*
 * ui-draw.c: the frame's drawing: the colours of the screen elements, the
 * tab bar, the status line, the "too small" notice, and a whole screen
 * (ui_draw). Text is put with draw.h, as the panes put theirs.
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

#include "convert.h"
#include "draw.h"
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

void
ui_colors_setup(struct ui *u)
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
	for (i = 0; i <= PANE_HELP && x < w; i++) {
		attr_t a = (enum pane_id)i == u->pane ? u->attr[UI_BAR_ACTIVE] :
		    u->attr[UI_BAR];

		const char *t = ui_tab_names[i];
		int tw = width_str(t, strlen(t));
		/* tabs that would not show: this one ends with … */
		bool more = i + 1 <= PANE_HELP && x + tw + 3 >= w;

		x = draw_puts(stdscr, 0, x, w, " ", u->attr[UI_BAR]);
		x = draw_put_cut(stdscr, 0, x, more ? w - 1 : w, t, strlen(t),
		    more, a);
		if (more)
			break;
		x = draw_puts(stdscr, 0, x, w, " ", u->attr[UI_BAR]);
	}
	if (u->rd.is != NULL && u->rd.is->title != NULL) {
		const char *t = u->rd.is->title;
		int tw = width_str(t, strlen(t));

		if (x + 2 + tw < w)
			draw_puts(stdscr, 0, w - tw - 1, w, t, u->attr[UI_BAR]);
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

		ui_panes[u->pane]->status(u->data[u->pane], &r);
		rw = r.s != NULL ? width_str(r.s, r.len) : 0;
		wattrset(stdscr, u->attr[UI_STATUS]);
		wmove(stdscr, y, 0);
		for (i = 0; i < w; i++)
			waddch(stdscr, ' ');
		if (u->rd.msg_error)
			a = u->attr[UI_ERROR];
		if (rw > 0 && rw + 4 + width_str(u->rd.msg, strlen(u->rd.msg)) < w) {
			draw_put(stdscr, y, w - rw - 1, w, r.s, r.len,
			    u->attr[UI_STATUS]);
			draw_puts(stdscr, y, 1, w - rw - 2, u->rd.msg, a);
		} else {
			/* a long path gives way before what is said of it */
			char *fit = draw_fit_path(u->rd.msg, w - 1);

			draw_puts_cut(stdscr, y, 1, w, fit ? fit : u->rd.msg,
			    a);
			free(fit);
		}
		buf_free(&r);
		return;
	} else {
		struct buf p = { 0 };
		int pw;

		/* Where the reader is comes first; the title, then
		 * its date, give way when the line is too narrow for them. */
		if (u->rd.converted)
			/* the script shown, before the place (T switches) */
			buf_printf(&p, "%s │ ", convert_label(u->rd.script));
		ui_panes[u->pane]->status(u->data[u->pane], &p);
		if (reader_rest_coming(&u->rd))
			buf_adds(&p, " │ reading the rest…");
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
			draw_put(stdscr, y, 1, w, b.s, n, a);
		else
			draw_put_cut(stdscr, y, 1, w, b.s, strcspn(b.s, " "),
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
		draw_put_cut(stdscr, y, 0, xmax, p, n, y == h - 1 &&
		    p[n] != '\0', A_NORMAL);
		p += n;
		while (*p == ' ')
			p++;
	}
	free(s);
}

void
ui_draw(struct ui *u)
{
	int h = LINES, w = COLS;

	werase(stdscr);
	pane_pics_frame(u->ctx.pics);
	if (w < UI_MIN_COLS || h < UI_MIN_LINES)
		draw_small(h, w);
	else if (!u->bars) {
		/* full screen: the text, the last row left blank (as less
		 * leaves it) for a message: a line-down is then a scroll */
		ui_panes[u->pane]->draw(u->data[u->pane], stdscr, 0, h - 1, w);
		if (u->rd.msg != NULL)
			draw_status(u, h - 1, w);
	} else {
		draw_bar(u, w);
		ui_panes[u->pane]->draw(u->data[u->pane], stdscr, 1, h - 2, w);
		draw_status(u, h - 1, w);
	}
	/* pixels: a screen curses clears whole (C-l, back from a command)
	 * loses them all; the rows a photo left are written again */
	if (is_cleared(curscr))
		pane_pics_redraw(u->ctx.pics);
	pane_pics_leave(u->ctx.pics, stdscr);
	wnoutrefresh(stdscr);
	doupdate();
	pane_pics_flush(u->ctx.pics, &u->ctx);
}
