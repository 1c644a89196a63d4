/*
 * keys.c: the key → action table, its defaults (DESIGN.md's key table) and
 * the key names that [keys] in the config, the help pane and the man page
 * use. A key means one action at a time. No curses here: ui.c translates
 * curses codes into the codes of keys.h before asking.
 */
#include "build-config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "keys.h"
#include "text.h"
#include "xmalloc.h"

#define KEYS_NSPECIAL (KEYS_F1 - KEYS_UP + 1)
#define KEYS_MAX_BINDINGS (ACTION_COUNT * KEYS_PER_ACTION)

struct keys_binding {
	int key;
	enum action action;
};

/* Names of the special keys, as keys_name writes them. */
static const struct {
	const char *name;
	int key;
} keys_names[] = {
    {"Space", ' '},
    {"Tab", KEYS_TAB},
    {"S-Tab", KEYS_BTAB},
    {"Enter", KEYS_ENTER},
    {"Backspace", KEYS_BACKSPACE},
    {"Delete", KEYS_DELETE},
    {"Esc", KEYS_ESC},
    {"Up", KEYS_UP},
    {"Down", KEYS_DOWN},
    {"Left", KEYS_LEFT},
    {"Right", KEYS_RIGHT},
    {"PgUp", KEYS_PGUP},
    {"PgDn", KEYS_PGDN},
    {"Home", KEYS_HOME},
    {"End", KEYS_END},
    {"F1", KEYS_F1},
};

/* Other spellings people write in a config; read, never written. */
static const struct {
	const char *name;
	int key;
} keys_aliases[] = {
    {"Return", KEYS_ENTER}, {"BTab", KEYS_BTAB},     {"BackTab", KEYS_BTAB},
    {"BS", KEYS_BACKSPACE}, {"Del", KEYS_DELETE},    {"Escape", KEYS_ESC},
    {"PageUp", KEYS_PGUP},  {"PageDown", KEYS_PGDN}, {"PgDown", KEYS_PGDN},
};

/* DESIGN.md's key table, written in key names so defaults round-trip. */
static const char *const keys_defaults[ACTION_COUNT] = {
    [ACTION_FRONT] = "1",         [ACTION_CONTENTS] = "2",
    [ACTION_ARTICLE] = "3",       [ACTION_NEXT_PANE] = "Tab",
    [ACTION_PREV_PANE] = "S-Tab", [ACTION_DOWN] = "j Down",
    [ACTION_UP] = "k Up",         [ACTION_PAGE_DOWN] = "Space PgDn f",
    [ACTION_PAGE_UP] = "b PgUp",  [ACTION_TOP] = "g Home",
    [ACTION_BOTTOM] = "G End",    [ACTION_PERCENT] = "%",
    [ACTION_GOTO_PAGE] = ":",
    [ACTION_SCROLL_LEFT] = "<",    [ACTION_SCROLL_RIGHT] = ">",    [ACTION_OPEN] = "Enter Right l",
    [ACTION_CONTINUE] = "c",      [ACTION_BACK] = "Backspace Left h",
    [ACTION_NEXT_ARTICLE] = "]",  [ACTION_PREV_ARTICLE] = "[",
    [ACTION_NEXT_PAGE] = "}",     [ACTION_PREV_PAGE] = "{",
    [ACTION_SEARCH] = "/",        [ACTION_SEARCH_NEXT] = "n",
    [ACTION_SEARCH_PREV] = "N",   [ACTION_MARK] = "m",
    [ACTION_ARCHIVE_SEARCH] = "S",
    [ACTION_GOTO_MARK] = "'",     [ACTION_SWITCH_SCRIPT] = "T",
    [ACTION_SAVE] = "s",          [ACTION_PIPE] = "|",
    [ACTION_YANK] = "y",          [ACTION_FULL_SCREEN] = "z",
    [ACTION_WHOLE_PAGE] = "v",    [ACTION_OPEN_URL] = "o",
    [ACTION_NEXT_UNREAD] = "u",   [ACTION_IMAGES] = "i",
    [ACTION_HELP] = "? F1",       [ACTION_REDRAW] = "C-l",
    [ACTION_QUIT] = "q",          [ACTION_QUIT_NOW] = "Q",
};

static const char *const keys_action_names[ACTION_COUNT] = {
    [ACTION_NONE] = "none",
#define KEYS_NAME(id, name, help) [ACTION_##id] = name,
    KEYS_ACTIONS(KEYS_NAME)
#undef KEYS_NAME
};

static const char *const keys_action_helps[ACTION_COUNT] = {
    [ACTION_NONE] = "",
#define KEYS_HELP(id, name, help) [ACTION_##id] = help,
    KEYS_ACTIONS(KEYS_HELP)
#undef KEYS_HELP
};

/*
 * The bindings in the order they were made (keys_for_action keeps that
 * order, so help shows "j Down", not "Down j"), and two direct maps for the
 * keys pressed most: ASCII and the special keys. Anything else (a bound
 * "下") is found by a scan of the few bindings.
 */
static struct keys_binding keys_bindings[KEYS_MAX_BINDINGS];
static size_t keys_nbindings;
static unsigned char keys_ascii[128];
static unsigned char keys_special[KEYS_NSPECIAL];
static bool keys_ready;

static void
keys_reindex(void)
{
	size_t i;
	int k;

	memset(keys_ascii, 0, sizeof keys_ascii);
	memset(keys_special, 0, sizeof keys_special);
	for (i = 0; i < keys_nbindings; i++) {
		k = keys_bindings[i].key;
		if (k >= 0 && k < 128)
			keys_ascii[k] = (unsigned char)keys_bindings[i].action;
		else if (k >= KEYS_UP && k <= KEYS_F1)
			keys_special[k - KEYS_UP] =
			    (unsigned char)keys_bindings[i].action;
	}
}

/* Drop every binding for which (key == k) or (action == a). */
static void
keys_remove(int k, enum action a)
{
	size_t i, j = 0;

	for (i = 0; i < keys_nbindings; i++) {
		if (keys_bindings[i].key == k || keys_bindings[i].action == a)
			continue;
		keys_bindings[j++] = keys_bindings[i];
	}
	keys_nbindings = j;
}

/* A printable key a user can type as itself: no controls, no space. */
static bool
keys_is_char(int c)
{
	if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
		return false;
	if (c >= 0xd800 && c <= 0xdfff)
		return false;
	return c < 0x110000;
}

/*
 * Why tok (a key name that keys_parse refused) is bad, when it holds a
 * control character or invalid UTF-8, else NULL: an ESC would otherwise be
 * dropped from the message and leave "unknown key name ''". Caller frees.
 */
static char *
keys_bad_bytes(const char *tok)
{
	const uint8_t *u = (const uint8_t *)tok;
	size_t len = strlen(tok), i;
	ucs4_t c;
	int n;

	for (i = 0; i < len; i += (size_t)n) {
		n = u8_mbtouc(&c, u + i, len - i);
		if (c < 0x20 || c == 0x7f)
			return xasprintf("contains a control byte (0x%02x)",
			                 (unsigned)c);
		if (c >= 0x80 && c <= 0x9f)
			return xasprintf("contains a control character "
			                 "(U+%04X)",
			                 (unsigned)c);
	}
	if (u8_check(u, len) != NULL)
		return xstrdup("is not valid UTF-8");
	return NULL;
}

/*
 * Parse spec into keys[]; returns how many, or -1 with *err. Duplicates
 * collapse; "none" alone means no keys.
 */
static int
keys_parse_spec(const char *spec, int *keys, char **err)
{
	const char *p = spec, *q;
	char tok[64];
	size_t len, i;
	int n = 0, k;
	bool none = false, dup;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		for (q = p; *q != '\0' && *q != ' ' && *q != '\t'; q++)
			;
		len = (size_t)(q - p);
		if (len >= sizeof tok)
			len = sizeof tok - 1;
		memcpy(tok, p, len);
		tok[len] = '\0';
		p = q;
		if (strcasecmp(tok, "none") == 0) {
			none = true;
			continue;
		}
		k = keys_parse(tok);
		if (k < 0) {
			char *safe = text_name(tok), *why = keys_bad_bytes(tok);

			if (why != NULL)
				*err = xasprintf("key name '%s' %s", safe, why);
			else
				*err = xasprintf("unknown key name '%s'", safe);
			free(why);
			free(safe);
			return -1;
		}
		dup = false;
		for (i = 0; i < (size_t)n; i++)
			if (keys[i] == k)
				dup = true;
		if (dup)
			continue;
		if (n == KEYS_PER_ACTION) {
			*err = xasprintf("too many keys (at most %d)",
			                 KEYS_PER_ACTION);
			return -1;
		}
		keys[n++] = k;
	}
	if (none && n > 0) {
		*err = xstrdup("'none' cannot be mixed with key names");
		return -1;
	}
	if (!none && n == 0) {
		*err = xstrdup("no keys given (write 'none' to unbind)");
		return -1;
	}
	return n;
}

static int
keys_bind_action(enum action a, const char *spec, struct keys_taken *taken,
                 size_t *ntaken, char **err)
{
	int keys[KEYS_PER_ACTION];
	int n, i;
	enum action b;

	if ((n = keys_parse_spec(spec, keys, err)) < 0)
		return -1;
	for (i = 0; i < n && taken != NULL; i++)
		if ((b = keys_lookup(keys[i])) != ACTION_NONE && b != a) {
			taken[*ntaken].key = keys[i];
			taken[*ntaken].from = b;
			(*ntaken)++;
		}
	keys_remove(-1, a);
	for (i = 0; i < n; i++) {
		keys_remove(keys[i], ACTION_NONE);
		keys_bindings[keys_nbindings].key = keys[i];
		keys_bindings[keys_nbindings].action = a;
		keys_nbindings++;
	}
	keys_reindex();
	return 0;
}

static void
keys_ensure(void)
{
	if (!keys_ready)
		keys_init();
}

struct keys_table {
	struct keys_binding	b[KEYS_MAX_BINDINGS];
	size_t			n;
};

struct keys_table *
keys_table_save(void)
{
	struct keys_table *t = xmalloc(sizeof *t);

	keys_ensure();
	memcpy(t->b, keys_bindings, keys_nbindings * sizeof *t->b);
	t->n = keys_nbindings;
	return t;
}

void
keys_table_install(const struct keys_table *t)
{
	memcpy(keys_bindings, t->b, t->n * sizeof *t->b);
	keys_nbindings = t->n;
	keys_ready = true;
	keys_reindex();
}

void
keys_table_free(struct keys_table *t)
{
	free(t);
}

void
keys_init(void)
{
	char *err = NULL;
	int a;

	keys_nbindings = 0;
	keys_ready = true;
	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		if (keys_bind_action((enum action)a, keys_defaults[a], NULL,
		                     NULL, &err) < 0)
			fatal("bad default key for %s: %s",
			      keys_action_names[a], err);
	}
}

enum action
keys_lookup(int key)
{
	size_t i;

	keys_ensure();
	if (key >= 0 && key < 128)
		return (enum action)keys_ascii[key];
	if (key >= KEYS_UP && key <= KEYS_F1)
		return (enum action)keys_special[key - KEYS_UP];
	for (i = 0; i < keys_nbindings; i++)
		if (keys_bindings[i].key == key)
			return keys_bindings[i].action;
	return ACTION_NONE;
}

enum action
keys_action_parse(const char *name)
{
	int a;

	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
		if (strcasecmp(name, keys_action_names[a]) == 0)
			return (enum action)a;
	return ACTION_NONE;
}

int
keys_bind_taking(const char *name, const char *spec, struct keys_taken *taken,
                 size_t *ntaken, char **err)
{
	enum action a;

	keys_ensure();
	*err = NULL;
	if (ntaken != NULL)
		*ntaken = 0;
	if ((a = keys_action_parse(name)) == ACTION_NONE) {
		char *safe = text_name(name);

		*err = xasprintf("unknown action '%s'", safe);
		free(safe);
		return -1;
	}
	return keys_bind_action(a, spec, ntaken != NULL ? taken : NULL, ntaken,
	                        err);
}

int
keys_bind(const char *name, const char *spec, char **err)
{
	return keys_bind_taking(name, spec, NULL, NULL, err);
}

static int
keys_hex(const char *s)
{
	long v = 0;
	size_t n;

	for (n = 0; s[n] != '\0'; n++) {
		int d;

		if (s[n] >= '0' && s[n] <= '9')
			d = s[n] - '0';
		else if (s[n] >= 'a' && s[n] <= 'f')
			d = s[n] - 'a' + 10;
		else if (s[n] >= 'A' && s[n] <= 'F')
			d = s[n] - 'A' + 10;
		else
			return -1;
		if (n >= 6)
			return -1;
		v = v * 16 + d;
	}
	if (n < 4 || v >= 0x110000 || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	return (int)v;
}

int
keys_parse(const char *name)
{
	size_t i, len;
	ucs4_t c;
	int n;

	if (name == NULL || *name == '\0')
		return -1;
	len = strlen(name);
	for (i = 0; i < sizeof keys_names / sizeof keys_names[0]; i++)
		if (strcasecmp(name, keys_names[i].name) == 0)
			return keys_names[i].key;
	for (i = 0; i < sizeof keys_aliases / sizeof keys_aliases[0]; i++)
		if (strcasecmp(name, keys_aliases[i].name) == 0)
			return keys_aliases[i].key;
	/* C-a .. C-z: the control codes 1..26, whatever the letter's case. */
	if (len == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		if (name[2] >= 'a' && name[2] <= 'z')
			return name[2] - 'a' + 1;
		if (name[2] >= 'A' && name[2] <= 'Z')
			return name[2] - 'A' + 1;
		return -1;
	}
	/* U+XXXX: a code point with no other name (keys_name writes it). */
	if (len > 2 && (name[0] == 'U' || name[0] == 'u') && name[1] == '+')
		return keys_hex(name + 2);
	/* Any one character: u8_mbtoucr refuses invalid UTF-8. */
	n = u8_mbtoucr(&c, (const uint8_t *)name, len);
	if (n < 0 || (size_t)n != len || !keys_is_char((int)c))
		return -1;
	return (int)c;
}

const char *
keys_name(int key, char *buf, size_t size)
{
	uint8_t tmp[6];
	size_t i;
	int n;

	if (size == 0)
		return buf;
	for (i = 0; i < sizeof keys_names / sizeof keys_names[0]; i++) {
		if (keys_names[i].key == key) {
			snprintf(buf, size, "%s", keys_names[i].name);
			return buf;
		}
	}
	if (key >= 1 && key <= 26)
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	else if (keys_is_char(key)) {
		n = u8_uctomb(tmp, (ucs4_t)key, sizeof tmp);
		if (n > 0 && (size_t)n < size) {
			memcpy(buf, tmp, (size_t)n);
			buf[n] = '\0';
		} else
			buf[0] = '\0';
	} else if (key >= 0 && key < 0x110000)
		snprintf(buf, size, "U+%04X", (unsigned)key);
	else
		snprintf(buf, size, "?");
	return buf;
}

const char *
keys_action_name(enum action a)
{
	if ((int)a < 0 || a >= ACTION_COUNT)
		return "?";
	return keys_action_names[a];
}

const char *
keys_action_help(enum action a)
{
	if ((int)a < 0 || a >= ACTION_COUNT)
		return "";
	return keys_action_helps[a];
}

const char *
keys_default_spec(enum action a)
{
	if ((int)a <= ACTION_NONE || a >= ACTION_COUNT)
		return "";
	return keys_defaults[a];
}

size_t
keys_for_action(enum action a, int *keys, size_t max)
{
	size_t i, n = 0;

	keys_ensure();
	for (i = 0; i < keys_nbindings && n < max; i++)
		if (keys_bindings[i].action == a)
			keys[n++] = keys_bindings[i].key;
	return n;
}

const char *
keys_hint(enum action a, char *buf, size_t size)
{
	int k;

	if (keys_for_action(a, &k, 1) == 0)
		return NULL;
	return keys_name(k, buf, size);
}
