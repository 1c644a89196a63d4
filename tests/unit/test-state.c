/*
 * test-state.c: the state file: round trip of awkward keys, permissions,
 * every kind of corrupt file moved aside, stale temp files, the LRU cap,
 * a read-only directory, a writer SIGKILLed mid-save 300 times (the
 * file must always be the old or the new version, never torn), two
 * readers' saves merged, a lock held by another, and the size limit
 * that saving and loading share.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "state.h"
#include "xmalloc.h"

static char *tdir;

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	tdir = xasprintf("%s/herald-state-XXXXXX",
	                 t != NULL && t[0] == '/' ? t : "/tmp");
	if (mkdtemp(tdir) == NULL)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	chmod(tdir, 0700);
	nftw(tdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tdir);
	tdir = NULL;
	return 0;
}

/* The test's own CRC32, to craft fixtures with a valid checksum. */
static uint32_t
crc32(const char *p, size_t len)
{
	uint32_t crc = 0xffffffffu;
	size_t i;
	int k;

	for (i = 0; i < len; i++) {
		crc ^= (unsigned char)p[i];
		for (k = 0; k < 8; k++)
			crc = (crc & 1) ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
	}
	return ~crc;
}

static void
write_bytes(const char *path, const char *p, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(p, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* body + "sum XXXXXXXX\n" with the right checksum. */
static void
write_signed(const char *path, const char *body, size_t len)
{
	struct buf b = {0};

	buf_add(&b, body, len);
	buf_printf(&b, "sum %08x\n", (unsigned)crc32(body, len));
	write_bytes(path, b.s, b.len);
	buf_free(&b);
}

static char *
read_all(const char *path, size_t *len)
{
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	assert_non_null(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_take(&b, len);
}

static char *
load_warn(struct state *st, const char *path)
{
	struct buf w = {0};

	assert_int_equal(state_load(st, path, &w), 0);
	return buf_take(&w, NULL);
}

/* The entry for key, or NULL (state_get would make one). */
static struct state_issue *
state_find_test(struct state *st, const char *key)
{
	size_t i;

	for (i = 0; i < st->n; i++)
		if (strcmp(st->v[i].key, key) == 0)
			return &st->v[i];
	return NULL;
}

static int
count_temps(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".state.tmp.", 11) == 0)
			n++;
	closedir(d);
	return n;
}

static const char *const awkward_keys[] = {
    "/srv/papers/2025-11-17/01.md",
    "/home/me/My Papers/科技 日报/第 1 版.md",
    "/tmp/new\nline\tand tab",
    "/100%/%41%25%00/x",
    "relative/with=equals and pos=1,2,3 pane=9",
    " leading and trailing ",
    "/\x01\x7f\xff\xfe",
};
#define NAWKWARD (sizeof awkward_keys / sizeof awkward_keys[0])

static void
test_round_trip(void **state)
{
	struct state st, st2;
	struct state_issue *e;
	char *path = xasprintf("%s/state", tdir), *warn, *err = NULL, *text;
	size_t i, len;

	(void)state;
	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	free(warn);
	assert_int_equal(st.n, 0);
	assert_string_equal(st.path, path);
	for (i = 0; i < NAWKWARD; i++) {
		e = state_get(&st, awkward_keys[i]);
		assert_string_equal(e->key, awkward_keys[i]);
		assert_int_equal(e->pos.article, -1);
		e->pos.page = (int)i + 1;
		e->pos.article = (int)i - 1;
		e->pos.offset = 1000 * i + 7;
		e->pos.gap = i % 2 == 1;
		e->pane = (int)(i % 3);
		state_mark(e, i)->page = 9;
		state_mark(e, i)->article = 3;
		state_mark(e, i)->offset = 12345;
		state_mark(e, 25)->page = 2;
		state_mark(e, 25)->offset = 64u * 1024 * 1024;
		state_mark(e, 25)->gap = true;
		e->marked = (1u << i) | (1u << 25);
	}
	/* Getting an existing key gives the same entry back. */
	assert_int_equal(state_get(&st, awkward_keys[0])->pos.page, 1);
	assert_int_equal(st.n, NAWKWARD);
	assert_int_equal(state_save(&st, &err), 0);
	assert_null(err);

	text = read_all(path, &len);
	assert_memory_equal(text, "herald-tui-state 5\n", 19);
	assert_int_equal(strncmp(text + len - 13, "sum ", 4), 0);
	/* One line per issue: the newline inside a key is escaped. */
	{
		size_t lines = 0, k;

		for (k = 0; k < len; k++)
			lines += text[k] == '\n';
		assert_int_equal(lines, NAWKWARD + 2);
	}
	free(text);

	warn = load_warn(&st2, path);
	assert_string_equal(warn, "");
	free(warn);
	assert_int_equal(st2.n, NAWKWARD);
	for (i = 0; i < NAWKWARD; i++) {
		struct state_issue *a = NULL, *b;
		size_t j;

		for (j = 0; j < st.n; j++)
			if (strcmp(st.v[j].key, awkward_keys[i]) == 0)
				a = &st.v[j];
		b = state_get(&st2, awkward_keys[i]);
		assert_non_null(a);
		assert_int_equal(st2.n, NAWKWARD); /* found, not made */
		/* as set, not as st holds them: a save leaves st what the
		 * file holds, so a number written wrong reads alike there */
		assert_int_equal(b->pos.page, (int)i + 1);
		assert_int_equal(b->pos.article, (int)i - 1);
		assert_int_equal(b->pos.offset, 1000 * i + 7);
		assert_int_equal(b->pos.gap, i % 2 == 1);
		assert_int_equal(b->pane, (int)(i % 3));
		assert_int_equal(b->pos.page, a->pos.page);
		assert_int_equal(b->marked, a->marked);
		assert_int_equal(state_mark(b, i)->offset, 12345);
		assert_int_equal(state_mark(b, i)->article, 3);
		assert_int_equal(state_mark(b, 25)->offset, 64u * 1024 * 1024);
		assert_true(state_mark(b, 25)->gap);
		assert_false(state_mark(b, i)->gap);
	}
	state_free(&st);
	state_free(&st2);
	free(path);
}

static void
test_permissions(void **state)
{
	struct state st;
	struct stat sb;
	char *deep = xasprintf("%s/a/b/state", tdir), *err = NULL, *warn;
	char *a = xasprintf("%s/a", tdir), *b = xasprintf("%s/a/b", tdir);
	char *ex = xasprintf("%s/ex", tdir), *expath;
	mode_t old = umask(022);

	(void)state;
	warn = load_warn(&st, deep);
	free(warn);
	state_get(&st, "/x")->pos.page = 3;
	assert_int_equal(state_save(&st, &err), 0);
	assert_int_equal(stat(a, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(stat(b, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	assert_int_equal(stat(deep, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	assert_int_equal(sb.st_mode & 07777, 0600);
	state_free(&st);

	/* An existing directory keeps its mode (XDG: never chmod). */
	assert_int_equal(mkdir(ex, 0755), 0);
	assert_int_equal(chmod(ex, 0755), 0);
	expath = xasprintf("%s/state", ex);
	warn = load_warn(&st, expath);
	free(warn);
	state_get(&st, "/y");
	assert_int_equal(state_save(&st, &err), 0);
	assert_int_equal(stat(ex, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0755);
	assert_int_equal(stat(expath, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(count_temps(ex), 0);
	state_free(&st);
	umask(old);
	free(deep);
	free(a);
	free(b);
	free(ex);
	free(expath);
}

/* Each fixture: a file that must be refused, moved aside, reported. */
static void
fixture_truncated(const char *path)
{
	struct state st;
	char *err, *w, *text;
	size_t len;
	int i;

	w = load_warn(&st, path);
	free(w);
	for (i = 0; i < 20; i++)
		state_get(&st, "/issue")->pos.page = i;
	state_get(&st, "/other issue");
	assert_int_equal(state_save(&st, &err), 0);
	state_free(&st);
	text = read_all(path, &len);
	write_bytes(path, text, len / 2);
	free(text);
}

static void
fixture_random(const char *path)
{
	char bytes[3000];
	unsigned x = 12345;
	size_t i;

	for (i = 0; i < sizeof bytes; i++) {
		x = x * 1103515245u + 12345u;
		bytes[i] = (char)(x >> 16);
	}
	write_bytes(path, bytes, sizeof bytes);
}

static void
fixture_magic(const char *path)
{
	static const char body[] = "herald-tui-stats 1\n"
	                           "issue /a pos=1,0,0 pane=0\n";

	write_signed(path, body, sizeof body - 1);
}

static void
fixture_less(const char *path)
{
	static const char body[] = ".less-history-file:\n.search\n\"foo\n";

	write_bytes(path, body, sizeof body - 1);
}

static void
fixture_future(const char *path)
{
	static const char body[] = "herald-tui-state 6\n"
	                           "issue /a pos=1,0,0 pane=0 later=1\n";

	write_signed(path, body, sizeof body - 1);
}

static void
fixture_checksum(const char *path)
{
	static const char body[] = "herald-tui-state 1\n"
	                           "issue /a pos=1,0,0 pane=0\n";
	struct buf b = {0};

	buf_add(&b, body, sizeof body - 1);
	buf_printf(&b, "sum %08x\n", (unsigned)crc32(body, sizeof body - 1));
	b.s[strlen("herald-tui-state 1\nissue /a pos=")] = '2';
	write_bytes(path, b.s, b.len);
	buf_free(&b);
}

static void
fixture_nul(const char *path)
{
	static const char body[] = "herald-tui-state 1\n"
	                           "issue /a\0b pos=1,0,0 pane=0\n";

	write_signed(path, body, sizeof body - 1);
}

static void
fixture_huge(const char *path)
{
	struct buf b = {0};
	int i;

	buf_adds(&b, "herald-tui-state 1\n");
	for (i = 0; b.len <= 1024 * 1024; i++)
		buf_printf(&b, "issue /padding/%08d pos=1,0,0 pane=0\n", i);
	write_signed(path, b.s, b.len);
	buf_free(&b);
}

static void
fixture_symlink(const char *path)
{
	char *target = xasprintf("%s/elsewhere", tdir);
	static const char body[] = "herald-tui-state 1\n"
	                           "issue /a pos=1,0,0 pane=0\n";

	/* Even a valid file is refused through a symlink. */
	write_signed(target, body, sizeof body - 1);
	assert_int_equal(symlink(target, path), 0);
	free(target);
}

static void
fixture_directory(const char *path)
{
	assert_int_equal(mkdir(path, 0700), 0);
}

static void
fixture_fifo(const char *path)
{
	assert_int_equal(mkfifo(path, 0600), 0);
}

/* Well-formed and checksummed, but something inside is out of range. */
static const char *const bad_bodies[] = {
    "herald-tui-state 1\nissue /a pos=-1,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,-2,0 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,99999999999 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,0 pane=3\n",
    "herald-tui-state 1\nissue /a pos=1,0,0 pane=0 A=1,0,0\n",
    "herald-tui-state 1\nissue /a pos=1,0,0 pane=0 b=1,0,0 b=2,0,0\n",
    "herald-tui-state 1\nissue /a pos=1,0,0 pane=0\nissue /a pos=2,0,0 "
    "pane=0\n",
    /* listed twice, not one after the other (looked for by sorting) */
    "herald-tui-state 1\nissue /b pos=1,0,0 pane=0\nissue /a pos=1,0,0 "
    "pane=0\nissue /c pos=1,0,0 pane=0\nissue /b pos=2,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a%zz pos=1,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a%00 pos=1,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a%4 pos=1,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a\tb pos=1,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,0\n",
    "herald-tui-state 1\nissue /a pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,0 pane=0 colour=red\n",
    "herald-tui-state 1\nissue /a pos=1,0,g pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,7gg pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0g,7 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,7 pane=0 a=1,0,G\n",
    "herald-tui-state 1\nissue /a pos=1,0,0  pane=0\n",
    "herald-tui-state 1\nissue /a pos=+1,0,0 pane=0\n",
    "herald-tui-state 1\nissue /a pos=1,0,0 pane=0 \n",
    "herald-tui-state 1\nissue  pos=1,0,0 pane=0\n",
    "herald-tui-state 1\nbogus line\n",
    "herald-tui-state 1\n\n",
    "herald-tui-state 1\r\nissue /a pos=1,0,0 pane=0\r\n",
    "herald-tui-state\n",
    "herald-tui-state 01x\n",
    "herald-tui-state 0\n",
    /* terminal lines (version 2 only) */
    "herald-tui-state 1\nterm xterm ambiguous=wide\n",
    "herald-tui-state 2\nterm xterm ambiguous=Wide\n",
    "herald-tui-state 2\nterm xterm ambiguous=wide \n",
    "herald-tui-state 2\nterm xterm\n",
    "herald-tui-state 2\nterm  ambiguous=wide\n",
    "herald-tui-state 2\nterm x%zz ambiguous=wide\n",
    "herald-tui-state 2\nterm xterm ambiguous=wide\nterm xterm "
    "ambiguous=narrow\n",
    "herald-tui-state 2\nterm a b ambiguous=wide\n",
};

static void
check_corrupt(const char *path, const char *why)
{
	struct state st;
	struct stat sb;
	char *aside = xasprintf("%s.corrupt", path), *warn;

	warn = load_warn(&st, path);
	if (strstr(warn, "corrupt") == NULL || strstr(warn, path) == NULL)
		fail_msg("%s: warning '%s'", why, warn);
	assert_int_equal(st.n, 0);
	assert_int_equal(lstat(path, &sb), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(lstat(aside, &sb), 0);
	/* The reader goes on: a save works at once. */
	state_get(&st, "/fresh");
	{
		char *err = NULL;

		assert_int_equal(state_save(&st, &err), 0);
	}
	state_free(&st);
	free(warn);
	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	assert_int_equal(st.n, 1);
	state_free(&st);
	assert_int_equal(unlink(path), 0);
	free(warn);
	free(aside);
}

static void
test_corrupt(void **state)
{
	static const struct {
		const char *name;
		void (*make)(const char *);
		const char *reason;
	} fixtures[] = {
	    {"truncated", fixture_truncated, "truncated"},
	    {"random bytes", fixture_random, NULL},
	    {"wrong magic", fixture_magic, "not a herald-tui state file"},
	    {"another program's file", fixture_less, NULL},
	    {"bad checksum", fixture_checksum, "a bad checksum"},
	    {"NUL byte", fixture_nul, "a NUL byte"},
	    {"over 1 MiB", fixture_huge, "larger than 1 MiB"},
	    {"symlink", fixture_symlink, "a symbolic link"},
	    {"directory", fixture_directory, "a directory"},
	    {"fifo", fixture_fifo, "not a regular file"},
	};
	char *path = xasprintf("%s/state", tdir);
	char *aside = xasprintf("%s/state.corrupt", tdir);
	struct state st;
	struct stat sb;
	char *warn;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++) {
		fixtures[i].make(path);
		warn = load_warn(&st, path);
		if (fixtures[i].reason != NULL &&
		    strstr(warn, fixtures[i].reason) == NULL)
			fail_msg("%s: warning '%s'", fixtures[i].name, warn);
		state_free(&st);
		free(warn);
		/* It was moved: put it back to check the whole cycle. */
		assert_int_equal(rename(aside, path), 0);
		check_corrupt(path, fixtures[i].name);
	}
	/* The symlink was moved, its target left alone. */
	{
		char *target = xasprintf("%s/elsewhere", tdir);

		assert_int_equal(lstat(target, &sb), 0);
		assert_true(S_ISREG(sb.st_mode));
		free(target);
	}
	for (i = 0; i < sizeof bad_bodies / sizeof bad_bodies[0]; i++) {
		write_signed(path, bad_bodies[i], strlen(bad_bodies[i]));
		check_corrupt(path, bad_bodies[i]);
	}
	/* A newer corrupt file replaces the older one (file over dir too). */
	fixture_random(path);
	warn = load_warn(&st, path);
	state_free(&st);
	free(warn);
	fixture_magic(path);
	warn = load_warn(&st, path);
	state_free(&st);
	free(warn);
	{
		size_t len;
		char *t = read_all(aside, &len);

		assert_memory_equal(t, "herald-tui-stats", 16);
		free(t);
	}
	assert_int_equal(unlink(aside), 0);
	assert_int_equal(mkdir(aside, 0700), 0);
	fixture_checksum(path);
	warn = load_warn(&st, path);
	assert_non_null(strstr(warn, "moved to"));
	assert_int_equal(lstat(aside, &sb), 0);
	assert_true(S_ISREG(sb.st_mode));
	state_free(&st);
	free(warn);
	free(path);
	free(aside);
}

/* A pid that is certainly dead: a reaped child's. */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

static void
make_temp(const char *name, time_t age)
{
	char *p = xasprintf("%s/%s", tdir, name);
	struct timespec ts[2];

	write_bytes(p, "partial", 7);
	if (age > 0) {
		ts[0].tv_sec = ts[1].tv_sec = time(NULL) - age;
		ts[0].tv_nsec = ts[1].tv_nsec = 0;
		assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
	}
	free(p);
}

static bool
exists(const char *name)
{
	char *p = xasprintf("%s/%s", tdir, name);
	struct stat sb;
	bool r = lstat(p, &sb) == 0;

	free(p);
	return r;
}

static void
test_stale_temps(void **state)
{
	pid_t gone = dead_pid(), parent = getppid();
	struct state st;
	char *path = xasprintf("%s/state", tdir), *warn;
	char dead[64], alive[64], alive_old[64];

	(void)state;
	snprintf(dead, sizeof dead, ".state.tmp.%ld", (long)gone);
	/* Our parent is alive while we run (the harness or a shell). */
	snprintf(alive, sizeof alive, ".state.tmp.%ld", (long)parent);
	/* pid 1 is alive, but a minute-old file is stale whatever its pid. */
	snprintf(alive_old, sizeof alive_old, ".state.tmp.1");
	make_temp(dead, 0);
	make_temp(alive, 0);
	make_temp(alive_old, 120);
	make_temp(".state.tmp.garbage", 0);
	make_temp(".state.tmp.junk", 3600);
	make_temp(".other.tmp.1", 3600);
	make_temp("state.tmp.1", 3600);
	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	assert_false(exists(dead));
	assert_true(exists(alive));      /* a live writer's */
	assert_false(exists(alive_old)); /* over a minute old */
	assert_true(exists(".state.tmp.garbage"));
	assert_false(exists(".state.tmp.junk"));
	assert_true(exists(".other.tmp.1")); /* not ours */
	assert_true(exists("state.tmp.1"));
	state_free(&st);
	free(warn);
	free(path);
}

static void
test_lru_cap(void **state)
{
	struct state st;
	char *path = xasprintf("%s/state", tdir), *warn, *err, key[64];
	int i;

	(void)state;
	warn = load_warn(&st, path);
	free(warn);
	for (i = 0; i < STATE_MAX_ISSUES + 10; i++) {
		snprintf(key, sizeof key, "/issue/%d", i);
		state_get(&st, key)->pos.page = i;
	}
	/* Touch the oldest: it becomes the most recent. */
	state_get(&st, "/issue/0");
	assert_int_equal(state_save(&st, &err), 0);
	state_free(&st);
	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	assert_int_equal(st.n, STATE_MAX_ISSUES);
	/* Most recent first, and the clock keeps that order. */
	assert_string_equal(st.v[0].key, "/issue/0");
	assert_string_equal(st.v[1].key, "/issue/509");
	assert_true(st.v[0].used > st.v[1].used);
	for (i = 1; i <= 10; i++) {
		size_t j;

		snprintf(key, sizeof key, "/issue/%d", i);
		for (j = 0; j < st.n; j++)
			assert_string_not_equal(st.v[j].key, key);
	}
	/* A file with more than the cap is not one we wrote. */
	state_free(&st);
	free(warn);
	{
		struct buf b = {0};

		buf_adds(&b, "herald-tui-state 1\n");
		for (i = 0; i <= STATE_MAX_ISSUES; i++)
			buf_printf(&b, "issue /i/%d pos=1,0,0 pane=0\n", i);
		write_signed(path, b.s, b.len);
		buf_free(&b);
	}
	check_corrupt(path, "too many issues");
	free(path);
}

static void
test_paths(void **state)
{
	char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *old_xdg =
	    getenv("XDG_STATE_HOME") ? xstrdup(getenv("XDG_STATE_HOME")) : NULL;
	char *p, *want;

	(void)state;
	setenv("HOME", tdir, 1);
	unsetenv("XDG_STATE_HOME");
	want = xasprintf("%s/.local/state/herald-tui/state", tdir);
	p = state_default_path();
	assert_string_equal(p, want);
	free(p);
	setenv("XDG_STATE_HOME", "relative/dir", 1);
	p = state_default_path();
	assert_string_equal(p, want);
	free(p);
	free(want);
	setenv("XDG_STATE_HOME", "/var/xdg", 1);
	p = state_default_path();
	assert_string_equal(p, "/var/xdg/herald-tui/state");
	free(p);

	/* state_load(NULL) uses it, and save creates the directories. */
	{
		struct state st;
		struct buf w = {0};
		char *err = NULL, *dir = xasprintf("%s/x", tdir);
		struct stat sb;

		setenv("XDG_STATE_HOME", dir, 1);
		assert_int_equal(state_load(&st, NULL, &w), 0);
		state_get(&st, "/a");
		assert_int_equal(state_save(&st, &err), 0);
		want = xasprintf("%s/herald-tui/state", dir);
		assert_string_equal(st.path, want);
		assert_int_equal(stat(want, &sb), 0);
		state_free(&st);
		buf_free(&w);
		free(want);
		free(dir);
	}
	if (old_home != NULL)
		setenv("HOME", old_home, 1);
	if (old_xdg != NULL)
		setenv("XDG_STATE_HOME", old_xdg, 1);
	else
		unsetenv("XDG_STATE_HOME");
	free(old_home);
	free(old_xdg);
}

/* The save of a child that cannot write the directory. */
static int
save_in(const char *path, char **errout)
{
	struct state st;
	struct buf w = {0};
	int r;

	state_load(&st, path, &w);
	buf_free(&w);
	state_get(&st, "/new")->pos.page = 77;
	r = state_save(&st, errout);
	state_free(&st);
	return r;
}

static void
test_read_only_dir(void **state)
{
	char *ro = xasprintf("%s/ro", tdir),
	     *path = xasprintf("%s/ro/state", tdir), *before, *after,
	     *err = NULL;
	size_t blen, alen;
	struct state st;
	struct buf w = {0};
	int status;
	pid_t pid;

	(void)state;
	assert_int_equal(mkdir(ro, 0700), 0);
	state_load(&st, path, &w);
	state_get(&st, "/old")->pos.page = 5;
	assert_int_equal(state_save(&st, &err), 0);
	state_free(&st);
	buf_free(&w);
	before = read_all(path, &blen);
	assert_int_equal(chmod(ro, 0555), 0);
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(chmod(tdir, 0755), 0);

	if (geteuid() != 0) {
		assert_int_equal(save_in(path, &err), -1);
		assert_non_null(err);
		assert_non_null(strstr(err, path));
		assert_non_null(strstr(err, "old state is kept"));
		free(err);
	} else {
		/* root ignores modes: do it as nobody in a child. */
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			int code = 0;

			if (setgroups(0, NULL) < 0 || setgid(65534) < 0 ||
			    setuid(65534) < 0)
				code = 3;
			else if (save_in(path, &err) != -1)
				code = 4;
			else if (err == NULL || strstr(err, path) == NULL ||
			         strstr(err, "old state is kept") == NULL)
				code = 5;
			/* Free all, so valgrind in the child stays quiet. */
			free(err);
			free(before);
			free(ro);
			free(path);
			_exit(code);
		}
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	after = read_all(path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	assert_int_equal(count_temps(ro), 0);
	chmod(ro, 0700);

	/* A parent that is a file: -1 and a message too. */
	{
		char *file = xasprintf("%s/plain", tdir);
		char *bad = xasprintf("%s/plain/sub/state", tdir);

		write_bytes(file, "x", 1);
		assert_int_equal(save_in(bad, &err), -1);
		assert_non_null(strstr(err, "cannot create its directory"));
		free(err);
		free(file);
		free(bad);
	}
	free(before);
	free(after);
	free(ro);
	free(path);
}

/* ---- the kill test ------------------------------------------------------ */

#define KILL_ISSUES 400
#define KILL_TRIALS 300
/* Where one save is slow (ASan, valgrind: up to 2 s for 400 issues since
 * saves merge under a lock), fewer trials keep the test near this many
 * seconds of waiting; never fewer than KILL_TRIALS_MIN. */
#define KILL_BUDGET_US (90L * 1000000L)
#define KILL_TRIALS_MIN 30

/* Every issue of generation g says g, so a torn mix would show. (A save
 * reorders st->v: the issue's number is in its key.) */
static void
set_generation(struct state *st, long g)
{
	size_t n;

	for (n = 0; n < st->n; n++) {
		struct state_issue *e = &st->v[n];
		size_t i = (size_t)atoi(strrchr(e->key, ' ') + 1);

		e->pos.page = (int)(g % 100000);
		e->pos.article = (int)(i % 100);
		e->pos.offset = (size_t)g;
		e->pane = (int)(g % 3);
		state_mark(e, i % 26)->page = 1;
		state_mark(e, i % 26)->offset = (size_t)g + i;
		e->marked = 1u << (i % 26);
	}
}

/* The generation of a loaded state, or -1 if it is not one whole one. */
static long
generation_of(const struct state *st)
{
	long g;
	size_t i;

	if (st->n != KILL_ISSUES)
		return -1;
	g = (long)st->v[0].pos.offset;
	for (i = 0; i < st->n; i++) {
		const struct state_issue *e = &st->v[i];
		int idx = atoi(strrchr(e->key, ' ') + 1);

		if ((long)e->pos.offset != g ||
		    e->pos.page != (int)(g % 100000) ||
		    e->pos.article != idx % 100 || e->pane != (int)(g % 3) ||
		    e->marked != 1u << (idx % 26) || e->marks == NULL ||
		    e->marks->pos[idx % 26].offset != (size_t)g + (size_t)idx)
			return -1;
	}
	return g;
}

static void
test_kill_mid_save(void **state)
{
	char *dir = xasprintf("%s/k", tdir),
	     *path = xasprintf("%s/k/state", tdir), *err = NULL, *warn, key[64];
	struct state st, st2;
	long g, last = 0, advanced = 0, torn = 0, leftover = 0, saves_done;
	unsigned seed = (unsigned)time(NULL);
	struct timespec ts, t0, t1;
	long save_us, max_us;
	int i, trial, trials, status, temps;
	pid_t pid;

	(void)state;
	srand(seed);
	warn = load_warn(&st, path);
	free(warn);
	for (i = 0; i < KILL_ISSUES; i++) {
		/* Awkward keys: spaces, a newline, a percent sign. */
		snprintf(key, sizeof key, "/papers/100%%\nissue no %d", i);
		state_get(&st, key);
	}
	set_generation(&st, 0);
	/*
	 * The kill comes 0.2-5 ms after the fork; on a slow machine (or under
	 * valgrind) the window stretches to three saves, so that saves do
	 * finish inside it and the test can see a torn file if there is one.
	 */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(state_save(&st, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	save_us = (t1.tv_sec - t0.tv_sec) * 1000000L +
	          (t1.tv_nsec - t0.tv_nsec) / 1000;
	max_us = save_us * 3 > 5000 ? save_us * 3 : 5000;
	/* A trial waits max_us / 2 on average. */
	trials = (int)(KILL_BUDGET_US / (max_us / 2));
	if (trials > KILL_TRIALS)
		trials = KILL_TRIALS;
	if (trials < KILL_TRIALS_MIN)
		trials = KILL_TRIALS_MIN;

	for (trial = 0; trial < trials; trial++) {
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			/* The writer: save new generations until killed. */
			for (g = (long)(trial + 1) * 100000;; g++) {
				set_generation(&st, g);
				if (state_save(&st, &err) < 0)
					_exit(2);
			}
		}
		ts.tv_sec = 0;
		ts.tv_nsec = (200 + rand() % (max_us - 199)) * 1000L;
		ts.tv_sec = ts.tv_nsec / 1000000000L;
		ts.tv_nsec %= 1000000000L;
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status));

		temps = count_temps(dir);
		leftover += temps;
		warn = load_warn(&st2, path);
		g = generation_of(&st2);
		if (warn[0] != '\0' || g < 0)
			torn++;
		else if (g != last)
			advanced++;
		if (g >= 0)
			last = g;
		free(warn);
		state_free(&st2);
		/* The dead writer's temp file went at load. */
		assert_int_equal(count_temps(dir), 0);
	}
	saves_done = last % 100000;
	print_message(
	    "# kill test: %d trials, kill after 0.2-%.1f ms (one "
	    "save of %d issues: %.2f ms), %ld torn or refused files, %ld "
	    "trials left a newer complete file, %ld left a temp file (removed "
	    "at the next load), last trial's saves: %ld, seed %u\n",
	    trials, max_us / 1000.0, KILL_ISSUES, save_us / 1000.0, torn,
	    advanced, leftover, saves_done, seed);
	assert_int_equal(torn, 0);
	/* Saves did finish inside the window sometimes: the test bites. */
	assert_true(advanced > 0);
	state_free(&st);
	free(dir);
	free(path);
}

/*
 * How each terminal type answered the width probe: kept most recent first,
 * any $TERM round-trips, the oldest goes beyond STATE_MAX_TERMS, and a
 * version 1 file (from before there were any) still loads.
 */
static void
test_terms(void **state)
{
	char *path = xasprintf("%s/state", tdir), *err = NULL, *warn, *text;
	char name[32];
	struct state st;
	size_t len;
	int i;

	(void)state;
	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	free(warn);
	assert_int_equal(state_term_wide(&st, "xterm-256color"), -1);
	assert_int_equal(state_term_wide(&st, NULL), -1);
	state_term_set(&st, "xterm-256color", true);
	state_term_set(&st, "tmux 256%\n", false);
	state_term_set(&st, "", true); /* no TERM: nothing to remember */
	state_get(&st, "/a")->pos.page = 3;
	assert_int_equal(state_save(&st, &err), 0);
	state_free(&st);
	text = read_all(path, &len);
	assert_non_null(strstr(text, "herald-tui-state 5\n"
	                             "term tmux%20256%25%0A ambiguous=narrow\n"
	                             "term xterm-256color ambiguous=wide\n"
	                             "issue /a "));
	free(text);

	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	free(warn);
	assert_int_equal(st.nterms, 2);
	assert_int_equal(state_term_wide(&st, "xterm-256color"), 1);
	assert_int_equal(state_term_wide(&st, "tmux 256%\n"), 0);
	assert_int_equal(state_get(&st, "/a")->pos.page, 3);
	/* a new answer moves it to the front */
	state_term_set(&st, "xterm-256color", false);
	assert_string_equal(st.terms[0].name, "xterm-256color");
	assert_int_equal(state_term_wide(&st, "xterm-256color"), 0);
	/* at most STATE_MAX_TERMS: the least recent goes */
	for (i = 0; i < STATE_MAX_TERMS; i++) {
		snprintf(name, sizeof name, "t%d", i);
		state_term_set(&st, name, i % 2 == 0);
	}
	assert_int_equal(st.nterms, STATE_MAX_TERMS);
	assert_int_equal(state_term_wide(&st, "xterm-256color"), -1);
	assert_int_equal(state_term_wide(&st, "t0"), 1);
	assert_int_equal(state_term_wide(&st, "t1"), 0);
	assert_string_equal(st.terms[0].name, "t15");
	assert_int_equal(state_save(&st, &err), 0);
	state_free(&st);
	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	free(warn);
	assert_int_equal(st.nterms, STATE_MAX_TERMS);
	state_free(&st);

	/* one too many in the file is refused */
	{
		struct buf b = {0};

		buf_adds(&b, "herald-tui-state 2\n");
		for (i = 0; i <= STATE_MAX_TERMS; i++)
			buf_printf(&b, "term t%d ambiguous=wide\n", i);
		write_signed(path, b.s, b.len);
		buf_free(&b);
	}
	warn = load_warn(&st, path);
	assert_non_null(strstr(warn, "too many terminals"));
	free(warn);
	state_free(&st);

	/* version 1 */
	{
		static const char v1[] = "herald-tui-state 1\n"
		                         "issue /b pos=2,1,7 pane=2\n";

		write_signed(path, v1, sizeof v1 - 1);
	}
	warn = load_warn(&st, path);
	assert_string_equal(warn, "");
	free(warn);
	assert_int_equal(st.nterms, 0);
	assert_int_equal(state_get(&st, "/b")->pos.offset, 7);
	state_free(&st);
	free(path);
}

/* ---- two readers at once ------------------------------------------------ */

static void
load_clean(struct state *st, const char *path)
{
	char *warn = load_warn(st, path);

	assert_string_equal(warn, "");
	free(warn);
}

static void
save_ok(struct state *st)
{
	char *err = NULL;

	if (state_save(st, &err) != 0)
		fail_msg("save: %s", err);
	assert_null(err);
}

static void
set_pos(struct state_pos *p, int page, int article, size_t offset)
{
	p->page = page;
	p->article = article;
	p->offset = offset;
	p->gap = false;
}

/* The entry for key as the file holds it now (a fresh load). */
static struct state_issue *
on_disk(struct state *st, const char *path, const char *key)
{
	size_t i;

	load_clean(st, path);
	for (i = 0; i < st->n; i++)
		if (strcmp(st->v[i].key, key) == 0)
			return &st->v[i];
	return NULL;
}

/*
 * Two readers loaded the same file; each changes some items and saves, one
 * after the other: every change survives, the second save writes only what
 * its reader changed, and where both changed the same item the newer
 * change wins, whichever saves last.
 */
static void
test_merge(void **state)
{
	char *path = xasprintf("%s/state", tdir);
	struct state a, b, d;
	struct state_issue *e, *x;
	uint64_t t;

	(void)state;
	/* The file both start from: /x at 1,0,10 with mark c. */
	load_clean(&a, path);
	e = state_get(&a, "/x");
	set_pos(&e->pos, 1, 0, 10);
	e->pane = 2;
	set_pos(state_mark(e, 2), 1, 0, 5);
	e->marked = 1u << 2;
	save_ok(&a);
	state_free(&a);

	/* Same issue, different items; and different issues. */
	load_clean(&a, path);
	load_clean(&b, path);
	e = state_get(&a, "/x");
	set_pos(&e->pos, 2, 1, 20);
	set_pos(state_mark(e, 0), 2, 1, 21);
	e->marked |= 1u << 0;
	state_get(&a, "/only-a")->pos.page = 7;
	e = state_get(&b, "/x");
	set_pos(state_mark(e, 1), 3, 0, 30);
	e->marked |= 1u << 1;
	state_get(&b, "/only-b")->pos.page = 8;
	state_term_set(&a, "xterm", true);
	state_term_set(&b, "vt100", false);
	save_ok(&a);
	save_ok(&b); /* the old code: a's changes are gone */
	x = on_disk(&d, path, "/x");
	assert_non_null(x);
	assert_int_equal(x->pos.page, 2); /* b did not move: a's stays */
	assert_int_equal(x->pos.offset, 20);
	assert_int_equal(x->pane, 2);
	assert_int_equal(x->marked, (1u << 0) | (1u << 1) | (1u << 2));
	assert_int_equal(state_mark(x, 0)->offset, 21);
	assert_int_equal(state_mark(x, 1)->offset, 30);
	assert_int_equal(state_mark(x, 2)->offset, 5);
	assert_int_equal(state_get(&d, "/only-a")->pos.page, 7);
	assert_int_equal(state_get(&d, "/only-b")->pos.page, 8);
	assert_int_equal(state_term_wide(&d, "xterm"), 1);
	assert_int_equal(state_term_wide(&d, "vt100"), 0);
	state_free(&d);
	/* After its save a reader holds the merge: a sees b's mark... */
	save_ok(&a);
	x = state_get(&a, "/x");
	assert_true(x->marked & (1u << 1));
	/* ...and its next save, with nothing changed, changes nothing. */
	x = on_disk(&d, path, "/x");
	assert_int_equal(x->marked, (1u << 0) | (1u << 1) | (1u << 2));
	state_free(&d);
	state_free(&a);
	state_free(&b);

	/* The same item changed by both: the newer change wins, whichever
	 * reader saves last. Times are set by hand (a change is dated by
	 * the state_get before it). */
	load_clean(&a, path);
	load_clean(&b, path);
	e = state_get(&a, "/x");
	t = e->seen;
	set_pos(&e->pos, 4, 0, 40);
	e->seen = t + 1;
	e = state_get(&b, "/x");
	set_pos(&e->pos, 5, 0, 50);
	e->seen = t + 2; /* later */
	save_ok(&b);
	save_ok(&a); /* saved last, changed first: loses */
	x = on_disk(&d, path, "/x");
	assert_int_equal(x->pos.page, 5);
	state_free(&d);
	state_free(&a);
	state_free(&b);

	/* A mark deleted in one reader and untouched in the other stays
	 * deleted; set again later, it is back; a deletion older than a set
	 * loses to it. */
	load_clean(&a, path);
	load_clean(&b, path);
	e = state_get(&a, "/x");
	e->marked &= ~(1u << 2);       /* a deletes c */
	state_get(&b, "/x")->pane = 1; /* b changes something else */
	save_ok(&a);
	save_ok(&b); /* the old code: c is back */
	x = on_disk(&d, path, "/x");
	assert_false(x->marked & (1u << 2));
	assert_true(x->marked & (1u << 0)); /* the others stay */
	assert_int_equal(x->pane, 1);
	state_free(&d);
	e = state_get(&b, "/x");
	assert_false(e->marked & (1u << 2)); /* b took the deletion */
	set_pos(state_mark(e, 2), 6, 0, 60);
	e->marked |= 1u << 2;
	save_ok(&b);
	x = on_disk(&d, path, "/x");
	assert_true(x->marked & (1u << 2));
	assert_int_equal(state_mark(x, 2)->offset, 60);
	state_free(&d);
	state_free(&a);
	state_free(&b);

	load_clean(&a, path);
	load_clean(&b, path);
	e = state_get(&a, "/x");
	t = e->seen;
	e->marked &= ~(1u << 0); /* a deletes a, early */
	e->seen = t + 1;
	e = state_get(&b, "/x");
	set_pos(state_mark(e, 0), 9, 0, 90); /* b moves it, later */
	e->seen = t + 2;
	save_ok(&b);
	save_ok(&a);
	x = on_disk(&d, path, "/x");
	assert_true(x->marked & (1u << 0));
	assert_int_equal(state_mark(x, 0)->offset, 90);
	state_free(&d);
	state_free(&a);
	state_free(&b);

	/* A reader that only looked at an issue writes nothing over it. */
	load_clean(&a, path);
	load_clean(&b, path);
	state_get(&a, "/only-b");
	state_get(&b, "/only-b")->pos.page = 11;
	save_ok(&b);
	save_ok(&a);
	assert_int_equal(on_disk(&d, path, "/only-b")->pos.page, 11);
	state_free(&d);
	state_free(&a);
	state_free(&b);
	free(path);
}

/* Hold the lock beside path in a child until told to let go. */
static pid_t
hold_lock(const char *path, int *release)
{
	char *lpath = xasprintf("%s.lock", path), c;
	int ready[2], go[2];
	pid_t pid;

	assert_int_equal(pipe(ready), 0);
	assert_int_equal(pipe(go), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct flock fl;
		int fd = open(lpath, O_RDWR | O_CREAT, 0600);

		memset(&fl, 0, sizeof fl);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fd < 0 || fcntl(fd, F_SETLK, &fl) < 0)
			_exit(3);
		close(ready[0]);
		close(go[1]);
		(void)!write(ready[1], "x", 1);
		(void)!read(go[0], &c, 1); /* until the parent closes it */
		_exit(0);
	}
	close(ready[1]);
	close(go[0]);
	assert_int_equal(read(ready[0], &c, 1), 1);
	close(ready[0]);
	free(lpath);
	*release = go[1];
	return pid;
}

/*
 * Another reader holds the lock: the save gives up after st.lock_ms with a
 * message naming the file, writes nothing, and keeps the changes, which
 * the next save (the lock free again) writes.
 */

/* An issue another reader's save left out (its least recently used,
 * say) comes back with this reader's save as it was loaded: its marks'
 * places and the times of their setting and deletion too. */
static void
test_merge_gone(void **state)
{
	static const char with[] = "herald-tui-state 5\n"
	    "issue /x used=5 pos=1,0,0@5 pane=0 a=2,0,7@4 b=-@6\n";
	static const char without[] = "herald-tui-state 5\n"
	    "issue /y used=5 pos=1,0,0@5 pane=0\n";
	char *path = xasprintf("%s/state", tdir), *text;
	struct state a, d;
	struct state_issue *x;
	size_t len;

	(void)state;
	write_signed(path, with, sizeof with - 1);
	load_clean(&a, path);
	write_signed(path, without, sizeof without - 1);
	save_ok(&a);
	state_free(&a);
	text = read_all(path, &len);
	assert_non_null(strstr(text, "issue /x used=5 pos=1,0,0@5 pane=0 "
	                             "a=2,0,7@4 b=-@6\n"));
	assert_non_null(strstr(text, "issue /y "));
	free(text);
	x = on_disk(&d, path, "/x");
	assert_non_null(x);
	assert_int_equal(x->marked, 1u << 0);
	assert_int_equal(state_mark(x, 0)->offset, 7);
	state_free(&d);
	free(path);
}

/* The checksum is zlib's CRC-32 (the check value of the standard's
 * catalogue), made by table a byte at a time. */
static void
test_crc32(void **state)
{
	(void)state;
	assert_int_equal(state_crc32("", 0), 0);
	assert_int_equal(state_crc32("123456789", 9), 0xcbf43926u);
	assert_int_equal(state_crc32("herald-tui-state 5\n", 19),
	                 crc32("herald-tui-state 5\n", 19));
}

/*
 * Two readers of a file of hundreds of issues, its keys in no order:
 * each saves its own changes and the other's stay (a merge looks each
 * of its keys up among the file's, sorted); the issues new to either are
 * added once; the file then loads with each issue once.
 */
static void
test_merge_many(void **state)
{
	char *path = xasprintf("%s/state", tdir), key[64];
	struct state a, b, d;
	struct state_issue *x;
	int i, n = 365;

	(void)state;
	load_clean(&a, path);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "/papers/%d", (i * 7919) % 1000);
		x = state_get(&a, key);
		set_pos(&x->pos, 1, i % 10, (size_t)i);
		(void)state_mark_read(x, 1 + i % 24, i % 5);
	}
	save_ok(&a);
	state_free(&a);

	load_clean(&a, path);
	load_clean(&b, path);
	assert_int_equal(a.n, (size_t)n);
	for (i = 0; i < n; i += 3) {
		snprintf(key, sizeof key, "/papers/%d", (i * 7919) % 1000);
		set_pos(&state_get(i % 2 ? &a : &b, key)->pos, 2, 0,
		        (size_t)(10000 + i));
	}
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof key, "/new/%d", i);
		state_get(i % 2 ? &a : &b, key)->pos.page = 3;
	}
	save_ok(&a);
	save_ok(&b);
	state_free(&a);
	state_free(&b);

	load_clean(&d, path);
	assert_int_equal(d.n, (size_t)n + 20);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof key, "/papers/%d", (i * 7919) % 1000);
		x = state_get(&d, key);
		assert_int_equal(x->pos.page, i % 3 == 0 ? 2 : 1);
		assert_int_equal(x->pos.offset,
		                 (size_t)(i % 3 == 0 ? 10000 + i : i));
		assert_true(state_is_read(x, 1 + i % 24, i % 5));
	}
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof key, "/new/%d", i);
		assert_int_equal(state_get(&d, key)->pos.page, 3);
	}
	assert_int_equal(d.n, (size_t)n + 20);
	state_free(&d);
	free(path);
}

static void
test_lock_busy(void **state)
{
	char *path = xasprintf("%s/state", tdir), *err = NULL;
	struct timespec t0, t1;
	struct state a, d;
	struct stat sb;
	int release, status;
	long ms;
	pid_t pid;

	(void)state;
	load_clean(&a, path);
	state_get(&a, "/x")->pos.page = 3;
	save_ok(&a);
	state_get(&a, "/x")->pos.page = 4;
	state_get(&a, "/y")->pos.page = 5;
	pid = hold_lock(path, &release);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(state_save(&a, &err), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000L +
	     (t1.tv_nsec - t0.tv_nsec) / 1000000L;
	print_message("# lock held by another process: the save gave up "
	              "after %ld ms (lock_ms %d)\n",
	              ms, a.lock_ms);
	assert_int_equal(a.lock_ms, STATE_LOCK_MS);
	assert_non_null(err);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "locked"));
	free(err);
	assert_int_equal(on_disk(&d, path, "/x")->pos.page, 3);
	assert_null(state_find_test(&d, "/y"));
	state_free(&d);
	close(release);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* The changes were kept: the next save writes them. */
	save_ok(&a);
	assert_int_equal(on_disk(&d, path, "/x")->pos.page, 4);
	assert_int_equal(state_get(&d, "/y")->pos.page, 5);
	state_free(&d);
	state_free(&a);
	/* The lock file stays, private like the state. */
	{
		char *lpath = xasprintf("%s.lock", path);

		assert_int_equal(stat(lpath, &sb), 0);
		assert_int_equal(sb.st_mode & 07777, 0600);
		free(lpath);
	}
	free(path);
}

/* ---- the size limit ----------------------------------------------------- */

#define BIG_ISSUES 200

static char *
cjk_key(int i)
{
	struct buf b = {0};
	int k;

	buf_adds(&b, "/home/读者/");
	/* 1300 three-byte characters: 3900 bytes, 11700 written */
	for (k = 0; k < 1300; k++)
		buf_adds(&b, k % 2 ? "报" : "科");
	buf_printf(&b, "/%03d", i);
	return buf_take(&b, NULL);
}

/*
 * Long CJK paths are written three bytes to a byte: 200 of them would make
 * a 2.3 MB file, which a load refuses. The save keeps the file within 1 MiB
 * by leaving out the least recently used issues, says so once, and the
 * file loads. What a load would refuse in an entry (a key over
 * STATE_MAX_KEY, a position out of range) is not written either.
 */
static void
test_size_limit(void **state)
{
	char *path = xasprintf("%s/state", tdir), *key, *text;
	struct state st, d;
	struct state_issue *e;
	struct stat sb;
	size_t len;
	int i, kept;

	(void)state;
	load_clean(&st, path);
	for (i = 0; i < BIG_ISSUES; i++) {
		key = cjk_key(i);
		e = state_get(&st, key);
		set_pos(&e->pos, 1, 0, (size_t)i);
		set_pos(state_mark(e, 0), 2, 0, (size_t)i);
		e->marked = 1;
		free(key);
	}
	/* Too long to load, and out of range: left out. */
	text = xmalloc(STATE_MAX_KEY + 2);
	memset(text, 'k', STATE_MAX_KEY + 1);
	text[0] = '/';
	text[STATE_MAX_KEY + 1] = '\0';
	state_get(&st, text)->pos.page = 1;
	free(text);
	e = state_get(&st, "/range");
	set_pos(&e->pos, 1000000, 0, 0);
	set_pos(state_mark(e, 1), 1, 0, 5);
	set_pos(state_mark(e, 2), 1, -7, 5);
	e->marked = (1u << 1) | (1u << 2);
	save_ok(&st);
	assert_non_null(st.note);
	assert_non_null(strstr(st.note, "least recently used"));
	print_message("# %s\n", st.note);
	assert_int_equal(stat(path, &sb), 0);
	assert_true(sb.st_size <= STATE_MAX_SIZE);
	print_message("# %d issues with 3.9 kB CJK paths: a file of %lld "
	              "bytes\n",
	              BIG_ISSUES, (long long)sb.st_size);

	load_clean(&d, path); /* the old code: moved aside as over 1 MiB */
	kept = (int)d.n - 1;  /* /range is there too */
	assert_true(kept > 10 && kept < BIG_ISSUES);
	/* The most recent first; the least recent are the ones gone. */
	assert_string_equal(d.v[0].key, "/range");
	assert_int_equal(d.v[0].pos.page, 0); /* out of range: none */
	assert_int_equal(d.v[0].marked, 1u << 1);
	for (i = 0; i < BIG_ISSUES; i++) {
		key = cjk_key(i);
		if (i >= BIG_ISSUES - kept) {
			e = state_find_test(&d, key);
			assert_non_null(e);
			assert_int_equal(e->pos.offset, (size_t)i);
		} else
			assert_null(state_find_test(&d, key));
		free(key);
	}
	state_free(&d);
	/* It is said once: the next save trims again, quietly. */
	state_get(&st, "/range")->pos.page = 3;
	save_ok(&st);
	assert_null(st.note);
	text = read_all(path, &len);
	assert_true(len <= STATE_MAX_SIZE);
	free(text);
	state_free(&st);
	free(path);
}

/* A file of this version whose issue line has field: a corrupt file. */
static void
refused_field(const char *path, int version, const char *field)
{
	char *body = xasprintf("herald-tui-state %d\n"
	    "issue /a used=1 pos=1,0,0@1 pane=0 %s\n", version, field);
	struct state st;
	char *warn;

	write_signed(path, body, strlen(body));
	warn = load_warn(&st, path);
	if (strstr(warn, "malformed") == NULL)
		fail_msg("%s: loaded (warning '%s')", field, warn);
	free(warn);
	state_free(&st);
	free(body);
}

/*
 * The articles read and the label (version 4): they round-trip, two
 * readers' reads merge as a union, a version 3 file still loads (with
 * none), and a malformed read list is a corrupt file.
 */
static void
test_read_marks(void **state)
{
	char *path = xasprintf("%s/state", tdir);
	static const char v3[] = "herald-tui-state 3\n"
	    "issue /old used=5 pos=1,0,0@5 pane=0\n";
	static const char *const bad[] = {
	    "read=1.2,1.1", "read=1.1,1.1", "read=1.", "read=1.1,",
	    "read=x.1", "read=", "label=%zz arts=1", "label=a",
	    "arts=3", "label=a arts=-1",
	};
	struct state a, b, d;
	struct state_issue *e, *x;
	size_t i;

	(void)state;
	load_clean(&a, path);
	e = state_get(&a, "/x");
	assert_true(state_mark_read(e, 1, 0));
	assert_false(state_mark_read(e, 1, 0));	/* once */
	assert_true(state_mark_read(e, 2, 3));
	assert_false(state_mark_read(e, -1, 0));
	state_set_label(e, "2026-11-27 山河科技报 第47期", 12);
	save_ok(&a);
	state_free(&a);

	load_clean(&a, path);
	load_clean(&b, path);
	e = state_get(&a, "/x");
	assert_true(state_is_read(e, 1, 0));
	assert_true(state_is_read(e, 2, 3));
	assert_false(state_is_read(e, 2, 2));
	assert_string_equal(e->label, "2026-11-27 山河科技报 第47期");
	assert_int_equal(e->articles, 12);
	state_mark_read(e, 3, 1);
	state_mark_read(state_get(&b, "/x"), 1, 5);
	save_ok(&a);
	save_ok(&b);	/* b's save keeps a's reads: a union */
	x = on_disk(&d, path, "/x");
	assert_non_null(x);
	assert_int_equal(x->nread, 4);
	assert_true(state_is_read(x, 3, 1) && state_is_read(x, 1, 5) &&
	    state_is_read(x, 1, 0) && state_is_read(x, 2, 3));
	assert_non_null(state_peek(&d, "/x"));
	assert_null(state_peek(&d, "/nothing"));
	state_free(&d);
	state_free(&a);
	state_free(&b);

	/* an older file: no reads, no label */
	write_signed(path, v3, sizeof v3 - 1);
	load_clean(&a, path);
	e = state_get(&a, "/old");
	assert_int_equal(e->nread, 0);
	assert_null(e->label);
	state_free(&a);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		refused_field(path, 4, bad[i]);
	free(path);
}

/*
 * The articles read are runs (version 5): a page read in turn is one run
 * however long (version 4 kept 4,096 articles), gaps filled join runs,
 * story numbers past 100,000 are kept, a version 4 list loads as runs, a
 * run in a version 4 file or a malformed run is a corrupt file, and at
 * most STATE_MAX_RUNS runs are kept, within the file's size.
 */
static void
test_read_runs(void **state)
{
	char *path = xasprintf("%s/state", tdir);
	static const char v4[] = "herald-tui-state 4\n"
	    "issue /old used=5 pos=1,0,0@5 pane=0 read=1.1,1.2,1.3,2.7\n";
	static const char *const bad[] = {
	    "4 read=1.1-3", "5 read=1.3-3", "5 read=1.3-2", "5 read=1.1-3,1.2",
	    "5 read=1.1-", "5 read=1.-3", "5 read=1.1-3-4", "5 read=1.1-x",
	    "5 read=1.1-10000001", "5 read=1.1-3,1.3",
	};
	struct state a, d;
	struct state_issue *e, *x;
	struct stat sb;
	char *text;
	size_t i, len;
	int k;

	(void)state;
	load_clean(&a, path);
	e = state_get(&a, "/big");
	for (k = 0; k < 46439; k++)
		assert_true(state_mark_read(e, 1, k));
	assert_int_equal(e->nread, 1);
	assert_int_equal(state_count_read(e), 46439);
	assert_false(state_mark_read(e, 1, 46438));
	/* past the old limit of 100,000 stories on a page */
	assert_true(state_mark_read(e, 1, 464398));
	assert_true(state_mark_read(e, 3, 5));
	assert_true(state_mark_read(e, 3, 3));
	assert_int_equal(e->nread, 4);
	assert_true(state_mark_read(e, 3, 4));	/* fills the gap */
	assert_int_equal(e->nread, 3);
	assert_true(state_is_read(e, 3, 3) && state_is_read(e, 3, 4) &&
	    state_is_read(e, 3, 5) && !state_is_read(e, 3, 6) &&
	    !state_is_read(e, 3, 2) && !state_is_read(e, 2, 0));
	assert_false(state_mark_read(e, 1, STATE_MAX_ARTICLE + 1));
	save_ok(&a);
	state_free(&a);
	text = read_all(path, &len);
	if (strstr(text, " read=1.0-46438,1.464398,3.3-5\n") == NULL)
		fail_msg("the runs as written:\n%s", text);
	assert_true(len < 200);
	free(text);
	x = on_disk(&d, path, "/big");
	assert_non_null(x);
	assert_int_equal(state_count_read(x), 46439 + 1 + 3);
	assert_true(state_is_read(x, 1, 0) && state_is_read(x, 1, 46438) &&
	    !state_is_read(x, 1, 46439) && state_is_read(x, 1, 464398));
	state_free(&d);

	/* one run bridging three */
	load_clean(&a, path);
	e = state_get(&a, "/big");
	assert_true(state_mark_read(e, 1, 46439));
	assert_int_equal(e->nread, 3);
	state_free(&a);

	/* a version 4 list: its neighbours join */
	write_signed(path, v4, sizeof v4 - 1);
	load_clean(&a, path);
	e = state_get(&a, "/old");
	assert_int_equal(e->nread, 2);
	assert_int_equal(state_count_read(e), 4);
	assert_true(state_is_read(e, 1, 2) && state_is_read(e, 2, 7));
	state_free(&a);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		refused_field(path, bad[i][0] - '0', bad[i] + 2);
	assert_int_equal(lstat(path, &sb), -1);	/* moved aside */

	/* every other story, the widest numbers: the last run is refused,
	 * the rest saved and loaded back */
	load_clean(&a, path);
	e = state_get(&a, "/gaps");
	for (k = 0; k < STATE_MAX_RUNS; k++)
		assert_true(state_mark_read(e, STATE_MAX_PAGE,
		    STATE_MAX_ARTICLE - 2 * k));
	assert_false(state_mark_read(e, 1, 0));
	assert_true(state_mark_read(e, STATE_MAX_PAGE, STATE_MAX_ARTICLE - 1));
	assert_int_equal(e->nread, STATE_MAX_RUNS - 1);
	save_ok(&a);
	assert_null(a.note);
	state_free(&a);
	x = on_disk(&d, path, "/gaps");
	assert_non_null(x);
	assert_int_equal(x->nread, STATE_MAX_RUNS - 1);
	assert_int_equal(state_count_read(x), STATE_MAX_RUNS + 1);
	state_free(&d);
	free(path);
}

/*
 * A file a newer herald-tui wrote is left alone: the load says so and
 * starts empty, a save writes nothing over it (and says nothing more);
 * a newer reader's save made after this one's load is not written over
 * either, and that is said once.
 */
static void
test_newer_version(void **state)
{
	char *path = xasprintf("%s/state", tdir);
	char *aside = xasprintf("%s/state.corrupt", tdir);
	char *before, *after, *warn, *err = NULL;
	size_t blen, alen;
	struct state st;
	struct stat sb;

	(void)state;
	fixture_future(path);
	before = read_all(path, &blen);
	warn = load_warn(&st, path);
	if (strstr(warn, "newer herald-tui") == NULL ||
	    strstr(warn, path) == NULL || strstr(warn, "not saved") == NULL)
		fail_msg("warning '%s'", warn);
	free(warn);
	assert_int_equal(st.n, 0);
	assert_int_equal(lstat(aside, &sb), -1);
	state_get(&st, "/mine")->pos.page = 4;
	assert_int_equal(state_save(&st, &err), 0);
	assert_null(err);
	assert_null(st.note);	/* said at the load */
	after = read_all(path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	free(after);
	state_free(&st);

	/* loaded from this version's file, saved after a newer one's */
	assert_int_equal(unlink(path), 0);
	load_clean(&st, path);
	state_get(&st, "/mine")->pos.page = 4;
	save_ok(&st);
	fixture_future(path);
	state_get(&st, "/mine")->pos.page = 5;
	save_ok(&st);
	if (st.note == NULL || strstr(st.note, "newer herald-tui") == NULL)
		fail_msg("note '%s'", st.note ? st.note : "(none)");
	after = read_all(path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	free(after);
	save_ok(&st);
	assert_null(st.note);	/* once */
	assert_int_equal(state_get(&st, "/mine")->pos.page, 5);
	assert_int_equal(lstat(aside, &sb), -1);
	state_free(&st);
	free(before);
	free(path);
	free(aside);
}

/*
 * The searches made at the / prompt: kept newest first, an equal one
 * moved to the front, at most STATE_MAX_SEARCHES; two readers' merge with
 * the later saver's in front; a search line listed twice, or empty, is a
 * corrupt file.
 */
static void
test_searches(void **state)
{
	char *path = xasprintf("%s/state", tdir);
	static const char *const bad[] = {
	    "search \nsearch a\n", "search a\nsearch a\n",
	    "search %zz\n",
	};
	struct state a, b, d;
	char buf[32];
	size_t i;

	(void)state;
	load_clean(&a, path);
	state_search_add(&a, "量子", true);
	state_search_add(&a, "a b;c\"", true);
	state_search_add(&a, "量子", true);	/* again: to the front, once */
	state_search_add(&a, "", true);		/* nothing */
	save_ok(&a);
	state_free(&a);

	load_clean(&a, path);
	assert_int_equal(a.nsearches, 2);
	assert_string_equal(a.searches[0], "量子");
	assert_string_equal(a.searches[1], "a b;c\"");
	/* not kept (save_position = no): in the list, not in the file */
	state_search_add(&a, "私", false);
	assert_string_equal(a.searches[0], "私");
	save_ok(&a);
	state_free(&a);
	load_clean(&a, path);
	assert_int_equal(a.nsearches, 2);
	assert_string_equal(a.searches[0], "量子");
	load_clean(&b, path);
	state_search_add(&a, "甲", true);
	state_search_add(&b, "乙", true);
	save_ok(&a);
	save_ok(&b);	/* keeps a's, its own in front */
	load_clean(&d, path);
	assert_int_equal(d.nsearches, 4);
	assert_string_equal(d.searches[0], "乙");
	assert_string_equal(d.searches[1], "甲");
	assert_string_equal(d.searches[2], "量子");
	state_free(&d);
	state_free(&a);
	state_free(&b);

	load_clean(&a, path);
	for (i = 0; i < STATE_MAX_SEARCHES + 10; i++) {
		snprintf(buf, sizeof buf, "s%zu", i);
		state_search_add(&a, buf, true);
	}
	save_ok(&a);
	state_free(&a);
	load_clean(&a, path);
	assert_int_equal(a.nsearches, STATE_MAX_SEARCHES);
	snprintf(buf, sizeof buf, "s%d", STATE_MAX_SEARCHES + 9);
	assert_string_equal(a.searches[0], buf);
	state_free(&a);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *body = xasprintf("herald-tui-state 4\n%s", bad[i]);
		char *warn;

		write_signed(path, body, strlen(body));
		warn = load_warn(&a, path);
		if (strstr(warn, "malformed search") == NULL)
			fail_msg("%s: loaded (warning '%s')", bad[i], warn);
		free(warn);
		state_free(&a);
		free(body);
	}
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_corrupt, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stale_temps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lru_cap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_terms, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_paths, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_only_dir, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_kill_mid_save, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_merge, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_merge_gone, setup, teardown),
	    cmocka_unit_test(test_crc32),
	    cmocka_unit_test_setup_teardown(test_merge_many, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_marks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read_runs, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_newer_version, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_searches, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_lock_busy, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_size_limit, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
