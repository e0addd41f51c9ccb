#include "atomic_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strbuf.h"

bool gl_atomic_file_begin(gl_atomic_file *af, const char *path, gl_error *err)
{
    memset(af, 0, sizeof *af);
    gl_strbuf tmp = GL_STRBUF_INIT;
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    /* ".<name>.XXXXXX" beside the target, so the rename stays within one file system. */
    gl_strbuf_append(&tmp, path, dir_len);
    gl_strbuf_putc(&tmp, '.');
    gl_strbuf_puts(&tmp, path + dir_len);
    gl_strbuf_puts(&tmp, ".XXXXXX");
    af->temp_path = gl_strbuf_detach(&tmp);
    af->path = strdup(path);
    int fd = af->temp_path && af->path ? mkstemp(af->temp_path) : -1;
    if (fd < 0 || !(af->stream = fdopen(fd, "w"))) {
        gl_error_set(err, GL_EIO, "cannot write '%s': %s", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(af->temp_path);
        }
        free(af->temp_path);
        free(af->path);
        memset(af, 0, sizeof *af);
        return false;
    }
    return true;
}

bool gl_atomic_file_commit(gl_atomic_file *af, gl_error *err)
{
    bool ok = af->stream && fflush(af->stream) == 0 && !ferror(af->stream) && fsync(fileno(af->stream)) == 0;
    int saved = errno;
    if (af->stream && fclose(af->stream) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    af->stream = NULL;
    if (ok && rename(af->temp_path, af->path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        gl_error_set(err, GL_EIO, "cannot write '%s': %s", af->path ? af->path : "?", strerror(saved));
        unlink(af->temp_path);
    }
    free(af->temp_path);
    free(af->path);
    memset(af, 0, sizeof *af);
    return ok;
}

void gl_atomic_file_abort(gl_atomic_file *af)
{
    if (af->stream)
        fclose(af->stream);
    if (af->temp_path)
        unlink(af->temp_path);
    free(af->temp_path);
    free(af->path);
    memset(af, 0, sizeof *af);
}
