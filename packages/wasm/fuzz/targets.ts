import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromNumber, JournaledState, locateFixtures, PolyvmError, type Receipt } from '@polyvm/core';
import { ByteWriter } from '../src/binary/writer.js';
import { CosmWasmRuntime } from '../src/cosmwasm/runtime.js';
import { compileInstrumented, prepareModule } from '../src/engine/compile.js';
import { accountIdToAddress } from '../src/near/account.js';
import { NearRuntime } from '../src/near/runtime.js';
import { SPEC_PROFILE } from '../src/profile.js';
import type { FuzzTarget } from './harness.js';
import { hostileModules } from './seeds.js';

const TGAS = 1_000_000_000_000n;
const alice = accountIdToAddress('alice.near');
const contract = accountIdToAddress('contract.near');

function fixtureContracts(prefix: string): Uint8Array[] {
  const dir = locateFixtures('wasm/contracts').dir;
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && f.endsWith('.wasm'))
    .sort()
    .map((f) => new Uint8Array(readFileSync(join(dir, f))));
}

/**
 * A receipt is well-formed when a failure carries a typed error that is not a wrapped host bug
 * (`host failure: …` is how an untyped exception inside a host function surfaces) and the state
 * root is unchanged.
 */
function checkReceipt(r: Receipt, rootBefore: Uint8Array, state: JournaledState): void {
  if (r.status === 'success') return;
  if (!(r.error instanceof PolyvmError)) throw new Error(`untyped failure: ${String(r.error)}`);
  if (r.error.message.startsWith('host failure')) throw new Error(r.error.message, { cause: r.error.cause });
  if (Buffer.compare(rootBefore, state.stateRoot()) !== 0) throw new Error(`state changed by a ${r.status}`);
  throw r.error;
}

/** Decode, validate and instrument under the spec profile, then compile on V8. */
export function decoderTarget(): FuzzTarget {
  return {
    name: 'decoder',
    seeds: [...hostileModules(), ...fixtureContracts('')],
    run: (input) => {
      compileInstrumented(prepareModule(input, SPEC_PROFILE));
    },
  };
}

/** Deploy under the NEAR profile and call the first exported method, 5 Tgas each. */
export function nearDeployTarget(): FuzzTarget {
  return {
    name: 'near-deploy',
    seeds: [...hostileModules(), ...fixtureContracts('near_')],
    run: (input) => {
      const rt = new NearRuntime();
      const state = new JournaledState();
      const deployed = rt.deploy(state, {
        sender: alice,
        address: contract,
        code: input,
        gasLimit: 5n * TGAS,
      });
      checkReceipt(deployed, state.stateRoot(), state);
      const method = firstExport(input);
      if (!method) return;
      const root = state.stateRoot();
      const r = rt.execute(state, {
        sender: alice,
        to: contract,
        input: new TextEncoder().encode('{}'),
        value: 0n,
        gasLimit: 5n * TGAS,
        nonce: 0n,
        payload: { method },
      });
      checkReceipt(r, root, state);
    },
  };
}

function firstExport(code: Uint8Array): string | undefined {
  try {
    return prepareModule(code, SPEC_PROFILE).module.exports.find((e) => e.kind === 'func')?.name;
  } catch {
    return undefined;
  }
}

/** NEAR host functions and their wasm signatures (nearcore `imports.rs`): 'j' = i64, 'i' = i32. */
const NEAR_SIGNATURES: Record<string, [params: string, result: string]> = {
  read_register: ['jj', ''],
  register_len: ['j', 'j'],
  write_register: ['jjj', ''],
  current_account_id: ['j', ''],
  signer_account_id: ['j', ''],
  predecessor_account_id: ['j', ''],
  input: ['j', ''],
  storage_usage: ['', 'j'],
  attached_deposit: ['j', ''],
  prepaid_gas: ['', 'j'],
  used_gas: ['', 'j'],
  random_seed: ['j', ''],
  sha256: ['jjj', ''],
  keccak256: ['jjj', ''],
  keccak512: ['jjj', ''],
  value_return: ['jj', ''],
  panic: ['', ''],
  panic_utf8: ['jj', ''],
  log_utf8: ['jj', ''],
  log_utf16: ['jj', ''],
  abort: ['iiii', ''],
  storage_write: ['jjjjj', 'j'],
  storage_read: ['jjj', 'j'],
  storage_remove: ['jjj', 'j'],
  storage_has_key: ['jj', 'j'],
  gas: ['i', ''],
  promise_create: ['jjjjjjjj', 'j'],
};
const HOST_NAMES = Object.keys(NEAR_SIGNATURES);

/** Lengths and pointers that probe limits: the log limit, page and memory edges, u32/u64 extremes. */
const INTERESTING_ARGS = [
  0n,
  1n,
  3n,
  4n,
  16_383n,
  16_384n,
  16_385n,
  65_536n,
  1_048_576n,
  8_388_604n,
  125_829_120n,
  0xffff_ffffn,
  0x1_0000_0000n,
  -1n,
  -4n,
  0x7fff_ffff_ffff_ffffn,
];
const MEMORY_PAGES = 128;

/**
 * Builds a NEAR contract from fuzz bytes: byte 0 picks a host function, the next 9 bytes per
 * argument pick an interesting value or a raw 64-bit one, the rest seeds 8 MiB of memory (length
 * prefixes included), so mutations move lengths, pointers and contents.
 */
export function hostCallModule(input: Uint8Array): Uint8Array {
  const name = HOST_NAMES[(input[0] ?? 0) % HOST_NAMES.length]!;
  const [params, result] = NEAR_SIGNATURES[name]!;
  const view = new DataView(input.buffer, input.byteOffset, input.length);
  const code = new ByteWriter().u32(0);
  let at = 1;
  for (const p of params) {
    const pick = input[at] ?? 0;
    const raw = at + 9 <= input.length ? view.getBigInt64(at + 1, true) : 0n;
    const value = pick < 200 ? INTERESTING_ARGS[pick % INTERESTING_ARGS.length]! : raw;
    at += 9;
    if (p === 'j') code.u8(0x42).s64(value);
    else code.u8(0x41).s32(Number(BigInt.asIntN(32, value)));
  }
  code.u8(0x10).u32(0);
  if (result) code.u8(0x1a);
  code.u8(0x0b);
  const data = input.subarray(Math.min(at, input.length));
  const valType = (c: string) => (c === 'j' ? 0x7e : 0x7f);
  const w = new ByteWriter().bytes(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
  const types = new ByteWriter().u32(2).u8(0x60).u32(params.length);
  for (const p of params) types.u8(valType(p));
  types.u32(result.length);
  for (const r of result) types.u8(valType(r));
  types.u8(0x60).u32(0).u32(0);
  w.section(1, types);
  w.section(2, new ByteWriter().u32(1).name('env').name(name).u8(0).u32(0));
  w.section(3, new ByteWriter().u32(1).u32(1));
  w.section(5, new ByteWriter().u32(1).u8(0).u32(MEMORY_PAGES));
  w.section(7, new ByteWriter().u32(2).name('memory').u8(2).u32(0).name('go').u8(0).u32(1));
  w.section(10, new ByteWriter().u32(1).u32(code.length).append(code));
  // Memory: the data bytes, and at 120 MiB-ish offsets nothing (zero pages) — lengths point past it.
  w.section(11, new ByteWriter().u32(1).u8(0).u8(0x41).s32(0).u8(0x0b).u32(data.length).bytes(data));
  return w.finish();
}

/** Random host calls with hostile lengths and pointers, 300 Tgas: every failure must be typed. */
export function nearHostTarget(): FuzzTarget {
  const rt = new NearRuntime();
  const seeds = HOST_NAMES.map((_, i) =>
    Uint8Array.from([i, ...Array.from({ length: 80 }, (_, k) => (k * 37 + i) & 0xff)]),
  );
  return {
    name: 'near-host',
    seeds,
    run: (input) => {
      const state = new JournaledState();
      const deployed = rt.deploy(state, {
        sender: alice,
        address: contract,
        code: hostCallModule(input),
        gasLimit: 300n * TGAS,
      });
      checkReceipt(deployed, state.stateRoot(), state);
      const root = state.stateRoot();
      const r = rt.execute(state, {
        sender: alice,
        to: contract,
        input: input.subarray(0, 16),
        value: 0n,
        gasLimit: 300n * TGAS,
        nonce: 0n,
        payload: { method: 'go' },
      });
      checkReceipt(r, root, state);
    },
  };
}

/** Instantiate under the CosmWasm profile (iterator declared so cw-plus seeds load), 1e12 gas. */
export function cosmwasmTarget(): FuzzTarget {
  const admin = addressFromNumber(1, 32);
  return {
    name: 'cosmwasm',
    seeds: [...hostileModules(), ...fixtureContracts('cosmwasm_')],
    run: (input) => {
      const rt = new CosmWasmRuntime({
        capabilities: ['iterator', 'staking', 'cosmwasm_1_1', 'cosmwasm_1_2'],
      });
      const state = new JournaledState();
      const r = rt.deploy(state, {
        sender: admin,
        address: addressFromNumber(0xc0, 32),
        code: input,
        input: new TextEncoder().encode('{}'),
        gasLimit: 10n ** 12n,
      });
      checkReceipt(r, state.stateRoot(), state);
    },
  };
}

export const TARGETS = {
  decoder: decoderTarget,
  'near-deploy': nearDeployTarget,
  'near-host': nearHostTarget,
  cosmwasm: cosmwasmTarget,
} as const;
