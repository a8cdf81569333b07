// upper: reads what the producer sent through /dev/in/producer, shouts it back in capitals on
// stdout, and keeps a copy in /dev/output (which the job maps to out/poem-upper.txt).
#include <ctype.h>
#include <stdio.h>

int main(void) {
  FILE *in = fopen("/dev/in/producer", "r");
  FILE *out = fopen("/dev/output", "w");
  if (in == NULL || out == NULL) {
    perror("upper");
    return 1;
  }
  int c;
  while ((c = fgetc(in)) != EOF) {
    putchar(toupper(c));
    fputc(toupper(c), out);
  }
  fclose(out);
  return 0;
}
