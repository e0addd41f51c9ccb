#include "error.h"

#include <stdio.h>
#include <string.h>

void gl_error_set_at(gl_error *err, int code, const char *file, int line, const char *fmt, ...)
{
    if (!err)
        return;
    err->code = code;
    err->src_file = file;
    err->src_line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

void gl_error_prefix(gl_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char prefix[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(prefix, sizeof prefix, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    /* Truncation keeps the front of the message, which names the input. */
    size_t plen = (size_t)n < sizeof prefix ? (size_t)n : sizeof prefix - 1;
    size_t room = sizeof err->message - 1;
    if (plen > room)
        plen = room;
    size_t olen = strnlen(err->message, room);
    if (olen > room - plen)
        olen = room - plen;
    memmove(err->message + plen, err->message, olen);
    memcpy(err->message, prefix, plen);
    err->message[plen + olen] = '\0';
}

void gl_error_clear(gl_error *err)
{
    if (!err)
        return;
    err->code = GL_OK;
    err->src_file = NULL;
    err->src_line = 0;
    err->message[0] = '\0';
}

void gl_error_quote(char *dst, size_t size, const char *text, size_t len)
{
    size_t max = size - 4, n = 0;
    for (size_t i = 0; i < len && n < max; i++) {
        unsigned char c = (unsigned char)text[i];
        dst[n++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (n < len && n == max)
        memcpy(dst + n, "...", 3), n += 3;
    dst[n] = '\0';
}
