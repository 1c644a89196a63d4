/*
 * resolve.h: links across the pages of an issue: contents entries and
 * jump lines to the articles they name.
 */
#ifndef HERALD_RESOLVE_H
#define HERALD_RESOLVE_H

#include "issue.h"

/* Link contents entries and jump lines to the articles they name. */
void resolve_issue(struct issue *is);
/*
 * The article that continues a (on page a->jump_to: the article whose
 * jump_from is a's page and whose headline matches a's, else the first
 * such, else one whose headline matches), or NULL.
 */
struct article *resolve_continuation(const struct issue *is,
                                     const struct article *a);
/* The article a continues from, or NULL. */
struct article *resolve_continued_from(const struct issue *is,
                                       const struct article *a);

#endif
