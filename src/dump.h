/*
 * dump.h: plain-text output for --dump and --list. The same typeset lines
 * the screen shows, written to a stream; no curses, no control characters
 * (the model is sanitised on load).
 */
#ifndef HERALD_DUMP_H
#define HERALD_DUMP_H

#include <stdio.h>

#include "issue.h"
#include "load.h"
#include "typeset.h"

struct photo_opts;

/* What to dump: the whole issue, one page, or one article of a page. */
struct dump_select {
	int	page;		/* 0: every page */
	int	article;	/* 1-based on that page; 0: the whole page */
	/* --images=symbols: each photo as symbol art under its [图] line,
	 * at most width x max_rows (photo.h); NULL: the [图] line only */
	const struct photo_opts *images;
};

/*
 * Write the laid-out issue (or the selected page or article) to out.
 * Returns 0, -1 on a write error, or 1 when the selection names no page or
 * article (*err says which; caller frees).
 */
int dump_issue(FILE *out, const struct issue *is, const struct typeset_opts *o,
    const struct dump_select *sel, char **err);
/* Write the lines of a typeset document. Returns 0, or -1 on a write error. */
int dump_doc(FILE *out, const struct ts_doc *d);
/* dump_doc, each photo as symbol art under its [图] line when images is
 * not NULL; a photo that cannot be shown gets one line saying why. */
int dump_doc_images(FILE *out, const struct ts_doc *d,
    const struct photo_opts *images);
/* Pages and articles of an issue, one per line. Returns 0 or -1. */
int dump_list(FILE *out, const struct issue *is);

#endif
