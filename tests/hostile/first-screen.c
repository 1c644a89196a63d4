/*
 * first-screen.c: what the reader does before its first screen of a
 * one-file issue, without curses (issue 19): open the file as the reader
 * does (LOAD_LAZY), set the masthead and the headlines of page 1's first
 * articles (a front page's screenful) at 80 columns.
 *
 *   first-screen FILE   do it; print the lines set and whether more of
 *                       the file is pending
 *   first-screen        TAP: a 1 MB file opens with the rest pending
 *
 * tests/hostile/first-screen-growth.sh counts the first form's instructions
 * at 1 MB and 4 MB under callgrind: they must not grow with the file.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "issue.h"
#include "load.h"
#include "typeset.h"

/* Articles of page 1 set, as many as a screen's rows. */
#define SCREEN 24

static int
first_screen(const char *path, size_t *nlines, size_t *pending)
{
	struct typeset_opts o = { .width = 80, .indent = 4, .paragraph_gap = 1 };
	struct ts_doc d;
	struct issue *is;
	char *err = NULL;
	size_t i;

	if ((is = load_issue(path, LOAD_DEFAULTS | LOAD_LAZY, &err)) == NULL) {
		fprintf(stderr, "first-screen: %s\n", err ? err : "?");
		free(err);
		return -1;
	}
	typeset_init(&d, &o);
	typeset_masthead(&d, is);
	for (i = 0; is->npages > 0 && i < is->pages[0].narticles &&
	     i < SCREEN; i++) {
		struct article part = *page_article(&is->pages[0], i);

		part.nblocks = 0;	/* the headline, as the front page */
		typeset_article(&d, &part);
	}
	*nlines = d.n;
	*pending = is->npending;
	typeset_free(&d);
	issue_free(is);
	return 0;
}

static int
self_test(void)
{
	char path[] = "/tmp/herald-first-screen.XXXXXX.md";
	struct buf b = { 0 };
	size_t n, pending;
	int fd, ok;
	FILE *f;

	puts("1..1");
	if ((fd = mkstemps(path, 3)) == -1 || (f = fdopen(fd, "w")) == NULL) {
		puts("not ok 1 - cannot make a temp file");
		return 1;
	}
	buf_adds(&b, "# 测试报\n\n");
	for (n = 0; b.len < 1024 * 1024; n++)
		buf_printf(&b, "## 文章%zu\n\n这是一段正文，说的是一件事。\n\n", n);
	fwrite(b.s, 1, b.len, f);
	fclose(f);
	buf_free(&b);
	ok = first_screen(path, &n, &pending) == 0 && pending == 1 && n > 0;
	unlink(path);
	printf("%s 1 - a 1 MB file opens with its rest pending\n",
	       ok ? "ok" : "not ok");
	return !ok;
}

int
main(int argc, char **argv)
{
	size_t n, pending;

	if (argc == 1)
		return self_test();
	if (argc != 2) {
		fputs("usage: first-screen [FILE]\n", stderr);
		return 2;
	}
	if (first_screen(argv[1], &n, &pending) != 0)
		return 1;
	printf("%zu lines, %zu pending\n", n, pending);
	return 0;
}
