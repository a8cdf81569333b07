// mapper: counts the words of /dev/input and sends "<count> <file>" to every node it is connected to.
// The job starts one mapper per file matching swift://~/data/*.txt; ZVM_OBJECT names the file a
// mapper got. Its peers are whatever it finds in /dev/out: here /dev/out/reduce.
#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long count_words(int fd) {
  static unsigned char buf[65536];
  long words = 0;
  int in_word = 0;
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    for (ssize_t i = 0; i < n; i++) {
      if (isspace(buf[i])) in_word = 0;
      else if (!in_word) {
        in_word = 1;
        words++;
      }
    }
  }
  return n < 0 ? -1 : words;
}

int main(int argc, char **argv) {
  (void)argc;
  const char *file = getenv("ZVM_OBJECT") ? getenv("ZVM_OBJECT") : argv[0];
  int in = open("/dev/input", O_RDONLY);
  long words = in < 0 ? -1 : count_words(in);
  if (words < 0) {
    perror("mapper: /dev/input");
    return 1;
  }
  char line[512];
  int len = snprintf(line, sizeof line, "%ld %s\n", words, file);
  DIR *peers = opendir("/dev/out");
  if (peers == NULL) {
    perror("mapper: /dev/out");
    return 1;
  }
  struct dirent *peer;
  while ((peer = readdir(peers)) != NULL) {
    if (peer->d_name[0] == '.') continue;
    char path[300];
    snprintf(path, sizeof path, "/dev/out/%s", peer->d_name);
    int out = open(path, O_WRONLY);
    if (out < 0 || write(out, line, len) != len) {
      perror(path);
      return 1;
    }
    close(out);
  }
  closedir(peers);
  printf("%s: %ld words\n", file, words);
  return 0;
}
