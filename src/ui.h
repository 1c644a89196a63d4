/* ui.h: placeholder. */
