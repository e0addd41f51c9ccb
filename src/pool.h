/* pool.h — the package catalog the solver works on: every distribution file the indexes list and
 * every release's core metadata, kept in a libsolv pool (and its .solv cache), specialised per
 * target (Python version, platform, markers) on demand. PEP 440 order and matching stay ours. */
#ifndef GL_POOL_H
#define GL_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct gl_strbuf;

struct gl_target;     /* tags.h */
struct gl_marker_env; /* marker.h */

typedef struct gl_pool gl_pool;

/* One distribution file as an index lists it. Strings are copied; NULL means unknown. */
typedef struct gl_pool_file {
    const char *project;         /* any spelling; normalised (PEP 503) internally */
    const char *filename;        /* wheel or sdist file name; the version is read from it */
    const char *url;             /* absolute URL */
    const char *sha256;          /* 64 hex digits, or NULL: never invented */
    const char *requires_python; /* the index's data-requires-python, or NULL */
    bool yanked;
    const char *yanked_reason;   /* or NULL */
    const char *upload_time;     /* ISO 8601 as the index gives it, or NULL */
    const char *index_url;       /* the index that listed it (NULL for a direct URL) */
    int index_priority;          /* lower = consulted first (--index-url 0, extras 1, 2, …) */
} gl_pool_file;

/* A release's core metadata (METADATA / PKG-INFO). Arrays of strings are copied. */
typedef struct gl_pool_metadata {
    const char *project;
    const char *version;         /* any PEP 440 spelling of the release's version */
    const char *requires_python; /* or NULL */
    const char *const *requires_dist; /* PEP 508 strings, markers included */
    size_t nrequires_dist;
    const char *const *provides_extra;
    size_t nprovides_extra;
} gl_pool_metadata;

gl_pool *gl_pool_new(gl_error *err);
void gl_pool_free(gl_pool *pool);

/* Adds a file listed by an index. Fails (GL_EINVAL) on an unparsable file name or version;
 * the caller may skip that file and go on. Adding the same URL twice keeps the first. */
bool gl_pool_add_file(gl_pool *pool, const gl_pool_file *file, gl_error *err);
/* Adds the file a direct reference names ("name @ https://…/x.whl"): it becomes a release of
 * its own, the only one a requirement with that exact URL selects (other requirements on the
 * project may select it too, so they meet on one pin). index_url is ignored. */
bool gl_pool_add_direct_file(gl_pool *pool, const gl_pool_file *file, gl_error *err);
/* Sets the core metadata of every release of (project, version), direct ones included. */
bool gl_pool_set_metadata(gl_pool *pool, const gl_pool_metadata *meta, gl_error *err);
/* Records that a release's metadata could not be had: the release can never be chosen, and
 * explanations quote the reason ("metadata of X 1.2 unavailable: <reason>"). */
bool gl_pool_set_metadata_unavailable(gl_pool *pool, const char *project, const char *version,
                                      const char *reason, gl_error *err);

/* Counts, for progress messages and tests. */
size_t gl_pool_release_count(const gl_pool *pool);
size_t gl_pool_file_count(const gl_pool *pool);

/* The .solv cache of the raw (target-independent) catalog, in libsolv's own format. The caller
 * chooses the path (e.g. from a digest of the snapshot) and passes that digest as `key`: loading
 * fails with GL_ENOTFOUND when the file is absent or was written for another key. Loading
 * requires an empty pool (fresh from gl_pool_new). Requirement strings are parsed only when
 * gl_pool_prepare reaches their project. */
bool gl_pool_write_cache(gl_pool *pool, const char *path, const char *key, gl_error *err);
bool gl_pool_load_cache(gl_pool *pool, const char *path, const char *key, gl_error *err);

/* What a target specialisation needs besides the roots. */
typedef struct gl_pool_options {
    bool allow_pre;         /* --pre: pre-releases are candidates everywhere */
    bool allow_sdist;       /* sdist-only releases are candidates (ranked after wheels); default true */
    bool first_index_only;  /* a project comes only from the first index (lowest priority number)
                               that lists it, as uv does. Off by default: the crawl already applies
                               the index policy (index_set.h) to what it feeds, so the pool merges
                               whatever it was given, as pip merges its indexes */
} gl_pool_options;

#define GL_POOL_OPTIONS_DEFAULT {false, true, false}

/* ---- Target specialisation: used by solver.c and explain.c, and by tests. ----
 * gl_pool_prepare makes the candidates for one target: for every project reachable from the
 * roots (through Requires-Dist whose markers hold for the target) one candidate per installable
 * release, in PEP 440 order, plus one per (release, extra) asked for. A release that cannot be a
 * candidate keeps the reason, for explanations. Preparing again (another target) starts over. */
typedef struct gl_pool_constraint {
    const char *requirement; /* PEP 508 text; its marker is evaluated, its extras ignored */
    const char *source;      /* "-c constraints.txt", for explanations */
} gl_pool_constraint;

bool gl_pool_prepare(gl_pool *pool, const struct gl_target *target,
                     const struct gl_marker_env *env, const gl_pool_options *options,
                     const char *const *root_requirements, size_t nroots,
                     const gl_pool_constraint *constraints, size_t nconstraints, gl_error *err);

/* ---- Candidates, for solver.c and explain.c (valid until the next gl_pool_prepare) ----
 * Numbers below are libsolv solvable and dependency ids. */
struct s_Pool;
struct s_Queue;

struct s_Pool *gl_pool_solv(gl_pool *pool);
/* Appends to deps the dependencies that one requirement stands for (the project, plus one per
 * extra); appends nothing when its marker is false for the target. */
bool gl_pool_requirement_deps(gl_pool *pool, const char *requirement, struct s_Queue *deps,
                              gl_error *err);
/* Lets libsolv see, for every requirement reachable from roots (dependencies), only its `window`
 * newest matching candidates, plus the releases of the candidates in keep (0: everything). With
 * hundreds of versions per project this keeps the problem small; *cut says whether anything was
 * left out, i.e. whether a failure must be retried with a wider window. */
void gl_pool_set_window(gl_pool *pool, size_t window, const struct s_Queue *roots,
                        const struct s_Queue *keep, bool *cut);
/* A dependency nothing provides. libsolv treats an install job on an empty namespace dependency
 * as satisfied (its "namespace supplements" convention), so such a job asks for this instead. */
int gl_pool_nothing_dep(const gl_pool *pool);

typedef struct gl_candidate_file {
    const char *filename, *url, *sha256; /* sha256 NULL when unknown */
    bool yanked;
    bool compatible; /* installable on the target (a compatible wheel, or an allowed sdist) */
} gl_candidate_file;

typedef struct gl_candidate {
    const char *name;         /* normalised project name */
    const char *display_name;
    const char *version;      /* canonical PEP 440 text */
    const char *extra;        /* NULL for the project itself */
    bool extra_declared;      /* the release lists the extra in Provides-Extra */
    const char *direct_url;   /* NULL unless a direct-reference release */
    const gl_candidate_file *files; /* best first */
    size_t nfiles;
} gl_candidate;

/* False when id is not a candidate of the prepared target. out->files stays valid until the
 * next call (it is scratch space of the pool); the strings until the next gl_pool_prepare. */
bool gl_pool_candidate(const gl_pool *pool, int solvable, gl_candidate *out);
/* The candidate of a release (extra NULL for the project itself), or 0. */
int gl_pool_find_candidate(const gl_pool *pool, const char *project, const char *version,
                           const char *extra);
/* Every candidate (the project and each of its extras) of the release of solvable. */
void gl_pool_release_candidates(const gl_pool *pool, int solvable, struct s_Queue *out);

/* "transformers>=4.55.0" for a requirement dependency, "unsloth==2025.3.1" for an extra's
 * link to its project; NULL for anything else. */
const char *gl_pool_dep_text(const gl_pool *pool, int dep);
/* Normalised project name a dependency is about ("unsloth" for "unsloth[colab]>=1"), or NULL. */
const char *gl_pool_dep_project(const gl_pool *pool, int dep);
/* "trl 0.21.0", "unsloth[colab] 2025.3.1". */
void gl_pool_describe(const gl_pool *pool, int solvable, struct gl_strbuf *out);
/* Why no candidate satisfies dep: one line per release that matches it but cannot be used
 * ("no file of torch 2.4.1+cu121 supports Python 3.13 on win_amd64"), or what exists. */
void gl_pool_explain_dep(const gl_pool *pool, int dep, struct gl_strbuf *out);
/* "Python 3.11 on manylinux_2_35_x86_64". */
const char *gl_pool_target_description(const gl_pool *pool);

#endif
