// producer: numbers the lines of /dev/input and sends them down /dev/out/upper, the link the job's
// "connect" made. It can write nowhere else: no files, no network, only its declared channels.
#include <stdio.h>
#include <string.h>

int main(void) {
  FILE *in = fopen("/dev/input", "r");
  FILE *out = fopen("/dev/out/upper", "w");
  if (in == NULL || out == NULL) {
    perror("producer");
    return 1;
  }
  char line[1024];
  int number = 0;
  while (fgets(line, sizeof line, in) != NULL) fprintf(out, "%d: %s", ++number, line);
  fclose(out);
  fprintf(stderr, "producer: sent %d lines\n", number);
  return 0;
}
