/*
 * pane-article.c: the article being read. Shows the typeset lines of one
 * article (or, with [reader] continuous, of the whole chain of continued
 * articles) and scrolls them; jump lines are links; a history stack returns
 * to the exact line; the search runs over the whole issue from here.
 *
 * The place being read is kept as (article, key), where key = 2 * the byte
 * offset into the article's text + 1 for a line of text, or 2 * the offset
 * where the previous text ended for a blank or rule. The key survives a new
 * layout at another width, so resizing keeps the reader on the same
 * sentence. The text comes only from typeset.h; this file never lays out.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pane.h"
#include "resolve.h"
#include "text.h"
#include "width.h"
#include "xmalloc.h"

/* Most articles a continuous chain may join (guards a cycle of jumps). */
#define CHAIN_MAX 32

struct place {
	const struct article	*a;
	size_t			 key;
};

struct fold {
	const char		*text;	/* (borrowed) the piece folded */
	struct text_folded	 f;
	struct text_hits	 hits;	/* the needle's hits in it */
};

struct art {
	struct ui		*u;
	const struct article	*a;	/* the article opened */
	struct ts_doc		 doc;
	bool			 have_doc;
	bool			 stale;	/* doc is for another width */
	const struct article	**larts; /* per line: its article */
	size_t			*keys;	/* per line: its key */
	int			 h, w;
	size_t			 top;
	struct place		 anchor;	/* what resizing keeps on top */
	struct place		*hist;
	size_t			 nhist, caphist;
	struct fold		*folds;	/* folded pieces for the highlights */
	size_t			 nfolds;
	char			*fold_needle;
	struct place		 match;		/* the last match: a, key = start */
	bool			 have_match;
};

static struct art *
get(struct ui *u)
{
	return u->data[PANE_ARTICLE];
}

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
	free_folds(p);
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

static void
build(struct art *p)
{
	const struct config *cfg = p->u->cfg;
	struct typeset_opts o;
	const struct article *chain[CHAIN_MAX];
	size_t n = 0, i, last_end = 0;
	const struct article *cur = NULL;

	free_doc(p);
	if (p->a == NULL || p->w <= 0)
		return;
	memset(&o, 0, sizeof o);
	o.width = p->w;
	o.indent = cfg->indent;
	o.paragraph_gap = cfg->paragraph_gap;
	o.kinsoku = cfg->kinsoku;
	o.ascii_rules = cfg->ascii_rules;
	typeset_init(&p->doc, &o);
	p->have_doc = true;
	if (cfg->continuous && p->u->is != NULL) {
		const struct article *head = p->a, *prev;

		chain[n++] = head;
		while (n < CHAIN_MAX &&
		    (prev = resolve_continued_from(p->u->is, head)) != NULL &&
		    !in_chain(chain, n, prev)) {
			head = prev;
			chain[n++] = prev;
		}
		n = 0;
		for (cur = head; cur != NULL && n < CHAIN_MAX &&
		    !in_chain(chain, n, cur);
		    cur = resolve_continuation(p->u->is, cur))
			chain[n++] = cur;
	} else
		chain[n++] = p->a;
	for (i = 0; i < n; i++)
		typeset_article(&p->doc, chain[i]);
	p->stale = false;

	p->larts = xcalloc(p->doc.n ? p->doc.n : 1, sizeof *p->larts);
	p->keys = xcalloc(p->doc.n ? p->doc.n : 1, sizeof *p->keys);
	cur = chain[0];
	for (i = 0; i < p->doc.n; i++) {
		const struct ts_line *t = &p->doc.lines[i];
		size_t off;

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
find_line(const struct art *p, const struct place *pl, size_t *line)
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
	if (p->top < p->doc.n) {
		p->anchor.a = p->larts[p->top];
		p->anchor.key = p->keys[p->top];
	}
}

/* Show place pl at the top (as far as the end of the text allows),
 * without moving the anchor: the anchor is pl itself. */
static void
show_place(struct art *p, const struct place *pl)
{
	size_t line = 0, m = max_top(p);

	find_line(p, pl, &line);
	p->top = line > m ? m : line;
	p->anchor = *pl;
}

static void
art_resize(void *data, int h, int w)
{
	struct art *p = data;

	p->h = h;
	if (w != p->w) {
		/* Laid out again when next shown or used (ensure): a resize
		 * behind another pane, or a storm of them, costs nothing. */
		p->w = w;
		p->stale = true;
	}
	if (p->a == NULL)
		return;
	if (!p->stale && p->have_doc) {
		struct place keep = p->anchor;

		show_place(p, &keep);
	}
}

/* The doc, at the current width, with the anchor on top. */
static void
ensure(struct art *p)
{
	struct place keep = p->anchor;

	if (p->a == NULL || (!p->stale && p->have_doc))
		return;
	build(p);
	show_place(p, &keep);
}

/* --- history and opening --------------------------------------------------- */

static void
push_history(struct art *p)
{
	if (p->a == NULL || p->top >= p->doc.n)
		return;
	if (p->nhist == p->caphist) {
		p->caphist = p->caphist ? p->caphist * 2 : 16;
		p->hist = xreallocarray(p->hist, p->caphist, sizeof *p->hist);
	}
	p->hist[p->nhist++] = p->anchor;
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
open_place(struct ui *u, const struct place *pl, bool history)
{
	struct art *p = get(u);

	if (history)
		push_history(p);
	if (p->have_doc && doc_has(p, pl->a))
		ensure(p);
	else {
		p->a = pl->a;
		build(p);
	}
	show_place(p, pl);
	ui_switch(u, PANE_ARTICLE);
}

void
pane_article_open_at(struct ui *u, const struct article *a, size_t off,
    bool gap, bool history)
{
	struct place pl = { a, gap ? 2 * off : 2 * off + 1 };

	if (off == 0 && !gap)
		pl.key = 0;
	open_place(u, &pl, history);
}

void
pane_article_open(struct ui *u, const struct article *a, size_t off,
    bool history)
{
	pane_article_open_at(u, a, off, false, history);
}

const struct article *
pane_article_current(struct ui *u)
{
	struct art *p = get(u);

	if (p == NULL || p->a == NULL)
		return NULL;
	if (p->top < p->doc.n)
		return p->larts[p->top];
	return p->a;
}

size_t
pane_article_top(struct ui *u, bool *gap)
{
	struct art *p = get(u);

	/* an even key past the start: a blank or rule line on top */
	if (gap != NULL)
		*gap = p->anchor.key > 0 && p->anchor.key % 2 == 0;
	return p->anchor.key / 2;
}

void
pane_article_reset(struct ui *u)
{
	struct art *p = get(u);

	free_doc(p);
	p->a = NULL;
	p->top = 0;
	p->nhist = 0;
	p->have_match = false;
	memset(&p->anchor, 0, sizeof p->anchor);
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

/*
 * A jump whose story is not found on its page still turns to that page,
 * as a reader of paper does: its first article, and the status line says
 * so. Shared by c and Enter, so the hint, c and the jump line agree.
 */
static void
turn_to_page(struct ui *u, int n, int dir)
{
	const struct page *pg = u->is != NULL ? issue_find_page(u->is, n) : NULL;

	if (n <= 0) {
		ui_message(u, true, "The jump names no page");
		return;
	}
	if (pg == NULL) {
		ui_message(u, true, "Page %d is not in this issue", n);
		return;
	}
	if (pg->failed != NULL) {
		ui_message(u, true, "%s", pg->failed);
		return;
	}
	if (pg->narticles == 0) {
		ui_message(u, true, "Page %d has no articles: no %s found there",
		    n, dir > 0 ? "continued story" : "start of this story");
		return;
	}
	pane_article_open(u, &pg->articles[0], 0, true);
	ui_message(u, false, dir > 0 ?
	    "No continued story found on page %d: its first article" :
	    "The start of this story was not found on page %d: its first "
	    "article", n);
}

/* Follow a's jump (dir) to page n: its story there, else the page. */
static void
follow_jump(struct ui *u, const struct article *a, int n, int dir)
{
	const struct article *to = resolve_jump(u->is, a, n, dir);

	if (to != NULL)
		pane_article_open(u, to, 0, true);
	else
		turn_to_page(u, n, dir);
}

static void
follow(struct art *p, size_t i)
{
	struct ui *u = p->u;
	const struct ts_line *t = &p->doc.lines[i];
	int dir = t->block != NULL ? t->block->jump_dir : 1;

	if (t->link != NULL) {
		pane_article_open(u, t->link, 0, true);
		return;
	}
	follow_jump(u, p->larts[i], t->link_page, dir);
}

/* --- search ------------------------------------------------------------------ */

/*
 * The first match in a (dir > 0: starting at or after from; dir < 0: the
 * last one starting before from). Returns its start and end offsets.
 */
static bool
search_article(const struct article *a, const char *needle, int dir,
    size_t from, size_t *ms, size_t *me)
{
	size_t base = 0, i;
	bool found = false;

	for (i = 0; i <= a->nblocks; i++) {
		const char *text = i == 0 ? a->headline : a->blocks[i - 1].text;
		size_t len = i == 0 ? a->headline_len : a->blocks[i - 1].len;
		struct text_folded f;
		size_t s, e, at = 0;

		if (text == NULL || len == 0) {
			base += len;
			continue;
		}
		if (dir > 0 && base + len <= from) {
			base += len;
			continue;
		}
		if (dir < 0 && base >= from)
			break;
		text_fold(&f, text, len);
		if (dir > 0 && from > base)
			at = from - base;
		while (text_search(&f, needle, at, &s, &e)) {
			if (dir < 0 && base + s >= from)
				break;
			*ms = base + s;
			*me = base + e;
			found = true;
			if (dir > 0)
				break;
			at = s + 1;
			if (at > len)
				break;
		}
		text_folded_free(&f);
		if (found && dir > 0)
			return true;
		base += len;
	}
	return found;
}

static const struct article *
first_article(const struct issue *is, bool last)
{
	size_t i;

	for (i = 0; i < is->npages; i++) {
		const struct page *pg = &is->pages[last ? is->npages - 1 - i : i];

		if (pg->narticles > 0)
			return &pg->articles[last ? pg->narticles - 1 : 0];
	}
	return NULL;
}

/* Record a match at ms in a and show it. */
static void
show_match(struct ui *u, const struct article *a, size_t ms)
{
	struct art *p = get(u);
	struct place pl = { a, 2 * ms + 1 };
	bool same = p->a != NULL && p->have_doc && doc_has(p, a);

	p->match.a = a;
	p->match.key = ms;
	p->have_match = true;
	open_place(u, &pl, !same);
}

bool
pane_article_search(struct ui *u, int dir)
{
	struct art *p = get(u);
	const struct issue *is = u->is;
	const struct article *a, *start;
	size_t from, ms = 0, me = 0, n, total;

	if (is == NULL || u->needle == NULL || *u->needle == '\0')
		return false;
	if ((start = pane_article_current(u)) == NULL) {
		/* Nothing read yet: from the start (or the end) of the issue. */
		if ((start = first_article(is, dir < 0)) == NULL)
			return false;
		from = dir < 0 ? SIZE_MAX : 0;
	} else if (dir != 0 && p->have_match && p->match.a == start)
		from = dir > 0 ? p->match.key + 1 : p->match.key;
	else
		from = p->anchor.key / 2;
	if (dir == 0)
		dir = 1;
	if (search_article(start, u->needle, dir, from, &ms, &me)) {
		show_match(u, start, ms);
		return true;
	}
	total = issue_count_articles(is);
	a = start;
	for (n = 0; n < total; n++) {
		a = dir > 0 ? issue_next_article(is, a) : issue_prev_article(is, a);
		if (a == NULL) {
			a = first_article(is, dir < 0);
			ui_message(u, false, dir > 0 ?
			    "Search wrapped to the first page" :
			    "Search wrapped to the last page");
		}
		if (a == NULL)
			break;
		if (search_article(a, u->needle, dir, dir > 0 ? 0 : SIZE_MAX,
		    &ms, &me)) {
			show_match(u, a, ms);
			return true;
		}
		if (a == start)
			break;
	}
	free(u->msg);
	u->msg = NULL;
	return false;
}

/* The needle's hits in a piece, found once (cached while the needle
 * stays the same). */
static const struct text_hits *
hits_of(struct art *p, const char *text, size_t len)
{
	struct fold *fo;
	size_t i;

	if (p->fold_needle == NULL || strcmp(p->fold_needle, p->u->needle) != 0) {
		free_folds(p);
		p->fold_needle = xstrdup(p->u->needle);
	}
	for (i = 0; i < p->nfolds; i++)
		if (p->folds[i].text == text)
			return &p->folds[i].hits;
	p->folds = xreallocarray(p->folds, p->nfolds + 1, sizeof *p->folds);
	fo = &p->folds[p->nfolds++];
	fo->text = text;
	text_fold(&fo->f, text, len);
	text_hits_find(&fo->hits, &fo->f, p->u->needle);
	return &fo->hits;
}

/* --- drawing ------------------------------------------------------------------- */

static void
draw_line(struct art *p, WINDOW *win, int y, size_t i, int w, bool selected)
{
	struct ui *u = p->u;
	const struct ts_line *t = &p->doc.lines[i];
	attr_t a = selected ? u->attr[UI_SELECT] : ui_style_attr(u, t->style);
	const struct article *ar = p->larts[i];
	size_t off, base, plen, pos, s, e, k;
	const char *piece;
	const struct text_hits *h;
	int x = t->col;

	if (t->len == 0)
		return;
	if (u->needle == NULL || *u->needle == '\0' ||
	    !text_offset(ar, t->text, &off) ||
	    (piece = piece_at(ar, off, &base, &plen)) == NULL ||
	    !inside(t->text, piece, plen)) {
		ui_put(win, y, x, w, t->text, t->len, a);
		return;
	}
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

			x = ui_put(win, y, x, w, piece + pos, hs - pos, a);
			x = ui_put(win, y, x, w, piece + hs, he - hs,
			    u->attr[UI_MATCH]);
			pos = he;
		}
	}
	if (pos < off + t->len)
		ui_put(win, y, x, w, piece + pos, off + t->len - pos, a);
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
		ui_puts(win, y0, 1, w, "No article open: press 1 for the front "
		    "page or 2 for the contents.", p->u->attr[UI_DIM]);
		return;
	}
	if (p->top > max_top(p))
		p->top = max_top(p);
	link = current_link(p);
	for (y = 0, i = p->top; y < h && i < p->doc.n; y++, i++)
		draw_line(p, win, y0 + y, i, w, i == link);
}

static bool
art_action(void *data, enum action act)
{
	struct art *p = data;
	struct ui *u = p->u;
	size_t h = p->h > 1 ? (size_t)p->h - 1 : 1, i;
	const struct article *cur, *to;

	ensure(p);
	cur = pane_article_current(u);
	if (p->a == NULL)
		return false;
	switch (act) {
	case ACTION_DOWN:
		set_top(p, p->top + 1);
		return true;
	case ACTION_UP:
		set_top(p, p->top > 0 ? p->top - 1 : 0);
		return true;
	case ACTION_PAGE_DOWN:
		if (p->top >= max_top(p)) {
			/* At the end: on to the next article, as a paper reads. */
			to = u->is ? issue_next_article(u->is, cur) : NULL;
			if (to == NULL)
				ui_message(u, false, "End of the issue");
			else
				ui_message(u, false, "End of the article: "
				    "] for the next one");
			return true;
		}
		set_top(p, p->top + h);
		return true;
	case ACTION_PAGE_UP:
		set_top(p, p->top > h ? p->top - h : 0);
		return true;
	case ACTION_TOP:
		set_top(p, 0);
		return true;
	case ACTION_BOTTOM:
		set_top(p, max_top(p));
		return true;
	case ACTION_OPEN:
		if ((i = current_link(p)) == SIZE_MAX) {
			ui_message(u, false, "No link on this screen");
			return true;
		}
		follow(p, i);
		return true;
	case ACTION_CONTINUE:
		/* The hint (art_status) shows 下转 exactly when jump_to is
		 * set: c then always goes to that page. */
		if (cur->jump_to <= 0) {
			ui_message(u, false, "This article is not continued");
			return true;
		}
		follow_jump(u, cur, cur->jump_to, 1);
		return true;
	case ACTION_BACK:
		if (p->nhist == 0)
			return false;	/* ui.c: back to the list it came from */
		p->nhist--;
		open_place(u, &p->hist[p->nhist], false);
		return true;
	case ACTION_NEXT_ARTICLE:
	case ACTION_PREV_ARTICLE:
		to = act == ACTION_NEXT_ARTICLE ? issue_next_article(u->is, cur) :
		    issue_prev_article(u->is, cur);
		if (to == NULL) {
			ui_message(u, false, act == ACTION_NEXT_ARTICLE ?
			    "This is the last article" :
			    "This is the first article");
			return true;
		}
		pane_article_open(u, to, 0, true);
		return true;
	case ACTION_NEXT_PAGE:
	case ACTION_PREV_PAGE: {
		const struct issue *is = u->is;
		size_t k = (size_t)(cur->page - is->pages);
		const struct page *pg = NULL;

		if (act == ACTION_NEXT_PAGE) {
			for (k = k + 1; k < is->npages; k++)
				if (is->pages[k].narticles > 0) {
					pg = &is->pages[k];
					break;
				}
		} else {
			/* The start of this page first, then the one before. */
			if (cur->index > 0)
				pg = cur->page;
			else
				while (k-- > 0)
					if (is->pages[k].narticles > 0) {
						pg = &is->pages[k];
						break;
					}
		}
		if (pg == NULL) {
			ui_message(u, false, act == ACTION_NEXT_PAGE ?
			    "This is the last page" : "This is the first page");
			return true;
		}
		pane_article_open(u, &pg->articles[0], 0, true);
		return true;
	}
	default:
		return false;
	}
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
	const struct article *a = pane_article_current(p->u);
	size_t h = p->h > 0 ? (size_t)p->h : 1, pct;

	if (a == NULL) {
		buf_adds(b, "no article");
		return;
	}
	if (p->doc.n == 0 || p->top + h >= p->doc.n)
		pct = 100;
	else
		pct = (p->top + h) * 100 / p->doc.n;
	buf_printf(b, "%02d版 │ %zu/%zu │ %zu%%", a->page->number,
	    a->index + 1, a->page->narticles, pct);
	if (a->jump_to > 0) {
		const struct page *to = p->u->is != NULL ?
		    issue_find_page(p->u->is, a->jump_to) : NULL;

		buf_printf(b, " │ c: 下转第%d版%s", a->jump_to, to == NULL ?
		    " (not in this issue)" : to->failed != NULL ?
		    " (failed to load)" : "");
	}
}

static void *
art_init(struct ui *u)
{
	struct art *p = xcalloc(1, sizeof *p);

	p->u = u;
	return p;
}

static void
art_free(void *data)
{
	struct art *p = data;

	free_doc(p);
	free(p->hist);
	free(p);
}

const struct pane_ops pane_article_ops = {
	.name = "article",
	.init = art_init,
	.free = art_free,
	.resize = art_resize,
	.draw = art_draw,
	.action = art_action,
	.click = art_click,
	.status = art_status,
};
