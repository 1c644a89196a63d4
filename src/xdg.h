/*
 * xdg.h: where herald-tui keeps its files, by the XDG Base Directory rules.
 */
#ifndef HERALD_XDG_H
#define HERALD_XDG_H

/*
 * $ENV/herald-tui/NAME when the variable ENV holds an absolute path (the
 * spec ignores relative ones), else $HOME/FALLBACK/herald-tui/NAME, with
 * the password database's home when HOME is unset or relative. NULL when
 * there is no home at all. Caller frees.
 */
char *xdg_path(const char *env, const char *fallback, const char *name);

#endif
