/*
 * dump.c: --dump and --list. Writes typeset lines as plain UTF-8: the
 * starting column as spaces, then the line's text. Nothing here measures
 * text: the columns come from typeset.c.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump.h"
#include "layout.h"
#include "photo.h"
#include "resolve.h"
#include "text.h"
#include "xmalloc.h"

/* n spaces: fwrite from a row of them (printf's "%*s" costs more than the
 * line's text on a big page). */
static void
spaces(FILE *out, int n)
{
	static const char row[] = "                                "
	                          "                                ";

	while (n > 0) {
		int k = n < (int)sizeof row - 1 ? n : (int)sizeof row - 1;

		fwrite(row, 1, (size_t)k, out);
		n -= k;
	}
}

/*
 * The photo of figure line l (the last line of its block) as symbol art,
 * its file found beside the page file it was named in; or why it cannot
 * be shown ("(images/a.jpg: No such file or directory)", wrapped at the
 * width like the text).
 */
static void
put_photo(FILE *out, const struct ts_line *l, const struct photo_opts *o)
{
	struct layout_opts lo = { o->width, 0, 0, KINSOKU_BASIC, ALIGN_LEFT };
	struct layout_lines ll = { 0 };
	size_t k;
	char *why;
	const struct figure *f = l->block->fig;
	char *path, *err = NULL;

	if ((path = issue_figure_file(l->article, f)) == NULL)
		return;
	if (photo_dump_opts(out, path, o, &err) != 0 && err != NULL) {
		/* err names the file as opened: name it as the page does */
		why = photo_reason(f->path, path, err);
		layout_wrap(&ll, why, strlen(why), &lo);
		for (k = 0; k < ll.n; k++) {
			spaces(out, ll.v[k].col);
			fwrite(why + ll.v[k].off, 1, ll.v[k].len, out);
			putc('\n', out);
		}
		layout_lines_free(&ll);
		free(why);
		free(err);
	}
	free(path);
}

int
dump_doc_images(FILE *out, const struct ts_doc *d,
    const struct photo_opts *images)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct ts_line *l = &d->lines[i];

		if (l->len > 0) {
			spaces(out, l->col);
			fwrite(l->text, 1, l->len, out);
		}
		putc('\n', out);
		if (images != NULL && l->style == TS_FIGURE &&
		    l->block != NULL &&
		    (i + 1 == d->n || d->lines[i + 1].block != l->block))
			put_photo(out, l, images);
	}
	return ferror(out) ? -1 : 0;
}

int
dump_doc(FILE *out, const struct ts_doc *d)
{
	return dump_doc_images(out, d, NULL);
}

static char *dump_error(const struct issue *is, const char *fmt, ...)
    HERALD_PRINTF(2, 3);

/* "PATH: reason", the issue's path shown as text_name shows it. Caller
 * frees. */
static char *
dump_error(const struct issue *is, const char *fmt, ...)
{
	va_list ap;
	char *name, *why, *r;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	name = text_name(is->path);
	r = xasprintf("%s: %s", name, why);
	free(name);
	free(why);
	return r;
}

/* Where a dump's lines go as the doc hands them out (ts_doc.flush). */
struct dump_to {
	FILE *out;
	const struct photo_opts *images;
	int rc;
};

/* The lines so far written and forgotten, with the stories they held: a
 * big page's dump holds a few of its stories at a time, not all. */
static void
dump_flush(struct ts_doc *d, void *ctx)
{
	struct dump_to *to = ctx;

	if (to->rc == 0)
		to->rc = dump_doc_images(to->out, d, to->images);
	typeset_drain(d);
}

int
dump_issue(FILE *out, const struct issue *is, const struct typeset_opts *o,
    const struct dump_select *sel, char **err)
{
	struct ts_doc d;
	const struct page *p = NULL;
	struct dump_to to = { out, sel != NULL ? sel->images : NULL, 0 };

	if (sel != NULL && sel->page != 0) {
		if ((p = issue_find_page(is, sel->page)) == NULL) {
			*err = dump_error(is, "no page %d in this issue",
			    sel->page);
			return 1;
		}
		if (sel->article < 0 || (size_t)sel->article > p->narticles) {
			*err = dump_error(is, "page %d has no article %d (it "
			    "has %zu)", sel->page, sel->article, p->narticles);
			return 1;
		}
	} else if (sel != NULL && sel->article != 0) {
		*err = dump_error(is, "--article needs --page");
		return 1;
	}
	typeset_init(&d, o);
	d.flush = dump_flush;
	d.flush_ctx = &to;
	if (p == NULL)
		typeset_issue(&d, is);
	else if (sel->article == 0)
		typeset_page(&d, p);
	else
		typeset_article(&d, page_article(p, sel->article - 1));
	dump_flush(&d, &to);
	typeset_free(&d);
	return to.rc;
}

/* p's story i's headline, "" for none, as page_headline gives it. */
static const char *
headline(const struct page *p, size_t i)
{
	size_t len;
	const char *h = page_headline(p, i, &len);

	return h != NULL ? h : "";
}

/* "01-1": where an article stands in the list. */
static void
put_place(FILE *out, const struct article *a)
{
	fprintf(out, "%02d-%zu", a->page->number, (size_t)a->index + 1);
}

/* Each jump line of story j of p and where it resolved, as c and Enter
 * follow it. */
static void
list_jumps(FILE *out, const struct issue *is, const struct page *p,
           size_t j, struct resolve_memo *memo)
{
	const struct page *top;
	const struct block *b;
	struct block mark;
	size_t i, k;

	for (i = 0; i < story_nmarks(p, j); i++) {
		b = story_mark(p, j, i, &mark, NULL);
		if (b->kind != BLOCK_JUMP)
			continue;
		fprintf(out, "       %s ", b->jump_dir > 0 ? "→" : "←");
		if (b->jump_page <= 0) {
			fputs("?版: the jump names no page\n", out);
			continue;
		}
		fprintf(out, "%02d版: ", b->jump_page);
		if (issue_find_page(is, b->jump_page) == NULL) {
			fputs("not in this issue\n", out);
			continue;
		}
		if ((k = resolve_jump_memo(is, p, j, b->jump_page, b->jump_dir,
		                           memo, &top)) == SIZE_MAX) {
			fputs(b->jump_dir > 0 ? "no continued story found\n" :
			                        "no start of the story found\n",
			      out);
			continue;
		}
		fprintf(out, "%s (%02d-%zu)\n", headline(top, k), top->number,
		        k + 1);
	}
}

/* The contents box of p, each entry with where it leads. */
static void
list_contents(FILE *out, const struct issue *is, const struct page *p)
{
	const struct contents_entry *e;
	size_t i;

	fprintf(out, "  %s\n", p->contents_title ? p->contents_title : "本期导读");
	for (i = 0; i < p->ncontents; i++) {
		e = &p->contents[i];
		fprintf(out, "    - %s", e->title);
		if (e->page_label != NULL)
			fprintf(out, " %s", e->page_label);
		fputs(" → ", out);
		if (e->target != NULL) {
			put_place(out, e->target);
			if (e->page <= 0)
				fprintf(out, " (no page given; the story is "
				             "on %02d版)",
				        e->target->page->number);
			else if (e->target->page->number != e->page)
				fprintf(out, " (the story is on %02d版)",
				        e->target->page->number);
		} else if (issue_find_page(is, e->page) != NULL)
			fprintf(out, "%02d版 (no headline there matches)",
			        e->page);
		else if (e->page > 0)
			fputs("not in this issue", out);
		else
			fputs("no page given, no headline matches", out);
		putc('\n', out);
	}
}

/* An article's photos: "       [图] caption credit (images/a.jpg)". */
static void
list_figures(FILE *out, const struct article *a)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++) {
		const struct block *b = &a->blocks[i];

		if (b->kind != BLOCK_FIGURE)
			continue;
		fprintf(out, "       %s", b->text);
		if (b->fig != NULL && b->fig->path != NULL)
			fprintf(out, " (%s)", b->fig->path);
		putc('\n', out);
	}
}

int
dump_list(FILE *out, const struct issue *is)
{
	struct resolve_memo *memo = resolve_memo_new();
	size_t i, j;

	fprintf(out, "%s", is->title);
	if (is->date != NULL)
		fprintf(out, "  %s", is->date);
	if (is->weekday != NULL)
		fprintf(out, " %s", is->weekday);
	if (is->number > 0)
		fprintf(out, "  第%d期", is->number);
	if (is->running > 0)
		fprintf(out, "(总第%d期)", is->running);
	fprintf(out, "  %zu/%d版\n", is->npages,
	    is->page_count > 0 ? is->page_count : (int)is->npages);
	for (i = 0; i < is->npages; i++) {
		const struct page *p = &is->pages[i];

		fprintf(out, "%02d版", p->number);
		if (p->title != NULL)
			fprintf(out, " %s", p->title);
		putc('\n', out);
		for (j = 0; j < p->narticles; j++) {
			int from = story_jump(p, j, -1), to = story_jump(p, j, 1);

			fprintf(out, "  %02d-%zu %s", p->number, j + 1,
			    headline(p, j));
			if (from > 0)
				fprintf(out, "  (上接第%d版)", from);
			if (to > 0)
				fprintf(out, "  (下转第%d版)", to);
			putc('\n', out);
			list_jumps(out, is, p, j, memo);
			/* (a story in its file has none) */
			if (!story_in_file(p, j))
				list_figures(out, page_article(p, j));
		}
		if (p->ncontents > 0)
			list_contents(out, is, p);
	}
	resolve_memo_free(memo);
	return ferror(out) ? -1 : 0;
}
