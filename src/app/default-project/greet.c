// greet: reads a name from stdin and greets it on stdout.
// It can touch nothing but the channels hello.manifest gives it: stdin, stdout and stderr.
// Every write() is counted against the stdout channel's quota; try lowering `puts` in the
// manifest and watch the refused writes (EDQUOT) appear.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void say(const char *line) {
  if (write(1, line, strlen(line)) < 0) {
    fprintf(stderr, "greet: write refused: %s (%s)\n", strerror(errno),
            errno == EDQUOT ? "EDQUOT" : "see errno");
  }
}

int main(void) {
  char name[256] = "";
  ssize_t n = read(0, name, sizeof name - 1);
  if (n < 0) n = 0;
  name[n] = '\0';
  name[strcspn(name, "\r\n")] = '\0';
  if (name[0] == '\0') strcpy(name, "stranger");

  char line[512];
  snprintf(line, sizeof line, "Hello, %s!\n", name);
  say(line);
  say("This program ran in a ZeroVM-style sandbox.\n");
  say("It saw only the channels its manifest declared.\n");
  return 0;
}
