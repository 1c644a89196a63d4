/*
 * big-issue.h: one Markdown file of about a given size, articles of
 * eight sentences under a masthead, for the tests of a big file read in
 * part first and whole later (test-load.c, test-reader.c).
 */
#ifndef HERALD_BIG_ISSUE_H
#define HERALD_BIG_ISSUE_H

#include <stddef.h>

#include "buf.h"

/* At least bytes of issue appended to b; returns its articles' count. */
static inline size_t
big_issue(struct buf *b, size_t bytes)
{
	size_t n, i;

	buf_adds(b, "# 测试报\n\n");
	for (n = 0; b->len < bytes; n++) {
		buf_printf(b, "## 文章%zu\n\n", n);
		for (i = 0; i < 8; i++)
			buf_adds(b, "这是一段正文，说的是一件事。");
		buf_adds(b, "\n\n");
	}
	return n;
}

#endif
