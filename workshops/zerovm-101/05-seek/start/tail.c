// tail: prints the last line of /dev/input without reading the whole file,
// by seeking near its end first (as `tail` does with a large log).
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include <fcntl.h>

int main(void) {
  int fd = open("/dev/input", O_RDONLY);
  if (fd < 0) {
    perror("tail: cannot open /dev/input");
    return 1;
  }
  off_t size = lseek(fd, 0, SEEK_END);
  if (size < 0) {
    perror("tail: cannot seek on /dev/input");
    return 1;
  }
  char buffer[256];
  off_t from = size > (off_t)sizeof buffer - 1 ? size - (off_t)(sizeof buffer - 1) : 0;
  if (lseek(fd, from, SEEK_SET) < 0) {
    perror("tail: cannot seek on /dev/input");
    return 1;
  }
  ssize_t n = read(fd, buffer, sizeof buffer - 1);
  if (n < 0) {
    perror("tail: cannot read /dev/input");
    return 1;
  }
  buffer[n] = '\0';
  while (n > 0 && buffer[n - 1] == '\n') buffer[--n] = '\0';
  char *last = strrchr(buffer, '\n');
  printf("%s\n", last != NULL ? last + 1 : buffer);
  return 0;
}
