/* libFuzzer target for the core metadata reader: any bytes; never crash or leak, and a
 * successful parse always has a name and a version. */
#include <stdint.h>
#include <stdlib.h>

#include "core_metadata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gl_core_metadata md;
    gl_error err;
    gl_error_clear(&err);
    if (gl_core_metadata_parse(&md, (const char *)data, size, "fuzz/METADATA", &err)) {
        if (!md.name || !*md.name || !md.version || !*md.version)
            abort();
        for (size_t i = 0; i < md.nrequires_dist; i++)
            if (!md.requires_dist[i][0])
                abort();
    } else if (!err.message[0] || md.name || md.requires_dist) {
        abort();
    }
    gl_core_metadata_free(&md);
    return 0;
}
