/*
 * layout-ref.c: the tests' reference road through the layout: the same
 * lines as layout_wrap, by the plain road: libunistring on the UTF-8
 * bytes, every cluster through the kinsoku tables, one forward scan per
 * line. Slower; it lives with the tests (issue 14) and proves that
 * layout_wrap's fast paths change nothing, asking the questions of
 * layout-int.h that the fast road asks too.
 */
#include "build-config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "layout-int.h"
#include "layout-ref.h"
#include "width.h"
#include "xmalloc.h"

/*
 * Fill out->cl for s[0, n): one entry per grapheme cluster plus a sentinel
 * (off = n) at the end. Returns the number of clusters; *nnl counts those
 * that are mandatory breaks. The reference: libunistring on the bytes, every
 * cluster through the full tables (see layout.c's clusters() for the fast one).
 */
static size_t
clusters_ref(struct layout_lines *out, const uint8_t *s, size_t n,
             enum layout_kinsoku k, size_t *nnl)
{
	struct layout_cluster *cl;
	char *lb, *gb;
	size_t i, nc;
	uint32_t prev, prevink;
	int cum;
	bool fast;

	if (out->brkcap < 2 * n || out->brk == NULL) {
		/* never NULL: brk + n must be defined even for n == 0 */
		out->brkcap = 2 * n > 16 ? 2 * n : 16;
		out->brk = xrealloc(out->brk, out->brkcap);
	}
	/* A first guess: one cluster per CJK character. */
	cl = layout_cl_room(out, n / 3, n);
	lb = out->brk;
	gb = out->brk + n;
	u8_possible_linebreaks(s, n, "UTF-8", lb);

	/*
	 * Most text is code points that are clusters on their own (GB999),
	 * and u8_grapheme_breaks costs as much as the line breaking: start
	 * without it, and run it (and start again) at the first code point
	 * that could join a neighbour.
	 */
	fast = true;
again:
	i = 0;
	nc = 0;
	*nnl = 0;
	prev = prevink = 0;
	cum = 0;
	while (i < n) {
		struct layout_cluster *p;
		uint32_t c = 0;
		bool first = true;
		int ncp = 0;

		if (nc + 2 > out->clcap)
			cl = layout_cl_room(out, nc, n);
		p = &cl[nc++];
		p->off = i;
		p->cum = cum;
		/* Its code points, up to the next cluster start. */
		do {
			ucs4_t uc;

			if (s[i] < 0x80) {
				uc = s[i++];
				cum += (uc >= 0x20 && uc < 0x7f);
			} else {
				i += layout_decode(s + i, n - i, &uc);
				cum += width_cp(uc);
			}
			if (fast && !layout_alone(uc)) {
				fast = false;
				u8_grapheme_breaks(s, n, gb);
				goto again;
			}
			if (first)
				c = uc;
			first = false;
			ncp++;
		} while (i < n && !fast && !gb[i]);

		/* A space carrying combining marks is ink, not a gap. */
		p->space = layout_is_space(c) && ncp == 1;
		p->nl = layout_is_newline(c);
		*nnl += p->nl;
		if (nc == 1 || p->space || p->nl || layout_is_newline(prev) ||
		    layout_never_split(prev, c))
			p->brk = BRK_NO;
		else {
			bool uax = lb[p->off] == UC_BREAK_POSSIBLE ||
			           lb[p->off] == UC_BREAK_HYPHENATION;

			p->brk = layout_brk_before(prev, c, k, uax,
			                    prevink != 0 && layout_not_end(prevink),
			                    prevink >= 0x80);
		}
		prev = c;
		if (p->nl)
			prevink = 0;
		else if (!p->space)
			prevink = c;
	}
	return layout_sentinel(cl, nc, n, cum);
}

/*
 * Where the line that starts at cluster i (limit columns, b the end of the
 * segment) ends: the cluster the next line starts with; i itself when
 * cluster i alone is wider than the line. The reference: one forward scan
 * noting every break on the way.
 */
static size_t
line_end_ref(const struct layout_cluster *cl, size_t i, size_t b, int limit)
{
	size_t j, t, ok = SIZE_MAX, soft = SIZE_MAX, weak = SIZE_MAX;
	bool ink = false;

	for (t = i; t < b && cl[t].space; t++)
		;
	for (j = i; j < b; j++) {
		if (j > i && ink) {
			if (cl[j].brk == BRK_OK)
				ok = j;
			else if (cl[j].brk == BRK_SOFT)
				soft = j;
			else if (cl[j].brk == BRK_WEAK)
				weak = j;
		}
		/* Spaces never force a break: trailing ones hang. */
		if (cl[j].space)
			continue;
		if (cl[j + 1].cum - cl[i].cum > limit)
			break;
		ink = true;
	}
	if (j >= b)
		return b;
	if (ok != SIZE_MAX)
		return ok; /* push-out falls out of the break table */
	if (t > i && layout_ink_goes_down(cl, t, b, limit))
		return t;
	if (soft != SIZE_MAX)
		return soft; /* an overlong word: break between clusters */
	if (weak != SIZE_MAX)
		return weak; /* only an ASCII bracket rule gives way */
	/* glued run longer than the line (or one cluster) */
	return layout_glued_end(cl, i, t, j);
}

static const struct layout_road ref_road = { clusters_ref, line_end_ref };

void
layout_wrap_reference(struct layout_lines *out, const char *text, size_t len,
                      const struct layout_opts *o)
{
	layout_wrap_road(out, text, len, o, &ref_road);
}
