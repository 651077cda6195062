entrypoint:
  mov64 r2, 1
  lddw r3, 0x5851f42d4c957f2d
  lddw r4, 0x14057b7ef767814f
  mov64 r5, 10000
loop:
  mul64 r2, r3
  add64 r2, r4
  sub64 r5, 1
  jne r5, 0, loop
  stxdw [r10-8], r2
  mov64 r1, r10
  add64 r1, -8
  mov64 r2, 8
  syscall sol_set_return_data
  mov64 r0, 0
  exit
