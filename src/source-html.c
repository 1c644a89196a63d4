/*
 * source-html.c: the HTML source. libxml2's HTML parser with SAX callbacks
 * (no tree: each element is mapped as it opens and closes) reads whole
 * .html/.htm pages (the
 * papers' e-paper sites: <h3> kicker, <h1> headline, <h2> subtitle,
 * <founder-content><p>) and the HTML blocks inside Markdown (MinerU's and
 * PP-StructureV3's <div>s and <table>s, docling's <!-- image -->). It
 * closes what a page leaves open and implies what it leaves out, as
 * browsers do. The elements become the same leaf blocks as Markdown's:
 *
 *   p, div and the other block elements   paragraphs
 *   h1..h6, li, blockquote                headings, items, quotes
 *   table/tr/td/th (colspan, rowspan)     a table (table.h)
 *   img, <!-- image -->                   a figure
 *   figcaption                            a caption
 *   br                                    a line break
 *   script, style, template, head         nothing
 *   a, span, sup, sub and unknown tags    their text only
 *   a href="javascript:…"                 nothing (a site's control)
 *
 * libxml2 is loaded with dlopen on the first HTML: it pulls ICU and
 * libstdc++, whose relocations would cost every start of the reader
 * (about 4.4M instructions, 5 ms) though most issues hold no HTML.
 * Gumbo, the parser before it, built the whole tree first: 0.29 s and
 * 42 MB for a 10 MB page, where libxml2's SAX reading takes 0.06 s and
 * reads the page where it lies.
 *
 * Text is already sanitised (the page was); libxml2 decodes the entities
 * and the result is sanitised again. Links keep their text, never the
 * address (javascript: never shows). Long runs of plain text go past
 * libxml2's character loop masked (struct mask): a 10 MB page reads in
 * 1,410M instructions where it took 1,787M.
 */
#include "build-config.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "buf.h"
#include "load-flags.h"
#include "scan.h"
#include "source.h"
#include "swar.h"
#include "table.h"
#include "text.h"
#include "xmalloc.h"

/*
 * Text libxml2 is not made to read a character at a time. Its HTML parser
 * decodes, checks and copies every character of a text node (two thirds
 * of the reading of a page); the text between a tag's '>' and the next
 * tag's '<' that holds nothing it could read otherwise (no '&', quote,
 * '>', control character or U+FFFE/FFFF, and some ink) reaches a callback
 * unchanged, wherever it stands: in a text node, a comment, a script, an
 * attribute's quoted value. So each such run of a page is handed to it as
 * one character of Unicode's private planes 15 and 16 (U+F0000 + the
 * run's number, then U+100000 + …), which stands for the run's bytes in
 * every string libxml2 gives back (mask_out). A page that holds such a
 * character itself, or is not valid UTF-8 (or holds a NUL), is read as
 * it is.
 */
#define MASK_MIN 16           /* shorter runs are read as they are */
#define MASK_PLANE 0xfffeu    /* numbers a plane (U+xFFFE/xFFFF are not) */
#define MASK_MAX (2 * MASK_PLANE)

struct mask_run {
	size_t off, len;
};

struct mask {
	const char *page;
	struct mask_run *run;
	size_t n, cap;
	struct buf text; /* the page, its runs masked */
};

struct hw {
	source_sink *sink;
	void *ctx;
	int flags;
	int line0;
	struct buf cur;
	struct buf scratch; /* text_sanitize's room */
	bool open;
	enum source_kind kind;
	int level;
	int line;
	bool caption;
	bool soft;  /* white space with a newline waits for the next text */
	bool space; /* other white space waits */
	int quote;
	struct table_builder *tb;
	int table;  /* the <table> being read: its depth among tables */
	int tables; /* <table>s open */
	bool in_cell;
	htmlParserCtxtPtr px; /* for the line */
	unsigned char *tags;  /* the open elements (enum tag) */
	size_t ntags, tagcap;
	size_t skip; /* > 0: inside an element whose content is not shown */
	bool foreign; /* that element is an <svg> or <math> */
	int colspan, rowspan;
	struct source_block held; /* a kicker (<h3>) waiting for its <h1> */
	bool after_h1; /* the last block was an <h1>: an <h2> is its subtitle */
	const struct mask *mask; /* NULL: the page is read as it is */
	struct buf unmasked;      /* mask_out's room */
};

/* Hand r on; a kicker (h3..h6) is held until the next block: over an
 * <h1> it goes after it, as the story's subhead (e-paper pages: <h3>
 * kicker, <h1> headline, <h2> subtitle). */
static void
hw_emit(struct hw *h, struct source_block *r)
{
	bool h1 = r->kind == SOURCE_HEAD && r->level == 1;

	if (r->kind == SOURCE_HEAD && r->level == 2 && h->after_h1)
		r->level = 3; /* the subtitle under a headline */
	if (h->held.text != NULL) {
		struct source_block k = h->held;

		memset(&h->held, 0, sizeof h->held);
		if (h1) {
			h->sink(h->ctx, r);
			h->sink(h->ctx, &k);
			free(k.text);
			h->after_h1 = true;
			return;
		}
		h->sink(h->ctx, &k);
		free(k.text);
	}
	h->after_h1 = h1;
	if (r->kind == SOURCE_HEAD && r->level >= 3 && r->text != NULL) {
		h->held = *r;
		r->text = NULL;
		return;
	}
	h->sink(h->ctx, r);
}

/* The held kicker, if any, goes on as it is. */
static void
hw_release(struct hw *h)
{
	if (h->held.text != NULL) {
		struct source_block k = h->held;

		memset(&h->held, 0, sizeof h->held);
		h->sink(h->ctx, &k);
		free(k.text);
	}
}

/* End the open block and hand it on (a cell's text goes to its table). */
static void
hw_flush(struct hw *h)
{
	struct source_block r;
	const char *s;
	size_t len;
	char *t;

	if (!h->open)
		return;
	h->open = false;
	s = h->cur.s ? h->cur.s : "";
	len = h->cur.len;
	scan_trim(&s, &len);
	/* a table's cells keep their ASCII punctuation; the rule looks only
	 * at a mark's neighbours, so it may run before the trim below */
	t = text_sanitize_with(s, len,
	                       (h->flags & LOAD_ASCII_PUNCT) &&
	                               !(h->in_cell && h->tb != NULL)
	                           ? TEXT_ASCII_PUNCT
	                           : 0,
	                       &len, &h->scratch);
	/* trimmed again: a control character the sanitizer took out (&#1)
	 * may have stood before a space, which must not lead the text */
	s = t;
	scan_trim(&s, &len);
	memmove(t, s, len);
	t[len] = '\0';
	h->cur.len = 0;
	if (h->in_cell) {
		h->in_cell = false;
		if (h->tb != NULL) {
			table_cell(h->tb, t, len, h->colspan, h->rowspan);
			return;
		}
	}
	if (len == 0 && h->kind != SOURCE_HEAD) {
		free(t);
		return;
	}
	memset(&r, 0, sizeof r);
	r.kind = h->kind;
	r.level = h->level;
	r.line = h->line;
	r.quote = h->quote > 0;
	r.caption = h->caption;
	r.text = t;
	r.len = len;
	hw_emit(h, &r);
	free(r.text);
}

static void
hw_begin(struct hw *h, enum source_kind kind, int level, int line)
{
	hw_flush(h);
	h->open = true;
	h->kind = kind;
	h->level = level;
	h->line = line;
	h->caption = false;
	h->soft = h->space = false;
}

/* The line the parser is on. */
static int
cur_line(const struct hw *h)
{
	int l = h->px != NULL && h->px->input != NULL ? h->px->input->line : 1;

	return h->line0 + (l > 0 ? l : 1);
}

/* HTML's white space. */
static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The end of the run of s[i, len) that is not HTML's white space. Every
 * byte above ' ' (all of UTF-8's) is not, so eight bytes at a time are
 * passed over while none is below '!'. */
static size_t
ink_end(const char *s, size_t i, size_t len)
{
	while (len - i >= 8 && swar_below(swar_load(s + i), '!') == 0)
		i += 8;
	while (i < len && ((unsigned char)s[i] > ' ' || !is_space(s[i])))
		i++;
	return i;
}

/* Text of a text node: white space runs are one space, or nothing
 * between two Chinese characters when the run held a newline. */
static void
hw_text(struct hw *h, const char *s, size_t len, int line)
{
	size_t i = 0;

	if (!h->open)
		hw_begin(h, SOURCE_PARA, 0, line);
	while (i < len) {
		size_t start;

		if (is_space(s[i])) {
			if (s[i] == '\n')
				h->soft = true;
			else
				h->space = true;
			i++;
			continue;
		}
		start = i;
		i = ink_end(s, i, len);
		if ((h->soft || h->space) && h->cur.len > 0 &&
		    h->cur.s[h->cur.len - 1] != '\n') {
			uint32_t prev = scan_last(h->cur.s, h->cur.len);
			uint32_t next = scan_first(s + start, i - start);

			/* a run that held a newline is a line break of
			 * the source, whatever spaces indent the next */
			if (!h->soft || !(h->flags & LOAD_JOIN_LINES) ||
			    text_join_needs_space(prev, next))
				buf_addc(&h->cur, ' ');
		}
		h->soft = h->space = false;
		buf_add(&h->cur, s + start, i - start);
	}
}

/* The run of h's page that the mask character at s stands for, or NULL
 * (n: the bytes left at s). Only a mask character has a lead byte F3 or
 * F4 in a masked page. */
static const struct mask_run *
mask_run_at(const struct mask *m, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c;
	size_t k;

	if (u[0] < 0xf3 || n < 4)
		return NULL;
	c = (uint32_t)(u[0] & 0x07) << 18 | (uint32_t)(u[1] & 0x3f) << 12 |
	    (uint32_t)(u[2] & 0x3f) << 6 | (u[3] & 0x3f);
	k = c >= 0x100000 ? MASK_PLANE + (c - 0x100000) : c - 0xf0000;
	return k < m->n ? &m->run[k] : NULL;
}

/*
 * Each piece of s (len bytes) as the page has it, handed to fn in order:
 * the text between mask characters as it is, each mask character as its
 * run. Whether s held a mask character.
 */
static bool
mask_walk(const struct mask *m, const char *s, size_t len,
          void (*fn)(void *, const char *, size_t), void *ctx)
{
	size_t i, from = 0;
	bool any = false;

	for (i = 0; i < len; i++) {
		const struct mask_run *r = mask_run_at(m, s + i, len - i);

		if (r == NULL)
			continue;
		if (i > from)
			fn(ctx, s + from, i - from);
		fn(ctx, m->page + r->off, r->len);
		any = true;
		i += 3;
		from = i + 1;
	}
	if (from < len)
		fn(ctx, s + from, len - from);
	return any;
}

/* A text node's piece, at the line its node was reported on. */
struct text_at {
	struct hw *h;
	int line;
};

static void
text_piece(void *ctx, const char *s, size_t len)
{
	const struct text_at *t = ctx;

	hw_text(t->h, s, len, t->line);
}

static void
buf_piece(void *ctx, const char *s, size_t len)
{
	buf_add(ctx, s, len);
}

/* s with its mask characters as their runs: s itself when it has none,
 * else a copy in b. */
static const char *
mask_out(const struct mask *m, const char *s, struct buf *b)
{
	b->len = 0;
	return mask_walk(m, s, strlen(s), buf_piece, b) ? b->s : s;
}

/* The value of attribute name among atts (libxml2's name, value pairs). */
static const char *
attr(const xmlChar **atts, const char *name)
{
	for (; atts != NULL && atts[0] != NULL; atts += 2)
		if (strcasecmp((const char *)atts[0], name) == 0)
			return atts[1] != NULL ? (const char *)atts[1] : "";
	return NULL;
}

/* colspan="3": 1 when absent or odd. */
static int
span_of(const xmlChar **atts, const char *name)
{
	const char *v = attr(atts, name);
	long x = 0;

	for (; v != NULL && *v >= '0' && *v <= '9'; v++)
		if ((x = x * 10 + (*v - '0')) > TABLE_MAX_ROWS)
			x = TABLE_MAX_ROWS;
	return x < 1 ? 1 : (int)x;
}

/* A figure here: the block before it ends. */
static void
hw_figure(struct hw *h, const char *src, const char *alt, int line)
{
	struct source_block r;
	char *a = NULL;
	const char *p = "";
	size_t al = 0, pl;

	if (h->in_cell)
		return; /* a picture in a table cell: nothing to show */
	hw_flush(h);
	memset(&r, 0, sizeof r);
	r.kind = SOURCE_FIGURE;
	r.line = line;
	if (alt != NULL && strcasecmp(alt, "image") != 0) {
		a = text_sanitize(alt, strlen(alt), 0, &al);
		p = a;
		scan_trim(&p, &al);
	}
	r.text = xstrndup(p, al);
	r.len = al;
	free(a);
	r.path = src != NULL && *src ? text_sanitize(src, strlen(src), 0, &pl)
	                             : NULL;
	hw_release(h);
	h->after_h1 = false;
	h->sink(h->ctx, &r);
	free(r.text);
	free(r.path);
}

/* The elements the mapping tells apart; every other is T_OTHER. */
enum tag {
	T_OTHER,
	T_A, T_BLOCKQUOTE, T_BR, T_FIGCAPTION, T_H1, T_H2, T_H3, T_H4, T_H5,
	T_H6, T_IMG, T_LI, T_TABLE, T_TD, T_TH, T_THEAD, T_TR,
	T_HIDDEN, /* script, style, head…: nothing of it shows */
	T_FOREIGN, /* svg, math: hidden, until a tag of HTML's own ends it */
	T_GHOST,   /* an element of those, open in libxml2 only */
	T_BLOCK,  /* p, div…: ends a line of text and starts another */
};

/* By name, sorted for bsearch. libxml2 gives names in lower case. */
static const struct tagname {
	const char *name;
	unsigned char tag;
} tagnames[] = {
    {"a", T_A},
    {"address", T_BLOCK},
    {"article", T_BLOCK},
    {"aside", T_BLOCK},
    {"blockquote", T_BLOCKQUOTE},
    {"body", T_BLOCK},
    {"br", T_BR},
    {"caption", T_BLOCK},
    {"center", T_BLOCK},
    {"dd", T_BLOCK},
    {"div", T_BLOCK},
    {"dl", T_BLOCK},
    {"dt", T_BLOCK},
    {"fieldset", T_BLOCK},
    {"figcaption", T_FIGCAPTION},
    {"figure", T_BLOCK},
    {"footer", T_BLOCK},
    {"form", T_BLOCK},
    {"founder-content", T_BLOCK},
    {"h1", T_H1},
    {"h2", T_H2},
    {"h3", T_H3},
    {"h4", T_H4},
    {"h5", T_H5},
    {"h6", T_H6},
    {"head", T_HIDDEN},
    {"header", T_BLOCK},
    {"hr", T_BLOCK},
    {"html", T_BLOCK},
    {"iframe", T_HIDDEN},
    {"img", T_IMG},
    {"li", T_LI},
    {"main", T_BLOCK},
    {"math", T_FOREIGN},
    {"nav", T_BLOCK},
    {"noscript", T_HIDDEN},
    {"object", T_HIDDEN},
    {"ol", T_BLOCK},
    {"p", T_BLOCK},
    {"pre", T_BLOCK},
    {"script", T_HIDDEN},
    {"section", T_BLOCK},
    {"select", T_HIDDEN},
    {"style", T_HIDDEN},
    {"svg", T_FOREIGN},
    {"table", T_TABLE},
    {"td", T_TD},
    {"template", T_HIDDEN},
    {"textarea", T_HIDDEN},
    {"th", T_TH},
    {"thead", T_THEAD},
    {"tr", T_TR},
    {"ul", T_BLOCK},
};

static bool
is_heading(enum tag t)
{
	return t >= T_H1 && t <= T_H6;
}

static int
tagname_cmp(const void *k, const void *e)
{
	return strcmp(k, ((const struct tagname *)e)->name);
}

static enum tag
tag_of(const xmlChar *name)
{
	const struct tagname *t =
	    bsearch(name, tagnames, sizeof tagnames / sizeof tagnames[0],
	            sizeof tagnames[0], tagname_cmp);

	return t != NULL ? (enum tag)t->tag : T_OTHER;
}

/*
 * Entering an element t; false: skip its content. Long on purpose: one
 * case per element, the whole HTML-to-block mapping of issue 13 (hidden
 * content, headings, lists, tables, figures, breaks) read in one switch,
 * each case a line or two that calls the builder.
 */
static bool
enter(struct hw *h, enum tag t, const xmlChar **atts)
{
	int line = cur_line(h);

	switch (t) {
	case T_HIDDEN:
	case T_FOREIGN:
		return false;
	case T_LI:
		if (!h->in_cell)
			hw_begin(h, SOURCE_ITEM, 0, line);
		break;
	case T_BLOCKQUOTE:
		if (!h->in_cell) {
			hw_flush(h);
			h->quote++;
		}
		break;
	case T_FIGCAPTION:
		if (!h->in_cell) {
			hw_begin(h, SOURCE_PARA, 0, line);
			h->caption = true;
		}
		break;
	case T_BR:
		if (h->open && h->kind == SOURCE_HEAD && !h->in_cell)
			h->soft = true; /* a title's lines are one title */
		else if (h->open && h->cur.len > 0) {
			buf_addc(&h->cur, '\n');
			h->soft = h->space = false;
		}
		break;
	case T_IMG:
		hw_figure(h, attr(atts, "src"), attr(atts, "alt"), line);
		break;
	case T_A: {
		/* a javascript: link is a control of the site (上一版), not
		 * the paper's text: neither it nor its address shows */
		const char *href = attr(atts, "href");

		while (href != NULL &&
		       (*href == ' ' || *href == '\t' || *href == '\n'))
			href++;
		if (href != NULL && strncasecmp(href, "javascript:", 11) == 0)
			return false;
		break;
	}
	case T_TABLE:
		h->tables++;
		if (h->tb != NULL)
			break; /* a table in a table: its text */
		hw_flush(h);
		h->tb = table_builder_new();
		h->table = h->tables;
		break;
	case T_TR:
		if (h->tb != NULL && h->tables == h->table && !h->in_cell)
			table_row(h->tb, h->ntags > 0 &&
			                     h->tags[h->ntags - 1] == T_THEAD);
		break;
	case T_TD:
	case T_TH:
		if (h->tb != NULL && !h->in_cell) {
			hw_flush(h);
			h->open = true;
			h->kind = SOURCE_PARA;
			h->line = line;
			h->soft = h->space = false;
			h->in_cell = true;
			h->colspan = span_of(atts, "colspan");
			h->rowspan = span_of(atts, "rowspan");
		}
		break;
	case T_BLOCK:
		if (!h->in_cell)
			hw_flush(h);
		break;
	default:
		if (is_heading(t) && !h->in_cell)
			hw_begin(h, SOURCE_HEAD, (int)(t - T_H1) + 1, line);
		break;
	}
	return true;
}

/* Leaving an element t (its content done). */
static void
leave(struct hw *h, enum tag t)
{
	switch (t) {
	case T_TD:
	case T_TH:
		/* the cell's own element, not one of a table inside it */
		if (h->in_cell && h->tb != NULL && h->tables == h->table)
			hw_flush(h);
		break;
	case T_TABLE:
		if (h->tables == h->table && h->tb != NULL) {
			struct source_block r;

			hw_flush(h);
			memset(&r, 0, sizeof r);
			r.kind = SOURCE_TABLE;
			r.line = cur_line(h);
			r.quote = h->quote > 0;
			r.table = table_finish(h->tb, &r.text, &r.len);
			h->tb = NULL;
			h->table = 0;
			hw_release(h);
			h->after_h1 = false;
			if (r.table != NULL)
				h->sink(h->ctx, &r);
			free(r.text);
			table_free(r.table);
		}
		if (h->tables > 0)
			h->tables--;
		break;
	case T_BLOCKQUOTE:
		if (!h->in_cell) {
			hw_flush(h);
			if (h->quote > 0)
				h->quote--;
		}
		break;
	default:
		if (!h->in_cell && (is_heading(t) || t == T_LI ||
		                    t == T_FIGCAPTION || t == T_BLOCK))
			hw_flush(h);
		break;
	}
}

/* docling's <!-- image -->: a figure with no file. */
static void
on_comment(void *ctx, const xmlChar *text)
{
	struct hw *h = ctx;
	const char *s = (const char *)text;
	size_t len = strlen(s);

	if (h->skip > 0)
		return;
	scan_trim(&s, &len);
	if (len == 5 && strncasecmp(s, "image", 5) == 0)
		hw_figure(h, NULL, NULL, cur_line(h));
}

/* The start tags that end foreign content (HTML5's "any other start tag"
 * rule in foreign content: b, big, blockquote… ; font is left out). */
static bool
breaks_out(const xmlChar *name)
{
	static const char *const v[] = {
	    "b",     "big",  "blockquote", "body",   "br",     "center",
	    "code",  "dd",   "div",        "dl",     "dt",     "em",
	    "embed", "h1",   "h2",         "h3",     "h4",     "h5",
	    "h6",    "head", "hr",         "i",      "img",    "li",
	    "listing", "menu", "meta",     "nobr",   "ol",     "p",
	    "pre",   "ruby", "s",          "small",  "span",   "strike",
	    "strong", "sub", "sup",        "table",  "tt",     "u",
	    "ul",    "var"};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (strcmp(v[i], (const char *)name) == 0)
			return true;
	return false;
}

static void
push_tag(struct hw *h, enum tag t)
{
	if (h->ntags == h->tagcap)
		h->tags = xreallocarray(h->tags, h->tagcap = h->tagcap * 2 + 64,
		                        sizeof *h->tags);
	h->tags[h->ntags++] = (unsigned char)t;
}

/* enter() with the attributes' values as written: a run may stand in a
 * quoted value (<a title="1>2…">). */
static bool
enter_masked(struct hw *h, enum tag t, const xmlChar **atts)
{
	const xmlChar **v;
	size_t n, i;
	bool any = false, in;

	for (n = 0; atts[n] != NULL; n += 2)
		any |= atts[n + 1] != NULL &&
		       mask_out(h->mask, (const char *)atts[n + 1],
		                &h->unmasked) != (const char *)atts[n + 1];
	if (!any)
		return enter(h, t, atts);
	v = xreallocarray(NULL, n + 1, sizeof *v);
	for (i = 0; i < n; i += 2) {
		v[i] = atts[i];
		v[i + 1] = atts[i + 1] == NULL
		               ? NULL
		               : (const xmlChar *)xstrdup(
		                     mask_out(h->mask, (const char *)atts[i + 1],
		                              &h->unmasked));
	}
	v[n] = NULL;
	in = enter(h, t, v);
	for (i = 0; i < n; i += 2)
		free((void *)(uintptr_t)v[i + 1]);
	free(v);
	return in;
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
	struct hw *h = ctx;
	enum tag t = tag_of(name);

	if (h->skip > 0 && h->foreign && breaks_out(name)) {
		/* HTML5 ends an <svg> or <math> at <p>, <div>, <br>…, where
		 * libxml2, which knows neither, keeps it open around the
		 * rest of the page: the rest shows, and the elements left
		 * open are remembered, to be ended quietly */
		while (h->skip > 0) {
			push_tag(h, T_GHOST);
			h->skip--;
		}
	}
	if (h->skip > 0) {
		h->skip++;
		return;
	}
	if (!(h->mask != NULL && atts != NULL ? enter_masked(h, t, atts)
	                                      : enter(h, t, atts))) {
		h->skip = 1;
		h->foreign = t == T_FOREIGN;
		return;
	}
	push_tag(h, t);
}

static void
on_end(void *ctx, const xmlChar *name)
{
	struct hw *h = ctx;

	(void)name;
	if (h->skip > 0) {
		h->skip--;
		return;
	}
	/* libxml2 ends every element it started, those it closes itself
	 * included; the stack only guards against a stray end */
	if (h->ntags > 0)
		leave(h, (enum tag)h->tags[--h->ntags]);
}

static void
on_text(void *ctx, const xmlChar *s, int len)
{
	struct hw *h = ctx;

	if (h->skip > 0 || len <= 0)
		return;
	if (h->mask != NULL) {
		struct text_at t = {h, cur_line(h)};

		mask_walk(h->mask, (const char *)s, (size_t)len, text_piece, &t);
	} else
		hw_text(h, (const char *)s, (size_t)len, cur_line(h));
}

/* Errors are the page's, not the reader's: never printed. */
static void
on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* Void elements: a start tag with no end. Asked of every start tag of
 * a page (source_html_bound), so a name's length is compared first. */
static bool
is_void(const char *name, size_t n)
{
#define VOID_TAG(s) {s, sizeof s - 1}
	static const struct {
		const char *s;
		size_t n;
	} v[] = {VOID_TAG("area"),   VOID_TAG("base"),  VOID_TAG("br"),
	         VOID_TAG("col"),    VOID_TAG("embed"), VOID_TAG("hr"),
	         VOID_TAG("img"),    VOID_TAG("input"), VOID_TAG("link"),
	         VOID_TAG("meta"),   VOID_TAG("param"), VOID_TAG("source"),
	         VOID_TAG("track"),  VOID_TAG("wbr")};
#undef VOID_TAG
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (v[i].n == n && strncasecmp(v[i].s, name, n) == 0)
			return true;
	return false;
}

/*
 * s without the tags nested deeper than max: a start tag past the depth
 * goes, and so does one end tag for each start tag that went; text,
 * comments and the other tags stay. An HTML parser looks for an end
 * tag's element among the open ones from the top, so 100k nested <div>s
 * closed by 100k stray end tags cost it minutes (gumbo took minutes on
 * the nesting alone); a newspaper never nests that deep. NULL when s is not that
 * deep (nothing to drop).
 */
char *
source_html_bound(const char *s, size_t len, int max, size_t *outlen)
{
	struct buf b = {0};
	size_t i = 0, from = 0;
	long depth = 0, dropped = 0;
	bool any = false;

	while (i < len) {
		size_t st = i, nm, ne;
		bool end;
		char q = 0;

		if (s[i] != '<') {
			const char *lt = memchr(s + i, '<', len - i);

			if (lt == NULL)
				break;
			i = (size_t)(lt - s);
			continue;
		}
		if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			const char *e =
			    memmem(s + i + 4, len - i - 4, "-->", 3);

			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		end = i + 1 < len && s[i + 1] == '/';
		nm = i + (end ? 2 : 1);
		ne = nm;
		while (ne < len &&
		       (((s[ne] | 0x20) >= 'a' && (s[ne] | 0x20) <= 'z') ||
		        (s[ne] >= '0' && s[ne] <= '9') || s[ne] == '-'))
			ne++;
		if (ne == nm) {
			i++;
			continue;
		}
		/* to the tag's '>', past quoted values */
		for (i = ne; i < len; i++) {
			if (q) {
				if (s[i] == q)
					q = 0;
			} else if (s[i] == '"' || s[i] == '\'')
				q = s[i];
			else if (s[i] == '>')
				break;
		}
		if (i < len)
			i++;
		if (is_void(s + nm, ne - nm) || (i >= 2 && s[i - 2] == '/'))
			continue;
		if (!end && depth >= max) {
			dropped++;
		} else if (end && dropped > 0) {
			dropped--;
		} else {
			depth += end ? (depth > 0 ? -1 : 0) : 1;
			continue;
		}
		buf_add(&b, s + from, st - from); /* the text before the tag */
		from = i;
		any = true;
	}
	if (!any) {
		buf_free(&b);
		return NULL;
	}
	buf_add(&b, s + from, len - from);
	return buf_take(&b, outlen);
}

/* libxml2, loaded once for the process. */
#define LX_FUNCS(X)                                                            \
	X(htmlNewParserCtxt)                                                   \
	X(xmlParserInputBufferCreateIO)                                        \
	X(xmlFreeParserInputBuffer)                                            \
	X(xmlNewIOInputStream)                                                 \
	X(inputPush)                                                           \
	X(htmlCtxtUseOptions)                                                  \
	X(htmlParseDocument)                                                   \
	X(htmlFreeParserCtxt)                                                  \
	X(xmlSwitchEncoding)                                                   \
	X(xmlInitParser)

static struct {
	void *dl;
	const char *why; /* why it is not loaded */
#define LX_MEMBER(n) __typeof__(n) *n;
	LX_FUNCS(LX_MEMBER)
#undef LX_MEMBER
} lx;

static pthread_once_t lx_once = PTHREAD_ONCE_INIT;

static void
lx_load(void)
{
	static const char *const sonames[] = {"libxml2.so.2", "libxml2.so"};
	size_t i;

	for (i = 0; i < sizeof sonames / sizeof sonames[0] && lx.dl == NULL;
	     i++)
		lx.dl = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (lx.dl == NULL) {
		lx.why = "libxml2 is not installed";
		return;
	}
#define LX_SYM(n)                                                              \
	if ((*(void **)&lx.n = dlsym(lx.dl, #n)) == NULL)                      \
		goto fail;
	LX_FUNCS(LX_SYM)
#undef LX_SYM
	lx.xmlInitParser(); /* once, before any thread parses */
	return;
fail:
	dlclose(lx.dl);
	lx.dl = NULL;
	lx.why = "libxml2 lacks its HTML parser";
}

const char *
source_html_missing(void)
{
	pthread_once(&lx_once, lx_load);
	return lx.dl != NULL ? NULL : lx.why;
}

const char *
source_html_library(void)
{
	static char v[32];
	const char *const *pv;
	long n;

	if (source_html_missing() != NULL)
		return NULL;
	/* xmlParserVersion is "20914" for 2.9.14 */
	pv = dlsym(lx.dl, "xmlParserVersion");
	if (v[0] == '\0' && pv != NULL && *pv != NULL &&
	    (n = strtol(*pv, NULL, 10)) > 0)
		snprintf(v, sizeof v, "%ld.%ld.%ld", n / 10000, n / 100 % 100,
		         n % 100);
	return v[0] != '\0' ? v : "libxml2.so.2";
}

/*
 * What libxml2 has still to read of the page. libxml2 must be given
 * UTF-8 without NUL: from an invalid byte on it would read the rest of
 * the page as Latin-1, and a NUL ends its text. The page is checked a
 * piece at a time as libxml2 asks for it (in the cache, where a check of
 * the whole page first read it all once more); a piece that fails is
 * sanitised and handed over instead. Each block is sanitised after, so
 * what that leaves (a control character, a mark) goes then.
 */
struct reader {
	const char *s;
	size_t left;
	struct buf fixed; /* a sanitised piece, from fixed.len - fixleft */
	size_t fixleft;
};

static int
read_piece(void *ctx, char *to, int len)
{
	struct reader *r = ctx;
	size_t n = len < 0 ? 0 : (size_t)len;
	char *t;

	if (r->fixleft == 0 && r->left > 0) {
		size_t k = n < r->left ? n : r->left;

		/* a piece ends where a character begins */
		while (k < r->left && k > 0 &&
		       ((unsigned char)r->s[k] & 0xc0) == 0x80 &&
		       n - k < 4)
			k--;
		if (k == 0)
			k = n < r->left ? n : r->left;
		if (text_is_utf8(r->s, k)) {
			memcpy(to, r->s, k);
			r->s += k;
			r->left -= k;
			return (int)k;
		}
		t = text_sanitize_with(r->s, k, 0, &r->fixleft, &r->fixed);
		r->fixed.len = 0;
		buf_add(&r->fixed, t, r->fixleft);
		free(t);
		r->s += k;
		r->left -= k;
	}
	if (n > r->fixleft)
		n = r->fixleft;
	if (n == 0)
		return 0; /* the end: fixed may never have been used */
	memcpy(to, r->fixed.s + r->fixed.len - r->fixleft, n);
	r->fixleft -= n;
	return (int)n;
}

/* false: pages are handed to libxml2 as they are (source_html_masking). */
static bool masking = true;

void
source_html_masking(bool on)
{
	masking = on;
}

/* The end of the run of s that starts at i, just after a '>': the next
 * '<' (libxml2's text ends at every '<', whatever follows), or 0 when a
 * byte libxml2 may read otherwise comes first (an ASCII control, '"',
 * '&', '\'', '>', DEL, or U+FFFE/FFFF, which it drops), or the run is all
 * spaces. Eight bytes at a time while none is ASCII below '(', '<', '>',
 * '?', DEL or BF (the middle byte of EF BF BE): most of a Chinese text's
 * bytes. */
static size_t
run_end(const char *s, size_t i, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	bool ink = false;

	for (;;) {
		size_t k = len;

		if (len - i >= 8) {
			uint64_t x = swar_load(s + i);

			/* '<' and '>' are 3E with bit 1 set; DEL and BF
			 * (and '?', FF) are FF with bits 6 and 7 set */
			if ((swar_below(x, '(') |
			     swar_has(x | SWAR_ONES * 0x02, '>') |
			     swar_has(x | SWAR_ONES * 0xc0, 0xff)) == 0) {
				ink = true;
				i += 8;
				continue;
			}
			k = i + 8;
		} else if (i >= len)
			return 0;
		for (; i < k; i++) {
			unsigned char c = u[i], d = i + 1 < len ? u[i + 1] : 0;

			if (c == '<')
				return ink ? i : 0;
			if (c < 0x20 || c == 0x7f || c == '&' || c == '"' ||
			    c == '\'' || c == '>' ||
			    (c == 0xbf && u[i - 1] == 0xef && d >= 0xbe))
				return 0;
			ink |= c != ' ';
		}
	}
}

/* Has s a character that would read as a mask character (planes 15 and
 * 16)? */
static bool
mask_unsafe(const char *s, size_t len)
{
	return memchr(s, 0xf3, len) != NULL || memchr(s, 0xf4, len) != NULL;
}

static void
mask_free(struct mask *m)
{
	free(m->run);
	buf_free(&m->text);
}

/* Mask the runs of the page s (see struct mask): false when none is. */
static bool
mask_page(const char *s, size_t len, struct mask *m)
{
	const char *gt;
	size_t i = 0, from = 0;

	memset(m, 0, sizeof *m);
	m->page = s;
	/* an invalid page is sanitised a piece at a time as libxml2 reads
	 * it (read_piece), and the sanitiser may drop what follows a C1
	 * control in the piece: its runs must be read so too */
	if (!masking || mask_unsafe(s, len) || !text_is_utf8(s, len))
		return false;
	while (m->n < MASK_MAX && (gt = memchr(s + i, '>', len - i)) != NULL) {
		size_t a = (size_t)(gt - s) + 1, e = run_end(s, a, len);

		i = a;
		if (e == 0 || e - a < MASK_MIN)
			continue;
		buf_add(&m->text, s + from, a - from);
		buf_addu(&m->text, m->n < MASK_PLANE
		                       ? 0xf0000 + (uint32_t)m->n
		                       : 0x100000 + (uint32_t)(m->n - MASK_PLANE));
		if (m->n == m->cap)
			m->run = xreallocarray(m->run, m->cap = m->cap * 2 + 256,
			                       sizeof *m->run);
		m->run[m->n].off = a;
		m->run[m->n++].len = e - a;
		from = i = e;
	}
	if (m->n == 0)
		return false;
	buf_add(&m->text, s + from, len - from);
	return true;
}

/*
 * The page is parsed whole (libxml2's pull parser), not pushed in chunks:
 * the push parser stops at an end tag that empties its stack (</html>,
 * or a stray </p> before any element) and drops the rest of the page.
 */
int
source_html(const char *s, size_t len, int line0, int flags, source_sink *sink,
            void *ctx)
{
	htmlSAXHandler sax;
	xmlParserInputBufferPtr in;
	xmlParserInputPtr stream;
	struct reader rd;
	struct mask m;
	struct hw h;
	char *bounded;
	size_t blen = 0;
	int rc = 0;

	if (source_html_missing() != NULL)
		return -1;
	memset(&h, 0, sizeof h);
	h.sink = sink;
	h.ctx = ctx;
	h.flags = flags;
	h.line0 = line0;
	bounded = source_html_bound(s, len, SOURCE_HTML_MAX_DEPTH, &blen);
	if (bounded != NULL) {
		s = bounded;
		len = blen;
	}
	/* libxml2 reads the page through a callback, a piece at a time,
	 * not as a copy made whole first */
	if (len > INT_MAX || (h.px = lx.htmlNewParserCtxt()) == NULL) {
		free(bounded);
		return -1;
	}
	memset(&rd, 0, sizeof rd);
	if (mask_page(s, len, &m)) {
		h.mask = &m;
		rd.s = m.text.s;
		rd.left = m.text.len;
	} else {
		rd.s = s;
		rd.left = len;
	}
	in = lx.xmlParserInputBufferCreateIO(read_piece, NULL, &rd,
	                                     XML_CHAR_ENCODING_NONE);
	stream = in != NULL ? lx.xmlNewIOInputStream(h.px, in,
	                                             XML_CHAR_ENCODING_NONE)
	                    : NULL;
	if (stream == NULL || lx.inputPush(h.px, stream) < 0) {
		if (stream == NULL && in != NULL)
			lx.xmlFreeParserInputBuffer(in);
		lx.htmlFreeParserCtxt(h.px);
		mask_free(&m);
		free(bounded);
		return -1;
	}
	memset(&sax, 0, sizeof sax);
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.cdataBlock = on_text;
	sax.comment = on_comment;
	sax.serror = on_error;
	sax.initialized = XML_SAX2_MAGIC; /* so that serror is used */
	memcpy(h.px->sax, &sax, sizeof sax);
	h.px->userData = &h;
	/* UTF-8 whatever a <meta charset> says: the page already is */
	lx.htmlCtxtUseOptions(h.px, HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                                HTML_PARSE_NONET |
	                                HTML_PARSE_IGNORE_ENC);
	lx.xmlSwitchEncoding(h.px, XML_CHAR_ENCODING_UTF8);
	lx.htmlParseDocument(h.px);
	/* a page's errors are mended by libxml2 and not counted; only a
	 * parser that ran out of memory stopped short */
	if (h.px->errNo == XML_ERR_NO_MEMORY)
		rc = -1;
	hw_flush(&h);
	hw_release(&h);
	if (h.tb != NULL)
		table_builder_free(h.tb);
	lx.htmlFreeParserCtxt(h.px);
	buf_free(&rd.fixed);
	buf_free(&h.cur);
	buf_free(&h.scratch);
	buf_free(&h.unmasked);
	free(h.tags);
	mask_free(&m);
	free(bounded);
	return rc;
}

bool
source_is_html_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	return dot != NULL &&
	       (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
}
