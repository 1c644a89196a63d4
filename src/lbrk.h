/*
 * lbrk.h: UAX #14 line break opportunities for the code points of Chinese
 * text, by a pair table, without libunistring's per-call and
 * per-character cost. The answer is libunistring's own: the table is
 * learnt from it, a pair at a time, the first time the pair is met.
 */
#ifndef HERALD_LBRK_H
#define HERALD_LBRK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * lb[0, m) as u32_possible_linebreaks(u, m, "UTF-8", lb) sets it, when
 * every code point of u is one lbrk_class knows and the installed
 * libunistring decides by pairs (1.0 and 1.1; later versions look
 * further). Otherwise false, lb partly written: ask libunistring.
 */
bool lbrk_pairs(const uint32_t *u, size_t m, char *lb);

/* For the tests: the class of c (0: not one of ours) and the code point
 * that stands for class k when the table is learnt. */
int lbrk_class(uint32_t c);
uint32_t lbrk_sample(int k);
/* How many classes there are, 0 (none) included. */
int lbrk_nclasses(void);

#endif
