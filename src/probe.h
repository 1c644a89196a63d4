/*
 * probe.h: ask the terminal how wide it draws East Asian Ambiguous
 * characters (the CPR probe of reference/cjk-layout.md §5.3). Runs before
 * curses starts; touches only /dev/tty.
 */
#ifndef HERALD_PROBE_H
#define HERALD_PROBE_H

#include <termios.h>

#include "width.h"

/* A probe in flight: asked, its answer not read yet. */
struct probe {
	int		fd;		/* /dev/tty, -1 when nothing was asked */
	struct termios	saved;		/* the terminal's modes, restored at the end */
	long		deadline;	/* ms, CLOCK_MONOTONIC */
};

/*
 * Ask (no echo, no line editing until probe_finish) without waiting, so
 * the round trip — a network's over SSH — overlaps with loading the issue.
 */
void probe_start(struct probe *p, int timeout_ms);
/* Read the answer until the deadline set by probe_start, erase the probe
 * and restore the terminal. WIDTH_WIDE or WIDTH_NARROW, as below. */
enum width_ambiguous probe_finish(struct probe *p);

/*
 * Write “ on a fresh row of the terminal, ask for the cursor position
 * (CSI 6n), wait up to timeout_ms for the answer and erase the row again.
 * WIDTH_WIDE when the terminal advanced two columns, else WIDTH_NARROW (also
 * when there is no terminal, no answer, or TERM is dumb or linux).
 */
enum width_ambiguous probe_ambiguous(int timeout_ms);

/*
 * Parse a cursor position report: the LAST "ESC [ row ; col R" in buf (any
 * typeahead before it is ignored). Returns the column (1-based), or -1.
 */
int probe_parse_cpr(const char *buf, size_t len);

#endif
