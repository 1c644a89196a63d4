/*
 * test-load.c: the loader (load.c and its stages) and the model. The seed front
 * page must come out as the paper reads (masthead, publication line, two
 * articles, byline, subhead, jump, caption, credit, short news, signature,
 * contents, furniture, column-break joins) with nothing lost; issue and
 * library directories; every kind of bad input refused with "PATH: reason"
 * or read without a crash; input files never written.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "issue.h"
#include "load.h"
#include "recog.h"
#include "resolve.h"
#include "text.h"
#include "xmalloc.h"

#include "big-issue.h"

static const char *
seed_path(void)
{
	const char *s = getenv("SEED");

	if (s == NULL || access(s, R_OK) != 0)
		return NULL;
	return s;
}

#define NEED_SEED()                                                            \
	do {                                                                   \
		if (seed_path() == NULL) {                                     \
			print_message("# SEED not set: skipped\n");            \
			skip();                                                \
		}                                                              \
	} while (0)

static struct issue *
load_seed(int flags)
{
	char *err = NULL;
	struct issue *is = load_issue(seed_path(), flags, &err);

	if (is == NULL)
		fail_msg("seed: %s", err);
	return is;
}

static struct issue *
load_str(const char *s, int flags)
{
	char *err = NULL;
	struct issue *is = load_buffer("test.md", s, strlen(s), flags, &err);

	if (is == NULL)
		fail_msg("load_buffer: %s", err);
	return is;
}

static bool
starts_with(const char *s, const char *p)
{
	return strncmp(s, p, strlen(p)) == 0;
}

static bool
ends_with(const char *s, const char *p)
{
	size_t a = strlen(s), b = strlen(p);

	return a >= b && strcmp(s + a - b, p) == 0;
}

/* ---- temporary directories ---- */

static char *
tmpdir_new(void)
{
	const char *t = getenv("TMPDIR");
	char *d = xasprintf("%s/herald-load-XXXXXX", t && *t ? t : "/tmp");

	assert_non_null(mkdtemp(d));
	return d;
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	chmod(p, 0700);
	return remove(p);
}

static void
tmpdir_free(char *d)
{
	nftw(d, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(d);
}

static char *
put(const char *dir, const char *name, const char *data, size_t len)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "wb");

	assert_non_null(f);
	if (len > 0)
		assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return p;
}

static void
puts_file(const char *dir, const char *name, const char *data)
{
	free(put(dir, name, data, strlen(data)));
}

static char *
subdir(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);

	assert_int_equal(mkdir(p, 0700), 0);
	return p;
}

/* The error must be "PATH: reason". */
static void
assert_err(const char *err, const char *path, const char *reason)
{
	assert_non_null(err);
	if (!starts_with(err, path) || strncmp(err + strlen(path), ": ", 2))
		fail_msg("error does not start with \"%s: \": %s", path, err);
	if (reason != NULL && strstr(err, reason) == NULL)
		fail_msg("error lacks \"%s\": %s", reason, err);
}

/* ---- model walking ---- */

static size_t
count_kind(const struct article *a, enum block_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < a->nblocks; i++)
		n += a->blocks[i].kind == k;
	return n;
}

/*
 * The page's loose blocks, which the loader puts into its stories so that
 * every block is on a pane: captions, credits and furniture, wherever they
 * went, and every block of a story made of the page's own text. *art (if
 * not NULL) is the index of the story holding the i-th.
 */
static bool
is_loose(const struct article *a, const struct block *b)
{
	return a->page_text || b->kind == BLOCK_CAPTION ||
	       b->kind == BLOCK_CREDIT || b->kind == BLOCK_FURNITURE;
}

static size_t
nstory_loose(const struct page *p)
{
	const struct article *a;
	size_t i, j, n = 0;

	for (i = 0; i < p->narticles; i++) {
		a = page_article(p, i);
		for (j = 0; j < a->nblocks; j++)
			n += is_loose(a, &a->blocks[j]);
	}
	return n;
}

static const struct block *
loose_at(const struct page *p, size_t nth, size_t *art)
{
	const struct article *a;
	size_t i, j;

	/* the box's foot stays a page item */
	if (nth >= nstory_loose(p)) {
		nth -= nstory_loose(p);
		if (nth >= p->nitems)
			return NULL;
		if (art != NULL)
			*art = p->items[nth].after - 1;
		return &p->items[nth];
	}
	for (i = 0; i < p->narticles; i++) {
		a = page_article(p, i);
		for (j = 0; j < a->nblocks; j++)
			if (is_loose(a, &a->blocks[j]) && nth-- == 0) {
				if (art != NULL)
					*art = i;
				return &a->blocks[j];
			}
	}
	return NULL;
}

static const struct block *
loose(const struct page *p, size_t nth)
{
	const struct block *b = loose_at(p, nth, NULL);

	assert_non_null(b);
	return b;
}

/* How many stories stand before the nth loose block's place: it ends
 * the story it follows. */
static size_t
loose_after(const struct page *p, size_t nth)
{
	size_t art = 0;

	assert_non_null(loose_at(p, nth, &art));
	return art + 1;
}

static size_t
nloose(const struct page *p)
{
	size_t n = 0;

	while (loose_at(p, n, NULL) != NULL)
		n++;
	return n;
}

static const struct block *
find_item(const struct page *p, enum block_kind k, size_t nth)
{
	size_t i;

	for (i = 0; loose_at(p, i, NULL) != NULL; i++)
		if (loose(p, i)->kind == k && nth-- == 0)
			return loose(p, i);
	return NULL;
}

/* Some block of the article whose text contains s. */
static const struct block *
find_text(const struct article *a, const char *s)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		if (strstr(a->blocks[i].text, s) != NULL)
			return &a->blocks[i];
	return NULL;
}

struct piece {
	int line;
	size_t seq;
	const char *s;
};

static int
piece_cmp(const void *a, const void *b)
{
	const struct piece *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void
add_piece(struct piece **v, size_t *n, int line, const char *s)
{
	if (s == NULL)
		return;
	*v = xreallocarray(*v, *n + 1, sizeof **v);
	(*v)[*n].line = line;
	(*v)[*n].seq = *n;
	(*v)[*n].s = s;
	(*n)++;
}

/* Drop whitespace; fold full-width , ; : ? ! back to ASCII. */
static void
norm_add(struct buf *b, const char *s)
{
	size_t len = strlen(s), k;
	uint32_t c;

	while (len > 0) {
		k = text_next(s, len, &c);
		s += k;
		len -= k;
		if (c == ' ' || c == '\t' || c == '\n' || c == 0x3000)
			continue;
		if (c == 0xff0c)
			c = ',';
		else if (c == 0xff1b)
			c = ';';
		else if (c == 0xff1a)
			c = ':';
		else if (c == 0xff1f)
			c = '?';
		else if (c == 0xff01)
			c = '!';
		buf_addu(b, c);
	}
}

/* Every string of the model, in document (line) order, normalised. */
static char *
model_text(const struct issue *is)
{
	struct piece *v = NULL;
	struct buf b = {0};
	size_t n = 0, i, j, k;
	char *r;

	add_piece(&v, &n, -3, is->title);
	add_piece(&v, &n, -2, is->title_en);
	add_piece(&v, &n, -1, is->publine);
	for (i = 0; i < is->npages; i++) {
		const struct page *p = &is->pages[i];

		add_piece(&v, &n, 0, p->title);
		for (j = 0; j < p->narticles; j++) {
			const struct article *a = page_article(p, j);

			/* a story of the page's own text: titled by us */
			if (!a->page_text)
				add_piece(&v, &n, a->line, a->headline);
			for (k = 0; k < a->nblocks; k++)
				add_piece(&v, &n, a->blocks[k].line,
				          a->blocks[k].text);
		}
		for (j = 0; j < p->nitems; j++)
			add_piece(&v, &n, p->items[j].line, p->items[j].text);
		add_piece(&v, &n, p->contents_line, p->contents_title);
		for (j = 0; j < p->ncontents; j++) {
			add_piece(&v, &n, p->contents[j].line,
			          p->contents[j].title);
			add_piece(&v, &n, p->contents[j].line,
			          p->contents[j].page_label);
		}
	}
	qsort(v, n, sizeof *v, piece_cmp);
	for (i = 0; i < n; i++)
		norm_add(&b, v[i].s);
	free(v);
	r = buf_take(&b, NULL);
	return r;
}

/* The source text without Markdown syntax (#, list markers), normalised. */
static char *
source_text(const char *path)
{
	struct buf b = {0}, line = {0};
	FILE *f = fopen(path, "rb");
	char tmp[65536], *l, *r;
	size_t i;
	int c;

	assert_non_null(f);
	for (;;) {
		c = getc(f);
		if (c != EOF && c != '\n') {
			buf_addc(&line, (char)c);
			continue;
		}
		l = line.s ? line.s : "";
		i = 0;
		while (l[i] == ' ')
			i++;
		if (l[i] == '#') {
			while (l[i] == '#')
				i++;
		} else if ((l[i] == '-' || l[i] == '*' || l[i] == '+') &&
		           l[i + 1] == ' ')
			i += 2;
		snprintf(tmp, sizeof tmp, "%s", l + i);
		norm_add(&b, tmp);
		buf_free(&line);
		if (c == EOF)
			break;
	}
	fclose(f);
	r = buf_take(&b, NULL);
	return r;
}

/* ------------------------------------------------------------------ */
/* the seed                                                            */

static void
test_seed_masthead(void **state)
{
	struct issue *is;

	(void)state;
	NEED_SEED();
	is = load_seed(LOAD_DEFAULTS);
	assert_string_equal(is->title, "中国高新技术产业导报");
	assert_string_equal(is->title_en, "CHINA HIGH-TECH INDUSTRY HERALD");
	assert_non_null(is->publine);
	assert_true(starts_with(is->publine, "科学技术部主管"));
	assert_true(ends_with(is->publine, "今日24版"));
	assert_string_equal(is->publisher, "科学技术部主管 科技日报社主办");
	assert_string_equal(is->date, "2025-11-17");
	assert_string_equal(is->date_text, "2025年11月17日");
	assert_string_equal(is->weekday, "星期一");
	assert_int_equal(is->number, 42);
	assert_int_equal(is->running, 2646);
	assert_int_equal(is->page_count, 24);
	assert_int_equal(is->npages, 1);
	assert_int_equal(is->pages[0].number, 1);
	assert_null(is->pages[0].title);
	issue_free(is);
}

static void
test_seed_articles(void **state)
{
	struct issue *is;
	struct page *p;
	struct article *a, *b;
	const struct block *bl;

	(void)state;
	NEED_SEED();
	is = load_seed(LOAD_DEFAULTS);
	p = &is->pages[0];
	/* the furniture under the contents box stays with the box */
	assert_int_equal(p->narticles, 2);
	assert_int_equal(issue_count_articles(is), 2);
	assert_int_equal(p->nitems, 2);
	assert_int_equal(p->items[0].kind, BLOCK_FURNITURE);
	assert_int_equal(p->contents_after, 2);
	a = page_article(p, 0);
	b = page_article(p, 1);
	assert_string_equal(a->headline, "场景“小切口”孕育产业体系升级新路径");
	assert_string_equal(b->headline,
	                    "国家级专精特新“小巨人”企业超1.76万家");
	assert_int_equal(a->line, 9);
	assert_int_equal(b->line, 41);
	assert_ptr_equal(a->page, p);
	assert_int_equal(b->index, 1);
	/* byline */
	assert_int_equal(a->blocks[0].kind, BLOCK_BYLINE);
	assert_string_equal(a->blocks[0].text, "▶ 本报记者 李争粉");
	assert_int_equal(a->blocks[0].line, 11);
	assert_int_equal(count_kind(a, BLOCK_BYLINE), 1);
	assert_int_equal(count_kind(b, BLOCK_BYLINE), 0);
	/* subhead */
	assert_int_equal(count_kind(a, BLOCK_SUBHEAD), 1);
	bl = find_text(a, "场景已成为关键创新资源");
	assert_non_null(bl);
	assert_int_equal(bl->kind, BLOCK_SUBHEAD);
	assert_int_equal(bl->line, 19);
	/* the jump ends the article's text; the photo after it follows */
	assert_int_equal(a->blocks[a->nblocks - 1].kind, BLOCK_CREDIT);
	assert_int_equal(a->blocks[a->nblocks - 2].kind, BLOCK_CAPTION);
	bl = &a->blocks[a->nblocks - 3];
	assert_int_equal(bl->kind, BLOCK_JUMP);
	assert_string_equal(bl->text, "▼▼ 下转第2版");
	assert_int_equal(bl->jump_page, 2);
	assert_int_equal(bl->jump_dir, 1);
	assert_int_equal(a->jump_to, 2);
	assert_int_equal(a->jump_from, 0);
	assert_false(a->short_news);
	/* page 2 is not loaded: nothing to continue on */
	assert_null(resolve_continuation(is, a));
	/* short news and its signature */
	assert_true(b->short_news);
	bl = &b->blocks[b->nblocks - 1];
	assert_int_equal(bl->kind, BLOCK_SIGNATURE);
	assert_string_equal(bl->text, "姚文");
	assert_int_equal(count_kind(b, BLOCK_SIGNATURE), 1);
	bl = &b->blocks[b->nblocks - 2];
	assert_int_equal(bl->kind, BLOCK_PARAGRAPH);
	assert_true(ends_with(bl->text, "方向发展。"));
	assert_int_equal(bl->len, strlen(bl->text));
	assert_true(starts_with(b->blocks[0].text, "本报讯 "));
	/* reading order */
	assert_ptr_equal(issue_next_article(is, a), b);
	assert_null(issue_next_article(is, b));
	assert_ptr_equal(issue_prev_article(is, b), a);
	assert_null(issue_prev_article(is, a));
	issue_free(is);
}

static void
test_seed_items(void **state)
{
	struct issue *is;
	struct page *p;
	const struct block *cap, *cred, *f0, *f1;

	(void)state;
	NEED_SEED();
	is = load_seed(LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_int_equal(nloose(p), 4);
	assert_int_equal(count_kind(page_article(p, 0), BLOCK_CAPTION), 1);
	cap = find_item(p, BLOCK_CAPTION, 0);
	cred = find_item(p, BLOCK_CREDIT, 0);
	f0 = find_item(p, BLOCK_FURNITURE, 0);
	f1 = find_item(p, BLOCK_FURNITURE, 1);
	assert_non_null(cap);
	assert_non_null(cred);
	assert_non_null(f0);
	assert_non_null(f1);
	assert_true(starts_with(cap->text, "11月12日"));
	assert_non_null(strstr(cap->text, "图为参观者"));
	assert_int_equal(cap->line, 34);
	assert_int_equal(cap->after, 1);
	assert_string_equal(cred->text, "新华社发\n(庄歌尔/摄)");
	assert_int_equal(cred->line, 36);
	assert_int_equal(cred->after, 1);
	assert_string_equal(f0->text, "微信公众号");
	assert_string_equal(f1->text, "中国高新网");
	assert_int_equal(f0->after, 2);
	assert_int_equal(f1->after, 2);
	/* none of them leaked into an article's text: they are blocks of
	 * their own, the photo's with the story it follows */
	assert_int_equal(find_text(page_article(p, 0), "图为参观者")->kind,
	                 BLOCK_CAPTION);
	assert_int_equal(find_text(page_article(p, 0), "新华社发")->kind,
	                 BLOCK_CREDIT);
	assert_null(find_text(page_article(p, 1), "微信公众号"));
	issue_free(is);
}

static void
test_seed_contents(void **state)
{
	static const char *const titles[] = {
	    "竞逐太空计算赛道，中国抢先“落子”",
	    "国家高新区学习贯彻党的二十届四中全会精神掀热潮(2)",
	    "金融赋能孵化 构建优质服务新范式",
	    "“模型券”如何从补贴工具变为AI落地抓手",
	    "我国新型储能产业呈现多元化大容量化趋势",
	    "车企“下水”抢赛道尚有“五大短板”",
	    "我国低空物流产业从技术验证迈向规模商用",
	};
	static const int pages[] = {3, 9, 10, 14, 21, 22, 23};
	static const char *const labels[] = {"03版", "09版", "10版", "14版",
	                                     "21版", "22版", "23版"};
	struct issue *is;
	struct page *p;
	size_t i;

	(void)state;
	NEED_SEED();
	is = load_seed(LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_string_equal(p->contents_title, "本期导读");
	assert_int_equal(p->contents_line, 61);
	assert_int_equal(p->contents_after, 2);
	assert_int_equal(p->ncontents, 7);
	for (i = 0; i < 7; i++) {
		assert_string_equal(p->contents[i].title, titles[i]);
		assert_int_equal(p->contents[i].page, pages[i]);
		assert_string_equal(p->contents[i].page_label, labels[i]);
		assert_int_equal(p->contents[i].line, 63 + (int)i);
		/* those pages are not in this one-page issue */
		assert_null(p->contents[i].target);
	}
	issue_free(is);
}

/* The four paragraphs a PDF column break cut in two. */
static const char *const cuts[][2] = {
    {"推动新场景大规模应用，形成", "“技术突破—场景验证"},
    {"“软验证”，是体系化的", "“社会性中试”。"},
    {"营业收入、利润总额的", "年均增速分别为"},
    {"不断夯实科技和创新型中", "小企业构成的基础力量"},
};

static void
test_seed_column_joins(void **state)
{
	struct issue *is, *raw;
	const struct block *x, *y;
	struct page *p, *q;
	char *joined;
	size_t i, a;

	(void)state;
	NEED_SEED();
	is = load_seed(LOAD_DEFAULTS);
	raw = load_seed(LOAD_DEFAULTS & ~LOAD_JOIN_COLUMNS);
	p = &is->pages[0];
	q = &raw->pages[0];
	for (i = 0; i < 4; i++) {
		a = i < 2 ? 0 : 1;
		joined = xasprintf("%s%s", cuts[i][0], cuts[i][1]);
		x = find_text(page_article(p, a), joined);
		if (x == NULL)
			fail_msg("cut %zu not joined", i);
		assert_int_equal(x->kind, BLOCK_PARAGRAPH);
		/* off: two paragraphs, the first ending mid-sentence */
		assert_null(find_text(page_article(q, a), joined));
		x = find_text(page_article(q, a), cuts[i][0]);
		y = find_text(page_article(q, a), cuts[i][1]);
		assert_non_null(x);
		assert_non_null(y);
		assert_ptr_equal(y, x + 1);
		assert_true(ends_with(x->text, cuts[i][0]));
		free(joined);
	}
	assert_int_equal(page_article(q, 0)->nblocks,
	                 page_article(p, 0)->nblocks + 2);
	assert_int_equal(page_article(q, 1)->nblocks,
	                 page_article(p, 1)->nblocks + 2);
	/* a subhead is never joined to the paragraph before it */
	x = find_text(page_article(p, 0), "场景已成为关键创新资源");
	assert_int_equal(x->kind, BLOCK_SUBHEAD);
	issue_free(is);
	issue_free(raw);
}

static void
test_seed_ascii_punct(void **state)
{
	struct issue *is, *raw;

	(void)state;
	NEED_SEED();
	is = load_seed(LOAD_DEFAULTS);
	raw = load_seed(LOAD_DEFAULTS & ~LOAD_ASCII_PUNCT);
	assert_true(starts_with(page_article(&is->pages[0], 0)->blocks[1].text,
	                        "11月7日，国务院"));
	assert_true(starts_with(page_article(&raw->pages[0], 0)->blocks[1].text,
	                        "11月7日,国务院"));
	assert_string_equal(is->pages[0].contents[0].title,
	                    "竞逐太空计算赛道，中国抢先“落子”");
	assert_string_equal(raw->pages[0].contents[0].title,
	                    "竞逐太空计算赛道,中国抢先“落子”");
	/* 1.76 and 3.5% are not between CJK characters */
	assert_non_null(strstr(page_article(&is->pages[0], 1)->headline,
	                       "1.76万家"));
	issue_free(is);
	issue_free(raw);
}

static void
check_nothing_lost(int flags)
{
	struct issue *is = load_seed(flags);
	char *m = model_text(is), *s = source_text(seed_path());
	size_t i;

	if (strcmp(m, s) != 0) {
		for (i = 0; m[i] && m[i] == s[i]; i++)
			;
		fail_msg("model and seed differ at byte %zu:\nmodel: %.60s\n"
		         "seed:  %.60s",
		         i, m + i, s + i);
	}
	free(m);
	free(s);
	issue_free(is);
}

static void
test_seed_nothing_lost(void **state)
{
	(void)state;
	NEED_SEED();
	check_nothing_lost(LOAD_DEFAULTS);
	check_nothing_lost(0);
	check_nothing_lost(LOAD_ASCII_PUNCT);
}

/* ------------------------------------------------------------------ */
/* rules on small inputs                                               */

static void
test_jump_lines(void **state)
{
	static const struct {
		const char *line;
		int page, dir;
	} cases[] = {
	    {"▼▼ 下转第2版", 2, 1},
	    {"▲▲ 上接第1版", 1, -1},
	    {"转第5版", 5, 1},
	    {"(下转第3版)", 3, 1},
	    {"（下转第4版）", 4, 1},
	    {"下转A6版", 6, 1},
	    {"下转第十二版", 12, 1},
	    {"continued on page 7", 7, 1},
	    {"Continued from page 8", 8, -1},
	    {"下转第0版", 0, 1},
	    {"下转第-5版", 0, 1},
	    {"下转第100000000000000000000版", 0, 1},
	    {"上接第99999999999999999999999999999999版", 0, -1},
	    {"continued on page 100000000000000000000", 0, 1},
	};
	struct issue *is;
	struct article *a;
	struct block *b;
	char *md;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		md =
		    xasprintf("## 标题\n\n第一段正文。\n\n%s\n\n后面的段落。\n",
		              cases[i].line);
		is = load_str(md, LOAD_DEFAULTS);
		a = page_article(&is->pages[0], 0);
		b = &a->blocks[1];
		if (b->kind != BLOCK_JUMP)
			fail_msg("not a jump: %s", cases[i].line);
		assert_string_equal(b->text, cases[i].line);
		assert_int_equal(b->jump_page, cases[i].page);
		assert_int_equal(b->jump_dir, cases[i].dir);
		if (cases[i].dir > 0) {
			assert_int_equal(a->jump_to, cases[i].page);
			/* the article is finished: the rest is the page's
			 * own text, a story after it */
			assert_int_equal(a->nblocks, 2);
			assert_int_equal(nloose(&is->pages[0]), 1);
			assert_int_equal(loose_after(&is->pages[0], 0), 2);
			assert_true(page_article(&is->pages[0], 1)->page_text);
		} else {
			assert_int_equal(a->jump_from, cases[i].page);
			assert_int_equal(a->nblocks, 3);
		}
		issue_free(is);
		free(md);
	}
	/* not jumps */
	is = load_str(
	    "## 标题\n\n他转第2版的内容给我看了很久很久。\n\n下转第版\n",
	    LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	assert_int_equal(count_kind(a, BLOCK_JUMP), 0);
	issue_free(is);
	/* a jump at the end of a paragraph is split off */
	is = load_str(
	    "## 标题\n\n能够加速技术商业化进程。(下转第2版)\n\n图为会场。\n",
	    LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	/* the caption after it goes with the story */
	assert_int_equal(a->nblocks, 3);
	assert_string_equal(a->blocks[0].text, "能够加速技术商业化进程。");
	assert_string_equal(a->blocks[1].text, "(下转第2版)");
	assert_int_equal(a->jump_to, 2);
	assert_int_equal(loose(&is->pages[0], 0)->kind, BLOCK_CAPTION);
	issue_free(is);
}

static void
test_bylines_credits(void **state)
{
	struct issue *is;
	struct article *a;
	struct page *p;

	(void)state;
	is =
	    load_str("## 甲\n\n记者 张三 通讯员 李四\n\n本报记者 王五\n\n"
	             "正文第一段。\n\n记者 赵六\n\n"
	             "## 乙\n\n记者从有关部门了解到，会议将于明天召开。\n\n"
	             "会场一角。\n\n张三 摄\n\n"
	             "## 丙\n\n正文。\n\n新华社记者 李华 摄\n\n本报资料图片\n\n"
	             "游客们纷纷拍摄\n",
	             LOAD_DEFAULTS);
	p = &is->pages[0];
	a = page_article(p, 0);
	assert_int_equal(a->blocks[0].kind, BLOCK_BYLINE);
	assert_int_equal(a->blocks[1].kind, BLOCK_BYLINE);
	assert_int_equal(a->blocks[2].kind, BLOCK_PARAGRAPH);
	/* a byline only at the article's start */
	assert_int_equal(a->blocks[3].kind, BLOCK_PARAGRAPH);
	a = page_article(p, 1);
	assert_int_equal(a->blocks[0].kind, BLOCK_PARAGRAPH);
	/* credits are page items; inside an article the paragraph before
	 * stays in the article */
	assert_int_equal(nloose(p), 3);
	assert_int_equal(loose(p, 0)->kind, BLOCK_CREDIT);
	assert_string_equal(loose(p, 0)->text, "张三 摄");
	assert_int_equal(loose_after(p, 0), 2);
	assert_string_equal(loose(p, 1)->text, "新华社记者 李华 摄");
	assert_int_equal(loose(p, 2)->kind, BLOCK_CREDIT);
	assert_int_equal(loose_after(p, 2), 3);
	/* "拍摄" is a verb */
	assert_non_null(find_text(page_article(p, 2), "游客们纷纷拍摄"));
	issue_free(is);
	/* inside an article: a 图为 paragraph before a credit moves out */
	is =
	    load_str("## 甲\n\n正文一。\n\n图为会场。\n\n张三 摄\n\n正文二。\n",
	             LOAD_DEFAULTS);
	p = &is->pages[0];
	a = page_article(p, 0);
	/* out of the text, kept at the photo's place in the story */
	assert_int_equal(a->nblocks, 4);
	assert_int_equal(a->blocks[1].kind, BLOCK_CAPTION);
	assert_string_equal(a->blocks[3].text, "正文二。");
	assert_int_equal(nloose(p), 2);
	assert_int_equal(loose(p, 0)->kind, BLOCK_CAPTION);
	assert_string_equal(loose(p, 0)->text, "图为会场。");
	assert_int_equal(loose_after(p, 0), 1);
	assert_int_equal(loose(p, 1)->kind, BLOCK_CREDIT);
	issue_free(is);
	/* ▶ marks a byline whatever the words (a name alone, no 记者) */
	is = load_str("## 甲\n\n▶ 宋清和 林晓岚\n\n正文。\n", LOAD_DEFAULTS);
	assert_int_equal(page_article(&is->pages[0], 0)->blocks[0].kind,
	                 BLOCK_BYLINE);
	issue_free(is);
	/* outside an article: the paragraph before a credit is a caption */
	is = load_str(
	    "## 甲\n\n正文。\n\n下转第2版\n\n会场一角，嘉宾们交流。\n\n"
	    "（本报记者 张三 摄）\n",
	    LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_int_equal(nloose(p), 2);
	assert_int_equal(loose(p, 0)->kind, BLOCK_CAPTION);
	assert_int_equal(loose(p, 1)->kind, BLOCK_CREDIT);
	issue_free(is);
}

static void
test_short_news(void **state)
{
	struct issue *is;
	struct article *a;

	(void)state;
	is = load_str("## 甲\n\n本报讯 今天开会。\n\n会议结束。 王小明\n\n"
	              "## 乙\n\n今天开会。\n\n会议结束。 王小明\n\n"
	              "## 丙\n\n【本报讯】今天开会。\n\n会议结束。\n\n李四\n\n"
	              "## 丁\n\n本报讯 今天开会，会议结束 王小明\n\n"
	              "## 戊\n\n本报讯 今天开会。 欧阳小明明\n",
	              LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	assert_true(a->short_news);
	assert_int_equal(a->nblocks, 3);
	assert_string_equal(a->blocks[1].text, "会议结束。");
	assert_int_equal(a->blocks[2].kind, BLOCK_SIGNATURE);
	assert_string_equal(a->blocks[2].text, "王小明");
	/* not short news: no signature split */
	a = page_article(&is->pages[0], 1);
	assert_false(a->short_news);
	assert_int_equal(count_kind(a, BLOCK_SIGNATURE), 0);
	/* a name on its own line */
	a = page_article(&is->pages[0], 2);
	assert_true(a->short_news);
	assert_int_equal(a->blocks[a->nblocks - 1].kind, BLOCK_SIGNATURE);
	assert_string_equal(a->blocks[a->nblocks - 1].text, "李四");
	/* no sentence end before the name, or a name too long: kept */
	assert_int_equal(count_kind(page_article(&is->pages[0], 3),
	                            BLOCK_SIGNATURE), 0);
	assert_int_equal(count_kind(page_article(&is->pages[0], 4),
	                            BLOCK_SIGNATURE), 0);
	issue_free(is);
}

/*
 * Markdown pieces are clean one by one, but a combining mark at the start
 * of one may compose with the end of the one before (e&#x301;): the block
 * is NFC and keeps at most 4 marks on a base, punctuation or not.
 */
static void
test_block_joins_normalised(void **state)
{
	struct issue *is;

	(void)state;
	is = load_str("e&#x301;中\n", 0);
	assert_int_equal(nloose(&is->pages[0]), 1);
	assert_string_equal(loose(&is->pages[0], 0)->text, "\xc3\xa9中");
	issue_free(is);
	is = load_str("中\xcc\x80\xcc\x80\xcc\x80\xcc\x80&#x300;文\n", 0);
	assert_string_equal(loose(&is->pages[0], 0)->text,
	                    "中\xcc\x80\xcc\x80\xcc\x80\xcc\x80文");
	issue_free(is);
	/* and with punctuation too */
	is = load_str("e&#x301;中,文\n", LOAD_ASCII_PUNCT);
	assert_string_equal(loose(&is->pages[0], 0)->text, "\xc3\xa9中，文");
	issue_free(is);
}

/*
 * The length limits count characters, not bytes: a credit has at most 40
 * (here 4-byte ideographs, so 160 bytes is still 40 characters).
 */
static void
test_length_limits(void **state)
{
	struct buf b = {0};
	struct issue *is;
	int n;

	(void)state;
	for (n = 38; n <= 39; n++) {
		int i;

		b.len = 0;
		for (i = 0; i < n; i++)
			buf_adds(&b, "\xf0\xa0\x80\x80"); /* U+20000 */
		buf_adds(&b, " 摄\n");
		is = load_str(b.s, LOAD_DEFAULTS);
		assert_int_equal(nloose(&is->pages[0]), 1);
		/* n + 2 characters: 40 is a credit, 41 is not */
		if (n + 2 <= 40)
			assert_int_equal(loose(&is->pages[0], 0)->kind,
			                 BLOCK_CREDIT);
		else
			assert_int_not_equal(loose(&is->pages[0], 0)->kind,
			                     BLOCK_CREDIT);
		issue_free(is);
	}
	buf_free(&b);
}

static void
test_contents_forms(void **state)
{
	struct issue *is;
	struct page *p;

	(void)state;
	is = load_str(
	    "## 甲\n\n正文。\n\n### 目录\n\n- 第一篇 3版\n- 第二篇 第4版\n"
	    "- 第三篇……A5版\n- 第四篇\n- 第五篇 第-2版\n\n尾巴\n",
	    LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_string_equal(p->contents_title, "目录");
	assert_int_equal(p->ncontents, 5);
	assert_string_equal(p->contents[0].title, "第一篇");
	assert_int_equal(p->contents[0].page, 3);
	assert_string_equal(p->contents[1].title, "第二篇");
	assert_int_equal(p->contents[1].page, 4);
	assert_string_equal(p->contents[1].page_label, "第4版");
	assert_string_equal(p->contents[2].title, "第三篇");
	assert_string_equal(p->contents[2].page_label, "……A5版");
	assert_int_equal(p->contents[2].page, 5);
	assert_string_equal(p->contents[3].title, "第四篇");
	assert_int_equal(p->contents[3].page, 0);
	assert_null(p->contents[3].page_label);
	assert_int_equal(p->contents[4].page, 0);
	assert_int_equal(nloose(p), 1);
	assert_int_equal(loose(p, 0)->kind, BLOCK_FURNITURE);
	/* a list outside a contents box is a list */
	assert_int_equal(count_kind(page_article(p, 0), BLOCK_LIST_ITEM), 0);
	issue_free(is);
	is = load_str("## 甲\n\n- 一\n- 二\n\n### 小标题\n\n> 引文\n",
	              LOAD_DEFAULTS);
	assert_int_equal(count_kind(page_article(&is->pages[0], 0),
	                            BLOCK_LIST_ITEM), 2);
	assert_int_equal(count_kind(page_article(&is->pages[0], 0),
	                            BLOCK_SUBHEAD), 1);
	assert_int_equal(count_kind(page_article(&is->pages[0], 0),
	                            BLOCK_QUOTE), 1);
	assert_int_equal(is->pages[0].ncontents, 0);
	issue_free(is);
}

static void
test_markdown_inline(void **state)
{
	struct issue *is;
	struct article *a;

	(void)state;
	is = load_str(
	    "## 标题\n\n"
	    "第一行\n第二行\nand\nmore\n\n"
	    "硬换行  \n下一行\n\n"
	    "**加粗**和*斜体*和`代码`。\n\n"
	    "见[新华网](http://www.news.cn)和<http://a.b/>。\n\n"
	    "A &amp; B &lt;x&gt; &#x4e2d;&#25991; &#x1b;[31m &bogus; &#0;。\n\n"
	    "<b>raw html</b> stays。\n\n"
	    "    缩进的段落\n    继续一行\n\n    另一段\n\n"
	    "```\n围栏代码\n```\n",
	    LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	/* soft breaks follow text_join_needs_space: none between CJK */
	{
		char *want =
		    xasprintf("第一行第二行%sand more",
		              text_join_needs_space(0x884c, 'a') ? " " : "");

		assert_string_equal(a->blocks[0].text, want);
		free(want);
	}
	assert_string_equal(a->blocks[1].text, "硬换行\n下一行");
	assert_string_equal(a->blocks[2].text, "加粗和斜体和代码。");
	assert_string_equal(a->blocks[3].text,
	                    "见新华网(http://www.news.cn)和http://a.b/。");
	assert_non_null(strstr(a->blocks[4].text, "A & B <x> 中文 "));
	assert_null(strchr(a->blocks[4].text, '\x1b'));
	assert_non_null(strstr(a->blocks[4].text, "&bogus;"));
	assert_non_null(strstr(a->blocks[4].text, "\xef\xbf\xbd"));
	/* raw HTML: the tags go, the text stays */
	assert_string_equal(a->blocks[5].text, "raw html stays。");
	assert_string_equal(a->blocks[6].text, "缩进的段落继续一行");
	assert_string_equal(a->blocks[7].text, "另一段");
	assert_string_equal(a->blocks[8].text, "围栏代码");
	assert_int_equal(a->blocks[0].line, 3);
	assert_int_equal(a->blocks[7].line, 22);
	issue_free(is);
	/* without LOAD_JOIN_LINES a soft break is a space */
	is = load_str("## 标题\n\n第一行\n第二行\n", 0);
	assert_string_equal(page_article(&is->pages[0], 0)->blocks[0].text,
	                    "第一行 第二行");
	issue_free(is);
}

static void
test_masthead_variants(void **state)
{
	struct issue *is;

	(void)state;
	/* a page heading is not a masthead; no masthead: the file name */
	is = load_str("# 第2版 要闻\n\n## 甲\n\n正文。\n", LOAD_DEFAULTS);
	assert_string_equal(is->pages[0].title, "第2版 要闻");
	assert_string_equal(is->title, "test.md");
	assert_null(is->publine);
	issue_free(is);
	/* a publication line alone, full-width digits */
	is = load_str("2024年２月３日 星期六\n\n## 甲\n\n2023年1月1日 星期日\n",
	              LOAD_DEFAULTS);
	assert_string_equal(is->date, "2024-02-03");
	assert_string_equal(is->weekday, "星期六");
	assert_int_equal(is->number, 0);
	issue_free(is);
	/* an impossible date is not a date; huge numbers are unknown */
	is = load_str("2024年13月40日 第99999999999999999999期\n",
	              LOAD_DEFAULTS);
	assert_null(is->date);
	assert_int_equal(is->number, 0);
	issue_free(is);
}

/* ------------------------------------------------------------------ */
/* directories                                                         */

/* path loaded eagerly into *eager and with LOAD_LAZY into *lazy. */
static void
load_both(const char *path, struct issue **eager, struct issue **lazy)
{
	char *err = NULL;

	*eager = load_issue(path, LOAD_DEFAULTS, &err);
	assert_non_null(*eager);
	*lazy = load_issue(path, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(*lazy);
}

/* lazy, read whole by issue_load_pages(), is the eager load's model:
 * pages, stories, headlines, blocks, links back to the issue. */
static void
assert_same_model(const struct issue *lazy, const struct issue *eager)
{
	size_t i, j;

	assert_false(lazy->partial);
	assert_int_equal(lazy->npending, 0);
	assert_int_equal(lazy->npages, eager->npages);
	assert_string_equal(lazy->title, eager->title);
	for (i = 0; i < eager->npages; i++) {
		assert_ptr_equal(lazy->pages[i].issue, lazy);
		assert_false(lazy->pages[i].pending);
		assert_int_equal(lazy->pages[i].narticles,
		                 eager->pages[i].narticles);
		for (j = 0; j < eager->pages[i].narticles; j++) {
			assert_ptr_equal(page_article(&lazy->pages[i], j)->page,
			                 &lazy->pages[i]);
			assert_string_equal(
			    page_article(&lazy->pages[i], j)->headline,
			    page_article(&eager->pages[i], j)->headline);
			assert_int_equal(
			    page_article(&lazy->pages[i], j)->nblocks,
			    page_article(&eager->pages[i], j)->nblocks);
		}
	}
}

/*
 * LOAD_LAZY: only the first page is parsed at open; issue_load_pages()
 * parses the rest, and the result is the eager load's, with page 1's
 * articles where they were. A bad later page is reported, not fatal.
 */
static void
test_lazy_pages(void **state)
{
	char *d, *err = NULL;
	struct issue *lazy, *eager;
	struct article *first;

	(void)state;
	d = tmpdir_new();
	puts_file(d, "01.md",
	          "# 测试报\n\n## 头版文章\n\n正文。\n\n▼▼ 下转第2版\n\n"
	          "### 本期导读\n\n- 另一篇 03版\n");
	puts_file(d, "02.md", "# 第02版 要闻\n\n## 头版文章\n\n▲▲ 上接第1版\n\n续文。\n");
	puts_file(d, "03.md", "## 另一篇\n\n另一篇正文。\n");
	load_both(d, &eager, &lazy);
	assert_int_equal(lazy->npages, 3);
	assert_int_equal(lazy->npending, 2);
	assert_false(lazy->pages[0].pending);
	assert_true(lazy->pages[1].pending && lazy->pages[2].pending);
	assert_int_equal(lazy->pages[1].narticles, 0);
	assert_int_equal(lazy->pages[2].number, 3);
	/* the contents entry names a page not parsed yet */
	assert_null(lazy->pages[0].contents[0].target);
	first = page_article(&lazy->pages[0], 0);

	assert_int_equal(issue_load_pages(lazy, &err), 0);
	assert_int_equal(lazy->npending, 0);
	assert_ptr_equal(page_article(&lazy->pages[0], 0), first);
	assert_string_equal(first->headline, "头版文章");
	assert_ptr_equal(lazy->pages[0].contents[0].target,
	                 page_article(&lazy->pages[2], 0));
	assert_ptr_equal(resolve_continuation(lazy, first),
	                 page_article(&lazy->pages[1], 0));
	assert_string_equal(lazy->pages[1].title, eager->pages[1].title);
	assert_same_model(lazy, eager);
	/* nothing left to do: a second call is a no-op */
	assert_int_equal(issue_load_pages(lazy, &err), 0);
	issue_free(lazy);
	issue_free(eager);

	/* A binary page 2: reported with its path, page 3 still loads. */
	free(put(d, "02.md", "x\0y", 3));
	lazy = load_issue(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lazy);
	assert_int_equal(issue_load_pages(lazy, &err), -1);
	{
		char *p2 = xasprintf("%s/02.md", d);

		assert_err(err, p2, "binary file");
		free(p2);
	}
	free(err);
	assert_int_equal(lazy->pages[1].narticles, 0);
	assert_int_equal(lazy->pages[2].narticles, 1);
	assert_int_equal(lazy->npending, 0);
	issue_free(lazy);
	tmpdir_free(d);
}

/*
 * LOAD_LAZY on one big Markdown file (issue 19): the open parses only the
 * articles near its start, however big the file, and says one part is
 * pending; issue_load_pages() then parses the whole file, and the model
 * is the eager load's (same pages, articles, headlines, links back to the
 * issue). A small file is parsed whole at once.
 */
static void
test_lazy_file(void **state)
{
	char *d, *path, *err = NULL;
	struct issue *lazy, *eager;
	struct buf b = { 0 };
	size_t n;

	(void)state;
	d = tmpdir_new();
	n = big_issue(&b, 1024 * 1024);
	path = put(d, "big.md", b.s, b.len);
	load_both(path, &eager, &lazy);
	assert_int_equal(eager->npending, 0);
	assert_int_equal(eager->pages[0].narticles, n);
	assert_int_equal(lazy->npending, 1);
	/* a bounded start: at most the articles of 128 KiB (about 500) */
	assert_true(lazy->pages[0].narticles > 10);
	assert_true(lazy->pages[0].narticles < 1000);
	assert_string_equal(lazy->title, eager->title);
	assert_string_equal(page_article(&lazy->pages[0], 0)->headline,
	                    "文章0");

	assert_int_equal(issue_load_pages(lazy, &err), 0);
	assert_same_model(lazy, eager);
	assert_int_equal(issue_load_pages(lazy, &err), 0);
	issue_free(lazy);
	issue_free(eager);
	free(path);

	/* small: all at once */
	path = put(d, "small.md", b.s, 64 * 1024);
	lazy = load_issue(path, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lazy);
	assert_int_equal(lazy->npending, 0);
	issue_free(lazy);
	free(path);
	buf_free(&b);
	tmpdir_free(d);
}

/*
 * LOAD_LAZY on an issue directory that is big (issue 19): a first page
 * file of 1 MiB (a converter's whole issue in one file) is parsed up to a
 * heading near its start, as a big file opened itself is; pages after
 * the first that hold more than a file read in parts are left to the
 * same whole read (is->partial: the reader's thread). That read gives
 * the eager load's model; a page of it that cannot be read is marked
 * failed and said, the others kept; a whole read that fails marks the
 * pages it did not bring. Small pages are read after the first screen,
 * in the reader's own thread, as before.
 */
static void
test_lazy_dir_whole(void **state)
{
	char *d, *d2, *p, *err = NULL;
	struct issue *lazy, *eager;
	struct buf b = { 0 };
	size_t n;

	(void)state;
	d = tmpdir_new();
	n = big_issue(&b, 1024 * 1024);
	free(put(d, "01.md", b.s, b.len));
	puts_file(d, "02.md", "## 二版文章\n\n正文。\n");
	load_both(d, &eager, &lazy);
	assert_int_equal(eager->pages[0].narticles, n);
	assert_true(lazy->partial);
	/* page 2, and page 1's rest */
	assert_int_equal(lazy->npending, 2);
	assert_true(lazy->pages[1].pending);
	assert_true(lazy->pages[0].narticles > 10);
	assert_true(lazy->pages[0].narticles < 1000);
	assert_string_equal(page_article(&lazy->pages[0], 0)->headline,
	                    "文章0");
	assert_int_equal(issue_load_pages(lazy, &err), 0);
	assert_same_model(lazy, eager);
	issue_free(lazy);
	issue_free(eager);

	/* a small first page, 1 MiB after it: read whole later too */
	puts_file(d, "01.md", "# 测试报\n\n## 头版文章\n\n正文。\n");
	free(put(d, "02.md", b.s, b.len));
	load_both(d, &eager, &lazy);
	assert_true(lazy->partial);
	assert_int_equal(lazy->npending, 1);
	assert_int_equal(lazy->pages[0].narticles, 1);
	assert_int_equal(issue_load_pages(lazy, &err), 0);
	assert_same_model(lazy, eager);
	issue_free(lazy);
	issue_free(eager);

	/* a page of it that cannot be read: said, the others kept */
	free(put(d, "03.md", "x\0y", 3));
	puts_file(d, "04.md", "## 四版文章\n\n正文。\n");
	lazy = load_issue(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lazy);
	assert_true(lazy->partial);
	assert_int_equal(issue_load_pages(lazy, &err), -1);
	p = xasprintf("%s/03.md", d);
	assert_err(err, p, "binary file");
	free(p);
	free(err);
	err = NULL;
	assert_false(lazy->partial);
	assert_int_equal(lazy->npending, 0);
	assert_int_equal(issue_count_failed(lazy), 1);
	assert_int_equal(lazy->pages[1].narticles, n);
	assert_int_equal(lazy->pages[2].narticles, 0);
	assert_int_equal(lazy->pages[3].narticles, 1);
	issue_free(lazy);

	/* the directory gone before the whole read: its pages not read
	 * fail with why, the first page's articles kept */
	lazy = load_issue(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lazy);
	d2 = xasprintf("%s.gone", d);
	assert_int_equal(rename(d, d2), 0);
	assert_int_equal(issue_load_pages(lazy, &err), -1);
	assert_err(err, d, "No such file or directory");
	free(err);
	err = NULL;
	assert_int_equal(lazy->npending, 0);
	assert_int_equal(issue_count_failed(lazy), 3);
	assert_false(lazy->pages[1].pending);
	assert_int_equal(lazy->pages[0].narticles, 1);
	assert_string_equal(page_article(&lazy->pages[0], 0)->headline,
	                    "头版文章");
	issue_free(lazy);
	assert_int_equal(rename(d2, d), 0);
	free(d2);

	/* small pages after a small first: read after the first screen,
	 * not by a whole read */
	puts_file(d, "02.md", "## 二版文章\n\n正文。\n");
	p = xasprintf("%s/03.md", d);
	assert_int_equal(unlink(p), 0);
	free(p);
	lazy = load_issue(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lazy);
	assert_false(lazy->partial);
	assert_int_equal(lazy->npending, 2);
	assert_int_equal(issue_load_pages(lazy, &err), 0);
	assert_int_equal(lazy->pages[2].narticles, 1);
	issue_free(lazy);
	buf_free(&b);
	tmpdir_free(d);
}

/*
 * A directory's whole read in a thread (load_job_start, as the reader
 * starts it) says how far it is through all its page files, not through
 * the one it reads: what it says never goes back, and passes half way
 * while the second big page is read. HERALD_STREAM reads each in parts
 * of 64 KiB and pauses 3 ms before each read, so that the polls see it.
 */
static void
test_dir_job_progress(void **state)
{
	char *d, *err = NULL;
	struct issue *lazy, *eager;
	struct load_job *job;
	struct buf b = { 0 };
	int pc, last = -1, n = 0;

	(void)state;
	d = tmpdir_new();
	big_issue(&b, 1024 * 1024);
	puts_file(d, "01.md", "# 测试报\n\n## 头版文章\n\n正文。\n");
	free(put(d, "02.md", b.s, b.len));
	free(put(d, "03.md", b.s, b.len));
	load_both(d, &eager, &lazy);
	assert_true(lazy->partial);
	assert_int_equal(setenv("HERALD_STREAM", "65536:8:3", 1), 0);
	job = load_job_start(lazy);
	assert_non_null(job);
	while (!load_job_done(job)) {
		if ((pc = load_job_percent(job)) >= 0) {
			if (pc < last)
				fail_msg("the read said %d%%, then %d%%", last, pc);
			n += pc > 50 && pc < 100 && pc != last;
			last = pc;
		}
		usleep(500);
	}
	assert_int_equal(unsetenv("HERALD_STREAM"), 0);
	/* more than one figure past half way, before the end */
	assert_true(n > 1);
	assert_int_equal(load_job_finish(job, NULL, NULL, &err), 0);
	assert_same_model(lazy, eager);
	issue_free(lazy);
	issue_free(eager);
	buf_free(&b);
	tmpdir_free(d);
}

/*
 * Several pages that cannot be read: every one is tried and marked failed
 * (empty, with its own "PATH: reason"), and the message is the first one
 * in full, then how many more. The eager load refuses the issue with the
 * same message.
 */
static void
test_failed_pages(void **state)
{
	char *d, *err = NULL, *p, *fifo;
	struct issue *is;
	size_t i;

	(void)state;
	d = tmpdir_new();
	puts_file(d, "01.md",
	          "# 测试报\n\n## 头版\n\n正文。\n\n"
	          "### 本期导读\n\n- 二版文章 02版\n");
	free(put(d, "02.md", "x\0y", 3));
	puts_file(d, "03.md", "## 三版文章\n\n正文。\n");
	free(put(d, "04.md", "\0", 1));
	fifo = xasprintf("%s/05.md", d);
	assert_int_equal(mkfifo(fifo, 0600), 0);

	is = load_issue(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(is);
	assert_int_equal(issue_count_failed(is), 0);
	assert_int_equal(issue_load_pages(is, &err), -1);
	p = xasprintf("%s/02.md", d);
	assert_err(err, p,
	           "binary file (NUL bytes), not an issue "
	           "(and 2 more pages failed)");
	free(p);
	free(err);
	err = NULL;
	assert_int_equal(is->npages, 5);
	assert_int_equal(issue_count_failed(is), 3);
	assert_null(is->pages[0].failed);
	assert_null(is->pages[2].failed);
	assert_int_equal(is->pages[2].narticles, 1);
	for (i = 1; i < 5; i += i == 1 ? 2 : 1) {
		assert_non_null(is->pages[i].failed);
		assert_int_equal(is->pages[i].narticles, 0);
	}
	p = xasprintf("%s/04.md", d);
	assert_err(is->pages[3].failed, p, "binary file");
	free(p);
	assert_err(is->pages[4].failed, fifo, "FIFO");
	/* the contents entry for page 2 still names it, unlinked */
	assert_int_equal(is->pages[0].contents[0].page, 2);
	assert_null(is->pages[0].contents[0].target);
	issue_free(is);

	/* The eager load: refused, with the same message. */
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	p = xasprintf("%s/02.md", d);
	assert_err(err, p, "(and 2 more pages failed)");
	free(p);
	free(err);
	err = NULL;

	/* One failure: no count. */
	assert_int_equal(unlink(fifo), 0);
	puts_file(d, "04.md", "## 四版\n\n正文。\n");
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	assert_null(strstr(err, "more page"));
	free(err);
	err = NULL;
	/* Two: "1 more page". */
	free(put(d, "04.md", "\0", 1));
	is = load_issue(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_int_equal(issue_load_pages(is, &err), -1);
	assert_non_null(strstr(err, " (and 1 more page failed)"));
	free(err);
	issue_free(is);
	free(fifo);
	tmpdir_free(d);
}

static void
test_issue_dir(void **state)
{
	char *d, *err = NULL;
	struct issue *is;
	struct article *a, *c;

	(void)state;
	d = tmpdir_new();
	puts_file(d, "01.md", "## 头版文章标题很长\n\n正文。\n\n下转第2版\n");
	puts_file(d, "2.md",
	          "## 头版文章标题很长\n\n▲▲ 上接第1版\n\n续文。\n\n"
	          "## 另一篇\n\n另一篇正文。\n");
	puts_file(
	    d, "page-03.md",
	    "## 第三版\n\n正文。\n\n### 本期导读\n\n"
	    "- 另一篇 2版\n- 没有这篇 2版\n- 头版文章标题 1版\n- 不在 9版\n");
	puts_file(d, "p4.txt", "");
	puts_file(d, "5.markdown", "## 五\n");
	puts_file(d, "README", "not a page");
	puts_file(d, "README.md", "no number here");
	puts_file(d, "6.doc", "wrong extension");
	puts_file(d, "issue.ini",
	          "[issue]\ntitle = 测试报\ndate = 2025-01-02\n"
	          "number = 7\npages = 8\n");
	is = load_issue(d, LOAD_DEFAULTS, &err);
	if (is == NULL)
		fail_msg("%s", err);
	assert_int_equal(is->npages, 5);
	assert_int_equal(is->pages[0].number, 1);
	assert_int_equal(is->pages[1].number, 2);
	assert_int_equal(is->pages[2].number, 3);
	assert_int_equal(is->pages[3].number, 4);
	assert_int_equal(is->pages[4].number, 5);
	assert_true(ends_with(is->pages[2].path, "/page-03.md"));
	assert_true(ends_with(is->pages[3].path, "/p4.txt"));
	assert_string_equal(is->title, "测试报");
	assert_string_equal(is->date, "2025-01-02");
	assert_int_equal(is->number, 7);
	assert_int_equal(is->page_count, 8);
	assert_ptr_equal(issue_find_page(is, 3), &is->pages[2]);
	assert_null(issue_find_page(is, 6));
	assert_null(issue_find_page(is, 0));
	assert_int_equal(issue_count_articles(is), 5);
	/* jumps across pages */
	a = page_article(&is->pages[0], 0);
	c = resolve_continuation(is, a);
	assert_ptr_equal(c, page_article(&is->pages[1], 0));
	assert_int_equal(c->jump_from, 1);
	assert_ptr_equal(resolve_continued_from(is, c), a);
	assert_null(resolve_continuation(is, c));
	/* reading order across pages, over the empty page 4 */
	assert_ptr_equal(issue_next_article(is, page_article(&is->pages[2], 0)),
	                 page_article(&is->pages[4], 0));
	assert_ptr_equal(issue_prev_article(is, page_article(&is->pages[4], 0)),
	                 page_article(&is->pages[2], 0));
	/* contents resolution */
	assert_ptr_equal(is->pages[2].contents[0].target,
	                 page_article(&is->pages[1], 1));
	assert_null(is->pages[2].contents[1].target);
	assert_ptr_equal(is->pages[2].contents[2].target, a);
	assert_null(is->pages[2].contents[3].target);
	issue_free(is);
	tmpdir_free(d);
}

static void
test_issue_dir_errors(void **state)
{
	struct issue *is;
	char *d, *err = NULL;

	(void)state;
	d = tmpdir_new();
	puts_file(d, "01.md", "## 甲\n");
	puts_file(d, "1.txt", "## 乙\n");
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	assert_err(err, d, "01.md and 1.txt are both page 1");
	free(err);
	err = NULL;
	assert_null(load_open(d, LOAD_DEFAULTS, &err));
	assert_err(err, d, "both page 1");
	free(err);
	tmpdir_free(d);

	d = tmpdir_new();
	puts_file(d, "1.md", "## 甲\n");
	puts_file(d, "issue.ini", "[issue]\nbogus line\n");
	err = NULL;
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	assert_non_null(strstr(err, "/issue.ini: "));
	free(err);
	puts_file(d, "issue.ini", "[issue]\ndate = yesterday\n");
	err = NULL;
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	assert_non_null(strstr(err, "issue.ini: date"));
	free(err);
	/* [issue:number] is a section: iniparser 4.1 would crash in getint */
	puts_file(d, "issue.ini",
	          "[issue:number]\n[issue]\npages = 99999999999999999999\n");
	err = NULL;
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	assert_non_null(strstr(err, "issue.ini: pages"));
	free(err);
	puts_file(d, "issue.ini", "[issue:number]\n");
	err = NULL;
	is = load_issue(d, LOAD_DEFAULTS, &err);
	assert_non_null(is);
	assert_int_equal(is->number, 0);
	issue_free(is);
	tmpdir_free(d);

	d = tmpdir_new();
	puts_file(d, "0.md", "## 甲\n");
	err = NULL;
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	assert_non_null(strstr(err, "0.md: page number out of range"));
	free(err);
	tmpdir_free(d);
}

/*
 * LOAD_LAZY libraries: names only at open, the newest checked until one
 * holds pages; library_check drops the rest that hold none and keeps the
 * index of the open entry right.
 */
static void
test_library_lazy(void **state)
{
	struct library *lib;
	char *d, *err = NULL, *x;

	(void)state;
	d = tmpdir_new();
	x = subdir(d, "2025-11-16");
	puts_file(x, "01.md", "## 甲\n");
	free(x);
	free(subdir(d, "2025-11-17-junk")); /* no pages, in the middle */
	x = subdir(d, "2025-11-18");
	puts_file(x, "01.md", "## 乙\n");
	free(x);
	free(subdir(d, "zzz-notes")); /* no pages, sorts last */

	lib = load_open(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lib);
	assert_int_equal(lib->n, 3); /* zzz-notes dropped, junk not yet */
	assert_string_equal(lib->entries[2].name, "2025-11-18");
	assert_false(lib->entries[2].unchecked);
	assert_true(lib->entries[1].unchecked);
	/* not sorted and no paths built before the first screen */
	assert_true(lib->unsorted);
	assert_null(lib->entries[0].path);
	assert_null(lib->entries[1].path);
	assert_int_equal(library_check(lib, 2), 1);
	assert_false(lib->unsorted);
	assert_int_equal(lib->n, 2);
	assert_string_equal(lib->entries[0].name, "2025-11-16");
	assert_string_equal(lib->entries[1].name, "2025-11-18");
	assert_false(lib->entries[0].unchecked);
	library_free(lib);

	/* the eager open lists the same two, sorted */
	lib = load_open(d, LOAD_DEFAULTS, &err);
	assert_non_null(lib);
	assert_int_equal(lib->n, 2);
	assert_false(lib->unsorted);
	assert_string_equal(lib->entries[0].name, "2025-11-16");
	assert_string_equal(lib->entries[1].name, "2025-11-18");
	library_free(lib);
	tmpdir_free(d);
}

/*
 * The newest issue's page files are listed when load_open finds it, and
 * that list is what library_issue loads (once: then it is gone); a newest
 * issue whose pages cannot be listed (two files for one page) is still
 * the newest, and says why when it is opened. A library freed before its
 * newest issue is opened frees the list too (the sanitizer run checks).
 */
static void
test_library_newest_listed(void **state)
{
	struct library *lib;
	struct issue *is;
	char *d, *err = NULL, *x;

	(void)state;
	d = tmpdir_new();
	x = subdir(d, "2025-11-17");
	puts_file(x, "01.md", "## 甲\n");
	free(x);
	x = subdir(d, "2025-11-18");
	puts_file(x, "02.md", "## 乙二\n");
	puts_file(x, "01.md", "## 乙一\n");
	puts_file(x, "notes.txt", "no digit: not a page\n");
	free(subdir(x, "3-images")); /* a directory: never a page */
	free(x);

	lib = load_open(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lib);
	assert_string_equal(lib->entries[lib->n - 1].name, "2025-11-18");
	assert_non_null(lib->entries[lib->n - 1].pages);
	assert_int_equal(lib->entries[lib->n - 1].npages, 2);
	is = library_issue(lib, lib->n - 1, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(is);
	assert_null(lib->entries[lib->n - 1].pages);
	assert_int_equal(is->npages, 2);
	assert_int_equal(is->pages[0].number, 1);
	assert_int_equal(is->pages[1].number, 2);
	assert_int_equal(issue_load_pages(is, &err), 0);
	assert_string_equal(page_article(&is->pages[1], 0)->headline, "乙二");
	library_free(lib);

	/* freed without being opened */
	lib = load_open(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lib);
	library_free(lib);

	/* the newest cannot be listed: still the newest, and says why */
	x = subdir(d, "2025-11-19");
	puts_file(x, "p1.md", "## 丙\n");
	puts_file(x, "01.md", "## 丙\n");
	free(x);
	lib = load_open(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lib);
	assert_string_equal(lib->entries[lib->n - 1].name, "2025-11-19");
	assert_null(lib->entries[lib->n - 1].pages);
	assert_null(library_issue(lib, lib->n - 1, LOAD_DEFAULTS, &err));
	assert_non_null(strstr(err, "2025-11-19: "));
	assert_non_null(strstr(err, "are both page 1"));
	free(err);
	library_free(lib);
	tmpdir_free(d);
}

/*
 * A lazy library of many issues, made in no particular order: the newest
 * comes last at once (the very newest has no pages: dropped), and library_check sorts the rest and follows the
 * kept entry to its new index, whatever the order readdir gave.
 */
static void
test_library_lazy_many(void **state)
{
	struct library *lib;
	char *d, *x, *err = NULL, name[32];
	size_t i, k;
	int n = 0;

	(void)state;
	d = tmpdir_new();
	for (i = 0; i < 60; i++) {
		/* a permutation of 0..59 */
		int v = (int)((i * 37) % 60);

		snprintf(name, sizeof name, "2025-%02d-%02d", v / 28 + 1,
		    v % 28 + 1);
		x = subdir(d, name);
		if (v % 7 != 3) { /* some without pages */
			puts_file(x, "01.md", "## 甲\n");
			n++;
		}
		free(x);
	}
	lib = load_open(d, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(lib);
	assert_string_equal(lib->entries[lib->n - 1].name, "2025-03-03");
	assert_non_null(lib->entries[lib->n - 1].path);
	assert_non_null(library_issue(lib, lib->n - 1, LOAD_DEFAULTS, &err));
	k = library_check(lib, lib->n - 1);
	assert_int_equal(lib->n, (size_t)n);
	assert_int_equal(k, lib->n - 1);
	assert_string_equal(lib->entries[k].name, "2025-03-03");
	assert_non_null(lib->entries[k].issue);
	for (i = 1; i < lib->n; i++)
		assert_true(strcmp(lib->entries[i - 1].name,
		    lib->entries[i].name) < 0);
	/* an entry opened after the check finds its directory */
	assert_non_null(library_issue(lib, 0, LOAD_DEFAULTS, &err));
	library_free(lib);
	tmpdir_free(d);
}

static void
test_library(void **state)
{
	struct library *lib;
	struct issue *is;
	char *d, *a, *b, *c, *err = NULL;

	(void)state;
	d = tmpdir_new();
	a = subdir(d, "2025-11-17");
	b = subdir(d, "2025-11-16");
	c = subdir(d, "misc");
	free(subdir(d, "2025-11-18")); /* empty: not an issue */
	puts_file(a, "01.md", "# 报\n\n## 甲\n\n正文。\n");
	puts_file(a, "02.md", "## 乙\n\n正文。\n");
	/* broken, but a library lists without parsing */
	free(put(b, "01.md", "## x\0y", 6));
	puts_file(c, "notes.txt", "no page number");
	puts_file(d, "readme.txt", "no page number");
	lib = load_open(d, LOAD_DEFAULTS, &err);
	if (lib == NULL)
		fail_msg("%s", err);
	assert_false(lib->single);
	assert_int_equal(lib->n, 2);
	assert_string_equal(lib->entries[0].name, "2025-11-16");
	assert_string_equal(lib->entries[1].name, "2025-11-17");
	assert_null(lib->entries[0].issue);
	assert_null(lib->entries[1].issue);
	is = library_issue(lib, 1, LOAD_DEFAULTS, &err);
	assert_non_null(is);
	assert_ptr_equal(lib->entries[1].issue, is);
	assert_int_equal(is->npages, 2);
	assert_ptr_equal(library_issue(lib, 1, LOAD_DEFAULTS, &err), is);
	assert_null(lib->entries[0].issue);
	err = NULL;
	assert_null(library_issue(lib, 0, LOAD_DEFAULTS, &err));
	assert_non_null(strstr(err, "binary file (NUL bytes), not an issue"));
	free(err);
	err = NULL;
	assert_null(library_issue(lib, 2, LOAD_DEFAULTS, &err));
	assert_err(err, d, "no issue number 2");
	free(err);
	library_free(lib);
	/* an issue dir and a file open as a single issue, parsed at once */
	lib = load_open(a, LOAD_DEFAULTS, &err);
	assert_non_null(lib);
	assert_true(lib->single);
	assert_int_equal(lib->n, 1);
	assert_non_null(lib->entries[0].issue);
	assert_string_equal(lib->entries[0].issue->title, "报");
	library_free(lib);
	free(a);
	free(b);
	free(c);
	tmpdir_free(d);
}

/*
 * What counts as an issue of a library, found without scanning every
 * issue: a subdirectory (or a link to one) with a page file (or a link to
 * one); a directory named like a page is not a page file.
 */
static void
test_library_entries(void **state)
{
	struct library *lib;
	char *d, *a, *b, *c, *p, *q, *err = NULL;

	(void)state;
	d = tmpdir_new();
	a = subdir(d, "2025-11-17");
	puts_file(a, "01.md", "## 甲\n\n正文。\n");
	b = subdir(d, "only-a-dir");
	free(subdir(b, "01.md"));
	c = subdir(d, "linked-page");
	p = xasprintf("%s/%s", a, "01.md");
	q = xasprintf("%s/%s", c, "02.md");
	assert_int_equal(symlink(p, q), 0);
	free(p);
	free(q);
	p = xasprintf("%s/%s", d, "2025-11-18");
	assert_int_equal(symlink(a, p), 0);
	free(p);
	p = xasprintf("%s/%s", d, "dangling");
	assert_int_equal(symlink("/nonexistent/x", p), 0);
	free(p);
	lib = load_open(d, LOAD_DEFAULTS, &err);
	if (lib == NULL)
		fail_msg("%s", err);
	assert_int_equal(lib->n, 3);
	assert_string_equal(lib->entries[0].name, "2025-11-17");
	assert_string_equal(lib->entries[1].name, "2025-11-18");
	assert_string_equal(lib->entries[2].name, "linked-page");
	assert_non_null(library_issue(lib, 2, LOAD_DEFAULTS, &err));
	assert_int_equal(lib->entries[2].issue->pages[0].number, 2);
	library_free(lib);
	/* a directory named like a page does not make an issue dir */
	lib = load_open(b, LOAD_DEFAULTS, &err);
	assert_null(lib);
	assert_err(err, b, "no issue pages found");
	free(err);
	free(a);
	free(b);
	free(c);
	tmpdir_free(d);
}

static void
test_sample(void **state)
{
	const char *top = getenv("top_srcdir");
	struct library *lib;
	struct issue *is;
	struct stat st;
	char *d, *p, *err = NULL;
	size_t i;

	(void)state;
	if (top == NULL) {
		print_message("# top_srcdir not set: skipped\n");
		skip();
	}
	d = xasprintf("%s/data/sample", top);
	p = xasprintf("%s/01.md", d);
	if (stat(p, &st) != 0 || st.st_size == 0) {
		print_message("# data/sample not written yet: skipped\n");
		free(p);
		free(d);
		skip();
	}
	free(p);
	lib = load_open(d, LOAD_DEFAULTS, &err);
	if (lib == NULL)
		fail_msg("%s", err);
	assert_true(lib->single);
	is = lib->entries[0].issue;
	assert_int_equal(is->npages, 4);
	for (i = 0; i < 4; i++) {
		assert_int_equal(is->pages[i].number, (int)i + 1);
		assert_true(is->pages[i].narticles > 0);
	}
	assert_non_null(is->title);
	assert_non_null(is->date);
	/* the sample is written for herald-tui: its contents box names
	 * articles that exist, and its jumps lead somewhere */
	for (i = 0; i < is->npages; i++) {
		struct page *p1 = &is->pages[i];
		size_t j;

		for (j = 0; j < p1->ncontents; j++) {
			if (issue_find_page(is, p1->contents[j].page) == NULL)
				continue;
			if (p1->contents[j].target == NULL)
				fail_msg("contents entry not linked: %s",
				         p1->contents[j].title);
			assert_int_equal(p1->contents[j].target->page->number,
			                 p1->contents[j].page);
		}
		for (j = 0; j < p1->narticles; j++)
			if (page_article(p1, j)->jump_to > 0 &&
			    issue_find_page(is, page_article(p1, j)->jump_to))
				assert_non_null(resolve_continuation(is,
				    page_article(p1, j)));
	}
	library_free(lib);
	free(d);
}

/* ------------------------------------------------------------------ */
/* bad input                                                           */

static void
test_bad_paths(void **state)
{
	char *d, *p, *err = NULL;
	struct issue *is;

	(void)state;
	d = tmpdir_new();
	/* missing */
	p = xasprintf("%s/missing.md", d);
	assert_null(load_issue(p, LOAD_DEFAULTS, &err));
	assert_err(err, p, "No such file");
	free(err);
	err = NULL;
	assert_null(load_open(p, LOAD_DEFAULTS, &err));
	assert_err(err, p, "No such file");
	free(err);
	free(p);
	/* the path is made safe to print */
	err = NULL;
	assert_null(load_issue("/nonexistent/\x1b]0;pwned\a.md", 0, &err));
	assert_null(strchr(err, '\x1b'));
	assert_null(strchr(err, '\a'));
	free(err);
	/* an empty directory; one without page files */
	err = NULL;
	assert_null(load_open(d, LOAD_DEFAULTS, &err));
	assert_err(err, d, NULL);
	assert_string_equal(err + strlen(d), ": no issue pages found");
	free(err);
	puts_file(d, "README.md", "x");
	puts_file(d, "cover.jpg", "x");
	puts_file(d, "1.pdf", "x");
	err = NULL;
	assert_null(load_open(d, LOAD_DEFAULTS, &err));
	assert_err(err, d, "no issue pages found");
	free(err);
	err = NULL;
	assert_null(load_issue(d, LOAD_DEFAULTS, &err));
	assert_err(err, d, "no issue pages found");
	free(err);
	/* binary */
	p = put(d, "bin.md", "## a\n\0\1\2\3", 9);
	err = NULL;
	assert_null(load_issue(p, LOAD_DEFAULTS, &err));
	assert_err(err, p, NULL);
	assert_string_equal(err + strlen(p),
	                    ": binary file (NUL bytes), not an issue");
	free(err);
	err = NULL;
	assert_null(load_buffer("buf", "a\0b", 3, 0, &err));
	assert_string_equal(err, "buf: binary file (NUL bytes), not an issue");
	free(err);
	free(p);
	/* /dev/null and a FIFO: refused, never read (a FIFO would block) */
	err = NULL;
	assert_null(load_issue("/dev/null", LOAD_DEFAULTS, &err));
	assert_err(err, "/dev/null", "character device");
	free(err);
	p = xasprintf("%s/fifo.md", d);
	assert_int_equal(mkfifo(p, 0600), 0);
	err = NULL;
	assert_null(load_issue(p, LOAD_DEFAULTS, &err));
	assert_err(err, p, "FIFO");
	free(err);
	/* a FIFO as a page of an issue directory */
	is = load_issue(d, LOAD_DEFAULTS, &err);
	assert_null(is);
	free(err);
	assert_int_equal(unlink(p), 0);
	free(p);
	/* over-size: sparse files. A page read whole (HTML) stops at
	 * LOAD_MAX_FILE; Markdown, read in parts, at LOAD_MAX_STREAM, and
	 * under it a file of NULs is binary. */
	{
		static const struct {
			const char *name;
			off_t size;
			const char *why;
		} big[] = {
		    {"big.html", (off_t)LOAD_MAX_FILE + 1,
		     "file too large (67108865 bytes; the limit is 67108864)"},
		    {"big.md", (off_t)LOAD_MAX_FILE + 1, "binary file"},
		    {"huge.md", (off_t)LOAD_MAX_STREAM + 1,
		     "file too large (1073741825 bytes; the limit is "
		     "1073741824)"},
		};
		size_t k;

		for (k = 0; k < sizeof big / sizeof big[0]; k++) {
			int fd;

			p = xasprintf("%s/%s", d, big[k].name);
			fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
			assert_true(fd >= 0);
			assert_int_equal(ftruncate(fd, big[k].size), 0);
			close(fd);
			err = NULL;
			assert_null(load_issue(p, LOAD_DEFAULTS, &err));
			assert_err(err, p, big[k].why);
			free(err);
			assert_int_equal(unlink(p), 0);
			free(p);
		}
	}
	/* unreadable: root reads anything, so only checked as a user */
	p = put(d, "secret.md", "## x\n", 5);
	assert_int_equal(chmod(p, 0), 0);
	err = NULL;
	is = load_issue(p, LOAD_DEFAULTS, &err);
	if (geteuid() == 0) {
		print_message("# running as root: mode 000 is readable, "
		              "permission check not possible\n");
		issue_free(is);
		free(err);
	} else {
		assert_null(is);
		assert_err(err, p, "Permission denied");
		free(err);
	}
	free(p);
	tmpdir_free(d);
}

/*
 * read_file sizes its buffer from st_size; a file that says 0 bytes but
 * has text (/proc/version) is still read whole.
 */
static void
test_size_zero_file(void **state)
{
	struct issue *is;
	char *err = NULL, line[512];
	FILE *f;
	size_t n;

	(void)state;
	if ((f = fopen("/proc/version", "r")) == NULL) {
		print_message("# /proc/version absent: not run\n");
		return;
	}
	n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	line[strcspn(line, "\n")] = '\0';
	is = load_issue("/proc/version", 0, &err);
	if (is == NULL)
		fail_msg("%s", err);
	assert_int_equal(nloose(&is->pages[0]), 1);
	assert_string_equal(loose(&is->pages[0], 0)->text, line);
	issue_free(is);
}

static void
test_empty_files(void **state)
{
	static const char *const inputs[] = {"", " ", "\n\n\n", " \t\n　\n",
	                                     "\xef\xbb\xbf"};
	struct issue *is;
	size_t i;

	(void)state;
	/* Decided: an empty or blank file is an issue with one empty page. */
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		is = load_str(inputs[i], LOAD_DEFAULTS);
		assert_int_equal(is->npages, 1);
		assert_int_equal(is->pages[0].number, 1);
		assert_int_equal(is->pages[0].narticles, 0);
		assert_int_equal(nloose(&is->pages[0]), 0);
		assert_int_equal(is->pages[0].ncontents, 0);
		assert_string_equal(is->title, "test.md");
		issue_free(is);
	}
	is = load_buffer("nullbuf", NULL, 0, 0, NULL);
	assert_non_null(is);
	issue_free(is);
}

static bool
valid_utf8(const char *s)
{
	size_t len = strlen(s), k;
	uint32_t c;

	while (len > 0) {
		k = text_next(s, len, &c);
		if (c == 0xfffd &&
		    !(k == 3 && memcmp(s, "\xef\xbf\xbd", 3) == 0))
			return false;
		if (c < 0x20 && c != '\n' && c != '\t')
			return false;
		s += k;
		len -= k;
	}
	return true;
}

static void
test_invalid_utf8(void **state)
{
	struct issue *is;
	struct article *a;
	size_t i;

	(void)state;
	is = load_str("## \xff\xfe 标题\xe4\xb8\n\n段落\xc3(\x1b[2J\x9b\n\n"
	              "\xed\xa0\x80 surrogate\n",
	              LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	assert_true(valid_utf8(a->headline));
	assert_non_null(strstr(a->headline, "\xef\xbf\xbd"));
	for (i = 0; i < a->nblocks; i++) {
		assert_true(valid_utf8(a->blocks[i].text));
		assert_null(strchr(a->blocks[i].text, '\x1b'));
	}
	issue_free(is);
}

static void
test_pathological(void **state)
{
	struct buf b = {0};
	struct issue *is;
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < 5000; i++)
		buf_adds(&b, "> ");
	buf_adds(&b, "深\n");
	s = buf_take(&b, NULL);
	is = load_str(s, LOAD_DEFAULTS);
	assert_int_equal(nloose(&is->pages[0]), 1);
	assert_int_equal(loose(&is->pages[0], 0)->kind, BLOCK_QUOTE);
	issue_free(is);
	free(s);
	for (i = 0; i < 5000; i++)
		buf_adds(&b, "- ");
	buf_adds(&b, "深\n");
	s = buf_take(&b, NULL);
	is = load_str(s, LOAD_DEFAULTS);
	assert_int_equal(nloose(&is->pages[0]), 1);
	issue_free(is);
	free(s);
	for (i = 0; i < 5000; i++) {
		buf_printf(&b, "%*s- 层%zu\n", (int)(i * 2 % 400), "", i);
	}
	s = buf_take(&b, NULL);
	is = load_str(s, LOAD_DEFAULTS);
	issue_free(is);
	free(s);
	for (i = 0; i < 20000; i++)
		buf_printf(&b, "## 标题%zu\n\n### 小标题\n\n", i);
	s = buf_take(&b, NULL);
	is = load_str(s, LOAD_DEFAULTS);
	assert_int_equal(is->pages[0].narticles, 20000);
	assert_string_equal(page_article(&is->pages[0], 19999)->headline,
	                    "标题19999");
	assert_int_equal(page_article(&is->pages[0], 19999)->line, 79997);
	assert_int_equal(issue_count_articles(is), 20000);
	issue_free(is);
	free(s);
	for (i = 0; i < 50000; i++)
		buf_adds(&b, "*[");
	s = buf_take(&b, NULL);
	is = load_str(s, LOAD_DEFAULTS);
	issue_free(is);
	free(s);
}

static void
test_fixtures(void **state)
{
	static const struct {
		const char *name;
		const char *reason; /* NULL: loads */
	} fx[] = {
	    {"nul.md", "binary file (NUL bytes), not an issue"},
	    {"invalid-utf8.md", NULL},
	    {"jumps.md", NULL},
	    {"empty.md", NULL},
	};
	const char *top = getenv("top_srcdir");
	struct issue *is;
	char *p, *err;
	size_t i, j;

	(void)state;
	if (top == NULL) {
		print_message("# top_srcdir not set: skipped\n");
		skip();
	}
	for (i = 0; i < sizeof fx / sizeof fx[0]; i++) {
		p = xasprintf("%s/tests/bad/%s", top, fx[i].name);
		err = NULL;
		is = load_issue(p, LOAD_DEFAULTS, &err);
		if (fx[i].reason != NULL) {
			assert_null(is);
			assert_err(err, p, fx[i].reason);
			free(err);
		} else if (is == NULL)
			fail_msg("%s", err);
		if (is != NULL && strcmp(fx[i].name, "jumps.md") == 0) {
			struct article *a = page_article(&is->pages[0], 0);

			for (j = 0; j < a->nblocks; j++)
				if (a->blocks[j].kind == BLOCK_JUMP)
					assert_int_equal(a->blocks[j].jump_page,
					                 0);
			assert_int_equal(is->pages[0].narticles, 3);
		}
		issue_free(is);
		free(p);
	}
}

/* Loading never writes: sizes and modification times stay. */
static void
test_never_writes(void **state)
{
	struct stat before[3], after[3];
	struct library *lib;
	char *d, *paths[3], *err = NULL;
	struct timespec old = {1000000000, 0};
	struct timespec times[2];
	size_t i;

	(void)state;
	d = tmpdir_new();
	paths[0] = put(d, "01.md", "## 甲\n\n正文。\n", 18);
	paths[1] = put(d, "02.md", "## 乙\n\n正文。\n", 18);
	paths[2] = put(d, "issue.ini", "[issue]\ntitle=x\n", 16);
	times[0] = old;
	times[1] = old;
	for (i = 0; i < 3; i++) {
		assert_int_equal(utimensat(AT_FDCWD, paths[i], times, 0), 0);
		assert_int_equal(stat(paths[i], &before[i]), 0);
	}
	lib = load_open(d, LOAD_DEFAULTS, &err);
	assert_non_null(lib);
	library_free(lib);
	issue_free(load_issue(paths[0], LOAD_DEFAULTS, &err));
	for (i = 0; i < 3; i++) {
		assert_int_equal(stat(paths[i], &after[i]), 0);
		assert_int_equal(before[i].st_size, after[i].st_size);
		assert_int_equal(before[i].st_mtim.tv_sec,
		                 after[i].st_mtim.tv_sec);
		assert_int_equal(before[i].st_mtim.tv_nsec,
		                 after[i].st_mtim.tv_nsec);
		assert_int_equal(before[i].st_ctim.tv_sec,
		                 after[i].st_ctim.tv_sec);
		assert_int_equal(before[i].st_ctim.tv_nsec,
		                 after[i].st_ctim.tv_nsec);
		free(paths[i]);
	}
	tmpdir_free(d);
}

/* ---- converters' habits (tests/data/converters/README) ---------------- */

/* MinerU sets every title as #: the structure comes from the text. */
static void
test_flat_titles(void **state)
{
	struct issue *is;
	struct page *p;
	struct article *a;

	(void)state;
	is = load_str("# 青岚日报\n\n# QINGLAN DAILY\n\n"
	              "2026年12月1日 星期二 第318期 今日8版\n\n"
	              "# 要闻\n\n# 青岚港二期投运\n\n# 年吞吐能力提升\n\n"
	              "本报记者 林望舒\n\n第一段正文，写得很长很长很长很长很长。\n\n"
	              "# 技术自主是关键\n\n“最难的不是买设备。”他说。\n\n"
	              "# 西溪湿地越冬候鸟数量创新高\n\n本报讯 候鸟来了。\n",
	              LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_string_equal(is->title, "青岚日报");
	assert_string_equal(is->title_en, "QINGLAN DAILY");
	assert_string_equal(p->title, "要闻");
	assert_int_equal(p->narticles, 2);
	a = page_article(p, 0);
	assert_string_equal(a->headline, "青岚港二期投运");
	/* the title right under the headline: its subtitle */
	assert_int_equal(a->blocks[0].kind, BLOCK_SUBHEAD);
	assert_string_equal(a->blocks[0].text, "年吞吐能力提升");
	assert_int_equal(a->blocks[1].kind, BLOCK_BYLINE);
	/* a short title then plain text: a subhead */
	assert_int_equal(find_text(a, "技术自主是关键")->kind, BLOCK_SUBHEAD);
	/* a title then 本报讯: a new story */
	assert_string_equal(page_article(p, 1)->headline,
	                    "西溪湿地越冬候鸟数量创新高");
	issue_free(is);
	/* docling: ## everywhere, a label over a kicker over a headline,
	 * furniture under the page's label */
	is = load_str("## 新 闻\n\n3\n\n责任编辑：许晴  美术编辑：陈墨\n\n"
	              "## 社区食堂开到家门口\n\n正文一段，写得很长很长很长很长很长。\n\n"
	              "## 一份菜单背后的精细账\n\n“账必须算得清。”他说。\n\n"
	              "## 青岚文脉\n\n## 老城墙下的书院\n\n书院在城南。\n",
	              LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_string_equal(p->title, "新 闻");
	a = page_article(p, p->narticles - 2);
	assert_string_equal(a->headline, "社区食堂开到家门口");
	assert_int_equal(find_text(a, "一份菜单背后的精细账")->kind,
	                 BLOCK_SUBHEAD);
	a = page_article(p, p->narticles - 1);
	assert_string_equal(a->headline, "老城墙下的书院");
	assert_int_equal(a->blocks[0].kind, BLOCK_SUBHEAD);
	assert_string_equal(a->blocks[0].text, "青岚文脉");
	/* the furniture stands in a story of the page's own */
	assert_true(page_article(p, 0)->page_text);
	assert_int_equal(count_kind(page_article(p, 0), BLOCK_FURNITURE), 2);
	issue_free(is);
	/* a short headline over text is no label */
	is = load_str("# 山河科技报\n\n# 青川芯量产\n\n首批芯片下线。\n",
	              LOAD_DEFAULTS);
	assert_null(is->pages[0].title);
	assert_string_equal(page_article(&is->pages[0], 0)->headline,
	                    "青川芯量产");
	issue_free(is);
}

/* marker, PP-StructureV3: levels that do not say what a title is. */
static void
test_title_kinds(void **state)
{
	struct issue *is;
	struct page *p;
	struct article *a;

	(void)state;
	is = load_str("# 青岚日报\n\nQINGLAN DAILY\n\n"
	              "2026年12月1日 星期二 第318期\n\n"
	              "# <span id=\"page-0-0\"></span>冬季供暖保障进行时\n\n"
	              "### 本报记者 苏晓禾 通讯员 刘畅\n\n正文一。<sup>1</sup>\n\n"
	              "## 一、 从“跟跑”到“并跑”\n\n正文二。\n\n"
	              "### 市民服务热线今年受理诉求108.6万件\n\n"
	              "本报讯 热线受理诉求。\n",
	              LOAD_DEFAULTS);
	p = &is->pages[0];
	/* the first headline under the masthead is no page title */
	assert_null(p->title);
	assert_int_equal(p->narticles, 2);
	a = page_article(p, 0);
	assert_string_equal(a->headline, "冬季供暖保障进行时");
	assert_int_equal(a->blocks[0].kind, BLOCK_BYLINE);
	assert_string_equal(a->blocks[1].text, "正文一。1");
	assert_int_equal(find_text(a, "一、 从“跟跑”到“并跑”")->kind,
	                 BLOCK_SUBHEAD);
	assert_string_equal(page_article(p, 1)->headline,
	                    "市民服务热线今年受理诉求108.6万件");
	issue_free(is);
}

/* HTML in Markdown: no tag reaches the text. */
static void
test_html_blocks(void **state)
{
	struct issue *is;
	struct article *a;

	(void)state;
	is = load_str("## 甲\n\n正文一。\n\n"
	              "<div style=\"text-align: center;\"><img src=\"a.jpg\" "
	              "alt=\"Image\" /></div>\n\n"
	              "<div style=\"text-align: center;\">工人在检修。 本报记者 周明 "
	              "摄</div>\n\n<!-- image -->\n\n"
	              "<table><tr><td>甲&amp;乙</td><td>2</td></tr></table>\n\n"
	              "<script>alert(1)</script>\n\n正文二<br>下一行。\n",
	              LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	/* the image, its caption and credit: one figure (issue 13) */
	assert_int_equal(find_text(a, "[图] 工人在检修。 本报记者 周明 摄")->kind,
	                 BLOCK_FIGURE);
	assert_non_null(find_text(a, "甲&乙 2"));
	assert_null(find_text(a, "alert(1)"));
	assert_non_null(find_text(a, "正文二\n下一行。"));
	assert_null(find_text(a, "<"));
	assert_null(find_text(a, "image"));
	issue_free(is);
}

/* Captions: out of the text; the paragraph a photo cut is whole again. */
static void
test_caption_cut(void **state)
{
	struct issue *is;
	struct article *a;

	(void)state;
	/* MinerU: image, caption and credit joined by hard breaks */
	is = load_str("## 甲\n\n走进码头控制中心，一面大屏上\n\n"
	              "![](images/x.jpg)  \n图为工人在检修吊具。  \n本报记者 周明 摄\n\n"
	              "滚动显示着作业数据。\n",
	              LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	assert_string_equal(a->blocks[0].text,
	                    "走进码头控制中心，一面大屏上滚动显示着作业数据。");
	/* the image with its caption and credit: one figure (issue 13) */
	assert_int_equal(a->blocks[1].kind, BLOCK_FIGURE);
	assert_string_equal(a->blocks[1].fig->caption, "图为工人在检修吊具。");
	assert_string_equal(a->blocks[1].fig->credit, "本报记者 周明 摄");
	assert_int_equal(a->nblocks, 2);
	issue_free(is);
	/* a caption with its credit is never joined to what follows */
	is = load_str("## 甲\n\n正文一段话写完了。\n\n"
	              "图为工人在检修风机。 本报记者 周明 摄\n\n"
	              "据统计全市已建成社区食堂三百多家覆盖城区八成以上社区。\n",
	              LOAD_DEFAULTS);
	a = page_article(&is->pages[0], 0);
	assert_int_equal(find_text(a, "图为工人在检修风机。")->kind,
	                 BLOCK_CAPTION);
	assert_int_equal(find_text(a, "本报记者 周明 摄")->kind, BLOCK_CREDIT);
	assert_int_equal(find_text(a, "据统计全市已建成社区食堂三百多家覆盖城区八成以上社区。")
	                     ->kind,
	                 BLOCK_PARAGRAPH);
	issue_free(is);
}

/* Contents boxes converters flattened; furniture never in a story's text. */
static void
test_boxes_and_furniture(void **state)
{
	struct issue *is;
	struct page *p;

	(void)state;
	/* MinerU: the entries as paragraphs, no title */
	is = load_str("## 甲\n\n正文。(何川)\n\n青岚港二期码头投运 2版\n\n"
	              "冬季供暖保障进行时 3版\n\n本版责任编辑：许晴 美术编辑：陈墨\n",
	              LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_int_equal(p->ncontents, 2);
	assert_string_equal(p->contents[0].title, "青岚港二期码头投运");
	assert_int_equal(p->contents[1].page, 3);
	assert_int_equal(page_article(p, 0)->nblocks, 1);
	/* the editors' line stays with the box */
	assert_int_equal(p->nitems, 1);
	assert_int_equal(p->items[0].kind, BLOCK_FURNITURE);
	issue_free(is);
	/* pymupdf4llm: the title in bold, the entries a list */
	is = load_str("**本期导读**\n\n- 自动化码头背后的“青岚方案” 2版\n"
	              "- 冬季供暖保障进行时 3版\n\n## 甲\n\n正文。\n",
	              LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_string_equal(p->contents_title, "本期导读");
	assert_int_equal(p->ncontents, 2);
	issue_free(is);
	/* a running head set in bold, a page number: furniture */
	is = load_str("**2 青岚日报 2026年12月1日 星期二 要闻 责任编辑：许晴**\n\n"
	              "## 甲\n\n正文一段，写得很长很长很长很长很长很长很长\n\n"
	              "— 2 —\n\n社址：青岚市滨江路88号\n",
	              LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_true(page_article(p, 0)->page_text);
	assert_int_equal(page_article(p, 0)->blocks[0].kind, BLOCK_FURNITURE);
	assert_int_equal(page_article(p, 1)->nblocks, 3);
	assert_string_equal(page_article(p, 1)->blocks[0].text,
	                    "正文一段，写得很长很长很长很长很长很长很长");
	assert_int_equal(page_article(p, 1)->blocks[1].kind, BLOCK_FURNITURE);
	assert_int_equal(page_article(p, 1)->blocks[2].kind, BLOCK_FURNITURE);
	issue_free(is);
}

/* Nothing of a page is outside a story: a page of text alone reads. */
static void
test_page_text_story(void **state)
{
	struct issue *is;
	struct page *p;

	(void)state;
	is = load_str("第一段正文。\n\n第二段正文。\n", LOAD_DEFAULTS);
	p = &is->pages[0];
	assert_int_equal(p->narticles, 1);
	assert_int_equal(p->nitems, 0);
	assert_true(page_article(p, 0)->page_text);
	assert_string_equal(page_article(p, 0)->headline, "第01版");
	assert_int_equal(page_article(p, 0)->nblocks, 2);
	issue_free(is);
}

/*
 * A table's caption stays with its table in the story: a "# 表1 …"
 * heading on a MinerU all-# page does not start a story of its own, a
 * caption line under a table is a caption of the same story, and neither
 * is taken for a photo's caption by a figure next to it.
 */
static void
test_table_caption(void **state)
{
	static const char flat[] =
	    "# 青岚日报\n\n# 全市新增学位一万二千个\n\n本报记者 何川\n\n"
	    "今年秋季学期，全市新建中小学21所。\n\n"
	    "# 表1 2026年秋季新增学位分布\n\n"
	    "<table><tr><td>区县</td><td>学位</td></tr>"
	    "<tr><td>东湖区</td><td>3,600</td></tr></table>\n\n"
	    "市教育局表示，明年将继续推进建设。\n";
	static const char under[] =
	    "# 青岚日报\n\n## 全市新增学位一万二千个\n\n"
	    "今年秋季学期，全市新建中小学21所。\n\n"
	    "![](images/a.jpg)\n\n"
	    "| 区县 | 学位 |\n|---|---|\n| 东湖区 | 3,600 |\n\n"
	    "表1：2026年秋季新增学位分布（单位：个）\n\n"
	    "![](images/b.jpg)\n\n"
	    "图为新建的青岚实验小学。\n\n"
	    "市教育局表示，明年将继续推进建设。\n";
	struct issue *is;
	const struct article *a;
	size_t i;

	(void)state;
	is = load_str(flat, LOAD_DEFAULTS);
	assert_int_equal(is->pages[0].narticles, 1);
	a = page_article(&is->pages[0], 0);
	for (i = 0; i < a->nblocks && a->blocks[i].kind != BLOCK_TABLE; i++)
		;
	assert_true(i > 0 && i < a->nblocks);
	assert_int_equal(a->blocks[i - 1].kind, BLOCK_CAPTION);
	assert_string_equal(a->blocks[i - 1].text, "表1 2026年秋季新增学位分布");
	assert_string_equal(a->blocks[i + 1].text, "市教育局表示，明年将继续推进建设。");
	issue_free(is);

	is = load_str(under, LOAD_DEFAULTS);
	assert_int_equal(is->pages[0].narticles, 1);
	a = page_article(&is->pages[0], 0);
	for (i = 0; i < a->nblocks && a->blocks[i].kind != BLOCK_TABLE; i++)
		;
	assert_true(i + 1 < a->nblocks);
	assert_int_equal(a->blocks[i + 1].kind, BLOCK_CAPTION);
	assert_string_equal(a->blocks[i + 1].text,
	                    "表1：2026年秋季新增学位分布（单位：个）");
	/* the photos keep their own captions (b.jpg its 图为…), not the table's */
	assert_int_equal(a->blocks[i - 1].kind, BLOCK_FIGURE);
	assert_null(a->blocks[i - 1].fig->caption);
	assert_int_equal(a->blocks[i + 2].kind, BLOCK_FIGURE);
	assert_string_equal(a->blocks[i + 2].fig->caption, "图为新建的青岚实验小学。");
	issue_free(is);
}

static void
test_recognisers(void **state)
{
	static const char *cap = "图为工人在检修风机。 本报记者 周明 摄";

	(void)state;
	assert_true(recog_caption("图为会场。", strlen("图为会场。")));
	assert_true(recog_caption("【图为】会场。", strlen("【图为】会场。")));
	assert_false(recog_caption("他说图为证。", strlen("他说图为证。")));
#define TC(s) recog_table_caption(s, strlen(s))
	assert_true(TC("表1 2026年秋季新增学位分布"));
	assert_true(TC("表 2：各市主要经济指标（单位：亿元）"));
	assert_true(TC("表2-1、分区数据"));
	assert_true(TC("表１　全省指标"));
	assert_true(TC("续表3"));
	assert_true(TC("表三 各县数据"));
	assert_true(TC("Table 4. Output by city"));
	assert_false(TC("表1显示，全市学位充足"));
	assert_false(TC("表1 所列各项指标均已完成。"));
	assert_false(TC("表彰大会召开"));
	assert_false(TC("表"));
	assert_false(TC("表1 这是一段很长很长的文字，远远超过了一个表格标题应有的长度，"
	                "它其实是正文里的一段话，不应被当作表格的标题来处理，否则会丢"));
#undef TC
	assert_int_equal(recog_caption_credit(cap, strlen(cap)),
	                 strlen("图为工人在检修风机。 "));
	/* (the rules take a credit over two lines as one first) */
	assert_int_equal(recog_caption_credit("新华社发\n(庄歌尔/摄)",
	                                      strlen("新华社发\n(庄歌尔/摄)")),
	                 strlen("新华社发\n"));
	assert_true(recog_furniture("本版责任编辑：许晴", strlen("本版责任编辑：许晴")));
	assert_true(recog_furniture("— 2 —", strlen("— 2 —")));
	assert_true(recog_furniture("3", 1));
	assert_false(recog_furniture("2026", 4));
	assert_false(recog_furniture("责任编辑说，会议。", strlen("责任编辑说，会议。")));
	assert_true(recog_section_label("新 闻", strlen("新 闻")));
	assert_true(recog_section_label("要闻", strlen("要闻")));
	assert_false(recog_section_label("技术自主是关键", strlen("技术自主是关键")));
	assert_false(recog_section_label("闻", strlen("闻")));
	assert_true(recog_enumerated("一、 从跟跑到并跑", strlen("一、 从跟跑到并跑")));
	assert_true(recog_enumerated("（二）新的发现", strlen("（二）新的发现")));
	assert_true(recog_enumerated("1. 概述", strlen("1. 概述")));
	assert_false(recog_enumerated("2026年", strlen("2026年")));
	assert_false(recog_enumerated("一、", strlen("一、")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_seed_masthead),
	    cmocka_unit_test(test_seed_articles),
	    cmocka_unit_test(test_seed_items),
	    cmocka_unit_test(test_seed_contents),
	    cmocka_unit_test(test_seed_column_joins),
	    cmocka_unit_test(test_seed_ascii_punct),
	    cmocka_unit_test(test_seed_nothing_lost),
	    cmocka_unit_test(test_jump_lines),
	    cmocka_unit_test(test_bylines_credits),
	    cmocka_unit_test(test_short_news),
	    cmocka_unit_test(test_block_joins_normalised),
	    cmocka_unit_test(test_length_limits),
	    cmocka_unit_test(test_contents_forms),
	    cmocka_unit_test(test_markdown_inline),
	    cmocka_unit_test(test_flat_titles),
	    cmocka_unit_test(test_title_kinds),
	    cmocka_unit_test(test_html_blocks),
	    cmocka_unit_test(test_caption_cut),
	    cmocka_unit_test(test_boxes_and_furniture),
	    cmocka_unit_test(test_page_text_story),
	    cmocka_unit_test(test_recognisers),
	    cmocka_unit_test(test_masthead_variants),
	    cmocka_unit_test(test_issue_dir),
	    cmocka_unit_test(test_lazy_pages),
	    cmocka_unit_test(test_lazy_file),
	    cmocka_unit_test(test_lazy_dir_whole),
	    cmocka_unit_test(test_dir_job_progress),
	    cmocka_unit_test(test_table_caption),
	    cmocka_unit_test(test_failed_pages),
	    cmocka_unit_test(test_library_lazy),
	    cmocka_unit_test(test_library_newest_listed),
	    cmocka_unit_test(test_library_lazy_many),
	    cmocka_unit_test(test_issue_dir_errors),
	    cmocka_unit_test(test_library),
	    cmocka_unit_test(test_library_entries),
	    cmocka_unit_test(test_sample),
	    cmocka_unit_test(test_bad_paths),
	    cmocka_unit_test(test_empty_files),
	    cmocka_unit_test(test_size_zero_file),
	    cmocka_unit_test(test_invalid_utf8),
	    cmocka_unit_test(test_pathological),
	    cmocka_unit_test(test_fixtures),
	    cmocka_unit_test(test_never_writes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
