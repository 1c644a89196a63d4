/* probe.h: placeholder. */
