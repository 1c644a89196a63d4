/*
 * archive.c: a library's articles in an SQLite FTS5 index (bigram
 * tokenizer over text folded by text_fold), brought up to date issue by
 * issue, and the queries over it. libsqlite3 comes through dlopen: linked
 * in, its relocations alone cost every start of the reader a quarter more
 * instructions (see the commit that added this file). No curses here.
 */
#include "build-config.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "archive.h"
#include "buf.h"
#include "issue.h"
#include "shelf.h"
#include "swar.h"
#include "text.h"
#include "width.h"
#include "xdg.h"
#include "xmalloc.h"

/*
 * Issues are written in batches of about this much text, one transaction
 * each and no savepoint per issue (see put_issue): FTS5 writes a segment
 * and merges at every commit, so a commit per issue made indexing several
 * times slower. A kill still loses only the batch it cuts, never part of
 * an issue.
 */
#define ARCHIVE_BATCH (4u * 1024 * 1024)

/*
 * FTS5 gathers the tokens of what is inserted in a hash and writes them
 * out as a new segment when the hash passes this size or at a commit. At
 * the default (1 MB) a 4 MB batch was cut into many small segments that
 * were then merged again: 8 MB lets a batch end as one segment, and made
 * indexing the bench library 2.5 times faster (17 s to 6.8 s of CPU).
 * Kept in the index itself, set once.
 */
#define ARCHIVE_HASHSIZE "8388608"

/* Bump when the schema or the folding changes: an older index is rebuilt. */
#define ARCHIVE_FORMAT 5

/* The libsqlite3 functions used here, called through sq.NAME. */
#define SQLITE_FUNCS(X) \
	X(open_v2) X(close_v2) X(exec) X(prepare_v2) X(step) X(reset) \
	X(finalize) X(bind_text) X(bind_int64) X(column_text) \
	X(column_bytes) X(column_int64) X(errmsg) X(busy_timeout) \
	X(libversion) X(free) X(bind_pointer) X(create_function_v2) \
	X(value_text) X(value_bytes) X(value_int) X(result_text) \
	X(get_autocommit) \
	X(value_type) X(result_int) X(result_null) X(config)

static struct {
	void	*dl;
	bool	 tried;
#define SQLITE_MEMBER(n) __typeof__(sqlite3_##n) *n;
	SQLITE_FUNCS(SQLITE_MEMBER)
#undef SQLITE_MEMBER
} sq;

struct archive {
	sqlite3	*db;
	char	*file;		/* the index file */
	char	*path;		/* the library's real path */
	size_t	 batch;		/* bytes of text per transaction */
	bool	 refind;	/* the tokenizer finds the bigrams again */
	size_t	 read;		/* stories the last search read */
	bool	 outdated;	/* another format's index was emptied */
};

/* One clause of a query: its words ORed; a negated clause has one. */
struct clause {
	char	**words;	/* folded */
	size_t	  n;
	bool	  neg;
	bool	  indexed;	/* every word has a bigram: MATCH */
};

struct query {
	struct clause	*c;
	size_t		 n;
	char		*date_lo, *date_hi;	/* date:LO..HI prefixes, or NULL */
	int		 page_lo, page_hi;	/* page:LO..HI, 0 none */
	bool		 filtered;
	char		*bad;			/* a filter that is not one */
};

static const char *const sonames[] = { "libsqlite3.so.0", "libsqlite3.so" };

/* Load libsqlite3 once; false when it is not there. */
static bool
load_sqlite(void)
{
	size_t i;

	if (sq.tried)
		return sq.dl != NULL;
	sq.tried = true;
	for (i = 0; i < sizeof sonames / sizeof sonames[0] && sq.dl == NULL; i++)
		sq.dl = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
	if (sq.dl == NULL)
		return false;
#define SQLITE_SYM(n) \
	if ((*(void **)&sq.n = dlsym(sq.dl, "sqlite3_" #n)) == NULL) \
		goto fail;
	SQLITE_FUNCS(SQLITE_SYM)
#undef SQLITE_SYM
	/* No count of the memory SQLite holds: keeping it takes a lock on
	 * every allocation, some 5% of a query for a common word. Only
	 * before SQLite's first use; later it is refused, harmlessly. */
	sq.config(SQLITE_CONFIG_MEMSTATUS, 0);
	return true;
fail:
	dlclose(sq.dl);
	sq.dl = NULL;
	return false;
}

const char *
archive_library(void)
{
	return load_sqlite() ? sq.libversion() : NULL;
}

void
archive_set_batch(struct archive *ar, size_t bytes)
{
	ar->batch = bytes;
}

void
archive_set_refind(struct archive *ar, bool refind)
{
	ar->refind = refind;
}

const char *
archive_file(const struct archive *ar)
{
	return ar->file;
}

/* "FILE: the database's message". Caller frees. */
static char *
db_error(const struct archive *ar)
{
	char *name = text_name(ar->file);
	char *e = xasprintf("%s: %s", name, sq.errmsg(ar->db));

	free(name);
	return e;
}

static int
exec_sql(struct archive *ar, const char *sql, char **err)
{
	if (sq.exec(ar->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	if (err != NULL)
		*err = db_error(ar);
	return -1;
}

static sqlite3_stmt *
prepare(struct archive *ar, const char *sql, char **err)
{
	sqlite3_stmt *st = NULL;

	if (sq.prepare_v2(ar->db, sql, -1, &st, NULL) != SQLITE_OK) {
		*err = db_error(ar);
		sq.finalize(st);
		return NULL;
	}
	return st;
}

static void
bind_str(sqlite3_stmt *st, int i, const char *s)
{
	if (s != NULL)
		sq.bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sq.bind_text(st, i, "", 0, SQLITE_STATIC);
}

/* Column i as a new string ("" for NULL). */
static char *
column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sq.column_text(st, i);

	return xstrndup(s != NULL ? (const char *)s : "",
	    s != NULL ? (size_t)sq.column_bytes(st, i) : 0);
}

/* Column i of st's row as a string: "" for NULL (valid until the next
 * step or reset). */
static const char *
column_str(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sq.column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/*
 * The results' order of two stories' (date, issue): < 0 when the first
 * comes later (older, or the same date and a smaller name), as SQLite's
 * byte order sorts them (strcmp's for UTF-8).
 */
static int
key_cmp(const char *date1, const char *issue1, const char *date2,
    const char *issue2)
{
	int c = strcmp(date1, date2);

	return c != 0 ? c : strcmp(issue1, issue2);
}

/* mkdir -p, 0700 for what it makes. */
static int
make_dirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat sb;
	int r = 0;

	for (s = p + 1; r == 0; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && (errno != EEXIST ||
		    stat(p, &sb) < 0 || !S_ISDIR(sb.st_mode)))
			r = -1;
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return r;
}

/*
 * The index's tokens are bigrams: every two characters side by side,
 * neither of them white space. Chinese words are most often two
 * characters, which FTS5's trigram tokenizer cannot look up (a scan of
 * the whole text took 110 ms on the bench library even for a word found
 * nowhere); a bigram index finds them, and its rows hold fewer distinct
 * tokens than trigrams would, so it is smaller too. Longer words are
 * their bigrams ANDed and checked with herald_has().
 */
struct bigrams {
	const char	*s;
	size_t		 len;
	size_t		 o;	/* the next character */
	size_t		 prev;	/* the character before it, SIZE_MAX when a gap */
};

#define BIGRAMS(s, len) { (s), (len), 0, SIZE_MAX }

/* The next bigram: true, with its bytes [*start, *end). */
static bool
bigram_next(struct bigrams *it, size_t *start, size_t *end)
{
	uint32_t c;
	size_t at, step;

	while (it->o < it->len) {
		at = it->o;
		if ((step = text_next(it->s + at, it->len - at, &c)) == 0) {
			step = 1;
			c = 0xFFFD;
		}
		it->o += step;
		if (c <= ' ') {
			it->prev = SIZE_MAX;
			continue;
		}
		if (it->prev != SIZE_MAX) {
			*start = it->prev;
			*end = it->o;
			it->prev = at;
			return true;
		}
		it->prev = at;
	}
	return false;
}

static bool
has_bigram(const char *s, size_t len)
{
	struct bigrams it = BIGRAMS(s, len);
	size_t a, e;

	return bigram_next(&it, &a, &e);
}

/* The FTS5 tokenizer "herald_bigram": it has no state of its own. */
static char tokenizer_self;

static int
tokenizer_create(void *ctx, const char **args, int nargs, Fts5Tokenizer **out)
{
	(void)ctx;
	(void)args;
	(void)nargs;
	*out = (Fts5Tokenizer *)(void *)&tokenizer_self;
	return SQLITE_OK;
}

static void
tokenizer_delete(Fts5Tokenizer *t)
{
	(void)t;
}

/*
 * A column's bigrams, found in the preparing thread (grams_find). SQLite's
 * thread bounded the time of an index: finding the bigrams was 0.45G of
 * its 3.96G instructions (200 issues of the bench's library), and the
 * preparing thread waited for it 1.3 s of 4.4. The tokenizer hands these
 * over when FTS5 asks for the text they were found in (replaying).
 */
struct grams {
	uint32_t	*at;	/* each: its start in the text, its length
				 * (1 to 8 bytes) in the top GRAM_LEN_BITS */
	size_t		 n;	/* SIZE_MAX: not found (the text is too long) */
};

#define GRAM_LEN_BITS 4
#define GRAM_AT_MAX ((UINT32_C(1) << (32 - GRAM_LEN_BITS)) - 1)

static void
grams_find(struct grams *g, const char *s, size_t len)
{
	struct bigrams it = BIGRAMS(s, len);
	size_t a, e, cap = 0;

	g->at = NULL;
	g->n = 0;
	if (len > GRAM_AT_MAX) {
		g->n = SIZE_MAX;
		return;
	}
	while (bigram_next(&it, &a, &e)) {
		if (g->n == cap) {
			cap = cap > 0 ? 2 * cap : 256;
			g->at = xreallocarray(g->at, cap, sizeof *g->at);
		}
		g->at[g->n++] = (uint32_t)a |
		    (uint32_t)(e - a) << (32 - GRAM_LEN_BITS);
	}
}

/* The row being inserted in this thread, with its bigrams found (see
 * put_article), or NULL. */
struct prep_row;
static _Thread_local const struct prep_row *replaying;
static const struct grams *replay_for(const struct prep_row *row,
    const char *text, size_t len);

static int
tokenizer_split(Fts5Tokenizer *t, void *ctx, int flags, const char *text,
    int len, int (*token)(void *, int, const char *, int, int, int))
{
	size_t n = len > 0 ? (size_t)len : 0;
	struct bigrams it = BIGRAMS(text, n);
	const struct grams *g = NULL;
	size_t a, e, i;
	int rc = SQLITE_OK;

	(void)t;
	/* a row's old text, to be deleted, is never the one replayed */
	if ((flags & FTS5_TOKENIZE_DOCUMENT) && replaying != NULL)
		g = replay_for(replaying, text, n);
	if (g != NULL) {
		for (i = 0; rc == SQLITE_OK && i < g->n; i++) {
			a = g->at[i] & GRAM_AT_MAX;
			e = a + (g->at[i] >> (32 - GRAM_LEN_BITS));
			rc = token(ctx, 0, text + a, (int)(e - a), (int)a,
			    (int)e);
		}
		return rc;
	}
	while (rc == SQLITE_OK && bigram_next(&it, &a, &e))
		rc = token(ctx, 0, text + a, (int)(e - a), (int)a, (int)e);
	return rc;
}

static char *snippet_folded(const char *text, size_t len, const char *needle,
    int cols);

/*
 * herald_snippet(text, needle, cols): the snippet of a hit, made while
 * SQLite holds the row. Selecting the text itself made every hit's text
 * (2 KB on average) a record of the ORDER BY's sorter, which spilled to
 * a temporary file for a common word.
 */
static void
sql_snippet(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *t = (const char *)sq.value_text(argv[0]);
	const char *needle = (const char *)sq.value_text(argv[1]);
	size_t len = t != NULL ? (size_t)sq.value_bytes(argv[0]) : 0;

	(void)argc;
	sq.result_text(cx, snippet_folded(t != NULL ? t : "", len,
	    needle != NULL ? needle : "", sq.value_int(argv[2])), -1, free);
}

/*
 * herald_has(text, word): 1 when word is in text, 0 when not, NULL when
 * either is NULL: instr(text, word) > 0, by text_find. Every row the bigrams
 * find is checked so (the index keeps no positions); SQLite's instr()
 * calls memcmp at each character of the text, which was a third of the
 * instructions of a query for a common word.
 */
static void
sql_has(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const char *t, *w;
	size_t tl, wl;

	(void)argc;
	if (sq.value_type(argv[0]) == SQLITE_NULL ||
	    sq.value_type(argv[1]) == SQLITE_NULL) {
		sq.result_null(cx);
		return;
	}
	t = (const char *)sq.value_text(argv[0]);
	w = (const char *)sq.value_text(argv[1]);
	tl = t != NULL ? (size_t)sq.value_bytes(argv[0]) : 0;
	wl = w != NULL ? (size_t)sq.value_bytes(argv[1]) : 0;
	sq.result_int(cx, wl == 0 || (tl > 0 && text_find(t, tl, w, wl) !=
	    NULL));
}

/* Make "herald_bigram" known to db; -1 when its SQLite has no FTS5. */
static int
register_bigrams(sqlite3 *db)
{
	static fts5_tokenizer tok = {
		tokenizer_create, tokenizer_delete, tokenizer_split
	};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sq.prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sq.bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sq.step(st);
	}
	sq.finalize(st);
	if (api == NULL || api->iVersion < 2)
		return -1;
	return api->xCreateTokenizer(api, "herald_bigram", NULL, &tok,
	    NULL) == SQLITE_OK ? 0 : -1;
}

int
archive_register(struct sqlite3 *db)
{
	return load_sqlite() ? register_bigrams(db) : -1;
}

/*
 * The articles' folded text is stored once, in the FTS5 table: head
 * (headline and byline) and body. detail=none keeps only which rows hold a
 * bigram, not where: a quarter of the positions' size. A word is then
 * found by its bigrams ANDed (no phrase needs positions) and checked with
 * herald_has() on the stored text, which also gives the snippet. The
 * original text is not kept: the headline is (for the results), the rest
 * is in the issue files.
 */
/* Set on a new file, before WAL: auto_vacuum rewrites the header each
 * time it is set, so a ready index is not given it again. */
static const char schema_new[] =
    "PRAGMA page_size=32768;"
    "PRAGMA auto_vacuum=INCREMENTAL;";

/*
 * No mmap_size: a query that reads its pages through mmap(2) was slower
 * than one that copies them with pread(2), 10-20% on the bench library
 * (faults cost more than copies of 32 KiB in a virtual machine).
 *
 * A query's page cache is 8 pages (256 KiB), not SQLite's 2 MB: it reads
 * most pages once, and each page of 32 KiB read into the bigger cache
 * was a fresh buffer, 8 page faults (694 faults for --search 协同安全短板
 * on the bench library, 273 now: 17.4 -> 11.6 ms). The writer has the
 * default while it indexes (CACHE_WRITE): with 8 pages, 200 issues took
 * 60,267 pread(2) and 35,739 pwrite(2) calls, not 1,073 and 3,599.
 */
#define CACHE_READ "PRAGMA cache_size=-256"
#define CACHE_WRITE "PRAGMA cache_size=-2000"
static const char schema[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    CACHE_READ ";";

/* The meta table first: check_meta reads the format from it before the
 * other tables, which an older format may have with other columns. */
#define SCHEMA_META \
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);"
static const char schema_tables[] =
    SCHEMA_META
    "CREATE TABLE IF NOT EXISTS issues(name TEXT PRIMARY KEY,"
    " sig INTEGER NOT NULL, date TEXT, paper TEXT, articles INTEGER,"
    " top_date TEXT, top_issue TEXT);"
    "CREATE INDEX IF NOT EXISTS issues_top ON"
    " issues(top_date DESC, top_issue DESC);"
    "CREATE TABLE IF NOT EXISTS articles(id INTEGER PRIMARY KEY,"
    " issue TEXT NOT NULL, date TEXT, paper TEXT, page INTEGER,"
    " idx INTEGER, headline TEXT, own_top INTEGER);"
    "CREATE INDEX IF NOT EXISTS articles_issue ON articles(issue);"
    "CREATE INDEX IF NOT EXISTS articles_date ON"
    " articles(date DESC, issue DESC, page, idx);"
    "CREATE VIRTUAL TABLE IF NOT EXISTS fts USING"
    " fts5(head, body, tokenize='herald_bigram', detail=none,"
    " columnsize=0);"
    "INSERT INTO fts(fts, rank) SELECT 'hashsize', " ARCHIVE_HASHSIZE
    " WHERE NOT EXISTS (SELECT 1 FROM fts_config WHERE k = 'hashsize');";

/* Check the index is this library's, in this format; else start afresh. */
static int
check_meta(struct archive *ar, char **err)
{
	sqlite3_stmt *st;
	char *lib = NULL, *fmt = NULL, *e = NULL, *name;
	int r = 0;

	if ((st = prepare(ar, "SELECT key, value FROM meta", err)) == NULL)
		return -1;
	while (sq.step(st) == SQLITE_ROW) {
		const char *k = (const char *)sq.column_text(st, 0);

		if (k != NULL && strcmp(k, "library") == 0)
			lib = column_dup(st, 1);
		else if (k != NULL && strcmp(k, "format") == 0)
			fmt = column_dup(st, 1);
	}
	sq.finalize(st);
	if (lib != NULL && strcmp(lib, ar->path) != 0) {
		/* Two libraries with one hash: refuse, never mix them. */
		name = text_name(ar->file);
		*err = xasprintf("%s: the index of another library", name);
		free(name);
		r = -1;
	} else if (lib == NULL || fmt == NULL || atoi(fmt) != ARCHIVE_FORMAT) {
		/* an older format's tables go, columns and all */
		ar->outdated = fmt != NULL;
		char *sql = xasprintf("BEGIN IMMEDIATE;"
		    "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS articles;"
		    "DROP TABLE IF EXISTS issues; DROP TABLE IF EXISTS meta;"
		    "%s INSERT INTO meta VALUES('format', '%d');", schema_tables,
		    ARCHIVE_FORMAT);

		r = exec_sql(ar, sql, err);
		free(sql);
		if (r == 0) {
			st = prepare(ar, "INSERT INTO meta VALUES('library', ?)",
			    err);
			if (st == NULL)
				r = -1;
			else {
				bind_str(st, 1, ar->path);
				if (sq.step(st) != SQLITE_DONE) {
					*err = db_error(ar);
					r = -1;
				}
				sq.finalize(st);
			}
		}
		if (r == 0)
			r = exec_sql(ar, "COMMIT", err);
		else
			exec_sql(ar, "ROLLBACK", &e);
	}
	free(e);
	free(lib);
	free(fmt);
	return r;
}

/*
 * True when the index is this library's, in this format, and set up: then
 * opening it writes nothing. A query took the write lock to find so (an
 * indexer's batch made it wait), and wrote and synced the file 5 times.
 */
static bool
index_ready(struct archive *ar)
{
	sqlite3_stmt *st = NULL;
	bool ok = false;

	if (sq.prepare_v2(ar->db, "SELECT (SELECT value FROM meta WHERE"
	    " key = 'format'), (SELECT value FROM meta WHERE key = 'library'),"
	    " (SELECT count(*) FROM fts_config WHERE k = 'hashsize')", -1, &st,
	    NULL) == SQLITE_OK && sq.step(st) == SQLITE_ROW) {
		const char *f = (const char *)sq.column_text(st, 0);
		const char *l = (const char *)sq.column_text(st, 1);

		ok = f != NULL && atoi(f) == ARCHIVE_FORMAT && l != NULL &&
		    strcmp(l, ar->path) == 0 && sq.column_int64(st, 2) == 1;
	}
	sq.finalize(st);
	return ok;
}

struct archive *
archive_open(const char *path, char **err)
{
	struct archive *ar;
	char *real, *dir, *name, *file;
	struct stat sb;
	uint64_t h;
	sqlite3 *db = NULL;
	const char *why = NULL;
	bool ready;

	if ((real = realpath(path, NULL)) == NULL) {
		name = text_name(path);
		*err = xasprintf("%s: %s", name, strerror(errno));
		free(name);
		return NULL;
	}
	if (stat(real, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
		name = text_name(path);
		*err = xasprintf("%s: not a library (a directory of issue "
		    "directories)", name);
		free(name);
		free(real);
		return NULL;
	}
	if (!load_sqlite()) {
		*err = xstrdup("libsqlite3 is not installed (the archive "
		    "index needs it)");
		free(real);
		return NULL;
	}
	if ((dir = xdg_path("XDG_CACHE_HOME", ".cache", "archive")) == NULL) {
		*err = xstrdup("no home directory for the archive index");
		free(real);
		return NULL;
	}
	if (make_dirs(dir) < 0) {
		name = text_name(dir);
		*err = xasprintf("%s: %s", name, strerror(errno));
		free(name);
		free(dir);
		free(real);
		return NULL;
	}
	h = text_hash(TEXT_HASH_INIT, real, strlen(real));
	file = xasprintf("%s/%016llx.db", dir, (unsigned long long)h);
	free(dir);
	/* NOMUTEX: the connection is only used by the thread that opened it
	 * (archive_index's preparing thread loads issues, never the index),
	 * so SQLite's own locks on each call are not needed */
	if (sq.open_v2(file, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
		why = db != NULL ? sq.errmsg(db) : "cannot open";
	else if (register_bigrams(db) < 0 || sq.create_function_v2(db,
	    "herald_snippet", 3, SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_DIRECTONLY, NULL, sql_snippet, NULL, NULL, NULL) !=
	    SQLITE_OK || sq.create_function_v2(db, "herald_has", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, NULL,
	    sql_has, NULL, NULL, NULL) != SQLITE_OK)
		why = "this libsqlite3 has no FTS5";
	if (why != NULL) {
		name = text_name(file);
		*err = xasprintf("%s: %s", name, why);
		free(name);
		sq.close_v2(db);
		free(file);
		free(real);
		return NULL;
	}
	ar = xcalloc(1, sizeof *ar);
	ar->db = db;
	ar->file = file;
	ar->path = real;
	ar->batch = ARCHIVE_BATCH;
	sq.busy_timeout(db, 10000);
	ready = index_ready(ar);
	if ((!ready && exec_sql(ar, schema_new, err) < 0) ||
	    exec_sql(ar, schema, err) < 0 || (!ready &&
	    (exec_sql(ar, "BEGIN IMMEDIATE;" SCHEMA_META "COMMIT", err) < 0 ||
	    check_meta(ar, err) < 0 ||
	    exec_sql(ar, "BEGIN IMMEDIATE", err) < 0 ||
	    exec_sql(ar, schema_tables, err) < 0 ||
	    exec_sql(ar, "COMMIT", err) < 0))) {
		char *e = NULL;

		exec_sql(ar, "ROLLBACK", &e);
		free(e);
		archive_close(ar);
		return NULL;
	}
	return ar;
}

void
archive_close(struct archive *ar)
{
	if (ar == NULL)
		return;
	sq.close_v2(ar->db);
	free(ar->file);
	free(ar->path);
	free(ar);
}

/* The integer of a query of one row and column; none when there is no
 * row or the query fails. */
static int64_t
sql_int(struct archive *ar, const char *sql, int64_t none)
{
	sqlite3_stmt *st;
	char *e = NULL;
	int64_t v = none;

	if ((st = prepare(ar, sql, &e)) == NULL) {
		free(e);
		return none;
	}
	if (sq.step(st) == SQLITE_ROW)
		v = sq.column_int64(st, 0);
	sq.finalize(st);
	return v;
}

size_t
archive_count(struct archive *ar)
{
	return (size_t)sql_int(ar, "SELECT count(*) FROM issues", 0);
}

/*
 * The signature of an issue directory: its files' names, sizes and
 * mtimes, in any order. 0 when it cannot be read.
 */
static int64_t
issue_signature(const char *dir)
{
	DIR *d;
	struct dirent *de;
	struct stat sb;
	uint64_t sum = 0, n = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		char *p;
		uint64_t h;
		long long v[3];

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", dir, de->d_name);
		if (stat(p, &sb) == 0) {
			v[0] = (long long)sb.st_size;
			v[1] = (long long)sb.st_mtim.tv_sec;
			v[2] = (long long)sb.st_mtim.tv_nsec;
			h = text_hash(TEXT_HASH_INIT, de->d_name,
			              strlen(de->d_name));
			h = text_hash(h, v, sizeof v);
			sum += h;
			n++;
		}
		free(p);
	}
	closedir(d);
	sum = text_hash(sum, &n, sizeof n);
	return sum == 0 ? 1 : (int64_t)sum;
}

/* The article's byline and body text, newline-separated. */
static void
article_text(const struct article *shelved, struct buf *byline,
             struct buf *body)
{
	struct article tmp;
	const struct article *a = shelf_borrow(shelved, &tmp);
	size_t i;

	for (i = 0; i < a->nblocks; i++) {
		const struct block *b = &a->blocks[i];
		struct buf *to = b->kind == BLOCK_BYLINE ? byline : body;

		if (b->kind == BLOCK_JUMP)
			continue;
		if (to->len > 0)
			buf_addc(to, '\n');
		buf_add(to, b->text, b->len);
	}
	shelf_return(shelved, &tmp);
	buf_addc(byline, '\0');
	byline->len--;
	buf_addc(body, '\0');
	body->len--;
}

/*
 * Statements of one indexing run.
 *
 * An issue's top is the newest (date, name) of the issues in the index
 * when it was put, itself among them: no story with a smaller rowid than
 * the issue's stories comes before it in the results' order (rowids only
 * grow while a story holds them). A search for the newest stories reads
 * them by rowid down and gives each once the read is past it (struct
 * stream). Its stories say when the top is the issue itself (own_top),
 * as it is in a library indexed as it grew: then the search looks up
 * none (a look-up a story, the issues' pages read again each time, made
 * a search of 1,125 stories in 1,000 issues 70% slower).
 */
struct writer {
	sqlite3_stmt	*del_fts, *del_articles, *del_issue;
	sqlite3_stmt	*put_issue, *put_article, *put_fts, *top;
};

static const char *const writer_sql[] = {
	"DELETE FROM fts WHERE rowid IN (SELECT id FROM articles WHERE issue = ?1)",
	"DELETE FROM articles WHERE issue = ?1",
	"DELETE FROM issues WHERE name = ?1",
	("INSERT INTO issues(name, sig, date, paper, articles, top_date,"
	 " top_issue) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
	/* one string in two lines (the parentheses tell clang so) */
	("INSERT INTO articles(issue, date, paper, page, idx, headline,"
	 " own_top) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
	"INSERT INTO fts(rowid, head, body) VALUES(last_insert_rowid(), ?1, ?2)",
	("SELECT top_date, top_issue FROM issues"
	 " ORDER BY top_date DESC, top_issue DESC LIMIT 1"),
};

static sqlite3_stmt **
writer_stmt(struct writer *w, size_t i)
{
	sqlite3_stmt **all[] = { &w->del_fts, &w->del_articles, &w->del_issue,
	    &w->put_issue, &w->put_article, &w->put_fts, &w->top };

	return all[i];
}

#define WRITER_N (sizeof writer_sql / sizeof writer_sql[0])

static void
writer_free(struct writer *w)
{
	size_t i;

	for (i = 0; i < WRITER_N; i++)
		sq.finalize(*writer_stmt(w, i));
}

static int
writer_init(struct archive *ar, struct writer *w, char **err)
{
	size_t i;

	memset(w, 0, sizeof *w);
	for (i = 0; i < WRITER_N; i++) {
		if ((*writer_stmt(w, i) = prepare(ar, writer_sql[i], err)) ==
		    NULL) {
			writer_free(w);
			return -1;
		}
	}
	return 0;
}

/* Run st (bound) to completion and reset it. */
static int
run(struct archive *ar, sqlite3_stmt *st, char **err)
{
	int rc = sq.step(st);

	sq.reset(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	*err = db_error(ar);
	return -1;
}

/* Drop issue name's rows (inside the caller's transaction). */
static int
drop_issue(struct archive *ar, struct writer *w, const char *name, char **err)
{
	bind_str(w->del_fts, 1, name);
	bind_str(w->del_articles, 1, name);
	bind_str(w->del_issue, 1, name);
	if (run(ar, w->del_fts, err) < 0 || run(ar, w->del_articles, err) < 0 ||
	    run(ar, w->del_issue, err) < 0)
		return -1;
	return 0;
}

/* A column's text, folded (no map back: the index keeps no offsets),
 * and its bigrams. */
struct column {
	char		*s;
	size_t		 len;
	struct grams	 grams;
};

static void
column_make(struct column *c, const char *s, size_t len)
{
	c->s = text_fold_bytes(s, len, &c->len);
	grams_find(&c->grams, c->s, c->len);
}

static void
column_free(struct column *c)
{
	free(c->s);
	free(c->grams.at);
}

/* An article's row, its text folded: what the writer binds. */
struct prep_row {
	char			*headline;
	int			 page;
	size_t			 index;
	struct column		 head;	/* headline and byline */
	struct column		 body;
};

/* The bigrams of row's text that FTS5 asks for, if that is its head or
 * its body (FTS5 may hand a copy: the bytes are compared); else NULL. */
static const struct grams *
replay_for(const struct prep_row *row, const char *text, size_t len)
{
	const struct column *c[2] = { &row->head, &row->body };
	size_t i;

	for (i = 0; i < 2; i++) {
		if (len == c[i]->len && c[i]->grams.n != SIZE_MAX &&
		    memcmp(text, c[i]->s, len) == 0)
			return &c[i]->grams;
	}
	return NULL;
}

/*
 * A library entry made ready to write, by the preparing thread: its
 * signature and, unless that is the one known, the issue loaded and its
 * articles' text folded (loading and folding were half of the time of an
 * index; they now run beside SQLite's half).
 */
struct prep {
	int64_t		 sig;
	size_t		 at;		/* its row in known, or SIZE_MAX */
	bool		 unchanged;
	bool		 loaded;	/* else unchanged, or lerr says why */
	char		*lerr;
	char		*date;		/* the issue's, or NULL */
	char		*title;
	struct prep_row	*rows;
	size_t		 nrows;
	size_t		 bytes;		/* of text, before folding */
};

static void
prep_free(struct prep *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nrows; i++) {
		free(p->rows[i].headline);
		column_free(&p->rows[i].head);
		column_free(&p->rows[i].body);
	}
	free(p->rows);
	free(p->date);
	free(p->title);
	free(p->lerr);
	free(p);
}

/* What of is the writer needs, its articles' text folded; the model
 * itself is freed in the thread that made it. */
static void
prep_rows(struct prep *p, const struct issue *is)
{
	struct buf by = {0}, body = {0}, head = {0};
	size_t i, j, n = 0;

	p->loaded = true;
	p->date = is->date != NULL ? xstrdup(is->date) : NULL;
	p->title = is->title != NULL ? xstrdup(is->title) : NULL;
	for (i = 0; i < is->npages; i++)
		n += is->pages[i].narticles;
	p->rows = xcalloc(n > 0 ? n : 1, sizeof *p->rows);
	for (i = 0; i < is->npages; i++) {
		for (j = 0; j < is->pages[i].narticles; j++) {
			struct prep_row *r = &p->rows[p->nrows++];
			const struct article *a = page_article(&is->pages[i], j);
			size_t hlen;
			const char *h = article_headline(a, &hlen);

			by.len = body.len = head.len = 0;
			buf_add(&head, h != NULL ? h : "", h != NULL ? hlen : 0);
			r->headline = h != NULL ? xstrndup(h, hlen) : NULL;
			article_text(a, &by, &body);
			buf_addc(&head, '\n');
			buf_add(&head, by.s, by.len);
			p->bytes += head.len + body.len;
			r->page = a->page->number;
			r->index = a->index;
			column_make(&r->head, head.s, head.len);
			column_make(&r->body, body.s, body.len);
		}
	}
	buf_free(&by);
	buf_free(&body);
	buf_free(&head);
}

static int
put_article(struct archive *ar, struct writer *w, const char *name,
    const char *date, const char *paper, bool own_top,
    const struct prep_row *row, char **err)
{
	int r;

	bind_str(w->put_article, 1, name);
	bind_str(w->put_article, 2, date);
	bind_str(w->put_article, 3, paper);
	sq.bind_int64(w->put_article, 4, row->page);
	sq.bind_int64(w->put_article, 5, (sqlite3_int64)row->index);
	bind_str(w->put_article, 6, row->headline);
	sq.bind_int64(w->put_article, 7, own_top);
	if (run(ar, w->put_article, err) < 0)
		return -1;
	sq.bind_text(w->put_fts, 1, row->head.s, (int)row->head.len,
	    SQLITE_STATIC);
	sq.bind_text(w->put_fts, 2, row->body.s, (int)row->body.len,
	    SQLITE_STATIC);
	replaying = ar->refind ? NULL : row;
	r = run(ar, w->put_fts, err);
	replaying = NULL;
	return r;
}

/*
 * Index one issue inside the batch's transaction. *bytes grows by the
 * text it wrote. No savepoint: FTS5 flushes its pending terms to a new
 * segment at every savepoint, which was two thirds of the indexing time;
 * on an error the caller rolls the whole batch back instead.
 */
static int
put_issue(struct archive *ar, struct writer *w, const char *name,
    const struct prep *p, size_t *narticles, size_t *bytes, char **err)
{
	const char *date = p->date != NULL ? p->date : name;
	char *top_date = NULL, *top_issue = NULL;
	size_t i;
	int r, rc;

	if (p->at != SIZE_MAX && drop_issue(ar, w, name, err) < 0)
		return -1;
	if ((rc = sq.step(w->top)) == SQLITE_ROW &&
	    key_cmp(column_str(w->top, 0), column_str(w->top, 1), date,
	    name) > 0) {
		top_date = column_dup(w->top, 0);
		top_issue = column_dup(w->top, 1);
	}
	sq.reset(w->top);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*err = db_error(ar);
		return -1;
	}
	for (i = 0, r = 0; i < p->nrows && r == 0; i++)
		r = put_article(ar, w, name, date, p->title, top_date == NULL,
		    &p->rows[i], err);
	if (r == 0) {
		bind_str(w->put_issue, 1, name);
		sq.bind_int64(w->put_issue, 2, p->sig);
		bind_str(w->put_issue, 3, date);
		bind_str(w->put_issue, 4, p->title);
		sq.bind_int64(w->put_issue, 5, (sqlite3_int64)p->nrows);
		bind_str(w->put_issue, 6, top_date != NULL ? top_date : date);
		bind_str(w->put_issue, 7, top_issue != NULL ? top_issue : name);
		r = run(ar, w->put_issue, err);
	}
	free(top_date);
	free(top_issue);
	if (r < 0)
		return -1;
	*narticles += p->nrows;
	*bytes += p->bytes;
	return 0;
}

/* Commit the batch, if one is open. */
static int
batch_end(struct archive *ar, bool *open, char **err)
{
	if (!*open)
		return 0;
	*open = false;
	return exec_sql(ar, "COMMIT", err);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The indexed issues and their signatures, sorted by name. */
struct known {
	char	**names;
	int64_t	 *sigs;
	bool	 *seen;
	size_t	  n;
};

static int
known_load(struct archive *ar, struct known *k, char **err)
{
	sqlite3_stmt *st;
	size_t cap = 0;

	memset(k, 0, sizeof *k);
	st = prepare(ar, "SELECT name, sig FROM issues ORDER BY name", err);
	if (st == NULL)
		return -1;
	while (sq.step(st) == SQLITE_ROW) {
		if (k->n == cap) {
			cap = cap ? cap * 2 : 64;
			k->names = xreallocarray(k->names, cap, sizeof *k->names);
			k->sigs = xreallocarray(k->sigs, cap, sizeof *k->sigs);
		}
		k->names[k->n] = column_dup(st, 0);
		k->sigs[k->n++] = sq.column_int64(st, 1);
	}
	sq.finalize(st);
	/* ORDER BY uses SQLite's byte order, which is strcmp's for UTF-8 */
	k->seen = xcalloc(k->n + 1, sizeof *k->seen);
	return 0;
}

static void
known_free(struct known *k)
{
	size_t i;

	for (i = 0; i < k->n; i++)
		free(k->names[i]);
	free(k->names);
	free(k->sigs);
	free(k->seen);
}

/* End the batch: rolled back whole after an error (r < 0), committed
 * otherwise. Returns r, or -1 when the commit failed. */
static int
batch_close(struct archive *ar, bool *batch, int r, char **err)
{
	char *e = NULL;

	if (r < 0 && *batch) {
		exec_sql(ar, "ROLLBACK", &e);
		free(e);
		*batch = false;
		return r;
	}
	return batch_end(ar, batch, err) < 0 ? -1 : r;
}

/* Library entry i made ready (any thread): loaded and folded unless its
 * signature is the one known. k and lib are only read. */
static struct prep *
prep_entry(const struct known *k, const struct library *lib, size_t i,
    int flags)
{
	const char *name = lib->entries[i].name;
	char **hit = k->n == 0 ? NULL : bsearch(&name, k->names, k->n,
	    sizeof *k->names, name_cmp);
	struct prep *p = xcalloc(1, sizeof *p);
	struct issue *is;
	char *dir;

	p->at = hit != NULL ? (size_t)(hit - k->names) : SIZE_MAX;
	dir = xasprintf("%s/%s", lib->path, name);
	p->sig = issue_signature(dir);
	if (hit != NULL && k->sigs[p->at] == p->sig)
		p->unchanged = true;
	/* as printed, whatever script the reader shows (and the hook, the
	 * reader's, is never run from this thread) */
	else if ((is = load_issue(dir, (flags & ~(LOAD_LAZY | LOAD_SHELVE)) |
	    LOAD_AS_PRINTED, &p->lerr)) != NULL) {
		prep_rows(p, is);
		issue_free(is);
	}
	free(dir);
	return p;
}

/*
 * Entry i, made ready as p, into the index; 0, or -1 with *err. A page
 * that does not load is counted and warned.
 */
static int
index_entry(struct archive *ar, struct writer *w, struct known *k,
    const struct library *lib, size_t i, struct prep *p, bool *batch,
    size_t *bytes, struct archive_stats *st, char **warn, char **err)
{
	int r = 0;

	if (p->at != SIZE_MAX)
		k->seen[p->at] = true;
	if (p->unchanged) {
		st->unchanged++;
		return 0;
	}
	if (!p->loaded) {
		st->failed++;
		if (warn != NULL && *warn == NULL) {
			*warn = p->lerr;
			p->lerr = NULL;
		}
		return 0;
	}
	if (!*batch && exec_sql(ar, "BEGIN IMMEDIATE", err) == 0) {
		*batch = true;
		*bytes = 0;
	}
	if (!*batch || put_issue(ar, w, lib->entries[i].name, p,
	    &st->articles, bytes, err) < 0)
		r = -1;
	else if (p->at != SIZE_MAX)
		st->updated++;
	else
		st->added++;
	if (r == 0 && *bytes >= ar->batch && batch_end(ar, batch, err) < 0)
		r = -1;
	return r;
}

/*
 * The preparing thread: entries 0, 1, … made ready in order, at most
 * PREP_AHEAD ahead of the writer, until all are or stop is set.
 */
#define PREP_AHEAD 4

struct preparer {
	const struct known	*k;
	const struct library	*lib;
	int			 flags;
	pthread_t		 thread;
	bool			 running;
	pthread_mutex_t		 mu;
	pthread_cond_t		 cv;
	struct prep		*ring[PREP_AHEAD];
	size_t			 first, count;	/* the ring's entries */
	bool			 stop;
};

static void *
prepare_run(void *arg)
{
	struct preparer *pr = arg;
	size_t i;

	for (i = 0; i < pr->lib->n; i++) {
		struct prep *p;

		pthread_mutex_lock(&pr->mu);
		while (pr->count == PREP_AHEAD && !pr->stop)
			pthread_cond_wait(&pr->cv, &pr->mu);
		if (pr->stop) {
			pthread_mutex_unlock(&pr->mu);
			break;
		}
		pthread_mutex_unlock(&pr->mu);
		p = prep_entry(pr->k, pr->lib, i, pr->flags);
		pthread_mutex_lock(&pr->mu);
		pr->ring[(pr->first + pr->count++) % PREP_AHEAD] = p;
		pthread_cond_broadcast(&pr->cv);
		pthread_mutex_unlock(&pr->mu);
	}
	return NULL;
}

static void
preparer_start(struct preparer *pr, const struct known *k,
    const struct library *lib, int flags)
{
	memset(pr, 0, sizeof *pr);
	pr->k = k;
	pr->lib = lib;
	pr->flags = flags;
	pthread_mutex_init(&pr->mu, NULL);
	pthread_cond_init(&pr->cv, NULL);
	/* without a thread, each entry is made ready as it is taken */
	pr->running = lib->n > 1 &&
	    pthread_create(&pr->thread, NULL, prepare_run, pr) == 0;
}

/* Entry i, the next in order, made ready: the thread's, or made here. */
static struct prep *
preparer_take(struct preparer *pr, size_t i)
{
	struct prep *p;

	if (!pr->running)
		return prep_entry(pr->k, pr->lib, i, pr->flags);
	pthread_mutex_lock(&pr->mu);
	while (pr->count == 0)
		pthread_cond_wait(&pr->cv, &pr->mu);
	p = pr->ring[pr->first];
	pr->first = (pr->first + 1) % PREP_AHEAD;
	pr->count--;
	pthread_cond_broadcast(&pr->cv);
	pthread_mutex_unlock(&pr->mu);
	return p;
}

/* The thread stopped and joined, what it made and no one took freed. */
static void
preparer_end(struct preparer *pr)
{
	if (pr->running) {
		pthread_mutex_lock(&pr->mu);
		pr->stop = true;
		pthread_cond_broadcast(&pr->cv);
		pthread_mutex_unlock(&pr->mu);
		pthread_join(pr->thread, NULL);
	}
	while (pr->count > 0) {
		prep_free(pr->ring[pr->first]);
		pr->first = (pr->first + 1) % PREP_AHEAD;
		pr->count--;
	}
	pthread_cond_destroy(&pr->cv);
	pthread_mutex_destroy(&pr->mu);
}

/* Issues gone from the library (only after a complete pass), in one
 * transaction; 0 or -1 with *err (then none is counted removed). */
static int
drop_gone(struct archive *ar, struct writer *w, const struct known *k,
    struct archive_stats *st, char **err)
{
	bool batch = false;
	size_t i;
	int r = 0;

	for (i = 0; i < k->n && r == 0; i++) {
		if (k->seen[i])
			continue;
		if (!batch && exec_sql(ar, "BEGIN IMMEDIATE", err) < 0)
			r = -1;
		else if ((batch = true, drop_issue(ar, w, k->names[i], err)) < 0)
			r = -1;
		else
			st->removed++;
	}
	if ((r = batch_close(ar, &batch, r, err)) < 0)
		st->removed = 0;
	return r;
}

/*
 * FTS5's merging of its segments, off while a new index is built and on
 * again after (automerge and crisismerge at FTS5's defaults). Each batch
 * ends as a segment; with merging on, FTS5 merged them as they came, and
 * the optimize at the end merged everything once more: on the bench
 * library (1,000 issues, 21 batches) SQLite's thread went from 27.1G
 * instructions to 17.7G with it off. Off, at most 64 segments wait on a
 * level before FTS5 merges them anyway (a query reads each).
 */
static int
set_merging(struct archive *ar, bool on, char **err)
{
	return exec_sql(ar, on ?
	    "INSERT INTO fts(fts, rank) VALUES('automerge', 4);"
	    "INSERT INTO fts(fts, rank) VALUES('crisismerge', 16);" :
	    "INSERT INTO fts(fts, rank) VALUES('automerge', 0);"
	    "INSERT INTO fts(fts, rank) VALUES('crisismerge', 64);", err);
}

/* True when a build was cut (a kill) with merging off. */
static bool
merging_off(struct archive *ar)
{
	return sql_int(ar, "SELECT v FROM fts_config WHERE k = 'automerge'",
	    -1) == 0;
}

int
archive_index(struct archive *ar, struct library *lib, int flags,
    archive_progress *fn, void *ctx, struct archive_stats *st, char **warn,
    char **err)
{
	struct writer w;
	struct known k;
	struct preparer pr;
	size_t i, bytes = 0;
	bool batch = false;
	int r = 0;

	memset(st, 0, sizeof *st);
	if (warn != NULL)
		*warn = NULL;
	if (lib->single) {
		char *name = text_name(lib->path);

		*err = xasprintf("%s: an issue, not a library (a directory "
		    "of issue directories)", name);
		free(name);
		return -1;
	}
	if (known_load(ar, &k, err) < 0)
		return -1;
	if (writer_init(ar, &w, err) < 0) {
		known_free(&k);
		return -1;
	}
	/* off for a new index; on again after a build a kill cut */
	if (exec_sql(ar, CACHE_WRITE, err) < 0 ||
	    ((k.n == 0 || merging_off(ar)) &&
	    set_merging(ar, k.n > 0, err) < 0)) {
		(void)exec_sql(ar, CACHE_READ, NULL);
		writer_free(&w);
		known_free(&k);
		return -1;
	}
	preparer_start(&pr, &k, lib, flags);
	for (i = 0; i < lib->n && r == 0; i++) {
		if (fn != NULL && fn(i, lib->n, lib->entries[i].name, ctx) != 0)
			r = 1;
		else {
			struct prep *p = preparer_take(&pr, i);

			r = index_entry(ar, &w, &k, lib, i, p, &batch, &bytes,
			    st, warn, err);
			prep_free(p);
		}
	}
	preparer_end(&pr);
	/* What is committed stays; the batch an error cut is rolled back
	 * whole, never part of an issue kept. */
	r = batch_close(ar, &batch, r, err);
	if (r == 0)
		r = drop_gone(ar, &w, &k, st, err);
	if (k.n == 0) {
		char *e = NULL;

		/* on again, even after a stop or an error */
		if (set_merging(ar, true, r < 0 ? &e : err) < 0 && r >= 0)
			r = -1;
		free(e);
	}
	/* A new index has its segments merged into one (4% smaller, and a
	 * query reads one b-tree; later runs leave it to FTS5's automerge:
	 * an optimize rewrites the whole index). After any change the pages
	 * freed are given back. */
	if (r == 0 && k.n == 0 && st->added > 0 &&
	    exec_sql(ar, "INSERT INTO fts(fts) VALUES('optimize')", err) < 0)
		r = -1;
	if (r == 0 && st->added + st->updated + st->removed > 0 &&
	    exec_sql(ar, "PRAGMA incremental_vacuum", err) < 0)
		r = -1;
	if (r == 0 && fn != NULL)
		fn(lib->n, lib->n, NULL, ctx);
	(void)exec_sql(ar, CACHE_READ, NULL);
	writer_free(&w);
	known_free(&k);
	return r;
}

/* --- queries -------------------------------------------------------------- */

static char *snippet_cut(const char *text, size_t len, size_t s, int cols);

static void
query_free(struct query *q)
{
	size_t i, j;

	for (i = 0; i < q->n; i++) {
		for (j = 0; j < q->c[i].n; j++)
			free(q->c[i].words[j]);
		free(q->c[i].words);
	}
	free(q->c);
	free(q->date_lo);
	free(q->date_hi);
	free(q->bad);
}

/* Digits and dashes only (a date or part of one). */
static bool
is_date_part(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if ((s[i] < '0' || s[i] > '9') && s[i] != '-')
			return false;
	}
	return true;
}

/*
 * date:2025-11..2025-12, date:2025, date:..2025-06, page:1, page:2..4.
 * Returns false when w is no filter; a malformed one sets q->bad.
 */
static bool
query_filter(struct query *q, const char *w, size_t len)
{
	const char *v, *dots;
	size_t vlen, lo, hi;
	char *end;
	long a, b;

	if (len > 5 && memcmp(w, "date:", 5) == 0) {
		v = w + 5;
		vlen = len - 5;
		dots = memmem(v, vlen, "..", 2);
		lo = dots != NULL ? (size_t)(dots - v) : vlen;
		hi = dots != NULL ? vlen - lo - 2 : vlen;
		if (!is_date_part(v, lo) || !is_date_part(v + vlen - hi, hi) ||
		    lo + hi == 0) {
			free(q->bad);
			q->bad = xstrndup(w, len);
			return true;
		}
		free(q->date_lo);
		free(q->date_hi);
		q->date_lo = lo > 0 ? xstrndup(v, lo) : NULL;
		q->date_hi = hi > 0 ? xstrndup(v + vlen - hi, hi) : NULL;
		q->filtered = true;
		return true;
	}
	if (len > 5 && memcmp(w, "page:", 5) == 0) {
		char *t = xstrndup(w + 5, len - 5);

		a = strtol(t, &end, 10);
		b = a;
		if (end[0] == '.' && end[1] == '.')
			b = strtol(end + 2, &end, 10);
		if (*end != '\0' || a < 1 || b < a || b > 9999 || t[0] == '-' ||
		    t[0] == '+') {
			free(q->bad);
			q->bad = xstrndup(w, len);
		} else {
			q->page_lo = (int)a;
			q->page_hi = (int)b;
			q->filtered = true;
		}
		free(t);
		return true;
	}
	return false;
}

/* Add a folded word to the query: a new clause, or the last one when or. */
static void
query_add(struct query *q, const char *w, size_t len, bool neg, bool or)
{
	struct text_folded f;
	struct clause *c;

	text_fold(&f, w, len);
	if (f.len == 0 || memchr(f.s, '\0', f.len) != NULL) {
		text_folded_free(&f);
		return;
	}
	if (!or || q->n == 0 || q->c[q->n - 1].neg || neg) {
		q->c = xreallocarray(q->c, q->n + 1, sizeof *q->c);
		c = &q->c[q->n++];
		memset(c, 0, sizeof *c);
		c->neg = neg;
		c->indexed = !neg;
	} else
		c = &q->c[q->n - 1];
	c->words = xreallocarray(c->words, c->n + 1, sizeof *c->words);
	c->words[c->n++] = xstrdup(f.s);
	if (!has_bigram(f.s, f.len))
		c->indexed = false;
	text_folded_free(&f);
}

/*
 * Words separated by white space; "a phrase" is one word; -word negates;
 * OR (upper case) between two words joins them.
 */
static void
query_parse(struct query *q, const char *s)
{
	bool or = false;

	memset(q, 0, sizeof *q);
	while (*s != '\0') {
		bool neg = false;
		const char *w;
		size_t len;

		while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
			s++;
		if (*s == '\0')
			break;
		if (*s == '-' && s[1] != '\0' && s[1] != ' ') {
			neg = true;
			s++;
		}
		if (*s == '"') {
			w = ++s;
			while (*s != '\0' && *s != '"')
				s++;
			len = (size_t)(s - w);
			if (*s == '"')
				s++;
		} else {
			w = s;
			while (*s != '\0' && *s != ' ' && *s != '\t' &&
			    *s != '\n' && *s != '\r')
				s++;
			len = (size_t)(s - w);
			if (!neg && len == 2 && memcmp(w, "OR", 2) == 0 &&
			    q->n > 0) {
				or = true;
				continue;
			}
			if (!neg && query_filter(q, w, len))
				continue;
		}
		query_add(q, w, len, neg, or);
		or = false;
	}
}

/* An FTS5 string of len bytes: "…" with " doubled. */
static void
fts_quote(struct buf *b, const char *w, size_t len)
{
	buf_addc(b, '"');
	for (; len > 0; w++, len--) {
		if (*w == '"')
			buf_addc(b, '"');
		buf_addc(b, *w);
	}
	buf_addc(b, '"');
}

/*
 * A word with a bigram as its bigrams ANDed: the index keeps no positions
 * (detail=none), so the rows this finds are checked with herald_has() for the
 * word itself.
 */
static void
fts_bigrams(struct buf *b, const char *w)
{
	struct bigrams it = BIGRAMS(w, strlen(w));
	size_t a, e;
	bool first = true;

	buf_addc(b, '(');
	while (bigram_next(&it, &a, &e)) {
		if (!first)
			buf_adds(b, " AND ");
		fts_quote(b, w + a, e - a);
		first = false;
	}
	buf_addc(b, ')');
}

char *
archive_needle(const char *query)
{
	struct query q;
	char *needle = NULL;
	size_t i;

	query_parse(&q, query);
	for (i = 0; i < q.n && needle == NULL; i++) {
		if (!q.c[i].neg)
			needle = xstrdup(q.c[i].words[0]);
	}
	query_free(&q);
	return needle;
}

static void
archive_hits_free_one(struct archive_hit *h)
{
	free(h->issue);
	free(h->date);
	free(h->paper);
	free(h->headline);
	free(h->snippet);
}

bool
archive_outdated(const struct archive *ar)
{
	return ar->outdated;
}

size_t
archive_read(const struct archive *ar)
{
	return ar->read;
}

void
archive_hits_free(struct archive_hit *hits, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		archive_hits_free_one(&hits[i]);
	free(hits);
}

/* The FTS5 MATCH expression of q's indexed words into match; the first
 * word to find (not a negation) into *needle. True when a word is indexed. */
static bool
match_expr(const struct query *q, struct buf *match, const char **needle)
{
	size_t i, j;
	bool indexed = false;

	for (i = 0; i < q->n; i++) {
		if (!q->c[i].neg && *needle == NULL)
			*needle = q->c[i].words[0];
		if (!q->c[i].indexed)
			continue;
		if (match->len > 0)
			buf_adds(match, " AND ");
		buf_addc(match, '(');
		for (j = 0; j < q->c[i].n; j++) {
			if (j > 0)
				buf_adds(match, " OR ");
			fts_bigrams(match, q->c[i].words[j]);
		}
		buf_addc(match, ')');
		indexed = true;
	}
	return indexed;
}

/* True when word w is one bigram, all of it: a row the index finds for
 * it holds it, and needs no check. */
static bool
one_bigram(const char *w)
{
	size_t len = strlen(w), a, e;
	struct bigrams it = BIGRAMS(w, len);

	return bigram_next(&it, &a, &e) && a == 0 && e == len &&
	    !bigram_next(&it, &a, &e);
}

/* A clause the MATCH decides alone: not a negation, each word one
 * bigram (the words of two characters, the commonest query). */
static bool
clause_exact(const struct clause *c)
{
	size_t j;

	if (c->neg || !c->indexed)
		return false;
	for (j = 0; j < c->n; j++) {
		if (!one_bigram(c->words[j]))
			return false;
	}
	return true;
}

/* True when a clause of q is checked in the text (not the MATCH's alone). */
static bool
query_reads_text(const struct query *q)
{
	size_t i;

	for (i = 0; i < q->n; i++) {
		if (!clause_exact(&q->c[i]))
			return true;
	}
	return false;
}

/*
 * The SELECT for q; its parameters are bound by search_bind, in order.
 * With snip, each story's snippet is made in the query (its column 6);
 * without, that column is its rowid (see hit_snippets), and no word of
 * q is checked in the text (archive_search's choice): no text is read.
 * With newest, the rows come by rowid down, all of them, with own_top as
 * column 7 (struct stream gives them in the results' order, and stops at
 * max).
 */
static void
search_sql(const struct query *q, bool indexed, enum archive_order order,
    size_t max, bool snip, bool newest, struct buf *sql)
{
	size_t i, j;
	int bind;

	/* The text is read from FTS5's own content table (c0 head, c1
	 * body), by rowid: read through the fts table, each row's text was
	 * copied for every function that took it (a sixth of a common
	 * word's query). */
	buf_adds(sql, "SELECT a.issue, a.date, a.paper, a.page, a.idx,"
	    " a.headline, ");
	/* (a.id in the sort's records made them a third dearer to
	 * compare: 57M more instructions for 协同's 20,668 stories) */
	buf_adds(sql, snip ? "herald_snippet(c.c1, ?1, ?2)" : "a.id");
	if (newest)
		buf_adds(sql, ", a.own_top");
	buf_adds(sql, " FROM fts JOIN articles a ON a.id = fts.rowid");
	if (snip)
		buf_adds(sql, " JOIN fts_content c ON c.id = fts.rowid");
	buf_adds(sql, indexed ? " WHERE fts MATCH ?3" : " WHERE 1");
	/* Every word is checked in the folded text: the index only narrows
	 * the rows for words of three characters or more; one character and
	 * the negations are a scan. A clause of two-character words is the
	 * MATCH's alone (its words' parameters are still named, as bound). */
	bind = indexed ? 4 : 3;
	for (i = 0; i < q->n; i++) {
		bool exact = clause_exact(&q->c[i]);

		buf_adds(sql, q->c[i].neg ? " AND NOT (" : " AND (");
		for (j = 0; j < q->c[i].n; j++, bind++) {
			if (exact)
				buf_printf(sql, "%s?%d IS NOT NULL",
				    j > 0 ? " OR " : "", bind);
			else
				buf_printf(sql, "%sherald_has(c.c0, ?%d) OR"
				    " herald_has(c.c1, ?%d)",
				    j > 0 ? " OR " : "", bind, bind);
		}
		buf_addc(sql, ')');
	}
	if (q->date_lo != NULL) {
		buf_printf(sql, " AND substr(a.date, 1, length(?%d)) >= ?%d",
		    bind, bind);
		bind++;
	}
	if (q->date_hi != NULL)
		buf_printf(sql, " AND substr(a.date, 1, length(?%d)) <= ?%d",
		    bind, bind);
	if (q->page_lo > 0)
		buf_printf(sql, " AND a.page BETWEEN %d AND %d", q->page_lo,
		    q->page_hi);
	if (newest)
		buf_adds(sql, " ORDER BY fts.rowid DESC");
	else if (order == ARCHIVE_RANK && indexed)
		buf_adds(sql, " ORDER BY fts.rank");
	else
		buf_adds(sql, " ORDER BY a.date DESC, a.issue DESC, a.page,"
		    " a.idx");
	if (max > 0 && !newest)
		buf_printf(sql, " LIMIT %zu", max);
	buf_addc(sql, '\0');
}

/* search_sql's parameters, in its order; match is NUL-terminated. */
static void
search_bind(sqlite3_stmt *st, const struct query *q, const char *needle,
    int snippet_cols, bool snip, const char *match)
{
	size_t i, j;
	int bind = 3;

	if (snip) {
		sq.bind_text(st, 1, needle, -1, SQLITE_STATIC);
		sq.bind_int64(st, 2, snippet_cols);
	}
	if (match != NULL)
		sq.bind_text(st, bind++, match, -1, SQLITE_STATIC);
	for (i = 0; i < q->n; i++) {
		for (j = 0; j < q->c[i].n; j++)
			sq.bind_text(st, bind++, q->c[i].words[j], -1,
			    SQLITE_STATIC);
	}
	if (q->date_lo != NULL)
		sq.bind_text(st, bind++, q->date_lo, -1, SQLITE_STATIC);
	if (q->date_hi != NULL)
		sq.bind_text(st, bind++, q->date_hi, -1, SQLITE_STATIC);
}

/* The end of a query's read transaction (a read: nothing to lose). */
static void
end_read(struct archive *ar)
{
	char *e = NULL;

	if (exec_sql(ar, "COMMIT", &e) < 0)
		free(e);
}

/* -1 and *err: the index could not answer. */
static long
answer_error(struct archive *ar, char **err)
{
	char *e = db_error(ar);

	*err = xasprintf("query: the index could not answer (%s)", e);
	free(e);
	return -1;
}

/*
 * The row of st (search_sql's columns) as h; with snip, its column 6 is
 * the snippet, else the rowid, returned (0 with snip; h->snippet NULL).
 */
static sqlite3_int64
row_hit(sqlite3_stmt *st, bool snip, struct archive_hit *h)
{
	h->issue = column_dup(st, 0);
	h->date = column_dup(st, 1);
	h->paper = column_dup(st, 2);
	h->page = (int)sq.column_int64(st, 3);
	h->article = (int)sq.column_int64(st, 4);
	h->headline = column_dup(st, 5);
	h->snippet = snip ? column_dup(st, 6) : NULL;
	return snip ? 0 : sq.column_int64(st, 6);
}

/*
 * The rows of st as hits: with snip, its column 6 is the snippet;
 * without, it is the rowid, into *ids (caller frees; else NULL), and
 * the snippet is NULL. -1 and *err when the index could not answer.
 */
static long
collect_hits(struct archive *ar, sqlite3_stmt *st, bool snip,
    struct archive_hit **hits, sqlite3_int64 **ids, char **err)
{
	struct archive_hit *h = NULL;
	sqlite3_int64 *id = NULL;
	sqlite3_int64 rowid;
	size_t n = 0, cap = 0;
	int rc;

	while ((rc = sq.step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			h = xreallocarray(h, cap, sizeof *h);
			if (!snip)
				id = xreallocarray(id, cap, sizeof *id);
		}
		rowid = row_hit(st, snip, &h[n]);
		if (!snip)
			id[n] = rowid;
		n++;
	}
	if (rc != SQLITE_DONE) {
		archive_hits_free(h, n);
		free(id);
		return answer_error(ar, err);
	}
	*hits = h;
	*ids = id;
	return (long)n;
}

/* The results' order: newest date first, then issue name down, page and
 * story up (search_sql's ORDER BY); < 0 when x comes first. */
static int
hit_cmp(const struct archive_hit *x, const struct archive_hit *y)
{
	int c = key_cmp(y->date, y->issue, x->date, x->issue);

	if (c == 0)
		c = (x->page > y->page) - (x->page < y->page);
	if (c == 0)
		c = (x->article > y->article) - (x->article < y->article);
	return c;
}

/* A story read and not yet given, and its rowid. */
struct kept {
	struct archive_hit	h;
	sqlite3_int64		id;
};

/*
 * A search by rowid down (search_sql's newest). Each story read waits in
 * a heap, the first of the results' order on top, until its issue's top
 * says no story further down can come before it (struct writer): then it
 * is given, in order, and the read stops at max. A library indexed as it
 * grew (rowids rising with the dates) gives each issue's stories once the
 * read is past them, and a cut reads on only to the next issue's first
 * story: the 1,000 newest of 协同's 20,668 on the bench library read
 * 1,013 (a sort of them all took 19 ms, this 3).
 */
struct stream {
	struct archive	*ar;
	sqlite3_stmt	*top_st;	/* an issue's top */
	sqlite3_stmt	*text_st;	/* a story's text, for its snippet */
	const char	*needle;
	int		 cols;
	size_t		 max, given;
	archive_hit_fn	*fn;
	void		*ctx;
	struct kept	*k;		/* the heap */
	size_t		 n, cap;
	char		*last;		/* the issue of top */
	char		*top[2];	/* its top's date and name, or NULL */
};

/* Restore s's heap below i (the first story on top). */
static void
kept_down(struct stream *s, size_t i)
{
	for (;;) {
		size_t c = 2 * i + 1, first = i;
		struct kept t;

		if (c < s->n && hit_cmp(&s->k[c].h, &s->k[first].h) < 0)
			first = c;
		if (c + 1 < s->n && hit_cmp(&s->k[c + 1].h,
		    &s->k[first].h) < 0)
			first = c + 1;
		if (first == i)
			return;
		t = s->k[i];
		s->k[i] = s->k[first];
		s->k[first] = t;
		i = first;
	}
}

/* ...above its last story, just added. */
static void
kept_up(struct stream *s)
{
	size_t i = s->n - 1;

	while (i > 0 && hit_cmp(&s->k[i].h, &s->k[(i - 1) / 2].h) < 0) {
		struct kept t = s->k[i];

		s->k[i] = s->k[(i - 1) / 2];
		s->k[(i - 1) / 2] = t;
		i = (i - 1) / 2;
	}
}

/* The first story of s's heap to s->fn, its snippet made first when the
 * query made none. 0, 1 when the read is done (max given or fn said
 * stop), -1 when the text could not be read. */
static int
give_first(struct stream *s)
{
	struct kept first = s->k[0];
	int r = 0;

	s->k[0] = s->k[--s->n];
	kept_down(s, 0);
	if (first.h.snippet == NULL) {
		int rc;

		sq.bind_int64(s->text_st, 1, first.id);
		if ((rc = sq.step(s->text_st)) == SQLITE_ROW)
			first.h.snippet = snippet_folded(
			    column_str(s->text_st, 0),
			    (size_t)sq.column_bytes(s->text_st, 0), s->needle,
			    s->cols);
		sq.reset(s->text_st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			r = -1;
		else if (first.h.snippet == NULL)
			first.h.snippet = xstrdup("");
	}
	if (r == 0) {
		s->given++;
		if (s->fn(&first.h, s->ctx) != 0 || s->given == s->max)
			r = 1;
	}
	archive_hits_free_one(&first.h);
	return r;
}

/* Give what the top of the last issue read lets go, or all when end. */
static int
give_ready(struct stream *s, bool end)
{
	int r = 0;

	while (r == 0 && s->n > 0 && (end || (s->top[0] != NULL &&
	    key_cmp(s->top[0], s->top[1], s->k[0].h.date,
	    s->k[0].h.issue) < 0)))
		r = give_first(s);
	return r;
}

/* The top of the issue of h, the story just read, when it is not the last
 * one's: its own (date, name) when own, else looked up. 0 or -1. */
static int
stream_top(struct stream *s, const struct archive_hit *h, bool own)
{
	int rc;

	if (s->last != NULL && strcmp(s->last, h->issue) == 0)
		return 0;
	free(s->last);
	free(s->top[0]);
	free(s->top[1]);
	s->last = xstrdup(h->issue);
	s->top[0] = s->top[1] = NULL;
	if (own) {
		s->top[0] = xstrdup(h->date);
		s->top[1] = xstrdup(h->issue);
		return 0;
	}
	bind_str(s->top_st, 1, h->issue);
	if ((rc = sq.step(s->top_st)) == SQLITE_ROW &&
	    sq.column_text(s->top_st, 0) != NULL &&
	    sq.column_text(s->top_st, 1) != NULL) {
		s->top[0] = column_dup(s->top_st, 0);
		s->top[1] = column_dup(s->top_st, 1);
	}
	sq.reset(s->top_st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The rows of st, by rowid down, given in the results' order (see struct
 * stream); with snip, column 6 is the snippet, else the rowid. The number
 * given, or -1 and *err.
 */
static long
stream_hits(struct stream *s, sqlite3_stmt *st, bool snip, char **err)
{
	int rc, r = 0;
	size_t i;

	while (r == 0 && (rc = sq.step(st)) == SQLITE_ROW) {
		struct kept *k;

		s->ar->read++;
		if (s->n == s->cap) {
			s->cap = s->cap == 0 ? 64 : 2 * s->cap;
			s->k = xreallocarray(s->k, s->cap, sizeof *s->k);
		}
		k = &s->k[s->n++];
		k->id = row_hit(st, snip, &k->h);
		/* (before the heap moves k) */
		if (stream_top(s, &k->h, sq.column_int64(st, 7) == 1) < 0)
			r = -1;
		kept_up(s);
		if (r == 0)
			r = give_ready(s, false);
	}
	if (r == 0 && rc != SQLITE_DONE)
		r = -1;
	if (r == 0)
		r = give_ready(s, true);
	for (i = 0; i < s->n; i++)
		archive_hits_free_one(&s->k[i].h);
	if (r < 0)
		return answer_error(s->ar, err);
	return (long)s->given;
}

/* A story's rowid and its place in the results. */
struct hit_id {
	sqlite3_int64	id;
	size_t		at;
};

static int
hit_id_cmp(const void *a, const void *b)
{
	const struct hit_id *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/*
 * The snippets of hits[0, n), read by rowid once the stories are sorted
 * and cut to the results' length: made in the query, a pane of 1,000
 * results made a snippet for every story found (20,668 for 协同 on the
 * bench library). The texts are read in the order of their rowids, the
 * content table's. 0 or -1 and *err.
 */
static int
hit_snippets(struct archive *ar, struct archive_hit *h,
    const sqlite3_int64 *ids, size_t n, const char *needle, int cols,
    char **err)
{
	sqlite3_stmt *st;
	struct hit_id *by;
	size_t k;

	if (n == 0)
		return 0;
	if ((st = prepare(ar, "SELECT c1 FROM fts_content WHERE id = ?1",
	    err)) == NULL)
		return -1;
	by = xreallocarray(NULL, n, sizeof *by);
	for (k = 0; k < n; k++) {
		by[k].id = ids[k];
		by[k].at = k;
	}
	qsort(by, n, sizeof *by, hit_id_cmp);
	for (k = 0; k < n; k++) {
		const char *t = "";
		size_t len = 0, i = by[k].at;
		int rc;

		sq.bind_int64(st, 1, by[k].id);
		if ((rc = sq.step(st)) == SQLITE_ROW &&
		    sq.column_text(st, 0) != NULL) {
			t = (const char *)sq.column_text(st, 0);
			len = (size_t)sq.column_bytes(st, 0);
		} else if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
			sq.finalize(st);
			free(by);
			return (int)answer_error(ar, err);
		}
		h[i].snippet = snippet_folded(t, len, needle, cols);
		sq.reset(st);
	}
	sq.finalize(st);
	free(by);
	return 0;
}

/* What is wrong with q that no search can run, or NULL (caller frees). */
static char *
query_error(const struct query *q, const char *needle)
{
	char *b, *e;

	if (q->bad != NULL) {
		b = text_safe(q->bad);
		e = xasprintf("query: %s: expected date:YYYY-MM-DD..YYYY-MM-DD "
		    "(or a part of a date) or page:N..M", b);
		free(b);
		return e;
	}
	if (needle == NULL)
		return xstrdup(q->n == 0 ? "query: nothing to find" :
		    "query: a query needs a word to find, not only -words");
	return NULL;
}

/* archive_search's fn: the hits into an array (struct collect). */
struct collect {
	struct archive_hit	*h;
	size_t			 n, cap;
};

static int
collect_one(struct archive_hit *h, void *ctx)
{
	struct collect *c = ctx;

	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 16 : 2 * c->cap;
		c->h = xreallocarray(c->h, c->cap, sizeof *c->h);
	}
	c->h[c->n++] = *h;
	memset(h, 0, sizeof *h);
	return 0;
}

long
archive_search(struct archive *ar, const char *query,
    enum archive_order order, size_t max, int snippet_cols,
    struct archive_hit **hits, char **err)
{
	struct collect c = { NULL, 0, 0 };
	long n = archive_search_each(ar, query, order, max, snippet_cols,
	    collect_one, &c, err);

	if (n < 0) {
		archive_hits_free(c.h, c.n);
		c.h = NULL;
	}
	*hits = c.h;
	return n;
}

/*
 * True when the MATCH finds more than STREAM_MANY times max stories: then
 * the newest max are read by rowid down and the read stops (struct
 * stream); else all it finds are read up the file and sorted. Read down,
 * a cold index has no readahead: after a drop of the page cache, 协同安's
 * 1,000 newest of 1,125 took 90 ms so, 50 read up; 协同's 1,000 of 20,668
 * took 22, not 52. The count stops past the bound.
 */
#define STREAM_MANY 4

static bool
many_found(struct archive *ar, const char *match, size_t max)
{
	char *sql = xasprintf("SELECT count(*) FROM (SELECT 1 FROM fts"
	    " WHERE fts MATCH ?1 LIMIT %zu)", STREAM_MANY * max + 1);
	sqlite3_stmt *st = NULL;
	bool many = false;

	if (sq.prepare_v2(ar->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sq.bind_text(st, 1, match, -1, SQLITE_STATIC);
		many = sq.step(st) == SQLITE_ROW &&
		    (size_t)sq.column_int64(st, 0) > STREAM_MANY * max;
	}
	sq.finalize(st);
	free(sql);
	return many;
}

/* The hits of a query SQLite sorts (by rank, or without a MATCH) to fn;
 * the number given, or -1 and *err. */
static long
sorted_hits(struct archive *ar, sqlite3_stmt *st, bool snip,
    const char *needle, int cols, archive_hit_fn *fn, void *ctx, char **err)
{
	struct archive_hit *h = NULL;
	sqlite3_int64 *ids = NULL;
	long n = collect_hits(ar, st, snip, &h, &ids, err), i, given = 0;

	if (n > 0 && !snip && hit_snippets(ar, h, ids, (size_t)n, needle,
	    cols, err) < 0)
		given = -1;
	for (i = 0; i < n && given >= 0; i++) {
		given++;
		if (fn(&h[i], ctx) != 0)
			break;
	}
	archive_hits_free(h, n > 0 ? (size_t)n : 0);
	free(ids);
	return n < 0 ? -1 : given;
}

long
archive_search_each(struct archive *ar, const char *query,
    enum archive_order order, size_t max, int snippet_cols,
    archive_hit_fn *fn, void *ctx, char **err)
{
	struct query q;
	struct buf sql = {0}, match = {0};
	struct stream s = {0};
	sqlite3_stmt *st;
	const char *needle = NULL;
	bool indexed, own, snip, newest;
	long n = -1;

	ar->read = 0;
	query_parse(&q, query);
	indexed = match_expr(&q, &match, &needle);
	if (needle == NULL && q.filtered && q.n == 0)
		needle = "";	/* only filters: every story in range */
	/*
	 * Snippets are made in the query, each for the row SQLite holds,
	 * unless the results are cut (the pane's) and no word is looked for
	 * in the text (words of two characters): then for the stories given
	 * only. A text read in the query was read again after (the page
	 * cache holds few pages): 协同安 22% slower so.
	 */
	snip = max == 0 || query_reads_text(&q);
	/* The newest max of a MATCH may be read by rowid down (struct
	 * stream), not all sorted first: see many_found. */
	newest = max > 0 && indexed && order == ARCHIVE_NEWEST;
	/* One read transaction for the stories, their tops and snippets:
	 * each statement run alone began one of its own every time (twice
	 * the wall time of a common word's query), and might have seen an
	 * index written in between. */
	own = (!snip || newest) && sq.get_autocommit(ar->db) != 0;
	buf_addc(&match, '\0');
	if ((*err = query_error(&q, needle)) == NULL &&
	    (!own || exec_sql(ar, "BEGIN", err) == 0)) {
		if (newest && !many_found(ar, match.s, max))
			newest = false;
		search_sql(&q, indexed, order, max, snip, newest, &sql);
		s = (struct stream){ .ar = ar, .needle = needle,
		    .cols = snippet_cols, .max = max, .fn = fn, .ctx = ctx };
		if ((st = prepare(ar, sql.s, err)) != NULL && (!newest ||
		    ((s.top_st = prepare(ar, "SELECT top_date, top_issue"
		    " FROM issues WHERE name = ?1", err)) != NULL &&
		    (s.text_st = prepare(ar, "SELECT c1 FROM fts_content"
		    " WHERE id = ?1", err)) != NULL))) {
			search_bind(st, &q, needle, snippet_cols, snip,
			    indexed ? match.s : NULL);
			n = newest ? stream_hits(&s, st, snip, err) :
			    sorted_hits(ar, st, snip, needle, snippet_cols,
			    fn, ctx, err);
		}
		sq.finalize(st);
		sq.finalize(s.top_st);
		sq.finalize(s.text_st);
		free(s.k);
		free(s.last);
		free(s.top[0]);
		free(s.top[1]);
		if (own)
			end_read(ar);
	}
	query_free(&q);
	buf_free(&sql);
	buf_free(&match);
	return n;
}

/* --- snippets ------------------------------------------------------------- */

/* Bytes of text folded at a time while looking for the hit. */
#define SNIPPET_WINDOW 1024

/* text[0, len) with newlines, tabs and returns as spaces. Caller frees. */
static char *
snippet_flat(const char *text, size_t len)
{
	char *flat = xstrndup(text, len);
	size_t i = 0;

	/* eight bytes at a time past those with no control byte: a
	 * snippet's 500 bytes were 2,700 instructions a byte at a time */
	for (;;) {
		while (i + 8 <= len && !swar_below(swar_load(flat + i), ' '))
			i += 8;
		if (i >= len)
			break;
		if (flat[i] == '\n' || flat[i] == '\t' || flat[i] == '\r')
			flat[i] = ' ';
		i++;
	}
	return flat;
}


/*
 * archive_snippet for text already folded (the index's): the needle is
 * found as bytes, as herald_has() found it, with no folding. Folding every
 * hit's text again was 60% of a query's instructions.
 */
static char *
snippet_folded(const char *text, size_t len, const char *needle, int cols)
{
	const char *m = needle[0] != '\0' ? text_find(text, len, needle,
	    strlen(needle)) : NULL;

	return snippet_cut(text, len, m != NULL ? (size_t)(m - text) : 0, cols);
}

char *
archive_snippet(const char *text, size_t len, const char *needle, int cols)
{
	struct text_folded f;
	size_t s = 0, e = 0, from, next;
	char *flat = snippet_flat(text, len), *r;

	/* Fold a window at a time: folding costs more than the query, and
	 * the first hit is all a snippet needs. Windows overlap by more than
	 * any text the needle can match. */
	s = 0;
	for (from = 0; from < len && needle[0] != '\0'; from = next) {
		size_t end = from + SNIPPET_WINDOW + 4 * strlen(needle) + 64;
		bool hit;

		if (end >= len)
			end = len;
		else
			while (end > from && ((unsigned char)flat[end] & 0xc0) == 0x80)
				end--;
		text_fold(&f, flat + from, end - from);
		hit = text_search(&f, needle, 0, &s, &e);
		text_folded_free(&f);
		if (hit) {
			s += from;
			break;
		}
		s = 0;
		if (end == len)
			break;
		next = from + SNIPPET_WINDOW;
		while (next < len && ((unsigned char)flat[next] & 0xc0) == 0x80)
			next++;
	}
	r = snippet_cut(flat, len, s, cols);
	free(flat);
	return r;
}

/* Bytes of text after the start that a snippet's width is looked for in
 * (4 bytes a column and more: only text heavy with combining marks
 * makes a shorter snippet). width_fit breaks all it is given into
 * clusters. */
#define SNIPPET_BYTES(cols) ((size_t)(cols) * 8 + 64)

/* At most cols columns of text around byte s (the hit), its newlines,
 * tabs and returns as spaces. */
static char *
snippet_cut(const char *text, size_t len, size_t s, int cols)
{
	struct buf out = {0};
	size_t start, fit, span;
	int ew = width_str("…", strlen("…")), left, used, fitw;
	uint32_t c;
	char *flat;

	/* A third of the width before the hit, less the mark that cuts it. */
	left = cols / 3 - ew;
	start = s;
	while (start > 0 && left > 0) {
		size_t step = text_prev(text, start, &c);
		int w = c == '\n' || c == '\t' || c == '\r' ? 1 : width_cp(c);

		if (w > left)
			break;
		left -= w;
		start -= step;
	}
	/* a combining mark without its base does not start a snippet */
	while (start < s) {
		size_t step = text_next(text + start, len - start, &c);

		if (width_cp(c) != 0)
			break;
		start += step;
	}
	used = start > 0 ? ew : 0;
	span = len - start;
	if (cols > 0 && span > SNIPPET_BYTES(cols)) {
		/* never a cut inside a UTF-8 sequence */
		span = SNIPPET_BYTES(cols);
		while (span > 0 && ((unsigned char)text[start + span] & 0xc0) ==
		    0x80)
			span--;
	}
	flat = snippet_flat(text + start, span);
	/* Most snippets end before the text: as much as fits with the
	 * closing mark. Only a text that ends within span may fit whole,
	 * the mark's columns taken too: the rest is measured then. */
	fit = width_fit(flat, span, cols - used - ew > 0 ? cols - used - ew : 0,
	    &fitw);
	if (fit < span && start + span == len &&
	    width_fit(flat + fit, span - fit, cols - used - fitw, NULL) ==
	    span - fit)
		fit = span;
	if (start > 0)
		buf_adds(&out, "…");
	buf_add(&out, flat, fit);
	if (start + fit < len)
		buf_adds(&out, "…");
	buf_addc(&out, '\0');
	free(flat);
	return buf_take(&out, NULL);
}
