// producer: numbers the lines of /dev/input and sends them down /dev/out/upper, the link the job's
// "connect" made. It can write nowhere else: no files, no network, only its declared channels.
#include <stdio.h>
#include <string.h>

int main(void) {
  FILE *in = fopen("/dev/input", "r");
  if (in == NULL) {
    perror("producer: /dev/input");
    return 1;
  }
  FILE *out = fopen("/dev/out/upper", "w");
  if (out == NULL) {
    perror("producer: /dev/out/upper");
    return 1;
  }
  char line[1024];
  int number = 0;
  while (fgets(line, sizeof line, in) != NULL) fprintf(out, "%d: %s", ++number, line);
  fclose(out);
  fprintf(stderr, "producer: sent %d lines\n", number);
  return 0;
}
