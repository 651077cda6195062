import { JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { NEAR_COSTS } from '../gas/near.js';
import { watToWasm } from '../wat.js';
import { accountIdToAddress } from './account.js';
import { NearRuntime } from './runtime.js';

const TGAS = 1_000_000_000_000n;
const alice = accountIdToAddress('alice.near');
const contract = accountIdToAddress('contract.near');

async function call(wat: string, method: string, args: string) {
  const rt = new NearRuntime();
  const state = new JournaledState();
  rt.deploy(state, { sender: alice, address: contract, code: await watToWasm(wat), gasLimit: 300n * TGAS });
  return rt.execute(state, {
    sender: alice,
    to: contract,
    input: new TextEncoder().encode(args),
    value: 0n,
    gasLimit: 300n * TGAS,
    nonce: 0n,
    payload: { method },
  });
}

const storage = `(import "env" "storage_write" (func $w (param i64 i64 i64 i64 i64) (result i64)))
  (import "env" "storage_read" (func $r (param i64 i64 i64) (result i64)))`;

describe('NEAR transaction fees and storage trie costs (nearcore parameters.snap)', () => {
  it('a function call burns receipt creation + function call action fees, send (not sir) + execution', async () => {
    const r = await call('(module (memory (export "memory") 1) (func (export "noop")))', 'noop', '{"a":1}');
    expect(r.status).toBe('success');
    // action_receipt_creation 108.0595 Ggas ×2, action_function_call 200 + 780 Ggas,
    // action_function_call_per_byte (47,683,715 + 2,235,934) × (4 + 7) bytes of "noop" + args.
    expect(r.gasBreakdown.call).toBe(2 * 108_059_500_000 + 980_000_000_000 + 49_919_649 * 11);
    expect(r.gasBreakdown.call).toBe(1_196_668_116_139);
  });

  it('signer = receiver pays the cheaper send_sir per-byte fee', async () => {
    const rt = new NearRuntime();
    const state = new JournaledState();
    const code = await watToWasm('(module (memory (export "memory") 1) (func (export "noop")))');
    rt.deploy(state, { sender: alice, address: alice, code, gasLimit: 300n * TGAS });
    const r = rt.execute(state, {
      sender: alice,
      to: alice,
      input: new Uint8Array(10),
      value: 0n,
      gasLimit: 300n * TGAS,
      nonce: 0n,
      payload: { method: 'noop' },
    });
    expect(r.gasBreakdown.call).toBe(2 * 108_059_500_000 + 980_000_000_000 + 2 * 2_235_934 * 14);
  });

  it('loading code costs wasm_contract_loading_bytes = 1,089,295 per byte (66.yaml), not the old 216,750', async () => {
    const body = (pad: number) =>
      `(module (memory (export "memory") 1) (data (i32.const 0) "${'x'.repeat(pad)}") (func (export "noop")))`;
    const small = await call(body(200), 'noop', '');
    const large = await call(body(1200), 'noop', '');
    expect(large.gasUsed - small.gasUsed).toBe(1000 * 1_089_295);
  });

  it('storage writes touch 13 trie nodes, reads 2 new + 11 cached (wasm_touching_trie_node, 2.28 Ggas)', async () => {
    const wat = `(module ${storage} (memory (export "memory") 1)
      (func (export "write") (drop (call $w (i64.const 1) (i64.const 0) (i64.const 1) (i64.const 0) (i64.const 0))))
      (func (export "read") (drop (call $r (i64.const 1) (i64.const 0) (i64.const 0)))))`;
    const write = await call(wat, 'write', '');
    const read = await call(wat, 'read', '');
    const base =
      NEAR_COSTS.storageWriteBase + NEAR_COSTS.storageWriteKeyByte + NEAR_COSTS.storageWriteValueByte;
    expect(write.gasBreakdown.storage).toBe(base + 13 * 2_280_000_000);
    expect(read.gasBreakdown.storage).toBe(
      NEAR_COSTS.storageReadBase + NEAR_COSTS.storageReadKeyByte + 13 * 2_280_000_000,
    );
  });

  it('a limit below the transaction fees runs out of gas before the contract runs, state unchanged', async () => {
    const rt = new NearRuntime();
    const state = new JournaledState();
    const code = await watToWasm('(module (memory (export "memory") 1) (func (export "noop")))');
    rt.deploy(state, { sender: alice, address: contract, code, gasLimit: 300n * TGAS });
    const root = state.stateRoot();
    const r = rt.execute(state, {
      sender: alice,
      to: contract,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: 1n * TGAS,
      nonce: 0n,
      payload: { method: 'noop' },
    });
    expect(r.status).toBe('out-of-gas');
    expect(r.gasUsed).toBe(1e12);
    expect(state.stateRoot()).toEqual(root);
  });
});
