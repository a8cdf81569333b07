# mapper.py: counts the words of /dev/input and sends "<count> <file>" to every node in /dev/out.
# The job starts one mapper per file matching swift://~/data/*.txt; ZVM_OBJECT names the file a
# mapper got, and sys.orig_argv[0] the node's own name.
import os
import sys

file = os.environ.get('ZVM_OBJECT', sys.orig_argv[0])
with open('/dev/input', 'rb') as source:
    words = len(source.read().split())
for peer in sorted(os.listdir('/dev/out')):
    with open('/dev/out/' + peer, 'w') as out:
        out.write(f'{words} {file}\n')
print(f'{file}: {words} words')
