/* url.h — URLs as package indexes serve them: resolving a link against its page (RFC 3986,
 * through libcurl's URL API), splitting off the fragment that carries a digest, the file name
 * a URL names, and hiding credentials in anything shown to a user. */
#ifndef GL_URL_H
#define GL_URL_H

#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Resolves ref (absolute URL, absolute path, or relative reference) against the absolute URL
 * base. Returns the absolute URL without its fragment (malloc'd, the caller frees); when
 * fragment is not NULL it receives the fragment without '#' (malloc'd) or NULL if there is
 * none. On failure returns NULL, *fragment is NULL and err says which reference failed and why. */
char *gl_url_resolve(const char *base, const char *ref, char **fragment, gl_error *err);

/* A base URL parsed once, for resolving the many links of one page. */
typedef struct gl_url_base gl_url_base;
/* NULL with err ("bad base URL") when base is not an absolute URL. */
gl_url_base *gl_url_base_new(const char *base, gl_error *err);
/* As gl_url_resolve, against b. Links in one directory cost one curl resolution: b
 * remembers the last directory it resolved (hence not const). */
char *gl_url_base_resolve(gl_url_base *b, const char *ref, char **fragment, gl_error *err);
/* The same, for a reader that keeps many URLs in one buffer: appends the URL and a NUL to out
 * and then, when fragment_at is not NULL and ref has a fragment, the fragment and a NUL,
 * *fragment_at receiving its offset in out (0 when there is none: the URL comes first). On
 * failure out is as it was. */
bool gl_url_base_resolve_append(gl_url_base *b, const char *ref, gl_strbuf *out,
                                size_t *fragment_at, gl_error *err);
/* The same with every reference resolved and composed by curl alone, for checking the above. */
char *gl_url_base_resolve_uncached(const gl_url_base *b, const char *ref, char **fragment,
                                   gl_error *err);
void gl_url_base_free(gl_url_base *b);

/* The last path segment of an absolute URL, percent-decoded ("torch-2.9.0%2Bcu128-…whl" gives
 * "torch-2.9.0+cu128-…whl"); "" when the path ends in '/'. Malloc'd; NULL with err when the URL
 * is not absolute or the segment decodes to something that is no file name (NUL, '/'). */
char *gl_url_filename(const char *url, gl_error *err);
/* The same, appended to out with a NUL (url must not lie in out); on failure out is as it was. */
bool gl_url_filename_append(const char *url, gl_strbuf *out, gl_error *err);

/* url with its userinfo (user, password, token) replaced by "****", for every message and
 * output: the "user:token@" in "https://user:token@host/x" becomes "****@". Never fails on
 * malformed input. snprintf semantics: returns the length it needs. */
size_t gl_url_redact_to(const char *url, char *buf, size_t size);
/* The same, malloc'd; NULL only when memory runs out. */
char *gl_url_redact(const char *url);

#endif
