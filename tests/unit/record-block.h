/*
 * record-block.h: a source sink that writes each block it is handed into
 * a struct buf, field by field, one line a block: for tests that compare
 * two readings of a page (test-rich.c, fuzz-load.c's fuzz-html).
 */
#ifndef HERALD_RECORD_BLOCK_H
#define HERALD_RECORD_BLOCK_H

#include "buf.h"
#include "issue.h"
#include "source.h"

/* ctx: the struct buf. */
static inline void
record_block(void *ctx, struct source_block *b)
{
	buf_printf(ctx, "%d %d %d %d %d %d [%.*s] %s", (int)b->kind, b->level,
	           b->line, b->quote, b->strong, b->caption, (int)b->len,
	           b->text ? b->text : "", b->path ? b->path : "-");
	if (b->table != NULL)
		buf_printf(ctx, " %zux%zu/%zu", b->table->nrows,
		           b->table->ncols, b->table->head);
	buf_addc(ctx, '\n');
}

#endif
