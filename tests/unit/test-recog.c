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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_furniture_asked_once),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
