/*
 * test-probe.c: the cursor position report parser of the ambiguous-width
 * probe: the last complete report wins over typeahead and junk, and
 * anything malformed is no answer (-1), so the reader falls back to narrow.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "probe.h"

static int
parse(const char *s)
{
	return probe_parse_cpr(s, strlen(s));
}

static void
test_plain(void **state)
{
	assert_int_equal(parse("\033[2;2R"), 2);
	assert_int_equal(parse("\033[2;3R"), 3);
	assert_int_equal(parse("\033[17;120R"), 120);
}

static void
test_typeahead(void **state)
{
	/* keys typed before the answer, and an earlier stale report */
	assert_int_equal(parse("jjk\033[2;3R"), 3);
	assert_int_equal(parse("\033[5;9R\033[2;2R"), 2);
	assert_int_equal(parse("\033[A\033[3;3R"), 3);
}

static void
test_malformed(void **state)
{
	assert_int_equal(parse(""), -1);
	assert_int_equal(parse("\033[2;3"), -1);	/* cut short */
	assert_int_equal(parse("\033[;3R"), -1);	/* no row */
	assert_int_equal(parse("\033[2;R"), -1);	/* no column */
	assert_int_equal(parse("\033[2R"), -1);		/* one number */
	assert_int_equal(parse("[2;3R"), -1);		/* no ESC */
	assert_int_equal(parse("\033[2;x3R"), -1);
	assert_int_equal(parse("\033[2;99999999999999999999R"), -1);
}

static void
test_not_terminated(void **state)
{
	/* the parser must not read past len */
	const char buf[] = "\033[2;3R";

	assert_int_equal(probe_parse_cpr(buf, 5), -1);
	assert_int_equal(probe_parse_cpr(buf, 6), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_typeahead),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_not_terminated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
