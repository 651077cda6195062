import { JournaledState, PolyvmError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { CosmWasmRuntime } from './cosmwasm/runtime.js';
import { accountIdToAddress } from './near/account.js';
import { NearRuntime } from './near/runtime.js';
import { watToWasm } from './wat.js';

/**
 * Resource bounds: each hostile case ends in a typed error within a fixed time and heap budget,
 * and leaves the state root as it was. Budgets are generous for a loaded 2-core machine; the
 * failures they guard against took seconds and gigabytes.
 */

const TGAS = 1_000_000_000_000n;
const alice = accountIdToAddress('alice.near');
const contract = accountIdToAddress('contract.near');
const MIB = 1024 * 1024;

const nearImports = `
  (import "env" "abort" (func $abort (param i32 i32 i32 i32)))
  (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
  (import "env" "log_utf16" (func $log_utf16 (param i64 i64)))
  (import "env" "panic_utf8" (func $panic_utf8 (param i64 i64)))
  (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))`;

/** A NEAR contract with 128 MiB of memory (NEAR's 2,048-page maximum) and one hostile method. */
function nearModule(body: string): string {
  return `(module ${nearImports}
    (memory (export "memory") 2048)
    (func (export "go")
      (drop (call $storage_write (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0) (i64.const 1)))
      ${body}))`;
}

interface BoundCase {
  name: string;
  body: string;
  gas?: bigint;
  status: string;
  error: RegExp;
}

const CASES: BoundCase[] = [
  {
    name: 'abort with a guest-declared 120 MiB message (was 8.3 s, 1.47 GB, "stack exhausted")',
    body: `(i32.store (i32.const 0) (i32.const ${120 * MIB})) (call $abort (i32.const 4) (i32.const 4) (i32.const 1) (i32.const 1))`,
    status: 'out-of-gas',
    error: /out of gas/,
  },
  {
    name: 'abort with a 1 MiB message that gas pays for: the 16 KiB log limit, before reading',
    body: `(i32.store (i32.const 0) (i32.const ${MIB})) (call $abort (i32.const 4) (i32.const 4) (i32.const 1) (i32.const 1))`,
    status: 'error',
    error: /total log length exceeded/,
  },
  {
    name: 'log_utf16 of 1 MiB (was misreported as "stack exhausted")',
    body: `(call $log_utf16 (i64.const ${MIB}) (i64.const 0))`,
    status: 'error',
    error: /total log length exceeded/,
  },
  {
    name: 'log_utf16 of 120 MiB',
    body: `(call $log_utf16 (i64.const ${120 * MIB}) (i64.const 0))`,
    status: 'out-of-gas',
    error: /out of gas/,
  },
  {
    name: 'log_utf8 of 1 MiB',
    body: `(call $log_utf8 (i64.const ${MIB}) (i64.const 0))`,
    status: 'error',
    error: /total log length exceeded/,
  },
  {
    name: 'panic_utf8 NUL-terminated over 128 MiB without a NUL: the scan stops at the log limit',
    body: `(memory.fill (i32.const 0) (i32.const 65) (i32.const ${128 * MIB})) (call $panic_utf8 (i64.const -1) (i64.const 0))`,
    status: 'error',
    error: /total log length exceeded/,
  },
  {
    name: 'log_utf16 NUL-terminated over 128 MiB without a NUL',
    body: `(memory.fill (i32.const 0) (i32.const 65) (i32.const ${128 * MIB})) (call $log_utf16 (i64.const -1) (i64.const 0))`,
    status: 'error',
    error: /total log length exceeded/,
  },
  {
    name: '101 log lines: max_number_logs',
    body: '(loop $l (call $log_utf8 (i64.const 1) (i64.const 0)) (br $l))',
    status: 'error',
    error: /number of logs exceeded/,
  },
  {
    name: 'log_utf16 of an odd byte length',
    body: '(call $log_utf16 (i64.const 3) (i64.const 0))',
    status: 'error',
    error: /UTF-16/,
  },
];

function measure<T>(run: () => T): { result: T; ms: number; heapMiB: number } {
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = run();
  return {
    result,
    ms: performance.now() - start,
    heapMiB: (process.memoryUsage().heapUsed - heap) / MIB,
  };
}

describe(`resource bounds: ${CASES.length} hostile NEAR host calls`, () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const rt = new NearRuntime();
      const state = new JournaledState();
      const code = await watToWasm(nearModule(c.body));
      expect(rt.deploy(state, { sender: alice, address: contract, code, gasLimit: 300n * TGAS }).status).toBe(
        'success',
      );
      const root = state.stateRoot();
      const tx = {
        sender: alice,
        to: contract,
        input: new Uint8Array(0),
        value: 0n,
        gasLimit: c.gas ?? 300n * TGAS,
        nonce: 0n,
        payload: { method: 'go' },
      };
      const { result: r, ms, heapMiB } = measure(() => rt.execute(state, tx));
      expect(r.error, r.error?.message).toBeInstanceOf(PolyvmError);
      expect(r.error?.message).toMatch(c.error);
      expect(r.status).toBe(c.status);
      expect(state.stateRoot()).toEqual(root);
      expect(ms).toBeLessThan(1_500);
      expect(heapMiB).toBeLessThan(64);
    });
  }
});

/** A CosmWasm contract whose `instantiate` runs `body` with a Region at 16 describing `length` bytes at 4096. */
function cosmwasmModule(length: number, body: string): string {
  return `(module
    (import "env" "debug" (func $debug (param i32)))
    (import "env" "abort" (func $abort (param i32)))
    (import "env" "db_write" (func $db_write (param i32 i32)))
    (memory (export "memory") 512)
    (global $next (mut i32) (i32.const 8388608))
    ;; A bump allocator: Region header, then its data.
    (func (export "allocate") (param $n i32) (result i32) (local $r i32)
      (local.set $r (global.get $next))
      (i32.store (local.get $r) (i32.add (local.get $r) (i32.const 12)))
      (i32.store offset=4 (local.get $r) (local.get $n))
      (i32.store offset=8 (local.get $r) (i32.const 0))
      (global.set $next (i32.add (local.get $r) (i32.add (local.get $n) (i32.const 16))))
      (local.get $r))
    (func (export "deallocate") (param i32))
    (func (export "interface_version_8"))
    (func (export "instantiate") (param i32 i32 i32) (result i32)
      (i32.store (i32.const 16) (i32.const 4096))
      (i32.store (i32.const 20) (i32.const ${length}))
      (i32.store (i32.const 24) (i32.const ${length}))
      ${body}
      (i32.const 0)))`;
}

const COSMWASM_CASES: BoundCase[] = [
  {
    name: 'debug of a 2 MiB Region in a loop until out of gas: output capped at 1 MiB, nothing more read',
    body: '(loop $l (call $debug (i32.const 16)) (br $l))',
    gas: 10n ** 10n,
    status: 'out-of-gas',
    error: /out of gas/,
  },
  {
    name: 'db_write with a 2 MiB key: cosmwasm-vm MAX_LENGTH_DB_KEY (64 KiB), before reading',
    body: '(call $db_write (i32.const 16) (i32.const 16))',
    status: 'error',
    error: /Region length too big: 2097152 > 65536/,
  },
  {
    name: 'abort with a 2 MiB + 1 message: MAX_LENGTH_ABORT',
    body: '(i32.store (i32.const 20) (i32.const 2097153)) (i32.store (i32.const 24) (i32.const 2097153)) (call $abort (i32.const 16))',
    status: 'error',
    error: /Region length too big/,
  },
];

describe(`resource bounds: ${COSMWASM_CASES.length} hostile CosmWasm host calls`, () => {
  for (const c of COSMWASM_CASES) {
    it(c.name, async () => {
      const rt = new CosmWasmRuntime();
      const state = new JournaledState();
      const code = await watToWasm(cosmwasmModule(2 * MIB, c.body));
      const root = state.stateRoot();
      const {
        result: r,
        ms,
        heapMiB,
      } = measure(() =>
        rt.deploy(state, { sender: alice, address: contract, code, gasLimit: c.gas ?? 10n ** 12n }),
      );
      expect(r.error, r.error?.message).toBeInstanceOf(PolyvmError);
      expect(r.error?.message).toMatch(c.error);
      expect(r.status).toBe(c.status);
      expect(state.stateRoot()).toEqual(root);
      expect(r.logs.join('').length).toBeLessThanOrEqual(MIB + 64);
      expect(ms).toBeLessThan(1_500);
      expect(heapMiB).toBeLessThan(64);
    });
  }
});

describe('resource bounds: module size is checked before preparing', () => {
  it('NEAR refuses code over max_contract_size (4 MiB) and CosmWasm over wasmd MaxWasmSize (800 KiB), fast', () => {
    // A valid header followed by one huge custom section: everything else about it is fine.
    const module = (size: number) => {
      const payload = size - 8 - 1 - 5;
      const out = new Uint8Array(size);
      out.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0]);
      let v = payload;
      for (let i = 0; i < 5; i++, v >>>= 7) out[9 + i] = (v & 0x7f) | (i < 4 ? 0x80 : 0);
      out[14] = 1; // name length 1, name "\0", then zero bytes
      return out;
    };
    const state = new JournaledState();
    const near = measure(() =>
      new NearRuntime().deploy(state, { sender: alice, code: module(4 * MIB + 1), gasLimit: 300n * TGAS }),
    );
    expect(near.result.status).toBe('invalid');
    expect(near.result.error?.message).toMatch(/4194305 bytes, the near profile allows 4194304/);
    const cw = measure(() =>
      new CosmWasmRuntime().deploy(state, {
        sender: alice,
        code: module(800 * 1024 + 1),
        gasLimit: 10n ** 15n,
      }),
    );
    expect(cw.result.status).toBe('invalid');
    expect(cw.result.error?.message).toMatch(/allows 819200/);
    expect(near.ms + cw.ms).toBeLessThan(2_000); // refused before decoding: far below that even under load
    expect(state.entries()).toEqual([]);
  });
});
