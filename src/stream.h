/*
 * stream.h: --dump of a big Markdown file in bounded memory, as a whole
 * load would print it.
 */
#ifndef HERALD_STREAM_H
#define HERALD_STREAM_H

#include <stdio.h>

struct convert;
struct photo_opts;
struct segment_size;
struct typeset_opts;

enum {
	STREAM_WHOLE = -1, /* not streamed: load it whole */
	STREAM_DONE = 0,
	STREAM_FAILED = 1, /* *err says why (caller frees); NULL: out's
	                      write failed */
};

/*
 * Print the Markdown file path as dump_issue prints its whole load (with
 * images: each photo as symbol art; with conv, not NULL, in its script,
 * as convert_all leaves the load), reading it in parts (segment.h).
 * STREAM_WHOLE when the file is not one to read so (too small, not a
 * regular file, HTML, plain text, or with link reference definitions);
 * nothing is written then.
 */
int stream_dump(FILE *out, const char *path, int flags,
                const struct typeset_opts *o, const struct photo_opts *images,
                struct convert *conv, const struct segment_size *size,
                char **err);

#endif
