/*
 * convert.c: OpenCC through dlopen. Only the five functions of its C API
 * are used, declared here with the types of opencc.h, so building needs
 * no OpenCC headers and running without OpenCC only loses conversion.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "convert.h"
#include "issue.h"
#include "text.h"
#include "xmalloc.h"

typedef void *opencc_t;

static const char *const sonames[] = {"libopencc.so.1.1", "libopencc.so.1",
                                      "libopencc.so"};

/* The library, loaded once for the process. */
static struct {
	void *dl;
	const char *soname;
	opencc_t (*open)(const char *);
	int (*close)(opencc_t);
	char *(*convert)(opencc_t, const char *, size_t);
	void (*free)(char *);
	const char *(*error)(void);
} cc;

struct convert {
	opencc_t od;
	enum convert_script script;
};

static const struct {
	const char *name, *config;
} scripts[] = {
    [CONVERT_ORIGINAL] = {"original", NULL},
    [CONVERT_TRADITIONAL] = {"traditional", "s2t.json"},
    [CONVERT_TAIWAN] = {"taiwan", "s2twp.json"},
    [CONVERT_HONGKONG] = {"hongkong", "s2hk.json"},
    [CONVERT_SIMPLIFIED] = {"simplified", "t2s.json"},
};

int
convert_parse(const char *name, enum convert_script *out)
{
	size_t i;

	for (i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
		if (strcmp(name, scripts[i].name) == 0) {
			*out = (enum convert_script)i;
			return 0;
		}
	return -1;
}

const char *
convert_name(enum convert_script s)
{
	return scripts[s].name;
}

/* Load libopencc once; false and *why when it cannot be. */
static bool
load_library(const char **why)
{
	size_t i;

	if (cc.dl != NULL)
		return true;
	for (i = 0; i < sizeof sonames / sizeof sonames[0] && cc.dl == NULL;
	     i++) {
		cc.dl = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
		cc.soname = sonames[i];
	}
	if (cc.dl == NULL) {
		*why = "libopencc is not installed";
		return false;
	}
	*(void **)&cc.open = dlsym(cc.dl, "opencc_open");
	*(void **)&cc.close = dlsym(cc.dl, "opencc_close");
	*(void **)&cc.convert = dlsym(cc.dl, "opencc_convert_utf8");
	*(void **)&cc.free = dlsym(cc.dl, "opencc_convert_utf8_free");
	*(void **)&cc.error = dlsym(cc.dl, "opencc_error");
	if (cc.open == NULL || cc.close == NULL || cc.convert == NULL ||
	    cc.free == NULL) {
		dlclose(cc.dl);
		cc.dl = NULL;
		*why = "libopencc lacks its C functions";
		return false;
	}
	return true;
}

const char *
convert_library(void)
{
	const char *why;

	return load_library(&why) ? cc.soname : NULL;
}

struct convert *
convert_open(enum convert_script s, char **err)
{
	const char *why = NULL, *dir = getenv("HERALD_OPENCC_DIR");
	struct convert *c;
	char *config, *safe;
	opencc_t od;

	if (s == CONVERT_ORIGINAL || scripts[s].config == NULL) {
		*err = xstrdup("OpenCC: no conversion to the original");
		return NULL;
	}
	if (!load_library(&why)) {
		*err = xasprintf("OpenCC: %s: showing the original text", why);
		return NULL;
	}
	if (dir != NULL && *dir != '\0')
		config = xasprintf("%s/%s", dir, scripts[s].config);
	else
		config = xstrdup(scripts[s].config);
	od = cc.open(config);
	if (od == (opencc_t)-1 || od == NULL) {
		safe = text_safe(config);
		*err = xasprintf("OpenCC: cannot load %s (its data files are "
		                 "missing?): showing the original text",
		                 safe);
		free(safe);
		free(config);
		return NULL;
	}
	free(config);
	c = xcalloc(1, sizeof *c);
	c->od = od;
	c->script = s;
	return c;
}

void
convert_close(struct convert *c)
{
	if (c == NULL)
		return;
	cc.close(c->od);
	free(c);
}

char *
convert_text(struct convert *c, const char *s, size_t len, size_t *outlen)
{
	char *o, *r;
	size_t n;

	if (len == 0) {
		*outlen = 0;
		return xstrdup("");
	}
	o = cc.convert(c->od, s, len);
	if (o == NULL || o == (char *)-1)
		return NULL;
	/* OpenCC's output is text like ours: sanitise it all the same */
	r = text_sanitize(o, strlen(o), 0, &n);
	cc.free(o);
	*outlen = n;
	return r;
}

/* *s (*len, if not NULL) replaced by its conversion. */
static void
conv(struct convert *c, char **s, size_t *len)
{
	char *r;
	size_t n;

	if (*s == NULL)
		return;
	r = convert_text(c, *s, len ? *len : strlen(*s), &n);
	if (r == NULL)
		return;
	free(*s);
	*s = r;
	if (len != NULL)
		*len = n;
}

static void
conv_block(struct convert *c, struct block *b)
{
	conv(c, &b->text, &b->len);
}

void
convert_issue(struct convert *c, struct issue *is)
{
	size_t i, j, k;

	if (c == NULL || is == NULL)
		return;
	if (!is->converted) {
		conv(c, &is->title, NULL);
		conv(c, &is->publine, NULL);
		conv(c, &is->publisher, NULL);
		conv(c, &is->date_text, NULL);
		conv(c, &is->weekday, NULL);
		is->converted = true;
	}
	for (i = 0; i < is->npages; i++) {
		struct page *pg = &is->pages[i];

		if (pg->pending || pg->converted)
			continue;
		pg->converted = true;
		conv(c, &pg->title, NULL);
		conv(c, &pg->contents_title, NULL);
		for (j = 0; j < pg->ncontents; j++)
			conv(c, &pg->contents[j].title, NULL);
		for (j = 0; j < pg->nitems; j++)
			conv_block(c, &pg->items[j]);
		for (j = 0; j < pg->narticles; j++) {
			struct article *a = &pg->articles[j];

			conv(c, &a->headline, &a->headline_len);
			for (k = 0; k < a->nblocks; k++)
				conv_block(c, &a->blocks[k]);
		}
	}
}
