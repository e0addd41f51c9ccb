/* marker.c — PEP 508 environment markers: a recursive-descent parser ("and" binds tighter
 * than "or"), packaging's canonical text, and evaluation against an open environment. */
#include "marker.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "specifier.h"
#include "strbuf.h"
#include "version.h"

/* Parentheses deeper than this are refused: recursion depth stays bounded on any input. */
#define MAX_NESTING 100
/* How much of an offending input an error message quotes. */
#define QUOTE_MAX 300

/* ---- environment ---------------------------------------------------------------------- */

typedef struct env_entry {
    char *key;
    char *value;
} env_entry;

struct gl_marker_env {
    env_entry *items; /* sorted by key */
    size_t count;
    size_t cap;
};

gl_marker_env *gl_marker_env_new(void) { return calloc(1, sizeof(gl_marker_env)); }

gl_marker_env *gl_marker_env_new_default(void)
{
    static const char *const defaults[][2] = {
        {"implementation_name", "cpython"},
        {"implementation_version", "3.11.7"},
        {"os_name", "posix"},
        {"platform_machine", "x86_64"},
        {"platform_python_implementation", "CPython"},
        {"platform_release", ""},
        {"platform_system", "Linux"},
        {"platform_version", ""},
        {"python_full_version", "3.11.7"},
        {"python_version", "3.11"},
        {"sys_platform", "linux"},
    };
    gl_marker_env *env = gl_marker_env_new();
    if (!env)
        return NULL;
    for (size_t i = 0; i < sizeof defaults / sizeof defaults[0]; i++) {
        if (!gl_marker_env_set(env, defaults[i][0], defaults[i][1])) {
            gl_marker_env_free(env);
            return NULL;
        }
    }
    return env;
}

void gl_marker_env_free(gl_marker_env *env)
{
    if (!env)
        return;
    for (size_t i = 0; i < env->count; i++) {
        free(env->items[i].key);
        free(env->items[i].value);
    }
    free(env->items);
    free(env);
}

gl_marker_env *gl_marker_env_copy(const gl_marker_env *env)
{
    gl_marker_env *copy = gl_marker_env_new();
    if (!copy)
        return NULL;
    for (size_t i = 0; env && i < env->count; i++) {
        if (!gl_marker_env_set(copy, env->items[i].key, env->items[i].value)) {
            gl_marker_env_free(copy);
            return NULL;
        }
    }
    return copy;
}

/* Index of key, or of where it would be inserted (*found tells which). */
static size_t env_find(const gl_marker_env *env, const char *key, bool *found)
{
    size_t lo = 0, hi = env->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(env->items[mid].key, key);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

bool gl_marker_env_set(gl_marker_env *env, const char *key, const char *value)
{
    bool found;
    size_t at = env_find(env, key, &found);
    char *v = strdup(value);
    if (!v)
        return false;
    if (found) {
        free(env->items[at].value);
        env->items[at].value = v;
        return true;
    }
    char *k = strdup(key);
    if (!k) {
        free(v);
        return false;
    }
    if (env->count == env->cap) {
        size_t cap = env->cap ? env->cap * 2 : 16;
        env_entry *items = realloc(env->items, cap * sizeof *items);
        if (!items) {
            free(k);
            free(v);
            return false;
        }
        env->items = items;
        env->cap = cap;
    }
    memmove(env->items + at + 1, env->items + at, (env->count - at) * sizeof *env->items);
    env->items[at].key = k;
    env->items[at].value = v;
    env->count++;
    return true;
}

const char *gl_marker_env_get(const gl_marker_env *env, const char *key)
{
    bool found;
    size_t at = env_find(env, key, &found);
    return found ? env->items[at].value : NULL;
}

size_t gl_marker_env_count(const gl_marker_env *env) { return env->count; }

const char *gl_marker_env_key_at(const gl_marker_env *env, size_t i)
{
    return i < env->count ? env->items[i].key : NULL;
}

const char *gl_marker_env_value_at(const gl_marker_env *env, size_t i)
{
    return i < env->count ? env->items[i].value : NULL;
}

/* ---- variables and names ------------------------------------------------------------------ */

static const struct {
    const char *spelling;
    const char *canonical;
} standard_variables[] = {
    {"python_version", "python_version"},
    {"python_full_version", "python_full_version"},
    {"os_name", "os_name"},
    {"sys_platform", "sys_platform"},
    {"platform_release", "platform_release"},
    {"platform_system", "platform_system"},
    {"platform_version", "platform_version"},
    {"platform_machine", "platform_machine"},
    {"platform_python_implementation", "platform_python_implementation"},
    {"implementation_name", "implementation_name"},
    {"implementation_version", "implementation_version"},
    {"extra", "extra"},
    /* the pre-PEP 508 spellings packaging still accepts */
    {"os.name", "os_name"},
    {"sys.platform", "sys_platform"},
    {"platform.version", "platform_version"},
    {"platform.machine", "platform_machine"},
    {"platform.python_implementation", "platform_python_implementation"},
    {"python_implementation", "platform_python_implementation"},
};

static const char *standard_canonical(const char *name, size_t len)
{
    for (size_t i = 0; i < sizeof standard_variables / sizeof standard_variables[0]; i++) {
        const char *s = standard_variables[i].spelling;
        if (strlen(s) == len && !memcmp(s, name, len))
            return standard_variables[i].canonical;
    }
    return NULL;
}

bool gl_marker_is_standard_variable(const char *name)
{
    return standard_canonical(name, strlen(name)) != NULL;
}

const char *gl_marker_variable_canonical(const char *name) { return standard_canonical(name, strlen(name)); }

/* packaging's canonicalize_name, used on both sides of a comparison with extra (PEP 685). */
static char *canonicalize_dup(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t n = 0;
    bool in_separator_run = false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '-' || c == '_' || c == '.') {
            if (!in_separator_run)
                out[n++] = '-';
            in_separator_run = true;
            continue;
        }
        in_separator_run = false;
        out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    out[n] = '\0';
    return out;
}

/* ---- AST helpers -------------------------------------------------------------------------- */

static void node_free(gl_marker_node *n)
{
    if (!n)
        return;
    free(n->lhs.text);
    free(n->rhs.text);
    for (size_t i = 0; i < n->nchildren; i++)
        node_free(n->children[i]);
    free(n->children);
    free(n);
}

static gl_marker_node *node_copy(const gl_marker_node *n)
{
    gl_marker_node *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->kind = n->kind;
    c->op = n->op;
    c->parenthesized = n->parenthesized;
    c->lhs.is_variable = n->lhs.is_variable;
    c->rhs.is_variable = n->rhs.is_variable;
    if ((n->lhs.text && !(c->lhs.text = strdup(n->lhs.text))) ||
        (n->rhs.text && !(c->rhs.text = strdup(n->rhs.text)))) {
        node_free(c);
        return NULL;
    }
    if (n->nchildren) {
        c->children = calloc(n->nchildren, sizeof *c->children);
        if (!c->children) {
            node_free(c);
            return NULL;
        }
        for (size_t i = 0; i < n->nchildren; i++) {
            c->children[i] = node_copy(n->children[i]);
            c->nchildren = i + 1;
            if (!c->children[i]) {
                node_free(c);
                return NULL;
            }
        }
    }
    return c;
}

void gl_marker_free(gl_marker *m)
{
    if (!m)
        return;
    node_free(m->root);
    for (size_t i = 0; i < m->nextras; i++)
        free(m->extras[i]);
    free(m->extras);
    free(m);
}

gl_marker *gl_marker_copy(const gl_marker *m)
{
    gl_marker *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->root = node_copy(m->root);
    c->extras = m->nextras ? calloc(m->nextras, sizeof *c->extras) : NULL;
    if (!c->root || (m->nextras && !c->extras)) {
        gl_marker_free(c);
        return NULL;
    }
    for (size_t i = 0; i < m->nextras; i++) {
        c->extras[i] = strdup(m->extras[i]);
        c->nextras = i + 1;
        if (!c->extras[i]) {
            gl_marker_free(c);
            return NULL;
        }
    }
    return c;
}

/* ---- parser ------------------------------------------------------------------------------- */

typedef struct parser {
    const char *text;
    size_t len;
    size_t pos;
    const gl_marker_env *vars;
    bool failed;
    bool oom;
    char reason[512];
} parser;

static void fail(parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(parser *p, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->reason, sizeof p->reason, fmt, ap);
    va_end(ap);
}

static void fail_oom(parser *p)
{
    fail(p, "out of memory");
    p->oom = true;
}

static bool is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.';
}

static void skip_ws(parser *p)
{
    while (p->pos < p->len && (p->text[p->pos] == ' ' || p->text[p->pos] == '\t'))
        p->pos++;
}

static size_t word_len_at(const parser *p, size_t pos)
{
    size_t n = 0;
    while (pos + n < p->len && is_word_char(p->text[pos + n]))
        n++;
    return n;
}

/* Describes what stands at the current position, for messages. */
static void describe_here(const parser *p, char *buf, size_t size)
{
    if (p->pos >= p->len) {
        snprintf(buf, size, "end of input");
        return;
    }
    size_t n = word_len_at(p, p->pos);
    unsigned char c = (unsigned char)p->text[p->pos];
    if (n == 0 && (c < 0x20 || c >= 0x7f)) {
        snprintf(buf, size, "byte 0x%02x at column %zu", c, p->pos + 1);
        return;
    }
    if (n == 0)
        n = 1;
    if (n > 40)
        n = 40;
    snprintf(buf, size, "'%.*s' at column %zu", (int)n, p->text + p->pos, p->pos + 1);
}

/* Consumes keyword kw (a whole word) if it comes next. */
static bool accept_keyword(parser *p, const char *kw)
{
    skip_ws(p);
    size_t n = word_len_at(p, p->pos);
    if (n != strlen(kw) || memcmp(p->text + p->pos, kw, n))
        return false;
    p->pos += n;
    return true;
}

static bool is_keyword(const char *w, size_t n)
{
    static const char *const keywords[] = {"and", "or", "not", "in"};
    for (size_t i = 0; i < 4; i++)
        if (strlen(keywords[i]) == n && !memcmp(keywords[i], w, n))
            return true;
    return false;
}

static bool parse_operand(parser *p, gl_marker_operand *out)
{
    skip_ws(p);
    if (p->pos < p->len && (p->text[p->pos] == '"' || p->text[p->pos] == '\'')) {
        char quote = p->text[p->pos];
        const char *start = p->text + p->pos + 1;
        const char *end = memchr(start, quote, p->len - p->pos - 1);
        if (!end) {
            fail(p, "unterminated string starting at column %zu", p->pos + 1);
            return false;
        }
        out->is_variable = false;
        out->text = strndup(start, (size_t)(end - start));
        if (!out->text) {
            fail_oom(p);
            return false;
        }
        p->pos = (size_t)(end - p->text) + 1;
        return true;
    }
    size_t n = word_len_at(p, p->pos);
    const char *word = p->text + p->pos;
    bool starts_like_name = n > 0 && !(word[0] >= '0' && word[0] <= '9') && word[0] != '.';
    if (!starts_like_name || is_keyword(word, n)) {
        char here[80];
        describe_here(p, here, sizeof here);
        fail(p, "expected a marker variable or a quoted string, found %s", here);
        return false;
    }
    const char *canonical = standard_canonical(word, n);
    char *name = canonical ? strdup(canonical) : strndup(word, n);
    if (!name) {
        fail_oom(p);
        return false;
    }
    if (!canonical && !(p->vars && gl_marker_env_get(p->vars, name))) {
        fail(p, "unknown marker variable '%.*s' at column %zu", (int)(n > 80 ? 80 : n), word, p->pos + 1);
        free(name);
        return false;
    }
    out->is_variable = true;
    out->text = name;
    p->pos += n;
    return true;
}

static bool parse_op(parser *p, gl_marker_op *op)
{
    static const struct {
        const char *text;
        gl_marker_op op;
    } symbols[] = {
        {"===", GL_MOP_ARBITRARY}, {"==", GL_MOP_EQ}, {"~=", GL_MOP_COMPATIBLE}, {"!=", GL_MOP_NE},
        {"<=", GL_MOP_LE},         {">=", GL_MOP_GE}, {"<", GL_MOP_LT},          {">", GL_MOP_GT},
    };
    skip_ws(p);
    for (size_t i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
        size_t n = strlen(symbols[i].text);
        if (p->len - p->pos >= n && !memcmp(p->text + p->pos, symbols[i].text, n)) {
            *op = symbols[i].op;
            p->pos += n;
            return true;
        }
    }
    if (accept_keyword(p, "in")) {
        *op = GL_MOP_IN;
        return true;
    }
    if (accept_keyword(p, "not")) {
        if (accept_keyword(p, "in")) {
            *op = GL_MOP_NOT_IN;
            return true;
        }
        char here[80];
        describe_here(p, here, sizeof here);
        fail(p, "expected 'in' after 'not', found %s", here);
        return false;
    }
    char here[80];
    describe_here(p, here, sizeof here);
    fail(p, "expected a comparison operator (<, <=, ==, !=, >=, >, ~=, ===, in, not in), found %s",
         here);
    return false;
}

/* Strings compared with extra are stored normalised, as packaging does since PEP 685. */
static bool normalize_extra_operand(gl_marker_operand *value, const gl_marker_operand *other)
{
    if (value->is_variable || !other->is_variable || strcmp(other->text, "extra"))
        return true;
    char *norm = canonicalize_dup(value->text);
    if (!norm)
        return false;
    free(value->text);
    value->text = norm;
    return true;
}

static gl_marker_node *parse_compare(parser *p)
{
    gl_marker_node *n = calloc(1, sizeof *n);
    if (!n) {
        fail_oom(p);
        return NULL;
    }
    n->kind = GL_MARKER_COMPARE;
    if (!parse_operand(p, &n->lhs) || !parse_op(p, &n->op) || !parse_operand(p, &n->rhs)) {
        node_free(n);
        return NULL;
    }
    if (!normalize_extra_operand(&n->lhs, &n->rhs) || !normalize_extra_operand(&n->rhs, &n->lhs)) {
        fail_oom(p);
        node_free(n);
        return NULL;
    }
    return n;
}

static gl_marker_node *parse_or(parser *p, int depth);

static gl_marker_node *parse_atom(parser *p, int depth)
{
    skip_ws(p);
    if (p->pos < p->len && p->text[p->pos] == '(') {
        size_t open = p->pos;
        if (depth >= MAX_NESTING) {
            fail(p, "parentheses nested more than %d deep at column %zu", MAX_NESTING, open + 1);
            return NULL;
        }
        p->pos++;
        gl_marker_node *inner = parse_or(p, depth + 1);
        if (!inner)
            return NULL;
        skip_ws(p);
        if (p->pos >= p->len || p->text[p->pos] != ')') {
            char here[80];
            describe_here(p, here, sizeof here);
            fail(p, "expected ')' to close '(' at column %zu, found %s", open + 1, here);
            node_free(inner);
            return NULL;
        }
        p->pos++;
        if (inner->kind != GL_MARKER_COMPARE)
            inner->parenthesized = true;
        return inner;
    }
    return parse_compare(p);
}

typedef gl_marker_node *(*parse_fn)(parser *p, int depth);

/* item (keyword item)*: one node, or an n-ary node of kind when the keyword appears. */
static gl_marker_node *parse_joined(parser *p, int depth, parse_fn item, const char *keyword,
                                    gl_marker_kind kind)
{
    gl_marker_node *first = item(p, depth);
    if (!first)
        return NULL;
    if (!accept_keyword(p, keyword))
        return first;
    gl_marker_node *n = calloc(1, sizeof *n);
    size_t cap = 4;
    gl_marker_node **children = malloc(cap * sizeof *children);
    if (!n || !children) {
        free(n);
        free(children);
        node_free(first);
        fail_oom(p);
        return NULL;
    }
    n->kind = kind;
    n->children = children;
    n->children[n->nchildren++] = first;
    do {
        gl_marker_node *next = item(p, depth);
        if (!next) {
            node_free(n);
            return NULL;
        }
        if (n->nchildren == cap) {
            cap *= 2;
            children = realloc(n->children, cap * sizeof *children);
            if (!children) {
                node_free(next);
                node_free(n);
                fail_oom(p);
                return NULL;
            }
            n->children = children;
        }
        n->children[n->nchildren++] = next;
    } while (accept_keyword(p, keyword));
    return n;
}

static gl_marker_node *parse_and(parser *p, int depth)
{
    return parse_joined(p, depth, parse_atom, "and", GL_MARKER_AND);
}

static gl_marker_node *parse_or(parser *p, int depth)
{
    return parse_joined(p, depth, parse_and, "or", GL_MARKER_OR);
}

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the strings compared with extra (depth is bounded by MAX_NESTING). */
static bool collect_extras(const gl_marker_node *n, char ***list, size_t *count, size_t *cap)
{
    if (n->kind != GL_MARKER_COMPARE) {
        for (size_t i = 0; i < n->nchildren; i++)
            if (!collect_extras(n->children[i], list, count, cap))
                return false;
        return true;
    }
    const gl_marker_operand *value = NULL;
    if (n->lhs.is_variable && !strcmp(n->lhs.text, "extra") && !n->rhs.is_variable)
        value = &n->rhs;
    else if (n->rhs.is_variable && !strcmp(n->rhs.text, "extra") && !n->lhs.is_variable)
        value = &n->lhs;
    if (!value)
        return true;
    for (size_t i = 0; i < *count; i++)
        if (!strcmp((*list)[i], value->text))
            return true;
    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        char **grown = realloc(*list, ncap * sizeof *grown);
        if (!grown)
            return false;
        *list = grown;
        *cap = ncap;
    }
    char *copy = strdup(value->text);
    if (!copy)
        return false;
    (*list)[(*count)++] = copy;
    return true;
}

static void set_marker_error(gl_error *err, int code, const char *text, size_t len, const char *reason)
{
    size_t shown = len > QUOTE_MAX ? QUOTE_MAX : len;
    gl_error_set(err, code, "invalid marker '%.*s%s': %s", (int)shown, text, shown < len ? "..." : "",
                 reason);
}

gl_marker *gl_marker_parse(const char *text, size_t len, const gl_marker_env *vars, gl_error *err)
{
    parser p = {.text = text, .len = len, .vars = vars};
    if (memchr(text, '\0', len)) {
        set_marker_error(err, GL_EINVAL, text, len, "NUL byte in marker");
        return NULL;
    }
    gl_marker_node *root = parse_or(&p, 0);
    if (root) {
        skip_ws(&p);
        if (p.pos < len) {
            char here[80];
            describe_here(&p, here, sizeof here);
            fail(&p, "expected 'and', 'or' or the end of the marker, found %s", here);
            node_free(root);
            root = NULL;
        }
    }
    if (!root) {
        set_marker_error(err, p.oom ? GL_ENOMEM : GL_EINVAL, text, len, p.reason);
        return NULL;
    }
    root->parenthesized = false;
    gl_marker *m = calloc(1, sizeof *m);
    size_t cap = 0;
    if (!m || !collect_extras(root, &m->extras, &m->nextras, &cap)) {
        if (m) {
            m->root = root;
            gl_marker_free(m);
        } else {
            node_free(root);
        }
        set_marker_error(err, GL_ENOMEM, text, len, "out of memory");
        return NULL;
    }
    m->root = root;
    if (m->nextras > 1)
        qsort(m->extras, m->nextras, sizeof *m->extras, compare_strings);
    return m;
}

/* ---- canonical text ------------------------------------------------------------------------ */

static const char *op_text(gl_marker_op op)
{
    switch (op) {
    case GL_MOP_LT: return "<";
    case GL_MOP_LE: return "<=";
    case GL_MOP_EQ: return "==";
    case GL_MOP_NE: return "!=";
    case GL_MOP_GE: return ">=";
    case GL_MOP_GT: return ">";
    case GL_MOP_COMPATIBLE: return "~=";
    case GL_MOP_ARBITRARY: return "===";
    case GL_MOP_IN: return "in";
    case GL_MOP_NOT_IN: return "not in";
    }
    return "?";
}

static bool print_operand(gl_strbuf *b, const gl_marker_operand *o)
{
    if (o->is_variable)
        return gl_strbuf_puts(b, o->text);
    char quote = strchr(o->text, '"') ? '\'' : '"';
    return gl_strbuf_putc(b, quote) && gl_strbuf_puts(b, o->text) && gl_strbuf_putc(b, quote);
}

static bool print_node(gl_strbuf *b, const gl_marker_node *n, const gl_marker_node *parent)
{
    if (n->kind == GL_MARKER_COMPARE)
        return print_operand(b, &n->lhs) && gl_strbuf_putc(b, ' ') && gl_strbuf_puts(b, op_text(n->op)) &&
               gl_strbuf_putc(b, ' ') && print_operand(b, &n->rhs);
    /* An "or" directly under an "and" needs its parentheses whatever the flag says. */
    bool parens = parent && (n->parenthesized || (n->kind == GL_MARKER_OR && parent->kind == GL_MARKER_AND));
    if (parens && !gl_strbuf_putc(b, '('))
        return false;
    for (size_t i = 0; i < n->nchildren; i++) {
        if (i && !gl_strbuf_puts(b, n->kind == GL_MARKER_AND ? " and " : " or "))
            return false;
        if (!print_node(b, n->children[i], n))
            return false;
    }
    return !parens || gl_strbuf_putc(b, ')');
}

char *gl_marker_to_string(const gl_marker *m)
{
    gl_strbuf b = GL_STRBUF_INIT;
    if (!print_node(&b, m->root, NULL)) {
        gl_strbuf_free(&b);
        return NULL;
    }
    return gl_strbuf_detach(&b);
}

/* ---- evaluation ----------------------------------------------------------------------------- */

static int ascii_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (*a >= 'A' && *a <= 'Z') ? *a - 'A' + 'a' : (unsigned char)*a;
        int cb = (*b >= 'A' && *b <= 'Z') ? *b - 'A' + 'a' : (unsigned char)*b;
        if (ca != cb || !ca)
            return ca - cb;
    }
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

/* === as packaging defines it: the version's canonical text (or the text itself when it is no
 * version) equal to rhs, ignoring case. -2 when rhs holds inner whitespace (no such specifier). */
static int compare_arbitrary(const char *lhs, const char *rhs)
{
    while (is_space(*rhs))
        rhs++;
    size_t n = strlen(rhs);
    while (n && is_space(rhs[n - 1]))
        n--;
    for (size_t i = 0; i < n; i++)
        if (is_space(rhs[i]))
            return -2;
    char *want = strndup(rhs, n);
    if (!want)
        return -1;
    gl_version v;
    char *canonical = NULL;
    if (gl_version_parse(&v, lhs, strlen(lhs), NULL)) {
        canonical = gl_version_to_string(&v);
        gl_version_free(&v);
        if (!canonical) {
            free(want);
            return -1;
        }
    }
    int result = ascii_casecmp(canonical ? canonical : lhs, want) == 0;
    free(canonical);
    free(want);
    return result;
}

/* Whether text may be a PEP 440 version: every version starts with a digit, after optional
 * white space and an optional 'v'. Most marker values ("linux", "x86_64", an extra's name) fail
 * this at once, before any specifier text is built and parsed. */
static bool may_be_version(const char *text)
{
    while (*text && strchr(" \t\n\v\f\r", *text))
        text++;
    if (*text == 'v' || *text == 'V')
        text++;
    return *text >= '0' && *text <= '9';
}

/* Version semantics when op+rhs is one valid specifier and lhs a valid version: 1/0, or -2 when
 * they do not apply (the caller falls back to strings), -1 when memory runs out. */
static int compare_as_versions(const char *lhs, gl_marker_op op, const char *rhs)
{
    if (op == GL_MOP_ARBITRARY)
        return compare_arbitrary(lhs, rhs);
    if (op == GL_MOP_IN || op == GL_MOP_NOT_IN || strchr(rhs, ',') || !may_be_version(lhs) ||
        !may_be_version(rhs))
        return -2;
    gl_strbuf spec = GL_STRBUF_INIT;
    if (!gl_strbuf_puts(&spec, op_text(op)) || !gl_strbuf_puts(&spec, rhs)) {
        gl_strbuf_free(&spec);
        return -1;
    }
    gl_specifier_set set;
    gl_error scratch;
    gl_error_clear(&scratch);
    bool parsed = gl_specifier_set_parse(&set, spec.data, spec.len, &scratch);
    gl_strbuf_free(&spec);
    if (!parsed)
        return scratch.code == GL_ENOMEM ? -1 : -2;
    int result = -2;
    gl_version v;
    if (set.count == 1 && gl_version_parse(&v, lhs, strlen(lhs), NULL)) {
        result = gl_specifier_contains(&set.items[0], &v, true);
        gl_version_free(&v);
    }
    gl_specifier_set_free(&set);
    return result;
}

static int compare_values(const char *lhs, gl_marker_op op, const char *rhs, gl_error *err)
{
    int v = compare_as_versions(lhs, op, rhs);
    if (v == -1) {
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return -1;
    }
    if (v >= 0)
        return v;
    int c = strcmp(lhs, rhs);
    switch (op) {
    case GL_MOP_LT: return c < 0;
    case GL_MOP_LE: return c <= 0;
    case GL_MOP_EQ: return c == 0;
    case GL_MOP_NE: return c != 0;
    case GL_MOP_GE: return c >= 0;
    case GL_MOP_GT: return c > 0;
    case GL_MOP_IN: return strstr(rhs, lhs) != NULL;
    case GL_MOP_NOT_IN: return strstr(rhs, lhs) == NULL;
    case GL_MOP_COMPATIBLE:
    case GL_MOP_ARBITRARY: break;
    }
    gl_error_set(err, GL_EINVAL, "'%s' %s '%s' is undefined: %s needs versions on both sides", lhs,
                 op_text(op), rhs, op_text(op));
    return -1;
}

static const char *operand_value(const gl_marker_operand *o, const gl_marker_env *env, const char *extra,
                                 gl_error *err)
{
    if (!o->is_variable)
        return o->text;
    if (!strcmp(o->text, "extra"))
        return extra;
    const char *v = env ? gl_marker_env_get(env, o->text) : NULL;
    if (!v)
        gl_error_set(err, GL_EINVAL, "marker variable '%s' is not defined in the environment", o->text);
    return v;
}

static int eval_compare(const gl_marker_node *n, const gl_marker_env *env, const char *extra, gl_error *err)
{
    if (!n->lhs.is_variable && !n->rhs.is_variable) {
        /* packaging fails here too (it looks the right-hand string up as a variable name) */
        gl_error_set(err, GL_EINVAL, "'%s' %s '%s' compares two strings: one side must be a marker variable",
                     n->lhs.text, op_text(n->op), n->rhs.text);
        return -1;
    }
    const char *lhs = operand_value(&n->lhs, env, extra, err);
    if (!lhs)
        return -1;
    const char *rhs = operand_value(&n->rhs, env, extra, err);
    if (!rhs)
        return -1;
    bool with_extra = (n->lhs.is_variable && !strcmp(n->lhs.text, "extra")) ||
                      (n->rhs.is_variable && !strcmp(n->rhs.text, "extra"));
    if (!with_extra)
        return compare_values(lhs, n->op, rhs, err);
    char *l = canonicalize_dup(lhs), *r = canonicalize_dup(rhs);
    int result = -1;
    if (l && r)
        result = compare_values(l, n->op, r, err);
    else
        gl_error_set(err, GL_ENOMEM, "out of memory");
    free(l);
    free(r);
    return result;
}

static int eval_node(const gl_marker_node *n, const gl_marker_env *env, const char *extra, gl_error *err)
{
    if (n->kind == GL_MARKER_COMPARE)
        return eval_compare(n, env, extra, err);
    /* No short-circuit: like packaging, every comparison is evaluated so errors always surface. */
    bool is_and = n->kind == GL_MARKER_AND;
    int result = is_and ? 1 : 0;
    for (size_t i = 0; i < n->nchildren; i++) {
        int r = eval_node(n->children[i], env, extra, err);
        if (r < 0)
            return -1;
        if (is_and && !r)
            result = 0;
        if (!is_and && r)
            result = 1;
    }
    return result;
}

int gl_marker_evaluate(const gl_marker *m, const gl_marker_env *env, const char *extra, gl_error *err)
{
    int r = eval_node(m->root, env, extra ? extra : "", err);
    if (r < 0 && err && err->code != GL_ENOMEM) {
        char *text = gl_marker_to_string(m);
        if (text)
            gl_error_prefix(err, "evaluating marker '%.*s': ", QUOTE_MAX, text);
        free(text);
    }
    return r;
}

/* ---- queries ---------------------------------------------------------------------------------- */

static bool node_references(const gl_marker_node *n, const char *name)
{
    if (n->kind == GL_MARKER_COMPARE)
        return (n->lhs.is_variable && !strcmp(n->lhs.text, name)) ||
               (n->rhs.is_variable && !strcmp(n->rhs.text, name));
    for (size_t i = 0; i < n->nchildren; i++)
        if (node_references(n->children[i], name))
            return true;
    return false;
}

bool gl_marker_references_variable(const gl_marker *m, const char *name)
{
    return node_references(m->root, name);
}

bool gl_marker_references_extra(const gl_marker *m) { return node_references(m->root, "extra"); }
