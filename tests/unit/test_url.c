/* CUnit tests for URL handling: RFC 3986 resolution of every href shape indexes serve,
 * fragment splitting, file names, credential redaction. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"

/* Resolves ref against base; checks the URL and fragment (NULL = none expected). */
static void check_resolve(const char *base, const char *ref, const char *want_url,
                          const char *want_frag)
{
    gl_error err;
    gl_error_clear(&err);
    char *frag = (char *)"sentinel";
    char *url = gl_url_resolve(base, ref, &frag, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(url);
    CU_ASSERT_STRING_EQUAL(url, want_url);
    if (want_frag) {
        CU_ASSERT_PTR_NOT_NULL_FATAL(frag);
        CU_ASSERT_STRING_EQUAL(frag, want_frag);
    } else {
        CU_ASSERT_PTR_NULL(frag);
    }
    free(url);
    free(frag);
}

static void test_resolve_index_shapes(void)
{
    /* PyPI: relative path up to the files host path. */
    check_resolve("https://pypi.org/simple/trl/", "../../packages/ab/cd/trl-0.11.4-py3-none-any.whl#sha256=00ff",
                  "https://pypi.org/packages/ab/cd/trl-0.11.4-py3-none-any.whl", "sha256=00ff");
    /* PyTorch: absolute path, encoded '+' kept encoded. */
    check_resolve("https://download.pytorch.org/whl/cu128/torch/",
                  "/whl/cu128/torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl#sha256=abc",
                  "https://download.pytorch.org/whl/cu128/torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl",
                  "sha256=abc");
    /* Another host entirely. */
    check_resolve("https://download.pytorch.org/whl/cu128/torch/",
                  "https://download-r2.pytorch.org/whl/cu128/torch-2.9.0%2Bcu128-cp312-cp312-win_amd64.whl",
                  "https://download-r2.pytorch.org/whl/cu128/torch-2.9.0%2Bcu128-cp312-cp312-win_amd64.whl",
                  NULL);
    /* Scheme-relative, project-list entries, queries, dot segments, md5 fragments. */
    check_resolve("https://pypi.org/simple/", "//files.example/p/x.whl", "https://files.example/p/x.whl", NULL);
    check_resolve("https://pypi.org/simple/", "accelerate/", "https://pypi.org/simple/accelerate/", NULL);
    check_resolve("https://h/simple/a/", "x.tar.gz?token=1#md5=ff", "https://h/simple/a/x.tar.gz?token=1", "md5=ff");
    check_resolve("https://h/a/b/c/", "./../d/./e.whl", "https://h/a/b/d/e.whl", NULL);
    /* Spaces around the href are ignored; spaces inside are escaped. */
    check_resolve("https://h/s/p/", "  my file.whl\n", "https://h/s/p/my%20file.whl", NULL);
    /* Local mirrors. */
    check_resolve("file:///srv/mirror/simple/trl/index.html", "../../files/trl-1.0.tar.gz",
                  "file:///srv/mirror/files/trl-1.0.tar.gz", NULL);
    /* Credentials of the page carry over to same-host links (the fetcher needs them). */
    check_resolve("https://u:tok@h/simple/p/", "/files/p-1.whl", "https://u:tok@h/files/p-1.whl", NULL);
}

static void test_resolve_errors(void)
{
    gl_error err;
    gl_error_clear(&err);
    char *frag = NULL;
    CU_ASSERT_PTR_NULL(gl_url_resolve("https://user:secret@h/simple/p/", "http://[::1/x.whl", &frag, &err));
    CU_ASSERT_PTR_NULL(frag);
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "http://[::1/x.whl"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "https://****@h/simple/p/"));
    CU_ASSERT_PTR_NULL(strstr(err.message, "secret"));

    gl_error_clear(&err);
    CU_ASSERT_PTR_NULL(gl_url_resolve("https://h/simple/p/", "javascript:alert(1)", NULL, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "javascript:alert(1)"));

    gl_error_clear(&err);
    CU_ASSERT_PTR_NULL(gl_url_resolve("not a url", "x.whl", NULL, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "bad base URL"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "not a url"));
}

static void test_base_memo_agrees_with_curl(void)
{
    /* Links sharing a directory are resolved once by curl; the result must be what curl
     * gives for each link on its own, whatever the shape. */
    static const char *const refs[] = {
        "x-1.whl", "x-2.whl#sha256=00", "../../files/a.whl", "../../files/b.whl#md5=ff",
        "/whl/cu128/torch-2.9.0%2Bcu128-cp311-cp311-win_amd64.whl", "/whl/cu128/b.whl",
        "http:x.whl", "C:x.whl", "..", ".", "a/b/../c.whl", "y.whl#a b", "y.whl#a#b",
        "y.whl?q=1", "//h2/x.whl", "///x.whl", "/x%2fy.whl", "/x%zz.whl", "x y/z.whl",
        "https://h:99999/x.whl", "https://other/p/x.whl", "https://other/p/y.whl", "?q", "#f",
        "", "z/", "\\x.whl", "\xC3\xBC/x.whl", "a/\xC3\xBC.whl", "~x'(y)*.whl",
        /* URLs whose composition has corners: ports, logins, IPv6 zones, empty queries. */
        "https://h:443/x.whl", "HTTP://User:Pw@H:8080/x.whl", "http://[fe80::1%25eth0]/x.whl",
        "http://[::1]/x.whl", "x.whl?", "x.whl?#", "imap://u;auth=x@h/x", "ftp://h/x.whl",
        "https://h/x.whl?a=b#c", "https://@h/x.whl", "https://u:@h/x.whl", "https://:p@h/x.whl",
        "file:///x/y.whl", "file://localhost/x/y.whl", "x-3.whl#", "<a href=\"/w/x.whl#",
        /* Absolute references as pypi.org writes them: a directory per file, one origin. */
        "https://files.pythonhosted.org/packages/ab/cd/0123abcd/trl-0.11.4-py3-none-any.whl#sha256=00",
        "https://files.pythonhosted.org/packages/ef/01/4567ef01/trl-0.11.3.tar.gz",
        "https://files.pythonhosted.org/packages/a/./b/x.whl", "https://files.pythonhosted.org/a/../x.whl",
        "https://files.pythonhosted.org/a//x.whl", "https://files.pythonhosted.org/a/x%2Bcu.whl",
        "https://files.pythonhosted.org/a/x%2bcu.whl", "https://Files.PythonHosted.org/a/x.whl",
        "https://files.pythonhosted.org/", "https://files.pythonhosted.org", "http://h/a/x.whl#a/b?c",
        "https://h.example/a b/x.whl", "https://h.example/a/x.whl?", "https://h-1.example/v/x.whl#",
        /* Paths and fragments the one-pass check leaves to the exact one. */
        "https://h.example/a/.hidden/x.whl", "https://h.example/a/x.whl/", "https://h.example/a/%41/x.whl",
        "https://h.example/a/x..whl#sha256=%41b", "https://h.example/./x.whl", "https://h.example/a/..",
        "https://h.example/a/%4", "https://h.example/.", "a/.b/c.whl", "./x.whl", "x.whl#a%2",
        /* Project-list entries, and directory references that only look like them. */
        "https://h\xb3%2u.whl", "https://h%41.example/x.whl", /* a '%' curl leaves in a host */
        "torch/", "nvidia-cublas-cu12/", "sub/dir/", "../up/", "./", "../", "a//", "/", "//",
        "x%2F/", "x%zz/", "..x/", "a/../b/", "a/./", "b/#f", "b/?q", "name:x/", "a b/",
    };
    static const char *const bases[] = {"https://u:p@pypi.org/simple/trl/?q=1#f", "https://h",
                                        "file:///srv/m/simple/trl/index.html",
                                        "http://[::1]:8080/whl/cu128/torch/"};
    for (size_t b = 0; b < sizeof bases / sizeof bases[0]; b++) {
        gl_url_base *base = gl_url_base_new(bases[b], NULL);
        CU_ASSERT_PTR_NOT_NULL_FATAL(base);
        for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
            char *f1 = NULL, *f2 = NULL;
            char *u1 = gl_url_base_resolve(base, refs[i], &f1, NULL);
            char *u2 = gl_url_base_resolve_uncached(base, refs[i], &f2, NULL);
            CU_ASSERT_EQUAL(!u1, !u2);
            if (u1 && u2)
                CU_ASSERT_STRING_EQUAL(u1, u2);
            CU_ASSERT_EQUAL(!f1, !f2);
            if (f1 && f2)
                CU_ASSERT_STRING_EQUAL(f1, f2);
            /* Appended to a buffer that holds text already, the same URL and fragment. */
            gl_strbuf many = GL_STRBUF_INIT;
            gl_strbuf_puts(&many, "before");
            size_t frag_at = 99;
            bool ok = gl_url_base_resolve_append(base, refs[i], &many, &frag_at, NULL);
            CU_ASSERT_EQUAL(ok, u2 != NULL);
            if (ok && u2)
                CU_ASSERT_STRING_EQUAL(many.data + 6, u2);
            CU_ASSERT_EQUAL(frag_at != 0, f2 != NULL);
            if (frag_at && f2)
                CU_ASSERT_STRING_EQUAL(many.data + frag_at, f2);
            if (!ok)
                CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&many), "before");
            gl_strbuf_free(&many);
            free(u1), free(u2), free(f1), free(f2);
        }
        gl_url_base_free(base);
    }
    gl_error err;
    CU_ASSERT_PTR_NULL(gl_url_base_new("relative/only", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "bad base URL 'relative/only'"));
}

static void check_filename(const char *url, const char *want)
{
    gl_error err;
    gl_error_clear(&err);
    char *name = gl_url_filename(url, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(name);
    CU_ASSERT_STRING_EQUAL(name, want);
    free(name);
}

static void test_filename(void)
{
    check_filename("https://download.pytorch.org/whl/cu128/torch-2.9.0%2Bcu128-cp311-cp311-manylinux_2_28_x86_64.whl",
                   "torch-2.9.0+cu128-cp311-cp311-manylinux_2_28_x86_64.whl");
    check_filename("https://h/p/x-1.0.tar.gz?download=1", "x-1.0.tar.gz");
    check_filename("https://pypi.org/simple/accelerate/", "");
    check_filename("https://h/p/a%2bb%20c%zz.whl", "a+b c%zz.whl"); /* a stray '%' stays */
    check_filename("file:///srv/files/trl-1.0.tar.gz", "trl-1.0.tar.gz");

    gl_error err;
    gl_error_clear(&err);
    CU_ASSERT_PTR_NULL(gl_url_filename("https://tok@h/p/..%2Fetc%2Fpasswd", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'/'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "https://****@h/p/"));
    gl_error_clear(&err);
    CU_ASSERT_PTR_NULL(gl_url_filename("https://h/p/x%00.whl", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "NUL"));
    gl_error_clear(&err);
    CU_ASSERT_PTR_NULL(gl_url_filename("x.whl", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "x.whl"));

    /* Appended after what a buffer holds; a failure leaves it as it was. */
    gl_strbuf b = GL_STRBUF_INIT;
    gl_strbuf_puts(&b, "x");
    CU_ASSERT_TRUE(gl_url_filename_append("https://h/p/a%2Bb.whl", &b, NULL));
    CU_ASSERT_EQUAL(b.len, 2 + strlen("a+b.whl"));
    CU_ASSERT_STRING_EQUAL(b.data + 1, "a+b.whl");
    CU_ASSERT_TRUE(gl_url_filename_append("https://h/p/", &b, NULL));
    CU_ASSERT_EQUAL(b.len, 3 + strlen("a+b.whl"));
    CU_ASSERT_FALSE(gl_url_filename_append("https://h/p/a%2fb%2B.whl", &b, NULL));
    CU_ASSERT_EQUAL(b.len, 3 + strlen("a+b.whl"));
    CU_ASSERT_EQUAL(b.data[b.len], '\0');
    gl_strbuf_free(&b);
}

static void check_redact(const char *url, const char *want)
{
    char *r = gl_url_redact(url);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    CU_ASSERT_STRING_EQUAL(r, want);
    char buf[16];
    size_t n = gl_url_redact_to(url, buf, sizeof buf);
    CU_ASSERT_EQUAL(n, strlen(want));
    CU_ASSERT_EQUAL(strncmp(buf, want, sizeof buf - 1), 0); /* truncated, still terminated */
    CU_ASSERT(strlen(buf) < sizeof buf);
    free(r);
}

static void test_redact(void)
{
    check_redact("https://user:token@host/simple/torch/", "https://****@host/simple/torch/");
    check_redact("https://__token__:pypi-AgEI@upload.pypi.org/x", "https://****@upload.pypi.org/x");
    check_redact("https://token@host/x", "https://****@host/x");
    check_redact("https://u:p@ss@host:8080/x?a=b@c", "https://****@host:8080/x?a=b@c");
    check_redact("https://host/path@v1/x", "https://host/path@v1/x"); /* '@' outside authority */
    check_redact("https://pypi.org/simple/", "https://pypi.org/simple/");
    check_redact("not a url at all", "not a url at all");
    check_redact("", "");
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("url", NULL, NULL);
    CU_add_test(s, "resolve every index href shape", test_resolve_index_shapes);
    CU_add_test(s, "resolve errors name base and href, redacted", test_resolve_errors);
    CU_add_test(s, "per-directory memo agrees with curl", test_base_memo_agrees_with_curl);
    CU_add_test(s, "file name from URL", test_filename);
    CU_add_test(s, "credential redaction", test_redact);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
