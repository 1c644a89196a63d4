/*
 * source.h: the first stage of loading. A source turns one page's
 * sanitised text into a stream of leaf blocks (paragraphs, headings, list
 * items) with their markup removed, and hands each to a sink as soon as
 * it ends, so no list of blocks is ever held. Only the Markdown source
 * (md4c) exists so far; plain text and HTML sources plug in here.
 */
#ifndef HERALD_SOURCE_H
#define HERALD_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

enum source_kind {
	SOURCE_PARA,
	SOURCE_HEAD,
	SOURCE_ITEM,
};

/* One leaf block of the page, markup removed. */
struct source_block {
	enum source_kind kind;
	int level;   /* SOURCE_HEAD: 1..6 */
	int line;    /* 1-based line in the file */
	bool quote;  /* inside a block quote */
	bool strong; /* all its text was emphasised */
	char *text;  /* owned: a sink that keeps it sets it to NULL */
	size_t len;
};

/* Takes each block as it ends; ctx is the caller's. */
typedef void source_sink(void *ctx, struct source_block *b);

/*
 * Markdown (CommonMark, raw HTML off) via md4c. flags are LOAD_* flags
 * (ASCII punctuation, how soft breaks join). Returns -1 if md4c fails.
 */
int source_markdown(const char *s, size_t len, int flags, source_sink *sink,
                    void *ctx);

#endif
