/* explain.c — libsolv problems as sentences about packages, versions and requirements.
 * Every rule of a problem is classified (an input line, "A requires B", "nothing satisfies B"),
 * requirements of the same project on the same dependency are merged over their versions, and
 * each is set against what else in the problem wants that project, so the reader sees the clash:
 * "trl 0.21.0 requires transformers>=4.55.0, but the input pins transformers==4.51.3". */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

#include <solv/pool.h>
#include <solv/problems.h>
#include <solv/rules.h>
#include <solv/solver.h>

/* One claim inside a problem. */
typedef struct claim {
    enum { CLAIM_INPUT, CLAIM_REQUIRES, CLAIM_NOTHING } kind;
    size_t job;       /* CLAIM_INPUT, or CLAIM_NOTHING from the input */
    Id from;          /* requiring candidate (0 for the input) */
    Id dep;
    const char *text; /* the requirement */
    const char *project;
    Queue versions;   /* requiring candidates merged into this claim */
    bool told;
} claim;

static const char *job_text(const gl_explain_job *jobs, size_t njobs, size_t j)
{
    return j < njobs && jobs[j].requirement ? jobs[j].requirement : "a preference";
}

static bool pinned_text(const char *text)
{
    return strstr(text, "==") != NULL || strstr(text, " @ ") != NULL || strstr(text, "@ ") != NULL;
}

/* "<who> pins torch==2.4.0 (from requirements.in)"; who: "the input", or "it also". */
static void put_input(gl_strbuf *out, const char *who, const gl_explain_job *jobs, size_t njobs, size_t j)
{
    const char *text = job_text(jobs, njobs, j);
    gl_strbuf_printf(out, "%s %s %s", who, pinned_text(text) ? "pins" : "requires", text);
    if (j < njobs && jobs[j].source)
        gl_strbuf_printf(out, " (from %s)", jobs[j].source);
}

/* "trl 0.20.0 and 0.21.0 require" / "trl 0.21.0 requires" */
static void put_requirers(gl_strbuf *out, const gl_pool *pool, const claim *c)
{
    gl_strbuf first = GL_STRBUF_INIT;
    gl_pool_describe(pool, c->versions.elements[0], &first);
    gl_strbuf_puts(out, gl_strbuf_cstr(&first));
    gl_strbuf_free(&first);
    int n = c->versions.count;
    const int max_listed = 5;
    for (int i = 1; i < n && i < max_listed; i++) {
        gl_candidate cand;
        if (!gl_pool_candidate(pool, c->versions.elements[i], &cand))
            continue;
        gl_strbuf_printf(out, "%s%s", i == n - 1 ? " and " : ", ", cand.version);
    }
    if (n > max_listed)
        gl_strbuf_printf(out, " and %d other versions", n - max_listed);
    gl_strbuf_puts(out, n > 1 ? " require " : " requires ");
}

static void put_claim(gl_strbuf *out, const gl_pool *pool, const gl_explain_job *jobs, size_t njobs,
                      const claim *c)
{
    if (c->kind == CLAIM_INPUT) {
        put_input(out, "the input", jobs, njobs, c->job);
    } else {
        put_requirers(out, pool, c);
        gl_strbuf_puts(out, c->text);
    }
}

/* No release satisfies both dependencies (each may name the project or one of its extras). */
static bool disjoint(Pool *s, const gl_pool *pool, Id a, Id b)
{
    Id p, q;
    for (Id *pp = pool_whatprovides_ptr(s, a); (p = *pp++) != 0;) {
        gl_candidate ca;
        if (!gl_pool_candidate(pool, p, &ca))
            continue;
        const char *name = ca.name, *version = ca.version;
        for (Id *qp = pool_whatprovides_ptr(s, b); (q = *qp++) != 0;) {
            gl_candidate cb;
            if (gl_pool_candidate(pool, q, &cb) && !strcmp(cb.name, name) && !strcmp(cb.version, version))
                return false;
        }
    }
    return true;
}

static int cmp_by_version_desc(const void *a, const void *b)
{
    Id x = *(const Id *)a, y = *(const Id *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static void explain_problem(Solver *solv, const gl_pool *pool, Id problem, const gl_explain_job *jobs,
                            size_t njobs, gl_strbuf *out)
{
    Pool *s = solv->pool;
    Queue rules;
    queue_init(&rules);
    solver_findallproblemrules(solv, problem, &rules);
    claim *claims = calloc((size_t)rules.count + 1, sizeof *claims);
    size_t nclaims = 0;
    bool other = false;
    for (int i = 0; claims && i < rules.count; i++) {
        Id from = 0, to = 0, dep = 0;
        SolverRuleinfo type = solver_ruleinfo(solv, rules.elements[i], &from, &to, &dep);
        claim c;
        memset(&c, 0, sizeof c);
        c.dep = dep;
        switch (type) {
        case SOLVER_RULE_JOB:
        case SOLVER_RULE_JOB_NOTHING_PROVIDES_DEP:
        case SOLVER_RULE_JOB_UNKNOWN_PACKAGE:
            c.kind = type == SOLVER_RULE_JOB ? CLAIM_INPUT : CLAIM_NOTHING;
            c.job = (size_t)from / 2;
            c.text = job_text(jobs, njobs, c.job);
            if (c.job < njobs && jobs[c.job].dep)
                dep = c.dep = jobs[c.job].dep;
            break;
        case SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP:
        case SOLVER_RULE_PKG_REQUIRES:
            c.kind = type == SOLVER_RULE_PKG_REQUIRES ? CLAIM_REQUIRES : CLAIM_NOTHING;
            c.from = from;
            c.text = gl_pool_dep_text(pool, dep);
            break;
        case SOLVER_RULE_PKG_SAME_NAME:
            continue; /* one version per project: implied by every sentence */
        default:
            other = true;
            continue;
        }
        if (!c.text)
            continue;
        c.project = gl_pool_dep_project(pool, dep);
        /* merge versions of the same project requiring the same thing */
        claim *same = NULL;
        for (size_t k = 0; k < nclaims && !same; k++) {
            claim *o = &claims[k];
            if (o->kind != c.kind || strcmp(o->text, c.text))
                continue;
            if (c.from && o->from && s->solvables[o->from].name == s->solvables[c.from].name)
                same = o;
            if (!c.from && !o->from && o->job == c.job)
                same = o;
        }
        if (same) {
            if (c.from)
                queue_pushunique(&same->versions, c.from);
            continue;
        }
        queue_init(&c.versions);
        if (c.from)
            queue_push(&c.versions, c.from);
        claims[nclaims++] = c;
    }
    for (size_t k = 0; k < nclaims; k++)
        if (claims[k].versions.count > 1)
            qsort(claims[k].versions.elements, (size_t)claims[k].versions.count, sizeof(Id),
                  cmp_by_version_desc);

    size_t nmissing = 0;
    for (size_t k = 0; k < nclaims; k++)
        nmissing += claims[k].kind == CLAIM_NOTHING;
    bool only_missing = nmissing == 1 && (nclaims == 1 || (nclaims == 2 && claims[0].kind != claims[1].kind));
    gl_strbuf_puts(out, only_missing && nclaims ? "a requirement cannot be satisfied:\n"
                                                : "these requirements cannot be satisfied together:\n");
    /* nothing satisfies: the root causes */
    for (size_t k = 0; k < nclaims; k++) {
        claim *c = &claims[k];
        if (c->kind != CLAIM_NOTHING)
            continue;
        c->told = true;
        gl_strbuf_puts(out, "  - ");
        if (c->from) {
            put_requirers(out, pool, c);
            gl_strbuf_printf(out, "%s, but no version of %s satisfies it", c->text,
                             c->project ? c->project : c->text);
        } else {
            gl_strbuf_printf(out, "no version of %s satisfies %s", c->project ? c->project : c->text, c->text);
            if (c->job < njobs && jobs[c->job].source)
                gl_strbuf_printf(out, " (from %s)", jobs[c->job].source);
        }
        gl_strbuf why = GL_STRBUF_INIT;
        gl_pool_explain_dep(pool, c->dep, &why);
        if (why.len)
            gl_strbuf_printf(out, ": %s", gl_strbuf_cstr(&why));
        gl_strbuf_free(&why);
        gl_strbuf_putc(out, '\n');
    }
    /* clashes on one project: two wishes no single release of it satisfies */
    for (size_t k = 0; k < nclaims; k++) {
        claim *c = &claims[k];
        if (c->kind == CLAIM_NOTHING || c->told || !c->project)
            continue;
        claim *peer = NULL;
        for (size_t m = 0; m < nclaims && !peer; m++) {
            claim *o = &claims[m];
            if (o == c || o->kind == CLAIM_NOTHING || !o->project || strcmp(o->project, c->project) ||
                !strcmp(o->text, c->text))
                continue;
            /* versions of one project are alternatives, not a clash */
            if (o->from && c->from && s->solvables[o->from].name == s->solvables[c->from].name)
                continue;
            if (disjoint(s, pool, c->dep, o->dep))
                peer = o;
        }
        if (!peer)
            continue;
        /* put a dependency first, the input second: "A requires X, but the input pins Y" */
        if (c->kind == CLAIM_INPUT && peer->kind == CLAIM_REQUIRES) {
            claim *t = c;
            c = peer;
            peer = t;
        }
        c->told = peer->told = true;
        gl_strbuf_puts(out, "  - ");
        put_claim(out, pool, jobs, njobs, c);
        gl_strbuf_puts(out, ", but ");
        if (peer->kind == CLAIM_INPUT && c->kind == CLAIM_INPUT)
            put_input(out, "it also", jobs, njobs, peer->job);
        else
            put_claim(out, pool, jobs, njobs, peer);
        gl_strbuf_putc(out, '\n');
    }
    /* the rest of the chain */
    for (size_t k = 0; k < nclaims; k++) {
        claim *c = &claims[k];
        if (c->told)
            continue;
        gl_strbuf_puts(out, "  - ");
        put_claim(out, pool, jobs, njobs, c);
        gl_strbuf_putc(out, '\n');
    }
    if (other && !nclaims)
        gl_strbuf_puts(out, "  - the requirements conflict in a way gpulock cannot describe further\n");

    /* the fixes libsolv proposes, in the same words */
    Id solution = 0;
    bool header = false;
    while ((solution = solver_next_solution(solv, problem, solution)) != 0) {
        Id element = 0, p = 0, rp = 0;
        gl_strbuf line = GL_STRBUF_INIT;
        while ((element = solver_next_solutionelement(solv, problem, solution, element, &p, &rp)) != 0) {
            if (line.len)
                gl_strbuf_puts(&line, " and ");
            if (p == SOLVER_SOLUTION_JOB) {
                size_t j = (size_t)(rp - 1) / 2;
                gl_strbuf_printf(&line, "drop the requirement %s", job_text(jobs, njobs, j));
                if (j < njobs && jobs[j].source)
                    gl_strbuf_printf(&line, " (from %s)", jobs[j].source);
            } else if (p > 0 && rp == 0) {
                gl_strbuf_puts(&line, "allow a version other than ");
                gl_pool_describe(pool, p, &line);
            } else if (p > 0 && rp > 0) {
                gl_strbuf_puts(&line, "use ");
                gl_pool_describe(pool, rp, &line);
                gl_strbuf_puts(&line, " instead of ");
                gl_pool_describe(pool, p, &line);
            } else {
                gl_strbuf_puts(&line, "relax the input");
            }
        }
        if (line.len) {
            if (!header)
                gl_strbuf_puts(out, "possible fixes:\n");
            header = true;
            gl_strbuf_printf(out, "  - %s\n", gl_strbuf_cstr(&line));
        }
        gl_strbuf_free(&line);
    }
    for (size_t k = 0; k < nclaims; k++)
        queue_free(&claims[k].versions);
    free(claims);
    queue_free(&rules);
}

void gl_explain_problems(struct s_Solver *solv, const gl_pool *pool, const gl_explain_job *jobs,
                         size_t njobs, gl_strbuf *out)
{
    unsigned count = solver_problem_count(solv);
    unsigned n = 0;
    Id problem = 0;
    while ((problem = solver_next_problem(solv, problem)) != 0) {
        n++;
        if (count > 1)
            gl_strbuf_printf(out, "%sproblem %u of %u: ", n > 1 ? "\n" : "", n, count);
        explain_problem(solv, pool, problem, jobs, njobs, out);
    }
    /* the message ends without a newline, as every gl_error message does */
    while (out->len && out->data[out->len - 1] == '\n')
        out->data[--out->len] = '\0';
}
