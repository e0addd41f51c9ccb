/* main.c — the gpulock executable: global options and verb dispatch, nothing else. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "fetch.h"
#include "heap_tuning.h"

static const char usage[] =
    "usage: gpulock <command> [options]\n"
    "\n"
    "commands:\n"
    "  compile    resolve requirements into a pinned, hashed requirements file\n"
    "  why        show the dependency chains that bring a package in\n"
    "  snapshot   crawl indexes into a self-contained offline snapshot\n"
    "  debug      low-level checks: vercmp, contains, marker, requirement, wheel\n"
    "\n"
    "options:\n"
    "  --version  print the version and exit\n"
    "  --help     print this help and exit\n";

int gl_cli_report(const gl_error *err)
{
    fprintf(stderr, "gpulock: %s\n", err->message[0] ? err->message : "unknown error");
    switch (err->code) {
    case GL_EUNSAT: return GL_EXIT_FAIL;
    case GL_ENET:
    case GL_EIO:
    case GL_ENOTFOUND:
    case GL_EDIGEST:
    case GL_ENOMEM: return GL_EXIT_IO;
    default: return GL_EXIT_INPUT;
    }
}

int main(int argc, char **argv)
{
    gl_heap_tune_for_short_run();
    if (argc < 2) {
        fputs(usage, stderr);
        return GL_EXIT_INPUT;
    }
    const char *verb = argv[1];
    if (!strcmp(verb, "--version") || !strcmp(verb, "version")) {
        printf("gpulock %s\n", GPULOCK_VERSION);
        return GL_EXIT_OK;
    }
    if (!strcmp(verb, "--help") || !strcmp(verb, "-h") || !strcmp(verb, "help")) {
        fputs(usage, stdout);
        return GL_EXIT_OK;
    }
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } verbs[] = {
        {"debug", gl_cmd_debug},
        {"compile", gl_cmd_compile},
        {"why", gl_cmd_why},
        {"snapshot", gl_cmd_snapshot},
    };
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++) {
        if (strcmp(verb, verbs[i].name))
            continue;
        /* libcurl is loaded (and set up) by the first command step that fetches. */
        int rc = verbs[i].run(argc - 1, argv + 1);
        gl_fetch_global_cleanup();
        return rc;
    }
    fprintf(stderr, "gpulock: unknown command '%s'\n\n%s", verb, usage);
    return GL_EXIT_INPUT;
}
