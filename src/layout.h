/*
 * layout.h: breaking one block of text into lines at a given measure.
 *
 * Break opportunities are UAX #14 (u8_possible_linebreaks, "UTF-8") ∧
 * grapheme boundaries (u8_grapheme_breaks) ∧ the clreq rules (no line starts
 * with ，。、；：？！）」』】》〉”’·・… , no line ends with （「『【《〈“‘ , ——
 * and …… never split). Lines are fitted here (not u8_width_linebreaks):
 * trailing spaces hang, an overlong token breaks at a grapheme boundary, a
 * prohibited break pushes the previous character down. Widths come only from
 * width.h. No curses.
 */
#ifndef HERALD_LAYOUT_H
#define HERALD_LAYOUT_H

#include <stddef.h>

enum layout_kinsoku {
	KINSOKU_NONE,		/* UAX #14 only */
	KINSOKU_BASIC,		/* clreq basic (default) */
	KINSOKU_STRICT,		/* also: —— and …… never start a line */
};

enum layout_align {
	ALIGN_LEFT,
	ALIGN_CENTER,
	ALIGN_RIGHT,
};

struct layout_opts {
	int			width;		/* the measure, in columns (clamped to ≥ 2) */
	int			indent;		/* first-line indent, columns */
	int			hanging;	/* indent of the other lines, columns */
	enum layout_kinsoku	kinsoku;
	enum layout_align	align;
};

struct layout_line {
	size_t	off;	/* first byte in the text */
	size_t	len;	/* bytes; trailing spaces and the break itself excluded */
	int	col;	/* column where the line starts (indent, centring) */
	int	width;	/* columns of text[off, off + len) */
};

struct layout_cluster;

/*
 * Start with all zero. To reuse one for another text, set n = 0: the
 * scratch arrays below stay allocated, so a caller that keeps one
 * struct layout_lines allocates nothing per paragraph.
 */
struct layout_lines {
	struct layout_line	*v;	/* owned */
	size_t			 n;
	size_t			 cap;
	/* scratch, private to layout.c (owned) */
	char			*brk;	/* code points, line and cluster breaks */
	size_t			 brkcap;
	struct layout_cluster	*cl;	/* per cluster: offset, width, break */
	size_t			 clcap;
};

/*
 * Append the lines of text[0, len) to out. '\n' is a mandatory break.
 * Leading spaces and U+3000 of the text are dropped when indent > 0.
 * Guarantees col + width <= width of the measure for every line, no line
 * starts or ends against the kinsoku rules unless it holds a single cluster,
 * and the lines in order hold every non-space character of the text.
 * Grapheme clusters are never split, but for one that is by itself wider
 * than the line (a base with wide spacing marks at a tiny measure): it is
 * split between its code points rather than run past the edge.
 */
void layout_wrap(struct layout_lines *out, const char *text, size_t len,
    const struct layout_opts *o);
/* Free the lines and the scratch; l may be reused afterwards (all zero). */
void layout_lines_free(struct layout_lines *l);

#endif
