/* test_solver.c — the solver front over small hand-made pools: version choice, extras, markers,
 * pre-releases, yanked files, direct URLs, preferred pins, constraints, via edges, why chains and
 * the wording of explanations. */
#include "solve_fixture.h"

static void test_newest_and_dependencies(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "a", "1.0", "b>=1.0");
    fx_release(&fx, "a", "1.10", "b>=2.0");
    fx_release(&fx, "a", "1.9", "b>=1.0");
    fx_release(&fx, "b", "1.0", NULL);
    fx_release(&fx, "b", "2.0", NULL);
    fx_release(&fx, "b", "2.1", NULL);
    fx_require(&fx, "a");
    ASSERT_SOLUTION(&fx, "a==1.10 b==2.1");
    fx_free(&fx);
}


static void test_pep440_order_and_post_releases(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "x", "1.0rc1", NULL);
    fx_release(&fx, "x", "1.0", NULL);
    fx_release(&fx, "x", "1.0.post1", NULL);
    fx_require(&fx, "x");
    ASSERT_SOLUTION(&fx, "x==1.0.post1");
    fx_free(&fx);

    fx_init(&fx);
    fx_release(&fx, "x", "1.0rc1", NULL);
    fx_release(&fx, "x", "1.0", NULL);
    fx_release(&fx, "x", "1.0.post1", NULL);
    fx_require(&fx, "x<1.0.post1");
    ASSERT_SOLUTION(&fx, "x==1.0");
    fx_free(&fx);
}

static void test_local_versions(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "torch", "2.9.0", NULL);
    fx_release(&fx, "torch", "2.9.0+cpu", NULL);
    fx_release(&fx, "torch", "2.9.0+cu128", NULL);
    fx_release(&fx, "torch", "2.8.0+cu128", NULL);
    fx_require(&fx, "torch==2.9.0");
    /* == without a local label matches every local build; PEP 440 orders +cu128 above +cpu */
    ASSERT_SOLUTION(&fx, "torch==2.9.0+cu128");
    fx_free(&fx);

    fx_init(&fx);
    fx_release(&fx, "torch", "2.9.0", NULL);
    fx_release(&fx, "torch", "2.9.0+cpu", NULL);
    fx_release(&fx, "torch", "2.9.0+cu128", NULL);
    fx_require(&fx, "torch==2.9.0+cpu");
    ASSERT_SOLUTION(&fx, "torch==2.9.0+cpu");
    fx_free(&fx);
}

static void test_specifiers(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "x", "1.7", NULL);
    fx_release(&fx, "x", "1.7.post1", NULL);
    fx_require(&fx, "x>1.7");
    /* >1.7 does not admit 1.7's post-releases */
    ASSERT_UNSAT_CONTAINS(&fx, "no version of x satisfies x>1.7");
    fx_free(&fx);

    fx_init(&fx);
    fx_release(&fx, "x", "1.7", NULL);
    fx_release(&fx, "x", "1.9", NULL);
    fx_release(&fx, "x", "2.0", NULL);
    fx_require(&fx, "x~=1.7");
    ASSERT_SOLUTION(&fx, "x==1.9");
    fx_free(&fx);

    fx_init(&fx);
    fx_release(&fx, "x", "1.7", NULL);
    fx_release(&fx, "x", "1.10", NULL);
    fx_release(&fx, "x", "2.0", NULL);
    fx_require(&fx, "x==1.*");
    ASSERT_SOLUTION(&fx, "x==1.10");
    fx_free(&fx);

    fx_init(&fx);
    fx_release(&fx, "x", "1.7", NULL);
    fx_release(&fx, "x", "1.10", NULL);
    fx_release(&fx, "x", "2.0", NULL);
    fx_require(&fx, "x!=2.0,>=1.7");
    fx_require(&fx, "x<1.10");
    ASSERT_SOLUTION(&fx, "x==1.7");
    fx_free(&fx);
}

static void test_extras_nested_and_self_referencing(void)
{
    fixture fx;
    fx_init(&fx);
    fx_wheel(&fx, "unsloth", "2025.3.1");
    fx_meta(&fx, "unsloth", "2025.3.1", NULL,
            "packaging|torch; extra == \"cu121\"|unsloth[huggingface]; extra == \"colab\"|"
            "transformers>=4.40; extra == \"huggingface\"",
            "cu121|colab|huggingface");
    fx_release(&fx, "packaging", "24.0", NULL);
    fx_release(&fx, "torch", "2.4.0", NULL);
    fx_release(&fx, "transformers", "4.44.0", "tokenizers[hub]>=0.19");
    fx_wheel(&fx, "tokenizers", "0.19.1");
    fx_meta(&fx, "tokenizers", "0.19.1", NULL, "huggingface-hub; extra == \"hub\"", "hub");
    fx_release(&fx, "huggingface-hub", "0.24.0", NULL);
    fx_require(&fx, "unsloth[colab]");
    ASSERT_SOLUTION(&fx, "huggingface-hub==0.24.0 packaging==24.0 tokenizers[hub]==0.19.1 "
                         "transformers==4.44.0 unsloth[colab,huggingface]==2025.3.1");
    fx_free(&fx);
}

static void test_extra_pins_the_same_version(void)
{
    fixture fx;
    fx_init(&fx);
    fx_wheel(&fx, "a", "1.0");
    fx_meta(&fx, "a", "1.0", NULL, "b; extra == \"x\"", "x");
    fx_wheel(&fx, "a", "2.0");
    fx_meta(&fx, "a", "2.0", NULL, "b>=2; extra == \"x\"", "x");
    fx_release(&fx, "b", "1.0", NULL);
    fx_require(&fx, "a[x]");
    /* a[x] 2.0 needs b>=2, which does not exist: a and a[x] must both fall back to 1.0 */
    ASSERT_SOLUTION(&fx, "a[x]==1.0 b==1.0");
    fx_free(&fx);
}

static void test_undeclared_extra_warns(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "b", "1.0", "c; extra == \"real\"");
    fx_release(&fx, "c", "1.0", NULL);
    fx_require(&fx, "b[nope]");
    gl_solution *sol = NULL;
    char *got = fx_solve_sol(&fx, &sol);
    CU_ASSERT_STRING_EQUAL(got ? got : "", "b[nope]==1.0");
    CU_ASSERT_FATAL(sol != NULL);
    CU_ASSERT_EQUAL(sol->nwarnings, 1);
    if (sol->nwarnings)
        CU_ASSERT_STRING_EQUAL(sol->warnings[0], "b 1.0 does not provide the extra 'nope'");
    free(got);
    gl_solution_free(sol);
    fx_free(&fx);
}

static void test_markers(void)
{
    const char *deps = "win-only; sys_platform == \"win32\"|old-py; python_version < \"3.10\"|"
                       "linux-dep; sys_platform == \"linux\" and platform_machine == \"x86_64\"";
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "app", "1.0", deps);
    fx_release(&fx, "win-only", "1.0", NULL);
    fx_release(&fx, "old-py", "1.0", NULL);
    fx_release(&fx, "linux-dep", "1.0", NULL);
    fx_require(&fx, "app");
    fx_require(&fx, "old-py; python_version < \"3.9\"");
    ASSERT_SOLUTION(&fx, "app==1.0 linux-dep==1.0");
    fx_target(&fx, "3.9", "win_amd64");
    ASSERT_SOLUTION(&fx, "app==1.0 old-py==1.0 win-only==1.0");
    fx_free(&fx);
}

static void test_wheel_compatibility(void)
{
    fixture fx;
    fx_init(&fx);
    fx_file(&fx, "x", "x-2.0-cp312-cp312-manylinux_2_28_x86_64.whl");
    fx_meta(&fx, "x", "2.0", NULL, NULL, NULL);
    fx_file(&fx, "x", "x-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    fx_file(&fx, "x", "x-1.0-cp311-cp311-win_amd64.whl");
    fx_meta(&fx, "x", "1.0", NULL, NULL, NULL);
    fx_require(&fx, "x");
    gl_solution *sol = NULL;
    char *got = fx_solve_sol(&fx, &sol);
    CU_ASSERT_STRING_EQUAL(got ? got : "", "x==1.0");
    CU_ASSERT_FATAL(sol && sol->npins == 1 && sol->pins[0].nfiles == 2);
    /* the compatible file first, the Windows one after it, marked */
    CU_ASSERT_STRING_EQUAL(sol->pins[0].files[0].filename,
                           "x-1.0-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
    CU_ASSERT_TRUE(sol->pins[0].files[0].compatible);
    CU_ASSERT_FALSE(sol->pins[0].files[1].compatible);
    CU_ASSERT_EQUAL(strlen(sol->pins[0].files[0].sha256), 64);
    free(got);
    gl_solution_free(sol);
    fx_free(&fx);

    fx_init(&fx);
    fx_file(&fx, "torch", "torch-2.4.1+cu121-cp311-cp311-linux_x86_64.whl");
    fx_file(&fx, "torch", "torch-2.4.1+cu121-cp312-cp312-win_amd64.whl");
    fx_meta(&fx, "torch", "2.4.1+cu121", NULL, NULL, NULL);
    fx_target(&fx, "3.13", "win_amd64");
    fx_require(&fx, "torch==2.4.1+cu121");
    ASSERT_UNSAT_CONTAINS(&fx, "no version of torch satisfies torch==2.4.1+cu121 (from -r "
                               "requirements.in): no file of torch 2.4.1+cu121 supports "
                               "Python 3.13 on win_amd64");
    fx_free(&fx);
}

static void test_best_file_first(void)
{
    fixture fx;
    fx_init(&fx);
    fx_file(&fx, "x", "x-1.0.tar.gz");
    fx_file(&fx, "x", "x-1.0-py3-none-any.whl");
    fx_file(&fx, "x", "x-1.0-cp311-cp311-manylinux_2_17_x86_64.whl");
    fx_meta(&fx, "x", "1.0", NULL, NULL, NULL);
    fx_require(&fx, "x");
    gl_solution *sol = NULL;
    char *got = fx_solve_sol(&fx, &sol);
    CU_ASSERT_FATAL(sol && sol->npins == 1 && sol->pins[0].nfiles == 3);
    CU_ASSERT_STRING_EQUAL(sol->pins[0].files[0].filename, "x-1.0-cp311-cp311-manylinux_2_17_x86_64.whl");
    CU_ASSERT_STRING_EQUAL(sol->pins[0].files[1].filename, "x-1.0-py3-none-any.whl");
    CU_ASSERT_STRING_EQUAL(sol->pins[0].files[2].filename, "x-1.0.tar.gz");
    free(got);
    gl_solution_free(sol);
    fx_free(&fx);
}

static void test_sdist_only_allowed_after_wheels(void)
{
    fixture fx;
    fx_init(&fx);
    fx_file(&fx, "x", "x-2.0.tar.gz");
    fx_meta(&fx, "x", "2.0", NULL, NULL, NULL);
    fx_wheel(&fx, "x", "1.0");
    fx_meta(&fx, "x", "1.0", NULL, NULL, NULL);
    fx_require(&fx, "x");
    ASSERT_SOLUTION(&fx, "x==2.0");
    gl_pool_options opt = GL_POOL_OPTIONS_DEFAULT;
    opt.allow_sdist = false;
    gl_request_set_options(fx.req, &opt);
    ASSERT_SOLUTION(&fx, "x==1.0");
    fx_free(&fx);
}

static void test_requires_python(void)
{
    fixture fx;
    fx_init(&fx);
    fx_wheel(&fx, "x", "2.0");
    fx_meta(&fx, "x", "2.0", ">=3.12", NULL, NULL);
    fx_file_full(&fx, "x", "x-1.5-py3-none-any.whl", ">=3.12", NULL, "https://pypi.example/simple", 1);
    fx_meta(&fx, "x", "1.5", NULL, NULL, NULL);
    fx_release(&fx, "x", "1.0", NULL);
    fx_require(&fx, "x");
    ASSERT_SOLUTION(&fx, "x==1.0");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "x>=2");
    ASSERT_UNSAT_CONTAINS(&fx, "x 2.0 requires Python >=3.12 (the target has Python 3.11)");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "x==1.5");
    ASSERT_UNSAT_CONTAINS(&fx, "x 1.5 requires Python >=3.12 (the target has Python 3.11)");
    fx_free(&fx);
}

static void test_yanked_only_with_exact_pins(void)
{
    fixture fx;
    fx_init(&fx);
    fx_file_full(&fx, "x", "x-2.0-py3-none-any.whl", NULL, "broken build", "https://pypi.example/simple", 1);
    fx_meta(&fx, "x", "2.0", NULL, NULL, NULL);
    fx_release(&fx, "x", "1.0", NULL);
    fx_require(&fx, "x");
    ASSERT_SOLUTION(&fx, "x==1.0");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "x==2.0");
    ASSERT_SOLUTION(&fx, "x==2.0");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "x>=2.0");
    ASSERT_UNSAT_CONTAINS(&fx, "all files of x 2.0 are yanked: broken build");
    fx_free(&fx);
}

static void test_prereleases(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "x", "1.0", NULL);
    fx_release(&fx, "x", "2.0b1", NULL);
    fx_release(&fx, "y", "3.0rc1", NULL);
    fx_require(&fx, "x");
    fx_require(&fx, "y");
    /* x has a final release; y has none, so its pre-release is taken (packaging's filter) */
    ASSERT_SOLUTION(&fx, "x==1.0 y==3.0rc1");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "x>=2.0b1");
    ASSERT_SOLUTION(&fx, "x==2.0b1");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "x>1.5");
    ASSERT_SOLUTION(&fx, "x==2.0b1");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "x");
    gl_pool_options opt = GL_POOL_OPTIONS_DEFAULT;
    opt.allow_pre = true;
    gl_request_set_options(fx.req, &opt);
    ASSERT_SOLUTION(&fx, "x==2.0b1");
    fx_free(&fx);
}

static void test_direct_url(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "foo", "2.0", NULL);
    gl_pool_file f = {"foo", "foo-1.5-py3-none-any.whl", "https://example.org/dl/foo-1.5-py3-none-any.whl",
                      NULL, NULL, false, NULL, NULL, NULL, 0};
    gl_error err;
    CU_ASSERT_FATAL(gl_pool_add_direct_file(fx.pool, &f, &err));
    fx_meta(&fx, "foo", "1.5", NULL, "bar", NULL);
    fx_release(&fx, "bar", "1.0", NULL);
    fx_require(&fx, "foo @ https://example.org/dl/foo-1.5-py3-none-any.whl");
    gl_solution *sol = NULL;
    char *got = fx_solve_sol(&fx, &sol);
    CU_ASSERT_STRING_EQUAL(got ? got : "", "bar==1.0 foo==1.5");
    const gl_pin *pin = gl_solution_find(sol, "foo");
    CU_ASSERT_FATAL(pin != NULL);
    CU_ASSERT_STRING_EQUAL(pin->direct_url ? pin->direct_url : "", "https://example.org/dl/foo-1.5-py3-none-any.whl");
    CU_ASSERT_EQUAL(pin->nfiles, 1);
    CU_ASSERT_PTR_NULL(pin->files[0].sha256); /* never invented */
    free(got);
    gl_solution_free(sol);
    fx_free(&fx);

    /* metadata known before the direct file arrives (as when the wheel's METADATA was read first) */
    fx_init(&fx);
    fx_meta(&fx, "foo", "1.5", NULL, "bar<2", NULL);
    CU_ASSERT_FATAL(gl_pool_add_direct_file(fx.pool, &f, &err));
    fx_release(&fx, "bar", "1.0", NULL);
    fx_release(&fx, "bar", "2.0", NULL);
    fx_require(&fx, "foo @ https://example.org/dl/foo-1.5-py3-none-any.whl");
    ASSERT_SOLUTION(&fx, "bar==1.0 foo==1.5");
    fx_free(&fx);
}

static void test_preferred_pins(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "a", "1.0", "b");
    fx_release(&fx, "a", "1.1", "b");
    fx_release(&fx, "b", "1.0", NULL);
    fx_release(&fx, "b", "2.0", NULL);
    fx_require(&fx, "a");
    gl_error err;
    CU_ASSERT(gl_request_prefer(fx.req, "a", "1.0", &err));
    CU_ASSERT(gl_request_prefer(fx.req, "B", "1.0", &err));
    ASSERT_SOLUTION(&fx, "a==1.0 b==1.0");
    CU_ASSERT(gl_request_upgrade(fx.req, "b", &err));
    ASSERT_SOLUTION(&fx, "a==1.0 b==2.0");
    gl_request_upgrade_all(fx.req, true);
    ASSERT_SOLUTION(&fx, "a==1.1 b==2.0");
    fx_free(&fx);

    /* a preference that no longer fits yields */
    fx_init(&fx);
    fx_release(&fx, "a", "1.0", NULL);
    fx_release(&fx, "a", "1.1", NULL);
    fx_require(&fx, "a>=1.1");
    CU_ASSERT(gl_request_prefer(fx.req, "a", "1.0", &err));
    ASSERT_SOLUTION(&fx, "a==1.1");
    fx_free(&fx);
}

static void test_constraints(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "a", "1.0", "b");
    fx_release(&fx, "b", "1.0", NULL);
    fx_release(&fx, "b", "2.0", NULL);
    fx_release(&fx, "c", "1.0", NULL);
    fx_require(&fx, "a");
    gl_error err;
    CU_ASSERT(gl_request_constrain(fx.req, "b<2", "-c constraints.txt", &err));
    CU_ASSERT(gl_request_constrain(fx.req, "c==1.0", "-c constraints.txt", &err));
    ASSERT_SOLUTION(&fx, "a==1.0 b==1.0");
    CU_ASSERT(gl_request_constrain(fx.req, "b>1", "-c more.txt", &err));
    ASSERT_UNSAT_CONTAINS(&fx, "b 2.0 is excluded by the constraint b<2 (-c constraints.txt)");
    fx_free(&fx);
}

static void assert_plain_words(const char *text)
{
    const char *banned[] = {"solvable", "job", "rule", "namespace", "libsolv"};
    for (size_t i = 0; i < sizeof banned / sizeof *banned; i++) {
        if (strstr(text, banned[i]))
            fprintf(stderr, "\nexplanation uses '%s':\n%s\n", banned[i], text);
        CU_ASSERT_PTR_NULL(strstr(text, banned[i]));
    }
}

static void test_explain_dependency_against_input(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "trl", "0.21.0", "transformers>=4.55.0|accelerate");
    fx_release(&fx, "accelerate", "1.0.0", NULL);
    fx_release(&fx, "transformers", "4.51.3", NULL);
    fx_release(&fx, "transformers", "4.55.0", NULL);
    fx_require(&fx, "trl==0.21.0");
    fx_require(&fx, "transformers==4.51.3");
    ASSERT_UNSAT_CONTAINS(&fx, "trl 0.21.0 requires transformers>=4.55.0, but the input pins "
                               "transformers==4.51.3 (from -r requirements.in)");
    ASSERT_UNSAT_CONTAINS(&fx, "drop the requirement trl==0.21.0 (from -r requirements.in)");
    ASSERT_UNSAT_CONTAINS(&fx, "drop the requirement transformers==4.51.3 (from -r requirements.in)");
    assert_plain_words(fx.explanation ? fx.explanation : "");
    CU_ASSERT_PTR_NOT_NULL(strstr(fx.err.message, "trl 0.21.0 requires transformers>=4.55.0"));
    fx_free(&fx);
}

static void test_explain_two_dependencies(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "foo", "1.0", "bar>=2");
    fx_release(&fx, "baz", "1.0", "bar<2");
    fx_release(&fx, "bar", "1.0", NULL);
    fx_release(&fx, "bar", "2.0", NULL);
    fx_require(&fx, "foo");
    fx_require(&fx, "baz");
    char *got = fx_solve(&fx);
    CU_ASSERT_PTR_NULL(got);
    const char *ex = fx.explanation ? fx.explanation : "";
    bool one = strstr(ex, "foo 1.0 requires bar>=2, but baz 1.0 requires bar<2") != NULL;
    bool other = strstr(ex, "baz 1.0 requires bar<2, but foo 1.0 requires bar>=2") != NULL;
    if (!one && !other)
        fprintf(stderr, "\nexplanation:\n%s\n", ex);
    CU_ASSERT_TRUE(one || other);
    assert_plain_words(ex);
    free(got);
    fx_free(&fx);
}

static void test_explain_contradicting_inputs(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "gamma", "1.0", NULL);
    fx_release(&fx, "gamma", "2.0", NULL);
    fx_require(&fx, "gamma<2");
    fx_require(&fx, "gamma>=2");
    char *got = fx_solve(&fx);
    CU_ASSERT_PTR_NULL(got);
    const char *ex = fx.explanation ? fx.explanation : "";
    bool one = strstr(ex, "the input requires gamma<2 (from -r requirements.in), but it also requires "
                          "gamma>=2 (from -r requirements.in)") != NULL;
    bool other = strstr(ex, "the input requires gamma>=2 (from -r requirements.in), but it also requires "
                            "gamma<2 (from -r requirements.in)") != NULL;
    if (!one && !other)
        fprintf(stderr, "\nexplanation:\n%s\n", ex);
    CU_ASSERT_TRUE(one || other);
    CU_ASSERT_PTR_NULL(strstr(ex, "a requirement cannot be satisfied"));
    free(got);
    fx_free(&fx);
}

static void test_explain_self_referencing_extra_is_no_clash(void)
{
    fixture fx;
    fx_init(&fx);
    fx_wheel(&fx, "selfx", "1.0");
    fx_meta(&fx, "selfx", "1.0", NULL, "selfx[a]; extra == \"all\"|beta<1.5; extra == \"a\"", "a|all");
    fx_release(&fx, "beta", "1.0", NULL);
    fx_release(&fx, "beta", "1.5", NULL);
    fx_release(&fx, "outer", "1.0", "selfx[all]>=1.0");
    fx_require(&fx, "outer");
    fx_require(&fx, "beta>=1.5");
    ASSERT_UNSAT_CONTAINS(&fx, "selfx[a] 1.0 requires beta<1.5, but the input requires beta>=1.5 "
                               "(from -r requirements.in)");
    /* the chain that leads there is listed, not set against itself */
    ASSERT_UNSAT_CONTAINS(&fx, "  - selfx[all] 1.0 requires selfx[a]\n");
    ASSERT_UNSAT_CONTAINS(&fx, "  - outer 1.0 requires selfx[all]>=1.0\n");
    fx_free(&fx);
}

static void test_explain_merges_versions(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "trl", "0.19.0", "transformers>=4.55.0");
    fx_release(&fx, "trl", "0.20.0", "transformers>=4.55.0");
    fx_release(&fx, "transformers", "4.51.3", NULL);
    fx_release(&fx, "transformers", "4.55.0", NULL);
    fx_require(&fx, "trl>=0.19");
    fx_require(&fx, "transformers<4.52");
    ASSERT_UNSAT_CONTAINS(&fx, "trl 0.20.0 and 0.19.0 require transformers>=4.55.0, but the input "
                               "requires transformers<4.52 (from -r requirements.in)");
    fx_free(&fx);
}

static void test_explain_missing_metadata_and_project(void)
{
    fixture fx;
    fx_init(&fx);
    fx_wheel(&fx, "x", "1.2");
    gl_error err;
    CU_ASSERT(gl_pool_set_metadata_unavailable(fx.pool, "x", "1.2", "HTTP 404 for x-1.2.whl.metadata", &err));
    fx_require(&fx, "x==1.2");
    ASSERT_UNSAT_CONTAINS(&fx, "metadata of x 1.2 unavailable: HTTP 404 for x-1.2.whl.metadata");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "nothere>=1");
    ASSERT_UNSAT_CONTAINS(&fx, "no version of nothere satisfies nothere>=1 (from -r requirements.in): "
                               "nothere is not listed by any index");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_release(&fx, "y", "1.0", NULL);
    fx_release(&fx, "y", "1.1", NULL);
    fx_require(&fx, "y>=3");
    ASSERT_UNSAT_CONTAINS(&fx, "no release of y matches y>=3; the releases are 1.0, 1.1");
    fx_free(&fx);
}

static void test_via_and_why(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "a", "1.0", "b>=1");
    fx_release(&fx, "b", "1.0", "c<2");
    fx_release(&fx, "c", "1.0", NULL);
    fx_require(&fx, "a");
    gl_error err;
    CU_ASSERT(gl_request_require(fx.req, "c", "command line", &err));
    gl_solution *sol = NULL;
    char *got = fx_solve_sol(&fx, &sol);
    CU_ASSERT_STRING_EQUAL(got ? got : "", "a==1.0 b==1.0 c==1.0");
    CU_ASSERT_FATAL(sol != NULL);
    const gl_pin *c = gl_solution_find(sol, "c");
    CU_ASSERT_FATAL(c && c->nvia == 2);
    CU_ASSERT_STRING_EQUAL(c->via[0].source, "command line");
    CU_ASSERT_STRING_EQUAL(c->via[0].requirement, "c");
    CU_ASSERT_PTR_NULL(c->via[1].source);
    CU_ASSERT_STRING_EQUAL(sol->pins[c->via[1].pin].name, "b");
    CU_ASSERT_STRING_EQUAL(c->via[1].requirement, "c<2");

    gl_why why;
    CU_ASSERT_FATAL(gl_solution_why(sol, "C", &why, &err));
    CU_ASSERT_FATAL(why.count == 2);
    CU_ASSERT_STRING_EQUAL(why.chains[0].source, "command line");
    CU_ASSERT_EQUAL(why.chains[0].length, 1);
    CU_ASSERT_EQUAL(why.chains[1].length, 3);
    CU_ASSERT_STRING_EQUAL(why.chains[1].source, "-r requirements.in");
    CU_ASSERT_STRING_EQUAL(sol->pins[why.chains[1].pins[0]].name, "a");
    CU_ASSERT_STRING_EQUAL(why.chains[1].requirements[0], "a");
    CU_ASSERT_STRING_EQUAL(sol->pins[why.chains[1].pins[1]].name, "b");
    CU_ASSERT_STRING_EQUAL(why.chains[1].requirements[1], "b>=1");
    CU_ASSERT_STRING_EQUAL(sol->pins[why.chains[1].pins[2]].name, "c");
    CU_ASSERT_STRING_EQUAL(why.chains[1].requirements[2], "c<2");
    gl_why_free(&why);
    CU_ASSERT_FALSE(gl_solution_why(sol, "zzz", &why, &err));
    CU_ASSERT_EQUAL(err.code, GL_ENOTFOUND);
    free(got);
    gl_solution_free(sol);
    fx_free(&fx);
}

static void test_via_through_extras(void)
{
    fixture fx;
    fx_init(&fx);
    fx_wheel(&fx, "unsloth", "2025.3.1");
    fx_meta(&fx, "unsloth", "2025.3.1", NULL,
            "unsloth[huggingface]; extra == \"colab\"|transformers>=4.40; extra == \"huggingface\"",
            "colab|huggingface");
    fx_release(&fx, "transformers", "4.44.0", NULL);
    fx_require(&fx, "unsloth[colab]");
    gl_solution *sol = NULL;
    char *got = fx_solve_sol(&fx, &sol);
    CU_ASSERT_STRING_EQUAL(got ? got : "", "transformers==4.44.0 unsloth[colab,huggingface]==2025.3.1");
    CU_ASSERT_FATAL(sol != NULL);
    const gl_pin *u = gl_solution_find(sol, "unsloth");
    const gl_pin *t = gl_solution_find(sol, "transformers");
    CU_ASSERT_FATAL(u && t);
    /* unsloth is there because of the input only: its extras' link to itself is no "via" */
    CU_ASSERT_EQUAL(u->nvia, 1);
    CU_ASSERT_STRING_EQUAL(u->via[0].source, "-r requirements.in");
    CU_ASSERT_STRING_EQUAL(u->via[0].requirement, "unsloth[colab]");
    CU_ASSERT_EQUAL(t->nvia, 1);
    CU_ASSERT_PTR_NULL(t->via[0].source);
    CU_ASSERT_STRING_EQUAL(sol->pins[t->via[0].pin].name, "unsloth");
    CU_ASSERT_STRING_EQUAL(t->via[0].requirement, "transformers>=4.40");
    gl_why why;
    gl_error err;
    CU_ASSERT_FATAL(gl_solution_why(sol, "transformers", &why, &err));
    CU_ASSERT_FATAL(why.count == 1 && why.chains[0].length == 2);
    CU_ASSERT_STRING_EQUAL(why.chains[0].requirements[0], "unsloth[colab]");
    CU_ASSERT_STRING_EQUAL(why.chains[0].requirements[1], "transformers>=4.40");
    gl_why_free(&why);
    free(got);
    gl_solution_free(sol);
    fx_free(&fx);
}

static void test_first_index_only(void)
{
    fixture fx;
    fx_init(&fx);
    fx_file_full(&fx, "torch", "torch-2.9.0+cu128-cp311-cp311-manylinux_2_28_x86_64.whl", NULL, NULL,
                 "https://download.pytorch.example/whl/cu128", 0);
    fx_meta(&fx, "torch", "2.9.0+cu128", NULL, NULL, NULL);
    fx_file_full(&fx, "torch", "torch-2.10.0-cp311-cp311-manylinux_2_28_x86_64.whl", NULL, NULL,
                 "https://pypi.example/simple", 1);
    fx_meta(&fx, "torch", "2.10.0", NULL, NULL, NULL);
    fx_require(&fx, "torch");
    /* by default whatever the crawl fed is merged */
    ASSERT_SOLUTION(&fx, "torch==2.10.0");
    gl_pool_options opt = GL_POOL_OPTIONS_DEFAULT;
    opt.first_index_only = true;
    gl_request_set_options(fx.req, &opt);
    ASSERT_SOLUTION(&fx, "torch==2.9.0+cu128");
    fx_free(&fx);
}

static void test_many_versions_widen_the_window(void)
{
    /* 300 releases; only the oldest installs (the others need a c>=2 nobody has): the first,
       narrow windows fail and the solver must widen until it sees release 1 */
    fixture fx;
    fx_init(&fx);
    char version[16];
    for (int v = 1; v <= 300; v++) {
        snprintf(version, sizeof version, "%d.0", v);
        fx_release(&fx, "a", version, v == 1 ? NULL : "c>=2");
    }
    fx_release(&fx, "c", "1.0", NULL);
    fx_require(&fx, "a");
    ASSERT_SOLUTION(&fx, "a==1.0");
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "a>=2");
    ASSERT_UNSAT_CONTAINS(&fx, "require c>=2, but no version of c satisfies it");
    fx_free(&fx);
}

static void test_bad_input(void)
{
    fixture fx;
    fx_init(&fx);
    gl_error err;
    CU_ASSERT_FALSE(gl_request_require(fx.req, "torch>=", "-r requirements.in", &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "-r requirements.in"));
    fx_release(&fx, "x", "1.0", "this is not a requirement");
    fx_require(&fx, "x");
    ASSERT_UNSAT_CONTAINS(&fx, "metadata of x 1.0 is invalid");
    fx_free(&fx);
}

int main(void)
{
    CU_initialize_registry();
    CU_pSuite s = CU_add_suite("solver", NULL, NULL);
    CU_add_test(s, "newest versions and their dependencies", test_newest_and_dependencies);
    CU_add_test(s, "pep440 order and post releases", test_pep440_order_and_post_releases);
    CU_add_test(s, "local versions", test_local_versions);
    CU_add_test(s, "specifiers", test_specifiers);
    CU_add_test(s, "extras nested and self referencing", test_extras_nested_and_self_referencing);
    CU_add_test(s, "extra pins the same version", test_extra_pins_the_same_version);
    CU_add_test(s, "undeclared extra warns", test_undeclared_extra_warns);
    CU_add_test(s, "markers", test_markers);
    CU_add_test(s, "wheel compatibility", test_wheel_compatibility);
    CU_add_test(s, "best file first", test_best_file_first);
    CU_add_test(s, "sdist only allowed after wheels", test_sdist_only_allowed_after_wheels);
    CU_add_test(s, "requires python", test_requires_python);
    CU_add_test(s, "yanked only with exact pins", test_yanked_only_with_exact_pins);
    CU_add_test(s, "prereleases", test_prereleases);
    CU_add_test(s, "direct url", test_direct_url);
    CU_add_test(s, "preferred pins", test_preferred_pins);
    CU_add_test(s, "constraints", test_constraints);
    CU_add_test(s, "explain dependency against input", test_explain_dependency_against_input);
    CU_add_test(s, "explain two dependencies", test_explain_two_dependencies);
    CU_add_test(s, "explain contradicting inputs", test_explain_contradicting_inputs);
    CU_add_test(s, "explain self referencing extra is no clash", test_explain_self_referencing_extra_is_no_clash);
    CU_add_test(s, "explain merges versions", test_explain_merges_versions);
    CU_add_test(s, "explain missing metadata and project", test_explain_missing_metadata_and_project);
    CU_add_test(s, "via and why", test_via_and_why);
    CU_add_test(s, "via through extras", test_via_through_extras);
    CU_add_test(s, "first index only", test_first_index_only);
    CU_add_test(s, "many versions widen the window", test_many_versions_widen_the_window);
    CU_add_test(s, "bad input", test_bad_input);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
