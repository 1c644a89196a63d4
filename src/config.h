/*
 * config.h: the settings, read from one INI file through iniparser and
 * validated against one table (name, type, default, bounds, help). A bad
 * value gets a warning naming file, line and key, and the default stands.
 * No curses: colours are kept as names here; ui.c turns them into pairs.
 */
#ifndef HERALD_CONFIG_H
#define HERALD_CONFIG_H

/*
 * Every .c file includes the build configuration first (autoconf's
 * build-config.h: _GNU_SOURCE, PACKAGE_VERSION…): directly, or through
 * this header when it reads the settings, so that only the modules that
 * read settings depend on this one (tools/include-graph.sh).
 */
#include "build-config.h"

#include <stdbool.h>

#include "buf.h"
#include "layout.h"
#include "width.h"

/* The screen elements with a colour of their own: X(id, name, help). */
#define CONFIG_COLORS(X) \
	X(TITLE, "title", "the masthead") \
	X(HEADLINE, "headline", "article headlines") \
	X(SUBHEAD, "subhead", "subheads inside an article") \
	X(BYLINE, "byline", "bylines (▶ 本报记者 …)") \
	X(BODY, "body", "body text") \
	X(JUMP, "jump", "continuation jumps (下转第N版)") \
	X(CAPTION, "caption", "photo captions") \
	X(CREDIT, "credit", "photo credits and signatures") \
	X(CONTENTS, "contents", "contents entries") \
	X(STATUS, "status", "the status line") \
	X(SEARCH, "search", "search matches") \
	X(SELECTION, "selection", "the selected entry")

enum config_color_id {
#define CONFIG_COLOR_ENUM(id, name, help) CONFIG_COLOR_##id,
	CONFIG_COLORS(CONFIG_COLOR_ENUM)
#undef CONFIG_COLOR_ENUM
	CONFIG_COLOR_COUNT
};

/* A parsed colour spec "FG[,BG][,bold|underline|reverse]...". */
#define CONFIG_COLOR_DEFAULT (-1)	/* the terminal's own colour */
enum config_attr {
	CONFIG_ATTR_BOLD = 1 << 0,
	CONFIG_ATTR_UNDERLINE = 1 << 1,
	CONFIG_ATTR_REVERSE = 1 << 2,
};
struct config_color {
	int		 fg;	/* CONFIG_COLOR_DEFAULT, or 0..255 (0..7 = black..white) */
	int		 bg;	/* likewise; CONFIG_COLOR_DEFAULT when not given */
	unsigned	 attr;	/* enum config_attr bits */
};

struct keys_table;

/* [images] mode: how photos are drawn in the reader. */
enum config_images {
	CONFIG_IMAGES_AUTO,	/* the best the terminal can */
	CONFIG_IMAGES_SYMBOLS,	/* symbol art (chafa), any UTF-8 terminal */
	CONFIG_IMAGES_NONE,	/* the [图] line only */
	CONFIG_IMAGES_SIXEL,	/* sixel graphics */
	CONFIG_IMAGES_KITTY,	/* kitty's graphics protocol */
	CONFIG_IMAGES_ITERM,	/* iTerm2's inline images */
};

struct config {
	/* [layout] */
	enum width_ambiguous	 ambiguous;	/* auto | narrow | wide (auto) */
	int			 indent;	/* 0..8 (4) */
	int			 paragraph_gap;	/* 0..2 (1) */
	enum layout_kinsoku	 kinsoku;	/* none | basic | strict (basic) */
	bool			 ascii_rules;	/* tables ruled in ASCII (no) */
	int			 measure;	/* article column, Chinese chars (40) */
	int			 margin;	/* blank columns each side (0) */
	/* [repair] */
	bool			 ascii_punct;	/* yes */
	bool			 join_columns;	/* yes */
	bool			 join_lines;	/* yes */
	/* [reader] */
	bool			 bars;		/* the tab bar and status line (yes) */
	bool			 continuous;	/* read a continued article as one (no) */
	bool			 incsearch;	/* search as the needle is typed (yes) */
	bool			 mouse;		/* yes */
	bool			 save_position;	/* yes */
	int			 script;	/* enum convert_script (original) */
	/* [images] */
	enum config_images	 images;	/* auto | symbols | none | sixel |
						 * kitty | iterm (auto) */
	int			 image_rows;	/* rows a photo takes at most;
						 * 0: 40% of the pane (0) */
	/* [colors] */
	char			*theme;		/* default | mono (default) */
	char			*colors[16];	/* per-element colour specs, NULL = theme;
						   index: enum config_color_id */
	bool			 no_color;	/* NO_COLOR set, or theme = mono */
	char			*path;		/* the file read, or NULL */
	/* [keys] */
	struct keys_table	*keys;		/* the bindings the file made, or
						   NULL; config_apply_keys */
};

/* Initialise c to the defaults (it owns nothing yet; config_free first when
 * reusing one). NO_COLOR in the environment is read here. */
void config_defaults(struct config *c);
/*
 * Read path; NULL means $XDG_CONFIG_HOME/herald-tui/config.ini (or
 * ~/.config/...), where a missing file is not an error. [keys] entries are
 * bound into c->keys, not the keys in use: config_apply_keys installs
 * them. Warnings are appended to warn, one per line, sanitised.
 * Returns 0, or -1 when an explicitly named file cannot be read: missing,
 * unreadable or not a regular file (a warning says why; the defaults
 * stand). A file that is read but refused (too large, NUL bytes, a syntax
 * error) gives one warning and returns 0 with the defaults.
 */
int config_load(struct config *c, const char *path, struct buf *warn);
/* Make the bindings config_load read the keys in use (keys.h); nothing
 * when the file had none. */
void config_apply_keys(const struct config *c);
/*
 * Parse a colour spec: colours are default black red green yellow blue
 * magenta cyan white or 0..255, case-insensitive. Returns 0, or -1 (out
 * untouched). colors[i] of a loaded config always parses.
 */
int config_color_parse(const char *spec, struct config_color *out);
/* The config name of a colour element ("headline"), or NULL. */
const char *config_color_name(enum config_color_id id);
/* The default file: $XDG_CONFIG_HOME/herald-tui/config.ini (absolute
 * XDG_CONFIG_HOME only), else ~/.config/...; NULL if no home. Caller frees. */
char *config_default_path(void);
/*
 * The commented example config, one entry per setting of the table, with
 * its default (data/config.ini.example is this text; a test checks).
 */
void config_example(struct buf *out);

/* The load.h flags the [repair] settings ask for. */
int config_load_flags(const struct config *c);
void config_free(struct config *c);

#endif
