/* testserver.h — for unit tests that need HTTP: temp directories of fixtures and
 * tests/e2e/server.py started over them on a free loopback port (found through
 * $GPULOCK_SOURCE_ROOT), plus reading the server's per-path request counters. */
#ifndef GL_TESTSERVER_H
#define GL_TESTSERVER_H

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fetch.h"

typedef struct test_server {
    pid_t pid;
    int port;
    char base[64]; /* "http://127.0.0.1:PORT" ("https://" with TLS arguments) */
    char port_file[PATH_MAX];
} test_server;

static inline const char *test_source_root(void)
{
    const char *root = getenv("GPULOCK_SOURCE_ROOT");
    return root && *root ? root : ".";
}

static inline bool test_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, len, f) == len;
    return fclose(f) == 0 && ok;
}

/* Returns a malloc'd path of a fresh directory under $TMPDIR. */
static inline char *test_temp_dir(const char *tag)
{
    const char *tmp = getenv("TMPDIR");
    char *path = NULL;
    if (asprintf(&path, "%s/gpulock-%s-XXXXXX", tmp && *tmp ? tmp : "/tmp", tag) < 0)
        return NULL;
    if (!mkdtemp(path)) {
        free(path);
        return NULL;
    }
    return path;
}

static inline int test_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

static inline void test_remove_tree(const char *path)
{
    if (path)
        nftw(path, test_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static inline void test_sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Starts server.py over root with extra arguments (NULL-terminated, may be NULL); scratch is
 * a directory for the port file. */
static inline bool test_server_start_args(test_server *s, const char *root, const char *scratch,
                                          const char *const *extra)
{
    memset(s, 0, sizeof *s);
    snprintf(s->port_file, sizeof s->port_file, "%s/server-%d.port", scratch, (int)(extra ? 1 : 0));
    remove(s->port_file);
    char script[PATH_MAX];
    snprintf(script, sizeof script, "%s/tests/e2e/server.py", test_source_root());
    pid_t pid = fork();
    if (pid < 0)
        return false;
    if (pid == 0) {
        const char *argv[32] = {"python3", script, "--root", root, "--port", "0", "--port-file", s->port_file};
        int argc = 8;
        for (int i = 0; extra && extra[i] && argc < 31; i++)
            argv[argc++] = extra[i];
        argv[argc] = NULL;
        execvp("python3", (char *const *)argv);
        _exit(127);
    }
    s->pid = pid;
    for (int i = 0; i < 300; i++) {
        FILE *f = fopen(s->port_file, "r");
        if (f) {
            int port = 0;
            bool got = fscanf(f, "%d", &port) == 1 && port > 0;
            fclose(f);
            if (got) {
                s->port = port;
                bool tls = false;
                for (int i = 0; extra && extra[i]; i++)
                    tls = tls || !strcmp(extra[i], "--tls-cert");
                snprintf(s->base, sizeof s->base, "%s://127.0.0.1:%d", tls ? "https" : "http", port);
                return true;
            }
        }
        int status;
        if (waitpid(pid, &status, WNOHANG) == pid) {
            s->pid = 0;
            return false;
        }
        test_sleep_ms(50);
    }
    return false;
}

static inline bool test_server_start(test_server *s, const char *root, const char *scratch)
{
    return test_server_start_args(s, root, scratch, NULL);
}

static inline void test_server_stop(test_server *s)
{
    if (s->pid > 0) {
        kill(s->pid, SIGTERM);
        int status;
        waitpid(s->pid, &status, 0);
        s->pid = 0;
    }
}

/* "http://127.0.0.1:PORT" + path; malloc'd. */
static inline char *test_url(const test_server *s, const char *path)
{
    char *url = NULL;
    if (asprintf(&url, "%s%s", s->base, path) < 0)
        return NULL;
    return url;
}

/* The server's /__stats JSON, malloc'd ("" on failure). */
static inline char *test_server_stats(const test_server *s, gl_fetcher *f)
{
    char *url = test_url(s, "/__stats");
    gl_fetch_result res;
    gl_error err;
    bool ok = gl_fetch_url(f, url, &res, &err);
    free(url);
    char *text = strdup(ok ? gl_strbuf_cstr(&res.body) : "");
    gl_fetch_result_free(&res);
    return text;
}

/* How many requests the server saw for request path `path` (-1 when stats are unavailable).
 * The JSON is sorted, so "counts" comes before "last": the first match is the counter. */
static inline long test_server_count(const test_server *s, gl_fetcher *f, const char *path)
{
    char *stats = test_server_stats(s, f);
    if (!stats || !*stats) {
        free(stats);
        return -1;
    }
    char key[PATH_MAX + 8];
    snprintf(key, sizeof key, "\"%s\": ", path);
    const char *counts = strstr(stats, "\"counts\": {");
    const char *hit = counts ? strstr(counts, key) : NULL;
    long n = 0;
    if (hit && (unsigned char)hit[strlen(key)] - '0' < 10)
        n = strtol(hit + strlen(key), NULL, 10);
    free(stats);
    return n;
}

/* Whether the last request the server saw for `path` carried header `name` (as sent). */
static inline bool test_server_last_had_header(const test_server *s, gl_fetcher *f, const char *path,
                                               const char *name)
{
    char *stats = test_server_stats(s, f);
    char key[PATH_MAX + 8];
    snprintf(key, sizeof key, "\"%s\": {\"headers\": {", path);
    const char *last = stats ? strstr(stats, "\"last\": {") : NULL;
    const char *entry = last ? strstr(last, key) : NULL;
    bool found = false;
    if (entry) {
        const char *stop = strstr(entry, "}");
        char header[128];
        snprintf(header, sizeof header, "\"%s\": ", name);
        const char *hit = strstr(entry, header);
        found = hit && stop && hit < stop;
    }
    free(stats);
    return found;
}

#endif
