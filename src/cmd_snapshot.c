/* cmd_snapshot.c — the 'snapshot' verb: crawl indexes (or copy a snapshot, verified) into a
 * self-contained snapshot directory that any command reads back with --snapshot DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "crawl.h"
#include "reqfile.h"
#include "snapshot.h"
#include "strbuf.h"

static const char snapshot_usage[] =
    "usage: gpulock snapshot [--index-url URL] [--extra-index-url URL]...\n"
    "                        [-r requirements.in]... [--all-projects] [PACKAGE...] -o DIR\n"
    "       gpulock snapshot --snapshot SRC -o DIR\n"
    "       gpulock snapshot --check [--snapshot SRC] [--index NAME]... [--timing]\n"
    "Crawls the transitive closure of the packages (every version of every project reached,\n"
    "through each version's metadata) and writes it to DIR, atomically.\n"
    "  --index-url URL          the first index (replaces PyPI)\n"
    "  --extra-index-url URL    a later index; a project found on an earlier one is never\n"
    "                           looked up on a later one (torch, torchvision, torchaudio:\n"
    "                           PyTorch indexes only)\n"
    "                           URL may be FETCH_URL=PUBLIC_URL: crawl FETCH_URL (a mirror) but\n"
    "                           record every URL under PUBLIC_URL\n"
    "  -r FILE                  take the root packages from a requirements file\n"
    "  --all-projects           take every project the indexes' root pages list\n"
    "  --snapshot SRC           no network: verify snapshot SRC and write a copy to DIR\n"
    "  -o DIR                   the snapshot directory to write\n"
    "  --check                  load SRC (default: the embedded snapshot) into a package pool\n"
    "                           through the .solv cache, and print what it holds\n"
    "  --index NAME             with --check: only this index (\"pypi\", \"cu128\"; repeatable)\n"
    "  --timing                 with --check: print how long loading took, on stderr\n"
    "  --offline                use only the download cache, never the network\n"
    "  --cache-dir DIR          the download cache (default $XDG_CACHE_HOME/gpulock)\n"
    "  --no-cache               neither read nor write the download cache\n"
    "  -q, --quiet              no progress or summary on stderr\n";

typedef struct snapshot_args {
    gl_index_set indexes;
    gl_reqfile roots;
    const char *output;
    const char *from_snapshot;
    const char *cache_dir;
    const char *index_names[64];
    size_t nindex_names;
    bool check, timing;
    bool offline, no_cache;
    bool all_projects;
    bool quiet;
} snapshot_args;

static bool parse_args(snapshot_args *a, int argc, char **argv, gl_error *err)
{
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        bool takes_value = !strcmp(arg, "--index-url") || !strcmp(arg, "--extra-index-url") ||
                           !strcmp(arg, "-r") || !strcmp(arg, "--requirement") || !strcmp(arg, "-o") ||
                           !strcmp(arg, "--output") || !strcmp(arg, "--snapshot") ||
                           !strcmp(arg, "--cache-dir") || !strcmp(arg, "--index");
        if (takes_value) {
            if (i + 1 >= argc) {
                gl_error_set(err, GL_EUSAGE, "%s needs a value", arg);
                return false;
            }
            value = argv[++i];
        }
        if (!strcmp(arg, "--index-url") || !strcmp(arg, "--extra-index-url")) {
            if (!gl_index_set_add(&a->indexes, value, !strcmp(arg, "--index-url"), err))
                return false;
        } else if (!strcmp(arg, "-r") || !strcmp(arg, "--requirement")) {
            if (!gl_reqfile_read(&a->roots, value, false, err))
                return false;
        } else if (!strcmp(arg, "-o") || !strcmp(arg, "--output")) {
            a->output = value;
        } else if (!strcmp(arg, "--snapshot")) {
            a->from_snapshot = value;
        } else if (!strcmp(arg, "--cache-dir")) {
            a->cache_dir = value;
        } else if (!strcmp(arg, "--index")) {
            if (a->nindex_names == sizeof a->index_names / sizeof a->index_names[0]) {
                gl_error_set(err, GL_EUSAGE, "too many --index options");
                return false;
            }
            a->index_names[a->nindex_names++] = value;
        } else if (!strcmp(arg, "--check")) {
            a->check = true;
        } else if (!strcmp(arg, "--timing")) {
            a->timing = true;
        } else if (!strcmp(arg, "--offline")) {
            a->offline = true;
        } else if (!strcmp(arg, "--no-cache")) {
            a->no_cache = true;
        } else if (!strcmp(arg, "--all-projects")) {
            a->all_projects = true;
        } else if (!strcmp(arg, "-q") || !strcmp(arg, "--quiet")) {
            a->quiet = true;
        } else if (arg[0] == '-') {
            gl_error_set(err, GL_EUSAGE, "unknown option '%s' (see gpulock snapshot --help)", arg);
            return false;
        } else if (!gl_reqfile_add_requirement(&a->roots, arg, err)) {
            return false;
        }
    }
    if (a->check) {
        if (a->output || a->indexes.count || a->roots.count || a->all_projects) {
            gl_error_set(err, GL_EUSAGE, "snapshot --check takes only --snapshot, --index, --cache-dir, --timing");
            return false;
        }
        return true;
    }
    if (!a->output) {
        gl_error_set(err, GL_EUSAGE, "snapshot: -o DIR is required");
        return false;
    }
    if (a->from_snapshot && (a->indexes.count || a->roots.count || a->all_projects)) {
        gl_error_set(err, GL_EUSAGE, "snapshot: --snapshot copies a whole snapshot; it takes no index or package");
        return false;
    }
    if (a->offline && a->no_cache) {
        gl_error_set(err, GL_EUSAGE, "snapshot: --offline needs the cache; drop --no-cache");
        return false;
    }
    if (!a->from_snapshot && !a->roots.count && !a->all_projects) {
        gl_error_set(err, GL_EUSAGE, "snapshot: name the packages to crawl (PACKAGE..., -r FILE or --all-projects)");
        return false;
    }
    /* Index lines of the requirements file count as if given on the command line. */
    if (!a->from_snapshot && a->roots.index_url && !a->indexes.has_primary &&
        !gl_index_set_add(&a->indexes, a->roots.index_url, true, err))
        return false;
    for (size_t i = 0; !a->from_snapshot && i < a->roots.extra_index_count; i++)
        if (!gl_index_set_add(&a->indexes, a->roots.extra_index_urls[i], false, err))
            return false;
    return a->from_snapshot || gl_index_set_finish(&a->indexes, err);
}

static void print_summary(const gl_snapshot *snap, const char *dir)
{
    size_t unavailable = 0;
    for (size_t i = 0; i < snap->nmetadata; i++)
        unavailable += snap->metadata[i].source == GL_METADATA_UNAVAILABLE;
    fprintf(stderr, "gpulock: wrote snapshot %s: %zu pages, %zu releases (%zu without metadata), from",
            dir, snap->npages, snap->nmetadata, unavailable);
    for (size_t i = 0; i < snap->indexes.count; i++)
        fprintf(stderr, "%s %s", i ? "," : "", snap->indexes.items[i].url);
    fputc('\n', stderr);
}

/* Roots that no index has: a warning here (a snapshot may well hold fewer projects). */
static void warn_missing_roots(const gl_snapshot *snap, const gl_reqfile *roots)
{
    for (size_t i = 0; i < roots->count; i++)
        if (!gl_snapshot_has_project(snap, roots->entries[i].req.normalized_name))
            fprintf(stderr, "gpulock: warning: project '%s' not found on any index\n",
                    roots->entries[i].req.name);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* --check: what compile would load, loaded the same way (the .solv cache included). */
static bool check(const snapshot_args *a, gl_error *err)
{
    char *dir = a->from_snapshot ? strdup(a->from_snapshot) : gl_snapshot_default_dir(err);
    if (!dir)
        return false;
    gl_pool *pool = NULL;
    double start = now_ms();
    bool ok = gl_snapshot_load_into_pool(dir, a->no_cache ? "" : a->cache_dir,
                                         a->nindex_names ? a->index_names : NULL, a->nindex_names, &pool, err);
    double elapsed = now_ms() - start;
    if (ok) {
        printf("snapshot %s: %zu releases, %zu files\n", dir, gl_pool_release_count(pool),
               gl_pool_file_count(pool));
        if (a->timing)
            fprintf(stderr, "gpulock: loading the snapshot took %.2f ms\n", elapsed);
        gl_pool_free(pool);
    }
    free(dir);
    return ok;
}

static bool run(snapshot_args *a, gl_snapshot *snap, gl_error *err)
{
    if (a->check)
        return check(a, err);
    if (a->from_snapshot)
        return gl_snapshot_read(snap, a->from_snapshot, err) && gl_snapshot_write(snap, a->output, err);
    gl_fetch_options fopts;
    gl_fetch_options_default(&fopts);
    fopts.progress = !a->quiet;
    gl_fetcher *fetcher = a->offline ? NULL : gl_fetcher_new(&fopts, err);
    bool ok = a->offline || fetcher != NULL;
    gl_cache *cache = NULL;
    if (ok && !a->no_cache) {
        gl_cache_options cache_opts = {.dir = a->cache_dir, .offline = a->offline};
        cache = gl_cache_open(&cache_opts, fetcher, err);
        ok = cache != NULL;
    }
    gl_crawl_options copts = {
        .indexes = &a->indexes,
        .cache = cache,
        .fetcher = fetcher,
        .follow_requirements = true,
        .for_snapshot = true,
        .progress = !a->quiet,
    };
    char **names = NULL;
    size_t nnames = 0;
    if (ok && a->all_projects)
        ok = gl_crawl_list_projects(&copts, &names, &nnames, err);
    const char **roots = NULL;
    size_t nroots = 0;
    if (ok) {
        roots = calloc(nnames + a->roots.count + 1, sizeof *roots);
        ok = roots != NULL;
        if (!ok)
            gl_error_set(err, GL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; ok && i < nnames; i++)
        roots[nroots++] = names[i];
    for (size_t i = 0; ok && i < a->roots.count; i++)
        roots[nroots++] = a->roots.entries[i].req.normalized_name;
    ok = ok && gl_crawl(&copts, roots, nroots, snap, err);
    if (ok && !a->quiet)
        warn_missing_roots(snap, &a->roots);
    /* Written only after the whole crawl succeeded: a failed crawl leaves DIR as it was. */
    ok = ok && gl_snapshot_write(snap, a->output, err);
    free(roots);
    gl_crawl_names_free(names, nnames);
    if (cache)
        gl_cache_free(cache);
    if (fetcher)
        gl_fetcher_free(fetcher);
    return ok;
}

int gl_cmd_snapshot(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
            fputs(snapshot_usage, stdout);
            return GL_EXIT_OK;
        }
    snapshot_args a = {.indexes = GL_INDEX_SET_INIT};
    gl_reqfile_init(&a.roots);
    gl_snapshot snap;
    gl_snapshot_init(&snap);
    gl_error err;
    gl_error_clear(&err);
    int rc = GL_EXIT_OK;
    if (!parse_args(&a, argc, argv, &err)) {
        rc = gl_cli_report(&err);
        if (err.code == GL_EUSAGE)
            fputs(snapshot_usage, stderr);
    } else if (!run(&a, &snap, &err)) {
        rc = gl_cli_report(&err);
    } else if (!a.quiet && !a.check) {
        print_summary(&snap, a.output);
    }
    gl_snapshot_free(&snap);
    gl_reqfile_free(&a.roots);
    gl_index_set_free(&a.indexes);
    return rc;
}
