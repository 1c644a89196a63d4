/*
 * test-config.c: the settings table through iniparser 4.1: every setting
 * read, every bad value warned about (file:line, default kept), the files
 * iniparser cannot take (syntax error, BOM, NUL, long lines, huge files,
 * directories), section-named keys that crash 4.1's getters, NO_COLOR,
 * XDG paths, [keys], and no raw escape sequence in any warning.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "buf.h"
#include "keys.h"
#include "load.h"
#include "xmalloc.h"

static char *tdir; /* a private directory for each test */

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	tdir = xasprintf("%s/herald-config-XXXXXX",
	                 t != NULL && t[0] == '/' ? t : "/tmp");
	if (mkdtemp(tdir) == NULL)
		return -1;
	unsetenv("NO_COLOR");
	keys_init();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	nftw(tdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(tdir);
	tdir = NULL;
	return 0;
}

/* Write len bytes to tdir/name; returns the path. Caller frees. */
static char *
write_file(const char *name, const char *text, size_t len)
{
	char *path = xasprintf("%s/%s", tdir, name);
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

static char *
write_text(const char *name, const char *text)
{
	return write_file(name, text, strlen(text));
}

/* Load path into c (from defaults); warnings in *warn (caller frees). */
static int
load(struct config *c, const char *path, char **warn)
{
	struct buf b = {0};
	int r;

	config_defaults(c);
	r = config_load(c, path, &b);
	config_apply_keys(c);
	*warn = buf_take(&b, NULL);
	return r;
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (*s == '\n')
			n++;
	return n;
}

static void
assert_defaults(const struct config *c)
{
	struct config d;
	size_t i;

	config_defaults(&d);
	assert_int_equal(c->ambiguous, d.ambiguous);
	assert_int_equal(c->indent, d.indent);
	assert_int_equal(c->paragraph_gap, d.paragraph_gap);
	assert_int_equal(c->kinsoku, d.kinsoku);
	assert_int_equal(c->ascii_punct, d.ascii_punct);
	assert_int_equal(c->join_columns, d.join_columns);
	assert_int_equal(c->join_lines, d.join_lines);
	assert_int_equal(c->continuous, d.continuous);
	assert_int_equal(c->mouse, d.mouse);
	assert_int_equal(c->save_position, d.save_position);
	assert_string_equal(c->theme, d.theme);
	for (i = 0; i < CONFIG_COLOR_COUNT; i++)
		assert_null(c->colors[i]);
	config_free(&d);
}

static void
test_defaults(void **state)
{
	struct config c;

	(void)state;
	config_defaults(&c);
	assert_int_equal(c.ambiguous, WIDTH_AUTO);
	assert_int_equal(c.indent, 4);
	assert_int_equal(c.paragraph_gap, 1);
	assert_int_equal(c.kinsoku, KINSOKU_BASIC);
	assert_true(c.ascii_punct && c.join_columns && c.join_lines);
	assert_false(c.continuous);
	assert_false(c.mouse);		/* the terminal's, as in less */
	assert_true(c.save_position);
	assert_string_equal(c.theme, "default");
	assert_false(c.no_color);
	assert_null(c.path);
	assert_int_equal(config_load_flags(&c), LOAD_DEFAULTS);
	config_free(&c);
}

static void
test_good_file(void **state)
{
	struct config c;
	char *path, *warn;
	struct config_color col;

	(void)state;
	path = write_text("good.ini", "; every setting, none at its default\n"
	                              "[layout]\n"
	                              "ambiguous = Wide\n"
	                              "indent = 0\n"
	                              "paragraph_gap = 2\n"
	                              "kinsoku = STRICT ; trailing comment\n"
	                              "[repair]\n"
	                              "ascii_punct = off\n"
	                              "join_columns = false\n"
	                              "join_lines = 0\n"
	                              "[reader]\n"
	                              "continuous = yes\n"
	                              "mouse = Yes\n"
	                              "save_position = OFF\n"
	                              "[Colors]\n"
	                              "theme = mono\n"
	                              "title = red\n"
	                              "headline = yellow,default,bold\n"
	                              "subhead = 208,17,underline,bold\n"
	                              "byline = cyan\n"
	                              "body = default\n"
	                              "jump = blue,white,reverse\n"
	                              "caption = 8\n"
	                              "credit = magenta\n"
	                              "contents = green , black\n"
	                              "status = white,blue\n"
	                              "search = black,yellow\n"
	                              "selection = default,default,reverse\n"
	                              "[keys]\n"
	                              "down = x Down\n"
	                              "quit = j\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_string_equal(warn, "");
	assert_string_equal(c.path, path);
	assert_int_equal(c.ambiguous, WIDTH_WIDE);
	assert_int_equal(c.indent, 0);
	assert_int_equal(c.paragraph_gap, 2);
	assert_int_equal(c.kinsoku, KINSOKU_STRICT);
	assert_false(c.ascii_punct || c.join_columns || c.join_lines);
	assert_int_equal(config_load_flags(&c), 0);
	assert_true(c.continuous);
	assert_true(c.mouse);
	assert_false(c.save_position);
	assert_string_equal(c.theme, "mono");
	assert_true(c.no_color);
	assert_string_equal(c.colors[CONFIG_COLOR_TITLE], "red");
	assert_non_null(c.colors[CONFIG_COLOR_SELECTION]);
	assert_int_equal(
	    config_color_parse(c.colors[CONFIG_COLOR_SUBHEAD], &col), 0);
	assert_int_equal(col.fg, 208);
	assert_int_equal(col.bg, 17);
	assert_int_equal(col.attr, CONFIG_ATTR_UNDERLINE | CONFIG_ATTR_BOLD);
	assert_int_equal(
	    config_color_parse(c.colors[CONFIG_COLOR_CONTENTS], &col), 0);
	assert_int_equal(col.fg, 2);
	assert_int_equal(col.bg, 0);
	/* [keys] went to keys_bind. */
	assert_int_equal(keys_lookup('x'), ACTION_DOWN);
	assert_int_equal(keys_lookup('j'), ACTION_QUIT);
	assert_int_equal(keys_lookup('q'), ACTION_NONE);
	free(warn);
	free(path);
	config_free(&c);
}

/* One bad value per setting, each on its own known line. */
static const struct {
	const char *section;
	const char *line;
	const char *expect; /* in the warning */
} bad_values[] = {
    {"layout", "ambiguous = medium",
     "[layout] ambiguous: bad value 'medium' (expected auto, narrow or wide); "
     "using auto"},
    {"layout", "indent = 9",
     "[layout] indent: bad value '9' (expected 0..8); using 4"},
    {"layout", "paragraph_gap = 0x1",
     "[layout] paragraph_gap: bad value '0x1' (expected 0..2); using 1"},
    {"layout", "kinsoku = loose", "[layout] kinsoku: bad value 'loose'"},
    {"repair", "ascii_punct = maybe",
     "[repair] ascii_punct: bad value 'maybe' (expected yes/no"},
    {"repair", "join_columns = 2", "[repair] join_columns: bad value '2'"},
    {"repair", "join_lines = yess", "[repair] join_lines: bad value 'yess'"},
    {"reader", "continuous = ", "[reader] continuous: bad value ''"},
    {"reader", "mouse = y", "[reader] mouse: bad value 'y'"},
    {"reader", "save_position = nope",
     "[reader] save_position: bad value 'nope'"},
    {"colors", "theme = dark",
     "[colors] theme: bad value 'dark' (expected default or mono); using "
     "default"},
    {"colors", "title = purple", "[colors] title: bad value 'purple'"},
    {"colors", "headline = red,blue,green",
     "[colors] headline: bad value 'red,blue,green'"},
    {"colors", "subhead = 256", "[colors] subhead: bad value '256'"},
    {"colors", "byline = -1", "[colors] byline: bad value '-1'"},
    {"colors", "body = red,,bold", "[colors] body: bad value 'red,,bold'"},
    {"colors", "jump = bold", "[colors] jump: bad value 'bold'"},
    {"colors", "caption = red,bold,blue",
     "[colors] caption: bad value 'red,bold,blue'"},
    {"colors", "credit = red,bold,bold",
     "[colors] credit: bad value 'red,bold,bold'"},
    {"colors", "contents = red,blink",
     "[colors] contents: bad value 'red,blink'"},
    {"colors", "status = ,red", "[colors] status: bad value ',red'"},
    {"colors", "search = red,",
     "[colors] search: bad value 'red,' (expected "
     "FG[,BG][,bold|underline|reverse], colours default, black, red,"},
    {"colors", "selection = 1 2", "[colors] selection: bad value '1 2'"},
};

static void
test_bad_values(void **state)
{
	struct buf text = {0};
	const char *section = "";
	struct config c;
	char *path, *warn, *want, *p;
	int line = 0, lines[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
		if (strcmp(section, bad_values[i].section) != 0) {
			section = bad_values[i].section;
			buf_printf(&text, "[%s]\n", section);
			line++;
		}
		buf_printf(&text, "%s\n", bad_values[i].line);
		lines[i] = ++line;
	}
	path = write_text("bad.ini", text.s);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_defaults(&c);
	assert_false(c.no_color);
	/* One warning per bad value, in file order, each naming file:line. */
	assert_int_equal(count_lines(warn),
	                 sizeof bad_values / sizeof bad_values[0]);
	assert_non_null(strstr(
	    warn,
	    "'red,' (expected FG[,BG][,bold|underline"
	    "|reverse], colours default, black, red, green, yellow, blue, "
	    "magenta, cyan, white or 0..255); using the theme's colour\n"));
	p = warn;
	for (i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
		want = xasprintf("%s:%d: %s", path, lines[i],
		                 bad_values[i].expect);
		if (strncmp(p, want, strlen(want)) != 0)
			fail_msg("warning %zu:\n got: %.*s\nwant: %s", i,
			         (int)(strchr(p, '\n') - p), p, want);
		p = strchr(p, '\n') + 1;
		free(want);
	}
	free(warn);
	free(path);
	buf_free(&text);
	config_free(&c);
}

/* Numbers iniparser's getint gets wrong (-1, octal, hex) are refused here. */
static void
test_bad_numbers(void **state)
{
	static const char *const nums[] = {"99999999999999999999",
	                                   "-99999999999999999999",
	                                   "010",
	                                   "080",
	                                   "+4",
	                                   " 4x",
	                                   "4.0",
	                                   "",
	                                   "\"\"",
	                                   "٤",
	                                   "4 4"};
	struct config c;
	char *text, *path, *warn;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		text = xasprintf("[layout]\nindent = %s\n", nums[i]);
		path = write_text("num.ini", text);
		assert_int_equal(load(&c, path, &warn), 0);
		if (c.indent != 4 || strstr(warn, ":2: [layout] indent: bad "
		                                  "value") == NULL)
			fail_msg("indent = %s: indent %d, warning '%s'",
			         nums[i], c.indent, warn);
		free(warn);
		free(path);
		free(text);
		config_free(&c);
	}
	/* While a quoted, spaced or signed-zero good value is taken. */
	path = write_text("num.ini", "[layout]\nindent = \" 7 \"\n"
	                             "paragraph_gap = -0\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_string_equal(warn, "");
	assert_int_equal(c.indent, 7);
	assert_int_equal(c.paragraph_gap, 0);
	free(warn);
	free(path);
	config_free(&c);
}

static void
test_unknown(void **state)
{
	struct config c;
	char *path, *warn, *want;

	(void)state;
	path = write_text("unknown.ini", "[layout]\n"     /* 1 */
	                                 "indent = 2\n"   /* 2 */
	                                 "Width = 80\n"   /* 3 */
	                                 "[fonts]\n"      /* 4 */
	                                 "size = 12\n"    /* 5 */
	                                 "[reader]\n"     /* 6 */
	                                 "mouse = yes\n"); /* 7 */
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(c.indent, 2);
	assert_true(c.mouse);
	assert_int_equal(count_lines(warn), 2);
	want = xasprintf("%s:3: [layout] width: unknown setting; ignored\n"
	                 "%s:4: [fonts]: unknown section; ignored\n",
	                 path, path);
	assert_string_equal(warn, want);
	free(want);
	free(warn);
	free(path);
	config_free(&c);
}

/* [layout:indent] makes "layout:indent" a section: 4.1's getint crashes. */
static void
test_section_named_keys(void **state)
{
	struct config c;
	char *path, *warn;

	(void)state;
	path = write_text("sect.ini", "[layout:indent]\n"
	                              "[reader:mouse]\n"
	                              "x = 1\n"
	                              "[colors:theme]\n"
	                              "[keys:down]\n"
	                              "[repair]\n"
	                              "ascii_punct:x = 1\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_defaults(&c);
	assert_non_null(strstr(warn, ":1: [layout:indent]: unknown section"));
	assert_non_null(strstr(warn, ":2: [reader:mouse]: unknown section"));
	assert_non_null(strstr(warn, ":5: [keys:down]: unknown section"));
	assert_non_null(strstr(warn, ":7: [repair] ascii_punct:x: unknown "
	                             "setting"));
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
	free(warn);
	free(path);
	config_free(&c);

	/* The same name as a key first, then as a section: still no crash. */
	path =
	    write_text("sect2.ini", "[layout]\nindent = 6\n[layout:indent]\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(c.indent, 4);
	free(warn);
	free(path);
	config_free(&c);

	/* Keys named like sections, and one outside any section. */
	path = write_text("sect3.ini", "layout = 1\n"
	                               "[reader]\n"
	                               "layout = 2\n"
	                               "colors = red\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_defaults(&c);
	assert_non_null(strstr(warn, ":1: layout: setting outside any "
	                             "section"));
	assert_non_null(strstr(warn, ":3: [reader] layout: unknown setting"));
	assert_non_null(strstr(warn, ":4: [reader] colors: unknown setting"));
	free(warn);
	free(path);
	config_free(&c);
}

/* Run f with stderr sent to a file; returns how many bytes it got. */
static long
stderr_bytes_during(struct config *c, const char *path, char **warn)
{
	char *errpath = xasprintf("%s/stderr", tdir);
	int fd = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	int saved = dup(2);
	struct stat sb;

	assert_true(fd >= 0 && saved >= 0);
	fflush(stderr);
	dup2(fd, 2);
	load(c, path, warn);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	close(fd);
	assert_int_equal(stat(errpath, &sb), 0);
	unlink(errpath);
	free(errpath);
	return (long)sb.st_size;
}

static void
test_syntax_error(void **state)
{
	struct config c;
	char *path, *warn, *want;

	(void)state;
	path = write_text("syntax.ini", "[layout]\n"
	                                "indent = 6\n"
	                                "; a comment\n"
	                                "\n"
	                                "bogus line\n"
	                                "[reader]\n"
	                                "mouse = no\n");
	/* iniparser's own message would go to stderr: it must not. */
	assert_int_equal(stderr_bytes_during(&c, path, &warn), 0);
	assert_defaults(&c);
	want = xasprintf(
	    "%s:5: syntax error: 'bogus line' is not [section], "
	    "key = value or a ; comment; file ignored, using the defaults\n",
	    path);
	assert_string_equal(warn, want);
	free(want);
	free(warn);
	free(path);
	config_free(&c);

	/* A continued line is one line to iniparser; its number is the first.
	 */
	path = write_text("cont.ini", "[layout]\nindent = \\\n6\n[reader\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_defaults(&c);
	assert_non_null(strstr(warn, ":4: syntax error: '[reader'"));
	free(warn);
	free(path);
	config_free(&c);
}

static size_t
count_dir(const char *dir)
{
	char *cmd = xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	unsigned long n = 99;

	assert_non_null(p);
	assert_int_equal(fscanf(p, "%lu", &n), 1);
	pclose(p);
	free(cmd);
	return n;
}

static void
test_bom(void **state)
{
	struct config c;
	char *path, *warn, *tmp = xasprintf("%s/tmp", tdir);
	char *old = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;

	(void)state;
	assert_int_equal(mkdir(tmp, 0700), 0);
	setenv("TMPDIR", tmp, 1);
	path = write_text("bom.ini", "\xef\xbb\xbf[layout]\r\nindent = 6\r\n"
	                             "bogus\r\n");
	assert_int_equal(load(&c, path, &warn), 0);
	/* The syntax error's message names the real file, not the copy. */
	assert_non_null(strstr(warn, path));
	assert_non_null(strstr(warn, ":3: syntax error"));
	assert_null(strstr(warn, tmp));
	free(warn);
	free(path);
	config_free(&c);

	path = write_text("bom.ini", "\xef\xbb\xbf[layout]\r\nindent = 6\r\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_string_equal(warn, "");
	assert_int_equal(c.indent, 6);
	assert_string_equal(c.path, path);
	/* The private copy is gone. */
	assert_int_equal(count_dir(tmp), 0);
	if (old != NULL)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
	free(warn);
	free(path);
	free(tmp);
	config_free(&c);
}

static void
test_nul_and_long_lines(void **state)
{
	static const char nul[] = "[layout]\nindent = 6\nmouse = n\0o\n";
	struct buf text = {0};
	struct config c;
	char *path, *warn;
	size_t i;

	(void)state;
	path = write_file("nul.ini", nul, sizeof nul - 1);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_defaults(&c);
	assert_int_equal(count_lines(warn), 1);
	assert_non_null(strstr(warn, ":3: NUL byte"));
	free(warn);
	free(path);
	config_free(&c);

	/* A 2000-byte line: iniparser 4.1 fails the whole file on it. */
	buf_adds(&text, "[layout]\nindent = 6\n; ");
	for (i = 0; i < 2000; i++)
		buf_addc(&text, 'x');
	buf_adds(&text, "\n");
	path = write_text("long.ini", text.s);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_defaults(&c);
	assert_int_equal(count_lines(warn), 1);
	assert_non_null(strstr(warn, ":3: line too long"));
	free(warn);
	free(path);
	config_free(&c);
	buf_free(&text);

	/* 1022 bytes still fit. */
	buf_adds(&text, "[layout]\nindent = 6\n; ");
	for (i = 0; i < 1020; i++)
		buf_addc(&text, 'x');
	buf_adds(&text, "\n");
	path = write_text("long.ini", text.s);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_string_equal(warn, "");
	assert_int_equal(c.indent, 6);
	free(warn);
	free(path);
	config_free(&c);
	buf_free(&text);
}

static void
test_huge_and_not_files(void **state)
{
	struct buf text = {0};
	struct config c;
	char *path, *warn, *want;

	(void)state;
	buf_adds(&text, "[layout]\nindent = 6\n");
	while (text.len < 1024 * 1024)
		buf_adds(&text, "; padding padding padding padding padding\n");
	path = write_text("huge.ini", text.s);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_defaults(&c);
	assert_int_equal(count_lines(warn), 1);
	assert_non_null(strstr(warn, "too large"));
	free(warn);
	free(path);
	config_free(&c);
	buf_free(&text);

	/* A directory named with -c: -1 and a message (main.c stops). */
	assert_int_equal(load(&c, tdir, &warn), -1);
	want = xasprintf("%s: not a regular file\n", tdir);
	assert_string_equal(warn, want);
	assert_defaults(&c);
	free(want);
	free(warn);
	config_free(&c);

	/* A missing -c file: -1 and a warning naming it. */
	path = xasprintf("%s/missing.ini", tdir);
	assert_int_equal(load(&c, path, &warn), -1);
	want = xasprintf("%s: cannot open: %s\n", path, strerror(ENOENT));
	assert_string_equal(warn, want);
	assert_defaults(&c);
	assert_null(c.path);
	free(want);
	free(warn);
	free(path);
	config_free(&c);

	/* An empty file is fine. */
	path = write_text("empty.ini", "");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_string_equal(warn, "");
	free(warn);
	free(path);
	config_free(&c);
}

static void
test_no_color(void **state)
{
	struct config c;
	char *path, *warn;

	(void)state;
	path = write_text("color.ini", "[colors]\ntheme = default\n");
	setenv("NO_COLOR", "1", 1);
	config_defaults(&c);
	assert_true(c.no_color);
	config_free(&c);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_true(c.no_color);
	free(warn);
	config_free(&c);
	/* NO_COLOR set but empty does not count (no-color.org). */
	setenv("NO_COLOR", "", 1);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_false(c.no_color);
	free(warn);
	config_free(&c);
	unsetenv("NO_COLOR");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_false(c.no_color);
	free(warn);
	config_free(&c);
	free(path);
}

static void
mkdirs(const char *path)
{
	char *p = xstrdup(path), *s;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		(void)mkdir(p, 0700);
		*s = '/';
	}
	(void)mkdir(p, 0700);
	free(p);
}

static void
test_xdg_paths(void **state)
{
	struct config c;
	char *home = xasprintf("%s/home", tdir);
	char *xdg = xasprintf("%s/xdg", tdir);
	char *old_home = getenv("HOME") ? xstrdup(getenv("HOME")) : NULL;
	char *old_xdg = getenv("XDG_CONFIG_HOME")
	                    ? xstrdup(getenv("XDG_CONFIG_HOME"))
	                    : NULL;
	char *dir, *path, *hpath, *xpath, *warn;

	(void)state;
	mkdirs(home);
	setenv("HOME", home, 1);
	unsetenv("XDG_CONFIG_HOME");
	hpath = xasprintf("%s/.config/herald-tui/config.ini", home);
	xpath = xasprintf("%s/herald-tui/config.ini", xdg);
	path = config_default_path();
	assert_string_equal(path, hpath);
	free(path);

	/* A missing default file: no warning, no path, 0. */
	assert_int_equal(load(&c, NULL, &warn), 0);
	assert_string_equal(warn, "");
	assert_null(c.path);
	free(warn);
	config_free(&c);

	dir = xasprintf("%s/.config/herald-tui", home);
	mkdirs(dir);
	free(dir);
	free(write_text("home/.config/herald-tui/config.ini",
	                "[layout]\nindent = 1\n"));
	dir = xasprintf("%s/herald-tui", xdg);
	mkdirs(dir);
	free(dir);
	free(write_text("xdg/herald-tui/config.ini", "[layout]\nindent = 2\n"));

	assert_int_equal(load(&c, NULL, &warn), 0);
	assert_string_equal(c.path, hpath);
	assert_int_equal(c.indent, 1);
	free(warn);
	config_free(&c);

	/* An absolute XDG_CONFIG_HOME wins. */
	setenv("XDG_CONFIG_HOME", xdg, 1);
	path = config_default_path();
	assert_string_equal(path, xpath);
	free(path);
	assert_int_equal(load(&c, NULL, &warn), 0);
	assert_string_equal(c.path, xpath);
	assert_int_equal(c.indent, 2);
	free(warn);
	config_free(&c);

	/* A relative one is ignored (XDG Base Directory), and so is "". */
	setenv("XDG_CONFIG_HOME", "xdg", 1);
	path = config_default_path();
	assert_string_equal(path, hpath);
	free(path);
	setenv("XDG_CONFIG_HOME", "", 1);
	path = config_default_path();
	assert_string_equal(path, hpath);
	free(path);

	/* A default path that is a directory: a warning, but 0. */
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(unlink(hpath), 0);
	assert_int_equal(mkdir(hpath, 0700), 0);
	assert_int_equal(load(&c, NULL, &warn), 0);
	assert_non_null(strstr(warn, "not a regular file"));
	free(warn);
	config_free(&c);

	if (old_home != NULL)
		setenv("HOME", old_home, 1);
	else
		unsetenv("HOME");
	if (old_xdg != NULL)
		setenv("XDG_CONFIG_HOME", old_xdg, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(old_home);
	free(old_xdg);
	free(hpath);
	free(xpath);
	free(home);
	free(xdg);
}

static void
test_keys_section(void **state)
{
	struct config c;
	char *path, *warn;

	(void)state;
	path = write_text("keys.ini",
	                  "[keys]\n"                 /* 1 */
	                  "page-down = Space PgDn\n" /* 2 */
	                  "search = \"/ #\"\n"       /* 3: quoted, for the # */
	                  "down = j Frobnicate\n"    /* 4 */
	                  "explode = x\n"            /* 5 */
	                  "help = F1 下\n"           /* 6 */
	                  "continue = f\n"); /* 7: takes f from page-down */
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(count_lines(warn), 2);
	assert_non_null(strstr(warn, ":4: [keys] down: unknown key name "
	                             "'Frobnicate'; keys unchanged\n"));
	assert_non_null(strstr(warn, ":5: [keys] explode: unknown action "
	                             "'explode'"));
	assert_int_equal(keys_lookup('#'), ACTION_SEARCH);
	assert_int_equal(keys_lookup('/'), ACTION_SEARCH);
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
	assert_int_equal(keys_lookup(0x4e0b), ACTION_HELP);
	assert_int_equal(keys_lookup('?'), ACTION_NONE);
	assert_int_equal(keys_lookup('f'), ACTION_CONTINUE);
	assert_int_equal(keys_lookup('c'), ACTION_NONE);
	assert_int_equal(keys_lookup(' '), ACTION_PAGE_DOWN);
	free(warn);
	free(path);
	config_free(&c);
}

/* Unbinding every way to quit is refused: a warning, the quit keys kept. */
static void
test_keys_quit_kept(void **state)
{
	struct config c;
	char *path, *warn;

	(void)state;
	path = write_text("quit.ini", "[keys]\n"          /* 1 */
	                              "quit = none\n"     /* 2 */
	                              "quit-now = none\n" /* 3 */
	                              "help = x\n");      /* 4 */
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(count_lines(warn), 1);
	assert_non_null(strstr(warn, "quit.ini:3: [keys] quit-now: no key "
	                             "would quit (quit and quit-now both "
	                             "unbound); keeping quit = q, quit-now = "
	                             "Q\n"));
	assert_int_equal(keys_lookup('q'), ACTION_QUIT);
	assert_int_equal(keys_lookup('Q'), ACTION_QUIT_NOW);
	assert_int_equal(keys_lookup('x'), ACTION_HELP);
	free(warn);
	free(path);
	config_free(&c);

	/* The quit keys given to another action: taken back, and said. */
	keys_init();
	path = write_text("quit2.ini", "[keys]\n"
	                               "quit-now = none\n"
	                               "quit = none\n"
	                               "search = q Q /\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(count_lines(warn), 1);
	assert_non_null(strstr(warn, "quit2.ini:3: [keys] quit: no key "
	                             "would quit"));
	assert_non_null(strstr(warn, "keeping quit = q, quit-now = Q (taken "
	                             "back from search)"));
	assert_int_equal(keys_lookup('q'), ACTION_QUIT);
	assert_int_equal(keys_lookup('/'), ACTION_SEARCH);
	free(warn);
	free(path);
	config_free(&c);

	/* Only one of them unbound, or quit moved: quitting stays, no word. */
	keys_init();
	path = write_text("quit3.ini", "[keys]\n"
	                               "quit = none\n"
	                               "quit-now = C-x\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_string_equal(warn, "");
	assert_int_equal(keys_lookup('q'), ACTION_NONE);
	assert_int_equal(keys_lookup('Q'), ACTION_NONE);
	assert_int_equal(keys_lookup(24), ACTION_QUIT_NOW);
	free(warn);
	free(path);
	config_free(&c);
}

/* A key bound to one action and already another's: a warning names both
 * (and the line), unless the other is bound anew further down (a swap). */
static void
test_keys_taken(void **state)
{
	struct config c;
	char *path, *warn;

	(void)state;
	path = write_text("taken.ini", "[keys]\n"       /* 1 */
	                               "continue = f\n" /* 2: page-down's */
	                               "down = k\n"     /* 3: up's, */
	                               "up = j\n"       /* 4: up anew */
	                               "help = x\n"     /* 5 */
	                               "search-next = x n\n" /* 6: help's */
	                               "top = g Home\n");    /* 7: its own */
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(count_lines(warn), 2);
	assert_non_null(strstr(warn, "taken.ini:2: [keys] continue: key 'f' "
	                             "already means page-down; now it means "
	                             "continue only\n"));
	assert_non_null(strstr(warn, "taken.ini:6: [keys] search-next: key "
	                             "'x' already means help; now it means "
	                             "search-next only\n"));
	assert_int_equal(keys_lookup('f'), ACTION_CONTINUE);
	assert_int_equal(keys_lookup('k'), ACTION_DOWN);
	assert_int_equal(keys_lookup('j'), ACTION_UP);
	assert_int_equal(keys_lookup('x'), ACTION_SEARCH_NEXT);
	free(warn);
	free(path);
	config_free(&c);
}

/* A key value with an escape byte is reported as such, with the line. */
static void
test_keys_control_byte(void **state)
{
	struct config c;
	char *path, *warn;

	(void)state;
	path = write_text("ctl.ini", "[keys]\n"
	                             "down = \x1b[B\n"
	                             "up = k\tK\x07\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(count_lines(warn), 2);
	assert_non_null(strstr(warn, "ctl.ini:2: [keys] down: key name "
	                             "'\xef\xbf\xbd[B' contains a control "
	                             "byte (0x1b); keys unchanged\n"));
	assert_non_null(strstr(warn, "ctl.ini:3: [keys] up: key name "
	                             "'K\xef\xbf\xbd' contains a control "
	                             "byte (0x07); keys unchanged\n"));
	assert_null(strstr(warn, "''"));
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
	assert_int_equal(keys_lookup('k'), ACTION_UP);
	free(warn);
	free(path);
	config_free(&c);
}

/* Nothing from the file reaches a warning raw: no ESC, BEL, C1, CR. */
static void
test_escapes_in_warnings(void **state)
{
	struct config c;
	char *path, *warn, *p;

	(void)state;
	path = write_text("esc.ini", "[layout]\n"
	                             "indent = \x1b[2J\x1b]0;pwned\x07\n"
	                             "kinsoku = \xc2\x9b"
	                             "31m\n"
	                             "\x1b[31mkey = 1\n"
	                             "[\x1b]8;;http://x\x1b\\evil]\n"
	                             "[keys]\n"
	                             "down = \x1b[A\n"
	                             "\x1b[1mup\x1b[0m = k\n"
	                             "[colors]\n"
	                             "title = red\r,\x1b[5m\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_int_equal(count_lines(warn), 7);
	for (p = warn; *p != '\0'; p++) {
		unsigned char u = (unsigned char)*p;

		if ((u < 0x20 && u != '\n') || u == 0x7f)
			fail_msg("raw control 0x%02x at %td in:\n%s", u,
			         p - warn, warn);
		if (u == 0xc2 && (unsigned char)p[1] >= 0x80 &&
		    (unsigned char)p[1] <= 0x9f)
			fail_msg("raw C1 control in:\n%s", warn);
	}
	assert_int_equal(c.indent, 4);
	free(warn);
	free(path);
	config_free(&c);

	/* The file name is made safe too. */
	path = xasprintf("%s/e\x1b[31mvil.ini", tdir);
	assert_int_equal(load(&c, path, &warn), -1);
	assert_null(strchr(warn, '\x1b'));
	free(warn);
	free(path);
	config_free(&c);

	/* A very long bad value is cut short. */
	path = write_text(
	    "longval.ini",
	    "[layout]\nkinsoku = "
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_true(strlen(warn) < 200);
	assert_non_null(strstr(warn, "aaaa…'"));
	free(warn);
	free(path);
	config_free(&c);
}

static void
test_duplicates_and_lines(void **state)
{
	struct config c;
	char *path, *warn;

	(void)state;
	/* iniparser keeps the last duplicate; the warning names its line. */
	path = write_text("dup.ini", "[layout]\n"
	                             "indent = 3\n"
	                             "[reader]\n"
	                             "mouse = yes\n"
	                             "[Layout]\n"
	                             "  INDENT   =   99   ; too big\n");
	assert_int_equal(load(&c, path, &warn), 0);
	assert_non_null(strstr(warn, ":6: [layout] indent: bad value '99'"));
	assert_int_equal(c.indent, 4);
	assert_true(c.mouse);
	free(warn);
	free(path);
	config_free(&c);
}

static void
test_color_parse(void **state)
{
	static const char *const good[] = {"default",
	                                   "RED",
	                                   "red,blue",
	                                   "0",
	                                   "255",
	                                   "white , black , bold",
	                                   "red,bold",
	                                   "red,bold,reverse",
	                                   "red,default,underline,reverse,bold",
	                                   "7,0"};
	static const char *const bad[] = {"",
	                                  ",",
	                                  "red,",
	                                  "purple",
	                                  "256",
	                                  "-1",
	                                  "red,blue,green",
	                                  "red,bold,red",
	                                  "bold",
	                                  "red,,bold",
	                                  "red blue",
	                                  "0x10",
	                                  "1e2",
	                                  "red,bold,bold"};
	struct config_color col = {5, 5, 5};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (config_color_parse(good[i], &col) != 0)
			fail_msg("refused '%s'", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (config_color_parse(bad[i], &col) != -1)
			fail_msg("accepted '%s'", bad[i]);
	assert_int_equal(config_color_parse(NULL, &col), -1);
	assert_int_equal(config_color_parse("red,bold", &col), 0);
	assert_int_equal(col.fg, 1);
	assert_int_equal(col.bg, CONFIG_COLOR_DEFAULT);
	assert_int_equal(col.attr, CONFIG_ATTR_BOLD);
	assert_int_equal(config_color_parse("Default,White,Reverse", &col), 0);
	assert_int_equal(col.fg, CONFIG_COLOR_DEFAULT);
	assert_int_equal(col.bg, 7);
	assert_int_equal(col.attr, CONFIG_ATTR_REVERSE);
	for (i = 0; i < CONFIG_COLOR_COUNT; i++)
		assert_non_null(config_color_name((enum config_color_id)i));
	assert_string_equal(config_color_name(CONFIG_COLOR_HEADLINE),
	                    "headline");
	assert_null(config_color_name(CONFIG_COLOR_COUNT));
}

/*
 * data/config.ini.example is config_example()'s text; uncommented, it
 * loads without a warning and gives exactly the defaults.
 */
static void
test_example(void **state)
{
	struct buf ex = {0}, on = {0};
	struct config c;
	char *file, *path, *warn, *line, *save = NULL;
	FILE *f;
	long n;
	int a;

	(void)state;
	config_example(&ex);
	path = xasprintf("%s/data/config.ini.example", HERALD_SRCDIR);
	f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	file = xmalloc((size_t)n + 1);
	assert_int_equal(fread(file, 1, (size_t)n, f), (size_t)n);
	file[n] = '\0';
	fclose(f);
	if (strcmp(file, ex.s) != 0)
		fail_msg("%s is stale: regenerate it from config_example()",
		         path);
	free(file);
	free(path);

	for (line = strtok_r(ex.s, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		buf_adds(&on, line[0] == ';' ? line + 1 : line);
		buf_addc(&on, '\n');
	}
	/* Rebind first, so the example's [keys] must restore the defaults. */
	keys_bind("down", "x", &warn);
	path = write_text("example.ini", on.s);
	assert_int_equal(load(&c, path, &warn), 0);
	assert_string_equal(warn, "");
	assert_int_equal(c.indent, 4);
	assert_string_equal(c.theme, "default");
	for (a = 0; a < CONFIG_COLOR_COUNT; a++)
		assert_string_equal(c.colors[a], "default");
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
	assert_int_equal(keys_lookup('x'), ACTION_NONE);
	free(warn);
	free(path);
	config_free(&c);
	buf_free(&ex);
	buf_free(&on);
}

/* Loading a config leaves the keys in use alone; applying installs its
 * [keys], and a second config's keys replace the first's only when
 * applied. */
static void
test_keys_not_applied_by_load(void **state)
{
	struct config c;
	struct buf b = {0};
	char *path = write_text("keys-later.ini",
	                        "[keys]\ndown = x\nquit = j\n");

	(void)state;
	keys_init();
	config_defaults(&c);
	assert_int_equal(config_load(&c, path, &b), 0);
	assert_non_null(c.keys);
	assert_int_equal(keys_lookup('x'), ACTION_NONE);
	assert_int_equal(keys_lookup('j'), ACTION_DOWN);
	assert_int_equal(keys_lookup('q'), ACTION_QUIT);
	config_apply_keys(&c);
	assert_int_equal(keys_lookup('x'), ACTION_DOWN);
	assert_int_equal(keys_lookup('j'), ACTION_QUIT);
	assert_int_equal(keys_lookup('q'), ACTION_NONE);
	config_free(&c);
	keys_init();
	buf_free(&b);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_defaults, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_good_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_numbers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_section_named_keys, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bom, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_nul_and_long_lines, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_huge_and_not_files, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_no_color, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_xdg_paths, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keys_section, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keys_quit_kept, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_keys_taken, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keys_control_byte, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_escapes_in_warnings, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_duplicates_and_lines, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_color_parse, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_example, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_keys_not_applied_by_load,
	                                    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
