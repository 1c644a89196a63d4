/*
 * assemble.h: one page's bytes → the page's part of the model: sanitise,
 * read the blocks (source.h), recognise them (recog.h) and build the
 * page's articles, items and contents box.
 */
#ifndef HERALD_ASSEMBLE_H
#define HERALD_ASSEMBLE_H

#include <stddef.h>

struct issue;
struct page;

/*
 * Build pg (a page of is, already added) from len bytes of data. flags
 * are LOAD_* flags. The masthead, the publication line and
 * is->masthead_seen go to the issue. own, if not NULL, is the buffer
 * holding data: it is freed as soon as the text is sanitised, so the raw
 * file and the blocks are never held together. Returns 0, or -1 with *err
 * ("PATH: reason", caller frees).
 */
int assemble_page(struct issue *is, struct page *pg, int flags,
                  const char *data, size_t len, char *own, char **err);

/*
 * Asked for the page after the last one when the text has a page break
 * (a converter's separator, a form feed): adds a page numbered number to
 * the issue and returns it. Pointers to the issue's pages may move.
 */
typedef struct page *assemble_more(void *ctx, int number);
/*
 * assemble_page, for a file that may hold several pages: with more, each
 * page break starts a new page (more's); without, breaks are dropped.
 */
int assemble_pages(struct issue *is, struct page *pg, int flags,
                   const char *data, size_t len, char *own,
                   assemble_more *more, void *mctx, char **err);

#endif
