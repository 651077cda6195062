entrypoint:
  ldxdw r2, [r1+96]
  add64 r2, 1
  stxdw [r1+96], r2
  stxdw [r10-8], r2
  mov64 r1, r10
  add64 r1, -8
  mov64 r2, 8
  syscall sol_set_return_data
  mov64 r0, 0
  exit
