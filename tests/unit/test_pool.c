/* test_pool.c — the catalog and its target specialisation: PEP 440 order as libsolv sees it,
 * which releases become candidates and why not, lazy reach, input errors, and the .solv cache
 * round trip (write, load, same solution). */
#include <unistd.h>

#include <solv/pool.h>
#include <solv/evr.h>

#include "solve_fixture.h"

static bool prepare(fixture *fx, const char *root)
{
    const char *roots[] = {root};
    gl_pool_options opt = GL_POOL_OPTIONS_DEFAULT;
    return gl_pool_prepare(fx->pool, &fx->target, fx->env, &opt, roots, 1, NULL, 0, &fx->err);
}

/* libsolv's comparison of two candidates' evr: what its "newest" policy acts on. */
static int solv_order(fixture *fx, const char *project, const char *a, const char *b)
{
    Pool *s = gl_pool_solv(fx->pool);
    int pa = gl_pool_find_candidate(fx->pool, project, a, NULL);
    int pb = gl_pool_find_candidate(fx->pool, project, b, NULL);
    CU_ASSERT_FATAL(pa && pb);
    return pool_evrcmp(s, s->solvables[pa].evr, s->solvables[pb].evr, EVRCMP_COMPARE);
}

static void test_pep440_order_reaches_libsolv(void)
{
    const char *versions[] = {"1.0rc1", "1.0", "1.0.post1", "1.9", "1.10", "2.9.0", "2.9.0+cpu",
                              "2.9.0+cu128", "1!0.1", "1.0.dev3", "1.0a1"};
    fixture fx;
    fx_init(&fx);
    for (size_t i = 0; i < sizeof versions / sizeof *versions; i++)
        fx_release(&fx, "x", versions[i], NULL);
    CU_ASSERT_FATAL(prepare(&fx, "x"));
    CU_ASSERT(solv_order(&fx, "x", "1.0rc1", "1.0") < 0);
    CU_ASSERT(solv_order(&fx, "x", "1.0", "1.0.post1") < 0);
    CU_ASSERT(solv_order(&fx, "x", "1.0.dev3", "1.0a1") < 0);
    CU_ASSERT(solv_order(&fx, "x", "1.0a1", "1.0rc1") < 0);
    CU_ASSERT(solv_order(&fx, "x", "1.10", "1.9") > 0);
    CU_ASSERT(solv_order(&fx, "x", "2.9.0", "2.9.0+cpu") < 0);
    CU_ASSERT(solv_order(&fx, "x", "2.9.0+cpu", "2.9.0+cu128") < 0);
    CU_ASSERT(solv_order(&fx, "x", "1!0.1", "2.9.0+cu128") > 0);
    CU_ASSERT(solv_order(&fx, "x", "1.0", "1.0") == 0);
    /* an exact lookup tells local labels apart */
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "x", "2.9.0", NULL) !=
              gl_pool_find_candidate(fx.pool, "x", "2.9.0+cpu", NULL));
    CU_ASSERT_EQUAL(gl_pool_find_candidate(fx.pool, "x", "3.0", NULL), 0);
    fx_free(&fx);
}

static void test_candidate_details(void)
{
    fixture fx;
    fx_init(&fx);
    fx_file(&fx, "Typing_Extensions", "typing_extensions-4.12.2-py3-none-any.whl");
    fx_file(&fx, "Typing_Extensions", "typing_extensions-4.12.2.tar.gz");
    fx_meta(&fx, "typing-extensions", "4.12.2", ">=3.8", NULL, NULL);
    CU_ASSERT_EQUAL(gl_pool_release_count(fx.pool), 1);
    CU_ASSERT_EQUAL(gl_pool_file_count(fx.pool), 2);
    CU_ASSERT_FATAL(prepare(&fx, "typing.extensions"));
    int p = gl_pool_find_candidate(fx.pool, "TYPING-EXTENSIONS", "4.12.2", NULL);
    gl_candidate c;
    CU_ASSERT_FATAL(gl_pool_candidate(fx.pool, p, &c));
    CU_ASSERT_STRING_EQUAL(c.name, "typing-extensions");
    CU_ASSERT_STRING_EQUAL(c.display_name, "Typing_Extensions");
    CU_ASSERT_STRING_EQUAL(c.version, "4.12.2");
    CU_ASSERT_PTR_NULL(c.extra);
    CU_ASSERT_FATAL(c.nfiles == 2);
    CU_ASSERT_STRING_EQUAL(c.files[0].filename, "typing_extensions-4.12.2-py3-none-any.whl");
    CU_ASSERT_STRING_EQUAL(c.files[0].url, "https://pypi.example/simple/typing_extensions-4.12.2-py3-none-any.whl");
    char digest[65];
    fx_digest("typing_extensions-4.12.2-py3-none-any.whl", digest);
    CU_ASSERT_STRING_EQUAL(c.files[0].sha256, digest);
    CU_ASSERT_TRUE(c.files[1].compatible); /* the sdist, after the wheel */
    gl_strbuf b = GL_STRBUF_INIT;
    gl_pool_describe(fx.pool, p, &b);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "Typing_Extensions 4.12.2");
    gl_strbuf_free(&b);
    CU_ASSERT_STRING_EQUAL(gl_pool_target_description(fx.pool), "Python 3.11 on manylinux_2_35_x86_64");
    fx_free(&fx);
}

static void test_only_reachable_projects_are_prepared(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "a", "1.0", "b; python_version < \"3.0\"");
    fx_release(&fx, "b", "1.0", NULL);
    fx_release(&fx, "c", "1.0", NULL);
    CU_ASSERT_FATAL(prepare(&fx, "a"));
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "a", "1.0", NULL) != 0);
    /* b is needed only on Python 2, c by nobody: neither is looked at */
    CU_ASSERT_EQUAL(gl_pool_find_candidate(fx.pool, "b", "1.0", NULL), 0);
    CU_ASSERT_EQUAL(gl_pool_find_candidate(fx.pool, "c", "1.0", NULL), 0);
    fx_free(&fx);
}

/* Only releases some requirement selects are read and become candidates; an explanation still
 * gives the reason of every selected release that cannot be used. */
static void test_only_selected_releases_are_read(void)
{
    fixture fx;
    fx_init(&fx);
    fx_release(&fx, "a", "1.0", "b<2");
    fx_release(&fx, "b", "1.0", "old-only");
    fx_release(&fx, "b", "1.5", NULL);
    fx_release(&fx, "b", "2.0", "new-only");
    fx_release(&fx, "old-only", "1.0", NULL);
    fx_release(&fx, "new-only", "1.0", NULL);
    fx_wheel(&fx, "b", "1.2"); /* listed, but its metadata never fetched */
    CU_ASSERT_FATAL(prepare(&fx, "a"));
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "b", "1.0", NULL) != 0);
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "b", "1.5", NULL) != 0);
    CU_ASSERT_EQUAL(gl_pool_find_candidate(fx.pool, "b", "1.2", NULL), 0);
    /* b 2.0 is selected by nothing: not a candidate, and what only it needs is never reached */
    CU_ASSERT_EQUAL(gl_pool_find_candidate(fx.pool, "b", "2.0", NULL), 0);
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "old-only", "1.0", NULL) != 0);
    CU_ASSERT_EQUAL(gl_pool_find_candidate(fx.pool, "new-only", "1.0", NULL), 0);
    /* a requirement on b: its unusable release is named */
    Queue deps;
    queue_init(&deps);
    CU_ASSERT_TRUE(gl_pool_requirement_deps(fx.pool, "b<1.3,>1.1", &deps, &fx.err));
    CU_ASSERT_EQUAL_FATAL(deps.count, 1);
    gl_strbuf b = GL_STRBUF_INIT;
    gl_pool_explain_dep(fx.pool, deps.elements[0], &b);
    CU_ASSERT_PTR_NOT_NULL(strstr(gl_strbuf_cstr(&b), "metadata of b 1.2 unavailable"));
    gl_strbuf_free(&b);
    /* a requirement asked for after preparing selects, and so reads, b 2.0 and what it needs */
    queue_empty(&deps);
    CU_ASSERT_TRUE(gl_pool_requirement_deps(fx.pool, "b>=2", &deps, &fx.err));
    CU_ASSERT_EQUAL_FATAL(deps.count, 1);
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "b", "2.0", NULL) != 0);
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "new-only", "1.0", NULL) != 0);
    Pool *s = gl_pool_solv(fx.pool);
    CU_ASSERT_EQUAL(*pool_whatprovides_ptr(s, deps.elements[0]),
                    gl_pool_find_candidate(fx.pool, "b", "2.0", NULL));
    queue_free(&deps);
    fx_free(&fx);
}

static void test_extra_candidates(void)
{
    fixture fx;
    fx_init(&fx);
    fx_wheel(&fx, "a", "1.0");
    fx_meta(&fx, "a", "1.0", NULL, "b; extra == \"X-Y\"", "x_y");
    fx_release(&fx, "b", "1.0", NULL);
    CU_ASSERT_FATAL(prepare(&fx, "a[x.y]"));
    int p = gl_pool_find_candidate(fx.pool, "a", "1.0", "x-y");
    gl_candidate c;
    CU_ASSERT_FATAL(gl_pool_candidate(fx.pool, p, &c));
    CU_ASSERT_STRING_EQUAL(c.extra, "x-y");
    CU_ASSERT_TRUE(c.extra_declared);
    gl_strbuf b = GL_STRBUF_INIT;
    gl_pool_describe(fx.pool, p, &b);
    CU_ASSERT_STRING_EQUAL(gl_strbuf_cstr(&b), "a[x-y] 1.0");
    gl_strbuf_free(&b);
    CU_ASSERT(gl_pool_find_candidate(fx.pool, "b", "1.0", NULL) != 0);
    fx_free(&fx);
}

static void test_input_errors(void)
{
    fixture fx;
    fx_init(&fx);
    gl_error err;
    gl_pool_file bad_name = {"x", "x-1.0-py3-none-any.zip", "https://h/x.zip", NULL, NULL, false, NULL, NULL, "i", 0};
    CU_ASSERT_FALSE(gl_pool_add_file(fx.pool, &bad_name, &err));
    CU_ASSERT_EQUAL(err.code, GL_EINVAL);
    gl_pool_file other = {"x", "y-1.0-py3-none-any.whl", "https://h/y.whl", NULL, NULL, false, NULL, NULL, "i", 0};
    CU_ASSERT_FALSE(gl_pool_add_file(fx.pool, &other, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "y-1.0-py3-none-any.whl"));
    gl_pool_file digest = {"x", "x-1.0-py3-none-any.whl", "https://h/x.whl", "abc", NULL, false, NULL, NULL, "i", 0};
    CU_ASSERT_FALSE(gl_pool_add_file(fx.pool, &digest, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "invalid sha256 'abc'"));
    gl_pool_metadata meta = {"x", "not a version", NULL, NULL, 0, NULL, 0};
    CU_ASSERT_FALSE(gl_pool_set_metadata(fx.pool, &meta, &err));
    CU_ASSERT_PTR_NOT_NULL(strstr(err.message, "metadata of x"));
    CU_ASSERT_EQUAL(gl_pool_file_count(fx.pool), 0);
    /* the same URL twice is one file */
    fx_wheel(&fx, "x", "1.0");
    fx_wheel(&fx, "x", "1.0");
    CU_ASSERT_EQUAL(gl_pool_file_count(fx.pool), 1);
    fx_free(&fx);
}

static void build_catalog(fixture *fx)
{
    fx_release(fx, "a", "1.0", "b>=1|c; extra == \"more\"");
    fx_release(fx, "a", "2.0", "b>=2|c; extra == \"more\"");
    fx_release(fx, "b", "1.0", NULL);
    fx_release(fx, "b", "2.0", NULL);
    fx_file_full(fx, "b", "b-2.1-py3-none-any.whl", NULL, "bad", "https://pypi.example/simple", 1);
    fx_meta(fx, "b", "2.1", NULL, NULL, NULL);
    fx_release(fx, "c", "1.0", NULL);
    fx_file(fx, "d", "d-1.0-cp311-cp311-manylinux_2_17_x86_64.whl");
    fx_file(fx, "d", "d-1.0.tar.gz");
    CU_ASSERT_FATAL(gl_pool_set_metadata_unavailable(fx->pool, "d", "1.0", "HTTP 404", &fx->err));
}

static void test_solv_cache_round_trip(void)
{
    char path[] = "/tmp/gpulock-test-pool-XXXXXX";
    int fd = mkstemp(path);
    CU_ASSERT_FATAL(fd >= 0);
    close(fd);

    fixture fx;
    fx_init(&fx);
    build_catalog(&fx);
    fx_require(&fx, "a[more]");
    fx_require(&fx, "d");
    char *before = fx_solve(&fx);
    CU_ASSERT_PTR_NULL(before); /* d's metadata is unavailable */
    char *explained_before = strdup(fx.explanation ? fx.explanation : "");
    CU_ASSERT_PTR_NOT_NULL(strstr(explained_before, "metadata of d 1.0 unavailable: HTTP 404"));
    CU_ASSERT_FATAL(gl_pool_write_cache(fx.pool, path, "digest-1", &fx.err));
    gl_request_free(fx.req);
    fx.req = gl_request_new();
    fx_require(&fx, "a[more]");
    gl_solution *sol_before = NULL;
    before = fx_solve_sol(&fx, &sol_before);
    CU_ASSERT_STRING_EQUAL(before ? before : "", "a[more]==2.0 b==2.0 c==1.0");
    size_t releases = gl_pool_release_count(fx.pool), files = gl_pool_file_count(fx.pool);
    fx_free(&fx);

    fixture warm;
    fx_init(&warm);
    CU_ASSERT_FATAL(gl_pool_load_cache(warm.pool, path, "digest-1", &warm.err));
    CU_ASSERT_EQUAL(gl_pool_release_count(warm.pool), releases);
    CU_ASSERT_EQUAL(gl_pool_file_count(warm.pool), files);
    fx_require(&warm, "a[more]");
    gl_solution *sol_after = NULL;
    char *after = fx_solve_sol(&warm, &sol_after);
    CU_ASSERT_STRING_EQUAL(after ? after : "", before ? before : "");
    CU_ASSERT_FATAL(sol_before && sol_after && sol_before->npins == sol_after->npins);
    for (size_t i = 0; i < sol_before->npins; i++) {
        const gl_pin *x = &sol_before->pins[i], *y = &sol_after->pins[i];
        CU_ASSERT_STRING_EQUAL(x->display_name, y->display_name);
        CU_ASSERT_FATAL(x->nfiles == y->nfiles);
        for (size_t f = 0; f < x->nfiles; f++) {
            CU_ASSERT_STRING_EQUAL(x->files[f].url, y->files[f].url);
            CU_ASSERT_STRING_EQUAL(x->files[f].sha256, y->files[f].sha256);
            CU_ASSERT_EQUAL(x->files[f].yanked, y->files[f].yanked);
        }
        CU_ASSERT_EQUAL(x->nvia, y->nvia);
    }
    /* yanked files and unavailable metadata survive too */
    gl_request_free(warm.req);
    warm.req = gl_request_new();
    fx_require(&warm, "b>2.0");
    fx_require(&warm, "d");
    char *none = fx_solve(&warm);
    CU_ASSERT_PTR_NULL(none);
    CU_ASSERT_PTR_NOT_NULL(strstr(warm.explanation ? warm.explanation : "", "all files of b 2.1 are yanked: bad"));
    CU_ASSERT_PTR_NOT_NULL(strstr(warm.explanation ? warm.explanation : "", "metadata of d 1.0 unavailable: HTTP 404"));
    /* a direct file on top of a loaded cache */
    gl_pool_file f = {"e", "e-1.0-py3-none-any.whl", "https://example.org/e-1.0-py3-none-any.whl", NULL, NULL,
                      false, NULL, NULL, NULL, 0};
    CU_ASSERT_FATAL(gl_pool_add_direct_file(warm.pool, &f, &warm.err));
    fx_meta(&warm, "e", "1.0", NULL, "b<2", NULL);
    gl_request_free(warm.req);
    warm.req = gl_request_new();
    fx_require(&warm, "e @ https://example.org/e-1.0-py3-none-any.whl");
    ASSERT_SOLUTION(&warm, "b==1.0 e==1.0");
    /* a cache cannot be written from a pool extended after loading */
    CU_ASSERT_FALSE(gl_pool_write_cache(warm.pool, path, "digest-2", &warm.err));
    CU_ASSERT_FALSE(gl_pool_load_cache(warm.pool, path, "digest-1", &warm.err));
    CU_ASSERT_EQUAL(warm.err.code, GL_EINVAL);
    fx_free(&warm);

    fixture other;
    fx_init(&other);
    CU_ASSERT_FALSE(gl_pool_load_cache(other.pool, path, "digest-2", &other.err));
    CU_ASSERT_EQUAL(other.err.code, GL_ENOTFOUND);
    CU_ASSERT_FALSE(gl_pool_load_cache(other.pool, "/nonexistent/gpulock.solv", "digest-1", &other.err));
    CU_ASSERT_EQUAL(other.err.code, GL_ENOTFOUND);
    fx_free(&other);

    /* a damaged file is an error, not a crash */
    FILE *fp = fopen(path, "r+b");
    CU_ASSERT_FATAL(fp != NULL);
    fseek(fp, 60, SEEK_SET);
    fputs("garbage garbage garbage garbage", fp);
    fclose(fp);
    fixture broken;
    fx_init(&broken);
    CU_ASSERT_FALSE(gl_pool_load_cache(broken.pool, path, "digest-1", &broken.err));
    fx_free(&broken);

    remove(path);
    free(before);
    free(after);
    free(explained_before);
    gl_solution_free(sol_before);
    gl_solution_free(sol_after);
}

static void test_prepare_twice_for_two_targets(void)
{
    fixture fx;
    fx_init(&fx);
    fx_file(&fx, "x", "x-1.0-cp311-cp311-win_amd64.whl");
    fx_file(&fx, "x", "x-1.0-cp311-cp311-manylinux_2_17_x86_64.whl");
    fx_meta(&fx, "x", "1.0", NULL, "pywin; sys_platform == \"win32\"", NULL);
    fx_release(&fx, "pywin", "1.0", NULL);
    fx_require(&fx, "x");
    ASSERT_SOLUTION(&fx, "x==1.0");
    fx_target(&fx, "3.11", "win_amd64");
    gl_solution *sol = NULL;
    char *got = fx_solve_sol(&fx, &sol);
    CU_ASSERT_STRING_EQUAL(got ? got : "", "pywin==1.0 x==1.0");
    const gl_pin *x = gl_solution_find(sol, "x");
    CU_ASSERT_FATAL(x && x->nfiles == 2);
    CU_ASSERT_STRING_EQUAL(x->files[0].filename, "x-1.0-cp311-cp311-win_amd64.whl");
    free(got);
    gl_solution_free(sol);
    fx_free(&fx);
}

int main(void)
{
    CU_initialize_registry();
    CU_pSuite s = CU_add_suite("pool", NULL, NULL);
    CU_add_test(s, "PEP 440 order reaches libsolv", test_pep440_order_reaches_libsolv);
    CU_add_test(s, "candidate details", test_candidate_details);
    CU_add_test(s, "only reachable projects are prepared", test_only_reachable_projects_are_prepared);
    CU_add_test(s, "only selected releases are read", test_only_selected_releases_are_read);
    CU_add_test(s, "extra candidates", test_extra_candidates);
    CU_add_test(s, "input errors", test_input_errors);
    CU_add_test(s, ".solv cache round trip", test_solv_cache_round_trip);
    CU_add_test(s, "prepare twice for two targets", test_prepare_twice_for_two_targets);
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failed = CU_get_number_of_failures();
    CU_cleanup_registry();
    return failed ? 1 : 0;
}
