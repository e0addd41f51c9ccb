/* atomic_file.h — write a file so that readers see either the old content or the complete new
 * one: write to a temporary file beside it, flush and fsync, then rename over the target.
 * A failed or interrupted run never leaves a truncated lockfile behind. */
#ifndef GL_ATOMIC_FILE_H
#define GL_ATOMIC_FILE_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

typedef struct gl_atomic_file {
    FILE *stream; /* write here between begin and commit/abort */
    char *path;
    char *temp_path;
} gl_atomic_file;

bool gl_atomic_file_begin(gl_atomic_file *af, const char *path, gl_error *err);
/* Flushes, syncs and renames; on failure the temporary file is removed and the target untouched. */
bool gl_atomic_file_commit(gl_atomic_file *af, gl_error *err);
/* Discards everything written; the target stays as it was. Safe after a failed commit. */
void gl_atomic_file_abort(gl_atomic_file *af);

#endif
