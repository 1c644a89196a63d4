/*
 * test-probe.c: the ambiguous-width probe's question and answers: the
 * question is built from the terminal's own strings and refused when it
 * cannot address the cursor or does not report it the ANSI way; the
 * answers are the fixed strings ui.c teaches curses, and only “ drawn two
 * columns wide means wide.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "probe.h"

#define CUP "\033[2;1H"
#define U7 "\033[6n"

static void
test_question(void **state)
{
	char buf[64];
	size_t n;

	(void)state;
	n = probe_question(buf, sizeof buf, CUP, U7);
	assert_int_equal(n, strlen(buf));
	assert_string_equal(buf, "\033[2;1H\xe2\x80\x9c\033[6n");
	/* padding is left out (vt100: cup=\E[%i%p1%d;%p2%dH$<5>); a '$' that
	 * is not padding stays */
	n = probe_question(buf, sizeof buf, "\033[2;1H$<5>", U7);
	assert_string_equal(buf, "\033[2;1H\xe2\x80\x9c\033[6n");
	n = probe_question(buf, sizeof buf, "$<1.5*/>\033[2;1H$<x>", U7);
	assert_string_equal(buf, "\033[2;1H$<x>\xe2\x80\x9c\033[6n");
	assert_int_equal(n, strlen(buf));
	/* no u7 in the entry (rxvt, ansi): an ANSI terminal is asked all the same */
	n = probe_question(buf, sizeof buf, CUP, NULL);
	assert_string_equal(buf, "\033[2;1H\xe2\x80\x9c\033[6n");
	/* no cursor addressing, or another kind: not asked */
	assert_int_equal(probe_question(buf, sizeof buf, NULL, U7), 0);
	assert_int_equal(probe_question(buf, sizeof buf, "\033=!!", NULL), 0);
	/* a report in another form could not be told from keys */
	assert_int_equal(probe_question(buf, sizeof buf, CUP, "\033[?6n"), 0);
	/* too small a buffer: nothing half written */
	assert_int_equal(probe_question(buf, 10, CUP, U7), 0);
}

static void
test_answers(void **state)
{
	char buf[16];

	(void)state;
	probe_answer(buf, sizeof buf, 2);
	assert_string_equal(buf, "\033[2;2R");
	probe_answer(buf, sizeof buf, 3);
	assert_string_equal(buf, "\033[2;3R");
	/* never row 1: ESC [ 1 ; 2 R is Shift-F3 */
	assert_int_equal(PROBE_ROW, 2);
	assert_int_equal(probe_width(1), WIDTH_NARROW); /* nothing drawn */
	assert_int_equal(probe_width(2), WIDTH_NARROW);
	assert_int_equal(probe_width(3), WIDTH_WIDE);
	assert_int_equal(probe_width(4), WIDTH_NARROW);
}

static void
test_wanted(void **state)
{
	(void)state;
	assert_true(probe_wanted("xterm-256color"));
	assert_true(probe_wanted("tmux-256color"));
	assert_false(probe_wanted(NULL));
	assert_false(probe_wanted(""));
	assert_false(probe_wanted("dumb"));
	assert_false(probe_wanted("linux"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_question),
	    cmocka_unit_test(test_answers),
	    cmocka_unit_test(test_wanted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
