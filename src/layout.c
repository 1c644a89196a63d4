/*
 * layout.c: breaking one block of text into lines at a given measure.
 *
 * Three passes over the text, all linear: libunistring gives the UAX #14
 * opportunities and the grapheme cluster starts; one decoding pass turns
 * them into a cluster array (offset, running width, may we break before
 * it) with the kinsoku tables applied; the fitting pass walks the clusters
 * once per line. Widths come only from width.h, "is it CJK" only from
 * text.h. This file must not include curses and must not allocate per line
 * (the scratch lives in struct layout_lines).
 */
#include "build-config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "layout-int.h"
#include "layout.h"
#include "lbrk.h"
#include "text.h"
#include "utf8.h"
#include "width.h"
#include "xmalloc.h"

/* text_is_space but the newline: that is a mandatory break (is_newline),
 * not a space that hangs at the line end. */
bool
layout_is_space(uint32_t c)
{
	return c != '\n' && text_is_space(c);
}

bool
layout_is_newline(uint32_t c)
{
	if (c > 0x85)
		return c == 0x2028 || c == 0x2029;
	return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x85;
}

/* clreq "basic": these never start a line (strict adds dashes, ellipses). */
static bool
not_start(uint32_t c, enum layout_kinsoku k)
{
	if (c < 0x80)
		return c == ',' || c == '.' || c == ':' || c == ';' ||
		       c == '!' || c == '?' || c == ')' || c == ']' ||
		       c == '}' || c == '%' || c == '/';
	if (c > 0x30fb && c < 0xff01) /* ideographs and the rest */
		return false;
	switch (c) {
	case 0x00b0:
	case 0x00b7:
	case 0x2013:
	case 0x2019:
	case 0x201d:
	case 0x2027:
	case 0x2030:
	case 0x203c:
	case 0x2047:
	case 0x2048:
	case 0x2049:
	case 0x2103:
	case 0x3001:
	case 0x3002:
	case 0x3009:
	case 0x300b:
	case 0x300d:
	case 0x300f:
	case 0x3011:
	case 0x3015:
	case 0x3017:
	case 0x3019:
	case 0x301c:
	case 0x301f:
	case 0x30fb:
	case 0xff01:
	case 0xff09:
	case 0xff0c:
	case 0xff0e:
	case 0xff0f:
	case 0xff1a:
	case 0xff1b:
	case 0xff1f:
	case 0xff3d:
	case 0xff5d:
	case 0xff5e:
	case 0xff63:
		return true;
	case 0x2014:
	case 0x2026:
	case 0x22ef:
	case 0x2e3a:
	case 0x2e3b:
		return k == KINSOKU_STRICT;
	default:
		return false;
	}
}

/* These never end a line: opening brackets and quotes. */
bool
layout_not_end(uint32_t c)
{
	if (c < 0x80)
		return c == '(' || c == '[' || c == '{';
	if (c > 0x301d && c < 0xff08) /* ideographs and the rest */
		return false;
	switch (c) {
	case 0x2018:
	case 0x201c:
	case 0x3008:
	case 0x300a:
	case 0x300c:
	case 0x300e:
	case 0x3010:
	case 0x3014:
	case 0x3016:
	case 0x3018:
	case 0x301d:
	case 0xff08:
	case 0xff3b:
	case 0xff5b:
	case 0xff62:
		return true;
	default:
		return false;
	}
}

/* —— ⸺⸺ …… ⋯⋯: one unit, never split (clreq, GB/T 15834). */
bool
layout_never_split(uint32_t a, uint32_t b)
{
	return a == b && (a == 0x2014 || a == 0x2026 || a == 0x22ef ||
	                  a == 0x2e3a || a == 0x2e3b);
}

/*
 * libunistring < 1.3 (LB19) forbids a break on both sides of “ ” ‘ ’,
 * gluing three characters together in Chinese text; 1.3 (LB19a) allows it
 * next to East Asian characters. Do the same on every version, so the
 * lines do not depend on the library.
 */
static bool
quote_break(uint32_t prev, uint32_t next)
{
	return ((next == 0x201c || next == 0x2018) && text_is_cjk(prev)) ||
	       ((prev == 0x201d || prev == 0x2019) && text_is_cjk(next));
}

/*
 * May a line break before cluster c (BRK_*)? uax: UAX #14 allows it; pend:
 * the last ink before c may not end a line, pcjk: that ink is not ASCII.
 * Both roads (clusters here, the tests' clusters_ref) ask this one
 * question.
 */
unsigned char
layout_brk_before(uint32_t prev, uint32_t c, enum layout_kinsoku k,
                  bool uax, bool pend, bool pcjk)
{
	if (k == KINSOKU_NONE)
		return uax ? BRK_OK : BRK_SOFT;
	if (not_start(c, k) || pend) {
		/* In an emergency, better "[ (" split than a line ending
		 * with 《 or starting with ，. */
		bool cjk = (c >= 0x80 && not_start(c, k)) || (pcjk && pend);

		return cjk ? BRK_NO : BRK_WEAK;
	}
	if (uax || quote_break(prev, c))
		return BRK_OK;
	return BRK_SOFT;
}

/* The cluster after the last: where the text ends, a mandatory break. */
size_t
layout_sentinel(struct layout_cluster *cl, size_t nc, size_t n, int cum)
{
	cl[nc].off = n;
	cl[nc].cum = cum;
	cl[nc].brk = BRK_NO;
	cl[nc].space = 0;
	cl[nc].nl = 1;
	return nc;
}

/* A code point that is a grapheme cluster by itself, whatever surrounds
 * it. Chinese text's own ranges (width_alone_cjk: its punctuation too)
 * are answered without libunistring. */
bool
layout_alone(uint32_t c)
{
	int p;

	if (c < 0x300)
		return c != '\r';
	if (width_alone_cjk(c))
		return true;
	p = uc_graphemeclusterbreak_property(c);
	return p == GBP_OTHER || p == GBP_CONTROL || p == GBP_LF;
}

static void
add_line(struct layout_lines *out, size_t off, size_t len, int col, int w)
{
	struct layout_line *l;

	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = xreallocarray(out->v, out->cap, sizeof *out->v);
	}
	l = &out->v[out->n++];
	l->off = off;
	l->len = len;
	l->col = col;
	l->width = w;
}

/* One code point at s (n > 0): well-formed 3-byte forms (all of CJK)
 * inline, the rest (invalid input too) as u8_mbtouc decides. */
size_t
layout_decode(const uint8_t *s, size_t n, ucs4_t *uc)
{
	if (utf8_take3(s, n, uc))
		return 3;
	return (size_t)u8_mbtouc(uc, s, n);
}

/*
 * Make room for cluster nc and the sentinel after it. The array is sized
 * by clusters, not bytes (a CJK character is three bytes and one
 * cluster), and never beyond n + 1, which is enough for any text.
 */
struct layout_cluster *
layout_cl_room(struct layout_lines *out, size_t nc, size_t n)
{
	if (nc + 2 > out->clcap) {
		size_t cap = out->clcap * 2;

		if (cap < nc + 2)
			cap = nc + 2;
		if (cap < 64)
			cap = 64;
		if (cap > n + 1 && n + 1 >= nc + 2)
			cap = n + 1;
		out->clcap = cap;
		out->cl = xreallocarray(out->cl, out->clcap, sizeof *out->cl);
	}
	return out->cl;
}


/* Bytes of the code point c that was decoded at s (n > 0 bytes left):
 * its UTF-8 length, but U+FFFD may stand for ill-formed input. */
static inline size_t
cp_bytes(uint32_t c, const uint8_t *s, size_t n)
{
	ucs4_t uc;

	if (c < 0x80)
		return 1;
	if (c < 0x800)
		return 2;
	if (c == 0xfffd)
		return layout_decode(s, n, &uc);
	return c < 0x10000 ? 3 : 4;
}

/* Room for the fast path's scratch: code points, then line and cluster
 * breaks per code point. */
static void
cp_room(struct layout_lines *out, size_t n)
{
	size_t need = n * (sizeof(uint32_t) + 2) + 16;

	if (out->brkcap < need || out->brk == NULL) {
		out->brkcap = need;
		out->brk = xrealloc(out->brk, out->brkcap);
	}
}

/* A run of at least this many ideographs is not given to libunistring. */
#define IDEO_RUN 4

static bool
is_ideograph(uint32_t c)
{
	return c - 0x4e00 <= 0x9fff - 0x4e00;
}

/*
 * u32_possible_linebreaks(u, m, "UTF-8", lb), less of it. Between two
 * ideographs of U+4E00-9FFF (line breaking class ID) UAX #14 always
 * allows a break (LB31: no rule keeps ID from ID), and what is decided
 * around a run of them does not reach across it: no rule looks past an
 * ID for spaces, numbers or marks. So libunistring reads only the text
 * between long runs, each stretch with the run's ideograph on either
 * side for its context, and the breaks inside a run are set here. Most
 * of a Chinese paragraph is such runs. Text whose every character is one
 * lbrk.c knows (a Chinese page's, most of the time) does not get here:
 * its pair table answers for libunistring. The unit tests compare the
 * lines with the reference's (one libunistring call over the whole text).
 */
static void
possible_linebreaks(const uint32_t *u, size_t m, char *lb)
{
	size_t from = 0, i = 0, a, j;

	if (lbrk_pairs(u, m, lb))
		return;
	while (i < m) {
		if (!is_ideograph(u[i])) {
			i++;
			continue;
		}
		for (a = i; i < m && is_ideograph(u[i]); i++)
			continue;
		if (i - a < IDEO_RUN)
			continue;
		/* [from, a]: the stretch, up to the run's first ideograph */
		u32_possible_linebreaks(u + from, a + 1 - from, "UTF-8",
		                        lb + from);
		if (from > 0)
			lb[from] = UC_BREAK_POSSIBLE; /* inside the run before */
		for (j = a + 1; j < i; j++)
			lb[j] = UC_BREAK_POSSIBLE;
		from = i - 1; /* the next stretch starts at its last one */
	}
	if (from == 0) {
		u32_possible_linebreaks(u, m, "UTF-8", lb);
		return;
	}
	u32_possible_linebreaks(u + from, m - from, "UTF-8", lb + from);
	lb[from] = UC_BREAK_POSSIBLE;
}

/*
 * As the reference clusters_ref() (tests/unit/layout-ref.c), by a quicker
 * road to the same array. The text is
 * decoded once, into code points, and libunistring breaks those
 * (u32_possible_linebreaks, u32_grapheme_breaks: the same rules as on the
 * bytes, without decoding again). Clusters of one code point that no
 * kinsoku table lists and that are never spaces or newlines, the
 * ideographs U+4E00-9FFF and ASCII letters and digits, most of a page,
 * skip the tables: only the neighbours decide their break. The unit tests
 * run both over the seed and random text and compare the lines.
 * Long on purpose: the layout's hot loop, run for every cluster of every
 * paragraph; its fast and full paths share the running state of one pass.
 */
static size_t
clusters(struct layout_lines *out, const uint8_t *s, size_t n,
         enum layout_kinsoku k, size_t *nnl)
{
	struct layout_cluster *cl;
	uint32_t *u, prev, prevink;
	char *lb, *gb;
	size_t i, j, m, nc;
	int cum;
	bool joins = false, pnl, pend, pcjk;

	cp_room(out, n);
	u = (uint32_t *)(void *)out->brk;
	lb = out->brk + n * sizeof(uint32_t);
	gb = lb + n;
	for (i = m = 0; i < n;) {
		ucs4_t uc;

		if (s[i] < 0x80) {
			uc = s[i++];
			joins |= uc == '\r';
		} else if (n - i >= 3 && s[i] >= 0xe4 && s[i] <= 0xe9 &&
		           ((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) < 0x40) {
			/* U+4000-9FFF, well-formed: ideographs (and the
			 * hexagrams U+4DC0-4DFF), clusters on their own. */
			uc = (ucs4_t)(s[i] & 0x0f) << 12 |
			     (ucs4_t)(s[i + 1] & 0x3f) << 6 | (s[i + 2] & 0x3f);
			i += 3;
		} else {
			i += layout_decode(s + i, n - i, &uc);
			if (!joins && !layout_alone(uc))
				joins = true;
		}
		u[m++] = uc;
	}
	possible_linebreaks(u, m, lb);
	/* Most text is code points that are clusters on their own (GB999),
	 * and grapheme breaking costs as much as line breaking. */
	if (joins) {
		u32_grapheme_breaks(u, m, gb);
		gb[m] = 1;
	}
	cl = layout_cl_room(out, m > 0 ? m - 1 : 0, n);

	nc = 0;
	*nnl = 0;
	prev = prevink = 0;
	pnl = pend = pcjk = false; /* prev a newline, prevink not_end, CJK */
	cum = 0;
	for (i = j = 0; j < m;) {
		struct layout_cluster *p = &cl[nc++];
		uint32_t c = u[j];
		size_t j0;
		bool uax;

		p->off = i;
		p->cum = cum;
		if ((!joins || gb[j + 1]) &&
		    (c - 0x4e00 <= 0x9fff - 0x4e00 || c - '0' < 10 ||
		     (c | 0x20) - 'a' < 26)) {
			/* Not in the kinsoku tables, never split, no space. */
			bool wide = c >= 0x80;

			cum += wide ? 2 : 1;
			i += wide ? 3 : 1;
			j++;
			p->space = 0;
			p->nl = 0;
			if (nc == 1 || pnl)
				p->brk = BRK_NO;
			else {
				uax = lb[j - 1] == UC_BREAK_POSSIBLE ||
				      lb[j - 1] == UC_BREAK_HYPHENATION;
				if (k == KINSOKU_NONE)
					p->brk = uax ? BRK_OK : BRK_SOFT;
				else if (pend)
					p->brk = pcjk ? BRK_NO : BRK_WEAK;
				else if (uax || (wide && (prev == 0x201d ||
				                          prev == 0x2019)))
					p->brk = BRK_OK; /* quote_break() */
				else
					p->brk = BRK_SOFT;
			}
			/* The rest of the run: after an ideograph, a letter or
			 * a digit, only UAX #14 decides (kinsoku and
			 * quote_break() need a bracket or a quote next). */
			while (j < m && (!joins || gb[j + 1])) {
				uint32_t d = u[j];

				if (d - 0x4e00 <= 0x9fff - 0x4e00)
					wide = true;
				else if (d - '0' < 10 || (d | 0x20) - 'a' < 26)
					wide = false;
				else
					break;
				c = d;
				p = &cl[nc++];
				p->off = i;
				p->cum = cum;
				p->space = 0;
				p->nl = 0;
				p->brk = lb[j] == UC_BREAK_POSSIBLE ||
				                 lb[j] == UC_BREAK_HYPHENATION ?
				             BRK_OK :
				             BRK_SOFT;
				cum += wide ? 2 : 1;
				i += wide ? 3 : 1;
				j++;
			}
			prev = prevink = c;
			pnl = pend = false;
			pcjk = wide;
			continue;
		}
		j0 = j;
		/* Its code points, up to the next cluster start. */
		do {
			uint32_t uc = u[j];

			if (uc < 0x80)
				cum += (uc >= 0x20 && uc < 0x7f);
			else
				cum += width_cp(uc);
			i += cp_bytes(uc, s + i, n - i);
			j++;
		} while (j < m && joins && !gb[j]);
		/* A space carrying combining marks is ink, not a gap. */
		p->space = layout_is_space(c) && j - j0 == 1;
		p->nl = layout_is_newline(c);
		*nnl += p->nl;
		if (nc == 1 || p->space || p->nl || pnl || layout_never_split(prev, c))
			p->brk = BRK_NO;
		else {
			uax = lb[j0] == UC_BREAK_POSSIBLE ||
			      lb[j0] == UC_BREAK_HYPHENATION;
			p->brk = layout_brk_before(prev, c, k, uax, pend, pcjk);
		}
		prev = c;
		pnl = p->nl;
		if (p->nl) {
			prevink = 0;
			pend = pcjk = false;
		} else if (!p->space) {
			prevink = c;
			pend = layout_not_end(c);
			pcjk = c >= 0x80;
		}
	}
	return layout_sentinel(cl, nc, n, cum);
}

struct fit {
	int width;     /* the measure */
	int first_col; /* indent */
	int other_col; /* hanging */
	enum layout_align align;
	size_t skip;        /* bytes dropped before the clusters' text */
	const uint8_t *txt; /* the clusters' text (the whole text + skip) */
};

/*
 * A single cluster wider than the line (a base with wide spacing marks at
 * a tiny measure, or a hostile run of marks): it cannot be shown whole,
 * so rather than run past the edge or vanish it is split between its code
 * points, each piece as wide as fits (at least one code point), each
 * piece a line of its own.
 */
static void
split_cluster(struct layout_lines *out, const struct layout_cluster *c,
              int col, int limit, const struct fit *f)
{
	size_t p = c[0].off, start = p, end = c[1].off;
	int w = 0;

	while (p < end) {
		ucs4_t uc;
		size_t n = (size_t)u8_mbtouc(&uc, f->txt + p, end - p);
		int cw = width_cp(uc);

		if (p > start && w + cw > limit) {
			add_line(out, f->skip + start, p - start, col, w);
			start = p;
			w = 0;
		}
		w += cw;
		p += n;
	}
	add_line(out, f->skip + start, p - start, col, w);
}

/*
 * A line that starts with spaces (the source's own) and has no break after
 * its first ink t: may the line end before t instead, so that the unit
 * starting at t goes down whole? Only where a break before t is a real one
 * and that unit (up to the next real break, its trailing spaces hanging)
 * fits a line of its own; otherwise a kinsoku-forbidden break would be
 * taken only because of the leading spaces (fuzz-layout found "�，").
 */
bool
layout_ink_goes_down(const struct layout_cluster *cl, size_t t, size_t b,
                     int limit)
{
	size_t k, e;

	if (t >= b || cl[t].brk != BRK_OK)
		return false;
	for (k = t + 1; k < b && cl[k].brk != BRK_OK; k++)
		;
	for (e = k; e > t + 1 && cl[e - 1].space; e--)
		;
	return cl[e].cum - cl[t].cum <= limit;
}

/*
 * The line that starts at cluster i has no break after its first ink t
 * but at j, where the line is full and kinsoku forbids one (the glued run
 * after the source's leading spaces is longer than what they leave of the
 * line). End the line before t instead when a break is allowed there (in
 * this emergency, also one that only UAX #14 or an ASCII row would refuse):
 * the run goes down and is broken on a line of its own where kinsoku
 * allows, and the line above holds only the spaces, rather than a line
 * ending with “ (fuzz-layout: "        　“�…" at 12 columns, ambiguous
 * wide; also "     “abcdefgh" at 6).
 */
size_t
layout_glued_end(const struct layout_cluster *cl, size_t i, size_t t,
                 size_t j)
{
	return t > i && t < j && cl[t].brk != BRK_NO ? t : j;
}


/*
 * As the reference line_end_ref() (tests/unit/layout-ref.c), with the same
 * result: find the first cluster that
 * does not fit (the running widths only grow, so one compare each), then
 * look back from it for the last break, which in Chinese text is a step
 * or two away. A break counts only after the line's first ink.
 */
static size_t
line_end(const struct layout_cluster *cl, size_t i, size_t b, int limit)
{
	int max = cl[i].cum + limit;
	size_t j = i, t, k, soft = SIZE_MAX, weak = SIZE_MAX;

	while (j < b && (cl[j + 1].cum <= max || cl[j].space))
		j++;
	if (j >= b)
		return b;
	for (t = i; t < j && cl[t].space; t++)
		;
	for (k = j; k > t; k--) {
		if (cl[k].brk == BRK_OK)
			return k;
		if (cl[k].brk == BRK_SOFT && soft == SIZE_MAX)
			soft = k;
		else if (cl[k].brk == BRK_WEAK && weak == SIZE_MAX)
			weak = k;
	}
	if (t > i && layout_ink_goes_down(cl, t, b, limit))
		return t;
	if (soft != SIZE_MAX)
		return soft;
	if (weak != SIZE_MAX)
		return weak;
	return layout_glued_end(cl, i, t, j);
}

/*
 * Lines of the clusters [a, b), b being a newline or the sentinel.
 * *first: the next line is the text's first (indent, not hanging).
 */
static void
fit_segment(struct layout_lines *out, const struct layout_cluster *cl, size_t a,
            size_t b, bool *first, const struct fit *f,
            const struct layout_road *road)
{
	size_t i = a;
	bool emitted = false;

	for (;;) {
		size_t end, e;
		int col, limit, w;

		/* A continuation line never starts with a space. */
		if (!*first)
			while (i < b && cl[i].space)
				i++;
		if (i >= b && emitted)
			return;
		col = *first ? f->first_col : f->other_col;
		limit = f->width - col;
		end = road->line_end(cl, i, b, limit);
		if (end == i && i < b) {
			/* One cluster wider than the measure. */
			split_cluster(out, &cl[i], col, limit, f);
			emitted = true;
			*first = false;
			i++;
			if (i >= b)
				return;
			continue;
		}
		for (e = end; e > i && cl[e - 1].space; e--)
			;
		w = cl[e].cum - cl[i].cum;
		if (f->align == ALIGN_CENTER && w < limit)
			col += (limit - w) / 2;
		else if (f->align == ALIGN_RIGHT && w < limit)
			col += limit - w;
		add_line(out, f->skip + cl[i].off, cl[e].off - cl[i].off, col,
		         w);
		emitted = true;
		*first = false;
		i = end;
		if (i >= b)
			return;
	}
}

/*
 * A paragraph of a megabyte or more is hostile input, not news: it is set
 * in pieces of at most LAYOUT_PIECE bytes, each cut where a line may end
 * anyway when it can (after a newline, a space, between two ideographs or
 * ASCII letters), and a line may end early where a piece does.
 */
#define LAYOUT_PIECE ((size_t)256 * 1024)

static bool
alnum_or_han(const uint8_t *s, size_t n)
{
	if (n == 0)
		return false;
	if (s[0] < 0x80)
		return (s[0] | 0x20) - 'a' < 26 || s[0] - '0' < 10;
	return n >= 3 && s[0] >= 0xe4 && s[0] <= 0xe9 &&
	       ((s[1] ^ 0x80) | (s[2] ^ 0x80)) < 0x40;
}

/* How many bytes of s[0, n) the next piece takes: all when they fit. */
static size_t
piece_end(const uint8_t *s, size_t n)
{
	size_t k, lo = LAYOUT_PIECE / 2;

	if (n <= LAYOUT_PIECE)
		return n;
	for (k = LAYOUT_PIECE; k > lo; k--)
		if (s[k - 1] == '\n' && s[k] != ' ')
			return k;
	for (k = LAYOUT_PIECE; k > lo; k--)
		if (s[k - 1] == ' ' && s[k] != ' ')
			return k;
	for (k = LAYOUT_PIECE; k > lo; k--)
		if (alnum_or_han(s + k, n - k) &&
		    (alnum_or_han(s + k - 1, n - k + 1) ||
		     (k >= 3 && alnum_or_han(s + k - 3, n - k + 3))))
			return k;
	/* No such place (a flood of combining marks): a code point's end. */
	for (k = LAYOUT_PIECE; k > 1 && (s[k] & 0xc0) == 0x80; k--)
		;
	return k;
}

static void wrap_piece(struct layout_lines *out, const uint8_t *s, size_t len,
                       const struct fit *fp, enum layout_kinsoku kinsoku,
                       bool *firstp, const struct layout_road *road);

static void
wrap_text(struct layout_lines *out, const char *text, size_t len,
          const struct layout_opts *o, const struct layout_road *road)
{
	const uint8_t *s = (const uint8_t *)text;
	struct fit f;
	size_t at, to;
	bool first = true;

	f.width = o->width < 2 ? 2 : o->width;
	f.first_col = o->indent < 0 ? 0 : o->indent;
	f.other_col = o->hanging < 0 ? 0 : o->hanging;
	/* Keep at least two columns of text, so a wide character fits. */
	if (f.first_col > f.width - 2)
		f.first_col = f.width - 2;
	if (f.other_col > f.width - 2)
		f.other_col = f.width - 2;
	f.align = o->align;
	f.skip = 0;
	if (o->indent > 0) {
		/* The source's own indent (spaces, U+3000): ours replaces it.
		 * A space that carries a combining mark is ink and stays,
		 * or the text would start inside a cluster. */
		while (f.skip < len) {
			size_t step;

			if (s[f.skip] == ' ')
				step = 1;
			else if (len - f.skip >= 3 && s[f.skip] == 0xe3 &&
			         s[f.skip + 1] == 0x80 && s[f.skip + 2] == 0x80)
				step = 3;
			else
				break;
			if (f.skip + step < len && s[f.skip + step] >= 0x80) {
				ucs4_t c;
				int p;

				layout_decode(s + f.skip + step, len - f.skip - step,
				       &c);
				p = uc_graphemeclusterbreak_property(c);
				if (p == GBP_EXTEND || p == GBP_SPACINGMARK ||
				    p == GBP_ZWJ)
					break;
			}
			f.skip += step;
		}
	}
	if (len == 0)
		return;
	/* A text longer than a piece is set a piece at a time, so that the
	 * scratch (some 22 bytes a byte of ASCII) stays bounded. */
	for (at = f.skip; at < len; at = to) {
		to = at + piece_end(s + at, len - at);
		f.skip = at;
		wrap_piece(out, s, to, &f, o->kinsoku, &first, road);
	}
}

/* The lines of s[f->skip, len), one piece of a text. */
static void
wrap_piece(struct layout_lines *out, const uint8_t *s, size_t len,
           const struct fit *fp, enum layout_kinsoku kinsoku, bool *firstp,
           const struct layout_road *road)
{
	struct fit f = *fp;
	size_t nc, nnl, a, k;
	bool first = *firstp;

	f.txt = s + f.skip;
	nc = road->clusters(out, s + f.skip, len - f.skip, kinsoku, &nnl);
	*firstp = false;
	if (nnl == 0) {
		/* One segment, the usual paragraph: no search for breaks. */
		fit_segment(out, out->cl, 0, nc, &first, &f, road);
		return;
	}
	a = 0;
	for (k = 0; k <= nc; k++) {
		if (!out->cl[k].nl)
			continue;
		/* The last segment, after a final '\n', makes no line if blank.
		 */
		if (k == nc && a > 0) {
			size_t t;

			for (t = a; t < nc && out->cl[t].space; t++)
				;
			if (t == nc)
				break;
		}
		fit_segment(out, out->cl, a, k, &first, &f, road);
		first = false;
		a = k + 1;
	}
}

/* The fast road: what every caller takes (the tests' reference road is
 * tests/unit/layout-ref.c). */
static const struct layout_road fast_road = { clusters, line_end };

void
layout_wrap(struct layout_lines *out, const char *text, size_t len,
            const struct layout_opts *o)
{
	wrap_text(out, text, len, o, &fast_road);
}

void
layout_wrap_road(struct layout_lines *out, const char *text, size_t len,
                 const struct layout_opts *o, const struct layout_road *road)
{
	wrap_text(out, text, len, o, road);
}

void
layout_lines_free(struct layout_lines *l)
{
	free(l->v);
	free(l->brk);
	free(l->cl);
	memset(l, 0, sizeof *l);
}
