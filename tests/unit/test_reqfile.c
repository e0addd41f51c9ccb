/* CUnit tests for the requirements-file reader: pip's syntax, nesting, constraints, errors. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "reqfile.h"

static char tmpdir[] = "/tmp/gl-reqfile-XXXXXX";

static void write_file(const char *name, const char *content)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    FILE *f = fopen(path, "w");
    CU_ASSERT_FATAL(f != NULL);
    fputs(content, f);
    fclose(f);
}

static char *path_of(const char *name)
{
    static char path[512]; /* test-only scratch */
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static void test_basic_syntax(void)
{
    const char *text = "# a comment\n"
                       "torch==2.4.1  # trailing comment\n"
                       "transformers >= 4.45, \\\n"
                       "   < 5  \n"
                       "\n"
                       "--index-url https://download.pytorch.org/whl/cu121\n"
                       "--extra-index-url https://pypi.org/simple\n"
                       "--extra-index-url=https://pypi.org/simple\n"
                       "unsloth[cu121-ampere-torch240]\n"
                       "accelerate==0.34.2 --hash=sha256:0000000000000000000000000000000000000000000000000000000000000000\n"
                       "xformers @ https://example.org/xformers-0.0.27-cp311-cp311-manylinux_2_28_x86_64.whl ; sys_platform == 'linux'\n";
    gl_reqfile rf;
    gl_reqfile_init(&rf);
    gl_error err;
    gl_error_clear(&err);
    CU_ASSERT_TRUE_FATAL(gl_reqfile_parse(&rf, text, strlen(text), "in.txt", ".", false, &err));
    CU_ASSERT_EQUAL_FATAL(rf.count, 5);
    CU_ASSERT_STRING_EQUAL(rf.entries[0].text, "torch==2.4.1");
    CU_ASSERT_STRING_EQUAL(rf.entries[0].location, "in.txt:2");
    CU_ASSERT_STRING_EQUAL(rf.entries[0].origin, "-r in.txt");
    CU_ASSERT_STRING_EQUAL(rf.entries[1].text, "transformers >= 4.45,    < 5");
    CU_ASSERT_STRING_EQUAL(rf.entries[1].location, "in.txt:3");
    CU_ASSERT_STRING_EQUAL(rf.entries[3].text, "accelerate==0.34.2");
    CU_ASSERT_PTR_NOT_NULL(rf.entries[4].req.url);
    CU_ASSERT_STRING_EQUAL(rf.index_url, "https://download.pytorch.org/whl/cu121");
    CU_ASSERT_EQUAL(rf.extra_index_count, 1);
    CU_ASSERT_FALSE(rf.entries[0].constraint);
    gl_reqfile_free(&rf);
}

static void test_nested_and_constraints(void)
{
    write_file("base.in", "-r common.in\n-c constraints.txt\ntrl==0.11.4\n");
    write_file("common.in", "transformers==4.45.2\n--pre\n");
    write_file("constraints.txt", "numpy<2\n");
    gl_reqfile rf;
    gl_reqfile_init(&rf);
    gl_error err;
    gl_error_clear(&err);
    CU_ASSERT_TRUE_FATAL(gl_reqfile_read(&rf, path_of("base.in"), false, &err));
    CU_ASSERT_EQUAL_FATAL(rf.count, 3);
    CU_ASSERT_STRING_EQUAL(rf.entries[0].text, "transformers==4.45.2");
    CU_ASSERT_PTR_NOT_NULL(strstr(rf.entries[0].origin, "common.in"));
    CU_ASSERT_STRING_EQUAL(rf.entries[1].text, "numpy<2");
    CU_ASSERT_TRUE(rf.entries[1].constraint);
    CU_ASSERT_PTR_NOT_NULL(strstr(rf.entries[1].origin, "-c "));
    CU_ASSERT_FALSE(rf.entries[2].constraint);
    CU_ASSERT_TRUE(rf.pre);
    gl_reqfile_free(&rf);
}

static void test_errors_name_file_and_line(void)
{
    write_file("bad.in", "torch==2.4.1\n\ntorch>=\n");
    write_file("loop1.in", "-r loop2.in\n");
    write_file("loop2.in", "-r loop1.in\n");
    write_file("editable.in", "-e .\n");
    write_file("missing.in", "-r does-not-exist.in\n");
    gl_reqfile rf;
    gl_error err;

    gl_reqfile_init(&rf);
    CU_ASSERT_FALSE(gl_reqfile_read(&rf, path_of("bad.in"), false, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "bad.in:3"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "torch>="));
    gl_reqfile_free(&rf);

    gl_reqfile_init(&rf);
    CU_ASSERT_FALSE(gl_reqfile_read(&rf, path_of("loop1.in"), false, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "includes itself"));
    gl_reqfile_free(&rf);

    gl_reqfile_init(&rf);
    CU_ASSERT_FALSE(gl_reqfile_read(&rf, path_of("editable.in"), false, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "editable"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "editable.in:1"));
    gl_reqfile_free(&rf);

    gl_reqfile_init(&rf);
    CU_ASSERT_FALSE(gl_reqfile_read(&rf, path_of("missing.in"), false, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "does-not-exist.in"));
    CU_ASSERT_EQUAL(err.code, GL_EIO);
    gl_reqfile_free(&rf);

    gl_reqfile_init(&rf);
    CU_ASSERT_FALSE(gl_reqfile_read(&rf, path_of("no-such-file.in"), false, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "no-such-file.in"));
    gl_reqfile_free(&rf);
}

static void test_env_expansion_and_crlf(void)
{
    setenv("GL_TEST_TORCH_VERSION", "2.4.1", 1);
    const char *text = "torch==${GL_TEST_TORCH_VERSION}\r\nnumpy # comment\r\nurl-pkg@https://h/x#egg=y\r\n";
    gl_reqfile rf;
    gl_reqfile_init(&rf);
    gl_error err;
    CU_ASSERT_TRUE_FATAL(gl_reqfile_parse(&rf, text, strlen(text), "crlf.in", ".", false, &err));
    CU_ASSERT_EQUAL_FATAL(rf.count, 3);
    CU_ASSERT_STRING_EQUAL(rf.entries[0].text, "torch==2.4.1");
    CU_ASSERT_STRING_EQUAL(rf.entries[1].text, "numpy");
    /* '#' inside a URL is a fragment, not a comment */
    CU_ASSERT_STRING_EQUAL(rf.entries[2].text, "url-pkg@https://h/x#egg=y");
    gl_reqfile_free(&rf);
}

int main(void)
{
    if (!mkdtemp(tmpdir))
        return 1;
    CU_initialize_registry();
    CU_pSuite s = CU_add_suite("reqfile", NULL, NULL);
    CU_add_test(s, "basic syntax", test_basic_syntax);
    CU_add_test(s, "nested -r and -c", test_nested_and_constraints);
    CU_add_test(s, "errors name file and line", test_errors_name_file_and_line);
    CU_add_test(s, "env expansion and CRLF", test_env_expansion_and_crlf);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0)
        failed++;
    return failed ? 1 : 0;
}
