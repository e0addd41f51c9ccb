/* strbuf.h — a growable, always NUL-terminated byte string.
 * Used wherever gpulock builds text (canonical forms, JSON, lockfiles) or collects bodies. */
#ifndef GL_STRBUF_H
#define GL_STRBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct gl_strbuf {
    char *data; /* NULL until the first append; gl_strbuf_cstr never returns NULL */
    size_t len;
    size_t cap;
} gl_strbuf;

#define GL_STRBUF_INIT {NULL, 0, 0}

/* Appends return false only when memory runs out. */
bool gl_strbuf_append(gl_strbuf *b, const char *s, size_t n);
bool gl_strbuf_puts(gl_strbuf *b, const char *s);
bool gl_strbuf_putc(gl_strbuf *b, char c);
bool gl_strbuf_printf(gl_strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a JSON string literal, quotes included. */
bool gl_strbuf_put_json_string(gl_strbuf *b, const char *s);
const char *gl_strbuf_cstr(const gl_strbuf *b);
/* Hands the buffer to the caller (who frees it) and resets b. Never NULL unless memory ran out. */
char *gl_strbuf_detach(gl_strbuf *b);
void gl_strbuf_reset(gl_strbuf *b);
/* Drops everything from byte len on (len <= b->len): for undoing appends that failed later. */
void gl_strbuf_truncate(gl_strbuf *b, size_t len);
void gl_strbuf_free(gl_strbuf *b);

#endif
