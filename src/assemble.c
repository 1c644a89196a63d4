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
#include "build-config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assemble.h"
#include "buf.h"
#include "issue.h"
#include "load-flags.h"
#include "recog.h"
#include "scan.h"
#include "source.h"
#include "text.h"
#include "xmalloc.h"

/* an article's jump_to and jump_from hold a page number */
_Static_assert(RECOG_MAX_PAGE <= INT16_MAX, "a page number fits 16 bits");

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
	bool cut; /* a caption just cut the open article's paragraph */
	bool flat; /* the page sets every title at one level (MinerU, docling) */
	/* flat: a title inside an article, waiting for the block after it
	 * to say whether it starts a story or is a subhead */
	struct {
		char *text;
		size_t len;
		int line;
		bool story; /* a long title: a story unless text says else */
		bool label; /* a section label: the page's title if a title
		               follows */
	} fhold;
	/* A contents entry set as a paragraph with no box open: the line of
	 * the block it became, so a second one in a row opens the box. */
	int entry_line;
	/* The paragraph that column joins grow, and the bytes allocated for
	 * it: grown by doubling, so a run of joins costs linear time. Only
	 * add_paragraph makes article paragraphs, and it forgets the text
	 * whenever it makes one, so a stale pointer is never taken for it. */
	struct {
		char *text;
		size_t cap;
	} grow;
	/* Of the open article's first blocks, how many are known to be
	 * top blocks (subheads, bylines, jump lines: top.n) and bylines or
	 * jump lines (top.bj): a run of them is looked at once, not again
	 * for each block added to it. start_article resets both. */
	struct {
		size_t n, bj;
	} top;
	struct assemble_stream *st; /* a file read in parts; NULL: whole */
};

static void rule_block(struct pagectx *pc, struct source_block *rb);
static size_t ghosts_from(const struct pagectx *pc, int from);
static const char *ghost_headline(const struct pagectx *pc,
                                  const struct page *src, size_t *taken);
static void stream_part(struct pagectx *pc);
static void rule_sink(void *ctx, struct source_block *b);
static bool at_top(struct pagectx *pc, const struct article *a);
static size_t top_run(const struct article *a, size_t *known, bool subheads);
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

/* A block added to a's (a file is at most 1 GiB, a block a byte of it at
 * least: their count fits a's 32 bits). */
static struct block *
add_to(struct article *a, enum block_kind kind, char *text, size_t len,
       int line)
{
	size_t n = a->nblocks;
	struct block *b = add_block(&a->blocks, &n, kind, text, len, line);

	a->nblocks = (uint32_t)n;
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
		add_to(a, BLOCK_SIGNATURE, name, nl, line);
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
	pc->top.n = pc->top.bj = 0;
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
	if (!scan_suffix(s, len, "版")) {
		/* pdftotext drops the 版 of a box: "冬季供暖保障进行时 3" */
		for (k = len; k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9'; k--)
			continue;
		if (k == len || len - k > 3 || k < 2 || s[k - 1] != ' ')
			return;
		page = recog_page_or_zero(strtol(s + k, NULL, 10), false);
		if (page == 0)
			return;
		ts = s;
		tl = k;
		scan_trim(&ts, &tl);
		if (tl == 0)
			return;
		e->page_label = xasprintf("%s版", s + k);
		e->title = xstrndup(ts, tl);
		e->page = page;
		free((char *)s);
		return;
	}
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
		b = add_to(a, BLOCK_JUMP, text, len, line);
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
	char *h = NULL;
	size_t i, taken = 0;

	if (pc->held.text == NULL)
		return;
	for (i = 0; i < pc->pg->narticles; i++)
		if (story_jump(pc->pg, i, -1) == pc->held.page)
			taken++;
	taken += ghosts_from(pc, pc->held.page);
	src = pc->held.page > 0 ? issue_find_page(pc->is, pc->held.page) : NULL;
	if (src != NULL && src != pc->pg) {
		const char *g = ghost_headline(pc, src, &taken);

		h = g != NULL ? xstrdup(g) : NULL;
	}
	for (i = 0; h == NULL && src != NULL && src != pc->pg &&
	            i < src->narticles;
	     i++) {
		if (story_jump(src, i, 1) == pc->pg->number && taken-- == 0) {
			size_t len;
			const char *t = page_headline(src, i, &len);

			h = t != NULL ? xstrndup(t, len) : NULL;
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
	if (dir < 0 && a != NULL)
		i = top_run(a, &pc->top.bj, false);
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


/*
 * A caption block (图为…, or a short block ending in its credit): the
 * caption and its credit become page items, never article text. Inside
 * an article the paragraph the photo cut (no closing punctuation before
 * it) is joined again with the text after the caption.
 */
static bool
rule_caption(struct pagectx *pc, struct source_block *rb, bool joinable)
{
	struct article *a = cur_article(pc);
	const struct block *last;
	size_t cut = rb->len, cl, tl;
	char *credit = NULL, *t;
	bool opens;

	if (recog_credit(rb->text, rb->len))
		return false; /* a credit alone, over two lines or one */
	opens = recog_caption(rb->text, rb->len);
	if (opens || !scan_more(rb->text, rb->len, 120))
		cut = recog_caption_credit(rb->text, rb->len);
	if (cut == rb->len && !opens)
		return false;
	if (cut < rb->len) {
		credit = scan_dup_trimmed(rb->text + cut, rb->len - cut, &cl);
		t = scan_dup_trimmed(rb->text, cut, &tl);
		free(rb->text);
		rb->text = t;
		rb->len = tl;
	}
	if (rb->len > 0)
		add_item(pc, BLOCK_CAPTION, rb->text, rb->len, rb->line);
	else
		free(rb->text);
	rb->text = NULL;
	if (credit != NULL)
		add_item(pc, BLOCK_CREDIT, credit, cl, rb->line);
	last = a && a->nblocks ? &a->blocks[a->nblocks - 1] : NULL;
	pc->joinable = joinable;
	pc->cut = joinable && last != NULL && last->kind == BLOCK_PARAGRAPH &&
	          !scan_is_closing(scan_last(last->text, last->len));
	return true;
}

/* Open the page's contents box here, titled title (may be NULL). */
static void
open_contents(struct pagectx *pc, char *title, int line)
{
	struct page *pg = pc->pg;

	close_article(pc);
	pg->contents_title = title;
	pg->contents_after = pg->narticles;
	pg->contents_line = line;
	pc->in_contents = true;
}

/*
 * Contents entries set as paragraphs: inside a box, each is an entry; a
 * second one in a row with no box (MinerU drops the box's title) opens a
 * box, taking back the first from where it went (the last block of the
 * open article, or the last page item).
 */
static bool
rule_contents_para(struct pagectx *pc, struct source_block *rb)
{
	struct page *pg = pc->pg;
	struct article *a = cur_article(pc);
	struct source_block first;
	int page, prev = pc->entry_line;
	bool ban = false, entry = recog_contents_entry(rb->text, rb->len, &page,
	    &ban);
	/* with no box yet only "… 2版" counts; in one, "… 3" (pdftotext) */
	bool like = entry && ban;

	pc->entry_line = 0;
	if (pc->in_contents && entry && !ban) {
		add_contents_entry(pc, rb);
		return true;
	}
	if (!like)
		return false;
	if (pc->in_contents) {
		add_contents_entry(pc, rb);
		return true;
	}
	if (pg->contents_title != NULL || pg->ncontents > 0 || prev == 0) {
		pc->entry_line = rb->line;
		return false;
	}
	memset(&first, 0, sizeof first);
	if (a != NULL && a->nblocks > 0 &&
	    a->blocks[a->nblocks - 1].line == prev &&
	    a->blocks[a->nblocks - 1].kind == BLOCK_PARAGRAPH) {
		first.text = a->blocks[a->nblocks - 1].text;
		first.len = a->blocks[a->nblocks - 1].len;
		a->nblocks--;
	} else if (a == NULL && pg->nitems > 0 &&
	           pg->items[pg->nitems - 1].line == prev &&
	           pg->items[pg->nitems - 1].kind == BLOCK_PARAGRAPH) {
		first.text = pg->items[pg->nitems - 1].text;
		first.len = pg->items[pg->nitems - 1].len;
		pg->nitems--;
	} else {
		pc->entry_line = rb->line;
		return false;
	}
	first.line = prev;
	open_contents(pc, NULL, prev);
	add_contents_entry(pc, &first);
	add_contents_entry(pc, rb);
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
	bool cut = pc->cut;

	pc->cut = false;
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
	    (cut || scan_more(last->text, last->len, JOIN_MIN_CHARS - 1)) &&
	    !scan_is_closing(p = scan_last(last->text, last->len))) {
		/* A PDF column break: one paragraph again, appended in
		 * place (copying the paragraph at each join was quadratic
		 * in a run of them). The slack stays: at most the text. */
		bool sp;
		size_t need;

		c = scan_first(rb->text, rb->len);
		sp = text_join_needs_space(p, c);
		need = last->len + sp + rb->len + 1;
		if (pc->grow.text != last->text) {
			pc->grow.text = last->text;
			pc->grow.cap = last->len + 1;
		}
		if (need > pc->grow.cap) {
			pc->grow.cap = need > SIZE_MAX / 2 ? need : need * 2;
			last->text = xrealloc(last->text, pc->grow.cap);
			pc->grow.text = last->text;
		}
		if (sp)
			last->text[last->len++] = ' ';
		memcpy(last->text + last->len, rb->text, rb->len);
		last->len += rb->len;
		last->text[last->len] = '\0';
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
		pc->grow.text = NULL;
		add_to(a, BLOCK_PARAGRAPH, rb->text, pl, rb->line);
		rb->text = NULL;
		add_jump(pc, j, cl, rb->line, page, dir);
		return;
	}
	pc->grow.text = NULL;
	add_to(a, BLOCK_PARAGRAPH, rb->text, rb->len, rb->line);
	rb->text = NULL;
	pc->joinable = true;
}

/*
 * A paragraph through the rules, in order, the first that matches taking
 * it. Long on purpose for the same reason as rule_block: the order is
 * the meaning.
 */
static void
rule_para(struct pagectx *pc, struct source_block *rb)
{
	struct issue *is = pc->is;
	struct article *a;
	struct block *b;
	size_t i, loose = pc->loose;
	int page = 0, dir = 0;
	enum recog_jump_unit unit;
	bool joinable = pc->joinable, cut = pc->cut, furn;

	pc->loose = 0;
	pc->joinable = false;
	pc->cut = false;
	if (!rb->quote && rule_contents_para(pc, rb))
		return;
	pc->in_contents = false;
	if (pc->masthead_open && pc->pg->narticles == 0) {
		if (is->title_en == NULL && recog_latin_line(rb->text, rb->len)) {
			is->title_en = rb->text;
			rb->text = NULL;
			return;
		}
	}
	pc->masthead_open = false;
	/* A running head ("2026年12月1日 星期二 要闻 5 责任编辑：梁雨") is
	 * furniture, though it dates the issue when nothing else does.
	 * furn: recog_furniture's answer, asked first (it passes over a
	 * long paragraph at once; looking for 编辑 in it would not). */
	furn = !rb->quote && recog_furniture(rb->text, rb->len);
	if (furn && scan_contains(rb->text, rb->len, "编辑")) {
		if (is->publine == NULL && is->date == NULL &&
		    recog_publine(is, rb->text, rb->len)) {
			free(is->publine);
			is->publine = NULL;
		}
		add_item(pc, BLOCK_FURNITURE, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	if (pc->pg->narticles == 0 && is->publine == NULL &&
	    recog_publine(is, rb->text, rb->len))
		return;
	/* 本版责任编辑：…, a running head, "— 2 —": page furniture. */
	if (furn) {
		add_item(pc, BLOCK_FURNITURE, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	/* 本期导读 as a paragraph: the contents box starts. */
	if (!rb->quote && pc->pg->contents_title == NULL &&
	    pc->pg->ncontents == 0 && !scan_more(rb->text, rb->len, 8) &&
	    recog_contents_heading(rb->text, rb->len)) {
		open_contents(pc, rb->text, rb->line);
		rb->text = NULL;
		return;
	}
	a = cur_article(pc);
	if (rb->quote) {
		if (a != NULL)
			add_to(a, BLOCK_QUOTE, rb->text, rb->len, rb->line);
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
	if (rb->caption) { /* <figcaption>: a caption by its markup */
		size_t at = recog_caption_credit(rb->text, rb->len), cl, tl;

		if (at < rb->len) {
			char *credit = scan_dup_trimmed(rb->text + at,
			                                rb->len - at, &cl);
			char *t = scan_dup_trimmed(rb->text, at, &tl);

			add_item(pc, BLOCK_CAPTION, t, tl, rb->line);
			add_item(pc, BLOCK_CREDIT, credit, cl, rb->line);
			free(rb->text);
		} else
			add_item(pc, BLOCK_CAPTION, rb->text, rb->len,
			         rb->line);
		rb->text = NULL;
		return;
	}
	if (rule_caption(pc, rb, joinable))
		return;
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
		/* The photo may have cut a paragraph: it may go on after. */
		pc->joinable = joinable;
		pc->cut = cut;
		/* The loose paragraph just before a credit is its caption. */
		if (loose > 0 &&
		    pc->pg->items[loose - 1].kind == BLOCK_PARAGRAPH)
			pc->pg->items[loose - 1].kind = BLOCK_CAPTION;
		return;
	}
	if (a != NULL) {
		if (at_top(pc, a) && recog_byline(rb->text, rb->len)) {
			add_to(a, BLOCK_BYLINE, rb->text, rb->len, rb->line);
			rb->text = NULL;
			return;
		}
		/* A paragraph set all in bold: a subhead in disguise. */
		if (rb->strong && !scan_more(rb->text, rb->len, 40) &&
		    !scan_contains(rb->text, rb->len, "。")) {
			add_to(a, BLOCK_SUBHEAD, rb->text, rb->len, rb->line);
			rb->text = NULL;
			return;
		}
	}
	pc->joinable = joinable;
	pc->cut = cut;
	add_paragraph(pc, rb);
}

/* "本报讯", "（记者 …）", "新华社…电": how a story's text begins. */
static bool
story_opening(const char *s, size_t len)
{
	static const char *const lead[] = {"本报讯", "【本报讯】", "本报电",
	                                   "新华社", "（记者", "(记者",
	                                   "据新华社", "中新社"};
	size_t i;

	for (i = 0; i < sizeof lead / sizeof lead[0]; i++)
		if (scan_prefix(s, len, lead[i]))
			return true;
	return recog_byline(s, len);
}

/* Does the block after a title open a story: a byline, 本报讯 …? */
static bool
story_opening_block(const struct source_block *b)
{
	return b != NULL && (b->kind == SOURCE_PARA || b->kind == SOURCE_HEAD) &&
	       b->text != NULL && story_opening(b->text, b->len);
}

/*
 * The end of the run of top blocks of the open article a that starts at
 * *known (subheads too, or only bylines and jump lines); *known becomes
 * it. Blocks are only added or taken off at the end while an article is
 * open, so the blocks already looked at need no second look.
 */
static size_t
top_run(const struct article *a, size_t *known, bool subheads)
{
	size_t i = *known < a->nblocks ? *known : a->nblocks;
	enum block_kind k;

	for (; i < a->nblocks; i++) {
		k = a->blocks[i].kind;
		if (k != BLOCK_BYLINE && k != BLOCK_JUMP &&
		    (!subheads || k != BLOCK_SUBHEAD))
			break;
	}
	return *known = i;
}

/* Is the open article a still at its top: a headline, subheads, bylines? */
static bool
at_top(struct pagectx *pc, const struct article *a)
{
	return top_run(a, &pc->top.n, true) == a->nblocks;
}

/* Hold the title rb until the next block says what it is (the text is
 * taken). story: a flat page's title; label: a section label. */
static void
hold_title(struct pagectx *pc, struct source_block *rb, bool story,
           bool label)
{
	pc->fhold.text = rb->text;
	pc->fhold.len = rb->len;
	pc->fhold.line = rb->line;
	pc->fhold.story = story;
	pc->fhold.label = label;
	rb->text = NULL;
}

/* Subheads of a flat page are short; a longer title starts a story. */
#define SUBHEAD_MAX_CHARS 14

/*
 * How much a title held inside a story looks like the headline of a new
 * one, weighed on what it is and the block after it (NULL: the page's
 * end): a byline or a story's opening (本报讯) after it +2, a 上接 line
 * +2; on a flat page (fhold.story) a title longer than a subhead +2 and
 * no text after it (a title, the end) +1; plain text after it -1. A new
 * story above 0, else a subhead.
 */
static int
title_score(const struct pagectx *pc, const char *t,
            const struct source_block *next)
{
	int score = 0, page = 0, dir = 0;
	enum recog_jump_unit unit;
	bool para = next != NULL && next->kind == SOURCE_PARA;

	if (story_opening_block(next))
		score += 2;
	else if (para && recog_jump_lead(next->text, next->len, &page, &dir,
	                                 &unit) > 0 && dir < 0)
		score += 2; /* "（上接第1版）…": a continuation's title */
	else if (para)
		score -= 1;
	if (pc->fhold.story && scan_more(t, pc->fhold.len, SUBHEAD_MAX_CHARS))
		score += 2;
	if (pc->fhold.story && !para)
		score += 1;
	return score;
}

/*
 * The held title of a flat page, now that the block after it (NULL at
 * the page's end) is known: a story starts when a title, a byline or a
 * story's opening follows, or when the title is long; else a subhead.
 */
static void
flush_flat_title(struct pagectx *pc, const struct source_block *next)
{
	struct article *a = cur_article(pc);
	char *t = pc->fhold.text;
	bool story;

	if (t == NULL)
		return;
	if (pc->fhold.label) {
		/* furniture under the label (docling: "3", 责任编辑) */
		if (next != NULL && next->kind == SOURCE_PARA &&
		    recog_furniture(next->text, next->len))
			return;
		pc->fhold.text = NULL;
		pc->fhold.label = false;
		if (next != NULL && next->kind == SOURCE_HEAD &&
		    pc->pg->title == NULL)
			pc->pg->title = t;
		else
			start_article(pc, t, pc->fhold.len, pc->fhold.line);
		return;
	}
	pc->fhold.text = NULL;
	story = a == NULL || title_score(pc, t, next) > 0;
	if (story)
		start_article(pc, t, pc->fhold.len, pc->fhold.line);
	else
		add_to(a, BLOCK_SUBHEAD, t, pc->fhold.len, pc->fhold.line);
}

/*
 * A title of a flat page: right after a headline (no text yet) it is the
 * headline's 副题, or the headline when the first was a section label
 * (青岚文脉 over 老城墙下的书院: the label becomes the kicker); inside a
 * story it waits for the next block (flush_flat_title).
 */
static void
rule_flat_title(struct pagectx *pc, struct source_block *rb)
{
	struct article *a = cur_article(pc);

	if (a != NULL && a->nblocks == 0 && a->jump_from == 0 &&
	    recog_section_label(a->headline, a->headline_len)) {
		add_to(a, BLOCK_SUBHEAD, a->headline, a->headline_len, a->line);
		a->headline = rb->text;
		a->headline_len = rb->len;
		a->line = rb->line;
	} else if (a != NULL && at_top(pc, a))
		add_to(a, BLOCK_SUBHEAD, rb->text, rb->len, rb->line);
	else if (a != NULL && recog_enumerated(rb->text, rb->len))
		add_to(a, BLOCK_SUBHEAD, rb->text, rb->len, rb->line);
	else if (a != NULL) {
		hold_title(pc, rb, true, false);
		return;
	} else
		start_article(pc, rb->text, rb->len, rb->line);
	rb->text = NULL;
}

/*
 * An image (![alt](path), <img>, <!-- image -->): a page item like a
 * caption, so that it stands in the story at its place (adopt_items);
 * its caption and credit are paired with it when the page is done
 * (pair_figures). It does not end the paragraph it cut: the text after
 * it may join the text before it, as after a caption.
 */
static void
add_figure(struct pagectx *pc, struct source_block *rb)
{
	struct figure *f = xcalloc(1, sizeof *f);
	size_t i;

	f->path = rb->path;
	rb->path = NULL;
	if (rb->len > 0) {
		f->alt = rb->text;
		rb->text = NULL;
	}
	i = add_item(pc, BLOCK_FIGURE, xstrdup(""), 0, rb->line);
	pc->pg->items[i - 1].fig = f;
	pc->loose = 0;
}

/*
 * Long on purpose: an ordered chain of rules, the first that matches
 * takes the block and returns; the order is the meaning (a jump line
 * before a byline before furniture), so it stays in one place to read.
 */
static void
rule_block(struct pagectx *pc, struct source_block *rb)
{
	struct page *pg = pc->pg;
	struct article *a;
	bool top;

	if (rb->kind == SOURCE_FIGURE) {
		add_figure(pc, rb);
		return;
	}
	flush_flat_title(pc, rb);
	/* A held 上接 heading: only a headline may take it. */
	if (pc->held.text != NULL && (rb->kind != SOURCE_HEAD || rb->level > 2))
		flush_held_jump(pc);
	/* "表1 2026年…" (a heading on MinerU's all-# pages, or a line of
	 * its own): a table's caption stays in the story, where it stands,
	 * never a headline that would take the table into a story of its own */
	if ((rb->kind == SOURCE_HEAD || rb->kind == SOURCE_PARA) &&
	    (a = cur_article(pc)) != NULL &&
	    recog_table_caption(rb->text, rb->len)) {
		pc->masthead_open = false;
		pc->in_contents = false;
		pc->loose = 0;
		pc->joinable = false;
		add_to(a, BLOCK_CAPTION, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	if (rb->kind == SOURCE_PARA) {
		rule_para(pc, rb);
		return;
	}
	pc->loose = 0;
	pc->joinable = false;
	if (rb->kind == SOURCE_MATH || rb->kind == SOURCE_TABLE) {
		enum block_kind k =
		    rb->kind == SOURCE_MATH ? BLOCK_MATH : BLOCK_TABLE;
		struct block *b;

		pc->masthead_open = false;
		pc->in_contents = false;
		if ((a = cur_article(pc)) != NULL)
			b = add_to(a, k, rb->text, rb->len, rb->line);
		else {
			/* add_item may move the items: index them after */
			size_t at = add_item(pc, k, rb->text, rb->len, rb->line);

			b = &pg->items[at - 1];
		}
		b->tab = rb->table;
		rb->table = NULL;
		rb->text = NULL;
		return;
	}
	if (rb->kind == SOURCE_ITEM) {
		pc->masthead_open = false;
		if (pc->in_contents) {
			add_contents_entry(pc, rb);
			return;
		}
		if ((a = cur_article(pc)) != NULL)
			add_to(a, BLOCK_LIST_ITEM, rb->text, rb->len, rb->line);
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
	/* "### 本报记者 苏晓禾" (marker), a running head set as a title */
	a = cur_article(pc);
	if (a != NULL && at_top(pc, a) && recog_byline(rb->text, rb->len)) {
		add_to(a, BLOCK_BYLINE, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	if (recog_furniture(rb->text, rb->len)) {
		add_item(pc, BLOCK_FURNITURE, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	/* "### 本期导读" (or a title 本期导读 at any level): the box */
	if (pg->contents_title == NULL && pg->ncontents == 0 &&
	    recog_contents_heading(rb->text, rb->len)) {
		open_contents(pc, rb->text, rb->line);
		rb->text = NULL;
		return;
	}
	top = rb->level == 1 || (pc->flat && rb->level <= 2);
	if (top && pg->narticles == 0) {
		bool was_open = pc->masthead_open;

		pc->masthead_open = false;
		if (rb->level == 1 && !pc->is->masthead_seen &&
		    !recog_page_heading(rb->text, rb->len)) {
			pc->is->masthead_seen = true;
			pc->masthead_open = true;
			free(pc->is->title);
			pc->is->title = rb->text;
			rb->text = NULL;
			return;
		}
		/* "# QINGLAN DAILY" under the masthead (MinerU) */
		if (was_open && pc->is->title_en == NULL &&
		    recog_latin_line(rb->text, rb->len)) {
			pc->is->title_en = rb->text;
			rb->text = NULL;
			return;
		}
		/* "# 第2版 要闻": the page's title */
		if (pg->title == NULL && recog_page_heading(rb->text, rb->len)) {
			pg->title = rb->text;
			rb->text = NULL;
			return;
		}
		/* "# 要闻", "## 新 闻": the page's title when a title
		 * follows it (furniture between aside); a short headline
		 * when text does */
		if (pg->title == NULL && pc->cur == 0 &&
		    recog_section_label(rb->text, rb->len)) {
			hold_title(pc, rb, false, true);
			return;
		}
	}
	pc->masthead_open = false;
	if (pc->flat && rb->level <= 2) {
		rule_flat_title(pc, rb);
		return;
	}
	/* "## 一、 从“跟跑”到“并跑”" inside a story: its subhead */
	a = cur_article(pc);
	if (rb->level <= 2 && a != NULL && !at_top(pc, a) &&
	    recog_enumerated(rb->text, rb->len)) {
		add_to(a, BLOCK_SUBHEAD, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	if (rb->level <= 2) {
		start_article(pc, rb->text, rb->len, rb->line);
		rb->text = NULL;
		return;
	}
	/* "### 市民服务热线…" then "本报讯…": a story, not a subhead */
	if ((a = cur_article(pc)) != NULL && !at_top(pc, a)) {
		hold_title(pc, rb, false, false);
		return;
	}
	if ((a = cur_article(pc)) != NULL)
		add_to(a, BLOCK_SUBHEAD, rb->text, rb->len, rb->line);
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

/*
 * A new article at the end of v (*n of them), titled by the page
 * ("第02版 要闻", or "第02版"): it holds text of the page that stands
 * outside every story.
 */
static struct article *
page_text_article(const struct page *pg, struct article **v, size_t *n)
{
	struct article *a;
	const char *t = pg->title;

	*v = xgrow(*v, *n, sizeof **v);
	a = &(*v)[(*n)++];
	memset(a, 0, sizeof *a);
	if (t != NULL && scan_prefix(t, strlen(t), "第") &&
	    scan_contains(t, strlen(t), "版"))
		a->headline = xstrdup(t);
	else if (t != NULL && *t != '\0')
		a->headline = xasprintf("第%02d版 %s", pg->number, t);
	else
		a->headline = xasprintf("第%02d版", pg->number);
	a->headline_len = strlen(a->headline);
	a->page_text = true;
	return a;
}

/* b into a; into a story at its place by line: a caption stays where
 * the photo was. The page's own text keeps the order it came in (the
 * columns of a -layout page are read one after the other). */
static void
adopt(struct article *a, const struct block *b)
{
	struct block *n = add_to(a, b->kind, b->text, b->len, b->line);
	size_t k = a->nblocks - 1;

	while (!a->page_text && k > 0 && a->blocks[k - 1].line > b->line)
		k--;
	if (k < a->nblocks - 1) {
		struct block t = *n;

		memmove(&a->blocks[k + 1], &a->blocks[k],
		        (a->nblocks - 1 - k) * sizeof *a->blocks);
		a->blocks[k] = t;
		n = &a->blocks[k];
	}

	n->jump_page = b->jump_page;
	n->jump_dir = b->jump_dir;
	n->after = b->after;
	n->fig = b->fig;
	n->tab = b->tab;
	if (b->kind == BLOCK_JUMP && b->jump_dir > 0 && a->jump_to == 0)
		a->jump_to = b->jump_page;
	if (b->kind == BLOCK_JUMP && b->jump_dir < 0 && a->jump_from == 0)
		a->jump_from = b->jump_page;
	if (a->line == 0)
		a->line = b->line;
}

/* A caption, a credit, furniture: they go with the story before them. */
static bool
goes_with_story(const struct block *b)
{
	return b->kind == BLOCK_CAPTION || b->kind == BLOCK_CREDIT ||
	       b->kind == BLOCK_FURNITURE || b->kind == BLOCK_FIGURE;
}

/* What adopt_items found of a page before its walk. */
struct walk {
	const size_t *order;	/* the items in order (page_item_order) */
	bool box;		/* the page has a contents box */
	bool foot;		/* only furniture and photos after it */
	int boxline;		/* the box's first line */
};

/*
 * adopt_items' walk over the page's items. With v NULL it changes nothing
 * and returns the stories of the page's own text it would add; else it
 * adopts into *v, appending each story there (*v NULL) or where it is
 * (*v the page's array, when the dry walk added none), and returns the
 * stories there are then.
 */
static size_t
adopt_walk(struct page *pg, const struct walk *w, struct article **v,
           struct block **keep, size_t *nkeep)
{
	bool box = w->box, dry = v == NULL;
	bool inplace = !dry && *v != NULL && *v == pg->articles;
	struct article own = {.page_text = true}, *to = NULL;
	size_t n = 0, k, c, adds = 0, after = pg->contents_after;

	for (k = 0, c = 0; k <= pg->narticles; k++) {
		for (; c < pg->nitems &&
		       page_item_slot(pg, &pg->items[w->order[c]]) == k;
		     c++) {
			const struct block *b = &pg->items[w->order[c]];

			if (box && after == k && b->line > w->boxline) {
				if (!dry)
					pg->contents_after = n;
				box = false;
				to = NULL; /* nothing joins a story over the box */
			}
			/* The box's foot (微信公众号, the editors' line) stays
			 * with the box, shown under it. */
			if (to == NULL && w->foot && !box && after == k &&
			    b->line > w->boxline && goes_with_story(b)) {
				if (!dry) {
					*keep = xgrow(*keep, *nkeep,
					              sizeof **keep);
					(*keep)[*nkeep] = *b;
					(*keep)[(*nkeep)++].after = n;
				}
				continue;
			}
			if (to == NULL || (to->page_text == false &&
			                   !goes_with_story(b))) {
				adds++;
				to = dry ? &own : page_text_article(pg, v, &n);
			}
			if (!dry)
				adopt(to, b);
		}
		if (box && after == k) {
			if (!dry)
				pg->contents_after = n;
			box = false;
			to = NULL;
		}
		if (k < pg->narticles) {
			if (!dry && !inplace) {
				*v = xgrow(*v, n, sizeof **v);
				(*v)[n] = pg->articles[k];
			}
			to = dry ? &pg->articles[k] : &(*v)[n];
			n++;
		}
	}
	return dry ? adds : n;
}

/*
 * Every block of the page into a story, so that the panes show it and
 * search finds it, in the order printed. A caption, credit or footer
 * ends the story it follows; text outside every story (before the first,
 * after a story that jumped away, after the contents box, or a page
 * with no stories at all) becomes a story of its own titled by the page.
 * The box's foot, when it is only furniture and photos (微信公众号), stays
 * a page item, shown under the box. When no such story is added (a big
 * page's captions all follow stories), the stories are adopted where
 * they are: a page of 46,000 stories held its array twice (3.3 MB).
 */
static void
adopt_items(struct page *pg)
{
	struct walk w;
	struct article *v = NULL;
	struct block *keep = NULL;
	size_t n, nkeep = 0, i, after = pg->contents_after;
	size_t *order;

	if (pg->nitems == 0)
		return;
	w.box = pg->contents_title != NULL || pg->ncontents > 0;
	w.boxline = pg->contents_line > 0 ? pg->contents_line
	            : pg->ncontents > 0   ? pg->contents[0].line
	                                  : 0;
	/* a box with only furniture and photos after it */
	w.foot = w.box;
	for (i = 0; i < pg->nitems && w.foot; i++)
		if (page_item_slot(pg, &pg->items[i]) == after &&
		    pg->items[i].line > w.boxline &&
		    !goes_with_story(&pg->items[i]))
			w.foot = false;
	w.order = order = page_item_order(pg);
	if (adopt_walk(pg, &w, NULL, NULL, NULL) == 0)
		v = pg->articles;
	n = adopt_walk(pg, &w, &v, &keep, &nkeep);
	free(order);
	if (v != pg->articles)
		free(pg->articles);
	pg->articles = v;
	pg->narticles = n;
	free(pg->items);
	pg->items = keep;
	pg->nitems = nkeep;
}

/* Take the text of v[i] into *to and drop v[i] from v. */
static void
take_block(struct block *v, size_t *n, size_t i, char **to)
{
	free(*to);
	*to = v[i].text;
	memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof *v);
	(*n)--;
}

/*
 * Each figure in v takes its caption and credit: the caption and credit
 * just after it (MinerU, marker, PP-StructureV3), or the caption just
 * before it and the credit after (docling). Its shown text is then
 * "[图] caption credit" (the alt text when there is no caption).
 */
/* A photo's caption (not a table's) */
static bool
fig_caption(const struct block *b)
{
	return b->kind == BLOCK_CAPTION && !recog_table_caption(b->text, b->len);
}

static void
pair_figures(struct block *v, size_t *n)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		struct figure *f = v[i].fig;
		struct buf b = {0};

		if (v[i].kind != BLOCK_FIGURE || f == NULL)
			continue;
		if (i + 1 < *n && fig_caption(&v[i + 1]) && f->caption == NULL)
			take_block(v, n, i + 1, &f->caption);
		else if (i > 0 && fig_caption(&v[i - 1]) && f->caption == NULL) {
			take_block(v, n, i - 1, &f->caption);
			i--;
		}
		if (i + 1 < *n && v[i + 1].kind == BLOCK_CREDIT)
			take_block(v, n, i + 1, &f->credit);
		buf_adds(&b, "[图]");
		if (f->caption != NULL || f->alt != NULL) {
			buf_addc(&b, ' ');
			buf_adds(&b, f->caption != NULL ? f->caption : f->alt);
		}
		if (f->credit != NULL) {
			buf_addc(&b, ' ');
			buf_adds(&b, f->credit);
		}
		free(v[i].text);
		v[i].text = buf_take(&b, &v[i].len);
	}
}

static void
pair_all(struct page *pg)
{
	size_t i, n;

	for (i = 0; i < pg->narticles; i++) {
		struct article *a;

		if (story_in_file(pg, i)) /* (its blocks are in its file) */
			continue;
		a = page_article(pg, i);
		n = a->nblocks;
		pair_figures(a->blocks, &n);
		a->nblocks = (uint32_t)n;
	}
	pair_figures(pg->items, &pg->nitems);
}

/* The page's rules are done: the last article closed, furniture marked. */
static void
finish_page(struct pagectx *pc)
{
	flush_flat_title(pc, NULL);
	flush_held_jump(pc);
	close_article(pc);
	mark_furniture(pc);
	adopt_items(pc->pg);
	pair_all(pc->pg);
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

/* ---- a file read in parts ------------------------------------------- */

/* What a story handed out leaves for flush_held_jump: its jumps. */
struct ghost {
	size_t page; /* its page's index in the issue */
	char *headline; /* NULL when it jumps to no page */
	int jump_to, jump_from;
};

struct assemble_stream {
	struct pagectx pc;
	assemble_emit *emit;
	void *ectx;
	const struct page *finals; /* the pages' numbers and titles, or NULL */
	size_t nfinals;
	struct ghost *ghosts;
	size_t nghosts;
	size_t batch;   /* stories a page holds before they go out */
	size_t base;    /* stories of the open page handed out so far */
	size_t npieces; /* pieces begun */
	int rc;
	bool stopped;   /* emit said stop: no more, and no error */
	/* without emit: the stories that are done, told to done */
	assemble_done *done;
	void *dctx;
	struct assemble_part part; /* the part being parsed */
	size_t done_page;          /* the page (index) done has seen */
	size_t done_next;          /* of its stories, the next to see */
};

/* Stories handed out of the open page that come from page from. */
static size_t
ghosts_from(const struct pagectx *pc, int from)
{
	const struct assemble_stream *st = pc->st;
	size_t i, n = 0, me;

	if (st == NULL)
		return 0;
	me = (size_t)(pc->pg - pc->is->pages);
	for (i = 0; i < st->nghosts; i++)
		if (st->ghosts[i].page == me && st->ghosts[i].jump_from == from)
			n++;
	return n;
}

/* The headline of src's story, handed out, that jumps to the open page,
 * *taken of them skipped (flush_held_jump's walk, over what is gone). */
static const char *
ghost_headline(const struct pagectx *pc, const struct page *src,
               size_t *taken)
{
	const struct assemble_stream *st = pc->st;
	size_t i, at;

	if (st == NULL)
		return NULL;
	at = (size_t)(src - pc->is->pages);
	for (i = 0; i < st->nghosts; i++)
		if (st->ghosts[i].page == at &&
		    st->ghosts[i].jump_to == pc->pg->number && (*taken)-- == 0)
			return st->ghosts[i].headline;
	return NULL;
}

/* Hand part's stories out (part is pg, or the first stories of pg), then
 * free them, keeping their jumps. */
static void
stream_out(struct pagectx *pc, struct page *part, const struct page *pg)
{
	struct assemble_stream *st = pc->st;
	size_t i, at = (size_t)(pg - pc->is->pages);

	for (i = 0; i < part->narticles; i++) {
		struct article *a = &part->articles[i];

		a->page = part;
		a->index = st->base + i;
		if (a->jump_to == 0 && a->jump_from == 0)
			continue;
		st->ghosts = xgrow(st->ghosts, st->nghosts, sizeof *st->ghosts);
		st->ghosts[st->nghosts++] = (struct ghost){
		    at, a->jump_to ? xstrdup(a->headline) : NULL, a->jump_to,
		    a->jump_from};
	}
	if (!st->emit(st->ectx, part, at)) {
		st->stopped = true; /* the caller's reason: nothing to say */
		if (st->rc == 0)
			st->rc = -1;
	}
	st->base += part->narticles;
	page_empty(part);
}

/* The page is done: the rest of it out. */
static void
stream_page_done(struct pagectx *pc)
{
	stream_out(pc, pc->pg, pc->pg);
	pc->st->base = 0;
}

/*
 * Stories the rest of the page cannot change any more go out: all but
 * the last, with the items before that one, once a few wait. A page
 * item goes with the story before it (adopt_items), and each rule looks
 * at the open story only. Not past a contents box: the box's place and
 * its foot are the page's to settle at its end.
 */
static void
stream_part(struct pagectx *pc)
{
	struct assemble_stream *st = pc->st;
	struct page *pg = pc->pg, part;
	size_t e, i, keep = 0, gone = 0, at = (size_t)(pg - pc->is->pages);

	if (pg->narticles < st->batch || pg->contents_title != NULL ||
	    pg->ncontents > 0 || pc->in_contents || pc->entry_line != 0)
		return;
	e = pg->narticles - 1;
	memset(&part, 0, sizeof part);
	part.number = pg->number;
	part.path = pg->path;
	part.title = pg->title;
	part.issue = pc->is;
	if (at < st->nfinals) {
		/* what a later line makes of the page (its number at its
		 * end, its title) is what its first stories are set under */
		part.number = st->finals[at].number;
		part.title = st->finals[at].title;
	}
	part.articles = xreallocarray(NULL, e, sizeof *part.articles);
	memcpy(part.articles, pg->articles, e * sizeof *pg->articles);
	part.narticles = e;
	if (pc->loose > 0 && pg->items[pc->loose - 1].after <= e)
		pc->loose = 0;
	for (i = 0; i < pg->nitems; i++) {
		struct block *b = &pg->items[i];

		if (b->after > e) {
			b->after -= e;
			pg->items[keep++] = *b;
			continue;
		}
		part.items = xgrow(part.items, part.nitems, sizeof *part.items);
		part.items[part.nitems++] = *b;
		if (i + 1 < pc->loose)
			gone++;
	}
	pg->nitems = keep;
	if (pc->loose > 0)
		pc->loose -= gone;
	memmove(pg->articles, pg->articles + e,
	        (pg->narticles - e) * sizeof *pg->articles);
	pg->narticles -= e;
	if (pc->cur > 0)
		pc->cur -= e;
	adopt_items(&part);
	pair_all(&part);
	stream_out(pc, &part, pg);
}

/* The open page's items [from, to) freed, those after them moved up
 * (the one the previous block made with them). */
static void
drop_items(struct pagectx *pc, size_t from, size_t to)
{
	struct page *pg = pc->pg;
	size_t k;

	if (from == to) /* (none: items may be NULL) */
		return;
	for (k = from; k < to; k++)
		block_free(&pg->items[k]);
	memmove(&pg->items[from], &pg->items[to],
	        (pg->nitems - to) * sizeof *pg->items);
	pg->nitems -= to - from;
	if (pc->loose > to)
		pc->loose -= to - from;
	else if (pc->loose > from)
		pc->loose = 0;
}

/*
 * The stories of the open page that only the page's end can change any
 * more, told to done as it will leave them: all but the last (the rules
 * look at the open story only), each with the page items after it that
 * adopt_items will give it (the captions, credits and furniture before
 * any other item). Not one with a photo, whose caption pair_all may yet
 * take from its page.
 */
static void
stream_done(struct pagectx *pc)
{
	struct assemble_stream *st = pc->st;
	struct page *pg = pc->pg;
	size_t at = (size_t)(pg - pc->is->pages), i, j, first, end;

	if (at != st->done_page) {
		st->done_page = at;
		st->done_next = 0;
	}
	st->part.flat = pc->flat;
	st->part.number = pg->number;
	for (i = st->done_next; i + 1 < pg->narticles; i++) {
		const struct article *a = &pg->articles[i];
		struct article t = *a;
		bool photo = false;

		/* items come in order of after: the page's last few */
		for (end = pg->nitems; end > 0 && pg->items[end - 1].after > i + 1;
		     end--)
			;
		for (first = end;
		     first > 0 && pg->items[first - 1].after == i + 1; first--)
			;
		for (j = 0; j < a->nblocks && !photo; j++)
			photo = a->blocks[j].kind == BLOCK_FIGURE;
		if (photo)
			continue;
		t.blocks = NULL;
		if (a->nblocks > 0) {
			t.blocks = xreallocarray(NULL, xgrow_room(a->nblocks),
			                         sizeof *t.blocks);
			memcpy(t.blocks, a->blocks,
			       a->nblocks * sizeof *t.blocks);
		}
		/* the rest go to a story of the page's own text */
		for (j = first; j < end && !photo &&
		                goes_with_story(&pg->items[j]);
		     j++) {
			photo = pg->items[j].kind == BLOCK_FIGURE;
			adopt(&t, &pg->items[j]); /* t's own array */
		}
		if (!photo) {
			st->done(st->dctx, pg, i, &t, &st->part);
			/* shelved: the items it adopts are its marks now */
			if (story_in_file(pg, i))
				drop_items(pc, first, j);
		}
		free(t.blocks);
	}
	st->done_next = i;
}

struct assemble_stream *
assemble_stream_new(struct issue *is, struct page *pg, int flags,
                    assemble_more *more, void *mctx, assemble_emit *emit,
                    void *ectx)
{
	struct assemble_stream *st = xcalloc(1, sizeof *st);

	st->pc.is = is;
	st->pc.flags = flags;
	st->pc.pg = pg;
	st->pc.more = more;
	st->pc.mctx = mctx;
	st->pc.st = st;
	st->emit = emit;
	st->ectx = ectx;
	st->batch = 8;
	return st;
}

void
assemble_stream_batch(struct assemble_stream *st, size_t batch)
{
	st->batch = batch >= 2 ? batch : 2;
}

void
assemble_stream_finals(struct assemble_stream *st, const struct page *pages,
                       size_t n)
{
	st->finals = pages;
	st->nfinals = n;
}

void
assemble_stream_piece(struct assemble_stream *st, bool flat)
{
	if (st->npieces++ > 0 && st->rc == 0) {
		struct source_block br;

		memset(&br, 0, sizeof br);
		br.kind = SOURCE_PAGE_BREAK;
		rule_sink(&st->pc, &br);
	}
	st->pc.flat = flat;
}

void
assemble_stream_done(struct assemble_stream *st, assemble_done *done,
                     void *ctx)
{
	st->done = st->emit == NULL ? done : NULL;
	st->dctx = ctx;
}

int
assemble_stream_feed(struct assemble_stream *st, const char *s, size_t len,
                     int line0, long long off, const size_t *dropped,
                     size_t ndropped)
{
	int rc;

	st->part.text = s;
	st->part.len = len;
	st->part.line0 = line0;
	st->part.off = off;
	st->part.dropped = dropped;
	st->part.ndropped = ndropped;
	if (st->rc == 0) {
		rc = source_markdown(s, len, line0, st->pc.flags, rule_sink,
		                     &st->pc);
		if (st->rc == 0) /* not stopped while it ran */
			st->rc = rc;
	}
	return st->rc;
}

int
assemble_stream_end(struct assemble_stream *st, char **err)
{
	/* stopped: the caller's reason; nothing is finished, nothing said */
	int rc = st->stopped ? 0 : st->rc;
	size_t i;

	if (rc != 0) {
		char *safe = text_name(st->pc.pg->path);

		*err = xasprintf("%s: cannot parse the Markdown", safe);
		free(safe);
	} else if (!st->stopped) {
		finish_page(&st->pc);
		if (st->emit != NULL)
			stream_page_done(&st->pc);
	}
	free(st->pc.held.text);
	free(st->pc.fhold.text);
	for (i = 0; i < st->nghosts; i++)
		free(st->ghosts[i].headline);
	free(st->ghosts);
	free(st);
	return rc;
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
		if (pc->st != NULL && pc->st->emit != NULL)
			stream_page_done(pc);
		pc->pg = pc->more(pc->mctx, pc->brk);
		pc->brk = 0;
		pc->cur = pc->loose = pc->seen = 0;
		pc->in_contents = pc->masthead_open = pc->joinable = false;
		pc->cut = false;
		pc->entry_line = 0;
	}
	pc->seen++;
	rule_block(pc, b);
	if (pc->st != NULL && pc->st->emit != NULL)
		stream_part(pc);
	else if (pc->st != NULL && pc->st->done != NULL)
		stream_done(pc);
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

/*
 * An HTML page as it was read, as the one piece split_pages would make,
 * when sanitising it first would change nothing that matters: without a
 * form feed (a page break). libxml2 gets it a piece at a time, each
 * checked then (source-html.c: invalid UTF-8 and NUL are sanitised
 * there), and each block is sanitised after its entities are decoded,
 * so a 10 MB page is neither copied nor read once more first. NULL when
 * it must be split.
 */
static char **
html_as_is(char *own, size_t len, size_t **lens, size_t *n)
{
	char **v;

	if (memchr(own, '\f', len) != NULL)
		return NULL;
	v = xmalloc(sizeof *v);
	*lens = xmalloc(sizeof **lens);
	v[0] = own;
	(*lens)[0] = len;
	*n = 1;
	return v;
}

/*
 * The heading levels a Markdown page uses, as bits (1 << level): ATX
 * headings at line starts outside fenced code. Setext headings are rare
 * in converters' output and count as none. stacked: two headings with
 * only blank lines between them. Fed a line at a time (p to its end e,
 * the newline left out), so a page read in parts is scanned as a whole.
 */
void
assemble_levels_line(struct assemble_levels *h, const char *p, const char *e)
{
	const char *q = p;
	int n;

	while (q < e && q - p < 3 && *q == ' ')
		q++;
	if (e - q >= 3 && (memcmp(q, "```", 3) == 0 || memcmp(q, "~~~", 3) == 0))
		h->fence = !h->fence;
	if (h->fence || q == e)
		return; /* a blank line keeps prev */
	for (n = 0; q < e && *q == '#' && n < 7; q++)
		n++;
	if (n >= 1 && n <= 6 && (q == e || *q == ' ' || *q == '\t')) {
		h->mask |= 1u << n;
		h->stacked |= h->prev;
		h->prev = true;
	} else
		h->prev = false;
}

/* One level of titles: # for all (MinerU), or ## with titles stacked
 * over titles (docling's label, kicker and headline); a page of ##
 * stories alone is not. */
bool
assemble_levels_flat(const struct assemble_levels *h)
{
	return h->mask == 2 || (h->mask == 4 && h->stacked);
}

static bool
page_is_flat(const char *s, size_t len)
{
	struct assemble_levels h = {0};
	const char *p = s, *e = s + len, *nl;

	for (; p < e; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(e - p))) == NULL)
			nl = e;
		assemble_levels_line(&h, p, nl);
	}
	return assemble_levels_flat(&h);
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
	bool text, html;

	html = source_is_html_name(pg->path);
	if (html && own != NULL && data == own &&
	    (piece = html_as_is(own, len, &plen, &n)) != NULL)
		own = NULL; /* the piece now */
	else
		piece = split_pages(data, len, &plen, &n);
	free(own);
	memset(&pc, 0, sizeof pc);
	pc.is = is;
	pc.flags = flags;
	pc.pg = pg;
	pc.more = more;
	pc.mctx = mctx;
	/* pdftotext's form feeds say plain text, unless named Markdown */
	text = !html && (source_is_text(pg->path, piece[0], plen[0]) ||
	                 (n > 1 && !source_is_markdown_name(pg->path)));
	if (html) {
		/* An e-paper page: its <h1> is the story's headline, never a
		 * masthead, and its <p>s are the paper's own paragraphs, never
		 * cut by a PDF column. */
		is->masthead_seen = true;
		pc.flags &= ~LOAD_JOIN_COLUMNS;
	}
	for (i = 0; i < n; i++) {
		if (i > 0 && rc == 0) {
			struct source_block br;

			memset(&br, 0, sizeof br);
			br.kind = SOURCE_PAGE_BREAK;
			rule_sink(&pc, &br);
		}
		/* plain text has no levels to trust: its titles are flat;
		 * HTML's levels are its tags, not lines that begin with # */
		pc.flat = text || (!html && page_is_flat(piece[i], plen[i]));
		if (rc == 0 && html)
			rc = source_html(piece[i], plen[i], line0, flags,
			                 rule_sink, &pc);
		else if (rc == 0)
			rc = text ? source_text(piece[i], plen[i], line0, flags,
			                        rule_sink, &pc)
			          : source_markdown(piece[i], plen[i], line0,
			                            flags, rule_sink, &pc);
		line0 += scan_count_lines(piece[i], plen[i]);
		free(piece[i]);
	}
	free(piece);
	free(plen);
	if (rc != 0) {
		const char *why = html ? source_html_missing() : NULL;

		safe = text_name(pc.pg->path);
		if (why != NULL)
			*err = xasprintf("%s: cannot read its HTML: %s", safe,
			                 why);
		else
			*err = xasprintf("%s: cannot parse the %s", safe,
			                 html ? "HTML" : "Markdown");
		free(safe);
	} else
		finish_page(&pc);
	free(pc.held.text);
	free(pc.fhold.text);
	return rc;
}

int
assemble_page(struct issue *is, struct page *pg, int flags, const char *data,
              size_t len, char *own, char **err)
{
	return assemble_pages(is, pg, flags, data, len, own, NULL, NULL, err);
}
