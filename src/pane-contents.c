/*
 * pane-contents.c: the contents as a tree: (for a library) the issues by
 * date, then pages (01版 …) → their articles, and under a page its contents
 * box (本期导读) with each entry linked to the article it names, or marked
 * as not in this issue when its page is absent (or as failed to load when
 * it could not be read, as is the page's own row). A generic list (pane-list.c)
 * does the moving and drawing; this file only builds rows and opens them.
 * Rows are clipped at the edge, never laid out.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pane.h"
#include "text.h"
#include "width.h"
#include "xmalloc.h"

enum {
	T_NONE,
	T_ENTRY,	/* n: the library entry */
	T_PAGE,		/* target: the page */
	T_ARTICLE,	/* target: the article a contents entry names */
	T_STORY,	/* target: the page; n: the story's index on it */
	T_MISSING,	/* n: the page a contents entry names */
};

struct contents {
	struct pane_ctx		*ctx;
	struct pane_list	 list;
	char			**strs;		/* right-hand texts, owned */
	size_t			 nstrs;
	/* a story's →05版 or ←03版, each made once (a page's stories are
	 * rows made when shown): sorted by key, the page * 2 and 1 for
	 * continued on (jump_label); owned */
	struct jump_label {
		int		 key;
		char		*s;
	}			*jumps;
	size_t			 njumps;
	bool			 have;
	int			 w;
	const struct article	*shown;		/* the article read at the last draw */
	unsigned long		 built_moves;	/* the reader's moves when built */
	bool			 regrown;	/* built again for the whole model:
						 * the selection stays at its row */
};

static const char *
keep_str(struct contents *c, char *s)
{
	c->strs = xreallocarray(c->strs, c->nstrs + 1, sizeof *c->strs);
	c->strs[c->nstrs++] = s;
	return s;
}

static void
contents_clear(struct contents *c)
{
	size_t i;

	pane_list_clear(&c->list);
	for (i = 0; i < c->nstrs; i++)
		free(c->strs[i]);
	free(c->strs);
	c->strs = NULL;
	c->nstrs = 0;
	for (i = 0; i < c->njumps; i++)
		free(c->jumps[i].s);
	free(c->jumps);
	c->jumps = NULL;
	c->njumps = 0;
	c->have = false;
}

static struct pane_list_row *
add_owned(struct contents *c, char *s, int col, enum ts_style style)
{
	struct pane_list_row *r = pane_list_add(&c->list, s, strlen(s), true,
	    col, style);

	free(s);
	return r;
}

/* The page heading without a leading 第02版, which the row shows already. */
static const char *
page_title(const struct page *pg)
{
	const char *t = pg->title, *p;

	if (strncmp(t, "第", 3) != 0)
		return t;
	p = t + 3;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p == t + 3 || strncmp(p, "版", 3) != 0)
		return t;
	p += 3;
	while (*p == ' ')
		p++;
	return p;
}

/* "→05版" (continued on page 5, dir > 0) or "←03版", made once. */
static const char *
jump_label(struct contents *c, int dir, int page)
{
	int key = page * 2 + (dir > 0);
	size_t lo = 0, hi = c->njumps, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->jumps[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < c->njumps && c->jumps[lo].key == key)
		return c->jumps[lo].s;
	c->jumps = xgrow(c->jumps, c->njumps, sizeof *c->jumps);
	memmove(&c->jumps[lo + 1], &c->jumps[lo],
	    (c->njumps - lo) * sizeof *c->jumps);
	c->njumps++;
	c->jumps[lo].key = key;
	c->jumps[lo].s = xasprintf("%s%02d版", dir > 0 ? "→" : "←", page);
	return c->jumps[lo].s;
}

/* Story k of page src, a row under its page's (pane_list_fill). */
static void
story_row(void *owner, const void *src, size_t k, struct pane_list_row *r)
{
	const struct page *pg = src;
	int to = story_jump(pg, k, 1), from = story_jump(pg, k, -1);

	pane_list_story(r, pg, k);
	if (to > 0)
		r->right = jump_label(owner, 1, to);
	else if (from > 0)
		r->right = jump_label(owner, -1, from);
}

/* The pages of is, their articles and contents boxes, from column col. */
static void
add_pages(struct contents *c, const struct issue *is, int col)
{
	struct pane_list *l = &c->list;
	struct pane_list_row *r, story = {
		.col = col + 2, .style = TS_BODY, .elem = UI_NORMAL,
		.selectable = true, .kind = T_STORY,
	};
	size_t i, k;

	for (i = 0; i < is->npages; i++) {
		const struct page *pg = &is->pages[i];

		r = add_owned(c, pg->title != NULL ?
		    xasprintf("%02d版 %s", pg->number, page_title(pg)) :
		    xasprintf("%02d版", pg->number), col, TS_PAGE);
		r->selectable = true;
		r->kind = T_PAGE;
		r->target = pg;
		if (pg->failed != NULL) {
			/* Not "0 articles": Enter says why. */
			r->elem = UI_ERROR;
			r->right = "failed to load";
		} else
			r->right = keep_str(c, xasprintf("%zu article%s",
			    pg->narticles, pg->narticles == 1 ? "" : "s"));
		pane_list_add_span(l, pg->narticles, story_row, c, pg, &story);
		if (pg->ncontents == 0)
			continue;
		pane_list_add(l, pg->contents_title ? pg->contents_title :
		    "本期导读", strlen(pg->contents_title ? pg->contents_title :
		    "本期导读"), false, col + 2, TS_CONTENTS_HEAD);
		for (k = 0; k < pg->ncontents; k++) {
			const struct contents_entry *e = &pg->contents[k];

			r = pane_list_add(l, e->title, strlen(e->title), false,
			    col + 4, TS_CONTENTS);
			r->selectable = true;
			r->n = e->page;
			if (e->target != NULL) {
				int tn = e->target->page->number;

				/* Found by its headline on another page (or
				 * the entry gave none): both pages show. */
				r->kind = T_ARTICLE;
				r->target = e->target;
				r->n = e->page > 0 ? e->page : -1;
				r->right = keep_str(c, tn == e->page ?
				    xasprintf("%02d版", tn) : e->page > 0 ?
				    xasprintf("%02d版 → %02d版", e->page, tn) :
				    xasprintf("→ %02d版", tn));
			} else if (issue_find_page(is, e->page) != NULL &&
			    issue_find_page(is, e->page)->failed != NULL) {
				/* Its page is here but could not be read. */
				r->kind = T_PAGE;
				r->target = issue_find_page(is, e->page);
				r->elem = UI_DIM;
				r->right = keep_str(c, xasprintf("%02d版 · "
				    "failed to load", e->page));
			} else if (issue_find_page(is, e->page) != NULL) {
				/* The page is here, no headline matches the
				 * entry: it leads to the page. */
				r->kind = T_PAGE;
				r->target = issue_find_page(is, e->page);
				r->right = keep_str(c, xasprintf("%02d版",
				    e->page));
			} else {
				r->kind = T_MISSING;
				r->elem = UI_DIM;
				r->right = keep_str(c, xasprintf("%02d版 · "
				    "not in this issue", e->page));
			}
		}
	}
}

/*
 * Library entry i's row: ● when it has articles not read, ▸ on the issue
 * open, the directory's name (shown with U+FFFD for a control character)
 * and the issue's label as last opened (paper, number); at the right how
 * much of it is read, or "new" for an issue never opened.
 */
static struct pane_list_row *
entry_row(struct contents *c, size_t i)
{
	struct reader *rd = c->ctx->rd;
	const struct state_issue *si = reader_entry_state(rd, i);
	bool known = si != NULL && si->label != NULL;
	size_t nread = si != NULL ? state_count_read(si) : 0, total;
	char *name = text_name(rd->lib->entries[i].name);
	char *label = known ? text_safe(si->label) : xstrdup("");
	struct pane_list_row *r;

	total = known ? (size_t)si->articles : 0;
	if (nread > total && known)
		nread = total;
	r = add_owned(c, xasprintf("%s %s %s%s%s", !known || nread < total ?
	    "●" : " ", i == rd->entry && rd->is != NULL ? "▸" : " ", name,
	    *label != '\0' ? " " : "", label), 1, TS_LIST);
	r->right = keep_str(c, known ? xasprintf("%zu/%zu read", nread,
	    total) : xstrdup(nread > 0 ? "opened" : "new"));
	free(name);
	free(label);
	return r;
}

static void
build(struct contents *c)
{
	struct pane_ctx *ctx = c->ctx;
	const struct issue *is = ctx->rd->is;
	struct pane_list *l = &c->list;
	const struct pane_list_row *r;
	const void *keep = NULL;
	int keep_kind = 0, keep_n = 0;
	size_t i, oldsel = l->sel;
	bool regrown = c->regrown;

	if ((r = pane_list_selected(l)) != NULL) {
		keep = r->target;
		keep_kind = r->kind;
		keep_n = r->n;
	}
	contents_clear(c);
	c->regrown = false;
	l->ctx = ctx;
	c->have = true;
	c->built_moves = ctx->rd->moves;
	if (ctx->rd->lib != NULL && !ctx->rd->lib->single) {
		pane_list_add(l, "Issues", 6, false, 0, TS_CONTENTS_HEAD);
		for (i = 0; i < ctx->rd->lib->n; i++) {
			struct pane_list_row *e = entry_row(c, i);

			e->selectable = true;
			e->kind = T_ENTRY;
			e->n = (int)i;
			if (i == ctx->rd->entry && is != NULL) {
				e->elem = UI_HEADLINE;
				/* the open issue's pages under its date */
				add_pages(c, is, 2);
			}
		}
		pane_list_add(l, "", 0, false, 0, TS_BLANK);
	}
	if (is == NULL) {
		pane_list_add(l, "(no issue open)", 15, false, 2, TS_FURNITURE);
		goto select;
	}
	if (ctx->rd->lib == NULL || ctx->rd->lib->single)
		add_pages(c, is, 0);
select:
	/* Keep the selection on the same item across a rebuild. */
	for (i = 0; keep_kind != 0 && i < l->n; i++) {
		r = pane_list_row_bare(l, i);
		if (r->selectable && r->kind == keep_kind &&
		    r->target == keep && r->n == keep_n) {
			pane_list_select(l, i);
			return;
		}
	}
	if (keep_kind != 0 || regrown) {
		pane_list_select(l, oldsel);
		return;
	}
	/* First time: the issue being read, else the first page. */
	for (i = 0; i < l->n; i++) {
		r = pane_list_row_bare(l, i);
		if (r->kind == T_PAGE || (r->kind == T_ENTRY &&
		    (size_t)r->n == ctx->rd->entry && is == NULL)) {
			pane_list_select(l, i);
			return;
		}
	}
	pane_list_select(l, 0);
}

static void
contents_resize(void *data, int h, int w)
{
	struct contents *c = data;

	/* The rows do not depend on the width: built when first drawn or
	 * used (contents_draw, contents_action), not at start-up. */
	c->list.h = h;
	c->w = w;
}

static void
contents_update(void *data, enum pane_update what)
{
	struct contents *c = data;

	/* The rows do not depend on the widths (clipped when drawn). */
	if (what == PANE_UPDATE_TEXT) {
		/* built again when next drawn, the selection kept */
		c->have = false;
		return;
	}
	if (what == PANE_UPDATE_GROWN) {
		size_t sel = c->list.sel;

		contents_clear(c);
		c->list.sel = sel;
		c->regrown = true;
		c->shown = NULL;
		return;
	}
	if (what != PANE_UPDATE_ISSUE)
		return;
	contents_clear(c);
	c->list.sel = 0;
	c->list.top = 0;
	c->shown = NULL;
}

/* When the reader has moved to another article, the cursor goes to its
 * row (under its page, not a contents box entry), as newsboat and mutt
 * keep it on the item being read; the reader's own moves in the list
 * stay otherwise. */
static void
follow_reader(struct contents *c)
{
	const struct article *a = c->ctx->rd->place.a;
	size_t i;

	if (a == c->shown)
		return;
	c->shown = a;
	for (i = 0; a != NULL && i < c->list.n; i++) {
		const struct pane_list_row *r = pane_list_row_bare(&c->list, i);

		if (r->kind == T_STORY && r->target == a->page &&
		    r->n == (int)a->index) {
			pane_list_select(&c->list, i);
			return;
		}
	}
}

static void
contents_draw(void *data, WINDOW *win, int y0, int h, int w)
{
	struct contents *c = data;

	/* a library's rows count the articles read: new when read on */
	if (!c->have || (c->ctx->rd->lib != NULL && !c->ctx->rd->lib->single &&
	    c->built_moves != c->ctx->rd->moves))
		build(c);
	follow_reader(c);
	pane_list_draw(&c->list, win, y0, h, w);
}

static void
open_row(struct contents *c)
{
	const struct pane_list_row *r = pane_list_selected(&c->list);
	struct pane_ctx *ctx = c->ctx;
	const struct page *pg;

	if (r == NULL)
		return;
	switch (r->kind) {
	case T_ENTRY:
		if (pane_open_entry(ctx, (size_t)r->n))
			pane_switch(ctx, PANE_FRONT);
		return;
	case T_PAGE:
		pg = r->target;
		pane_show(ctx, reader_open_page(ctx->rd, pg->number, true));
		return;
	case T_ARTICLE:
		pane_show(ctx, reader_open(ctx->rd, r->target, true));
		reader_contents_note(ctx->rd, r->target, r->n);
		return;
	case T_STORY:
		pane_show(ctx, reader_open(ctx->rd,
		    page_article(r->target, (size_t)r->n), true));
		return;
	case T_MISSING:
		reader_message(ctx->rd, true, "Page %d is not in this issue", r->n);
		return;
	default:
		return;
	}
}

static bool
contents_action(void *data, enum action a)
{
	struct contents *c = data;

	if (!c->have)
		build(c);
	follow_reader(c);
	if (a == ACTION_OPEN) {
		open_row(c);
		return true;
	}
	return pane_list_action(&c->list, a);
}

static void
contents_click(void *data, int y, int x)
{
	struct contents *c = data;
	size_t before;

	if (!c->have)
		build(c);
	before = c->list.sel;
	if (pane_list_click(&c->list, y) && c->list.sel == before)
		open_row(c);
}

static void
contents_status(void *data, struct buf *b)
{
	struct contents *c = data;
	const struct issue *is = c->ctx->rd->is;

	buf_adds(b, "contents");
	size_t n;

	if (is != NULL) {
		n = issue_count_articles(is);
		buf_printf(b, " │ %zu page%s │ %zu article%s", is->npages,
		    is->npages == 1 ? "" : "s", n, n == 1 ? "" : "s");
		if ((n = issue_count_failed(is)) > 0)
			buf_printf(b, " │ %zu failed", n);
	}
	if (c->ctx->rd->lib != NULL && !c->ctx->rd->lib->single)
		buf_printf(b, " │ %zu issue%s", c->ctx->rd->lib->n,
		    c->ctx->rd->lib->n == 1 ? "" : "s");
}

static void *
contents_init(struct pane_ctx *ctx)
{
	struct contents *c = xcalloc(1, sizeof *c);

	c->ctx = ctx;
	c->list.ctx = ctx;
	return c;
}

static void
contents_free(void *data)
{
	struct contents *c = data;

	contents_clear(c);
	free(c);
}

const struct pane_ops pane_contents_ops = {
	.name = "contents",
	.init = contents_init,
	.free = contents_free,
	.resize = contents_resize,
	.update = contents_update,
	.draw = contents_draw,
	.action = contents_action,
	.click = contents_click,
	.status = contents_status,
};
