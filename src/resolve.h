/*
 * resolve.h: links across the pages of an issue: contents entries and
 * jump lines to the articles they name.
 */
#ifndef HERALD_RESOLVE_H
#define HERALD_RESOLVE_H

#include "issue.h"

/* Link contents entries and jump lines to the articles they name. */
void resolve_issue(struct issue *is);
/*
 * The article a's jump (dir +1: 下转第N版, -1: 上接第N版) leads to, on page
 * page: among the stories there whose jump the other way names a's page,
 * the one whose headline is most alike (the first if none is); with no
 * such story, one whose headline is alike enough. NULL: none (or the
 * page is absent or a's own).
 */
struct article *resolve_jump(const struct issue *is, const struct article *a,
                             int page, int dir);
/*
 * resolve_jump of story i of page from, without the stories: the index
 * of the one it leads to on *to, or SIZE_MAX for none; the keys of the
 * stories looked at on page kept in memo (NULL: none) for the next jump
 * into that page (--list of a page of 5,000 jumps into another's 5,000:
 * 5.1 s, each key made again for each). memo keeps one page's, until
 * resolve_memo_free.
 */
struct resolve_memo;
struct resolve_memo *resolve_memo_new(void);
void resolve_memo_free(struct resolve_memo *memo);
size_t resolve_jump_memo(const struct issue *is, const struct page *from,
                         size_t i, int page, int dir,
                         struct resolve_memo *memo, const struct page **to);
/* resolve_jump for a's 下转 (a->jump_to) and its 上接 (a->jump_from). */
struct article *resolve_continuation(const struct issue *is,
                                     const struct article *a);
struct article *resolve_continued_from(const struct issue *is,
                                       const struct article *a);
/* How alike two headlines are, 0 (not) to 100 (the same but for spaces,
 * punctuation, case and full-width forms). */
int resolve_headline_score(const char *a, const char *b);
/* How many headlines' match keys have been made, for the process: a jump
 * resolved makes its story's once and one for each story it looks at. */
unsigned long resolve_keys_made(void);

#endif
