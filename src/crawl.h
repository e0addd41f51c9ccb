/* crawl.h — gathers the package data a resolution needs: from root project names, reads the
 * project pages of an index set in parallel batches (breadth-first by dependency layer), one
 * core-metadata file per release, and follows every Requires-Dist to the transitive closure.
 * The result is a gl_snapshot in memory; it feeds a gl_pool, and can be written to disk. */
#ifndef GL_CRAWL_H
#define GL_CRAWL_H

#include <stdbool.h>
#include <stddef.h>

#include "cache.h"
#include "error.h"
#include "fetch.h"
#include "index_set.h"
#include "pool.h"
#include "snapshot.h"

typedef struct gl_crawl_options {
    const gl_index_set *indexes; /* finished (gl_index_set_finish) */
    gl_cache *cache;             /* every transfer goes through it when set (offline too) */
    gl_fetcher *fetcher;         /* used directly when cache is NULL */
    bool follow_requirements;    /* the transitive closure through Requires-Dist (all extras,
                                    all markers); false reads just the roots */
    bool for_snapshot;           /* look pinned projects up on every index too, so that any
                                    selection of the indexes can be loaded later */
    bool progress;               /* "crawl: layer 2, 35 projects…" lines on stderr */
} gl_crawl_options;

/* Crawls from roots (any spelling; normalised here) into out (fresh from gl_snapshot_init).
 * A project no index has is recorded as missing, not an error: check gl_snapshot_has_project
 * for the roots when that matters. Errors: a page or metadata transfer that failed after
 * retries (GL_ENET), a metadata file that does not match the digest its page announced
 * (GL_EDIGEST, naming the page and the file), an unparsable page (GL_EINVAL). */
bool gl_crawl(const gl_crawl_options *opts, const char *const *roots, size_t nroots,
              gl_snapshot *out, gl_error *err);

/* Every project the indexes' root pages list (normalised, sorted, deduplicated), malloc'd
 * array of malloc'd strings; free with gl_crawl_names_free. */
bool gl_crawl_list_projects(const gl_crawl_options *opts, char ***names, size_t *count,
                            gl_error *err);
void gl_crawl_names_free(char **names, size_t count);

/* Adds the files and metadata of snap to pool. index_names selects indexes by name ("pypi",
 * "cu128"); NULL takes them all. The PyTorch pin holds within the selection: while a selected
 * PyTorch index is in use, torch-family pages of other indexes are left out, and so are their
 * pages of PyTorch-hosted projects (triton, xformers, nvidia-*) that a selected PyTorch index
 * lists. Files whose names cannot be
 * parsed are skipped. */
bool gl_snapshot_feed_pool(const gl_snapshot *snap, gl_pool *pool, const char *const *index_names,
                           size_t nindex_names, gl_error *err);

/* Loads snapshot directory dir into a new pool (*out; the caller frees it). With cache_dir
 * (NULL: $XDG_CACHE_HOME/gpulock or ~/.cache/gpulock; "" disables the cache) the parsed pool is
 * kept in libsolv's .solv format under cache_dir/solv/, keyed by the sha256 of the manifest,
 * gpulock's version and index_names: a later run over the same snapshot loads that instead of
 * parsing pages and metadata. A corrupt or stale .solv is ignored and rebuilt. */
bool gl_snapshot_load_into_pool(const char *dir, const char *cache_dir,
                                const char *const *index_names, size_t nindex_names,
                                gl_pool **out, gl_error *err);

#endif
