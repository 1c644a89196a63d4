/*
 * main.c: the command line. Parses options, reads the config, opens the
 * path (or the bundled sample issue), then either prints (--dump, --list,
 * or when stdout is not a terminal, as less does) or runs the reader.
 */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unistring/version.h>

#include "archive.h"
#include "dump.h"
#include "segment.h"
#include "source.h"
#include "stream.h"
#include "load.h"
#include "text.h"
#include "typeset.h"
#include "ui.h"
#include "width.h"
#include "xmalloc.h"
#include "convert.h"
#include "photo.h"

static void flush_stdout(void);

enum {
	OPT_AMBIGUOUS = 256,
	OPT_SCRIPT,
	OPT_INDEX,
	OPT_SEARCH,
	OPT_PORCELAIN,
	OPT_RANK,
	OPT_MAX_COUNT,
	OPT_IMAGE,
	OPT_IMAGES,
};

static const struct option long_options[] = {
	{ "dump", no_argument, NULL, 'd' },
	{ "list", no_argument, NULL, 'l' },
	{ "width", required_argument, NULL, 'w' },
	{ "page", required_argument, NULL, 'p' },
	{ "article", required_argument, NULL, 'a' },
	{ "ambiguous", required_argument, NULL, OPT_AMBIGUOUS },
	{ "script", required_argument, NULL, OPT_SCRIPT },
	{ "index", no_argument, NULL, OPT_INDEX },
	{ "search", required_argument, NULL, OPT_SEARCH },
	{ "porcelain", no_argument, NULL, OPT_PORCELAIN },
	{ "rank", no_argument, NULL, OPT_RANK },
	{ "max-count", required_argument, NULL, OPT_MAX_COUNT },
	{ "image", required_argument, NULL, OPT_IMAGE },
	{ "images", required_argument, NULL, OPT_IMAGES },
	{ "config", required_argument, NULL, 'c' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static void
usage(FILE *out)
{
	fputs("Usage: herald-tui [OPTION]... [PATH]\n"
	    "Read a newspaper issue in the terminal: the front page, the contents\n"
	    "and the articles, with Chinese text set by the rules of Chinese\n"
	    "typesetting. PATH is an issue file, an issue directory (one file per\n"
	    "page) or a library directory (issue directories); without PATH, the\n"
	    "bundled sample issue.\n"
	    "\n"
	    "  -d, --dump             print the laid-out issue to stdout and exit\n"
	    "  -l, --list             print the pages and articles and exit\n"
	    "  -w, --width=N          layout width for --dump (default: the\n"
	    "                           terminal's, else 80; 8..1000)\n"
	    "  -p, --page=N           open at page N (with --dump: print only it)\n"
	    "  -a, --article=N        open article N of that page\n"
	    "      --ambiguous=WHEN   East Asian Ambiguous characters (“ ” — …) are\n"
	    "                           auto (ask the terminal), narrow or wide\n"
	    "      --script=SCRIPT    read in another Chinese script (OpenCC):\n"
	    "                           original, traditional, taiwan,\n"
	    "                           hongkong or simplified\n"
	    "      --index            bring the archive index of the library PATH\n"
	    "                           up to date and exit\n"
	    "      --search=QUERY     print the library's stories that match QUERY,\n"
	    "                           newest first, from its archive index;\n"
	    "                           exit 1 when none do\n"
	    "      --porcelain        --search prints tab-separated fields\n"
	    "      --rank             --search orders by relevance\n"
	    "      --max-count=N      --search prints the first N stories\n"
	    "                           only (1..1000000)\n"
	    "      --image=FILE       print the photo FILE (JPEG, PNG, GIF, WebP)\n"
	    "                           as symbol art, --width columns wide, and\n"
	    "                           exit\n"
	    "      --images=MODE      photos: auto, symbols (symbol art in\n"
	    "                           colour), none (the [图] line only),\n"
	    "                           sixel, kitty or iterm (pixels); the\n"
	    "                           reader's default is [images] mode,\n"
	    "                           --dump's is none (others: symbols)\n"
	    "  -c, --config=FILE      read FILE instead of the default config\n"
	    "  -h, --help             show this help and exit\n"
	    "  -V, --version          show the version and exit\n"
	    "\n"
	    "When standard output is not a terminal, herald-tui prints as --dump.\n"
	    "Keys inside the reader: press ? for help.\n"
	    "\n"
	    "Exit status: 0 success, 1 input or runtime error, 2 usage error.\n"
	    "Files: $XDG_CONFIG_HOME/herald-tui/config.ini,\n"
	    "       $XDG_STATE_HOME/herald-tui/state,\n"
	    "       $XDG_CACHE_HOME/herald-tui/archive/ (archive indexes)\n"
	    "See herald-tui(1) and herald-issue(5).\n", out);
}

static void
version(void)
{
	/* 0xMMmmss: major, minor, subminor (1.0 is 0x010000) */
	int u = _libunistring_version;
	/* dlopen before the first write: a failed write's errno must be
	 * the one close_stdout reports */
	const char *cc = convert_library();
	const char *sql = archive_library();
	const char *chafa = photo_library(NULL);
	const char *xml = source_html_library();

	printf("herald-tui %s\n", PACKAGE_VERSION);
	printf("ncursesw %s, libunistring %d.%d.%d, md4c %s, "
	    "iniparser %s\n", (curses_version)(), u >> 16, (u >> 8) & 0xff,
	    u & 0xff, MD4C_VERSION_STRING,
	    INIPARSER_VERSION_STRING);
	if (cc != NULL)
		/* its version is in its file's name: libopencc.so.1.1.5 */
		printf("OpenCC %s (loaded when a script is asked for)\n", cc);
	else
		printf("OpenCC not installed (no script conversion)\n");
	if (sql != NULL)
		printf("SQLite %s (loaded for --index and --search)\n", sql);
	else
		printf("SQLite not installed (no archive index)\n");
	if (chafa != NULL)
		printf("chafa %s (loaded when a photo is shown)\n", chafa);
	else
		printf("chafa not installed (no photos)\n");
	if (xml != NULL)
		printf("libxml2 %s (loaded when an HTML page or block is "
		    "read)\n", xml);
	else
		printf("libxml2 not installed (no HTML: pages refused, "
		    "blocks shown as written)\n");
	flush_stdout();
}

/* A usage error: the message, a hint, exit 2. Arguments quoted in the
 * message must have been through text_safe() (a path: text_name()). */
static void HERALD_PRINTF(1, 2) HERALD_NORETURN
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("herald-tui: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'herald-tui --help' for more information.\n", stderr);
	exit(2);
}

/* A decimal number in [lo, hi], or a usage error naming the option. */
static int
number_arg(const char *opt, const char *s, int lo, int hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		usage_error("invalid %s '%s' (expected %d..%d)", opt,
		    text_safe(s), lo, hi);
	return (int)v;
}

/* The bundled sample issue: installed, else the one in the source tree. */
static const char *
sample_path(void)
{
	static const char *candidates[] = {
		HERALD_DATADIR "/sample",
		HERALD_SRCDIR "/data/sample",
	};
	struct stat sb;
	size_t i;

	for (i = 0; i < sizeof candidates / sizeof candidates[0]; i++) {
		if (stat(candidates[i], &sb) == 0 && S_ISDIR(sb.st_mode))
			return candidates[i];
	}
	return candidates[0];
}

/*
 * Make sure the C library speaks UTF-8; try C.UTF-8 before giving up. Only
 * the character type comes from the environment (as in tmux): messages are
 * English like the program's own, numbers and sorting stay those of C, and
 * a start reads one locale file, not thirteen.
 */
static void
setup_locale(void)
{
	setlocale(LC_CTYPE, "");
	if (strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") != NULL &&
	    strcmp(nl_langinfo(CODESET), "UTF-8") == 0)
		return;
	fatal("need a UTF-8 locale (LC_CTYPE), but have %s; "
	    "try LC_ALL=C.UTF-8", nl_langinfo(CODESET));
}

static int
terminal_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* Warnings collected while reading the config, one per line. */
static void
print_warnings(struct buf *warn)
{
	char *line, *next;

	for (line = warn->s; line != NULL && *line != '\0'; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		fprintf(stderr, "herald-tui: %s\n", line);
	}
	buf_free(warn);
}

/* errno of the first failed write to stdout that was noticed, or 0. */
static int stdout_errno;

/*
 * Flush stdout now and keep the reason of a failure: at exit, handlers
 * registered after close_stdout run first (libopencc's C++ runtime, once
 * loaded, flushes stdio) and would leave it only the error flag.
 */
static void
flush_stdout(void)
{
	if (fflush(stdout) != 0 && stdout_errno == 0)
		stdout_errno = errno;
}

/*
 * At exit, as GNU programs do: a write to stdout that failed (a full disk,
 * a closed descriptor, EPIPE with SIGPIPE ignored) is an error, also for
 * --help and --version, and says so. fclose flushes what is still
 * buffered, so a failure there counts too.
 */
static void
close_stdout(void)
{
	int failed = ferror(stdout), e = stdout_errno;

	errno = 0;
	if (fclose(stdout) != 0) {
		failed = 1;
		e = errno;
	}
	if (!failed)
		return;
	if (e != 0)
		fprintf(stderr, "herald-tui: write error: %s\n", strerror(e));
	else
		fputs("herald-tui: write error\n", stderr);
	_exit(1);
}

/* archive_progress: a bar on a terminal, a line per tenth otherwise. */
static int
index_progress(size_t done, size_t total, const char *name, void *ctx)
{
	bool tty = *(bool *)ctx;
	size_t step = total / 10 > 0 ? total / 10 : 1;
	int i, bar = total > 0 ? (int)(done * 30 / total) : 30;

	if (tty) {
		fputs("\rindexing [", stderr);
		for (i = 0; i < 30; i++)
			fputc(i < bar ? '#' : '.', stderr);
		fprintf(stderr, "] %zu/%zu", done, total);
		if (name == NULL)
			fputc('\n', stderr);
		fflush(stderr);
	} else if (name == NULL || done % step == 0)
		fprintf(stderr, "herald-tui: indexing: %zu/%zu issues\n", done,
		    total);
	return 0;
}

/* --index: bring the library's archive index up to date. */
static int
run_index(const char *path, int flags)
{
	struct archive_stats st;
	struct archive *ar;
	struct library *lib;
	char *err = NULL, *warn = NULL;
	bool tty = isatty(STDERR_FILENO);
	int r;

	if ((lib = load_open(path, flags & ~LOAD_LAZY, &err)) != NULL &&
	    lib->single) {
		char *name = text_name(path);

		err = xasprintf("%s: an issue, not a library (a directory of "
		    "issue directories)", name);
		free(name);
		library_free(lib);
		lib = NULL;
	}
	if (lib == NULL || (ar = archive_open(path, &err)) == NULL) {
		fprintf(stderr, "herald-tui: %s\n", err);
		free(err);
		library_free(lib);
		return 1;
	}
	r = archive_index(ar, lib, flags & ~LOAD_LAZY, index_progress, &tty,
	    &st, &warn, &err);
	if (warn != NULL) {
		fprintf(stderr, "herald-tui: %s\n", warn);
		if (st.failed > 1)
			fprintf(stderr, "herald-tui: (and %zu more issues "
			    "failed)\n", st.failed - 1);
		free(warn);
	}
	if (r < 0) {
		fprintf(stderr, "herald-tui: %s\n", err);
		free(err);
	} else
		printf("%zu issues: %zu added, %zu updated, %zu removed, "
		    "%zu unchanged, %zu failed; %zu articles indexed\n",
		    lib->n, st.added, st.updated, st.removed, st.unchanged,
		    st.failed, st.articles);
	archive_close(ar);
	library_free(lib);
	return r < 0 || st.failed > 0 ? 1 : 0;
}

/* --search's line for one story (archive_hit_fn): ctx is porcelain. */
static int
print_hit(struct archive_hit *h, void *ctx)
{
	if (*(const bool *)ctx)
		printf("%s\t%d\t%s\t%s\t%s\t%d\n", h->date, h->page,
		    h->headline, h->snippet, h->issue, h->article + 1);
	else
		printf("%s · %d版 · %s · %s\n", h->date, h->page, h->headline,
		    h->snippet);
	return 0;
}

/* --search: one line per story, at most max (0: all), each printed as
 * the search gives it (a cut read down the index: as it reads); 0 with
 * hits, 1 without. */
static int
run_search(const char *path, const char *query, bool porcelain, bool rank,
    long max)
{
	struct archive *ar;
	char *err = NULL;
	long n;

	if ((ar = archive_open(path, &err)) == NULL) {
		fprintf(stderr, "herald-tui: %s\n", err);
		free(err);
		return 1;
	}
	if (archive_count(ar) == 0) {
		char *name = text_name(path);

		fprintf(stderr, "herald-tui: %s: %s (herald-tui --index %s)\n",
		    name, archive_outdated(ar) ? "its index was of another "
		    "herald-tui's format and is empty now" : "not indexed yet",
		    name);
		free(name);
		archive_close(ar);
		return 1;
	}
	n = archive_search_each(ar, query, rank ? ARCHIVE_RANK :
	    ARCHIVE_NEWEST, (size_t)max, 40, print_hit, &porcelain, &err);
	archive_close(ar);
	flush_stdout();
	if (n < 0) {
		fprintf(stderr, "herald-tui: %s\n", err);
		free(err);
		return 1;
	}
	return n > 0 ? 0 : 1;
}

/*
 * --image FILE: one photo as symbol art, as wide as width and as tall as
 * its aspect needs (at most as many rows as columns, or as [images]
 * max_rows when set, the photo narrower then), in the colours the
 * terminal takes (none for NO_COLOR and theme = mono). 0, or 1 with one
 * line naming the file.
 */
static int
print_image(const char *file, int width, const struct config *cfg)
{
	struct photo_opts o = {
		.width = width,
		.max_rows = cfg->image_rows > 0 ? cfg->image_rows : width,
		.colors = cfg->no_color ? PHOTO_MONO : photo_colors_from_env(),
		.symbols = PHOTO_BLOCK,
		.ambiguous_wide = cfg->ambiguous == WIDTH_WIDE,
		.cell_ratio = 0.5,
	};
	char *err = NULL;

	if (photo_dump_opts(stdout, file, &o, &err) != 0) {
		if (err != NULL) {
			fprintf(stderr, "herald-tui: %s\n", err);
			free(err);
		}
		return 1;
	}
	flush_stdout();
	return 0;
}

/*
 * Long on purpose: one getopt switch with a case per option, the checks
 * between options, then the choice of mode, read top to bottom as --help
 * reads; each mode's work is a function of its own (run_index, run_search,
 * dump, the reader).
 */
int
main(int argc, char **argv)
{
	struct config cfg;
	struct library *lib;
	struct buf warn = { 0 };
	struct typeset_opts to;
	struct dump_select sel = { 0, 0, NULL };
	struct photo_opts po;
	const char *config_path = NULL, *path, *image = NULL;
	char *err = NULL;
	int c, dump = 0, list = 0, width = 0, ambiguous = -1, rc = 0;
	int flags, reader;
	size_t i;
	enum convert_script script = CONVERT_ORIGINAL;
	bool script_set = false;
	struct convert *conv = NULL;
	const char *query = NULL;
	bool index = false, porcelain = false, rank = false;
	long max_count = 0;	/* --max-count, 0: all */
	int images = -1;	/* enum config_images, -1: not given */

	/*
	 * Big buffers (a file, its sanitised text) come and go while loading;
	 * freeing the first raises glibc's dynamic mmap threshold and later
	 * big arrays then leave resident holes in the heap. A fixed threshold
	 * keeps them in mmap, returned to the system when freed.
	 */
	mallopt(M_MMAP_THRESHOLD, XMALLOC_MAPPED);
	/*
	 * One arena for every thread: what the reading thread frees (a
	 * part's buffers, 0.4 MB of them for a file read in parts) is then
	 * there for the stories the reader opens after, where an arena of
	 * its own kept it from them (the bench's 100 MB page, every story
	 * opened: 8.0 -> 7.6 MB at the peak). The reader waits on keys
	 * while the thread reads: they hardly ever want the lock at once.
	 */
	mallopt(M_ARENA_MAX, 1);
	setup_locale();
	atexit(close_stdout);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":dlw:p:a:c:hV", long_options,
	    NULL)) != -1) {
		switch (c) {
		case 'd':
			dump = 1;
			break;
		case 'l':
			list = 1;
			break;
		case 'w':
			width = number_arg("width", optarg, 8, 1000);
			break;
		case 'p':
			sel.page = number_arg("page", optarg, 1, 9999);
			break;
		case 'a':
			sel.article = number_arg("article", optarg, 1, 9999);
			break;
		case OPT_AMBIGUOUS:
			if (strcmp(optarg, "auto") == 0)
				ambiguous = WIDTH_AUTO;
			else if (strcmp(optarg, "narrow") == 0)
				ambiguous = WIDTH_NARROW;
			else if (strcmp(optarg, "wide") == 0)
				ambiguous = WIDTH_WIDE;
			else
				usage_error("invalid --ambiguous '%s' (expected "
				    "auto, narrow or wide)", text_safe(optarg));
			break;
		case OPT_SCRIPT:
			if (convert_parse(optarg, &script) != 0)
				usage_error("invalid --script '%s' (expected "
				    "original, traditional, taiwan, hongkong or "
				    "simplified)", text_safe(optarg));
			script_set = true;
			break;
		case OPT_INDEX:
			index = true;
			break;
		case OPT_SEARCH:
			query = optarg;
			break;
		case OPT_PORCELAIN:
			porcelain = true;
			break;
		case OPT_RANK:
			rank = true;
			break;
		case OPT_MAX_COUNT:
			max_count = number_arg("max-count", optarg, 1, 1000000);
			break;
		case OPT_IMAGE:
			image = optarg;
			break;
		case OPT_IMAGES:
			if (strcmp(optarg, "auto") == 0)
				images = CONFIG_IMAGES_AUTO;
			else if (strcmp(optarg, "symbols") == 0)
				images = CONFIG_IMAGES_SYMBOLS;
			else if (strcmp(optarg, "none") == 0)
				images = CONFIG_IMAGES_NONE;
			else if (strcmp(optarg, "sixel") == 0)
				images = CONFIG_IMAGES_SIXEL;
			else if (strcmp(optarg, "kitty") == 0)
				images = CONFIG_IMAGES_KITTY;
			else if (strcmp(optarg, "iterm") == 0)
				images = CONFIG_IMAGES_ITERM;
			else
				usage_error("invalid --images '%s' (expected "
				    "auto, symbols, none, sixel, kitty or iterm)",
				    text_safe(optarg));
			break;
		case 'c':
			config_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			version();
			return 0;
		case ':':
			usage_error("option '%s' needs an argument",
			    text_safe(argv[optind - 1]));
		default:
			/* opterr is 0: getopt would start the message with
			 * the binary's full path. */
			if (optopt > ' ' && optopt < 0x7f &&
			    strncmp(argv[optind - 1], "--", 2) != 0)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%s'",
			    text_safe(argv[optind - 1]));
		}
	}
	if (sel.article > 0 && sel.page == 0)
		usage_error("--article needs --page (the article is counted "
		    "on that page)");
	if (argc - optind > 1)
		usage_error("too many paths: '%s' (one issue at a time)",
		    text_name(argv[optind + 1]));
	if ((index || query != NULL) && optind >= argc)
		usage_error("--%s needs a LIBRARY (a directory of issue "
		    "directories)", index ? "index" : "search");
	if ((porcelain || rank || max_count > 0) && query == NULL)
		usage_error("--%s goes with --search", porcelain ? "porcelain" :
		    rank ? "rank" : "max-count");
	path = (optind < argc) ? argv[optind] : sample_path();

	config_defaults(&cfg);
	if (config_load(&cfg, config_path, &warn) != 0) {
		/* A file named with -c that cannot be read is an error; the
		 * warning says why. */
		print_warnings(&warn);
		config_free(&cfg);
		return 1;
	}
	config_apply_keys(&cfg);
	if (images != -1)
		cfg.images = (enum config_images)images;
	if (ambiguous != -1)
		cfg.ambiguous = (enum width_ambiguous)ambiguous;
	if (image != NULL) {
		print_warnings(&warn);
		rc = print_image(image, width > 0 ? width : terminal_width(), &cfg);
		config_free(&cfg);
		return rc;
	}
	if (script_set)
		cfg.script = (int)script;
	/* 简⇄繁: each page's headlines and contents are converted as soon
	 * as it is parsed, an article's body when it is read. Without
	 * OpenCC or its data, one line says so and the original stands. */
	if (cfg.script != CONVERT_ORIGINAL &&
	    (conv = convert_open((enum convert_script)cfg.script, &err)) ==
	    NULL) {
		buf_printf(&warn, "%s\n", err);
		free(err);
		err = NULL;
	}
	if (conv != NULL) {
		convert_set_on(conv, true);
		load_set_hook(convert_hook, conv);
	}

	if (index || query != NULL) {
		print_warnings(&warn);
		/* --index first, so --index --search answers from a fresh index */
		rc = index ? run_index(path, config_load_flags(&cfg)) : 0;
		if (rc == 0 && query != NULL)
			rc = run_search(path, query, porcelain, rank,
			    max_count);
		convert_close(conv);
		config_free(&cfg);
		return rc;
	}

	/* The reader, when both ends are a terminal that can address the
	 * cursor; else print (--dump, --list, a pipe, TERM=dumb). */
	reader = !dump && !list && isatty(STDOUT_FILENO) &&
	    isatty(STDIN_FILENO) && getenv("TERM") != NULL &&
	    strcmp(getenv("TERM"), "dumb") != 0;
	/* The reader parses the pages after the first once its first
	 * screen is up (issue_load_pages in ui.c). */
	flags = config_load_flags(&cfg) | LOAD_SHELVE |
	    (reader ? LOAD_LAZY : 0);
	if (!reader) {
		/* how to print: the width, the photos */
		width_set_ambiguous(cfg.ambiguous == WIDTH_WIDE ? WIDTH_WIDE :
		    WIDTH_NARROW);
		typeset_opts_from(&to, &cfg,
		    width > 0 ? width : terminal_width());
		if (images != -1 && images != CONFIG_IMAGES_NONE) {
			/* as wide as the text, a third of it tall at most */
			po = (struct photo_opts){
				.width = to.width,
				.max_rows = to.width / 3 > 1 ? to.width / 3 : 1,
				.colors = cfg.no_color ? PHOTO_MONO :
				    photo_colors_from_env(),
				.symbols = PHOTO_BLOCK,
				.ambiguous_wide = cfg.ambiguous == WIDTH_WIDE,
				.cell_ratio = 0.5,
			};
			sel.images = &po;
		}
	}
	/* A big Markdown file whole: printed as it is read, in bounded
	 * memory (stream.c), converted part by part (--script); not one
	 * page. */
	if (!reader && !list && sel.page == 0 && sel.article == 0) {
		struct segment_size z;

		print_warnings(&warn);	/* before the first line, as below */
		segment_size_from_env(&z);
		rc = stream_dump(stdout, path, flags, &to, sel.images, conv,
		    &z, &err);
		if (rc != STREAM_WHOLE) {
			if (err != NULL) {
				fprintf(stderr, "herald-tui: %s\n", err);
				free(err);
			} else if (ferror(stdout) && stdout_errno == 0)
				stdout_errno = errno;
			flush_stdout();
			convert_close(conv);
			config_free(&cfg);
			return rc == STREAM_DONE ? 0 : 1;
		}
		rc = 0;
	}
	lib = load_open(path, flags, &err);
	if (lib == NULL) {
		print_warnings(&warn);
		fprintf(stderr, "herald-tui: %s\n", err);
		free(err);
		convert_close(conv);
		config_free(&cfg);
		return 1;
	}

	if (reader) {
		struct ui_opts uo = {
			.lib = lib,
			.entry = lib->n > 0 ? lib->n - 1 : 0,
			.cfg = &cfg,
			.page = sel.page,
			.article = sel.article,
			.load_flags = flags,
			.conv = conv,
			.script = cfg.script,
		};

		print_warnings(&warn);
		rc = ui_run(&uo);
		library_free(lib);
		convert_close(conv);
		config_free(&cfg);
		return rc;
	}

	/* Printing: --dump, --list, or stdout is not a terminal. */
	print_warnings(&warn);
	for (i = 0; i < lib->n && rc == 0; i++) {
		struct issue *is;

		if ((is = library_issue(lib, i, flags, &err)) == NULL) {
			fprintf(stderr, "herald-tui: %s\n", err);
			free(err);
			rc = 1;
			break;
		}
		if (i > 0)
			putchar('\n');
		convert_all(is);	/* --script: every body, to print */
		if (list)
			rc = dump_list(stdout, is) == 0 ? 0 : 1;
		else {
			int r = dump_issue(stdout, is, &to, &sel, &err);

			if (r > 0) {
				fprintf(stderr, "herald-tui: %s\n", err);
				free(err);
			}
			rc = r == 0 ? 0 : 1;
		}
		/* A write error: close_stdout says which at exit. */
		if (ferror(stdout) && stdout_errno == 0)
			stdout_errno = errno;
	}
	flush_stdout();
	library_free(lib);
	convert_close(conv);
	config_free(&cfg);
	return rc;
}
