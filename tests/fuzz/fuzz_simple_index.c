/* libFuzzer target for the PEP 503 page reader: any bytes, under two page URLs (one with
 * credentials); the reader must never crash or leak, and what it returns must be consistent.
 * The input's lines also serve as hrefs: the per-directory memo of URL resolution must agree
 * with curl resolving each one afresh. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "simple_index.h"
#include "url.h"

static void check(const gl_index_page *page)
{
    for (size_t i = 0; i < page->nlinks; i++) {
        const gl_index_link *l = &page->links[i];
        /* Every returned link is complete: fragment-free URL, file name, text. */
        if (!l->url || !l->filename || !l->text || strchr(l->url, '#'))
            abort();
        if ((l->hash_algo == NULL) != (l->hash_hex == NULL))
            abort();
        if (l->core_metadata_hash_hex && !l->has_core_metadata)
            abort();
        if (l->yank_reason && !l->yanked)
            abort();
    }
}

static void check_resolution(const uint8_t *data, size_t size)
{
    gl_url_base *base = gl_url_base_new("https://u:p@h/simple/p/", NULL);
    if (!base)
        abort();
    const char *p = (const char *)data, *end = p + size;
    for (int i = 0; i < 8 && p < end; i++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        char *ref = strndup(p, n);
        char *f1 = NULL, *f2 = NULL;
        char *u1 = gl_url_base_resolve(base, ref, &f1, NULL);
        char *u2 = gl_url_base_resolve_uncached(base, ref, &f2, NULL);
        if (!u1 != !u2 || (u1 && strcmp(u1, u2)) || !f1 != !f2 || (f1 && strcmp(f1, f2)))
            abort();
        free(u1), free(u2), free(f1), free(f2), free(ref);
        p += n + 1;
    }
    gl_url_base_free(base);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    check_resolution(data, size);
    static const char *const urls[] = {"https://pypi.org/simple/torch/",
                                       "https://user:token@download.pytorch.org/whl/cu128/torch/"};
    for (size_t u = 0; u < 2; u++) {
        gl_index_page page;
        gl_error err;
        gl_error_clear(&err);
        if (gl_index_page_parse(&page, (const char *)data, size, urls[u], &err)) {
            check(&page);
        } else if (!err.message[0] || (strstr(err.message, "token") && !memmem(data, size, "token", 5))) {
            abort(); /* a failure always says why, and never shows the page's credentials */
        } else if (page.nlinks || page.links) {
            abort();
        }
        gl_index_page_free(&page);
    }
    return 0;
}
