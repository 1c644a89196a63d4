/*
 * xmalloc.h: allocation that never returns NULL, and fatal errors that
 * restore the terminal before they print.
 */
#ifndef HERALD_XMALLOC_H
#define HERALD_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define HERALD_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define HERALD_NORETURN __attribute__((noreturn))
#else
#define HERALD_PRINTF(f, a)
#define HERALD_NORETURN
#endif

/* The size from which the program's allocations are mapped apart (main
 * fixes glibc's threshold there: glibc would raise it as big buffers are
 * freed), given back to the system when freed, not left among others in
 * a heap. */
#define XMALLOC_MAPPED (256 * 1024)

void *xmalloc(size_t size);
/* xmalloc for a buffer of megabytes (a whole file, its sanitised text):
 * backed by huge pages where the kernel gives them on advice. */
void *xmalloc_big(size_t size);
/* The main heap is about to take about bytes (a big file's model): have
 * it grow by that much at once, in huge pages where the kernel gives
 * them. Advice only; a call from another thread changes nothing. */
void xmalloc_expect(size_t bytes);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
/* Grow an array of n elements when n reaches a power of two (the capacity
 * stays implicit): call before storing element n. */
void *xgrow(void *p, size_t n, size_t size);
/* The room xgrow's arrays of n elements have: an array copied or cut to n
 * elements is given this much, so that xgrow can go on growing it. */
size_t xgrow_room(size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string. Caller frees. */
char *xasprintf(const char *fmt, ...) HERALD_PRINTF(1, 2);
char *xvasprintf(const char *fmt, va_list ap) HERALD_PRINTF(1, 0);

/* Called by fatal() before it prints: the UI registers its terminal restore. */
void xmalloc_set_restore(void (*restore)(void));
/* Print "herald-tui: message" to stderr and exit(1). */
void fatal(const char *fmt, ...) HERALD_PRINTF(1, 2) HERALD_NORETURN;

#endif
