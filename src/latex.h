/*
 * latex.h: the LaTeX math that converters write (MinerU's units,
 * "$90 \%$", "$1 ~ 6 5 0 \mathrm { V }$") turned into the text a paper
 * prints (90%, 1～650V). No curses, no layout.
 */
#ifndef HERALD_LATEX_H
#define HERALD_LATEX_H

#include <stdbool.h>

#include "buf.h"

/*
 * Append the text of the math s (len bytes, without its $ delimiters) to
 * out. Simple math becomes plain text: spaces go (MinerU spaces every
 * token: "6 5 0" is 650), \mathrm{…}/\text{…} keep their letters, ~ and
 * \sim are ～, \% is %, \times ×, Greek letters α…ω, ^{2} ² and _{2} ₂
 * where Unicode has the superscript or subscript, ^{\circ} °. Anything
 * else (\frac, \sqrt, unknown commands, a superscript Unicode lacks) is
 * appended verbatim, backslashes and all, without the spaces MinerU puts
 * around every token ("\frac{1}{2}"); a space between two letters stays
 * as a no-break space (U+00A0), so the line breaker does not break it
 * there.
 * Returns true when the math was turned into text, false when it was
 * copied verbatim.
 */
bool latex_to_text(const char *s, size_t len, struct buf *out);

#endif
