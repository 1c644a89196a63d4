/*
 * convert.c: OpenCC through dlopen. Only the five functions of its C API
 * are used, declared here with the types of opencc.h, so building needs
 * no OpenCC headers and running without OpenCC only loses conversion.
 */
#include "build-config.h"

#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "convert.h"
#include "issue.h"
#include "shelf.h"
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
	bool on; /* convert_hook shows issues converted */
};

/*
 * The other form of every string convert_show has converted: the slot in
 * the model (a char * and its length, when it has one) and the string
 * that is not shown now. Swapping them is going back and forth between
 * the scripts without converting again; articles, blocks and pages stay
 * where they are, so everything that points at them stays valid.
 */
struct twin_slot {
	char **s; /* NULL: let go, other_len the next let go + 1 */
	char *other;
	uint32_t other_len; /* (a file is at most 1 GiB) */
	/* *s's length is at (char *)s + len_off, in the same struct: a
	 * uint32_t when len32 (a headline's), else a size_t; len_off 0: a
	 * NUL-terminated string */
	int16_t len_off;
	bool len32;
};

/* 24 bytes, not 40: a big file shown converted has one for each story's
 * headline (46,439 on the bench's 100 MB page) */
_Static_assert(sizeof(void *) != 8 || sizeof(struct twin_slot) == 24,
               "a twin's slot stays small");

/* The masthead's fields: the loader may set them again when a later page
 * brings the masthead, so each slot remembers what it left in the model. */
enum { MAST_TITLE, MAST_PUBLINE, MAST_PUBLISHER, MAST_DATE, MAST_WEEKDAY,
       NMAST };

struct mast_slot {
	struct twin_slot t;
	char *cur; /* what the slot left in *t.s */
};

struct convert_twin {
	struct twin_slot *v;
	size_t n;
	size_t let_go;		/* a slot let go + 1, taken before a new
				 * one (they chain); 0 none */
	struct mast_slot mast[NMAST];
	bool shown; /* the slots hold the converted text */
	struct convert *c; /* the converter last shown with (convert_article) */
	/* the characters conversions brought (struct search_memo's
	 * brings), in the order first seen */
	uint32_t *brought;
	size_t nbrought;
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
	static char name[64];
	const char *why, *base;
	char *real;
	Dl_info di;

	if (!load_library(&why))
		return NULL;
	if (name[0] != '\0')
		return name;
	/* The file the soname leads to carries the library's version
	 * (libopencc.so.1.1 → libopencc.so.1.1.5); OpenCC's C API has no
	 * function that tells it. */
	snprintf(name, sizeof name, "%s", cc.soname);
	if (dladdr(*(void **)&cc.open, &di) != 0 && di.dli_fname != NULL &&
	    (real = realpath(di.dli_fname, NULL)) != NULL) {
		base = strrchr(real, '/');
		snprintf(name, sizeof name, "%s",
		         base != NULL ? base + 1 : real);
		free(real);
	}
	return name;
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

/* Slots the twin has looked at when blocks went, for the process. */
static unsigned long looked;

/* A slot of t for a new string: one let go, else a new one. */
static size_t
new_slot(struct convert_twin *t)
{
	size_t i = t->let_go;

	if (i != 0) {
		t->let_go = t->v[i - 1].other_len;
		return i - 1;
	}
	t->v = xgrow(t->v, t->n, sizeof *t->v);
	return t->n++;
}

/*
 * *s (*len or *len32, if not NULL) replaced by its conversion; the
 * original kept in t, or freed when t is NULL (a copy's text, read once;
 * a part's, printed once). Its slot in t + 1, or 0 when it has none.
 */
static size_t
conv_len(struct convert *c, struct convert_twin *t, char **s, size_t *len,
    uint32_t *len32)
{
	struct twin_slot *sl;
	size_t n, olen, at = 0;
	char *r;

	if (*s == NULL)
		return 0;
	olen = len ? *len : len32 ? *len32 : strlen(*s);
	r = convert_text(c, *s, olen, &n);
	if (r == NULL)
		return 0;
	if (t != NULL) {
		at = new_slot(t);
		sl = &t->v[at++];
		sl->s = s;
		sl->len_off = (int16_t)(len != NULL ? (char *)len - (char *)s :
		                        len32 != NULL ? (char *)len32 - (char *)s
		                                      : 0);
		sl->len32 = len32 != NULL;
		sl->other = *s;
		sl->other_len = (uint32_t)olen;
	} else
		free(*s);
	*s = r;
	if (len != NULL)
		*len = n;
	if (len32 != NULL)
		*len32 = (uint32_t)n;
	return at;
}

static void
conv(struct convert *c, struct convert_twin *t, char **s, size_t *len)
{
	conv_len(c, t, s, len, NULL);
}

/*
 * b's text converted, once (its twin in t; t NULL: a copy's). b keeps
 * its text's slot, told when b goes (twin_drop; 2^32 slots
 * would be 160 GiB of them).
 */
static void
conv_block(struct convert *c, struct convert_twin *t, struct block *b)
{
	size_t i, at;

	if (b->twin != 0)
		return;
	at = conv_len(c, t, &b->text, &b->len, NULL);
	if (t != NULL)
		b->twin = at != 0 ? (uint32_t)at : BLOCK_TWIN_NONE;
	if (b->fig != NULL) {
		conv(c, t, &b->fig->alt, NULL);
		conv(c, t, &b->fig->caption, NULL);
		conv(c, t, &b->fig->credit, NULL);
	}
	if (b->tab != NULL)
		for (i = 0; i < b->tab->nrows * b->tab->ncols; i++)
			conv(c, t, &b->tab->cells[i].text,
			     &b->tab->cells[i].len);
}

/* a's blocks not converted yet. */
static void
conv_blocks(struct convert *c, struct convert_twin *t, struct article *a)
{
	size_t k;

	for (k = 0; k < a->nblocks; k++)
		conv_block(c, t, &a->blocks[k]);
}

/* The article's body: each block, once. */
static void
conv_article(struct convert *c, struct convert_twin *t, struct article *a)
{
	if (a->converted)
		return;
	shelf_fetch(a); /* its text is converted where it is shown */
	a->converted = true;
	conv_blocks(c, t, a);
}

/* a's body, unless it waits in its file to be read (the marks it keeps,
 * the front page's captions, are converted when laid out there:
 * convert_shown_text). */
static void
conv_story(struct convert *c, struct convert_twin *t, struct article *a)
{
	if (!article_shelved(a))
		conv_article(c, t, a);
}

/*
 * A masthead field converted, unless it already is: a field the loader
 * has set again since (a later page brought the masthead) drops its stale
 * twin and is converted afresh.
 */
static void
conv_mast(struct convert *c, struct mast_slot *m, char **s)
{
	struct twin_slot *sl = &m->t;
	size_t n;
	char *r;

	if (sl->s != NULL && *s == m->cur)
		return;
	if (sl->s != NULL) {
		free(sl->other);
		sl->s = NULL;
	}
	if (*s == NULL || (r = convert_text(c, *s, strlen(*s), &n)) == NULL)
		return;
	sl->s = s;
	sl->len_off = 0;
	sl->other = *s;
	sl->other_len = 0;
	*s = m->cur = r;
}

/* Back and forth for a masthead field; a stale one is dropped (the loader
 * owns what it set; convert_new converts it when shown). */
static void
swap_mast(struct mast_slot *m)
{
	struct twin_slot *sl = &m->t;
	char *s;

	if (sl->s == NULL)
		return;
	if (*sl->s != m->cur) {
		free(sl->other);
		sl->s = NULL;
		return;
	}
	s = *sl->s;
	*sl->s = m->cur = sl->other;
	sl->other = s;
}

/* What the contents show of pg: its contents box, items and headlines
 * (not its title: a part of a streamed dump borrows it). */
static void
conv_page(struct convert *c, struct convert_twin *t, struct page *pg)
{
	size_t j;

	conv(c, t, &pg->contents_title, NULL);
	for (j = 0; j < pg->ncontents; j++)
		conv(c, t, &pg->contents[j].title, NULL);
	for (j = 0; j < pg->nitems; j++)
		conv_block(c, t, &pg->items[j]);
	for (j = 0; j < pg->narticles; j++) {
		struct article *a = page_article(pg, j);

		article_own_headline(a); /* the twin frees it */
		conv_len(c, t, &a->headline, NULL, &a->headline_len);
	}
}

/*
 * Convert what is not converted yet: the masthead and, of each parsed
 * page, what the front page and the contents show (titles, contents
 * entries, items, headlines; the bodies of the first page's articles,
 * whose teasers and captions the front page sets, but for those a big
 * file keeps in the file: the front page converts the few it shows, and
 * their captions as it lays them out). Other bodies wait for
 * convert_article: the first T on a 24-page issue converts a page, not
 * 24; on a one-page file of 46,000 stories, their headlines.
 */
static void
convert_new(struct convert *c, struct issue *is)
{
	struct convert_twin *t = is->twin;
	size_t i, j;

	conv_mast(c, &t->mast[MAST_TITLE], &is->title);
	conv_mast(c, &t->mast[MAST_PUBLINE], &is->publine);
	conv_mast(c, &t->mast[MAST_PUBLISHER], &is->publisher);
	conv_mast(c, &t->mast[MAST_DATE], &is->date_text);
	conv_mast(c, &t->mast[MAST_WEEKDAY], &is->weekday);
	for (i = 0; i < is->npages; i++) {
		struct page *pg = &is->pages[i];

		if (pg->pending || pg->converted)
			continue;
		pg->converted = true;
		conv(c, t, &pg->title, NULL);
		conv_page(c, t, pg);
		/* a story in its file is converted when it is read
		 * (convert_article), its captions where the front page
		 * lays them out */
		for (j = 0; i == 0 && j < pg->narticles; j++)
			conv_story(c, t, page_article(pg, j));
	}
}

/* The twin of is when it is shown converted, else NULL. */
static struct convert_twin *
issue_shown_twin(const struct issue *is)
{
	struct convert_twin *t;

	if (is == NULL || (t = is->twin) == NULL || !t->shown || t->c == NULL)
		return NULL;
	return t;
}

/* The twin of a's issue when it is shown converted, else NULL. */
static struct convert_twin *
shown_twin(const struct article *a)
{
	return a != NULL && a->page != NULL ?
	       issue_shown_twin(a->page->issue) : NULL;
}

char *
convert_shown_text(const struct issue *is, const char *s, size_t len,
                   size_t *outlen)
{
	struct convert_twin *t = issue_shown_twin(is);

	return t != NULL ? convert_text(t->c, s, len, outlen) : NULL;
}

const struct article *
convert_borrow(const struct article *a, struct article *tmp, bool alike)
{
	const struct article *b = shelf_borrow(a, tmp);

	if (b == tmp)
		convert_copy(a, tmp, alike);
	else
		convert_article(a);
	return b;
}

/* Blocks convert_copy converted, for the process. */
static unsigned long copied;

static bool
ideograph(ucs4_t c)
{
	return c >= 0x4e00 && c <= 0x9fff;
}

/* The bit of t's brought character u (its place in them, modulo
 * CONVERT_BROUGHT): listed when new, while there is room; else
 * CONVERT_BROUGHT_ANY. */
static uint32_t
brought_bit(struct convert_twin *t, ucs4_t u)
{
	size_t i;

	for (i = 0; i < t->nbrought && t->brought[i] != u; i++)
		;
	if (i == t->nbrought) {
		if (i == CONVERT_BROUGHT_MAX)
			return CONVERT_BROUGHT_ANY;
		t->brought = xgrow(t->brought, t->nbrought, sizeof *t->brought);
		t->brought[t->nbrought++] = u;
	}
	return 1u << i % CONVERT_BROUGHT;
}

static int
cmp_char(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* Each character of s, an ideograph folded (convert_fold_char), sorted
 * into *v; their count. Caller frees *v. */
static size_t
folded_set(const char *s, size_t len, uint32_t **v)
{
	const uint8_t *a = (const uint8_t *)s;
	size_t i = 0, n = 0;
	ucs4_t x;

	*v = xreallocarray(NULL, len + 1, sizeof **v);
	while (i < len) {
		i += (size_t)u8_mbtouc(&x, a + i, len - i);
		(*v)[n++] = ideograph(x) ? convert_fold_char(x) : x;
	}
	qsort(*v, n, sizeof **v, cmp_char);
	return n;
}

/* What r, the conversion of s, brings when the two do not go character
 * for character (内存 → 記憶體): a bit of t's for each character of r
 * that no character of s folds to. */
static uint32_t
brings_unaligned(struct convert_twin *t, const char *s, size_t len,
                 const char *r, size_t rlen)
{
	const uint8_t *b = (const uint8_t *)r;
	uint32_t bits = 0, *v, key;
	size_t i, nv = folded_set(s, len, &v);
	ucs4_t y;
	int n;

	for (i = 0; i < rlen; i += (size_t)n) {
		n = u8_mbtouc(&y, b + i, rlen - i);
		key = ideograph(y) ? convert_fold_char(y) : y;
		if (bsearch(&key, v, nv, sizeof *v, cmp_char) == NULL)
			bits |= brought_bit(t, y);
	}
	free(v);
	return bits;
}

/*
 * A search folded with convert_fold_char finds in s (len bytes) what it
 * finds in r, its conversion: they differ only in ideographs of the basic
 * block that the fold takes to the same character, in as many bytes (each
 * a cluster alone, or with the same marks after it: the same folded
 * bytes, mapped to the same offsets). A search not folded so finds the
 * same in both when its needle folds to no ideograph. When they differ,
 * *bits is what r brings (struct search_memo's brings): a bit of t's
 * for each character of r that stands where s has one that folds
 * otherwise, or brings_unaligned's.
 */
static bool
search_alike(struct convert_twin *t, const char *s, size_t len,
             const char *r, size_t rlen, uint32_t *bits)
{
	const uint8_t *a = (const uint8_t *)s, *b = (const uint8_t *)r;
	bool alike = true;
	size_t i = 0;
	ucs4_t x, y;
	int n;

	*bits = 0;
	while (len == rlen && i < len) {
		if ((n = u8_mbtouc(&x, a + i, len - i)) !=
		    u8_mbtouc(&y, b + i, len - i))
			break;
		if (x != y && (!ideograph(x) || !ideograph(y) ||
		               convert_fold_char(x) != convert_fold_char(y))) {
			alike = false;
			*bits |= brought_bit(t, y);
		}
		i += (size_t)n;
	}
	if (len == rlen && i == len)
		return alike;
	*bits = brings_unaligned(t, s, len, r, rlen);
	return false;
}

size_t
convert_brought(const struct issue *is, const uint32_t **chars)
{
	if (is == NULL || is->twin == NULL) {
		*chars = NULL;
		return 0;
	}
	*chars = is->twin->brought;
	return is->twin->nbrought;
}

void
convert_copy(const struct article *a, struct article *copy, bool alike)
{
	struct convert_twin *t = shown_twin(a);
	const struct search_memo *m;
	struct search_memo *learnt;
	unsigned differs = 0;
	uint32_t bits = 0, brought;
	size_t k, n;
	char *r;

	if (t == NULL)
		return;
	m = article_memo(a);
	for (k = 0; k < copy->nblocks; k++) {
		struct block *b = &copy->blocks[k];

		if (alike && m != NULL && !(m->differs >> k % 6 & 1))
			continue; /* as printed, it searches alike */
		copied++;
		if (m != NULL || b->text == NULL || b->fig != NULL ||
		    b->tab != NULL) {
			differs |= 1u << k % 6;
			if (m == NULL && b->text != NULL)
				bits |= CONVERT_BROUGHT_ANY;
			conv_block(t->c, NULL, b);
			continue;
		}
		if ((r = convert_text(t->c, b->text, b->len, &n)) == NULL)
			continue;
		if (!search_alike(t, b->text, b->len, r, n, &brought)) {
			differs |= 1u << k % 6;
			bits |= brought;
		}
		free(b->text);
		b->text = r;
		b->len = n;
	}
	if (m == NULL) {
		learnt = article_memo_set(a);
		learnt->known = true;
		learnt->differs = differs & 0x3f;
		learnt->brings = bits;
	}
}

unsigned long
convert_copied(void)
{
	return copied;
}

void
convert_part(struct convert *c, struct page *part)
{
	size_t j;

	conv_page(c, NULL, part);
	for (j = 0; j < part->narticles; j++)
		conv_blocks(c, NULL, page_article(part, j));
}

/* b, about to be freed (issue_twin_drop): its slot let go, with the
 * text it kept, for the next string converted. */
static void
twin_drop(struct convert_twin *t, struct block *b)
{
	struct twin_slot *sl;

	if (b->twin == 0 || b->twin == BLOCK_TWIN_NONE)
		return;
	sl = &t->v[b->twin - 1];
	free(sl->other);
	memset(sl, 0, sizeof *sl);
	sl->other_len = (uint32_t)t->let_go;
	t->let_go = b->twin;
	b->twin = 0;
	looked++;
}

unsigned long
convert_twin_looked(void)
{
	return looked;
}

size_t
convert_twin_slots(const struct issue *is)
{
	return is != NULL && is->twin != NULL ? is->twin->n : 0;
}

void
convert_article(const struct article *a)
{
	struct convert_twin *t = shown_twin(a);

	if (t == NULL)
		return;
	/* the same article, reached through its page (not const) */
	conv_article(t->c, t, page_article(a->page, a->index));
}

void
convert_all(struct issue *is)
{
	struct convert_twin *t;
	size_t i, j;

	if (is == NULL || (t = is->twin) == NULL || !t->shown || t->c == NULL)
		return;
	for (i = 0; i < is->npages; i++)
		for (j = 0; j < is->pages[i].narticles; j++)
			/* a story in its file: its body when it is laid
			 * out (typeset.c) */
			conv_story(t->c, t, page_article(&is->pages[i], j));
}

/* The length of *sl->s and the other string's, swapped with it. */
static void
swap_len(struct twin_slot *sl)
{
	void *at = (char *)sl->s + sl->len_off;
	uint32_t n = sl->other_len;

	if (sl->len_off == 0)
		return;
	if (sl->len32) {
		sl->other_len = *(uint32_t *)at;
		*(uint32_t *)at = n;
	} else {
		sl->other_len = (uint32_t)*(size_t *)at;
		*(size_t *)at = n;
	}
}

void
convert_show(struct convert *c, struct issue *is, bool on)
{
	struct convert_twin *t;
	size_t i;

	if (is == NULL)
		return;
	if (is->twin == NULL) {
		if (!on || c == NULL)
			return;
		is->twin = xcalloc(1, sizeof *is->twin);
		issue_twin_free = convert_twin_free;
		issue_twin_drop = twin_drop;
	}
	t = is->twin;
	if (t->shown != on) {
		for (i = 0; i < t->n; i++) {
			struct twin_slot *sl = &t->v[i];
			char *s;

			if (sl->s == NULL)
				continue; /* its block was freed */
			s = *sl->s;

			*sl->s = sl->other;
			sl->other = s;
			swap_len(sl);
		}
		for (i = 0; i < NMAST; i++)
			swap_mast(&t->mast[i]);
		t->shown = on;
	}
	if (on && c != NULL) {
		t->c = c;
		convert_new(c, is);
	}
}

bool
convert_shown(const struct issue *is)
{
	return is != NULL && is->twin != NULL && is->twin->shown;
}

void
convert_issue(struct convert *c, struct issue *is)
{
	if (c != NULL)
		convert_show(c, is, true);
}

void
convert_set_on(struct convert *c, bool on)
{
	c->on = on;
}

enum convert_script
convert_script_of(const struct convert *c)
{
	return c->script;
}

void
convert_hook(struct issue *is, void *ctx)
{
	struct convert *c = ctx;

	convert_show(c, is, c->on);
}

void
convert_twin_free(struct convert_twin *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->n; i++)
		free(t->v[i].other);
	for (i = 0; i < NMAST; i++)
		if (t->mast[i].t.s != NULL)
			free(t->mast[i].t.other);
	free(t->v);
	free(t->brought);
	free(t);
}

const char *
convert_label(enum convert_script s)
{
	static const char *const labels[] = {
	    [CONVERT_ORIGINAL] = "",       [CONVERT_TRADITIONAL] = "繁體",
	    [CONVERT_TAIWAN] = "臺灣正體", [CONVERT_HONGKONG] = "香港繁體",
	    [CONVERT_SIMPLIFIED] = "简体",
	};

	return labels[s];
}

/* --- search folding ------------------------------------------------------ */

/* Characters t2s may change: the CJK ideographs. */
static bool
is_ideograph(uint32_t u)
{
	return (u >= 0x3400 && u <= 0x4dbf) || (u >= 0x4e00 && u <= 0x9fff) ||
	       (u >= 0xf900 && u <= 0xfaff) || (u >= 0x20000 && u <= 0x3134f);
}

/*
 * The search fold: t2s character by character, each character asked of
 * OpenCC once for the process (a page of 256 code points at a time, made
 * when a character of it is first met). 0 in a slot: not asked yet.
 */
static struct {
	struct convert *c;
	bool failed;
	uint32_t *page[0x110000 >> 8];
	unsigned long asked;
} fold;

static uint32_t
fold_ask(uint32_t u)
{
	uint8_t in[4], *r;
	size_t rn;
	ucs4_t v;
	int k;

	if (!convert_fold_ready())
		return u;
	fold.asked++;
	k = u8_uctomb(in, u, sizeof in);
	if (k <= 0)
		return u;
	r = (uint8_t *)convert_text(fold.c, (const char *)in, (size_t)k, &rn);
	if (r == NULL)
		return u;
	/* one character in, one out; anything else leaves it as it is */
	if (rn > 0 && (size_t)u8_mbtouc(&v, r, rn) == rn && v != 0xfffd)
		u = v;
	free(r);
	return u;
}

uint32_t
convert_fold_char(uint32_t u)
{
	uint32_t **pg;

	if (!is_ideograph(u) || fold.failed)
		return u;
	pg = &fold.page[u >> 8];
	if (*pg == NULL)
		*pg = xcalloc(256, sizeof **pg);
	if ((*pg)[u & 0xff] == 0)
		(*pg)[u & 0xff] = fold_ask(u);
	return (*pg)[u & 0xff];
}

bool
convert_fold_ready(void)
{
	char *err = NULL;

	if (fold.c == NULL && !fold.failed) {
		fold.c = convert_open(CONVERT_SIMPLIFIED, &err);
		fold.failed = fold.c == NULL;
		free(err);
	}
	return fold.c != NULL;
}

unsigned long
convert_fold_asked(void)
{
	return fold.asked;
}
