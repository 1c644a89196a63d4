/*
 * load.h: files, issue directories and library directories → the model.
 * md4c gives the Markdown blocks; the newspaper conventions (masthead,
 * publication line, bylines, jumps, captions, credits, contents box, short
 * news, furniture) are recognised on top. Issue files are only ever read.
 */
#ifndef HERALD_LOAD_H
#define HERALD_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "issue.h"

enum load_flags {
	LOAD_ASCII_PUNCT = 1 << 0,	/* ASCII , ; : ? ! between CJK → full width */
	LOAD_JOIN_COLUMNS = 1 << 1,	/* join paragraphs cut by a PDF column break */
	LOAD_JOIN_LINES = 1 << 2,	/* soft breaks: no space between CJK */
	LOAD_DEFAULTS = LOAD_ASCII_PUNCT | LOAD_JOIN_COLUMNS | LOAD_JOIN_LINES,
};

/* Largest file accepted (bytes); larger ones are refused with a message. */
#define LOAD_MAX_FILE (64u * 1024 * 1024)

struct library_entry {
	char		*name;		/* directory name, e.g. 2025-11-17 */
	char		*path;
	struct issue	*issue;		/* NULL until library_issue() loads it */
};

struct library {
	char			*path;
	bool			 single;	/* PATH was one issue (file or issue dir) */
	struct library_entry	*entries;	/* sorted by name */
	size_t			 n;
};

/*
 * Open PATH: a file (a one-page issue), an issue directory (one file per
 * page) or a library directory (issue directories). A library lists its
 * issues without parsing them. On error returns NULL and sets *err to
 * "PATH: reason" (caller frees).
 */
struct library *load_open(const char *path, int flags, char **err);
/* Entry i's issue, loaded on first use. NULL and *err on error. */
struct issue *library_issue(struct library *lib, size_t i, int flags, char **err);
void library_free(struct library *lib);

/* A file or an issue directory. NULL and *err ("PATH: reason") on error. */
struct issue *load_issue(const char *path, int flags, char **err);
/* One page from memory; name is used in messages and as the path. */
struct issue *load_buffer(const char *name, const char *buf, size_t len,
    int flags, char **err);

#endif
