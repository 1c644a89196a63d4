/*
 * test-recog.c: the recognisers (recog.c) on their own, and how often the
 * page assembly asks them. Linked with -Wl,--wrap=recog_furniture, so
 * every call of recog_furniture from libherald.a is counted here.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "load.h"
#include "recog.h"

bool __real_recog_furniture(const char *s, size_t len);
bool __wrap_recog_furniture(const char *s, size_t len);

static const char *count_text;	/* count the calls on this text only */
static int count;

bool
__wrap_recog_furniture(const char *s, size_t len)
{
	if (count_text != NULL && len == strlen(count_text) &&
	    memcmp(s, count_text, len) == 0)
		count++;
	return __real_recog_furniture(s, len);
}

static struct issue *
load_str(const char *s)
{
	char *err = NULL;
	struct issue *is = load_buffer("test.md", s, strlen(s), LOAD_DEFAULTS,
	    &err);

	if (is == NULL)
		fail_msg("load_buffer: %s", err);
	return is;
}

/* A paragraph that names an editor but is not furniture is asked about
 * once, not once as a running head and again as furniture. */
static void
test_furniture_asked_once(void **state)
{
	static const char para[] = "责任编辑说，这次会议讨论了供暖。";
	struct issue *is;

	(void)state;
	count_text = para;
	count = 0;
	is = load_str("## 新闻\n\n青岚市今天开会。\n\n责任编辑说，这次会议讨论了供暖。\n");
	count_text = NULL;
	assert_int_equal(count, 1);
	issue_free(is);
	/* and furniture with 编辑 is still furniture, asked once too */
	count_text = "本版责任编辑：许晴";
	count = 0;
	is = load_str("## 新闻\n\n青岚市今天开会。\n\n本版责任编辑：许晴\n");
	count_text = NULL;
	assert_int_equal(count, 1);
	issue_free(is);
}

static bool
entry(const char *s, int *page, bool *ban)
{
	*page = -1;
	*ban = false;
	return recog_contents_entry(s, strlen(s), page, ban);
}

/* One recogniser for a contents entry's page, the spellings that the
 * three copies (source-text.c's entry_line, assemble.c's entry_like and
 * bare_entry) each took. */
static void
test_contents_entry(void **state)
{
	static const char *const no[] = {
		"",
		"青岚港二期码头投运",		/* no page */
		"3版",				/* a number alone */
		"12",
		"冬季供暖保障进行时3",		/* a bare number needs a space */
		"冬季供暖保障进行时 1234",	/* ... and is short */
		"会议在青岚召开。 2版",		/* a sentence */
		"青岚港二期码头\n投运 2版",	/* two lines */
		"标题 0版",			/* page 0 */
		"一二三四五六七八九十一二三四五六七八九十"
		"一二三四五六七八九十一二三四五六七八九十 2版",	/* too long */
	};
	int page;
	bool ban;
	size_t i;

	(void)state;
	/* entry_like: the page in 版, with or without a space */
	assert_true(entry("青岚港二期码头投运 2版", &page, &ban));
	assert_int_equal(page, 2);
	assert_true(ban);
	assert_true(entry("青岚港二期码头投运2版", &page, &ban));
	assert_int_equal(page, 2);
	assert_true(entry("城市更新的青岚样本 12版", &page, &ban));
	assert_int_equal(page, 12);
	/* full-width digits */
	assert_true(entry("城市更新的青岚样本 １２版", &page, &ban));
	assert_int_equal(page, 12);
	/* bare_entry and entry_line: a bare number after a space */
	assert_true(entry("冬季供暖保障进行时 3", &page, &ban));
	assert_int_equal(page, 3);
	assert_false(ban);
	assert_true(entry("冬季供暖保障进行时 103", &page, &ban));
	assert_int_equal(page, 103);
	assert_true(entry("冬季供暖保障进行时 ３", &page, &ban));
	assert_int_equal(page, 3);
	for (i = 0; i < sizeof no / sizeof no[0]; i++) {
		page = -1;
		if (entry(no[i], &page, &ban))
			fail_msg("an entry: \"%s\" (page %d)", no[i], page);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_contents_entry),
		cmocka_unit_test(test_furniture_asked_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
