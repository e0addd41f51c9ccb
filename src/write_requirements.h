/* write_requirements.h — writes a gl_lock as a pip requirements file, as pip-compile does:
 * header with the regenerating command, index lines, sorted `name==version` pins with
 * `--hash=sha256:` lines and `# via` annotations. Installs with `pip install -r` and `uv pip sync`. */
#ifndef GL_WRITE_REQUIREMENTS_H
#define GL_WRITE_REQUIREMENTS_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"
#include "lock.h"

typedef struct gl_requirements_style {
    bool hashes;   /* --generate-hashes */
    bool annotate; /* "# via" lines */
    bool header;
} gl_requirements_style;

/* Writes to an open stream (standard output). */
bool gl_write_requirements_stream(const gl_lock *lock, const gl_requirements_style *style, FILE *out,
                                  gl_error *err);
/* Writes to path atomically: on any failure an existing file stays as it was. */
bool gl_write_requirements_file(const gl_lock *lock, const gl_requirements_style *style, const char *path,
                                gl_error *err);

#endif
