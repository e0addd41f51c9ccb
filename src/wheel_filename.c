/* wheel_filename.c — not written yet. */
