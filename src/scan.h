/*
 * scan.h: small scanners over sanitised UTF-8 that the loader's stages
 * share (source, recognisers, page assembly). No allocation but
 * scan_dup_trimmed; no state.
 */
#ifndef HERALD_SCAN_H
#define HERALD_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "text.h"

/* ASCII space, tab, newline, ideographic space U+3000, no-break space. */
bool scan_is_space(uint32_t c);
/* A CJK ideograph (URO, extension A, compatibility, planes 2 and 3). */
bool scan_is_ideograph(uint32_t c);
/* The first / last code point of s, 0 when s is empty. */
uint32_t scan_first(const char *s, size_t len);
uint32_t scan_last(const char *s, size_t len);
/* More than max code points in s? Counted, not decoded: s must be valid
 * UTF-8 as all sanitised text is (an invalid byte may be missed). */
bool scan_more(const char *s, size_t len, size_t max);
/*
 * Does s start with, end with, contain the string p? Inline: the
 * recognisers ask them of every paragraph with literal words, whose
 * lengths the compiler then knows (no strlen), and a short compare is a
 * load or two (no memcmp call). A prefix's first byte is compared first:
 * the words a recogniser tries in turn from a table (recog_caption's
 * fifteen) are not constants, and most differ from s there.
 */
static inline bool
scan_prefix(const char *s, size_t len, const char *p)
{
	size_t n;

	if (p[0] == '\0')
		return true;
	if (len == 0 || s[0] != p[0])
		return false;
	n = strlen(p);
	return len >= n && memcmp(s, p, n) == 0;
}

static inline bool
scan_suffix(const char *s, size_t len, const char *p)
{
	size_t n = strlen(p);

	return len >= n && memcmp(s + len - n, p, n) == 0;
}

static inline bool
scan_contains(const char *s, size_t len, const char *p)
{
	return text_find(s, len, p, strlen(p)) != NULL;
}
/* The line ends ('\n') in s. */
int scan_count_lines(const char *s, size_t len);
/* Case-insensitive ASCII prefix: bytes matched, or 0. */
size_t scan_ci_prefix(const char *s, size_t len, const char *p);
/* Trim scan_is_space characters from both ends. */
void scan_trim(const char **s, size_t *len);
/* A trimmed copy; *outlen (if not NULL) its length. Caller frees. */
char *scan_dup_trimmed(const char *s, size_t len, size_t *outlen);
/* A decimal digit, ASCII or full width: its value, else -1. */
int scan_digit(uint32_t c);
/*
 * A run of digits at s: bytes used (0: none); *val its value, saturated
 * at 10^9; *ndig (if not NULL) the number of digits.
 */
size_t scan_digits(const char *s, size_t len, long *val, int *ndig);
/* Chinese numerals up to 99 (十二, 二十三, 两): bytes used, 0 if none. */
size_t scan_cjk_number(const char *s, size_t len, long *val);

/* Decoration that may lead a jump line, a byline or a heading (▶ ▼ ■ *). */
bool scan_is_mark(uint32_t c);
void scan_skip_marks(const char **s, size_t *len);
/* Opening and closing brackets: ( [ （ 【 〔 ［ and their pairs. */
bool scan_is_open(uint32_t c);
bool scan_is_close(uint32_t c);
/* Punctuation that ends a sentence or a quotation: no column break after. */
bool scan_is_closing(uint32_t c);
/* Any sentence punctuation (。，、；：？！ and ASCII , . ; : ? !) in s? */
bool scan_has_sentence_punct(const char *s, size_t len);

#endif
