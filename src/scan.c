/*
 * scan.c: the small scanners the loader's stages share: code points at the
 * ends of a string, prefixes, trimming, digits (ASCII and full width),
 * Chinese numerals, and the character classes of newspaper punctuation
 * (marks that lead a line, brackets, closing punctuation). They read
 * sanitised UTF-8 (text_sanitize) and never allocate but scan_dup_trimmed.
 */
#include "build-config.h"

#include <stdint.h>
#include <string.h>

#include "scan.h"
#include "text.h"
#include "xmalloc.h"

bool
scan_is_space(uint32_t c)
{
	/* text_is_space, and the no-break space: the loader trims and
	 * splits on it like any other (sources use it as padding). */
	return text_is_space(c) || c == 0xa0;
}

bool
scan_is_ideograph(uint32_t c)
{
	return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) ||
	       (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
}

uint32_t
scan_first(const char *s, size_t len)
{
	uint32_t c = 0;

	if (len > 0)
		text_next(s, len, &c);
	return c;
}

uint32_t
scan_last(const char *s, size_t len)
{
	uint32_t c = 0;

	if (len > 0)
		text_prev(s, len, &c);
	return c;
}

/*
 * More than max code points in s? A character takes 1 to 4 bytes (an
 * invalid byte counts as one), so the length alone often answers. Else
 * the bytes that are not continuation bytes are counted, without
 * decoding: each begins a character, so more than max of them answers
 * too (a paragraph, asked whether it is a short caption); and in valid
 * UTF-8 they are all its characters. Only invalid text is decoded, at
 * most max + 1 characters, as text_next counts them (an invalid byte
 * alone).
 */
bool
scan_more(const char *s, size_t len, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, cont = 0;

	if (len <= max)
		return false;
	if (len / 4 > max)
		return true;
	/* Valid UTF-8 has a character for each byte that is not a
	 * continuation (10xxxxxx): those are counted eight at a time, bit
	 * 7 set and bit 6 (shifted up into bit 7's place) clear, and the
	 * count stops once the characters before i are more than max. */
	for (i = 0; i + 8 <= len; i += 8) {
		uint64_t w;

		memcpy(&w, u + i, 8);
		w = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
		cont += (size_t)((w * 0x0101010101010101ull) >> 56); /* sum */
		if (i + 8 - cont > max)
			return true;
	}
	for (; i < len; i++)
		cont += (u[i] & 0xc0) == 0x80;
	return len - cont > max;
}

int
scan_count_lines(const char *s, size_t len)
{
	const char *e = s + len;
	int n = 0;

	while (s < e && (s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* Might a scan_is_space character start / end with byte b? ' ' \t \n,
 * U+3000 E3 80 80, U+00A0 C2 A0. */
static bool
space_first(unsigned char b)
{
	return b == ' ' || b == '\t' || b == '\n' || b == 0xe3 || b == 0xc2;
}

static bool
space_last(unsigned char b)
{
	return b == ' ' || b == '\t' || b == '\n' || b == 0x80 || b == 0xa0;
}

/* Trim whitespace (ASCII, ideographic, no-break) from both ends. */
void
scan_trim(const char **s, size_t *len)
{
	uint32_t c;
	size_t k;

	/* A byte test first: the recognisers trim every paragraph, and
	 * few start or end with a space. */
	while (*len > 0 && space_first((unsigned char)(*s)[0])) {
		k = text_next(*s, *len, &c);
		if (!scan_is_space(c))
			break;
		*s += k;
		*len -= k;
	}
	while (*len > 0 && space_last((unsigned char)(*s)[*len - 1])) {
		k = text_prev(*s, *len, &c);
		if (!scan_is_space(c))
			break;
		*len -= k;
	}
}

char *
scan_dup_trimmed(const char *s, size_t len, size_t *outlen)
{
	scan_trim(&s, &len);
	if (outlen != NULL)
		*outlen = len;
	return xstrndup(s, len);
}

/* A decimal digit, ASCII or full-width: its value, else -1. */
int
scan_digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xff10 && c <= 0xff19)
		return (int)(c - 0xff10);
	return -1;
}

/*
 * Read a run of digits at s. Returns the bytes used (0: no digit); *val is
 * the value, saturated at 10^9 so no input can overflow it; *ndig counts
 * the digits.
 */
size_t
scan_digits(const char *s, size_t len, long *val, int *ndig)
{
	size_t used = 0, k;
	uint32_t c;
	long v = 0;
	int d, n = 0;

	while (used < len) {
		k = text_next(s + used, len - used, &c);
		if ((d = scan_digit(c)) < 0)
			break;
		if (v < 1000000000L)
			v = v * 10 + d;
		if (v > 1000000000L)
			v = 1000000000L;
		used += k;
		n++;
	}
	*val = v;
	if (ndig != NULL)
		*ndig = n;
	return used;
}

/* Chinese numerals up to 99 (十二, 二十三, 两): bytes used, 0 if none. */
size_t
scan_cjk_number(const char *s, size_t len, long *val)
{
	static const char *const digits[] = {"零", "一", "二", "三", "四",
	                                     "五", "六", "七", "八", "九"};
	size_t used = 0;
	long v = 0, unit = -1;
	int i, got = 0;

	for (;;) {
		for (i = 0; i < 10; i++)
			if (scan_prefix(s + used, len - used, digits[i]))
				break;
		if (i == 10 && scan_prefix(s + used, len - used, "两"))
			i = 2;
		if (i == 10 && scan_prefix(s + used, len - used, "〇"))
			i = 0;
		if (i < 10) {
			unit = i;
			used += 3;
			got = 1;
			continue;
		}
		if (scan_prefix(s + used, len - used, "十")) {
			v += (unit > 0 ? unit : 1) * 10;
			unit = -1;
			used += 3;
			got = 1;
			continue;
		}
		break;
	}
	if (unit > 0)
		v += unit;
	*val = v;
	return got ? used : 0;
}

/* Decoration that may lead a jump line, a byline or a heading. */
bool
scan_is_mark(uint32_t c)
{
	return scan_is_space(c) || (c >= 0x2190 && c <= 0x21ff) ||
	       (c >= 0x25a0 && c <= 0x25ff) || (c >= 0x2600 && c <= 0x26ff) ||
	       c == '*' || c == '-' || c == '>' || c == 0x00b7 || c == 0x2022 ||
	       c == 0x2014;
}

bool
scan_is_open(uint32_t c)
{
	return c == '(' || c == '[' || c == 0xff08 || c == 0x3010 ||
	       c == 0x3014 || c == 0xff3b;
}

bool
scan_is_close(uint32_t c)
{
	return c == ')' || c == ']' || c == 0xff09 || c == 0x3011 ||
	       c == 0x3015 || c == 0xff3d;
}

/* Punctuation that ends a sentence or a quotation: no column break after. */
bool
scan_is_closing(uint32_t c)
{
	static const uint32_t set[] = {0x3002, 0xff01, 0xff1f, 0x2026, 0x201d,
	                               0x2019, 0xff09, 0x300d, 0x300f, 0x3011,
	                               0x300b, 0x3009, 0xff1a, 0xff1b, 0xff0e,
	                               '.',    '!',    '?',    ':',    ';',
	                               ')',    '"',    '\'',   0xff02, 0xff07};
	size_t i;

	for (i = 0; i < sizeof set / sizeof set[0]; i++)
		if (set[i] == c)
			return true;
	return false;
}

bool
scan_has_sentence_punct(const char *s, size_t len)
{
	static const uint32_t set[] = {0x3002, 0xff0c, 0x3001, 0xff1b, 0xff1a,
	                               0xff1f, 0xff01, ',',    '.',    ';',
	                               ':',    '?',    '!'};
	size_t k, i;
	uint32_t c;

	while (len > 0) {
		k = text_next(s, len, &c);
		for (i = 0; i < sizeof set / sizeof set[0]; i++)
			if (set[i] == c)
				return true;
		s += k;
		len -= k;
	}
	return false;
}

void
scan_skip_marks(const char **s, size_t *len)
{
	uint32_t c;
	size_t k;

	while (*len > 0) {
		k = text_next(*s, *len, &c);
		if (!scan_is_mark(c))
			break;
		*s += k;
		*len -= k;
	}
}

/* Case-insensitive ASCII prefix; returns bytes matched or 0. */
size_t
scan_ci_prefix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p), i;

	if (len < n)
		return 0;
	for (i = 0; i < n; i++) {
		char a = s[i], b = p[i];

		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return n;
}
