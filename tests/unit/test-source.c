/*
 * test-source.c: the sources (source-md.c, source-text.c) as converters
 * feed them: words hyphenated at a line end, page separators (marker's
 * {N}----, pymupdf4llm's "--- end of page=N ---", pdftotext's form
 * feeds), plain text in blank-line, line-per-line OCR and pdftotext
 * -layout habits, and how a file's source is chosen. Each input is a
 * small page of our own text in the converter's habits.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "issue.h"
#include "load.h"
#include "source.h"
#include "text.h"
#include "xmalloc.h"

static struct issue *
load_named(const char *name, const char *s)
{
	char *err = NULL;
	struct issue *is = load_buffer(name, s, strlen(s), LOAD_DEFAULTS, &err);

	if (is == NULL)
		fail_msg("load_buffer: %s", err);
	return is;
}

/* s + tag + t + "\n"; s is freed. */
static char *
cat(char *s, const char *tag, const char *t)
{
	char *r = xasprintf("%s%s%s\n", s, tag, t ? t : "");

	free(s);
	return r;
}

/* The first block of the first article (or first item) of page i. */
static const char *
first_text(const struct issue *is, size_t i)
{
	const struct page *pg = &is->pages[i];

	if (pg->narticles > 0 && page_article(pg, 0)->nblocks > 0)
		return page_article(pg, 0)->blocks[0].text;
	if (pg->nitems > 0)
		return pg->items[0].text;
	return "";
}

/* ---- nesting ------------------------------------------------------------ */

/* Lists and quotes opened on one line nest at most 32 deep: the 33rd
 * marker and the rest of the line are text (md4c's memory was some 70
 * bytes a level: 25 MB of "- " took 700 MB). */
static void
test_nesting_capped(void **state)
{
	static const char *const mark[] = {"- ", "> ", "1. ", "* ", "1) "};
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof mark / sizeof mark[0]; i++) {
		char *s = xstrdup("## 标题\n\n"), *want = xstrdup("");
		struct issue *is;

		for (k = 0; k < 40; k++) {
			s = cat(s, mark[i], NULL);
			s[strlen(s) - 1] = '\0';
		}
		for (k = 32; k < 40; k++) {
			char *w = xasprintf("%s%s", want, mark[i]);

			free(want);
			want = w;
		}
		s = cat(s, "项", NULL);
		want = cat(want, "项", NULL);
		want[strlen(want) - 1] = '\0';
		is = load_named("deep.md", s);
		assert_string_equal(first_text(is, 0), want);
		issue_free(is);
		free(s);
		free(want);
	}
}

/* ---- hyphens at a line end -------------------------------------------- */

static void
test_line_hyphen(void **state)
{
	(void)state;
#define H(a, b) text_line_hyphen(a, strlen(a), b, strlen(b))
	assert_int_equal(H("Inter-", "national"), TEXT_HYPHEN_DROP);
	assert_int_equal(H("the inter-", "national"), TEXT_HYPHEN_DROP);
	assert_int_equal(H("RISC-", "V"), TEXT_HYPHEN_KEEP);
	assert_int_equal(H("5G-", "A"), TEXT_HYPHEN_KEEP);
	assert_int_equal(H("COVID-", "19"), TEXT_HYPHEN_KEEP);
	assert_int_equal(H("state-of-the-", "art"), TEXT_HYPHEN_KEEP);
	assert_int_equal(H("e-", "mail"), TEXT_HYPHEN_KEEP);
	assert_int_equal(H("QC-", "860"), TEXT_HYPHEN_KEEP);
	assert_int_equal(H("word", "next"), TEXT_HYPHEN_NONE);
	assert_int_equal(H("a -", "b"), TEXT_HYPHEN_NONE);
	assert_int_equal(H("-", "b"), TEXT_HYPHEN_NONE);
	assert_int_equal(H("中-", "b"), TEXT_HYPHEN_NONE);
#undef H
}

static void
test_hyphen_join(void **state)
{
	struct issue *is;

	(void)state;
	is = load_named("p.md", "## 标题\n\n"
	                        "该公司获得了Inter-\nnational Design Award，"
	                        "基于RISC-\nV架构，支持5G-\nA网络与COVID-\n19"
	                        "检测，采用state-of-the-\nart工艺。\n");
	assert_string_equal(first_text(is, 0),
	                    "该公司获得了International Design Award，"
	                    "基于RISC-V架构，支持5G-A网络与COVID-19检测，"
	                    "采用state-of-the-art工艺。");
	issue_free(is);
	/* a hyphen inside a line is never touched */
	is = load_named("p.md", "## 标题\n\n见RISC-V与Inter-national。\n");
	assert_string_equal(first_text(is, 0), "见RISC-V与Inter-national。");
	issue_free(is);
}

/* ---- page separators -------------------------------------------------- */

/* The text of every block of page i, articles then items, one a line. */
static char *
page_text(const struct issue *is, size_t i)
{
	const struct page *pg = &is->pages[i];
	size_t a, b, n = 0;
	char *out = xstrdup("");

	(void)n;
	if (pg->title != NULL)
		out = cat(out, "T:", pg->title);
	for (a = 0; a < pg->narticles; a++) {
		const struct article *ar = page_article(pg, a);

		out = cat(out, "H:", ar->headline);
		for (b = 0; b < ar->nblocks; b++)
			out = cat(out, "P:", ar->blocks[b].text);
	}
	for (b = 0; b < pg->nitems; b++)
		out = cat(out, "I:", pg->items[b].text);
	return out;
}

static void
check_page(const struct issue *is, size_t i, int number, const char *want)
{
	char *got;

	assert_true(i < is->npages);
	assert_int_equal(is->pages[i].number, number);
	got = page_text(is, i);
	assert_string_equal(got, want);
	free(got);
}

static void
test_marker_pages(void **state)
{
	struct issue *is;

	(void)state;
	/* marker --paginate_output: "{N}" + 48 dashes before page index N */
	is = load_named(
	    "paper.md",
	    "\n\n{0}------------------------------------------------\n\n"
	    "# 山河科技报\n\n## 青川芯量产\n\n首批芯片下线。\n\n"
	    "{1}------------------------------------------------\n\n"
	    "# 第2版 要闻\n\n## 量子干线开通\n\n干线全长186公里。\n\n"
	    "{3}------------------------------------------------\n\n"
	    "## 宇宙线观测站\n\n在海拔4,200米守望。\n");
	assert_int_equal(is->npages, 3);
	assert_string_equal(is->title, "山河科技报");
	check_page(is, 0, 1, "H:青川芯量产\nP:首批芯片下线。\n");
	check_page(is, 1, 2,
	           "T:第2版 要闻\nH:量子干线开通\nP:干线全长186公里。\n");
	check_page(is, 2, 4, "H:宇宙线观测站\nP:在海拔4,200米守望。\n");
	issue_free(is);
	/* a separator is never text, not even glued to a paragraph */
	is = load_named("paper.md",
	                "## 甲\n\n正文一。\n"
	                "{1}------------------------------------------------\n"
	                "正文二。\n");
	assert_int_equal(is->npages, 2);
	check_page(is, 0, 1, "H:甲\nP:正文一。\n");
	check_page(is, 1, 2, "H:第02版\nP:正文二。\n");
	issue_free(is);
}

static void
test_pymupdf_pages(void **state)
{
	struct issue *is;

	(void)state;
	/* pymupdf4llm page_separators=True: after page number N (0-based) */
	is = load_named("paper.md", "## 青川芯量产\n\n首批芯片下线。\n\n"
	                            "--- end of page=0 ---\n\n"
	                            "## 量子干线开通\n\n干线全长186公里。\n\n"
	                            "--- end of page=1 ---\n\n");
	assert_int_equal(is->npages, 2);
	check_page(is, 0, 1, "H:青川芯量产\nP:首批芯片下线。\n");
	check_page(is, 1, 2, "H:量子干线开通\nP:干线全长186公里。\n");
	issue_free(is);
	/* a thematic break is Markdown: no text, no page break */
	is = load_named("paper.md", "## 甲\n\n正文一。\n\n-----\n\n正文二。\n");
	assert_int_equal(is->npages, 1);
	check_page(is, 0, 1, "H:甲\nP:正文一。\nP:正文二。\n");
	issue_free(is);
	/* look-alikes stay text */
	is =
	    load_named("paper.md", "## 甲\n\n--- end of page ---\n\n{a}----\n");
	assert_int_equal(is->npages, 1);
	check_page(is, 0, 1, "H:甲\nP:--- end of page ---\nP:{a}----\n");
	issue_free(is);
}

/* ---- plain text -------------------------------------------------------- */

static void
test_pdftotext_pages(void **state)
{
	struct issue *is;

	(void)state;
	/* pdftotext: paragraphs by blank lines, a form feed after each page */
	is = load_named("paper.txt",
	                "山河科技报\n\n"
	                "2026年11月27日 星期五 第47期 今日2版\n\n"
	                "青川芯量产\n\n"
	                "　　11月20日，首批芯片在青川高新区\n下线，意向采购量超"
	                "过120万颗。\n\n"
	                "　　据介绍，该芯片采用12纳米工艺。\n\f"
	                "第2版 要闻\n\n"
	                "量子干线开通\n\n"
	                "　　干线全长186公里，\n连接青川、临江两市。\n\f");
	assert_int_equal(is->npages, 2);
	assert_string_equal(is->title, "山河科技报");
	assert_non_null(is->publine);
	check_page(
	    is, 0, 1,
	    "H:青川芯量产\nP:11月20日，首批芯片在青川高新区下线，"
	    "意向采购量超过120万颗。\nP:据介绍，该芯片采用12纳米工艺。\n");
	check_page(is, 1, 2,
	           "T:第2版 要闻\nH:量子干线开通\nP:干线全长186公里，"
	           "连接青川、临江两市。\n");
	issue_free(is);
}

static void
test_ocr_lines(void **state)
{
	struct issue *is;

	(void)state;
	/* Umi-OCR / Tesseract: one line per text line, no blank lines */
	is = load_named("ocr.txt",
	                "　　11月20日，首批芯片在青川高新区下线，青川芯源\n"
	                "微电子有限公司自主设计的处理器正式进入量产阶段。\n"
	                "目前已收到37家整机企业的订单。\n"
	                "　　据介绍，该芯片采用12纳米工艺，集成8个自研处\n"
	                "理器核心和1个AI加速单元，主频最高2.0GHz，整体成\n"
	                "本下降12.5%。\n"
	                "“过去做工业控制芯片，指令集授权是绕不开的大山。”\n"
	                "林书恒说，选择开源指令集，意味着企业可以按需扩展。\n");
	check_page(is, 0, 1,
	           "H:第01版\n"
	           "P:11月20日，首批芯片在青川高新区下线，青川芯源微电子有限"
	           "公司自主设计的处理器正式进入量产阶段。目前已收到37家整机"
	           "企业的订单。\n"
	           "P:据介绍，该芯片采用12纳米工艺，集成8个自研处理器核心和1个"
	           "AI加速单元，主频最高2.0GHz，整体成本下降12.5%。\n"
	           "P:“过去做工业控制芯片，指令集授权是绕不开的大山。”林书恒"
	           "说，选择开源指令集，意味着企业可以按需扩展。\n");
	issue_free(is);
}

static void
test_layout_columns(void **state)
{
	struct issue *is;

	(void)state;
	/* pdftotext -layout: two columns side by side under a headline */
	is = load_named(
	    "layout.txt",
	    "山河科技报\n"
	    "\n"
	    "                 青川芯实现量产\n"
	    "\n"
	    "  首批芯片在青川高新区                    据介绍，该芯片采用\n"
	    "下线，意向采购量超过                    12纳米工艺，主频最高\n"
	    "120万颗。                        2.0GHz，整体成本下降\n"
	    "  公司已收到37家整机                  12.5%。\n"
	    "企业的订单。\n");
	assert_string_equal(is->title, "山河科技报");
	check_page(is, 0, 1,
	           "H:青川芯实现量产\n"
	           "P:首批芯片在青川高新区下线，意向采购量超过120万颗。\n"
	           "P:公司已收到37家整机企业的订单。\n"
	           "P:据介绍，该芯片采用12纳米工艺，主频最高2.0GHz，"
	           "整体成本下降12.5%。\n");
	issue_free(is);
}

static void
test_layout_spanning(void **state)
{
	struct issue *is;

	(void)state;
	/* a headline across both columns ends one stretch of columns */
	is = load_named(
	    "layout.txt",
	    "山河科技报\n"
	    "\n"
	    "甲文第一行甲文第一行                    乙文第一行乙文第一行\n"
	    "甲文完。                          乙文完。\n"
	    "甲文续行甲文续行                      乙文续行乙文续行\n"
	    "\n"
	    "        量子保密通信干线今日正式开通运行\n"
	    "\n"
	    "丙文第一行丙文第一行                    丁文第一行丁文第一行\n"
	    "丙文完。                          丁文完。\n");
	/* the text before the first headline is the page's own story */
	check_page(is, 0, 1,
	           "H:第01版\n"
	           "P:甲文第一行甲文第一行甲文完。\n"
	           "P:甲文续行甲文续行\n"
	           "P:乙文第一行乙文第一行乙文完。\n"
	           "P:乙文续行乙文续行\n"
	           "H:量子保密通信干线今日正式开通运行\n"
	           "P:丙文第一行丙文第一行丙文完。\n"
	           "P:丁文第一行丁文第一行丁文完。\n");
	issue_free(is);
}

/* An issue directory's file is one page: its separators are dropped. */
static void
test_dir_file_one_page(void **state)
{
	char dir[] = "/tmp/herald-src-XXXXXX", path[64];
	struct issue *is;
	char *err = NULL;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/01.md", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(
	    "## 甲\n\n正文一。\n\n--- end of page=0 ---\n\n## 乙\n\n正文二。\n",
	    f);
	fclose(f);
	snprintf(path, sizeof path, "%s/02.md", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{1}------------------------------------------------\n\n"
	      "## 丙\n\n正文三。\n",
	      f);
	fclose(f);
	is = load_issue(dir, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(is);
	assert_int_equal(issue_load_pages(is, &err), 0);
	assert_int_equal(is->npages, 2);
	check_page(is, 0, 1, "H:甲\nP:正文一。\nH:乙\nP:正文二。\n");
	check_page(is, 1, 2, "H:丙\nP:正文三。\n");
	issue_free(is);
	unlink(path);
	snprintf(path, sizeof path, "%s/01.md", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_text_choice(void **state)
{
	struct issue *is;

	(void)state;
	assert_true(source_is_text("a.txt", "正文。\n", 9));
	assert_false(source_is_text("a.txt", "# 标题\n\n正文。\n", 20));
	assert_false(source_is_text("a.md", "甲。\n\n乙。\n\n丙。\n", 24));
	assert_true(source_is_text("a.md", "甲。\n乙。\n丙。\n", 21));
	assert_false(source_is_text("a.md", "- 甲\n- 乙\n- 丙\n", 18));
	/* a .txt written in Markdown is read as Markdown */
	is = load_named("paper.txt", "## 青川芯量产\n\n**首批**芯片下线。\n");
	check_page(is, 0, 1, "H:青川芯量产\nP:首批芯片下线。\n");
	issue_free(is);
	/* hyphens at a line end join in plain text too */
	is = load_named("en.txt", "The Inter-\nnational RISC-\nV Summit.\n");
	check_page(is, 0, 1, "H:第01版\nP:The International RISC-V Summit.\n");
	issue_free(is);
}

/* Umi-OCR: a line per printed line, no blank lines: titles, bylines,
 * jumps, captions and credits are lines of their own. */
static void
test_ocr_dense(void **state)
{
	struct issue *is;

	(void)state;
	is = load_named("ocr.txt",
	                "2026年12月1日星期二 社区 5 责任编辑：梁雨\n"
	                "社区食堂开到家门口\n"
	                "本报记者 何川\n"
	                "　　东湖区民政局的数据显示，区里60岁以上\n"
	                "的老年人有１,２００多名独居，食堂开业后，社区\n"
	                "志愿者还会把饭菜送到老人家里。\n"
	                "“一碗汤”里的温度\n"
	                "　　社区党委书记宋岚介绍，食堂还请营养师为\n"
	                "有慢性病的老人定制了低盐低糖套餐。\n"
	                "　　下转第８版\n"
	                "图为志愿者为独居老人送餐上门。\n"
	                "本报记者 周明 摄\n"
	                "青岚“小巨人”企业增至68家\n"
	                "　　本报讯 记者日前从市工信局获悉，我市新增\n"
	                "国家级专精特新企业9家。（晓岚）\n");
	check_page(is, 0, 1,
	           "H:第01版\n"
	           "P:2026年12月1日星期二 社区 5 责任编辑：梁雨\n"
	           "H:社区食堂开到家门口\n"
	           "P:本报记者 何川\n"
	           "P:东湖区民政局的数据显示，区里60岁以上的老年人有１,２００多名"
	           "独居，食堂开业后，社区志愿者还会把饭菜送到老人家里。\n"
	           "P:“一碗汤”里的温度\n"
	           "P:社区党委书记宋岚介绍，食堂还请营养师为有慢性病的老人定制"
	           "了低盐低糖套餐。\n"
	           "P:下转第８版\n"
	           "P:图为志愿者为独居老人送餐上门。\n"
	           "P:本报记者 周明 摄\n"
	           "H:青岚“小巨人”企业增至68家\n"
	           "P:本报讯 记者日前从市工信局获悉，我市新增国家级专精特新企业"
	           "9家。（晓岚）\n");
	/* a subhead, the jump ends the story, the photo goes with it */
	assert_int_equal(page_article(&is->pages[0], 1)->blocks[2].kind,
	                 BLOCK_SUBHEAD);
	assert_int_equal(page_article(&is->pages[0], 1)->jump_to, 8);
	assert_int_equal(page_article(&is->pages[0], 1)->blocks[5].kind,
	                 BLOCK_CAPTION);
	assert_non_null(is->date);
	issue_free(is);
}

/* Tesseract's chi_sim: spaces between Chinese words go. */
static void
test_tesseract_spaces(void **state)
{
	struct issue *is;

	(void)state;
	is = load_named("tess.txt",
	                "2026 年 12 月 1 日 星期 二 文体 6 责任 编辑 : 梁 雨\n\n"
	                "青岚 马拉松 吸引 3.2 万 名 跑 者\n\n"
	                "本报 记者 苏 禾\n\n"
	                "11 月 30 日 , 2026 青岚 马拉松 鸣 枪 开 跑 , 来 自\n"
	                "28 个 国家 的 跑 者 参 赛 。 Inter national 选手 也 来 了 。\n");
	check_page(is, 0, 1,
	           "H:第01版\n"
	           "P:2026年12月1日星期二文体6责任编辑：梁雨\n"
	           "H:青岚马拉松吸引3.2万名跑者\n"
	           "P:本报记者苏禾\n"
	           "P:11月30日，2026青岚马拉松鸣枪开跑，来自28个国家的跑者参"
	           "赛。Inter national选手也来了。\n");
	issue_free(is);
	/* text spaced as English is, is left alone */
	is = load_named("en.txt", "青岚 马拉松 and the 5G-A network.\n");
	check_page(is, 0, 1,
	           "H:第01版\nP:青岚 马拉松 and the 5G-A network.\n");
	issue_free(is);
}

/* pdftotext -layout: a column's indented paragraphs stay in it; the
 * masthead at the top of the file is read as one. */
static void
test_layout_indent(void **state)
{
	struct issue *is;

	(void)state;
	is = load_named(
	    "layout.txt",
	    "青岚日报\n"
	    "QINGLAN DAILY\n"
	    "2026年12月1日 星期二 第318期\n"
	    "\n"
	    "甲文标题甲文标题               乙文标题乙文标题\n"
	    "\n"
	    "    甲文第一行甲文                本报讯 乙文第一行\n"
	    "甲文第二行甲文完。              乙文第二行乙文完。\n"
	    "    甲文再一段甲文                乙文再一段乙文再\n"
	    "甲文再一段完。                一段完。\n");
	assert_string_equal(is->title, "青岚日报");
	assert_string_equal(is->title_en, "QINGLAN DAILY");
	assert_non_null(is->publine);
	check_page(is, 0, 1,
	           "H:甲文标题甲文标题\n"
	           "P:甲文第一行甲文甲文第二行甲文完。\n"
	           "P:甲文再一段甲文甲文再一段完。\n"
	           "H:乙文标题乙文标题\n"
	           "P:本报讯 乙文第一行乙文第二行乙文完。\n"
	           "P:乙文再一段乙文再一段完。\n");
	issue_free(is);
}

/* pdftotext: a contents box's entries, one a line, their 版 dropped. */
static void
test_text_contents(void **state)
{
	struct issue *is;
	const struct page *p;

	(void)state;
	is = load_named("box.txt", "青岚港二期投运\n\n　　本报讯 码头投运。\n\n"
	                           "本期导读\n\n冬季供暖保障进行时 3\n"
	                           "社区食堂开到家门口 5\n青岚文脉：老城墙下的书院 7\n");
	p = &is->pages[0];
	assert_string_equal(p->contents_title, "本期导读");
	assert_int_equal(p->ncontents, 3);
	assert_string_equal(p->contents[0].title, "冬季供暖保障进行时");
	assert_int_equal(p->contents[0].page, 3);
	assert_string_equal(p->contents[0].page_label, "3版");
	assert_int_equal(p->contents[2].page, 7);
	issue_free(is);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_hyphen),
	    cmocka_unit_test(test_hyphen_join),
	    cmocka_unit_test(test_marker_pages),
	    cmocka_unit_test(test_pymupdf_pages),
	    cmocka_unit_test(test_pdftotext_pages),
	    cmocka_unit_test(test_ocr_lines),
	    cmocka_unit_test(test_layout_columns),
	    cmocka_unit_test(test_layout_spanning),
	    cmocka_unit_test(test_dir_file_one_page),
	    cmocka_unit_test(test_text_choice),
	    cmocka_unit_test(test_ocr_dense),
	    cmocka_unit_test(test_tesseract_spaces),
	    cmocka_unit_test(test_layout_indent),
	    cmocka_unit_test(test_text_contents),
	    cmocka_unit_test(test_nesting_capped),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
