/* fuzz_version.c — libFuzzer target for PEP 440 versions.
 * The input is up to three versions separated by newlines. Each must parse or be rejected
 * with a message; a parsed version's canonical form must parse back to an equal version
 * with the same canonical form; copies compare equal; the order must be antisymmetric,
 * transitive, and agree with the public-only order. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "version.h"

#define CHECK(cond)                                                                                                \
    do {                                                                                                           \
        if (!(cond))                                                                                               \
            __builtin_trap();                                                                                      \
    } while (0)

static int sign(int x) { return (x > 0) - (x < 0); }

static void check_round_trip(const gl_version *v)
{
    char *canonical = gl_version_to_string(v);
    CHECK(canonical);
    CHECK(strlen(canonical) == gl_version_format(v, NULL, 0));
    gl_version again;
    gl_error err;
    CHECK(gl_version_parse_cstr(&again, canonical, &err));
    char *canonical2 = gl_version_to_string(&again);
    CHECK(canonical2 && !strcmp(canonical, canonical2));
    CHECK(gl_version_compare(v, &again) == 0);
    CHECK(gl_version_is_prerelease(v) == gl_version_is_prerelease(&again));
    CHECK(gl_version_is_postrelease(v) == gl_version_is_postrelease(&again));
    gl_version copy;
    CHECK(gl_version_copy(&copy, v));
    CHECK(gl_version_compare(&copy, v) == 0);
    gl_version_free(&copy);
    free(canonical2);
    free(canonical);
    gl_version_free(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gl_version v[3];
    int n = 0;
    const char *p = (const char *)data, *end = p + size;
    while (n < 3) {
        const char *nl = n < 2 ? memchr(p, '\n', (size_t)(end - p)) : NULL;
        const char *stop = nl ? nl : end;
        gl_error err;
        gl_error_clear(&err);
        if (gl_version_parse(&v[n], p, (size_t)(stop - p), &err)) {
            check_round_trip(&v[n]);
            n++;
        } else {
            CHECK(err.code != GL_OK && err.message[0]);
            gl_version_free(&v[n]);
        }
        if (!nl)
            break;
        p = nl + 1;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            int c = sign(gl_version_compare(&v[i], &v[j]));
            CHECK(c == -sign(gl_version_compare(&v[j], &v[i])));
            int pub = sign(gl_version_compare_public(&v[i], &v[j]));
            CHECK(pub == 0 || pub == c);
            for (int k = 0; k < n; k++)
                if (c <= 0 && gl_version_compare(&v[j], &v[k]) <= 0)
                    CHECK(gl_version_compare(&v[i], &v[k]) <= 0);
        }
    for (int i = 0; i < n; i++)
        gl_version_free(&v[i]);
    return 0;
}
