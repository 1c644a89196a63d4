/*
 * assemble.h: one page's bytes → the page's part of the model: sanitise,
 * read the blocks (source.h), recognise them (recog.h) and build the
 * page's articles, items and contents box.
 */
#ifndef HERALD_ASSEMBLE_H
#define HERALD_ASSEMBLE_H

#include <stdbool.h>
#include <stddef.h>

struct article;
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

/*
 * A Markdown file read in parts, so that a dump of any size holds only a
 * part of it: the stories the rest of the file can no longer change are
 * handed to emit as they are done (a few at a time, and the rest of each
 * page at its end), then freed. part holds them, their items adopted and
 * figures paired as a whole load leaves them; at is their page's index in
 * the issue. emit may change their text (a dump converts it to another
 * script), not part's title (it may be borrowed). The issue keeps its
 * masthead and its pages' numbers and titles, not their text. With emit
 * NULL nothing is handed out: the issue is the whole load's. emit
 * returns false to stop (its output failed): the feeds after it do
 * nothing, and assemble_stream_end says nothing. The parts are cut where
 * a whole load would read the same blocks: see segment.c.
 */
struct assemble_stream;
typedef bool assemble_emit(void *ctx, struct page *part, size_t at);
struct assemble_stream *assemble_stream_new(struct issue *is, struct page *pg,
                                            int flags, assemble_more *more,
                                            void *mctx, assemble_emit *emit,
                                            void *ectx);
/* Hand stories out once batch (2 or more; 8 unless set) wait on a page. */
void assemble_stream_batch(struct assemble_stream *st, size_t batch);
/* The pages' numbers and titles as the end of the file leaves them (an
 * earlier read's), for the stories handed out before a page ends. */
void assemble_stream_finals(struct assemble_stream *st,
                            const struct page *pages, size_t n);
/* A piece of the file begins (after a form feed: a page break); flat as
 * assemble_levels_flat says of the whole piece. */
void assemble_stream_piece(struct assemble_stream *st, bool flat);
/* The next part of the piece: sanitised text ending at a line's end,
 * line0 lines of the file before it, the same bytes as the file's from
 * offset off (-1: not the file's bytes as they are) but for the CRs of
 * CRLF line ends at dropped (struct assemble_part). Returns 0 or -1
 * (cannot parse). */
int assemble_stream_feed(struct assemble_stream *st, const char *s,
                         size_t len, int line0, long long off,
                         const size_t *dropped, size_t ndropped);

/*
 * Without emit: done sees each story that only the page's end can change
 * any more (not the last one), once, as soon as it is so: pg's story i,
 * and whole, a copy of it as the page's end will leave it (with the page
 * items it will adopt; its blocks array is done's to read, not to keep),
 * with the part of the text being parsed then (the story may have begun
 * in an earlier one). Never a story with a photo. done may take the
 * story's blocks but for its jumps, captions, credits and furniture
 * (the page's end may add more of those): the rules never look at them
 * again. Set before the first feed.
 */
struct assemble_part {
	const char *text;	/* the part being parsed */
	size_t len;
	int line0;		/* lines of the file before it */
	long long off;		/* its offset in the file, or -1 */
	/* the CRs of CRLF line ends sanitising dropped: the offsets in text
	 * of the LFs after them, in order (the file's offset of text's byte
	 * at is off + at + the CRs dropped before at) */
	const size_t *dropped;
	size_t ndropped;
	bool flat;		/* its piece's flat */
	int number;		/* the page's number now */
};
typedef void assemble_done(void *ctx, struct page *pg, size_t i,
                           const struct article *whole,
                           const struct assemble_part *part);
void assemble_stream_done(struct assemble_stream *st, assemble_done *done,
                          void *ctx);
/* The last page out; st freed. Returns 0 or -1 with *err. */
int assemble_stream_end(struct assemble_stream *st, char **err);

/*
 * The levels of a Markdown page's headings, read a line at a time; flat:
 * the page sets every title at one level (MinerU's #, docling's stacked
 * ##), so a title's place says whether it is a headline or a subhead.
 */
struct assemble_levels {
	unsigned mask; /* 1 << level of each ATX heading outside fences */
	bool stacked, fence, prev;
};
void assemble_levels_line(struct assemble_levels *h, const char *p,
                          const char *e);
bool assemble_levels_flat(const struct assemble_levels *h);

#endif
