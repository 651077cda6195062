entrypoint:
  mov64 r9, r10
  add64 r9, -1056
  mov64 r2, 42
  lddw r3, 0x5851f42d4c957f2d
  lddw r4, 0x14057b7ef767814f
  mov64 r5, 0
  mov64 r6, r9
fill:
  mul64 r2, r3
  add64 r2, r4
  mov64 r7, r2
  rsh64 r7, 32
  stxdw [r6+0], r7
  add64 r6, 8
  add64 r5, 1
  jne r5, 128, fill
  mov64 r5, 1
outer:
  mov64 r6, r5
  lsh64 r6, 3
  add64 r6, r9
  ldxdw r7, [r6+0]
inner:
  jeq r6, r9, place
  ldxdw r8, [r6-8]
  jle r8, r7, place
  stxdw [r6+0], r8
  add64 r6, -8
  ja inner
place:
  stxdw [r6+0], r7
  add64 r5, 1
  jne r5, 128, outer
  mov64 r5, 0
  mov64 r6, r9
  mov64 r2, 0
sum:
  ldxdw r7, [r6+0]
  add64 r5, 1
  mul64 r7, r5
  add64 r2, r7
  add64 r6, 8
  jne r5, 128, sum
  ldxdw r3, [r9+0]
  ldxdw r4, [r9+1016]
  stxdw [r10-24], r2
  stxdw [r10-16], r3
  stxdw [r10-8], r4
  mov64 r1, r10
  add64 r1, -24
  mov64 r2, 24
  syscall sol_set_return_data
  mov64 r0, 0
  exit
