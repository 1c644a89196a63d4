/*
 * url.c: web addresses in running text (url.h).
 */
#include "build-config.h"

#include <string.h>
#include <strings.h>

#include "url.h"

/* A byte an address may hold: printable ASCII but space, quotes, angle
 * brackets and the characters no address has unescaped. */
static bool
url_byte(unsigned char c)
{
	return c > 0x20 && c < 0x7f && strchr("\"'<>`{}|\\^", c) == NULL;
}

static bool
word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* An address begins at s + i: a scheme or www., not inside a word. */
static size_t
url_start(const char *s, size_t n, size_t i)
{
	static const char *const heads[] = { "https://", "http://", "www." };
	size_t k, len;

	if (i > 0 && (word_byte((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
	    s[i - 1] == '/'))
		return 0;
	for (k = 0; k < sizeof heads / sizeof heads[0]; k++) {
		len = strlen(heads[k]);
		if (n - i > len && strncasecmp(s + i, heads[k], len) == 0 &&
		    word_byte((unsigned char)s[i + len]))
			return len;
	}
	return 0;
}

bool
url_find(const char *s, size_t n, size_t from, size_t upto, size_t *start,
    size_t *end)
{
	size_t i, e, open;

	for (i = from; i < n && i < upto; i++) {
		if (url_start(s, n, i) == 0)
			continue;
		for (e = i; e < n && url_byte((unsigned char)s[e]); e++)
			;
		/* a sentence's end, or a bracket the address did not open */
		for (;;) {
			char c = s[e - 1];

			if (strchr(".,;:!?", c) != NULL) {
				e--;
				continue;
			}
			if (c == ')' || c == ']') {
				char o = c == ')' ? '(' : '[';
				size_t k;

				for (open = 0, k = i; k < e; k++)
					open += s[k] == o ? 1 : s[k] == c ?
					    (size_t)-1 : 0;
				if (open != 0) {	/* more closed than opened */
					e--;
					continue;
				}
			}
			break;
		}
		*start = i;
		*end = e;
		return true;
	}
	return false;
}
