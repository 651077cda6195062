import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { WorkloadSpec } from '@polyvm/core';

/**
 * The workloads every runtime implements, with a plain TypeScript reference model of each. All
 * integer arithmetic is unsigned 64-bit (mod 2^64) so that every VM can express it natively.
 */
const U64 = (1n << 64n) - 1n;

/** Knuth's MMIX linear congruential generator: x' = x * A + C mod 2^64. */
export const LCG_A = 6364136223846793005n;
export const LCG_C = 1442695040888963407n;
export const lcg = (x: bigint): bigint => (x * LCG_A + LCG_C) & U64;

export const COUNTER = { name: 'counter' } as const;
export const TOKEN = { initialSupply: 1_000_000, amount: 250 } as const;
export const STORAGE = { slots: 64 } as const;
export const ARITH = { iterations: 10_000, seed: 1 } as const;
export const HASH = { rounds: 64 } as const;
export const SORT = { length: 128, seed: 42 } as const;
export const CALLS = { n: 15 } as const;

function storageSum(slots: number): bigint {
  let sum = 0n;
  for (let i = 0n; i < BigInt(slots); i++) sum += i * i + 7n;
  return sum;
}

function arith(iterations: number, seed: number): bigint {
  let x = BigInt(seed);
  for (let i = 0; i < iterations; i++) x = lcg(x);
  return x;
}

function hashChain(rounds: number): string {
  let h: Uint8Array = new Uint8Array(32);
  for (let i = 0; i < rounds; i++) h = sha256(h);
  return `0x${bytesToHex(h)}`;
}

/** The array the sort workload starts from: a_i = (lcg^(i+1)(seed)) >> 32, i.e. 32-bit values. */
export function sortInput(length: number = SORT.length, seed: number = SORT.seed): bigint[] {
  const out: bigint[] = [];
  let x = BigInt(seed);
  for (let i = 0; i < length; i++) {
    x = lcg(x);
    out.push(x >> 32n);
  }
  return out;
}

function sorted(length: number, seed: number): { checksum: bigint; min: bigint; max: bigint } {
  const a = sortInput(length, seed).sort((p, q) => (p < q ? -1 : p > q ? 1 : 0));
  let checksum = 0n;
  a.forEach((v, i) => {
    checksum = (checksum + BigInt(i + 1) * v) & U64;
  });
  return { checksum, min: a[0]!, max: a[a.length - 1]! };
}

function fib(n: number): number {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/** The storage-heavy spec for `slots` slots (the catalog uses STORAGE.slots; sweeps vary it). */
export function storageSpec(slots: number): WorkloadSpec {
  return {
    name: 'storage-heavy',
    title: 'Storage heavy',
    description: `Writes slot i = i*i + 7 for i < ${slots} into fresh storage, reads all back and returns their sum.`,
    params: { slots },
    expected: { sum: String(storageSum(slots)) },
  };
}

export function arithSpec(iterations: number, seed: number = ARITH.seed): WorkloadSpec {
  return {
    name: 'compute-arith',
    title: 'Compute: 64-bit arithmetic loop',
    description: `x = ${seed}; ${iterations} times x = x * ${LCG_A} + ${LCG_C} mod 2^64; returns x.`,
    params: { iterations, seed },
    expected: { x: String(arith(iterations, seed)) },
  };
}

export function hashSpec(rounds: number): WorkloadSpec {
  return {
    name: 'compute-hash',
    title: 'Compute: SHA-256 chain',
    description: `h = 32 zero bytes; ${rounds} times h = sha256(h) using the VM's own SHA-256 (precompile, host function, native or syscall); returns h.`,
    params: { rounds },
    expected: { digest: hashChain(rounds) },
  };
}

export function sortSpec(length: number, seed: number = SORT.seed): WorkloadSpec {
  const result = sorted(length, seed);
  return {
    name: 'memory-sort',
    title: 'Memory: insertion sort',
    description: `Builds ${length} u64 values a_i = lcg^(i+1)(${seed}) >> 32 in memory, insertion-sorts them ascending, returns sum((i+1) * a[i]) mod 2^64, min and max.`,
    params: { length, seed },
    expected: { checksum: String(result.checksum), min: String(result.min), max: String(result.max) },
  };
}

export const WORKLOADS: readonly WorkloadSpec[] = [
  {
    name: 'counter',
    title: 'Counter increment',
    description:
      'A u64 counter in contract storage, 0 after deploy; the transaction adds 1 and returns the new value.',
    params: {},
    expected: { counter: '1' },
  },
  {
    name: 'token-transfer',
    title: 'Token transfer',
    description: `Deploy mints ${TOKEN.initialSupply} to the deployer (alice) in a balances map; the transaction moves ${TOKEN.amount} from alice to bob.`,
    params: { ...TOKEN },
    expected: { alice: String(TOKEN.initialSupply - TOKEN.amount), bob: String(TOKEN.amount) },
  },
  storageSpec(STORAGE.slots),
  arithSpec(ARITH.iterations, ARITH.seed),
  hashSpec(HASH.rounds),
  sortSpec(SORT.length, SORT.seed),
  {
    name: 'call-heavy',
    title: 'Calls: recursive Fibonacci',
    description: `fib(${CALLS.n}) by naive recursion through the VM's own function-call mechanism (${2 * fib(CALLS.n + 1) - 1} calls); returns the value.`,
    params: { ...CALLS },
    expected: { fib: String(fib(CALLS.n)) },
  },
];

export function workloadSpec(name: string): WorkloadSpec {
  const spec = WORKLOADS.find((w) => w.name === name);
  if (!spec)
    throw new TypeError(`unknown workload "${name}" (known: ${WORKLOADS.map((w) => w.name).join(', ')})`);
  return spec;
}
