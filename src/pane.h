/*
 * pane.h: what the panes share with ui.c. A pane is an ops table plus its
 * private data (init, free, resize, draw, action, click); adding a pane is
 * adding one file. The session (the issue, the place, history, search,
 * marks, the message line) is the reader's (reader.h), in struct ui.
 * Only ui.c and pane-*.c include this header: it brings in curses.
 */
#ifndef HERALD_PANE_H
#define HERALD_PANE_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "config.h"
#include "issue.h"
#include "keys.h"
#include "load.h"
#include "reader.h"
#include "state.h"
#include "typeset.h"

struct ui_opts;

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

struct ui;

/* What changed under the panes (pane_ops.update). */
enum pane_update {
	PANE_UPDATE_ISSUE,	/* another issue, or its other pages parsed */
	PANE_UPDATE_WIDTHS,	/* character widths (the probe's answer) */
	PANE_UPDATE_TEXT,	/* the same issue's text in another script (T):
				 * the same articles, their strings replaced */
};

struct pane_ops {
	const char	*name;
	/* Private data for u; the pane may look at u->is (NULL allowed). */
	void		*(*init)(struct ui *u);
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

struct archive;
struct archive_hit;

struct ui {
	const struct ui_opts	*o;
	struct config		*cfg;
	struct reader		 rd;		/* the session: issue, place, search */
	enum pane_id		 pane;
	void			*data[PANE_COUNT];
	int			 h, w;		/* the text area */
	attr_t			 attr[UI_ELEM_COUNT];
	bool			 quit;
	bool			 lib_checked;	/* the library's issues were checked */
	bool			 probe_pending;	/* the width probe's answer is awaited */
	long			 probe_sent;	/* when it was asked (ms, monotonic) */
	struct archive		*ar;		/* the library's index, after S */
	bool			 ar_indexing;	/* brought up to date while idle */
	bool			 ar_requery;	/* search again when it is done */
	bool			 hit_open;	/* back returns to the results */
};

/* ui.c, for the panes. */
void ui_message(struct ui *u, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_switch(struct ui *u, enum pane_id id);
/* Open library entry i (a library's contents pane); false on error. */
bool ui_open_entry(struct ui *u, size_t i);
/* Open the issue of an archive hit at its article, the needle (folded,
 * may be NULL) found and marked there. */
void ui_open_hit(struct ui *u, const struct archive_hit *h,
    const char *needle);
/* pane-results.c: the results to show (hits: the pane's now). */
void pane_results_set(void *p, const char *query, const char *needle,
    struct archive_hit *hits, size_t n);
/* The query shown (a copy), or NULL. */
char *pane_results_query(void *p);
/* The attribute for a typeset style. */
attr_t ui_style_attr(const struct ui *u, enum ts_style s);
/*
 * Draw text[0, len) at (y, x) in attribute a, clipped to end before column
 * xmax (whole grapheme clusters only, so a wide character never straddles
 * the edge). Returns the column after the text.
 */
int ui_put(WINDOW *win, int y, int x, int xmax, const char *text, size_t len,
    attr_t a);
/* The same for a NUL-terminated string. */
int ui_puts(WINDOW *win, int y, int x, int xmax, const char *s, attr_t a);
/* ui_put of text past its first skip columns, at column x; a wide
 * character cut by the skip shows as a space. */
int ui_put_from(WINDOW *win, int y, int x, int xmax, const char *text,
    size_t len, int skip, attr_t a);
/* ui_put, but text cut at the edge ends with "…" (whole grapheme
 * clusters, no space before it); so does any text when more is set (it
 * goes on past len). */
int ui_put_cut(WINDOW *win, int y, int x, int xmax, const char *text,
    size_t len, bool more, attr_t a);
int ui_puts_cut(WINDOW *win, int y, int x, int xmax, const char *s,
    attr_t a);

/* ui.c: show what a reader move asks for (reader.h); false for
 * READER_NONE. */
bool ui_show(struct ui *u, enum reader_move m);

/* ui.c: tell every pane what changed. */
void ui_update(struct ui *u, enum pane_update what);

/*
 * pane-list.c: the generic list behind the front page, the contents and the
 * help. Rows hold a line of text (borrowed or owned), an indent, a style, and
 * a target that the owning pane interprets when the row is opened.
 */
struct pane_list_row {
	const char		*text;		/* (borrowed) or owned below */
	size_t			 len;
	char			*owned;
	int			 col;		/* columns of indent */
	enum ts_style		 style;
	enum ui_elem		 elem;		/* UI_NORMAL: from the style */
	bool			 selectable;
	bool			 follow;	/* part of the selectable row above */
	bool			 more;		/* the text goes on: ends with … */
	const char		*right;		/* (borrowed) right-aligned text, or NULL */
	int			 kind;		/* the owner's target kind */
	const void		*target;	/* (borrowed) */
	int			 n;		/* a number for the target */
};

struct pane_list {
	struct ui		*u;
	struct pane_list_row	*v;
	size_t			 n;
	size_t			 cap;
	size_t			 sel;		/* the selected row (selectable), or n */
	size_t			 top;		/* first row shown */
	int			 h;		/* rows shown at the last draw */
};

void pane_list_clear(struct pane_list *l);
/* Append a row; text is copied when copy is set. Returns the row. */
struct pane_list_row *pane_list_add(struct pane_list *l, const char *text,
    size_t len, bool copy, int col, enum ts_style style);
/* Append the typeset lines of d, each as a row (borrowed text). */
void pane_list_add_doc(struct pane_list *l, const struct ts_doc *d,
    size_t from, size_t to);
void pane_list_draw(struct pane_list *l, WINDOW *win, int y0, int h, int w);
/* Movement actions; true when handled. */
bool pane_list_action(struct pane_list *l, enum action a);
/* Select the row on screen row y; false if it is not selectable. */
bool pane_list_click(struct pane_list *l, int y);
/* The selected row, or NULL. */
struct pane_list_row *pane_list_selected(struct pane_list *l);
/* Select row i (or the next selectable one) and scroll it into view. */
void pane_list_select(struct pane_list *l, size_t i);

#endif
