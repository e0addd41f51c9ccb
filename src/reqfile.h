/* reqfile.h — pip's requirements-file syntax: comments, line continuations, nested -r files,
 * -c constraint files and --index-url/--extra-index-url lines, as `pip install -r` reads them.
 * Also reads an existing lockfile back, so its pins can be preferred on the next compile. */
#ifndef GL_REQFILE_H
#define GL_REQFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "requirement.h"

typedef struct gl_reqfile_entry {
    gl_requirement req;
    char *text;     /* the requirement as written, per-requirement options (--hash) removed */
    char *location; /* "requirements.in:3", "command line": for error messages */
    char *origin;   /* "-r requirements.in", "-c constraints.txt", or NULL for the command line */
    bool constraint;
} gl_reqfile_entry;

typedef struct gl_reqfile {
    gl_reqfile_entry *entries; /* owned, in reading order */
    size_t count;
    size_t cap;
    char *index_url;         /* owned; the last --index-url seen, or NULL */
    char **extra_index_urls; /* owned, in order, duplicates dropped */
    size_t extra_index_count;
    bool pre; /* a --pre line */
} gl_reqfile;

void gl_reqfile_init(gl_reqfile *rf);
void gl_reqfile_free(gl_reqfile *rf);

/* Reads a file (and every file it names with -r/-c, relative to its directory). Requirements of
 * a -c file, or of any file when as_constraints is set, are constraints. Errors name the file and
 * line: "requirements.in:4: invalid requirement 'torch>=': …". Cycles of -r are an error. */
bool gl_reqfile_read(gl_reqfile *rf, const char *path, bool as_constraints, gl_error *err);

/* Parses the text of a file already in memory; display_name is used in messages and origins. */
bool gl_reqfile_parse(gl_reqfile *rf, const char *text, size_t len, const char *display_name,
                      const char *base_dir, bool as_constraints, gl_error *err);

/* Adds one requirement given on the command line. */
bool gl_reqfile_add_requirement(gl_reqfile *rf, const char *text, gl_error *err);

#endif
