#include "version.h"

#include <stdlib.h>
#include <string.h>

/* The parser is a hand-written single pass equivalent to the PEP 440 appendix regex
 * (the one packaging uses): no regex engine, no allocation unless the release has more
 * than GL_VERSION_INLINE_RELEASE components or there is a local label. */

/* Python's str.isspace() for the ASCII range: what packaging's \s strips. */
static bool is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
}

/* UTF-8 encodings of the non-ASCII characters Python's str.isspace() accepts. */
static const char *const unicode_spaces[] = {
    "\xc2\x85",     "\xc2\xa0",     "\xe1\x9a\x80", "\xe2\x80\x80", "\xe2\x80\x81", "\xe2\x80\x82",
    "\xe2\x80\x83", "\xe2\x80\x84", "\xe2\x80\x85", "\xe2\x80\x86", "\xe2\x80\x87", "\xe2\x80\x88",
    "\xe2\x80\x89", "\xe2\x80\x8a", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xaf", "\xe2\x81\x9f",
    "\xe3\x80\x80",
};

size_t gl_version_space_at(const char *p, const char *end)
{
    if (p >= end)
        return 0;
    if (is_space((unsigned char)*p))
        return 1;
    if (!((unsigned char)*p & 0x80))
        return 0;
    for (size_t i = 0; i < sizeof unicode_spaces / sizeof unicode_spaces[0]; i++) {
        size_t n = strlen(unicode_spaces[i]);
        if ((size_t)(end - p) >= n && !memcmp(p, unicode_spaces[i], n))
            return n;
    }
    return 0;
}

size_t gl_version_space_before(const char *start, const char *end)
{
    if (end <= start)
        return 0;
    if (is_space((unsigned char)end[-1]))
        return 1;
    if (!((unsigned char)end[-1] & 0x80))
        return 0;
    for (size_t i = 0; i < sizeof unicode_spaces / sizeof unicode_spaces[0]; i++) {
        size_t n = strlen(unicode_spaces[i]);
        if ((size_t)(end - start) >= n && !memcmp(end - n, unicode_spaces[i], n))
            return n;
    }
    return 0;
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static unsigned char to_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

static bool is_alnum_lower(unsigned char c)
{
    c = to_lower(c);
    return is_digit(c) || (c >= 'a' && c <= 'z');
}

static bool is_separator(unsigned char c) { return c == '.' || c == '-' || c == '_'; }

typedef struct cursor {
    const unsigned char *p;
    const unsigned char *end;
} cursor;

/* Matches word (lower case) case-insensitively at the cursor without consuming it. */
static size_t match_word(const cursor *c, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(c->end - c->p) < n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (to_lower(c->p[i]) != (unsigned char)word[i])
            return 0;
    return n;
}

enum number_result { NUMBER_NONE, NUMBER_OK, NUMBER_OVERFLOW };

static enum number_result read_number(cursor *c, uint64_t *out)
{
    if (c->p == c->end || !is_digit(*c->p))
        return NUMBER_NONE;
    uint64_t v = 0;
    bool overflow = false;
    while (c->p < c->end && is_digit(*c->p)) {
        unsigned d = (unsigned)(*c->p - '0');
        if (v > (UINT64_MAX - d) / 10)
            overflow = true;
        else
            v = v * 10 + d;
        c->p++;
    }
    *out = v;
    return overflow ? NUMBER_OVERFLOW : NUMBER_OK;
}

static void version_init(gl_version *v)
{
    memset(v, 0, sizeof *v);
    v->nrelease = 1;
}

static uint64_t *release_slot(gl_version *v, uint32_t index, uint32_t *heap_cap)
{
    if (index < GL_VERSION_INLINE_RELEASE)
        return &v->inline_release[index];
    if (!v->heap_release || index >= *heap_cap) {
        uint32_t cap = *heap_cap ? *heap_cap * 2 : GL_VERSION_INLINE_RELEASE * 4;
        if (cap > UINT32_MAX / 2)
            return NULL;
        uint64_t *grown = realloc(v->heap_release, (size_t)cap * sizeof(uint64_t));
        if (!grown)
            return NULL;
        if (!v->heap_release)
            memcpy(grown, v->inline_release, sizeof v->inline_release);
        v->heap_release = grown;
        *heap_cap = cap;
    }
    return &v->heap_release[index];
}

/* A pre/post/dev suffix: [sep] word [sep] [number], word one of words (longest first, so
 * "alpha" is not read as "a"). The separator after the word is consumed even without a
 * number after it, exactly as the PEP regex does ("1.0a-" is 1.0a0). Leaves the cursor
 * alone and returns NUMBER_NONE when no word matches. */
static enum number_result read_suffix(cursor *c, const char *const *words, size_t nwords, size_t *which,
                                      uint64_t *number)
{
    cursor s = *c;
    if (s.p < s.end && is_separator(*s.p))
        s.p++;
    if (s.p == s.end || !is_alnum_lower(*s.p) || is_digit(*s.p))
        return NUMBER_NONE; /* the common case: nothing, or a local label, follows */
    size_t n = 0;
    for (*which = 0; *which < nwords; (*which)++)
        if (to_lower(*s.p) == (unsigned char)words[*which][0] && (n = match_word(&s, words[*which])))
            break;
    if (!n)
        return NUMBER_NONE;
    s.p += n;
    if (s.p < s.end && is_separator(*s.p))
        s.p++;
    enum number_result r = read_number(&s, number);
    if (r == NUMBER_NONE) {
        *number = 0;
        r = NUMBER_OK;
    }
    *c = s;
    return r;
}

static const char *const pre_words[] = {"preview", "alpha", "beta", "pre", "rc", "a", "b", "c"};
static const uint8_t pre_kinds[] = {GL_PRE_RC, GL_PRE_ALPHA, GL_PRE_BETA, GL_PRE_RC,
                                    GL_PRE_RC, GL_PRE_ALPHA, GL_PRE_BETA, GL_PRE_RC};
static const char *const post_words[] = {"post", "rev", "r"};
static const char *const dev_words[] = {"dev"};

enum parse_status { PARSE_OK, PARSE_OVERFLOW, PARSE_NOMEM, PARSE_NO_RELEASE_AFTER_EPOCH };

/* [N!] N(.N)*, the cursor on a digit. */
static enum parse_status read_epoch_and_release(cursor *c, gl_version *out)
{
    uint64_t number;
    if (read_number(c, &number) == NUMBER_OVERFLOW)
        return PARSE_OVERFLOW;
    if (c->p < c->end && *c->p == '!') {
        out->epoch = number;
        c->p++;
        enum number_result r = read_number(c, &number);
        if (r != NUMBER_OK)
            return r == NUMBER_OVERFLOW ? PARSE_OVERFLOW : PARSE_NO_RELEASE_AFTER_EPOCH;
    }
    out->inline_release[0] = number;
    uint32_t count = 1, heap_cap = 0;
    while (c->end - c->p >= 2 && c->p[0] == '.' && is_digit(c->p[1])) {
        c->p++;
        if (read_number(c, &number) == NUMBER_OVERFLOW)
            return PARSE_OVERFLOW;
        uint64_t *slot = count < UINT32_MAX ? release_slot(out, count, &heap_cap) : NULL;
        if (!slot)
            return PARSE_NOMEM;
        *slot = number;
        count++;
    }
    out->nrelease = count;
    return PARSE_OK;
}

/* [sep] pre, then post ("-N" or [sep] post-word), then [sep] dev, each optional. */
static enum parse_status read_suffixes(cursor *c, gl_version *out)
{
    size_t which;
    enum number_result r = read_suffix(c, pre_words, sizeof pre_words / sizeof pre_words[0], &which, &out->pre);
    if (r == NUMBER_OVERFLOW)
        return PARSE_OVERFLOW;
    if (r == NUMBER_OK)
        out->pre_kind = pre_kinds[which];

    if (c->end - c->p >= 2 && c->p[0] == '-' && is_digit(c->p[1])) {
        c->p++;
        r = read_number(c, &out->post);
    } else {
        r = read_suffix(c, post_words, sizeof post_words / sizeof post_words[0], &which, &out->post);
    }
    if (r == NUMBER_OVERFLOW)
        return PARSE_OVERFLOW;
    out->has_post = r == NUMBER_OK;

    r = read_suffix(c, dev_words, 1, &which, &out->dev);
    if (r == NUMBER_OVERFLOW)
        return PARSE_OVERFLOW;
    out->has_dev = r == NUMBER_OK;
    return PARSE_OK;
}

/* Copies the local label lower-cased with '.' separators and numeric segments without
 * leading zeros, as packaging's str(Version) prints it. */
static char *normalise_local(const unsigned char *p, const unsigned char *end)
{
    char *local = malloc((size_t)(end - p) + 1);
    if (!local)
        return NULL;
    size_t n = 0;
    while (p < end) {
        const unsigned char *segment = p;
        bool numeric = true;
        while (p < end && !is_separator(*p)) {
            if (!is_digit(*p))
                numeric = false;
            p++;
        }
        if (numeric) {
            while (segment + 1 < p && *segment == '0')
                segment++;
        }
        for (; segment < p; segment++)
            local[n++] = (char)to_lower(*segment);
        if (p < end) {
            local[n++] = '.';
            p++;
        }
    }
    local[n] = '\0';
    return local;
}

/* Local label after '+': [a-z0-9]+ ([-_.][a-z0-9]+)*. Returns NULL and sets out->local,
 * or the reason it is malformed (*at where); out->local stays NULL when memory ran out. */
static const char *read_local(cursor *c, gl_version *out, const unsigned char **at)
{
    const unsigned char *label = c->p;
    for (;;) {
        *at = c->p;
        if (c->p == c->end && c->p == label)
            return "empty local version label after '+'";
        if (c->p == label && !is_alnum_lower(*c->p))
            return "a local version label starts with a letter or digit";
        if (c->p == c->end || !is_alnum_lower(*c->p))
            return "empty segment in local version label";
        while (c->p < c->end && is_alnum_lower(*c->p))
            c->p++;
        if (c->p == c->end)
            break;
        if (!is_separator(*c->p)) {
            *at = c->p;
            return "local version labels may only hold letters, digits and . - _";
        }
        c->p++;
    }
    out->local = normalise_local(label, c->p);
    return NULL;
}

static bool fail(gl_version *out, gl_error *err, const char *text, size_t len, const char *reason,
                 const unsigned char *at, const unsigned char *end)
{
    char quoted[200], rest[80];
    gl_error_quote(quoted, sizeof quoted, text, len);
    if (at && at < end) {
        gl_error_quote(rest, sizeof rest, (const char *)at, (size_t)(end - at));
        gl_error_set(err, GL_EINVAL, "invalid version '%s': %s at '%s'", quoted, reason, rest);
    } else {
        gl_error_set(err, GL_EINVAL, "invalid version '%s': %s", quoted, reason);
    }
    gl_version_free(out);
    return false;
}

static bool fail_status(gl_version *out, gl_error *err, const char *text, size_t len, enum parse_status status)
{
    if (status == PARSE_NOMEM) {
        gl_error_set(err, GL_ENOMEM, "out of memory parsing a version");
        gl_version_free(out);
        return false;
    }
    return fail(out, err, text, len, "number larger than 18446744073709551615", NULL, NULL);
}

/* "unexpected 'bc' after '1.0-a'": what the parser could not place, and how far it got. */
static bool fail_unexpected(gl_version *out, gl_error *err, const char *text, size_t len,
                            const unsigned char *parsed_from, const unsigned char *at, const unsigned char *end)
{
    char quoted[200], rest[80], parsed[80];
    gl_error_quote(quoted, sizeof quoted, text, len);
    gl_error_quote(rest, sizeof rest, (const char *)at, (size_t)(end - at));
    gl_error_quote(parsed, sizeof parsed, (const char *)parsed_from, (size_t)(at - parsed_from));
    gl_error_set(err, GL_EINVAL, "invalid version '%s': unexpected '%s' after '%s'", quoted, rest, parsed);
    gl_version_free(out);
    return false;
}

bool gl_version_parse(gl_version *out, const char *text, size_t len, gl_error *err)
{
    version_init(out);
    if (!text)
        return fail(out, err, "", 0, "no version given", NULL, NULL);
    cursor c = {(const unsigned char *)text, (const unsigned char *)text + len};
    for (size_t n; (n = gl_version_space_at((const char *)c.p, (const char *)c.end));)
        c.p += n;
    for (size_t n; (n = gl_version_space_before((const char *)c.p, (const char *)c.end));)
        c.end -= n;
    if (c.p == c.end)
        return fail(out, err, text, len, "empty version", NULL, NULL);
    const unsigned char *start = c.p;
    if (to_lower(*c.p) == 'v')
        c.p++;
    if (c.p == c.end || !is_digit(*c.p))
        return fail(out, err, text, len, "a version starts with a release number (digits)", NULL, NULL);

    enum parse_status status = read_epoch_and_release(&c, out);
    if (status == PARSE_NO_RELEASE_AFTER_EPOCH)
        return fail(out, err, text, len, "expected a release number after the epoch", c.p, c.end);
    if (status != PARSE_OK)
        return fail_status(out, err, text, len, status);
    status = read_suffixes(&c, out);
    if (status != PARSE_OK)
        return fail_status(out, err, text, len, status);
    if (c.p < c.end && *c.p == '+') {
        c.p++;
        const unsigned char *at;
        const char *reason = read_local(&c, out, &at);
        if (reason)
            return fail(out, err, text, len, reason, at, c.end);
        if (!out->local)
            return fail_status(out, err, text, len, PARSE_NOMEM);
    }
    if (c.p != c.end)
        return fail_unexpected(out, err, text, len, start, c.p, c.end);
    return true;
}

bool gl_version_parse_cstr(gl_version *out, const char *text, gl_error *err)
{
    return gl_version_parse(out, text, text ? strlen(text) : 0, err);
}

void gl_version_free(gl_version *v)
{
    if (!v)
        return;
    free(v->heap_release);
    free(v->local);
    version_init(v);
}

bool gl_version_copy(gl_version *dst, const gl_version *src)
{
    *dst = *src;
    dst->heap_release = NULL;
    dst->local = NULL;
    if (src->heap_release) {
        size_t bytes = (size_t)src->nrelease * sizeof(uint64_t);
        dst->heap_release = malloc(bytes);
        if (!dst->heap_release) {
            version_init(dst);
            return false;
        }
        memcpy(dst->heap_release, src->heap_release, bytes);
    }
    if (src->local) {
        dst->local = strdup(src->local);
        if (!dst->local) {
            gl_version_free(dst);
            return false;
        }
    }
    return true;
}

static int cmp_u64(uint64_t a, uint64_t b) { return a < b ? -1 : a > b; }

/* Pre-release key as the PEP orders it: a dev release of a final sorts before any
 * pre-release of it, a final (or post) sorts after all of them. */
static int pre_rank(const gl_version *v)
{
    if (v->pre_kind != GL_PRE_NONE)
        return 1;
    return (!v->has_post && v->has_dev) ? 0 : 2;
}

int gl_version_compare_public(const gl_version *a, const gl_version *b)
{
    int c = cmp_u64(a->epoch, b->epoch);
    if (c)
        return c;
    const uint64_t *ra = gl_version_release(a), *rb = gl_version_release(b);
    uint32_t n = a->nrelease > b->nrelease ? a->nrelease : b->nrelease;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t x = i < a->nrelease ? ra[i] : 0, y = i < b->nrelease ? rb[i] : 0;
        if (x != y)
            return x < y ? -1 : 1;
    }
    int pa = pre_rank(a), pb = pre_rank(b);
    if (pa != pb)
        return pa < pb ? -1 : 1;
    if (pa == 1) {
        if (a->pre_kind != b->pre_kind)
            return a->pre_kind < b->pre_kind ? -1 : 1;
        if ((c = cmp_u64(a->pre, b->pre)))
            return c;
    }
    if (a->has_post != b->has_post)
        return a->has_post ? 1 : -1;
    if (a->has_post && (c = cmp_u64(a->post, b->post)))
        return c;
    if (a->has_dev != b->has_dev)
        return a->has_dev ? -1 : 1;
    if (a->has_dev)
        return cmp_u64(a->dev, b->dev);
    return 0;
}

static bool segment_is_numeric(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!is_digit((unsigned char)s[i]))
            return false;
    return true;
}

/* Local labels are stored normalised: numeric segments have no leading zeros, so a
 * longer numeric segment is a larger number. */
static int compare_local(const char *a, const char *b)
{
    if (!a || !b)
        return a ? 1 : b ? -1 : 0;
    for (;;) {
        size_t na = strcspn(a, "."), nb = strcspn(b, ".");
        bool da = segment_is_numeric(a, na), db = segment_is_numeric(b, nb);
        if (da != db)
            return da ? 1 : -1;
        if (da && na != nb)
            return na < nb ? -1 : 1;
        int c = memcmp(a, b, na < nb ? na : nb);
        if (c)
            return c < 0 ? -1 : 1;
        if (na != nb)
            return na < nb ? -1 : 1;
        a += na;
        b += nb;
        if (!*a || !*b)
            return *a ? 1 : *b ? -1 : 0;
        a++;
        b++;
    }
}

int gl_version_compare(const gl_version *a, const gl_version *b)
{
    int c = gl_version_compare_public(a, b);
    if (c)
        return c;
    if (a->local == b->local)
        return 0;
    return compare_local(a->local, b->local);
}

bool gl_version_is_prerelease(const gl_version *v) { return v->pre_kind != GL_PRE_NONE || v->has_dev; }

bool gl_version_is_postrelease(const gl_version *v) { return v->has_post; }

typedef struct writer {
    char *buf;
    size_t size;
    size_t len;
} writer;

static void put_str(writer *w, const char *s, size_t n)
{
    if (w->len < w->size) {
        size_t room = w->size - 1 - w->len;
        memcpy(w->buf + w->len, s, n < room ? n : room);
    }
    w->len += n;
}

static void put_u64(writer *w, uint64_t v)
{
    char digits[20];
    size_t n = 0;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    put_str(w, digits + sizeof digits - n, n);
}

static size_t format(const gl_version *v, char *buf, size_t size, bool with_local)
{
    writer w = {buf, size, 0};
    if (v->epoch) {
        put_u64(&w, v->epoch);
        put_str(&w, "!", 1);
    }
    const uint64_t *r = gl_version_release(v);
    for (uint32_t i = 0; i < v->nrelease; i++) {
        if (i)
            put_str(&w, ".", 1);
        put_u64(&w, r[i]);
    }
    if (v->pre_kind != GL_PRE_NONE) {
        static const char *const labels[] = {"", "a", "b", "rc"};
        const char *label = v->pre_kind < 4 ? labels[v->pre_kind] : "?";
        put_str(&w, label, strlen(label));
        put_u64(&w, v->pre);
    }
    if (v->has_post) {
        put_str(&w, ".post", 5);
        put_u64(&w, v->post);
    }
    if (v->has_dev) {
        put_str(&w, ".dev", 4);
        put_u64(&w, v->dev);
    }
    if (with_local && v->local) {
        put_str(&w, "+", 1);
        put_str(&w, v->local, strlen(v->local));
    }
    if (size)
        buf[w.len < size ? w.len : size - 1] = '\0';
    return w.len;
}

size_t gl_version_format(const gl_version *v, char *buf, size_t size) { return format(v, buf, size, true); }

size_t gl_version_format_public(const gl_version *v, char *buf, size_t size)
{
    return format(v, buf, size, false);
}

char *gl_version_to_string(const gl_version *v)
{
    size_t n = gl_version_format(v, NULL, 0);
    char *s = malloc(n + 1);
    if (s)
        gl_version_format(v, s, n + 1);
    return s;
}
