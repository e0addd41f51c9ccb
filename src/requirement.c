/* requirement.c — PEP 508 dependency specifications: name, extras, specifiers or a URL,
 * marker; packaging's canonical text and a JSON form. */
#include "requirement.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"

/* How much of an offending input an error message quotes. */
#define QUOTE_MAX 300

static bool is_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_name_char(char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }

static bool is_ws(char c) { return c == ' ' || c == '\t'; }

bool gl_name_is_valid(const char *name, size_t len)
{
    if (len == 0 || !is_alnum(name[0]) || !is_alnum(name[len - 1]))
        return false;
    for (size_t i = 0; i < len; i++)
        if (!is_name_char(name[i]))
            return false;
    return true;
}

/* Writes the normalised form of name; out has room for len + 1 bytes. */
static void normalize_into(const char *name, size_t len, char *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (c == '-' || c == '_' || c == '.') {
            if (n == 0 || out[n - 1] != '-')
                out[n++] = '-';
            continue;
        }
        out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
}

bool gl_name_normalize(const char *name, char *out, size_t outsize)
{
    size_t len = strlen(name);
    if (!gl_name_is_valid(name, len) || outsize < len + 1)
        return false;
    normalize_into(name, len, out);
    return true;
}

char *gl_name_normalize_dup(const char *name, size_t len)
{
    if (!gl_name_is_valid(name, len))
        return NULL;
    return gl_name_normalize_any(name, len);
}

char *gl_name_normalize_any(const char *name, size_t len)
{
    char *out = malloc(len + 1);
    if (out)
        normalize_into(name, len, out);
    return out;
}

void gl_requirement_free(gl_requirement *r)
{
    free(r->name);
    free(r->normalized_name);
    for (size_t i = 0; i < r->nextras; i++)
        free(r->extras[i]);
    free(r->extras);
    gl_specifier_set_free(&r->specifier);
    free(r->url);
    gl_marker_free(r->marker);
    memset(r, 0, sizeof *r);
}

/* ---- parser ------------------------------------------------------------------------------- */

typedef struct req_parser {
    const char *text;
    size_t len;
    size_t pos;
    gl_requirement *out;
    gl_error *err;
} req_parser;

static bool fail(req_parser *p, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static bool fail(req_parser *p, int code, const char *fmt, ...)
{
    char reason[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    size_t shown = p->len > QUOTE_MAX ? QUOTE_MAX : p->len;
    gl_error_set(p->err, code, "invalid requirement '%.*s%s': %s", (int)shown, p->text,
                 shown < p->len ? "..." : "", reason);
    return false;
}

static bool fail_oom(req_parser *p) { return fail(p, GL_ENOMEM, "out of memory"); }

static void skip_ws(req_parser *p)
{
    while (p->pos < p->len && is_ws(p->text[p->pos]))
        p->pos++;
}

static bool at_end(const req_parser *p) { return p->pos >= p->len; }

static char peek(const req_parser *p) { return at_end(p) ? '\0' : p->text[p->pos]; }

static void describe_here(const req_parser *p, char *buf, size_t size)
{
    unsigned char c = at_end(p) ? 0 : (unsigned char)p->text[p->pos];
    if (at_end(p))
        snprintf(buf, size, "end of input");
    else if (c < 0x20 || c >= 0x7f)
        snprintf(buf, size, "byte 0x%02x at column %zu", c, p->pos + 1);
    else
        snprintf(buf, size, "'%c' at column %zu", c, p->pos + 1);
}

/* A run of name characters starting here; its length (0 when none). */
static size_t name_run(const req_parser *p)
{
    size_t n = 0;
    while (p->pos + n < p->len && is_name_char(p->text[p->pos + n]))
        n++;
    return n;
}

static bool parse_name(req_parser *p)
{
    skip_ws(p);
    size_t n = name_run(p);
    if (n == 0) {
        char here[64];
        describe_here(p, here, sizeof here);
        return fail(p, GL_EINVAL, "expected a package name, found %s", here);
    }
    const char *name = p->text + p->pos;
    if (!gl_name_is_valid(name, n))
        return fail(p, GL_EINVAL, "invalid package name '%.*s': it must start and end with a letter or digit",
                    (int)(n > 100 ? 100 : n), name);
    p->out->name = strndup(name, n);
    p->out->normalized_name = gl_name_normalize_dup(name, n);
    if (!p->out->name || !p->out->normalized_name)
        return fail_oom(p);
    p->pos += n;
    return true;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool add_extra(req_parser *p, const char *name, size_t n, size_t *cap)
{
    char *norm = gl_name_normalize_dup(name, n);
    if (!norm)
        return fail_oom(p);
    gl_requirement *r = p->out;
    for (size_t i = 0; i < r->nextras; i++) {
        if (!strcmp(r->extras[i], norm)) {
            free(norm);
            return true;
        }
    }
    if (r->nextras == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        char **grown = realloc(r->extras, ncap * sizeof *grown);
        if (!grown) {
            free(norm);
            return fail_oom(p);
        }
        r->extras = grown;
        *cap = ncap;
    }
    r->extras[r->nextras++] = norm;
    return true;
}

/* "[" (extra ("," extra)*)? "]", whitespace allowed between tokens. */
static bool parse_extras(req_parser *p)
{
    size_t open = p->pos;
    p->pos++;
    size_t cap = 0;
    skip_ws(p);
    if (peek(p) != ']') {
        for (;;) {
            skip_ws(p);
            size_t n = name_run(p);
            if (n == 0) {
                char here[64];
                describe_here(p, here, sizeof here);
                return fail(p, GL_EINVAL, "expected an extra name, found %s", here);
            }
            if (!gl_name_is_valid(p->text + p->pos, n))
                return fail(p, GL_EINVAL, "invalid extra name '%.*s'", (int)(n > 100 ? 100 : n), p->text + p->pos);
            if (!add_extra(p, p->text + p->pos, n, &cap))
                return false;
            p->pos += n;
            skip_ws(p);
            if (peek(p) == ',') {
                p->pos++;
                continue;
            }
            if (peek(p) == ']')
                break;
            char here[64];
            describe_here(p, here, sizeof here);
            return fail(p, GL_EINVAL, "expected ',' or ']' in the extras opened at column %zu, found %s",
                        open + 1, here);
        }
    }
    p->pos++;
    if (p->out->nextras > 1)
        qsort(p->out->extras, p->out->nextras, sizeof *p->out->extras, compare_strings);
    return true;
}

/* What packaging checks of a URL: a scheme, and a host unless it is a file URL; file URLs must
 * be written file://... (urlunparse gives back the same text). */
static bool check_url(req_parser *p, const char *url)
{
    size_t i = 0;
    if (!((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')))
        return fail(p, GL_EINVAL, "invalid URL '%.200s': it has no scheme", url);
    while (is_alnum(url[i]) || url[i] == '+' || url[i] == '-' || url[i] == '.')
        i++;
    if (url[i] != ':')
        return fail(p, GL_EINVAL, "invalid URL '%.200s': it has no scheme", url);
    bool is_file = i == 4 && !strncasecmp(url, "file", 4);
    if (strncmp(url + i + 1, "//", 2))
        return fail(p, GL_EINVAL, "invalid URL '%.200s': expected '//' after '%.*s:'", url, (int)i, url);
    const char *host = url + i + 3;
    if (!is_file && (*host == '\0' || *host == '/' || *host == '?' || *host == '#'))
        return fail(p, GL_EINVAL, "invalid URL '%.200s': it has no host", url);
    return true;
}

static bool parse_marker_part(req_parser *p, const gl_marker_env *vars)
{
    size_t semicolon = p->pos;
    p->pos++;
    skip_ws(p);
    if (at_end(p))
        return fail(p, GL_EINVAL, "expected a marker after ';' at column %zu", semicolon + 1);
    gl_error merr;
    gl_error_clear(&merr);
    p->out->marker = gl_marker_parse(p->text + p->pos, p->len - p->pos, vars, &merr);
    if (!p->out->marker)
        return fail(p, merr.code, "%s", merr.message);
    p->pos = p->len;
    return true;
}

static bool parse_url_part(req_parser *p, const gl_marker_env *vars)
{
    p->pos++; /* '@' */
    skip_ws(p);
    size_t start = p->pos;
    while (p->pos < p->len && !is_ws(p->text[p->pos]))
        p->pos++;
    if (p->pos == start)
        return fail(p, GL_EINVAL, "expected a URL after '@'");
    p->out->url = strndup(p->text + start, p->pos - start);
    if (!p->out->url)
        return fail_oom(p);
    if (!check_url(p, p->out->url))
        return false;
    skip_ws(p);
    if (at_end(p))
        return true;
    if (peek(p) != ';') {
        char here[64];
        describe_here(p, here, sizeof here);
        return fail(p, GL_EINVAL, "expected ';' or the end after the URL, found %s", here);
    }
    return parse_marker_part(p, vars);
}

static bool parse_specifier_text(req_parser *p, const char *text, size_t len)
{
    /* PEP 508 has no empty list items: "a>=1," and "a>=1,,<2" are errors */
    size_t item_start = 0;
    bool blank = true;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == ',') {
            bool whole_text_blank = item_start == 0 && i == len;
            if (blank && !whole_text_blank)
                return fail(p, GL_EINVAL, "empty item in the version specifier list '%.*s'",
                            (int)(len > 200 ? 200 : len), text);
            item_start = i + 1;
            blank = true;
        } else if (!is_ws(text[i])) {
            blank = false;
        }
    }
    gl_error serr;
    gl_error_clear(&serr);
    if (!gl_specifier_set_parse(&p->out->specifier, text, len, &serr))
        return fail(p, serr.code, "%s", serr.message);
    return true;
}

static bool parse_version_part(req_parser *p, const gl_marker_env *vars)
{
    if (peek(p) == '(') {
        size_t open = p->pos;
        const char *close = memchr(p->text + open, ')', p->len - open);
        if (!close)
            return fail(p, GL_EINVAL, "expected ')' to close '(' at column %zu", open + 1);
        size_t close_at = (size_t)(close - p->text);
        if (!parse_specifier_text(p, p->text + open + 1, close_at - open - 1))
            return false;
        p->pos = close_at + 1;
        skip_ws(p);
    } else {
        size_t start = p->pos;
        const char *semicolon = memchr(p->text + start, ';', p->len - start);
        size_t end = semicolon ? (size_t)(semicolon - p->text) : p->len;
        if (!parse_specifier_text(p, p->text + start, end - start))
            return false;
        p->pos = end;
    }
    if (at_end(p))
        return true;
    if (peek(p) != ';') {
        char here[64];
        describe_here(p, here, sizeof here);
        return fail(p, GL_EINVAL, "expected ';' or the end after the version specifier, found %s", here);
    }
    return parse_marker_part(p, vars);
}

bool gl_requirement_parse_env(gl_requirement *out, const char *text, size_t len, const gl_marker_env *vars,
                              gl_error *err)
{
    memset(out, 0, sizeof *out);
    req_parser p = {.text = text, .len = len, .out = out, .err = err};
    bool ok;
    if (memchr(text, '\0', len))
        ok = fail(&p, GL_EINVAL, "NUL byte in requirement");
    else if (!parse_name(&p))
        ok = false;
    else {
        skip_ws(&p);
        ok = true;
        if (peek(&p) == '[') {
            ok = parse_extras(&p);
            skip_ws(&p);
        }
        if (ok && !at_end(&p) && !strchr("<>=!~(;@", peek(&p))) {
            char here[64];
            describe_here(&p, here, sizeof here);
            ok = fail(&p, GL_EINVAL, "expected '[', a version specifier, '@' or ';' after the name, found %s", here);
        }
        if (ok)
            ok = peek(&p) == '@' ? parse_url_part(&p, vars) : parse_version_part(&p, vars);
    }
    if (!ok)
        gl_requirement_free(out);
    return ok;
}

bool gl_requirement_parse(gl_requirement *out, const char *text, size_t len, gl_error *err)
{
    return gl_requirement_parse_env(out, text, len, NULL, err);
}

bool gl_requirement_copy(gl_requirement *dst, const gl_requirement *src)
{
    memset(dst, 0, sizeof *dst);
    char *spec = gl_specifier_set_to_string(&src->specifier);
    bool ok = spec != NULL;
    if (ok) {
        gl_error scratch;
        ok = gl_specifier_set_parse(&dst->specifier, spec, strlen(spec), &scratch);
    }
    free(spec);
    ok = ok && (dst->name = strdup(src->name)) && (dst->normalized_name = strdup(src->normalized_name));
    ok = ok && (!src->url || (dst->url = strdup(src->url)));
    ok = ok && (!src->marker || (dst->marker = gl_marker_copy(src->marker)));
    if (ok && src->nextras) {
        ok = (dst->extras = calloc(src->nextras, sizeof *dst->extras)) != NULL;
        for (size_t i = 0; ok && i < src->nextras; i++) {
            ok = (dst->extras[i] = strdup(src->extras[i])) != NULL;
            dst->nextras = i + 1;
        }
    }
    if (!ok)
        gl_requirement_free(dst);
    return ok;
}

/* ---- output ---------------------------------------------------------------------------------- */

char *gl_requirement_to_string(const gl_requirement *r)
{
    gl_strbuf b = GL_STRBUF_INIT;
    bool ok = gl_strbuf_puts(&b, r->name);
    if (ok && r->nextras) {
        ok = gl_strbuf_putc(&b, '[');
        for (size_t i = 0; ok && i < r->nextras; i++)
            ok = (!i || gl_strbuf_putc(&b, ',')) && gl_strbuf_puts(&b, r->extras[i]);
        ok = ok && gl_strbuf_putc(&b, ']');
    }
    if (ok && r->specifier.count) {
        char *spec = gl_specifier_set_to_string(&r->specifier);
        ok = spec && gl_strbuf_puts(&b, spec);
        free(spec);
    }
    if (ok && r->url) {
        ok = gl_strbuf_puts(&b, "@ ") && gl_strbuf_puts(&b, r->url);
        if (ok && r->marker)
            ok = gl_strbuf_putc(&b, ' ');
    }
    if (ok && r->marker) {
        char *marker = gl_marker_to_string(r->marker);
        ok = marker && gl_strbuf_puts(&b, "; ") && gl_strbuf_puts(&b, marker);
        free(marker);
    }
    if (!ok) {
        gl_strbuf_free(&b);
        return NULL;
    }
    return gl_strbuf_detach(&b);
}

char *gl_requirement_to_json(const gl_requirement *r)
{
    gl_strbuf b = GL_STRBUF_INIT;
    char *spec = gl_specifier_set_to_string(&r->specifier);
    char *marker = r->marker ? gl_marker_to_string(r->marker) : NULL;
    bool ok = spec && (!r->marker || marker);
    ok = ok && gl_strbuf_puts(&b, "{\"name\":") && gl_strbuf_put_json_string(&b, r->normalized_name) &&
         gl_strbuf_puts(&b, ",\"extras\":[");
    for (size_t i = 0; ok && i < r->nextras; i++)
        ok = (!i || gl_strbuf_putc(&b, ',')) && gl_strbuf_put_json_string(&b, r->extras[i]);
    ok = ok && gl_strbuf_puts(&b, "],\"specifier\":") && gl_strbuf_put_json_string(&b, spec) &&
         gl_strbuf_puts(&b, ",\"marker\":") &&
         (marker ? gl_strbuf_put_json_string(&b, marker) : gl_strbuf_puts(&b, "null")) &&
         gl_strbuf_puts(&b, ",\"url\":") &&
         (r->url ? gl_strbuf_put_json_string(&b, r->url) : gl_strbuf_puts(&b, "null")) &&
         gl_strbuf_putc(&b, '}');
    free(spec);
    free(marker);
    if (!ok) {
        gl_strbuf_free(&b);
        return NULL;
    }
    return gl_strbuf_detach(&b);
}
