// wc: counts the words of /dev/input and writes the count to /dev/output.
#include <ctype.h>
#include <stdio.h>

static long count_words(FILE *in) {
  long words = 0;
  int c, inside = 0;
  while ((c = fgetc(in)) != EOF) {
    if (isspace(c)) inside = 0;
    else if (!inside) inside = 1, words++;
  }
  return words;
}

int main(void) {
  FILE *in = fopen("/dev/input", "r");
  FILE *out = fopen("/dev/output", "w");
  if (in == NULL || out == NULL) {
    perror("wc: cannot open /dev/input or /dev/output");
    return 1;
  }
  fprintf(out, "%ld\n", count_words(in));
  fclose(in);
  return fclose(out) == 0 ? 0 : 1;
}
