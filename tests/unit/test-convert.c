/*
 * test-convert.c: 简⇄繁 through OpenCC: script names, the model's text
 * converted (masthead, headlines, blocks, contents), pages parsed later
 * converted when they come, and a missing data directory.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "convert.h"
#include "issue.h"
#include "load.h"
#include "shelf.h"
#include "text.h"

static void
hook(struct issue *is, void *ctx)
{
	convert_issue(ctx, is);
}

/* A reader that has pressed T: later pages come while the original shows */
static void
hook_off(struct issue *is, void *ctx)
{
	convert_show(ctx, is, false);
}

static void
test_names(void **state)
{
	enum convert_script s;

	(void)state;
	assert_int_equal(convert_parse("taiwan", &s), 0);
	assert_int_equal(s, CONVERT_TAIWAN);
	assert_string_equal(convert_name(CONVERT_HONGKONG), "hongkong");
	assert_int_equal(convert_parse("Taiwan", &s), -1);
	assert_int_equal(convert_parse("", &s), -1);
}

static struct convert *
open_or_skip(enum convert_script s)
{
	char *err = NULL;
	struct convert *c;

	if (convert_library() == NULL)
		skip();
	c = convert_open(s, &err);
	if (c == NULL)
		fail_msg("%s", err);
	return c;
}

static void
test_issue(void **state)
{
	static const char md[] =
	    "# 山河科技报\n\n2026年11月27日 星期五 第47期\n\n"
	    "## 青川芯实现量产\n\n▶ 本报记者 王启明\n\n"
	    "首批芯片下线，软件适配完成。\n\n"
	    "图为工人在检测芯片。\n\n新华社发\n\n"
	    "### 本期导读\n\n- 青川芯实现量产 01版\n";
	struct convert *c = open_or_skip(CONVERT_TRADITIONAL);
	struct issue *is;
	struct article *a;
	char *err = NULL;
	size_t n;
	char *t;

	(void)state;
	load_set_hook(hook, c);
	is = load_buffer("t.md", md, strlen(md), LOAD_DEFAULTS, &err);
	load_set_hook(NULL, NULL);
	assert_non_null(is);
	assert_string_equal(is->title, "山河科技報");
	a = page_article(&is->pages[0], 0);
	assert_string_equal(a->headline, "青川芯實現量產");
	assert_int_equal(a->headline_len, strlen(a->headline));
	assert_string_equal(a->blocks[0].text, "▶ 本報記者 王啓明");
	assert_string_equal(a->blocks[1].text, "首批芯片下線，軟件適配完成。");
	assert_int_equal(a->blocks[1].len, strlen(a->blocks[1].text));
	assert_string_equal(is->pages[0].contents[0].title, "青川芯實現量產");
	/* the converted headline still finds its entry */
	assert_ptr_equal(is->pages[0].contents[0].target, a);
	assert_true(is->pages[0].converted);
	issue_free(is);
	/* Taiwan phrases: 软件 is 軟體 there */
	convert_close(c);
	c = open_or_skip(CONVERT_TAIWAN);
	t = convert_text(c, "软件和芯片", strlen("软件和芯片"), &n);
	assert_string_equal(t, "軟體和晶片");
	assert_int_equal(n, strlen(t));
	free(t);
	convert_close(c);
}

/* Pages parsed after the first screen (LOAD_LAZY) convert when they come. */
static void
test_lazy_pages(void **state)
{
	char dir[] = "/tmp/herald-convert.XXXXXX", path[64];
	struct convert *c = open_or_skip(CONVERT_TRADITIONAL);
	struct issue *is;
	char *err = NULL;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/01.md", dir);
	f = fopen(path, "w");
	fputs("# 山河科技报\n\n## 头版头条\n\n正文。\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/02.md", dir);
	f = fopen(path, "w");
	fputs("# 第2版 要闻\n\n## 二版头条\n\n软件。\n", f);
	fclose(f);
	load_set_hook(hook, c);
	is = load_issue(dir, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(is);
	assert_string_equal(page_article(&is->pages[0], 0)->headline,
	                    "頭版頭條");
	assert_true(is->pages[1].pending);
	assert_false(is->pages[1].converted);
	/* the front page's bodies come with it: its teasers are on screen */
	assert_string_equal(page_article(&is->pages[0], 0)->blocks[0].text,
	                    "正文。");
	assert_true(page_article(&is->pages[0], 0)->converted);
	assert_int_equal(issue_load_pages(is, &err), 0);
	assert_string_equal(page_article(&is->pages[1], 0)->headline,
	                    "二版頭條");
	/* a later page's body waits until it is read */
	assert_false(page_article(&is->pages[1], 0)->converted);
	assert_string_equal(page_article(&is->pages[1], 0)->blocks[0].text,
	                    "软件。");
	convert_article(page_article(&is->pages[1], 0));
	assert_string_equal(page_article(&is->pages[1], 0)->blocks[0].text,
	                    "軟件。");
	/* once: a second call converts nothing again (軟 stays 軟) */
	convert_article(page_article(&is->pages[1], 0));
	assert_string_equal(page_article(&is->pages[1], 0)->blocks[0].text,
	                    "軟件。");
	/* page 1 was not converted twice (頭 stays 頭) */
	assert_string_equal(page_article(&is->pages[0], 0)->headline,
	                    "頭版頭條");
	/* shown as printed, the body is the original again; on, converted */
	convert_show(c, is, false);
	assert_string_equal(page_article(&is->pages[1], 0)->blocks[0].text,
	                    "软件。");
	convert_article(page_article(&is->pages[1], 0)); /* off: a no-op */
	assert_string_equal(page_article(&is->pages[1], 0)->blocks[0].text,
	                    "软件。");
	convert_show(c, is, true);
	assert_string_equal(page_article(&is->pages[1], 0)->blocks[0].text,
	                    "軟件。");
	load_set_hook(NULL, NULL);
	issue_free(is);
	convert_close(c);
	snprintf(path, sizeof path, "%s/01.md", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/02.md", dir);
	unlink(path);
	rmdir(dir);
}

/*
 * A big file read in part first (LOAD_LAZY) and whole later: the whole
 * one's model moves into the issue, and what T swaps (the masthead too)
 * is the issue's, not the struct it was parsed into (freed since).
 */
/* big.md in a new directory made from the template dir, its name into
 * path: open for writing, its masthead written. */
static FILE *
big_page(char *dir, char *path, size_t size)
{
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, size, "%s/big.md", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "# 山河科技报\n\n");
	return f;
}

static void
test_lazy_file(void **state)
{
	char dir[] = "/tmp/herald-convert.XXXXXX", path[64];
	struct convert *c = open_or_skip(CONVERT_TRADITIONAL);
	struct issue *is;
	struct article *a;
	char *err = NULL;
	FILE *f = big_page(dir, path, sizeof path);
	size_t n, size = 0;

	(void)state;
	for (n = 0; size < 512 * 1024; n++)
		size += (size_t)fprintf(f, "## 文章%zu\n\n这是一段正文，说的是"
		    "软件的一件事。\n\n", n);
	fclose(f);
	load_set_hook(hook, c);
	is = load_issue(path, LOAD_DEFAULTS | LOAD_LAZY, &err);
	assert_non_null(is);
	assert_int_equal(is->npending, 1);	/* read in part */
	assert_string_equal(is->title, "山河科技報");
	assert_int_equal(issue_load_pages(is, &err), 0);
	assert_int_equal(is->npending, 0);
	assert_string_equal(is->title, "山河科技報");
	a = page_article(&is->pages[0], n - 1);
	convert_article(a);
	assert_string_equal(a->blocks[0].text, "這是一段正文，說的是軟件的一件事。");
	/* T: off and on again, the masthead and the body follow */
	convert_show(c, is, false);
	assert_string_equal(is->title, "山河科技报");
	assert_string_equal(a->blocks[0].text, "这是一段正文，说的是软件的一件事。");
	convert_show(c, is, true);
	assert_string_equal(is->title, "山河科技報");
	assert_string_equal(a->blocks[0].text, "這是一段正文，說的是軟件的一件事。");
	load_set_hook(NULL, NULL);
	issue_free(is);
	convert_close(c);
	unlink(path);
	rmdir(dir);
}

/* The text of a's first block of kind k, or NULL. */
static const char *
text_of(const struct article *a, enum block_kind k)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].kind == k)
			return a->blocks[i].text;
	return NULL;
}

/* a's caption as the front page shows it: its block's text, or, a mark
 * of a story in its file (article_mark), read and converted to the
 * script shown (pane-front.c's lay_piece) */
static const char *
caption_shown(const struct article *a)
{
	static char buf[SHELF_MARK_MAX + 1], *conv;
	struct block tmp;
	const struct block *m;
	size_t k, n;

	free(conv);
	conv = NULL;
	for (k = 0; k < article_nmarks(a); k++) {
		m = article_mark(a, k, &tmp, buf);
		if (m->kind != BLOCK_CAPTION)
			continue;
		if (a->shelf == NULL)
			return m->text;
		conv = convert_shown_text(a->page->issue, m->text, m->len, &n);
		return conv != NULL ? conv : m->text;
	}
	return NULL;
}

/* a's body and caption as they are shown now */
static void
shows(const struct article *a, const char *body, const char *cap)
{
	assert_string_equal(text_of(a, BLOCK_PARAGRAPH), body);
	assert_string_equal(text_of(a, BLOCK_CAPTION), cap);
}

#define BODY_S "这是一段正文，说的是软件的一件事。"
#define BODY_T "這是一段正文，說的是軟件的一件事。"
#define CAP_S "图为软件开发现场。"
#define CAP_T "圖爲軟件開發現場。"

/*
 * T on a big one-page file whose stories are kept in the file (shelf.h):
 * their headlines are converted and the captions the front page shows,
 * where they are kept, not every story read back to be converted; a
 * story is converted when it is read, T back and forth swaps it, and it
 * is let go again like any other (the whole file is not held twice over
 * once every story has been read or searched in the other script).
 */
static void
test_shelved(void **state)
{
	char dir[] = "/tmp/herald-convert.XXXXXX", path[64];
	struct convert *c = open_or_skip(CONVERT_TRADITIONAL);
	struct issue *is;
	struct article *a, *cap = NULL, tmp;
	const struct article *b;
	char *err = NULL;
	FILE *f = big_page(dir, path, sizeof path);
	size_t n, k, shelved = 0;
	unsigned long looked;
	size_t slots;

	(void)state;
	for (n = 0; n < 400; n++) {
		fprintf(f, "## 文章%zu\n\n" BODY_S "\n\n", n);
		if (n % 10 == 3)
			fprintf(f, CAP_S "\n\n");
	}
	fclose(f);
	setenv("HERALD_STREAM", "4096", 1);
	is = load_issue(path, LOAD_DEFAULTS | LOAD_SHELVE, &err);
	unsetenv("HERALD_STREAM");
	assert_non_null(is);
	assert_int_equal(is->pages[0].narticles, 400);
	for (k = 0; k < 400; k++)
		shelved += article_shelved(page_article(&is->pages[0], k));
	assert_true(shelved >= 300);
	convert_show(c, is, true);
	for (k = 0, n = 0; k < 400; k++) {
		a = page_article(&is->pages[0], k);
		assert_non_null(strstr(a->headline, "文章"));
		if (k % 10 == 3) {
			/* its caption, converted where it is, or, in its
			 * file, where the front page lays it out */
			assert_string_equal(caption_shown(a), CAP_T);
			assert_true(article_shelved(a) == (a->nblocks == 0));
			if (cap == NULL && article_shelved(a))
				cap = a;
		}
		n += article_shelved(a);
	}
	assert_int_equal(n, shelved);
	assert_non_null(cap);

	/* searched: a copy read back and converted, the story left as it is */
	b = shelf_borrow(cap, &tmp);
	assert_ptr_equal(b, &tmp);
	convert_copy(cap, &tmp, false);
	shows(b, BODY_T, CAP_T);
	shelf_return(cap, &tmp);
	assert_true(article_shelved(cap));

	/* read: converted then; T back and forth swaps it */
	a = cap;
	convert_article(a);
	assert_false(article_shelved(a));
	shows(a, BODY_T, CAP_T);
	convert_show(c, is, false);
	shows(a, BODY_S, CAP_S);
	convert_show(c, is, true);
	assert_string_equal(text_of(a, BLOCK_PARAGRAPH), BODY_T);

	/* every story read after it, in turn: it is let go, and at most a
	 * window of them is read in at the end; each one moved or let go
	 * touches its own slots in the twin, not the whole twin's (some
	 * 450 slots: 400 headlines, the captions of the stories kept in
	 * memory, the window's bodies; not the captions of those in the
	 * file, converted where the front page lays them out) */
	looked = convert_twin_looked();
	for (k = 0; k < 400; k++)
		if (page_article(&is->pages[0], k) != a)
			convert_article(page_article(&is->pages[0], k));
	assert_true(article_shelved(a));
	looked = convert_twin_looked() - looked;
	assert_true(looked >= 400);
	assert_true(looked <= 4 * 400);
	for (k = 0, n = 0; k < 400; k++)
		n += !article_shelved(page_article(&is->pages[0], k));
	assert_true(n <= 400 - shelved + SHELF_WINDOW);
	/* read through again: the slots their bodies let go are taken
	 * again, the twin does not grow with each reading */
	slots = convert_twin_slots(is);
	assert_true(slots >= 400 + SHELF_WINDOW);
	for (k = 0; k < 400; k++)
		if (page_article(&is->pages[0], k) != a)
			convert_article(page_article(&is->pages[0], k));
	assert_int_equal(convert_twin_slots(is), slots);
	/* let go, it holds no block: its caption is shown converted, and
	 * T still turns it back */
	assert_true(article_shelved(a));
	assert_int_equal(a->nblocks, 0);
	assert_string_equal(caption_shown(a), CAP_T);
	convert_show(c, is, false);
	assert_string_equal(caption_shown(a), CAP_S);
	convert_show(c, is, true);
	assert_string_equal(caption_shown(a), CAP_T);

	/* read again: its body converted again */
	convert_article(a);
	assert_false(article_shelved(a));
	shows(a, BODY_T, CAP_T);
	convert_show(c, is, false);
	shows(a, BODY_S, CAP_S);
	/* read back while the original is shown: nothing to convert */
	for (k = 0; k < 400; k++)
		if (page_article(&is->pages[0], k) != a)
			shelf_fetch(page_article(&is->pages[0], k));
	assert_true(article_shelved(a));
	shelf_fetch(a);
	convert_article(a);
	shows(a, BODY_S, CAP_S);
	issue_free(is);
	convert_close(c);
	unlink(path);
	rmdir(dir);
}

#define LIAO_S "据了解，这是软件的一件事。"

/* The matches of needle in a's blocks, folded as the reader's search is
 * (convert_fold_char), each as its block and offset. */
static void
matches(const struct article *a, const char *needle, struct buf *out)
{
	size_t k, from, s, e;

	for (k = 0; k < a->nblocks; k++) {
		struct text_folded f;

		text_fold_with(&f, a->blocks[k].text, a->blocks[k].len,
		               convert_fold_char);
		for (from = 0; text_search(&f, needle, from, &s, &e);
		     from = s + 1)
			buf_printf(out, "%zu:%zu-%zu ", k, s, e);
		text_folded_free(&f);
	}
}

/* a read back for a search (convert_copy), alike or not: the blocks it
 * converted, its matches of each needle appended to out. */
static unsigned long
look(const struct article *a, bool alike, struct buf *out)
{
	static const char *const needles[] = {
	    "软件", "軟件", "了解", "瞭解", "这是", "這是", "据", "。", NULL};
	unsigned long before = convert_copied();
	struct article tmp;
	const struct article *b = shelf_borrow(a, &tmp);
	size_t i;

	assert_ptr_equal(b, &tmp);
	convert_copy(a, &tmp, alike);
	for (i = 0; needles[i] != NULL; i++) {
		buf_printf(out, "%s: ", needles[i]);
		matches(b, needles[i], out);
	}
	shelf_return(a, &tmp);
	return convert_copied() - before;
}

/*
 * A search reads a big file's stories back and converts them (above);
 * the first time, a story learns which of its blocks a search folded
 * with t2s finds otherwise converted (据了解 is 據瞭解: 瞭 folds to
 * itself), and later searches convert only those, finding the same
 * matches at the same offsets in the others as printed.
 */
static void
test_search_alike(void **state)
{
	char dir[] = "/tmp/herald-convert.XXXXXX", path[64];
	struct convert *c = open_or_skip(CONVERT_TRADITIONAL);
	struct issue *is;
	struct article *a = NULL;
	struct buf all = {0}, alike = {0};
	char *err = NULL, *t;
	FILE *f = big_page(dir, path, sizeof path);
	size_t n, k;

	(void)state;
	t = convert_text(c, LIAO_S, strlen(LIAO_S), &n);
	assert_non_null(strstr(t, "瞭解")); /* OpenCC's phrase, the premise */
	free(t);
	for (n = 0; n < 200; n++)
		fprintf(f, "## 文章%zu\n\n" BODY_S "\n\n" LIAO_S "\n\n" BODY_S
		        "\n\n", n);
	fclose(f);
	setenv("HERALD_STREAM", "4096", 1);
	is = load_issue(path, LOAD_DEFAULTS | LOAD_SHELVE, &err);
	unsetenv("HERALD_STREAM");
	assert_non_null(is);
	convert_show(c, is, true);
	for (k = 100; a == NULL && k < 200; k++)
		if (article_shelved(page_article(&is->pages[0], k)))
			a = page_article(&is->pages[0], k);
	assert_non_null(a);
	assert_null(article_memo(a));
	/* the first look converts every block, and learns */
	assert_int_equal(look(a, true, &all), 3);
	assert_non_null(article_memo(a));
	assert_int_equal(article_memo(a)->differs, 1u << 1);
	/* then only 据了解's block, alike; every block when not */
	assert_int_equal(look(a, true, &alike), 1);
	assert_string_equal(alike.s, all.s);
	alike.len = 0;
	assert_int_equal(look(a, false, &alike), 3);
	assert_string_equal(alike.s, all.s);
	/* the matches are those of the text shown: 了解 finds nothing */
	assert_non_null(strstr(all.s, "了解: 瞭解: 1:"));
	buf_free(&all);
	buf_free(&alike);
	issue_free(is);
	convert_close(c);
	unlink(path);
	rmdir(dir);
}

/*
 * The masthead on a later page: the loader sets the title again when page
 * 2 brings it, after page 1's default title was converted. The new title
 * is converted, and T swaps it, whichever script was shown when it came.
 */
static void
test_late_masthead(void **state)
{
	char dir[] = "/tmp/herald-convert.XXXXXX", path[64];
	struct convert *c = open_or_skip(CONVERT_TRADITIONAL);
	struct issue *is;
	char *err = NULL;
	FILE *f;
	int round;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/01.md", dir);
	f = fopen(path, "w");
	fputs("## 头版头条\n\n正文。\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/02.md", dir);
	f = fopen(path, "w");
	fputs("# 山河科技报\n\n## 二版头条\n\n软件。\n", f);
	fclose(f);
	for (round = 0; round < 2; round++) {
		load_set_hook(hook, c);
		is = load_issue(dir, LOAD_DEFAULTS | LOAD_LAZY, &err);
		assert_non_null(is);
		assert_true(is->pages[1].pending);
		if (round == 1) {	/* T pressed before page 2 came */
			convert_show(c, is, false);
			load_set_hook(hook_off, c);
		}
		assert_int_equal(issue_load_pages(is, &err), 0);
		assert_string_equal(is->title,
		    round == 0 ? "山河科技報" : "山河科技报");
		convert_show(c, is, true);
		assert_string_equal(is->title, "山河科技報");
		convert_show(c, is, false);
		assert_string_equal(is->title, "山河科技报");
		convert_show(c, is, true);
		assert_string_equal(is->title, "山河科技報");
		load_set_hook(NULL, NULL);
		issue_free(is);
	}
	convert_close(c);
	snprintf(path, sizeof path, "%s/01.md", dir);
	unlink(path);
	snprintf(path, sizeof path, "%s/02.md", dir);
	unlink(path);
	rmdir(dir);
}

/* Both forms kept: off and on again swap them, nothing is converted
 * twice, and every length follows its text. */
/* Each block's length is its text's, back and forth. */
static void
blocks_sized(const struct article *a)
{
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		assert_int_equal(a->blocks[i].len, strlen(a->blocks[i].text));
}

static void
test_show(void **state)
{
	static const char md[] =
	    "# 山河科技报\n\n## 内存和软件\n\n首批内存芯片下线。\n\n"
	    "| 项目 | 数量 |\n|---|---|\n| 软件 | 3 |\n\n▼▼ 下转第2版\n";
	struct convert *c = open_or_skip(CONVERT_TAIWAN);
	struct issue *is;
	struct article *a;
	char *err = NULL, *h;
	size_t i;

	(void)state;
	is = load_buffer("t.md", md, strlen(md), LOAD_DEFAULTS, &err);
	assert_non_null(is);
	a = page_article(&is->pages[0], 0);
	assert_false(convert_shown(is));
	convert_show(c, is, false);		/* nothing to do yet */
	assert_null(is->twin);
	convert_show(c, is, true);
	assert_true(convert_shown(is));
	assert_string_equal(a->headline, "記憶體和軟體");
	assert_int_equal(a->headline_len, strlen("記憶體和軟體"));
	/* what lies beside a length stays as it was */
	assert_int_equal(a->jump_to, 2);
	blocks_sized(a);
	h = a->headline;
	/* table cells convert too */
	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].tab != NULL)
			break;
	assert_true(i < a->nblocks);
	assert_string_equal(a->blocks[i].tab->cells[0].text, "專案");
	convert_show(NULL, is, false);
	assert_false(convert_shown(is));
	assert_string_equal(is->title, "山河科技报");
	assert_string_equal(a->headline, "内存和软件");
	assert_int_equal(a->headline_len, strlen("内存和软件"));
	assert_int_equal(a->jump_to, 2);
	blocks_sized(a);
	assert_string_equal(a->blocks[i].tab->cells[0].text, "项目");
	convert_show(c, is, true);
	/* the same string back, not a second conversion */
	assert_ptr_equal(a->headline, h);
	assert_string_equal(is->title, "山河科技報");
	issue_free(is);
	convert_close(c);
}

/* The search fold: 國 and 国 alike, each character asked once. */
static void
test_fold_char(void **state)
{
	unsigned long n;

	(void)state;
	if (convert_library() == NULL)
		skip();
	assert_true(convert_fold_ready());
	assert_int_equal(convert_fold_char(0x570b), 0x56fd);	/* 國 → 国 */
	assert_int_equal(convert_fold_char(0x56fd), 0x56fd);
	assert_int_equal(convert_fold_char(0x9ad4), 0x4f53);	/* 體 → 体 */
	n = convert_fold_asked();
	assert_int_equal(convert_fold_char(0x570b), 0x56fd);
	assert_int_equal(convert_fold_asked(), n);
	/* not an ideograph: never asked */
	assert_int_equal(convert_fold_char('A'), 'A');
	assert_int_equal(convert_fold_char(0x300c), 0x300c);	/* 「 */
	assert_int_equal(convert_fold_asked(), n);
}

/* No data files: a message naming the file, no converter, no crash. */
static void
test_missing_data(void **state)
{
	char *err = NULL;
	struct convert *c;

	(void)state;
	if (convert_library() == NULL)
		skip();
	setenv("HERALD_OPENCC_DIR", "/nonexistent/opencc", 1);
	c = convert_open(CONVERT_HONGKONG, &err);
	unsetenv("HERALD_OPENCC_DIR");
	assert_null(c);
	assert_non_null(strstr(err, "/nonexistent/opencc/s2hk.json"));
	assert_null(strchr(err, '\n'));
	free(err);
	err = NULL;
	assert_null(convert_open(CONVERT_ORIGINAL, &err));
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_names),
	    cmocka_unit_test(test_issue),
	    cmocka_unit_test(test_lazy_pages),
	    cmocka_unit_test(test_lazy_file),
	    cmocka_unit_test(test_shelved),
	    cmocka_unit_test(test_search_alike),
	    cmocka_unit_test(test_late_masthead),
	    cmocka_unit_test(test_show),
	    cmocka_unit_test(test_fold_char),
	    cmocka_unit_test(test_missing_data),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
