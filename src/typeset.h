/*
 * typeset.h: the model → styled lines at a width. The same lines feed the
 * screen (pane-*.c) and --dump (dump.c), so what the tests see in a dump is
 * what the reader sees on screen. Headlines centred, bylines, captions and
 * credits set apart, body paragraphs indented two ideographic cells,
 * contents entries with the page number right-aligned, the masthead set like
 * a nameplate. No curses.
 */
#ifndef HERALD_TYPESET_H
#define HERALD_TYPESET_H

#include <stdbool.h>
#include <stddef.h>

#include "issue.h"
#include "layout.h"

enum ts_style {
	TS_BLANK,
	TS_RULE,		/* a horizontal rule made of ─ */
	TS_TITLE,		/* masthead title */
	TS_TITLE_EN,		/* masthead English title */
	TS_PUBLINE,		/* publication line */
	TS_PAGE,		/* page header: 第01版 */
	TS_HEADLINE,
	TS_SUBHEAD,
	TS_BYLINE,
	TS_BODY,
	TS_JUMP,		/* a jump line: a link to link_page */
	TS_CAPTION,
	TS_CREDIT,
	TS_SIGNATURE,
	TS_LIST,
	TS_QUOTE,
	TS_CONTENTS_HEAD,	/* 本期导读 */
	TS_CONTENTS,		/* a contents entry: a link to link_page */
	TS_FURNITURE,
	TS_FIGURE,		/* a photo's line: [图] caption credit */
	TS_TABLE,		/* a line of a table, rules and cells; all the
				 * lines of one table have the same width */
	TS_PHOTO,		/* a row of a photo's picture, above its
				 * [图] line: no text (link_page: the row), or
				 * the one-line reason it cannot be shown;
				 * the article pane's, never typeset's */
};

/* Pointers first, then the ints: no padding (56 bytes on LP64), since a
 * 10 MB page makes hundreds of thousands of lines. */
struct ts_line {
	const char		*text;		/* (borrowed) model text or the doc's own */
	size_t			 len;
	const struct article	*article;	/* (borrowed) article it belongs to, or NULL */
	const struct block	*block;		/* (borrowed) block it comes from, or NULL */
	const struct article	*link;		/* (borrowed) resolved target, or NULL */
	int			 col;		/* starting column */
	int			 width;		/* columns of text */
	enum ts_style		 style;
	int			 link_page;	/* TS_JUMP, TS_CONTENTS: the page named */
};

struct typeset_opts {
	int			width;		/* columns */
	int			indent;		/* body first-line indent (4) */
	int			paragraph_gap;	/* blank lines between paragraphs (1) */
	enum layout_kinsoku	kinsoku;
	bool			ascii_rules;	/* tables ruled with + - | (and when
						 * ─ is not one column wide) */
	bool			table_scroll;	/* a table whose words do not fit
						 * whole is set wider than width,
						 * for a pane that scrolls it
						 * sideways (else cells wrap
						 * inside words, or stack) */
};

struct ts_doc {
	struct typeset_opts	 o;
	struct ts_line		*lines;		/* owned */
	size_t			 n;
	size_t			 cap;
	char			**owned;	/* strings the doc made itself */
	size_t			 nowned;
	size_t			 ownedcap;
	const struct article	**held;		/* shelved stories its lines
						 * read (shelf_hold) */
	size_t			 nheld;
	struct layout_lines	 lay;		/* scratch for layout_wrap (owned;
						 * empty between typeset_* calls) */
	bool			 cont;		/* lines were drained before these */
	int			 drained_blank;	/* blank lines the drained end with */
	/* when set, called between a page's articles once the doc holds
	 * TS_FLUSH_HELD stories read back or TS_FLUSH_LINES lines: --dump
	 * writes the lines there and drains them (typeset_drain), so that
	 * a big page is never held whole */
	void			(*flush)(struct ts_doc *d, void *ctx);
	void			*flush_ctx;
};

#define TS_FLUSH_HELD 8
#define TS_FLUSH_LINES 4096

/*
 * Start an empty doc (o->width below 2 counts as 2). Lines point into the
 * model, so the issue must outlive the doc. Free with typeset_free().
 */
struct config;
/*
 * The options the settings give ([layout] indent, paragraph_gap, kinsoku,
 * ascii_rules) at width columns: the one place a setting of the layout
 * reaches the typesetter (--dump and every pane).
 */
void typeset_opts_from(struct typeset_opts *o, const struct config *cfg,
                       int width);
void typeset_init(struct ts_doc *d, const struct typeset_opts *o);
/* Masthead: title, English title, publication line, a rule. */
void typeset_masthead(struct ts_doc *d, const struct issue *is);
/*
 * The masthead in three rows or so, for a front page short of rows: the
 * title, the date line (date, weekday, number, pages) and the rule; what
 * it leaves out (the English title, the publication line) is
 * typeset_colophon's, set at the page's foot.
 */
void typeset_masthead_brief(struct ts_doc *d, const struct issue *is);
void typeset_colophon(struct ts_doc *d, const struct issue *is);
/* One article: headline, byline, subheads, body, jump lines. */
void typeset_article(struct ts_doc *d, const struct article *a);
/* One block of article a (a page item when a is NULL), alone: the lines
 * it makes in a page or an article, which depend on it and the width
 * alone (the front page lays a caption out when it is shown). */
void typeset_block(struct ts_doc *d, const struct article *a,
                   const struct block *b);
/*
 * A page in source order: header (第01版 and the page title), then the
 * articles with the page items (block.after) and the contents box
 * (contents_after) between them. A contents entry's last line ends with
 * its page number (03版) flush right; the entry's lines link to it.
 */
void typeset_page(struct ts_doc *d, const struct page *p);
/* Of it, articles [from, to) (from < to, or both 0): the header when from
 * is 0, the items before each, the contents box when it stands among
 * them, the items after the last when to is the page's end. */
void typeset_page_part(struct ts_doc *d, const struct page *p, size_t from,
                       size_t to);
/* Everything, as --dump prints it: masthead, then every page. With
 * d->flush set, typeset_page and this hand their lines out as they go. */
void typeset_issue(struct ts_doc *d, const struct issue *is);
/*
 * typeset_issue in parts, for a dump that streams (stream.h): the
 * masthead (typeset_masthead), then for each page its head (the gap
 * before it and its header) once and its body, the articles and items
 * between them as typeset_page sets them, in as many parts as come.
 * typeset_drain forgets the lines once written (and the strings the doc
 * made for them); the gaps after it count the blank lines it forgot.
 */
void typeset_page_head(struct ts_doc *d, const struct page *p);
void typeset_page_body(struct ts_doc *d, const struct page *p);
void typeset_drain(struct ts_doc *d);
void typeset_free(struct ts_doc *d);

#endif
