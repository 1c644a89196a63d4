/*
 * file.h: reading a whole regular file, read-only, with a size limit (the
 * loader and the config reader both need it; each words its own messages),
 * and writing all of a buffer to a descriptor.
 */
#ifndef HERALD_FILE_H
#define HERALD_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>

enum file_status {
	FILE_OK,
	FILE_OPEN,		/* open failed: errno in err */
	FILE_READ,		/* fstat or read failed: errno in err */
	FILE_NOT_REGULAR,	/* a directory, device, FIFO, socket: mode */
	FILE_TOO_LARGE,		/* over the limit: size (-1 if it grew while read) */
};

struct file_error {
	enum file_status	status;
	int			err;	/* errno for FILE_OPEN, FILE_READ */
	mode_t			mode;	/* FILE_NOT_REGULAR */
	long long		size;	/* FILE_TOO_LARGE */
};

/*
 * The bytes of the regular file at path, at most max of them, NUL-terminated
 * (*len excludes the NUL). Opening never blocks (a FIFO does not wait for a
 * writer). NULL on failure, with *e saying why. Caller frees.
 */
char *file_read(const char *path, size_t max, size_t *len,
    struct file_error *e);
/*
 * file_read's checks and errors, but only the first keep bytes are read
 * (NUL-terminated, *len of them), with *total the file's size and *nul,
 * *ff whether those bytes hold a NUL or a form feed. Memory and time:
 * keep bytes, whatever the file.
 */
char *file_read_head(const char *path, size_t max, size_t keep, size_t *len,
    size_t *total, int *nul, int *ff, struct file_error *e);
/* "a directory", "a FIFO"…, for a mode that is not a regular file. */
const char *file_kind(mode_t mode);
/* The file open on fd is no longer as then says: its size or its time of
 * modification differs, or fstat(2) fails. */
bool file_changed(int fd, const struct stat *then);
/* len bytes of the file open on fd at off into buf, again after EINTR
 * and short reads: false when they cannot be (errno: EIO when the file
 * is shorter). */
bool file_pread(int fd, void *buf, size_t len, unsigned long long off);
/* Write all len bytes of p to fd, again after EINTR and short writes.
 * 0, or -1 with errno (EIO when write(2) wrote nothing). */
int file_write_all(int fd, const void *p, size_t len);

#endif
