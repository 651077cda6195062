entrypoint:
  mov64 r6, r10
  add64 r6, -32
  stxdw [r10-48], r6
  stdw [r10-40], 32
  mov64 r7, 64
loop:
  mov64 r1, r10
  add64 r1, -48
  mov64 r2, 1
  mov64 r3, r6
  syscall sol_sha256
  sub64 r7, 1
  jne r7, 0, loop
  mov64 r1, r6
  mov64 r2, 32
  syscall sol_set_return_data
  mov64 r0, 0
  exit
