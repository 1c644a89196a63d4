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

#include "issue.h"
#include "load.h"
#include "text.h"

static struct issue *
load_named(const char *name, const char *s)
{
	char *err = NULL;
	struct issue *is =
	    load_buffer(name, s, strlen(s), LOAD_DEFAULTS, &err);

	if (is == NULL)
		fail_msg("load_buffer: %s", err);
	return is;
}

/* The first block of the first article (or first item) of page i. */
static const char *
first_text(const struct issue *is, size_t i)
{
	const struct page *pg = &is->pages[i];

	if (pg->narticles > 0 && pg->articles[0].nblocks > 0)
		return pg->articles[0].blocks[0].text;
	if (pg->nitems > 0)
		return pg->items[0].text;
	return "";
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_line_hyphen),
	    cmocka_unit_test(test_hyphen_join),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
