/* core_metadata.c — not written yet. */
