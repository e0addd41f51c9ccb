/* error.h — errors travel as values.
 * A library function that fails fills a gl_error with a message naming the input and the
 * reason, plus the source location that raised it; only the CLI prints and chooses an exit code. */
#ifndef GL_ERROR_H
#define GL_ERROR_H

#include <stdarg.h>
#include <stddef.h>

enum gl_error_code {
    GL_OK = 0,
    GL_EINVAL,    /* malformed input: a version, requirement, page, metadata file */
    GL_ENOMEM,
    GL_EIO,       /* local file system */
    GL_ENET,      /* transfer failed after retries, TLS failure */
    GL_ENOTFOUND, /* 404 / missing page / offline miss */
    GL_EDIGEST,   /* content does not match the digest announced for it */
    GL_EUNSAT,    /* no solution */
    GL_EUSAGE,    /* bad command line */
};

typedef struct gl_error {
    int code;
    const char *src_file; /* where in gpulock the error was raised, for debugging */
    int src_line;
    char message[1024];
} gl_error;

/* err may be NULL: the caller is not interested in the reason. */
#define gl_error_set(err, code, ...) gl_error_set_at((err), (code), __FILE__, __LINE__, __VA_ARGS__)

void gl_error_set_at(gl_error *err, int code, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Puts context in front of an existing message: "reading torch/index.html: " + old message. */
void gl_error_prefix(gl_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void gl_error_clear(gl_error *err);
/* Copies text[0..len) into dst (size >= 4) for quoting in a message, so the message stays
 * readable and on one line whatever the input holds: control bytes become '?', and text that
 * does not fit is cut and ends in "...". */
void gl_error_quote(char *dst, size_t size, const char *text, size_t len);

#endif
