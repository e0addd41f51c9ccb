/* test_requirement.c — PEP 508 requirements: every example of the PEP and many edge cases
 * parsed to the JSON form and packaging's canonical text (expected values as packaging gives
 * them, with PEP 685 extra normalisation), invalid inputs with their reasons, name rules. */
#include <CUnit/Basic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "requirement.h"

/* input -> JSON, canonical text */
static const struct {
    const char *input;
    const char *json;
    const char *canonical;
} valid_cases[] = {
    {"A",
     "{\"name\":\"a\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "A"},
    {"A.B-C_D",
     "{\"name\":\"a-b-c-d\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "A.B-C_D"},
    {"aa",
     "{\"name\":\"aa\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "aa"},
    {"name",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "name"},
    {"name<=1",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"<=1\",\"marker\":null,\"url\":null}",
     "name<=1"},
    {"name>=3",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=3\",\"marker\":null,\"url\":null}",
     "name>=3"},
    {"name>=3,<2",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"<2,>=3\",\"marker\":null,\"url\":null}",
     "name<2,>=3"},
    {"name@http://foo.com",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"http://foo.com\"}",
     "name@ http://foo.com"},
    {"name [fred,bar] @ http://foo.com ; python_version=='2.7'",
     "{\"name\":\"name\",\"extras\":[\"bar\",\"fred\"],\"specifier\":\"\",\"marker\":\"python_version == \\\"2.7\\\"\",\"url\":\"http://foo.com\"}",
     "name[bar,fred]@ http://foo.com ; python_version == \"2.7\""},
    {"name[quux, strange];python_version<'2.7' and platform_version=='2'",
     "{\"name\":\"name\",\"extras\":[\"quux\",\"strange\"],\"specifier\":\"\",\"marker\":\"python_version < \\\"2.7\\\" and platform_version == \\\"2\\\"\",\"url\":null}",
     "name[quux,strange]; python_version < \"2.7\" and platform_version == \"2\""},
    {"name; os_name=='a' or os_name=='b'",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"os_name == \\\"a\\\" or os_name == \\\"b\\\"\",\"url\":null}",
     "name; os_name == \"a\" or os_name == \"b\""},
    {"name; os_name=='a' and os_name=='b' or os_name=='c'",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"os_name == \\\"a\\\" and os_name == \\\"b\\\" or os_name == \\\"c\\\"\",\"url\":null}",
     "name; os_name == \"a\" and os_name == \"b\" or os_name == \"c\""},
    {"name; os_name=='a' and (os_name=='b' or os_name=='c')",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"os_name == \\\"a\\\" and (os_name == \\\"b\\\" or os_name == \\\"c\\\")\",\"url\":null}",
     "name; os_name == \"a\" and (os_name == \"b\" or os_name == \"c\")"},
    {"name; os_name=='a' or os_name=='b' and os_name=='c'",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"os_name == \\\"a\\\" or os_name == \\\"b\\\" and os_name == \\\"c\\\"\",\"url\":null}",
     "name; os_name == \"a\" or os_name == \"b\" and os_name == \"c\""},
    {"name; (os_name=='a' or os_name=='b') and os_name=='c'",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"(os_name == \\\"a\\\" or os_name == \\\"b\\\") and os_name == \\\"c\\\"\",\"url\":null}",
     "name; (os_name == \"a\" or os_name == \"b\") and os_name == \"c\""},
    {"requests [security,tests] >= 2.8.1, == 2.8.* ; python_version < \"2.7\"",
     "{\"name\":\"requests\",\"extras\":[\"security\",\"tests\"],\"specifier\":\"==2.8.*,>=2.8.1\",\"marker\":\"python_version < \\\"2.7\\\"\",\"url\":null}",
     "requests[security,tests]==2.8.*,>=2.8.1; python_version < \"2.7\""},
    {"pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686",
     "{\"name\":\"pip\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686\"}",
     "pip@ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686"},
    {"argparse;python_version<\"2.7\"",
     "{\"name\":\"argparse\",\"extras\":[],\"specifier\":\"\",\"marker\":\"python_version < \\\"2.7\\\"\",\"url\":null}",
     "argparse; python_version < \"2.7\""},
    {"name (>=1.0)",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=1.0\",\"marker\":null,\"url\":null}",
     "name>=1.0"},
    {"name ( >=1.0 , <2 )",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"<2,>=1.0\",\"marker\":null,\"url\":null}",
     "name<2,>=1.0"},
    {"name(>=1.0,<2)",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"<2,>=1.0\",\"marker\":null,\"url\":null}",
     "name<2,>=1.0"},
    {"name[extra1, extra2] (>=1.0, <2)",
     "{\"name\":\"name\",\"extras\":[\"extra1\",\"extra2\"],\"specifier\":\"<2,>=1.0\",\"marker\":null,\"url\":null}",
     "name[extra1,extra2]<2,>=1.0"},
    {"name==1.0.*",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"==1.0.*\",\"marker\":null,\"url\":null}",
     "name==1.0.*"},
    {"name~=1.4.2",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"~=1.4.2\",\"marker\":null,\"url\":null}",
     "name~=1.4.2"},
    {"name===foo",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"===foo\",\"marker\":null,\"url\":null}",
     "name===foo"},
    {"name === foo-bar_1",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"===foo-bar_1\",\"marker\":null,\"url\":null}",
     "name===foo-bar_1"},
    {"name!=1.5",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"!=1.5\",\"marker\":null,\"url\":null}",
     "name!=1.5"},
    {"name>=1.0,!=1.3.4.*,<2.0",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"!=1.3.4.*,<2.0,>=1.0\",\"marker\":null,\"url\":null}",
     "name!=1.3.4.*,<2.0,>=1.0"},
    {"torch==2.4.0+cu121",
     "{\"name\":\"torch\",\"extras\":[],\"specifier\":\"==2.4.0+cu121\",\"marker\":null,\"url\":null}",
     "torch==2.4.0+cu121"},
    {"torch == 2.4.0+CU121",
     "{\"name\":\"torch\",\"extras\":[],\"specifier\":\"==2.4.0+CU121\",\"marker\":null,\"url\":null}",
     "torch==2.4.0+CU121"},
    {"name>=1.0.0.0",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=1.0.0.0\",\"marker\":null,\"url\":null}",
     "name>=1.0.0.0"},
    {"name>=1.0a1",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=1.0a1\",\"marker\":null,\"url\":null}",
     "name>=1.0a1"},
    {"name>=1.0-alpha-1",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=1.0-alpha-1\",\"marker\":null,\"url\":null}",
     "name>=1.0-alpha-1"},
    {"name==1.0.post1",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"==1.0.post1\",\"marker\":null,\"url\":null}",
     "name==1.0.post1"},
    {"name<3,>=2,>=2",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"<3,>=2\",\"marker\":null,\"url\":null}",
     "name<3,>=2"},
    {"name>=v1.0",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=v1.0\",\"marker\":null,\"url\":null}",
     "name>=v1.0"},
    {"name<=2.0rc1.dev3",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"<=2.0rc1.dev3\",\"marker\":null,\"url\":null}",
     "name<=2.0rc1.dev3"},
    {"name>1!2.0",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">1!2.0\",\"marker\":null,\"url\":null}",
     "name>1!2.0"},
    {"name >= 1.0 ; python_version >= \"3\"",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=1.0\",\"marker\":\"python_version >= \\\"3\\\"\",\"url\":null}",
     "name>=1.0; python_version >= \"3\""},
    {"name>=1.0;python_version>='3'",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=1.0\",\"marker\":\"python_version >= \\\"3\\\"\",\"url\":null}",
     "name>=1.0; python_version >= \"3\""},
    /* empty parentheses: accepted by current packaging (21.3 refused them) */
    {"name()", "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}", "name"},
    {"name ( )", "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}", "name"},
    {"name []",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "name"},
    {"name[]",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "name"},
    {"name[] (>=1)",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\">=1\",\"marker\":null,\"url\":null}",
     "name>=1"},
    {"Name_With.Mixed-Case>=1",
     "{\"name\":\"name-with-mixed-case\",\"extras\":[],\"specifier\":\">=1\",\"marker\":null,\"url\":null}",
     "Name_With.Mixed-Case>=1"},
    {"  padded  ",
     "{\"name\":\"padded\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "padded"},
    {"\tpadded>=1\t",
     "{\"name\":\"padded\",\"extras\":[],\"specifier\":\">=1\",\"marker\":null,\"url\":null}",
     "padded>=1"},
    {"name ; extra == 'Foo_Bar'",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"extra == \\\"foo-bar\\\"\",\"url\":null}",
     "name; extra == \"foo-bar\""},
    {"name[A_b,a-B,a.b]",
     "{\"name\":\"name\",\"extras\":[\"a-b\"],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "name[a-b]"},
    {"name[z,y,x]",
     "{\"name\":\"name\",\"extras\":[\"x\",\"y\",\"z\"],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "name[x,y,z]"},
    {"name[Security]>=1.0",
     "{\"name\":\"name\",\"extras\":[\"security\"],\"specifier\":\">=1.0\",\"marker\":null,\"url\":null}",
     "name[security]>=1.0"},
    {"name [ spaced , out ]",
     "{\"name\":\"name\",\"extras\":[\"out\",\"spaced\"],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "name[out,spaced]"},
    {"name;python_version>'3'",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"python_version > \\\"3\\\"\",\"url\":null}",
     "name; python_version > \"3\""},
    {"name;(python_version>'3')",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"python_version > \\\"3\\\"\",\"url\":null}",
     "name; python_version > \"3\""},
    {"name ; ((os_name=='a'))",
     "{\"name\":\"name\",\"extras\":[],\"specifier\":\"\",\"marker\":\"os_name == \\\"a\\\"\",\"url\":null}",
     "name; os_name == \"a\""},
    {"x;python_version>='3' and extra=='X'",
     "{\"name\":\"x\",\"extras\":[],\"specifier\":\"\",\"marker\":\"python_version >= \\\"3\\\" and extra == \\\"x\\\"\",\"url\":null}",
     "x; python_version >= \"3\" and extra == \"x\""},
    {"pkg>=1.0 ; extra == \"test\" and python_version < \"3.10\"",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\">=1.0\",\"marker\":\"extra == \\\"test\\\" and python_version < \\\"3.10\\\"\",\"url\":null}",
     "pkg>=1.0; extra == \"test\" and python_version < \"3.10\""},
    {"xformers @ https://download.pytorch.org/whl/cu124/xformers-0.0.27.post2-cp311-cp311-win_amd64.whl ; python_version >= \"3.9\"",
     "{\"name\":\"xformers\",\"extras\":[],\"specifier\":\"\",\"marker\":\"python_version >= \\\"3.9\\\"\",\"url\":\"https://download.pytorch.org/whl/cu124/xformers-0.0.27.post2-cp311-cp311-win_amd64.whl\"}",
     "xformers@ https://download.pytorch.org/whl/cu124/xformers-0.0.27.post2-cp311-cp311-win_amd64.whl ; python_version >= \"3.9\""},
    {"pkg @ file:///tmp/pkg-1.0-py3-none-any.whl",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"file:///tmp/pkg-1.0-py3-none-any.whl\"}",
     "pkg@ file:///tmp/pkg-1.0-py3-none-any.whl"},
    {"pkg@file://localhost/tmp/pkg.tar.gz",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"file://localhost/tmp/pkg.tar.gz\"}",
     "pkg@ file://localhost/tmp/pkg.tar.gz"},
    {"pkg @ git+https://github.com/org/pkg.git@v1.0#egg=pkg",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"git+https://github.com/org/pkg.git@v1.0#egg=pkg\"}",
     "pkg@ git+https://github.com/org/pkg.git@v1.0#egg=pkg"},
    {"pkg[extra] @ https://h/pkg.whl",
     "{\"name\":\"pkg\",\"extras\":[\"extra\"],\"specifier\":\"\",\"marker\":null,\"url\":\"https://h/pkg.whl\"}",
     "pkg[extra]@ https://h/pkg.whl"},
    {"pkg @ https://h/pkg.whl    ",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"https://h/pkg.whl\"}",
     "pkg@ https://h/pkg.whl"},
    {"pkg @ https://h/pkg.whl;python_version>'3'",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"https://h/pkg.whl;python_version>'3'\"}",
     "pkg@ https://h/pkg.whl;python_version>'3'"},
    {"pkg @\thttps://h/p.whl\t;\tos_name=='nt'",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":\"os_name == \\\"nt\\\"\",\"url\":\"https://h/p.whl\"}",
     "pkg@ https://h/p.whl ; os_name == \"nt\""},
    {"pkg @ https://user:pw@host:8080/p/a.whl?x=1#sha256=abc",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"https://user:pw@host:8080/p/a.whl?x=1#sha256=abc\"}",
     "pkg@ https://user:pw@host:8080/p/a.whl?x=1#sha256=abc"},
    {"pkg @ HTTPS://H/p.whl",
     "{\"name\":\"pkg\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":\"HTTPS://H/p.whl\"}",
     "pkg@ HTTPS://H/p.whl"},
    {"nvidia-cuda-nvrtc-cu12==12.1.105; platform_system == \"Linux\" and platform_machine == \"x86_64\"",
     "{\"name\":\"nvidia-cuda-nvrtc-cu12\",\"extras\":[],\"specifier\":\"==12.1.105\",\"marker\":\"platform_system == \\\"Linux\\\" and platform_machine == \\\"x86_64\\\"\",\"url\":null}",
     "nvidia-cuda-nvrtc-cu12==12.1.105; platform_system == \"Linux\" and platform_machine == \"x86_64\""},
    {"liger-kernel>=0.5.3; sys_platform != \"win32\" and extra == \"liger\"",
     "{\"name\":\"liger-kernel\",\"extras\":[],\"specifier\":\">=0.5.3\",\"marker\":\"sys_platform != \\\"win32\\\" and extra == \\\"liger\\\"\",\"url\":null}",
     "liger-kernel>=0.5.3; sys_platform != \"win32\" and extra == \"liger\""},
    {"tzdata; python_version >= \"3.9\" and platform_system == \"Windows\" and extra == \"timezone\"",
     "{\"name\":\"tzdata\",\"extras\":[],\"specifier\":\"\",\"marker\":\"python_version >= \\\"3.9\\\" and platform_system == \\\"Windows\\\" and extra == \\\"timezone\\\"\",\"url\":null}",
     "tzdata; python_version >= \"3.9\" and platform_system == \"Windows\" and extra == \"timezone\""},
    {"unsloth[huggingface]; extra == \"cu118-torch270\"",
     "{\"name\":\"unsloth\",\"extras\":[\"huggingface\"],\"specifier\":\"\",\"marker\":\"extra == \\\"cu118-torch270\\\"\",\"url\":null}",
     "unsloth[huggingface]; extra == \"cu118-torch270\""},
    {"unsloth_zoo>=2025.10.6; extra == \"huggingface\"",
     "{\"name\":\"unsloth-zoo\",\"extras\":[],\"specifier\":\">=2025.10.6\",\"marker\":\"extra == \\\"huggingface\\\"\",\"url\":null}",
     "unsloth_zoo>=2025.10.6; extra == \"huggingface\""},
    {"pytorch-triton-rocm==3.4.0; platform_machine == \"x86_64\" and sys_platform == \"linux\"",
     "{\"name\":\"pytorch-triton-rocm\",\"extras\":[],\"specifier\":\"==3.4.0\",\"marker\":\"platform_machine == \\\"x86_64\\\" and sys_platform == \\\"linux\\\"\",\"url\":null}",
     "pytorch-triton-rocm==3.4.0; platform_machine == \"x86_64\" and sys_platform == \"linux\""},
    {"triton==3.1.0; platform_system == \"Linux\" and platform_machine == \"x86_64\" and python_version < \"3.13\"",
     "{\"name\":\"triton\",\"extras\":[],\"specifier\":\"==3.1.0\",\"marker\":\"platform_system == \\\"Linux\\\" and platform_machine == \\\"x86_64\\\" and python_version < \\\"3.13\\\"\",\"url\":null}",
     "triton==3.1.0; platform_system == \"Linux\" and platform_machine == \"x86_64\" and python_version < \"3.13\""},
    {"typing-extensions>=4.8.0",
     "{\"name\":\"typing-extensions\",\"extras\":[],\"specifier\":\">=4.8.0\",\"marker\":null,\"url\":null}",
     "typing-extensions>=4.8.0"},
    {"sympy==1.13.1; python_version >= \"3.9\"",
     "{\"name\":\"sympy\",\"extras\":[],\"specifier\":\"==1.13.1\",\"marker\":\"python_version >= \\\"3.9\\\"\",\"url\":null}",
     "sympy==1.13.1; python_version >= \"3.9\""},
    {"fsspec",
     "{\"name\":\"fsspec\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "fsspec"},
    {"jinja2",
     "{\"name\":\"jinja2\",\"extras\":[],\"specifier\":\"\",\"marker\":null,\"url\":null}",
     "jinja2"},
    {"numpy<2.0,>=1.17",
     "{\"name\":\"numpy\",\"extras\":[],\"specifier\":\"<2.0,>=1.17\",\"marker\":null,\"url\":null}",
     "numpy<2.0,>=1.17"},
    {"huggingface-hub<1.0,>=0.23.2",
     "{\"name\":\"huggingface-hub\",\"extras\":[],\"specifier\":\"<1.0,>=0.23.2\",\"marker\":null,\"url\":null}",
     "huggingface-hub<1.0,>=0.23.2"},
    {"tokenizers<0.21,>=0.20",
     "{\"name\":\"tokenizers\",\"extras\":[],\"specifier\":\"<0.21,>=0.20\",\"marker\":null,\"url\":null}",
     "tokenizers<0.21,>=0.20"},
    {"accelerate>=0.26.0; extra == \"torch\"",
     "{\"name\":\"accelerate\",\"extras\":[],\"specifier\":\">=0.26.0\",\"marker\":\"extra == \\\"torch\\\"\",\"url\":null}",
     "accelerate>=0.26.0; extra == \"torch\""},
    {"deepspeed>=0.9.3; extra == \"deepspeed\"",
     "{\"name\":\"deepspeed\",\"extras\":[],\"specifier\":\">=0.9.3\",\"marker\":\"extra == \\\"deepspeed\\\"\",\"url\":null}",
     "deepspeed>=0.9.3; extra == \"deepspeed\""},
    {"bitsandbytes>=0.43.3; extra == \"cu118-torch211\"",
     "{\"name\":\"bitsandbytes\",\"extras\":[],\"specifier\":\">=0.43.3\",\"marker\":\"extra == \\\"cu118-torch211\\\"\",\"url\":null}",
     "bitsandbytes>=0.43.3; extra == \"cu118-torch211\""},
};

static void test_valid(void)
{
    for (size_t i = 0; i < sizeof valid_cases / sizeof valid_cases[0]; i++) {
        const char *in = valid_cases[i].input;
        gl_requirement r;
        gl_error err;
        gl_error_clear(&err);
        bool ok = gl_requirement_parse(&r, in, strlen(in), &err);
        CU_ASSERT(ok);
        if (!ok) {
            fprintf(stderr, "\n  parse failed for '%s': %s\n", in, err.message);
            continue;
        }
        char *json = gl_requirement_to_json(&r);
        char *text = gl_requirement_to_string(&r);
        CU_ASSERT_STRING_EQUAL(json, valid_cases[i].json);
        CU_ASSERT_STRING_EQUAL(text, valid_cases[i].canonical);
        if (strcmp(json, valid_cases[i].json) || strcmp(text, valid_cases[i].canonical))
            fprintf(stderr, "\n  '%s':\n   got  %s | %s\n   want %s | %s\n", in, json, text, valid_cases[i].json,
                    valid_cases[i].canonical);
        /* the canonical text parses back to the same requirement */
        gl_requirement again;
        CU_ASSERT_FATAL(gl_requirement_parse(&again, text, strlen(text), &err));
        char *json2 = gl_requirement_to_json(&again);
        char *text2 = gl_requirement_to_string(&again);
        CU_ASSERT_STRING_EQUAL(json2, json);
        CU_ASSERT_STRING_EQUAL(text2, text);
        free(json2);
        free(text2);
        gl_requirement_free(&again);
        /* a copy is the same requirement */
        gl_requirement copy;
        CU_ASSERT_FATAL(gl_requirement_copy(&copy, &r));
        char *json3 = gl_requirement_to_json(&copy);
        CU_ASSERT_STRING_EQUAL(json3, json);
        free(json3);
        gl_requirement_free(&copy);
        free(json);
        free(text);
        gl_requirement_free(&r);
    }
}

/* input -> a fragment of the reason (for specifier errors, only the part naming the specifier:
 * the specifier module words its own reasons) */
static const struct {
    const char *input;
    const char *reason;
} invalid_cases[] = {
    {"", "expected a package name, found end of input"},
    {"   ", "expected a package name, found end of input"},
    {"-bad", "invalid package name '-bad': it must start and end with a letter or digit"},
    {"bad-", "invalid package name 'bad-': it must start and end with a letter or digit"},
    {"_bad", "invalid package name '_bad': it must start and end with a letter or digit"},
    {"bad.", "invalid package name 'bad.': it must start and end with a letter or digit"},
    {"na me", "expected '[', a version specifier, '@' or ';' after the name, found 'm' at column 4"},
    {"torch>=", "invalid specifier '>=': "},
    {"torch>=1.0,", "empty item in the version specifier list '>=1.0,'"},
    {"name[", "expected an extra name, found end of input"},
    {"name[a", "expected ',' or ']' in the extras opened at column 5, found end of input"},
    {"name[a,]", "expected an extra name, found ']' at column 8"},
    {"name[a b]", "expected ',' or ']' in the extras opened at column 5, found 'b' at column 8"},
    {"name[-a]", "invalid extra name '-a'"},
    {"name[,a]", "expected an extra name, found ',' at column 6"},
    {"name @", "expected a URL after '@'"},
    {"name @ ", "expected a URL after '@'"},
    {"name @ notaurl", "invalid URL 'notaurl': it has no scheme"},
    {"name @ http://", "invalid URL 'http://': it has no host"},
    {"name @ file:relative", "invalid URL 'file:relative': expected '//' after 'file:'"},
    {"name @ https://x/y.whl junk", "expected ';' or the end after the URL, found 'j' at column 24"},
    {"name (>=1.0", "expected ')' to close '(' at column 6"},
    {"name (>=1.0) junk", "expected ';' or the end after the version specifier, found 'j' at column 14"},
    {"name >=1.0 junk", "invalid specifier '>=1.0 junk': "},
    {"name;", "expected a marker after ';' at column 5"},
    {"name; ", "expected a marker after ';' at column 5"},
    {"name ; python_version >", "invalid marker 'python_version >': expected a marker variable or a quoted string, found end of input"},
    {"name; foo == 'x'", "invalid marker 'foo == 'x'': unknown marker variable 'foo' at column 1"},
    {"name==1.0 python_version>'3'", "invalid specifier '==1.0 python_version>'3'': "},
    {"name=1.0", "invalid specifier '=1.0': "},
    {"name~=1", "invalid specifier '~=1': "},
    {"name<=1.0.*", "invalid specifier '<=1.0.*': "},
    {"name>=1.0,,<2", "empty item in the version specifier list '>=1.0,,<2'"},
    {"name[extra]@", "expected a URL after '@'"},
    {"name[a]]", "expected '[', a version specifier, '@' or ';' after the name, found ']' at column 8"},
    {"name>=1.0)", "invalid specifier '>=1.0)': "},
    {"name((>=1.0))", "invalid specifier '(>=1.0': "},
    {"name>=1.0; and", "invalid marker 'and': expected a marker variable or a quoted string, found 'and' at column 1"},
    {"name @ https://x/y.whl ; ", "expected a marker after ';' at column 24"},
    {"name @ https://x/y.whl ; os_name=='a' junk", "invalid marker 'os_name=='a' junk': expected 'and', 'or' or the end of the marker, found 'junk' at column 14"},
    {"name @ //host/p.whl", "invalid URL '//host/p.whl': it has no scheme"},
    {"name @ :foo", "invalid URL ':foo': it has no scheme"},
    {"na@me", "invalid URL 'me': it has no scheme"},
    {"name==1.0 ;; os_name=='a'", "invalid marker '; os_name=='a'': expected a marker variable or a quoted string, found ';' at column 1"},
    {"n\xc3\xa9v", "expected '[', a version specifier, '@' or ';' after the name, found byte 0xc3 at column 2"},
    {"name[ex tra]", "expected ',' or ']' in the extras opened at column 5, found 't' at column 9"},
    {"name[\xc3\xa9]", "expected an extra name, found byte 0xc3 at column 6"},
    {"name<>1", "invalid specifier '<>1': "},
    {"name>=1.0 or <2", "invalid specifier '>=1.0 or <2': "},
    {"name !", "invalid specifier '!': "},
    {"name;python_version=3", "invalid marker 'python_version=3': expected a comparison operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in), found '=' at column 15"},
    {"name==1.0+local.*", "invalid specifier '==1.0+local.*': "},
    {"name>=1.0+local", "invalid specifier '>=1.0+local': "},
    {"name @ https://x/y.whl (>=1)", "expected ';' or the end after the URL, found '(' at column 24"},
    {"name (>=1.0) @ https://x/y.whl", "expected ';' or the end after the version specifier, found '@' at column 14"},
    {"name[a](>=1)junk", "expected ';' or the end after the version specifier, found 'j' at column 13"},
    {"name ~= 1.0.*", "invalid specifier '~= 1.0.*': "},
    {"name==", "invalid specifier '==': "},
    {"name[a]]", "expected '[', a version specifier, '@' or ';' after the name, found ']' at column 8"},
    {"name @ https://x/y.whl\tjunk", "expected ';' or the end after the URL, found 'j' at column 24"},
    {"name[a,,b]", "expected an extra name, found ',' at column 8"},
    {"name[a] [b]", "expected '[', a version specifier, '@' or ';' after the name, found '[' at column 9"},
    {"name @ https://x/y.whl @ z", "expected ';' or the end after the URL, found '@' at column 24"},
    {"name;;", "invalid marker ';': expected a marker variable or a quoted string, found ';' at column 1"},
    {"name; (os_name == 'a'", "invalid marker '(os_name == 'a'': expected ')' to close '(' at column 1, found end of input"},
    {"name>=1.0;python_version>='3' ;", "invalid marker 'python_version>='3' ;': expected 'and', 'or' or the end of the marker, found ';' at column 21"},
};

static void test_invalid(void)
{
    for (size_t i = 0; i < sizeof invalid_cases / sizeof invalid_cases[0]; i++) {
        const char *in = invalid_cases[i].input;
        gl_requirement r;
        gl_error err;
        gl_error_clear(&err);
        CU_ASSERT(!gl_requirement_parse(&r, in, strlen(in), &err));
        /* a failed parse leaves an empty value that is safe to free */
        CU_ASSERT_PTR_NULL(r.name);
        CU_ASSERT_PTR_NULL(r.marker);
        gl_requirement_free(&r);
        CU_ASSERT_EQUAL(err.code, GL_EINVAL);
        char prefix[256];
        snprintf(prefix, sizeof prefix, "invalid requirement '%s': ", in);
        bool good = !strncmp(err.message, prefix, strlen(prefix)) && strstr(err.message, invalid_cases[i].reason);
        CU_ASSERT(good);
        if (!good)
            fprintf(stderr, "\n  '%s': got '%s', want '%s'\n", in, err.message, invalid_cases[i].reason);
    }
}

static void test_long_input_is_quoted_shortened(void)
{
    char in[2000];
    memset(in, 'a', sizeof in);
    memcpy(in + sizeof in - 3, ">=", 2);
    in[sizeof in - 1] = '\0';
    gl_requirement r;
    gl_error err;
    CU_ASSERT(!gl_requirement_parse(&r, in, strlen(in), &err));
    CU_ASSERT(strncmp(err.message, "invalid requirement 'aaaa", 25) == 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "...': "));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "invalid specifier '>=': "));

    const char with_nul[] = "torch\0>=1";
    CU_ASSERT(!gl_requirement_parse(&r, with_nul, sizeof with_nul - 1, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "NUL byte"));
}

static void test_names(void)
{
    static const struct {
        const char *name;
        const char *normalized; /* NULL: invalid */
    } cases[] = {
        {"A", "a"},
        {"A.B-C_D", "a-b-c-d"},
        {"aa", "aa"},
        {"Foo__Bar", "foo-bar"},
        {"foo.-_bar", "foo-bar"},
        {"torch", "torch"},
        {"nvidia-cuda-nvrtc-cu12", "nvidia-cuda-nvrtc-cu12"},
        {"Unsloth_Zoo", "unsloth-zoo"},
        {"zope.interface", "zope-interface"},
        {"1password", "1password"},
        {"x9", "x9"},
        {"", NULL},
        {"-foo", NULL},
        {"foo-", NULL},
        {"_foo", NULL},
        {"foo.", NULL},
        {"fo o", NULL},
        {"foo!", NULL},
        {"f\xc3\xb6o", NULL},
        {"foo/bar", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[64];
        bool ok = gl_name_normalize(cases[i].name, out, sizeof out);
        CU_ASSERT_EQUAL(ok, cases[i].normalized != NULL);
        CU_ASSERT_EQUAL(gl_name_is_valid(cases[i].name, strlen(cases[i].name)), cases[i].normalized != NULL);
        char *dup = gl_name_normalize_dup(cases[i].name, strlen(cases[i].name));
        if (cases[i].normalized) {
            CU_ASSERT(ok && !strcmp(out, cases[i].normalized));
            CU_ASSERT(dup && !strcmp(dup, cases[i].normalized));
        } else {
            CU_ASSERT_PTR_NULL(dup);
        }
        free(dup);
    }
    char small[4];
    CU_ASSERT(!gl_name_normalize("torch", small, sizeof small));
    CU_ASSERT(gl_name_normalize("abc", small, sizeof small));
}

static void test_fields_and_custom_variables(void)
{
    const char *in = "Flash_Attn[Dev, test] (>=2.5,<3) ; sys_platform == 'linux' and extra == 'Full'";
    gl_requirement r;
    gl_error err;
    CU_ASSERT_FATAL(gl_requirement_parse(&r, in, strlen(in), &err));
    CU_ASSERT_STRING_EQUAL(r.name, "Flash_Attn");
    CU_ASSERT_STRING_EQUAL(r.normalized_name, "flash-attn");
    CU_ASSERT_EQUAL_FATAL(r.nextras, 2);
    CU_ASSERT_STRING_EQUAL(r.extras[0], "dev");
    CU_ASSERT_STRING_EQUAL(r.extras[1], "test");
    CU_ASSERT_EQUAL(r.specifier.count, 2);
    CU_ASSERT_PTR_NULL(r.url);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.marker);
    CU_ASSERT_EQUAL_FATAL(r.marker->nextras, 1);
    CU_ASSERT_STRING_EQUAL(r.marker->extras[0], "full");
    gl_marker_env *env = gl_marker_env_new_default();
    CU_ASSERT_EQUAL(gl_marker_evaluate(r.marker, env, "FULL", &err), 1);
    CU_ASSERT_EQUAL(gl_marker_evaluate(r.marker, env, NULL, &err), 0);
    gl_requirement_free(&r);
    gl_requirement_free(&r); /* freeing twice is harmless: free leaves the value empty */

    in = "flash-attn>=2.6 ; cuda_compute_capability >= '8.0'";
    CU_ASSERT(!gl_requirement_parse(&r, in, strlen(in), &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "unknown marker variable 'cuda_compute_capability'"));
    CU_ASSERT(gl_marker_env_set(env, "cuda_compute_capability", "9.0"));
    CU_ASSERT_FATAL(gl_requirement_parse_env(&r, in, strlen(in), env, &err));
    CU_ASSERT_EQUAL(gl_marker_evaluate(r.marker, env, NULL, &err), 1);
    gl_requirement_free(&r);
    gl_marker_env_free(env);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 1;
    CU_pSuite s = CU_add_suite("requirement", NULL, NULL);
    CU_add_test(s, "valid requirements", test_valid);
    CU_add_test(s, "invalid requirements", test_invalid);
    CU_add_test(s, "long and NUL inputs", test_long_input_is_quoted_shortened);
    CU_add_test(s, "names", test_names);
    CU_add_test(s, "fields and custom variables", test_fields_and_custom_variables);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
