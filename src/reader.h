/*
 * reader.h: the reading session, without a terminal. It owns the issue
 * (and the library entry it came from), the place being read, the history
 * of places left, the search and its last match, the marks and the saved
 * position (through state.h), the lazy loading of the other pages and the
 * message for the status line. The screen (ui.c and the panes) asks it to
 * move and shows the result; tests/unit/test-reader.c drives it directly.
 */
#ifndef HERALD_READER_H
#define HERALD_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "config.h"
#include "convert.h"
#include "issue.h"
#include "keys.h"
#include "load.h"
#include "state.h"
#include "text.h"

/*
 * A place: an article and a key, key = 2 * the byte offset into the
 * article's text (headline, then its blocks) + 1 for a line of text, or
 * 2 * the offset where the text before ended for the blank or rule line
 * after it; 0 is the top. It survives a new layout at another width, and
 * is what the state file stores (page, article, offset, gap).
 */
struct reader_place {
	const struct article	*a;	/* NULL: no article open */
	size_t			 key;
};

/* What the screen should show after a move. */
enum reader_move {
	READER_NONE,		/* nothing to do (back with no history) */
	READER_STAY,		/* stay; the message says why */
	READER_FRONT,		/* the front page */
	READER_CONTENTS,	/* the contents */
	READER_ARTICLE,		/* the article at r->place */
};

/* The views the state file remembers (its pane numbers). */
enum reader_view {
	READER_VIEW_FRONT,
	READER_VIEW_CONTENTS,
	READER_VIEW_ARTICLE,
};

/* Places back remembers: the oldest goes when one more is left. A reader
 * who walks ] through a 46,000-story file keeps 16 KB, not 740 KB, and
 * a change of script converts at most this many stories. */
#define READER_HISTORY 1000

struct reader {
	const struct config	*cfg;
	struct library		*lib;
	size_t			 entry;		/* the library entry shown */
	struct issue		*is;		/* (borrowed from lib) or NULL */
	int			 load_flags;	/* for issues opened later */
	struct state		 st;
	bool			 st_loaded;
	char			*st_key;	/* state key of st_key_is */
	char			*lib_real;	/* the library's real path, or NULL */
	const struct issue	*st_key_is;
	struct reader_place	 place;		/* where the reader is */
	unsigned long		 moves;		/* counts jumps (not scrolling) */
	struct reader_place	*hist;		/* places left, for back: the
						 * last READER_HISTORY */
	size_t			 nhist, caphist;
	char			*needle;	/* the last search, owned, or NULL */
	struct reader_place	 match;		/* the last match: key = its start */
	bool			 have_match;
	size_t			 match_no;	/* it is match match_no (1-based) */
	size_t			 match_total;	/* of this many in the issue */
	/* matches per article, in issue order, for the needle, issue and
	 * script they were counted for (counted once, not at every n) */
	struct {
		char			*needle;
		const struct issue	*is;
		bool			 converted;
		size_t			*v, n;
		size_t			 looked; /* stories the last count
						  * searched */
	} counts;
	/* A search that takes long (a big file's every story read back,
	 * converted) says how far it is: called between stories, from
	 * READER_TICK_FIRST_MS on, every READER_TICK_MS, with the stories
	 * looked at of total (counting: its matches, once one is found);
	 * false stops the search (ui.c: Esc). NULL: never.
	 * search_stopped: the last search was, before a match (READER_NONE)
	 * or while counting (the match shown, match_no 0). */
	bool			(*search_tick)(void *ctx, size_t done,
				    size_t total, bool counting);
	void			*search_tick_ctx;
	bool			 search_stopped;
	/* The count typed before this key (5j, 12g), 0 when none: the
	 * moves read it, the key loop clears it after each action. */
	unsigned long		 count;
	char			*msg;		/* the status message, owned */
	bool			 msg_error;
	unsigned long		 msg_no;	/* counts the messages given */
	struct convert		*conv;		/* 简⇄繁 for T, or NULL (see conv_owned) */
	bool			 conv_owned;	/* opened by T: closed by reader_free */
	enum convert_script	 script;	/* what T converts to */
	bool			 converted;	/* the issue is shown in script */
	bool			 images;	/* photos drawn in the article (i);
						 * else their [图] lines only */
	struct load_job		*job;		/* the rest of is being read, or NULL */
	/* The place kept in the state file, when it is past a big file's
	 * first part: taken once the rest is in (reader_restore), unless
	 * the reader moved (moves is no longer restore_moves); kept in the
	 * state file until then. */
	bool			 restore;
	struct state_pos	 restore_pos;
	int			 restore_pane;
	unsigned long		 restore_moves;
	/* -p PAGE [-a N] past the first part: taken as the place is */
	int			 restore_page, restore_article;
};

/* Set up r for entry of lib (lib may be NULL); no issue is opened yet. */
void reader_init(struct reader *r, const struct config *cfg,
    struct library *lib, size_t entry, int load_flags);
void reader_free(struct reader *r);
/* Open the issue of r->entry; false with *err set. */
bool reader_open_issue(struct reader *r, char **err);
/* Load the state file (NULL: the XDG default); warnings go to warn. */
void reader_load_state(struct reader *r, const char *path, struct buf *warn);

void reader_message(struct reader *r, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void reader_clear_message(struct reader *r);

/* The pages a LOAD_LAZY open left pending; true when some were parsed
 * (the lists built from the issue must be built again). */
bool reader_load_rest(struct reader *r);
/* The same, but a big file's rest is read in a thread of its own
 * (load_job_start) while keys are answered on its first part; true when
 * pages were parsed at once. reader_load_poll takes the whole model in
 * once that read is done (true then, as above): the places and the
 * history move over to it, or to the front page when their story is
 * gone. reader_loading says a read is under way. */
bool reader_load_start(struct reader *r);
bool reader_load_poll(struct reader *r);
bool reader_loading(const struct reader *r);
/* A big file's rest is read, or about to be (the first screen, drawn
 * before reader_load_start, says so already: its status line is not
 * written again a moment later). */
bool reader_rest_coming(const struct reader *r);
/* After reader_load_poll: the place reader_start left for then (the
 * front page shown meanwhile), or READER_NONE. reader_restore_drop: the
 * reader asked for the whole issue (it goes where it asked). */
enum reader_move reader_restore(struct reader *r);
void reader_restore_drop(struct reader *r);
/* Where to start: -p page (0: none) and -a article (1-based, 0: none),
 * else the remembered place, else the front page. */
enum reader_move reader_start(struct reader *r, int page, int article);
/* Switch to library entry i; view is what is being shown (remembered for
 * the issue left). False (and a message) when it cannot be opened. */
bool reader_open_entry(struct reader *r, size_t i, enum reader_view view);

/* Open article a at key 0; push the place left when history is set. */
enum reader_move reader_open(struct reader *r, const struct article *a,
    bool history);
/* Open p at its place (p->key kept). */
enum reader_move reader_open_place(struct reader *r,
    const struct reader_place *p, bool history);
/* Open page n: the first page is the front page; any other its first
 * article. A missing, failed or empty page: a message, READER_STAY. */
enum reader_move reader_open_page(struct reader *r, int n, bool history);
/* After opening a, which a contents entry links to page said (-1: none
 * given), say when the story is on another page. */
void reader_contents_note(struct reader *r, const struct article *a,
    int said);
/* Follow a's jump (dir +1 下转, -1 上接) to page n: its story there, else
 * that page's first article with a message. */
enum reader_move reader_follow_jump(struct reader *r,
    const struct article *a, int n, int dir);
/* Next/previous article and page, continue, back. Other actions, or back
 * with an empty history: READER_NONE. */
enum reader_move reader_step(struct reader *r, enum action a);
/* The scroll position changed (no history): the article pane's top line. */
void reader_scrolled(struct reader *r, const struct article *a, size_t key);

/*
 * 简⇄繁: the script T converts to is script ([reader] script, --script;
 * original means traditional), with conv (borrowed; NULL: opened on the
 * first T) already converting when script is not original.
 */
void reader_set_script(struct reader *r, struct convert *conv,
    enum convert_script script);
/*
 * T: the issue in the other script, original ⇄ r->script. The text is
 * converted in the model (the panes lay it out anew) and every place the
 * reader keeps (the place, the history, the last match) moves to the same
 * sentence in the other text. READER_STAY; when OpenCC or its data are
 * missing, a one-line message and the text stays as it is.
 */
enum reader_move reader_toggle_script(struct reader *r);
/* The search's fold of characters for the current needle: 简⇄繁
 * (convert_fold_char) when it holds CJK and OpenCC can fold, else NULL. */
text_char_fold *reader_search_fold(const struct reader *r);

#define READER_TICK_FIRST_MS 300
#define READER_TICK_MS 150

/* Search r->needle from the place (dir +1/-1; 0 = from the place itself,
 * forward). READER_ARTICLE at the match, READER_NONE if none. */
enum reader_move reader_search(struct reader *r, int dir);

/* The place as the state file stores it, for view. */
void reader_here(const struct reader *r, enum reader_view view,
    struct state_pos *pos);
/* Remember the place in the state (no write). */
void reader_remember(struct reader *r, enum reader_view view);
/* Library entry i as the state file knows it (its label, articles read),
 * or NULL: never opened, or no state. */
const struct state_issue *reader_entry_state(struct reader *r, size_t i);
/*
 * The next article not read: after the place in this issue, then in the
 * library's later issues (opened as reader_open_entry does, view being
 * what is shown; *other is set when the issue changed). READER_STAY and
 * a message when none is left.
 */
enum reader_move reader_next_unread(struct reader *r, enum reader_view view,
    bool *other);
/* Merge into the state file; false (and *err) if it could not be saved. */
bool reader_save(struct reader *r, enum reader_view view, char **err);
/* Set mark k ('a'..'z') here and save: false and a message when not. */
bool reader_mark_set(struct reader *r, int k, enum reader_view view);
/* Go to mark k. */
enum reader_move reader_mark_go(struct reader *r, int k);

/*
 * The article at the reader's place as --dump sets it at width columns, in
 * the script shown, appended to out (for s, | and y). False when no
 * article is open or it cannot be set (*err says why; caller frees).
 */
bool reader_article_text(const struct reader *r, int width, struct buf *out,
    char **err);

#endif
