/*
 * source-html.c: the HTML source. Gumbo (an HTML5 parser: whatever the
 * page, a tree, the way a browser builds it) parses whole .html/.htm
 * pages (the papers' e-paper sites: <h3> kicker, <h1> headline, <h2>
 * subtitle, <founder-content><p>) and the HTML blocks inside Markdown
 * (MinerU's and PP-StructureV3's <div>s and <table>s, docling's
 * <!-- image -->). The tree is walked with a stack of its own (nesting
 * 100k deep costs no C stack) and turned into the same leaf blocks as
 * Markdown's:
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
 * Text is already sanitised (the page was); gumbo decodes the entities
 * and the result is sanitised again. Links keep their text, never the
 * address (javascript: never shows).
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "buf.h"
#include "load-flags.h"
#include "scan.h"
#include "source.h"
#include "table.h"
#include "text.h"
#include "xmalloc.h"

struct hw {
	source_sink *sink;
	void *ctx;
	int flags;
	int line0;
	struct buf cur;
	bool open;
	enum source_kind kind;
	int level;
	int line;
	bool caption;
	bool soft;  /* white space with a newline waits for the next text */
	bool space; /* other white space waits */
	int quote;
	struct table_builder *tb;
	const GumboNode *table; /* the <table> being read */
	bool in_cell;
	int colspan, rowspan;
	struct source_block held; /* a kicker (<h3>) waiting for its <h1> */
	bool after_h1; /* the last block was an <h1>: an <h2> is its subtitle */
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
	t = text_sanitize(s, len, 0, &len);
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
	if (h->flags & LOAD_ASCII_PUNCT) {
		size_t tl;
		char *p = text_ascii_punct(r.text, r.len, &tl);

		if (p != NULL) {
			free(r.text);
			r.text = p;
			r.len = tl;
		}
	}
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

static int
node_line(const struct hw *h, const GumboNode *n)
{
	unsigned l = 0;

	if (n->type == GUMBO_NODE_ELEMENT)
		l = n->v.element.start_pos.line;
	else if (n->type != GUMBO_NODE_DOCUMENT)
		l = n->v.text.start_pos.line;
	return h->line0 + (int)(l > 0 ? l : 1);
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

		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r' || s[i] == '\f') {
			if (s[i] == '\n')
				h->soft = true;
			else
				h->space = true;
			i++;
			continue;
		}
		start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' &&
		       s[i] != '\r' && s[i] != '\f')
			i++;
		if ((h->soft || h->space) && h->cur.len > 0 &&
		    h->cur.s[h->cur.len - 1] != '\n') {
			uint32_t prev = scan_last(h->cur.s, h->cur.len);
			uint32_t next = scan_first(s + start, i - start);

			if (h->space || !(h->flags & LOAD_JOIN_LINES) ||
			    text_join_needs_space(prev, next))
				buf_addc(&h->cur, ' ');
		}
		h->soft = h->space = false;
		buf_add(&h->cur, s + start, i - start);
	}
}

static const char *
attr(const GumboNode *n, const char *name)
{
	const GumboAttribute *a =
	    gumbo_get_attribute(&n->v.element.attributes, name);

	return a != NULL ? a->value : NULL;
}

/* colspan="3": 1 when absent or odd. */
static int
span_of(const GumboNode *n, const char *name)
{
	const char *v = attr(n, name);
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

/* Elements that end a line of text and start another. */
static bool
is_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_P:
	case GUMBO_TAG_DIV:
	case GUMBO_TAG_SECTION:
	case GUMBO_TAG_ARTICLE:
	case GUMBO_TAG_HEADER:
	case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_MAIN:
	case GUMBO_TAG_NAV:
	case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BODY:
	case GUMBO_TAG_HTML:
	case GUMBO_TAG_FIGURE:
	case GUMBO_TAG_UL:
	case GUMBO_TAG_OL:
	case GUMBO_TAG_DL:
	case GUMBO_TAG_DT:
	case GUMBO_TAG_DD:
	case GUMBO_TAG_PRE:
	case GUMBO_TAG_ADDRESS:
	case GUMBO_TAG_CENTER:
	case GUMBO_TAG_FORM:
	case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_HR:
	case GUMBO_TAG_CAPTION:
		return true;
	default:
		return false;
	}
}

/* Is n an element whose tag is unknown to gumbo but named name? */
static bool
unknown_named(const GumboNode *n, const char *name)
{
	GumboStringPiece p = n->v.element.original_tag;
	size_t k = strlen(name);

	gumbo_tag_from_original_text(&p);
	return n->v.element.tag == GUMBO_TAG_UNKNOWN && p.length == k &&
	       strncasecmp(p.data, name, k) == 0;
}

/*
 * Entering element n; false: skip its children. Long on purpose: one case
 * per element, the whole HTML-to-block mapping of issue 13 (hidden
 * content, headings, lists, tables, figures, breaks) read in one switch,
 * each case a line or two that calls the builder.
 */
static bool
enter(struct hw *h, const GumboNode *n)
{
	GumboTag t = n->v.element.tag;
	int line = node_line(h, n);

	switch (t) {
	case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_STYLE:
	case GUMBO_TAG_TEMPLATE:
	case GUMBO_TAG_HEAD:
	case GUMBO_TAG_NOSCRIPT:
	case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_SVG:
	case GUMBO_TAG_MATH:
	case GUMBO_TAG_SELECT:
	case GUMBO_TAG_TEXTAREA:
		return false;
	case GUMBO_TAG_H1:
	case GUMBO_TAG_H2:
	case GUMBO_TAG_H3:
	case GUMBO_TAG_H4:
	case GUMBO_TAG_H5:
	case GUMBO_TAG_H6:
		if (h->in_cell)
			break;
		hw_begin(h, SOURCE_HEAD, (int)(t - GUMBO_TAG_H1) + 1, line);
		break;
	case GUMBO_TAG_LI:
		if (!h->in_cell)
			hw_begin(h, SOURCE_ITEM, 0, line);
		break;
	case GUMBO_TAG_BLOCKQUOTE:
		if (!h->in_cell) {
			hw_flush(h);
			h->quote++;
		}
		break;
	case GUMBO_TAG_FIGCAPTION:
		if (!h->in_cell) {
			hw_begin(h, SOURCE_PARA, 0, line);
			h->caption = true;
		}
		break;
	case GUMBO_TAG_BR:
		if (h->open && h->kind == SOURCE_HEAD && !h->in_cell)
			h->soft = true; /* a title's lines are one title */
		else if (h->open && h->cur.len > 0) {
			buf_addc(&h->cur, '\n');
			h->soft = h->space = false;
		}
		break;
	case GUMBO_TAG_IMG:
		hw_figure(h, attr(n, "src"), attr(n, "alt"), line);
		break;
	case GUMBO_TAG_A: {
		/* a javascript: link is a control of the site (上一版), not
		 * the paper's text: neither it nor its address shows */
		const char *href = attr(n, "href");

		while (href != NULL &&
		       (*href == ' ' || *href == '\t' || *href == '\n'))
			href++;
		if (href != NULL && strncasecmp(href, "javascript:", 11) == 0)
			return false;
		break;
	}
	case GUMBO_TAG_TABLE:
		if (h->tb != NULL)
			break; /* a table in a table: its text */
		hw_flush(h);
		h->tb = table_builder_new();
		h->table = n;
		break;
	case GUMBO_TAG_TR:
		if (h->tb != NULL && h->table != NULL && !h->in_cell) {
			const GumboNode *p = n->parent;

			table_row(h->tb,
			          p != NULL && p->type == GUMBO_NODE_ELEMENT &&
			              p->v.element.tag == GUMBO_TAG_THEAD);
		}
		break;
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		if (h->tb != NULL && !h->in_cell) {
			hw_flush(h);
			h->open = true;
			h->kind = SOURCE_PARA;
			h->line = line;
			h->soft = h->space = false;
			h->in_cell = true;
			h->colspan = span_of(n, "colspan");
			h->rowspan = span_of(n, "rowspan");
		}
		break;
	default:
		if (h->in_cell)
			break;
		if (is_block(t) || unknown_named(n, "founder-content"))
			hw_flush(h);
		break;
	}
	return true;
}

/* Leaving element n (its children done). */
static void
leave(struct hw *h, const GumboNode *n)
{
	GumboTag t = n->v.element.tag;

	switch (t) {
	case GUMBO_TAG_TD:
	case GUMBO_TAG_TH:
		if (h->in_cell && h->tb != NULL) {
			/* is this the cell's own element? */
			const GumboNode *p = n->parent;

			while (p != NULL && p->type == GUMBO_NODE_ELEMENT &&
			       p->v.element.tag != GUMBO_TAG_TABLE)
				p = p->parent;
			if (p == h->table)
				hw_flush(h);
		}
		break;
	case GUMBO_TAG_TABLE:
		if (n == h->table) {
			struct source_block r;

			hw_flush(h);
			memset(&r, 0, sizeof r);
			r.kind = SOURCE_TABLE;
			r.line = node_line(h, n);
			r.quote = h->quote > 0;
			r.table = table_finish(h->tb, &r.text, &r.len);
			h->tb = NULL;
			h->table = NULL;
			hw_release(h);
			h->after_h1 = false;
			if (r.table != NULL)
				h->sink(h->ctx, &r);
			free(r.text);
			table_free(r.table);
		}
		break;
	case GUMBO_TAG_BLOCKQUOTE:
		if (!h->in_cell) {
			hw_flush(h);
			if (h->quote > 0)
				h->quote--;
		}
		break;
	default:
		if (h->in_cell)
			break;
		if ((t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6) ||
		    t == GUMBO_TAG_LI || t == GUMBO_TAG_FIGCAPTION ||
		    is_block(t) || unknown_named(n, "founder-content"))
			hw_flush(h);
		break;
	}
}

/* docling's <!-- image -->: a figure with no file. */
static void
comment(struct hw *h, const GumboNode *n)
{
	const char *s = n->v.text.text;
	size_t len = strlen(s);

	scan_trim(&s, &len);
	if (len == 5 && strncasecmp(s, "image", 5) == 0)
		hw_figure(h, NULL, NULL, node_line(h, n));
}

/* Void elements: a start tag with no end. */
static bool
is_void(const char *name, size_t n)
{
	static const char *const v[] = {
	    "area",  "base", "br",   "col",   "embed",  "hr",    "img",
	    "input", "link", "meta", "param", "source", "track", "wbr"};
	size_t i;

	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (strlen(v[i]) == n && strncasecmp(v[i], name, n) == 0)
			return true;
	return false;
}

/*
 * s without the tags nested deeper than max: a start tag past the depth
 * goes, and so does one end tag for each start tag that went; text,
 * comments and the other tags stay. Gumbo checks the open elements
 * from the top on every end tag, so 100k nested <div>s cost it
 * minutes; a newspaper never nests that deep. NULL when s is not that
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
			i++;
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

struct frame {
	const GumboNode *n;
	unsigned i; /* next child */
};

/* The tree from root, depth first, with a stack of our own. */
static void
walk(struct hw *h, const GumboNode *root)
{
	struct frame *st = NULL;
	size_t n = 0, cap = 0;

	st = xreallocarray(NULL, cap = 64, sizeof *st);
	st[n].n = root;
	st[n++].i = 0;
	while (n > 0) {
		struct frame *f = &st[n - 1];
		const GumboVector *kids;
		const GumboNode *c;

		kids = f->n->type == GUMBO_NODE_DOCUMENT
		           ? &f->n->v.document.children
		           : &f->n->v.element.children;
		if (f->i >= kids->length) {
			if (f->n->type == GUMBO_NODE_ELEMENT ||
			    f->n->type == GUMBO_NODE_TEMPLATE)
				leave(h, f->n);
			n--;
			continue;
		}
		c = kids->data[f->i++];
		switch (c->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_CDATA:
		case GUMBO_NODE_WHITESPACE:
			hw_text(h, c->v.text.text, strlen(c->v.text.text),
			        node_line(h, c));
			break;
		case GUMBO_NODE_COMMENT:
			comment(h, c);
			break;
		case GUMBO_NODE_ELEMENT:
			if (!enter(h, c))
				break;
			if (n == cap)
				st = xreallocarray(st, cap *= 2, sizeof *st);
			st[n].n = c;
			st[n++].i = 0;
			break;
		default:
			break;
		}
	}
	free(st);
}

int
source_html(const char *s, size_t len, int line0, int flags, source_sink *sink,
            void *ctx)
{
	GumboOptions o = kGumboDefaultOptions;
	GumboOutput *out;
	struct hw h;
	char *bounded;
	size_t blen = 0;

	memset(&h, 0, sizeof h);
	h.sink = sink;
	h.ctx = ctx;
	h.flags = flags;
	h.line0 = line0;
	o.max_errors = 0; /* we do not read them */
	bounded = source_html_bound(s, len, SOURCE_HTML_MAX_DEPTH, &blen);
	if (bounded != NULL) {
		s = bounded;
		len = blen;
	}
	out = gumbo_parse_with_options(&o, s, len);
	if (out == NULL) {
		free(bounded);
		return -1;
	}
	walk(&h, out->document);
	hw_flush(&h);
	hw_release(&h);
	if (h.tb != NULL)
		table_builder_free(h.tb);
	gumbo_destroy_output(&o, out);
	buf_free(&h.cur);
	free(bounded);
	return 0;
}

bool
source_is_html_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	return dot != NULL &&
	       (strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
}
