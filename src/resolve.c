/*
 * resolve.c: the last stage of loading: links across pages. A contents
 * entry finds the article it names, a jump line (下转第N版) the article
 * that continues it. Headline matching normalises away spaces and
 * punctuation so "竞逐太空计算赛道,中国抢先“落子”" finds the article
 * whatever quote or comma form the converter produced.
 */
#include "build-config.h"

#include <stdbool.h>
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

/* Headlines are compared on their first KEY_MAX letters and digits, so a
 * hostile page's megabyte headline costs no more than a real one. */
#define KEY_MAX 128

/* Match keys made, for the process. */
static unsigned long keys_made;

/* The code points of a match key. Caller frees. */
static uint32_t *
key_points(const char *s, size_t *n)
{
	size_t len, k, i = 0;
	char *key = match_key(s, &len);
	const char *p = key;
	uint32_t *v = xcalloc(len + 1, sizeof *v);

	keys_made++;
	while (len > 0 && i < KEY_MAX) {
		k = text_next(p, len, &v[i++]);
		p += k;
		len -= k;
	}
	free(key);
	*n = i;
	return v;
}

/*
 * How alike two headlines are, 0..100. 100: the same match keys; 90: one
 * contains the other and the shorter has four characters or more (the
 * contents box shortens titles); else the share of the shorter one's
 * character pairs (bigrams) that the longer one has too, when at least
 * two pairs are shared. Papers shorten the headline over a continuation
 * in their own way: "青川芯实现量产" for "“青川芯”RISC-V处理器实现量产
 * 国产开源芯片迈入规模应用" keeps 5 of its 6 pairs (83).
 */
/* A headline's match key as code points (key_points). */
struct key {
	uint32_t *v;
	size_t n;
};

static int
score_keys(const struct key *a, const struct key *b)
{
	const uint32_t *ka = a->v, *kb = b->v;
	size_t la = a->n, lb = b->n, i, j, shared = 0;

	if (la > lb) { /* ka is the shorter */
		ka = b->v, kb = a->v;
		la = b->n, lb = a->n;
	}
	if (la == 0)
		return 0;
	if (la == lb && memcmp(ka, kb, la * sizeof *ka) == 0)
		return 100;
	for (i = 0; la >= 4 && i + la <= lb; i++)
		if (memcmp(kb + i, ka, la * sizeof *ka) == 0)
			return 90;
	for (i = 0; i + 1 < la; i++) {
		/* count each pair of the shorter once */
		for (j = 0; j < i; j++)
			if (ka[j] == ka[i] && ka[j + 1] == ka[i + 1])
				break;
		if (j < i)
			continue;
		for (j = 0; j + 1 < lb; j++)
			if (kb[j] == ka[i] && kb[j + 1] == ka[i + 1]) {
				shared++;
				break;
			}
	}
	return shared >= 2 ? (int)(shared * 89 / (la - 1)) : 0;
}

unsigned long
resolve_keys_made(void)
{
	return keys_made;
}

int
resolve_headline_score(const char *a, const char *b)
{
	struct key ka, kb;
	int r;

	ka.v = key_points(a, &ka.n);
	kb.v = key_points(b, &kb.n);
	r = score_keys(&ka, &kb);
	free(ka.v);
	free(kb.v);
	return r;
}

/* Enough alike to link with nothing else to go by (no 上接 line). */
#define SCORE_ALONE 60

/*
 * A contents entry being matched: its title's key, the page whose
 * headlines it is matched against first (SIZE_MAX: none given, or not
 * in the issue), and the best headline so far.
 */
struct want {
	struct contents_entry *e;
	struct key title;
	size_t page;
	const struct page *bp;	/* the best: story bi of page bp, or NULL */
	size_t bi;
	int score;
};

/*
 * The headlines of page pi scored against the entries w[0..n) that want
 * (wants: its page is pi, or page SIZE_MAX for all pages): each one's
 * best is the first with the highest score, at least SCORE_ALONE. Each
 * headline's key is made once and let go, not kept for every story (a
 * page of 24,000 stories held 1.8 MB of them, 76 bytes a story).
 */
static void
score_page(const struct issue *is, size_t pi, struct want *w, size_t n,
           size_t wants)
{
	const struct page *p = &is->pages[pi];
	struct key k;
	size_t i, j, len;
	int m;

	for (i = 0; i < p->narticles; i++) {
		k.v = key_points(page_headline(p, i, &len), &k.n);
		for (j = 0; j < n; j++)
			if (w[j].page == wants &&
			    (m = score_keys(&k, &w[j].title)) > w[j].score) {
				w[j].score = m;
				w[j].bp = p;
				w[j].bi = i;
			}
		free(k.v);
	}
}

void
resolve_issue(struct issue *is)
{
	struct page *p, *tp;
	struct want *w;
	size_t i, j, n = 0;
	bool all = false, *look;

	if (is == NULL)
		return;
	for (i = 0; i < is->npages; i++)
		n += is->pages[i].ncontents;
	w = xcalloc(n + 1, sizeof *w);
	look = xcalloc(is->npages + 1, sizeof *look);
	for (i = 0, n = 0; i < is->npages; i++) {
		p = &is->pages[i];
		for (j = 0; j < p->ncontents; j++, n++) {
			w[n].e = &p->contents[j];
			w[n].title.v = key_points(w[n].e->title, &w[n].title.n);
			w[n].score = SCORE_ALONE - 1;
			tp = issue_find_page(is, w[n].e->page);
			w[n].page = tp != NULL ? (size_t)(tp - is->pages)
			                       : SIZE_MAX;
			if (tp != NULL)
				look[w[n].page] = true;
			all |= tp == NULL;
		}
	}
	for (i = 0; i < is->npages; i++)
		if (look[i])
			score_page(is, i, w, n, i);
	/* The page is wrong or not given: the headline decides, over the
	 * whole issue. */
	for (j = 0; j < n; j++)
		if (w[j].bp == NULL && w[j].page != SIZE_MAX) {
			w[j].page = SIZE_MAX;
			all = true;
		}
	for (i = 0; all && i < is->npages; i++)
		score_page(is, i, w, n, SIZE_MAX);
	for (j = 0; j < n; j++) {
		w[j].e->target = w[j].bp != NULL ?
		                 page_article(w[j].bp, w[j].bi) : NULL;
		free(w[j].title.v);
	}
	free(look);
	free(w);
}

struct resolve_memo {
	const struct page *p;
	struct key *keys;	/* p->narticles; v NULL: not made yet */
};

struct resolve_memo *
resolve_memo_new(void)
{
	return xcalloc(1, sizeof(struct resolve_memo));
}

static void
memo_clear(struct resolve_memo *m)
{
	size_t i;

	for (i = 0; m->p != NULL && i < m->p->narticles; i++)
		free(m->keys[i].v);
	free(m->keys);
	m->keys = NULL;
	m->p = NULL;
}

void
resolve_memo_free(struct resolve_memo *m)
{
	if (m == NULL)
		return;
	memo_clear(m);
	free(m);
}

/* The key of p's story i: m's, made there once, or, with no m, made into
 * *tmp (the caller frees tmp->v). */
static const struct key *
story_key(const struct page *p, size_t i, struct resolve_memo *m,
          struct key *tmp)
{
	struct key *k = tmp;
	size_t len;

	if (m != NULL) {
		if (m->p != p) {
			memo_clear(m);
			m->p = p;
			m->keys = xcalloc(p->narticles + 1, sizeof *m->keys);
		}
		if ((k = &m->keys[i])->v != NULL)
			return k;
	}
	k->v = key_points(page_headline(p, i, &len), &k->n);
	return k;
}

/* Of p's stories that may (candidates, 1; else those not said to go
 * elsewhere, 0), the index of the first whose headline matches a's key
 * best, at least min, or SIZE_MAX; the first candidate's in *first. A
 * score of 100 (the same key) is the most there is: the scan stops
 * there. (Read of each story: its jump and headline, not the story.) */
static size_t
best_partner(const struct page *p, const struct key *ka, int n, int dir,
             bool candidates, int min, size_t *first,
             struct resolve_memo *memo)
{
	struct key tmp = { NULL, 0 };
	size_t i, best = SIZE_MAX;
	int m, bestm = min - 1, other;

	for (i = 0; i < p->narticles && bestm < 100; i++) {
		other = story_jump(p, i, -dir);
		if (candidates ? other != n : other > 0 && other != n)
			continue;
		if (first != NULL && *first == SIZE_MAX)
			*first = i;
		m = score_keys(story_key(p, i, memo, &tmp), ka);
		free(tmp.v);
		tmp.v = NULL;
		if (m > bestm) {
			bestm = m;
			best = i;
		}
	}
	return best;
}

/*
 * The partner of a on p, the page its jump (dir) names: the stories on p
 * whose jump the other way names a's page are candidates, the headline
 * decides among them (the first when none is alike); with none, a story
 * with no such jump elsewhere whose headline is alike enough. a's key is
 * made once, not once a story (--list of a page of 5,000 jumps into
 * another's 5,000 took 11.9 s).
 */
static size_t
find_jump_partner(const struct page *p, const struct page *from, size_t i,
                  int dir, struct resolve_memo *memo)
{
	struct key ka;
	size_t first = SIZE_MAX, best, len;

	ka.v = key_points(page_headline(from, i, &len), &ka.n);
	best = best_partner(p, &ka, from->number, dir, true, 1, &first,
	                    memo);
	if (best == SIZE_MAX && first == SIZE_MAX)
		best = best_partner(p, &ka, from->number, dir, false,
		                    SCORE_ALONE, NULL, memo);
	free(ka.v);
	return best != SIZE_MAX ? best : first;
}

struct article *
resolve_jump(const struct issue *is, const struct article *a, int page, int dir)
{
	const struct page *to;
	size_t k;

	if (a == NULL)
		return NULL;
	k = resolve_jump_memo(is, a->page, a->index, page, dir, NULL, &to);
	return k != SIZE_MAX ? page_article(to, k) : NULL;
}

size_t
resolve_jump_memo(const struct issue *is, const struct page *from, size_t i,
                  int page, int dir, struct resolve_memo *memo,
                  const struct page **to)
{
	const struct page *p;

	if (is == NULL || from == NULL || page <= 0)
		return SIZE_MAX;
	p = issue_find_page(is, page);
	if (p == NULL || p == from)
		return SIZE_MAX;
	*to = p;
	return find_jump_partner(p, from, i, dir, memo);
}

struct article *
resolve_continuation(const struct issue *is, const struct article *a)
{
	return a != NULL ? resolve_jump(is, a, a->jump_to, 1) : NULL;
}

struct article *
resolve_continued_from(const struct issue *is, const struct article *a)
{
	return a != NULL ? resolve_jump(is, a, a->jump_from, -1) : NULL;
}
