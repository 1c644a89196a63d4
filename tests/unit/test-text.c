/*
 * test-text.c: unit tests of text.c. Every removal rule of text_sanitize
 * has its own case, compared byte by byte; then properties over random
 * bytes (fixed seed), the helpers, and search folding. No curses here.
 */
/* Test vectors are laid out by hand: adjacent literals stay on one line. */
/* clang-format off */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "buf.h"
#include "scan.h"
#include "text.h"
#include "url.h"
#include "xmalloc.h"

/* Sanitise n bytes and compare the result with want, byte by byte. */
static void
check_n(const char *in, size_t n, int flags, const char *want)
{
	size_t len = (size_t)-1;
	char *out = text_sanitize(in, n, flags, &len);

	if (len != strlen(want) || memcmp(out, want, len) != 0)
		print_error("input of %zu bytes: got \"%s\" (%zu), "
		    "want \"%s\"\n", n, out, len, want);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	assert_int_equal(out[len], '\0');
	free(out);
}

static void
check(const char *in, const char *want)
{
	check_n(in, strlen(in), 0, want);
}

static void
check_punct(const char *in, const char *want)
{
	check_n(in, strlen(in), TEXT_ASCII_PUNCT, want);
}

/* ---- escape sequences ---------------------------------------------------- */

static void
test_plain(void **state)
{
	check("hello, world\tok\n", "hello, world ok\n");
	check("据报道,该公司", "据报道,该公司");
	check("", "");
}

static void
test_csi(void **state)
{
	check("a\x1b[1;31mb\x1b[0mc", "abc");
	check("a\x1b[?1049hb", "ab");
	check("a\x1b[2Jb\x1b[Hc", "abc");
	/* intermediate byte: DECSCUSR "CSI 2 SP q" */
	check("a\x1b[2 qb", "ab");
}

static void
test_csi_aborted(void **state)
{
	/* A character that cannot be in a CSI ends it and is kept. */
	check("a\x1b[31\nb", "a\nb");
	check("a\x1b[中b", "a中b");
	/* unterminated at end of input */
	check("abc\x1b[", "abc");
	check("abc\x1b[1;2", "abc");
}

static void
test_osc_bel(void **state)
{
	check("a\x1b]0;pwned\x07" "b", "ab");
	check("a\x1b]52;c;cm0gLXJmIH4=\x07" "b", "ab");
}

static void
test_osc_st(void **state)
{
	check("a\x1b]2;title\x1b\\b", "ab");
	check("<\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\>", "<link>");
}

static void
test_osc_unterminated(void **state)
{
	char in[1024];
	char want[1024];

	/* Stops at the newline: only the sequence goes, the text stays. */
	check("a\x1b]0;title\nrest\n", "a\nrest\n");
	/* Stops after 512 body bytes. */
	memcpy(in, "\x1b]", 2);
	memset(in + 2, 'x', 600);
	memcpy(in + 602, "tail", 5);
	memset(want, 'x', 88);
	memcpy(want + 88, "tail", 5);
	check(in, want);
	/* The cap never resumes inside a character. */
	memcpy(in, "\x1b]", 2);
	memset(in + 2, 'x', 511);
	memcpy(in + 513, "中z", strlen("中z") + 1);
	check(in, "z");
	/* ESC inside a string ends it, and starts a sequence of its own. */
	check("\x1b]0;a\x1b[31mb", "b");
	/* CAN and SUB cancel */
	check("\x1b]0;a\x18" "b\x1b]0;a\x1a" "c", "bc");
	/* end of input */
	check("ok\x1b]0;never ends", "ok");
}

static void
test_dcs_apc_pm_sos(void **state)
{
	check("a\x1bP1$r0m\x1b\\b", "ab");
	check("a\x1bPq#0;2;0;0;0#0~~@@vv\x1b\\b", "ab");
	check("a\x1b_Gf=100,a=T;AAAA\x1b\\b", "ab");
	check("a\x1b^privacy\x1b\\b", "ab");
	check("a\x1bXstring\x1b\\b", "ab");
}

static void
test_esc_two_byte(void **state)
{
	check("a\x1b" "7b\x1b" "8c", "abc");
	check("a\x1b" "cb", "ab");
	check("a\x1b(Bb", "ab");     /* nF: ESC ( B */
	check("a\x1b#8b", "ab");     /* DECALN */
	check("a\x1b\x1b[31mb", "ab"); /* ESC ESC: first ESC alone */
	check("a\x1b中", "a中");       /* ESC + non-ASCII: ESC alone */
}

static void
test_esc_trailing(void **state)
{
	check("abc\x1b", "abc");
	check("\x1b", "");
	/* split in two reads: each half alone is safe */
	check("abc\x1b", "abc");
	check("[31mdef", "[31mdef");
}

static void
test_c1_8bit(void **state)
{
	check("a\xc2\x9b" "31mb", "ab");             /* U+009B CSI */
	check("a\xc2\x9d" "0;t\x07" "b", "ab");      /* U+009D OSC, BEL */
	check("a\xc2\x9d" "0;t\xc2\x9c" "b", "ab");  /* ... ST U+009C */
	check("a\xc2\x90" "1$r\xc2\x9c" "b", "ab");  /* U+0090 DCS */
	check("a\xc2\x9f" "apc\x1b\\b", "ab");       /* U+009F APC, ESC \ */
	check("a\xc2\x9e" "pm\xc2\x9c" "b", "ab");   /* U+009E PM */
	check("a\xc2\x98" "sos\xc2\x9c" "b", "ab");  /* U+0098 SOS */
}

static void
test_c1_each(void **state)
{
	uint32_t c;

	for (c = 0x80; c <= 0x9f; c++) {
		char in[8];

		if (c == 0x85 || c == 0x90 || c == 0x98 || c == 0x9b ||
		    c >= 0x9d)
			continue; /* own cases */
		in[0] = 'a';
		in[1] = (char)(0xc0 | (c >> 6));
		in[2] = (char)(0x80 | (c & 0x3f));
		in[3] = 'b';
		in[4] = '\0';
		check(in, "ab");
	}
}

static void
test_raw_9b(void **state)
{
	/* A raw 0x9B byte is invalid UTF-8: U+FFFD, never a CSI. */
	check("a\x9b" "31mb", "a\xef\xbf\xbd" "31mb");
}

/* ---- controls and line ends ---------------------------------------------- */

static void
test_c0(void **state)
{
	check("a\x07" "b", "ab");     /* BEL */
	check("x\by", "xy");         /* BS */
	check("a\x0b\x0c" "b", "ab"); /* VT FF */
	check("a\x7f" "b", "ab");     /* DEL */
	check("a\tb\nc", "a b\nc"); /* TAB: a space, never a tab stop */
}

static void
test_c0_each(void **state)
{
	int c;

	for (c = 0; c < 0x20; c++) {
		char in[4] = { 'a', (char)c, 'b', '\0' };

		if (c == '\t' || c == '\n' || c == '\r' || c == 0x1b)
			continue;
		check_n(in, 3, 0, "ab");
	}
}

static void
test_cr(void **state)
{
	check("1\r2", "1\n2");
	check("a\r\nb", "a\nb");
	check("a\r\r\nb", "a\n\nb");
	check("a\n\rb", "a\n\nb");
	check("end\r", "end\n");
}

static void
test_nul(void **state)
{
	check_n("a\0b\0", 4, 0, "ab");
	assert_true(text_has_nul("a\0b", 3));
	assert_false(text_has_nul("abc", 3));
	assert_false(text_has_nul("", 0));
}

static void
test_line_separators(void **state)
{
	check("a\xe2\x80\xa8" "b", "a\nb"); /* U+2028 */
	check("a\xe2\x80\xa9" "b", "a\nb"); /* U+2029 */
	check("a\xc2\x85" "b", "a\nb");     /* U+0085 NEL */
}

/* ---- invisible and reordering characters --------------------------------- */

static void
test_bidi(void **state)
{
	check("a\xe2\x80\xae" "cba", "acba");            /* RLO */
	check("a\xe2\x81\xa6" "b\xe2\x81\xa9" "c", "abc"); /* LRI PDI */
	check("a\xd8\x9c" "b", "ab");                    /* ALM */
	check("a\xe2\x80\x8e\xe2\x80\x8f" "b", "ab");    /* LRM RLM */
	check("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad" "x", "x");
	check("\xe2\x81\xa7\xe2\x81\xa8" "x", "x");      /* RLI FSI */
}

static void
test_bom(void **state)
{
	check("\xef\xbb\xbf" "中文", "中文");
	check("中\xef\xbb\xbf" "文", "中文");
}

static void
test_invisibles(void **state)
{
	check("co\xc2\xad" "operate", "cooperate");  /* SHY */
	check("中\xe2\x80\x8b" "文", "中文");          /* ZWSP */
	check("a\xe2\x81\xa0" "b", "ab");            /* WJ */
	check("a\xe2\x80\x8c" "b", "ab");            /* ZWNJ */
}

static void
test_emoji(void **state)
{
	/* ZWJ family 👨‍👩‍👧 → 👨👩👧 */
	check("\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
	      "\xf0\x9f\x91\xa7",
	    "\xf0\x9f\x91\xa8\xf0\x9f\x91\xa9\xf0\x9f\x91\xa7");
	/* VS16 in ❤️, VS15 in ☺︎ */
	check("\xe2\x9d\xa4\xef\xb8\x8f", "\xe2\x9d\xa4");
	check("\xe2\x98\xba\xef\xb8\x8e", "\xe2\x98\xba");
	/* skin tone: 👍🏽 → 👍, and each of the five modifiers */
	check("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", "\xf0\x9f\x91\x8d");
	check("\xf0\x9f\x8f\xbb\xf0\x9f\x8f\xbc\xf0\x9f\x8f\xbd"
	      "\xf0\x9f\x8f\xbe\xf0\x9f\x8f\xbf" "x",
	    "x");
	/* tags: 🏴 + gbeng + cancel tag → 🏴 */
	check("\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xa5"
	      "\xf3\xa0\x81\xae\xf3\xa0\x81\xa7\xf3\xa0\x81\xbf",
	    "\xf0\x9f\x8f\xb4");
	check("a\xf3\xa0\x80\x80" "b", "ab"); /* U+E0000 */
	/* flags (regional indicator pairs) stay */
	check("\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3", "\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3");
}

static void
test_combining_cap(void **state)
{
	char in[1 + 200 * 2 + 2], want[1 + 4 * 2 + 2];
	int i;

	/* x has no precomposed acute form, so NFC keeps x + marks apart. */
	in[0] = 'x';
	for (i = 0; i < 200; i++)
		memcpy(in + 1 + 2 * i, "\xcc\x81", 2);
	memcpy(in + 1 + 400, "y", 2);
	want[0] = 'x';
	for (i = 0; i < 4; i++)
		memcpy(want + 1 + 2 * i, "\xcc\x81", 2);
	memcpy(want + 9, "y", 2);
	check(in, want);
	/* Each base gets its own four. */
	check("x\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81"
	      "q\xcc\x81\xcc\x81",
	    "x\xcc\x81\xcc\x81\xcc\x81\xcc\x81q\xcc\x81\xcc\x81");
	/* A removed character between marks does not reset the count. */
	check("x\xcc\x81\xcc\x81\xe2\x80\x8d\xcc\x81\xcc\x81\xcc\x81",
	    "x\xcc\x81\xcc\x81\xcc\x81\xcc\x81");
	/* U+0344 decomposes into two marks under NFC: still four at most. */
	check("q\xcd\x84\xcd\x84\xcd\x84\xcd\x84",
	    "q\xcc\x88\xcc\x81\xcc\x88\xcc\x81");
}

/* ---- invalid UTF-8 ------------------------------------------------------- */

/* The number of U+FFFD for one bad sequence may change between libunistring
 * versions: accept one or more, nothing else, after 'a' (and before 'b'). */
static void
check_invalid_tail(const char *bad, const char *tail)
{
	char in[32];
	size_t len, i, t = strlen(tail);
	char *out;

	snprintf(in, sizeof in, "a%s%s", bad, tail);
	out = text_sanitize(in, strlen(in), 0, &len);
	assert_null(u8_check((const uint8_t *)out, len));
	assert_true(len >= 4 + t);
	assert_int_equal(out[0], 'a');
	assert_memory_equal(out + len - t, tail, t);
	assert_int_equal((len - 1 - t) % 3, 0);
	for (i = 1; i + t < len; i += 3)
		assert_memory_equal(out + i, "\xef\xbf\xbd", 3);
	free(out);
}

static void
check_invalid(const char *bad)
{
	check_invalid_tail(bad, "b");
	check_invalid_tail(bad, "");	/* at the end of input */
}

static void
test_invalid_utf8(void **state)
{
	check_invalid("\xc0\xaf");         /* overlong */
	check_invalid("\xc0\x80");         /* overlong NUL */
	check_invalid("\xed\xa0\x80");     /* surrogate */
	check_invalid("\xf5\x80\x80\x80"); /* > U+10FFFF */
	check_invalid("\xf4\x90\x80\x80"); /* U+110000 */
	check_invalid("\xe4\xb8");         /* truncated 中 */
	check_invalid("\x80");             /* lone continuation */
	check_invalid("\xff\xfe");
}

static void
test_unassigned(void **state)
{
	check("a\xcd\xb8" "b", "a\xef\xbf\xbd" "b");          /* U+0378 */
	check("a\xef\xbf\xbf" "b", "a\xef\xbf\xbd" "b");      /* U+FFFF */
	check("a\xf4\x8f\xbf\xbf" "b", "a\xef\xbf\xbd" "b");  /* U+10FFFF */
	check("a\xee\x80\x80" "b", "a\xee\x80\x80" "b");      /* PUA kept */
}

static void
test_nfc(void **state)
{
	check("cafe\xcc\x81", "caf\xc3\xa9");       /* e + U+0301 → é */
	check("\xef\xa4\x80", "\xe8\xb1\x88");      /* U+F900 → U+8C48 */
	/* full-width forms are not compatibility-folded for display */
	check("ＡＢＣ１２，。？", "ＡＢＣ１２，。？");
	/* a strip can let NFC compose: e ZWJ ◌́ → é */
	check("e\xe2\x80\x8d\xcc\x81", "\xc3\xa9");
}

/* ---- ASCII punctuation --------------------------------------------------- */

static void
test_punct(void **state)
{
	check_punct("道,该", "道，该");
	check_punct("据报道,该公司;记者:是?是!", "据报道，该公司；记者：是？是！");
	check_punct("3,000", "3,000");
	check_punct("10:30", "10:30");
	check_punct("共3,000元,于10:30", "共3,000元，于10:30");
	check_punct("表示,iPhone", "表示，iPhone");
	check_punct("12.5%,约", "12.5%，约");
	check_punct("说:\xe2\x80\x9c好", "说：\xe2\x80\x9c好");
	check_punct("真的?!", "真的？！");
	check_punct(",,中", "，，中");
	check_punct("a,b; c: d? e!", "a,b; c: d? e!");
	/* full-width digits keep the mark between them as ASCII digits do */
	check_punct("共１,２００元", "共１,２００元");
	check_punct("于３:００开幕", "于３:００开幕");
	check_punct("增长１.５倍", "增长１.５倍");
	check_punct("１,2００", "１,2００");
	check_punct("共１２００元,于", "共１２００元，于");
	check_punct("中.(中)", "中.(中)");
	check_punct("第42期(总第2646期)", "第42期(总第2646期)");
	check_n("道,该", strlen("道,该"), 0, "道,该");
}

static void
test_punct_url(void **state)
{
	check_punct("https://a.b/c,d", "https://a.b/c,d");
	check_punct("见https://a.b/c?x=1,中", "见https://a.b/c?x=1,中");
	check_punct("网址:http://x.cn/a:b 中,文", "网址：http://x.cn/a:b 中，文");
	/* the URL ends at a CJK character */
	check_punct("http://x.cn中,文", "http://x.cn中，文");
}

/* ---- properties ---------------------------------------------------------- */

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

/* Pieces that exercise the rules more often than uniform bytes do. */
static const char *const pieces[] = {
	"\x1b", "[", "]", "P", "\\", "\x07", "\r", "\n", "\t", "\x7f", "\0",
	"\xc2\x9b", "\xc2\x9d", "\xc2\x9c", "\xc2\x85", "\x9b", "\xe2\x80\xae",
	"\xcc\x81", "\xcd\x84", "\xe2\x80\x8d", "\xef\xb8\x8f", "\xef\xbb\xbf",
	"中", "，", "\xe2\x80\x9c", ",", ":", "?", "3", "a", "e", " ",
	"http://", "\xf0\x9f\x91\x8d", "\xf0\x9f\x8f\xbd", "\xe4\xb8",
	"\xed\xa0\x80", "\xef\xa4\x80", "\xe2\x80\xa8", "\xcd\xb8", "\xc3\xa9",
	"\xe3\x81\x8b", "\xe3\x82\x99", "\xe1\x84\x80", "\xe1\x85\xa1",
	"\xea\xb0\x80", "\xe1\x86\xa8", "<", "\xcc\xb8", "\xcc\xa3",
};

static size_t
random_input(char *buf, size_t cap)
{
	size_t n = 0, want = rnd() % (cap / 2);
	bool bytes = rnd() % 3 == 0;

	while (n < want) {
		if (bytes) {
			buf[n++] = (char)(rnd() & 0xff);
		} else {
			const char *p = pieces[rnd() %
			    (sizeof pieces / sizeof pieces[0])];
			size_t k = *p ? strlen(p) : 1;

			if (n + k > cap)
				break;
			memcpy(buf + n, p, k);
			n += k;
		}
	}
	return n;
}

static void
check_properties(const char *in, size_t n, int flags)
{
	size_t len, len2, i = 0;
	char *out = text_sanitize(in, n, flags, &len);
	char *out2;
	uint8_t *nfc;
	size_t nlen;
	int marks = 0;

	assert_true(len <= 3 * n + 4);
	assert_int_equal(strlen(out), len);
	assert_null(u8_check((const uint8_t *)out, len));
	while (i < len) {
		ucs4_t c;

		i += (size_t)u8_mbtouc(&c, (const uint8_t *)out + i, len - i);
		assert_true(c >= 0x20 || c == '\n');
		assert_false(c >= 0x7f && c <= 0x9f);
		assert_false(c == 0x061c || c == 0x200e || c == 0x200f);
		assert_false(c >= 0x202a && c <= 0x202e);
		assert_false(c >= 0x2066 && c <= 0x2069);
		assert_false(c == 0x200d || c == 0xfeff || c == 0xfe0f ||
		    c == 0x00ad || c == 0x2028);
		if (c >= 0x300 && c <= 0x36f) {
			marks++;
			assert_true(marks <= 4);
		} else
			marks = 0;
	}
	/* NFC, though only parts of the text went through u8_normalize */
	nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)out, len, NULL, &nlen);
	assert_non_null(nfc);
	assert_int_equal(nlen, len);
	assert_memory_equal(nfc, out, len);
	free(nfc);
	out2 = text_sanitize(out, len, flags, &len2);
	if (len2 != len || memcmp(out, out2, len) != 0)
		print_error("not idempotent: \"%s\" → \"%s\"\n", out, out2);
	assert_int_equal(len2, len);
	assert_memory_equal(out, out2, len);
	free(out2);
	free(out);
}

static void
test_properties_random(void **state)
{
	char buf[256];
	int t;

	for (t = 0; t < 5000; t++) {
		size_t n = random_input(buf, sizeof buf);

		check_properties(buf, n, 0);
		check_properties(buf, n, TEXT_ASCII_PUNCT);
	}
}

static void
test_pathological_large(void **state)
{
	size_t n = 1 << 20, len, i;
	char *in = malloc(n), *out;

	assert_non_null(in);
	/* one base and a million bytes of marks */
	in[0] = 'x';
	for (i = 1; i + 1 < n; i += 2)
		memcpy(in + i, "\xcc\x81", 2);
	out = text_sanitize(in, i, 0, &len);
	assert_int_equal(len, 9);
	free(out);
	/* ESC ] again and again: nothing survives */
	for (i = 0; i + 1 < n; i += 2)
		memcpy(in + i, "\x1b]", 2);
	out = text_sanitize(in, i, 0, &len);
	assert_int_equal(len, 0);
	free(out);
	/* ESC [ followed by a megabyte of digits: capped, digits stay */
	memcpy(in, "\x1b[", 2);
	memset(in + 2, '1', n - 2);
	out = text_sanitize(in, n, 0, &len);
	assert_int_equal(len, n - 2 - 512);
	free(out);
	free(in);
}

/*
 * The real front page: with TEXT_ASCII_PUNCT, every code point comes out as
 * it went in except ASCII , ; : ? ! beside CJK, which become full-width,
 * and no such ASCII mark is left beside a CJK character.
 */
static void
test_seed(void **state)
{
	const char *path = getenv("SEED");
	static char in[1 << 20];
	size_t n, len, i = 0, o = 0, converted = 0;
	uint32_t c, d, prev = 0;
	char *out;
	FILE *f;

	/* tests/tap-skip.sh turns cmocka's "not ok # SKIP" into a skip. */
	if (path == NULL || (f = fopen(path, "rb")) == NULL)
		skip();
	n = fread(in, 1, sizeof in, f);
	fclose(f);
	assert_true(n > 0);
	assert_false(text_has_nul(in, n));
	out = text_sanitize(in, n, TEXT_ASCII_PUNCT, &len);
	while (i < n) {
		i += text_next(in + i, n - i, &c);
		assert_true(o < len);
		o += text_next(out + o, len - o, &d);
		if (c != d) {
			assert_true(strchr(",;:?!", (int)c) != NULL);
			assert_int_equal(d, 0xff00 + c - 0x20);
			converted++;
		} else if (c < 0x80 && strchr(",;:?!", (int)c) != NULL) {
			assert_false(text_is_cjk(prev));
		}
		prev = d;
	}
	assert_int_equal(o, len);
	assert_true(converted > 10);
	check_properties(in, n, TEXT_ASCII_PUNCT);
	free(out);
}

/* ---- text_ascii_punct ---------------------------------------------------- */

/* text_ascii_punct on clean text: NULL when nothing changes, else want. */
static void
check_punct_alone(const char *in, const char *want)
{
	size_t len = (size_t)-1;
	char *out = text_ascii_punct(in, strlen(in), &len);

	if (want == NULL) {
		assert_null(out);
		return;
	}
	assert_non_null(out);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(out, want, len);
	assert_int_equal(out[len], '\0');
	free(out);
}

static void
test_ascii_punct_alone(void **state)
{
	check_punct_alone("", NULL);
	check_punct_alone("据报道该公司。", NULL);
	check_punct_alone("a,b; c: d? e!", NULL);
	check_punct_alone("共3,000元于10:30", NULL);
	check_punct_alone("见https://a.b/c?x=1,中", NULL);
	check_punct_alone("道,该", "道，该");
	check_punct_alone("据报道,该公司;记者:是?是!",
	    "据报道，该公司；记者：是？是！");
	check_punct_alone("真的?!", "真的？！");
	check_punct_alone(",,中", "，，中");
	check_punct_alone("共3,000元,于10:30", "共3,000元，于10:30");
	/* the URL ends at whitespace or a CJK character */
	check_punct_alone("网址:http://x.cn/a:b 中,文",
	    "网址：http://x.cn/a:b 中，文");
	check_punct_alone("HTTPS://x.cn/a,b", NULL);
	check_punct_alone("http://x.cn中,文", "http://x.cn中，文");
	/* the character before is the mark, not its base (as in
	 * text_sanitize) */
	check_punct_alone("e\xcc\x81,b", NULL);
	check_punct_alone("中\xcc\x81,b", NULL);
	check_punct_alone("b\xcc\x81,中", "b\xcc\x81，中");
	/* U+3000-4DFF are not all CJK: a combining kana mark (U+3099) or
	 * a hexagram (U+4DC0) before the mark and Latin after it */
	check_punct_alone("a\xe3\x82\x99,b", NULL);
	check_punct_alone("\xe4\xb7\x80,b", NULL);
	check_punct_alone("\xe4\xb8\x80,b", "\xe4\xb8\x80，b");
	/* more marks than the first guess of the copy holds: it grows */
	{
		char in[200 * 4 + 1], want[200 * 6 + 1];
		size_t i;

		for (i = 0; i < 200; i++) {
			memcpy(in + 4 * i, "中,", 4);
			memcpy(want + 6 * i, "中，", 6);
		}
		in[sizeof in - 1] = want[sizeof want - 1] = '\0';
		check_punct_alone(in, want);
	}
}

/*
 * The scan for , ; : ? ! reads eight bytes at a time: each mark at every
 * offset (every place in a word), after bytes below '@' that are not marks
 * (digits, space, '.', '%'), and at the very end, is found and converted.
 */
static void
test_ascii_punct_every_offset(void **state)
{
	static const char marks[] = ",;:?!";
	static const char *const decoy[] = {"", "1", " 2", "9.%", "x"};
	const char *m;
	int off, d;

	(void)state;
	for (m = marks; *m != '\0'; m++)
		for (d = 0; d < 5; d++)
			for (off = 0; off <= 40; off++) {
				struct buf in = {0}, want = {0};
				int k;

				for (k = 0; k < off; k++)
					buf_addc(&in, (char)('a' + k % 26));
				buf_adds(&in, decoy[d]);
				buf_add(&want, in.s, in.len);
				buf_adds(&in, "中");
				buf_adds(&want, "中");
				buf_addc(&in, *m);
				buf_addu(&want, 0xff00 + (uint32_t)(*m - 0x20));
				/* Whole words after the mark, or at the end. */
				if (off & 1) {
					buf_adds(&in, "文字abcdefgh");
					buf_adds(&want, "文字abcdefgh");
				}
				buf_addc(&in, '\0');
				buf_addc(&want, '\0');
				check_punct_alone(in.s, want.s);
				buf_free(&in);
				buf_free(&want);
			}
}

/* Sanitising with TEXT_ASCII_PUNCT == sanitising, then text_ascii_punct. */
static void
check_punct_split(const char *in, size_t n)
{
	size_t l0, l1, lp = 0;
	char *clean = text_sanitize(in, n, 0, &l0);
	char *want = text_sanitize(in, n, TEXT_ASCII_PUNCT, &l1);
	char *p = text_ascii_punct(clean, l0, &lp);

	if (p == NULL) {
		assert_int_equal(l0, l1);
		assert_memory_equal(clean, want, l0);
	} else {
		assert_int_equal(lp, l1);
		assert_memory_equal(p, want, lp);
		assert_true(lp != l0 || memcmp(p, clean, lp) != 0);
	}
	free(p);
	free(want);
	free(clean);
}

static void
test_ascii_punct_split(void **state)
{
	const char *path = getenv("SEED");
	static char in[1 << 20];
	char buf[256];
	FILE *f;
	int t;

	for (t = 0; t < 5000; t++) {
		size_t n = random_input(buf, sizeof buf);

		check_punct_split(buf, n);
	}
	if (path != NULL && (f = fopen(path, "rb")) != NULL) {
		size_t n = fread(in, 1, sizeof in, f);

		fclose(f);
		check_punct_split(in, n);
	}
}

/*
 * Every code point alone comes out NFC (U+FFFD if unassigned, nothing if
 * removed), and every canonical pair (e + U+0301, Hangul L + V, ...) comes
 * out composed: the table of characters text_sanitize copies without a
 * look-up holds nothing that NFC would change or join to its neighbour.
 */
static void
check_nfc_out(const uint8_t *in, size_t n)
{
	size_t len, nlen;
	char *out = text_sanitize((const char *)in, n, 0, &len);
	uint8_t *nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)out, len,
	    NULL, &nlen);

	assert_non_null(nfc);
	if (nlen != len || memcmp(nfc, out, len) != 0)
		print_error("U+%04X...: output not NFC\n", (unsigned)in[0]);
	assert_int_equal(nlen, len);
	assert_memory_equal(nfc, out, len);
	free(nfc);
	free(out);
}

static void
test_every_code_point(void **state)
{
	uint32_t c;

	for (c = 0xa0; c < 0x110000; c++) {
		uint8_t in[8];
		size_t len;
		char *out;
		int n;

		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		n = u8_uctomb(in, c, sizeof in);
		out = text_sanitize((const char *)in, (size_t)n, 0, &len);
		/* unassigned: U+FFFD, or nothing in a removed range (tags) */
		if (uc_is_general_category(c, UC_CATEGORY_Cn))
			assert_true(len == 0 ||
			    strcmp(out, "\xef\xbf\xbd") == 0);
		else if (len > 0)
			check_nfc_out(in, (size_t)n);
		free(out);
		{
			ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
			uint8_t pair[16];
			int k;

			if (uc_canonical_decomposition(c, d) != 2)
				continue;
			k = u8_uctomb(pair, d[0], 8);
			k += u8_uctomb(pair + k, d[1], 8);
			out = text_sanitize((const char *)pair, (size_t)k, 0,
			    &len);
			{
				size_t nlen;
				uint8_t *nfc = u8_normalize(UNINORM_NFC, pair,
				    (size_t)k, NULL, &nlen);

				assert_non_null(nfc);
				assert_int_equal(len, nlen);
				assert_memory_equal(out, nfc, len);
				free(nfc);
			}
			free(out);
		}
	}
}

static void
test_joins_previous(void **state)
{
	assert_true(text_joins_previous(0x0301));	/* combining acute */
	assert_true(text_joins_previous(0x3099));	/* kana voicing mark */
	assert_true(text_joins_previous(0x1161));	/* Hangul V jamo */
	assert_true(text_joins_previous(0x11a8));	/* Hangul T jamo */
	assert_true(text_joins_previous(0x0bbe));	/* Tamil vowel sign AA (Mc) */
	assert_false(text_joins_previous('a'));
	assert_false(text_joins_previous(0x4e2d));	/* 中 */
	assert_false(text_joins_previous(0xff0c));	/* ， */
	assert_false(text_joins_previous(0x00e9));	/* é */
	assert_false(text_joins_previous(0xac00));	/* 가 */
	assert_false(text_joins_previous(0x25b6));	/* ▶ */
}

/* ---- helpers ------------------------------------------------------------- */

static void
test_safe(void **state)
{
	char *s = text_safe("file\x1b]0;x\x07\nname\t1\r\x1b[2J.md");

	assert_string_equal(s, "file name 1 .md");
	free(s);
	s = text_safe("bad\xff" "name");
	assert_string_equal(s, "bad\xef\xbf\xbdname");
	free(s);
	s = text_safe(NULL);
	assert_string_equal(s, "");
	free(s);
}

/* A file-system name keeps a U+FFFD where a control character or an
 * invalid byte was: one line, no control byte, nothing silently gone. */
static void
test_name(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "2025-11-17", "2025-11-17" },
		{ "a\nb", "a\xef\xbf\xbd" "b" },
		{ "a\tb", "a\xef\xbf\xbd" "b" },
		{ "a\rb", "a\xef\xbf\xbd" "b" },
		{ "x\x1b]2;T\x07y", "x\xef\xbf\xbd]2;T\xef\xbf\xbdy" },
		{ "x\x1b[31mred", "x\xef\xbf\xbd[31mred" },
		{ "bad\xff" "name", "bad\xef\xbf\xbdname" },
		{ "c1\xc2\x9b" "2J", "c1\xef\xbf\xbd" "2J" },
		{ "del\x7f", "del\xef\xbf\xbd" },
		{ "ls\xe2\x80\xa8" "p", "ls\xef\xbf\xbdp" },
		{ "\xe2\x80\xae" "gpj.exe", "\xef\xbf\xbdgpj.exe" },	/* RLO */
		{ "a\xe2\x80\x8b" "b", "ab" },	/* ZWSP: dropped, as in text */
		{ "新华社", "新华社" },
	};
	size_t i;
	char *s;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = text_name(cases[i].in);
		assert_string_equal(s, cases[i].out);
		free(s);
	}
	s = text_name(NULL);
	assert_string_equal(s, "");
	free(s);
}

/* Forward decoding of s; returns the count. */
static size_t
decode_fw(const char *s, size_t n, uint32_t *cp, size_t *cl)
{
	size_t i = 0, k = 0;

	while (i < n) {
		cl[k] = text_next(s + i, n - i, &cp[k]);
		assert_true(cl[k] >= 1);
		i += cl[k++];
	}
	return k;
}

/* Backward decoding must agree with forward decoding, step by step. */
static void
check_prev_agrees(const char *s, size_t n)
{
	uint32_t cp[256], c;
	size_t cl[256], k = decode_fw(s, n, cp, cl);

	for (; k > 0; k--) {
		size_t l = text_prev(s, n, &c);

		assert_int_equal(l, cl[k - 1]);
		assert_int_equal(c, cp[k - 1]);
		n -= l;
	}
	assert_int_equal(n, 0);
}

/* Every three-byte form with bytes around the edges of the lead and
 * continuation ranges (text_next and text_prev decode them inline, by
 * utf8.h), after a byte; text_next as libunistring's u8_mbtouc decodes
 * them (overlong forms and surrogates are ill-formed). */
static void
check_prev_three(void)
{
	unsigned a, b, c;

	for (a = 0xdf; a <= 0xf0; a++)
		for (b = 0x70; b <= 0xc4; b++)
			for (c = 0x70; c <= 0xc4; c++) {
				char t[4] = {'x', (char)a, (char)b, (char)c};
				uint32_t got;
				ucs4_t want;
				int k = u8_mbtouc(&want, (uint8_t *)t + 1, 3);

				assert_int_equal(text_next(t + 1, 3, &got), k);
				assert_int_equal(got, want);
				check_prev_agrees(t, 4);
				check_prev_agrees(t + 1, 3);
			}
}

static void
test_next_prev(void **state)
{
	static const char s[] = "a中b\xf0\x9f\x91\x8d\x80\xff" "é";
	static const char bad[] = "\xe4\xb8\xe4\xb8" "b\xc0\x80\xe0\x80\x80"
				  "\xf0\x9f\x91" "A\xe4\xb8\xb8\x80";
	uint32_t cp[16];
	size_t cl[16];
	char buf[200];
	int t;

	assert_int_equal(decode_fw(s, sizeof s - 1, cp, cl), 7);
	assert_int_equal(cp[0], 'a');
	assert_int_equal(cp[1], 0x4e2d);
	assert_int_equal(cl[1], 3);
	assert_int_equal(cp[3], 0x1f44d);
	assert_int_equal(cl[3], 4);
	assert_int_equal(cp[4], 0xfffd);
	assert_int_equal(cp[5], 0xfffd);
	assert_int_equal(cp[6], 0xe9);
	check_prev_agrees(s, sizeof s - 1);
	check_prev_agrees(bad, sizeof bad - 1);
	/* and on random bytes */
	for (t = 0; t < 3000; t++) {
		size_t n = rnd() % sizeof buf, i;

		for (i = 0; i < n; i++)
			buf[i] = (char)(rnd() % 4 == 0 ? 0x80 | (rnd() & 0x3f) :
			    rnd() & 0xff);
		check_prev_agrees(buf, n);
	}
	check_prev_three();
}

static void
test_is_cjk(void **state)
{
	assert_true(text_is_cjk(0x4e2d));    /* 中 */
	assert_true(text_is_cjk(0xff0c));    /* ， */
	assert_true(text_is_cjk(0x3002));    /* 。 */
	assert_true(text_is_cjk(0x3042));    /* あ */
	assert_true(text_is_cjk(0x20000));   /* Ext B */
	assert_false(text_is_cjk(0xd55c));   /* 한 */
	assert_false(text_is_cjk(0x1100));   /* jamo */
	assert_false(text_is_cjk(0x3131));   /* compatibility jamo */
	assert_false(text_is_cjk('a'));
	assert_false(text_is_cjk(0x201c));   /* “ is ambiguous, not wide */
	assert_false(text_is_cjk(0xff76));   /* ｶ half-width */
}

/* One space test: text_is_space, and scan_is_space is it plus the
 * no-break space. */
static void
test_space(void **state)
{
	static const uint32_t sp[] = {' ', '\t', '\n', 0x3000};
	static const uint32_t not[] = {'a', '\r', 0x2003, 0x4e00, 0};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof sp / sizeof sp[0]; i++) {
		assert_true(text_is_space(sp[i]));
		assert_true(scan_is_space(sp[i]));
	}
	for (i = 0; i < sizeof not / sizeof not[0]; i++) {
		assert_false(text_is_space(not[i]));
		assert_false(scan_is_space(not[i]));
	}
	assert_false(text_is_space(0xa0));
	assert_true(scan_is_space(0xa0));
}

static void
test_join(void **state)
{
	/* two CJK: no space */
	assert_false(text_join_needs_space(0x4e2d, 0x6587));
	/* Latin: space */
	assert_true(text_join_needs_space('a', 'b'));
	/* Latin or digits against CJK: no space (稳定在97%, 选择RISC-V) */
	assert_false(text_join_needs_space(0x4e2d, 'a'));
	assert_false(text_join_needs_space('5', 0x5e74));
	assert_false(text_join_needs_space(0x5728, '9'));
	/* wide punctuation on either side: no space */
	assert_false(text_join_needs_space(0xff0c, 'a'));
	assert_false(text_join_needs_space('a', 0x3002));
	assert_false(text_join_needs_space('a', 0xff08));
	assert_false(text_join_needs_space(0x300b, 'A'));
	/* quotes next to CJK count as CJK */
	assert_false(text_join_needs_space(0x4e2d, 0x201c));
	assert_false(text_join_needs_space(0x201d, 0x4e2d));
	assert_false(text_join_needs_space(0x2026, 0x4e2d));
	/* but not next to Latin */
	assert_true(text_join_needs_space('a', 0x201c));
	assert_true(text_join_needs_space(0x201d, 'b'));
	/* Hangul keeps its spaces */
	assert_true(text_join_needs_space(0xd55c, 0xae00));
	/* a space already there: none added */
	assert_false(text_join_needs_space(' ', 'a'));
	assert_false(text_join_needs_space('a', ' '));
}

/* ---- search folding ------------------------------------------------------ */

static void
search_at(const char *hay, const char *needle, size_t from, size_t want_s,
    size_t want_e)
{
	struct text_folded f;
	size_t s = 0, e = 0;

	text_fold(&f, hay, strlen(hay));
	assert_int_equal(f.map[f.len], strlen(hay));
	if (!text_search(&f, needle, from, &s, &e))
		print_error("\"%s\" not found in \"%s\"\n", needle, hay);
	assert_true(text_search(&f, needle, from, &s, &e));
	assert_int_equal(s, want_s);
	assert_int_equal(e, want_e);
	text_folded_free(&f);
}

static void
search_none(const char *hay, const char *needle, size_t from)
{
	struct text_folded f;
	size_t s = 0, e = 0;

	text_fold(&f, hay, strlen(hay));
	assert_false(text_search(&f, needle, from, &s, &e));
	text_folded_free(&f);
}

static void
test_fold(void **state)
{
	struct text_folded f;
	size_t i;

	text_fold(&f, "ＡＢ…", strlen("ＡＢ…"));
	assert_string_equal(f.s, "ab...");
	assert_int_equal(f.len, 5);
	assert_int_equal(f.map[0], 0);
	assert_int_equal(f.map[1], 3);
	for (i = 2; i < 5; i++)
		assert_int_equal(f.map[i], 6);
	assert_int_equal(f.map[5], 9);
	text_folded_free(&f);
	text_fold(&f, "", 0);
	assert_int_equal(f.len, 0);
	assert_int_equal(f.map[0], 0);
	text_folded_free(&f);
}

/* A stand-in for the 简⇄繁 fold: 國 → 国, and 一 → 𠀀 (four bytes for
 * three, so the map back is tested with a fold that changes lengths). */
static uint32_t
toy_fold(uint32_t c)
{
	return c == 0x570b ? 0x56fd : c == 0x4e00 ? 0x20000 : c;
}

static void
test_fold_with(void **state)
{
	struct text_folded f;
	struct text_hits h;
	size_t s = 0, e = 0;
	const char *hay = "一中國人，Ａ一国";

	(void)state;
	text_fold_with(&f, hay, strlen(hay), toy_fold);
	assert_int_equal(f.map[f.len], strlen(hay));
	/* 国 finds 國 and 国; the offsets are those of the text shown */
	assert_true(text_search(&f, "国", 0, &s, &e));
	assert_int_equal(s, 6);
	assert_int_equal(e, 9);
	assert_true(text_search(&f, "國人", 0, &s, &e));
	assert_int_equal(s, 6);
	assert_int_equal(e, 12);
	assert_true(text_search(&f, "a一国", 0, &s, &e));
	assert_int_equal(s, 15);
	assert_int_equal(e, strlen(hay));
	text_hits_find(&h, &f, "国");
	assert_int_equal(h.n, 2);
	assert_int_equal(h.v[1].start, strlen(hay) - 3);
	text_hits_free(&h);
	text_folded_free(&f);
	/* without the fold, as before: 国 does not find 國 */
	text_fold(&f, hay, strlen(hay));
	assert_true(text_search(&f, "国", 0, &s, &e));
	assert_int_equal(s, strlen(hay) - 3);
	text_folded_free(&f);
}

/* text_fold_bytes gives text_fold's bytes; folds longer than their text
 * (… to ..., ㍿ to 株式会社: four times) outgrow the room made at once. */
static void
test_fold_bytes(void **state)
{
	static const char *const texts[] = {
		"", "ＡＢ…", "中文，English ＲＩＳＣ e\xcc\x81 😀 ﬃ",
		"㍿", "㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿㍿",
	};
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct text_folded f;
		char *b;

		text_fold(&f, texts[i], strlen(texts[i]));
		b = text_fold_bytes(texts[i], strlen(texts[i]), &n);
		assert_int_equal(n, f.len);
		assert_string_equal(b, f.s);
		assert_int_equal(f.map[f.len], strlen(texts[i]));
		free(b);
		text_folded_free(&f);
	}
	{
		char *b = text_fold_bytes("㍿", strlen("㍿"), &n);

		assert_string_equal(b, "株式会社");
		free(b);
	}
}

/*
 * text_find finds what memmem finds: at either end, overlapping starts
 * (aab in aaab), a needle whose last byte comes often before it matches,
 * one byte, none, longer than the text, and longer than its memchr lead
 * (left to memmem). Every substring of a text of Chinese and ASCII is
 * looked for in it, and each shifted by one byte (no hit inside a
 * character is missed or made up).
 */
static void
test_find(void **state)
{
	static const char text[] = "协同安全，协同创新。aab aaab 同同同协 "
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxy";
	static const char *const needles[] = {
		"协同", "同协", "aab", "a", "y", "。", "，协同创", "同同协",
		"xy", "zz", "协同安全，协同创新。aab aaab 同同同协 x",
	};
	size_t tl = strlen(text), i, j, k;
	char big[100];

	(void)state;
	assert_ptr_equal(text_find(text, tl, "", 0), text);
	assert_null(text_find("ab", 2, "abc", 3));
	assert_null(text_find("", 0, "a", 1));
	for (i = 0; i < sizeof needles / sizeof needles[0]; i++) {
		size_t nl = strlen(needles[i]);

		assert_ptr_equal(text_find(text, tl, needles[i], nl),
		    memmem(text, tl, needles[i], nl));
	}
	/* every substring, and every prefix of the text cut anywhere */
	for (i = 0; i < tl; i++) {
		for (j = 1; i + j <= tl && j <= 80; j++) {
			for (k = i + j; k <= tl; k += 7) {
				const char *n = text + i;

				assert_ptr_equal(text_find(text, k, n, j),
				    memmem(text, k, n, j));
			}
		}
	}
	/* longer than memchr leads: memmem's */
	memset(big, 'x', sizeof big);
	big[sizeof big - 1] = 'y';
	assert_ptr_equal(text_find(big, sizeof big, big + 10, 90), big + 10);
	assert_null(text_find(big, sizeof big - 1, big + 10, 90));
}

/* text_fold's shortcuts agree with u8_casefold, code point by code point. */
static void
test_fold_fast_paths(void **state)
{
	static const uint32_t ranges[][2] = {
		{ 0x20, 0x7e }, { 0x3001, 0x3011 }, { 0x3400, 0x4dbf },
		{ 0x4e00, 0x9fff }, { 0xff01, 0xff5e },
	};
	size_t r;

	for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
		uint32_t c;

		for (c = ranges[r][0]; c <= ranges[r][1]; c++) {
			uint8_t u[4], *want;
			int n = u8_uctomb(u, c, sizeof u);
			size_t wn;
			struct text_folded f;

			want = u8_casefold(u, (size_t)n, NULL, UNINORM_NFKC,
			    NULL, &wn);
			assert_non_null(want);
			text_fold(&f, (const char *)u, (size_t)n);
			if (f.len != wn || memcmp(f.s, want, wn) != 0)
				print_error("U+%04X folds differently\n",
				    (unsigned)c);
			assert_int_equal(f.len, wn);
			assert_memory_equal(f.s, want, wn);
			text_folded_free(&f);
			free(want);
		}
	}
}

static void
test_search(void **state)
{
	search_at("ＡＢＣ", "ABC", 0, 0, 9);
	search_at("xx ＡＢＣ", "abc", 0, 3, 12);
	search_at("abc ABC", "ABC", 1, 4, 7);
	search_at("STRASSE", "straße", 0, 0, 7);
	search_at("die straße", "STRASSE", 0, 4, strlen("die straße"));
	search_at("据报道，该公司的产品", "该公司", 0, strlen("据报道，"),
	    strlen("据报道，该公司"));
	/* NFKC: ，matches , and ① matches 1 */
	search_at("报道，该", "道,该", 0, 3, 12);
	search_at("第①条", "1", 0, 3, 6);
	search_none("abc", "abd", 0);
	search_none("abc ABC", "abc", 5);
	search_none("abc", "", 0);
}

static void
test_search_cluster(void **state)
{
	/* "." would match a third of …, "f" half of ﬁ, 🇨 half a flag */
	search_none("a…b", ".", 0);
	search_none("ﬁx", "f", 0);
	search_none("\xf0\x9f\x87\xa8\xf0\x9f\x87\xb3", "\xf0\x9f\x87\xa8", 0);
	/* e + U+0301 is one cluster: "e" alone must not hit inside it */
	search_none("e\xcc\x81", "e", 0);
	/* ...while the whole cluster is found, decomposed or not */
	search_at("caf\x65\xcc\x81", "café", 0, 0, 6);
	search_at("a…b", "...", 0, 1, 4);
	search_at("x…b.", ".", 0, 5, 6);
	search_at("ﬁx", "fix", 0, 0, 4);
}

/* text_hits_find gives what searching on from each hit's end gives, and
 * text_hits_from the first hit reaching past an offset. */
static void
test_search_hits(void **state)
{
	static const char *const hay[] = {
		"ＡＢ ab Ab aB", "aaaa", "…...…", "中文中文，中文", "", "x",
	};
	static const char *const needle[] = { "ab", "aa", ".", "中文", "x" };
	size_t i, j, k, at, s, e, off;
	struct text_folded f;
	struct text_hits h;

	(void)state;
	for (i = 0; i < sizeof hay / sizeof hay[0]; i++) {
		text_fold(&f, hay[i], strlen(hay[i]));
		for (j = 0; j < sizeof needle / sizeof needle[0]; j++) {
			text_hits_find(&h, &f, needle[j]);
			for (k = 0, at = 0;
			     text_search(&f, needle[j], at, &s, &e); k++) {
				assert_true(k < h.n);
				assert_int_equal(h.v[k].start, s);
				assert_int_equal(h.v[k].end, e);
				at = e;
			}
			assert_int_equal(k, h.n);
			for (off = 0; off <= strlen(hay[i]); off++) {
				k = text_hits_from(&h, off);
				assert_true(k == h.n || h.v[k].end > off);
				assert_true(k == 0 || h.v[k - 1].end <= off);
			}
			text_hits_free(&h);
		}
		text_folded_free(&f);
	}
}

/* Addresses in running text: where they start and end. */
static void
test_url_find(void **state)
{
	static const struct {
		const char *text, *want;
	} cases[] = {
		{"详见https://www.example.cn/a/b.html。", "https://www.example.cn/a/b.html"},
		{"网址：http://x.org/p?q=1&r=2，欢迎访问", "http://x.org/p?q=1&r=2"},
		{"see www.herald.example/news.", "www.herald.example/news"},
		{"(https://a.example/x_(y))", "https://a.example/x_(y)"},
		{"(https://a.example/x)", "https://a.example/x"},
		{"“https://q.example/”", "https://q.example/"},
		{"HTTPS://UP.EXAMPLE/A", "HTTPS://UP.EXAMPLE/A"},
		{"no address: http:// nor www. nor awww.x.cn", NULL},
		{"mailto:someone@example.org", NULL},
	};
	size_t i, s, e;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *t = cases[i].text;
		bool got = url_find(t, strlen(t), 0, strlen(t), &s, &e);

		if (cases[i].want == NULL) {
			if (got)
				fail_msg("%s: found %.*s", t, (int)(e - s), t + s);
			continue;
		}
		if (!got)
			fail_msg("%s: no address found", t);
		if (e - s != strlen(cases[i].want) ||
		    memcmp(t + s, cases[i].want, e - s) != 0)
			fail_msg("%s: got %.*s, want %s", t, (int)(e - s), t + s,
			    cases[i].want);
	}
	/* from an offset: the second of two */
	assert_true(url_find("a http://one.ex b http://two.ex", 31, 10, 31, &s,
	    &e));
	assert_int_equal(s, 18);
	assert_int_equal(e, 31);
	/* none starting before upto; one may run past it */
	assert_false(url_find("a http://one.ex b http://two.ex", 31, 10, 18,
	    &s, &e));
	assert_true(url_find("a http://one.ex b", 17, 0, 3, &s, &e));
	assert_int_equal(e, 15);
}

/* Pieces drawn at random and written one after another while fewer than
 * room bytes are written, until a draw of 1 in stop ends the text. The
 * caller leaves room after it for the longest piece. */
static size_t
random_pieces(unsigned *seed, char *out, size_t room,
              const char *const *piece, size_t npiece, unsigned stop)
{
	size_t n = 0, k;

	while (n < room && rand_r(seed) % stop != 0) {
		const char *p = piece[rand_r(seed) % npiece];

		k = strlen(p);
		memcpy(out + n, p, k);
		n += k;
	}
	return n;
}

/* Random text of the kinds the sanitiser and the scanners meet: ASCII,
 * ideographs, controls, combining marks, bidi marks, invalid bytes, NUL,
 * ASCII punctuation between Chinese. */
static size_t
random_text(unsigned *seed, char *out, size_t max)
{
	static const char *const piece[] = {
	    "a", " ", "\n", "中", "文", "，", "。", ",", ":", "?", "e\xcc\x81",
	    "\xcc\x81", "\x01", "\x1b[31m", "\x7f", "\xc2\x85", "\xe2\x80\xae",
	    "\xff", "\xe4\xb8", "\x80", "\xed\xa0\x80", "\xf0\x9f\x98\x80", "1",
	    "\xef\xbf\xbd", "\xef\xbb\xbf", "\t", "\r\n"};
	size_t n = random_pieces(seed, out, max - 16, piece,
	                         sizeof piece / sizeof *piece, 40);

	if (rand_r(seed) % 8 == 0 && n + 1 < max)
		out[n++] = '\0';
	return n;
}

/* text_sanitize_with (scratch kept over calls) gives text_sanitize's
 * result, with and without the punctuation rule. */
static void
test_sanitize_with(void **state)
{
	struct buf scratch = {0};
	unsigned seed = 7;
	char in[512];
	int i, f;

	(void)state;
	for (i = 0; i < 4000; i++) {
		size_t n = random_text(&seed, in, sizeof in), l1, l2;

		for (f = 0; f <= TEXT_ASCII_PUNCT; f += TEXT_ASCII_PUNCT) {
			char *a = text_sanitize(in, n, f, &l1);
			char *b = text_sanitize_with(in, n, f, &l2, &scratch);

			assert_int_equal(l1, l2);
			assert_memory_equal(a, b, l1 + 1);
			free(a);
			free(b);
		}
	}
	buf_free(&scratch);
}

/*
 * The punctuation rule, which text_sanitize runs only when pass 1 wrote
 * one of its marks (or NFC may have made one: U+037E is ;), against
 * running it on every sanitised text.
 */
static void
test_sanitize_punct(void **state)
{
	static const char *const piece[] = {
	    "中", "文", "a", "1", " ", ",", ";", ":", "?", "!", "\xcd\xbe",
	    "e\xcc\x81", "，", "\t", "\x1b[1m", "http://a.b/c?d=1,2"};
	unsigned seed = 13;
	char in[512];
	int i;

	(void)state;
	for (i = 0; i < 6000; i++) {
		size_t n = random_pieces(&seed, in, sizeof in - 24, piece,
		                         sizeof piece / sizeof *piece, 24);
		size_t l1, l0, lp;
		char *a, *b, *p;

		a = text_sanitize(in, n, TEXT_ASCII_PUNCT, &l1);
		b = text_sanitize(in, n, 0, &l0);
		if ((p = text_ascii_punct(b, l0, &lp)) == NULL) {
			p = b;
			lp = l0;
			b = NULL;
		}
		assert_int_equal(l1, lp);
		assert_memory_equal(a, p, l1);
		free(a);
		free(b);
		free(p);
	}
}

/* text_is_utf8 against libunistring's u8_check, NUL refused. */
static void
test_is_utf8(void **state)
{
	unsigned seed = 11;
	char in[512];
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		size_t n = random_text(&seed, in, sizeof in);
		bool want = u8_check((const uint8_t *)in, n) == NULL &&
		            memchr(in, '\0', n) == NULL;

		assert_int_equal(text_is_utf8(in, n), want);
	}
	assert_true(text_is_utf8("", 0));
	assert_false(text_is_utf8("\xef\xbf", 2));
	assert_true(text_is_utf8("\xef\xbf\xbd", 3));
	assert_false(text_is_utf8("\xf4\x90\x80\x80", 4)); /* past U+10FFFF */
	assert_false(text_is_utf8("\xe0\x80\xaf", 3));     /* overlong */
	/* every two- and three-byte form around the edges of the lead
	 * and continuation ranges, against u8_check */
	{
		unsigned a, b, c;

		for (a = 0xc0; a <= 0xef; a++)
			for (b = 0x70; b <= 0xc4; b++)
				for (c = 0x70; c <= 0xc4; c++) {
					uint8_t t[3] = {(uint8_t)a, (uint8_t)b,
					                (uint8_t)c};
					size_t n = a < 0xe0 ? 2 : 3;

					assert_int_equal(
					    text_is_utf8((char *)t, n),
					    u8_check(t, n) == NULL);
				}
	}
}

/* scan_more against counting text_next's characters of sanitised random
 * text (scan_more counts, so its text must be valid UTF-8), at limits
 * around the count, and in the part that its early answer reads. */
static void
test_scan_more(void **state)
{
	unsigned seed = 3;
	char in[512];
	int i;

	(void)state;
	for (i = 0; i < 4000; i++) {
		size_t n = random_text(&seed, in, sizeof in), count = 0, at, k;
		size_t max, len;
		char *t = text_sanitize(in, n, 0, &len);
		uint32_t c;

		for (at = 0; at < len; at += k, count++)
			k = text_next(t + at, len - at, &c);
		for (max = count > 3 ? count - 3 : 0; max <= count + 3; max++)
			assert_int_equal(scan_more(t, len, max), count > max);
		for (max = 0; max < count; max += 7)
			assert_true(scan_more(t, len, max));
		free(t);
	}
}

/* scan_prefix (its first byte compared first), scan_suffix and
 * scan_contains (by text_find), the empty string and lengths that cut a
 * character included. */
static void
test_scan_affix(void **state)
{
	static const char *const words[] = {"图为", "图：", "上图", "照片为"};
	const char *s = "图为本报记者所摄";
	size_t i, n = strlen(s);

	(void)state;
	assert_true(scan_prefix(s, n, ""));
	assert_true(scan_prefix("", 0, ""));
	assert_false(scan_prefix("", 0, "图"));
	assert_true(scan_prefix(s, n, "图为"));
	assert_false(scan_prefix(s, 5, "图为")); /* cut inside 为 */
	assert_false(scan_prefix(s, n, "图：")); /* the first byte agrees */
	assert_false(scan_prefix(s, n, "上图")); /* it does not */
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		assert_int_equal(scan_prefix(s, n, words[i]), i == 0);
	assert_true(scan_suffix(s, n, "所摄"));
	assert_true(scan_suffix(s, n, ""));
	assert_false(scan_suffix(s, n, "记者"));
	assert_true(scan_contains(s, n, "记者"));
	assert_true(scan_contains(s, n, ""));
	assert_false(scan_contains(s, n - 1, "所摄")); /* cut inside 摄 */
	assert_false(scan_contains(s, n, "。"));
}

/* scan_trim of in: what is left, in[at, at + n). */
static void
check_trim(const char *in, size_t at, size_t n)
{
	const char *s = in;
	size_t len = strlen(in);

	scan_trim(&s, &len);
	assert_int_equal(s - in, at);
	assert_int_equal(len, n);
}

/* scan_trim's byte test before its decoding: every space goes, at both
 * ends; characters sharing a space's first or last byte stay; and it
 * agrees with a trim that decodes each character, on random text. */
static void
test_scan_trim(void **state)
{
	unsigned seed = 5;
	char in[512];
	int i;

	(void)state;
	check_trim("", 0, 0);
	check_trim(" \t\n", 3, 0);
	check_trim(" \t\n\xe3\x80\x80\xc2\xa0中\xc2\xa0\xe3\x80\x80\n\t ",
	           8, 3);
	/* 、 (E3 80 81) and © (C2 A9) start as U+3000 and U+00A0 do; 一
	 * (E4 B8 80) and 丠 (E4 B8 A0) end as they do */
	check_trim("、一", 0, 6);
	check_trim("©丠", 0, 5);
	/* lone bytes are not spaces */
	check_trim("\xc2中\xa0", 0, 5);
	check_trim("\xe3\x80中\x80", 0, 6);
	for (i = 0; i < 4000; i++) {
		size_t n = random_text(&seed, in, sizeof in), a = 0, e = n, k;
		const char *s = in;
		size_t len = n;
		uint32_t c;

		while (a < e && (k = text_next(in + a, e - a, &c)) > 0 &&
		       scan_is_space(c))
			a += k;
		while (e > a && (k = text_prev(in + a, e - a, &c)) > 0 &&
		       scan_is_space(c))
			e -= k;
		scan_trim(&s, &len);
		assert_int_equal(s - in, a);
		assert_int_equal(len, e - a);
	}
}

/* Does the mapping holding address a carry VmFlag flag (/proc/self/smaps)?
 * -1 when smaps cannot be read. */
static int
vmflag(uintptr_t a, const char *flag)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	bool in = false;
	int found = 0;

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned long lo, hi;

		if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 &&
		    strchr(line, ':') != NULL && line[0] != 'V')
			in = a >= lo && a < hi;
		else if (in && strncmp(line, "VmFlags:", 8) == 0) {
			found = strstr(line, flag) != NULL;
			break;
		}
	}
	fclose(f);
	return found;
}

/* A buffer of megabytes asks for huge pages (a 4 KB page fault costs
 * 12 µs on the virtual machines CI runs on); a small one does not. */
static void
test_xmalloc_big(void **state)
{
	size_t size = 9u << 20;
	char *p = xmalloc_big(size);
	uintptr_t mid = ((uintptr_t)p + (4u << 20)) & ~(uintptr_t)((2u << 20) - 1);
	int r;

	(void)state;
	memset(p, 'x', size);
	r = vmflag(mid, " hg");
	if (r < 0) {
		free(p);
		skip();
	}
	assert_int_equal(r, 1);
	assert_true(p[size - 1] == 'x');
	free(p);
	p = xmalloc_big(1000);
	assert_int_equal(vmflag((uintptr_t)p, " hg"), 0);
	free(p);
}

/* A big model ahead: the main heap grows at once, its new room advised
 * into huge pages. Skipped under an allocator of its own (valgrind's,
 * ASan's), whose malloc is not glibc's brk heap. */
static void
test_xmalloc_expect(void **state)
{
	char *p = malloc(64);
	bool brk_heap = (uintptr_t)p < (uintptr_t)sbrk(0);

	(void)state;
	free(p);
	if (!brk_heap)
		skip();
	xmalloc_expect(24u << 20);
	assert_int_equal(vmflag((uintptr_t)sbrk(0) - (3u << 20), " hg"), 1);
	p = malloc(1u << 20);
	assert_non_null(p);
	assert_true((uintptr_t)p < (uintptr_t)sbrk(0)); /* from that room */
	free(p);
	xmalloc_expect(1000); /* small: nothing */
}

/* xgrow's room: a power of two from one element, as xgrow_room says, so
 * that an array cut to xgrow_room(n) goes on growing; every element
 * stored is kept (under valgrind and ASan, a write past the room fails). */
static void
test_xgrow(void **state)
{
	size_t *v = NULL, n, cut, i;

	(void)state;
	assert_int_equal(xgrow_room(0), 1);
	assert_int_equal(xgrow_room(1), 1); /* one caption: one block */
	assert_int_equal(xgrow_room(2), 2);
	assert_int_equal(xgrow_room(3), 4);
	assert_int_equal(xgrow_room(9), 16);
	for (n = 0; n < 1000; n++) {
		v = xgrow(v, n, sizeof *v);
		v[n] = n * 7;
		assert_true(malloc_usable_size(v) >= xgrow_room(n + 1) *
		                                         sizeof *v);
	}
	for (i = 0; i < n; i++)
		assert_int_equal(v[i], i * 7);
	free(v);
	/* an array cut to its room grows on */
	for (cut = 1; cut < 40; cut++) {
		v = xreallocarray(NULL, xgrow_room(cut), sizeof *v);
		for (i = 0; i < cut; i++)
			v[i] = i;
		for (n = cut; n < 100; n++) {
			v = xgrow(v, n, sizeof *v);
			v[n] = n;
		}
		for (i = 0; i < n; i++)
			assert_int_equal(v[i], i);
		free(v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_xgrow),
		cmocka_unit_test(test_xmalloc_big),
		cmocka_unit_test(test_xmalloc_expect),
		cmocka_unit_test(test_sanitize_with),
		cmocka_unit_test(test_sanitize_punct),
		cmocka_unit_test(test_is_utf8),
		cmocka_unit_test(test_scan_more),
		cmocka_unit_test(test_scan_trim),
		cmocka_unit_test(test_scan_affix),
		cmocka_unit_test(test_csi),
		cmocka_unit_test(test_csi_aborted),
		cmocka_unit_test(test_osc_bel),
		cmocka_unit_test(test_osc_st),
		cmocka_unit_test(test_osc_unterminated),
		cmocka_unit_test(test_dcs_apc_pm_sos),
		cmocka_unit_test(test_esc_two_byte),
		cmocka_unit_test(test_esc_trailing),
		cmocka_unit_test(test_c1_8bit),
		cmocka_unit_test(test_c1_each),
		cmocka_unit_test(test_raw_9b),
		cmocka_unit_test(test_c0),
		cmocka_unit_test(test_c0_each),
		cmocka_unit_test(test_cr),
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_line_separators),
		cmocka_unit_test(test_bidi),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_invisibles),
		cmocka_unit_test(test_emoji),
		cmocka_unit_test(test_combining_cap),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_unassigned),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_punct),
		cmocka_unit_test(test_punct_url),
		cmocka_unit_test(test_properties_random),
		cmocka_unit_test(test_pathological_large),
		cmocka_unit_test(test_seed),
		cmocka_unit_test(test_ascii_punct_alone),
		cmocka_unit_test(test_ascii_punct_every_offset),
		cmocka_unit_test(test_ascii_punct_split),
		cmocka_unit_test(test_every_code_point),
		cmocka_unit_test(test_joins_previous),
		cmocka_unit_test(test_safe),
		cmocka_unit_test(test_name),
		cmocka_unit_test(test_next_prev),
		cmocka_unit_test(test_is_cjk),
		cmocka_unit_test(test_space),
		cmocka_unit_test(test_join),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_fast_paths),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_search_cluster),
		cmocka_unit_test(test_fold_with),
		cmocka_unit_test(test_fold_bytes),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_search_hits),
		cmocka_unit_test(test_url_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
