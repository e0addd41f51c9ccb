/* explain.c — not written yet. */
