/*
 * width.c: display width of code points and UTF-8 text.
 *
 * uc_width(c, "UTF-8") gives the Unicode widths (W/F = 2, marks and format
 * characters 0); the generated table width-table.h adds the East Asian
 * Ambiguous characters, counted 2 only when the terminal draws them wide.
 * This file must not include curses: ncurses calls us, not the reverse.
 */
#include "build-config.h"

#include <stdbool.h>
#include <stdlib.h>

#include <unigbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "utf8.h"
#include "width.h"
#include "xmalloc.h"

#include "width-table.h"

static enum width_ambiguous ambiguous = WIDTH_NARROW;

void
width_set_ambiguous(enum width_ambiguous mode)
{
	ambiguous = (mode == WIDTH_WIDE) ? WIDTH_WIDE : WIDTH_NARROW;
}

enum width_ambiguous
width_get_ambiguous(void)
{
	return ambiguous;
}

bool
width_is_ambiguous(uint32_t c)
{
	size_t lo = 0, hi = sizeof width_ambiguous_table /
	    sizeof width_ambiguous_table[0];

	if (c < width_ambiguous_table[0].first)
		return false;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < width_ambiguous_table[mid].first)
			hi = mid;
		else if (c > width_ambiguous_table[mid].last)
			lo = mid + 1;
		else
			return true;
	}
	return false;
}

int
width_cp_general(uint32_t c)
{
	int w;

	w = uc_width(c, "UTF-8");
	if (w < 0)
		return 0;
	if (w == 1 && ambiguous == WIDTH_WIDE && width_is_ambiguous(c))
		return 2;
	return w;
}

int
width_wcwidth(uint32_t c)
{
	if (c == 0)
		return 0;
	if (c < 0x20 || (c >= 0x7f && c < 0xa0))
		return -1;
	return width_cp(c);
}

int
width_str(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	int w = 0;

	while (p < end) {
		ucs4_t c;

		if (*p < 0x80) {
			w += (*p >= 0x20 && *p < 0x7f);
			p++;
			continue;
		}
		p += u8_mbtouc(&c, p, (size_t)(end - p));
		w += width_cp(c);
	}
	return w;
}

/*
 * Is the code point at u[i] (of len bytes) a grapheme cluster by itself,
 * whatever surrounds it? ASCII but CR (CR LF is one), and, in three bytes,
 * the ideographs U+4E00-9FFF, CJK punctuation up to 〩 (U+302A-302F are
 * tone marks that join), the full-width forms up to ﾝ (U+FF9E-FF9F join)
 * and the dashes, quotes and ellipsis U+2010-2027: the text of a Chinese
 * snippet or headline, which then needs no grapheme breaking. Its bytes,
 * with *c its value; 0 when it may join another.
 * test_width_alone checks the ranges against libunistring.
 */
static inline size_t
alone_at(const uint8_t *u, size_t len, size_t i, uint32_t *c)
{
	if (u[i] < 0x80) {
		*c = u[i];
		return u[i] != '\r';
	}
	if (len - i >= 3 && utf8_is3(u + i) &&
	    width_alone_cjk(*c = utf8_decode3(u + i)))
		return 3;
	return 0;
}

bool
width_alone_breaks(const char *s, size_t len, char *brk)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, k;
	uint32_t c;

	while (i < len) {
		if ((k = alone_at(u, len, i, &c)) == 0)
			return false;
		brk[i] = 1;
		if (k == 3)
			brk[i + 1] = brk[i + 2] = 0;
		i += k;
	}
	return true;
}

bool
width_alone_cjk(uint32_t c)
{
	return c - 0x4e00 <= 0x9fff - 0x4e00 || c - 0x3000 <= 0x3029 - 0x3000 ||
	       c - 0xff01 <= 0xff9d - 0xff01 || c - 0x2010 <= 0x2027 - 0x2010;
}

/*
 * fit_prefix for code points that are each a cluster (alone_at's), from
 * the start and only as far as the width takes: false, with nothing
 * measured, at the first that is not such a code point (the caller then
 * breaks the text into clusters). A code point that does not fit ends
 * it, whatever follows: joined to a mark after it, it would not fit
 * either. A check of the whole window first, then this, passed over the
 * same text twice (a third of a snippet's cost).
 */
static bool
fit_alone(const uint8_t *u, size_t len, int cols, size_t *fit, int *used,
          bool *known)
{
	size_t i = 0, k;
	uint32_t c;
	int w = 0, cw;

	while (i < len) {
		if ((k = alone_at(u, len, i, &c)) == 0)
			return false;
		cw = width_cp(c);
		if (w + cw > cols) {
			*known = true;
			break;
		}
		w += cw;
		i += k;
	}
	*fit = i;
	*used = w;
	return true;
}

/*
 * width_fit over s[0, len) alone: *known is true when a cluster did not
 * fit (were it longer in all of s, it would not fit either); false when
 * all of s[0, len) fits, and more of s might too.
 */
static size_t
fit_prefix(const uint8_t *u, size_t len, int cols, int *used, bool *known)
{
	char small[256], *brk = small;
	size_t i = 0, fit = 0;
	int w = 0, wfit = 0;

	*known = false;
	if (fit_alone(u, len, cols, &fit, used, known))
		return fit;
	if (len > sizeof small)
		brk = xmalloc(len);
	if (len > 0)
		u8_grapheme_breaks(u, len, brk);
	while (i < len) {
		size_t j = i;
		int cw = 0;

		/* One cluster: from i up to the next cluster start. */
		do {
			ucs4_t c;

			j += (size_t)u8_mbtouc(&c, u + j, len - j);
			cw += width_cp(c);
		} while (j < len && !brk[j]);
		if (w + cw > cols) {
			*known = true;
			break;
		}
		w += cw;
		i = j;
		fit = i;
		wfit = w;
	}
	if (brk != small)
		free(brk);
	*used = wfit;
	return fit;
}

/*
 * The breaks before a character depend on it and on what precedes it,
 * never on what follows: so a prefix of s cut at a character's start
 * gives s's own clusters, all but its last. Only as much of s is broken
 * as cols can take (2 bytes a column, as Chinese takes; twice as much
 * each time that was short), not a whole paragraph for a line's width.
 */
size_t
width_fit(const char *s, size_t len, int cols, int *used)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t n = len, fit;
	bool known;
	int w;

	if (cols >= 0 && len / 2 > (size_t)cols + 32)
		n = (size_t)cols * 2 + 64;
	for (;;) {
		while (n < len && (u[n] & 0xc0) == 0x80)
			n++;
		fit = fit_prefix(u, n, cols, &w, &known);
		if (known || n >= len)
			break;
		n = n <= len / 2 ? n * 2 : len;
	}
	if (used != NULL)
		*used = w;
	return fit;
}
