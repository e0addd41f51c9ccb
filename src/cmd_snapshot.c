/* cmd_snapshot.c — the 'snapshot' verb. */
#include <stdio.h>

#include "cli.h"

int gl_cmd_snapshot(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "gpulock: 'snapshot' is not available in this build yet\n");
    return GL_EXIT_INPUT;
}
