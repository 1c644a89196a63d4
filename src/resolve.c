/*
 * resolve.c: the last stage of loading: links across pages. A contents
 * entry finds the article it names, a jump line (下转第N版) the article
 * that continues it. Headline matching normalises away spaces and
 * punctuation so "竞逐太空计算赛道,中国抢先“落子”" finds the article
 * whatever quote or comma form the converter produced.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "issue.h"
#include "resolve.h"
#include "text.h"
#include "xmalloc.h"

/* Punctuation and symbols that converters spell in different ways. */
static int
skip_in_match(uint32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		         (c >= 'A' && c <= 'Z'));
	if (c == 0x3000 || (c >= 0x3001 && c <= 0x3003) ||
	    (c >= 0x3008 && c <= 0x3011) || (c >= 0x3014 && c <= 0x301f))
		return 1;
	if (c >= 0x2000 && c <= 0x206f) /* general punctuation */
		return 1;
	if (c >= 0xff01 && c <= 0xff0f) /* full-width ! to / */
		return 1;
	if ((c >= 0xff1a && c <= 0xff20) || (c >= 0xff3b && c <= 0xff40) ||
	    (c >= 0xff5b && c <= 0xff65))
		return 1;
	if (c == 0x00b7 || c == 0x30fb || c == 0x00a0)
		return 1;
	return 0;
}

/* Letters and digits only, ASCII folded to lower case. Caller frees. */
static char *
match_key(const char *s, size_t *outlen)
{
	struct buf b = {0};
	size_t len, n;
	uint32_t c;

	len = s ? strlen(s) : 0;
	while (len > 0) {
		n = text_next(s, len, &c);
		s += n;
		len -= n;
		if (skip_in_match(c))
			continue;
		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (c >= 0xff10 && c <= 0xff19) /* full-width digits */
			c = '0' + (c - 0xff10);
		else if (c >= 0xff21 && c <= 0xff3a)
			c = 'a' + (c - 0xff21);
		else if (c >= 0xff41 && c <= 0xff5a)
			c = 'a' + (c - 0xff41);
		buf_addu(&b, c);
	}
	return buf_take(&b, outlen);
}

/*
 * 2: the keys are equal; 1: one contains the other and the shorter has at
 * least 12 bytes (four CJK characters), so a contents line shortened by
 * the editor still finds its article; 0: no match.
 */
static int
headline_match(const char *a, const char *b)
{
	char *ka, *kb;
	size_t la, lb;
	int r = 0;

	ka = match_key(a, &la);
	kb = match_key(b, &lb);
	if (la == 0 || lb == 0)
		r = 0;
	else if (la == lb && memcmp(ka, kb, la) == 0)
		r = 2;
	else if (la < lb && la >= 12 && strstr(kb, ka) != NULL)
		r = 1;
	else if (lb < la && lb >= 12 && strstr(ka, kb) != NULL)
		r = 1;
	free(ka);
	free(kb);
	return r;
}

/* The article on p whose headline matches title best, or NULL. */
static struct article *
find_by_headline(const struct page *p, const char *title)
{
	struct article *best = NULL;
	size_t i;
	int m, bestm = 0;

	for (i = 0; i < p->narticles; i++) {
		m = headline_match(p->articles[i].headline, title);
		if (m > bestm) {
			bestm = m;
			best = &p->articles[i];
			if (m == 2)
				break;
		}
	}
	return best;
}

void
resolve_issue(struct issue *is)
{
	struct page *p, *tp;
	struct contents_entry *e;
	size_t i, j;

	if (is == NULL)
		return;
	for (i = 0; i < is->npages; i++) {
		p = &is->pages[i];
		for (j = 0; j < p->ncontents; j++) {
			e = &p->contents[j];
			e->target = NULL;
			tp = issue_find_page(is, e->page);
			/* No guessing: an entry whose page is absent or
			 * whose headline is not there stays unlinked. */
			if (tp != NULL)
				e->target = find_by_headline(tp, e->title);
		}
	}
}

/*
 * Among the articles of p whose field (jump_from or jump_to, picked by
 * from) names page n, the one whose headline matches a's, else the first;
 * with none, any headline match on p.
 */
static struct article *
find_jump_partner(const struct page *p, const struct article *a, int n,
                  int from)
{
	struct article *first = NULL, *c;
	size_t i;

	for (i = 0; i < p->narticles; i++) {
		c = &p->articles[i];
		if ((from ? c->jump_from : c->jump_to) != n)
			continue;
		if (headline_match(c->headline, a->headline) > 0)
			return c;
		if (first == NULL)
			first = c;
	}
	if (first != NULL)
		return first;
	return find_by_headline(p, a->headline);
}

struct article *
resolve_continuation(const struct issue *is, const struct article *a)
{
	const struct page *p;

	if (is == NULL || a == NULL || a->jump_to <= 0 || a->page == NULL)
		return NULL;
	p = issue_find_page(is, a->jump_to);
	if (p == NULL || p == a->page)
		return NULL;
	return find_jump_partner(p, a, a->page->number, 1);
}

struct article *
resolve_continued_from(const struct issue *is, const struct article *a)
{
	const struct page *p;

	if (is == NULL || a == NULL || a->jump_from <= 0 || a->page == NULL)
		return NULL;
	p = issue_find_page(is, a->jump_from);
	if (p == NULL || p == a->page)
		return NULL;
	return find_jump_partner(p, a, a->page->number, 0);
}
