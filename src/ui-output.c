/*
 * ui-output.c: the article out of the reader: s saves it to a file, | pipes
 * it to a shell command, y copies it to the terminal's clipboard with
 * OSC 52 (which works over SSH and, with set-clipboard on, in tmux). The
 * text is the article as --dump sets it at the pane's width, in the script
 * shown; --dump's text has no control characters, so none reaches a file,
 * a command or the terminal from the issue.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <curses.h>

#include "buf.h"
#include "draw.h"
#include "keys.h"
#include "pane.h"
#include "reader.h"
#include "ui-int.h"
#include "xmalloc.h"

/* The article's text into t; false (and a message) when there is none. */
static bool
article_text(struct ui *u, struct buf *t)
{
	char *err = NULL;

	*t = (struct buf){ 0 };
	buf_adds(t, "");
	if (reader_article_text(&u->rd, u->w, t, &err))
		return true;
	ui_message(u, true, "%s", err);
	free(err);
	buf_free(t);
	return false;
}

static size_t
count_lines(const struct buf *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->len; i++)
		n += t->s[i] == '\n';
	return n;
}

/* Write all of s to fd; false with errno on an error. */
static bool
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

/* The name s offers: date-page-article.txt in the current directory. */
static void
default_name(const struct ui *u, char *name, size_t size)
{
	const struct article *a = u->rd.place.a;
	const char *date = u->rd.is != NULL && u->rd.is->date != NULL ?
	    u->rd.is->date : "article";

	snprintf(name, size, "%.40s-%02d-%zu.txt", date, a->page->number,
	    (size_t)a->index + 1);
}

/* Open path for writing; an existing file only when the reader says so. */
static int
open_target(struct ui *u, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	char *label, *yes;

	if (fd >= 0 || errno != EEXIST)
		return fd;
	label = xasprintf("%s exists: overwrite it? (y/N) ", path);
	yes = ui_prompt(u, label);
	free(label);
	if (yes != NULL && (yes[0] == 'y' || yes[0] == 'Y'))
		fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	else
		errno = EEXIST;
	free(yes);
	return fd;
}

void
ui_save(struct ui *u)
{
	struct buf t;
	char name[96], *path;
	int fd;

	if (!article_text(u, &t))
		return;
	default_name(u, name, sizeof name);
	path = ui_prompt_text(u, "Save to: ", name);
	if (path == NULL || *path == '\0') {
		free(path);
		buf_free(&t);
		return;
	}
	if ((fd = open_target(u, path)) < 0)
		ui_message(u, errno != EEXIST, errno == EEXIST ? "Not saved: %s"
		    " is kept" : "Cannot save to %s: %s", path, strerror(errno));
	else if (!write_all(fd, t.s, t.len) || close(fd) != 0)
		ui_message(u, true, "Cannot save to %s: %s", path,
		    strerror(errno));
	else
		ui_message(u, false, "Saved %zu lines to %s", count_lines(&t),
		    path);
	free(path);
	buf_free(&t);
}

/* What a command's status says, for the reader. */
static void
status_text(int st, char *s, size_t size)
{
	if (st == -1)
		snprintf(s, size, "could not run it");
	else if (WIFEXITED(st))
		snprintf(s, size, "exit status %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(s, size, "killed by signal %d", WTERMSIG(st));
	else
		snprintf(s, size, "status %d", st);
}

/* Run cmd with t on its input, the terminal its own meanwhile. */
static int
run_piped(const char *cmd, const struct buf *t)
{
	struct sigaction ign = { 0 }, old;
	FILE *p;
	int st;

	ign.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &ign, &old);	/* a command that stops reading */
	fflush(stdout);
	if ((p = popen(cmd, "w")) == NULL) {
		sigaction(SIGPIPE, &old, NULL);
		return -1;
	}
	fwrite(t->s, 1, t->len, p);
	st = pclose(p);
	sigaction(SIGPIPE, &old, NULL);
	return st;
}

/* After the command, as less does: its output stays until Enter. */
static void
wait_enter(const char *status)
{
	char c;

	printf("\n[herald-tui: %s; press Enter to return]", status);
	fflush(stdout);
	while (read(STDIN_FILENO, &c, 1) == 1 && c != '\n' && c != '\r')
		;
}

void
ui_pipe(struct ui *u)
{
	struct buf t;
	char *cmd, st[64];
	int rc;

	if (!article_text(u, &t))
		return;
	if ((cmd = ui_prompt(u, "| ")) == NULL || *cmd == '\0') {
		free(cmd);
		buf_free(&t);
		return;
	}
	def_prog_mode();
	endwin();
	rc = run_piped(cmd, &t);
	status_text(rc, st, sizeof st);
	wait_enter(st);
	reset_prog_mode();
	clearok(curscr, TRUE);
	ui_message(u, rc != 0, "Piped %zu lines to %s: %s", count_lines(&t),
	    cmd, st);
	free(cmd);
	buf_free(&t);
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* RFC 4648 base64 of s, appended to out. */
static void
base64(const unsigned char *s, size_t n, struct buf *out)
{
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		char q[4] = { b64[s[i] >> 2], b64[(s[i] & 3) << 4 | s[i + 1] >> 4],
		    b64[(s[i + 1] & 15) << 2 | s[i + 2] >> 6], b64[s[i + 2] & 63] };

		buf_add(out, q, 4);
	}
	if (n - i == 1) {
		char q[4] = { b64[s[i] >> 2], b64[(s[i] & 3) << 4], '=', '=' };

		buf_add(out, q, 4);
	} else if (n - i == 2) {
		char q[4] = { b64[s[i] >> 2], b64[(s[i] & 3) << 4 | s[i + 1] >> 4],
		    b64[(s[i + 1] & 15) << 2], '=' };

		buf_add(out, q, 4);
	}
}

void
ui_select_rows(struct ui *u, int a, int b)
{
	size_t n = pane_article_select(u->data[PANE_ARTICLE], a, b);

	if (n > 0) {
		char k[32];
		const char *y = keys_hint(ACTION_YANK, k, sizeof k);

		ui_message(u, false, "%zu line%s selected%s%s%s", n,
		    n == 1 ? "" : "s", y ? ": " : "", y ? y : "",
		    y ? " copies them" : "");
	}
}

void
ui_yank(struct ui *u)
{
	struct buf t = { 0 }, seq = { 0 };
	bool sel = u->pane == PANE_ARTICLE &&
	    pane_article_selection(u->data[PANE_ARTICLE], &t);

	if (!sel && !article_text(u, &t))
		return;
	buf_adds(&seq, "\033]52;c;");
	base64((const unsigned char *)t.s, t.len, &seq);
	buf_adds(&seq, "\a");
	fflush(stdout);
	if (write_all(STDOUT_FILENO, seq.s, seq.len))
		ui_message(u, false, "Copied %zu lines%s to the clipboard "
		    "(OSC 52)", count_lines(&t), sel ? " (the selection)" : "");
	else
		ui_message(u, true, "Cannot copy: %s", strerror(errno));
	buf_free(&seq);
	buf_free(&t);
}

/* --- o: a web address to $BROWSER ---------------------------------------- */

/*
 * Run $BROWSER on url, the terminal its own meanwhile: the first of its
 * colon-separated commands, the address as "$1" where it says %s, else
 * after it (so the address never goes through the shell's parsing).
 */
static int
run_browser(const char *browser, const char *url)
{
	char *first = xstrndup(browser, strcspn(browser, ":"));
	const char *pc = strstr(first, "%s");
	struct buf cmd = { 0 };
	pid_t pid;
	int st = -1;

	if (pc != NULL) {
		buf_add(&cmd, first, (size_t)(pc - first));
		buf_adds(&cmd, "\"$1\"");
		buf_adds(&cmd, pc + 2);
	} else {
		buf_adds(&cmd, first);
		buf_adds(&cmd, " \"$1\"");
	}
	fflush(stdout);
	if ((pid = fork()) == 0) {
		execl("/bin/sh", "sh", "-c", cmd.s, "sh", url, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	buf_free(&cmd);
	free(first);
	return st;
}

/* Several addresses: a numbered list over the bottom rows, a key picks
 * one (the first nine); SIZE_MAX for none. */
static size_t
choose_url(struct ui *u, char **v, size_t n)
{
	size_t i, shown = n < 9 ? n : 9;
	int k, y0 = LINES - 1 - (int)shown;

	ui_draw(u);
	for (i = 0; i < shown && y0 + (int)i >= 0; i++) {
		char *row = xasprintf("%zu %s", i + 1, v[i]);

		wattrset(stdscr, u->attr[UI_STATUS]);
		wmove(stdscr, y0 + (int)i, 0);
		wclrtoeol(stdscr);
		draw_puts_cut(stdscr, y0 + (int)i, 1, COLS - 1, row,
		    u->attr[UI_STATUS]);
		free(row);
	}
	wmove(stdscr, LINES - 1, 0);
	wclrtoeol(stdscr);
	draw_puts(stdscr, LINES - 1, 1, COLS - 1, shown < n ?
	    "Open which address (1-9; more are further down)? " :
	    "Open which address? ", u->attr[UI_STATUS]);
	wnoutrefresh(stdscr);
	doupdate();
	while ((k = ui_next_key(u)) == KEY_RESIZE_)
		ui_handle_resize(u);
	return k >= '1' && k < '1' + (int)shown ? (size_t)(k - '1') : SIZE_MAX;
}

void
ui_open_url(struct ui *u)
{
	const char *browser = getenv("BROWSER");
	char **v = NULL, st[64];
	size_t n, i, pick = 0;
	int rc;

	if (u->pane != PANE_ARTICLE) {
		ui_message(u, false, "Web addresses open from the article's "
		    "screen");
		return;
	}
	if ((n = pane_article_urls(u->data[PANE_ARTICLE], &v)) == 0) {
		ui_message(u, false, "No web address on this screen");
		free(v);
		return;
	}
	if (n > 1 && (pick = choose_url(u, v, n)) == SIZE_MAX)
		ui_message(u, false, "No address opened");
	else if (browser == NULL || *browser == '\0')
		ui_message(u, true, "BROWSER is not set: %s", v[pick]);
	else {
		def_prog_mode();
		endwin();
		rc = run_browser(browser, v[pick]);
		reset_prog_mode();
		clearok(curscr, TRUE);
		status_text(rc, st, sizeof st);
		if (rc == 0)
			ui_message(u, false, "Opened %s", v[pick]);
		else
			ui_message(u, true, "$BROWSER on %s: %s", v[pick], st);
	}
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}
