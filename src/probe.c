/*
 * probe.c: the CPR probe. Writes “ after a newline (never on the first
 * row, where the answer CSI 1;2R reads like Shift-F3), sends CSI 6n, reads
 * the answer from /dev/tty with a deadline and erases what it wrote. It must
 * run before curses owns the terminal and must leave the tty modes as it
 * found them, whatever happens.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "probe.h"

int
probe_parse_cpr(const char *buf, size_t len)
{
	size_t i = len;

	while (i > 0) {
		size_t j;
		long row = 0, col = 0;

		i--;
		if (buf[i] != '\033' || i + 1 >= len || buf[i + 1] != '[')
			continue;
		j = i + 2;
		while (j < len && buf[j] >= '0' && buf[j] <= '9' && row < 100000)
			row = row * 10 + (buf[j++] - '0');
		if (j >= len || buf[j] != ';' || j == i + 2)
			continue;
		j++;
		if (j >= len || buf[j] < '0' || buf[j] > '9')
			continue;
		while (j < len && buf[j] >= '0' && buf[j] <= '9' && col < 100000)
			col = col * 10 + (buf[j++] - '0');
		if (j < len && buf[j] == 'R')
			return (int)col;
	}
	return -1;
}

static long
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
write_all(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

void
probe_start(struct probe *p, int timeout_ms)
{
	const char *term = getenv("TERM");
	struct termios raw;

	p->fd = -1;
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0 ||
	    strcmp(term, "linux") == 0)
		return;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return;
	if ((p->fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)) < 0)
		return;
	if (tcgetattr(p->fd, &p->saved) != 0) {
		close(p->fd);
		p->fd = -1;
		return;
	}
	raw = p->saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(p->fd, TCSANOW, &raw) != 0) {
		close(p->fd);
		p->fd = -1;
		return;
	}
	/* A new row first: the answer on row 1 could read as a key. */
	write_all(p->fd, "\r\n\xe2\x80\x9c\033[6n");
	p->deadline = now_ms() + timeout_ms;
}

enum width_ambiguous
probe_finish(struct probe *p)
{
	char buf[256];
	size_t len = 0;
	int col;

	if (p->fd < 0)
		return WIDTH_NARROW;
	for (;;) {
		struct pollfd pfd = { .fd = p->fd, .events = POLLIN };
		long left = p->deadline - now_ms();
		ssize_t n;
		int r;

		if (len >= sizeof buf - 1)
			break;
		/* The answer may be in already: look before giving up. */
		r = poll(&pfd, 1, left > 0 ? (int)left : 0);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n = read(p->fd, buf + len, sizeof buf - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (memchr(buf, 'R', len) != NULL && probe_parse_cpr(buf, len) > 0)
			break;
	}
	write_all(p->fd, "\r\033[K");
	tcsetattr(p->fd, TCSANOW, &p->saved);
	close(p->fd);
	p->fd = -1;
	col = probe_parse_cpr(buf, len);
	return col - 1 == 2 ? WIDTH_WIDE : WIDTH_NARROW;
}

enum width_ambiguous
probe_ambiguous(int timeout_ms)
{
	struct probe p;

	probe_start(&p, timeout_ms);
	return probe_finish(&p);
}
