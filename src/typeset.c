/*
 * typeset.c: the model → styled lines at a width, shared by the screen and
 * --dump. Every line's text points into the model (so a pane can turn it
 * back into an offset in block->text) or into a string the doc owns (page
 * headers, rules, contents lines with their page numbers). No line is wider
 * than the width; nothing of the model's text is dropped but the spaces at
 * line breaks. No curses, no calls into issue.c or the loader (links are taken
 * from the model as it is).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "convert.h"
#include "layout.h"
#include "shelf.h"
#include "typeset.h"
#include "width.h"
#include "xmalloc.h"

/* The text of blank lines: a static string, never freed. */
static const char empty[] = "";

static struct ts_line *
add(struct ts_doc *d, const char *text, size_t len, int col, int width,
    enum ts_style style, const struct article *a, const struct block *b)
{
	struct ts_line *l;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->lines = xreallocarray(d->lines, d->cap, sizeof *d->lines);
	}
	l = &d->lines[d->n++];
	l->text = text;
	l->len = len;
	l->col = col;
	l->width = width;
	l->style = style;
	l->article = a;
	l->block = b;
	l->link_page = 0;
	l->link = NULL;
	return l;
}

/* Keep s until typeset_free. Returns s. */
static char *
own(struct ts_doc *d, char *s)
{
	if (d->nowned == d->ownedcap) {
		d->ownedcap = d->ownedcap ? d->ownedcap * 2 : 16;
		d->owned =
		    xreallocarray(d->owned, d->ownedcap, sizeof *d->owned);
	}
	d->owned[d->nowned++] = s;
	return s;
}

/* End the doc with at least n blank lines (none at its very start). */
static void
gap(struct ts_doc *d, int n, const struct article *a)
{
	size_t have = 0;

	if (d->n == 0 && !d->cont)
		return;
	while (have < d->n && d->lines[d->n - 1 - have].style == TS_BLANK)
		have++;
	if (have == d->n)
		have += (size_t)d->drained_blank;
	for (; (int)have < n; have++)
		add(d, empty, 0, 0, 0, TS_BLANK, a, NULL);
}

struct wrap {
	int indent;
	int hanging;
	enum layout_align align;
	enum ts_style style;
	const struct article *article;
	const struct block *block;
	int link_page;
	const struct article *link;
	int balance; /* same number of lines, but as even as they can be */
};

/* Lay text out into d->lay at measure width; returns the line count. */
static size_t
wrap_at(struct ts_doc *d, const char *text, size_t len, const struct wrap *w,
        int width, enum layout_align align)
{
	struct layout_opts lo;

	lo.width = width;
	lo.indent = w->indent;
	lo.hanging = w->hanging;
	lo.kinsoku = d->o.kinsoku;
	lo.align = align;
	d->lay.n = 0;
	layout_wrap(&d->lay, text, len, &lo);
	return d->lay.n;
}

/*
 * The narrowest measure that sets text in as few lines as the full measure
 * does, so a headline or a contents title never leaves one character alone
 * on its last line ("…规模 / 应用" becomes two even lines).
 */
static int
balanced_width(struct ts_doc *d, const char *text, size_t len,
               const struct wrap *w, int width)
{
	size_t n = wrap_at(d, text, len, w, width, ALIGN_LEFT);
	int lo = 2, hi = width;

	if (n <= 1)
		return width;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (wrap_at(d, text, len, w, mid, ALIGN_LEFT) == n)
			hi = mid;
		else
			lo = mid + 1;
	}
	return hi;
}

/* Lay text out at the doc's width; returns the number of lines added. */
static size_t
wrap(struct ts_doc *d, const char *text, size_t len, const struct wrap *w)
{
	int width = d->o.width;
	size_t i;

	if (text == NULL || len == 0)
		return 0;
	if (w->balance)
		width = balanced_width(d, text, len, w, width);
	wrap_at(d, text, len, w, width, width == d->o.width ? w->align :
	        ALIGN_LEFT);
	for (i = 0; i < d->lay.n; i++) {
		const struct layout_line *ll = &d->lay.v[i];
		int col = ll->col;
		struct ts_line *l;

		/* A balanced block is still aligned across the full width. */
		if (width != d->o.width && w->align == ALIGN_CENTER)
			col = (d->o.width - ll->width) / 2;
		else if (width != d->o.width && w->align == ALIGN_RIGHT)
			col = d->o.width - ll->width;
		l = add(d, text + ll->off, ll->len, col, ll->width, w->style,
		        w->article, w->block);

		l->link_page = w->link_page;
		l->link = w->link;
	}
	return d->lay.n;
}

static void
wrap_str(struct ts_doc *d, const char *s, enum ts_style style,
         enum layout_align align)
{
	struct wrap w = {0, 0, align, style, NULL, NULL, 0, NULL, 0};

	if (s != NULL)
		wrap(d, s, strlen(s), &w);
}

/* A rule of ─ exactly the width (a column short in wide mode at an odd width).
 */
static void
rule(struct ts_doc *d)
{
	int cw = width_cp(0x2500), n = d->o.width / (cw > 0 ? cw : 1), i;
	struct buf b = {0};
	size_t len;
	char *s;

	for (i = 0; i < n; i++)
		buf_addu(&b, 0x2500);
	s = own(d, buf_take(&b, &len));
	add(d, s, len, 0, width_str(s, len), TS_RULE, NULL, NULL);
}

/* The publication line from its parts, when the source had none. Caller frees.
 */
static char *
compose_publine(const struct issue *is, bool publisher)
{
	struct buf b = {0};

#define PART(...)                                                              \
	do {                                                                   \
		if (b.len > 0)                                                 \
			buf_addc(&b, ' ');                                     \
		buf_printf(&b, __VA_ARGS__);                                   \
	} while (0)
	if (is->publisher != NULL && publisher)
		PART("%s", is->publisher);
	if (is->date_text != NULL)
		PART("%s", is->date_text);
	else if (is->date != NULL)
		PART("%s", is->date);
	if (is->weekday != NULL)
		PART("%s", is->weekday);
	if (is->number > 0 && is->running > 0)
		PART("第%d期(总第%d期)", is->number, is->running);
	else if (is->number > 0)
		PART("第%d期", is->number);
	if (is->page_count > 0)
		PART("今日%d版", is->page_count);
#undef PART
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b, NULL);
}

static size_t
skip_spaces(const char *s, size_t i, size_t len)
{
	for (;;) {
		if (i < len && s[i] == ' ')
			i++;
		else if (len - i >= 3 && memcmp(s + i, "\xe3\x80\x80", 3) == 0)
			i += 3;
		else
			return i;
	}
}

static size_t
skip_ink(const char *s, size_t i, size_t len)
{
	while (i < len && skip_spaces(s, i, len) == i)
		i++;
	return i;
}

/*
 * Text made of parts between spaces (a publication line: publisher, date,
 * issue number; a two-part headline): break between parts where they fit,
 * centred, and lay out only a part wider than the whole line.
 */
static void
parts_line(struct ts_doc *d, const char *s, size_t len, const struct wrap *w)
{
	size_t i = skip_spaces(s, 0, len);
	int W = d->o.width;

	while (i < len) {
		size_t end = skip_ink(s, i, len), p;
		int lw = width_str(s + i, end - i);

		if (lw > W) {
			wrap(d, s + i, end - i, w);
			i = skip_spaces(s, end, len);
			continue;
		}
		for (;;) {
			size_t q;
			int pw;

			p = skip_spaces(s, end, len);
			if (p >= len)
				break;
			q = skip_ink(s, p, len);
			pw = width_str(s + end, q - end);
			if (lw + pw > W)
				break;
			lw += pw;
			end = q;
		}
		add(d, s + i, end - i, (W - lw) / 2, lw, w->style, w->article,
		    w->block);
		i = skip_spaces(s, end, len);
	}
}

/* A hard line break stays one (a Setext headline may hold one): each line
 * is packed by itself. */
static void
parts(struct ts_doc *d, const char *s, size_t len, const struct wrap *w)
{
	const char *nl;

	while ((nl = memchr(s, '\n', len)) != NULL) {
		parts_line(d, s, (size_t)(nl - s), w);
		len -= (size_t)(nl - s) + 1;
		s = nl + 1;
	}
	parts_line(d, s, len, w);
}

static void
publine(struct ts_doc *d, const char *s)
{
	struct wrap w = {0, 0, ALIGN_CENTER, TS_PUBLINE, NULL, NULL, 0, NULL, 1};

	parts(d, s, strlen(s), &w);
}

/*
 * A headline: one line if it fits; else broken at its spaces when each part
 * fits (Chinese headlines put a space between main and secondary phrase);
 * else balanced, so no character is left alone on the last line.
 */
static size_t
headline(struct ts_doc *d, const struct article *a)
{
	struct wrap w = {0, 0, ALIGN_CENTER, TS_HEADLINE, a, NULL, 0, NULL, 1};
	const char *s = a->headline;
	size_t len = a->headline_len, i, first = d->n;

	if (s == NULL || len == 0)
		return 0;
	if (width_str(s, len) > d->o.width) {
		for (i = skip_spaces(s, 0, len); i < len;) {
			size_t end = skip_ink(s, i, len);

			if (width_str(s + i, end - i) > d->o.width)
				break;
			i = skip_spaces(s, end, len);
		}
		if (i >= len && skip_ink(s, skip_spaces(s, 0, len), len) < len) {
			parts(d, s, len, &w);
			return d->n - first;
		}
	}
	return wrap(d, s, len, &w);
}

void
typeset_init(struct ts_doc *d, const struct typeset_opts *o)
{
	memset(d, 0, sizeof *d);
	d->o = *o;
	if (d->o.width < 2)
		d->o.width = 2;
	if (d->o.indent < 0)
		d->o.indent = 0;
	if (d->o.paragraph_gap < 0)
		d->o.paragraph_gap = 0;
}

static void
set_masthead(struct ts_doc *d, const struct issue *is)
{
	const char *pub = is->publine;

	if (pub == NULL) {
		char *s = compose_publine(is, true);

		pub = s != NULL ? own(d, s) : NULL;
	}
	wrap_str(d, is->title, TS_TITLE, ALIGN_CENTER);
	wrap_str(d, is->title_en, TS_TITLE_EN, ALIGN_CENTER);
	if (pub != NULL)
		publine(d, pub);
	rule(d);
}

/* ---- tables ------------------------------------------------------------ */

/* The widest a table is set for a pane that scrolls it (table_scroll). */
#define TABLE_SCROLL_MAX 1024
/* The columns a column keeps there before its text wraps inside a word
 * (six Chinese characters; fewer when it needs fewer). */
#define TABLE_SCROLL_FLOOR 12

/* A line of a cell's text, laid out in its column. */
struct tline {
	size_t off, len;
	int width;
};

struct tset {
	const struct table *t;
	size_t nc, nr;
	int *w;        /* content width of each column */
	int pad;       /* spaces each side of a cell's text (0 or 1) */
	size_t *owner; /* the slot of the cell that covers each slot */
	size_t *first; /* each origin slot: its first line in lines */
	size_t *count; /* and how many */
	struct tline *lines;
	size_t nlines;
	int *h; /* height of each row, lines */
	bool ascii;
	struct buf row; /* the line being built */
};

/* Columns of the widest line of s (lines apart by '\n'). */
static int
widest_line(const char *s, size_t len)
{
	size_t i = 0;
	int best = 0;

	while (i <= len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		int w = width_str(s + i, e - i);

		if (w > best)
			best = w;
		i = e + 1;
	}
	return best;
}

/* About the widest piece the line breaker cannot break (a Latin word, a
 * number; an ideograph alone), at most 16 columns. */
static int
widest_word(const char *s, size_t len)
{
	size_t i = 0, start = 0;
	int best = 0;

	for (i = 0; i <= len; i++) {
		unsigned char c = i < len ? (unsigned char)s[i] : ' ';

		if (c == ' ' || c == '\n' || c >= 0x80) {
			int w = width_str(s + start, i - start);

			if (w > best)
				best = w;
			if (c >= 0x80 && best < 2)
				best = 2;
			while (i + 1 < len &&
			       ((unsigned char)s[i + 1] & 0xc0) == 0x80)
				i++;
			start = i + 1;
		}
	}
	return best > 16 ? 16 : best;
}

/* The content width of the cell at slot o (its columns and the rules
 * between them). */
static int
cell_width(const struct tset *ts, size_t o)
{
	const struct table_cell *c = &ts->t->cells[o];
	size_t k, col = o % ts->nc;
	int w = 0;

	for (k = col; k < col + (size_t)c->colspan; k++)
		w += ts->w[k];
	return w + (c->colspan - 1) * (1 + 2 * ts->pad);
}

/*
 * Column widths for the measure: natural widths from the cells (a span's
 * extra on its last column), then the widest columns narrowed one column
 * at a time until the table fits, words first kept whole. False when even
 * two columns a cell do not fit. floor: the columns a column keeps
 * before any word is cut (as many as it needs when fewer, at least its
 * longest word); *whole: the width at which every column keeps them,
 * padded.
 */
static bool
table_widths(struct tset *ts, int measure, int floor, long *whole)
{
	const struct table *t = ts->t;
	int *nat = xcalloc(ts->nc, sizeof *nat);
	int *min = xcalloc(ts->nc, sizeof *min);
	size_t r, c, k;
	long total, floor2;
	bool ok = true;

	for (c = 0; c < ts->nc; c++)
		nat[c] = min[c] = 2;
	for (k = 0; k < 2; k++) /* single cells, then spans */
		for (r = 0; r < ts->nr; r++)
			for (c = 0; c < ts->nc; c++) {
				const struct table_cell *x =
				    &t->cells[r * ts->nc + c];
				int n, have = 0;
				size_t j;

				if (x->text == NULL ||
				    (k == 0) != (x->colspan == 1))
					continue;
				n = widest_line(x->text, x->len);
				if (k == 0) {
					int m = widest_word(x->text, x->len);

					if (n > nat[c])
						nat[c] = n;
					if (m > min[c])
						min[c] = m;
					continue;
				}
				for (j = c; j < c + (size_t)x->colspan; j++)
					have += nat[j] + 3;
				have -= 3;
				if (n > have)
					nat[c + (size_t)x->colspan - 1] +=
					    n - have;
			}
	for (c = 0; c < ts->nc; c++) {
		if (min[c] < floor)
			min[c] = floor;
		if (min[c] > nat[c])
			min[c] = nat[c];
		ts->w[c] = nat[c];
	}
	/* padding when the words fit with it */
	total = 1;
	for (c = 0; c < ts->nc; c++)
		total += min[c] + 3;
	*whole = total;
	ts->pad = total <= measure ? 1 : 0;
	total = 1;
	floor2 = 1;
	for (c = 0; c < ts->nc; c++) {
		total += ts->w[c] + 1 + 2 * ts->pad;
		floor2 += 3 + 2 * ts->pad;
	}
	if (floor2 > measure)
		ok = false;
	/* narrow the widest column that can give; words whole first */
	for (k = 0; ok && k < 2 && total > measure; k++) {
		while (total > measure) {
			size_t best = ts->nc;

			for (c = 0; c < ts->nc; c++)
				if (ts->w[c] > (k == 0 ? min[c] : 2) &&
				    (best == ts->nc || ts->w[c] > ts->w[best]))
					best = c;
			if (best == ts->nc)
				break;
			ts->w[best]--;
			total--;
		}
	}
	free(nat);
	free(min);
	return ok && total <= measure;
}

/* Is there a rule between columns j - 1 and j in row r? */
static bool
bar_at(const struct tset *ts, size_t r, size_t j)
{
	return ts->owner[r * ts->nc + j] != ts->owner[r * ts->nc + j - 1];
}

/* A horizontal rule: above row r (r == 0: the top), below the last row
 * (r == nr), or the header's (dbl). */
static void
table_rule(struct ts_doc *d, struct tset *ts, size_t r, bool dbl,
           const struct article *a, const struct block *b)
{
	const char *fill = ts->ascii ? (dbl ? "=" : "-") : (dbl ? "═" : "─");
	size_t c;
	int k;
	char *s;
	size_t len;

	ts->row.len = 0;
	for (c = 0; c < ts->nc; c++) {
		bool up = r > 0 && (c == 0 || bar_at(ts, r - 1, c));
		bool down = r < ts->nr && (c == 0 || bar_at(ts, r, c));
		const char *j;

		if (ts->ascii)
			j = (up || down) ? "+" : fill;
		else if (c == 0)
			j = r == 0 ? "┌" : r == ts->nr ? "└" : dbl ? "╞" : "├";
		else if (up && down)
			j = dbl ? "╪" : "┼";
		else if (up)
			j = dbl ? "╧" : "┴";
		else if (down)
			j = dbl ? "╤" : "┬";
		else
			j = fill;
		buf_adds(&ts->row, j);
		for (k = 0; k < ts->w[c] + 2 * ts->pad; k++)
			buf_adds(&ts->row, fill);
	}
	buf_adds(&ts->row, ts->ascii     ? "+"
	                   : r == 0      ? "┐"
	                   : r == ts->nr ? "┘"
	                   : dbl         ? "╡"
	                                 : "┤");
	s = buf_take(&ts->row, &len);
	own(d, s);
	add(d, s, len, 0, width_str(s, len), TS_TABLE, a, b);
}

static void
spaces(struct buf *b, int n)
{
	while (n-- > 0)
		buf_addc(b, ' ');
}

/* Line li of row r (its top is line 0). */
static void
table_line(struct ts_doc *d, struct tset *ts, size_t r, int li,
           const struct article *a, const struct block *b)
{
	const char *bar = ts->ascii ? "|" : "│";
	size_t c = 0, o;
	char *s;
	size_t len;

	ts->row.len = 0;
	buf_adds(&ts->row, bar);
	while (c < ts->nc) {
		const struct table_cell *x;
		size_t rr, at;
		int cw, lw = 0;

		o = ts->owner[r * ts->nc + c];
		x = &ts->t->cells[o];
		cw = cell_width(ts, o);
		/* which of its lines: rows above within its span first */
		at = (size_t)li;
		for (rr = o / ts->nc; rr < r; rr++)
			at += (size_t)ts->h[rr];
		spaces(&ts->row, ts->pad);
		if (at < ts->count[o]) {
			const struct tline *tl = &ts->lines[ts->first[o] + at];

			lw = tl->width;
			if (x->number)
				spaces(&ts->row, cw - lw);
			buf_add(&ts->row, x->text + tl->off, tl->len);
			if (!x->number)
				spaces(&ts->row, cw - lw);
		} else
			spaces(&ts->row, cw);
		spaces(&ts->row, ts->pad);
		buf_adds(&ts->row, bar);
		c = o % ts->nc + (size_t)x->colspan;
	}
	s = buf_take(&ts->row, &len);
	own(d, s);
	add(d, s, len, 0, width_str(s, len), TS_TABLE, a, b);
}

/*
 * A table as a grid of ruled cells, each cell's text wrapped in its
 * column by the line breaker (kinsoku inside cells too), numbers to the
 * right, the header apart under a double rule. When its columns cannot
 * fit the width even at two columns each, each cell is set as a row of
 * its own in a one-column table.
 */
/* A table too wide to set: every cell a row of one column, in one (its
 * cells in *cells, the caller's to free). False when there is no room
 * even for that, or no cell. */
static bool
stack_cells(struct tset *ts, struct table *one, struct table_cell **cells,
    int width)
{
	const struct table *t = ts->t;
	size_t n = 0, k;

	*cells = xcalloc(ts->nr * ts->nc, sizeof **cells);
	for (k = 0; k < ts->nr * ts->nc; k++)
		if (t->cells[k].text != NULL) {
			(*cells)[n] = t->cells[k];
			(*cells)[n].colspan = (*cells)[n].rowspan = 1;
			n++;
		}
	one->nrows = n;
	one->ncols = 1;
	one->head = 0;
	one->cells = *cells;
	ts->t = one;
	ts->nc = 1;
	ts->nr = n;
	ts->w[0] = width - 2 > 2 ? width - 2 : 2;
	ts->pad = 0;
	return width - 2 >= 2 && n > 0;
}

/* Which cell owns each grid slot (itself, or the cell spanning it). */
static void
cell_owners(struct tset *ts)
{
	const struct table *t = ts->t;
	size_t k, o, rr, c;

	ts->owner = xcalloc(ts->nr * ts->nc, sizeof *ts->owner);
	for (k = 0; k < ts->nr * ts->nc; k++)
		ts->owner[k] = k;
	for (o = 0; o < ts->nr * ts->nc; o++) {
		const struct table_cell *x = &t->cells[o];

		if (x->text == NULL)
			continue;
		for (rr = o / ts->nc; rr < o / ts->nc + (size_t)x->rowspan; rr++)
			for (c = o % ts->nc; c < o % ts->nc + (size_t)x->colspan;
			     c++)
				ts->owner[rr * ts->nc + c] = o;
	}
}

/* Each cell's lines, by the one line breaker, at its column's width. */
static void
cell_lines(struct ts_doc *d, struct tset *ts)
{
	const struct table *t = ts->t;
	struct layout_opts lo;
	size_t o, k;

	ts->first = xcalloc(ts->nr * ts->nc, sizeof *ts->first);
	ts->count = xcalloc(ts->nr * ts->nc, sizeof *ts->count);
	memset(&lo, 0, sizeof lo);
	lo.kinsoku = d->o.kinsoku;
	lo.align = ALIGN_LEFT;
	for (o = 0; o < ts->nr * ts->nc; o++) {
		const struct table_cell *x = &t->cells[o];

		if (x->text == NULL)
			continue;
		lo.width = cell_width(ts, o);
		d->lay.n = 0;
		if (x->len > 0)
			layout_wrap(&d->lay, x->text, x->len, &lo);
		ts->first[o] = ts->nlines;
		ts->count[o] = d->lay.n;
		ts->lines = xreallocarray(ts->lines, ts->nlines + d->lay.n + 1,
		                          sizeof *ts->lines);
		for (k = 0; k < d->lay.n; k++) {
			ts->lines[ts->nlines].off = d->lay.v[k].off;
			ts->lines[ts->nlines].len = d->lay.v[k].len;
			ts->lines[ts->nlines++].width = d->lay.v[k].width;
		}
	}
	d->lay.n = 0;
}

/* Row heights: single rows, then what a rowspan needs more. */
static void
row_heights(struct tset *ts)
{
	const struct table *t = ts->t;
	size_t r, o;

	ts->h = xcalloc(ts->nr, sizeof *ts->h);
	for (r = 0; r < ts->nr; r++)
		ts->h[r] = 1;
	for (o = 0; o < ts->nr * ts->nc; o++)
		if (t->cells[o].text != NULL && t->cells[o].rowspan == 1 &&
		    (int)ts->count[o] > ts->h[o / ts->nc])
			ts->h[o / ts->nc] = (int)ts->count[o];
	for (o = 0; o < ts->nr * ts->nc; o++) {
		size_t r0 = o / ts->nc, span, have = 0;

		if (t->cells[o].text == NULL || t->cells[o].rowspan == 1)
			continue;
		span = (size_t)t->cells[o].rowspan;
		for (r = r0; r < r0 + span; r++)
			have += (size_t)ts->h[r];
		if (ts->count[o] > have)
			ts->h[r0 + span - 1] += (int)(ts->count[o] - have);
	}
}

static void
set_table(struct ts_doc *d, const struct article *a, const struct block *b)
{
	struct tset ts;
	struct table one;
	struct table_cell *cells = NULL;
	size_t r;
	long whole;
	bool fits;
	int floor = d->o.table_scroll ? TABLE_SCROLL_FLOOR : 0;

	memset(&ts, 0, sizeof ts);
	ts.t = b->tab;
	ts.nc = b->tab->ncols;
	ts.nr = b->tab->nrows;
	ts.ascii = d->o.ascii_rules || width_str("─", 3) != 1;
	if (ts.nc == 0 || ts.nr == 0)
		return;
	ts.w = xcalloc(ts.nc, sizeof *ts.w);
	fits = table_widths(&ts, d->o.width, floor, &whole);
	/* A pane that scrolls sideways sets the table as wide as its
	 * columns need (within TABLE_SCROLL_MAX): no word cut, no column
	 * squeezed to a character, no cell stacked. */
	if (d->o.table_scroll && whole > d->o.width)
		fits = table_widths(&ts, whole < TABLE_SCROLL_MAX ? (int)whole :
		                             TABLE_SCROLL_MAX, floor, &whole);
	if (!fits && !stack_cells(&ts, &one, &cells, d->o.width)) {
		free(cells);
		free(ts.w);
		return; /* no room for a rule at all */
	}
	cell_owners(&ts);
	cell_lines(d, &ts);
	row_heights(&ts);
	table_rule(d, &ts, 0, false, a, b);
	for (r = 0; r < ts.nr; r++) {
		int li;

		if (r > 0 && r == ts.t->head)
			table_rule(d, &ts, r, true, a, b);
		for (li = 0; li < ts.h[r]; li++)
			table_line(d, &ts, r, li, a, b);
	}
	table_rule(d, &ts, ts.nr, false, a, b);
	buf_free(&ts.row);
	free(ts.w);
	free(ts.owner);
	free(ts.first);
	free(ts.count);
	free(ts.lines);
	free(ts.h);
	free(cells);
}

/* One block of an article (a != NULL) or a loose page item. */
static void
block(struct ts_doc *d, const struct article *a, const struct block *b)
{
	struct wrap w = {0, 0, ALIGN_LEFT, TS_BODY, a, b, 0, NULL, 0};

	switch (b->kind) {
	case BLOCK_PARAGRAPH:
		w.indent = d->o.indent;
		break;
	case BLOCK_SUBHEAD:
		w.style = TS_SUBHEAD;
		break;
	case BLOCK_BYLINE:
		w.style = TS_BYLINE;
		break;
	case BLOCK_JUMP:
		w.style = TS_JUMP;
		w.link_page = b->jump_page;
		break;
	case BLOCK_CAPTION:
		w.style = TS_CAPTION;
		break;
	case BLOCK_CREDIT:
		w.style = TS_CREDIT;
		w.align = ALIGN_RIGHT;
		break;
	case BLOCK_SIGNATURE:
		w.style = TS_SIGNATURE;
		w.align = ALIGN_RIGHT;
		break;
	case BLOCK_LIST_ITEM:
		/* Continuation lines line up under the first. */
		w.style = TS_LIST;
		w.indent = w.hanging = 2;
		break;
	case BLOCK_QUOTE:
		w.style = TS_QUOTE;
		w.indent = w.hanging = 2;
		break;
	case BLOCK_FURNITURE:
		w.style = TS_FURNITURE;
		w.align = ALIGN_CENTER;
		break;
	case BLOCK_MATH:
		w.align = ALIGN_CENTER;
		break;
	case BLOCK_TABLE:
		if (b->tab != NULL) {
			set_table(d, a, b);
			return;
		}
		break;
	case BLOCK_FIGURE:
		/* "[图] " then the caption, its lines under the caption */
		w.style = TS_FIGURE;
		w.hanging = 5;
		break;
	}
	wrap(d, b->text, b->len, &w);
}

static void
set_article(struct ts_doc *d, const struct article *a)
{
	size_t i;

	if (shelf_hold(a)) { /* the lines borrow its text */
		d->held = xgrow(d->held, d->nheld, sizeof *d->held);
		d->held[d->nheld++] = a;
		/* read back in the original script: in the one shown */
		convert_article(a);
	}
	if (headline(d, a) > 0)
		add(d, empty, 0, 0, 0, TS_BLANK, a, NULL);
	for (i = 0; i < a->nblocks; i++) {
		const struct block *b = &a->blocks[i];
		int n = d->o.paragraph_gap;

		if (b->kind == BLOCK_SUBHEAD && n < 1)
			n = 1;
		if (i > 0)
			gap(d, n, a);
		block(d, a, b);
	}
}

/* Page number as the contents and headers print it: 03版. Caller frees. */
static char *
page_label(int n)
{
	return xasprintf("%02d版", n);
}

static void
contents_entry(struct ts_doc *d, const struct contents_entry *e)
{
	struct wrap w = {0,    0,    ALIGN_LEFT, TS_CONTENTS,
	                 NULL, NULL, e->page,    e->target, 0};
	const char *t = e->title != NULL ? e->title : empty;
	size_t tlen = strlen(t), first = d->n;
	char *num;
	int W = d->o.width, numw;

	if (e->page <= 0) {
		wrap(d, t, tlen, &w);
		return;
	}
	num = own(d, page_label(e->page));
	numw = width_str(num, strlen(num));
	if (W >= numw + 1 + 2) {
		struct ts_line *last;
		struct buf b = {0};
		size_t len;
		int pad;

		/* Full width first; narrower if the number does not fit after.
		 */
		if (wrap(d, t, tlen, &w) > 0 &&
		    d->lines[d->n - 1].col + d->lines[d->n - 1].width + 1 +
		            numw >
		        W) {
			int narrow = W - numw - 1;

			/* Narrower, and never one character alone before the
			 * number (…AI落地抓 / 手 14版): take two down. */
			w.hanging = 0;
			do {
				d->n = first;
				d->o.width = narrow;
				wrap(d, t, tlen, &w);
				narrow -= 2;
			} while (d->n - first > 1 && narrow >= 4 &&
			         width_fit(d->lines[d->n - 1].text,
			                   d->lines[d->n - 1].len, 2, NULL) ==
			             d->lines[d->n - 1].len);
			d->o.width = W;
		}
		if (d->n == first)
			add(d, empty, 0, 0, 0, TS_CONTENTS, NULL, NULL);
		/* The last line becomes "title tail    03版", flush right. */
		last = &d->lines[d->n - 1];
		buf_add(&b, last->text, last->len);
		for (pad = W - last->col - last->width - numw; pad > 0; pad--)
			buf_addc(&b, ' ');
		buf_adds(&b, num);
		last->text = own(d, buf_take(&b, &len));
		last->len = len;
		last->width = W - last->col;
		last->link_page = e->page;
		last->link = e->target;
		return;
	}
	/* Too narrow to share a line: the number goes below, flush right. */
	wrap(d, t, tlen, &w);
	w.align = ALIGN_RIGHT;
	wrap(d, num, strlen(num), &w);
}

static void
contents_box(struct ts_doc *d, const struct page *p)
{
	size_t i;

	gap(d, 1, NULL);
	wrap_str(d, p->contents_title, TS_CONTENTS_HEAD, ALIGN_LEFT);
	for (i = 0; i < p->ncontents; i++)
		contents_entry(d, &p->contents[i]);
}

static void
page_header(struct ts_doc *d, const struct page *p)
{
	const char *t = p->title;

	/* "第2版 要闻" already names the page: keep it as it is. */
	if (t != NULL && strncmp(t, "第", strlen("第")) == 0 &&
	    strstr(t, "版") != NULL) {
		wrap_str(d, t, TS_PAGE, ALIGN_LEFT);
		return;
	}
	if (t != NULL && *t != '\0')
		t = own(d, xasprintf("第%02d版 %s", p->number, t));
	else
		t = own(d, xasprintf("第%02d版", p->number));
	wrap_str(d, t, TS_PAGE, ALIGN_LEFT);
}

/* The page after its header, what typeset_page_body sets: of its
 * articles [from, to), with the items before each, and those after the
 * last when to is the page's end. */
static void
set_page_body(struct ts_doc *d, const struct page *p, size_t from, size_t to)
{
	bool box = p->contents_title != NULL || p->ncontents > 0;
	int boxline = p->ncontents > 0 ? p->contents[0].line : 0;
	size_t k, c = 0, *order = page_item_order(p);
	size_t last = to < p->narticles ? to - 1 : p->narticles;

	while (c < p->nitems && page_item_slot(p, &p->items[order[c]]) < from)
		c++;
	/* Slot k: what stands before article k (k == narticles: after all). */
	for (k = from; k <= last; k++) {
		for (; c < p->nitems &&
		       page_item_slot(p, &p->items[order[c]]) == k;
		     c++) {
			const struct block *b = &p->items[order[c]];

			if (box && p->contents_after == k && boxline > 0 &&
			    b->line > boxline) {
				contents_box(d, p);
				box = false;
			}
			gap(d, 1, NULL);
			block(d, NULL, b);
		}
		if (box && (p->contents_after == k ||
		            (k == p->narticles && p->contents_after > k))) {
			contents_box(d, p);
			box = false;
		}
		if (k < to) {
			gap(d, 1, NULL);
			set_article(d, page_article(p, k));
			if (d->flush != NULL && (d->nheld >= TS_FLUSH_HELD ||
			                         d->n >= TS_FLUSH_LINES))
				d->flush(d, d->flush_ctx);
		}
	}
	free(order);
}

static void
set_page(struct ts_doc *d, const struct page *p)
{
	page_header(d, p);
	set_page_body(d, p, 0, p->narticles);
}

/*
 * A generous guess at the lines page p's articles [from, to) make at
 * width columns, with the items before each and after the last, from
 * their bytes: a line holds at least width / 2 bytes of text (ideographs:
 * 3 bytes for 2 columns; ASCII: 1 byte a column) and each block adds a
 * blank line or two. A big page's line array is then allocated once,
 * instead of copied at every doubling (the copies left behind stay in
 * the heap and in the resident set). Unused room is given back by fit().
 */
static size_t
page_guess(const struct page *p, int width, size_t from, size_t to)
{
	size_t per = width > 4 ? (size_t)width / 2 : 2, n, i, j, slot;

	n = 8 + p->ncontents * 3 + (p->title ? strlen(p->title) / per : 0);
	for (i = 0; i < p->ncontents; i++)
		if (p->contents[i].title != NULL)
			n += strlen(p->contents[i].title) / per;
	for (i = 0; i < p->nitems; i++)
		if ((slot = page_item_slot(p, &p->items[i])) >= from &&
		    slot <= to)
			n += p->items[i].len / per + 3;
	for (i = from; i < to; i++) {
		const struct article *a = page_article(p, i);

		n += a->headline_len / per + 4;
		if (article_shelved(a))
			n += a->shelf->len / per;
		for (j = 0; j < a->nblocks; j++)
			n += a->blocks[j].len / per + 3;
	}
	return n;
}

/* Room for more lines after the ones d has, allocated at once. */
static void
reserve(struct ts_doc *d, size_t more)
{
	if (more > d->cap - d->n) {
		d->cap = d->n + more;
		if (d->lines == NULL && d->cap < SIZE_MAX / sizeof *d->lines)
			/* a big page's lines: megabytes, in huge pages */
			d->lines = xmalloc_big(d->cap * sizeof *d->lines);
		else
			d->lines = xreallocarray(d->lines, d->cap,
			                         sizeof *d->lines);
	}
}

/*
 * Give back the unused end of the line array (see page_guess; and the
 * doubling leaves up to half of it unused): a reader keeps one doc per
 * article, thousands on a big page.
 */
static void
fit(struct ts_doc *d)
{
	if (d->n > 0 && d->cap - d->n > 8 && d->cap - d->n > d->n / 8) {
		d->cap = d->n;
		d->lines = xreallocarray(d->lines, d->cap, sizeof *d->lines);
	}
}

/*
 * The layout scratch is only needed while a call lays text out: give it
 * back at the end of each, so a reader that keeps one doc per article
 * does not keep one scratch per article (sized by its longest paragraph).
 */
static void
release_scratch(struct ts_doc *d)
{
	layout_lines_free(&d->lay);
}

void
typeset_masthead(struct ts_doc *d, const struct issue *is)
{
	set_masthead(d, is);
	release_scratch(d);
	fit(d);
}

void
typeset_masthead_brief(struct ts_doc *d, const struct issue *is)
{
	char *s = compose_publine(is, false);

	wrap_str(d, is->title, TS_TITLE, ALIGN_CENTER);
	if (s != NULL)
		publine(d, own(d, s));
	rule(d);
	release_scratch(d);
	fit(d);
}

void
typeset_colophon(struct ts_doc *d, const struct issue *is)
{
	const char *pub = is->publine;

	wrap_str(d, is->title_en, TS_TITLE_EN, ALIGN_CENTER);
	if (pub == NULL && is->publisher != NULL)
		pub = is->publisher;	/* the date line said the rest */
	if (pub != NULL)
		publine(d, pub);
	release_scratch(d);
	fit(d);
}

void
typeset_article(struct ts_doc *d, const struct article *a)
{
	set_article(d, a);
	release_scratch(d);
	fit(d);
}

void
typeset_block(struct ts_doc *d, const struct article *a, const struct block *b)
{
	block(d, a, b);
	release_scratch(d);
}

void
typeset_page(struct ts_doc *d, const struct page *p)
{
	typeset_page_part(d, p, 0, p->narticles);
}

void
typeset_page_part(struct ts_doc *d, const struct page *p, size_t from,
                  size_t to)
{
	if (d->flush == NULL) /* else a part of it at a time */
		reserve(d, page_guess(p, d->o.width, from, to));
	if (from == 0)
		page_header(d, p);
	set_page_body(d, p, from, to);
	release_scratch(d);
	fit(d);
}

void
typeset_issue(struct ts_doc *d, const struct issue *is)
{
	size_t i, guess = 16;

	for (i = 0; d->flush == NULL && i < is->npages; i++)
		guess += page_guess(&is->pages[i], d->o.width, 0,
		                    is->pages[i].narticles) + 1;
	reserve(d, guess);
	set_masthead(d, is);
	for (i = 0; i < is->npages; i++) {
		gap(d, 1, NULL);
		set_page(d, &is->pages[i]);
	}
	release_scratch(d);
	fit(d);
}

void
typeset_page_head(struct ts_doc *d, const struct page *p)
{
	gap(d, 1, NULL);
	page_header(d, p);
	release_scratch(d);
}

void
typeset_page_body(struct ts_doc *d, const struct page *p)
{
	reserve(d, page_guess(p, d->o.width, 0, p->narticles));
	set_page_body(d, p, 0, p->narticles);
	release_scratch(d);
}

/* The stories d's lines read, no longer held by d. */
static void
let_go(struct ts_doc *d)
{
	size_t i;

	for (i = 0; i < d->nheld; i++)
		shelf_let_go(d->held[i]);
	free(d->held);
	d->held = NULL;
	d->nheld = 0;
}

void
typeset_drain(struct ts_doc *d)
{
	size_t i, blank = 0;

	while (blank < d->n && d->lines[d->n - 1 - blank].style == TS_BLANK)
		blank++;
	if (blank == d->n)
		d->drained_blank += (int)blank;
	else
		d->drained_blank = (int)blank;
	if (d->n > 0)
		d->cont = true;
	d->n = 0;
	for (i = 0; i < d->nowned; i++)
		free(d->owned[i]);
	d->nowned = 0;
	let_go(d);
}

void
typeset_free(struct ts_doc *d)
{
	size_t i;

	for (i = 0; i < d->nowned; i++)
		free(d->owned[i]);
	free(d->owned);
	free(d->lines);
	layout_lines_free(&d->lay);
	let_go(d);
	memset(d, 0, sizeof *d);
}

void
typeset_opts_from(struct typeset_opts *o, const struct config *cfg, int width)
{
	memset(o, 0, sizeof *o);
	o->width = width;
	o->indent = cfg->indent;
	o->paragraph_gap = cfg->paragraph_gap;
	o->kinsoku = cfg->kinsoku;
	o->ascii_rules = cfg->ascii_rules;
}
