# wc: counts the words of /dev/input and writes the count to /dev/output.
with open("/dev/input") as data:
    words = len(data.read().split())

with open("/dev/output", "w") as out:
    out.write(f"{words}\n")
