// greet: greets the name given as its first argument, in the language GREET_LANG names (en, fr, de, es).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *hello_in(const char *language) {
  if (language == NULL || strcmp(language, "en") == 0) return "Hello";
  if (strcmp(language, "fr") == 0) return "Bonjour";
  if (strcmp(language, "de") == 0) return "Hallo";
  if (strcmp(language, "es") == 0) return "Hola";
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s NAME (with GREET_LANG=en|fr|de|es in the environment)\n", argv[0]);
    return 2;
  }
  const char *hello = hello_in(getenv("GREET_LANG"));
  if (hello == NULL) {
    fprintf(stderr, "greet: GREET_LANG=%s is not a language I know\n", getenv("GREET_LANG"));
    return 2;
  }
  printf("%s, %s!\n", hello, argv[1]);
  return 0;
}
