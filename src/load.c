/*
 * load.c: files, issue directories and library directories → the model.
 *
 * Loading is a pipeline, one file per stage:
 *   load.c        reading: files, issue directories, libraries, issue.ini
 *   source-md.c   source: a page's Markdown → blocks (source.h)
 *   source-text.c source: a page's plain text → blocks; page separators
 *   recog.c       recognisers: what a block is (jump, byline, credit, …)
 *   assemble.c    the page rules: blocks → articles, items, contents box
 *   resolve.c     links across pages: jumps and contents entries
 * Every character of the input's text ends up in exactly one block or
 * field of the model.
 *
 * It must never write to an input file, never crash or hang on any input
 * (FIFOs are opened non-blocking and refused), and never put an unsanitised
 * byte into the model or into an error message.
 */
#include "build-config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <iniparser.h>

#include "assemble.h"
#include "buf.h"
#include "file.h"
#include "issue.h"
#include "load.h"
#include "recog.h"
#include "resolve.h"
#include "scan.h"
#include "source.h"
#include "segment.h"
#include "shelf.h"
#include "text.h"
#include "xmalloc.h"

/* issue.ini is small; anything larger is not one. */
#define LOAD_MAX_INI (64 * 1024)

/* ------------------------------------------------------------------ */
/* files and directories                                               */

static char *errf(const char *path, const char *fmt, ...) HERALD_PRINTF(2, 3);

/* "PATH: reason", with PATH made safe to print (text_name). Caller frees. */
static char *
errf(const char *path, const char *fmt, ...)
{
	va_list ap;
	char *safe, *why, *r;

	va_start(ap, fmt);
	why = xvasprintf(fmt, ap);
	va_end(ap);
	safe = text_name(path);
	r = xasprintf("%s: %s", safe, why);
	free(safe);
	free(why);
	return r;
}

static void
set_err(char **err, char *msg)
{
	if (err != NULL)
		*err = msg;
	else
		free(msg);
}

/*
 * Read a whole issue file of at most max bytes. Returns the bytes
 * (NUL-terminated; caller frees) or NULL with *err set.
 */
static void
file_err(const char *path, const struct file_error *ep, size_t max,
         char **err)
{
	struct file_error e = *ep;

	switch (e.status) {
	case FILE_NOT_REGULAR:
		*err = errf(path, "%s, not an issue file", file_kind(e.mode));
		break;
	case FILE_TOO_LARGE:
		if (e.size >= 0)
			*err = errf(path,
			            "file too large (%lld bytes; the limit is %zu)",
			            e.size, max);
		else
			*err = errf(path, "file too large (the limit is %zu)",
			            max);
		break;
	default:
		*err = errf(path, "%s", strerror(e.err));
		break;
	}
}

static char *
read_file(const char *path, size_t max, size_t *outlen, char **err)
{
	struct file_error e;
	char *s = file_read(path, max, outlen, &e);

	if (s == NULL)
		file_err(path, &e, max, err);
	return s;
}

static struct issue *
issue_new(const char *path)
{
	struct issue *is = xcalloc(1, sizeof *is);

	is->path = xstrdup(path);
	return is;
}

/* A new issue of one file, with its first page. */
static struct issue *
load_single(const char *path)
{
	struct issue *is = issue_new(path);

	issue_add_page(is, 1, path);
	return is;
}

/* own: see assemble_page; freed here in every case. more: see
 * assemble_pages (a single file's page breaks make pages). */
static int
load_page_split(struct issue *is, int flags, struct page *pg, const char *data,
                size_t len, char *own, assemble_more *more, char **err)
{
	if (len > LOAD_MAX_FILE) {
		*err = errf(pg->path,
		            "file too large (%zu bytes; the limit is "
		            "%u)",
		            len, LOAD_MAX_FILE);
		free(own);
		return -1;
	}
	if (text_has_nul(data, len)) {
		*err = errf(pg->path, "binary file (NUL bytes), not an issue");
		free(own);
		return -1;
	}
	return assemble_pages(is, pg, flags, data, len, own, more, is, err);
}

static int
load_page_bytes(struct issue *is, int flags, struct page *pg, const char *data,
                size_t len, char *own, char **err)
{
	return load_page_split(is, flags, pg, data, len, own, NULL, err);
}

static load_hook *hook;
static void *hook_ctx;
/* In the whole read of a file load_head parsed in part (load_whole's,
 * or a load_job's thread): its stop flag, else NULL. That read leaves
 * the hook alone: take_whole runs it, in the main thread, on the issue
 * the whole model is moved into. */
static _Thread_local const atomic_bool *whole_stop;
/* ...and where it says how far its parse is, else NULL */
static _Thread_local struct segment_progress *whole_progress;

void
load_set_hook(load_hook *fn, void *ctx)
{
	hook = fn;
	hook_ctx = ctx;
}

/* Back pointers and indexes, once the arrays no longer move; flags are
 * the load's. */
static void
finish_issue(struct issue *is, int flags)
{
	size_t i, j;

	for (i = 0; i < is->npages; i++) {
		is->pages[i].issue = is;
		for (j = 0; j < is->pages[i].narticles; j++) {
			is->pages[i].articles[j].page = &is->pages[i];
			is->pages[i].articles[j].index = j;
		}
	}
	/* the flag first: the archive's thread never reads hook. After
	 * the pointers: a story kept in the file is read back through its
	 * page (shelf.c) when the hook converts it */
	if (!(flags & LOAD_AS_PRINTED) && whole_stop == NULL && hook != NULL)
		hook(is, hook_ctx);
	resolve_issue(is);
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	while (s != NULL && s[1] == '\0' && s > path) {
		/* "dir/" : look before the trailing slash */
		const char *t = s;

		while (t > path && t[-1] != '/')
			t--;
		if (t == s)
			break;
		return t;
	}
	return s ? s + 1 : path;
}

/* The issue's title when neither the masthead nor issue.ini gives one. */
static char *
default_title(const char *path)
{
	const char *b = base_name(path);
	size_t n = strcspn(b, "/");
	char *t, *safe;

	t = xstrndup(b, n);
	safe = text_name(t);
	free(t);
	return safe;
}

/* load_buffer, with own as in assemble_page (freed here). */
static struct issue *
load_bytes(const char *name, const char *buf, size_t len, char *own, int flags,
           char **err)
{
	struct issue *is;
	struct page *pg;
	char *e = NULL;

	if (name == NULL)
		name = "(buffer)";
	is = issue_new(name);
	pg = issue_add_page(is, 1, name);
	if (load_page_split(is, flags, pg, buf ? buf : "", buf ? len : 0, own,
	                    issue_more_page, &e) != 0) {
		set_err(err, e);
		issue_free(is);
		return NULL;
	}
	if (is->title == NULL)
		is->title = default_title(name);
	finish_issue(is, flags);
	return is;
}

struct issue *
load_buffer(const char *name, const char *buf, size_t len, int flags,
            char **err)
{
	return load_bytes(name, buf, len, NULL, flags, err);
}

/*
 * Where a big Markdown file may be cut for its first screen (LOAD_LAZY):
 * the start of the first heading line (an article or a page) between
 * LOAD_FIRST and 2 * LOAD_FIRST bytes into its head (the file's first
 * bytes, hlen of them; the file is total bytes). Returns 0 for no cut. A
 * cheap scan: memchr for line starts, nothing parsed.
 */
#define LOAD_FIRST (64 * 1024)

static size_t
first_cut(const char *path, const char *head, size_t hlen, size_t total)
{
	const char *p, *e = head + hlen;

	if (total < 4 * LOAD_FIRST || hlen <= LOAD_FIRST ||
	    !source_is_markdown_name(path))
		return 0;
	for (p = head + LOAD_FIRST; p < e; p++) {
		if ((p = memchr(p, '\n', (size_t)(e - p))) == NULL)
			return 0;
		if (p + 1 < e && p[1] == '#')
			return (size_t)(p + 1 - head);
	}
	return 0;	/* no heading near: parse it all */
}

/*
 * The first bytes of path to parse for a first screen (load_head): *head
 * (caller frees) and the length to parse of it, the bytes up to a
 * heading line near the start. 0, *head NULL, when the file is not one
 * to cut (small, or a NUL or a form feed near its start: read whole);
 * -1 with *err when it cannot be read.
 */
static long
head_cut(const char *path, char **head, char **err)
{
	struct file_error fe;
	size_t hlen, total, cut;
	/* the whole load reads a big Markdown file in parts (stream.c) */
	size_t max = source_is_markdown_name(path) ? LOAD_MAX_STREAM
	                                           : LOAD_MAX_FILE;
	int nul, ff;

	*head = file_read_head(path, max, 2 * LOAD_FIRST, &hlen, &total,
	                       &nul, &ff, &fe);
	if (*head == NULL) {
		file_err(path, &fe, max, err);
		return -1;
	}
	if (nul || ff || (cut = first_cut(path, *head, hlen, total)) == 0) {
		free(*head);
		*head = NULL;
		return 0;
	}
	return (long)cut;
}

/*
 * LOAD_LAZY: the first screen of a big Markdown file from its first
 * articles, read and parsed alone; the file's other bytes are not read
 * (a NUL or a form feed in the first ones makes an eager load).
 * issue_load_pages() reads and parses the whole file later and replaces
 * this model with the one an eager load gives; a NUL byte further on is
 * then its error, in the status line, the first articles kept. NULL with
 * *err unset when the file is not one to cut.
 */
static struct issue *
load_head(const char *path, int flags, char **err)
{
	struct issue *is;
	char *head;
	long cut;

	if ((cut = head_cut(path, &head, err)) <= 0)
		return NULL;
	if ((is = load_bytes(path, head, (size_t)cut, head, flags, err)) ==
	    NULL)
		return NULL;
	is->partial = true;
	is->load_flags = flags & ~LOAD_LAZY;
	is->npending++;
	return is;
}

/*
 * f's parts parsed into pg of is by the rules (more: a single file's
 * page breaks make pages; NULL for a page file of an issue directory),
 * its stories shelved when flags say: SEGMENT_DONE, or SEGMENT_FAILED
 * with *err. emit, batch and finals: see assemble_stream_new.
 */
static int
feed_parts(struct issue *is, struct page *pg, struct segment_file *f,
           int flags, assemble_more *more, assemble_emit *emit, void *ectx,
           size_t batch, const struct issue *finals, char **err)
{
	struct assemble_stream *as;
	struct shelver *sv = NULL;
	char *e = NULL;
	int rc;

	as = assemble_stream_new(is, pg, flags, more, is, emit, ectx);
	assemble_stream_batch(as, batch);
	if (finals != NULL)
		assemble_stream_finals(as, finals->pages, finals->npages);
	if (emit == NULL && (flags & LOAD_SHELVE) &&
	    (sv = shelver_new(is, f->fd, &f->st, flags, more == NULL)) !=
	        NULL)
		assemble_stream_done(as, shelf_done, sv);
	rc = segment_feed(f, as, err);
	if (assemble_stream_end(as, &e) != 0 && rc == SEGMENT_DONE) {
		*err = e;
		rc = SEGMENT_FAILED;
	} else
		free(e);
	shelver_free(sv);
	return rc;
}

struct issue *
load_parts(struct segment_file *f, int flags, assemble_emit *emit,
           void *ectx, size_t batch, const struct issue *finals, char **err)
{
	struct issue *is = load_single(f->path);

	if (feed_parts(is, &is->pages[0], f, flags, issue_more_page, emit,
	               ectx, batch, finals, err) != SEGMENT_DONE) {
		issue_free(is);
		return NULL;
	}
	if (is->title == NULL)
		is->title = default_title(f->path);
	return is;
}

/*
 * path opened to be read in parts (segment.h) and scanned, its read
 * stopped and followed as the whole read's thread says: SEGMENT_DONE, f
 * then to be fed and closed; else closed, SEGMENT_WHOLE when it is not a
 * file to read so, SEGMENT_FAILED with *err.
 */
static int
open_parts(struct segment_file *f, const char *path, char **err)
{
	struct segment_size z;
	char *safe;
	int rc;

	segment_size_from_env(&z);
	if (!segment_open(f, path, &z))
		return SEGMENT_WHOLE;
	f->stop = whole_stop;
	f->progress = whole_progress;
	if ((uintmax_t)f->st.st_size > LOAD_MAX_STREAM) {
		safe = text_name(path);
		*err = xasprintf("%s: file too large (%jd bytes; the limit is "
		                 "%ju)", safe, (intmax_t)f->st.st_size,
		                 (uintmax_t)LOAD_MAX_STREAM);
		free(safe);
		rc = SEGMENT_FAILED;
	} else
		rc = segment_scan(f, err);
	if (rc != SEGMENT_DONE)
		segment_close(f);
	return rc;
}

/*
 * A big Markdown file read in parts (segment.h): the model a whole read
 * gives, without the file and its sanitised text held whole. NULL with
 * *err NULL when the file is not one to read so.
 */
static struct issue *
load_segmented(const char *path, int flags, char **err)
{
	struct segment_file f;
	struct issue *is;

	*err = NULL;
	if (open_parts(&f, path, err) != SEGMENT_DONE)
		return NULL;
	if ((is = load_parts(&f, flags, NULL, NULL, 0, NULL, err)) != NULL)
		finish_issue(is, flags);
	segment_close(&f);
	return is;
}

static struct issue *
load_file(const char *path, int flags, char **err)
{
	struct issue *is;
	char *data, *e = NULL;
	size_t len;

	if (flags & LOAD_LAZY) {
		if ((is = load_head(path, flags, &e)) != NULL)
			return is;
		if (e != NULL) {
			set_err(err, e);
			return NULL;
		}
	}
	if ((is = load_segmented(path, flags & ~LOAD_LAZY, &e)) != NULL)
		return is;
	if (e != NULL) {
		set_err(err, e);
		return NULL;
	}
	if ((data = read_file(path, LOAD_MAX_FILE, &len, &e)) == NULL) {
		set_err(err, e);
		return NULL;
	}
	xmalloc_expect(len + len / 2); /* the model: its text and more */
	return load_bytes(path, data, len, data, flags, err);
}

/*
 * full, the whole model of the file that load_head parsed in part into
 * is, moved into is (so that pointers to is stay good); fn sees both
 * models before the part's goes. The hook runs on is, once the model is
 * in it: what it keeps pointers to (the script conversion's twin:
 * &is->title…) must be is's fields, not those of full, freed here.
 */
static void
take_whole(struct issue *is, struct issue *full, load_remap *fn, void *ctx)
{
	struct issue tmp;
	size_t i;

	full->load_flags = is->load_flags;
	tmp = *is;
	*is = *full;
	*full = tmp;
	for (i = 0; i < is->npages; i++)
		is->pages[i].issue = is;
	if (hook != NULL && !(is->load_flags & LOAD_AS_PRINTED))
		hook(is, hook_ctx);
	if (fn != NULL)
		fn(ctx, full, is);
	issue_free(full);
}

static char *failed_message(const struct issue *is, size_t nfailed);

/*
 * The whole read's end (full, or NULL when it failed, err saying why):
 * is is no longer pending, and holds the whole model, or keeps its first
 * part (the pages of a directory not read yet fail with err). 0, or -1
 * with *err: the read failed, or pages of it did.
 */
static int
end_whole(struct issue *is, struct issue *full, char *err, load_remap *fn,
          void *ctx, char **errp)
{
	size_t i, nfailed;

	is->partial = false;
	is->npending = 0;
	if (full == NULL) {
		for (i = 0; i < is->npages; i++)
			if (is->pages[i].pending) {
				is->pages[i].pending = false;
				is->pages[i].failed = xstrdup(err != NULL ?
				    err : "the page could not be read");
			}
		set_err(errp, err);
		return -1;
	}
	free(err);
	take_whole(is, full, fn, ctx);
	if ((nfailed = issue_count_failed(is)) > 0) {
		set_err(errp, failed_message(is, nfailed));
		return -1;
	}
	return 0;
}

/* The whole read of path, in the calling thread, stopped when stop is
 * set: a file's, or an issue directory's with the pages that cannot be
 * read marked failed (end_whole says so). */
static struct issue *
read_whole(const char *path, int flags, const atomic_bool *stop,
           struct segment_progress *progress, char **err)
{
	const atomic_bool *was = whole_stop;
	struct segment_progress *was_progress = whole_progress;
	struct issue *full;

	whole_stop = stop;
	whole_progress = progress;
	full = load_issue(path, flags | LOAD_KEEP_FAILED, err);
	whole_stop = was;
	whole_progress = was_progress;
	return full;
}

/*
 * The whole of a file that load_head parsed in part: read and parsed
 * now, into is. On failure (the file went, or changed into one that
 * cannot be read) is keeps its first part and *err says why.
 */
static int
load_whole(struct issue *is, char **err)
{
	static const atomic_bool never; /* zero: not set */
	struct issue *full;
	char *e = NULL;

	full = read_whole(is->path, is->load_flags, &never, NULL, &e);
	return end_whole(is, full, e, NULL, NULL, err);
}

/* --- the whole read in a thread of its own ------------------------------- */

struct load_job {
	pthread_t thread;
	struct issue *is;
	char *path;
	int flags;
	atomic_bool stop, done;
	struct segment_progress progress; /* of a read in parts */
	struct issue *full; /* the thread's model, or NULL and err */
	char *err;
	int wake[2];	    /* a byte written when done; -1 when no pipe */
};

static void *
job_run(void *arg)
{
	struct load_job *job = arg;

	job->full = read_whole(job->path, job->flags, &job->stop,
	                       &job->progress, &job->err);
	atomic_store(&job->done, true);
	if (job->wake[1] >= 0)
		(void)!write(job->wake[1], "", 1);
	return NULL;
}

static void job_free(struct load_job *job);

struct load_job *
load_job_start(struct issue *is)
{
	struct load_job *job;

	if (is == NULL || !is->partial)
		return NULL;
	job = xcalloc(1, sizeof *job);
	job->is = is;
	job->path = xstrdup(is->path);
	job->flags = is->load_flags;
	atomic_init(&job->stop, false);
	atomic_init(&job->done, false);
	atomic_init(&job->progress.parsed, 0);
	atomic_init(&job->progress.size, 0);
	if (pipe2(job->wake, O_CLOEXEC | O_NONBLOCK) != 0)
		job->wake[0] = job->wake[1] = -1;
	if (pthread_create(&job->thread, NULL, job_run, job) != 0) {
		job->full = NULL;
		job_free(job);
		return NULL;
	}
	return job;
}

bool
load_job_done(const struct load_job *job)
{
	return job != NULL && atomic_load(&job->done);
}

int
load_job_percent(const struct load_job *job)
{
	unsigned long long n, size;

	if (job == NULL || (size = atomic_load(&job->progress.size)) == 0 ||
	    (n = atomic_load(&job->progress.parsed)) == 0)
		return -1;
	return n >= size ? 100 : (int)(n * 100 / size);
}

int
load_job_fd(const struct load_job *job)
{
	return job != NULL ? job->wake[0] : -1;
}

static void
job_free(struct load_job *job)
{
	issue_free(job->full);
	free(job->err);
	free(job->path);
	if (job->wake[0] >= 0) {
		close(job->wake[0]);
		close(job->wake[1]);
	}
	free(job);
}

int
load_job_finish(struct load_job *job, load_remap *fn, void *ctx, char **err)
{
	struct issue *is = job->is;
	int r;

	pthread_join(job->thread, NULL);
	r = end_whole(is, job->full, job->err, fn, ctx, err);
	job->err = NULL;
	job->full = NULL; /* is's now, or none */
	job_free(job);
	return r;
}

void
load_job_cancel(struct load_job *job)
{
	if (job == NULL)
		return;
	atomic_store(&job->stop, true);
	pthread_join(job->thread, NULL);
	job_free(job);
}

struct pagefile {
	int number;
	char *name;
};

static int
pagefile_cmp(const void *a, const void *b)
{
	const struct pagefile *x = a, *y = b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return strcmp(x->name, y->name);
}

static bool
page_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot != NULL &&
	       (strcasecmp(dot, ".md") == 0 || strcasecmp(dot, ".txt") == 0 ||
	        strcasecmp(dot, ".markdown") == 0 ||
	        strcasecmp(dot, ".html") == 0 || strcasecmp(dot, ".htm") == 0);
}

static char *
join_path(const char *dir, const char *name)
{
	size_t n = strlen(dir), m = strlen(name), k;
	char *p;

	k = n > 0 && dir[n - 1] == '/' ? 0 : 1;
	p = xmalloc(n + k + m + 1);
	memcpy(p, dir, n);
	p[n] = '/';
	memcpy(p + n + k, name, m + 1);
	return p;
}

/*
 * Entry de of the open directory d is a directory (following symbolic
 * links, as stat does). d_type answers without a system call on most
 * file systems; an entry that cannot be stat'ed is not a directory.
 */
static bool
entry_is_dir(DIR *d, const struct dirent *de)
{
	struct stat st;

#ifdef DT_DIR
	if (de->d_type == DT_DIR)
		return true;
	if (de->d_type != DT_UNKNOWN && de->d_type != DT_LNK)
		return false;
#endif
	return fstatat(dirfd(d), de->d_name, &st, 0) == 0 &&
	       S_ISDIR(st.st_mode);
}

/* A page file's name: .md, .txt, .markdown, .html or .htm, a digit before
 * the dot. */
static bool
page_name(const char *name)
{
	const char *p;

	if (name[0] == '.' || !page_ext(name))
		return false;
	for (p = name; *p && (*p < '0' || *p > '9'); p++)
		;
	return *p != '\0' && p < strrchr(name, '.');
}

/*
 * Would list_pages find anything in dir (or fail)? Stops at the first
 * page file: no stat of the others, no allocation, no sorting. This is
 * what tells an issue from any other subdirectory of a library
 * (library_check), at the cost of one readdir.
 */
static bool
has_pages(const char *dir)
{
	struct dirent *de;
	DIR *d;
	bool found = false;

	if ((d = opendir(dir)) == NULL)
		return true; /* list_pages fails: load_dir reports it */
	while (!found && (de = readdir(d)) != NULL)
		found = page_name(de->d_name) && !entry_is_dir(d, de);
	closedir(d);
	return found;
}

static void
pagefiles_free(struct pagefile *pf, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(pf[i].name);
	free(pf);
}

/*
 * Adds the page file name (page_name, not a directory) of directory dir
 * to *pf: its first run of digits is the page number. -1 with *err when
 * that number is out of range.
 */
static int
pagefile_add(struct pagefile **pf, size_t *n, const char *dir,
             const char *name, char **err)
{
	const char *p;
	char *full;
	long v;
	int nd;

	for (p = name; *p < '0' || *p > '9'; p++)
		;
	scan_digits(p, strlen(p), &v, &nd);
	if (v < 1 || v > RECOG_MAX_PAGE) {
		full = join_path(dir, name);
		*err = errf(full, "page number out of range (1..%d)",
		            RECOG_MAX_PAGE);
		free(full);
		return -1;
	}
	*pf = xgrow(*pf, *n, sizeof **pf);
	(*pf)[*n].number = (int)v;
	(*pf)[*n].name = xstrdup(name);
	(*n)++;
	return 0;
}

/* Sorts the page files of dir by page number; -1 with *err (and pf
 * freed) when two are the same page. */
static int
pagefiles_sort(struct pagefile *pf, size_t n, const char *dir, char **err)
{
	size_t i;

	if (n > 1)
		qsort(pf, n, sizeof *pf, pagefile_cmp);
	for (i = 1; i < n; i++)
		if (pf[i].number == pf[i - 1].number) {
			char *a = text_name(pf[i - 1].name);
			char *b = text_name(pf[i].name);

			*err = errf(dir, "%s and %s are both page %d", a, b,
			            pf[i].number);
			free(a);
			free(b);
			pagefiles_free(pf, n);
			return -1;
		}
	return 0;
}

/*
 * The page files of dir, sorted by page number (see pagefile_add; other
 * names are ignored). Returns the count, or -1 with *err (duplicates, bad
 * numbers, opendir).
 */
static long
list_pages(const char *dir, struct pagefile **out, char **err)
{
	struct pagefile *pf = NULL;
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	*out = NULL;
	if ((d = opendir(dir)) == NULL) {
		*err = errf(dir, "%s", strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (page_name(de->d_name) && !entry_is_dir(d, de) &&
		    pagefile_add(&pf, &n, dir, de->d_name, err) != 0) {
			closedir(d);
			pagefiles_free(pf, n);
			return -1;
		}
	closedir(d);
	if (pagefiles_sort(pf, n, dir, err) != 0)
		return -1;
	*out = pf;
	return (long)n;
}

static char ini_msg[512];

static int ini_error(const char *fmt, ...) HERALD_PRINTF(1, 2);

/* iniparser's complaints go here, never to the terminal. */
static int
ini_error(const char *fmt, ...)
{
	va_list ap;

	if (ini_msg[0] != '\0')
		return 0; /* keep the first */
	va_start(ap, fmt);
	vsnprintf(ini_msg, sizeof ini_msg, fmt, ap);
	va_end(ap);
	return 0;
}

/* iniparser's complaint, with the file's name in it shown as text_name
 * shows it. Caller frees. */
static char *
ini_message(const char *path)
{
	return text_name_in(ini_msg[0] != '\0' ? ini_msg : "cannot parse",
	                    path, path);
}

static char *
ini_value(dictionary *d, const char *key)
{
	const char *v = iniparser_getstring(d, key, NULL);
	size_t n;
	char *s, *t;

	if (v == NULL)
		return NULL;
	s = text_sanitize(v, strlen(v), 0, &n);
	t = scan_dup_trimmed(s, n, NULL);
	free(s);
	if (*t == '\0') {
		free(t);
		return NULL;
	}
	return t;
}

/* A positive decimal number up to max, else -1. */
static long
ini_number(const char *s, long max)
{
	long v;
	int nd;
	size_t k;

	k = scan_digits(s, strlen(s), &v, &nd);
	if (k == 0 || s[k] != '\0' || v < 1 || v > max)
		return -1;
	return v;
}

/* issue.ini's [issue] keys fill what the pages' own text did not give. */
static int
apply_ini(struct issue *is, const char *dir, char **err)
{
	dictionary *d;
	struct stat st;
	char *path, *v, *msg;
	long n;
	int rc = -1;

	path = join_path(dir, "issue.ini");
	if (stat(path, &st) == -1) {
		free(path);
		return 0; /* optional */
	}
	if (!S_ISREG(st.st_mode) || st.st_size > LOAD_MAX_INI) {
		*err = errf(path,
		            S_ISREG(st.st_mode) ? "file too large"
		                                : "%s, not an ini file",
		            file_kind(st.st_mode));
		free(path);
		return -1;
	}
	ini_msg[0] = '\0';
	iniparser_set_error_callback(ini_error);
	d = iniparser_load(path);
	if (d == NULL) {
		msg = ini_message(path);
		*err = errf(path, "%s", msg);
		free(msg);
		free(path);
		return -1;
	}
	if (is->title == NULL)
		is->title = ini_value(d, "issue:title");
	if (is->title_en == NULL)
		is->title_en = ini_value(d, "issue:title_en");
	if ((v = ini_value(d, "issue:date")) != NULL) {
		int y, mo, da;
		char tail;

		if (sscanf(v, "%4d-%2d-%2d%c", &y, &mo, &da, &tail) != 3 ||
		    strlen(v) != 10 || mo < 1 || mo > 12 || da < 1 || da > 31) {
			*err = errf(path, "date: not YYYY-MM-DD: %s", v);
			free(v);
			goto out;
		}
		if (is->date == NULL)
			is->date = v;
		else
			free(v);
	}
	if ((v = ini_value(d, "issue:number")) != NULL) {
		if ((n = ini_number(v, 1000000000L - 1)) < 0) {
			*err =
			    errf(path, "number: not a positive number: %s", v);
			free(v);
			goto out;
		}
		if (is->number == 0)
			is->number = (int)n;
		free(v);
	}
	if ((v = ini_value(d, "issue:pages")) != NULL) {
		if ((n = ini_number(v, RECOG_MAX_PAGE)) < 0) {
			*err = errf(path, "pages: not a page count (1..%d): %s",
			            RECOG_MAX_PAGE, v);
			free(v);
			goto out;
		}
		if (is->page_count == 0)
			is->page_count = (int)n;
		free(v);
	}
	rc = 0;
out:
	iniparser_freedict(d);
	free(path);
	return rc;
}

/*
 * Read and parse page pg of is; when it cannot be, it stays empty and
 * pg->failed says why. Returns 0, or -1 when it failed.
 */
static int
load_one_page(struct issue *is, struct page *pg)
{
	struct segment_file f;
	char *data, *e = NULL;
	size_t len;
	int rc;

	/* a big Markdown page file, read in parts as a big file is
	 * (load_segmented): its stories kept in the file, not held */
	if ((rc = open_parts(&f, pg->path, &e)) == SEGMENT_DONE) {
		rc = feed_parts(is, pg, &f, is->load_flags, NULL, NULL, NULL,
		                0, NULL, &e);
		segment_close(&f);
	}
	if (rc == SEGMENT_DONE)
		return 0;
	if (rc == SEGMENT_FAILED) {
		page_empty(pg);
		pg->failed = e;
		return -1;
	}
	data = read_file(pg->path, LOAD_MAX_FILE, &len, &e);
	if (data != NULL &&
	    load_page_bytes(is, is->load_flags, pg, data, len, data, &e) == 0)
		return 0;
	pg->failed = e;
	return -1;
}

/*
 * The message for the failed pages of is (nfailed of them, at least one):
 * the first one's in full, then how many more. Caller frees.
 */
static char *
failed_message(const struct issue *is, size_t nfailed)
{
	size_t i;

	for (i = 0; i < is->npages && is->pages[i].failed == NULL; i++)
		;
	if (nfailed <= 1)
		return xstrdup(is->pages[i].failed);
	return xasprintf("%s (and %zu more page%s failed)", is->pages[i].failed,
	                 nfailed - 1, nfailed == 2 ? "" : "s");
}

/* The bytes of page pg's file, 0 when it cannot be told. */
static unsigned long long
page_bytes(const struct page *pg)
{
	struct stat st;

	if (stat(pg->path, &st) != 0 || !S_ISREG(st.st_mode))
		return 0;
	return (unsigned long long)st.st_size;
}

/*
 * LOAD_LAZY: the first articles of page pg's big Markdown file parsed, as
 * load_head takes them of a file opened itself: true; false when the
 * file is not one to cut (or they cannot be parsed), pg left empty.
 */
static bool
load_page_head(struct issue *is, struct page *pg)
{
	char *head, *e = NULL;
	long cut;

	if ((cut = head_cut(pg->path, &head, &e)) <= 0) {
		free(e);
		return false;
	}
	if (load_page_bytes(is, is->load_flags, pg, head, (size_t)cut, head,
	                    &e) == 0)
		return true;
	free(e);
	page_empty(pg);
	return false;
}

/*
 * LOAD_LAZY: whether the pages of is after the first are read in a
 * thread (is->partial, the whole directory read again) rather than in
 * the reader's own once the first screen is up: when they hold more than
 * a file read in parts, which would keep the keys waiting as long.
 */
static bool
rest_big(const struct issue *is)
{
	struct segment_size z;
	unsigned long long n = 0;
	size_t i;

	segment_size_from_env(&z);
	for (i = 1; i < is->npages && n <= z.threshold; i++)
		n += page_bytes(&is->pages[i]);
	return n > z.threshold;
}

/* The whole read of a directory (whole_progress set): how far it is,
 * the pages before pg read (done bytes of them, total of all). */
static void
dir_progress(const struct issue *is, const struct page *pg,
             unsigned long long *done)
{
	struct segment_progress *p = whole_progress;
	size_t i;

	if (p == NULL)
		return;
	if (pg == is->pages) {
		for (i = 0, p->total = 0; i < is->npages; i++)
			p->total += page_bytes(&is->pages[i]);
		atomic_store(&p->size, p->total);
		*done = 0;
	} else
		*done += page_bytes(pg - 1);
	p->base = *done;
	atomic_store(&p->parsed, *done);
}

/*
 * The issue in dir from its page files pf (sorted, n of them; freed
 * here): the first page parsed, the others too unless LOAD_LAZY (a big
 * first page's head alone then, see load-flags.h). Every page is tried,
 * so that the error tells how many failed, not only the first.
 */
static struct issue *
load_pages(const char *dir, struct pagefile *pf, size_t n, int flags,
           char **err)
{
	struct issue *is;
	struct page *pg;
	char *path, *e = NULL;
	size_t i, nfailed = 0;
	unsigned long long done = 0;
	bool lazy = flags & LOAD_LAZY, head = false, big;

	if (n == 0) {
		set_err(err, errf(dir, "no issue pages found"));
		return NULL;
	}
	is = issue_new(dir);
	is->load_flags = flags & ~(LOAD_LAZY | LOAD_KEEP_FAILED);
	/* Every page is listed before any is parsed, so a page's rules
	 * know the issue's page numbers (a journal's 下转第16页). */
	for (i = 0; i < n; i++) {
		path = join_path(dir, pf[i].name);
		issue_add_page(is, pf[i].number, path);
		free(path);
	}
	big = lazy && rest_big(is);
	for (i = 0; i < n; i++) {
		pg = &is->pages[i];
		if (i > 0 && lazy) {
			/* Listed now, parsed by issue_load_pages(). */
			pg->pending = true;
			is->npending++;
			continue;
		}
		if (whole_stop != NULL && atomic_load(whole_stop)) {
			e = errf(dir, "the read was stopped");
			goto fail;
		}
		dir_progress(is, pg, &done);
		if (lazy && (head = load_page_head(is, pg)))
			continue;
		if (load_one_page(is, pg) != 0)
			nfailed++;
	}
	if (nfailed > 0 && !(flags & LOAD_KEEP_FAILED)) {
		e = failed_message(is, nfailed);
		goto fail;
	}
	if (apply_ini(is, dir, &e) != 0)
		goto fail;
	if (is->title == NULL)
		is->title = default_title(dir);
	pagefiles_free(pf, n);
	if (head || big) {
		/* the rest, and the first page whole, by one read of the
		 * whole directory (load_job_start) */
		is->partial = true;
		is->npending += head;
	}
	finish_issue(is, flags);
	return is;
fail:
	set_err(err, e);
	pagefiles_free(pf, n);
	issue_free(is);
	return NULL;
}

static struct issue *
load_dir(const char *dir, int flags, char **err)
{
	struct pagefile *pf;
	char *e = NULL;
	long n;

	if ((n = list_pages(dir, &pf, &e)) < 0) {
		set_err(err, e);
		return NULL;
	}
	return load_pages(dir, pf, (size_t)n, flags, err);
}

int
issue_load_pages(struct issue *is, char **err)
{
	size_t i, nfailed;

	if (is == NULL || is->npending == 0)
		return 0;
	if (is->partial)
		return load_whole(is, err);
	for (i = 0; i < is->npages; i++) {
		struct page *pg = &is->pages[i];

		if (!pg->pending)
			continue;
		pg->pending = false;
		is->npending--;
		/* A page that fails stays empty, marked failed. */
		load_one_page(is, pg);
	}
	finish_issue(is, is->load_flags);
	if ((nfailed = issue_count_failed(is)) > 0) {
		set_err(err, failed_message(is, nfailed));
		return -1;
	}
	return 0;
}

struct issue *
load_issue(const char *path, int flags, char **err)
{
	struct stat st;

	if (path == NULL || *path == '\0') {
		set_err(err,
		        xstrdup("(empty path): no such file or directory"));
		return NULL;
	}
	if (stat(path, &st) == -1) {
		set_err(err, errf(path, "%s", strerror(errno)));
		return NULL;
	}
	if (S_ISDIR(st.st_mode))
		return load_dir(path, flags, err);
	return load_file(path, flags, err);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct library_entry *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static struct library *
library_single(const char *path, struct issue *is)
{
	struct library *lib = xcalloc(1, sizeof *lib);

	lib->path = xstrdup(path);
	lib->single = true;
	lib->n = 1;
	lib->entries = xcalloc(1, sizeof *lib->entries);
	lib->names = default_title(path);
	lib->entries[0].name = lib->names;
	lib->entries[0].path = xstrdup(path);
	lib->entries[0].issue = is;
	return lib;
}

/* Library entries not yet handed to a struct library (names are in a
 * block of their own). */
static void
entries_free(struct library_entry *en, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(en[i].path);
	free(en);
}

/* Entry n of a library, unchecked, named name (its offset in names: one
 * block for all the names, not a malloc each). */
static void
entry_add(struct library_entry **en, size_t **offs, struct buf *names,
    size_t n, const char *name)
{
	*en = xgrow(*en, n, sizeof **en);
	*offs = xgrow(*offs, n, sizeof **offs);
	(*offs)[n] = names->len;
	buf_add(names, name, strlen(name) + 1);
	(*en)[n].path = NULL;	/* joined when needed */
	(*en)[n].issue = NULL;
	(*en)[n].pages = NULL;
	(*en)[n].npages = 0;
	(*en)[n].unchecked = true;
}

/*
 * The newest of the n entries that holds pages goes last: the first one a
 * reader opens is known to be an issue, and its page list is kept for
 * library_issue. Found by a linear scan: sorting a thousand names waits
 * for library_check, after the first screen. Newer entries without pages
 * are dropped; returns how many entries are left (0: no issue at all).
 */
static size_t
newest_last(const char *path, struct library_entry *en, size_t n)
{
	struct pagefile *pf = NULL;
	char *e = NULL;
	size_t i;

	while (n > 0) {
		struct library_entry t;
		size_t m = 0;
		long np;

		for (i = 1; i < n; i++)
			if (entry_cmp(&en[i], &en[m]) > 0)
				m = i;
		t = en[m];
		en[m] = en[n - 1];
		en[n - 1] = t;
		en[n - 1].path = join_path(path, en[n - 1].name);
		if ((np = list_pages(en[n - 1].path, &pf, &e)) != 0) {
			/* an issue; one that fails says so when opened */
			if (np < 0)
				free(e);
			else {
				en[n - 1].pages = pf;
				en[n - 1].npages = (size_t)np;
			}
			break;
		}
		n--;
		free(en[n].path);
	}
	return n;
}

struct library *
load_open(const char *path, int flags, char **err)
{
	struct library *lib;
	struct library_entry *en = NULL;
	struct pagefile *pf = NULL;
	struct buf names = {0};
	size_t *offs = NULL, i, npf = 0;
	char *e = NULL;
	struct dirent *de;
	struct stat st;
	struct issue *is;
	size_t n = 0;
	DIR *d;

	if (path == NULL || *path == '\0') {
		set_err(err,
		        xstrdup("(empty path): no such file or directory"));
		return NULL;
	}
	if (stat(path, &st) == -1) {
		set_err(err, errf(path, "%s", strerror(errno)));
		return NULL;
	}
	if (!S_ISDIR(st.st_mode)) {
		if ((is = load_file(path, flags, err)) == NULL)
			return NULL;
		return library_single(path, is);
	}
	if ((d = opendir(path)) == NULL) {
		set_err(err, errf(path, "%s", strerror(errno)));
		return NULL;
	}
	/*
	 * One readdir tells an issue directory (page files, listed in the
	 * same pass) from a library (subdirectories holding page files, not
	 * parsed yet and not even listed: library_issue does that), so the
	 * first screen of a thousand issues costs one read of the library,
	 * not a scan of each.
	 */
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (!entry_is_dir(d, de)) {
			if (page_name(de->d_name) &&
			    pagefile_add(&pf, &npf, path, de->d_name, &e) != 0)
				break;
			continue;
		}
		if (npf > 0)
			continue; /* an issue's subdirectory */
		/* checked later: newest first below, the rest in
		 * library_check (at once without LOAD_LAZY) */
		entry_add(&en, &offs, &names, n++, de->d_name);
	}
	closedir(d);
	if (e != NULL || npf > 0) {
		/* an issue directory */
		entries_free(en, n);
		free(offs);
		buf_free(&names);
		if (e != NULL)
			pagefiles_free(pf, npf);
		if (e != NULL || pagefiles_sort(pf, npf, path, &e) != 0) {
			set_err(err, e);
			return NULL;
		}
		if ((is = load_pages(path, pf, npf, flags, err)) == NULL)
			return NULL;
		return library_single(path, is);
	}
	for (i = 0; i < n; i++)
		en[i].name = names.s + offs[i];
	free(offs);
	/* the newest issue last: what a reader opens first */
	if ((n = newest_last(path, en, n)) == 0) {
		free(en);
		buf_free(&names);
		set_err(err, errf(path, "no issue pages found"));
		return NULL;
	}
	en[n - 1].unchecked = false;
	lib = xcalloc(1, sizeof *lib);
	lib->names = buf_take(&names, NULL);
	lib->path = xstrdup(path);
	lib->entries = en;
	lib->n = n;
	lib->unsorted = true;
	if (!(flags & LOAD_LAZY))
		library_check(lib, 0);
	return lib;
}

/* The entry's directory (joined on first use: most are never opened). */
static const char *
entry_path(const struct library *lib, struct library_entry *e)
{
	if (e->path == NULL)
		e->path = join_path(lib->path, e->name);
	return e->path;
}

size_t
library_check(struct library *lib, size_t keep)
{
	size_t i, n = 0, kept = keep;

	if (lib == NULL)
		return keep;
	if (lib->unsorted) {
		const char *kname = keep < lib->n ? lib->entries[keep].name :
		                                    NULL;

		if (lib->n > 1)
			qsort(lib->entries, lib->n, sizeof *lib->entries,
			      entry_cmp);
		for (i = 0; i < lib->n; i++)
			if (lib->entries[i].name == kname)
				keep = kept = i;
		lib->unsorted = false;
	}
	for (i = 0; i < lib->n; i++) {
		struct library_entry *e = &lib->entries[i];

		if (e->unchecked && !has_pages(entry_path(lib, e))) {
			free(e->path);
			continue;
		}
		e->unchecked = false;
		if (i == keep)
			kept = n;
		lib->entries[n++] = *e;
	}
	lib->n = n;
	return kept;
}

struct issue *
library_issue(struct library *lib, size_t i, int flags, char **err)
{
	struct library_entry *e;

	if (lib == NULL || i >= lib->n) {
		if (lib == NULL)
			set_err(err, xstrdup("(no library): no such issue"));
		else
			set_err(err, errf(lib->path,
			                  "no issue number %zu "
			                  "(the library has %zu)",
			                  i, lib->n));
		return NULL;
	}
	e = &lib->entries[i];
	if (e->issue == NULL && e->pages != NULL) {
		/* listed by load_open already */
		e->issue = load_pages(entry_path(lib, e), e->pages,
		                      e->npages, flags, err);
		e->pages = NULL;
		e->npages = 0;
	} else if (e->issue == NULL)
		e->issue = load_issue(entry_path(lib, e), flags, err);
	return e->issue;
}

void
library_free(struct library *lib)
{
	size_t i;

	if (lib == NULL)
		return;
	for (i = 0; i < lib->n; i++) {
		free(lib->entries[i].path);
		issue_free(lib->entries[i].issue);
		pagefiles_free(lib->entries[i].pages,
		               lib->entries[i].npages);
	}
	free(lib->entries);
	free(lib->names);
	free(lib->path);
	free(lib);
}
