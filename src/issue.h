/*
 * issue.h: the model. An issue is pages; a page is articles plus the loose
 * items around them (captions, credits, furniture) and its contents box; an
 * article is blocks. Plain data: no curses, no layout. Every string is
 * sanitised UTF-8 (text_sanitize), NUL-terminated and owned by the struct
 * that holds it unless marked (borrowed).
 */
#ifndef HERALD_ISSUE_H
#define HERALD_ISSUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

enum block_kind {
	BLOCK_PARAGRAPH,	/* body text */
	BLOCK_SUBHEAD,		/* ### inside an article */
	BLOCK_BYLINE,		/* ▶ 本报记者 李争粉 */
	BLOCK_JUMP,		/* ▼▼ 下转第2版, ▲▲ 上接第1版 */
	BLOCK_CAPTION,		/* photo caption (a page item) */
	BLOCK_CREDIT,		/* 新华社发, (庄歌尔/摄) (a page item) */
	BLOCK_SIGNATURE,	/* the short-news signature: 姚文 */
	BLOCK_LIST_ITEM,	/* - item (not in a contents box) */
	BLOCK_QUOTE,		/* > quoted text */
	BLOCK_FURNITURE,	/* 微信公众号, 中国高新网 (a page item) */
	BLOCK_MATH,		/* display math ($$…$$) as text, set centred */
	BLOCK_FIGURE,		/* a photo: [图] caption credit; see fig */
	BLOCK_TABLE,		/* a table: see tab; text is its cells for search */
};

/* One slot of a table's grid. A cell spanning rows or columns is kept in
 * its top-left slot; the slots it covers have text NULL and span 0. */
struct table_cell {
	char		*text;		/* '\n' at hard breaks; NULL when covered */
	size_t		 len;
	int		 colspan;	/* 1.. (0 covered) */
	int		 rowspan;
	bool		 number;	/* 1,200 12.5% -3: set right-aligned */
};

struct table {
	size_t			 nrows;
	size_t			 ncols;
	size_t			 head;		/* the first head rows are the header */
	struct table_cell	*cells;		/* nrows × ncols, row by row */
};

/* What a BLOCK_FIGURE knows of its photo; each field may be NULL. */
struct figure {
	char		*path;		/* the file as written, relative to the page file */
	char		*alt;		/* the image's own description */
	char		*caption;	/* 图为…, paired from the page */
	char		*credit;	/* 本报记者 周明 摄 */
};

/* struct block's twin when its text has no slot (convert.h) */
#define BLOCK_TWIN_NONE UINT32_MAX

struct block {
	enum block_kind	 kind;
	uint32_t	 twin;		/* converted with the issue's twin
					 * (convert.h): its text's slot there
					 * + 1, BLOCK_TWIN_NONE none; 0 not */
	char		*text;		/* the visible text; '\n' only at hard breaks */
	size_t		 len;
	int		 line;		/* 1-based line in the source file */
	int		 jump_page;	/* BLOCK_JUMP: the page it names, 0 unknown */
	int		 jump_dir;	/* BLOCK_JUMP: +1 continued on (下转), -1 from (上接) */
	size_t		 after;		/* page items: articles on the page before it */
	struct figure	*fig;		/* BLOCK_FIGURE: its parts (owned); text is
					 * what is shown: "[图] caption credit" */
	struct table	*tab;		/* BLOCK_TABLE: its grid (owned) */
};

struct page;
struct convert_twin;
struct obstack;

/*
 * Where a shelved article's blocks are (shelf.h): a big file's story the
 * loader parsed, checked that it reads alike alone and then let go, to be
 * parsed again from its file when it is wanted. A shelved article holds
 * no blocks (nblocks 0, until read back): its jumps, captions, credits
 * and furniture, what the page-wide readers look for in every article
 * (the front page's captions, --list's jumps), are its shelf's marks
 * (article_mark); it never holds a photo or a table. Every other reader
 * reads it back first (shelf_fetch). A shelf lies in the issue's store
 * (struct shelf_file), freed with the issue, with its marks and the
 * headline when it is not the file's bytes as they are: one that is
 * stays in the file (a headline of the bench's 100 MB page, 33 bytes, is
 * more than its shelf), read when shown (article_headline) and with the
 * story's blocks when they are read back; so does a mark's text.
 */
struct shelf {
	uint32_t	 off;		/* the file offset of its first line
					 * (the article's shelf_back lines
					 * before its headline's) */
	uint32_t	 len;		/* its bytes there (a file read in parts
					 * is at most 1 GiB) */
	/* hlen > 0: the article's headline is the file's hlen bytes at
	 * off + hat, as they are, whose text_hash is hsum (not kept in
	 * memory: article_headline reads them, and knows them again in a
	 * file changed since); else it is kept here, in headline */
	uint32_t	 hsum;
	uint16_t	 hat;
	uint8_t		 hlen;
	uint8_t		 nmarks;
	/* its nmarks marks (struct shelf_mark), then the article's headline,
	 * unless hlen > 0 (shelf_headline), then the marks' texts kept here */
	char		 rest[];
};

/* The most lines a shelved story begins before its headline's (the
 * article's shelf_back): one that begins earlier stays in memory. */
#define SHELF_BACK_MAX 31

/* Shelved stories read back and held by nothing stay read in until this
 * many others are read after them. */
#define SHELF_WINDOW 32

/* The longest headline left in its file (a longer one is kept). */
#define SHELF_HEADLINE_MAX 255

/*
 * A mark of a shelved story (struct shelf): a jump, caption, credit or
 * furniture block of it, in 20 bytes (a block and its text are 64 and
 * more: 11,023 of them for the bench's 100 MB page, 2 MB). Its text is
 * the file's bytes, when they are as they are (article_mark reads them
 * and knows them again in a file changed since), else kept in the store.
 */
struct shelf_mark {
	uint32_t	 at;		/* its text: the file's bytes at the
					 * shelf's off + at, or, SHELF_MARK_KEPT,
					 * the store's at the shelf + at */
	uint32_t	 line;		/* its block's */
	uint32_t	 sum;		/* in the file: text_hash of its bytes */
	uint16_t	 len;		/* its bytes there, or its text's */
	int16_t		 jump_page;
	uint8_t		 kind;		/* enum block_kind */
	int8_t		 jump_dir;
	uint8_t		 flags;		/* SHELF_MARK_* */
};

#define SHELF_MARK_KEPT 1	/* its text is in the store */
#define SHELF_MARK_AFTER 2	/* a page item it adopted (block after) */
/* its text is what shelf_mark_made makes of the len bytes in the file */
#define SHELF_MARK_MADE 4

/* The longest mark's text left in its file (a longer one is kept): a
 * caption is often a paragraph, 1,050 of the bench's 100 MB page's
 * 4,567 over 255 bytes. */
#define SHELF_MARK_MAX 4095

/* The most paragraphs after its first that a mark left in its file joins
 * (the bench's 100 MB page: 719 captions of two) */
#define SHELF_MARK_JOINS 8

/*
 * The text a mark's bytes in its file make (SHELF_MARK_MADE), in buf
 * (SHELF_MARK_MAX + 1 bytes), *len of them: the blanks that end a line
 * before the next dropped (a Markdown hard break: 新华社发, two spaces,
 * then the credit under it; the CR of a CRLF line end), paragraphs one
 * again over the blank lines between them, with a space where
 * text_join_needs_space puts one (a caption a column break cut, as the
 * loader joins it), and ASCII , ; : ? ! full width as text_ascii_punct
 * makes them (a caption written 图为码头,工人…). False when it would
 * not fit.
 */
bool shelf_mark_made(char *buf, size_t *len);

/* sh's marks. */
static inline const struct shelf_mark *
shelf_marks(const struct shelf *sh)
{
	return (const struct shelf_mark *)(const void *)sh->rest;
}

/* sh's headline, when it is kept in the store (hlen 0). */
static inline char *
shelf_headline(struct shelf *sh)
{
	return sh->rest + sh->nmarks * sizeof(struct shelf_mark);
}

/* The file shelved articles are read from again: held open, so that a
 * file renamed or removed meanwhile still reads as it was; one changed
 * in place (its size or time) is not read again. */
struct shelf_file {
	int		 fd;
	int		 flags;		/* the load's LOAD_* flags */
	bool		 page_file;	/* a page of an issue directory: the
					 * file is the page (no page breaks) */
	struct stat	 st;		/* the file as it was read */
	struct obstack	*store;		/* the shelves and their headlines */
	/* the stories read back and held by none, the last read last: the
	 * one that falls out of it is let go again (shelf.c) */
	struct article	*window[SHELF_WINDOW];
	size_t		 nwindow;
	struct shelf_file *next;	/* the issue's next one, or NULL */
};

struct article {
	char		*headline;	/* NULL: none, or, headline_len > 0, in
					 * its file (article_headline) */
	struct block	*blocks;	/* nblocks of them */
	struct page	*page;		/* (borrowed) */
	struct shelf	*shelf;		/* its blocks are in the file, or NULL
					 * (in the issue's shelf store); read
					 * back when read_in */
	uint32_t	 headline_len;	/* (a file is at most 1 GiB) */
	int16_t		 jump_to;	/* page it continues on (下转第N版), 0 none
					 * (1..RECOG_MAX_PAGE) */
	int16_t		 jump_from;	/* page it continues from (上接第N版), 0 none */
	bool		 short_news:1;	/* a 本报讯 item */
	bool		 page_text:1;	/* the page's text outside its stories, titled by the page */
	bool		 converted:1;	/* its blocks have been converted (convert.h) */
	bool		 headline_kept:1; /* headline is in the issue's shelf store,
					 * not its own (article_own_headline) */
	bool		 read_in:1;	/* shelved, its blocks read back for now */
	/* its headline read back with its blocks (its shelf's hlen > 0):
	 * let go with them */
	bool		 headline_back:1;
	unsigned	 holds:19;	/* read in, held by this many (shelf_hold) */
	/* shelved: its piece's headings are flat (read back so), it is
	 * article_is_brief as it was, and its first line is this many
	 * before its headline's (its page's number is the one it was
	 * read with) */
	bool		 shelf_flat:1;
	bool		 shelf_brief:1;
	unsigned	 shelf_back:5;
	int		 line;		/* line of the headline */
	uint32_t	 index;		/* position on its page, 0-based (the
					 * pointers first, then the 32-bit
					 * fields: 56 bytes for each of a
					 * page's thousands) */
	uint32_t	 nblocks;	/* (a block takes a byte at least) */
};

/* a's blocks are in its file, not in memory: it is shelved and not
 * read back now. */
static inline bool
article_shelved(const struct article *a)
{
	return a->shelf != NULL && !a->read_in;
}

/*
 * What a search may pass over in a shelved story shown in the other
 * script, learnt when it is first converted (convert_copy); kept by its
 * page (article_memo), not by each of its thousands of stories.
 */
struct search_memo {
	/* bit i set when its conversion brings, where its printed text has
	 * a character that folds otherwise, the twin's brought character i
	 * (convert_brought: 瞭 of 了解 → 瞭解); CONVERT_BROUGHT_ANY for one
	 * not listed there, or a block not compared character for
	 * character */
	uint32_t	 brings;
	/* bit k % 6 set when block k's conversion may change what a search
	 * finds in it */
	uint8_t		 differs;
	bool		 known;		/* the above are learnt */
};

struct contents_entry {
	char		*title;		/* 竞逐太空计算赛道，中国抢先“落子” */
	int		 page;		/* 3 for "03版", 0 when none is given */
	char		*page_label;	/* the page as written ("03版"), or NULL */
	int		 line;
	struct article	*target;	/* (borrowed) the article it names, NULL if not loaded */
};

struct page {
	int			 number;	/* 1 for 01.md; 1 for a single file */
	char			*path;		/* the file it was read from */
	char			*title;		/* a page heading (# 第2版 要闻), or NULL */
	struct article		*articles;
	size_t			 narticles;
	struct block		*items;		/* captions, credits, furniture, loose text */
	size_t			 nitems;
	char			*contents_title; /* 本期导读, or NULL */
	struct contents_entry	*contents;
	size_t			 ncontents;
	size_t			 contents_after; /* articles before the contents box */
	bool			 pending;	/* not parsed yet (LOAD_LAZY): see issue_load_pages() */
	char			*failed;	/* why it could not be read ("PATH: reason"),
						 * or NULL; a failed page is empty */
	int			 contents_line;	/* line of contents_title, 0 if none */
	bool			 converted;	/* its text has been converted (convert.h) */
	struct issue		*issue;		/* (borrowed) */
	struct shelf_file	*shelf;		/* (borrowed: the issue's) where its
						 * shelved articles are read
						 * again, or NULL */
	struct search_memo	*memo;		/* by article index, nmemo of
						 * them (article_memo) */
	size_t			 nmemo;
};

/*
 * pg's article i (i < pg->narticles). Outside the loader, which builds
 * and moves a page's array while it parses the page, a story is reached
 * through this alone.
 */
static inline struct article *
page_article(const struct page *pg, size_t i)
{
	return &pg->articles[i];
}

struct issue {
	char		*path;
	char		*title;		/* 中国高新技术产业导报, or the file name */
	char		*title_en;	/* CHINA HIGH-TECH INDUSTRY HERALD, or NULL */
	char		*publine;	/* the whole publication line, or NULL */
	char		*publisher;	/* 科学技术部主管 科技日报社主办, or NULL */
	char		*date;		/* 2025-11-17, or NULL */
	char		*date_text;	/* 2025年11月17日, or NULL */
	char		*weekday;	/* 星期一, or NULL */
	int		 number;	/* 42 (第42期), 0 unknown */
	int		 running;	/* 2646 (总第2646期), 0 unknown */
	int		 page_count;	/* 24 (今日24版), 0 unknown */
	struct page	*pages;		/* sorted by number */
	size_t		 npages;
	size_t		 npending;	/* pages not parsed yet (LOAD_LAZY) */
	int		 load_flags;	/* how the pending pages are to be parsed */
	bool		 partial;	/* LOAD_LAZY, one big file parsed only in
					 * part so far (issue_load_pages) */
	bool		 masthead_seen;	/* the loader met the masthead (# title) */
	struct convert_twin *twin;	/* the text in the other script (convert.h), owned */
	struct shelf_file *shelf;	/* where shelved articles are read again
					 * (a list: one for each file read in
					 * parts), or NULL */
};

/* Free an issue and everything it owns. NULL is allowed. */
void issue_free(struct issue *is);
/* Free what a page holds of its text (articles, items, contents box);
 * its number, path and title stay. */
void page_empty(struct page *p);
/* Free what block b holds (not b). */
void block_free(struct block *b);
/* Free n blocks and the array v. */
void blocks_free(struct block *v, size_t n);
/* Free a table block's grid. NULL is allowed. */
void table_free(struct table *t);
/* How issue_free frees a twin (the converter sets it when it makes one:
 * the model does not depend on the converter). */
extern void (*issue_twin_free)(struct convert_twin *t);
/* How the model tells the twin that a block whose text it holds is
 * about to be freed (its slot is let go): a shelved story's blocks go
 * when it is let go again (shelf.c). Set with issue_twin_free. */
extern void (*issue_twin_drop)(struct convert_twin *t, struct block *b);
/* A new empty page at the end of is's pages, numbered number, read from
 * path (copied). Pointers to is's pages may move. */
struct page *issue_add_page(struct issue *is, int number, const char *path);
/* The page after the last of issue is, read from the same file, numbered
 * number (a page break in a single file: an assemble_more). */
struct page *issue_more_page(void *is, int number);
/* The page numbered n, or NULL. */
struct page *issue_find_page(const struct issue *is, int n);
/*
 * A story's place in its issue: its page's index in is->pages and its
 * own on the page. A walk over an issue's stories (a search, the next
 * unread) steps by it, and makes only the story it stops at.
 */
struct story_at {
	size_t	page, i;
};
/* The first (dir > 0) or last (dir < 0) story of is in *at; false when
 * it has none. */
bool issue_story_first(const struct issue *is, int dir, struct story_at *at);
/* *at moved to the next (dir > 0) or previous story of is, across pages;
 * false past the end (*at as it was). */
bool issue_story_step(const struct issue *is, int dir, struct story_at *at);
/* Where a, a story of is, stands; at->page is is->npages if a is not
 * one of is's. */
struct story_at issue_story_at(const struct issue *is,
                               const struct article *a);
/* Next/previous article in reading order across pages, or NULL. */
struct article *issue_next_article(const struct issue *is, const struct article *a);
struct article *issue_prev_article(const struct issue *is, const struct article *a);
/* Total number of articles. */
size_t issue_count_articles(const struct issue *is);
/* The file of figure f of article a: its path as written, taken beside
 * the page file that names it (an absolute path as it is); NULL when the
 * figure names no file. Caller frees. */
char *issue_figure_file(const struct article *a, const struct figure *f);
/* A brief (本报讯, 本报电 opening its first paragraph): listed in a line
 * on the front page. */
bool article_is_brief(const struct article *a);
/*
 * a's headline and its length: a->headline, or, of a shelved story whose
 * headline is in its file, the file's bytes read into one of a few
 * buffers of the thread's (the same until eight more are read), or a
 * note that they cannot be (the file changed there). NULL: a has no
 * headline.
 */
const char *article_headline(const struct article *a, size_t *len);
/* The same of p's article i, for a loader whose pages may have moved
 * since their articles were made (their page pointers not yet set). */
const char *page_headline(const struct page *p, size_t i, size_t *len);
/*
 * What a walk over a page's stories (the front page's lists, the
 * contents, a jump's or a search's scan, --list) reads of story i of
 * pg without the story: of one kept in its file, what its shelf keeps
 * (struct shelf). A page of thousands makes a story when it is read,
 * not when a walk passes it.
 */
/* Kept in its file (a->shelf set): read back to be read. */
bool story_in_file(const struct page *pg, size_t i);
/* In its file and not read back now (article_shelved). */
bool story_shelved(const struct page *pg, size_t i);
/* Its search memo (article_memo). */
const struct search_memo *story_memo(const struct page *pg, size_t i);
/* article_is_brief. */
bool story_brief(const struct page *pg, size_t i);
/* The page's own text outside its stories (a->page_text). */
bool story_page_text(const struct page *pg, size_t i);
/* The page it continues on (dir > 0: 下转, a->jump_to) or from (上接,
 * a->jump_from), 0 when none. */
int story_jump(const struct page *pg, size_t i, int dir);
/* article_nmarks and article_mark. */
size_t story_nmarks(const struct page *pg, size_t i);
const struct block *story_mark(const struct page *pg, size_t i, size_t k,
                               struct block *b, char *buf);
/* a's search memo, or NULL when nothing is learnt of it. */
const struct search_memo *article_memo(const struct article *a);
/* a's search memo to learn into (zero when new). */
struct search_memo *article_memo_set(const struct article *a);

/*
 * What a page-wide reader may look at of a without reading a story in
 * its file back: its blocks, or, shelved, its marks (struct shelf): how
 * many, and the k-th as a block: a's own, or, of a shelved one, made in
 * *b, its text kept in the store, or read into buf (SHELF_MARK_MAX + 1
 * bytes), or a note that it cannot be (the file changed there); with buf
 * NULL, not read (its text NULL: for a reader of its kind and jump).
 */
size_t article_nmarks(const struct article *a);
const struct block *article_mark(const struct article *a, size_t k,
                                 struct block *b, char *buf);
/* a's headline made its own (a copy of the one kept in the shelf store,
 * or read from its file), for good: for a caller that replaces it and
 * frees what it replaced. */
void article_own_headline(struct article *a);
/* Pages that could not be read (page->failed set). */
size_t issue_count_failed(const struct issue *is);
/* The slot of page item b: the articles before it, at most narticles. */
size_t page_item_slot(const struct page *p, const struct block *b);
/*
 * The indexes of p's items by slot, and in their order within a slot (a
 * stable counting sort): walking it with a cursor visits each slot's
 * items in one pass over the page, where a scan of all items for each
 * slot costs articles times items. Caller frees; NULL when no items.
 */
size_t *page_item_order(const struct page *p);

#endif
