/* explain.h — turns libsolv's account of an unsatisfiable request into sentences about
 * packages, versions and requirements ("trl 0.21.0 requires transformers>=4.55.0, but ..."),
 * plus the fixes it proposes, so a user never meets the solver's own vocabulary. */
#ifndef GL_EXPLAIN_H
#define GL_EXPLAIN_H

#include <stddef.h>

#include "pool.h"
#include "strbuf.h"

struct s_Solver;

/* What one job of the solver stands for: a top-level requirement and where it came from. */
typedef struct gl_explain_job {
    const char *requirement; /* "transformers==4.51.3" */
    const char *source;      /* "-r requirements.in" */
    int dep;                 /* the requirement's dependency (the job may stand in for it) */
} gl_explain_job;

/* Writes the explanation of every problem the solver found. jobs[i] describes the i-th job in
 * the solver's job queue (the pairs of (how, what)); NULL requirement for jobs that are not
 * requirements (preferences). */
void gl_explain_problems(struct s_Solver *solv, const gl_pool *pool, const gl_explain_job *jobs,
                         size_t njobs, gl_strbuf *out);

#endif
