/* bench_pool.c — the pool and solver at scale, on a synthetic catalog: 5 000 projects of 20
 * versions (100 000 candidates), each release requiring 3 to 8 lower-numbered projects with
 * version ranges. Prints build time, solve time (target preparation included) and peak memory
 * next to their bars, plus a warm .solv load of a snapshot-sized catalog. The requirement
 * mix: bare names, ">=", ">=,<" windows, "~=", and markers true and false on the target.
 * usage: bench_pool [PROJECTS [VERSIONS]] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "marker.h"
#include "pool.h"
#include "solver.h"
#include "tags.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this process: the bars hold on a busy machine too. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static uint64_t next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *state = x;
}

static void die(const char *what, const gl_error *err)
{
    fprintf(stderr, "bench_pool: %s: %s\n", what, err->message);
    exit(1);
}

/* One dependency of a project, stable across its versions except for a lower bound that
 * rises every few releases, as real projects' requirements do. */
typedef struct dep_shape {
    int target, kind, lo, width, step;
    int ceiling; /* the bound never rises above this major: keeps the catalog satisfiable */
} dep_shape;

/* Release v (1-based) of every project is "M.m": four minor releases per major. */
static int major_of(int v)
{
    return 1 + (v - 1) / 4;
}

static void dep_text(char *buf, size_t size, const dep_shape *d, int version)
{
    int lo = d->lo + (d->step ? version / d->step : 0);
    if (lo > d->ceiling)
        lo = d->ceiling;
    switch (d->kind) {
    case 0:
        snprintf(buf, size, "proj%04d", d->target);
        break;
    case 1:
        snprintf(buf, size, "proj%04d>=%d.0,<%d", d->target, lo, d->ceiling + d->width);
        break;
    case 2:
        snprintf(buf, size, "proj%04d~=%d.0", d->target, d->ceiling);
        break;
    case 3:
        snprintf(buf, size, "proj%04d>=%d; python_version >= \"3.8\"", d->target, lo);
        break;
    case 4:
        snprintf(buf, size, "proj%04d; sys_platform == \"win32\"", d->target);
        break;
    default:
        snprintf(buf, size, "proj%04d>=%d.0", d->target, lo);
    }
}

/* Adds `projects` x `versions` releases, one wheel each (plus an sdist every fourth project);
 * dependencies point at lower-numbered projects. A hidden choice of one release per project
 * satisfies every range (each admits the chosen major), so a solution always exists, while
 * newer releases of the held-back projects clash and make the solver search. */
static void build(gl_pool *pool, int projects, int versions, uint64_t seed)
{
    uint64_t rng = seed;
    gl_error err;
    char name[32], version[16], filename[96], url[160], digest[65], reqbuf[8][80];
    const char *reqs[8];
    dep_shape shapes[8];
    int *hidden = malloc((size_t)projects * sizeof *hidden);
    if (!hidden) {
        fprintf(stderr, "bench_pool: out of memory\n");
        exit(1);
    }
    /* as in real ecosystems, most newest releases work together; a fifth of the projects are
       held back to an older major by somebody's upper bound */
    for (int p = 0; p < projects; p++)
        hidden[p] = next(&rng) % 5 ? versions
                                   : versions / 2 + 1 + (int)(next(&rng) % (uint64_t)(versions - versions / 2));
    for (int p = 0; p < projects; p++) {
        snprintf(name, sizeof name, "proj%04d", p);
        int ndeps = p == 0 ? 0 : 3 + (int)(next(&rng) % 6);
        for (int d = 0; d < ndeps; d++) {
            unsigned roll = (unsigned)(next(&rng) % 100);
            shapes[d].target = (int)(next(&rng) % (uint64_t)p);
            shapes[d].kind = roll < 25 ? 0 : roll < 33 ? 1 : roll < 35 ? 2 : roll < 45 ? 3 : roll < 50 ? 4 : 5;
            shapes[d].ceiling = major_of(hidden[shapes[d].target]);
            shapes[d].lo = 1 + (int)(next(&rng) % (uint64_t)shapes[d].ceiling);
            shapes[d].width = 1 + (int)(next(&rng) % 3);
            shapes[d].step = (int)(next(&rng) % 2) == 0 ? 0 : 10 + (int)(next(&rng) % 10);
        }
        for (int v = 1; v <= versions; v++) {
            snprintf(version, sizeof version, "%d.%d", major_of(v), (v - 1) % 4);
            snprintf(filename, sizeof filename, "%s-%s-py3-none-any.whl", name, version);
            snprintf(url, sizeof url, "https://bench.example/files/%s", filename);
            for (int i = 0; i < 64; i++)
                digest[i] = "0123456789abcdef"[next(&rng) & 15];
            digest[64] = '\0';
            gl_pool_file f = {name, filename, url, digest, ">=3.8", false, NULL,
                              "2025-01-01T00:00:00Z", "https://bench.example/simple", 0};
            if (!gl_pool_add_file(pool, &f, &err))
                die("adding a file", &err);
            if (p % 4 == 0) {
                snprintf(filename, sizeof filename, "%s-%s.tar.gz", name, version);
                snprintf(url, sizeof url, "https://bench.example/files/%s", filename);
                f.filename = filename;
                f.url = url;
                if (!gl_pool_add_file(pool, &f, &err))
                    die("adding an sdist", &err);
            }
            for (int d = 0; d < ndeps; d++) {
                dep_text(reqbuf[d], sizeof reqbuf[d], &shapes[d], v);
                reqs[d] = reqbuf[d];
            }
            gl_pool_metadata m = {name, version, ">=3.8", reqs, (size_t)ndeps, NULL, 0};
            if (!gl_pool_set_metadata(pool, &m, &err))
                die("setting metadata", &err);
        }
    }
    free(hidden);
}

static void set_env(void *ctx, const char *key, const char *value)
{
    gl_marker_env_set(ctx, key, value);
}

int main(int argc, char **argv)
{
    int projects = argc > 1 ? atoi(argv[1]) : 5000;
    int versions = argc > 2 ? atoi(argv[2]) : 20;
    if (projects < 2 || versions < 1) {
        fprintf(stderr, "usage: bench_pool [PROJECTS [VERSIONS]]\n");
        return 2;
    }
    gl_error err;
    gl_target target;
    if (!gl_target_init(&target, "3.11", "manylinux_2_35_x86_64", &err))
        die("target", &err);
    gl_marker_env *env = gl_marker_env_new();
    gl_target_marker_values(&target, set_env, env);

    double t0 = now_ms(), c0 = cpu_ms();
    gl_pool *pool = gl_pool_new(&err);
    if (!pool)
        die("pool", &err);
    build(pool, projects, versions, 0x9e3779b97f4a7c15ull);
    double t1 = now_ms(), c1 = cpu_ms();

    gl_request *req = gl_request_new();
    char top[32];
    for (int i = 0; i < 20; i++) {
        snprintf(top, sizeof top, "proj%04d", projects - 1 - i * (projects / 40));
        if (!gl_request_require(req, top, "bench", &err))
            die("request", &err);
    }
    char *explanation = NULL;
    gl_solution *sol = gl_solve(pool, &target, env, req, &explanation, &err);
    double t2 = now_ms(), c2 = cpu_ms();
    if (!sol) {
        fprintf(stderr, "bench_pool: no solution: %s\n", explanation ? explanation : err.message);
        return 1;
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    double peak_mb = (double)ru.ru_maxrss / 1024.0;
    double solve_ms = c2 - c1;
    printf("pool: %zu candidates (%d projects x %d versions), %zu files\n",
           gl_pool_release_count(pool), projects, versions, gl_pool_file_count(pool));
    printf("pool build: %.0f ms CPU (%.0f ms wall)\n", c1 - c0, t1 - t0);
    printf("pool solve: %.0f ms CPU (%.0f ms wall) for %zu pins (bar: < 1000 ms) %s\n", solve_ms,
           t2 - t1, sol->npins, solve_ms < 1000 ? "ok" : "OVER BAR");
    printf("pool peak memory: %.0f MB (bar: < 200 MB) %s\n", peak_mb, peak_mb < 200 ? "ok" : "OVER BAR");
    gl_solution_free(sol);
    gl_request_free(req);
    gl_pool_free(pool);

    /* warm load of a snapshot-sized catalog: ~180 projects, ~3 000 versions, ~9 000 files */
    char path[] = "/tmp/gpulock-bench-pool-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("bench_pool: mkstemp");
        return 1;
    }
    close(fd);
    gl_pool *snap = gl_pool_new(&err);
    build(snap, 180, 17, 42);
    if (!gl_pool_write_cache(snap, path, "bench", &err))
        die("writing the cache", &err);
    size_t files = gl_pool_file_count(snap);
    gl_pool_free(snap);
    double best = 1e30;
    for (int run = 0; run < 20; run++) {
        gl_pool *warm = gl_pool_new(&err);
        double a = cpu_ms();
        if (!gl_pool_load_cache(warm, path, "bench", &err))
            die("loading the cache", &err);
        double b = cpu_ms();
        if (b - a < best)
            best = b - a;
        gl_pool_free(warm);
    }
    remove(path);
    printf("pool warm .solv load: %.2f ms CPU for %zu files (bar: < 10 ms) %s\n", best, files,
           best < 10 ? "ok" : "OVER BAR");
    free(explanation);
    gl_marker_env_free(env);
    return 0;
}
