/*
 * config.c: the settings table, and reading it from one INI file through
 * iniparser 4.1. The table drives defaults, loading and the example file.
 *
 * iniparser 4.1 crashes on getint/getboolean of a section-named key
 * (CVE-2023-33461) and prints to stderr on its own: so only
 * iniparser_getstring(d, key, NULL) is called, every value is parsed here
 * strictly, and its error messages are collected through a callback. It
 * gives no line numbers, so a small scanner that mirrors its line syntax
 * finds them for the warnings; the scanner never decides a value.
 * No curses: colours stay names here.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistr.h>

#include <iniparser.h>

#include "keys.h"
#include "load.h"
#include "text.h"
#include "file.h"
#include "xdg.h"
#include "xmalloc.h"

#define CONFIG_MAX_SIZE (64 * 1024)
/* iniparser 4.1 reads lines with fgets into 1024 bytes: 1022 + '\n'. */
#define CONFIG_MAX_LINE 1022
/* Values quoted in warnings are cut to this many characters. */
#define CONFIG_QUOTE_MAX 40

enum cfg_type {
	CFG_BOOL,
	CFG_INT,
	CFG_ENUM,
	CFG_COLOR,
};

struct cfg_setting {
	const char *section;
	const char *name;
	enum cfg_type type;
	const char *def;           /* as written in a file; NULL: unset */
	int min, max;              /* CFG_INT */
	const char *const *values; /* CFG_ENUM, NULL-terminated */
	void (*set)(struct config *, int); /* CFG_ENUM → field */
	size_t offset;                     /* the field in struct config */
	const char *help;
};

/* A line of the file as iniparser 4.1 sees it (for line numbers only). */
enum cfg_line_kind {
	CFG_LINE_SECTION,
	CFG_LINE_VALUE,
	CFG_LINE_ERROR,
};

struct cfg_line {
	enum cfg_line_kind kind;
	int line;
	char *section; /* lower-cased, as iniparser */
	char *key;     /* "section:key"; NULL for a section */
};

struct cfg_scan {
	struct cfg_line *v;
	size_t n;
	size_t cap;
	int first_error;  /* line of the first syntax error, or 0 */
	char *error_text; /* that line, trimmed */
	int long_line;    /* first line over CONFIG_MAX_LINE, or 0 */
};

struct cfg_warning {
	int line;
	size_t seq;
	char *msg;
};

struct cfg_warnings {
	struct cfg_warning *v;
	size_t n;
	size_t cap;
	char *file; /* sanitised file name for messages */
};

static const char *const cfg_ambiguous_values[] = {"auto", "narrow", "wide",
                                                   NULL};
static const char *const cfg_kinsoku_values[] = {"none", "basic", "strict",
                                                 NULL};
static const char *const cfg_theme_values[] = {"default", "mono", NULL};
/* in the order of enum convert_script */
static const char *const cfg_script_values[] = {
    "original", "traditional", "taiwan", "hongkong", "simplified", NULL};

/* in the order of enum config_images */
static const char *const cfg_images_values[] = {
    "auto", "symbols", "none", "sixel", "kitty", "iterm", NULL};

static void
cfg_set_images(struct config *c, int n)
{
	c->images = (enum config_images)n;
}

static void
cfg_set_script(struct config *c, int n)
{
	c->script = n;
}

static const char *const cfg_color_names[] = {
    "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"};

static void
cfg_set_ambiguous(struct config *c, int v)
{
	switch (v) {
	case 1:
		c->ambiguous = WIDTH_NARROW;
		break;
	case 2:
		c->ambiguous = WIDTH_WIDE;
		break;
	default:
		c->ambiguous = WIDTH_AUTO;
		break;
	}
}

static void
cfg_set_kinsoku(struct config *c, int v)
{
	switch (v) {
	case 0:
		c->kinsoku = KINSOKU_NONE;
		break;
	case 2:
		c->kinsoku = KINSOKU_STRICT;
		break;
	default:
		c->kinsoku = KINSOKU_BASIC;
		break;
	}
}

#define CFG_OFF(field) offsetof(struct config, field)
#define CFG_COLOR_SETTING(id, name_, help_)                                    \
	{.section = "colors",                                                  \
	 .name = name_,                                                        \
	 .type = CFG_COLOR,                                                    \
	 .offset = CFG_OFF(colors[CONFIG_COLOR_##id]),                         \
	 .help = "Colour of " help_ "."},

/* The one table: loading, defaults and config_example() all walk it. */
static const struct cfg_setting cfg_settings[] = {
    {"layout", "ambiguous", CFG_ENUM, "auto", 0, 0, cfg_ambiguous_values,
     cfg_set_ambiguous, 0,
     "Width of East Asian Ambiguous characters (“ ” … · —): auto asks "
     "the terminal at start-up."},
    {"layout", "indent", CFG_INT, "4", 0, 8, NULL, NULL, CFG_OFF(indent),
     "First-line indent of a paragraph in columns (4 = two Chinese "
     "characters)."},
    {"layout", "paragraph_gap", CFG_INT, "1", 0, 2, NULL, NULL,
     CFG_OFF(paragraph_gap), "Blank lines between paragraphs."},
    {"layout", "kinsoku", CFG_ENUM, "basic", 0, 0, cfg_kinsoku_values,
     cfg_set_kinsoku, 0,
     "Line-breaking rules for CJK punctuation: none (UAX #14 only), "
     "basic (clreq), strict (also —— and …… never start a line)."},
    {"layout", "measure", CFG_INT, "40", 0, 500, NULL, NULL, CFG_OFF(measure),
     "The article's column at most this many Chinese characters wide "
     "(2 columns each), centred on a wider screen; 0: the whole width. "
     "--dump ignores it."},
    {"layout", "margin", CFG_INT, "0", 0, 40, NULL, NULL, CFG_OFF(margin),
     "Blank columns left and right of the article on any screen (they "
     "give way when fewer than 20 columns would be left)."},
    {"layout", "ascii_rules", CFG_BOOL, "no", 0, 0, NULL, NULL,
     CFG_OFF(ascii_rules),
     "Rule tables with + - | instead of box drawing (─ │ ┌)."},
    {"repair", "ascii_punct", CFG_BOOL, "yes", 0, 0, NULL, NULL,
     CFG_OFF(ascii_punct),
     "ASCII , ; : ? ! between Chinese characters become full-width."},
    {"repair", "join_columns", CFG_BOOL, "yes", 0, 0, NULL, NULL,
     CFG_OFF(join_columns),
     "Join paragraphs cut in two by a PDF column break."},
    {"repair", "join_lines", CFG_BOOL, "yes", 0, 0, NULL, NULL,
     CFG_OFF(join_lines),
     "Join soft line breaks without a space between Chinese "
     "characters."},
    {"reader", "bars", CFG_BOOL, "yes", 0, 0, NULL, NULL, CFG_OFF(bars),
     "Show the tab bar and the status line; no: full screen, messages "
     "for a moment on the last line (z switches)."},
    {"reader", "continuous", CFG_BOOL, "no", 0, 0, NULL, NULL,
     CFG_OFF(continuous),
     "Read an article continued on another page as one article."},
    {"reader", "incsearch", CFG_BOOL, "yes", 0, 0, NULL, NULL,
     CFG_OFF(incsearch),
     "Search as you type at the / prompt (Esc goes back to where you were)."},
    {"reader", "mouse", CFG_BOOL, "no", 0, 0, NULL, NULL, CFG_OFF(mouse),
     "Use the mouse (wheel scrolls, click opens); off leaves it to the terminal (selecting text)."},
    {"reader", "save_position", CFG_BOOL, "yes", 0, 0, NULL, NULL,
     CFG_OFF(save_position),
     "Remember the reading position and bookmarks of each issue."},
    {"reader", "script", CFG_ENUM, "original", 0, 0, cfg_script_values,
     cfg_set_script, 0,
     "Chinese script to read in, converted by OpenCC: original, "
     "traditional, taiwan (Taiwan forms and phrases), hongkong or "
     "simplified."},
    {"images", "mode", CFG_ENUM, "auto", 0, 0, cfg_images_values,
     cfg_set_images, 0,
     "Photos in the article: auto (pixels where the environment names a "
     "terminal that draws them, else symbols), symbols (block symbols in "
     "colour, any UTF-8 terminal, over SSH too), none (the [图] line "
     "only), sixel, kitty or iterm (that protocol's pixels); i switches."},
    {"images", "max_rows", CFG_INT, "0", 0, 500, NULL, NULL,
     CFG_OFF(image_rows),
     "Rows a photo takes at most; 0: 40% of the pane's height."},
    {"colors", "theme", CFG_ENUM, "default", 0, 0, cfg_theme_values, NULL,
     CFG_OFF(theme),
     "Colour theme; mono uses no colour (so does NO_COLOR in the "
     "environment)."},
    CONFIG_COLORS(CFG_COLOR_SETTING)};

#define CFG_NSETTINGS (sizeof cfg_settings / sizeof cfg_settings[0])

static const char *const cfg_color_element_names[CONFIG_COLOR_COUNT] = {
#define CFG_COLOR_NAME(id, name, help) [CONFIG_COLOR_##id] = name,
    CONFIG_COLORS(CFG_COLOR_NAME)
#undef CFG_COLOR_NAME
};

/* iniparser's messages, collected by the callback instead of stderr. */
static struct buf cfg_ini_msgs;

static int cfg_ini_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static int
cfg_ini_error(const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n > 0)
		buf_adds(&cfg_ini_msgs, tmp);
	return n;
}

/* ---- small string helpers ------------------------------------------ */

/* Not text_is_space: ini lines are trimmed byte by byte with C's ASCII
 * set (\r, \v and \f too); an ideographic or no-break space in a value
 * is the value's. */
static int
cfg_is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

/* A trimmed copy of s[0..len). Caller frees. */
static char *
cfg_trim(const char *s, size_t len)
{
	while (len > 0 && cfg_is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && cfg_is_space((unsigned char)s[len - 1]))
		len--;
	return xstrndup(s, len);
}

static void
cfg_lower(char *s)
{
	for (; *s != '\0'; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* s made safe to print and cut to CONFIG_QUOTE_MAX characters, with
 * U+FFFD for each control character (text_name), so a name or value
 * with an escape sequence shows that it has one. Caller frees. */
static char *
cfg_quote(const char *s)
{
	char *safe = text_name(s);
	size_t off = 0, len = strlen(safe);
	int count = 0, n;
	ucs4_t c;

	while (off < len) {
		if (count == CONFIG_QUOTE_MAX) {
			char *cut = xasprintf("%.*s…", (int)off, safe);

			free(safe);
			return cut;
		}
		n = u8_mbtouc(&c, (const uint8_t *)safe + off, len - off);
		off += n > 0 ? (size_t)n : 1;
		count++;
	}
	return safe;
}

/* ---- warnings, kept with their line and sorted by it ------------------ */

static void cfg_warn(struct cfg_warnings *w, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cfg_warn(struct cfg_warnings *w, int line, const char *fmt, ...)
{
	struct cfg_warning *x;
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->v = xreallocarray(w->v, w->cap, sizeof *w->v);
	}
	x = &w->v[w->n];
	x->line = line;
	x->seq = w->n++;
	if (line > 0)
		x->msg = xasprintf("%s:%d: %s", w->file, line, msg);
	else
		x->msg = xasprintf("%s: %s", w->file, msg);
	free(msg);
}

static int
cfg_warning_cmp(const void *a, const void *b)
{
	const struct cfg_warning *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Append the warnings to out in file order and free them. */
static void
cfg_warn_flush(struct cfg_warnings *w, struct buf *out)
{
	size_t i;

	if (w->n > 0)
		qsort(w->v, w->n, sizeof *w->v, cfg_warning_cmp);
	for (i = 0; i < w->n; i++) {
		if (out != NULL) {
			buf_adds(out, w->v[i].msg);
			buf_addc(out, '\n');
		}
		free(w->v[i].msg);
	}
	free(w->v);
	free(w->file);
	memset(w, 0, sizeof *w);
}

/* ---- the line scanner (mirrors iniparser 4.1's line syntax) ---------- */

static void
cfg_scan_add(struct cfg_scan *s, enum cfg_line_kind kind, int line,
             const char *section, const char *key)
{
	struct cfg_line *l;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->v = xreallocarray(s->v, s->cap, sizeof *s->v);
	}
	l = &s->v[s->n++];
	l->kind = kind;
	l->line = line;
	l->section = xstrdup(section);
	l->key = key != NULL ? xasprintf("%s:%s", section, key) : NULL;
}

/*
 * One logical line (continuations joined), classified as iniparser 4.1
 * does: blank, ;/# comment, [section], key = value (the key is what comes
 * before the first '=' and must not be empty), anything else an error.
 */
static void
cfg_scan_line(struct cfg_scan *s, const char *text, size_t len, int line,
              char **section)
{
	char *l = cfg_trim(text, len), *eq, *name;
	size_t n = strlen(l);

	if (n == 0 || l[0] == '#' || l[0] == ';') {
		free(l);
		return;
	}
	if (l[0] == '[' && l[n - 1] == ']') {
		char *close = strchr(l + 1, ']');

		free(*section);
		*section = cfg_trim(l + 1, (size_t)(close - (l + 1)));
		cfg_lower(*section);
		cfg_scan_add(s, CFG_LINE_SECTION, line, *section, NULL);
		free(l);
		return;
	}
	if ((eq = strchr(l, '=')) == NULL || eq == l) {
		cfg_scan_add(s, CFG_LINE_ERROR, line, *section, NULL);
		if (s->first_error == 0) {
			s->first_error = line;
			s->error_text = xstrdup(l);
		}
		free(l);
		return;
	}
	name = cfg_trim(l, (size_t)(eq - l));
	cfg_lower(name);
	cfg_scan_add(s, CFG_LINE_VALUE, line, *section, name);
	free(name);
	free(l);
}

static void
cfg_scan(struct cfg_scan *s, const char *text, size_t len)
{
	struct buf joined = {0};
	char *section = xstrdup("");
	size_t off = 0, end, n;
	int line = 0, first = 0;

	memset(s, 0, sizeof *s);
	while (off < len) {
		const char *p = text + off;
		const char *nl = memchr(p, '\n', len - off);

		end = nl != NULL ? (size_t)(nl - p) : len - off;
		off += end + (nl != NULL);
		line++;
		if (end > CONFIG_MAX_LINE && s->long_line == 0)
			s->long_line = line;
		n = end;
		while (n > 0 && cfg_is_space((unsigned char)p[n - 1]))
			n--;
		if (joined.len == 0)
			first = line;
		/* A trailing backslash continues the line (iniparser joins). */
		if (n > 0 && p[n - 1] == '\\') {
			buf_add(&joined, p, n - 1);
			if (joined.len == 0)
				buf_addc(&joined, ' ');
			continue;
		}
		buf_add(&joined, p, n);
		cfg_scan_line(s, joined.s, joined.len, first, &section);
		joined.len = 0;
	}
	if (joined.len > 0)
		cfg_scan_line(s, joined.s, joined.len, first, &section);
	buf_free(&joined);
	free(section);
}

static void
cfg_scan_free(struct cfg_scan *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		free(s->v[i].section);
		free(s->v[i].key);
	}
	free(s->v);
	free(s->error_text);
	memset(s, 0, sizeof *s);
}

/* The line of dictionary entry key (a section when is_section), or 0. */
static const struct cfg_line *
cfg_scan_find(const struct cfg_scan *s, const char *key, int is_section)
{
	const struct cfg_line *found = NULL;
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct cfg_line *l = &s->v[i];

		if (is_section && l->kind == CFG_LINE_SECTION &&
		    strcmp(l->section, key) == 0)
			return l;
		/* iniparser keeps the last of duplicate keys: so do we. */
		if (!is_section && l->kind == CFG_LINE_VALUE &&
		    strcmp(l->key, key) == 0)
			found = l;
	}
	return found;
}

static int
cfg_scan_line_of(const struct cfg_scan *s, const char *key, int is_section)
{
	const struct cfg_line *l = cfg_scan_find(s, key, is_section);

	return l != NULL ? l->line : 0;
}

/* ---- value parsing ---------------------------------------------------- */

static int
cfg_parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"yes", "true", "on", "1"};
	static const char *const no[] = {"no", "false", "off", "0"};
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* A decimal integer, the whole string, in min..max. */
static int
cfg_parse_int(const char *v, int min, int max, int *out)
{
	const char *p = v;
	char *end;
	long n;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno == ERANGE || *end != '\0' || n < min || n > max)
		return -1;
	*out = (int)n;
	return 0;
}

static int
cfg_parse_enum(const char *v, const char *const *values)
{
	int i;

	for (i = 0; values[i] != NULL; i++)
		if (strcasecmp(v, values[i]) == 0)
			return i;
	return -1;
}

static int
cfg_parse_color_value(const char *s, size_t len, int *out)
{
	char tmp[16];
	size_t i;
	int n;

	if (len == 0 || len >= sizeof tmp)
		return -1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	if (strcasecmp(tmp, "default") == 0) {
		*out = CONFIG_COLOR_DEFAULT;
		return 0;
	}
	for (i = 0; i < sizeof cfg_color_names / sizeof cfg_color_names[0];
	     i++) {
		if (strcasecmp(tmp, cfg_color_names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	}
	if (tmp[0] == '-' || cfg_parse_int(tmp, 0, 255, &n) < 0)
		return -1;
	*out = n;
	return 0;
}

static int
cfg_parse_attr(const char *s, size_t len, unsigned *attr)
{
	static const struct {
		const char *name;
		unsigned bit;
	} attrs[] = {
	    {"bold", CONFIG_ATTR_BOLD},
	    {"underline", CONFIG_ATTR_UNDERLINE},
	    {"reverse", CONFIG_ATTR_REVERSE},
	};
	size_t i;

	for (i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
		if (strlen(attrs[i].name) == len &&
		    strncasecmp(s, attrs[i].name, len) == 0) {
			if (*attr & attrs[i].bit)
				return -1;
			*attr |= attrs[i].bit;
			return 0;
		}
	}
	return -1;
}

int
config_color_parse(const char *spec, struct config_color *out)
{
	struct config_color c = {CONFIG_COLOR_DEFAULT, CONFIG_COLOR_DEFAULT, 0};
	const char *p = spec, *q;
	size_t len;
	int field = 0, v;

	if (spec == NULL)
		return -1;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		for (q = p; *q != '\0' && *q != ','; q++)
			;
		len = (size_t)(q - p);
		while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		if (len == 0)
			return -1;
		/* FG first; then BG if it is a colour; attributes after. */
		if (field == 0) {
			if (cfg_parse_color_value(p, len, &c.fg) < 0)
				return -1;
		} else if (field == 1 && c.attr == 0 &&
		           cfg_parse_color_value(p, len, &v) == 0)
			c.bg = v;
		else if (cfg_parse_attr(p, len, &c.attr) < 0)
			return -1;
		field++;
		if (*q == '\0')
			break;
		p = q + 1;
	}
	*out = c;
	return 0;
}

const char *
config_color_name(enum config_color_id id)
{
	if ((int)id < 0 || id >= CONFIG_COLOR_COUNT)
		return NULL;
	return cfg_color_element_names[id];
}

/* "0..8", "yes/no", "auto, narrow or wide", for messages. Caller frees. */
static char *
cfg_expected(const struct cfg_setting *s)
{
	struct buf b = {0};
	int i, n;

	switch (s->type) {
	case CFG_BOOL:
		return xstrdup("yes/no, true/false, on/off or 1/0");
	case CFG_INT:
		return xasprintf("%d..%d", s->min, s->max);
	case CFG_COLOR:
		return xstrdup("FG[,BG][,bold|underline|reverse], colours "
		               "default, black, red, green, yellow, blue, "
		               "magenta, cyan, white or 0..255");
	case CFG_ENUM:
		for (n = 0; s->values[n] != NULL; n++)
			;
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_adds(&b, i == n - 1 ? " or " : ", ");
			buf_adds(&b, s->values[i]);
		}
		return buf_take(&b, NULL);
	}
	return xstrdup("?");
}

/* Parse v for s and store it in c; -1 if v is bad (c untouched). */
static int
cfg_apply(struct config *c, const struct cfg_setting *s, const char *v)
{
	char *base = (char *)c + s->offset;
	char **str = (char **)(void *)base;
	struct config_color col;
	bool b;
	int n;

	switch (s->type) {
	case CFG_BOOL:
		if (cfg_parse_bool(v, &b) < 0)
			return -1;
		*(bool *)(void *)base = b;
		return 0;
	case CFG_INT:
		if (cfg_parse_int(v, s->min, s->max, &n) < 0)
			return -1;
		*(int *)(void *)base = n;
		return 0;
	case CFG_ENUM:
		if ((n = cfg_parse_enum(v, s->values)) < 0)
			return -1;
		if (s->set != NULL)
			s->set(c, n);
		else {
			free(*str);
			*str = xstrdup(s->values[n]);
		}
		return 0;
	case CFG_COLOR:
		if (config_color_parse(v, &col) < 0)
			return -1;
		free(*str);
		*str = xstrdup(v);
		return 0;
	}
	return -1;
}

static void
cfg_update_no_color(struct config *c)
{
	const char *nc = getenv("NO_COLOR");

	c->no_color = (nc != NULL && *nc != '\0') ||
	              (c->theme != NULL && strcmp(c->theme, "mono") == 0);
}

void
config_defaults(struct config *c)
{
	size_t i;

	memset(c, 0, sizeof *c);
	for (i = 0; i < CFG_NSETTINGS; i++) {
		if (cfg_settings[i].def != NULL &&
		    cfg_apply(c, &cfg_settings[i], cfg_settings[i].def) < 0)
			fatal("bad default for %s.%s", cfg_settings[i].section,
			      cfg_settings[i].name);
	}
	cfg_update_no_color(c);
}

/* ---- paths -------------------------------------------------------------- */

char *
config_default_path(void)
{
	return xdg_path("XDG_CONFIG_HOME", ".config", "config.ini");
}

/* ---- loading ------------------------------------------------------------ */

/* Read the whole of a regular file of at most CONFIG_MAX_SIZE bytes. */
static int
cfg_read(const char *path, bool explicit, struct cfg_warnings *w, char **out,
         size_t *outlen, bool *missing)
{
	/* A file named with -c stops the program (main.c): no "using the
	 * defaults" then. */
	const char *then = explicit ? "" : "; using the defaults";
	struct file_error e;

	*missing = false;
	if ((*out = file_read(path, CONFIG_MAX_SIZE, outlen, &e)) != NULL)
		return 0;
	switch (e.status) {
	case FILE_OPEN:
		if (e.err == ENOENT && !explicit) {
			*missing = true;
			return -1;
		}
		cfg_warn(w, 0, "cannot open: %s%s", strerror(e.err), then);
		return -1;
	case FILE_NOT_REGULAR:
		cfg_warn(w, 0, "not a regular file%s", then);
		return -1;
	case FILE_TOO_LARGE:
		if (e.size >= 0)
			cfg_warn(w, 0,
			         "too large (%lld bytes, at most %d); using the "
			         "defaults",
			         e.size, CONFIG_MAX_SIZE);
		else
			cfg_warn(w, 0,
			         "too large (over %d bytes); using the defaults",
			         CONFIG_MAX_SIZE);
		return 1;
	default:
		cfg_warn(w, 0, "cannot read: %s%s", strerror(e.err), then);
		return -1;
	}
}

/* A private copy of text for iniparser to read; "" on failure. Caller frees. */
static char *
cfg_temp_copy(const char *text, size_t len)
{
	const char *dir = getenv("TMPDIR");
	char *path;
	size_t off = 0;
	ssize_t n;
	int fd;

	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	path = xasprintf("%s/herald-tui-config.XXXXXX", dir);
	if ((fd = mkstemp(path)) < 0) {
		free(path);
		return NULL;
	}
	while (off < len) {
		n = write(fd, text + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	if (close(fd) < 0 || off < len) {
		unlink(path);
		free(path);
		return NULL;
	}
	return path;
}

/* Line of the first NUL byte in text, or 0. */
static int
cfg_nul_line(const char *text, size_t len)
{
	const char *nul = memchr(text, '\0', len);
	const char *p;
	int line = 1;

	if (nul == NULL)
		return 0;
	for (p = text; p < nul; p++)
		if (*p == '\n')
			line++;
	return line;
}

static const struct cfg_setting *
cfg_find_setting(const char *section, const char *name)
{
	size_t i;

	for (i = 0; i < CFG_NSETTINGS; i++)
		if (strcmp(cfg_settings[i].section, section) == 0 &&
		    strcmp(cfg_settings[i].name, name) == 0)
			return &cfg_settings[i];
	return NULL;
}

static bool
cfg_known_section(const char *section)
{
	size_t i;

	if (strcmp(section, "keys") == 0)
		return true;
	for (i = 0; i < CFG_NSETTINGS; i++)
		if (strcmp(cfg_settings[i].section, section) == 0)
			return true;
	return false;
}

/* Every setting of the table: strict parse, warning and default when bad. */
static void
cfg_apply_settings(struct config *c, dictionary *d, const struct cfg_scan *s,
                   struct cfg_warnings *w)
{
	const struct cfg_setting *st;
	const char *v;
	char *key, *val, *q, *exp, *def;
	size_t i;

	for (i = 0; i < CFG_NSETTINGS; i++) {
		st = &cfg_settings[i];
		key = xasprintf("%s:%s", st->section, st->name);
		/* NULL both when missing and when key names a section. */
		v = iniparser_getstring(d, key, NULL);
		if (v == NULL) {
			free(key);
			continue;
		}
		val = cfg_trim(v, strlen(v));
		if (cfg_apply(c, st, val) < 0) {
			q = cfg_quote(val);
			exp = cfg_expected(st);
			def = st->def != NULL
			          ? xasprintf("using %s", st->def)
			          : xstrdup("using the theme's colour");
			cfg_warn(w, cfg_scan_line_of(s, key, 0),
			         "[%s] %s: bad value '%s' (expected %s); %s",
			         st->section, st->name, q, exp, def);
			free(q);
			free(exp);
			free(def);
		}
		free(val);
		free(key);
	}
}

struct cfg_keyentry {
	int line;
	const char *name; /* borrowed from the dictionary */
	const char *value;
};

static int
cfg_keyentry_cmp(const void *a, const void *b)
{
	const struct cfg_keyentry *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

/* A key that entry `entry` took from another action (keys_bind_taking). */
struct cfg_took {
	size_t entry;
	struct keys_taken t;
};

/* Does an entry after the first `after` bind action a? */
static bool
cfg_rebound_later(const enum action *bound, size_t n, size_t after,
                  enum action a)
{
	size_t j;

	for (j = after + 1; j < n; j++)
		if (bound[j] == a)
			return true;
	return false;
}

/*
 * Quitting must stay possible: when quit and quit-now have no key left,
 * each gets back those of its default keys that nothing else took (or,
 * when that leaves none, its default keys, taken back). Appends what they
 * are now to said ("quit = q, quit-now = Q").
 */
static void
cfg_keep_quit(struct buf *said)
{
	static const enum action quits[] = {ACTION_QUIT, ACTION_QUIT_NOW};
	struct keys_taken taken[KEYS_PER_ACTION];
	int keys[KEYS_PER_ACTION], k;
	size_t i, j, n, nt, total = 0;
	char *spec, *tok, *save = NULL, name[32], *err = NULL;
	struct buf b, from = {0};
	bool seen[ACTION_COUNT] = {false};

	for (i = 0; i < 2; i++) {
		memset(&b, 0, sizeof b);
		spec = xstrdup(keys_default_spec(quits[i]));
		for (tok = strtok_r(spec, " ", &save); tok != NULL;
		     tok = strtok_r(NULL, " ", &save))
			if ((k = keys_parse(tok)) >= 0 &&
			    keys_lookup(k) == ACTION_NONE) {
				buf_adds(&b, b.len > 0 ? " " : "");
				buf_adds(&b, tok);
			}
		free(spec);
		if (b.len > 0 &&
		    keys_bind(keys_action_name(quits[i]), b.s, &err) == 0)
			total++;
		free(err);
		err = NULL;
		buf_free(&b);
	}
	for (i = 0; i < 2 && total == 0; i++) {
		keys_bind_taking(keys_action_name(quits[i]),
		                 keys_default_spec(quits[i]), taken, &nt, &err);
		free(err);
		err = NULL;
		for (j = 0; j < nt; j++)
			if (!seen[taken[j].from]) {
				seen[taken[j].from] = true;
				buf_printf(&from, "%s%s",
				           from.len > 0 ? ", " : "",
				           keys_action_name(taken[j].from));
			}
	}
	for (i = 0; i < 2; i++) {
		n = keys_for_action(quits[i], keys, KEYS_PER_ACTION);
		buf_printf(said, "%s%s =", i > 0 ? ", " : "",
		           keys_action_name(quits[i]));
		for (j = 0; j < n; j++)
			buf_printf(said, " %s",
			           keys_name(keys[j], name, sizeof name));
		if (n == 0)
			buf_adds(said, " none");
	}
	if (from.len > 0)
		buf_printf(said, " (taken back from %s)", from.s);
	buf_free(&from);
}

/*
 * Bind the [keys] entries ke (in file order). Warned: a bad entry (the
 * keys stay as they were); a key taken from another action that no later
 * entry binds anew (so that action silently lost it: `continue = f` takes
 * f from page-down); and a file after which no key quits (quit and
 * quit-now kept then, see cfg_keep_quit).
 */
static void
cfg_bind_keys(const struct cfg_keyentry *ke, size_t nke, struct cfg_warnings *w)
{
	struct keys_taken taken[KEYS_PER_ACTION];
	struct cfg_took *took = NULL;
	enum action *bound;
	size_t i, k, nt, ntook = 0, quit_entry = nke;
	char *q, *err = NULL, kn[32];
	int keys[KEYS_PER_ACTION];

	bound = xreallocarray(NULL, nke + 1, sizeof *bound);
	for (i = 0; i < nke; i++) {
		char *val = cfg_trim(ke[i].value, strlen(ke[i].value));

		bound[i] = ACTION_NONE;
		if (keys_bind_taking(ke[i].name, val, taken, &nt, &err) < 0) {
			q = cfg_quote(ke[i].name);
			cfg_warn(w, ke[i].line, "[keys] %s: %s; keys unchanged",
			         q, err);
			free(q);
			free(err);
			err = NULL;
			free(val);
			continue;
		}
		free(val);
		bound[i] = keys_action_parse(ke[i].name);
		if (bound[i] == ACTION_QUIT || bound[i] == ACTION_QUIT_NOW)
			quit_entry = i;
		took = xreallocarray(took, ntook + nt + 1, sizeof *took);
		for (k = 0; k < nt; k++) {
			took[ntook].entry = i;
			took[ntook++].t = taken[k];
			if (taken[k].from == ACTION_QUIT ||
			    taken[k].from == ACTION_QUIT_NOW)
				quit_entry = i;
		}
	}
	/* A swap (down = k, then up = j) is no loss: up is bound anew. */
	for (k = 0; k < ntook; k++) {
		const struct cfg_took *t = &took[k];

		if (cfg_rebound_later(bound, nke, t->entry, t->t.from))
			continue;
		q = cfg_quote(keys_name(t->t.key, kn, sizeof kn));
		cfg_warn(w, ke[t->entry].line,
		         "[keys] %s: key '%s' already means %s; now it "
		         "means %s only",
		         keys_action_name(bound[t->entry]), q,
		         keys_action_name(t->t.from),
		         keys_action_name(bound[t->entry]));
		free(q);
	}
	if (quit_entry < nke &&
	    keys_for_action(ACTION_QUIT, keys, KEYS_PER_ACTION) == 0 &&
	    keys_for_action(ACTION_QUIT_NOW, keys, KEYS_PER_ACTION) == 0) {
		struct buf said = {0};

		cfg_keep_quit(&said);
		q = cfg_quote(ke[quit_entry].name);
		cfg_warn(w, ke[quit_entry].line,
		         "[keys] %s: no key would quit (quit and quit-now "
		         "both unbound); keeping %s",
		         q, said.s);
		free(q);
		buf_free(&said);
	}
	free(took);
	free(bound);
}

/*
 * Walk the dictionary itself (its public fields; never getseckeys or dump,
 * which overflow on foreign names in 4.1): unknown sections and keys are
 * reported, [keys] entries are bound in file order.
 */
static void
cfg_walk(dictionary *d, const struct cfg_scan *s, struct cfg_warnings *w)
{
	struct cfg_keyentry *ke = NULL;
	size_t nke = 0;
	ssize_t j;
	const char *k, *colon, *name;
	char *section, *q;
	const struct cfg_line *l;

	ke = xreallocarray(NULL, (size_t)d->size + 1, sizeof *ke);
	for (j = 0; j < d->size; j++) {
		if ((k = d->key[j]) == NULL)
			continue;
		if (d->val[j] == NULL) {
			if (!cfg_known_section(k)) {
				q = cfg_quote(k);
				cfg_warn(w, cfg_scan_line_of(s, k, 1),
				         "[%s]: unknown section; ignored", q);
				free(q);
			}
			continue;
		}
		/* Split "section:key" where the scanner saw it; else at ':'. */
		l = cfg_scan_find(s, k, 0);
		if (l != NULL) {
			section = xstrdup(l->section);
			name = k + strlen(section) + 1;
		} else if ((colon = strchr(k, ':')) != NULL) {
			section = xstrndup(k, (size_t)(colon - k));
			name = colon + 1;
		} else {
			section = xstrdup("");
			name = k;
		}
		if (section[0] == '\0') {
			q = cfg_quote(name);
			cfg_warn(w, l != NULL ? l->line : 0,
			         "%s: setting outside any section; ignored", q);
			free(q);
		} else if (strcmp(section, "keys") == 0) {
			ke[nke].line = l != NULL ? l->line : 0;
			ke[nke].name = name;
			ke[nke].value = d->val[j];
			nke++;
		} else if (cfg_known_section(section) &&
		           cfg_find_setting(section, name) == NULL) {
			q = cfg_quote(name);
			cfg_warn(w, l != NULL ? l->line : 0,
			         "[%s] %s: unknown setting; ignored", section,
			         q);
			free(q);
		}
		free(section);
	}
	qsort(ke, nke, sizeof *ke, cfg_keyentry_cmp);
	cfg_bind_keys(ke, nke, w);
	free(ke);
}

/* iniparser's own message with the temp copy's name put back. Caller frees. */
static char *
cfg_ini_message(const char *tmp, const char *path)
{
	return text_name_in(cfg_ini_msgs.s != NULL ? cfg_ini_msgs.s : "", tmp,
	                    path);
}

int
config_load(struct config *c, const char *path, struct buf *warn)
{
	struct cfg_warnings w = {0};
	struct cfg_scan s;
	char *dflt = NULL, *text = NULL, *tmp = NULL, *q;
	const char *body;
	size_t len = 0, blen;
	dictionary *d;
	bool explicit = path != NULL, missing;
	int r, line, ret = 0;

	if (path == NULL) {
		if ((dflt = config_default_path()) == NULL)
			return 0;
		path = dflt;
	}
	w.file = text_name(path);
	r = cfg_read(path, explicit, &w, &text, &len, &missing);
	if (r != 0) {
		if (r < 0 && explicit && !missing)
			ret = -1;
		goto out;
	}
	free(c->path);
	c->path = xstrdup(path);

	body = text;
	blen = len;
	/* A BOM (Notepad) makes iniparser fail on line 1: drop it. */
	if (blen >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) {
		body += 3;
		blen -= 3;
	}
	if ((line = cfg_nul_line(body, blen)) > 0) {
		cfg_warn(&w, line,
		         "NUL byte: not a text file; using the "
		         "defaults");
		goto out;
	}
	cfg_scan(&s, body, blen);
	if (s.long_line > 0) {
		cfg_warn(&w, s.long_line,
		         "line too long (at most %d bytes); "
		         "file ignored, using the defaults",
		         CONFIG_MAX_LINE);
		cfg_scan_free(&s);
		goto out;
	}
	if (body != text && (tmp = cfg_temp_copy(body, blen)) == NULL) {
		cfg_warn(&w, 0,
		         "cannot make a copy without the BOM in "
		         "$TMPDIR; using the defaults");
		cfg_scan_free(&s);
		goto out;
	}
	buf_free(&cfg_ini_msgs);
	iniparser_set_error_callback(cfg_ini_error);
	d = iniparser_load(tmp != NULL ? tmp : path);
	if (tmp != NULL)
		unlink(tmp);
	if (d == NULL) {
		if (s.first_error > 0) {
			q = cfg_quote(s.error_text);
			cfg_warn(&w, s.first_error,
			         "syntax error: '%s' is not "
			         "[section], key = value or a ; comment; file "
			         "ignored, using the defaults",
			         q);
			free(q);
		} else {
			q = cfg_ini_message(tmp, path);
			cfg_warn(&w, 0,
			         "cannot be read (%s); using the defaults", q);
			free(q);
		}
	} else {
		/* [keys] are bound on a copy of the table in use, kept in
		 * c->keys; the table in use is put back as it was. */
		struct keys_table *in_use = keys_table_save();

		cfg_apply_settings(c, d, &s, &w);
		cfg_walk(d, &s, &w);
		keys_table_free(c->keys);
		c->keys = keys_table_save();
		keys_table_install(in_use);
		keys_table_free(in_use);
		iniparser_freedict(d);
	}
	buf_free(&cfg_ini_msgs);
	cfg_scan_free(&s);
out:
	cfg_update_no_color(c);
	cfg_warn_flush(&w, warn);
	free(text);
	free(tmp);
	free(dflt);
	return ret;
}

int
config_load_flags(const struct config *c)
{
	int f = 0;

	if (c->ascii_punct)
		f |= LOAD_ASCII_PUNCT;
	if (c->join_columns)
		f |= LOAD_JOIN_COLUMNS;
	if (c->join_lines)
		f |= LOAD_JOIN_LINES;
	return f;
}

void
config_free(struct config *c)
{
	size_t i;

	free(c->theme);
	for (i = 0; i < sizeof c->colors / sizeof c->colors[0]; i++)
		free(c->colors[i]);
	free(c->path);
	keys_table_free(c->keys);
	memset(c, 0, sizeof *c);
}

void
config_apply_keys(const struct config *c)
{
	if (c->keys != NULL)
		keys_table_install(c->keys);
}

/* ---- the example file --------------------------------------------------- */

/* Wrap help into "# " comment lines of at most 76 columns. */
static void
cfg_comment(struct buf *out, const char *text)
{
	const char *p = text, *sp, *brk;
	size_t col;

	while (*p != '\0') {
		/* Break at the last space within 74 columns of text. */
		brk = NULL;
		col = 0;
		for (sp = p; *sp != '\0'; sp++) {
			if ((*sp & 0xc0) != 0x80)
				col++;
			if (*sp == ' ') {
				if (col > 74 && brk != NULL)
					break;
				brk = sp;
			}
		}
		if (*sp == '\0' && col <= 74)
			brk = sp;
		else if (brk == NULL)
			brk = sp;
		buf_adds(out, "# ");
		buf_add(out, p, (size_t)(brk - p));
		buf_addc(out, '\n');
		p = *brk == ' ' ? brk + 1 : brk;
	}
}

/* The values a setting takes, short, for the example's trailing comments. */
static char *
cfg_values(const struct cfg_setting *s)
{
	struct buf b = {0};
	int i;

	switch (s->type) {
	case CFG_BOOL:
		return xstrdup("yes | no");
	case CFG_INT:
		return xasprintf("%d..%d", s->min, s->max);
	case CFG_COLOR:
		return xstrdup("FG[,BG][,ATTR]");
	case CFG_ENUM:
		for (i = 0; s->values[i] != NULL; i++) {
			if (i > 0)
				buf_adds(&b, " | ");
			buf_adds(&b, s->values[i]);
		}
		return buf_take(&b, NULL);
	}
	return xstrdup("?");
}

void
config_example(struct buf *out)
{
	const struct cfg_setting *st;
	const char *section = "";
	bool colors = false;
	char *vals;
	size_t i;
	int a;

	cfg_comment(
	    out,
	    "herald-tui configuration: every setting, at its "
	    "default, commented out. Copy it to "
	    "$XDG_CONFIG_HOME/herald-tui/config.ini (else "
	    "~/.config/herald-tui/config.ini) and remove the ';' in front of "
	    "what you change. Booleans take yes/no, true/false, on/off or "
	    "1/0. A bad value is reported with its file and line, and the "
	    "default is used instead.");
	for (i = 0; i < CFG_NSETTINGS; i++) {
		st = &cfg_settings[i];
		if (strcmp(section, st->section) != 0) {
			section = st->section;
			buf_printf(out, "\n[%s]\n", section);
		}
		if (st->type == CFG_COLOR && !colors) {
			colors = true;
			cfg_comment(
			    out,
			    "Each element's colour is "
			    "FG[,BG][,ATTR]...: colours are default, black, "
			    "red, green, yellow, blue, magenta, cyan, white or "
			    "0..255; ATTR is bold, underline or reverse. "
			    "Unset, the theme decides.");
		}
		cfg_comment(out, st->help);
		vals = cfg_values(st);
		buf_printf(out, ";%s = %s\t; %s\n", st->name,
		           st->def != NULL ? st->def : "default", vals);
		free(vals);
	}
	buf_adds(out, "\n[keys]\n");
	cfg_comment(
	    out,
	    "action = key names, separated by spaces; they "
	    "replace the action's default keys, and a key belongs to one "
	    "action only (binding another action's key takes it, with a "
	    "warning). Names: a letter, digit or punctuation mark, any "
	    "single character (下), Space Tab S-Tab Enter Backspace Delete Esc "
	    "Up Down Left Right PgUp PgDn Home End F1, C-a..C-z; 'none' "
	    "unbinds (but quit and quit-now are never both left without a "
	    "key). Put a value with ; or # in double quotes.");
	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		cfg_comment(out, keys_action_help((enum action)a));
		buf_printf(out, ";%s = %s\n", keys_action_name((enum action)a),
		           keys_default_spec((enum action)a));
	}
}
