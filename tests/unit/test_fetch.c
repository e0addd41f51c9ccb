/* test_fetch.c — the fetcher against tests/e2e/server.py over loopback, with injected faults. */
#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include "digest.h"
#include "fetch.h"
#include "testserver.h"

#define NPAGES 120
#define BLOB_SIZE 100000

static char *fixtures;
static char *scratch;
static test_server server;
static gl_fetcher *fetcher;
static unsigned char blob[BLOB_SIZE];
static const char hello[] = "hello, gpulock\n";

static int suite_init(void)
{
    fixtures = test_temp_dir("fetch-fixtures");
    scratch = test_temp_dir("fetch-scratch");
    if (!fixtures || !scratch)
        return -1;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/pages", fixtures);
    mkdir(path, 0700);
    for (int i = 0; i < NPAGES; i++) {
        char body[64];
        int len = snprintf(body, sizeof body, "page %d\n", i);
        snprintf(path, sizeof path, "%s/pages/p%03d", fixtures, i);
        if (!test_write_file(path, body, (size_t)len))
            return -1;
    }
    for (size_t i = 0; i < BLOB_SIZE; i++)
        blob[i] = (unsigned char)((i * 2654435761u) >> 13);
    snprintf(path, sizeof path, "%s/blob", fixtures);
    if (!test_write_file(path, blob, sizeof blob))
        return -1;
    snprintf(path, sizeof path, "%s/hello", fixtures);
    if (!test_write_file(path, hello, strlen(hello)))
        return -1;
    if (!test_server_start(&server, fixtures, scratch))
        return -1;
    gl_fetch_options opts;
    gl_fetch_options_default(&opts);
    opts.backoff_ms = 20;
    opts.progress = false;
    fetcher = gl_fetcher_new(&opts, NULL);
    return fetcher ? 0 : -1;
}

static int suite_cleanup(void)
{
    gl_fetcher_free(fetcher);
    test_server_stop(&server);
    test_remove_tree(fixtures);
    test_remove_tree(scratch);
    free(fixtures);
    free(scratch);
    return 0;
}

static void test_parallel_batch(void)
{
    gl_fetch_request reqs[NPAGES];
    char *urls[NPAGES];
    gl_fetch_result results[NPAGES];
    for (int i = 0; i < NPAGES; i++) {
        char path[32];
        snprintf(path, sizeof path, "/pages/p%03d", i);
        urls[i] = test_url(&server, path);
        reqs[i] = (gl_fetch_request){.url = urls[i]};
    }
    CU_ASSERT_TRUE(gl_fetch_batch(fetcher, reqs, results, NPAGES));
    for (int i = 0; i < NPAGES; i++) {
        char expected[64];
        snprintf(expected, sizeof expected, "page %d\n", i);
        CU_ASSERT_EQUAL(results[i].status, 200);
        CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&results[i].body), expected);
        CU_ASSERT_EQUAL(results[i].attempts, 1);
        CU_ASSERT_EQUAL(results[i].error.code, GL_OK);
        CU_ASSERT_PTR_NOT_NULL(results[i].etag);
        gl_fetch_result_free(&results[i]);
        free(urls[i]);
    }
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/pages/p042"), 1);
    /* Whole bodies may come compressed; everything says who is asking. */
    char *stats = test_server_stats(&server, fetcher);
    const char *last = strstr(stats, "\"/pages/p042\": {\"headers\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(last);
    const char *end = strchr(last, '}');
    const char *ua = strstr(last, "\"User-Agent\": \"gpulock/" GPULOCK_VERSION "\"");
    const char *enc = strstr(last, "\"Accept-Encoding\": \"");
    CU_ASSERT(ua && ua < end);
    CU_ASSERT(enc && enc < end && strstr(enc, "gzip") && strstr(enc, "gzip") < end);
    free(stats);
}

static void test_not_found_is_immediate(void)
{
    char *url = test_url(&server, "/__fault/status/404/hello");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "404"));
    CU_ASSERT_EQUAL(res.attempts, 1);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/__fault/status/404/hello"), 1);
    gl_fetch_result_free(&res);
    free(url);
}

static void test_forbidden_is_immediate(void)
{
    char *url = test_url(&server, "/__fault/status/403/hello");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENET);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "access denied"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    CU_ASSERT_EQUAL(res.attempts, 1);
    gl_fetch_result_free(&res);
    free(url);
}

static void test_503_recovers(void)
{
    char *url = test_url(&server, "/__fault/status/503/2/hello");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), hello);
    CU_ASSERT_EQUAL(res.attempts, 3);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/__fault/status/503/2/hello"), 3);
    gl_fetch_result_free(&res);
    free(url);
}

static void test_dropped_body_recovers(void)
{
    char *url = test_url(&server, "/__fault/drop/1/blob");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(res.body.len, BLOB_SIZE);
    CU_ASSERT(res.body.len == BLOB_SIZE && !memcmp(res.body.data, blob, BLOB_SIZE));
    CU_ASSERT_EQUAL(res.attempts, 2);
    gl_fetch_result_free(&res);
    free(url);
}

static void test_503_forever_is_bounded(void)
{
    char *url = test_url(&server, "/__fault/status/503/blob");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENET);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    char expected[256];
    snprintf(expected, sizeof expected, "fetching %s failed after 4 attempts: HTTP 503", url);
    CU_ASSERT_STRING_EQUAL(err.message, expected);
    CU_ASSERT_EQUAL(res.attempts, 4); /* 1 + 3 retries */
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/__fault/status/503/blob"), 4);
    gl_fetch_result_free(&res);
    free(url);
}

static void test_timeout_is_retried_then_fails(void)
{
    gl_fetch_options opts;
    gl_fetch_options_default(&opts);
    opts.retries = 1;
    opts.backoff_ms = 10;
    opts.attempt_timeout_ms = 150;
    opts.progress = false;
    gl_fetcher *f = gl_fetcher_new(&opts, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char *url = test_url(&server, "/__fault/slow/1000/hello");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_FALSE(gl_fetch_url(f, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENET);
    CU_ASSERT_EQUAL(res.attempts, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    gl_fetch_result_free(&res);
    free(url);
    gl_fetcher_free(f);
}

static void test_digest(void)
{
    char hex[GL_SHA256_HEX_LEN + 1];
    gl_digest_sha256_hex(hello, strlen(hello), hex);
    char *good = test_url(&server, "/hello");
    char *bad = test_url(&server, "/__fault/corrupt/hello");
    gl_fetch_request reqs[2] = {
        {.url = good, .digest_algo = "sha256", .digest_hex = hex},
        {.url = bad, .digest_algo = "sha256", .digest_hex = hex},
    };
    gl_fetch_result res[2];
    CU_ASSERT_FALSE(gl_fetch_batch(fetcher, reqs, res, 2));
    CU_ASSERT_EQUAL(res[0].error.code, GL_OK);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res[0].body), hello);
    CU_ASSERT_EQUAL(res[1].error.code, GL_EDIGEST);
    char expected_start[256];
    snprintf(expected_start, sizeof expected_start, "sha256 mismatch for %s: expected %s, got ", bad, hex);
    CU_ASSERT_EQUAL(strncmp(res[1].error.message, expected_start, strlen(expected_start)), 0);
    CU_ASSERT_EQUAL(res[1].attempts, 1);
    gl_fetch_result_free(&res[0]);
    gl_fetch_result_free(&res[1]);
    free(good);
    free(bad);
}

static void test_range_honoured(void)
{
    char *url = test_url(&server, "/blob");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_fetch_range(fetcher, url, 1000, 50, &res, &err));
    CU_ASSERT_EQUAL(res.status, 206);
    CU_ASSERT_TRUE(res.range_honoured);
    CU_ASSERT_EQUAL(res.total_size, BLOB_SIZE);
    CU_ASSERT(res.body.len == 50 && !memcmp(res.body.data, blob + 1000, 50));
    CU_ASSERT_PTR_NOT_NULL(res.content_range);
    gl_fetch_result_free(&res);

    CU_ASSERT_TRUE_FATAL(gl_fetch_suffix(fetcher, url, 22, &res, &err));
    CU_ASSERT_TRUE(res.range_honoured);
    CU_ASSERT_EQUAL(res.total_size, BLOB_SIZE);
    CU_ASSERT(res.body.len == 22 && !memcmp(res.body.data, blob + BLOB_SIZE - 22, 22));
    gl_fetch_result_free(&res);
    CU_ASSERT_TRUE_FATAL(gl_fetch_suffix(fetcher, url, 3 * BLOB_SIZE, &res, &err));
    CU_ASSERT_TRUE(res.range_honoured);
    CU_ASSERT_EQUAL(res.total_size, BLOB_SIZE);
    CU_ASSERT_EQUAL(res.body.len, BLOB_SIZE);
    gl_fetch_result_free(&res);
    free(url);
    /* Ranges of a compressed encoding would be useless: ranges ask for identity. */
    CU_ASSERT_TRUE(test_server_last_had_header(&server, fetcher, "/blob", "Range"));
    CU_ASSERT_FALSE(test_server_last_had_header(&server, fetcher, "/blob", "Accept-Encoding"));
}

static void test_body_limit(void)
{
    char *url = test_url(&server, "/blob");
    gl_fetch_request req = {.url = url, .max_body_bytes = BLOB_SIZE - 1};
    gl_fetch_result res;
    CU_ASSERT_FALSE(gl_fetch_batch(fetcher, &req, &res, 1));
    CU_ASSERT_EQUAL(res.error.code, GL_ENET);
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error.message, url));
    CU_ASSERT_PTR_NOT_NULL(strstr(res.error.message, "larger than the 99999 bytes allowed"));
    CU_ASSERT_EQUAL(res.attempts, 1);
    gl_fetch_result_free(&res);
    req.max_body_bytes = BLOB_SIZE;
    CU_ASSERT_TRUE(gl_fetch_batch(fetcher, &req, &res, 1));
    CU_ASSERT_EQUAL(res.body.len, BLOB_SIZE);
    gl_fetch_result_free(&res);
    /* A range within the limit is fine even when the file is not. */
    req = (gl_fetch_request){.url = url, .range = true, .range_offset = 0, .range_length = 100,
                             .max_body_bytes = 1000};
    CU_ASSERT_TRUE(gl_fetch_batch(fetcher, &req, &res, 1));
    CU_ASSERT_EQUAL(res.body.len, 100);
    gl_fetch_result_free(&res);
    free(url);
}

static void test_range_ignored(void)
{
    char *url = test_url(&server, "/__fault/norange/blob");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_fetch_range(fetcher, url, 1000, 50, &res, &err));
    CU_ASSERT_EQUAL(res.status, 200);
    CU_ASSERT_FALSE(res.range_honoured);
    CU_ASSERT_EQUAL(res.total_size, BLOB_SIZE);
    CU_ASSERT(res.body.len == BLOB_SIZE && !memcmp(res.body.data, blob, BLOB_SIZE));
    gl_fetch_result_free(&res);
    free(url);
}

static void test_file_urls(void)
{
    char url[PATH_MAX + 16];
    gl_fetch_result res;
    gl_error err;
    snprintf(url, sizeof url, "file://%s/hello", fixtures);
    CU_ASSERT_TRUE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), hello);
    CU_ASSERT_EQUAL(res.status, 200);
    gl_fetch_result_free(&res);

    snprintf(url, sizeof url, "file://%s/blob", fixtures);
    CU_ASSERT_TRUE(gl_fetch_range(fetcher, url, 10, 20, &res, &err));
    CU_ASSERT_TRUE(res.range_honoured);
    CU_ASSERT(res.body.len == 20 && !memcmp(res.body.data, blob + 10, 20));
    gl_fetch_result_free(&res);
    CU_ASSERT_TRUE(gl_fetch_suffix(fetcher, url, 30, &res, &err));
    CU_ASSERT_TRUE(res.range_honoured);
    CU_ASSERT(res.body.len == 30 && !memcmp(res.body.data, blob + BLOB_SIZE - 30, 30));
    gl_fetch_result_free(&res);
    /* A suffix longer than the file gives the whole file, as over HTTP. */
    CU_ASSERT_TRUE(gl_fetch_suffix(fetcher, url, 3 * BLOB_SIZE, &res, &err));
    CU_ASSERT_TRUE(res.range_honoured);
    CU_ASSERT_EQUAL(res.total_size, BLOB_SIZE);
    CU_ASSERT(res.body.len == BLOB_SIZE && !memcmp(res.body.data, blob, BLOB_SIZE));
    gl_fetch_result_free(&res);

    snprintf(url, sizeof url, "file://%s/no-such-file", fixtures);
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    CU_ASSERT_EQUAL(res.attempts, 1);
    gl_fetch_result_free(&res);
}

static void test_credentials_redacted(void)
{
    char url[128];
    gl_fetch_result res;
    gl_error err;
    snprintf(url, sizeof url, "http://user:secret@127.0.0.1:%d/missing", server.port);
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    CU_ASSERT_PTR_NULL(strstr(err.message, "secret"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "/missing"));
    CU_ASSERT_PTR_NULL(res.final_url ? strstr(res.final_url, "secret") : NULL);
    gl_fetch_result_free(&res);

    /* Also when the message comes from retries running out. */
    snprintf(url, sizeof url, "http://user:secret@127.0.0.1:%d/__fault/status/500/hello", server.port);
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_PTR_NULL(strstr(err.message, "secret"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "500"));
    gl_fetch_result_free(&res);
}

static void test_conditional_and_redirect(void)
{
    char *url = test_url(&server, "/hello");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_PTR_NOT_NULL_FATAL(res.etag);
    char *etag = strdup(res.etag);
    gl_fetch_result_free(&res);
    gl_fetch_request req = {.url = url, .if_none_match = etag};
    CU_ASSERT_TRUE(gl_fetch_batch(fetcher, &req, &res, 1));
    CU_ASSERT_EQUAL(res.status, 304);
    CU_ASSERT_EQUAL(res.body.len, 0);
    gl_fetch_result_free(&res);
    free(etag);
    free(url);

    url = test_url(&server, "/__fault/redirect/hello");
    CU_ASSERT_TRUE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), hello);
    CU_ASSERT_PTR_NOT_NULL(res.final_url);
    char *expected_final = test_url(&server, "/hello");
    CU_ASSERT_STRING_EQUAL(res.final_url ? res.final_url : "", expected_final);
    free(expected_final);
    gl_fetch_result_free(&res);
    free(url);
}

static void test_bad_urls(void)
{
    const char *urls[] = {"not a url", "ftp://127.0.0.1/x", "gopher://127.0.0.1/", "http://"};
    for (size_t i = 0; i < sizeof urls / sizeof urls[0]; i++) {
        gl_fetch_result res;
        gl_error err;
        CU_ASSERT_FALSE(gl_fetch_url(fetcher, urls[i], &res, &err));
        CU_ASSERT_EQUAL(err.code, GL_ENET);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, urls[i]));
        CU_ASSERT_EQUAL(res.attempts, 1);
        gl_fetch_result_free(&res);
    }
    gl_fetch_request empty = {.url = ""};
    gl_fetch_result res;
    CU_ASSERT_FALSE(gl_fetch_batch(fetcher, &empty, &res, 1));
    CU_ASSERT_EQUAL(res.error.code, GL_EINVAL);
    gl_fetch_result_free(&res);
    CU_ASSERT_TRUE(gl_fetch_batch(fetcher, NULL, NULL, 0));

    /* Nothing listens: connection refused is retried, then reported. */
    test_server gone;
    char dir[PATH_MAX + 8];
    snprintf(dir, sizeof dir, "%s/gone", scratch);
    mkdir(dir, 0700);
    CU_ASSERT_TRUE_FATAL(test_server_start(&gone, fixtures, dir));
    test_server_stop(&gone);
    char *url = test_url(&gone, "/hello");
    gl_error err;
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENET);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    CU_ASSERT_EQUAL(res.attempts, 4);
    gl_fetch_result_free(&res);
    free(url);
}

/* Credentials come from the URL or from ~/.netrc; without them a 401 fails at once. */
static void test_credentials_and_netrc(void)
{
    char url[256];
    gl_fetch_result res;
    gl_error err;
    snprintf(url, sizeof url, "http://127.0.0.1:%d/__fault/auth/alice:s3cret/hello", server.port);
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENET);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "401"));
    CU_ASSERT_EQUAL(res.attempts, 1);
    gl_fetch_result_free(&res);

    snprintf(url, sizeof url, "http://alice:s3cret@127.0.0.1:%d/__fault/auth/alice:s3cret/hello", server.port);
    CU_ASSERT_TRUE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), hello);
    CU_ASSERT_PTR_NULL(res.final_url ? strstr(res.final_url, "s3cret@") : NULL); /* the path has it too */
    gl_fetch_result_free(&res);

    char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char netrc[PATH_MAX + 16];
    snprintf(netrc, sizeof netrc, "%s/.netrc", scratch);
    const char entry[] = "machine 127.0.0.1 login alice password s3cret\n";
    CU_ASSERT_TRUE(test_write_file(netrc, entry, strlen(entry)));
    chmod(netrc, 0600);
    setenv("HOME", scratch, 1);
    snprintf(url, sizeof url, "http://127.0.0.1:%d/__fault/auth/alice:s3cret/hello", server.port);
    CU_ASSERT_TRUE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), hello);
    gl_fetch_result_free(&res);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    else
        unsetenv("HOME");
    free(saved_home);
    remove(netrc);
}

/* An HTTPS server with a self-signed certificate: verification fails at once, no retries. */
static void test_tls_verification_is_on(void)
{
    char cmd[3 * PATH_MAX];
    snprintf(cmd, sizeof cmd,
             "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -days 1 "
             "-keyout '%s/key.pem' -out '%s/cert.pem' >/dev/null 2>&1",
             scratch, scratch);
    if (system(cmd) != 0) {
        fprintf(stderr, "(openssl unavailable: TLS check skipped) ");
        return;
    }
    char cert[PATH_MAX + 16], key[PATH_MAX + 16];
    snprintf(cert, sizeof cert, "%s/cert.pem", scratch);
    snprintf(key, sizeof key, "%s/key.pem", scratch);
    const char *extra[] = {"--tls-cert", cert, "--tls-key", key, NULL};
    test_server tls;
    CU_ASSERT_TRUE_FATAL(test_server_start_args(&tls, fixtures, scratch, extra));
    char *url = test_url(&tls, "/hello");
    CU_ASSERT_EQUAL(strncmp(url, "https://", 8), 0);
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_FALSE(gl_fetch_url(fetcher, url, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENET);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "TLS failure for"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    CU_ASSERT_EQUAL(res.attempts, 1);
    gl_fetch_result_free(&res);
    free(url);
    test_server_stop(&tls);
}

int main(void)
{
    gl_error err;
    if (!gl_fetch_global_init(&err)) {
        fprintf(stderr, "%s\n", err.message);
        return 1;
    }
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("fetch", suite_init, suite_cleanup);
    CU_add_test(s, "parallel batch", test_parallel_batch);
    CU_add_test(s, "404 is immediate", test_not_found_is_immediate);
    CU_add_test(s, "403 is immediate", test_forbidden_is_immediate);
    CU_add_test(s, "503 recovers", test_503_recovers);
    CU_add_test(s, "dropped body recovers", test_dropped_body_recovers);
    CU_add_test(s, "503 forever is bounded", test_503_forever_is_bounded);
    CU_add_test(s, "timeouts are retried, then fail", test_timeout_is_retried_then_fails);
    CU_add_test(s, "digest check", test_digest);
    CU_add_test(s, "range honoured", test_range_honoured);
    CU_add_test(s, "range ignored", test_range_ignored);
    CU_add_test(s, "body size limit", test_body_limit);
    CU_add_test(s, "file:// URLs", test_file_urls);
    CU_add_test(s, "credentials redacted", test_credentials_redacted);
    CU_add_test(s, "conditional request and redirect", test_conditional_and_redirect);
    CU_add_test(s, "credentials from the URL and ~/.netrc", test_credentials_and_netrc);
    CU_add_test(s, "bad URLs and refused connections", test_bad_urls);
    CU_add_test(s, "TLS verification is on", test_tls_verification_is_on);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    gl_fetch_global_cleanup();
    return failures ? 1 : 0;
}
