#include "wheel_filename.h"

#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "requirement.h"

/* Error messages quote at most this much of a filename, so the reason always fits. */
#define QUOTE_MAX 200

static const char *const sdist_suffixes[] = {".tar.gz", ".zip", ".tar.bz2", ".tgz", ".tar.xz"};

static bool is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_separator(char c)
{
    return c == '-' || c == '_' || c == '.';
}

static char *dup_range(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static size_t count_non_separators(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += !is_separator(s[i]);
    return count;
}

/* Compares normalised forms without allocating. */
static bool same_project(const char *a, size_t an, const char *b, size_t bn)
{
    size_t i = 0, j = 0;
    for (;;) {
        bool a_sep = i < an && is_separator(a[i]);
        bool b_sep = j < bn && is_separator(b[j]);
        if (a_sep != b_sep)
            return false;
        if (a_sep) {
            while (i < an && is_separator(a[i]))
                i++;
            while (j < bn && is_separator(b[j]))
                j++;
            continue;
        }
        if (i == an || j == bn)
            return i == an && j == bn;
        if (lower(a[i]) != lower(b[j]))
            return false;
        i++, j++;
    }
}

/* PEP 508 project name: letters, digits, '-', '_', '.', starting and ending with a letter
 * or digit. A wheel's name has '-' escaped to '_' (PEP 427), and packaging rejects "__". */
static const char *name_problem(const char *s, size_t n, bool wheel)
{
    if (n == 0)
        return "empty project name";
    if (!is_alnum(s[0]) || !is_alnum(s[n - 1]))
        return "project name must start and end with a letter or digit";
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (is_alnum(c) || c == '_' || c == '.')
            continue;
        if (c == '-' && !wheel)
            continue;
        return wheel ? "project name may contain only letters, digits, '_' and '.'"
                     : "project name may contain only letters, digits, '-', '_' and '.'";
    }
    if (wheel && memmem(s, n, "__", 2))
        return "project name contains '__'";
    return NULL;
}

/* Undoes the percent-encoding of a link's last segment ("%2B" -> '+'). A '%' not followed
 * by two hex digits stays as it is (and later fails validation). NULL: out of memory, or a
 * control character (reason says which). */
static char *percent_decode(const char *s, const char **reason)
{
    size_t n = strlen(s);
    char *out = malloc(n + 1);
    if (!out) {
        *reason = "out of memory";
        return NULL;
    }
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* Short-circuit keeps both reads inside the string: s[n] is the NUL. */
        if (c == '%' && gl_hex_digit_value(s[i + 1]) >= 0 && gl_hex_digit_value(s[i + 2]) >= 0) {
            c = (unsigned char)(gl_hex_digit_value(s[i + 1]) * 16 + gl_hex_digit_value(s[i + 2]));
            i += 2;
        }
        if (c <= ' ' || c == 0x7f) {
            free(out);
            *reason = "contains whitespace or a control character";
            return NULL;
        }
        out[j++] = (char)c;
    }
    out[j] = '\0';
    return out;
}

static void fail(gl_error *err, const char *what, const char *filename, const char *reason)
{
    size_t n = strlen(filename);
    gl_error_set(err, GL_EINVAL, "invalid %s filename '%.*s%s': %s", what, QUOTE_MAX, filename,
                 n > QUOTE_MAX ? "..." : "", reason);
}

static bool parse_version_part(gl_dist_filename *out, const char *s, size_t n, gl_error *verr)
{
    if (!gl_version_parse(&out->version, s, n, verr))
        return false;
    out->version_text = dup_range(s, n);
    if (!out->version_text) {
        gl_error_set(verr, GL_ENOMEM, "out of memory");
        return false;
    }
    return true;
}

/* Splits one compressed tag set ("cp39.cp310") into owned strings. NULL reason = success. */
static const char *split_tag_set(const char *s, size_t n, const char *what, char ***items,
                                 size_t *count)
{
    if (n == 0)
        return what;
    size_t parts = 1;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (i == 0 || i == n - 1 || s[i - 1] == '.')
                return what;
            parts++;
        } else if (!is_alnum(c) && c != '_') {
            return what;
        }
    }
    char **list = calloc(parts, sizeof *list);
    if (!list)
        return "out of memory";
    *items = list;
    size_t start = 0, k = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i == n || s[i] == '.') {
            list[k] = dup_range(s + start, i - start);
            if (!list[k])
                return "out of memory";
            *count = ++k;
            start = i + 1;
        }
    }
    return NULL;
}

static bool parse_wheel(gl_dist_filename *out, const char *original, const char *stem,
                        size_t n, gl_error *err)
{
    const char *dash[6];
    size_t ndash = 0;
    for (size_t i = 0; i < n; i++) {
        if (stem[i] == '-') {
            if (ndash == 5) {
                fail(err, "wheel", original,
                     "too many '-'-separated parts (expected "
                     "NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl)");
                return false;
            }
            dash[ndash++] = stem + i;
        }
    }
    if (ndash < 4) {
        fail(err, "wheel", original,
             "too few '-'-separated parts (expected NAME-VERSION[-BUILD]-PYTHON-ABI-PLATFORM.whl)");
        return false;
    }
    const char *end = stem + n;
    size_t name_len = (size_t)(dash[0] - stem);
    const char *problem = name_problem(stem, name_len, true);
    if (problem) {
        fail(err, "wheel", original, problem);
        return false;
    }
    out->name = dup_range(stem, name_len);
    out->normalized_name = gl_name_normalize_any(stem, name_len);
    if (!out->name || !out->normalized_name) {
        gl_error_set(err, GL_ENOMEM, "out of memory parsing '%.*s'", QUOTE_MAX, original);
        return false;
    }

    gl_error verr;
    gl_error_clear(&verr);
    if (!parse_version_part(out, dash[0] + 1, (size_t)(dash[1] - dash[0] - 1), &verr)) {
        fail(err, "wheel", original, verr.message);
        if (err)
            err->code = verr.code;
        return false;
    }

    if (ndash == 5) {
        const char *b = dash[1] + 1;
        size_t bn = (size_t)(dash[2] - b);
        if (bn == 0 || !is_digit(b[0])) {
            fail(err, "wheel", original, "build tag must start with a digit");
            return false;
        }
        uint64_t number = 0;
        size_t i = 0;
        for (; i < bn && is_digit(b[i]); i++) {
            unsigned d = (unsigned)(b[i] - '0');
            if (number > (UINT64_MAX - d) / 10) {
                fail(err, "wheel", original, "build number too large");
                return false;
            }
            number = number * 10 + d;
        }
        for (size_t k = i; k < bn; k++) {
            if (!is_alnum(b[k]) && b[k] != '_' && b[k] != '.') {
                fail(err, "wheel", original,
                     "build tag may contain only letters, digits, '_' and '.'");
                return false;
            }
        }
        out->build_tag = dup_range(b, bn);
        if (!out->build_tag) {
            gl_error_set(err, GL_ENOMEM, "out of memory parsing '%.*s'", QUOTE_MAX, original);
            return false;
        }
        out->build_number = number;
        out->build_suffix = out->build_tag + i;
    }

    const char *py = dash[ndash - 3] + 1, *abi = dash[ndash - 2] + 1, *plat = dash[ndash - 1] + 1;
    const char *reason = split_tag_set(py, (size_t)(dash[ndash - 2] - py), "invalid python tag",
                                       &out->python_tags, &out->npython);
    if (!reason)
        reason = split_tag_set(abi, (size_t)(dash[ndash - 1] - abi), "invalid abi tag",
                               &out->abi_tags, &out->nabi);
    if (!reason)
        reason = split_tag_set(plat, (size_t)(end - plat), "invalid platform tag",
                               &out->platform_tags, &out->nplatform);
    if (reason) {
        if (!strcmp(reason, "out of memory"))
            gl_error_set(err, GL_ENOMEM, "out of memory parsing '%.*s'", QUOTE_MAX, original);
        else
            fail(err, "wheel", original, reason);
        return false;
    }
    return true;
}

static bool try_sdist_split(gl_dist_filename *out, const char *stem, size_t name_len,
                            size_t n, gl_error *verr)
{
    if (name_problem(stem, name_len, false))
        return false;
    if (!parse_version_part(out, stem + name_len + 1, n - name_len - 1, verr))
        return false;
    out->name = dup_range(stem, name_len);
    out->normalized_name = gl_name_normalize_any(stem, name_len);
    if (!out->name || !out->normalized_name) {
        gl_error_set(verr, GL_ENOMEM, "out of memory");
        return false;
    }
    return true;
}

static void clear_sdist(gl_dist_filename *f)
{
    gl_dist_filename_free(f);
    f->kind = GL_DIST_SDIST;
}

/* A version's own '-'s are few (post, pre and dev separators, a local label's parts); trying
 * more splits than this only costs time on hostile input. */
#define MAX_SDIST_SPLITS 16

static bool parse_sdist(gl_dist_filename *out, const char *original, const char *stem,
                        size_t n, const char *project, gl_error *err)
{
    out->kind = GL_DIST_SDIST;
    gl_error verr;
    gl_error_clear(&verr);
    if (project) {
        /* Only one '-' can end a prefix that normalises to the project: the first one after
         * as many letters and digits as the project has (later ones leave a trailing '-'). */
        size_t pn = strlen(project), want = count_non_separators(project, pn), seen = 0;
        for (size_t i = 0; i < n && seen <= want; i++) {
            if (stem[i] != '-') {
                seen += !is_separator(stem[i]);
                continue;
            }
            if (seen < want)
                continue;
            if (same_project(stem, i, project, pn)) {
                if (try_sdist_split(out, stem, i, n, &verr))
                    return true;
                clear_sdist(out);
                if (verr.code == GL_ENOMEM) {
                    gl_error_set(err, GL_ENOMEM, "out of memory parsing '%.*s'", QUOTE_MAX,
                                 original);
                    return false;
                }
            }
            break;
        }
    }
    size_t tried = 0;
    gl_error last_dash_err;
    gl_error_clear(&last_dash_err);
    for (size_t i = n; i-- > 0 && tried < MAX_SDIST_SPLITS;) {
        if (stem[i] != '-')
            continue;
        gl_error_clear(&verr);
        if (try_sdist_split(out, stem, i, n, &verr))
            return true;
        clear_sdist(out);
        if (verr.code == GL_ENOMEM) {
            gl_error_set(err, GL_ENOMEM, "out of memory parsing '%.*s'", QUOTE_MAX, original);
            return false;
        }
        if (tried == 0) {
            /* The split at the last '-' is the one the reader expects: report its failure. */
            const char *problem = name_problem(stem, i, false);
            if (problem)
                gl_error_set(&last_dash_err, GL_EINVAL, "%s", problem);
            else
                last_dash_err = verr;
        }
        tried++;
    }
    if (tried == 0)
        fail(err, "sdist", original, "expected NAME-VERSION before the archive suffix");
    else
        fail(err, "sdist", original, last_dash_err.message);
    return false;
}

bool gl_dist_filename_parse_hinted(gl_dist_filename *out, const char *filename,
                                   const char *project, gl_error *err)
{
    memset(out, 0, sizeof *out);
    if (!filename) {
        gl_error_set(err, GL_EINVAL, "invalid distribution filename: none given");
        return false;
    }
    const char *reason = NULL;
    char *decoded = percent_decode(filename, &reason);
    if (!decoded) {
        if (!strcmp(reason, "out of memory"))
            gl_error_set(err, GL_ENOMEM, "out of memory parsing '%.*s'", QUOTE_MAX, filename);
        else
            fail(err, "distribution", filename, reason);
        return false;
    }
    size_t n = strlen(decoded);
    bool ok = false;
    if (n == 0) {
        fail(err, "distribution", filename, "empty filename");
    } else if (strchr(decoded, '/') || strchr(decoded, '\\')) {
        fail(err, "distribution", filename, "a file name must not contain '/' or '\\'");
    } else if (n > 4 && !strcmp(decoded + n - 4, ".whl")) {
        out->kind = GL_DIST_WHEEL;
        ok = parse_wheel(out, filename, decoded, n - 4, err);
    } else if (n == 4 && !strcmp(decoded, ".whl")) {
        fail(err, "wheel", filename, "nothing before '.whl'");
    } else {
        size_t stem_len = 0;
        for (size_t i = 0; i < sizeof sdist_suffixes / sizeof sdist_suffixes[0]; i++) {
            size_t sn = strlen(sdist_suffixes[i]);
            if (n >= sn && !strcmp(decoded + n - sn, sdist_suffixes[i])) {
                stem_len = n - sn;
                break;
            }
        }
        if (stem_len > 0)
            ok = parse_sdist(out, filename, decoded, stem_len, project, err);
        else
            fail(err, "distribution", filename,
                 "not a wheel (.whl) or an sdist (NAME-VERSION.tar.gz, .zip, .tar.bz2, .tgz, "
                 ".tar.xz)");
    }
    free(decoded);
    if (!ok) {
        gl_dist_filename_free(out);
        memset(out, 0, sizeof *out);
    }
    return ok;
}

bool gl_dist_filename_parse(gl_dist_filename *out, const char *filename, gl_error *err)
{
    return gl_dist_filename_parse_hinted(out, filename, NULL, err);
}

static void free_list(char **items, size_t n)
{
    if (!items)
        return;
    for (size_t i = 0; i < n; i++)
        free(items[i]);
    free(items);
}

void gl_dist_filename_free(gl_dist_filename *f)
{
    if (!f)
        return;
    free(f->name);
    free(f->normalized_name);
    gl_version_free(&f->version);
    free(f->version_text);
    free(f->build_tag);
    free_list(f->python_tags, f->npython);
    free_list(f->abi_tags, f->nabi);
    free_list(f->platform_tags, f->nplatform);
    memset(f, 0, sizeof *f);
}

int gl_dist_filename_compare_build(const gl_dist_filename *a, const gl_dist_filename *b)
{
    if (!a->build_tag || !b->build_tag)
        return (a->build_tag != NULL) - (b->build_tag != NULL);
    if (a->build_number != b->build_number)
        return a->build_number < b->build_number ? -1 : 1;
    int c = strcmp(a->build_suffix, b->build_suffix);
    return (c > 0) - (c < 0);
}
