import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromHex, fuzzLoop, JournaledState, PolyvmError, type Receipt } from '@polyvm/core';
import { assembleToBytes } from '../asm/assemble.js';
import { deserialize } from '../binary/deserialize.js';
import { MoveRuntime } from '../runtime.js';
import { verify } from '../verify/verifier.js';
import { bcsDecode } from '../vm/bcs.js';
import type { RType } from '../vm/value.js';
import { FIB_SOURCE, HOSTILE_SOURCE } from './samples.js';

/** What one fuzz target saw. */
export interface FuzzReport {
  target: string;
  inputs: number;
  /** Inputs refused with a typed `PolyvmError`. */
  typedRejections: number;
  accepted: number;
  /** Anything else thrown, or an "internal error" receipt: each is a bug. */
  untyped: { input: string; message: string }[];
  /** Inputs that took longer than `hangMs`. */
  hangs: { input: string; ms: number }[];
  peakRssMiB: number;
  seconds: number;
}

export interface FuzzOptions {
  /** Wall-clock budget shared by the targets. */
  seconds: number;
  seed?: number;
  /** An input slower than this counts as a hang (default 2 s). */
  hangMs?: number;
  /** Folder of real modules to mutate (the shared fixtures' `move` folder), if any. */
  fixtures?: string;
}

/** xorshift32: reproducible mutations from a seed. */
function prng(seed: number): (n: number) => number {
  let x = seed >>> 0 || 1;
  return (n) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % n;
  };
}

/** ULEB128 values that claim huge lengths: the shape of issue 11's hostile inputs. */
const HUGE_LENGTHS = [
  [0xff, 0xff, 0xff, 0xff, 0x07],
  [0x80, 0x80, 0x80, 0x80, 0x08],
  [0xff, 0xff, 0x03],
];

function mutate(seed: Uint8Array, rand: (n: number) => number): Uint8Array {
  const bytes = Array.from(seed);
  for (let k = 0, n = 1 + rand(4); k < n; k++) {
    const at = rand(bytes.length + 1);
    switch (rand(6)) {
      case 0:
        bytes[at] = rand(256);
        break;
      case 1:
        bytes.splice(at, 0, rand(256));
        break;
      case 2:
        bytes.splice(at, 1 + rand(8));
        break;
      case 3:
        bytes.splice(at, 0, ...HUGE_LENGTHS[rand(HUGE_LENGTHS.length)]!);
        break;
      case 4:
        bytes.length = Math.min(bytes.length, at);
        break;
      default:
        bytes[at] = bytes[at]! ^ (1 << rand(8));
    }
  }
  return Uint8Array.from(bytes, (b) => b & 0xff);
}

const hex = (b: Uint8Array): string => Buffer.from(b.subarray(0, 256)).toString('hex');

/** A receipt whose error is untyped: a bug the target reports without anything being thrown. */
class UntypedReceipt extends Error {}

/** Runs `one` on inputs until the budget is spent, classifying every outcome (core's `fuzzLoop`). */
function drive(
  target: string,
  seconds: number,
  hangMs: number,
  next: () => Uint8Array,
  one: (input: Uint8Array) => 'accepted' | 'typed' | string,
): FuzzReport {
  const untyped: FuzzReport['untyped'] = [];
  const hangs: FuzzReport['hangs'] = [];
  const totals = fuzzLoop({
    budgetMs: seconds * 1000,
    hangMs,
    next: () => next(),
    run: (input) => {
      const outcome = one(input);
      if (outcome === 'accepted') return 'accepted';
      if (outcome === 'typed') return 'rejected';
      throw new UntypedReceipt(outcome);
    },
    observe: (step) => {
      if (step.outcome === 'untyped' && untyped.length < 20) {
        const error = step.error as Error | undefined;
        const message = error instanceof UntypedReceipt ? error.message : `${error?.name}: ${error?.message}`;
        untyped.push({ input: hex(step.input), message });
      }
      if (step.hang) hangs.push({ input: hex(step.input), ms: Math.round(step.ms) });
    },
  });
  return {
    target,
    inputs: totals.inputs,
    typedRejections: totals.typedRejections,
    accepted: totals.accepted,
    untyped,
    hangs,
    peakRssMiB: totals.peakRssMiB,
    seconds: Math.round(totals.ms / 100) / 10,
  };
}

function moduleSeeds(fixtures: string | undefined): { bytes: Uint8Array; width: number }[] {
  const seeds = [
    { bytes: assembleToBytes(FIB_SOURCE), width: 32 },
    { bytes: assembleToBytes(HOSTILE_SOURCE), width: 32 },
    // Hostile shapes the verifier must refuse: zero-field and recursive structs.
    { bytes: assembleToBytes('module 0x42::zero\nstruct E has drop {\n}\n'), width: 32 },
    { bytes: assembleToBytes('module 0x42::rec\nstruct S has drop {\n f: S\n}\n'), width: 32 },
  ];
  const starcoin = fixtures && join(fixtures, 'starcoin-framework-v6');
  if (starcoin) {
    try {
      for (const f of readdirSync(starcoin)
        .filter((f) => f.endsWith('.mv'))
        .slice(0, 40)) {
        seeds.push({ bytes: new Uint8Array(readFileSync(join(starcoin, f))), width: 16 });
      }
    } catch {
      // No fixtures: the assembled seeds alone.
    }
  }
  return seeds;
}

const STRUCT_T = (fields: RType[]): RType => ({ k: 'struct', s: undefined as never, args: [], fields });
const BCS_TYPES: RType[] = [
  { k: 'u64' },
  { k: 'bool' },
  { k: 'address' },
  { k: 'vector', e: { k: 'u8' } },
  { k: 'vector', e: { k: 'vector', e: { k: 'u64' } } },
  { k: 'vector', e: STRUCT_T([{ k: 'bool' }]) },
  STRUCT_T([{ k: 'u128' }, { k: 'vector', e: { k: 'address' } }]),
];

const OWNER = addressFromHex('0x42', 32);

/**
 * Fuzzes the Move entry points for `options.seconds`: decode + verify of mutated modules, BCS
 * decoding of mutated values, and transactions with mutated arguments against the hostile and
 * sample modules (each must end in a receipt whose error is typed, with the state root unchanged
 * when it fails). Reproducible from the seed.
 */
export function fuzzMove(options: FuzzOptions): FuzzReport[] {
  const rand = prng(options.seed ?? 0x5eed);
  const hangMs = options.hangMs ?? 2000;
  const share = options.seconds / 3;
  const seeds = moduleSeeds(options.fixtures);
  let width = 32;
  const modules = drive(
    'decode+verify',
    share,
    hangMs,
    () => {
      const seed = seeds[rand(seeds.length)]!;
      width = seed.width;
      return mutate(seed.bytes, rand);
    },
    (bytes) => {
      verify(deserialize(bytes, { addressWidth: width }));
      return 'accepted';
    },
  );

  let type = BCS_TYPES[0]!;
  const bcs = drive(
    'bcs',
    share,
    hangMs,
    () => {
      type = BCS_TYPES[rand(BCS_TYPES.length)]!;
      return mutate(
        Uint8Array.from({ length: rand(40) }, () => rand(256)),
        rand,
      );
    },
    (bytes) => {
      bcsDecode(bytes, type, 32);
      return 'accepted';
    },
  );

  const runtime = new MoveRuntime();
  const state = new JournaledState();
  for (const source of [HOSTILE_SOURCE, FIB_SOURCE]) {
    runtime.deploy(state, { sender: OWNER, code: assembleToBytes(source), gasLimit: 10n ** 10n });
  }
  const calls = [
    ['0x42::hostile', 'take'],
    ['0x42::hostile', 'spin'],
    ['0x42::hostile', 'grow'],
    ['0x42::fib', 'fib'],
  ] as const;
  let target: (typeof calls)[number] = calls[0];
  const execute = drive(
    'execute',
    share,
    hangMs,
    () => {
      target = calls[rand(calls.length)]!;
      return mutate(Uint8Array.of(1, 1, 0, 0, 0, 0, 0, 0, 0), rand);
    },
    (arg) => {
      const root = state.stateRoot();
      const receipt: Receipt = runtime.execute(state, {
        sender: OWNER,
        value: 0n,
        nonce: 0n,
        input: new Uint8Array(0),
        // Bounded so a slice stays short; the cap itself is covered by the resource-bounds table.
        gasLimit: BigInt(rand(50_000_000)),
        payload: {
          module: target[0],
          function: target[1],
          args: target[1] === 'spin' || target[1] === 'grow' ? [] : [arg],
        },
      });
      if (receipt.status === 'success') return 'accepted';
      if (!(receipt.error instanceof PolyvmError) || /internal error/.test(receipt.error.message)) {
        return `untyped receipt error: ${receipt.error?.message}`;
      }
      if (!Buffer.from(state.stateRoot()).equals(Buffer.from(root)))
        return 'state root changed by a failed call';
      return 'typed';
    },
  );
  return [modules, bcs, execute];
}
