/*
 * test-reader.c: the reading session without a terminal (reader.c): open
 * page N, next/previous article and page, continue, back, the search
 * wrapping across pages, marks and the place through the state file, the
 * -p/-a start and the lazy loading of the other pages.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ftw.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "buf.h"
#include "convert.h"
#include "issue.h"
#include "load.h"
#include "reader.h"
#include "shelf.h"
#include "width.h"
#include "xmalloc.h"

#include "big-issue.h"

#define SAMPLE HERALD_SRCDIR "/data/sample"

struct fix {
	struct config		 cfg;
	struct library		*lib;
	struct reader		 r;
	char			*dir;		/* a temporary directory */
};

static int
rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(p);
}

static char *
tmp_dir(void)
{
	const char *t = getenv("TMPDIR");
	char *d = xasprintf("%s/herald-reader-XXXXXX", t && *t ? t : "/tmp");

	assert_non_null(mkdtemp(d));
	return d;
}

/* Open path (lazily, as the reader does, with more flags) in f->r; state
 * in f->dir. */
static void
fix_open_with(struct fix *f, const char *path, int flags)
{
	char *err = NULL, *st;

	flags |= LOAD_DEFAULTS | LOAD_LAZY;
	f->lib = load_open(path, flags, &err);
	if (f->lib == NULL)
		fail_msg("load_open: %s", err);
	reader_init(&f->r, &f->cfg, f->lib, f->lib->n - 1, flags);
	if (!reader_open_issue(&f->r, &err))
		fail_msg("reader_open_issue: %s", err);
	st = xasprintf("%s/state", f->dir);
	reader_load_state(&f->r, st, NULL);
	free(st);
	assert_true(f->r.st_loaded);
}

static void
fix_open(struct fix *f, const char *path)
{
	fix_open_with(f, path, 0);
}

/* A big_issue of at least bytes written to f->dir/big.md (*path, the
 * caller frees): its articles' count. */
static size_t
big_file(struct fix *f, size_t bytes, char **path)
{
	struct buf b = { 0 };
	size_t n = big_issue(&b, bytes);
	FILE *fp;

	*path = xasprintf("%s/big.md", f->dir);
	assert_non_null(fp = fopen(*path, "w"));
	assert_int_equal(fwrite(b.s, 1, b.len, fp), b.len);
	assert_int_equal(fclose(fp), 0);
	buf_free(&b);
	return n;
}

static int
setup(void **state)
{
	struct fix *f = xcalloc(1, sizeof *f);

	config_defaults(&f->cfg);
	f->dir = tmp_dir();
	fix_open(f, SAMPLE);
	*state = f;
	return 0;
}

static void
fix_close(struct fix *f)
{
	reader_free(&f->r);
	library_free(f->lib);
	f->lib = NULL;
}

static int
teardown(void **state)
{
	struct fix *f = *state;

	fix_close(f);
	config_free(&f->cfg);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f->dir);
	free(f);
	return 0;
}

static const struct article *
art(struct reader *r, int page, size_t i)
{
	const struct page *p = issue_find_page(r->is, page);

	assert_non_null(p);
	assert_true(i < p->narticles);
	return page_article(p, i);
}

static void
all_pages(struct reader *r)
{
	reader_load_rest(r);
	assert_int_equal(r->is->npending, 0);
}

/* The reader on f opened on a 1 MiB file of big_issue's stories (of
 * extra's text too, when not NULL) with LOAD_SHELVE, read whole, most of
 * its stories kept in the file: their count, *shelved of them kept. */
static size_t
open_shelved(struct fix *f, const char *extra, size_t *shelved)
{
	struct buf b = { 0 };
	size_t n, k;
	char *path = xasprintf("%s/big.md", f->dir);
	FILE *fp;

	n = big_issue(&b, 1024 * 1024);
	for (k = 0; extra != NULL && k < 500; k++, n++)
		buf_printf(&b, "## 又一篇%zu\n\n%s\n\n", k, extra);
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fwrite(b.s, 1, b.len, fp), b.len);
	assert_int_equal(fclose(fp), 0);
	buf_free(&b);
	fix_close(f);
	fix_open_with(f, path, LOAD_SHELVE);
	free(path);
	all_pages(&f->r);
	assert_int_equal(f->r.is->pages[0].narticles, n);
	for (k = 0, *shelved = 0; k < n; k++)
		*shelved += article_shelved(
		    page_article(&f->r.is->pages[0], k));
	assert_true(*shelved > n / 2);
	return n;
}

/* open_shelved's file, shown in script: its count of stories. Skips the
 * test without OpenCC or the script's data. */
static size_t
open_converted(struct fix *f, const char *extra, enum convert_script script,
    size_t *shelved)
{
	size_t n;

	if (convert_library() == NULL)
		skip();
	n = open_shelved(f, extra, shelved);
	reader_set_script(&f->r, NULL, script);
	reader_toggle_script(&f->r);
	if (!f->r.converted)
		skip(); /* no data for script */
	return n;
}

/* ---- open page N: one rule wherever it is asked for ---- */

static void
test_open_page(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	all_pages(r);
	/* the first page is the front page: no article opened */
	assert_int_equal(reader_open_page(r, 1, true), READER_FRONT);
	assert_null(r->place.a);
	/* any other page: its first article */
	assert_int_equal(reader_open_page(r, 3, true), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 3, 0));
	assert_int_equal(r->place.key, 0);
	/* a page not in the issue: a message, the place stays */
	assert_int_equal(reader_open_page(r, 9, true), READER_STAY);
	assert_ptr_equal(r->place.a, art(r, 3, 0));
	assert_non_null(r->msg);
	assert_string_equal(r->msg, "Page 9 is not in this issue");
}

/* A page that is missing or could not be read: the same message whether
 * it is opened (reader_open_page) or a jump turns to it. */
static void
test_open_page_unusable(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	struct page *pg;
	size_t n;

	all_pages(r);
	reader_open(r, art(r, 1, 1), false);
	assert_int_equal(reader_follow_jump(r, art(r, 1, 1), 9, 1),
	    READER_STAY);
	assert_string_equal(r->msg, "Page 9 is not in this issue");
	assert_int_equal(reader_follow_jump(r, art(r, 1, 1), 0, 1),
	    READER_STAY);
	assert_string_equal(r->msg, "The jump names no page");
	/* page 3 as a page that failed: empty, with the reason */
	pg = (struct page *)issue_find_page(r->is, 3);
	n = pg->narticles;
	pg->narticles = 0;
	pg->failed = xstrdup("p3.txt: cannot be read");
	assert_int_equal(reader_open_page(r, 3, true), READER_STAY);
	assert_string_equal(r->msg, "p3.txt: cannot be read");
	reader_message(r, false, "x");
	assert_int_equal(reader_follow_jump(r, art(r, 1, 1), 3, 1),
	    READER_STAY);
	assert_string_equal(r->msg, "p3.txt: cannot be read");
	assert_ptr_equal(r->place.a, art(r, 1, 1));
	free(pg->failed);
	pg->failed = NULL;
	pg->narticles = n;
}

/* ---- next/previous article and page, continue, back ---- */

static void
test_step_articles(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	all_pages(r);
	/* nothing read yet: any move opens the first article */
	assert_int_equal(reader_step(r, ACTION_NEXT_ARTICLE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 1, 0));
	assert_int_equal(reader_step(r, ACTION_PREV_ARTICLE), READER_STAY);
	assert_string_equal(r->msg, "This is the first article");
	/* across a page boundary */
	reader_open(r, art(r, 1, 2), false);
	assert_int_equal(reader_step(r, ACTION_NEXT_ARTICLE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 2, 0));
	reader_open(r, art(r, 4, 2), false);
	assert_int_equal(reader_step(r, ACTION_NEXT_ARTICLE), READER_STAY);
	assert_string_equal(r->msg, "This is the last article");
	/* other actions are not moves */
	assert_int_equal(reader_step(r, ACTION_DOWN), READER_NONE);
}

static void
test_step_pages(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	all_pages(r);
	reader_open(r, art(r, 2, 1), false);
	assert_int_equal(reader_step(r, ACTION_NEXT_PAGE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 3, 0));
	reader_open(r, art(r, 4, 1), false);
	assert_int_equal(reader_step(r, ACTION_NEXT_PAGE), READER_STAY);
	assert_string_equal(r->msg, "This is the last page");
	reader_open(r, art(r, 1, 0), false);
	assert_int_equal(reader_step(r, ACTION_PREV_PAGE), READER_STAY);
	assert_string_equal(r->msg, "This is the first page");
	/* { from the second article of 03版 is 02版, not 03版's top */
	reader_open(r, art(r, 3, 1), false);
	assert_int_equal(reader_step(r, ACTION_PREV_PAGE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 2, 0));
}

/* Write NULL-terminated name, text pairs into f->dir/issue. */
static char *
write_issue(struct fix *f, const char *first, ...)
{
	char *d = xasprintf("%s/issue", f->dir), *p;
	const char *name, *text;
	va_list ap;
	FILE *fp;

	assert_int_equal(mkdir(d, 0700), 0);
	va_start(ap, first);
	for (name = first; name != NULL; name = va_arg(ap, const char *)) {
		text = va_arg(ap, const char *);
		p = xasprintf("%s/%s", d, name);
		assert_non_null(fp = fopen(p, "wb"));
		fputs(text, fp);
		assert_int_equal(fclose(fp), 0);
		free(p);
	}
	va_end(ap);
	return d;
}

static void
test_step_skips_empty_pages(void **state)
{
	struct fix *f = *state;
	struct reader *r;
	char *d = write_issue(f,
	    "01.md", "# 报\n\n## 头版文章\n\n正文一。\n",
	    "02.md", "# 第02版\n",
	    "03.md", "# 第03版\n",
	    "04.md", "# 第04版\n\n## 四版文章\n\n正文四。\n", NULL);

	fix_close(f);
	fix_open(f, d);
	free(d);
	r = &f->r;
	all_pages(r);
	assert_int_equal(issue_find_page(r->is, 2)->narticles, 0);
	assert_int_equal(issue_find_page(r->is, 3)->narticles, 0);
	reader_open(r, art(r, 1, 0), false);
	assert_int_equal(reader_step(r, ACTION_NEXT_PAGE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 4, 0));
	assert_int_equal(reader_step(r, ACTION_PREV_PAGE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 1, 0));
	/* opening an empty page says so */
	assert_int_equal(reader_open_page(r, 3, true), READER_STAY);
	assert_string_equal(r->msg, "Page 3 has no articles");
}

static void
test_continue(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	all_pages(r);
	/* 01版's lead story: 下转第2版, continued as 02版's first article */
	reader_open(r, art(r, 1, 0), false);
	assert_int_equal(reader_step(r, ACTION_CONTINUE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 2, 0));
	/* 02版's 地热 story goes on to 03版 */
	reader_open(r, art(r, 2, 1), false);
	assert_int_equal(reader_step(r, ACTION_CONTINUE), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 3, 0));
	/* not continued: a message, the place stays */
	reader_open(r, art(r, 1, 1), false);
	assert_int_equal(reader_step(r, ACTION_CONTINUE), READER_STAY);
	assert_ptr_equal(r->place.a, art(r, 1, 1));
	assert_string_equal(r->msg, "This article is not continued");
}

static void
test_back(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	all_pages(r);
	/* nothing to go back to */
	assert_int_equal(reader_step(r, ACTION_BACK), READER_NONE);
	reader_open(r, art(r, 1, 0), false);
	reader_scrolled(r, art(r, 1, 0), 41);	/* read down a little */
	reader_step(r, ACTION_CONTINUE);
	reader_step(r, ACTION_NEXT_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 2, 1));
	assert_int_equal(r->nhist, 2);
	assert_int_equal(reader_step(r, ACTION_BACK), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 2, 0));
	/* back to the exact line left, not the top of the article */
	assert_int_equal(reader_step(r, ACTION_BACK), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 1, 0));
	assert_int_equal(r->place.key, 41);
	assert_int_equal(reader_step(r, ACTION_BACK), READER_NONE);
}

/* back keeps the last READER_HISTORY places, the newest, in order */
static void
test_back_bounded(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	const size_t more = 7;
	size_t i;

	all_pages(r);
	reader_open(r, art(r, 1, 0), false);
	/* place i left at line i, then a move: i = 0 .. HISTORY + more - 1 */
	for (i = 0; i < READER_HISTORY + more; i++) {
		reader_scrolled(r, r->place.a, i);
		reader_open(r, art(r, 1 + (int)(i % 2), 0), true);
	}
	assert_int_equal(r->nhist, READER_HISTORY);
	assert_true(r->caphist <= READER_HISTORY);
	for (i = READER_HISTORY + more; i-- > more;) {
		assert_int_equal(reader_step(r, ACTION_BACK), READER_ARTICLE);
		assert_int_equal(r->place.key, i);
		assert_ptr_equal(r->place.a, art(r, 2 - (int)(i % 2), 0));
	}
	assert_int_equal(reader_step(r, ACTION_BACK), READER_NONE);
}

/* ---- search ---- */

static void
test_search_wraps(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	const struct article *a;

	all_pages(r);
	r->needle = xstrdup("5G-A");
	/* from the last article: on past the end, to 01版's third story */
	reader_open(r, art(r, 4, 2), false);
	assert_int_equal(reader_search(r, 1), READER_ARTICLE);
	a = r->place.a;
	assert_ptr_equal(a, art(r, 1, 2));
	assert_non_null(r->msg);
	assert_string_equal(r->msg, "Search wrapped to the first page");
	/* the place is the match: its headline, key 2 * offset + 1 */
	assert_true(r->have_match);
	assert_int_equal(r->place.key % 2, 1);
	assert_memory_equal(a->headline + r->place.key / 2, "5G-A", 4);
	/* backwards from 01版: wraps to the last page and on to 01版 */
	reader_clear_message(r);
	reader_open(r, art(r, 1, 0), false);
	assert_int_equal(reader_search(r, -1), READER_ARTICLE);
	assert_ptr_equal(r->place.a->page, art(r, 1, 0)->page);
	assert_string_equal(r->msg, "Search wrapped to the last page");
	/* the jump to a match is a place to come back from */
	assert_int_equal(reader_step(r, ACTION_BACK), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 1, 0));
	/* nothing found: READER_NONE, the place stays */
	free(r->needle);
	r->needle = xstrdup("no such words anywhere");
	assert_int_equal(reader_search(r, 1), READER_NONE);
	assert_ptr_equal(r->place.a, art(r, 1, 0));
}

/* ---- the state file: marks and the place ---- */

static void
test_marks_state(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	char *err = NULL;

	all_pages(r);
	reader_open(r, art(r, 3, 1), false);
	reader_scrolled(r, art(r, 3, 1), 2 * 30);	/* a gap after byte 30 */
	assert_true(reader_mark_set(r, 'm', READER_VIEW_ARTICLE));
	assert_string_equal(r->msg, "Mark m set");
	reader_open(r, art(r, 2, 2), false);
	reader_scrolled(r, art(r, 2, 2), 2 * 12 + 1);
	assert_true(reader_save(r, READER_VIEW_ARTICLE, &err));
	assert_false(reader_mark_set(r, '1', READER_VIEW_ARTICLE));

	/* another session: the place, then the mark, from the file */
	fix_close(f);
	fix_open(f, SAMPLE);
	r = &f->r;
	assert_int_equal(reader_start(r, 0, 0), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 2, 2));
	assert_int_equal(r->place.key, 2 * 12 + 1);
	assert_int_equal(reader_mark_go(r, 'm'), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 3, 1));
	assert_int_equal(r->place.key, 2 * 30);
	assert_int_equal(reader_mark_go(r, 'q'), READER_STAY);
	assert_string_equal(r->msg, "Mark q is not set");
	/* the mark's jump is a place to come back from */
	assert_int_equal(reader_step(r, ACTION_BACK), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 2, 2));
}

/* ---- -p/-a and lazy loading ---- */

static void
test_start_page_article(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	/* -p 2 -a 3: that article; the other pages were parsed for it */
	assert_true(r->is->npending > 0);
	assert_int_equal(reader_start(r, 2, 3), READER_ARTICLE);
	assert_int_equal(r->is->npending, 0);
	assert_ptr_equal(r->place.a, art(r, 2, 2));
	assert_int_equal(r->nhist, 0);
	/* -p 3: its first article; -p 1: the front page */
	assert_int_equal(reader_start(r, 3, 0), READER_ARTICLE);
	assert_ptr_equal(r->place.a, art(r, 3, 0));
	memset(&r->place, 0, sizeof r->place);
	assert_int_equal(reader_start(r, 1, 0), READER_FRONT);
	assert_null(r->place.a);
	/* a page or article not there: the front page and a message */
	assert_int_equal(reader_start(r, 9, 0), READER_FRONT);
	assert_string_equal(r->msg, "page 9 is not in this issue");
	assert_int_equal(reader_start(r, 2, 9), READER_FRONT);
	assert_string_equal(r->msg, "page 2 has no article 9");
}

static void
test_lazy(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	/* the first screen needs the first page only */
	assert_true(r->is->npending > 0);
	assert_int_equal(reader_start(r, 0, 0), READER_FRONT);
	assert_true(r->is->npending > 0);
	assert_int_equal(issue_find_page(r->is, 1)->narticles, 3);
	/* then the rest, once */
	assert_true(reader_load_rest(r));
	assert_int_equal(r->is->npending, 0);
	assert_int_equal(issue_find_page(r->is, 4)->narticles, 3);
	assert_false(reader_load_rest(r));
}

/*
 * A big file's rest, read in its thread (reader_load_start, as the key
 * loop starts it after the first screen): load_job_fd turns readable when
 * the read is done, so the key loop, which polls it beside the terminal,
 * takes the whole file in at once. An issue of page files has no such
 * read: its pages are parsed at once.
 */
static void
test_load_wakes(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	struct pollfd p = { .events = POLLIN };
	size_t n, pending = r->is->npending;
	char *path;

	assert_true(pending > 0);
	assert_true(reader_load_start(r));
	assert_false(reader_loading(r));
	assert_int_equal(load_job_fd(r->job), -1);
	assert_int_equal(r->is->npending, 0);

	n = big_file(f, 1024 * 1024, &path);
	fix_close(f);
	fix_open(f, path);
	free(path);
	assert_true(r->is->partial);
	/* read in parts of 16 KiB, 20 ms before each: 1.3 s in all */
	setenv("HERALD_STREAM", "16384:8:20", 1);
	assert_false(reader_load_start(r));
	assert_true(reader_loading(r));
	p.fd = load_job_fd(r->job);
	assert_true(p.fd >= 0);
	assert_int_equal(poll(&p, 1, 0), 0);
	assert_false(load_job_done(r->job));
	assert_int_equal(poll(&p, 1, 60 * 1000), 1);
	unsetenv("HERALD_STREAM");
	assert_true(load_job_done(r->job));
	assert_true(reader_load_poll(r));
	assert_false(reader_loading(r));
	assert_int_equal(r->is->npending, 0);
	assert_int_equal(r->is->pages[0].narticles, n);
}

/* ---- 简⇄繁: T converts the model and keeps every place ---- */

/* The linear offset (headline, then blocks) of the first s in a. */
static size_t
offset_in(const struct article *a, const char *s)
{
	size_t base = a->headline_len, i;
	const char *p;

	if ((p = strstr(a->headline, s)) != NULL)
		return (size_t)(p - a->headline);
	for (i = 0; i < a->nblocks; i++) {
		if ((p = strstr(a->blocks[i].text, s)) != NULL)
			return base + (size_t)(p - a->blocks[i].text);
		base += a->blocks[i].len;
	}
	fail_msg("%s is not in %s", s, a->headline);
	return 0;
}

/* The text at linear offset off of a. */
static const char *
text_at(const struct article *a, size_t off)
{
	size_t i;

	if (off < a->headline_len)
		return a->headline + off;
	off -= a->headline_len;
	for (i = 0; i < a->nblocks; i++) {
		if (off < a->blocks[i].len)
			return a->blocks[i].text + off;
		off -= a->blocks[i].len;
	}
	return "";
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static void
test_switch_script(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	const struct article *a, *b;
	size_t key, gap, bkey;

	if (convert_library() == NULL)
		skip();
	all_pages(r);
	reader_set_script(r, NULL, CONVERT_ORIGINAL);
	assert_int_equal(r->script, CONVERT_TRADITIONAL);
	assert_false(r->converted);
	/* a place mid-sentence, one in the history, a gap, a match */
	b = art(r, 2, 0);
	reader_open(r, b, false);
	bkey = 2 * offset_in(b, "研发") + 1;
	reader_scrolled(r, b, bkey);
	a = art(r, 1, 0);
	reader_open(r, a, true);
	key = 2 * offset_in(a, "购量累计超过") + 1;
	reader_scrolled(r, a, key);
	gap = 2 * (offset_in(a, "据介绍"));
	r->needle = xstrdup("处理器");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_ptr_equal(r->match.a, a);
	assert_true(starts(text_at(a, r->match.key), "处理器"));
	reader_scrolled(r, a, key);

	assert_int_equal(reader_toggle_script(r), READER_STAY);
	assert_true(r->converted);
	assert_string_equal(r->msg, "Script: traditional");
	/* the same articles, in traditional forms, the same sentence */
	assert_ptr_equal(r->place.a, a);
	assert_string_equal(r->is->title, "山河科技報");
	assert_non_null(strstr(a->headline, "處理器實現量產"));
	assert_true(starts(text_at(a, r->place.key / 2), "購量累計超過"));
	assert_int_equal(r->place.key % 2, 1);
	assert_true(starts(text_at(a, r->match.key), "處理器"));
	assert_int_equal(r->nhist, 1);
	assert_true(starts(text_at(b, r->hist[0].key / 2), "研發"));
	/* the convert hook is in: a page loaded later converts too */
	assert_true(issue_find_page(r->is, 4)->converted);

	assert_int_equal(reader_toggle_script(r), READER_STAY);
	assert_false(r->converted);
	assert_string_equal(r->msg, "Script: original");
	assert_string_equal(r->is->title, "山河科技报");
	assert_int_equal(r->place.key, key);
	assert_int_equal(r->hist[0].key, bkey);
	assert_true(starts(text_at(a, r->match.key), "处理器"));
	/* a gap key (the blank line before a paragraph) stays a gap */
	reader_scrolled(r, a, gap);
	reader_toggle_script(r);
	assert_int_equal(r->place.key % 2, 0);
	assert_true(starts(text_at(a, r->place.key / 2), "據介紹"));
	reader_toggle_script(r);
	assert_int_equal(r->place.key, gap);
	/* an even key inside a paragraph stays there (not the end of the
	 * paragraph before) */
	gap = 2 * offset_in(a, "购量累计超过");
	reader_scrolled(r, a, gap);
	reader_toggle_script(r);
	assert_int_equal(r->place.key % 2, 0);
	assert_true(starts(text_at(a, r->place.key / 2), "購量累計超過"));
	reader_toggle_script(r);
	assert_int_equal(r->place.key, gap);
}

/* Taiwan's words change lengths (工业互联网 → 工業網際網路): the place
 * is found by its sentence, not its byte offset. */
static void
test_switch_script_lengths(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	const struct article *a = NULL;
	const struct page *pg;
	size_t i, j, key;

	if (convert_library() == NULL)
		skip();
	all_pages(r);
	pg = issue_find_page(r->is, 1);
	for (i = 0; i < pg->narticles && a == NULL; i++)
		for (j = 0; j < page_article(pg, i)->nblocks; j++)
			if (strstr(page_article(pg, i)->blocks[j].text,
			    "工业互联网") != NULL)
				a = page_article(pg, i);
	assert_non_null(a);
	reader_set_script(r, NULL, CONVERT_TAIWAN);
	reader_open(r, a, false);
	key = 2 * offset_in(a, "其中，临江港") + 1;
	reader_scrolled(r, a, key);
	assert_int_equal(reader_toggle_script(r), READER_STAY);
	assert_true(r->converted);
	assert_true(starts(text_at(a, r->place.key / 2), "其中，臨江港"));
	assert_int_not_equal(r->place.key, key);
	assert_int_equal(reader_toggle_script(r), READER_STAY);
	assert_int_equal(r->place.key, key);
}

/* The script goes with the reader from issue to issue of a library:
 * one loaded after T is converted as it loads, one loaded before is
 * switched when it is opened again. */
static void
test_switch_script_library(void **state)
{
	struct fix *f = *state;
	struct reader *r;
	char *lib, *p;
	const char *days[] = { "2026-11-01", "2026-11-02" };
	size_t i;
	FILE *fp;

	if (convert_library() == NULL)
		skip();
	lib = xasprintf("%s/lib", f->dir);
	assert_int_equal(mkdir(lib, 0700), 0);
	for (i = 0; i < 2; i++) {
		p = xasprintf("%s/%s", lib, days[i]);
		assert_int_equal(mkdir(p, 0700), 0);
		free(p);
		p = xasprintf("%s/%s/01.md", lib, days[i]);
		assert_non_null(fp = fopen(p, "wb"));
		fprintf(fp, "# 山河科技报\n\n## 第%zu条新闻\n\n正文。\n", i + 1);
		assert_int_equal(fclose(fp), 0);
		free(p);
	}
	fix_close(f);
	fix_open(f, lib);
	free(lib);
	r = &f->r;
	r->entry = library_check(r->lib, r->entry);
	assert_string_equal(page_article(&r->is->pages[0], 0)->headline,
	                    "第2条新闻");
	reader_set_script(r, NULL, CONVERT_ORIGINAL);
	reader_toggle_script(r);
	assert_string_equal(page_article(&r->is->pages[0], 0)->headline,
	                    "第2條新聞");
	/* the other issue, loaded now: converted as it loads */
	assert_true(reader_open_entry(r, 0, READER_VIEW_FRONT));
	assert_string_equal(r->is->title, "山河科技報");
	assert_string_equal(page_article(&r->is->pages[0], 0)->headline,
	                    "第1條新聞");
	reader_toggle_script(r);
	assert_string_equal(page_article(&r->is->pages[0], 0)->headline,
	                    "第1条新闻");
	/* back to the first: it was converted, it is shown as printed */
	assert_true(reader_open_entry(r, 1, READER_VIEW_FRONT));
	assert_string_equal(page_article(&r->is->pages[0], 0)->headline,
	                    "第2条新闻");
	assert_string_equal(r->is->title, "山河科技报");
}

/* The article of page 1 whose text holds s. */
static const struct article *
article_with(struct reader *r, const char *s)
{
	const struct page *pg = issue_find_page(r->is, 1);
	const struct article *a;
	size_t i, j;

	for (i = 0; i < pg->narticles; i++) {
		a = page_article(pg, i);
		for (j = 0; j < a->nblocks; j++)
			if (strstr(a->blocks[j].text, s) != NULL)
				return a;
	}
	fail_msg("no article has %s", s);
	return NULL;
}

/* The state file keeps the place in the original text: read in Taiwan's
 * words (longer), saved, it comes back on the same sentence as printed
 * and in Taiwan's words again. */
static void
test_switch_script_state(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	const struct article *a;
	struct state_pos pos;
	size_t orig;
	char *err = NULL;

	if (convert_library() == NULL)
		skip();
	all_pages(r);
	a = article_with(r, "工业互联网");
	orig = offset_in(a, "其中，临江港");
	reader_set_script(r, NULL, CONVERT_TAIWAN);
	reader_toggle_script(r);
	reader_open(r, a, false);
	reader_scrolled(r, a, 2 * offset_in(a, "其中，臨江港") + 1);
	reader_here(r, READER_VIEW_ARTICLE, &pos);
	assert_int_equal(pos.offset, orig);
	assert_false(pos.gap);
	/* the text shown is still Taiwan's */
	assert_true(starts(text_at(a, r->place.key / 2), "其中，臨江港"));
	assert_true(reader_save(r, READER_VIEW_ARTICLE, &err));

	/* as printed */
	fix_close(f);
	fix_open(f, SAMPLE);
	r = &f->r;
	assert_int_equal(reader_start(r, 0, 0), READER_ARTICLE);
	assert_int_equal(r->place.key, 2 * orig + 1);
	/* in Taiwan's words */
	fix_close(f);
	fix_open(f, SAMPLE);
	r = &f->r;
	all_pages(r);
	reader_set_script(r, NULL, CONVERT_TAIWAN);
	reader_toggle_script(r);
	assert_int_equal(reader_start(r, 0, 0), READER_ARTICLE);
	assert_true(starts(text_at(r->place.a, r->place.key / 2),
	    "其中，臨江港"));
}

/* Without OpenCC's data T says so in one line and the text stays. */
static void
test_switch_script_missing(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	if (convert_library() == NULL)
		skip();
	reader_set_script(r, NULL, CONVERT_TAIWAN);
	setenv("HERALD_OPENCC_DIR", "/nonexistent/opencc", 1);
	assert_int_equal(reader_toggle_script(r), READER_STAY);
	unsetenv("HERALD_OPENCC_DIR");
	assert_false(r->converted);
	assert_null(r->conv);
	assert_true(r->msg_error);
	assert_non_null(strstr(r->msg, "s2twp.json"));
	assert_null(strchr(r->msg, '\n'));
	assert_string_equal(r->is->title, "山河科技报");
}

/* Search folds 简 and 繁 alike: 国 finds 國, 國 finds 国. */
static void
test_search_scripts(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	const struct article *a;

	if (convert_library() == NULL)
		skip();
	all_pages(r);
	reader_set_script(r, NULL, CONVERT_ORIGINAL);
	a = art(r, 1, 0);
	/* 處理器 (traditional) in the simplified sample */
	r->needle = xstrdup("處理器");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_true(starts(text_at(r->match.a, r->match.key), "处理器"));
	/* and 处理器 in the converted text, at the same place */
	assert_int_equal(reader_toggle_script(r), READER_STAY);
	free(r->needle);
	r->needle = xstrdup("处理器");
	memset(&r->place, 0, sizeof r->place);
	r->have_match = false;
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_true(starts(text_at(r->match.a, r->match.key), "處理器"));
	(void)a;
}

/* ---- the match counter: match K/N ---- */

static void
test_search_counter(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	size_t n;

	all_pages(r);
	r->needle = xstrdup("芯片");
	/* nothing read yet: the first match of the issue is match 1 */
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_no, 1);
	n = r->match_total;
	assert_true(n > 3);
	/* n counts on, N back; N from the first wraps to the last */
	assert_int_equal(reader_search(r, 1), READER_ARTICLE);
	assert_int_equal(r->match_no, 2);
	assert_int_equal(reader_search(r, 1), READER_ARTICLE);
	assert_int_equal(r->match_no, 3);
	assert_int_equal(reader_search(r, -1), READER_ARTICLE);
	assert_int_equal(reader_search(r, -1), READER_ARTICLE);
	assert_int_equal(r->match_no, 1);
	assert_int_equal(reader_search(r, -1), READER_ARTICLE);
	assert_int_equal(r->match_no, n);
	assert_int_equal(r->match_total, n);
	/* and on from the last, the first again: every match once */
	assert_int_equal(reader_search(r, 1), READER_ARTICLE);
	assert_int_equal(r->match_no, 1);
	/* another needle is counted anew (5G-A: fewer, and within them) */
	free(r->needle);
	r->needle = xstrdup("5G-A");
	assert_int_equal(reader_search(r, 1), READER_ARTICLE);
	assert_true(r->match_total >= 1 && r->match_total < n);
	assert_true(r->match_no >= 1 && r->match_no <= r->match_total);
	assert_int_equal(r->counts.looked, r->counts.n);
}

/* A needle typed on (incsearch: 芯, then 芯片) is counted only in the
 * stories the one before matched, and counts what a count anew counts. */
static void
test_search_narrows(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	size_t had = 0, k, n;

	all_pages(r);
	r->needle = xstrdup("芯");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->counts.looked, r->counts.n);
	for (k = 0; k < r->counts.n; k++)
		had += r->counts.v[k] > 0;
	assert_true(had > 0 && had < r->counts.n);
	free(r->needle);
	r->needle = xstrdup("芯片");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->counts.looked, had);
	n = r->match_total;
	/* the same, counted anew */
	free(r->counts.needle);
	r->counts.needle = NULL;
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->counts.looked, r->counts.n);
	assert_int_equal(r->match_total, n);
	/* not typed on (a letter taken back, or another): counted anew */
	free(r->needle);
	r->needle = xstrdup("芯");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->counts.looked, r->counts.n);
}

/* The tick of test_search_stop: how it was called; says stop when told. */
static struct {
	int calls;
	bool counting;
	size_t done, total;
	bool go_on;
} tick;

static bool
tick_fn(void *ctx, size_t done, size_t total, bool counting)
{
	(void)ctx;
	tick.calls++;
	tick.counting = counting;
	tick.done = done;
	tick.total = total;
	return tick.go_on;
}

/*
 * A search that takes long calls the reader's tick (past 300 ms: here
 * each story waits 40 ms, HERALD_SEARCH_PAUSE) with how far it is; false
 * stops it: before a match, nothing found and search_stopped; while the
 * matches are counted, the match shown without its number, nothing
 * counted kept (n counts afresh).
 */
static void
test_search_stop(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;

	all_pages(r);
	r->search_tick = tick_fn;
	setenv("HERALD_SEARCH_PAUSE", "40", 1);
	memset(&tick, 0, sizeof tick);
	r->needle = xstrdup("无此词");
	assert_int_equal(reader_search(r, 0), READER_NONE);
	assert_true(r->search_stopped);
	assert_int_equal(tick.calls, 1);
	assert_false(tick.counting);
	assert_true(tick.done > 0 && tick.done < tick.total);

	free(r->needle);
	r->needle = xstrdup("芯片");
	memset(&tick, 0, sizeof tick);
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_true(r->search_stopped);
	assert_int_equal(tick.calls, 1);
	assert_true(tick.counting);
	assert_true(r->have_match);
	assert_int_equal(r->match_no, 0);
	assert_null(r->counts.needle);

	/* let go on: counted afresh, the tick told how far */
	tick.go_on = true;
	tick.calls = 0;
	assert_int_equal(reader_search(r, 1), READER_ARTICLE);
	assert_false(r->search_stopped);
	assert_true(tick.calls > 0);
	assert_true(r->match_no > 0 && r->match_total >= r->match_no);
	unsetenv("HERALD_SEARCH_PAUSE");
	r->search_tick = NULL;
}

/*
 * A big file's stories, kept in the file, searched in traditional forms:
 * each is read back and converted the first time; a search after it
 * looks at the blocks that fold alike as printed (convert_copy), and
 * finds what converting them all finds; and skips, unread, a story
 * whose bytes lack one of the needle's ideographs.
 */
static void
test_search_converted(void **state)
{
	struct fix *f = *state;
	struct reader *r;
	unsigned long first, then;
	size_t n, shelved;

	/* 500 stories of 据了解, shown 據瞭解 */
	n = open_converted(f, "据了解，港口调度继续。", CONVERT_TRADITIONAL,
	    &shelved) - 500;
	r = &f->r;
	/* 这是一段正文，说的是一件事。 eight times a story */
	r->needle = xstrdup("正文");
	first = convert_copied();
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	first = convert_copied() - first;
	assert_int_equal(r->match_total, 8 * n);
	assert_true(first >= shelved);
	free(r->needle);
	r->needle = xstrdup("說的");	/* as shown */
	then = convert_copied();
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	then = convert_copied() - then;
	assert_int_equal(r->match_total, 8 * n);
	/* (and the 500 of 据了解, which search otherwise) */
	assert_true(then < first / 10 + 500);
	/* ...and a story whose bytes lack one of the needle's ideographs
	 * is not read back at all: those of 据了解 neither, whose
	 * conversion brings 瞭, which the needle lacks */
	free(r->needle);
	r->needle = xstrdup("說的乒");
	then = shelf_read_backs();
	assert_int_equal(reader_search(r, 0), READER_NONE);
	assert_int_equal(shelf_read_backs() - then, 0);
	/* 瞭解 as shown, in no story's bytes: found where 了解 is, the
	 * paragraphs that search otherwise converted, every time (those
	 * stories bring it: read back; the others lack 解: not) */
	free(r->needle);
	r->needle = xstrdup("瞭解");
	then = shelf_read_backs();
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_total, 500);
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_total, 500);
	/* (searched, counted; the second search's count kept) */
	assert_true(shelf_read_backs() - then <= 2 * 500);
	/* 瞭 alone, which only the conversion brings: found as well */
	free(r->needle);
	r->needle = xstrdup("瞭");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_total, 500);
}

/*
 * Shown in Taiwan's words, 内存 is 記憶體: a conversion not alike
 * character for character, which may bring anything. Once a search has
 * converted every story, a story of it is still read back and looked at
 * for a needle its bytes lack; the others are not.
 */
static void
test_search_brings_words(void **state)
{
	struct fix *f = *state;
	struct reader *r;
	unsigned long then;
	size_t n, shelved;

	n = open_converted(f, "电脑内存不足。", CONVERT_TAIWAN, &shelved) - 500;
	r = &f->r;
	r->needle = xstrdup("正文");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_total, 8 * n);
	free(r->needle);
	r->needle = xstrdup("記憶體");
	then = shelf_read_backs();
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_total, 500);
	/* (each read back to be searched, then to be counted) */
	assert_true(shelf_read_backs() - then <= 2 * 500);
}

/* Words whose conversion is not one character for one (了解 → 瞭解,
 * 内存 → 記憶體 in Taiwan's words) or whose characters fold to others
 * (干, 发, 面, 后, 里, 台, 于), for test_search_converted_same. */
static const char *const tricky[] = {
	"据了解", "了解", "内存", "链条", "锻炼", "干部", "干燥", "头发",
	"发展", "面条", "后来", "皇后", "里面", "公里", "台风", "于是",
	"布告", "准备", "只有", "一只", "U盘", "的士", "博客", "台式机",
	"软件", "信息", "网络", "打印机", "鼠标", "出租车", "明了", "了",
};

/* Needles as typed, in either script. */
static const char *const tricky_needles[] = {
	"瞭解", "瞭", "了解", "了", "記憶體", "内存", "記憶", "鏈", "鍊",
	"炼", "幹部", "乾燥", "干", "頭髮", "髮", "發展", "麵條", "麵",
	"後來", "皇后", "后", "裡面", "裏", "里", "颱風", "台", "於是", "于",
	"佈告", "準備", "隻", "隨身碟", "計程車", "部落格", "桌上型電腦",
	"軟體", "資訊", "網路", "印表機", "滑鼠", "明瞭", "乒乓",
};

/* A file of big_issue's stories and 400 of tricky's words at path. */
static void
write_tricky(const char *path)
{
	struct buf b = { 0 };
	unsigned long x = 20261207;
	size_t k, i, j;
	FILE *fp;

	big_issue(&b, 1024 * 1024);
	for (k = 0; k < 400; k++) {
		buf_printf(&b, "## 词语%zu\n\n", k);
		for (i = 0; i < 3; i++) {
			for (j = 0; j < 6; j++) {
				x = x * 6364136223846793005ul + 1442695040888963407ul;
				buf_adds(&b, tricky[(x >> 33) %
				    (sizeof tricky / sizeof tricky[0])]);
				buf_adds(&b, j % 3 == 2 ? "。" : "，");
			}
			buf_adds(&b, "\n\n");
		}
	}
	assert_non_null(fp = fopen(path, "w"));
	assert_int_equal(fwrite(b.s, 1, b.len, fp), b.len);
	assert_int_equal(fclose(fp), 0);
	buf_free(&b);
}

/*
 * Shown in another script, a big file whose stories are kept in it finds
 * what the same file with every story in memory finds, for every needle
 * of tricky_needles, the first time (nothing learned yet) and the second
 * (stories skipped by their bytes and what their conversion brings).
 */
static void
test_search_converted_same(void **state)
{
	static const enum convert_script scripts[] = {
		CONVERT_TRADITIONAL, CONVERT_TAIWAN, CONVERT_HONGKONG,
	};
	struct fix *f = *state, g = { 0 };
	char *path = xasprintf("%s/tricky.md", f->dir);
	size_t i, k, n, shelved = 0;
	int round;

	if (convert_library() == NULL)
		skip();
	write_tricky(path);
	config_defaults(&g.cfg);
	g.dir = tmp_dir();
	for (k = 0; k < sizeof scripts / sizeof scripts[0]; k++) {
		fix_close(f);
		fix_open_with(f, path, LOAD_SHELVE);
		fix_open_with(&g, path, 0);
		all_pages(&f->r);
		all_pages(&g.r);
		n = f->r.is->pages[0].narticles;
		assert_int_equal(g.r.is->pages[0].narticles, n);
		for (i = 0, shelved = 0; i < n; i++)
			shelved += article_shelved(
			    page_article(&f->r.is->pages[0], i));
		assert_true(shelved > n / 2);
		reader_set_script(&f->r, NULL, scripts[k]);
		reader_set_script(&g.r, NULL, scripts[k]);
		reader_toggle_script(&f->r);
		reader_toggle_script(&g.r);
		if (!f->r.converted || !g.r.converted) {
			fix_close(&g);
			continue; /* no data for this script */
		}
		for (round = 0; round < 2; round++)
			for (i = 0; i < sizeof tricky_needles /
			    sizeof tricky_needles[0]; i++) {
				enum reader_move want, got;

				free(f->r.needle);
				free(g.r.needle);
				f->r.needle = xstrdup(tricky_needles[i]);
				g.r.needle = xstrdup(tricky_needles[i]);
				want = reader_search(&g.r, 0);
				got = reader_search(&f->r, 0);
				if (got != want || (want != READER_NONE &&
				    f->r.match_total != g.r.match_total))
					fail_msg("%s, %s, round %d: %zu found, "
					    "not %zu", convert_name(scripts[k]),
					    tricky_needles[i], round + 1,
					    got == READER_NONE ? 0 :
					    f->r.match_total,
					    want == READER_NONE ? 0 :
					    g.r.match_total);
			}
		fix_close(&g);
	}
	config_free(&g.cfg);
	nftw(g.dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(g.dir);
	free(path);
}

/*
 * A big file's stories, kept in the file, searched for a needle one of
 * whose ideographs is in none of them: none is read back and parsed to
 * be looked at (their bytes in the file say so), but those whose bytes
 * hold it as an entity, which are found. One that all of them hold:
 * each is, and every match is counted.
 */
static void
test_search_skips(void **state)
{
	struct fix *f = *state;
	struct reader *r;
	unsigned long before;
	size_t n, shelved;

	/* and 500 stories of 乒乓 written as entities */
	n = open_shelved(f, "&#x4E52;&#20051;球馆开放。", &shelved) - 500;
	r = &f->r;
	r->needle = xstrdup("正文乒");
	before = shelf_read_backs();
	assert_int_equal(reader_search(r, 0), READER_NONE);
	assert_true(shelf_read_backs() - before <= 500);
	free(r->needle);
	r->needle = xstrdup("乒乓");
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_total, 500);
	free(r->needle);
	r->needle = xstrdup("正文");
	before = shelf_read_backs();
	assert_int_equal(reader_search(r, 0), READER_ARTICLE);
	assert_int_equal(r->match_total, 8 * n);
	assert_true(shelf_read_backs() - before >= shelved - 500);
}

/* ---- the article as s, | and y take it ---- */

/* Every line of s (len bytes) at most w columns; the count of lines. */
static size_t
lines_within(const char *s, size_t len, int w)
{
	size_t n = 0, i = 0;

	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t l = nl != NULL ? (size_t)(nl - (s + i)) : len - i;

		assert_true(width_str(s + i, l) <= w);
		i += l + 1;
		n++;
	}
	return n;
}

static void
test_article_text(void **state)
{
	struct fix *f = *state;
	struct reader *r = &f->r;
	struct buf t40 = { 0 }, t60 = { 0 };
	char *err = NULL;
	const struct article *a;

	/* nothing read yet: nothing to give, and why */
	assert_false(reader_article_text(r, 40, &t40, &err));
	assert_string_equal(err, "No article open");
	free(err);
	err = NULL;
	assert_int_equal(reader_start(r, 2, 1), READER_ARTICLE);
	a = art(r, 2, 0);
	assert_true(reader_article_text(r, 40, &t40, &err));
	assert_true(reader_article_text(r, 60, &t60, &err));
	assert_null(err);
	/* set at the width asked, headline first, whole lines */
	assert_true(lines_within(t40.s, t40.len, 40) >
	    lines_within(t60.s, t60.len, 60));
	/* (its first characters: a long headline is wrapped) */
	assert_non_null(a->headline);
	assert_non_null(memmem(t40.s, t40.len, a->headline, 6));
	assert_int_equal(t40.s[t40.len - 1], '\n');
	buf_free(&t40);
	buf_free(&t60);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_open_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_page_unusable,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_step_articles, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_step_pages, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_step_skips_empty_pages,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_continue, setup, teardown),
		cmocka_unit_test_setup_teardown(test_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_back_bounded, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_search_wraps, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_marks_state, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_start_page_article, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_lazy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_wakes, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_switch_script, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_switch_script_lengths,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_switch_script_library,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_switch_script_state,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_switch_script_missing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_scripts, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_article_text, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_search_counter, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_search_narrows, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_search_skips, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_search_converted, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_search_brings_words,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_converted_same,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_stop, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
