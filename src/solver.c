/* solver.c — not written yet. */
