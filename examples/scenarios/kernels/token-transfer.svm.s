entrypoint:
  ldxb r2, [r1+20761]
  jeq r2, 0, not_signed
  ldxdw r3, [r1+96]
  ldxdw r4, [r1+20768]
  jne r3, r4, not_authority
  ldxdw r3, [r1+104]
  ldxdw r4, [r1+20776]
  jne r3, r4, not_authority
  ldxdw r3, [r1+112]
  ldxdw r4, [r1+20784]
  jne r3, r4, not_authority
  ldxdw r3, [r1+120]
  ldxdw r4, [r1+20792]
  jne r3, r4, not_authority
  ldxdw r5, [r1+31104]
  ldxdw r6, [r1+128]
  jlt r6, r5, insufficient
  sub64 r6, r5
  stxdw [r1+128], r6
  ldxdw r7, [r1+10504]
  add64 r7, r5
  stxdw [r1+10504], r7
  mov64 r0, 0
  exit
not_signed:
  mov64 r0, 1
  exit
not_authority:
  mov64 r0, 2
  exit
insufficient:
  mov64 r0, 3
  exit
