; Calls most syscalls once and logs what they return: a differential probe against litesvm.
entrypoint:
  mov64 r9, r1
  stb [r10-16], 0x73
  stb [r10-15], 0x79
  stb [r10-14], 0x73
  stb [r10-13], 0x63
  stb [r10-12], 0x61
  stb [r10-11], 0x6c
  stb [r10-10], 0x6c
  stb [r10-9], 0x20
  stb [r10-8], 0x74
  stb [r10-7], 0x6f
  stb [r10-6], 0x75
  stb [r10-5], 0x72
  mov64 r1, r10
  add64 r1, -16
  mov64 r2, 12
  syscall sol_log_
  mov64 r1, 1
  mov64 r2, 2
  mov64 r3, 3
  mov64 r4, 4
  mov64 r5, 5
  syscall sol_log_64_
  syscall sol_log_compute_units_
  mov64 r1, r10
  add64 r1, -512
  mov64 r2, 0xab
  mov64 r3, 100
  syscall sol_memset_
  mov64 r2, r10
  add64 r2, -512
  stxdw [r10-536], r2
  stdw [r10-528], 100
  mov64 r1, r10
  add64 r1, -536
  mov64 r2, 1
  mov64 r3, r10
  add64 r3, -576
  syscall sol_sha256
  mov64 r1, r10
  add64 r1, -536
  mov64 r2, 1
  mov64 r3, r10
  add64 r3, -608
  syscall sol_keccak256
  mov64 r2, r10
  add64 r2, -576
  stxdw [r10-640], r2
  stdw [r10-632], 32
  mov64 r2, r10
  add64 r2, -608
  stxdw [r10-624], r2
  stdw [r10-616], 32
  mov64 r1, r10
  add64 r1, -640
  mov64 r2, 2
  syscall sol_log_data
  mov64 r1, r10
  add64 r1, -1400
  mov64 r2, 0x11
  mov64 r3, 300
  syscall sol_memset_
  mov64 r1, r10
  add64 r1, -1000
  mov64 r2, r10
  add64 r2, -1400
  mov64 r3, 300
  syscall sol_memcpy_
  mov64 r1, r10
  add64 r1, -990
  mov64 r2, r10
  add64 r2, -1000
  mov64 r3, 300
  syscall sol_memmove_
  mov64 r1, r10
  add64 r1, -1000
  mov64 r2, r10
  add64 r2, -512
  mov64 r3, 50
  mov64 r4, r10
  add64 r4, -24
  syscall sol_memcmp_
  ldxw r1, [r10-24]
  mov64 r2, 0
  mov64 r3, 0
  mov64 r4, 0
  mov64 r5, 0
  syscall sol_log_64_
  mov64 r2, r10
  add64 r2, -16
  stxdw [r10-1432], r2
  stdw [r10-1424], 4
  mov64 r1, r10
  add64 r1, -1432
  mov64 r2, 1
  mov64 r3, r9
  add64 r3, 16
  mov64 r4, r10
  add64 r4, -1472
  mov64 r5, r10
  add64 r5, -1480
  syscall sol_try_find_program_address
  mov64 r6, r0
  mov64 r1, r10
  add64 r1, -1472
  syscall sol_log_pubkey
  ldxb r1, [r10-1480]
  mov64 r2, r6
  mov64 r3, 0
  mov64 r4, 0
  mov64 r5, 0
  syscall sol_log_64_
  mov64 r2, r10
  add64 r2, -16
  stxdw [r10-1512], r2
  stdw [r10-1504], 4
  mov64 r2, r10
  add64 r2, -1480
  stxdw [r10-1496], r2
  stdw [r10-1488], 1
  mov64 r1, r10
  add64 r1, -1512
  mov64 r2, 2
  mov64 r3, r9
  add64 r3, 16
  mov64 r4, r10
  add64 r4, -1552
  syscall sol_create_program_address
  mov64 r6, r0
  mov64 r1, r10
  add64 r1, -1552
  syscall sol_log_pubkey
  mov64 r1, r10
  add64 r1, -1600
  syscall sol_get_clock_sysvar
  ldxdw r1, [r10-1600]
  ldxdw r2, [r10-1568]
  mov64 r3, r6
  mov64 r4, 0
  mov64 r5, 0
  syscall sol_log_64_
  mov64 r1, r10
  add64 r1, -1632
  syscall sol_get_rent_sysvar
  ldxdw r1, [r10-1632]
  ldxb r2, [r10-1616]
  mov64 r3, 0
  mov64 r4, 0
  mov64 r5, 0
  syscall sol_log_64_
  mov64 r1, r10
  add64 r1, -1680
  syscall sol_get_epoch_schedule_sysvar
  ldxdw r1, [r10-1680]
  ldxdw r2, [r10-1672]
  ldxb r3, [r10-1664]
  mov64 r4, 0
  mov64 r5, 0
  syscall sol_log_64_
  mov64 r1, r10
  add64 r1, -576
  mov64 r2, 40
  syscall sol_set_return_data
  mov64 r1, r10
  add64 r1, -1720
  mov64 r2, 16
  mov64 r3, r10
  add64 r3, -1760
  syscall sol_get_return_data
  mov64 r6, r0
  syscall sol_get_stack_height
  mov64 r7, r0
  mov64 r3, 7
  mov64 r1, r6
  mov64 r2, r7
  ldxdw r4, [r10-1720]
  mov64 r5, 0
  syscall sol_log_64_
  mov64 r0, 0
  exit
