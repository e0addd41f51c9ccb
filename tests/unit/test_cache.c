/* test_cache.c — the on-disk HTTP cache: entries, revalidation, immutable content,
 * corrupt entries and offline mode, against tests/e2e/server.py. */
#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>

#include "cache.h"
#include "digest.h"
#include "testserver.h"

static char *fixtures;
static char *scratch;
static char *cache_dir;
static test_server server;
static gl_fetcher *fetcher;

static bool write_fixture(const char *name, const char *text)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", fixtures, name);
    return test_write_file(path, text, strlen(text));
}

static int suite_init(void)
{
    fixtures = test_temp_dir("cache-fixtures");
    scratch = test_temp_dir("cache-scratch");
    if (!fixtures || !scratch)
        return -1;
    if (asprintf(&cache_dir, "%s/cache", scratch) < 0)
        return -1;
    if (!write_fixture("page", "<html>page one</html>\n") ||
        !write_fixture("page2", "<html>page two</html>\n") ||
        !write_fixture("meta", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n") ||
        !write_fixture("offline", "cached for offline use\n"))
        return -1;
    if (!test_server_start(&server, fixtures, scratch))
        return -1;
    gl_fetch_options opts;
    gl_fetch_options_default(&opts);
    opts.backoff_ms = 10;
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
    free(cache_dir);
    return 0;
}

static gl_cache *open_cache(bool offline)
{
    gl_cache_options opts = {.dir = cache_dir, .offline = offline};
    gl_error err;
    gl_cache *cache = gl_cache_open(&opts, offline ? NULL : fetcher, &err);
    if (!cache)
        fprintf(stderr, "%s\n", err.message);
    return cache;
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    gl_strbuf b = GL_STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        gl_strbuf_append(&b, chunk, n);
    fclose(f);
    return gl_strbuf_detach(&b);
}

static void test_store_and_load(void)
{
    gl_cache *cache = open_cache(false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    gl_error err;
    const char body[] = "binary\0body\nwith a NUL";
    CU_ASSERT_TRUE(gl_cache_store(cache, "https://alice:s3cr3t@example.invalid/simple/x/#frag", body,
                                  sizeof body, "\"tag-1\"", "Sat, 01 Nov 2025 10:00:00 GMT", &err));
    gl_cache_entry entry;
    CU_ASSERT_TRUE_FATAL(gl_cache_load(cache, "https://example.invalid/simple/x/", &entry, &err));
    CU_ASSERT_EQUAL(entry.body.len, sizeof body);
    CU_ASSERT(entry.body.len == sizeof body && !memcmp(entry.body.data, body, sizeof body));
    CU_ASSERT_STRING_EQUAL(entry.etag, "\"tag-1\"");
    CU_ASSERT_STRING_EQUAL(entry.last_modified, "Sat, 01 Nov 2025 10:00:00 GMT");
    CU_ASSERT_STRING_EQUAL(entry.url, "https://example.invalid/simple/x/");
    char hex[GL_SHA256_HEX_LEN + 1];
    gl_digest_sha256_hex(body, sizeof body, hex);
    CU_ASSERT_STRING_EQUAL(entry.sha256, hex);
    CU_ASSERT(entry.fetched_at > 1700000000);
    gl_cache_entry_free(&entry);

    /* Credentials never reach the disk. */
    char *path = gl_cache_entry_path(cache, "https://example.invalid/simple/x/");
    char *text = read_text(path);
    CU_ASSERT_PTR_NOT_NULL(text);
    CU_ASSERT_PTR_NULL(text ? strstr(text, "s3cr3t") : "");
    free(text);
    free(path);

    CU_ASSERT_FALSE(gl_cache_load(cache, "https://example.invalid/simple/y/", &entry, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    gl_cache_free(cache);
}

static void test_revalidation(void)
{
    gl_cache *cache = open_cache(false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    char *url = test_url(&server, "/page");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_cache_fetch(cache, url, &res, &err));
    CU_ASSERT_FALSE(res.from_cache);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), "<html>page one</html>\n");
    gl_fetch_result_free(&res);
    CU_ASSERT_FALSE(test_server_last_had_header(&server, fetcher, "/page", "If-None-Match"));

    CU_ASSERT_TRUE_FATAL(gl_cache_fetch(cache, url, &res, &err));
    CU_ASSERT_TRUE(res.from_cache);
    CU_ASSERT_EQUAL(res.status, 200);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), "<html>page one</html>\n");
    gl_fetch_result_free(&res);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/page"), 2);
    CU_ASSERT_TRUE(test_server_last_had_header(&server, fetcher, "/page", "If-None-Match"));
    CU_ASSERT_TRUE(test_server_last_had_header(&server, fetcher, "/page", "If-Modified-Since"));

    /* The page changes on the server: the revalidation brings the new body and stores it. */
    CU_ASSERT_TRUE(write_fixture("page", "<html>page one, edited</html>\n"));
    CU_ASSERT_TRUE_FATAL(gl_cache_fetch(cache, url, &res, &err));
    CU_ASSERT_FALSE(res.from_cache);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), "<html>page one, edited</html>\n");
    gl_fetch_result_free(&res);
    gl_cache_entry entry;
    CU_ASSERT_TRUE_FATAL(gl_cache_load(cache, url, &entry, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&entry.body), "<html>page one, edited</html>\n");
    gl_cache_entry_free(&entry);
    free(url);
    gl_cache_free(cache);
}

static void test_immutable_not_revalidated(void)
{
    gl_cache *cache = open_cache(false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    const char *meta = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n";
    char hex[GL_SHA256_HEX_LEN + 1];
    gl_digest_sha256_hex(meta, strlen(meta), hex);
    char *plain = test_url(&server, "/meta");
    char *url = NULL;
    CU_ASSERT_FATAL(asprintf(&url, "%s#sha256=%s", plain, hex) > 0);
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_cache_fetch(cache, url, &res, &err));
    CU_ASSERT_FALSE(res.from_cache);
    gl_fetch_result_free(&res);
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_TRUE_FATAL(gl_cache_fetch(cache, url, &res, &err));
        CU_ASSERT_TRUE(res.from_cache);
        CU_ASSERT_EQUAL(res.attempts, 0);
        CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), meta);
        gl_fetch_result_free(&res);
    }
    /* The same through the request's own digest field. */
    gl_fetch_request req = {.url = plain, .digest_algo = "sha256", .digest_hex = hex};
    CU_ASSERT_TRUE(gl_cache_fetch_batch(cache, &req, &res, 1));
    CU_ASSERT_TRUE(res.from_cache);
    gl_fetch_result_free(&res);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/meta"), 1);

    /* A wrong digest is not served from the cache: it is fetched and fails the check. */
    char wrong[GL_SHA256_HEX_LEN + 1];
    memset(wrong, 'a', GL_SHA256_HEX_LEN);
    wrong[GL_SHA256_HEX_LEN] = '\0';
    req.digest_hex = wrong;
    CU_ASSERT_FALSE(gl_cache_fetch_batch(cache, &req, &res, 1));
    CU_ASSERT_EQUAL(res.error.code, GL_EDIGEST);
    gl_fetch_result_free(&res);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/meta"), 2);
    free(plain);
    free(url);
    gl_cache_free(cache);
}

static void corrupt_and_refetch(gl_cache *cache, const char *url, void (*damage)(const char *path),
                                long expected_count)
{
    char *path = gl_cache_entry_path(cache, url);
    CU_ASSERT_PTR_NOT_NULL_FATAL(path);
    damage(path);
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE(gl_cache_fetch(cache, url, &res, &err));
    CU_ASSERT_FALSE(res.from_cache);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), "<html>page two</html>\n");
    gl_fetch_result_free(&res);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/page2"), expected_count);
    /* The refetch left a valid entry behind. */
    gl_cache_entry entry;
    CU_ASSERT_TRUE(gl_cache_load(cache, url, &entry, &err));
    gl_cache_entry_free(&entry);
    free(path);
}

static void truncate_entry(const char *path)
{
    struct stat st;
    CU_ASSERT_EQUAL_FATAL(stat(path, &st), 0);
    CU_ASSERT_EQUAL(truncate(path, st.st_size - 3), 0);
}

static void flip_body_byte(const char *path)
{
    FILE *f = fopen(path, "r+b");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fseek(f, -5, SEEK_END);
    int c = fgetc(f);
    fseek(f, -5, SEEK_END);
    fputc(c ^ 0x20, f);
    fclose(f);
}

static void garble_header(const char *path)
{
    const char *garbage = "gpulock-cache 1\nsize banana\n\n<html>";
    CU_ASSERT_TRUE(test_write_file(path, garbage, strlen(garbage)));
}

static void test_corrupt_entry_refetched(void)
{
    gl_cache *cache = open_cache(false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    char *url = test_url(&server, "/page2");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_cache_fetch(cache, url, &res, &err));
    gl_fetch_result_free(&res);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/page2"), 1);
    corrupt_and_refetch(cache, url, truncate_entry, 2);
    corrupt_and_refetch(cache, url, flip_body_byte, 3);
    corrupt_and_refetch(cache, url, garble_header, 4);

    /* Loading a corrupt entry says so and removes it. */
    char *path = gl_cache_entry_path(cache, url);
    flip_body_byte(path);
    gl_cache_entry entry;
    CU_ASSERT_FALSE(gl_cache_load(cache, url, &entry, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "corrupt cache entry"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    CU_ASSERT_NOT_EQUAL(access(path, F_OK), 0);
    free(path);
    free(url);
    gl_cache_free(cache);
}

static void test_offline(void)
{
    gl_cache *online = open_cache(false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(online);
    char *url = test_url(&server, "/offline");
    gl_fetch_result res;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_cache_fetch(online, url, &res, &err));
    gl_fetch_result_free(&res);
    gl_cache_free(online);

    gl_cache *cache = open_cache(true);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    CU_ASSERT_TRUE(gl_cache_fetch(cache, url, &res, &err));
    CU_ASSERT_TRUE(res.from_cache);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), "cached for offline use\n");
    gl_fetch_result_free(&res);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/offline"), 1);

    char *missing = test_url(&server, "/simple/torch/");
    CU_ASSERT_FALSE(gl_cache_fetch(cache, missing, &res, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    char expected[512];
    snprintf(expected, sizeof expected,
             "offline: no cached copy of %s (run once online or use --snapshot)", missing);
    CU_ASSERT_STRING_EQUAL(err.message, expected);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, "/simple/torch/"), 0);
    gl_fetch_result_free(&res);

    /* file:// is local: read directly even offline (given a fetcher), and never cached. */
    gl_cache_options opts = {.dir = cache_dir, .offline = true};
    gl_cache *local = gl_cache_open(&opts, fetcher, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(local);
    char file_url[PATH_MAX + 16];
    snprintf(file_url, sizeof file_url, "file://%s/offline", fixtures);
    CU_ASSERT_TRUE(gl_cache_fetch(local, file_url, &res, &err));
    CU_ASSERT_FALSE(res.from_cache);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&res.body), "cached for offline use\n");
    gl_fetch_result_free(&res);
    gl_cache_entry entry;
    CU_ASSERT_FALSE(gl_cache_load(local, file_url, &entry, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    gl_cache_free(local);
    free(missing);
    free(url);
    gl_cache_free(cache);
}

static void test_default_dir(void)
{
    char *saved_xdg = getenv("XDG_CACHE_HOME") ? strdup(getenv("XDG_CACHE_HOME")) : NULL;
    char *saved_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    gl_strbuf dir = GL_STRBUF_INIT;
    gl_error err;
    setenv("XDG_CACHE_HOME", "/var/tmp/xdg", 1);
    CU_ASSERT_TRUE(gl_cache_default_dir(&dir, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&dir), "/var/tmp/xdg/gpulock");
    gl_strbuf_reset(&dir);
    unsetenv("XDG_CACHE_HOME");
    setenv("HOME", "/home/someone", 1);
    CU_ASSERT_TRUE(gl_cache_default_dir(&dir, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&dir), "/home/someone/.cache/gpulock");
    gl_strbuf_free(&dir);
    if (saved_xdg)
        setenv("XDG_CACHE_HOME", saved_xdg, 1);
    if (saved_home)
        setenv("HOME", saved_home, 1);
    free(saved_xdg);
    free(saved_home);
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
    CU_pSuite s = CU_add_suite("cache", suite_init, suite_cleanup);
    CU_add_test(s, "store and load", test_store_and_load);
    CU_add_test(s, "revalidation with 304", test_revalidation);
    CU_add_test(s, "immutable entries are not revalidated", test_immutable_not_revalidated);
    CU_add_test(s, "corrupt entries are refetched", test_corrupt_entry_refetched);
    CU_add_test(s, "offline mode", test_offline);
    CU_add_test(s, "default directory", test_default_dir);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    gl_fetch_global_cleanup();
    return failures ? 1 : 0;
}
