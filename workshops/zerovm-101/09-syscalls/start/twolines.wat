;; twolines: prints two lines through WASI's fd_write, the call behind every printf.
;; fd_write(fd, iovs, iovs_len, nwritten) writes the buffers listed in an array of iovecs:
;; each iovec is two i32s in memory, a pointer to the bytes and their length.
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)

  ;; the text of the two lines
  (data (i32.const 100) "one call,\n")
  (data (i32.const 110) "two lines\n")

  ;; iovec array at 0: { ptr, len } per buffer, 8 bytes each
  (data (i32.const 0) "\64\00\00\00\0a\00\00\00")  ;; iovec 0: ptr 100, len 10
  (data (i32.const 8) "\6e\00\00\00\0a\00\00\00")  ;; iovec 1: ptr 110, len 10

  (func (export "_start")
    ;; first line: fd 1 (stdout), iovecs at 0, 1 of them, bytes written stored at 200
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 200)))
    ;; second line: iovecs at 8, 1 of them
    (drop (call $fd_write (i32.const 1) (i32.const 8) (i32.const 1) (i32.const 200)))
  )
)
