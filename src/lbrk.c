/*
 * lbrk.c: line break opportunities by a pair table, for Chinese text.
 *
 * libunistring 1.0 and 1.1 decide UAX #14 a pair at a time: the line
 * breaking class of the last character that is not a space, the class of
 * this one, and whether spaces came between. Only spaces, combining
 * marks, joiners, regional indicators and Hebrew look further. So for text
 * made of the code points below (ASCII, Latin-1, general punctuation, CJK
 * punctuation, full-width forms and the ideographs) the answer is a table
 * of pairs of classes. Each entry is asked of libunistring itself, with
 * one sample character per class, the first time it is needed; the
 * classes group the code points that libunistring treats alike (the tests
 * check every one of them against every sample). Most of a page then
 * costs a table look-up a character, where libunistring's own loop
 * resolved each property and compared the encoding's name on each call.
 */
#include "build-config.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include <unilbrk.h>
#include <unistring/version.h>

#include "lbrk.h"

/* The classes: UAX #14's, where libunistring tells the two kinds of
 * opening punctuation apart (ON: not East Asian, OW: East Asian) and
 * treats SY as IS (they differ only after Hebrew). */
enum {
	C_NO, /* not ours: libunistring decides */
	C_LF, C_SP, C_ID, C_AL, C_NU, C_CL, C_CP, C_ON, C_OW, C_QU, C_NS,
	C_EX, C_IS, C_HY, C_BA, C_BB, C_B2, C_IN, C_PR, C_PO, C_GL,
	C_COUNT
};

/* One code point of each class, in its order (C_NO, C_LF, C_SP have none:
 * lbrk_pairs handles them itself). */
static const uint32_t sample[C_COUNT] = {
	0, '\n', ' ', 0x4e00, 'a', '0', 0x3001, ')', '(', 0x3008, '"',
	0x3005, '!', ',', '-', 0x2010, 0x00b4, 0x2014, 0x2026, '$', '%',
	0x00a0,
};

/* The classes of U+0000-00FF, U+2010-203A, U+3000-303F, U+FF01-FF65 and
 * U+FFE0-FFE6, from the Unicode 14 LineBreak.txt (AI is AL, as
 * libunistring has it outside CJK encodings). Controls but LF, tab (the
 * text has none), the line and paragraph separators, and the marks
 * (U+202A-202E, U+302A-302F, U+3035) are not ours. */
static const unsigned char latin[256] = {
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0000 */
	C_NO, C_NO, C_LF, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0008 */
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0010 */
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0018 */
	C_SP, C_EX, C_QU, C_AL, C_PR, C_PO, C_AL, C_QU,	/* 0020 */
	C_ON, C_CP, C_AL, C_PR, C_IS, C_HY, C_IS, C_IS,	/* 0028 */
	C_NU, C_NU, C_NU, C_NU, C_NU, C_NU, C_NU, C_NU,	/* 0030 */
	C_NU, C_NU, C_IS, C_IS, C_AL, C_AL, C_AL, C_EX,	/* 0038 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 0040 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 0048 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 0050 */
	C_AL, C_AL, C_AL, C_ON, C_PR, C_CP, C_AL, C_AL,	/* 0058 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 0060 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 0068 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 0070 */
	C_AL, C_AL, C_AL, C_ON, C_BA, C_CL, C_AL, C_NO,	/* 0078 */
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0080 */
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0088 */
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0090 */
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 0098 */
	C_GL, C_ON, C_PO, C_PR, C_PR, C_PR, C_AL, C_AL,	/* 00A0 */
	C_AL, C_AL, C_AL, C_QU, C_AL, C_BA, C_AL, C_AL,	/* 00A8 */
	C_PO, C_PR, C_AL, C_AL, C_BB, C_AL, C_AL, C_AL,	/* 00B0 */
	C_AL, C_AL, C_AL, C_QU, C_AL, C_AL, C_AL, C_ON,	/* 00B8 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00C0 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00C8 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00D0 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00D8 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00E0 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00E8 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00F0 */
	C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL, C_AL,	/* 00F8 */
};
static const unsigned char punct[43] = {
	C_BA, C_GL, C_BA, C_BA, C_B2, C_AL, C_AL, C_AL,	/* 2010 */
	C_QU, C_QU, C_ON, C_QU, C_QU, C_QU, C_ON, C_QU,	/* 2018 */
	C_AL, C_AL, C_AL, C_AL, C_IN, C_IN, C_IN, C_BA,	/* 2020 */
	C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO, C_GL,	/* 2028 */
	C_PO, C_PO, C_PO, C_PO, C_PO, C_PO, C_PO, C_PO,	/* 2030 */
	C_AL, C_QU, C_QU,	/* 2038 */
};
static const unsigned char cjk[64] = {
	C_BA, C_CL, C_CL, C_ID, C_ID, C_NS, C_ID, C_ID,	/* 3000 */
	C_OW, C_CL, C_OW, C_CL, C_OW, C_CL, C_OW, C_CL,	/* 3008 */
	C_OW, C_CL, C_ID, C_ID, C_OW, C_CL, C_OW, C_CL,	/* 3010 */
	C_OW, C_CL, C_OW, C_CL, C_NS, C_OW, C_CL, C_CL,	/* 3018 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* 3020 */
	C_ID, C_ID, C_NO, C_NO, C_NO, C_NO, C_NO, C_NO,	/* 3028 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_NO, C_ID, C_ID,	/* 3030 */
	C_ID, C_ID, C_ID, C_NS, C_NS, C_ID, C_ID, C_ID,	/* 3038 */
};
static const unsigned char full[101] = {
	C_EX, C_ID, C_ID, C_PR, C_PO, C_ID, C_ID, C_OW,	/* FF01 */
	C_CL, C_ID, C_ID, C_CL, C_ID, C_CL, C_ID, C_ID,	/* FF09 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* FF11 */
	C_ID, C_NS, C_NS, C_ID, C_ID, C_ID, C_EX, C_ID,	/* FF19 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* FF21 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* FF29 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* FF31 */
	C_ID, C_ID, C_OW, C_ID, C_CL, C_ID, C_ID, C_ID,	/* FF39 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* FF41 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* FF49 */
	C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID, C_ID,	/* FF51 */
	C_ID, C_ID, C_OW, C_ID, C_CL, C_ID, C_OW, C_CL,	/* FF59 */
	C_CL, C_OW, C_CL, C_CL, C_NS,	/* FF61 */
};
static const unsigned char sign[7] = {
	C_PO, C_PR, C_ID, C_ID, C_ID, C_PR, C_PR,	/* FFE0 */
};

static int
class_of(uint32_t c)
{
	if (c - 0x4e00 <= 0x9fff - 0x4e00 || c - 0x3400 <= 0x4dbf - 0x3400)
		return C_ID;
	if (c < 0x100)
		return latin[c];
	if (c - 0x2010 <= 0x203a - 0x2010)
		return punct[c - 0x2010];
	if (c - 0x3000 <= 0x303f - 0x3000)
		return cjk[c - 0x3000];
	if (c - 0xff01 <= 0xff65 - 0xff01)
		return full[c - 0xff01];
	if (c - 0xffe0 <= 0xffe6 - 0xffe0)
		return sign[c - 0xffe0];
	return C_NO;
}

/*
 * The pair table: what lb[] gets for class k after class last, next to it
 * (brk[0]) or after spaces (brk[1]). UC_BREAK_UNDEFINED: not learnt yet;
 * ODD: libunistring said something else than possible or prohibited (a
 * later version's hyphenation, say), and such text goes to libunistring.
 * An entry is written once, by whichever thread meets the pair first, and
 * every writer writes the same value.
 */
#define ODD 0x7f
static _Atomic char brk[2][C_COUNT][C_COUNT];

static char
answer(char v)
{
	return v == UC_BREAK_POSSIBLE || v == UC_BREAK_PROHIBITED ? v : ODD;
}

/* Ask libunistring about b after a: next to each other, and after a
 * space. */
static char
learn(int a, int b, bool spaced)
{
	uint32_t s[6] = {sample[a], sample[b], '\n', sample[a], ' ', sample[b]};
	char lb[6];

	u32_possible_linebreaks(s, 6, "UTF-8", lb);
	atomic_store_explicit(&brk[0][a][b], answer(lb[1]),
	                      memory_order_relaxed);
	atomic_store_explicit(&brk[1][a][b], answer(lb[5]),
	                      memory_order_relaxed);
	return answer(lb[spaced ? 5 : 1]);
}

static char
pair(int a, int b, bool spaced)
{
	char v = atomic_load_explicit(&brk[spaced][a][b], memory_order_relaxed);

	return v != UC_BREAK_UNDEFINED ? v : learn(a, b, spaced);
}

bool
lbrk_pairs(const uint32_t *u, size_t m, char *lb)
{
	int last = C_LF; /* as after a mandatory break: the text's start */
	bool spaced = false;
	char idid;
	size_t i;

	/* 1.2 (Unicode 15.1) brought rules that look past the pair */
	if (_libunistring_version >= 0x010200)
		return false;
	if ((idid = pair(C_ID, C_ID, false)) == ODD)
		return false;
	for (i = 0; i < m; i++) {
		int k;
		char v;

		/* most of a page: ideographs after an ideograph */
		if (last == C_ID && !spaced) {
			while (u[i] - 0x4e00 <= 0x9fff - 0x4e00) {
				lb[i] = idid;
				if (++i == m)
					return true;
			}
		}
		k = class_of(u[i]);
		if (k == C_NO)
			return false;
		if (k == C_LF) {
			lb[i] = UC_BREAK_MANDATORY;
			last = C_LF;
			spaced = false;
			continue;
		}
		if (k == C_SP) {
			lb[i] = UC_BREAK_PROHIBITED; /* LB7 */
			spaced = true;
			continue;
		}
		if (last == C_LF)
			v = UC_BREAK_PROHIBITED; /* a line's start */
		else if ((v = pair(last, k, spaced)) == ODD)
			return false;
		lb[i] = v;
		last = k;
		spaced = false;
	}
	return true;
}

int
lbrk_class(uint32_t c)
{
	return class_of(c);
}

uint32_t
lbrk_sample(int k)
{
	return k > 0 && k < C_COUNT ? sample[k] : 0;
}

int
lbrk_nclasses(void)
{
	return C_COUNT;
}
