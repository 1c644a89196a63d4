/*
 * clock.c: the monotonic clock in milliseconds (clock.h).
 */
#include "build-config.h"

#include <time.h>

#include "clock.h"

long
clock_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}
