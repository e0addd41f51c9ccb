/* simple_index.c — a SAX reader over libxml2's HTML parser: no tree is built, anchors are
 * collected raw while parsing and resolved afterwards, so a <base href> anywhere in the page
 * applies to every link, as in browsers. */
#include "simple_index.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>

#include "digest.h"
#include "strbuf.h"
#include "url.h"

#define SHOW_MAX 300 /* longest URL or value quoted in an error message */

/* An anchor as the page wrote it (attribute values already entity-decoded by libxml2). */
typedef struct raw_anchor {
    char *href;
    char *text;
    char *requires_python;
    char *core_metadata;      /* NULL when absent or empty */
    char *dist_info_metadata; /* likewise */
    char *yank_reason;
    char *upload_time;
    bool yanked;
} raw_anchor;

typedef struct sax_state {
    raw_anchor *anchors;
    size_t nanchors, cap;
    raw_anchor *open; /* the anchor whose text is being collected, or NULL */
    gl_strbuf text;
    char *base_href;
    char *repository_version;
    bool out_of_memory;
} sax_state;

static void raw_anchor_free(raw_anchor *a)
{
    free(a->href);
    free(a->text);
    free(a->requires_python);
    free(a->core_metadata);
    free(a->dist_info_metadata);
    free(a->yank_reason);
    free(a->upload_time);
}

static void sax_state_free(sax_state *st)
{
    for (size_t i = 0; i < st->nanchors; i++)
        raw_anchor_free(&st->anchors[i]);
    free(st->anchors);
    gl_strbuf_free(&st->text);
    free(st->base_href);
    free(st->repository_version);
}

/* strdup for attribute values; NULL stays NULL, and a failed copy is remembered. */
static char *copy_value(sax_state *st, const xmlChar *value)
{
    if (!value)
        return NULL;
    char *s = strdup((const char *)value);
    if (!s)
        st->out_of_memory = true;
    return s;
}

static void close_anchor(sax_state *st)
{
    if (!st->open)
        return;
    const char *t = gl_strbuf_cstr(&st->text);
    size_t len = st->text.len;
    while (len > 0 && (unsigned char)*t <= ' ')
        t++, len--;
    while (len > 0 && (unsigned char)t[len - 1] <= ' ')
        len--;
    st->open->text = strndup(t, len);
    if (!st->open->text)
        st->out_of_memory = true;
    st->open = NULL;
    gl_strbuf_reset(&st->text);
}

static const char *attr(const xmlChar **atts, const char *name, bool *present)
{
    if (present)
        *present = false;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        if (!strcmp((const char *)atts[i], name)) {
            if (present)
                *present = true;
            return (const char *)atts[i + 1];
        }
    }
    return NULL;
}

static void open_anchor(sax_state *st, const xmlChar **atts)
{
    const char *href = attr(atts, "href", NULL);
    if (!href || !*href)
        return; /* a name anchor or an empty link: nothing to download (pip skips them too) */
    if (st->nanchors == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        raw_anchor *p = realloc(st->anchors, cap * sizeof *p);
        if (!p) {
            st->out_of_memory = true;
            return;
        }
        st->anchors = p;
        st->cap = cap;
    }
    raw_anchor *a = &st->anchors[st->nanchors++];
    memset(a, 0, sizeof *a);
    a->href = copy_value(st, (const xmlChar *)href);
    a->requires_python = copy_value(st, (const xmlChar *)attr(atts, "data-requires-python", NULL));
    const char *md = attr(atts, "data-core-metadata", NULL);
    a->core_metadata = md && *md ? copy_value(st, (const xmlChar *)md) : NULL;
    md = attr(atts, "data-dist-info-metadata", NULL);
    a->dist_info_metadata = md && *md ? copy_value(st, (const xmlChar *)md) : NULL;
    const char *reason = attr(atts, "data-yanked", &a->yanked);
    a->yank_reason = reason && *reason ? copy_value(st, (const xmlChar *)reason) : NULL;
    a->upload_time = copy_value(st, (const xmlChar *)attr(atts, "data-upload-time", NULL));
    st->open = a;
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts)
{
    sax_state *st = ctx;
    const char *n = (const char *)name;
    if (!strcmp(n, "a")) {
        close_anchor(st); /* anchors do not nest */
        open_anchor(st, atts);
    } else if (!strcmp(n, "base")) {
        const char *href = attr(atts, "href", NULL);
        if (href && !st->base_href) /* the first <base href> wins */
            st->base_href = copy_value(st, (const xmlChar *)href);
    } else if (!strcmp(n, "meta")) {
        const char *mname = attr(atts, "name", NULL);
        const char *content = attr(atts, "content", NULL);
        if (mname && content && !strcasecmp(mname, "pypi:repository-version") &&
            !st->repository_version)
            st->repository_version = copy_value(st, (const xmlChar *)content);
    }
}

static void on_end(void *ctx, const xmlChar *name)
{
    if (!strcmp((const char *)name, "a"))
        close_anchor(ctx);
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
    sax_state *st = ctx;
    if (st->open && len > 0 && !gl_strbuf_append(&st->text, (const char *)ch, (size_t)len))
        st->out_of_memory = true;
}

/* Runs the HTML parser over data, filling st. False only when memory ran out. */
static bool collect(sax_state *st, const char *data, size_t len)
{
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(data, (int)len);
    if (!ctxt)
        return false;
    htmlSAXHandler sax;
    memset(&sax, 0, sizeof sax);
    sax.startElement = on_start;
    sax.endElement = on_end;
    sax.characters = on_characters;
    sax.ignorableWhitespace = on_characters;
    *ctxt->sax = sax;
    ctxt->userData = st;
    htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_NOBLANKS | XML_PARSE_HUGE);
    htmlParseDocument(ctxt);
    close_anchor(st); /* an anchor left open at the end of the page */
    if (ctxt->myDoc) /* not with our handler, but never leak one */
        xmlFreeDoc(ctxt->myDoc);
    htmlFreeParserCtxt(ctxt);
    return !st->out_of_memory;
}

/* Decodes character references a page escaped twice ("&amp;gt;=3.9"), as pip does. */
static void unescape_entities(char *s)
{
    static const struct {
        const char *name;
        char c;
    } named[] = {{"&lt;", '<'}, {"&gt;", '>'}, {"&amp;", '&'}, {"&quot;", '"'}, {"&apos;", '\''}};
    char *o = s;
    for (const char *p = s; *p;) {
        bool done = false;
        if (*p == '&') {
            for (size_t i = 0; i < sizeof named / sizeof named[0] && !done; i++) {
                size_t n = strlen(named[i].name);
                if (!strncmp(p, named[i].name, n)) {
                    *o++ = named[i].c;
                    p += n;
                    done = true;
                }
            }
            if (!done && p[1] == '#') {
                /* ASCII numeric references only: anything else stays as written. */
                bool hex = p[2] == 'x' || p[2] == 'X';
                const char *digits = p + (hex ? 3 : 2);
                char *end;
                long v = strtol(digits, &end, hex ? 16 : 10);
                if (end > digits && *digits != '-' && *digits != '+' && *end == ';' && v > 0 &&
                    v < 128) {
                    *o++ = (char)v;
                    p = end + 1;
                    done = true;
                }
            }
        }
        if (!done)
            *o++ = *p++;
    }
    *o = '\0';
}

/* Reads the digest in a link fragment ("sha256=…", possibly among other '&'-joined parts).
 * Fragments naming no supported algorithm are no digest; a malformed digest is an error. */
static bool take_fragment_digest(gl_index_link *link, const char *frag, gl_error *err)
{
    for (const char *p = frag; *p;) {
        size_t n = strcspn(p, "&");
        const char *eq = memchr(p, '=', n);
        if (eq && gl_digest_algo_name(p, (size_t)(eq - p)))
            return gl_digest_parse(p, n, &link->hash_algo, &link->hash_hex, err);
        p += n;
        if (*p)
            p++;
    }
    return true;
}

/* PEP 658/714: "true", or "<algo>=<hex>"; any other value still announces the file (pip reads
 * it so), except "false", which some servers write for "none". */
static bool take_core_metadata(gl_index_link *link, const raw_anchor *a, gl_error *err)
{
    const char *v = a->core_metadata ? a->core_metadata : a->dist_info_metadata;
    if (!v || !strcasecmp(v, "false"))
        return true;
    link->has_core_metadata = true;
    const char *eq = strchr(v, '=');
    if (eq && gl_digest_algo_name(v, (size_t)(eq - v)))
        return gl_digest_parse(v, strlen(v), &link->core_metadata_hash_algo,
                               &link->core_metadata_hash_hex, err);
    return true;
}

static char *take(char **s)
{
    char *v = *s;
    *s = NULL;
    return v;
}

/* On failure *href_named says whether err already quotes the href. */
static bool build_link(gl_index_link *link, raw_anchor *a, const char *base, bool *href_named,
                       gl_error *err)
{
    *href_named = false;
    char *frag = NULL;
    link->url = gl_url_resolve(base, a->href, &frag, err);
    if (!link->url) {
        *href_named = true;
        return false;
    }
    bool ok = true;
    if (frag)
        ok = take_fragment_digest(link, frag, err);
    free(frag);
    if (!ok)
        return false;
    link->filename = gl_url_filename(link->url, err);
    if (!link->filename)
        return false;
    if (!take_core_metadata(link, a, err))
        return false;
    link->text = take(&a->text);
    link->requires_python = take(&a->requires_python);
    if (link->requires_python)
        unescape_entities(link->requires_python);
    link->yanked = a->yanked;
    link->yank_reason = take(&a->yank_reason);
    link->upload_time = take(&a->upload_time);
    if (!link->text) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    return true;
}

static void link_free(gl_index_link *l)
{
    free(l->filename);
    free(l->url);
    free(l->text);
    free(l->hash_hex);
    free(l->requires_python);
    free(l->core_metadata_hash_hex);
    free(l->yank_reason);
    free(l->upload_time);
}

/* PEP 629: a client must refuse a page whose major repository version it does not know. */
static bool check_repository_version(const char *v, const char *shown_page, gl_error *err)
{
    if (!v)
        return true;
    char *end;
    unsigned long major = strtoul(v, &end, 10);
    if (end == v || *v == '-' || *v == '+')
        return true; /* not a version: ignored, as the PEP only constrains valid ones */
    if (major != 1) {
        gl_error_set(err, GL_EINVAL,
                     "%s: unsupported repository version '%.20s' (gpulock reads 1.x pages)",
                     shown_page, v);
        return false;
    }
    return true;
}

bool gl_index_page_parse(gl_index_page *page, const char *data, size_t len, const char *page_url,
                         gl_error *err)
{
    memset(page, 0, sizeof *page);
    char shown_page[SHOW_MAX];
    gl_url_redact_to(page_url, shown_page, sizeof shown_page);
    if (len > INT_MAX) {
        gl_error_set(err, GL_EINVAL, "%s: page too large (%zu bytes)", shown_page, len);
        return false;
    }
    page->url = strdup(page_url ? page_url : "");
    if (!page->url) {
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        return false;
    }
    if (len == 0)
        return true; /* PyPI serves empty bodies for projects without files */

    sax_state st = {0};
    bool ok = collect(&st, data, len);
    char *base = NULL;
    if (!ok) {
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        goto out;
    }
    ok = check_repository_version(st.repository_version, shown_page, err);
    if (!ok)
        goto out;
    page->repository_version = take(&st.repository_version);
    if (st.nanchors == 0)
        goto out;
    base = st.base_href ? gl_url_resolve(page_url, st.base_href, NULL, err) : strdup(page_url);
    if (!base) {
        ok = false;
        if (st.base_href)
            gl_error_prefix(err, "%s: <base href>: ", shown_page);
        else
            gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        goto out;
    }
    page->links = calloc(st.nanchors, sizeof *page->links);
    if (!page->links) {
        ok = false;
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        goto out;
    }
    for (size_t i = 0; i < st.nanchors; i++) {
        page->nlinks = i + 1; /* a half-built link is freed with the page */
        bool href_named;
        if (!build_link(&page->links[i], &st.anchors[i], base, &href_named, err)) {
            char shown_href[SHOW_MAX];
            gl_url_redact_to(st.anchors[i].href, shown_href, sizeof shown_href);
            if (href_named)
                gl_error_prefix(err, "%s: ", shown_page);
            else
                gl_error_prefix(err, "%s: link '%s': ", shown_page, shown_href);
            ok = false;
            break;
        }
    }
out:
    free(base);
    sax_state_free(&st);
    if (!ok)
        gl_index_page_free(page);
    return ok;
}

void gl_index_page_free(gl_index_page *page)
{
    if (!page)
        return;
    for (size_t i = 0; i < page->nlinks; i++)
        link_free(&page->links[i]);
    free(page->links);
    free(page->url);
    free(page->repository_version);
    memset(page, 0, sizeof *page);
}
