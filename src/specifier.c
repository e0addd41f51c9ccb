#include "specifier.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

static unsigned char to_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

static bool isdigit_ascii(char c) { return c >= '0' && c <= '9'; }

static const struct {
    const char *text;
    gl_spec_op op;
} operators[] = {
    /* Longest first, so "===" is not read as "==" followed by "=". */
    {"===", GL_OP_ARBITRARY}, {"~=", GL_OP_COMPATIBLE}, {"==", GL_OP_EQ}, {"!=", GL_OP_NE},
    {"<=", GL_OP_LE},         {">=", GL_OP_GE},         {"<", GL_OP_LT},  {">", GL_OP_GT},
};

static const char *op_text(gl_spec_op op)
{
    switch (op) {
    case GL_OP_COMPATIBLE: return "~=";
    case GL_OP_EQ:
    case GL_OP_EQ_PREFIX: return "==";
    case GL_OP_NE:
    case GL_OP_NE_PREFIX: return "!=";
    case GL_OP_LE: return "<=";
    case GL_OP_GE: return ">=";
    case GL_OP_LT: return "<";
    case GL_OP_GT: return ">";
    case GL_OP_ARBITRARY: return "===";
    }
    return "?";
}

static void specifier_free(gl_specifier *s)
{
    gl_version_free(&s->version);
    free(s->text);
    s->text = NULL;
}

static bool spec_fail(gl_error *err, const char *whole, size_t whole_len, const char *reason)
{
    char quoted[300];
    gl_error_quote(quoted, sizeof quoted, whole, whole_len);
    gl_error_set(err, GL_EINVAL, "invalid specifier '%s': %s", quoted, reason);
    return false;
}

/* Parses one comma-free item (already trimmed, non-empty) into *out. */
static bool parse_one(gl_specifier *out, const char *item, size_t len, const char *whole, size_t whole_len,
                      gl_error *err)
{
    memset(out, 0, sizeof *out);
    out->version.nrelease = 1;
    size_t oplen = 0;
    for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++) {
        size_t n = strlen(operators[i].text);
        if (len >= n && !memcmp(item, operators[i].text, n)) {
            out->op = operators[i].op;
            oplen = n;
            break;
        }
    }
    if (!oplen) {
        char reason[200], quoted[120];
        gl_error_quote(quoted, sizeof quoted, item, len);
        snprintf(reason, sizeof reason, "expected an operator (~=, ==, !=, <=, >=, <, >, ===) at '%s'", quoted);
        return spec_fail(err, whole, whole_len, reason);
    }
    const char *v = item + oplen;
    size_t vlen = len - oplen;
    for (size_t n; (n = gl_version_space_at(v, v + vlen));)
        v += n, vlen -= n;
    if (!vlen || (out->op != GL_OP_ARBITRARY && !(isdigit_ascii(*v) || *v == 'v' || *v == 'V'))) {
        char reason[200], quoted[120];
        gl_error_quote(quoted, sizeof quoted, v, vlen);
        snprintf(reason, sizeof reason, vlen ? "expected a version after '%s', found '%s'" : "no version after '%s'",
                 op_text(out->op), quoted);
        return spec_fail(err, whole, whole_len, reason);
    }
    for (size_t i = 0; i < vlen; i++) {
        unsigned char c = (unsigned char)v[i];
        if (gl_version_space_at(v + i, v + vlen))
            return spec_fail(err, whole, whole_len, "whitespace inside the version");
        if (out->op == GL_OP_ARBITRARY && (c == ';' || c == ')'))
            return spec_fail(err, whole, whole_len, "'===' versions may not contain ';' or ')'");
    }
    out->text = malloc(vlen + 1);
    if (!out->text) {
        gl_error_set(err, GL_ENOMEM, "out of memory parsing specifier");
        return false;
    }
    memcpy(out->text, v, vlen);
    out->text[vlen] = '\0';
    if (out->op == GL_OP_ARBITRARY)
        return true;

    bool wildcard = vlen >= 2 && v[vlen - 2] == '.' && v[vlen - 1] == '*';
    if (wildcard) {
        if (out->op != GL_OP_EQ && out->op != GL_OP_NE) {
            specifier_free(out);
            return spec_fail(err, whole, whole_len, "'.*' is only allowed with == and !=");
        }
        out->op = out->op == GL_OP_EQ ? GL_OP_EQ_PREFIX : GL_OP_NE_PREFIX;
        vlen -= 2;
    }
    gl_error verr;
    if (!gl_version_parse(&out->version, v, vlen, &verr)) {
        specifier_free(out);
        if (verr.code == GL_ENOMEM) {
            if (err)
                *err = verr;
            return false;
        }
        return spec_fail(err, whole, whole_len, verr.message);
    }
    const gl_version *ver = &out->version;
    const char *reason = NULL;
    if (wildcard && (ver->pre_kind != GL_PRE_NONE || ver->has_post || ver->has_dev || ver->local))
        reason = "'.*' may only follow a release number (no pre, post, dev or local part)";
    else if (ver->local && out->op != GL_OP_EQ && out->op != GL_OP_NE)
        reason = "a local version label is only allowed with == and !=";
    else if (out->op == GL_OP_COMPATIBLE && ver->nrelease < 2)
        reason = "'~=' needs a version with at least two release numbers";
    if (reason) {
        specifier_free(out);
        return spec_fail(err, whole, whole_len, reason);
    }
    return true;
}

static bool trim(const char **p, size_t *len)
{
    for (size_t n; (n = gl_version_space_at(*p, *p + *len));)
        *p += n, *len -= n;
    for (size_t n; (n = gl_version_space_before(*p, *p + *len));)
        *len -= n;
    return *len != 0;
}

/* The identity packaging uses to collapse duplicates: operator plus the version with
 * trailing zeros dropped (kept for ~=, whose meaning depends on them); wildcard and
 * === specifiers as written. */
static char *canonical_key(const gl_specifier *s)
{
    if (s->op == GL_OP_ARBITRARY || s->op == GL_OP_EQ_PREFIX || s->op == GL_OP_NE_PREFIX) {
        size_t n = strlen(op_text(s->op)) + strlen(s->text) + 1;
        char *key = malloc(n);
        if (key)
            snprintf(key, n, "%s%s", op_text(s->op), s->text);
        return key;
    }
    gl_version trimmed;
    if (!gl_version_copy(&trimmed, &s->version))
        return NULL;
    if (s->op != GL_OP_COMPATIBLE) {
        const uint64_t *r = gl_version_release(&trimmed);
        while (trimmed.nrelease > 1 && r[trimmed.nrelease - 1] == 0)
            trimmed.nrelease--;
    }
    size_t vn = gl_version_format(&trimmed, NULL, 0);
    size_t n = strlen(op_text(s->op)) + vn + 1;
    char *key = malloc(n);
    if (key) {
        strcpy(key, op_text(s->op));
        gl_version_format(&trimmed, key + strlen(key), vn + 1);
    }
    gl_version_free(&trimmed);
    return key;
}

bool gl_specifier_set_parse(gl_specifier_set *out, const char *text, size_t len, gl_error *err)
{
    out->items = NULL;
    out->count = 0;
    if (!text)
        return len == 0 || spec_fail(err, "", 0, "no specifier given");
    /* The text is kept as C strings ('===' versions, display), so it cannot hold NUL. */
    if (memchr(text, '\0', len))
        return spec_fail(err, text, len, "contains a NUL byte");
    size_t cap = 0;
    const char *p = text, *end = text + len;
    while (p <= end) {
        const char *comma = memchr(p, ',', (size_t)(end - p));
        const char *item_end = comma ? comma : end;
        const char *item = p;
        size_t item_len = (size_t)(item_end - p);
        /* Empty items ("a,,b", a trailing comma) are skipped, as packaging's SpecifierSet does. */
        if (trim(&item, &item_len)) {
            if (out->count == cap) {
                size_t ncap = cap ? cap * 2 : 4;
                gl_specifier *grown = realloc(out->items, ncap * sizeof *grown);
                if (!grown) {
                    gl_specifier_set_free(out);
                    gl_error_set(err, GL_ENOMEM, "out of memory parsing specifier");
                    return false;
                }
                out->items = grown;
                cap = ncap;
            }
            if (!parse_one(&out->items[out->count], item, item_len, text, len, err)) {
                gl_specifier_set_free(out);
                return false;
            }
            out->count++;
        }
        if (!comma)
            break;
        p = comma + 1;
    }
    return true;
}

void gl_specifier_set_free(gl_specifier_set *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->count; i++)
        specifier_free(&s->items[i]);
    free(s->items);
    s->items = NULL;
    s->count = 0;
}

static bool names_prerelease(const gl_specifier *s)
{
    switch (s->op) {
    case GL_OP_NE:
    case GL_OP_NE_PREFIX:
    case GL_OP_EQ_PREFIX: return false;
    case GL_OP_ARBITRARY: {
        gl_version v;
        bool pre = gl_version_parse_cstr(&v, s->text, NULL) && gl_version_is_prerelease(&v);
        gl_version_free(&v);
        return pre;
    }
    default: return gl_version_is_prerelease(&s->version);
    }
}

bool gl_specifier_set_names_prerelease(const gl_specifier_set *s)
{
    for (size_t i = 0; i < s->count; i++)
        if (names_prerelease(&s->items[i]))
            return true;
    return false;
}

/* Epoch equal and the candidate's release, padded with zeros, starts with prefix[0..n). */
static bool release_prefix_matches(const gl_version *v, uint64_t epoch, const uint64_t *prefix, uint32_t n)
{
    if (v->epoch != epoch)
        return false;
    const uint64_t *r = gl_version_release(v);
    for (uint32_t i = 0; i < n; i++)
        if ((i < v->nrelease ? r[i] : 0) != prefix[i])
            return false;
    return true;
}

/* Epoch and release equal, trailing zeros ignored: packaging's base_version equality. */
static bool same_base(const gl_version *a, const gl_version *b)
{
    if (a->epoch != b->epoch)
        return false;
    const uint64_t *ra = gl_version_release(a), *rb = gl_version_release(b);
    uint32_t n = a->nrelease > b->nrelease ? a->nrelease : b->nrelease;
    for (uint32_t i = 0; i < n; i++)
        if ((i < a->nrelease ? ra[i] : 0) != (i < b->nrelease ? rb[i] : 0))
            return false;
    return true;
}

static bool arbitrary_equal(const gl_version *v, const char *text)
{
    char buf[256];
    size_t n = gl_version_format(v, buf, sizeof buf);
    char *s = n < sizeof buf ? buf : gl_version_to_string(v);
    if (!s)
        return false;
    size_t i = 0;
    for (; s[i] && text[i]; i++)
        if (to_lower((unsigned char)s[i]) != to_lower((unsigned char)text[i]))
            break;
    bool equal = !s[i] && !text[i];
    if (s != buf)
        free(s);
    return equal;
}

/* The operator alone, pre-release policy left to the caller. */
static bool operator_matches(const gl_specifier *s, const gl_version *v)
{
    const gl_version *spec = &s->version;
    switch (s->op) {
    case GL_OP_EQ:
        return (spec->local ? gl_version_compare(v, spec) : gl_version_compare_public(v, spec)) == 0;
    case GL_OP_NE:
        return (spec->local ? gl_version_compare(v, spec) : gl_version_compare_public(v, spec)) != 0;
    case GL_OP_EQ_PREFIX:
        return release_prefix_matches(v, spec->epoch, gl_version_release(spec), spec->nrelease);
    case GL_OP_NE_PREFIX:
        return !release_prefix_matches(v, spec->epoch, gl_version_release(spec), spec->nrelease);
    case GL_OP_COMPATIBLE:
        return gl_version_compare_public(v, spec) >= 0 &&
               release_prefix_matches(v, spec->epoch, gl_version_release(spec), spec->nrelease - 1);
    case GL_OP_LE: return gl_version_compare_public(v, spec) <= 0;
    case GL_OP_GE: return gl_version_compare_public(v, spec) >= 0;
    case GL_OP_LT:
        /* <1.7 must not admit 1.7rc1: pre-releases of the named release are not "less". */
        if (gl_version_compare_public(v, spec) >= 0)
            return false;
        return gl_version_is_prerelease(spec) || !gl_version_is_prerelease(v) || !same_base(v, spec);
    case GL_OP_GT:
        /* >1.7 must admit neither 1.7.post1 (unless the spec is a post-release) nor 1.7+local. */
        if (gl_version_compare(v, spec) <= 0)
            return false;
        if (!gl_version_is_postrelease(spec) && gl_version_is_postrelease(v) && same_base(v, spec))
            return false;
        return !(v->local && same_base(v, spec));
    case GL_OP_ARBITRARY: return arbitrary_equal(v, s->text);
    }
    return false;
}

bool gl_specifier_contains(const gl_specifier *s, const gl_version *v, bool allow_pre)
{
    if (gl_version_is_prerelease(v) && !allow_pre && !names_prerelease(s))
        return false;
    return operator_matches(s, v);
}

bool gl_specifier_set_contains(const gl_specifier_set *s, const gl_version *v, bool allow_pre)
{
    if (gl_version_is_prerelease(v) && !allow_pre && !gl_specifier_set_names_prerelease(s))
        return false;
    for (size_t i = 0; i < s->count; i++)
        if (!operator_matches(&s->items[i], v))
            return false;
    return true;
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char *gl_specifier_set_to_string(const gl_specifier_set *s)
{
    char **shown = calloc(s->count ? s->count : 1, sizeof *shown);
    char **keys = calloc(s->count ? s->count : 1, sizeof *keys);
    char *result = NULL;
    size_t nshown = 0;
    if (!shown || !keys)
        goto done;
    for (size_t i = 0; i < s->count; i++) {
        keys[i] = canonical_key(&s->items[i]);
        if (!keys[i])
            goto done;
        /* Equal specifiers (">=1.0" and ">=1") collapse to the first one written. */
        bool duplicate = false;
        for (size_t j = 0; j < i && !duplicate; j++)
            duplicate = !strcmp(keys[i], keys[j]);
        if (duplicate)
            continue;
        const char *op = op_text(s->items[i].op);
        size_t n = strlen(op) + strlen(s->items[i].text) + 1;
        shown[nshown] = malloc(n);
        if (!shown[nshown])
            goto done;
        snprintf(shown[nshown], n, "%s%s", op, s->items[i].text);
        nshown++;
    }
    qsort(shown, nshown, sizeof *shown, compare_strings);
    gl_strbuf joined = GL_STRBUF_INIT;
    bool ok = true;
    for (size_t i = 0; i < nshown && ok; i++)
        ok = (i == 0 || gl_strbuf_putc(&joined, ',')) && gl_strbuf_puts(&joined, shown[i]);
    if (ok)
        result = gl_strbuf_detach(&joined);
    gl_strbuf_free(&joined);
done:
    for (size_t i = 0; shown && i < nshown; i++)
        free(shown[i]);
    for (size_t i = 0; keys && i < s->count; i++)
        free(keys[i]);
    free(shown);
    free(keys);
    return result;
}
