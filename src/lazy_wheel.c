/* lazy_wheel.c — not written yet. */
