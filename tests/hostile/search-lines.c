/*
 * search-lines.c: what the article pane does to highlight a search, over
 * one long text, without curses: fold the text, find the needle's hits,
 * then for every "line" (LINE bytes, as a screen line of a long paragraph
 * holds) take the hits that reach into it and count the bytes lit.
 *
 *   search-lines                        TAP: both ways light the same bytes
 *   search-lines [--rescan] NEEDLE FILE print the hits and the bytes lit
 *
 * tests/hostile/scaling.sh counts the second form's instructions at N and
 * 4N: linear, or the redraw is quadratic. --rescan does it the old way
 * (the text searched from its start for each line), to show what that
 * test catches.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "file.h"
#include "text.h"
#include "xmalloc.h"

#define LINE 240

/* Bytes lit over all the lines of f's text (len bytes). */
static size_t
lit_bytes(const struct text_folded *f, const struct text_hits *h,
          const char *needle, size_t len, bool rescan)
{
	size_t off, end, k, st, en, at, lit = 0;

	for (off = 0; off < len; off += LINE) {
		end = off + LINE < len ? off + LINE : len;
		if (rescan) {
			for (at = 0; text_search(f, needle, at, &st, &en);
			     at = en) {
				if (st >= end)
					break;
				if (en > off)
					lit += (en < end ? en : end) -
					       (st > off ? st : off);
			}
			continue;
		}
		for (k = text_hits_from(h, off); k < h->n && h->v[k].start < end;
		     k++) {
			st = h->v[k].start;
			en = h->v[k].end;
			lit += (en < end ? en : end) - (st > off ? st : off);
		}
	}
	return lit;
}

static int
self_test(void)
{
	static const char *const needle[] = {"中文", "ab", "a", "，中", "zz"};
	struct buf b = {0};
	struct text_folded f;
	struct text_hits h;
	size_t i, x, y;
	int bad = 0;

	for (i = 0; i < 3000; i++)
		buf_adds(&b, i % 7 == 0 ? "中文ＡＢ，" : i % 3 ? "abab " : "中");
	text_fold(&f, b.s, b.len);
	printf("1..%zu\n", sizeof needle / sizeof needle[0]);
	for (i = 0; i < sizeof needle / sizeof needle[0]; i++) {
		text_hits_find(&h, &f, needle[i]);
		x = lit_bytes(&f, &h, needle[i], b.len, false);
		y = lit_bytes(&f, &h, needle[i], b.len, true);
		printf("%sok %zu - \"%s\": %zu hits, %zu bytes lit (rescan: %zu)\n",
		       x == y ? "" : "not ", i + 1, needle[i], h.n, x, y);
		bad |= x != y;
		text_hits_free(&h);
	}
	text_folded_free(&f);
	buf_free(&b);
	return bad;
}

int
main(int argc, char **argv)
{
	struct text_folded f;
	struct text_hits h;
	struct file_error fe;
	bool rescan = argc == 4 && strcmp(argv[1], "--rescan") == 0;
	char *s;
	size_t len, lit;

	if (argc == 1)
		return self_test();
	if (argc != 3 && !rescan) {
		fprintf(stderr, "usage: search-lines [--rescan] NEEDLE FILE\n");
		return 2;
	}
	s = file_read(argv[argc - 1], (size_t)1 << 30, &len, &fe);
	if (s == NULL) {
		fprintf(stderr, "search-lines: cannot read %s\n", argv[argc - 1]);
		return 1;
	}
	text_fold(&f, s, len);
	text_hits_find(&h, &f, argv[argc - 2]);
	lit = lit_bytes(&f, &h, argv[argc - 2], len, rescan);
	printf("hits %zu, %zu bytes lit\n", h.n, lit);
	text_hits_free(&h);
	text_folded_free(&f);
	free(s);
	return 0;
}
