/* fuzz_wheel_filename.c — libFuzzer target for distribution filenames and wheel ranking.
 * Input: "FILENAME[\nPROJECT[\nPYTHON\nPLATFORM]]". Beyond "never crash", it traps when a
 * parse that succeeded breaks an invariant the rest of gpulock relies on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tags.h"
#include "wheel_filename.h"

static char *next_line(char **cursor)
{
    char *line = *cursor;
    if (!line)
        return NULL;
    char *nl = strchr(line, '\n');
    if (nl) {
        *nl = '\0';
        *cursor = nl + 1;
    } else {
        *cursor = NULL;
    }
    return line;
}

static void check_parsed(const gl_dist_filename *f, const gl_target *targets, size_t ntargets)
{
    if (!f->name[0] || !f->normalized_name[0] || !f->version_text[0])
        __builtin_trap();
    bool wheel = f->kind == GL_DIST_WHEEL;
    if (wheel != (f->npython > 0) || wheel != (f->nabi > 0) || wheel != (f->nplatform > 0))
        __builtin_trap();
    /* The canonical version must read back as the same version. */
    char *canonical = gl_version_to_string(&f->version);
    if (canonical) {
        gl_version again;
        if (!gl_version_parse_cstr(&again, canonical, NULL) ||
            gl_version_compare(&again, &f->version) != 0)
            __builtin_trap();
        gl_version_free(&again);
        free(canonical);
    }
    if (gl_dist_filename_compare_build(f, f) != 0)
        __builtin_trap();
    for (size_t i = 0; i < ntargets; i++) {
        int rank = gl_target_wheel_rank(&targets[i], f);
        if (rank < -1 || (!wheel && rank != -1))
            __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *cursor = text;
    const char *filename = next_line(&cursor);
    const char *project = next_line(&cursor);
    const char *python = next_line(&cursor);
    const char *platform = next_line(&cursor);

    gl_target targets[3];
    size_t ntargets = 0;
    if (gl_target_init(&targets[ntargets], "3.11", "manylinux_2_35_x86_64", NULL))
        ntargets++;
    if (gl_target_init(&targets[ntargets], "3.13t", "macosx_14_0_arm64", NULL))
        ntargets++;
    gl_error err;
    if (python && platform) {
        if (gl_target_init(&targets[ntargets], python, platform, &err)) {
            char tag[96];
            if (targets[ntargets].nplatforms == 0 ||
                !gl_target_platform_at(&targets[ntargets], 0, tag, sizeof tag))
                __builtin_trap();
            ntargets++;
        } else if (!err.message[0]) {
            __builtin_trap();
        }
    }

    gl_dist_filename f;
    gl_error_clear(&err);
    if (gl_dist_filename_parse_hinted(&f, filename, project, &err)) {
        check_parsed(&f, targets, ntargets);
        gl_dist_filename_free(&f);
    } else if (!err.message[0] || f.name || f.version_text) {
        __builtin_trap();
    }
    free(text);
    return 0;
}
