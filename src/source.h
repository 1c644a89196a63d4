/*
 * source.h: the first stage of loading. A source turns one page's
 * sanitised text into a stream of leaf blocks (paragraphs, headings, list
 * items) with their markup removed, and hands each to a sink as soon as
 * it ends, so no list of blocks is ever held. Three sources: Markdown
 * (source-md.c, md4c), plain text (source-text.c) and HTML
 * (source-html.c, libxml2: whole pages, and Markdown's HTML blocks).
 * Both turn converters' page separators into SOURCE_PAGE_BREAK blocks,
 * which the sink makes into a new page.
 */
#ifndef HERALD_SOURCE_H
#define HERALD_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

enum source_kind {
	SOURCE_PARA,
	SOURCE_HEAD,
	SOURCE_ITEM,
	SOURCE_PAGE_BREAK, /* a page ends here; no text */
	SOURCE_MATH,       /* display math ($$…$$), as text (latex.h) */
	SOURCE_FIGURE,     /* an image: text is its alt text, path its file */
	SOURCE_TABLE,      /* a table: table its grid, text its cells */
};

struct table;

/* One leaf block of the page, markup removed. */
struct source_block {
	enum source_kind kind;
	int level;   /* SOURCE_HEAD: 1..6 */
	int line;    /* 1-based line in the file */
	bool quote;  /* inside a block quote */
	bool strong; /* all its text was emphasised */
	char *text;  /* owned: a sink that keeps it sets it to NULL */
	size_t len;
	/* SOURCE_PAGE_BREAK: the 1-based numbers the separator gives to the
	 * page that ends and the page that follows, 0 when it gives none. */
	int page_ended;
	int page_next;
	/* SOURCE_FIGURE: the image's file as written (relative to the page
	 * file), NULL for a placeholder (docling's <!-- image -->). Owned,
	 * like text. */
	char *path;
	/* SOURCE_TABLE: the grid (issue.h), owned like text. */
	struct table *table;
	/* SOURCE_PARA: a caption by its markup (HTML's <figcaption>). */
	bool caption;
};

/* Takes each block as it ends; ctx is the caller's. */
typedef void source_sink(void *ctx, struct source_block *b);

/*
 * Markdown (CommonMark, raw HTML off) via md4c. flags are LOAD_* flags
 * (ASCII punctuation, how soft breaks join). Returns -1 if md4c fails.
 */
int source_markdown(const char *s, size_t len, int line0, int flags,
                    source_sink *sink, void *ctx);

/*
 * Plain text (source-text.c): paragraphs from blank lines, indentation
 * and sentence ends, pdftotext -layout columns read one after the other,
 * short lines standing alone as headings. line0: lines of the file before
 * s (for messages). Returns 0.
 */
int source_text(const char *s, size_t len, int line0, int flags,
                source_sink *sink, void *ctx);

/*
 * HTML (source-html.c, libxml2's HTML parser, loaded with dlopen): a whole
 * page, or an HTML block of a Markdown page (line0: the lines of the file
 * before s). Returns -1 if libxml2 cannot be loaded (source_html_missing
 * says why) or stops short.
 */
int source_html(const char *s, size_t len, int line0, int flags,
                source_sink *sink, void *ctx);
/* Why HTML cannot be read ("libxml2 is not installed"), or NULL when it
 * can. Loads libxml2 on the first call. */
const char *source_html_missing(void);
/* libxml2's version ("2.9.14"), or NULL when it cannot be loaded. */
const char *source_html_library(void);
/* Nesting past this depth is dropped before the parser sees it (its text
 * kept). */
#define SOURCE_HTML_MAX_DEPTH 256
/*
 * s with its tags nested deeper than max dropped (their text kept), or
 * NULL when nothing is that deep. *outlen: the length.
 */
char *source_html_bound(const char *s, size_t len, int max, size_t *outlen);
/* For the tests: false hands libxml2 every page as it is, its text runs
 * not masked (source-html.c says what masking is; the two must read the
 * same blocks). */
void source_html_masking(bool on);
/* Does name end in .html or .htm? */
bool source_is_html_name(const char *name);

/*
 * Is the page at name (its file name, for the extension) with sanitised
 * text s read as plain text rather than Markdown? See herald-issue(5).
 */
bool source_is_text(const char *name, const char *s, size_t len);
/* Does name end in .md or .markdown? */
bool source_is_markdown_name(const char *name);
/* An ATX heading line as source_is_text counts one, which settles that a
 * page is Markdown: up to 3 spaces, 1 to 6 #, a space. */
bool source_heading_line(const char *s, size_t len);

/*
 * A converter's page separator line (no newline): marker's
 * "{3}------------------------------------------------" (before the page
 * with 0-based index 3), pymupdf4llm's "--- end of page=3 ---" (after the
 * page with 0-based number 3). True with *ended and *next the 1-based
 * numbers of the pages before and after it (0 when it does not say).
 */
bool source_page_mark(const char *s, size_t len, int *ended, int *next);

#endif
