/* test_lazy_wheel.c — METADATA out of remote wheels with range requests (and without), zip64,
 * deflate and stored members, sdist PKG-INFO, and malformed archives. Stub wheels and sdists
 * come from shared/tools/render-mirror --stub-wheels over a few packages' facts; the other
 * archives are built here. */
#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <zlib.h>

#include "lazy_wheel.h"
#include "sdist_pkginfo.h"
#include "testserver.h"

static char *scratch;
static char *mirror; /* rendered mirror: mirror/pypi/files, mirror/pytorch/whl/cu128 */
static test_server server;
static gl_fetcher *fetcher;

static const char demo_metadata[] =
    "Metadata-Version: 2.1\nName: demo\nVersion: 1.0+cu128\nRequires-Dist: numpy>=1.20\n"
    "Requires-Dist: torch==2.9.0; platform_system == \"Linux\"\n";

/* ---- archive builders ---- */

typedef struct zentry {
    const char *name;
    const void *data;
    size_t len;
    int method; /* 0 stored, 8 deflate, anything else written as is (stored bytes) */
} zentry;

static void put16(gl_strbuf *b, unsigned v)
{
    unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    gl_strbuf_append(b, (const char *)x, 2);
}

static void put32(gl_strbuf *b, uint32_t v)
{
    put16(b, v & 0xffff);
    put16(b, v >> 16);
}

static void put64(gl_strbuf *b, uint64_t v)
{
    put32(b, (uint32_t)v);
    put32(b, (uint32_t)(v >> 32));
}

static void raw_deflate(const void *data, size_t len, gl_strbuf *out)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    unsigned char buf[1 << 16];
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    int rc;
    do {
        zs.next_out = buf;
        zs.avail_out = sizeof buf;
        rc = deflate(&zs, Z_FINISH);
        gl_strbuf_append(out, (const char *)buf, sizeof buf - zs.avail_out);
    } while (rc != Z_STREAM_END);
    deflateEnd(&zs);
}

static void gzip_bytes(const void *data, size_t len, gl_strbuf *out)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    unsigned char buf[1 << 16];
    zs.next_in = (Bytef *)data;
    zs.avail_in = (uInt)len;
    int rc;
    do {
        zs.next_out = buf;
        zs.avail_out = sizeof buf;
        rc = deflate(&zs, Z_FINISH);
        gl_strbuf_append(out, (const char *)buf, sizeof buf - zs.avail_out);
    } while (rc != Z_STREAM_END);
    deflateEnd(&zs);
}

/* A zip of the entries; zip64 writes the zip64 end records and zip64 extra fields. */
static void zip_build(gl_strbuf *out, const zentry *e, size_t n, bool zip64)
{
    uint64_t *offsets = calloc(n, sizeof *offsets);
    gl_strbuf *comp = calloc(n, sizeof *comp);
    uint32_t *crcs = calloc(n, sizeof *crcs);
    for (size_t i = 0; i < n; i++) {
        crcs[i] = (uint32_t)crc32(crc32(0, Z_NULL, 0), (const Bytef *)e[i].data, (uInt)e[i].len);
        if (e[i].method == 8)
            raw_deflate(e[i].data, e[i].len, &comp[i]);
        else
            gl_strbuf_append(&comp[i], e[i].data, e[i].len);
        offsets[i] = out->len;
        put32(out, 0x04034b50);
        put16(out, 20);
        put16(out, 0);
        put16(out, (unsigned)e[i].method);
        put16(out, 0);
        put16(out, 0x21);
        put32(out, crcs[i]);
        put32(out, (uint32_t)comp[i].len);
        put32(out, (uint32_t)e[i].len);
        put16(out, (unsigned)strlen(e[i].name));
        put16(out, 0);
        gl_strbuf_puts(out, e[i].name);
        gl_strbuf_append(out, comp[i].data ? comp[i].data : "", comp[i].len);
    }
    uint64_t cd_start = out->len;
    for (size_t i = 0; i < n; i++) {
        put32(out, 0x02014b50);
        put16(out, zip64 ? 45 : 20);
        put16(out, zip64 ? 45 : 20);
        put16(out, 0);
        put16(out, (unsigned)e[i].method);
        put16(out, 0);
        put16(out, 0x21);
        put32(out, crcs[i]);
        put32(out, zip64 ? 0xFFFFFFFFu : (uint32_t)comp[i].len);
        put32(out, zip64 ? 0xFFFFFFFFu : (uint32_t)e[i].len);
        put16(out, (unsigned)strlen(e[i].name));
        put16(out, zip64 ? 28 : 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, 0);
        put32(out, zip64 ? 0xFFFFFFFFu : (uint32_t)offsets[i]);
        gl_strbuf_puts(out, e[i].name);
        if (zip64) {
            put16(out, 1);
            put16(out, 24);
            put64(out, e[i].len);
            put64(out, comp[i].len);
            put64(out, offsets[i]);
        }
        gl_strbuf_free(&comp[i]);
    }
    uint64_t cd_size = out->len - cd_start;
    if (zip64) {
        uint64_t z64 = out->len;
        put32(out, 0x06064b50);
        put64(out, 44);
        put16(out, 45);
        put16(out, 45);
        put32(out, 0);
        put32(out, 0);
        put64(out, n);
        put64(out, n);
        put64(out, cd_size);
        put64(out, cd_start);
        put32(out, 0x07064b50);
        put32(out, 0);
        put64(out, z64);
        put32(out, 1);
    }
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, zip64 ? 0xFFFF : (unsigned)n);
    put16(out, zip64 ? 0xFFFF : (unsigned)n);
    put32(out, zip64 ? 0xFFFFFFFFu : (uint32_t)cd_size);
    put32(out, zip64 ? 0xFFFFFFFFu : (uint32_t)cd_start);
    put16(out, 0);
    free(offsets);
    free(comp);
    free(crcs);
}

/* One ustar entry (header + data padded to 512). */
static void tar_add(gl_strbuf *out, const char *name, const char *data, size_t len, char type)
{
    unsigned char h[512];
    memset(h, 0, sizeof h);
    snprintf((char *)h, 100, "%s", name);
    snprintf((char *)h + 100, 8, "0000644");
    snprintf((char *)h + 108, 8, "0000000");
    snprintf((char *)h + 116, 8, "0000000");
    snprintf((char *)h + 124, 12, "%011o", (unsigned)len);
    snprintf((char *)h + 136, 12, "%011o", 0u);
    h[156] = (unsigned char)type;
    memcpy(h + 257, "ustar\0" "00", 8);
    memset(h + 148, ' ', 8);
    unsigned sum = 0;
    for (size_t i = 0; i < 512; i++)
        sum += h[i];
    snprintf((char *)h + 148, 8, "%06o", sum);
    gl_strbuf_append(out, (const char *)h, 512);
    gl_strbuf_append(out, data, len);
    static const char zeros[512];
    if (len % 512)
        gl_strbuf_append(out, zeros, 512 - len % 512);
}

static void tar_end(gl_strbuf *out)
{
    static const char zeros[1024];
    gl_strbuf_append(out, zeros, sizeof zeros);
}

static bool write_buf(const char *name, const gl_strbuf *b)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/built/%s", scratch, name);
    return test_write_file(path, b->data, b->len);
}

/* Writes the archives the tests below fetch from scratch/built. */
static bool build_archives(void)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/built", scratch);
    if (mkdir(path, 0700))
        return false;
    gl_strbuf b = GL_STRBUF_INIT;
    static const char wheel_file[] = "Wheel-Version: 1.0\nRoot-Is-Purelib: true\n";
    zentry small[] = {
        {"demo/__init__.py", "x = 1\n", 6, 8},
        {"demo-1.0+cu128.dist-info/METADATA", demo_metadata, sizeof demo_metadata - 1, 8},
        {"demo-1.0+cu128.dist-info/WHEEL", wheel_file, sizeof wheel_file - 1, 0},
    };
    zip_build(&b, small, 3, false);
    bool ok = write_buf("demo-1.0+cu128-py3-none-any.whl", &b);
    gl_strbuf_reset(&b);
    zip_build(&b, small, 3, true);
    ok = ok && write_buf("demo-1.0+cu128-py3-none-zip64.whl", &b);

    /* Large: METADATA first, 300 KB of incompressible data, then a central directory of
     * 1500 entries (bigger than the tail the reader fetches first). */
    size_t junk_len = 300000;
    unsigned char *junk = malloc(junk_len);
    uint32_t x = 12345;
    for (size_t i = 0; i < junk_len; i++) {
        x = x * 1103515245u + 12345u;
        junk[i] = (unsigned char)(x >> 16);
    }
    size_t nbig = 1502;
    zentry *big = calloc(nbig, sizeof *big);
    char(*names)[96] = calloc(nbig, sizeof *names);
    big[0] = (zentry){"demo-1.0+cu128.dist-info/METADATA", demo_metadata, sizeof demo_metadata - 1, 0};
    big[1] = (zentry){"demo/blob.bin", junk, junk_len, 0};
    for (size_t i = 2; i < nbig; i++) {
        snprintf(names[i], sizeof names[i], "demo/generated/module_with_a_long_descriptive_name_%05zu.py", i);
        big[i] = (zentry){names[i], "", 0, 0};
    }
    gl_strbuf_reset(&b);
    zip_build(&b, big, nbig, false);
    ok = ok && b.len > 400000 && write_buf("demo-1.0+cu128-py3-none-big.whl", &b);
    gl_strbuf_reset(&b);
    zip_build(&b, big, nbig, true);
    ok = ok && write_buf("demo-1.0+cu128-py3-none-bigzip64.whl", &b);
    free(junk);
    free(big);
    free(names);

    /* No .dist-info at all. */
    zentry none[] = {{"demo/__init__.py", "x = 1\n", 6, 8}};
    gl_strbuf_reset(&b);
    zip_build(&b, none, 1, false);
    ok = ok && write_buf("demo-1.0-py3-none-nometa.whl", &b);
    /* METADATA compressed with a method gpulock does not read (bzip2 = 12). */
    zentry bz[] = {{"demo-1.0.dist-info/METADATA", demo_metadata, sizeof demo_metadata - 1, 12}};
    gl_strbuf_reset(&b);
    zip_build(&b, bz, 1, false);
    ok = ok && write_buf("demo-1.0-py3-none-bzip2.whl", &b);
    /* Deflated METADATA with damaged compressed bytes. */
    gl_strbuf_reset(&b);
    zip_build(&b, small, 3, false);
    char *local = memmem(b.data, b.len, small[1].name, strlen(small[1].name));
    if (!local)
        return false;
    local[strlen(small[1].name) + 10] ^= 0x55;
    ok = ok && write_buf("demo-1.0+cu128-py3-none-damaged.whl", &b);
    /* A wheel cut off in its central directory. */
    gl_strbuf_reset(&b);
    zip_build(&b, small, 3, false);
    b.len -= 40;
    ok = ok && write_buf("demo-1.0+cu128-py3-none-cut.whl", &b);
    gl_strbuf_free(&b);
    return ok;
}

static int suite_init(void)
{
    scratch = test_temp_dir("lazy-wheel");
    if (!scratch || !build_archives())
        return -1;
    /* A small facts subset keeps the render fast: a PyTorch wheel with a local version, a
     * PyPI project with wheels and an sdist. */
    char cmd[4 * PATH_MAX];
    const char *src = test_source_root();
    snprintf(cmd, sizeof cmd,
             "set -e; d='%s'; f='%s/../shared/data/facts'; mkdir -p \"$d/facts\"; "
             "grep -h -e '\"name\": \"markupsafe\", \"version\": \"2.1.5\"' "
             "-e '\"name\": \"torch\", \"version\": \"2.9.0+cu128\"' "
             "-e '\"name\": \"accelerate\", \"version\": \"1.10.0\"' "
             "\"$f\"/files-*.jsonl > \"$d/facts/files-subset.jsonl\"; "
             "grep -h -e '\"name\": \"markupsafe\", \"version\": \"2.1.5\"' "
             "-e '\"name\": \"torch\", \"version\": \"2.9.0+cu128\"' "
             "-e '\"name\": \"accelerate\", \"version\": \"1.10.0\"' "
             "\"$f\"/metadata-*.jsonl > \"$d/facts/metadata-subset.jsonl\"; "
             "python3 '%s/../shared/tools/render-mirror' \"$d/mirror\" --stub-wheels --facts \"$d/facts\" >/dev/null",
             scratch, src, src);
    if (system(cmd) != 0)
        return -1;
    if (asprintf(&mirror, "%s/mirror", scratch) < 0)
        return -1;
    if (!test_server_start(&server, scratch, scratch))
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
    test_remove_tree(scratch);
    free(scratch);
    free(mirror);
    return 0;
}

/* Server URL of scratch/<rel>/<file>, with the file name percent-encoded as indexes do. */
static char *served_url(const char *prefix, const char *rel, const char *file)
{
    gl_strbuf b = GL_STRBUF_INIT;
    gl_strbuf_printf(&b, "%s%s/%s/", server.base, prefix, rel);
    for (const char *p = file; *p; p++) {
        if (*p == '+')
            gl_strbuf_puts(&b, "%2B");
        else
            gl_strbuf_putc(&b, *p);
    }
    return gl_strbuf_detach(&b);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    gl_strbuf b = GL_STRBUF_INIT;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        gl_strbuf_append(&b, chunk, n);
    fclose(f);
    if (len)
        *len = b.len;
    return gl_strbuf_detach(&b);
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && !strcmp(s + a - b, suffix);
}

/* Every stub wheel in mirror/<rel>: METADATA read lazily equals the .metadata file beside it. */
static int check_stub_wheels(const char *rel, const char *fault, bool expect_whole)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/%s", mirror, rel);
    DIR *d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *de;
    int checked = 0;
    while ((de = readdir(d))) {
        if (!ends_with(de->d_name, ".whl"))
            continue;
        char path[2 * PATH_MAX];
        snprintf(path, sizeof path, "%s/%s.metadata", dir, de->d_name);
        char *expected = read_file(path, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(expected);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "%s/mirror", fault);
        char *url = served_url(prefix, rel, de->d_name);
        gl_strbuf meta = GL_STRBUF_INIT;
        gl_lazy_wheel_info info;
        gl_error err;
        bool ok = gl_lazy_wheel_metadata(fetcher, url, &meta, &info, &err);
        if (!ok)
            fprintf(stderr, "\n%s\n", err.message);
        CU_ASSERT_TRUE(ok);
        CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&meta), expected);
        CU_ASSERT_EQUAL(info.whole_file, expect_whole);
        CU_ASSERT_EQUAL(info.requests, 1); /* stub wheels fit in the first tail read */
        gl_strbuf_free(&meta);
        free(url);
        free(expected);
        checked++;
    }
    closedir(d);
    return checked;
}

static void test_stub_wheels_with_range(void)
{
    CU_ASSERT(check_stub_wheels("pypi/files", "", false) >= 2);
    CU_ASSERT(check_stub_wheels("pytorch/whl/cu128", "", false) >= 2);
}

static void test_stub_wheels_without_range(void)
{
    CU_ASSERT(check_stub_wheels("pypi/files", "/__fault/norange", true) >= 2);
}

static void check_built(const char *prefix, const char *file, int expected_requests, bool expect_whole)
{
    char *url = served_url(prefix, "built", file);
    gl_strbuf meta = GL_STRBUF_INIT;
    gl_lazy_wheel_info info;
    gl_error err;
    bool ok = gl_lazy_wheel_metadata(fetcher, url, &meta, &info, &err);
    if (!ok)
        fprintf(stderr, "\n%s: %s\n", file, err.message);
    CU_ASSERT_TRUE(ok);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&meta), demo_metadata);
    CU_ASSERT_EQUAL(info.requests, expected_requests);
    CU_ASSERT_EQUAL(info.whole_file, expect_whole);
    gl_strbuf_free(&meta);
    free(url);
}

static void test_deflate_stored_zip64(void)
{
    check_built("", "demo-1.0+cu128-py3-none-any.whl", 1, false);
    check_built("", "demo-1.0+cu128-py3-none-zip64.whl", 1, false);
    /* Tail, central directory, then the member: three ranges, not the 400 KB file. */
    check_built("", "demo-1.0+cu128-py3-none-big.whl", 3, false);
    check_built("", "demo-1.0+cu128-py3-none-bigzip64.whl", 3, false);
    check_built("/__fault/norange", "demo-1.0+cu128-py3-none-big.whl", 1, true);
    check_built("/__fault/norange", "demo-1.0+cu128-py3-none-bigzip64.whl", 1, true);
}

static void test_file_urls(void)
{
    const char *files[] = {"demo-1.0+cu128-py3-none-any.whl", "demo-1.0+cu128-py3-none-zip64.whl",
                           "demo-1.0+cu128-py3-none-big.whl", "demo-1.0+cu128-py3-none-bigzip64.whl"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char url[PATH_MAX + 64];
        snprintf(url, sizeof url, "file://%s/built/%s", scratch, files[i]);
        gl_strbuf meta = GL_STRBUF_INIT;
        gl_error err;
        bool ok = gl_lazy_wheel_metadata(fetcher, url, &meta, NULL, &err);
        if (!ok)
            fprintf(stderr, "\n%s\n", err.message);
        CU_ASSERT_TRUE(ok);
        CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&meta), demo_metadata);
        gl_strbuf_free(&meta);
    }
}

static void expect_wheel_error(const char *file, int code, const char *needle)
{
    char *url = served_url("", "built", file);
    gl_strbuf meta = GL_STRBUF_INIT;
    gl_error err;
    CU_ASSERT_FALSE(gl_lazy_wheel_metadata(fetcher, url, &meta, NULL, &err));
    CU_ASSERT_EQUAL(err.code, code);
    if (!strstr(err.message, needle) || !strstr(err.message, url))
        fprintf(stderr, "\nunexpected message for %s: %s\n", file, err.message);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, needle));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, url));
    gl_strbuf_free(&meta);
    free(url);
}

static void test_malformed_wheels(void)
{
    expect_wheel_error("demo-1.0-py3-none-nometa.whl", GL_ENOTFOUND, "no .dist-info/METADATA in");
    expect_wheel_error("demo-1.0-py3-none-bzip2.whl", GL_EINVAL, "unsupported compression method 12");
    expect_wheel_error("demo-1.0+cu128-py3-none-damaged.whl", GL_EINVAL, "METADATA");
    expect_wheel_error("demo-1.0+cu128-py3-none-cut.whl", GL_EINVAL, "not a zip archive");
    expect_wheel_error("missing-1.0-py3-none-any.whl", GL_ENOTFOUND, "404");

    /* Not a zip at all: the stub sdist served as if it were a wheel, and random bytes. */
    gl_strbuf meta = GL_STRBUF_INIT;
    gl_error err;
    unsigned char noise[3000];
    for (size_t i = 0; i < sizeof noise; i++)
        noise[i] = (unsigned char)(i * 7 + 3);
    CU_ASSERT_FALSE(gl_wheel_metadata_from_buffer(noise, sizeof noise, "x-1.0-py3-none-any.whl", &meta, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not a zip archive: x-1.0-py3-none-any.whl"));
    CU_ASSERT_FALSE(gl_wheel_metadata_from_buffer(NULL, 0, "empty-1.0-py3-none-any.whl", &meta, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_EQUAL(meta.len, 0);
    gl_strbuf_free(&meta);
}

static void test_wheel_in_memory(void)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/built/demo-1.0+cu128-py3-none-big.whl", scratch);
    size_t len;
    char *data = read_file(path, &len);
    CU_ASSERT_PTR_NOT_NULL_FATAL(data);
    gl_strbuf meta = GL_STRBUF_INIT;
    gl_error err;
    CU_ASSERT_TRUE(gl_wheel_metadata_from_buffer(data, len, "demo-1.0+cu128-py3-none-big.whl", &meta, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&meta), demo_metadata);
    gl_strbuf_free(&meta);
    /* Every truncation of the archive fails cleanly. */
    for (size_t cut = 0; cut < len; cut += len / 97 + 1) {
        CU_ASSERT_FALSE(gl_wheel_metadata_from_buffer(data, cut, "demo-1.0+cu128-py3-none-big.whl", &meta, &err));
        gl_strbuf_free(&meta);
    }
    free(data);
}

static void test_sdist_stub(void)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/pypi/files", mirror);
    DIR *d = opendir(dir);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    struct dirent *de;
    int checked = 0;
    while ((de = readdir(d))) {
        if (!ends_with(de->d_name, ".tar.gz"))
            continue;
        char path[2 * PATH_MAX];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t len;
        char *data = read_file(path, &len);
        snprintf(path, sizeof path, "%s/%s.metadata", dir, de->d_name);
        char *expected = read_file(path, NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(data);
        CU_ASSERT_PTR_NOT_NULL_FATAL(expected);
        gl_strbuf info = GL_STRBUF_INIT;
        gl_error err;
        CU_ASSERT_TRUE(gl_sdist_pkginfo(data, len, de->d_name, &info, &err));
        CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&info), expected);
        gl_strbuf_free(&info);
        free(data);
        free(expected);
        checked++;
    }
    closedir(d);
    CU_ASSERT(checked >= 2);
}

static void test_sdist_built(void)
{
    static const char pkg_info[] = "Metadata-Version: 2.2\nName: demo\nVersion: 1.0\nRequires-Dist: numpy\n";
    static const char egg_info[] = "Metadata-Version: 1.0\nName: wrong\n";
    gl_strbuf tar = GL_STRBUF_INIT, gz = GL_STRBUF_INIT, out = GL_STRBUF_INIT;
    gl_error err;
    /* The top-level PKG-INFO wins over a nested egg-info one that comes first. */
    tar_add(&tar, "demo-1.0/", "", 0, '5');
    tar_add(&tar, "demo-1.0/src/demo.egg-info/PKG-INFO", egg_info, sizeof egg_info - 1, '0');
    tar_add(&tar, "demo-1.0/setup.py", "pass\n", 5, '0');
    tar_add(&tar, "demo-1.0/PKG-INFO", pkg_info, sizeof pkg_info - 1, '0');
    tar_end(&tar);
    gzip_bytes(tar.data, tar.len, &gz);
    CU_ASSERT_TRUE(gl_sdist_pkginfo(gz.data, gz.len, "demo-1.0.tar.gz", &out, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&out), pkg_info);
    gl_strbuf_reset(&out);
    /* Uncompressed tar too. */
    CU_ASSERT_TRUE(gl_sdist_pkginfo(tar.data, tar.len, "demo-1.0.tar", &out, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&out), pkg_info);
    gl_strbuf_reset(&out);

    /* Truncated .tar.gz: every cut fails cleanly (or finds PKG-INFO when it is complete). */
    for (size_t cut = 0; cut < gz.len; cut += 7) {
        if (gl_sdist_pkginfo(gz.data, cut, "demo-1.0.tar.gz", &out, &err))
            CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&out), pkg_info);
        gl_strbuf_reset(&out);
    }
    CU_ASSERT_FALSE(gl_sdist_pkginfo(gz.data, gz.len / 2, "demo-1.0.tar.gz", &out, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "demo-1.0.tar.gz"));

    /* .zip sdist. */
    zentry z[] = {
        {"demo-1.0/src/demo.egg-info/PKG-INFO", egg_info, sizeof egg_info - 1, 8},
        {"demo-1.0/PKG-INFO", pkg_info, sizeof pkg_info - 1, 8},
    };
    gl_strbuf zip = GL_STRBUF_INIT;
    zip_build(&zip, z, 2, false);
    CU_ASSERT_TRUE(gl_sdist_pkginfo(zip.data, zip.len, "demo-1.0.zip", &out, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&out), pkg_info);
    gl_strbuf_reset(&out);

    /* No PKG-INFO at the top. */
    gl_strbuf_reset(&tar);
    gl_strbuf_reset(&gz);
    tar_add(&tar, "demo-1.0/setup.py", "pass\n", 5, '0');
    tar_add(&tar, "demo-1.0/src/demo.egg-info/PKG-INFO", egg_info, sizeof egg_info - 1, '0');
    tar_end(&tar);
    gzip_bytes(tar.data, tar.len, &gz);
    CU_ASSERT_FALSE(gl_sdist_pkginfo(gz.data, gz.len, "demo-1.0.tar.gz", &out, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    CU_ASSERT_STRING_EQUAL(err.message, "no top-level PKG-INFO in demo-1.0.tar.gz");

    /* Garbage. */
    CU_ASSERT_FALSE(gl_sdist_pkginfo("hello", 5, "demo-1.0.tar.gz", &out, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    static const unsigned char bad_gz[] = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff};
    CU_ASSERT_FALSE(gl_sdist_pkginfo(bad_gz, sizeof bad_gz, "demo-1.0.tar.gz", &out, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    /* A gzip of something that is not a tar. */
    gl_strbuf_reset(&gz);
    gzip_bytes(demo_metadata, sizeof demo_metadata - 1, &gz);
    CU_ASSERT_FALSE(gl_sdist_pkginfo(gz.data, gz.len, "demo-1.0.tar.gz", &out, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "demo-1.0.tar.gz"));

    gl_strbuf_free(&tar);
    gl_strbuf_free(&gz);
    gl_strbuf_free(&zip);
    gl_strbuf_free(&out);
}

/* The fuzz seeds were written by Python's zipfile and tarfile (ustar, pax and GNU long names,
 * a hand-packed zip64): every one must give its metadata back. */
static void test_python_made_archives(void)
{
    static const char meta[] = "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: numpy\n";
    const char *seeds[] = {"wheel-stored.whl", "wheel-deflated.whl", "wheel-zip64.whl", "sdist-ustar.tar.gz",
                           "sdist-pax.tar.gz", "sdist-gnu.tar.gz", "sdist.zip"};
    for (size_t i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/tests/fuzz/corpus/lazy_wheel/%s", test_source_root(), seeds[i]);
        size_t len;
        char *data = read_file(path, &len);
        CU_ASSERT_PTR_NOT_NULL_FATAL(data);
        gl_strbuf out = GL_STRBUF_INIT;
        gl_error err;
        bool ok = ends_with(seeds[i], ".whl")
                      ? gl_wheel_metadata_from_buffer(data, len, "demo-1.0-py3-none-any.whl", &out, &err)
                      : gl_sdist_pkginfo(data, len, ends_with(seeds[i], ".zip") ? "demo-1.0.zip" : "demo-1.0.tar.gz",
                                         &out, &err);
        if (!ok)
            fprintf(stderr, "\n%s: %s\n", seeds[i], err.message);
        CU_ASSERT_TRUE(ok);
        CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&out), meta);
        gl_strbuf_free(&out);
        free(data);
    }
}

static void test_cached_metadata(void)
{
    char dir[PATH_MAX + 8];
    snprintf(dir, sizeof dir, "%s/cache", scratch);
    gl_cache_options opts = {.dir = dir};
    gl_error err;
    gl_cache *cache = gl_cache_open(&opts, fetcher, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    char *url = served_url("", "built", "demo-1.0+cu128-py3-none-big.whl");
    const char *path = "/built/demo-1.0%2Bcu128-py3-none-big.whl";
    long before = test_server_count(&server, fetcher, path);
    gl_strbuf meta = GL_STRBUF_INIT;
    gl_lazy_wheel_info info;
    CU_ASSERT_TRUE(gl_lazy_wheel_metadata_cached(cache, url, &meta, &info, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&meta), demo_metadata);
    CU_ASSERT_EQUAL(info.requests, 3);
    gl_strbuf_reset(&meta);
    CU_ASSERT_TRUE(gl_lazy_wheel_metadata_cached(cache, url, &meta, &info, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&meta), demo_metadata);
    CU_ASSERT_EQUAL(info.requests, 0);
    CU_ASSERT_EQUAL(test_server_count(&server, fetcher, path), before + 3);
    /* The wheel's own URL has no entry: only the derived METADATA was stored. */
    gl_cache_entry entry;
    CU_ASSERT_FALSE(gl_cache_load(cache, url, &entry, &err));
    gl_cache_free(cache);

    opts.offline = true;
    cache = gl_cache_open(&opts, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(cache);
    gl_strbuf_reset(&meta);
    CU_ASSERT_TRUE(gl_lazy_wheel_metadata_cached(cache, url, &meta, &info, &err));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&meta), demo_metadata);
    char *other = served_url("", "built", "demo-1.0+cu128-py3-none-any.whl");
    CU_ASSERT_FALSE(gl_lazy_wheel_metadata_cached(cache, other, &meta, &info, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "offline: no cached copy of"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, other));
    gl_cache_free(cache);
    gl_strbuf_free(&meta);
    free(other);
    free(url);
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
    CU_pSuite s = CU_add_suite("lazy_wheel", suite_init, suite_cleanup);
    CU_add_test(s, "stub wheels with Range", test_stub_wheels_with_range);
    CU_add_test(s, "stub wheels, Range ignored", test_stub_wheels_without_range);
    CU_add_test(s, "deflate, stored, zip64, large central directory", test_deflate_stored_zip64);
    CU_add_test(s, "file:// wheels", test_file_urls);
    CU_add_test(s, "malformed wheels", test_malformed_wheels);
    CU_add_test(s, "wheel in memory and its truncations", test_wheel_in_memory);
    CU_add_test(s, "sdist PKG-INFO from stub sdists", test_sdist_stub);
    CU_add_test(s, "sdist PKG-INFO from built archives", test_sdist_built);
    CU_add_test(s, "archives made by Python", test_python_made_archives);
    CU_add_test(s, "wheel METADATA through the cache", test_cached_metadata);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    gl_fetch_global_cleanup();
    return failures ? 1 : 0;
}
