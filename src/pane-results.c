/*
 * pane-results.c: the stories an archive search found (S), newest first:
 * a row "date · N版 · headline", under it the snippet around the hit
 * with the match marked. Enter opens the issue at that article with the
 * match shown (ui_open_hit); back from there returns here. The search,
 * the index and the idle indexing are ui.c's; this pane only shows.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "buf.h"
#include "pane.h"
#include "text.h"
#include "width.h"
#include "xmalloc.h"

#define RESULTS_COL 2	/* the snippet's indent */

struct results {
	struct pane_ctx		*ctx;
	struct pane_list	 list;
	struct archive_hit	*hits;
	size_t			 n;
	char			*query;
	char			*needle;	/* folded, for the mark */
	int			 w;
	bool			 have;
	bool			 rank;		/* ordered by rank, not by date */
};

static void
build(struct results *r)
{
	size_t i;

	pane_list_clear(&r->list);
	r->list.ctx = r->ctx;
	for (i = 0; i < r->n; i++) {
		const struct archive_hit *h = &r->hits[i];
		char *head = xasprintf("%s · %d版 · %s", h->date, h->page,
		    h->headline);
		struct pane_list_row *row;

		row = pane_list_add(&r->list, head, strlen(head), true, 0,
		    TS_HEADLINE);
		row->selectable = true;
		row->kind = 1;
		row->n = (int)i;
		free(head);
		row = pane_list_add(&r->list, h->snippet, strlen(h->snippet),
		    false, RESULTS_COL, TS_BODY);
		row->follow = true;
		row->elem = UI_DIM;
	}
	pane_list_select(&r->list, 0);
	r->have = true;
}

void
pane_results_set(void *data, const char *query, const char *needle,
    struct archive_hit *hits, size_t n, bool rank)
{
	struct results *r = data;

	archive_hits_free(r->hits, r->n);
	free(r->query);
	free(r->needle);
	r->hits = hits;
	r->n = n;
	r->query = xstrdup(query);
	r->needle = needle != NULL ? xstrdup(needle) : NULL;
	r->have = false;
	r->rank = rank;
}

char *
pane_results_query(void *data)
{
	struct results *r = data;

	return r->query != NULL ? xstrdup(r->query) : NULL;
}

static void
results_resize(void *data, int h, int w)
{
	struct results *r = data;

	(void)h;
	r->w = w;
}

static void
results_update(void *data, enum pane_update what)
{
	struct results *r = data;

	(void)what;
	r->have = false;
}

/* The needle in the snippet rows on screen, in the match colour. */
static void
mark_matches(struct results *r, WINDOW *win, int y0, int h, int w)
{
	size_t i, nl;
	int y;

	if (r->needle == NULL || (nl = strlen(r->needle)) == 0)
		return;
	for (y = 0, i = r->list.top; y < h && i < r->list.n; y++, i++) {
		const struct pane_list_row *row = pane_list_row(&r->list, i);
		const char *m;
		int x;

		if (!row->follow)
			continue;
		m = text_find(row->text, row->len, r->needle, nl);
		if (m == NULL)
			continue;
		x = row->col + width_str(row->text, (size_t)(m - row->text));
		if (x < w)
			draw_put(win, y0 + y, x, w, m, nl, r->ctx->attr[UI_MATCH]);
	}
}

static void
results_draw(void *data, WINDOW *win, int y0, int h, int w)
{
	struct results *r = data;

	if (!r->have)
		build(r);
	if (r->n == 0) {
		draw_puts(win, y0, 0, w, r->query == NULL ?
		    "No archive search yet." : "No story found.",
		    r->ctx->attr[UI_DIM]);
		return;
	}
	pane_list_draw(&r->list, win, y0, h, w);
	mark_matches(r, win, y0, h, w);
}

static bool
results_open(struct results *r)
{
	const struct pane_list_row *row = pane_list_selected(&r->list);

	if (row == NULL || row->kind != 1)
		return true;
	pane_open_hit(r->ctx, &r->hits[row->n], r->needle);
	return true;
}

static bool
results_action(void *data, enum action a)
{
	struct results *r = data;

	if (!r->have)
		build(r);
	if (a == ACTION_OPEN)
		return results_open(r);
	return pane_list_action(&r->list, a);
}

static void
results_click(void *data, int y, int x)
{
	struct results *r = data;

	(void)x;
	if (!r->have)
		build(r);
	if (pane_list_click(&r->list, y))
		results_open(r);
}

static void
results_status(void *data, struct buf *b)
{
	struct results *r = data;
	char *q;

	if (r->query == NULL) {
		buf_adds(b, "archive");
		return;
	}
	q = text_safe(r->query);
	buf_printf(b, "archive │ %s │ %zu %s │ %s", q, r->n,
	    r->n == 1 ? "story" : "stories", r->rank ? "by rank" :
	    "newest");
	free(q);
}

static void *
results_init(struct pane_ctx *ctx)
{
	struct results *r = xcalloc(1, sizeof *r);

	r->ctx = ctx;
	r->list.ctx = ctx;
	return r;
}

static void
results_free(void *data)
{
	struct results *r = data;

	pane_list_clear(&r->list);
	archive_hits_free(r->hits, r->n);
	free(r->query);
	free(r->needle);
	free(r);
}

const struct pane_ops pane_results_ops = {
	.name = "results",
	.init = results_init,
	.free = results_free,
	.resize = results_resize,
	.update = results_update,
	.draw = results_draw,
	.action = results_action,
	.click = results_click,
	.status = results_status,
};
