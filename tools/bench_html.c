/* bench_html.c — throughput of the PEP 503 page reader over a rendered mirror.
 * usage: bench_html [--min-seconds S] ROOT PAGE...   (PAGE paths relative to ROOT)
 * Parses every page repeatedly for at least S seconds of processor time (default 2) and prints
 * "pages N", "bytes N", "links N", "mb_per_s X", "pages_per_s X" (of the fastest round),
 * one a line; then "libxml2_mb_per_s X": libxml2's HTML parser alone over the same pages, set
 * up as the reader sets it up but with no callbacks, the ceiling of any reader built on it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "simple_index.h"
#include "strbuf.h"

typedef struct page_input {
    char *url;
    char *data;
    size_t len;
} page_input;

static char *read_file(const char *path, size_t *len)
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

/* Processor time, not wall time: the machine running benchmarks is often shared. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void ignore_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    (void)ctx, (void)name, (void)atts;
}

static void ignore_end(void *ctx, const xmlChar *name)
{
    (void)ctx, (void)name;
}

/* The parse the reader does, minus everything the reader adds (tags are still reported, to
 * callbacks that do nothing): keep the options and the encoding in step with
 * src/simple_index.c. */
static void parse_only(const page_input *page)
{
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(page->data, (int)page->len);
    if (!ctxt)
        return;
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    memset(ctxt->sax, 0, sizeof *ctxt->sax);
    ctxt->sax->startElement = ignore_start;
    ctxt->sax->endElement = ignore_end;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC);
    htmlParseDocument(ctxt);
    if (ctxt->myDoc)
        xmlFreeDoc(ctxt->myDoc);
    htmlFreeParserCtxt(ctxt);
}

int main(int argc, char **argv)
{
    double min_seconds = 2.0;
    int i = 1;
    if (argc > 2 && !strcmp(argv[1], "--min-seconds")) {
        min_seconds = atof(argv[2]);
        i = 3;
    }
    if (argc - i < 2) {
        fprintf(stderr, "usage: bench_html [--min-seconds S] ROOT PAGE...\n");
        return 2;
    }
    const char *root = argv[i++];
    size_t npages = (size_t)(argc - i);
    page_input *pages = calloc(npages, sizeof *pages);
    size_t total_bytes = 0, total_links = 0;
    for (size_t p = 0; p < npages; p++) {
        gl_strbuf path = GL_STRBUF_INIT, url = GL_STRBUF_INIT;
        const char *rel = argv[i + (int)p];
        gl_strbuf_printf(&path, "%s/%s", root, rel);
        /* Served as a directory URL, the way indexes link project pages. */
        const char *slash = strrchr(rel, '/');
        gl_strbuf_printf(&url, "https://index.invalid/%.*s", slash ? (int)(slash - rel + 1) : 0,
                         rel);
        pages[p].data = read_file(gl_strbuf_cstr(&path), &pages[p].len);
        if (!pages[p].data) {
            fprintf(stderr, "bench_html: cannot read %s\n", gl_strbuf_cstr(&path));
            return 1;
        }
        pages[p].url = gl_strbuf_detach(&url);
        gl_strbuf_free(&path);
        total_bytes += pages[p].len;
    }
    /* One checked pass first: a benchmark of a reader that fails would measure nothing. */
    for (size_t p = 0; p < npages; p++) {
        gl_index_page page;
        gl_error err;
        if (!gl_index_page_parse(&page, pages[p].data, pages[p].len, pages[p].url, &err)) {
            fprintf(stderr, "bench_html: %s\n", err.message);
            return 1;
        }
        total_links += page.nlinks;
        gl_index_page_free(&page);
    }
    /* The fastest round counts: on a shared machine, slower rounds measure cache contention. */
    double start = now(), best = 0;
    do {
        double t0 = now();
        for (size_t p = 0; p < npages; p++) {
            gl_index_page page;
            if (gl_index_page_parse(&page, pages[p].data, pages[p].len, pages[p].url, NULL))
                gl_index_page_free(&page);
        }
        double t = now() - t0;
        if (best == 0 || t < best)
            best = t;
    } while (now() - start < min_seconds);
    printf("pages %zu\nbytes %zu\nlinks %zu\n", npages, total_bytes, total_links);
    printf("mb_per_s %.2f\n", (double)total_bytes / best / 1e6);
    printf("pages_per_s %.1f\n", (double)npages / best);
    start = now(), best = 0;
    do {
        double t0 = now();
        for (size_t p = 0; p < npages; p++)
            parse_only(&pages[p]);
        double t = now() - t0;
        if (best == 0 || t < best)
            best = t;
    } while (now() - start < min_seconds);
    printf("libxml2_mb_per_s %.2f\n", (double)total_bytes / best / 1e6);
    for (size_t p = 0; p < npages; p++) {
        free(pages[p].url);
        free(pages[p].data);
    }
    free(pages);
    return 0;
}
