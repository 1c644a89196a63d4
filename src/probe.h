/*
 * probe.h: ask the terminal how wide it draws East Asian Ambiguous
 * characters (the CPR probe of reference/cjk-layout.md §5.3), without
 * waiting for the answer. No curses: ui.c writes the question once curses
 * has cleared the screen, and reads the answer among the keys.
 */
#ifndef HERALD_PROBE_H
#define HERALD_PROBE_H

#include <stdbool.h>
#include <stddef.h>

#include "width.h"

/* The row the question draws on (1-based), so the answer is one of a few
 * fixed strings: ESC [ 2 ; COL R. Never row 1, where ESC [ 1 ; 2 R is
 * Shift-F3. */
#define PROBE_ROW 2
/* Answers looked for: the cursor at column 1 (nothing drawn) up to this. */
#define PROBE_MAX_COL 4
/* A quit waits this long after the question for an answer still on its
 * way, so that it does not reach the shell as typed text. */
#define PROBE_WAIT_MS 500

/* Is TERM worth asking? Not without one, nor dumb (no cursor), nor the
 * Linux console (its font draws every one of them narrow). */
bool probe_wanted(const char *term);

/*
 * The question, into buf (size n): go to row PROBE_ROW column 1 (cup, the
 * terminal's own string, already at that place), draw “ and ask where the
 * cursor is (u7, CSI 6n; assumed when the terminfo entry lacks it but the
 * terminal addresses the cursor the ANSI way). Padding ($<5>) is left out:
 * it is written straight to the terminal. Whoever sends it clears the
 * screen next. Returns the length, or 0 when the terminal cannot be asked
 * this way (no cup, or a report the answers below would not match).
 */
size_t probe_question(char *buf, size_t n, const char *cup, const char *u7);

/* The answer ESC [ PROBE_ROW ; col R, into buf (size n). */
void probe_answer(char *buf, size_t n, int col);

/* What the answer at column col means: wide when “ took two columns. */
enum width_ambiguous probe_width(int col);

#endif
