/*
 * test-layout.c: layout_wrap against the reference's worked examples, each
 * kinsoku rule on its own, the seed at every width, and random mixed text.
 * Widths are checked independently of width.c: this binary does not link
 * width-export.c, so wcwidth() here is glibc's, plus the East Asian
 * Ambiguous rule in wide mode. The kinsoku tables are restated here on
 * purpose, so a mistake in layout.c's tables shows.
 */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <cmocka.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>
#include <unistring/version.h>

#include "buf.h"
#include "layout.h"
#include "layout-ref.h"
#include "lbrk.h"
#include "width.h"
#include "xmalloc.h"

static const char T0[] = "中国人民银行今天宣布，将于“下周一”起下调利率——"
                         "这是今年第三次降息……市场反应积极。";

/* Kinsoku breaks that had to give: the glued run was wider than the line. */
static int relaxed;

/* ---- independent checks ------------------------------------------------ */

static int
ref_width(uint32_t c)
{
	int w = wcwidth((wchar_t)c);

	if (w < 0)
		w = 0;
	if (w == 1 && width_get_ambiguous() == WIDTH_WIDE &&
	    width_is_ambiguous(c))
		w = 2;
	return w;
}

static int
ref_strwidth(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	int w = 0;

	while (i < len) {
		ucs4_t c;

		i += (size_t)u8_mbtouc(&c, p + i, len - i);
		w += ref_width(c);
	}
	return w;
}

static bool
t_not_start(uint32_t c, enum layout_kinsoku k)
{
	static const char basic[] =
	    "、。，．：；！？‼⁇⁈⁉）〕］｝〉》」』】〗〙〟”’｣～〜–·・‧／/"
	    ",.:;!?)]}%‰℃°";
	static const char strict[] = "—⸺⸻…⋯";
	char u[8];
	int n;

	if (k == KINSOKU_NONE)
		return false;
	n = u8_uctomb((uint8_t *)u, c, 6);
	u[n > 0 ? n : 0] = '\0';
	if (strstr(basic, u) != NULL)
		return true;
	return k == KINSOKU_STRICT && strstr(strict, u) != NULL;
}

static bool
t_not_end(uint32_t c, enum layout_kinsoku k)
{
	static const char tab[] = "（〔［｛〈《「『【〖〘〝“‘｢([{";
	char u[8];
	int n;

	if (k == KINSOKU_NONE)
		return false;
	n = u8_uctomb((uint8_t *)u, c, 6);
	u[n > 0 ? n : 0] = '\0';
	return strstr(tab, u) != NULL;
}

static bool
t_pair(uint32_t a, uint32_t b)
{
	return a == b && (a == 0x2014 || a == 0x2026 || a == 0x22ef);
}

static bool
t_space(uint32_t c)
{
	return c == ' ' || c == 0x3000 || c == '\t';
}

static uint32_t
cp_at(const char *s, size_t len, size_t off)
{
	ucs4_t c = 0;

	if (off < len)
		u8_mbtouc(&c, (const uint8_t *)s + off, len - off);
	return c;
}

/* The code point that ends at s + off. */
static uint32_t
cp_before(const char *s, size_t off)
{
	ucs4_t c = 0;
	const uint8_t *p =
	    u8_prev(&c, (const uint8_t *)s + off, (const uint8_t *)s);

	return p != NULL ? c : 0;
}

/* Offset of the code point that ends at s + off. */
static size_t
prev_off(const char *s, size_t off)
{
	ucs4_t c;
	const uint8_t *p =
	    u8_prev(&c, (const uint8_t *)s + off, (const uint8_t *)s);

	return p != NULL ? (size_t)(p - (const uint8_t *)s) : off - 1;
}

struct ck {
	const char *s;
	size_t len;
	char *gb;
	enum layout_kinsoku k;
	int measure;
};

/* Is the boundary before byte off glued by kinsoku (or not a boundary)? */
static bool
glued(const struct ck *c, size_t off)
{
	uint32_t a, b;
	size_t p = off;

	if (off == 0 || off >= c->len)
		return false;
	if (!c->gb[off])
		return true;
	a = cp_before(c->s, off);
	b = cp_at(c->s, c->len, off);
	if (a == '\n' || b == '\n')
		return false;
	if (t_space(b) || t_not_start(b, c->k) || t_pair(a, b))
		return true;
	/* The last non-space before the break may not end a line. */
	while (p > 0 && t_space(cp_before(c->s, p)))
		p = prev_off(c->s, p);
	return p > 0 && t_not_end(cp_before(c->s, p), c->k);
}

/* Columns of the kinsoku-glued run around the break at off. */
static int
run_width(const struct ck *c, size_t off)
{
	size_t a = off, b = off;

	while (a > 0 && glued(c, a))
		a--;
	while (a > 0 && !c->gb[a])
		a--;
	while (b < c->len && (b == off || glued(c, b)))
		b++;
	while (b < c->len && !c->gb[b])
		b++;
	/* a and b stopped on breaks that are not glued: the run is [a, b). */
	return ref_strwidth(c->s + a, b - a);
}

/* Clusters in s[off, off + len): 1 if one. */
static bool
single_cluster(const struct ck *c, size_t off, size_t len)
{
	size_t i;

	for (i = off + 1; i < off + len; i++)
		if (c->gb[i])
			return false;
	return true;
}

/*
 * The line [off, off + len) lies inside one cluster that is by itself wider
 * than room columns: the only cluster layout.h lets it split (between code
 * points), since it cannot be shown whole.
 */
static bool
overwide_piece(const struct ck *c, size_t off, size_t len, int room)
{
	size_t a = off, b = off + (len > 0 ? len : 1);

	while (a > 0 && !c->gb[a])
		a--;
	while (b < c->len && !c->gb[b])
		b++;
	return off + len <= b && ref_strwidth(c->s + a, b - a) > room;
}

/*
 * Every invariant of layout_wrap: widths measured independently, nothing
 * too wide, every non-space byte in exactly one line in order, clusters
 * whole, kinsoku kept unless the glued run is longer than the line.
 */
static void
check_lines(const char *s, size_t len, const struct layout_opts *o,
            const struct layout_lines *l)
{
	struct ck c;
	size_t pos = 0, i;
	int measure = o->width < 2 ? 2 : o->width;

	c.s = s;
	c.len = len;
	c.k = o->kinsoku;
	c.measure = measure;
	c.gb = xmalloc(len + 1);
	if (len > 0)
		u8_grapheme_breaks((const uint8_t *)s, len, c.gb);
	c.gb[len] = 1;
	for (i = 0; i < l->n; i++) {
		const struct layout_line *ln = &l->v[i];
		size_t g;
		int w = ref_strwidth(s + ln->off, ln->len);
		int limit = measure - (i == 0 ? o->indent : o->hanging);

		if (limit < 2)
			limit = 2;
		assert_int_equal(w, ln->width);
		assert_true(ln->col >= 0);
		if (o->align == ALIGN_LEFT)
			assert_int_equal(ln->col, measure - limit);
		/* Nothing past the edge, ever (an overwide cluster is split). */
		assert_true(ln->col + ln->width <= measure);
		assert_true(ln->off >= pos);
		assert_true(ln->off + ln->len <= len);
		/* The gap before the line: spaces and newlines only. */
		for (g = pos; g < ln->off;) {
			uint32_t cp = cp_at(s, len, g);

			assert_true(t_space(cp) || cp == '\n');
			g += (size_t)u8_mblen((const uint8_t *)s + g, len - g);
		}
		for (g = ln->off; g < ln->off + ln->len; g++)
			assert_int_not_equal(s[g], '\n');
		assert_true((c.gb[ln->off] && c.gb[ln->off + ln->len]) ||
		            ln->len == 0 ||
		            overwide_piece(&c, ln->off, ln->len,
		                           measure - ln->col));
		if (ln->len > 0) {
			assert_false(t_space(cp_at(s, len, ln->off)) && i > 0);
			assert_false(t_space(cp_before(s, ln->off + ln->len)));
		}
		/* Kinsoku at the break after this line (not at '\n'). */
		if (i + 1 < l->n && ln->len > 0) {
			const struct layout_line *nx = &l->v[i + 1];
			uint32_t last = cp_before(s, ln->off + ln->len);
			uint32_t next = cp_at(s, len, nx->off);
			bool hard = memchr(s + ln->off + ln->len, '\n',
			                   nx->off - ln->off - ln->len) != NULL;
			bool bad = t_not_end(last, o->kinsoku) ||
			           t_not_start(next, o->kinsoku) ||
			           (nx->off == ln->off + ln->len &&
			            t_pair(last, next));

			if (!hard && bad &&
			    !single_cluster(&c, ln->off, ln->len) &&
			    !single_cluster(&c, nx->off, nx->len)) {
				if (run_width(&c, nx->off) <= limit) {
					fprintf(stderr,
					        "# kinsoku: line %zu "
					        "'%.*s' | '%.*s' (limit %d)\n",
					        i, (int)ln->len, s + ln->off,
					        (int)nx->len, s + nx->off,
					        limit);
					fail();
				}
				relaxed++;
			}
		}
		pos = ln->off + ln->len;
	}
	for (; pos < len;) {
		uint32_t cp = cp_at(s, len, pos);

		assert_true(t_space(cp) || cp == '\n');
		pos += (size_t)u8_mblen((const uint8_t *)s + pos, len - pos);
	}
	free(c.gb);
}

/* ---- exact output -------------------------------------------------------- */

static struct layout_lines L;

/* The lines as "col spaces + text", joined with '\n'. Caller frees. */
static char *
render(const char *text, int width, int indent, int hanging,
       enum layout_kinsoku k, enum layout_align al)
{
	struct layout_opts o = {width, indent, hanging, k, al};
	struct buf b = {0};
	size_t i;
	int j;

	L.n = 0;
	layout_wrap(&L, text, strlen(text), &o);
	check_lines(text, strlen(text), &o, &L);
	for (i = 0; i < L.n; i++) {
		if (i > 0)
			buf_addc(&b, '\n');
		for (j = 0; j < L.v[i].col; j++)
			buf_addc(&b, ' ');
		buf_add(&b, text + L.v[i].off, L.v[i].len);
	}
	return buf_take(&b, NULL);
}

#define EXPECT(want, ...)                                                      \
	do {                                                                   \
		char *got_ = render(__VA_ARGS__);                              \
		if (strcmp(got_, want) != 0)                                   \
			fprintf(stderr, "# got:\n%s\n# want:\n%s\n", got_,     \
			        want);                                         \
		assert_string_equal(got_, want);                               \
		free(got_);                                                    \
	} while (0)

static void
test_ref_t0_narrow(void **state)
{
	(void)state;
	width_set_ambiguous(WIDTH_NARROW);
	EXPECT("    中国人民银行今天\n"
	       "宣布，将于“下周一”起\n"
	       "下调利率——这是今年第\n"
	       "三次降息……市场反应积\n"
	       "极。",
	       T0, 20, 4, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_ref_t0_wide(void **state)
{
	(void)state;
	width_set_ambiguous(WIDTH_WIDE);
	EXPECT("    中国人民银行今天\n"
	       "宣布，将于“下周一”\n"
	       "起下调利率——这是今\n"
	       "年第三次降息……市场\n"
	       "反应积极。",
	       T0, 20, 4, 0, KINSOKU_BASIC, ALIGN_LEFT);
	width_set_ambiguous(WIDTH_NARROW);
}

/* Push-out at width 18 (the reference's u8_width_linebreaks example). */
static void
test_pushout_comma(void **state)
{
	(void)state;
	EXPECT("中国人民银行今天宣\n布，将于“下周一”起",
	       "中国人民银行今天宣布，将于“下周一”起", 19, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	/* KINSOKU_NONE: UAX #14 alone still keeps ， off the line start. */
	EXPECT("一二三四\n五，六", "一二三四五，六", 10, 0, 0, KINSOKU_NONE,
	       ALIGN_LEFT);
}

static void
test_ref_t3_basic_strict(void **state)
{
	static const char t3[] = "一二三四五六七八——九十……十一";

	(void)state;
	EXPECT("一二三四五六七八\n——九十……十一", t3, 16, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	EXPECT("一二三四五六七\n八——九十……十一", t3, 16, 0, 0, KINSOKU_STRICT,
	       ALIGN_LEFT);
}

static void
test_ref_t1_mixed(void **state)
{
	(void)state;
	EXPECT("    苹果公司CEO Tim\n"
	       "Cook表示，iPhone 15\n"
	       "销量增长了12.5%，约\n"
	       "合3,000万部。他说：\n"
	       "“我们不会放弃！”（记\n"
	       "者 张三）",
	       "苹果公司CEO Tim Cook表示，iPhone 15销量增长了12.5%，约合3,000万"
	       "部。他说：“我们不会放弃！”（记者 张三）",
	       20, 4, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_open_quote_moves_down(void **state)
{
	(void)state;
	/* “ may not end a line: it goes down with 五 (libunistring 1.0 alone
	 * would glue 四“五 and leave 一二三). */
	EXPECT("一二三四\n“五六", "一二三四“五六", 10, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	EXPECT("一二三四\n‘五六", "一二三四‘五六", 10, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	/* （ likewise. */
	EXPECT("一二三\n（四五）", "一二三（四五）", 8, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
}

static void
test_close_quote_breaks_after(void **state)
{
	(void)state;
	/* ” ends the line; the break after it is allowed next to CJK. */
	EXPECT("一二三”\n四五", "一二三”四五", 8, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	/* ” never starts one: 三 goes down with it. */
	EXPECT("一二\n三”四\n五", "一二三”四五", 6, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
}

static void
test_middle_dot(void **state)
{
	(void)state;
	/* UAX #14 allows a break before · (class AI → AL); clreq does not. */
	EXPECT("一二三\n四·五", "一二三四·五", 8, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	EXPECT("一二三四\n·五", "一二三四·五", 8, 0, 0, KINSOKU_NONE,
	       ALIGN_LEFT);
}

static void
test_dash_ellipsis_whole(void **state)
{
	(void)state;
	EXPECT("一二三\n——四", "一二三——四", 7, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	EXPECT("一二\n三——四", "一二三——四", 7, 0, 0, KINSOKU_STRICT,
	       ALIGN_LEFT);
	EXPECT("一二\n三……四", "一二三……四", 7, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	EXPECT("一二\n三⋯⋯四", "一二三⋯⋯四", 7, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	width_set_ambiguous(WIDTH_WIDE);
	/* —— is 4 columns now: it may start a line, never split. */
	EXPECT("一二三\n——四", "一二三——四", 9, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	EXPECT("一二\n三……四", "一二三……四", 9, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	width_set_ambiguous(WIDTH_NARROW);
}

static void
test_ascii_not_start(void **state)
{
	(void)state;
	/* % and ) never start a line, even after a space. */
	EXPECT("ab\ncd )", "ab cd )", 5, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	EXPECT("一二\n三%", "一二三%", 6, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_closing_run_too_long(void **state)
{
	(void)state;
	/* No legal line exists: break between clusters, never overflow. */
	EXPECT("一」\n』】\n。", "一」』】。", 4, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
}

static void
test_overlong_url(void **state)
{
	(void)state;
	EXPECT("见https://\nexample.com/a/\nvery/long/path/\nthat/does/not/\n"
	       "fit网址",
	       "见https://example.com/a/very/long/path/that/does/not/fit网址",
	       16, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	EXPECT("abcdefghij\nklmnopqrst\nuvwxyz", "abcdefghijklmnopqrstuvwxyz",
	       10, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	/* A URL with no break in it at all breaks between clusters. */
	EXPECT("http://\nxxxxxxxx\nxxxxxxxx\nxx", "http://xxxxxxxxxxxxxxxxxx",
	       8, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_trailing_spaces_hang(void **state)
{
	(void)state;
	/* u8_width_linebreaks would count the space and give "aaaa ". */
	EXPECT("aaaa bbbb\ncccc dddd", "aaaa bbbb cccc dddd", 9, 0, 0,
	       KINSOKU_BASIC, ALIGN_LEFT);
	assert_int_equal(L.v[0].len, 9);
	assert_int_equal(L.v[0].width, 9);
	/* Many spaces at a break: none of them counts or shows. */
	EXPECT("ab\ncd", "ab      cd", 4, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	assert_int_equal(L.v[0].len, 2);
	EXPECT("中文\n中文", "中文　中文", 4, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_clusters_whole(void **state)
{
	(void)state;
	/* Combining acute: the emergency break falls after the mark. */
	EXPECT("abcde\xcc\x81\nf",
	       "abcde\xcc\x81"
	       "f",
	       5, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	EXPECT("e\xcc\x81"
	       "e\xcc\x81"
	       "e\xcc\x81\ne\xcc\x81",
	       "e\xcc\x81"
	       "e\xcc\x81"
	       "e\xcc\x81"
	       "e\xcc\x81",
	       3, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	/* Flags: a pair of regional indicators is one cluster. */
	EXPECT("🇨🇳🇯🇵\n🇨🇳", "🇨🇳🇯🇵🇨🇳", 4, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	EXPECT("🇨🇳\n🇯🇵\n🇨🇳", "🇨🇳🇯🇵🇨🇳", 3, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	/* A ZWJ family (6 columns as libunistring counts it) stays whole
	 * where it fits... */
	EXPECT("ab\n👨‍👩‍👧", "ab👨‍👩‍👧", 6, 0, 0,
	       KINSOKU_BASIC, ALIGN_LEFT);
	/* ...and where no line can hold it, it is split between its code
	 * points rather than run past the edge. */
	EXPECT("ab\n👨‍👩‍\n👧\ncd", "ab👨‍👩‍👧cd", 4, 0, 0,
	       KINSOKU_NONE, ALIGN_LEFT);
	assert_int_equal(L.v[1].width, 4);
	/* A base with a wide spacing mark (忽 + U+302F, 4 columns) at 2. */
	EXPECT("忽\n〯", "忽〯", 2, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_newline_mandatory(void **state)
{
	(void)state;
	EXPECT("一二\n三四", "一二\n三四", 20, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	EXPECT("a\n\nb", "a\n\nb", 20, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	assert_int_equal(L.n, 3);
	assert_int_equal(L.v[1].len, 0);
	EXPECT("a", "a\n", 20, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	assert_int_equal(L.n, 1);
	/* After a hard break: hanging indent, not the first-line indent. */
	EXPECT("    一二\n  三四", "一二\n三四", 20, 4, 2, KINSOKU_BASIC,
	       ALIGN_LEFT);
	/* '\n' is never glued: not even after “. */
	EXPECT("一“\n二", "一“\n二", 20, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_indent_strip(void **state)
{
	(void)state;
	EXPECT("    中国人民", "　　中国人民", 20, 4, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	assert_int_equal(L.v[0].off, strlen("　　"));
	EXPECT("    abc", "  abc", 20, 4, 0, KINSOKU_BASIC, ALIGN_LEFT);
	/* Without an indent the source's own stays. */
	EXPECT("　　中国", "　　中国", 20, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	assert_int_equal(L.v[0].width, 8);
	/* The hanging indent on continuation lines. */
	EXPECT("    一二三\n  四五六七\n  八", "一二三四五六七八", 10, 4, 2,
	       KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_align(void **state)
{
	(void)state;
	EXPECT("   中国", "中国", 10, 0, 0, KINSOKU_BASIC, ALIGN_CENTER);
	assert_int_equal(L.v[0].col, 3);
	EXPECT("      中国", "中国", 10, 0, 0, KINSOKU_BASIC, ALIGN_RIGHT);
	EXPECT("一二三四\n  五六", "一二三四五六", 9, 0, 0, KINSOKU_BASIC,
	       ALIGN_CENTER);
	EXPECT("  一二三四\n      五六", "一二三四五六", 10, 2, 2,
	       KINSOKU_BASIC, ALIGN_RIGHT);
}

static void
test_tiny_widths(void **state)
{
	int w, m;

	(void)state;
	for (m = WIDTH_NARROW; m <= WIDTH_WIDE; m++) {
		width_set_ambiguous((enum width_ambiguous)m);
		for (w = -1; w <= 6; w++) {
			enum layout_kinsoku k;

			for (k = KINSOKU_NONE; k <= KINSOKU_STRICT; k++) {
				free(render(T0, w, 4, 0, k, ALIGN_LEFT));
				assert_true(L.n > 0);
				free(render(T0, w, 0, 4, k, ALIGN_CENTER));
			}
		}
	}
	width_set_ambiguous(WIDTH_NARROW);
	/* Width 2: one ideograph a line; 二， cannot fit, so ， goes alone. */
	EXPECT("一\n二\n，\n三", "一二，三", 2, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	/* Width below 2 is clamped to 2. */
	EXPECT("一\n二", "一二", 0, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
}

static void
test_empty(void **state)
{
	struct layout_opts o = {10, 4, 0, KINSOKU_BASIC, ALIGN_LEFT};

	(void)state;
	L.n = 0;
	layout_wrap(&L, "", 0, &o);
	assert_int_equal(L.n, 0);
	/* Appends: two texts in one array. */
	layout_wrap(&L, "一", 3, &o);
	layout_wrap(&L, "二", 3, &o);
	assert_int_equal(L.n, 2);
}

/*
 * The source's indent is dropped, but a space that carries a combining
 * mark is ink: the text must not start inside that cluster.
 */
static void
test_indent_keeps_space_with_mark(void **state)
{
	struct layout_opts o = {20, 4, 0, KINSOKU_BASIC, ALIGN_LEFT};
	static const char t[] = "  \xcc\x81中文";

	(void)state;
	L.n = 0;
	layout_wrap(&L, t, strlen(t), &o);
	assert_int_equal(L.n, 1);
	assert_int_equal(L.v[0].off, 1);
	assert_int_equal(L.v[0].col, 4);
	/* a plain indent still goes */
	L.n = 0;
	layout_wrap(&L, "  中文", strlen("  中文"), &o);
	assert_int_equal(L.v[0].off, 2);
	L.n = 0;
	layout_wrap(&L, "\xe3\x80\x80\xe3\x80\x80中", 9, &o);
	assert_int_equal(L.v[0].off, 6);
}

/*
 * The cluster scratch is sized by clusters, not bytes: 3000 bytes of
 * ideographs are 1000 clusters. ASCII (one cluster a byte) still grows it
 * as far as it needs, and a scratch reused for a short text keeps working.
 */
static void
test_scratch_by_clusters(void **state)
{
	struct layout_opts o = {40, 0, 0, KINSOKU_BASIC, ALIGN_LEFT};
	struct layout_lines l = {0};
	struct buf b = {0};
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		buf_adds(&b, "中");
	layout_wrap(&l, b.s, b.len, &o);
	assert_int_equal(l.n, 50);
	assert_true(l.clcap >= 1001);
	assert_true(l.clcap <= 1002 * 2);
	b.len = 0;
	for (i = 0; i < 3000; i++)
		buf_addc(&b, i % 5 == 4 ? ' ' : 'a');
	l.n = 0;
	layout_wrap(&l, b.s, b.len, &o);
	assert_true(l.clcap >= 3001);
	assert_int_equal(l.v[0].len, 39);
	l.n = 0;
	layout_wrap(&l, "一二", 6, &o);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].width, 4);
	layout_lines_free(&l);
	buf_free(&b);
}

/*
 * A text of megabytes is laid out a piece at a time: the scratch stays
 * bounded by the piece (256 KiB), not the text (it took some 22 bytes a
 * byte of ASCII: 205 MB for a 9 MB paragraph), and the lines keep every
 * invariant across the cuts.
 */
static void
test_scratch_bounded(void **state)
{
	static const char *const unit[] = {
		"abcdefg ", "中文字符排版测试，", "ab12", "中文\n\n", "e\xcc\x81",
	};
	struct layout_opts o = {80, 4, 0, KINSOKU_BASIC, ALIGN_LEFT};
	const size_t piece = (size_t)256 * 1024;
	struct buf b = {0};
	size_t u;

	(void)state;
	for (u = 0; u < sizeof unit / sizeof unit[0]; u++) {
		struct layout_lines l = {0};

		b.len = 0;
		while (b.len < 3 * piece + 1000)
			buf_adds(&b, unit[u]);
		layout_wrap(&l, b.s, b.len, &o);
		check_lines(b.s, b.len, &o, &l);
		assert_true(l.clcap <= piece + 1);
		assert_true(l.brkcap <= piece * 6 + 16);
		layout_lines_free(&l);
	}
	buf_free(&b);
}

/* ---- the seed ------------------------------------------------------------ */

static void
test_seed_all_widths(void **state)
{
	const char *path = getenv("SEED");
	FILE *fp;
	char *buf = NULL;
	size_t cap = 0, nlines = 0, nchecked = 0;
	ssize_t n;

	(void)state;
	if (path == NULL || (fp = fopen(path, "r")) == NULL) {
		skip();
		return;
	}
	while ((n = getline(&buf, &cap, fp)) > 0) {
		size_t len = (size_t)n;
		int m, w;

		while (len > 0 && buf[len - 1] == '\n')
			len--;
		if (len == 0)
			continue;
		nlines++;
		for (m = WIDTH_NARROW; m <= WIDTH_WIDE; m++) {
			width_set_ambiguous((enum width_ambiguous)m);
			for (w = 10; w <= 80; w++) {
				struct layout_opts o = {
				    w, 4, 0, (enum layout_kinsoku)(w % 3),
				    ALIGN_LEFT};

				L.n = 0;
				layout_wrap(&L, buf, len, &o);
				check_lines(buf, len, &o, &L);
				nchecked++;
			}
		}
	}
	free(buf);
	fclose(fp);
	width_set_ambiguous(WIDTH_NARROW);
	assert_true(nlines > 20);
	assert_true(nchecked == nlines * 2 * 71);
}

/* ---- random mixed text ----------------------------------------------------
 */

static uint64_t rng = 0x9e3779b97f4a7c15u;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void
random_text(struct buf *b)
{
	static const char *const han[] = {"中", "国", "人", "民", "银",
	                                  "行", "场", "景", "新", "技",
	                                  "术", "产", "业", "한", "국"};
	static const char *const punct[] = {
	    "，", "。", "、", "：", "；", "！", "？", "“",  "”",  "‘", "’",
	    "（", "）", "《", "》", "「", "」", "——", "……", "⋯⋯", "·", "・",
	    "—",  "…",  "%",  ",",  ".",  "(",  ")",  "/",  "～"};
	static const char *const other[] = {
	    " ",     " ",     "  ",   "　",        "👍",
	    "😀",     "🇨🇳",    "🇯🇵",   "e\xcc\x81", "a\xcc\x81\xcc\xa3",
	    "12.5%", "3,000", "2025", "①",         "→",
	    "é"};
	int n = 1 + (int)rnd(120), i;

	for (i = 0; i < n; i++) {
		unsigned r = rnd(100);

		if (r < 45) {
			buf_adds(b, han[rnd(sizeof han / sizeof han[0])]);
		} else if (r < 65) {
			buf_adds(b, punct[rnd(sizeof punct / sizeof punct[0])]);
		} else if (r < 80) {
			int len = 1 + (int)rnd(rnd(8) == 0 ? 40 : 9), j;

			for (j = 0; j < len; j++)
				buf_addc(b, (char)('a' + rnd(26)));
		} else if (r < 99) {
			buf_adds(b, other[rnd(sizeof other / sizeof other[0])]);
		} else {
			buf_addc(b, '\n');
		}
	}
}

static void
test_property_random(void **state)
{
	int iter;
	size_t total = 0;

	(void)state;
	for (iter = 0; iter < 4000; iter++) {
		struct buf b = {0};
		struct layout_opts o;

		random_text(&b);
		width_set_ambiguous(rnd(2) ? WIDTH_WIDE : WIDTH_NARROW);
		o.width = 4 + (int)rnd(rnd(4) == 0 ? 197 : 30);
		o.indent = rnd(2) ? 4 : 0;
		o.hanging = rnd(3) == 0 ? 2 : 0;
		o.kinsoku = (enum layout_kinsoku)rnd(3);
		o.align = (enum layout_align)rnd(3);
		L.n = 0;
		layout_wrap(&L, b.s, b.len, &o);
		check_lines(b.s, b.len, &o, &L);
		total += L.n;
		buf_free(&b);
	}
	fprintf(stderr,
	        "# %zu lines, %d breaks had to give (glued run "
	        "wider than the line)\n",
	        total, relaxed);
	width_set_ambiguous(WIDTH_NARROW);
	assert_true(total > 4000);
}

/*
 * Issue 3's property, literally: random text with CJK punctuation, emoji
 * sequences and combining marks at EVERY width 4..120, in both ambiguous
 * modes, each checked by check_lines (glibc wcwidth widths, kinsoku,
 * nothing lost or duplicated).
 */
static void
test_property_every_width(void **state)
{
	int iter, w, m;
	size_t total = 0;

	(void)state;
	for (iter = 0; iter < 24; iter++) {
		struct buf b = {0};

		random_text(&b);
		for (m = WIDTH_NARROW; m <= WIDTH_WIDE; m++) {
			width_set_ambiguous((enum width_ambiguous)m);
			for (w = 4; w <= 120; w++) {
				struct layout_opts o = {
				    w, (iter & 1) ? 4 : 0, 0,
				    (enum layout_kinsoku)(1 + (w & 1)),
				    ALIGN_LEFT};

				L.n = 0;
				layout_wrap(&L, b.s, b.len, &o);
				check_lines(b.s, b.len, &o, &L);
				total += L.n;
			}
		}
		buf_free(&b);
	}
	width_set_ambiguous(WIDTH_NARROW);
	assert_true(total > 24 * 117 * 2);
}

/* ---- the fast path against the reference --------------------------------
 */

static struct layout_lines R;

/* layout_wrap and layout_wrap_reference give the very same lines. */
static void
same_as_reference(const char *s, size_t len, const struct layout_opts *o)
{
	size_t i;

	L.n = 0;
	R.n = 0;
	layout_wrap(&L, s, len, o);
	layout_wrap_reference(&R, s, len, o);
	if (L.n != R.n)
		fail_msg("%zu lines, the reference has %zu (width %d, "
		         "kinsoku %d): %.*s",
		         L.n, R.n, o->width, (int)o->kinsoku, (int)len, s);
	for (i = 0; i < L.n; i++)
		if (L.v[i].off != R.v[i].off || L.v[i].len != R.v[i].len ||
		    L.v[i].col != R.v[i].col || L.v[i].width != R.v[i].width)
			fail_msg("line %zu: %zu+%zu col %d width %d, the "
			         "reference %zu+%zu col %d width %d: %.*s",
			         i, L.v[i].off, L.v[i].len, L.v[i].col,
			         L.v[i].width, R.v[i].off, R.v[i].len, R.v[i].col,
			         R.v[i].width, (int)len, s);
}

static void
test_fast_path_seed(void **state)
{
	const char *path = getenv("SEED");
	struct buf all = {0};
	FILE *fp;
	char *buf = NULL;
	size_t cap = 0, nlines = 0;
	ssize_t n;
	int m, w, k, a;

	(void)state;
	if (path == NULL || (fp = fopen(path, "r")) == NULL) {
		skip();
		return;
	}
	while ((n = getline(&buf, &cap, fp)) > 0) {
		size_t len = (size_t)n;

		buf_add(&all, buf, len);
		while (len > 0 && buf[len - 1] == '\n')
			len--;
		if (len == 0)
			continue;
		nlines++;
		for (m = WIDTH_NARROW; m <= WIDTH_WIDE; m++) {
			width_set_ambiguous((enum width_ambiguous)m);
			for (w = 2; w <= 82; w++) {
				struct layout_opts o = {
				    w, (w & 1) ? 4 : 0, (w % 5 == 0) ? 2 : 0,
				    (enum layout_kinsoku)(w % 3),
				    (enum layout_align)((w / 3) % 3)};

				same_as_reference(buf, len, &o);
			}
		}
	}
	free(buf);
	fclose(fp);
	/* The whole page as one text: newlines, blank lines and all. */
	for (k = KINSOKU_NONE; k <= KINSOKU_STRICT; k++)
		for (a = ALIGN_LEFT; a <= ALIGN_RIGHT; a++)
			for (w = 6; w <= 120; w += 19) {
				struct layout_opts o = {w, 2, 0,
				                        (enum layout_kinsoku)k,
				                        (enum layout_align)a};

				same_as_reference(all.s, all.len, &o);
			}
	width_set_ambiguous(WIDTH_NARROW);
	buf_free(&all);
	assert_true(nlines > 20);
}

/*
 * Random text from pieces that stress the fast path's borders: ideographs
 * and ASCII letters next to quotes, brackets, kinsoku punctuation, spaces,
 * newlines of every kind, CR LF, clusters (marks, ZWJ, flags, Hangul
 * jamo), U+FFFD, ill-formed UTF-8 and NUL.
 */
static void
random_edgy(struct buf *b)
{
	static const char *const piece[] = {
	    "中",  "国",  "龥",  "一",   "丁",  "a",   "Z",   "0",  "9",
	    "x",   " ",   "  ",  "\t",   "　",  "\n",  "\r",  "\r\n", "\x0b",
	    "\xc2\x85", "\u2028", "\u2029", "“", "”", "‘", "’", "\"",
	    "'",   "(",   ")",   "[",    "]",   "{",   "}",   "《",  "》",
	    "（",  "）",  "「",  "」",   "【",  "】",  "，",  "。",  "、",
	    "：",  "；",  "！",  "？",   ",",   ".",   ":",   ";",  "!",
	    "?",   "%",   "/",   "-",    "—",   "——", "…",   "……", "⋯",
	    "⸺",  "·",   "・",  "～",   "°",   "‰",   "℃",  "é",  "e\xcc\x81",
	    "\xcc\x81", "a\xcc\x81\xcc\xa3", "\xe2\x80\x8d", "👍",
	    "👨\xe2\x80\x8d👩", "🇨🇳", "🇯", "한", "\xe1\x84\x80\xe1\x85\xa1",
	    "\xef\xbf\xbd", "\xff", "\xe4\xb8", "\xc0\xaf", "\xed\xa0\x80",
	    "\xf0\x9f", "\xf4\x90\x80\x80", "①", "→", "ｱ", "\xef\xbe\x9e",
	    "\xe3\x80\xaa", "http://a.b/c?d=1", "3,000", "10:30", "\0nul"};
	int n = 1 + (int)rnd(rnd(6) == 0 ? 300 : 60), i;

	for (i = 0; i < n; i++) {
		const char *p = piece[rnd(sizeof piece / sizeof piece[0])];

		/* "\0nul" starts with a NUL: add its four bytes. */
		buf_add(b, p, p[0] == '\0' ? 4 : strlen(p));
	}
}

static void
test_fast_path_random(void **state)
{
	int iter;

	(void)state;
	for (iter = 0; iter < 6000; iter++) {
		struct buf b = {0};
		struct layout_opts o;

		if (iter & 1)
			random_edgy(&b);
		else
			random_text(&b);
		width_set_ambiguous(rnd(2) ? WIDTH_WIDE : WIDTH_NARROW);
		o.width = (int)rnd(rnd(4) == 0 ? 120 : 24);
		o.indent = rnd(2) ? (int)rnd(6) : 0;
		o.hanging = rnd(3) == 0 ? (int)rnd(4) : 0;
		o.kinsoku = (enum layout_kinsoku)rnd(3);
		o.align = (enum layout_align)rnd(3);
		same_as_reference(b.s, b.len, &o);
		buf_free(&b);
	}
	width_set_ambiguous(WIDTH_NARROW);
}

/* The fast path's own cases, each once, with the reference's answer. */
static void
test_fast_path_cases(void **state)
{
	static const char *const text[] = {
	    "”中", "’中", "”a", "“中", "中“", "（中", "(a", "(中", "《a",
	    "中\n中", "\r\n中", "中\r中", "a\xcc\x81中", "中\xcc\x81中",
	    "——中", "中，中", "a,b", "中 中", "　中", "\xff中", "中\xe4\xb8",
	    "\xef\xbf\xbd中"};
	size_t i;
	int w, k;

	(void)state;
	for (i = 0; i < sizeof text / sizeof text[0]; i++)
		for (k = KINSOKU_NONE; k <= KINSOKU_STRICT; k++)
			for (w = 2; w <= 6; w++) {
				struct layout_opts o = {
				    w, 0, 0, (enum layout_kinsoku)k,
				    ALIGN_LEFT};

				same_as_reference(text[i], strlen(text[i]),
				                  &o);
			}
	layout_lines_free(&R);
}

/* ---- lbrk.c: the pair table ------------------------------------------------
 */

/* The ranges lbrk_class knows, but the ideographs. */
static const uint32_t lbrk_ranges[][2] = {
    {0x0000, 0x00ff}, {0x2010, 0x203a}, {0x3000, 0x303f},
    {0xff01, 0xff65}, {0xffe0, 0xffe6}};

/* libunistring's breaks for x next to t, both ways round, with and
 * without a space between, each pair after a newline. */
static void
lbrk_probe(uint32_t t, uint32_t x, char lb[13])
{
	const uint32_t u[13] = {t, x, '\n', x, t, '\n', t, ' ', x,
	                        '\n', x, ' ', t};

	u32_possible_linebreaks(u, 13, "UTF-8", lb);
}

/*
 * Does libunistring treat c as the sample of its class, next to every
 * sample, both ways round, with and without a space between?
 */
static bool
lbrk_same_as_sample(uint32_t c)
{
	char la[13], lb[13];
	uint32_t s = lbrk_sample(lbrk_class(c));
	int j;

	for (j = 1; j < lbrk_nclasses(); j++) {
		uint32_t t = lbrk_sample(j);

		lbrk_probe(t, c, la);
		lbrk_probe(t, s, lb);
		if (memcmp(la, lb, 13) != 0) {
			print_error("U+%04X and sample U+%04X differ next to "
			            "U+%04X\n", (unsigned)c, (unsigned)s,
			            (unsigned)t);
			return false;
		}
	}
	return true;
}

/* Every code point lbrk gives a class behaves as its class's sample in
 * libunistring; the marks and separators it leaves alone have none. */
static void
test_lbrk_classes(void **state)
{
	static const uint32_t none[] = {
	    0x09, 0x0d, 0x7f, 0x85, 0x2028, 0x2029, 0x202a, 0x302a, 0x302f,
	    0x3035, 0x33ff, 0x4dc0, 0x4dff, 0xa000, 0xff00, 0xff66, 0xffe7,
	    0x0301, 0x05d0, 0x200b, 0x200d, 0x1f1e8, 0x1f600};
	size_t r, n = 0;
	uint32_t c;

	(void)state;
	for (r = 0; r < sizeof lbrk_ranges / sizeof lbrk_ranges[0]; r++)
		for (c = lbrk_ranges[r][0]; c <= lbrk_ranges[r][1]; c++)
			if (lbrk_class(c) != 0) {
				assert_true(lbrk_same_as_sample(c));
				n++;
			}
	for (c = 0x3400; c <= 0x9fff; c += c < 0x4dbf && c + 97 > 0x4dbf ?
	                                       0x4dbf - c : 97) {
		if (c > 0x4dbf && c < 0x4e00)
			c = 0x4e00;
		assert_int_not_equal(lbrk_class(c), 0);
		assert_true(lbrk_same_as_sample(c));
	}
	assert_true(lbrk_same_as_sample(0x9fff));
	for (r = 0; r < sizeof none / sizeof none[0]; r++)
		assert_int_equal(lbrk_class(none[r]), 0);
	assert_int_equal(n, 393); /* as the tables list them */
}

/*
 * Random text of the code points lbrk knows (one in ten with one it does
 * not): lbrk_pairs gives libunistring's array, or declines when a code
 * point is not its own (and then only).
 */
static void
test_lbrk_random(void **state)
{
	static const uint32_t foreign[] = {0x0301, 0x05d0, 0x200b, 0x200d,
	                                   0x1f1e8, 0x1f600, '\r', 0x2028,
	                                   0x302a, 0xac00};
	uint32_t pool[1024], u[64];
	char want[64], got[64];
	size_t r, np = 0, answered = 0;
	uint32_t c;
	int iter;

	(void)state;
	for (r = 0; r < sizeof lbrk_ranges / sizeof lbrk_ranges[0]; r++)
		for (c = lbrk_ranges[r][0]; c <= lbrk_ranges[r][1]; c++)
			if (lbrk_class(c) != 0 && np < 1024)
				pool[np++] = c;
	for (iter = 0; iter < 20000; iter++) {
		size_t m = 1 + rnd(63), i;
		bool ours = true;

		for (i = 0; i < m; i++) {
			unsigned w = rnd(10);

			u[i] = w < 4 ? 0x4e00 + rnd(0x5200) :
			       w < 5 ? (rnd(2) ? ' ' : '\n') :
			               pool[rnd((unsigned)np)];
		}
		if (rnd(10) == 0) {
			u[rnd((unsigned)m)] = foreign[rnd(10)];
			ours = false;
		}
		u32_possible_linebreaks(u, m, "UTF-8", want);
		if (lbrk_pairs(u, m, got)) {
			assert_true(ours);
			assert_memory_equal(got, want, m);
			answered++;
		} else if (ours && _libunistring_version < 0x010200) {
			fail_msg("lbrk_pairs declined text of its own");
		}
	}
	/* libunistring 1.0 and 1.1 decide by pairs: the table answers */
	if (_libunistring_version < 0x010200)
		assert_true(answered > 15000);
}

/*
 * A line that opens with the source's spaces and whose first unit does not
 * fit after them: the unit goes down whole (the spaces hang, the line is
 * empty) rather than being broken before "，" (found by fuzz-layout). A
 * unit too long for any line is broken where it stands, no empty line.
 */
static void
test_leading_spaces_push_down(void **state)
{
	static const char t[] = "         \xe3\x80\x80\xef\xbf\xbd，姑技周报";
	static const char u[] = "  abcdefghij";
	int k;

	(void)state;
	EXPECT("\n\xef\xbf\xbd，姑技周报", t, 12, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	EXPECT("\n中，\n文", "   中，文", 4, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	EXPECT("  abcd\nefghij", u, 6, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	for (k = KINSOKU_NONE; k <= KINSOKU_STRICT; k++) {
		struct layout_opts o = {12, 0, 0, (enum layout_kinsoku)k,
		                        ALIGN_LEFT};

		same_as_reference(t, strlen(t), &o);
		o.width = 6;
		same_as_reference(u, strlen(u), &o);
	}
	layout_lines_free(&R);
}

/*
 * The same, with a unit too long for any line that could only be broken
 * after “ where it stands: it goes down all the same and is broken on its
 * own line, where kinsoku allows, rather than leaving “ at the end of a
 * line of spaces (fuzz-layout, ambiguous wide: "        　“���“�4" at 12).
 */
static void
test_leading_spaces_glued_run(void **state)
{
	static const char t[] = "     \xe2\x80\x9c" "abcdefgh";
	static const char w[] = "        \xe3\x80\x80\xe2\x80\x9c"
	                        "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	                        "\xe2\x80\x9c\xef\xbf\xbd" "4";
	int k;

	(void)state;
	EXPECT("\n\xe2\x80\x9c" "abcde\nfgh", t, 6, 0, 0, KINSOKU_BASIC,
	       ALIGN_LEFT);
	width_set_ambiguous(WIDTH_WIDE);
	EXPECT("\n\xe2\x80\x9c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	       "\xe2\x80\x9c\xef\xbf\xbd\n4",
	       w, 12, 0, 0, KINSOKU_BASIC, ALIGN_LEFT);
	for (k = KINSOKU_NONE; k <= KINSOKU_STRICT; k++) {
		struct layout_opts o = {12, 0, 0, (enum layout_kinsoku)k,
		                        ALIGN_LEFT};

		same_as_reference(w, strlen(w), &o);
		width_set_ambiguous(WIDTH_NARROW);
		o.width = 6;
		same_as_reference(t, strlen(t), &o);
		width_set_ambiguous(WIDTH_WIDE);
	}
	width_set_ambiguous(WIDTH_NARROW);
	layout_lines_free(&R);
}

/* A failed test must not leave the next one in wide mode. */
static int
narrow(void **state)
{
	(void)state;
	width_set_ambiguous(WIDTH_NARROW);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(test_ref_t0_narrow, narrow),
	    cmocka_unit_test_setup(test_ref_t0_wide, narrow),
	    cmocka_unit_test_setup(test_pushout_comma, narrow),
	    cmocka_unit_test_setup(test_ref_t3_basic_strict, narrow),
	    cmocka_unit_test_setup(test_ref_t1_mixed, narrow),
	    cmocka_unit_test_setup(test_open_quote_moves_down, narrow),
	    cmocka_unit_test_setup(test_close_quote_breaks_after, narrow),
	    cmocka_unit_test_setup(test_middle_dot, narrow),
	    cmocka_unit_test_setup(test_dash_ellipsis_whole, narrow),
	    cmocka_unit_test_setup(test_ascii_not_start, narrow),
	    cmocka_unit_test_setup(test_closing_run_too_long, narrow),
	    cmocka_unit_test_setup(test_overlong_url, narrow),
	    cmocka_unit_test_setup(test_trailing_spaces_hang, narrow),
	    cmocka_unit_test_setup(test_clusters_whole, narrow),
	    cmocka_unit_test_setup(test_newline_mandatory, narrow),
	    cmocka_unit_test_setup(test_indent_strip, narrow),
	    cmocka_unit_test_setup(test_align, narrow),
	    cmocka_unit_test_setup(test_tiny_widths, narrow),
	    cmocka_unit_test_setup(test_empty, narrow),
	    cmocka_unit_test_setup(test_scratch_by_clusters, narrow),
	    cmocka_unit_test_setup(test_scratch_bounded, narrow),
	    cmocka_unit_test_setup(test_indent_keeps_space_with_mark, narrow),
	    cmocka_unit_test_setup(test_seed_all_widths, narrow),
	    cmocka_unit_test_setup(test_property_random, narrow),
	    cmocka_unit_test_setup(test_property_every_width, narrow),
	    cmocka_unit_test_setup(test_fast_path_seed, narrow),
	    cmocka_unit_test_setup(test_fast_path_random, narrow),
	    cmocka_unit_test_setup(test_fast_path_cases, narrow),
	    cmocka_unit_test(test_lbrk_classes),
	    cmocka_unit_test(test_lbrk_random),
	    cmocka_unit_test_setup(test_leading_spaces_push_down, narrow),
	    cmocka_unit_test_setup(test_leading_spaces_glued_run, narrow),
	};
	int rc;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		setlocale(LC_ALL, "");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	layout_lines_free(&L);
	layout_lines_free(&R);
	return rc;
}
