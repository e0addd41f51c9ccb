/* core_metadata.c — a line reader for the header section of a core metadata file. Only the
 * fields the resolver uses are kept; every header line is still checked, so a truncated or
 * garbled file is reported instead of silently losing Requires-Dist lines. */
#include "core_metadata.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "strbuf.h"
#include "url.h"

#define SHOW_MAX 300

enum field_kind {
    F_OTHER,
    F_METADATA_VERSION,
    F_NAME,
    F_VERSION,
    F_REQUIRES_PYTHON,
    F_REQUIRES_DIST,
    F_PROVIDES_EXTRA,
    F_DYNAMIC,
};

static const struct {
    const char *name;
    enum field_kind kind;
} known_fields[] = {
    {"Metadata-Version", F_METADATA_VERSION}, {"Name", F_NAME},
    {"Version", F_VERSION},                   {"Requires-Python", F_REQUIRES_PYTHON},
    {"Requires-Dist", F_REQUIRES_DIST},       {"Provides-Extra", F_PROVIDES_EXTRA},
    {"Dynamic", F_DYNAMIC},
};

typedef struct string_list {
    char **items;
    size_t n, cap;
} string_list;

static bool list_push(string_list *l, char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        char **p = realloc(l->items, cap * sizeof *p);
        if (!p)
            return false;
        l->items = p;
        l->cap = cap;
    }
    l->items[l->n++] = s;
    return true;
}

static void list_free(char **items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

typedef struct reader {
    const char *data;
    size_t len, pos;
    size_t lineno;
    const char *source; /* redacted, for messages */
    gl_error *err;
} reader;

/* The next line without its terminator (LF or CRLF); false at the end of the data. */
static bool next_line(reader *r, const char **line, size_t *len)
{
    if (r->pos >= r->len)
        return false;
    const char *start = r->data + r->pos;
    const char *nl = memchr(start, '\n', r->len - r->pos);
    size_t n = nl ? (size_t)(nl - start) : r->len - r->pos;
    r->pos += n + (nl ? 1 : 0);
    if (n > 0 && start[n - 1] == '\r')
        n--;
    *line = start;
    *len = n;
    r->lineno++;
    return true;
}

static bool is_blank(char c) { return c == ' ' || c == '\t'; }

/* RFC 5322 field names: printable ASCII except ':'. */
static bool is_field_char(unsigned char c) { return c > 32 && c < 127 && c != ':'; }

static enum field_kind classify(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof known_fields / sizeof known_fields[0]; i++)
        if (strlen(known_fields[i].name) == len && !strncasecmp(known_fields[i].name, name, len))
            return known_fields[i].kind;
    return F_OTHER;
}

static char *trimmed_copy(const char *s, size_t len)
{
    while (len > 0 && is_blank(*s))
        s++, len--;
    while (len > 0 && is_blank(s[len - 1]))
        len--;
    return strndup(s, len);
}

/* Stores one complete (unfolded) field; takes ownership of value. */
static bool store(gl_core_metadata *md, string_list lists[3], enum field_kind kind,
                  const char *field, size_t field_len, char *value, reader *r)
{
    char **single = NULL;
    string_list *list = NULL;
    switch (kind) {
    case F_METADATA_VERSION: single = &md->metadata_version; break;
    case F_NAME: single = &md->name; break;
    case F_VERSION: single = &md->version; break;
    case F_REQUIRES_PYTHON: single = &md->requires_python; break;
    case F_REQUIRES_DIST: list = &lists[0]; break;
    case F_PROVIDES_EXTRA: list = &lists[1]; break;
    case F_DYNAMIC: list = &lists[2]; break;
    case F_OTHER: free(value); return true;
    }
    if (single) {
        if (*single) {
            gl_error_set(r->err, GL_EINVAL, "%s: line %zu: '%.*s' given twice", r->source,
                         r->lineno, (int)field_len, field);
            free(value);
            return false;
        }
        *single = value;
        return true;
    }
    if (!*value) { /* "Requires-Dist:" with nothing after it declares nothing */
        free(value);
        return true;
    }
    if (!list_push(list, value)) {
        free(value);
        gl_error_set(r->err, GL_ENOMEM, "%s: out of memory", r->source);
        return false;
    }
    return true;
}

/* Metadata-Version: tools must refuse a major version above the one they know (2). */
static bool check_metadata_version(const char *v, reader *r)
{
    const char *p = v;
    unsigned long major = 0;
    if (*p < '0' || *p > '9')
        goto bad;
    while (*p >= '0' && *p <= '9' && major < 1000)
        major = major * 10 + (unsigned long)(*p++ - '0');
    if (*p != '.' && *p != '\0')
        goto bad;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            goto bad;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p)
            goto bad;
    }
    if (major < 1 || major > 2) {
        gl_error_set(r->err, GL_EINVAL,
                     "%s: unsupported Metadata-Version '%.20s' (gpulock reads 1.0 to 2.x)",
                     r->source, v);
        return false;
    }
    return true;
bad:
    gl_error_set(r->err, GL_EINVAL, "%s: malformed Metadata-Version '%.40s'", r->source, v);
    return false;
}

bool gl_core_metadata_parse(gl_core_metadata *md, const char *data, size_t len, const char *source,
                            gl_error *err)
{
    memset(md, 0, sizeof *md);
    char shown[SHOW_MAX];
    gl_url_redact_to(source ? source : "(metadata)", shown, sizeof shown);
    reader r = {data, len, 0, 0, shown, err};
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
        r.pos = 3;

    string_list lists[3] = {{0}};
    gl_strbuf value = GL_STRBUF_INIT;
    enum field_kind kind = F_OTHER;
    const char *field = NULL;
    size_t field_len = 0, field_line = 0;
    bool have_field = false, ok = true;
    const char *line;
    size_t n;
    for (;;) {
        bool more = next_line(&r, &line, &n);
        bool continuation = more && n > 0 && is_blank(line[0]);
        if (more && memchr(line, '\0', n)) {
            gl_error_set(err, GL_EINVAL, "%s: line %zu: NUL byte in a header", shown, r.lineno);
            ok = false;
            break;
        }
        if (continuation) {
            if (!have_field) {
                gl_error_set(err, GL_EINVAL, "%s: line %zu: continuation line before any field",
                             shown, r.lineno);
                ok = false;
                break;
            }
            /* Unfolding removes the line break only; the value is trimmed at the end. */
            if (kind != F_OTHER && !gl_strbuf_append(&value, line, n)) {
                gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown);
                ok = false;
                break;
            }
            continue;
        }
        if (have_field) {
            char *v = trimmed_copy(gl_strbuf_cstr(&value), value.len);
            size_t lineno = r.lineno;
            r.lineno = field_line; /* errors point at the field's first line */
            if (!v) {
                gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown);
                ok = false;
            } else {
                ok = store(md, lists, kind, field, field_len, v, &r);
            }
            r.lineno = lineno;
            have_field = false;
            gl_strbuf_reset(&value);
            if (!ok)
                break;
        }
        if (!more || n == 0)
            break; /* the end, or the blank line before the description body */
        size_t i = 0;
        while (i < n && is_field_char((unsigned char)line[i]))
            i++;
        if (i == 0 || i == n || line[i] != ':') {
            /* The line is not NUL-terminated: quote a bounded copy. */
            char quoted[64];
            size_t q = n < 60 ? n : 60;
            memcpy(quoted, line, q);
            quoted[q] = '\0';
            gl_error_set(err, GL_EINVAL, "%s: line %zu: malformed header line '%s%s'", shown,
                         r.lineno, quoted, n > 60 ? "..." : "");
            ok = false;
            break;
        }
        field = line;
        field_len = i;
        field_line = r.lineno;
        kind = classify(line, i);
        have_field = true;
        if (kind != F_OTHER && !gl_strbuf_append(&value, line + i + 1, n - i - 1)) {
            gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown);
            ok = false;
            break;
        }
    }
    gl_strbuf_free(&value);
    md->requires_dist = lists[0].items, md->nrequires_dist = lists[0].n;
    md->provides_extra = lists[1].items, md->nprovides_extra = lists[1].n;
    md->dynamic = lists[2].items, md->ndynamic = lists[2].n;
    if (ok && md->metadata_version && !check_metadata_version(md->metadata_version, &r))
        ok = false;
    if (ok && (!md->name || !*md->name)) {
        gl_error_set(err, GL_EINVAL, "%s: no Name field", shown);
        ok = false;
    }
    if (ok && (!md->version || !*md->version)) {
        gl_error_set(err, GL_EINVAL, "%s: no Version field", shown);
        ok = false;
    }
    if (!ok)
        gl_core_metadata_free(md);
    return ok;
}

void gl_core_metadata_free(gl_core_metadata *md)
{
    if (!md)
        return;
    free(md->metadata_version);
    free(md->name);
    free(md->version);
    free(md->requires_python);
    list_free(md->requires_dist, md->nrequires_dist);
    list_free(md->provides_extra, md->nprovides_extra);
    list_free(md->dynamic, md->ndynamic);
    memset(md, 0, sizeof *md);
}
