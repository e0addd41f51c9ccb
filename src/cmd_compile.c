/* cmd_compile.c — the 'compile' verb: requirements in, one pinned (optionally hashed)
 * requirements file out, pip-compile style. The file is replaced atomically or not at all. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_inputs.h"
#include "lock.h"
#include "write_requirements.h"

static const char compile_usage[] =
    "usage: gpulock compile [-r FILE]... [-c FILE]... [REQUIREMENT]... [-o OUT]\n"
    "         [--python 3.11] [--platform manylinux_2_35_x86_64]\n"
    "         [--index-url URL] [--extra-index-url URL]... [--snapshot DIR] [--offline]\n"
    "         [--generate-hashes] [--upgrade] [--upgrade-package NAME]... [--pre]\n"
    "         [--no-annotate] [--no-header] [--cache-dir DIR] [--quiet]\n";

static bool add_via(gl_lock_pin *lp, const gl_solution *solution, const gl_via *via)
{
    if (via->source)
        return gl_lock_pin_add_via(lp, via->source);
    if (via->pin < solution->npins)
        return gl_lock_pin_add_via(lp, solution->pins[via->pin].name);
    return true;
}

/* The lock is what the writer needs to know of a solution; reporting unknown digests here
 * keeps the writer free of policy. */
static bool lock_from_solution(const gl_solution *solution, const gl_cli_inputs *in, const char *source,
                               gl_lock *lock, gl_error *err)
{
    gl_lock_init(lock);
    lock->python = strdup(in->python);
    lock->platform = strdup(in->platform);
    lock->command = strdup(in->command_line);
    lock->source = source ? strdup(source) : NULL;
    for (size_t i = 0; i < solution->npins; i++) {
        const gl_pin *pin = &solution->pins[i];
        gl_lock_pin *lp = gl_lock_add_pin(lock, pin->name, pin->version, pin->direct_url);
        if (!lp)
            goto oom;
        for (size_t f = 0; f < pin->nfiles; f++) {
            if (!pin->files[f].sha256) {
                lp->digest_unknown = true;
                continue;
            }
            char hash[80];
            snprintf(hash, sizeof hash, "sha256:%s", pin->files[f].sha256);
            if (!gl_lock_pin_add_hash(lp, hash))
                goto oom;
        }
        for (size_t v = 0; v < pin->nvia; v++)
            if (!add_via(lp, solution, &pin->via[v]))
                goto oom;
    }
    gl_lock_sort(lock);
    return true;
oom:
    gl_error_set(err, GL_ENOMEM, "out of memory");
    return false;
}

int gl_cmd_compile(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(compile_usage, stdout);
        return GL_EXIT_OK;
    }
    gl_error err;
    gl_error_clear(&err);
    gl_cli_inputs in;
    if (!gl_cli_inputs_parse(&in, argc, argv, "compile", NULL, &err)) {
        int rc = gl_cli_report(&err);
        if (err.code == GL_EUSAGE)
            fputs(compile_usage, stderr);
        gl_cli_inputs_free(&in);
        return rc;
    }
    if (in.requirements.count == 0) {
        fprintf(stderr, "gpulock: nothing to compile: give requirements or -r FILE\n%s", compile_usage);
        gl_cli_inputs_free(&in);
        return GL_EXIT_INPUT;
    }
    char *explanation = NULL, *source = NULL;
    gl_solution *solution = gl_cli_solve(&in, &explanation, &source, &err);
    if (!solution) {
        int rc;
        if (err.code == GL_EUNSAT && explanation) {
            fprintf(stderr, "%s\n", explanation);
            rc = GL_EXIT_FAIL;
        } else {
            rc = gl_cli_report(&err);
        }
        free(explanation);
        free(source);
        gl_cli_inputs_free(&in);
        return rc;
    }
    for (size_t i = 0; i < solution->nwarnings; i++)
        fprintf(stderr, "gpulock: warning: %s\n", solution->warnings[i]);

    gl_lock lock;
    int rc = GL_EXIT_OK;
    if (!lock_from_solution(solution, &in, source, &lock, &err)) {
        rc = gl_cli_report(&err);
    } else {
        gl_cli_inputs_lock_indexes(&in, &lock);
        if (in.generate_hashes)
            for (size_t i = 0; i < lock.npins; i++)
                if (lock.pins[i].digest_unknown)
                    fprintf(stderr, "gpulock: warning: %s==%s: some compatible files have no known sha256 "
                                    "(none was invented); pip's hash-checking mode will reject them\n",
                            lock.pins[i].name, lock.pins[i].version);
        gl_requirements_style style = {in.generate_hashes, in.annotate, in.header};
        bool ok = in.output ? gl_write_requirements_file(&lock, &style, in.output, &err)
                            : gl_write_requirements_stream(&lock, &style, stdout, &err);
        if (!ok)
            rc = gl_cli_report(&err);
        else if (in.output && !in.quiet)
            fprintf(stderr, "gpulock: wrote %zu pins to %s\n", lock.npins, in.output);
    }
    gl_lock_free(&lock);
    gl_solution_free(solution);
    free(source);
    gl_cli_inputs_free(&in);
    return rc;
}
