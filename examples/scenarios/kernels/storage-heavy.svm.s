entrypoint:
  mov64 r2, 0
  mov64 r3, r1
  add64 r3, 96
write:
  mov64 r4, r2
  mul64 r4, r2
  add64 r4, 7
  stxdw [r3+0], r4
  add64 r3, 8
  add64 r2, 1
  jne r2, 64, write
  mov64 r2, 0
  mov64 r5, 0
  mov64 r3, r1
  add64 r3, 96
read:
  ldxdw r4, [r3+0]
  add64 r5, r4
  add64 r3, 8
  add64 r2, 1
  jne r2, 64, read
  stxdw [r10-8], r5
  mov64 r1, r10
  add64 r1, -8
  mov64 r2, 8
  syscall sol_set_return_data
  mov64 r0, 0
  exit
