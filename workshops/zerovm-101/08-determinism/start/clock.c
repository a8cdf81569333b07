// clock: asks the sandbox for the date and for a few random bytes, the two things that make most
// programs give a different answer every time they run.
#include <stdio.h>
#include <time.h>
#include <unistd.h>

int main(void) {
  time_t now = time(NULL);
  char date[64];
  strftime(date, sizeof date, "%Y-%m-%d %H:%M:%S UTC", gmtime(&now));
  printf("today is %s\n", date);

  unsigned char dice[4];
  if (getentropy(dice, sizeof dice) != 0) {
    perror("clock: getentropy");
    return 1;
  }
  printf("dice:");
  for (int i = 0; i < 4; i++) printf(" %d", dice[i] % 6 + 1);
  printf("\n");
  return 0;
}
