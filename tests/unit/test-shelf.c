/*
 * test-shelf.c: a big file's stories left in the file (shelf.c). A load
 * that shelves makes the model a whole load makes: every story read back
 * (borrowed, then fetched) has the blocks the whole load gave it, line
 * for line; most stories of a page are shelved, and none that holds what
 * the page-wide readers look for; a file changed in place since is not
 * read back as if it were the same, one renamed or removed still is.
 * Files are read in small parts (HERALD_STREAM), as a big one would be.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <fcntl.h>
#include <glob.h>
#include <obstack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "convert.h"
#include "issue.h"
#include "load.h"
#include "shelf.h"
#include "text.h"
#include "typeset.h"
#include "xmalloc.h"

static char *
tmp_path(const char *name)
{
	const char *t = getenv("TMPDIR");

	return xasprintf("%s/herald-shelf-%ld-%s", t && *t ? t : "/tmp",
	                 (long)getpid(), name);
}

/* The files tmp_path named, removed after the last test: a test that
 * fails leaves before its own unlink. */
static int
remove_tmp(void **state)
{
	char *pat = tmp_path("*");
	glob_t g;
	size_t i;

	(void)state;
	if (glob(pat, 0, NULL, &g) == 0) {
		for (i = 0; i < g.gl_pathc; i++)
			unlink(g.gl_pathv[i]);
		globfree(&g);
	}
	free(pat);
	return 0;
}

static void
write_text(const char *path, const char *s, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(s, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/*
 * A page of n stories in a converter's habits: bylines, subheads, lists,
 * quotes, briefs, jumps, furniture and a table's caption alone (which may
 * be shelved), and now and then a photo with its caption and credit or a
 * table (which may not).
 */
static void
gen_page_as(struct buf *b, int n, const char *h)
{
	int i, k;

	buf_adds(b, "# 青岚日报\n\n青岚日报社主办 2026年12月1日 星期二 "
	            "今日4版\n\n");
	for (i = 0; i < n; i++) {
		char *s = xasprintf("%s 第%d篇报道：港口调度\n\n", h, i);

		buf_adds(b, s);
		free(s);
		if (i % 3 == 0)
			buf_adds(b, "▶ 本报记者 林望舒\n\n");
		if (i % 11 == 5) {
			buf_adds(b, "本报讯 青岚港二期码头昨日投运，新增泊位"
			            "四个。 姚文\n\n");
			continue;
		}
		for (k = 0; k < 2 + i % 3; k++) {
			s = xasprintf("青岚港二期码头第%d次调度试运行，新增泊位"
			              "%d个，年吞吐能力提升两成。港口负责人表示，"
			              "二期码头将与铁路场站联通。\n\n",
			              i, k + 1);
			buf_adds(b, s);
			free(s);
		}
		switch (i % 13) {
		case 1:
			buf_adds(b, h[1] == '#' ? "### 冷链航线同步开通\n\n"
			                        : "冷链航线同步开通\n\n");
			buf_adds(b, "新航线每周三班。\n\n");
			break;
		case 2:
			buf_adds(b, "- 泊位四个\n- 航线三条\n\n");
			break;
		case 3:
			buf_adds(b, "> 码头是城市的门户。\n\n");
			break;
		case 4:
			buf_adds(b, "（下转第2版）\n\n");
			break;
		case 6:
			buf_adds(b, "![](images/port.jpg)\n\n图为青岚港码头。"
			            "\n\n本报记者 周明 摄\n\n");
			break;
		case 8:
			buf_adds(b, "| 项目 | 数量 |\n|---|---:|\n| 泊位 | 4 "
			            "|\n\n");
			break;
		case 10:
			buf_adds(b, "微信公众号\n\n");
			break;
		case 9: /* a photo's caption and credit, no photo; its
			 * comma ASCII, read full width */
			buf_adds(b, "图为青岚港新码头,货轮靠泊。\n\n"
			            "本报记者 周明 摄\n\n");
			break;
		case 7: /* a paragraph a column break cut, joined again
			 * (a space between Latin words), then the credit
			 * makes it the photo's caption; its comma ASCII */
			buf_adds(b, i % 2 ? "青岚港新码头夜间作业，十二台岸桥"
			                    "同时运转，集装箱货轮\n\n依次靠泊。"
			                    "图为新码头夜景,货轮靠泊。\n\n"
			                  : "新码头夜间作业，十二台岸桥同时"
			                    "运转，引航员 pilot\n\n  Berth A 靠泊。"
			                    "图为新码头夜景。\n\n");
			buf_adds(b, "本报记者 周明 摄\n\n");
			break;
		case 12: /* a table's caption, the table not set */
			buf_adds(b, "表1 青岚港吞吐量（万吨）\n\n");
			break;
		}
	}
}

static void
gen_page(struct buf *b, int n)
{
	gen_page_as(b, n, "##");
}

static struct issue *
load_in_parts(const char *path, int flags, const char *seg)
{
	struct issue *is;
	char *err = NULL;

	if (seg != NULL)
		setenv("HERALD_STREAM", seg, 1);
	is = load_issue(path, flags, &err);
	unsetenv("HERALD_STREAM");
	if (is == NULL)
		fail_msg("%s: %s", path, err);
	return is;
}

static void
same_str(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		assert_ptr_equal(x, y);
	else
		assert_string_equal(x, y);
}

static void
same_block(const struct block *x, const struct block *y)
{
	size_t i;

	assert_int_equal(x->kind, y->kind);
	assert_int_equal(x->len, y->len);
	assert_memory_equal(x->text, y->text, x->len);
	assert_int_equal(x->line, y->line);
	assert_int_equal(x->jump_page, y->jump_page);
	assert_int_equal(x->jump_dir, y->jump_dir);
	assert_int_equal(x->after, y->after);
	assert_int_equal(x->fig == NULL, y->fig == NULL);
	if (x->fig != NULL) {
		same_str(x->fig->path, y->fig->path);
		same_str(x->fig->alt, y->fig->alt);
		same_str(x->fig->caption, y->fig->caption);
		same_str(x->fig->credit, y->fig->credit);
	}
	assert_int_equal(x->tab == NULL, y->tab == NULL);
	if (x->tab != NULL) {
		assert_int_equal(x->tab->nrows, y->tab->nrows);
		assert_int_equal(x->tab->ncols, y->tab->ncols);
		for (i = 0; i < x->tab->nrows * x->tab->ncols; i++)
			same_str(x->tab->cells[i].text, y->tab->cells[i].text);
	}
}

static void
same_article(const struct article *x, const struct article *y)
{
	size_t i;

	assert_string_equal(x->headline, y->headline);
	assert_int_equal(x->line, y->line);
	assert_int_equal(x->jump_to, y->jump_to);
	assert_int_equal(x->jump_from, y->jump_from);
	assert_int_equal(x->short_news, y->short_news);
	assert_int_equal(x->page_text, y->page_text);
	assert_int_equal(x->nblocks, y->nblocks);
	for (i = 0; i < x->nblocks; i++)
		same_block(&x->blocks[i], &y->blocks[i]);
}

/*
 * The marks kept_marks saw left in the file, and all it saw; those of
 * stories that keep every one (begun in a part before: shelf_done); the
 * captions over a column break it saw (gen_page_as), those kept by a
 * story with other marks in the file, and those left in the file,
 * joined with a space between Latin words and without one between
 * Chinese.
 */
static size_t marks_in_file, marks_seen, marks_across, joined_seen,
    joined_kept, joined_latin, joined_cjk;
static const char joined_l[] = "运转，引航员 pilot Berth A 靠泊。",
    joined_c[] = "集装箱货轮依次靠泊。图为新码头夜景，";

/*
 * A shelved story holds no block until it is read back: its jumps,
 * captions, credits and furniture are its shelf's marks, each whole's
 * block, in their order, whether its text is asked for or not
 * (article_mark); and it never held a photo or a table (issue.h).
 */
static void
kept_marks(const struct article *whole, const struct article *shelved)
{
	char buf[SHELF_MARK_MAX + 1];
	struct block tmp, bare;
	const struct block *m;
	size_t i, k = 0, in_file = 0, joined = 0;
	bool kept;

	assert_false(whole->page_text);
	if (article_shelved(shelved))
		assert_int_equal(shelved->nblocks, 0);
	for (i = 0; i < whole->nblocks; i++) {
		const struct block *b = &whole->blocks[i];

		assert_true(b->kind != BLOCK_FIGURE && b->kind != BLOCK_TABLE);
		if (b->kind != BLOCK_JUMP && b->kind != BLOCK_CAPTION &&
		    b->kind != BLOCK_CREDIT && b->kind != BLOCK_FURNITURE)
			continue;
		assert_true(k < article_nmarks(shelved));
		m = article_mark(shelved, k, &tmp, buf);
		same_block(b, m);
		kept = shelf_marks(shelved->shelf)[k].flags & SHELF_MARK_KEPT;
		assert_int_equal(m->text == buf, !kept);
		in_file += m->text == buf;
		if (b->kind == BLOCK_CAPTION && (strstr(b->text, joined_l) ||
		    strstr(b->text, joined_c))) {
			joined_seen++;
			joined += m->text != buf;
			joined_latin += m->text == buf &&
			                strstr(m->text, joined_l) != NULL;
			joined_cjk += m->text == buf &&
			              strstr(m->text, joined_c) != NULL;
		}
		m = article_mark(shelved, k++, &bare, NULL);
		assert_int_equal(m->kind, b->kind);
		assert_int_equal(m->jump_page, b->jump_page);
		assert_int_equal(m->jump_dir, b->jump_dir);
		assert_int_equal(m->line, b->line);
	}
	assert_int_equal(k, article_nmarks(shelved));
	marks_seen += k;
	marks_in_file += in_file;
	if (in_file == 0)
		marks_across += k;
	else
		joined_kept += joined;
}

/* p is in one of h's chunks. */
static bool
stored(const struct obstack *h, const void *p)
{
	const struct _obstack_chunk *c;

	for (c = h->chunk; c != NULL; c = c->prev)
		if ((const char *)p >= c->contents &&
		    (const char *)p < c->limit)
			return true;
	return false;
}

/* a's shelf and headline are laid in its issue's store, not each in a
 * malloc of its own among the part's parse (shelf.c); a headline that is
 * its file's bytes as they are, whole's, is not kept at all, but read
 * from there. */
static void
in_store(const struct issue *is, const struct article *a,
         const struct article *whole)
{
	const char *h;
	size_t len;

	const struct shelf_file *f = a->page->shelf, *g;

	/* its page's file, one of the issue's */
	assert_non_null(f);
	for (g = is->shelf; g != NULL && g != f; g = g->next)
		;
	assert_ptr_equal(g, f);
	assert_true(stored(f->store, a->shelf));
	h = article_headline(a, &len);
	same_str(h, whole->headline);
	if (h != NULL)
		assert_int_equal(len, whole->headline_len);
	if (a->shelf->hlen > 0) {
		assert_null(a->headline);
		assert_int_equal(a->shelf->hlen, whole->headline_len);
		assert_false(stored(f->store, h));
	} else if (a->headline != NULL) {
		assert_true(a->headline_kept);
		assert_true(stored(f->store, a->headline));
		assert_ptr_equal(a->headline, shelf_headline(a->shelf));
	}
}

/* The stories check_file saw shelved with their headline in the file. */
static size_t headlines_in_file;

/* The bytes the stores of is hold, each in one chunk (the generated
 * pages are small). */
static size_t
stores_used(const struct issue *is)
{
	const struct shelf_file *f;
	size_t n = 0;

	for (f = is->shelf; f != NULL; f = f->next) {
		assert_null(f->store->chunk->prev);
		n += (size_t)(f->store->next_free - f->store->chunk->contents);
	}
	return n;
}

/* What the store holds for shelved a, whole's: its shelf, its marks
 * (kept_marks: whole's), with the headline when it is not left in the
 * file and the marks' texts that are not, at 4-byte steps. */
static size_t
store_want(const struct article *a, const struct article *whole)
{
	const struct shelf_mark *m = shelf_marks(a->shelf);
	size_t n = offsetof(struct shelf, rest), k;

	n += a->shelf->nmarks * sizeof *m;
	if (whole->headline != NULL && a->shelf->hlen == 0)
		n += whole->headline_len + 1;
	for (k = 0; k < a->shelf->nmarks; k++)
		if (m[k].flags & SHELF_MARK_KEPT)
			n += m[k].len + 1u;
	return (n + 3) / 4 * 4;
}

/*
 * path loaded whole and loaded in parts of seg bytes, shelving: the same
 * model, every shelved story borrowed and then fetched back to the
 * whole load's. Returns the stories shelved; *total, the stories.
 */
static size_t
check_file(const char *path, const char *seg, size_t *total)
{
	struct issue *w = load_in_parts(path, LOAD_DEFAULTS, NULL);
	struct issue *s = load_in_parts(path, LOAD_DEFAULTS | LOAD_SHELVE, seg);
	size_t i, j, k, n = 0, nfile = 0, want = 0;

	*total = 0;
	assert_int_equal(w->npages, s->npages);
	same_str(w->title, s->title);
	for (i = 0; i < w->npages; i++) {
		const struct page *pw = &w->pages[i], *ps = &s->pages[i];

		assert_int_equal(pw->number, ps->number);
		assert_int_equal(pw->narticles, ps->narticles);
		assert_int_equal(pw->nitems, ps->nitems);
		assert_int_equal(pw->ncontents, ps->ncontents);
		for (k = 0; k < pw->nitems; k++)
			same_block(&pw->items[k], &ps->items[k]);
		for (j = 0; j < pw->narticles; j++) {
			const struct article *aw = page_article(pw, j);
			struct article *as = page_article(ps, j), tmp;
			const struct article *b;

			(*total)++;
			if (as->shelf == NULL) {
				assert_false(as->headline_kept);
				same_article(aw, as);
				continue;
			}
			n++;
			in_store(s, as, aw);
			nfile += as->shelf->hlen > 0;
			want += store_want(as, aw);
			kept_marks(aw, as);
			assert_int_equal(article_is_brief(as),
			                 article_is_brief(aw));
			b = shelf_borrow(as, &tmp);
			assert_ptr_equal(b, &tmp);
			same_article(aw, b);
			shelf_return(as, &tmp);
			/* a look keeps nothing */
			assert_true(article_shelved(as));
			shelf_fetch(as);
			assert_false(article_shelved(as));
			same_article(aw, as);
			kept_marks(aw, as); /* the same, read in */
			shelf_fetch(as); /* again: nothing to do */
			same_article(aw, as);
			/* its headline read back with it, let go with it */
			assert_int_equal(as->headline_back,
			                 as->shelf->hlen > 0);
			if (j % 2 == 0) {
				/* its headline stays in the store (or the
				 * file), until asked for */
				assert_int_equal(as->headline_kept,
				                 as->shelf->hlen == 0);
				article_own_headline(as);
				assert_false(as->headline_kept);
				assert_false(as->headline_back);
				assert_false(stored(as->page->shelf->store,
				                    as->headline));
				same_article(aw, as);
			}
		}
	}
	/* the store holds the shelves, their marks, and the headlines and
	 * marks' texts they keep, no more (24 bytes a shelf, 20 a mark, at
	 * 4-byte steps) */
	assert_int_equal(stores_used(s), want);
	issue_free(w);
	issue_free(s);
	headlines_in_file = nfile;
	return n;
}

static char *
gen_file(const char *name, int n)
{
	struct buf b = {0};
	char *p = tmp_path(name);

	gen_page(&b, n);
	write_text(p, b.s, b.len);
	buf_free(&b);
	return p;
}

/* The stories of path that may be shelved: all but those with a photo
 * or a table, the page's own text and each page's last (never done). */
static size_t
shelvable(const char *path)
{
	struct issue *w = load_in_parts(path, LOAD_DEFAULTS, NULL);
	size_t i, j, k, n = 0;

	for (i = 0; i < w->npages; i++)
		for (j = 0; j + 1 < w->pages[i].narticles; j++) {
			const struct article *a = page_article(&w->pages[i], j);
			bool may = !a->page_text && a->nblocks > 0;

			for (k = 0; k < a->nblocks; k++)
				if (a->blocks[k].kind == BLOCK_FIGURE ||
				    a->blocks[k].kind == BLOCK_TABLE)
					may = false;
			n += may;
		}
	issue_free(w);
	return n;
}

/* p, gen_page's 300 stories (what: how written), in parts of 64 KiB
 * and of 4 KiB: every one that may be is shelved, each read back as it
 * was; a story across two parts too, read from the file. */
static void
check_300(const char *p, const char *what)
{
	size_t total, n, may = shelvable(p);

	/* 300 stories: 23 have a photo, 23 a table (they stay), and the
	 * last is never done */
	assert_true(may >= 250);
	marks_in_file = marks_seen = marks_across = 0;
	joined_seen = joined_kept = 0;
	n = check_file(p, "65536", &total);
	print_message("# %s64 KiB parts: %zu of %zu stories shelved (%zu "
	              "may be), %zu headlines left in the file, %zu of %zu "
	              "marks\n", what, n, total, may, headlines_in_file,
	              marks_in_file, marks_seen);
	assert_int_equal(total, 300);
	assert_int_equal(n, may);
	assert_true(headlines_in_file >= n * 3 / 4);
	/* (each seen twice: shelved, and read in); every one in the file
	 * but those of a story begun in a part before (two at most), the
	 * caption whose comma is read full width too, and those over a
	 * column break, CRs of CRLF line ends among their bytes or not */
	print_message("# %zu marks of stories across a part's end, %zu "
	              "captions over a column break kept\n", marks_across,
	              joined_kept);
	assert_true(marks_seen >= 2 * 60);
	assert_int_equal(joined_seen, 2 * 21);
	assert_true(marks_across <= 2 * 2 * 2);
	assert_int_equal(marks_in_file + marks_across + joined_kept,
	                 marks_seen);
	assert_int_equal(joined_kept, 0);
	/* parts of 4 KiB: many stories cross a part's end (24 of them
	 * stayed in memory before they were read from the file) */
	n = check_file(p, "4096", &total);
	print_message("# %s4 KiB parts: %zu of %zu stories shelved\n", what,
	              n, total);
	assert_int_equal(n, may);
}

/* Every story of a page that may be is shelved; each reads back as it
 * was. */
static void
test_shelf_page(void **state)
{
	char *p = gen_file("page.md", 300);
	size_t total, n;

	(void)state;
	check_300(p, "");
	/* parts as small as they are cut (a story each): every story
	 * begins in a part before the one it is done in, and is read from
	 * the file (fewer than 75 were shelved before, those that began
	 * at a part's start) */
	n = check_file(p, "1", &total);
	print_message("# 1-byte parts: %zu of %zu stories shelved\n", n,
	              total);
	assert_int_equal(n, shelvable(p));
	unlink(p);
	free(p);
}

/* gen_page's n stories with marker's page separator inside some of
 * them: no page break in a page file of an issue directory (the file is
 * the page), so the stories read back alone as they read there. */
static void
gen_marked(struct buf *b, int n)
{
	static const char list[] = "\n\n- 泊位四个";
	struct buf g = {0};
	const char *s, *at;

	gen_page(&g, n);
	buf_addc(&g, '\0');
	for (s = g.s; (at = strstr(s, list)) != NULL; s = at + 2) {
		buf_add(b, s, (size_t)(at - s) + 2);
		buf_adds(b, "{3}------------------------------------------------"
		            "\n\n");
	}
	buf_adds(b, s);
	buf_free(&g);
}

/*
 * An issue directory with big page files (a converter's whole issue as
 * one page, beside small ones): each is read in parts as a big file is,
 * every story of it that may be shelved is, in that file's own shelf,
 * and reads back from it as the whole load made it; a page file under
 * the size is read whole. (They were read whole, up to 64 MiB, the
 * file and its parse held four times over.)
 */
static void
test_shelf_dir(void **state)
{
	static const char *const names[] = {"01.md", "02.md", "03.md"};
	char *dir = tmp_path("dir"), *p[3];
	struct buf b = {0};
	struct issue *is;
	const struct shelf_file *f;
	size_t total, n, may, i, nf = 0;

	(void)state;
	assert_int_equal(mkdir(dir, 0700), 0);
	for (i = 0; i < 3; i++) {
		p[i] = xasprintf("%s/%s", dir, names[i]);
		b.len = 0;
		if (i == 0)
			gen_page(&b, 300);
		else if (i == 1)
			gen_marked(&b, 120);
		else
			buf_adds(&b, "## 短讯\n\n青岚港今日开港。\n\n");
		write_text(p[i], b.s, b.len);
	}
	buf_free(&b);
	may = shelvable(dir);
	assert_true(may >= 350);
	n = check_file(dir, "4096", &total);
	print_message("# issue directory, 4 KiB parts: %zu of %zu stories "
	              "shelved\n", n, total);
	assert_true(total >= 300 + 120 + 1);
	assert_int_equal(n, may);

	/* a shelf for each big page file, none for the small one */
	is = load_in_parts(dir, LOAD_DEFAULTS | LOAD_SHELVE, "4096");
	for (f = is->shelf; f != NULL; f = f->next) {
		assert_true(f->page_file);
		nf++;
	}
	assert_int_equal(nf, 2);
	assert_non_null(is->pages[0].shelf);
	assert_non_null(is->pages[1].shelf);
	assert_ptr_not_equal(is->pages[0].shelf, is->pages[1].shelf);
	assert_null(is->pages[2].shelf);
	issue_free(is);
	for (i = 0; i < 3; i++) {
		unlink(p[i]);
		free(p[i]);
	}
	rmdir(dir);
	free(dir);
}

/* MinerU's habit: # for every title, the masthead's too (a flat page,
 * whose stories' titles the whole page's levels decide). */
static void
test_shelf_flat(void **state)
{
	struct buf b = {0};
	char *p = tmp_path("flat.md");
	size_t total, n;

	(void)state;
	gen_page_as(&b, 200, "#");
	write_text(p, b.s, b.len);
	buf_free(&b);
	n = check_file(p, "16384", &total);
	print_message("# flat page: %zu of %zu stories shelved\n", n, total);
	assert_true(n >= total / 3);
	unlink(p);
	free(p);
}

/* Without LOAD_SHELVE (the archive's loads), and for a file read whole,
 * nothing is shelved. */
static void
test_shelf_off(void **state)
{
	char *p = gen_file("off.md", 100);
	struct issue *is;
	size_t j;

	(void)state;
	is = load_in_parts(p, LOAD_DEFAULTS, "65536");
	for (j = 0; j < is->pages[0].narticles; j++)
		assert_null(page_article(&is->pages[0], j)->shelf);
	assert_null(is->shelf);
	issue_free(is);
	is = load_in_parts(p, LOAD_DEFAULTS | LOAD_SHELVE, NULL);
	for (j = 0; j < is->pages[0].narticles; j++)
		assert_null(page_article(&is->pages[0], j)->shelf);
	issue_free(is);
	unlink(p);
	free(p);
}

static size_t
count_shelved(const struct issue *is)
{
	size_t i, j, n = 0;

	for (i = 0; i < is->npages; i++)
		for (j = 0; j < is->pages[i].narticles; j++)
			n += article_shelved(page_article(&is->pages[i], j));
	return n;
}

static struct article *
first_shelved(struct issue *is)
{
	size_t i, j;

	for (i = 0; i < is->npages; i++)
		for (j = 0; j < is->pages[i].narticles; j++)
			if (article_shelved(page_article(&is->pages[i], j)))
				return page_article(&is->pages[i], j);
	fail_msg("nothing shelved");
	return NULL;
}

/* The first shelved story of is whose headline is in the file after byte
 * off, or NULL. */
static struct article *
later_headline(struct issue *is, unsigned long off)
{
	size_t j;

	for (j = 0; j < is->pages[0].narticles; j++) {
		struct article *a = page_article(&is->pages[0], j);

		if (article_shelved(a) && a->shelf->hlen > 0 &&
		    a->shelf->off > off)
			return a;
	}
	return NULL;
}

/* A file renamed, then removed, after the load: still read back (the
 * file is held open). One changed in place: not read as if the same. */
static void
test_shelf_file_moves(void **state)
{
	char *p = gen_file("moves.md", 60), *q = tmp_path("moved.md");
	struct issue *w = load_in_parts(p, LOAD_DEFAULTS, NULL);
	struct issue *is = load_in_parts(p, LOAD_DEFAULTS | LOAD_SHELVE,
	                                 "4096");
	struct article *a, *h;
	const struct article *b;
	struct article tmp;
	struct timespec ts[2];
	size_t len;
	FILE *f;

	(void)state;
	assert_true(count_shelved(is) >= 30);
	assert_int_equal(rename(p, q), 0);
	a = first_shelved(is);
	shelf_fetch(a);
	same_article(page_article(&w->pages[0], a->index), a);
	assert_int_equal(unlink(q), 0);
	a = first_shelved(is);
	shelf_fetch(a);
	same_article(page_article(&w->pages[0], a->index), a);
	issue_free(is);

	/* changed in place: the same size, a new time */
	free(gen_file("moves.md", 60));
	is = load_in_parts(p, LOAD_DEFAULTS | LOAD_SHELVE, "4096");
	f = fopen(p, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 200, SEEK_SET), 0);
	fputc('#', f);
	assert_int_equal(fclose(f), 0);
	clock_gettime(CLOCK_REALTIME, &ts[0]);
	ts[0].tv_sec += 5;
	ts[1] = ts[0];
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	/* a headline left in the file is read as it was where its bytes
	 * are still there, a note once they are not (its first character
	 * another, as well formed) */
	h = later_headline(is, 200);
	assert_non_null(h);
	assert_string_equal(article_headline(h, &len),
	                    page_article(&w->pages[0], h->index)->headline);
	f = fopen(p, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (long)(h->shelf->off + h->shelf->hat),
	                       SEEK_SET), 0);
	assert_true(fputs(strncmp(article_headline(h, &len), "弟", 3) ?
	                  "弟" : "第", f) >= 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	assert_string_equal(article_headline(h, &len),
	                    "(its file changed since it was opened)");
	assert_int_equal(len, strlen("(its file changed since it was "
	                             "opened)"));
	shelf_fetch(h);
	assert_string_equal(h->headline, "(its file changed since it was "
	                                 "opened)");
	assert_int_equal(h->headline_len, len);
	a = first_shelved(is);
	b = shelf_borrow(a, &tmp);
	assert_int_equal(b->nblocks, 1);
	assert_non_null(strstr(b->blocks[0].text, "changed since it was "
	                                          "opened"));
	shelf_return(a, &tmp);
	shelf_fetch(a);
	assert_false(article_shelved(a));
	assert_int_equal(a->nblocks, 1);
	assert_int_equal(a->blocks[0].kind, BLOCK_PARAGRAPH);
	assert_non_null(strstr(a->blocks[0].text, "moves.md changed"));
	assert_non_null(strstr(a->headline, "篇报道"));
	issue_free(is);
	issue_free(w);
	unlink(p);
	free(p);
	free(q);
}

/* in with every LF made CRLF, into out. */
static void
to_crlf(const struct buf *in, struct buf *out)
{
	size_t k;

	for (k = 0; k < in->len; k++) {
		if (in->s[k] == '\n')
			buf_addc(out, '\r');
		buf_addc(out, in->s[k]);
	}
}

/* The file path: a page of 200 stories with ins put before story 100's
 * heading, its line ends CRLF with crlf. Returns the line ins is on. */
static int
write_with_as(const char *path, const char *ins, bool crlf)
{
	struct buf b = {0}, c = {0}, d = {0};
	const char *mid;
	size_t half, k;
	int line = 1;

	gen_page(&b, 200);
	mid = strstr(b.s, "## 第100篇报道");
	assert_non_null(mid);
	half = (size_t)(mid - b.s);
	for (k = 0; k < half; k++)
		line += b.s[k] == '\n';
	buf_add(&c, b.s, half);
	buf_adds(&c, ins);
	buf_add(&c, b.s + half, b.len - half);
	if (crlf)
		to_crlf(&c, &d);
	write_text(path, crlf ? d.s : c.s, crlf ? d.len : c.len);
	buf_free(&b);
	buf_free(&c);
	buf_free(&d);
	return line;
}

static int
write_with(const char *path, const char *ins)
{
	return write_with_as(path, ins, false);
}

/* Bytes that sanitising changes (a lone CR, bad UTF-8): the stories
 * after them stay in memory (their offsets are no longer the file's);
 * the ones before are shelved; the model is the whole load's. */
static void
test_shelf_inexact(void **state)
{
	static const char *const bad[] = {"\r", "\xff"};
	char *p = tmp_path("inexact.md");
	size_t total, n, j, k;
	const struct article *a;
	struct issue *is;
	int line;

	(void)state;
	for (k = 0; k < 2; k++) {
		line = write_with(p, bad[k]);
		n = check_file(p, "16384", &total);
		assert_true(n >= 40);
		is = load_in_parts(p, LOAD_DEFAULTS | LOAD_SHELVE, "16384");
		for (j = 0; j < is->pages[0].narticles; j++) {
			a = page_article(&is->pages[0], j);
			if (a->shelf != NULL)
				assert_true(a->line < line);
		}
		issue_free(is);
	}
	unlink(p);
	free(p);
}

/* A file written with CRLF line ends (a converter run on Windows, whose
 * Python writes "\r\n" for "\n"): sanitising drops each CR, and the
 * stories are still shelved, each read back from its own bytes, CRs
 * and all, as many as in the same page written with LF; a lone CR in
 * it leaves the stories after it in memory. */
static void
test_shelf_crlf(void **state)
{
	struct buf b = {0}, c = {0};
	char *p = tmp_path("crlf.md");
	size_t total, n, j;
	const struct article *a;
	struct issue *is;
	int line;

	(void)state;
	gen_page(&b, 300);
	to_crlf(&b, &c);
	write_text(p, c.s, c.len);
	check_300(p, "CRLF, ");
	buf_free(&b);
	buf_free(&c);
	/* a lone CR among the CRLFs, before story 100 */
	line = write_with_as(p, "\r", true);
	n = check_file(p, "16384", &total);
	assert_true(n >= 40);
	is = load_in_parts(p, LOAD_DEFAULTS | LOAD_SHELVE, "16384");
	for (j = 0; j < is->pages[0].narticles; j++) {
		a = page_article(&is->pages[0], j);
		if (a->shelf != NULL)
			assert_true(a->line < line);
	}
	issue_free(is);
	unlink(p);
	free(p);
}

/* A form feed (a page break, pdftotext's habit) is a byte of the file
 * that is not in any part: the stories after it are still read back from
 * their own bytes. */
static void
test_shelf_form_feed(void **state)
{
	char *p = tmp_path("ff.md");
	size_t total, n, k, after = 0;
	struct issue *is;
	int line = write_with(p, "\f");

	(void)state;
	n = check_file(p, "16384", &total);
	assert_true(n >= total / 2);
	is = load_in_parts(p, LOAD_DEFAULTS | LOAD_SHELVE, "16384");
	assert_int_equal(is->npages, 2);
	for (k = 0; k < is->pages[1].narticles; k++)
		after += page_article(&is->pages[1], k)->shelf != NULL &&
		         page_article(&is->pages[1], k)->line > line;
	assert_true(after >= 50);
	issue_free(is);
	unlink(p);
	free(p);
}

/* The project's inputs in every converter's habits, the sample, the
 * seed: the model of a shelving load in parts is the whole load's. */
/* The converters' samples, the bundled issue and the seed (top_srcdir's
 * paths; one absent is left out). */
static const char *const files[] = {
    "tests/data/converters/marker.md",
    "tests/data/converters/mineru.md",
    "tests/data/converters/mineru-rich.md",
    "tests/data/converters/pymupdf4llm.md",
    "tests/data/converters/docling.md",
    "tests/data/converters/docling-table.md",
    "tests/data/converters/paddleocr.md",
    "tests/data/converters/pdftotext.txt",
    "tests/data/converters/tesseract.txt",
    "tests/data/converters/ocr-lines.txt",
    "data/sample/01.md",
    "data/sample/02.md",
    "data/sample/03.md",
    "data/sample/04.md",
    "../shared/seeds/000_c76a11cae1c3755f.txt",
};

/* shelf_bytes_may's may: the story's bytes, copied into ctx (a buf). */
static bool
take_bytes(void *ctx, const char *s, size_t len)
{
	struct buf *b = ctx;

	b->len = 0;
	buf_add(b, s, len);
	return true;
}

/* Does needle, folded with cf, pass text_may_hold over raw? */
static bool
may_find(const char *needle, size_t len, const struct buf *raw,
         text_char_fold *cf)
{
	struct text_need nd;

	text_need_of(&nd, needle, len, cf);
	return text_may_hold(&nd, raw->s, raw->len, cf);
}

/*
 * For each shelved story of path read in parts of seg, and each of a
 * fold (cf): every pair of ideographs side by side in a text of it, as a
 * search folds it (64 pairs at most, spread over it), passes
 * text_may_hold over the story's bytes in its file (a search that skips
 * what it says false of would miss them); absent, a needle of 港口乒 (乒
 * in none of these texts) passes over the bytes of *skips fewer stories.
 */
static void
check_may(const char *path, const char *seg, text_char_fold *cf,
          size_t *skips, size_t *stories)
{
	struct issue *is = load_in_parts(path, LOAD_DEFAULTS | LOAD_SHELVE, seg);
	struct buf raw = { 0 };
	size_t i, j, k, at, step, n, m;

	for (i = 0; i < is->npages; i++)
		for (j = 0; j < is->pages[i].narticles; j++) {
			struct article *a = page_article(&is->pages[i], j), tmp;
			const struct article *b;
			struct buf all = { 0 };
			struct text_folded f;
			bool has_ping = false;

			if (!article_shelved(a))
				continue;
			(*stories)++;
			assert_true(shelf_bytes_may(a, take_bytes, &raw));
			b = shelf_borrow(a, &tmp);
			for (k = 0; k <= b->nblocks; k++) {
				const char *t = k == 0 ? b->headline
				                       : b->blocks[k - 1].text;
				size_t len = k == 0 ? b->headline_len
				                    : b->blocks[k - 1].len;

				if (t == NULL)
					continue;
				/* one text at a time: a match is in one */
				text_fold_with(&f, t, len, cf);
				buf_add(&all, f.s, f.len);
				buf_adds(&all, "\n");
				text_folded_free(&f);
			}
			shelf_return(a, &tmp);
			/* the pairs: six bytes of two ideographs of U+3400 up */
			for (n = 0, at = 0; at + 6 <= all.len; at++)
				n += (unsigned char)all.s[at] >= 0xe3 &&
				     (unsigned char)all.s[at + 3] >= 0xe3;
			step = n / 64 + 1;
			for (m = 0, at = 0; at + 6 <= all.len; at++) {
				if ((unsigned char)all.s[at] < 0xe3 ||
				    (unsigned char)all.s[at + 3] < 0xe3 ||
				    m++ % step != 0)
					continue;
				if (!may_find(all.s + at, 6, &raw, cf))
					fail_msg("%s, story %zu: \"%.6s\" is in "
					         "it, its bytes said no", path, j,
					         all.s + at);
			}
			has_ping = all.s != NULL && strstr(all.s, "乒") != NULL;
			if (!has_ping && !may_find("港口乒", 9, &raw, cf))
				(*skips)++;
			buf_free(&all);
		}
	buf_free(&raw);
	issue_free(is);
}

/*
 * A search skips a story kept in its file whose bytes lack one of the
 * needle's ideographs (text_may_hold): never one that holds a match, in
 * the converters' samples, the bundled issue, the seed, a generated
 * page, and stories written to trap it: an ideograph as an entity, a
 * Kangxi radical, a compatibility and an enclosed ideograph (NFKC folds
 * them), a word cut by a line end or by emphasis, one in traditional
 * form (the 简⇄繁 fold, when OpenCC is there). And it does skip.
 */
static void
test_shelf_search_may(void **state)
{
	const char *top = getenv("top_srcdir");
	static const char *const traps[] = {
	    "&#x4E52;&#20051;球馆&amp;训练场",
	    "⼈民广场迎来⼊夏后的首批游客",
	    "豈止如此，㈱青岚港务㊀号码头",
	    "新能源电\n池产业链继续延伸",
	    "新能源电**池**产业链继续延伸",
	    "電池產業鏈繼續延伸，港口調度",
	};
	text_char_fold *folds[2] = { NULL, NULL };
	struct buf b = { 0 };
	char *p, *gen = tmp_path("may.md");
	size_t i, k, skips = 0, stories = 0;

	(void)state;
	if (convert_fold_ready())
		folds[1] = convert_fold_char;
	gen_page(&b, 60);
	for (i = 0; i < 24; i++)
		buf_printf(&b, "## 第%zu篇：港口\n\n%s。\n\n港口调度继续。\n\n",
		           i, traps[i % (sizeof traps / sizeof *traps)]);
	write_text(gen, b.s, b.len);
	buf_free(&b);
	for (k = 0; k < 2; k++) {
		if (k == 1 && folds[1] == NULL) {
			print_message("# OpenCC absent: no 简⇄繁 fold\n");
			break;
		}
		check_may(gen, "1", folds[k], &skips, &stories);
		for (i = 0; top != NULL && i < sizeof files / sizeof *files;
		     i++) {
			p = xasprintf("%s/%s", top, files[i]);
			if (access(p, R_OK) == 0)
				check_may(p, "97", folds[k], &skips, &stories);
			free(p);
		}
	}
	print_message("# %zu stories looked at; 港口乒 skips %zu\n", stories,
	              skips);
	/* most of them lack 乒 and say so */
	assert_true(stories > 100);
	assert_true(skips > stories / 2);
	free(gen);
}

static void
test_shelf_inputs(void **state)
{
	const char *top = getenv("top_srcdir");
	/* and parts of the file's size less a byte: the file in one part,
	 * where each story is whole */
	static const char *const segs[] = {"1", "97", "1500", NULL};
	size_t i, k, n = 0, total, all = 0, tried = 0;
	struct stat st;

	(void)state;
	if (top == NULL) {
		print_message("# top_srcdir not set: skipped\n");
		skip();
	}
	for (i = 0; i < sizeof files / sizeof *files; i++) {
		char *p = xasprintf("%s/%s", top, files[i]);

		if (access(p, R_OK) != 0) {
			print_message("# %s absent\n", files[i]);
			free(p);
			continue;
		}
		tried++;
		assert_int_equal(stat(p, &st), 0);
		for (k = 0; k < sizeof segs / sizeof *segs; k++) {
			char *whole = xasprintf("%lld", (long long)st.st_size - 1);

			n += check_file(p, segs[k] ? segs[k] : whole, &total);
			all += total;
			free(whole);
		}
		free(p);
	}
	print_message("# %zu files: %zu of %zu stories shelved\n", tried, n,
	              all);
	assert_true(tried >= 14);
	assert_true(n > 0);
}

/* gen_page's 300 stories in name, loaded whole (*w) and shelved in parts
 * of 64 KiB (*is): the file's path. */
static char *
gen_loads(const char *name, struct issue **w, struct issue **is)
{
	char *p = gen_file(name, 300);

	*w = load_in_parts(p, LOAD_DEFAULTS, NULL);
	*is = load_in_parts(p, LOAD_DEFAULTS | LOAD_SHELVE, "65536");
	return p;
}

/*
 * A story in its file holds no block, but while it is read in: read
 * back, its blocks are the whole read's, and let go again (out of the
 * window), none stay (the front page lays its captions out from its
 * marks, not from blocks that would go with it). A mark's text left in
 * the file reads as it was while its bytes are there, as a note once
 * they are not; and the story read back then says it cannot be, with
 * the marks that still can.
 */
static void
test_shelf_marks(void **state)
{
	static const char note[] = "(its file changed since it was opened)";
	struct issue *w, *is;
	char *p = gen_loads("marks.md", &w, &is);
	struct page *pg = &is->pages[0];
	struct article *a, *first = NULL;
	char buf[SHELF_MARK_MAX + 1];
	const struct block *m;
	struct block tmp;
	size_t j, k, n = 0, mk = SIZE_MAX, shown;
	FILE *f;

	(void)state;
	assert_int_equal(pg->narticles, 300);
	joined_cjk = joined_latin = 0;
	for (j = 0; j < pg->narticles; j++) {
		a = page_article(pg, j);
		if (!article_shelved(a) || article_nmarks(a) == 0)
			continue;
		n++;
		kept_marks(page_article(&w->pages[0], j), a);
		shelf_fetch(a);
		same_article(page_article(&w->pages[0], j), a);
		if (first == NULL && article_nmarks(a) >= 2)
			first = a; /* (a caption and its credit) */
	}
	print_message("# %zu shelved stories with marks read back, %zu "
	              "and %zu captions joined\n", n, joined_cjk,
	              joined_latin);
	assert_true(n >= 40);
	/* 21 stories have one (23 of i % 13 == 7, two of them short
	 * news), all shelved; each seen once (not read in), its comma read
	 * full width too */
	assert_int_equal(joined_cjk + joined_latin, 21);
	assert_true(joined_cjk >= 10 && joined_latin >= 10);
	assert_true(article_shelved(first));
	assert_int_equal(first->nblocks, 0);
	kept_marks(page_article(&w->pages[0], first->index), first);

	for (k = 0; k < article_nmarks(first) && mk == SIZE_MAX; k++)
		if (!(shelf_marks(first->shelf)[k].flags & SHELF_MARK_KEPT))
			mk = k;
	assert_true(mk != SIZE_MAX);
	m = article_mark(first, mk, &tmp, buf);
	f = fopen(p, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, (long)(first->shelf->off +
	                                 shelf_marks(first->shelf)[mk].at),
	                       SEEK_SET), 0);
	/* its first character another, as well formed */
	assert_true(fputs(strncmp(m->text, "〇", 3) ? "〇" : "一", f) >= 0);
	assert_int_equal(fclose(f), 0);
	m = article_mark(first, mk, &tmp, buf);
	assert_string_equal(m->text, note);
	assert_int_equal(m->len, strlen(note));
	shelf_fetch(first);
	assert_non_null(strstr(first->blocks[0].text, "changed since it was "
	                                              "opened"));
	for (k = 0, shown = 0; k < article_nmarks(first); k++)
		shown += strcmp(article_mark(first, k, &tmp, buf)->text,
		                note) != 0;
	assert_true(shown >= 1);
	assert_int_equal(shown, article_nmarks(first) - 1);
	assert_int_equal(first->nblocks, 1 + shown);
	issue_free(w);
	issue_free(is);
	unlink(p);
	free(p);
}

/* The whole read's article of a shelved one. */
static const struct article *
whole_of(const struct issue *w, const struct article *a)
{
	return page_article(&w->pages[0], a->index);
}

/*
 * Stories read back stay so while fewer than SHELF_WINDOW others are read
 * after them (a fetch of one read in makes it the last read), then are
 * let go again, and read back as they were; one held (shelf_hold: a
 * typeset doc holds what its lines borrow) stays until let go as many
 * times; one shown in another script stays; a copy is not the story.
 */
static void
test_shelf_window(void **state)
{
	struct issue *w, *is;
	char *p = gen_loads("window.md", &w, &is);
	struct article *v[3 * SHELF_WINDOW], copy, *a;
	struct typeset_opts o = {.width = 30, .indent = 2,
	                         .paragraph_gap = 1};
	struct ts_doc d;
	char *lines[64];
	const char *hs[8];
	size_t n = 0, j, nl;

	(void)state;
	for (j = 0; j < is->pages[0].narticles && n < 3 * SHELF_WINDOW; j++)
		if (article_shelved(page_article(&is->pages[0], j)))
			v[n++] = page_article(&is->pages[0], j);
	assert_int_equal(n, 3 * SHELF_WINDOW);

	assert_true(shelf_hold(v[0]));
	assert_false(article_shelved(v[0]));
	for (j = 1; j <= SHELF_WINDOW; j++)
		shelf_fetch(v[j]);
	for (j = 1; j <= SHELF_WINDOW; j++)
		assert_false(article_shelved(v[j]));
	/* one more: the first read is let go again, its blocks gone (its
	 * marks are its shelf's), its headline back in the file */
	assert_true(v[1]->shelf->hlen > 0);
	assert_true(v[1]->headline_back);
	shelf_fetch(v[SHELF_WINDOW + 1]);
	assert_true(article_shelved(v[1]));
	kept_marks(whole_of(w, v[1]), v[1]);
	assert_null(v[1]->headline);
	assert_false(v[1]->headline_back);
	assert_int_equal(v[1]->headline_len, whole_of(w, v[1])->headline_len);
	/* read from there into buffers that stay as they are while fewer
	 * than eight others are read */
	for (j = 0; j < 8; j++) {
		assert_null(v[2 * SHELF_WINDOW + j]->headline);
		hs[j] = article_headline(v[2 * SHELF_WINDOW + j], &nl);
		assert_int_equal(nl, v[2 * SHELF_WINDOW + j]->headline_len);
	}
	for (j = 0; j < 8; j++) {
		a = v[2 * SHELF_WINDOW + j];
		assert_string_equal(hs[j], whole_of(w, a)->headline);
	}
	assert_false(article_shelved(v[2]));
	/* read again, as the whole read made it; now v[2] goes */
	shelf_fetch(v[1]);
	same_article(whole_of(w, v[1]), v[1]);
	assert_true(article_shelved(v[2]));
	/* a fetch of one read in makes it the last read: v[4] goes, not
	 * v[3] */
	shelf_fetch(v[3]);
	shelf_fetch(v[SHELF_WINDOW + 2]);
	assert_true(article_shelved(v[4]));
	assert_false(article_shelved(v[3]));
	/* held: read in however many are read after it */
	for (j = SHELF_WINDOW + 3; j < 3 * SHELF_WINDOW; j++)
		shelf_fetch(v[j]);
	assert_false(article_shelved(v[0]));
	same_article(whole_of(w, v[0]), v[0]);
	/* held twice: let go once, still held */
	assert_true(shelf_hold(v[0]));
	shelf_let_go(v[0]);
	for (j = 0; j < 2 * SHELF_WINDOW; j++)
		shelf_fetch(v[SHELF_WINDOW + j]);
	assert_false(article_shelved(v[0]));
	/* let go as often as held: in the window, the last read */
	shelf_let_go(v[0]);
	shelf_let_go(v[0]); /* once too often: nothing */
	for (j = 1; j < SHELF_WINDOW; j++)
		shelf_fetch(v[j]);
	assert_false(article_shelved(v[0]));
	shelf_fetch(v[SHELF_WINDOW]);
	assert_true(article_shelved(v[0]));
	kept_marks(whole_of(w, v[0]), v[0]);

	/* a copy of a story read in is not the story */
	shelf_fetch(v[5]);
	copy = *v[5];
	copy.shelf = NULL;
	assert_false(shelf_hold(&copy));
	shelf_let_go(&copy);
	/* shown in another script (convert.c sets converted when it has
	 * converted a story's blocks): let go all the same, its body to be
	 * converted again when it is read back (test-convert.c) */
	a = v[6];
	shelf_fetch(a);
	a->converted = true;
	for (j = 0; j < 2 * SHELF_WINDOW; j++)
		shelf_fetch(v[SHELF_WINDOW + j]);
	assert_true(article_shelved(a));
	assert_false(a->converted);
	kept_marks(whole_of(w, a), a);

	/* a typeset doc holds the stories whose text its lines borrow */
	a = v[7];
	assert_true(article_shelved(a));
	typeset_init(&d, &o);
	typeset_article(&d, a);
	assert_false(article_shelved(a));
	assert_true(d.n > 4 && d.n <= 64);
	for (nl = 0; nl < d.n; nl++)
		lines[nl] = xstrndup(d.lines[nl].text ? d.lines[nl].text : "",
		                     d.lines[nl].len);
	for (j = 0; j < 2 * SHELF_WINDOW; j++)
		shelf_fetch(v[SHELF_WINDOW + j]);
	assert_false(article_shelved(a));
	for (nl = 0; nl < d.n; nl++) {
		assert_memory_equal(d.lines[nl].text ? d.lines[nl].text : "",
		                    lines[nl], d.lines[nl].len);
		free(lines[nl]);
	}
	typeset_free(&d);
	for (j = 0; j < SHELF_WINDOW; j++)
		shelf_fetch(v[SHELF_WINDOW + j]);
	assert_true(article_shelved(a));
	issue_free(w);
	issue_free(is);
	unlink(p);
	free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shelf_page),
	    cmocka_unit_test(test_shelf_flat),
	    cmocka_unit_test(test_shelf_dir),
	    cmocka_unit_test(test_shelf_off),
	    cmocka_unit_test(test_shelf_file_moves),
	    cmocka_unit_test(test_shelf_inexact),
	    cmocka_unit_test(test_shelf_crlf),
	    cmocka_unit_test(test_shelf_form_feed),
	    cmocka_unit_test(test_shelf_inputs),
	    cmocka_unit_test(test_shelf_search_may),
	    cmocka_unit_test(test_shelf_marks),
	    cmocka_unit_test(test_shelf_window),
	};

	return cmocka_run_group_tests(tests, NULL, remove_tmp);
}
