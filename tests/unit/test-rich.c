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

#include "buf.h"
#include "issue.h"
#include "latex.h"
#include "load.h"
#include "typeset.h"
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
	a = &is->pages[0].articles[0];
	assert_int_equal(a->nblocks, 1);
	assert_string_equal(a->blocks[0].text,
	                    "效率达到 90% 以上，电压 1～650V 之间，"
	                    "分数 \\frac{1}{2} 为止。");
	issue_free(is);
}

static void
test_md_display_math(void **state)
{
	struct issue *is;
	const struct article *a;
	struct typeset_opts o = {40, 4, 1, KINSOKU_BASIC};
	struct ts_doc d;
	size_t i;
	bool seen = false;

	(void)state;
	is = load_named("m.md",
	                "# 青岚日报\n\n## 电站扩容\n\n"
	                "公式如下\n$$\nE = m c ^ { 2 }\n$$\n之后正文。\n");
	a = &is->pages[0].articles[0];
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
	size_t p, i, j;

	for (p = 0; p < is->npages; p++)
		for (i = 0; i < is->pages[p].narticles; i++)
			for (j = 0; j < is->pages[p].articles[i].nblocks; j++)
				if (is->pages[p].articles[i].blocks[j].kind ==
				    BLOCK_FIGURE) {
					assert_null(f);
					f = &is->pages[p].articles[i].blocks[j];
				}
	assert_non_null(f);
	assert_non_null(f->fig);
	return f;
}

/* No caption or credit block is left beside a paired figure. */
static void
assert_no_captions(const struct issue *is)
{
	size_t p, i, j;

	for (p = 0; p < is->npages; p++)
		for (i = 0; i < is->pages[p].narticles; i++)
			for (j = 0; j < is->pages[p].articles[i].nblocks; j++) {
				enum block_kind k =
				    is->pages[p].articles[i].blocks[j].kind;

				assert_int_not_equal(k, BLOCK_CAPTION);
				assert_int_not_equal(k, BLOCK_CREDIT);
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
	a = &is->pages[0].articles[0];
	assert_int_equal(a->nblocks, 3);
	assert_int_equal(a->blocks[2].kind, BLOCK_PARAGRAPH);
	issue_free(is);
}

static void
test_figure_typeset(void **state)
{
	struct issue *is;
	const struct block *f;
	struct typeset_opts o = {24, 4, 1, KINSOKU_BASIC};
	struct ts_doc d;
	size_t i, n = 0;

	(void)state;
	is = load_named("p.md", STORY "![](a.jpg)  \n图为工人在青岚港二期码头"
	                              "检修岸桥吊具。  \n本报记者 周明 摄\n");
	f = the_figure(is);
	typeset_init(&d, &o);
	typeset_article(&d, &is->pages[0].articles[0]);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
