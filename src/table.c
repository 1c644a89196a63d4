/*
 * table.c: a table's grid from rows of cells (table.h). The builder keeps
 * the rows as read; table_finish places every cell in the grid (a cell
 * takes the first free slot of its row, as in HTML, and covers the slots
 * of its spans), after dropping the empty rows and the body rows that
 * repeat the header.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "table.h"
#include "xmalloc.h"

struct bcell {
	char *text;
	size_t len;
	int colspan, rowspan;
	size_t col; /* where table_finish placed it */
	int span, rows;
	bool placed;
};

struct brow {
	struct bcell *cells;
	size_t n;
	bool head;
};

struct table_builder {
	struct brow *rows;
	size_t n;
};

struct table_builder *
table_builder_new(void)
{
	return xcalloc(1, sizeof(struct table_builder));
}

void
table_row(struct table_builder *tb, bool head)
{
	if (tb->n >= TABLE_MAX_ROWS)
		return;
	tb->rows = xgrow(tb->rows, tb->n, sizeof *tb->rows);
	memset(&tb->rows[tb->n], 0, sizeof *tb->rows);
	tb->rows[tb->n++].head = head;
}

void
table_cell(struct table_builder *tb, char *text, size_t len, int colspan,
           int rowspan)
{
	struct brow *r;
	struct bcell *c;

	if (tb->n == 0)
		table_row(tb, false);
	r = &tb->rows[tb->n - 1];
	if (tb->n >= TABLE_MAX_ROWS || r->n >= TABLE_MAX_COLS) {
		free(text); /* past the bounds: cut */
		return;
	}
	r->cells = xgrow(r->cells, r->n, sizeof *r->cells);
	c = &r->cells[r->n++];
	memset(c, 0, sizeof *c);
	c->text = text;
	c->len = len;
	c->colspan = colspan < 1 ? 1 : colspan;
	c->rowspan = rowspan < 1 ? 1 : rowspan;
}

bool
table_builder_empty(const struct table_builder *tb)
{
	size_t i;

	for (i = 0; i < tb->n; i++)
		if (tb->rows[i].n > 0)
			return false;
	return true;
}

static void
row_free(struct brow *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->cells[i].text);
	free(r->cells);
}

void
table_builder_free(struct table_builder *tb)
{
	size_t i;

	if (tb == NULL)
		return;
	for (i = 0; i < tb->n; i++)
		row_free(&tb->rows[i]);
	free(tb->rows);
	free(tb);
}

/* Do rows a and b hold the same cells? */
static bool
same_row(const struct brow *a, const struct brow *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (a->cells[i].len != b->cells[i].len ||
		    a->cells[i].colspan != b->cells[i].colspan ||
		    a->cells[i].rowspan != 1 || b->cells[i].rowspan != 1 ||
		    memcmp(a->cells[i].text, b->cells[i].text,
		           a->cells[i].len) != 0)
			return false;
	return true;
}

/* 1,200  12.5%  -3  ３００: a cell set right-aligned. */
static bool
is_number(const char *s, size_t len)
{
	size_t i = 0;
	bool digit = false;

	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	else if (len >= 3 && memcmp(s, "−", 3) == 0)
		i += 3;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= '0' && c <= '9')
			digit = true;
		else if (len - i >= 3 && memcmp(s + i, "\xef\xbc", 2) == 0 &&
		         (unsigned char)s[i + 2] >= 0x90 &&
		         (unsigned char)s[i + 2] <= 0x99) {
			digit = true; /* ０..９ */
			i += 2;
		} else if (!((c == ',' || c == '.') && digit))
			break;
	}
	if (i < len && s[i] == '%')
		i++;
	else if (len - i == 3 && memcmp(s + i, "‰", 3) == 0)
		i += 3;
	return digit && i == len;
}

/*
 * Place the cells of rows[0, n) (HTML's way) and return the number of
 * columns; cover[c]: the row up to which column c is covered.
 */
static size_t
place(struct brow *rows, size_t n)
{
	size_t cover[TABLE_MAX_COLS] = {0};
	size_t r, i, c, ncols = 0;

	for (r = 0; r < n; r++) {
		c = 0;
		for (i = 0; i < rows[r].n; i++) {
			struct bcell *b = &rows[r].cells[i];
			size_t k;
			int span = 0;

			while (c < TABLE_MAX_COLS && cover[c] > r)
				c++;
			if (c >= TABLE_MAX_COLS)
				break;
			/* as far as it may go without overlapping a span */
			for (k = c; k < TABLE_MAX_COLS && span < b->colspan &&
			            cover[k] <= r;
			     k++)
				span++;
			b->col = c;
			b->span = span;
			b->rows = (size_t)b->rowspan > n - r ? (int)(n - r)
			                                     : b->rowspan;
			b->placed = true;
			for (k = c; k < c + (size_t)span; k++)
				cover[k] = r + (size_t)b->rows;
			c += (size_t)span;
			if (c > ncols)
				ncols = c;
		}
	}
	return ncols;
}

/* No header marked (MinerU's and PP-StructureV3's tables are all <td>):
 * a first row with no number over rows with numbers is one. */
static void
guess_head(struct brow *rows, size_t n)
{
	bool nums = false, first = false;
	size_t r, i;

	if (n < 2 || rows[0].head)
		return;
	for (i = 0; i < rows[0].n; i++)
		first = first || is_number(rows[0].cells[i].text,
		                           rows[0].cells[i].len);
	for (r = 1; r < n && !nums; r++)
		for (i = 0; i < rows[r].n; i++)
			nums = nums || is_number(rows[r].cells[i].text,
			                         rows[r].cells[i].len);
	for (r = 0; r < n; r++)
		if (rows[r].head)
			first = true; /* a header elsewhere: not this */
	if (nums && !first && rows[0].n > 0)
		rows[0].head = true;
}

/* Empty rows go, and body rows that repeat the header (docling repeats
 * it on every page of the PDF); returns the rows left. */
static size_t
drop_rows(struct brow *rows, size_t count)
{
	size_t n = 0, r, hrow = 0;
	bool have_head = false;

	for (r = 0; r < count; r++) {
		bool drop = rows[r].n == 0;

		if (!drop && rows[r].head && !have_head) {
			have_head = true;
			hrow = n;
		} else if (!drop && have_head && !rows[r].head &&
		           same_row(&rows[r], &rows[hrow]))
			drop = true;
		if (drop)
			row_free(&rows[r]);
		else
			rows[n++] = rows[r];
	}
	return n;
}

/* The placed cells into t's grid (their text moves); the slots no cell
 * reached (a short row) get empty cells. */
static void
fill_grid(struct table *t, struct brow *rows)
{
	bool *used = xcalloc(t->nrows * t->ncols, sizeof *used);
	size_t r, i, k, rr, cc;

	for (r = 0; r < t->nrows; r++)
		for (i = 0; i < rows[r].n; i++) {
			struct bcell *c = &rows[r].cells[i];
			struct table_cell *g;

			if (!c->placed)
				continue;
			g = &t->cells[r * t->ncols + c->col];
			g->text = c->text;
			g->len = c->len;
			g->colspan = c->span;
			g->rowspan = c->rows;
			g->number = is_number(c->text, c->len);
			c->text = NULL;
			for (rr = r; rr < r + (size_t)c->rows; rr++)
				for (cc = c->col; cc < c->col + (size_t)c->span;
				     cc++)
					used[rr * t->ncols + cc] = true;
		}
	for (k = 0; k < t->nrows * t->ncols; k++)
		if (!used[k]) {
			t->cells[k].text = xstrdup("");
			t->cells[k].colspan = t->cells[k].rowspan = 1;
		}
	free(used);
}

/* The text for search: a row a line, cells apart by a space. */
static char *
search_text(const struct table *t, size_t *len)
{
	struct buf b = {0};
	size_t r, k;

	for (r = 0; r < t->nrows; r++) {
		bool first = true;

		for (k = 0; k < t->ncols; k++) {
			const struct table_cell *c =
			    &t->cells[r * t->ncols + k];

			if (c->text == NULL || c->len == 0)
				continue;
			if (!first)
				buf_addc(&b, ' ');
			buf_add(&b, c->text, c->len);
			first = false;
		}
		if (r + 1 < t->nrows)
			buf_addc(&b, '\n');
	}
	if (b.s == NULL)
		buf_adds(&b, "");
	return buf_take(&b, len);
}

struct table *
table_finish(struct table_builder *tb, char **text, size_t *len)
{
	struct table *t;
	struct brow *rows = tb->rows;
	size_t n, head = 0;

	guess_head(rows, tb->n);
	tb->n = n = drop_rows(rows, tb->n);
	if (n == 0) {
		table_builder_free(tb);
		return NULL;
	}
	while (head < n && rows[head].head)
		head++;
	t = xcalloc(1, sizeof *t);
	t->ncols = place(rows, n);
	t->nrows = n;
	t->head = head == n ? 0 : head; /* all header: no header */
	t->cells = xcalloc(n * t->ncols, sizeof *t->cells);
	fill_grid(t, rows);
	*text = search_text(t, len);
	table_builder_free(tb);
	return t;
}
