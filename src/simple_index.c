/* simple_index.c — reads index pages with libxml2's HTML parser through its SAX interface:
 * no tree is built; the handler keeps only <a>, <base> and <meta> start tags and, while an
 * anchor is open, its text. Anchors are collected raw and resolved afterwards, so a
 * <base href> anywhere in the page applies to every link, as in browsers. The reader runs at
 * about 0.9 of libxml2 2.9's parser alone: 13-15x pip's own parse_links on index pages (10-12x
 * a leaner stdlib stand-in); tools/bench.d/20-html prints all of these, and docs/bench.md keeps
 * the figures. Its own work, a tenth to a fifth of the parser's time, is mostly URL
 * resolution, file names and digests; strings go to blocks the page owns, not a malloc each. */
#include "simple_index.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "digest.h"
#include "lazy_libs.h"
#include "strbuf.h"
#include "url.h"

#define SHOW_MAX 300 /* longest URL or value quoted in an error message */

/* The page's strings are carved from blocks that never move, all freed with the page: a page
 * carries thousands of short strings, and a malloc and a free for each cost more than the rest
 * of the reader's own work. */
struct gl_index_page_strings {
    struct gl_index_page_strings *next; /* the block filled before this one */
    size_t used, cap;
    char data[];
};

#define FIRST_BLOCK_MIN 4096
#define BLOCK_MAX (1u << 20)

/* n bytes that live as long as the page, or NULL when memory ran out. The first block holds
 * about as much as the page (page_len) itself: its strings are copies of parts of it and URLs
 * made from them, so most pages need no second block. (Small fixed-size blocks measured
 * slower: freeing them let malloc hand memory back to the system after each large page and
 * fault it in again for the next one.) */
static char *page_alloc(gl_index_page *page, size_t n, size_t page_len)
{
    struct gl_index_page_strings *b = page->strings;
    if (!b || b->cap - b->used < n) {
        size_t cap = b ? 2 * b->cap : page_len;
        if (cap < FIRST_BLOCK_MIN)
            cap = FIRST_BLOCK_MIN;
        if (cap > BLOCK_MAX)
            cap = BLOCK_MAX;
        if (cap < n)
            cap = n;
        struct gl_index_page_strings *nb = malloc(sizeof *nb + cap);
        if (!nb)
            return NULL;
        nb->next = b;
        nb->used = 0;
        nb->cap = cap;
        page->strings = b = nb;
    }
    char *p = b->data + b->used;
    b->used += n;
    return p;
}

/* A page-owned copy of s[0..n) with a NUL, or NULL when memory ran out. */
static char *page_strndup(gl_index_page *page, const char *s, size_t n, size_t page_len)
{
    char *p = page_alloc(page, n + 1, page_len);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

/* An anchor as the page wrote it, character references decoded by libxml2; the strings are
 * the page's. */
typedef struct raw_anchor {
    char *href;
    char *text;
    char *requires_python;
    char *metadata; /* data-core-metadata or else data-dist-info-metadata, NULL when empty */
    char *yank_reason;
    char *upload_time;
    bool yanked;
} raw_anchor;

typedef struct sax_state {
    htmlSAXHandler *sax; /* the parser's handler: text callbacks are set only inside anchors */
    gl_index_page *page; /* where the strings go */
    size_t page_len;
    raw_anchor *anchors;
    size_t nanchors, cap;
    raw_anchor *open; /* the anchor whose text is being collected, or NULL */
    gl_strbuf text;
    char *base_href;
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

static void sax_state_free(sax_state *st)
{
    free(st->anchors);
    gl_strbuf_free(&st->text);
    free(st->base_href);
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

/* libxml2 hands attribute names lower-cased; matching on length and first letter first keeps
 * the common case (a name this reader ignores) to one or two byte compares. */
static int attr_id_of(const char *n)
{
    switch (n[0]) {
    case 'h': /* every anchor has one: spelt out, which compilers keep inline */
        return n[1] == 'r' && n[2] == 'e' && n[3] == 'f' && n[4] == '\0' ? A_HREF : -1;
    case 'n':
        return !strcmp(n, "name") ? A_NAME : -1;
    case 'c':
        return !strcmp(n, "content") ? A_CONTENT : -1;
    case 'd': /* the data- attributes differ in their sixth letter */
        if (n[1] != 'a' || n[2] != 't' || n[3] != 'a' || n[4] != '-')
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

/* A page-owned copy of attribute id, or NULL when absent (or memory ran out). */
static char *attr_copy(sax_state *st, const tag_attrs *a, enum attr_id id)
{
    if (!a->present[id])
        return NULL;
    char *s = page_strndup(st->page, a->value[id], strlen(a->value[id]), st->page_len);
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
    st->open->text = page_strndup(st->page, t, len, st->page_len);
    if (!st->open->text)
        st->out_of_memory = true;
    st->open = NULL;
    gl_strbuf_reset(&st->text);
    collect_text(st, false);
}

static void open_anchor(sax_state *st, const tag_attrs *a)
{
    if (!a->present[A_HREF] || !*a->value[A_HREF])
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
    raw_anchor *r = &st->anchors[st->nanchors++];
    memset(r, 0, sizeof *r);
    r->href = attr_copy(st, a, A_HREF);
    r->requires_python = attr_copy(st, a, A_REQUIRES_PYTHON);
    r->metadata = attr_copy_nonempty(st, a, A_CORE_METADATA);
    if (!r->metadata) /* the older name counts only when the newer one is missing */
        r->metadata = attr_copy_nonempty(st, a, A_DIST_INFO_METADATA);
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
        if (!st->base_href && attrs.present[A_HREF]) { /* the first <base href> wins */
            st->base_href = strdup(attrs.value[A_HREF]);
            st->out_of_memory |= !st->base_href;
        }
    } else if (name[0] == 'm' && !strcmp(name, "meta")) {
        read_attrs(atts, &attrs);
        if (attrs.present[A_NAME] && !st->page->repository_version &&
            !strcasecmp(attrs.value[A_NAME], "pypi:repository-version"))
            st->page->repository_version = attr_copy(st, &attrs, A_CONTENT);
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

/* Runs the HTML parser over data[0..len) (len <= INT_MAX, no NUL), filling st. False with
 * err when libxml2 cannot be loaded or memory ran out. */
static bool collect(sax_state *st, const char *data, size_t len, gl_error *err)
{
    const gl_xml_api *xml = gl_xml(err);
    if (!xml)
        return false;
    htmlParserCtxtPtr ctxt = xml->html_create_memory_parser_ctxt(data, (int)len);
    if (!ctxt) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    /* Index pages are UTF-8 (PEP 503): saying so skips detection, keeps libxml2 from guessing
     * Latin-1 at the first non-ASCII byte, and costs no conversion pass (naming "UTF-8" to
     * htmlCtxtReadMemory would: 0.8% more instructions). */
    xml->switch_encoding(ctxt, XML_CHAR_ENCODING_UTF8);
    memset(ctxt->sax, 0, sizeof *ctxt->sax);
    ctxt->sax->startElement = on_start;
    ctxt->sax->endElement = on_end;
    st->sax = ctxt->sax;
    ctxt->userData = st;
    xml->html_ctxt_use_options(ctxt, PARSE_OPTIONS);
    xml->html_parse_document(ctxt);
    close_anchor(st); /* an anchor left open at the end of the page */
    if (ctxt->myDoc) /* not with this handler, but never leak one */
        xml->free_doc(ctxt->myDoc);
    xml->html_free_parser_ctxt(ctxt);
    if (st->out_of_memory)
        gl_error_set(err, GL_ENOMEM, "out of memory");
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

/* What turning raw anchors into links needs besides the anchor. */
typedef struct link_builder {
    gl_index_page *page; /* owns what is built */
    size_t page_len;
    gl_url_base *base;
    gl_strbuf scratch; /* a URL and its fragment, then a file name, before the page keeps them */
} link_builder;

/* Reads the digest in a link fragment ("sha256=…", possibly among other '&'-joined parts).
 * Fragments naming no supported algorithm are no digest; a malformed digest is an error. */
static bool take_fragment_digest(link_builder *lb, gl_index_link *link, const char *frag,
                                 gl_error *err)
{
    for (const char *p = frag; *p;) {
        size_t n = (size_t)(strchrnul(p, '&') - p);
        const char *eq = memchr(p, '=', n);
        if (eq && gl_digest_algo_name(p, (size_t)(eq - p))) {
            char hex[GL_DIGEST_MAX_HEX + 1];
            if (!gl_digest_parse_to(p, n, &link->hash_algo, hex, err))
                return false;
            link->hash_hex = page_strndup(lb->page, hex, n - (size_t)(eq - p) - 1, lb->page_len);
            if (!link->hash_hex)
                gl_error_set(err, GL_ENOMEM, "out of memory");
            return link->hash_hex != NULL;
        }
        p += n;
        if (*p)
            p++;
    }
    return true;
}

/* PEP 658/714: "true", or "<algo>=<hex>"; any other value still announces the file (pip reads
 * it so), except "false", which some servers write for "none". The digest is lower-cased where
 * the page's copy of the value holds it. */
static bool take_core_metadata(gl_index_link *link, char *v, gl_error *err)
{
    if (!v || ((v[0] == 'f' || v[0] == 'F') && !strcasecmp(v, "false")))
        return true;
    link->has_core_metadata = true;
    char *eq = strchr(v, '=');
    if (eq && gl_digest_algo_name(v, (size_t)(eq - v))) {
        if (!gl_digest_parse_to(v, strlen(v), &link->core_metadata_hash_algo, eq + 1, err))
            return false;
        link->core_metadata_hash_hex = eq + 1;
    }
    return true;
}

/* On failure *href_named says whether err already quotes the href. */
static bool build_link(link_builder *lb, gl_index_link *link, const raw_anchor *a,
                       bool *href_named, gl_error *err)
{
    *href_named = false;
    gl_strbuf *scratch = &lb->scratch;
    gl_strbuf_reset(scratch);
    size_t frag_at;
    if (!gl_url_base_resolve_append(lb->base, a->href, scratch, &frag_at, err)) {
        *href_named = true;
        return false;
    }
    size_t url_len = (frag_at ? frag_at : scratch->len) - 1;
    link->url = page_strndup(lb->page, scratch->data, url_len, lb->page_len);
    if (!link->url) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    if (frag_at && !take_fragment_digest(lb, link, scratch->data + frag_at, err))
        return false;
    gl_strbuf_reset(scratch);
    if (!gl_url_filename_append(link->url, scratch, err))
        return false;
    link->filename = page_strndup(lb->page, scratch->data, scratch->len - 1, lb->page_len);
    if (!link->filename) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    if (!take_core_metadata(link, a->metadata, err))
        return false;
    link->text = a->text;
    link->requires_python = a->requires_python;
    if (link->requires_python)
        unescape_entities(link->requires_python);
    link->yanked = a->yanked;
    link->yank_reason = a->yank_reason;
    link->upload_time = a->upload_time;
    return true;
}

/* PEP 629: a client must refuse a page whose major repository version it does not know. */
static bool check_repository_version(const char *v, const char *page_url, gl_error *err)
{
    if (!v)
        return true;
    char *end;
    unsigned long major = strtoul(v, &end, 10);
    if (end == v || *v == '-' || *v == '+')
        return true; /* not a version: ignored, as the PEP only constrains valid ones */
    if (major != 1) {
        char shown_page[SHOW_MAX];
        gl_url_redact_to(page_url, shown_page, sizeof shown_page);
        gl_error_set(err, GL_EINVAL,
                     "%s: unsupported repository version '%.20s' (gpulock reads 1.x pages)",
                     shown_page, v);
        return false;
    }
    return true;
}

/* Puts the page URL, redacted, in front of err's message. */
static void prefix_page(gl_error *err, const char *page_url)
{
    char shown_page[SHOW_MAX];
    gl_url_redact_to(page_url, shown_page, sizeof shown_page);
    gl_error_prefix(err, "%s: ", shown_page);
}

/* Resolves every anchor against the page's base into page->links. */
static bool build_links(gl_index_page *page, size_t page_len, const sax_state *st,
                        const char *page_url, gl_error *err)
{
    char shown_page[SHOW_MAX];
    char *base_url = NULL;
    if (st->base_href) {
        base_url = gl_url_resolve(page_url, st->base_href, NULL, err);
        if (!base_url) {
            gl_url_redact_to(page_url, shown_page, sizeof shown_page);
            gl_error_prefix(err, "%s: <base href>: ", shown_page);
            return false;
        }
    }
    link_builder lb = {.page = page, .page_len = page_len, .scratch = GL_STRBUF_INIT};
    lb.base = gl_url_base_new(base_url ? base_url : page_url, err);
    free(base_url);
    if (!lb.base) {
        prefix_page(err, page_url);
        return false;
    }
    bool ok = true;
    page->links = calloc(st->nanchors, sizeof *page->links);
    if (!page->links) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        prefix_page(err, page_url);
        ok = false;
    }
    for (size_t i = 0; ok && i < st->nanchors; i++) {
        page->nlinks = i + 1;
        bool href_named;
        if (!build_link(&lb, &page->links[i], &st->anchors[i], &href_named, err)) {
            char shown_href[SHOW_MAX];
            gl_url_redact_to(page_url, shown_page, sizeof shown_page);
            gl_url_redact_to(st->anchors[i].href, shown_href, sizeof shown_href);
            if (href_named)
                gl_error_prefix(err, "%s: ", shown_page);
            else
                gl_error_prefix(err, "%s: link '%s': ", shown_page, shown_href);
            ok = false;
        }
    }
    gl_url_base_free(lb.base);
    gl_strbuf_free(&lb.scratch);
    return ok;
}

bool gl_index_page_parse(gl_index_page *page, const char *data, size_t len, const char *page_url,
                         gl_error *err)
{
    memset(page, 0, sizeof *page);
    page->url = page_strndup(page, page_url ? page_url : "", page_url ? strlen(page_url) : 0, len);
    if (!page->url) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        prefix_page(err, page_url);
        return false;
    }
    if (len == 0)
        return true; /* PyPI serves empty bodies for projects without files */

    char *without_nuls = NULL;
    if (memchr(data, '\0', len)) {
        without_nuls = replace_nuls(data, len, &len);
        if (!without_nuls) {
            gl_error_set(err, GL_ENOMEM, "out of memory");
            prefix_page(err, page_url);
            gl_index_page_free(page);
            return false;
        }
        data = without_nuls;
    }
    if (len > INT_MAX) { /* libxml2 takes an int length */
        gl_error_set(err, GL_EINVAL, "page too large (%zu bytes)", len);
        prefix_page(err, page_url);
        free(without_nuls);
        gl_index_page_free(page);
        return false;
    }
    sax_state st = {.page = page, .page_len = len};
    bool ok = collect(&st, data, len, err);
    free(without_nuls);
    if (!ok)
        prefix_page(err, page_url);
    ok = ok && check_repository_version(page->repository_version, page_url, err);
    if (ok && st.nanchors > 0)
        ok = build_links(page, len, &st, page_url, err);
    sax_state_free(&st);
    if (!ok)
        gl_index_page_free(page);
    return ok;
}

void gl_index_page_free(gl_index_page *page)
{
    if (!page)
        return;
    free(page->links);
    for (struct gl_index_page_strings *b = page->strings, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    memset(page, 0, sizeof *page);
}
