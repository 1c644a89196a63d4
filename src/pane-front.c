/*
 * pane-front.c: the front page, as a paper is first seen: the masthead set
 * like a nameplate; the lead story (头条: the page's first) with its
 * headline centred, its byline and its first paragraph in full; the
 * contents box (本期导读) with page numbers; the other headlines with a
 * line of their text each; the briefs (本报讯) one line each; the lead's
 * photo under it on a tall pane (pane-photo.c); the photos' places ([图]
 * caption) and captions; a line naming the pages that could not be read. On a pane of
 * FRONT_WIDE columns or more the contents box and the captions stand in
 * a column of their own beside the stories; on one of fewer than
 * FRONT_TALL rows the masthead is brief (title, date line) and its other
 * lines close the page. Headlines and contents entries are selectable;
 * Enter opens them. All text comes from typeset.h at the column's width.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "convert.h"
#include "pane.h"
#include "shelf.h"
#include "width.h"
#include "xmalloc.h"

enum {
	T_NONE,
	T_ARTICLE,	/* target: the article a contents entry names */
	T_STORY,	/* target: the page; n: the story's index on it */
	T_PAGE,		/* a contents entry not linked: n is its page */
};

/* From this many columns the contents box stands beside the stories, in
 * a column of FRONT_SIDE_MIN..FRONT_SIDE_MAX columns (two fifths), after
 * FRONT_GAP blank ones. */
#define FRONT_WIDE 120
#define FRONT_SIDE_MIN 40
#define FRONT_SIDE_MAX 60
#define FRONT_GAP 3
/* Below this many rows the masthead is brief, so the contents box shows
 * on the first screen of an 80x24 terminal. */
#define FRONT_TALL 30
/* A page's stories past this many are listed by headline alone, as its
 * briefs are: a page of thousands (a whole file without page headings)
 * is laid out again at every resize. */
#define FRONT_TEASERS 100

/*
 * A caption, credit, photo's place ([图] …) or piece of furniture of the
 * page, shown at its foot or beside its stories: laid out when its rows
 * are shown (a page of thousands of stories has thousands), from its
 * text, which stays where it is while its story is read back and let go
 * (shelf.h).
 */
struct piece {
	union {
		const struct block	*b;	/* (borrowed) the block */
		/* in_story: a mark of a story in its file (article_mark) */
		struct {
			uint32_t	 story;	/* its index on the page */
			uint32_t	 nth;	/* of the page's marks, the
						 * nth (its slot in f->conv) */
		} s;
	};
	uint32_t	 end;		/* the rows of the pieces to its end */
	uint8_t		 kind;		/* enum block_kind */
	uint8_t		 mark;		/* in_story: the story's mark */
	bool		 in_story;
};

/* 16 bytes: 9,457 captions of the bench's 100 MB page (24 with a
 * story's pointer and its own length: 76 KB more). */
_Static_assert(sizeof(void *) != 8 || sizeof(struct piece) == 16,
               "a piece stays small");

struct pieces {
	struct piece	*v;
	size_t		 n, cap;
	unsigned	 mask;		/* the styles of the lines shown */
};

/*
 * A set of a page's articles, by index, and the kth of them: a bit an
 * article, and every LISTED_RANK words the count before them (a page of
 * 46,439 stories: 12 KB for the two sets, not 186 KB of indices).
 */
struct listed {
	uint64_t	*bits;
	uint32_t	*rank;		/* rank[b]: the members before word
					 * LISTED_RANK * b */
	size_t		 nwords, n;
};

#define LISTED_RANK 8

struct front {
	struct pane_ctx		*ctx;
	struct pane_list	 list;
	/*
	 * The rows keep copies of the stories' headlines and first lines
	 * (add_article), and borrow their text from the model (the page's items,
	 * the headlines listed alone) or from these docs (the masthead; the
	 * page's contents box, typeset from a copy of the page that holds
	 * nothing else; the colophon).
	 */
	struct ts_doc		 mast, page, colo;
	/* the page's captions and credits, then its furniture: rows made
	 * when shown, each piece laid out alone into piece_doc (the one
	 * laid there is laid) */
	struct pieces		 caps, furn;
	struct ts_doc		 piece_doc;
	struct block		 piece_block;
	const struct piece	*laid;
	/* a mark's text laid there, read from its file; and, shown in
	 * another script, each one converted once (by nth; NULL: not yet),
	 * not at each build (9,457 captions of the bench's 100 MB page:
	 * 0.27 s), kept until the text or the model changes */
	char			 mark_buf[SHELF_MARK_MAX + 1];
	char			**conv;
	size_t			 nconv;		/* slots of conv */
	size_t			 nmarks;	/* in_story pieces numbered */
	bool			 have;		/* the rows are built */
	bool			 stale;		/* for another size: build again */
	bool			 regrown;	/* built again for the whole model:
						 * the selection stays at its row */
	int			 h, w;
	/* Two columns: rows [0, nleft) are the stories' (lw columns wide,
	 * scrolled to ltop), the rest the side column's; nleft 0: one. */
	size_t			 nleft, ltop;
	int			 lw;
	size_t			 past_top;	/* scrolled past the last story,
						 * none selected: the top row,
						 * kept across a new layout; 0
						 * not */
	size_t			 side_rows;	/* the side column's rows when
						 * there is one, or would be
						 * (build), else 0 */
	const struct block	*lead_photo;	/* drawn under the lead, its
						 * [图] line with it */
	struct pane_photo_row	*photo_rows;	/* its rows' (the list's rows
						 * point here) */
	/* the stories listed by headline alone (briefs, and the others past
	 * FRONT_TEASERS): rows made when shown, from these sets of the
	 * page's articles; the page's pieces name its stories too */
	const struct page	*listed_page;
	struct listed		 more, briefs;
};

static void
listed_free(struct listed *l)
{
	free(l->bits);
	free(l->rank);
	memset(l, 0, sizeof *l);
}

/* Article i into l, after every member it has. */
static void
listed_add(struct listed *l, size_t i)
{
	while (l->nwords <= i / 64) {
		if (l->nwords % LISTED_RANK == 0) {
			l->rank = xgrow(l->rank, l->nwords / LISTED_RANK,
			    sizeof *l->rank);
			l->rank[l->nwords / LISTED_RANK] = (uint32_t)l->n;
		}
		l->bits = xgrow(l->bits, l->nwords, sizeof *l->bits);
		l->bits[l->nwords++] = 0;
	}
	l->bits[i / 64] |= (uint64_t)1 << (i % 64);
	l->n++;
}

/* The index of l's member k (k < l->n). */
static size_t
listed_nth(const struct listed *l, size_t k)
{
	size_t lo = 0, hi = (l->nwords + LISTED_RANK - 1) / LISTED_RANK, mid, w;
	uint64_t x;
	int c;

	while (hi - lo > 1) { /* the last block with at most k before it */
		mid = lo + (hi - lo) / 2;
		if (l->rank[mid] <= k)
			lo = mid;
		else
			hi = mid;
	}
	k -= l->rank[lo];
	for (w = lo * LISTED_RANK;
	     k >= (size_t)(c = __builtin_popcountll(l->bits[w])); w++)
		k -= (size_t)c;
	for (x = l->bits[w]; k > 0; k--)
		x &= x - 1;
	return w * 64 + (size_t)__builtin_ctzll(x);
}

static void
free_docs(struct front *f)
{
	pane_list_clear(&f->list);
	if (!f->have)
		return;
	typeset_free(&f->mast);
	typeset_free(&f->page);
	typeset_free(&f->colo);
	typeset_free(&f->piece_doc);
	f->nleft = 0;
	free(f->caps.v);
	free(f->furn.v);
	free(f->photo_rows);
	listed_free(&f->more);
	listed_free(&f->briefs);
	memset(&f->caps, 0, sizeof f->caps);
	memset(&f->furn, 0, sizeof f->furn);
	f->laid = NULL;
	f->photo_rows = NULL;
	f->have = false;
}

/* The page's pieces shown apart from the headlines: photos ([图] …),
 * captions, credits, furniture (微信公众号, the editors' line). */
static bool
is_caption(const struct block *b)
{
	return b->kind == BLOCK_CAPTION || b->kind == BLOCK_CREDIT ||
	    b->kind == BLOCK_FURNITURE || b->kind == BLOCK_FIGURE;
}

/* Story i of pg, when of the page's own text and only furniture: its
 * lines are shown after the contents box, not as a headline. */
static bool
furniture_only(const struct page *pg, size_t i)
{
	const struct article *a;

	if (!story_page_text(pg, i))
		return false;
	a = page_article(pg, i);
	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].kind != BLOCK_FURNITURE)
			return false;
	return true;
}

static void
blank(struct pane_list *l)
{
	if (l->n > 0 && pane_list_row(l, l->n - 1)->style != TS_BLANK)
		pane_list_add(l, "", 0, false, 0, TS_BLANK);
}

/*
 * The headline of a and the first line of its text, as rows: the lines
 * typeset_article() would give, but only the headline and the paragraphs
 * up to the first that has a line are typeset (the body lines come only
 * from paragraphs, the headline lines only from the headline), in a doc
 * that is dropped at once: the rows keep copies of their text, and a
 * story in its file is read back for them (convert_borrow) and given back
 * then, not held while they are shown (the 100 teasers of the bench's
 * 100 MB page held 0.35 MB; read back in 2 ms when the rows are built
 * again).
 */
static void
add_article(struct front *f, const struct article *a,
    const struct typeset_opts *o)
{
	struct pane_list *l = &f->list;
	struct ts_doc d;
	struct article part, tmp;
	const struct article *b = convert_borrow(a, &tmp, false);
	size_t i, j, first;
	int indent = f->w > 4 ? 2 : 0;
	bool head = true;

	part = *b;
	part.shelf = NULL;
	typeset_init(&d, o);
	part.nblocks = 0;
	typeset_article(&d, &part);
	for (j = 0; j < d.n; j++) {
		const struct ts_line *t = &d.lines[j];
		struct pane_list_row *r;

		if (t->style != TS_HEADLINE)
			continue;
		r = pane_list_add(l, t->text, t->len, true, indent,
		    TS_HEADLINE);
		r->selectable = head;
		r->follow = !head;
		r->kind = T_STORY;
		r->target = a->page;
		r->n = (int)a->index;
		head = false;
	}
	part.headline = NULL;
	part.headline_len = 0;
	part.nblocks = 1;
	for (i = 0; !head && i < b->nblocks; i++) {
		if (b->blocks[i].kind != BLOCK_PARAGRAPH)
			continue;
		part.blocks = &b->blocks[i];
		first = d.n;
		typeset_article(&d, &part);
		for (j = first; j < d.n; j++) {
			const struct ts_line *t = &d.lines[j];
			struct pane_list_row *r;

			if (t->style != TS_BODY)
				continue;
			r = pane_list_add(l, t->text, t->len, true,
			    indent + t->col, TS_BODY);
			r->elem = UI_DIM;
			/* the first line of a longer text: it says so */
			r->more = j + 1 < d.n || i + 1 < b->nblocks;
			typeset_free(&d);
			shelf_return(a, &tmp);
			return;
		}
	}
	typeset_free(&d);
	shelf_return(a, &tmp);
}

/* A bit of a mask of line styles. */
#define STYLE(s) (1u << (s))

/* The page's contents box, typeset from a copy of pg holding only it. */
static void
contents_page(struct front *f, const struct page *pg)
{
	struct page copy = *pg;

	copy.articles = NULL;
	copy.narticles = 0;
	copy.items = NULL;
	copy.nitems = 0;
	copy.contents_after = 0;
	typeset_page(&f->page, &copy);
}

/* In-story piece p's text and its length, in the script shown: its
 * mark's, read from its file; shown in another script, converted once
 * (f->conv). */
static const char *
mark_text(struct front *f, const struct piece *p, size_t *len)
{
	struct block mark;
	const struct block *m;
	char **slot = NULL;
	size_t room, n;

	if (convert_shown(f->ctx->rd->is)) {
		if (p->s.nth >= f->nconv) {
			room = f->nconv > 0 ? 2 * f->nconv : 64;
			while (room <= p->s.nth)
				room *= 2;
			f->conv = xreallocarray(f->conv, room,
			    sizeof *f->conv);
			memset(f->conv + f->nconv, 0,
			    (room - f->nconv) * sizeof *f->conv);
			f->nconv = room;
		}
		slot = &f->conv[p->s.nth];
		if (*slot != NULL) {
			*len = strlen(*slot);
			return *slot;
		}
	}
	m = story_mark(f->listed_page, p->s.story, p->mark, &mark,
	    f->mark_buf);
	if (slot != NULL &&
	    (*slot = convert_shown_text(f->ctx->rd->is, m->text, m->len,
	    &n)) != NULL) {
		*len = n;
		return *slot;
	}
	*len = m->len;
	return m->text;
}

/* Piece p laid out alone in f->piece_doc, unless it is there. */
static void
lay_piece(struct front *f, const struct piece *p)
{
	struct block *b = &f->piece_block;

	if (f->laid == p)
		return;
	typeset_drain(&f->piece_doc);
	memset(b, 0, sizeof *b);
	b->kind = (enum block_kind)p->kind;
	if (p->in_story)
		b->text = (char *)mark_text(f, p, &b->len);
	else {
		b->text = p->b->text;
		b->len = p->b->len;
	}
	typeset_block(&f->piece_doc, NULL, b);
	f->laid = p;
}

/* Row k of the pieces' rows: its piece's line, of those shown. */
static void
piece_row(void *owner, const void *src, size_t k, struct pane_list_row *r)
{
	struct front *f = owner;
	const struct pieces *ps = src;
	size_t lo = 0, hi = ps->n, mid, j, skip;

	while (lo < hi) { /* the first piece that ends after row k */
		mid = lo + (hi - lo) / 2;
		if (ps->v[mid].end <= k)
			lo = mid + 1;
		else
			hi = mid;
	}
	skip = k - (lo > 0 ? ps->v[lo - 1].end : 0);
	lay_piece(f, &ps->v[lo]);
	for (j = 0; j < f->piece_doc.n; j++) {
		const struct ts_line *t = &f->piece_doc.lines[j];

		if ((ps->mask & STYLE(t->style)) && skip-- == 0) {
			r->text = t->text;
			r->len = (uint32_t)t->len;
			r->col = t->col;
			r->style = t->style;
			return;
		}
	}
}

/* Block b of the page, when a piece: after the others of its kind, with
 * the rows it makes at the pieces' width (the side column's, or the
 * pane's on one column). b is mark k of the page's story story when that
 * is in its file (its text read when laid out), else story is SIZE_MAX. */
static void
add_piece(struct front *f, const struct block *b, size_t story, size_t k)
{
	struct pieces *ps = b->kind == BLOCK_FURNITURE ? &f->furn : &f->caps;
	struct piece p = { .b = b, .kind = (uint8_t)b->kind };
	size_t j, n = 0;

	if (story != SIZE_MAX) {
		p.s.story = (uint32_t)story;
		p.s.nth = (uint32_t)f->nmarks++;
		p.mark = (uint8_t)k;
		p.in_story = true;
	}
	/* the lead photo's [图] line is under the photo */
	if (!is_caption(b) || (story == SIZE_MAX && f->lead_photo != NULL &&
	    b->text == f->lead_photo->text))
		return;
	lay_piece(f, &p);
	f->laid = NULL;
	for (j = 0; j < f->piece_doc.n; j++)
		if (ps->mask & STYLE(f->piece_doc.lines[j].style))
			n++;
	if (n == 0)
		return;
	p.end = (uint32_t)((ps->n > 0 ? ps->v[ps->n - 1].end : 0) + n);
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 16;
		ps->v = xreallocarray(ps->v, ps->cap, sizeof *ps->v);
	}
	ps->v[ps->n++] = p;
}

/*
 * The page's captions and credits (its items and those inside articles)
 * and its furniture, in the order they stand on it: the lines of each are
 * those it makes in typeset_page() of the whole page (a block's lines
 * depend on the block and the width alone), without laying out every
 * article, nor holding them (a page of thousands of stories has
 * thousands of captions, a few lines each).
 */
static void
collect_pieces(struct front *f, const struct page *pg)
{
	size_t k, j, c = 0, *order = page_item_order(pg);
	struct block mark;
	bool in_file;

	f->caps.mask = STYLE(TS_FIGURE) | STYLE(TS_CAPTION) | STYLE(TS_CREDIT);
	f->furn.mask = STYLE(TS_FURNITURE);
	f->nmarks = 0;
	/* slot k: the items before article k, then its blocks */
	for (k = 0; k <= pg->narticles; k++) {
		for (; c < pg->nitems &&
		       page_item_slot(pg, &pg->items[order[c]]) == k; c++)
			add_piece(f, &pg->items[order[c]], SIZE_MAX, 0);
		if (k == pg->narticles)
			break;
		/* (a story in its file: its marks, their text left there
		 * until laid out) */
		in_file = story_in_file(pg, k);
		for (j = 0; j < story_nmarks(pg, k); j++)
			add_piece(f, story_mark(pg, k, j, &mark, NULL),
			    in_file ? k : SIZE_MAX, j);
	}
	free(order);
}

/* Under the masthead, the pages that could not be read, when some. */
static void
failed_row(struct front *f)
{
	const struct issue *is = f->ctx->rd->is;
	struct pane_list_row *r;
	struct buf b = { 0 };
	size_t i, n = issue_count_failed(is);

	if (n == 0)
		return;
	buf_printf(&b, "%zu page%s failed to load:", n, n == 1 ? "" : "s");
	for (i = 0; i < is->npages; i++)
		if (is->pages[i].failed != NULL)
			buf_printf(&b, " %02d版", is->pages[i].number);
	buf_adds(&b, " (see the contents)");
	blank(&f->list);
	r = pane_list_add(&f->list, b.s, b.len, true, 2, TS_FURNITURE);
	r->elem = UI_ERROR;
	buf_free(&b);
}

/* The pieces of ps as rows, after a blank one; dim, as the page's
 * furniture is. */
static void
piece_rows(struct front *f, struct pieces *ps, bool dim)
{
	struct pane_list_row proto = { .elem = dim ? UI_DIM : UI_NORMAL };

	if (ps->n == 0)
		return;
	blank(&f->list);
	pane_list_add_span(&f->list, ps->v[ps->n - 1].end, piece_row, f, ps,
	    &proto);
}

/* The contents box (本期导读): its entries open their article or page. */
static void
contents_box(struct front *f)
{
	struct pane_list *l = &f->list;
	size_t j;

	for (j = 0; j < f->page.n; j++) {
		const struct ts_line *t = &f->page.lines[j];
		struct pane_list_row *r;

		if (t->style == TS_CONTENTS_HEAD) {
			blank(l);
			pane_list_add(l, t->text, t->len, false, t->col,
			    t->style);
		} else if (t->style == TS_CONTENTS) {
			r = pane_list_add(l, t->text, t->len, false, t->col,
			    t->style);
			r->selectable = true;
			r->n = t->link_page;
			if (t->link != NULL) {
				r->kind = T_ARTICLE;
				r->target = t->link;
			} else {
				/* Dimmed only when the page is not in the
				 * issue or could not be read (a page still
				 * being loaded is not). */
				const struct page *to = issue_find_page(
				    f->ctx->rd->is, t->link_page);

				r->kind = T_PAGE;
				if (to == NULL || to->failed != NULL)
					r->elem = UI_DIM;
			}
		}
	}
}

/*
 * The lead story: its headline centred (each line selectable as one), the
 * subheads and byline before its text, and its first paragraph whole,
 * ending with … when the article goes on; in at most rows rows (its text
 * cut, but never to fewer than two lines) when the screen is short.
 */
static void
add_lead(struct front *f, const struct article *a,
    const struct typeset_opts *o, long rows)
{
	struct pane_list *l = &f->list;
	struct ts_doc d;
	struct article part, tmp;
	const struct article *b = convert_borrow(a, &tmp, false);
	size_t i, j;
	long body = 0;
	bool head = true;

	part = *b;
	part.shelf = NULL;
	for (i = 0; i < b->nblocks && b->blocks[i].kind != BLOCK_PARAGRAPH;)
		i++;
	part.nblocks = i < b->nblocks ? i + 1 : b->nblocks;
	typeset_init(&d, o);
	typeset_article(&d, &part);
	for (j = 0; j < d.n; j++) {
		const struct ts_line *t = &d.lines[j];
		struct pane_list_row *r;

		rows--;
		if (t->style == TS_BLANK) {
			blank(l);
			continue;
		}
		if (t->style == TS_BODY && ++body > 2 && rows < 0) {
			if ((r = pane_list_last(l)) != NULL)
				r->more = true;
			break;
		}
		/* the doc goes: the rows keep copies of its own strings */
		r = pane_list_add(l, t->text, t->len, true, t->col, t->style);
		if (t->style == TS_HEADLINE) {
			r->selectable = head;
			r->follow = !head;
			r->kind = T_STORY;
			r->target = a->page;
			r->n = (int)a->index;
			head = false;
		}
		if (j + 1 == d.n && t->style == TS_BODY)
			r->more = part.nblocks < b->nblocks;
	}
	typeset_free(&d);
	shelf_return(a, &tmp);
}

/* A brief: "· headline", a row that opens it (pane_list_fill: the kth
 * story of the set of the page listed; the headline borrowed: a page of
 * thousands of stories lists as many). */
static void
brief_row(void *owner, const void *src, size_t k, struct pane_list_row *r)
{
	const struct front *f = owner;

	pane_list_story(r, f->listed_page, listed_nth(src, k));
}

/* The briefs of set l (f's until its rows go), as rows. */
static void
add_briefs(struct front *f, const struct listed *l, int indent)
{
	struct pane_list_row brief = {
		.col = indent, .style = TS_HEADLINE, .bullet = true,
		.selectable = true, .kind = T_STORY,
	};

	pane_list_add_span(&f->list, l->n, brief_row, f, l, &brief);
}

/* The columns of the side column on a pane w wide, or 0 for none. */
static int
side_width(int w)
{
	int s = w * 2 / 5;

	if (w < FRONT_WIDE)
		return 0;
	return s < FRONT_SIDE_MIN ? FRONT_SIDE_MIN : s > FRONT_SIDE_MAX ?
	    FRONT_SIDE_MAX : s;
}

/*
 * The lead story's photo under it, on a pane of FRONT_TALL rows or more
 * (a short one keeps its rows for the contents box): the first figure of
 * the lead that names a file, else the first of the page's items after
 * the lead; centred, at most [images] max_rows rows or 30% of the pane,
 * then its [图] line. Drawn (decoded) when shown, as in the article.
 */
static void
add_lead_photo(struct front *f, const struct page *pg,
    const struct article *lead, int width)
{
	struct pane_ctx *ctx = f->ctx;
	struct pane_list *l = &f->list;
	const struct block *b = NULL;
	int maxr = ctx->cfg->image_rows > 0 ? ctx->cfg->image_rows :
	    f->h * 3 / 10, rows, cols, r;
	size_t i;

	if (!ctx->rd->images || f->h < FRONT_TALL)
		return;
	for (i = 0; i < lead->nblocks && b == NULL; i++)
		if (pane_pics_has(&lead->blocks[i]))
			b = &lead->blocks[i];
	for (i = 0; i < pg->nitems && b == NULL; i++)
		if (pg->items[i].after <= lead->index + 1 &&
		    pane_pics_has(&pg->items[i]))
			b = &pg->items[i];
	if (b == NULL)
		return;
	f->lead_photo = b;
	rows = pane_pics_fit(ctx->pics, ctx->rd->is, lead, b, width, maxr,
	    &cols);
	blank(l);
	free(f->photo_rows);
	f->photo_rows = xcalloc(rows > 0 ? (size_t)rows : 1,
	    sizeof *f->photo_rows);
	for (r = 0; r < rows; r++) {
		struct pane_list_row *row = pane_list_add(l, "", 0, false,
		    (width - cols) / 2, TS_PHOTO);

		f->photo_rows[r] = (struct pane_photo_row){ lead, b, cols,
		    rows, r };
		row->photo = &f->photo_rows[r];
	}
	pane_list_add(l, b->text, b->len, false, 0, TS_FIGURE);
}

/* The stories of page pg: the lead, then the others, then the briefs
 * (with the contents box after the lead when there is one column). */
static void
add_stories(struct front *f, const struct page *pg, struct typeset_opts *o)
{
	struct pane_list *l = &f->list;
	const struct article *lead = NULL;
	size_t i, at, teasers = 0;
	int width = o->width;

	for (at = 0; at < pg->narticles && furniture_only(pg, at); at++)
		;
	if (at < pg->narticles) {
		long rows = LONG_MAX;

		blank(l);
		if (side_width(f->w) == 0 && f->h < FRONT_TALL) {
			/* a short screen: room left for the contents box */
			rows = f->h - (long)l->n - 1;
			for (i = 0; i < f->page.n; i++)
				if (f->page.lines[i].style == TS_CONTENTS ||
				    f->page.lines[i].style == TS_CONTENTS_HEAD)
					rows--;
		}
		lead = page_article(pg, at);
		add_lead(f, lead, o, rows);
		add_lead_photo(f, pg, lead, o->width);
	}
	if (side_width(f->w) == 0)
		contents_box(f);
	/* the others: headline and a line of text, indented; past
	 * FRONT_TEASERS their headline alone */
	f->listed_page = pg;
	o->width = width > 4 ? width - 2 : width;
	for (i = 0; i < pg->narticles; i++) {
		if (i == at || furniture_only(pg, i))
			continue;
		if (story_brief(pg, i)) {
			listed_add(&f->briefs, i);
			continue;
		}
		if (teasers++ >= FRONT_TEASERS) {
			listed_add(&f->more, i);
			continue;
		}
		blank(l);
		add_article(f, page_article(pg, i), o);
	}
	o->width = width;
	if (f->more.n > 0) {
		blank(l);
		add_briefs(f, &f->more, width > 4 ? 2 : 0);
	}
	if (f->briefs.n == 0)
		return;
	blank(l);
	add_briefs(f, &f->briefs, width > 4 ? 2 : 0);
}

static void
build_rows(struct front *f, bool beside)
{
	const struct issue *is = f->ctx->rd->is;
	const struct config *cfg = f->ctx->cfg;
	struct pane_list *l = &f->list;
	struct typeset_opts o, so;
	const struct page *pg;
	const void *keep = NULL;
	int keep_n = 0, side = beside ? side_width(f->w) : 0;
	unsigned keep_kind = T_NONE;
	size_t i, oldsel = l->sel, nmast;
	bool regrown = f->regrown;

	if (pane_list_selected(l) != NULL) {
		keep = pane_list_selected(l)->target;
		keep_n = pane_list_selected(l)->n;
		keep_kind = pane_list_selected(l)->kind;
	}
	free_docs(f);
	f->regrown = false;
	f->lead_photo = NULL;
	l->ctx = f->ctx;
	if (is == NULL || f->w <= 0)
		return;
	f->lw = side > 0 ? f->w - side - FRONT_GAP : f->w;
	typeset_opts_from(&o, cfg, f->lw);
	typeset_init(&f->mast, &o);
	typeset_init(&f->colo, &o);
	if (f->h < FRONT_TALL) {
		typeset_masthead_brief(&f->mast, is);
		typeset_colophon(&f->colo, is);
	} else
		typeset_masthead(&f->mast, is);
	f->have = true;
	pane_list_add_doc(l, &f->mast, 0, f->mast.n);
	nmast = l->n;
	so = o;
	so.width = side > 0 ? side : f->w;
	typeset_init(&f->page, &so);
	typeset_init(&f->piece_doc, &so);
	f->stale = false;
	if (is->npages == 0) {
		blank(l);
		pane_list_add(l, "(this issue has no pages)", 25, false, 2,
		    TS_FURNITURE);
		return;
	}
	pg = &is->pages[0];
	contents_page(f, pg);
	failed_row(f);
	add_stories(f, pg, &o);
	collect_pieces(f, pg);
	if (side == 0) {
		/* photo captions and credits, and the page's furniture
		 * last, as printed at its foot */
		piece_rows(f, &f->caps, false);
		piece_rows(f, &f->furn, true);
	}
	if (f->colo.n > 0) {
		blank(l);
		pane_list_add_doc(l, &f->colo, 0, f->colo.n);
	}
	if (side > 0) {
		/* the side column: from the row under the masthead */
		f->nleft = l->n;
		for (i = 0; i < nmast; i++)
			pane_list_add(l, "", 0, false, 0, TS_BLANK);
		contents_box(f);
		piece_rows(f, &f->caps, false);
		piece_rows(f, &f->furn, true);
		if (f->nleft == l->n - nmast) {
			/* nothing beside: one column */
			pane_list_truncate(l, f->nleft);
			f->nleft = 0;
		} else
			f->side_rows = l->n - f->nleft;
	}

	/* Keep the selection on the same item across a new layout (the
	 * captions' rows passed, not laid out). */
	for (i = 0; keep != NULL && i < l->n; i++) {
		const struct pane_list_row *r;

		if (!pane_list_selectable(l, i))
			continue;
		r = pane_list_row_bare(l, i);
		if (r->target == keep && r->n == keep_n &&
		    r->kind == keep_kind) {
			pane_list_select(l, i);
			return;
		}
	}
	pane_list_select(l, keep != NULL || regrown ? oldsel : 0);
}

/* The list scrolled past its last story (none selected): where, kept
 * for the next layout. */
static void
note_past(struct front *f)
{
	const struct pane_list *l = &f->list;

	if (l->n > 0 && l->sel >= l->n && l->top > 0)
		f->past_top = l->top;
}

/* The rows built again. */
static void
build(struct front *f)
{
	note_past(f);
	f->side_rows = 0;
	build_rows(f, true);
	if (f->side_rows > (size_t)f->h)
		/* A side column taller than the pane would hide its foot
		 * (it scrolls only with a selection in it): one column, the
		 * captions under the stories, where every row is reached. */
		build_rows(f, false);
	if (f->past_top > 0 && f->nleft == 0) /* the same rows in view */
		pane_list_show_from(&f->list, f->past_top);
	f->past_top = 0;
}

static void
front_resize(void *data, int h, int w)
{
	struct front *f = data;

	/* Built when first drawn or used: not at start-up behind another
	 * pane, not once per step of a resize storm. */
	if (w != f->w || (h < FRONT_TALL) != (f->h < FRONT_TALL) ||
	    (f->side_rows > (size_t)h) != (f->side_rows > (size_t)f->h)) {
		f->w = w;
		f->stale = true;
	}
	f->h = h;
	f->list.h = h;
}

/* The rows, up to date with the issue and the width. */
static void
ensure(struct front *f)
{
	if (!f->have || f->stale)
		build(f);
}

/* The marks' converted texts dropped: another script, or model. */
static void
drop_conv(struct front *f)
{
	size_t i;

	for (i = 0; i < f->nconv; i++)
		free(f->conv[i]);
	free(f->conv);
	f->conv = NULL;
	f->nconv = 0;
}

static void
front_update(void *data, enum pane_update what)
{
	struct front *f = data;

	if (what != PANE_UPDATE_WIDTHS)
		drop_conv(f);
	if (what == PANE_UPDATE_WIDTHS || what == PANE_UPDATE_TEXT) {
		f->stale = true;
		return;
	}
	if (what == PANE_UPDATE_GROWN) {
		/* the rows point into the part's model, gone: built again
		 * before they are used, the selection where it was */
		size_t sel = f->list.sel;

		note_past(f);
		free_docs(f);
		f->list.sel = sel;
		f->regrown = true;
		return;
	}
	free_docs(f);
	f->list.sel = 0;
	f->list.top = 0;
}

/* The two halves of the list as two lists, each as its column shows it:
 * the selection in the other one is none here. */
static void
columns(struct front *f, struct pane_list *left, struct pane_list *right)
{
	const struct pane_list *l = &f->list;
	size_t h = l->h > 0 ? (size_t)l->h : 1;

	*left = *l;
	left->n = f->nleft;
	left->top = f->ltop;
	if (left->sel >= left->n)
		left->sel = left->n;
	pane_list_tail(l, f->nleft, right);
	right->sel = l->sel >= f->nleft && l->sel < l->n ? l->sel - f->nleft :
	    right->n;
	right->top = right->sel < right->n && right->sel >= h ?
	    right->sel - h + 1 : 0;
}

static void
draw_columns(struct front *f, WINDOW *win, int y0, int h, int w)
{
	struct pane_list left, right;

	f->list.h = h;
	columns(f, &left, &right);
	pane_list_draw_at(&left, win, y0, 0, h, f->lw);
	f->ltop = left.top;
	pane_list_draw_at(&right, win, y0, f->lw + FRONT_GAP, h,
	    w - f->lw - FRONT_GAP);
}

static void
front_draw(void *data, WINDOW *win, int y0, int h, int w)
{
	struct front *f = data;

	if (f->ctx->rd->is == NULL) {
		draw_puts(win, y0, 1, w, "No issue open: choose one in the "
		    "contents (2).", f->ctx->attr[UI_DIM]);
		return;
	}
	ensure(f);
	if (f->nleft == 0) {
		pane_list_draw(&f->list, win, y0, h, w);
		return;
	}
	draw_columns(f, win, y0, h, w);
}

static void
open_row(struct front *f)
{
	const struct pane_list_row *r = pane_list_selected(&f->list);
	struct pane_ctx *ctx = f->ctx;

	if (r == NULL)
		return;
	if (r->kind == T_ARTICLE && r->target != NULL) {
		pane_show(ctx, reader_open(ctx->rd, r->target, true));
		reader_contents_note(ctx->rd, r->target, r->n);
		return;
	}
	if (r->kind == T_STORY) {
		pane_show(ctx, reader_open(ctx->rd,
		    page_article(r->target, (size_t)r->n), true));
		return;
	}
	if (r->kind == T_PAGE)
		pane_show(ctx, reader_open_page(ctx->rd, r->n, true));
}

static bool
front_action(void *data, enum action a)
{
	struct front *f = data;
	size_t before;
	bool done;

	ensure(f);
	if (a == ACTION_OPEN) {
		open_row(f);
		return true;
	}
	before = f->list.sel;
	done = pane_list_action(&f->list, a);
	if (f->nleft > 0) {
		/* Under the last story are the colophon's few rows (the
		 * captions are beside): the selection stays in view. */
		if (f->list.sel == f->list.n && before < f->list.n)
			f->list.sel = before;
		/* the stories' column scrolls with a selection in it; one
		 * in the side column leaves it where it is */
		if (f->list.sel < f->nleft)
			f->ltop = f->list.top < f->nleft ? f->list.top :
			    f->nleft - 1;
		f->list.top = f->ltop;
	}
	return done;
}

static void
front_click(void *data, int y, int x)
{
	struct front *f = data;
	size_t before;

	ensure(f);
	before = f->list.sel;
	if (f->nleft > 0) {
		/* the column under x, as drawn */
		struct pane_list left, right;
		bool side = x >= f->lw + FRONT_GAP;

		columns(f, &left, &right);
		if (pane_list_click(side ? &right : &left, y)) {
			f->list.sel = side ? right.sel + f->nleft : left.sel;
			if (f->list.sel == before)
				open_row(f);
		}
		return;
	}
	if (pane_list_click(&f->list, y) && f->list.sel == before)
		open_row(f);
}

static void
front_status(void *data, struct buf *b)
{
	struct front *f = data;
	const struct issue *is = f->ctx->rd->is;

	if (is == NULL || is->npages == 0) {
		buf_adds(b, "front page");
		return;
	}
	buf_printf(b, "front page │ %02d版 │ %zu article%s", is->pages[0].number,
	    is->pages[0].narticles, is->pages[0].narticles == 1 ? "" : "s");
	if (is->page_count > 0)
		buf_printf(b, " │ %zu of %d pages here", is->npages,
		    is->page_count);
	if (issue_count_failed(is) > 0)
		buf_printf(b, " │ %zu failed", issue_count_failed(is));
}

static void *
front_init(struct pane_ctx *ctx)
{
	struct front *f = xcalloc(1, sizeof *f);

	f->ctx = ctx;
	f->list.ctx = ctx;
	return f;
}

static void
front_free(void *data)
{
	struct front *f = data;

	free_docs(f);
	drop_conv(f);
	free(f);
}

const struct pane_ops pane_front_ops = {
	.name = "front",
	.init = front_init,
	.free = front_free,
	.resize = front_resize,
	.update = front_update,
	.draw = front_draw,
	.action = front_action,
	.click = front_click,
	.status = front_status,
};
