// reducer: lists /dev/in (one file per mapper, named after it), reads "<count> <file>" lines from
// each, and prints the count of every file and the total, like wc.
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
  DIR *dir = opendir("/dev/in");
  if (dir == NULL) {
    perror("reducer: /dev/in");
    return 1;
  }
  char *names[1024];
  size_t count = 0;
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL && count < 1024) {
    if (entry->d_name[0] != '.') names[count++] = strdup(entry->d_name);
  }
  closedir(dir);
  qsort(names, count, sizeof *names, by_name);
  long total = 0;
  for (size_t i = 0; i < count; i++) {
    char path[300];
    snprintf(path, sizeof path, "/dev/in/%s", names[i]);
    FILE *in = fopen(path, "r");
    if (in == NULL) {
      perror(path);
      return 1;
    }
    long words;
    char file[256];
    while (fscanf(in, "%ld %255s", &words, file) == 2) {
      printf("%7ld %s\n", words, file);
      total += words;
    }
    fclose(in);
  }
  printf("%7ld total (%zu mappers)\n", total, count);
  return 0;
}
