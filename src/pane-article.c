/*
 * pane-article.c: the article being read. Shows the typeset lines of one
 * article (or, with [reader] continuous, of the whole chain of continued
 * articles; or, after v, of its whole page as --dump sets it) and scrolls
 * them; jump lines are links. The place, the history
 * and the search are the reader's (reader.h): this pane shows r->place on
 * top and tells the reader when scrolling moves it. The place's key
 * survives a new layout at another width, so resizing keeps the reader on
 * the same sentence. The text comes only from typeset.h; this file never
 * lays out.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "pane.h"
#include "resolve.h"
#include "text.h"
#include "url.h"
#include "width.h"
#include "xmalloc.h"

/* Most articles a continuous chain may join (guards a cycle of jumps). */
#define CHAIN_MAX 32

struct fold {
	const char		*text;	/* (borrowed) the piece folded */
	struct text_folded	 f;
	struct text_hits	 hits;	/* the needle's hits in it */
};

/* The margins give way below this width of text. */
#define ART_MIN_COLUMN 20

/* v on a page of more stories than this lays out a window of this many,
 * moved as the view reaches its ends: a page of thousands (a whole file
 * without page headings) is not read back and laid out whole. */
#define ART_PAGE_STORIES 64

struct art {
	struct pane_ctx		*ctx;
	const struct article	*a;	/* the article opened */
	bool			 page;	/* v: its whole page is shown */
	size_t			 from, to; /* page: its articles laid out */
	struct ts_doc		 doc;
	bool			 have_doc;
	bool			 stale;	/* doc is for another width */
	const struct article	**larts; /* per line: its article */
	size_t			*keys;	/* per line: its key */
	int			 h, w;	/* w: the text column's width */
	int			 xoff;	/* where the column starts in the pane */
	size_t			 top;
	int			 wide;	/* columns of the widest line (a table) */
	int			 hscroll; /* columns the lines wider than w are
					   * scrolled left by (< and >) */
	unsigned long		 moves;		/* the reader's moves shown */
	size_t			 sel_from, sel_to;	/* selected lines, */
	bool			 have_sel;	/* when there is a selection */
	bool			 photos; /* the doc has rows of photos */
	int			 photos_h; /* the pane's height they were
					    * laid out for */
	struct fold		*folds;	/* folded pieces for the highlights */
	size_t			 nfolds;
	char			*fold_needle;
};

/* --- offsets ------------------------------------------------------------- */

static bool
inside(const char *p, const char *base, size_t len)
{
	uintptr_t x = (uintptr_t)p, b = (uintptr_t)base;

	return base != NULL && x >= b && x <= b + len;
}

/* Byte offset of p in a's text (headline, then the blocks in order). */
static bool
text_offset(const struct article *a, const char *p, size_t *off)
{
	size_t base, i;

	if (inside(p, a->headline, a->headline_len)) {
		*off = (size_t)(p - a->headline);
		return true;
	}
	base = a->headline_len;
	for (i = 0; i < a->nblocks; i++) {
		const struct block *b = &a->blocks[i];

		if (inside(p, b->text, b->len)) {
			*off = base + (size_t)(p - b->text);
			return true;
		}
		base += b->len;
	}
	return false;
}

static size_t
block_base(const struct article *a, const struct block *blk)
{
	size_t base = a->headline_len, i;

	for (i = 0; i < a->nblocks && &a->blocks[i] != blk; i++)
		base += a->blocks[i].len;
	return base;
}

/* The piece (headline or block text) that holds linear offset off. */
static const char *
piece_at(const struct article *a, size_t off, size_t *base, size_t *len)
{
	size_t b = a->headline_len, i;

	if (off < a->headline_len || a->nblocks == 0) {
		*base = 0;
		*len = a->headline_len;
		return a->headline;
	}
	for (i = 0; i < a->nblocks; i++) {
		if (off < b + a->blocks[i].len || i + 1 == a->nblocks) {
			*base = b;
			*len = a->blocks[i].len;
			return a->blocks[i].text;
		}
		b += a->blocks[i].len;
	}
	*base = 0;
	*len = 0;
	return NULL;
}

/* --- layout ---------------------------------------------------------------- */

static void
free_folds(struct art *p)
{
	size_t i;

	for (i = 0; i < p->nfolds; i++) {
		text_folded_free(&p->folds[i].f);
		text_hits_free(&p->folds[i].hits);
	}
	free(p->folds);
	p->folds = NULL;
	p->nfolds = 0;
	free(p->fold_needle);
	p->fold_needle = NULL;
}

static void
free_doc(struct art *p)
{
	if (p->have_doc)
		typeset_free(&p->doc);
	p->have_doc = false;
	free(p->larts);
	free(p->keys);
	p->larts = NULL;
	p->keys = NULL;
	p->have_sel = false;
	free_folds(p);
}

/* --- photos ------------------------------------------------------------------ */

/*
 * Rows for the photos above their [图] lines (pane-photo.c): as many as
 * each takes at the width (its header read, nothing decoded), or one for
 * the reason it cannot be shown. At most [images] max_rows, or 40% of
 * the pane.
 */
static void
insert_photos(struct art *p)
{
	struct ts_doc *d = &p->doc;
	int maxr = p->ctx->cfg->image_rows > 0 ? p->ctx->cfg->image_rows :
	    p->h * 2 / 5;
	size_t i, k, n = d->n, extra = 0;
	struct ts_line *v;
	int *rows, *cols;

	p->photos_h = p->h;
	rows = xcalloc(n ? n : 1, sizeof *rows);
	cols = xcalloc(n ? n : 1, sizeof *cols);
	for (i = 0; i < n; i++) {
		const struct ts_line *t = &d->lines[i];

		/* the first line of a figure that names a file */
		if (t->style != TS_FIGURE ||
		    (i > 0 && d->lines[i - 1].block == t->block))
			continue;
		rows[i] = pane_pics_fit(p->ctx->pics, p->ctx->rd->is,
		    t->article, t->block, p->w, maxr < 2 ? 2 : maxr, &cols[i]);
		extra += (size_t)rows[i];
	}
	if (extra > 0) {
		v = xreallocarray(NULL, n + extra, sizeof *v);
		for (i = 0, k = 0; i < n; i++) {
			const struct ts_line *t = &d->lines[i];
			int r;

			for (r = 0; r < rows[i]; r++)
				v[k++] = (struct ts_line){
					.text = "",
					.article = t->article,
					.block = t->block,
					.col = (p->w - cols[i]) / 2,
					.width = cols[i],
					.style = TS_PHOTO,
					.link_page = r,
				};
			v[k++] = *t;
		}
		free(d->lines);
		d->lines = v;
		d->n = d->cap = n + extra;
		p->photos = true;
	}
	free(rows);
	free(cols);
}

/* Line i, a row of a photo. */
static void
draw_photo(struct art *p, WINDOW *win, int y, size_t i)
{
	const struct ts_line *t = &p->doc.lines[i];
	struct pane_photo_row r = {
		.a = t->article,
		.b = t->block,
		.cols = t->width,
		.row = t->link_page,
	};
	size_t k = i - (size_t)t->link_page;

	/* its rows: the run of lines of the photo it starts */
	while (k < p->doc.n && p->doc.lines[k].style == TS_PHOTO &&
	    p->doc.lines[k].block == t->block)
		k++;
	r.rows = (int)(k - (i - (size_t)t->link_page));
	pane_pics_draw(p->ctx->pics, p->ctx, win, y, p->xoff + t->col,
	    p->xoff + p->w, &r);
}

static bool
in_chain(const struct article *const *v, size_t n, const struct article *a)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == a)
			return true;
	return false;
}

/* v shows a window of p->a's page, not all of it. */
static bool
windowed(const struct art *p)
{
	return p->page && p->to - p->from < p->a->page->narticles;
}

/* The articles of p->a's page that v lays out: all, or of a page of
 * more than ART_PAGE_STORIES, as many, p->a a quarter of them down. */
static void
page_window(struct art *p)
{
	size_t n = p->a->page->narticles, i = p->a->index;

	p->from = 0;
	p->to = n;
	if (n <= ART_PAGE_STORIES)
		return;
	p->from = i > ART_PAGE_STORIES / 4 ? i - ART_PAGE_STORIES / 4 : 0;
	if (p->from > n - ART_PAGE_STORIES)
		p->from = n - ART_PAGE_STORIES;
	p->to = p->from + ART_PAGE_STORIES;
}

static void
build(struct art *p)
{
	const struct config *cfg = p->ctx->cfg;
	struct typeset_opts o;
	const struct article *chain[CHAIN_MAX];
	size_t n = 0, i, last_end = 0;
	const struct article *cur = NULL;

	free_doc(p);
	if (p->a == NULL || p->w <= 0)
		return;
	typeset_opts_from(&o, cfg, p->w);
	o.table_scroll = true;
	typeset_init(&p->doc, &o);
	p->have_doc = true;
	if (p->page) {
		/* the page as printed: its articles, captions, contents box
		 * (of a page of thousands, those about p->a) */
		const struct page *pg = p->a->page;

		page_window(p);
		for (i = p->from; i < p->to; i++)
			convert_article(page_article(pg, i));
		typeset_page_part(&p->doc, pg, p->from, p->to);
		chain[n++] = p->to > p->from ? page_article(pg, p->from) :
		    p->a;
	} else if (cfg->continuous && p->ctx->rd->is != NULL) {
		const struct article *head = p->a, *prev;

		chain[n++] = head;
		while (n < CHAIN_MAX &&
		    (prev = resolve_continued_from(p->ctx->rd->is, head)) != NULL &&
		    !in_chain(chain, n, prev)) {
			head = prev;
			chain[n++] = prev;
		}
		n = 0;
		for (cur = head; cur != NULL && n < CHAIN_MAX &&
		    !in_chain(chain, n, cur);
		    cur = resolve_continuation(p->ctx->rd->is, cur))
			chain[n++] = cur;
	} else
		chain[n++] = p->a;
	for (i = 0; i < n && !p->page; i++) {
		convert_article(chain[i]);
		typeset_article(&p->doc, chain[i]);
	}
	p->photos = false;
	if (p->ctx->rd->images)
		insert_photos(p);
	p->stale = false;

	p->larts = xcalloc(p->doc.n ? p->doc.n : 1, sizeof *p->larts);
	p->keys = xcalloc(p->doc.n ? p->doc.n : 1, sizeof *p->keys);
	cur = chain[0];
	p->wide = 0;
	for (i = 0; i < p->doc.n; i++) {
		const struct ts_line *t = &p->doc.lines[i];
		size_t off;

		if (t->col + t->width > p->wide)
			p->wide = t->col + t->width;

		if (t->article != NULL && t->article != cur) {
			cur = t->article;
			last_end = 0;
		}
		p->larts[i] = cur;
		if (t->len > 0 && text_offset(cur, t->text, &off)) {
			p->keys[i] = 2 * off + 1;
			last_end = off + t->len;
		} else if (t->len > 0 && t->block != NULL) {
			off = block_base(cur, t->block);
			p->keys[i] = 2 * off + 1;
			last_end = off + t->block->len;
		} else
			p->keys[i] = 2 * last_end;
	}
}

static size_t
max_top(const struct art *p)
{
	size_t h = p->h > 0 ? (size_t)p->h : 1;

	return p->doc.n > h ? p->doc.n - h : 0;
}

/* The line for a place: the last line of that article with key ≤ key. */
static bool
find_line(const struct art *p, const struct reader_place *pl, size_t *line)
{
	size_t i, best = SIZE_MAX;

	for (i = 0; i < p->doc.n; i++) {
		if (p->larts[i] != pl->a)
			continue;
		if (p->keys[i] <= pl->key || best == SIZE_MAX)
			best = i;
		if (p->keys[i] > pl->key)
			break;
	}
	if (best == SIZE_MAX)
		return false;
	*line = best;
	return true;
}

/* Scroll to line i (clamped) and make it what a resize keeps. */
static void
set_top(struct art *p, size_t i)
{
	size_t m = max_top(p);

	p->top = i > m ? m : i;
	if (p->top < p->doc.n)
		reader_scrolled(p->ctx->rd, p->larts[p->top], p->keys[p->top]);
}

/*
 * Scroll to line want, which on a page of thousands (v) may lie past
 * either end of the window laid out: the window is laid out again about
 * the line on top first, which keeps its place, so the page reads on as
 * one.
 */
static void
scroll_to(struct art *p, long long want)
{
	const struct page *pg = p->page ? p->a->page : NULL;
	struct reader_place keep;
	size_t line = 0;
	long long by;

	if (pg != NULL && p->top < p->doc.n &&
	    ((want > (long long)max_top(p) && p->to < pg->narticles) ||
	     (want < 0 && p->from > 0))) {
		keep.a = p->larts[p->top];
		keep.key = p->keys[p->top];
		by = want - (long long)p->top;
		p->a = keep.a;
		build(p);
		find_line(p, &keep, &line);
		want = (long long)line + by;
	}
	set_top(p, want < 0 ? 0 : (size_t)want);
}

/* v: the top (or the end) of the page, laid out about its first (last)
 * article when the window is elsewhere. */
static void
page_end(struct art *p, bool end)
{
	const struct page *pg = p->a->page;

	if (pg->narticles > 0 &&
	    (end ? p->to < pg->narticles : p->from > 0)) {
		p->a = page_article(pg, end ? pg->narticles - 1 : 0);
		build(p);
	}
	set_top(p, end ? max_top(p) : 0);
}

/* v on a page of thousands: N% means its article N% of the way down,
 * shown on top (the window laid out about it unless it is there), not a
 * line of the window. */
static void
page_percent(struct art *p, size_t pct)
{
	const struct page *pg = p->a->page;
	struct reader_place at = { NULL, 0 };
	size_t line = 0, i = (pg->narticles - 1) * (pct < 100 ? pct : 100) /
	    100;

	at.a = page_article(pg, i);
	if (i < p->from || i >= p->to) {
		p->a = at.a;
		build(p);
	}
	find_line(p, &at, &line);
	set_top(p, line);
}

/* Show the reader's place at the top (as far as the end of the text
 * allows), without moving it: what resizing keeps on top. */
static void
show_place(struct art *p)
{
	size_t line = 0, m = max_top(p);

	find_line(p, &p->ctx->rd->place, &line);
	p->top = line > m ? m : line;
}

/*
 * The text column in a pane w wide: [layout] margin columns kept blank on
 * each side (less when the pane is too narrow for them), then at most
 * [layout] measure Chinese characters (2 columns each; 0: no limit),
 * centred, as a book's page or epy sets it. Sets p->xoff; returns the
 * column's width.
 */
static int
column(struct art *p, int w)
{
	const struct config *cfg = p->ctx->cfg;
	int m = cfg->margin, tw;

	if (w - 2 * m < ART_MIN_COLUMN)
		m = w > ART_MIN_COLUMN ? (w - ART_MIN_COLUMN) / 2 : 0;
	tw = w - 2 * m;
	if (cfg->measure > 0 && tw > 2 * cfg->measure)
		tw = 2 * cfg->measure;
	p->xoff = (w - tw) / 2;
	return tw;
}

static void
art_resize(void *data, int h, int w)
{
	struct art *p = data;

	p->h = h;
	w = column(p, w);
	if (w != p->w) {
		/* Laid out again when next shown or used (ensure): a resize
		 * behind another pane, or a storm of them, costs nothing. */
		p->w = w;
		p->stale = true;
	}
	/* photos take 40% of the pane's height */
	if (h != p->photos_h && p->photos && p->ctx->cfg->image_rows == 0)
		p->stale = true;
	if (p->a == NULL)
		return;
	if (!p->stale && p->have_doc && p->moves == p->ctx->rd->moves)
		show_place(p);
}

static bool
doc_has(const struct art *p, const struct article *a)
{
	size_t i;

	for (i = 0; i < p->doc.n; i++)
		if (p->larts[i] == a)
			return true;
	return false;
}

static void
art_update(void *data, enum pane_update what)
{
	struct art *p = data;

	/* A new issue is a move of the reader's (ensure sees it). */
	if (what == PANE_UPDATE_WIDTHS || what == PANE_UPDATE_TEXT ||
	    what == PANE_UPDATE_GROWN)
		p->stale = true;
}

/* The doc for the reader's place, at the current width, the place on top:
 * the same doc when the place is in it (a continuous chain, back). */
static void
ensure(struct art *p)
{
	const struct reader *r = p->ctx->rd;

	if (p->moves != r->moves) {
		p->moves = r->moves;
		if (r->place.a == NULL) {
			free_doc(p);
			p->a = NULL;
			p->top = 0;
			return;
		}
		if (!p->have_doc || !doc_has(p, r->place.a)) {
			p->a = r->place.a;
			p->hscroll = 0;
			build(p);
		} else if (p->stale)
			build(p);
		show_place(p);
		return;
	}
	if (p->a == NULL || (!p->stale && p->have_doc))
		return;
	build(p);
	show_place(p);
}

/* --- links ------------------------------------------------------------------ */

/* The link the reader would follow: the first jump line on screen. */
static size_t
current_link(const struct art *p)
{
	size_t i, h = p->h > 0 ? (size_t)p->h : 1;

	for (i = p->top; i < p->doc.n && i < p->top + h; i++)
		if (p->doc.lines[i].style == TS_JUMP)
			return i;
	return SIZE_MAX;
}

static void
follow(struct art *p, size_t i)
{
	struct pane_ctx *ctx = p->ctx;
	const struct ts_line *t = &p->doc.lines[i];
	int dir = t->block != NULL ? t->block->jump_dir : 1;

	if (t->link != NULL) {
		pane_show(ctx, reader_open(ctx->rd, t->link, true));
		return;
	}
	pane_show(ctx, reader_follow_jump(ctx->rd, p->larts[i], t->link_page, dir));
}

/* --- search ------------------------------------------------------------------ */

/* The needle's hits in a piece, found once (cached while the needle
 * stays the same). */
static const struct text_hits *
hits_of(struct art *p, const char *text, size_t len)
{
	struct fold *fo;
	size_t i;

	if (p->fold_needle == NULL || strcmp(p->fold_needle, p->ctx->rd->needle) != 0) {
		free_folds(p);
		p->fold_needle = xstrdup(p->ctx->rd->needle);
	}
	for (i = 0; i < p->nfolds; i++)
		if (p->folds[i].text == text)
			return &p->folds[i].hits;
	p->folds = xreallocarray(p->folds, p->nfolds + 1, sizeof *p->folds);
	fo = &p->folds[p->nfolds++];
	fo->text = text;
	text_fold_with(&fo->f, text, len, reader_search_fold(p->ctx->rd));
	text_hits_find(&fo->hits, &fo->f, p->ctx->rd->needle);
	return &fo->hits;
}

/* --- drawing ------------------------------------------------------------------- */

/*
 * A line wider than the pane, scrolled left by hscroll columns (no further
 * than its end allows): "<" in the first column when some of it is off to
 * the left, ">" in the last when some is off to the right. A wide
 * character cut by the left edge shows as a space.
 */
static void
draw_wide(struct art *p, WINDOW *win, int y, const struct ts_line *t, int w,
    attr_t a)
{
	int lw = t->col + t->width, shift = p->hscroll, x0, xmax, skip;
	attr_t mark = p->ctx->attr[UI_DIM] | A_BOLD;

	if (shift > lw - w)
		shift = lw - w;
	if (shift < 0)
		shift = 0;
	/* the marks take a column of their own: no character is cut by one */
	x0 = shift > 0 ? 1 : 0;
	xmax = lw - shift > w ? w - 1 : w;
	skip = shift + x0 - t->col;
	draw_put_from(win, y, p->xoff + (skip < 0 ? -skip : x0),
	    p->xoff + xmax, t->text, t->len, skip > 0 ? skip : 0, a);
	if (x0 > 0)
		draw_put(win, y, p->xoff, p->xoff + w, "<", 1, mark);
	if (xmax < w)
		draw_put(win, y, p->xoff + w - 1, p->xoff + w, ">", 1, mark);
}

/* A match's attribute: the current one (where n and N count from, the
 * status line's "match 3/17") bold, underlined the other way round. */
static attr_t
match_attr(const struct pane_ctx *ctx, const struct article *a, size_t start)
{
	const struct reader *r = ctx->rd;

	if (r->have_match && r->match.a == a && r->match.key == start)
		return (ctx->attr[UI_MATCH] ^ A_UNDERLINE) | A_BOLD;
	return ctx->attr[UI_MATCH];
}

/*
 * The text line i is cut from: the piece (headline or block text) that
 * holds it, with the line's offset in it; or the line's own text (a
 * table's row, a line the typesetter made) when no piece does.
 */
static const char *
line_piece(const struct art *p, size_t i, size_t *plen, size_t *off)
{
	const struct ts_line *t = &p->doc.lines[i];
	const struct article *ar = p->larts[i];
	const char *piece;
	size_t base;

	if (ar != NULL && text_offset(ar, t->text, off) &&
	    (piece = piece_at(ar, *off, &base, plen)) != NULL &&
	    inside(t->text, piece, *plen)) {
		*off -= base;
		return piece;
	}
	*plen = t->len;
	*off = 0;
	return t->text;
}

/* How far before a line an address that reaches into it is looked for:
 * a line costs the same in a paragraph of any length. */
#define URL_BACK 1024

/* The web addresses of line i underlined, over what is drawn (an
 * address that the line breaks is found whole in its piece). */
static void
underline_urls(struct art *p, WINDOW *win, int y, size_t i, int xmax,
    attr_t a)
{
	const struct ts_line *t = &p->doc.lines[i];
	size_t plen, off, s, e, from;
	const char *piece = line_piece(p, i, &plen, &off);

	from = off > URL_BACK ? off - URL_BACK : 0;
	while (url_find(piece, plen, from, off + t->len, &s, &e)) {
		from = e;
		if (e <= off)
			continue;
		if (s >= off + t->len)
			break;
		if (s < off)
			s = off;
		if (e > off + t->len)
			e = off + t->len;
		draw_put(win, y, p->xoff + t->col + width_str(piece + off,
		    s - off), xmax, piece + s, e - s, a | A_UNDERLINE);
	}
}

size_t
pane_article_urls(void *data, char ***out)
{
	struct art *p = data;
	size_t i, n = 0, h = p->h > 0 ? (size_t)p->h : 1, plen, off, s, e,
	    from, k;
	const char **starts = NULL;
	char **v = NULL;

	ensure(p);
	for (i = p->top; p->a != NULL && i < p->doc.n && i < p->top + h; i++) {
		const char *piece = line_piece(p, i, &plen, &off);
		size_t len = p->doc.lines[i].len;

		for (from = off > URL_BACK ? off - URL_BACK : 0;
		    url_find(piece, plen, from, off + len, &s, &e); from = e) {
			if (s >= off + len)
				break;
			if (e <= off)
				continue;
			for (k = 0; k < n && starts[k] != piece + s; k++)
				;
			if (k < n)
				continue;	/* seen on a line above */
			starts = xreallocarray(starts, n + 1, sizeof *starts);
			v = xreallocarray(v, n + 1, sizeof *v);
			starts[n] = piece + s;
			v[n++] = xstrndup(piece + s, e - s);
		}
	}
	free(starts);
	*out = v;
	return n;
}

static void
draw_text(struct art *p, WINDOW *win, int y, size_t i, int w, attr_t a)
{
	struct pane_ctx *ctx = p->ctx;
	const struct ts_line *t = &p->doc.lines[i];
	const struct article *ar = p->larts[i];
	size_t off, base, plen, pos, s, e, k;
	const char *piece;
	const struct text_hits *h;
	int x = p->xoff + t->col;

	if (t->len == 0)
		return;
	if (t->col + t->width > w) {
		/* wider than the pane (a table): scrolled sideways */
		draw_wide(p, win, y, t, w, a);
		return;
	}
	if (ctx->rd->needle == NULL || *ctx->rd->needle == '\0' ||
	    !text_offset(ar, t->text, &off) ||
	    (piece = piece_at(ar, off, &base, &plen)) == NULL ||
	    !inside(t->text, piece, plen)) {
		draw_put(win, y, x, p->xoff + w, t->text, t->len, a);
		return;
	}
	w += p->xoff;		/* from here on: the column's right edge */
	h = hits_of(p, piece, plen);
	off -= base;		/* the line within its piece */
	pos = off;
	/* From the first hit that reaches into the line, not from the
	 * piece's start: a long paragraph is drawn in linear time. */
	for (k = text_hits_from(h, off); pos < off + t->len && k < h->n; k++) {
		s = h->v[k].start;
		e = h->v[k].end;
		if (s >= off + t->len)
			break;
		if (e > pos) {
			size_t hs = s > pos ? s : pos;
			size_t he = e < off + t->len ? e : off + t->len;

			x = draw_put(win, y, x, w, piece + pos, hs - pos, a);
			x = draw_put(win, y, x, w, piece + hs, he - hs,
			    match_attr(ctx, ar, base + s));
			pos = he;
		}
	}
	if (pos < off + t->len)
		draw_put(win, y, x, w, piece + pos, off + t->len - pos, a);
}

static void
draw_line(struct art *p, WINDOW *win, int y, size_t i, int w, bool selected)
{
	const struct ts_line *t = &p->doc.lines[i];
	bool in_sel = p->have_sel && i >= p->sel_from && i <= p->sel_to;
	attr_t a = selected || in_sel ? p->ctx->attr[UI_SELECT] :
	    pane_style_attr(p->ctx, t->style);

	if (in_sel) {
		/* the selection reads as a bar over the column */
		wattrset(win, a);
		mvwhline(win, y, p->xoff, ' ', w);
	}
	if (t->style == TS_PHOTO) {
		draw_photo(p, win, y, i);
		return;
	}

	draw_text(p, win, y, i, w, a);
	if (t->len > 0 && t->col + t->width <= w)
		underline_urls(p, win, y, i, p->xoff + w, a);
}

static void
art_draw(void *data, WINDOW *win, int y0, int h, int w)
{
	struct art *p = data;
	size_t i, link;
	int y;

	p->h = h;
	ensure(p);
	if (p->a == NULL) {
		char k1[32], k2[32], *s;
		const char *f = keys_hint(ACTION_FRONT, k1, sizeof k1);
		const char *c = keys_hint(ACTION_CONTENTS, k2, sizeof k2);

		s = f && c ? xasprintf("No article open: press %s for the "
		    "front page or %s for the contents.", f, c) :
		    xstrdup("No article open: choose one on the front page "
		    "or in the contents.");
		draw_puts(win, y0, 1, w, s, p->ctx->attr[UI_DIM]);
		free(s);
		return;
	}
	if (p->top > max_top(p))
		p->top = max_top(p);
	link = current_link(p);
	for (y = 0, i = p->top; y < h && i < p->doc.n; y++, i++)
		draw_line(p, win, y0 + y, i, p->w, i == link);
}

/* < and >: half a screen sideways, within the widest line. */
static void
scroll_sideways(struct art *p, int dir)
{
	int w = p->w > 0 ? p->w : 1, step = w / 2 > 0 ? w / 2 : 1;
	int most = p->wide - w;

	if (most <= 0) {
		reader_message(p->ctx->rd, false,
		    "Nothing here is wider than the screen");
		return;
	}
	p->hscroll += dir * step;
	if (p->hscroll > most)
		p->hscroll = most;
	if (p->hscroll < 0)
		p->hscroll = 0;
}

static bool
art_action(void *data, enum action act)
{
	struct art *p = data;
	struct pane_ctx *ctx = p->ctx;
	size_t h = p->h > 1 ? (size_t)p->h - 1 : 1, i;
	/* a count: so many lines or screens, or line N (12g), N% */
	size_t n = ctx->rd->count, times = n > 0 ? n : 1;
	const struct article *cur, *to;

	ensure(p);
	cur = ctx->rd->place.a;
	if (p->a == NULL)
		return false;
	switch (act) {
	case ACTION_DOWN:
		scroll_to(p, (long long)p->top +
		    (long long)(times < p->doc.n ? times : p->doc.n));
		return true;
	case ACTION_UP:
		scroll_to(p, (long long)p->top -
		    (long long)(times < p->doc.n ? times : p->doc.n));
		return true;
	case ACTION_PAGE_DOWN:
		if (p->top >= max_top(p) &&
		    (!p->page || p->to == p->a->page->narticles)) {
			/* At the end: on to the next article, as a paper reads. */
			to = ctx->rd->is ? issue_next_article(ctx->rd->is, cur) : NULL;
			if (to == NULL)
				reader_message(ctx->rd, false, "End of the issue");
			else {
				char k[32];
				const char *nx = keys_hint(ACTION_NEXT_ARTICLE, k,
				    sizeof k);

				reader_message(ctx->rd, false, "End of the "
				    "article%s%s%s", nx ? ": " : "", nx ? nx : "",
				    nx ? " for the next one" : "");
			}
			return true;
		}
		h *= times < p->doc.n ? times : p->doc.n;
		scroll_to(p, (long long)(p->top + h));
		return true;
	case ACTION_PAGE_UP:
		h *= times < p->doc.n ? times : p->doc.n;
		scroll_to(p, (long long)p->top - (long long)h);
		return true;
	case ACTION_TOP:
	case ACTION_BOTTOM:
		if (n > 0)	/* line n at the top, as less's ng and nG */
			set_top(p, n - 1 < p->doc.n ? n - 1 : p->doc.n);
		else if (p->page)
			page_end(p, act == ACTION_BOTTOM);
		else
			set_top(p, act == ACTION_TOP ? 0 : max_top(p));
		return true;
	case ACTION_PERCENT:
		if (windowed(p))
			page_percent(p, n);
		else
			set_top(p, pane_percent(p->doc.n, n));
		return true;
	case ACTION_SCROLL_LEFT:
	case ACTION_SCROLL_RIGHT:
		scroll_sideways(p, act == ACTION_SCROLL_RIGHT ? 1 : -1);
		return true;
	case ACTION_WHOLE_PAGE:
		/* the same place on top, in the page or in its article */
		p->page = !p->page;
		p->a = cur;
		build(p);
		show_place(p);
		if (p->page)
			reader_message(ctx->rd, false, "The whole page %02d版",
			    cur->page->number);
		else
			reader_message(ctx->rd, false, "One article");
		return true;
	case ACTION_OPEN:
		if ((i = current_link(p)) == SIZE_MAX) {
			reader_message(ctx->rd, false, "No link on this screen");
			return true;
		}
		follow(p, i);
		return true;
	case ACTION_CONTINUE:
	case ACTION_BACK:
	case ACTION_NEXT_ARTICLE:
	case ACTION_PREV_ARTICLE:
	case ACTION_NEXT_PAGE:
	case ACTION_PREV_PAGE:
		/* back with no history: ui.c returns to the list */
		return pane_show(ctx, reader_step(ctx->rd, act));
	default:
		return false;
	}
}

size_t
pane_article_select(void *data, int a, int b)
{
	struct art *p = data;
	size_t from, to;

	ensure(p);
	if (p->a == NULL || p->doc.n == 0)
		return 0;
	if (a > b) {
		int t = a;

		a = b;
		b = t;
	}
	from = p->top + (size_t)(a > 0 ? a : 0);
	to = p->top + (size_t)(b > 0 ? b : 0);
	if (from >= p->doc.n)
		return 0;
	if (to >= p->doc.n)
		to = p->doc.n - 1;
	p->sel_from = from;
	p->sel_to = to;
	p->have_sel = true;
	return to - from + 1;
}

bool
pane_article_selection(void *data, struct buf *out)
{
	struct art *p = data;
	size_t i;

	if (!p->have_sel || !p->have_doc)
		return false;
	for (i = p->sel_from; i <= p->sel_to && i < p->doc.n; i++) {
		const struct ts_line *t = &p->doc.lines[i];

		for (int c = 0; t->len > 0 && c < t->col; c++)
			buf_addc(out, ' ');
		buf_add(out, t->text, t->len);
		buf_addc(out, '\n');
	}
	p->have_sel = false;
	return true;
}

static void
art_click(void *data, int y, int x)
{
	struct art *p = data;
	size_t i;

	ensure(p);
	i = p->top + (size_t)y;
	if (p->a == NULL || y < 0 || i >= p->doc.n)
		return;
	if (p->doc.lines[i].style == TS_JUMP)
		follow(p, i);
}

static void
art_status(void *data, struct buf *b)
{
	struct art *p = data;
	const struct article *a = p->ctx->rd->place.a, *last;
	size_t h = p->h > 0 ? (size_t)p->h : 1, pct;

	if (a == NULL) {
		buf_adds(b, "no article");
		return;
	}
	if (windowed(p) && p->top < p->doc.n) {
		/* of a page of thousands: its articles down to the last
		 * one shown */
		last = p->larts[p->top + h < p->doc.n ? p->top + h - 1 :
		    p->doc.n - 1];
		pct = ((size_t)last->index + 1) * 100 / last->page->narticles;
	} else if (p->doc.n == 0 || p->top + h >= p->doc.n)
		pct = 100;
	else
		pct = (p->top + h) * 100 / p->doc.n;
	buf_printf(b, "%02d版 │ %zu/%zu │ %zu%%", a->page->number,
	    (size_t)a->index + 1, a->page->narticles, pct);
	if (p->page)
		buf_adds(b, " │ page");
	if (p->ctx->rd->have_match && p->ctx->rd->match.a == a &&
	    p->ctx->rd->match_no > 0)
		/* where the last search's match is among all of the issue */
		buf_printf(b, " │ match %zu/%zu", p->ctx->rd->match_no,
		    p->ctx->rd->match_total);
	if (p->wide > p->w && p->w > 0) {
		/* a table wider than the screen: which of its columns show */
		int shift = p->hscroll < p->wide - p->w ? p->hscroll :
		    p->wide - p->w;

		buf_printf(b, " │ cols %d-%d/%d", shift + 1, shift + p->w,
		    p->wide);
	}
	if (a->jump_to > 0) {
		const struct page *to = p->ctx->rd->is != NULL ?
		    issue_find_page(p->ctx->rd->is, a->jump_to) : NULL;

		char k[32];
		const char *c = keys_hint(ACTION_CONTINUE, k, sizeof k);

		buf_printf(b, " │ %s%s下转第%d版%s", c ? c : "", c ? ": " : "",
		    a->jump_to, to == NULL ?
		    " (not in this issue)" : to->failed != NULL ?
		    " (failed to load)" : "");
	}
}

static void *
art_init(struct pane_ctx *ctx)
{
	struct art *p = xcalloc(1, sizeof *p);

	p->ctx = ctx;
	return p;
}

static void
art_free(void *data)
{
	struct art *p = data;

	free_doc(p);
	free(p);
}

const struct pane_ops pane_article_ops = {
	.name = "article",
	.init = art_init,
	.free = art_free,
	.resize = art_resize,
	.update = art_update,
	.draw = art_draw,
	.action = art_action,
	.click = art_click,
	.status = art_status,
};
