// mine: your program. Make it do something small of your own: a greeting, a table, a drawing.
#include <stdio.h>

int main(void) {
  printf("Hello from my own sandbox!\n");
  return 0;
}
