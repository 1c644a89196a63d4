/*
 * convert.h: 简⇄繁, the model's text in another Chinese script, through
 * OpenCC (phrase-level conversion, regional variants). libopencc is loaded
 * with dlopen when a conversion is first asked for: its C++ runtime and
 * dictionaries cost nothing to readers who do not convert, and a machine
 * without OpenCC still reads (the original text, and a message).
 */
#ifndef HERALD_CONVERT_H
#define HERALD_CONVERT_H

#include <stdbool.h>
#include <stddef.h>

struct issue;

enum convert_script {
	CONVERT_ORIGINAL,    /* as printed */
	CONVERT_TRADITIONAL, /* s2t: OpenCC's standard traditional */
	CONVERT_TAIWAN,      /* s2twp: Taiwan forms and phrases */
	CONVERT_HONGKONG,    /* s2hk: Hong Kong forms */
	CONVERT_SIMPLIFIED,  /* t2s */
};

/* "original", "traditional", "taiwan", "hongkong", "simplified": 0 and
 * *out, or -1. */
int convert_parse(const char *name, enum convert_script *out);
const char *convert_name(enum convert_script s);

struct convert;

/*
 * A converter to script s (not CONVERT_ORIGINAL): loads libopencc and the
 * script's OpenCC config (from $HERALD_OPENCC_DIR when set, else OpenCC's
 * data directory). NULL and *err ("OpenCC ...: reason", caller frees) when
 * either is missing.
 */
struct convert *convert_open(enum convert_script s, char **err);
void convert_close(struct convert *c);

/* s in the other script: sanitised, NUL-terminated, caller frees; NULL
 * when OpenCC fails (the caller keeps s). */
char *convert_text(struct convert *c, const char *s, size_t len,
                   size_t *outlen);

/*
 * Convert every string of is that is not converted yet: the masthead and
 * publication line once, then each parsed page (headlines, blocks,
 * captions, contents, titles). Pages parsed later are done when this is
 * called again (load_set_hook calls it after every load).
 */
void convert_issue(struct convert *c, struct issue *is);

/* "libopencc.so.1.1" when OpenCC can be loaded here, else NULL. */
const char *convert_library(void);

#endif
