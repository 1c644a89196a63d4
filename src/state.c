/*
 * state.c: reading positions and bookmarks per issue, in one small text
 * file that survives a crash at any moment: it is written whole to a temp
 * file in the same directory, fsynced and renamed over the old one, then
 * the directory is fsynced. Loading trusts nothing: magic, version, CRC32,
 * every number's range; a bad file is moved aside, never overwritten
 * unseen, never fatal. No curses.
 *
 *	herald-tui-state 2
 *	term NAME ambiguous=narrow|wide
 *	issue KEY pos=PAGE,ARTICLE,OFFSET pane=N [a-z]=PAGE,ARTICLE,OFFSET ...
 *
 * A term line remembers how the terminal named NAME ($TERM) last answered
 * the width probe (version 2; version 1 files, without them, still load).
 * OFFSET may end in 'g': the top line was the blank (or rule) line after
 * the text that ends at OFFSET, not the text that starts there.
 *	sum XXXXXXXX		(CRC32 of every byte before this line)
 *
 * KEY and NAME are percent-encoded (every byte outside '!'..'~', and '%'),
 * so any path round-trips. Terminals and issues are written most recently
 * used first.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "load.h"
#include "state.h"
#include "text.h"
#include "xdg.h"
#include "xmalloc.h"

#define STATE_MAGIC "herald-tui-state"
#define STATE_VERSION 2
#define STATE_MAX_PAGE 100000
#define STATE_MAX_ARTICLE 100000
#define STATE_MAX_KEY 4096
/* A temp file this old is stale whoever wrote it. */
#define STATE_STALE_SECONDS 60

/* ---- CRC32 (IEEE 802.3, reflected) ------------------------------------ */

static uint32_t
state_crc32(const char *p, size_t len)
{
	uint32_t crc = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < len; i++) {
		crc ^= (unsigned char)p[i];
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
	}
	return ~crc;
}

/* ---- paths -------------------------------------------------------------- */

char *
state_default_path(void)
{
	return xdg_path("XDG_STATE_HOME", ".local/state", "state");
}

/* Split path into its directory and file name. Caller frees both. */
static void
state_split(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*dir = xstrdup(".");
		*base = xstrdup(path);
	} else if (slash == path) {
		*dir = xstrdup("/");
		*base = xstrdup(slash + 1);
	} else {
		*dir = xstrndup(path, (size_t)(slash - path));
		*base = xstrdup(slash + 1);
	}
}

/* ---- stale temp files --------------------------------------------------- */

static bool
state_pid_of(const char *s, pid_t *pid)
{
	long v = 0;

	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > 100000000L)
			return false;
		v = v * 10 + (*s - '0');
	}
	if (v <= 0)
		return false;
	*pid = (pid_t)v;
	return true;
}

/*
 * Remove ".BASE.tmp.PID" files left by writers that died mid-save: the pid
 * is gone, or the file is over a minute old (the pid may be reused).
 */
static void
state_clean_temps(const char *path)
{
	char *dir, *base, *prefix;
	struct dirent *de;
	struct stat sb;
	size_t plen;
	pid_t pid;
	DIR *dp;
	int dfd;
	bool dead, old;

	state_split(path, &dir, &base);
	prefix = xasprintf(".%s.tmp.", base);
	plen = strlen(prefix);
	if ((dp = opendir(dir)) == NULL)
		goto out;
	dfd = dirfd(dp);
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, prefix, plen) != 0)
			continue;
		if (fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
		    S_ISDIR(sb.st_mode))
			continue;
		dead =
		    state_pid_of(de->d_name + plen, &pid) &&
		    (pid == getpid() || (kill(pid, 0) < 0 && errno == ESRCH));
		old = time(NULL) - sb.st_mtime > STATE_STALE_SECONDS;
		if (dead || old)
			(void)unlinkat(dfd, de->d_name, 0);
	}
	closedir(dp);
out:
	free(prefix);
	free(dir);
	free(base);
}

/* ---- parsing ------------------------------------------------------------- */

static int
state_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static void
state_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p > ' ' && *p < 0x7f && *p != '%')
			buf_addc(b, (char)*p);
		else {
			buf_addc(b, '%');
			buf_addc(b, hex[*p >> 4]);
			buf_addc(b, hex[*p & 15]);
		}
	}
}

/* Decode a KEY token; NULL if it is malformed. Caller frees. */
static char *
state_decode(const char *s, size_t len)
{
	struct buf b = {0};
	size_t i;
	int hi, lo;

	if (len == 0 || len > STATE_MAX_KEY * 3)
		return NULL;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			if (i + 2 >= len)
				goto bad;
			hi = state_hex(s[i + 1]);
			lo = state_hex(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			buf_addc(&b, (char)(hi * 16 + lo));
			i += 2;
		} else if (c > ' ' && c < 0x7f)
			buf_addc(&b, (char)c);
		else
			goto bad;
	}
	if (b.len > STATE_MAX_KEY)
		goto bad;
	return buf_take(&b, NULL);
bad:
	buf_free(&b);
	return NULL;
}

/* A decimal number, the whole of s[0..len), in min..max. */
static bool
state_num(const char *s, size_t len, long long min, long long max,
          long long *out)
{
	long long v = 0;
	bool neg = false;
	size_t i = 0;

	if (len > 0 && s[0] == '-') {
		neg = true;
		i = 1;
	}
	if (i == len || len - i > 12)
		return false;
	for (; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	if (neg)
		v = -v;
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* "PAGE,ARTICLE,OFFSET[g]" */
static bool
state_parse_pos(const char *s, size_t len, struct state_pos *pos)
{
	const char *c1, *c2, *end = s + len;
	long long page, article, offset;
	bool gap = len > 0 && s[len - 1] == 'g';

	if (gap)
		end--;
	len = (size_t)(end - s);

	if ((c1 = memchr(s, ',', len)) == NULL)
		return false;
	if ((c2 = memchr(c1 + 1, ',', (size_t)(end - c1 - 1))) == NULL)
		return false;
	if (!state_num(s, (size_t)(c1 - s), 0, STATE_MAX_PAGE, &page) ||
	    !state_num(c1 + 1, (size_t)(c2 - c1 - 1), -1, STATE_MAX_ARTICLE,
	               &article) ||
	    !state_num(c2 + 1, (size_t)(end - c2 - 1), 0, LOAD_MAX_FILE,
	               &offset))
		return false;
	pos->page = (int)page;
	pos->article = (int)article;
	pos->offset = (size_t)offset;
	pos->gap = gap;
	return true;
}

static void
state_issue_free(struct state_issue *e)
{
	free(e->key);
	e->key = NULL;
}

static struct state_issue *
state_find(const struct state *st, const char *key)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->v[i].key, key) == 0)
			return &st->v[i];
	return NULL;
}

/* One "issue" line (without its newline) into st; the reason if bad. */
static const char *
state_parse_issue(struct state *st, const char *line, size_t len)
{
	struct state_issue e;
	const char *p = line, *end = line + len, *tok, *eq;
	size_t tlen;
	long long pane;
	int field = 0, m;
	bool have_pos = false, have_pane = false;

	memset(&e, 0, sizeof e);
	if (len < 6 || memcmp(line, "issue ", 6) != 0)
		return "unknown line";
	p += 6;
	while (p < end) {
		tok = p;
		while (p < end && *p != ' ')
			p++;
		tlen = (size_t)(p - tok);
		if (tlen == 0)
			goto bad;
		/* Exactly one space between fields, none at the end. */
		if (p < end && ++p == end)
			goto bad;
		if (field++ == 0) {
			if ((e.key = state_decode(tok, tlen)) == NULL)
				goto bad;
			continue;
		}
		if ((eq = memchr(tok, '=', tlen)) == NULL)
			goto bad;
		if (eq - tok == 3 && memcmp(tok, "pos", 3) == 0 && !have_pos) {
			if (!state_parse_pos(
			        eq + 1, (size_t)(tok + tlen - eq - 1), &e.pos))
				goto bad;
			have_pos = true;
		} else if (eq - tok == 4 && memcmp(tok, "pane", 4) == 0 &&
		           !have_pane) {
			if (!state_num(eq + 1, (size_t)(tok + tlen - eq - 1), 0,
			               2, &pane))
				goto bad;
			e.pane = (int)pane;
			have_pane = true;
		} else if (eq - tok == 1 && tok[0] >= 'a' && tok[0] <= 'z') {
			m = tok[0] - 'a';
			if (e.marked & (1u << m))
				goto bad;
			if (!state_parse_pos(eq + 1,
			                     (size_t)(tok + tlen - eq - 1),
			                     &e.marks[m]))
				goto bad;
			e.marked |= 1u << m;
		} else
			goto bad;
	}
	if (e.key == NULL || !have_pos || !have_pane)
		goto bad;
	if (state_find(st, e.key) != NULL) {
		state_issue_free(&e);
		return "an issue listed twice";
	}
	if (st->n == STATE_MAX_ISSUES) {
		state_issue_free(&e);
		return "too many issues";
	}
	st->v = xreallocarray(st->v, st->n + 1, sizeof *st->v);
	st->v[st->n++] = e;
	return NULL;
bad:
	state_issue_free(&e);
	return "a malformed issue line";
}

static struct state_term *
state_term_find(const struct state *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nterms; i++)
		if (strcmp(st->terms[i].name, name) == 0)
			return &st->terms[i];
	return NULL;
}

/* "term NAME ambiguous=narrow|wide": NULL, or why it is refused. */
static const char *
state_parse_term(struct state *st, const char *line, size_t len)
{
	const char *p = line + 5, *end = line + len, *sp;
	char *name;
	bool wide;

	sp = memchr(p, ' ', (size_t)(end - p));
	if (sp == NULL || sp == p)
		return "a malformed term line";
	if ((size_t)(end - sp) == strlen(" ambiguous=wide") &&
	    memcmp(sp, " ambiguous=wide", (size_t)(end - sp)) == 0)
		wide = true;
	else if ((size_t)(end - sp) == strlen(" ambiguous=narrow") &&
	         memcmp(sp, " ambiguous=narrow", (size_t)(end - sp)) == 0)
		wide = false;
	else
		return "a malformed term line";
	if ((name = state_decode(p, (size_t)(sp - p))) == NULL)
		return "a malformed term line";
	if (state_term_find(st, name) != NULL) {
		free(name);
		return "a terminal listed twice";
	}
	if (st->nterms == STATE_MAX_TERMS) {
		free(name);
		return "too many terminals";
	}
	st->terms = xreallocarray(st->terms, st->nterms + 1, sizeof *st->terms);
	st->terms[st->nterms].name = name;
	st->terms[st->nterms].wide = wide;
	st->nterms++;
	return NULL;
}

/* Parse and validate the whole text; NULL, or why it is refused. */
static const char *
state_parse(struct state *st, const char *text, size_t len)
{
	const char *magic = STATE_MAGIC " ", *p, *nl, *sum, *why;
	char want[16];
	size_t mlen = strlen(magic), i;
	long long version;

	if (memchr(text, '\0', len) != NULL)
		return "a NUL byte";
	if (len < mlen || memcmp(text, magic, mlen) != 0)
		return "not a herald-tui state file";
	if (len == 0 || text[len - 1] != '\n')
		return "truncated";
	/* The last line is the checksum of everything before it. */
	for (sum = text + len - 1; sum > text && sum[-1] != '\n'; sum--)
		;
	if (sum == text)
		return "truncated";
	nl = memchr(text, '\n', len);
	if (!state_num(text + mlen, (size_t)(nl - text - (ptrdiff_t)mlen), 0,
	               999999, &version))
		return "a bad version line";
	if (version < 1 || version > STATE_VERSION)
		return version > STATE_VERSION ? "a newer version"
		                               : "an unknown version";
	snprintf(want, sizeof want, "sum %08x\n",
	         (unsigned)state_crc32(text, (size_t)(sum - text)));
	if ((size_t)(text + len - sum) != strlen(want) ||
	    memcmp(sum, want, strlen(want)) != 0)
		return strncmp(sum, "sum ", 4) == 0 ? "a bad checksum"
		                                    : "truncated";
	for (p = nl + 1; p < sum; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(sum - p));
		if (version >= 2 && nl - p >= 5 && memcmp(p, "term ", 5) == 0)
			why = state_parse_term(st, p, (size_t)(nl - p));
		else
			why = state_parse_issue(st, p, (size_t)(nl - p));
		if (why != NULL)
			return why;
	}
	/* Written most recent first: give the clock that order back. */
	for (i = 0; i < st->n; i++)
		st->v[i].used = st->n - i;
	st->clock = st->n;
	return NULL;
}

/* ---- loading ------------------------------------------------------------- */

static void
state_clear(struct state *st)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		state_issue_free(&st->v[i]);
	free(st->v);
	st->v = NULL;
	st->n = 0;
	st->clock = 0;
	for (i = 0; i < st->nterms; i++)
		free(st->terms[i].name);
	free(st->terms);
	st->terms = NULL;
	st->nterms = 0;
}

/* Move a bad state file aside as PATH.corrupt, replacing an older one. */
static void
state_move_aside(const char *path, const char *why, struct buf *warn)
{
	char *aside = xasprintf("%s.corrupt", path);
	char *safe = text_safe(path);
	struct stat sb;
	int r;

	r = rename(path, aside);
	if (r < 0 && lstat(aside, &sb) == 0) {
		/* A file and a directory do not replace each other. */
		if (S_ISDIR(sb.st_mode))
			(void)rmdir(aside);
		else
			(void)unlink(aside);
		r = rename(path, aside);
	}
	if (r == 0)
		buf_printf(warn,
		           "%s: corrupt state file (%s); moved to "
		           "%s.corrupt, starting afresh\n",
		           safe, why, safe);
	else
		buf_printf(warn,
		           "%s: corrupt state file (%s); cannot move it "
		           "aside (%s), starting afresh\n",
		           safe, why, strerror(errno));
	free(safe);
	free(aside);
}

int
state_load(struct state *st, const char *path, struct buf *warn)
{
	struct stat sb;
	struct buf b = {0};
	const char *why = NULL;
	char chunk[16384], *safe;
	ssize_t n;
	int fd;

	memset(st, 0, sizeof *st);
	st->path = path != NULL ? xstrdup(path) : state_default_path();
	if (st->path == NULL) {
		buf_adds(warn, "no home directory (HOME, XDG_STATE_HOME): "
		               "reading positions are not kept\n");
		return -1;
	}
	state_clean_temps(st->path);

	fd = open(st->path,
	          O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP) {
			state_move_aside(st->path, "a symbolic link", warn);
			return 0;
		}
		safe = text_safe(st->path);
		buf_printf(warn, "%s: cannot read the state file: %s\n", safe,
		           strerror(errno));
		free(safe);
		return 0;
	}
	if (fstat(fd, &sb) < 0)
		why = "cannot be examined";
	else if (S_ISDIR(sb.st_mode))
		why = "a directory";
	else if (!S_ISREG(sb.st_mode))
		why = "not a regular file";
	else if (sb.st_size > STATE_MAX_SIZE)
		why = "larger than 1 MiB";
	while (why == NULL) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			why = "unreadable";
			break;
		}
		if (n == 0)
			break;
		buf_add(&b, chunk, (size_t)n);
		if (b.len > STATE_MAX_SIZE)
			why = "larger than 1 MiB";
	}
	close(fd);
	if (why == NULL)
		why = state_parse(st, b.s != NULL ? b.s : "", b.len);
	buf_free(&b);
	if (why != NULL) {
		state_clear(st);
		state_move_aside(st->path, why, warn);
	}
	return 0;
}

struct state_issue *
state_get(struct state *st, const char *key)
{
	struct state_issue *e;

	if ((e = state_find(st, key)) == NULL) {
		st->v = xreallocarray(st->v, st->n + 1, sizeof *st->v);
		e = &st->v[st->n++];
		memset(e, 0, sizeof *e);
		e->key = xstrdup(key);
		e->pos.article = -1;
	}
	e->used = ++st->clock;
	return e;
}

int
state_term_wide(const struct state *st, const char *name)
{
	const struct state_term *t;

	if (name == NULL || (t = state_term_find(st, name)) == NULL)
		return -1;
	return t->wide ? 1 : 0;
}

void
state_term_set(struct state *st, const char *name, bool wide)
{
	struct state_term t, *f;
	size_t i;

	if (name == NULL || *name == '\0')
		return;
	if ((f = state_term_find(st, name)) != NULL) {
		t = *f;
		i = (size_t)(f - st->terms);
	} else {
		if (st->nterms < STATE_MAX_TERMS)
			st->terms = xreallocarray(st->terms, st->nterms + 1,
			                          sizeof *st->terms);
		else
			free(st->terms[--st->nterms].name); /* the oldest */
		t.name = xstrdup(name);
		i = st->nterms++;
	}
	/* most recent first */
	memmove(st->terms + 1, st->terms, i * sizeof *st->terms);
	t.wide = wide;
	st->terms[0] = t;
}

/* ---- saving ------------------------------------------------------------- */

static int
state_used_cmp(const void *a, const void *b)
{
	const struct state_issue *x = *(const struct state_issue *const *)a;
	const struct state_issue *y = *(const struct state_issue *const *)b;

	return (x->used < y->used) - (x->used > y->used);
}

static void
state_format(const struct state *st, struct buf *b)
{
	const struct state_issue **order;
	const struct state_issue *e;
	size_t i, n;
	int m;

	buf_printf(b, "%s %d\n", STATE_MAGIC, STATE_VERSION);
	for (i = 0; i < st->nterms; i++) {
		buf_adds(b, "term ");
		state_encode(b, st->terms[i].name);
		buf_adds(b, st->terms[i].wide ? " ambiguous=wide\n"
		                              : " ambiguous=narrow\n");
	}
	order = xreallocarray(NULL, st->n + 1, sizeof *order);
	for (i = 0; i < st->n; i++)
		order[i] = &st->v[i];
	qsort(order, st->n, sizeof *order, state_used_cmp);
	n = st->n < STATE_MAX_ISSUES ? st->n : STATE_MAX_ISSUES;
	for (i = 0; i < n; i++) {
		e = order[i];
		if (e->key == NULL || e->key[0] == '\0')
			continue;
		buf_adds(b, "issue ");
		state_encode(b, e->key);
		buf_printf(b, " pos=%d,%d,%zu%s pane=%d", e->pos.page,
		           e->pos.article, e->pos.offset,
		           e->pos.gap ? "g" : "", e->pane);
		for (m = 0; m < STATE_MARKS; m++)
			if (e->marked & (1u << m))
				buf_printf(b, " %c=%d,%d,%zu%s", 'a' + m,
				           e->marks[m].page,
				           e->marks[m].article,
				           e->marks[m].offset,
				           e->marks[m].gap ? "g" : "");
		buf_addc(b, '\n');
	}
	free(order);
	buf_printf(b, "sum %08x\n", (unsigned)state_crc32(b->s, b->len));
}

/* mkdir -p: missing components get 0700; existing ones are left alone. */
static int
state_mkdirs(const char *dir)
{
	char *p = xstrdup(dir), *s;
	struct stat sb;
	int r = 0;
	char c;

	for (s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		c = *s;
		*s = '\0';
		if (mkdir(p, 0700) < 0) {
			if (errno != EEXIST) {
				r = -1;
				break;
			}
			if (stat(p, &sb) < 0 || !S_ISDIR(sb.st_mode)) {
				errno = ENOTDIR;
				r = -1;
				break;
			}
		}
		*s = c;
		if (c == '\0')
			break;
	}
	free(p);
	return r;
}

int
state_save(const struct state *st, char **err)
{
	struct buf b = {0};
	char *dir = NULL, *base = NULL, *tmp = NULL, *safe;
	const char *what;
	int fd = -1, dfd, e;

	*err = NULL;
	if (st->path == NULL) {
		*err = xstrdup("no state file (no home directory)");
		return -1;
	}
	state_format(st, &b);
	state_split(st->path, &dir, &base);
	what = "cannot create its directory";
	if (state_mkdirs(dir) < 0)
		goto fail;
	tmp = xasprintf("%s/.%s.tmp.%ld", dir, base, (long)getpid());
	what = "cannot create a temp file";
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	          0600);
	if (fd < 0 && errno == EEXIST) {
		/* Ours from an earlier run with this pid: dead by definition.
		 */
		(void)unlink(tmp);
		fd = open(tmp,
		          O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		          0600);
	}
	if (fd < 0)
		goto fail;
	what = "cannot write";
	if (file_write_all(fd, b.s, b.len) < 0)
		goto fail_unlink;
	what = "cannot sync";
	if (fsync(fd) < 0)
		goto fail_unlink;
	what = "cannot write";
	e = close(fd);
	fd = -1;
	if (e < 0)
		goto fail_unlink;
	what = "cannot replace it";
	if (rename(tmp, st->path) < 0)
		goto fail_unlink;
	/* Make the rename itself durable; failing here loses nothing now. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	buf_free(&b);
	free(tmp);
	free(dir);
	free(base);
	return 0;

fail_unlink:
	e = errno;
	if (fd >= 0)
		close(fd);
	(void)unlink(tmp);
	errno = e;
fail:
	e = errno;
	safe = text_safe(st->path);
	*err = xasprintf("%s: %s: %s; the old state is kept", safe, what,
	                 strerror(e));
	free(safe);
	buf_free(&b);
	free(tmp);
	free(dir);
	free(base);
	return -1;
}

void
state_free(struct state *st)
{
	state_clear(st);
	free(st->path);
	memset(st, 0, sizeof *st);
}
