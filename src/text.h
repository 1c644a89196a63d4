/*
 * text.h: text hygiene, done once when an issue is loaded, plus the UTF-8
 * helpers and the search folding everyone else uses. No curses, no layout.
 */
#ifndef HERALD_TEXT_H
#define HERALD_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_flags {
	/* ASCII , ; : ? ! next to a CJK character become ，；：？！
	 * (never between two digits, ASCII or full width, so 3,000, 10:30,
	 * １,２００ and ３:００ stay).
	 * Decided per maximal run ("?!" both or neither): converted when
	 * the character before or after the run is CJK (text_is_cjk), not
	 * inside a URL (from http:// or https:// up to whitespace or a CJK
	 * character). '.', '(' and ')' are never touched. */
	TEXT_ASCII_PUNCT = 1 << 0,
};

/*
 * Sanitise len bytes of input: invalid UTF-8 → U+FFFD; CRLF and lone CR →
 * LF; U+2028/2029/0085 → LF; escape sequences (CSI, OSC, DCS, APC, PM, SOS,
 * 8-bit forms too) removed whole; TAB → space; other C0 (but LF), DEL and C1
 * removed; bidi controls, BOM, SHY, ZWSP, WJ, ZWNJ, ZWJ, VS15/VS16, emoji
 * modifiers and tag characters removed; unassigned code points → U+FFFD;
 * at most 4 combining marks kept after a base; NFC. The result is
 * NUL-terminated and has no NUL inside (NUL bytes are removed: callers that
 * refuse binary files check text_has_nul() first). Caller frees.
 *
 * Escape sequences: ESC [ params final; ESC ] / P / X / ^ / _ strings up to
 * BEL, CAN, SUB, ST (ESC \ or U+009C) or the next ESC; ESC intermediates
 * final (ESC 7, ESC ( B); the C1 forms U+009B, U+009D, U+0090, U+0098,
 * U+009E, U+009F likewise. A sequence broken by an unexpected byte ends
 * there and that byte is read as text. A string sequence with no terminator
 * ends at the next newline (kept) or after 512 bytes of body, whichever
 * comes first: only what was consumed is dropped. A lone ESC at the end and
 * an ESC followed by anything else are dropped alone. No ESC survives.
 * The 4-mark cap applies before NFC and again after it (NFC can split one
 * mark into two), so the output is stable: sanitising it again changes
 * nothing. Output length <= 3 * len. Linear time.
 */
char *text_sanitize(const char *in, size_t len, int flags, size_t *outlen);
/* text_sanitize, its working room taken from scratch (kept by the caller
 * between calls) instead of allocated each time: for many small texts. */
struct buf;
char *text_sanitize_with(const char *in, size_t len, int flags,
                         size_t *outlen, struct buf *scratch);
/* Is s well-formed UTF-8 without a NUL byte? */
bool text_is_utf8(const char *s, size_t len);
/* FNV-1a, 64 bits, of n bytes at p, going on from h (TEXT_HASH_INIT to
 * begin). */
#define TEXT_HASH_INIT 0xcbf29ce484222325ULL
uint64_t text_hash(uint64_t h, const void *p, size_t n);
/* Is s (len bytes) as text_sanitize leaves it, flags 0: to be shown as
 * it is? */
bool text_is_sanitized(const char *s, size_t len);

/*
 * The TEXT_ASCII_PUNCT rule alone, on text that text_sanitize already made
 * clean (flags 0): a copy with ASCII , ; : ? ! full-width where the rule
 * says so, or NULL when nothing changes (no copy made). Sanitising with
 * TEXT_ASCII_PUNCT gives the same as sanitising with 0 and then this, so
 * punctuation can be converted after parsing (source-md.c) without a second
 * sanitise. Caller frees.
 */
char *text_ascii_punct(const char *s, size_t len, size_t *outlen);

/*
 * True if c, appended to clean text, may change together with what stands
 * before it when the whole is sanitised again (NFC composition, the cap on
 * combining marks): combining marks and Hangul vowel and final jamo. False
 * for ASCII, CJK and everything else text_sanitize copies without a look.
 */
bool text_joins_previous(uint32_t c);

/* True if the buffer contains a NUL byte (a binary file, not an issue). */
bool text_has_nul(const char *s, size_t len);

/*
 * A copy of s that is safe to print in a message (sanitised, one line:
 * newlines and tabs become spaces, so no control byte at all). s may be
 * NULL (gives ""). Caller frees.
 */
char *text_safe(const char *s);

/*
 * A name from the file system (a path, a directory or file name) made safe
 * to show on the screen, in the status line or in a message, with a mark
 * where it was changed: every control character (C0 with TAB, LF and ESC,
 * DEL, C1, U+2028, U+2029) and bidi control (which would reorder what is
 * shown: "\u202Egpj.exe") becomes U+FFFD, as invalid UTF-8 does; then
 * text_sanitize as for the text (invisible characters dropped, NFC). So "a<LF>b" shows as "a\uFFFDb" and an escape sequence
 * shows its ESC as U+FFFD and the rest as plain text: one line, no control
 * byte, and two odd names stay apart. s may be NULL (gives ""). Caller
 * frees.
 */
char *text_name(const char *s);
/*
 * msg with every occurrence of raw (a path as the C library or iniparser
 * printed it) replaced by path as text_name() shows it, the whole made
 * safe with text_safe(). raw NULL: msg only made safe. Caller frees.
 */
char *text_name_in(const char *msg, const char *raw, const char *path);

/* Decode the code point at s (len > 0); returns the bytes used (≥ 1).
 * Invalid → U+FFFD. */
size_t text_next(const char *s, size_t len, uint32_t *c);
/* Decode the code point that ends at s + len (len > 0); returns its byte
 * length. Agrees with text_next, also on invalid bytes. */
size_t text_prev(const char *s, size_t len, uint32_t *c);

/*
 * A CJK character: wide (uc_width 2: East Asian W/F) and not Hangul
 * (syllables, jamo, compatibility jamo). Wide emoji count too.
 */
bool text_is_cjk(uint32_t c);

/*
 * The one space test of the text code: ASCII space, tab, newline and the
 * ideographic space U+3000. Its users differ only where they say so:
 * scan_is_space (the loader) adds the no-break space, layout.c leaves out
 * the newline (a mandatory break there, not a space that hangs), and
 * config.c trims ini lines byte by byte with C's ASCII set.
 */
static inline bool
text_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0x3000;
}
/*
 * When a soft line break joins two lines of one paragraph: true if a space
 * belongs between the character before (prev) and after (next) the break.
 * No space (false) when either side is already whitespace (space, tab,
 * newline, U+3000) or either side is CJK (text_is_cjk: ideographs, kana,
 * wide punctuation ，。；：（）《》「」): CSS Text 3 joins two CJK sides,
 * and Chinese papers also set Latin and digits against ideographs with no
 * space (选择RISC-V, 稳定在97%). A space (true) otherwise: Latin, digits,
 * Hangul, “ ” — … between Latin words.
 */
bool text_join_needs_space(uint32_t prev, uint32_t next);

/*
 * A line that ends in s[0, len) with an ASCII hyphen after a letter or
 * digit, joined to the line that starts at next: how to treat the hyphen.
 * DROP: a word broken at the line end ("Inter-" / "national" →
 * "International"): the word before is two or more ASCII letters, the
 * last two lower case, with no hyphen or digit before it, and the next
 * line starts with a lower-case letter. KEEP: a real hyphen, joined with
 * no space ("RISC-" / "V", "5G-" / "A", "COVID-" / "19", "state-of-the-" /
 * "art", "e-" / "mail"). NONE: no such hyphen. No dictionary is
 * consulted, so "well-" / "known" loses its hyphen.
 */
enum text_hyphen {
	TEXT_HYPHEN_NONE,
	TEXT_HYPHEN_KEEP,
	TEXT_HYPHEN_DROP,
};
enum text_hyphen text_line_hyphen(const char *s, size_t len, const char *next,
    size_t nlen);

/*
 * Search folding: NFKC + case fold, cluster by cluster, so that ABC finds
 * ＡＢＣ and abc. map[i] is the offset in the original text of the cluster
 * that produced folded byte i; map[len] == the original length.
 */
/* A further fold of each code point after NFKC + case fold (the reader's
 * 简⇄繁 fold, convert_fold_char): a character for a character, so the
 * map still leads back to the text shown. */
typedef uint32_t text_char_fold(uint32_t c);
struct text_folded {
	char		*s;	/* owned, NUL-terminated */
	size_t		 len;
	size_t		*map;	/* owned, len + 1 entries */
	text_char_fold	*cf;	/* NULL, or the fold text_search gives the needle too */
};
void text_fold(struct text_folded *f, const char *s, size_t len);
/* text_fold, then cf on every code point (cf NULL: text_fold). */
void text_fold_with(struct text_folded *f, const char *s, size_t len,
    text_char_fold *cf);
void text_folded_free(struct text_folded *f);
/* text_fold's bytes alone, without the map (the archive's index needs
 * no way back): NUL-terminated, *outlen bytes; caller frees. */
char *text_fold_bytes(const char *s, size_t len, size_t *outlen);
/*
 * What a search cannot find without: the ideographs of U+3400-U+9FFF in
 * needle s (len bytes) folded with cf (text_fold_with), TEXT_NEED_MAX
 * distinct ones at most; n 0 when it has none. text_may_hold says
 * whether text s (len bytes as written, before any parse: a story in its
 * file) may hold them all once parsed and folded with the same cf: false
 * only when one of them is in no character of s, and s has none that a
 * parse or the fold could make one of (an entity, a radical, an enclosed
 * or compatibility ideograph, a character past U+1F1FF). A look that
 * skips a text it says false of misses no match.
 */
#define TEXT_NEED_MAX 16
struct text_need {
	uint32_t	 c[TEXT_NEED_MAX];
	size_t		 n;
};
void text_need_of(struct text_need *nd, const char *s, size_t len,
    text_char_fold *cf);
bool text_may_hold(const struct text_need *nd, const char *s, size_t len,
    text_char_fold *cf);
/*
 * The first n[0, nl) in h[0, hl), or NULL; h when nl is 0: memmem(3),
 * led by memchr(3) on the needle's last byte. In Chinese text that byte
 * (the last of a character) is one byte in a hundred, where glibc's
 * memmem spent 2.7 instructions on every byte.
 */
const char *text_find(const char *h, size_t hl, const char *n, size_t nl);
/*
 * Find needle (raw, folded here) in f at or after original offset from.
 * On a hit, *start and *end are original byte offsets; returns true. A hit
 * covers whole clusters: a needle matching only part of a cluster's fold
 * (. in …, f in ﬁ, one half of a flag) is no hit. An empty needle never hits.
 */
bool text_search(const struct text_folded *f, const char *needle, size_t from,
    size_t *start, size_t *end);
/*
 * Every hit of needle in f, in order, found once: the first at or after
 * offset 0, each next one at or after the end of the one before (as a
 * reader pressing n sees them). Drawing a long paragraph line by line
 * looks its hits up by offset (text_hits_from) rather than searching the
 * text again from its start for each line, which was quadratic.
 */
struct text_hit {
	size_t	start, end;	/* original byte offsets, start < end */
};
struct text_hits {
	struct text_hit	*v;	/* owned */
	size_t		 n;
};
void text_hits_find(struct text_hits *h, const struct text_folded *f,
    const char *needle);
/* The first hit that ends after offset off (h->n when none): O(log n). */
size_t text_hits_from(const struct text_hits *h, size_t off);
void text_hits_free(struct text_hits *h);

#endif
