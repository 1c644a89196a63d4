/*
 * assemble.c: the page rules. The source's blocks arrive one at a time,
 * in order; the recognisers say what each one is, and the rules build the
 * page from them: the masthead and publication line, articles (a headline,
 * then its bylines, subheads, paragraphs, jump lines and signature), the
 * page's loose items (captions, credits, furniture, text before the first
 * article) and its contents box. A paragraph cut by a PDF column break is
 * joined again. Every character of a block ends up in exactly one block
 * or field of the page.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assemble.h"
#include "buf.h"
#include "issue.h"
#include "load.h"
#include "recog.h"
#include "scan.h"
#include "source.h"
#include "text.h"
#include "xmalloc.h"

/* Per-page state of the rules. */
struct pagectx {
	struct issue *is;
	struct page *pg;
	int flags;  /* LOAD_* */
	size_t cur; /* open article + 1, 0 when none */
	bool in_contents;
	bool masthead_open;
	size_t loose;  /* item + 1 the previous block made, or 0 */
	bool joinable; /* previous block was a paragraph of cur */
	/* A 上接 line set as a heading, waiting for the headline after it. */
	struct {
		char *text;
		size_t len;
		int line, page;
	} held;
	size_t seen;   /* blocks handed to this page so far */
	assemble_more *more; /* a new page at a page break; NULL: none */
	void *mctx;
	int brk; /* a page break waits for text: its page + 1, or 0 */
};

static void rule_block(struct pagectx *pc, struct source_block *rb);
static void add_jump(struct pagectx *pc, char *text, size_t len, int line,
                     int page, int dir);

static struct block *
add_block(struct block **arr, size_t *n, enum block_kind kind, char *text,
          size_t len, int line)
{
	struct block *b;

	*arr = xgrow(*arr, *n, sizeof **arr);
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
		if (!scan_is_ideograph(c))
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
	if (!scan_is_space(c))
		return;
	end -= k;
	while (end > 0 && (k = text_prev(s, end, &c)) && scan_is_space(c))
		end -= k;
	if (end == 0 || !scan_is_closing(c))
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
	while (len > 0 && scan_is_open(scan_first(s, len))) {
		uint32_t c;
		size_t k = text_next(s, len, &c);

		s += k;
		len -= k;
	}
	a->short_news = scan_prefix(s, len, "本报讯");
	if (a->short_news && a->blocks[a->nblocks - 1].kind == BLOCK_PARAGRAPH)
		split_signature(a);
}

static void
start_article(struct pagectx *pc, char *headline, size_t len, int line)
{
	struct page *pg = pc->pg;
	struct article *a;

	close_article(pc);
	pg->articles = xgrow(pg->articles, pg->narticles, sizeof *pg->articles);
	a = &pg->articles[pg->narticles++];
	memset(a, 0, sizeof *a);
	a->headline = headline;
	a->headline_len = len;
	a->line = line;
	pc->cur = pg->narticles;
	if (pc->held.text != NULL) {
		/* "## (上接第1版）" then this headline: its continuation mark. */
		add_jump(pc, pc->held.text, pc->held.len, pc->held.line,
		         pc->held.page, -1);
		pc->held.text = NULL;
	}
}

/* "竞逐太空计算赛道，中国抢先“落子” 03版" → title, page 3, label "03版". */
static void
add_contents_entry(struct pagectx *pc, struct source_block *rb)
{
	struct page *pg = pc->pg;
	struct contents_entry *e;
	const char *s = rb->text, *ts;
	size_t len = rb->len, i, tl, k;
	uint32_t c;
	int page = 0;

	pg->contents = xgrow(pg->contents, pg->ncontents, sizeof *pg->contents);
	e = &pg->contents[pg->ncontents++];
	memset(e, 0, sizeof *e);
	e->line = rb->line;
	e->title = rb->text;
	rb->text = NULL;
	if (!scan_suffix(s, len, "版"))
		return;
	/* Walk back from 版 over the digits, a letter (A3) and 第. */
	i = len - 3;
	k = i;
	while (k > 0 && scan_digit(scan_last(s, k)) >= 0)
		k -= text_prev(s, k, &c);
	if (k == i)
		return;
	if (k > 0 && s[k - 1] >= 'A' && s[k - 1] <= 'Z')
		k--;
	if (k > 0 && (s[k - 1] == '-' || s[k - 1] == '+'))
		k--;
	else if (scan_suffix(s, k, "−"))
		k -= strlen("−");
	if (k >= 3 && scan_suffix(s, k, "第"))
		k -= 3;
	if (recog_page_ref(s + k, i - k, &page) == 0)
		return;
	ts = s;
	tl = k;
	scan_trim(&ts, &tl);
	/* Leader dots go with the label, not with the title. */
	while (tl > 0) {
		c = scan_last(ts, tl);
		if (c != 0x2026 && c != 0x00b7 && c != '.' && c != 0x22ef &&
		    c != '_' && c != 0xff0e)
			break;
		tl -= text_prev(ts, tl, &c);
	}
	scan_trim(&ts, &tl);
	if (tl == 0)
		return;
	k = (size_t)(ts + tl - s);
	e->page_label = scan_dup_trimmed(s + k, len - k, NULL);
	e->title = xstrndup(ts, tl);
	e->page = page;
	free((char *)s);
}

/*
 * Whether a recognised jump is one here, its page made a number: 版
 * always, 页 only when the issue has that page (a journal numbered by
 * pages; else "下转第16页" is text). 接上版 names the page before.
 */
static bool
jump_here(struct pagectx *pc, enum recog_jump_unit unit, int *page)
{
	if (unit == RECOG_JUMP_NONE)
		return false;
	if (*page == RECOG_PREV_PAGE)
		*page = recog_page_or_zero(pc->pg->number - 1, false);
	else if (*page == RECOG_NEXT_PAGE)
		*page = recog_page_or_zero(pc->pg->number + 1, false);
	return unit == RECOG_JUMP_BAN ||
	       (*page > 0 && issue_find_page(pc->is, *page) != NULL);
}

/*
 * A jump line goes to the open article (a page item with none): 下转
 * ends the article (the rest is on page N), 上接 says where it comes
 * from. text is taken.
 */
static void
add_jump(struct pagectx *pc, char *text, size_t len, int line, int page,
         int dir)
{
	struct article *a = cur_article(pc);
	struct block *b;
	size_t i;

	if (a == NULL) {
		i = add_item(pc, BLOCK_JUMP, text, len, line);
		b = &pc->pg->items[i - 1];
	} else
		b = add_block(&a->blocks, &a->nblocks, BLOCK_JUMP, text, len,
		              line);
	b->jump_page = page;
	b->jump_dir = dir;
	if (a != NULL && dir > 0) {
		if (a->jump_to == 0)
			a->jump_to = page;
		close_article(pc);
	} else if (a != NULL && a->jump_from == 0)
		a->jump_from = page;
}

/*
 * A held 上接 heading with no headline after it: the continuation starts
 * here untitled. Its headline is the one of the story it continues (the
 * next story on that page jumping here that this page has not yet
 * taken; pages are read in order), else the jump itself.
 */
static void
flush_held_jump(struct pagectx *pc)
{
	const struct page *src;
	const struct article *c;
	char *h = NULL;
	size_t i, taken = 0;

	if (pc->held.text == NULL)
		return;
	for (i = 0; i < pc->pg->narticles; i++)
		if (pc->pg->articles[i].jump_from == pc->held.page)
			taken++;
	src = pc->held.page > 0 ? issue_find_page(pc->is, pc->held.page) : NULL;
	for (i = 0; src != NULL && src != pc->pg && i < src->narticles; i++) {
		c = &src->articles[i];
		if (c->jump_to == pc->pg->number && taken-- == 0) {
			h = xstrdup(c->headline);
			break;
		}
	}
	if (h == NULL)
		h = scan_dup_trimmed(pc->held.text, pc->held.len, NULL);
	start_article(pc, h, strlen(h), pc->held.line);
}

/*
 * A jump set as a heading ("## (上接第1版）"): never a headline. A 上接
 * mark belongs to the story whose headline stands right before it (with
 * at most a byline since) or else right after it, as papers set it
 * above or below the continued headline.
 */
static bool
rule_heading_jump(struct pagectx *pc, struct source_block *rb)
{
	struct article *a = cur_article(pc);
	enum recog_jump_unit unit;
	int page = 0, dir = 0;
	size_t i = 0;

	unit = recog_jump_any(rb->text, rb->len, &page, &dir);
	if (!jump_here(pc, unit, &page))
		return false;
	if (dir < 0)
		for (i = 0; a != NULL && i < a->nblocks; i++)
			if (a->blocks[i].kind != BLOCK_BYLINE &&
			    a->blocks[i].kind != BLOCK_JUMP)
				break;
	if (dir < 0 && (a == NULL || i < a->nblocks)) {
		flush_held_jump(pc);
		close_article(pc);
		pc->held.text = rb->text;
		pc->held.len = rb->len;
		pc->held.line = rb->line;
		pc->held.page = page;
	} else
		add_jump(pc, rb->text, rb->len, rb->line, page, dir);
	rb->text = NULL;
	return true;
}

/* Paragraphs long enough that a missing full stop means a column break. */
#define JOIN_MIN_CHARS 24

static void
add_paragraph(struct pagectx *pc, struct source_block *rb)
{
	struct article *a = cur_article(pc);
	struct block *last;
	size_t i, cl;
	int page = 0, dir = 0;
	enum recog_jump_unit unit;
	uint32_t c, p;

	if (a == NULL) {
		if (scan_contains(rb->text, rb->len, "图为")) {
			pc->loose = add_item(pc, BLOCK_CAPTION, rb->text,
			                     rb->len, rb->line);
		} else
			pc->loose = add_item(pc, BLOCK_PARAGRAPH, rb->text,
			                     rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	last = a->nblocks ? &a->blocks[a->nblocks - 1] : NULL;
	if ((pc->flags & LOAD_JOIN_COLUMNS) && pc->joinable && last &&
	    last->kind == BLOCK_PARAGRAPH &&
	    !scan_contains(rb->text, rb->len, "\n") &&
	    scan_more(last->text, last->len, JOIN_MIN_CHARS - 1) &&
	    !scan_is_closing(p = scan_last(last->text, last->len))) {
		/* A PDF column break: one paragraph again. */
		struct buf b = {0};

		c = scan_first(rb->text, rb->len);
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
	i = recog_jump_tail(rb->text, rb->len, &page, &dir, &unit);
	if (i < rb->len && jump_here(pc, unit, &page)) {
		char *j = scan_dup_trimmed(rb->text + i, rb->len - i, &cl);
		size_t pl = i;
		const char *ps = rb->text;

		scan_trim(&ps, &pl);
		rb->text[pl] = '\0';
		add_block(&a->blocks, &a->nblocks, BLOCK_PARAGRAPH, rb->text,
		          pl, rb->line);
		rb->text = NULL;
		add_jump(pc, j, cl, rb->line, page, dir);
		return;
	}
	add_block(&a->blocks, &a->nblocks, BLOCK_PARAGRAPH, rb->text, rb->len,
	          rb->line);
	rb->text = NULL;
	pc->joinable = true;
}

static void
rule_para(struct pagectx *pc, struct source_block *rb)
{
	struct issue *is = pc->is;
	struct article *a;
	struct block *b;
	size_t i, loose = pc->loose;
	int page = 0, dir = 0;
	enum recog_jump_unit unit;
	bool joinable = pc->joinable;

	pc->loose = 0;
	pc->joinable = false;
	pc->in_contents = false;
	if (pc->masthead_open && pc->pg->narticles == 0) {
		if (is->title_en == NULL && recog_latin_line(rb->text, rb->len)) {
			is->title_en = rb->text;
			rb->text = NULL;
			return;
		}
	}
	pc->masthead_open = false;
	if (pc->pg->narticles == 0 && is->publine == NULL &&
	    recog_publine(is, rb->text, rb->len))
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
	unit = recog_jump_any(rb->text, rb->len, &page, &dir);
	if (jump_here(pc, unit, &page)) {
		add_jump(pc, rb->text, rb->len, rb->line, page, dir);
		rb->text = NULL;
		return;
	}
	/* "（上接第1版）本报讯…": the jump, then the paragraph. */
	if ((i = recog_jump_lead(rb->text, rb->len, &page, &dir, &unit)) > 0 &&
	    jump_here(pc, unit, &page)) {
		size_t jl, rl;
		char *j = scan_dup_trimmed(rb->text, i, &jl);
		char *rest = scan_dup_trimmed(rb->text + i, rb->len - i, &rl);

		free(rb->text);
		rb->text = rest;
		rb->len = rl;
		add_jump(pc, j, jl, rb->line, page, dir);
		a = cur_article(pc);
		joinable = false;
	}
	if (recog_credit(rb->text, rb->len)) {
		/* "…图为…" just before a credit inside an article is the
		 * photo's caption, not the article's text: move it out. */
		if (a != NULL && joinable && a->nblocks > 1 &&
		    a->blocks[a->nblocks - 1].kind == BLOCK_PARAGRAPH &&
		    scan_contains(a->blocks[a->nblocks - 1].text,
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
		if (i == a->nblocks && recog_byline(rb->text, rb->len)) {
			add_block(&a->blocks, &a->nblocks, BLOCK_BYLINE,
			          rb->text, rb->len, rb->line);
			rb->text = NULL;
			return;
		}
		/* A paragraph set all in bold: a subhead in disguise. */
		if (rb->strong && !scan_more(rb->text, rb->len, 40) &&
		    !scan_contains(rb->text, rb->len, "。")) {
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
rule_block(struct pagectx *pc, struct source_block *rb)
{
	struct page *pg = pc->pg;
	struct article *a;

	/* A held 上接 heading: only a headline may take it. */
	if (pc->held.text != NULL && (rb->kind != SOURCE_HEAD || rb->level > 2))
		flush_held_jump(pc);
	if (rb->kind == SOURCE_PARA) {
		rule_para(pc, rb);
		return;
	}
	pc->loose = 0;
	pc->joinable = false;
	if (rb->kind == SOURCE_ITEM) {
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
	if (rule_heading_jump(pc, rb))
		return;
	if (rb->level == 1 && pg->narticles == 0) {
		pc->masthead_open = false;
		if (!pc->is->masthead_seen &&
		    !recog_page_heading(rb->text, rb->len)) {
			pc->is->masthead_seen = true;
			pc->masthead_open = true;
			free(pc->is->title);
			pc->is->title = rb->text;
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
	    recog_contents_heading(rb->text, rb->len)) {
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
		    scan_more(b->text, b->len, 20) ||
		    scan_has_sentence_punct(b->text, b->len) ||
		    scan_contains(b->text, b->len, "\n"))
			continue;
		if (b->after == pg->narticles ||
		    (pg->contents_title != NULL &&
		     b->after == pg->contents_after &&
		     b->line > pg->contents_line))
			b->kind = BLOCK_FURNITURE;
	}
}

/* The page's rules are done: the last article closed, furniture marked. */
static void
finish_page(struct pagectx *pc)
{
	flush_held_jump(pc);
	close_article(pc);
	mark_furniture(pc);
}

/*
 * A page break from the source. The page after it is only made when text
 * comes (a separator at the end makes no empty page); one at the top only
 * numbers this page. Numbers from the separator are kept when they go up.
 */
static void
page_break(struct pagectx *pc, const struct source_block *rb)
{
	struct page *pg = pc->pg;
	int prev = pg > pc->is->pages ? pg[-1].number : 0;

	if (pc->more == NULL)
		return; /* an issue directory: the file is the page */
	if (pc->seen == 0) {
		if (rb->page_next > prev && rb->page_next <= RECOG_MAX_PAGE)
			pg->number = rb->page_next;
		return;
	}
	if (rb->page_ended > prev && rb->page_ended <= RECOG_MAX_PAGE)
		pg->number = rb->page_ended;
	pc->brk = pg->number + 1;
	if (rb->page_next > pc->brk)
		pc->brk = rb->page_next;
	if (pc->brk > RECOG_MAX_PAGE)
		pc->brk = 0; /* no number left: the page goes on */
}

/* The source hands each block to the rules as it ends. */
static void
rule_sink(void *ctx, struct source_block *b)
{
	struct pagectx *pc = ctx;

	if (b->kind == SOURCE_PAGE_BREAK) {
		page_break(pc, b);
		return;
	}
	if (pc->brk > 0) {
		finish_page(pc);
		pc->pg = pc->more(pc->mctx, pc->brk);
		pc->brk = 0;
		pc->cur = pc->loose = pc->seen = 0;
		pc->in_contents = pc->masthead_open = pc->joinable = false;
	}
	pc->seen++;
	rule_block(pc, b);
}

/* The page's text, split at form feeds (pdftotext's page breaks) and
 * sanitised; *n pieces. Caller frees each and the array. */
static char **
split_pages(const char *data, size_t len, size_t **lens, size_t *n)
{
	char **v = NULL;
	size_t i = 0, k = 0;

	*lens = NULL;
	do {
		const char *ff = memchr(data + i, '\f', len - i);
		size_t e = ff ? (size_t)(ff - data) : len;

		v = xgrow(v, k, sizeof *v);
		*lens = xgrow(*lens, k, sizeof **lens);
		v[k] = text_sanitize(data + i, e - i, 0, &(*lens)[k]);
		k++;
		i = ff ? e + 1 : len;
	} while (i < len);
	*n = k;
	return v;
}

static int
count_lines(const char *s, size_t len)
{
	const char *e = s + len;
	int n = 0;

	while ((s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

int
assemble_pages(struct issue *is, struct page *pg, int flags, const char *data,
               size_t len, char *own, assemble_more *more, void *mctx,
               char **err)
{
	struct pagectx pc;
	char **piece, *safe;
	size_t *plen, n, i;
	int rc = 0, line0 = 0;
	bool text;

	piece = split_pages(data, len, &plen, &n);
	free(own);
	memset(&pc, 0, sizeof pc);
	pc.is = is;
	pc.flags = flags;
	pc.pg = pg;
	pc.more = more;
	pc.mctx = mctx;
	/* pdftotext's form feeds say plain text, unless named Markdown */
	text = source_is_text(pg->path, piece[0], plen[0]) ||
	       (n > 1 && !source_is_markdown_name(pg->path));
	for (i = 0; i < n; i++) {
		if (i > 0 && rc == 0) {
			struct source_block br;

			memset(&br, 0, sizeof br);
			br.kind = SOURCE_PAGE_BREAK;
			rule_sink(&pc, &br);
		}
		if (rc == 0)
			rc = text ? source_text(piece[i], plen[i], line0, flags,
			                        rule_sink, &pc)
			          : source_markdown(piece[i], plen[i], line0,
			                            flags, rule_sink, &pc);
		line0 += count_lines(piece[i], plen[i]);
		free(piece[i]);
	}
	free(piece);
	free(plen);
	if (rc != 0) {
		safe = text_name(pc.pg->path);
		*err = xasprintf("%s: cannot parse the Markdown", safe);
		free(safe);
	} else
		finish_page(&pc);
	free(pc.held.text);
	return rc;
}

int
assemble_page(struct issue *is, struct page *pg, int flags, const char *data,
              size_t len, char *own, char **err)
{
	return assemble_pages(is, pg, flags, data, len, own, NULL, NULL, err);
}
