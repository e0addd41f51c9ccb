/* cmd_why.c — the 'why' verb: resolves the same inputs as 'compile' and prints every chain
 * of requirements that brings a package in, from the input line down to the package. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_inputs.h"

static const char why_usage[] =
    "usage: gpulock why PACKAGE [-r FILE]... [REQUIREMENT]... [compile options]\n";

int gl_cmd_why(int argc, char **argv)
{
    if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
        fputs(why_usage, stdout);
        return GL_EXIT_OK;
    }
    gl_error err;
    gl_error_clear(&err);
    gl_cli_inputs in;
    const char *package = NULL;
    if (!gl_cli_inputs_parse(&in, argc, argv, "why", &package, &err)) {
        int rc = gl_cli_report(&err);
        gl_cli_inputs_free(&in);
        return rc;
    }
    if (!package || in.requirements.count == 0) {
        fputs(why_usage, stderr);
        gl_cli_inputs_free(&in);
        return GL_EXIT_INPUT;
    }
    char *explanation = NULL, *source = NULL;
    gl_solution *solution = gl_cli_solve(&in, &explanation, &source, &err);
    free(source);
    if (!solution) {
        int rc = GL_EXIT_FAIL;
        if (err.code == GL_EUNSAT && explanation)
            fprintf(stderr, "%s\n", explanation);
        else
            rc = gl_cli_report(&err);
        free(explanation);
        gl_cli_inputs_free(&in);
        return rc;
    }
    gl_why why;
    int rc = GL_EXIT_OK;
    if (!gl_solution_why(solution, package, &why, &err)) {
        rc = err.code == GL_ENOTFOUND ? GL_EXIT_FAIL : GL_EXIT_INPUT;
        fprintf(stderr, "gpulock: %s\n", err.message);
    } else {
        for (size_t c = 0; c < why.count; c++) {
            const gl_why_chain *chain = &why.chains[c];
            fputs(chain->source, stdout);
            for (size_t i = 0; i < chain->length; i++) {
                const gl_pin *pin = &solution->pins[chain->pins[i]];
                printf(" -> %s==%s", pin->name, pin->version);
            }
            fputc('\n', stdout);
        }
        gl_why_free(&why);
    }
    gl_solution_free(solution);
    gl_cli_inputs_free(&in);
    return rc;
}
