/*
 * convert.h: 简⇄繁, the model's text in another Chinese script, through
 * OpenCC (phrase-level conversion, regional variants). libopencc is loaded
 * with dlopen when a conversion is first asked for: its C++ runtime and
 * dictionaries cost nothing to readers who do not convert, and a machine
 * without OpenCC still reads (the original text, and a message).
 */
#ifndef HERALD_CONVERT_H
#define HERALD_CONVERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct issue;
struct convert_twin;

enum convert_script {
	CONVERT_ORIGINAL,    /* as printed */
	CONVERT_TRADITIONAL, /* s2t: OpenCC's standard traditional */
	CONVERT_TAIWAN,      /* s2twp: Taiwan forms and phrases */
	CONVERT_HONGKONG,    /* s2hk: Hong Kong forms */
	CONVERT_SIMPLIFIED,  /* t2s */
};

/* "original", "traditional", "taiwan", "hongkong", "simplified": 0 and
 * *out, or -1. */
int convert_parse(const char *name, enum convert_script *out);
const char *convert_name(enum convert_script s);

struct convert;

/*
 * A converter to script s (not CONVERT_ORIGINAL): loads libopencc and the
 * script's OpenCC config (from $HERALD_OPENCC_DIR when set, else OpenCC's
 * data directory). NULL and *err ("OpenCC ...: reason", caller frees) when
 * either is missing.
 */
struct convert *convert_open(enum convert_script s, char **err);
void convert_close(struct convert *c);

/* s in the other script: sanitised, NUL-terminated, caller frees; NULL
 * when OpenCC fails (the caller keeps s). */
char *convert_text(struct convert *c, const char *s, size_t len,
                   size_t *outlen);

/*
 * Show is converted by c (on) or as printed (off). Converting keeps each
 * original string beside its conversion (in is->twin), so going back and
 * forth only swaps them; when on, whatever is not converted yet (the
 * masthead and publication line, pages parsed since) is converted now.
 * Pages, articles and blocks stay where they are: only the strings and
 * their lengths change, so pointers to articles stay valid. c may be NULL
 * when off.
 */
void convert_show(struct convert *c, struct issue *is, bool on);
/* is shows converted text (convert_show(…, true) was the last call). */
bool convert_shown(const struct issue *is);
/* convert_show(c, is, true): is in c's script (the bodies of articles
 * past the first page when convert_article asks for them). */
void convert_issue(struct convert *c, struct issue *is);
struct article;
/*
 * The body of a in the script its issue is shown in: a no-op unless the
 * issue is shown converted. Whatever reads an article's blocks (lays
 * it out, dumps or searches it) asks for it first; a body is converted
 * once, when first needed.
 */
void convert_article(const struct article *a);
/* s, a text of is's (a shelved story's mark: story_mark), in the script
 * is is shown in: a converted copy the caller frees, or NULL when it is
 * shown as printed (or OpenCC fails). */
char *convert_shown_text(const struct issue *is, const char *s, size_t len,
                         size_t *outlen);
/*
 * a's text as it is shown: a itself (convert_article), or tmp, a copy of
 * a story in its file read back (shelf_borrow) and converted in the copy
 * (convert_copy, alike as it says), so that a reader of every story holds
 * one at a time. Give it back with shelf_return(a, tmp).
 */
const struct article *convert_borrow(const struct article *a,
                                     struct article *tmp, bool alike);
/*
 * copy, a's blocks read back for a search (shelf_borrow), in the script
 * a's issue is shown in: converted where they are, the original text
 * freed; no twin is kept (a search of a big file's every story holds one
 * story at a time, not the file twice over). The first time, a learns
 * which of its blocks convert to text a search may find otherwise
 * (its page's struct search_memo, article_memo) and what they bring
 * (convert_brought); when alike, the others stay as
 * printed: a search folded with convert_fold_char, or whose needle folds
 * to no ideograph, finds in them what it finds converted (a second
 * search of a big file converts a few of its blocks, not all: OpenCC
 * converts about 7 MB a second).
 */
void convert_copy(const struct article *a, struct article *copy, bool alike);
/*
 * The characters the conversions of is have brought where the
 * text as printed has one that folds otherwise (了解 → 瞭解: 瞭), bit
 * i % CONVERT_BROUGHT of a story's search memo's brings for *chars[i]: a search
 * for a needle none of whose ideographs any of them folds to, in a story
 * that brings no other (CONVERT_BROUGHT_ANY: more than CONVERT_BROUGHT_MAX
 * were brought), finds in it, converted, only what its bytes as printed
 * may hold (the needle's ideographs, folded). Their count; 0 when none.
 */
#define CONVERT_BROUGHT 31
#define CONVERT_BROUGHT_ANY (1u << CONVERT_BROUGHT)
#define CONVERT_BROUGHT_MAX 4096
size_t convert_brought(const struct issue *is, const uint32_t **chars);
/* How many blocks convert_copy has converted, for the process. */
unsigned long convert_copied(void);
/* How many slots of twins the blocks that went have touched,
 * for the process (a block keeps its slot: a story let go touches its
 * own, not every story's). */
unsigned long convert_twin_looked(void);
/* The slots is's twin has, in use or let go to be taken again (0 with
 * no twin): reading a big file through again does not add to them. */
size_t convert_twin_slots(const struct issue *is);
/*
 * part, a part of a big file's page that --dump reads in parts (stream.c),
 * in c's script: its stories, items and contents box converted where they
 * are, the original text freed (no twin: it is printed, then freed). Not
 * its title, which a part borrows (the page's head is printed from the
 * rules' read, converted with convert_issue).
 */
struct page;
void convert_part(struct convert *c, struct page *part);
/* convert_article for every article of is's parsed pages (--dump,
 * --list), but of a story kept in its file (shelf.h) only the marks it
 * keeps: its body is converted when it is laid out. */
void convert_all(struct issue *is);
/*
 * load_hook (load_set_hook(convert_hook, c)): each issue and page loaded
 * is shown converted when c is on (convert_set_on; off when opened), as
 * printed when off. The reader turns it on and off with T.
 */
void convert_hook(struct issue *is, void *ctx);
void convert_set_on(struct convert *c, bool on);
enum convert_script convert_script_of(const struct convert *c);
/* The script's name in its own forms, for the status line: "繁體"…; ""
 * for the original. */
const char *convert_label(enum convert_script s);
/* Free what convert_show kept for is (issue_free calls it). */
void convert_twin_free(struct convert_twin *t);

/*
 * The search fold of a character (text_fold_with): a CJK ideograph in
 * simplified form (t2s, character by character, so 国 and 國 fold alike
 * and no fold changes a length the search maps back), anything else as
 * it is. OpenCC is asked once per character for the process; without
 * OpenCC or its t2s data every character is itself.
 */
uint32_t convert_fold_char(uint32_t c);
/* Whether convert_fold_char can fold (OpenCC and t2s load); loads them. */
bool convert_fold_ready(void);
/* How many characters convert_fold_char has asked OpenCC about. */
unsigned long convert_fold_asked(void);

/* The file of the OpenCC library loaded here, its version in the name
 * ("libopencc.so.1.1.5"), or NULL when it cannot be loaded. */
const char *convert_library(void);

#endif
