/*
 * fuzz-load.c: libFuzzer harness for the loader. The input is one issue
 * file (Markdown; built as fuzz-html, an HTML page through libxml2, then
 * also typeset); it is loaded with every combination of the load flags, resolved,
 * and the whole tree is walked: every string valid, sanitised UTF-8 (no
 * C0 but LF/TAB, no DEL, C1 or bidi control), every length true, every
 * borrowed pointer pointing into the same issue, the reading order
 * visiting each article once. Never writes a file.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-check.h"
#include "issue.h"
#include "load.h"
#include "resolve.h"
#include "typeset.h"

/* The name the input is loaded under: its extension picks the source
 * (fuzz-html builds this file with "fuzz.html": the HTML path). */
#ifndef FUZZ_LOAD_NAME
#define FUZZ_LOAD_NAME "fuzz.md"
#endif

/*
 * True if a is one of the articles of is: some page's page_article().
 * Integer comparison, so a stray pointer is no UB.
 */
static bool
is_article_of(const struct issue *is, const struct article *a)
{
	uintptr_t x = (uintptr_t)a;
	size_t i, j;

	for (i = 0; i < is->npages; i++)
		for (j = 0; j < is->pages[i].narticles; j++)
			if (x == (uintptr_t)page_article(&is->pages[i], j))
				return true;
	return false;
}

static void
check_block(const struct block *b, size_t narticles, bool item)
{
	FUZZ_CHECK(b->kind >= BLOCK_PARAGRAPH && b->kind <= BLOCK_TABLE,
	           "block kind out of range", NULL, 0);
	FUZZ_CHECK((b->tab != NULL) == (b->kind == BLOCK_TABLE),
	           "a table without its grid, or a grid without a table",
	           b->text, b->len);
	if (b->tab != NULL) {
		size_t k;

		FUZZ_CHECK(b->tab->ncols >= 1 && b->tab->nrows >= 1 &&
		               b->tab->ncols <= 64,
		           "a table's grid out of its bounds", b->text, b->len);
		for (k = 0; k < b->tab->nrows * b->tab->ncols; k++) {
			const struct table_cell *c = &b->tab->cells[k];

			FUZZ_CHECK((c->text == NULL) == (c->colspan == 0),
			           "a covered cell with text", b->text,
			           b->len);
			if (c->text != NULL)
				fuzz_check_text("table cell", c->text, c->len);
		}
	}
	FUZZ_CHECK((b->fig != NULL) == (b->kind == BLOCK_FIGURE),
	           "a figure without its parts, or parts without a figure",
	           b->text, b->len);
	if (b->fig != NULL) {
		const char *part[] = {b->fig->path, b->fig->alt,
		                      b->fig->caption, b->fig->credit};
		size_t k;

		for (k = 0; k < 4; k++)
			if (part[k] != NULL)
				fuzz_check_text("figure part", part[k],
				                strlen(part[k]));
	}
	FUZZ_CHECK(b->text != NULL || b->len == 0, "block text NULL", NULL, 0);
	if (b->text != NULL) {
		FUZZ_CHECK(strlen(b->text) == b->len, "block len != strlen",
		           b->text, strlen(b->text));
		fuzz_check_text("block text", b->text, b->len);
	}
	FUZZ_CHECK(b->line >= 0, "block line < 0", b->text, b->len);
	FUZZ_CHECK(b->jump_dir >= -1 && b->jump_dir <= 1,
	           "block jump_dir not -1, 0 or +1", b->text, b->len);
	FUZZ_CHECK(b->jump_page >= 0, "block jump_page < 0", b->text, b->len);
	if (item)
		FUZZ_CHECK(b->after <= narticles,
		           "page item after > articles on the page", b->text,
		           b->len);
}

static void
check_issue(const struct issue *is)
{
	const struct article *a, *first = NULL, *last = NULL;
	size_t i, j, total = 0, steps;

	fuzz_check_cstr("issue path", is->path);
	fuzz_check_cstr("issue title", is->title);
	fuzz_check_cstr("issue title_en", is->title_en);
	fuzz_check_cstr("issue publine", is->publine);
	fuzz_check_cstr("issue publisher", is->publisher);
	fuzz_check_cstr("issue date", is->date);
	fuzz_check_cstr("issue date_text", is->date_text);
	fuzz_check_cstr("issue weekday", is->weekday);
	FUZZ_CHECK(is->number >= 0 && is->running >= 0 && is->page_count >= 0,
	           "issue number/running/page_count < 0", is->publine,
	           is->publine ? strlen(is->publine) : 0);
	FUZZ_CHECK(is->npages == 0 || is->pages != NULL, "pages NULL", NULL, 0);

	for (i = 0; i < is->npages; i++) {
		const struct page *p = &is->pages[i];

		FUZZ_CHECK(p->issue == is, "page->issue wrong", NULL, 0);
		if (i > 0)
			FUZZ_CHECK(is->pages[i - 1].number <= p->number,
			           "pages not sorted by number", NULL, 0);
		FUZZ_CHECK(issue_find_page(is, p->number) != NULL,
		           "issue_find_page misses a page", NULL, 0);
		fuzz_check_cstr("page path", p->path);
		fuzz_check_cstr("page title", p->title);
		fuzz_check_cstr("page contents_title", p->contents_title);
		FUZZ_CHECK(p->narticles == 0 || p->articles != NULL,
		           "articles NULL", NULL, 0);
		FUZZ_CHECK(p->contents_after <= p->narticles,
		           "contents_after > narticles", NULL, 0);
		for (j = 0; j < p->narticles; j++) {
			const struct article *ar = page_article(p, j);
			size_t k;

			FUZZ_CHECK(ar->page == p, "article->page wrong",
			           ar->headline, ar->headline_len);
			FUZZ_CHECK(ar->index == j, "article->index wrong",
			           ar->headline, ar->headline_len);
			if (ar->headline != NULL) {
				FUZZ_CHECK(strlen(ar->headline) ==
				               ar->headline_len,
				           "headline_len != strlen",
				           ar->headline, strlen(ar->headline));
				fuzz_check_text("headline", ar->headline,
				                ar->headline_len);
			}
			FUZZ_CHECK(ar->jump_to >= 0 && ar->jump_from >= 0,
			           "article jump page < 0", ar->headline,
			           ar->headline_len);
			FUZZ_CHECK(ar->nblocks == 0 || ar->blocks != NULL,
			           "blocks NULL", NULL, 0);
			for (k = 0; k < ar->nblocks; k++)
				check_block(&ar->blocks[k], p->narticles,
				            false);
			a = resolve_continuation(is, ar);
			FUZZ_CHECK(a == NULL || is_article_of(is, a),
			           "resolve_continuation outside the issue",
			           ar->headline, ar->headline_len);
			a = resolve_continued_from(is, ar);
			FUZZ_CHECK(a == NULL || is_article_of(is, a),
			           "resolve_continued_from outside the issue",
			           ar->headline, ar->headline_len);
			if (first == NULL)
				first = ar;
			last = ar;
			total++;
		}
		FUZZ_CHECK(p->nitems == 0 || p->items != NULL, "items NULL",
		           NULL, 0);
		for (j = 0; j < p->nitems; j++)
			check_block(&p->items[j], p->narticles, true);
		FUZZ_CHECK(p->ncontents == 0 || p->contents != NULL,
		           "contents NULL", NULL, 0);
		for (j = 0; j < p->ncontents; j++) {
			const struct contents_entry *e = &p->contents[j];

			fuzz_check_cstr("contents title", e->title);
			fuzz_check_cstr("contents page_label", e->page_label);
			FUZZ_CHECK(e->page >= 0, "contents page < 0", e->title,
			           e->title ? strlen(e->title) : 0);
			FUZZ_CHECK(e->target == NULL ||
			               is_article_of(is, e->target),
			           "contents target outside the issue",
			           e->title, e->title ? strlen(e->title) : 0);
		}
	}
	FUZZ_CHECK(issue_count_articles(is) == total,
	           "issue_count_articles wrong", NULL, 0);

	/* Reading order: forwards and back, each article once. */
	steps = 0;
	for (a = first; a != NULL; a = issue_next_article(is, a)) {
		FUZZ_CHECK(is_article_of(is, a),
		           "issue_next_article outside the issue", NULL, 0);
		FUZZ_CHECK(++steps <= total, "issue_next_article loops", NULL,
		           0);
	}
	FUZZ_CHECK(steps == total, "issue_next_article skips articles", NULL,
	           0);
	steps = 0;
	for (a = last; a != NULL; a = issue_prev_article(is, a)) {
		FUZZ_CHECK(is_article_of(is, a),
		           "issue_prev_article outside the issue", NULL, 0);
		FUZZ_CHECK(++steps <= total, "issue_prev_article loops", NULL,
		           0);
	}
	FUZZ_CHECK(steps == total, "issue_prev_article skips articles", NULL,
	           0);
}

#ifdef FUZZ_LOAD_HTML
#include "../unit/record-block.h"

/* The page's text runs handed to libxml2 masked (source-html.c) read as
 * the page does unmasked: the same blocks, field by field. */
static void
check_masking(const char *s, size_t len, int flags)
{
	struct buf a = {0}, b = {0};
	int ra, rb;

	ra = source_html(s, len, 0, flags, record_block, &a);
	source_html_masking(false);
	rb = source_html(s, len, 0, flags, record_block, &b);
	source_html_masking(true);
	FUZZ_CHECK(ra == rb && a.len == b.len &&
	               (a.len == 0 || memcmp(a.s, b.s, a.len) == 0),
	           "masked text runs read otherwise than the page", s, len);
	buf_free(&a);
	buf_free(&b);
}
#endif

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct issue *is;
	char *err;
	int flags, lo = 0, hi = LOAD_DEFAULTS;

#ifdef FUZZ_LOAD_ONE_FLAGSET
	/* Under libFuzzer: one flag set per run, taken from the last byte,
	 * so a run is one load and the fuzzer chooses the flags as it
	 * chooses the bytes; the replay of the corpus loads every set. */
	lo = hi = size > 0 ? data[size - 1] % (LOAD_DEFAULTS + 1)
	                   : LOAD_DEFAULTS;
#endif
#ifdef FUZZ_LOAD_HTML
	check_masking((const char *)data, size, hi);
#endif
	for (flags = lo; flags <= hi; flags++) {
		err = NULL;
		is = load_buffer(FUZZ_LOAD_NAME, (const char *)data, size,
		                 flags, &err);
		if (is == NULL) {
			/* A refusal must say why, and say it safely. */
			FUZZ_CHECK(err != NULL, "load_buffer: NULL, no message",
			           NULL, 0);
			fuzz_check_terminal_safe("load_buffer message", err,
			                         strlen(err));
			free(err);
			continue;
		}
		resolve_issue(is);
		check_issue(is);
#ifdef FUZZ_LOAD_TYPESET
		/* tables and figures set at a narrow and a wide measure:
		 * no line past the width */
		if (flags == hi) {
			static const int widths[] = {20, 61};
			size_t w, k;

			for (w = 0; w < 2; w++) {
				struct typeset_opts o = {widths[w], 4, 1,
				                         KINSOKU_BASIC, w == 1,
				                         false};
				struct ts_doc d;

				typeset_init(&d, &o);
				typeset_issue(&d, is);
				for (k = 0; k < d.n; k++)
					FUZZ_CHECK(d.lines[k].col +
					                   d.lines[k].width <=
					               widths[w],
					           "a line past the width",
					           d.lines[k].text, d.lines[k].len);
				typeset_free(&d);
			}
		}
#endif
		issue_free(is);
		free(err);
	}
	return 0;
}
