#include "tags.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "version.h"

/* Numbers in a target above this are typos, not machines; bounding them keeps every generated
 * tag short and every platform list small. */
#define MAX_COMPONENT 999u

/* A bare linux_ARCH target: a current glibc, as the task's machines have. */
#define DEFAULT_GLIBC_MINOR 35u

/* ---- parsing the target ---------------------------------------------------------------- */

/* Reads a decimal number of at most three digits, without a superfluous leading zero. */
static bool read_number(const char **p, unsigned *out)
{
    const char *s = *p;
    if (*s < '0' || *s > '9')
        return false;
    if (s[0] == '0' && s[1] >= '0' && s[1] <= '9')
        return false;
    unsigned v = 0;
    while (*s >= '0' && *s <= '9') {
        v = v * 10 + (unsigned)(*s - '0');
        if (v > MAX_COMPONENT)
            return false;
        s++;
    }
    *p = s;
    *out = v;
    return true;
}

static bool parse_python(gl_target *t, const char *python, gl_error *err)
{
    const char *p = python;
    if (!read_number(&p, &t->python_major) || *p++ != '.' ||
        !read_number(&p, &t->python_minor))
        goto bad;
    if (*p == '.') {
        p++;
        if (!read_number(&p, &t->python_micro))
            goto bad;
        t->has_micro = true;
    }
    if (*p == 't') {
        t->free_threaded = true;
        p++;
    }
    if (*p != '\0' || t->python_major == 0 || strlen(python) >= sizeof t->python)
        goto bad;
    strcpy(t->python, python);
    if (t->free_threaded && (t->python_major < 3 || (t->python_major == 3 && t->python_minor < 13))) {
        gl_error_set(err, GL_EINVAL,
                     "invalid python version '%s': free-threaded builds exist from 3.13 on", python);
        return false;
    }
    return true;
bad:
    gl_error_set(err, GL_EINVAL,
                 "invalid python version '%.100s': expected X.Y or X.Y.Z, with a trailing 't' for "
                 "a free-threaded build (e.g. 3.11, 3.13t)",
                 python);
    return false;
}

static bool valid_arch(const char *a)
{
    if (!*a)
        return false;
    for (; *a; a++)
        if (!((*a >= 'a' && *a <= 'z') || (*a >= '0' && *a <= '9') || *a == '_'))
            return false;
    return true;
}

static bool set_arch(gl_target *t, const char *arch)
{
    if (!valid_arch(arch) || strlen(arch) >= sizeof t->arch)
        return false;
    strcpy(t->arch, arch);
    return true;
}

/* "X_Y_ARCH" after a prefix. */
static bool parse_versioned(gl_target *t, const char *p)
{
    if (!read_number(&p, &t->os_major) || *p++ != '_' || !read_number(&p, &t->os_minor) ||
        *p++ != '_')
        return false;
    return set_arch(t, p);
}

static bool starts_with(const char *s, const char *prefix)
{
    return !strncmp(s, prefix, strlen(prefix));
}

static bool parse_platform(gl_target *t, const char *plat)
{
    static const struct {
        const char *prefix;
        unsigned glibc_minor;
    } legacy[] = {{"manylinux1_", 5}, {"manylinux2010_", 12}, {"manylinux2014_", 17}};

    if (!strcmp(plat, "win_amd64") || !strcmp(plat, "win32") || !strcmp(plat, "win_arm64")) {
        t->os = GL_OS_WINDOWS;
        return set_arch(t, !strcmp(plat, "win32") ? "win32" : plat + 4);
    }
    if (starts_with(plat, "macosx_")) {
        t->os = GL_OS_MACOS;
        if (!parse_versioned(t, plat + 7) || t->os_major < 10)
            return false;
        return !strcmp(t->arch, "arm64") || !strcmp(t->arch, "x86_64");
    }
    if (starts_with(plat, "manylinux_")) {
        t->os = GL_OS_LINUX;
        return parse_versioned(t, plat + 10) && t->os_major == 2;
    }
    for (size_t i = 0; i < sizeof legacy / sizeof legacy[0]; i++) {
        if (starts_with(plat, legacy[i].prefix)) {
            t->os = GL_OS_LINUX;
            t->os_major = 2;
            t->os_minor = legacy[i].glibc_minor;
            return set_arch(t, plat + strlen(legacy[i].prefix));
        }
    }
    if (starts_with(plat, "musllinux_")) {
        t->os = GL_OS_MUSLLINUX;
        return parse_versioned(t, plat + 10);
    }
    if (starts_with(plat, "linux_")) {
        t->os = GL_OS_LINUX;
        t->os_major = 2;
        t->os_minor = DEFAULT_GLIBC_MINOR;
        return set_arch(t, plat + 6);
    }
    return false;
}

/* ---- the platform list, in pip's order ------------------------------------------------- */

/* Receives each accepted platform tag in order; returns true to stop the walk. */
typedef bool (*platform_visit)(void *ctx, size_t index, const char *tag);

typedef struct walk {
    platform_visit visit;
    void *ctx;
    size_t index;
    bool stopped;
} walk;

static void emit(walk *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void emit(walk *w, const char *fmt, ...)
{
    if (w->stopped)
        return;
    char tag[96];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tag, sizeof tag, fmt, ap);
    va_end(ap);
    if (w->visit && w->visit(w->ctx, w->index, tag))
        w->stopped = true;
    w->index++;
}

/* packaging.tags._mac_binary_formats, for the two architectures a target may have. */
static size_t mac_formats(const char *arch, unsigned major, unsigned minor, const char **out)
{
    size_t n = 0;
    if (!strcmp(arch, "arm64")) {
        out[n++] = "arm64";
        out[n++] = "universal2";
    } else if (major > 10 || minor >= 4) {
        out[n++] = "x86_64";
        out[n++] = "intel";
        out[n++] = "fat64";
        out[n++] = "fat32";
        out[n++] = "universal2";
        out[n++] = "universal";
    }
    return n;
}

static void walk_macos(const gl_target *t, walk *w)
{
    const char *formats[8];
    if (t->os_major == 10) {
        for (unsigned minor = t->os_minor + 1; minor-- > 0;) {
            size_t n = mac_formats(t->arch, 10, minor, formats);
            for (size_t i = 0; i < n; i++)
                emit(w, "macosx_10_%u_%s", minor, formats[i]);
        }
        return;
    }
    for (unsigned major = t->os_major; major > 10; major--) {
        size_t n = mac_formats(t->arch, major, 0, formats);
        for (size_t i = 0; i < n; i++)
            emit(w, "macosx_%u_0_%s", major, formats[i]);
    }
    /* Older releases: x86_64 runs them all; arm64 only their universal2 builds. */
    for (unsigned minor = 16; minor > 3; minor--) {
        if (!strcmp(t->arch, "arm64")) {
            emit(w, "macosx_10_%u_universal2", minor);
            continue;
        }
        size_t n = mac_formats(t->arch, 10, minor, formats);
        for (size_t i = 0; i < n; i++)
            emit(w, "macosx_10_%u_%s", minor, formats[i]);
    }
}

static void walk_platforms(const gl_target *t, walk *w)
{
    switch (t->os) {
    case GL_OS_WINDOWS:
        emit(w, "%s", t->platform);
        return;
    case GL_OS_MACOS:
        walk_macos(t, w);
        return;
    case GL_OS_MUSLLINUX:
        for (unsigned minor = t->os_minor + 1; minor-- > 0;)
            emit(w, "musllinux_%u_%u_%s", t->os_major, minor, t->arch);
        emit(w, "linux_%s", t->arch);
        return;
    case GL_OS_LINUX: {
        /* PEP 600 glibc floor pip assumes: 2.5 on x86, 2.17 elsewhere. */
        bool x86 = !strcmp(t->arch, "x86_64") || !strcmp(t->arch, "i686");
        unsigned floor = x86 ? 5 : 17;
        for (unsigned minor = t->os_minor; minor >= floor; minor--) {
            emit(w, "manylinux_2_%u_%s", minor, t->arch);
            if (minor == 17)
                emit(w, "manylinux2014_%s", t->arch);
            else if (minor == 12)
                emit(w, "manylinux2010_%s", t->arch);
            else if (minor == 5)
                emit(w, "manylinux1_%s", t->arch);
        }
        emit(w, "linux_%s", t->arch);
        return;
    }
    }
}

static size_t count_platforms(const gl_target *t)
{
    walk w = {NULL, NULL, 0, false};
    walk_platforms(t, &w);
    return w.index;
}

typedef struct copy_at {
    size_t want;
    char *buf;
    size_t size;
    bool ok;
} copy_at;

static bool visit_copy(void *ctx, size_t index, const char *tag)
{
    copy_at *c = ctx;
    if (index != c->want)
        return false;
    size_t n = strlen(tag);
    if (n < c->size) {
        memcpy(c->buf, tag, n + 1);
        c->ok = true;
    }
    return true;
}

bool gl_target_platform_at(const gl_target *t, size_t i, char *buf, size_t size)
{
    copy_at c = {i, buf, size, false};
    walk w = {visit_copy, &c, 0, false};
    walk_platforms(t, &w);
    return c.ok;
}

typedef struct find_tag {
    const char *want;
    long found;
} find_tag;

static bool visit_find(void *ctx, size_t index, const char *tag)
{
    find_tag *f = ctx;
    if (strcasecmp(tag, f->want))
        return false;
    f->found = (long)index;
    return true;
}

/* Most tags of a foreign platform fail this without generating the target's list. */
static bool could_match(const gl_target *t, const char *plat)
{
    if (t->os == GL_OS_MACOS)
        return !strncasecmp(plat, "macosx_", 7);
    if (t->os == GL_OS_WINDOWS)
        return !strcasecmp(plat, t->platform);
    size_t n = strlen(plat), an = strlen(t->arch);
    return n > an && plat[n - an - 1] == '_' && !strcasecmp(plat + n - an, t->arch);
}

/* Position of a glibc tag in walk_platforms' Linux list, computed instead of generated: a
 * resolution asks this for every file of every candidate, and the walk formats each tag.
 * Every tag that list holds has one of the shapes below, so anything else is -1. */
static long linux_platform_index(const gl_target *t, const char *plat)
{
    bool x86 = !strcmp(t->arch, "x86_64") || !strcmp(t->arch, "i686");
    unsigned floor = x86 ? 5 : 17, top = t->os_minor;
    size_t n = strlen(plat), an = strlen(t->arch);
    size_t stem = n - an - 1; /* could_match checked "_<arch>" at the end */
    /* Tags emitted before minor m's manylinux_2_m: one per newer minor, plus the legacy alias
     * emitted after each of 2_17, 2_12 and 2_5 that is newer. */
    unsigned m;
    long index = -1;
    if (stem > 12 && !strncasecmp(plat, "manylinux_2_", 12)) {
        char digits[8];
        size_t dn = stem - 12;
        if (dn == 0 || dn >= sizeof digits)
            return -1;
        for (size_t i = 0; i < dn; i++) {
            if (plat[12 + i] < '0' || plat[12 + i] > '9')
                return -1;
            digits[i] = plat[12 + i];
        }
        if (dn > 1 && digits[0] == '0')
            return -1; /* "manylinux_2_017" is not how the list spells any minor */
        digits[dn] = '\0';
        m = (unsigned)strtoul(digits, NULL, 10);
        if (m > top || m < floor)
            return -1;
        index = 0;
    } else if (stem == 13 && !strncasecmp(plat, "manylinux2014", 13)) {
        m = 17;
        index = 1;
    } else if (stem == 13 && !strncasecmp(plat, "manylinux2010", 13)) {
        m = 12;
        index = 1;
    } else if (stem == 10 && !strncasecmp(plat, "manylinux1", 10)) {
        m = 5;
        index = 1;
    } else if (stem == 5 && !strncasecmp(plat, "linux", 5)) {
        m = floor - 1; /* after every minor */
        index = 0;
    } else {
        return -1; /* musllinux_*, macosx_*_x86_64, …: not in a glibc machine's list */
    }
    if (index == 1 && (m > top || m < floor))
        return -1;
    index += (long)(top - m);
    static const unsigned alias_minors[] = {17, 12, 5};
    for (size_t i = 0; i < sizeof alias_minors / sizeof alias_minors[0]; i++)
        if (alias_minors[i] > m && alias_minors[i] <= top && alias_minors[i] >= floor)
            index++;
    return index;
}

static long platform_index(const gl_target *t, const char *plat)
{
    if (!could_match(t, plat))
        return -1;
    if (t->os == GL_OS_LINUX)
        return linux_platform_index(t, plat);
    find_tag f = {plat, -1};
    walk w = {visit_find, &f, 0, false};
    walk_platforms(t, &w);
    return f.found;
}

bool gl_target_init(gl_target *t, const char *python, const char *platform, gl_error *err)
{
    memset(t, 0, sizeof *t);
    if (!python || !parse_python(t, python, err)) {
        if (!python)
            gl_error_set(err, GL_EINVAL, "invalid python version: none given");
        memset(t, 0, sizeof *t);
        return false;
    }
    size_t n = platform ? strlen(platform) : 0;
    bool ok = n > 0 && n < sizeof t->platform;
    for (size_t i = 0; ok && i < n; i++) {
        char c = platform[i];
        t->platform[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    if (!ok || !parse_platform(t, t->platform)) {
        gl_error_set(err, GL_EINVAL,
                     "invalid target platform '%.100s': expected manylinux_2_Y_ARCH, "
                     "manylinux1/2010/2014_ARCH, linux_ARCH, musllinux_X_Y_ARCH, win_amd64, "
                     "win32, win_arm64 or macosx_X_Y_{arm64,x86_64}",
                     platform ? platform : "");
        memset(t, 0, sizeof *t);
        return false;
    }
    t->nplatforms = count_platforms(t);
    if (t->nplatforms == 0) {
        /* x86_64 macOS before 10.4: no wheel could ever fit. */
        gl_error_set(err, GL_EINVAL, "invalid target platform '%.100s': no wheel can target it",
                     platform);
        memset(t, 0, sizeof *t);
        return false;
    }
    return true;
}

/* ---- ranking --------------------------------------------------------------------------- */

/* tag == prefix + the target's major version + a minor number written without leading
 * zeros: stores the minor and returns true ("cp310" -> 10 for prefix "cp", major 3). A bare
 * prefix+major ("py3") gives minor_out = -1. */
static bool versioned_tag(const gl_target *t, const char *tag, const char *prefix, long *minor_out)
{
    size_t pn = strlen(prefix);
    if (strncasecmp(tag, prefix, pn))
        return false;
    char major[8];
    snprintf(major, sizeof major, "%u", t->python_major);
    size_t mn = strlen(major);
    if (strncmp(tag + pn, major, mn))
        return false;
    const char *rest = tag + pn + mn;
    if (!*rest) {
        *minor_out = -1;
        return true;
    }
    unsigned minor;
    if (!read_number(&rest, &minor) || *rest)
        return false;
    *minor_out = (long)minor;
    return true;
}

/* Position in packaging.tags.cpython_tags + compatible_tags; pi is the platform's index
 * in the platform list, or -1 for "any". */
static long rank_with_platform(const gl_target *t, const char *py, const char *abi, long pi)
{
    long P = (long)t->nplatforms;
    long m = (long)t->python_minor;
    bool abi3 = !t->free_threaded &&
                (t->python_major > 3 || (t->python_major == 3 && t->python_minor >= 2));
    long older_abi3 = abi3 && m > 2 ? m - 2 : 0; /* cp{M}{m-1} ... cp{M}2 */
    long base_none = abi3 ? 2 * P : P;
    long base_older = base_none + P;
    long base_compat = base_older + older_abi3 * P;
    long nrange = m + 2; /* py{M}{m}, py{M}, py{M}{m-1} ... py{M}0 */
    long base_own_any = base_compat + nrange * P;
    long base_range_any = base_own_any + 1;

    long py_minor = -2, cp_minor = -2;
    bool is_py = versioned_tag(t, py, "py", &py_minor);
    bool is_cp = versioned_tag(t, py, "cp", &cp_minor) && cp_minor >= 0;
    bool own = is_cp && cp_minor == m;
    bool abi_none = !strcasecmp(abi, "none");
    long range_pos = -1;
    if (is_py && py_minor <= m)
        range_pos = py_minor == m ? 0 : py_minor == -1 ? 1 : 2 + (m - 1 - py_minor);

    if (pi < 0) {
        if (!abi_none)
            return -1;
        if (own)
            return base_own_any;
        return range_pos >= 0 ? base_range_any + range_pos : -1;
    }
    if (own) {
        char own_abi[16];
        snprintf(own_abi, sizeof own_abi, "cp%u%u%s", t->python_major, t->python_minor,
                 t->free_threaded ? "t" : "");
        if (!strcasecmp(abi, own_abi))
            return pi;
        if (abi3 && !strcasecmp(abi, "abi3"))
            return P + pi;
        if (abi_none)
            return base_none + pi;
        return -1;
    }
    if (is_cp && abi3 && cp_minor >= 2 && cp_minor < m && !strcasecmp(abi, "abi3"))
        return base_older + (m - 1 - cp_minor) * P + pi;
    if (abi_none && range_pos >= 0)
        return base_compat + range_pos * P + pi;
    return -1;
}

int gl_target_tag_rank(const gl_target *t, const char *python, const char *abi,
                       const char *platform)
{
    long pi = -1;
    if (strcasecmp(platform, "any")) {
        pi = platform_index(t, platform);
        if (pi < 0)
            return -1;
    }
    return (int)rank_with_platform(t, python, abi, pi);
}

int gl_target_wheel_rank(const gl_target *t, const gl_dist_filename *w)
{
    if (w->kind != GL_DIST_WHEEL)
        return -1;
    long best = -1;
    for (size_t k = 0; k < w->nplatform; k++) {
        long pi = -1;
        if (strcasecmp(w->platform_tags[k], "any")) {
            pi = platform_index(t, w->platform_tags[k]);
            if (pi < 0)
                continue;
        }
        for (size_t i = 0; i < w->npython; i++) {
            for (size_t j = 0; j < w->nabi; j++) {
                long r = rank_with_platform(t, w->python_tags[i], w->abi_tags[j], pi);
                if (r >= 0 && (best < 0 || r < best))
                    best = r;
            }
        }
    }
    return (int)best;
}

/* ---- interpreter version and markers --------------------------------------------------- */

bool gl_target_python_satisfies(const gl_target *t, const gl_specifier_set *requires_python)
{
    if (!requires_python)
        return true;
    char text[48];
    if (t->has_micro)
        snprintf(text, sizeof text, "%u.%u.%u", t->python_major, t->python_minor, t->python_micro);
    else
        snprintf(text, sizeof text, "%u.%u", t->python_major, t->python_minor);
    gl_version v;
    if (!gl_version_parse_cstr(&v, text, NULL))
        return false;
    /* pip asks `version in SpecifierSet`: pre-releases only when a specifier names one. */
    bool ok = gl_specifier_set_contains(requires_python, &v, false);
    gl_version_free(&v);
    return ok;
}

void gl_target_marker_values(const gl_target *t,
                             void (*set)(void *ctx, const char *key, const char *value),
                             void *ctx)
{
    char short_version[24], full_version[40];
    snprintf(short_version, sizeof short_version, "%u.%u", t->python_major, t->python_minor);
    snprintf(full_version, sizeof full_version, "%u.%u.%u", t->python_major, t->python_minor,
             t->has_micro ? t->python_micro : 0);
    set(ctx, "python_version", short_version);
    set(ctx, "python_full_version", full_version);
    set(ctx, "implementation_name", "cpython");
    set(ctx, "implementation_version", full_version);
    set(ctx, "platform_python_implementation", "CPython");
    switch (t->os) {
    case GL_OS_WINDOWS:
        set(ctx, "sys_platform", "win32");
        set(ctx, "platform_system", "Windows");
        set(ctx, "os_name", "nt");
        /* platform.machine() on Windows reports the processor the way Windows names it. */
        set(ctx, "platform_machine", !strcmp(t->arch, "amd64")   ? "AMD64"
                                     : !strcmp(t->arch, "arm64") ? "ARM64"
                                                                 : "x86");
        break;
    case GL_OS_MACOS:
        set(ctx, "sys_platform", "darwin");
        set(ctx, "platform_system", "Darwin");
        set(ctx, "os_name", "posix");
        set(ctx, "platform_machine", t->arch);
        break;
    case GL_OS_LINUX:
    case GL_OS_MUSLLINUX:
        set(ctx, "sys_platform", "linux");
        set(ctx, "platform_system", "Linux");
        set(ctx, "os_name", "posix");
        set(ctx, "platform_machine", t->arch);
        break;
    }
}
