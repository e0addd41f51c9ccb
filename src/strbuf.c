#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool reserve(gl_strbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p)
        return false;
    b->data = p;
    b->cap = cap;
    return true;
}

bool gl_strbuf_append(gl_strbuf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return false;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return true;
}

bool gl_strbuf_puts(gl_strbuf *b, const char *s) { return gl_strbuf_append(b, s, strlen(s)); }

bool gl_strbuf_putc(gl_strbuf *b, char c) { return gl_strbuf_append(b, &c, 1); }

bool gl_strbuf_printf(gl_strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !reserve(b, (size_t)n))
        return false;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return true;
}

bool gl_strbuf_put_json_string(gl_strbuf *b, const char *s)
{
    if (!gl_strbuf_putc(b, '"'))
        return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        bool ok;
        switch (*p) {
        case '"': ok = gl_strbuf_puts(b, "\\\""); break;
        case '\\': ok = gl_strbuf_puts(b, "\\\\"); break;
        case '\n': ok = gl_strbuf_puts(b, "\\n"); break;
        case '\r': ok = gl_strbuf_puts(b, "\\r"); break;
        case '\t': ok = gl_strbuf_puts(b, "\\t"); break;
        default:
            ok = *p < 0x20 ? gl_strbuf_printf(b, "\\u%04x", *p) : gl_strbuf_putc(b, (char)*p);
        }
        if (!ok)
            return false;
    }
    return gl_strbuf_putc(b, '"');
}

const char *gl_strbuf_cstr(const gl_strbuf *b) { return b->data ? b->data : ""; }

char *gl_strbuf_detach(gl_strbuf *b)
{
    char *p = b->data ? b->data : calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void gl_strbuf_reset(gl_strbuf *b) { gl_strbuf_truncate(b, 0); }

void gl_strbuf_truncate(gl_strbuf *b, size_t len)
{
    b->len = len;
    if (b->data)
        b->data[len] = '\0';
}

void gl_strbuf_free(gl_strbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
