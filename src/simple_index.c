/* simple_index.c — reads index pages with libxml2's HTML parser through its SAX interface:
 * no tree is built; the handler keeps only <a>, <base> and <meta> start tags and, while an
 * anchor is open, its text. Anchors are collected raw and resolved afterwards, so a
 * <base href> anywhere in the page applies to every link, as in browsers. libxml2 2.9's parser
 * alone runs at 12-15x Python's html.parser on index pages (tools/bench.d/20-html prints
 * it); URL resolution and digests, shared with any reader, take the rest. */
#include "simple_index.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>

#include "digest.h"
#include "strbuf.h"
#include "url.h"

#define SHOW_MAX 300 /* longest URL or value quoted in an error message */

/* An anchor as the page wrote it, character references decoded by libxml2. */
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
    htmlSAXHandler *sax; /* the parser's handler: text callbacks are set only inside anchors */
    raw_anchor *anchors;
    size_t nanchors, cap;
    raw_anchor *open; /* the anchor whose text is being collected, or NULL */
    gl_strbuf text;
    char *base_href;
    char *repository_version;
    bool out_of_memory;
} sax_state;

/* The attributes this reader looks at; the first occurrence of each wins, as in HTML. */
enum attr_id {
    A_HREF,
    A_REQUIRES_PYTHON,
    A_CORE_METADATA,
    A_DIST_INFO_METADATA,
    A_YANKED,
    A_UPLOAD_TIME,
    A_NAME,
    A_CONTENT,
    NATTRS
};

typedef struct tag_attrs {
    const char *value[NATTRS]; /* decoded by libxml2; "" for an attribute without '=' */
    bool present[NATTRS];
} tag_attrs;

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

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

/* libxml2 hands attribute names lower-cased; matching on length and first letter first keeps
 * the common case (a name this reader ignores) to one or two byte compares. */
static int attr_id_of(const char *n)
{
    switch (n[0]) {
    case 'h':
        return !strcmp(n, "href") ? A_HREF : -1;
    case 'n':
        return !strcmp(n, "name") ? A_NAME : -1;
    case 'c':
        return !strcmp(n, "content") ? A_CONTENT : -1;
    case 'd': /* the data- attributes differ in their sixth letter */
        if (strncmp(n, "data-", 5))
            return -1;
        switch (n[5]) {
        case 'r':
            return !strcmp(n + 5, "requires-python") ? A_REQUIRES_PYTHON : -1;
        case 'c':
            return !strcmp(n + 5, "core-metadata") ? A_CORE_METADATA : -1;
        case 'd':
            return !strcmp(n + 5, "dist-info-metadata") ? A_DIST_INFO_METADATA : -1;
        case 'y':
            return !strcmp(n + 5, "yanked") ? A_YANKED : -1;
        case 'u':
            return !strcmp(n + 5, "upload-time") ? A_UPLOAD_TIME : -1;
        default:
            return -1;
        }
    default:
        return -1;
    }
}

static void read_attrs(const xmlChar **atts, tag_attrs *a)
{
    memset(a->present, 0, sizeof a->present);
    for (size_t i = 0; atts && atts[i]; i += 2) {
        int id = attr_id_of((const char *)atts[i]);
        if (id >= 0 && !a->present[id]) {
            a->present[id] = true;
            a->value[id] = atts[i + 1] ? (const char *)atts[i + 1] : "";
        }
    }
}

/* A malloc'd copy of attribute id, or NULL when absent (or memory ran out). */
static char *attr_copy(sax_state *st, const tag_attrs *a, enum attr_id id)
{
    if (!a->present[id])
        return NULL;
    char *s = strdup(a->value[id]);
    if (!s)
        st->out_of_memory = true;
    return s;
}

/* Like attr_copy, but an empty value counts as absent. */
static char *attr_copy_nonempty(sax_state *st, const tag_attrs *a, enum attr_id id)
{
    return a->present[id] && *a->value[id] ? attr_copy(st, a, id) : NULL;
}

static void on_characters(void *ctx, const xmlChar *ch, int len)
{
    sax_state *st = ctx;
    if (len > 0 && !gl_strbuf_append(&st->text, (const char *)ch, (size_t)len))
        st->out_of_memory = true;
}

/* Text matters only inside an anchor: outside one the parser is given no text callback. */
static void collect_text(sax_state *st, bool on)
{
    st->sax->characters = on ? on_characters : NULL;
    st->sax->ignorableWhitespace = on ? on_characters : NULL;
}

static void close_anchor(sax_state *st)
{
    if (!st->open)
        return;
    const char *t = gl_strbuf_cstr(&st->text);
    size_t len = st->text.len;
    while (len > 0 && is_space(*t))
        t++, len--;
    while (len > 0 && is_space(t[len - 1]))
        len--;
    st->open->text = strndup(t, len);
    if (!st->open->text)
        st->out_of_memory = true;
    st->open = NULL;
    gl_strbuf_reset(&st->text);
    collect_text(st, false);
}

static void open_anchor(sax_state *st, const tag_attrs *a)
{
    char *href = attr_copy_nonempty(st, a, A_HREF);
    if (!href)
        return; /* a name anchor or an empty link: nothing to download (pip skips them too) */
    if (st->nanchors == st->cap) {
        size_t cap = st->cap ? st->cap * 2 : 64;
        raw_anchor *p = realloc(st->anchors, cap * sizeof *p);
        if (!p) {
            free(href);
            st->out_of_memory = true;
            return;
        }
        st->anchors = p;
        st->cap = cap;
    }
    raw_anchor *r = &st->anchors[st->nanchors++];
    memset(r, 0, sizeof *r);
    r->href = href;
    r->requires_python = attr_copy(st, a, A_REQUIRES_PYTHON);
    r->core_metadata = attr_copy_nonempty(st, a, A_CORE_METADATA);
    if (!r->core_metadata) /* the older name counts only when the newer one is missing */
        r->dist_info_metadata = attr_copy_nonempty(st, a, A_DIST_INFO_METADATA);
    r->yanked = a->present[A_YANKED];
    r->yank_reason = attr_copy_nonempty(st, a, A_YANKED);
    r->upload_time = attr_copy(st, a, A_UPLOAD_TIME);
    st->open = r;
    collect_text(st, true);
}

/* Element names arrive lower-cased from libxml2. */
static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
    sax_state *st = ctx;
    const char *name = (const char *)xname;
    tag_attrs attrs;
    if (name[0] == 'a' && name[1] == '\0') {
        close_anchor(st); /* anchors do not nest */
        read_attrs(atts, &attrs);
        open_anchor(st, &attrs);
    } else if (name[0] == 'b' && !strcmp(name, "base")) {
        read_attrs(atts, &attrs);
        if (!st->base_href) /* the first <base href> wins */
            st->base_href = attr_copy(st, &attrs, A_HREF);
    } else if (name[0] == 'm' && !strcmp(name, "meta")) {
        read_attrs(atts, &attrs);
        if (attrs.present[A_NAME] && !st->repository_version &&
            !strcasecmp(attrs.value[A_NAME], "pypi:repository-version"))
            st->repository_version = attr_copy(st, &attrs, A_CONTENT);
    }
}

static void on_end(void *ctx, const xmlChar *name)
{
    if (name[0] == 'a' && name[1] == '\0')
        close_anchor(ctx);
}

/* NOIMPLIED spares the parser inventing <html>/<body>/<p> elements (0.5% fewer instructions
 * on a rendered mirror). NOBLANKS, COMPACT and NODEFDTD only shape a tree, which this reader
 * never builds (measured: no change). IGNORE_ENC: pip decodes a page as UTF-8 or by its HTTP
 * charset, never by a <meta> charset, and so does this reader. */
#define PARSE_OPTIONS                                                                      \
    (HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |   \
     HTML_PARSE_NOIMPLIED | HTML_PARSE_IGNORE_ENC)

/* A copy of data[0..len) with every NUL byte written as U+FFFD (browsers read it so; libxml2
 * 2.9 would end the document there, silently cutting an href short), or NULL without memory. */
static char *replace_nuls(const char *data, size_t len, size_t *out_len)
{
    gl_strbuf b = GL_STRBUF_INIT;
    const char *p = data, *end = data + len, *nul;
    bool ok = true;
    while (ok && (nul = memchr(p, '\0', (size_t)(end - p)))) {
        ok = gl_strbuf_append(&b, p, (size_t)(nul - p)) &&
             gl_strbuf_append(&b, "\xEF\xBF\xBD", 3);
        p = nul + 1;
    }
    ok = ok && gl_strbuf_append(&b, p, (size_t)(end - p));
    *out_len = b.len;
    char *s = ok ? gl_strbuf_detach(&b) : NULL;
    if (!s)
        gl_strbuf_free(&b);
    return s;
}

/* Runs the HTML parser over data[0..len) (len <= INT_MAX, no NUL), filling st. False only
 * when memory ran out. */
static bool collect(sax_state *st, const char *data, size_t len)
{
    htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(data, (int)len);
    if (!ctxt)
        return false;
    /* Index pages are UTF-8 (PEP 503): saying so skips detection, keeps libxml2 from guessing
     * Latin-1 at the first non-ASCII byte, and costs no conversion pass (naming "UTF-8" to
     * htmlCtxtReadMemory would: 0.8% more instructions). */
    xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    memset(ctxt->sax, 0, sizeof *ctxt->sax);
    ctxt->sax->startElement = on_start;
    ctxt->sax->endElement = on_end;
    st->sax = ctxt->sax;
    ctxt->userData = st;
    htmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
    htmlParseDocument(ctxt);
    close_anchor(st); /* an anchor left open at the end of the page */
    if (ctxt->myDoc) /* not with this handler, but never leak one */
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
static bool build_link(gl_index_link *link, raw_anchor *a, gl_url_base *base,
                       bool *href_named, gl_error *err)
{
    *href_named = false;
    char *frag = NULL;
    link->url = gl_url_base_resolve(base, a->href, &frag, err);
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
    page->url = strdup(page_url ? page_url : "");
    if (!page->url) {
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
        return false;
    }
    if (len == 0)
        return true; /* PyPI serves empty bodies for projects without files */

    char *without_nuls = NULL;
    if (memchr(data, '\0', len)) {
        without_nuls = replace_nuls(data, len, &len);
        if (!without_nuls) {
            gl_error_set(err, GL_ENOMEM, "%s: out of memory", shown_page);
            gl_index_page_free(page);
            return false;
        }
        data = without_nuls;
    }
    if (len > INT_MAX) { /* libxml2 takes an int length */
        gl_error_set(err, GL_EINVAL, "%s: page too large (%zu bytes)", shown_page, len);
        free(without_nuls);
        gl_index_page_free(page);
        return false;
    }
    sax_state st = {0};
    bool ok = collect(&st, data, len);
    free(without_nuls);
    gl_url_base *base = NULL;
    char *base_url = NULL;
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
    if (st.base_href) {
        base_url = gl_url_resolve(page_url, st.base_href, NULL, err);
        if (!base_url) {
            ok = false;
            gl_error_prefix(err, "%s: <base href>: ", shown_page);
            goto out;
        }
    }
    base = gl_url_base_new(base_url ? base_url : page_url, err);
    if (!base) {
        ok = false;
        gl_error_prefix(err, "%s: ", shown_page);
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
    gl_url_base_free(base);
    free(base_url);
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
