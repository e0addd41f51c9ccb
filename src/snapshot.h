/* snapshot.h — a self-contained offline copy of what a crawl read: index pages, per-release
 * core metadata (content-addressed), the 404s, and a manifest tying each file to its URL and
 * sha256. Held in memory as the crawl's result; written atomically; read back verified. */
#ifndef GL_SNAPSHOT_H
#define GL_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "index_set.h"

#define GL_SNAPSHOT_MANIFEST "manifest.tsv"
#define GL_SNAPSHOT_FORMAT "gpulock-snapshot 1"

/* Where a release's metadata came from. */
typedef enum gl_metadata_source {
    GL_METADATA_PEP658,   /* the index's <file>.metadata (PEP 658/714) */
    GL_METADATA_WHEEL,    /* METADATA read out of the wheel with range requests */
    GL_METADATA_PKG_INFO, /* an sdist's PKG-INFO (Metadata-Version >= 2.2, PEP 643) */
    GL_METADATA_UNAVAILABLE,
} gl_metadata_source;

typedef struct gl_snapshot_page {
    char *index_name; /* gl_index.name of the index that served it */
    char *project;    /* normalised */
    char *url;        /* public URL of the page (ends in '/') */
    char *body;       /* the page as served (NUL-terminated for convenience) */
    size_t len;
    char sha256[65];
} gl_snapshot_page;

/* A project an index does not have (404): remembered so offline runs answer the same. */
typedef struct gl_snapshot_missing {
    char *index_name;
    char *project;
} gl_snapshot_missing;

/* The core metadata of one release (project, version), shared by all its files. */
typedef struct gl_snapshot_metadata {
    char *project; /* normalised */
    char *version; /* as the chosen file's name spells it */
    gl_metadata_source source;
    char *source_url; /* public URL of the file the metadata was read from (or for) */
    char *body;       /* NULL when unavailable */
    size_t len;
    char sha256[65];  /* "" when unavailable */
    char *unavailable_reason; /* only for GL_METADATA_UNAVAILABLE */
} gl_snapshot_metadata;

typedef struct gl_snapshot {
    gl_index_set indexes; /* public URLs only: the mirror a crawl read is not recorded */
    char *created;        /* ISO 8601 UTC crawl time */
    gl_snapshot_page *pages;
    size_t npages, cap_pages;
    gl_snapshot_missing *missing;
    size_t nmissing, cap_missing;
    gl_snapshot_metadata *metadata;
    size_t nmetadata, cap_metadata;
} gl_snapshot;

void gl_snapshot_init(gl_snapshot *snap);
void gl_snapshot_free(gl_snapshot *snap);

/* Adders copy their arguments. */
bool gl_snapshot_add_page(gl_snapshot *snap, const char *index_name, const char *project,
                          const char *url, const char *body, size_t len, gl_error *err);
bool gl_snapshot_add_missing(gl_snapshot *snap, const char *index_name, const char *project,
                             gl_error *err);
/* body NULL with source GL_METADATA_UNAVAILABLE and a reason. */
bool gl_snapshot_add_metadata(gl_snapshot *snap, const char *project, const char *version,
                              gl_metadata_source source, const char *source_url, const char *body,
                              size_t len, const char *unavailable_reason, gl_error *err);

const gl_snapshot_metadata *gl_snapshot_find_metadata(const gl_snapshot *snap, const char *project,
                                                      const char *version);
/* True when some index served a page for the project. */
bool gl_snapshot_has_project(const gl_snapshot *snap, const char *project);

/* Writes the snapshot as directory dir: built beside it under a temporary name, then renamed
 * over it, so an existing snapshot stays intact unless the new one is complete. */
bool gl_snapshot_write(const gl_snapshot *snap, const char *dir, gl_error *err);
/* Reads a snapshot directory, checking every file against the manifest's sha256 (a mismatch
 * or a missing file is an error naming the file). snap must be fresh from gl_snapshot_init. */
bool gl_snapshot_read(gl_snapshot *snap, const char *dir, gl_error *err);
/* Only the manifest's header (indexes, crawl time) into snap, fresh from gl_snapshot_init:
 * cheap (no page is read), for naming the sources before gl_snapshot_load_into_pool. */
bool gl_snapshot_read_header(gl_snapshot *snap, const char *dir, gl_error *err);
/* Only the manifest's index lines, into out (empty). */
bool gl_snapshot_read_indexes(const char *dir, gl_index_set *out, gl_error *err);
/* sha256 of the manifest: names the snapshot's content (the .solv cache key), cheaply. */
bool gl_snapshot_manifest_digest(const char *dir, char out[65], gl_error *err);
/* The same, remembered in the directory memo_dir (which must exist; NULL: not remembered) under
 * the manifest's identity (device, inode, size, modification and change times), as git's index
 * remembers file contents: an unchanged manifest is not read again. */
bool gl_snapshot_manifest_digest_memo(const char *dir, const char *memo_dir, char out[65],
                                      gl_error *err);

/* The embedded snapshot: $GPULOCK_INDEXES if set, else <exe dir>/../../indexes (a build
 * tree: build/src/gpulock), else <exe dir>/../share/gpulock/indexes (an install), the first
 * that holds a manifest. Malloc'd; NULL with GL_ENOTFOUND naming the places tried. */
char *gl_snapshot_default_dir(gl_error *err);

const char *gl_metadata_source_name(gl_metadata_source source);

#endif
