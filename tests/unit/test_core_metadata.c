/* CUnit tests for the core metadata reader: Metadata-Version 1.0 to 2.4 files, folding,
 * repeated fields, CRLF, case, the description body, and malformed input. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "core_metadata.h"

static bool parse(gl_core_metadata *md, const char *text, gl_error *err)
{
    gl_error_clear(err);
    return gl_core_metadata_parse(md, text, strlen(text), "trl-0.11.4.dist-info/METADATA", err);
}

static void test_metadata_2_1_wheel(void)
{
    const char *text =
        "Metadata-Version: 2.1\n"
        "Name: trl\n"
        "Version: 0.11.4\n"
        "Summary: Train transformer language models with reinforcement learning.\n"
        "Home-page: https://github.com/huggingface/trl\n"
        "Author: Leandro von Werra\n"
        "License: Apache 2.0\n"
        "Classifier: Development Status :: 2 - Pre-Alpha\n"
        "Classifier: Intended Audience :: Developers\n"
        "Requires-Python: >=3.7\n"
        "Description-Content-Type: text/markdown\n"
        "License-File: LICENSE\n"
        "Requires-Dist: torch>=1.4.0\n"
        "Requires-Dist: transformers>=4.40.0\n"
        "Requires-Dist: numpy<2; platform_system == \"Windows\"\n"
        "Provides-Extra: deepspeed\n"
        "Requires-Dist: deepspeed>=0.14.4; extra == \"deepspeed\"\n"
        "Provides-Extra: test\n"
        "\n"
        "# TRL - Transformer Reinforcement Learning\n"
        "Requires-Dist: not-a-header-this-is-the-description\n"
        "Name: still the description\n";
    gl_core_metadata md;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(parse(&md, text, &err));
    CU_ASSERT_STRING_EQUAL(md.metadata_version, "2.1");
    CU_ASSERT_STRING_EQUAL(md.name, "trl");
    CU_ASSERT_STRING_EQUAL(md.version, "0.11.4");
    CU_ASSERT_STRING_EQUAL(md.requires_python, ">=3.7");
    CU_ASSERT_EQUAL_FATAL(md.nrequires_dist, 4);
    CU_ASSERT_STRING_EQUAL(md.requires_dist[0], "torch>=1.4.0");
    CU_ASSERT_STRING_EQUAL(md.requires_dist[2], "numpy<2; platform_system == \"Windows\"");
    CU_ASSERT_STRING_EQUAL(md.requires_dist[3], "deepspeed>=0.14.4; extra == \"deepspeed\"");
    CU_ASSERT_EQUAL_FATAL(md.nprovides_extra, 2);
    CU_ASSERT_STRING_EQUAL(md.provides_extra[0], "deepspeed");
    CU_ASSERT_STRING_EQUAL(md.provides_extra[1], "test");
    CU_ASSERT_EQUAL(md.ndynamic, 0);
    CU_ASSERT_PTR_NULL(md.dynamic);
    gl_core_metadata_free(&md);
    CU_ASSERT_PTR_NULL(md.name);
    gl_core_metadata_free(&md);
}

static void test_pkg_info_1_0_multiline(void)
{
    /* Old sdist PKG-INFO: no Requires-Dist, multi-line Description and License in headers. */
    const char *text =
        "Metadata-Version: 1.0\r\n"
        "Name: ancient\r\n"
        "Version: 0.1\r\n"
        "License: Line one of the license\r\n"
        "        Line two, indented with spaces\r\n"
        "\tLine three: with a colon, indented with a tab\r\n"
        "Description: Ancient\r\n"
        "        =======\r\n"
        "        \r\n"
        "        Requires-Dist: inside a folded description\r\n"
        "Platform: UNKNOWN\r\n";
    gl_core_metadata md;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(parse(&md, text, &err));
    CU_ASSERT_STRING_EQUAL(md.metadata_version, "1.0");
    CU_ASSERT_STRING_EQUAL(md.name, "ancient");
    CU_ASSERT_STRING_EQUAL(md.version, "0.1");
    CU_ASSERT_PTR_NULL(md.requires_python);
    CU_ASSERT_EQUAL(md.nrequires_dist, 0);
    gl_core_metadata_free(&md);
}

static void test_metadata_2_4_dynamic_and_case(void)
{
    const char *text =
        "\xEF\xBB\xBFMetadata-Version: 2.4\n"
        "name: Flash_Attn\n"
        "VERSION:2.8.3\n"
        "Dynamic: license-file\n"
        "Dynamic: Requires-Dist\n"
        "License-Expression: BSD-3-Clause\n"
        "License-File: LICENSE\n"
        "requires-dist: torch\n"
        "Requires-Dist: einops ;\n"
        "   python_version >= \"3.9\"\n"
        "Requires-Dist:    \n"
        "requires-python:   >=3.9  \n"
        "Provides-Extra: dev\n";
    gl_core_metadata md;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(parse(&md, text, &err));
    CU_ASSERT_STRING_EQUAL(md.metadata_version, "2.4");
    CU_ASSERT_STRING_EQUAL(md.name, "Flash_Attn"); /* as written: normalising is the caller's */
    CU_ASSERT_STRING_EQUAL(md.version, "2.8.3");
    CU_ASSERT_STRING_EQUAL(md.requires_python, ">=3.9");
    CU_ASSERT_EQUAL_FATAL(md.ndynamic, 2);
    CU_ASSERT_STRING_EQUAL(md.dynamic[0], "license-file");
    CU_ASSERT_STRING_EQUAL(md.dynamic[1], "Requires-Dist");
    /* A folded requirement is unfolded (line break dropped); an empty one declares nothing. */
    CU_ASSERT_EQUAL_FATAL(md.nrequires_dist, 2);
    CU_ASSERT_STRING_EQUAL(md.requires_dist[0], "torch");
    CU_ASSERT_STRING_EQUAL(md.requires_dist[1], "einops ;   python_version >= \"3.9\"");
    CU_ASSERT_EQUAL(md.nprovides_extra, 1);
    gl_core_metadata_free(&md);
}

static void test_no_blank_line_no_newline(void)
{
    const char *text = "Metadata-Version: 2.2\nName: x\nVersion: 1";
    gl_core_metadata md;
    gl_error err;
    CU_ASSERT_TRUE_FATAL(parse(&md, text, &err));
    CU_ASSERT_STRING_EQUAL(md.version, "1");
    gl_core_metadata_free(&md);
    /* No Metadata-Version at all: tolerated, reported as NULL. */
    CU_ASSERT_TRUE_FATAL(parse(&md, "Name: x\nVersion: 1\n", &err));
    CU_ASSERT_PTR_NULL(md.metadata_version);
    gl_core_metadata_free(&md);
}

/* Parsing text must fail with exactly the message want and leave md empty. */
static void check_error(const char *text, size_t len, const char *source, const char *want)
{
    gl_core_metadata md;
    gl_error err;
    gl_error_clear(&err);
    CU_ASSERT_FALSE(gl_core_metadata_parse(&md, text, len, source, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_STRING_EQUAL(err.message, want);
    CU_ASSERT_PTR_NULL(md.name);
    CU_ASSERT_PTR_NULL(md.requires_dist);
    CU_ASSERT_EQUAL(md.nrequires_dist, 0);
    gl_core_metadata_free(&md);
}

static void test_errors(void)
{
    const char *src = "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata";
#define CHECK(text, want) check_error(text, strlen(text), src, want)
    CHECK("Metadata-Version: 2.1\nVersion: 1.0\nRequires-Dist: a\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: no Name field");
    CHECK("Metadata-Version: 2.1\nName: x\n", "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: no Version field");
    CHECK("Metadata-Version: 2.1\nName: x\nVersion:   \n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: no Version field");
    CHECK("", "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: no Name field");
    CHECK("Metadata-Version: 2.1\nName: x\nVersion 1.0\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: line 3: malformed header line 'Version 1.0'");
    CHECK("Metadata-Version: 2.1\nName : x\nVersion: 1.0\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: line 2: malformed header line 'Name : x'");
    CHECK(": x\n", "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: line 1: malformed header line ': x'");
    CHECK("  Name: x\nVersion: 1\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: line 1: continuation line before any field");
    CHECK("Name: x\nVersion: 1\nRequires-Python: >=3.8\nName: y\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: line 4: 'Name' given twice");
    CHECK("Metadata-Version: 3.0\nName: x\nVersion: 1\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: unsupported Metadata-Version '3.0' (gpulock reads 1.0 to 2.x)");
    CHECK("Metadata-Version: two\nName: x\nVersion: 1\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: malformed Metadata-Version 'two'");
    CHECK("<html><body>404 Not Found</body></html>\n",
          "https://pypi.org/files/x-1.0-py3-none-any.whl.metadata: line 1: malformed header line '<html><body>404 Not Found</body></html>'");
#undef CHECK
    check_error("Name: x\nVer\0sion: 1\n", 20, "PKG-INFO", "PKG-INFO: line 2: NUL byte in a header");
    /* Credentials in a source URL never reach the message. */
    check_error("Version: 1\n", 11, "https://me:tok@h/x.metadata", "https://****@h/x.metadata: no Name field");
    /* A long garbage line is quoted in part. */
    char long_line[200];
    memset(long_line, 'z', sizeof long_line - 2);
    long_line[sizeof long_line - 2] = '\n';
    long_line[sizeof long_line - 1] = '\0';
    gl_core_metadata md;
    gl_error err;
    CU_ASSERT_FALSE(gl_core_metadata_parse(&md, long_line, strlen(long_line), "M", &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "...'"));
    CU_ASSERT(strlen(err.message) < 120);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("core_metadata", NULL, NULL);
    CU_add_test(s, "2.1 wheel METADATA", test_metadata_2_1_wheel);
    CU_add_test(s, "1.0 PKG-INFO, CRLF, multi-line fields", test_pkg_info_1_0_multiline);
    CU_add_test(s, "2.4: Dynamic, BOM, header case, folding", test_metadata_2_4_dynamic_and_case);
    CU_add_test(s, "no blank line, no final newline", test_no_blank_line_no_newline);
    CU_add_test(s, "errors name the source and the reason", test_errors);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
