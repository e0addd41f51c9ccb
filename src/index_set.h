/* index_set.h — the package indexes a run consults, in priority order, as pip spells them
 * (--index-url replaces the default, --extra-index-url adds later ones), with the rule that
 * decides which indexes may answer for a project (first-index, and the PyTorch pin). */
#ifndef GL_INDEX_SET_H
#define GL_INDEX_SET_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define GL_INDEX_PYPI_URL "https://pypi.org/simple"

typedef struct gl_index {
    char *url;       /* public URL (what users see, what the lockfile names), no trailing '/' */
    char *fetch_url; /* where pages are really fetched (a mirror standing for url), no '/' */
    char *name;      /* short label: "pypi", a PyTorch tag such as "cu128", or the host */
    int priority;    /* 0 = consulted first */
    bool pytorch;    /* a PyTorch wheel index (…/whl or …/whl/<tag>) */
} gl_index;

typedef struct gl_index_set {
    gl_index *items; /* sorted by priority */
    size_t count;
    bool has_primary; /* --index-url was given (the default PyPI index is then gone) */
} gl_index_set;

#define GL_INDEX_SET_INIT {NULL, 0, false}

/* Adds an index from a command-line value. `spec` is "URL" or "FETCH_URL=PUBLIC_URL": pages
 * are then fetched from FETCH_URL, but every URL recorded or printed is rewritten to
 * PUBLIC_URL (how the embedded snapshot's loopback mirror stands for the real indexes).
 * primary=true is --index-url: it takes priority 0 (at most once); extras follow in order. */
bool gl_index_set_add(gl_index_set *set, const char *spec, bool primary, gl_error *err);
/* Adds an index with explicit fields (used when reading a snapshot manifest). */
bool gl_index_set_add_raw(gl_index_set *set, const char *url, const char *fetch_url,
                          const char *name, int priority, gl_error *err);
/* Without any --index-url, PyPI is the first index; call once all options are read. */
bool gl_index_set_finish(gl_index_set *set, gl_error *err);
void gl_index_set_free(gl_index_set *set);

const gl_index *gl_index_set_find_url(const gl_index_set *set, const char *url);
const gl_index *gl_index_set_find_name(const gl_index_set *set, const char *name);

/* The torch family (torch, torchvision, torchaudio: the packages whose local-version builds,
 * "+cu128", are the CUDA variant): when the set holds a PyTorch index, these come from PyTorch
 * indexes only (never from PyPI). */
bool gl_index_project_is_torch_family(const char *normalized_project);
/* triton, pytorch-triton, xformers and the nvidia-* runtime wheels: read from the PyTorch
 * indexes that host them AND from the first other index that has them, merged, as pip merges
 * indexes: a PyTorch subindex often hosts an older subset (cu128 lists triton 3.3 while torch
 * 2.9.0+cu128 needs 3.5), and its files often lack the digests PyPI publishes for the same
 * wheels, which a hashed lock needs. These projects come from the same publishers on both. */
bool gl_index_project_prefers_pytorch(const char *normalized_project);

/* How the crawl looks a project up (indices into set->items, in priority order). First every
 * index in `all` is read (the torch family over each PyTorch subindex: every one stays
 * addressable by its tag). If none of them has the project, the indexes in `first` are asked
 * one after the other and the first that has a page wins: a later index never shadows an
 * earlier one (uv's first-index rule against dependency confusion). */
typedef struct gl_index_lookup {
    size_t all[64];
    size_t nall;
    size_t first[64];
    size_t nfirst;
    bool merge; /* ask `first` even when an index in `all` has the project (hosted projects) */
} gl_index_lookup;

void gl_index_set_lookup(const gl_index_set *set, const char *normalized_project,
                         gl_index_lookup *out);
/* The same for a snapshot, which must serve any subset of its indexes later: a pinned project
 * is also looked up, first-index, on the other indexes (a PyPI-only selection still finds
 * torch there), and nvidia-* on the others even when a PyTorch index has it. Loading a
 * selection of a snapshot's indexes applies the pin again (gl_snapshot_feed_pool). */
void gl_index_set_lookup_for_snapshot(const gl_index_set *set, const char *normalized_project,
                                      gl_index_lookup *out);


/* Public URL <-> fetch URL, by longest matching index prefix; the result is malloc'ed.
 * A URL under no index is copied unchanged. NULL only when memory runs out. */
char *gl_index_set_to_fetch_url(const gl_index_set *set, const char *public_url);
char *gl_index_set_to_public_url(const gl_index_set *set, const char *fetch_url);

#endif
