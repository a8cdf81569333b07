// wc: counts the words of its input and prints the count.
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
  long words = count_words(stdin);
  printf("%ld\n", words);
  return 0;
}
