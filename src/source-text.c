/*
 * source-text.c: the plain-text source, and what both sources share:
 * converters' page separators and the choice between them.
 *
 * Plain text is what pdftotext (with and without -layout) and OCR tools
 * (Umi-OCR, Tesseract: one line per text line, no blank lines) write. It
 * has no marks, so the blocks come from the shape of the lines:
 *  - pdftotext -layout columns (cells split by runs of 3+ spaces starting
 *    at the same positions on several lines) are read one column after
 *    the other, down to the next line that spans them;
 *  - a paragraph ends at a blank line, before an indented line (　　 or
 *    two spaces), and after a line that ends a sentence (。！？” …) and is
 *    shorter than the page's typical line;
 *  - a short line standing alone (blank lines around it, no sentence
 *    punctuation, not a byline, credit or jump) is a heading: level 1 at
 *    the top of the page, else 2, so the page rules see the masthead,
 *    page title and headlines as they see Markdown's.
 * Lines of a paragraph join as Markdown's soft breaks do (load.h flags).
 * It must not drop text: every non-blank line ends up in one block.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "layout.h"
#include "load-flags.h"
#include "recog.h"
#include "scan.h"
#include "source.h"
#include "text.h"
#include "width.h"
#include "xmalloc.h"

/* Lines narrower than this (columns) may stand alone as a heading. */
#define TEXT_HEAD_MAX 60
/* Cells starting up to this many columns after a column's start are
 * indented paragraphs of that column, not a column of their own. */
#define TEXT_INDENT_MAX 7
/* A column starts at the same position on at least this many lines. */
#define TEXT_COL_MIN 3

/* One line (or one column's cell of it), borrowed from the text. */
struct tline {
	const char *s; /* without the indentation */
	size_t len;    /* 0: blank */
	int indent;    /* leading spaces, U+3000 counts two */
	int width;     /* display columns */
	int line;      /* 1-based line in the file */
};

struct tsrc {
	struct tline *l;
	size_t n;
	int flags;
	source_sink *sink;
	void *ctx;
	bool top; /* nothing handed on yet on this page */
};

static bool
all_dashes(const char *s, size_t len, size_t min)
{
	size_t i;

	for (i = 0; i < len && s[i] == '-'; i++)
		continue;
	return i >= min && i == len;
}

bool
source_page_mark(const char *s, size_t len, int *ended, int *next)
{
	long v;
	int nd;
	size_t k;

	*ended = *next = 0;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	/* marker: "{N}" then the separator, before page index N */
	if (len > 4 && s[0] == '{') {
		k = scan_digits(s + 1, len - 1, &v, &nd);
		if (k == 0 || k > 5 || 2 + k > len || s[1 + k] != '}' ||
		    !all_dashes(s + 2 + k, len - 2 - k, 3))
			return false;
		*next = (int)v + 1;
		return true;
	}
	/* pymupdf4llm: "--- end of page=N ---", after page number N */
	if (len > 20 && scan_prefix(s, len, "--- end of page=") &&
	    scan_suffix(s, len, " ---")) {
		k = scan_digits(s + 16, len - 16, &v, &nd);
		if (k == 0 || k > 5 || 16 + k + 4 != len)
			return false;
		*ended = (int)v + 1;
		*next = (int)v + 2;
		return true;
	}
	return false;
}

bool
source_heading_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && i < 3 && s[i] == ' ')
		i++;
	s += i;
	len -= i;
	if (len < 2 || s[0] != '#')
		return false;
	for (i = 0; i < len && i < 7 && s[i] == '#'; i++)
		continue;
	return i <= 6 && i < len && s[i] == ' ';
}

/* A line that Markdown would read as structure. */
static int
md_mark(const char *s, size_t len)
{
	size_t i = 0;

	if (source_heading_line(s, len))
		return 2; /* an ATX heading settles it */
	while (i < len && i < 3 && s[i] == ' ')
		i++;
	s += i;
	len -= i;
	if (len >= 2 &&
	    (s[0] == '-' || s[0] == '*' || s[0] == '+' || s[0] == '>') &&
	    s[1] == ' ')
		return 1;
	if (scan_prefix(s, len, "```") || scan_prefix(s, len, "**") ||
	    scan_contains(s, len, "]("))
		return 1;
	return 0;
}

bool
source_is_markdown_name(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	return dot != NULL && (strcasecmp(dot, ".md") == 0 ||
	                       strcasecmp(dot, ".markdown") == 0);
}

bool
source_is_text(const char *name, const char *s, size_t len)
{
	const char *dot = name ? strrchr(name, '.') : NULL;
	size_t i = 0, n = 0, blank = 0, marks = 0;
	bool txt = dot != NULL && strcasecmp(dot, ".txt") == 0;
	bool prev_blank = true, inner_blank = false;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - s) : len;
		const char *l = s + i;
		size_t ll = end - i;
		int m;

		scan_trim(&l, &ll);
		if (ll == 0) {
			blank++;
			prev_blank = true;
		} else {
			if (prev_blank && n > 0)
				inner_blank = true;
			prev_blank = false;
			n++;
			if ((m = md_mark(s + i, end - i)) == 2)
				return false;
			marks += (size_t)m;
		}
		i = nl ? end + 1 : len;
	}
	if (txt)
		return marks < 2;
	/* Others: Markdown, unless line-per-line text with no marks. */
	return marks == 0 && n >= 3 && !inner_blank;
}

/* ---- lines and columns ------------------------------------------------ */

static void
add_line(struct tsrc *t, const char *s, size_t len, int line)
{
	struct tline *l;
	uint32_t c;
	size_t k;
	int ind = 0, w = 0;

	while (len > 0 && (k = text_next(s, len, &c)) && scan_is_space(c)) {
		ind += c == 0x3000 ? 2 : 1;
		s += k;
		len -= k;
	}
	while (len > 0 && scan_is_space(scan_last(s, len)))
		len -= text_prev(s, len, &c);
	/* display columns: CJK two, the rest one, as the page was set */
	for (k = 0; k < len;) {
		k += text_next(s + k, len - k, &c);
		w += text_is_cjk(c) ? 2 : 1;
	}
	t->l = xgrow(t->l, t->n, sizeof *t->l);
	l = &t->l[t->n++];
	l->s = s;
	l->len = len;
	l->indent = len ? ind : 0;
	l->width = w;
	l->line = line;
}

/*
 * The cells of one -layout line: runs of text split by 3+ spaces. pos[]
 * their starting columns (code points), off[]/end[] their bytes. At most
 * max cells; returns the count.
 */
static size_t
layout_cells(const char *s, size_t len, size_t *pos, size_t *off, size_t *end,
             size_t max)
{
	size_t i = 0, col = 0, n = 0, spaces = 0, k;
	uint32_t c;
	bool in = false;

	while (i < len) {
		k = text_next(s + i, len - i, &c);
		if (c == ' ') {
			spaces++;
			if (in && spaces >= 3) {
				in = false;
				end[n - 1] = i - 2;
			}
		} else {
			if (!in && n < max && (n == 0 || spaces >= 3)) {
				pos[n] = col;
				off[n] = i;
				end[n] = len;
				n++;
			}
			in = true;
			spaces = 0;
		}
		i += k;
		col++;
	}
	if (n > 0 && in)
		end[n - 1] = len;
	return n;
}

#define MAX_COLS 8

/*
 * The column starts of a -layout stretch: positions (after the first
 * cell) where cells start on TEXT_COL_MIN lines or more, near ones
 * merged. Returns how many (0: not columns).
 */
static size_t
layout_starts(const char *s, size_t len, size_t *starts)
{
	size_t hist[512] = {0}, i = 0, n = 0, p, pos[MAX_COLS], off[MAX_COLS],
	       end[MAX_COLS], k, j, best;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;

		k = layout_cells(s + i, e - i, pos, off, end, MAX_COLS);
		for (j = 1; j < k; j++)
			if (pos[j] < 512)
				hist[pos[j]]++;
		i = nl ? e + 1 : len;
	}
	for (p = 0; p < 512 && n < MAX_COLS - 1; p++) {
		if (hist[p] == 0)
			continue;
		/* a cluster: starts within 3 columns of each other */
		best = 0;
		for (j = p; j < 512 && j < p + 4; j++)
			best += hist[j];
		if (best >= TEXT_COL_MIN) {
			starts[n++] = p;
			/* starts a few columns on are the column's own
			 * paragraph indentation (4 spaces, or 　　) */
			p += TEXT_INDENT_MAX;
		}
	}
	return n;
}

static size_t
width_of(const char *s, size_t len)
{
	size_t w = 0, k = 0;
	uint32_t c;

	while (k < len) {
		k += text_next(s + k, len - k, &c);
		w++;
	}
	return w;
}

struct row {
	const char *s;
	size_t len, ncells;
	size_t col[MAX_COLS + 1], cend[MAX_COLS + 1]; /* cend 0: no cell */
	bool spans;
	int line;
};

/* Rows[from, to) read column by column, a blank line after each column. */
static void
flush_columns(struct tsrc *t, const struct row *rows, size_t from, size_t to,
              size_t ncol)
{
	size_t c, r;

	if (from == to)
		return;
	for (c = 0; c < ncol; c++) {
		for (r = from; r < to; r++)
			add_line(t, rows[r].s + rows[r].col[c],
			         rows[r].cend[c] - rows[r].col[c],
			         rows[r].line);
		add_line(t, "", 0, rows[to - 1].line);
	}
}

/*
 * Lines of s[0, len) into t: with -layout columns, the lines between two
 * lines that span the columns (one running across the gutter, or one
 * standing alone between blank lines, as a headline centred over them)
 * are read column by column; else line by line.
 */
static void
read_lines(struct tsrc *t, const char *s, size_t len, int line0)
{
	size_t starts[MAX_COLS], nst, i = 0, pos[MAX_COLS], off[MAX_COLS],
	                              end[MAX_COLS], k, j, c, r, run = 0,
	                              nrows = 0;
	struct row *rows = NULL, *rw;
	int line = line0;

	nst = layout_starts(s, len, starts);
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;

		if (nst == 0) {
			add_line(t, s + i, e - i, ++line);
			i = nl ? e + 1 : len;
			continue;
		}
		rows = xgrow(rows, nrows, sizeof *rows);
		rw = &rows[nrows++];
		memset(rw, 0, sizeof *rw);
		rw->s = s + i;
		rw->len = e - i;
		rw->line = ++line;
		k = layout_cells(s + i, e - i, pos, off, end, MAX_COLS);
		rw->ncells = k;
		/* one cell from the first column running past the second's
		 * start: a line across the columns */
		rw->spans = k == 1 && pos[0] + 2 < starts[0] &&
		            width_of(s + i, e - i) > starts[0] + 2;
		for (j = 0; j < k; j++) {
			size_t o = off[j], col0;

			for (c = 0; c < nst && pos[j] + 2 >= starts[c]; c++)
				continue;
			/* keep the indentation inside the column */
			col0 = c > 0 ? starts[c - 1] : 0;
			while (o > 0 && pos[j] - (off[j] - o) > col0 &&
			       s[i + o - 1] == ' ')
				o--;
			if (rw->cend[c] == 0)
				rw->col[c] = o;
			rw->cend[c] = end[j];
		}
		i = nl ? e + 1 : len;
	}
	for (r = 0; r < nrows; r++) {
		rw = &rows[r];
		/* a line alone between blank lines (a headline centred over
		 * the columns) spans them too */
		if (rw->ncells == 1 && (r == 0 || rows[r - 1].ncells == 0) &&
		    r + 1 < nrows && rows[r + 1].ncells == 0)
			rw->spans = true;
		if (rw->spans) {
			flush_columns(t, rows, run, r, nst + 1);
			add_line(t, rw->s, rw->len, rw->line);
			run = r + 1;
		}
	}
	flush_columns(t, rows, run, nrows, nst + 1);
	free(rows);
}

/* ---- paragraphs and headings ------------------------------------------ */

static int
width_cmp(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

/* The width most full lines of the text have: its upper quartile. */
static int
typical_width(const struct tsrc *t)
{
	int *w = xmalloc((t->n + 1) * sizeof *w), r;
	size_t i, n = 0;

	for (i = 0; i < t->n; i++)
		if (t->l[i].len > 0)
			w[n++] = t->l[i].indent + t->l[i].width;
	if (n == 0) {
		free(w);
		return 0;
	}
	qsort(w, n, sizeof *w, width_cmp);
	r = w[n * 3 / 4];
	free(w);
	return r;
}

/* A sentence ends the line: 。！？ … and closing quotes after them. */
static bool
ends_sentence(const struct tline *l)
{
	uint32_t c = scan_last(l->s, l->len);

	return c == 0x3002 || c == 0xff01 || c == 0xff1f || c == 0x2026 ||
	       c == 0x201d || c == 0x300d || c == 0x300f || c == '.' ||
	       c == '!' || c == '?';
}

/* Sentence punctuation, but not the point or comma of a number (3.2万,
 * 1,200). */
static bool
sentence_punct(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((s[i] == '.' || s[i] == ',') && i > 0 && i + 1 < len &&
		    s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' &&
		    s[i + 1] <= '9')
			continue;
		else if (scan_has_sentence_punct(s + i, 1))
			return true;
		else if ((unsigned char)s[i] >= 0x80) {
			size_t k = 1;

			while (i + k < len && ((unsigned char)s[i + k] & 0xc0) == 0x80)
				k++;
			if (scan_has_sentence_punct(s + i, k))
				return true;
			i += k - 1;
		}
	return false;
}

/* A line that stands alone and could be a headline. */
static bool
head_line(const struct tline *l)
{
	int page, dir;

	return l->len > 0 && l->width <= TEXT_HEAD_MAX &&
	       !sentence_punct(l->s, l->len) &&
	       !(scan_contains(l->s, l->len, "年") &&
	         scan_contains(l->s, l->len, "日")) &&
	       !recog_byline(l->s, l->len) && !recog_credit(l->s, l->len) &&
	       !recog_jump(l->s, l->len, &page, &dir);
}

static void
emit(struct tsrc *t, enum source_kind kind, int level, int line, struct buf *b)
{
	struct source_block rb;
	size_t tl;
	char *p;

	memset(&rb, 0, sizeof rb);
	rb.kind = kind;
	rb.level = level;
	rb.line = line;
	rb.len = b->len;
	rb.text = buf_take(b, &rb.len);
	if (rb.text == NULL)
		rb.text = xstrdup("");
	if ((t->flags & LOAD_ASCII_PUNCT) &&
	    (p = text_ascii_punct(rb.text, rb.len, &tl)) != NULL) {
		free(rb.text);
		rb.text = p;
		rb.len = tl;
	}
	t->top = false;
	t->sink(t->ctx, &rb);
	free(rb.text);
}

/* Line l joins the paragraph in b, as a soft break would. */
static void
join_line(struct tsrc *t, struct buf *b, const struct tline *l)
{
	enum text_hyphen h = TEXT_HYPHEN_NONE;
	uint32_t prev, next;
	bool space = true;

	if (b->len > 0) {
		prev = scan_last(b->s, b->len);
		next = scan_first(l->s, l->len);
		if (t->flags & LOAD_JOIN_LINES) {
			h = text_line_hyphen(b->s, b->len, l->s, l->len);
			if (h == TEXT_HYPHEN_DROP)
				b->s[--b->len] = '\0';
			space = h == TEXT_HYPHEN_NONE &&
			        text_join_needs_space(prev, next);
		}
		if (space)
			buf_addc(b, ' ');
	}
	buf_add(b, l->s, l->len);
}

/*
 * Line per line OCR (Umi-OCR): no blank lines between blocks. Then a
 * line that is a byline, credit, jump or furniture is a block of its
 * own, a caption starts one, and a short line ends its block.
 */
static bool
dense_text(const struct tsrc *t)
{
	size_t i, blank = 0, text = 0;

	for (i = 0; i < t->n; i++) {
		if (t->l[i].len == 0)
			blank++;
		else
			text++;
	}
	return text >= 8 && blank * 6 < text;
}

/* The line ends inside an English word ("Inter-", "Electro"): the text
 * goes on, however short the line. */
static bool
word_goes_on(const struct tline *l)
{
	uint32_t c = scan_last(l->s, l->len);

	return c == '-' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The line under a masthead: its English title or the publication
 * line (a date, 第N期). */
static bool
under_masthead(const struct tline *l)
{
	return l->len > 0 &&
	       (recog_latin_line(l->s, l->len) ||
	        scan_contains(l->s, l->len, "期") ||
	        (scan_contains(l->s, l->len, "年") &&
	         scan_contains(l->s, l->len, "日")));
}

/* A contents entry: short, ending in its page ("… 3", "… 3版"). */
static bool
entry_line(const struct tline *l)
{
	int page;

	return l->width <= 40 &&
	       recog_contents_entry(l->s, l->len, &page, NULL);
}

/* A line that is a block of its own in dense text. */
static bool
own_line(const struct tline *l)
{
	int page, dir;

	return recog_byline(l->s, l->len) || recog_credit(l->s, l->len) ||
	       recog_jump(l->s, l->len, &page, &dir) ||
	       recog_furniture(l->s, l->len);
}

/*
 * The lines of t as blocks. first: the stretch starts the file. Long on
 * purpose: one pass over the lines whose state (the paragraph being
 * joined, the masthead lines, the break before) every rule reads and
 * sets; the rules are in the order they must be tried, so splitting
 * them would pass that state around without making the order clearer.
 */
static void
text_blocks(struct tsrc *t, bool first)
{
	struct buf b = {0};
	size_t i;
	int typ = typical_width(t), start = 0;
	bool brk = true, dense = dense_text(t), mast = false;

	for (i = 0; i < t->n; i++) {
		const struct tline *l = &t->l[i];
		bool alone;

		if (l->len == 0) {
			if (b.len > 0)
				emit(t, SOURCE_PARA, 0, start, &b);
			brk = true;
			mast = false;
			continue;
		}
		/* The file's first line, short and plain: the masthead; the
		 * lines under it (the English title, the publication line)
		 * are blocks of their own up to the first blank line. */
		if (first && t->top && b.len == 0 && head_line(l) &&
		    !word_goes_on(l) && i + 1 < t->n &&
		    under_masthead(&t->l[i + 1])) {
			buf_add(&b, l->s, l->len);
			emit(t, SOURCE_HEAD, 1, l->line, &b);
			mast = true;
			continue;
		}
		if (mast) {
			start = l->line;
			join_line(t, &b, l);
			emit(t, SOURCE_PARA, 0, start, &b);
			continue;
		}
		alone = (i == 0 || t->l[i - 1].len == 0) && i + 1 < t->n &&
		        t->l[i + 1].len == 0;
		/* a contents box's entries: one a line */
		if (entry_line(l) &&
		    ((i > 0 && entry_line(&t->l[i - 1])) ||
		     (i + 1 < t->n && entry_line(&t->l[i + 1])))) {
			if (b.len > 0)
				emit(t, SOURCE_PARA, 0, start, &b);
			start = l->line;
			join_line(t, &b, l);
			emit(t, SOURCE_PARA, 0, start, &b);
			brk = true;
			continue;
		}
		if (dense && (own_line(l) || recog_caption(l->s, l->len))) {
			if (b.len > 0)
				emit(t, SOURCE_PARA, 0, start, &b);
			start = l->line;
			join_line(t, &b, l);
			brk = own_line(l) || ends_sentence(l);
			if (brk)
				emit(t, SOURCE_PARA, 0, start, &b);
			continue;
		}
		/* dense: a short line after a block's end, before an indented
		 * line or a byline, is a headline (not when a title of the
		 * same kind follows: a slogan over a headline) */
		if (dense && brk && l->indent < 2 && head_line(l) &&
		    l->width < typ - 6 && i + 1 < t->n &&
		    t->l[i + 1].len > 0 &&
		    (t->l[i + 1].indent >= 2 || own_line(&t->l[i + 1]))) {
			if (b.len > 0)
				emit(t, SOURCE_PARA, 0, start, &b);
			buf_add(&b, l->s, l->len);
			emit(t, SOURCE_HEAD, t->top && first ? 1 : 2, l->line,
			     &b);
			brk = true;
			continue;
		}
		if (alone && head_line(l)) {
			size_t j;

			/* a heading needs text after it */
			for (j = i + 1; j < t->n && t->l[j].len == 0; j++)
				continue;
			if (j < t->n) {
				int lv = t->top && (first || recog_page_heading(
				                                 l->s, l->len))
				             ? 1
				             : 2;

				buf_add(&b, l->s, l->len);
				emit(t, SOURCE_HEAD, lv, l->line, &b);
				brk = true;
				continue;
			}
		}
		/* an indented line starts a paragraph */
		if (b.len > 0 && (brk || l->indent >= 2)) {
			emit(t, SOURCE_PARA, 0, start, &b);
		}
		if (b.len == 0)
			start = l->line;
		join_line(t, &b, l);
		/* a short line that ends a sentence ends its paragraph; in
		 * dense OCR text any short line does */
		brk = (ends_sentence(l) || (dense && !word_goes_on(l))) &&
		      l->indent + l->width < typ - 3;
	}
	if (b.len > 0)
		emit(t, SOURCE_PARA, 0, start, &b);
	buf_free(&b);
	t->n = 0;
}

/* Chinese text for Tesseract's spacing: ideographs and CJK punctuation. */
static bool
cjkish(uint32_t c)
{
	return text_is_cjk(c) || (c >= 0x3000 && c <= 0x303f) ||
	       (c >= 0xff00 && c <= 0xffef) || c == 0x201c || c == 0x201d;
}

/*
 * Tesseract's chi_sim models put a space between Chinese words and around
 * digits and punctuation ("青岚 马拉松 吸引 3.2 万 名 跑 者"). When most
 * gaps between two ideographs of the text are such single spaces, a space
 * with Chinese on either side goes (between two Latin words or numbers it
 * stays). NULL when the text is not spaced so; else the new text.
 */
static char *
tesseract_despace(const char *s, size_t len, size_t *outlen)
{
	size_t i = 0, k, spaced = 0, tight = 0;
	uint32_t c, prev = 0, pprev = 0;
	struct buf b = {0};

	while (i < len) {
		k = text_next(s + i, len - i, &c);
		if (text_is_cjk(c) && text_is_cjk(prev))
			tight++;
		if (text_is_cjk(c) && prev == ' ' && text_is_cjk(pprev))
			spaced++;
		pprev = prev;
		prev = c;
		i += k;
	}
	if (spaced < 8 || spaced <= tight)
		return NULL;
	for (i = 0; i < len; i += k) {
		uint32_t next = 0;

		k = text_next(s + i, len - i, &c);
		if (c == ' ' && i > 0 && i + 1 < len) {
			uint32_t before = scan_last(s, i);

			text_next(s + i + 1, len - i - 1, &next);
			if (before != ' ' && before != '\n' && next != ' ' &&
			    next != '\n' && (cjkish(before) || cjkish(next)))
				continue;
			/* "日 , 2026": the comma is Chinese, so is its gap */
			if (before != 0 && strchr(",;:!?", (int)before) != NULL &&
			    b.len >= 2 && cjkish(scan_last(b.s, b.len - 1)))
				continue;
		}
		buf_add(&b, s + i, k);
	}
	if (b.s == NULL)
		return xstrdup("");
	return buf_take(&b, outlen);
}

int
source_text(const char *s, size_t len, int line0, int flags, source_sink *sink,
            void *ctx)
{
	struct source_block br;
	struct tsrc t;
	size_t start = 0, i = 0, end;
	int line = line0, sline = line0;
	bool first = line0 == 0;
	char *own = NULL;
	size_t olen = 0;

	memset(&t, 0, sizeof t);
	t.flags = flags;
	t.sink = sink;
	t.ctx = ctx;
	t.top = true;
	if ((flags & LOAD_JOIN_LINES) &&
	    (own = tesseract_despace(s, len, &olen)) != NULL) {
		s = own;
		len = olen;
	}
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);

		end = nl ? (size_t)(nl - s) : len;
		line++;
		memset(&br, 0, sizeof br);
		if ((s[i] == '{' || s[i] == '-') &&
		    source_page_mark(s + i, end - i, &br.page_ended,
		                     &br.page_next)) {
			read_lines(&t, s + start, i - start, sline);
			text_blocks(&t, first);
			br.kind = SOURCE_PAGE_BREAK;
			br.line = line;
			sink(ctx, &br);
			first = first && t.top; /* a separator at the top */
			t.top = true;
			start = nl ? end + 1 : len;
			sline = line;
		}
		i = nl ? end + 1 : len;
	}
	read_lines(&t, s + start, len - start, sline);
	text_blocks(&t, first);
	free(t.l);
	free(own);
	return 0;
}
