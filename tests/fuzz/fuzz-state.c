/*
 * fuzz-state.c: libFuzzer harness for the state file. The input is written
 * as the state file of a private temp directory and read with state_load:
 * followed by its right checksum line (the parse beyond the checksum is
 * what a fuzzer could not reach otherwise), or as it is when it starts
 * with '!' (the rest then: truncations, bad sums).
 * It must never crash; the warning must be free of ESC, BEL, C1 and bidi
 * controls and name the file; a file refused is moved aside (or, from a
 * newer version, left as it was) and the state is empty; a file taken
 * holds only what a load allows: numbers in their ranges, each issue's
 * articles read as sorted runs on one page each, neither overlapping nor
 * touching, at most STATE_MAX_RUNS of them, counted without overflow.
 * Writes only its own temp directory, removed at exit.
 */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "fuzz-check.h"
#include "state.h"

static char dir[64];
static char path[96];
static char aside[112];

static void
cleanup(void)
{
	char lock[112];

	snprintf(lock, sizeof lock, "%s.lock", path);
	unlink(path);
	unlink(aside);
	unlink(lock);
	rmdir(dir);
}

static void
setup(void)
{
	fuzz_temp_dir(dir, sizeof dir, "state");
	snprintf(path, sizeof path, "%s/state", dir);
	snprintf(aside, sizeof aside, "%s/state.corrupt", dir);
	atexit(cleanup);
}

static void
write_file(const uint8_t *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	char sum[32];

	if (fd < 0)
		abort();
	if (size > 0 && data[0] == '!')
		fuzz_write_all(fd, data + 1, size - 1);
	else {
		fuzz_write_all(fd, data, size);
		snprintf(sum, sizeof sum, "sum %08x\n",
		    (unsigned)state_crc32((const char *)data, size));
		fuzz_write_all(fd, sum, strlen(sum));
	}
	close(fd);
}

/* The runs of e as a load may leave them. */
static void
check_runs(const struct state_issue *e)
{
	size_t i, n = 0;

	FUZZ_CHECK(e->nread <= STATE_MAX_RUNS, "more runs than kept",
	    e->key, strlen(e->key));
	for (i = 0; i < e->nread; i++) {
		const struct state_run *r = &e->read[i];

		FUZZ_CHECK(r->lo <= r->hi, "a run that ends before it starts",
		    e->key, strlen(e->key));
		FUZZ_CHECK(r->lo >> 32 == r->hi >> 32 &&
		    (r->hi >> 32) <= STATE_MAX_PAGE &&
		    (r->hi & 0xffffffffu) <= STATE_MAX_ARTICLE,
		    "a run across pages or past the limits", e->key,
		    strlen(e->key));
		FUZZ_CHECK(i == 0 || e->read[i - 1].hi + 1 < r->lo,
		    "runs out of order, overlapping or touching", e->key,
		    strlen(e->key));
		n += (size_t)(r->hi - r->lo + 1);
	}
	FUZZ_CHECK(state_count_read(e) == n, "the count of articles read",
	    e->key, strlen(e->key));
	if (e->nread > 0) {
		int page = (int)(e->read[0].lo >> 32);
		int index = (int)(e->read[0].lo & 0xffffffffu);

		FUZZ_CHECK(state_is_read(e, page, index),
		    "a run's first article not read", e->key, strlen(e->key));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state st;
	struct buf warn = {0};
	struct stat sb;
	size_t i;

	if (dir[0] == '\0')
		setup();
	unlink(aside);
	write_file(data, size);
	if (state_load(&st, path, &warn) != 0)
		abort();
	fuzz_check_terminal_safe("warning", warn.s ? warn.s : "", warn.len);
	if (warn.len > 0) {
		FUZZ_CHECK(strstr(warn.s, "/state") != NULL,
		    "a warning that does not name the file", warn.s, warn.len);
		FUZZ_CHECK(st.n == 0 && st.nterms == 0 && st.nsearches == 0,
		    "a file refused, yet something taken", warn.s, warn.len);
		/* moved aside, or (a newer version's) left as it was */
		FUZZ_CHECK((lstat(aside, &sb) == 0) !=
		    (lstat(path, &sb) == 0 && st.told_newer),
		    "a file refused, neither moved aside nor left alone",
		    warn.s, warn.len);
	}
	FUZZ_CHECK(st.n <= STATE_MAX_ISSUES, "more issues than kept",
	    (const char *)data, size);
	for (i = 0; i < st.n; i++) {
		const struct state_issue *e = &st.v[i];

		FUZZ_CHECK(e->pos.page >= 0 && e->pos.page <= STATE_MAX_PAGE &&
		    e->pos.article >= -1 &&
		    e->pos.article <= STATE_MAX_ARTICLE,
		    "a position out of range", e->key, strlen(e->key));
		FUZZ_CHECK(e->articles >= 0 &&
		    e->articles <= STATE_MAX_ARTICLE,
		    "an article count out of range", e->key, strlen(e->key));
		check_runs(e);
	}
	buf_free(&warn);
	state_free(&st);
	return 0;
}
