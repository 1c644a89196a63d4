/*
 * utf8.h: the three-byte form of UTF-8 (U+0800-FFFF: all of CJK), decoded
 * inline by the loops that pass over Chinese text a character at a time.
 * Everything else goes to libunistring's u8_mbtouc, which also decides
 * what ill-formed input is.
 */
#ifndef HERALD_UTF8_H
#define HERALD_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* s[0] is a three-byte lead (E0-EF) and s[1], s[2] continuation bytes. */
static inline bool
utf8_is3(const uint8_t *s)
{
	return (s[0] & 0xf0) == 0xe0 && ((s[1] ^ 0x80) | (s[2] ^ 0x80)) < 0x40;
}

/* The code point of three bytes utf8_is3 accepted (maybe overlong, or a
 * surrogate: utf8_take3 refuses those). */
static inline uint32_t
utf8_decode3(const uint8_t *s)
{
	return (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 |
	       (s[2] & 0x3f);
}

/* A well-formed three-byte form at s (n bytes left): not overlong, not a
 * surrogate. Sets *c and says yes; else leaves *c alone. */
static inline bool
utf8_take3(const uint8_t *s, size_t n, uint32_t *c)
{
	uint32_t u;

	if (n < 3 || !utf8_is3(s))
		return false;
	u = utf8_decode3(s);
	if (u < 0x800 || (u >= 0xd800 && u <= 0xdfff))
		return false;
	*c = u;
	return true;
}

#endif
