/*
 * stream.c: --dump of a big Markdown file in bounded memory. The file is
 * read in parts (segment.c) and each page's stories are set, written and
 * freed as soon as the rest of the file can no longer change them
 * (assemble_stream): memory is what a few parts and stories take,
 * whatever the file's size, and the lines are the whole load's.
 *
 * What only a page's end says (its number, a title set late) and the
 * masthead as the whole file leaves it must be known before the page's
 * first story is printed: a read runs the rules over the whole file
 * first (printing nothing), and the read after it prints. With the scan
 * (segment_scan), the file is read three times.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "dump.h"
#include "issue.h"
#include "load.h"
#include "segment.h"
#include "stream.h"
#include "text.h"
#include "typeset.h"
#include "xmalloc.h"

struct stream {
	struct segment_file f;
	/* the rules' read: the masthead, the pages' numbers and titles */
	struct issue *final;
	/* the printing read */
	FILE *out;
	struct ts_doc doc;
	const struct photo_opts *images;
	struct convert *conv; /* --script: each part converted, or NULL */
	size_t headed; /* pages whose header is written */
	size_t parts;  /* written */
	bool started;
};

/* The printing read's hand: the masthead first, each page's header once,
 * then the stories set and written, the lines forgotten. False once the
 * output fails (a pipe closed): nothing more to read for. */
static bool
write_part(void *ctx, struct page *part, size_t at)
{
	struct stream *s = ctx;

	if (s->conv != NULL)
		convert_part(s->conv, part);
	if (!s->started) {
		typeset_masthead(&s->doc, s->final);
		s->started = true;
	}
	while (s->headed <= at && s->headed < s->final->npages)
		typeset_page_head(&s->doc, &s->final->pages[s->headed++]);
	typeset_page_body(&s->doc, part);
	s->parts++;
	dump_doc_images(s->out, &s->doc, s->images);
	typeset_drain(&s->doc);
	return !ferror(s->out);
}

static bool
drop_part(void *ctx, struct page *part, size_t at)
{
	(void)ctx;
	(void)part;
	(void)at;
	return true;
}

int
stream_dump(FILE *out, const char *path, int flags,
            const struct typeset_opts *o, const struct photo_opts *images,
            struct convert *conv, const struct segment_size *size,
            char **err)
{
	struct stream s;
	int rc;

	*err = NULL;
	memset(&s, 0, sizeof s);
	if (!segment_open(&s.f, path, size))
		return STREAM_WHOLE;
	s.out = out;
	s.images = images;
	s.conv = conv;
	typeset_init(&s.doc, o);
	rc = segment_scan(&s.f, err);
	if (rc == SEGMENT_DONE) {
		s.final = load_parts(&s.f, flags, drop_part, &s, size->batch,
		                     NULL, err);
		rc = s.final != NULL ? SEGMENT_DONE : SEGMENT_FAILED;
		/* the masthead and the pages' titles, printed from it */
		if (s.final != NULL)
			convert_issue(conv, s.final);
	}
	if (rc == SEGMENT_DONE) {
		issue_free(load_parts(&s.f, flags, write_part, &s, size->batch,
		                      s.final, err));
		if (*err != NULL)
			rc = SEGMENT_FAILED;
	}
	if (rc == SEGMENT_DONE && ferror(out))
		rc = SEGMENT_FAILED; /* a write error: *err NULL */
	if (rc == SEGMENT_DONE && size->report) {
		char *safe = text_name(path);

		fprintf(stderr, "herald-tui: %s: streamed in %zu parts\n",
		        safe, s.parts);
		free(safe);
	}
	typeset_free(&s.doc);
	issue_free(s.final);
	segment_close(&s.f);
	return rc == SEGMENT_WHOLE  ? STREAM_WHOLE
	       : rc == SEGMENT_DONE ? STREAM_DONE
	                            : STREAM_FAILED;
}
