/*
 * test-resolve.c: jumps and contents links, end to end. The jump
 * recognisers in every spelling and position (recog.c), the rules that
 * put a jump into its article (assemble.c), matching a jump to its
 * continuation and a contents entry to its story by headline (resolve.c),
 * and what --list says about where each one resolved (dump.c).
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "dump.h"
#include "issue.h"
#include "load.h"
#include "recog.h"
#include "resolve.h"
#include "xmalloc.h"

/* ---- helpers ---- */

static struct issue *
load_str(const char *s)
{
	char *err = NULL;
	struct issue *is =
	    load_buffer("test.md", s, strlen(s), LOAD_DEFAULTS, &err);

	if (is == NULL)
		fail_msg("load_buffer: %s", err);
	return is;
}

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

/* An issue directory from NULL-terminated name, text pairs. */
static struct issue *
load_pages(const char *first, ...)
{
	const char *t = getenv("TMPDIR");
	char *d = xasprintf("%s/herald-resolve-XXXXXX", t && *t ? t : "/tmp");
	char *err = NULL, *p;
	const char *name, *text;
	struct issue *is;
	FILE *f;
	va_list ap;

	assert_non_null(mkdtemp(d));
	va_start(ap, first);
	for (name = first; name != NULL; name = va_arg(ap, const char *)) {
		text = va_arg(ap, const char *);
		p = xasprintf("%s/%s", d, name);
		f = fopen(p, "wb");
		assert_non_null(f);
		fputs(text, f);
		assert_int_equal(fclose(f), 0);
		free(p);
	}
	va_end(ap);
	is = load_issue(d, LOAD_DEFAULTS, &err);
	if (is == NULL)
		fail_msg("load_issue: %s", err);
	nftw(d, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(d);
	return is;
}

static size_t
count_kind(const struct article *a, enum block_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < a->nblocks; i++)
		n += a->blocks[i].kind == k;
	return n;
}

/* The issue's --list. Caller frees. */
static char *
list_of(const struct issue *is)
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_non_null(f);
	assert_int_equal(dump_list(f, is), 0);
	assert_int_equal(fclose(f), 0);
	return s;
}

#define ASSERT_HAS(hay, needle)                                                \
	do {                                                                   \
		if (strstr((hay), (needle)) == NULL)                           \
			fail_msg("missing \"%s\" in:\n%s", (needle), (hay));   \
	} while (0)

/* ---- recognisers ---- */

static void
test_jump_spellings(void **state)
{
	static const struct {
		const char *s;
		int page, dir;
		enum recog_jump_unit unit;
	} yes[] = {
	    {"下转第2版", 2, 1, RECOG_JUMP_BAN},
	    {"（下转2版）", 2, 1, RECOG_JUMP_BAN},
	    {"(转2版)", 2, 1, RECOG_JUMP_BAN},
	    {"（转５版）", 5, 1, RECOG_JUMP_BAN},
	    {"上接第1版", 1, -1, RECOG_JUMP_BAN},
	    {"（上接1版）", 1, -1, RECOG_JUMP_BAN},
	    {"(紧接1版)", 1, -1, RECOG_JUMP_BAN},
	    {"紧接第１２版", 12, -1, RECOG_JUMP_BAN},
	    {"接上版", RECOG_PREV_PAGE, -1, RECOG_JUMP_BAN},
	    {"（接上版）", RECOG_PREV_PAGE, -1, RECOG_JUMP_BAN},
	    {"转下版", RECOG_NEXT_PAGE, 1, RECOG_JUMP_BAN},
	    {"下转第2版。", 2, 1, RECOG_JUMP_BAN},
	    {"接第3版", 3, -1, RECOG_JUMP_BAN},
	    {"▼下转第2版", 2, 1, RECOG_JUMP_BAN},
	    {"▲▲上接第１版", 1, -1, RECOG_JUMP_BAN},
	    {"▼▼（下转第２版）", 2, 1, RECOG_JUMP_BAN},
	    {"（上接第一版）", 1, -1, RECOG_JUMP_BAN},
	    {"(下转第三版)", 3, 1, RECOG_JUMP_BAN},
	    {"下转第16页", 16, 1, RECOG_JUMP_YE},
	    {"（上接第15页）", 15, -1, RECOG_JUMP_YE},
	};
	static const char *const no[] = {
	    "接上版的内容很多", "他转第2版的内容给我看了", "下转第版", "转上版",
	    "接下版",
	};
	size_t i;
	int page, dir;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		page = dir = 0;
		if (recog_jump_any(yes[i].s, strlen(yes[i].s), &page, &dir) !=
		    yes[i].unit)
			fail_msg("not recognised: %s", yes[i].s);
		assert_int_equal(page, yes[i].page);
		assert_int_equal(dir, yes[i].dir);
		assert_int_equal(
		    recog_jump(yes[i].s, strlen(yes[i].s), &page, &dir),
		    yes[i].unit == RECOG_JUMP_BAN);
	}
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (recog_jump_any(no[i], strlen(no[i]), &page, &dir) !=
		    RECOG_JUMP_NONE)
			fail_msg("taken for a jump: %s", no[i]);
}

static void
test_jump_lead_tail(void **state)
{
	static const struct {
		const char *s;
		const char *jump;
		int page, dir;
	} lead[] = {
	    {"（上接第1版）本报讯 记者获悉。", "（上接第1版）", 1, -1},
	    {"(上接1版)本报讯 记者获悉。", "(上接1版)", 1, -1},
	    {"▲上接第1版 本报讯 记者获悉。", "▲上接第1版", 1, -1},
	    {"（接上版）记者获悉。", "（接上版）", RECOG_PREV_PAGE, -1},
	};
	static const struct {
		const char *s;
		const char *jump;
		int page, dir;
	} tail[] = {
	    {"能够加速技术商业化进程。(下转第2版)", "(下转第2版)", 2, 1},
	    {"能够加速技术商业化进程。下转第2版", "下转第2版", 2, 1},
	    {"能够加速技术商业化进程。（转５版）", "（转５版）", 5, 1},
	    {"能够加速技术商业化进程 ▼▼下转第2版。", "▼▼下转第2版。", 2, 1},
	    /* what may follow 转 and 接: each start of a page */
	    {"转型升级，直接带动。（转 第3版）", "（转 第3版）", 3, 1},
	    {"转型升级，直接带动。（转A3版）", "（转A3版）", 3, 1},
	    {"转型升级，直接带动。（转三版）", "（转三版）", 3, 1},
	    {"转型升级，直接带动。（转十二版）", "（转十二版）", 12, 1},
	    {"转型升级，直接带动。（转两版）", "（转两版）", 2, 1},
	    {"转型升级，直接带动。（转〇七版）", "（转〇七版）", 7, 1},
	    {"转型升级，直接带动。（紧接1版）", "（紧接1版）", 1, -1},
	    {"转型升级，直接带动。（转下版）", "（转下版）", RECOG_NEXT_PAGE, 1},
	    {"转型升级，直接带动。（转+2版）", "（转+2版）", 2, 1},
	    {"转型升级，直接带动。（转−2版）", "（转−2版）", 0, 1},
	    {"转型升级，直接带动。转 ２版", "转 ２版", 2, 1},
	};
	enum recog_jump_unit unit;
	size_t i, k, len;
	int page, dir;

	(void)state;
	for (i = 0; i < sizeof lead / sizeof lead[0]; i++) {
		page = dir = 0;
		k = recog_jump_lead(lead[i].s, strlen(lead[i].s), &page, &dir,
		                    &unit);
		if (k != strlen(lead[i].jump))
			fail_msg("lead of %s: %zu bytes", lead[i].s, k);
		assert_int_equal(page, lead[i].page);
		assert_int_equal(dir, lead[i].dir);
	}
	for (i = 0; i < sizeof tail / sizeof tail[0]; i++) {
		len = strlen(tail[i].s);
		page = dir = 0;
		k = recog_jump_tail(tail[i].s, len, &page, &dir, &unit);
		if (k == len)
			fail_msg("no tail jump in %s", tail[i].s);
		assert_string_equal(tail[i].s + k, tail[i].jump);
		assert_int_equal(page, tail[i].page);
		assert_int_equal(dir, tail[i].dir);
	}
	/* text, not jumps */
	assert_int_equal(recog_jump_lead("上接第1版", 13, &page, &dir, &unit),
	                 0);
	assert_int_equal(
	    recog_jump_lead("他转第2版的内容给我看了", 33, &page, &dir, &unit),
	    0);
	len = strlen("他说要转第2版");
	assert_int_equal(
	    recog_jump_tail("他说要转第2版", len, &page, &dir, &unit), len);
}

/*
 * A jump at every offset of the window may_hold_jump passes over eight
 * bytes at a time: after 0..20 bytes of prose (ASCII, or Chinese whose
 * bytes hold 转's and 接's lead and last bytes elsewhere: 较, 搞), and
 * "Continued" in either case. The prose ends with a space, where a jump
 * may start.
 */
static void
test_jump_window(void **state)
{
	static const char *const fill[] = {"a", "较", "搞", "c", "1"};
	static const struct {
		const char *jump;
		int page, dir;
	} j[] = {
	    {"（下转第2版）", 2, 1},
	    {"（上接第3版）", 3, -1},
	    {"Continued on page 4", 4, 1},
	    {"continued from page 5", 5, -1},
	};
	enum recog_jump_unit unit;
	size_t f, i, k, len;
	int n, page, dir;

	(void)state;
	for (f = 0; f < sizeof fill / sizeof fill[0]; f++)
		for (i = 0; i < sizeof j / sizeof j[0]; i++)
			for (n = 0; n <= 20; n++) {
				char s[256] = "";
				int m;

				for (m = 0; m < n; m++)
					strcat(s, fill[f]);
				strcat(s, " ");
				strcat(s, j[i].jump);
				len = strlen(s);
				page = dir = 0;
				k = recog_jump_tail(s, len, &page, &dir, &unit);
				if (k == len || strcmp(s + k, j[i].jump) != 0)
					fail_msg("no jump ending \"%s\"", s);
				assert_int_equal(page, j[i].page);
				assert_int_equal(dir, j[i].dir);
			}
}

/* ---- the rules: every spelling in every position ---- */

static void
test_jump_positions(void **state)
{
	static const char *const own[] = {
	    "下转第2版",   "（下转2版）", "(转2版)",       "（转５版）",
	    "下转第2版。", "▼下转第2版",  "▼▼ 下转第２版",
	};
	static const char *const from[] = {
	    "上接第1版", "（上接1版）", "(紧接1版)", "接第1版", "▲▲上接第１版",
	};
	struct issue *is;
	struct article *a;
	char *md;
	size_t i;

	(void)state;
	/* as their own paragraph */
	for (i = 0; i < sizeof own / sizeof own[0]; i++) {
		md = xasprintf("## 标题\n\n正文。\n\n%s\n", own[i]);
		is = load_str(md);
		a = page_article(&is->pages[0], 0);
		if (count_kind(a, BLOCK_JUMP) != 1)
			fail_msg("no jump block: %s", own[i]);
		assert_true(a->jump_to == 2 || a->jump_to == 5);
		issue_free(is);
		free(md);
	}
	for (i = 0; i < sizeof from / sizeof from[0]; i++) {
		md = xasprintf("## 标题\n\n%s\n\n正文。\n", from[i]);
		is = load_str(md);
		a = page_article(&is->pages[0], 0);
		if (count_kind(a, BLOCK_JUMP) != 1)
			fail_msg("no jump block: %s", from[i]);
		assert_int_equal(a->jump_from, 1);
		issue_free(is);
		free(md);
	}
	/* at the end of a paragraph, with or without brackets */
	is = load_str("## 标题\n\n能够加速技术商业化进程。下转第2版\n");
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->nblocks, 2);
	assert_string_equal(a->blocks[0].text, "能够加速技术商业化进程。");
	assert_string_equal(a->blocks[1].text, "下转第2版");
	assert_int_equal(a->jump_to, 2);
	issue_free(is);
	is = load_str("## 标题\n\n能够加速技术商业化进程。（转５版）\n");
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->jump_to, 5);
	assert_string_equal(a->blocks[a->nblocks - 1].text, "（转５版）");
	issue_free(is);
	/* at the start: the jump is a block, the rest stays a paragraph */
	is = load_str(
	    "## 标题\n\n（上接第1版）本报讯 记者从省通信管理局获悉。\n");
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->nblocks, 2);
	assert_int_equal(a->blocks[0].kind, BLOCK_JUMP);
	assert_string_equal(a->blocks[0].text, "（上接第1版）");
	assert_int_equal(a->blocks[1].kind, BLOCK_PARAGRAPH);
	assert_string_equal(a->blocks[1].text,
	                    "本报讯 记者从省通信管理局获悉。");
	assert_int_equal(a->jump_from, 1);
	assert_true(a->short_news);
	issue_free(is);
}

static void
test_jump_previous_page(void **state)
{
	struct issue *is;
	struct article *a;

	(void)state;
	is = load_pages("02.md", "## 甲\n\n正文。\n\n转下版\n", "03.md",
	                "## 乙\n\n接上版\n\n正文。\n", NULL);
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->jump_to, 3);
	a = page_article(&is->pages[1], 0);
	assert_int_equal(a->jump_from, 2);
	assert_ptr_equal(
	    resolve_continuation(is, page_article(&is->pages[0], 0)),
	    a);
	issue_free(is);
}

/* 下转第16页 is a jump in a journal that has page 16, else text. */
static void
test_jump_journal_pages(void **state)
{
	struct issue *is;
	struct article *a;

	(void)state;
	is = load_str("## 标题\n\n正文。\n\n下转第16页\n\n后文。\n");
	a = page_article(&is->pages[0], 0);
	assert_int_equal(count_kind(a, BLOCK_JUMP), 0);
	assert_int_equal(a->jump_to, 0);
	issue_free(is);
	is = load_pages("15.md", "## 论文标题\n\n正文。\n\n下转第16页\n",
	                "16.md", "## 论文标题\n\n（上接第15页）\n\n续文。\n",
	                NULL);
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->jump_to, 16);
	assert_int_equal(page_article(&is->pages[1], 0)->jump_from, 15);
	assert_ptr_equal(resolve_continuation(is, a),
	                 page_article(&is->pages[1], 0));
	issue_free(is);
}

/* "## (上接第1版）": never a headline; the story's mark before or after. */
static void
test_jump_heading(void **state)
{
	struct issue *is;
	struct page *p;

	(void)state;
	/* after its headline */
	is = load_str("## 青川芯实现量产\n\n## （上接第1版）\n\n续文。\n");
	p = &is->pages[0];
	assert_int_equal(p->narticles, 1);
	assert_string_equal(page_article(p, 0)->headline, "青川芯实现量产");
	assert_int_equal(page_article(p, 0)->jump_from, 1);
	assert_int_equal(page_article(p, 0)->blocks[0].kind, BLOCK_JUMP);
	issue_free(is);
	/* before its headline: the story above has its text already */
	is = load_str("## 地热供暖\n\n正文。\n\n## (上接第1版）\n\n"
	              "## 青川芯实现量产\n\n续文。\n");
	p = &is->pages[0];
	assert_int_equal(p->narticles, 2);
	assert_int_equal(page_article(p, 0)->jump_from, 0);
	assert_int_equal(count_kind(page_article(p, 0), BLOCK_JUMP), 0);
	assert_string_equal(page_article(p, 1)->headline, "青川芯实现量产");
	assert_int_equal(page_article(p, 1)->jump_from, 1);
	assert_int_equal(page_article(p, 1)->blocks[0].kind, BLOCK_JUMP);
	issue_free(is);
	/* MinerU sets the mark as a title line with Chinese numerals */
	is = load_str("## 青川芯实现量产\n\n# （上接第一版）\n\n续文。\n");
	p = &is->pages[0];
	assert_int_equal(p->narticles, 1);
	assert_int_equal(page_article(p, 0)->jump_from, 1);
	issue_free(is);
	/* a 下转 heading ends its story */
	is = load_str("## 甲\n\n正文。\n\n### 下转第2版\n\n图为会场。\n");
	p = &is->pages[0];
	assert_int_equal(p->narticles, 1);
	assert_int_equal(page_article(p, 0)->jump_to, 2);
	issue_free(is);
	/* no headline next to it: the continuation takes the headline of
	 * the story it continues */
	is = load_pages(
	    "01.md", "## “青川芯”处理器实现量产\n\n正文。\n\n下转第2版\n",
	    "02.md", "## 地热供暖\n\n正文。\n\n## （上接第1版）\n\n续文。\n",
	    NULL);
	p = &is->pages[1];
	assert_int_equal(p->narticles, 2);
	assert_string_equal(page_article(p, 1)->headline,
	                    "“青川芯”处理器实现量产");
	assert_int_equal(page_article(p, 1)->jump_from, 1);
	assert_ptr_equal(
	    resolve_continuation(is, page_article(&is->pages[0], 0)),
	    page_article(p, 1));
	issue_free(is);
}

/* ---- continuations ---- */

static void
test_headline_score(void **state)
{
	(void)state;
	assert_int_equal(
	    resolve_headline_score("竞逐太空计算赛道，中国抢先“落子”",
	                           "竞逐太空计算赛道,中国抢先\"落子\""),
	    100);
	assert_int_equal(
	    resolve_headline_score("在海拔4,200米守望宇宙线", "守望宇宙线"),
	    90);
	assert_true(
	    resolve_headline_score(
	        "青川芯实现量产",
	        "“青川芯”RISC-V处理器实现量产 国产开源芯片迈入规模应用") >= 60);
	assert_true(resolve_headline_score("地热供暖走进千家万户",
	                                   "青川芯实现量产") == 0);
	assert_int_equal(resolve_headline_score("", "青川芯"), 0);
}

#define PAGE1                                                                                        \
	"## “青川芯”RISC-V处理器实现量产 国产开源芯片迈入规模应用\n\n"     \
	"正文。\n\n▼▼ 下转第2版\n\n"                                                      \
	"## 地热供暖走进千家万户 临江市清洁取暖覆盖率超九成\n\n正文。\n\n" \
	"(下转第2版)\n"

/* Two stories from page 1 continue on page 2, the shortened headline
 * decides which is which, whatever their order. */
static void
test_continuation_by_headline(void **state)
{
	struct issue *is;
	struct article *a1, *a2;
	char *l;

	(void)state;
	is = load_pages("01.md", PAGE1, "02.md",
	                "## 地热供暖走进千家万户\n\n▲▲ 上接第1版\n\n续一。\n\n"
	                "## 青川芯实现量产\n\n▲▲ 上接第1版\n\n续二。\n",
	                NULL);
	a1 = page_article(&is->pages[0], 0);
	a2 = page_article(&is->pages[0], 1);
	assert_ptr_equal(resolve_continuation(is, a1),
	                 page_article(&is->pages[1], 1));
	assert_ptr_equal(resolve_continuation(is, a2),
	                 page_article(&is->pages[1], 0));
	assert_ptr_equal(
	    resolve_continued_from(is, page_article(&is->pages[1], 1)),
	    a1);
	assert_ptr_equal(
	    resolve_continued_from(is, page_article(&is->pages[1], 0)),
	    a2);
	l = list_of(is);
	ASSERT_HAS(l, "       → 02版: 青川芯实现量产 (02-2)\n");
	ASSERT_HAS(l, "       ← 01版: “青川芯”RISC-V处理器实现量产 国产开源芯片"
	              "迈入规模应用 (01-1)\n");
	free(l);
	issue_free(is);
	/* no 上接 line over the continuation: the headline alone */
	is = load_pages(
	    "01.md", PAGE1, "02.md",
	    "## 别的新闻\n\n正文。\n\n## 青川芯实现量产\n\n续二。\n", NULL);
	assert_ptr_equal(
	    resolve_continuation(is, page_article(&is->pages[0], 0)),
	    page_article(&is->pages[1], 1));
	/* nothing there matches: --list says so */
	l = list_of(is);
	ASSERT_HAS(l, "       → 02版: no continued story found\n");
	free(l);
	issue_free(is);
	/* a story that says it comes from elsewhere is not taken */
	is = load_pages("01.md", PAGE1, "02.md",
	                "## 青川芯实现量产\n\n上接第5版\n\n续二。\n", NULL);
	assert_null(resolve_continuation(is, page_article(&is->pages[0], 0)));
	issue_free(is);
}

/*
 * A page of 200 stories each continued on the next page, whose 200 say
 * so: each finds its own. The story's match key is made once, not once
 * for each story looked at, and the look stops at the same headline
 * (the most alike there is): about 20,000 keys made, not 80,000.
 */
static void
test_continuation_keys(void **state)
{
	struct buf p1 = {0}, p2 = {0};
	struct issue *is;
	unsigned long before;
	size_t i;
	char *l;

	(void)state;
	for (i = 0; i < 200; i++) {
		buf_printf(&p1, "## 港口第%zu篇报道\n\n正文。\n\n"
		                "▼▼ 下转第2版\n\n", i);
		buf_printf(&p2, "## 港口第%zu篇报道\n\n▲▲ 上接第1版\n\n"
		                "续。\n\n", i);
	}
	is = load_pages("01.md", p1.s, "02.md", p2.s, NULL);
	assert_int_equal(is->pages[0].narticles, 200);
	assert_int_equal(is->pages[1].narticles, 200);
	before = resolve_keys_made();
	for (i = 0; i < 200; i++)
		assert_ptr_equal(
		    resolve_continuation(is, page_article(&is->pages[0], i)),
		    page_article(&is->pages[1], i));
	print_message("# 200 jumps: %lu keys made\n",
	              resolve_keys_made() - before);
	assert_true(resolve_keys_made() - before <= 200 * (100 + 3));
	/* --list resolves every jump, each way, the keys of the page they
	 * go to made once: each story's own and its page's for the other,
	 * 800 (40,600 before) */
	before = resolve_keys_made();
	l = list_of(is);
	print_message("# --list of 200 jumps: %lu keys made\n",
	              resolve_keys_made() - before);
	assert_true(resolve_keys_made() - before <= 4 * 200);
	for (i = 0; i < 200; i++) {
		char want[64];

		snprintf(want, sizeof want, "→ 02版: 港口第%zu篇报道 (02-%zu)\n",
		         i, i + 1);
		ASSERT_HAS(l, want);
	}
	free(l);
	issue_free(is);
	buf_free(&p1);
	buf_free(&p2);
}

/* ---- contents by headline ---- */

static void
test_contents_by_headline(void **state)
{
	struct issue *is;
	struct page *p;
	char *l;

	(void)state;
	is = load_pages("01.md",
	                "## 头条\n\n正文。\n\n### 本期导读\n\n"
	                "- 量子保密通信干线开通 03版\n"
	                "- 全省建成5G-A基站3,000个\n"
	                "- 没有这篇新闻报道 02版\n"
	                "- 不在本期的文章 09版\n",
	                "02.md", "## 别的新闻\n\n正文。\n", "03.md",
	                "## 另一篇\n\n正文。\n", "04.md",
	                "## 青川—临江量子保密通信干线开通\n\n正文。\n\n"
	                "## 全省建成5G-A基站3,000个\n\n正文。\n",
	                NULL);
	p = &is->pages[0];
	assert_int_equal(p->ncontents, 4);
	/* wrong page: found on page 4 by its headline */
	assert_ptr_equal(p->contents[0].target, page_article(&is->pages[3], 0));
	assert_int_equal(p->contents[0].page, 3);
	/* no page at all */
	assert_ptr_equal(p->contents[1].target, page_article(&is->pages[3], 1));
	assert_null(p->contents[2].target);
	assert_null(p->contents[3].target);
	l = list_of(is);
	ASSERT_HAS(l, "    - 量子保密通信干线开通 03版 → 04-1 (the story is on "
	              "04版)\n");
	ASSERT_HAS(l,
	           "    - 全省建成5G-A基站3,000个 → 04-2 (no page given; the "
	           "story is on 04版)\n");
	ASSERT_HAS(l, "    - 没有这篇新闻报道 02版 → 02版 (no headline there "
	              "matches)\n");
	ASSERT_HAS(l, "    - 不在本期的文章 09版 → not in this issue\n");
	free(l);
	issue_free(is);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_jump_spellings),
	    cmocka_unit_test(test_jump_lead_tail),
	    cmocka_unit_test(test_jump_window),
	    cmocka_unit_test(test_jump_positions),
	    cmocka_unit_test(test_jump_previous_page),
	    cmocka_unit_test(test_jump_journal_pages),
	    cmocka_unit_test(test_jump_heading),
	    cmocka_unit_test(test_headline_score),
	    cmocka_unit_test(test_continuation_by_headline),
	    cmocka_unit_test(test_continuation_keys),
	    cmocka_unit_test(test_contents_by_headline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
