/* pool.c — the catalog in libsolv, and its specialisation for one target.
 * The catalog is append-only: additions gather in plain C records and are frozen into a libsolv
 * repo (one solvable per release, files in a flexarray) the first time they are needed, so a
 * .solv cache is just that repo written out. gl_pool_prepare then builds a second repo of
 * candidates whose evr is a PEP 440 rank and whose requirements are namespace dependencies
 * answered by our own specifier matcher. See docs/pool.md. */
#include "pool.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <solv/dataiterator.h>
#include <solv/knownid.h>
#include <solv/pool.h>
#include <solv/poolarch.h>
#include <solv/repo.h>
#include <solv/repo_solv.h>
#include <solv/repo_write.h>
#include <solv/repodata.h>

#include "marker.h"
#include "requirement.h"
#include "specifier.h"
#include "strbuf.h"
#include "tags.h"
#include "version.h"
#include "wheel_filename.h"

/* Bumped whenever the layout of the catalog keys changes, so old caches read as misses. */
#define CACHE_FORMAT "gpulock-catalog-3"

enum meta_state { META_UNKNOWN = 0, META_AVAILABLE = 1, META_UNAVAILABLE = 2 };

/* ---- small containers ---------------------------------------------------------------- */

/* String -> index map with open addressing; keys are owned. */
typedef struct strmap {
    char **keys;
    size_t *vals;
    size_t cap, count;
} strmap;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static bool strmap_grow(strmap *m)
{
    size_t ncap = m->cap ? m->cap * 2 : 64;
    char **keys = calloc(ncap, sizeof *keys);
    size_t *vals = calloc(ncap, sizeof *vals);
    if (!keys || !vals) {
        free(keys);
        free(vals);
        return false;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        size_t j = hash_str(m->keys[i]) & (ncap - 1);
        while (keys[j])
            j = (j + 1) & (ncap - 1);
        keys[j] = m->keys[i];
        vals[j] = m->vals[i];
    }
    free(m->keys);
    free(m->vals);
    m->keys = keys;
    m->vals = vals;
    m->cap = ncap;
    return true;
}

static bool strmap_get(const strmap *m, const char *key, size_t *val)
{
    if (!m->cap)
        return false;
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (!strcmp(m->keys[j], key)) {
            *val = m->vals[j];
            return true;
        }
        j = (j + 1) & (m->cap - 1);
    }
    return false;
}

static bool strmap_put(strmap *m, const char *key, size_t val)
{
    if ((m->count + 1) * 2 > m->cap && !strmap_grow(m))
        return false;
    size_t j = hash_str(key) & (m->cap - 1);
    while (m->keys[j]) {
        if (!strcmp(m->keys[j], key)) {
            m->vals[j] = val;
            return true;
        }
        j = (j + 1) & (m->cap - 1);
    }
    char *copy = strdup(key);
    if (!copy)
        return false;
    m->keys[j] = copy;
    m->vals[j] = val;
    m->count++;
    return true;
}

static void strmap_free(strmap *m)
{
    for (size_t i = 0; i < m->cap; i++)
        free(m->keys[i]);
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* Grows *arr (of elements of size elem) so that index n fits. */
static bool grow(void *arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return true;
    size_t ncap = *cap ? *cap : 8;
    while (ncap <= n)
        ncap *= 2;
    void *p = realloc(*(void **)arr, ncap * elem);
    if (!p)
        return false;
    memset((char *)p + *cap * elem, 0, (ncap - *cap) * elem);
    *(void **)arr = p;
    *cap = ncap;
    return true;
}

static char *dup_or_null(const char *s)
{
    return s ? strdup(s) : NULL;
}

/* ---- the catalog being built ----------------------------------------------------------- */

/* A set of 64-bit hashes: the URLs seen so far (a collision would drop one file in 2^64). */
typedef struct hashset {
    uint64_t *slots; /* 0 = empty */
    size_t cap, count;
} hashset;

static bool hashset_add(hashset *h, uint64_t key, bool *added)
{
    key = key ? key : 1;
    if ((h->count + 1) * 2 > h->cap) {
        size_t ncap = h->cap ? h->cap * 2 : 1024;
        uint64_t *slots = calloc(ncap, sizeof *slots);
        if (!slots)
            return false;
        for (size_t i = 0; i < h->cap; i++) {
            if (!h->slots[i])
                continue;
            size_t j = h->slots[i] & (ncap - 1);
            while (slots[j])
                j = (j + 1) & (ncap - 1);
            slots[j] = h->slots[i];
        }
        free(h->slots);
        h->slots = slots;
        h->cap = ncap;
    }
    size_t j = key & (h->cap - 1);
    while (h->slots[j]) {
        if (h->slots[j] == key) {
            *added = false;
            return true;
        }
        j = (j + 1) & (h->cap - 1);
    }
    h->slots[j] = key;
    h->count++;
    *added = true;
    return true;
}

/* ---- the target specialisation --------------------------------------------------------- */

/* A file of a release. The strings and the digest are borrowed from the catalog's repodata,
 * which never changes once frozen. */
typedef struct tfile {
    const char *filename, *url, *requires_python, *yanked_reason;
    const char *sha256; /* lower-case hex, NULL when unknown */
    int rank;     /* the target's preference: wheel rank, 1<<28 for an sdist, -1 unusable */
    int priority; /* of the index that listed it */
    bool yanked, compatible;
} tfile;

typedef struct textra {
    Id name;  /* "project[extra]" */
    Id extra; /* "extra" */
    Id solvable;
    bool declared;
} textra;

/* A release's core metadata as the catalog records it (strings borrowed, as for tfile). */
typedef struct tmeta {
    unsigned state; /* enum meta_state */
    const char *requires_python, *reason;
    /* Lists of pool strings: offsets of 0-terminated runs in gl_pool.meta_ids, 0 when empty
       (meta_ids starts with a 0 that every empty list shares). */
    int requires_dist, provides_extra;
} tmeta;

typedef struct trelease {
    Queue catalog; /* the catalog solvables holding this release (one per frozen batch) */
    bool has_files; /* some of them lists a file */
    bool read;      /* files and metadata gathered from the catalog */
    bool evaluated; /* judged for the target (out or not) */
    bool expanded;  /* its candidate made, with its requirements */
    Id evr;        /* the version text's string id */
    char *version_text;
    gl_version version;
    unsigned rank;
    char *direct_url;
    char *out; /* why it is no candidate, or NULL */
    bool yanked_only;
    char *yanked_reason;
    tfile *files;
    size_t nfiles;
    int *lines; /* Requires-Dist lines (indices into gl_pool.lines) an extra may still want */
    size_t nlines;
    Id solvable; /* the candidate, 0 when out */
    tmeta meta;  /* from the newest batch that says something; state META_UNKNOWN when none */
    textra *extras;
    size_t nextras, extras_cap;
} trelease;

typedef struct tproject {
    Id name;
    char *display;
    trelease *rel; /* in PEP 440 order */
    size_t nrel;
    int best_priority; /* the index the project comes from, with first_index_only */
} tproject;

/* One distinct requirement line of the prepared projects, parsed once however many releases
 * repeat it (most releases of a project repeat their predecessor's lines). */
typedef struct tline {
    gl_requirement req;
    Id text;          /* marker-free canonical text, the namespace argument; 0 until needed */
    signed char base; /* marker on the target without an extra: -1 not evaluated yet, 0, 1 */
    /* The last extra the marker was evaluated for, and the answer: an extra's lines are
       evaluated release after release, and most releases repeat their predecessor's lines. */
    Id last_extra;
    bool last_value;
    bool valid;
    char *error; /* why it does not parse */
} tline;

typedef struct tconstraint {
    gl_requirement req;
    char *text, *source;
} tconstraint;

/* A sorted (name, solvable) list of every catalog solvable, to find a project's releases. */
typedef struct name_entry {
    Id name, solvable;
} name_entry;

typedef struct name_index {
    name_entry *by_name;
    size_t nby_name;
} name_index;

/* What a name id in a namespace dependency selects: a project, or one of its extras. */
typedef struct tselect {
    int project; /* index + 1; 0 = unknown */
    Id extra;    /* string id of the extra, 0 for the project */
} tselect;

typedef struct tcand {
    int project, release, extra; /* extra index, -1 for the project itself */
} tcand;

/* A dependency to expand: the releases of project matching line get candidates (for extra too,
 * unless 0). */
typedef struct work_item {
    int project;
    Id extra;
    int line;
} work_item;

struct gl_pool {
    Pool *solv;
    Id key_files, key_display,
        key_meta_state, key_meta_requires_python, key_requires_dist, key_provides_extra,
        key_meta_reason, key_direct_url;
    Id dep_nothing;

    Repo **catalog;
    size_t ncatalog, catalog_cap;
    size_t nreleases, nfiles;

    /* The batch being added to: solvables and repodata written as input arrives, internalized
       (frozen into the catalog) when first needed. */
    Repo *building;
    Repodata *bdata;
    strmap release_index; /* "name\nversion\nurl" -> solvable in the batch */
    gl_strbuf *building_files; /* per solvable of the batch (by offset): its file records */
    size_t building_files_cap;
    Queue building_direct; /* direct releases of the batch, to share metadata with */
    hashset seen_urls;

    /* The prepared target. */
    bool prepared;
    Repo *target_repo;
    gl_target target;
    const gl_marker_env *env;
    gl_pool_options options;
    char *target_desc;
    tproject *projects;
    size_t nprojects, projects_cap;
    strmap project_index; /* normalised name -> project index */
    Queue *catalog_by_name; /* per project: catalog solvables (filled on demand) */
    tselect *select;        /* indexed by name id */
    size_t select_cap;
    tline *lines;
    size_t nlines, lines_cap;
    int *line_of_raw; /* indexed by string id of a raw line: line index + 1 */
    size_t line_of_raw_cap;
    int *line_of_text; /* indexed by string id of a canonical text: line index + 1 */
    size_t line_of_text_cap;
    tcand *cands; /* indexed by solvable - target_repo->start */
    size_t cands_cap;
    tconstraint *constraints;
    size_t nconstraints;
    Map window_map; /* the candidates libsolv may see (pool->considered) while window_on */
    bool window_on;
    name_index names; /* the catalog by name, while a target is prepared */
    work_item *work;
    size_t nwork, work_cap, work_done;
    unsigned char *dep_seen; /* indexed by relation id: that dependency was queued */
    size_t dep_seen_cap;
    gl_candidate_file *cand_files; /* scratch for gl_pool_candidate */
    size_t cand_files_cap;
    tfile *read_files; /* scratch for reading one catalog solvable's files */
    size_t read_files_cap;
    Queue meta_ids; /* the Requires-Dist and Provides-Extra lists read for the target (tmeta) */
    /* Per target, memoised by text: a wheel's rank by its tags ("cp311-cp311-manylinux_2_17_x86_64.whl"),
       and whether the target's Python satisfies a Requires-Python. Values are answer + 1. */
    strmap rank_by_tags;
    strmap python_by_spec;
};

static void target_reset(gl_pool *pool);
void gl_pool_release_candidates(const gl_pool *pool, int solvable, Queue *out);
static Id ns_callback(Pool *solv, void *data, Id name, Id evr);

gl_pool *gl_pool_new(gl_error *err)
{
    gl_pool *pool = calloc(1, sizeof *pool);
    if (!pool || !(pool->solv = pool_create())) {
        free(pool);
        gl_error_set(err, GL_ENOMEM, "creating the package pool: out of memory");
        return NULL;
    }
    Pool *s = pool->solv;
    pool_setarch(s, "noarch");
    pool->key_files = pool_str2id(s, "gpulock:files", 1);
    pool->key_display = pool_str2id(s, "gpulock:display-name", 1);
    pool->key_meta_state = pool_str2id(s, "gpulock:metadata", 1);
    pool->key_meta_requires_python = pool_str2id(s, "gpulock:requires-python", 1);
    pool->key_requires_dist = pool_str2id(s, "gpulock:requires-dist", 1);
    pool->key_provides_extra = pool_str2id(s, "gpulock:provides-extra", 1);
    pool->key_meta_reason = pool_str2id(s, "gpulock:metadata-unavailable", 1);
    pool->key_direct_url = pool_str2id(s, "gpulock:direct-url", 1);
    pool->dep_nothing = pool_str2id(s, "gpulock:nothing-satisfies-this", 1);
    pool_setnamespacecallback(s, ns_callback, pool);
    queue_init(&pool->building_direct);
    queue_init(&pool->meta_ids);
    return pool;
}

void gl_pool_free(gl_pool *pool)
{
    if (!pool)
        return;
    target_reset(pool);
    strmap_free(&pool->release_index);
    for (size_t i = 0; i < pool->building_files_cap; i++)
        gl_strbuf_free(&pool->building_files[i]);
    free(pool->building_files);
    queue_free(&pool->building_direct);
    queue_free(&pool->meta_ids);
    free(pool->seen_urls.slots);
    free(pool->catalog);
    pool_free(pool->solv);
    free(pool);
}

int gl_pool_nothing_dep(const gl_pool *pool)
{
    return pool->dep_nothing;
}

struct s_Pool *gl_pool_solv(gl_pool *pool)
{
    return pool->solv;
}

size_t gl_pool_release_count(const gl_pool *pool)
{
    return pool->nreleases;
}

size_t gl_pool_file_count(const gl_pool *pool)
{
    return pool->nfiles;
}

/* ---- input ------------------------------------------------------------------------------ */

static bool is_sha256_hex(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!isxdigit((unsigned char)s[n]))
            return false;
    return n == 64;
}

/* Finds or creates the release (name normalised, version canonical) in the batch. */
static Id release_get(gl_pool *pool, const char *name, const char *version, const char *direct_url,
                      const char *display)
{
    Pool *s = pool->solv;
    if (!pool->building) {
        pool->building = repo_create(s, "catalog");
        pool->bdata = repo_add_repodata(pool->building, 0);
    }
    gl_strbuf key = GL_STRBUF_INIT;
    gl_strbuf_printf(&key, "%s\n%s\n%s", name, version, direct_url ? direct_url : "");
    size_t found;
    Id p = 0;
    if (!key.data) {
        p = 0;
    } else if (strmap_get(&pool->release_index, key.data, &found)) {
        p = (Id)found;
    } else {
        p = repo_add_solvable(pool->building);
        Solvable *sv = s->solvables + p;
        sv->name = pool_str2id(s, name, 1);
        sv->evr = pool_str2id(s, version, 1);
        sv->arch = ARCH_NOARCH;
        if (display && strcmp(display, name))
            repodata_set_str(pool->bdata, p, pool->key_display, display);
        if (direct_url) {
            repodata_set_str(pool->bdata, p, pool->key_direct_url, direct_url);
            queue_push(&pool->building_direct, p);
        }
        if (!strmap_put(&pool->release_index, key.data, (size_t)p))
            p = 0;
        else
            pool->nreleases++;
    }
    gl_strbuf_free(&key);
    return p;
}

/* A release's files are one binary value in the catalog: NUL-terminated text fields, FILE_FIELDS
 * per file, in this order. libsolv walks, remaps and copies every key of every element of a
 * flexarray when it loads a .solv file, and a dataiterator steps through each again; a
 * release with dozens of wheels made those walks most of a warm resolution. A blob is copied
 * whole, and its strings are read in place. */
enum file_field {
    FF_NAME, FF_URL, FF_SHA256, FF_REQUIRES_PYTHON, FF_YANKED, FF_YANKED_REASON, FF_UPLOAD_TIME,
    FF_INDEX, FF_INDEX_PRIORITY, FILE_FIELDS
};

static bool append_file_record(gl_pool *pool, Id p, const gl_pool_file *file, bool direct)
{
    size_t off = (size_t)(p - pool->building->start);
    if (!grow(&pool->building_files, &pool->building_files_cap, off, sizeof *pool->building_files))
        return false;
    char sha[65] = "", priority[24];
    for (size_t i = 0; file->sha256 && i < 64; i++) /* lower case, as every digest gpulock prints */
        sha[i] = (char)tolower((unsigned char)file->sha256[i]);
    snprintf(priority, sizeof priority, "%u", direct ? 0u : (unsigned)file->index_priority);
    const char *fields[FILE_FIELDS] = {
        [FF_NAME] = file->filename,
        [FF_URL] = file->url,
        [FF_SHA256] = sha,
        [FF_REQUIRES_PYTHON] = file->requires_python,
        [FF_YANKED] = file->yanked ? "1" : "",
        [FF_YANKED_REASON] = file->yanked_reason,
        [FF_UPLOAD_TIME] = file->upload_time,
        [FF_INDEX] = direct ? NULL : file->index_url,
        [FF_INDEX_PRIORITY] = priority,
    };
    gl_strbuf *b = &pool->building_files[off];
    bool ok = true;
    for (size_t i = 0; i < FILE_FIELDS; i++) {
        const char *v = fields[i] ? fields[i] : "";
        ok = ok && gl_strbuf_append(b, v, strlen(v) + 1);
    }
    return ok;
}

static bool add_file(gl_pool *pool, const gl_pool_file *file, bool direct, gl_error *err)
{
    if (!file || !file->project || !file->filename || !file->url) {
        gl_error_set(err, GL_EINVAL, "adding a file: project, filename and URL are required");
        return false;
    }
    if (file->sha256 && !is_sha256_hex(file->sha256)) {
        gl_error_set(err, GL_EINVAL, "file %s: invalid sha256 '%s': not 64 hex digits",
                     file->filename, file->sha256);
        return false;
    }
    char *name = gl_name_normalize_dup(file->project, strlen(file->project));
    if (!name) {
        gl_error_set(err, GL_EINVAL, "file %s: invalid project name '%s'", file->filename,
                     file->project);
        return false;
    }
    gl_dist_filename df;
    if (!gl_dist_filename_parse_hinted(&df, file->filename, file->project, err)) {
        free(name);
        return false;
    }
    bool ok = false, added = false;
    char *version = gl_version_to_string(&df.version);
    if (strcmp(df.normalized_name, name) != 0) {
        gl_error_set(err, GL_EINVAL, "file %s is listed under project '%s' but names project '%s'",
                     file->filename, file->project, df.normalized_name);
        goto out;
    }
    if (!version || !hashset_add(&pool->seen_urls, hash_str(file->url), &added)) {
        gl_error_set(err, GL_ENOMEM, "adding file %s: out of memory", file->filename);
        goto out;
    }
    ok = true;
    if (!added)
        goto out; /* the same URL twice is one file */
    Id p = release_get(pool, name, version, direct ? file->url : NULL, file->project);
    if (!p) {
        gl_error_set(err, GL_ENOMEM, "adding file %s: out of memory", file->filename);
        ok = false;
        goto out;
    }
    if (!append_file_record(pool, p, file, direct)) {
        gl_error_set(err, GL_ENOMEM, "adding file %s: out of memory", file->filename);
        ok = false;
        goto out;
    }
    pool->nfiles++;
out:
    free(version);
    free(name);
    gl_dist_filename_free(&df);
    return ok;
}

bool gl_pool_add_file(gl_pool *pool, const gl_pool_file *file, gl_error *err)
{
    return add_file(pool, file, false, err);
}

bool gl_pool_add_direct_file(gl_pool *pool, const gl_pool_file *file, gl_error *err)
{
    return add_file(pool, file, true, err);
}

/* What gl_pool_set_metadata* record for a release. The lists become arrays of pool strings:
 * a line such as "numpy>=1.17" is stored once however many releases repeat it, and the
 * preparation finds its parse by the string's id instead of hashing the text again. */
typedef struct meta_record {
    int state;
    const char *requires_python, *reason;
    const char *const *requires_dist, *const *provides_extra;
    size_t nrequires_dist, nprovides_extra;
} meta_record;

static void write_id_list(gl_pool *pool, Id p, Id key, const char *const *items, size_t n)
{
    Queue q;
    queue_init(&q);
    for (size_t i = 0; i < n; i++)
        if (items[i])
            queue_push(&q, pool_str2id(pool->solv, items[i], 1));
    if (q.count)
        repodata_set_idarray(pool->bdata, p, key, &q);
    else
        repodata_unset(pool->bdata, p, key); /* a later record replaces an earlier one */
    queue_free(&q);
}

static void write_meta(gl_pool *pool, Id p, const meta_record *m)
{
    Repodata *data = pool->bdata;
    repodata_set_num(data, p, pool->key_meta_state, (unsigned)m->state);
    const struct {
        Id key;
        const char *value;
    } fields[] = {
        {pool->key_meta_requires_python, m->requires_python},
        {pool->key_meta_reason, m->reason},
    };
    for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
        if (fields[i].value && *fields[i].value)
            repodata_set_str(data, p, fields[i].key, fields[i].value);
        else
            repodata_unset(data, p, fields[i].key);
    }
    write_id_list(pool, p, pool->key_requires_dist, m->requires_dist, m->nrequires_dist);
    write_id_list(pool, p, pool->key_provides_extra, m->provides_extra, m->nprovides_extra);
}

/* Records metadata for the index release of (project, version), creating it if need be, and
 * for the direct releases of the same version in this batch. */
static bool set_meta(gl_pool *pool, const char *project, const char *version_text,
                     const meta_record *m, gl_error *err)
{
    char *name = project ? gl_name_normalize_dup(project, strlen(project)) : NULL;
    if (!name) {
        gl_error_set(err, GL_EINVAL, "metadata: invalid project name '%s'", project ? project : "");
        return false;
    }
    gl_version v;
    if (!version_text || !gl_version_parse_cstr(&v, version_text, err)) {
        if (!version_text)
            gl_error_set(err, GL_EINVAL, "metadata of %s: no version", project);
        else
            gl_error_prefix(err, "metadata of %s: ", project);
        free(name);
        return false;
    }
    char *version = gl_version_to_string(&v);
    gl_version_free(&v);
    Id p = version ? release_get(pool, name, version, NULL, project) : 0;
    if (!p) {
        gl_error_set(err, GL_ENOMEM, "metadata of %s %s: out of memory", project, version_text);
        free(version);
        free(name);
        return false;
    }
    write_meta(pool, p, m);
    Pool *s = pool->solv;
    for (int i = 0; i < pool->building_direct.count; i++) {
        Id d = pool->building_direct.elements[i];
        if (s->solvables[d].name == s->solvables[p].name && s->solvables[d].evr == s->solvables[p].evr)
            write_meta(pool, d, m);
    }
    free(version);
    free(name);
    return true;
}

bool gl_pool_set_metadata(gl_pool *pool, const gl_pool_metadata *meta, gl_error *err)
{
    if (!meta) {
        gl_error_set(err, GL_EINVAL, "metadata: none given");
        return false;
    }
    meta_record m = {META_AVAILABLE, meta->requires_python, NULL, meta->requires_dist,
                     meta->provides_extra, meta->nrequires_dist, meta->nprovides_extra};
    return set_meta(pool, meta->project, meta->version, &m, err);
}

bool gl_pool_set_metadata_unavailable(gl_pool *pool, const char *project, const char *version,
                                      const char *reason, gl_error *err)
{
    meta_record m = {META_UNAVAILABLE, NULL, reason ? reason : "no reason given", NULL, NULL, 0, 0};
    return set_meta(pool, project, version, &m, err);
}

/* ---- freezing the batch into the catalog ----------------------------------------------------- */

static bool freeze(gl_pool *pool, gl_error *err)
{
    if (!pool->building)
        return true;
    if (!grow(&pool->catalog, &pool->catalog_cap, pool->ncatalog, sizeof *pool->catalog)) {
        gl_error_set(err, GL_ENOMEM, "building the catalog: out of memory");
        return false;
    }
    for (size_t off = 0; off < pool->building_files_cap; off++) {
        gl_strbuf *b = &pool->building_files[off];
        if (b->len)
            repodata_set_binary(pool->bdata, pool->building->start + (Id)off, pool->key_files,
                                b->data, (int)b->len);
        gl_strbuf_free(b);
    }
    free(pool->building_files);
    pool->building_files = NULL;
    pool->building_files_cap = 0;
    repo_internalize(pool->building);
    pool->catalog[pool->ncatalog++] = pool->building;
    pool->building = NULL;
    pool->bdata = NULL;
    strmap_free(&pool->release_index);
    queue_empty(&pool->building_direct);
    return true;
}

/* ---- the .solv cache ---------------------------------------------------------------------- */

/* The header libsolv keeps for us: format, caller's key, then the file count (so loading need
 * not walk the files). */
static char *cache_userdata(const char *key)
{
    gl_strbuf b = GL_STRBUF_INIT;
    gl_strbuf_printf(&b, "%s\n%s\n", CACHE_FORMAT, key ? key : "");
    return gl_strbuf_detach(&b);
}

/* Every key in core: a prepared target borrows the catalog's strings, which a key stored
 * vertically (paged in on demand) would not keep in place. */
static int keep_incore(Repo *repo, Repokey *key, void *data)
{
    (void)repo, (void)key, (void)data;
    return KEY_STORAGE_INCORE;
}

bool gl_pool_write_cache(gl_pool *pool, const char *path, const char *key, gl_error *err)
{
    if (!freeze(pool, err))
        return false;
    if (pool->ncatalog != 1) {
        gl_error_set(err, GL_EINVAL,
                     "writing the catalog cache %s: %s", path,
                     pool->ncatalog ? "the pool was extended after loading a cache; "
                                      "write the cache from a pool built in one go"
                                    : "the catalog is empty");
        return false;
    }
    char *tmp = NULL;
    gl_strbuf tb = GL_STRBUF_INIT;
    gl_strbuf_printf(&tb, "%s.tmp", path);
    tmp = gl_strbuf_detach(&tb);
    FILE *fp = tmp ? fopen(tmp, "wb") : NULL;
    if (!fp) {
        gl_error_set(err, GL_EIO, "writing the catalog cache %s: cannot create it", path);
        free(tmp);
        return false;
    }
    char *ud = cache_userdata(key);
    gl_strbuf udb = GL_STRBUF_INIT;
    gl_strbuf_printf(&udb, "%s%zu", ud ? ud : "", pool->nfiles);
    free(ud);
    ud = gl_strbuf_detach(&udb);
    Repowriter *w = repowriter_create(pool->catalog[0]);
    repowriter_set_keyfilter(w, keep_incore, NULL);
    repowriter_set_userdata(w, ud, (int)strlen(ud));
    int rc = repowriter_write(w, fp);
    repowriter_free(w);
    free(ud);
    bool ok = rc == 0 && fflush(fp) == 0;
    ok = (fclose(fp) == 0) && ok;
    if (ok && rename(tmp, path) != 0)
        ok = false;
    if (!ok) {
        remove(tmp);
        gl_error_set(err, GL_EIO, "writing the catalog cache %s: %s", path,
                     rc ? pool_errstr(pool->solv) : "write failed");
    }
    free(tmp);
    return ok;
}

bool gl_pool_load_cache(gl_pool *pool, const char *path, const char *key, gl_error *err)
{
    if (pool->ncatalog || pool->building) {
        gl_error_set(err, GL_EINVAL, "loading the catalog cache %s: the pool is not empty", path);
        return false;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        gl_error_set(err, GL_ENOTFOUND, "catalog cache %s: not present", path);
        return false;
    }
    /* libsolv reads the file in small pieces: one system call per 4 KiB otherwise. The buffer
     * outlives the stream, closed in this function. */
    char buffer[1 << 16];
    setvbuf(fp, buffer, _IOFBF, sizeof buffer);
    unsigned char *ud = NULL;
    int udlen = 0;
    char *want = cache_userdata(key);
    bool match = solv_read_userdata(fp, &ud, &udlen) == 0 && want &&
                 (size_t)udlen > strlen(want) && !memcmp(ud, want, strlen(want));
    size_t nfiles = 0;
    for (int i = match ? (int)strlen(want) : udlen; i < udlen; i++) {
        if (ud[i] < '0' || ud[i] > '9') {
            match = false;
            break;
        }
        nfiles = nfiles * 10 + (size_t)(ud[i] - '0');
    }
    solv_free(ud);
    free(want);
    if (!match) {
        fclose(fp);
        gl_error_set(err, GL_ENOTFOUND, "catalog cache %s: written for another snapshot or version", path);
        return false;
    }
    rewind(fp);
    if (!grow(&pool->catalog, &pool->catalog_cap, 0, sizeof *pool->catalog)) {
        fclose(fp);
        gl_error_set(err, GL_ENOMEM, "loading the catalog cache %s: out of memory", path);
        return false;
    }
    Repo *repo = repo_create(pool->solv, "catalog");
    if (repo_add_solv(repo, fp, 0) != 0) {
        gl_error_set(err, GL_EINVAL, "catalog cache %s: unreadable: %s", path, pool_errstr(pool->solv));
        repo_free(repo, 1);
        fclose(fp);
        return false;
    }
    fclose(fp);
    pool->catalog[pool->ncatalog++] = repo;
    pool->nreleases = (size_t)repo->nsolvables;
    pool->nfiles = nfiles;
    return true;
}

/* ---- target specialisation ------------------------------------------------------------------ */

static void trelease_free(trelease *r)
{
    queue_free(&r->catalog);
    free(r->version_text);
    gl_version_free(&r->version);
    free(r->direct_url);
    free(r->out);
    free(r->yanked_reason);
    free(r->files);
    free(r->lines);
    free(r->extras);
}

static void target_reset(gl_pool *pool)
{
    if (pool->window_on) {
        pool->solv->considered = NULL;
        map_free(&pool->window_map);
        pool->window_on = false;
    }
    for (size_t i = 0; i < pool->nprojects; i++) {
        tproject *p = &pool->projects[i];
        for (size_t j = 0; j < p->nrel; j++)
            trelease_free(&p->rel[j]);
        free(p->rel);
        free(p->display);
    }
    free(pool->projects);
    pool->projects = NULL;
    pool->nprojects = pool->projects_cap = 0;
    strmap_free(&pool->project_index);
    for (size_t i = 0; i < pool->nlines; i++) {
        gl_requirement_free(&pool->lines[i].req);
        free(pool->lines[i].error);
    }
    free(pool->lines);
    pool->lines = NULL;
    pool->nlines = pool->lines_cap = 0;
    free(pool->line_of_raw);
    pool->line_of_raw = NULL;
    pool->line_of_raw_cap = 0;
    free(pool->line_of_text);
    pool->line_of_text = NULL;
    pool->line_of_text_cap = 0;
    free(pool->select);
    pool->select = NULL;
    pool->select_cap = 0;
    free(pool->cands);
    pool->cands = NULL;
    pool->cands_cap = 0;
    for (size_t i = 0; i < pool->nconstraints; i++) {
        gl_requirement_free(&pool->constraints[i].req);
        free(pool->constraints[i].text);
        free(pool->constraints[i].source);
    }
    free(pool->constraints);
    pool->constraints = NULL;
    pool->nconstraints = 0;
    free(pool->work);
    pool->work = NULL;
    pool->nwork = pool->work_cap = pool->work_done = 0;
    free(pool->names.by_name);
    memset(&pool->names, 0, sizeof pool->names);
    free(pool->dep_seen);
    pool->dep_seen = NULL;
    pool->dep_seen_cap = 0;
    free(pool->cand_files);
    pool->cand_files = NULL;
    pool->cand_files_cap = 0;
    free(pool->read_files);
    pool->read_files = NULL;
    pool->read_files_cap = 0;
    strmap_free(&pool->rank_by_tags);
    strmap_free(&pool->python_by_spec);
    queue_empty(&pool->meta_ids);
    queue_push(&pool->meta_ids, 0); /* the empty list */
    free(pool->target_desc);
    pool->target_desc = NULL;
    free(pool->catalog_by_name);
    pool->catalog_by_name = NULL;
    if (pool->target_repo) {
        repo_free(pool->target_repo, 1);
        pool->target_repo = NULL;
    }
    pool->prepared = false;
}

static int cmp_name_entry(const void *a, const void *b)
{
    const name_entry *x = a, *y = b;
    if (x->name != y->name)
        return x->name < y->name ? -1 : 1;
    return x->solvable < y->solvable ? -1 : x->solvable > y->solvable;
}

static bool build_name_index(gl_pool *pool, name_index *pr)
{
    size_t n = 0;
    for (size_t i = 0; i < pool->ncatalog; i++)
        n += (size_t)pool->catalog[i]->nsolvables;
    pr->by_name = malloc((n ? n : 1) * sizeof *pr->by_name);
    if (!pr->by_name)
        return false;
    for (size_t i = 0; i < pool->ncatalog; i++) {
        Repo *repo = pool->catalog[i];
        Id p;
        Solvable *s;
        FOR_REPO_SOLVABLES(repo, p, s)
        {
            pr->by_name[pr->nby_name].name = s->name;
            pr->by_name[pr->nby_name].solvable = p;
            pr->nby_name++;
        }
    }
    if (pr->nby_name > 1)
        qsort(pr->by_name, pr->nby_name, sizeof *pr->by_name, cmp_name_entry);
    return true;
}

static bool ensure_id_slot(void *arr, size_t *cap, Id id, size_t elem)
{
    return id >= 0 && grow(arr, cap, (size_t)id, elem);
}

/* What one catalog solvable says of its release. */
typedef struct cat_record {
    const char *display, *direct_url;
    tmeta meta;
    const tfile *files; /* pool->read_files: valid until the next read */
    size_t nfiles;
} cat_record;

/* Appends the file records of a blob to pool->read_files from index *n on. The blob ends in
 * NUL, so no field read runs past it; a record cut short is dropped. */
static bool read_file_records(gl_pool *pool, const char *blob, size_t len, size_t *n)
{
    if (!len || blob[len - 1])
        return true; /* not a blob this version wrote: no files */
    const char *at = blob, *end = blob + len;
    while (at < end) {
        const char *field[FILE_FIELDS];
        size_t i;
        for (i = 0; i < FILE_FIELDS && at < end; i++) {
            field[i] = at;
            at += strlen(at) + 1;
        }
        if (i < FILE_FIELDS)
            break;
        if (!grow(&pool->read_files, &pool->read_files_cap, *n, sizeof *pool->read_files))
            return false;
        tfile *f = &pool->read_files[(*n)++];
        memset(f, 0, sizeof *f);
        f->filename = field[FF_NAME];
        f->url = field[FF_URL];
        f->sha256 = *field[FF_SHA256] ? field[FF_SHA256] : NULL;
        f->requires_python = *field[FF_REQUIRES_PYTHON] ? field[FF_REQUIRES_PYTHON] : NULL;
        f->yanked = *field[FF_YANKED] == '1';
        f->yanked_reason = *field[FF_YANKED_REASON] ? field[FF_YANKED_REASON] : NULL;
        f->priority = atoi(field[FF_INDEX_PRIORITY]);
    }
    return true;
}

/* Reads catalog solvable p in one pass over its repodata (a lookup per key would walk the
 * solvable's schema again for each). False when memory runs out. */
static bool read_catalog_solvable(gl_pool *pool, Id p, cat_record *rec)
{
    Pool *s = pool->solv;
    memset(rec, 0, sizeof *rec);
    Dataiterator di;
    dataiterator_init(&di, s, s->solvables[p].repo, p, 0, 0, SEARCH_NO_STORAGE_SOLVABLE);
    size_t n = 0;
    bool ok = true;
    while (ok && dataiterator_step(&di)) {
        Id key = di.key->name;
        const char *str = di.kv.str;
        if (key == pool->key_files && di.key->type == REPOKEY_TYPE_BINARY) {
            ok = read_file_records(pool, str, (size_t)di.kv.num, &n);
        } else if (key == pool->key_display) {
            rec->display = str;
        } else if (key == pool->key_direct_url) {
            rec->direct_url = str;
        } else if (key == pool->key_meta_state) {
            rec->meta.state = (unsigned)di.kv.num;
        } else if (key == pool->key_meta_requires_python) {
            rec->meta.requires_python = str;
        } else if (key == pool->key_requires_dist || key == pool->key_provides_extra) {
            /* one step per element of the list */
            if (di.kv.entry == 0) {
                int *list = key == pool->key_requires_dist ? &rec->meta.requires_dist
                                                           : &rec->meta.provides_extra;
                *list = pool->meta_ids.count;
            }
            queue_push(&pool->meta_ids, di.kv.id);
            if (di.kv.eof)
                queue_push(&pool->meta_ids, 0);
        } else if (key == pool->key_meta_reason) {
            rec->meta.reason = str;
        }
    }
    dataiterator_free(&di);
    rec->files = pool->read_files;
    rec->nfiles = n;
    return ok;
}

static int cmp_release(const void *a, const void *b)
{
    const trelease *x = a, *y = b;
    int c = gl_version_compare(&x->version, &y->version);
    if (c)
        return c;
    /* Index releases before direct ones of an equal version, for a stable order. */
    if (!x->direct_url != !y->direct_url)
        return x->direct_url ? 1 : -1;
    return x->direct_url ? strcmp(x->direct_url, y->direct_url) : 0;
}

static int cmp_tfile(const void *a, const void *b)
{
    const tfile *x = a, *y = b;
    /* compatible before not, unyanked before yanked, then the target's preference */
    if (x->compatible != y->compatible)
        return x->compatible ? -1 : 1;
    if (x->yanked != y->yanked)
        return x->yanked ? 1 : -1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return strcmp(x->filename, y->filename);
}

static void set_out(trelease *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void set_out(trelease *r, const char *fmt, ...)
{
    if (r->out)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    r->out = msg ? msg : strdup("not usable");
}

static bool python_ok(gl_pool *pool, const char *requires_python)
{
    if (!requires_python || !*requires_python)
        return true;
    size_t memo;
    if (strmap_get(&pool->python_by_spec, requires_python, &memo))
        return memo == 2;
    gl_specifier_set set;
    bool ok = true; /* pip ignores an unparsable Requires-Python too */
    if (gl_specifier_set_parse(&set, requires_python, strlen(requires_python), NULL)) {
        ok = gl_target_python_satisfies(&pool->target, &set);
        gl_specifier_set_free(&set);
    }
    strmap_put(&pool->python_by_spec, requires_python, ok ? 2 : 1); /* on failure: not memoised */
    return ok;
}

/* The target's preference for a file: its wheel rank, 1<<28 for an sdist (when allowed), -1
 * when it cannot be installed. A wheel's tags are the last three '-' fields of its name, so the
 * rank is memoised by them: a catalog has far fewer tag sets than files. */
static int file_rank(gl_pool *pool, const char *filename, const char *project, bool *is_wheel)
{
    size_t len = strlen(filename);
    *is_wheel = len > 4 && !strcmp(filename + len - 4, ".whl");
    if (!*is_wheel)
        return pool->options.allow_sdist ? 1 << 28 : -1;
    const char *tags = filename + len;
    for (int dashes = 0; tags > filename && dashes < 3;)
        if (*--tags == '-')
            dashes++;
    size_t memo;
    if (*tags == '-' && strmap_get(&pool->rank_by_tags, tags + 1, &memo))
        return (int)memo - 1;
    gl_dist_filename df;
    int rank = -1;
    if (gl_dist_filename_parse_hinted(&df, filename, project, NULL) && df.kind == GL_DIST_WHEEL)
        rank = gl_target_wheel_rank(&pool->target, &df);
    gl_dist_filename_free(&df);
    if (*tags == '-')
        strmap_put(&pool->rank_by_tags, tags + 1, (size_t)(rank + 1)); /* on failure: not memoised */
    return rank;
}

/* A direct release without metadata of its own borrows that of the index release of the same
 * version. */
static void borrow_metadata(tproject *proj, trelease *r)
{
    if (r->meta.state || !r->direct_url)
        return;
    for (size_t k = 0; k < proj->nrel; k++) {
        const trelease *o = &proj->rel[k];
        if (!o->direct_url && o->meta.state && !strcmp(o->version_text, r->version_text)) {
            r->meta = o->meta;
            return;
        }
    }
}

/* Whether the Provides-Extra list at offset list of meta_ids names extra (normalised). */
static bool extra_in(const gl_pool *pool, int list, const char *extra)
{
    for (int i = list; pool->meta_ids.elements[i]; i++) {
        const char *name = pool_id2str(pool->solv, pool->meta_ids.elements[i]);
        char *norm = gl_name_normalize_dup(name, strlen(name));
        bool same = norm && !strcmp(norm, extra);
        free(norm);
        if (same)
            return true;
    }
    return false;
}

static bool ensure_id_slot(void *arr, size_t *cap, Id id, size_t elem);

/* The line's index (parsed on first sight), or -1 when memory runs out. */
static int line_get_id(gl_pool *pool, Id rid);

static int line_get(gl_pool *pool, const char *raw)
{
    return line_get_id(pool, pool_str2id(pool->solv, raw, 1));
}

/* The same for a line the pool holds as string rid. */
static int line_get_id(gl_pool *pool, Id rid)
{
    if (!ensure_id_slot(&pool->line_of_raw, &pool->line_of_raw_cap, rid, sizeof *pool->line_of_raw))
        return -1;
    if (pool->line_of_raw[rid])
        return pool->line_of_raw[rid] - 1;
    if (!grow(&pool->lines, &pool->lines_cap, pool->nlines, sizeof *pool->lines))
        return -1;
    tline *l = &pool->lines[pool->nlines];
    memset(l, 0, sizeof *l);
    l->base = -1;
    gl_error perr;
    gl_error_clear(&perr);
    const char *raw = pool_id2str(pool->solv, rid);
    l->valid = gl_requirement_parse(&l->req, raw, strlen(raw), &perr);
    if (!l->valid && !(l->error = strdup(perr.message)))
        return -1;
    pool->line_of_raw[rid] = (int)++pool->nlines;
    return (int)pool->nlines - 1;
}

/* Whether the line applies on the target (for extra, or for the project itself when NULL). */
static bool marker_true(gl_pool *pool, int line, const char *extra)
{
    tline *l = &pool->lines[line];
    if (!l->req.marker)
        return true;
    if (extra)
        return gl_marker_evaluate(l->req.marker, pool->env, extra, NULL) == 1;
    if (l->base < 0)
        l->base = gl_marker_evaluate(l->req.marker, pool->env, NULL, NULL) == 1;
    return l->base == 1;
}

static bool marker_true_for_extra(gl_pool *pool, int line, Id extra, const char *extra_name)
{
    tline *l = &pool->lines[line];
    if (l->last_extra != extra) {
        l->last_value = marker_true(pool, line, extra_name);
        l->last_extra = extra;
    }
    return l->last_value;
}

static const char *project_display(const tproject *p, Pool *s)
{
    return p->display ? p->display : pool_id2str(s, p->name);
}

/* The project a selection id (a project's name, or one of its extras') stands for; NULL for any
 * other id. */
static const tproject *selected_project(const gl_pool *pool, Id name)
{
    if (name < 0 || (size_t)name >= pool->select_cap || !pool->select[name].project)
        return NULL;
    return &pool->projects[pool->select[name].project - 1];
}

/* The requirement whose text a namespace dependency carries; NULL for any other id. */
static const gl_requirement *text_requirement(const gl_pool *pool, Id text)
{
    if (text < 0 || (size_t)text >= pool->line_of_text_cap || !pool->line_of_text[text])
        return NULL;
    return &pool->lines[pool->line_of_text[text] - 1].req;
}

/* Decides whether a release can be a candidate on the target, and why not. */
static void evaluate_release(gl_pool *pool, tproject *proj, trelease *r, int index_priority)
{
    const char *disp = project_display(proj, pool->solv);
    /* files: keep those of the chosen index, rank them */
    size_t kept = 0;
    bool any_tag_ok = false, any_python_ok = false, any_wheel = false;
    for (size_t i = 0; i < r->nfiles; i++) {
        if (!r->direct_url && pool->options.first_index_only && r->files[i].priority != index_priority)
            continue;
        r->files[kept] = r->files[i];
        tfile *f = &r->files[kept++];
        bool wheel;
        int rank = file_rank(pool, f->filename, disp, &wheel);
        any_wheel |= wheel;
        bool py = python_ok(pool, f->requires_python);
        any_tag_ok |= rank >= 0;
        any_python_ok |= py && rank >= 0;
        f->rank = rank;
        f->compatible = rank >= 0 && py;
    }
    r->nfiles = kept;
    if (r->nfiles > 1)
        qsort(r->files, r->nfiles, sizeof *r->files, cmp_tfile);

    if (!r->nfiles || !r->files[0].compatible) {
        if (!any_tag_ok && (any_wheel || pool->options.allow_sdist))
            set_out(r, "no file of %s %s supports %s", disp, r->version_text, pool->target_desc);
        else if (!any_tag_ok)
            set_out(r, "%s %s has only source distributions, and building from source is disabled",
                    disp, r->version_text);
        else if (!any_python_ok) {
            const char *rp = NULL;
            for (size_t i = 0; i < r->nfiles && !rp; i++)
                if (r->files[i].rank >= 0)
                    rp = r->files[i].requires_python;
            set_out(r, "%s %s requires Python %s (the target has Python %u.%u)", disp,
                    r->version_text, rp ? rp : "?", pool->target.python_major, pool->target.python_minor);
        }
        return;
    }
    const tmeta *m = &r->meta;
    if (m->state == META_UNAVAILABLE) {
        set_out(r, "metadata of %s %s unavailable: %s", disp, r->version_text,
                m->reason ? m->reason : "no reason given");
        return;
    }
    if (m->state != META_AVAILABLE) {
        set_out(r, "metadata of %s %s unavailable: it was never fetched", disp, r->version_text);
        return;
    }
    if (!python_ok(pool, m->requires_python)) {
        set_out(r, "%s %s requires Python %s (the target has Python %u.%u)", disp, r->version_text,
                m->requires_python, pool->target.python_major, pool->target.python_minor);
        return;
    }
    for (size_t i = 0; i < pool->nconstraints; i++) {
        tconstraint *c = &pool->constraints[i];
        if (strcmp(c->req.normalized_name, pool_id2str(pool->solv, proj->name)))
            continue;
        if (c->req.url ? !(r->direct_url && !strcmp(c->req.url, r->direct_url))
                       : !gl_specifier_set_contains(&c->req.specifier, &r->version, true)) {
            set_out(r, "%s %s is excluded by the constraint %s (%s)", disp, r->version_text, c->text,
                    c->source);
            return;
        }
    }
    /* requirements, parsed only now that the project is reachable */
    size_t nlines = 0;
    for (int i = m->requires_dist; pool->meta_ids.elements[i]; i++)
        nlines++;
    if (!(r->lines = calloc(nlines + 1, sizeof *r->lines))) {
        set_out(r, "%s %s: out of memory", disp, r->version_text);
        return;
    }
    for (int i = m->requires_dist; pool->meta_ids.elements[i] && !r->out; i++) {
        int line = line_get_id(pool, pool->meta_ids.elements[i]);
        if (line < 0)
            set_out(r, "%s %s: out of memory", disp, r->version_text);
        else if (!pool->lines[line].valid)
            set_out(r, "metadata of %s %s is invalid: %s", disp, r->version_text,
                    pool->lines[line].error);
        else
            r->lines[r->nlines++] = line;
    }
    if (r->out)
        return;
    bool all_yanked = true;
    for (size_t i = 0; i < r->nfiles; i++)
        if (r->files[i].compatible && !r->files[i].yanked)
            all_yanked = false;
    if (all_yanked) {
        r->yanked_only = true;
        r->yanked_reason = dup_or_null(r->files[0].yanked_reason);
    }
}

static bool push_work(gl_pool *pool, int project, Id extra, int line)
{
    if (!grow(&pool->work, &pool->work_cap, pool->nwork, sizeof *pool->work))
        return false;
    pool->work[pool->nwork].project = project;
    pool->work[pool->nwork].extra = extra;
    pool->work[pool->nwork].line = line;
    pool->nwork++;
    return true;
}

/* Gathers the files and metadata of a release from its catalog solvables. False when memory
 * runs out. */
static bool read_release(gl_pool *pool, trelease *r)
{
    if (r->read)
        return true;
    r->read = true;
    for (int i = 0; i < r->catalog.count; i++) {
        cat_record rec;
        if (!read_catalog_solvable(pool, r->catalog.elements[i], &rec))
            return false;
        /* Batches come in the order they were added: the newest that says something wins. */
        if (rec.meta.state)
            r->meta = rec.meta;
        size_t had = r->nfiles;
        if (rec.nfiles) {
            tfile *grown = realloc(r->files, (had + rec.nfiles) * sizeof *r->files);
            if (!grown)
                return false;
            r->files = grown;
        }
        for (size_t j = 0; j < rec.nfiles; j++) {
            /* the same URL added in two batches is one file */
            bool dup = false;
            for (size_t k = 0; k < had && !dup; k++)
                dup = !strcmp(r->files[k].url, rec.files[j].url);
            if (!dup)
                r->files[r->nfiles++] = rec.files[j];
        }
    }
    return true;
}

/* Judges release k of project pi for the target, once. False when memory runs out. */
static bool ensure_evaluated(gl_pool *pool, int pi, size_t k)
{
    tproject *proj = &pool->projects[pi];
    trelease *r = &proj->rel[k];
    if (r->evaluated)
        return true;
    r->evaluated = true;
    if (!read_release(pool, r))
        return false;
    evaluate_release(pool, proj, r, proj->best_priority);
    return true;
}

/* Finds or loads the project: its releases, ordered and ranked. A release is read and judged
 * only when a requirement reaches it (ensure_evaluated), except where the project has a direct
 * release or only its first index counts: then all are, here, as those rules look across
 * releases. -1 when out of memory. */
static int project_get(gl_pool *pool, const char *name)
{
    const name_index *pr = &pool->names;
    size_t idx;
    if (strmap_get(&pool->project_index, name, &idx))
        return (int)idx;
    if (!grow(&pool->projects, &pool->projects_cap, pool->nprojects, sizeof *pool->projects))
        return -1;
    idx = pool->nprojects;
    tproject *proj = &pool->projects[idx];
    memset(proj, 0, sizeof *proj);
    proj->best_priority = -1;
    Pool *s = pool->solv;
    proj->name = pool_str2id(s, name, 1);
    if (!strmap_put(&pool->project_index, name, idx))
        return -1;
    pool->nprojects++;

    /* releases: group catalog solvables by (version, direct url) */
    name_entry key = {proj->name, 0};
    size_t lo = 0, hi = pr->nby_name;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cmp_name_entry(&pr->by_name[mid], &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t relcap = 0;
    bool eager = pool->options.first_index_only;
    for (size_t i = lo; i < pr->nby_name && pr->by_name[i].name == proj->name; i++) {
        Id p = pr->by_name[i].solvable;
        Solvable *sv = s->solvables + p;
        const char *durl = repo_lookup_str(sv->repo, p, pool->key_direct_url);
        if (!proj->display) {
            const char *disp = repo_lookup_str(sv->repo, p, pool->key_display);
            if (disp && !(proj->display = strdup(disp)))
                return -1;
        }
        trelease *r = NULL;
        for (size_t k = 0; k < proj->nrel && !r; k++) {
            trelease *o = &proj->rel[k];
            if (o->evr == sv->evr &&
                (durl ? o->direct_url && !strcmp(o->direct_url, durl) : !o->direct_url))
                r = o;
        }
        if (!r) {
            if (!grow(&proj->rel, &relcap, proj->nrel, sizeof *proj->rel))
                return -1;
            r = &proj->rel[proj->nrel];
            memset(r, 0, sizeof *r);
            queue_init(&r->catalog);
            if (!gl_version_parse_cstr(&r->version, pool_id2str(s, sv->evr), NULL))
                continue; /* cannot happen: versions are parsed when added */
            r->version_text = strdup(pool_id2str(s, sv->evr));
            r->evr = sv->evr;
            r->direct_url = dup_or_null(durl);
            proj->nrel++;
            if (!r->version_text || (durl && !r->direct_url))
                return -1;
            eager |= durl != NULL;
        }
        queue_push(&r->catalog, p);
        r->has_files |= repo_lookup_type(sv->repo, p, pool->key_files) != 0;
    }
    if (!proj->display && !(proj->display = strdup(name)))
        return -1;
    if (eager) {
        for (size_t k = 0; k < proj->nrel; k++) {
            trelease *r = &proj->rel[k];
            if (!read_release(pool, r))
                return -1;
            for (size_t i = 0; i < r->nfiles && !r->direct_url; i++)
                if (proj->best_priority < 0 || r->files[i].priority < proj->best_priority)
                    proj->best_priority = r->files[i].priority;
        }
        /* metadata first: a direct release may borrow it from a file-less index release */
        for (size_t k = 0; k < proj->nrel; k++)
            borrow_metadata(proj, &proj->rel[k]);
    }
    /* drop releases with no file (metadata seen for a version no index lists) */
    size_t kept = 0;
    for (size_t k = 0; k < proj->nrel; k++) {
        trelease *r = &proj->rel[k];
        bool has = eager ? false : r->has_files;
        for (size_t i = 0; eager && i < r->nfiles && !has; i++)
            has = r->direct_url || !pool->options.first_index_only ||
                  r->files[i].priority == proj->best_priority;
        if (has)
            proj->rel[kept++] = *r;
        else
            trelease_free(r);
    }
    proj->nrel = kept;
    if (proj->nrel > 1)
        qsort(proj->rel, proj->nrel, sizeof *proj->rel, cmp_release);
    unsigned rank = 0;
    for (size_t k = 0; k < proj->nrel; k++) {
        if (k == 0 || gl_version_compare(&proj->rel[k - 1].version, &proj->rel[k].version) != 0)
            rank++;
        proj->rel[k].rank = rank;
        if (eager && !ensure_evaluated(pool, (int)idx, k))
            return -1;
    }
    return (int)idx;
}

static bool note_candidate(gl_pool *pool, Id p, int project, int release, int extra)
{
    Id off = p - pool->target_repo->start;
    if (!ensure_id_slot(&pool->cands, &pool->cands_cap, off, sizeof *pool->cands))
        return false;
    pool->cands[off].project = project;
    pool->cands[off].release = release;
    pool->cands[off].extra = extra;
    return true;
}

static Id rank_id(gl_pool *pool, unsigned rank)
{
    char buf[24];
    snprintf(buf, sizeof buf, "%u", rank);
    return pool_str2id(pool->solv, buf, 1);
}

/* Queues dep for expansion the first time it is seen. */
static bool queue_dep(gl_pool *pool, Id dep, int project, Id extra, int line)
{
    Id rel = GETRELID(dep);
    if (!ensure_id_slot(&pool->dep_seen, &pool->dep_seen_cap, rel, sizeof *pool->dep_seen))
        return false;
    if (pool->dep_seen[rel])
        return true;
    pool->dep_seen[rel] = 1;
    return push_work(pool, project, extra, line);
}

/* Appends to deps the namespace dependencies for a requirement line (marker ignored here),
 * loading the project it names and queueing each dependency for expansion. */
static bool requirement_deps(gl_pool *pool, int line, Queue *deps)
{
    Pool *s = pool->solv;
    /* A shallow copy: project_get below may move pool->lines, never the strings it points to. */
    const gl_requirement req = pool->lines[line].req;
    const gl_requirement *r = &req;
    Id tid = pool->lines[line].text;
    if (!tid) {
        gl_requirement bare = req;
        bare.marker = NULL;
        char *text = gl_requirement_to_string(&bare);
        if (!text)
            return false;
        tid = pool->lines[line].text = pool_str2id(s, text, 1);
        free(text);
    }
    if (!ensure_id_slot(&pool->line_of_text, &pool->line_of_text_cap, tid, sizeof *pool->line_of_text))
        return false;
    if (!pool->line_of_text[tid])
        pool->line_of_text[tid] = line + 1;
    int project = project_get(pool, r->normalized_name);
    if (project < 0)
        return false;
    Id name = pool->projects[project].name;
    if (!ensure_id_slot(&pool->select, &pool->select_cap, name, sizeof *pool->select))
        return false;
    pool->select[name].project = project + 1;
    Id dep = pool_rel2id(s, name, tid, REL_NAMESPACE, 1);
    queue_push(deps, dep);
    if (!queue_dep(pool, dep, project, 0, line))
        return false;
    for (size_t i = 0; i < r->nextras; i++) {
        gl_strbuf b = GL_STRBUF_INIT;
        gl_strbuf_printf(&b, "%s[%s]", r->normalized_name, r->extras[i]);
        Id ename = pool_str2id(s, gl_strbuf_cstr(&b), 1);
        gl_strbuf_free(&b);
        Id extra = pool_str2id(s, r->extras[i], 1);
        if (!ensure_id_slot(&pool->select, &pool->select_cap, ename, sizeof *pool->select))
            return false;
        pool->select[ename].project = project + 1;
        pool->select[ename].extra = extra;
        dep = pool_rel2id(s, ename, tid, REL_NAMESPACE, 1);
        queue_push(deps, dep);
        if (!queue_dep(pool, dep, project, extra, line))
            return false;
    }
    return true;
}

static bool add_requires(gl_pool *pool, Id p, const Queue *deps)
{
    Solvable *s = pool->solv->solvables + p;
    for (int i = 0; i < deps->count; i++)
        s->requires = repo_addid_dep(pool->target_repo, s->requires, deps->elements[i], 0);
    return true;
}

/* A new candidate in the target repository: name at the release's rank, providing itself. */
static Id add_candidate_solvable(gl_pool *pool, Id name, unsigned rank)
{
    Pool *s = pool->solv;
    Id p = repo_add_solvable(pool->target_repo);
    Solvable *sv = s->solvables + p;
    sv->name = name;
    sv->evr = rank_id(pool, rank);
    sv->arch = ARCH_NOARCH;
    sv->provides = repo_addid_dep(pool->target_repo, 0, pool_rel2id(s, name, sv->evr, REL_EQ, 1), 0);
    return p;
}

/* Makes the candidate of release k of project pi, with the requirements that hold without an
 * extra. The release must be evaluated and not out. */
static bool expand_release_base(gl_pool *pool, int pi, size_t k)
{
    tproject *proj = &pool->projects[pi];
    trelease *r = &proj->rel[k];
    if (r->expanded)
        return true;
    r->expanded = true;
    Id p = add_candidate_solvable(pool, proj->name, r->rank);
    r->solvable = p;
    if (!note_candidate(pool, p, pi, (int)k, -1))
        return false;
    Queue deps;
    queue_init(&deps);
    bool ok = true;
    size_t kept = 0;
    for (size_t i = 0; ok && i < r->nlines; i++) {
        int line = r->lines[i];
        if (marker_true(pool, line, NULL))
            ok = requirement_deps(pool, line, &deps);
        else if (gl_marker_references_extra(pool->lines[line].req.marker))
            r->lines[kept++] = line; /* an extra may want it later */
        /* requirement_deps may have grown pool->projects (not the release arrays) */
        r = &pool->projects[pi].rel[k];
    }
    r->nlines = kept;
    if (ok)
        add_requires(pool, r->solvable, &deps);
    queue_free(&deps);
    return ok;
}

/* Makes the candidate of release k of project pi for one extra: the release itself at the same
 * rank, plus every line whose marker holds for that extra but not without it. The release's own
 * candidate must exist. */
static bool expand_release_extra(gl_pool *pool, int pi, size_t k, Id extra)
{
    Pool *s = pool->solv;
    trelease *r = &pool->projects[pi].rel[k];
    for (size_t i = 0; i < r->nextras; i++)
        if (r->extras[i].extra == extra)
            return true;
    /* a copy: the pool's string space moves as requirement_deps adds strings */
    char *extra_name = strdup(pool_id2str(s, extra));
    if (!extra_name)
        return false;
    gl_strbuf b = GL_STRBUF_INIT;
    gl_strbuf_printf(&b, "%s[%s]", pool_id2str(s, pool->projects[pi].name), extra_name);
    Id ename = pool_str2id(s, gl_strbuf_cstr(&b), 1);
    gl_strbuf_free(&b);
    Id p = add_candidate_solvable(pool, ename, r->rank);
    Queue deps;
    queue_init(&deps);
    queue_push(&deps, pool_rel2id(s, pool->projects[pi].name, s->solvables[p].evr, REL_EQ, 1));
    bool declared = extra_in(pool, r->meta.provides_extra, extra_name);
    bool ok = true;
    for (size_t i = 0; ok && i < r->nlines; i++) {
        int line = r->lines[i];
        if (marker_true(pool, line, NULL) || !marker_true_for_extra(pool, line, extra, extra_name))
            continue;
        declared = true;
        ok = requirement_deps(pool, line, &deps);
        r = &pool->projects[pi].rel[k];
    }
    if (!ok || !grow(&r->extras, &r->extras_cap, r->nextras, sizeof *r->extras) ||
        !note_candidate(pool, p, pi, (int)k, (int)r->nextras)) {
        ok = false;
    } else {
        r->extras[r->nextras].name = ename;
        r->extras[r->nextras].extra = extra;
        r->extras[r->nextras].solvable = p;
        r->extras[r->nextras].declared = declared;
        r->nextras++;
        add_requires(pool, p, &deps);
    }
    queue_free(&deps);
    free(extra_name);
    return ok;
}

static bool release_matches(const trelease *r, const gl_requirement *req, bool allow_pre);

/* Gives a candidate to every usable release the work item's requirement may select. Pre-releases
 * and yanked releases are included: the namespace callback applies those policies, and needs
 * them as candidates when they apply. Releases no requirement selects are never read. */
static bool expand_work(gl_pool *pool, work_item item)
{
    /* A shallow copy: expanding may move pool->lines, never the strings it points to. */
    const gl_requirement req = pool->lines[item.line].req;
    for (size_t k = 0; k < pool->projects[item.project].nrel; k++) {
        if (!release_matches(&pool->projects[item.project].rel[k], &req, true))
            continue;
        if (!ensure_evaluated(pool, item.project, k))
            return false;
        if (pool->projects[item.project].rel[k].out)
            continue;
        if (!expand_release_base(pool, item.project, k) ||
            (item.extra && !expand_release_extra(pool, item.project, k, item.extra)))
            return false;
    }
    return true;
}

/* Expands the queued work items, and those they queue, until none is left. */
static bool expand_pending(gl_pool *pool)
{
    for (; pool->work_done < pool->nwork; pool->work_done++)
        if (!expand_work(pool, pool->work[pool->work_done]))
            return false;
    return true;
}

static bool parse_checked(gl_requirement *out, const char *text, const char *what, gl_error *err)
{
    if (!gl_requirement_parse(out, text, strlen(text), err)) {
        gl_error_prefix(err, "%s: ", what);
        return false;
    }
    return true;
}

bool gl_pool_prepare(gl_pool *pool, const struct gl_target *target,
                     const struct gl_marker_env *env, const gl_pool_options *options,
                     const char *const *root_requirements, size_t nroots,
                     const gl_pool_constraint *constraints, size_t nconstraints, gl_error *err)
{
    if (!target || !env || (nroots && !root_requirements) || (nconstraints && !constraints)) {
        gl_error_set(err, GL_EINVAL, "preparing the candidates: target, environment and roots are required");
        return false;
    }
    if (!freeze(pool, err))
        return false;
    target_reset(pool);
    gl_pool_options defaults = GL_POOL_OPTIONS_DEFAULT;
    pool->target = *target;
    pool->env = env;
    pool->options = options ? *options : defaults;
    gl_strbuf desc = GL_STRBUF_INIT;
    gl_strbuf_printf(&desc, "Python %u.%u on %s", target->python_major, target->python_minor,
                     target->platform);
    pool->target_desc = gl_strbuf_detach(&desc);
    pool->target_repo = repo_create(pool->solv, "target");
    bool ok = pool->target_desc && build_name_index(pool, &pool->names);
    if (ok && nconstraints && !(pool->constraints = calloc(nconstraints, sizeof *pool->constraints)))
        ok = false;
    for (size_t i = 0; ok && i < nconstraints; i++) {
        tconstraint *c = &pool->constraints[pool->nconstraints];
        if (!parse_checked(&c->req, constraints[i].requirement,
                           constraints[i].source ? constraints[i].source : "constraint", err)) {
            target_reset(pool);
            return false;
        }
        if (c->req.marker && gl_marker_evaluate(c->req.marker, env, NULL, NULL) != 1) {
            gl_requirement_free(&c->req);
            continue;
        }
        gl_requirement bare = c->req;
        bare.marker = NULL;
        c->text = gl_requirement_to_string(&bare);
        c->source = strdup(constraints[i].source ? constraints[i].source : "constraints");
        pool->nconstraints++;
        ok = c->text && c->source;
    }
    Queue deps;
    queue_init(&deps);
    for (size_t i = 0; ok && i < nroots; i++) {
        int line = line_get(pool, root_requirements[i]);
        if (line >= 0 && !pool->lines[line].valid) {
            gl_error_set(err, GL_EINVAL, "requirement: %s", pool->lines[line].error);
            queue_free(&deps);
            target_reset(pool);
            return false;
        }
        ok = line >= 0;
        if (ok && marker_true(pool, line, NULL))
            ok = requirement_deps(pool, line, &deps);
    }
    queue_free(&deps);
    ok = ok && expand_pending(pool);
    if (!ok) {
        gl_error_set(err, GL_ENOMEM, "preparing the candidates for %s: out of memory",
                     pool->target_desc ? pool->target_desc : "the target");
        target_reset(pool);
        return false;
    }
    pool_createwhatprovides(pool->solv);
    pool->prepared = true;
    return true;
}

bool gl_pool_requirement_deps(gl_pool *pool, const char *requirement, Queue *deps, gl_error *err)
{
    if (!pool->prepared) {
        gl_error_set(err, GL_EINVAL, "requirement %s: the pool is not prepared", requirement);
        return false;
    }
    int line = line_get(pool, requirement);
    if (line < 0) {
        gl_error_set(err, GL_ENOMEM, "requirement %s: out of memory", requirement);
        return false;
    }
    if (!pool->lines[line].valid) {
        gl_error_set(err, GL_EINVAL, "requirement: %s", pool->lines[line].error);
        return false;
    }
    if (!marker_true(pool, line, NULL))
        return true;
    /* Projects the roots reached are loaded already; anything else is unknown here. */
    size_t idx;
    if (!strmap_get(&pool->project_index, pool->lines[line].req.normalized_name, &idx)) {
        gl_error_set(err, GL_EINVAL, "requirement %s: not among the prepared roots", requirement);
        return false;
    }
    int before = pool->target_repo->nsolvables;
    if (!requirement_deps(pool, line, deps) || !expand_pending(pool)) {
        gl_error_set(err, GL_ENOMEM, "requirement %s: out of memory", requirement);
        return false;
    }
    /* A requirement the roots did not contain may have reached new candidates. */
    if (pool->target_repo->nsolvables != before)
        pool_createwhatprovides(pool->solv);
    return true;
}

/* ---- the namespace callback: PEP 440 decides which candidates satisfy a requirement --------- */

static bool pinned_exactly(const gl_specifier_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        if (set->items[i].op == GL_OP_EQ || set->items[i].op == GL_OP_ARBITRARY)
            return true;
    return false;
}

static Id release_solvable(const trelease *r, Id extra_name)
{
    if (!extra_name)
        return r->solvable;
    for (size_t i = 0; i < r->nextras; i++)
        if (r->extras[i].name == extra_name)
            return r->extras[i].solvable;
    return 0;
}

/* Releases matching the requirement, candidates or not (for explanations too). */
static bool release_matches(const trelease *r, const gl_requirement *req, bool allow_pre)
{
    if (req->url)
        return r->direct_url && !strcmp(r->direct_url, req->url);
    return gl_specifier_set_contains(&req->specifier, &r->version, allow_pre);
}

/* The candidates satisfying the namespace dependency (name, text), newest first: at most `limit`
 * of them (0: all; *cut tells whether some were left out), only considered ones when `filter`.
 * The pre-release fallback looks at every candidate, so a window never changes it. */
static void match_dep(gl_pool *pool, Id name, Id evr, size_t limit, bool filter, Queue *q, bool *cut)
{
    if (!pool->prepared)
        return;
    const tproject *proj = selected_project(pool, name);
    const gl_requirement *req = text_requirement(pool, evr);
    if (!proj || !req)
        return;
    Id extra_name = pool->select[name].extra ? name : 0;
    bool pinned = pinned_exactly(&req->specifier);
    bool found = false;
    for (int pass = 0; pass < 2 && !found; pass++) {
        bool allow_pre = pool->options.allow_pre || pass == 1;
        if (pass == 1 && pool->options.allow_pre)
            break;
        for (size_t k = proj->nrel; k-- > 0;) {
            const trelease *r = &proj->rel[k];
            if (r->out || (r->yanked_only && !pinned) || !release_matches(r, req, allow_pre))
                continue;
            Id p = release_solvable(r, extra_name);
            if (!p)
                continue;
            found = true;
            if (filter && !MAPTST(&pool->window_map, p))
                continue;
            if (limit && (size_t)q->count >= limit) {
                if (cut)
                    *cut = true;
                break;
            }
            queue_push(q, p);
        }
    }
}

static Id ns_callback(Pool *solv, void *data, Id name, Id evr)
{
    gl_pool *pool = data;
    Queue q;
    queue_init(&q);
    match_dep(pool, name, evr, 0, pool->window_on, &q, NULL);
    Id off = q.count ? pool_queuetowhatprovides(solv, &q) : 0;
    queue_free(&q);
    return off;
}

static void window_mark(gl_pool *pool, Id p, Queue *todo)
{
    Queue rel;
    queue_init(&rel);
    gl_pool_release_candidates(pool, p, &rel);
    for (int i = 0; i < rel.count; i++) {
        Id c = rel.elements[i];
        if (!MAPTST(&pool->window_map, c)) {
            MAPSET(&pool->window_map, c);
            queue_push(todo, c);
        }
    }
    queue_free(&rel);
}

static void window_mark_dep(gl_pool *pool, Id dep, size_t window, Queue *todo, Map *seen, bool *cut)
{
    Pool *s = pool->solv;
    if (!ISRELDEP(dep) || GETRELDEP(s, dep)->flags != REL_NAMESPACE)
        return; /* an extra's link to its project: marked with the extra */
    if (MAPTST(seen, GETRELID(dep)))
        return;
    MAPSET(seen, GETRELID(dep));
    Reldep *rd = GETRELDEP(s, dep);
    Queue q;
    queue_init(&q);
    match_dep(pool, rd->name, rd->evr, window, false, &q, cut);
    for (int i = 0; i < q.count; i++)
        window_mark(pool, q.elements[i], todo);
    queue_free(&q);
}

void gl_pool_set_window(gl_pool *pool, size_t window, const Queue *roots, const Queue *keep, bool *cut)
{
    Pool *s = pool->solv;
    *cut = false;
    if (pool->window_on) {
        map_free(&pool->window_map);
        s->considered = NULL;
        pool->window_on = false;
    }
    size_t most = 0; /* a window no project exceeds changes nothing */
    for (size_t i = 0; i < pool->nprojects; i++)
        if (pool->projects[i].nrel > most)
            most = pool->projects[i].nrel;
    if (window && window < most && pool->prepared) {
        Map seen;
        map_init(&seen, s->nrels);
        map_init(&pool->window_map, s->nsolvables);
        MAPSET(&pool->window_map, SYSTEMSOLVABLE);
        Queue todo;
        queue_init(&todo);
        for (int i = 0; keep && i < keep->count; i++)
            window_mark(pool, keep->elements[i], &todo);
        for (int i = 0; roots && i < roots->count; i++)
            window_mark_dep(pool, roots->elements[i], window, &todo, &seen, cut);
        while (todo.count) {
            Solvable *sv = s->solvables + queue_pop(&todo);
            if (!sv->requires)
                continue;
            for (Id *dp = sv->repo->idarraydata + sv->requires; *dp; dp++)
                window_mark_dep(pool, *dp, window, &todo, &seen, cut);
        }
        queue_free(&todo);
        map_free(&seen);
        s->considered = &pool->window_map;
        pool->window_on = true;
    }
    pool_createwhatprovides(s);
}

/* ---- candidates, for the solver and explanations --------------------------------------- */

static const tcand *cand_of(const gl_pool *pool, int solvable)
{
    if (!pool->prepared || !pool->target_repo || solvable < pool->target_repo->start ||
        solvable >= pool->target_repo->end)
        return NULL;
    Id off = solvable - pool->target_repo->start;
    if ((size_t)off >= pool->cands_cap || !pool->projects || pool->solv->solvables[solvable].repo != pool->target_repo)
        return NULL;
    return &pool->cands[off];
}

bool gl_pool_candidate(const gl_pool *pool, int solvable, gl_candidate *out)
{
    const tcand *c = cand_of(pool, solvable);
    if (!c)
        return false;
    gl_pool *mut = (gl_pool *)pool; /* scratch space for the file list */
    const tproject *proj = &pool->projects[c->project];
    const trelease *r = &proj->rel[c->release];
    memset(out, 0, sizeof *out);
    out->name = pool_id2str(pool->solv, proj->name);
    out->display_name = project_display(proj, pool->solv);
    out->version = r->version_text;
    if (c->extra >= 0) {
        out->extra = pool_id2str(pool->solv, r->extras[c->extra].extra);
        out->extra_declared = r->extras[c->extra].declared;
    }
    out->direct_url = r->direct_url;
    if (!grow(&mut->cand_files, &mut->cand_files_cap, r->nfiles, sizeof *mut->cand_files))
        return false;
    for (size_t i = 0; i < r->nfiles; i++) {
        gl_candidate_file *f = &mut->cand_files[i];
        f->filename = r->files[i].filename;
        f->url = r->files[i].url;
        f->sha256 = r->files[i].sha256;
        f->yanked = r->files[i].yanked;
        f->compatible = r->files[i].compatible;
    }
    out->files = mut->cand_files;
    out->nfiles = r->nfiles;
    return true;
}

int gl_pool_find_candidate(const gl_pool *pool, const char *project, const char *version,
                           const char *extra)
{
    if (!pool->prepared || !project || !version)
        return 0;
    char *name = gl_name_normalize_dup(project, strlen(project));
    size_t idx;
    bool found = name && strmap_get(&pool->project_index, name, &idx);
    free(name);
    gl_version v;
    if (!found || !gl_version_parse_cstr(&v, version, NULL))
        return 0;
    Id extra_id = extra ? pool_str2id(pool->solv, extra, 0) : 0;
    const tproject *proj = &pool->projects[idx];
    Id result = 0;
    for (size_t k = proj->nrel; k-- > 0 && !result;) {
        const trelease *r = &proj->rel[k];
        /* An exact match: the local label counts ("2.9.0" is not "2.9.0+cu128"). */
        if (r->out || r->direct_url || gl_version_compare(&r->version, &v) != 0)
            continue;
        if (!extra) {
            result = r->solvable;
        } else {
            for (size_t i = 0; i < r->nextras; i++)
                if (r->extras[i].extra == extra_id)
                    result = r->extras[i].solvable;
        }
    }
    gl_version_free(&v);
    return result;
}

void gl_pool_release_candidates(const gl_pool *pool, int solvable, Queue *out)
{
    const tcand *c = cand_of(pool, solvable);
    if (!c)
        return;
    const trelease *r = &pool->projects[c->project].rel[c->release];
    if (r->solvable)
        queue_push(out, r->solvable);
    for (size_t i = 0; i < r->nextras; i++)
        queue_push(out, r->extras[i].solvable);
}

/* The candidate whose evr is rank, for printing an extra's link to its project. */
static const trelease *release_by_rank(const gl_pool *pool, Id name, Id evr, const tproject **projp)
{
    const tproject *proj = selected_project(pool, name);
    if (!proj)
        return NULL;
    unsigned rank = (unsigned)strtoul(pool_id2str(pool->solv, evr), NULL, 10);
    for (size_t k = 0; k < proj->nrel; k++)
        if (proj->rel[k].rank == rank) {
            *projp = proj;
            return &proj->rel[k];
        }
    return NULL;
}

const char *gl_pool_dep_text(const gl_pool *pool, int dep)
{
    Pool *s = pool->solv;
    if (!ISRELDEP(dep))
        return NULL;
    Reldep *rd = GETRELDEP(s, dep);
    if (rd->flags == REL_NAMESPACE)
        return pool_id2str(s, rd->evr);
    if (rd->flags == REL_EQ) {
        const tproject *proj;
        const trelease *r = release_by_rank(pool, rd->name, rd->evr, &proj);
        if (r)
            return pool_tmpjoin(s, project_display(proj, s), "==", r->version_text);
    }
    return NULL;
}

const char *gl_pool_dep_project(const gl_pool *pool, int dep)
{
    Pool *s = pool->solv;
    if (!ISRELDEP(dep))
        return NULL;
    Reldep *rd = GETRELDEP(s, dep);
    if (rd->flags != REL_NAMESPACE && rd->flags != REL_EQ)
        return NULL;
    const tproject *proj = selected_project(pool, rd->name);
    return proj ? pool_id2str(s, proj->name) : NULL;
}

void gl_pool_describe(const gl_pool *pool, int solvable, gl_strbuf *out)
{
    gl_candidate c;
    if (!gl_pool_candidate(pool, solvable, &c)) {
        gl_strbuf_puts(out, "an unknown package");
        return;
    }
    gl_strbuf_printf(out, "%s%s%s%s %s", c.display_name, c.extra ? "[" : "", c.extra ? c.extra : "",
                     c.extra ? "]" : "", c.version);
}

const char *gl_pool_target_description(const gl_pool *pool)
{
    return pool->target_desc ? pool->target_desc : "the target";
}

#define EXPLAIN_MAX_RELEASES 6

void gl_pool_explain_dep(const gl_pool *pool, int dep, gl_strbuf *out)
{
    Pool *s = pool->solv;
    if (!ISRELDEP(dep))
        return;
    Reldep *rd = GETRELDEP(s, dep);
    if (rd->flags != REL_NAMESPACE)
        return;
    const tproject *proj = selected_project(pool, rd->name);
    const gl_requirement *req = text_requirement(pool, rd->evr);
    if (!proj || !req)
        return;
    const char *disp = project_display(proj, s);
    if (!proj->nrel) {
        gl_strbuf_printf(out, "%s is not listed by any index", disp);
        return;
    }
    size_t shown = 0, matching = 0;
    bool pinned = pinned_exactly(&req->specifier);
    for (size_t k = proj->nrel; k-- > 0;) {
        const trelease *r = &proj->rel[k];
        if (!release_matches(r, req, true))
            continue;
        matching++;
        if (shown >= EXPLAIN_MAX_RELEASES)
            continue;
        if (r->out) {
            gl_strbuf_printf(out, "%s%s", shown ? "; " : "", r->out);
        } else if (r->yanked_only && !pinned) {
            gl_strbuf_printf(out, "%sall files of %s %s are yanked%s%s", shown ? "; " : "", disp,
                             r->version_text, r->yanked_reason ? ": " : "",
                             r->yanked_reason ? r->yanked_reason : "");
        } else if (pool->select[rd->name].extra && !release_solvable(r, rd->name)) {
            continue;
        } else {
            continue; /* a usable release: the conflict is elsewhere */
        }
        shown++;
    }
    if (matching > shown && shown)
        gl_strbuf_printf(out, "; and %zu more", matching - shown);
    if (!matching) {
        gl_strbuf_printf(out, "no release of %s matches %s; the releases are ", disp, pool_id2str(s, rd->evr));
        size_t first = proj->nrel > EXPLAIN_MAX_RELEASES ? proj->nrel - EXPLAIN_MAX_RELEASES : 0;
        if (first)
            gl_strbuf_puts(out, "…, ");
        for (size_t k = first; k < proj->nrel; k++)
            gl_strbuf_printf(out, "%s%s", k > first ? ", " : "", proj->rel[k].version_text);
    }
}
