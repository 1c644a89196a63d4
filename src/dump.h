/* dump.h: placeholder. */
