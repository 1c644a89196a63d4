/*
 * segment.h: a Markdown file read in parts of about a segment, cut where
 * a whole read would read the same blocks (see segment.c), each part fed
 * to an assemble_stream: the model of a file too big to hold twice.
 */
#ifndef HERALD_SEGMENT_H
#define HERALD_SEGMENT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct assemble_stream;

/* How far a parsing read (segment_feed) is, for another thread to show:
 * the file's bytes it has taken in, of size. */
struct segment_progress {
	atomic_ullong parsed;
	atomic_ullong size;
	/* (the parsing thread's own) an issue directory's read: its pages'
	 * bytes, and those of the pages before this file; total 0: the
	 * file is all there is */
	unsigned long long total, base;
};

/* Which files are read in parts, and what parts. */
struct segment_size {
	size_t threshold; /* files larger than this are read in parts */
	size_t segment;   /* bytes read and parsed at a time, about */
	size_t batch;     /* --dump: stories a page holds before they go out */
	bool report;      /* --dump: say on stderr how many parts it wrote */
	unsigned pause;   /* ms a read with a stop flag waits before each
	                   * read(2): the reader's read of the rest, slowed */
};

/* The defaults: files over 4 MiB, segments of 256 KiB, 8 stories. Tests set
 * HERALD_STREAM=SEGMENT[:BATCH[:PAUSE]] to read any Markdown file larger
 * than SEGMENT bytes in parts that small, to be told when --dump streams
 * ("PATH: streamed in N parts" on stderr), and to see what the reader
 * does while it reads a big file's rest (PAUSE ms before each read). */
void segment_size_from_env(struct segment_size *z);

/* A line cannot be cut: one longer than this ends the read. */
#define SEGMENT_MAX_LINE (64u * 1024 * 1024)

struct segment_file {
	const char *path; /* (borrowed) */
	int fd;
	struct stat st;
	size_t seg;
	/* segment_scan's findings */
	bool *flat;     /* per piece (form feeds part them) */
	size_t npieces;
	bool ref;       /* a link reference definition */
	bool nul;       /* a NUL byte */
	bool marked;    /* the first piece has an ATX heading */
	/* set by another thread: the read ends (SEGMENT_FAILED) before its
	 * next chunk; NULL: never */
	const atomic_bool *stop;
	struct segment_progress *progress; /* NULL: not kept */
	unsigned pause;
};

enum {
	SEGMENT_WHOLE = -1, /* not a file to read in parts: read it whole */
	SEGMENT_DONE = 0,
	SEGMENT_FAILED = 1, /* *err says why (caller frees) */
};

/* Open path when it is a regular file, not HTML, of more than
 * z->threshold bytes; false (nothing to close) when not. */
bool segment_open(struct segment_file *s, const char *path,
                  const struct segment_size *z);
/* The first read: SEGMENT_DONE, SEGMENT_WHOLE, or SEGMENT_FAILED (a NUL
 * byte, a line too long, a read error, a stop). */
int segment_scan(struct segment_file *s, char **err);
/* A read after segment_scan's DONE: each piece begun on as, each part fed
 * to it. SEGMENT_DONE (a part the rules cannot parse: then
 * assemble_stream_end says why) or SEGMENT_FAILED (the file changed since
 * it was opened, a read error, a stop). */
int segment_feed(struct segment_file *s, struct assemble_stream *as,
                 char **err);
void segment_close(struct segment_file *s);

#endif
