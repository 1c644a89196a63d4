/*
 * maxrss.c: run a command and write its peak RSS (KiB, from wait4) to a
 * file. The benchmark needs it because a child forked from python3 keeps
 * python's high-water RSS across exec (Linux carries the old mm's peak into
 * ru_maxrss), which would put ~14 MB under every figure. A child forked from
 * this small program starts from this program's ~1 MB instead.
 *
 * It must stay transparent: same terminal, same process group (so a pty's
 * SIGWINCH and keys reach the command), the command's exit status as its
 * own. It writes nothing to stdout or stderr unless it fails.
 *
 * Usage: maxrss OUTFILE COMMAND [ARG]...
 *
 * Run bare (make check runs every check program; tests/cli/stream.sh
 * measures with it), it tests itself and prints TAP: a command that
 * touches 32 MiB peaks at 32 MiB or more, and one that touches nothing
 * under 8 MiB, so that the figures are the command's own.
 */
#ifndef _DEFAULT_SOURCE /* (make check's build defines it) */
#define _DEFAULT_SOURCE /* wait4, sigaction, kill under -std=c11 */
#endif

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t child;

static void
forward(int sig)
{
	if (child > 0)
		kill((pid_t)child, sig);
}

/* The command's peak RSS in KiB into *kb: its exit status, or -1. */
static int
run(char **argv, long *kb)
{
	struct sigaction sa;
	struct rusage ru;
	pid_t pid;
	int status;

	if ((pid = fork()) < 0) {
		perror("maxrss: fork");
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "maxrss: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	child = pid;
	/* the command decides what a hang-up or a key means; pass TERM on */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = forward;
	sigaction(SIGTERM, &sa, NULL);
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			perror("maxrss: wait4");
			return -1;
		}
	}
	*kb = ru.ru_maxrss;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

/* Run bare: the test of itself (above). */
static int
self_test(const char *self)
{
	char *touch[] = {(char *)self, "-touch", NULL};
	char *none[] = {(char *)self, "-none", NULL};
	long big = 0, small = 0;
	int ok1, ok2;

	puts("1..2");
	ok1 = run(touch, &big) == 0 && big >= 32 * 1024;
	printf("%sok 1 - a command touching 32 MiB peaks at %ld KiB\n",
	    ok1 ? "" : "not ", big);
	ok2 = run(none, &small) == 0;
#if defined(__SANITIZE_ADDRESS__)
	/* ASan's own maps are under every process's peak */
	printf("ok 2 - one touching nothing peaks at %ld KiB # SKIP "
	    "sanitizer build\n", small);
#else
	ok2 = ok2 && small < 8 * 1024;
	printf("%sok 2 - one touching nothing peaks at %ld KiB\n",
	    ok2 ? "" : "not ", small);
#endif
	return ok1 && ok2 ? 0 : 1;
}

int
main(int argc, char **argv)
{
	FILE *out;
	long kb = 0;
	int rc;

	if (argc == 2 && strcmp(argv[1], "-touch") == 0) {
		char *p = malloc(32u << 20);
		volatile char *v = p; /* every page written, none elided */
		size_t i;

		if (p == NULL)
			return 1;
		for (i = 0; i < 32u << 20; i += 4096)
			v[i] = 1;
		free(p);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "-none") == 0)
		return 0;
	if (argc == 1)
		return self_test(argv[0]);
	if (argc < 3) {
		fputs("usage: maxrss OUTFILE COMMAND [ARG]...\n", stderr);
		return 2;
	}
	if ((rc = run(argv + 2, &kb)) < 0)
		return 1;
	if ((out = fopen(argv[1], "w")) == NULL) {
		fprintf(stderr, "maxrss: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	fprintf(out, "%ld\n", kb);
	fclose(out);
	return rc;
}
