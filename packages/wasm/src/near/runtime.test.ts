import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn, JournaledState, type Transaction } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { NEAR_COSTS, NEAR_FEES } from '../gas/near.js';
import { watToWasm } from '../wat.js';
import { NEAR_HOST_FUNCTIONS } from './abi.js';
import { accountIdToAddress } from './account.js';
import { NEAR_STORAGE, type NearContext, NearHost, UNSUPPORTED_NEAR_IMPORTS } from './host.js';
import { NEAR_CODE, type NearCallPayload, NearRuntime, runtimeFactory } from './runtime.js';

const TGAS = 1_000_000_000_000n;
const alice = accountIdToAddress('alice.near');
const contract = accountIdToAddress('status.near');
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function tx(method: string, args: string, gasLimit = 300n * TGAS, value = 0n): Transaction<NearCallPayload> {
  return { sender: alice, to: contract, input: enc(args), value, gasLimit, nonce: 0n, payload: { method } };
}

const dir = fixturesOrWarn('wasm/contracts', 'NEAR contract tests');

describe('NEAR host ABI', () => {
  it('lists exactly the host functions NearHost implements', () => {
    const host = new NearHost({} as NearContext);
    const implemented = Object.keys(host.imports()).filter((n) => !(n in UNSUPPORTED_NEAR_IMPORTS));
    expect(implemented.sort()).toEqual([...NEAR_HOST_FUNCTIONS].sort());
  });
});

describe('runtimeFactory', () => {
  it('creates the NEAR-profile runtime named wasm with 32-byte addresses', () => {
    const rt = runtimeFactory.create();
    expect(rt.name).toBe('wasm');
    expect(rt.addressWidth).toBe(32);
    expect(rt.gasSchedule.referenceOpCost).toBe(NEAR_COSTS.regularOp);
  });
});

describe('NEAR profile on hand-written contracts', () => {
  const wat = `(module
    (import "env" "input" (func $input (param i64)))
    (import "env" "read_register" (func $read_register (param i64 i64)))
    (import "env" "register_len" (func $register_len (param i64) (result i64)))
    (import "env" "storage_write" (func $storage_write (param i64 i64 i64 i64 i64) (result i64)))
    (import "env" "panic_utf8" (func $panic_utf8 (param i64 i64)))
    (import "env" "value_return" (func $value_return (param i64 i64)))
    (import "env" "log_utf8" (func $log_utf8 (param i64 i64)))
    (import "env" "storage_usage" (func $storage_usage (result i64)))
    (memory (export "memory") 1)
    (data (i32.const 0) "kboom")
    (data (i32.const 256) "EVENT_JSON:{\\"standard\\":\\"nep171\\",\\"version\\":\\"1.0.0\\",\\"event\\":\\"nft_mint\\",\\"data\\":[{\\"token_ids\\":[\\"1\\"]}]}")
    ;; writes key "k" = input, then fails in three different ways on request
    (func (export "put") (call $input (i64.const 0)) (call $read_register (i64.const 0) (i64.const 64))
      (drop (call $storage_write (i64.const 1) (i64.const 0) (call $register_len (i64.const 0)) (i64.const 64) (i64.const 1)))
      (call $value_return (call $register_len (i64.const 0)) (i64.const 64)))
    (func (export "put_then_panic") (drop (call $storage_write (i64.const 1) (i64.const 0) (i64.const 4) (i64.const 1) (i64.const 1)))
      (call $log_utf8 (i64.const 4) (i64.const 1))
      (call $panic_utf8 (i64.const 4) (i64.const 1)))
    (func (export "usage") (i64.store (i32.const 128) (call $storage_usage)) (call $value_return (i64.const 8) (i64.const 128)))
    (func (export "put_then_trap") (drop (call $storage_write (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0) (i64.const 1)))
      (unreachable))
    (func (export "put_then_spin") (drop (call $storage_write (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0) (i64.const 1)))
      (loop $l (br $l)))
    (func (export "needs_args") (param i32))
    (func (export "emit") (call $log_utf8 (i64.const 98) (i64.const 256))))`;

  async function deployed() {
    const rt = new NearRuntime();
    const state = new JournaledState();
    const receipt = rt.deploy(state, {
      sender: alice,
      address: contract,
      code: await watToWasm(wat),
      gasLimit: 300n * TGAS,
    });
    expect(receipt.status).toBe('success');
    expect(receipt.gasUsed).toBeGreaterThan(NEAR_FEES.deployContract.execution);
    return { rt, state };
  }

  const key = () => new Uint8Array([...contract, ...enc('k')]);

  it('commits storage on success and returns the value', async () => {
    const { rt, state } = await deployed();
    const r = rt.execute(state, tx('put', 'hello'));
    expect(r.status).toBe('success');
    expect(dec(r.returnData)).toBe('hello');
    expect(dec(state.get(NEAR_STORAGE, key())!)).toBe('hello');
    // The record itself and the account's storage-usage counter.
    expect(r.stateDiff.map((c) => c.namespace)).toEqual(['wasm/storage', 'wasm/usage']);
    expect(r.gasBreakdown.storage).toBeGreaterThan(NEAR_COSTS.storageWriteBase);
  });

  it('reverts every write on panic (revert), trap (error) and out of gas', async () => {
    const { rt, state } = await deployed();
    rt.execute(state, tx('put', 'v1'));
    const root = state.stateRoot();
    const panic = rt.execute(state, tx('put_then_panic', ''));
    expect(panic.status).toBe('revert');
    expect(panic.error?.message).toContain('boom');
    // Logs written before the failure stay in the receipt, as in a failed NEAR outcome.
    expect(panic.logs).toEqual(['boom']);
    const trap = rt.execute(state, tx('put_then_trap', ''));
    expect(trap.status).toBe('error');
    expect(trap.error?.code).toBe('EXECUTION');
    const spin = rt.execute(state, tx('put_then_spin', '', 5n * TGAS));
    expect(spin.status).toBe('out-of-gas');
    expect(spin.gasUsed).toBe(5 * 1e12);
    expect(spin.error?.code).toBe('OUT_OF_GAS');
    expect(state.stateRoot()).toEqual(root);
    expect(dec(state.get(NEAR_STORAGE, key())!)).toBe('v1');
  });

  it('tracks storage usage like NEAR: 100 + code bytes, then key + value + 40 per record', async () => {
    const { rt, state } = await deployed();
    const usage = () => new DataView(rt.call(state, tx('usage', '')).returnData.buffer).getBigUint64(0, true);
    const base = usage();
    expect(base).toBe(BigInt(100 + (state.get(NEAR_CODE, contract)?.length ?? 0)));
    rt.execute(state, tx('put', 'hello'));
    expect(usage()).toBe(base + 1n + 5n + 40n);
    rt.execute(state, tx('put', 'hi'));
    expect(usage()).toBe(base + 1n + 2n + 40n);
  });

  it('turns NEP-297 EVENT_JSON log lines into receipt events', async () => {
    const { rt, state } = await deployed();
    const r = rt.execute(state, tx('emit', ''));
    expect(r.status).toBe('success');
    expect(r.logs[0]).toMatch(/^EVENT_JSON:/);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.topics.map(dec)).toEqual(['nep171', 'nft_mint']);
    expect(JSON.parse(dec(r.events[0]!.data))).toEqual([{ token_ids: ['1'] }]);
  });

  it('call() never commits', async () => {
    const { rt, state } = await deployed();
    const r = rt.call(state, tx('put', 'temp'));
    expect(r.status).toBe('success');
    expect(state.get(NEAR_STORAGE, key())).toBeUndefined();
    expect(rt.estimate(state, tx('put', 'temp'))).toBe(r.gasUsed);
  });

  it('rejects bad transactions and bad methods as invalid without touching state', async () => {
    const { rt, state } = await deployed();
    expect(rt.execute(state, tx('missing', '')).status).toBe('invalid');
    expect(rt.execute(state, tx('needs_args', '')).status).toBe('invalid');
    expect(rt.execute(state, { ...tx('put', ''), payload: undefined }).status).toBe('invalid');
    expect(rt.execute(state, tx('put', '', 301n * TGAS)).status).toBe('invalid');
    expect(rt.execute(state, { ...tx('put', ''), to: accountIdToAddress('nobody.near') }).status).toBe(
      'invalid',
    );
  });

  it('rejects modules outside the NEAR ABI at deploy', async () => {
    const rt = new NearRuntime();
    const state = new JournaledState();
    const foreign = await watToWasm(
      '(module (import "wasi" "fd_write" (func)) (memory (export "memory") 1))',
    );
    const r = rt.deploy(state, { sender: alice, code: foreign, gasLimit: 300n * TGAS });
    expect(r.status).toBe('invalid');
    expect(r.error?.code).toBe('VALIDATION');
    const noMemory = await watToWasm('(module (func (export "f")))');
    expect(rt.deploy(state, { sender: alice, code: noMemory, gasLimit: 300n * TGAS }).status).toBe('invalid');
    const bigMemory = await watToWasm('(module (memory (export "memory") 4096))');
    expect(rt.deploy(state, { sender: alice, code: bigMemory, gasLimit: 300n * TGAS }).status).toBe(
      'invalid',
    );
    expect(rt.deploy(state, { sender: alice, code: Uint8Array.of(1, 2, 3), gasLimit: 1n }).error?.code).toBe(
      'DECODE',
    );
    expect(state.entries()).toEqual([]);
  });
});

describe.skipIf(!dir)('NEAR fixture contracts (near-sdk-rs examples)', () => {
  it('status_message: set_status then get_status, metered in NEAR gas', () => {
    const rt = new NearRuntime();
    const state = new JournaledState();
    const code = new Uint8Array(readFileSync(join(dir!, 'near_status_message.wasm')));
    const deploy = rt.deploy(state, { sender: alice, address: contract, code, gasLimit: 300n * TGAS });
    expect(deploy.status).toBe('success');
    expect(state.get(NEAR_CODE, contract)).toEqual(code);

    const set = rt.execute(state, tx('set_status', '{"message":"hello polyvm"}'));
    expect(set.status).toBe('success');
    expect(set.logs).toEqual(['alice.near set_status with message hello polyvm']);
    expect(set.gasBreakdown.compute).toBeGreaterThan(0);
    expect(set.metrics.instructions).toBeGreaterThan(1000);

    const get = rt.call(state, tx('get_status', '{"account_id":"alice.near"}'));
    expect(get.status).toBe('success');
    expect(dec(get.returnData)).toBe('"hello polyvm"');
    const none = rt.call(state, tx('get_status', '{"account_id":"bob.near"}'));
    expect(dec(none.returnData)).toBe('null');

    const bad = rt.execute(state, tx('set_status', 'not json'));
    expect(bad.status).toBe('revert');
    expect(bad.error?.message).toMatch(/deserial|json|parse/i);
  });

  it('status_message: the traced interpreter path agrees on result and gas', () => {
    const rt = new NearRuntime();
    const state = new JournaledState();
    const code = new Uint8Array(readFileSync(join(dir!, 'near_status_message.wasm')));
    rt.deploy(state, { sender: alice, address: contract, code, gasLimit: 300n * TGAS });
    const fast = rt.call(state, tx('set_status', '{"message":"x"}'));
    let steps = 0;
    const traced = rt.call(state, tx('set_status', '{"message":"x"}'), { tracer: () => void steps++ });
    expect(traced.status).toBe('success');
    expect(traced.gasUsed).toBe(fast.gasUsed);
    expect(steps).toBeGreaterThan(1000);
  });

  it('test_contract: new initializes once, test_panic_macro panics', () => {
    const rt = new NearRuntime();
    const state = new JournaledState();
    const code = new Uint8Array(readFileSync(join(dir!, 'near_test_contract.wasm')));
    expect(rt.deploy(state, { sender: alice, address: contract, code, gasLimit: 300n * TGAS }).status).toBe(
      'success',
    );
    const init = rt.execute(state, tx('new', '{}'));
    expect(init.status).toBe('success');
    const again = rt.execute(state, tx('new', '{}'));
    expect(again.status).toBe('revert');
    expect(again.error?.message).toContain('already been initialized');
    const panic = rt.execute(state, tx('test_panic_macro', '{}'));
    expect(panic.status).toBe('revert');
    expect(panic.error?.message).toContain('PANIC!');
    const deposit = rt.execute(state, tx('new', '{}', 300n * TGAS, 1n));
    expect(deposit.status).toBe('revert');
    expect(deposit.error?.message).toContain("doesn't accept deposit");
  });
});
