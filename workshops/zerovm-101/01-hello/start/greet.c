// greet: reads a name from stdin and greets it.
// Written for an ordinary machine, where the terminal is a device anyone may open.
#include <stdio.h>
#include <string.h>

int main(void) {
  char name[64] = "world";
  if (fgets(name, sizeof name, stdin) != NULL) name[strcspn(name, "\r\n")] = '\0';

  FILE *terminal = fopen("/dev/tty", "w");
  if (terminal == NULL) {
    perror("greet: cannot open /dev/tty");
    return 1;
  }
  fprintf(terminal, "Hello, %s!\n", name);
  fclose(terminal);
  return 0;
}
