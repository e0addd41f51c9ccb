/* fuzz_specifier.c — libFuzzer target for PEP 440 specifier sets.
 * The input is a specifier set, a newline, and a candidate version. The set must parse or
 * be rejected with a message; its canonical text must parse back to a set that prints the
 * same and answers every membership question the same; allowing pre-releases may only
 * add matches; a set's answer is the conjunction of its items' answers. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "specifier.h"

#define CHECK(cond)                                                                                                \
    do {                                                                                                           \
        if (!(cond))                                                                                               \
            __builtin_trap();                                                                                      \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    const char *nl = memchr(text, '\n', size);
    size_t spec_len = nl ? (size_t)(nl - text) : size;
    gl_specifier_set set;
    gl_error err;
    gl_error_clear(&err);
    if (!gl_specifier_set_parse(&set, text, spec_len, &err)) {
        CHECK(err.code != GL_OK && err.message[0]);
        CHECK(set.count == 0 && set.items == NULL);
        return 0;
    }
    char *canonical = gl_specifier_set_to_string(&set);
    CHECK(canonical);
    gl_specifier_set again;
    CHECK(gl_specifier_set_parse(&again, canonical, strlen(canonical), &err));
    char *canonical2 = gl_specifier_set_to_string(&again);
    CHECK(canonical2 && !strcmp(canonical, canonical2));
    CHECK(gl_specifier_set_names_prerelease(&set) == gl_specifier_set_names_prerelease(&again));

    gl_version v;
    if (nl && gl_version_parse(&v, nl + 1, size - spec_len - 1, NULL)) {
        bool strict = gl_specifier_set_contains(&set, &v, false);
        bool loose = gl_specifier_set_contains(&set, &v, true);
        CHECK(!strict || loose);
        CHECK(strict == gl_specifier_set_contains(&again, &v, false));
        CHECK(loose == gl_specifier_set_contains(&again, &v, true));
        bool all = true;
        for (size_t i = 0; i < set.count; i++)
            all = all && gl_specifier_contains(&set.items[i], &v, true);
        CHECK(loose == all);
        gl_version_free(&v);
    } else if (nl) {
        gl_version_free(&v);
    }
    free(canonical2);
    free(canonical);
    gl_specifier_set_free(&again);
    gl_specifier_set_free(&set);
    return 0;
}
