// hello: one line on stdout, and a word on stderr if stdout refuses it.
#include <stdio.h>

int main(void) {
  if (printf("Hello from inside the sandbox!\n") < 0 || fflush(stdout) != 0) {
    perror("hello: cannot write to stdout");
    return 1;
  }
  return 0;
}
