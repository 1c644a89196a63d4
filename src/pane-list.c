/*
 * pane-list.c: the generic list under the front page, the contents and the
 * help: rows of text, a selection that skips rows that cannot be opened,
 * scrolling that keeps the selection in view. It draws rows that others
 * made (typeset lines or short labels) and only clips them: it never lays
 * text out itself.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pane.h"
#include "width.h"
#include "xmalloc.h"

_Static_assert(TS_PHOTO < 256 && UI_ELEM_COUNT <= 256,
               "a row's style and element fit in its 8 bits each");
/* 40 bytes on LP64 (72 with a pointer for what it owned, one each for
 * right and photo, and ints for its small fields): the rows held are the
 * screen's furniture (a page's stories are made, pane_list_add_span), but
 * a contents box or the captions of a page of thousands can be long. */
_Static_assert(sizeof(void *) != 8 || sizeof(struct pane_list_row) <= 40,
               "a row stays small");

void
pane_list_clear(struct pane_list *l)
{
	size_t i;

	for (i = 0; i < l->nv; i++)
		if (l->v[i].owned)
			free((char *)l->v[i].text);
	free(l->v);
	free(l->spans);
	l->v = NULL;
	l->spans = NULL;
	l->n = l->nv = l->cap = l->nspans = l->base = 0;
	l->sel = 0;
	l->top = 0;
}

struct pane_list_row *
pane_list_add(struct pane_list *l, const char *text, size_t len, bool copy,
    int col, enum ts_style style)
{
	struct pane_list_row *r;

	if (l->nv == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	r = &l->v[l->nv++];
	l->n++;
	memset(r, 0, sizeof *r);
	r->text = copy ? xstrndup(text, len) : text;
	r->owned = copy;
	r->len = (uint32_t)len;
	r->col = col;
	r->style = style;
	return r;
}

void
pane_list_add_span(struct pane_list *l, size_t count, pane_list_fill *fill,
    void *owner, const void *src, const struct pane_list_row *proto)
{
	struct pane_list_span *s;

	if (count == 0)
		return;
	l->spans = xgrow(l->spans, l->nspans, sizeof *l->spans);
	s = &l->spans[l->nspans++];
	s->first = l->n;
	s->count = count;
	s->before = l->n - l->nv;
	s->fill = fill;
	s->owner = owner;
	s->src = src;
	s->proto = *proto;
	s->proto.owned = false;
	l->n += count;
}

/* Row i (of l's first numbering; n too): the span that makes it, or
 * NULL when it is held; *held, the rows held before it (so a held row's
 * place in v). */
static const struct pane_list_span *
locate(const struct pane_list *l, size_t i, size_t *held)
{
	const struct pane_list_span *s;
	size_t lo = 0, hi = l->nspans, mid, in;

	while (lo < hi) { /* the last span that starts at i or before */
		mid = lo + (hi - lo) / 2;
		if (l->spans[mid].first <= i)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0) {
		*held = i;
		return NULL;
	}
	s = &l->spans[lo - 1];
	in = i - s->first < s->count ? i - s->first : s->count;
	*held = i - s->before - in;
	return in < s->count ? s : NULL;
}

/* Row i: held, or made into *into (bare: pane_list_row_bare). */
static const struct pane_list_row *
row_at(struct pane_list *l, size_t i, struct pane_list_row *into, bool bare)
{
	const struct pane_list_span *s;
	size_t held;

	i += l->base;
	if ((s = locate(l, i, &held)) == NULL)
		return &l->v[held];
	*into = s->proto;
	into->bare = bare;
	s->fill(s->owner, s->src, i - s->first, into);
	return into;
}

const struct pane_list_row *
pane_list_row(struct pane_list *l, size_t i)
{
	return row_at(l, i, &l->made, false);
}

const struct pane_list_row *
pane_list_row_bare(struct pane_list *l, size_t i)
{
	return row_at(l, i, &l->made, true);
}

void
pane_list_story(struct pane_list_row *r, const struct page *pg, size_t i)
{
	const char *h;
	size_t len;

	r->target = pg;
	r->n = (int)i;
	if (r->bare)
		return;
	h = page_headline(pg, i, &len);
	r->text = h != NULL ? h : "";
	r->len = (uint32_t)len;
}

struct pane_list_row *
pane_list_last(struct pane_list *l)
{
	const struct pane_list_span *s = l->nspans > 0 ?
	    &l->spans[l->nspans - 1] : NULL;

	if (l->nv == 0 || (s != NULL && s->first + s->count == l->n))
		return NULL;
	return &l->v[l->nv - 1];
}

void
pane_list_truncate(struct pane_list *l, size_t n)
{
	size_t nv, i;

	if (n >= l->n)
		return;
	while (l->nspans > 0 && l->spans[l->nspans - 1].first >= n)
		l->nspans--;
	if (l->nspans > 0) {
		struct pane_list_span *s = &l->spans[l->nspans - 1];

		if (s->first + s->count > n)
			s->count = n - s->first;
	}
	locate(l, n, &nv); /* n is past the spans now */
	for (i = nv; i < l->nv; i++)
		if (l->v[i].owned)
			free((char *)l->v[i].text);
	l->nv = nv;
	l->n = n;
}

void
pane_list_tail(const struct pane_list *l, size_t at, struct pane_list *tail)
{
	*tail = *l;
	tail->base = l->base + at;
	tail->n = l->n - at;
	tail->sel = 0;
	tail->top = 0;
}

void
pane_list_add_doc(struct pane_list *l, const struct ts_doc *d, size_t from,
    size_t to)
{
	size_t i;

	for (i = from; i < to && i < d->n; i++) {
		const struct ts_line *t = &d->lines[i];

		pane_list_add(l, t->text, t->len, false, t->col, t->style);
	}
}

/* Whether row i can be selected: a made row when its span's prototype
 * can (a fill leaves that as it is), so a look for the next story passes
 * a span of captions without making their rows. */
static bool
selectable(const struct pane_list *l, size_t i)
{
	const struct pane_list_span *s;
	size_t held;

	if (i >= l->n)
		return false;
	if ((s = locate(l, i + l->base, &held)) != NULL)
		return s->proto.selectable;
	return l->v[held].selectable;
}

bool
pane_list_selectable(const struct pane_list *l, size_t i)
{
	return selectable(l, i);
}

const struct pane_list_row *
pane_list_selected(struct pane_list *l)
{
	return selectable(l, l->sel) ? row_at(l, l->sel, &l->cur, false) : NULL;
}

/* The rows the list shows (at its last draw; 1 before one). */
static size_t
shown(const struct pane_list *l)
{
	return l->h > 0 ? (size_t)l->h : 1;
}

/* Keep the selection inside [top, top + h). */
static void
scroll_to_sel(struct pane_list *l)
{
	size_t h = shown(l);

	if (!selectable(l, l->sel))
		return;
	if (l->sel < l->top)
		l->top = l->sel;
	else if (l->sel >= l->top + h)
		l->top = l->sel - h + 1;
	/* Show the header rows above the first selectable row. */
	if (l->top > 0) {
		size_t i, first = l->n;

		for (i = 0; i < l->n; i++)
			if (selectable(l, i)) {
				first = i;
				break;
			}
		if (l->sel == first && first < h)
			l->top = 0;
	}
}

void
pane_list_select(struct pane_list *l, size_t i)
{
	while (i < l->n && !selectable(l, i))
		i++;
	if (i >= l->n) {
		/* Nothing after i: the last selectable row before it. */
		while (i > 0 && !selectable(l, i))
			i--;
		if (!selectable(l, i))
			i = l->n;
	}
	l->sel = i;
	scroll_to_sel(l);
}

static void
clamp_top(struct pane_list *l)
{
	size_t h = shown(l);

	if (l->n <= h)
		l->top = 0;
	else if (l->top > l->n - h)
		l->top = l->n - h;
}

void
pane_list_show_from(struct pane_list *l, size_t top)
{
	l->top = top;
	clamp_top(l);
	l->sel = l->n;
}

/* Whether a row from i on can be selected. */
static bool
selectable_from(const struct pane_list *l, size_t i)
{
	for (; i < l->n; i++)
		if (selectable(l, i))
			return true;
	return false;
}

/* No selection (the list scrolled past its last selectable row, below):
 * the last selectable row in view is selected again. */
static void
reselect(struct pane_list *l)
{
	size_t h = shown(l), i;

	for (i = l->top + h < l->n ? l->top + h : l->n; i > l->top; i--)
		if (selectable(l, i - 1)) {
			l->sel = i - 1;
			return;
		}
}

/*
 * Move the selection by n selectable rows; when there is nothing to
 * select in that direction, scroll instead so every row can be reached:
 * down past the last selectable row, to the list's end (a front page's
 * captions under its last story), the selection going once it is
 * scrolled off; up, it is taken again once back in view.
 */
static void
move_sel(struct pane_list *l, int n)
{
	size_t i = l->sel, h = shown(l);
	int step = n > 0 ? 1 : -1;

	if (!selectable(l, l->sel)) {
		/* No selection: plain scrolling. */
		if (n < 0)
			l->top = (size_t)-n > l->top ? 0 : l->top + (size_t)n;
		else
			l->top += (size_t)n;
		clamp_top(l);
		if (n < 0)
			reselect(l);
		return;
	}
	while (n != 0) {
		size_t j = i;

		do {
			if (step < 0 && j == 0) {
				j = l->n;
				break;
			}
			j += (size_t)step;
		} while (j < l->n && !selectable(l, j));
		if (j >= l->n)
			break;
		i = j;
		n -= step;
	}
	if (i == l->sel) {
		/* At the end: reveal the rows past the selection. */
		if (step > 0 && l->top + h < l->n &&
		    l->sel < l->top + h) {
			if (++l->top > l->sel)
				l->sel = l->n;
			return;
		}
		if (step < 0 && l->top > 0)
			l->top--;
		clamp_top(l);
		if (l->sel >= l->top + h || l->sel < l->top)
			scroll_to_sel(l);
		return;
	}
	l->sel = i;
	scroll_to_sel(l);
}

/* One move of the list; a count is repeated by pane_list_action. */
static bool
list_move(struct pane_list *l, enum action a)
{
	int h = l->h > 1 ? l->h - 1 : 1;
	size_t i;

	switch (a) {
	case ACTION_DOWN:
		move_sel(l, 1);
		return true;
	case ACTION_UP:
		move_sel(l, -1);
		return true;
	case ACTION_PAGE_DOWN:
		if (!selectable(l, l->sel)) {
			move_sel(l, h);
			return true;
		}
		l->top += (size_t)h;
		clamp_top(l);
		if (l->sel >= l->top) {
			move_sel(l, 1);
			return true;
		}
		/* the first selectable row from the top, or none: the rows
		 * past the last one, scrolled to (move_sel) */
		if (selectable_from(l, l->top))
			pane_list_select(l, l->top);
		else
			l->sel = l->n;
		return true;
	case ACTION_PAGE_UP:
		if (!selectable(l, l->sel)) {
			move_sel(l, -h);
			return true;
		}
		l->top = l->top > (size_t)h ? l->top - (size_t)h : 0;
		i = l->top + (size_t)h;
		if (l->sel >= i && i > 0) {
			size_t keep = l->top;

			l->sel = i < l->n ? i : l->n - 1;
			while (l->sel > 0 && !selectable(l, l->sel))
				l->sel--;
			if (!selectable(l, l->sel))
				pane_list_select(l, 0);
			l->top = keep;
		} else
			move_sel(l, -1);
		scroll_to_sel(l);
		return true;
	case ACTION_TOP:
		l->top = 0;
		pane_list_select(l, 0);
		l->top = 0;
		scroll_to_sel(l);
		return true;
	case ACTION_BOTTOM:
		pane_list_select(l, l->n);
		l->top = l->n;
		clamp_top(l);
		scroll_to_sel(l);
		return true;
	default:
		return false;
	}
}

bool
pane_list_action(struct pane_list *l, enum action a)
{
	size_t n = l->ctx->rd->count, k;

	switch (a) {
	case ACTION_TOP:
	case ACTION_BOTTOM:
	case ACTION_PERCENT:
		if (n == 0 && a == ACTION_PERCENT)
			return list_move(l, ACTION_TOP);
		if (n == 0 || l->n == 0)
			return list_move(l, a);
		/* row n (12g), or n% of the way down (50%) */
		k = a == ACTION_PERCENT ? pane_percent(l->n, n) : n - 1;
		if (k >= l->n)
			k = l->n - 1;
		if (!selectable_from(l, k)) {
			/* past the last selectable row (100% of a front
			 * page: its captions' end): there, none selected */
			l->top = k;
			clamp_top(l);
			l->sel = l->n;
			return true;
		}
		pane_list_select(l, k);
		return true;
	case ACTION_DOWN:
	case ACTION_UP:
	case ACTION_PAGE_DOWN:
	case ACTION_PAGE_UP:
		/* a count: the move that many times, never more than rows */
		if (n == 0 || n > l->n)
			n = n == 0 || l->n == 0 ? 1 : l->n;
		for (k = 0; k < n; k++)
			list_move(l, a);
		return true;
	default:
		return list_move(l, a);
	}
}

/* The selectable row that row i belongs to (itself, or the one above a
 * run of follow rows). */
static size_t
owner(struct pane_list *l, size_t i)
{
	while (i > 0 && i < l->n && pane_list_row(l, i)->follow)
		i--;
	return i;
}

bool
pane_list_click(struct pane_list *l, int y)
{
	size_t i;

	if (y < 0)
		return false;
	i = owner(l, l->top + (size_t)y);
	if (!selectable(l, i))
		return false;
	l->sel = i;
	return true;
}

void
pane_list_draw(struct pane_list *l, WINDOW *win, int y0, int h, int w)
{
	pane_list_draw_at(l, win, y0, 0, h, w);
}

void
pane_list_draw_at(struct pane_list *l, WINDOW *win, int y0, int x0, int h,
    int w)
{
	struct pane_ctx *ctx = l->ctx;
	size_t i;
	int y;

	l->h = h;
	clamp_top(l);
	if (selectable(l, l->sel) &&
	    (l->sel < l->top || l->sel >= l->top + (size_t)h))
		scroll_to_sel(l);
	for (y = 0, i = l->top; y < h && i < l->n; y++, i++) {
		/* a copy: a made row is made again for owner() */
		const struct pane_list_row row = *pane_list_row(l, i), *r = &row;
		attr_t a = r->elem != UI_NORMAL ? ctx->attr[r->elem] :
		    pane_style_attr(ctx, r->style);
		int x = r->col < w ? r->col : w, xmax = w, rw = 0;

		if (r->style == TS_PHOTO) {
			pane_pics_draw(ctx->pics, ctx, win, y0 + y, x0 + x,
			    x0 + w, r->photo);
			continue;
		}
		if (r->right != NULL) {
			rw = width_str(r->right, strlen(r->right));
			if (rw + 1 < w - x)
				xmax = w - rw - 1;
			else
				rw = 0;
		}
		if (r->follow ? owner(l, i) == l->sel &&
		    selectable(l, l->sel) : i == l->sel && r->selectable) {
			a = ctx->attr[UI_SELECT];
			/* The whole row, so the selection reads as a bar. */
			wattrset(win, a);
			wmove(win, y0 + y, x0);
			for (int k = 0; k < w; k++)
				waddch(win, ' ');
		}
		if (r->bullet) {
			/* the text with its bullet, cut as one */
			struct buf b = { 0 };

			buf_adds(&b, "\xc2\xb7 ");	/* · */
			buf_add(&b, r->text, r->len);
			draw_put_cut(win, y0 + y, x0 + x, x0 + xmax, b.s, b.len,
			    r->more, a);
			buf_free(&b);
		} else
			draw_put_cut(win, y0 + y, x0 + x, x0 + xmax, r->text,
			    r->len, r->more, a);
		if (rw > 0)
			draw_puts(win, y0 + y, x0 + w - rw, x0 + w, r->right, a);
	}
	wattrset(win, A_NORMAL);
}

attr_t
pane_style_attr(const struct pane_ctx *ctx, enum ts_style s)
{
	switch (s) {
	case TS_TITLE:
	case TS_TITLE_EN:
		return ctx->attr[UI_TITLE];
	case TS_PAGE:
	case TS_HEADLINE:
	case TS_CONTENTS_HEAD:
		return ctx->attr[UI_HEADLINE];
	case TS_SUBHEAD:
		return ctx->attr[UI_SUBHEAD];
	case TS_BYLINE:
		return ctx->attr[UI_BYLINE];
	case TS_SIGNATURE:
		return ctx->attr[UI_CREDIT];
	case TS_JUMP:
		return ctx->attr[UI_LINK];
	case TS_CONTENTS:
		return ctx->attr[UI_CONTENTS];
	case TS_CAPTION:
		return ctx->attr[UI_CAPTION];
	case TS_CREDIT:
		return ctx->attr[UI_CREDIT];
	case TS_FURNITURE:
	case TS_PUBLINE:
		return ctx->attr[UI_DIM];
	case TS_RULE:
		return ctx->attr[UI_RULE];
	default:
		return ctx->attr[UI_NORMAL];
	}
}
