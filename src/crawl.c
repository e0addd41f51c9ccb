/* crawl.c — breadth-first crawl of an index set into a gl_snapshot, and feeding pools. */
#include "crawl.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "core_metadata.h"
#include "digest.h"
#include "lazy_wheel.h"
#include "sdist_pkginfo.h"
#include "requirement.h"
#include "simple_index.h"
#include "strbuf.h"
#include "url.h"
#include "wheel_filename.h"

/* ---- small helpers ---- */

typedef struct strlist {
    char **items;
    size_t count, cap;
} strlist;

static bool strlist_has(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->count; i++)
        if (!strcmp(l->items[i], s))
            return true;
    return false;
}

/* Takes ownership of s (freed on failure). */
static bool strlist_push(strlist *l, char *s, gl_error *err)
{
    if (!s) {
        gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
        return false;
    }
    if (l->count == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 32;
        char **p = realloc(l->items, ncap * sizeof *p);
        if (!p) {
            free(s);
            gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
            return false;
        }
        l->items = p;
        l->cap = ncap;
    }
    l->items[l->count++] = s;
    return true;
}

static void strlist_free(strlist *l)
{
    for (size_t i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The normalised project name a Requires-Dist string starts with, or NULL. */
static char *requirement_project(const char *req)
{
    while (*req == ' ' || *req == '\t')
        req++;
    size_t n = 0;
    while ((req[n] >= 'a' && req[n] <= 'z') || (req[n] >= 'A' && req[n] <= 'Z') ||
           (req[n] >= '0' && req[n] <= '9') || req[n] == '-' || req[n] == '_' || req[n] == '.')
        n++;
    return n ? gl_name_normalize_dup(req, n) : NULL;
}

static char *page_url_for(const gl_index *ix, const char *project)
{
    gl_strbuf b = GL_STRBUF_INIT;
    gl_strbuf_printf(&b, "%s/%s/", ix->url, project);
    return gl_strbuf_detach(&b);
}

/* A link's URL as users see it: a mirror's absolute href is rewritten to the public index. */
static char *public_link_url(const gl_index_set *set, const char *url)
{
    return gl_index_set_to_public_url(set, url);
}

/* ---- crawl ---- */

static void crawl_fetch_batch(const gl_crawl_options *opts, const gl_fetch_request *reqs,
                              gl_fetch_result *res, size_t n)
{
    if (opts->cache)
        gl_cache_fetch_batch(opts->cache, reqs, res, n);
    else
        gl_fetch_batch(opts->fetcher, reqs, res, n);
}

typedef struct crawl_state {
    const gl_crawl_options *opts;
    gl_snapshot *out;
    strlist seen;  /* every project ever queued */
    strlist layer; /* this layer's projects */
    strlist next;  /* found in this layer's metadata, for the next */
} crawl_state;

typedef struct page_job {
    const char *project;
    gl_index_lookup lookup;
    size_t pos; /* next entry of lookup.first to ask */
    bool found; /* no more of lookup.first need asking */
} page_job;

typedef struct page_request {
    size_t job;
    size_t index; /* into opts->indexes->items */
    char *public_url;
    char *fetch_url;
} page_request;

static void page_requests_free(page_request *reqs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(reqs[i].public_url);
        free(reqs[i].fetch_url);
    }
    free(reqs);
}

/* The index says the thing does not exist (an offline cache miss is no such answer). */
static bool is_not_found(const gl_fetch_result *res, const char *url)
{
    return res->status == 404 || res->status == 410 ||
           (res->error.code == GL_ENOTFOUND && !strncmp(url, "file:", 5));
}

/* Fetches one round of page requests and records pages and misses. */
static bool fetch_pages(crawl_state *st, page_job *jobs, page_request *reqs, size_t n, gl_error *err)
{
    const gl_index_set *set = st->opts->indexes;
    gl_fetch_request *freqs = calloc(n ? n : 1, sizeof *freqs);
    gl_fetch_result *res = calloc(n ? n : 1, sizeof *res);
    if (!freqs || !res) {
        free(freqs), free(res);
        gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
        return false;
    }
    for (size_t i = 0; i < n; i++)
        freqs[i].url = reqs[i].fetch_url;
    crawl_fetch_batch(st->opts, freqs, res, n);
    bool ok = true;
    for (size_t i = 0; i < n && ok; i++) {
        page_job *job = &jobs[reqs[i].job];
        const gl_index *ix = &set->items[reqs[i].index];
        if (res[i].error.code == GL_OK && res[i].status < 300) {
            /* A redirected page resolves its links against where it ended up. */
            char *url = res[i].final_url ? gl_index_set_to_public_url(set, res[i].final_url) : NULL;
            ok = gl_snapshot_add_page(st->out, ix->name, job->project, url ? url : reqs[i].public_url,
                                      gl_strbuf_cstr(&res[i].body), res[i].body.len, err);
            free(url);
            /* A snapshot keeps the first-index answer too, for selections without PyTorch. */
            bool in_all_group = false;
            for (size_t k = 0; k < job->lookup.nall; k++)
                in_all_group |= job->lookup.all[k] == reqs[i].index;
            if (!in_all_group || (!st->opts->for_snapshot && !job->lookup.merge))
                job->found = true;
        } else if (is_not_found(&res[i], reqs[i].fetch_url)) {
            ok = gl_snapshot_add_missing(st->out, ix->name, job->project, err);
        } else {
            gl_error_set(err, res[i].error.code ? res[i].error.code : GL_ENET,
                         "cannot read the page of '%s' on %s: %s", job->project, ix->url,
                         res[i].error.message[0] ? res[i].error.message : "transfer failed");
            ok = false;
        }
    }
    for (size_t i = 0; i < n; i++)
        gl_fetch_result_free(&res[i]);
    free(freqs);
    free(res);
    return ok;
}

static bool add_page_request(page_request **reqs, size_t *n, size_t job, const gl_index_set *set,
                             size_t index, const char *project, gl_error *err)
{
    page_request *p = realloc(*reqs, (*n + 1) * sizeof *p);
    if (!p) {
        gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
        return false;
    }
    *reqs = p;
    page_request *r = &p[*n];
    r->job = job;
    r->index = index;
    r->public_url = page_url_for(&set->items[index], project);
    r->fetch_url = r->public_url ? gl_index_set_to_fetch_url(set, r->public_url) : NULL;
    (*n)++;
    if (!r->public_url || !r->fetch_url) {
        gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
        return false;
    }
    return true;
}

/* Reads this layer's project pages: first every index of each project's `all` group at once,
 * then the `first` group one index per round, each round one parallel batch. */
static bool crawl_pages(crawl_state *st, gl_error *err)
{
    const gl_index_set *set = st->opts->indexes;
    size_t njobs = st->layer.count;
    page_job *jobs = calloc(njobs ? njobs : 1, sizeof *jobs);
    if (!jobs) {
        gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
        return false;
    }
    for (size_t j = 0; j < njobs; j++) {
        jobs[j].project = st->layer.items[j];
        if (st->opts->for_snapshot)
            gl_index_set_lookup_for_snapshot(set, jobs[j].project, &jobs[j].lookup);
        else
            gl_index_set_lookup(set, jobs[j].project, &jobs[j].lookup);
    }
    bool ok = true;
    for (int round = 0; ok; round++) {
        page_request *reqs = NULL;
        size_t n = 0;
        for (size_t j = 0; j < njobs && ok; j++) {
            page_job *job = &jobs[j];
            if (round == 0) {
                for (size_t k = 0; k < job->lookup.nall && ok; k++)
                    ok = add_page_request(&reqs, &n, j, set, job->lookup.all[k], job->project, err);
                if (job->lookup.nall)
                    continue;
            }
            if (job->found || job->pos >= job->lookup.nfirst)
                continue;
            ok = ok && add_page_request(&reqs, &n, j, set, job->lookup.first[job->pos++], job->project, err);
        }
        if (ok && n == 0 && round > 0) {
            page_requests_free(reqs, n);
            break;
        }
        ok = ok && fetch_pages(st, jobs, reqs, n, err);
        page_requests_free(reqs, n);
    }
    free(jobs);
    return ok;
}

/* One release whose metadata this layer reads. */
typedef struct meta_job {
    const char *project;  /* borrowed from the snapshot page */
    char *version;
    char *file_url;       /* public */
    char *filename;
    const char *page_url; /* borrowed */
    int score;            /* 4 wheel+PEP 658, 3 sdist+PEP 658, 2 wheel, 1 sdist */
    const char *algo;     /* of the PEP 658 file */
    char *hex;
    const char *file_algo; /* of the file itself */
    char *file_hex;
} meta_job;

static void meta_jobs_free(meta_job *jobs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(jobs[i].version);
        free(jobs[i].file_url);
        free(jobs[i].filename);
        free(jobs[i].hex);
        free(jobs[i].file_hex);
    }
    free(jobs);
}

static meta_job *find_job(meta_job *jobs, size_t n, const char *project, const char *version)
{
    for (size_t i = n; i-- > 0;)
        if (!strcmp(jobs[i].version, version) && !strcmp(jobs[i].project, project))
            return &jobs[i];
    return NULL;
}

/* Reads the distribution file a link on project's page names; false (df left with nothing to
 * free) when the link names none. */
static bool link_dist_filename(const gl_index_link *link, const char *project, gl_dist_filename *df)
{
    if (!link->filename[0])
        return false;
    if (!gl_dist_filename_parse_hinted(df, link->filename, project, NULL)) {
        gl_dist_filename_free(df);
        return false;
    }
    return true;
}

/* Picks, per release listed on the page, the file whose metadata is cheapest to read. */
static bool plan_page_metadata(crawl_state *st, const gl_snapshot_page *page, meta_job **jobs,
                               size_t *njobs, size_t *cap, gl_error *err)
{
    gl_index_page parsed;
    if (!gl_index_page_parse(&parsed, page->body, page->len, page->url, err)) {
        gl_error_prefix(err, "page of '%s': ", page->project);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < parsed.nlinks && ok; i++) {
        const gl_index_link *link = &parsed.links[i];
        gl_dist_filename df;
        if (!link_dist_filename(link, page->project, &df))
            continue; /* not a distribution file: nothing to resolve from it */
        int score = (df.kind == GL_DIST_WHEEL ? 2 : 1) + (link->has_core_metadata ? 2 : 0);
        if (gl_snapshot_find_metadata(st->out, page->project, df.version_text)) {
            gl_dist_filename_free(&df);
            continue;
        }
        meta_job *job = find_job(*jobs, *njobs, page->project, df.version_text);
        if (job && job->score >= score) {
            gl_dist_filename_free(&df);
            continue;
        }
        if (!job) {
            if (*njobs == *cap) {
                size_t ncap = *cap ? *cap * 2 : 64;
                meta_job *p = realloc(*jobs, ncap * sizeof *p);
                if (!p) {
                    gl_dist_filename_free(&df);
                    gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
                    ok = false;
                    break;
                }
                *jobs = p;
                *cap = ncap;
            }
            job = &(*jobs)[(*njobs)++];
            memset(job, 0, sizeof *job);
            job->project = page->project;
            job->version = strdup(df.version_text);
        } else {
            free(job->file_url), free(job->filename), free(job->hex), free(job->file_hex);
            job->hex = job->file_hex = NULL;
        }
        job->page_url = page->url;
        job->score = score;
        job->file_url = public_link_url(st->opts->indexes, link->url);
        job->filename = strdup(link->filename);
        job->algo = link->core_metadata_hash_algo;
        job->hex = link->core_metadata_hash_hex ? strdup(link->core_metadata_hash_hex) : NULL;
        job->file_algo = link->hash_algo;
        job->file_hex = link->hash_hex ? strdup(link->hash_hex) : NULL;
        if (!job->version || !job->file_url || !job->filename ||
            (link->core_metadata_hash_hex && !job->hex) || (link->hash_hex && !job->file_hex)) {
            gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
            ok = false;
        }
        gl_dist_filename_free(&df);
    }
    gl_index_page_free(&parsed);
    return ok;
}

/* Queues every project the metadata requires, for the next layer. */
static bool follow_requirements(crawl_state *st, const char *body, size_t len, const char *source,
                                gl_error *err)
{
    gl_core_metadata md;
    gl_error ignored;
    if (!gl_core_metadata_parse(&md, body, len, source, &ignored)) {
        gl_core_metadata_free(&md);
        return true; /* the release is marked unavailable when the pool is fed */
    }
    bool ok = true;
    for (size_t i = 0; i < md.nrequires_dist && ok; i++) {
        char *name = requirement_project(md.requires_dist[i]);
        if (!name || strlist_has(&st->seen, name)) {
            free(name);
            continue;
        }
        char *copy = strdup(name);
        ok = strlist_push(&st->seen, name, err) && strlist_push(&st->next, copy, err);
    }
    gl_core_metadata_free(&md);
    return ok;
}


/* PEP 643: an sdist's PKG-INFO states the release's dependencies only from Metadata-Version
 * 2.2 on, and only when Requires-Dist is not Dynamic. NULL when usable, else the reason. */
static const char *pkg_info_unusable(const gl_core_metadata *md)
{
    int major = 0, minor = 0;
    if (!md->metadata_version || sscanf(md->metadata_version, "%d.%d", &major, &minor) != 2 ||
        major < 2 || (major == 2 && minor < 2))
        return "the sdist's PKG-INFO is older than Metadata-Version 2.2, so its Requires-Dist may be incomplete (PEP 643)";
    for (size_t i = 0; i < md->ndynamic; i++)
        if (!strcasecmp(md->dynamic[i], "Requires-Dist"))
            return "the sdist declares Requires-Dist as Dynamic: only a build knows it (PEP 643)";
    return NULL;
}

/* Appends text with every occurrence of `from` replaced by `to`. */
static void put_replaced(gl_strbuf *b, const char *text, const char *from, const char *to)
{
    size_t n = strlen(from);
    for (const char *hit; n && (hit = strstr(text, from)); text = hit + n) {
        gl_strbuf_append(b, text, (size_t)(hit - text));
        gl_strbuf_puts(b, to);
    }
    gl_strbuf_puts(b, text);
}

/* The reason is kept in the snapshot: it names the public URL, never the mirror crawled. */
static bool add_unavailable(crawl_state *st, const meta_job *job, const char *what, const char *reason,
                            const char *fetch_url, gl_error *err)
{
    gl_strbuf why = GL_STRBUF_INIT;
    char *shown_fetch_url = gl_url_redact(fetch_url);
    gl_strbuf_printf(&why, "%s offers no PEP 658 metadata for %s; %s: ", job->page_url, job->filename, what);
    put_replaced(&why, reason, shown_fetch_url ? shown_fetch_url : fetch_url, job->file_url);
    free(shown_fetch_url);
    bool ok = gl_snapshot_add_metadata(st->out, job->project, job->version, GL_METADATA_UNAVAILABLE,
                                       job->file_url, NULL, 0, gl_strbuf_cstr(&why), err);
    gl_strbuf_free(&why);
    return ok;
}

/* A wheel without PEP 658 metadata (older PyTorch-index files): its METADATA through range
 * requests. An sdist: its PKG-INFO when PEP 643 makes it trustworthy. Failing that, the
 * release is recorded as unavailable, with the reason. */
static bool metadata_from_file(crawl_state *st, const meta_job *job, gl_error *err)
{
    if (!st->opts->fetcher && !st->opts->cache)
        return add_unavailable(st, job, "no fetcher", "the file itself cannot be read", job->file_url, err);
    char *url = gl_index_set_to_fetch_url(st->opts->indexes, job->file_url);
    if (!url) {
        gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
        return false;
    }
    gl_strbuf body = GL_STRBUF_INIT;
    gl_error why;
    gl_error_clear(&why);
    bool ok = true, got = false;
    gl_metadata_source source = GL_METADATA_WHEEL;
    if (job->score == 2) {
        /* Through the cache when there is one: read once, then served offline too. */
        got = st->opts->cache ? gl_lazy_wheel_metadata_cached(st->opts->cache, url, &body, NULL, &why)
                              : gl_lazy_wheel_metadata(st->opts->fetcher, url, &body, NULL, &why);
        if (!got && st->opts->cache && gl_cache_is_offline(st->opts->cache) && why.code == GL_ENOTFOUND) {
            /* Not knowing is no answer: an offline run must not resolve differently. */
            gl_error_set(err, GL_ENOTFOUND, "the metadata of %s (listed on %s): %s", job->filename,
                         job->page_url, why.message);
            ok = false;
        } else if (!got) {
            ok = add_unavailable(st, job, "reading METADATA out of the wheel failed", why.message, url, err);
        }
    } else {
        source = GL_METADATA_PKG_INFO;
        gl_fetch_request req = {.url = url, .digest_algo = job->file_hex ? job->file_algo : NULL,
                                .digest_hex = job->file_hex};
        gl_fetch_result res;
        crawl_fetch_batch(st->opts, &req, &res, 1);
        if (res.error.code == GL_EDIGEST) {
            gl_error_set(err, GL_EDIGEST, "%s does not match the digest announced on %s (%s)",
                         job->filename, job->page_url, res.error.message);
            ok = false;
        } else if (res.error.code != GL_OK) {
            ok = add_unavailable(st, job, "downloading the sdist failed", res.error.message, url, err);
        } else if (!gl_sdist_pkginfo(gl_strbuf_cstr(&res.body), res.body.len, job->filename, &body, &why)) {
            ok = add_unavailable(st, job, "reading its PKG-INFO failed", why.message, url, err);
        } else {
            gl_core_metadata md;
            const char *unusable = NULL;
            if (gl_core_metadata_parse(&md, gl_strbuf_cstr(&body), body.len, job->filename, &why))
                unusable = pkg_info_unusable(&md);
            else
                unusable = why.message;
            if (unusable)
                ok = add_unavailable(st, job, "its PKG-INFO cannot be used", unusable, url, err);
            got = !unusable;
            gl_core_metadata_free(&md);
        }
        gl_fetch_result_free(&res);
    }
    if (ok && got)
        ok = gl_snapshot_add_metadata(st->out, job->project, job->version, source, job->file_url,
                                      gl_strbuf_cstr(&body), body.len, NULL, err) &&
             (!st->opts->follow_requirements ||
              follow_requirements(st, gl_strbuf_cstr(&body), body.len, job->file_url, err));
    gl_strbuf_free(&body);
    free(url);
    return ok;
}

static bool crawl_metadata(crawl_state *st, size_t first_page, gl_error *err)
{
    meta_job *jobs = NULL;
    size_t njobs = 0, cap = 0;
    bool ok = true;
    for (size_t p = first_page; p < st->out->npages && ok; p++)
        ok = plan_page_metadata(st, &st->out->pages[p], &jobs, &njobs, &cap, err);
    /* PEP 658 files in one parallel batch. */
    size_t nreq = 0;
    gl_fetch_request *freqs = calloc(njobs ? njobs : 1, sizeof *freqs);
    gl_fetch_result *res = calloc(njobs ? njobs : 1, sizeof *res);
    size_t *which = calloc(njobs ? njobs : 1, sizeof *which);
    char **urls = calloc(njobs ? njobs : 1, sizeof *urls);
    if (ok && (!freqs || !res || !which || !urls)) {
        gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
        ok = false;
    }
    for (size_t i = 0; i < njobs && ok; i++) {
        if (jobs[i].score < 3)
            continue;
        gl_strbuf b = GL_STRBUF_INIT;
        gl_strbuf_printf(&b, "%s.metadata", jobs[i].file_url);
        char *public_url = gl_strbuf_detach(&b);
        urls[nreq] = public_url ? gl_index_set_to_fetch_url(st->opts->indexes, public_url) : NULL;
        free(public_url);
        if (!urls[nreq]) {
            gl_error_set(err, GL_ENOMEM, "out of memory during the crawl");
            ok = false;
            break;
        }
        freqs[nreq].url = urls[nreq];
        freqs[nreq].digest_algo = jobs[i].hex ? jobs[i].algo : NULL;
        freqs[nreq].digest_hex = jobs[i].hex;
        which[nreq++] = i;
    }
    if (ok && st->opts->progress && njobs)
        fprintf(stderr, "crawl: reading metadata of %zu releases\n", njobs);
    if (ok && nreq)
        crawl_fetch_batch(st->opts, freqs, res, nreq);
    for (size_t r = 0; r < nreq && ok; r++) {
        meta_job *job = &jobs[which[r]];
        gl_fetch_result *fr = &res[r];
        if (fr->error.code == GL_OK && fr->status < 300) {
            ok = gl_snapshot_add_metadata(st->out, job->project, job->version, GL_METADATA_PEP658,
                                          job->file_url, gl_strbuf_cstr(&fr->body), fr->body.len, NULL, err) &&
                 (!st->opts->follow_requirements ||
                  follow_requirements(st, gl_strbuf_cstr(&fr->body), fr->body.len, job->file_url, err));
        } else if (fr->error.code == GL_EDIGEST) {
            gl_error_set(err, GL_EDIGEST,
                         "the metadata of %s does not match the digest announced on %s (%s)",
                         job->filename, job->page_url, fr->error.message);
            ok = false;
        } else if (is_not_found(fr, freqs[r].url)) {
            gl_strbuf why = GL_STRBUF_INIT;
            gl_strbuf_printf(&why, "%s announces PEP 658 metadata for %s but the index answers 404",
                             job->page_url, job->filename);
            ok = gl_snapshot_add_metadata(st->out, job->project, job->version, GL_METADATA_UNAVAILABLE,
                                          job->file_url, NULL, 0, gl_strbuf_cstr(&why), err);
            gl_strbuf_free(&why);
        } else {
            gl_error_set(err, fr->error.code ? fr->error.code : GL_ENET,
                         "cannot read the metadata of %s (listed on %s): %s", job->filename,
                         job->page_url, fr->error.message);
            ok = false;
        }
    }
    /* Files without PEP 658 metadata: the wheel's own METADATA, or an sdist's PKG-INFO. */
    for (size_t i = 0; i < njobs && ok; i++)
        if (jobs[i].score < 3)
            ok = metadata_from_file(st, &jobs[i], err);
    for (size_t r = 0; r < nreq; r++)
        gl_fetch_result_free(&res[r]);
    for (size_t r = 0; urls && r < njobs; r++)
        free(urls[r]);
    free(urls);
    free(freqs);
    free(res);
    free(which);
    meta_jobs_free(jobs, njobs);
    return ok;
}

static char *utc_now(void)
{
    time_t now = time(NULL);
    struct tm tm;
    char buf[32];
    gmtime_r(&now, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return strdup(buf);
}

static bool copy_index_set(const gl_index_set *from, gl_index_set *to, gl_error *err)
{
    for (size_t i = 0; i < from->count; i++) {
        const gl_index *ix = &from->items[i];
        if (!gl_index_set_add_raw(to, ix->url, NULL, ix->name, ix->priority, err))
            return false;
    }
    to->has_primary = true;
    return true;
}

bool gl_crawl(const gl_crawl_options *opts, const char *const *roots, size_t nroots,
              gl_snapshot *out, gl_error *err)
{
    crawl_state st = {.opts = opts, .out = out};
    bool ok = copy_index_set(opts->indexes, &out->indexes, err);
    out->created = utc_now();
    for (size_t i = 0; i < nroots && ok; i++) {
        char *name = gl_name_normalize_dup(roots[i], strlen(roots[i]));
        if (!name) {
            gl_error_set(err, GL_EINVAL, "invalid project name '%s'", roots[i]);
            ok = false;
        } else if (strlist_has(&st.seen, name)) {
            free(name);
        } else {
            char *copy = strdup(name);
            ok = strlist_push(&st.seen, name, err) && strlist_push(&st.layer, copy, err);
        }
    }
    for (int depth = 0; ok && st.layer.count; depth++) {
        if (opts->progress)
            fprintf(stderr, "crawl: layer %d, %zu projects\n", depth, st.layer.count);
        size_t first_page = out->npages;
        ok = crawl_pages(&st, err) && crawl_metadata(&st, first_page, err);
        strlist_free(&st.layer);
        st.layer = st.next;
        memset(&st.next, 0, sizeof st.next);
    }
    strlist_free(&st.seen);
    strlist_free(&st.layer);
    strlist_free(&st.next);
    return ok;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

bool gl_crawl_list_projects(const gl_crawl_options *opts, char ***names, size_t *count, gl_error *err)
{
    const gl_index_set *set = opts->indexes;
    strlist found = {0};
    bool ok = true;
    for (size_t i = 0; i < set->count && ok; i++) {
        gl_strbuf b = GL_STRBUF_INIT;
        gl_strbuf_printf(&b, "%s/", set->items[i].url);
        char *public_url = gl_strbuf_detach(&b);
        char *fetch_url = public_url ? gl_index_set_to_fetch_url(set, public_url) : NULL;
        gl_fetch_result res;
        gl_index_page page = {0};
        if (!fetch_url) {
            gl_error_set(err, GL_ENOMEM, "out of memory");
            ok = false;
        } else {
            gl_fetch_request req = {.url = fetch_url};
            crawl_fetch_batch(opts, &req, &res, 1);
        }
        if (ok && res.error.code != GL_OK) {
            gl_error_set(err, res.error.code, "reading the project list of %s: %s", set->items[i].url,
                         res.error.message);
            ok = false;
            gl_fetch_result_free(&res);
        } else if (ok) {
            ok = gl_index_page_parse(&page, gl_strbuf_cstr(&res.body), res.body.len, public_url, err);
            for (size_t l = 0; ok && l < page.nlinks; l++) {
                const char *text = page.links[l].text;
                char *name = text ? gl_name_normalize_dup(text, strlen(text)) : NULL;
                if (!name || strlist_has(&found, name))
                    free(name);
                else
                    ok = strlist_push(&found, name, err);
            }
            gl_index_page_free(&page);
            gl_fetch_result_free(&res);
        }
        free(public_url);
        free(fetch_url);
    }
    if (!ok) {
        strlist_free(&found);
        return false;
    }
    if (found.count)
        qsort(found.items, found.count, sizeof *found.items, compare_names);
    *names = found.items;
    *count = found.count;
    return true;
}

void gl_crawl_names_free(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

/* ---- feeding a pool ---- */

static bool index_selected(const char *name, const char *const *names, size_t n)
{
    if (!names)
        return true;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(names[i], name))
            return true;
    return false;
}

/* The version of the rules below (which pages of a selection reach the pool); part of the
 * .solv cache key, so a cache written under older rules is never loaded. */
enum { GL_POOL_FEED_RULES = 2 };

/* The PyTorch pin within a selection: a torch-family page of a non-PyTorch index is left out
 * while a PyTorch index is selected. (Hosted projects, triton, xformers, nvidia-*, are merged
 * across the selected indexes instead: gl_index_project_prefers_pytorch.) */
static bool pinned_elsewhere(const gl_snapshot *snap, const gl_index *ix, const char *project,
                             const char *const *names, size_t nnames)
{
    if (ix->pytorch || !gl_index_project_is_torch_family(project))
        return false;
    for (size_t i = 0; i < snap->indexes.count; i++) {
        const gl_index *other = &snap->indexes.items[i];
        if (other->pytorch && index_selected(other->name, names, nnames))
            return true;
    }
    return false;
}

/* "project\tversion" keys of the releases fed, sorted for bsearch. */
static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool feed_page(const gl_snapshot *snap, const gl_snapshot_page *page, const gl_index *ix,
                      gl_pool *pool, strlist *releases, gl_error *err)
{
    gl_index_page parsed;
    if (!gl_index_page_parse(&parsed, page->body, page->len, page->url, err)) {
        gl_error_prefix(err, "snapshot page of '%s' on %s: ", page->project, ix->url);
        return false;
    }
    bool ok = true;
    for (size_t i = 0; i < parsed.nlinks && ok; i++) {
        const gl_index_link *link = &parsed.links[i];
        gl_dist_filename df;
        if (!link_dist_filename(link, page->project, &df))
            continue;
        char *url = public_link_url(&snap->indexes, link->url);
        gl_pool_file file = {
            .project = page->project,
            .filename = link->filename,
            .url = url,
            .sha256 = link->hash_algo && !strcmp(link->hash_algo, "sha256") ? link->hash_hex : NULL,
            .requires_python = link->requires_python,
            .yanked = link->yanked,
            .yanked_reason = link->yank_reason,
            .upload_time = link->upload_time,
            .index_url = ix->url,
            .index_priority = ix->priority,
        };
        gl_error skip;
        gl_error_clear(&skip);
        if (url && gl_pool_add_file(pool, &file, &skip)) {
            gl_strbuf key = GL_STRBUF_INIT;
            gl_strbuf_printf(&key, "%s\t%s", page->project, df.version_text);
            ok = strlist_push(releases, gl_strbuf_detach(&key), err);
        } else if (!url || skip.code == GL_ENOMEM) {
            gl_error_set(err, GL_ENOMEM, "out of memory feeding the pool");
            ok = false;
        } /* else: a file the pool cannot use (its name or version); the others still count */
        free(url);
        gl_dist_filename_free(&df);
    }
    gl_index_page_free(&parsed);
    return ok;
}

static bool feed_metadata(const gl_snapshot_metadata *m, gl_pool *pool, gl_error *err)
{
    if (m->source == GL_METADATA_UNAVAILABLE)
        return gl_pool_set_metadata_unavailable(pool, m->project, m->version, m->unavailable_reason, err);
    gl_core_metadata md;
    gl_error why;
    gl_error_clear(&why);
    if (!gl_core_metadata_parse(&md, m->body, m->len, m->source_url, &why)) {
        gl_core_metadata_free(&md);
        return gl_pool_set_metadata_unavailable(pool, m->project, m->version, why.message, err);
    }
    const char *reason = m->source == GL_METADATA_PKG_INFO ? pkg_info_unusable(&md) : NULL;
    bool usable = reason == NULL;
    bool ok;
    if (!usable) {
        ok = gl_pool_set_metadata_unavailable(pool, m->project, m->version, reason, err);
    } else {
        gl_pool_metadata pm = {
            .project = m->project,
            .version = m->version,
            .requires_python = md.requires_python,
            .requires_dist = (const char *const *)md.requires_dist,
            .nrequires_dist = md.nrequires_dist,
            .provides_extra = (const char *const *)md.provides_extra,
            .nprovides_extra = md.nprovides_extra,
        };
        ok = gl_pool_set_metadata(pool, &pm, err);
    }
    gl_core_metadata_free(&md);
    return ok;
}

bool gl_snapshot_feed_pool(const gl_snapshot *snap, gl_pool *pool, const char *const *index_names,
                           size_t nindex_names, gl_error *err)
{
    for (size_t i = 0; index_names && i < nindex_names; i++)
        if (!gl_index_set_find_name(&snap->indexes, index_names[i])) {
            gl_strbuf known = GL_STRBUF_INIT;
            for (size_t k = 0; k < snap->indexes.count; k++)
                gl_strbuf_printf(&known, "%s%s", k ? ", " : "", snap->indexes.items[k].name);
            gl_error_set(err, GL_EUSAGE, "the snapshot has no index named '%s' (it has: %s)",
                         index_names[i], gl_strbuf_cstr(&known));
            gl_strbuf_free(&known);
            return false;
        }
    strlist releases = {0};
    bool ok = true;
    for (size_t p = 0; p < snap->npages && ok; p++) {
        const gl_snapshot_page *page = &snap->pages[p];
        const gl_index *ix = gl_index_set_find_name(&snap->indexes, page->index_name);
        if (!ix || !index_selected(ix->name, index_names, nindex_names) ||
            pinned_elsewhere(snap, ix, page->project, index_names, nindex_names))
            continue;
        ok = feed_page(snap, page, ix, pool, &releases, err);
    }
    if (ok && releases.count)
        qsort(releases.items, releases.count, sizeof *releases.items, compare_keys);
    /* Metadata only for releases some selected index lists. */
    for (size_t i = 0; i < snap->nmetadata && ok; i++) {
        const gl_snapshot_metadata *m = &snap->metadata[i];
        gl_strbuf key = GL_STRBUF_INIT;
        gl_strbuf_printf(&key, "%s\t%s", m->project, m->version);
        const char *k = gl_strbuf_cstr(&key);
        if (releases.count && bsearch(&k, releases.items, releases.count, sizeof *releases.items, compare_keys))
            ok = feed_metadata(m, pool, err);
        gl_strbuf_free(&key);
    }
    strlist_free(&releases);
    return ok;
}

static char *default_cache_dir(void)
{
    gl_strbuf b = GL_STRBUF_INIT;
    gl_error ignored;
    if (!gl_cache_default_dir(&b, &ignored)) {
        gl_strbuf_free(&b);
        return NULL;
    }
    return gl_strbuf_detach(&b);
}

static bool make_dirs(const char *path)
{
    char *copy = strdup(path);
    if (!copy)
        return false;
    for (char *p = copy + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(copy, 0755);
            *p = '/';
        }
    bool ok = mkdir(copy, 0755) == 0 || errno == EEXIST;
    free(copy);
    return ok;
}

bool gl_snapshot_load_into_pool(const char *dir, const char *cache_dir,
                                const char *const *index_names, size_t nindex_names,
                                gl_pool **out, gl_error *err)
{
    *out = NULL;
    char *cache_root = cache_dir ? strdup(cache_dir) : default_cache_dir();
    gl_strbuf solv_dir = GL_STRBUF_INIT, key = GL_STRBUF_INIT, path = GL_STRBUF_INIT;
    if (cache_root && *cache_root)
        gl_strbuf_printf(&solv_dir, "%s/solv", cache_root);
    free(cache_root);
    char manifest_sha[65];
    if (!gl_snapshot_manifest_digest_memo(dir, solv_dir.len ? gl_strbuf_cstr(&solv_dir) : NULL,
                                          manifest_sha, err)) {
        gl_error_prefix(err, "snapshot %s: ", dir);
        gl_strbuf_free(&solv_dir);
        return false;
    }
    /* The key names everything the pool's content depends on, the feeding rules included:
     * bump GL_POOL_FEED_RULES whenever what a selection of indexes feeds changes. */
    gl_strbuf_printf(&key, "%s gpulock-%s feed-%d", manifest_sha, GPULOCK_VERSION, GL_POOL_FEED_RULES);
    for (size_t i = 0; index_names && i < nindex_names; i++)
        gl_strbuf_printf(&key, " %s", index_names[i]);
    char key_sha[65];
    gl_digest_sha256_hex(key.data ? key.data : "", key.len, key_sha);
    if (solv_dir.len)
        gl_strbuf_printf(&path, "%s/%s.solv", gl_strbuf_cstr(&solv_dir), key_sha);

    gl_pool *pool = NULL;
    bool ok = false;
    if (path.len) {
        pool = gl_pool_new(err);
        if (!pool)
            goto out;
        gl_error miss;
        if (gl_pool_load_cache(pool, gl_strbuf_cstr(&path), key_sha, &miss)) {
            ok = true;
            goto out;
        }
        /* Absent, stale or corrupt: start over from the pages. */
        gl_pool_free(pool);
    }
    pool = gl_pool_new(err);
    if (!pool)
        goto out;
    gl_snapshot snap;
    gl_snapshot_init(&snap);
    ok = gl_snapshot_read(&snap, dir, err) &&
         gl_snapshot_feed_pool(&snap, pool, index_names, nindex_names, err);
    gl_snapshot_free(&snap);
    if (ok && path.len) {
        gl_error ignored;
        /* The cache only saves time: failing to write it is no failure of the load. */
        if (make_dirs(gl_strbuf_cstr(&solv_dir)))
            gl_pool_write_cache(pool, gl_strbuf_cstr(&path), key_sha, &ignored);
    }
out:
    if (ok) {
        *out = pool;
    } else if (pool) {
        gl_pool_free(pool);
    }
    gl_strbuf_free(&solv_dir);
    gl_strbuf_free(&key);
    gl_strbuf_free(&path);
    return ok;
}
