# greet: reads a name from stdin and greets it.
# In the sandbox there is no terminal device: the greeting goes out on the stdout channel.
import sys

name = sys.stdin.readline().strip() or "world"

print(f"Hello, {name}!")
