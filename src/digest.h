/* digest.h — content digests as indexes announce them ("sha256=<hex>" in link fragments and
 * PEP 658 metadata attributes): computing and verifying them with libsolv's checksum code.
 * Supported: md5, sha1, sha224, sha256, sha384, sha512 (what libsolv implements). */
#ifndef GL_DIGEST_H
#define GL_DIGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define GL_DIGEST_MAX_HEX 128 /* sha512 */
#define GL_SHA256_HEX_LEN 64

/* The canonical (lower-case, static) name of a supported algorithm named case-insensitively
 * by name[0..len), or NULL when gpulock cannot compute it. */
const char *gl_digest_algo_name(const char *name, size_t len);
/* Hex length of a supported algorithm's digest, 0 for an unsupported one. */
size_t gl_digest_hex_len(const char *algo);

/* Parses "<algo>=<hex>" as in "#sha256=…" fragments and data-core-metadata values.
 * On success *algo is the canonical static name and *hex the lower-cased digest (malloc'd).
 * Fails with GL_EINVAL for an unsupported algorithm or hex of the wrong length or alphabet. */
bool gl_digest_parse(const char *text, size_t len, const char **algo, char **hex, gl_error *err);
/* The same, writing the digest and a NUL to hex (GL_DIGEST_MAX_HEX + 1 bytes suffice), which
 * may be the digest's own place in text: nothing is written unless the digest is valid. */
bool gl_digest_parse_to(const char *text, size_t len, const char **algo, char *hex, gl_error *err);

/* Incremental hashing, for bodies that arrive in pieces. */
typedef struct gl_digest gl_digest;
gl_digest *gl_digest_new(const char *algo, gl_error *err);
void gl_digest_update(gl_digest *d, const void *data, size_t len);
/* Writes the lower-case hex digest and a NUL to out (GL_DIGEST_MAX_HEX + 1 bytes suffice).
 * The digest cannot be updated afterwards. */
void gl_digest_final_hex(gl_digest *d, char *out);
void gl_digest_free(gl_digest *d);

/* One-shot: hex digest of data[0..len) under algo; false with err for an unsupported algo. */
bool gl_digest_hex(const char *algo, const void *data, size_t len, char *out, gl_error *err);
void gl_digest_sha256_hex(const void *data, size_t len, char out[GL_SHA256_HEX_LEN + 1]);

/* True when data hashes to expected_hex (either case) under algo. Fails with GL_EDIGEST
 * "sha256 mismatch: expected …, got …" or GL_EINVAL "unsupported hash algorithm 'x'" /
 * malformed expected digest; the caller prefixes the name of what it checked. */
bool gl_digest_verify(const void *data, size_t len, const char *algo, const char *expected_hex,
                      gl_error *err);

#endif
