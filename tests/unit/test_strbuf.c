/* CUnit tests for the growable string: appends across growth, JSON escaping, detach/reset/truncate. */
#include <CUnit/Basic.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static void test_append_grows_and_terminates(void)
{
    gl_strbuf b = GL_STRBUF_INIT;
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "");
    for (int i = 0; i < 1000; i++)
        CU_ASSERT_TRUE(gl_strbuf_printf(&b, "%d,", i % 10));
    CU_ASSERT_EQUAL(b.len, 2000);
    CU_ASSERT_EQUAL(strlen(gl_strbuf_cstr(&b)), 2000);
    CU_ASSERT_EQUAL(memcmp(gl_strbuf_cstr(&b), "0,1,2,3,", 8), 0);
    CU_ASSERT_TRUE(gl_strbuf_append(&b, "abc", 2));
    CU_ASSERT_EQUAL(b.data[b.len - 1], 'b');
    CU_ASSERT_EQUAL(b.data[b.len], '\0');
    gl_strbuf_truncate(&b, 3);
    CU_ASSERT_EQUAL(b.len, 3);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "0,1");
    gl_strbuf_reset(&b);
    CU_ASSERT_EQUAL(b.len, 0);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "");
    gl_strbuf_free(&b);
    gl_strbuf_truncate(&b, 0); /* nothing appended yet: still fine */
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "");
    CU_ASSERT_PTR_NULL(b.data);
}

static void test_json_string_escapes(void)
{
    gl_strbuf b = GL_STRBUF_INIT;
    CU_ASSERT_TRUE(gl_strbuf_put_json_string(&b, "a\"b\\c\nd\te\x01"));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
    gl_strbuf_reset(&b);
    CU_ASSERT_TRUE(gl_strbuf_put_json_string(&b, "torch>=2.4,<2.5; python_version >= \"3.9\""));
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "\"torch>=2.4,<2.5; python_version >= \\\"3.9\\\"\"");
    gl_strbuf_free(&b);
}

static void test_detach_hands_over(void)
{
    gl_strbuf b = GL_STRBUF_INIT;
    char *empty = gl_strbuf_detach(&b);
    CU_ASSERT_PTR_NOT_NULL_FATAL(empty);
    CU_ASSERT_STRING_EQUAL(empty, "");
    free(empty);
    gl_strbuf_puts(&b, "pinned");
    gl_strbuf_putc(&b, '!');
    char *s = gl_strbuf_detach(&b);
    CU_ASSERT_STRING_EQUAL(s, "pinned!");
    CU_ASSERT_PTR_NULL(b.data);
    CU_ASSERT_EQUAL(b.len, 0);
    free(s);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("strbuf", NULL, NULL);
    CU_add_test(s, "append grows and terminates", test_append_grows_and_terminates);
    CU_add_test(s, "JSON string escapes", test_json_string_escapes);
    CU_add_test(s, "detach hands the buffer over", test_detach_hands_over);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
