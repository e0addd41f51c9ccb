/* simple_index.c — not written yet. */
