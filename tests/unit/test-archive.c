/*
 * test-archive.c: the archive index (archive.c). A library written here
 * is indexed, changed, re-indexed and searched: new, changed and removed
 * issues; full-width folding (ＲＩＳＣ = RISC); one- and two-character
 * Chinese queries; -word, OR and "phrase"; hostile query text; snippets
 * that fit their columns; and an indexer killed at random points, which
 * must leave an index that agrees with itself and completes on the next run.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "archive.h"
#include "load.h"
#include "width.h"
#include "xmalloc.h"

static char tmpdir[] = "/tmp/herald-archive-XXXXXX";
static char *libdir;
static size_t batch;	/* archive_set_batch, when not 0 */
static bool refind;	/* archive_set_refind */

static void
write_file(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(s, f);
	assert_int_equal(fclose(f), 0);
}

/* Issue name with one page: two articles, the second's text given. */
static void
write_issue(const char *name, const char *headline, const char *text)
{
	char *dir = xasprintf("%s/%s", libdir, name);
	char *p, *md;

	mkdir(dir, 0700);
	p = xasprintf("%s/issue.ini", dir);
	md = xasprintf("[issue]\ntitle = 山河科技报\ndate = %s\n", name);
	write_file(p, md);
	free(p);
	free(md);
	p = xasprintf("%s/01.md", dir);
	md = xasprintf("# 第01版 要闻\n\n## 今日要闻 %s\n\n▶ 本报记者 李明\n\n"
	    "各地新闻汇总，天气晴。\n\n## %s\n\n%s\n", name, headline, text);
	write_file(p, md);
	free(p);
	free(md);
	free(dir);
}

static int
rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	return remove(p);
}

static void
remove_issue(const char *name)
{
	char *dir = xasprintf("%s/%s", libdir, name);

	assert_int_equal(nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS), 0);
	free(dir);
}

/* Index the library now; returns the stats. */
static struct archive_stats
index_now(void)
{
	struct archive_stats st;
	struct archive *ar;
	struct library *lib;
	char *err = NULL, *warn = NULL;

	lib = load_open(libdir, LOAD_DEFAULTS, &err);
	assert_non_null(lib);
	ar = archive_open(libdir, &err);
	if (ar == NULL)
		fail_msg("%s", err);
	if (batch > 0)
		archive_set_batch(ar, batch);
	archive_set_refind(ar, refind);
	assert_int_equal(archive_index(ar, lib, LOAD_DEFAULTS, NULL, NULL, &st,
	    &warn, &err), 0);
	free(warn);
	archive_close(ar);
	library_free(lib);
	return st;
}

/* The first max hits of query (0: all), newest first; their "date
 * headline" joined by '|'. *read gets archive_read. */
static char *
search_max(const char *query, size_t max, long *n, size_t *read)
{
	struct archive *ar;
	struct archive_hit *h;
	char *err = NULL;
	char *out = xstrdup("");
	long i;

	ar = archive_open(libdir, &err);
	assert_non_null(ar);
	*n = archive_search(ar, query, ARCHIVE_NEWEST, max, 40, &h, &err);
	*read = archive_read(ar);
	if (*n < 0) {
		free(out);
		archive_close(ar);
		return err;
	}
	for (i = 0; i < *n; i++) {
		char *o = xasprintf("%s%s%s %s", out, i > 0 ? "|" : "",
		    h[i].date, h[i].headline);

		free(out);
		out = o;
	}
	archive_hits_free(h, (size_t)*n);
	archive_close(ar);
	return out;
}

/* All hits of query, newest first, as search_max gives them. */
static char *
search(const char *query, long *n)
{
	size_t read;

	return search_max(query, 0, n, &read);
}

static void
assert_search(const char *query, const char *want)
{
	long n;
	char *got = search(query, &n);

	if (strcmp(got, want) != 0)
		fail_msg("query [%s]: got [%s], want [%s]", query, got, want);
	free(got);
}

static int
setup(void **state)
{
	char *cache;

	assert_non_null(mkdtemp(tmpdir));
	libdir = xasprintf("%s/library", tmpdir);
	cache = xasprintf("%s/cache", tmpdir);
	mkdir(libdir, 0700);
	setenv("XDG_CACHE_HOME", cache, 1);
	free(cache);
	write_issue("2025-11-17", "青川芯RISC-V处理器量产",
	    "国产开源芯片迈入规模应用，量子通信试验网同步开通。");
	write_issue("2025-11-24", "ＲＩＳＣ－Ｖ生态大会召开",
	    "全角字母的报道：开源指令集。");
	write_issue("2025-12-01", "地热供暖走进千家万户",
	    "临江市清洁取暖覆盖率超九成。\"引号\" 与 * 星号 NEAR( 括号。");
	return 0;
}

static int
teardown(void **state)
{
	nftw(tmpdir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	free(libdir);
	return 0;
}

/* A connection of our own to the library's index file, its tokenizer
 * known. */
static sqlite3 *
index_db(void)
{
	struct archive *ar;
	sqlite3 *db;
	char *err = NULL;

	if ((ar = archive_open(libdir, &err)) == NULL)
		fail_msg("%s", err);
	assert_int_equal(sqlite3_open(archive_file(ar), &db), SQLITE_OK);
	archive_close(ar);
	assert_int_equal(archive_register(db), 0);
	return db;
}

/* The integer SQL gives on the library's index file. */
static long long
index_value(const char *sql)
{
	sqlite3 *db = index_db();
	sqlite3_stmt *st;
	long long v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

static void
test_index_and_fold(void **state)
{
	struct archive_stats st = index_now();

	assert_int_equal(st.added, 3);
	assert_int_equal(st.articles, 6);
	/* a batch's trigrams gathered in 8 MB, not FTS5's 1 MB (2.5 times
	 * faster on the bench library) */
	assert_int_equal(index_value("SELECT v FROM fts_config"
	    " WHERE k = 'hashsize'"), 8388608);
	/* full width and ASCII find each other, both ways, any case */
	assert_search("RISC-V",
	    "2025-11-24 ＲＩＳＣ－Ｖ生态大会召开|2025-11-17 青川芯RISC-V处理器量产");
	assert_search("ｒｉｓｃ",
	    "2025-11-24 ＲＩＳＣ－Ｖ生态大会召开|2025-11-17 青川芯RISC-V处理器量产");
	/* a second run finds nothing to do */
	st = index_now();
	assert_int_equal(st.unchanged, 3);
	assert_int_equal(st.added + st.updated + st.removed, 0);
}

/* The library's index file gone, and its WAL with it. */
static void
drop_index(void)
{
	struct archive *ar;
	char *err = NULL, *f;

	if ((ar = archive_open(libdir, &err)) == NULL)
		fail_msg("%s", err);
	f = xstrdup(archive_file(ar));
	archive_close(ar);
	assert_int_equal(unlink(f), 0);
	free(f);
}

/*
 * query cut to max: it must give the first min(max, total) of all, the
 * '|'-joined hits of the whole search. Returns archive_read.
 */
static size_t
cut_of(const char *all, long total, const char *query, size_t max)
{
	size_t i, len, read;
	long n;
	char *cut = search_max(query, max, &n, &read), *head;

	assert_int_equal(n, max < (size_t)total ? max : (size_t)total);
	for (i = 0, len = 0; i < (size_t)n; i++)
		len += strcspn(all + len + (i > 0), "|") + (i > 0);
	head = xstrndup(all, len);
	if (strcmp(cut, head) != 0)
		fail_msg("[%s] cut at %zu: got [%s], want [%s]", query, max,
		    cut, head);
	free(head);
	free(cut);
	return read;
}

/* Issues MONTH-01 to MONTH-n, one story of 储能电站 each, indexed one
 * at a time (as a library grows: rowids rise with the dates). */
static void
grow_library(const char *month, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char *d = xasprintf("%s-%02zu", month, i + 1);

		write_issue(d, "储能", "新型储能电站并网。");
		index_now();
		free(d);
	}
}

/*
 * The newest max stories of a search (the results pane's cut) are the
 * first max of all of them sorted, whatever order their issues were
 * indexed in (rowids are not dates); and read by rowid down, a library
 * indexed as it grew is read no further than the next issue's first
 * story past the cut (one story here: one an issue).
 */
static void
test_newest_cut(void **state)
{
	/* indexed in three runs: rowids go 03 04, 01 06, 02 05 */
	static const char *const days[] = { "2026-01-03", "2026-01-04",
	    "2026-01-01", "2026-01-06", "2026-01-02", "2026-01-05" };
	/* two stories an issue, its headline story and 储能's */
	static const char q[] = "储能 OR 要闻";
	char *all, *want;
	size_t i, max, read;
	long n, total;
	int pass;

	(void)state;
	for (i = 0; i < 6; i++) {
		write_issue(days[i], "储能", "新型储能电站并网。");
		if (i % 2 == 1)
			index_now();
	}
	/* what every search of q must give, newest first: the sort of it */
	want = xstrdup("");
	for (i = 0; i < 9; i++) {
		static const char *const desc[] = { "2026-01-06", "2026-01-05",
		    "2026-01-04", "2026-01-03", "2026-01-02", "2026-01-01",
		    "2025-12-01", "2025-11-24", "2025-11-17" };
		char *w = xasprintf(i < 6 ? "%s%s%s 今日要闻 %s|%s 储能" :
		    "%s%s%s 今日要闻 %s", want, i > 0 ? "|" : "", desc[i],
		    desc[i], desc[i]);

		free(want);
		want = w;
	}
	for (pass = 0; pass < 2; pass++) {
		all = search(q, &total);
		assert_int_equal(total, 3 + 2 * 6);
		if (strcmp(all, want) != 0)
			fail_msg("pass %d: got [%s], want [%s]", pass, all,
			    want);
		for (max = 1; max <= (size_t)total + 1; max++) {
			read = cut_of(all, total, q, max);
			/* read down when q finds more than four times
			 * max (15 > 4 * 3), else up and sorted */
			if (max <= 3)
				assert_true(read > 0);
			else
				assert_int_equal(read, 0);
		}
		free(all);
		/* an old issue indexed again: its stories take the
		 * highest rowids */
		write_issue("2026-01-02", "储能", "改写后的储能正文。");
		index_now();
	}
	free(want);
	/* indexed as the library grew: one issue a run, dates rising */
	for (i = 0; i < 6; i++)
		remove_issue(days[i]);
	drop_index();
	grow_library("2026-01", 6);
	free(search_max("储能电站", 1, &n, &read));
	assert_int_equal(n, 1);
	assert_int_equal(read, 2);
	/* few more found than the cut: read up and sorted */
	free(search_max("储能电站", 5, &n, &read));
	assert_int_equal(n, 5);
	assert_int_equal(read, 0);
	/* a cut search that finds nothing */
	free(search_max("储能电池", 5, &n, &read));
	assert_int_equal(n, 0);
	assert_int_equal(read, 0);
	/* ...and one whose words are checked in the text: the headline
	 * stories of the six and of setup's three */
	free(search_max("电站并网 OR 要闻 -储能", 20, &n, &read));
	assert_int_equal(n, 9);
	/* not cut, or by rank: SQLite sorts every story found (a read down
	 * the file was slower cold, see archive_search_each) */
	free(search_max("储能电站", 0, &n, &read));
	assert_int_equal(n, 6);
	assert_int_equal(read, 0);
	/* more stories than the heap's first room (64), cut or not */
	for (i = 0; i < 80; i++) {
		char *d = xasprintf("2027-%02zu-%02zu", i / 28 + 1, i % 28 + 1);

		write_issue(d, "储能", "新型储能电站并网。");
		free(d);
	}
	index_now();
	all = search("储能电站", &total);
	assert_int_equal(total, 86);
	cut_of(all, total, "储能电站", 1000);
	assert_int_equal(cut_of(all, total, "储能电站", 70), 0);
	assert_int_equal(cut_of(all, total, "储能电站", 5), 6);
	free(all);
	for (i = 0; i < 80; i++) {
		char *d = xasprintf("2027-%02zu-%02zu", i / 28 + 1, i % 28 + 1);

		remove_issue(d);
		free(d);
	}
	for (i = 0; i < 6; i++)
		remove_issue(days[i]);
	index_now();
}

/* archive_search_each's fn for test_stream: when the first hit came,
 * and a stop after stop hits (0: none). */
struct given {
	struct archive	*ar;
	size_t		 first_at;
	long		 n, stop;
};

static int
note_given(struct archive_hit *h, void *ctx)
{
	struct given *g = ctx;

	assert_non_null(h->snippet);
	if (g->n++ == 0)
		g->first_at = archive_read(g->ar);
	return g->stop > 0 && g->n == g->stop;
}

/*
 * A cut newest-first search gives each story once the read is past it,
 * not all at the end: on a library indexed as it grew, the newest story
 * as soon as the next issue's is read; and fn stops it.
 */
static void
test_stream(void **state)
{
	struct given g = { NULL, 0, 0, 0 };
	char *err = NULL;
	size_t i;

	(void)state;
	drop_index();
	grow_library("2026-02", 12);
	if ((g.ar = archive_open(libdir, &err)) == NULL)
		fail_msg("%s", err);
	/* the newest 2 of 12 (more than four times the cut: read down) */
	assert_int_equal(archive_search_each(g.ar, "储能电站", ARCHIVE_NEWEST,
	    2, 40, note_given, &g, &err), 2);
	assert_int_equal(g.first_at, 2);
	assert_int_equal(archive_read(g.ar), 3);
	g.n = 0;
	g.stop = 1;
	assert_int_equal(archive_search_each(g.ar, "储能电站", ARCHIVE_NEWEST,
	    2, 40, note_given, &g, &err), 1);
	assert_int_equal(archive_read(g.ar), 2);
	/* not cut, SQLite sorts them all first: nothing is counted */
	g.n = 0;
	g.stop = 0;
	assert_int_equal(archive_search_each(g.ar, "储能电站", ARCHIVE_NEWEST,
	    0, 40, note_given, &g, &err), 12);
	assert_int_equal(archive_read(g.ar), 0);
	assert_int_equal(g.first_at, 0);
	/* by rank, the same */
	g.n = 0;
	assert_int_equal(archive_search_each(g.ar, "储能电站", ARCHIVE_RANK,
	    2, 40, note_given, &g, &err), 2);
	assert_int_equal(archive_read(g.ar), 0);
	archive_close(g.ar);
	for (i = 0; i < 12; i++) {
		char *d = xasprintf("2026-02-%02zu", i + 1);

		remove_issue(d);
		free(d);
	}
	index_now();
}

/*
 * An index of an older format is made afresh, whatever columns its
 * tables had: format 3's issues had no top_date, and making the new
 * format's index on it failed before the format was read.
 */
static void
test_older_format(void **state)
{
	struct archive *ar;
	sqlite3 *db;
	char *err = NULL;
	long n;

	(void)state;
	index_now();
	db = index_db();
	assert_int_equal(sqlite3_exec(db, "DROP INDEX issues_top;"
	    "ALTER TABLE issues RENAME COLUMN top_date TO old_date;"
	    "UPDATE meta SET value = '3' WHERE key = 'format'", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	if ((ar = archive_open(libdir, &err)) == NULL)
		fail_msg("%s", err);
	assert_true(archive_outdated(ar));
	assert_int_equal(archive_count(ar), 0);
	archive_close(ar);
	free(search("储能电站", &n));
	assert_int_equal(n, 0);
	assert_int_equal(index_now().added, 3);
	assert_search("生态大会", "2025-11-24 ＲＩＳＣ－Ｖ生态大会召开");
	/* this format's index is kept as it is */
	if ((ar = archive_open(libdir, &err)) == NULL)
		fail_msg("%s", err);
	assert_false(archive_outdated(ar));
	assert_int_equal(archive_count(ar), 3);
	archive_close(ar);
}

/* A load hook as the reader's script conversion is: it rewrites every
 * headline it is shown. */
static void
rewrite_hook(struct issue *is, void *ctx)
{
	size_t i, j;

	(*(int *)ctx)++;
	for (i = 0; i < is->npages; i++)
		for (j = 0; j < is->pages[i].narticles; j++) {
			struct article *a = page_article(&is->pages[i], j);

			free(a->headline);
			a->headline = xstrdup("改写的标题");
			a->headline_len = strlen(a->headline);
		}
}

static void
test_as_printed(void **state)
{
	int runs = 0;

	/* the index holds the text as printed, whatever the reader shows:
	 * --script traditional indexed 軟件 where the paper printed 软件 */
	drop_index();
	load_set_hook(rewrite_hook, &runs);
	assert_int_equal(index_now().added, 3);
	load_set_hook(NULL, NULL);
	assert_int_equal(runs, 0);
	assert_search("地热供暖", "2025-12-01 地热供暖走进千家万户");
	assert_search("改写", "");
}

static void
test_short_queries(void **state)
{
	index_now();
	/* two characters are in the index itself (bigrams: FTS5's trigram
	 * tokenizer had none of them, and a scan of every text found them) */
	assert_int_equal(index_value("SELECT count(*) FROM fts"
	    " WHERE fts MATCH '\"李明\"'"), 3);
	assert_int_equal(index_value("SELECT count(*) FROM fts"
	    " WHERE fts MATCH '\"地热\"'"), 1);
	/* one character is a scan */
	assert_search("芯", "2025-11-17 青川芯RISC-V处理器量产");
	assert_search("地热", "2025-12-01 地热供暖走进千家万户");
	assert_search("量子通信", "2025-11-17 青川芯RISC-V处理器量产");
	/* the byline and the headline are searched too */
	assert_search("李明", "2025-12-01 今日要闻 2025-12-01|"
	    "2025-11-24 今日要闻 2025-11-24|2025-11-17 今日要闻 2025-11-17");
}

static void
test_operators(void **state)
{
	long n;
	char *e;

	index_now();
	assert_search("开源 -量子", "2025-11-24 ＲＩＳＣ－Ｖ生态大会召开");
	assert_search("地热供暖 OR 生态大会",
	    "2025-12-01 地热供暖走进千家万户|2025-11-24 ＲＩＳＣ－Ｖ生态大会召开");
	assert_search("\"覆盖率超九成\"", "2025-12-01 地热供暖走进千家万户");
	/* a phrase's spaces are in no bigram: 星号 is looked up, the whole
	 * phrase checked; one without a bigram is a scan */
	assert_search("\"与 * 星号\"", "2025-12-01 地热供暖走进千家万户");
	assert_search("\"与 *\"", "2025-12-01 地热供暖走进千家万户");
	assert_search("\"与 星号\"", "");
	assert_search("覆盖率 开源", "");
	/* a two-character word is found by its bigram alone; one of more,
	 * ORed with it, is still checked in the text: 碎片 子通 通信 holds
	 * the bigrams of 量子通信 but not the word */
	write_issue("2025-12-29", "碎片", "量子、子通、通信各在一处。");
	index_now();
	assert_search("碎片", "2025-12-29 碎片");
	assert_search("子通",
	    "2025-12-29 碎片|2025-11-17 青川芯RISC-V处理器量产");
	assert_search("晴朗 OR 量子通信", "2025-11-17 青川芯RISC-V处理器量产");
	assert_search("子通 OR 量子通信",
	    "2025-12-29 碎片|2025-11-17 青川芯RISC-V处理器量产");
	assert_search("子通 -量子通信", "2025-12-29 碎片");
	remove_issue("2025-12-29");
	index_now();
	/* query syntax is only text to find */
	assert_search("\"\"\"引号\"", "2025-12-01 地热供暖走进千家万户");
	assert_search("NEAR(", "2025-12-01 地热供暖走进千家万户");
	assert_search("*", "2025-12-01 地热供暖走进千家万户");
	assert_search("' OR 1=1 --", "");
	e = search("-量子", &n);
	assert_int_equal(n, -1);
	assert_string_equal(e,
	    "query: a query needs a word to find, not only -words");
	free(e);
	e = search("   ", &n);
	assert_int_equal(n, -1);
	free(e);
}

static void
test_filters(void **state)
{
	long n;
	char *e;

	index_now();
	assert_search("开源 date:2025-11-20..2025-12",
	    "2025-11-24 ＲＩＳＣ－Ｖ生态大会召开");
	assert_search("开源 date:2025-11-17", "2025-11-17 青川芯RISC-V处理器量产");
	assert_search("开源 date:..2025-11-23", "2025-11-17 青川芯RISC-V处理器量产");
	assert_search("李明 date:2025-12", "2025-12-01 今日要闻 2025-12-01");
	assert_search("芯 page:2", "");
	assert_search("芯 page:1..3", "2025-11-17 青川芯RISC-V处理器量产");
	/* only filters: every story in range, newest first */
	assert_search("date:2025-12 page:1",
	    "2025-12-01 今日要闻 2025-12-01|2025-12-01 地热供暖走进千家万户");
	e = search("芯 date:2025-13-99x", &n);
	assert_int_equal(n, -1);
	assert_string_equal(e, "query: date:2025-13-99x: expected "
	    "date:YYYY-MM-DD..YYYY-MM-DD (or a part of a date) or page:N..M");
	free(e);
	e = search("芯 page:0", &n);
	assert_int_equal(n, -1);
	free(e);
	e = search("芯 page:3..1", &n);
	assert_int_equal(n, -1);
	free(e);
}

static void
test_incremental(void **state)
{
	struct archive_stats st;

	index_now();
	/* a changed issue is indexed again: its old text leaves */
	write_issue("2025-11-17", "青川芯RISC-V处理器量产",
	    "改写后的正文：新型储能电站并网。");
	st = index_now();
	assert_int_equal(st.updated, 1);
	assert_int_equal(st.unchanged, 2);
	assert_search("量子通信", "");
	assert_search("储能电站", "2025-11-17 青川芯RISC-V处理器量产");
	/* a removed issue leaves the index, a new one enters it */
	remove_issue("2025-11-24");
	write_issue("2025-12-08", "冬季航线开通", "新航线连接临江与青川。");
	st = index_now();
	assert_int_equal(st.removed, 1);
	assert_int_equal(st.added, 1);
	assert_search("生态大会", "");
	assert_search("航线", "2025-12-08 冬季航线开通");
	/* put things back for the tests after */
	remove_issue("2025-12-08");
	write_issue("2025-11-24", "ＲＩＳＣ－Ｖ生态大会召开",
	    "全角字母的报道：开源指令集。");
	write_issue("2025-11-17", "青川芯RISC-V处理器量产",
	    "国产开源芯片迈入规模应用，量子通信试验网同步开通。");
	index_now();
}

static void
test_snippet(void **state)
{
	const char *t = "第一句话很长很长很长很长很长。第二句提到量子通信的试验，"
	    "第三句又很长很长很长很长很长很长很长。";
	char *s;
	int cols, i;

	width_set_ambiguous(WIDTH_NARROW);
	for (cols = 6; cols <= 40; cols++) {
		s = archive_snippet(t, strlen(t), "量子通信", cols);
		if (width_str(s, strlen(s)) > cols)
			fail_msg("%d columns: [%s] is wider", cols, s);
		free(s);
	}
	s = archive_snippet(t, strlen(t), "量子通信", 30);
	assert_string_equal(s, "…二句提到量子通信的试验，第三…");
	free(s);
	/* full width in the text, ASCII in the needle; newlines flattened */
	s = archive_snippet("ＲＩＳＣ\n芯片", strlen("ＲＩＳＣ\n芯片"), "risc", 20);
	assert_string_equal(s, "ＲＩＳＣ 芯片");
	free(s);
	/* a hit far in, and hits across each place a fold window could end */
	for (i = 1000; i < 1100; i++) {
		char *long_text = xmalloc((size_t)i + 64);

		memset(long_text, 'x', (size_t)i);
		strcpy(long_text + i, "ＲＩＳＣ芯片 yyyy");
		s = archive_snippet(long_text, strlen(long_text), "risc芯", 20);
		if (strstr(s, "ＲＩＳＣ芯") == NULL)
			fail_msg("hit at %d: [%s]", i, s);
		free(s);
		free(long_text);
	}
	/* tabs, returns and newlines anywhere, past runs of eight bytes
	 * and in the last few, are spaces */
	s = archive_snippet("甲乙丙丁戊己庚辛\t壬癸\r\n子\n",
	    strlen("甲乙丙丁戊己庚辛\t壬癸\r\n子\n"), "甲", 60);
	assert_string_equal(s, "甲乙丙丁戊己庚辛 壬癸  子 ");
	free(s);
	/* a text that ends within the width is whole, in the columns the
	 * closing mark would take too; a column short, it is cut */
	s = archive_snippet("一二三四五", strlen("一二三四五"), "一", 10);
	assert_string_equal(s, "一二三四五");
	free(s);
	s = archive_snippet("一二三四五", strlen("一二三四五"), "一", 9);
	assert_string_equal(s, "一二三四…");
	free(s);
	s = archive_snippet("一二三四五a", strlen("一二三四五a"), "一", 11);
	assert_string_equal(s, "一二三四五a");
	free(s);
	/* no hit: the start of the text */
	s = archive_snippet(t, strlen(t), "不存在", 11);
	assert_string_equal(s, "第一句话很…");
	free(s);
}

/* Articles of each indexed issue agree with the articles table and the
 * full-text table; SQLite's own checks pass. */
static void
check_consistent(const char *file)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	static const char *const checks[] = {
		"SELECT count(*) FROM issues i WHERE articles !="
		" (SELECT count(*) FROM articles a WHERE a.issue = i.name)",
		"SELECT count(*) FROM articles WHERE issue NOT IN"
		" (SELECT name FROM issues)",
		"SELECT (SELECT count(*) FROM articles) -"
		" (SELECT count(*) FROM fts)",
		"SELECT count(*) FROM articles a WHERE NOT EXISTS"
		" (SELECT 1 FROM fts WHERE fts.rowid = a.id)",
	};
	size_t i;
	char *err = NULL;
	struct archive *ar;

	/* what a killed run left, as the next one opens it */
	if ((ar = archive_open(libdir, &err)) == NULL)
		fail_msg("%s", err);
	archive_close(ar);
	assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
	assert_int_equal(archive_register(db), 0);
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		assert_int_equal(sqlite3_prepare_v2(db, checks[i], -1, &st,
		    NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		if (sqlite3_column_int64(st, 0) != 0)
			fail_msg("%s: %lld", checks[i],
			    (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
	}
	assert_int_equal(sqlite3_exec(db,
	    "INSERT INTO fts(fts) VALUES('integrity-check')", NULL, NULL,
	    NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1,
	    &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void
test_query_while_writing(void **state)
{
	sqlite3 *db;

	/* an indexer (another process, say) holds the write lock in a
	 * batch: a query opens the index without writing and answers,
	 * where it waited for the lock (10 s) and failed */
	index_now();
	db = index_db();
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE; DELETE FROM meta"
	    " WHERE key = 'none'", NULL, NULL, NULL), SQLITE_OK);
	assert_search("地热供暖", "2025-12-01 地热供暖走进千家万户");
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
}

/* FTS5's automerge as the index has it, -1 when never set. */
static long long
automerge(void)
{
	return index_value("SELECT coalesce((SELECT v FROM fts_config"
	    " WHERE k = 'automerge'), -1)");
}

/* A progress callback that notes automerge while the index is written
 * (after its first issue), and asks to stop there when *ctx says so. */
struct merge_seen {
	long long	mid;
	bool		stop;
};

static int
see_merging(size_t done, size_t total, const char *name, void *ctx)
{
	struct merge_seen *m = ctx;

	(void)total;
	(void)name;
	if (done != 1)
		return 0;
	m->mid = automerge();
	return m->stop;
}

/* index_now with see_merging; archive_index's result. */
static int
index_seeing(struct merge_seen *m)
{
	struct archive_stats st;
	struct archive *ar;
	struct library *lib;
	char *err = NULL, *warn = NULL;
	int r;

	lib = load_open(libdir, LOAD_DEFAULTS, &err);
	assert_non_null(lib);
	ar = archive_open(libdir, &err);
	assert_non_null(ar);
	m->mid = -2;
	r = archive_index(ar, lib, LOAD_DEFAULTS, see_merging, m, &st, &warn,
	    &err);
	free(warn);
	free(err);
	archive_close(ar);
	library_free(lib);
	return r;
}

/*
 * A new index is written with FTS5's merging off (its segments merged
 * once, by the optimize at the end), and it is on again after: after a
 * whole build, after one stopped at a key, and at the next run after a
 * build a kill cut (merging left off). A later run leaves it on.
 */
static void
test_merging(void **state)
{
	struct merge_seen m = { 0, false };
	sqlite3 *db;

	(void)state;
	drop_index();
	assert_int_equal(index_seeing(&m), 0);
	assert_int_equal(m.mid, 0);
	assert_int_equal(automerge(), 4);
	assert_int_equal(index_value("SELECT v FROM fts_config"
	    " WHERE k = 'crisismerge'"), 16);
	assert_search("地热供暖", "2025-12-01 地热供暖走进千家万户");
	/* a run over an index: merging stays on */
	write_issue("2025-12-08", "合并", "段落合并的测试。");
	assert_int_equal(index_seeing(&m), 0);
	assert_int_equal(m.mid, 4);
	remove_issue("2025-12-08");
	/* a new index stopped at a key */
	drop_index();
	m.stop = true;
	assert_int_equal(index_seeing(&m), 1);
	assert_int_equal(m.mid, 0);
	assert_int_equal(automerge(), 4);
	/* a build cut by a kill: merging left off, on at the next run */
	db = index_db();
	assert_int_equal(sqlite3_exec(db, "INSERT INTO fts(fts, rank)"
	    " VALUES('automerge', 0)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(automerge(), 0);
	m.stop = false;
	assert_int_equal(index_seeing(&m), 0);
	assert_int_equal(m.mid, 4);
	assert_int_equal(automerge(), 4);
	assert_search("地热供暖", "2025-12-01 地热供暖走进千家万户");
}

/* A progress callback that asks to stop before entry *ctx. */
static int
stop_at(size_t done, size_t total, const char *name, void *ctx)
{
	(void)total;
	(void)name;
	return done == *(size_t *)ctx;
}

static void
test_stop_at_key(void **state)
{
	static const size_t stops[] = { 0, 1, 2, 5, 14 };
	struct archive_stats st;
	struct archive *ar;
	struct library *lib;
	char name[32], *err = NULL, *warn = NULL;
	size_t i, k;

	/* twelve more issues: the reader's idle indexing stops at a key,
	 * with issues made ready ahead of the writer in flight */
	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "2023-01-%02zu", i + 1);
		write_issue(name, "停在按键", "索引在空闲时进行。");
	}
	for (k = 0; k < sizeof stops / sizeof *stops; k++) {
		drop_index();
		lib = load_open(libdir, LOAD_DEFAULTS, &err);
		assert_non_null(lib);
		assert_int_equal(lib->n, 15);
		ar = archive_open(libdir, &err);
		assert_non_null(ar);
		assert_int_equal(archive_index(ar, lib, LOAD_DEFAULTS, stop_at,
		    (void *)&stops[k], &st, &warn, &err), 1);
		/* what came before the key is written, nothing after */
		assert_int_equal(st.added, stops[k]);
		assert_int_equal(archive_count(ar) > 0, stops[k] > 0);
		archive_close(ar);
		library_free(lib);
		free(warn);
		warn = NULL;
		/* the next pause does the rest */
		st = index_now();
		assert_int_equal(st.added, 15 - stops[k]);
		assert_int_equal(st.unchanged, stops[k]);
		assert_search("索引在空闲", "2023-01-12 停在按键|2023-01-11 停在按键|"
		    "2023-01-10 停在按键|2023-01-09 停在按键|2023-01-08 停在按键|"
		    "2023-01-07 停在按键|2023-01-06 停在按键|2023-01-05 停在按键|"
		    "2023-01-04 停在按键|2023-01-03 停在按键|2023-01-02 停在按键|"
		    "2023-01-01 停在按键");
	}
	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof name, "2023-01-%02zu", i + 1);
		remove_issue(name);
	}
	assert_int_equal(index_now().removed, 12);
}

static void
test_kill_anywhere(void **state)
{
	char big[8192];
	char name[32];
	struct archive *ar;
	char *err = NULL, *file;
	struct archive_stats st;
	int round, i, killed = 0;
	long n, run_us;
	struct timespec t0, t1;

	/* forty issues with long text, so that a run takes a while */
	big[0] = '\0';
	for (i = 0; i < 200; i++)
		strcat(big, "储能电站并网，");
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "2024-%02d-%02d", 1 + i / 28,
		    1 + i % 28);
		write_issue(name, "储能专题", big);
	}
	ar = archive_open(libdir, &err);
	assert_non_null(ar);
	file = xstrdup(archive_file(ar));
	archive_close(ar);
	/* batches of a few issues, so that kills land between and inside
	 * them; kill times spread over a whole run, as long as it takes here
	 * (the time only places the kills, nothing is asserted on it) */
	batch = 16 * 1024;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	index_now();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	run_us = (t1.tv_sec - t0.tv_sec) * 1000000L +
	    (t1.tv_nsec - t0.tv_nsec) / 1000 + 1;
	srand(17);
	for (round = 0; round < 12; round++) {
		pid_t pid;
		int status;

		/* a fresh index each round, so every kill lands mid-work */
		unlink(file);
		{
			char *wal = xasprintf("%s-wal", file);
			char *shm = xasprintf("%s-shm", file);

			unlink(wal);
			unlink(shm);
			free(wal);
			free(shm);
		}
		if ((pid = fork()) == 0) {
			index_now();
			_exit(0);
		}
		assert_true(pid > 0);
		usleep((useconds_t)(rand() % run_us));
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		if (WIFSIGNALED(status))
			killed++;
		check_consistent(file);
		/* the next run completes the work */
		st = index_now();
		assert_int_equal(st.failed, 0);
		check_consistent(file);
		free(search("储能电站", &n));
		assert_int_equal(n, 40);
	}
	/* most rounds must really have been cut short */
	assert_true(killed >= 6);
	batch = 0;
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof name, "2024-%02d-%02d", 1 + i / 28,
		    1 + i % 28);
		remove_issue(name);
	}
	index_now();
	check_consistent(file);
	free(file);
}

static void
test_bad_library(void **state)
{
	char *err = NULL;
	char *f = xasprintf("%s/2025-11-17/01.md", libdir);

	assert_null(archive_open("/nonexistent/library", &err));
	assert_string_equal(err, "/nonexistent/library: No such file or directory");
	free(err);
	err = NULL;
	assert_null(archive_open(f, &err));
	assert_non_null(strstr(err, "01.md: not a library"));
	free(err);
	free(f);
}

/* Every row of the FTS5 index's own tables (its segments and their
 * b-tree), in hex: two indexes with the same tokens are the same. */
static char *
index_dump(void)
{
	static const char sql[] =
	    "SELECT 'd', id, hex(block) FROM fts_data UNION ALL "
	    "SELECT 'i', segid, hex(term) || '@' || pgno FROM fts_idx "
	    "ORDER BY 1, 2, 3";
	sqlite3 *db = index_db();
	sqlite3_stmt *st;
	char *out = xstrdup("");

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		char *o = xasprintf("%s%s %lld %s\n", out,
		    (const char *)sqlite3_column_text(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    (const char *)sqlite3_column_text(st, 2));

		free(out);
		out = o;
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

static size_t
common_prefix(const char *a, const char *b)
{
	size_t i = 0;

	while (a[i] != '\0' && a[i] == b[i])
		i++;
	return i;
}

/*
 * The bigrams found in the preparing thread and handed to FTS5 make the
 * index the tokenizer makes when it finds them itself: the same segments,
 * byte for byte, over text of every kind the fold leaves (ASCII words,
 * full-width forms, spaces, emoji, a word in the headline and the body).
 */
static void
test_found_ahead(void **state)
{
	char *ahead, *again;
	long n;

	(void)state;
	write_issue("2025-12-29", "ＡＩ芯片 量产 RISC-V",
	    "量产的AI芯片 ２０２５年 “开源” 指令集……\n\n"
	    "Open  source\tchips ship; 😀表情 é 测试 e\u0301 完毕。");
	/* a head ("量子\n") and a body as long: the bytes tell them apart */
	write_issue("2025-12-30", "量子", "通信a");
	drop_index();
	index_now();
	ahead = index_dump();
	assert_true(strlen(ahead) > 0);
	free(search("AI芯片", &n));
	assert_int_equal(n, 1);
	drop_index();
	refind = true;
	index_now();
	refind = false;
	again = index_dump();
	if (strcmp(ahead, again) != 0)
		fail_msg("the index differs from byte %zu of its dump on",
		    common_prefix(ahead, again));
	free(ahead);
	free(again);
	remove_issue("2025-12-29");
	remove_issue("2025-12-30");
	index_now();
}

/* The FTS5 averages record (rows and tokens, for bm25), in hex. */
static char *
index_averages(void)
{
	sqlite3 *db = index_db();
	sqlite3_stmt *st;
	char *out;

	assert_int_equal(sqlite3_prepare_v2(db,
	    "SELECT hex(block) FROM fts_data WHERE id = 1", -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	out = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out;
}

/*
 * A row's bigrams are found ahead when it is inserted and by the
 * tokenizer when it is deleted: an issue indexed, changed and indexed
 * again leaves the counts bm25 reads (rows, tokens) as a new index of
 * the same issues has them. (Handing FTS5 each bigram once a row was
 * tried: it changes these counts, and saved 3% of the time.)
 */
static void
test_counts_after_update(void **state)
{
	char *updated, *fresh;

	(void)state;
	write_issue("2025-12-29", "量子量子", "量子通信，量子通信；通信通信。");
	index_now();
	write_issue("2025-12-29", "量子量子", "储能储能，电站电站电站。");
	assert_int_equal(index_now().updated, 1);
	updated = index_averages();
	drop_index();
	index_now();
	fresh = index_averages();
	assert_string_equal(updated, fresh);
	free(updated);
	free(fresh);
	remove_issue("2025-12-29");
	index_now();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_and_fold),
		cmocka_unit_test(test_short_queries),
		cmocka_unit_test(test_as_printed),
		cmocka_unit_test(test_operators),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_incremental),
		cmocka_unit_test(test_newest_cut),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_older_format),
		cmocka_unit_test(test_found_ahead),
		cmocka_unit_test(test_counts_after_update),
		cmocka_unit_test(test_snippet),
		cmocka_unit_test(test_bad_library),
		cmocka_unit_test(test_query_while_writing),
		cmocka_unit_test(test_stop_at_key),
		cmocka_unit_test(test_merging),
		cmocka_unit_test(test_kill_anywhere),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
