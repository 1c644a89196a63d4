/*
 * load-flags.h: how an issue is read (the LOAD_* flags), apart from the
 * loader so that the sources and the assembler it calls can read them
 * without depending on it (the include graph runs one way: load ->
 * assemble -> source; tools/include-graph.sh).
 */
#ifndef HERALD_LOAD_FLAGS_H
#define HERALD_LOAD_FLAGS_H

enum load_flags {
	LOAD_ASCII_PUNCT = 1 << 0,	/* ASCII , ; : ? ! between CJK → full width */
	LOAD_JOIN_COLUMNS = 1 << 1,	/* join paragraphs cut by a PDF column break */
	LOAD_JOIN_LINES = 1 << 2,	/* soft breaks: no space between CJK */
	LOAD_DEFAULTS = LOAD_ASCII_PUNCT | LOAD_JOIN_COLUMNS | LOAD_JOIN_LINES,
	/* An issue directory parses only its first page; the others are
	 * listed (number, path) and marked pending until issue_load_pages()
	 * parses them. For a reader that wants its first screen at once.
	 * A big Markdown file is parsed up to a heading line near its
	 * start, and whole by issue_load_pages() (issue->partial); so is a
	 * directory whose first page file is big, or whose other pages
	 * hold more than a file read in parts (segment.h): the whole
	 * directory read again, by a load_job's thread in the reader. */
	LOAD_LAZY = 1 << 3,
	/* The text as printed: the load hook (the reader's script
	 * conversion) does not run. For the archive index, whose text must
	 * not depend on how the reader shows it. */
	LOAD_AS_PRINTED = 1 << 4,
	/* A big file read in parts keeps its stories' text in the file
	 * until they are shown (shelf.h). For a reader, which shows a few
	 * of them; not for the archive index, which reads them all. */
	LOAD_SHELVE = 1 << 5,
	/* An issue directory with a page that cannot be read is loaded:
	 * that page stays empty, marked failed (issue_count_failed), as
	 * LOAD_LAZY's later pages are. For the whole read that replaces a
	 * partial directory (load.c), which says why after it. */
	LOAD_KEEP_FAILED = 1 << 6,
};

#endif
