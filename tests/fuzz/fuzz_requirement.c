/* fuzz_requirement.c — libFuzzer target for PEP 508 requirements and markers.
 * Checks that any input either fails cleanly or parses to a canonical text that parses back to
 * the same canonical text (and JSON), and that evaluating the marker never crashes and gives the
 * same answer for the reparsed form. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marker.h"
#include "requirement.h"

#define CHECK(cond)                                                                 \
    do {                                                                            \
        if (!(cond)) {                                                              \
            fprintf(stderr, "fuzz_requirement: check failed: %s (line %d)\n", #cond, __LINE__); \
            __builtin_trap();                                                       \
        }                                                                           \
    } while (0)

static const char *const extras[] = {NULL, "", "test", "Foo_Bar", "cuda"};

static void check_marker(const gl_marker *m, const gl_marker_env *vars)
{
    char *text = gl_marker_to_string(m);
    CHECK(text);
    gl_error err;
    gl_marker *again = gl_marker_parse(text, strlen(text), vars, &err);
    if (!again)
        fprintf(stderr, "canonical '%s' does not parse: %s\n", text, err.message);
    CHECK(again);
    char *text2 = gl_marker_to_string(again);
    CHECK(text2 && !strcmp(text, text2));
    gl_marker *copy = gl_marker_copy(m);
    CHECK(copy);
    char *text3 = gl_marker_to_string(copy);
    CHECK(text3 && !strcmp(text, text3));
    CHECK(m->nextras == again->nextras);
    for (size_t i = 0; i < sizeof extras / sizeof extras[0]; i++) {
        int a = gl_marker_evaluate(m, vars, extras[i], &err);
        int b = gl_marker_evaluate(again, vars, extras[i], &err);
        CHECK(a >= -1 && a <= 1 && a == b);
    }
    gl_marker_env *empty = gl_marker_env_new();
    CHECK(empty);
    int r = gl_marker_evaluate(m, empty, "x", &err);
    CHECK(r >= -1 && r <= 1);
    gl_marker_env_free(empty);
    free(text);
    free(text2);
    free(text3);
    gl_marker_free(copy);
    gl_marker_free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    gl_error err;
    gl_marker_env *vars = gl_marker_env_new_default();
    if (!vars)
        return 0;
    gl_marker_env_set(vars, "cuda_compute_capability", "8.6");

    gl_requirement req;
    if (gl_requirement_parse_env(&req, text, size, vars, &err)) {
        char *canonical = gl_requirement_to_string(&req);
        char *json = gl_requirement_to_json(&req);
        CHECK(canonical && json);
        gl_requirement again;
        bool reparsed = gl_requirement_parse_env(&again, canonical, strlen(canonical), vars, &err);
        if (!reparsed)
            fprintf(stderr, "canonical '%s' does not parse: %s\n", canonical, err.message);
        CHECK(reparsed);
        char *canonical2 = gl_requirement_to_string(&again);
        char *json2 = gl_requirement_to_json(&again);
        CHECK(canonical2 && !strcmp(canonical, canonical2));
        CHECK(json2 && !strcmp(json, json2));
        if (req.marker)
            check_marker(req.marker, vars);
        free(canonical);
        free(canonical2);
        free(json);
        free(json2);
        gl_requirement_free(&again);
        gl_requirement_free(&req);
    } else {
        CHECK(err.message[0] != '\0');
    }

    gl_marker *m = gl_marker_parse(text, size, vars, &err);
    if (m) {
        check_marker(m, vars);
        gl_marker_free(m);
    } else {
        CHECK(!strncmp(err.message, "invalid marker '", 16));
    }
    gl_marker_env_free(vars);
    return 0;
}
