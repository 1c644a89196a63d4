/* pane.h: placeholder. */
