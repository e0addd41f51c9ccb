/* solver.h — from requirements to pins: one version per project for one target, newest preferred,
 * previous pins kept while still valid, with the "via" edges behind every pin, or, when no set
 * of versions works, an explanation in terms of packages, versions and requirements. */
#ifndef GL_SOLVER_H
#define GL_SOLVER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "pool.h"

/* ---- The question ---- */
typedef struct gl_request gl_request;

gl_request *gl_request_new(void); /* NULL only when memory runs out */
void gl_request_free(gl_request *req);

/* A top-level requirement (PEP 508 text, "name @ url" included) and where it came from
 * ("-r requirements.in", "command line"). A requirement whose marker is false for the target is
 * dropped. Fails with GL_EINVAL (naming source and text) when the text does not parse. */
bool gl_request_require(gl_request *req, const char *requirement, const char *source, gl_error *err);
/* A constraint (-c): restricts the versions of the project if something else needs it. */
bool gl_request_constrain(gl_request *req, const char *requirement, const char *source, gl_error *err);
/* A pin from an existing lockfile: kept while it still satisfies everything, unless upgrading. */
bool gl_request_prefer(gl_request *req, const char *project, const char *version, gl_error *err);
/* --upgrade-package NAME: the project's previous pin is not preferred. */
bool gl_request_upgrade(gl_request *req, const char *project, gl_error *err);
void gl_request_upgrade_all(gl_request *req, bool on);
void gl_request_set_options(gl_request *req, const gl_pool_options *options);

/* ---- The answer ---- */
typedef struct gl_pin_file {
    char *filename;
    char *url;
    char *sha256; /* NULL when no digest is known (never invented) */
    bool yanked;
    bool compatible; /* installable on the target; the others follow, for reference */
} gl_pin_file;

/* Why a pin is there: an input line, or another pin that requires it. */
typedef struct gl_via {
    char *source;      /* the input ("-r requirements.in") when the request asked for it; else NULL */
    size_t pin;        /* index (in gl_solution.pins) of the requiring pin when source is NULL */
    char *requirement; /* the requirement as written, marker dropped: "transformers>=4.55.0" */
} gl_via;

typedef struct gl_pin {
    char *name;         /* PEP 503 normalised: "typing-extensions" */
    char *display_name; /* as the project spells itself: "typing_extensions" */
    char *version;      /* as published: "2.9.0+cu128" */
    char **extras;      /* normalised, sorted, those the solution needed */
    size_t nextras;
    gl_pin_file *files; /* every file of the release (from the index it was taken from): the best
                           one for the target first, then the other usable ones, then the rest */
    size_t nfiles;
    gl_via *via;        /* sorted: input lines first, then requiring pins by name */
    size_t nvia;
    char *direct_url;   /* the URL of a "name @ url" requirement, else NULL */
} gl_pin;

typedef struct gl_solution {
    gl_pin *pins; /* sorted by name */
    size_t npins;
    char **warnings; /* e.g. "unsloth 2025.3.1 does not provide the extra 'foo'" */
    size_t nwarnings;
} gl_solution;

/* Resolves req for target (whose marker environment is env). On GL_EUNSAT, err holds the start
 * of the explanation and *explanation (when not NULL) the whole text, malloc'd, for the caller
 * to free. Other failures (GL_EINVAL, GL_ENOMEM) say what input was wrong. */
gl_solution *gl_solve(gl_pool *pool, const struct gl_target *target, const struct gl_marker_env *env,
                      const gl_request *req, char **explanation, gl_error *err);
void gl_solution_free(gl_solution *solution);

/* The pin of a project (any spelling), or NULL. */
const gl_pin *gl_solution_find(const gl_solution *solution, const char *name);

/* `gpulock why NAME`: every chain from an input line down to the pin, shortest first. */
typedef struct gl_why_chain {
    const char *source;        /* the input line's source */
    size_t *pins;              /* indices into solution->pins, from the top-level pin to NAME */
    const char **requirements; /* requirements[i] brought pins[i] in (borrowed from the solution) */
    size_t length;
} gl_why_chain;

typedef struct gl_why {
    gl_why_chain *chains;
    size_t count;
} gl_why;

/* Fails with GL_ENOTFOUND when NAME is not pinned. At most 64 chains are listed. */
bool gl_solution_why(const gl_solution *solution, const char *name, gl_why *out, gl_error *err);
void gl_why_free(gl_why *why);

#endif
