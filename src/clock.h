/*
 * clock.h: the monotonic clock in milliseconds, for what waits or says
 * how long something took (the key loop's timers, a search's progress).
 */
#ifndef HERALD_CLOCK_H
#define HERALD_CLOCK_H

/* Milliseconds on CLOCK_MONOTONIC, from an unspecified start. */
long clock_ms(void);

#endif
