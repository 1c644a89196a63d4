/*
 * test-keys.c: the key table: DESIGN.md's defaults, rebinding ([keys]),
 * key names both ways, help text. No curses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "keys.h"

/* DESIGN.md's key table, key by key (plus F1 for help and C-l redraw). */
static const struct {
	int key;
	enum action action;
} design_keys[] = {
    {'1', ACTION_FRONT},
    {'2', ACTION_CONTENTS},
    {'3', ACTION_ARTICLE},
    {KEYS_TAB, ACTION_NEXT_PANE},
    {KEYS_BTAB, ACTION_PREV_PANE},
    {'j', ACTION_DOWN},
    {KEYS_DOWN, ACTION_DOWN},
    {'k', ACTION_UP},
    {KEYS_UP, ACTION_UP},
    {' ', ACTION_PAGE_DOWN},
    {KEYS_PGDN, ACTION_PAGE_DOWN},
    {'f', ACTION_PAGE_DOWN},
    {'b', ACTION_PAGE_UP},
    {KEYS_PGUP, ACTION_PAGE_UP},
    {'g', ACTION_TOP},
    {KEYS_HOME, ACTION_TOP},
    {'G', ACTION_BOTTOM},
    {KEYS_END, ACTION_BOTTOM},
    {'%', ACTION_PERCENT},
    {':', ACTION_GOTO_PAGE},
    {KEYS_ENTER, ACTION_OPEN},
    {KEYS_RIGHT, ACTION_OPEN},
    {'l', ACTION_OPEN},
    {'<', ACTION_SCROLL_LEFT},
    {'>', ACTION_SCROLL_RIGHT},
    {'c', ACTION_CONTINUE},
    {KEYS_BACKSPACE, ACTION_BACK},
    {KEYS_LEFT, ACTION_BACK},
    {'h', ACTION_BACK},
    {']', ACTION_NEXT_ARTICLE},
    {'[', ACTION_PREV_ARTICLE},
    {'}', ACTION_NEXT_PAGE},
    {'{', ACTION_PREV_PAGE},
    {'/', ACTION_SEARCH},
    {'n', ACTION_SEARCH_NEXT},
    {'N', ACTION_SEARCH_PREV},
    {'S', ACTION_ARCHIVE_SEARCH},
    {'m', ACTION_MARK},
    {'\'', ACTION_GOTO_MARK},
    {'T', ACTION_SWITCH_SCRIPT},
    {'s', ACTION_SAVE},
    {'|', ACTION_PIPE},
    {'y', ACTION_YANK},
    {'z', ACTION_FULL_SCREEN},
    {'v', ACTION_WHOLE_PAGE},
    {'o', ACTION_OPEN_URL},
    {'u', ACTION_NEXT_UNREAD},
    {'i', ACTION_IMAGES},
    {'?', ACTION_HELP},
    {KEYS_F1, ACTION_HELP},
    {'q', ACTION_QUIT},
    {'Q', ACTION_QUIT_NOW},
    {12, ACTION_REDRAW}, /* C-l */
};

#define NDESIGN (sizeof design_keys / sizeof design_keys[0])

static int
setup(void **state)
{
	(void)state;
	keys_init();
	return 0;
}

/* Hints on screen name the live bindings (issue 14, defect 2). */
static void
test_hint_follows_bindings(void **state)
{
	char k[32], *err = NULL;

	(void)state;
	assert_string_equal(keys_hint(ACTION_QUIT, k, sizeof k), "q");
	assert_string_equal(keys_hint(ACTION_NEXT_PAGE, k, sizeof k), "}");
	assert_int_equal(keys_bind("quit", "x", &err), 0);
	assert_string_equal(keys_hint(ACTION_QUIT, k, sizeof k), "x");
	assert_int_equal(keys_bind("search", "none", &err), 0);
	assert_null(keys_hint(ACTION_SEARCH, k, sizeof k));
	keys_init();
}

static void
test_defaults_match_design(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < NDESIGN; i++) {
		char name[32];

		keys_name(design_keys[i].key, name, sizeof name);
		if (keys_lookup(design_keys[i].key) != design_keys[i].action)
			fail_msg(
			    "key %s: got %s, want %s", name,
			    keys_action_name(keys_lookup(design_keys[i].key)),
			    keys_action_name(design_keys[i].action));
	}
	/* Unbound keys give nothing. */
	assert_int_equal(keys_lookup('x'), ACTION_NONE);
	assert_int_equal(keys_lookup(KEYS_DELETE), ACTION_NONE);
	assert_int_equal(keys_lookup(0x4e0b), ACTION_NONE);
	assert_int_equal(keys_lookup(-5), ACTION_NONE);
}

/* Every default binding is one of DESIGN.md's, and no key means two things. */
static void
test_defaults_no_key_twice(void **state)
{
	int keys[KEYS_PER_ACTION], seen[64];
	size_t nseen = 0, n, i, j, k;
	int a;

	(void)state;
	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		n = keys_for_action((enum action)a, keys, KEYS_PER_ACTION);
		assert_true(n > 0);
		for (i = 0; i < n; i++) {
			for (j = 0; j < nseen; j++)
				assert_int_not_equal(seen[j], keys[i]);
			assert_true(nseen < 64);
			seen[nseen++] = keys[i];
			assert_int_equal(keys_lookup(keys[i]), a);
			for (k = 0; k < NDESIGN; k++)
				if (design_keys[k].key == keys[i])
					break;
			assert_true(k < NDESIGN);
		}
	}
	assert_int_equal(nseen, NDESIGN);
}

static void
test_default_spec_order(void **state)
{
	int keys[KEYS_PER_ACTION];
	size_t n;

	(void)state;
	n = keys_for_action(ACTION_PAGE_DOWN, keys, KEYS_PER_ACTION);
	assert_int_equal(n, 3);
	assert_int_equal(keys[0], ' ');
	assert_int_equal(keys[1], KEYS_PGDN);
	assert_int_equal(keys[2], 'f');
	assert_string_equal(keys_default_spec(ACTION_PAGE_DOWN),
	                    "Space PgDn f");
	/* max limits what is returned. */
	assert_int_equal(keys_for_action(ACTION_PAGE_DOWN, keys, 1), 1);
	assert_int_equal(keys[0], ' ');
}

static void
test_rebind(void **state)
{
	int keys[KEYS_PER_ACTION];
	char *err = NULL;

	(void)state;
	assert_int_equal(keys_bind("down", "x Down", &err), 0);
	assert_null(err);
	assert_int_equal(keys_lookup('x'), ACTION_DOWN);
	assert_int_equal(keys_lookup(KEYS_DOWN), ACTION_DOWN);
	/* The action's old key is gone: the spec replaces, not adds. */
	assert_int_equal(keys_lookup('j'), ACTION_NONE);
	assert_int_equal(keys_for_action(ACTION_DOWN, keys, KEYS_PER_ACTION),
	                 2);
	assert_int_equal(keys[0], 'x');
	assert_int_equal(keys[1], KEYS_DOWN);
	/* Case-insensitive action names (iniparser lower-cases anyway). */
	assert_int_equal(keys_bind("Page-Up", "u", &err), 0);
	assert_int_equal(keys_lookup('u'), ACTION_PAGE_UP);
	assert_int_equal(keys_lookup('b'), ACTION_NONE);
	/* keys_init puts the defaults back. */
	keys_init();
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
	assert_int_equal(keys_lookup('x'), ACTION_NONE);
	assert_int_equal(keys_lookup('b'), ACTION_PAGE_UP);
}

static void
test_rebind_steals_key(void **state)
{
	int keys[KEYS_PER_ACTION];
	size_t n, i;
	char *err = NULL;

	(void)state;
	/* j moves from down to quit: it must no longer scroll. */
	assert_int_equal(keys_bind("quit", "j", &err), 0);
	assert_int_equal(keys_lookup('j'), ACTION_QUIT);
	assert_int_equal(keys_lookup('q'), ACTION_NONE);
	n = keys_for_action(ACTION_DOWN, keys, KEYS_PER_ACTION);
	assert_int_equal(n, 1);
	assert_int_equal(keys[0], KEYS_DOWN);
	for (i = 0; i < n; i++)
		assert_int_not_equal(keys[i], 'j');
	/* A special key and a CJK character can be taken too. */
	assert_int_equal(keys_bind("search", "下 / F1", &err), 0);
	assert_int_equal(keys_lookup(0x4e0b), ACTION_SEARCH);
	assert_int_equal(keys_lookup(KEYS_F1), ACTION_SEARCH);
	n = keys_for_action(ACTION_HELP, keys, KEYS_PER_ACTION);
	assert_int_equal(n, 1);
	assert_int_equal(keys[0], '?');
	/* Moving it again leaves no trace of the first binding. */
	assert_int_equal(keys_bind("help", "下", &err), 0);
	assert_int_equal(keys_lookup(0x4e0b), ACTION_HELP);
	n = keys_for_action(ACTION_SEARCH, keys, KEYS_PER_ACTION);
	assert_int_equal(n, 2);
}

static void
test_unbind_and_limits(void **state)
{
	int keys[KEYS_PER_ACTION];
	char *err = NULL;

	(void)state;
	assert_int_equal(keys_bind("continue", "none", &err), 0);
	assert_int_equal(keys_lookup('c'), ACTION_NONE);
	assert_int_equal(
	    keys_for_action(ACTION_CONTINUE, keys, KEYS_PER_ACTION), 0);
	/* Duplicates collapse. */
	assert_int_equal(keys_bind("top", "g g Home g", &err), 0);
	assert_int_equal(keys_for_action(ACTION_TOP, keys, KEYS_PER_ACTION), 2);
	/* More than KEYS_PER_ACTION distinct keys is refused, whole. */
	assert_int_equal(keys_bind("top", "a b c d e f g h i", &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "too many"));
	free(err);
	assert_int_equal(keys_lookup('a'), ACTION_NONE);
	assert_int_equal(keys_lookup('g'), ACTION_TOP);
	assert_int_equal(keys_lookup('f'), ACTION_PAGE_DOWN);
}

static void
test_bad_names(void **state)
{
	static const char *const bad_keys[] = {
	    "",     "Foo",  "C-",       "C-1",    "C-ab",     "ab",   "\x01",
	    "\x7f", "\xff", "\xe4\xb8", "U+D800", "U+110000", "U+12", "U+XYZW",
	    " ",    "下下", "\xc2\x85", "S-",     "F13"};
	char *err = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad_keys / sizeof bad_keys[0]; i++)
		if (keys_parse(bad_keys[i]) != -1)
			fail_msg("keys_parse accepted bad name %zu", i);
	assert_int_equal(keys_parse(NULL), -1);

	assert_int_equal(keys_bind("down", "j Foo", &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, "Foo"));
	free(err);
	/* A refused spec changes nothing. */
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);

	assert_int_equal(keys_bind("no-such-action", "j", &err), -1);
	assert_non_null(strstr(err, "no-such-action"));
	free(err);
	assert_int_equal(keys_bind("down", "", &err), -1);
	free(err);
	assert_int_equal(keys_bind("down", "none j", &err), -1);
	free(err);
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);

	/* An escape sequence in a bad name never comes back raw. */
	assert_int_equal(keys_bind("down", "\x1b[31mX", &err), -1);
	assert_null(strchr(err, '\x1b'));
	free(err);
	assert_int_equal(keys_bind("\x1b]0;t\x07", "j", &err), -1);
	assert_null(strchr(err, '\x1b'));
	assert_null(strchr(err, '\x07'));
	free(err);
}

/* A key name with a control character says so, not "unknown key name ''"
 * (the message drops the escape sequence it would have quoted). */
static void
test_control_bytes(void **state)
{
	static const struct {
		const char *spec, *why;
	} cases[] = {
	    {"\x1b[A",
	     "key name '\xef\xbf\xbd[A' contains a control byte (0x1b)"},
	    {"j \x1b",
	     "key name '\xef\xbf\xbd' contains a control byte (0x1b)"},
	    {"C-\x01", "contains a control byte (0x01)"},
	    {"x\x7f", "contains a control byte (0x7f)"},
	    {"k\xc2\x9b", "contains a control character (U+009B)"},
	    {"\xffq", "is not valid UTF-8"},
	};
	char *err = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(keys_bind("down", cases[i].spec, &err), -1);
		assert_non_null(err);
		if (strstr(err, cases[i].why) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err,
			         cases[i].why);
		assert_null(strstr(err, "''"));
		free(err);
		err = NULL;
	}
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
}

/* keys_bind_taking tells which keys another action had. */
static void
test_bind_taking(void **state)
{
	struct keys_taken t[KEYS_PER_ACTION];
	size_t n = 99;
	char *err = NULL;

	(void)state;
	assert_int_equal(keys_bind_taking("continue", "f c x", t, &n, &err), 0);
	assert_int_equal(n, 1); /* c was its own, x nobody's */
	assert_int_equal(t[0].key, 'f');
	assert_int_equal(t[0].from, ACTION_PAGE_DOWN);
	assert_int_equal(keys_lookup('f'), ACTION_CONTINUE);
	assert_int_equal(keys_bind_taking("search", "q Q /", t, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(t[0].from, ACTION_QUIT);
	assert_int_equal(t[1].from, ACTION_QUIT_NOW);
	/* A refused spec takes nothing. */
	assert_int_equal(keys_bind_taking("help", "j Foo", t, &n, &err), -1);
	assert_int_equal(n, 0);
	free(err);
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
}

static void
check_round_trip(const char *name, int want)
{
	char buf[32];
	int k = keys_parse(name);

	if (k != want)
		fail_msg("keys_parse(\"%s\") = %d, want %d", name, k, want);
	keys_name(k, buf, sizeof buf);
	if (strcmp(buf, name) != 0)
		fail_msg("keys_name(%d) = \"%s\", want \"%s\"", k, buf, name);
}

static void
test_names_round_trip(void **state)
{
	static const struct {
		const char *name;
		int key;
	} special[] = {
	    {"Space", ' '},
	    {"Tab", KEYS_TAB},
	    {"S-Tab", KEYS_BTAB},
	    {"Enter", KEYS_ENTER},
	    {"Backspace", KEYS_BACKSPACE},
	    {"Delete", KEYS_DELETE},
	    {"Esc", KEYS_ESC},
	    {"Up", KEYS_UP},
	    {"Down", KEYS_DOWN},
	    {"Left", KEYS_LEFT},
	    {"Right", KEYS_RIGHT},
	    {"PgUp", KEYS_PGUP},
	    {"PgDn", KEYS_PGDN},
	    {"Home", KEYS_HOME},
	    {"End", KEYS_END},
	    {"F1", KEYS_F1},
	    {"下", 0x4e0b},
	    {"é", 0xe9},
	    {"，", 0xff0c},
	    {"😀", 0x1f600},
	};
	char name[8], buf[32];
	size_t i;
	int c, k;

	(void)state;
	/* Every printable ASCII character names itself. */
	for (c = 0x21; c < 0x7f; c++) {
		name[0] = (char)c;
		name[1] = '\0';
		check_round_trip(name, c);
	}
	for (c = 'a'; c <= 'z'; c++) {
		snprintf(name, sizeof name, "C-%c", c);
		check_round_trip(name, c - 'a' + 1);
	}
	for (i = 0; i < sizeof special / sizeof special[0]; i++)
		check_round_trip(special[i].name, special[i].key);

	/* And every code keys_name can write reads back as itself. */
	for (k = 0; k < 0x3000; k++) {
		if (k >= 0xd800 && k <= 0xdfff)
			continue;
		keys_name(k, buf, sizeof buf);
		if (keys_parse(buf) != k)
			fail_msg("code %d: name \"%s\" reads as %d", k, buf,
			         keys_parse(buf));
	}
	for (k = KEYS_UP; k <= KEYS_F1; k++)
		assert_int_equal(keys_parse(keys_name(k, buf, sizeof buf)), k);
	/* Codes with no name of their own: U+XXXX. */
	assert_string_equal(keys_name(27, buf, sizeof buf), "U+001B");
	assert_string_equal(keys_name(0x85, buf, sizeof buf), "U+0085");
	assert_string_equal(keys_name(-1, buf, sizeof buf), "?");
}

static void
test_aliases_and_case(void **state)
{
	(void)state;
	assert_int_equal(keys_parse("space"), ' ');
	assert_int_equal(keys_parse("PGDN"), KEYS_PGDN);
	assert_int_equal(keys_parse("PageDown"), KEYS_PGDN);
	assert_int_equal(keys_parse("PageUp"), KEYS_PGUP);
	assert_int_equal(keys_parse("Return"), KEYS_ENTER);
	assert_int_equal(keys_parse("Escape"), KEYS_ESC);
	assert_int_equal(keys_parse("BTab"), KEYS_BTAB);
	assert_int_equal(keys_parse("C-L"), 12);
	assert_int_equal(keys_parse("c-l"), 12);
	assert_int_equal(keys_parse("u+4E0B"), 0x4e0b);
	/* Single letters keep their case. */
	assert_int_equal(keys_parse("n"), 'n');
	assert_int_equal(keys_parse("N"), 'N');
}

static void
test_actions_help(void **state)
{
	int a, b;

	(void)state;
	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		const char *name = keys_action_name((enum action)a);
		const char *help = keys_action_help((enum action)a);

		assert_non_null(name);
		assert_true(strlen(name) > 0);
		assert_non_null(help);
		assert_true(strlen(help) > 0);
		assert_true(strlen(keys_default_spec((enum action)a)) > 0);
		assert_int_equal(keys_action_parse(name), a);
		for (b = a + 1; b < ACTION_COUNT; b++)
			assert_string_not_equal(
			    name, keys_action_name((enum action)b));
	}
	assert_int_equal(keys_action_parse("nonsense"), ACTION_NONE);
	assert_string_equal(keys_action_name(ACTION_COUNT), "?");
	assert_string_equal(keys_action_help((enum action) - 1), "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_defaults_match_design, setup),
	    cmocka_unit_test_setup(test_hint_follows_bindings, setup),
	    cmocka_unit_test_setup(test_defaults_no_key_twice, setup),
	    cmocka_unit_test_setup(test_default_spec_order, setup),
	    cmocka_unit_test_setup(test_rebind, setup),
	    cmocka_unit_test_setup(test_rebind_steals_key, setup),
	    cmocka_unit_test_setup(test_unbind_and_limits, setup),
	    cmocka_unit_test_setup(test_bad_names, setup),
	    cmocka_unit_test_setup(test_control_bytes, setup),
	    cmocka_unit_test_setup(test_bind_taking, setup),
	    cmocka_unit_test_setup(test_names_round_trip, setup),
	    cmocka_unit_test_setup(test_aliases_and_case, setup),
	    cmocka_unit_test_setup(test_actions_help, setup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
