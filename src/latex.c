/*
 * latex.c: simple math → text. A small recursive reader over the tokens
 * of the math: commands (\name or \ and one character), groups {…},
 * ^ and _ with their argument, and single characters. It knows a short
 * list of commands; the first thing it does not know makes the whole
 * math verbatim (latex.h), so a half-converted formula is never shown.
 * Nesting is bounded (LATEX_MAX_DEPTH): deeper math is verbatim too.
 */
#include "build-config.h"

#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "latex.h"

#define LATEX_MAX_DEPTH 32

struct lx {
	const char *s;
	size_t len;
	size_t i;
	int depth;
};

/* Commands that stand for one character. */
static const struct {
	const char *name;
	const char *utf8;
} symbols[] = {
    {"alpha", "α"},     {"beta", "β"},       {"gamma", "γ"},
    {"delta", "δ"},     {"epsilon", "ε"},    {"varepsilon", "ε"},
    {"zeta", "ζ"},      {"eta", "η"},        {"theta", "θ"},
    {"iota", "ι"},      {"kappa", "κ"},      {"lambda", "λ"},
    {"mu", "μ"},        {"nu", "ν"},         {"xi", "ξ"},
    {"pi", "π"},        {"rho", "ρ"},        {"sigma", "σ"},
    {"tau", "τ"},       {"upsilon", "υ"},    {"phi", "φ"},
    {"varphi", "φ"},    {"chi", "χ"},        {"psi", "ψ"},
    {"omega", "ω"},     {"Gamma", "Γ"},      {"Delta", "Δ"},
    {"Theta", "Θ"},     {"Lambda", "Λ"},     {"Xi", "Ξ"},
    {"Pi", "Π"},        {"Sigma", "Σ"},      {"Phi", "Φ"},
    {"Psi", "Ψ"},       {"Omega", "Ω"},      {"times", "×"},
    {"cdot", "·"},      {"div", "÷"},        {"pm", "±"},
    {"mp", "∓"},        {"leq", "≤"},        {"le", "≤"},
    {"geq", "≥"},       {"ge", "≥"},         {"neq", "≠"},
    {"ne", "≠"},        {"approx", "≈"},     {"sim", "～"},
    {"infty", "∞"},     {"to", "→"},         {"rightarrow", "→"},
    {"leftarrow", "←"}, {"circ", "°"},       {"degree", "°"},
    {"prime", "′"},     {"permil", "‰"},     {"textperthousand", "‰"},
    {"%", "%"},         {"$", "$"},          {"&", "&"},
    {"#", "#"},         {"_", "_"},          {"{", "{"},
    {"}", "}"},         {",", ""},           {";", ""},
    {":", ""},          {"!", ""},           {" ", ""},
    {"quad", ""},       {"qquad", ""},       {"left", ""},
    {"right", ""},      {"textcircled", ""},
};

/* Commands whose one argument is shown as it is (as text). */
static const char *const text_cmds[] = {
    "mathrm",     "text",   "textrm",       "mathbf", "mathit",
    "mathsf",     "mathtt", "operatorname", "textbf", "textit",
    "boldsymbol", "bf",     "rm",           "mathbb",
};

static const char *const sup_digits[] = {"⁰", "¹", "²", "³", "⁴",
                                         "⁵", "⁶", "⁷", "⁸", "⁹"};
static const char *const sub_digits[] = {"₀", "₁", "₂", "₃", "₄",
                                         "₅", "₆", "₇", "₈", "₉"};

/* The superscript (sup) or subscript form of the text t, or false. */
static bool
script_of(const char *t, size_t n, bool sup, struct buf *out)
{
	size_t i;

	if (sup && n == 2 && memcmp(t, "°", 2) == 0) {
		buf_adds(out, "°");
		return true;
	}
	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];

		if (c >= '0' && c <= '9')
			buf_adds(out, sup ? sup_digits[c - '0']
			                  : sub_digits[c - '0']);
		else if (c == '+')
			buf_adds(out, sup ? "⁺" : "₊");
		else if (c == '-')
			buf_adds(out, sup ? "⁻" : "₋");
		else if (c == '=')
			buf_adds(out, sup ? "⁼" : "₌");
		else if (c == '(')
			buf_adds(out, sup ? "⁽" : "₍");
		else if (c == ')')
			buf_adds(out, sup ? "⁾" : "₎");
		else if (sup && c == 'n')
			buf_adds(out, "ⁿ");
		else if (sup && c == 'i')
			buf_adds(out, "ⁱ");
		else if (!sup && c == 'x')
			buf_adds(out, "ₓ");
		else
			return false;
	}
	return true;
}

static bool lx_item(struct lx *x, struct buf *out);

static void
lx_skip_space(struct lx *x)
{
	while (x->i < x->len && (x->s[x->i] == ' ' || x->s[x->i] == '\t' ||
	                         x->s[x->i] == '\n' || x->s[x->i] == '\r'))
		x->i++;
}

/* A group's items up to its '}' (the '{' already read). */
static bool
lx_group(struct lx *x, struct buf *out)
{
	bool ok = true;

	if (++x->depth > LATEX_MAX_DEPTH)
		return false;
	for (;;) {
		lx_skip_space(x);
		if (x->i >= x->len) {
			ok = false;
			break;
		}
		if (x->s[x->i] == '}') {
			x->i++;
			break;
		}
		if (!lx_item(x, out)) {
			ok = false;
			break;
		}
	}
	x->depth--;
	return ok;
}

/* One argument: a group or a single item. */
static bool
lx_arg(struct lx *x, struct buf *out)
{
	lx_skip_space(x);
	if (x->i >= x->len)
		return false;
	if (x->s[x->i] == '{') {
		x->i++;
		return lx_group(x, out);
	}
	if (x->s[x->i] == '}')
		return false;
	return lx_item(x, out);
}

static bool
lx_command(struct lx *x, struct buf *out)
{
	size_t start = ++x->i, n, k;

	if (x->i >= x->len)
		return false;
	if ((x->s[x->i] | 0x20) >= 'a' && (x->s[x->i] | 0x20) <= 'z') {
		while (x->i < x->len && (x->s[x->i] | 0x20) >= 'a' &&
		       (x->s[x->i] | 0x20) <= 'z')
			x->i++;
	} else
		x->i++;
	n = x->i - start;
	for (k = 0; k < sizeof text_cmds / sizeof text_cmds[0]; k++)
		if (strlen(text_cmds[k]) == n &&
		    memcmp(text_cmds[k], x->s + start, n) == 0)
			return lx_arg(x, out);
	for (k = 0; k < sizeof symbols / sizeof symbols[0]; k++)
		if (strlen(symbols[k].name) == n &&
		    memcmp(symbols[k].name, x->s + start, n) == 0) {
			buf_adds(out, symbols[k].utf8);
			return true;
		}
	return false;
}

static bool
lx_item(struct lx *x, struct buf *out)
{
	unsigned char c = (unsigned char)x->s[x->i];

	if (c == '\\')
		return lx_command(x, out);
	if (c == '{') {
		x->i++;
		return lx_group(x, out);
	}
	if (c == '^' || c == '_') {
		struct buf arg = {0};
		bool ok;

		x->i++;
		ok = lx_arg(x, &arg) &&
		     script_of(arg.s ? arg.s : "", arg.len, c == '^', out);
		buf_free(&arg);
		return ok;
	}
	if (c == '~') {
		x->i++;
		buf_adds(out, "～");
		return true;
	}
	if (c == '&' || c == '}' || c == '$' || c == '#')
		return false;
	/* any other character (a whole UTF-8 sequence) as it is */
	do
		buf_addc(out, (char)x->s[x->i++]);
	while (x->i < x->len && ((unsigned char)x->s[x->i] & 0xc0) == 0x80);
	return true;
}

static bool
is_alnum(char c)
{
	return (c >= '0' && c <= '9') ||
	       ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/*
 * The math as written, trimmed: a space stays (as one U+00A0) only
 * between two letters ("d x", "\int x"); MinerU's spaces around every
 * token ("\frac { 1 } { 2 }", "6 5 0") go.
 */
static void
verbatim(const char *s, size_t len, struct buf *out)
{
	size_t i = 0;
	bool space = false;
	char prev = 0;

	for (; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
		    s[i] == '\r') {
			space = true;
			continue;
		}
		if (space && prev != 0 && is_alnum(prev) && is_alnum(s[i]) &&
		    !((prev >= '0' && prev <= '9') && s[i] >= '0' &&
		      s[i] <= '9'))
			buf_adds(out, "\xc2\xa0");
		space = false;
		prev = s[i];
		buf_addc(out, s[i]);
	}
}

bool
latex_to_text(const char *s, size_t len, struct buf *out)
{
	struct lx x = {s, len, 0, 0};
	struct buf t = {0};
	bool ok = true;

	for (;;) {
		lx_skip_space(&x);
		if (x.i >= x.len)
			break;
		if (!lx_item(&x, &t)) {
			ok = false;
			break;
		}
	}
	if (ok && t.len > 0)
		buf_add(out, t.s, t.len);
	else {
		ok = false;
		verbatim(s, len, out);
	}
	buf_free(&t);
	return ok;
}
