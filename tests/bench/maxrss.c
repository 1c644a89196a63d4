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
 */
#define _DEFAULT_SOURCE /* wait4, sigaction, kill under -std=c11 */

#include <errno.h>
#include <signal.h>
#include <stdio.h>
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

int
main(int argc, char **argv)
{
	struct sigaction sa;
	struct rusage ru;
	FILE *out;
	pid_t pid;
	int status;

	if (argc < 3) {
		fputs("usage: maxrss OUTFILE COMMAND [ARG]...\n", stderr);
		return 2;
	}
	if ((pid = fork()) < 0) {
		perror("maxrss: fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "maxrss: %s: %s\n", argv[2], strerror(errno));
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
			return 1;
		}
	}
	if ((out = fopen(argv[1], "w")) == NULL) {
		fprintf(stderr, "maxrss: %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	fprintf(out, "%ld\n", ru.ru_maxrss);
	fclose(out);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
