/*
 * load.c: files, issue directories and library directories → the model.
 *
 * Two passes per page file. First the bytes are sanitised once
 * (text_sanitize) and md4c turns them into raw blocks (paragraphs,
 * headings, list items; code blocks count as paragraphs, markup is
 * dropped, link URLs are kept after the link text). Then the newspaper
 * rules take each raw block as it ends, in order, and build pages,
 * articles and page items:
 * masthead, publication line, headlines, subheads, bylines, jump lines,
 * captions, credits, the contents box, short news and signatures,
 * furniture, paragraphs cut by a PDF column break. Every character of the
 * input's text ends up in exactly one block or field.
 *
 * It must never write to an input file, never crash or hang on any input
 * (FIFOs are opened non-blocking and refused), and never put an unsanitised
 * byte into the model or into an error message.
 *
 * Sanitising is done once per file, before md4c; only the optional ASCII
 * → full-width punctuation step (text_ascii_punct) runs later, per block,
 * because before parsing it would turn "&amp;中" into "&amp；中" and break
 * the entity. A block is sanitised again only when one of its pieces
 * starts with a combining mark (text_joins_previous), which may compose
 * with the piece before it.
 *
 * Entities: &amp; &lt; &gt; &quot; &apos; &nbsp; a few typographic ones and
 * numeric &#NNN; &#xHH; are decoded (the result is sanitised again, so
 * &#x1b; cannot smuggle an escape in); unknown named entities stay as
 * written.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>
#include <md4c.h>

#include "buf.h"
#include "file.h"
#include "issue.h"
#include "load.h"
#include "text.h"
#include "xmalloc.h"

/* Page numbers outside 1..LOAD_MAX_PAGE are "unknown" (0). */
#define LOAD_MAX_PAGE 9999
/* issue.ini is small; anything larger is not one. */
#define LOAD_MAX_INI (64 * 1024)

enum rb_kind {
	RB_PARA,
	RB_HEAD,
	RB_ITEM,
};

/* One leaf block as md4c saw it, markup removed. */
struct rawblock {
	enum rb_kind kind;
	int level; /* RB_HEAD: 1..6 */
	int line;
	bool quote;  /* inside a block quote */
	bool strong; /* all its text was emphasised */
	char *text;  /* owned until the rules take it */
	size_t len;
};

struct link {
	char *href;
	size_t start; /* offset of the link text in the block */
};

/* Issue-wide state while pages are built. */
struct loader {
	struct issue *is;
	int flags;
	bool masthead; /* the masthead title has been seen */
};

/* Per-page state of the newspaper rules. */
struct pagectx {
	struct loader *ld;
	struct page *pg;
	size_t cur; /* open article + 1, 0 when none */
	bool in_contents;
	bool masthead_open;
	size_t loose;  /* item + 1 the previous block made, or 0 */
	bool joinable; /* previous block was a paragraph of cur */
};

/* md4c callback state. */
struct md {
	const char *src;
	size_t srclen;
	const char *lpos; /* line_of's cursor: lline is the line of lpos */
	int lline;
	int flags;
	struct pagectx *pc; /* where each block goes as soon as it ends */

	struct buf cur;
	bool open;
	enum rb_kind kind;
	int level;
	int line;
	bool code; /* a code block: its lines are prose */
	bool code_bol;
	int code_nl;
	bool soft;       /* a soft break waits for the next text */
	bool li_pending; /* an <li> whose text has not started */
	int quote_depth;
	int emph_depth;
	bool plain;
	bool emph;
	bool renorm; /* a piece began with a mark: sanitise the block again */
	struct link *links;
	size_t nlinks;
};

static void rule_block(struct pagectx *pc, struct rawblock *rb);

/* ------------------------------------------------------------------ */
/* small helpers                                                       */

/* Grow an array when n reaches a power of two (capacity kept implicit). */
static void *
grow(void *p, size_t n, size_t size)
{
	if (n == 0)
		return xreallocarray(p, 8, size);
	if (n >= 8 && (n & (n - 1)) == 0)
		return xreallocarray(p, n * 2, size);
	return p;
}

static bool
is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0x3000 || c == 0xa0;
}

static bool
is_ideograph(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
}

static uint32_t
first_cp(const char *s, size_t len)
{
	uint32_t c = 0;

	if (len > 0)
		text_next(s, len, &c);
	return c;
}

static uint32_t
last_cp(const char *s, size_t len)
{
	uint32_t c = 0;

	if (len > 0)
		text_prev(s, len, &c);
	return c;
}

/*
 * More than max code points in s? Decodes at most max + 1 of them: a
 * character takes 1 to 4 bytes (an invalid byte counts as one), so the
 * length alone often answers, and a long paragraph costs nothing.
 */
static bool
cp_more(const char *s, size_t len, size_t max)
{
	size_t n = 0, k;
	uint32_t c;

	if (len <= max)
		return false;
	if (len / 4 > max)
		return true;
	while (len > 0) {
		k = text_next(s, len, &c);
		s += k;
		len -= k;
		if (++n > max)
			return true;
	}
	return false;
}

static bool
has_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s, p, n) == 0;
}

static bool
has_suffix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s + len - n, p, n) == 0;
}

static bool
contains(const char *s, size_t len, const char *p)
{
	return memmem(s, len, p, strlen(p)) != NULL;
}

/* Trim whitespace (ASCII, ideographic, no-break) from both ends. */
static void
trim(const char **s, size_t *len)
{
	uint32_t c;
	size_t k;

	while (*len > 0) {
		k = text_next(*s, *len, &c);
		if (!is_space(c))
			break;
		*s += k;
		*len -= k;
	}
	while (*len > 0) {
		k = text_prev(*s, *len, &c);
		if (!is_space(c))
			break;
		*len -= k;
	}
}

static char *
dup_trimmed(const char *s, size_t len, size_t *outlen)
{
	trim(&s, &len);
	if (outlen != NULL)
		*outlen = len;
	return xstrndup(s, len);
}

/* A decimal digit, ASCII or full-width: its value, else -1. */
static int
digit_value(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xff10 && c <= 0xff19)
		return (int)(c - 0xff10);
	return -1;
}

/*
 * Read a run of digits at s. Returns the bytes used (0: no digit); *val is
 * the value, saturated at 10^9 so no input can overflow it; *ndig counts
 * the digits.
 */
static size_t
read_digits(const char *s, size_t len, long *val, int *ndig)
{
	size_t used = 0, k;
	uint32_t c;
	long v = 0;
	int d, n = 0;

	while (used < len) {
		k = text_next(s + used, len - used, &c);
		if ((d = digit_value(c)) < 0)
			break;
		if (v < 1000000000L)
			v = v * 10 + d;
		if (v > 1000000000L)
			v = 1000000000L;
		used += k;
		n++;
	}
	*val = v;
	if (ndig != NULL)
		*ndig = n;
	return used;
}

/* Chinese numerals up to 99 (十二, 二十三, 两): bytes used, 0 if none. */
static size_t
read_cjk_number(const char *s, size_t len, long *val)
{
	static const char *const digits[] = {"零", "一", "二", "三", "四",
	                                     "五", "六", "七", "八", "九"};
	size_t used = 0;
	long v = 0, unit = -1;
	int i, got = 0;

	for (;;) {
		for (i = 0; i < 10; i++)
			if (has_prefix(s + used, len - used, digits[i]))
				break;
		if (i == 10 && has_prefix(s + used, len - used, "两"))
			i = 2;
		if (i == 10 && has_prefix(s + used, len - used, "〇"))
			i = 0;
		if (i < 10) {
			unit = i;
			used += 3;
			got = 1;
			continue;
		}
		if (has_prefix(s + used, len - used, "十")) {
			v += (unit > 0 ? unit : 1) * 10;
			unit = -1;
			used += 3;
			got = 1;
			continue;
		}
		break;
	}
	if (unit > 0)
		v += unit;
	*val = v;
	return got ? used : 0;
}

/* 1..LOAD_MAX_PAGE, else 0 (unknown). */
static int
page_or_zero(long v, bool negative)
{
	if (negative || v < 1 || v > LOAD_MAX_PAGE)
		return 0;
	return (int)v;
}

/* ------------------------------------------------------------------ */
/* pass 1: md4c → raw blocks                                           */

/*
 * The 1-based line of p in the source: one plus the newlines before it.
 * md4c reports text in document order, so the newlines are counted from
 * where the last call stopped (from the start again if p is before it).
 */
static int
line_of(struct md *m, const char *p)
{
	const char *q;

	if (p < m->src || p >= m->src + m->srclen)
		return 0;
	if (m->lpos == NULL || p < m->lpos) {
		m->lpos = m->src;
		m->lline = 1;
	}
	while ((q = memchr(m->lpos, '\n', (size_t)(p - m->lpos))) != NULL) {
		m->lpos = q + 1;
		if (m->lline < INT_MAX)
			m->lline++;
	}
	m->lpos = p;
	return m->lline;
}

/* End the open block and hand it to the rules (pass 2) at once. */
static void
md_flush(struct md *m)
{
	struct rawblock rb, *r = &rb;
	const char *s;
	size_t len;

	if (!m->open)
		return;
	m->open = false;
	s = m->cur.s ? m->cur.s : "";
	len = m->cur.len;
	trim(&s, &len);
	if (len > 0 || m->kind == RB_HEAD) {
		r->kind = m->kind;
		r->level = m->level;
		r->line = m->line;
		r->quote = m->quote_depth > 0;
		r->strong = m->emph && !m->plain;
		r->text = NULL;
		/* Every piece is clean, but a combining mark at the start of
		 * one may compose with (or overflow the marks of) the piece
		 * before it: then the block is sanitised again as a whole. */
		if (m->renorm) {
			r->text = text_sanitize(s, len, 0, &r->len);
			s = r->text;
			len = r->len;
		}
		/* ASCII , ; : ? ! → full width here, after parsing, so that
		 * "&amp;中" and link syntax are never touched by it. */
		if (m->flags & LOAD_ASCII_PUNCT) {
			size_t tl;
			char *t = text_ascii_punct(s, len, &tl);

			if (t != NULL) {
				free(r->text);
				r->text = t;
				r->len = tl;
			}
		}
		if (r->text == NULL) {
			r->text = xstrndup(s, len);
			r->len = len;
		}
		rule_block(m->pc, r);
		free(r->text); /* NULL when the rules took it */
	}
	/* Keep the buffer for the next block. */
	m->cur.len = 0;
	if (m->cur.s != NULL)
		m->cur.s[0] = '\0';
}

static void
md_begin(struct md *m, enum rb_kind kind, int level)
{
	md_flush(m);
	m->open = true;
	m->kind = kind;
	m->level = level;
	m->line = 0;
	m->code = false;
	m->soft = false;
	m->plain = m->emph = false;
	m->renorm = false;
}

/* Append plain text, resolving a pending soft break first. */
static void
md_add(struct md *m, const char *t, size_t n)
{
	size_t i;
	uint32_t prev, next;
	bool space;

	if (n == 0)
		return;
	if (m->soft) {
		m->soft = false;
		if (m->cur.len > 0) {
			prev = last_cp(m->cur.s, m->cur.len);
			next = first_cp(t, n);
			space = (m->flags & LOAD_JOIN_LINES)
			            ? text_join_needs_space(prev, next)
			            : true;
			if (space && !is_space(prev) && !is_space(next))
				buf_addc(&m->cur, ' ');
		}
	}
	if (m->cur.len > 0 && (unsigned char)t[0] >= 0x80 &&
	    text_joins_previous(first_cp(t, n)))
		m->renorm = true;
	buf_add(&m->cur, t, n);
	for (i = 0; i < n; i++)
		if (t[i] != ' ' && t[i] != '\t' && t[i] != '\n') {
			if (m->emph_depth > 0)
				m->emph = true;
			else
				m->plain = true;
			break;
		}
}

/* Text of a code block: each line is a line of prose, a blank line ends a
 * paragraph, the indentation is dropped. */
static void
md_add_code(struct md *m, const char *t, size_t n)
{
	size_t i = 0, start;
	int line;

	while (i < n) {
		if (t[i] == '\n') {
			m->code_nl++;
			m->code_bol = true;
			i++;
			continue;
		}
		if (m->code_bol && (t[i] == ' ' || t[i] == '\t')) {
			i++;
			continue;
		}
		start = i;
		while (i < n && t[i] != '\n')
			i++;
		if (m->code_nl >= 2 && m->cur.len > 0) {
			line = line_of(m, t + start);
			md_begin(m, RB_PARA, 0);
			m->code = true;
			m->line = line;
		} else if (m->code_nl == 1)
			m->soft = true;
		m->code_nl = 0;
		m->code_bol = false;
		md_add(m, t + start, i - start);
	}
}

static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
    {"&amp;", "&"},    {"&lt;", "<"},    {"&gt;", ">"},
    {"&quot;", "\""},  {"&apos;", "'"},  {"&nbsp;", "\xc2\xa0"},
    {"&mdash;", "—"},  {"&ndash;", "–"}, {"&hellip;", "…"},
    {"&middot;", "·"}, {"&ldquo;", "“"}, {"&rdquo;", "”"},
    {"&lsquo;", "‘"},  {"&rsquo;", "’"}, {"&copy;", "©"},
    {"&reg;", "®"},
};

static void
md_add_entity(struct md *m, const char *t, size_t n)
{
	struct buf b = {0};
	char *clean;
	size_t i, cl;
	unsigned long v = 0;
	bool hex;

	for (i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (strlen(entities[i].name) == n &&
		    memcmp(entities[i].name, t, n) == 0) {
			md_add(m, entities[i].utf8, strlen(entities[i].utf8));
			return;
		}
	if (n < 4 || t[1] != '#') {
		md_add(m, t, n); /* unknown: kept as written */
		return;
	}
	hex = t[2] == 'x' || t[2] == 'X';
	for (i = hex ? 3 : 2; i < n - 1; i++) {
		int d;

		if (t[i] >= '0' && t[i] <= '9')
			d = t[i] - '0';
		else if (hex && t[i] >= 'a' && t[i] <= 'f')
			d = t[i] - 'a' + 10;
		else if (hex && t[i] >= 'A' && t[i] <= 'F')
			d = t[i] - 'A' + 10;
		else
			break;
		v = v * (hex ? 16 : 10) + (unsigned long)d;
		if (v > 0x10ffff)
			v = 0x110000;
	}
	if (v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		v = 0xfffd;
	buf_addu(&b, (uint32_t)v);
	/* &#27; must not become a live ESC: sanitise what we made. */
	clean = text_sanitize(b.s, b.len, 0, &cl);
	md_add(m, clean, cl);
	free(clean);
	buf_free(&b);
}

static int
md_enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct md *m = ud;

	switch (type) {
	case MD_BLOCK_QUOTE:
		md_flush(m);
		m->quote_depth++;
		break;
	case MD_BLOCK_LI:
		md_flush(m);
		m->li_pending = true;
		break;
	case MD_BLOCK_H:
		md_begin(m, RB_HEAD, (int)((MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML:
		md_begin(m, m->li_pending ? RB_ITEM : RB_PARA, 0);
		m->li_pending = false;
		m->code = true;
		m->code_bol = true;
		m->code_nl = 0;
		break;
	case MD_BLOCK_P:
		md_begin(m, m->li_pending ? RB_ITEM : RB_PARA, 0);
		m->li_pending = false;
		break;
	default:
		md_flush(m);
		break;
	}
	return 0;
}

static int
md_leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
	struct md *m = ud;

	md_flush(m);
	if (type == MD_BLOCK_QUOTE && m->quote_depth > 0)
		m->quote_depth--;
	if (type == MD_BLOCK_LI)
		m->li_pending = false;
	return 0;
}

static int
md_enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md *m = ud;
	MD_SPAN_A_DETAIL *a;
	struct link *l;

	if (!m->open)
		md_begin(m, m->li_pending ? RB_ITEM : RB_PARA, 0);
	m->li_pending = false;
	if (type == MD_SPAN_A) {
		a = detail;
		m->links = grow(m->links, m->nlinks, sizeof *m->links);
		l = &m->links[m->nlinks++];
		l->href =
		    xstrndup(a->href.text ? a->href.text : "", a->href.size);
		l->start = m->cur.len;
	} else if (type != MD_SPAN_IMG && type != MD_SPAN_CODE)
		m->emph_depth++;
	return 0;
}

static int
md_leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
	struct md *m = ud;
	struct link *l;
	const char *txt;
	size_t tl, hl;

	if (type == MD_SPAN_A && m->nlinks > 0) {
		l = &m->links[--m->nlinks];
		hl = strlen(l->href);
		txt = m->cur.s ? m->cur.s + l->start : "";
		tl = m->cur.len - l->start;
		/* Link text, then the URL when it says something more. */
		if (hl > 0 && !(tl == hl && memcmp(txt, l->href, hl) == 0) &&
		    !(has_prefix(l->href, hl, "mailto:") && tl == hl - 7 &&
		      memcmp(txt, l->href + 7, tl) == 0)) {
			if (tl > 0 &&
			    !text_is_cjk(last_cp(m->cur.s, m->cur.len)))
				buf_addc(&m->cur, ' ');
			buf_addc(&m->cur, '(');
			buf_add(&m->cur, l->href, hl);
			buf_addc(&m->cur, ')');
		}
		free(l->href);
	} else if (type != MD_SPAN_A && type != MD_SPAN_IMG &&
	           type != MD_SPAN_CODE && m->emph_depth > 0)
		m->emph_depth--;
	return 0;
}

static int
md_text(MD_TEXTTYPE type, const MD_CHAR *t, MD_SIZE n, void *ud)
{
	struct md *m = ud;

	if (!m->open)
		md_begin(m, m->li_pending ? RB_ITEM : RB_PARA, 0);
	m->li_pending = false;
	if (m->line == 0)
		m->line = line_of(m, t);
	switch (type) {
	case MD_TEXT_NULLCHAR:
		md_add(m, "\xef\xbf\xbd", 3);
		break;
	case MD_TEXT_BR:
		m->soft = false;
		buf_addc(&m->cur, '\n');
		break;
	case MD_TEXT_SOFTBR:
		m->soft = true;
		break;
	case MD_TEXT_ENTITY:
		md_add_entity(m, t, n);
		break;
	case MD_TEXT_CODE:
	case MD_TEXT_HTML:
		if (m->code)
			md_add_code(m, t, n);
		else
			md_add(m, t, n);
		break;
	default:
		md_add(m, t, n);
		break;
	}
	return 0;
}

/*
 * Parse sanitised text into raw blocks, each handed to the rules (pc) as
 * soon as it ends, so no list of raw blocks is ever held. Returns -1 if
 * md4c fails.
 */
static int
md_blocks(const char *s, size_t len, int flags, struct pagectx *pc)
{
	MD_PARSER p;
	struct md m;
	int rc;

	memset(&m, 0, sizeof m);
	m.src = s;
	m.srclen = len;
	m.flags = flags;
	m.pc = pc;
	memset(&p, 0, sizeof p);
	p.flags = MD_DIALECT_COMMONMARK | MD_FLAG_NOHTML;
	p.enter_block = md_enter_block;
	p.leave_block = md_leave_block;
	p.enter_span = md_enter_span;
	p.leave_span = md_leave_span;
	p.text = md_text;
	rc = len > 0 ? md_parse(s, (MD_SIZE)len, &p, &m) : 0;
	md_flush(&m);
	while (m.nlinks > 0)
		free(m.links[--m.nlinks].href);
	free(m.links);
	buf_free(&m.cur);
	return rc == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* pass 2: the newspaper conventions                                   */

/* Decoration that may lead a jump line, a byline or a heading. */
static bool
is_mark(uint32_t c)
{
	return is_space(c) || (c >= 0x2190 && c <= 0x21ff) ||
	       (c >= 0x25a0 && c <= 0x25ff) || (c >= 0x2600 && c <= 0x26ff) ||
	       c == '*' || c == '-' || c == '>' || c == 0x00b7 || c == 0x2022 ||
	       c == 0x2014;
}

static bool
is_open_paren(uint32_t c)
{
	return c == '(' || c == '[' || c == 0xff08 || c == 0x3010 ||
	       c == 0x3014 || c == 0xff3b;
}

static bool
is_close_paren(uint32_t c)
{
	return c == ')' || c == ']' || c == 0xff09 || c == 0x3011 ||
	       c == 0x3015 || c == 0xff3d;
}

/* Punctuation that ends a sentence or a quotation: no column break after. */
static bool
is_closing(uint32_t c)
{
	static const uint32_t set[] = {0x3002, 0xff01, 0xff1f, 0x2026, 0x201d,
	                               0x2019, 0xff09, 0x300d, 0x300f, 0x3011,
	                               0x300b, 0x3009, 0xff1a, 0xff1b, 0xff0e,
	                               '.',    '!',    '?',    ':',    ';',
	                               ')',    '"',    '\'',   0xff02, 0xff07};
	size_t i;

	for (i = 0; i < sizeof set / sizeof set[0]; i++)
		if (set[i] == c)
			return true;
	return false;
}

static bool
has_sentence_punct(const char *s, size_t len)
{
	static const uint32_t set[] = {0x3002, 0xff0c, 0x3001, 0xff1b, 0xff1a,
	                               0xff1f, 0xff01, ',',    '.',    ';',
	                               ':',    '?',    '!'};
	size_t k, i;
	uint32_t c;

	while (len > 0) {
		k = text_next(s, len, &c);
		for (i = 0; i < sizeof set / sizeof set[0]; i++)
			if (set[i] == c)
				return true;
		s += k;
		len -= k;
	}
	return false;
}

static void
skip_marks(const char **s, size_t *len)
{
	uint32_t c;
	size_t k;

	while (*len > 0) {
		k = text_next(*s, *len, &c);
		if (!is_mark(c))
			break;
		*s += k;
		*len -= k;
	}
}

/* Case-insensitive ASCII prefix; returns bytes matched or 0. */
static size_t
ci_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p), i;

	if (len < n)
		return 0;
	for (i = 0; i < n; i++) {
		char a = s[i], b = p[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return n;
}

/*
 * A page reference: optional 第, optional sign, optional letter (A3),
 * digits or Chinese numerals. Returns bytes used (0 if none); *page is
 * 1..LOAD_MAX_PAGE or 0 when out of range.
 */
static size_t
read_page_ref(const char *s, size_t len, int *page)
{
	size_t used = 0, k;
	bool neg = false;
	long v = 0;

	if (has_prefix(s, len, "第"))
		used += 3;
	while (used < len && s[used] == ' ')
		used++;
	if (used < len && (s[used] == '-' || s[used] == '+')) {
		neg = s[used] == '-';
		used++;
	} else if (has_prefix(s + used, len - used, "−")) {
		neg = true;
		used += 3;
	}
	if (used + 1 < len &&
	    ((s[used] >= 'A' && s[used] <= 'Z') ||
	     (s[used] >= 'a' && s[used] <= 'z')) &&
	    digit_value((unsigned char)s[used + 1]) >= 0)
		used++;
	k = read_digits(s + used, len - used, &v, NULL);
	if (k == 0)
		k = read_cjk_number(s + used, len - used, &v);
	if (k == 0)
		return 0;
	*page = page_or_zero(v, neg);
	return used + k;
}

/*
 * A jump line (the whole paragraph): 下转第2版, ▲▲ 上接第1版, 转第3版,
 * (下转第N版), continued on page N, continued from page N.
 */
static bool
jump_parse(const char *s, size_t len, int *page, int *dir)
{
	size_t k;
	uint32_t c;

	trim(&s, &len);
	if (len == 0 || cp_more(s, len, 40))
		return false;
	skip_marks(&s, &len);
	while (len > 0 && is_open_paren(first_cp(s, len))) {
		k = text_next(s, len, &c);
		s += k;
		len -= k;
		trim(&s, &len);
	}
	while (len > 0 && (is_close_paren(c = last_cp(s, len)) || c == 0x3002 ||
	                   c == '.' || is_space(c)))
		len -= text_prev(s, len, &c);
	if (has_prefix(s, len, "下转")) {
		*dir = 1;
		k = 6;
	} else if (has_prefix(s, len, "上接")) {
		*dir = -1;
		k = 6;
	} else if (has_prefix(s, len, "转")) {
		*dir = 1;
		k = 3;
	} else if (has_prefix(s, len, "接")) {
		*dir = -1;
		k = 3;
	} else if ((k = ci_prefix(s, len, "continued on page")) > 0)
		*dir = 1;
	else if ((k = ci_prefix(s, len, "continued from page")) > 0)
		*dir = -1;
	else
		return false;
	s += k;
	len -= k;
	while (len > 0 && s[0] == ' ')
		s++, len--;
	if ((k = read_page_ref(s, len, page)) == 0)
		return false;
	s += k;
	len -= k;
	while (len > 0 && s[0] == ' ')
		s++, len--;
	if (*dir != 0 && (has_prefix(s, len, "版") || has_prefix(s, len, "面")))
		s += 3, len -= 3;
	trim(&s, &len);
	return len == 0;
}

/* A byline: ▶ 本报记者 李争粉, 记者 X, 本报通讯员 X, 文/X. */
static bool
is_byline(const char *s, size_t len)
{
	static const char *const lead[] = {
	    "本报记者", "本报特约记者", "本报见习记者", "本报通讯员",
	    "特约记者", "见习记者",     "记者",         "通讯员",
	    "文/",      "文／",         "撰文",         "特约撰稿",
	    "撰稿",     "作者",         "本报评论员",   "评论员"};
	size_t i;

	if (cp_more(s, len, 40) || contains(s, len, "。") ||
	    contains(s, len, "\n"))
		return false;
	/* ▶ before a short line at an article's start marks a byline. */
	if (has_prefix(s, len, "▶") || has_prefix(s, len, "►"))
		return true;
	skip_marks(&s, &len);
	for (i = 0; i < sizeof lead / sizeof lead[0]; i++)
		if (has_prefix(s, len, lead[i]))
			return true;
	return false;
}

/* A photo credit: 新华社发, (庄歌尔/摄), 新华社记者 X 摄, X 供图, 资料图片. */
static bool
is_credit(const char *s, size_t len)
{
	uint32_t c;

	trim(&s, &len);
	if (len == 0 || cp_more(s, len, 40) || contains(s, len, "。"))
		return false;
	if (has_prefix(s, len, "新华社发") || has_prefix(s, len, "资料图片") ||
	    has_prefix(s, len, "图片来源") || has_suffix(s, len, "供图") ||
	    has_suffix(s, len, "资料图片"))
		return true;
	while (len > 0 && (is_close_paren(c = last_cp(s, len)) || is_space(c)))
		len -= text_prev(s, len, &c);
	if (!has_suffix(s, len, "摄"))
		return false;
	/* "…拍摄" is a verb, not a credit. */
	return !has_suffix(s, len, "拍摄");
}

static bool
is_latin_line(const char *s, size_t len)
{
	size_t k;
	uint32_t c;
	bool letter = false;

	if (cp_more(s, len, 100) || contains(s, len, "\n"))
		return false;
	while (len > 0) {
		k = text_next(s, len, &c);
		if (text_is_cjk(c))
			return false;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
			letter = true;
		s += k;
		len -= k;
	}
	return letter;
}

static bool
is_contents_heading(const char *s, size_t len)
{
	static const char *const names[] = {"本期导读", "导读",     "目录",
	                                    "本期目录", "要目",     "本期要目",
	                                    "今日导读", "今日要目", "本期看点"};
	size_t i;
	uint32_t c;

	skip_marks(&s, &len);
	while (len > 0 && is_open_paren(first_cp(s, len))) {
		size_t k = text_next(s, len, &c);

		s += k;
		len -= k;
	}
	trim(&s, &len);
	while (len > 0 && (is_close_paren(c = last_cp(s, len)) || is_mark(c)))
		len -= text_prev(s, len, &c);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (len == strlen(names[i]) && memcmp(s, names[i], len) == 0)
			return true;
	return (ci_prefix(s, len, "contents") == len && len == 8) ||
	       (ci_prefix(s, len, "in this issue") == len && len == 13);
}

/* A page heading rather than a masthead: 第2版 要闻, A3版. */
static bool
is_page_heading(const char *s, size_t len)
{
	int page;
	size_t k;

	if ((k = read_page_ref(s, len, &page)) == 0)
		return false;
	while (k < len && s[k] == ' ')
		k++;
	return has_prefix(s + k, len - k, "版");
}

/* Find 2025年11月17日 in s: its offset and length, and the ISO form. */
static bool
find_date(const char *s, size_t len, size_t *off, size_t *dlen, char iso[11])
{
	size_t i, k, p;
	long y, mo, d;
	int nd;

	for (i = 0; i < len; i++) {
		if (i > 0 && digit_value((unsigned char)s[i - 1]) >= 0)
			continue;
		p = i;
		if ((k = read_digits(s + p, len - p, &y, &nd)) == 0 || nd != 4)
			continue;
		p += k;
		if (!has_prefix(s + p, len - p, "年"))
			continue;
		p += 3;
		if ((k = read_digits(s + p, len - p, &mo, &nd)) == 0 || nd > 2)
			continue;
		p += k;
		if (!has_prefix(s + p, len - p, "月"))
			continue;
		p += 3;
		if ((k = read_digits(s + p, len - p, &d, &nd)) == 0 || nd > 2)
			continue;
		p += k;
		if (!has_prefix(s + p, len - p, "日"))
			continue;
		p += 3;
		if (y < 1800 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
		    d > 31)
			continue;
		snprintf(iso, 11, "%04d-%02d-%02d", (int)y % 10000,
		         (int)mo % 100, (int)d % 100);
		*off = i;
		*dlen = p - i;
		return true;
	}
	return false;
}

/* The number after prefix and before suffix (第42期): 0 if none. */
static int
find_number(const char *s, size_t len, const char *prefix, const char *suffix,
            const char *not_after, size_t *where)
{
	size_t i, n = strlen(prefix), k, na;
	long v;

	na = not_after ? strlen(not_after) : 0;
	for (i = 0; i + n <= len; i++) {
		if (memcmp(s + i, prefix, n) != 0)
			continue;
		if (na > 0 && i >= na && memcmp(s + i - na, not_after, na) == 0)
			continue;
		k = read_digits(s + i + n, len - i - n, &v, NULL);
		if (k == 0 ||
		    !has_prefix(s + i + n + k, len - i - n - k, suffix))
			continue;
		if (where != NULL)
			*where = i;
		return v > 0 && v < 1000000000L ? (int)v : 0;
	}
	return 0;
}

/* Recognise a publication line and fill the issue's fields from it. */
static bool
publine_parse(struct issue *is, const char *s, size_t len)
{
	static const char *const cut[] = {"国内统一连续出版物号",
	                                  "国内统一刊号",
	                                  "CN ",
	                                  "CN",
	                                  "邮发代号",
	                                  "ISSN"};
	static const char *const days[] = {"一", "二", "三", "四",
	                                   "五", "六", "日", "天"};
	char iso[11];
	size_t off = 0, dlen = 0, i, k, first = len, w;
	bool date;
	int number, running, pages;
	const char *wd = NULL;

	if (len == 0 || cp_more(s, len, 200) || contains(s, len, "。") ||
	    contains(s, len, "\n"))
		return false;
	date = find_date(s, len, &off, &dlen, iso);
	w = len;
	number = find_number(s, len, "第", "期", "总", &w);
	if (number > 0 && w < first)
		first = w;
	running = find_number(s, len, "总第", "期", NULL, &w);
	if (running > 0 && w < first)
		first = w;
	pages = find_number(s, len, "今日", "版", NULL, &w);
	if (pages == 0)
		pages = find_number(s, len, "本期", "版", NULL, &w);
	if (pages == 0)
		pages = find_number(s, len, "共", "版", NULL, &w);
	if (pages > 0 && w < first)
		first = w;
	for (i = 0; wd == NULL && i + 9 <= len; i++) {
		if (memcmp(s + i, "星期", 6) != 0)
			continue;
		for (k = 0; k < sizeof days / sizeof days[0]; k++)
			if (memcmp(s + i + 6, days[k], 3) == 0) {
				wd = s + i;
				if (i < first)
					first = i;
				break;
			}
	}
	if (!date && number == 0 && running == 0 && pages == 0 && wd == NULL)
		return false;
	if (date && off < first)
		first = off;
	is->publine = xstrndup(s, len);
	if (date) {
		is->date = xstrdup(iso);
		is->date_text = xstrndup(s + off, dlen);
	}
	if (wd != NULL)
		is->weekday = xstrndup(wd, 9);
	is->number = number;
	is->running = running;
	is->page_count = pages;
	/* The publisher: what precedes the date, without the registration
	 * numbers (those stay in publine). */
	k = first;
	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		const char *p;
		size_t pl = strlen(cut[i]), j;

		for (j = 0; j + pl <= k; j++) {
			p = s + j;
			if (memcmp(p, cut[i], pl) == 0) {
				k = j;
				break;
			}
		}
	}
	{
		const char *ps = s;
		size_t pl = k;

		trim(&ps, &pl);
		if (pl == 0) {
			ps = s;
			pl = first;
			trim(&ps, &pl);
		}
		if (pl > 0)
			is->publisher = xstrndup(ps, pl);
	}
	return true;
}

/* ---- building the page ---- */

static struct block *
add_block(struct block **arr, size_t *n, enum block_kind kind, char *text,
          size_t len, int line)
{
	struct block *b;

	*arr = grow(*arr, *n, sizeof **arr);
	b = &(*arr)[(*n)++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = text;
	b->len = len;
	b->line = line;
	return b;
}

static struct article *
cur_article(struct pagectx *pc)
{
	return pc->cur ? &pc->pg->articles[pc->cur - 1] : NULL;
}

static size_t
add_item(struct pagectx *pc, enum block_kind kind, char *text, size_t len,
         int line)
{
	struct block *b;

	b = add_block(&pc->pg->items, &pc->pg->nitems, kind, text, len, line);
	b->after = pc->pg->narticles;
	return pc->pg->nitems;
}

/* The signature of a short news item: "… 发展。 姚文" → "姚文". */
static void
split_signature(struct article *a)
{
	struct block *b = &a->blocks[a->nblocks - 1];
	const char *s = b->text;
	size_t len = b->len, end = b->len, k, n = 0, start;
	uint32_t c;

	/* The last 2..4 characters must be ideographs. */
	while (end > 0) {
		k = text_prev(s, end, &c);
		if (!is_ideograph(c))
			break;
		end -= k;
		n++;
	}
	if (n < 2 || n > 4)
		return;
	start = end;
	if (end == 0) {
		/* A paragraph that is only the name. */
		if (a->nblocks > 1)
			b->kind = BLOCK_SIGNATURE;
		return;
	}
	k = text_prev(s, end, &c);
	if (!is_space(c))
		return;
	end -= k;
	while (end > 0 && (k = text_prev(s, end, &c)) && is_space(c))
		end -= k;
	if (end == 0 || !is_closing(c))
		return;
	{
		char *name = xstrndup(s + start, len - start);
		size_t nl = len - start;
		int line = b->line;

		b->text[end] = '\0';
		b->len = end;
		add_block(&a->blocks, &a->nblocks, BLOCK_SIGNATURE, name, nl,
		          line);
	}
}

static void
close_article(struct pagectx *pc)
{
	struct article *a = cur_article(pc);
	const char *s;
	size_t i, len;

	pc->cur = 0;
	pc->joinable = false;
	if (a == NULL)
		return;
	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].kind == BLOCK_PARAGRAPH)
			break;
	if (i == a->nblocks)
		return;
	s = a->blocks[i].text;
	len = a->blocks[i].len;
	/* 本报讯, also written 【本报讯】 */
	while (len > 0 && is_open_paren(first_cp(s, len))) {
		uint32_t c;
		size_t k = text_next(s, len, &c);

		s += k;
		len -= k;
	}
	a->short_news = has_prefix(s, len, "本报讯");
	if (a->short_news && a->blocks[a->nblocks - 1].kind == BLOCK_PARAGRAPH)
		split_signature(a);
}

static void
start_article(struct pagectx *pc, char *headline, size_t len, int line)
{
	struct page *pg = pc->pg;
	struct article *a;

	close_article(pc);
	pg->articles = grow(pg->articles, pg->narticles, sizeof *pg->articles);
	a = &pg->articles[pg->narticles++];
	memset(a, 0, sizeof *a);
	a->headline = headline;
	a->headline_len = len;
	a->line = line;
	pc->cur = pg->narticles;
}

/* "竞逐太空计算赛道，中国抢先“落子” 03版" → title, page 3, label "03版". */
static void
add_contents_entry(struct pagectx *pc, struct rawblock *rb)
{
	struct page *pg = pc->pg;
	struct contents_entry *e;
	const char *s = rb->text, *ts;
	size_t len = rb->len, i, tl, k;
	uint32_t c;
	int page = 0;

	pg->contents = grow(pg->contents, pg->ncontents, sizeof *pg->contents);
	e = &pg->contents[pg->ncontents++];
	memset(e, 0, sizeof *e);
	e->line = rb->line;
	e->title = rb->text;
	rb->text = NULL;
	if (!has_suffix(s, len, "版"))
		return;
	/* Walk back from 版 over the digits, a letter (A3) and 第. */
	i = len - 3;
	k = i;
	while (k > 0 && digit_value(last_cp(s, k)) >= 0)
		k -= text_prev(s, k, &c);
	if (k == i)
		return;
	if (k > 0 && s[k - 1] >= 'A' && s[k - 1] <= 'Z')
		k--;
	if (k > 0 && (s[k - 1] == '-' || s[k - 1] == '+'))
		k--;
	else if (has_suffix(s, k, "−"))
		k -= strlen("−");
	if (k >= 3 && has_suffix(s, k, "第"))
		k -= 3;
	if (read_page_ref(s + k, i - k, &page) == 0)
		return;
	ts = s;
	tl = k;
	trim(&ts, &tl);
	/* Leader dots go with the label, not with the title. */
	while (tl > 0) {
		c = last_cp(ts, tl);
		if (c != 0x2026 && c != 0x00b7 && c != '.' && c != 0x22ef &&
		    c != '_' && c != 0xff0e)
			break;
		tl -= text_prev(ts, tl, &c);
	}
	trim(&ts, &tl);
	if (tl == 0)
		return;
	k = (size_t)(ts + tl - s);
	e->page_label = dup_trimmed(s + k, len - k, NULL);
	e->title = xstrndup(ts, tl);
	e->page = page;
	free((char *)s);
}

/* Paragraphs long enough that a missing full stop means a column break. */
#define JOIN_MIN_CHARS 24

static void
add_paragraph(struct pagectx *pc, struct rawblock *rb)
{
	struct article *a = cur_article(pc);
	struct block *last;
	size_t i, k, cl;
	int page, dir;
	uint32_t c, p;

	if (a == NULL) {
		if (contains(rb->text, rb->len, "图为")) {
			pc->loose = add_item(pc, BLOCK_CAPTION, rb->text,
			                     rb->len, rb->line);
		} else
			pc->loose = add_item(pc, BLOCK_PARAGRAPH, rb->text,
			                     rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	last = a->nblocks ? &a->blocks[a->nblocks - 1] : NULL;
	if ((pc->ld->flags & LOAD_JOIN_COLUMNS) && pc->joinable && last &&
	    last->kind == BLOCK_PARAGRAPH &&
	    !contains(rb->text, rb->len, "\n") &&
	    cp_more(last->text, last->len, JOIN_MIN_CHARS - 1) &&
	    !is_closing(p = last_cp(last->text, last->len))) {
		/* A PDF column break: one paragraph again. */
		struct buf b = {0};

		c = first_cp(rb->text, rb->len);
		buf_add(&b, last->text, last->len);
		if (text_join_needs_space(p, c))
			buf_addc(&b, ' ');
		buf_add(&b, rb->text, rb->len);
		free(last->text);
		b.s = xrealloc(b.s, b.len + 1); /* no slack kept in the model */
		last->text = buf_take(&b, &last->len);
		pc->joinable = true;
		return;
	}
	/* "…能力。(下转第2版)": a jump at the end of the paragraph. */
	if (rb->len > 0 && is_close_paren(last_cp(rb->text, rb->len))) {
		for (i = rb->len, cl = 0; i > 0 && cl < 20; cl++) {
			k = text_prev(rb->text, i, &c);
			i -= k;
			if (is_open_paren(c))
				break;
		}
		if (i > 0 && is_open_paren(c) &&
		    jump_parse(rb->text + i, rb->len - i, &page, &dir) &&
		    dir > 0) {
			char *j = dup_trimmed(rb->text + i, rb->len - i, &cl);
			struct block *jb;
			size_t pl = i;
			const char *ps = rb->text;

			trim(&ps, &pl);
			rb->text[pl] = '\0';
			add_block(&a->blocks, &a->nblocks, BLOCK_PARAGRAPH,
			          rb->text, pl, rb->line);
			rb->text = NULL;
			jb = add_block(&a->blocks, &a->nblocks, BLOCK_JUMP, j,
			               cl, rb->line);
			jb->jump_page = page;
			jb->jump_dir = dir;
			if (a->jump_to == 0)
				a->jump_to = page;
			close_article(pc);
			return;
		}
	}
	add_block(&a->blocks, &a->nblocks, BLOCK_PARAGRAPH, rb->text, rb->len,
	          rb->line);
	rb->text = NULL;
	pc->joinable = true;
}

static void
rule_para(struct pagectx *pc, struct rawblock *rb)
{
	struct loader *ld = pc->ld;
	struct issue *is = ld->is;
	struct article *a;
	struct block *b;
	size_t i, loose = pc->loose;
	int page = 0, dir = 0;
	bool joinable = pc->joinable;

	pc->loose = 0;
	pc->joinable = false;
	pc->in_contents = false;
	if (pc->masthead_open && pc->pg->narticles == 0) {
		if (is->title_en == NULL && is_latin_line(rb->text, rb->len)) {
			is->title_en = rb->text;
			rb->text = NULL;
			return;
		}
	}
	pc->masthead_open = false;
	if (pc->pg->narticles == 0 && is->publine == NULL &&
	    publine_parse(is, rb->text, rb->len))
		return;
	a = cur_article(pc);
	if (rb->quote) {
		if (a != NULL)
			add_block(&a->blocks, &a->nblocks, BLOCK_QUOTE,
			          rb->text, rb->len, rb->line);
		else
			add_item(pc, BLOCK_QUOTE, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	if (jump_parse(rb->text, rb->len, &page, &dir)) {
		if (a == NULL) {
			i = add_item(pc, BLOCK_JUMP, rb->text, rb->len,
			             rb->line);
			b = &pc->pg->items[i - 1];
		} else
			b = add_block(&a->blocks, &a->nblocks, BLOCK_JUMP,
			              rb->text, rb->len, rb->line);
		rb->text = NULL;
		b->jump_page = page;
		b->jump_dir = dir;
		if (a != NULL && dir > 0) {
			if (a->jump_to == 0)
				a->jump_to = page;
			close_article(pc); /* the rest is on page N */
		} else if (a != NULL && a->jump_from == 0)
			a->jump_from = page;
		return;
	}
	if (is_credit(rb->text, rb->len)) {
		/* "…图为…" just before a credit inside an article is the
		 * photo's caption, not the article's text: move it out. */
		if (a != NULL && joinable && a->nblocks > 1 &&
		    a->blocks[a->nblocks - 1].kind == BLOCK_PARAGRAPH &&
		    contains(a->blocks[a->nblocks - 1].text,
		             a->blocks[a->nblocks - 1].len, "图为")) {
			b = &a->blocks[--a->nblocks];
			add_item(pc, BLOCK_CAPTION, b->text, b->len, b->line);
		}
		add_item(pc, BLOCK_CREDIT, rb->text, rb->len, rb->line);
		rb->text = NULL;
		/* The loose paragraph just before a credit is its caption. */
		if (loose > 0 &&
		    pc->pg->items[loose - 1].kind == BLOCK_PARAGRAPH)
			pc->pg->items[loose - 1].kind = BLOCK_CAPTION;
		return;
	}
	if (a != NULL) {
		for (i = 0; i < a->nblocks; i++)
			if (a->blocks[i].kind != BLOCK_BYLINE &&
			    a->blocks[i].kind != BLOCK_JUMP)
				break;
		if (i == a->nblocks && is_byline(rb->text, rb->len)) {
			add_block(&a->blocks, &a->nblocks, BLOCK_BYLINE,
			          rb->text, rb->len, rb->line);
			rb->text = NULL;
			return;
		}
		/* A paragraph set all in bold: a subhead in disguise. */
		if (rb->strong && !cp_more(rb->text, rb->len, 40) &&
		    !contains(rb->text, rb->len, "。")) {
			add_block(&a->blocks, &a->nblocks, BLOCK_SUBHEAD,
			          rb->text, rb->len, rb->line);
			rb->text = NULL;
			return;
		}
	}
	pc->joinable = joinable;
	add_paragraph(pc, rb);
}

static void
rule_block(struct pagectx *pc, struct rawblock *rb)
{
	struct loader *ld = pc->ld;
	struct page *pg = pc->pg;
	struct article *a;

	if (rb->kind == RB_PARA) {
		rule_para(pc, rb);
		return;
	}
	pc->loose = 0;
	pc->joinable = false;
	if (rb->kind == RB_ITEM) {
		pc->masthead_open = false;
		if (pc->in_contents) {
			add_contents_entry(pc, rb);
			return;
		}
		if ((a = cur_article(pc)) != NULL)
			add_block(&a->blocks, &a->nblocks, BLOCK_LIST_ITEM,
			          rb->text, rb->len, rb->line);
		else
			add_item(pc, BLOCK_LIST_ITEM, rb->text, rb->len,
			         rb->line);
		rb->text = NULL;
		return;
	}
	/* a heading */
	pc->in_contents = false;
	if (rb->level == 1 && pg->narticles == 0) {
		pc->masthead_open = false;
		if (!ld->masthead && !is_page_heading(rb->text, rb->len)) {
			ld->masthead = true;
			pc->masthead_open = true;
			free(ld->is->title);
			ld->is->title = rb->text;
			rb->text = NULL;
			return;
		}
		if (pg->title == NULL) {
			pg->title = rb->text;
			rb->text = NULL;
			return;
		}
	}
	pc->masthead_open = false;
	if (rb->level <= 2) {
		start_article(pc, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	if (pg->contents_title == NULL &&
	    is_contents_heading(rb->text, rb->len)) {
		close_article(pc);
		pg->contents_title = rb->text;
		rb->text = NULL;
		pg->contents_after = pg->narticles;
		pc->in_contents = true;
		pg->contents_line = rb->line;
		return;
	}
	if ((a = cur_article(pc)) != NULL)
		add_block(&a->blocks, &a->nblocks, BLOCK_SUBHEAD, rb->text,
		          rb->len, rb->line);
	else
		add_item(pc, BLOCK_SUBHEAD, rb->text, rb->len, rb->line);
	rb->text = NULL;
}

/* Short lines with no sentence in them after the last article or after
 * the contents box: the paper's furniture (微信公众号, 中国高新网). */
static void
mark_furniture(struct pagectx *pc)
{
	struct page *pg = pc->pg;
	struct block *b;
	size_t i;

	for (i = 0; i < pg->nitems; i++) {
		b = &pg->items[i];
		if (b->kind != BLOCK_PARAGRAPH ||
		    cp_more(b->text, b->len, 20) ||
		    has_sentence_punct(b->text, b->len) ||
		    contains(b->text, b->len, "\n"))
			continue;
		if (b->after == pg->narticles ||
		    (pg->contents_title != NULL &&
		     b->after == pg->contents_after &&
		     b->line > pg->contents_line))
			b->kind = BLOCK_FURNITURE;
	}
}

/*
 * Sanitise, parse and apply the rules to one page's bytes. own, if not
 * NULL, is the buffer holding data: it is freed as soon as the text is
 * sanitised, so the raw file and the blocks are never held together.
 */
static int
build_page(struct loader *ld, struct page *pg, const char *data, size_t len,
           char *own, char **err)
{
	struct pagectx pc;
	char *clean, *safe;
	size_t cl;
	int rc;

	clean = text_sanitize(data, len, 0, &cl);
	free(own);
	memset(&pc, 0, sizeof pc);
	pc.ld = ld;
	pc.pg = pg;
	rc = md_blocks(clean, cl, ld->flags, &pc);
	free(clean);
	if (rc != 0) {
		safe = text_safe(pg->path);
		*err = xasprintf("%s: cannot parse the Markdown", safe);
		free(safe);
	} else {
		close_article(&pc);
		mark_furniture(&pc);
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* files and directories                                               */

static char *errf(const char *path, const char *fmt, ...) HERALD_PRINTF(2, 3);

/* "PATH: reason", with PATH made safe to print. Caller frees. */
static char *
errf(const char *path, const char *fmt, ...)
{
	va_list ap;
	char *safe, *why, *r;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	safe = text_safe(path);
	r = xasprintf("%s: %s", safe, why);
	free(safe);
	free(why);
	return r;
}

static void
set_err(char **err, char *msg)
{
	if (err != NULL)
		*err = msg;
	else
		free(msg);
}

/*
 * Read a whole issue file of at most max bytes. Returns the bytes
 * (NUL-terminated; caller frees) or NULL with *err set.
 */
static char *
read_file(const char *path, size_t max, size_t *outlen, char **err)
{
	struct file_error e;
	char *s = file_read(path, max, outlen, &e);

	if (s != NULL)
		return s;
	switch (e.status) {
	case FILE_NOT_REGULAR:
		*err = errf(path, "%s, not an issue file", file_kind(e.mode));
		break;
	case FILE_TOO_LARGE:
		if (e.size >= 0)
			*err = errf(path,
			            "file too large (%lld bytes; the limit is %zu)",
			            e.size, max);
		else
			*err = errf(path, "file too large (the limit is %zu)",
			            max);
		break;
	default:
		*err = errf(path, "%s", strerror(e.err));
		break;
	}
	return NULL;
}

static struct issue *
issue_new(const char *path)
{
	struct issue *is = xcalloc(1, sizeof *is);

	is->path = xstrdup(path);
	return is;
}

static struct page *
add_page(struct issue *is, int number, const char *path)
{
	struct page *pg;

	is->pages = grow(is->pages, is->npages, sizeof *is->pages);
	pg = &is->pages[is->npages++];
	memset(pg, 0, sizeof *pg);
	pg->number = number;
	pg->path = xstrdup(path);
	return pg;
}

/* own: see build_page; freed here in every case. */
static int
load_page_bytes(struct loader *ld, struct page *pg, const char *data,
                size_t len, char *own, char **err)
{
	if (len > LOAD_MAX_FILE) {
		*err = errf(pg->path,
		            "file too large (%zu bytes; the limit is "
		            "%u)",
		            len, LOAD_MAX_FILE);
		free(own);
		return -1;
	}
	if (text_has_nul(data, len)) {
		*err = errf(pg->path, "binary file (NUL bytes), not an issue");
		free(own);
		return -1;
	}
	return build_page(ld, pg, data, len, own, err);
}

/* Back pointers and indexes, once the arrays no longer move. */
static void
finish_issue(struct issue *is)
{
	size_t i, j;

	for (i = 0; i < is->npages; i++) {
		is->pages[i].issue = is;
		for (j = 0; j < is->pages[i].narticles; j++) {
			is->pages[i].articles[j].page = &is->pages[i];
			is->pages[i].articles[j].index = j;
		}
	}
	issue_resolve(is);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	while (s != NULL && s[1] == '\0' && s > path) {
		/* "dir/" : look before the trailing slash */
		const char *t = s;

		while (t > path && t[-1] != '/')
			t--;
		if (t == s)
			break;
		return t;
	}
	return s ? s + 1 : path;
}

/* The issue's title when neither the masthead nor issue.ini gives one. */
static char *
default_title(const char *path)
{
	const char *b = base_name(path);
	size_t n = strcspn(b, "/");
	char *t, *safe;

	t = xstrndup(b, n);
	safe = text_safe(t);
	free(t);
	return safe;
}

/* load_buffer, with own as in build_page (freed here). */
static struct issue *
load_bytes(const char *name, const char *buf, size_t len, char *own, int flags,
           char **err)
{
	struct loader ld;
	struct issue *is;
	struct page *pg;
	char *e = NULL;

	if (name == NULL)
		name = "(buffer)";
	memset(&ld, 0, sizeof ld);
	ld.is = is = issue_new(name);
	ld.flags = flags;
	pg = add_page(is, 1, name);
	if (load_page_bytes(&ld, pg, buf ? buf : "", buf ? len : 0, own, &e) !=
	    0) {
		set_err(err, e);
		issue_free(is);
		return NULL;
	}
	if (is->title == NULL)
		is->title = default_title(name);
	finish_issue(is);
	return is;
}

struct issue *
load_buffer(const char *name, const char *buf, size_t len, int flags,
            char **err)
{
	return load_bytes(name, buf, len, NULL, flags, err);
}

static struct issue *
load_file(const char *path, int flags, char **err)
{
	char *data, *e = NULL;
	size_t len;

	if ((data = read_file(path, LOAD_MAX_FILE, &len, &e)) == NULL) {
		set_err(err, e);
		return NULL;
	}
	return load_bytes(path, data, len, data, flags, err);
}

struct pagefile {
	int number;
	char *name;
};

static int
pagefile_cmp(const void *a, const void *b)
{
	const struct pagefile *x = a, *y = b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool
page_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL &&
	       (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".txt") == 0 ||
	        strcasecmp(dot, ".markdown") == 0);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir), m = strlen(name), k;
	char *p;

	k = n > 0 && dir[n - 1] == '/' ? 0 : 1;
	p = xmalloc(n + k + m + 1);
	memcpy(p, dir, n);
	p[n] = '/';
	memcpy(p + n + k, name, m + 1);
	return p;
}

/*
 * Entry de of the open directory d is a directory (following symbolic
 * links, as stat does). d_type answers without a system call on most
 * file systems; an entry that cannot be stat'ed is not a directory.
 */
static bool
entry_is_dir(DIR *d, const struct dirent *de)
{
	struct stat st;

#ifdef DT_DIR
	if (de->d_type == DT_DIR)
		return true;
	if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
		return false;
#endif
	return fstatat(dirfd(d), de->d_name, &st, 0) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* A page file's name: .md, .txt or .markdown, a digit before the dot. */
static bool
page_name(const char *name)
{
	const char *p;

	if (name[0] == '.' || !page_ext(name))
		return false;
	for (p = name; *p && (*p < '0' || *p > '9'); p++)
		;
	return *p != '\0' && p < strrchr(name, '.');
}

/*
 * Would scan_pages find anything in dir (or fail)? Stops at the first
 * page file: no stat of the others, no allocation, no sorting. This is
 * what tells an issue from any other subdirectory of a library
 * (library_check), at the cost of one readdir.
 */
static bool
has_pages(const char *dir)
{
	struct dirent *de;
	DIR *d;
	bool found = false;

	if ((d = opendir(dir)) == NULL)
		return true; /* scan_pages fails: load_dir reports it */
	while (!found && (de = readdir(d)) != NULL)
		found = page_name(de->d_name) && !entry_is_dir(d, de);
	closedir(d);
	return found;
}

static void
pagefiles_free(struct pagefile *pf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(pf[i].name);
	free(pf);
}

/*
 * Adds the page file name (page_name, not a directory) of directory dir
 * to *pf: its first run of digits is the page number. -1 with *err when
 * that number is out of range.
 */
static int
pagefile_add(struct pagefile **pf, size_t *n, const char *dir,
             const char *name, char **err)
{
	const char *p;
	char *full;
	long v;
	int nd;

	for (p = name; *p < '0' || *p > '9'; p++)
		;
	read_digits(p, strlen(p), &v, &nd);
	if (v < 1 || v > LOAD_MAX_PAGE) {
		full = join_path(dir, name);
		*err = errf(full, "page number out of range (1..%d)",
		            LOAD_MAX_PAGE);
		free(full);
		return -1;
	}
	*pf = grow(*pf, *n, sizeof **pf);
	(*pf)[*n].number = (int)v;
	(*pf)[*n].name = xstrdup(name);
	(*n)++;
	return 0;
}

/* Sorts the page files of dir by page number; -1 with *err (and pf
 * freed) when two are the same page. */
static int
pagefiles_sort(struct pagefile *pf, size_t n, const char *dir, char **err)
{
	size_t i;

	if (n > 1)
		qsort(pf, n, sizeof *pf, pagefile_cmp);
	for (i = 1; i < n; i++)
		if (pf[i].number == pf[i - 1].number) {
			char *a = text_safe(pf[i - 1].name);
			char *b = text_safe(pf[i].name);

			*err = errf(dir, "%s and %s are both page %d", a, b,
			            pf[i].number);
			free(a);
			free(b);
			pagefiles_free(pf, n);
			return -1;
		}
	return 0;
}

/*
 * The page files of dir, sorted by page number (see pagefile_add; other
 * names are ignored). Returns the count, or -1 with *err (duplicates, bad
 * numbers, opendir).
 */
static long
scan_pages(const char *dir, struct pagefile **out, char **err)
{
	struct pagefile *pf = NULL;
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	*out = NULL;
	if ((d = opendir(dir)) == NULL) {
		*err = errf(dir, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (page_name(de->d_name) && !entry_is_dir(d, de) &&
		    pagefile_add(&pf, &n, dir, de->d_name, err) != 0) {
			closedir(d);
			pagefiles_free(pf, n);
			return -1;
		}
	closedir(d);
	if (pagefiles_sort(pf, n, dir, err) != 0)
		return -1;
	*out = pf;
	return (long)n;
}

static char ini_msg[512];

static int ini_error(const char *fmt, ...) HERALD_PRINTF(1, 2);

/* iniparser's complaints go here, never to the terminal. */
static int
ini_error(const char *fmt, ...)
{
	va_list ap;

	if (ini_msg[0] != '\0')
		return 0; /* keep the first */
	va_start(ap, fmt);
	vsnprintf(ini_msg, sizeof ini_msg, fmt, ap);
	va_end(ap);
	return 0;
}

static char *
ini_value(dictionary *d, const char *key)
{
	const char *v = iniparser_getstring(d, key, NULL);
	size_t n;
	char *s, *t;

	if (v == NULL)
		return NULL;
	s = text_sanitize(v, strlen(v), 0, &n);
	t = dup_trimmed(s, n, NULL);
	free(s);
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* A positive decimal number up to max, else -1. */
static long
ini_number(const char *s, long max)
{
	long v;
	int nd;
	size_t k;

	k = read_digits(s, strlen(s), &v, &nd);
	if (k == 0 || s[k] != '\0' || v < 1 || v > max)
		return -1;
	return v;
}

/* issue.ini's [issue] keys fill what the pages' own text did not give. */
static int
apply_ini(struct issue *is, const char *dir, char **err)
{
	dictionary *d;
	struct stat st;
	char *path, *v, *msg;
	long n;
	int rc = -1;

	path = join_path(dir, "issue.ini");
	if (stat(path, &st) == -1) {
		free(path);
		return 0; /* optional */
	}
	if (!S_ISREG(st.st_mode) || st.st_size > LOAD_MAX_INI) {
		*err = errf(path,
		            S_ISREG(st.st_mode) ? "file too large"
		                                : "%s, not an ini file",
		            file_kind(st.st_mode));
		free(path);
		return -1;
	}
	ini_msg[0] = '\0';
	iniparser_set_error_callback(ini_error);
	d = iniparser_load(path);
	if (d == NULL) {
		msg = text_safe(ini_msg[0] ? ini_msg : "cannot parse");
		*err = errf(path, "%s", msg);
		free(msg);
		free(path);
		return -1;
	}
	if (is->title == NULL)
		is->title = ini_value(d, "issue:title");
	if (is->title_en == NULL)
		is->title_en = ini_value(d, "issue:title_en");
	if ((v = ini_value(d, "issue:date")) != NULL) {
		int y, mo, da;
		char tail;

		if (sscanf(v, "%4d-%2d-%2d%c", &y, &mo, &da, &tail) != 3 ||
		    strlen(v) != 10 || mo < 1 || mo > 12 || da < 1 || da > 31) {
			*err = errf(path, "date: not YYYY-MM-DD: %s", v);
			free(v);
			goto out;
		}
		if (is->date == NULL)
			is->date = v;
		else
			free(v);
	}
	if ((v = ini_value(d, "issue:number")) != NULL) {
		if ((n = ini_number(v, 1000000000L - 1)) < 0) {
			*err =
			    errf(path, "number: not a positive number: %s", v);
			free(v);
			goto out;
		}
		if (is->number == 0)
			is->number = (int)n;
		free(v);
	}
	if ((v = ini_value(d, "issue:pages")) != NULL) {
		if ((n = ini_number(v, LOAD_MAX_PAGE)) < 0) {
			*err = errf(path, "pages: not a page count (1..%d): %s",
			            LOAD_MAX_PAGE, v);
			free(v);
			goto out;
		}
		if (is->page_count == 0)
			is->page_count = (int)n;
		free(v);
	}
	rc = 0;
out:
	iniparser_freedict(d);
	free(path);
	return rc;
}

/*
 * The issue in dir from its page files pf (sorted, n of them; freed
 * here): the first page parsed, the others too unless LOAD_LAZY.
 */
static struct issue *
load_pages(const char *dir, struct pagefile *pf, size_t n, int flags,
           char **err)
{
	struct loader ld;
	struct issue *is;
	struct page *pg;
	char *path, *data, *e = NULL;
	size_t len, i;

	if (n == 0) {
		set_err(err, errf(dir, "no issue pages found"));
		return NULL;
	}
	memset(&ld, 0, sizeof ld);
	ld.is = is = issue_new(dir);
	ld.flags = flags & ~LOAD_LAZY;
	is->load_flags = ld.flags;
	for (i = 0; i < n; i++) {
		path = join_path(dir, pf[i].name);
		if (i > 0 && (flags & LOAD_LAZY)) {
			/* Listed now, parsed by issue_load_pages(). */
			add_page(is, pf[i].number, path)->pending = true;
			is->npending++;
			free(path);
			continue;
		}
		data = read_file(path, LOAD_MAX_FILE, &len, &e);
		if (data == NULL) {
			free(path);
			goto fail;
		}
		pg = add_page(is, pf[i].number, path);
		free(path);
		if (load_page_bytes(&ld, pg, data, len, data, &e) != 0)
			goto fail;
	}
	is->masthead_seen = ld.masthead;
	if (apply_ini(is, dir, &e) != 0)
		goto fail;
	if (is->title == NULL)
		is->title = default_title(dir);
	pagefiles_free(pf, n);
	finish_issue(is);
	return is;
fail:
	set_err(err, e);
	pagefiles_free(pf, n);
	issue_free(is);
	return NULL;
}

static struct issue *
load_dir(const char *dir, int flags, char **err)
{
	struct pagefile *pf;
	char *e = NULL;
	long n;

	if ((n = scan_pages(dir, &pf, &e)) < 0) {
		set_err(err, e);
		return NULL;
	}
	return load_pages(dir, pf, (size_t)n, flags, err);
}

int
issue_load_pages(struct issue *is, char **err)
{
	struct loader ld;
	char *data, *e = NULL, *first = NULL;
	size_t i, len;

	if (is == NULL || is->npending == 0)
		return 0;
	memset(&ld, 0, sizeof ld);
	ld.is = is;
	ld.flags = is->load_flags;
	ld.masthead = is->masthead_seen;
	for (i = 0; i < is->npages; i++) {
		struct page *pg = &is->pages[i];

		if (!pg->pending)
			continue;
		pg->pending = false;
		is->npending--;
		data = read_file(pg->path, LOAD_MAX_FILE, &len, &e);
		if (data == NULL ||
		    load_page_bytes(&ld, pg, data, len, data, &e) != 0) {
			/* This page stays empty; the first message is kept. */
			if (first == NULL)
				first = e;
			else
				free(e);
			e = NULL;
		}
	}
	is->masthead_seen = ld.masthead;
	finish_issue(is);
	if (first != NULL) {
		set_err(err, first);
		return -1;
	}
	return 0;
}

struct issue *
load_issue(const char *path, int flags, char **err)
{
	struct stat st;

	if (path == NULL || *path == '\0') {
		set_err(err,
		        xstrdup("(empty path): no such file or directory"));
		return NULL;
	}
	if (stat(path, &st) == -1) {
		set_err(err, errf(path, "%s", strerror(errno)));
		return NULL;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(path, flags, err);
	return load_file(path, flags, err);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct library_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static struct library *
library_single(const char *path, struct issue *is)
{
	struct library *lib = xcalloc(1, sizeof *lib);

	lib->path = xstrdup(path);
	lib->single = true;
	lib->n = 1;
	lib->entries = xcalloc(1, sizeof *lib->entries);
	lib->names = default_title(path);
	lib->entries[0].name = lib->names;
	lib->entries[0].path = xstrdup(path);
	lib->entries[0].issue = is;
	return lib;
}

/* Library entries not yet handed to a struct library (names are in a
 * block of their own). */
static void
entries_free(struct library_entry *en, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(en[i].path);
	free(en);
}

struct library *
load_open(const char *path, int flags, char **err)
{
	struct library *lib;
	struct library_entry *en = NULL;
	struct pagefile *pf = NULL;
	struct buf names = {0};
	size_t *offs = NULL, i, npf = 0;
	char *e = NULL;
	struct dirent *de;
	struct stat st;
	struct issue *is;
	size_t n = 0;
	DIR *d;

	if (path == NULL || *path == '\0') {
		set_err(err,
		        xstrdup("(empty path): no such file or directory"));
		return NULL;
	}
	if (stat(path, &st) == -1) {
		set_err(err, errf(path, "%s", strerror(errno)));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		if ((is = load_file(path, flags, err)) == NULL)
			return NULL;
		return library_single(path, is);
	}
	if ((d = opendir(path)) == NULL) {
		set_err(err, errf(path, "%s", strerror(errno)));
		return NULL;
	}
	/*
	 * One readdir tells an issue directory (page files, listed in the
	 * same pass) from a library (subdirectories holding page files, not
	 * parsed yet and not even listed: library_issue does that), so the
	 * first screen of a thousand issues costs one read of the library,
	 * not a scan of each.
	 */
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (!entry_is_dir(d, de)) {
			if (page_name(de->d_name) &&
			    pagefile_add(&pf, &npf, path, de->d_name, &e) != 0)
				break;
			continue;
		}
		if (npf > 0)
			continue; /* an issue's subdirectory */
		/* checked later: newest first below, the rest in
		 * library_check (at once without LOAD_LAZY) */
		en = grow(en, n, sizeof *en);
		offs = grow(offs, n, sizeof *offs);
		/* one block for all the names, not a malloc each */
		offs[n] = names.len;
		buf_add(&names, de->d_name, strlen(de->d_name) + 1);
		en[n].path = NULL; /* joined when needed */
		en[n].issue = NULL;
		en[n].pages = NULL;
		en[n].npages = 0;
		en[n].unchecked = true;
		n++;
	}
	closedir(d);
	if (e != NULL || npf > 0) {
		/* an issue directory */
		entries_free(en, n);
		free(offs);
		buf_free(&names);
		if (e != NULL)
			pagefiles_free(pf, npf);
		if (e != NULL || pagefiles_sort(pf, npf, path, &e) != 0) {
			set_err(err, e);
			return NULL;
		}
		if ((is = load_pages(path, pf, npf, flags, err)) == NULL)
			return NULL;
		return library_single(path, is);
	}
	for (i = 0; i < n; i++)
		en[i].name = names.s + offs[i];
	free(offs);
	/*
	 * The newest entry that holds pages goes last: the first one a reader
	 * opens is known to be an issue, and its page list is kept for
	 * library_issue. Found by a linear scan: sorting a thousand names
	 * waits for library_check, after the first screen.
	 */
	while (n > 0) {
		struct library_entry t;
		size_t m = 0;
		long np;

		for (i = 1; i < n; i++)
			if (entry_cmp(&en[i], &en[m]) > 0)
				m = i;
		t = en[m];
		en[m] = en[n - 1];
		en[n - 1] = t;
		en[n - 1].path = join_path(path, en[n - 1].name);
		if ((np = scan_pages(en[n - 1].path, &pf, &e)) != 0) {
			/* an issue; one that fails says so when opened */
			if (np < 0)
				free(e);
			else {
				en[n - 1].pages = pf;
				en[n - 1].npages = (size_t)np;
			}
			break;
		}
		n--;
		free(en[n].path);
	}
	if (n == 0) {
		free(en);
		buf_free(&names);
		set_err(err, errf(path, "no issue pages found"));
		return NULL;
	}
	en[n - 1].unchecked = false;
	lib = xcalloc(1, sizeof *lib);
	lib->names = buf_take(&names, NULL);
	lib->path = xstrdup(path);
	lib->entries = en;
	lib->n = n;
	lib->unsorted = true;
	if (!(flags & LOAD_LAZY))
		library_check(lib, 0);
	return lib;
}

/* The entry's directory (joined on first use: most are never opened). */
static const char *
entry_path(const struct library *lib, struct library_entry *e)
{
	if (e->path == NULL)
		e->path = join_path(lib->path, e->name);
	return e->path;
}

size_t
library_check(struct library *lib, size_t keep)
{
	size_t i, n = 0, kept = keep;

	if (lib == NULL)
		return keep;
	if (lib->unsorted) {
		const char *kname = keep < lib->n ? lib->entries[keep].name :
		                                    NULL;

		if (lib->n > 1)
			qsort(lib->entries, lib->n, sizeof *lib->entries,
			      entry_cmp);
		for (i = 0; i < lib->n; i++)
			if (lib->entries[i].name == kname)
				keep = kept = i;
		lib->unsorted = false;
	}
	for (i = 0; i < lib->n; i++) {
		struct library_entry *e = &lib->entries[i];

		if (e->unchecked && !has_pages(entry_path(lib, e))) {
			free(e->path);
			continue;
		}
		e->unchecked = false;
		if (i == keep)
			kept = n;
		lib->entries[n++] = *e;
	}
	lib->n = n;
	return kept;
}

struct issue *
library_issue(struct library *lib, size_t i, int flags, char **err)
{
	struct library_entry *e;

	if (lib == NULL || i >= lib->n) {
		if (lib == NULL)
			set_err(err, xstrdup("(no library): no such issue"));
		else
			set_err(err, errf(lib->path,
			                  "no issue number %zu "
			                  "(the library has %zu)",
			                  i, lib->n));
		return NULL;
	}
	e = &lib->entries[i];
	if (e->issue == NULL && e->pages != NULL) {
		/* listed by load_open already */
		e->issue = load_pages(entry_path(lib, e), e->pages,
		                      e->npages, flags, err);
		e->pages = NULL;
		e->npages = 0;
	} else if (e->issue == NULL)
		e->issue = load_issue(entry_path(lib, e), flags, err);
	return e->issue;
}

void
library_free(struct library *lib)
{
	size_t i;

	if (lib == NULL)
		return;
	for (i = 0; i < lib->n; i++) {
		free(lib->entries[i].path);
		issue_free(lib->entries[i].issue);
		pagefiles_free(lib->entries[i].pages,
		               lib->entries[i].npages);
	}
	free(lib->entries);
	free(lib->names);
	free(lib->path);
	free(lib);
}
