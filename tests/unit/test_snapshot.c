/* CUnit tests for snapshots on disk: write/read round trip, content-addressed metadata,
 * verification of every file, hostile manifests, atomic replacement, the remembered manifest
 * digest. */
#include <CUnit/Basic.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "snapshot.h"
#include "strbuf.h"

static char tmp_root[64];

static int suite_init(void)
{
    strcpy(tmp_root, "/tmp/gpulock-unit-snapshot-XXXXXX");
    return mkdtemp(tmp_root) ? 0 : 1;
}

static int suite_clean(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp_root);
    return system(cmd) == 0 ? 0 : 1;
}

static char *path_in(const char *a, const char *b)
{
    gl_strbuf p = GL_STRBUF_INIT;
    gl_strbuf_printf(&p, "%s/%s%s%s", tmp_root, a, b ? "/" : "", b ? b : "");
    return gl_strbuf_detach(&p);
}

static size_t count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    if (!d)
        return 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

static const char torch_page[] = "<a href=\"/whl/cu128/torch-2.7.0%2Bcu128-cp311-cp311-linux_x86_64.whl\">t</a>\n";
static const char md_a[] = "Metadata-Version: 2.1\nName: torch\nVersion: 2.7.0+cu128\n";
static const char md_b[] = "Metadata-Version: 2.1\nName: six\nVersion: 1.0\n";

static void build(gl_snapshot *snap)
{
    gl_error err;
    gl_snapshot_init(snap);
    CU_ASSERT_TRUE_FATAL(gl_index_set_add_raw(&snap->indexes, "https://pypi.org/simple", NULL, "pypi", 0, &err));
    CU_ASSERT_TRUE_FATAL(gl_index_set_add_raw(&snap->indexes, "https://download.pytorch.org/whl/cu128", NULL,
                                              "cu128", 1, &err));
    snap->created = strdup("2025-11-30T00:00:00Z");
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_page(snap, "cu128", "torch", "https://download.pytorch.org/whl/cu128/torch/",
                                              torch_page, strlen(torch_page), &err));
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_page(snap, "pypi", "six", "https://pypi.org/simple/six/", "", 0, &err));
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_missing(snap, "pypi", "ghost", &err));
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_metadata(snap, "torch", "2.7.0+cu128", GL_METADATA_PEP658,
                                                  "https://download.pytorch.org/whl/cu128/torch-2.7.0%2Bcu128-cp311-cp311-linux_x86_64.whl",
                                                  md_a, strlen(md_a), NULL, &err));
    /* Same content for another release: stored once. */
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_metadata(snap, "six", "1.0", GL_METADATA_WHEEL,
                                                  "https://pypi.org/files/six-1.0-py3-none-any.whl", md_a, strlen(md_a), NULL, &err));
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_metadata(snap, "six", "1.1", GL_METADATA_PKG_INFO,
                                                  "https://pypi.org/files/six-1.1.tar.gz", md_b, strlen(md_b), NULL, &err));
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_metadata(snap, "six", "0.9", GL_METADATA_UNAVAILABLE,
                                                  "https://pypi.org/files/six-0.9.zip", NULL, 0,
                                                  "no metadata:\tthe tab\nand newline stay out of the manifest", &err));
}

static void test_round_trip(void)
{
    gl_snapshot snap, back;
    gl_error err;
    build(&snap);
    char *dir = path_in("round", NULL);
    CU_ASSERT_TRUE_FATAL(gl_snapshot_write(&snap, dir, &err));
    char *meta_dir = path_in("round", "metadata");
    CU_ASSERT_EQUAL(count_entries(meta_dir), 2); /* md_a once, md_b */
    gl_snapshot_init(&back);
    CU_ASSERT_TRUE_FATAL(gl_snapshot_read(&back, dir, &err));
    CU_ASSERT_STRING_EQUAL(back.created, "2025-11-30T00:00:00Z");
    CU_ASSERT_EQUAL_FATAL(back.indexes.count, 2);
    CU_ASSERT_STRING_EQUAL(back.indexes.items[1].url, "https://download.pytorch.org/whl/cu128");
    CU_ASSERT_TRUE(back.indexes.items[1].pytorch);
    CU_ASSERT_EQUAL_FATAL(back.npages, 2);
    CU_ASSERT_EQUAL(back.pages[0].len, strlen(torch_page));
    CU_ASSERT_EQUAL(memcmp(back.pages[0].body, torch_page, back.pages[0].len), 0);
    CU_ASSERT_STRING_EQUAL(back.pages[0].sha256, snap.pages[0].sha256);
    CU_ASSERT_EQUAL(back.pages[1].len, 0);
    CU_ASSERT_EQUAL_FATAL(back.nmissing, 1);
    CU_ASSERT_STRING_EQUAL(back.missing[0].project, "ghost");
    CU_ASSERT_TRUE(gl_snapshot_has_project(&back, "six"));
    CU_ASSERT_FALSE(gl_snapshot_has_project(&back, "ghost"));
    const gl_snapshot_metadata *m = gl_snapshot_find_metadata(&back, "six", "1.1");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->source, GL_METADATA_PKG_INFO);
    CU_ASSERT_EQUAL(m->len, strlen(md_b));
    m = gl_snapshot_find_metadata(&back, "six", "1.0");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->source, GL_METADATA_WHEEL);
    CU_ASSERT_STRING_EQUAL(m->sha256, gl_snapshot_find_metadata(&back, "torch", "2.7.0+cu128")->sha256);
    m = gl_snapshot_find_metadata(&back, "six", "0.9");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->source, GL_METADATA_UNAVAILABLE);
    CU_ASSERT_PTR_NULL(m->body);
    CU_ASSERT_STRING_EQUAL(m->unavailable_reason, "no metadata: the tab and newline stay out of the manifest");
    CU_ASSERT_PTR_NULL(gl_snapshot_find_metadata(&back, "six", "2.0"));
    /* The header alone does not need the pages. */
    char *page = path_in("round", "pages/cu128/torch.html");
    CU_ASSERT_EQUAL(unlink(page), 0);
    gl_snapshot header;
    gl_snapshot_init(&header);
    CU_ASSERT_TRUE(gl_snapshot_read_header(&header, dir, &err));
    CU_ASSERT_EQUAL(header.indexes.count, 2);
    CU_ASSERT_EQUAL(header.npages, 0);
    gl_snapshot_free(&header);
    gl_snapshot header_only_pages;
    gl_snapshot_init(&header_only_pages);
    CU_ASSERT_FALSE(gl_snapshot_read(&header_only_pages, dir, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "pages/cu128/torch.html"));
    gl_snapshot_free(&header_only_pages);
    free(page);
    free(meta_dir);
    free(dir);
    gl_snapshot_free(&snap);
    gl_snapshot_free(&back);
}

static void test_corrupt_file_is_named(void)
{
    gl_snapshot snap, back;
    gl_error err;
    build(&snap);
    char *dir = path_in("corrupt", NULL);
    CU_ASSERT_TRUE_FATAL(gl_snapshot_write(&snap, dir, &err));
    gl_strbuf victim = GL_STRBUF_INIT;
    gl_strbuf_printf(&victim, "%s/metadata/%s.metadata", dir, snap.metadata[3 - 1].sha256);
    FILE *f = fopen(gl_strbuf_cstr(&victim), "ab");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("Requires-Dist: evil\n", f);
    fclose(f);
    gl_snapshot_init(&back);
    CU_ASSERT_FALSE(gl_snapshot_read(&back, dir, &err));
    CU_ASSERT_EQUAL(err.code, GL_EDIGEST);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, gl_strbuf_cstr(&victim)));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "corrupt"));
    gl_snapshot_free(&back);
    gl_strbuf_free(&victim);
    gl_snapshot_free(&snap);
    free(dir);
}

/* Writes a snapshot whose manifest is `manifest` and tries to read it. */
static bool read_manifest_text(const char *name, const char *manifest, gl_error *err)
{
    char *dir = path_in(name, NULL);
    mkdir(dir, 0755);
    char *file = path_in(name, GL_SNAPSHOT_MANIFEST);
    FILE *f = fopen(file, "wb");
    fputs(manifest, f);
    fclose(f);
    gl_snapshot snap;
    gl_snapshot_init(&snap);
    bool ok = gl_snapshot_read(&snap, dir, err);
    gl_snapshot_free(&snap);
    free(file);
    free(dir);
    return ok;
}

static void test_hostile_manifests(void)
{
    static const char head[] = "gpulock-snapshot 1\nindex\t0\tpypi\thttps://pypi.org/simple\n";
    static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";
    struct {
        const char *body;
        const char *expect;
    } cases[] = {
        {"page\tpypi\tsix\t%s\t../../etc/passwd\thttps://pypi.org/simple/six/\n", "malformed"},
        {"page\tpypi\tsix\t%s\t/etc/passwd\thttps://pypi.org/simple/six/\n", "malformed"},
        {"page\tpypi\tsix\tnot-a-digest\tpages/x.html\thttps://pypi.org/simple/six/\n", "malformed"},
        {"metadata\tsix\t1.0\tmagic\t%s\tmetadata/x\thttps://x/\n", "malformed"},
        {"metadata\tsix\t1.0\n", "malformed"},
        {"index\t-1\tx\thttps://x.example/simple\n", "malformed"},
        {"index\t99999999999999999999\tx\thttps://x.example/simple\n", "malformed"},
        {"whatever\n", "malformed"},
        {"page\tpypi\tsix\t%s\tpages/none.html\thttps://pypi.org/simple/six/\n", "pages/none.html"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gl_strbuf text = GL_STRBUF_INIT;
        gl_strbuf_puts(&text, head);
        gl_strbuf_printf(&text, cases[i].body, zeros);
        gl_error err;
        gl_error_clear(&err);
        char name[32];
        snprintf(name, sizeof name, "hostile%zu", i);
        CU_ASSERT_FALSE(read_manifest_text(name, gl_strbuf_cstr(&text), &err));
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, cases[i].expect));
        if (!strcmp(cases[i].expect, "malformed"))
            CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "line 3"));
        gl_strbuf_free(&text);
    }
    gl_error err;
    CU_ASSERT_FALSE(read_manifest_text("nohead", "index\t0\tpypi\thttps://pypi.org/simple\n", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not a gpulock snapshot"));
    CU_ASSERT_FALSE(read_manifest_text("noindex", "gpulock-snapshot 1\ncreated\tx\n", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "names no index"));
    CU_ASSERT_FALSE(read_manifest_text("empty", "", &err));
    /* CRLF line ends and blank lines are fine. */
    CU_ASSERT_TRUE(read_manifest_text("crlf", "gpulock-snapshot 1\r\n\r\nindex\t0\tpypi\thttps://pypi.org/simple\r\n", &err));
}

static void test_atomic_replacement(void)
{
    gl_snapshot snap;
    gl_error err;
    build(&snap);
    char *dir = path_in("atomic", NULL);
    CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0755), 0);
    char *stale = path_in("atomic", "stale");
    FILE *f = fopen(stale, "w");
    fclose(f);
    CU_ASSERT_TRUE_FATAL(gl_snapshot_write(&snap, dir, &err));
    CU_ASSERT_NOT_EQUAL(access(stale, F_OK), 0); /* the old directory is gone as a whole */
    char *manifest = path_in("atomic", GL_SNAPSHOT_MANIFEST);
    CU_ASSERT_EQUAL(access(manifest, F_OK), 0);
    /* Only "atomic" (and the other tests' directories) remain: no temporary directory. */
    DIR *d = opendir(tmp_root);
    for (struct dirent *e; (e = readdir(d));)
        CU_ASSERT_PTR_NULL(strstr(e->d_name, ".tmp-"));
    closedir(d);
    /* A target that cannot be written leaves nothing behind and names the place. */
    char *impossible = path_in("no/such/parent", NULL);
    CU_ASSERT_FALSE(gl_snapshot_write(&snap, impossible, &err));
    CU_ASSERT_EQUAL(err.code, GL_EIO);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, impossible));
    /* A file in the way is not replaced. */
    char *file = path_in("a-file", NULL);
    f = fopen(file, "w");
    fputs("keep me", f);
    fclose(f);
    CU_ASSERT_FALSE(gl_snapshot_write(&snap, file, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not a directory"));
    free(file);
    free(impossible);
    free(manifest);
    free(stale);
    free(dir);
    gl_snapshot_free(&snap);
}

static void test_manifest_digest_changes_with_content(void)
{
    gl_snapshot snap;
    gl_error err;
    build(&snap);
    char *a = path_in("digest-a", NULL), *b = path_in("digest-b", NULL);
    CU_ASSERT_TRUE_FATAL(gl_snapshot_write(&snap, a, &err));
    CU_ASSERT_TRUE_FATAL(gl_snapshot_add_missing(&snap, "pypi", "another", &err));
    CU_ASSERT_TRUE_FATAL(gl_snapshot_write(&snap, b, &err));
    char da[65], da2[65], db[65];
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest(a, da, &err));
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest(a, da2, &err));
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest(b, db, &err));
    CU_ASSERT_STRING_EQUAL(da, da2);
    CU_ASSERT_STRING_NOT_EQUAL(da, db);
    CU_ASSERT_FALSE(gl_snapshot_manifest_digest(tmp_root, da, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not a gpulock snapshot"));
    free(a);
    free(b);
    gl_snapshot_free(&snap);
}

/* The remembered digest: used while the manifest is unchanged, dropped as soon as it changes,
 * and never taken for a manifest changed within the last seconds. */
static void test_manifest_digest_memo(void)
{
    gl_snapshot snap;
    gl_error err;
    build(&snap);
    char *dir = path_in("memo", NULL), *memo = path_in("memo-cache", NULL);
    char *manifest = path_in("memo", GL_SNAPSHOT_MANIFEST);
    CU_ASSERT_TRUE_FATAL(gl_snapshot_write(&snap, dir, &err));
    CU_ASSERT_EQUAL_FATAL(mkdir(memo, 0755), 0);

    char plain[65], remembered[65];
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest_memo(dir, memo, remembered, &err));
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest(dir, plain, &err));
    CU_ASSERT_STRING_EQUAL(remembered, plain);
    CU_ASSERT_EQUAL(count_entries(memo), 0); /* written just now: too recent to remember */

    sleep(3);
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest_memo(dir, memo, remembered, &err));
    CU_ASSERT_STRING_EQUAL(remembered, plain);
    CU_ASSERT_EQUAL_FATAL(count_entries(memo), 1);

    /* The memo is what answers while the manifest is unchanged: plant another digest in it. */
    DIR *d = opendir(memo);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    char *entry = NULL;
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.')
            entry = path_in("memo-cache", e->d_name);
    closedir(d);
    static const char planted[] = "0000000000000000000000000000000000000000000000000000000000000000";
    FILE *f = fopen(entry, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(planted, f);
    fclose(f);
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest_memo(dir, memo, remembered, &err));
    CU_ASSERT_STRING_EQUAL(remembered, planted);

    /* Any change to the manifest makes the memo stale. */
    f = fopen(manifest, "ab");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs("missing\tpypi\tanother\n", f);
    fclose(f);
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest(dir, plain, &err));
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest_memo(dir, memo, remembered, &err));
    CU_ASSERT_STRING_EQUAL(remembered, plain);
    CU_ASSERT_STRING_NOT_EQUAL(remembered, planted);

    /* No memo directory: still the digest. */
    CU_ASSERT_TRUE(gl_snapshot_manifest_digest_memo(dir, NULL, remembered, &err));
    CU_ASSERT_STRING_EQUAL(remembered, plain);
    free(entry);
    free(manifest);
    free(memo);
    free(dir);
    gl_snapshot_free(&snap);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("snapshot", suite_init, suite_clean);
    CU_add_test(s, "write and read back", test_round_trip);
    CU_add_test(s, "a corrupt file is named", test_corrupt_file_is_named);
    CU_add_test(s, "hostile manifests are refused", test_hostile_manifests);
    CU_add_test(s, "atomic replacement", test_atomic_replacement);
    CU_add_test(s, "manifest digest follows the content", test_manifest_digest_changes_with_content);
    CU_add_test(s, "manifest digest remembered while unchanged", test_manifest_digest_memo);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
