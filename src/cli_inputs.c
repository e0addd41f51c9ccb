#include "cli_inputs.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "url.h"

static bool push(const char ***v, size_t *n, const char *s)
{
    const char **grown = realloc((void *)*v, (*n + 1) * sizeof **v);
    if (!grown)
        return false;
    grown[(*n)++] = s;
    *v = grown;
    return true;
}

/* Quotes an argument for the header's regenerating command when the shell would split it. */
static void append_shell_word(gl_strbuf *b, const char *word)
{
    bool plain = *word != '\0';
    for (const char *p = word; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,/:=+@%", *p))
            plain = false;
    if (plain) {
        gl_strbuf_puts(b, word);
        return;
    }
    gl_strbuf_putc(b, '\'');
    for (const char *p = word; *p; p++) {
        if (*p == '\'')
            gl_strbuf_puts(b, "'\\''");
        else
            gl_strbuf_putc(b, *p);
    }
    gl_strbuf_putc(b, '\'');
}

/* Options that take a value: "--opt VALUE" or "--opt=VALUE". */
static const char *take_value(int argc, char **argv, int *i, const char *name, gl_error *err)
{
    const char *arg = argv[*i];
    size_t n = strlen(name);
    if (arg[n] == '=')
        return arg + n + 1;
    if (*i + 1 >= argc) {
        gl_error_set(err, GL_EUSAGE, "option %s needs a value", name);
        return NULL;
    }
    return argv[++*i];
}

static bool matches(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return !strncmp(arg, name, n) && (arg[n] == '\0' || arg[n] == '=');
}

bool gl_cli_inputs_parse(gl_cli_inputs *in, int argc, char **argv, const char *verb,
                         const char **positional, gl_error *err)
{
    memset(in, 0, sizeof *in);
    in->python = "3.11";
    in->platform = "manylinux_2_35_x86_64";
    in->annotate = true;
    in->header = true;
    gl_reqfile_init(&in->requirements);

    gl_strbuf cmd = GL_STRBUF_INIT;
    gl_strbuf_printf(&cmd, "gpulock %s", verb);
    bool ok = true;
    for (int i = 1; ok && i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
        /* The regenerating command never carries credentials. */
        char *shown = gl_url_redact(a);
        gl_strbuf_putc(&cmd, ' ');
        append_shell_word(&cmd, shown ? shown : a);
        free(shown);
        if (matches(a, "-r") || matches(a, "--requirement")) {
            ok = (v = take_value(argc, argv, &i, a[1] == 'r' ? "-r" : "--requirement", err)) &&
                 gl_reqfile_read(&in->requirements, v, false, err);
        } else if (matches(a, "-c") || matches(a, "--constraint")) {
            ok = (v = take_value(argc, argv, &i, a[1] == 'c' ? "-c" : "--constraint", err)) &&
                 gl_reqfile_read(&in->requirements, v, true, err);
        } else if (matches(a, "-o") || matches(a, "--output-file")) {
            ok = (v = take_value(argc, argv, &i, a[1] == 'o' ? "-o" : "--output-file", err)) != NULL;
            in->output = v;
        } else if (matches(a, "--python") || matches(a, "--python-version")) {
            ok = (v = take_value(argc, argv, &i, matches(a, "--python") ? "--python" : "--python-version", err)) != NULL;
            in->python = v;
        } else if (matches(a, "--platform")) {
            ok = (v = take_value(argc, argv, &i, "--platform", err)) != NULL;
            in->platform = v;
        } else if (matches(a, "--snapshot")) {
            ok = (v = take_value(argc, argv, &i, "--snapshot", err)) != NULL;
            in->snapshot = v;
        } else if (matches(a, "--cache-dir")) {
            ok = (v = take_value(argc, argv, &i, "--cache-dir", err)) != NULL;
            in->cache_dir = v;
        } else if (matches(a, "-i") || matches(a, "--index-url")) {
            ok = (v = take_value(argc, argv, &i, a[1] == 'i' ? "-i" : "--index-url", err)) != NULL;
            in->index_url = v;
        } else if (matches(a, "--extra-index-url")) {
            ok = (v = take_value(argc, argv, &i, "--extra-index-url", err)) &&
                 push(&in->extra_index_urls, &in->nextra_index_urls, v);
        } else if (matches(a, "-P") || matches(a, "--upgrade-package")) {
            ok = (v = take_value(argc, argv, &i, a[1] == 'P' ? "-P" : "--upgrade-package", err)) &&
                 push(&in->upgrade_packages, &in->nupgrade_packages, v);
        } else if (!strcmp(a, "-U") || !strcmp(a, "--upgrade")) {
            in->upgrade_all = true;
        } else if (!strcmp(a, "--pre")) {
            in->pre = true;
        } else if (!strcmp(a, "--offline")) {
            in->offline = true;
        } else if (!strcmp(a, "--generate-hashes")) {
            in->generate_hashes = true;
        } else if (!strcmp(a, "--no-annotate")) {
            in->annotate = false;
        } else if (!strcmp(a, "--no-header")) {
            in->header = false;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            in->quiet = true;
        } else if (a[0] == '-' && a[1] != '\0') {
            gl_error_set(err, GL_EUSAGE, "unknown option '%s' for 'gpulock %s'", a, verb);
            ok = false;
        } else if (positional && !*positional) {
            *positional = a;
        } else {
            ok = gl_reqfile_add_requirement(&in->requirements, a, err);
        }
    }
    in->command_line = gl_strbuf_detach(&cmd);
    if (ok && in->requirements.pre)
        in->pre = true;
    /* Index lines inside requirement files count as if given on the command line (pip's rule);
     * the command line wins for --index-url. */
    if (ok && !in->index_url && in->requirements.index_url)
        in->index_url = in->requirements.index_url;
    for (size_t i = 0; ok && i < in->requirements.extra_index_count; i++)
        ok = push(&in->extra_index_urls, &in->nextra_index_urls, in->requirements.extra_index_urls[i]);
    if (!ok && err && err->code == GL_OK)
        gl_error_set(err, GL_ENOMEM, "out of memory");
    return ok;
}

void gl_cli_inputs_free(gl_cli_inputs *in)
{
    gl_reqfile_free(&in->requirements);
    free((void *)in->extra_index_urls);
    free((void *)in->upgrade_packages);
    free(in->command_line);
    memset(in, 0, sizeof *in);
}
