/* cmd_compile.c — the 'compile' verb. */
#include <stdio.h>

#include "cli.h"

int gl_cmd_compile(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "gpulock: 'compile' is not available in this build yet\n");
    return GL_EXIT_INPUT;
}
