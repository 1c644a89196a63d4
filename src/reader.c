/*
 * reader.c: the reading session (see reader.h). No curses here: every move
 * of the reader is a function of the issue, the place and the history, and
 * the screen only shows where it ended.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unistr.h>

#include "clock.h"
#include "dump.h"
#include "reader.h"
#include "resolve.h"
#include "shelf.h"
#include "text.h"
#include "xmalloc.h"

/* Most articles a continuous chain may join (guards a cycle of jumps). */
#define CHAIN_MAX 32

static size_t key_across(const struct reader *r, const struct article *a,
    size_t key, bool to_original);

void
reader_init(struct reader *r, const struct config *cfg, struct library *lib,
    size_t entry, int load_flags)
{
	memset(r, 0, sizeof *r);
	r->cfg = cfg;
	r->lib = lib;
	r->entry = entry;
	r->load_flags = load_flags;
	r->images = cfg != NULL && cfg->images != CONFIG_IMAGES_NONE;
}

void
reader_free(struct reader *r)
{
	/* a state not loaded may hold this session's searches */
	state_free(&r->st);
	free(r->st_key);
	free(r->lib_real);
	free(r->hist);
	free(r->needle);
	free(r->counts.needle);
	free(r->counts.v);
	free(r->msg);
	load_job_cancel(r->job);
	if (r->conv_owned) {
		load_set_hook(NULL, NULL);
		convert_close(r->conv);
	}
	memset(r, 0, sizeof *r);
}

bool
reader_open_issue(struct reader *r, char **err)
{
	if (r->lib == NULL || r->entry >= r->lib->n)
		return true;
	r->is = library_issue(r->lib, r->entry, r->load_flags, err);
	return r->is != NULL;
}

void
reader_load_state(struct reader *r, const char *path, struct buf *warn)
{
	if (state_load(&r->st, path, warn) == 0)
		r->st_loaded = true;
}

void
reader_message(struct reader *r, bool error, const char *fmt, ...)
{
	va_list ap;
	char *raw;

	va_start(ap, fmt);
	raw = xvasprintf(fmt, ap);
	va_end(ap);
	free(r->msg);
	r->msg = text_safe(raw);
	free(raw);
	r->msg_error = error;
	r->msg_no++;
}

void
reader_clear_message(struct reader *r)
{
	free(r->msg);
	r->msg = NULL;
	r->msg_error = false;
}

/* --- state ------------------------------------------------------------------ */

static char *
issue_key(const struct issue *is)
{
	char *k = realpath(is->path, NULL);

	return k != NULL ? k : xstrdup(is->path);
}

static struct state_issue *
state_for(struct reader *r)
{
	if (!r->st_loaded || r->is == NULL)
		return NULL;
	/* realpath is a readlink per path component: once per issue */
	if (r->st_key_is != r->is) {
		free(r->st_key);
		r->st_key = issue_key(r->is);
		r->st_key_is = r->is;
	}
	return state_get(&r->st, r->st_key);
}

void
reader_here(const struct reader *r, enum reader_view view,
    struct state_pos *pos)
{
	const struct article *a = r->place.a;

	pos->page = r->is && r->is->npages ? r->is->pages[0].number : 1;
	pos->article = -1;
	pos->offset = 0;
	pos->gap = false;
	if (view == READER_VIEW_ARTICLE && a != NULL) {
		pos->page = a->page->number;
		pos->article = (int)a->index;
		size_t key = key_across(r, a, r->place.key, true);

		/* an even key past the start: a blank or rule line on top */
		pos->gap = key > 0 && key % 2 == 0;
		pos->offset = key / 2;
	}
}

/* "山河科技报 第47期": how a library lists the issue after its directory's
 * name (with the issue's date first when the name does not have it). */
static char *
issue_label(const struct reader *r)
{
	const struct issue *is = r->is;
	const char *name = r->lib != NULL && r->entry < r->lib->n ?
	    r->lib->entries[r->entry].name : "";
	struct buf b = { 0 };

	if (is->date != NULL && strstr(name, is->date) == NULL)
		buf_printf(&b, "%s ", is->date);
	if (is->title != NULL)
		buf_printf(&b, "%s ", is->title);
	if (is->number > 0)
		buf_printf(&b, "第%d期 ", is->number);
	if (b.len == 0)
		return NULL;
	b.s[--b.len] = '\0';
	return buf_take(&b, NULL);
}

/* The label and count for the library's list, once every page is in (a
 * count of some pages would tell of fewer unread). */
static void
label_issue(struct reader *r, struct state_issue *si)
{
	char *label;

	if (r->is->npending == 0 && (label = issue_label(r)) != NULL) {
		state_set_label(si, label, (int)issue_count_articles(r->is));
		free(label);
	}
}

/* Article a counts as read (when positions are kept at all). */
static void
mark_read(struct reader *r, const struct article *a)
{
	struct state_issue *si;

	if (a != NULL && r->cfg->save_position &&
	    (si = state_for(r)) != NULL &&
	    state_mark_read(si, a->page->number, (int)a->index))
		label_issue(r, si);
}

void
reader_remember(struct reader *r, enum reader_view view)
{
	struct state_issue *si;

	if (!r->cfg->save_position || (si = state_for(r)) == NULL)
		return;
	label_issue(r, si);
	if (r->restore && r->moves == r->restore_moves)
		return;	/* not moved yet: the place kept stays */
	reader_here(r, view, &si->pos);
	si->pane = (int)view;
	if (si->pane == READER_VIEW_ARTICLE && si->pos.article < 0)
		si->pane = READER_VIEW_FRONT;
}

bool
reader_save(struct reader *r, enum reader_view view, char **err)
{
	*err = NULL;
	if (!r->st_loaded)
		return true;
	reader_remember(r, view);
	if (state_save(&r->st, err) != 0)
		return false;
	if (r->st.note != NULL)
		reader_message(r, false, "%s", r->st.note);
	return true;
}

static struct reader_place
place_of(const struct article *a, size_t off, bool gap)
{
	struct reader_place p = { a, gap ? 2 * off : 2 * off + 1 };

	if (off == 0 && !gap)
		p.key = 0;
	return p;
}

/* Go to a stored place: the article, or the page. */
static enum reader_move
go_to(struct reader *r, const struct state_pos *pos, bool history)
{
	const struct page *p;
	struct reader_place pl;

	if (r->is == NULL || (p = issue_find_page(r->is, pos->page)) == NULL)
		return READER_NONE;
	if (pos->article < 0)
		return reader_open_page(r, pos->page, history);
	if ((size_t)pos->article >= p->narticles)
		return READER_NONE;
	pl = place_of(page_article(p, pos->article), pos->offset, pos->gap);
	pl.key = key_across(r, pl.a, pl.key, false);
	return reader_open_place(r, &pl, history);
}

/* The state entry that holds mark k, or NULL and a message. */
static struct state_issue *
mark_entry(struct reader *r, int k)
{
	struct state_issue *si;

	if (k < 'a' || k > 'z') {
		reader_message(r, true, "Marks are the letters a to z");
		return NULL;
	}
	if ((si = state_for(r)) == NULL)
		reader_message(r, true, "Marks are not available (no state "
		    "file)");
	return si;
}

bool
reader_mark_set(struct reader *r, int k, enum reader_view view)
{
	struct state_issue *si;
	char *err = NULL;

	if ((si = mark_entry(r, k)) == NULL)
		return false;
	reader_here(r, view, state_mark(si, k - 'a'));
	si->marked |= 1u << (k - 'a');
	reader_clear_message(r);
	if (!reader_save(r, view, &err)) {
		reader_message(r, true, "cannot save the reading position: %s",
		    err ? err : "?");
		free(err);
		return false;
	}
	if (r->msg == NULL)
		reader_message(r, false, "Mark %c set", k);
	return true;
}

enum reader_move
reader_mark_go(struct reader *r, int k)
{
	struct state_issue *si;
	struct state_pos pos;
	enum reader_move m;

	if ((si = mark_entry(r, k)) == NULL)
		return READER_STAY;
	if (!(si->marked & (1u << (k - 'a')))) {
		reader_message(r, true, "Mark %c is not set", k);
		return READER_STAY;
	}
	pos = *state_mark(si, k - 'a');
	if ((m = go_to(r, &pos, true)) == READER_NONE) {
		reader_message(r, true, "Mark %c is no longer in this issue", k);
		return READER_STAY;
	}
	return m;
}

/* --- loading ---------------------------------------------------------------- */

/* The story at a's place in is, a in the part's model old; NULL when is
 * has no story there, or another one. */
static const struct article *
same_article(const struct issue *old, const struct issue *is,
    const struct article *a)
{
	const struct article *b;
	const char *ha, *hb;
	size_t i, la, lb;

	if (a == NULL || a->page < old->pages ||
	    a->page >= old->pages + old->npages)
		return NULL;
	i = (size_t)(a->page - old->pages);
	if (i >= is->npages || a->index >= is->pages[i].narticles)
		return NULL;
	b = page_article(&is->pages[i], a->index);
	ha = article_headline(a, &la);
	hb = article_headline(b, &lb);
	if ((ha == NULL) != (hb == NULL) ||
	    (ha != NULL && (la != lb || memcmp(ha, hb, la) != 0)))
		return NULL;
	return b;
}

/* load_remap: the reader's places, from the part's model to the whole. */
static void
remap(void *ctx, const struct issue *old, const struct issue *is)
{
	struct reader *r = ctx;
	size_t i, n = 0;

	for (i = 0; i < r->nhist; i++) {
		r->hist[n] = r->hist[i];
		if ((r->hist[n].a = same_article(old, is, r->hist[i].a)) != NULL)
			n++;
	}
	r->nhist = n;
	if ((r->place.a = same_article(old, is, r->place.a)) == NULL)
		r->place.key = 0;
	if (r->have_match &&
	    (r->match.a = same_article(old, is, r->match.a)) == NULL)
		r->have_match = false;
	free(r->counts.needle);
	r->counts.needle = NULL;	/* counted in the part */
	/* a move for the panes, not one of the reader's */
	if (r->restore && r->restore_moves == r->moves)
		r->restore_moves++;
	r->moves++;
}

/* After pages came in: the message of those that failed, and the state. */
static void
loaded(struct reader *r, int rc, char *err)
{
	struct state_issue *si;

	if (rc != 0) {
		reader_message(r, true, "%s", err != NULL ? err :
		    "a page failed");
		free(err);
	}
	/* every page in: the library's list may count this issue now */
	if (r->cfg->save_position && r->is->npending == 0 &&
	    (si = state_for(r)) != NULL)
		label_issue(r, si);
}

bool
reader_load_rest(struct reader *r)
{
	char *err = NULL;
	int rc;

	if (r->job != NULL) {
		struct load_job *job = r->job;

		r->job = NULL;
		rc = load_job_finish(job, remap, r, &err);
	} else if (r->is == NULL || r->is->npending == 0)
		return false;
	else
		rc = issue_load_pages(r->is, &err);
	loaded(r, rc, err);
	return true;
}

bool
reader_load_start(struct reader *r)
{
	if (r->job != NULL || r->is == NULL || r->is->npending == 0)
		return false;
	if (r->is->partial && (r->job = load_job_start(r->is)) != NULL)
		return false;
	return reader_load_rest(r);
}

bool
reader_load_poll(struct reader *r)
{
	return load_job_done(r->job) && reader_load_rest(r);
}

bool
reader_loading(const struct reader *r)
{
	return r->job != NULL;
}

bool
reader_rest_coming(const struct reader *r)
{
	return r->job != NULL ||
	       (r->is != NULL && r->is->partial && r->is->npending > 0);
}

static void
forget_issue(struct reader *r)
{
	memset(&r->place, 0, sizeof r->place);
	r->nhist = 0;
	r->have_match = false;
	r->moves++;
}

bool
reader_open_entry(struct reader *r, size_t i, enum reader_view view)
{
	struct issue *is;
	char *err = NULL;

	if (r->lib == NULL || i >= r->lib->n)
		return false;
	if (i == r->entry && r->is != NULL)
		return true;
	/* another issue: the read of this one's rest stops (and starts
	 * again when it is opened again) */
	load_job_cancel(r->job);
	r->job = NULL;
	is = library_issue(r->lib, i, r->load_flags, &err);
	if (is == NULL) {
		reader_message(r, true, "%s", err ? err :
		    "cannot open the issue");
		free(err);
		return false;
	}
	reader_remember(r, view);
	r->restore = false;
	r->entry = i;
	r->is = is;
	/* an issue opened before may be in the other script */
	if (r->conv != NULL)
		convert_show(r->conv, is, r->converted);
	forget_issue(r);
	return true;
}

/* Story index of page, in a big file's first part (is): not its last
 * story, which the part may end early. */
static bool
article_in_part(const struct issue *is, int page, size_t index)
{
	const struct page *p = issue_find_page(is, page);

	return p != NULL && (index + 1 < p->narticles ||
	    (p != &is->pages[is->npages - 1] && index < p->narticles));
}

/* The story si keeps the reader at, in a big file's first part. */
static bool
in_part(const struct issue *is, const struct state_issue *si)
{
	return si->pane == READER_VIEW_ARTICLE && si->pos.article >= 0 &&
	    article_in_part(is, si->pos.page, (size_t)si->pos.article);
}

/* -p page [-a article]: page's first article, or that one, with a message
 * when it is not there. */
static enum reader_move
start_at(struct reader *r, int page, int article)
{
	const struct page *p = issue_find_page(r->is, page);
	enum reader_move m;

	if (p == NULL) {
		reader_message(r, true, "page %d is not in this issue", page);
		return READER_FRONT;
	}
	if (article > 0) {
		if ((size_t)article > p->narticles) {
			reader_message(r, true, "page %d has no article %d",
			    page, article);
			return READER_FRONT;
		}
		return reader_open(r, page_article(p, article - 1), false);
	}
	m = reader_open_page(r, page, false);
	return m == READER_STAY ? READER_FRONT : m;
}

enum reader_move
reader_restore(struct reader *r)
{
	enum reader_move m;

	if (!r->restore || reader_loading(r))
		return READER_NONE;
	r->restore = false;
	if (r->moves != r->restore_moves)
		return READER_NONE;
	if (r->restore_page > 0) {
		m = start_at(r, r->restore_page, r->restore_article);
		return m == READER_FRONT ? READER_NONE : m;
	}
	if (r->restore_pane == READER_VIEW_CONTENTS)
		return READER_CONTENTS;
	if (r->restore_pane != READER_VIEW_ARTICLE ||
	    r->restore_pos.article < 0)
		return READER_NONE;
	m = go_to(r, &r->restore_pos, false);
	return m == READER_ARTICLE ? m : READER_NONE;
}

void
reader_restore_drop(struct reader *r)
{
	r->restore = false;
}

enum reader_move
reader_start(struct reader *r, int page, int article)
{
	struct state_issue *si = NULL;
	enum reader_move m;

	if (r->is == NULL)
		return READER_CONTENTS;
	if (r->cfg->save_position)
		si = state_for(r);
	/* Anywhere but the front page needs the whole issue first; a big
	 * file's first part does for a story in it, else the front page
	 * shows while the rest is read, and the place is taken after. */
	if (r->is->partial && (page > 0 ? !article_in_part(r->is, page,
	    article > 0 ? (size_t)article - 1 : 0) : si != NULL &&
	    si->pane != READER_VIEW_FRONT && !in_part(r->is, si))) {
		r->restore = true;
		r->restore_page = page;
		r->restore_article = article;
		if (si != NULL) {
			r->restore_pos = si->pos;
			r->restore_pane = si->pane;
		}
		r->restore_moves = r->moves;
		return READER_FRONT;
	}
	if (!r->is->partial && (page > 0 || (si != NULL &&
	    si->pane != READER_VIEW_FRONT)))
		reader_load_rest(r);
	if (page > 0)
		return start_at(r, page, article);
	if (si == NULL)
		return READER_FRONT;
	if (si->pane == READER_VIEW_ARTICLE && si->pos.article >= 0) {
		m = go_to(r, &si->pos, false);
		return m == READER_ARTICLE ? m : READER_FRONT;
	}
	return si->pane == READER_VIEW_CONTENTS ? READER_CONTENTS :
	    READER_FRONT;
}

/* --- moving ------------------------------------------------------------------ */

static void
push_history(struct reader *r)
{
	if (r->place.a == NULL)
		return;
	if (r->nhist == READER_HISTORY) {
		/* full: the oldest place goes */
		memmove(r->hist, r->hist + 1, --r->nhist * sizeof *r->hist);
	} else if (r->nhist == r->caphist) {
		r->caphist = r->caphist ? r->caphist * 2 : 16;
		if (r->caphist > READER_HISTORY)
			r->caphist = READER_HISTORY;
		r->hist = xreallocarray(r->hist, r->caphist, sizeof *r->hist);
	}
	r->hist[r->nhist++] = r->place;
}

enum reader_move
reader_open_place(struct reader *r, const struct reader_place *p,
    bool history)
{
	if (p->a == NULL)
		return READER_STAY;
	if (history)
		push_history(r);
	r->place = *p;
	r->moves++;
	mark_read(r, p->a);
	return READER_ARTICLE;
}

enum reader_move
reader_open(struct reader *r, const struct article *a, bool history)
{
	struct reader_place p = { a, 0 };

	return reader_open_place(r, &p, history);
}

void
reader_scrolled(struct reader *r, const struct article *a, size_t key)
{
	if (a != r->place.a)
		mark_read(r, a);	/* reached in a whole page, a chain */
	r->place.a = a;
	r->place.key = key;
}

/* Page n of the issue, or NULL after saying why it cannot be shown: not in
 * the issue, or it could not be read. */
static const struct page *
usable_page(struct reader *r, int n)
{
	const struct page *pg = r->is != NULL ? issue_find_page(r->is, n) :
	    NULL;

	if (pg == NULL)
		reader_message(r, true, "Page %d is not in this issue", n);
	else if (pg->failed != NULL)
		reader_message(r, true, "%s", pg->failed);
	else
		return pg;
	return NULL;
}

enum reader_move
reader_open_page(struct reader *r, int n, bool history)
{
	const struct page *pg = usable_page(r, n);

	if (pg == NULL)
		return READER_STAY;
	/* The front page is a pane of its own, wherever it is asked for. */
	if (pg == &r->is->pages[0])
		return READER_FRONT;
	if (pg->narticles == 0) {
		reader_message(r, false, "Page %d has no articles", n);
		return READER_STAY;
	}
	return reader_open(r, page_article(pg, 0), history);
}

/*
 * A jump whose story is not found on its page still turns to that page,
 * as a reader of paper does: its first article, and the status line says
 * so. Shared by c and Enter, so the hint, c and the jump line agree.
 */
static enum reader_move
turn_to_page(struct reader *r, int n, int dir)
{
	const struct page *pg;

	if (n <= 0) {
		reader_message(r, true, "The jump names no page");
		return READER_STAY;
	}
	if ((pg = usable_page(r, n)) == NULL)
		return READER_STAY;
	if (pg->narticles == 0) {
		reader_message(r, true, "Page %d has no articles: no %s found "
		    "there", n, dir > 0 ? "continued story" :
		    "start of this story");
		return READER_STAY;
	}
	reader_open(r, page_article(pg, 0), true);
	reader_message(r, false, dir > 0 ?
	    "No continued story found on page %d: its first article" :
	    "The start of this story was not found on page %d: its first "
	    "article", n);
	return READER_ARTICLE;
}

void
reader_contents_note(struct reader *r, const struct article *a, int said)
{
	if (said > 0 && a->page->number != said)
		reader_message(r, false, "contents said %02d版; the story is on "
		    "%02d版", said, a->page->number);
	else if (said < 0)
		reader_message(r, false, "contents gave no page; the story is "
		    "on %02d版", a->page->number);
}

enum reader_move
reader_follow_jump(struct reader *r, const struct article *a, int n,
    int dir)
{
	const struct article *to = r->is != NULL ?
	    resolve_jump(r->is, a, n, dir) : NULL;

	if (to != NULL)
		return reader_open(r, to, true);
	return turn_to_page(r, n, dir);
}

/* The next (dir > 0) or previous page with articles after pg. */
static const struct page *
page_with_articles(const struct issue *is, const struct page *pg, int dir)
{
	size_t k = (size_t)(pg - is->pages);

	if (dir > 0) {
		for (k = k + 1; k < is->npages; k++)
			if (is->pages[k].narticles > 0)
				return &is->pages[k];
		return NULL;
	}
	while (k-- > 0)
		if (is->pages[k].narticles > 0)
			return &is->pages[k];
	return NULL;
}

const struct state_issue *
reader_entry_state(struct reader *r, size_t i)
{
	char *key;
	const struct state_issue *si;

	if (!r->st_loaded || r->lib == NULL || i >= r->lib->n)
		return NULL;
	if (r->lib_real == NULL && (r->lib_real = realpath(r->lib->path,
	    NULL)) == NULL)
		r->lib_real = xstrdup(r->lib->path);
	key = r->lib->single ? xstrdup(r->lib_real) :
	    xasprintf("%s/%s", r->lib_real, r->lib->entries[i].name);
	si = state_peek(&r->st, key);
	free(key);
	return si;
}

/* The first article not read of r->is from a on (a itself when self;
 * from the first when a is NULL). */
static const struct article *
unread_from(struct reader *r, const struct article *a, bool self)
{
	struct state_issue *si = state_for(r);
	struct story_at at;
	bool on;

	if (a == NULL) {
		on = issue_story_first(r->is, 1, &at);
	} else {
		at = issue_story_at(r->is, a);
		on = at.page < r->is->npages &&
		    (self || issue_story_step(r->is, 1, &at));
	}
	for (; on; on = issue_story_step(r->is, 1, &at)) {
		const struct page *pg = &r->is->pages[at.page];

		if (si == NULL || !state_is_read(si, pg->number, (int)at.i))
			return page_article(pg, at.i);
	}
	return NULL;
}

enum reader_move
reader_next_unread(struct reader *r, enum reader_view view, bool *other)
{
	const struct state_issue *si;
	const struct article *a;
	size_t i, k;

	*other = false;
	if (r->is != NULL && (a = unread_from(r, r->place.a, false)) != NULL)
		return reader_open(r, a, true);
	/* on through the library (from the first after the last): an issue
	 * never opened, or one whose articles are not all read */
	for (k = 1; r->lib != NULL && !r->lib->single && k < r->lib->n; k++) {
		i = (r->entry + k) % r->lib->n;
		si = reader_entry_state(r, i);
		if (si != NULL && si->label != NULL &&
		    state_count_read(si) >= (size_t)si->articles)
			continue;
		if (!reader_open_entry(r, i, view))
			continue;
		*other = true;
		if ((a = unread_from(r, NULL, true)) != NULL)
			return reader_open(r, a, false);
	}
	reader_message(r, false, "No unread article after this one");
	return *other ? READER_FRONT : READER_STAY;
}

enum reader_move
reader_step(struct reader *r, enum action act)
{
	const struct article *cur = r->place.a, *to, *t;
	const struct page *pg, *p;
	unsigned long n = r->count > 0 ? r->count : 1, i;
	bool next;

	if (act == ACTION_BACK) {
		if (r->nhist == 0)
			return READER_NONE;
		r->nhist--;
		r->place = r->hist[r->nhist];
		r->moves++;
		return READER_ARTICLE;
	}
	if (act != ACTION_NEXT_ARTICLE && act != ACTION_PREV_ARTICLE &&
	    act != ACTION_NEXT_PAGE && act != ACTION_PREV_PAGE &&
	    act != ACTION_CONTINUE)
		return READER_NONE;
	if (r->is == NULL)
		return READER_STAY;
	if (cur == NULL) {
		struct story_at at;

		/* Nothing read yet: the first article of the issue. */
		if (!issue_story_first(r->is, 1, &at)) {
			reader_message(r, false, "This issue has no articles");
			return READER_STAY;
		}
		return reader_open(r, page_article(&r->is->pages[at.page],
		    at.i), false);
	}
	switch (act) {
	case ACTION_CONTINUE:
		/* The hint shows 下转 exactly when jump_to is set: c then
		 * always goes to that page. */
		if (cur->jump_to <= 0) {
			reader_message(r, false, "This article is not continued");
			return READER_STAY;
		}
		return reader_follow_jump(r, cur, cur->jump_to, 1);
	case ACTION_NEXT_ARTICLE:
	case ACTION_PREV_ARTICLE:
		/* a count (3]) goes that many on, or as far as there are */
		next = act == ACTION_NEXT_ARTICLE;
		for (to = NULL, t = cur, i = 0; i < n; i++) {
			t = next ? issue_next_article(r->is, t) :
			    issue_prev_article(r->is, t);
			if (t == NULL)
				break;
			to = t;
		}
		if (to == NULL) {
			reader_message(r, false, next ?
			    "This is the last article" :
			    "This is the first article");
			return READER_STAY;
		}
		return reader_open(r, to, true);
	default:
		/* Previous page means the page before, as the help says,
		 * from any article of this one. */
		next = act == ACTION_NEXT_PAGE;
		for (pg = NULL, p = cur->page, i = 0; i < n; i++) {
			if ((p = page_with_articles(r->is, p, next ? 1 : -1)) ==
			    NULL)
				break;
			pg = p;
		}
		if (pg == NULL) {
			reader_message(r, false, next ? "This is the last page" :
			    "This is the first page");
			return READER_STAY;
		}
		return reader_open(r, page_article(pg, 0), true);
	}
}

/* --- search ------------------------------------------------------------------ */

/* Whether the needle finds the same in a block as printed as in its
 * conversion, when convert_copy says they search alike: folded with
 * OpenCC's t2s, or folding to no ideograph (its folded bytes are all
 * below an ideograph's first). */
static bool
needle_alike(const char *needle, text_char_fold *cf)
{
	struct text_folded f;
	bool alike = true;
	size_t i;

	if (cf != NULL)
		return true;
	text_fold_with(&f, needle, strlen(needle), NULL);
	for (i = 0; i < f.len && alike; i++)
		alike = (unsigned char)f.s[i] < 0xe3;
	text_folded_free(&f);
	return alike;
}

/*
 * A search under way: its fold and whether its needle finds the same in
 * blocks kept as printed (needle_alike), both made once; when it began
 * and last said how far it was (ms, clock.h); HERALD_SEARCH_PAUSE's wait
 * after each story.
 */
struct search_run {
	text_char_fold *cf;
	bool alike;
	long start, last;
	unsigned pause;
	bool stopped;
	/* the needle's ideographs, which a story kept in its file must
	 * have in its bytes to be read back and looked at: shown as
	 * printed, or converted when a search found its blocks search
	 * alike as printed (convert_copy; its headline, converted, is
	 * looked at as it is) */
	struct text_need need;
	bool converted;
	/* of the characters conversions have brought (convert_brought),
	 * the first nbrought looked at: bit i set for one that folds to
	 * one of the needle's ideographs */
	uint32_t brings;
	size_t nbrought;
};

static void
search_begin(struct reader *r, struct search_run *s)
{
	const char *p = getenv("HERALD_SEARCH_PAUSE");
	unsigned long ms = p != NULL ? strtoul(p, NULL, 10) : 0;

	s->cf = reader_search_fold(r);
	s->alike = needle_alike(r->needle, s->cf);
	s->need.n = 0;
	s->converted = r->converted;
	s->brings = 0;
	s->nbrought = 0;
	if (!r->converted || s->alike)
		text_need_of(&s->need, r->needle, strlen(r->needle), s->cf);
	s->start = s->last = clock_ms();
	s->pause = ms <= 60000 ? (unsigned)ms : 0;
	s->stopped = false;
}

/* Between stories, done of total looked at: whether the search goes on
 * (the reader's tick, past READER_TICK_FIRST_MS, may stop it). */
static bool
search_goes_on(struct reader *r, struct search_run *s, size_t done,
    size_t total, bool counting)
{
	long now;

	if (s->pause > 0) {
		struct timespec ts = { s->pause / 1000,
		    (long)(s->pause % 1000) * 1000000 };

		nanosleep(&ts, NULL);
	}
	if (s->stopped || r->search_tick == NULL)
		return !s->stopped;
	now = clock_ms();
	if (now - s->start < READER_TICK_FIRST_MS ||
	    now - s->last < READER_TICK_MS)
		return true;
	s->last = now;
	s->stopped = !r->search_tick(r->search_tick_ctx, done, total,
	    counting);
	return !s->stopped;
}

static bool
may_hold(void *ctx, const char *bytes, size_t len)
{
	const struct search_run *s = ctx;

	return text_may_hold(&s->need, bytes, len, s->cf);
}

/* Whether a story whose memo is m, converted, may bring one of s's
 * needle's ideographs where its bytes as printed hold none
 * (convert_brought of is). */
static bool
brings_need(const struct issue *is, const struct search_memo *m,
    struct search_run *s)
{
	const uint32_t *v;
	size_t n = convert_brought(is, &v);

	for (; s->nbrought < n; s->nbrought++) {
		uint8_t u[6];
		int len = u8_uctomb(u, v[s->nbrought], sizeof u);
		struct text_need nd;
		size_t i, j;

		if (len <= 0)
			continue;
		text_need_of(&nd, (const char *)u, (size_t)len, s->cf);
		for (i = 0; i < nd.n; i++)
			for (j = 0; j < s->need.n; j++)
				if (nd.c[i] == s->need.c[j])
					s->brings |= 1u << s->nbrought %
					    CONVERT_BROUGHT;
	}
	return (m->brings & (s->brings | CONVERT_BROUGHT_ANY)) != 0;
}

/* Whether story i of pg may hold a match of s's needle: not when it is
 * kept in its file and its bytes there lack one of the needle's
 * ideographs (it is not read back, parsed, converted and folded to be
 * looked at), and, shown converted, its conversion brings none of them.
 * Only one shown converted is made to be asked (its headline is its
 * own, converted: conv_page). */
static bool
search_may(const struct page *pg, size_t i, struct search_run *s)
{
	const struct search_memo *m;
	const struct article *a;

	if (s->need.n == 0)
		return true;
	if (!story_shelved(pg, i))
		return true;
	if (s->converted) {
		if ((m = story_memo(pg, i)) == NULL ||
		    brings_need(pg->issue, m, s))
			return true;
		a = page_article(pg, i);
		if (a->headline != NULL &&
		    text_may_hold(&s->need, a->headline, a->headline_len,
		                  s->cf))
			return true;
	}
	return story_bytes_may(pg, i, may_hold, (void *)s);
}

/*
 * The first match in a, story's text (convert_borrow) (dir > 0: starting at
 * or after from; dir < 0: the last one starting before from). Returns its
 * start and end offsets.
 */
static bool
search_in(const struct article *a, const char *needle, text_char_fold *cf,
    int dir, size_t from, size_t *ms, size_t *me)
{
	size_t base = 0, i;
	bool found = false;

	for (i = 0; i <= a->nblocks; i++) {
		const char *text = i == 0 ? a->headline : a->blocks[i - 1].text;
		size_t len = i == 0 ? a->headline_len : a->blocks[i - 1].len;
		struct text_folded f;
		size_t s, e, at = 0;

		if (text == NULL || len == 0) {
			base += len;
			continue;
		}
		if (dir > 0 && base + len <= from) {
			base += len;
			continue;
		}
		if (dir < 0 && base >= from)
			break;
		text_fold_with(&f, text, len, cf);
		if (dir > 0 && from > base)
			at = from - base;
		while (text_search(&f, needle, at, &s, &e)) {
			if (dir < 0 && base + s >= from)
				break;
			*ms = base + s;
			*me = base + e;
			found = true;
			if (dir > 0)
				break;
			at = s + 1;
			if (at > len)
				break;
		}
		text_folded_free(&f);
		if (found && dir > 0)
			break;
		base += len;
	}
	return found;
}

/* search_in story i of pg, looked at once. */
static bool
search_article(const struct page *pg, size_t i, const char *needle,
    struct search_run *s, int dir, size_t from, size_t *ms,
    size_t *me)
{
	const struct article *story;
	struct article tmp;
	bool found;

	if (!search_may(pg, i, s))
		return false;
	story = page_article(pg, i);
	found = search_in(convert_borrow(story, &tmp, s->alike), needle, s->cf,
	                  dir, from, ms, me);
	shelf_return(story, &tmp);
	return found;
}

/* Is b in the continuous chain a is shown in (the same laid-out text)? */
static bool
same_story(const struct reader *r, const struct article *a,
    const struct article *b)
{
	const struct article *x;
	int n;

	if (a == b)
		return true;
	if (a == NULL || !r->cfg->continuous || r->is == NULL)
		return false;
	for (x = a, n = 0; x != NULL && n < CHAIN_MAX; n++)
		if ((x = resolve_continuation(r->is, x)) == b)
			return true;
	for (x = a, n = 0; x != NULL && n < CHAIN_MAX; n++)
		if ((x = resolve_continued_from(r->is, x)) == b)
			return true;
	return false;
}

/* The matches of the needle in story i of pg that start before the
 * offset to. */
static size_t
matches_in(struct reader *r, const struct page *pg, size_t i,
    struct search_run *run, size_t to)
{
	struct article tmp;
	const struct article *a, *b;
	size_t n = 0, from, s, e;

	if (!search_may(pg, i, run))
		return 0;
	a = page_article(pg, i);
	b = convert_borrow(a, &tmp, run->alike);
	/* read back (and converted) once for all its matches */
	for (from = 0; search_in(b, r->needle, run->cf, 1, from, &s, &e) &&
	    s < to; from = s + 1)
		n++;
	shelf_return(a, &tmp);
	return n;
}

/* The needle the counts were made for, folded, begins the needle folded
 * (a letter typed on, as incsearch does): a story with no match of the
 * one has none of the other. */
static bool
needle_goes_on(const char *was, const char *now, text_char_fold *cf)
{
	struct text_folded x, y;
	bool on;

	text_fold_with(&x, was, strlen(was), cf);
	text_fold_with(&y, now, strlen(now), cf);
	on = x.len <= y.len && memcmp(x.s, y.s, x.len) == 0;
	text_folded_free(&x);
	text_folded_free(&y);
	return on;
}

/* The matches of every article, in issue order, unless they were counted
 * for this needle, issue and script already; for a needle typed on from
 * the one counted, only in the stories that had a match (a big file's
 * stories are read back, and converted, to be searched). false when the
 * tick stopped it: nothing counted is kept. */
static bool
count_all(struct reader *r, struct search_run *s)
{
	struct story_at at;
	size_t k, total = issue_count_articles(r->is);
	bool same = r->counts.needle != NULL && r->counts.is == r->is &&
	    r->counts.converted == r->converted && r->counts.n == total;
	bool narrow, on;

	if (same && strcmp(r->counts.needle, r->needle) == 0)
		return true;	/* at every n: nothing folded */
	narrow = same && needle_goes_on(r->counts.needle, r->needle, s->cf);
	free(r->counts.needle);
	r->counts.needle = xstrdup(r->needle);
	r->counts.is = r->is;
	r->counts.converted = r->converted;
	r->counts.v = xreallocarray(r->counts.v, total + 1, sizeof *r->counts.v);
	r->counts.n = total;
	r->counts.looked = 0;
	on = issue_story_first(r->is, 1, &at);
	for (k = 0; k < total; k++) {
		if (!search_goes_on(r, s, k, total, true)) {
			free(r->counts.needle);
			r->counts.needle = NULL;
			return false;
		}
		if (!narrow || r->counts.v[k] > 0) {
			r->counts.v[k] = on ? matches_in(r,
			    &r->is->pages[at.page], at.i, s, SIZE_MAX) : 0;
			r->counts.looked++;
		}
		on = on && issue_story_step(r->is, 1, &at);
	}
	return true;
}

/* How many matches of the needle the issue has, and which of them the one
 * at ms in hit is (the status line's "match 3/17"); in the order n takes. */
static void
count_matches(struct reader *r, const struct article *hit, size_t ms,
    struct search_run *s)
{
	struct story_at at = issue_story_at(r->is, hit);
	size_t k, n = at.i, before = 0;

	r->match_total = 0;
	r->match_no = 0;
	if (!count_all(r, s)) {
		r->search_stopped = true; /* the match, not its number */
		return;
	}
	for (k = 0; k < r->counts.n; k++)
		r->match_total += r->counts.v[k];
	if (at.page >= r->is->npages)
		return;
	/* hit is story n of the issue */
	for (k = 0; k < at.page; k++)
		n += r->is->pages[k].narticles;
	for (k = 0; k < n && k < r->counts.n; k++)
		before += r->counts.v[k];
	if (n < r->counts.n)
		r->match_no = before + matches_in(r, &r->is->pages[at.page],
		    at.i, s, ms) + 1;
}

/* Record a match at ms in a and go there. */
static enum reader_move
show_match(struct reader *r, const struct article *a, size_t ms,
    struct search_run *s)
{
	struct reader_place pl = { a, 2 * ms + 1 };

	count_matches(r, a, ms, s);
	r->match.a = a;
	r->match.key = ms;
	r->have_match = true;
	return reader_open_place(r, &pl, !same_story(r, r->place.a, a));
}

enum reader_move
reader_search(struct reader *r, int dir)
{
	const struct issue *is = r->is;
	struct story_at start, at;
	size_t from, ms = 0, me = 0, n, total;
	struct search_run s;

	r->search_stopped = false;
	if (is == NULL || r->needle == NULL || *r->needle == '\0')
		return READER_NONE;
	if (r->place.a == NULL ||
	    (start = issue_story_at(is, r->place.a)).page >= is->npages) {
		/* Nothing read yet: from the start (or the end) of the issue. */
		if (!issue_story_first(is, dir < 0 ? -1 : 1, &start))
			return READER_NONE;
		from = dir < 0 ? SIZE_MAX : 0;
	} else if (dir != 0 && r->have_match && r->match.a == r->place.a)
		from = dir > 0 ? r->match.key + 1 : r->match.key;
	else
		from = r->place.key / 2;
	if (dir == 0)
		dir = 1;
	search_begin(r, &s);
	if (search_article(&is->pages[start.page], start.i, r->needle, &s, dir,
	    from, &ms, &me))
		return show_match(r, page_article(&is->pages[start.page],
		    start.i), ms, &s);
	total = issue_count_articles(is);
	at = start;
	for (n = 0; n < total; n++) {
		if (!search_goes_on(r, &s, n, total, false)) {
			r->search_stopped = true;
			reader_clear_message(r);
			return READER_NONE;
		}
		if (!issue_story_step(is, dir, &at)) {
			issue_story_first(is, dir, &at);
			reader_message(r, false, dir > 0 ?
			    "Search wrapped to the first page" :
			    "Search wrapped to the last page");
		}
		if (search_article(&is->pages[at.page], at.i, r->needle, &s,
		    dir, dir > 0 ? 0 : SIZE_MAX, &ms, &me))
			return show_match(r, page_article(&is->pages[at.page],
			    at.i), ms, &s);
		if (at.page == start.page && at.i == start.i)
			break;
	}
	reader_clear_message(r);
	return READER_NONE;
}

text_char_fold *
reader_search_fold(const struct reader *r)
{
	const unsigned char *p;

	if (r->needle == NULL)
		return NULL;
	/* Only a needle with characters from U+3400 up can need it: a
	 * Latin search never loads OpenCC. */
	for (p = (const unsigned char *)r->needle; *p != '\0'; p++)
		if (*p >= 0xe3)
			return convert_fold_ready() ? convert_fold_char : NULL;
	return NULL;
}

/* --- 简⇄繁 --------------------------------------------------------------- */

void
reader_set_script(struct reader *r, struct convert *conv,
    enum convert_script script)
{
	r->conv = conv;
	r->conv_owned = false;
	r->script = script == CONVERT_ORIGINAL ? CONVERT_TRADITIONAL : script;
	r->converted = conv != NULL && script != CONVERT_ORIGINAL;
}

/*
 * A place in an article's text that another script keeps: the piece (0
 * the headline, i + 1 block i), the sentence in it, and the character in
 * that sentence out of how many. OpenCC converts words, never the
 * sentence ends, so the sentence is found again; inside it a character
 * is the same one when the counts agree (s2t, t2s), else as far through.
 */
struct spot {
	size_t	piece, sentence, ch, nch;
	bool	end;		/* the end of the piece (a blank line after it) */
};

static const char *
piece_of(const struct article *a, size_t i, size_t *len)
{
	if (i == 0) {
		*len = a->headline != NULL ? a->headline_len : 0;
		return a->headline;
	}
	*len = a->blocks[i - 1].text != NULL ? a->blocks[i - 1].len : 0;
	return a->blocks[i - 1].text;
}

static bool
sentence_end(const char *s, size_t n)
{
	return (n == 1 && (*s == '\n' || *s == '!' || *s == '?')) ||
	    (n == 3 && (memcmp(s, "\xe3\x80\x82", 3) == 0 ||	/* 。 */
	    memcmp(s, "\xef\xbc\x81", 3) == 0 ||		/* ！ */
	    memcmp(s, "\xef\xbc\x9f", 3) == 0 ||		/* ？ */
	    memcmp(s, "\xef\xbc\x9b", 3) == 0));		/* ； */
}

/* Bytes of the UTF-8 character at s (at most n). */
static size_t
char_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	size_t k = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;

	return k < n ? k : n;
}

/* The spot of offset off in piece text[0, len). */
static void
spot_in(const char *text, size_t len, size_t off, struct spot *sp)
{
	size_t i = 0, k, start = 0;

	sp->sentence = 0;
	sp->ch = 0;
	for (; i < len && i < off; i += k) {
		k = char_len(text + i, len - i);
		sp->ch++;
		if (sentence_end(text + i, k)) {
			sp->sentence++;
			sp->ch = 0;
			start = i + k;
		}
	}
	sp->nch = 0;
	for (i = start; i < len; i += k) {
		k = char_len(text + i, len - i);
		sp->nch++;
		if (sentence_end(text + i, k))
			break;
	}
}

/* The offset in piece text[0, len) of sp. */
static size_t
spot_offset(const char *text, size_t len, const struct spot *sp)
{
	size_t i = 0, k, start = 0, m = 0, n = 0, ch;

	if (sp->end)
		return len;
	for (; i < len && m < sp->sentence; i += k) {
		k = char_len(text + i, len - i);
		if (sentence_end(text + i, k)) {
			m++;
			start = i + k;
		}
	}
	for (i = start; i < len; i += k) {
		k = char_len(text + i, len - i);
		n++;
		if (sentence_end(text + i, k))
			break;
	}
	ch = sp->nch == n || sp->nch == 0 ? sp->ch : sp->ch * n / sp->nch;
	for (i = start; i < len && ch > 0; i += char_len(text + i, len - i))
		ch--;
	return i < len ? i : len;
}

/* The spot of linear offset off in a (end: the end of the piece that
 * ends there, as a gap key means, when one does). */
static struct spot
spot_of(const struct article *a, size_t off, bool end)
{
	struct spot sp = { 0, 0, 0, 0, false };
	size_t base = 0, len, i;
	const char *t;

	shelf_fetch(a);

	for (i = 0; i <= a->nblocks; i++) {
		t = piece_of(a, i, &len);
		if (len == 0)
			continue;
		sp.piece = i;
		if (end && base + len == off) {
			sp.end = true;
			return sp;
		}
		if (off < base + len) {
			spot_in(t, len, off - base, &sp);
			return sp;
		}
		base += len;
	}
	sp.end = true;		/* past every piece: the end of the last */
	return sp;
}

static size_t
offset_of(const struct article *a, const struct spot *sp)
{
	size_t base = 0, len, i;
	const char *t;

	shelf_fetch(a);

	for (i = 0; i < sp->piece && i <= a->nblocks; i++) {
		piece_of(a, i, &len);
		base += len;
	}
	t = piece_of(a, sp->piece <= a->nblocks ? sp->piece : 0, &len);
	return base + (t != NULL ? spot_offset(t, len, sp) : 0);
}

/* A place key (see reader_place) as a spot, and back. */
static struct spot
key_spot(const struct article *a, size_t key)
{
	return spot_of(a, key / 2, key > 0 && key % 2 == 0);
}

static size_t
spot_key(const struct article *a, size_t key, const struct spot *sp)
{
	size_t off;

	if (key == 0)
		return 0;
	off = offset_of(a, sp);
	return key % 2 == 0 ? 2 * off : 2 * off + 1;
}

/*
 * The state file keeps places in the original text, so that a place
 * holds whichever script it is read in next: key (a place key of a in the
 * text shown) in the original text (to_original), or the other way. The
 * kept forms are swapped in and back out to find the sentence there.
 */
static size_t
key_across(const struct reader *r, const struct article *a, size_t key,
    bool to_original)
{
	struct spot sp;

	if (!r->converted || r->conv == NULL || r->is == NULL || a == NULL ||
	    key == 0)
		return key;
	convert_article(a);
	if (to_original)
		sp = key_spot(a, key);
	convert_show(r->conv, r->is, false);
	if (to_original)
		key = spot_key(a, key, &sp);
	else
		sp = key_spot(a, key);
	convert_show(r->conv, r->is, true);
	if (!to_original)
		key = spot_key(a, key, &sp);
	return key;
}

enum reader_move
reader_toggle_script(struct reader *r)
{
	struct spot here, match = { 0, 0, 0, 0, false }, *hist;
	char *err = NULL;
	bool on = !r->converted;
	size_t i;

	if (r->conv == NULL) {
		if ((r->conv = convert_open(r->script, &err)) == NULL) {
			reader_message(r, true, "%s", err);
			free(err);
			return READER_STAY;
		}
		r->conv_owned = true;
		/* pages and issues loaded from now on follow T too */
		load_set_hook(convert_hook, r->conv);
	}
	/* Where the reader is, in terms the other text has too. */
	if (r->place.a != NULL)
		here = key_spot(r->place.a, r->place.key);
	if (r->have_match)
		match = spot_of(r->match.a, r->match.key, false);
	hist = xreallocarray(NULL, r->nhist + 1, sizeof *hist);
	for (i = 0; i < r->nhist; i++)
		hist[i] = key_spot(r->hist[i].a, r->hist[i].key);

	convert_set_on(r->conv, on);
	convert_show(r->conv, r->is, on);
	r->converted = on;
	/* the bodies the places are in, before their places are found */
	convert_article(r->place.a);
	if (r->have_match)
		convert_article(r->match.a);
	for (i = 0; i < r->nhist; i++)
		convert_article(r->hist[i].a);

	if (r->place.a != NULL)
		r->place.key = spot_key(r->place.a, r->place.key, &here);
	if (r->have_match)
		r->match.key = offset_of(r->match.a, &match);
	for (i = 0; i < r->nhist; i++)
		r->hist[i].key = spot_key(r->hist[i].a, r->hist[i].key,
		    &hist[i]);
	free(hist);
	reader_message(r, false, "Script: %s", on ? convert_name(r->script) :
	    "original");
	return READER_STAY;
}

bool
reader_article_text(const struct reader *r, int width, struct buf *out,
    char **err)
{
	const struct article *a = r->place.a;
	struct dump_select sel = { 0 };
	struct typeset_opts o;
	char *text = NULL;
	size_t len = 0;
	FILE *f;
	int rc;

	if (a == NULL || r->is == NULL) {
		*err = xstrdup("No article open");
		return false;
	}
	if ((f = open_memstream(&text, &len)) == NULL) {
		*err = xstrdup("Out of memory");
		return false;
	}
	typeset_opts_from(&o, r->cfg, width);
	sel.page = a->page->number;
	sel.article = (int)a->index + 1;
	rc = dump_issue(f, r->is, &o, &sel, err);
	if (fclose(f) != 0 && rc == 0) {
		rc = -1;
	}
	if (rc == 0)
		buf_add(out, text, len);
	else if (rc < 0)
		*err = xstrdup("Out of memory");
	free(text);
	return rc == 0;
}
