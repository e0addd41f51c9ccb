/* pool.c — not written yet. */
