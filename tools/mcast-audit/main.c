/* main.c - mcast-audit entry point (stub until issue 4 lands). */
#include <stdio.h>

int main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "mcast-audit: not implemented yet\n");
    return 2;
}
