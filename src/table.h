/*
 * table.h: building a table (struct table, issue.h) from rows of cells as
 * a source reads them: Markdown's GFM pipe tables, HTML <table>s. Spans
 * are placed in the grid as HTML does; sizes are bounded so hostile input
 * (colspan="100000") cannot make a huge grid. No curses, no layout.
 */
#ifndef HERALD_TABLE_H
#define HERALD_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "issue.h"

/* Bounds on a grid: wider or longer input is cut (its text kept). */
#define TABLE_MAX_COLS 64
#define TABLE_MAX_ROWS 20000

struct table_builder;

struct table_builder *table_builder_new(void);
/* Start a row; head: a header row (<thead>, <th> cells, GFM's first). */
void table_row(struct table_builder *tb, bool head);
/* A cell of the current row (a row is started if none is); text is
 * taken (owned by the builder from here). colspan/rowspan < 1 count as 1. */
void table_cell(struct table_builder *tb, char *text, size_t len, int colspan,
                int rowspan);
/* Does the builder hold any cell? */
bool table_builder_empty(const struct table_builder *tb);
/*
 * The grid: spans placed, empty rows dropped, a body row equal to the
 * header dropped (docling repeats the header on each PDF page), numbers
 * marked. *text: the cells' text for search, a row a line. Frees tb.
 * NULL (and tb freed) when there are no cells.
 */
struct table *table_finish(struct table_builder *tb, char **text, size_t *len);
void table_builder_free(struct table_builder *tb);

#endif
