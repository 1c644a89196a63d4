/*
 * swar.h: byte tests on eight bytes at once (SIMD within a register), for
 * the loops that pass over text looking for a few ASCII bytes. Each says
 * whether some byte of x matches, never which: a borrow may mark the byte
 * beside a match, so the caller finds it byte by byte. x is eight bytes
 * loaded with memcpy, in either byte order.
 */
#ifndef HERALD_SWAR_H
#define HERALD_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES UINT64_C(0x0101010101010101)
#define SWAR_HIGH UINT64_C(0x8080808080808080)

/* The eight bytes at p. */
static inline uint64_t
swar_load(const void *p)
{
	uint64_t x;

	memcpy(&x, p, 8);
	return x;
}

/* Not 0 when a byte of x is below n (n <= 0x80). */
static inline uint64_t
swar_below(uint64_t x, uint8_t n)
{
	return (x - SWAR_ONES * n) & ~x & SWAR_HIGH;
}

/* Not 0 when a byte of x is b. */
static inline uint64_t
swar_has(uint64_t x, uint8_t b)
{
	return swar_below(x ^ (SWAR_ONES * b), 1);
}

#endif
