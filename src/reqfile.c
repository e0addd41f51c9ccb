/* reqfile.c — not written yet. */
