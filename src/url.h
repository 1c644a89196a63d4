/*
 * url.h: web addresses in running text (http://, https://, www.), as a
 * reader of the paper's text would take them: an address runs over ASCII
 * that is not a space, a quote or a bracket, and the punctuation that ends
 * a sentence after it is not part of it. Chinese text around an address
 * ends it, with or without a space.
 */
#ifndef HERALD_URL_H
#define HERALD_URL_H

#include <stdbool.h>
#include <stddef.h>

/* The first address of s[0, n) that starts in [from, upto): true with
 * [*start, *end). */
bool url_find(const char *s, size_t n, size_t from, size_t upto,
    size_t *start, size_t *end);

#endif
