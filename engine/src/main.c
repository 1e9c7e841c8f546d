#include <stdio.h>

int main(void)
{
    fputs("storycut: the command line is being built\n", stderr);
    return 2;
}
