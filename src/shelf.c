/*
 * shelf.c: a big file's stories left in the file (shelf.h).
 *
 * A story is shelved only when its lines, parsed alone, make what the
 * whole read made of them: the same headline and the same blocks, with
 * the same lines. So what is read back is what was let go, and a story
 * that reads otherwise alone (a title whose level the page's others
 * decide, a 上接 that names the page before) simply stays in memory.
 * Its lines must be the file's bytes as they are (nothing sanitised away
 * before them: a file with a lone CR or bad UTF-8 keeps every story from
 * there on). The whole read's story is compared as its page's end will
 * leave it, with the captions and credits after it that it adopts; what
 * the page-wide readers look for in every article stays in its blocks
 * (issue.h, struct shelf), and one with a photo or a table is kept.
 */
#include "build-config.h"

#include <fcntl.h>
#include <limits.h>
#include <obstack.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "assemble.h"
#include "file.h"
#include "issue.h"
#include "shelf.h"
#include "text.h"
#include "xmalloc.h"

/*
 * The shelves and their headlines are laid one after another in chunks
 * of the issue's store, not each in a malloc of its own: the loader's
 * thread makes them among a part's parse, and scattered there, a few
 * dozen bytes each, they keep that parse's freed memory from being
 * used again (the 10 MB page's reader held 0.5 MB more). A chunk is
 * mapped apart (XMALLOC_MAPPED; 128 KB were not, once main fixed the
 * threshold at 256 KB): in the thread's heap, among the parse's memory,
 * the chunks kept it from being given back (6,000 captioned stories
 * read in parts of 16 KiB: 94-114 bytes a caption, not 39-64).
 */
#define STORE_CHUNK XMALLOC_MAPPED

/* A story begun in a part before the one it ends in is read from the
 * file to be shelved (shelf_done), when it begins at most this far back
 * from that part's start: one longer stays in memory. */
#define SHELF_BACK (4 * 1024 * 1024)

struct shelver {
	struct shelf_file *f;
	/* where the part being parsed has been looked at: its line (1-based
	 * in the file) starting at byte at */
	const char *text;
	int line0, line;
	size_t at;
};

_Static_assert(offsetof(struct shelf, rest) == 16 &&
                   alignof(struct shelf) == 4 &&
                   sizeof(struct shelf_mark) == 20 &&
                   alignof(struct shelf_mark) == 4,
               "a shelf's header: 16 bytes, its marks 20, at 4-byte steps");

struct shelver *
shelver_new(struct issue *is, int fd, const struct stat *st, int flags,
            bool page_file)
{
	struct shelf_file *f;
	struct shelver *sv;
	int keep;

	if ((keep = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0)
		return NULL;
	f = xcalloc(1, sizeof *f);
	f->fd = keep;
	f->flags = flags;
	f->page_file = page_file;
	f->st = *st;
	f->store = xmalloc(sizeof *f->store);
	obstack_specify_allocation(f->store, STORE_CHUNK,
	                           alignof(struct shelf), xmalloc, free);
	f->next = is->shelf;
	is->shelf = f;
	sv = xcalloc(1, sizeof *sv);
	sv->f = f;
	return sv;
}

void
shelver_free(struct shelver *sv)
{
	free(sv);
}

/* ---- the file ------------------------------------------------------------ */

/* len bytes at off, or NULL (errno). */
static char *
read_at(int fd, unsigned long long off, size_t len)
{
	char *buf = xmalloc(len + 1);

	if (!file_pread(fd, buf, len, off)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* ---- one story parsed alone -------------------------------------------- */

/* len bytes of sanitised text, the file's lines line0 + 1 on, parsed as
 * the rest of a page numbered number whose masthead is behind: an issue,
 * or NULL when the rules cannot parse it. */
static struct issue *
parse_alone(const struct shelf_file *f, const char *path, const char *text,
            size_t len, int line0, int number, bool flat)
{
	struct issue *is = xcalloc(1, sizeof *is);
	struct assemble_stream *as;
	char *e = NULL;

	is->path = xstrdup(path);
	is->masthead_seen = true;
	issue_add_page(is, number, path);
	as = assemble_stream_new(is, &is->pages[0], f->flags,
	                         f->page_file ? NULL : issue_more_page, is,
	                         NULL, NULL);
	assemble_stream_piece(as, flat);
	assemble_stream_feed(as, text, len, line0, -1, NULL, 0);
	if (assemble_stream_end(as, &e) != 0) {
		free(e);
		issue_free(is);
		return NULL;
	}
	return is;
}

/* The file's len bytes at off, sanitised as a part is and parsed alone
 * (parse_alone): what a story read back is, or NULL. */
static struct issue *
parse_file(const struct shelf_file *f, const char *path,
           unsigned long long off, size_t len, int line0, int number,
           bool flat)
{
	struct issue *lone;
	char *raw, *t;
	size_t tlen;

	if ((raw = read_at(f->fd, off, len)) == NULL)
		return NULL;
	t = text_sanitize(raw, len, 0, &tlen);
	free(raw);
	lone = parse_alone(f, path, t, tlen, line0, number, flat);
	free(t);
	return lone;
}

/* x of the whole read, y of the story read alone: alike, but for the
 * items it adopted, set after one story there and after slot here. */
static bool
same_block(const struct block *x, const struct block *y, size_t slot)
{
	return x->kind == y->kind && x->len == y->len && x->line == y->line &&
	       x->jump_page == y->jump_page && x->jump_dir == y->jump_dir &&
	       (x->after == 0 ? y->after == 0
	                      : x->after == slot && y->after == 1) &&
	       x->fig == NULL && y->fig == NULL && x->tab == NULL &&
	       y->tab == NULL && memcmp(x->text, y->text, x->len) == 0;
}

/* The alone parse lone made a (story slot - 1 of its page), and only a. */
static bool
same_story(const struct article *a, size_t slot, const struct issue *lone)
{
	const struct page *p = &lone->pages[0];
	const struct article *b = p->articles;
	size_t i;

	if (lone->npages != 1 || p->narticles != 1 || p->nitems != 0 ||
	    p->ncontents != 0 || p->contents_title != NULL ||
	    b->headline_len != a->headline_len ||
	    memcmp(b->headline, a->headline, a->headline_len) != 0 ||
	    b->line != a->line || b->jump_to != a->jump_to ||
	    b->jump_from != a->jump_from || b->short_news != a->short_news ||
	    b->page_text != a->page_text || b->nblocks != a->nblocks)
		return false;
	for (i = 0; i < a->nblocks; i++)
		if (!same_block(&a->blocks[i], &b->blocks[i], slot))
			return false;
	return true;
}

/* ---- letting go ---------------------------------------------------------- */

/* What a shelved article keeps (issue.h). */
static bool
kept(const struct block *b)
{
	return b->kind == BLOCK_JUMP || b->kind == BLOCK_CAPTION ||
	       b->kind == BLOCK_CREDIT || b->kind == BLOCK_FURNITURE;
}

static bool
may_shelve(const struct article *a)
{
	size_t i;

	if (a->page_text || a->nblocks == 0 || a->converted ||
	    a->shelf != NULL)
		return false;
	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].kind == BLOCK_FIGURE ||
		    a->blocks[i].kind == BLOCK_TABLE)
			return false;
	return true;
}

/* The script's twin of a's issue, when it holds converted text (the
 * blocks it holds are told when they go), else NULL. */
static struct convert_twin *
twin_of(const struct article *a)
{
	const struct issue *is = a->page != NULL ? a->page->issue : NULL;

	return is != NULL && issue_twin_drop != NULL ? is->twin : NULL;
}

/* a's blocks freed (those converted to another script with their twin:
 * it is told they went): a shelved story holds none, its marks are its
 * shelf's. */
static void
let_go_blocks(struct article *a)
{
	struct convert_twin *t = twin_of(a);
	size_t i;

	for (i = 0; i < a->nblocks; i++) {
		if (t != NULL && a->blocks[i].twin != 0)
			issue_twin_drop(t, &a->blocks[i]);
		block_free(&a->blocks[i]);
	}
	free(a->blocks);
	a->blocks = NULL;
	a->nblocks = 0;
}

/* The first line of a: its headline's, or a block's set before it. */
static int
first_line(const struct article *a)
{
	int line = a->line;
	size_t i;

	for (i = 0; i < a->nblocks; i++)
		if (a->blocks[i].line > 0 &&
		    (line <= 0 || a->blocks[i].line < line))
			line = a->blocks[i].line;
	return line;
}

/* Of text, up to its byte lim, the cursor *at, at the start of line
 * *line, moved on to the start of line n: false when the text ends
 * first. */
static bool
lines_on(const char *text, size_t lim, size_t *at, int *line, int n)
{
	const char *nl;

	for (; *line < n; (*line)++) {
		if ((nl = memchr(text + *at, '\n', lim - *at)) == NULL)
			return false;
		*at = (size_t)(nl - text) + 1;
	}
	return true;
}

/* The byte of part where the file's line n starts (the end of the part
 * for the line after its last): false when it is not in the part. The
 * lines asked for go up within a part, so each byte is looked at once. */
static bool
line_at(struct shelver *sv, const struct assemble_part *part, int n,
        size_t *at)
{
	if (sv->text != part->text || sv->line0 != part->line0 ||
	    n < sv->line) {
		sv->text = part->text;
		sv->line0 = part->line0;
		sv->line = part->line0 + 1;
		sv->at = 0;
	}
	if (n < sv->line ||
	    !lines_on(part->text, part->len, &sv->at, &sv->line, n))
		return false;
	*at = sv->at;
	return true;
}

/* The file's offset of part's byte at: the part's, at bytes on, and the
 * CRs of CRLF line ends dropped before at. */
static unsigned long long
file_at(const struct assemble_part *part, size_t at)
{
	size_t lo = 0, hi = part->ndropped, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (part->dropped[mid] < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (unsigned long long)part->off + at + lo;
}

/*
 * The file's offset of line first, a line before part's own (first <=
 * part->line0): read back from the part's start, SHELF_BACK bytes at
 * most; false when it is not there.
 */
static bool
line_back(int fd, const struct assemble_part *part, int first,
          unsigned long long *off)
{
	unsigned long long end = (unsigned long long)part->off;
	size_t win = 16 * 1024, i;
	long left;
	char *buf;

	for (;;) {
		if (win > end)
			win = (size_t)end;
		if ((buf = read_at(fd, end - win, win)) == NULL)
			return false;
		/* a line starts after each LF; the part's own at end */
		left = (long)part->line0 + 1 - first;
		for (i = win - 1; i > 0 && left > 0; i--)
			if (buf[i - 1] == '\n' && --left == 0)
				*off = end - win + i;
		free(buf);
		if (left == 1 && win == end)
			*off = 0; /* the file's first line */
		if (left == 0 || (left == 1 && win == end))
			return true;
		if (win == end || win >= SHELF_BACK)
			return false;
		win *= 4;
	}
}

/*
 * The file's offset of a's headline, when it is the bytes of its line in
 * part as they are, into *off (else *off stays): false when the lines up
 * to end are not in part. Its line comes between the story's first and
 * end, so the lines are still asked for in order (line_at).
 */
static bool
headline_at(struct shelver *sv, const struct assemble_part *part,
            const struct article *a, int end, unsigned long long *off)
{
	const char *line, *nl, *h;
	size_t at;

	if (a->headline == NULL || a->headline_len == 0 ||
	    a->headline_len > SHELF_HEADLINE_MAX || a->line < sv->line ||
	    a->line >= end)
		return true;
	if (!line_at(sv, part, a->line, &at))
		return false;
	line = part->text + at;
	nl = memchr(line, '\n', part->len - at);
	h = memmem(line, nl != NULL ? (size_t)(nl - line) : part->len - at,
	           a->headline, a->headline_len);
	if (h != NULL)
		*off = file_at(part, (size_t)(h - part->text));
	return true;
}

/* A story's lines in its part, [b0, b1) of its text, looked at in
 * order: line n (the story's first is first) starts at byte at. */
struct story_lines {
	const struct assemble_part *part;
	size_t b0, b1, at;
	int first, n;
};

/*
 * The end of the next line that is not blank after the line that ends at
 * t[end] (a blank line between them), before lim; or SIZE_MAX.
 */
static size_t
next_paragraph(const char *t, size_t end, size_t lim)
{
	const char *nl;
	bool blank = false;

	while (end < lim) {
		size_t at = end + 1;

		nl = memchr(t + at, '\n', lim - at);
		end = nl != NULL ? (size_t)(nl - t) : lim;
		while (at < end && (t[at] == ' ' || t[at] == '\t'))
			at++;
		if (at < end)
			return blank ? end : SIZE_MAX;
		blank = true;
	}
	return SIZE_MAX;
}

/*
 * The part's byte where s (len bytes) stands as it is, begun on the
 * story's line n, *raw of them; or where the lines it is on stand (and
 * the paragraphs after, up to SHELF_MARK_JOINS), *raw bytes that
 * shelf_mark_made makes s (*made set); or SIZE_MAX. Marks
 * come in the order of their lines, so each byte is looked at about
 * once.
 */
static size_t
on_line(struct story_lines *sl, int n, const char *s, size_t len,
        size_t *raw, bool *made)
{
	static _Thread_local char buf[SHELF_MARK_MAX + 1];
	const char *t = sl->part->text, *nl, *h;
	size_t end, at, k, nlines = 0, joins;

	*raw = len;
	*made = false;
	if (n < sl->n) {
		sl->n = sl->first;
		sl->at = sl->b0;
	}
	if (!lines_on(t, sl->b1, &sl->at, &sl->n, n))
		return SIZE_MAX;
	nl = memchr(t + sl->at, '\n', sl->b1 - sl->at);
	end = nl != NULL ? (size_t)(nl - t) : sl->b1;
	/* (going on to the lines after: 新华社发, the credit's 宋丹芳/摄
	 * under it) */
	h = memmem(t + sl->at, end - sl->at + (len < sl->b1 - end ?
	           len : sl->b1 - end), s, len);
	if (h != NULL && h < t + end)
		return (size_t)(h - t);
	/* else its lines, but for the blanks around them */
	for (k = 0; k < len; k++)
		nlines += s[k] == '\n';
	for (at = sl->at; at < end && (t[at] == ' ' || t[at] == '\t'); at++)
		;
	for (; nlines > 0 && end < sl->b1; nlines--) {
		nl = memchr(t + end + 1, '\n', sl->b1 - end - 1);
		end = nl != NULL ? (size_t)(nl - t) : sl->b1;
	}
	if (nlines > 0)
		return SIZE_MAX;
	/* and the paragraphs after, while they make less than s (a caption
	 * the loader joined over a column break) */
	for (joins = 0; joins <= SHELF_MARK_JOINS; joins++) {
		size_t e = end;

		while (e > at && (t[e - 1] == ' ' || t[e - 1] == '\t'))
			e--;
		*raw = e - at;
		if (*raw == 0 || *raw > SHELF_MARK_MAX)
			return SIZE_MAX;
		memcpy(buf, t + at, *raw);
		k = *raw;
		*made = true;
		if (!shelf_mark_made(buf, &k) || k > len)
			return SIZE_MAX;
		if (k == len)
			return memcmp(buf, s, len) == 0 ? at : SIZE_MAX;
		if ((end = next_paragraph(t, end, sl->b1)) == SIZE_MAX)
			return SIZE_MAX;
	}
	return SIZE_MAX;
}

/*
 * Whether block b stands in the file where it stands at part's byte at,
 * raw bytes on (on_line: *made when shelf_mark_made makes it of them):
 * as they are, or with the CRs of CRLF line ends the part's text lacks
 * put back, which shelf_mark_made drops (*made set). m's len and sum
 * then are the file's bytes'.
 */
static bool
in_file(const struct assemble_part *part, size_t at, size_t raw,
        const struct block *b, struct shelf_mark *m, bool *made)
{
	static _Thread_local char bytes[SHELF_MARK_MAX + 1];
	unsigned long long from = file_at(part, at);
	size_t n = (size_t)(file_at(part, at + raw) - from), i, k, d;
	uint32_t sum;

	if (n == raw) {
		m->len = (uint16_t)raw;
		m->sum = (uint32_t)text_hash(TEXT_HASH_INIT, part->text + at,
		                             raw);
		return true;
	}
	if (n > SHELF_MARK_MAX)
		return false;
	/* the first CR dropped at or after at: file_at's count before it */
	d = (size_t)(from - (unsigned long long)part->off - at);
	for (i = at, k = 0; i < at + raw; i++) {
		if (d < part->ndropped && part->dropped[d] == i) {
			bytes[k++] = '\r';
			d++;
		}
		bytes[k++] = part->text[i];
	}
	if (k != n)
		return false;
	/* the hash of the bytes, then what they make, in place */
	sum = (uint32_t)text_hash(TEXT_HASH_INIT, bytes, n);
	*made = true;
	if (!shelf_mark_made(bytes, &k) || k != b->len ||
	    memcmp(bytes, b->text, k) != 0)
		return false;
	m->len = (uint16_t)n;
	m->sum = sum;
	return true;
}

/* The marks of a story about to be shelved, and the texts of those kept
 * in the store. */
struct marks {
	struct shelf_mark v[UINT8_MAX];
	const char *text[UINT8_MAX];
	size_t n, kept;		/* the kept texts' bytes, each NUL-ended */
};

/*
 * The marks of whole (the kept blocks, in order) into *mk, each text left
 * in the file where sl (NULL: none) finds it on its lines (on_line),
 * short enough for article_mark's buffer and as sanitising would leave
 * it, else kept; the story's first line at the file's off0. False when a
 * mark cannot be one (too many of them, or too long): the story stays in
 * memory.
 */
static bool
plan_marks(const struct article *whole, struct story_lines *sl,
           unsigned long long off0, struct marks *mk)
{
	size_t i, at, raw;
	bool made;

	mk->n = mk->kept = 0;
	for (i = 0; i < whole->nblocks; i++) {
		const struct block *b = &whole->blocks[i];
		struct shelf_mark *m = &mk->v[mk->n];

		if (!kept(b))
			continue;
		if (mk->n == UINT8_MAX || b->len > UINT16_MAX || b->line < 0 ||
		    b->jump_page < INT16_MIN || b->jump_page > INT16_MAX)
			return false;
		memset(m, 0, sizeof *m);
		m->line = (uint32_t)b->line;
		m->len = (uint16_t)b->len;
		m->jump_page = (int16_t)b->jump_page;
		m->kind = (uint8_t)b->kind;
		m->jump_dir = (int8_t)b->jump_dir; /* +1, -1 or 0 */
		m->flags = b->after != 0 ? SHELF_MARK_AFTER : 0;
		at = SIZE_MAX;
		if (sl != NULL && b->len > 0 && b->len <= SHELF_MARK_MAX &&
		    text_is_sanitized(b->text, b->len))
			at = on_line(sl, b->line, b->text, b->len, &raw,
			             &made);
		/* (and the file's bytes are those, or, with the CRs of
		 * CRLF line ends among them, make them) */
		if (at != SIZE_MAX &&
		    text_is_sanitized(sl->part->text + at, raw) &&
		    in_file(sl->part, at, raw, b, m, &made)) {
			/* (a file read in parts is at most 1 GiB) */
			m->at = (uint32_t)(file_at(sl->part, at) - off0);
			m->flags |= made ? SHELF_MARK_MADE : 0;
		} else {
			m->flags |= SHELF_MARK_KEPT;
			mk->text[mk->n] = b->text;
			mk->kept += b->len + 1;
		}
		mk->n++;
	}
	return true;
}

/*
 * n bytes of the store. glibc's obstack_finish aligns its next object as
 * an offset from a null pointer (__PTR_ALIGN), which clang's UBSan takes
 * for pointer arithmetic on NULL (fuzz-shelf met it on its first seed):
 * its own macro's idiom, not ours, so not checked here.
 */
__attribute__((no_sanitize("pointer-overflow"))) static void *
store_alloc(struct obstack *store, size_t n)
{
	return obstack_alloc(store, n);
}

/* a shelved: sh made in f's store from what it was read from (off0 to
 * off1 of the file, its first line first, in part), its headline (at
 * hoff in the file, ULLONG_MAX when not there) and its marks; a's blocks
 * let go. */
static void
shelve(struct shelf_file *f, struct article *a, const struct article *whole,
       const struct assemble_part *part, int first, unsigned long long off0,
       unsigned long long off1, unsigned long long hoff,
       const struct marks *mk)
{
	struct shelf *sh;
	struct shelf_mark *m;
	size_t k, hbytes, at;
	/* a headline kept in memory is one a sanitiser would change */
	bool in_file = hoff >= off0 && hoff - off0 <= UINT16_MAX &&
	               hoff < off1 && a->headline != NULL &&
	               text_is_sanitized(a->headline, a->headline_len);
	char *t;

	hbytes = in_file || a->headline == NULL ? 0 : a->headline_len + 1;
	/* 16 bytes and what it keeps, at 4-byte steps (not 40 and 8-byte
	 * steps: 46,439 of them for the bench's 100 MB page) */
	sh = store_alloc(f->store, offsetof(struct shelf, rest) +
	                 mk->n * sizeof *mk->v + hbytes + mk->kept);
	sh->off = (uint32_t)off0;
	sh->len = (uint32_t)(off1 - off0);
	sh->hat = in_file ? (uint16_t)(hoff - off0) : 0;
	sh->hlen = in_file ? (uint8_t)a->headline_len : 0;
	sh->hsum = in_file ? (uint32_t)text_hash(TEXT_HASH_INIT, a->headline,
	                                         a->headline_len)
	                   : 0;
	sh->nmarks = (uint8_t)mk->n;
	a->shelf_flat = part->flat;
	a->shelf_brief = article_is_brief(whole);
	a->shelf_back = (unsigned)(a->line - first) & SHELF_BACK_MAX;
	m = memcpy(sh->rest, mk->v, mk->n * sizeof *mk->v);
	at = offsetof(struct shelf, rest) + mk->n * sizeof *mk->v + hbytes;
	for (k = 0; k < mk->n; k++) {
		if (!(m[k].flags & SHELF_MARK_KEPT))
			continue;
		t = (char *)sh + at;
		memcpy(t, mk->text[k], m[k].len);
		t[m[k].len] = '\0';
		m[k].at = (uint32_t)at;
		at += m[k].len + 1u;
	}
	let_go_blocks(a);
	a->shelf = sh;
	if (a->headline != NULL && !in_file)
		memcpy(shelf_headline(sh), a->headline, a->headline_len + 1);
	if (a->headline != NULL) {
		free(a->headline);
		a->headline = in_file ? NULL : shelf_headline(sh);
		a->headline_kept = !in_file;
	}
}

void
shelf_done(void *ctx, struct page *pg, size_t i, const struct article *whole,
           const struct assemble_part *part)
{
	struct shelver *sv = ctx;
	struct shelf_file *f = sv->f;
	struct article *a = page_article(pg, i);
	struct issue *lone;
	struct story_lines sl;
	struct marks mk;
	unsigned long long off0, off1, hoff = ULLONG_MAX;
	size_t b0, b1;
	int first = first_line(whole), end = first_line(page_article(pg, i + 1));
	bool planned;

	if (part->off < 0 || !may_shelve(whole) || a->shelf != NULL ||
	    first <= 0 || end <= first)
		return;
	if (first > part->line0) {
		/* in the part: parsed from its text */
		if (!line_at(sv, part, first, &b0) ||
		    !headline_at(sv, part, a, end, &hoff) ||
		    !line_at(sv, part, end, &b1))
			return;
		off0 = file_at(part, b0);
		off1 = file_at(part, b1);
		sl = (struct story_lines){ part, b0, b1, b0, first, first };
		planned = plan_marks(whole, &sl, off0, &mk);
		lone = !planned ? NULL :
		       parse_alone(f, pg->path, part->text + b0, b1 - b0,
		                   first - 1, part->number, part->flat);
	} else {
		/* begun in a part before (a story across a part's end):
		 * parsed from the file, as it would be read back; its marks'
		 * texts kept */
		if (part->off == 0 || file_changed(f->fd, &f->st) ||
		    !line_at(sv, part, end, &b1) ||
		    !line_back(f->fd, part, first, &off0))
			return;
		off1 = file_at(part, b1);
		planned = plan_marks(whole, NULL, off0, &mk);
		lone = !planned ? NULL :
		       parse_file(f, pg->path, off0, (size_t)(off1 - off0),
		                  first - 1, part->number, part->flat);
	}
	if (lone != NULL && same_story(whole, i + 1, lone) &&
	    off1 <= UINT32_MAX && i + 1 <= UINT32_MAX &&
	    part->number == pg->number && a->line >= first &&
	    a->line - first <= SHELF_BACK_MAX) {
		shelve(f, a, whole, part, first, off0, off1, hoff, &mk);
		pg->shelf = f;
	}
	issue_free(lone);
}

/* ---- reading back -------------------------------------------------------- */

/* The file's line that shelved a begins on. */
static int
shelf_first(const struct article *a)
{
	return a->line - (int)a->shelf_back;
}

static atomic_ulong nread_back;

unsigned long
shelf_read_backs(void)
{
	return atomic_load(&nread_back);
}

/* After the note that a's text cannot be read again, in *v (*n blocks),
 * the marks it kept whose text can still be shown. */
static void
marks_after(const struct article *a, struct block **v, size_t *n)
{
	char buf[SHELF_MARK_MAX + 1];
	const struct block *m;
	struct block b;
	size_t k;

	for (k = 0; k < a->shelf->nmarks; k++) {
		m = article_mark(a, k, &b, buf);
		if (m->text != buf &&
		    !(shelf_marks(a->shelf)[k].flags & SHELF_MARK_KEPT))
			continue; /* (a note that it changed) */
		*v = xgrow(*v, *n, sizeof **v);
		(*v)[*n] = *m;
		(*v)[(*n)++].text = xstrndup(m->text, m->len);
	}
}

/* a's blocks read back into *blocks, *n: parsed again, or one paragraph
 * saying why they cannot be; and its headline, when it is in the file
 * (a's is NULL), into *headline (its own, else NULL). */
static void
read_back(const struct article *a, struct block **blocks, size_t *n,
          char **headline)
{
	const struct shelf *sh = a->shelf;
	const struct shelf_file *f = a->page->shelf;
	struct issue *lone = NULL;
	struct article *b;
	char *safe;
	size_t k;

	*blocks = NULL;
	*n = 0;
	*headline = NULL;
	atomic_fetch_add(&nread_back, 1);
	if (!file_changed(f->fd, &f->st))
		lone = parse_file(f, a->page->path, sh->off, sh->len,
		                  shelf_first(a) - 1, a->page->number,
		                  a->shelf_flat);
	if (lone != NULL && lone->pages[0].narticles > 0) {
		b = page_article(&lone->pages[0], 0);
		*blocks = b->blocks;
		*n = b->nblocks;
		b->blocks = NULL;
		b->nblocks = 0;
		if (a->headline == NULL && sh->hlen > 0 &&
		    b->headline != NULL && !b->headline_kept) {
			*headline = b->headline;
			b->headline = NULL;
		}
		issue_free(lone);
		for (k = 0; k < *n; k++)
			if ((*blocks)[k].after != 0)
				(*blocks)[k].after = a->index + 1;
		return;
	}
	issue_free(lone);
	safe = text_name(a->page->path);
	*blocks = xcalloc(1, sizeof **blocks);
	(*blocks)->kind = BLOCK_PARAGRAPH;
	(*blocks)->text = xasprintf("(This story's text cannot be read again: "
	                            "%s changed since it was opened. Open it "
	                            "again to read it.)",
	                            safe);
	(*blocks)->len = strlen((*blocks)->text);
	(*blocks)->line = shelf_first(a);
	*n = 1;
	free(safe);
	marks_after(a, blocks, n);
}

/* h, a's headline read back with its blocks (read_back), a's own until
 * it is let go (let_go_headline: its length in the file again); with
 * none (the file changed), read alone when it is still there. */
static void
take_headline(struct article *a, char *h)
{
	const char *t;
	size_t len;

	if (a->headline != NULL || a->shelf->hlen == 0)
		return;
	if (h == NULL) {
		t = article_headline(a, &len);
		h = xstrndup(t, len);
	}
	a->headline = h;
	a->headline_len = (uint32_t)strlen(h);
	a->headline_back = true;
}

static void
let_go_headline(struct article *a)
{
	if (!a->headline_back)
		return;
	free(a->headline);
	a->headline = NULL;
	a->headline_len = a->shelf->hlen;
	a->headline_back = false;
}

/* a's blocks, v and n read back, for good. */
static void
take_back(struct article *a, struct block *v, size_t n)
{
	a->blocks = v;
	a->nblocks = (uint32_t)n;
	a->read_in = true;
}

/* a out of the window, if it is there. */
static void
window_drop(struct shelf_file *f, const struct article *a)
{
	size_t i;

	for (i = 0; i < f->nwindow; i++)
		if (f->window[i] == a) {
			memmove(f->window + i, f->window + i + 1,
			        (f->nwindow - i - 1) * sizeof *f->window);
			f->nwindow--;
			return;
		}
}

/* a, read in and held by none, last into the window; the first in it
 * let go again when it is full (its marks stay, as they were, in the
 * script they are shown in: the other script's text of its body goes
 * with it, and is made again when it is read back and shown). */
static void
window_add(struct shelf_file *f, struct article *a)
{
	struct article *old;

	window_drop(f, a);
	if (f->nwindow == SHELF_WINDOW) {
		old = f->window[0];
		window_drop(f, old);
		let_go_blocks(old);
		let_go_headline(old);
		old->read_in = false;
		old->converted = false;
	}
	f->window[f->nwindow++] = a;
}

void
shelf_fetch(const struct article *ca)
{
	struct article *a = (struct article *)ca;
	struct block *v;
	char *h;
	size_t n;

	if (a == NULL || a->shelf == NULL)
		return;
	if (!a->read_in) {
		read_back(a, &v, &n, &h);
		take_back(a, v, n);
		take_headline(a, h);
		a->converted = false;
	}
	if (a->holds == 0)
		window_add(a->page->shelf, a);
}

bool
shelf_hold(const struct article *ca)
{
	struct article *a = (struct article *)ca;

	if (a == NULL || a->shelf == NULL)
		return false;
	shelf_fetch(a);
	window_drop(a->page->shelf, a);
	a->holds++;
	return true;
}

void
shelf_let_go(const struct article *ca)
{
	struct article *a = (struct article *)ca;

	if (a == NULL || a->shelf == NULL || a->holds == 0)
		return;
	if (--a->holds == 0)
		window_add(a->page->shelf, a);
}

const struct article *
shelf_borrow(const struct article *a, struct article *tmp)
{
	char *h;
	size_t n;

	tmp->blocks = NULL;
	tmp->nblocks = 0;
	tmp->headline_back = false;
	if (a == NULL || !article_shelved(a))
		return a;
	*tmp = *a;
	read_back(a, &tmp->blocks, &n, &h);
	tmp->nblocks = (uint32_t)n;
	take_headline(tmp, h);
	tmp->shelf = NULL;
	return tmp;
}

void
shelf_return(const struct article *a, struct article *tmp)
{
	(void)a;
	blocks_free(tmp->blocks, tmp->nblocks);
	tmp->blocks = NULL;
	tmp->nblocks = 0;
	if (tmp->headline_back)
		free(tmp->headline);
	tmp->headline = NULL;
	tmp->headline_back = false;
}

bool
shelf_bytes_may(const struct article *a,
                bool (*may)(void *ctx, const char *s, size_t len), void *ctx)
{
	const struct shelf_file *f;
	char *buf;
	bool r;

	if (a == NULL || !article_shelved(a))
		return true;
	f = a->page->shelf;
	if (file_changed(f->fd, &f->st) ||
	    (buf = read_at(f->fd, a->shelf->off, a->shelf->len)) == NULL)
		return true;
	r = may(ctx, buf, a->shelf->len);
	free(buf);
	return r;
}

bool
story_bytes_may(const struct page *pg, size_t i,
                bool (*may)(void *ctx, const char *s, size_t len), void *ctx)
{
	return shelf_bytes_may(page_article(pg, i), may, ctx);
}
