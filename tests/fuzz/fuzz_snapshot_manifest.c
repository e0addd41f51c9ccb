/* libFuzzer target for the snapshot reader: any bytes as manifest.tsv, in a snapshot directory
 * that holds one real page and one real metadata file (so valid lines can name them); never
 * crash or leak, never read outside the directory, and a successful read is consistent. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "snapshot.h"

static const char page[] = "<a href=\"../../files/six-1.0-py3-none-any.whl\">six-1.0-py3-none-any.whl</a>\n";
static const char metadata[] = "Metadata-Version: 2.1\nName: six\nVersion: 1.0\n";

static void dir_path(char *out, size_t size, const char *rel)
{
    snprintf(out, size, "/tmp/gpulock-fuzz-snapshot-%ld%s%s", (long)getpid(), rel ? "/" : "", rel ? rel : "");
}

static void write_file(const char *rel, const void *data, size_t len)
{
    char path[256];
    dir_path(path, sizeof path, rel);
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    if (len && fwrite(data, 1, len, f) != len)
        abort();
    fclose(f);
}

static void remove_dir(void)
{
    char cmd[300], path[256];
    dir_path(path, sizeof path, NULL);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    char path[256], sha[65], rel[128];
    const char *dirs[] = {NULL, "pages", "pages/pypi", "metadata"};
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        dir_path(path, sizeof path, dirs[i]);
        mkdir(path, 0755);
    }
    write_file("pages/pypi/six.html", page, strlen(page));
    gl_digest_sha256_hex(metadata, strlen(metadata), sha);
    snprintf(rel, sizeof rel, "metadata/%s.metadata", sha);
    write_file(rel, metadata, strlen(metadata));
    atexit(remove_dir);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_file(GL_SNAPSHOT_MANIFEST, data, size);
    char dir[256];
    dir_path(dir, sizeof dir, NULL);
    gl_snapshot snap;
    gl_snapshot_init(&snap);
    gl_error err;
    gl_error_clear(&err);
    if (gl_snapshot_read(&snap, dir, &err)) {
        if (snap.indexes.count == 0)
            abort();
        for (size_t i = 0; i < snap.npages; i++) {
            char sha[65];
            gl_digest_sha256_hex(snap.pages[i].body, snap.pages[i].len, sha);
            if (strcmp(sha, snap.pages[i].sha256))
                abort();
        }
        for (size_t i = 0; i < snap.nmetadata; i++)
            if ((snap.metadata[i].source == GL_METADATA_UNAVAILABLE) != (snap.metadata[i].body == NULL))
                abort();
    } else if (!err.message[0]) {
        abort();
    }
    gl_snapshot_free(&snap);
    return 0;
}
