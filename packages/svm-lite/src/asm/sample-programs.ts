/**
 * Small sBPF programs in assembly shared by benchmarks and tests, so each exists once.
 */

/**
 * Recursive Fibonacci of `n` by internal calls (r6/r7 callee-saved across them); `prologue` is
 * inserted at the top of `fib`. The entrypoint returns 0 when `returnZero`, else fib(n).
 */
export function fibonacciSource(n: number, { prologue = '', returnZero = false } = {}): string {
  return `
entrypoint:
  mov64 r1, ${n}
  call fib
  ${returnZero ? 'mov64 r0, 0' : ''}
  exit
fib:
  ${prologue}
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
  exit`;
}

/** An ALU loop: six instructions per iteration (add, xor, shifts, count down, branch), 3 + 6n in all. */
export function aluLoopSource(iterations: number, { returnZero = false } = {}): string {
  return `
  mov64 r0, 1
  mov64 r1, ${iterations}
loop:
  add64 r0, 7
  xor64 r0, r1
  lsh64 r0, 1
  rsh64 r0, 1
  sub64 r1, 1
  jne r1, 0, loop
  ${returnZero ? 'mov64 r0, 0' : ''}
  exit`;
}

/**
 * `passes` calls of `sol_sha256` over one 32-byte slice of the stack (13 + 10 per pass before the
 * syscall's own cost); with `logComputeUnits` each pass also logs the meter.
 */
export function sha256LoopSource(passes: number, { logComputeUnits = false } = {}): string {
  return `
  mov64 r6, ${passes}
  mov64 r2, r10
  add64 r2, -64
  stxdw [r10-80], r2
  stdw [r10-72], 32
loop:
  mov64 r1, r10
  add64 r1, -80
  mov64 r2, 1
  mov64 r3, r10
  add64 r3, -32
  syscall sol_sha256
  ${logComputeUnits ? 'syscall sol_log_compute_units_' : ''}
  sub64 r6, 1
  jne r6, 0, loop
  mov64 r0, 0
  exit`;
}
