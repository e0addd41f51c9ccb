/* tags.c — not written yet. */
