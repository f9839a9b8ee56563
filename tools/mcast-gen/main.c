/* main.c - capture generator entry point (stub until issue 3 lands). */
#include <stdio.h>

int main(void)
{
    fprintf(stderr, "mcast-gen: not implemented yet\n");
    return 2;
}
