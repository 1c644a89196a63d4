/*
 * pane-photo.c: the photos of the panes (the article's, the front page's
 * lead), drawn as symbol art in curses cells. One cache for the session,
 * in the pane context: each photo's size read from its file's header
 * once, when a pane lays its rows out (nothing is decoded then); its art
 * made when one of its rows is first drawn, and kept, per size, for
 * PICS_ART_MAX photos. A pane's rows name the figure and the size, never
 * point into the cache, so clearing it (another issue) leaves no row
 * dangling.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "image.h"
#include "pane.h"
#include "photo.h"
#include "width.h"
#include "xmalloc.h"

/* Photos whose art is kept at most (an 80-column one is ~10 KB). */
#define PICS_ART_MAX 16

/* A photo's size, or why it cannot be shown: read once. */
struct pic_probe {
	const struct block	*b;	/* (borrowed) the figure */
	int			 pw, ph;	/* pixels, as the header says */
	char			*why;	/* "(a.jpg: reason)", or NULL */
};

/* A photo's art at one size. */
struct pic_art {
	const struct block	*b;
	int			 cols, rows;
	char			*why;	/* decoding failed: why, or NULL */
	struct photo_art	 art;
	unsigned long		 used;	/* when last drawn */
};

struct pane_pics {
	const struct issue	*is;	/* the issue the blocks are of */
	struct pic_probe	*probes;
	size_t			 nprobes;
	struct pic_art		 arts[PICS_ART_MAX];
	size_t			 narts;
	unsigned long		 clock;
	bool			 defer;	/* no decoding: the first screen */
	bool			 pending; /* a photo waits for it */
};

struct pane_pics *
pane_pics_new(void)
{
	struct pane_pics *pp = xcalloc(1, sizeof(struct pane_pics));

	pp->defer = true;
	return pp;
}

bool
pane_pics_undefer(struct pane_pics *pp)
{
	bool pending = pp->pending;

	pp->defer = pp->pending = false;
	return pending;
}

void
pane_pics_clear(struct pane_pics *pp)
{
	bool defer;
	size_t i;

	if (pp == NULL)
		return;
	for (i = 0; i < pp->nprobes; i++)
		free(pp->probes[i].why);
	free(pp->probes);
	for (i = 0; i < pp->narts; i++) {
		free(pp->arts[i].why);
		photo_art_free(&pp->arts[i].art);
	}
	defer = pp->defer;
	memset(pp, 0, sizeof *pp);
	pp->defer = defer;
}

void
pane_pics_free(struct pane_pics *pp)
{
	pane_pics_clear(pp);
	free(pp);
}

/* Cell width / height: the terminal's pixels when it tells them, else a
 * cell twice as tall as wide. */
static double
cell_ratio(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_xpixel > 0 &&
	    ws.ws_ypixel > 0 && ws.ws_col > 0 && ws.ws_row > 0)
		return ((double)ws.ws_xpixel / ws.ws_col) /
		    ((double)ws.ws_ypixel / ws.ws_row);
	return 0.5;
}

/* The probe of figure b, made the first time. */
static const struct pic_probe *
probe(struct pane_pics *pp, const struct issue *is, const struct article *a,
    const struct block *b)
{
	struct pic_probe *p;
	char *path, *err = NULL;
	size_t i;

	if (pp->is != is) {
		pane_pics_clear(pp);
		pp->is = is;
	}
	for (i = 0; i < pp->nprobes; i++)
		if (pp->probes[i].b == b)
			return &pp->probes[i];
	pp->probes = xreallocarray(pp->probes, pp->nprobes + 1,
	    sizeof *pp->probes);
	p = &pp->probes[pp->nprobes++];
	memset(p, 0, sizeof *p);
	p->b = b;
	path = issue_figure_file(a, b->fig);
	if (path != NULL && image_probe(path, &p->pw, &p->ph, &err) != 0) {
		p->why = photo_reason(b->fig->path, path, err);
		free(err);
	}
	free(path);
	return p;
}

bool
pane_pics_has(const struct block *b)
{
	return b != NULL && b->kind == BLOCK_FIGURE && b->fig != NULL &&
	    b->fig->path != NULL && *b->fig->path != '\0';
}

int
pane_pics_fit(struct pane_pics *pp, const struct issue *is,
    const struct article *a, const struct block *b, int w, int maxr,
    int *cols)
{
	const struct pic_probe *p;
	double ratio = cell_ratio();
	int c = w, r;

	*cols = 0;
	if (!pane_pics_has(b) || w < 1)
		return 0;
	p = probe(pp, is, a, b);
	if (p->why != NULL) {
		*cols = w;	/* a line of reason, from the left */
		return 1;
	}
	if (maxr < 1)
		maxr = 1;
	r = (int)((double)c * p->ph * ratio / p->pw + 0.5);
	if (r > maxr) {
		r = maxr;
		c = (int)((double)r * p->pw / (p->ph * ratio) + 0.5);
	}
	*cols = c < 1 ? 1 : c > w ? w : c;
	return r < 1 ? 1 : r;
}

/* The colours a photo is drawn in, as curses has them. */
static enum photo_colors
pic_colors(const struct pane_ctx *ctx)
{
	if (ctx->cfg->no_color || !has_colors())
		return PHOTO_MONO;
	if (COLORS >= 0x1000000)
		return PHOTO_TRUECOLOR;
	return COLORS >= 256 ? PHOTO_256 : PHOTO_MONO;
}

/* The art of b at cols x rows: made (decoded) the first time, in the
 * place of the one drawn longest ago when PICS_ART_MAX are kept; NULL
 * while decoding is deferred. */
static const struct pic_art *
art(struct pane_pics *pp, const struct pane_ctx *ctx, const struct article *a,
    const struct block *b, int cols, int rows)
{
	struct photo_opts o = {
		.width = cols,
		.max_rows = rows,
		.colors = pic_colors(ctx),
		.symbols = PHOTO_BLOCK,
		.ambiguous_wide = width_get_ambiguous() == WIDTH_WIDE,
		.cell_ratio = cell_ratio(),
		.exact = true,	/* the rows laid out for it */
	};
	struct pic_art *pa = NULL;
	struct image im;
	char *path, *err = NULL;
	size_t i;

	for (i = 0; i < pp->narts; i++)
		if (pp->arts[i].b == b && pp->arts[i].cols == cols &&
		    pp->arts[i].rows == rows)
			return &pp->arts[i];
	if (pp->defer) {
		/* decoded once the first screen is out (pane_pics_undefer) */
		pp->pending = true;
		return NULL;
	}
	if (pp->narts < PICS_ART_MAX)
		pa = &pp->arts[pp->narts++];
	else {
		for (i = 0; i < pp->narts; i++)
			if (pa == NULL || pp->arts[i].used < pa->used)
				pa = &pp->arts[i];
		free(pa->why);
		photo_art_free(&pa->art);
	}
	memset(pa, 0, sizeof *pa);
	pa->b = b;
	pa->cols = cols;
	pa->rows = rows;
	path = issue_figure_file(a, b->fig);
	/* chafa looks at about 8x16 pixels a cell */
	if (image_load(path, cols * 8, rows * 16, &im, &err) == 0) {
		if (photo_render(&im, &o, &pa->art, &err) != 0)
			photo_art_free(&pa->art);
		image_free(&im);
	}
	if (err != NULL) {
		pa->why = photo_reason(b->fig->path, path, err);
		free(err);
	}
	free(path);
	return pa;
}

void
pane_pics_draw(struct pane_pics *pp, const struct pane_ctx *ctx, WINDOW *win,
    int y, int x, int xmax, const struct pane_photo_row *r)
{
	const struct pic_probe *p;
	const struct pic_art *pa;
	const char *why;
	int i;

	if (!pane_pics_has(r->b))
		return;
	p = probe(pp, ctx->rd->is, r->a, r->b);
	pa = p->why == NULL ? art(pp, ctx, r->a, r->b, r->cols, r->rows) : NULL;
	if (p->why == NULL && pa == NULL)
		return;		/* after the first screen */
	if (pa != NULL)
		pp->arts[pa - pp->arts].used = ++pp->clock;
	why = p->why != NULL ? p->why : pa->why;
	if (why != NULL) {
		/* on the photo's first row */
		if (r->row == 0)
			draw_put_cut(win, y, x, xmax, why, strlen(why),
			    false, ctx->attr[UI_DIM]);
		return;
	}
	for (i = 0; i < pa->art.cols && x + i < xmax && r->row < pa->art.rows;
	    i++) {
		const struct photo_cell *c = &pa->art.cells[(size_t)r->row *
		    (size_t)pa->art.cols + (size_t)i];
		wchar_t wc[2] = { (wchar_t)c->ch, L'\0' };
		cchar_t cc;
		int pair = 0;

		if (pa->art.colors != PHOTO_MONO &&
		    (pair = alloc_pair(c->fg, c->bg)) < 0)
			pair = 0;
		if (c->ch < 0x20 || (c->ch >= 0x7f && c->ch < 0xa0))
			wc[0] = L' ';
		setcchar(&cc, wc, A_NORMAL, 0, &pair);
		mvwadd_wch(win, y, x + i, &cc);
	}
}
