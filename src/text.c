/*
 * text.c: text hygiene (text_sanitize), UTF-8 iteration, the CJK tests the
 * layout uses, and search folding.
 *
 * Everything an issue file contains passes through text_sanitize() once, so
 * that no byte that could drive a terminal (escape sequences, C0, C1, DEL),
 * reorder the screen (bidi controls) or disagree about width between us,
 * ncurses and the terminal (ZWJ, VS16, SHY, unassigned code points) reaches
 * layout. This file must not include curses and knows nothing of layout.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicase.h>
#include <unictype.h>
#include <unigbrk.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

#include "buf.h"
#include "text.h"
#include "utf8.h"
#include "width.h"
#include "xmalloc.h"

/*
 * An escape sequence body longer than this many bytes, or one that reaches a
 * newline, is taken as unterminated: what was consumed of it is dropped and
 * reading resumes there (the newline is kept). A stray ESC ] must not eat
 * the rest of a 10 MB file.
 */
#define TEXT_SEQ_MAX 512

/* Combining marks kept after one base (ncurses' CCHARW_MAX is 5). */
#define TEXT_MAX_MARKS 4

#define TEXT_REPLACEMENT 0xfffd

/*
 * Skip the body of a CSI sequence starting at s[i] (after ESC [ or U+009B):
 * parameter and intermediate bytes 0x20-0x3F, then one final byte
 * 0x40-0x7E. Anything else aborts the sequence and is read as text.
 */
static size_t
skip_csi(const uint8_t *s, size_t len, size_t i)
{
	size_t start = i;

	while (i < len && i - start < TEXT_SEQ_MAX) {
		if (s[i] >= 0x20 && s[i] <= 0x3f)
			i++;
		else if (s[i] >= 0x40 && s[i] <= 0x7e)
			return i + 1;
		else
			break;
	}
	return i;
}

/* ESC, intermediates 0x20-0x2F, final 0x30-0x7E (ESC ( B, ESC 7, ESC c). */
static size_t
skip_nf(const uint8_t *s, size_t len, size_t i)
{
	size_t start = i;

	while (i < len && i - start < TEXT_SEQ_MAX) {
		if (s[i] >= 0x20 && s[i] <= 0x2f)
			i++;
		else if (s[i] >= 0x30 && s[i] <= 0x7e)
			return i + 1;
		else
			break;
	}
	return i;
}

/*
 * Skip the body of a string sequence (OSC, DCS, SOS, PM, APC) starting at
 * s[i]. It ends at BEL, CAN or SUB (consumed), at 8-bit ST U+009C
 * (consumed), or at ESC (left for the caller: ESC \ is then removed as a
 * two-byte escape, and any other ESC starts a new sequence, as terminals do).
 * Unterminated: see TEXT_SEQ_MAX. Scanning bytes is safe because no byte of
 * a multibyte character is below 0x80.
 */
static size_t
skip_string(const uint8_t *s, size_t len, size_t i)
{
	size_t start = i;

	while (i < len) {
		uint8_t b = s[i];

		if (b == '\n')
			return i;
		if (i - start >= TEXT_SEQ_MAX) {
			/* Resume on a character boundary, not mid-character. */
			while (i < len && (s[i] & 0xc0) == 0x80)
				i++;
			return i;
		}
		if (b == 0x07 || b == 0x18 || b == 0x1a)
			return i + 1;
		if (b == 0x1b)
			return i;
		if (b == 0xc2 && i + 1 < len && s[i + 1] == 0x9c)
			return i + 2;
		i++;
	}
	return i;
}

static bool
is_bidi_control(uint32_t c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	       (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Invisible characters that make widths disagree or hide content. */
static bool
is_stripped(uint32_t c)
{
	switch (c) {
	case 0x00ad: /* SHY */
	case 0x200b: /* ZWSP */
	case 0x200c: /* ZWNJ */
	case 0x200d: /* ZWJ */
	case 0x2060: /* WJ */
	case 0xfe0e: /* VS15 */
	case 0xfe0f: /* VS16 */
	case 0xfeff: /* BOM / ZWNBSP */
		return true;
	}
	if (c >= 0x1f3fb && c <= 0x1f3ff) /* emoji modifiers */
		return true;
	if (c >= 0xe0000 && c <= 0xe007f) /* tags */
		return true;
	return is_bidi_control(c);
}

/*
 * Characters that need no table look-up: assigned, not marks, not removed
 * (is_stripped, bidi, line separators), unchanged by NFC, and never
 * composed with the character before them (canonical combining class 0,
 * NFC_Quick_Check Yes, never the second half of a canonical composition;
 * checked against libunistring 1.0 (Unicode 14) for every code point in
 * these ranges). ASCII, Latin-1, general punctuation, letterlike symbols,
 * arrows, maths, enclosed numbers, box drawing, geometric shapes (▶ ▼),
 * CJK radicals, ideographs and punctuation, kana, Hangul syllables,
 * full-width forms, U+FFFD: nearly all of a Chinese newspaper, and of
 * garbage input. NFC can start a new segment before any of them, which
 * lets text_sanitize normalise only the rest.
 */
static inline bool
is_inert(uint32_t c)
{
	if (c < 0x80)
		return true;
	if (c >= 0x3400 && c <= 0x9fff) /* the most frequent: ideographs */
		return true;
	if (c < 0x2010)
		return c >= 0xa0 && c <= 0xff && c != 0xad;
	if (c < 0x3000) {
		if (c < 0x2100)
			return c <= 0x2027 || (c >= 0x2030 && c <= 0x205f);
		if (c < 0x2800)
			return c != 0x2126 && c != 0x212a && c != 0x212b &&
			       (c <= 0x218b || c >= 0x2190) && c != 0x2329 &&
			       c != 0x232a && (c <= 0x2426 || c >= 0x2440) &&
			       (c <= 0x244a || c >= 0x2460);
		return (c >= 0x2e80 && c <= 0x2ef3 && c != 0x2e9a) ||
		       (c >= 0x2f00 && c <= 0x2fd5) ||
		       (c >= 0x2ff0 && c <= 0x2ffb);
	}
	if (c < 0x3400)
		return c <= 0x3029 || (c >= 0x3030 && c <= 0x303f) ||
		       (c >= 0x3041 && c <= 0x3096) ||
		       (c >= 0x309b && c <= 0x30ff) ||
		       (c >= 0x3105 && c <= 0x312f) ||
		       (c >= 0x3131 && c <= 0x318e) ||
		       (c >= 0x3190 && c <= 0x31e3) ||
		       (c >= 0x31f0 && c <= 0x33ff && c != 0x321f);
	if (c >= 0xac00 && c <= 0xd7a3)
		return true;
	if (c < 0xfe30 || c > 0xfffd)
		return false;
	return c <= 0xfe4f || (c >= 0xff01 && c <= 0xffbe) ||
	       (c >= 0xffc2 && c <= 0xffc7) || (c >= 0xffca && c <= 0xffcf) ||
	       (c >= 0xffd2 && c <= 0xffd7) || (c >= 0xffda && c <= 0xffdc) ||
	       (c >= 0xffe0 && c <= 0xffe6) || (c >= 0xffe8 && c <= 0xffee) ||
	       c >= 0xfffc;
}

static bool
is_mark(uint32_t c)
{
	return !is_inert(c) &&
	       (uc_general_category(c).bitmask &
	        (UC_CATEGORY_MASK_Mn | UC_CATEGORY_MASK_Me)) != 0;
}

/* A CJK ideograph of the basic block or extension A: those the fold
 * passes through as they are (but for cf), so that text_may_hold may
 * look for them in a text's bytes. */
static bool
is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff);
}

/* Decode one character of UTF-8 known to be well-formed (our own output). */
static size_t
decode_valid(const uint8_t *s, uint32_t *c)
{
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] < 0xe0) {
		*c = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] < 0xf0) {
		*c = utf8_decode3(s);
		return 3;
	}
	*c = (uint32_t)(s[0] & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
	     (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
	return 4;
}

/*
 * Decode untrusted input: an inline path for well-formed 3-byte forms (all
 * of CJK), u8_mbtouc for the rest, which gives U+FFFD for ill-formed input.
 */
static size_t
decode_any(const uint8_t *s, size_t n, uint32_t *c)
{
	ucs4_t uc;

	if (utf8_take3(s, n, c))
		return 3;
	n = (size_t)u8_mbtouc(&uc, s, n);
	*c = uc;
	return n;
}

/* One character's bytes (1 to 4): a call to memcpy costs more than this. */
static void
copy_char(uint8_t *o, const uint8_t *s, size_t k)
{
	switch (k) {
	case 4:
		o[3] = s[3];
		/* FALLTHROUGH */
	case 3:
		o[2] = s[2];
		/* FALLTHROUGH */
	case 2:
		o[1] = s[1];
		/* FALLTHROUGH */
	default:
		o[0] = s[0];
	}
}

static size_t
put_cp(uint8_t *o, uint32_t c)
{
	return (size_t)u8_uctomb(o, c, 4);
}

/*
 * Pass 1: decode, remove sequences and controls, map line separators,
 * replace unassigned code points, cap combining marks. Writes at most 3
 * bytes per input byte (an invalid byte becomes U+FFFD). *mixed is the
 * output offset of the first character that is not inert (SIZE_MAX if
 * every one is): NFC has nothing to do before it. *punct: one of the
 * ASCII marks text_ascii_punct converts was written (only the runs of
 * printable ASCII write them).
 * Long on purpose: one switch over the bytes, a case per kind of
 * sequence or control, in the one pass every input goes through.
 */
#define ASCII_PUNCT_BITS                                                     \
	(UINT64_C(1) << '!' | UINT64_C(1) << ',' | UINT64_C(1) << ':' |       \
	 UINT64_C(1) << ';' | UINT64_C(1) << '?')

static size_t
sanitize_pass1(const uint8_t *in, size_t len, uint8_t *out, size_t *mixed,
               bool *punct)
{
	size_t i = 0, o = 0;
	int marks = 0;

	*mixed = SIZE_MAX;
	*punct = false;
	while (i < len) {
		uint8_t b = in[i];
		uint32_t bits, c;
		size_t k;

		/*
		 * Runs of printable ASCII and of well-formed 3-byte inert
		 * characters (ideographs, kana, CJK and full-width
		 * punctuation: most of a Chinese page) are found first and
		 * copied at once, without a table look-up.
		 */
		if ((b >= 0x20 && b < 0x7f) || (b >= 0xe2 && b <= 0xef)) {
			size_t j = i;

			for (;;) {
				uint8_t l = in[j];

				/* U+4000-9FFF: ideographs, no decoding. The
				 * commonest case first: one compare each for
				 * the lead byte and both continuation bytes. */
				if ((uint8_t)(l - 0xe4) <= 0xe9 - 0xe4 &&
				    len - j >= 3 &&
				    ((in[j + 1] ^ 0x80) | (in[j + 2] ^ 0x80)) <
				        0x40) {
					if ((j += 3) == len)
						break;
					continue;
				}
				if (l >= 0x20 && l < 0x7f) {
					*punct |= l < 0x40 &&
					          (ASCII_PUNCT_BITS >> l & 1);
					if (++j == len)
						break;
					continue;
				}
				if (l < 0xe2 || len - j < 3 ||
				    !utf8_is3(in + j) ||
				    !is_inert(utf8_decode3(in + j)))
					break;
				if ((j += 3) == len)
					break;
			}
			if (j > i) {
				memcpy(out + o, in + i, j - i);
				o += j - i;
				i = j;
				marks = 0;
				continue;
			}
		}
		if (b < 0x20 || b == 0x7f) {
			i++;
			switch (b) {
			case '\n':
				out[o++] = b;
				marks = 0;
				break;
			case '\t':
				/* A tab has no width of its own: ncurses would
				 * expand it to the next tab stop behind the
				 * layout's back. */
				out[o++] = ' ';
				marks = 0;
				break;
			case '\r':
				out[o++] = '\n';
				marks = 0;
				if (i < len && in[i] == '\n')
					i++;
				break;
			case 0x1b:
				if (i >= len)
					break; /* trailing lone ESC */
				b = in[i];
				if (b == '[')
					i = skip_csi(in, len, i + 1);
				else if (b == ']' || b == 'P' || b == 'X' ||
				         b == '^' || b == '_')
					i = skip_string(in, len, i + 1);
				else if (b >= 0x20 && b <= 0x2f)
					i = skip_nf(in, len, i);
				else if (b >= 0x30 && b <= 0x7e)
					i++;
				/* else: only the ESC goes; the next byte is
				 * read as text (it may be another ESC). */
				break;
			default:
				break; /* other C0, NUL, DEL */
			}
			continue;
		}
		k = decode_any(in + i, len - i, &c);
		i += k;
		if (c < 0xa0) {
			switch (c) {
			case 0x85: /* NEL */
				out[o++] = '\n';
				marks = 0;
				break;
			case 0x9b: /* CSI */
				i = skip_csi(in, len, i);
				break;
			case 0x90: /* DCS */
			case 0x98: /* SOS */
			case 0x9d: /* OSC */
			case 0x9e: /* PM */
			case 0x9f: /* APC */
				i = skip_string(in, len, i);
				break;
			default:
				break; /* other C1 */
			}
			continue;
		}
		if (c == 0x2028 || c == 0x2029) {
			out[o++] = '\n';
			marks = 0;
			continue;
		}
		if (is_inert(c)) {
			marks = 0;
			if (c == TEXT_REPLACEMENT) {
				o += put_cp(out + o, c);
			} else {
				/* well-formed: copy the bytes */
				copy_char(out + o, in + i - k, k);
				o += k;
			}
			continue;
		}
		if (is_stripped(c))
			continue;
		bits = uc_general_category(c).bitmask;
		if (bits & (UC_CATEGORY_MASK_Mn | UC_CATEGORY_MASK_Me)) {
			if (marks >= TEXT_MAX_MARKS)
				continue;
			marks++;
		} else {
			marks = 0;
			if (bits & UC_CATEGORY_MASK_Cn)
				c = TEXT_REPLACEMENT;
		}
		if (*mixed == SIZE_MAX)
			*mixed = o;
		o += put_cp(out + o, c);
	}
	return o;
}

static bool
is_ascii_punct(uint8_t b)
{
	return b == ',' || b == ';' || b == ':' || b == '?' || b == '!';
}

/* ASCII or full-width (０-９): "１,２００" and "３:００" keep their marks. */
static bool
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xff10 && c <= 0xff19);
}

static bool
starts_url(const uint8_t *s, size_t n)
{
	return (n >= 7 && strncasecmp((const char *)s, "http://", 7) == 0) ||
	       (n >= 8 && strncasecmp((const char *)s, "https://", 8) == 0);
}

/* Start of the (valid) character that ends at t + i, i > 0. */
static size_t
char_start(const uint8_t *t, size_t i)
{
	size_t k = i - 1;

	while (k > 0 && i - k < 4 && (t[k] & 0xc0) == 0x80)
		k--;
	return k;
}

/*
 * Inside a URL at t[p]: some http:// or https:// starts before p with no
 * whitespace (space, tab, newline) and no CJK character between it and p.
 */
static bool
in_url(const uint8_t *t, size_t n, size_t p)
{
	size_t q = p, r;

	while (q > 0) {
		size_t k = char_start(t, q);
		uint32_t c;

		decode_valid(t + k, &c);
		if (c == ' ' || c == '\t' || c == '\n' || text_is_cjk(c))
			break;
		q = k;
	}
	for (r = q; r < p; r++)
		if ((t[r] == 'h' || t[r] == 'H') && starts_url(t + r, n - r))
			return true;
	return false;
}

/*
 * Cap the combining marks of NFC output in place (NFC may decompose one
 * mark into two, e.g. U+0344, and the output must be stable under a second
 * sanitise). *marks carries the count across calls. Returns the new length.
 */
static size_t
cap_marks(uint8_t *t, size_t n, int *marks)
{
	size_t i = 0, o = 0;

	while (i < n) {
		uint32_t c;
		size_t k = decode_valid(t + i, &c);

		if (is_mark(c)) {
			if (*marks < TEXT_MAX_MARKS) {
				memmove(t + o, t + i, k);
				o += k;
			}
			(*marks)++;
		} else {
			*marks = 0;
			memmove(t + o, t + i, k);
			o += k;
		}
		i += k;
	}
	return o;
}

/*
 * NFC of valid UTF-8, normalising only what needs it: each maximal run of
 * non-inert characters together with the inert character before it (which
 * may be the base of a composition: e + U+0301), then capping its marks
 * again. Since NFC segments may start before any inert character, the
 * concatenation equals NFC of the whole text, and an inert character is
 * never a mark, so the cap restarts at every segment. from: the first
 * non-inert character (everything before it is inert). Caller frees.
 */
static uint8_t *
nfc_segments(const uint8_t *s, size_t n, size_t from, size_t *outn)
{
	struct buf b = {NULL, 0, 0};
	size_t i = from, done = 0, prev;
	uint8_t small[256];

	/* Room for the usual case: NFC seldom makes text longer. */
	b.cap = n + n / 16 + 64;
	b.s = xmalloc(b.cap);
	b.s[0] = '\0';
	prev = from > 0 ? char_start(s, from) : 0;
	while (i < n) {
		size_t start, k;
		uint32_t c;

		k = decode_valid(s + i, &c);
		if (is_inert(c)) {
			prev = i;
			i += k;
			continue;
		}
		start = i > 0 ? prev : 0;
		for (i += k; i < n; i += k) {
			k = decode_valid(s + i, &c);
			if (is_inert(c))
				break;
		}
		{
			size_t rn = sizeof small;
			uint8_t *r = u8_normalize(UNINORM_NFC, s + start,
			                          i - start, small, &rn);
			int marks = 0;

			if (r == NULL)
				fatal("normalisation failed: out of memory");
			rn = cap_marks(r, rn, &marks);
			buf_add(&b, s + done, start - done);
			buf_add(&b, r, rn);
			if (r != small)
				free(r);
		}
		done = i;
	}
	buf_add(&b, s + done, n - done);
	b.s = xrealloc(b.s, b.len + 1);
	return (uint8_t *)buf_take(&b, outn);
}

/*
 * The first of , ; : ? ! in t[i, len), or len. A byte scan is exact: no
 * byte of a multibyte character is below 0x80. Eight bytes at a time skip
 * all that is at or above '@' (letters, every byte of Chinese text): the
 * five are below it.
 */
static size_t
next_ascii_punct(const uint8_t *t, size_t i, size_t len)
{
	const uint64_t hi = 0x8080808080808080u, at = 0x4040404040404040u;

	for (; len - i >= 8; i += 8) {
		uint64_t x, ge;
		int k;

		memcpy(&x, t + i, 8);
		/* The top bit of each byte: its low seven bits >= 0x40. */
		ge = ((x | hi) - at) & hi;
		if ((~(x | ge) & hi) == 0)
			continue; /* no byte below 0x40 */
		for (k = 0; k < 8; k++)
			if (is_ascii_punct(t[i + k]))
				return i + (size_t)k;
	}
	for (; i < len; i++)
		if (is_ascii_punct(t[i]))
			return i;
	return len;
}

/*
 * Should the run of marks t[i, j) be made full width? After an ideograph
 * (most of them in Chinese text) the answer is yes without more: not
 * between digits, and no URL runs through an ideograph.
 */
static bool
punct_converts(const uint8_t *t, size_t len, size_t i, size_t j)
{
	uint32_t prev = 0, next = 0;
	bool conv;

	if (i > 0)
		decode_valid(t + char_start(t, i), &prev);
	if (prev >= 0x4e00 && prev <= 0x9fff)
		return true;
	if (j < len)
		decode_valid(t + j, &next);
	conv = text_is_cjk(prev) || (j < len && text_is_cjk(next));
	if (j - i == 1 && is_digit(prev) && is_digit(next))
		conv = false;
	return conv && !in_url(t, len, i);
}

char *
text_ascii_punct(const char *s, size_t len, size_t *outlen)
{
	const uint8_t *t = (const uint8_t *)s;
	struct buf b = {NULL, 0, 0};
	size_t i = 0, done = 0;

	while ((i = next_ascii_punct(t, i, len)) < len) {
		size_t j;
		char *o;

		/* A maximal run: converted all at once or not at all. */
		for (j = i; j < len && is_ascii_punct(t[j]); j++)
			continue;
		if (!punct_converts(t, len, i, j)) {
			i = j;
			continue;
		}
		/* The text before the run, then each mark as three bytes,
		 * written in place (no buf_add for each). */
		if (b.s == NULL) {
			/* Each converted byte becomes three. */
			b.cap = len + 2 * (j - i) + 64;
			b.s = xmalloc(b.cap);
		}
		buf_reserve(&b, (i - done) + 3 * (j - i));
		o = b.s + b.len;
		memcpy(o, t + done, i - done);
		o += i - done;
		for (; i < j; i++) {
			/* U+FF01-FF1F (! , : ; ? sit at U+FF01 + (b - '!')
			 * like all of ASCII): three bytes, EF BC 81-9F. */
			*o++ = (char)0xef;
			*o++ = (char)0xbc;
			*o++ = (char)(0x80 | ((t[i] - 0x20) & 0x3f));
		}
		b.len = (size_t)(o - b.s);
		done = j;
	}
	if (b.s == NULL)
		return NULL;
	buf_add(&b, t + done, len - done);
	/* Exactly the text: the model keeps it as long as the issue. */
	b.s = xrealloc(b.s, b.len + 1);
	return buf_take(&b, outlen);
}

/* text_sanitize, pass 1 into scratch when given (the caller's buffer,
 * kept from call to call): then the one allocation is the result's, at
 * its size (or the ASCII punctuation rule's copy, when it makes one). */
static char *
sanitize(const char *in, size_t len, int flags, size_t *outlen,
         struct buf *scratch)
{
	uint8_t *out;
	size_t n, mixed;
	char *p;
	bool kept, punct; /* kept: out is scratch's */

	if (len > (SIZE_MAX - 8) / 3)
		fatal("input too large");
	if (scratch != NULL) {
		scratch->len = 0;
		buf_reserve(scratch, 3 * len + 1);
		out = (uint8_t *)scratch->s;
	} else
		out = xmalloc_big(3 * len + 1);
	kept = scratch != NULL;
	n = sanitize_pass1((const uint8_t *)in, len, out, &mixed, &punct);
	if (mixed != SIZE_MAX) {
		uint8_t *nfc = nfc_segments(out, n, mixed, &n);

		if (!kept)
			free(out);
		out = nfc;
		kept = false;
	} else if (!kept) {
		/* Give back what pass 1 reserved but did not use. */
		out = xrealloc(out, n + 1);
	}
	out[n] = '\0';
	/* NFC may make a mark of one (U+037E is ;) */
	if ((flags & TEXT_ASCII_PUNCT) && (punct || mixed != SIZE_MAX) &&
	    (p = text_ascii_punct((const char *)out, n, &n)) != NULL) {
		if (!kept)
			free(out);
		out = (uint8_t *)p;
		kept = false;
	}
	if (kept) {
		uint8_t *own = xmalloc(n + 1);

		memcpy(own, out, n + 1);
		out = own;
	}
	if (outlen != NULL)
		*outlen = n;
	return (char *)out;
}

char *
text_sanitize(const char *in, size_t len, int flags, size_t *outlen)
{
	return sanitize(in, len, flags, outlen, NULL);
}

char *
text_sanitize_with(const char *in, size_t len, int flags, size_t *outlen,
                   struct buf *scratch)
{
	return sanitize(in, len, flags, outlen, scratch);
}

/*
 * text_is_utf8 as a DFA whose next state is a shift (the "shift-based
 * DFA"): each byte's row holds, for every state, the next state, at the
 * bit offset that is the state's own number. One load and one shift a
 * byte, no branch but the loop's: a 10 MB page is checked in a few
 * milliseconds. The states are what is still owed after a lead byte; the
 * first continuation's range is narrowed after E0, ED, F0 and F4, so
 * overlong forms, surrogates and code points past U+10FFFF fail, as in
 * u8_check. NUL fails too.
 */
enum {
	U8_ACC = 0, /* between characters */
	U8_ERR = 6,
	U8_C1 = 12, /* one continuation owed */
	U8_C2 = 18,
	U8_C3 = 24,
	U8_E0 = 30, /* E0: A0-BF, then one */
	U8_ED = 36, /* ED: 80-9F, then one */
	U8_F0 = 42, /* F0: 90-BF, then two */
	U8_F4 = 48  /* F4: 80-8F, then two */
};

#define U8_F(s, n) ((uint64_t)(n) << (s))
#define U8_SET(row, s, n) (((row) & ~U8_F(s, 63)) | U8_F(s, n))
#define U8_DEAD                                                              \
	(U8_F(U8_ACC, U8_ERR) | U8_F(U8_ERR, U8_ERR) | U8_F(U8_C1, U8_ERR) |  \
	 U8_F(U8_C2, U8_ERR) | U8_F(U8_C3, U8_ERR) | U8_F(U8_E0, U8_ERR) |    \
	 U8_F(U8_ED, U8_ERR) | U8_F(U8_F0, U8_ERR) | U8_F(U8_F4, U8_ERR))
/* a lead byte: from between characters to s */
#define U8_LEAD(s) U8_SET(U8_DEAD, U8_ACC, s)
/* a continuation: what every state owing one becomes */
#define U8_CONT                                                              \
	U8_SET(U8_SET(U8_SET(U8_DEAD, U8_C1, U8_ACC), U8_C2, U8_C1), U8_C3,  \
	       U8_C2)
#define U8_ROW(b)                                                            \
	((b) == 0      ? U8_DEAD :                                           \
	 (b) < 0x80    ? U8_LEAD(U8_ACC) :                                   \
	 (b) < 0x90    ? U8_SET(U8_SET(U8_CONT, U8_ED, U8_C1), U8_F4, U8_C2) : \
	 (b) < 0xa0    ? U8_SET(U8_SET(U8_CONT, U8_ED, U8_C1), U8_F0, U8_C2) : \
	 (b) < 0xc0    ? U8_SET(U8_SET(U8_CONT, U8_E0, U8_C1), U8_F0, U8_C2) : \
	 (b) < 0xc2    ? U8_DEAD :                                           \
	 (b) < 0xe0    ? U8_LEAD(U8_C1) :                                    \
	 (b) == 0xe0   ? U8_LEAD(U8_E0) :                                    \
	 (b) == 0xed   ? U8_LEAD(U8_ED) :                                    \
	 (b) < 0xf0    ? U8_LEAD(U8_C2) :                                    \
	 (b) == 0xf0   ? U8_LEAD(U8_F0) :                                    \
	 (b) < 0xf4    ? U8_LEAD(U8_C3) :                                    \
	 (b) == 0xf4   ? U8_LEAD(U8_F4) : U8_DEAD)
#define U8_R4(b) U8_ROW(b), U8_ROW((b) + 1), U8_ROW((b) + 2), U8_ROW((b) + 3)
#define U8_R16(b) U8_R4(b), U8_R4((b) + 4), U8_R4((b) + 8), U8_R4((b) + 12)
#define U8_R64(b)                                                            \
	U8_R16(b), U8_R16((b) + 16), U8_R16((b) + 32), U8_R16((b) + 48)

static const uint64_t u8_dfa[256] = {
	U8_R64(0x00), U8_R64(0x40), U8_R64(0x80), U8_R64(0xc0)
};

bool
text_is_utf8(const char *s, size_t len)
{
	const uint8_t *u = (const uint8_t *)s;
	uint64_t st = U8_ACC;
	size_t i;

	/* four bytes a round: the state's shifts are the one chain */
	for (i = 0; i + 4 <= len; i += 4) {
		st = u8_dfa[u[i]] >> (st & 63);
		st = u8_dfa[u[i + 1]] >> (st & 63);
		st = u8_dfa[u[i + 2]] >> (st & 63);
		st = u8_dfa[u[i + 3]] >> (st & 63);
	}
	for (; i < len; i++)
		st = u8_dfa[u[i]] >> (st & 63);
	return (st & 63) == U8_ACC;
}

uint64_t
text_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *u = p;

	while (n-- > 0) {
		h ^= *u++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

bool
text_is_sanitized(const char *s, size_t len)
{
	size_t n;
	char *t = text_sanitize(s, len, 0, &n);
	bool same = n == len && memcmp(t, s, len) == 0;

	free(t);
	return same;
}

bool
text_joins_previous(uint32_t c)
{
	if (is_inert(c))
		return false;
	if (c >= 0x1160 && c <= 0x11ff)
		return true;
	return (uc_general_category(c).bitmask &
	        (UC_CATEGORY_MASK_Mn | UC_CATEGORY_MASK_Mc |
	         UC_CATEGORY_MASK_Me)) != 0;
}

bool
text_has_nul(const char *s, size_t len)
{
	return len > 0 && memchr(s, '\0', len) != NULL;
}

char *
text_safe(const char *s)
{
	size_t n, i;
	char *t;

	if (s == NULL)
		return xstrdup("");
	t = text_sanitize(s, strlen(s), 0, &n);

	for (i = 0; i < n; i++)
		if (t[i] == '\n' || t[i] == '\t')
			t[i] = ' ';
	return t;
}

char *
text_name(const char *s)
{
	struct buf b = {0};
	size_t i, n, k, outn;
	uint32_t c;
	char *t;

	if (s == NULL)
		return xstrdup("");
	n = strlen(s);
	for (i = 0; i < n; i += k) {
		k = text_next(s + i, n - i, &c);
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
		    c == 0x2028 || c == 0x2029 || is_bidi_control(c))
			buf_addu(&b, TEXT_REPLACEMENT);
		else
			buf_add(&b, s + i, k);
	}
	t = text_sanitize(b.s != NULL ? b.s : "", b.len, 0, &outn);
	buf_free(&b);
	return t;
}

size_t
text_next(const char *s, size_t len, uint32_t *c)
{
	const uint8_t *u = (const uint8_t *)s;

	/* ASCII and well-formed CJK inline; the rest, invalid input
	 * included, as u8_mbtouc decides. */
	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	return decode_any(u, len, c);
}

/*
 * Walk back to the nearest lead byte (at most 4 bytes) and decode forward;
 * accept it only if it ends exactly at s + len, so forward and backward
 * iteration agree on valid text. Anything else is one invalid byte.
 */
size_t
text_prev(const char *s, size_t len, uint32_t *c)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t k;

	/* the commonest case inline: a well-formed three-byte form */
	if (len >= 3 && utf8_take3(u + len - 3, 3, c))
		return 3;
	for (k = 1; k <= 4 && k <= len; k++) {
		if ((u[len - k] & 0xc0) != 0x80) {
			ucs4_t uc;
			int n = u8_mbtouc(&uc, u + len - k, k);

			if ((size_t)n == k) {
				*c = uc;
				return k;
			}
			break;
		}
	}
	*c = u[len - 1] < 0x80 ? u[len - 1] : TEXT_REPLACEMENT;
	return 1;
}

static bool
is_hangul(uint32_t c)
{
	return (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f) ||
	       (c >= 0xa960 && c <= 0xa97f) || (c >= 0xac00 && c <= 0xd7ff) ||
	       (c >= 0xffa0 && c <= 0xffdc);
}

bool
text_is_cjk(uint32_t c)
{
	if (c < 0x1100)
		return false;
	if (is_han(c))
		return true;
	return uc_width(c, "UTF-8") == 2 && !is_hangul(c);
}

bool
text_join_needs_space(uint32_t prev, uint32_t next)
{
	if (text_is_space(prev) || text_is_space(next))
		return false;
	/* Chinese papers set Latin and digits against ideographs without a
	 * space (选择RISC-V, 稳定在97%), so one CJK side is enough. */
	return !text_is_cjk(prev) && !text_is_cjk(next);
}

static bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool
is_letter(char c)
{
	return is_lower(c) || (c >= 'A' && c <= 'Z');
}

static bool
is_alnum(char c)
{
	return is_letter(c) || (c >= '0' && c <= '9');
}

enum text_hyphen
text_line_hyphen(const char *s, size_t len, const char *next, size_t nlen)
{
	size_t i;

	if (len < 2 || s[len - 1] != '-' || !is_alnum(s[len - 2]))
		return TEXT_HYPHEN_NONE;
	/* The word before the hyphen: ASCII letters back to a non-letter. */
	for (i = len - 1; i > 0 && is_letter(s[i - 1]); i--)
		continue;
	if (len - 1 - i >= 2 && is_lower(s[len - 2]) && is_lower(s[len - 3]) &&
	    (i == 0 || (s[i - 1] != '-' && !is_alnum(s[i - 1]))) && nlen > 0 &&
	    is_lower(next[0]))
		return TEXT_HYPHEN_DROP;
	return TEXT_HYPHEN_KEEP;
}

/* r[0, *rn) with cf applied to every code point: r itself when nothing
 * can change, else small2 (cap bytes) or, when that could be too small,
 * a new buffer the caller frees. */
static uint8_t *
fold_chars(text_char_fold *cf, uint8_t *r, size_t *rn, uint8_t *small2,
           size_t cap)
{
	uint8_t *o;
	size_t i, k = 0;
	ucs4_t c;
	int m, e;

	/* Nothing below U+3400 folds: most clusters stay as they are. */
	for (i = 0; i < *rn && r[i] < 0xe3; i++)
		continue;
	if (i == *rn)
		return r;
	/* a code point of 3 or 4 bytes folds to at most 4: twice is room */
	o = 2 * *rn <= cap ? small2 : xmalloc(2 * *rn);
	for (i = 0; i < *rn; i += (size_t)m) {
		m = u8_mbtouc(&c, r + i, *rn - i);
		if (m >= 3 && (e = u8_uctomb(o + k, cf(c), 4)) > 0)
			k += (size_t)e;
		else {
			memcpy(o + k, r + i, (size_t)m);
			k += (size_t)m;
		}
	}
	*rn = k;
	return o;
}

/* Fold one cluster onto f's buffer, every byte mapped to orig. */
static void
fold_cluster(struct buf *b, size_t **map, size_t *mapcap, const uint8_t *s,
             size_t n, size_t orig, text_char_fold *cf)
{
	uint8_t small[64], small2[64], *r, *r2;
	size_t rn = sizeof small, k;

	/*
	 * Fast paths with the same result as u8_casefold: ASCII; a lone CJK
	 * ideograph or CJK bracket/stop (no decomposition, no case);
	 * a lone full-width ASCII form (NFKC gives the ASCII character).
	 */
	if (n == 1 && s[0] < 0x80) {
		small[0] = (s[0] >= 'A' && s[0] <= 'Z') ? s[0] + 32 : s[0];
		r = small;
		rn = 1;
	} else if (n == 3 && (s[0] & 0xf0) == 0xe0) {
		uint32_t c;

		decode_valid(s, &c);
		if (is_han(c) || (c >= 0x3001 && c <= 0x3003) ||
		    (c >= 0x3008 && c <= 0x3011)) {
			memcpy(small, s, 3);
			r = small;
			rn = 3;
		} else if (c >= 0xff01 && c <= 0xff5e) {
			c -= 0xfee0;
			small[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
			r = small;
			rn = 1;
		} else {
			r = u8_casefold(s, n, NULL, UNINORM_NFKC, small, &rn);
		}
	} else {
		r = u8_casefold(s, n, NULL, UNINORM_NFKC, small, &rn);
	}
	if (r == NULL)
		fatal("case folding failed: out of memory");
	if (cf != NULL &&
	    (r2 = fold_chars(cf, r, &rn, small2, sizeof small2)) != r) {
		if (r != small)
			free(r);
		r = r2;
	}
	if (map != NULL) {
		if (b->len + rn + 1 > *mapcap) {
			*mapcap = (b->len + rn + 1) * 2;
			*map = xreallocarray(*map, *mapcap, sizeof **map);
		}
		for (k = 0; k < rn; k++)
			(*map)[b->len + k] = orig;
	}
	if (b->len + rn < b->cap) {
		/* the room fold_text made: no call, no NUL each time */
		memcpy(b->s + b->len, r, rn);
		b->len += rn;
	} else
		buf_add(b, r, rn);
	if (r != small && r != small2)
		free(r);
}

void
text_fold(struct text_folded *f, const char *s, size_t len)
{
	text_fold_with(f, s, len, NULL);
}

/*
 * The folded bytes of s into b (allocated here), and with map the
 * original offset of each (allocated here, len + 1 entries at least).
 * Room for len bytes is made at once (a fold is rarely longer than its
 * text), so a cluster's bytes are copied in place: buf_add, a call and
 * a NUL for each, was a ninth of a fold's instructions.
 */
static void
fold_text(struct buf *b, size_t **map, const char *s, size_t len,
          text_char_fold *cf)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t mapcap = 0, i, start;
	char *brk;

	b->s = xmalloc(len + 1);
	b->cap = len + 1;
	b->len = 0;
	if (map != NULL) {
		mapcap = len + 1;
		*map = xreallocarray(NULL, mapcap, sizeof **map);
	}
	if (len > 0) {
		brk = xmalloc(len);
		/* Chinese text: every code point a cluster, found without
		 * libunistring's grapheme breaking */
		if (!width_alone_breaks(s, len, brk))
			u8_grapheme_breaks(u, len, brk);
		start = 0;
		for (i = 1; i <= len; i++) {
			if (i == len || brk[i]) {
				fold_cluster(b, map, &mapcap, u + start,
				             i - start, start, cf);
				start = i;
			}
		}
		free(brk);
	}
	b->s[b->len] = '\0';
}

void
text_fold_with(struct text_folded *f, const char *s, size_t len,
               text_char_fold *cf)
{
	struct buf b;
	size_t *map;

	fold_text(&b, &map, s, len, cf);
	f->s = b.s;
	f->len = b.len;
	map[f->len] = len;
	f->map = map;
	f->cf = cf;
}

char *
text_fold_bytes(const char *s, size_t len, size_t *outlen)
{
	struct buf b;

	fold_text(&b, NULL, s, len, NULL);
	*outlen = b.len;
	return b.s;
}

/*
 * May x, in a text, fold to an ideograph other than cf(x)? NFKC and the
 * case fold make them of radicals, Hangzhou numerals, kanbun, enclosed
 * and squared CJK and compatibility ideographs (Unicode 15: 1,340 such
 * characters, all in these ranges); cf folds those past the BMP, and a
 * later Unicode may add more there.
 */
static bool
folds_unseen(uint32_t x)
{
	return (x >= 0x2e80 && x <= 0x2fff) || (x >= 0x3038 && x <= 0x303a) ||
	       (x >= 0x3190 && x <= 0x319f) || (x >= 0x3200 && x <= 0x33ff) ||
	       (x >= 0xf900 && x <= 0xfaff) || x >= 0x1f200;
}

/* Does an entity's name or number (&#x4E2D;) begin at s (after its &)?
 * An & in "R&D" begins none. */
static bool
entity_at(const uint8_t *s, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < 40; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '#'))
			return i > 0 && s[i] == ';';
	return false;
}

void
text_need_of(struct text_need *nd, const char *s, size_t len,
    text_char_fold *cf)
{
	struct text_folded f;
	const uint8_t *p;
	size_t i = 0, j;
	uint32_t c;

	text_fold_with(&f, s, len, cf);
	p = (const uint8_t *)f.s;
	nd->n = 0;
	while (i < f.len && nd->n < TEXT_NEED_MAX) {
		i += decode_valid(p + i, &c);
		for (j = 0; j < nd->n && nd->c[j] != c; j++)
			;
		if (j == nd->n && is_han(c))
			nd->c[nd->n++] = c;
	}
	text_folded_free(&f);
}

bool
text_may_hold(const struct text_need *nd, const char *s, size_t len,
    text_char_fold *cf)
{
	const uint8_t *p = (const uint8_t *)s;
	uint32_t seen = 0, all = (1u << nd->n) - 1, x;
	size_t i = 0, j;

	if (nd->n == 0)
		return true;
	while (i < len) {
		if (p[i] < 0x80) {
			if (p[i++] == '&' && entity_at(p + i, len - i))
				return true; /* it may be one */
			continue;
		}
		i += decode_any(p + i, len - i, &x);
		if (is_han(x)) {
			if (cf != NULL)
				x = cf(x);
			for (j = 0; j < nd->n; j++)
				if (nd->c[j] == x)
					seen |= 1u << j;
			if (seen == all)
				return true;
		} else if (folds_unseen(x))
			return true;
	}
	return false;
}

void
text_folded_free(struct text_folded *f)
{
	free(f->s);
	free(f->map);
	f->s = NULL;
	f->map = NULL;
	f->len = 0;
	f->cf = NULL;
}

/* A needle longer than this is left to memmem: its two-way search stays
 * linear where a byte's candidates, each compared, need not. */
#define FIND_MEMCHR_MAX 64

const char *
text_find(const char *h, size_t hl, const char *n, size_t nl)
{
	const char *p, *end = h + hl;
	unsigned char last;

	if (nl == 0)
		return h;
	if (nl > hl)
		return NULL;
	if (nl > FIND_MEMCHR_MAX)
		return memmem(h, hl, n, nl);
	last = (unsigned char)n[nl - 1];
	for (p = h + nl - 1; p < end; p++) {
		if ((p = memchr(p, last, (size_t)(end - p))) == NULL)
			return NULL;
		/* the byte before first: a call of memcmp for each
		 * candidate cost as much as memchr */
		if (nl == 1 || (p[-1] == n[nl - 2] &&
		    memcmp(p - (nl - 1), n, nl - 2) == 0))
			return p - (nl - 1);
	}
	return NULL;
}

/* True if folded byte k begins a cluster's fold (or is the end). */
static bool
fold_boundary(const struct text_folded *f, size_t k)
{
	return k == 0 || k == f->len || f->map[k] != f->map[k - 1];
}

void
text_hits_find(struct text_hits *h, const struct text_folded *f,
               const char *needle)
{
	size_t s, e, at = 0, cap = 0;

	h->v = NULL;
	h->n = 0;
	while (at <= f->map[f->len] && text_search(f, needle, at, &s, &e)) {
		if (h->n == cap) {
			cap = cap ? cap * 2 : 16;
			h->v = xreallocarray(h->v, cap, sizeof *h->v);
		}
		h->v[h->n].start = s;
		h->v[h->n++].end = e;
		at = e > s ? e : s + 1;
	}
}

size_t
text_hits_from(const struct text_hits *h, size_t off)
{
	size_t lo = 0, hi = h->n;

	/* The ends only grow: each hit starts at or after the last end. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (h->v[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void
text_hits_free(struct text_hits *h)
{
	free(h->v);
	h->v = NULL;
	h->n = 0;
}

bool
text_search(const struct text_folded *f, const char *needle, size_t from,
            size_t *start, size_t *end)
{
	struct text_folded nf;
	size_t lo = 0, hi = f->len, k;
	bool found = false;

	text_fold_with(&nf, needle, strlen(needle), f->cf);
	if (nf.len == 0 || nf.len > f->len)
		goto out;
	/* First folded byte whose cluster starts at or after from. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->map[mid] < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	k = lo;
	while (k + nf.len <= f->len) {
		const char *p = text_find(f->s + k, f->len - k, nf.s,
		    nf.len);

		if (p == NULL)
			break;
		k = (size_t)(p - f->s);
		if (fold_boundary(f, k) && fold_boundary(f, k + nf.len)) {
			*start = f->map[k];
			*end = f->map[k + nf.len];
			found = true;
			break;
		}
		k++;
	}
out:
	text_folded_free(&nf);
	return found;
}

char *
text_name_in(const char *msg, const char *raw, const char *path)
{
	struct buf b = {0};
	const char *p = msg, *hit;
	char *name = text_name(path), *all, *safe;

	while (raw != NULL && *raw != '\0' && (hit = strstr(p, raw)) != NULL) {
		buf_add(&b, p, (size_t)(hit - p));
		buf_adds(&b, name);
		p = hit + strlen(raw);
	}
	buf_adds(&b, p);
	free(name);
	all = buf_take(&b, NULL);
	safe = text_safe(all);
	free(all);
	return safe;
}
