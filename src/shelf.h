/*
 * shelf.h: the stories of a big file kept in the file, not in memory.
 * When the loader reads a file in parts (segment.h), each story the rules
 * are done with is parsed again alone, from its own lines; when that gives
 * the same blocks, they are freed and the story keeps only where its
 * lines are (struct shelf). They are parsed again when the story is
 * shown: the model is the one a whole load makes, read back a story at a
 * time, and a reader of a 10 MB file holds where its stories are, not
 * their text (nor a headline that is the file's bytes as they are).
 */
#ifndef HERALD_SHELF_H
#define HERALD_SHELF_H

#include "assemble.h"
#include "issue.h"

/*
 * Shelving for is, being loaded from the file open on fd (dup'ed: the
 * caller keeps fd), st as it was opened, with the load's flags; a
 * page_file is one page of an issue directory (no page breaks in it):
 * a shelf_file joins is->shelf (each page a story is shelved from points
 * at it), and the returned context goes to assemble_stream_done with
 * shelf_done. NULL (nothing shelved) when fd cannot be kept.
 */
struct shelver *shelver_new(struct issue *is, int fd, const struct stat *st,
                            int flags, bool page_file);
void shelver_free(struct shelver *sv);
assemble_done shelf_done;

/*
 * a's blocks, parsed again from its file: a is read in (not
 * article_shelved). The marks it kept stay where they were. A file
 * changed in place since (its size or time) is not read: a's first
 * block then says so. Nothing more when a is not shelved, or already
 * read in. A story read back and held by none (shelf_hold) stays read
 * in while fewer than SHELF_WINDOW others are read back after it, then
 * is let go again: what reads its blocks without holding it reads them
 * before the next fetch, converted to another script (convert.h) or
 * not. The model is plain data, a const pointer to it
 * logically so (the same article, its text only read back).
 */
void shelf_fetch(const struct article *a);
/*
 * shelf_fetch(a), and a stays read in until shelf_let_go(a) as many
 * times: for what keeps pointers to its blocks (a typeset doc, the
 * front page's rows). true when a is a shelved story's; for any other
 * article (one never shelved, a copy of one) false, and nothing to let
 * go.
 */
bool shelf_hold(const struct article *a);
void shelf_let_go(const struct article *a);
/*
 * For a look that keeps nothing (a search): a itself when its blocks
 * are in memory, else tmp, a copy of a holding its blocks (and its
 * headline, when that is in the file) read back.
 * Give tmp back with shelf_return (whichever was returned).
 */
const struct article *shelf_borrow(const struct article *a,
                                   struct article *tmp);
void shelf_return(const struct article *a, struct article *tmp);
/*
 * For a look that may skip a story (a search, text_may_hold): may(ctx,
 * bytes, n) of shelved a's bytes in its file, as written, unparsed.
 * true, may unasked, when a is not shelved or its file cannot be read
 * so (changed since: the look reads why).
 */
bool shelf_bytes_may(const struct article *a,
                     bool (*may)(void *ctx, const char *s, size_t len),
                     void *ctx);
/* The same of story i of pg, without the story (issue.h, story_*). */
bool story_bytes_may(const struct page *pg, size_t i,
                     bool (*may)(void *ctx, const char *s, size_t len),
                     void *ctx);
/* How many times a story's blocks were read back and parsed, for the
 * process (the tests'). */
unsigned long shelf_read_backs(void);

#endif
