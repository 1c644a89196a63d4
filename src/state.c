/*
 * state.c: reading positions and bookmarks per issue, in one small text
 * file that survives a crash at any moment: it is written whole to a temp
 * file in the same directory, fsynced and renamed over the old one, then
 * the directory is fsynced. Loading trusts nothing: magic, version, CRC32,
 * every number's range; a bad file is moved aside, never overwritten
 * unseen, never fatal. No curses.
 *
 * Readers run side by side (two terminals, an SSH session): a save takes
 * an fcntl lock on PATH.lock (a few tries over st->lock_ms, never longer),
 * reads the file again and merges: only the items this reader changed are
 * written over the file's, and only when its change is the newer. That is
 * why the items carry their times. Saving and loading share one limit
 * (STATE_MAX_SIZE, STATE_MAX_ISSUES, the ranges of every number): a save
 * leaves out what a load would refuse, so no reader writes a file it then
 * moves aside.
 *
 *	herald-tui-state 5
 *	term NAME ambiguous=narrow|wide
 *	search TEXT
 *	issue KEY used=T pos=PAGE,ARTICLE,OFFSET@T pane=N [a-z]=POS@T|-@T ...
 *	    [read=PAGE.INDEX[-INDEX],...] [label=LABEL arts=N]
 *	sum XXXXXXXX		(CRC32 of every byte before this line)
 *
 * A term line remembers how the terminal named NAME ($TERM) last answered
 * the width probe (version 2; version 1 files, without them, still load).
 * OFFSET may end in 'g': the top line was the blank (or rule) line after
 * the text that ends at OFFSET, not the text that starts there. T is a
 * time in microseconds since the epoch (version 3; older files load with
 * times 0): used= when a reader last had the issue open, @T when the item
 * last changed; a mark "-@T" was deleted then (kept so that an older save
 * of it does not bring it back). Version 4 adds the articles read (ascending,
 * merged as a union) and the label and article count of the issue as last
 * opened (LABEL percent-encoded as KEY), for a library's list, and the
 * searches made at the / prompt (TEXT encoded so), newest first, merged
 * with this reader's in front. Version 5 writes runs of articles read as
 * PAGE.FIRST-LAST (one run a page for a reader going through it in order:
 * version 4 kept 4,096 articles) and allows article numbers up to ten
 * million. A file of a newer version than this reader's is left alone, and
 * not saved over (an older reader would lose what it holds).
 *
 * KEY and NAME are percent-encoded (every byte outside '!'..'~', and '%'),
 * so any path round-trips. Terminals and issues are written most recently
 * used first.
 */
#include "build-config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
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

#include "buf.h"
#include "file.h"
#include "load.h"
#include "state.h"
#include "text.h"
#include "xdg.h"
#include "xmalloc.h"

#define STATE_MAGIC "herald-tui-state"
#define STATE_VERSION 5
/* The version that brought the times. */
#define STATE_VERSION_TIMES 3
/* The version from which an issue may list the articles read. */
#define STATE_VERSION_READ 4
/* ...and from which they are runs (P.I-J). */
#define STATE_VERSION_RUNS 5
/* Labels at most this long. */
#define STATE_MAX_LABEL 256
/* A temp file this old is stale whoever wrote it. */
#define STATE_STALE_SECONDS 60
/* Times: 17 digits are good until the year 5138. */
#define STATE_MAX_TIME 99999999999999999ULL
/* The "sum XXXXXXXX\n" line that ends the file. */
#define STATE_SUM_LEN 13
/* How long a save naps between tries for the lock. */
#define STATE_LOCK_NAP_MS 5

/* ---- times -------------------------------------------------------------- */

/* Now, in microseconds since the epoch; never the same twice in a process,
 * so two changes here do not tie. */
static uint64_t
state_now(struct state *st)
{
	struct timespec ts;
	uint64_t t;

	clock_gettime(CLOCK_REALTIME, &ts);
	t = (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
	if (t <= st->last_time)
		t = st->last_time + 1;
	st->last_time = t;
	return t;
}

/* ---- CRC32 (IEEE 802.3, reflected) ------------------------------------ */

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

/* The CRC of each byte value, so that the sum takes a look-up a byte, not
 * eight shifts: a state of a year's issues (90 KB) is summed when it is
 * read, and again when it is saved. */
static void
crc_make_table(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
		crc_table[i] = c;
	}
}

uint32_t
state_crc32(const char *p, size_t len)
{
	const unsigned char *q = (const unsigned char *)p;
	uint32_t crc = 0xffffffffu;
	size_t i;

	pthread_once(&crc_once, crc_make_table);
	for (i = 0; i < len; i++)
		crc = crc_table[(crc ^ q[i]) & 0xffu] ^ (crc >> 8);
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
	char *out;
	size_t i, n = 0;
	int hi, lo;

	if (len == 0 || len > STATE_MAX_KEY * 3)
		return NULL;
	/* each byte written as one, or as three (%XX) */
	out = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			if (i + 2 >= len)
				goto bad;
			hi = state_hex(s[i + 1]);
			lo = state_hex(s[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else if (c > ' ' && c < 0x7f)
			out[n++] = (char)c;
		else
			goto bad;
	}
	if (n > STATE_MAX_KEY)
		goto bad;
	out[n] = '\0';
	/* a label of Chinese is a third of its %XX: kept, not its room */
	return n < len ? xrealloc(out, n + 1) : out;
bad:
	free(out);
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

/* A time: 1 to 17 digits. */
static bool
state_time(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 17)
		return false;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* "VALUE@T" from version 3 on, "VALUE" before: the length of VALUE, T. */
static bool
state_split_time(const char *s, size_t len, int version, size_t *vlen,
                 uint64_t *t)
{
	size_t at = len;

	*vlen = len;
	*t = 0;
	if (version < STATE_VERSION_TIMES)
		return true;
	while (at > 0 && s[at - 1] != '@')
		at--;
	if (at == 0 || !state_time(s + at, len - at, t))
		return false;
	*vlen = at - 1;
	return true;
}

/* The one rule for a position, read or written. */
static bool
state_pos_valid(const struct state_pos *pos)
{
	return pos->page >= 0 && pos->page <= STATE_MAX_PAGE &&
	       pos->article >= -1 && pos->article <= STATE_MAX_ARTICLE &&
	       pos->offset <= (size_t)LOAD_MAX_FILE;
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
	free(e->read);
	e->read = NULL;
	e->nread = 0;
	free(e->label);
	e->label = NULL;
	free(e->marks);
	e->marks = NULL;
	free(e->base.marks);
	e->base.marks = NULL;
}

/* e's marks, made when it has none (none set, no time). */
static struct state_marks *
state_marks(struct state_issue *e)
{
	if (e->marks == NULL)
		e->marks = xcalloc(1, sizeof *e->marks);
	return e->marks;
}

struct state_pos *
state_mark(struct state_issue *e, int m)
{
	return &state_marks(e)->pos[m];
}

/* The first run of e that ends at r or after it (e->nread: none). */
static size_t
state_run_at(const struct state_issue *e, uint64_t r)
{
	size_t lo = 0, hi = e->nread, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (e->read[mid].hi < r)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Add the articles lo..hi (one page's) to e, joining the runs they
 * overlap or touch; true when one was not read yet. False, and nothing
 * added, when that would make more than STATE_MAX_RUNS runs.
 */
static bool
state_add_run(struct state_issue *e, uint64_t lo, uint64_t hi)
{
	size_t at = state_run_at(e, lo > 0 ? lo - 1 : 0), end = at;
	struct state_run *r;

	/* runs [at, end) overlap or touch lo..hi */
	while (end < e->nread && e->read[end].lo <= hi + 1)
		end++;
	if (end - at == 1 && e->read[at].lo <= lo && e->read[at].hi >= hi)
		return false;	/* all read already */
	if (end == at) {
		if (e->nread >= STATE_MAX_RUNS)
			return false;
		/* room doubled (a year's state reads thousands of runs;
		 * joins only ever shorten the array) */
		e->read = xgrow(e->read, e->nread, sizeof *e->read);
		memmove(&e->read[at + 1], &e->read[at],
		    (e->nread - at) * sizeof *e->read);
		e->read[at].lo = lo;
		e->read[at].hi = hi;
		e->nread++;
		return true;
	}
	r = &e->read[at];
	if (lo < r->lo)
		r->lo = lo;
	if (e->read[end - 1].hi > hi)
		hi = e->read[end - 1].hi;
	r->hi = hi;
	memmove(&e->read[at + 1], &e->read[end],
	    (e->nread - end) * sizeof *e->read);
	e->nread -= end - at - 1;
	return true;
}

size_t
state_count_read(const struct state_issue *e)
{
	size_t i, n = 0;

	for (i = 0; i < e->nread; i++)
		n += (size_t)(e->read[i].hi - e->read[i].lo + 1);
	return n;
}

bool
state_mark_read(struct state_issue *e, int page, int index)
{
	if (page < 0 || page > STATE_MAX_PAGE || index < 0 ||
	    index > STATE_MAX_ARTICLE)
		return false;
	return state_add_run(e, STATE_READ(page, index),
	    STATE_READ(page, index));
}

bool
state_is_read(const struct state_issue *e, int page, int index)
{
	uint64_t r = STATE_READ(page, index);
	size_t at;

	if (page < 0 || index < 0)
		return false;
	at = state_run_at(e, r);
	return at < e->nread && e->read[at].lo <= r;
}

void
state_set_label(struct state_issue *e, const char *label, int articles)
{
	if (label == NULL || strlen(label) > STATE_MAX_LABEL ||
	    articles < 0 || articles > STATE_MAX_ARTICLE)
		return;
	if (e->label == NULL || strcmp(e->label, label) != 0) {
		free(e->label);
		e->label = xstrdup(label);
	}
	e->articles = articles;
}

/* read=P.I,P.I… (ascending, each once; from version 5 also P.I-J, J > I,
 * for I to J) into e; false when malformed. */
static bool
state_parse_read(struct state_issue *e, const char *s, size_t len,
    int version)
{
	const char *p = s, *end = s + len, *dot, *dash, *comma;
	long long page, index, to;
	uint64_t lo, last = 0;

	while (p < end) {
		comma = memchr(p, ',', (size_t)(end - p));
		if (comma == NULL)
			comma = end;
		dot = memchr(p, '.', (size_t)(comma - p));
		if (dot == NULL)
			return false;
		dash = memchr(dot, '-', (size_t)(comma - dot));
		if (dash != NULL && version < STATE_VERSION_RUNS)
			return false;
		if (dash == NULL)
			dash = comma;
		if (!state_num(p, (size_t)(dot - p), 0, STATE_MAX_PAGE, &page) ||
		    !state_num(dot + 1, (size_t)(dash - dot - 1), 0,
		        STATE_MAX_ARTICLE, &index))
			return false;
		to = index;
		if (dash != comma && (!state_num(dash + 1,
		    (size_t)(comma - dash - 1), 0, STATE_MAX_ARTICLE, &to) ||
		    to <= index))
			return false;
		lo = STATE_READ(page, index);
		if ((e->nread > 0 && lo <= last) ||
		    !state_add_run(e, lo, STATE_READ(page, to)))
			return false;
		last = STATE_READ(page, to);
		p = comma + 1;
		if (comma + 1 == end)
			return false;	/* a trailing comma */
	}
	return e->nread > 0;
}

/* What the entry holds now becomes what the file holds. */
static void
state_snap_take(struct state_issue *e)
{
	e->base.pos = e->pos;
	e->base.pane = e->pane;
	free(e->base.marks);
	e->base.marks = NULL;
	if (e->marks != NULL) {
		e->base.marks = xmalloc(sizeof e->marks->pos);
		memcpy(e->base.marks, e->marks->pos, sizeof e->marks->pos);
	}
	e->base.marked = e->marked;
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

/* An issue's key and its place in its state's v, sorted to be looked up:
 * parsing and merging a state of hundreds of issues compared each key
 * with every other (66,430 strcmp for a year's 365). */
struct state_key {
	const char	*key;
	size_t		 i;
};

static int
state_key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct state_key *)a)->key,
	              ((const struct state_key *)b)->key);
}

/* st's keys by key. Caller frees. */
static struct state_key *
state_keys(const struct state *st)
{
	struct state_key *k = xreallocarray(NULL, st->n + 1, sizeof *k);
	size_t i;

	for (i = 0; i < st->n; i++) {
		k[i].key = st->v[i].key;
		k[i].i = i;
	}
	qsort(k, st->n, sizeof *k, state_key_cmp);
	return k;
}

/* The place in st->v of key among the n keys k, or n when not there. */
static size_t
state_key_find(const struct state_key *k, size_t n, const char *key)
{
	const struct state_key want = { key, 0 }, *hit;

	hit = bsearch(&want, k, n, sizeof *k, state_key_cmp);
	return hit != NULL ? hit->i : n;
}

/* A field of version 4 on (read, label, arts) into e: 1 taken, 0 not one
 * of them, -1 malformed or given twice. */
static int
state_parse_v4(struct state_issue *e, const char *name, size_t nlen,
    const char *v, size_t vlen, int version, bool *have_arts)
{
	long long arts;

	if (nlen == 4 && memcmp(name, "read", 4) == 0)
		return e->nread == 0 && state_parse_read(e, v, vlen,
		    version) ? 1 : -1;
	if (nlen == 5 && memcmp(name, "label", 5) == 0) {
		if (e->label != NULL || (e->label = state_decode(v, vlen)) == NULL)
			return -1;
		return strlen(e->label) <= STATE_MAX_LABEL ? 1 : -1;
	}
	if (nlen == 4 && memcmp(name, "arts", 4) == 0) {
		if (*have_arts || !state_num(v, vlen, 0, STATE_MAX_ARTICLE, &arts))
			return -1;
		e->articles = (int)arts;
		*have_arts = true;
		return 1;
	}
	return 0;
}

/* One "issue" line (without its newline) into st; the reason if bad. */
static const char *
state_parse_issue(struct state *st, const char *line, size_t len, int version)
{
	struct state_issue e;
	const char *p = line, *end = line + len, *tok, *eq;
	size_t tlen, vlen = 0, vl;
	long long pane;
	uint64_t t = 0;
	unsigned mseen = 0;
	int field = 0, m, r;
	bool have_pos = false, have_pane = false, have_used = false;
	bool have_arts = false;

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
		vl = (size_t)(tok + tlen - eq - 1);
		/* pos and marks carry their times */
		if ((eq - tok == 1 ||
		     (eq - tok == 3 && memcmp(tok, "pos", 3) == 0)) &&
		    !state_split_time(eq + 1, (size_t)(tok + tlen - eq - 1),
		                      version, &vlen, &t))
			goto bad;
		if (eq - tok == 4 && memcmp(tok, "used", 4) == 0 &&
		    !have_used && version >= STATE_VERSION_TIMES) {
			if (!state_time(eq + 1, (size_t)(tok + tlen - eq - 1),
			                &e.seen))
				goto bad;
			have_used = true;
		} else if (eq - tok == 3 && memcmp(tok, "pos", 3) == 0 &&
		           !have_pos) {
			if (!state_parse_pos(eq + 1, vlen, &e.pos))
				goto bad;
			e.pos_time = t;
			have_pos = true;
		} else if (eq - tok == 4 && memcmp(tok, "pane", 4) == 0 &&
		           !have_pane) {
			if (!state_num(eq + 1, (size_t)(tok + tlen - eq - 1), 0,
			               2, &pane))
				goto bad;
			e.pane = (int)pane;
			have_pane = true;
		} else if (version >= STATE_VERSION_READ &&
		           (r = state_parse_v4(&e, tok, (size_t)(eq - tok), eq + 1,
		           vl, version, &have_arts)) != 0) {
			if (r < 0)
				goto bad;
		} else if (eq - tok == 1 && tok[0] >= 'a' && tok[0] <= 'z') {
			m = tok[0] - 'a';
			if (mseen & (1u << m))
				goto bad;
			mseen |= 1u << m;
			state_marks(&e)->time[m] = t;
			/* "-": deleted at t */
			if (version >= STATE_VERSION_TIMES && vlen == 1 &&
			    eq[1] == '-')
				continue;
			if (!state_parse_pos(eq + 1, vlen, &e.marks->pos[m]))
				goto bad;
			e.marked |= 1u << m;
		} else
			goto bad;
	}
	if (e.key == NULL || !have_pos || !have_pane ||
	    have_used != (version >= STATE_VERSION_TIMES) ||
	    (e.label != NULL) != have_arts)
		goto bad;
	state_snap_take(&e);
	if (st->n == STATE_MAX_ISSUES) {
		state_issue_free(&e);
		return "too many issues";
	}
	/* an issue listed twice: looked for once all are read */
	st->v = xgrow(st->v, st->n, sizeof *st->v);
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
	st->terms[st->nterms].changed = false;
	st->nterms++;
	return NULL;
}

/* A "search" line's text (after "search "), appended: the file lists
 * them newest first. */
static const char *
state_parse_search(struct state *st, const char *s, size_t len)
{
	char *t;
	size_t i;

	if (len == 0 || (t = state_decode(s, len)) == NULL)
		return "a malformed search line";
	for (i = 0; i < st->nsearches && strcmp(st->searches[i], t) != 0; i++)
		;
	if (strlen(t) > STATE_MAX_SEARCH || i < st->nsearches ||
	    st->nsearches == STATE_MAX_SEARCHES) {
		free(t);
		return "a malformed search line";
	}
	st->searches = xreallocarray(st->searches, st->nsearches + 1,
	    sizeof *st->searches);
	st->searches[st->nsearches++] = t;
	return NULL;
}

/* Why a file of a newer version is refused (state_read tells it apart). */
static const char state_why_newer[] = "a newer version";

/* Parse and validate the whole text; NULL, or why it is refused. */
static const char *
state_parse(struct state *st, const char *text, size_t len)
{
	const char *magic = STATE_MAGIC " ", *p, *nl, *sum, *why;
	struct state_key *keys;
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
		return version > STATE_VERSION ? state_why_newer
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
		else if (version >= STATE_VERSION_READ && nl - p >= 7 &&
		    memcmp(p, "search ", 7) == 0)
			why = state_parse_search(st, p + 7, (size_t)(nl - p - 7));
		else
			why = state_parse_issue(st, p, (size_t)(nl - p),
			                        (int)version);
		if (why != NULL)
			return why;
	}
	keys = state_keys(st);
	for (i = 1; i < st->n; i++)
		if (strcmp(keys[i - 1].key, keys[i].key) == 0)
			break;
	free(keys);
	if (i < st->n)
		return "an issue listed twice";
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
	for (i = 0; i < st->nsearches; i++)
		free(st->searches[i]);
	free(st->searches);
	st->searches = NULL;
	st->nsearches = 0;
	st->nours = 0;
}

/* s (copied) in front of the searches, an equal one taken out; the
 * oldest goes past STATE_MAX_SEARCHES. */
static void
state_search_front(struct state *st, const char *s)
{
	size_t i;

	for (i = 0; i < st->nsearches && strcmp(st->searches[i], s) != 0; i++)
		;
	if (i == st->nsearches && i == STATE_MAX_SEARCHES)
		i--;			/* full: the oldest goes */
	if (i < st->nsearches)
		free(st->searches[i]);
	else {
		st->searches = xreallocarray(st->searches, st->nsearches + 1,
		    sizeof *st->searches);
		st->nsearches++;
	}
	memmove(&st->searches[1], &st->searches[0], i * sizeof *st->searches);
	st->searches[0] = xstrdup(s);
}

void
state_search_add(struct state *st, const char *s, bool keep)
{
	if (s == NULL || *s == '\0' || strlen(s) > STATE_MAX_SEARCH)
		return;
	state_search_front(st, s);
	/* it is in front now: one more of ours, unless it was one already
	 * (ours are the first nours: what the save writes) */
	if (keep && st->nours < st->nsearches)
		st->nours++;
}

/* Move a bad state file aside as PATH.corrupt, replacing an older one. */
static void
state_move_aside(const char *path, const char *why, struct buf *warn)
{
	char *aside = xasprintf("%s.corrupt", path);
	char *safe = text_name(path);
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
/*
 * Read the file at path into st (empty on entry). 0: read, a missing file
 * being empty; 1: refused, *why says why, st is empty again; 2: the same,
 * a newer version's file; -1: it cannot be opened (errno).
 */
static int
state_read(struct state *st, const char *path, const char **why)
{
	struct stat sb;
	struct buf b = {0};
	char chunk[16384];
	ssize_t n;
	int fd;

	*why = NULL;
	fd = open(path,
	          O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		if (errno == ELOOP) {
			*why = "a symbolic link";
			return 1;
		}
		return -1;
	}
	if (fstat(fd, &sb) < 0)
		*why = "cannot be examined";
	else if (S_ISDIR(sb.st_mode))
		*why = "a directory";
	else if (!S_ISREG(sb.st_mode))
		*why = "not a regular file";
	else if (sb.st_size > STATE_MAX_SIZE)
		*why = "larger than 1 MiB";
	while (*why == NULL) {
		n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*why = "unreadable";
			break;
		}
		if (n == 0)
			break;
		buf_add(&b, chunk, (size_t)n);
		if (b.len > STATE_MAX_SIZE)
			*why = "larger than 1 MiB";
	}
	close(fd);
	if (*why == NULL)
		*why = state_parse(st, b.s != NULL ? b.s : "", b.len);
	buf_free(&b);
	if (*why != NULL) {
		state_clear(st);
		return *why == state_why_newer ? 2 : 1;
	}
	return 0;
}

/* A newer version's file at path, said once: left alone, not saved. */
static void
state_tell_newer(struct state *st, struct buf *warn)
{
	char *safe;

	if (st->told_newer)
		return;
	safe = text_name(st->path);
	buf_printf(warn, "%s: written by a newer herald-tui: left alone, "
	           "positions not saved\n", safe);
	free(safe);
	st->told_newer = true;
}

int
state_load(struct state *st, const char *path, struct buf *warn)
{
	const char *why;
	char *safe;
	int r;

	memset(st, 0, sizeof *st);
	st->lock_ms = STATE_LOCK_MS;
	st->path = path != NULL ? xstrdup(path) : state_default_path();
	if (st->path == NULL) {
		buf_adds(warn, "no home directory (HOME, XDG_STATE_HOME): "
		               "reading positions are not kept\n");
		return -1;
	}
	state_clean_temps(st->path);

	r = state_read(st, st->path, &why);
	if (r < 0) {
		safe = text_name(st->path);
		buf_printf(warn, "%s: cannot read the state file: %s\n", safe,
		           strerror(errno));
		free(safe);
	} else if (r == 2)
		state_tell_newer(st, warn);
	else if (r > 0)
		state_move_aside(st->path, why, warn);
	return 0;
}

struct state_issue *
state_get(struct state *st, const char *key)
{
	struct state_issue *e;

	if ((e = state_find(st, key)) == NULL) {
		st->v = xgrow(st->v, st->n, sizeof *st->v);
		e = &st->v[st->n++];
		memset(e, 0, sizeof *e);
		e->key = xstrdup(key);
		e->pos.article = -1;
		/* Nothing is changed until the caller changes it. */
		state_snap_take(e);
	}
	e->used = ++st->clock;
	e->seen = state_now(st);
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
	t.changed = true;
	st->terms[0] = t;
}

/* ---- merging ------------------------------------------------------------ */

static bool
state_pos_eq(const struct state_pos *a, const struct state_pos *b)
{
	return a->page == b->page && a->article == b->article &&
	       a->offset == b->offset && a->gap == b->gap;
}

/*
 * Merge what o (this reader's entry) changed since its snapshot into d
 * (the file's entry for the same key). A change is dated by o's last
 * state_get, as the caller changes an entry just after getting it; the
 * file's item wins only when it is newer.
 */
static void
state_merge_issue(struct state_issue *d, const struct state_issue *o)
{
	unsigned bit;
	size_t i;
	bool set;
	int m;

	if ((!state_pos_eq(&o->pos, &o->base.pos) || o->pane != o->base.pane) &&
	    o->seen >= d->pos_time) {
		d->pos = o->pos;
		d->pane = o->pane;
		d->pos_time = o->seen;
	}
	for (m = 0; m < STATE_MARKS; m++) {
		bit = 1u << m;
		/* a bit set has its marks (state_mark) */
		set = (o->marked & bit) != 0 && o->marks != NULL;
		if (set == ((o->base.marked & bit) != 0 &&
		            o->base.marks != NULL) &&
		    (!set || state_pos_eq(&o->marks->pos[m],
		                          &o->base.marks[m])))
			continue; /* not ours to write */
		if (d->marks != NULL && o->seen < d->marks->time[m])
			continue; /* the other reader's change is newer */
		if (set)
			*state_mark(d, m) = o->marks->pos[m];
		d->marked = set ? d->marked | bit : d->marked & ~bit;
		state_marks(d)->time[m] = o->seen;
	}
	/* read: a union (what would pass STATE_MAX_RUNS stays out); the
	 * label: the newest open's */
	for (i = 0; i < o->nread; i++)
		(void)state_add_run(d, o->read[i].lo, o->read[i].hi);
	if (o->label != NULL && (d->label == NULL || o->seen >= d->seen))
		state_set_label(d, o->label, o->articles);
	if (o->seen > d->seen)
		d->seen = o->seen;
}

/* Merge this reader's changes (ours) into the file's state (disk). */
static void
state_merge(struct state *disk, const struct state *ours)
{
	const struct state_issue *o;
	struct state_issue *d;
	struct state_key *keys = state_keys(disk);
	size_t i, n = disk->n, at;

	/* ours has each key once: those added are not looked for again */
	for (i = 0; i < ours->n; i++) {
		o = &ours->v[i];
		if ((at = state_key_find(keys, n, o->key)) < n) {
			state_merge_issue(&disk->v[at], o);
			continue;
		}
		/* Not in the file (new, or trimmed by another reader):
		 * nothing there to overwrite. */
		disk->v = xgrow(disk->v, disk->n, sizeof *disk->v);
		d = &disk->v[disk->n++];
		/* What o had from the file, with o's changes merged in. */
		*d = *o;
		d->key = xstrdup(o->key);
		d->read = NULL;
		d->nread = 0;
		d->label = NULL;
		d->used = 0;
		d->seen = 0;
		d->pos = o->base.pos;
		d->pane = o->base.pane;
		d->marks = NULL;
		d->base.marks = NULL;
		if (o->marks != NULL)
			memcpy(state_marks(d)->time, o->marks->time,
			       sizeof d->marks->time);
		if (o->base.marks != NULL)
			memcpy(state_marks(d)->pos, o->base.marks,
			       sizeof d->marks->pos);
		d->marked = o->base.marked;
		state_merge_issue(d, o);
	}
	free(keys);
	/* This reader's searches in front of the file's, oldest first so
	 * each goes to the front in turn. */
	for (i = ours->nours; i-- > 0;)
		state_search_front(disk, ours->searches[i]);
	/* Oldest first, so each goes to the front in turn. */
	for (i = ours->nterms; i-- > 0;)
		if (ours->terms[i].changed)
			state_term_set(disk, ours->terms[i].name,
			               ours->terms[i].wide);
}

/* ---- saving ------------------------------------------------------------- */

/* Most recently used first: by time, then (same time, or none in an old
 * file) by state_get's clock. */
static int
state_used_cmp(const void *a, const void *b)
{
	const struct state_issue *x = *(const struct state_issue *const *)a;
	const struct state_issue *y = *(const struct state_issue *const *)b;

	if (x->seen != y->seen)
		return (x->seen < y->seen) - (x->seen > y->seen);
	return (x->used < y->used) - (x->used > y->used);
}

/* prefix, then v in decimal: a printf's work without its format, for
 * the thousands of numbers of a save (a third of its time was
 * vsnprintf's). */
static void
state_put_u(struct buf *b, const char *prefix, unsigned long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	buf_adds(b, prefix);
	buf_add(b, p, (size_t)(tmp + sizeof tmp - p));
}

static void
state_put_i(struct buf *b, const char *prefix, long long v)
{
	if (v < 0) {
		buf_adds(b, prefix);
		state_put_u(b, "-", 0ull - (unsigned long long)v);
	} else
		state_put_u(b, prefix, (unsigned long long)v);
}

static void
state_format_pos(struct buf *b, const struct state_pos *pos)
{
	state_put_i(b, "", pos->page);
	state_put_i(b, ",", pos->article);
	state_put_u(b, ",", pos->offset);
	if (pos->gap)
		buf_addc(b, 'g');
}

/* One issue's line, newline included. */
static void
state_format_issue(struct buf *b, const struct state_issue *e)
{
	static const struct state_pos none = {0, -1, 0, false};
	size_t i;
	bool set;
	int m;

	buf_adds(b, "issue ");
	state_encode(b, e->key);
	state_put_u(b, " used=", (unsigned long long)e->seen);
	buf_adds(b, " pos=");
	/* What a load would refuse is not written. */
	state_format_pos(b, state_pos_valid(&e->pos) ? &e->pos : &none);
	state_put_u(b, "@", (unsigned long long)e->pos_time);
	state_put_i(b, " pane=", e->pane >= 0 && e->pane <= 2 ? e->pane : 0);
	for (m = 0; e->marks != NULL && m < STATE_MARKS; m++) {
		set = (e->marked & (1u << m)) != 0;
		/* set: " a=POS@T"; deleted: " a=-@T" */
		if (set ? !state_pos_valid(&e->marks->pos[m])
		        : e->marks->time[m] == 0)
			continue;
		buf_addc(b, ' ');
		buf_addc(b, (char)('a' + m));
		buf_addc(b, '=');
		if (set)
			state_format_pos(b, &e->marks->pos[m]);
		else
			buf_addc(b, '-');
		state_put_u(b, "@", (unsigned long long)e->marks->time[m]);
	}
	for (i = 0; i < e->nread && i < STATE_MAX_RUNS; i++) {
		state_put_u(b, i == 0 ? " read=" : ",",
		            (unsigned)(e->read[i].lo >> 32));
		state_put_u(b, ".", (unsigned)(e->read[i].lo & 0xffffffffu));
		if (e->read[i].hi > e->read[i].lo)
			state_put_u(b, "-",
			            (unsigned)(e->read[i].hi & 0xffffffffu));
	}
	if (e->label != NULL && strlen(e->label) <= STATE_MAX_LABEL) {
		buf_adds(b, " label=");
		state_encode(b, e->label);
		state_put_i(b, " arts=", e->articles);
	}
	buf_addc(b, '\n');
}

/*
 * The file's text, within the limits a load applies: at most
 * STATE_MAX_ISSUES issues and STATE_MAX_SIZE bytes, the most recently used
 * first. Returns how many issues the size left out.
 */
static size_t
state_format(const struct state *st, struct buf *b)
{
	const struct state_issue **order;
	struct buf line = {0};
	size_t i, kept = 0, dropped = 0;

	buf_printf(b, "%s %d\n", STATE_MAGIC, STATE_VERSION);
	for (i = 0; i < st->nterms; i++) {
		if (strlen(st->terms[i].name) > STATE_MAX_KEY)
			continue;
		buf_adds(b, "term ");
		state_encode(b, st->terms[i].name);
		buf_adds(b, st->terms[i].wide ? " ambiguous=wide\n"
		                              : " ambiguous=narrow\n");
	}
	for (i = 0; i < st->nsearches && i < STATE_MAX_SEARCHES; i++) {
		buf_adds(b, "search ");
		state_encode(b, st->searches[i]);
		buf_addc(b, '\n');
	}
	order = xreallocarray(NULL, st->n + 1, sizeof *order);
	for (i = 0; i < st->n; i++)
		order[i] = &st->v[i];
	qsort(order, st->n, sizeof *order, state_used_cmp);
	for (i = 0; i < st->n && kept + dropped < STATE_MAX_ISSUES; i++) {
		if (order[i]->key == NULL || order[i]->key[0] == '\0' ||
		    strlen(order[i]->key) > STATE_MAX_KEY ||
		    order[i]->seen > STATE_MAX_TIME)
			continue;
		if (dropped > 0) {
			dropped++;
			continue;
		}
		line.len = 0;
		state_format_issue(&line, order[i]);
		if (b->len + line.len + STATE_SUM_LEN > STATE_MAX_SIZE) {
			dropped++;
			continue;
		}
		buf_add(b, line.s, line.len);
		kept++;
	}
	buf_free(&line);
	free(order);
	buf_printf(b, "sum %08x\n", (unsigned)state_crc32(b->s, b->len));
	return dropped;
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

/*
 * The lock beside the state file (PATH.lock, never removed: removing it
 * would race with the next taker), tried every STATE_LOCK_NAP_MS for at
 * most ms. Its descriptor (closing it unlocks), or -1: errno EWOULDBLOCK
 * when another reader held it all that time.
 */
static int
state_lock(const char *path, int ms)
{
	char *lpath = xasprintf("%s.lock", path);
	struct timespec t0, t1, nap = {0, STATE_LOCK_NAP_MS * 1000000L};
	struct flock fl;
	long waited;
	int fd, e;

	fd = open(lpath, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY,
	          0600);
	e = errno;
	free(lpath);
	if (fd < 0) {
		errno = e;
		return -1;
	}
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		if (fcntl(fd, F_SETLK, &fl) == 0)
			return fd;
		if (errno != EACCES && errno != EAGAIN && errno != EINTR)
			break;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		waited = (t1.tv_sec - t0.tv_sec) * 1000L +
		         (t1.tv_nsec - t0.tv_nsec) / 1000000L;
		if (waited >= ms) {
			errno = EWOULDBLOCK;
			break;
		}
		(void)nanosleep(&nap, NULL);
	}
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* Write b to path through a temp file in dir: fsync, rename, fsync dir.
 * 0, or -1 with errno and *what. */
static int
state_write(const char *path, const char *dir, const char *base,
            const struct buf *b, const char **what)
{
	char *tmp = xasprintf("%s/.%s.tmp.%ld", dir, base, (long)getpid());
	int fd, dfd, e;

	*what = "cannot create a temp file";
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
	*what = "cannot write";
	if (file_write_all(fd, b->s, b->len) < 0)
		goto fail_unlink;
	*what = "cannot sync";
	if (fsync(fd) < 0)
		goto fail_unlink;
	*what = "cannot write";
	e = close(fd);
	fd = -1;
	if (e < 0)
		goto fail_unlink;
	*what = "cannot replace it";
	if (rename(tmp, path) < 0)
		goto fail_unlink;
	/* Make the rename itself durable; failing here loses nothing now. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		(void)fsync(dfd);
		close(dfd);
	}
	free(tmp);
	return 0;

fail_unlink:
	e = errno;
	if (fd >= 0)
		close(fd);
	(void)unlink(tmp);
	errno = e;
fail:
	free(tmp);
	return -1;
}

int
state_save(struct state *st, char **err)
{
	struct state disk;
	struct buf b = {0}, aside = {0};
	char *dir = NULL, *base = NULL, *safe;
	const char *what, *why;
	size_t dropped;
	int lfd = -1, r, e;

	*err = NULL;
	if (st->path == NULL) {
		*err = xstrdup("no state file (no home directory)");
		return -1;
	}
	memset(&disk, 0, sizeof disk);
	state_split(st->path, &dir, &base);
	what = "cannot create its directory";
	if (state_mkdirs(dir) < 0)
		goto fail;
	what = "cannot create its lock file";
	if ((lfd = state_lock(st->path, st->lock_ms)) < 0) {
		if (errno != EWOULDBLOCK)
			goto fail;
		safe = text_name(st->path);
		*err = xasprintf("%s: another herald-tui kept it locked for "
		                 "%d ms; not saved, the old state is kept",
		                 safe, st->lock_ms);
		free(safe);
		goto out;
	}
	/* Under the lock: what the other readers saved meanwhile. */
	what = "cannot read it";
	r = state_read(&disk, st->path, &why);
	if (r < 0)
		goto fail;
	if (r == 2) {
		/* a newer reader's file (saved meanwhile, or at our load):
		 * not ours to write over */
		state_tell_newer(st, &aside);
		goto told;
	}
	if (r > 0)
		state_move_aside(st->path, why, &aside);
	state_merge(&disk, st);
	dropped = state_format(&disk, &b);
	if (state_write(st->path, dir, base, &b, &what) < 0)
		goto fail;
	close(lfd);
	lfd = -1;

	/* Saved: st becomes what the file now holds, nothing changed. */
	state_clear(st);
	if (state_parse(st, b.s, b.len) != NULL)
		state_clear(st); /* cannot be: the limits are the same */
	if (dropped > 0 && !st->told_trim) {
		safe = text_name(st->path);
		buf_printf(&aside,
		           "%s: kept within 1 MiB by leaving out the %zu "
		           "least recently used issue%s\n",
		           safe, dropped, dropped == 1 ? "" : "s");
		free(safe);
		st->told_trim = true;
	}
told:
	free(st->note);
	st->note = NULL;
	if (aside.len > 0) {
		aside.s[--aside.len] = '\0'; /* the last newline */
		st->note = buf_take(&aside, NULL);
	}
	goto out;

fail:
	e = errno;
	safe = text_name(st->path);
	*err = xasprintf("%s: %s: %s; the old state is kept", safe, what,
	                 strerror(e));
	free(safe);
out:
	if (lfd >= 0)
		close(lfd);
	state_clear(&disk);
	buf_free(&aside);
	buf_free(&b);
	free(dir);
	free(base);
	return *err != NULL ? -1 : 0;
}

const struct state_issue *
state_peek(const struct state *st, const char *key)
{
	return state_find(st, key);
}

void
state_free(struct state *st)
{
	state_clear(st);
	free(st->path);
	free(st->note);
	memset(st, 0, sizeof *st);
}
