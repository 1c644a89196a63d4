/*
 * bare-loop.c: the floor for the layout benchmark. Reads a file, and for
 * each paragraph (text between blank lines) asks libunistring for the break
 * opportunities (u8_possible_linebreaks, "UTF-8") and the width of every
 * character (uc_width), and fits lines greedily at a width. It is the least
 * work any layout must do, so herald-tui --dump is measured against it.
 *
 * It must stay bare: no kinsoku, no graphemes, no model, no output beyond a
 * checksum (printed so the compiler cannot drop the loop). It does not link
 * libherald on purpose.
 *
 * Usage: bare-loop FILE [WIDTH]
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>
#include <unilbrk.h>
#include <uniwidth.h>

struct totals {
	unsigned long lines;
	unsigned long cols;
};

static void *
alloc_or_die(size_t n)
{
	void *p = malloc(n > 0 ? n : 1);

	if (p == NULL) {
		perror("bare-loop");
		exit(1);
	}
	return p;
}

/* One paragraph: break opportunities, widths, greedy fit. */
static void
paragraph(const uint8_t *s, size_t n, char *brk, int width, struct totals *t)
{
	size_t i = 0;
	int col = 0, since_break = 0;

	if (n == 0)
		return;
	u8_possible_linebreaks(s, n, "UTF-8", brk);
	t->lines++;
	while (i < n) {
		ucs4_t c;
		int len = u8_mbtouc(&c, s + i, n - i);
		int w = uc_width(c, "UTF-8");

		if (w < 0)
			w = 0;
		if (brk[i] == UC_BREAK_MANDATORY) {
			t->lines++;
			col = since_break = 0;
		} else if (brk[i] == UC_BREAK_POSSIBLE)
			since_break = 0;
		if (col + w > width) {
			/* carry the unbreakable run since the last opportunity
			 * down */
			t->lines++;
			col = since_break <= width ? since_break : 0;
		}
		col += w;
		since_break += w;
		t->cols += (unsigned long)w;
		i += (size_t)len;
	}
}

int
main(int argc, char **argv)
{
	FILE *f;
	uint8_t *buf;
	char *brk;
	size_t len = 0, cap = 1 << 20, start, i;
	struct totals t = {0, 0};
	int width = 80;

	if (argc < 2 || argc > 3) {
		fputs("usage: bare-loop FILE [WIDTH]\n", stderr);
		return 2;
	}
	if (argc == 3)
		width = atoi(argv[2]);
	if ((f = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "bare-loop: %s: %s\n", argv[1],
		        strerror(errno));
		return 1;
	}
	buf = alloc_or_die(cap);
	for (;;) {
		size_t r;

		if (len == cap) {
			uint8_t *nb = alloc_or_die(cap * 2);

			memcpy(nb, buf, len);
			free(buf);
			buf = nb;
			cap *= 2;
		}
		r = fread(buf + len, 1, cap - len, f);
		if (r == 0)
			break;
		len += r;
	}
	fclose(f);
	brk = alloc_or_die(len);

	/* paragraphs end at a blank line; lines inside one are joined */
	start = 0;
	for (i = 0; i <= len; i++) {
		if (i == len ||
		    (buf[i] == '\n' && (i + 1 == len || buf[i + 1] == '\n'))) {
			size_t end = i;

			if (end > start && buf[end - 1] == '\n')
				end--;
			paragraph(buf + start, end - start, brk, width, &t);
			while (i < len && buf[i] == '\n')
				i++;
			start = i;
		}
	}
	printf("bytes %zu lines %lu columns %lu\n", len, t.lines, t.cols);
	free(brk);
	free(buf);
	return 0;
}
