/*
 * layout-int.h: layout.c's inside, for the one other road through it: the
 * tests' reference (tests/unit/layout-ref.c), which must prove the fast
 * road changes nothing, and so asks the very same questions (one
 * brk_before, one sentinel...) rather than copies of them. Not for any
 * other file of src/.
 */
#ifndef HERALD_LAYOUT_INT_H
#define HERALD_LAYOUT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <unitypes.h>

#include "layout.h"

/* May a line break before this cluster? */
enum {
	BRK_NO,   /* never, unless nothing else fits (hard emergency) */
	BRK_WEAK, /* only the ASCII rows of the kinsoku tables forbid it */
	BRK_SOFT, /* kinsoku allows it, UAX #14 does not: emergency only */
	BRK_OK,   /* a real break opportunity */
};

struct layout_cluster {
	size_t off;          /* first byte of the cluster */
	int cum;             /* columns of all clusters before this one */
	unsigned char brk;   /* BRK_* before this cluster */
	unsigned char space; /* a space: hangs at line end, skipped at start */
	unsigned char nl;    /* a mandatory break ('\n' and friends) */
};

/* A road through the layout: how the clusters are found, and where a
 * line that starts at cluster i ends (see layout.c). */
struct layout_road {
	size_t (*clusters)(struct layout_lines *out, const uint8_t *s,
	    size_t n, enum layout_kinsoku k, size_t *nnl);
	size_t (*line_end)(const struct layout_cluster *cl, size_t i,
	    size_t b, int limit);
};

/* layout_wrap by the given road. */
void layout_wrap_road(struct layout_lines *out, const char *text,
    size_t len, const struct layout_opts *o, const struct layout_road *road);

/* The questions both roads ask (layout.c says what each answers). */
struct layout_cluster *layout_cl_room(struct layout_lines *out, size_t nc,
    size_t n);
size_t layout_decode(const uint8_t *s, size_t n, ucs4_t *uc);
bool layout_alone(uint32_t c);
bool layout_is_space(uint32_t c);
bool layout_is_newline(uint32_t c);
bool layout_never_split(uint32_t a, uint32_t b);
bool layout_not_end(uint32_t c);
unsigned char layout_brk_before(uint32_t prev, uint32_t c,
    enum layout_kinsoku k, bool uax, bool pend, bool pcjk);
size_t layout_sentinel(struct layout_cluster *cl, size_t nc, size_t n,
    int cum);
bool layout_ink_goes_down(const struct layout_cluster *cl, size_t t,
    size_t b, int limit);
size_t layout_glued_end(const struct layout_cluster *cl, size_t i, size_t t,
    size_t j);

#endif
