#include "reqfile.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* Files being read, innermost last: a -r cycle would otherwise recurse forever. */
typedef struct read_stack {
    const char *real_paths[32];
    int depth;
} read_stack;

static bool parse_text(gl_reqfile *rf, const char *text, size_t len, const char *display_name,
                       const char *base_dir, bool as_constraints, read_stack *stack, gl_error *err);

void gl_reqfile_init(gl_reqfile *rf) { memset(rf, 0, sizeof *rf); }

void gl_reqfile_free(gl_reqfile *rf)
{
    for (size_t i = 0; i < rf->count; i++) {
        gl_requirement_free(&rf->entries[i].req);
        free(rf->entries[i].text);
        free(rf->entries[i].location);
        free(rf->entries[i].origin);
    }
    free(rf->entries);
    free(rf->index_url);
    for (size_t i = 0; i < rf->extra_index_count; i++)
        free(rf->extra_index_urls[i]);
    free(rf->extra_index_urls);
    memset(rf, 0, sizeof *rf);
}

static bool read_file(const char *path, gl_strbuf *out, gl_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        gl_error_set(err, GL_EIO, "cannot read requirements file '%s': %s", path, strerror(errno));
        return false;
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
        if (!gl_strbuf_append(out, buf, n)) {
            fclose(f);
            gl_error_set(err, GL_ENOMEM, "out of memory reading '%s'", path);
            return false;
        }
    }
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        gl_error_set(err, GL_EIO, "cannot read requirements file '%s': read error", path);
        return false;
    }
    return true;
}

static char *join_path(const char *base_dir, const char *path)
{
    gl_strbuf b = GL_STRBUF_INIT;
    if (path[0] != '/' && base_dir && base_dir[0] && strcmp(base_dir, ".")) {
        gl_strbuf_puts(&b, base_dir);
        gl_strbuf_putc(&b, '/');
    }
    gl_strbuf_puts(&b, path);
    return gl_strbuf_detach(&b);
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static bool read_nested(gl_reqfile *rf, const char *path, bool as_constraints, read_stack *stack,
                        gl_error *err)
{
    char real[PATH_MAX];
    if (!realpath(path, real)) {
        gl_error_set(err, GL_EIO, "cannot read requirements file '%s': %s", path, strerror(errno));
        return false;
    }
    for (int i = 0; i < stack->depth; i++) {
        if (!strcmp(stack->real_paths[i], real)) {
            gl_error_set(err, GL_EINVAL, "requirements file '%s' includes itself through -r", path);
            return false;
        }
    }
    if (stack->depth == (int)(sizeof stack->real_paths / sizeof stack->real_paths[0])) {
        gl_error_set(err, GL_EINVAL, "requirements file '%s': -r nesting is too deep", path);
        return false;
    }
    gl_strbuf text = GL_STRBUF_INIT;
    if (!read_file(path, &text, err)) {
        gl_strbuf_free(&text);
        return false;
    }
    char *dir = dir_of(path);
    stack->real_paths[stack->depth++] = real;
    bool ok = parse_text(rf, gl_strbuf_cstr(&text), text.len, path, dir, as_constraints, stack, err);
    stack->depth--;
    free(dir);
    gl_strbuf_free(&text);
    return ok;
}

bool gl_reqfile_read(gl_reqfile *rf, const char *path, bool as_constraints, gl_error *err)
{
    read_stack stack = {.depth = 0};
    return read_nested(rf, path, as_constraints, &stack, err);
}

bool gl_reqfile_parse(gl_reqfile *rf, const char *text, size_t len, const char *display_name,
                      const char *base_dir, bool as_constraints, gl_error *err)
{
    read_stack stack = {.depth = 0};
    return parse_text(rf, text, len, display_name, base_dir, as_constraints, &stack, err);
}

static bool add_entry(gl_reqfile *rf, const char *text, size_t len, const char *location,
                      const char *origin, bool constraint, gl_error *err)
{
    gl_requirement req;
    if (!gl_requirement_parse(&req, text, len, err)) {
        gl_error_prefix(err, "%s: ", location);
        return false;
    }
    if (rf->count == rf->cap) {
        size_t cap = rf->cap ? rf->cap * 2 : 16;
        gl_reqfile_entry *e = realloc(rf->entries, cap * sizeof *e);
        if (!e) {
            gl_requirement_free(&req);
            gl_error_set(err, GL_ENOMEM, "out of memory");
            return false;
        }
        rf->entries = e;
        rf->cap = cap;
    }
    gl_reqfile_entry *e = &rf->entries[rf->count++];
    e->req = req;
    e->text = strndup(text, len);
    e->location = strdup(location);
    e->origin = origin ? strdup(origin) : NULL;
    e->constraint = constraint;
    return true;
}

bool gl_reqfile_add_requirement(gl_reqfile *rf, const char *text, gl_error *err)
{
    return add_entry(rf, text, strlen(text), "command line", NULL, false, err);
}

static bool add_extra_index(gl_reqfile *rf, const char *url)
{
    for (size_t i = 0; i < rf->extra_index_count; i++)
        if (!strcmp(rf->extra_index_urls[i], url))
            return true;
    char **urls = realloc(rf->extra_index_urls, (rf->extra_index_count + 1) * sizeof *urls);
    if (!urls)
        return false;
    rf->extra_index_urls = urls;
    urls[rf->extra_index_count++] = strdup(url);
    return true;
}

/* Expands ${NAME} (upper case, digits, underscore) from the environment, as pip does. */
static void expand_env(const char *line, gl_strbuf *out)
{
    for (const char *p = line; *p;) {
        if (p[0] == '$' && p[1] == '{') {
            const char *q = p + 2;
            while (isupper((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '_')
                q++;
            if (*q == '}' && q > p + 2) {
                char name[256];
                size_t n = (size_t)(q - p - 2);
                if (n < sizeof name) {
                    memcpy(name, p + 2, n);
                    name[n] = '\0';
                    const char *value = getenv(name);
                    if (value) {
                        gl_strbuf_puts(out, value);
                        p = q + 1;
                        continue;
                    }
                }
            }
        }
        gl_strbuf_putc(out, *p++);
    }
}

/* Strips a comment: '#' at the start or after white space. */
static void strip_comment(char *line)
{
    for (char *p = line; *p; p++) {
        if (*p == '#' && (p == line || isspace((unsigned char)p[-1]))) {
            *p = '\0';
            break;
        }
    }
}

static char *trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* Matches "-r X", "-rX", "--requirement X", "--requirement=X"; returns the value or NULL. */
static const char *option_value(char *line, const char *short_opt, const char *long_opt)
{
    size_t n;
    if (short_opt && !strncmp(line, short_opt, n = strlen(short_opt))) {
        const char *v = line + n;
        if (*v == '=')
            v++;
        while (isspace((unsigned char)*v))
            v++;
        return *v ? v : NULL;
    }
    if (long_opt && !strncmp(line, long_opt, n = strlen(long_opt)) &&
        (line[n] == '=' || isspace((unsigned char)line[n]))) {
        const char *v = line + n + 1;
        while (isspace((unsigned char)*v) || *v == '=')
            v++;
        return *v ? v : NULL;
    }
    return NULL;
}

static bool is_option(const char *line, const char *opt)
{
    size_t n = strlen(opt);
    return !strncmp(line, opt, n) && (line[n] == '\0' || line[n] == '=' || isspace((unsigned char)line[n]));
}

static bool handle_option(gl_reqfile *rf, char *line, const char *location, const char *base_dir,
                          bool as_constraints, read_stack *stack, gl_error *err)
{
    const char *v;
    if ((v = option_value(line, "-r", "--requirement"))) {
        char *path = join_path(base_dir, v);
        bool ok = read_nested(rf, path, as_constraints, stack, err);
        if (!ok && err && err->code == GL_EIO)
            gl_error_prefix(err, "%s: ", location);
        free(path);
        return ok;
    }
    if ((v = option_value(line, "-c", "--constraint"))) {
        char *path = join_path(base_dir, v);
        bool ok = read_nested(rf, path, true, stack, err);
        if (!ok && err && err->code == GL_EIO)
            gl_error_prefix(err, "%s: ", location);
        free(path);
        return ok;
    }
    if ((v = option_value(line, "-i", "--index-url"))) {
        free(rf->index_url);
        rf->index_url = strdup(v);
        return true;
    }
    if ((v = option_value(line, NULL, "--extra-index-url"))) {
        if (!add_extra_index(rf, v)) {
            gl_error_set(err, GL_ENOMEM, "out of memory");
            return false;
        }
        return true;
    }
    if (is_option(line, "--pre")) {
        rf->pre = true;
        return true;
    }
    /* Options that change nothing about which versions are chosen. */
    static const char *const harmless[] = {"--trusted-host", "--prefer-binary", "--only-binary",
                                           "--no-binary", "--use-feature", "--require-hashes"};
    for (size_t i = 0; i < sizeof harmless / sizeof harmless[0]; i++)
        if (is_option(line, harmless[i]))
            return true;
    if (is_option(line, "-e") || is_option(line, "--editable")) {
        gl_error_set(err, GL_EINVAL, "%s: editable requirements are not supported: '%s'", location, line);
        return false;
    }
    gl_error_set(err, GL_EINVAL, "%s: unsupported option '%s'", location, line);
    return false;
}

/* A requirement line may carry per-requirement options (--hash=…): they start at the first
 * white-space-separated token beginning with "--". */
static size_t requirement_length(const char *line)
{
    for (const char *p = line; *p; p++)
        if (isspace((unsigned char)*p) && p[1] == '-' && p[2] == '-')
            return (size_t)(p - line);
    return strlen(line);
}

static bool parse_text(gl_reqfile *rf, const char *text, size_t len, const char *display_name,
                       const char *base_dir, bool as_constraints, read_stack *stack, gl_error *err)
{
    gl_strbuf logical = GL_STRBUF_INIT, expanded = GL_STRBUF_INIT, origin = GL_STRBUF_INIT;
    gl_strbuf_printf(&origin, "%s %s", as_constraints ? "-c" : "-r", display_name);
    bool ok = true;
    size_t pos = 0, lineno = 0, first_line = 0;
    while (ok && pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        size_t n = end - pos;
        if (n && text[pos + n - 1] == '\r')
            n--;
        lineno++;
        if (logical.len == 0)
            first_line = lineno;
        if (memchr(text + pos, '\0', n)) {
            gl_error_set(err, GL_EINVAL, "%s:%zu: contains a NUL byte", display_name, lineno);
            ok = false;
            break;
        }
        bool continued = n && text[pos + n - 1] == '\\';
        gl_strbuf_append(&logical, text + pos, continued ? n - 1 : n);
        pos = end + 1;
        if (continued && pos < len)
            continue;

        gl_strbuf_reset(&expanded);
        expand_env(gl_strbuf_cstr(&logical), &expanded);
        gl_strbuf_reset(&logical);
        strip_comment(expanded.data ? expanded.data : (char *)"");
        char *line = trim(expanded.data ? expanded.data : (char *)"");
        if (!*line)
            continue;
        char location[1024];
        snprintf(location, sizeof location, "%s:%zu", display_name, first_line);
        if (line[0] == '-')
            ok = handle_option(rf, line, location, base_dir, as_constraints, stack, err);
        else
            ok = add_entry(rf, line, requirement_length(line), location, gl_strbuf_cstr(&origin),
                           as_constraints, err);
    }
    gl_strbuf_free(&logical);
    gl_strbuf_free(&expanded);
    gl_strbuf_free(&origin);
    return ok;
}
