#include "zip.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define EOCD_SIG 0x06054b50u
#define EOCD_LEN 22u
#define Z64_LOCATOR_SIG 0x07064b50u
#define Z64_LOCATOR_LEN 20u
#define Z64_EOCD_SIG 0x06064b50u
#define Z64_EOCD_LEN 56u
#define CDH_SIG 0x02014b50u
#define CDH_LEN 46u
#define LFH_SIG 0x04034b50u
#define LFH_LEN 30u
/* The end record sits within the last 64 KiB (its comment) + its own size, plus zip64's. */
#define TAIL_LEN (65535u + EOCD_LEN + Z64_LOCATOR_LEN + Z64_EOCD_LEN)
#define MAX_CENTRAL_DIR (512u << 20)
/* Room for a local header's name and extra field beyond what the central directory says. */
#define LOCAL_SLACK 1024u

static uint16_t rd16(const unsigned char *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

/* Whether bytes [off, off + len) of the archive lie in a buffer holding [start, start + have). */
static bool within(uint64_t off, uint64_t len, uint64_t start, size_t have)
{
    return off >= start && off - start <= have && len <= have - (off - start);
}

/* Where the archive's central directory is, and how the tail maps onto the archive. */
typedef struct archive_end {
    uint64_t tail_start; /* archive offset of tail[0] */
    uint64_t cd_offset;
    uint64_t cd_size;
    uint64_t entries;
} archive_end;

/* The member chosen from the central directory. */
typedef struct member_info {
    const unsigned char *name;
    size_t name_len;
    uint16_t flags;
    uint16_t method;
    uint32_t crc;
    uint64_t csize;
    uint64_t usize;
    uint64_t local_offset;
} member_info;

static bool read_end(const gl_zip_source *src, const gl_strbuf *tail, uint64_t size, archive_end *end,
                     gl_error *err)
{
    const unsigned char *t = (const unsigned char *)tail->data;
    size_t len = tail->len;
    size_t eocd = SIZE_MAX;
    for (size_t i = len >= EOCD_LEN ? len - EOCD_LEN + 1 : 0; i-- > 0;) {
        if (rd32(t + i) == EOCD_SIG && i + EOCD_LEN + rd16(t + i + 20) <= len) {
            eocd = i;
            break;
        }
    }
    if (eocd == SIZE_MAX) {
        gl_error_set(err, GL_EINVAL, "not a zip archive: %s (no end of central directory record)", src->name);
        return false;
    }
    const unsigned char *e = t + eocd;
    if (rd16(e + 4) != 0 || rd16(e + 6) != 0) {
        gl_error_set(err, GL_EINVAL, "%s: multi-disk zip archives are not supported", src->name);
        return false;
    }
    end->entries = rd16(e + 10);
    end->cd_size = rd32(e + 12);
    end->cd_offset = rd32(e + 16);

    bool zip64 = eocd >= Z64_LOCATOR_LEN && rd32(e - Z64_LOCATOR_LEN) == Z64_LOCATOR_SIG;
    uint64_t z64_offset = zip64 ? rd64(e - Z64_LOCATOR_LEN + 8) : 0;

    if (size) {
        if (size < len) {
            gl_error_set(err, GL_EINVAL, "%s: got %zu bytes of a %llu-byte archive", src->name, len,
                         (unsigned long long)size);
            return false;
        }
        end->tail_start = size - len;
    } else if (zip64) {
        /* Size unknown: anchor the tail on the zip64 record, which the locator places exactly. */
        size_t pos = eocd - Z64_LOCATOR_LEN;
        if (pos < Z64_EOCD_LEN || rd32(t + pos - Z64_EOCD_LEN) != Z64_EOCD_SIG ||
            z64_offset < pos - Z64_EOCD_LEN) {
            gl_error_set(err, GL_EINVAL, "%s: zip64 end record not where its locator says", src->name);
            return false;
        }
        end->tail_start = z64_offset - (pos - Z64_EOCD_LEN);
    } else {
        /* Size unknown: the central directory ends where the end record starts. */
        uint64_t cd_end = end->cd_offset + end->cd_size;
        if (cd_end < eocd) {
            gl_error_set(err, GL_EINVAL, "%s: central directory offsets are inconsistent", src->name);
            return false;
        }
        end->tail_start = cd_end - eocd;
    }

    if (zip64) {
        unsigned char rec[Z64_EOCD_LEN];
        if (within(z64_offset, Z64_EOCD_LEN, end->tail_start, len)) {
            memcpy(rec, t + (z64_offset - end->tail_start), Z64_EOCD_LEN);
        } else {
            gl_strbuf buf = GL_STRBUF_INIT;
            bool ok = src->read_at(src->ctx, z64_offset, Z64_EOCD_LEN, &buf, err);
            if (ok && buf.len < Z64_EOCD_LEN) {
                gl_error_set(err, GL_EINVAL, "%s: truncated zip64 end record", src->name);
                ok = false;
            }
            if (ok)
                memcpy(rec, buf.data, Z64_EOCD_LEN);
            gl_strbuf_free(&buf);
            if (!ok)
                return false;
        }
        if (rd32(rec) != Z64_EOCD_SIG) {
            gl_error_set(err, GL_EINVAL, "%s: bad zip64 end of central directory record", src->name);
            return false;
        }
        end->entries = rd64(rec + 32);
        end->cd_size = rd64(rec + 40);
        end->cd_offset = rd64(rec + 48);
    }
    uint64_t limit = end->tail_start + eocd;
    if (end->cd_size > MAX_CENTRAL_DIR || end->cd_offset > limit || end->cd_size > limit - end->cd_offset) {
        gl_error_set(err, GL_EINVAL, "%s: central directory lies outside the archive", src->name);
        return false;
    }
    return true;
}

/* Applies a zip64 extended-information extra field to the fields that overflowed. */
static bool apply_zip64_extra(const unsigned char *extra, size_t len, member_info *m, bool need_usize,
                              bool need_csize, bool need_offset)
{
    size_t pos = 0;
    while (pos + 4 <= len) {
        uint16_t id = rd16(extra + pos);
        uint16_t size = rd16(extra + pos + 2);
        if (pos + 4 + size > len)
            return false;
        if (id == 0x0001) {
            const unsigned char *d = extra + pos + 4;
            size_t off = 0;
            if (need_usize) {
                if (off + 8 > size)
                    return false;
                m->usize = rd64(d + off);
                off += 8;
            }
            if (need_csize) {
                if (off + 8 > size)
                    return false;
                m->csize = rd64(d + off);
                off += 8;
            }
            if (need_offset) {
                if (off + 8 > size)
                    return false;
                m->local_offset = rd64(d + off);
            }
            return true;
        }
        pos += 4u + size;
    }
    return !(need_usize || need_csize || need_offset);
}

static bool choose_member(const gl_zip_source *src, const unsigned char *cd, size_t cd_len,
                          gl_zip_score_fn score, void *score_ctx, const char *what, member_info *best,
                          gl_error *err)
{
    int best_score = 0;
    const unsigned char *rival = NULL;
    size_t rival_len = 0;
    size_t pos = 0;
    while (pos < cd_len) {
        if (pos + CDH_LEN > cd_len || rd32(cd + pos) != CDH_SIG) {
            gl_error_set(err, GL_EINVAL, "%s: corrupt central directory entry at offset %zu", src->name, pos);
            return false;
        }
        const unsigned char *h = cd + pos;
        size_t name_len = rd16(h + 28), extra_len = rd16(h + 30), comment_len = rd16(h + 32);
        if (pos + CDH_LEN + name_len + extra_len + comment_len > cd_len) {
            gl_error_set(err, GL_EINVAL, "%s: truncated central directory", src->name);
            return false;
        }
        const unsigned char *name = h + CDH_LEN;
        int s = score(score_ctx, (const char *)name, name_len);
        if (s > 0 && s >= best_score) {
            if (s == best_score) {
                rival = name;
                rival_len = name_len;
            } else {
                rival = NULL;
                member_info m = {
                    .name = name,
                    .name_len = name_len,
                    .flags = rd16(h + 8),
                    .method = rd16(h + 10),
                    .crc = rd32(h + 16),
                    .csize = rd32(h + 20),
                    .usize = rd32(h + 24),
                    .local_offset = rd32(h + 42),
                };
                bool need_c = m.csize == 0xFFFFFFFFu, need_u = m.usize == 0xFFFFFFFFu,
                     need_o = m.local_offset == 0xFFFFFFFFu;
                if ((need_c || need_u || need_o) &&
                    !apply_zip64_extra(name + name_len, extra_len, &m, need_u, need_c, need_o)) {
                    gl_error_set(err, GL_EINVAL, "%s: bad zip64 extra field for '%.*s'", src->name,
                                 (int)name_len, (const char *)name);
                    return false;
                }
                *best = m;
                best_score = s;
            }
        }
        pos += CDH_LEN + name_len + extra_len + comment_len;
    }
    if (best_score == 0) {
        gl_error_set(err, GL_ENOTFOUND, "%s in %s", what, src->name);
        return false;
    }
    if (rival) {
        gl_error_set(err, GL_EINVAL, "%s: ambiguous, both '%.*s' and '%.*s' qualify", src->name,
                     (int)best->name_len, (const char *)best->name, (int)rival_len, (const char *)rival);
        return false;
    }
    return true;
}

static bool inflate_member(const gl_zip_source *src, const member_info *m, const unsigned char *data,
                           gl_strbuf *out, gl_error *err)
{
    int name_len = (int)m->name_len;
    const char *name = (const char *)m->name;
    size_t start = out->len;
    if (m->method == 0) {
        if (m->csize != m->usize) {
            gl_error_set(err, GL_EINVAL, "%s: stored member '%.*s' has inconsistent sizes", src->name,
                         name_len, name);
            return false;
        }
        if (!gl_strbuf_append(out, (const char *)data, (size_t)m->csize)) {
            gl_error_set(err, GL_ENOMEM, "out of memory reading %s", src->name);
            return false;
        }
    } else {
        z_stream zs;
        memset(&zs, 0, sizeof zs);
        if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) {
            gl_error_set(err, GL_ENOMEM, "cannot start inflating %s", src->name);
            return false;
        }
        zs.next_in = (Bytef *)data;
        zs.avail_in = (uInt)m->csize;
        unsigned char chunk[16384];
        int rc = Z_OK;
        bool ok = true;
        while (rc != Z_STREAM_END) {
            zs.next_out = chunk;
            zs.avail_out = sizeof chunk;
            rc = inflate(&zs, Z_NO_FLUSH);
            if (rc != Z_OK && rc != Z_STREAM_END) {
                gl_error_set(err, GL_EINVAL, "%s: member '%.*s' does not inflate: %s", src->name,
                             name_len, name, zs.msg ? zs.msg : "truncated or corrupt data");
                ok = false;
                break;
            }
            size_t got = sizeof chunk - zs.avail_out;
            if (out->len - start + got > m->usize) {
                gl_error_set(err, GL_EINVAL, "%s: member '%.*s' inflates to more than its declared %llu bytes",
                             src->name, name_len, name, (unsigned long long)m->usize);
                ok = false;
                break;
            }
            if (!gl_strbuf_append(out, (const char *)chunk, got)) {
                gl_error_set(err, GL_ENOMEM, "out of memory reading %s", src->name);
                ok = false;
                break;
            }
            if (rc == Z_OK && got == 0 && zs.avail_in == 0) {
                gl_error_set(err, GL_EINVAL, "%s: member '%.*s' is truncated", src->name, name_len, name);
                ok = false;
                break;
            }
        }
        inflateEnd(&zs);
        if (!ok)
            return false;
    }
    size_t got = out->len - start;
    if (got != m->usize) {
        gl_error_set(err, GL_EINVAL, "%s: member '%.*s' has %zu bytes, its header says %llu", src->name,
                     name_len, name, got, (unsigned long long)m->usize);
        return false;
    }
    uLong crc = crc32(0L, Z_NULL, 0);
    crc = crc32(crc, (const Bytef *)out->data + start, (uInt)got);
    if ((uint32_t)crc != m->crc) {
        gl_error_set(err, GL_EINVAL, "%s: CRC mismatch in member '%.*s'", src->name, name_len, name);
        return false;
    }
    return true;
}

/* Finds the member's data: in the tail when it is there, else with one or two range reads. */
static bool read_member(const gl_zip_source *src, const gl_strbuf *tail, const archive_end *end,
                        const member_info *m, gl_strbuf *out, gl_error *err)
{
    const unsigned char *t = (const unsigned char *)tail->data;
    uint64_t header_off = m->local_offset;
    gl_strbuf buf = GL_STRBUF_INIT;
    const unsigned char *base;
    size_t base_len;
    uint64_t base_off;
    if (within(header_off, LFH_LEN, end->tail_start, tail->len)) {
        base = t;
        base_len = tail->len;
        base_off = end->tail_start;
    } else {
        if (!src->read_at(src->ctx, header_off, LFH_LEN + m->name_len + LOCAL_SLACK + m->csize, &buf, err))
            return false;
        base = (const unsigned char *)buf.data;
        base_len = buf.len;
        base_off = header_off;
    }
    bool ok = false;
    size_t pos = (size_t)(header_off - base_off);
    if (pos + LFH_LEN > base_len || rd32(base + pos) != LFH_SIG) {
        gl_error_set(err, GL_EINVAL, "%s: no local header for member '%.*s'", src->name, (int)m->name_len,
                     (const char *)m->name);
        goto done;
    }
    uint64_t data_off = header_off + LFH_LEN + rd16(base + pos + 26) + rd16(base + pos + 28);
    if (!within(data_off, m->csize, base_off, base_len)) {
        gl_strbuf_free(&buf);
        if (!src->read_at(src->ctx, data_off, m->csize, &buf, err))
            goto done;
        base = (const unsigned char *)buf.data;
        base_len = buf.len;
        base_off = data_off;
        if (base_len < m->csize) {
            gl_error_set(err, GL_EINVAL, "%s: member '%.*s' is truncated", src->name, (int)m->name_len,
                         (const char *)m->name);
            goto done;
        }
    }
    /* An empty member may come with no buffer at all. */
    ok = inflate_member(src, m, base ? base + (data_off - base_off) : (const unsigned char *)"", out, err);
done:
    gl_strbuf_free(&buf);
    return ok;
}

bool gl_zip_extract(const gl_zip_source *src, gl_zip_score_fn score, void *score_ctx,
                    const char *what, gl_strbuf *out, char **member, gl_error *err)
{
    if (member)
        *member = NULL;
    gl_strbuf tail = GL_STRBUF_INIT, cd_buf = GL_STRBUF_INIT;
    uint64_t size = 0;
    bool ok = false;
    archive_end end;
    member_info m;
    if (!src->read_tail(src->ctx, TAIL_LEN, &tail, &size, err) || !read_end(src, &tail, size, &end, err))
        goto done;
    const unsigned char *cd;
    if (within(end.cd_offset, end.cd_size, end.tail_start, tail.len)) {
        cd = (const unsigned char *)tail.data + (end.cd_offset - end.tail_start);
    } else {
        if (!src->read_at(src->ctx, end.cd_offset, end.cd_size, &cd_buf, err))
            goto done;
        if (cd_buf.len < end.cd_size) {
            gl_error_set(err, GL_EINVAL, "%s: truncated central directory", src->name);
            goto done;
        }
        cd = (const unsigned char *)cd_buf.data;
    }
    if (!choose_member(src, cd, (size_t)end.cd_size, score, score_ctx, what, &m, err))
        goto done;
    if (m.flags & 1u) {
        gl_error_set(err, GL_EINVAL, "%s: member '%.*s' is encrypted", src->name, (int)m.name_len,
                     (const char *)m.name);
        goto done;
    }
    if (m.method != 0 && m.method != 8) {
        gl_error_set(err, GL_EINVAL, "%s: member '%.*s' uses unsupported compression method %u", src->name,
                     (int)m.name_len, (const char *)m.name, m.method);
        goto done;
    }
    /* Members precede the central directory. */
    if (m.local_offset >= end.cd_offset || m.csize > end.cd_offset - m.local_offset) {
        gl_error_set(err, GL_EINVAL, "%s: member '%.*s' lies outside the archive", src->name,
                     (int)m.name_len, (const char *)m.name);
        goto done;
    }
    if (m.usize > GL_ZIP_MAX_MEMBER || m.csize > GL_ZIP_MAX_MEMBER) {
        gl_error_set(err, GL_EINVAL, "%s: member '%.*s' is too large (%llu bytes)", src->name,
                     (int)m.name_len, (const char *)m.name, (unsigned long long)m.usize);
        goto done;
    }
    if (member && !(*member = strndup((const char *)m.name, m.name_len))) {
        gl_error_set(err, GL_ENOMEM, "out of memory reading %s", src->name);
        goto done;
    }
    ok = read_member(src, &tail, &end, &m, out, err);
    if (!ok && member) {
        free(*member);
        *member = NULL;
    }
done:
    gl_strbuf_free(&tail);
    gl_strbuf_free(&cd_buf);
    return ok;
}

typedef struct memory_archive {
    const unsigned char *data;
    size_t len;
} memory_archive;

static bool memory_tail(void *ctx, uint64_t length, gl_strbuf *out, uint64_t *size, gl_error *err)
{
    (void)length;
    const memory_archive *a = ctx;
    *size = a->len;
    if (!gl_strbuf_append(out, (const char *)a->data, a->len)) {
        gl_error_set(err, GL_ENOMEM, "out of memory reading an archive");
        return false;
    }
    return true;
}

static bool memory_at(void *ctx, uint64_t offset, uint64_t length, gl_strbuf *out, gl_error *err)
{
    const memory_archive *a = ctx;
    if (offset >= a->len)
        return true;
    size_t n = length < a->len - offset ? (size_t)length : a->len - (size_t)offset;
    if (!gl_strbuf_append(out, (const char *)a->data + offset, n)) {
        gl_error_set(err, GL_ENOMEM, "out of memory reading an archive");
        return false;
    }
    return true;
}

bool gl_zip_extract_buffer(const void *data, size_t len, const char *name, gl_zip_score_fn score,
                           void *score_ctx, const char *what, gl_strbuf *out, char **member,
                           gl_error *err)
{
    memory_archive a = {data, len};
    gl_zip_source src = {&a, name, memory_tail, memory_at};
    return gl_zip_extract(&src, score, score_ctx, what, out, member, err);
}
