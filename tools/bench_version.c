/* bench_version.c — throughput of PEP 440 version parsing and comparison.
 * usage: bench_version [--min-seconds S] FILE   (FILE: one version a line)
 * Parses every line repeatedly for at least S seconds (default 1), then compares parsed
 * versions pairwise for as long, and prints "versions N", "invalid N", "parses_per_s X",
 * "compares_per_s X", one a line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "strbuf.h"
#include "version.h"

typedef struct line {
    const char *text;
    size_t len;
} line;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    gl_strbuf b = GL_STRBUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        gl_strbuf_append(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return gl_strbuf_detach(&b);
}

int main(int argc, char **argv)
{
    double min_seconds = 1.0;
    int i = 1;
    if (argc > 2 && !strcmp(argv[1], "--min-seconds")) {
        min_seconds = atof(argv[2]);
        i = 3;
    }
    if (argc - i != 1) {
        fprintf(stderr, "usage: bench_version [--min-seconds S] FILE\n");
        return 2;
    }
    size_t size;
    char *data = read_all(argv[i], &size);
    if (!data) {
        fprintf(stderr, "bench_version: cannot read %s\n", argv[i]);
        return 1;
    }
    size_t nlines = 0, cap = 1024;
    line *lines = malloc(cap * sizeof *lines);
    for (char *p = data, *end = data + size; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        if (n) {
            if (nlines == cap)
                lines = realloc(lines, (cap *= 2) * sizeof *lines);
            lines[nlines++] = (line){p, n};
        }
        p += n + 1;
    }
    gl_version *parsed = calloc(nlines ? nlines : 1, sizeof *parsed);
    size_t nparsed = 0, invalid = 0;
    for (size_t k = 0; k < nlines; k++) {
        if (gl_version_parse(&parsed[nparsed], lines[k].text, lines[k].len, NULL))
            nparsed++;
        else
            invalid++;
    }
    if (!nparsed) {
        fprintf(stderr, "bench_version: no valid version in %s\n", argv[i]);
        return 1;
    }

    /* Parse (and free) every line, as the index reader does for every file name. */
    size_t parses = 0;
    double start = now(), elapsed;
    do {
        for (size_t k = 0; k < nlines; k++) {
            gl_version v;
            gl_version_parse(&v, lines[k].text, lines[k].len, NULL);
            gl_version_free(&v);
        }
        parses += nlines;
    } while ((elapsed = now() - start) < min_seconds);
    double parses_per_s = (double)parses / elapsed;

    /* Compare each parsed version with others at a stride, as sorting candidates does. */
    size_t compares = 0;
    long sum = 0;
    start = now();
    size_t stride = 1;
    do {
        for (size_t k = 0; k < nparsed; k++)
            sum += gl_version_compare(&parsed[k], &parsed[(k + stride) % nparsed]);
        compares += nparsed;
        stride = stride % nparsed + 1;
    } while ((elapsed = now() - start) < min_seconds);
    double compares_per_s = (double)compares / elapsed;

    printf("versions %zu\n", nlines);
    printf("invalid %zu\n", invalid);
    printf("parses_per_s %.0f\n", parses_per_s);
    printf("compares_per_s %.0f\n", compares_per_s);
    printf("checksum %ld\n", sum);
    for (size_t k = 0; k < nparsed; k++)
        gl_version_free(&parsed[k]);
    free(parsed);
    free(lines);
    free(data);
    return 0;
}
