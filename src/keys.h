/*
 * keys.h: keys → named actions, in one table with the help text. The help
 * pane, the man page's key list and [keys] in the config all come from
 * KEYS_ACTIONS. No curses: ui.c turns curses key codes into the codes here.
 */
#ifndef HERALD_KEYS_H
#define HERALD_KEYS_H

#include <stddef.h>

/* X(id, config name, help text) */
#define KEYS_ACTIONS(X) \
	X(FRONT, "front", "Show the front page") \
	X(CONTENTS, "contents", "Show the contents") \
	X(ARTICLE, "article", "Show the article") \
	X(NEXT_PANE, "next-pane", "Cycle to the next pane") \
	X(PREV_PANE, "prev-pane", "Cycle to the previous pane") \
	X(DOWN, "down", "Line down, or move the selection down") \
	X(UP, "up", "Line up, or move the selection up") \
	X(PAGE_DOWN, "page-down", "Page down") \
	X(PAGE_UP, "page-up", "Page up") \
	X(TOP, "top", "Go to the top") \
	X(BOTTOM, "bottom", "Go to the bottom") \
	X(PERCENT, "percent", "Go N% of the way down (the count before it: 50%)") \
	X(GOTO_PAGE, "goto-page", "Go to page N (asks; a count before it goes at once)") \
	X(SCROLL_LEFT, "scroll-left", "Scroll a table wider than the screen left") \
	X(SCROLL_RIGHT, "scroll-right", "Scroll a table wider than the screen right") \
	X(OPEN, "open", "Open the selection, or follow the jump under the cursor") \
	X(CONTINUE, "continue", "Follow this article's continuation (下转第N版)") \
	X(BACK, "back", "Go back in the history") \
	X(NEXT_ARTICLE, "next-article", "Next article") \
	X(PREV_ARTICLE, "prev-article", "Previous article") \
	X(NEXT_PAGE, "next-page", "Next page") \
	X(NEXT_UNREAD, "next-unread", "Next article not read, on into the library's next issues") \
	X(PREV_PAGE, "prev-page", "Previous page") \
	X(SEARCH, "search", "Search the issue") \
	X(SEARCH_NEXT, "search-next", "Next match") \
	X(SEARCH_PREV, "search-prev", "Previous match") \
	X(ARCHIVE_SEARCH, "archive-search", "Search every issue of the library (its archive index)") \
	X(MARK, "mark", "Set a bookmark (then a letter)") \
	X(GOTO_MARK, "goto-mark", "Go to a bookmark (then a letter)") \
	X(SWITCH_SCRIPT, "switch-script", "Switch between the original script and the one set (简⇄繁)") \
	X(SAVE, "save", "Save the article to a file (as --dump sets it)") \
	X(PIPE, "pipe", "Pipe the article to a shell command") \
	X(YANK, "yank", "Copy the article to the clipboard (OSC 52)") \
	X(OPEN_URL, "open-url", "Open a web address on the screen (results: by rank/date)") \
	X(WHOLE_PAGE, "whole-page", "The whole page, article after article (again: one)") \
	X(FULL_SCREEN, "full-screen", "Full screen: hide the bars (again: show them)") \
	X(IMAGES, "images", "Show or hide the photos (the article, the front page)") \
	X(HELP, "help", "Show this help") \
	X(REDRAW, "redraw", "Redraw the screen") \
	X(QUIT, "quit", "Back one level; quit from the front page") \
	X(QUIT_NOW, "quit-now", "Quit at once")

enum action {
	ACTION_NONE = 0,
#define KEYS_ENUM(id, name, help) ACTION_##id,
	KEYS_ACTIONS(KEYS_ENUM)
#undef KEYS_ENUM
	ACTION_COUNT
};

/* Key codes: a Unicode code point for a character, or one of these. */
enum keys_special {
	KEYS_UP = 0x110000,
	KEYS_DOWN,
	KEYS_LEFT,
	KEYS_RIGHT,
	KEYS_PGUP,
	KEYS_PGDN,
	KEYS_HOME,
	KEYS_END,
	KEYS_ENTER,
	KEYS_BACKSPACE,
	KEYS_DELETE,
	KEYS_TAB,
	KEYS_BTAB,
	KEYS_ESC,
	KEYS_F1,
};

/* Install the default bindings (DESIGN.md's key table). */
void keys_init(void);
/*
 * A copy of the whole key table, to install later: config_load builds the
 * [keys] bindings into one and leaves the table in use as it was; the
 * caller installs them (config_apply_keys).
 */
struct keys_table;
/* The table in use, copied. Caller frees (keys_table_free). */
struct keys_table *keys_table_save(void);
/* Make t the table in use (t stays the caller's). */
void keys_table_install(const struct keys_table *t);
void keys_table_free(struct keys_table *t);
/* The action bound to key, or ACTION_NONE. */
enum action keys_lookup(int key);
/*
 * [keys] entry: bind the space-separated key names in spec to the action
 * named name, replacing its default keys. Returns 0, or -1 with *err set
 * (caller frees) for an unknown action or key name, or a key name with a
 * control character in it ("contains a control byte (0x1b)").
 */
int keys_bind(const char *name, const char *spec, char **err);
/* A key that a binding took from another action. */
struct keys_taken {
	int		key;
	enum action	from;
};
/*
 * keys_bind, also telling which of the keys were bound to another action
 * until now (a key means one action at a time, so that action loses it):
 * up to KEYS_PER_ACTION of them in taken[], *ntaken how many.
 */
int keys_bind_taking(const char *name, const char *spec,
    struct keys_taken *taken, size_t *ntaken, char **err);
/* "j", "Space", "Down", "PgDn", "C-l", "S-Tab", "F1"… → code, or -1. */
int keys_parse(const char *name);
/* The name of a key code, as keys_parse reads it. Returns buf. */
const char *keys_name(int key, char *buf, size_t size);
const char *keys_action_name(enum action a);
const char *keys_action_help(enum action a);
/* The keys bound to a, at most max of them; returns how many. */
size_t keys_for_action(enum action a, int *keys, size_t max);
/* For a hint on screen: the name of the first key bound to a ("q"), or
 * NULL when a is unbound. Returns buf. */
const char *keys_hint(enum action a, char *buf, size_t size);

/* At most this many keys per action; a [keys] entry with more is refused. */
#define KEYS_PER_ACTION 8

/* The action with this config name (case-insensitive), or ACTION_NONE. */
enum action keys_action_parse(const char *name);
/* The default keys of a as key names ("j Down"), as [keys] takes them. */
const char *keys_default_spec(enum action a);

#endif
