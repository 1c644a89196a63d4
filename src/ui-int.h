/*
 * ui-int.h: what ui.c, ui-draw.c and ui-input.c share; no pane includes
 * it. The frame's tables, the signal flag, and the three files' entries.
 */
#ifndef HERALD_UI_INT_H
#define HERALD_UI_INT_H

#include <signal.h>

#include "pane.h"

struct archive;

struct ui_opts;

/* The frame: what only ui*.c see. The panes get ctx. */

struct ui {
	const struct ui_opts	*o;
	struct config		*cfg;
	struct reader		 rd;		/* the session: issue, place, search */
	struct pane_ctx		 ctx;		/* the panes' view of the above */
	enum pane_id		 pane;
	void			*data[PANE_COUNT];
	int			 h, w;		/* the text area */
	attr_t			 attr[UI_ELEM_COUNT];
	bool			 quit;
	bool			 lib_checked;	/* the library's issues were checked */
	bool			 probe_pending;	/* the width probe's answer is awaited */
	long			 probe_sent;	/* when it was asked (ms, monotonic) */
	struct archive		*ar;		/* the library's index, after S */
	bool			 ar_indexing;	/* brought up to date while idle */
	bool			 ar_requery;	/* search again when it is done */
	bool			 hit_open;	/* back returns to the results */
	bool			 ar_rank;	/* results by rank (o), not newest first */
	int			 press_row;	/* the article's row button 1 went down
						 * on, or -1 */
	bool			 counting;	/* a count is being typed (rd.count) */
	bool			 bars;		/* tab bar and status line shown (z) */
	unsigned long		 msg_seen;	/* full screen: the message shown */
	long			 msg_until;	/* and until when (ms, monotonic) */
	bool			 has_kept;	/* a key taken while waiting for the
						 * rest, given back next: kept */
	int			 kept;
	/* a search under way (ui_search): in the incsearch prompt, and
	 * the message its progress left (rd.msg_no), 0 none */
	bool			 search_prompt;
	unsigned long		 search_msg;
};

/* Full screen: how long a message shows on the last line. */
#define UI_MESSAGE_MS 2000

/* Smaller than this, only the "too small" notice. */
#define UI_MIN_COLS 20
#define UI_MIN_LINES 6

/* ui.c */
extern const struct pane_ops *const ui_panes[PANE_COUNT];
extern const char *const ui_tab_names[PANE_COUNT];
extern volatile sig_atomic_t ui_got_signal;	/* set by the handler */
/* The text area changed size (or the issue changed): every pane. */
void ui_resize_panes(struct ui *u);
void ui_message(struct ui *u, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ui_switch(struct ui *u, enum pane_id id);
/* Open library entry i (a library's contents pane); false on error. */
bool ui_open_entry(struct ui *u, size_t i);
/* Open the issue of an archive hit at its article, the needle (folded,
 * may be NULL) found and marked there. */
struct archive_hit;
void ui_open_hit(struct ui *u, const struct archive_hit *h,
    const char *needle);
/* Show what a reader move asks for (reader.h); false for READER_NONE. */
bool ui_show(struct ui *u, enum reader_move m);
/* Tell every pane what changed. */
void ui_update(struct ui *u, enum pane_update what);

/* ui-output.c: the article saved (s), piped (|), copied (y, OSC 52). */
void ui_save(struct ui *u);
void ui_pipe(struct ui *u);
void ui_yank(struct ui *u);
/* The article's screen rows a..b (either order) selected, for y. */
void ui_select_rows(struct ui *u, int a, int b);
/* o: a web address on the article's screen to $BROWSER (a choice when
 * there are several). */
void ui_open_url(struct ui *u);

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
	KEY_TICK_ = -6,		/* full screen: the message's time is up */
	KEY_LOADED_ = -7,	/* the rest is read (reader_load_poll) */
};
/* How long a wait for a key lasts before the signal flags are looked at. */
#define UI_KEY_WAIT_MS 250
int ui_next_key(struct ui *u);
int ui_next_key_timed(struct ui *u);
/* The next key, KEY_LOADED_ when the rest is read, or KEY_TICK_
 * after ms. */
int ui_next_key_within(struct ui *u, long ms);
/* Give key k back: the next key read is k. */
void ui_keep_key(struct ui *u, int k);
/* The key typed first, if one is, left where it is (the next key read
 * is still it): KEY_NONE_ when none is; no wait. */
int ui_peek_key(struct ui *u);
void ui_handle_resize(struct ui *u);
/* The prompt on the status line; NULL when cancelled. */
char *ui_prompt(struct ui *u, const char *label);
/* The same with init already typed (a default the reader may edit). */
char *ui_prompt_text(struct ui *u, const char *label, const char *init);
/*
 * What else a prompt may do: Up and Down walk hist (oldest first, nhist
 * of them; the text being typed comes back past the newest); changed is
 * called after each edit with the text so far and returns a note to show
 * at the right of the prompt line (or NULL).
 */
struct ui_prompt_opts {
	char *const	*hist;		/* newest first (Up walks back) */
	size_t		 nhist;
	const char	*(*changed)(struct ui *u, const char *text, void *ctx);
	void		*ctx;
};
char *ui_prompt_with(struct ui *u, const char *label, const char *init,
    const struct ui_prompt_opts *o);
/* The width probe: ask; at the end, wait a little for its answer. */
void ui_probe_send(struct ui *u);
void ui_probe_drain(struct ui *u);

#endif
