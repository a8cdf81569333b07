# greet: reads a name from stdin and greets it.
# Written for an ordinary machine, where the terminal is a device anyone may open.
import sys

name = sys.stdin.readline().strip() or "world"

with open("/dev/tty", "w") as terminal:
    terminal.write(f"Hello, {name}!\n")
