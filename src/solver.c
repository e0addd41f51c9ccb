/* solver.c — the request, the libsolv run, and the solution with its "via" edges.
 * Top-level requirements become install jobs on the pool's namespace dependencies; previous
 * pins become SOLVER_FAVOR jobs, so they survive while they fit and yield when they do not. */
#include "solver.h"

#include <stdlib.h>
#include <string.h>

#include <solv/pool.h>
#include <solv/queue.h>
#include <solv/repo.h>
#include <solv/solver.h>

#include "explain.h"
#include "requirement.h"
#include "strbuf.h"

typedef struct request_line {
    char *text, *source;
} request_line;

typedef struct preference {
    char *name, *version; /* name normalised */
} preference;

struct gl_request {
    request_line *reqs;
    size_t nreqs, reqs_cap;
    request_line *cons;
    size_t ncons, cons_cap;
    preference *prefs;
    size_t nprefs, prefs_cap;
    char **upgrades;
    size_t nupgrades, upgrades_cap;
    bool upgrade_all;
    gl_pool_options options;
};

static bool grow(void *arr, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return true;
    size_t ncap = *cap ? *cap * 2 : 8;
    while (ncap <= n)
        ncap *= 2;
    void *p = realloc(*(void **)arr, ncap * elem);
    if (!p)
        return false;
    *(void **)arr = p;
    *cap = ncap;
    return true;
}

gl_request *gl_request_new(void)
{
    gl_request *req = calloc(1, sizeof *req);
    if (req) {
        gl_pool_options defaults = GL_POOL_OPTIONS_DEFAULT;
        req->options = defaults;
    }
    return req;
}

static void lines_free(request_line *lines, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(lines[i].text);
        free(lines[i].source);
    }
    free(lines);
}

void gl_request_free(gl_request *req)
{
    if (!req)
        return;
    lines_free(req->reqs, req->nreqs);
    lines_free(req->cons, req->ncons);
    for (size_t i = 0; i < req->nprefs; i++) {
        free(req->prefs[i].name);
        free(req->prefs[i].version);
    }
    free(req->prefs);
    for (size_t i = 0; i < req->nupgrades; i++)
        free(req->upgrades[i]);
    free(req->upgrades);
    free(req);
}

static bool add_line(request_line **lines, size_t *n, size_t *cap, const char *text,
                     const char *source, gl_error *err)
{
    gl_requirement r;
    if (!text || !gl_requirement_parse(&r, text, strlen(text), err)) {
        if (!text)
            gl_error_set(err, GL_EINVAL, "%s: empty requirement", source ? source : "input");
        else
            gl_error_prefix(err, "%s: ", source ? source : "input");
        return false;
    }
    gl_requirement_free(&r);
    if (!grow(lines, cap, *n, sizeof **lines)) {
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", text);
        return false;
    }
    request_line *l = &(*lines)[*n];
    l->text = strdup(text);
    l->source = strdup(source ? source : "command line");
    if (!l->text || !l->source) {
        free(l->text);
        free(l->source);
        gl_error_set(err, GL_ENOMEM, "%s: out of memory", text);
        return false;
    }
    (*n)++;
    return true;
}

bool gl_request_require(gl_request *req, const char *requirement, const char *source, gl_error *err)
{
    return add_line(&req->reqs, &req->nreqs, &req->reqs_cap, requirement, source, err);
}

bool gl_request_constrain(gl_request *req, const char *requirement, const char *source, gl_error *err)
{
    return add_line(&req->cons, &req->ncons, &req->cons_cap, requirement, source, err);
}

bool gl_request_prefer(gl_request *req, const char *project, const char *version, gl_error *err)
{
    char *name = project ? gl_name_normalize_dup(project, strlen(project)) : NULL;
    if (!name || !version) {
        gl_error_set(err, GL_EINVAL, "preferred pin '%s==%s': invalid project name or version",
                     project ? project : "", version ? version : "");
        free(name);
        return false;
    }
    char *v = strdup(version);
    if (!v || !grow(&req->prefs, &req->prefs_cap, req->nprefs, sizeof *req->prefs)) {
        free(name);
        free(v);
        gl_error_set(err, GL_ENOMEM, "preferred pin %s==%s: out of memory", project, version);
        return false;
    }
    req->prefs[req->nprefs].name = name;
    req->prefs[req->nprefs].version = v;
    req->nprefs++;
    return true;
}

bool gl_request_upgrade(gl_request *req, const char *project, gl_error *err)
{
    char *name = project ? gl_name_normalize_dup(project, strlen(project)) : NULL;
    if (!name) {
        gl_error_set(err, GL_EINVAL, "--upgrade-package '%s': invalid project name", project ? project : "");
        return false;
    }
    if (!grow(&req->upgrades, &req->upgrades_cap, req->nupgrades, sizeof *req->upgrades)) {
        free(name);
        gl_error_set(err, GL_ENOMEM, "--upgrade-package %s: out of memory", project);
        return false;
    }
    req->upgrades[req->nupgrades++] = name;
    return true;
}

void gl_request_upgrade_all(gl_request *req, bool on)
{
    req->upgrade_all = on;
}

void gl_request_set_options(gl_request *req, const gl_pool_options *options)
{
    if (options)
        req->options = *options;
}

static bool upgrading(const gl_request *req, const char *name)
{
    if (req->upgrade_all)
        return true;
    for (size_t i = 0; i < req->nupgrades; i++)
        if (!strcmp(req->upgrades[i], name))
            return true;
    return false;
}

/* ---- the solution ------------------------------------------------------------------------ */

static void pin_free(gl_pin *p)
{
    free(p->name);
    free(p->display_name);
    free(p->version);
    for (size_t i = 0; i < p->nextras; i++)
        free(p->extras[i]);
    free(p->extras);
    for (size_t i = 0; i < p->nfiles; i++) {
        free(p->files[i].filename);
        free(p->files[i].url);
        free(p->files[i].sha256);
    }
    free(p->files);
    for (size_t i = 0; i < p->nvia; i++) {
        free(p->via[i].source);
        free(p->via[i].requirement);
    }
    free(p->via);
    free(p->direct_url);
}

void gl_solution_free(gl_solution *solution)
{
    if (!solution)
        return;
    for (size_t i = 0; i < solution->npins; i++)
        pin_free(&solution->pins[i]);
    free(solution->pins);
    for (size_t i = 0; i < solution->nwarnings; i++)
        free(solution->warnings[i]);
    free(solution->warnings);
    free(solution);
}

const gl_pin *gl_solution_find(const gl_solution *solution, const char *name)
{
    if (!solution || !name)
        return NULL;
    char *norm = gl_name_normalize_dup(name, strlen(name));
    const gl_pin *found = NULL;
    for (size_t i = 0; norm && i < solution->npins && !found; i++)
        if (!strcmp(solution->pins[i].name, norm))
            found = &solution->pins[i];
    free(norm);
    return found;
}

static int cmp_pin(const void *a, const void *b)
{
    return strcmp(((const gl_pin *)a)->name, ((const gl_pin *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorting vias needs the pins' names: carried alongside. */
typedef struct via_sort {
    gl_via via;
    const char *pin_name;
} via_sort;

static int cmp_via(const void *a, const void *b)
{
    const via_sort *x = a, *y = b;
    if (!x->via.source != !y->via.source)
        return x->via.source ? -1 : 1;
    int c = x->via.source ? strcmp(x->via.source, y->via.source) : strcmp(x->pin_name, y->pin_name);
    return c ? c : strcmp(x->via.requirement, y->via.requirement);
}

static bool add_via(gl_pin *pin, size_t *cap, const char *source, size_t from, const char *text)
{
    for (size_t i = 0; i < pin->nvia; i++) {
        gl_via *v = &pin->via[i];
        if (source ? v->source && !strcmp(v->source, source) : !v->source && v->pin == from)
            if (!strcmp(v->requirement, text))
                return true;
    }
    if (!grow(&pin->via, cap, pin->nvia, sizeof *pin->via))
        return false;
    gl_via *v = &pin->via[pin->nvia];
    v->source = source ? strdup(source) : NULL;
    v->pin = from;
    v->requirement = strdup(text);
    if ((source && !v->source) || !v->requirement) {
        free(v->source);
        free(v->requirement);
        return false;
    }
    pin->nvia++;
    return true;
}

static bool push_warning(gl_solution *sol, size_t *cap, char *msg)
{
    if (!msg || !grow(&sol->warnings, cap, sol->nwarnings, sizeof *sol->warnings)) {
        free(msg);
        return false;
    }
    sol->warnings[sol->nwarnings++] = msg;
    return true;
}

typedef struct job_source {
    const char *requirement, *source;
    Id dep;
} job_source;

static size_t pin_index(const gl_solution *sol, const char *name)
{
    size_t lo = 0, hi = sol->npins;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(sol->pins[mid].name, name);
        if (!c)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

static gl_solution *collect(gl_pool *pool, Solver *solv, const Queue *job, const job_source *jobs)
{
    Pool *s = gl_pool_solv(pool);
    gl_solution *sol = calloc(1, sizeof *sol);
    Queue installed;
    queue_init(&installed);
    if (!sol)
        return NULL;
    Map chosen;
    map_init(&chosen, s->nsolvables);
    Queue decisions;
    queue_init(&decisions);
    solver_get_decisionqueue(solv, &decisions);
    for (int i = 0; i < decisions.count; i++) {
        Id p = decisions.elements[i];
        gl_candidate c;
        if (p > 0 && gl_pool_candidate(pool, p, &c)) {
            queue_push(&installed, p);
            MAPSET(&chosen, p);
        }
    }
    queue_free(&decisions);
    bool ok = true;
    size_t pins_cap = 0, warn_cap = 0;
    /* pins, from the projects themselves */
    for (int i = 0; ok && i < installed.count; i++) {
        gl_candidate c;
        gl_pool_candidate(pool, installed.elements[i], &c);
        if (c.extra)
            continue;
        if (!grow(&sol->pins, &pins_cap, sol->npins, sizeof *sol->pins)) {
            ok = false;
            break;
        }
        gl_pin *pin = &sol->pins[sol->npins++];
        memset(pin, 0, sizeof *pin);
        pin->name = strdup(c.name);
        pin->display_name = strdup(c.display_name);
        pin->version = strdup(c.version);
        pin->direct_url = c.direct_url ? strdup(c.direct_url) : NULL;
        pin->files = calloc(c.nfiles ? c.nfiles : 1, sizeof *pin->files);
        ok = pin->name && pin->display_name && pin->version && pin->files &&
             (!c.direct_url || pin->direct_url);
        for (size_t f = 0; ok && f < c.nfiles; f++) {
            gl_pin_file *pf = &pin->files[pin->nfiles++];
            pf->filename = strdup(c.files[f].filename);
            pf->url = strdup(c.files[f].url);
            pf->sha256 = c.files[f].sha256 ? strdup(c.files[f].sha256) : NULL;
            pf->yanked = c.files[f].yanked;
            pf->compatible = c.files[f].compatible;
            ok = pf->filename && pf->url && (!c.files[f].sha256 || pf->sha256);
        }
    }
    if (ok && sol->npins > 1)
        qsort(sol->pins, sol->npins, sizeof *sol->pins, cmp_pin);
    /* extras, and the warnings for extras a release does not declare */
    for (int i = 0; ok && i < installed.count; i++) {
        gl_candidate c;
        gl_pool_candidate(pool, installed.elements[i], &c);
        if (!c.extra)
            continue;
        size_t pi = pin_index(sol, c.name);
        if (pi == (size_t)-1)
            continue;
        gl_pin *pin = &sol->pins[pi];
        char **ex = realloc(pin->extras, (pin->nextras + 1) * sizeof *ex);
        if (!ex || !(ex[pin->nextras] = strdup(c.extra))) {
            if (ex)
                pin->extras = ex;
            ok = false;
            break;
        }
        pin->extras = ex;
        pin->nextras++;
        qsort(pin->extras, pin->nextras, sizeof *pin->extras, cmp_str);
        if (!c.extra_declared) {
            gl_strbuf w = GL_STRBUF_INIT;
            gl_strbuf_printf(&w, "%s %s does not provide the extra '%s'", c.display_name, c.version, c.extra);
            ok = push_warning(sol, &warn_cap, gl_strbuf_detach(&w));
        }
    }
    /* via edges: the input's jobs, then every chosen candidate's requirements */
    size_t *via_caps = ok ? calloc(sol->npins ? sol->npins : 1, sizeof *via_caps) : NULL;
    ok = ok && via_caps;
    for (int j = 0; ok && j + 1 < job->count; j += 2) {
        const job_source *js = &jobs[j / 2];
        if (!js->requirement)
            continue;
        Id p;
        for (Id *pp = pool_whatprovides_ptr(s, job->elements[j + 1]); (p = *pp++) != 0;) {
            gl_candidate c;
            if (!MAPTST(&chosen, p) || !gl_pool_candidate(pool, p, &c))
                continue;
            size_t pi = pin_index(sol, c.name);
            if (pi != (size_t)-1)
                ok = ok && add_via(&sol->pins[pi], &via_caps[pi], js->source, 0, js->requirement);
        }
    }
    for (int i = 0; ok && i < installed.count; i++) {
        Id q = installed.elements[i];
        gl_candidate from;
        gl_pool_candidate(pool, q, &from);
        size_t fi = pin_index(sol, from.name);
        Solvable *sv = s->solvables + q;
        if (!sv->requires || fi == (size_t)-1)
            continue;
        for (Id *dp = sv->repo->idarraydata + sv->requires; ok && *dp; dp++) {
            Id dep = *dp;
            if (ISRELDEP(dep) && GETRELDEP(s, dep)->flags != REL_NAMESPACE)
                continue; /* an extra's link to its own project */
            const char *text = gl_pool_dep_text(pool, dep);
            Id p;
            for (Id *pp = pool_whatprovides_ptr(s, dep); (p = *pp++) != 0;) {
                gl_candidate c;
                if (!text || !MAPTST(&chosen, p) || !gl_pool_candidate(pool, p, &c))
                    continue;
                size_t pi = pin_index(sol, c.name);
                if (pi != (size_t)-1 && pi != fi)
                    ok = ok && add_via(&sol->pins[pi], &via_caps[pi], NULL, fi, text);
            }
        }
    }
    for (size_t i = 0; ok && i < sol->npins; i++) {
        gl_pin *pin = &sol->pins[i];
        via_sort *vs = calloc(pin->nvia ? pin->nvia : 1, sizeof *vs);
        if (!vs) {
            ok = false;
            break;
        }
        for (size_t k = 0; k < pin->nvia; k++) {
            vs[k].via = pin->via[k];
            vs[k].pin_name = pin->via[k].source ? "" : sol->pins[pin->via[k].pin].name;
        }
        qsort(vs, pin->nvia, sizeof *vs, cmp_via);
        for (size_t k = 0; k < pin->nvia; k++)
            pin->via[k] = vs[k].via;
        free(vs);
    }
    free(via_caps);
    map_free(&chosen);
    queue_free(&installed);
    if (!ok) {
        gl_solution_free(sol);
        return NULL;
    }
    return sol;
}

gl_solution *gl_solve(gl_pool *pool, const struct gl_target *target, const struct gl_marker_env *env,
                      const gl_request *req, char **explanation, gl_error *err)
{
    if (explanation)
        *explanation = NULL;
    if (!pool || !target || !env || !req) {
        gl_error_set(err, GL_EINVAL, "solving: pool, target, environment and request are required");
        return NULL;
    }
    const char **roots = calloc(req->nreqs ? req->nreqs : 1, sizeof *roots);
    gl_pool_constraint *cons = calloc(req->ncons ? req->ncons : 1, sizeof *cons);
    if (!roots || !cons) {
        free(roots);
        free(cons);
        gl_error_set(err, GL_ENOMEM, "solving: out of memory");
        return NULL;
    }
    for (size_t i = 0; i < req->nreqs; i++)
        roots[i] = req->reqs[i].text;
    for (size_t i = 0; i < req->ncons; i++) {
        cons[i].requirement = req->cons[i].text;
        cons[i].source = req->cons[i].source;
    }
    bool prepared = gl_pool_prepare(pool, target, env, &req->options, roots, req->nreqs, cons,
                                    req->ncons, err);
    free(roots);
    free(cons);
    if (!prepared)
        return NULL;

    Pool *s = gl_pool_solv(pool);
    Queue job, deps;
    queue_init(&job);
    queue_init(&deps);
    job_source *jobs = NULL;
    size_t jobs_cap = 0;
    bool ok = true;
    for (size_t i = 0; ok && i < req->nreqs; i++) {
        queue_empty(&deps);
        if (!gl_pool_requirement_deps(pool, req->reqs[i].text, &deps, err)) {
            ok = false;
            break;
        }
        for (int k = 0; ok && k < deps.count; k++) {
            if (!grow(&jobs, &jobs_cap, (size_t)job.count / 2, sizeof *jobs)) {
                ok = false;
                break;
            }
            Id dep = deps.elements[k];
            jobs[job.count / 2].requirement = req->reqs[i].text;
            jobs[job.count / 2].source = req->reqs[i].source;
            jobs[job.count / 2].dep = dep;
            if (!*pool_whatprovides_ptr(s, dep))
                dep = gl_pool_nothing_dep(pool);
            queue_push2(&job, SOLVER_INSTALL | SOLVER_SOLVABLE_PROVIDES, dep);
        }
    }
    for (size_t i = 0; ok && i < req->nprefs; i++) {
        if (upgrading(req, req->prefs[i].name))
            continue;
        Id p = gl_pool_find_candidate(pool, req->prefs[i].name, req->prefs[i].version, NULL);
        if (!p)
            continue; /* no longer available for this target: nothing to keep */
        queue_empty(&deps);
        gl_pool_release_candidates(pool, p, &deps);
        for (int k = 0; ok && k < deps.count; k++) {
            if (!grow(&jobs, &jobs_cap, (size_t)job.count / 2, sizeof *jobs)) {
                ok = false;
                break;
            }
            jobs[job.count / 2].requirement = NULL;
            jobs[job.count / 2].source = NULL;
            jobs[job.count / 2].dep = 0;
            queue_push2(&job, SOLVER_FAVOR | SOLVER_SOLVABLE, deps.elements[k]);
        }
    }
    queue_free(&deps);
    if (!ok) {
        if (err && err->code == GL_OK)
            gl_error_set(err, GL_ENOMEM, "solving: out of memory");
        free(jobs);
        queue_free(&job);
        return NULL;
    }

    /* Newest candidates first: a small window usually holds the answer; a failure with
       candidates left out is retried wider, and only a failure with nothing left out stands. */
    static const size_t windows[] = {32, 256, 0};
    Queue root_deps, keep;
    queue_init(&root_deps);
    queue_init(&keep);
    for (int j = 0; j + 1 < job.count; j += 2) {
        if ((job.elements[j] & SOLVER_JOBMASK) == SOLVER_FAVOR)
            queue_push(&keep, job.elements[j + 1]);
        else
            queue_push(&root_deps, jobs[j / 2].dep);
    }
    Solver *solv = NULL;
    int problems = 0;
    for (size_t w = 0; w < sizeof windows / sizeof *windows; w++) {
        bool cut = false;
        gl_pool_set_window(pool, windows[w], &root_deps, &keep, &cut);
        if (solv)
            solver_free(solv);
        solv = solver_create(s);
        problems = solver_solve(solv, &job);
        if (!problems || !cut)
            break;
    }
    queue_free(&root_deps);
    queue_free(&keep);
    gl_solution *sol = NULL;
    if (problems != 0) {
        gl_strbuf text = GL_STRBUF_INIT;
        gl_explain_job *ej = calloc((size_t)job.count / 2 + 1, sizeof *ej);
        for (int j = 0; ej && j < job.count / 2; j++) {
            ej[j].requirement = jobs[j].requirement;
            ej[j].source = jobs[j].source;
            ej[j].dep = jobs[j].dep;
        }
        gl_explain_problems(solv, pool, ej, ej ? (size_t)job.count / 2 : 0, &text);
        free(ej);
        gl_error_set(err, GL_EUNSAT, "%s", gl_strbuf_cstr(&text));
        if (explanation)
            *explanation = gl_strbuf_detach(&text);
        gl_strbuf_free(&text);
    } else {
        sol = collect(pool, solv, &job, jobs);
        if (!sol)
            gl_error_set(err, GL_ENOMEM, "collecting the solution: out of memory");
    }
    solver_free(solv);
    free(jobs);
    queue_free(&job);
    return sol;
}

/* ---- why ------------------------------------------------------------------------------------ */

#define WHY_MAX_CHAINS 64
#define WHY_MAX_STEPS 100000

typedef struct why_walk {
    const gl_solution *sol;
    size_t *path;               /* pins, from the asked one upwards */
    const char **path_req;      /* path_req[i]: the requirement that brought path[i] in */
    size_t depth;
    bool *on_path;
    gl_why *out;
    size_t chains_cap;
    size_t steps;
    bool oom;
} why_walk;

static void why_record(why_walk *w, const gl_via *input)
{
    if (w->out->count >= WHY_MAX_CHAINS)
        return;
    if (!grow(&w->out->chains, &w->chains_cap, w->out->count, sizeof *w->out->chains)) {
        w->oom = true;
        return;
    }
    gl_why_chain *c = &w->out->chains[w->out->count];
    c->length = w->depth;
    c->source = input->source;
    c->pins = malloc(w->depth * sizeof *c->pins);
    c->requirements = malloc(w->depth * sizeof *c->requirements);
    if (!c->pins || !c->requirements) {
        free(c->pins);
        free(c->requirements);
        w->oom = true;
        return;
    }
    /* path is bottom-up; chains read top-down */
    for (size_t i = 0; i < w->depth; i++) {
        c->pins[i] = w->path[w->depth - 1 - i];
        c->requirements[i] = i == 0 ? input->requirement : w->path_req[w->depth - i];
    }
    w->out->count++;
}

static void why_visit(why_walk *w, size_t pin)
{
    if (w->oom || w->out->count >= WHY_MAX_CHAINS || ++w->steps > WHY_MAX_STEPS)
        return;
    w->path[w->depth++] = pin;
    w->on_path[pin] = true;
    const gl_pin *p = &w->sol->pins[pin];
    for (size_t i = 0; i < p->nvia; i++) {
        const gl_via *v = &p->via[i];
        if (v->source) {
            why_record(w, v);
        } else if (!w->on_path[v->pin]) {
            w->path_req[w->depth] = v->requirement;
            why_visit(w, v->pin);
        }
    }
    w->on_path[pin] = false;
    w->depth--;
}

static int cmp_chain(const void *a, const void *b)
{
    const gl_why_chain *x = a, *y = b;
    if (x->length != y->length)
        return x->length < y->length ? -1 : 1;
    for (size_t i = 0; i < x->length; i++)
        if (x->pins[i] != y->pins[i])
            return x->pins[i] < y->pins[i] ? -1 : 1;
    return strcmp(x->source, y->source);
}

bool gl_solution_why(const gl_solution *solution, const char *name, gl_why *out, gl_error *err)
{
    memset(out, 0, sizeof *out);
    const gl_pin *target = gl_solution_find(solution, name);
    if (!target) {
        gl_error_set(err, GL_ENOTFOUND, "%s is not in the solution", name ? name : "(null)");
        return false;
    }
    size_t n = solution->npins;
    why_walk w = {0};
    w.sol = solution;
    w.out = out;
    w.path = calloc(n + 1, sizeof *w.path);
    w.path_req = calloc(n + 2, sizeof *w.path_req);
    w.on_path = calloc(n + 1, sizeof *w.on_path);
    if (w.path && w.path_req && w.on_path)
        why_visit(&w, (size_t)(target - solution->pins));
    else
        w.oom = true;
    free(w.path);
    free(w.path_req);
    free(w.on_path);
    if (w.oom) {
        gl_why_free(out);
        gl_error_set(err, GL_ENOMEM, "why %s: out of memory", name);
        return false;
    }
    if (out->count > 1)
        qsort(out->chains, out->count, sizeof *out->chains, cmp_chain);
    return true;
}

void gl_why_free(gl_why *why)
{
    if (!why)
        return;
    for (size_t i = 0; i < why->count; i++) {
        free(why->chains[i].pins);
        free(why->chains[i].requirements);
    }
    free(why->chains);
    memset(why, 0, sizeof *why);
}
