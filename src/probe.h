/*
 * probe.h: ask the terminal how wide it draws East Asian Ambiguous
 * characters (the CPR probe of reference/cjk-layout.md §5.3). Runs before
 * curses starts; touches only /dev/tty.
 */
#ifndef HERALD_PROBE_H
#define HERALD_PROBE_H

#include "width.h"

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
