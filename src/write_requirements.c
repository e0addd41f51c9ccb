/* write_requirements.c — not written yet. */
