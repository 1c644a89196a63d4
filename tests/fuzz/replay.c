/*
 * replay.c: run a fuzz harness over files, without libFuzzer, so the same
 * harness code is a regression test in make check (gcc, valgrind). Each
 * file runs in a child process, so one crash does not hide the rest; the
 * result is TAP, one "ok N - dir/file" per input.
 *
 *   replay-X [-n] [FILE|DIR]...    DIRs are read in name order, dotfiles
 *                                  skipped; -n runs in-process (debugger)
 *   replay-X                       the corpus tests/fuzz/corpus-X/ of the
 *                                  source tree (make check)
 *
 * It never writes a file; the harness under test decides what it reads.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "buf.h"
#include "fuzz-check.h"
#include "xmalloc.h"

#ifndef REPLAY_CORPUS
#error "REPLAY_CORPUS (the corpus directory name) must be defined"
#endif

struct replay_list {
	char **v;
	size_t n;
	size_t cap;
};

static int replay_inprocess;

static void
replay_add(struct replay_list *l, char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n++] = path;
}

static int
replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add path, or the regular files directly inside it, in name order. */
static int
replay_collect(struct replay_list *l, const char *path)
{
	struct replay_list sub = {0};
	struct dirent *de;
	struct stat sb;
	DIR *d;
	size_t i;

	if (stat(path, &sb) < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(sb.st_mode)) {
		replay_add(l, xstrdup(path));
		return 0;
	}
	if ((d = opendir(path)) == NULL) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = xasprintf("%s/%s", path, de->d_name);
		if (stat(p, &sb) == 0 && S_ISREG(sb.st_mode))
			replay_add(&sub, p);
		else
			free(p);
	}
	closedir(d);
	if (sub.n > 0)
		qsort(sub.v, sub.n, sizeof *sub.v, replay_cmp);
	for (i = 0; i < sub.n; i++)
		replay_add(l, sub.v[i]);
	free(sub.v);
	return 0;
}

static int
replay_read(const char *path, struct buf *b)
{
	char chunk[65536];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		return -1;
	}
	fclose(f);
	return 0;
}

/* The last two components of path: "corpus-load/escape-osc.md". */
static const char *
replay_name(const char *path)
{
	const char *p = path + strlen(path), *slash = NULL;
	int seen = 0;

	while (p > path) {
		p--;
		if (*p == '/' && ++seen == 2) {
			slash = p;
			break;
		}
	}
	return slash != NULL ? slash + 1 : path;
}

/* Run the harness on one file; 0 if it returned, else -1 and why. */
static int
replay_one(const char *path, char *why, size_t whysize)
{
	struct buf b = {0};
	pid_t pid;
	int status;

	if (replay_read(path, &b) < 0) {
		snprintf(why, whysize, "cannot read: %s", strerror(errno));
		buf_free(&b);
		return -1;
	}
	if (replay_inprocess) {
		/* A fresh heap copy of exactly len bytes: ASan sees overruns.
		 */
		uint8_t *copy = xmalloc(b.len ? b.len : 1);

		memcpy(copy, b.s ? b.s : "", b.len);
		LLVMFuzzerTestOneInput(copy, b.len);
		free(copy);
		buf_free(&b);
		return 0;
	}
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) < 0) {
		snprintf(why, whysize, "fork: %s", strerror(errno));
		buf_free(&b);
		return -1;
	}
	if (pid == 0) {
		uint8_t *copy = xmalloc(b.len ? b.len : 1);

		memcpy(copy, b.s ? b.s : "", b.len);
		LLVMFuzzerTestOneInput(copy, b.len);
		free(copy);
		buf_free(&b);
		exit(0);
	}
	buf_free(&b);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(why, whysize, "waitpid: %s", strerror(errno));
			return -1;
		}
	if (WIFSIGNALED(status)) {
		snprintf(why, whysize, "killed by signal %d", WTERMSIG(status));
		return -1;
	}
	if (WEXITSTATUS(status) != 0) {
		snprintf(why, whysize, "exit status %d", WEXITSTATUS(status));
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct replay_list l = {0};
	char why[256];
	size_t i, failed = 0;
	int argi = 1, bad = 0;

	if (argi < argc && strcmp(argv[argi], "-n") == 0) {
		replay_inprocess = 1;
		argi++;
	}
	if (argi == argc) {
		const char *src = getenv("top_srcdir");
		char *dir =
		    xasprintf("%s/tests/fuzz/%s",
		              src != NULL ? src : HERALD_SRCDIR, REPLAY_CORPUS);

		bad |= replay_collect(&l, dir) < 0;
		free(dir);
	}
	for (; argi < argc; argi++)
		bad |= replay_collect(&l, argv[argi]) < 0;

	/* No input at all is a failure too, not a skipped test. */
	if (l.n == 0)
		bad = 1;
	printf("1..%zu\n", l.n + (size_t)(bad != 0));
	for (i = 0; i < l.n; i++) {
		if (replay_one(l.v[i], why, sizeof why) == 0)
			printf("ok %zu - %s\n", i + 1, replay_name(l.v[i]));
		else {
			printf("not ok %zu - %s (%s)\n", i + 1,
			       replay_name(l.v[i]), why);
			failed++;
		}
		fflush(stdout);
		free(l.v[i]);
	}
	if (bad)
		printf("not ok %zu - some inputs missing or unreadable\n",
		       l.n + 1);
	free(l.v);
	fflush(stdout);
	return failed > 0 || bad ? 1 : 0;
}
