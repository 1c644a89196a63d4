/*
 * config.h: the settings, read from one INI file through iniparser and
 * validated against one table (name, type, default, bounds, help). A bad
 * value gets a warning naming file, line and key, and the default stands.
 * No curses: colours are kept as names here; ui.c turns them into pairs.
 */
#ifndef HERALD_CONFIG_H
#define HERALD_CONFIG_H

/*
 * Every .c file includes "config.h" first, and from src/ that finds this
 * header: so it brings in the build configuration (autoconf's
 * build-config.h: _GNU_SOURCE, PACKAGE_VERSION…) before anything else.
 */
#include "build-config.h"

#include <stdbool.h>

#include "buf.h"
#include "layout.h"
#include "width.h"

struct config {
	/* [layout] */
	enum width_ambiguous	 ambiguous;	/* auto | narrow | wide (auto) */
	int			 indent;	/* 0..8 (4) */
	int			 paragraph_gap;	/* 0..2 (1) */
	enum layout_kinsoku	 kinsoku;	/* none | basic | strict (basic) */
	/* [repair] */
	bool			 ascii_punct;	/* yes */
	bool			 join_columns;	/* yes */
	bool			 join_lines;	/* yes */
	/* [reader] */
	bool			 continuous;	/* read a continued article as one (no) */
	bool			 mouse;		/* yes */
	bool			 save_position;	/* yes */
	/* [colors] */
	char			*theme;		/* default | mono (default) */
	char			*colors[16];	/* per-element colour specs, NULL = theme */
	bool			 no_color;	/* NO_COLOR set, or theme = mono */
	char			*path;		/* the file read, or NULL */
};

void config_defaults(struct config *c);
/*
 * Read path; NULL means $XDG_CONFIG_HOME/herald-tui/config.ini (or
 * ~/.config/...), where a missing file is not an error. [keys] entries go to
 * keys_bind(). Warnings are appended to warn, one per line, sanitised.
 * Returns 0, or -1 when an explicitly named file cannot be read (a warning
 * says why; the defaults stand).
 */
int config_load(struct config *c, const char *path, struct buf *warn);
/* The load.h flags the [repair] settings ask for. */
int config_load_flags(const struct config *c);
void config_free(struct config *c);

#endif
