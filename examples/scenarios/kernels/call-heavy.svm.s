entrypoint:
  mov64 r1, 15
  call fib
  mov64 r6, r0
  stxdw [r10-8], r6
  mov64 r1, r10
  add64 r1, -8
  mov64 r2, 8
  syscall sol_set_return_data
  mov64 r0, 0
  exit
fib:
  jgt r1, 1, recurse
  mov64 r0, r1
  exit
recurse:
  mov64 r6, r1
  sub64 r1, 1
  call fib
  mov64 r7, r0
  mov64 r1, r6
  sub64 r1, 2
  call fib
  add64 r0, r7
  exit
