/*
 * probe.c: the CPR probe's question and answers. The question is drawn at
 * a fixed row and wiped by the clear that begins the first screen, in the
 * same write; the answer comes back among the keys, where ui.c has taught
 * curses its few possible forms, so nothing waits for it: the first screen
 * goes out at once, over SSH a round trip earlier, and a late answer (a
 * slow link) is still understood, never taken for keys.
 */
#include "build-config.h"

#include <stdio.h>
#include <string.h>

#include "probe.h"
#include "width.h"

bool
probe_wanted(const char *term)
{
	return term != NULL && *term != '\0' && strcmp(term, "dumb") != 0 &&
	       strcmp(term, "linux") != 0;
}

/* Copy a terminfo string without its padding ($<5>, $<2*>): the
 * question is written straight to the terminal, not through tputs. */
static size_t
copy_unpadded(char *dst, size_t n, const char *s)
{
	size_t k = 0;

	while (*s != '\0') {
		if (s[0] == '$' && s[1] == '<') {
			const char *e = strchr(s, '>');

			if (e != NULL && strspn(s + 2, "0123456789.*/") ==
			    (size_t)(e - s - 2)) {
				s = e + 1;
				continue;
			}
		}
		if (k + 1 >= n)
			return 0;
		dst[k++] = *s++;
	}
	dst[k] = '\0';
	return k;
}

size_t
probe_question(char *buf, size_t n, const char *cup, const char *u7)
{
	size_t k;
	int len;

	if (cup == NULL)
		return 0;
	if (u7 == NULL && strncmp(cup, "\033[", 2) == 0)
		u7 = "\033[6n";
	/* the ANSI cursor position report is the only answer understood */
	if (u7 == NULL || strcmp(u7, "\033[6n") != 0)
		return 0;
	if ((k = copy_unpadded(buf, n, cup)) == 0)
		return 0;
	len = snprintf(buf + k, n - k, "\xe2\x80\x9c%s", u7);
	return len > 0 && (size_t)len < n - k ? k + (size_t)len : 0;
}

void
probe_answer(char *buf, size_t n, int col)
{
	snprintf(buf, n, "\033[%d;%dR", PROBE_ROW, col);
}

enum width_ambiguous
probe_width(int col)
{
	return col - 1 == 2 ? WIDTH_WIDE : WIDTH_NARROW;
}
