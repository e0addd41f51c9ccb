/* snapshot.c — the snapshot's in-memory form, its manifest, and its directory on disk. */
#include "snapshot.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "digest.h"
#include "strbuf.h"
#include "tsv.h"

void gl_snapshot_init(gl_snapshot *snap)
{
    memset(snap, 0, sizeof *snap);
}

void gl_snapshot_free(gl_snapshot *snap)
{
    gl_index_set_free(&snap->indexes);
    free(snap->created);
    for (size_t i = 0; i < snap->npages; i++) {
        free(snap->pages[i].index_name);
        free(snap->pages[i].project);
        free(snap->pages[i].url);
        free(snap->pages[i].body);
    }
    free(snap->pages);
    for (size_t i = 0; i < snap->nmissing; i++) {
        free(snap->missing[i].index_name);
        free(snap->missing[i].project);
    }
    free(snap->missing);
    for (size_t i = 0; i < snap->nmetadata; i++) {
        gl_snapshot_metadata *m = &snap->metadata[i];
        free(m->project);
        free(m->version);
        free(m->source_url);
        free(m->body);
        free(m->unavailable_reason);
    }
    free(snap->metadata);
    gl_snapshot_init(snap);
}

static bool grow(void **items, size_t *cap, size_t count, size_t size, gl_error *err)
{
    if (count < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *p = realloc(*items, ncap * size);
    if (!p) {
        gl_error_set(err, GL_ENOMEM, "out of memory building a snapshot");
        return false;
    }
    *items = p;
    *cap = ncap;
    return true;
}

static char *dup_bytes(const char *data, size_t len)
{
    char *p = malloc(len + 1);
    if (p) {
        if (len)
            memcpy(p, data, len);
        p[len] = '\0';
    }
    return p;
}

/* Manifest fields are TAB-separated lines: keep TAB and newlines out of free text. */
static char *dup_field(const char *s)
{
    if (!s)
        s = "";
    char *p = strdup(s);
    for (char *q = p; q && *q; q++)
        if (*q == '\t' || *q == '\n' || *q == '\r')
            *q = ' ';
    return p;
}

bool gl_snapshot_add_page(gl_snapshot *snap, const char *index_name, const char *project,
                          const char *url, const char *body, size_t len, gl_error *err)
{
    if (!grow((void **)&snap->pages, &snap->cap_pages, snap->npages, sizeof *snap->pages, err))
        return false;
    gl_snapshot_page *p = &snap->pages[snap->npages];
    memset(p, 0, sizeof *p);
    p->index_name = dup_field(index_name);
    p->project = dup_field(project);
    p->url = dup_field(url);
    p->body = dup_bytes(body, len);
    p->len = len;
    if (!p->index_name || !p->project || !p->url || !p->body) {
        free(p->index_name), free(p->project), free(p->url), free(p->body);
        gl_error_set(err, GL_ENOMEM, "out of memory building a snapshot");
        return false;
    }
    gl_digest_sha256_hex(body, len, p->sha256);
    snap->npages++;
    return true;
}

bool gl_snapshot_add_missing(gl_snapshot *snap, const char *index_name, const char *project,
                             gl_error *err)
{
    if (!grow((void **)&snap->missing, &snap->cap_missing, snap->nmissing, sizeof *snap->missing, err))
        return false;
    gl_snapshot_missing *m = &snap->missing[snap->nmissing];
    m->index_name = dup_field(index_name);
    m->project = dup_field(project);
    if (!m->index_name || !m->project) {
        free(m->index_name), free(m->project);
        gl_error_set(err, GL_ENOMEM, "out of memory building a snapshot");
        return false;
    }
    snap->nmissing++;
    return true;
}

bool gl_snapshot_add_metadata(gl_snapshot *snap, const char *project, const char *version,
                              gl_metadata_source source, const char *source_url, const char *body,
                              size_t len, const char *unavailable_reason, gl_error *err)
{
    if (!grow((void **)&snap->metadata, &snap->cap_metadata, snap->nmetadata, sizeof *snap->metadata, err))
        return false;
    gl_snapshot_metadata *m = &snap->metadata[snap->nmetadata];
    memset(m, 0, sizeof *m);
    m->project = dup_field(project);
    m->version = dup_field(version);
    m->source = body ? source : GL_METADATA_UNAVAILABLE;
    m->source_url = dup_field(source_url);
    bool ok = m->project && m->version && m->source_url;
    if (body) {
        m->body = dup_bytes(body, len);
        m->len = len;
        ok = ok && m->body;
        if (m->body)
            gl_digest_sha256_hex(body, len, m->sha256);
    } else {
        m->unavailable_reason = dup_field(unavailable_reason ? unavailable_reason : "unknown reason");
        ok = ok && m->unavailable_reason;
    }
    if (!ok) {
        free(m->project), free(m->version), free(m->source_url), free(m->body), free(m->unavailable_reason);
        gl_error_set(err, GL_ENOMEM, "out of memory building a snapshot");
        return false;
    }
    snap->nmetadata++;
    return true;
}

const gl_snapshot_metadata *gl_snapshot_find_metadata(const gl_snapshot *snap, const char *project,
                                                      const char *version)
{
    for (size_t i = 0; i < snap->nmetadata; i++)
        if (!strcmp(snap->metadata[i].version, version) && !strcmp(snap->metadata[i].project, project))
            return &snap->metadata[i];
    return NULL;
}

bool gl_snapshot_has_project(const gl_snapshot *snap, const char *project)
{
    for (size_t i = 0; i < snap->npages; i++)
        if (!strcmp(snap->pages[i].project, project))
            return true;
    return false;
}

static const char *const source_names[] = {"pep658", "wheel", "pkg-info", "unavailable"};

const char *gl_metadata_source_name(gl_metadata_source source)
{
    return (unsigned)source < sizeof source_names / sizeof source_names[0] ? source_names[source] : "?";
}

/* ---- writing ---- */

/* A file-system-safe spelling of an index name ("cu128" stays, "host:8080/simple" does not). */
static void put_safe_name(gl_strbuf *b, const char *name)
{
    for (const char *p = name; *p; p++) {
        char c = *p;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_' || c == '.';
        gl_strbuf_putc(b, ok && !(c == '.' && p == name) ? c : '_');
    }
}

static bool write_whole(const char *path, const char *data, size_t len, gl_error *err)
{
    FILE *f = fopen(path, "wb");
    if (!f) {
        gl_error_set(err, GL_EIO, "cannot create %s: %s", path, strerror(errno));
        return false;
    }
    bool ok = fwrite(data, 1, len, f) == len;
    ok = (fclose(f) == 0) && ok;
    if (!ok)
        gl_error_set(err, GL_EIO, "cannot write %s: %s", path, strerror(errno));
    return ok;
}

static bool make_dir(const char *path, gl_error *err)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST)
        return true;
    gl_error_set(err, GL_EIO, "cannot create directory %s: %s", path, strerror(errno));
    return false;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Writes every file of snap under root (an empty directory) and its manifest. */
static bool write_tree(const gl_snapshot *snap, const char *root, gl_error *err)
{
    gl_strbuf man = GL_STRBUF_INIT, path = GL_STRBUF_INIT, rel = GL_STRBUF_INIT;
    bool ok = false;
    gl_strbuf_printf(&man, "%s\ncreated\t%s\ngenerator\tgpulock %s\n", GL_SNAPSHOT_FORMAT,
                     snap->created ? snap->created : "", GPULOCK_VERSION);
    for (size_t i = 0; i < snap->indexes.count; i++) {
        const gl_index *ix = &snap->indexes.items[i];
        gl_strbuf_printf(&man, "index\t%d\t%s\t%s\n", ix->priority, ix->name, ix->url);
    }
    gl_strbuf_reset(&path);
    gl_strbuf_printf(&path, "%s/pages", root);
    if (!make_dir(gl_strbuf_cstr(&path), err))
        goto out;
    gl_strbuf_reset(&path);
    gl_strbuf_printf(&path, "%s/metadata", root);
    if (!make_dir(gl_strbuf_cstr(&path), err))
        goto out;
    for (size_t i = 0; i < snap->npages; i++) {
        const gl_snapshot_page *p = &snap->pages[i];
        gl_strbuf_reset(&rel);
        gl_strbuf_puts(&rel, "pages/");
        put_safe_name(&rel, p->index_name);
        gl_strbuf_reset(&path);
        gl_strbuf_printf(&path, "%s/%s", root, gl_strbuf_cstr(&rel));
        if (!make_dir(gl_strbuf_cstr(&path), err))
            goto out;
        gl_strbuf_putc(&rel, '/');
        put_safe_name(&rel, p->project);
        gl_strbuf_puts(&rel, ".html");
        gl_strbuf_reset(&path);
        gl_strbuf_printf(&path, "%s/%s", root, gl_strbuf_cstr(&rel));
        if (!write_whole(gl_strbuf_cstr(&path), p->body, p->len, err))
            goto out;
        gl_strbuf_printf(&man, "page\t%s\t%s\t%s\t%s\t%s\n", p->index_name, p->project, p->sha256,
                         gl_strbuf_cstr(&rel), p->url);
    }
    for (size_t i = 0; i < snap->nmissing; i++)
        gl_strbuf_printf(&man, "missing\t%s\t%s\n", snap->missing[i].index_name, snap->missing[i].project);
    for (size_t i = 0; i < snap->nmetadata; i++) {
        const gl_snapshot_metadata *m = &snap->metadata[i];
        if (m->source == GL_METADATA_UNAVAILABLE) {
            gl_strbuf_printf(&man, "unavailable\t%s\t%s\t%s\t%s\n", m->project, m->version,
                             m->source_url, m->unavailable_reason);
            continue;
        }
        gl_strbuf_reset(&rel);
        gl_strbuf_printf(&rel, "metadata/%s.metadata", m->sha256);
        gl_strbuf_reset(&path);
        gl_strbuf_printf(&path, "%s/%s", root, gl_strbuf_cstr(&rel));
        /* Content-addressed: many releases (and every file of one) share a metadata file. */
        if (access(gl_strbuf_cstr(&path), F_OK) != 0 &&
            !write_whole(gl_strbuf_cstr(&path), m->body, m->len, err))
            goto out;
        gl_strbuf_printf(&man, "metadata\t%s\t%s\t%s\t%s\t%s\t%s\n", m->project, m->version,
                         gl_metadata_source_name(m->source), m->sha256, gl_strbuf_cstr(&rel), m->source_url);
    }
    gl_strbuf_reset(&path);
    gl_strbuf_printf(&path, "%s/%s", root, GL_SNAPSHOT_MANIFEST);
    if (!man.data) {
        gl_error_set(err, GL_ENOMEM, "out of memory writing the snapshot manifest");
        goto out;
    }
    ok = write_whole(gl_strbuf_cstr(&path), man.data, man.len, err);
out:
    gl_strbuf_free(&man);
    gl_strbuf_free(&path);
    gl_strbuf_free(&rel);
    return ok;
}

bool gl_snapshot_write(const gl_snapshot *snap, const char *dir, gl_error *err)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    gl_strbuf tmp = GL_STRBUF_INIT;
    gl_strbuf_append(&tmp, dir, n);
    gl_strbuf_puts(&tmp, ".tmp-XXXXXX");
    char *target = strndup(dir, n);
    if (!tmp.data || !target) {
        gl_strbuf_free(&tmp);
        free(target);
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    bool ok = false;
    if (!mkdtemp(tmp.data)) {
        gl_error_set(err, GL_EIO, "cannot create a temporary directory beside %s: %s", target, strerror(errno));
        goto out;
    }
    if (!write_tree(snap, tmp.data, err)) {
        remove_tree(tmp.data);
        goto out;
    }
    struct stat st;
    if (stat(target, &st) == 0) {
        if (!S_ISDIR(st.st_mode) ) {
            gl_error_set(err, GL_EIO, "cannot write snapshot %s: it exists and is not a directory", target);
            remove_tree(tmp.data);
            goto out;
        }
        /* Swap in one step, so the old snapshot is whole until the new one is. */
        if (renameat2(AT_FDCWD, tmp.data, AT_FDCWD, target, RENAME_EXCHANGE) != 0) {
            gl_error_set(err, GL_EIO, "cannot replace snapshot %s: %s", target, strerror(errno));
            remove_tree(tmp.data);
            goto out;
        }
        remove_tree(tmp.data); /* now the old snapshot */
    } else if (rename(tmp.data, target) != 0) {
        gl_error_set(err, GL_EIO, "cannot create snapshot %s: %s", target, strerror(errno));
        remove_tree(tmp.data);
        goto out;
    }
    ok = true;
out:
    gl_strbuf_free(&tmp);
    free(target);
    return ok;
}

/* ---- reading ---- */

static bool read_whole(const char *path, char **data, size_t *len, gl_error *err)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        gl_error_set(err, errno == ENOENT ? GL_ENOTFOUND : GL_EIO, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    gl_strbuf b = GL_STRBUF_INIT;
    char chunk[65536];
    size_t got;
    bool ok = true;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (!gl_strbuf_append(&b, chunk, got)) {
            ok = false;
            gl_error_set(err, GL_ENOMEM, "out of memory reading %s", path);
            break;
        }
    if (ok && ferror(f)) {
        ok = false;
        gl_error_set(err, GL_EIO, "cannot read %s: %s", path, strerror(errno));
    }
    fclose(f);
    if (!ok) {
        gl_strbuf_free(&b);
        return false;
    }
    *len = b.len;
    *data = b.data ? gl_strbuf_detach(&b) : strdup("");
    if (!*data) {
        gl_error_set(err, GL_ENOMEM, "out of memory reading %s", path);
        return false;
    }
    return true;
}

bool gl_snapshot_manifest_digest(const char *dir, char out[65], gl_error *err)
{
    gl_strbuf path = GL_STRBUF_INIT;
    gl_strbuf_printf(&path, "%s/%s", dir, GL_SNAPSHOT_MANIFEST);
    char *data;
    size_t len;
    bool ok = read_whole(gl_strbuf_cstr(&path), &data, &len, err);
    if (ok) {
        gl_digest_sha256_hex(data, len, out);
        free(data);
    } else {
        gl_error_prefix(err, "not a gpulock snapshot: ");
    }
    gl_strbuf_free(&path);
    return ok;
}

/* s[0..len) is a sha256 as gpulock writes them (gl_digest_sha256_hex): 64 lower-case hex
 * digits. */
static bool is_sha256_text(const char *s, size_t len)
{
    if (len != GL_SHA256_HEX_LEN)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return false;
    return true;
}

/* How recent a manifest's change may be before its digest is remembered: file times tick
 * coarsely (a few ms on ext4), so a second change within the same tick would leave the
 * identity unchanged; a manifest untouched for longer than this cannot be in that race. */
#define MEMO_SETTLE_SECONDS 2

bool gl_snapshot_manifest_digest_memo(const char *dir, const char *memo_dir, char out[65],
                                      gl_error *err)
{
    gl_strbuf path = GL_STRBUF_INIT, identity = GL_STRBUF_INIT, memo = GL_STRBUF_INIT;
    gl_strbuf_printf(&path, "%s/%s", dir, GL_SNAPSHOT_MANIFEST);
    struct stat st;
    bool remembered = false;
    if (memo_dir && *memo_dir && stat(gl_strbuf_cstr(&path), &st) == 0) {
        gl_strbuf_printf(&identity, "%ju %ju %jd %jd.%09ld %jd.%09ld", (uintmax_t)st.st_dev,
                         (uintmax_t)st.st_ino, (intmax_t)st.st_size, (intmax_t)st.st_mtim.tv_sec,
                         st.st_mtim.tv_nsec, (intmax_t)st.st_ctim.tv_sec, st.st_ctim.tv_nsec);
        char id_sha[GL_SHA256_HEX_LEN + 1];
        gl_digest_sha256_hex(identity.data ? identity.data : "", identity.len, id_sha);
        gl_strbuf_printf(&memo, "%s/manifest-%s", memo_dir, id_sha);
        char *data = NULL;
        size_t len = 0;
        gl_error miss;
        if (read_whole(gl_strbuf_cstr(&memo), &data, &len, &miss) && is_sha256_text(data, len)) {
            memcpy(out, data, GL_SHA256_HEX_LEN + 1);
            remembered = true;
        }
        free(data);
    }
    bool ok = remembered || gl_snapshot_manifest_digest(dir, out, err);
    time_t now = time(NULL);
    if (ok && !remembered && memo.len && now - st.st_mtim.tv_sec > MEMO_SETTLE_SECONDS &&
        now - st.st_ctim.tv_sec > MEMO_SETTLE_SECONDS) {
        /* Only saves time: a memo that cannot be written is simply not there next time. */
        gl_atomic_file af;
        gl_error ignored;
        if (gl_atomic_file_begin(&af, gl_strbuf_cstr(&memo), &ignored)) {
            if (fwrite(out, 1, GL_SHA256_HEX_LEN, af.stream) == GL_SHA256_HEX_LEN)
                gl_atomic_file_commit(&af, &ignored);
            else
                gl_atomic_file_abort(&af);
        }
    }
    gl_strbuf_free(&path);
    gl_strbuf_free(&identity);
    gl_strbuf_free(&memo);
    return ok;
}

/* A relative path inside the snapshot: no absolute paths, no "..", nothing odd. */
static bool safe_relative_path(const char *p)
{
    if (!*p || *p == '/')
        return false;
    for (const char *seg = p; seg;) {
        const char *slash = strchr(seg, '/');
        size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
        if (n == 0 || (n == 2 && !memcmp(seg, "..", 2)) || (n == 1 && *seg == '.'))
            return false;
        seg = slash ? slash + 1 : NULL;
    }
    return true;
}

/* Reads dir/rel and checks it against sha256; errors name the file. */
static bool read_verified(const char *dir, const char *rel, const char *sha256, char **data,
                          size_t *len, gl_error *err)
{
    gl_strbuf path = GL_STRBUF_INIT;
    gl_strbuf_printf(&path, "%s/%s", dir, rel);
    bool ok = read_whole(gl_strbuf_cstr(&path), data, len, err);
    if (ok) {
        char got[65];
        gl_digest_sha256_hex(*data, *len, got);
        if (strcmp(got, sha256)) {
            gl_error_set(err, GL_EDIGEST,
                         "snapshot file %s is corrupt: its sha256 is %s, the manifest says %s",
                         gl_strbuf_cstr(&path), got, sha256);
            free(*data);
            *data = NULL;
            ok = false;
        }
    }
    gl_strbuf_free(&path);
    return ok;
}

static gl_metadata_source source_from_name(const char *name)
{
    for (int i = 0; i < GL_METADATA_UNAVAILABLE; i++)
        if (!strcmp(name, source_names[i]))
            return (gl_metadata_source)i;
    return GL_METADATA_UNAVAILABLE;
}

static bool read_manifest_line(gl_snapshot *snap, const char *dir, char *line, bool indexes_only,
                               gl_error *err)
{
    char *f[8] = {NULL}; /* only the first n are set; gcc -O3 cannot see the n checks */
    int n = gl_tsv_split(line, f, 8);
    char *data = NULL;
    size_t len = 0;
    bool ok;
    if (!strcmp(f[0], "created") && n == 2) {
        free(snap->created);
        snap->created = strdup(f[1]);
        return snap->created != NULL;
    }
    if (!strcmp(f[0], "generator"))
        return true;
    if (!strcmp(f[0], "index") && n == 4) {
        char *end;
        long prio = strtol(f[1], &end, 10);
        if (*end || prio < 0 || prio > INT_MAX)
            goto malformed;
        return gl_index_set_add_raw(&snap->indexes, f[3], NULL, f[2], (int)prio, err);
    }
    if (indexes_only)
        return true;
    if (!strcmp(f[0], "page") && n == 6) {
        if (!is_sha256_text(f[3], strlen(f[3])) || !safe_relative_path(f[4]))
            goto malformed;
        if (!read_verified(dir, f[4], f[3], &data, &len, err))
            return false;
        ok = gl_snapshot_add_page(snap, f[1], f[2], f[5], data, len, err);
        free(data);
        return ok;
    }
    if (!strcmp(f[0], "missing") && n == 3)
        return gl_snapshot_add_missing(snap, f[1], f[2], err);
    if (!strcmp(f[0], "metadata") && n == 7) {
        gl_metadata_source src = source_from_name(f[3]);
        if (src == GL_METADATA_UNAVAILABLE || !is_sha256_text(f[4], strlen(f[4])) || !safe_relative_path(f[5]))
            goto malformed;
        if (!read_verified(dir, f[5], f[4], &data, &len, err))
            return false;
        ok = gl_snapshot_add_metadata(snap, f[1], f[2], src, f[6], data, len, NULL, err);
        free(data);
        return ok;
    }
    if (!strcmp(f[0], "unavailable") && n == 5)
        return gl_snapshot_add_metadata(snap, f[1], f[2], GL_METADATA_UNAVAILABLE, f[3], NULL, 0, f[4], err);
malformed:
    gl_error_set(err, GL_EINVAL, "malformed line starting with '%.40s'", f[0]);
    return false;
}

static bool read_snapshot(gl_snapshot *snap, const char *dir, bool indexes_only, gl_error *err)
{
    gl_strbuf path = GL_STRBUF_INIT;
    gl_strbuf_printf(&path, "%s/%s", dir, GL_SNAPSHOT_MANIFEST);
    char *manifest;
    size_t len;
    if (!read_whole(gl_strbuf_cstr(&path), &manifest, &len, err)) {
        gl_error_prefix(err, "not a gpulock snapshot: ");
        gl_strbuf_free(&path);
        return false;
    }
    bool ok = true;
    size_t lineno = 0;
    char *save = NULL;
    size_t format_len = strlen(GL_SNAPSHOT_FORMAT);
    if (len <= format_len || strncmp(manifest, GL_SNAPSHOT_FORMAT, format_len) ||
        (manifest[format_len] != '\n' && strncmp(manifest + format_len, "\r\n", 2))) {
        gl_error_set(err, GL_EINVAL, "%s: not a gpulock snapshot manifest (expected first line '%s')",
                     gl_strbuf_cstr(&path), GL_SNAPSHOT_FORMAT);
        ok = false;
    } else if (memchr(manifest, '\0', len)) {
        gl_error_set(err, GL_EINVAL, "%s: NUL byte in the manifest", gl_strbuf_cstr(&path));
        ok = false;
    }
    for (char *line = ok ? strtok_r(manifest, "\n", &save) : NULL; ok && line; line = strtok_r(NULL, "\n", &save)) {
        lineno++;
        if (lineno == 1)
            continue;
        size_t l = strlen(line);
        if (l && line[l - 1] == '\r')
            line[l - 1] = '\0';
        if (!*line)
            continue;
        if (!read_manifest_line(snap, dir, line, indexes_only, err)) {
            if (err && err->code == GL_EINVAL)
                gl_error_prefix(err, "%s line %zu: ", gl_strbuf_cstr(&path), lineno);
            ok = false;
        }
    }
    if (ok && snap->indexes.count == 0) {
        gl_error_set(err, GL_EINVAL, "%s: the manifest names no index", gl_strbuf_cstr(&path));
        ok = false;
    }
    if (ok)
        snap->indexes.has_primary = true;
    free(manifest);
    gl_strbuf_free(&path);
    return ok;
}

bool gl_snapshot_read(gl_snapshot *snap, const char *dir, gl_error *err)
{
    return read_snapshot(snap, dir, false, err);
}

bool gl_snapshot_read_header(gl_snapshot *snap, const char *dir, gl_error *err)
{
    return read_snapshot(snap, dir, true, err);
}

bool gl_snapshot_read_indexes(const char *dir, gl_index_set *out, gl_error *err)
{
    gl_snapshot snap;
    gl_snapshot_init(&snap);
    bool ok = read_snapshot(&snap, dir, true, err);
    if (ok) {
        *out = snap.indexes;
        snap.indexes = (gl_index_set)GL_INDEX_SET_INIT;
    }
    gl_snapshot_free(&snap);
    return ok;
}

static bool has_manifest(const char *dir)
{
    gl_strbuf p = GL_STRBUF_INIT;
    gl_strbuf_printf(&p, "%s/%s", dir, GL_SNAPSHOT_MANIFEST);
    bool ok = access(gl_strbuf_cstr(&p), R_OK) == 0;
    gl_strbuf_free(&p);
    return ok;
}

char *gl_snapshot_default_dir(gl_error *err)
{
    const char *env = getenv("GPULOCK_INDEXES");
    if (env && *env)
        return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) {
        gl_error_set(err, GL_ENOTFOUND, "cannot find the embedded snapshot: cannot locate the gpulock executable (set GPULOCK_INDEXES)");
        return NULL;
    }
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash)
        *slash = '\0';
    static const char *const relative[] = {"/../../indexes", "/../share/gpulock/indexes"};
    for (size_t i = 0; i < sizeof relative / sizeof relative[0]; i++) {
        gl_strbuf p = GL_STRBUF_INIT;
        gl_strbuf_printf(&p, "%s%s", exe, relative[i]);
        if (has_manifest(gl_strbuf_cstr(&p))) {
            char *real = realpath(gl_strbuf_cstr(&p), NULL);
            gl_strbuf_free(&p);
            if (real)
                return real;
            gl_error_set(err, GL_ENOMEM, "out of memory");
            return NULL;
        }
        gl_strbuf_free(&p);
    }
    gl_error_set(err, GL_ENOTFOUND,
                 "no index given and no embedded snapshot found (looked in %s/../../indexes and "
                 "%s/../share/gpulock/indexes; set GPULOCK_INDEXES, or pass --index-url or --snapshot)",
                 exe, exe);
    return NULL;
}
