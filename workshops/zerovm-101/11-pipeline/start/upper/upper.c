// upper: reads what the producer sent through /dev/in/producer and shouts it back in capitals on
// stdout. The link exists only if the job's "connect" made it.
#include <ctype.h>
#include <stdio.h>

int main(void) {
  FILE *in = fopen("/dev/in/producer", "r");
  if (in == NULL) {
    perror("upper: /dev/in/producer");
    return 1;
  }
  int c;
  while ((c = fgetc(in)) != EOF) putchar(toupper(c));
  return 0;
}
