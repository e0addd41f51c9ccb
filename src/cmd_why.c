/* cmd_why.c — the 'why' verb. */
#include <stdio.h>

#include "cli.h"

int gl_cmd_why(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "gpulock: 'why' is not available in this build yet\n");
    return GL_EXIT_INPUT;
}
