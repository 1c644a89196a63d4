/*
 * file.c: whole-file reads. The buffer is the file's size plus two bytes
 * (the NUL, and room to see the end of the file), so a large file is
 * neither copied nor doubled while it is read. Never writes.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "file.h"
#include "xmalloc.h"

const char *
file_kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

static char *
fail(struct file_error *e, enum file_status status, int fd, struct buf *b)
{
	e->status = status;
	if (status == FILE_OPEN || status == FILE_READ)
		e->err = errno;
	if (fd != -1)
		close(fd);
	if (b != NULL)
		buf_free(b);
	return NULL;
}

/* path opened for reading when it is a regular file of max bytes at
 * most (*st its status); else -1 and e says why. */
static int
open_regular(const char *path, size_t max, struct stat *st,
    struct file_error *e)
{
	int fd;

	e->status = FILE_OK;
	e->err = 0;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1) {
		fail(e, FILE_OPEN, -1, NULL);
		return -1;
	}
	if (fstat(fd, st) == -1) {
		fail(e, FILE_READ, fd, NULL);
		return -1;
	}
	if (!S_ISREG(st->st_mode)) {
		e->mode = st->st_mode;
		fail(e, FILE_NOT_REGULAR, fd, NULL);
		return -1;
	}
	if ((uintmax_t)st->st_size > max) {
		e->size = (long long)st->st_size;
		fail(e, FILE_TOO_LARGE, fd, NULL);
		return -1;
	}
	return fd;
}

char *
file_read(const char *path, size_t max, size_t *len, struct file_error *e)
{
	struct stat st;
	struct buf b = {0};
	ssize_t r;
	int fd;

	if ((fd = open_regular(path, max, &st, e)) == -1)
		return NULL;
	b.cap = (size_t)st.st_size + 2;
	b.s = xmalloc_big(b.cap);
	for (;;) {
		if (b.cap - b.len < 2) { /* it grew, or st_size was 0 (/proc) */
			b.cap = b.cap < 65536 ? 65536 : b.cap * 2;
			b.s = xrealloc(b.s, b.cap);
		}
		r = read(fd, b.s + b.len, b.cap - b.len - 1);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return fail(e, FILE_READ, fd, &b);
		if (r == 0)
			break;
		b.len += (size_t)r;
		if (b.len > max) { /* it grew while we read */
			e->size = -1;
			return fail(e, FILE_TOO_LARGE, fd, &b);
		}
	}
	close(fd);
	b.s[b.len] = '\0';
	return buf_take(&b, len);
}

char *
file_read_head(const char *path, size_t max, size_t keep, size_t *len,
    size_t *total, int *nul, int *ff, struct file_error *e)
{
	struct stat st;
	struct buf b = {0};
	ssize_t r;
	int fd;

	*total = 0;
	*nul = *ff = 0;
	if ((fd = open_regular(path, max, &st, e)) == -1)
		return NULL;
	*total = (size_t)st.st_size;
	b.cap = keep + 1;
	b.s = xmalloc(b.cap);
	while (b.len < keep) {
		r = read(fd, b.s + b.len, keep - b.len);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return fail(e, FILE_READ, fd, &b);
		if (r == 0)
			break;
		b.len += (size_t)r;
	}
	close(fd);
	if (b.len > *total)
		*total = b.len; /* it grew, or st_size was 0 (/proc) */
	*nul = memchr(b.s, '\0', b.len) != NULL;
	*ff = memchr(b.s, '\f', b.len) != NULL;
	b.s[b.len] = '\0';
	return buf_take(&b, len);
}

int
file_write_all(int fd, const void *p, size_t len)
{
	const char *s = p;
	ssize_t n;

	while (len > 0) {
		n = write(fd, s, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

bool
file_pread(int fd, void *buf, size_t len, unsigned long long off)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = pread(fd, (char *)buf + got, len - got,
		                  (off_t)(off + got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO; /* shorter than it was */
			return false;
		}
		got += (size_t)n;
	}
	return true;
}

bool
file_changed(int fd, const struct stat *then)
{
	struct stat now;

	return fstat(fd, &now) != 0 || now.st_size != then->st_size ||
	       now.st_mtim.tv_sec != then->st_mtim.tv_sec ||
	       now.st_mtim.tv_nsec != then->st_mtim.tv_nsec;
}
