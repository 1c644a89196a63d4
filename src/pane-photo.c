/*
 * pane-photo.c: the photos of the panes (the article's, the front page's
 * lead), drawn as symbol art in curses cells. One cache for the session,
 * in the pane context: each photo's size read from its file's header
 * once, when a pane lays its rows out (nothing is decoded then); its art
 * made when one of its rows is first drawn, and kept, per size, for
 * PICS_ART_MAX photos. A pane's rows name the figure and the size, never
 * point into the cache, so clearing it (another issue) leaves no row
 * dangling.
 *
 * Pixels (sixel, kitty, iTerm2) bypass curses: a photo's cells are drawn
 * blank, and where each photo stands this frame is noted (its screen
 * place and the rows of it on screen). After doupdate, pane_pics_flush
 * writes the photos whose place changed, each between a cursor save and
 * restore, so curses' idea of the cursor holds; the rows a photo left are
 * marked for curses to write again (wredrawln) in the frame that leaves
 * them, so no pixel stays behind a scroll, a pane switch or C-l; kitty's
 * images, a layer of their own, are deleted and placed again.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "buf.h"
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

/* A photo's art at one size: symbols, or the decoded picture for the
 * pixel protocols and its last encoding (of rows r0..r1 of it). */
struct pic_art {
	const struct block	*b;
	int			 cols, rows;
	char			*why;	/* decoding failed: why, or NULL */
	struct photo_art	 art;
	struct image		 im;	/* pixel modes */
	char			*bytes;	/* pixel modes: rows r0..r1 encoded */
	size_t			 nbytes;
	int			 r0, r1;
	unsigned		 kitty_id; /* kitty: the image's id, and */
	bool			 kitty_sent; /* whether the terminal has it */
	int			 kitty_w, kitty_h; /* its pixels, as sent */
	unsigned long		 used;	/* when last drawn */
};

/* Where a photo stands in a frame: screen row of its row 0 (may be off
 * the screen), column, and the rows of it shown. */
struct pic_place {
	const struct article	*a;
	const struct block	*b;
	int			 cols, rows;
	int			 y0, x, r0, r1;
};

/* Places a frame may hold */
#define PICS_PLACES 16

enum pic_mode {
	PIC_UNSET = -2,		/* not yet told (the first photo drawn) */
	PIC_SYMBOLS = -1,
	/* 0.. an enum photo_pixels, or: */
	PIC_SGR = 16,		/* symbols in 24-bit SGR, written past curses:
				 * COLORTERM says truecolor, terminfo 256 */
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
	int			 mode;	/* enum pic_mode */
	int			 cell_w, cell_h; /* pixels a cell */
	double			 ratio;	/* cell width / height, unrounded */
	struct pic_place	 now[PICS_PLACES], was[PICS_PLACES];
	size_t			 nnow, nwas;
	bool			 force;	/* write every photo at the next flush */
	unsigned		 kitty_ids; /* the last image id given */
	bool			 kitty_purge; /* kitty: images dropped here: the
					       * terminal's copies go too */
};

struct pane_pics *
pane_pics_new(void)
{
	struct pane_pics *pp = xcalloc(1, sizeof(struct pane_pics));

	pp->defer = true;
	pp->mode = PIC_UNSET;
	pp->cell_w = 10;	/* until the terminal tells (cell_size) */
	pp->cell_h = 20;
	pp->ratio = 0.5;
	return pp;
}

bool
pane_pics_undefer(struct pane_pics *pp)
{
	bool pending = pp->pending;

	pp->defer = pp->pending = false;
	return pending;
}

static void
art_free(struct pic_art *pa)
{
	free(pa->why);
	photo_art_free(&pa->art);
	image_free(&pa->im);
	free(pa->bytes);
	memset(pa, 0, sizeof *pa);
}

void
pane_pics_clear(struct pane_pics *pp)
{
	size_t i;

	if (pp == NULL)
		return;
	for (i = 0; i < pp->nprobes; i++)
		free(pp->probes[i].why);
	free(pp->probes);
	pp->probes = NULL;
	pp->nprobes = 0;
	for (i = 0; i < pp->narts; i++)
		art_free(&pp->arts[i]);
	pp->narts = 0;
	pp->is = NULL;
	pp->kitty_purge = true;
	/* the places stay: the rows photos stood on are still written
	 * again when they go, and every photo is put again */
	pp->force = true;
}

void
pane_pics_free(struct pane_pics *pp)
{
	pane_pics_clear(pp);
	free(pp);
}

/* A cell's pixels and shape, as the terminal tells them (TIOCGWINSZ),
 * read at each layout; 10x20 (twice as tall as wide) while it tells none. */
static void
cell_size(struct pane_pics *pp)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_xpixel > 0 &&
	    ws.ws_ypixel > 0 && ws.ws_col > 0 && ws.ws_row > 0 &&
	    ws.ws_xpixel >= ws.ws_col && ws.ws_ypixel >= ws.ws_row) {
		pp->cell_w = ws.ws_xpixel / ws.ws_col;
		pp->cell_h = ws.ws_ypixel / ws.ws_row;
		pp->ratio = ((double)ws.ws_xpixel / ws.ws_col) /
		    ((double)ws.ws_ypixel / ws.ws_row);
	}
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
	double ratio;
	int c = w, r;

	*cols = 0;
	if (!pane_pics_has(b) || w < 1)
		return 0;
	cell_size(pp);
	ratio = pp->ratio;
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

/* Symbol art: in curses' colours, or past curses in 24-bit ones where
 * COLORTERM says the terminal has them and its terminfo entry does not
 * (xterm-256color): curses cannot name such a colour. */
static int
symbols_mode(const struct pane_ctx *ctx)
{
	const char *ct = getenv("COLORTERM");

	if (ctx->cfg->no_color || !has_colors() || COLORS >= 0x1000000 ||
	    ct == NULL || (strcmp(ct, "truecolor") != 0 &&
	    strcmp(ct, "24bit") != 0))
		return PIC_SYMBOLS;
	return PIC_SGR;
}

/* How photos are drawn: [images] mode, auto told by the environment
 * (photo_pixels_from_env) the first time a photo is drawn. */
static int
pic_mode(struct pane_pics *pp, const struct pane_ctx *ctx)
{
	if (pp->mode != PIC_UNSET)
		return pp->mode;
	switch (ctx->cfg->images) {
	case CONFIG_IMAGES_SIXEL:
		pp->mode = PHOTO_SIXEL;
		break;
	case CONFIG_IMAGES_KITTY:
		pp->mode = PHOTO_KITTY;
		break;
	case CONFIG_IMAGES_ITERM:
		pp->mode = PHOTO_ITERM;
		break;
	case CONFIG_IMAGES_AUTO:
		/* NO_COLOR and theme = mono: the symbols' shapes alone */
		pp->mode = ctx->cfg->no_color ? PIC_SYMBOLS :
		    photo_pixels_from_env();
		if (pp->mode < 0)
			pp->mode = symbols_mode(ctx);
		break;
	default:
		pp->mode = symbols_mode(ctx);
		break;
	}
	return pp->mode;
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
static struct pic_art *
art(struct pane_pics *pp, const struct pane_ctx *ctx, const struct article *a,
    const struct block *b, int cols, int rows)
{
	struct photo_opts o = {
		.width = cols,
		.max_rows = rows,
		.colors = pic_colors(ctx),
		.symbols = PHOTO_BLOCK,
		.ambiguous_wide = width_get_ambiguous() == WIDTH_WIDE,
		.cell_ratio = pp->ratio,
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
		if (pa->kitty_sent)
			pp->kitty_purge = true;	/* its copy in the terminal */
		art_free(pa);
	}
	memset(pa, 0, sizeof *pa);
	pa->b = b;
	pa->cols = cols;
	pa->rows = rows;
	path = issue_figure_file(a, b->fig);
	if (pic_mode(pp, ctx) == PIC_SGR)
		o.colors = PHOTO_TRUECOLOR;
	if (pp->mode >= 0 && pp->mode != PIC_SGR) {
		/* the pixels of its cells, encoded when placed */
		if (image_load(path, cols * pp->cell_w, rows * pp->cell_h,
		    &pa->im, &err) != 0)
			memset(&pa->im, 0, sizeof pa->im);
	} else if (image_load(path, cols * 8, rows * 16, &im, &err) == 0) {
		/* chafa looks at about 8x16 pixels a cell */
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

/* Row r->row of a photo is on screen row y, column x, this frame. */
static void
note_place(struct pane_pics *pp, const struct pane_photo_row *r, int y, int x)
{
	struct pic_place *pl;
	size_t i;

	for (i = 0; i < pp->nnow; i++) {
		pl = &pp->now[i];
		if (pl->b == r->b && pl->cols == r->cols &&
		    pl->rows == r->rows && pl->x == x &&
		    pl->y0 == y - r->row) {
			if (r->row < pl->r0)
				pl->r0 = r->row;
			if (r->row + 1 > pl->r1)
				pl->r1 = r->row + 1;
			return;
		}
	}
	if (pp->nnow == PICS_PLACES)
		return;
	pp->now[pp->nnow++] = (struct pic_place){ r->a, r->b, r->cols,
	    r->rows, y - r->row, x, r->row, r->row + 1 };
}

static bool
same_place(const struct pic_place *p, const struct pic_place *q)
{
	return p->b == q->b && p->cols == q->cols && p->rows == q->rows &&
	    p->y0 == q->y0 && p->x == q->x && p->r0 == q->r0 && p->r1 == q->r1;
}

static bool
placed(const struct pic_place *v, size_t n, const struct pic_place *p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (same_place(&v[i], p))
			return true;
	return false;
}

void
pane_pics_frame(struct pane_pics *pp)
{
	memcpy(pp->was, pp->now, pp->nnow * sizeof *pp->now);
	pp->nwas = pp->nnow;
	pp->nnow = 0;
}

void
pane_pics_leave(struct pane_pics *pp, WINDOW *win)
{
	size_t i;

	/* a photo gone from where it was: curses writes its rows again,
	 * over the pixels (kitty's are deleted at the flush) */
	for (i = 0; i < pp->nwas; i++) {
		const struct pic_place *p = &pp->was[i];

		if (pp->force || !placed(pp->now, pp->nnow, p))
			wredrawln(win, p->y0 + p->r0, p->r1 - p->r0);
	}
}

/* Kitty: every image deleted, the terminal's copies of their pixels too. */
static const char kitty_clear[] = "\033_Ga=d,d=A,q=2\033\\";

/* Write all n bytes to the terminal. */
static void
put(const char *s, size_t n)
{
	ssize_t k;

	while (n > 0 && ((k = write(STDOUT_FILENO, s, n)) > 0 ||
	    (k < 0 && errno == EINTR)))
		if (k > 0) {
			s += k;
			n -= (size_t)k;
		}
}

/*
 * Kitty: the whole photo is sent once, with an id and not shown (a=t,i=N;
 * q=2: no answer comes back among the keys), and each place is a
 * placement of the part of it on screen (a=p,i=N,x,y,w,h: a crop in its
 * pixels), a few bytes however the photo moves or the pane cuts it.
 */
static void
kitty_name(struct pane_pics *pp, struct pic_art *pa)
{
	static const char head[] = "\033_Ga=T,";
	struct buf b = { 0 };
	const char *w, *h;

	pa->kitty_id = 0;
	pa->kitty_sent = false;
	if (pa->nbytes < sizeof head ||
	    memcmp(pa->bytes, head, sizeof head - 1) != 0)
		return;		/* not as chafa 1.12 writes it: sent as is */
	w = strstr(pa->bytes, ",s=");
	h = strstr(pa->bytes, ",v=");
	if (w == NULL || h == NULL || atoi(w + 3) < 1 || atoi(h + 3) < 1)
		return;
	pa->kitty_w = atoi(w + 3);
	pa->kitty_h = atoi(h + 3);
	pa->kitty_id = ++pp->kitty_ids;
	buf_printf(&b, "\033_Ga=t,i=%u,q=2,", pa->kitty_id);
	buf_add(&b, pa->bytes + sizeof head - 1, pa->nbytes - (sizeof head - 1));
	free(pa->bytes);
	pa->nbytes = b.len;
	pa->bytes = buf_take(&b, NULL);
}

/* The encoding of rows r0..r1 of a photo's picture. */
static struct pic_art *
encode(struct pane_pics *pp, const struct pane_ctx *ctx,
    const struct pic_place *p)
{
	struct pic_art *pa = art(pp, ctx, p->a, p->b, p->cols, p->rows);
	struct image sub;
	char *err = NULL;
	int y0, y1, r0, r1;

	if (pa == NULL || pa->im.rgba == NULL)
		return NULL;
	if (pa->bytes != NULL && (pa->kitty_id != 0 ||
	    (pa->r0 == p->r0 && pa->r1 == p->r1)))
		return pa;	/* kitty: the whole photo, whatever the cut */
	free(pa->bytes);
	pa->bytes = NULL;
	/* the picture's rows under the photo's rows on screen (kitty: all
	 * of them, cropped when placed) */
	r0 = pp->mode == PHOTO_KITTY ? 0 : p->r0;
	r1 = pp->mode == PHOTO_KITTY ? p->rows : p->r1;
	y0 = (int)((long)r0 * pa->im.height / p->rows);
	y1 = (int)((long)r1 * pa->im.height / p->rows);
	if (y1 <= y0)
		return NULL;
	sub = pa->im;
	sub.rgba = pa->im.rgba + (size_t)y0 * (size_t)pa->im.width * 4;
	sub.height = y1 - y0;
	pa->bytes = photo_pixels(&sub, (enum photo_pixels)pp->mode, p->cols,
	    r1 - r0, pp->cell_w, pp->cell_h, &pa->nbytes, &err);
	free(err);
	pa->r0 = r0;
	pa->r1 = r1;
	if (pa->bytes != NULL && pp->mode == PHOTO_KITTY)
		kitty_name(pp, pa);
	return pa->bytes != NULL ? pa : NULL;
}

/* A photo's rows on screen as 24-bit SGR symbols, each at its place;
 * DECSC and DECRC around them keep curses' cursor and attributes. */
static void
put_sgr(struct pane_pics *pp, const struct pane_ctx *ctx,
    const struct pic_place *p)
{
	const struct pic_art *pa = art(pp, ctx, p->a, p->b, p->cols, p->rows);
	char cup[32];
	int r, n;

	if (pa == NULL || pa->why != NULL || pa->art.cells == NULL)
		return;
	put("\0337", 2);
	for (r = p->r0; r < p->r1 && r < pa->art.rows; r++) {
		char *line = photo_art_line(&pa->art, r);

		n = snprintf(cup, sizeof cup, "\033[%d;%dH", p->y0 + r + 1,
		    p->x + 1);
		put(cup, (size_t)n);
		put(line, strlen(line));
		free(line);
	}
	put("\0338", 2);
}

void
pane_pics_flush(struct pane_pics *pp, const struct pane_ctx *ctx)
{
	/* kitty: the placements go (a=d,d=a); the images stay, placed
	 * again by id, unless some were dropped here (d=A: all go) */
	static const char kitty_unplace[] = "\033_Ga=d,d=a,q=2\033\\";
	bool change = pp->force || pp->nnow != pp->nwas;
	size_t i;

	if (pp->mode < 0)
		return;
	for (i = 0; i < pp->nnow && !change; i++)
		change = !placed(pp->was, pp->nwas, &pp->now[i]);
	if (!change)
		return;
	fflush(stdout);
	if (pp->mode == PHOTO_KITTY && pp->kitty_purge) {
		put(kitty_clear, sizeof kitty_clear - 1);
		for (i = 0; i < pp->narts; i++)
			pp->arts[i].kitty_sent = false;
		pp->kitty_purge = false;
	} else if (pp->mode == PHOTO_KITTY)
		put(kitty_unplace, sizeof kitty_unplace - 1);
	for (i = 0; i < pp->nnow; i++) {
		const struct pic_place *p = &pp->now[i];
		struct pic_art *pa;
		char cup[32];
		int n;

		/* sixel, iTerm2 and SGR cells stay where they were put */
		if (!pp->force && pp->mode != PHOTO_KITTY &&
		    placed(pp->was, pp->nwas, p))
			continue;
		if (pp->mode == PIC_SGR) {
			put_sgr(pp, ctx, p);
			continue;
		}
		if ((pa = encode(pp, ctx, p)) == NULL)
			continue;
		n = snprintf(cup, sizeof cup, "\0337\033[%d;%dH",
		    p->y0 + p->r0 + 1, p->x + 1);
		put(cup, (size_t)n);
		if (pa->kitty_id != 0) {
			char place[128];
			int y = (int)((long)p->r0 * pa->kitty_h / p->rows);
			int h = (int)((long)p->r1 * pa->kitty_h / p->rows) - y;

			if (!pa->kitty_sent)
				put(pa->bytes, pa->nbytes);
			pa->kitty_sent = true;
			/* the rows on screen: a crop of its pixels */
			n = snprintf(place, sizeof place, "\033_Ga=p,i=%u,x=0,"
			    "y=%d,w=%d,h=%d,C=1,q=2\033\\", pa->kitty_id, y,
			    pa->kitty_w, h > 0 ? h : 1);
			put(place, (size_t)n);
		} else
			put(pa->bytes, pa->nbytes);
		put("\0338", 2);
	}
	pp->force = false;
}

void
pane_pics_redraw(struct pane_pics *pp)
{
	pp->force = true;
}

void
pane_pics_quit(struct pane_pics *pp)
{
	if (pp != NULL && pp->mode == PHOTO_KITTY) {
		fflush(stdout);
		put(kitty_clear, sizeof kitty_clear - 1);
	}
}

void
pane_pics_draw(struct pane_pics *pp, const struct pane_ctx *ctx, WINDOW *win,
    int y, int x, int xmax, const struct pane_photo_row *r)
{
	const struct pic_probe *p;
	struct pic_art *pa;
	const char *why;
	int i;

	if (!pane_pics_has(r->b))
		return;
	p = probe(pp, ctx->rd->is, r->a, r->b);
	pa = p->why == NULL ? art(pp, ctx, r->a, r->b, r->cols, r->rows) : NULL;
	if (p->why == NULL && pa == NULL)
		return;		/* after the first screen */
	if (pa != NULL)
		pa->used = ++pp->clock;
	why = p->why != NULL ? p->why : pa->why;
	if (why != NULL) {
		/* on the photo's first row */
		if (r->row == 0)
			draw_put_cut(win, y, x, xmax, why, strlen(why),
			    false, ctx->attr[UI_DIM]);
		return;
	}
	if (pp->mode >= 0) {
		note_place(pp, r, y, x);
		return;		/* the cells stay blank: the pixels go over */
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
