/*
 * layout-ref.h: the tests' reference layout (layout-ref.c).
 */
#ifndef HERALD_LAYOUT_REF_H
#define HERALD_LAYOUT_REF_H

#include <stddef.h>

#include "layout.h"

/* The same lines as layout_wrap, by the plain road. */
void layout_wrap_reference(struct layout_lines *out, const char *text,
    size_t len, const struct layout_opts *o);

#endif
