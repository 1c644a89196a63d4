/*
 * photo.h: decoded pixels (image.h) to terminal cells with chafa: symbol
 * art (block, sextant or braille symbols, each cell a character with a
 * foreground and a background colour) for every terminal, and sixel or
 * kitty graphics bytes for those that speak them. libchafa (and with it
 * GLib) is loaded with dlopen on first use, so a start that shows no photo
 * pays nothing for it. No curses: the cells are plain data, and
 * photo_art_line() writes one row as UTF-8 with SGR colour runs.
 */
#ifndef HERALD_PHOTO_H
#define HERALD_PHOTO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "image.h"

enum photo_colors {
	PHOTO_TRUECOLOR,	/* 24-bit SGR 38;2 / 48;2 */
	PHOTO_256,		/* the xterm 256-colour palette, SGR 38;5 / 48;5 */
	PHOTO_MONO,		/* no colour: the symbols' shapes only */
};

enum photo_symbols {
	PHOTO_BLOCK,		/* half blocks, quadrants: every font has them */
	PHOTO_SEXTANT,		/* 2x3 cells (Unicode 13) and blocks */
	PHOTO_BRAILLE,		/* 2x4 dots */
};

struct photo_opts {
	int		 width;		/* at most this many columns, > 0 */
	int		 max_rows;	/* and rows, > 0 */
	enum photo_colors colors;
	enum photo_symbols symbols;
	bool		 ambiguous_wide; /* no East Asian Ambiguous symbols
					  * (▀ ▄ █ are two columns there) */
	double		 cell_ratio;	/* cell width / height; 0: 0.5 */
	bool		 exact;		/* exactly width x max_rows cells (the
					 * caller fitted the aspect) */
};

/* One cell: a narrow character and its colours, 0xRRGGBB in truecolor,
 * a palette index in 256 colours, -1 for the terminal's default. */
struct photo_cell {
	uint32_t	ch;
	int32_t		fg, bg;
};

/* Symbol art: rows x cols cells, row by row. */
struct photo_art {
	int		 cols, rows;
	enum photo_colors colors;
	struct photo_cell *cells;	/* owned */
};

/* The soname of the loaded libchafa, or NULL (and *why, static) when it
 * cannot be loaded. Loads it on the first call. */
const char *photo_library(const char **why);
/* The colours a terminal takes, from the environment: PHOTO_MONO for
 * NO_COLOR (set and not empty), truecolor for COLORTERM=truecolor or
 * 24bit, else 256. */
enum photo_colors photo_colors_from_env(void);

/*
 * Symbol art of im, at most o->width x o->max_rows cells, aspect kept with
 * the cell ratio. Returns 0, or -1 and *err (one line; caller frees).
 */
int photo_render(const struct image *im, const struct photo_opts *o,
    struct photo_art *out, char **err);
/* Row y of a as UTF-8 with SGR colour runs, ending with SGR 0 when it
 * set a colour; no newline. Caller frees. */
char *photo_art_line(const struct photo_art *a, int y);
void photo_art_free(struct photo_art *a);

enum photo_pixels {
	PHOTO_SIXEL,
	PHOTO_KITTY,
	PHOTO_ITERM,	/* iTerm2's inline images (also WezTerm) */
};

/*
 * The pixel protocol the terminal speaks, told by the environment alone
 * (TERM, TERM_PROGRAM, KITTY_WINDOW_ID): kitty, ghostty: kitty; iTerm2,
 * WezTerm: iTerm; mlterm, foot, contour, mintty: sixel; -1 for none known,
 * and inside tmux or screen, which would not pass the bytes on.
 */
int photo_pixels_from_env(void);

/*
 * The bytes that draw im in cols x rows cells as sixel, kitty or iTerm2 graphics
 * (cell_w x cell_h pixels a cell, as TIOCGWINSZ tells; 0: 10 x 20), for
 * the cursor's place. Returns them (*len bytes, NUL-terminated; caller
 * frees), or NULL and *err.
 */
char *photo_pixels(const struct image *im, enum photo_pixels mode, int cols,
    int rows, int cell_w, int cell_h, size_t *len, char **err);

/*
 * Decode the image file at path and write it to out as symbol art, at most
 * width columns and max_rows rows, one line per row. Returns 0, or -1 and
 * *err naming the file ("photo.jpg: truncated JPEG data"; caller frees);
 * a write error is -1 with *err NULL and ferror(out) set.
 */
int photo_dump(FILE *out, const char *path, int width, int max_rows,
    enum photo_colors c, char **err);
/* The same with every option of struct photo_opts. */
int photo_dump_opts(FILE *out, const char *path, const struct photo_opts *o,
    char **err);

/*
 * Why a photo named as `named` in the page (and opened as `opened`) is not
 * shown, from an error of image_load or photo_render that names the file
 * as opened: "(images/a.jpg: No such file or directory)". Caller frees.
 */
char *photo_reason(const char *named, const char *opened, const char *err);

#endif
