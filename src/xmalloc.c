/*
 * xmalloc.c: allocation wrappers. Out of memory is fatal; nothing in
 * herald-tui checks for NULL from these.
 */
#include "build-config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <limits.h>
#include <malloc.h>
#include <unistd.h>

#include "xmalloc.h"

static void (*restore_hook)(void);

void
xmalloc_set_restore(void (*restore)(void))
{
	restore_hook = restore;
}

void
fatal(const char *fmt, ...)
{
	va_list ap;

	if (restore_hook != NULL) {
		void (*hook)(void) = restore_hook;

		restore_hook = NULL;
		hook();
	}
	fputs("herald-tui: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *
xmalloc(size_t size)
{
	void *p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal("out of memory (%zu bytes)", size);
	return p;
}

void *
xmalloc_big(size_t size)
{
	void *p = xmalloc(size);
#ifdef MADV_HUGEPAGE
	enum { HUGE = 2u << 20 };
	uintptr_t a = ((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
	uintptr_t e = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE - 1);

	/* A 4 KB page costs a fault on first touch, dear on a virtual
	 * machine (12 µs here): in 2 MB pages a 10 MB buffer is 5 faults
	 * instead of 2,560. Advice only: its failure changes nothing. */
	if (size >= 2 * HUGE && e > a)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
#endif
	return p;
}

void
xmalloc_expect(size_t bytes)
{
#if defined(M_MMAP_THRESHOLD) && defined(MADV_HUGEPAGE)
	enum { HUGE = 2u << 20, MOST = 30u << 20 };
	size_t n = bytes < MOST ? bytes : MOST;
	uintptr_t a, e;
	void *p;

	if (bytes < 4 * HUGE)
		return;
	/*
	 * The strings and arrays of a big model (10 MB of paragraphs) fill
	 * fresh pages of the main heap, each 4 KB page a fault (12 us on a
	 * virtual machine). So the heap is grown by n at once (a block
	 * below the mmap threshold, freed and kept as the heap's top, which
	 * is not given back under 2n), and that untouched room is advised
	 * into huge pages. The mmap threshold goes back to glibc's 128 KB,
	 * fixed from then on (no longer raised as big blocks are freed).
	 */
	mallopt(M_MMAP_THRESHOLD, (int)(n + HUGE));
	mallopt(M_TRIM_THRESHOLD, (int)(2 * n));
	p = malloc(n);
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	if (p == NULL)
		return;
	a = ((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
	e = (uintptr_t)sbrk(0) & ~(uintptr_t)(HUGE - 1);
	/* only the main heap's room (a thread's malloc is elsewhere) */
	if (e > a && e - a <= n + 2 * HUGE)
		(void)madvise((void *)a, e - a, MADV_HUGEPAGE);
	free(p);
#else
	(void)bytes;
#endif
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	return xreallocarray(p, 1, size);
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	void *q;

	if (n != 0 && size > SIZE_MAX / n)
		fatal("allocation overflow (%zu x %zu bytes)", n, size);
	if (n * size == 0)
		n = size = 1;
	if ((q = realloc(p, n * size)) == NULL)
		fatal("out of memory (%zu x %zu bytes)", n, size);
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	char *s;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("bad format: %s", fmt);
	s = xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* xgrow_room, below, says what room this leaves: change both together.
 * The room starts at one element, not more: a big page's stories each
 * get a block or two after their page's end (a caption), and room for 8
 * was 448 bytes a story of nothing. */
void *
xgrow(void *p, size_t n, size_t size)
{
	if ((n & (n - 1)) == 0) /* 0, 1, 2, 4...: full */
		return xreallocarray(p, n == 0 ? 1 : n * 2, size);
	return p;
}

size_t
xgrow_room(size_t n)
{
	size_t r = 1;

	while (r < n)
		r *= 2;
	return r;
}
