/* bench_snapshot.c — how long loading the embedded snapshot into a pool takes: cold (reading
 * and parsing every page and metadata file, then writing the .solv cache) and warm (the .solv
 * cache). Prints one line per phase next to its bar. usage: bench_snapshot [SNAPSHOT_DIR] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crawl.h"
#include "snapshot.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Best of `runs` loads through cache_dir; "" = no cache (a cold parse every time). */
static double time_load(const char *dir, const char *cache_dir, int runs, size_t *releases)
{
    double best = 1e30;
    for (int i = 0; i < runs; i++) {
        gl_pool *pool = NULL;
        gl_error err;
        double start = now_ms();
        if (!gl_snapshot_load_into_pool(dir, cache_dir, NULL, 0, &pool, &err)) {
            fprintf(stderr, "bench_snapshot: %s\n", err.message);
            exit(1);
        }
        double t = now_ms() - start;
        *releases = gl_pool_release_count(pool);
        gl_pool_free(pool);
        if (t < best)
            best = t;
    }
    return best;
}

int main(int argc, char **argv)
{
    gl_error err;
    char *dir = argc > 1 ? strdup(argv[1]) : gl_snapshot_default_dir(&err);
    if (!dir) {
        fprintf(stderr, "bench_snapshot: %s\n", err.message);
        return 1;
    }
    char cache[] = "/tmp/gpulock-bench-snapshot-XXXXXX";
    if (!mkdtemp(cache)) {
        perror("bench_snapshot: mkdtemp");
        return 1;
    }
    size_t releases = 0;
    double digest_start = now_ms();
    char sha[65];
    if (!gl_snapshot_manifest_digest(dir, sha, &err)) {
        fprintf(stderr, "bench_snapshot: %s\n", err.message);
        return 1;
    }
    double digest = now_ms() - digest_start;
    double cold = time_load(dir, "", 3, &releases);
    time_load(dir, cache, 1, &releases); /* writes the .solv */
    double warm = time_load(dir, cache, 10, &releases);
    printf("snapshot load, cold (pages + metadata, %zu releases): %8.2f ms\n", releases, cold);
    printf("snapshot load, warm (.solv cache):                    %8.2f ms   (bar: <= 10 ms)\n", warm);
    char memo_dir[sizeof cache + 8];
    snprintf(memo_dir, sizeof memo_dir, "%s/solv", cache);
    double memo_start = now_ms();
    if (!gl_snapshot_manifest_digest_memo(dir, memo_dir, sha, &err)) {
        fprintf(stderr, "bench_snapshot: %s\n", err.message);
        return 1;
    }
    double memo = now_ms() - memo_start;
    printf("  the manifest digest (cache key), hashed:            %8.2f ms\n", digest);
    printf("  the manifest digest, remembered (what a warm load does): %.2f ms\n", memo);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_snapshot: could not remove %s\n", cache);
    free(dir);
    return warm <= 10.0 ? 0 : 1;
}
