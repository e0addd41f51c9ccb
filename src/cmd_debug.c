/* cmd_debug.c — 'gpulock debug': direct access to the PEP 440/508 and wheel-tag code,
 * one case from the command line or thousands from standard input ("-": one case a line,
 * arguments separated by TAB, one result line each, "error: <reason>" for a bad case). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "marker.h"
#include "requirement.h"
#include "specifier.h"
#include "strbuf.h"
#include "tags.h"
#include "tsv.h"
#include "version.h"
#include "wheel_filename.h"

/* A verb writes its result (without trailing newline) to out and returns true, or fills err. */
typedef bool (*debug_verb_fn)(int argc, char **argv, gl_strbuf *out, gl_error *err);

static bool verb_vercmp(int argc, char **argv, gl_strbuf *out, gl_error *err)
{
    if (argc != 2) {
        gl_error_set(err, GL_EUSAGE, "usage: gpulock debug vercmp A B");
        return false;
    }
    gl_version a, b;
    if (!gl_version_parse_cstr(&a, argv[0], err))
        return false;
    if (!gl_version_parse_cstr(&b, argv[1], err)) {
        gl_version_free(&a);
        return false;
    }
    int c = gl_version_compare(&a, &b);
    gl_strbuf_puts(out, c < 0 ? "-1" : c > 0 ? "1" : "0");
    gl_version_free(&a);
    gl_version_free(&b);
    return true;
}

static bool verb_contains(int argc, char **argv, gl_strbuf *out, gl_error *err)
{
    const char *positional[2];
    int npos = 0;
    bool pre = false;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--pre"))
            pre = true;
        else if (npos < 2)
            positional[npos++] = argv[i];
        else
            npos = 3;
    }
    if (npos != 2) {
        gl_error_set(err, GL_EUSAGE, "usage: gpulock debug contains SPEC VERSION [--pre]");
        return false;
    }
    gl_specifier_set set;
    if (!gl_specifier_set_parse(&set, positional[0], strlen(positional[0]), err))
        return false;
    gl_version v;
    if (!gl_version_parse_cstr(&v, positional[1], err)) {
        gl_specifier_set_free(&set);
        return false;
    }
    gl_strbuf_puts(out, gl_specifier_set_contains(&set, &v, pre) ? "true" : "false");
    gl_version_free(&v);
    gl_specifier_set_free(&set);
    return true;
}

/* Filled in by the marker/requirement and wheel modules' owners. */
static bool verb_marker(int argc, char **argv, gl_strbuf *out, gl_error *err)
{
    const char *marker_text = NULL;
    const char *extra = NULL;
    bool show_env = false, usage = false;
    gl_marker_env *env = gl_marker_env_new_default();
    if (!env) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    for (int i = 0; i < argc && !usage; i++) {
        if (!strcmp(argv[i], "--show-env")) {
            show_env = true;
        } else if (!strcmp(argv[i], "--env")) {
            const char *eq = i + 1 < argc ? strchr(argv[i + 1], '=') : NULL;
            if (!eq || eq == argv[i + 1]) {
                gl_marker_env_free(env);
                gl_error_set(err, GL_EUSAGE, "debug marker: --env needs KEY=VALUE, got '%s'",
                             i + 1 < argc ? argv[i + 1] : "");
                return false;
            }
            const char *arg = argv[++i];
            size_t klen = (size_t)(eq - arg);
            /* extra is the extra being evaluated, not a variable of the environment */
            if (klen == 5 && !strncmp(arg, "extra", 5)) {
                extra = eq + 1;
            } else {
                char *key = strndup(arg, klen);
                const char *canonical = key ? gl_marker_variable_canonical(key) : NULL;
                bool ok = key && gl_marker_env_set(env, canonical ? canonical : key, eq + 1);
                free(key);
                if (!ok) {
                    gl_marker_env_free(env);
                    gl_error_set(err, GL_ENOMEM, "out of memory");
                    return false;
                }
            }
        } else if (!marker_text) {
            marker_text = argv[i];
        } else {
            usage = true;
        }
    }
    if (usage || (show_env ? marker_text != NULL : marker_text == NULL)) {
        gl_marker_env_free(env);
        gl_error_set(err, GL_EUSAGE,
                     "usage: gpulock debug marker MARKER [--env KEY=VALUE]... | gpulock debug marker --show-env");
        return false;
    }
    if (show_env) {
        for (size_t i = 0; i < gl_marker_env_count(env); i++)
            gl_strbuf_printf(out, "%s%s=%s", i ? "\n" : "", gl_marker_env_key_at(env, i),
                             gl_marker_env_value_at(env, i));
        gl_marker_env_free(env);
        return true;
    }
    gl_marker *marker = gl_marker_parse(marker_text, strlen(marker_text), env, err);
    int result = marker ? gl_marker_evaluate(marker, env, extra, err) : -1;
    if (result >= 0)
        gl_strbuf_puts(out, result ? "true" : "false");
    gl_marker_free(marker);
    gl_marker_env_free(env);
    return result >= 0;
}

static bool verb_requirement(int argc, char **argv, gl_strbuf *out, gl_error *err)
{
    if (argc != 1) {
        gl_error_set(err, GL_EUSAGE, "usage: gpulock debug requirement STRING");
        return false;
    }
    gl_requirement req;
    if (!gl_requirement_parse(&req, argv[0], strlen(argv[0]), err))
        return false;
    char *json = gl_requirement_to_json(&req);
    gl_requirement_free(&req);
    if (!json) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    gl_strbuf_puts(out, json);
    free(json);
    return true;
}

static void put_tag_set(gl_strbuf *out, const char *key, char **tags, size_t n)
{
    gl_strbuf_printf(out, "\n%s: ", key);
    for (size_t i = 0; i < n; i++) {
        if (i)
            gl_strbuf_putc(out, '.');
        gl_strbuf_puts(out, tags[i]);
    }
}

/* Prints the parsed filename, one "key: value" a line: name (PEP 503-normalised), version
 * (canonical PEP 440), build, python, abi, platform (tag sets dotted), kind, rank (wheels that
 * fit the target) and compatible. An sdist is compatible whenever it parses: it can be built
 * anywhere. */
static bool verb_wheel(int argc, char **argv, gl_strbuf *out, gl_error *err)
{
    const char *filename = NULL, *python = "3.11", *platform = "manylinux_2_35_x86_64";
    bool usage_ok = true;
    for (int i = 0; i < argc && usage_ok; i++) {
        if (!strcmp(argv[i], "--python") && i + 1 < argc)
            python = argv[++i];
        else if (!strncmp(argv[i], "--python=", 9))
            python = argv[i] + 9;
        else if (!strcmp(argv[i], "--platform") && i + 1 < argc)
            platform = argv[++i];
        else if (!strncmp(argv[i], "--platform=", 11))
            platform = argv[i] + 11;
        else if (!filename && strncmp(argv[i], "--", 2))
            filename = argv[i];
        else
            usage_ok = false;
    }
    if (!filename || !usage_ok) {
        gl_error_set(err, GL_EUSAGE,
                     "usage: gpulock debug wheel FILENAME [--python X.Y[t]] [--platform TAG]");
        return false;
    }
    gl_target target;
    if (!gl_target_init(&target, python, platform, err))
        return false;
    gl_dist_filename f;
    if (!gl_dist_filename_parse(&f, filename, err))
        return false;
    char *version = gl_version_to_string(&f.version);
    gl_strbuf_printf(out, "name: %s\nversion: %s\nbuild: %s", f.normalized_name,
                     version ? version : f.version_text, f.build_tag ? f.build_tag : "");
    free(version);
    put_tag_set(out, "python", f.python_tags, f.npython);
    put_tag_set(out, "abi", f.abi_tags, f.nabi);
    put_tag_set(out, "platform", f.platform_tags, f.nplatform);
    gl_strbuf_printf(out, "\nkind: %s", f.kind == GL_DIST_WHEEL ? "wheel" : "sdist");
    bool compatible = true;
    if (f.kind == GL_DIST_WHEEL) {
        int rank = gl_target_wheel_rank(&target, &f);
        compatible = rank >= 0;
        if (compatible)
            gl_strbuf_printf(out, "\nrank: %d", rank);
    }
    gl_strbuf_printf(out, "\ncompatible: %s", compatible ? "true" : "false");
    gl_dist_filename_free(&f);
    return true;
}

static const struct {
    const char *name;
    debug_verb_fn run;
} debug_verbs[] = {
    {"vercmp", verb_vercmp},
    {"contains", verb_contains},
    {"marker", verb_marker},
    {"requirement", verb_requirement},
    {"wheel", verb_wheel},
};

/* Batch mode keeps one result a line: "key: value" lines become "key=value" pairs joined by
 * single spaces (values never hold spaces or newlines). */
static void one_line(gl_strbuf *out)
{
    if (!out->data || !memchr(out->data, '\n', out->len))
        return;
    size_t j = 0;
    for (size_t i = 0; i < out->len; i++) {
        char c = out->data[i];
        if (c == '\n') {
            out->data[j++] = ' ';
        } else if (c == ':' && i + 1 < out->len && out->data[i + 1] == ' ') {
            out->data[j++] = '=';
            i++;
        } else {
            out->data[j++] = c;
        }
    }
    out->data[j] = '\0';
    out->len = j;
}

static int run_batch(debug_verb_fn run)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    gl_strbuf out = GL_STRBUF_INIT;
    gl_error err;
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        char *fields[64];
        int n = gl_tsv_split(line, fields, 64);
        gl_strbuf_reset(&out);
        gl_error_clear(&err);
        if (run(n, fields, &out, &err)) {
            one_line(&out);
            fputs(gl_strbuf_cstr(&out), stdout);
            fputc('\n', stdout);
        } else {
            printf("error: %s\n", err.message);
        }
    }
    free(line);
    gl_strbuf_free(&out);
    return ferror(stdout) ? GL_EXIT_IO : GL_EXIT_OK;
}

static void debug_usage(FILE *f)
{
    fputs("usage: gpulock debug <check> ARGS... | gpulock debug <check> -\n"
          "  vercmp A B                            prints -1, 0 or 1\n"
          "  contains SPEC VERSION [--pre]         prints true or false\n"
          "  marker MARKER [--env KEY=VALUE]...    prints true or false (--show-env: the defaults)\n"
          "  requirement STRING                    prints the parsed requirement as JSON\n"
          "  wheel FILENAME [--python X.Y] [--platform TAG]\n"
          "                                        prints name, version, build, python, abi,\n"
          "                                        platform, kind, rank, compatible as\n"
          "                                        'key: value' lines (defaults: 3.11,\n"
          "                                        manylinux_2_35_x86_64; sdists: compatible)\n"
          "With '-' as the only argument, cases are read from standard input, one a line,\n"
          "arguments separated by TAB; a multi-line result prints as one line of\n"
          "space-separated key=value pairs.\n",
          f);
}

int gl_cmd_debug(int argc, char **argv)
{
    if (argc < 2) {
        debug_usage(stderr);
        return GL_EXIT_INPUT;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        debug_usage(stdout);
        return GL_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof debug_verbs / sizeof debug_verbs[0]; i++) {
        if (strcmp(argv[1], debug_verbs[i].name))
            continue;
        if (argc == 3 && !strcmp(argv[2], "-"))
            return run_batch(debug_verbs[i].run);
        gl_strbuf out = GL_STRBUF_INIT;
        gl_error err;
        gl_error_clear(&err);
        int rc = GL_EXIT_OK;
        if (debug_verbs[i].run(argc - 2, argv + 2, &out, &err))
            printf("%s\n", gl_strbuf_cstr(&out));
        else
            rc = gl_cli_report(&err);
        gl_strbuf_free(&out);
        return rc;
    }
    fprintf(stderr, "gpulock: unknown debug check '%s'\n", argv[1]);
    debug_usage(stderr);
    return GL_EXIT_INPUT;
}
