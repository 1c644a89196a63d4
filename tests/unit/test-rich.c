/*
 * test-rich.c: the rich blocks of converter output (issue 13): LaTeX math
 * (latex.c, and how source-md.c hands $…$ and $$…$$ to it) and figures
 * with their captions paired in each converter's form. Each input is our
 * own text in the converters' habits.
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

#include "buf.h"
#include "issue.h"
#include "latex.h"
#include "load.h"
#include "record-block.h"
#include "source.h"
#include "table.h"
#include "typeset.h"
#include "width.h"
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

/* The text of the math s; *ok: whether it was turned into text. */
static char *
math(const char *s, bool *ok)
{
	struct buf b = {0};

	*ok = latex_to_text(s, strlen(s), &b);
	return buf_take(&b, NULL);
}

#define MATH(in, want, conv)                                                   \
	do {                                                                   \
		bool ok_;                                                      \
		char *t_ = math(in, &ok_);                                     \
		assert_string_equal(t_, want);                                 \
		assert_int_equal(ok_, conv);                                   \
		free(t_);                                                      \
	} while (0)

/* ---- latex.c ------------------------------------------------------------- */

static void
test_latex_units(void **state)
{
	(void)state;
	MATH("90 \\%", "90%", true);
	MATH("1 ~ 6 5 0 \\mathrm { V }", "1～650V", true);
	MATH("3 \\times 4", "3×4", true);
	MATH("\\mathrm { m } ^ { 2 }", "m²", true);
	MATH("\\mathrm{CO}_{2}", "CO₂", true);
	MATH("\\alpha", "α", true);
	MATH("2 5 ^ { \\circ } \\mathrm { C }", "25°C", true);
	MATH("1 0 ^ { - 3 }", "10⁻³", true);
	MATH("5 \\sim 8", "5～8", true);
	MATH("\\pm 0 . 5", "±0.5", true);
	MATH("\\Omega", "Ω", true);
	MATH("1 2 \\%", "12%", true);
	MATH("\\mathrm { k W \\cdot h }", "kW·h", true);
}

static void
test_latex_verbatim(void **state)
{
	(void)state;
	/* what it cannot say as text stays as written, spaces gone */
	MATH("\\frac { 1 } { 2 }", "\\frac{1}{2}", false);
	MATH("\\sqrt { x }", "\\sqrt{x}", false);
	/* a space between letters is a no-break space */
	MATH("\\int x d x",
	     "\\int\xc2\xa0"
	     "x\xc2\xa0"
	     "d\xc2\xa0"
	     "x",
	     false);
	/* a superscript Unicode lacks: the whole math verbatim */
	MATH("x ^ { y } + 1", "x^{y}+1", false);
	/* broken groups */
	MATH("\\mathrm { V", "\\mathrm{V", false);
	MATH("a } b", "a}b", false);
	MATH("", "", false);
	MATH("\\", "\\", false);
	MATH("x_", "x_", false);
}

static void
test_latex_deep(void **state)
{
	struct buf in = {0}, out = {0};
	int i;

	(void)state;
	for (i = 0; i < 100000; i++)
		buf_addc(&in, '{');
	buf_addc(&in, '1');
	for (i = 0; i < 100000; i++)
		buf_addc(&in, '}');
	assert_false(latex_to_text(in.s, in.len, &out));
	assert_int_equal(out.len, in.len);
	buf_free(&in);
	buf_free(&out);
}

/* ---- math in Markdown ------------------------------------------------- */

static void
test_md_inline_math(void **state)
{
	struct issue *is;
	const struct article *a;

	(void)state;
	is = load_named("m.md", "# 青岚日报\n\n## 电站扩容\n\n"
	                        "效率达到 $90 \\%$ 以上，电压 "
	                        "$1 ~ 6 5 0 \\mathrm { V }$ 之间，"
	                        "分数 $\\frac { 1 } { 2 }$ 为止。\n");
	assert_int_equal(is->pages[0].narticles, 1);
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->nblocks, 1);
	assert_string_equal(a->blocks[0].text,
	                    "效率达到90%以上，电压1～650V之间，"
	                    "分数\\frac{1}{2}为止。");
	issue_free(is);
}

static void
test_md_display_math(void **state)
{
	struct issue *is;
	const struct article *a;
	struct typeset_opts o = {40, 4, 1, KINSOKU_BASIC, false, false};
	struct ts_doc d;
	size_t i;
	bool seen = false;

	(void)state;
	is = load_named("m.md",
	                "# 青岚日报\n\n## 电站扩容\n\n"
	                "公式如下\n$$\nE = m c ^ { 2 }\n$$\n之后正文。\n");
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->nblocks, 3);
	assert_int_equal(a->blocks[0].kind, BLOCK_PARAGRAPH);
	assert_string_equal(a->blocks[0].text, "公式如下");
	assert_int_equal(a->blocks[1].kind, BLOCK_MATH);
	assert_string_equal(a->blocks[1].text, "E=mc²");
	assert_int_equal(a->blocks[1].line, 7);
	assert_int_equal(a->blocks[2].kind, BLOCK_PARAGRAPH);
	assert_string_equal(a->blocks[2].text, "之后正文。");
	/* set centred on a line of its own */
	typeset_init(&d, &o);
	typeset_article(&d, a);
	for (i = 0; i < d.n; i++)
		if (d.lines[i].block == &a->blocks[1]) {
			assert_int_equal(d.lines[i].width, 5);
			assert_int_equal(d.lines[i].col, (40 - 5) / 2);
			seen = true;
		}
	assert_true(seen);
	typeset_free(&d);
	issue_free(is);
}

/* ---- figures --------------------------------------------------------------
 */

/* The only figure of the page's stories; fails if there is not one. */
static const struct block *
the_figure(const struct issue *is)
{
	const struct block *f = NULL;
	const struct article *a;
	size_t p, i, j;

	for (p = 0; p < is->npages; p++)
		for (i = 0; i < is->pages[p].narticles; i++) {
			a = page_article(&is->pages[p], i);
			for (j = 0; j < a->nblocks; j++)
				if (a->blocks[j].kind == BLOCK_FIGURE) {
					assert_null(f);
					f = &a->blocks[j];
				}
		}
	assert_non_null(f);
	assert_non_null(f->fig);
	return f;
}

/* No caption or credit block is left beside a paired figure. */
static void
assert_no_captions(const struct issue *is)
{
	const struct article *a;
	size_t p, i, j;

	for (p = 0; p < is->npages; p++)
		for (i = 0; i < is->pages[p].narticles; i++) {
			a = page_article(&is->pages[p], i);
			for (j = 0; j < a->nblocks; j++) {
				enum block_kind k = a->blocks[j].kind;

				assert_int_not_equal(k, BLOCK_CAPTION);
				assert_int_not_equal(k, BLOCK_CREDIT);
			}
		}
}

#define STORY                                                                  \
	"# 青岚日报\n\n## 码头投运\n\n本报讯 "                      \
	"二期码头昨日投运，首艘货轮靠泊。\n\n"

static void
test_figure_mineru(void **state)
{
	struct issue *is;
	const struct block *f;

	(void)state;
	/* image, caption and credit joined by hard breaks */
	is = load_named("p.md", STORY "![](images/a1b2.jpg)  \n"
	                              "图为工人检修岸桥吊具。  \n"
	                              "本报记者 周明 摄\n\n"
	                              "码头采用国产工控系统。\n");
	f = the_figure(is);
	assert_string_equal(f->fig->path, "images/a1b2.jpg");
	assert_null(f->fig->alt);
	assert_string_equal(f->fig->caption, "图为工人检修岸桥吊具。");
	assert_string_equal(f->fig->credit, "本报记者 周明 摄");
	assert_string_equal(f->text,
	                    "[图] 图为工人检修岸桥吊具。 本报记者 周明 摄");
	assert_int_equal(f->line, 7);
	assert_no_captions(is);
	issue_free(is);
}

static void
test_figure_marker(void **state)
{
	struct issue *is;
	const struct block *f;

	(void)state;
	/* image paragraph, then caption and credit in one paragraph */
	is = load_named("p.md",
	                STORY "![](_page_0_Picture_3.jpeg)\n\n"
	                      "图为工人检修岸桥吊具。 本报记者 周明 摄\n");
	f = the_figure(is);
	assert_string_equal(f->fig->path, "_page_0_Picture_3.jpeg");
	assert_string_equal(f->fig->caption, "图为工人检修岸桥吊具。");
	assert_string_equal(f->fig->credit, "本报记者 周明 摄");
	assert_no_captions(is);
	issue_free(is);
}

static void
test_figure_docling(void **state)
{
	struct issue *is;
	const struct block *f;

	(void)state;
	/* caption before the placeholder, credit after it */
	is = load_named("p.md", STORY "图为工人检修岸桥吊具。\n\n"
	                              "<!-- image -->\n\n本报记者  周明  摄\n\n"
	                              "码头采用国产工控系统。\n");
	f = the_figure(is);
	assert_null(f->fig->path);
	assert_string_equal(f->fig->caption, "图为工人检修岸桥吊具。");
	assert_string_equal(f->fig->credit, "本报记者  周明  摄");
	assert_no_captions(is);
	issue_free(is);
}

static void
test_figure_paddleocr(void **state)
{
	struct issue *is;
	const struct block *f;

	(void)state;
	/* <div><img></div> then the caption in a <div> */
	is = load_named("p.md", STORY
	                "<div style=\"text-align: center;\"><img "
	                "src=\"imgs/img_in_image_box_1.jpg\" alt=\"Image\" "
	                "width=\"43%\" /></div>\n\n"
	                "<div style=\"text-align: center;\">集卡在堆场作业。 "
	                "本报记者 周明 摄</div>\n");
	f = the_figure(is);
	assert_string_equal(f->fig->path, "imgs/img_in_image_box_1.jpg");
	assert_null(f->fig->alt); /* "Image" says nothing */
	assert_string_equal(f->fig->caption, "集卡在堆场作业。");
	assert_string_equal(f->fig->credit, "本报记者 周明 摄");
	assert_no_captions(is);
	issue_free(is);
}

static void
test_figure_alt(void **state)
{
	struct issue *is;
	const struct block *f;
	const struct article *a;

	(void)state;
	/* no caption: the alt text is shown; the text around stays */
	is = load_named("p.md", STORY "![码头全景](photos/port.png)\n\n"
	                              "码头采用国产工控系统。\n");
	f = the_figure(is);
	assert_string_equal(f->fig->alt, "码头全景");
	assert_null(f->fig->caption);
	assert_string_equal(f->text, "[图] 码头全景");
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->nblocks, 3);
	assert_int_equal(a->blocks[2].kind, BLOCK_PARAGRAPH);
	issue_free(is);
}

static void
test_figure_typeset(void **state)
{
	struct issue *is;
	const struct block *f;
	struct typeset_opts o = {24, 4, 1, KINSOKU_BASIC, false, false};
	struct ts_doc d;
	size_t i, n = 0;

	(void)state;
	is = load_named("p.md", STORY "![](a.jpg)  \n图为工人在青岚港二期码头"
	                              "检修岸桥吊具。  \n本报记者 周明 摄\n");
	f = the_figure(is);
	typeset_init(&d, &o);
	typeset_article(&d, page_article(&is->pages[0], 0));
	for (i = 0; i < d.n; i++)
		if (d.lines[i].block == f) {
			assert_int_equal(d.lines[i].style, TS_FIGURE);
			/* the first line starts with [图], the others under
			 * the caption */
			assert_int_equal(d.lines[i].col, n == 0 ? 0 : 5);
			assert_true(d.lines[i].col + d.lines[i].width <= 24);
			if (n == 0)
				assert_memory_equal(d.lines[i].text, "[图]", 5);
			n++;
		}
	assert_true(n >= 2);
	typeset_free(&d);
	issue_free(is);
}

/* ---- tables ---------------------------------------------------------------
 */

/* The first table block of the page's stories. */
static const struct block *
first_table(const struct issue *is)
{
	const struct article *a;
	size_t p, i, j;

	for (p = 0; p < is->npages; p++)
		for (i = 0; i < is->pages[p].narticles; i++) {
			a = page_article(&is->pages[p], i);
			for (j = 0; j < a->nblocks; j++)
				if (a->blocks[j].kind == BLOCK_TABLE)
					return &a->blocks[j];
		}
	fail_msg("no table");
	return NULL;
}

static const struct table_cell *
cell(const struct table *t, size_t r, size_t c)
{
	assert_true(r < t->nrows && c < t->ncols);
	return &t->cells[r * t->ncols + c];
}

#define GFM                                                                    \
	"| 指标 | 数值 | 同比增长 |\n| --- | --- | --- |\n"            \
	"| 地区生产总值（亿元） | 1,286.5 | 5.2% |\n"                \
	"| 指标 | 数值 | 同比增长 |\n"                                 \
	"| 社会消费品零售总额<br>其中网上零售额占比继续提高 | 530 | 4.1% |\n"

static void
test_table_gfm(void **state)
{
	struct issue *is;
	const struct block *b;
	const struct table *t;

	(void)state;
	is = load_named("t.md", STORY GFM "\n完。\n");
	b = first_table(is);
	t = b->tab;
	assert_non_null(t);
	assert_int_equal(t->ncols, 3);
	/* docling's repeated header row is dropped */
	assert_int_equal(t->nrows, 3);
	assert_int_equal(t->head, 1);
	assert_string_equal(cell(t, 0, 0)->text, "指标");
	assert_string_equal(cell(t, 1, 1)->text, "1,286.5");
	assert_true(cell(t, 1, 1)->number);
	assert_true(cell(t, 1, 2)->number);
	assert_false(cell(t, 1, 0)->number);
	/* <br> in a cell is a line of the cell */
	assert_string_equal(cell(t, 2, 0)->text,
	                    "社会消费品零售总额\n其中网上零售额占比继续提高");
	/* its text is searchable, a row a line */
	assert_non_null(strstr(b->text, "地区生产总值（亿元） 1,286.5 5.2%"));
	assert_int_equal(b->line, 7);
	issue_free(is);
}

#define HTML_TABLE                                                                     \
	"<table><tr><td rowspan=\"2\">地区</td><td colspan=\"2\">人口（万人）" \
	"</td></tr><tr><td>2024年</td><td>2025年</td></tr><tr><td>东湖区</td>"    \
	"<td>35.2</td><td>36.1</td></tr></table>\n"

static void
test_table_html_spans(void **state)
{
	struct issue *is;
	const struct article *a;
	const struct table *t;

	(void)state;
	is = load_named("t.md", STORY HTML_TABLE "\n完。\n");
	t = first_table(is)->tab;
	assert_int_equal(t->ncols, 3);
	assert_int_equal(t->nrows, 3);
	assert_int_equal(cell(t, 0, 0)->rowspan, 2);
	assert_int_equal(cell(t, 0, 1)->colspan, 2);
	assert_null(cell(t, 0, 2)->text); /* covered */
	assert_null(cell(t, 1, 0)->text); /* covered */
	assert_string_equal(cell(t, 1, 1)->text, "2024年");
	assert_string_equal(cell(t, 2, 2)->text, "36.1");
	/* the text after the table is a paragraph again */
	a = page_article(&is->pages[0], 0);
	assert_int_equal(a->blocks[a->nblocks - 1].kind, BLOCK_PARAGRAPH);
	issue_free(is);
}

static void
test_table_hostile(void **state)
{
	struct issue *is;
	const struct table *t;
	struct buf in = {0};
	int i;

	(void)state;
	/* a huge colspan and rowspan are bounded */
	is = load_named("t.md",
	                STORY "<table><tr><td colspan=\"100000000\" "
	                      "rowspan=\"99999999999\">甲</td><td>乙</td>"
	                      "</tr></table>\n");
	t = first_table(is)->tab;
	assert_true(t->ncols <= TABLE_MAX_COLS);
	assert_int_equal(t->nrows, 1);
	issue_free(is);
	/* unclosed tags: the table ends with its HTML block */
	is = load_named("t.md", STORY "<table><tr><td>甲<td>乙<tr><td>丙\n\n"
	                              "之后的正文。\n");
	t = first_table(is)->tab;
	assert_int_equal(t->nrows, 2);
	assert_int_equal(t->ncols, 2);
	assert_string_equal(cell(t, 1, 0)->text, "丙");
	issue_free(is);
	/* 100k columns in one row: cut at the bound */
	buf_adds(&in, STORY "<table><tr>");
	for (i = 0; i < 100000; i++)
		buf_adds(&in, "<td>1</td>");
	buf_adds(&in, "</tr></table>\n");
	is = load_named("t.md", in.s);
	t = first_table(is)->tab;
	assert_int_equal(t->ncols, TABLE_MAX_COLS);
	issue_free(is);
	buf_free(&in);
}

/* Every table line at every width: as wide as its neighbours, never
 * wider than the width (scroll: than 1024, as wide as a pane that scrolls
 * sideways lets it be), and its width is what width_str measures. */
static void
check_tables_at(const struct issue *is, int w, bool ascii, bool scroll)
{
	struct typeset_opts o = {w, 4, 1, KINSOKU_BASIC, ascii, scroll};
	struct ts_doc d;
	size_t i, ntab = 0;

	typeset_init(&d, &o);
	typeset_issue(&d, is);
	for (i = 0; i < d.n; i++) {
		const struct ts_line *l = &d.lines[i];

		if (l->style != TS_TABLE)
			continue;
		if (i == 0 || d.lines[i - 1].style != TS_TABLE)
			ntab++;
		if (l->col + l->width > (scroll ? 1024 : w))
			fail_msg(
			    "width %d: table line of %d columns at %d: %.*s", w,
			    l->width, l->col, (int)l->len, l->text);
		assert_int_equal(width_str(l->text, l->len), l->width);
		if (i > 0 && d.lines[i - 1].style == TS_TABLE &&
		    d.lines[i - 1].block == l->block &&
		    d.lines[i - 1].width != l->width)
			fail_msg("width %d: a table line of %d columns after "
			         "one of %d: %.*s",
			         w, l->width, d.lines[i - 1].width, (int)l->len,
			         l->text);
		if (ascii) { /* no box drawing (U+2500..U+257F) */
			assert_null(memmem(l->text, l->len, "\xe2\x94", 2));
			assert_null(memmem(l->text, l->len, "\xe2\x95", 2));
		}
	}
	assert_int_equal(ntab, 4);
	typeset_free(&d);
}

static void
test_table_widths(void **state)
{
	struct issue *is;
	struct buf in = {0};
	int w, i;

	(void)state;
	buf_adds(&in, STORY GFM "\n" HTML_TABLE "\n");
	/* nine columns: stacked at the narrowest widths */
	buf_adds(&in, "\n|");
	for (i = 0; i < 9; i++)
		buf_printf(&in, " 第%d列 |", i + 1);
	buf_adds(&in, "\n|");
	for (i = 0; i < 9; i++)
		buf_adds(&in, " --- |");
	buf_adds(&in, "\n|");
	for (i = 0; i < 9; i++)
		buf_printf(&in, " %d,%03d |", i + 1, i * 37);
	buf_adds(&in, "\n\n<table><tr><td colspan=\"3\">supercalifragilistic"
	              "expialidocious-and-more</td></tr><tr><td>a</td><td "
	              "rowspan=\"2\">“引号”与（括号）里的长长文字。</td>"
	              "<td>1</td></tr><tr><td>b</td><td>2</td></tr></table>\n");
	is = load_named("t.md", in.s);
	for (w = 20; w <= 132; w++) {
		check_tables_at(is, w, false, false);
		check_tables_at(is, w, true, false);
		check_tables_at(is, w, false, true);
	}
	issue_free(is);
	buf_free(&in);
}

/*
 * For a pane that scrolls sideways (table_scroll), a table too wide for
 * the width is set wider, each column keeping six Chinese characters (or
 * what it needs) before its text wraps: never a column a character wide,
 * never stacked. Without it, the same table fits the width.
 */
static void
test_table_scroll(void **state)
{
	static const char md[] =
	    "# 报\n\n## 各市指标\n\n"
	    "<table><tr><td>城市</td><td>生产总值（亿元）</td>"
	    "<td>城镇居民人均可支配收入（元）</td><td>备注</td></tr>"
	    "<tr><td>青岚市</td><td>4,812.6</td><td>52,316</td>"
	    "<td>末列最右端文字</td></tr></table>\n";
	struct typeset_opts o = {30, 4, 1, KINSOKU_BASIC, false, true};
	struct issue *is = load_named("t.md", md);
	struct ts_doc d;
	size_t i, n = 0, wide = 0;
	bool whole = false;

	(void)state;
	typeset_init(&d, &o);
	typeset_issue(&d, is);
	for (i = 0; i < d.n; i++) {
		const struct ts_line *l = &d.lines[i];

		if (l->style != TS_TABLE)
			continue;
		n++;
		if (l->width > 30)
			wide++;
		if (memmem(l->text, l->len, "│ 城镇居民人均 │", 22) != NULL)
			whole = true;
	}
	assert_int_equal(wide, n);	/* every line of it: one width */
	assert_true(whole);		/* six characters a line in the cell */
	typeset_free(&d);
	/* the dump's way: within the width */
	o.table_scroll = false;
	typeset_init(&d, &o);
	typeset_issue(&d, is);
	for (i = 0; i < d.n; i++)
		assert_true(d.lines[i].col + d.lines[i].width <= 30);
	typeset_free(&d);
	issue_free(is);
}

static void
test_table_typeset(void **state)
{
	struct issue *is;
	struct typeset_opts o = {80, 4, 1, KINSOKU_BASIC, false, false};
	struct ts_doc d;
	size_t i;
	struct buf all = {0};

	(void)state;
	is = load_named("t.md", STORY GFM);
	typeset_init(&d, &o);
	typeset_issue(&d, is);
	for (i = 0; i < d.n; i++)
		if (d.lines[i].style == TS_TABLE) {
			buf_add(&all, d.lines[i].text, d.lines[i].len);
			buf_addc(&all, '\n');
		}
	assert_string_equal(all.s,
	                    "┌────────────────────────────┬─────────┬──────────┐\n"
	                    "│ 指标                       │ 数值    │ 同比增长 │\n"
	                    "╞════════════════════════════╪═════════╪══════════╡\n"
	                    "│ 地区生产总值（亿元）       │ 1,286.5 │     5.2% │\n"
	                    "│ 社会消费品零售总额         │     530 │     4.1% │\n"
	                    "│ 其中网上零售额占比继续提高 │         │          │\n"
	                    "└────────────────────────────┴─────────┴──────────┘\n");
	/* at 40 columns the first column wraps, kinsoku inside the cell */
	typeset_free(&d);
	all.len = 0;
	o.width = 40;
	typeset_init(&d, &o);
	typeset_issue(&d, is);
	for (i = 0; i < d.n; i++)
		if (d.lines[i].style == TS_TABLE) {
			buf_add(&all, d.lines[i].text, d.lines[i].len);
			buf_addc(&all, '\n');
		}
	assert_string_equal(all.s,
	                    "┌─────────────────┬─────────┬──────────┐\n"
	                    "│ 指标            │ 数值    │ 同比增长 │\n"
	                    "╞═════════════════╪═════════╪══════════╡\n"
	                    "│ 地区生产总值    │ 1,286.5 │     5.2% │\n"
	                    "│ （亿元）        │         │          │\n"
	                    "│ 社会消费品零售  │     530 │     4.1% │\n"
	                    "│ 总额            │         │          │\n"
	                    "│ 其中网上零售额  │         │          │\n"
	                    "│ 占比继续提高    │         │          │\n"
	                    "└─────────────────┴─────────┴──────────┘\n");
	typeset_free(&d);
	buf_free(&all);
	issue_free(is);
}

/* ---- HTML (libxml2) -------------------------------------------------------- */

/* Does any text of the issue (blocks, items, headlines) contain t? */
static bool
anywhere(const struct issue *is, const char *t)
{
	size_t p, i, j;

	for (p = 0; p < is->npages; p++) {
		const struct page *pg = &is->pages[p];

		for (i = 0; i < pg->nitems; i++)
			if (strstr(pg->items[i].text, t))
				return true;
		for (i = 0; i < pg->narticles; i++) {
			const struct article *a = page_article(pg, i);

			if (strstr(a->headline, t))
				return true;
			for (j = 0; j < a->nblocks; j++) {
				const struct block *b = &a->blocks[j];

				if (strstr(b->text, t) ||
				    (b->fig && b->fig->path &&
				     strstr(b->fig->path, t)))
					return true;
			}
		}
	}
	return false;
}

/* The article headlined h, or fail. */
static const struct article *
headlined(const struct issue *is, const char *h)
{
	const struct article *a;
	size_t p, i;

	for (p = 0; p < is->npages; p++)
		for (i = 0; i < is->pages[p].narticles; i++) {
			a = page_article(&is->pages[p], i);
			if (strcmp(a->headline, h) == 0)
				return a;
		}
	fail_msg("no article headlined %s", h);
	return NULL;
}

#define EPAPER                                                                 \
	"<!DOCTYPE html><html><head><meta charset=\"utf-8\">"                  \
	"<title>青岚日报</title><style>p { color: red }</style>"               \
	"<script>var x = \"<p>秘密</p>\";</script></head><body>\n"             \
	"<h3>二期工程全面投运</h3>\n<h1>青岚港自动化码头年吞吐能力\n"         \
	"提升至1,200万标箱</h1>\n<h2>首艘远洋货轮顺利靠泊</h2>\n"             \
	"<founder-content>\n<p>　　本报讯 满载集装箱的货轮靠上码头<sup>①"    \
	"</sup></p>\n<p>　　大屏上滚动显示着作业数据。<a "                     \
	"href=\"javascript:alert(1)\">详情</a>操作员远程操控岸桥。</p>\n"      \
	"<figure><img src=\"../images/port.jpg\" alt=\"码头\"><figcaption>"    \
	"图为工人检修岸桥吊具。 本报记者 周明 摄</figcaption></figure>\n"     \
	"<p>　　新建5个泊位&amp;22台岸桥&#x3002;</p>\n<table><thead><tr>"     \
	"<th>指标</th><th>数值</th></tr></thead><tr><td>泊位</td><td>5</td>"  \
	"</tr></table>\n</founder-content>\n<p>（责编：林望舒）</p>\n"         \
	"</body></html>\n"

static void
test_html_page(void **state)
{
	struct issue *is;
	const struct article *a;
	const struct block *f;

	(void)state;
	is = load_named("01.html", EPAPER);
	/* <h1> is the headline (never the masthead), its line break gone */
	a = headlined(is, "青岚港自动化码头年吞吐能力提升至1,200万标箱");
	assert_int_equal(a->line, 3);
	/* <p>s stay apart: no PDF column to join over */
	assert_true(anywhere(is, "本报讯 满载集装箱的货轮靠上码头①"));
	assert_false(anywhere(is, "码头①大屏"));
	/* a javascript: link is a control of the site: not shown at all */
	assert_true(anywhere(is, "作业数据。操作员"));
	assert_false(anywhere(is, "详情"));
	assert_false(anywhere(is, "javascript"));
	assert_false(anywhere(is, "alert"));
	/* script and style never shown, nor the <title> */
	assert_false(anywhere(is, "秘密"));
	assert_false(anywhere(is, "color"));
	/* entities decoded */
	assert_true(anywhere(is, "新建5个泊位&22台岸桥。"));
	/* the figure with its <figcaption>, the table, the editor's line */
	f = the_figure(is);
	assert_string_equal(f->fig->path, "../images/port.jpg");
	assert_string_equal(f->fig->alt, "码头");
	assert_string_equal(f->fig->caption, "图为工人检修岸桥吊具。");
	assert_string_equal(f->fig->credit, "本报记者 周明 摄");
	assert_int_equal(first_table(is)->tab->head, 1);
	assert_true(anywhere(is, "（责编：林望舒）"));
	assert_false(anywhere(is, "<"));
	issue_free(is);
}

static void
test_html_hostile(void **state)
{
	struct issue *is;
	struct buf in = {0};
	char *out;
	size_t ol, i, n = 0;
	const char *p;

	(void)state;
	/* 100k nested <div>s: bounded before the parser (which would take
	 * minutes on them); the text is kept */
	buf_adds(&in, "<p>开头</p>");
	for (i = 0; i < 100000; i++)
		buf_adds(&in, "<div class=\"x>y\">");
	buf_adds(&in, "深处的文字");
	for (i = 0; i < 100000; i++)
		buf_adds(&in, "</div>");
	out = source_html_bound(in.s, in.len, SOURCE_HTML_MAX_DEPTH, &ol);
	assert_non_null(out);
	for (p = out; (p = strstr(p, "<div")) != NULL; p++)
		n++;
	assert_int_equal(n, SOURCE_HTML_MAX_DEPTH);
	assert_non_null(strstr(out, "深处的文字"));
	free(out);
	is = load_named("01.html", in.s);
	assert_true(anywhere(is, "深处的文字"));
	issue_free(is);
	/* shallow pages are left alone */
	assert_null(source_html_bound("<p><b>a</b></p>", 15, 256, &ol));
	/* the same inside a Markdown page's HTML block */
	in.len = 0;
	buf_adds(&in, STORY);
	for (i = 0; i < 100000; i++)
		buf_adds(&in, "<div>");
	buf_adds(&in, "深处的文字\n");
	is = load_named("p.md", in.s);
	assert_true(anywhere(is, "深处的文字"));
	issue_free(is);
	buf_free(&in);
	/* unclosed tags, a huge colspan, script in a Markdown HTML block */
	is = load_named("01.html", "<h1>题目</h1><p>一段<b>粗<i>斜<p>二段"
	                           "<table><tr><td colspan=\"99999999\">宽"
	                           "<td>x</table><script>alert(1)</script>");
	assert_true(anywhere(is, "二段"));
	assert_true(first_table(is)->tab->ncols <= TABLE_MAX_COLS);
	assert_false(anywhere(is, "alert"));
	issue_free(is);
	is = load_named("p.md", STORY "<script>\nalert(1)\n</script>\n\n"
	                              "<div onclick=\"alert(2)\">可见<a "
	                              "href=\"javascript:alert(3)\">链接</a>"
	                              "</div>\n");
	assert_false(anywhere(is, "alert"));
	assert_true(anywhere(is, "可见"));
	assert_false(anywhere(is, "链接"));
	issue_free(is);
}

/*
 * What libxml2's parser must not lose, nor read wrong: text after an end
 * tag that empties its stack (its push parser drops the rest of the page
 * there), a page whose <meta> names another charset than the UTF-8 it has
 * become, and HTML after an unclosed <svg> (HTML5 ends it at <p>).
 */
static void
test_html_libxml2(void **state)
{
	struct issue *is;

	(void)state;
	is = load_named("01.html", "</p>开头的字<p>一段</p></body></html>"
	                           "文末的字<p>再一段");
	assert_true(anywhere(is, "开头的字"));
	assert_true(anywhere(is, "文末的字"));
	assert_true(anywhere(is, "再一段"));
	issue_free(is);
	is = load_named("01.html", "<html><p>甲段</p></html><body><p>乙段</p>"
	                           "</body>");
	assert_true(anywhere(is, "甲段"));
	assert_true(anywhere(is, "乙段"));
	issue_free(is);
	is = load_named("01.html",
	                "<html><head><meta charset=\"gbk\"><meta "
	                "http-equiv=\"Content-Type\" content=\"text/html; "
	                "charset=gb2312\"></head><body><h1>标题</h1>"
	                "<p>正文一段。</p></body></html>");
	headlined(is, "标题");
	assert_true(anywhere(is, "正文一段。"));
	issue_free(is);
	/* an <svg>'s text is a drawing's; HTML's own tags end it */
	is = load_named("01.html", "<p>甲<svg><text>图里的字</text></svg>乙</p>"
	                           "<p>丙<svg><g><p>丁</g>戊</svg>己</p>");
	assert_true(anywhere(is, "甲乙"));
	assert_false(anywhere(is, "图里的字"));
	assert_true(anywhere(is, "丁"));
	assert_true(anywhere(is, "戊己"));
	issue_free(is);
	/* a <title> outside <head> is the page's text */
	is = load_named("01.html", "<p>前</p><title>题</title><p>后</p>");
	assert_true(anywhere(is, "题"));
	issue_free(is);
}

/*
 * White space in a text node at every offset around the eight-byte
 * steps that look for it (ink_end): a run of spaces and tabs is one
 * space, a run with a newline joins Chinese with nothing, and a control
 * byte is not white space (it is sanitised away, not taken for a gap).
 */
static void
test_html_space_runs(void **state)
{
	static const struct {
		const char *a, *gap, *b, *want;
	} c[] = {
	    {"x", " \t  ", "y", "x y"},
	    {"x", "\n", "y", "x y"},
	    {"汉", "\n  ", "字", "汉字"},
	    {"汉", " ", "字", "汉 字"},
	    {"x", "\x01", "y", "xy"},
	};
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++)
		for (k = 1; k <= 18; k++) {
			struct buf in = {0}, want = {0};
			struct issue *is;
			int j;

			buf_adds(&in, "<p>");
			for (j = 0; j < k; j++) {
				buf_adds(&in, c[i].a);
				buf_adds(&want, j + 1 < k ? c[i].a : c[i].want);
			}
			buf_adds(&in, c[i].gap);
			for (j = 1; j < 20 - k; j++) {
				buf_adds(&in, c[i].b);
				if (j > 1) /* the first is in c[i].want */
					buf_adds(&want, c[i].b);
			}
			buf_adds(&in, "</p>");
			buf_addc(&want, '\0');
			buf_addc(&in, '\0');
			is = load_named("01.html", in.s);
			if (!anywhere(is, want.s))
				fail_msg("%zu, %d: \"%s\" is not \"%s\"", i, k,
				         in.s, want.s);
			issue_free(is);
			buf_free(&in);
			buf_free(&want);
		}
}

/* The blocks of the HTML page s, its text runs masked or not. */
static char *
html_blocks(const char *s, size_t len, bool masked)
{
	struct buf b = {0};

	source_html_masking(masked);
	if (source_html(s, len, 0, LOAD_DEFAULTS, record_block, &b) != 0)
		buf_adds(&b, "(failed)");
	source_html_masking(true);
	buf_addc(&b, '\0');
	return buf_take(&b, NULL);
}

static void
assert_masking_same(const char *s, size_t len)
{
	char *a = html_blocks(s, len, true), *b = html_blocks(s, len, false);

	if (strcmp(a, b) != 0)
		fail_msg("masked and not, the page\n%.*s\nreads\n%s\nand\n%s",
		         (int)len, s, a, b);
	free(a);
	free(b);
}

/* A Chinese run of about n bytes, ASCII punctuation and a space in it. */
static void
add_run(struct buf *b, unsigned n, unsigned seed)
{
	static const char *const w[] = {"青川", "芯片", "量产", ",", "RISC-V",
	                                "。", " ", "12.5%", "“开源”", "（注）"};

	while (n > 0) {
		const char *p;

		seed = seed * 1103515245u + 12345u;
		p = w[(seed >> 16) % (sizeof w / sizeof w[0])];
		buf_adds(b, p);
		n = n > strlen(p) ? n - (unsigned)strlen(p) : 0;
	}
}

/*
 * source-html.c hands libxml2 each long run of plain text between a '>'
 * and a '<' as one private-use character, and puts the run back in what
 * libxml2 gives: the blocks (text, kinds, lines, tables, figures) must be
 * those of the page read as it is. Where a run stands matters: a text
 * node, a quoted attribute value after a '>', a comment, a script, before
 * a '<' that opens no tag, next to a quote, an entity, U+FFFE (which
 * libxml2 drops) or a character of plane 15 (a page that holds one is
 * not masked); then random pages of those pieces.
 */
static void
test_html_masked_same(void **state)
{
	static const char *const page[] = {
	    "<h1>青川芯RISC-V处理器实现量产</h1><p>本报记者 王启明，"
	    "十一月二十日在青川高新区下线。</p>",
	    "<p><img alt=\"图一>图为青川芯源公司的封装测试车间\" src=\"a.png\">"
	    "</p><figcaption>图为青川芯源公司的封装测试车间</figcaption>",
	    "<p><a title=\"一>二三四五六七八九十一二三四五六七\" href=\"x\">"
	    "链接里的文字很长很长很长</a></p>",
	    "<p>前</p><!-- 注释>注释里的文字很长很长很长很长很长<b --><p>后</p>",
	    "<!-- image --><p>图后的一段文字，很长很长很长很长。</p>",
	    "<script>var a=1>0;一段脚本里的中文很长很长很长很长<b</script>"
	    "<p>正文段落很长很长很长很长很长。</p>",
	    "<p>一段正文很长很长很长很长很长很长很长< 不是标签\n的文字</p>",
	    "<p>一段正文很长很长很长很长很长很长很长<3\n第二行</p>",
	    "<p>一段正文很长很长很长很长很长很长很长&amp;实体</p>",
	    "<p>一段\xef\xbf\xbe正文很长很长很长很长很长很长很长</p>",
	    "<p>&amp;\xf3\xb0\x80\x80</p>"
	    "<p>另一段正文很长很长很长很长很长很长很长</p>",
	    "<p>                                  </p><p>甲</p>",
	    "<html>                    <head><title>标题很长很长很长很长很长"
	    "</title></head>                    <body>                    "
	    "<h3>引题</h3><h1>标题</h1><p>正文很长很长很长很长很长很长很长"
	    "</p></body>",
	    "                    <h1>标题</h1>                    <h2>副题</h2>",
	    "<table><tr><td>一个单元格里很长很长很长很长</td><td "
	    "colspan=\"2\">12,300</td></tr></table>",
	    "<p>甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥<br>第二行很长很长"
	    "很长很长很长</p>",
	    "<div><p>引号\"里面的文字很长很长很长很长很长\"</p></div>",
	    "<?pi 处理指令>处理指令后的文字很长很长很长很长很长<?x?>",
	    /* invalid UTF-8: the sanitiser drops an OSC string (C1 9D) up
	     * to its end, also in a run (fuzz-html found it) */
	    "<p>\xdc</p><p>一段正文很长很长很长\xc2\x9d很长很长很长</p><p>后</p>",
	};
	/* a NUL ends libxml2's text: a page with one is sanitised */
	static const char nul[] = "<p>一段正文很长很长\0很长很长很长很长很长</p>"
	                          "<p>后文很长很长很长很长</p>";
	size_t i;
	int r;

	(void)state;
	if (source_html_missing() != NULL)
		skip();
	for (i = 0; i < sizeof page / sizeof page[0]; i++)
		assert_masking_same(page[i], strlen(page[i]));
	assert_masking_same(nul, sizeof nul - 1);
	/* a run over libxml2's 1,000-byte chunks, the page's last bytes */
	{
		struct buf b = {0};

		buf_adds(&b, "<p>");
		add_run(&b, 5000, 7);
		buf_adds(&b, "</p><p>");
		add_run(&b, 3000, 8);
		assert_masking_same(b.s, b.len);
		buf_free(&b);
	}
	for (r = 0; r < 3000; r++) {
		static const char *const piece[] = {
		    "<p>", "</p>", "<div class=\"a\">", "</div>", "<h1>", "</h1>",
		    "<h3>", "</h3>", "<br>", "<a title=\"1>", "\">", "</a>",
		    "<!-- ", " -->", "<script>", "</script>", "<table><tr><td>",
		    "</td><td colspan=\"2\">", "</td></tr></table>", "&amp;",
		    "&nbsp;", "< ", "<3", "\n", " ", "'", "\"", ">", "<?pi ",
		    "?>", "<![CDATA[", "]]>", "<title>", "</title>", "<head>",
		    "<body>", "<img alt=\"", "\" src=\"p.png\">", "<svg>",
		    "</svg>", "<li>", "<blockquote>", "\xef\xbf\xbf", "\t",
		};
		struct buf b = {0};
		unsigned seed = (unsigned)r * 2654435761u + 1;
		int k, n = 4 + (int)(seed % 24);

		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % 3 == 0)
				add_run(&b, 8 + (seed >> 20) % (r % 50 == 0 ? 2400 : 120),
				        seed);
			else
				buf_adds(&b, piece[(seed >> 16) %
				                   (sizeof piece / sizeof piece[0])]);
		}
		if (b.s != NULL)
			assert_masking_same(b.s, b.len);
		buf_free(&b);
	}
}

/* Load len bytes of s as an .html file (the reading path that hands
 * the file's own buffer on). */
static struct issue *
load_as_file(const char *s, size_t len)
{
	char path[] = "/tmp/herald-rich-XXXXXX.html";
	char *err = NULL;
	struct issue *is;
	int fd = mkstemps(path, 5);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, s, len), (ssize_t)len);
	close(fd);
	is = load_issue(path, LOAD_DEFAULTS, &err);
	unlink(path);
	if (is == NULL)
		fail_msg("load_issue: %s", err);
	return is;
}

/* A valid page goes to libxml2 as it was read; each block is cleaned
 * after. An invalid one is cleaned first (libxml2 would take the rest
 * as Latin-1). */
static void
test_html_as_read(void **state)
{
	struct issue *is;
	struct buf in = {0};
	int i;

	(void)state;
	is = load_named("01.html", "<p>甲\x01乙\xe2\x80\xae丙&#7;丁</p>");
	assert_true(anywhere(is, "甲乙丙丁"));
	issue_free(is);
	buf_adds(&in, "<p>甲\xff乙</p>");
	for (i = 0; i < 2000; i++)
		buf_adds(&in, "<p>后面的字，一段又一段。</p>\n");
	is = load_as_file(in.s, in.len);
	assert_true(anywhere(is, "甲\xef\xbf\xbd乙"));
	assert_true(anywhere(is, "后面的字，一段又一段。"));
	issue_free(is);
	/* and valid, from a file: read as it is, cleaned block by block */
	in.len = 0;
	buf_adds(&in, "<p>甲\x01乙\xe2\x80\xae丙&#7;丁</p>");
	is = load_as_file(in.s, in.len);
	assert_true(anywhere(is, "甲乙丙丁"));
	issue_free(is);
	buf_free(&in);
	is = load_named("01.html", "<p>甲页</p>\f<p>乙页</p>");
	assert_int_equal(is->npages, 2);
	issue_free(is);
	is = load_as_file("<p>甲页</p>\f<p>乙页</p>", 27);
	assert_int_equal(is->npages, 2);
	issue_free(is);
}

/* page_item_order: by slot (after, at most the articles), stable. */
static void
test_item_order(void **state)
{
	struct block items[7];
	struct page p;
	static const size_t after[7] = {2, 0, 9, 1, 0, 2, 3};
	static const size_t want[7] = {1, 4, 3, 0, 5, 2, 6};
	size_t *o, i;

	(void)state;
	memset(&p, 0, sizeof p);
	memset(items, 0, sizeof items);
	for (i = 0; i < 7; i++)
		items[i].after = after[i];
	p.items = items;
	p.nitems = 7;
	p.narticles = 3; /* 9 and 3 are both slot 3, in their order */
	o = page_item_order(&p);
	for (i = 0; i < 7; i++)
		assert_int_equal(o[i], want[i]);
	free(o);
	p.nitems = 0;
	assert_null(page_item_order(&p));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_latex_units),
	    cmocka_unit_test(test_latex_verbatim),
	    cmocka_unit_test(test_latex_deep),
	    cmocka_unit_test(test_md_inline_math),
	    cmocka_unit_test(test_md_display_math),
	    cmocka_unit_test(test_figure_mineru),
	    cmocka_unit_test(test_figure_marker),
	    cmocka_unit_test(test_figure_docling),
	    cmocka_unit_test(test_figure_paddleocr),
	    cmocka_unit_test(test_figure_alt),
	    cmocka_unit_test(test_figure_typeset),
	    cmocka_unit_test(test_table_gfm),
	    cmocka_unit_test(test_table_html_spans),
	    cmocka_unit_test(test_table_hostile),
	    cmocka_unit_test(test_table_widths),
	    cmocka_unit_test(test_table_scroll),
	    cmocka_unit_test(test_table_typeset),
	    cmocka_unit_test(test_html_page),
	    cmocka_unit_test(test_html_hostile),
	    cmocka_unit_test(test_html_libxml2),
	    cmocka_unit_test(test_html_space_runs),
	    cmocka_unit_test(test_html_as_read),
	    cmocka_unit_test(test_html_masked_same),
	    cmocka_unit_test(test_item_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
