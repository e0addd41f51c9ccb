#include "fetch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "digest.h"
#include "lazy_libs.h"
#include "url.h"

struct gl_fetcher {
    const gl_curl_api *curl;
    gl_fetch_options opts;
    CURLM *multi;
    char user_agent[64];
};

enum transfer_state { T_QUEUED, T_RUNNING, T_WAITING, T_DONE };

/* Everything one request needs across its attempts. */
typedef struct transfer {
    const gl_curl_api *curl;
    const gl_fetch_request *req;
    gl_fetch_result *res;
    CURL *easy;
    struct curl_slist *headers;
    char *shown_url; /* redacted, for messages */
    enum transfer_state state;
    uint64_t retry_at_ms;
    bool write_failed;
    bool too_large;
    bool whole_instead; /* a file:// suffix longer than the file: read it whole */
    char transient_reason[CURL_ERROR_SIZE]; /* why the last attempt failed, when worth a retry */
    char curl_message[CURL_ERROR_SIZE];
} transfer;

void gl_fetch_options_default(gl_fetch_options *opts)
{
    opts->max_connections = 16;
    opts->max_host_connections = 8;
    opts->retries = 3;
    opts->backoff_ms = 200;
    opts->connect_timeout_ms = 30000;
    opts->stall_timeout_s = 60;
    opts->attempt_timeout_ms = 0;
    opts->max_redirects = 10;
    opts->progress = true;
    opts->progress_what = "files";
    opts->verbose = false;
}

bool gl_fetch_global_init(gl_error *err)
{
    return gl_curl(err) != NULL;
}

void gl_fetch_global_cleanup(void)
{
    if (gl_curl_loaded())
        gl_curl(NULL)->global_cleanup();
}

gl_fetcher *gl_fetcher_new(const gl_fetch_options *opts, gl_error *err)
{
    gl_fetcher *f = calloc(1, sizeof *f);
    if (!f) {
        gl_error_set(err, GL_ENOMEM, "out of memory creating the fetcher");
        return NULL;
    }
    if (opts)
        f->opts = *opts;
    else
        gl_fetch_options_default(&f->opts);
    if (f->opts.max_connections < 1)
        f->opts.max_connections = 1;
    if (f->opts.max_host_connections < 1)
        f->opts.max_host_connections = 1;
    if (f->opts.retries < 0)
        f->opts.retries = 0;
    const gl_curl_api *cu = f->curl = gl_curl(err);
    if (!cu) {
        free(f);
        return NULL;
    }
    f->multi = cu->multi_init();
    if (!f->multi) {
        free(f);
        gl_error_set(err, GL_ENET, "cannot create a libcurl multi handle");
        return NULL;
    }
    cu->multi_setopt(f->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)f->opts.max_connections);
    cu->multi_setopt(f->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)f->opts.max_host_connections);
    cu->multi_setopt(f->multi, CURLMOPT_PIPELINING, (long)CURLPIPE_MULTIPLEX);
    snprintf(f->user_agent, sizeof f->user_agent, "gpulock/%s", GPULOCK_VERSION);
    return f;
}

void gl_fetcher_free(gl_fetcher *f)
{
    if (!f)
        return;
    f->curl->multi_cleanup(f->multi);
    free(f);
}

const gl_fetch_options *gl_fetcher_options(const gl_fetcher *f)
{
    return &f->opts;
}

static void clear_headers(gl_fetch_result *res)
{
    free(res->etag);
    free(res->last_modified);
    free(res->content_range);
    free(res->accept_ranges);
    res->etag = res->last_modified = res->content_range = res->accept_ranges = NULL;
}

void gl_fetch_result_free(gl_fetch_result *res)
{
    if (!res)
        return;
    gl_strbuf_free(&res->body);
    free(res->final_url);
    res->final_url = NULL;
    clear_headers(res);
}

static void result_init(gl_fetch_result *res)
{
    memset(res, 0, sizeof *res);
    gl_error_clear(&res->error);
}

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static size_t on_body(char *data, size_t size, size_t nmemb, void *userdata)
{
    transfer *t = userdata;
    size_t n = size * nmemb;
    uint64_t max = t->req->max_body_bytes;
    if (max && t->res->body.len + n > max) {
        t->too_large = true;
        return 0;
    }
    if (!gl_strbuf_append(&t->res->body, data, n)) {
        t->write_failed = true;
        return 0;
    }
    return n;
}

/* Copies a header value without surrounding blanks and the line end. */
static char *header_value(const char *v, size_t n)
{
    while (n && (*v == ' ' || *v == '\t'))
        v++, n--;
    while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' ' || v[n - 1] == '\t'))
        n--;
    return strndup(v, n);
}

static size_t on_header(char *line, size_t size, size_t nmemb, void *userdata)
{
    transfer *t = userdata;
    size_t n = size * nmemb;
    /* A new status line starts the headers of the next response (after a redirect or a 100). */
    if (n >= 5 && !strncmp(line, "HTTP/", 5)) {
        clear_headers(t->res);
        return n;
    }
    static const struct {
        const char *name;
        size_t offset;
    } wanted[] = {
        {"etag", offsetof(gl_fetch_result, etag)},
        {"last-modified", offsetof(gl_fetch_result, last_modified)},
        {"content-range", offsetof(gl_fetch_result, content_range)},
        {"accept-ranges", offsetof(gl_fetch_result, accept_ranges)},
    };
    const char *colon = memchr(line, ':', n);
    if (!colon)
        return n;
    size_t name_len = (size_t)(colon - line);
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++) {
        if (strlen(wanted[i].name) != name_len || strncasecmp(line, wanted[i].name, name_len))
            continue;
        char **slot = (char **)((char *)t->res + wanted[i].offset);
        free(*slot);
        *slot = header_value(colon + 1, n - name_len - 1);
        if (!*slot) {
            t->write_failed = true;
            return 0;
        }
    }
    return n;
}

static bool is_file_url(const char *url)
{
    return !strncasecmp(url, "file:", 5);
}

/* Prepares t->easy for one attempt; false only when memory runs out. */
static bool setup_attempt(gl_fetcher *f, transfer *t)
{
    const gl_curl_api *cu = f->curl;
    const gl_fetch_request *req = t->req;
    CURL *e = t->easy;
    cu->easy_reset(e);
    cu->slist_free_all(t->headers);
    t->headers = NULL;
    gl_strbuf_reset(&t->res->body);
    clear_headers(t->res);
    t->write_failed = false;
    t->too_large = false;
    t->curl_message[0] = '\0';

    cu->easy_setopt(e, CURLOPT_URL, req->url);
    cu->easy_setopt(e, CURLOPT_PRIVATE, t);
    cu->easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    cu->easy_setopt(e, CURLOPT_WRITEDATA, t);
    cu->easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    cu->easy_setopt(e, CURLOPT_HEADERDATA, t);
    cu->easy_setopt(e, CURLOPT_ERRORBUFFER, t->curl_message);
    cu->easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    cu->easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,file");
    cu->easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    cu->easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    cu->easy_setopt(e, CURLOPT_MAXREDIRS, (long)f->opts.max_redirects);
    cu->easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
    cu->easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
    cu->easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
    cu->easy_setopt(e, CURLOPT_NETRC, (long)CURL_NETRC_OPTIONAL);
    cu->easy_setopt(e, CURLOPT_USERAGENT, f->user_agent);
    cu->easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, f->opts.connect_timeout_ms);
    if (f->opts.stall_timeout_s > 0) {
        cu->easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
        cu->easy_setopt(e, CURLOPT_LOW_SPEED_TIME, f->opts.stall_timeout_s);
    }
    if (f->opts.attempt_timeout_ms > 0)
        cu->easy_setopt(e, CURLOPT_TIMEOUT_MS, f->opts.attempt_timeout_ms);
    if (req->max_body_bytes)
        cu->easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)req->max_body_bytes);

    if (req->range && !t->whole_instead) {
        char range[64];
        if (req->range_suffix)
            snprintf(range, sizeof range, "-%llu", (unsigned long long)req->range_length);
        else if (req->range_length)
            snprintf(range, sizeof range, "%llu-%llu", (unsigned long long)req->range_offset,
                     (unsigned long long)(req->range_offset + req->range_length - 1));
        else
            snprintf(range, sizeof range, "%llu-", (unsigned long long)req->range_offset);
        cu->easy_setopt(e, CURLOPT_RANGE, range);
    } else {
        /* Compressed transfer only for whole bodies: ranges of a gzip stream are useless. */
        cu->easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");
    }

    gl_strbuf line = GL_STRBUF_INIT;
    bool ok = true;
    if (req->if_none_match) {
        ok = gl_strbuf_printf(&line, "If-None-Match: %s", req->if_none_match);
        struct curl_slist *l = ok ? cu->slist_append(t->headers, gl_strbuf_cstr(&line)) : NULL;
        ok = l != NULL;
        if (ok)
            t->headers = l;
    }
    if (ok && req->if_modified_since) {
        gl_strbuf_reset(&line);
        ok = gl_strbuf_printf(&line, "If-Modified-Since: %s", req->if_modified_since);
        struct curl_slist *l = ok ? cu->slist_append(t->headers, gl_strbuf_cstr(&line)) : NULL;
        ok = l != NULL;
        if (ok)
            t->headers = l;
    }
    gl_strbuf_free(&line);
    if (t->headers)
        cu->easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
    return ok;
}

static bool is_tls_failure(CURLcode rc)
{
    switch (rc) {
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ENGINE_NOTFOUND:
    case CURLE_SSL_ENGINE_SETFAILED:
    case CURLE_SSL_ENGINE_INITFAILED:
    case CURLE_SSL_SHUTDOWN_FAILED:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CLIENTCERT:
        return true;
    default:
        return false;
    }
}

static bool is_transient(CURLcode rc)
{
    switch (rc) {
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_COULDNT_CONNECT:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_HTTP3:
        return true;
    default:
        return false;
    }
}

static const char *curl_reason(const transfer *t, CURLcode rc)
{
    return t->curl_message[0] ? t->curl_message : t->curl->easy_strerror(rc);
}

/* Parses "bytes A-B/TOTAL" and returns TOTAL, 0 when unknown. */
static uint64_t content_range_total(const char *value)
{
    if (!value)
        return 0;
    const char *slash = strrchr(value, '/');
    if (!slash || slash[1] == '*')
        return 0;
    char *end;
    unsigned long long total = strtoull(slash + 1, &end, 10);
    return end != slash + 1 ? (uint64_t)total : 0;
}


enum outcome { DONE_OK, DONE_FAILED, RETRY, REDO_WHOLE };

/* Checks a whole body against the digest the caller expects for it. */
static enum outcome verify_digest(transfer *t)
{
    const gl_fetch_request *req = t->req;
    gl_fetch_result *res = t->res;
    if (!req->digest_algo || !req->digest_hex || res->range_honoured)
        return DONE_OK;
    gl_error derr;
    gl_error_clear(&derr);
    if (gl_digest_verify(res->body.data ? res->body.data : "", res->body.len, req->digest_algo,
                         req->digest_hex, &derr))
        return DONE_OK;
    /* "sha256 mismatch: expected …" reads best with the URL right after "mismatch". */
    const char *colon = strchr(derr.message, ':');
    if (derr.code == GL_EDIGEST && colon)
        gl_error_set(&res->error, GL_EDIGEST, "%.*s for %s%s", (int)(colon - derr.message),
                     derr.message, t->shown_url, colon);
    else
        gl_error_set(&res->error, derr.code ? derr.code : GL_EDIGEST, "checking %s: %s",
                     t->shown_url, derr.message);
    return DONE_FAILED;
}

/* Judges a finished attempt: fills the result on success, its error otherwise. */
static enum outcome judge(transfer *t, CURLcode rc)
{
    const gl_curl_api *cu = t->curl;
    gl_fetch_result *res = t->res;
    const gl_fetch_request *req = t->req;
    const char *url = t->shown_url;
    bool file = is_file_url(req->url);

    char *effective = NULL;
    cu->easy_getinfo(t->easy, CURLINFO_EFFECTIVE_URL, &effective);
    free(res->final_url);
    res->final_url = gl_url_redact(effective ? effective : req->url);

    long status = 0;
    cu->easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    res->status = status;

    if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
        gl_error_set(&res->error, GL_ENET, "%s is larger than the %llu bytes allowed for it", url,
                     (unsigned long long)req->max_body_bytes);
        return DONE_FAILED;
    }
    if (t->write_failed) {
        gl_error_set(&res->error, GL_ENOMEM, "out of memory receiving %s", url);
        return DONE_FAILED;
    }
    if (rc != CURLE_OK) {
        /* HTTP answers a suffix longer than the file with the whole file; libcurl's file://
         * refuses it instead, so do what HTTP does. */
        if (file && req->range && req->range_suffix && rc == CURLE_BAD_DOWNLOAD_RESUME && !t->whole_instead) {
            t->whole_instead = true;
            return REDO_WHOLE;
        }
        if (file && (rc == CURLE_FILE_COULDNT_READ_FILE || rc == CURLE_REMOTE_FILE_NOT_FOUND)) {
            gl_error_set(&res->error, GL_ENOTFOUND, "not found: %s (%s)", url, curl_reason(t, rc));
            return DONE_FAILED;
        }
        if (is_tls_failure(rc)) {
            gl_error_set(&res->error, GL_ENET, "TLS failure for %s: %s", url, curl_reason(t, rc));
            return DONE_FAILED;
        }
        if (rc == CURLE_RANGE_ERROR && req->range) {
            gl_error_set(&res->error, GL_ENET, "range request refused for %s: %s", url,
                         curl_reason(t, rc));
            return DONE_FAILED;
        }
        snprintf(t->transient_reason, sizeof t->transient_reason, "%s", curl_reason(t, rc));
        gl_error_set(&res->error, GL_ENET, "fetching %s failed: %s", url, t->transient_reason);
        return is_transient(rc) ? RETRY : DONE_FAILED;
    }

    if (file) {
        /* libcurl serves file:// ranges itself and reports no status. */
        res->status = req->range ? 206 : 200;
        res->range_honoured = req->range;
        if (!req->range || t->whole_instead)
            res->total_size = res->body.len;
        return verify_digest(t);
    }

    if (status == 304 && (req->if_none_match || req->if_modified_since))
        return DONE_OK;
    if (status == 404 || status == 410) {
        gl_error_set(&res->error, GL_ENOTFOUND, "not found (HTTP %ld): %s", status, url);
        return DONE_FAILED;
    }
    if (status == 401 || status == 403) {
        gl_error_set(&res->error, GL_ENET,
                     "access denied (HTTP %ld): %s (check the credentials in the URL or ~/.netrc)",
                     status, url);
        return DONE_FAILED;
    }
    if (status == 408 || status == 429 || status >= 500) {
        snprintf(t->transient_reason, sizeof t->transient_reason, "HTTP %ld", status);
        gl_error_set(&res->error, GL_ENET, "fetching %s failed: %s", url, t->transient_reason);
        return RETRY;
    }
    if (status == 416 && req->range) {
        gl_error_set(&res->error, GL_ENET, "range not satisfiable (HTTP 416): %s", url);
        return DONE_FAILED;
    }
    if (status < 200 || status >= 300) {
        gl_error_set(&res->error, GL_ENET, "unexpected HTTP status %ld from %s", status, url);
        return DONE_FAILED;
    }

    if (status == 206) {
        if (!req->range) {
            gl_error_set(&res->error, GL_ENET, "unrequested partial content (HTTP 206) from %s", url);
            return DONE_FAILED;
        }
        res->range_honoured = true;
        res->total_size = content_range_total(res->content_range);
        return DONE_OK;
    }
    res->range_honoured = false;
    res->total_size = res->body.len;
    return verify_digest(t);
}

static void free_transfer(transfer *t)
{
    const gl_curl_api *cu = t->curl;
    if (t->easy)
        cu->easy_cleanup(t->easy);
    cu->slist_free_all(t->headers);
    free(t->shown_url);
}

static bool start_attempt(gl_fetcher *f, transfer *t)
{
    const gl_curl_api *cu = f->curl;
    t->res->attempts++;
    gl_error_clear(&t->res->error);
    if (!setup_attempt(f, t)) {
        gl_error_set(&t->res->error, GL_ENOMEM, "out of memory preparing %s", t->shown_url);
        t->state = T_DONE;
        return false;
    }
    CURLMcode mc = cu->multi_add_handle(f->multi, t->easy);
    if (mc != CURLM_OK) {
        gl_error_set(&t->res->error, GL_ENET, "cannot start fetching %s: %s", t->shown_url,
                     cu->multi_strerror(mc));
        t->state = T_DONE;
        return false;
    }
    t->state = T_RUNNING;
    return true;
}

typedef struct progress_line {
    const char *what;
    bool enabled;
    bool shown;
    uint64_t started_ms;
} progress_line;

static void progress_update(progress_line *p, size_t done, size_t total)
{
    if (!p->enabled || now_ms() - p->started_ms < 1000)
        return;
    fprintf(stderr, "\rfetching %zu/%zu %s…", done, total, p->what);
    fflush(stderr);
    p->shown = true;
}

static void progress_end(progress_line *p)
{
    if (p->shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
}

bool gl_fetch_batch(gl_fetcher *f, const gl_fetch_request *reqs, gl_fetch_result *results, size_t n)
{
    const gl_curl_api *cu = f->curl;
    for (size_t i = 0; i < n; i++)
        result_init(&results[i]);
    if (n == 0)
        return true;
    transfer *ts = calloc(n, sizeof *ts);
    if (!ts) {
        for (size_t i = 0; i < n; i++)
            gl_error_set(&results[i].error, GL_ENOMEM, "out of memory starting %zu downloads", n);
        return false;
    }
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        transfer *t = &ts[i];
        t->curl = cu;
        t->req = &reqs[i];
        t->res = &results[i];
        t->state = T_QUEUED;
        const char *url = reqs[i].url ? reqs[i].url : "";
        t->shown_url = gl_url_redact(url);
        t->easy = cu->easy_init();
        if (!t->shown_url || !t->easy) {
            gl_error_set(&t->res->error, GL_ENOMEM, "out of memory preparing a download");
            t->state = T_DONE;
            done++;
        } else if (!reqs[i].url || !reqs[i].url[0]) {
            gl_error_set(&t->res->error, GL_EINVAL, "empty URL in download request %zu", i);
            t->state = T_DONE;
            done++;
        } else if (reqs[i].range && reqs[i].range_suffix && reqs[i].range_length == 0) {
            gl_error_set(&t->res->error, GL_EINVAL, "empty suffix range requested for %s",
                         t->shown_url);
            t->state = T_DONE;
            done++;
        }
    }

    progress_line progress = {f->opts.progress_what ? f->opts.progress_what : "files",
                              f->opts.progress && isatty(STDERR_FILENO), false, now_ms()};
    size_t running = 0;
    size_t next_queued = 0;
    while (done < n) {
        uint64_t now = now_ms();
        /* Retries whose backoff is over go first, then new requests, up to the parallelism. */
        for (size_t i = 0; i < n && running < (size_t)f->opts.max_connections; i++) {
            transfer *t = &ts[i];
            if (t->state == T_WAITING && t->retry_at_ms <= now) {
                if (start_attempt(f, t))
                    running++;
                else
                    done++;
            }
        }
        while (next_queued < n && running < (size_t)f->opts.max_connections) {
            transfer *t = &ts[next_queued++];
            if (t->state != T_QUEUED)
                continue;
            if (start_attempt(f, t))
                running++;
            else
                done++;
        }
        if (done >= n)
            break;

        int still_running = 0;
        cu->multi_perform(f->multi, &still_running);
        CURLMsg *msg;
        int left;
        while ((msg = cu->multi_info_read(f->multi, &left))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            transfer *t = NULL;
            cu->easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&t);
            CURLcode rc = msg->data.result;
            cu->multi_remove_handle(f->multi, msg->easy_handle);
            running--;
            enum outcome o = judge(t, rc);
            if (o == REDO_WHOLE) {
                t->res->attempts--;
                t->state = T_WAITING;
                t->retry_at_ms = now_ms();
                continue;
            }
            if (o == RETRY && t->res->attempts <= f->opts.retries) {
                long delay = f->opts.backoff_ms;
                for (int k = 1; k < t->res->attempts && delay < 60000; k++)
                    delay *= 2;
                if (f->opts.verbose)
                    fprintf(stderr, "gpulock: %s; retrying in %ld ms\n", t->res->error.message, delay);
                t->state = T_WAITING;
                t->retry_at_ms = now_ms() + (uint64_t)(delay > 0 ? delay : 0);
                continue;
            }
            if (o == RETRY && t->res->attempts > 1)
                gl_error_set(&t->res->error, GL_ENET, "fetching %s failed after %d attempts: %s", t->shown_url,
                             t->res->attempts, t->transient_reason);
            t->state = T_DONE;
            done++;
            progress_update(&progress, done, n);
        }
        if (done >= n)
            break;

        /* Sleep until curl has work, a retry is due, or the progress line needs a refresh. */
        long wait_ms = 1000;
        if (running == 0 || still_running == 0) {
            uint64_t soonest = UINT64_MAX;
            for (size_t i = 0; i < n; i++)
                if (ts[i].state == T_WAITING && ts[i].retry_at_ms < soonest)
                    soonest = ts[i].retry_at_ms;
            now = now_ms();
            if (soonest != UINT64_MAX)
                wait_ms = soonest > now ? (long)(soonest - now) : 0;
        } else {
            for (size_t i = 0; i < n; i++)
                if (ts[i].state == T_WAITING) {
                    now = now_ms();
                    long until = ts[i].retry_at_ms > now ? (long)(ts[i].retry_at_ms - now) : 0;
                    if (until < wait_ms)
                        wait_ms = until;
                }
        }
        /* A finished transfer freed a slot that a queued request can take right away. */
        if (next_queued < n && running < (size_t)f->opts.max_connections)
            wait_ms = 0;
        if (wait_ms > 0)
            cu->multi_poll(f->multi, NULL, 0, (int)(wait_ms > 1000 ? 1000 : wait_ms), NULL);
        progress_update(&progress, done, n);
    }
    progress_end(&progress);

    bool all_ok = true;
    for (size_t i = 0; i < n; i++) {
        if (ts[i].state == T_RUNNING)
            cu->multi_remove_handle(f->multi, ts[i].easy);
        free_transfer(&ts[i]);
        if (results[i].error.code != GL_OK)
            all_ok = false;
    }
    free(ts);
    return all_ok;
}

static bool fetch_single(gl_fetcher *f, const gl_fetch_request *req, gl_fetch_result *res,
                         gl_error *err)
{
    bool ok = gl_fetch_batch(f, req, res, 1);
    if (!ok && err)
        *err = res->error;
    return ok;
}

bool gl_fetch_url(gl_fetcher *f, const char *url, gl_fetch_result *res, gl_error *err)
{
    gl_fetch_request req = {.url = url};
    return fetch_single(f, &req, res, err);
}

bool gl_fetch_range(gl_fetcher *f, const char *url, uint64_t offset, uint64_t length,
                    gl_fetch_result *res, gl_error *err)
{
    gl_fetch_request req = {.url = url, .range = true, .range_offset = offset, .range_length = length};
    return fetch_single(f, &req, res, err);
}

bool gl_fetch_suffix(gl_fetcher *f, const char *url, uint64_t length, gl_fetch_result *res,
                     gl_error *err)
{
    gl_fetch_request req = {.url = url, .range = true, .range_suffix = true, .range_length = length};
    return fetch_single(f, &req, res, err);
}
