/*
 * recog.c: the recognisers. Each one looks at the text of one block and
 * says what it is to a newspaper: a jump line (下转第2版), a byline, a
 * photo credit, the masthead's Latin line, a contents heading, a page
 * heading, the publication line. Pure functions of the text (the
 * publication line fills the issue's fields): no state, no model
 * building, so each is tested alone (tests/unit/test-load.c).
 */
#include "build-config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "issue.h"
#include "recog.h"
#include "scan.h"
#include "swar.h"
#include "text.h"
#include "xmalloc.h"

/* 1..RECOG_MAX_PAGE, else 0 (unknown). */
int
recog_page_or_zero(long v, bool negative)
{
	if (negative || v < 1 || v > RECOG_MAX_PAGE)
		return 0;
	return (int)v;
}

/*
 * A page reference: optional 第, optional sign, optional letter (A3),
 * digits or Chinese numerals. Returns bytes used (0 if none); *page is
 * 1..RECOG_MAX_PAGE or 0 when out of range.
 */
size_t
recog_page_ref(const char *s, size_t len, int *page)
{
	size_t used = 0, k;
	bool neg = false;
	long v = 0;

	if (scan_prefix(s, len, "第"))
		used += 3;
	while (used < len && s[used] == ' ')
		used++;
	if (used < len && (s[used] == '-' || s[used] == '+')) {
		neg = s[used] == '-';
		used++;
	} else if (scan_prefix(s + used, len - used, "−")) {
		neg = true;
		used += 3;
	}
	if (used + 1 < len &&
	    ((s[used] >= 'A' && s[used] <= 'Z') ||
	     (s[used] >= 'a' && s[used] <= 'z')) &&
	    scan_digit((unsigned char)s[used + 1]) >= 0)
		used++;
	k = scan_digits(s + used, len - used, &v, NULL);
	if (k == 0)
		k = scan_cjk_number(s + used, len - used, &v);
	if (k == 0)
		return 0;
	*page = recog_page_or_zero(v, neg);
	return used + k;
}

/*
 * A jump line (the whole paragraph): 下转第2版, ▲▲ 上接第1版, 转第3版,
 * (下转第N版), （转５版）, (紧接1版), 接上版, 下转第2版。, continued on
 * page N, continued from page N; 下转第16页 with the unit 页.
 */
enum recog_jump_unit
recog_jump_any(const char *s, size_t len, int *page, int *dir)
{
	enum recog_jump_unit unit = RECOG_JUMP_BAN;
	size_t k;
	uint32_t c;

	scan_trim(&s, &len);
	if (len == 0 || scan_more(s, len, 40))
		return RECOG_JUMP_NONE;
	scan_skip_marks(&s, &len);
	while (len > 0 && scan_is_open(scan_first(s, len))) {
		k = text_next(s, len, &c);
		s += k;
		len -= k;
		scan_trim(&s, &len);
	}
	while (len > 0 && (scan_is_close(c = scan_last(s, len)) || c == 0x3002 ||
	                   c == '.' || scan_is_space(c)))
		len -= text_prev(s, len, &c);
	scan_skip_marks(&s, &len);
	if (scan_prefix(s, len, "下转")) {
		*dir = 1;
		k = 6;
	} else if (scan_prefix(s, len, "上接") || scan_prefix(s, len, "紧接")) {
		*dir = -1;
		k = 6;
	} else if (scan_prefix(s, len, "转")) {
		*dir = 1;
		k = 3;
	} else if (scan_prefix(s, len, "接")) {
		*dir = -1;
		k = 3;
	} else if ((k = scan_ci_prefix(s, len, "continued on page")) > 0)
		*dir = 1;
	else if ((k = scan_ci_prefix(s, len, "continued from page")) > 0)
		*dir = -1;
	else
		return RECOG_JUMP_NONE;
	s += k;
	len -= k;
	while (len > 0 && s[0] == ' ')
		s++, len--;
	/* 接上版, 转下版: the page before or after this one. */
	if (len == 6 && *dir < 0 && memcmp(s, "上版", 6) == 0) {
		*page = RECOG_PREV_PAGE;
		return RECOG_JUMP_BAN;
	}
	if (len == 6 && *dir > 0 && memcmp(s, "下版", 6) == 0) {
		*page = RECOG_NEXT_PAGE;
		return RECOG_JUMP_BAN;
	}
	if ((k = recog_page_ref(s, len, page)) == 0)
		return RECOG_JUMP_NONE;
	s += k;
	len -= k;
	while (len > 0 && s[0] == ' ')
		s++, len--;
	if (scan_prefix(s, len, "版") || scan_prefix(s, len, "面"))
		s += 3, len -= 3;
	else if (scan_prefix(s, len, "页")) {
		s += 3, len -= 3;
		unit = RECOG_JUMP_YE;
	}
	scan_trim(&s, &len);
	return len == 0 ? unit : RECOG_JUMP_NONE;
}

bool
recog_jump(const char *s, size_t len, int *page, int *dir)
{
	return recog_jump_any(s, len, page, dir) == RECOG_JUMP_BAN;
}

/* How far (in characters) into a paragraph a jump may reach. */
#define JUMP_REACH 24

/* Can c follow 转 or 接 (and spaces) in a jump? The start of a page
 * (第, a sign, a letter as in A3, a digit, a Chinese numeral) or of
 * 上版, 下版: what recog_jump_any reads there. */
static bool
jump_follows(uint32_t c)
{
	static const uint32_t cjk[] = {0x7b2c /* 第 */, 0x4e0a /* 上 */,
	    0x4e0b /* 下 */, 0x96f6, 0x4e00, 0x4e8c, 0x4e09, 0x56db, 0x4e94,
	    0x516d, 0x4e03, 0x516b, 0x4e5d /* 零一…九 */, 0x4e24 /* 两 */,
	    0x3007 /* 〇 */, 0x5341 /* 十 */, 0x2212 /* − */};
	size_t i;

	if (scan_digit(c) >= 0 || c == '-' || c == '+' ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
		return true;
	for (i = 0; i < sizeof cjk / sizeof cjk[0]; i++)
		if (c == cjk[i])
			return true;
	return false;
}

/* May a jump start at u + i (i + 2 < len): "continued", or 转 or 接
 * before what a page starts with (at the end of the text: yes)? */
static bool
jump_at(const unsigned char *u, size_t i, size_t len)
{
	const char *s = (const char *)u;
	size_t j;
	uint32_t c;

	if ((u[i] | 0x20) == 'c' &&
	    scan_ci_prefix(s + i, len - i, "continued") > 0)
		return true;
	if (!((u[i] == 0xe8 && u[i + 1] == 0xbd && u[i + 2] == 0xac) ||
	      (u[i] == 0xe6 && u[i + 1] == 0x8e && u[i + 2] == 0xa5)))
		return false;
	for (j = i + 3; j < len && u[j] == ' '; j++)
		continue;
	if (j >= len)
		return true;
	text_next(s + j, len - j, &c);
	return jump_follows(c);
}

/*
 * Every jump has 转 or 接 followed by a page (or "continued"): a
 * paragraph whose first or last JUMP_REACH characters (at most 4 bytes
 * each) lack one is passed by with a byte search, not decoded. 转 and
 * 接 are common in prose (转型, 直接), so what follows them is looked
 * at too; at the end of the window it may be outside: then yes. Eight
 * places at a time are passed over while none holds a c or C, and none
 * is followed two bytes on by 转's last byte (AC) or 接's (A5), which
 * are rarer in Chinese text than their first.
 */
static bool
may_hold_jump(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, end;

	while (i + 2 < len) {
		if (len - i >= 10) {
			uint64_t a = swar_load(u + i) | SWAR_ONES * 0x20;
			uint64_t t = swar_load(u + i + 2);

			if ((swar_has(a, 'c') | swar_has(t, 0xac) |
			     swar_has(t, 0xa5)) == 0) {
				i += 8;
				continue;
			}
		}
		for (end = i + 8 < len - 2 ? i + 8 : len - 2; i < end; i++)
			if (jump_at(u, i, len))
				return true;
	}
	return false;
}

/*
 * A jump opening a paragraph: "（上接第1版）本报讯…", "▲上接第1版 本报讯…".
 * Returns the bytes of the jump (0: none); text must follow it.
 */
size_t
recog_jump_lead(const char *s, size_t len, int *page, int *dir,
                enum recog_jump_unit *unit)
{
	size_t i = 0, k, n;
	uint32_t c;
	const char *r;
	size_t rl;

	if (!may_hold_jump(s, len < 4 * JUMP_REACH ? len : 4 * JUMP_REACH))
		return 0;
	for (n = 0; i < len && n < JUMP_REACH; n++) {
		k = text_next(s + i, len - i, &c);
		/* A jump ends at a closing bracket (taken) or a space. */
		if (scan_is_space(c) && i > 0 &&
		    (*unit = recog_jump_any(s, i, page, dir)) !=
		        RECOG_JUMP_NONE)
			goto found;
		i += k;
		if (scan_is_close(c) &&
		    (*unit = recog_jump_any(s, i, page, dir)) !=
		        RECOG_JUMP_NONE)
			goto found;
	}
	return 0;
found:
	r = s + i;
	rl = len - i;
	scan_trim(&r, &rl);
	return rl > 0 ? i : 0;
}

/*
 * A jump ending a paragraph: "…能力。(下转第2版)", "…能力。下转第2版".
 * Returns where it starts (len: none); text must come before it.
 */
size_t
recog_jump_tail(const char *s, size_t len, int *page, int *dir,
                enum recog_jump_unit *unit)
{
	size_t i = len, k, n, best = len;
	uint32_t c, prev;
	enum recog_jump_unit u;

	k = len < 4 * JUMP_REACH ? len : 4 * JUMP_REACH;
	if (!may_hold_jump(s + len - k, k))
		return len;
	for (n = 0; i > 0 && n < JUMP_REACH; n++) {
		k = text_prev(s, i, &c);
		i -= k;
		if (i == 0)
			break;
		/* A jump starts at an opening bracket or a mark, or after a
		 * space or the sentence before it. */
		prev = scan_last(s, i);
		if (!scan_is_open(c) && !scan_is_mark(c) &&
		    !scan_is_space(prev) && !scan_is_closing(prev))
			continue;
		if ((u = recog_jump_any(s + i, len - i, page, dir)) !=
		    RECOG_JUMP_NONE) {
			best = i;
			*unit = u;
		}
	}
	if (best == len)
		return len;
	recog_jump_any(s + best, len - best, page, dir);
	while (best < len && scan_is_space(scan_first(s + best, len - best)))
		best += text_next(s + best, len - best, &c);
	return best;
}

/* A byline: ▶ 本报记者 李争粉, 记者 X, 本报通讯员 X, 文/X. */
bool
recog_byline(const char *s, size_t len)
{
	static const char *const lead[] = {
	    "本报记者", "本报特约记者", "本报见习记者", "本报通讯员",
	    "特约记者", "见习记者",     "记者",         "通讯员",
	    "文/",      "文／",         "撰文",         "特约撰稿",
	    "撰稿",     "作者",         "本报评论员",   "评论员"};
	size_t i;

	if (scan_more(s, len, 40) || scan_contains(s, len, "。") ||
	    scan_contains(s, len, "\n"))
		return false;
	/* ▶ before a short line at an article's start marks a byline. */
	if (scan_prefix(s, len, "▶") || scan_prefix(s, len, "►"))
		return true;
	scan_skip_marks(&s, &len);
	for (i = 0; i < sizeof lead / sizeof lead[0]; i++)
		if (scan_prefix(s, len, lead[i]))
			return true;
	return false;
}

/* A photo credit: 新华社发, (庄歌尔/摄), 新华社记者 X 摄, X 供图, 资料图片. */
bool
recog_credit(const char *s, size_t len)
{
	uint32_t c;

	scan_trim(&s, &len);
	if (len == 0 || scan_more(s, len, 40) || scan_contains(s, len, "。"))
		return false;
	if (scan_prefix(s, len, "新华社发") || scan_prefix(s, len, "资料图片") ||
	    scan_prefix(s, len, "图片来源") || scan_suffix(s, len, "供图") ||
	    scan_suffix(s, len, "资料图片"))
		return true;
	while (len > 0 && (scan_is_close(c = scan_last(s, len)) || scan_is_space(c)))
		len -= text_prev(s, len, &c);
	if (!scan_suffix(s, len, "摄"))
		return false;
	/* "…拍摄" is a verb, not a credit. */
	return !scan_suffix(s, len, "拍摄");
}

bool
recog_latin_line(const char *s, size_t len)
{
	size_t k;
	uint32_t c;
	bool letter = false;

	if (scan_more(s, len, 100) || scan_contains(s, len, "\n"))
		return false;
	while (len > 0) {
		k = text_next(s, len, &c);
		if (text_is_cjk(c))
			return false;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
			letter = true;
		s += k;
		len -= k;
	}
	return letter;
}

bool
recog_contents_entry(const char *s, size_t len, int *page, bool *ban)
{
	size_t end = len, k;
	int ndig = 0, p = 0;
	bool in_ban;

	if (len == 0 || scan_more(s, len, 40) || scan_contains(s, len, "。") ||
	    scan_contains(s, len, "\n"))
		return false;
	if ((in_ban = scan_suffix(s, len, "版")))
		end -= strlen("版");
	/* the digits before the end: full-width ones are 3 bytes */
	for (k = end; k > 0 && scan_digit(scan_last(s, k)) >= 0; ndig++)
		k -= (unsigned char)s[k - 1] >= 0x80 ? 3 : 1;
	if (ndig == 0 || k == 0)
		return false;
	/* a bare number is a page only after a space, and short */
	if (!in_ban && (ndig > 3 || k < 2 || s[k - 1] != ' '))
		return false;
	if (recog_page_ref(s + k, end - k, &p) != end - k || p <= 0)
		return false;
	*page = p;
	if (ban != NULL)
		*ban = in_ban;
	return true;
}

bool
recog_contents_heading(const char *s, size_t len)
{
	static const char *const names[] = {"本期导读", "导读",     "目录",
	                                    "本期目录", "要目",     "本期要目",
	                                    "今日导读", "今日要目", "本期看点"};
	size_t i;
	uint32_t c;

	scan_skip_marks(&s, &len);
	while (len > 0 && scan_is_open(scan_first(s, len))) {
		size_t k = text_next(s, len, &c);

		s += k;
		len -= k;
	}
	scan_trim(&s, &len);
	while (len > 0 && (scan_is_close(c = scan_last(s, len)) || scan_is_mark(c)))
		len -= text_prev(s, len, &c);
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (len == strlen(names[i]) && memcmp(s, names[i], len) == 0)
			return true;
	return (scan_ci_prefix(s, len, "contents") == len && len == 8) ||
	       (scan_ci_prefix(s, len, "in this issue") == len && len == 13);
}

/* A page heading rather than a masthead: 第2版 要闻, A3版. */
bool
recog_page_heading(const char *s, size_t len)
{
	int page;
	size_t k;

	if ((k = recog_page_ref(s, len, &page)) == 0)
		return false;
	while (k < len && s[k] == ' ')
		k++;
	return scan_prefix(s + k, len - k, "版");
}

/* Find 2025年11月17日 in s: its offset and length, and the ISO form. */
static bool
find_date(const char *s, size_t len, size_t *off, size_t *dlen, char iso[11])
{
	size_t i, k, p;
	long y, mo, d;
	int nd;

	for (i = 0; i < len; i++) {
		if (i > 0 && scan_digit((unsigned char)s[i - 1]) >= 0)
			continue;
		p = i;
		if ((k = scan_digits(s + p, len - p, &y, &nd)) == 0 || nd != 4)
			continue;
		p += k;
		if (!scan_prefix(s + p, len - p, "年"))
			continue;
		p += 3;
		if ((k = scan_digits(s + p, len - p, &mo, &nd)) == 0 || nd > 2)
			continue;
		p += k;
		if (!scan_prefix(s + p, len - p, "月"))
			continue;
		p += 3;
		if ((k = scan_digits(s + p, len - p, &d, &nd)) == 0 || nd > 2)
			continue;
		p += k;
		if (!scan_prefix(s + p, len - p, "日"))
			continue;
		p += 3;
		if (y < 1800 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
		    d > 31)
			continue;
		snprintf(iso, 11, "%04d-%02d-%02d", (int)y % 10000,
		         (int)mo % 100, (int)d % 100);
		*off = i;
		*dlen = p - i;
		return true;
	}
	return false;
}

/* The number after prefix and before suffix (第42期): 0 if none. */
static int
find_number(const char *s, size_t len, const char *prefix, const char *suffix,
            const char *not_after, size_t *where)
{
	size_t i, n = strlen(prefix), k, na;
	long v;

	na = not_after ? strlen(not_after) : 0;
	for (i = 0; i + n <= len; i++) {
		if (memcmp(s + i, prefix, n) != 0)
			continue;
		if (na > 0 && i >= na && memcmp(s + i - na, not_after, na) == 0)
			continue;
		k = scan_digits(s + i + n, len - i - n, &v, NULL);
		if (k == 0 ||
		    !scan_prefix(s + i + n + k, len - i - n - k, suffix))
			continue;
		if (where != NULL)
			*where = i;
		return v > 0 && v < 1000000000L ? (int)v : 0;
	}
	return 0;
}

/* An issue field set anew (the old value freed). */
static void
set_field(char **f, char *v)
{
	free(*f);
	*f = v;
}

/* Recognise a publication line and fill the issue's fields from it. */
bool
recog_publine(struct issue *is, const char *s, size_t len)
{
	static const char *const cut[] = {"国内统一连续出版物号",
	                                  "国内统一刊号",
	                                  "CN ",
	                                  "CN",
	                                  "邮发代号",
	                                  "ISSN"};
	static const char *const days[] = {"一", "二", "三", "四",
	                                   "五", "六", "日", "天"};
	char iso[11];
	size_t off = 0, dlen = 0, i, k, first = len, w;
	bool date;
	int number, running, pages;
	const char *wd = NULL;

	if (len == 0 || scan_more(s, len, 200) || scan_contains(s, len, "。") ||
	    scan_contains(s, len, "\n"))
		return false;
	date = find_date(s, len, &off, &dlen, iso);
	w = len;
	number = find_number(s, len, "第", "期", "总", &w);
	if (number > 0 && w < first)
		first = w;
	running = find_number(s, len, "总第", "期", NULL, &w);
	if (running > 0 && w < first)
		first = w;
	pages = find_number(s, len, "今日", "版", NULL, &w);
	if (pages == 0)
		pages = find_number(s, len, "本期", "版", NULL, &w);
	if (pages == 0)
		pages = find_number(s, len, "共", "版", NULL, &w);
	if (pages > 0 && w < first)
		first = w;
	for (i = 0; wd == NULL && i + 9 <= len; i++) {
		if (memcmp(s + i, "星期", 6) != 0)
			continue;
		for (k = 0; k < sizeof days / sizeof days[0]; k++)
			if (memcmp(s + i + 6, days[k], 3) == 0) {
				wd = s + i;
				if (i < first)
					first = i;
				break;
			}
	}
	if (!date && number == 0 && running == 0 && pages == 0 && wd == NULL)
		return false;
	if (date && off < first)
		first = off;
	/* a second line of the kind (a running head after the masthead)
	 * replaces what the first set: never leaked */
	set_field(&is->publine, xstrndup(s, len));
	if (date) {
		set_field(&is->date, xstrdup(iso));
		set_field(&is->date_text, xstrndup(s + off, dlen));
	}
	if (wd != NULL)
		set_field(&is->weekday, xstrndup(wd, 9));
	is->number = number;
	is->running = running;
	is->page_count = pages;
	/* The publisher: what precedes the date, without the registration
	 * numbers (those stay in publine). */
	k = first;
	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		const char *p;
		size_t pl = strlen(cut[i]), j;

		for (j = 0; j + pl <= k; j++) {
			p = s + j;
			if (memcmp(p, cut[i], pl) == 0) {
				k = j;
				break;
			}
		}
	}
	{
		const char *ps = s;
		size_t pl = k;

		scan_trim(&ps, &pl);
		if (pl == 0) {
			ps = s;
			pl = first;
			scan_trim(&ps, &pl);
		}
		if (pl > 0)
			set_field(&is->publisher, xstrndup(ps, pl));
	}
	return true;
}

/* A caption's opening: 图为…, 图：…, 上图…, 图①…, 【图为】…. */
bool
recog_caption(const char *s, size_t len)
{
	static const char *const lead[] = {
	    "图为", "图：", "图:",  "上图", "下图", "左图", "右图", "图①",
	    "图②", "图③", "图④", "图1",  "图2",  "图3",  "照片为"};
	size_t i, k;
	uint32_t c;

	scan_trim(&s, &len);
	scan_skip_marks(&s, &len);
	if (len > 0 && scan_is_open(scan_first(s, len))) {
		k = text_next(s, len, &c);
		s += k;
		len -= k;
	}
	for (i = 0; i < sizeof lead / sizeof lead[0]; i++)
		if (scan_prefix(s, len, lead[i]))
			return true;
	return false;
}

bool
recog_table_caption(const char *s, size_t len)
{
	size_t k;
	long v;
	uint32_t c;

	scan_trim(&s, &len);
	scan_skip_marks(&s, &len);
	if (len == 0 || scan_more(s, len, 60) || scan_contains(s, len, "。"))
		return false;
	if (scan_prefix(s, len, "续")) {
		s += 3;
		len -= 3;
	}
	if (scan_prefix(s, len, "表"))
		k = 3;
	else if ((k = scan_ci_prefix(s, len, "table")) == 0)
		return false;
	s += k;
	len -= k;
	while (len > 0 && (k = text_next(s, len, &c)) > 0 &&
	       scan_is_space(c)) {
		s += k;
		len -= k;
	}
	/* its number: 1, １, 2-1, 2.1, 三 */
	if ((k = scan_digits(s, len, &v, NULL)) == 0 &&
	    (k = scan_cjk_number(s, len, &v)) == 0)
		return false;
	s += k;
	len -= k;
	while (len > 1 && (*s == '-' || *s == '.') &&
	       (k = scan_digits(s + 1, len - 1, &v, NULL)) > 0) {
		s += 1 + k;
		len -= 1 + k;
	}
	if (len == 0)
		return true;
	/* then a space or a separator: not 表1显示 (a sentence), 表12345 */
	text_next(s, len, &c);
	return scan_is_space(c) || c == 0x3000 || c == 0xff1a || c == ':' ||
	       c == 0x3001 || c == '.' || c == 0xff0e;
}

/*
 * A caption with its credit in the same block: "图为工人在检修风机。 本报
 * 记者 周明 摄", "…堆场作业。\n本报记者 周明 摄". The credit is what
 * follows the last line break or sentence end; returns
 * where it starts, or len when the block does not end in one.
 */
size_t
recog_caption_credit(const char *s, size_t len)
{
	size_t i = len, k, cut = 0;
	uint32_t c;

	if (scan_more(s, len, 200))
		return len;
	while (i > 0) {
		k = text_prev(s, i, &c);
		if (c == '\n' || c == 0x3002 || c == 0xff01 || c == 0xff1f) {
			cut = i;
			break;
		}
		i -= k;
	}
	if (cut == 0 || !recog_credit(s + cut, len - cut))
		return len;
	while (cut < len && scan_is_space(scan_first(s + cut, len - cut)))
		cut += text_next(s + cut, len - cut, &c);
	return cut;
}

/*
 * Page furniture: the editors' line (本版责任编辑：…, 美术编辑, 校对),
 * the imprint (社址, 邮编, 广告热线, 定价, 印刷), a running head (a date
 * or 星期 with 责任编辑 or 版 on one short line) and a bare page number
 * ("3", "— 2 —", "-2-").
 */
bool
recog_furniture(const char *s, size_t len)
{
	static const char *const lead[] = {
	    "本版责任编辑", "责任编辑", "本版编辑", "美术编辑", "责任校对",
	    "校对",         "本版邮箱", "社址",     "邮编",     "广告热线",
	    "广告经营许可证", "定价",   "印刷",     "本版主编"};
	size_t i, n = 0, k;
	uint32_t c;
	const char *t = s;
	size_t tl = len;

	scan_trim(&t, &tl);
	if (tl == 0 || scan_more(t, tl, 80) || scan_contains(t, tl, "\n"))
		return false;
	/* a page number: digits between dashes, spaces or nothing */
	for (i = 0; i < tl; i += k) {
		k = text_next(t + i, tl - i, &c);
		if (scan_digit(c) >= 0)
			n++;
		else if (c != '-' && c != 0x2014 && c != 0x2013 &&
		         c != 0x2212 && !scan_is_space(c))
			break;
	}
	if (i == tl && n > 0 && n <= 3)
		return true;
	for (i = 0; i < sizeof lead / sizeof lead[0]; i++)
		if (scan_prefix(t, tl, lead[i]) &&
		    (scan_contains(t, tl, "：") || scan_contains(t, tl, ":")))
			return !scan_contains(t, tl, "。");
	/* the imprint under the masthead: "青岚日报社主办 国内统一连续出版物
	 * 号CN 36-0088 邮发代号44-12" */
	if (scan_contains(t, tl, "主办") &&
	    (scan_contains(t, tl, "出版物号") || scan_contains(t, tl, "CN") ||
	     scan_contains(t, tl, "邮发代号")))
		return true;
	/* a service line: "社区服务热线：0791-12345", "读者热线: 12345" */
	if ((scan_contains(t, tl, "热线") || scan_contains(t, tl, "电话")) &&
	    !scan_more(t, tl, 30) && scan_digit(scan_last(t, tl)) >= 0)
		return true;
	/* a running head: "2 青岚日报 2026年12月1日 星期二 要闻 责任编辑：许晴" */
	if (scan_contains(t, tl, "编辑") &&
	    (scan_contains(t, tl, "星期") || scan_contains(t, tl, "年")) &&
	    !scan_contains(t, tl, "。"))
		return true;
	return false;
}

/*
 * A section label (栏目): a short run of ideographs with no punctuation,
 * at most 5 of them, perhaps spaced out ("要闻", "新 闻", "青岚文脉",
 * "科普·双语").
 */
bool
recog_section_label(const char *s, size_t len)
{
	size_t n = 0, k;
	uint32_t c;

	scan_trim(&s, &len);
	if (scan_more(s, len, 12))
		return false;
	while (len > 0) {
		k = text_next(s, len, &c);
		if (scan_is_ideograph(c))
			n++;
		else if (c != 0x00b7 && c != 0x30fb && !scan_is_space(c))
			return false;
		s += k;
		len -= k;
	}
	return n >= 2 && n <= 5;
}

/*
 * A numbered subhead: "一、…", "（一）…", "(1) …", "1. …", "1、…",
 * "第一，…". Text must follow the number.
 */
bool
recog_enumerated(const char *s, size_t len)
{
	long v = 0;
	size_t k;
	uint32_t c;
	bool paren = false;

	scan_trim(&s, &len);
	if (len > 0 && scan_is_open(scan_first(s, len))) {
		k = text_next(s, len, &c);
		s += k;
		len -= k;
		paren = true;
	}
	if ((k = scan_cjk_number(s, len, &v)) == 0 &&
	    (k = scan_digits(s, len, &v, NULL)) == 0)
		return false;
	if (v <= 0 || v > 30)
		return false;
	s += k;
	len -= k;
	if (len == 0)
		return false;
	c = scan_first(s, len);
	if (paren ? !scan_is_close(c)
	          : c != 0x3001 && c != '.' && c != 0xff0e && c != 0xff0c)
		return false;
	k = text_next(s, len, &c);
	return len > k;
}
