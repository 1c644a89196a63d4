/*
 * fuzz-shelf.c: libFuzzer harness for a big file's stories let go and read
 * back (shelf.c). The input's first byte picks the part size (1 to 256
 * bytes, as HERALD_STREAM sets it); the rest is written as an issue file
 * in a private temp directory and loaded in parts twice: holding every
 * story, and letting go of those that read the same alone (LOAD_SHELVE).
 * Letting go must change nothing: the same pages and stories; a story
 * let go holds no block, keeps its headline (or reads it from the file
 * as it was) and its jumps, captions, credits and furniture as marks, in
 * their order, their text kept or read from the file; read back,
 * it is the held load's, block for block (kind, text, line, page items'
 * slot). Small parts make nearly every story begin in a part before the
 * one it ends in, so it is read from the file to be let go. Then, when
 * OpenCC can be loaded, both are shown in traditional forms and every
 * story read in turn (those let go read back, converted, and let go
 * again, their blocks' twins let go, convert.c): each reads as
 * the held load's converted story, and again as its original once the
 * original script is shown; a search's copy of each story let go, with
 * the blocks that fold alike kept as printed, folds as the copy converted
 * whole does; a search does not skip, by its bytes in the file
 * (text_may_hold), a story let go that holds the needle: each ideograph
 * of its texts, and each with the next, folded with and without OpenCC's
 * t2s. All of it again with the same bytes as the one page file of an
 * issue directory (the file is the page, its stories in a shelf file of
 * their own). Writes only its own temp directory, removed at exit.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "convert.h"
#include "fuzz-check.h"
#include "issue.h"
#include "load.h"
#include "shelf.h"
#include "text.h"

static char dir[64];
static char path[96];
/* the same bytes as the page file of an issue directory (the file is
 * the page: no page breaks), its stories in a shelf file of its own */
static char pagedir[80];
static char pagepath[112];
/* traditional forms, or NULL when OpenCC or its data is missing */
static struct convert *conv;

static void
cleanup(void)
{
	unlink(pagepath);
	rmdir(pagedir);
	unlink(path);
	rmdir(dir);
}

static void
setup(void)
{
	char *err = NULL;

	fuzz_temp_dir(dir, sizeof dir, "shelf");
	snprintf(path, sizeof path, "%s/issue.md", dir);
	snprintf(pagedir, sizeof pagedir, "%s/issue", dir);
	snprintf(pagepath, sizeof pagepath, "%s/01.md", pagedir);
	if (mkdir(pagedir, 0700) != 0)
		abort();
	atexit(cleanup);
	conv = convert_open(CONVERT_TRADITIONAL, &err);
	free(err);
}

static void
write_file(const char *to, const uint8_t *data, size_t size)
{
	int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		abort();
	fuzz_write_all(fd, data, size);
	if (close(fd) != 0)
		abort();
}

static struct issue *
load(const char *target, const char *seg, int flags)
{
	struct issue *is;
	char *err = NULL;

	setenv("HERALD_STREAM", seg, 1);
	is = load_issue(target, flags, &err);
	unsetenv("HERALD_STREAM");
	free(err);
	return is;
}

static bool
same_str(const char *x, const char *y)
{
	return x == NULL || y == NULL ? x == y : strcmp(x, y) == 0;
}

static bool
same_block(const struct block *x, const struct block *y)
{
	return x->kind == y->kind && x->len == y->len &&
	       memcmp(x->text, y->text, x->len) == 0 && x->line == y->line &&
	       x->jump_page == y->jump_page && x->jump_dir == y->jump_dir &&
	       x->after == y->after && (x->fig == NULL) == (y->fig == NULL) &&
	       (x->tab == NULL) == (y->tab == NULL);
}

static bool
kept(const struct block *b)
{
	return b->kind == BLOCK_JUMP || b->kind == BLOCK_CAPTION ||
	       b->kind == BLOCK_CREDIT || b->kind == BLOCK_FURNITURE;
}

/* x (held) and y alike: headline, fields, blocks. */
static void
same_article(const struct article *x, const struct article *y)
{
	size_t i;

	FUZZ_CHECK(same_str(x->headline, y->headline) &&
	               x->line == y->line && x->jump_to == y->jump_to &&
	               x->jump_from == y->jump_from &&
	               x->short_news == y->short_news &&
	               x->page_text == y->page_text && x->index == y->index,
	           "a story let go reads otherwise", x->headline,
	           x->headline ? x->headline_len : 0);
	FUZZ_CHECK(x->nblocks == y->nblocks,
	           "a story let go reads back with other blocks", x->headline,
	           x->headline ? x->headline_len : 0);
	for (i = 0; i < x->nblocks; i++)
		FUZZ_CHECK(same_block(&x->blocks[i], &y->blocks[i]),
		           "a block read back is not the one let go",
		           x->blocks[i].text, x->blocks[i].len);
}

/* A story let go holds no block: its marks (article_mark) are the held
 * one's jumps, captions, credits and furniture, in their order, text and
 * all; and it never held a photo or a table. */
static void
kept_marks(const struct article *x, const struct article *y)
{
	char buf[SHELF_MARK_MAX + 1];
	struct block tmp;
	size_t i, k = 0;

	FUZZ_CHECK(y->nblocks == 0, "a story let go holds blocks", NULL, 0);
	for (i = 0; i < x->nblocks; i++) {
		FUZZ_CHECK(x->blocks[i].kind != BLOCK_FIGURE &&
		               x->blocks[i].kind != BLOCK_TABLE,
		           "a story with a photo or a table let go",
		           x->blocks[i].text, x->blocks[i].len);
		if (!kept(&x->blocks[i]))
			continue;
		FUZZ_CHECK(k < article_nmarks(y) &&
		               same_block(&x->blocks[i],
		                          article_mark(y, k, &tmp, buf)),
		           "a mark lost or moved when its story was let go",
		           x->blocks[i].text, x->blocks[i].len);
		k++;
	}
	FUZZ_CHECK(k == article_nmarks(y),
	           "a story let go keeps more than its marks", NULL, 0);
}

/* shelf_bytes_may's may: the story's bytes kept in ctx (a buf). */
static bool
keep_bytes(void *ctx, const char *b, size_t len)
{
	struct buf *to = ctx;

	to->len = 0;
	buf_add(to, b, len);
	return true;
}

/* A needle of len bytes at s, folded with cf, passes over raw. */
static bool
may_find(const char *s, size_t len, const struct buf *raw,
         text_char_fold *cf)
{
	struct text_need nd;

	text_need_of(&nd, s, len, cf);
	return text_may_hold(&nd, raw->s != NULL ? raw->s : "", raw->len, cf);
}

/* Every text of x (held), folded as a search folds with cf: its
 * ideographs of U+3400 up, alone and with the next, 16 of each spread
 * over it, pass over raw, the bytes in the file of x let go (a search
 * that skipped the story would miss them). */
static void
may_find_all(const struct article *x, const struct buf *raw,
             text_char_fold *cf)
{
	struct text_folded f;
	size_t i, k, n, at, step;

	for (k = 0; k <= x->nblocks; k++) {
		const char *t = k == 0 ? x->headline : x->blocks[k - 1].text;
		size_t len = k == 0 ? x->headline_len : x->blocks[k - 1].len;

		if (t == NULL || len == 0)
			continue;
		text_fold_with(&f, t, len, cf);
		for (n = 0, i = 0; i + 3 <= f.len; i++)
			n += (unsigned char)f.s[i] >= 0xe3;
		step = n / 16 + 1;
		for (at = 0, i = 0; i + 3 <= f.len; i++) {
			if ((unsigned char)f.s[i] < 0xe3 || at++ % step != 0)
				continue;
			FUZZ_CHECK(may_find(f.s + i, 3, raw, cf),
			           "a search skips a story that holds its "
			           "needle", f.s + i, 3);
			if (i + 6 <= f.len && (unsigned char)f.s[i + 3] >= 0xe3)
				FUZZ_CHECK(may_find(f.s + i, 6, raw, cf),
				           "a search skips a story that holds "
				           "its needle", f.s + i, 6);
		}
		text_folded_free(&f);
	}
}

static void
compare(const struct issue *h, const struct issue *s)
{
	struct buf raw = { 0 };
	const char *hs;
	size_t i, j, k, hl;

	FUZZ_CHECK(h->npages == s->npages, "letting go changed the pages",
	           NULL, 0);
	for (i = 0; i < h->npages; i++) {
		const struct page *ph = &h->pages[i], *ps = &s->pages[i];

		FUZZ_CHECK(ph->number == ps->number &&
		               ph->narticles == ps->narticles &&
		               ph->nitems == ps->nitems &&
		               ph->ncontents == ps->ncontents,
		           "letting go changed a page", ph->title,
		           ph->title ? strlen(ph->title) : 0);
		for (k = 0; k < ph->nitems; k++)
			FUZZ_CHECK(same_block(&ph->items[k], &ps->items[k]),
			           "letting go changed a page item",
			           ph->items[k].text, ph->items[k].len);
		for (j = 0; j < ph->narticles; j++) {
			const struct article *ah = page_article(ph, j);
			const struct article *as = page_article(ps, j);

			FUZZ_CHECK(ah->shelf == NULL,
			           "a story let go without LOAD_SHELVE",
			           NULL, 0);
			if (as->shelf == NULL) {
				same_article(ah, as);
				continue;
			}
			hs = article_headline(as, &hl);
			FUZZ_CHECK(same_str(ah->headline, hs) &&
			               (hs == NULL || hl == ah->headline_len) &&
			               article_is_brief(ah) ==
			                   article_is_brief(as),
			           "a story let go lost its headline",
			           ah->headline,
			           ah->headline ? ah->headline_len : 0);
			kept_marks(ah, as);
			shelf_bytes_may(as, keep_bytes, &raw);
			may_find_all(ah, &raw, NULL);
			if (conv != NULL && convert_fold_ready())
				may_find_all(ah, &raw, convert_fold_char);
			shelf_fetch(as);
			FUZZ_CHECK(!article_shelved(as),
			           "a story fetched is still let go", NULL, 0);
			same_article(ah, as);
		}
	}
	buf_free(&raw);
}

/* Each story of s read in turn beside h's, in the script shown. */
static void
read_all(const struct issue *h, const struct issue *s)
{
	size_t i, j;

	for (i = 0; i < h->npages; i++)
		for (j = 0; j < h->pages[i].narticles; j++) {
			const struct article *ah =
			    page_article(&h->pages[i], j);
			const struct article *as =
			    page_article(&s->pages[i], j);

			convert_article(ah);
			shelf_fetch(as);
			convert_article(as);
			same_article(ah, as);
		}
}

/* x and y fold alike for a search with OpenCC's t2s: the same folded
 * bytes, mapped to the same offsets. */
static bool
fold_alike(const struct block *x, const struct block *y)
{
	struct text_folded f, g;
	bool same;

	text_fold_with(&f, x->text, x->len, convert_fold_char);
	text_fold_with(&g, y->text, y->len, convert_fold_char);
	same = x->len == y->len && f.len == g.len &&
	       memcmp(f.s, g.s, f.len) == 0 &&
	       memcmp(f.map, g.map, (f.len + 1) * sizeof *f.map) == 0;
	text_folded_free(&f);
	text_folded_free(&g);
	return same;
}

/* Each story of s let go, looked at for a search converted and as
 * convert_copy keeps what folds alike printed: a search finds the same
 * in each block of both. */
static void
searched(const struct issue *s)
{
	struct article all, alike;
	size_t i, j, k;

	for (i = 0; i < s->npages; i++)
		for (j = 0; j < s->pages[i].narticles; j++) {
			const struct article *a = page_article(&s->pages[i], j);

			if (!article_shelved(a))
				continue;
			shelf_borrow(a, &all);
			convert_copy(a, &all, false);
			shelf_borrow(a, &alike);
			convert_copy(a, &alike, true);
			FUZZ_CHECK(all.nblocks == alike.nblocks,
			           "a search's copies differ in blocks",
			           a->headline, a->headline_len);
			for (k = 0; k < all.nblocks && k < alike.nblocks; k++)
				FUZZ_CHECK(fold_alike(&all.blocks[k],
				                      &alike.blocks[k]),
				           "a block kept as printed searches "
				           "otherwise", alike.blocks[k].text,
				           alike.blocks[k].len);
			shelf_return(a, &all);
			shelf_return(a, &alike);
		}
}

/* Both in traditional forms, every story read; then the original. */
static void
converted(struct issue *h, struct issue *s)
{
	if (conv == NULL)
		return;
	convert_show(conv, h, true);
	convert_show(conv, s, true);
	searched(s);	/* before they are read in */
	read_all(h, s);
	convert_show(conv, h, false);
	convert_show(conv, s, false);
	read_all(h, s);
}

/* The issue at target (a file, or a directory of the page file) held
 * and let go, compared. */
static void
check(const char *target, const char *seg)
{
	struct issue *h = load(target, seg, LOAD_DEFAULTS);
	struct issue *s = load(target, seg, LOAD_DEFAULTS | LOAD_SHELVE);

	FUZZ_CHECK((h == NULL) == (s == NULL),
	           "letting go changed whether the file loads", NULL, 0);
	if (h != NULL) {
		compare(h, s);
		converted(h, s);
	}
	issue_free(h);
	issue_free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char seg[8];

	if (size < 1 || size > 65536)
		return 0;
	if (dir[0] == '\0')
		setup();
	snprintf(seg, sizeof seg, "%d", 1 + data[0]);
	write_file(path, data + 1, size - 1);
	check(path, seg);
	write_file(pagepath, data + 1, size - 1);
	check(pagedir, seg);
	return 0;
}
