/*
 * width-export.c: wcwidth() for ncursesw.
 *
 * libncursesw measures every cell with wcwidth() through the PLT, so this
 * definition in the executable replaces glibc's for ncurses (ELF symbol
 * interposition). It makes ncurses count East Asian Ambiguous characters
 * exactly as our layout does. ui.c checks at start-up that the interposition
 * took effect. Linked only into programs that draw with ncurses; unit tests
 * that want glibc's wcwidth as an independent oracle do not link it.
 */
#include "build-config.h"

#include <wchar.h>

#include "width.h"

int wcwidth(wchar_t c) __attribute__((visibility("default")));

int
wcwidth(wchar_t c)
{
	if (c < 0)
		return -1;
	return width_wcwidth((uint32_t)c);
}
