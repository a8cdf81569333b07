# wc: counts the words of its input and prints the count.
import sys

words = len(sys.stdin.read().split())
print(words)
