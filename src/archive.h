/*
 * archive.h: the full-text index of a library (issue directories) in
 * SQLite FTS5, and queries over it. No curses. libsqlite3 is loaded with
 * dlopen on first use (archive_open), so a reader that never searches
 * pays nothing for it at start.
 *
 * Decisions callers can rely on:
 *  - One index per library, at $XDG_CACHE_HOME/herald-tui/archive/HASH.db,
 *    HASH from the library's real path (which the index also records);
 *    WAL mode.
 *  - One row per article: issue date (the directory name when the issue
 *    gives none), paper, page, headline, byline, text. The text is folded
 *    as `/` folds it (text_fold: NFKC + case fold, so ＲＩＳＣ = RISC)
 *    before the bigram tokenizer sees it; queries are folded the same way.
 *    Only the folded text is kept (and the headline as written): snippets
 *    are of folded text. The index holds no positions (FTS5 detail=none):
 *    a word's bigrams find its rows, instr() checks them. About 1.5x the
 *    page text, as the issue asks.
 *  - An issue is (re)indexed when the names, sizes or mtimes of its files
 *    change; issues gone from the library leave the index. Issues are
 *    written in transactions of whole issues (about 4 MB of text each):
 *    a kill or an error mid-index leaves the batches before it indexed and
 *    the issues of the one it cut as they were before; never part of an
 *    issue.
 *  - Queries: words (AND), "a phrase", -word (NOT), OR between two words,
 *    date:FROM..TO (date prefixes, either end optional) and page:N[..M].
 *    Words of two characters or more use the bigram index (then an
 *    instr() check); one character and negations are a substring scan
 *    of the folded text. Every value is a bound parameter: quotes, *,
 *    NEAR( are only text to find.
 */
#ifndef HERALD_ARCHIVE_H
#define HERALD_ARCHIVE_H

#include <stdbool.h>
#include <stddef.h>

#include "load.h"

struct archive;

/* What archive_index did. */
struct archive_stats {
	size_t	added;		/* issues new to the index */
	size_t	updated;	/* issues whose files changed */
	size_t	unchanged;
	size_t	removed;	/* issues gone from the library */
	size_t	failed;		/* issues that could not be read */
	size_t	articles;	/* articles written */
};

/*
 * fn(done, total, name, ctx) before each issue that is checked; a non-zero
 * return stops indexing there (what is done stays done).
 */
typedef int archive_progress(size_t done, size_t total, const char *name,
    void *ctx);

enum archive_order {
	ARCHIVE_NEWEST,		/* issue date, newest first; then page, article */
	ARCHIVE_RANK,		/* FTS5 rank (bm25) when the index answers; else newest */
};

struct archive_hit {
	char	*issue;		/* the issue directory's name */
	char	*date;		/* YYYY-MM-DD or the issue's name */
	char	*paper;		/* the issue's title */
	int	 page;
	int	 article;	/* 0-based position on its page */
	char	*headline;	/* as written (not folded) */
	char	*snippet;	/* text around the first hit, see archive_snippet */
};

/*
 * The index of the library at path (a directory of issue directories),
 * created if missing. NULL and *err ("PATH: reason", caller frees) when
 * path is no library, the cache cannot be written or libsqlite3 is not
 * there.
 */
struct archive *archive_open(const char *path, char **err);
void archive_close(struct archive *ar);
/* The index file (borrowed). */
const char *archive_file(const struct archive *ar);
/* Bytes of text per transaction (tests make it small). */
void archive_set_batch(struct archive *ar, size_t bytes);
/* true: the tokenizer finds each row's bigrams itself, as it does for a
 * query, instead of taking those the preparing thread found (tests
 * compare the two indexes). */
void archive_set_refind(struct archive *ar, bool refind);
/* The libsqlite3 version, loading it; NULL when it is not installed. */
const char *archive_library(void);

/* Make the index's tokenizer known to another connection to its file (a
 * test's, say): 0, or -1 without libsqlite3 or its FTS5. */
struct sqlite3;
int archive_register(struct sqlite3 *db);

/*
 * Bring the index up to date with lib (opened by load_open on the same
 * path; entries it loads stay loaded). flags as for load_issue. Returns 0,
 * 1 when fn stopped it, -1 and *err on a database error. Issues that
 * cannot be read are counted in st->failed, and the first one's message
 * is in *warn (caller frees; may be NULL). Issues are read and folded in
 * a thread of its own, a few ahead of the writer, with LOAD_AS_PRINTED
 * (the load hook never runs); fn runs in the caller's thread, and the
 * other thread has ended when this returns.
 */
int archive_index(struct archive *ar, struct library *lib, int flags,
    archive_progress *fn, void *ctx, struct archive_stats *st, char **warn,
    char **err);
/* Issues in the index. */
size_t archive_count(struct archive *ar);
/* True when archive_open found an index of another herald-tui's format
 * and emptied it: --index builds it again. */
bool archive_outdated(const struct archive *ar);

/*
 * Run query; *hits (caller frees with archive_hits_free) gets up to max
 * hits (0: no limit), snippets of snippet_cols columns. Returns the number
 * of hits, or -1 and *err ("query: reason", never SQL) for a query that
 * finds nothing by construction (empty, only -words) or a database error.
 */
long archive_search(struct archive *ar, const char *query,
    enum archive_order order, size_t max, int snippet_cols,
    struct archive_hit **hits, char **err);
/*
 * archive_search giving each hit to fn: a cut (max > 0) newest-first
 * query of words of two characters or more as soon as each is known to
 * come next, the first after a few stories are read; others once all are
 * sorted. fn may take h's strings (and set them NULL), and stops the
 * search by returning nonzero. Returns the number given, or -1 and *err.
 */
typedef int archive_hit_fn(struct archive_hit *h, void *ctx);
long archive_search_each(struct archive *ar, const char *query,
    enum archive_order order, size_t max, int snippet_cols,
    archive_hit_fn *fn, void *ctx, char **err);
void archive_hits_free(struct archive_hit *hits, size_t n);
/* The stories the last archive_search read by rowid down to find the
 * newest max; 0 when SQLite sorted every story found instead (the tests
 * and the bench: a cut search reads few more than max). */
size_t archive_read(const struct archive *ar);
/* The first word query finds (folded, as snippets are), or NULL. Caller
 * frees. */
char *archive_needle(const char *query);

/*
 * At most cols columns of text (newlines as spaces) around the first
 * match of needle, folded as text_search folds; whole clusters, cut with
 * "…" at either side where text was left out. Without a match, the start
 * of the text. Caller frees.
 */
char *archive_snippet(const char *text, size_t len, const char *needle,
    int cols);

#endif
