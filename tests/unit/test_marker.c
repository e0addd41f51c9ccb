/* test_marker.c — PEP 508 markers: parsing to packaging's canonical text, parse errors with
 * their reasons, evaluation against environments (expected values checked against packaging's
 * semantics: version matching when both sides are versions, string comparison otherwise,
 * PEP 685 extra normalisation), the open environment, and the extra names a marker tests. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marker.h"

/* input -> canonical text; every example of PEP 508's complete grammar is here. */
static const struct {
    const char *input;
    const char *canonical;
} canonical_cases[] = {
    /* the markers of PEP 508's test list */
    {"python_version=='2.7'", "python_version == \"2.7\""},
    {"python_version<'2.7' and platform_version=='2'", "python_version < \"2.7\" and platform_version == \"2\""},
    {"os_name=='a' or os_name=='b'", "os_name == \"a\" or os_name == \"b\""},
    {"python_version<\"2.7\"", "python_version < \"2.7\""},
    /* extra spacing, variables on the right, "not in" spelled with a tab, long nesting */
    {"python_version>'3.8'", "python_version > \"3.8\""},
    {"python_version  >=  \"3.8\"", "python_version >= \"3.8\""},
    {"os_name=='a' or os_name=='b'", "os_name == \"a\" or os_name == \"b\""},
    {"os_name=='a' and os_name=='b' or os_name=='c'", "os_name == \"a\" and os_name == \"b\" or os_name == \"c\""},
    {"os_name=='a' and (os_name=='b' or os_name=='c')", "os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")"},
    {"os_name=='a' or os_name=='b' and os_name=='c'", "os_name == \"a\" or os_name == \"b\" and os_name == \"c\""},
    {"(os_name=='a' or os_name=='b') and os_name=='c'", "(os_name == \"a\" or os_name == \"b\") and os_name == \"c\""},
    {"python_version<'2.7' and platform_version=='2'", "python_version < \"2.7\" and platform_version == \"2\""},
    {"python_version=='2.7'", "python_version == \"2.7\""},
    {"(python_version >= \"3.8\")", "python_version >= \"3.8\""},
    {"((python_version >= \"3.8\"))", "python_version >= \"3.8\""},
    {"(os_name == \"a\" and os_name == \"b\")", "os_name == \"a\" and os_name == \"b\""},
    {"(os_name == \"a\") and (os_name == \"b\")", "os_name == \"a\" and os_name == \"b\""},
    {"os.name == \"nt\"", "os_name == \"nt\""},
    {"sys.platform == \"win32\"", "sys_platform == \"win32\""},
    {"platform.version == \"1\"", "platform_version == \"1\""},
    {"platform.machine == \"x86_64\"", "platform_machine == \"x86_64\""},
    {"platform.python_implementation == \"CPython\"", "platform_python_implementation == \"CPython\""},
    {"python_implementation == \"CPython\"", "platform_python_implementation == \"CPython\""},
    {"\"3.8\" <= python_version", "\"3.8\" <= python_version"},
    {"'linux' in sys_platform", "\"linux\" in sys_platform"},
    {"\"win\" not in sys_platform", "\"win\" not in sys_platform"},
    {"sys_platform not\tin \"win32 cygwin\"", "sys_platform not in \"win32 cygwin\""},
    {"extra == \"Foo_Bar\"", "extra == \"foo-bar\""},
    {"\"Foo.Bar\" == extra", "\"foo-bar\" == extra"},
    {"extra == \"a\" or extra == \"B\"", "extra == \"a\" or extra == \"b\""},
    {"\tpython_version==\"3.11\"\t", "python_version == \"3.11\""},
    {"python_version === \"3.11\"", "python_version === \"3.11\""},
    {"python_version ~= \"3.1\"", "python_version ~= \"3.1\""},
    {"python_full_version != \"3.11.7\"", "python_full_version != \"3.11.7\""},
    {"implementation_name == \"cpython\" and implementation_version >= \"3\"", "implementation_name == \"cpython\" and implementation_version >= \"3\""},
    {"platform_release >= \"5\"", "platform_release >= \"5\""},
    {"platform_system == \"Linux\"", "platform_system == \"Linux\""},
    {"platform_python_implementation == \"PyPy\"", "platform_python_implementation == \"PyPy\""},
    {"os_name=='a' and (os_name=='b' or (os_name=='c' and os_name=='d'))", "os_name == \"a\" and (os_name == \"b\" or (os_name == \"c\" and os_name == \"d\"))"},
    {"(os_name=='a' or os_name=='b') or os_name=='c'", "(os_name == \"a\" or os_name == \"b\") or os_name == \"c\""},
    {"os_name=='a' and (os_name=='b' and os_name=='c')", "os_name == \"a\" and (os_name == \"b\" and os_name == \"c\")"},
    {"((os_name=='a' or os_name=='b') and os_name=='c') or os_name=='d'", "((os_name == \"a\" or os_name == \"b\") and os_name == \"c\") or os_name == \"d\""},
    {"python_version=='3' and(os_name=='a')", "python_version == \"3\" and os_name == \"a\""},
    {"extra=='x'and extra=='y'", "extra == \"x\" and extra == \"y\""},
    {"extra=='x'or(extra=='y')", "extra == \"x\" or extra == \"y\""},
    {"python_version == ''", "python_version == \"\""},
    {"os_name == 'it s'", "os_name == \"it s\""},
    {"os_name == \"'\"", "os_name == \"'\""},
    {"os_name == \"a b  c\"", "os_name == \"a b  c\""},
    {"python_version == python_full_version", "python_version == python_full_version"},
    {"\"a\" == \"b\"", "\"a\" == \"b\""},
    {"extra == \"CUDA12\"", "extra == \"cuda12\""},
    {"extra == \"cu118-torch211\"", "extra == \"cu118-torch211\""},
    {"extra in \"a_b c\"", "extra in \"a-b c\""},
    /* packaging would print os_name == """ here, which does not parse back */
    {"os_name == '\"'", "os_name == '\"'"},
    {"python_version >= \"3.8\" and (sys_platform == \"linux\" or sys_platform == \"darwin\") and extra == \"GPU\"",
     "python_version >= \"3.8\" and (sys_platform == \"linux\" or sys_platform == \"darwin\") and extra == \"gpu\""},
    /* redundant parentheses around a group inside a group collapse; packaging 21.3 drops both
     * pairs here, changing the meaning */
    {"((os_name == \"a\" or os_name == \"b\")) and os_name == \"c\"", "(os_name == \"a\" or os_name == \"b\") and os_name == \"c\""},
    {"(((os_name == \"a\")))", "os_name == \"a\""},
};

static void test_canonical_text(void)
{
    for (size_t i = 0; i < sizeof canonical_cases / sizeof canonical_cases[0]; i++) {
        const char *in = canonical_cases[i].input;
        gl_error err;
        gl_error_clear(&err);
        gl_marker *m = gl_marker_parse(in, strlen(in), NULL, &err);
        CU_ASSERT_PTR_NOT_NULL(m);
        if (!m) {
            fprintf(stderr, "\n  parse failed for '%s': %s\n", in, err.message);
            continue;
        }
        char *text = gl_marker_to_string(m);
        CU_ASSERT_STRING_EQUAL(text, canonical_cases[i].canonical);
        if (strcmp(text, canonical_cases[i].canonical))
            fprintf(stderr, "\n  '%s': got '%s', want '%s'\n", in, text, canonical_cases[i].canonical);
        /* the canonical text parses back to itself */
        gl_marker *again = gl_marker_parse(text, strlen(text), NULL, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(again);
        char *text2 = gl_marker_to_string(again);
        CU_ASSERT_STRING_EQUAL(text2, text);
        free(text2);
        gl_marker_free(again);
        /* and a copy prints the same */
        gl_marker *copy = gl_marker_copy(m);
        CU_ASSERT_PTR_NOT_NULL_FATAL(copy);
        char *text3 = gl_marker_to_string(copy);
        CU_ASSERT_STRING_EQUAL(text3, text);
        free(text3);
        gl_marker_free(copy);
        free(text);
        gl_marker_free(m);
    }
}

static const struct {
    const char *input;
    const char *reason; /* a fragment of the message */
} invalid_cases[] = {
    {"", "expected a marker variable or a quoted string, found end of input"},
    {"   ", "expected a marker variable or a quoted string, found end of input"},
    {"python_version >= ", "expected a marker variable or a quoted string, found end of input"},
    {"python_version", "expected a comparison operator"},
    {"python_version = \"3\"", "expected a comparison operator"},
    {"python_version => \"3\"", "expected a comparison operator"},
    {"python_version >= 3.8", "expected a marker variable or a quoted string, found '3.8' at column 19"},
    {"python_version >= \"3.8", "unterminated string starting at column 19"},
    {"python_version >= '3.8\"", "unterminated string"},
    {"foo == 'x'", "unknown marker variable 'foo' at column 1"},
    {"'x' == foo", "unknown marker variable 'foo' at column 8"},
    {"python_versionx == \"3\"", "unknown marker variable 'python_versionx'"},
    {"platform.release == \"x\"", "unknown marker variable 'platform.release'"},
    {"os-name == \"nt\"", "unknown marker variable 'os'"},
    {"cuda_compute_capability >= \"8.0\"", "unknown marker variable 'cuda_compute_capability'"},
    {"Python_Version == \"3\"", "unknown marker variable 'Python_Version'"},
    {"python_version >= \"3\" and", "expected a marker variable or a quoted string, found end of input"},
    {"python_version >= \"3\" or or os_name == \"a\"", "found 'or'"},
    {"and python_version == \"3\"", "found 'and'"},
    {"python_version in", "found end of input"},
    {"(python_version >= \"3\"", "expected ')' to close '(' at column 1"},
    {"((python_version >= \"3\")", "expected ')' to close '(' at column 1"},
    {"python_version >= \"3\")", "expected 'and', 'or' or the end of the marker, found ')' at column 22"},
    {"python_version not \"3\"", "expected 'in' after 'not'"},
    {"python_version not", "expected 'in' after 'not', found end of input"},
    {"python_version >= \"3\" && os_name == \"a\"", "expected 'and', 'or' or the end of the marker"},
    {"python_version >= \"3\" || os_name == \"a\"", "expected 'and', 'or' or the end of the marker"},
    {"python_version <> \"3\"", "expected a marker variable or a quoted string, found '>'"},
    {"python_version !== \"3\"", "expected a marker variable or a quoted string, found '='"},
    {"python_version ! \"3\"", "expected a comparison operator"},
    {"python_version ~ \"3\"", "expected a comparison operator"},
    {"\"3.8\" \"3.9\"", "expected a comparison operator"},
    {"python_version == \"3\" extra == \"a\"", "expected 'and', 'or' or the end of the marker, found 'extra'"},
    {"python_version == \"3\" andos_name == \"a\"", "found 'andos_name'"},
    {"()", "expected a marker variable or a quoted string, found ')'"},
    {"python_version == \"3\"\n", "expected 'and', 'or' or the end of the marker"},
    {"python_version\n== \"3\"", "expected a comparison operator"},
    {"python_version == \"3\";", "expected 'and', 'or' or the end of the marker, found ';'"},
    {"python_version == \"3\" AND os_name == \"a\"", "found 'AND'"},
    {"python_version IN \"3\"", "expected a comparison operator"},
    {"in == \"3\"", "expected a marker variable or a quoted string, found 'in'"},
    {"not in \"3\"", "found 'not'"},
    {"python_version == `3`", "found '`'"},
};

static void test_invalid_markers(void)
{
    for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0]; i++) {
        const char *in = invalid_cases[i].input;
        gl_error err;
        gl_error_clear(&err);
        gl_marker *m = gl_marker_parse(in, strlen(in), NULL, &err);
        CU_ASSERT_PTR_NULL(m);
        gl_marker_free(m);
        CU_ASSERT_EQUAL(err.code, GL_EINVAL);
        char prefix[256];
        snprintf(prefix, sizeof prefix, "invalid marker '%s': ", in);
        CU_ASSERT(strncmp(err.message, prefix, strlen(prefix)) == 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(err.message, invalid_cases[i].reason));
        if (strncmp(err.message, prefix, strlen(prefix)) || !strstr(err.message, invalid_cases[i].reason))
            fprintf(stderr, "\n  '%s': got '%s', want '%s'\n", in, err.message, invalid_cases[i].reason);
    }
}

static void test_nul_and_nesting_limits(void)
{
    gl_error err;
    const char with_nul[] = "os_name == \"a\0b\"";
    CU_ASSERT_PTR_NULL(gl_marker_parse(with_nul, sizeof with_nul - 1, NULL, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "NUL byte"));

    /* 100 levels of parentheses parse; 101 are refused with a reason, not a crash */
    char deep[2048];
    for (int depth = 100; depth <= 101; depth++) {
        size_t n = 0;
        for (int i = 0; i < depth; i++)
            deep[n++] = '(';
        n += (size_t)sprintf(deep + n, "os_name == \"posix\"");
        for (int i = 0; i < depth; i++)
            deep[n++] = ')';
        deep[n] = '\0';
        gl_marker *m = gl_marker_parse(deep, n, NULL, &err);
        if (depth == 100) {
            CU_ASSERT_PTR_NOT_NULL_FATAL(m);
            char *text = gl_marker_to_string(m);
            CU_ASSERT_STRING_EQUAL(text, "os_name == \"posix\"");
            free(text);
        } else {
            CU_ASSERT_PTR_NULL(m);
            CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "nested more than 100 deep"));
        }
        gl_marker_free(m);
    }

    /* a long flat chain is no problem (no recursion per term) */
    size_t terms = 20000;
    char *chain = malloc(terms * 32);
    CU_ASSERT_PTR_NOT_NULL_FATAL(chain);
    size_t n = 0;
    for (size_t i = 0; i < terms; i++)
        n += (size_t)sprintf(chain + n, "%sos_name != \"x%zu\"", i ? " and " : "", i);
    gl_marker *m = gl_marker_parse(chain, n, NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    gl_marker_env *env = gl_marker_env_new_default();
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, env, NULL, &err), 1);
    char *text = gl_marker_to_string(m);
    CU_ASSERT_STRING_EQUAL(text, chain);
    free(text);
    gl_marker_env_free(env);
    gl_marker_free(m);
    free(chain);
}

/* "k=v;k=v" applied over the default environment */
static gl_marker_env *env_with(const char *overrides)
{
    gl_marker_env *env = gl_marker_env_new_default();
    char buf[512];
    snprintf(buf, sizeof buf, "%s", overrides);
    for (char *item = strtok(buf, ";"); item; item = strtok(NULL, ";")) {
        char *eq = strchr(item, '=');
        *eq = '\0';
        gl_marker_env_set(env, item, eq + 1);
    }
    return env;
}

/* marker, environment overrides, extra, expected result (1 true, 0 false, -1 error). */
static const struct {
    const char *marker;
    const char *env;
    const char *extra;
    int expected;
} eval_cases[] = {
    /* PEP 508: "dog" ~= "fred" and python_version ~= "surprise" are errors */
    {"python_version < \"3.8\"", "", NULL, 0},
    {"python_version < \"3.11\"", "", NULL, 0},
    {"python_version < \"3.12\"", "", NULL, 1},
    {"python_version < \"3\"", "", NULL, 0},
    {"python_version < \"3.11.0\"", "", NULL, 0},
    {"python_version < \"2.7\"", "", NULL, 0},
    {"python_version < \"3.10\"", "", NULL, 0},
    {"python_version < \"3.*\"", "", NULL, 0},
    {"python_version < \"3.11.*\"", "", NULL, 1},
    {"python_version <= \"3.8\"", "", NULL, 0},
    {"python_version <= \"3.11\"", "", NULL, 1},
    {"python_version <= \"3.12\"", "", NULL, 1},
    {"python_version <= \"3\"", "", NULL, 0},
    {"python_version <= \"3.11.0\"", "", NULL, 1},
    {"python_version <= \"2.7\"", "", NULL, 0},
    {"python_version <= \"3.10\"", "", NULL, 0},
    {"python_version <= \"3.*\"", "", NULL, 0},
    {"python_version <= \"3.11.*\"", "", NULL, 1},
    {"python_version == \"3.8\"", "", NULL, 0},
    {"python_version == \"3.11\"", "", NULL, 1},
    {"python_version == \"3.12\"", "", NULL, 0},
    {"python_version == \"3\"", "", NULL, 0},
    {"python_version == \"3.11.0\"", "", NULL, 1},
    {"python_version == \"2.7\"", "", NULL, 0},
    {"python_version == \"3.10\"", "", NULL, 0},
    {"python_version == \"3.*\"", "", NULL, 1},
    {"python_version == \"3.11.*\"", "", NULL, 1},
    {"python_version != \"3.8\"", "", NULL, 1},
    {"python_version != \"3.11\"", "", NULL, 0},
    {"python_version != \"3.12\"", "", NULL, 1},
    {"python_version != \"3\"", "", NULL, 1},
    {"python_version != \"3.11.0\"", "", NULL, 0},
    {"python_version != \"2.7\"", "", NULL, 1},
    {"python_version != \"3.10\"", "", NULL, 1},
    {"python_version != \"3.*\"", "", NULL, 0},
    {"python_version != \"3.11.*\"", "", NULL, 0},
    {"python_version >= \"3.8\"", "", NULL, 1},
    {"python_version >= \"3.11\"", "", NULL, 1},
    {"python_version >= \"3.12\"", "", NULL, 0},
    {"python_version >= \"3\"", "", NULL, 1},
    {"python_version >= \"3.11.0\"", "", NULL, 1},
    {"python_version >= \"2.7\"", "", NULL, 1},
    {"python_version >= \"3.10\"", "", NULL, 1},
    {"python_version >= \"3.*\"", "", NULL, 1},
    {"python_version >= \"3.11.*\"", "", NULL, 0},
    {"python_version > \"3.8\"", "", NULL, 1},
    {"python_version > \"3.11\"", "", NULL, 0},
    {"python_version > \"3.12\"", "", NULL, 0},
    {"python_version > \"3\"", "", NULL, 1},
    {"python_version > \"3.11.0\"", "", NULL, 0},
    {"python_version > \"2.7\"", "", NULL, 1},
    {"python_version > \"3.10\"", "", NULL, 1},
    {"python_version > \"3.*\"", "", NULL, 1},
    {"python_version > \"3.11.*\"", "", NULL, 0},
    {"python_version ~= \"3.8\"", "", NULL, 1},
    {"python_version ~= \"3.11\"", "", NULL, 1},
    {"python_version ~= \"3.12\"", "", NULL, 0},
    {"python_version ~= \"3\"", "", NULL, -1},
    {"python_version ~= \"3.11.0\"", "", NULL, 1},
    {"python_version ~= \"2.7\"", "", NULL, 0},
    {"python_version ~= \"3.10\"", "", NULL, 1},
    {"python_version ~= \"3.*\"", "", NULL, -1},
    {"python_version ~= \"3.11.*\"", "", NULL, -1},
    {"python_version === \"3.8\"", "", NULL, 0},
    {"python_version === \"3.11\"", "", NULL, 1},
    {"python_version === \"3.12\"", "", NULL, 0},
    {"python_version === \"3\"", "", NULL, 0},
    {"python_version === \"3.11.0\"", "", NULL, 0},
    {"python_version === \"2.7\"", "", NULL, 0},
    {"python_version === \"3.10\"", "", NULL, 0},
    {"python_version === \"3.*\"", "", NULL, 0},
    {"python_version === \"3.11.*\"", "", NULL, 0},
    {"python_full_version < \"3.11.7\"", "", NULL, 0},
    {"python_full_version < \"3.11.6\"", "", NULL, 0},
    {"python_full_version < \"3.11\"", "", NULL, 0},
    {"python_full_version < \"3.11.*\"", "", NULL, 0},
    {"python_full_version < \"3.12.0rc1\"", "", NULL, 1},
    {"python_full_version < \"3.11.7+local\"", "", NULL, 1},
    {"python_full_version >= \"3.11.7\"", "", NULL, 1},
    {"python_full_version >= \"3.11.6\"", "", NULL, 1},
    {"python_full_version >= \"3.11\"", "", NULL, 1},
    {"python_full_version >= \"3.11.*\"", "", NULL, 1},
    {"python_full_version >= \"3.12.0rc1\"", "", NULL, 0},
    {"python_full_version >= \"3.11.7+local\"", "", NULL, 0},
    {"python_full_version == \"3.11.7\"", "", NULL, 1},
    {"python_full_version == \"3.11.6\"", "", NULL, 0},
    {"python_full_version == \"3.11\"", "", NULL, 0},
    {"python_full_version == \"3.11.*\"", "", NULL, 1},
    {"python_full_version == \"3.12.0rc1\"", "", NULL, 0},
    {"python_full_version == \"3.11.7+local\"", "", NULL, 0},
    {"python_full_version != \"3.11.7\"", "", NULL, 0},
    {"python_full_version != \"3.11.6\"", "", NULL, 1},
    {"python_full_version != \"3.11\"", "", NULL, 1},
    {"python_full_version != \"3.11.*\"", "", NULL, 0},
    {"python_full_version != \"3.12.0rc1\"", "", NULL, 1},
    {"python_full_version != \"3.11.7+local\"", "", NULL, 1},
    {"python_full_version ~= \"3.11.7\"", "", NULL, 1},
    {"python_full_version ~= \"3.11.6\"", "", NULL, 1},
    {"python_full_version ~= \"3.11\"", "", NULL, 1},
    {"python_full_version ~= \"3.11.*\"", "", NULL, -1},
    {"python_full_version ~= \"3.12.0rc1\"", "", NULL, 0},
    {"python_full_version ~= \"3.11.7+local\"", "", NULL, -1},
    {"python_version < \"3.10\"", "python_version=3.9;python_full_version=3.9.18", NULL, 1},
    {"python_version >= \"3.13\"", "python_version=3.9;python_full_version=3.9.18", NULL, 0},
    {"python_full_version >= \"3.13\"", "python_version=3.9;python_full_version=3.9.18", NULL, 0},
    {"python_full_version >= \"3.12\"", "python_version=3.9;python_full_version=3.9.18", NULL, 0},
    {"python_full_version < \"3.13\"", "python_version=3.9;python_full_version=3.9.18", NULL, 1},
    {"python_full_version == \"3.13.*\"", "python_version=3.9;python_full_version=3.9.18", NULL, 0},
    {"\"3.10\" > python_version", "python_version=3.9;python_full_version=3.9.18", NULL, 1},
    {"python_version in \"3.8 3.9\"", "python_version=3.9;python_full_version=3.9.18", NULL, 1},
    {"python_version not in \"3.8 3.9\"", "python_version=3.9;python_full_version=3.9.18", NULL, 0},
    {"python_version < \"3.10\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 0},
    {"python_version >= \"3.13\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 1},
    {"python_full_version >= \"3.13\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 0},
    {"python_full_version >= \"3.12\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 1},
    {"python_full_version < \"3.13\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 0},
    {"python_full_version == \"3.13.*\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 1},
    {"\"3.10\" > python_version", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 0},
    {"python_version in \"3.8 3.9\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 0},
    {"python_version not in \"3.8 3.9\"", "python_version=3.13;python_full_version=3.13.0rc1", NULL, 1},
    {"sys_platform == \"linux\"", "", NULL, 1},
    {"sys_platform == \"linux\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"sys_platform == \"linux\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"sys_platform == \"win32\"", "", NULL, 0},
    {"sys_platform == \"win32\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"sys_platform == \"win32\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"sys_platform != \"win32\"", "", NULL, 1},
    {"sys_platform != \"win32\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"sys_platform != \"win32\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"sys_platform in \"linux2\"", "", NULL, 1},
    {"sys_platform in \"linux2\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"sys_platform in \"linux2\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"\"lin\" in sys_platform", "", NULL, 1},
    {"\"lin\" in sys_platform", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"\"lin\" in sys_platform", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"\"win\" not in sys_platform", "", NULL, 1},
    {"\"win\" not in sys_platform", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"\"win\" not in sys_platform", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"sys_platform < \"m\"", "", NULL, 1},
    {"sys_platform < \"m\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"sys_platform < \"m\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"sys_platform > \"m\"", "", NULL, 0},
    {"sys_platform > \"m\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"sys_platform > \"m\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"sys_platform <= \"linux\"", "", NULL, 1},
    {"sys_platform <= \"linux\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"sys_platform <= \"linux\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"sys_platform >= \"linuy\"", "", NULL, 0},
    {"sys_platform >= \"linuy\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"sys_platform >= \"linuy\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"os_name == \"nt\"", "", NULL, 0},
    {"os_name == \"nt\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"os_name == \"nt\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"os.name == \"posix\"", "", NULL, 1},
    {"os.name == \"posix\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"os.name == \"posix\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"platform_system == \"Linux\" and platform_machine == \"x86_64\"", "", NULL, 1},
    {"platform_system == \"Linux\" and platform_machine == \"x86_64\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"platform_system == \"Linux\" and platform_machine == \"x86_64\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"platform_machine in \"x86_64 AMD64\"", "", NULL, 1},
    {"platform_machine in \"x86_64 AMD64\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"platform_machine in \"x86_64 AMD64\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"platform_machine == \"aarch64\" or platform_machine == \"arm64\"", "", NULL, 0},
    {"platform_machine == \"aarch64\" or platform_machine == \"arm64\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"platform_machine == \"aarch64\" or platform_machine == \"arm64\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"python_implementation == \"CPython\"", "", NULL, 1},
    {"python_implementation == \"CPython\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"python_implementation == \"CPython\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"platform.python_implementation != \"PyPy\"", "", NULL, 1},
    {"platform.python_implementation != \"PyPy\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"platform.python_implementation != \"PyPy\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"implementation_name == \"cpython\"", "", NULL, 1},
    {"implementation_name == \"cpython\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"implementation_name == \"cpython\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"implementation_version >= \"3.11\"", "", NULL, 1},
    {"implementation_version >= \"3.11\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"implementation_version >= \"3.11\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"platform_release == \"\"", "", NULL, 1},
    {"platform_release == \"\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"platform_release == \"\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"platform_version == \"\"", "", NULL, 1},
    {"platform_version == \"\"", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"platform_version == \"\"", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"\"\" in platform_release", "", NULL, 1},
    {"\"\" in platform_release", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 1},
    {"\"\" in platform_release", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 1},
    {"python_version == python_full_version", "", NULL, 0},
    {"python_version == python_full_version", "sys_platform=win32;os_name=nt;platform_system=Windows;platform_machine=AMD64", NULL, 0},
    {"python_version == python_full_version", "sys_platform=darwin;platform_system=Darwin;platform_machine=arm64", NULL, 0},
    {"platform_release >= \"5\"", "platform_release=6.8.0-45-generic", NULL, 1},
    {"platform_release < \"6\"", "platform_release=6.8.0-45-generic", NULL, 0},
    {"platform_release == \"5.15.0\"", "platform_release=6.8.0-45-generic", NULL, 0},
    {"platform_release != \"6\"", "platform_release=6.8.0-45-generic", NULL, 1},
    {"platform_release ~= \"5.15\"", "platform_release=6.8.0-45-generic", NULL, -1},
    {"platform_release === \"6.8.0-45-GENERIC\"", "platform_release=6.8.0-45-generic", NULL, 1},
    {"platform_release in \"5.15.0-generic\"", "platform_release=6.8.0-45-generic", NULL, 0},
    {"platform_release >= \"5\"", "platform_release=5.15.0", NULL, 1},
    {"platform_release < \"6\"", "platform_release=5.15.0", NULL, 1},
    {"platform_release == \"5.15.0\"", "platform_release=5.15.0", NULL, 1},
    {"platform_release != \"6\"", "platform_release=5.15.0", NULL, 1},
    {"platform_release ~= \"5.15\"", "platform_release=5.15.0", NULL, 1},
    {"platform_release === \"6.8.0-45-GENERIC\"", "platform_release=5.15.0", NULL, 0},
    {"platform_release in \"5.15.0-generic\"", "platform_release=5.15.0", NULL, 1},
    {"platform_release >= \"5\"", "platform_release=", NULL, 0},
    {"platform_release < \"6\"", "platform_release=", NULL, 1},
    {"platform_release == \"5.15.0\"", "platform_release=", NULL, 0},
    {"platform_release != \"6\"", "platform_release=", NULL, 1},
    {"platform_release ~= \"5.15\"", "platform_release=", NULL, -1},
    {"platform_release === \"6.8.0-45-GENERIC\"", "platform_release=", NULL, 0},
    {"platform_release in \"5.15.0-generic\"", "platform_release=", NULL, 1},
    {"platform_release >= \"5\"", "platform_release=10.0.19045", NULL, 1},
    {"platform_release < \"6\"", "platform_release=10.0.19045", NULL, 0},
    {"platform_release == \"5.15.0\"", "platform_release=10.0.19045", NULL, 0},
    {"platform_release != \"6\"", "platform_release=10.0.19045", NULL, 1},
    {"platform_release ~= \"5.15\"", "platform_release=10.0.19045", NULL, 0},
    {"platform_release === \"6.8.0-45-GENERIC\"", "platform_release=10.0.19045", NULL, 0},
    {"platform_release in \"5.15.0-generic\"", "platform_release=10.0.19045", NULL, 0},
    {"extra == \"cuda\"", "", NULL, 0},
    {"extra != \"cuda\"", "", NULL, 1},
    {"extra == \"foo-bar\"", "", NULL, 0},
    {"\"Foo_Bar\" == extra", "", NULL, 0},
    {"extra == \"FOO__bar\"", "", NULL, 0},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", NULL, 0},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", NULL, 0},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", NULL, 0},
    {"extra in \"cuda other\"", "", NULL, 1},
    {"extra == \"cuda\"", "", "", 0},
    {"extra != \"cuda\"", "", "", 1},
    {"extra == \"foo-bar\"", "", "", 0},
    {"\"Foo_Bar\" == extra", "", "", 0},
    {"extra == \"FOO__bar\"", "", "", 0},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", "", 0},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", "", 0},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", "", 0},
    {"extra in \"cuda other\"", "", "", 1},
    {"extra == \"cuda\"", "", "cuda", 1},
    {"extra != \"cuda\"", "", "cuda", 0},
    {"extra == \"foo-bar\"", "", "cuda", 0},
    {"\"Foo_Bar\" == extra", "", "cuda", 0},
    {"extra == \"FOO__bar\"", "", "cuda", 0},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", "cuda", 1},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", "cuda", 1},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", "cuda", 0},
    {"extra in \"cuda other\"", "", "cuda", 1},
    {"extra == \"cuda\"", "", "CUDA", 1},
    {"extra != \"cuda\"", "", "CUDA", 0},
    {"extra == \"foo-bar\"", "", "CUDA", 0},
    {"\"Foo_Bar\" == extra", "", "CUDA", 0},
    {"extra == \"FOO__bar\"", "", "CUDA", 0},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", "CUDA", 1},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", "CUDA", 1},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", "CUDA", 0},
    {"extra in \"cuda other\"", "", "CUDA", 1},
    {"extra == \"cuda\"", "", "foo_bar", 0},
    {"extra != \"cuda\"", "", "foo_bar", 1},
    {"extra == \"foo-bar\"", "", "foo_bar", 1},
    {"\"Foo_Bar\" == extra", "", "foo_bar", 1},
    {"extra == \"FOO__bar\"", "", "foo_bar", 1},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", "foo_bar", 1},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", "foo_bar", 0},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", "foo_bar", 0},
    {"extra in \"cuda other\"", "", "foo_bar", 0},
    {"extra == \"cuda\"", "", "foo-bar", 0},
    {"extra != \"cuda\"", "", "foo-bar", 1},
    {"extra == \"foo-bar\"", "", "foo-bar", 1},
    {"\"Foo_Bar\" == extra", "", "foo-bar", 1},
    {"extra == \"FOO__bar\"", "", "foo-bar", 1},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", "foo-bar", 1},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", "foo-bar", 0},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", "foo-bar", 0},
    {"extra in \"cuda other\"", "", "foo-bar", 0},
    {"extra == \"cuda\"", "", "Foo.Bar", 0},
    {"extra != \"cuda\"", "", "Foo.Bar", 1},
    {"extra == \"foo-bar\"", "", "Foo.Bar", 1},
    {"\"Foo_Bar\" == extra", "", "Foo.Bar", 1},
    {"extra == \"FOO__bar\"", "", "Foo.Bar", 1},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", "Foo.Bar", 1},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", "Foo.Bar", 0},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", "Foo.Bar", 0},
    {"extra in \"cuda other\"", "", "Foo.Bar", 0},
    {"extra == \"cuda\"", "", "other", 0},
    {"extra != \"cuda\"", "", "other", 1},
    {"extra == \"foo-bar\"", "", "other", 0},
    {"\"Foo_Bar\" == extra", "", "other", 0},
    {"extra == \"FOO__bar\"", "", "other", 0},
    {"extra == \"cuda\" or extra == \"foo.bar\"", "", "other", 0},
    {"extra == \"cuda\" and python_version >= \"3.8\"", "", "other", 0},
    {"python_version < \"3.8\" and extra == \"cuda\" or extra == \"other\"", "", "other", 1},
    {"extra in \"cuda other\"", "", "other", 1},
    {"os_name == \"a\" and os_name == \"b\" or os_name == \"posix\"", "", NULL, 1},
    {"os_name == \"posix\" and (os_name == \"b\" or os_name == \"c\")", "", NULL, 0},
    {"os_name == \"posix\" or os_name == \"b\" and os_name == \"c\"", "", NULL, 1},
    {"(os_name == \"posix\" or os_name == \"b\") and os_name == \"c\"", "", NULL, 0},
    {"os_name == \"x\" or (os_name == \"posix\" and (sys_platform == \"linux\" or sys_platform == \"win32\"))", "", NULL, 1},
    {"((os_name == \"posix\"))", "", NULL, 1},
    {"(os_name == \"posix\") and (sys_platform == \"darwin\")", "", NULL, 0},
    {"python_version >= \"3\" or \"dog\" ~= \"fred\"", "", NULL, -1},
    {"\"dog\" ~= \"fred\"", "", NULL, -1},
    {"python_version ~= \"surprise\"", "", NULL, -1},
    {"python_version === \"3.11\"", "", NULL, 1},
    {"python_version === \"3.11.0\"", "", NULL, 0},
    {"\"dog\" === \"DOG\"", "", NULL, -1},
    {"\"a\" == \"a\"", "", NULL, -1},
    {"\"a\" < \"b\"", "", NULL, -1},
    {"python_version > \"3.11.dev0\"", "", NULL, 1},
    {"python_version ~= \"3\"", "", NULL, -1},
    {"python_version ~= \"3.0\"", "", NULL, 1},
    {"python_full_version ~= \"3.11.0\"", "", NULL, 1},
    {"python_version == \"3.11.0+local\"", "", NULL, 0},
    {"python_version < \"3.11.post1\"", "", NULL, 1},
    {"python_version == \" 3.11 \"", "", NULL, 1},
    {"python_version >= \"3.8,<4\"", "", NULL, 0},
    {"python_version == \"3.11,\"", "", NULL, 0},
    {"python_version == \"\"", "", NULL, 0},
    {"python_version < \"\"", "", NULL, 0},
    {"python_version >= \"v3.8\"", "", NULL, 1},
    {"python_version == \"03.011\"", "", NULL, 1},
    {"python_version != \"3.11.*\"", "", NULL, 0},
    /* two variables: gpulock compares both values (packaging compares with the name) */
    {"python_version == python_version", "", NULL, 1},
    {"python_version != python_full_version", "", NULL, 1},
    /* a pre-release environment matches version comparisons (pre-releases allowed) */
    {"python_full_version >= \"3.13\"", "python_full_version=3.14.0a1", NULL, 1},
    /* PEP 440: <V excludes pre-releases of V itself */
    {"python_full_version < \"3.14\"", "python_full_version=3.14.0a1", NULL, 0},
    {"python_full_version < \"3.14.0a2\"", "python_full_version=3.14.0a1", NULL, 1},
    /* === compares the canonical version text, ignoring case; inner whitespace is no specifier */
    {"python_version === \"\"", "", NULL, 0},
    {"python_full_version === \"3.11.07\"", "", NULL, 0},
    {"python_version === \" 3.11 \"", "", NULL, 1},
    {"python_version === \"3 .11\"", "", NULL, -1},
    {"python_full_version === \"3.11.7\"", "python_full_version=3.11.07", NULL, 1},
    {"platform_release === \"Generic\"", "platform_release=GENERIC", NULL, 1},
    /* no short-circuit: an error anywhere is reported */
    {"os_name == \"posix\" or python_version ~= \"x\"", "", NULL, -1},
    {"os_name == \"nt\" and python_version ~= \"x\"", "", NULL, -1},
};

static void test_evaluate(void)
{
    for (size_t i = 0; i < sizeof eval_cases / sizeof eval_cases[0]; i++) {
        const char *in = eval_cases[i].marker;
        gl_error err;
        gl_error_clear(&err);
        gl_marker *m = gl_marker_parse(in, strlen(in), NULL, &err);
        CU_ASSERT_PTR_NOT_NULL(m);
        if (!m) {
            fprintf(stderr, "\n  parse failed for '%s': %s\n", in, err.message);
            continue;
        }
        gl_marker_env *env = env_with(eval_cases[i].env);
        int got = gl_marker_evaluate(m, env, eval_cases[i].extra, &err);
        CU_ASSERT_EQUAL(got, eval_cases[i].expected);
        if (got != eval_cases[i].expected)
            fprintf(stderr, "\n  '%s' [%s] extra=%s: got %d, want %d (%s)\n", in, eval_cases[i].env,
                    eval_cases[i].extra ? eval_cases[i].extra : "NULL", got, eval_cases[i].expected,
                    got < 0 ? err.message : "");
        if (got < 0) {
            CU_ASSERT(strncmp(err.message, "evaluating marker '", 19) == 0);
        }
        gl_marker_env_free(env);
        gl_marker_free(m);
    }
}

static void test_evaluation_errors_name_the_problem(void)
{
    gl_error err;
    const char *in = "\"dog\" ~= \"fred\"";
    gl_marker *m = gl_marker_parse(in, strlen(in), NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    gl_marker_env *env = gl_marker_env_new_default();
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, env, NULL, &err), -1);
    CU_ASSERT_STRING_EQUAL(err.message, "evaluating marker '\"dog\" ~= \"fred\"': 'dog' ~= 'fred' compares two "
                                        "strings: one side must be a marker variable");
    gl_marker_free(m);

    in = "python_version ~= \"surprise\"";
    m = gl_marker_parse(in, strlen(in), NULL, &err);
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, env, NULL, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'3.11' ~= 'surprise' is undefined"));
    gl_marker_free(m);

    /* a standard variable the environment lacks */
    gl_marker_env *empty = gl_marker_env_new();
    in = "python_version >= \"3\"";
    m = gl_marker_parse(in, strlen(in), NULL, &err);
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, empty, NULL, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "marker variable 'python_version' is not defined in the environment"));
    /* extra needs no environment entry */
    gl_marker_free(m);
    in = "extra == \"a\"";
    m = gl_marker_parse(in, strlen(in), NULL, &err);
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, empty, "A", &err), 1);
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, empty, NULL, &err), 0);
    gl_marker_free(m);
    gl_marker_env_free(empty);
    gl_marker_env_free(env);
}

static void test_added_variables(void)
{
    gl_error err;
    gl_marker_env *env = gl_marker_env_new_default();
    CU_ASSERT_FATAL(gl_marker_env_set(env, "cuda_compute_capability", "8.6"));
    CU_ASSERT_FATAL(gl_marker_env_set(env, "nvidia_driver_version", "550.54.15"));
    const char *in = "cuda_compute_capability >= \"8.0\" and nvidia_driver_version >= \"525.60.13\"";
    gl_marker *m = gl_marker_parse(in, strlen(in), env, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, env, NULL, &err), 1);
    CU_ASSERT(gl_marker_references_variable(m, "cuda_compute_capability"));
    CU_ASSERT(!gl_marker_references_variable(m, "python_version"));

    /* the same marker against an environment without the variable: an error, not false */
    gl_marker_env *plain = gl_marker_env_new_default();
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, plain, NULL, &err), -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "'cuda_compute_capability' is not defined"));
    gl_marker_free(m);

    CU_ASSERT(gl_marker_env_set(env, "cuda_compute_capability", "7.5"));
    in = "cuda_compute_capability >= \"8.0\"";
    m = gl_marker_parse(in, strlen(in), env, &err);
    CU_ASSERT_EQUAL(gl_marker_evaluate(m, env, NULL, &err), 0);
    gl_marker_free(m);

    /* without the env, the name is unknown */
    CU_ASSERT_PTR_NULL(gl_marker_parse(in, strlen(in), plain, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "unknown marker variable 'cuda_compute_capability'"));
    gl_marker_env_free(plain);
    gl_marker_env_free(env);
}

static void test_environment(void)
{
    static const char *const expected[][2] = {
        {"implementation_name", "cpython"},
        {"implementation_version", "3.11.7"},
        {"os_name", "posix"},
        {"platform_machine", "x86_64"},
        {"platform_python_implementation", "CPython"},
        {"platform_release", ""},
        {"platform_system", "Linux"},
        {"platform_version", ""},
        {"python_full_version", "3.11.7"},
        {"python_version", "3.11"},
        {"sys_platform", "linux"},
    };
    gl_marker_env *env = gl_marker_env_new_default();
    CU_ASSERT_EQUAL_FATAL(gl_marker_env_count(env), 11);
    for (size_t i = 0; i < 11; i++) {
        CU_ASSERT_STRING_EQUAL(gl_marker_env_key_at(env, i), expected[i][0]);
        CU_ASSERT_STRING_EQUAL(gl_marker_env_value_at(env, i), expected[i][1]);
        CU_ASSERT_STRING_EQUAL(gl_marker_env_get(env, expected[i][0]), expected[i][1]);
    }
    CU_ASSERT_PTR_NULL(gl_marker_env_key_at(env, 11));
    CU_ASSERT_PTR_NULL(gl_marker_env_get(env, "extra"));
    CU_ASSERT_PTR_NULL(gl_marker_env_get(env, "os.name"));

    gl_marker_env *copy = gl_marker_env_copy(env);
    CU_ASSERT(gl_marker_env_set(env, "python_version", "3.9"));
    CU_ASSERT(gl_marker_env_set(env, "a_first", "1"));
    CU_ASSERT(gl_marker_env_set(env, "zz_last", "2"));
    CU_ASSERT_EQUAL(gl_marker_env_count(env), 13);
    CU_ASSERT_STRING_EQUAL(gl_marker_env_key_at(env, 0), "a_first");
    CU_ASSERT_STRING_EQUAL(gl_marker_env_key_at(env, 12), "zz_last");
    CU_ASSERT_STRING_EQUAL(gl_marker_env_get(env, "python_version"), "3.9");
    /* the copy kept its own values */
    CU_ASSERT_EQUAL(gl_marker_env_count(copy), 11);
    CU_ASSERT_STRING_EQUAL(gl_marker_env_get(copy, "python_version"), "3.11");
    CU_ASSERT_PTR_NULL(gl_marker_env_get(copy, "a_first"));
    gl_marker_env_free(copy);
    gl_marker_env_free(env);

    CU_ASSERT(gl_marker_is_standard_variable("python_version"));
    CU_ASSERT(gl_marker_is_standard_variable("os.name"));
    CU_ASSERT(gl_marker_is_standard_variable("extra"));
    CU_ASSERT(!gl_marker_is_standard_variable("cuda_compute_capability"));
    CU_ASSERT(!gl_marker_is_standard_variable("platform.release"));
    CU_ASSERT_STRING_EQUAL(gl_marker_variable_canonical("python_implementation"), "platform_python_implementation");
    CU_ASSERT_STRING_EQUAL(gl_marker_variable_canonical("sys.platform"), "sys_platform");
    CU_ASSERT_STRING_EQUAL(gl_marker_variable_canonical("python_version"), "python_version");
    CU_ASSERT_PTR_NULL(gl_marker_variable_canonical("cuda_compute_capability"));
}

static void test_extra_names(void)
{
    static const struct {
        const char *marker;
        const char *extras; /* comma-joined, sorted */
    } cases[] = {
        {"python_version >= \"3\"", ""},
        {"extra == \"cuda\"", "cuda"},
        {"extra == \"B_x\" or (extra == \"a\" and python_version >= \"3\") or extra != \"a\"", "a,b-x"},
        {"\"Torch.Dev\" == extra", "torch-dev"},
        {"extra == \"cu118-torch211\" or extra == \"cu118_torch211\" or extra == \"CU118.TORCH211\"", "cu118-torch211"},
        {"(sys_platform == \"linux\" and extra == \"z\") or extra == \"y\" or extra == \"x\"", "x,y,z"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        gl_error err;
        gl_marker *m = gl_marker_parse(cases[i].marker, strlen(cases[i].marker), NULL, &err);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        char joined[256] = "";
        for (size_t j = 0; j < m->nextras; j++) {
            if (j)
                strcat(joined, ",");
            strcat(joined, m->extras[j]);
        }
        CU_ASSERT_STRING_EQUAL(joined, cases[i].extras);
        CU_ASSERT_EQUAL(gl_marker_references_extra(m), cases[i].extras[0] != '\0');
        gl_marker_free(m);
    }
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("marker", NULL, NULL);
    CU_add_test(s, "canonical text", test_canonical_text);
    CU_add_test(s, "invalid markers", test_invalid_markers);
    CU_add_test(s, "NUL and nesting limits", test_nul_and_nesting_limits);
    CU_add_test(s, "evaluate", test_evaluate);
    CU_add_test(s, "evaluation errors", test_evaluation_errors_name_the_problem);
    CU_add_test(s, "added variables", test_added_variables);
    CU_add_test(s, "environment", test_environment);
    CU_add_test(s, "extra names", test_extra_names);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
