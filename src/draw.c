/*
 * draw.c: text put on a curses window, clipped at a column by whole
 * grapheme clusters (width.h measures), cut text ending in "…". The one
 * place the panes and the frame put text; it knows neither.
 */
#include "build-config.h"

#include <curses.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <unistr.h>

#include "draw.h"
#include "width.h"
#include "xmalloc.h"

/*
 * Text in wide characters: waddnstr would decode the UTF-8 again, a byte
 * at a time through mbrtowc, which made it the costliest part of the
 * first screen. The text is sanitised on load: no control characters.
 */
static void
put_wide(WINDOW *win, int y, int x, const char *s, size_t n)
{
	const uint8_t *u = (const uint8_t *)s;
	wchar_t small[256], *w = small;
	size_t i = 0, k = 0;

	if (n >= sizeof small / sizeof *small)
		w = xreallocarray(NULL, n + 1, sizeof *w);
	while (i < n) {
		ucs4_t c;

		i += (size_t)u8_mbtouc(&c, u + i, n - i);
		w[k++] = (wchar_t)c;
	}
	w[k] = L'\0';
	mvwaddnwstr(win, y, x, w, (int)k);
	if (w != small)
		free(w);
}

int
draw_put(WINDOW *win, int y, int x, int xmax, const char *text, size_t len,
    attr_t a)
{
	int used = 0;
	size_t n;

	if (x >= xmax || len == 0)
		return x;
	n = width_fit(text, len, xmax - x, &used);
	if (n == 0)
		return x;
	wattrset(win, a);
	put_wide(win, y, x, text, n);
	wattrset(win, A_NORMAL);
	return x + used;
}

int
draw_put_from(WINDOW *win, int y, int x, int xmax, const char *text,
    size_t len, int skip, attr_t a)
{
	int used = 0;
	size_t n;

	if (skip <= 0)
		return draw_put(win, y, x, xmax, text, len, a);
	n = width_fit(text, len, skip, &used);
	if (used < skip) {
		/* a wide character across the cut: its visible half blank */
		size_t k = n, one;
		int cw = 0;

		one = width_fit(text + k, len - k, skip - used + 1, &cw);
		if (one == 0)
			return x;
		x = draw_put(win, y, x, xmax, " ", 1, a);
		n = k + one;
	}
	return draw_put(win, y, x, xmax, text + n, len - n, a);
}

int
draw_puts(WINDOW *win, int y, int x, int xmax, const char *s, attr_t a)
{
	return draw_put(win, y, x, xmax, s, strlen(s), a);
}

int
draw_put_cut(WINDOW *win, int y, int x, int xmax, const char *text,
    size_t len, bool more, attr_t a)
{
	int ew = width_cp(0x2026), used = 0;
	size_t n;

	if (x >= xmax)
		return x;
	n = width_fit(text, len, xmax - x, &used);
	if (n == len && !more)
		return draw_put(win, y, x, xmax, text, len, a);
	if (xmax - x < ew)
		return x;
	n = width_fit(text, len, xmax - x - ew, &used);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t'))
		n--;
	x = draw_put(win, y, x, xmax, text, n, a);
	return draw_put(win, y, x, xmax, "\xe2\x80\xa6", 3, a);
}

int
draw_puts_cut(WINDOW *win, int y, int x, int xmax, const char *s, attr_t a)
{
	return draw_put_cut(win, y, x, xmax, s, strlen(s), false, a);
}

/* The longest run of non-blanks in s[0, len) that holds a '/' and is no
 * web address (its host says more than its end): its start, and its end
 * in *end; len when there is none. */
static size_t
longest_path(const char *s, size_t len, size_t *end)
{
	size_t i = 0, best = len, best_n = 0;

	*end = len;
	while (i < len) {
		size_t j = i;

		while (j < len && s[j] != ' ')
			j++;
		if (j - i > best_n && memchr(s + i, '/', j - i) != NULL &&
		    memmem(s + i, j - i, "://", 3) == NULL) {
			best = i;
			best_n = j - i;
			*end = j;
		}
		i = j + 1;
	}
	return best;
}

char *
draw_fit_path(const char *s, int w)
{
	size_t len = strlen(s), ps, pe, k, cut = 0;
	int over = width_str(s, len) - w, ew = width_cp(0x2026);
	char *t;

	if (over <= 0 || (ps = longest_path(s, len, &pe)) == len)
		return NULL;
	/* the first '/' that gives enough room, else the one before the
	 * last name */
	for (k = ps + 1; k < pe; k++) {
		if (s[k] != '/' || k + 1 == pe)
			continue;
		cut = k;
		if (width_str(s + ps, k - ps) >= over + ew)
			break;
	}
	if (cut == 0)
		return NULL;	/* one name alone: nothing to give */
	t = xmalloc(len - (cut - ps) + 4);
	memcpy(t, s, ps);
	memcpy(t + ps, "\xe2\x80\xa6", 3);
	memcpy(t + ps + 3, s + cut, len - cut + 1);
	return t;
}
