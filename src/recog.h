/*
 * recog.h: the recognisers: what one block's text is to a newspaper.
 * Pure functions of the text (recog_publine fills the issue's fields).
 */
#ifndef HERALD_RECOG_H
#define HERALD_RECOG_H

#include <stdbool.h>
#include <stddef.h>

struct issue;

/* Page numbers outside 1..RECOG_MAX_PAGE are "unknown" (0). */
#define RECOG_MAX_PAGE 9999

/* v as a page number: 1..RECOG_MAX_PAGE, else 0 (unknown). */
int recog_page_or_zero(long v, bool negative);
/*
 * A page reference: optional 第, optional sign, optional letter (A3),
 * digits or Chinese numerals. Returns bytes used (0 if none); *page is
 * 1..RECOG_MAX_PAGE or 0 when out of range.
 */
size_t recog_page_ref(const char *s, size_t len, int *page);
/* What a jump names: 第2版 (a newspaper's pages), 第16页 (a journal's). */
enum recog_jump_unit {
	RECOG_JUMP_NONE,
	RECOG_JUMP_BAN,
	RECOG_JUMP_YE,
};
/* *page for 接上版 and 转下版: the page before, the page after this one. */
#define RECOG_PREV_PAGE (-1)
#define RECOG_NEXT_PAGE (-2)
/*
 * A jump line (the whole block): 下转第2版, ▲▲ 上接第1版, （转５版）,
 * (紧接1版), 接上版, 下转第2版。, continued on page N, continued from
 * page N; 下转第16页 (RECOG_JUMP_YE). *dir is +1 (continued on) or -1
 * (continued from); *page 0..RECOG_MAX_PAGE or RECOG_PREV_PAGE/NEXT.
 */
enum recog_jump_unit recog_jump_any(const char *s, size_t len, int *page,
                                    int *dir);
/* recog_jump_any for 版 (or no unit) only. */
bool recog_jump(const char *s, size_t len, int *page, int *dir);
/*
 * A jump opening a paragraph ("（上接第1版）本报讯…"): its length in
 * bytes, 0 if none. Text must follow it.
 */
size_t recog_jump_lead(const char *s, size_t len, int *page, int *dir,
                       enum recog_jump_unit *unit);
/*
 * A jump ending a paragraph ("…能力。(下转第2版)", "…能力。下转第2版"):
 * the offset where it starts, len if none. Text must come before it.
 */
size_t recog_jump_tail(const char *s, size_t len, int *page, int *dir,
                       enum recog_jump_unit *unit);
/* A byline: ▶ 本报记者 李争粉, 记者 X, 本报通讯员 X, 文/X. */
bool recog_byline(const char *s, size_t len);
/* A photo credit: 新华社发, (庄歌尔/摄), 新华社记者 X 摄, X 供图, 资料图片. */
bool recog_credit(const char *s, size_t len);
/* A caption: 图为…, 图：…, 上图…, 图①… */
bool recog_caption(const char *s, size_t len);
/*
 * A table's caption: 表1 …, 表 2：…, 表2-1、…, 续表3, 表三 …, Table 4. …:
 * short (60 characters at most), no sentence end in it.
 */
bool recog_table_caption(const char *s, size_t len);
/*
 * A caption ending in its credit ("图为…。 本报记者 周明 摄"): the offset
 * where the credit starts, len if the block does not end in one.
 */
size_t recog_caption_credit(const char *s, size_t len);
/* Page furniture: 本版责任编辑：…, 社址：…, a running head, "— 2 —". */
bool recog_furniture(const char *s, size_t len);
/* A section label: 要闻, 新 闻, 青岚文脉 (2..5 ideographs, no punctuation). */
bool recog_section_label(const char *s, size_t len);
/* A numbered subhead: 一、…, （一）…, 1. …, 1、… */
bool recog_enumerated(const char *s, size_t len);
/* A line of Latin text with no CJK (the masthead's English title). */
bool recog_latin_line(const char *s, size_t len);
/* 本期导读, 目录, 要目, Contents, In this issue … */
bool recog_contents_heading(const char *s, size_t len);
/*
 * A contents entry on a line or paragraph of its own: a title and its
 * page at the end, "青岚港二期码头投运 2版" or "…投运2版" (in 版, a space
 * or none), "冬季供暖保障进行时 3" (a bare number, pdftotext: after a
 * space, at most 3 digits); digits ASCII or full width. Never a sentence
 * (。), two lines, more than 40 characters, or a number alone. True with
 * *page (1..RECOG_MAX_PAGE) and *ban (if not NULL: it ends in 版).
 */
bool recog_contents_entry(const char *s, size_t len, int *page, bool *ban);
/* A page heading rather than a masthead: 第2版 要闻, A3版. */
bool recog_page_heading(const char *s, size_t len);
/*
 * A publication line (date, 第N期, 总第N期, 今日N版, 星期N, publisher):
 * true, and the issue's publine, date, number, … filled from it.
 */
bool recog_publine(struct issue *is, const char *s, size_t len);

#endif
