/* fuzz_lazy_wheel.c — arbitrary bytes as a wheel (zip: end records, zip64, central directory,
 * inflate) and as an sdist (gzip, tar headers, pax/GNU names, zip): errors, never crashes. */
#include <stddef.h>
#include <stdint.h>

#include "lazy_wheel.h"
#include "sdist_pkginfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    gl_strbuf out = GL_STRBUF_INIT;
    gl_error err;
    gl_wheel_metadata_from_buffer(data, size, "demo-1.0-py3-none-any.whl", &out, &err);
    gl_strbuf_free(&out);
    gl_sdist_pkginfo(data, size, "demo-1.0.tar.gz", &out, &err);
    gl_strbuf_free(&out);
    return 0;
}
