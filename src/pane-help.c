/*
 * pane-help.c: the help, generated from the key table (KEYS_ACTIONS and
 * keys_for_action), so it always shows the bindings in force, [keys]
 * overrides included. Nothing here is written by hand but the few lines
 * about what the table cannot say (marks, the mouse, the config file).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "pane.h"
#include "width.h"
#include "xmalloc.h"

/* Column where the help text starts. */
#define HELP_COL 18

struct help {
	struct pane_ctx		*ctx;
	struct pane_list	 list;
	bool			 have;
	int			 w;	/* the width it was built for */
};

/*
 * A line of help from column col, wrapped to the pane with the layout's
 * rules; its continuation lines start at column hang.
 */
static void
wrapped(struct help *hp, const char *s, enum ts_style st, int col, int hang)
{
	struct layout_lines ll = {0};
	struct layout_opts o;
	size_t i;

	if (*s == '\0') {
		pane_list_add(&hp->list, s, 0, true, col, st);
		return;
	}
	o.width = hp->w - col - 1;
	if (o.width < 2)
		o.width = 2;
	o.indent = 0;
	o.hanging = hang - col < o.width / 2 ? hang - col : 0;
	o.kinsoku = KINSOKU_BASIC;
	o.align = ALIGN_LEFT;
	layout_wrap(&ll, s, strlen(s), &o);
	for (i = 0; i < ll.n; i++)
		pane_list_add(&hp->list, s + ll.v[i].off, ll.v[i].len, true,
		    col + ll.v[i].col, st);
	layout_lines_free(&ll);
}

static void
line(struct help *hp, const char *s, enum ts_style st, int col)
{
	wrapped(hp, s, st, col, col + 2);
}

static void
build(struct help *hp)
{
	enum action a;

	pane_list_clear(&hp->list);
	hp->list.ctx = hp->ctx;
	hp->have = true;
	line(hp, "herald-tui: keys", TS_HEADLINE, 1);
	line(hp, "", TS_BLANK, 0);
	for (a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
		struct buf b = { 0 };
		int keys[16], w;
		size_t n = keys_for_action(a, keys, 16), i;
		char name[32];
		char *s;

		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_adds(&b, " ");
			buf_adds(&b, keys_name(keys[i], name, sizeof name));
		}
		if (n == 0)
			buf_adds(&b, "(unbound)");
		w = width_str(b.s, b.len);
		/* Pad to the help column, or one space when the keys are long. */
		do
			buf_addc(&b, ' ');
		while (++w < HELP_COL - 1);
		buf_adds(&b, keys_action_help(a));
		s = buf_take(&b, NULL);
		/* A long description continues under itself. */
		wrapped(hp, s, TS_BODY, 1, HELP_COL);
		free(s);
	}
	line(hp, "", TS_BLANK, 0);
	{
		char k1[32], k2[32], *s;
		const char *m = keys_hint(ACTION_MARK, k1, sizeof k1);
		const char *g = keys_hint(ACTION_GOTO_MARK, k2, sizeof k2);

		if (m != NULL || g != NULL) {
			s = xasprintf("After %s%s%s, type a letter a-z: the "
			    "bookmark's name.", m ? m : "", m && g ? " or " : "",
			    g ? g : "");
			line(hp, s, TS_FURNITURE, 1);
			free(s);
		}
		if ((m = keys_hint(ACTION_OPEN, k1, sizeof k1)) != NULL) {
			s = xasprintf("In the article, %s follows the "
			    "highlighted jump line (下转第N版).", m);
			line(hp, s, TS_FURNITURE, 1);
			free(s);
		}
	}
	if (hp->ctx->cfg->mouse)
		line(hp, "Mouse: the wheel scrolls; a click selects, a second "
		    "click opens.", TS_FURNITURE, 1);
	line(hp, "Keys, colours and layout: [keys], [colors], [layout] in "
	    "config.ini; see herald-tui(1).", TS_FURNITURE, 1);
}

static void
help_update(void *data, enum pane_update what)
{
	struct help *hp = data;

	/* its lines are wrapped: laid out again when next drawn */
	if (what == PANE_UPDATE_WIDTHS)
		hp->have = false;
}

static void
help_resize(void *data, int h, int w)
{
	struct help *hp = data;

	/* Built when first drawn (help_draw), not at start-up; again when
	 * the width changes, since its lines are wrapped to it. */
	hp->list.h = h;
	if (w != hp->w) {
		hp->w = w;
		hp->have = false;
	}
}

static void
help_draw(void *data, WINDOW *win, int y0, int h, int w)
{
	struct help *hp = data;

	if (!hp->have)
		build(hp);
	pane_list_draw(&hp->list, win, y0, h, w);
}

static bool
help_action(void *data, enum action a)
{
	struct help *hp = data;

	if (!hp->have)
		build(hp);
	if (a == ACTION_OPEN)
		return true;
	return pane_list_action(&hp->list, a);
}

static void
help_click(void *data, int y, int x)
{
}

static void
help_status(void *data, struct buf *b)
{
	char k[32];
	const char *q = keys_hint(ACTION_QUIT, k, sizeof k);

	/* the live bindings: with quit rebound, its key; else ? again */
	if (q == NULL)
		q = keys_hint(ACTION_HELP, k, sizeof k);
	if (q != NULL)
		buf_printf(b, "help │ %s to return", q);
	else
		buf_adds(b, "help");
}

static void *
help_init(struct pane_ctx *ctx)
{
	struct help *hp = xcalloc(1, sizeof *hp);

	hp->ctx = ctx;
	hp->list.ctx = ctx;
	return hp;
}

static void
help_free(void *data)
{
	struct help *hp = data;

	pane_list_clear(&hp->list);
	free(hp);
}

const struct pane_ops pane_help_ops = {
	.name = "help",
	.init = help_init,
	.free = help_free,
	.resize = help_resize,
	.update = help_update,
	.draw = help_draw,
	.action = help_action,
	.click = help_click,
	.status = help_status,
};
