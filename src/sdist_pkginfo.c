#include "sdist_pkginfo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "zip.h"

#define TAR_BLOCK 512u
#define MAX_PKG_INFO (16u << 20)
#define MAX_NAME_RECORD (1u << 20) /* GNU long names and pax headers */
#define MAX_UNPACKED (4ull << 30)  /* stop walking a tar that inflates past this */

/* Which PKG-INFO to take: "<base>/PKG-INFO" for the expected base scores 2, any other
 * top-level one 1. */
typedef struct pkginfo_target {
    char *base; /* NULL when the file name gives none */
} pkginfo_target;

static const char *const sdist_suffixes[] = {".tar.gz", ".tgz", ".tar", ".zip"};

static void target_init(pkginfo_target *t, const char *filename)
{
    t->base = NULL;
    if (!filename)
        return;
    const char *slash = strrchr(filename, '/');
    const char *name = slash ? slash + 1 : filename;
    size_t len = strlen(name);
    for (size_t i = 0; i < sizeof sdist_suffixes / sizeof sdist_suffixes[0]; i++) {
        size_t sl = strlen(sdist_suffixes[i]);
        if (len > sl && !strcmp(name + len - sl, sdist_suffixes[i])) {
            t->base = strndup(name, len - sl);
            return;
        }
    }
}

static int score_name(void *ctx, const char *name, size_t len)
{
    const pkginfo_target *t = ctx;
    if (len >= 2 && name[0] == '.' && name[1] == '/')
        name += 2, len -= 2;
    static const char leaf[] = "/PKG-INFO";
    size_t leaf_len = sizeof leaf - 1;
    if (len <= leaf_len || memcmp(name + len - leaf_len, leaf, leaf_len))
        return 0;
    size_t base_len = len - leaf_len;
    if (memchr(name, '/', base_len))
        return 0;
    if (t->base && strlen(t->base) == base_len && !memcmp(name, t->base, base_len))
        return 2;
    return 1;
}

/* Bytes of a tar stream, from memory or inflated from gzip as they are needed. */
typedef struct tar_stream {
    const unsigned char *data;
    size_t len;
    size_t pos;
    bool gzip;
    z_stream zs;
    uint64_t produced;
    const char *name;
} tar_stream;

enum read_status { READ_OK, READ_END, READ_FAILED };

/* Fills dst (NULL: discards) with exactly n bytes. READ_END: the stream ended cleanly before
 * the first byte; ending part-way is a truncated archive (READ_FAILED, err set). */
static enum read_status stream_read(tar_stream *s, unsigned char *dst, size_t n, gl_error *err)
{
    if (!s->gzip) {
        if (s->pos == s->len && n > 0)
            return READ_END;
        if (s->len - s->pos < n) {
            gl_error_set(err, GL_EINVAL, "%s: truncated tar archive", s->name);
            return READ_FAILED;
        }
        if (dst)
            memcpy(dst, s->data + s->pos, n);
        s->pos += n;
        return READ_OK;
    }
    unsigned char scratch[TAR_BLOCK];
    size_t total = 0;
    while (total < n) {
        size_t want = n - total;
        unsigned char *out = dst ? dst + total : scratch;
        if (!dst && want > sizeof scratch)
            want = sizeof scratch;
        s->zs.next_out = out;
        s->zs.avail_out = (uInt)want;
        while (s->zs.avail_out > 0) {
            if (s->produced >= MAX_UNPACKED) {
                gl_error_set(err, GL_EINVAL, "%s: archive inflates to more than %llu bytes", s->name,
                             (unsigned long long)MAX_UNPACKED);
                return READ_FAILED;
            }
            uInt before = s->zs.avail_out;
            int rc = inflate(&s->zs, Z_NO_FLUSH);
            s->produced += before - s->zs.avail_out;
            if (rc == Z_STREAM_END) {
                if (s->zs.avail_out == 0)
                    break;
                /* Concatenated gzip members continue the same tar stream. */
                if (s->zs.avail_in > 0 && inflateReset(&s->zs) == Z_OK)
                    continue;
                if (total == 0 && s->zs.avail_out == want)
                    return READ_END;
                gl_error_set(err, GL_EINVAL, "%s: truncated tar archive", s->name);
                return READ_FAILED;
            }
            if (rc != Z_OK) {
                gl_error_set(err, GL_EINVAL, "%s: gzip data is corrupt or truncated%s%s", s->name,
                             s->zs.msg ? ": " : "", s->zs.msg ? s->zs.msg : "");
                return READ_FAILED;
            }
        }
        total += want;
    }
    return READ_OK;
}

static bool read_exactly(tar_stream *s, unsigned char *dst, size_t n, gl_error *err)
{
    enum read_status st = stream_read(s, dst, n, err);
    if (st == READ_END)
        gl_error_set(err, GL_EINVAL, "%s: truncated tar archive", s->name);
    return st == READ_OK;
}

static bool skip_bytes(tar_stream *s, uint64_t n, gl_error *err)
{
    if (!s->gzip) {
        if (s->len - s->pos < n) {
            gl_error_set(err, GL_EINVAL, "%s: truncated tar archive", s->name);
            return false;
        }
        s->pos += (size_t)n;
        return true;
    }
    while (n > 0) {
        size_t step = n > (1u << 20) ? (1u << 20) : (size_t)n;
        if (!read_exactly(s, NULL, step, err))
            return false;
        n -= step;
    }
    return true;
}

static bool parse_octal(const unsigned char *field, size_t len, uint64_t *out)
{
    if (field[0] & 0x80) {
        /* GNU base-256 for sizes beyond 8 GiB. */
        uint64_t v = field[0] & 0x7f;
        for (size_t i = 1; i < len; i++) {
            if (v >> 56)
                return false;
            v = v << 8 | field[i];
        }
        *out = v;
        return true;
    }
    uint64_t v = 0;
    size_t i = 0;
    while (i < len && field[i] == ' ')
        i++;
    bool digits = false;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; i++) {
        if (v >> 60)
            return false;
        v = v * 8 + (uint64_t)(field[i] - '0');
        digits = true;
    }
    for (; i < len; i++)
        if (field[i] != ' ' && field[i] != '\0')
            return false;
    *out = v;
    return digits;
}

static bool header_checksum_ok(const unsigned char *h)
{
    uint64_t stored;
    if (!parse_octal(h + 148, 8, &stored))
        return false;
    uint64_t sum = 0;
    for (size_t i = 0; i < TAR_BLOCK; i++)
        sum += (i >= 148 && i < 156) ? ' ' : h[i];
    return sum == stored;
}

/* Reads a pax extended header's "path" record into *path (malloc'd), if it has one. */
static bool pax_path(const char *rec, size_t len, char **path)
{
    size_t pos = 0;
    while (pos < len) {
        size_t n = 0, i = pos;
        while (i < len && rec[i] >= '0' && rec[i] <= '9' && n < len)
            n = n * 10 + (size_t)(rec[i++] - '0');
        if (i >= len || rec[i] != ' ' || n == 0 || n > len - pos)
            return false;
        const char *kv = rec + i + 1;
        size_t kv_len = pos + n - (i + 1);
        if (kv_len > 5 && !memcmp(kv, "path=", 5) && kv[kv_len - 1] == '\n') {
            free(*path);
            *path = strndup(kv + 5, kv_len - 6);
            return *path != NULL;
        }
        pos += n;
    }
    return true;
}

static bool tar_pkginfo(tar_stream *s, pkginfo_target *target, gl_strbuf *out, gl_error *err)
{
    unsigned char h[TAR_BLOCK];
    char *next_name = NULL; /* from a GNU 'L' or pax 'x' header, for the next entry */
    gl_strbuf best = GL_STRBUF_INIT;
    int best_score = 0;
    bool ok = false, first = true;
    for (;;) {
        enum read_status st = stream_read(s, h, TAR_BLOCK, err);
        if (st == READ_FAILED)
            goto done;
        if (st == READ_END) {
            /* No end-of-archive blocks: tolerated after whole entries, as tar(1) does. */
            if (first) {
                gl_error_set(err, GL_EINVAL, "not a tar archive: %s (empty)", s->name);
                goto done;
            }
            break;
        }
        bool zero = true;
        for (size_t i = 0; i < TAR_BLOCK && zero; i++)
            zero = h[i] == 0;
        if (zero)
            break;
        if (!header_checksum_ok(h)) {
            gl_error_set(err, GL_EINVAL, first ? "not a tar archive: %s" : "%s: corrupt tar header", s->name);
            goto done;
        }
        first = false;
        uint64_t size;
        if (!parse_octal(h + 124, 12, &size)) {
            gl_error_set(err, GL_EINVAL, "%s: corrupt tar header (size)", s->name);
            goto done;
        }
        uint64_t padded = (size + TAR_BLOCK - 1) / TAR_BLOCK * TAR_BLOCK;
        char type = (char)h[156];
        if (type == 'L' || type == 'x') {
            if (size > MAX_NAME_RECORD) {
                gl_error_set(err, GL_EINVAL, "%s: oversized tar name record", s->name);
                goto done;
            }
            char *rec = malloc((size_t)padded + 1);
            if (!rec) {
                gl_error_set(err, GL_ENOMEM, "out of memory reading %s", s->name);
                goto done;
            }
            bool read_ok = read_exactly(s, (unsigned char *)rec, (size_t)padded, err);
            rec[size] = '\0';
            bool parsed = true;
            if (read_ok && type == 'L') {
                free(next_name);
                next_name = strndup(rec, strnlen(rec, (size_t)size));
                parsed = next_name != NULL;
            } else if (read_ok) {
                parsed = pax_path(rec, (size_t)size, &next_name);
            }
            free(rec);
            if (!read_ok)
                goto done;
            if (!parsed) {
                gl_error_set(err, GL_EINVAL, "%s: corrupt tar extended header", s->name);
                goto done;
            }
            continue;
        }
        char name[256 + 2];
        const char *entry_name = next_name;
        if (!entry_name) {
            size_t nlen = strnlen((const char *)h, 100);
            size_t plen = !memcmp(h + 257, "ustar", 5) ? strnlen((const char *)h + 345, 155) : 0;
            if (plen)
                snprintf(name, sizeof name, "%.*s/%.*s", (int)plen, (const char *)h + 345, (int)nlen,
                         (const char *)h);
            else
                snprintf(name, sizeof name, "%.*s", (int)nlen, (const char *)h);
            entry_name = name;
        }
        int score = (type == '0' || type == '\0') ? score_name(target, entry_name, strlen(entry_name)) : 0;
        free(next_name);
        next_name = NULL;
        if (score > best_score) {
            if (size > MAX_PKG_INFO) {
                gl_error_set(err, GL_EINVAL, "%s: PKG-INFO is too large (%llu bytes)", s->name,
                             (unsigned long long)size);
                goto done;
            }
            gl_strbuf_reset(&best);
            unsigned char *buf = malloc((size_t)padded ? (size_t)padded : 1);
            if (!buf) {
                gl_error_set(err, GL_ENOMEM, "out of memory reading %s", s->name);
                goto done;
            }
            bool read_ok = read_exactly(s, buf, (size_t)padded, err);
            bool kept = read_ok && gl_strbuf_append(&best, (const char *)buf, (size_t)size);
            free(buf);
            if (!read_ok)
                goto done;
            if (!kept) {
                gl_error_set(err, GL_ENOMEM, "out of memory reading %s", s->name);
                goto done;
            }
            best_score = score;
            if (score == 2 || !target->base)
                break;
        } else if (!skip_bytes(s, padded, err)) {
            goto done;
        }
    }
    if (best_score == 0) {
        gl_error_set(err, GL_ENOTFOUND, "no top-level PKG-INFO in %s", s->name);
        goto done;
    }
    if (!gl_strbuf_append(out, best.data ? best.data : "", best.len)) {
        gl_error_set(err, GL_ENOMEM, "out of memory reading %s", s->name);
        goto done;
    }
    ok = true;
done:
    free(next_name);
    gl_strbuf_free(&best);
    return ok;
}

bool gl_sdist_pkginfo(const void *data, size_t len, const char *filename, gl_strbuf *out,
                      gl_error *err)
{
    const unsigned char *d = data;
    const char *name = filename ? filename : "sdist";
    pkginfo_target target;
    target_init(&target, filename);
    bool ok = false;
    if (len >= 4 && d[0] == 'P' && d[1] == 'K' && (d[2] == 3 || d[2] == 5)) {
        ok = gl_zip_extract_buffer(data, len, name, score_name, &target, "no top-level PKG-INFO", out,
                                   NULL, err);
    } else if (len >= 2 && d[0] == 0x1f && d[1] == 0x8b) {
        tar_stream s = {.data = d, .len = len, .gzip = true, .name = name};
        if (inflateInit2(&s.zs, 16 + MAX_WBITS) != Z_OK) {
            gl_error_set(err, GL_ENOMEM, "cannot start inflating %s", name);
        } else {
            s.zs.next_in = (Bytef *)d;
            s.zs.avail_in = (uInt)(len > UINT32_MAX ? UINT32_MAX : len);
            ok = tar_pkginfo(&s, &target, out, err);
            inflateEnd(&s.zs);
        }
    } else if (len >= TAR_BLOCK && !memcmp(d + 257, "ustar", 5)) {
        tar_stream s = {.data = d, .len = len, .gzip = false, .name = name};
        ok = tar_pkginfo(&s, &target, out, err);
    } else {
        gl_error_set(err, GL_EINVAL, "%s: not a .tar.gz, .tar or .zip archive", name);
    }
    free(target.base);
    return ok;
}
