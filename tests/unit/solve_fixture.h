/* solve_fixture.h — small hand-made pools for the pool and solver unit tests: files and metadata
 * given in a line each, a Linux/CPython 3.11 target by default, and solutions printed as
 * "a==1.0 b[x]==2.0" so a test can compare one string. */
#ifndef GL_TEST_SOLVE_FIXTURE_H
#define GL_TEST_SOLVE_FIXTURE_H

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marker.h"
#include "pool.h"
#include "solver.h"
#include "strbuf.h"
#include "tags.h"

typedef struct fixture {
    gl_pool *pool;
    gl_target target;
    gl_marker_env *env;
    gl_request *req;
    char *explanation;
    gl_error err;
} fixture;

static void fx_env_set(void *ctx, const char *key, const char *value)
{
    gl_marker_env_set(ctx, key, value);
}

static void fx_target(fixture *fx, const char *python, const char *platform)
{
    gl_error err;
    CU_ASSERT_FATAL(gl_target_init(&fx->target, python, platform, &err));
    gl_marker_env_free(fx->env);
    fx->env = gl_marker_env_new();
    CU_ASSERT_FATAL(fx->env != NULL);
    gl_target_marker_values(&fx->target, fx_env_set, fx->env);
    gl_marker_env_set(fx->env, "platform_release", "");
    gl_marker_env_set(fx->env, "platform_version", "");
}

static void fx_init(fixture *fx)
{
    memset(fx, 0, sizeof *fx);
    fx->pool = gl_pool_new(&fx->err);
    CU_ASSERT_FATAL(fx->pool != NULL);
    fx->req = gl_request_new();
    CU_ASSERT_FATAL(fx->req != NULL);
    fx_target(fx, "3.11", "manylinux_2_35_x86_64");
}

static void fx_free(fixture *fx)
{
    gl_request_free(fx->req);
    gl_pool_free(fx->pool);
    gl_marker_env_free(fx->env);
    free(fx->explanation);
}

/* A digest that is plainly made up but well formed: the filename's bytes, hashed, repeated. */
static void fx_digest(const char *filename, char out[65])
{
    unsigned long h = 5381;
    for (const char *c = filename; *c; c++)
        h = h * 33 + (unsigned char)*c;
    for (int i = 0; i < 64; i++)
        out[i] = "0123456789abcdef"[(h >> ((i % 16) * 4)) & 15];
    out[64] = '\0';
}

/* A file on the default index; rp (Requires-Python) and yanked_reason may be NULL. */
static void fx_file_full(fixture *fx, const char *project, const char *filename, const char *rp,
                         const char *yanked_reason, const char *index, int priority)
{
    char url[512], digest[65];
    snprintf(url, sizeof url, "%s/%s", index, filename);
    fx_digest(filename, digest);
    gl_pool_file f = {project, filename, url, digest, rp, yanked_reason != NULL, yanked_reason,
                      "2025-01-01T00:00:00Z", index, priority};
    gl_error err;
    bool ok = gl_pool_add_file(fx->pool, &f, &err);
    if (!ok)
        fprintf(stderr, "add_file %s: %s\n", filename, err.message);
    CU_ASSERT_FATAL(ok);
}

static void fx_file(fixture *fx, const char *project, const char *filename)
{
    fx_file_full(fx, project, filename, NULL, NULL, "https://pypi.example/simple", 1);
}

/* A pure-Python wheel "name-version-py3-none-any.whl". */
static void fx_wheel(fixture *fx, const char *project, const char *version)
{
    char name[128], fn[256];
    snprintf(name, sizeof name, "%s", project);
    for (char *c = name; *c; c++)
        if (*c == '-' || *c == '.')
            *c = '_';
    snprintf(fn, sizeof fn, "%s-%s-py3-none-any.whl", name, version);
    fx_file(fx, project, fn);
}

/* Metadata: requires is "|"-separated Requires-Dist lines, extras "|"-separated too. */
static void fx_meta(fixture *fx, const char *project, const char *version, const char *rp,
                    const char *requires, const char *extras)
{
    char *rbuf = strdup(requires ? requires : ""), *ebuf = strdup(extras ? extras : "");
    const char *rlist[64], *elist[64];
    size_t nr = 0, ne = 0;
    for (char *t = strtok(rbuf, "|"); t && nr < 64; t = strtok(NULL, "|"))
        rlist[nr++] = t;
    for (char *t = strtok(ebuf, "|"); t && ne < 64; t = strtok(NULL, "|"))
        elist[ne++] = t;
    gl_pool_metadata m = {project, version, rp, rlist, nr, elist, ne};
    gl_error err;
    bool ok = gl_pool_set_metadata(fx->pool, &m, &err);
    if (!ok)
        fprintf(stderr, "set_metadata %s %s: %s\n", project, version, err.message);
    CU_ASSERT_FATAL(ok);
    free(rbuf);
    free(ebuf);
}

/* A release with a pure-Python wheel and metadata. */
static void fx_release(fixture *fx, const char *project, const char *version, const char *requires)
{
    fx_wheel(fx, project, version);
    fx_meta(fx, project, version, NULL, requires, NULL);
}

static void fx_require(fixture *fx, const char *text)
{
    gl_error err;
    CU_ASSERT_FATAL(gl_request_require(fx->req, text, "-r requirements.in", &err));
}

/* Solves; returns the pins as "a==1 b[x]==2" (malloc'd) or NULL with fx->err and explanation. */
static char *fx_solve_sol(fixture *fx, gl_solution **out)
{
    free(fx->explanation);
    fx->explanation = NULL;
    gl_error_clear(&fx->err);
    gl_solution *sol = gl_solve(fx->pool, &fx->target, fx->env, fx->req, &fx->explanation, &fx->err);
    if (!sol)
        return NULL;
    gl_strbuf b = GL_STRBUF_INIT;
    for (size_t i = 0; i < sol->npins; i++) {
        const gl_pin *p = &sol->pins[i];
        gl_strbuf_printf(&b, "%s%s", i ? " " : "", p->name);
        for (size_t e = 0; e < p->nextras; e++)
            gl_strbuf_printf(&b, "%s%s", e ? "," : "[", p->extras[e]);
        gl_strbuf_printf(&b, "%s==%s", p->nextras ? "]" : "", p->version);
    }
    if (out)
        *out = sol;
    else
        gl_solution_free(sol);
    return gl_strbuf_detach(&b);
}

static char *fx_solve(fixture *fx)
{
    return fx_solve_sol(fx, NULL);
}

#define ASSERT_SOLUTION(fx, expected)                                                           \
    do {                                                                                        \
        char *got_ = fx_solve(fx);                                                              \
        if (!got_ || strcmp(got_, expected))                                                    \
            fprintf(stderr, "\n%s:%d: expected '%s', got '%s' %s\n", __FILE__, __LINE__,       \
                    expected, got_ ? got_ : "(no solution)", got_ ? "" : (fx)->err.message);    \
        CU_ASSERT_STRING_EQUAL(got_ ? got_ : "(no solution)", expected);                        \
        free(got_);                                                                             \
    } while (0)

#define ASSERT_UNSAT_CONTAINS(fx, needle)                                                        \
    do {                                                                                        \
        char *got_ = fx_solve(fx);                                                              \
        CU_ASSERT_PTR_NULL(got_);                                                               \
        CU_ASSERT_EQUAL((fx)->err.code, GL_EUNSAT);                                             \
        const char *ex_ = (fx)->explanation ? (fx)->explanation : "";                            \
        if (!strstr(ex_, needle))                                                               \
            fprintf(stderr, "\n%s:%d: explanation lacks '%s':\n%s\n", __FILE__, __LINE__,       \
                    needle, ex_);                                                               \
        CU_ASSERT_PTR_NOT_NULL(strstr(ex_, needle));                                            \
        free(got_);                                                                             \
    } while (0)

#endif
