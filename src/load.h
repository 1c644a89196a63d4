/*
 * load.h: files, issue directories and library directories → the model.
 * md4c gives the Markdown blocks; the newspaper conventions (masthead,
 * publication line, bylines, jumps, captions, credits, contents box, short
 * news, furniture) are recognised on top. Issue files are only ever read.
 *
 * Decisions callers can rely on:
 *  - Errors are "PATH: reason" (PATH passed through text_name), e.g.
 *    "PATH: binary file (NUL bytes), not an issue", "PATH: no issue pages
 *    found", "DIR: 01.md and 1.txt are both page 1", "PATH: file too
 *    large (…)", "PATH: a FIFO, not an issue file". When several pages
 *    of an issue directory fail, every one is tried and the message is
 *    the first one's, then "(and N more pages failed)".
 *  - Only regular files are read: /dev/null, FIFOs (opened non-blocking,
 *    never waited on), sockets and devices are refused.
 *  - An empty or blank file is not an error: it is an issue with one empty
 *    page (no articles, no items), so one blank page of an issue directory
 *    does not stop the reader.
 *  - Issue directory: page files end .md, .txt or .markdown; the first run
 *    of digits in the name is the page number (1..9999, else an error);
 *    names without digits and dot files are ignored. issue.ini [issue]
 *    (title, title_en, date YYYY-MM-DD, number, pages) fills the fields the
 *    pages' own text does not give; a malformed issue.ini is an error.
 *  - Entities &amp; &lt; &gt; &quot; &apos; &nbsp;, a few typographic ones
 *    and numeric ones are decoded; unknown named entities stay as written.
 *  - Links keep their text, then "(URL)" when the URL differs; images keep
 *    their alt text; code blocks are paragraphs.
 *  - A title-less issue is titled with its file or directory name.
 *  - A single file may hold several pages: converters' page separators
 *    (marker's {N}----, pymupdf4llm's "--- end of page=N ---", form
 *    feeds) start a new page; in an issue directory they are dropped.
 *  - A page is plain text (source_is_text) or Markdown; see source.h.
 */
#ifndef HERALD_LOAD_H
#define HERALD_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "assemble.h"
#include "issue.h"
#include "load-flags.h"

/* Largest file accepted (bytes); larger ones are refused with a message. */
#define LOAD_MAX_FILE (64u * 1024 * 1024)
/* A Markdown file read in parts (stream.c) may be this large. */
#define LOAD_MAX_STREAM (1024u * 1024 * 1024)

struct pagefile;		/* load.c */
struct segment_file;		/* segment.h */

struct library_entry {
	char		*name;		/* directory name, e.g. 2025-11-17
					 * (borrowed from the library's names) */
	char		*path;		/* NULL until needed (library_issue) */
	struct issue	*issue;		/* NULL until library_issue() loads it */
	struct pagefile	*pages;		/* its page files, when listed before
					 * library_issue (the newest issue) */
	size_t		 npages;
	bool		 unchecked;	/* LOAD_LAZY: not yet known to hold pages */
};

struct library {
	char			*path;
	bool			 single;	/* PATH was one issue (file or issue dir) */
	struct library_entry	*entries;	/* sorted by name (see unsorted) */
	char			*names;		/* the entries' names, one block */
	size_t			 n;
	bool			 unsorted;	/* LOAD_LAZY: only the newest is in
						 * place (last) until library_check */
};

/*
 * Open PATH: a file (a one-page issue), an issue directory (one file per
 * page) or a library directory (issue directories). A library lists its
 * issues without parsing them. On error returns NULL and sets *err to
 * "PATH: reason" (caller frees).
 */
struct library *load_open(const char *path, int flags, char **err);
/*
 * With LOAD_LAZY, a library lists its subdirectories by name only and
 * checks just the newest ones, until one holds pages (the issue a reader
 * opens first, put last); the others are marked unchecked and are not
 * sorted yet. This sorts them, checks them and drops those without pages.
 * Returns the new index of entry keep (which must be a checked one).
 */
size_t library_check(struct library *lib, size_t keep);
/* Entry i's issue, loaded on first use. NULL and *err on error. */
struct issue *library_issue(struct library *lib, size_t i, int flags, char **err);
void library_free(struct library *lib);

/*
 * Parse the pages a LOAD_LAZY load left pending, then link contents and
 * jumps across the whole issue again. Pointers into pages already parsed
 * stay valid, except for a big file parsed in part (issue->partial): its
 * whole model replaces the part's in the same struct issue, and pointers
 * into the old pages must be dropped (reader_start calls this before any
 * place is taken; the key loop reads on with load_job_start, below, which
 * carries them over). Returns 0; or -1 with *err (caller frees) when pages
 * cannot be read: each stays empty with page->failed set ("PATH: reason"), the
 * others load, and *err is the first one's message followed by
 * "(and N more pages failed)" when there are more.
 */
int issue_load_pages(struct issue *is, char **err);

/*
 * The same for a big file parsed in part (issue->partial), in a thread of
 * its own, so that keys are answered meanwhile: NULL when is is not such
 * an issue or no thread can start (then issue_load_pages, at once).
 * load_job_done says when load_job_finish will not wait. That moves the
 * whole model into is, in place of the part's, and returns 0, or -1 with
 * *err (is keeps its part); before the part's model goes, fn(ctx, old,
 * is) may carry pointers into old over to is. load_job_cancel stops the
 * read and waits for the thread to end; is keeps its part, still pending.
 * Between start and finish or cancel, is must not be freed or loaded.
 */
struct load_job;
typedef void load_remap(void *ctx, const struct issue *old,
                        const struct issue *is);
struct load_job *load_job_start(struct issue *is);
bool load_job_done(const struct load_job *job);
/* How far the read is: the percent of the file parsed, or -1 while that
 * is not known (a file read whole, or its first pass, which only looks
 * for where parts may be cut). */
int load_job_percent(const struct load_job *job);
/* A descriptor that poll(2) finds readable once the job is done (a key
 * loop waits on it beside the terminal), or -1 when there is none:
 * then look at load_job_done from time to time. */
int load_job_fd(const struct load_job *job);
int load_job_finish(struct load_job *job, load_remap *fn, void *ctx,
                    char **err);
void load_job_cancel(struct load_job *job);

/*
 * The issue of f's file read in parts (segment_feed, after segment_scan's
 * SEGMENT_DONE): with emit, its stories handed out as they are done (see
 * assemble_stream_new), batch at a time, under the pages' numbers and
 * titles of finals (NULL: none known); without, all kept: a whole load's
 * model, before its links are made. Its title is the file's name when no
 * masthead names one. NULL with *err when it cannot be read or parsed.
 */
struct issue *load_parts(struct segment_file *f, int flags,
                         assemble_emit *emit, void *ectx, size_t batch,
                         const struct issue *finals, char **err);

/* A file or an issue directory. NULL and *err ("PATH: reason") on error. */
struct issue *load_issue(const char *path, int flags, char **err);
/* One page from memory; name is used in messages and as the path. */
struct issue *load_buffer(const char *name, const char *buf, size_t len,
    int flags, char **err);

/*
 * fn(is, ctx) runs each time pages of an issue have been parsed (at load,
 * and again after issue_load_pages), before jumps and contents links are
 * resolved: the reader's script conversion hooks in here. NULL: none.
 */
typedef void load_hook(struct issue *is, void *ctx);
void load_set_hook(load_hook *fn, void *ctx);

#endif
