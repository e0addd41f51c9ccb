/* digest.c — digests over libsolv's chksum implementation, so gpulock carries no hash code. */
#include "digest.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <solv/chksum.h>
#include <solv/knownid.h>

#include "hex.h"

struct gl_digest {
    Chksum *chk;
    const char *algo;
};

static const struct {
    const char *name;
    size_t name_len;
    Id type;
    size_t hex_len;
} algos[] = {
    {"sha256", 6, REPOKEY_TYPE_SHA256, 64}, {"sha384", 6, REPOKEY_TYPE_SHA384, 96},
    {"sha512", 6, REPOKEY_TYPE_SHA512, 128}, {"sha224", 6, REPOKEY_TYPE_SHA224, 56},
    {"sha1", 4, REPOKEY_TYPE_SHA1, 40},     {"md5", 3, REPOKEY_TYPE_MD5, 32},
};
enum { NALGOS = sizeof algos / sizeof algos[0] };

static int algo_index(const char *name, size_t len)
{
    if (!name)
        return -1;
    for (int i = 0; i < NALGOS; i++)
        if (algos[i].name_len == len && !strncasecmp(algos[i].name, name, len))
            return i;
    return -1;
}

const char *gl_digest_algo_name(const char *name, size_t len)
{
    int i = algo_index(name, len);
    return i < 0 ? NULL : algos[i].name;
}

size_t gl_digest_hex_len(const char *algo)
{
    int i = algo ? algo_index(algo, strlen(algo)) : -1;
    return i < 0 ? 0 : algos[i].hex_len;
}

/* Checks hex[0..len) is a digest of algo's length; a message fragment in err otherwise. */
static bool check_hex(int ai, const char *hex, size_t len, gl_error *err)
{
    if (len != algos[ai].hex_len) {
        gl_error_set(err, GL_EINVAL, "malformed %s digest '%.*s': %zu hex digits, expected %zu",
                     algos[ai].name, (int)(len > 200 ? 200 : len), hex, len, algos[ai].hex_len);
        return false;
    }
    if (gl_hex_all_digits(hex, len))
        return true;
    for (size_t i = 0; i < len; i++) {
        if (gl_hex_digit_value(hex[i]) < 0) {
            gl_error_set(err, GL_EINVAL, "malformed %s digest '%.*s': '%c' is not a hex digit",
                         algos[ai].name, (int)len, hex, hex[i]);
            return false;
        }
    }
    return true;
}

bool gl_digest_parse_to(const char *text, size_t len, const char **algo, char *hex, gl_error *err)
{
    *algo = NULL;
    const char *eq = memchr(text, '=', len);
    if (!eq) {
        gl_error_set(err, GL_EINVAL, "malformed digest '%.*s': expected <algorithm>=<hex>",
                     (int)(len > 200 ? 200 : len), text);
        return false;
    }
    int ai = algo_index(text, (size_t)(eq - text));
    if (ai < 0) {
        gl_error_set(err, GL_EINVAL, "unsupported hash algorithm '%.*s'",
                     (int)(eq - text > 50 ? 50 : eq - text), text);
        return false;
    }
    const char *h = eq + 1;
    size_t hlen = len - (size_t)(h - text);
    if (!check_hex(ai, h, hlen, err))
        return false;
    /* Setting bit 0x20 lower-cases 'A'-'F' and leaves '0'-'9' and 'a'-'f' as they are. Each
     * digit is read before it is written: hex may be h itself. */
    for (size_t i = 0; i < hlen; i++)
        hex[i] = (char)(h[i] | 0x20);
    hex[hlen] = '\0';
    *algo = algos[ai].name;
    return true;
}

bool gl_digest_parse(const char *text, size_t len, const char **algo, char **hex, gl_error *err)
{
    *hex = NULL;
    char digits[GL_DIGEST_MAX_HEX + 1];
    if (!gl_digest_parse_to(text, len, algo, digits, err))
        return false;
    *hex = strdup(digits);
    if (!*hex) {
        *algo = NULL;
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return false;
    }
    return true;
}

gl_digest *gl_digest_new(const char *algo, gl_error *err)
{
    int ai = algo ? algo_index(algo, strlen(algo)) : -1;
    if (ai < 0) {
        gl_error_set(err, GL_EINVAL, "unsupported hash algorithm '%s'", algo ? algo : "(none)");
        return NULL;
    }
    gl_digest *d = calloc(1, sizeof *d);
    if (d)
        d->chk = solv_chksum_create(algos[ai].type);
    if (!d || !d->chk) {
        free(d);
        gl_error_set(err, GL_ENOMEM, "out of memory");
        return NULL;
    }
    d->algo = algos[ai].name;
    return d;
}

void gl_digest_update(gl_digest *d, const void *data, size_t len)
{
    /* libsolv takes an int length: feed large buffers in pieces. */
    const unsigned char *p = data;
    while (len > 0) {
        size_t n = len > (size_t)INT_MAX / 2 ? (size_t)INT_MAX / 2 : len;
        solv_chksum_add(d->chk, p, (int)n);
        p += n;
        len -= n;
    }
}

void gl_digest_final_hex(gl_digest *d, char *out)
{
    int n = 0;
    const unsigned char *bin = solv_chksum_get(d->chk, &n);
    for (int i = 0; bin && i < n; i++) {
        out[2 * i] = "0123456789abcdef"[bin[i] >> 4];
        out[2 * i + 1] = "0123456789abcdef"[bin[i] & 15];
    }
    out[bin ? 2 * n : 0] = '\0';
}

void gl_digest_free(gl_digest *d)
{
    if (!d)
        return;
    solv_chksum_free(d->chk, NULL);
    free(d);
}

bool gl_digest_hex(const char *algo, const void *data, size_t len, char *out, gl_error *err)
{
    gl_digest *d = gl_digest_new(algo, err);
    if (!d)
        return false;
    gl_digest_update(d, data, len);
    gl_digest_final_hex(d, out);
    gl_digest_free(d);
    return true;
}

void gl_digest_sha256_hex(const void *data, size_t len, char out[GL_SHA256_HEX_LEN + 1])
{
    if (!gl_digest_hex("sha256", data, len, out, NULL))
        out[0] = '\0'; /* only when memory ran out */
}

bool gl_digest_verify(const void *data, size_t len, const char *algo, const char *expected_hex,
                      gl_error *err)
{
    int ai = algo ? algo_index(algo, strlen(algo)) : -1;
    if (ai < 0) {
        gl_error_set(err, GL_EINVAL, "unsupported hash algorithm '%s'", algo ? algo : "(none)");
        return false;
    }
    if (!expected_hex || !check_hex(ai, expected_hex, strlen(expected_hex), err)) {
        if (!expected_hex)
            gl_error_set(err, GL_EINVAL, "no expected %s digest given", algos[ai].name);
        return false;
    }
    char got[GL_DIGEST_MAX_HEX + 1];
    if (!gl_digest_hex(algos[ai].name, data, len, got, err))
        return false;
    if (strcasecmp(got, expected_hex) != 0) {
        gl_error_set(err, GL_EDIGEST, "%s mismatch: expected %s, got %s", algos[ai].name,
                     expected_hex, got);
        return false;
    }
    return true;
}
