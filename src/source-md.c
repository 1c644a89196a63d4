/*
 * source-md.c: the Markdown source. md4c parses the page; its callbacks
 * collect each leaf block's text with the markup removed (code blocks
 * count as paragraphs, link URLs are kept after the link text, images
 * keep their alt text, entities are decoded) and hand the block to the
 * sink as it ends. Lines are counted for messages. A converter's page
 * separator line (source_page_mark) is no text: the page is parsed in
 * stretches between them, each separator a SOURCE_PAGE_BREAK.
 *
 * The text is sanitised before md4c sees it; only the optional ASCII →
 * full-width punctuation step (text_ascii_punct) runs here, per block,
 * because before parsing it would turn "&amp;中" into "&amp；中" and break
 * the entity. A block is sanitised again only when one of its pieces
 * starts with a combining mark (text_joins_previous), which may compose
 * with the piece before it.
 *
 * Entities: &amp; &lt; &gt; &quot; &apos; &nbsp; a few typographic ones and
 * numeric &#NNN; &#xHH; are decoded (the result is sanitised again, so
 * &#x1b; cannot smuggle an escape in); unknown named entities stay as
 * written.
 *
 * Math: $…$ becomes text in its paragraph (latex.c); $$…$$ is a
 * SOURCE_MATH block of its own, ending the paragraph before it.
 */
#include "build-config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <md4c.h>

#include "buf.h"
#include "latex.h"
#include "load-flags.h"
#include "scan.h"
#include "source.h"
#include "table.h"
#include "text.h"
#include "xmalloc.h"

struct link {
	char *href;
	size_t start; /* offset of the link text in the block */
};

/* md4c callback state. */
struct md {
	const char *src;
	size_t srclen;
	const char *lpos; /* line_of's cursor: lline is the line of lpos */
	int lline;
	int line0; /* lines of the file before src */
	int flags;
	source_sink *sink; /* where each block goes as soon as it ends */
	void *ctx;

	struct buf cur;
	bool open;
	enum source_kind kind;
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
	bool html;   /* an HTML block: tags go, text stays */
	struct buf tag; /* the HTML block being read, for source_html */
	int hline;      /* its first line */
	struct link *links;
	size_t nlinks;
	char *fig_path; /* the open SOURCE_FIGURE's file, or NULL */
	int img_depth; /* inside ![…](…) (an image in an alt text is text) */
	bool in_math;  /* inside $…$ or $$…$$: text goes to math */
	bool math_end; /* math just ended: a space before Chinese goes */
	struct table_builder *tb; /* a table being read, or NULL */
	bool thead;               /* in <thead> or GFM's header row */
	bool in_cell;             /* the open block is a cell of tb */
	int colspan, rowspan;     /* of the open cell */
	int tb_line;              /* where the table starts */
	struct buf math;          /* the LaTeX of the math span being read */
};

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
		m->lline = 1 + m->line0;
	}
	while ((q = memchr(m->lpos, '\n', (size_t)(p - m->lpos))) != NULL) {
		m->lpos = q + 1;
		if (m->lline < INT_MAX)
			m->lline++;
	}
	m->lpos = p;
	return m->lline;
}

/* End the open block and hand it to the sink at once. */
static void
md_flush(struct md *m)
{
	struct source_block rb, *r = &rb;
	const char *s;
	size_t len;

	if (!m->open)
		return;
	m->open = false;
	s = m->cur.s ? m->cur.s : "";
	len = m->cur.len;
	scan_trim(&s, &len);
	if (m->in_cell) {
		/* a table cell: its text goes to the table */
		m->in_cell = false;
		if (m->renorm) {
			size_t tl;
			char *t = text_sanitize(s, len, 0, &tl);

			table_cell(m->tb, t, tl, m->colspan, m->rowspan);
		} else
			table_cell(m->tb, xstrndup(s, len), len, m->colspan,
			           m->rowspan);
		m->cur.len = 0;
		if (m->cur.s != NULL)
			m->cur.s[0] = '\0';
		return;
	}
	if (len > 0 || m->kind == SOURCE_HEAD || m->kind == SOURCE_FIGURE) {
		r->kind = m->kind;
		r->level = m->level;
		r->line = m->line;
		r->quote = m->quote_depth > 0;
		r->strong = m->emph && !m->plain;
		r->text = NULL;
		r->path = m->kind == SOURCE_FIGURE ? m->fig_path : NULL;
		r->table = NULL;
		r->caption = false;
		r->page_ended = r->page_next = 0;
		m->fig_path = NULL;
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
		if ((m->flags & LOAD_ASCII_PUNCT) && m->kind != SOURCE_MATH) {
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
		m->sink(m->ctx, r);
		free(r->text); /* NULL when the rules took it */
		free(r->path);
		table_free(r->table);
	}
	free(m->fig_path);
	m->fig_path = NULL;
	/* Keep the buffer for the next block. */
	m->cur.len = 0;
	if (m->cur.s != NULL)
		m->cur.s[0] = '\0';
}

static void
md_begin(struct md *m, enum source_kind kind, int level)
{
	md_flush(m);
	m->open = true;
	m->kind = kind;
	m->level = level;
	m->line = 0;
	m->code = false;
	m->html = false;
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
	if (m->math_end) {
		size_t k = 0;

		m->math_end = false;
		while (k < n && t[k] == ' ')
			k++;
		if (k > 0 && k < n && text_is_cjk(scan_first(t + k, n - k))) {
			t += k;
			n -= k;
		}
	}
	if (m->soft) {
		m->soft = false;
		if (m->cur.len > 0) {
			enum text_hyphen h = TEXT_HYPHEN_NONE;

			prev = scan_last(m->cur.s, m->cur.len);
			next = scan_first(t, n);
			if (m->flags & LOAD_JOIN_LINES)
				h = text_line_hyphen(m->cur.s, m->cur.len, t,
				                     n);
			if (h == TEXT_HYPHEN_DROP)
				m->cur.s[--m->cur.len] = '\0';
			space = (m->flags & LOAD_JOIN_LINES)
			            ? h == TEXT_HYPHEN_NONE &&
			                  text_join_needs_space(prev, next)
			            : true;
			if (space && !scan_is_space(prev) && !scan_is_space(next))
				buf_addc(&m->cur, ' ');
		}
	}
	if (m->cur.len > 0 && (unsigned char)t[0] >= 0x80 &&
	    text_joins_previous(scan_first(t, n)))
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
		if (m->code_nl >= 2 && m->cur.len > 0 && m->in_cell) {
			m->soft = false; /* a cell's paragraphs: its lines */
			buf_addc(&m->cur, '\n');
		} else if (m->code_nl >= 2 && m->cur.len > 0) {
			line = line_of(m, t + start);
			md_begin(m, SOURCE_PARA, 0);
			m->code = true;
			m->line = line;
		} else if (m->code_nl == 1)
			m->soft = true;
		m->code_nl = 0;
		m->code_bol = false;
		md_add(m, t + start, i - start);
	}
}

/* Start a cell of the table being read (the block before it ends). */
static void
cell_begin(struct md *m, bool html, int colspan, int rowspan)
{
	md_begin(m, SOURCE_PARA, 0);
	m->in_cell = true;
	m->colspan = colspan;
	m->rowspan = rowspan;
	m->code = html;
	m->html = html;
	m->code_bol = true;
	m->code_nl = 0;
}

/* The table being read is done: it goes to the sink as one block. */
static void
table_end(struct md *m, int line)
{
	struct source_block r;
	struct table_builder *tb = m->tb;

	md_flush(m); /* an open cell */
	m->tb = NULL;
	m->thead = false;
	if (tb == NULL)
		return;
	memset(&r, 0, sizeof r);
	r.kind = SOURCE_TABLE;
	r.line = line > 0 ? line : m->tb_line;
	r.quote = m->quote_depth > 0;
	r.table = table_finish(tb, &r.text, &r.len);
	if (r.table != NULL)
		m->sink(m->ctx, &r);
	free(r.text);
	table_free(r.table);
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

/*
 * Decode the entity t (n bytes, "&...;") into out: a named one we know,
 * or a numeric one; unknown ones stay as written. The result is clean
 * text (a decoded &#27; is sanitised, so it cannot smuggle an escape in).
 */
static void
entity_decode(const char *t, size_t n, struct buf *out)
{
	struct buf b = {0};
	char *clean;
	size_t i, cl;
	unsigned long v = 0;
	bool hex;

	for (i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (strlen(entities[i].name) == n &&
		    memcmp(entities[i].name, t, n) == 0) {
			buf_adds(out, entities[i].utf8);
			return;
		}
	if (n < 4 || t[1] != '#') {
		buf_add(out, t, n); /* unknown: kept as written */
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
	clean = text_sanitize(b.s, b.len, 0, &cl);
	buf_add(out, clean, cl);
	free(clean);
	buf_free(&b);
}

static void
md_add_entity(struct md *m, const char *t, size_t n)
{
	struct buf b = {0};

	entity_decode(t, n, &b);
	md_add(m, b.s ? b.s : "", b.len);
	buf_free(&b);
}

/* Is the tag at t (n bytes, from '<' to '>') named name? "</TD>" is td. */
static bool
tag_is(const char *t, size_t n, const char *name)
{
	size_t i = 1, k = strlen(name);

	if (i < n && t[i] == '/')
		i++;
	if (n - i < k || strncasecmp(t + i, name, k) != 0)
		return false;
	i += k;
	return i == n || t[i] == '>' || t[i] == ' ' || t[i] == '/' ||
	       t[i] == '\t' || t[i] == '\n';
}

/* Inline raw HTML in a paragraph or heading (marker's <span id=…></span>
 * anchors, <sup>1</sup>): the tag goes, a <br> is a hard break. */
static void
md_add_inline_tag(struct md *m, const char *t, size_t n)
{
	if (n >= 3 && t[0] == '<' && tag_is(t, n, "br")) {
		m->soft = false;
		buf_addc(&m->cur, '\n');
	}
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
		md_begin(m, SOURCE_HEAD, (int)((MD_BLOCK_H_DETAIL *)detail)->level);
		break;
	case MD_BLOCK_HTML:
		/* read whole, then parsed by source_html */
		md_flush(m);
		m->li_pending = false;
		m->html = true;
		m->tag.len = 0;
		m->hline = 0;
		break;
	case MD_BLOCK_CODE:
		md_begin(m, m->li_pending ? SOURCE_ITEM : SOURCE_PARA, 0);
		m->li_pending = false;
		m->code = true;
		m->code_bol = true;
		m->code_nl = 0;
		break;
	case MD_BLOCK_P:
		md_begin(m, m->li_pending ? SOURCE_ITEM : SOURCE_PARA, 0);
		m->li_pending = false;
		break;
	case MD_BLOCK_TABLE: /* GFM */
		md_flush(m);
		if (m->tb == NULL) {
			m->tb = table_builder_new();
			m->tb_line = 0;
		}
		m->li_pending = false;
		break;
	case MD_BLOCK_THEAD:
		m->thead = true;
		break;
	case MD_BLOCK_TR:
		md_flush(m);
		if (m->tb != NULL)
			table_row(m->tb, m->thead);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (m->tb != NULL)
			cell_begin(m, false, 1, 1);
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

	if (type == MD_BLOCK_TABLE) {
		table_end(m, 0);
		return 0;
	}
	if (type == MD_BLOCK_HTML && m->html) {
		m->html = false;
		/* without libxml2 the block is read as plain text, its tags
		 * and all: shown as written rather than lost */
		if (m->tag.len > 0 && source_html_missing() != NULL)
			source_text(m->tag.s, m->tag.len,
			            m->hline > 0 ? m->hline - 1 : 0, m->flags,
			            m->sink, m->ctx);
		else if (m->tag.len > 0 &&
		         source_html(m->tag.s, m->tag.len,
		                     m->hline > 0 ? m->hline - 1 : 0, m->flags,
		                     m->sink, m->ctx) != 0)
			return -1;
		m->tag.len = 0;
		return 0;
	}
	if (type == MD_BLOCK_THEAD)
		m->thead = false;
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

	if (type == MD_SPAN_LATEXMATH_DISPLAY) {
		/* Display math is a block of its own: the text before it
		 * ends, the text after it starts a new paragraph. */
		md_begin(m, SOURCE_MATH, 0);
		m->li_pending = false;
	}
	if (!m->open)
		md_begin(m, m->li_pending ? SOURCE_ITEM : SOURCE_PARA, 0);
	m->li_pending = false;
	if (type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) {
		m->in_math = true;
		m->math.len = 0;
	} else if (type == MD_SPAN_IMG && m->img_depth++ == 0) {
		/* ![alt](path): a figure block, its alt text the block's */
		MD_SPAN_IMG_DETAIL *im = detail;
		char *path = xstrndup(im->src.text ? im->src.text : "",
		                      im->src.size);

		md_begin(m, SOURCE_FIGURE, 0);
		m->fig_path = path;
		if (im->src.text != NULL)
			m->line = line_of(m, im->src.text);
	} else if (type == MD_SPAN_A) {
		a = detail;
		m->links = xgrow(m->links, m->nlinks, sizeof *m->links);
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

	if (type == MD_SPAN_LATEXMATH || type == MD_SPAN_LATEXMATH_DISPLAY) {
		struct buf t = {0};

		m->in_math = false;
		latex_to_text(m->math.s ? m->math.s : "", m->math.len, &t);
		/* MinerU's spaces around math: none next to Chinese */
		if (m->cur.len >= 2 && m->cur.s[m->cur.len - 1] == ' ' &&
		    text_is_cjk(scan_last(m->cur.s, m->cur.len - 1)))
			m->cur.s[--m->cur.len] = '\0';
		md_add(m, t.s ? t.s : "", t.len);
		m->math_end = true;
		buf_free(&t);
		if (type == MD_SPAN_LATEXMATH_DISPLAY)
			md_flush(m);
		return 0;
	}
	if (type == MD_SPAN_IMG) {
		if (m->img_depth > 0 && --m->img_depth == 0) {
			/* a generic alt text says nothing */
			if (m->cur.len == 5 &&
			    strncasecmp(m->cur.s, "image", 5) == 0)
				m->cur.len = 0;
			md_flush(m);
		}
		return 0;
	}
	if (type == MD_SPAN_A && m->nlinks > 0) {
		l = &m->links[--m->nlinks];
		if (l->start > m->cur.len) /* a figure ended the text */
			l->start = m->cur.len;
		hl = strlen(l->href);
		txt = m->cur.s ? m->cur.s + l->start : "";
		tl = m->cur.len - l->start;
		/* Link text, then the URL when it says something more. */
		if (hl > 0 && !(tl == hl && memcmp(txt, l->href, hl) == 0) &&
		    !(scan_prefix(l->href, hl, "mailto:") && tl == hl - 7 &&
		      memcmp(txt, l->href + 7, tl) == 0)) {
			if (tl > 0 &&
			    !text_is_cjk(scan_last(m->cur.s, m->cur.len)))
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

	if (m->html) { /* an HTML block: kept for source_html */
		if (m->hline == 0)
			m->hline = line_of(m, t);
		buf_add(&m->tag, t, n);
		return 0;
	}
	if (!m->open)
		md_begin(m, m->li_pending ? SOURCE_ITEM : SOURCE_PARA, 0);
	m->li_pending = false;
	if (m->line == 0)
		m->line = line_of(m, t);
	if (m->tb != NULL && m->tb_line == 0)
		m->tb_line = m->line;
	if (m->in_math) {
		if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
			buf_addc(&m->math, ' ');
		else if (type != MD_TEXT_NULLCHAR)
			buf_add(&m->math, t, n);
		return 0;
	}
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
	case MD_TEXT_HTML:
		if (m->code)
			md_add_code(m, t, n);
		else
			md_add_inline_tag(m, t, n);
		break;
	case MD_TEXT_CODE:
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
 * Lists and quotes opened on one line ("- - - - 项", "> > > 深"): md4c
 * keeps some 70 bytes for each, 25 MB of "- " took 700 MB. Past
 * MD_NEST_MAX of them on a line, the next marker is escaped and the rest
 * of the line is text. Where on the line that marker is (0: none).
 */
#define MD_NEST_MAX 32

static size_t
deep_marker(const char *s, size_t len)
{
	size_t i = 0, k;
	int depth = 0;

	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			return 0;
		k = i;
		if (s[i] == '>')
			i++;
		else if ((s[i] == '-' || s[i] == '+' || s[i] == '*') &&
		         (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\t'))
			i++;
		else {
			while (i < len && i - k < 9 && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == k || i == len || (s[i] != '.' && s[i] != ')') ||
			    (i + 1 < len && s[i + 1] != ' ' && s[i + 1] != '\t'))
				return 0;
			k = i++; /* the delimiter is what is escaped */
		}
		if (++depth > MD_NEST_MAX)
			return k + 1;
	}
}

/* s with a backslash before each line's marker past MD_NEST_MAX, or NULL
 * when no line has one. Caller frees. */
static char *
md_flatten(const char *s, size_t len, size_t *outlen)
{
	struct buf b = {0};
	size_t i = 0, done = 0, end, k;
	const char *nl;

	while (i < len) {
		nl = memchr(s + i, '\n', len - i);
		end = nl ? (size_t)(nl - s) : len;
		if ((k = deep_marker(s + i, end - i)) > 0) {
			buf_add(&b, s + done, i + k - 1 - done);
			buf_addc(&b, '\\');
			done = i + k - 1;
		}
		i = nl ? end + 1 : len;
	}
	if (b.s == NULL)
		return NULL;
	buf_add(&b, s + done, len - done);
	return buf_take(&b, outlen);
}

/* One stretch of the page between separators through md4c. */
static int
md_parse_stretch(struct md *m, const char *s, size_t len, int line0)
{
	MD_PARSER p;
	char *flat = md_flatten(s, len, &len);
	int rc = 0;

	if (flat != NULL)
		s = flat;

	m->src = s;
	m->srclen = len;
	m->lpos = NULL;
	m->line0 = line0;
	memset(&p, 0, sizeof p);
	p.flags =
	    MD_DIALECT_COMMONMARK | MD_FLAG_LATEXMATHSPANS | MD_FLAG_TABLES;
	p.enter_block = md_enter_block;
	p.leave_block = md_leave_block;
	p.enter_span = md_enter_span;
	p.leave_span = md_leave_span;
	p.text = md_text;
	if (len > 0 && md_parse(s, (MD_SIZE)len, &p, m) != 0) {
		table_builder_free(m->tb);
		m->tb = NULL;
		rc = -1;
	} else
		md_flush(m);
	m->quote_depth = m->emph_depth = 0;
	m->li_pending = false;
	m->in_math = false;
	m->html = false;
	m->img_depth = 0;
	if (m->tb != NULL)
		table_end(m, 0);
	while (m->nlinks > 0)
		free(m->links[--m->nlinks].href);
	free(flat);
	return rc;
}

int
source_markdown(const char *s, size_t len, int line0, int flags,
                source_sink *sink, void *ctx)
{
	struct source_block br;
	struct md m;
	size_t start = 0, i = 0, end;
	int rc = 0, line = line0, sline = line0;

	memset(&m, 0, sizeof m);
	m.flags = flags;
	m.sink = sink;
	m.ctx = ctx;
	/* Look for separators only at line starts that can begin one. */
	while (rc == 0 && i < len) {
		const char *nl = memchr(s + i, '\n', len - i);

		end = nl ? (size_t)(nl - s) : len;
		line++;
		memset(&br, 0, sizeof br);
		if ((s[i] == '{' || s[i] == '-') &&
		    source_page_mark(s + i, end - i, &br.page_ended,
		                     &br.page_next)) {
			rc = md_parse_stretch(&m, s + start, i - start, sline);
			br.kind = SOURCE_PAGE_BREAK;
			br.line = line;
			if (rc == 0)
				sink(ctx, &br);
			start = nl ? end + 1 : len;
			sline = line;
		}
		i = nl ? end + 1 : len;
	}
	if (rc == 0)
		rc = md_parse_stretch(&m, s + start, len - start, sline);
	free(m.links);
	buf_free(&m.cur);
	buf_free(&m.tag);
	buf_free(&m.math);
	return rc;
}
