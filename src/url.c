/* url.c — not written yet. */
