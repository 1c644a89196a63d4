/*
 * pane.h: what the panes share with ui.c. A pane is an ops table plus its
 * private data (init, free, resize, draw, action, click); adding a pane is
 * adding one file. The session (the issue, the place, history, search,
 * marks, the message line) is the reader's (reader.h). A pane sees the
 * frame only through struct pane_ctx: the reader, the settings, the
 * attributes and three calls; never struct ui (ui-int.h).
 * Only ui*.c and pane-*.c include this header: it brings in curses.
 */
#ifndef HERALD_PANE_H
#define HERALD_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "issue.h"
#include "keys.h"
#include "load.h"
#include "reader.h"
#include "state.h"
#include "typeset.h"
#include "draw.h"

/* The panes, in Tab order. */
enum pane_id {
	PANE_FRONT,
	PANE_CONTENTS,
	PANE_ARTICLE,
	PANE_HELP,
	PANE_RESULTS,	/* archive search results: S, not a tab */
	PANE_COUNT,
};

/* Screen elements with a colour; ui.c turns them into attributes. */
enum ui_elem {
	UI_NORMAL,
	UI_BAR,		/* the tab bar on the top row */
	UI_BAR_ACTIVE,	/* the current pane's tab */
	UI_STATUS,	/* the status line */
	UI_TITLE,	/* masthead title */
	UI_HEADLINE,
	UI_SUBHEAD,
	UI_BYLINE,
	UI_LINK,	/* jump lines and contents entries */
	UI_CAPTION,
	UI_CREDIT,	/* credits and signatures */
	UI_CONTENTS,	/* contents entries */
	UI_DIM,		/* furniture, credits, first lines, "not in this issue" */
	UI_RULE,
	UI_SELECT,	/* the selection */
	UI_MATCH,	/* search matches */
	UI_ERROR,	/* warnings in the status line */
	UI_ELEM_COUNT,
};

/*
 * What a pane may use of the frame (ui.c fills it in; it outlives the
 * panes). Messages go through the reader (reader_message): it owns the
 * message line.
 */
struct archive_hit;
struct pane_pics;

struct pane_ctx {
	struct reader		*rd;		/* the session */
	const struct config	*cfg;
	const attr_t		*attr;		/* [UI_ELEM_COUNT] */
	struct pane_pics	*pics;		/* the photos' sizes and art, for
						 * every pane (pane-photo.c) */
	void			*host;		/* the frame, for the calls below */
	/* Make pane id the current one. */
	void			 (*switch_to)(void *host, enum pane_id id);
	/* Show what a reader move asks for (reader.h); false for
	 * READER_NONE. */
	bool			 (*show)(void *host, enum reader_move m);
	/* Open library entry i (a library's contents pane); false on
	 * error. */
	bool			 (*open_entry)(void *host, size_t i);
	/* Open the issue of an archive hit at its article, the needle
	 * (folded, may be NULL) found and marked there. */
	void			 (*open_hit)(void *host,
				     const struct archive_hit *h,
				     const char *needle);
};

static inline void
pane_switch(const struct pane_ctx *ctx, enum pane_id id)
{
	ctx->switch_to(ctx->host, id);
}

static inline bool
pane_show(const struct pane_ctx *ctx, enum reader_move m)
{
	return ctx->show(ctx->host, m);
}

static inline bool
pane_open_entry(const struct pane_ctx *ctx, size_t i)
{
	return ctx->open_entry(ctx->host, i);
}

static inline void
pane_open_hit(const struct pane_ctx *ctx, const struct archive_hit *h,
    const char *needle)
{
	ctx->open_hit(ctx->host, h, needle);
}

/* pane-list.c: the attribute for a typeset style. */
attr_t pane_style_attr(const struct pane_ctx *ctx, enum ts_style s);

/* What changed under the panes (pane_ops.update). */
enum pane_update {
	PANE_UPDATE_ISSUE,	/* another issue, or its other pages parsed */
	PANE_UPDATE_WIDTHS,	/* character widths (the probe's answer) */
	PANE_UPDATE_TEXT,	/* the same issue's text in another script (T):
				 * the same articles, their strings replaced */
	PANE_UPDATE_GROWN,	/* the same issue, its whole model in place of
				 * its first part's (a big file, read on while
				 * keys were answered): the rows are built again,
				 * the selections kept where they were */
};

struct pane_ops {
	const char	*name;
	/* Private data; the pane keeps ctx (ctx->rd->is may be NULL). */
	void		*(*init)(struct pane_ctx *ctx);
	void		 (*free)(void *p);
	/* The text area changed size: lay out again (when next shown). */
	void		 (*resize)(void *p, int h, int w);
	/* Something the pane's rows came from changed: build them again. */
	void		 (*update)(void *p, enum pane_update what);
	/* Draw into rows [y0, y0 + h) of win, w columns. */
	void		 (*draw)(void *p, WINDOW *win, int y0, int h, int w);
	/* Handle an action; false when it means nothing here. */
	bool		 (*action)(void *p, enum action a);
	/* A click on row y (0 = the first text row), column x. */
	void		 (*click)(void *p, int y, int x);
	/* Append the pane's part of the status line. */
	void		 (*status)(void *p, struct buf *b);
};

extern const struct pane_ops pane_front_ops;
extern const struct pane_ops pane_contents_ops;
extern const struct pane_ops pane_article_ops;
extern const struct pane_ops pane_help_ops;
extern const struct pane_ops pane_results_ops;

/* pane-article.c: the web addresses on the article's screen, in order,
 * each once (copies in *out, caller frees them and it); how many. */
size_t pane_article_urls(void *p, char ***out);
/* Select the lines on screen rows a..b (either order, clamped), drawn
 * apart until y copies them or another article is shown; how many. */
size_t pane_article_select(void *p, int a, int b);
/* The selected lines' text, one per line as --dump sets it, appended to
 * out; the selection is dropped. False when there is none. */
bool pane_article_selection(void *p, struct buf *out);

/* pane-results.c: the results to show (hits: the pane's now). */
void pane_results_set(void *p, const char *query, const char *needle,
    struct archive_hit *hits, size_t n, bool rank);
/* The query shown (a copy), or NULL. */
char *pane_results_query(void *p);

/*
 * pane-list.c: the generic list behind the front page, the contents and the
 * help. Rows hold a line of text (borrowed or owned), an indent, a style, and
 * a target that the owning pane interprets when the row is opened.
 */
/* One row of a photo as a pane lays it out: figure b of article a, drawn
 * in cols x rows cells; row is this one. */
struct pane_photo_row {
	const struct article	*a;
	const struct block	*b;
	int			 cols, rows, row;
};

struct pane_list_row {
	const char		*text;		/* (borrowed), or owned */
	const void		*target;	/* (borrowed) */
	union {
		/* (borrowed) right-aligned text, or NULL */
		const char	*right;
		/* TS_PHOTO: the photo's row (borrowed from the pane that
		 * adds it) */
		const struct pane_photo_row *photo;
	};
	uint32_t		 len;		/* a line of a file of 1 GiB at most */
	int			 col;		/* columns of indent */
	int			 n;		/* a number for the target */
	/* A row is kept small: a page of thousands of stories has as many
	 * in the front page and in the contents. */
	enum ts_style		 style:8;
	enum ui_elem		 elem:8;	/* UI_NORMAL: from the style */
	unsigned		 kind:8;	/* the owner's target kind */
	bool			 owned:1;	/* text is the row's own copy */
	bool			 selectable:1;
	bool			 follow:1;	/* part of the selectable row above */
	bool			 more:1;	/* the text goes on: ends with … */
	bool			 bullet:1;	/* "· " is drawn before the text */
	bool			 bare:1;	/* made without its text: for a
						 * walk that looks for a target
						 * (pane_list_row_bare) */
};

/*
 * Rows made when they are wanted: a span stands for count rows, the k-th
 * of them proto with the fields fill sets (its text, its target; never
 * whether it can be selected, which is proto's). The front page and the
 * contents list a page's stories a row each, 46,439 for the bench's
 * 100 MB page: held, 1.9 MB a pane; made, nothing; and the front page's
 * captions, a row a line.
 */
typedef void pane_list_fill(void *owner, const void *src, size_t k,
    struct pane_list_row *r);

struct pane_list_span {
	size_t			 first;		/* its first row */
	size_t			 count;
	size_t			 before;	/* the rows of the spans before */
	pane_list_fill		*fill;
	void			*owner;
	const void		*src;
	struct pane_list_row	 proto;
};

struct pane_list {
	struct pane_ctx		*ctx;
	struct pane_list_row	*v;		/* the rows held, in order */
	size_t			 nv;
	size_t			 cap;
	struct pane_list_span	*spans;		/* the rows made, by first */
	size_t			 nspans;
	size_t			 n;		/* every row: held and made */
	size_t			 base;		/* a tail: its row 0 is this row
						 * of the list it is part of */
	size_t			 sel;		/* the selected row (selectable), or
						 * n: none (none can be, or the list
						 * is scrolled past the last one) */
	size_t			 top;		/* first row shown */
	int			 h;		/* rows shown at the last draw */
	struct pane_list_row	 made, cur;	/* a made row; the selection */
};

void pane_list_clear(struct pane_list *l);
/* Append a row; text is copied when copy is set. Returns the row (held
 * until the next row is added). */
struct pane_list_row *pane_list_add(struct pane_list *l, const char *text,
    size_t len, bool copy, int col, enum ts_style style);
/* Append count rows made when wanted: fill(owner, src, k, r) sets the
 * k-th over a copy of proto. owner and src outlive the rows. */
void pane_list_add_span(struct pane_list *l, size_t count,
    pane_list_fill *fill, void *owner, const void *src,
    const struct pane_list_row *proto);
/* Row i (< n), as it stands until the next call for a made row. */
const struct pane_list_row *pane_list_row(struct pane_list *l, size_t i);
/* The same, but a made row may come without its text (bare; a story's
 * headline kept in its file is not read): for a walk over the rows that
 * looks for a target, a kind, a number. */
const struct pane_list_row *pane_list_row_bare(struct pane_list *l,
    size_t i);
/* A made row r for story i of pg: pg its target, i its n, its text the
 * story's headline unless r is bare (a headline in the file is read
 * for it). The story itself is not made (issue.h, story_in_file). */
void pane_list_story(struct pane_list_row *r, const struct page *pg,
    size_t i);
/* The last row when it is held (may be changed), or NULL. */
struct pane_list_row *pane_list_last(struct pane_list *l);
/* Keep only the first n rows. */
void pane_list_truncate(struct pane_list *l, size_t n);
/* The rows from at on as a list of their own in *tail (borrowing l's
 * rows and spans), to be drawn and moved in; its selection and top are
 * 0. */
void pane_list_tail(const struct pane_list *l, size_t at,
    struct pane_list *tail);
/* Append the typeset lines of d, each as a row (borrowed text). */
void pane_list_add_doc(struct pane_list *l, const struct ts_doc *d,
    size_t from, size_t to);
void pane_list_draw(struct pane_list *l, WINDOW *win, int y0, int h, int w);
/* The same w columns from column x0 (a column of a two-column pane). */
void pane_list_draw_at(struct pane_list *l, WINDOW *win, int y0, int x0,
    int h, int w);
/* Movement actions; true when handled. */
bool pane_list_action(struct pane_list *l, enum action a);
/* Select the row on screen row y; false if it is not selectable. */
bool pane_list_click(struct pane_list *l, int y);
/* Whether row i (< n) can be selected, without making it. */
bool pane_list_selectable(const struct pane_list *l, size_t i);
/* The selected row (as it stands until the next call), or NULL. */
const struct pane_list_row *pane_list_selected(struct pane_list *l);
/* Select row i (or the next selectable one) and scroll it into view. */
void pane_list_select(struct pane_list *l, size_t i);
/* Rows from top on in view (clamped), none selected: a list scrolled
 * past its last selectable row, as it was before a new layout. */
void pane_list_show_from(struct pane_list *l, size_t top);

/* The line pct% of the way into n lines (pct over 100 counts as 100),
 * without overflow: what N% goes to in every pane. */
static inline size_t
pane_percent(size_t n, unsigned long pct)
{
	size_t p = pct < 100 ? (size_t)pct : 100;

	return n / 100 * p + n % 100 * p / 100;
}

/* --- photos (pane-photo.c) --------------------------------------------------- */

struct pane_pics *pane_pics_new(void);
/* Forget every photo (another issue: its blocks go). */
void pane_pics_clear(struct pane_pics *pp);
void pane_pics_free(struct pane_pics *pp);
/* Whether b is a figure that names a picture file. */
bool pane_pics_has(const struct block *b);
/*
 * The rows figure b of article a (of issue is) takes in at most w x maxr
 * cells, its aspect kept, and its columns in *cols: from its file's header,
 * read the first time (nothing is decoded). 0 when b names no file; 1 (and
 * w columns) when it cannot be shown: its row says why.
 */
int pane_pics_fit(struct pane_pics *pp, const struct issue *is,
    const struct article *a, const struct block *b, int w, int maxr,
    int *cols);
/* Row r of a photo at (y, x), clipped before column xmax: decoded and made
 * symbol art the first time; the reason it cannot be shown, dim, on its
 * first row. */
void pane_pics_draw(struct pane_pics *pp, const struct pane_ctx *ctx,
    WINDOW *win, int y, int x, int xmax, const struct pane_photo_row *r);
/* A new cache defers decoding: its photos' rows stay blank until this is
 * called, once the first screen is out. True when a photo waited (draw
 * again). */
bool pane_pics_undefer(struct pane_pics *pp);
/*
 * Pixels (sixel, kitty, iTerm2), drawn past curses. ui_draw calls
 * pane_pics_frame before the panes draw (the photos' places are noted as
 * they do), pane_pics_leave before doupdate (the rows a photo left are
 * written again) and pane_pics_flush after it (the photos whose place
 * changed are written). pane_pics_redraw: all of them at the next flush
 * (the screen was cleared); pane_pics_quit: kitty's images deleted.
 */
void pane_pics_frame(struct pane_pics *pp);
void pane_pics_leave(struct pane_pics *pp, WINDOW *win);
void pane_pics_flush(struct pane_pics *pp, const struct pane_ctx *ctx);
void pane_pics_redraw(struct pane_pics *pp);
void pane_pics_quit(struct pane_pics *pp);

#endif
