#include "cli_inputs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "core_metadata.h"
#include "crawl.h"
#include "digest.h"
#include "fetch.h"
#include "lazy_wheel.h"
#include "marker.h"
#include "snapshot.h"
#include "wheel_filename.h"
#include "strbuf.h"
#include "tags.h"
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
    gl_index_set init_set = GL_INDEX_SET_INIT;
    in->indexes = init_set;
    in->python = "3.11";
    in->platform = "manylinux_2_35_x86_64";
    in->annotate = true;
    in->header = true;
    gl_reqfile_init(&in->requirements);

    gl_strbuf cmd = GL_STRBUF_INIT;
    gl_strbuf_printf(&cmd, "gpulock %s", verb);
    for (int i = 1; i < argc; i++) {
        /* The regenerating command never carries credentials. */
        char *shown = gl_url_redact(argv[i]);
        gl_strbuf_putc(&cmd, ' ');
        append_shell_word(&cmd, shown ? shown : argv[i]);
        free(shown);
    }
    bool ok = true;
    for (int i = 1; ok && i < argc; i++) {
        const char *a = argv[i];
        const char *v = NULL;
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
        } else if (!strcmp(a, "--refresh")) {
            in->refresh = true;
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
    if (ok && in->index_url)
        ok = gl_index_set_add(&in->indexes, in->index_url, true, err);
    for (size_t i = 0; ok && i < in->nextra_index_urls; i++)
        ok = gl_index_set_add(&in->indexes, in->extra_index_urls[i], false, err);
    if (ok)
        ok = gl_index_set_finish(&in->indexes, err);
    if (!ok && err && err->code == GL_OK)
        gl_error_set(err, GL_ENOMEM, "out of memory");
    return ok;
}

bool gl_cli_inputs_lock_indexes(const gl_cli_inputs *in, gl_lock *lock)
{
    const gl_index_set *set = &in->indexes;
    if (set->count == 1 && !strcmp(set->items[0].url, GL_INDEX_PYPI_URL))
        return true;
    for (size_t i = 0; i < set->count; i++) {
        char *url = gl_url_redact(set->items[i].url);
        if (!url)
            return false;
        bool ok = true;
        if (i == 0)
            lock->index_url = url;
        else {
            ok = gl_lock_add_extra_index_url(lock, url);
            free(url);
        }
        if (!ok)
            return false;
    }
    return true;
}

void gl_cli_inputs_free(gl_cli_inputs *in)
{
    gl_reqfile_free(&in->requirements);
    gl_index_set_free(&in->indexes);
    free((void *)in->extra_index_urls);
    free((void *)in->upgrade_packages);
    free(in->command_line);
    memset(in, 0, sizeof *in);
}

static void set_marker_value(void *ctx, const char *key, const char *value)
{
    gl_marker_env_set(ctx, key, value);
}

/* The marker environment of the target: the default one with every variable the target
 * determines replaced. */
static gl_marker_env *target_marker_env(const gl_target *target)
{
    gl_marker_env *env = gl_marker_env_new_default();
    if (env)
        gl_target_marker_values(target, set_marker_value, env);
    return env;
}

/* An existing output file's pins are preferred (pip-compile keeps them while valid). */
static bool prefer_existing_pins(const gl_cli_inputs *in, gl_request *req, gl_error *err)
{
    if (!in->output || in->upgrade_all || access(in->output, F_OK) != 0)
        return true;
    gl_reqfile old;
    gl_reqfile_init(&old);
    gl_error ignored;
    if (!gl_reqfile_read(&old, in->output, false, &ignored)) {
        /* An unreadable previous lock only loses the preference, as pip-compile does. */
        fprintf(stderr, "gpulock: warning: ignoring the pins of %s: %s\n", in->output, ignored.message);
        gl_reqfile_free(&old);
        return true;
    }
    bool ok = true;
    for (size_t i = 0; ok && i < old.count; i++) {
        const gl_requirement *r = &old.entries[i].req;
        if (r->url || r->specifier.count != 1 || r->specifier.items[0].op != GL_OP_EQ)
            continue;
        ok = gl_request_prefer(req, r->normalized_name, r->specifier.items[0].text, err);
    }
    gl_reqfile_free(&old);
    return ok;
}

static gl_request *build_request(const gl_cli_inputs *in, gl_error *err)
{
    gl_request *req = gl_request_new();
    if (!req) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return NULL;
    }
    gl_pool_options options = GL_POOL_OPTIONS_DEFAULT;
    options.allow_pre = in->pre;
    gl_request_set_options(req, &options);
    gl_request_upgrade_all(req, in->upgrade_all);
    bool ok = true;
    for (size_t i = 0; ok && i < in->requirements.count; i++) {
        const gl_reqfile_entry *e = &in->requirements.entries[i];
        const char *source = e->origin ? e->origin : "command line";
        ok = e->constraint ? gl_request_constrain(req, e->text, source, err)
                           : gl_request_require(req, e->text, source, err);
        if (!ok)
            gl_error_prefix(err, "%s: ", e->location);
    }
    for (size_t i = 0; ok && i < in->nupgrade_packages; i++)
        ok = gl_request_upgrade(req, in->upgrade_packages[i], err);
    if (ok)
        ok = prefer_existing_pins(in, req, err);
    if (!ok) {
        gl_request_free(req);
        return NULL;
    }
    return req;
}

/* The snapshot's names for the indexes asked for, in the order asked; false when the snapshot
 * lacks one of them (then *missing names it). */
static bool snapshot_index_names(const gl_snapshot *snap, const gl_index_set *want, const char **names,
                                 const char **missing)
{
    for (size_t i = 0; i < want->count; i++) {
        const gl_index *ix = gl_index_set_find_url(&snap->indexes, want->items[i].url);
        if (!ix) {
            *missing = want->items[i].url;
            return false;
        }
        names[i] = ix->name;
    }
    return true;
}

/* dir is NULL for the embedded snapshot: where it sits differs between machines, and the
 * header must not (lockfiles are byte-for-byte reproducible). */
static char *describe_snapshot(const char *dir, const gl_snapshot *snap)
{
    gl_strbuf b = GL_STRBUF_INIT;
    if (dir)
        gl_strbuf_printf(&b, "snapshot %s", dir);
    else
        gl_strbuf_puts(&b, "gpulock's embedded snapshot");
    gl_strbuf_printf(&b, " (crawled %s)", snap->created ? snap->created : "?");
    return gl_strbuf_detach(&b);
}

/* Reads a snapshot's manifest-level facts (indexes, crawl time) without its pages. */
static gl_pool *pool_from_snapshot(const gl_cli_inputs *in, const char *dir, bool embedded,
                                   bool must_cover, bool *covered, char **source_description,
                                   gl_error *err)
{
    *covered = false;
    gl_snapshot snap;
    gl_snapshot_init(&snap);
    if (!gl_snapshot_read_header(&snap, dir, err)) {
        gl_snapshot_free(&snap);
        return NULL;
    }
    const char **names = calloc(in->indexes.count ? in->indexes.count : 1, sizeof *names);
    const char *missing = NULL;
    gl_pool *pool = NULL;
    if (!names) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
    } else if (!snapshot_index_names(&snap, &in->indexes, names, &missing)) {
        if (must_cover)
            gl_error_set(err, GL_EUSAGE, "snapshot %s does not hold the index %s", dir, missing);
    } else {
        *covered = true;
        *source_description = describe_snapshot(embedded ? NULL : dir, &snap);
        if (!gl_snapshot_load_into_pool(dir, in->cache_dir, names, in->indexes.count, &pool, err))
            pool = NULL;
    }
    free((void *)names);
    gl_snapshot_free(&snap);
    return pool;
}

static bool has_direct_requirements(const gl_cli_inputs *in)
{
    for (size_t i = 0; i < in->requirements.count; i++)
        if (in->requirements.entries[i].req.url)
            return true;
    return false;
}

/* Appends the project names a direct file's Requires-Dist lines name (crawl roots). */
static void push_dependency_names(const gl_core_metadata *md, char ***names, size_t *n)
{
    for (size_t i = 0; i < md->nrequires_dist; i++) {
        gl_requirement r;
        gl_error ignored;
        if (!gl_requirement_parse(&r, md->requires_dist[i], strlen(md->requires_dist[i]), &ignored))
            continue;
        char **grown = realloc(*names, (*n + 1) * sizeof **names);
        if (grown) {
            *names = grown;
            grown[(*n)++] = strdup(r.normalized_name);
        }
        gl_requirement_free(&r);
    }
}

/* The sha256 of a direct file: the URL's own "#sha256=" fragment, else (only when hashes are
 * asked for, as pip-compile does) the digest of the whole file, downloaded. NULL = unknown. */
static char *direct_file_sha256(const char *url, gl_fetcher *fetcher, bool download, gl_error *err)
{
    const char *hash = strchr(url, '#');
    if (hash && !strncmp(hash + 1, "sha256=", 7) && strlen(hash + 8) == GL_SHA256_HEX_LEN)
        return strdup(hash + 8);
    if (!download || !fetcher)
        return NULL;
    gl_fetch_result res;
    char *hex = NULL;
    if (gl_fetch_url(fetcher, url, &res, err)) {
        hex = malloc(GL_SHA256_HEX_LEN + 1);
        if (hex)
            gl_digest_sha256_hex(res.body.data, res.body.len, hex);
    }
    gl_fetch_result_free(&res);
    return hex;
}

/* "name @ URL" requirements: the file's own METADATA, read with range requests. The names its
 * Requires-Dist mentions are appended to dep_names (when not NULL) for the crawl. */
static bool add_direct_files(const gl_cli_inputs *in, gl_fetcher *fetcher, gl_pool *pool,
                             char ***dep_names, size_t *ndep_names, gl_error *err)
{
    for (size_t i = 0; i < in->requirements.count; i++) {
        const gl_reqfile_entry *e = &in->requirements.entries[i];
        if (!e->req.url)
            continue;
        char *filename = gl_url_filename(e->req.url, err);
        if (!filename)
            return false;
        gl_strbuf text = GL_STRBUF_INIT;
        gl_core_metadata md;
        memset(&md, 0, sizeof md);
        bool ok = fetcher != NULL;
        if (!ok)
            gl_error_set(err, GL_ENOTFOUND, "%s: offline: cannot read the metadata of %s", e->location, e->req.url);
        ok = ok && gl_lazy_wheel_metadata(fetcher, e->req.url, &text, NULL, err);
        ok = ok && gl_core_metadata_parse(&md, gl_strbuf_cstr(&text), text.len, e->req.url, err);
        char *sha256 = NULL;
        if (ok) {
            sha256 = direct_file_sha256(e->req.url, fetcher, in->generate_hashes, err);
            ok = sha256 || !in->generate_hashes || err->code == GL_OK;
        }
        if (ok) {
            gl_pool_file file = {.project = e->req.normalized_name, .filename = filename, .url = e->req.url,
                                 .sha256 = sha256};
            gl_pool_metadata pm = {
                .project = e->req.normalized_name,
                .version = md.version,
                .requires_python = md.requires_python,
                .requires_dist = (const char *const *)md.requires_dist,
                .nrequires_dist = md.nrequires_dist,
                .provides_extra = (const char *const *)md.provides_extra,
                .nprovides_extra = md.nprovides_extra,
            };
            ok = gl_pool_add_direct_file(pool, &file, err) && gl_pool_set_metadata(pool, &pm, err);
            if (ok && dep_names)
                push_dependency_names(&md, dep_names, ndep_names);
        }
        if (!ok)
            gl_error_prefix(err, "%s: ", e->location);
        gl_core_metadata_free(&md);
        gl_strbuf_free(&text);
        free(filename);
        free(sha256);
        if (!ok)
            return false;
    }
    return true;
}

/* "URL, URL, …" of the indexes, credentials redacted: the only form messages may show. */
static void put_index_urls(const gl_index_set *set, gl_strbuf *out)
{
    for (size_t k = 0; k < set->count; k++) {
        char *u = gl_url_redact(set->items[k].url);
        gl_strbuf_printf(out, "%s%s", k ? ", " : "", u ? u : "?");
        free(u);
    }
}

/* Live indexes (through the download cache): crawl from the requirements' names. */
static gl_pool *pool_from_network(const gl_cli_inputs *in, char **source_description, gl_error *err)
{
    gl_fetch_options fopts;
    gl_fetch_options_default(&fopts);
    fopts.progress = !in->quiet;
    gl_fetcher *fetcher = NULL;
    gl_cache *cache = NULL;
    gl_pool *pool = NULL;
    gl_snapshot snap;
    gl_snapshot_init(&snap);
    const char **roots = calloc(in->requirements.count + 1, sizeof *roots);
    size_t nroots = 0;
    char **dep_names = NULL;
    size_t ndep_names = 0;
    bool ok = roots != NULL;
    if (!ok)
        gl_error_set(err, GL_ENOMEM, "out of memory");
    if (ok && !in->offline)
        ok = (fetcher = gl_fetcher_new(&fopts, err)) != NULL;
    if (ok) {
        gl_cache_options copts = {.dir = in->cache_dir, .offline = in->offline};
        ok = (cache = gl_cache_open(&copts, fetcher, err)) != NULL;
    }
    for (size_t i = 0; ok && i < in->requirements.count; i++)
        if (!in->requirements.entries[i].req.url && !in->requirements.entries[i].constraint)
            roots[nroots++] = in->requirements.entries[i].req.normalized_name;
    ok = ok && (pool = gl_pool_new(err)) != NULL;
    ok = ok && add_direct_files(in, fetcher, pool, &dep_names, &ndep_names, err);
    if (ok && ndep_names) {
        const char **grown = realloc((void *)roots, (nroots + ndep_names) * sizeof *roots);
        if (!grown) {
            gl_error_set(err, GL_ENOMEM, "out of memory");
            ok = false;
        } else {
            roots = grown;
        }
    }
    /* Only the requirements' own names must exist; a direct file's dependencies are checked
     * by the solver, which explains what is missing. */
    size_t nchecked = nroots;
    for (size_t i = 0; ok && i < ndep_names; i++)
        if (dep_names[i])
            roots[nroots++] = dep_names[i];
    if (ok) {
        gl_crawl_options copts = {.indexes = &in->indexes, .cache = cache, .fetcher = fetcher,
                                  .follow_requirements = true, .progress = !in->quiet};
        ok = gl_crawl(&copts, roots, nroots, &snap, err);
    }
    for (size_t i = 0; ok && i < nchecked; i++)
        if (!gl_snapshot_has_project(&snap, roots[i])) {
            gl_strbuf where = GL_STRBUF_INIT;
            put_index_urls(&in->indexes, &where);
            /* Nothing can satisfy a requirement on a project no index has: no solution (exit 1). */
            gl_error_set(err, GL_EUNSAT, "no solution: package '%s' was not found on any index (%s)", roots[i],
                         gl_strbuf_cstr(&where));
            gl_strbuf_free(&where);
            ok = false;
        }
    ok = ok && gl_snapshot_feed_pool(&snap, pool, NULL, 0, err);
    if (ok) {
        gl_strbuf d = GL_STRBUF_INIT;
        gl_strbuf_puts(&d, in->offline ? "the download cache of " : "");
        put_index_urls(&in->indexes, &d);
        *source_description = gl_strbuf_detach(&d);
    } else {
        gl_pool_free(pool);
        pool = NULL;
    }
    gl_snapshot_free(&snap);
    gl_cache_free(cache);
    gl_fetcher_free(fetcher);
    free((void *)roots);
    for (size_t i = 0; i < ndep_names; i++)
        free(dep_names[i]);
    free(dep_names);
    return pool;
}

gl_pool *gl_cli_load_pool(gl_cli_inputs *in, char **source_description, gl_error *err)
{
    bool covered = false;
    gl_pool *pool = NULL;
    if (in->snapshot) {
        pool = pool_from_snapshot(in, in->snapshot, false, true, &covered, source_description, err);
    } else if (!in->refresh) {
        gl_error quiet;
        char *dir = gl_snapshot_default_dir(&quiet);
        if (dir)
            pool = pool_from_snapshot(in, dir, true, false, &covered, source_description, err);
        free(dir);
    }
    if (!covered)
        return pool_from_network(in, source_description, err);
    if (pool && has_direct_requirements(in)) {
        /* A snapshot has no direct files: read them (the only network use of such a run). */
        gl_fetch_options fopts;
        gl_fetch_options_default(&fopts);
        gl_fetcher *fetcher = NULL;
        bool ok = in->offline || (fetcher = gl_fetcher_new(&fopts, err)) != NULL;
        ok = ok && add_direct_files(in, fetcher, pool, NULL, NULL, err);
        gl_fetcher_free(fetcher);
        if (!ok) {
            gl_pool_free(pool);
            pool = NULL;
        }
    }
    return pool;
}

gl_solution *gl_cli_solve(gl_cli_inputs *in, char **explanation, char **source_description,
                          gl_error *err)
{
    *explanation = NULL;
    *source_description = NULL;
    gl_target target;
    if (!gl_target_init(&target, in->python, in->platform, err))
        return NULL;
    gl_marker_env *env = target_marker_env(&target);
    gl_pool *pool = NULL;
    gl_request *req = NULL;
    gl_solution *solution = NULL;
    if (!env) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        goto out;
    }
    if (!(req = build_request(in, err)))
        goto out;
    if (!(pool = gl_cli_load_pool(in, source_description, err)))
        goto out;
    solution = gl_solve(pool, &target, env, req, explanation, err);
out:
    gl_request_free(req);
    gl_pool_free(pool);
    gl_marker_env_free(env);
    return solution;
}
