/*
 * ui-int.h: what ui.c, ui-draw.c and ui-input.c share; no pane includes
 * it. The frame's tables, the signal flag, and the three files' entries.
 */
#ifndef HERALD_UI_INT_H
#define HERALD_UI_INT_H

#include <signal.h>

#include "pane.h"

/* Smaller than this, only the "too small" notice. */
#define UI_MIN_COLS 20
#define UI_MIN_LINES 6

/* ui.c */
extern const struct pane_ops *const ui_panes[PANE_COUNT];
extern const char *const ui_tab_names[PANE_COUNT];
extern volatile sig_atomic_t ui_got_signal;	/* set by the handler */
/* The text area changed size (or the issue changed): every pane. */
void ui_resize_panes(struct ui *u);

/* ui-draw.c */
void ui_colors_setup(struct ui *u);
void ui_draw(struct ui *u);

/* ui-input.c: what ui_next_key returns besides keys. */
enum {
	KEY_NONE_ = -1,
	KEY_RESIZE_ = -2,
	KEY_MOUSE_ = -3,
	KEY_EOF_ = -4,
	KEY_SIGNAL_ = -5,
};
int ui_next_key(struct ui *u);
void ui_handle_resize(struct ui *u);
/* The prompt on the status line; NULL when cancelled. */
char *ui_prompt(struct ui *u, const char *label);
/* The width probe: ask; at the end, wait a little for its answer. */
void ui_probe_send(struct ui *u);
void ui_probe_drain(struct ui *u);

#endif
