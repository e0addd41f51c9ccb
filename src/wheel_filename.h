/* wheel_filename.h — names of distribution files: wheels (PEP 427 with PEP 425 compressed
 * tag sets, build tags, local versions spelled "+" or "%2B") and sdists (.tar.gz, .zip and
 * legacy archive suffixes), parsed into project name, PEP 440 version and tags. */
#ifndef GL_WHEEL_FILENAME_H
#define GL_WHEEL_FILENAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "version.h"

typedef enum gl_dist_kind { GL_DIST_WHEEL, GL_DIST_SDIST } gl_dist_kind;

/* A parsed filename. Every pointer is owned by the struct; gl_dist_filename_free releases
 * them. Index links percent-encode some characters ("%2B" for '+'): the fields hold the
 * decoded text. */
typedef struct gl_dist_filename {
    gl_dist_kind kind;
    char *name;            /* as written: "nvidia_cublas_cu12" */
    char *normalized_name; /* PEP 503: "nvidia-cublas-cu12" */
    gl_version version;
    char *version_text; /* as written: "2.9.0+cu128" */
    /* Wheels only (NULL / 0 for sdists and for wheels without a build tag). */
    char *build_tag;          /* "1", "2b" */
    uint64_t build_number;    /* the build tag's leading digits */
    const char *build_suffix; /* points into build_tag, after the digits ("" or "b") */
    /* Compressed tag sets expanded: "py2.py3" gives two python tags. Sdists have none. */
    char **python_tags;
    size_t npython;
    char **abi_tags;
    size_t nabi;
    char **platform_tags;
    size_t nplatform;
} gl_dist_filename;

/* Parses a wheel or sdist filename (the last path segment of a link, without query or
 * fragment). On failure returns false, leaves *out empty (safe to free) and fills err:
 * "invalid wheel filename 'x.whl': <reason>" (or "invalid sdist filename", or "invalid
 * distribution filename" when the suffix is neither). */
bool gl_dist_filename_parse(gl_dist_filename *out, const char *filename, gl_error *err);

/* As gl_dist_filename_parse, with the project the file is listed under (any spelling) to
 * settle an ambiguous sdist name/version split ("foo-1.0-2.tar.gz" is foo 1.0.post2 for
 * project "foo", but "foo-1.0" version 2 without a hint: the split is at the last '-' whose
 * remainder is a valid version). project may be NULL; it never changes how a wheel parses,
 * and a hint that does not fit the filename is ignored. */
bool gl_dist_filename_parse_hinted(gl_dist_filename *out, const char *filename,
                                   const char *project, gl_error *err);

void gl_dist_filename_free(gl_dist_filename *f);

/* Build-tag order (PEP 427: by number, then by the rest as a string; no build tag sorts
 * first): <0, 0, >0. */
int gl_dist_filename_compare_build(const gl_dist_filename *a, const gl_dist_filename *b);

#endif
