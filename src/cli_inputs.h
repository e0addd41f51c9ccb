/* cli_inputs.h — what `compile` and `why` share: their options (inputs, target, indexes or
 * snapshot, upgrade policy), reading the requirement files, loading the package data into a
 * pool, and solving. Each verb then does its own thing with the solution. */
#ifndef GL_CLI_INPUTS_H
#define GL_CLI_INPUTS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "index_set.h"
#include "lock.h"
#include "reqfile.h"
#include "solver.h"

typedef struct gl_cli_inputs {
    const char *python;   /* "3.11" */
    const char *platform; /* "manylinux_2_35_x86_64" */
    const char *output;   /* -o; NULL = standard output */
    const char *snapshot; /* --snapshot DIR */
    const char *cache_dir;
    const char *index_url;
    const char **extra_index_urls;
    size_t nextra_index_urls;
    const char **upgrade_packages;
    size_t nupgrade_packages;
    bool upgrade_all, pre, offline, refresh, generate_hashes, annotate, header, quiet;
    gl_index_set indexes;    /* the indexes asked for, in priority order (PyPI by default) */
    gl_reqfile requirements; /* every -r, -c and command-line requirement, in order */
    char *command_line;      /* the regenerating command, for the header */
} gl_cli_inputs;

/* Parses argv (after the verb). `positional` receives arguments that are not options and not
 * requirements when the verb has its own (why's PACKAGE): pass NULL for none. Returns false
 * with err (GL_EUSAGE / GL_EINVAL / GL_EIO) on a bad option or unreadable file. */
bool gl_cli_inputs_parse(gl_cli_inputs *in, int argc, char **argv, const char *verb,
                         const char **positional, gl_error *err);
void gl_cli_inputs_free(gl_cli_inputs *in);

/* Loads the package data into pool: --snapshot DIR; else the embedded snapshot when it holds
 * every index asked for (and --refresh is not given); else the indexes over the network through
 * the cache (--offline: the cache only). *source_description says which, for the header. */
gl_pool *gl_cli_load_pool(gl_cli_inputs *in, char **source_description, gl_error *err);

/* The lock's --index-url / --extra-index-url lines: the public URLs of the indexes used,
 * nothing when that is PyPI alone (pip's default). */
bool gl_cli_inputs_lock_indexes(const gl_cli_inputs *in, gl_lock *lock);

/* Loads the package data the inputs name, solves, and hands back the solution (NULL on
 * failure; for GL_EUNSAT, *explanation holds the full text). */
gl_solution *gl_cli_solve(gl_cli_inputs *in, char **explanation, char **source_description,
                          gl_error *err);

#endif
