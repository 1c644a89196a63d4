/*
 * xdg.c: the XDG Base Directory paths of the config and the state.
 */
#include "build-config.h"

#include <pwd.h>
#include <stdlib.h>
#include <unistd.h>

#include "xdg.h"
#include "xmalloc.h"

char *
xdg_path(const char *env, const char *fallback, const char *name)
{
	const char *x = getenv(env);
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (x != NULL && x[0] == '/')
		return xasprintf("%s/herald-tui/%s", x, name);
	if (home == NULL || home[0] != '/') {
		pw = getpwuid(getuid());
		home = pw != NULL ? pw->pw_dir : NULL;
	}
	if (home == NULL || home[0] != '/')
		return NULL;
	return xasprintf("%s/%s/herald-tui/%s", home, fallback, name);
}
