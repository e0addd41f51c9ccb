/* index_set.c — not written yet. */
