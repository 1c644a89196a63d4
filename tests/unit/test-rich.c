/*
 * test-rich.c: the rich blocks of converter output (issue 13): LaTeX math
 * (latex.c, and how source-md.c hands $…$ and $$…$$ to it). Each input is
 * our own text in MinerU's habits.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_latex_units),
	    cmocka_unit_test(test_latex_verbatim),
	    cmocka_unit_test(test_latex_deep),
	    cmocka_unit_test(test_md_inline_math),
	    cmocka_unit_test(test_md_display_math),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
