/*
 * ui.h: the interactive reader. Curses setup and teardown, the main loop,
 * resize, signals, the pane stack. With pane-*.c, the only code that calls
 * curses.
 */
#ifndef HERALD_UI_H
#define HERALD_UI_H

#include "config.h"
#include "load.h"

struct convert;

struct ui_opts {
	struct library	*lib;		/* (borrowed) what was opened */
	size_t		 entry;		/* library entry to open first */
	struct config	*cfg;		/* (borrowed) settings, ambiguous resolved or AUTO */
	int		 page;		/* -p: page to open at, 0 = remembered/front */
	int		 article;	/* -a: article (1-based) on that page, 0 = none */
	int		 load_flags;	/* load.h flags for issues opened later */
	const char	*state_path;	/* NULL: the XDG default */
	struct convert	*conv;		/* (borrowed) converting the issues, or NULL */
	int		 script;	/* enum convert_script asked for (T's target) */
};

/* Run the reader on the terminal. Returns the exit status (0, or 1 after
 * an error that was reported on stderr). */
int ui_run(const struct ui_opts *o);

#endif
