import { addressFromHex, JournaledState, PolyvmError, type Receipt } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from './asm/assemble.js';
import { MoveRuntime } from './runtime.js';
import { HOSTILE_SOURCE } from './testing/samples.js';
import { MAX_EXECUTION_GAS } from './vm/gas.js';

/**
 * Resource bounds (issue 11): each hostile input ends in a typed error within a fixed budget of
 * time and memory, whatever gas it offers, and leaves the state root unchanged.
 */
const OWNER = addressFromHex('0x42', 32);

function setup() {
  const runtime = new MoveRuntime();
  const state = new JournaledState();
  const deployed = runtime.deploy(state, {
    sender: OWNER,
    code: assembleToBytes(HOSTILE_SOURCE),
    gasLimit: 10n ** 10n,
  });
  expect(deployed.status, deployed.error?.message).toBe('success');
  return { runtime, state };
}

interface Case {
  name: string;
  run: (r: MoveRuntime, s: JournaledState) => Receipt | number;
  /** What the receipt must say (status and an error text), or undefined for estimate(). */
  expect?: { status: Receipt['status']; error: RegExp };
  ms: number;
}

const call = (fn: string, args: Uint8Array[] = [], gasLimit = 10n ** 12n) => ({
  sender: OWNER,
  value: 0n,
  nonce: 0n,
  input: new Uint8Array(0),
  gasLimit,
  payload: { module: '0x42::hostile', function: fn, args },
});

function refusedModule(name: string, source: string, error: RegExp): Case {
  return {
    name,
    run: (r, s) => r.deploy(s, { sender: OWNER, code: assembleToBytes(source), gasLimit: 10n ** 10n }),
    expect: { status: 'invalid', error },
    ms: 2_000,
  };
}

const CASES: Case[] = [
  {
    name: 'vector<E> argument claiming 2^31-1 elements in 5 bytes',
    run: (r, s) => r.execute(s, call('take', [Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x07)])),
    expect: { status: 'invalid', error: /longer than the input/ },
    ms: 2_000,
  },
  {
    name: 'an infinite loop offered 2^60 gas stops at max_execution_gas',
    run: (r, s) => r.execute(s, call('spin', [], 1n << 60n)),
    expect: { status: 'out-of-gas', error: /EXECUTION_LIMIT_REACHED/ },
    ms: 20_000,
  },
  {
    name: 'estimate() of an infinite loop returns',
    run: (r, s) => r.estimate(s, call('spin')),
    ms: 20_000,
  },
  {
    name: 'a vector-of-vectors push loop at 10^12 gas hits the memory quota',
    run: (r, s) => r.execute(s, call('grow')),
    expect: { status: 'error', error: /MEMORY_LIMIT_EXCEEDED/ },
    ms: 10_000,
  },
  {
    name: 'a 200 KB module is refused before it is decoded or verified',
    run: (r, s) => r.deploy(s, { sender: OWNER, code: new Uint8Array(200_000), gasLimit: 10n ** 12n }),
    expect: { status: 'invalid', error: /EXCEEDED_MAX_TRANSACTION_SIZE/ },
    ms: 2_000,
  },
  refusedModule(
    'a module with a zero-field struct is refused',
    'module 0x42::zero\nstruct E has drop {\n}\n',
    /ZERO_SIZED_STRUCT/,
  ),
  refusedModule(
    'a module with a recursive struct is refused',
    'module 0x42::rec\nstruct S has drop {\n f: S\n}\n',
    /RECURSIVE_STRUCT_DEFINITION/,
  ),
];

describe('resource bounds: hostile inputs end in typed errors within budget, state root unchanged', () => {
  for (const c of CASES) {
    // Budgets are far above the idle time (a missing bound costs hours or the heap) so that a loaded
    // 2-core CI machine cannot turn them into flakes.
    it(
      c.name,
      () => {
        const { runtime, state } = setup();
        const root = state.stateRoot();
        const heap0 = process.memoryUsage().heapUsed;
        const t0 = performance.now();
        const out = c.run(runtime, state);
        const ms = performance.now() - t0;
        const grewMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
        console.log(`move bounds: ${c.name}: ${ms.toFixed(0)} ms, heap +${grewMiB.toFixed(0)} MiB`);
        expect(ms).toBeLessThan(c.ms);
        expect(grewMiB).toBeLessThan(256);
        expect(Buffer.from(state.stateRoot()).equals(Buffer.from(root))).toBe(true);
        if (typeof out === 'number') {
          expect(out).toBe(MAX_EXECUTION_GAS);
          return;
        }
        expect(out.status).toBe(c.expect!.status);
        expect(out.error).toBeInstanceOf(PolyvmError);
        expect(out.error!.message).toMatch(c.expect!.error);
      },
      2 * c.ms,
    );
  }
});
