/*
 * fuzz-check.h: invariant checks shared by the fuzz harnesses. A failed
 * check prints what broke and aborts, so libFuzzer (and the replay driver)
 * records the input as a crash. Never used by the program itself.
 */
#ifndef HERALD_FUZZ_CHECK_H
#define HERALD_FUZZ_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry point every harness defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print "fuzz: what" and the bytes of s (escaped), then abort(). */
void fuzz_fail(const char *what, const char *s, size_t len)
    __attribute__((noreturn));

/* Abort unless cond, naming the condition and the text it was about. */
#define FUZZ_CHECK(cond, what, s, len)                                         \
	do {                                                                   \
		if (!(cond))                                                   \
			fuzz_fail((what), (s), (len));                         \
	} while (0)

/*
 * True if the check named tag is listed in $HERALD_FUZZ_SKIP (tags separated
 * by commas). Only for long fuzzing campaigns, to get past a finding that
 * is already reported; make check never sets it. Tags:
 *   ts-tab        fuzz-layout: a TAB inside a typeset line
 *   space-mark    fuzz-layout: a combining mark on a space left out of
 *                 every line, or a line starting inside that cluster
 *                 (crash-space-mark.txt, crash-space-mark-leading.txt)
 *   wide-cluster  fuzz-layout: a one-cluster line wider than 2 columns past
 *                 the measure or the typeset width
 * (crash-wide-cluster-indent.txt, crash-cluster-wider-than-measure.txt)
 */
bool fuzz_skip(const char *tag);

/*
 * True if c may be shown: not C0 (but LF and TAB when allow_lf_tab), not
 * DEL, not C1, not a bidi control (U+061C, U+200E/F, U+202A–E, U+2066–9).
 */
bool fuzz_cp_clean(uint32_t c, bool allow_lf_tab);

/*
 * The model's text rules: valid UTF-8 (u8_check), no NUL inside len, and
 * every code point fuzz_cp_clean(c, true). Aborts naming what.
 */
void fuzz_check_text(const char *what, const char *s, size_t len);
/* As fuzz_check_text for a NUL-terminated string; NULL is fine. */
void fuzz_check_cstr(const char *what, const char *s);
/*
 * For output that reaches a terminal (messages, warnings): no ESC, BEL or
 * other C0 but LF/TAB, no DEL, no C1 (as a raw byte 0x80–0x9F outside a
 * valid UTF-8 sequence or as U+0080–U+009F), no bidi control. Invalid UTF-8
 * is tolerated here only as long as no such byte appears.
 */
void fuzz_check_terminal_safe(const char *what, const char *s, size_t len);

/* The harnesses that read files write them here. */
/* A new directory $TMPDIR/fuzz-tag.XXXXXX (or under /tmp when TMPDIR is not
 * a short absolute path), its name in dir (size bytes); aborts if none. */
void fuzz_temp_dir(char *dir, size_t size, const char *tag);
/* Write all size bytes at p to fd; aborts if it cannot. */
void fuzz_write_all(int fd, const void *p, size_t size);

#endif
