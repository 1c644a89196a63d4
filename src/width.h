/*
 * width.h: the one width function. Every column that herald-tui computes
 * comes from here, and ncurses measures through the same function (the
 * wcwidth() exported by width-export.c), so layout and screen never disagree.
 * Never pass a CJK encoding name to libunistring instead: that widens every
 * character from U+00A1 up, not just the East Asian Ambiguous ones.
 */
#ifndef HERALD_WIDTH_H
#define HERALD_WIDTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How East Asian Ambiguous characters (“ ” — … · ① ○ →) are counted. */
enum width_ambiguous {
	WIDTH_AUTO = 0,		/* ask the terminal (probe.c); never stored here */
	WIDTH_NARROW = 1,
	WIDTH_WIDE = 2,
};

struct width_range {
	uint32_t first;
	uint32_t last;
};

/* Set the process-wide ambiguous width: WIDTH_NARROW or WIDTH_WIDE. */
void width_set_ambiguous(enum width_ambiguous mode);
enum width_ambiguous width_get_ambiguous(void);
bool width_is_ambiguous(uint32_t c);

/* width_cp() past its inline fast paths. */
int width_cp_general(uint32_t c);

/* Columns of one code point: 0, 1 or 2. Controls count 0. Inline for the
 * commonest cases (it runs once per character of every issue). */
static inline int
width_cp(uint32_t c)
{
	if (c >= 0x20 && c < 0x7f)
		return 1;
	/* CJK Unified Ideographs, CJK punctuation (up to U+3029: the tone
	 * marks after it have no width) and the full-width forms (，：！
	 * （）): wide, never ambiguous. test_width_cp_all checks them. */
	if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x3029) ||
	    (c >= 0xff01 && c <= 0xff60))
		return 2;
	return width_cp_general(c);
}
/* A code point of Chinese text's commonest ranges that is a grapheme
 * cluster by itself (see alone_at in width.c); false for any other. */
bool width_alone_cjk(uint32_t c);
/* When every code point of s[0, len) is a cluster by itself (ASCII but
 * CR, and width_alone_cjk's): true, and brk as u8_grapheme_breaks gives
 * it (1 at each code point's first byte). False, brk spoilt, else. */
bool width_alone_breaks(const char *s, size_t len, char *brk);
/* As wcwidth(3): -1 for C0 (but NUL), DEL and C1, else width_cp(). */
int width_wcwidth(uint32_t c);
/* Columns of UTF-8 text; an invalid byte counts as U+FFFD (1 column). */
int width_str(const char *s, size_t len);
/*
 * Bytes of the longest prefix of s made of whole grapheme clusters that fits
 * in cols columns. *used (may be NULL) gets the prefix's width.
 */
size_t width_fit(const char *s, size_t len, int cols, int *used);

#endif
