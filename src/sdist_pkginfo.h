/* sdist_pkginfo.h — the top-level <base>/PKG-INFO of a downloaded sdist (.tar.gz through zlib
 * and a small streaming tar reader, plain .tar, .zip through zip.h), so a release without wheels
 * can still be resolved when its PKG-INFO declares static metadata (PEP 643, checked by the caller). */
#ifndef GL_SDIST_PKGINFO_H
#define GL_SDIST_PKGINFO_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "strbuf.h"

/* Appends the PKG-INFO text to out. The archive kind is recognised by its first bytes;
 * filename names the sdist in messages and picks "<filename without suffix>/PKG-INFO" when
 * several top-level directories carry one (NULL: the single top-level PKG-INFO).
 * Errors: GL_ENOTFOUND "no top-level PKG-INFO in <filename>", GL_EINVAL for archives that
 * are corrupt, truncated or of an unsupported kind. */
bool gl_sdist_pkginfo(const void *data, size_t len, const char *filename, gl_strbuf *out,
                      gl_error *err);

#endif
