/*
 * draw.h: the drawing helpers (draw.c) of the panes and the frame: text
 * put on a curses window, clipped by grapheme cluster. Nothing here knows
 * the frame (struct ui), the panes or the session.
 */
#ifndef HERALD_DRAW_H
#define HERALD_DRAW_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/*
 * Draw text[0, len) at (y, x) in attribute a, clipped to end before column
 * xmax (whole grapheme clusters only, so a wide character never straddles
 * the edge). Returns the column after the text.
 */
int draw_put(WINDOW *win, int y, int x, int xmax, const char *text, size_t len,
    attr_t a);
/* The same for a NUL-terminated string. */
int draw_puts(WINDOW *win, int y, int x, int xmax, const char *s, attr_t a);
/* draw_put of text past its first skip columns, at column x; a wide
 * character cut by the skip shows as a space. */
int draw_put_from(WINDOW *win, int y, int x, int xmax, const char *text,
    size_t len, int skip, attr_t a);
/* draw_put, but text cut at the edge ends with "…" (whole grapheme
 * clusters, no space before it); so does any text when more is set (it
 * goes on past len). */
int draw_put_cut(WINDOW *win, int y, int x, int xmax, const char *text,
    size_t len, bool more, attr_t a);
int draw_puts_cut(WINDOW *win, int y, int x, int xmax, const char *s,
    attr_t a);
/*
 * Message s made to fit w columns by the start of the longest path in it
 * (a run of non-blanks that holds a '/', not a web address) giving way,
 * at a '/', to "…":
 * "Saved 44 lines to …/clips/saved.txt". What the message says of the
 * file stays whole; the path keeps at least its last name. A new string
 * (caller frees), or NULL when s fits or has no path to shorten.
 */
char *draw_fit_path(const char *s, int w);

#endif
