/*
 * issue.c: the model's lookups and its destructor. Plain data only: this
 * file never reads files, never parses Markdown (source-md.c does) and never
 * includes <curses.h>. Links across pages (jumps, contents entries) are
 * resolve.c's.
 */
#include "build-config.h"

#include <obstack.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "issue.h"
#include "scan.h"
#include "text.h"
#include "xmalloc.h"

/* A page of thousands of stories holds one of these each (46,439 for the
 * bench's 100 MB page): the pointers first, then the 32-bit fields; what
 * a search learns of a few (struct search_memo) kept by their page. */
_Static_assert(sizeof(void *) != 8 || sizeof(struct article) <= 56,
               "an article stays small");

void (*issue_twin_free)(struct convert_twin *t);
void (*issue_twin_drop)(struct convert_twin *t, struct block *b);

void
table_free(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->cells);
	free(t);
}

void
block_free(struct block *b)
{
	free(b->text);
	if (b->fig != NULL) {
		free(b->fig->path);
		free(b->fig->alt);
		free(b->fig->caption);
		free(b->fig->credit);
		free(b->fig);
	}
	table_free(b->tab);
}

void
blocks_free(struct block *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		block_free(&v[i]);
	free(v);
}

/* A shelved article's shelf and headline are its issue's shelf store's. */
static void
article_free(struct article *a)
{
	if (!a->headline_kept)
		free(a->headline);
	blocks_free(a->blocks, a->nblocks);
}

void
page_empty(struct page *p)
{
	size_t i;

	for (i = 0; i < p->narticles; i++)
		article_free(&p->articles[i]);
	free(p->articles);
	p->articles = NULL;
	p->narticles = 0;
	for (i = 0; i < p->nitems; i++)
		block_free(&p->items[i]);
	free(p->items);
	p->items = NULL;
	p->nitems = 0;
	free(p->contents_title);
	p->contents_title = NULL;
	for (i = 0; i < p->ncontents; i++) {
		free(p->contents[i].title);
		free(p->contents[i].page_label);
	}
	free(p->contents);
	p->contents = NULL;
	p->ncontents = 0;
	p->shelf = NULL;
	free(p->memo);
	p->memo = NULL;
	p->nmemo = 0;
}

static void
page_free(struct page *p)
{
	free(p->path);
	free(p->title);
	free(p->failed);
	page_empty(p);
}

void
issue_free(struct issue *is)
{
	size_t i;

	if (is == NULL)
		return;
	for (i = 0; i < is->npages; i++)
		page_free(&is->pages[i]);
	free(is->pages);
	free(is->path);
	free(is->title);
	free(is->title_en);
	if (is->twin != NULL)
		issue_twin_free(is->twin);
	free(is->publine);
	free(is->publisher);
	free(is->date);
	free(is->date_text);
	free(is->weekday);
	while (is->shelf != NULL) {
		struct shelf_file *f = is->shelf;

		is->shelf = f->next;
		close(f->fd);
		obstack_free(f->store, NULL);
		free(f->store);
		free(f);
	}
	free(is);
}

struct page *
issue_add_page(struct issue *is, int number, const char *path)
{
	struct page *pg;

	is->pages = xgrow(is->pages, is->npages, sizeof *is->pages);
	pg = &is->pages[is->npages++];
	memset(pg, 0, sizeof *pg);
	pg->number = number;
	pg->path = xstrdup(path);
	return pg;
}

struct page *
issue_more_page(void *is, int number)
{
	const struct issue *i = is;

	return issue_add_page(is, number, i->pages[i->npages - 1].path);
}

bool
article_is_brief(const struct article *a)
{
	size_t i;

	if (a->shelf != NULL)
		return a->shelf_brief;
	for (i = 0; i < a->nblocks; i++) {
		const char *t = a->blocks[i].text;

		if (a->blocks[i].kind != BLOCK_PARAGRAPH)
			continue;
		while (*t == ' ' || strncmp(t, "\xe3\x80\x80", 3) == 0)
			t += *t == ' ' ? 1 : 3;
		return strncmp(t, "本报讯", strlen("本报讯")) == 0 ||
		       strncmp(t, "本报电", strlen("本报电")) == 0;
	}
	return false;
}

/* Read into in turn, each given out until this many more are. */
#define HEADLINE_RING 8

static const char changed_note[] = "(its file changed since it was opened)";

/*
 * The len bytes of p's file at off into s (NUL-terminated), if they are
 * still what they were, whose text_hash is sum: a file rewritten the
 * same before them still has them (its size and time are not looked
 * at). Given out as text only once sanitising would leave it so
 * (file_text, or what shelf_mark_made makes of them).
 */
static bool
file_bytes(const struct page *p, char *s, size_t len, unsigned long long off,
           uint32_t sum)
{
	if (!file_pread(p->shelf->fd, s, len, off) ||
	    (uint32_t)text_hash(TEXT_HASH_INIT, s, len) != sum)
		return false;
	s[len] = '\0';
	return true;
}

/* file_bytes, as they are, only when sanitising would leave them. */
static bool
file_text(const struct page *p, char *s, size_t len, unsigned long long off,
          uint32_t sum)
{
	return file_bytes(p, s, len, off, sum) && text_is_sanitized(s, len);
}

/* a's headline (article_headline), a of page p. */
static const char *
headline_of(const struct article *a, const struct page *p, size_t *len)
{
	static _Thread_local char ring[HEADLINE_RING][SHELF_HEADLINE_MAX + 1];
	static _Thread_local unsigned next;
	const struct shelf *sh = a->shelf;
	char *s;

	if (a->headline != NULL || sh == NULL || sh->hlen == 0) {
		*len = a->headline != NULL ? a->headline_len : 0;
		return a->headline;
	}
	s = ring[next++ % HEADLINE_RING];
	if (!file_text(p, s, sh->hlen, (unsigned long long)sh->off + sh->hat,
	               sh->hsum)) {
		*len = sizeof changed_note - 1;
		return changed_note;
	}
	*len = sh->hlen;
	return s;
}

const char *
article_headline(const struct article *a, size_t *len)
{
	return headline_of(a, a->page, len);
}

const char *
page_headline(const struct page *p, size_t i, size_t *len)
{
	return headline_of(page_article(p, i), p, len);
}

bool
story_in_file(const struct page *pg, size_t i)
{
	return page_article(pg, i)->shelf != NULL;
}

bool
story_shelved(const struct page *pg, size_t i)
{
	return article_shelved(page_article(pg, i));
}

const struct search_memo *
story_memo(const struct page *pg, size_t i)
{
	return i < pg->nmemo && pg->memo[i].known ? &pg->memo[i] : NULL;
}

bool
story_brief(const struct page *pg, size_t i)
{
	return article_is_brief(page_article(pg, i));
}

bool
story_page_text(const struct page *pg, size_t i)
{
	return page_article(pg, i)->page_text;
}

int
story_jump(const struct page *pg, size_t i, int dir)
{
	const struct article *a = page_article(pg, i);

	return dir > 0 ? a->jump_to : a->jump_from;
}

size_t
story_nmarks(const struct page *pg, size_t i)
{
	return article_nmarks(page_article(pg, i));
}

const struct block *
story_mark(const struct page *pg, size_t i, size_t k, struct block *b,
           char *buf)
{
	return article_mark(page_article(pg, i), k, b, buf);
}

/*
 * How many bytes from buf[i], a newline, end a paragraph: the blank lines
 * after it (a CR of a CRLF line end a blank too), or 0 when the next line
 * is not after a blank one.
 */
static size_t
paragraph_gap(const char *buf, size_t i, size_t len)
{
	size_t j = i + 1, gap = 0;

	for (;;) {
		while (j < len && (buf[j] == ' ' || buf[j] == '\t' ||
		       buf[j] == '\r'))
			j++;
		if (j == len || buf[j] != '\n')
			return gap;
		gap = ++j - i;
	}
}

bool
shelf_mark_made(char *buf, size_t *len)
{
	size_t i, k = 0, n, gap;
	char *t;
	bool fits = true;
	uint32_t c;

	for (i = 0; i < *len; i++) {
		while (buf[i] == '\n' && k > 0 && (buf[k - 1] == ' ' ||
		       buf[k - 1] == '\t' || buf[k - 1] == '\r'))
			k--;
		if (buf[i] == '\n' && k > 0 &&
		    (gap = paragraph_gap(buf, i, *len)) > 0) {
			/* two paragraphs a column break cut, one again as the
			 * loader joins them (add_paragraph) */
			for (i += gap; i < *len && (buf[i] == ' ' ||
			     buf[i] == '\t'); i++)
				;
			if (i == *len)
				break;
			text_next(buf + i, *len - i, &c);
			if (text_join_needs_space(scan_last(buf, k), c))
				buf[k++] = ' ';
		}
		buf[k++] = buf[i];
	}
	if ((t = text_ascii_punct(buf, k, &n)) != NULL) {
		fits = n <= SHELF_MARK_MAX;
		if (fits) {
			memcpy(buf, t, n);
			k = n;
		}
		free(t);
	}
	buf[k] = '\0';
	*len = k;
	return fits;
}

const struct search_memo *
article_memo(const struct article *a)
{
	return a->page != NULL ? story_memo(a->page, a->index) : NULL;
}

struct search_memo *
article_memo_set(const struct article *a)
{
	struct page *p = a->page;
	size_t n = p->nmemo;

	if (a->index >= n) {
		p->nmemo = p->narticles > a->index ? p->narticles :
		           (size_t)a->index + 1;
		p->memo = xreallocarray(p->memo, p->nmemo, sizeof *p->memo);
		memset(p->memo + n, 0, (p->nmemo - n) * sizeof *p->memo);
	}
	return &p->memo[a->index];
}

size_t
article_nmarks(const struct article *a)
{
	return a->shelf != NULL ? a->shelf->nmarks : a->nblocks;
}

const struct block *
article_mark(const struct article *a, size_t k, struct block *b, char *buf)
{
	const struct shelf_mark *m;
	unsigned long long off;

	if (a->shelf == NULL)
		return &a->blocks[k];
	m = &shelf_marks(a->shelf)[k];
	memset(b, 0, sizeof *b);
	b->kind = (enum block_kind)m->kind;
	b->line = (int)m->line;
	b->jump_page = m->jump_page;
	b->jump_dir = m->jump_dir;
	b->after = m->flags & SHELF_MARK_AFTER ? a->index + 1 : 0;
	b->len = m->len;
	off = (unsigned long long)a->shelf->off + m->at;
	if (m->flags & SHELF_MARK_KEPT)
		b->text = (char *)a->shelf + m->at;
	else if (buf == NULL)
		b->text = NULL;
	else if (!(m->flags & SHELF_MARK_MADE) ?
	         file_text(a->page, buf, m->len, off, m->sum) :
	         file_bytes(a->page, buf, m->len, off, m->sum) &&
	         shelf_mark_made(buf, &b->len) &&
	         text_is_sanitized(buf, b->len))
		b->text = buf;
	else {
		b->text = (char *)changed_note;
		b->len = sizeof changed_note - 1;
	}
	return b;
}

void
article_own_headline(struct article *a)
{
	const char *h;
	size_t len;

	if (a->headline_kept) {
		a->headline = xstrndup(a->headline, a->headline_len);
		a->headline_kept = false;
	} else if (a->headline == NULL &&
	           (h = article_headline(a, &len)) != NULL) {
		a->headline = xstrndup(h, len);
		a->headline_len = (uint32_t)len;
	}
	a->headline_back = false;
}

struct page *
issue_find_page(const struct issue *is, int n)
{
	size_t lo, hi, mid;

	if (is == NULL || n <= 0)
		return NULL;
	/* Pages are sorted by number (load.c guarantees it). */
	lo = 0;
	hi = is->npages;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (is->pages[mid].number == n)
			return &is->pages[mid];
		if (is->pages[mid].number < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct story_at
issue_story_at(const struct issue *is, const struct article *a)
{
	struct story_at at = { is->npages, 0 };
	size_t i;

	for (i = 0; a != NULL && i < is->npages; i++)
		if (&is->pages[i] == a->page) {
			at.page = i;
			at.i = a->index;
			break;
		}
	return at;
}

bool
issue_story_first(const struct issue *is, int dir, struct story_at *at)
{
	size_t i;

	for (i = 0; is != NULL && i < is->npages; i++) {
		at->page = dir > 0 ? i : is->npages - 1 - i;
		if (is->pages[at->page].narticles > 0) {
			at->i = dir > 0 ? 0 : is->pages[at->page].narticles - 1;
			return true;
		}
	}
	return false;
}

bool
issue_story_step(const struct issue *is, int dir, struct story_at *at)
{
	size_t k = at->page;

	if (k >= is->npages)
		return false;
	if (dir > 0 && at->i + 1 < is->pages[k].narticles) {
		at->i++;
		return true;
	}
	if (dir < 0 && at->i > 0) {
		at->i--;
		return true;
	}
	while (dir > 0 ? ++k < is->npages : k-- > 0)
		if (is->pages[k].narticles > 0) {
			at->page = k;
			at->i = dir > 0 ? 0 : is->pages[k].narticles - 1;
			return true;
		}
	return false;
}

/* The story dir of a in is, or NULL. */
static struct article *
story_beside(const struct issue *is, const struct article *a, int dir)
{
	struct story_at at;

	if (is == NULL || a == NULL || a->page == NULL)
		return NULL;
	at = issue_story_at(is, a);
	if (!issue_story_step(is, dir, &at))
		return NULL;
	return page_article(&is->pages[at.page], at.i);
}

struct article *
issue_next_article(const struct issue *is, const struct article *a)
{
	return story_beside(is, a, 1);
}

struct article *
issue_prev_article(const struct issue *is, const struct article *a)
{
	return story_beside(is, a, -1);
}

size_t
issue_count_articles(const struct issue *is)
{
	size_t i, n = 0;

	if (is == NULL)
		return 0;
	for (i = 0; i < is->npages; i++)
		n += is->pages[i].narticles;
	return n;
}

size_t
issue_count_failed(const struct issue *is)
{
	size_t i, n = 0;

	if (is == NULL)
		return 0;
	for (i = 0; i < is->npages; i++)
		n += is->pages[i].failed != NULL;
	return n;
}

char *
issue_figure_file(const struct article *a, const struct figure *f)
{
	const char *page = a != NULL && a->page != NULL ? a->page->path : NULL;
	const char *slash;

	if (f == NULL || f->path == NULL || *f->path == '\0')
		return NULL;
	if (f->path[0] == '/' || page == NULL ||
	    (slash = strrchr(page, '/')) == NULL)
		return xstrdup(f->path);
	return xasprintf("%.*s/%s", (int)(slash - page), page, f->path);
}

size_t
page_item_slot(const struct page *p, const struct block *b)
{
	return b->after > p->narticles ? p->narticles : b->after;
}

size_t *
page_item_order(const struct page *p)
{
	size_t *count, *order, i, k, sum = 0;

	if (p->nitems == 0)
		return NULL;
	count = xcalloc(p->narticles + 2, sizeof *count);
	for (i = 0; i < p->nitems; i++)
		count[page_item_slot(p, &p->items[i]) + 1]++;
	for (k = 0; k <= p->narticles; k++) {
		sum += count[k];
		count[k] = sum; /* count[k]: where slot k begins */
	}
	order = xreallocarray(NULL, p->nitems, sizeof *order);
	for (i = 0; i < p->nitems; i++)
		order[count[page_item_slot(p, &p->items[i])]++] = i;
	free(count);
	return order;
}
