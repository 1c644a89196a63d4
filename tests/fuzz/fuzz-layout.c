/*
 * fuzz-layout.c: libFuzzer harness for line breaking and typesetting.
 * Input: byte 0 picks the measure (2..300), byte 1 the ambiguous width,
 * kinsoku level, alignment and paragraph gap, byte 2 the indent and
 * hanging indent; the rest is text. The text is sanitised and wrapped with
 * layout_wrap, and the lines are checked against layout.h's promises (and
 * the breaks lbrk.c's pair table gives against libunistring's); the
 * same bytes are then loaded as an issue and typeset at that width, and no
 * typeset line may be wider than the width. Never writes a file.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "fuzz-check.h"
#include "issue.h"
#include "layout.h"
#include "lbrk.h"
#include "load.h"
#include "resolve.h"
#include "text.h"
#include "typeset.h"
#include "width.h"

/* clreq: never at the start of a line (basic; strict adds the next set). */
static bool
never_starts(uint32_t c, enum layout_kinsoku k)
{
	static const uint32_t basic[] = {0xff0c, 0x3002, 0x3001, 0xff1b, 0xff1a,
	                                 0xff1f, 0xff01, 0xff09, 0x300d, 0x300f,
	                                 0x3011, 0x300b, 0x3009, 0x201d, 0x2019,
	                                 0x00b7, 0x30fb};
	size_t i;

	if (k == KINSOKU_NONE)
		return false;
	for (i = 0; i < sizeof basic / sizeof basic[0]; i++)
		if (c == basic[i])
			return true;
	/* clreq strict: dashes and ellipses (— ⸺ ⸻ … ⋯) never start one */
	return k == KINSOKU_STRICT && (c == 0x2014 || c == 0x2026 ||
	    c == 0x22ef || c == 0x2e3a || c == 0x2e3b);
}

/* clreq: never at the end of a line. */
static bool
never_ends(uint32_t c, enum layout_kinsoku k)
{
	static const uint32_t open[] = {0xff08, 0x300c, 0x300e, 0x3010,
	                                0x300a, 0x3008, 0x201c, 0x2018};
	size_t i;

	if (k == KINSOKU_NONE)
		return false;
	for (i = 0; i < sizeof open / sizeof open[0]; i++)
		if (c == open[i])
			return true;
	return false;
}

/*
 * The wider sets layout.c may also apply (ASCII brackets and stops, more
 * dashes). They only widen the glued unit in check_soft_break, so a break
 * the layout was forced into is not taken for a mistake.
 */
static bool
glue_starts(uint32_t c, enum layout_kinsoku k)
{
	static const uint32_t more[] = {
	    ',',    '.',    ':',    ';',    '!',    '?',    ')',    ']',
	    '}',    '%',    '/',    0x00b0, 0x2013, 0x2027, 0x2030, 0x203c,
	    0x2047, 0x2048, 0x2049, 0x2103, 0x3015, 0x3017, 0x3019, 0x301c,
	    0x301f, 0xff0e, 0xff0f, 0xff3d, 0xff5d, 0xff5e, 0xff63};
	size_t i;

	if (k == KINSOKU_NONE)
		return false;
	for (i = 0; i < sizeof more / sizeof more[0]; i++)
		if (c == more[i])
			return true;
	return never_starts(c, KINSOKU_STRICT);
}

static bool
glue_ends(uint32_t c, enum layout_kinsoku k)
{
	static const uint32_t more[] = {'(',    '[',    '{',    0x3014, 0x3016,
	                                0x3018, 0x301d, 0xff3b, 0xff5b, 0xff62};
	size_t i;

	if (k == KINSOKU_NONE)
		return false;
	for (i = 0; i < sizeof more / sizeof more[0]; i++)
		if (c == more[i])
			return true;
	return never_ends(c, k);
}

/* Space the layout may leave out of every line (hung or dropped). */
static bool
is_gap(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0x3000;
}

/* Text left out of every line: space, or (campaigns only) a mark on one. */
static bool
may_drop(uint32_t c)
{
	static int skip_mark = -1;

	if (is_gap(c))
		return true;
	if (skip_mark < 0)
		skip_mark = fuzz_skip("space-mark");
	return skip_mark && uc_is_general_category(c, UC_CATEGORY_M);
}

/* True if the cluster around offset j begins with a space (" \u0301"). */
static bool
starts_on_space(const char *t, const char *gb, size_t j)
{
	while (j > 0 && !gb[j])
		j--;
	return t[j] == ' ' || t[j] == '\t' ||
	       memcmp(t + j, "\xe3\x80\x80", 3) == 0;
}

static size_t
count_clusters(const char *s, size_t len)
{
	char *brk;
	size_t i, n = len > 0;

	if (len == 0)
		return 0;
	brk = malloc(len);
	if (brk == NULL)
		abort();
	u8_grapheme_breaks((const uint8_t *)s, len, brk);
	for (i = 1; i < len; i++)
		n += brk[i] != 0;
	free(brk);
	return n;
}

/*
 * The base (first code point) of the cluster that ends at t + j (j > 0):
 * a mark after an opening bracket leaves it an opening bracket.
 */
static uint32_t
cp_before(const char *t, const char *gb, size_t j)
{
	ucs4_t c = 0xfffd;
	size_t p = j - 1;

	while (p > 0 && !gb[p])
		p--;
	u8_mbtouc(&c, (const uint8_t *)t + p, j - p);
	return c;
}

static uint32_t
cp_at(const char *t, size_t tlen, size_t j)
{
	ucs4_t c = 0xfffd;

	u8_mbtouc(&c, (const uint8_t *)t + j, tlen - j);
	return c;
}

/* Bytes of the code point at t + p (0 at end). */
static int
cp_len(const char *t, size_t p, size_t end)
{
	ucs4_t c;

	return p < end ? u8_mbtouc(&c, (const uint8_t *)t + p, end - p) : 0;
}

/* The start of the cluster that ends at j (j > 0). */
static size_t
start_before(const char *gb, size_t j)
{
	size_t p = j - 1;

	while (p > 0 && !gb[p])
		p--;
	return p;
}

/* The start of the cluster after the one at j (j < tlen). */
static size_t
next_start(size_t tlen, const char *gb, size_t j)
{
	size_t p = j + 1;

	while (p < tlen && !gb[p])
		p++;
	return p;
}

/*
 * The cluster ending at j (at j) is one code point: a space that carries
 * combining marks is ink to the layout, not a gap, and so it is here.
 */
static bool
lone_before(const char *t, const char *gb, size_t j)
{
	size_t p = start_before(gb, j);

	return (size_t)cp_len(t, p, j) == j - p;
}

static bool
lone_at(const char *t, size_t tlen, const char *gb, size_t j)
{
	return (size_t)cp_len(t, j, tlen) ==
	       next_start(tlen, gb, j) - j;
}

/*
 * True if kinsoku forbids a break at cluster boundary j (0 < j < tlen):
 * by the core clreq sets, or (glue) by the wider ones. For glue, spaces
 * next to j are looked through (not '\n'): a break at a space still puts
 * the next visible character at the start of a line.
 */
static bool
break_forbidden(const char *t, size_t tlen, const char *gb, size_t j,
                enum layout_kinsoku k, bool glue)
{
	uint32_t a = cp_before(t, gb, j), b = cp_at(t, tlen, j);
	size_t i;

	if (k == KINSOKU_NONE)
		return false;
	if (glue) {
		/* Look left, then right, through spaces (a, b: what is seen).
		 */
		i = j;
		while (a != '\n' && is_gap(a) && lone_before(t, gb, i)) {
			i = start_before(gb, i);
			a = i > 0 ? cp_before(t, gb, i) : '\n';
		}
		i = j;
		while (b != '\n' && is_gap(b) && lone_at(t, tlen, gb, i)) {
			i = next_start(tlen, gb, i);
			b = i < tlen ? cp_at(t, tlen, i) : '\n';
		}
		if (a == '\n' || b == '\n')
			return false;
	} else if ((is_gap(a) && lone_before(t, gb, j)) ||
	           (is_gap(b) && lone_at(t, tlen, gb, j)))
		return false;
	if (a == b && (a == 0x2014 || a == 0x2026 ||
	               (glue && (a == 0x22ef || a == 0x2e3a || a == 0x2e3b))))
		return true;
	if (glue)
		return glue_ends(a, k) || glue_starts(b, k);
	return never_ends(a, k) || never_starts(b, k);
}

/*
 * A soft break between lines at [e, n) (e = end of the line before, which
 * starts at ps; n = start of the next; only spaces between). If kinsoku forbids
 * it, it is still right when it was forced: when the glued unit around it (the
 * clusters joined by forbidden boundaries) is wider than any line can
 * hold. Otherwise the layout should have moved the unit down whole.
 */
static void
check_soft_break(const char *t, size_t tlen, const char *gb, size_t ps,
                 size_t e, size_t n, const struct layout_opts *o)
{
	int measure = o->width < 2 ? 2 : o->width;
	int room = measure - (o->indent > o->hanging ? o->indent : o->hanging);
	int w = 0;
	size_t lo, hi, p;

	if (e != n || e == 0 || n >= tlen ||
	    !break_forbidden(t, tlen, gb, n, o->kinsoku, false))
		return;
	/* Grow left and right over forbidden boundaries, until too wide. */
	lo = n;
	while (lo > 0 && w <= room) {
		for (p = lo - 1; p > 0 && !gb[p]; p--)
			;
		if (t[p] == '\n')
			break;
		w += width_str(t + p, lo - p);
		lo = p;
		if (lo == 0 ||
		    !break_forbidden(t, tlen, gb, lo, o->kinsoku, true))
			break;
	}
	hi = n;
	while (hi < tlen && w <= room) {
		for (p = hi + 1; p < tlen && !gb[p]; p++)
			;
		if (t[hi] == '\n')
			break;
		w += width_str(t + hi, p - hi);
		hi = p;
		if (hi == tlen ||
		    !break_forbidden(t, tlen, gb, hi, o->kinsoku, true))
			break;
	}
	/* Moving the unit down would leave nothing but space above it. */
	for (p = ps; p < lo;) {
		ucs4_t uc;
		int m = u8_mbtouc(&uc, (const uint8_t *)t + p, lo - p);

		if (!is_gap(uc))
			break;
		p += (size_t)m; /* U+3000 is three bytes */
	}
	if (p >= lo)
		return;
	FUZZ_CHECK(w > room,
	           "kinsoku: a forbidden break where the unit fits "
	           "a line",
	           t + lo, hi - lo);
}

/*
 * True if line [off, off + len) lies inside one grapheme cluster that is by
 * itself wider than room: layout.h lets such a cluster be split between
 * its code points (it cannot be shown whole), and only such a cluster.
 */
static bool
piece_of_overwide_cluster(const char *t, size_t tlen, const char *gb,
                          size_t off, size_t len, int room)
{
	size_t a = off, b = off + (len > 0 ? len : 1);

	while (a > 0 && !gb[a])
		a--;
	while (b < tlen && !gb[b])
		b++;
	if (off + len > b)
		return false;
	return width_str(t + a, b - a) > room;
}

static void
check_lines(const struct layout_lines *ll, const char *t, size_t tlen,
            const struct layout_opts *o)
{
	const uint8_t *u = (const uint8_t *)t;
	int measure = o->width < 2 ? 2 : o->width;
	char *gb;
	size_t i, end = 0, k;
	ucs4_t c;
	int n;
	bool skip_wide = fuzz_skip("wide-cluster");
	bool skip_mark = fuzz_skip("space-mark");

	/* Grapheme boundaries of the whole text: no line may split one. */
	gb = malloc(tlen + 1);
	if (gb == NULL)
		abort();
	if (tlen > 0)
		u8_grapheme_breaks(u, tlen, gb);
	gb[0] = 1;
	gb[tlen] = 1;

	for (i = 0; i < ll->n; i++) {
		const struct layout_line *l = &ll->v[i];
		const char *s = t + l->off;

		FUZZ_CHECK(l->off >= end, "lines overlap or out of order", t,
		           tlen);
		FUZZ_CHECK(l->off <= tlen && l->len <= tlen - l->off,
		           "line outside the text", t, tlen);
		FUZZ_CHECK(l->col >= 0 && l->width >= 0,
		           "negative column or width", s, l->len);
		FUZZ_CHECK(l->width == width_str(s, l->len),
		           "line width != width_str", s, l->len);
		FUZZ_CHECK(l->col + l->width <= measure ||
		               (skip_wide && l->width > 2 &&
		                count_clusters(s, l->len) == 1),
		           "col + width > measure", s, l->len);
		FUZZ_CHECK(memchr(s, '\n', l->len) == NULL,
		           "line holds a newline", s, l->len);
		FUZZ_CHECK((gb[l->off] && gb[l->off + l->len]) ||
		               (skip_mark && starts_on_space(t, gb, l->off) &&
		                gb[l->off + l->len]) ||
		               piece_of_overwide_cluster(t, tlen, gb, l->off,
		                                         l->len,
		                                         measure - l->col),
		           "line splits a grapheme cluster", s, l->len);
		/* Everything skipped since the last line is space. */
		for (k = end; k < l->off; k += (size_t)n) {
			n = u8_mbtouc(&c, u + k, tlen - k);
			FUZZ_CHECK(may_drop(c), "non-space text in no line",
			           t + k, tlen - k);
		}
		/* Kinsoku, at soft breaks only (not at '\n' or the ends). */
		if (i > 0 && l->len > 0 &&
		    memchr(t + end, '\n', l->off - end) == NULL &&
		    count_clusters(s, l->len) > 1 &&
		    count_clusters(t + ll->v[i - 1].off, ll->v[i - 1].len) > 1)
			check_soft_break(t, tlen, gb, ll->v[i - 1].off, end,
			                 l->off, o);
		end = l->off + l->len;
	}
	for (k = end; k < tlen; k += (size_t)n) {
		n = u8_mbtouc(&c, u + k, tlen - k);
		FUZZ_CHECK(may_drop(c), "non-space text in no line (tail)",
		           t + k, tlen - k);
	}
	free(gb);
}

static void
check_typeset(const char *data, size_t size, const struct typeset_opts *to)
{
	struct ts_doc d;
	struct issue *is;
	char *err = NULL;
	size_t i;
	bool skip_tab = fuzz_skip("ts-tab");
	bool skip_wide = fuzz_skip("wide-cluster");

	is = load_buffer("fuzz.md", data, size, LOAD_DEFAULTS, &err);
	free(err);
	if (is == NULL)
		return;
	resolve_issue(is);
	typeset_init(&d, to);
	typeset_issue(&d, is);
	for (i = 0; i < d.n; i++) {
		const struct ts_line *l = &d.lines[i];
		size_t k;

		FUZZ_CHECK(l->text != NULL || l->len == 0, "ts_line text NULL",
		           NULL, 0);
		fuzz_check_text("ts_line text", l->text, l->len);
		/* A TAB would move the terminal's cursor to a tab stop. */
		for (k = 0; k < l->len && !skip_tab; k++)
			FUZZ_CHECK(l->text[k] != '\t' && l->text[k] != '\n',
			           "ts_line holds TAB or LF", l->text, l->len);
		FUZZ_CHECK(l->width == width_str(l->text, l->len),
		           "ts_line width != width_str", l->text, l->len);
		FUZZ_CHECK(l->col >= 0 &&
		               (l->col + l->width <= to->width ||
		                (skip_wide && l->width > 2 &&
		                 count_clusters(l->text, l->len) == 1)),
		           "ts_line wider than the width", l->text, l->len);
	}
	typeset_free(&d);
	issue_free(is);
}

/*
 * lbrk.c's pair table gives libunistring's breaks for the sanitised text,
 * whenever it answers (it declines text with a code point it does not
 * know, which libunistring then breaks).
 */
static void
check_lbrk(const char *t, size_t tlen)
{
	uint32_t *u;
	char *want, *got;
	size_t m = 0, i = 0;

	if (tlen == 0)
		return;
	u = malloc(tlen * sizeof *u);
	want = malloc(tlen);
	got = malloc(tlen);
	if (u == NULL || want == NULL || got == NULL)
		abort();
	while (i < tlen) {
		ucs4_t c;

		i += (size_t)u8_mbtouc(&c, (const uint8_t *)t + i, tlen - i);
		u[m++] = c;
	}
	u32_possible_linebreaks(u, m, "UTF-8", want);
	if (lbrk_pairs(u, m, got) && memcmp(want, got, m) != 0)
		fuzz_fail("lbrk_pairs differs from libunistring", t, tlen);
	free(u);
	free(want);
	free(got);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct layout_lines ll = {0};
	struct layout_opts o;
	struct typeset_opts to;
	char *t;
	size_t tlen, half;

	if (size < 3)
		return 0;
	memset(&o, 0, sizeof o);
	o.width = 2 + data[0] % 299;
	width_set_ambiguous((data[1] & 1) ? WIDTH_WIDE : WIDTH_NARROW);
	o.kinsoku = (enum layout_kinsoku)((data[1] >> 1) % 3);
	o.align = (enum layout_align)((data[1] >> 3) % 3);
	o.indent = data[2] % 9;
	o.hanging = (data[2] >> 4) % 5;

	t = text_sanitize((const char *)data + 3, size - 3, TEXT_ASCII_PUNCT,
	                  &tlen);
	fuzz_check_text("text_sanitize output", t, tlen);
	layout_wrap(&ll, t, tlen, &o);
	check_lines(&ll, t, tlen, &o);
	check_lbrk(t, tlen);
	/* Reuse, as typeset does: the scratch must not leak into the result. */
	half = tlen / 2;
	while (half > 0 && ((unsigned char)t[half] & 0xc0) == 0x80)
		half--;
	ll.n = 0;
	layout_wrap(&ll, t, half, &o);
	check_lines(&ll, t, half, &o);
	layout_lines_free(&ll);
	free(t);

	memset(&to, 0, sizeof to);
	to.width = o.width;
	to.indent = o.indent;
	to.paragraph_gap = (data[1] >> 5) % 3;
	to.kinsoku = o.kinsoku;
	check_typeset((const char *)data + 3, size - 3, &to);
	return 0;
}
