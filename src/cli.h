/* cli.h — the gpulock command-line verbs. main.c dispatches; each cmd_*.c owns one verb,
 * parses its own options, and returns the process exit code (0 ok, 1 no solution/check
 * failed, 2 bad input or usage, 3 network/IO failure). Only this layer prints errors. */
#ifndef GL_CLI_H
#define GL_CLI_H

#include "error.h"

enum gl_exit { GL_EXIT_OK = 0, GL_EXIT_FAIL = 1, GL_EXIT_INPUT = 2, GL_EXIT_IO = 3 };

int gl_cmd_debug(int argc, char **argv);
int gl_cmd_compile(int argc, char **argv);
int gl_cmd_snapshot(int argc, char **argv);
int gl_cmd_why(int argc, char **argv);

/* Prints "gpulock: <message>" on stderr and returns the exit code that fits err->code. */
int gl_cli_report(const gl_error *err);

#endif
