/* tags.h — the machine a lock is for (a CPython version and a platform tag) and which wheels it
 * can install, ranked in pip's preference order (packaging.tags.sys_tags), plus the values its
 * PEP 508 marker environment takes. */
#ifndef GL_TAGS_H
#define GL_TAGS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "specifier.h"
#include "wheel_filename.h"

typedef enum gl_target_os { GL_OS_LINUX, GL_OS_MUSLLINUX, GL_OS_WINDOWS, GL_OS_MACOS } gl_target_os;

/* A plain value: nothing to free, copy it freely. */
typedef struct gl_target {
    unsigned python_major, python_minor, python_micro;
    bool has_micro;     /* "3.11.4" was given; "3.11" was not */
    bool free_threaded; /* "3.13t": the cp313t ABI, no abi3 */
    char python[24];    /* the version as given, for messages: "3.13t" */
    gl_target_os os;
    unsigned os_major, os_minor; /* glibc 2.35, musl 1.2, macOS 14.0; 0.0 on Windows */
    char arch[24];               /* as platform tags spell it: x86_64, aarch64, arm64, amd64, win32 */
    char platform[64];           /* the platform tag as given, lowercased */
    size_t nplatforms;           /* how many platform tags the machine accepts */
} gl_target;

/* python: "X.Y" or "X.Y.Z", with a trailing 't' for a free-threaded build (3.13 on).
 * platform, as the machine sees itself:
 *   manylinux_2_Y_ARCH (glibc 2.Y; also manylinux1/2010/2014_ARCH), linux_ARCH (glibc 2.35),
 *   musllinux_1_Y_ARCH, win_amd64, win32, win_arm64, macosx_X_Y_{arm64,x86_64}.
 * On failure returns false and err names the argument and the reason. */
bool gl_target_init(gl_target *t, const char *python, const char *platform, gl_error *err);

/* The i-th platform tag the machine accepts, best first, as pip generates them
 * (manylinux_2_35 ... manylinux_2_17, manylinux2014, ..., linux_x86_64). False when i is out
 * of range or buf (size bytes) is too small. */
bool gl_target_platform_at(const gl_target *t, size_t i, char *buf, size_t size);

/* Preference rank of one tag triple (lower is better, -1 = not installable): its position in
 * the list pip's packaging.tags generates for this interpreter. Case-insensitive. */
int gl_target_tag_rank(const gl_target *t, const char *python, const char *abi,
                       const char *platform);

/* Best rank over a wheel's expanded tag sets; -1 when no triple fits, and for sdists. */
int gl_target_wheel_rank(const gl_target *t, const gl_dist_filename *w);

/* Requires-Python holds for the target's interpreter version. As pip with --python-version:
 * the version is the one given ("3.11" -> 3.11, which PEP 440 compares equal to 3.11.0; only
 * '===' can tell them apart). NULL (no Requires-Python) holds. */
bool gl_target_python_satisfies(const gl_target *t, const gl_specifier_set *requires_python);

/* Calls set(ctx, key, value) for each marker variable the target determines: python_version,
 * python_full_version ("X.Y.0" when no micro was given), implementation_version, sys_platform,
 * platform_system, platform_machine, os_name, implementation_name,
 * platform_python_implementation. Values are only valid during the call. */
void gl_target_marker_values(const gl_target *t,
                             void (*set)(void *ctx, const char *key, const char *value),
                             void *ctx);

#endif
