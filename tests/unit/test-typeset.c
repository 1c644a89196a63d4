/*
 * test-typeset.c: typesetting a hand-built issue (the loader is not used,
 * so this tests typeset.c alone): order of lines, styles, centring,
 * right-aligned page numbers and credits, nothing lost or doubled, no line
 * wider than the width, the rule exactly the width, at widths 80, 40, 20
 * and 6 in both ambiguous modes.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "issue.h"
#include "load.h"
#include "typeset.h"
#include "width.h"
#include "xmalloc.h"

static const char P1[] =
    "11月7日，国务院办公厅印发《关于加快场景培育和开放推动新场景大规模应用的"
    "实施意见》（以下简称《意见》）。《意见》提出，充分发挥我国超大规模市场和"
    "丰富应用场景优势——推动新场景大规模应用，形成“技术突破—场景验证—产业应用—"
    "体系升级”路径……";
static const char P2[] =
    "“场景是源于影视领域的一个概念，近年来被引入到经济、社会、科技和产业等领域"
    "。"
    "”李春临说，CEO Tim Cook 也表示 iPhone 15 销量增长了12.5%。";
static const char P3[] = "此外，构建优质高效、直达快享的中小企业服务体系，"
                         "建好用好全国中小企业服务“一张网”。";
static const char P4[] = "本报讯 大会同期发布了中小企业人工智能典型应用场景"
                         "样本方案参考。";

static struct block
mkb(enum block_kind kind, const char *text, int line, size_t after)
{
	struct block b;

	memset(&b, 0, sizeof b);
	b.kind = kind;
	b.text = xstrdup(text);
	b.len = strlen(text);
	b.line = line;
	b.after = after;
	return b;
}

static void
mka(struct article *a, const char *headline, int line, struct block *blocks,
    size_t n)
{
	memset(a, 0, sizeof *a);
	a->headline = xstrdup(headline);
	a->headline_len = strlen(headline);
	a->line = line;
	a->blocks = xreallocarray(NULL, n, sizeof *blocks);
	memcpy(a->blocks, blocks, n * sizeof *blocks);
	a->nblocks = n;
}

/*
 * Page 1: article 1 (byline, body, subhead, body, jump to page 2), a
 * caption and a credit, article 2 (short news with signature), the
 * contents box, two pieces of furniture. Page 2: the continuation.
 */
static struct issue *
mkissue(void)
{
	struct issue *is = xcalloc(1, sizeof *is);
	struct page *p1, *p2;
	struct block b[5];

	is->title = xstrdup("中国高新技术产业导报");
	is->title_en = xstrdup("CHINA HIGH-TECH INDUSTRY HERALD");
	is->publine = xstrdup("科学技术部主管 科技日报社主办 "
	                      "国内统一连续出版物号CN 11—0237 2025年11月17日 "
	                      "星期一 第42期(总第2646期) 今日24版");
	is->npages = 2;
	is->pages = xcalloc(2, sizeof *is->pages);
	p1 = &is->pages[0];
	p2 = &is->pages[1];
	p1->number = 1;
	p1->issue = is;
	p2->number = 2;
	p2->issue = is;
	p2->title = xstrdup("第2版 要闻");

	p1->narticles = 2;
	p1->articles = xcalloc(2, sizeof *p1->articles);
	b[0] = mkb(BLOCK_BYLINE, "▶ 本报记者 李争粉", 12, 0);
	b[1] = mkb(BLOCK_PARAGRAPH, P1, 14, 0);
	b[2] = mkb(BLOCK_SUBHEAD, "场景已成为关键创新资源", 16, 0);
	b[3] = mkb(BLOCK_PARAGRAPH, P2, 18, 0);
	b[4] = mkb(BLOCK_JUMP, "▼▼ 下转第2版", 20, 0);
	b[4].jump_page = 2;
	b[4].jump_dir = 1;
	mka(page_article(p1, 0), "场景“小切口”孕育产业体系升级新路径", 10, b,
	    5);
	page_article(p1, 0)->jump_to = 2;
	b[0] = mkb(BLOCK_PARAGRAPH, P4, 27, 0);
	b[1] = mkb(BLOCK_SIGNATURE, "姚文", 27, 0);
	mka(page_article(p1, 1), "优质企业梯度培育工作推进会召开", 25, b, 2);
	page_article(p1, 1)->short_news = true;
	page_article(p1, 1)->index = 1;

	p1->nitems = 4;
	p1->items = xcalloc(4, sizeof *p1->items);
	p1->items[0] =
	    mkb(BLOCK_CAPTION, "图为国家高新区一景。 新华社发", 22, 1);
	p1->items[1] = mkb(BLOCK_CREDIT, "(庄歌尔/摄)", 23, 1);
	p1->items[2] = mkb(BLOCK_FURNITURE, "微信公众号", 50, 2);
	p1->items[3] = mkb(BLOCK_FURNITURE, "中国高新网", 52, 2);

	p2->narticles = 1;
	p2->articles = xcalloc(1, sizeof *p2->articles);
	b[0] = mkb(BLOCK_JUMP, "▲▲ 上接第1版", 4, 0);
	b[0].jump_page = 1;
	b[0].jump_dir = -1;
	b[1] = mkb(BLOCK_PARAGRAPH, P3, 6, 0);
	mka(page_article(p2, 0), "场景“小切口”孕育产业体系升级新路径（续）", 3,
	    b, 2);
	page_article(p2, 0)->jump_from = 1;

	p1->contents_title = xstrdup("本期导读");
	p1->contents_after = 2;
	p1->ncontents = 3;
	p1->contents = xcalloc(3, sizeof *p1->contents);
	p1->contents[0].title = xstrdup("竞逐太空计算赛道，中国抢先“落子”");
	p1->contents[0].page = 3;
	p1->contents[0].line = 40;
	p1->contents[1].title =
	    xstrdup("国家高新区学习贯彻党的二十届四中全会精神掀热潮(2)");
	p1->contents[1].page = 9;
	p1->contents[1].line = 41;
	p1->contents[2].title =
	    xstrdup("场景“小切口”孕育产业体系升级新路径（续）");
	p1->contents[2].page = 2;
	p1->contents[2].line = 42;
	p1->contents[2].target = page_article(p2, 0);
	page_article(p1, 0)->page = p1;
	page_article(p1, 1)->page = p1;
	page_article(p2, 0)->page = p2;
	return is;
}

static void
free_blocks(struct block *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(b[i].text);
	free(b);
}

static void
free_issue(struct issue *is)
{
	size_t i, j;

	for (i = 0; i < is->npages; i++) {
		struct page *p = &is->pages[i];

		for (j = 0; j < p->narticles; j++) {
			free(page_article(p, j)->headline);
			free_blocks(page_article(p, j)->blocks,
			            page_article(p, j)->nblocks);
		}
		free(p->articles);
		free_blocks(p->items, p->nitems);
		for (j = 0; j < p->ncontents; j++)
			free(p->contents[j].title);
		free(p->contents);
		free(p->contents_title);
		free(p->title);
	}
	free(is->pages);
	free(is->title);
	free(is->title_en);
	free(is->publine);
	free(is);
}

/* s without ASCII spaces and U+3000, appended to b. */
static void
add_ink(struct buf *b, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ')
			continue;
		if (len - i >= 3 && memcmp(s + i, "　", 3) == 0) {
			i += 2;
			continue;
		}
		buf_addc(b, s[i]);
	}
}

static bool
ends_with(const struct ts_line *l, const char *suffix)
{
	size_t n = strlen(suffix);

	return l->len >= n && memcmp(l->text + l->len - n, suffix, n) == 0;
}

static bool
within(const struct ts_line *l, const char *s, size_t len)
{
	return l->text >= s && l->text + l->len <= s + len;
}

static void
typeset_all(struct ts_doc *d, const struct issue *is, int width, int gap)
{
	static struct typeset_opts o;

	o.width = width;
	o.indent = 4;
	o.paragraph_gap = gap;
	o.kinsoku = KINSOKU_BASIC;
	typeset_init(d, &o);
	typeset_issue(d, is);
}

/* Everything one issue at one width must satisfy. */
static void
check_doc(const struct issue *is, int W)
{
	static const enum ts_style order[] = {
	    TS_TITLE,     TS_TITLE_EN,      TS_PUBLINE,  TS_RULE,      TS_PAGE,
	    TS_HEADLINE,  TS_BYLINE,        TS_BODY,     TS_SUBHEAD,   TS_BODY,
	    TS_JUMP,      TS_CAPTION,       TS_CREDIT,   TS_HEADLINE,  TS_BODY,
	    TS_SIGNATURE, TS_CONTENTS_HEAD, TS_CONTENTS, TS_FURNITURE, TS_PAGE,
	    TS_HEADLINE,  TS_JUMP,          TS_BODY};
	const struct page *p1 = &is->pages[0], *p2 = &is->pages[1];
	const struct article *a1 = page_article(p1, 0);
	const struct article *a3 = page_article(p2, 0);
	struct ts_doc d;
	struct buf got = {0}, want = {0};
	size_t i, k = 0, j;
	int indent = W - 2 < 4 ? W - 2 : 4;
	int rules = 0, numbers[3] = {0, 0, 0};
	bool body_seen = false;
	enum ts_style last = TS_BLANK;

	typeset_all(&d, is, W, 1);
	assert_true(d.n > 20);
	for (i = 0; i < d.n; i++) {
		const struct ts_line *l = &d.lines[i];

		/* No line wider than the width; widths as width.h counts. */
		assert_true(l->col >= 0);
		assert_true(l->col + l->width <= W);
		assert_int_equal(l->width, width_str(l->text, l->len));
		/* Styles in source order (blank lines and repeats aside). */
		if (l->style != TS_BLANK && l->style != last) {
			assert_true(k < sizeof order / sizeof order[0]);
			if (order[k] != l->style)
				fprintf(stderr,
				        "# width %d line %zu: style %d, "
				        "want %d\n",
				        W, i, l->style, order[k]);
			assert_int_equal(l->style, order[k]);
			k++;
			last = l->style;
		}
		if (l->style != TS_RULE)
			add_ink(&got, l->text, l->len);
		switch (l->style) {
		case TS_RULE:
			rules++;
			/* Exactly the width, but one column short when ─ is
			 * wide and the width odd. */
			assert_int_equal(l->col, 0);
			assert_int_equal(l->width, W - W % width_cp(0x2500));
			break;
		case TS_TITLE:
			assert_int_equal(l->col, (W - l->width) / 2);
			assert_true(within(l, is->title, strlen(is->title)));
			break;
		case TS_HEADLINE:
			assert_true(l->article != NULL);
			assert_true(within(l, l->article->headline,
			                   l->article->headline_len));
			assert_true(l->col == (W - l->width) / 2 ||
			            l->col == (W - l->width - 1) / 2);
			break;
		case TS_BODY:
		case TS_BYLINE:
		case TS_SUBHEAD:
		case TS_CAPTION:
			assert_non_null(l->block);
			assert_true(within(l, l->block->text, l->block->len));
			if (l->style == TS_BODY && l->text == l->block->text)
				assert_int_equal(l->col, indent);
			else if (l->style == TS_BODY)
				assert_int_equal(l->col, 0);
			else
				assert_int_equal(l->col, 0);
			if (l->style == TS_BODY)
				body_seen = true;
			break;
		case TS_CREDIT:
		case TS_SIGNATURE:
			assert_non_null(l->block);
			assert_true(within(l, l->block->text, l->block->len));
			assert_int_equal(l->col + l->width, W);
			break;
		case TS_JUMP:
			assert_non_null(l->block);
			assert_int_equal(l->link_page, l->block->jump_page);
			assert_true(l->article == a1 || l->article == a3);
			assert_int_equal(l->link_page,
			                 l->article == a1 ? 2 : 1);
			break;
		case TS_CONTENTS:
			for (j = 0; j < p1->ncontents; j++) {
				const struct contents_entry *e =
				    &p1->contents[j];
				char lab[16];

				if (l->link_page != e->page)
					continue;
				assert_ptr_equal(l->link, e->target);
				snprintf(lab, sizeof lab, "%02d版", e->page);
				if (ends_with(l, lab)) {
					numbers[j]++;
					/* Flush right. */
					assert_int_equal(l->col + l->width, W);
				}
			}
			assert_true(l->link_page == 3 || l->link_page == 9 ||
			            l->link_page == 2);
			break;
		case TS_FURNITURE:
			assert_true(l->col == (W - l->width) / 2);
			break;
		default:
			break;
		}
		if (l->block != NULL && l->article != NULL) {
			/* The block belongs to the article. */
			assert_true(l->block >= l->article->blocks &&
			            l->block < l->article->blocks +
			                           l->article->nblocks);
		}
	}
	assert_int_equal(k, sizeof order / sizeof order[0]);
	assert_int_equal(rules, 1);
	assert_true(body_seen);
	/* Below 4 columns "03版" itself has to break. */
	for (j = 0; j < 3; j++) {
		if (numbers[j] != (W >= 4))
			fprintf(stderr, "# width %d: entry %zu: %d\n", W, j,
			        numbers[j]);
		assert_int_equal(numbers[j], W >= 4);
	}

	/* Nothing lost, nothing doubled: the text in order, spaces aside. */
#define W_(s) add_ink(&want, (s), strlen(s))
	W_(is->title);
	W_(is->title_en);
	W_(is->publine);
	W_("第01版");
	for (i = 0; i < 2; i++) {
		const struct article *a = page_article(p1, i);

		W_(a->headline);
		for (j = 0; j < a->nblocks; j++)
			W_(a->blocks[j].text);
		if (i == 0) {
			W_(p1->items[0].text);
			W_(p1->items[1].text);
		}
	}
	W_(p1->contents_title);
	for (j = 0; j < p1->ncontents; j++) {
		char lab[16];

		W_(p1->contents[j].title);
		snprintf(lab, sizeof lab, "%02d版", p1->contents[j].page);
		W_(lab);
	}
	W_(p1->items[2].text);
	W_(p1->items[3].text);
	W_(p2->title);
	W_(a3->headline);
	W_(a3->blocks[0].text);
	W_(a3->blocks[1].text);
#undef W_
	if (got.len != want.len || memcmp(got.s, want.s, got.len) != 0)
		fprintf(stderr, "# got  %.*s\n# want %.*s\n", (int)got.len,
		        got.s, (int)want.len, want.s);
	assert_int_equal(got.len, want.len);
	assert_memory_equal(got.s, want.s, got.len);
	buf_free(&got);
	buf_free(&want);
	typeset_free(&d);
}

static struct issue *IS;

static void
run_widths(enum width_ambiguous m)
{
	static const int widths[] = {80, 40, 20, 6, 7, 41, 3, 2};
	size_t i;

	width_set_ambiguous(m);
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++)
		check_doc(IS, widths[i]);
	width_set_ambiguous(WIDTH_NARROW);
}

static void
test_issue_narrow(void **state)
{
	(void)state;
	run_widths(WIDTH_NARROW);
}

static void
test_issue_wide(void **state)
{
	(void)state;
	run_widths(WIDTH_WIDE);
}

/*
 * Memory: no layout scratch survives a typeset_* call (a reader keeps one
 * doc per article), the line array is not left much larger than the lines
 * after a page or an issue, and a line carries no padding.
 */
static void
test_memory(void **state)
{
	struct typeset_opts o = {40, 4, 1, KINSOKU_BASIC, false, false};
	struct ts_doc d;
	size_t n;

	(void)state;
	assert_true(sizeof(struct ts_line) <=
	            sizeof(void *) * 5 + sizeof(int) * 4);
	typeset_init(&d, &o);
	typeset_article(&d, page_article(&IS->pages[0], 0));
	assert_true(d.n > 0);
	assert_true(d.cap - d.n <= 8 || d.cap - d.n <= d.n / 8);
	assert_null(d.lay.v);
	assert_null(d.lay.brk);
	assert_null(d.lay.cl);
	n = d.n;
	/* appending still works once the scratch is gone */
	typeset_article(&d, page_article(&IS->pages[0], 0));
	assert_int_equal(d.n, 2 * n);
	assert_memory_equal(&d.lines[0], &d.lines[n], sizeof d.lines[0]);
	typeset_free(&d);
	typeset_init(&d, &o);
	typeset_issue(&d, IS);
	assert_null(d.lay.cl);
	assert_true(d.cap >= d.n);
	assert_true(d.cap - d.n <= 8 || d.cap - d.n <= d.n / 8);
	typeset_free(&d);
	typeset_init(&d, &o);
	typeset_page(&d, &IS->pages[0]);
	assert_null(d.lay.brk);
	assert_true(d.cap - d.n <= 8 || d.cap - d.n <= d.n / 8);
	typeset_free(&d);
}

/* A page of n stories (byline, two paragraphs, a jump), a caption after
 * every fifth, and a contents box half way. */
static struct issue *
mkbig(size_t n)
{
	struct issue *is = xcalloc(1, sizeof *is);
	struct page *p;
	struct block b[4];
	size_t i;

	is->title = xstrdup("测试报");
	is->npages = 1;
	is->pages = p = xcalloc(1, sizeof *p);
	p->number = 1;
	p->issue = is;
	p->narticles = n;
	p->articles = xcalloc(n, sizeof *p->articles);
	for (i = 0; i < n; i++) {
		b[0] = mkb(BLOCK_BYLINE, "▶ 本报记者 李争粉", 0, 0);
		b[1] = mkb(BLOCK_PARAGRAPH, P1, 0, 0);
		b[2] = mkb(BLOCK_PARAGRAPH, P2, 0, 0);
		b[3] = mkb(BLOCK_JUMP, "▼▼ 下转第2版", 0, 0);
		mka(page_article(p, i), "场景“小切口”孕育产业体系升级新路径",
		    (int)(10 * i + 1), b, 4);
		page_article(p, i)->page = p;
		page_article(p, i)->index = (uint32_t)i;
	}
	p->nitems = n / 5;
	p->items = xcalloc(p->nitems, sizeof *p->items);
	for (i = 0; i < p->nitems; i++)
		p->items[i] = mkb(BLOCK_CAPTION, "图为国家高新区一景。 新华社发",
		                  (int)(50 * i + 5), 5 * i + 1);
	p->contents_title = xstrdup("本期导读");
	p->contents_after = n / 2;
	return is;
}

/* The lines of a flushed doc, as they were handed out. */
struct handed {
	struct buf b;
	size_t calls;
	size_t most; /* lines the doc held at a flush, at most */
};

static void
put_lines(struct buf *b, const struct ts_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		buf_printf(b, "%d %d %.*s\n", d->lines[i].col,
		           (int)d->lines[i].style, (int)d->lines[i].len,
		           d->lines[i].text);
}

static void
hand_out(struct ts_doc *d, void *ctx)
{
	struct handed *h = ctx;

	h->calls++;
	if (d->n > h->most)
		h->most = d->n;
	put_lines(&h->b, d);
	typeset_drain(d);
}

/*
 * A doc with flush set (--dump) hands a big page's lines out between its
 * stories, a few thousand at a time: the same lines as a doc that holds
 * them all, blank lines between stories and all, for a page and for the
 * issue (masthead first).
 */
static void
test_flush(void **state)
{
	static const int widths[] = {80, 20};
	struct issue *big = mkbig(1000);
	struct typeset_opts o = {0, 4, 1, KINSOKU_BASIC, false, false};
	struct ts_doc d;
	struct buf want = {0};
	struct handed h;
	size_t i;
	int whole;

	(void)state;
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++)
		for (whole = 0; whole < 2; whole++) {
			o.width = widths[i];
			typeset_init(&d, &o);
			if (whole)
				typeset_issue(&d, big);
			else
				typeset_page(&d, &big->pages[0]);
			want.len = 0;
			put_lines(&want, &d);
			typeset_free(&d);

			memset(&h, 0, sizeof h);
			typeset_init(&d, &o);
			d.flush = hand_out;
			d.flush_ctx = &h;
			if (whole)
				typeset_issue(&d, big);
			else
				typeset_page(&d, &big->pages[0]);
			hand_out(&d, &h);
			typeset_free(&d);
			assert_true(h.calls > 2);
			/* a story's lines past the mark, at most */
			assert_true(h.most < TS_FLUSH_LINES + 200);
			assert_int_equal(h.b.len, want.len);
			assert_memory_equal(h.b.s, want.s, want.len);
			buf_free(&h.b);
		}
	buf_free(&want);
	free_issue(big);
}

/* The masthead at 40: centred title, then the rule, 40 ─ or 20 wide ones. */
static void
test_masthead_exact(void **state)
{
	static const char *const pub[] = {
	    "科学技术部主管 科技日报社主办",
	    "国内统一连续出版物号CN 11—0237",
	    "2025年11月17日 星期一 第42期(总第2646期)",
	    "今日24版",
	};
	struct ts_doc d;
	size_t i;
	int m;

	(void)state;
	for (m = WIDTH_NARROW; m <= WIDTH_WIDE; m++) {
		width_set_ambiguous((enum width_ambiguous)m);
		typeset_all(&d, IS, 40, 1);
		assert_int_equal(d.lines[0].style, TS_TITLE);
		assert_int_equal(d.lines[0].width, 20);
		assert_int_equal(d.lines[0].col, 10);
		assert_int_equal(d.lines[1].style, TS_TITLE_EN);
		assert_int_equal(d.lines[1].col, (40 - 31) / 2);
		/* The publication line breaks between its parts. */
		for (i = 0; i < 4; i++) {
			const struct ts_line *l = &d.lines[2 + i];

			assert_int_equal(l->style, TS_PUBLINE);
			assert_int_equal(l->len, strlen(pub[i]));
			assert_memory_equal(l->text, pub[i], l->len);
			assert_int_equal(l->col, (40 - l->width) / 2);
		}
		assert_int_equal(d.lines[6].style, TS_RULE);
		assert_int_equal(d.lines[6].width, 40);
		assert_int_equal(d.lines[6].len,
		    (size_t)(m == WIDTH_WIDE ? 20 : 40) * strlen("─"));
		assert_int_equal(d.lines[7].style, TS_BLANK);
		assert_int_equal(d.lines[8].style, TS_PAGE);
		assert_int_equal(d.lines[8].len, strlen("第01版"));
		assert_memory_equal(d.lines[8].text, "第01版", d.lines[8].len);
		typeset_free(&d);
	}
	width_set_ambiguous(WIDTH_NARROW);
}

/* Contents at 40: the exact entry lines. */
static void
test_contents_exact(void **state)
{
	char *want[6];
	struct ts_doc d;
	size_t i, k = 0;

	(void)state;
	/* Widths: 32 + 4 + 4; 9 + 27 + 4; 6 + 30 + 4 (the title is exactly
	 * 40 wide, so it is set again at 35 to leave room for the number). */
	want[0] = xstrdup("本期导读");
	want[1] = xasprintf("竞逐太空计算赛道，中国抢先“落子”%*s03版", 4, "");
	want[2] = xstrdup("国家高新区学习贯彻党的二十届四中全会精神");
	want[3] = xasprintf("掀热潮(2)%*s09版", 27, "");
	want[4] = xstrdup("场景“小切口”孕育产业体系升级新路径");
	want[5] = xasprintf("（续）%*s02版", 30, "");
	typeset_all(&d, IS, 40, 1);
	for (i = 0; i < d.n; i++) {
		const struct ts_line *l = &d.lines[i];
		char *s;

		if (l->style != TS_CONTENTS && l->style != TS_CONTENTS_HEAD)
			continue;
		assert_true(k < 6);
		s = xasprintf("%*s%.*s", l->col, "", (int)l->len, l->text);
		assert_string_equal(s, want[k]);
		free(s);
		k++;
	}
	assert_int_equal(k, 6);
	for (k = 0; k < 6; k++)
		free(want[k]);
	typeset_free(&d);
}

/* paragraph_gap blank lines between paragraphs, at least one before a subhead.
 */
static void
test_paragraph_gap(void **state)
{
	int gap;

	(void)state;
	for (gap = 0; gap <= 2; gap++) {
		struct ts_doc d;
		size_t i, blanks = 0;
		int seen = 0;

		typeset_all(&d, IS, 80, gap);
		for (i = 0; i < d.n; i++) {
			const struct ts_line *l = &d.lines[i];

			if (l->style == TS_BLANK) {
				blanks++;
				continue;
			}
			if (l->style == TS_SUBHEAD) {
				assert_int_equal(blanks, gap < 1 ? 1 : gap);
				seen++;
			}
			if (l->style == TS_BODY && l->block != NULL &&
			    l->text == l->block->text &&
			    strcmp(l->block->text, P2) == 0) {
				/* After the subhead. */
				assert_int_equal(blanks, gap);
				seen++;
			}
			if (l->style == TS_SIGNATURE) {
				assert_int_equal(blanks, gap);
				seen++;
			}
			blanks = 0;
		}
		assert_int_equal(seen, 3);
		typeset_free(&d);
	}
}

/* No publication line in the source: made from its parts. */
/*
 * A Setext headline can hold a hard line break; when it is broken at its
 * spaces (parts()), the break must stay a break, never a '\n' inside a
 * line (found by the layout fuzz harness).
 */
static void
test_headline_hard_break(void **state)
{
	static const char src[] = "甲乙丙丁 戊己  \n庚辛 壬癸\n---\n\n正文。\n";
	struct issue *is;
	char *err = NULL;
	int W;

	(void)state;
	is = load_buffer("t", src, sizeof src - 1, LOAD_DEFAULTS, &err);
	assert_non_null(is);
	assert_int_equal(is->pages[0].narticles, 1);
	assert_non_null(strchr(page_article(&is->pages[0], 0)->headline, '\n'));
	for (W = 6; W <= 40; W++) {
		struct typeset_opts o = {W, 4, 1, KINSOKU_BASIC, false, false};
		struct ts_doc d;
		struct buf got = {0};
		size_t i;

		typeset_init(&d, &o);
		typeset_article(&d, page_article(&is->pages[0], 0));
		for (i = 0; i < d.n; i++) {
			const struct ts_line *l = &d.lines[i];
			size_t k;

			assert_null(memchr(l->text, '\n', l->len));
			assert_true(l->col + l->width <= W);
			if (l->style != TS_HEADLINE)
				continue;
			for (k = 0; k < l->len; k++)
				if (l->text[k] != ' ')
					buf_addc(&got, l->text[k]);
		}
		assert_string_equal(got.s, "甲乙丙丁戊己庚辛壬癸");
		buf_free(&got);
		typeset_free(&d);
	}
	issue_free(is);
}

/* An issue of masthead fields only (no publication line). */
static void
mast_issue(struct issue *is)
{
	memset(is, 0, sizeof *is);
	is->title = (char *)"导报";
	is->publisher = (char *)"科学技术部主管";
	is->date_text = (char *)"2025年11月17日";
	is->weekday = (char *)"星期一";
	is->number = 42;
	is->running = 2646;
	is->page_count = 24;
}

static void
test_publine_composed(void **state)
{
	struct issue is;
	struct ts_doc d;
	struct typeset_opts o = {80, 4, 1, KINSOKU_BASIC, false, false};
	static const char want[] =
	    "科学技术部主管 2025年11月17日 星期一 第42期(总第2646期) 今日24版";

	(void)state;
	mast_issue(&is);
	typeset_init(&d, &o);
	typeset_masthead(&d, &is);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.lines[1].style, TS_PUBLINE);
	assert_int_equal(d.lines[1].len, strlen(want));
	assert_memory_equal(d.lines[1].text, want, strlen(want));
	assert_int_equal(d.lines[1].col, (80 - d.lines[1].width) / 2);
	assert_int_equal(d.lines[2].style, TS_RULE);
	typeset_free(&d);
}

/* The brief masthead: title, the date line without the publisher, the
 * rule; the colophon: the English title and the publication line. Every
 * line of the full masthead is in one of the two. */
static void
test_masthead_brief(void **state)
{
	struct issue is;
	struct ts_doc d, c;
	struct typeset_opts o = {80, 4, 1, KINSOKU_BASIC, false, false};
	static const char date[] =
	    "2025年11月17日 星期一 第42期(总第2646期) 今日24版";
	static const char pub[] = "科学技术部主管 科技日报社主办 2025年11月17日";

	(void)state;
	mast_issue(&is);
	is.title_en = (char *)"THE HERALD";
	is.publine = (char *)pub;
	typeset_init(&d, &o);
	typeset_masthead_brief(&d, &is);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.lines[0].style, TS_TITLE);
	assert_int_equal(d.lines[1].len, strlen(date));
	assert_memory_equal(d.lines[1].text, date, strlen(date));
	assert_int_equal(d.lines[2].style, TS_RULE);
	typeset_init(&c, &o);
	typeset_colophon(&c, &is);
	assert_int_equal(c.n, 2);
	assert_int_equal(c.lines[0].style, TS_TITLE_EN);
	assert_memory_equal(c.lines[0].text, "THE HERALD", 10);
	assert_int_equal(c.lines[1].len, strlen(pub));
	assert_memory_equal(c.lines[1].text, pub, strlen(pub));
	typeset_free(&c);
	/* without a publication line, the publisher closes the page */
	is.publine = NULL;
	typeset_init(&c, &o);
	typeset_colophon(&c, &is);
	assert_int_equal(c.n, 2);
	assert_memory_equal(c.lines[1].text, "科学技术部主管",
	    strlen("科学技术部主管"));
	typeset_free(&c);
	typeset_free(&d);
}

static int
setup(void **state)
{
	(void)state;
	IS = mkissue();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	free_issue(IS);
	return 0;
}

static int
narrow(void **state)
{
	(void)state;
	width_set_ambiguous(WIDTH_NARROW);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_issue_narrow, narrow),
	    cmocka_unit_test_setup(test_issue_wide, narrow),
	    cmocka_unit_test_setup(test_masthead_exact, narrow),
	    cmocka_unit_test_setup(test_contents_exact, narrow),
	    cmocka_unit_test_setup(test_paragraph_gap, narrow),
	    cmocka_unit_test_setup(test_headline_hard_break, narrow),
	    cmocka_unit_test_setup(test_publine_composed, narrow),
	    cmocka_unit_test_setup(test_masthead_brief, narrow),
	    cmocka_unit_test_setup(test_memory, narrow),
	    cmocka_unit_test_setup(test_flush, narrow),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
