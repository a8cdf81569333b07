// wordcount: counts the words, lines and bytes of /dev/input and writes them to /dev/output.
// The manifest maps /dev/input to data.txt and /dev/output to out.txt; the nvram sets the
// arguments and the clock. Nothing else exists for this program: no other files, no network.
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  const char *label = argc > 1 ? argv[1] : "input";
  int in = open("/dev/input", O_RDONLY);
  if (in < 0) {
    perror("wordcount: /dev/input");
    return 1;
  }
  static unsigned char buf[4096];
  long words = 0, lines = 0, bytes = 0;
  int in_word = 0;
  for (;;) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n < 0) {
      perror("wordcount: read");
      return 1;
    }
    if (n == 0) break;
    bytes += n;
    for (ssize_t i = 0; i < n; i++) {
      if (buf[i] == '\n') lines++;
      if (isspace(buf[i])) in_word = 0;
      else if (!in_word) {
        in_word = 1;
        words++;
      }
    }
  }
  char line[128];
  int len = snprintf(line, sizeof line, "%ld %ld %ld %s\n", words, lines, bytes, label);
  int out = open("/dev/output", O_WRONLY);
  if (out < 0 || write(out, line, len) != len) perror("wordcount: /dev/output");

  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  printf("%s: %ld words, %ld lines, %ld bytes\n", label, words, lines, bytes);
  printf("counted at %lld.%06ld (the sandbox clock)\n", (long long)now.tv_sec, now.tv_nsec / 1000);
  return 0;
}
