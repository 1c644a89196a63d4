/*
 * test-width.c: unit tests of width.c, and proof that the wcwidth() in
 * width-export.c (linked into this binary) is the one ncursesw calls. This
 * is the only unit test that includes <curses.h>; it draws on an off-screen
 * pad of a terminal whose output goes to /dev/null.
 */
/* Test vectors are laid out by hand: adjacent literals stay on one line. */
/* clang-format off */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>
#include <curses.h>

#include <unigbrk.h>
#include <unistr.h>

#include "width.h"

#include "width-table.h"

static int
setup_narrow(void **state)
{
	width_set_ambiguous(WIDTH_NARROW);
	return 0;
}

/* “ ” … and —— drawn two columns wide */
static int
setup_wide(void **state)
{
	width_set_ambiguous(WIDTH_WIDE);
	return 0;
}

static void
test_width_cp(void **state)
{
	assert_int_equal(width_cp(0x4e2d), 2);   /* 中 */
	assert_int_equal(width_cp(0xff0c), 2);   /* ， */
	assert_int_equal(width_cp(0x3002), 2);   /* 。 */
	assert_int_equal(width_cp(0x201c), 1);   /* “ */
	assert_int_equal(width_cp(0x2014), 1);   /* — */
	assert_int_equal(width_cp(0x2026), 1);   /* … */
	assert_int_equal(width_cp(0x00b7), 1);   /* · */
	assert_int_equal(width_cp(0x2460), 1);   /* ① */
	assert_int_equal(width_cp(0x00e9), 1);   /* é */
	assert_int_equal(width_cp('a'), 1);
	assert_int_equal(width_cp(0x200d), 0);   /* ZWJ */
	assert_int_equal(width_cp(0x0301), 0);   /* combining acute */
	assert_int_equal(width_cp(0x1b), 0);     /* controls count 0 */
	assert_int_equal(width_cp(0x7f), 0);
	assert_int_equal(width_cp(0x9b), 0);
	assert_int_equal(width_cp(0x1f600), 2);  /* 😀 */
	assert_int_equal(width_cp(0xfffd), 1);
}

static void
test_wcwidth_contract(void **state)
{
	assert_int_equal(width_wcwidth(0), 0);
	assert_int_equal(width_wcwidth(0x1b), -1);
	assert_int_equal(width_wcwidth('\n'), -1);
	assert_int_equal(width_wcwidth(0x7f), -1);
	assert_int_equal(width_wcwidth(0x85), -1);
	assert_int_equal(width_wcwidth(0x9f), -1);
	assert_int_equal(width_wcwidth(0xa0), 1);
	assert_int_equal(width_wcwidth(0x4e2d), 2);
}

static void
test_narrow_wide(void **state)
{
	width_set_ambiguous(WIDTH_WIDE);
	assert_int_equal(width_get_ambiguous(), WIDTH_WIDE);
	assert_int_equal(width_cp(0x201c), 2);   /* “ */
	assert_int_equal(width_cp(0x201d), 2);   /* ” */
	assert_int_equal(width_cp(0x2014), 2);   /* — */
	assert_int_equal(width_cp(0x2026), 2);   /* … */
	assert_int_equal(width_cp(0x00b7), 2);   /* · */
	assert_int_equal(width_cp(0x2460), 2);   /* ① */
	assert_int_equal(width_cp(0x00e9), 2);   /* é is A */
	assert_int_equal(width_cp(0x4e2d), 2);   /* 中: W either way */
	assert_int_equal(width_cp('a'), 1);      /* Na stays narrow */
	assert_int_equal(width_cp(0x00a2), 1);   /* ¢ is Na, not A */
	assert_int_equal(width_cp(0x22ef), 1);   /* ⋯ is N */
	assert_int_equal(width_cp(0x0301), 0);   /* a mark stays 0 */
	assert_int_equal(width_cp(0xff61), 1);   /* ｡ half-width */
	width_set_ambiguous(WIDTH_NARROW);
	assert_int_equal(width_get_ambiguous(), WIDTH_NARROW);
	assert_int_equal(width_cp(0x201c), 1);
	assert_int_equal(width_cp(0x4e2d), 2);
	assert_int_equal(width_cp(0x00e9), 1);
	/* AUTO is never stored: it falls back to narrow */
	width_set_ambiguous(WIDTH_AUTO);
	assert_int_equal(width_get_ambiguous(), WIDTH_NARROW);
}

static void
test_is_ambiguous(void **state)
{
	static const uint32_t yes[] = {
		0x201c, 0x201d, 0x2018, 0x2019, 0x2014, 0x2026, 0x00b7,
		0x2460, 0x25cb, 0x25cf, 0x2192, 0x00a7, 0x00b0, 0x2103,
		0x00e9, 0x03b1, 0x0410, 0x2500, 0x00a1,
	};
	static const uint32_t no[] = {
		'a', ' ', 0x4e2d, 0xff0c, 0x3002, 0x3001, 0x300a, 0x22ef,
		0x2e3a, 0x25ba, 0xff65, 0x00a2, 0x0000, 0x3000,
	};
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_true(width_is_ambiguous(yes[i]));
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_false(width_is_ambiguous(no[i]));
}

static void
test_table_sorted(void **state)
{
	size_t n = sizeof width_ambiguous_table /
	    sizeof width_ambiguous_table[0], i;

	assert_true(n > 100);
	for (i = 0; i < n; i++) {
		assert_true(width_ambiguous_table[i].first <=
		    width_ambiguous_table[i].last);
		assert_true(width_ambiguous_table[i].last <= 0x10ffff);
		if (i > 0)
			assert_true(width_ambiguous_table[i - 1].last <
			    width_ambiguous_table[i].first);
		/* the binary search finds both ends of every range */
		assert_true(width_is_ambiguous(width_ambiguous_table[i].first));
		assert_true(width_is_ambiguous(width_ambiguous_table[i].last));
	}
}

static void
test_width_str(void **state)
{
	assert_int_equal(width_str("", 0), 0);
	assert_int_equal(width_str("abc", 3), 3);
	assert_int_equal(width_str("a中“é", strlen("a中“é")), 5);
	assert_int_equal(width_str("e\xcc\x81", 3), 1);
	assert_int_equal(width_str("a\x1b[1mb", 6), 5);  /* ESC counts 0 */
	/* an invalid byte is U+FFFD, one column each */
	assert_int_equal(width_str("a\xff" "b", 3), 3);
	assert_int_equal(width_str("\xe4\xb8", 2), 1);   /* truncated 中 */
	assert_int_equal(width_str("\x80\x80", 2), 2);
	width_set_ambiguous(WIDTH_WIDE);
	assert_int_equal(width_str("a中“é", strlen("a中“é")), 7);
	width_set_ambiguous(WIDTH_NARROW);
}

static void
check_fit(const char *s, int cols, size_t want, int want_used)
{
	int used = -1;
	size_t got = width_fit(s, strlen(s), cols, &used);

	if (got != want || used != want_used)
		print_error("width_fit(\"%s\", %d) = %zu (%d cols), want %zu "
		    "(%d)\n", s, cols, got, used, want, want_used);
	assert_int_equal(got, want);
	assert_int_equal(used, want_used);
}

static void
test_width_fit(void **state)
{
	/* exact at the edges */
	check_fit("abcd", 4, 4, 4);
	check_fit("abcd", 3, 3, 3);
	check_fit("abcd", 0, 0, 0);
	check_fit("abcd", 9, 4, 4);
	check_fit("", 5, 0, 0);
	/* a wide character never straddles the edge */
	check_fit("abc中", 4, 3, 3);
	check_fit("abc中", 5, 6, 5);
	check_fit("中文", 3, 3, 2);
	check_fit("中文", 1, 0, 0);
	/* e + U+0301 is one cluster */
	check_fit("ae\xcc\x81" "b", 1, 1, 1);
	check_fit("ae\xcc\x81" "b", 2, 4, 2);
	check_fit("ae\xcc\x81" "b", 3, 5, 3);
	/* 🇨🇳: two regional indicators, one cluster of two columns */
	check_fit("a\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3", 2, 1, 1);
	check_fit("a\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3", 3, 9, 3);
	/* used may be NULL */
	assert_int_equal(width_fit("abc", 3, 2, NULL), 2);
}

static void
test_width_fit_long(void **state)
{
	/* longer than width_fit's stack buffer: 300 ideographs */
	char s[300 * 3 + 1];
	int i, used;

	for (i = 0; i < 300; i++)
		memcpy(s + 3 * i, "中", 3);
	s[900] = '\0';
	assert_int_equal(width_fit(s, 900, 401, &used), 600);
	assert_int_equal(used, 400);
	assert_int_equal(width_fit(s, 900, 600, &used), 900);
	assert_int_equal(used, 600);
}

/* width_fit the plain way: every cluster of all of s broken at once. */
static size_t
fit_whole(const char *s, size_t len, int cols, int *used)
{
	static char brk[8192];
	const uint8_t *u = (const uint8_t *)s;
	size_t i = 0, fit = 0;
	int w = 0;

	assert_true(len <= sizeof brk);
	u8_grapheme_breaks(u, len, brk);
	*used = 0;
	while (i < len) {
		size_t j = i;
		int cw = 0;

		do {
			ucs4_t c;

			j += (size_t)u8_mbtouc(&c, u + j, len - j);
			cw += width_cp(c);
		} while (j < len && !brk[j]);
		if (w + cw > cols)
			break;
		w += cw;
		i = fit = j;
		*used = w;
	}
	return fit;
}

/* width_fit against fit_whole on 400 random texts of pieces, at 0..139
 * columns; every 40th text starts with a base and 200 marks. */
static void
fit_rounds(const char *const *pieces, size_t npieces, unsigned seed)
{
	static char s[8192];
	int round, cols;

	for (round = 0; round < 400; round++) {
		size_t len = 0, k, n;

		/* up to 1,200 pieces */
		n = (seed = seed * 1103515245u + 12345u) % 1200;
		if (round % 40 == 0) {
			s[len++] = 'x';
			for (k = 0; k < 200; k++, len += 2)
				memcpy(s + len, "\xcc\x81", 2);
		}
		for (k = 0; k < n; k++) {
			const char *p;

			seed = seed * 1103515245u + 12345u;
			p = pieces[(seed >> 16) % npieces];
			if (len + strlen(p) >= sizeof s)
				break;
			memcpy(s + len, p, strlen(p));
			len += strlen(p);
		}
		for (cols = 0; cols < 140; cols += 1 + cols / 8) {
			int used, want_used;
			size_t want = fit_whole(s, len, cols, &want_used);

			if (width_fit(s, len, cols, &used) != want ||
			    used != want_used)
				fail_msg("round %d, %zu bytes, %d cols: %zu (%d), "
				    "want %zu (%d)", round, len, cols,
				    width_fit(s, len, cols, &used), used, want,
				    want_used);
		}
	}
}

static void
test_width_fit_prefix(void **state)
{
	/* width_fit breaks only a prefix of long text into clusters: it must
	 * cut where breaking all of it would, whatever crosses the prefix's
	 * end (a long run of combining marks, ZWJ emoji, flags) */
	static const char *const pieces[] = {
		"中", "a", " ", "，", "e\xcc\x81", "\xf0\x9f\x91\xa8\xe2\x80\x8d"
		"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7",
		"\xf0\x9f\x87\xa8", "\xf0\x9f\x87\xb3", "\xff", "\xe4\xb8",
		"\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81",
	};

	(void)state;
	fit_rounds(pieces, sizeof pieces / sizeof *pieces, 7);
}

/*
 * Chinese text, which width_fit measures without grapheme breaking
 * (alone_at), with now and then what joins: a mark after an ideograph,
 * CR LF, a tone mark (U+302A) and a half-width sound mark (U+FF9E) just
 * past the ranges taken as alone, and a ZWJ.
 */
static void
test_width_fit_cjk(void **state)
{
	static const char *const alone[] = {
		"中", "国", "，", "。", "“", "”", "…", "——", "\xe3\x80\x80",
		"Ａ", "ｶ", "a", "1", " ", "\n", "\t", "文", "字", "、", "〩",
	};
	static const char *const joins[] = {
		"\xcc\x81", "\r\n", "\xe3\x80\xaa", "\xef\xbe\x9e",
		"\xe2\x80\x8d", "\r",
	};
	/* one piece in 32 joins: about half of the prefixes width_fit
	 * measures hold none */
	const size_t nalone = sizeof alone / sizeof *alone;
	const char *pieces[6 * 32];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof pieces / sizeof *pieces; i++)
		pieces[i] = i % 32 == 0 ? joins[i / 32] : alone[i % nalone];
	fit_rounds(pieces, sizeof pieces / sizeof *pieces, 11);
}

/* width_alone_breaks against u8_grapheme_breaks on the texts of
 * test_width_fit_cjk's pieces: the same breaks whenever it says yes, and
 * yes for every text without a joining piece. */
static void
test_width_alone_breaks(void **state)
{
	static const char *const pieces[] = {
		"中", "，", "“", "…", "\xe3\x80\x80", "Ａ", "ｶ", "a", " ", "\n",
		"\xcc\x81", "\r\n", "\xe3\x80\xaa", "\xef\xbe\x9e",
	};
	char s[256], got[256], want[256];
	unsigned seed = 5;
	int round;

	(void)state;
	for (round = 0; round < 4000; round++) {
		size_t len = 0, k, n = (seed = seed * 1103515245u + 12345u) % 40;
		bool joins = false;

		for (k = 0; k < n; k++) {
			size_t i;

			seed = seed * 1103515245u + 12345u;
			/* a joining piece one time in 16 */
			i = (seed >> 16) % 16 == 0 ? 10 + (seed >> 20) % 4
			                           : (seed >> 20) % 10;
			joins |= i >= 10;
			memcpy(s + len, pieces[i], strlen(pieces[i]));
			len += strlen(pieces[i]);
		}
		if (len == 0)
			continue;
		u8_grapheme_breaks((const uint8_t *)s, len, want);
		if (width_alone_breaks(s, len, got))
			assert_memory_equal(got, want, len);
		else
			assert_true(joins);
		if (!joins)
			assert_true(width_alone_breaks(s, len, got));
	}
}

/* width_cp's inline ranges against width_cp_general, for every code
 * point, with ambiguous characters narrow and wide. */
static void
test_width_cp_all(void **state)
{
	uint32_t c;
	int mode;

	(void)state;
	for (mode = 0; mode < 2; mode++) {
		width_set_ambiguous(mode ? WIDTH_WIDE : WIDTH_NARROW);
		for (c = 0; c <= 0x10ffff; c++)
			if (width_cp(c) != width_cp_general(c))
				fail_msg("U+%04X: %d, not %d (%s)", (unsigned)c,
				         width_cp(c), width_cp_general(c),
				         mode ? "wide" : "narrow");
	}
	width_set_ambiguous(WIDTH_NARROW);
}

/* The ranges width_fit takes as clusters by themselves, against
 * libunistring's grapheme break property of every code point. */
static void
test_width_alone(void **state)
{
	uint32_t c;
	size_t n = 0;

	(void)state;
	for (c = 0; c <= 0x10ffff; c++) {
		if (!width_alone_cjk(c))
			continue;
		n++;
		if (uc_graphemeclusterbreak_property(c) != GBP_OTHER)
			fail_msg("U+%04X joins, or is a control", (unsigned)c);
	}
	assert_int_equal(n, 0x5200 + 0x2a + 0x9d + 0x18);
	assert_false(width_alone_cjk(0x302a));
	assert_false(width_alone_cjk(0xff9e));
	assert_false(width_alone_cjk(0x2028));
	assert_false(width_alone_cjk(0x200d));
}

/* Draw s on an off-screen pad and return ncurses' cursor column. */
static int
curses_advance(const char *s)
{
	FILE *out = fopen("/dev/null", "w");
	FILE *in = fopen("/dev/null", "r");
	SCREEN *sp;
	WINDOW *pad;
	int x;

	assert_non_null(out);
	assert_non_null(in);
	sp = newterm("xterm-256color", out, in);
	assert_non_null(sp);
	pad = newpad(1, 40);
	assert_non_null(pad);
	assert_int_equal(waddstr(pad, s), OK);
	x = getcurx(pad);
	delwin(pad);
	endwin();
	delscreen(sp);
	fclose(out);
	fclose(in);
	return x;
}

static void
test_interposition(void **state)
{
	const char *s = "\xe2\x80\x9c中\xe2\x80\x9d" "ab";    /* “中”ab */

	/* ncurses counts “ as 2 only if it calls our wcwidth() */
	width_set_ambiguous(WIDTH_WIDE);
	assert_int_equal(curses_advance(s), 8);
	assert_int_equal(wcwidth(L'\x201c'), 2);
	width_set_ambiguous(WIDTH_NARROW);
	assert_int_equal(curses_advance(s), 6);
	assert_int_equal(wcwidth(L'\x201c'), 1);
	/* and our -1 for controls reaches wcwidth */
	assert_int_equal(wcwidth(L'\x1b'), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_width_cp, setup_narrow),
		cmocka_unit_test_setup(test_wcwidth_contract, setup_narrow),
		cmocka_unit_test_setup(test_narrow_wide, setup_narrow),
		cmocka_unit_test_setup(test_is_ambiguous, setup_narrow),
		cmocka_unit_test_setup(test_table_sorted, setup_narrow),
		cmocka_unit_test_setup(test_width_str, setup_narrow),
		cmocka_unit_test_setup(test_width_fit, setup_narrow),
		cmocka_unit_test_setup(test_width_fit_long, setup_narrow),
		cmocka_unit_test_setup(test_width_fit_prefix, setup_narrow),
		cmocka_unit_test_setup(test_width_fit_cjk, setup_narrow),
		cmocka_unit_test_setup(test_width_fit_cjk, setup_wide),
		cmocka_unit_test(test_width_cp_all),
		cmocka_unit_test(test_width_alone),
		cmocka_unit_test(test_width_alone_breaks),
		cmocka_unit_test_setup(test_interposition, setup_narrow),
	};

	/* ncurses decodes UTF-8 only in a UTF-8 locale */
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
