/* CUnit tests for index sets: pip's --index-url/--extra-index-url priorities, names, the
 * first-index and PyTorch-pin lookup rules, FETCH=PUBLIC aliasing, credential redaction. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "index_set.h"

static void add_ok(gl_index_set *set, const char *spec, bool primary)
{
    gl_error err;
    gl_error_clear(&err);
    CU_ASSERT_TRUE_FATAL(gl_index_set_add(set, spec, primary, &err));
}

static void test_default_is_pypi(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    gl_error err;
    add_ok(&set, "https://download.pytorch.org/whl/cu128", false);
    CU_ASSERT_TRUE_FATAL(gl_index_set_finish(&set, &err));
    CU_ASSERT_EQUAL_FATAL(set.count, 2);
    CU_ASSERT_STRING_EQUAL(set.items[0].url, "https://pypi.org/simple");
    CU_ASSERT_STRING_EQUAL(set.items[0].name, "pypi");
    CU_ASSERT_EQUAL(set.items[0].priority, 0);
    CU_ASSERT_FALSE(set.items[0].pytorch);
    CU_ASSERT_STRING_EQUAL(set.items[1].name, "cu128");
    CU_ASSERT_TRUE(set.items[1].pytorch);
    gl_index_set_free(&set);
}

static void test_index_url_replaces_default(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    gl_error err;
    /* Order on the command line does not matter: --index-url is always first. */
    add_ok(&set, "https://mirror.example/extra/", false);
    add_ok(&set, "https://mirror.example:8443/simple/", true);
    add_ok(&set, "https://download.pytorch.org/whl", false);
    CU_ASSERT_TRUE_FATAL(gl_index_set_finish(&set, &err));
    CU_ASSERT_EQUAL_FATAL(set.count, 3);
    CU_ASSERT_STRING_EQUAL(set.items[0].url, "https://mirror.example:8443/simple");
    CU_ASSERT_STRING_EQUAL(set.items[0].name, "mirror.example:8443/simple");
    CU_ASSERT_STRING_EQUAL(set.items[1].url, "https://mirror.example/extra");
    CU_ASSERT_STRING_EQUAL(set.items[2].name, "whl");
    CU_ASSERT_TRUE(set.items[2].pytorch);
    CU_ASSERT_TRUE(set.items[0].priority < set.items[1].priority);
    CU_ASSERT_TRUE(set.items[1].priority < set.items[2].priority);
    CU_ASSERT_PTR_NULL(gl_index_set_find_url(&set, "https://pypi.org/simple"));
    CU_ASSERT_PTR_EQUAL(gl_index_set_find_url(&set, "https://mirror.example/extra/"), &set.items[1]);
    CU_ASSERT_PTR_EQUAL(gl_index_set_find_name(&set, "whl"), &set.items[2]);
    gl_index_set_free(&set);
}

static void test_bad_specs(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    gl_error err;
    gl_error_clear(&err);
    CU_ASSERT_FALSE(gl_index_set_add(&set, "pypi.org/simple", true, &err));
    CU_ASSERT_EQUAL(err.code, GL_EUSAGE);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "pypi.org/simple"));
    CU_ASSERT_FALSE(gl_index_set_add(&set, "ftp://host/simple", false, &err));
    CU_ASSERT_FALSE(gl_index_set_add(&set, "", false, &err));
    CU_ASSERT_FALSE(gl_index_set_add(&set, "https://u:hunter2@/x", false, &err));
    CU_ASSERT_PTR_NULL(strstr(err.message, "hunter2"));
    add_ok(&set, "https://a.example/simple", true);
    CU_ASSERT_FALSE(gl_index_set_add(&set, "https://b.example/simple", true, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "--index-url given twice"));
    CU_ASSERT_EQUAL(set.count, 1);
    gl_index_set_free(&set);
}

static void test_duplicate_names_made_unique(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    add_ok(&set, "https://download.pytorch.org/whl/cu128", true);
    add_ok(&set, "https://mirror.example/whl/cu128", false);
    CU_ASSERT_STRING_EQUAL(set.items[0].name, "cu128");
    CU_ASSERT_STRING_EQUAL(set.items[1].name, "cu128#2");
    gl_index_set_free(&set);
}

static void test_credentials_kept_for_fetching_only(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    add_ok(&set, "https://alice:s3cret@private.example/simple/", true);
    CU_ASSERT_STRING_EQUAL(set.items[0].url, "https://****@private.example/simple");
    CU_ASSERT_STRING_EQUAL(set.items[0].name, "private.example/simple");
    CU_ASSERT_STRING_EQUAL(set.items[0].fetch_url, "https://alice:s3cret@private.example/simple");
    char *fetch = gl_index_set_to_fetch_url(&set, "https://****@private.example/simple/foo/");
    CU_ASSERT_STRING_EQUAL(fetch, "https://alice:s3cret@private.example/simple/foo/");
    char *shown = gl_index_set_to_public_url(&set, fetch);
    CU_ASSERT_STRING_EQUAL(shown, "https://****@private.example/simple/foo/");
    free(fetch);
    free(shown);
    gl_index_set_free(&set);
}

static void test_aliasing(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    add_ok(&set, "http://127.0.0.1:8001/simple=https://pypi.org/simple", true);
    add_ok(&set, "http://127.0.0.1:8002/whl/cu128=https://download.pytorch.org/whl/cu128", false);
    add_ok(&set, "http://127.0.0.1:8002/whl/cpu=https://download.pytorch.org/whl/cpu", false);
    CU_ASSERT_STRING_EQUAL(set.items[0].url, "https://pypi.org/simple");
    CU_ASSERT_STRING_EQUAL(set.items[0].name, "pypi");
    CU_ASSERT_STRING_EQUAL(set.items[1].name, "cu128");
    struct {
        const char *public_url, *fetch_url;
    } cases[] = {
        {"https://pypi.org/simple/torch/", "http://127.0.0.1:8001/simple/torch/"},
        /* Outside the index path, by origin: a mirror's ../../files links. */
        {"https://pypi.org/files/x-1.0-py3-none-any.whl.metadata", "http://127.0.0.1:8001/files/x-1.0-py3-none-any.whl.metadata"},
        {"https://download.pytorch.org/whl/cu128/torch/", "http://127.0.0.1:8002/whl/cu128/torch/"},
        {"https://download.pytorch.org/whl/cpu/torch-2.9.0%2Bcpu-cp311-cp311-linux_x86_64.whl",
         "http://127.0.0.1:8002/whl/cpu/torch-2.9.0%2Bcpu-cp311-cp311-linux_x86_64.whl"},
        /* Another host is left alone. */
        {"https://files.example/x.whl", "https://files.example/x.whl"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *fetch = gl_index_set_to_fetch_url(&set, cases[i].public_url);
        char *back = gl_index_set_to_public_url(&set, cases[i].fetch_url);
        CU_ASSERT_STRING_EQUAL(fetch, cases[i].fetch_url);
        CU_ASSERT_STRING_EQUAL(back, cases[i].public_url);
        free(fetch);
        free(back);
    }
    /* A prefix must end at a path boundary: /simplex is not under /simple. */
    char *other = gl_index_set_to_fetch_url(&set, "https://pypi.org/simplex/");
    CU_ASSERT_STRING_EQUAL(other, "http://127.0.0.1:8001/simplex/");
    free(other);
    gl_index_set_free(&set);
}

static void test_first_index_lookup(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    gl_error err;
    add_ok(&set, "https://a.example/simple", true);
    add_ok(&set, "https://b.example/simple", false);
    CU_ASSERT_TRUE_FATAL(gl_index_set_finish(&set, &err));
    gl_index_lookup lk;
    /* No PyTorch index: the pin does not apply, torch is first-index like anything else. */
    gl_index_set_lookup(&set, "torch", &lk);
    CU_ASSERT_EQUAL(lk.nall, 0);
    CU_ASSERT_EQUAL_FATAL(lk.nfirst, 2);
    CU_ASSERT_EQUAL(lk.first[0], 0);
    CU_ASSERT_EQUAL(lk.first[1], 1);
    gl_index_set_free(&set);
}

static void test_pytorch_pin(void)
{
    gl_index_set set = GL_INDEX_SET_INIT;
    gl_error err;
    add_ok(&set, "https://download.pytorch.org/whl/cu126", false);
    add_ok(&set, "https://private.example/simple", false);
    add_ok(&set, "https://download.pytorch.org/whl/cu128", false);
    CU_ASSERT_TRUE_FATAL(gl_index_set_finish(&set, &err)); /* pypi 0, cu126 1, private 2, cu128 3 */
    gl_index_lookup lk;
    const char *family[] = {"torch", "torchvision", "torchaudio"};
    for (size_t f = 0; f < sizeof family / sizeof family[0]; f++) {
        gl_index_set_lookup(&set, family[f], &lk);
        CU_ASSERT_EQUAL(lk.nall, 2);
        CU_ASSERT_EQUAL(lk.all[0], 1);
        CU_ASSERT_EQUAL(lk.all[1], 3);
        CU_ASSERT_EQUAL(lk.nfirst, 0); /* never PyPI, never the private index */
    }
    /* Hosted by some PyTorch subindexes: those, merged with the first of the others that has
     * the project (pip's merge, for newer releases and PyPI's digests). */
    const char *hosted[] = {"nvidia-cublas-cu12", "triton", "pytorch-triton", "xformers"};
    for (size_t h = 0; h < sizeof hosted / sizeof hosted[0]; h++) {
        gl_index_set_lookup(&set, hosted[h], &lk);
        CU_ASSERT_TRUE(lk.merge);
        CU_ASSERT_EQUAL(lk.nall, 2);
        CU_ASSERT_EQUAL_FATAL(lk.nfirst, 2);
        CU_ASSERT_EQUAL(lk.first[0], 0);
        CU_ASSERT_EQUAL(lk.first[1], 2);
    }
    gl_index_set_lookup(&set, "numpy", &lk);
    CU_ASSERT_FALSE(lk.merge);
    CU_ASSERT_EQUAL(lk.nall, 0);
    CU_ASSERT_EQUAL(lk.nfirst, 4);
    CU_ASSERT_FALSE(gl_index_project_is_torch_family("torchao"));
    CU_ASSERT_FALSE(gl_index_project_is_torch_family("torch-geometric"));
    /* A snapshot also keeps the first-index answer of the other indexes. */
    gl_index_set_lookup_for_snapshot(&set, "torch", &lk);
    CU_ASSERT_EQUAL(lk.nall, 2);
    CU_ASSERT_EQUAL_FATAL(lk.nfirst, 2);
    CU_ASSERT_EQUAL(lk.first[0], 0);
    CU_ASSERT_EQUAL(lk.first[1], 2);
    gl_index_set_free(&set);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("index_set", NULL, NULL);
    CU_add_test(s, "PyPI is the default first index", test_default_is_pypi);
    CU_add_test(s, "--index-url replaces the default and comes first", test_index_url_replaces_default);
    CU_add_test(s, "bad index options", test_bad_specs);
    CU_add_test(s, "duplicate names are made unique", test_duplicate_names_made_unique);
    CU_add_test(s, "credentials are used for fetching only", test_credentials_kept_for_fetching_only);
    CU_add_test(s, "FETCH=PUBLIC aliasing both ways", test_aliasing);
    CU_add_test(s, "first-index lookup", test_first_index_lookup);
    CU_add_test(s, "the PyTorch pin", test_pytorch_pin);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
