import { isHeader, languageOf } from './language.ts';

const C = `// Reads a name from stdin and greets it on stdout; a log line goes to stderr.
// In a manifest, stdin/stdout/stderr are channels: try a file channel as /dev/stdin.
#include <stdio.h>
#include <string.h>

int main(void) {
  char name[256] = "";
  if (fgets(name, sizeof name, stdin) == NULL) name[0] = '\\0';
  name[strcspn(name, "\\r\\n")] = '\\0';
  if (name[0] == '\\0') strcpy(name, "world");
  printf("Hello, %s!\\n", name);
  fprintf(stderr, "greeted %s\\n", name);
  return 0;
}
`;

const CPP = `// Reads a name from stdin and greets it on stdout; a log line goes to stderr.
// In a manifest, stdin/stdout/stderr are channels: try a file channel as /dev/stdin.
#include <iostream>
#include <string>

int main() {
  std::string name;
  std::getline(std::cin, name);
  if (!name.empty() && name.back() == '\\r') name.pop_back();
  if (name.empty()) name = "world";
  std::cout << "Hello, " << name << "!\\n";
  std::cerr << "greeted " << name << "\\n";
  return 0;
}
`;

const WAT = `;; Reads a name from stdin and greets it on stdout; a log line goes to stderr.
;; No libc here: the module calls WASI (wasi_snapshot_preview1) itself.
(module
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param $fd i32) (param $iovs i32) (param $iovs_len i32) (param $nread i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param $fd i32) (param $iovs i32) (param $iovs_len i32) (param $nwritten i32) (result i32)))
  (memory (export "memory") 1)

  ;; Memory: 0..23 three iovecs (pointer, length), 32 a byte count, 64.. text, 256.. the name.
  (data (i32.const 64) "Hello, ")
  (data (i32.const 80) "world")
  (data (i32.const 96) "!\\n")
  (data (i32.const 112) "greeted ")
  (data (i32.const 128) "\\n")

  ;; Stores iovec number $i as ($ptr, $len).
  (func $iovec (param $i i32) (param $ptr i32) (param $len i32)
    (i32.store (i32.mul (local.get $i) (i32.const 8)) (local.get $ptr))
    (i32.store (i32.add (i32.mul (local.get $i) (i32.const 8)) (i32.const 4)) (local.get $len)))

  (func (export "_start")
    (local $ptr i32)
    (local $len i32)
    ;; Read up to 200 bytes of stdin (fd 0) at 256.
    (call $iovec (i32.const 0) (i32.const 256) (i32.const 200))
    (if (i32.eqz (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 32)))
      (then (local.set $len (i32.load (i32.const 32)))))
    ;; Drop trailing spaces and line ends.
    (block $trimmed
      (loop $trim
        (br_if $trimmed (i32.eqz (local.get $len)))
        (br_if $trimmed (i32.gt_u (i32.load8_u (i32.add (i32.const 255) (local.get $len))) (i32.const 32)))
        (local.set $len (i32.sub (local.get $len) (i32.const 1)))
        (br $trim)))
    (local.set $ptr (i32.const 256))
    (if (i32.eqz (local.get $len))
      (then (local.set $ptr (i32.const 80)) (local.set $len (i32.const 5))))
    ;; stdout (fd 1): "Hello, " name "!\\n" in one fd_write of three iovecs.
    (call $iovec (i32.const 0) (i32.const 64) (i32.const 7))
    (call $iovec (i32.const 1) (local.get $ptr) (local.get $len))
    (call $iovec (i32.const 2) (i32.const 96) (i32.const 2))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 3) (i32.const 32)))
    ;; stderr (fd 2): "greeted " name "\\n".
    (call $iovec (i32.const 0) (i32.const 112) (i32.const 8))
    (call $iovec (i32.const 2) (i32.const 128) (i32.const 1))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 3) (i32.const 32)))))
`;

const PYTHON = `# Reads a name from stdin and greets it on stdout; a log line goes to stderr.
# In a manifest, stdin/stdout/stderr are channels: try a file channel as /dev/stdin.
import sys

name = sys.stdin.readline().strip() or "world"
print(f"Hello, {name}!")
print(f"greeted {name}", file=sys.stderr)
`;

/** A hello-world program for a new file at `path` (C, C++, WAT or Python source), or undefined. */
export function templateFor(path: string): string | undefined {
  if (isHeader(path)) return undefined;
  switch (languageOf(path)) {
    case 'c':
      return C;
    case 'cpp':
      return CPP;
    case 'wat':
      return WAT;
    case 'python':
      return PYTHON;
    default:
      return undefined;
  }
}
