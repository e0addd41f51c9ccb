/* marker.h — PEP 508 environment markers: parsing to an AST, the canonical text packaging
 * prints, and evaluation against an open key/value environment (the standard variables plus
 * any the caller adds, such as a GPU layer's cuda_compute_capability). */
#ifndef GL_MARKER_H
#define GL_MARKER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* ---- environment ---------------------------------------------------------------------- */

/* An open set of variables (key -> value), kept sorted by key. */
typedef struct gl_marker_env gl_marker_env;

/* An empty environment. NULL only when memory runs out. */
gl_marker_env *gl_marker_env_new(void);
/* Linux x86_64 CPython 3.11.7: python_version "3.11", python_full_version "3.11.7",
 * os_name "posix", sys_platform "linux", platform_system "Linux", platform_machine "x86_64",
 * platform_python_implementation "CPython", implementation_name "cpython",
 * implementation_version "3.11.7", platform_release "", platform_version "".
 * ("extra" is not a variable of the environment: gl_marker_evaluate takes it separately.) */
gl_marker_env *gl_marker_env_new_default(void);
gl_marker_env *gl_marker_env_copy(const gl_marker_env *env);
void gl_marker_env_free(gl_marker_env *env);
/* Adds or replaces; the env keeps copies. False only when memory runs out. Aliases are not
 * translated here: set "sys_platform", not "sys.platform". */
bool gl_marker_env_set(gl_marker_env *env, const char *key, const char *value);
/* NULL when key is not set. */
const char *gl_marker_env_get(const gl_marker_env *env, const char *key);
/* Iteration in key order: for (i = 0; i < gl_marker_env_count(env); i++) ... */
size_t gl_marker_env_count(const gl_marker_env *env);
const char *gl_marker_env_key_at(const gl_marker_env *env, size_t i);
const char *gl_marker_env_value_at(const gl_marker_env *env, size_t i);

/* ---- AST -------------------------------------------------------------------------------- */

typedef enum gl_marker_op {
    GL_MOP_LT,         /* <  */
    GL_MOP_LE,         /* <= */
    GL_MOP_EQ,         /* == */
    GL_MOP_NE,         /* != */
    GL_MOP_GE,         /* >= */
    GL_MOP_GT,         /* >  */
    GL_MOP_COMPATIBLE, /* ~= */
    GL_MOP_ARBITRARY,  /* === */
    GL_MOP_IN,         /* in */
    GL_MOP_NOT_IN,     /* not in */
} gl_marker_op;

typedef enum gl_marker_kind {
    GL_MARKER_COMPARE, /* lhs op rhs */
    GL_MARKER_AND,     /* children joined by "and" (two or more) */
    GL_MARKER_OR,      /* children joined by "or" (two or more) */
} gl_marker_kind;

typedef struct gl_marker_operand {
    bool is_variable;
    char *text; /* owned; a variable's canonical name (aliases resolved: "os.name" -> "os_name")
                   or a string's value without quotes (values compared with extra normalised) */
} gl_marker_operand;

typedef struct gl_marker_node {
    gl_marker_kind kind;
    gl_marker_op op;             /* GL_MARKER_COMPARE */
    gl_marker_operand lhs, rhs;  /* GL_MARKER_COMPARE */
    struct gl_marker_node **children; /* owned; GL_MARKER_AND / GL_MARKER_OR */
    size_t nchildren;
    bool parenthesized; /* an and/or group the author wrote in parentheses (kept when printing) */
} gl_marker_node;

/* A parsed marker: the tree plus the extra names it tests (PEP 685-normalised, sorted, unique:
 * every string compared with the variable extra, whatever the operator). */
typedef struct gl_marker {
    gl_marker_node *root;
    char **extras; /* owned */
    size_t nextras;
} gl_marker;

/* Parses text[0..len). Variables: the standard PEP 508 names and the aliases packaging accepts
 * (os.name, sys.platform, platform.version, platform.machine, platform.python_implementation,
 * python_implementation); when vars is not NULL, also every key it defines (for variables a
 * caller adds). Any other name is an error naming it. Returns NULL on failure with err saying
 * "invalid marker '<text>': <reason>". The caller frees the result with gl_marker_free. */
gl_marker *gl_marker_parse(const char *text, size_t len, const gl_marker_env *vars, gl_error *err);
void gl_marker_free(gl_marker *m);
gl_marker *gl_marker_copy(const gl_marker *m);

/* Canonical text as packaging's str(Marker): single spaces, double quotes (single quotes for a
 * value that itself contains '"', which packaging would print unparseably), aliases resolved,
 * parentheses kept where written around an and/or group, redundant ones dropped. Malloc'd;
 * NULL only when memory runs out. */
char *gl_marker_to_string(const gl_marker *m);

/* 1 true, 0 false, -1 error (err says why). As the PEP and packaging evaluate:
 * - each side's value: a variable's value in env (an error when env does not define it),
 *   or the string itself; "extra" takes the value of the extra argument ("" when NULL);
 *   two strings compared with each other are an error (as in packaging); two variables compare
 *   their values (packaging would compare the left value with the right variable's name);
 * - for <, <=, ==, !=, >=, >, ~=, ===: when op+rhs is a valid PEP 440 specifier and lhs a valid
 *   version, version matching with pre-releases allowed; otherwise Python string comparison
 *   (an error for ~=, which has none); === compares the version's canonical text (or the text
 *   itself when it is no version) with rhs, ignoring case, as packaging does;
 * - in / not in: substring tests;
 * - comparisons with extra normalise both sides (PEP 685) first;
 * - "and" binds tighter than "or". Every comparison is evaluated (no short-circuit), so an
 *   error anywhere in the marker is reported, as packaging does. */
int gl_marker_evaluate(const gl_marker *m, const gl_marker_env *env, const char *extra, gl_error *err);

bool gl_marker_references_extra(const gl_marker *m);
/* True when the marker uses the variable (canonical name, e.g. "sys_platform"). */
bool gl_marker_references_variable(const gl_marker *m, const char *name);
/* True for the standard PEP 508 names and packaging's aliases. */
bool gl_marker_is_standard_variable(const char *name);
/* The canonical name of a standard variable or alias ("os.name" -> "os_name"), else NULL. */
const char *gl_marker_variable_canonical(const char *name);

#endif
