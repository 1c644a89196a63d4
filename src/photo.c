/*
 * photo.c: chafa through dlopen. libchafa pulls GLib, whose constructors
 * and relocations would cost every start; loaded on the first photo, a
 * start that shows none pays nothing. Only the functions below are used,
 * declared with the types and enum values of chafa 1.12's headers, so
 * building needs no chafa or GLib headers. Must not touch curses: the UI
 * draws the cells (or writes photo_pixels' bytes) itself.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "image.h"
#include "photo.h"
#include "xmalloc.h"

/* chafa.h's values, 1.12 */
enum {
	CHAFA_CANVAS_MODE_TRUECOLOR = 0,
	CHAFA_CANVAS_MODE_INDEXED_256 = 1,
	CHAFA_CANVAS_MODE_FGBG = 5,
	CHAFA_DITHER_MODE_DIFFUSION = 2,
	CHAFA_PIXEL_MODE_SYMBOLS = 0,
	CHAFA_PIXEL_MODE_SIXELS = 1,
	CHAFA_PIXEL_MODE_KITTY = 2,
	CHAFA_PIXEL_MODE_ITERM2 = 3,
	CHAFA_PIXEL_RGBA8_UNASSOCIATED = 4,
	CHAFA_SYMBOL_TAG_SPACE = 1 << 0,
	CHAFA_SYMBOL_TAG_SOLID = 1 << 1,
	CHAFA_SYMBOL_TAG_BLOCK = 1 << 3,
	CHAFA_SYMBOL_TAG_BRAILLE = 1 << 11,
	CHAFA_SYMBOL_TAG_WIDE = 1 << 18,
	CHAFA_SYMBOL_TAG_AMBIGUOUS = 1 << 19,
	CHAFA_SYMBOL_TAG_SEXTANT = 1 << 22,
};

/* GLib's GString, as chafa_canvas_print returns it */
struct g_string {
	char *str;
	size_t len, allocated_len;
};

static const char *const sonames[] = {"libchafa.so.0", "libchafa.so"};

/* The library, loaded once for the process. */
static struct {
	void *dl;
	const char *soname, *why;
	bool tried;
	void *(*map_new)(void);
	void (*map_add)(void *, int);
	void (*map_remove)(void *, int);
	void (*map_remove_range)(void *, uint32_t, uint32_t);
	void (*map_unref)(void *);
	void *(*config_new)(void);
	void (*config_unref)(void *);
	void (*set_geometry)(void *, int, int);
	void (*set_cell_geometry)(void *, int, int);
	void (*set_canvas_mode)(void *, int);
	void (*set_pixel_mode)(void *, int);
	void (*set_symbol_map)(void *, const void *);
	void (*set_dither_mode)(void *, int);
	void *(*canvas_new)(const void *);
	void (*canvas_unref)(void *);
	void (*draw)(void *, int, const unsigned char *, int, int, int);
	uint32_t (*char_at)(void *, int, int);
	void (*colors_at)(void *, int, int, int *, int *);
	void (*raw_colors_at)(void *, int, int, int *, int *);
	void (*calc_geometry)(int, int, int *, int *, float, int, int);
	struct g_string *(*print)(void *, void *);
	void *(*term_db)(void);
	void *(*term_detect)(void *, char **);
	void (*term_unref)(void *);
	char *(*string_free)(struct g_string *, int);
} cf;

static bool
load_library(void)
{
	size_t i;

	if (cf.tried)
		return cf.dl != NULL;
	cf.tried = true;
	for (i = 0; i < sizeof sonames / sizeof sonames[0] && cf.dl == NULL;
	     i++) {
		cf.dl = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
		cf.soname = sonames[i];
	}
	if (cf.dl == NULL) {
		cf.why = "libchafa is not installed";
		return false;
	}
#define SYM(field, name) (*(void **)&cf.field = dlsym(cf.dl, name))
	SYM(map_new, "chafa_symbol_map_new");
	SYM(map_add, "chafa_symbol_map_add_by_tags");
	SYM(map_remove, "chafa_symbol_map_remove_by_tags");
	SYM(map_remove_range, "chafa_symbol_map_remove_by_range");
	SYM(map_unref, "chafa_symbol_map_unref");
	SYM(config_new, "chafa_canvas_config_new");
	SYM(config_unref, "chafa_canvas_config_unref");
	SYM(set_geometry, "chafa_canvas_config_set_geometry");
	SYM(set_cell_geometry, "chafa_canvas_config_set_cell_geometry");
	SYM(set_canvas_mode, "chafa_canvas_config_set_canvas_mode");
	SYM(set_pixel_mode, "chafa_canvas_config_set_pixel_mode");
	SYM(set_symbol_map, "chafa_canvas_config_set_symbol_map");
	SYM(set_dither_mode, "chafa_canvas_config_set_dither_mode");
	SYM(canvas_new, "chafa_canvas_new");
	SYM(canvas_unref, "chafa_canvas_unref");
	SYM(draw, "chafa_canvas_draw_all_pixels");
	SYM(char_at, "chafa_canvas_get_char_at");
	SYM(colors_at, "chafa_canvas_get_colors_at");
	SYM(raw_colors_at, "chafa_canvas_get_raw_colors_at");
	SYM(calc_geometry, "chafa_calc_canvas_geometry");
	SYM(print, "chafa_canvas_print");
	SYM(term_db, "chafa_term_db_get_default");
	SYM(term_detect, "chafa_term_db_detect");
	SYM(term_unref, "chafa_term_info_unref");
	/* GLib, loaded with libchafa: found through its dependencies */
	SYM(string_free, "g_string_free");
#undef SYM
	if (!cf.map_new || !cf.map_add || !cf.map_remove || !cf.map_unref ||
	    !cf.map_remove_range ||
	    !cf.config_new || !cf.config_unref || !cf.set_geometry ||
	    !cf.set_cell_geometry || !cf.set_canvas_mode || !cf.set_pixel_mode ||
	    !cf.set_symbol_map || !cf.set_dither_mode || !cf.canvas_new || !cf.canvas_unref ||
	    !cf.draw || !cf.char_at || !cf.colors_at || !cf.raw_colors_at ||
	    !cf.calc_geometry || !cf.print || !cf.term_db || !cf.term_detect ||
	    !cf.term_unref || !cf.string_free) {
		dlclose(cf.dl);
		cf.dl = NULL;
		cf.why = "libchafa is older than 1.8";
		return false;
	}
	return true;
}

const char *
photo_library(const char **why)
{
	if (load_library())
		return cf.soname;
	if (why != NULL)
		*why = cf.why;
	return NULL;
}

enum photo_colors
photo_colors_from_env(void)
{
	const char *s = getenv("NO_COLOR"), *ct = getenv("COLORTERM");

	if (s != NULL && *s != '\0')
		return PHOTO_MONO;
	if (ct != NULL && (strcmp(ct, "truecolor") == 0 || strcmp(ct, "24bit") == 0))
		return PHOTO_TRUECOLOR;
	return PHOTO_256;
}

/* A canvas of cols x rows for im, drawn. NULL when chafa is missing. */
static void *
draw_canvas(const struct image *im, void *config, char **err)
{
	void *canvas = cf.canvas_new(config);

	if (canvas == NULL) {
		*err = xstrdup("chafa could not make a canvas");
		return NULL;
	}
	cf.draw(canvas, CHAFA_PIXEL_RGBA8_UNASSOCIATED, im->rgba, im->width,
	        im->height, im->width * 4);
	return canvas;
}

/* The cells that show im in at most width x max_rows, aspect kept. */
static void
fit_cells(const struct image *im, int width, int max_rows, double ratio,
          int *cols, int *rows)
{
	*cols = width;
	*rows = max_rows;
	cf.calc_geometry(im->width, im->height, cols, rows,
	                 (float)(ratio > 0 ? ratio : 0.5), 1, 0);
	if (*cols < 1)
		*cols = 1;
	if (*rows < 1)
		*rows = 1;
	if (*cols > width)
		*cols = width;
	if (*rows > max_rows)
		*rows = max_rows;
}

int
photo_render(const struct image *im, const struct photo_opts *o,
             struct photo_art *out, char **err)
{
	void *map, *config, *canvas;
	int cols, rows, x, y, tags, mode;

	memset(out, 0, sizeof *out);
	*err = NULL;
	if (!load_library()) {
		*err = xasprintf("no photos: %s", cf.why);
		return -1;
	}
	if (im->width < 1 || im->height < 1 || o->width < 1 || o->max_rows < 1) {
		*err = xstrdup("no room for the photo");
		return -1;
	}
	if (o->exact) {
		cols = o->width;
		rows = o->max_rows;
	} else
		fit_cells(im, o->width, o->max_rows, o->cell_ratio, &cols,
		          &rows);
	switch (o->symbols) {
	case PHOTO_SEXTANT:
		tags = CHAFA_SYMBOL_TAG_SEXTANT | CHAFA_SYMBOL_TAG_BLOCK;
		break;
	case PHOTO_BRAILLE:
		tags = CHAFA_SYMBOL_TAG_BRAILLE;
		break;
	case PHOTO_BLOCK:
	default:
		tags = CHAFA_SYMBOL_TAG_BLOCK;
		break;
	}
	map = cf.map_new();
	cf.map_add(map, tags | CHAFA_SYMBOL_TAG_SPACE | CHAFA_SYMBOL_TAG_SOLID);
	/* every cell one column wide, whatever the terminal's ambiguous width */
	cf.map_remove(map, CHAFA_SYMBOL_TAG_WIDE);
	/* chafa 1.12 does not tag the block elements Ambiguous: the ranges
	 * of EastAsianWidth.txt (▀…▏ and ▒▓▔▕; ▐░ and the quadrants stay) */
	if (o->ambiguous_wide) {
		cf.map_remove(map, CHAFA_SYMBOL_TAG_AMBIGUOUS);
		cf.map_remove_range(map, 0x2580, 0x258f);
		cf.map_remove_range(map, 0x2592, 0x2595);
	}
	switch (o->colors) {
	case PHOTO_TRUECOLOR:
		mode = CHAFA_CANVAS_MODE_TRUECOLOR;
		break;
	case PHOTO_256:
		mode = CHAFA_CANVAS_MODE_INDEXED_256;
		break;
	case PHOTO_MONO:
	default:
		mode = CHAFA_CANVAS_MODE_FGBG;
		break;
	}
	config = cf.config_new();
	cf.set_geometry(config, cols, rows);
	cf.set_canvas_mode(config, mode);
	cf.set_pixel_mode(config, CHAFA_PIXEL_MODE_SYMBOLS);
	cf.set_symbol_map(config, map);
	/* two colours only: without dithering a photo is a silhouette */
	if (mode == CHAFA_CANVAS_MODE_FGBG)
		cf.set_dither_mode(config, CHAFA_DITHER_MODE_DIFFUSION);
	canvas = draw_canvas(im, config, err);
	cf.config_unref(config);
	cf.map_unref(map);
	if (canvas == NULL)
		return -1;
	out->cols = cols;
	out->rows = rows;
	out->colors = o->colors;
	out->cells = xcalloc((size_t)cols * (size_t)rows, sizeof *out->cells);
	for (y = 0; y < rows; y++)
		for (x = 0; x < cols; x++) {
			struct photo_cell *c = &out->cells[(size_t)y * (size_t)cols +
			                                   (size_t)x];
			int fg = -1, bg = -1;

			c->ch = cf.char_at(canvas, x, y);
			if (c->ch == 0) /* the right half of a wide one: none */
				c->ch = ' ';
			if (o->colors == PHOTO_TRUECOLOR)
				cf.colors_at(canvas, x, y, &fg, &bg);
			else if (o->colors == PHOTO_256)
				cf.raw_colors_at(canvas, x, y, &fg, &bg);
			c->fg = fg < 0 || fg > 0xffffff ? -1 : fg;
			c->bg = bg < 0 || bg > 0xffffff ? -1 : bg;
			if (o->colors == PHOTO_256) {
				c->fg = c->fg > 255 ? -1 : c->fg;
				c->bg = c->bg > 255 ? -1 : c->bg;
			}
		}
	cf.canvas_unref(canvas);
	return 0;
}

/* SGR for one colour: 38 (fg) or 48 (bg), or 39 / 49 for the default. */
static void
put_color(struct buf *b, enum photo_colors colors, int base, int32_t c)
{
	if (c < 0)
		buf_printf(b, "%d", base + 1);
	else if (colors == PHOTO_TRUECOLOR)
		buf_printf(b, "%d;2;%d;%d;%d", base, (int)(c >> 16) & 0xff,
		           (int)(c >> 8) & 0xff, (int)c & 0xff);
	else
		buf_printf(b, "%d;5;%d", base, (int)c);
}

/* A cell's character; anything that is not a printable one is a space. */
static void
put_char(struct buf *b, uint32_t c)
{
	if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c > 0x10ffff ||
	    (c >= 0xd800 && c < 0xe000))
		c = ' ';
	buf_addu(b, c);
}

char *
photo_art_line(const struct photo_art *a, int y)
{
	struct buf b = {0};
	int32_t fg = -1, bg = -1;
	bool set = false;
	int x;

	for (x = 0; y >= 0 && y < a->rows && x < a->cols; x++) {
		const struct photo_cell *c = &a->cells[(size_t)y * (size_t)a->cols +
		                                       (size_t)x];

		if (a->colors != PHOTO_MONO && (!set || c->fg != fg || c->bg != bg)) {
			buf_add(&b, "\033[", 2);
			if (!set || c->fg != fg) {
				put_color(&b, a->colors, 38, c->fg);
				if (!set || c->bg != bg)
					buf_add(&b, ";", 1);
			}
			if (!set || c->bg != bg)
				put_color(&b, a->colors, 48, c->bg);
			buf_add(&b, "m", 1);
			fg = c->fg;
			bg = c->bg;
			set = true;
		}
		put_char(&b, c->ch);
	}
	if (set)
		buf_add(&b, "\033[0m", 4);
	return buf_take(&b, NULL);
}

void
photo_art_free(struct photo_art *a)
{
	if (a == NULL)
		return;
	free(a->cells);
	a->cells = NULL;
}

char *
photo_pixels(const struct image *im, enum photo_pixels mode, int cols,
             int rows, int cell_w, int cell_h, size_t *len, char **err)
{
	/* a terminal chafa knows to speak each protocol */
	static char *sixel_env[] = {"TERM=mlterm", NULL};
	static char *kitty_env[] = {"TERM=xterm-kitty", NULL};
	static char *iterm_env[] = {"TERM=xterm-256color",
	                            "TERM_PROGRAM=iTerm.app", NULL};
	void *config, *canvas, *term;
	struct g_string *s;
	char *bytes;
	int c, r;

	*err = NULL;
	*len = 0;
	if (!load_library()) {
		*err = xasprintf("no photos: %s", cf.why);
		return NULL;
	}
	if (im->width < 1 || im->height < 1 || cols < 1 || rows < 1) {
		*err = xstrdup("no room for the photo");
		return NULL;
	}
	if (cell_w <= 0 || cell_h <= 0) {
		cell_w = 10;
		cell_h = 20;
	}
	fit_cells(im, cols, rows, (double)cell_w / cell_h, &c, &r);
	config = cf.config_new();
	cf.set_geometry(config, c, r);
	cf.set_cell_geometry(config, cell_w, cell_h);
	cf.set_canvas_mode(config, CHAFA_CANVAS_MODE_TRUECOLOR);
	cf.set_pixel_mode(config, mode == PHOTO_SIXEL ? CHAFA_PIXEL_MODE_SIXELS :
	                          mode == PHOTO_KITTY ? CHAFA_PIXEL_MODE_KITTY :
	                                                CHAFA_PIXEL_MODE_ITERM2);
	canvas = draw_canvas(im, config, err);
	cf.config_unref(config);
	if (canvas == NULL)
		return NULL;
	term = cf.term_detect(cf.term_db(),
	                      mode == PHOTO_SIXEL ? sixel_env :
	                      mode == PHOTO_KITTY ? kitty_env : iterm_env);
	s = cf.print(canvas, term);
	cf.term_unref(term);
	cf.canvas_unref(canvas);
	if (s == NULL || s->len == 0) {
		if (s != NULL)
			cf.string_free(s, 1);
		*err = xstrdup("chafa printed nothing");
		return NULL;
	}
	bytes = xmalloc(s->len + 1);
	memcpy(bytes, s->str, s->len);
	bytes[s->len] = '\0';
	*len = s->len;
	cf.string_free(s, 1);
	return bytes;
}

int
photo_dump_opts(FILE *out, const char *path, const struct photo_opts *o,
                char **err)
{
	struct image im;
	struct photo_art a;
	char *line, *why;
	int y, r = 0;

	*err = NULL;
	/* chafa looks at 8x8 pixels a cell; rows are twice as tall as wide */
	if (image_load(path, o->width * 8, o->max_rows * 16, &im, err) != 0)
		return -1;
	if (photo_render(&im, o, &a, &why) != 0) {
		image_free(&im);
		*err = why;
		return -1;
	}
	image_free(&im);
	for (y = 0; y < a.rows && r == 0; y++) {
		line = photo_art_line(&a, y);
		if (fputs(line, out) == EOF || putc('\n', out) == EOF)
			r = -1;
		free(line);
	}
	photo_art_free(&a);
	return r;
}

int
photo_dump(FILE *out, const char *path, int width, int max_rows,
           enum photo_colors c, char **err)
{
	struct photo_opts o = {
	    .width = width,
	    .max_rows = max_rows,
	    .colors = c,
	    .symbols = PHOTO_BLOCK,
	    .ambiguous_wide = false,
	    .cell_ratio = 0.5,
	};

	return photo_dump_opts(out, path, &o, err);
}

char *
photo_reason(const char *named, const char *opened, const char *err)
{
	size_t n = strlen(opened);

	if (strncmp(err, opened, n) == 0 && err[n] == ':' && err[n + 1] == ' ')
		err += n + 2;
	return xasprintf("(%s: %s)", named, err);
}

int
photo_pixels_from_env(void)
{
	const char *term = getenv("TERM"), *prog = getenv("TERM_PROGRAM");

	if (term == NULL)
		term = "";
	if (prog == NULL)
		prog = "";
	/* inside tmux or screen the bytes would not reach the terminal */
	if (getenv("TMUX") != NULL || strncmp(term, "screen", 6) == 0 ||
	    strncmp(term, "tmux", 4) == 0)
		return -1;
	if (getenv("KITTY_WINDOW_ID") != NULL || strstr(term, "kitty") != NULL ||
	    strcmp(prog, "ghostty") == 0)
		return PHOTO_KITTY;
	if (strcmp(prog, "iTerm.app") == 0 || strcmp(prog, "WezTerm") == 0)
		return PHOTO_ITERM;
	if (strstr(term, "mlterm") != NULL || strncmp(term, "foot", 4) == 0 ||
	    strstr(term, "contour") != NULL || strcmp(prog, "mintty") == 0)
		return PHOTO_SIXEL;
	return -1;
}
