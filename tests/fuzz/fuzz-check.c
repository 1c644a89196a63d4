/*
 * fuzz-check.c: the invariants the harnesses assert (see fuzz-check.h).
 * Independent of text.c on purpose: it decodes with libunistring and
 * checks the code points itself, so a sanitizer bug cannot vouch for its
 * own output.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>

#include "fuzz-check.h"

/*
 * UBSan's hook for its default options: a finding stops the harness (the
 * fuzzing build lets UBSan recover, and a report that does not stop
 * libFuzzer is lost). UBSAN_OPTIONS still overrides it; without UBSan the
 * function is never called.
 */
const char *__ubsan_default_options(void);

const char *
__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}

void
fuzz_fail(const char *what, const char *s, size_t len)
{
	size_t i, n = len > 256 ? 256 : len;

	fprintf(stderr, "fuzz: invariant broken: %s\n", what);
	if (s != NULL) {
		fprintf(stderr, "fuzz: text (%zu bytes): \"", len);
		for (i = 0; i < n; i++) {
			unsigned char b = (unsigned char)s[i];

			if (b >= 0x20 && b < 0x7f && b != '\\' && b != '"')
				fputc(b, stderr);
			else
				fprintf(stderr, "\\x%02x", b);
		}
		fprintf(stderr, "%s\"\n", n < len ? "..." : "");
	}
	fflush(stderr);
	abort();
}

bool
fuzz_skip(const char *tag)
{
	const char *list = getenv("HERALD_FUZZ_SKIP"), *p;
	size_t n = strlen(tag);

	if (list == NULL)
		return false;
	for (p = list; (p = strstr(p, tag)) != NULL; p += n)
		if ((p == list || p[-1] == ',') &&
		    (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

bool
fuzz_cp_clean(uint32_t c, bool allow_lf_tab)
{
	if (c < 0x20)
		return allow_lf_tab && (c == '\n' || c == '\t');
	if (c >= 0x7f && c <= 0x9f)
		return false;
	if (c == 0x061c || c == 0x200e || c == 0x200f)
		return false;
	if (c >= 0x202a && c <= 0x202e)
		return false;
	if (c >= 0x2066 && c <= 0x2069)
		return false;
	return true;
}

void
fuzz_check_text(const char *what, const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t off = 0;
	ucs4_t c;
	int n;

	if (len == 0)
		return;
	FUZZ_CHECK(s != NULL, what, NULL, 0);
	FUZZ_CHECK(u8_check(p, len) == NULL, what, s, len);
	FUZZ_CHECK(memchr(s, '\0', len) == NULL, what, s, len);
	while (off < len) {
		n = u8_mbtouc(&c, p + off, len - off);
		FUZZ_CHECK(fuzz_cp_clean(c, true), what, s + off, len - off);
		off += (size_t)n;
	}
}

void
fuzz_check_cstr(const char *what, const char *s)
{
	if (s != NULL)
		fuzz_check_text(what, s, strlen(s));
}

void
fuzz_check_terminal_safe(const char *what, const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t off = 0;
	ucs4_t c;
	int n;

	while (off < len) {
		n = u8_mbtoucr(&c, p + off, len - off);
		if (n < 0) {
			/* Invalid: only the raw byte itself is judged. */
			FUZZ_CHECK(p[off] < 0x80 || p[off] > 0x9f, what,
			           s + off, len - off);
			off++;
			continue;
		}
		FUZZ_CHECK(fuzz_cp_clean(c, true), what, s + off, len - off);
		off += (size_t)n;
	}
}

void
fuzz_temp_dir(char *dir, size_t size, const char *tag)
{
	const char *t = getenv("TMPDIR");

	if (t == NULL || t[0] != '/' || strlen(t) > 40)
		t = "/tmp";
	snprintf(dir, size, "%s/fuzz-%s.XXXXXX", t, tag);
	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "fuzz-%s: ", tag);
		perror("mkdtemp");
		abort();
	}
}

void
fuzz_write_all(int fd, const void *p, size_t size)
{
	const char *c = p;
	ssize_t n;

	while (size > 0) {
		if ((n = write(fd, c, size)) <= 0)
			abort();
		c += n;
		size -= (size_t)n;
	}
}
