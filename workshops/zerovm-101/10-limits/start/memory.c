// memory: asks for 8 MB, then for 64 MB, touches every byte it gets, and says which requests the
// sandbox granted. malloc returns NULL when linear memory cannot grow past the manifest's Memory.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void try_mb(int mb) {
  size_t size = (size_t)mb * 1024 * 1024;
  char *volatile block = malloc(size);  // volatile: the compiler may not drop the request
  if (block == NULL) {
    printf("%d MB: refused\n", mb);
    return;
  }
  memset(block, 1, size);
  printf("%d MB: ok (last byte %d)\n", mb, block[size - 1]);
  free(block);
}

int main(void) {
  try_mb(8);
  try_mb(64);
  return 0;
}
