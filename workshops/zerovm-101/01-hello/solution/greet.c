// greet: reads a name from stdin and greets it.
// In the sandbox there is no terminal device: the greeting goes out on the stdout channel.
#include <stdio.h>
#include <string.h>

int main(void) {
  char name[64] = "world";
  if (fgets(name, sizeof name, stdin) != NULL) name[strcspn(name, "\r\n")] = '\0';

  printf("Hello, %s!\n", name);
  return 0;
}
