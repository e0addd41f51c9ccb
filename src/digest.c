/* digest.c — not written yet. */
