/*
 * buf.h: a growable byte buffer, always NUL-terminated.
 */
#ifndef HERALD_BUF_H
#define HERALD_BUF_H

#include <stddef.h>
#include <stdint.h>

struct buf {
	char	*s;	/* owned; NULL until the first add */
	size_t	 len;
	size_t	 cap;
};

/* Room for n more bytes (and the NUL) after len, len unchanged. */
void buf_reserve(struct buf *b, size_t n);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_addc(struct buf *b, char c);
void buf_adds(struct buf *b, const char *s);
/* Append one code point as UTF-8. */
void buf_addu(struct buf *b, uint32_t c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Give the string to the caller (never NULL) and reset b. Caller frees. */
char *buf_take(struct buf *b, size_t *len);
void buf_free(struct buf *b);

#endif
