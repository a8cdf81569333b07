// count: ten numbered lines on stdout, one write() each; says on stderr how many were refused.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  int refused = 0;
  for (int i = 1; i <= 10; i++) {
    char line[32];
    int n = snprintf(line, sizeof line, "line %d of 10\n", i);
    if (write(1, line, (size_t)n) < 0) {
      refused++;
      if (errno != EDQUOT) perror("count: write");
    }
  }
  if (refused > 0) fprintf(stderr, "count: %d of 10 writes refused with EDQUOT\n", refused);
  return 0;
}
