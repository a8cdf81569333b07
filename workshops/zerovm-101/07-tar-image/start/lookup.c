// lookup: finds the word given as argv[1] in /dict/glossary.txt and writes its entry to
// /out/answer.txt. The program knows nothing about tar files or channels: it opens ordinary paths,
// and ZRT's [fstab] decides what is there.
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: lookup WORD\n");
    return 2;
  }
  FILE *dict = fopen("/dict/glossary.txt", "r");
  if (dict == NULL) {
    perror("lookup: /dict/glossary.txt");
    return 1;
  }
  size_t len = strlen(argv[1]);
  char line[512];
  int found = 0;
  while (!found && fgets(line, sizeof line, dict) != NULL) {
    found = strncmp(line, argv[1], len) == 0 && line[len] == ':';
  }
  fclose(dict);
  if (!found) {
    fprintf(stderr, "lookup: %s is not in the glossary\n", argv[1]);
    return 1;
  }
  FILE *out = fopen("/out/answer.txt", "w");
  if (out == NULL) {
    perror("lookup: /out/answer.txt");
    return 1;
  }
  fputs(line, out);
  fclose(out);
  printf("wrote /out/answer.txt: %s", line);
  return 0;
}
