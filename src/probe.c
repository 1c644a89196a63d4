/*
 * probe.c: the CPR probe's question and answers. The question is drawn on
 * a screen curses has just cleared, at a fixed row, and erased in the same
 * write; the answer comes back among the keys, where ui.c has taught curses
 * its few possible forms, so nothing waits for it: the first screen goes
 * out at once, over SSH a round trip earlier, and a late answer (a slow
 * link) is still understood, never taken for keys.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "probe.h"

bool
probe_wanted(const char *term)
{
	return term != NULL && *term != '\0' && strcmp(term, "dumb") != 0 &&
	       strcmp(term, "linux") != 0;
}

size_t
probe_question(char *buf, size_t n, const char *sc, const char *cup,
               const char *u7, const char *el, const char *rc)
{
	int len;

	if (sc == NULL || cup == NULL || u7 == NULL || el == NULL ||
	    rc == NULL)
		return 0;
	/* the ANSI cursor position report is the only answer understood */
	if (strcmp(u7, "\033[6n") != 0)
		return 0;
	len = snprintf(buf, n, "%s%s\xe2\x80\x9c%s\r%s%s", sc, cup, u7, el,
	               rc);
	return len > 0 && (size_t)len < n ? (size_t)len : 0;
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
