/*
 * fuzz-config.c: libFuzzer harness for the settings. The input is written
 * to a private temp file and read with config_load. It must never crash;
 * every warning and anything iniparser prints to stderr must be free of
 * ESC, BEL, C1 and bidi controls; every value must be inside its bounds.
 * Writes only its own temp files, removed at exit.
 */
#include "config.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fuzz-check.h"
#include "keys.h"

static char in_path[64];
static char err_path[64];
static int in_fd = -1;
static int err_fd = -1;

static void
cleanup(void)
{
	if (in_fd >= 0)
		unlink(in_path);
	if (err_fd >= 0)
		unlink(err_path);
}

static int
make_temp(char *path, size_t size, const char *tag)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	snprintf(path, size, "%s/fuzz-config-%s.XXXXXX", dir, tag);
	if ((fd = mkstemp(path)) < 0) {
		perror("fuzz-config: mkstemp");
		abort();
	}
	return fd;
}

static void
write_all(int fd, const uint8_t *data, size_t size)
{
	if (ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		abort();
	fuzz_write_all(fd, data, size);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config c;
	struct buf warn = {0};
	char errbuf[4096];
	ssize_t n;
	int saved, r;
	size_t i;

	if (in_fd < 0) {
		in_fd = make_temp(in_path, sizeof in_path, "in");
		err_fd = make_temp(err_path, sizeof err_path, "err");
		atexit(cleanup);
	}
	write_all(in_fd, data, size);
	write_all(err_fd, (const uint8_t *)"", 0);

	keys_init();
	config_defaults(&c);
	/* Catch whatever reaches stderr during the load (iniparser's own). */
	fflush(stderr);
	saved = dup(2);
	if (saved < 0 || dup2(err_fd, 2) < 0)
		abort();
	r = config_load(&c, in_path, &warn);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);

	FUZZ_CHECK(r == 0, "config_load failed on a readable regular file",
	           warn.s, warn.len);
	if (warn.len > 0) {
		FUZZ_CHECK(strlen(warn.s) == warn.len, "warning holds NUL",
		           warn.s, warn.len);
		fuzz_check_terminal_safe("config warning", warn.s, warn.len);
	}
	if (lseek(err_fd, 0, SEEK_SET) == 0) {
		while ((n = read(err_fd, errbuf, sizeof errbuf)) > 0)
			fuzz_check_terminal_safe("stderr during config_load",
			                         errbuf, (size_t)n);
	}

	FUZZ_CHECK(c.ambiguous == WIDTH_AUTO || c.ambiguous == WIDTH_NARROW ||
	               c.ambiguous == WIDTH_WIDE,
	           "ambiguous out of range", NULL, 0);
	FUZZ_CHECK(c.indent >= 0 && c.indent <= 8, "indent out of 0..8", NULL,
	           0);
	FUZZ_CHECK(c.paragraph_gap >= 0 && c.paragraph_gap <= 2,
	           "paragraph_gap out of 0..2", NULL, 0);
	FUZZ_CHECK(c.kinsoku == KINSOKU_NONE || c.kinsoku == KINSOKU_BASIC ||
	               c.kinsoku == KINSOKU_STRICT,
	           "kinsoku out of range", NULL, 0);
	FUZZ_CHECK(c.theme != NULL && (strcmp(c.theme, "default") == 0 ||
	                               strcmp(c.theme, "mono") == 0),
	           "theme not default or mono", c.theme,
	           c.theme ? strlen(c.theme) : 0);
	for (i = 0; i < sizeof c.colors / sizeof c.colors[0]; i++) {
		struct config_color col;

		if (c.colors[i] == NULL)
			continue;
		FUZZ_CHECK(config_color_parse(c.colors[i], &col) == 0,
		           "a loaded colour does not parse", c.colors[i],
		           strlen(c.colors[i]));
		FUZZ_CHECK(col.fg >= -1 && col.fg <= 255 && col.bg >= -1 &&
		               col.bg <= 255,
		           "colour out of range", c.colors[i],
		           strlen(c.colors[i]));
	}
	(void)config_load_flags(&c);
	config_free(&c);
	buf_free(&warn);
	return 0;
}
