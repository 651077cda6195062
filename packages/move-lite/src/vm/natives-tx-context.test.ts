import { blake2b } from '@noble/hashes/blake2.js';
import { addressFromHex, type BlockContext, JournaledState, type Transaction } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { type MovePayload, MoveRuntime } from '../runtime.js';
import { type NativeContext, stdNatives } from './natives.js';
import { transactionContext, transactionDigest } from './tx-context.js';

// The natives as sui-framework `tx_context.move` declares them (private), with public wrappers.
const SUI_TX_CONTEXT = `module 0x2::tx_context
native fun native_sender(): address
native fun native_epoch(): u64
native fun native_epoch_timestamp_ms(): u64
native fun native_rgp(): u64
native fun native_gas_price(): u64
native fun native_gas_budget(): u64
native fun native_ids_created(): u64
native fun native_sponsor(): vector<address>
native fun fresh_id(): address
native fun last_created_id(): address
native fun derive_id(tx_hash: vector<u8>, ids_created: u64): address
struct TxContext has drop {
  sender: address
  tx_hash: vector<u8>
  epoch: u64
  epoch_timestamp_ms: u64
  ids_created: u64
}
public entry fun with_ctx(x: u64, ctx: &mut TxContext): (u64, address, vector<u8>, address) {
  MoveLoc x
  CopyLoc ctx
  ImmBorrowField TxContext.sender
  ReadRef
  MoveLoc ctx
  ImmBorrowField TxContext.tx_hash
  ReadRef
  Call fresh_id
  Ret
}
public fun fields(): (address, u64, u64, u64, u64, u64, vector<address>) {
  Call native_sender
  Call native_epoch
  Call native_epoch_timestamp_ms
  Call native_rgp
  Call native_gas_price
  Call native_gas_budget
  Call native_sponsor
  Ret
}
public fun fresh_two(): (address, address, address, u64) {
  Call fresh_id
  Call fresh_id
  Call last_created_id
  Call native_ids_created
  Ret
}
public fun last_without_fresh(): address {
  Call last_created_id
  Ret
}
public fun derive(tx_hash: vector<u8>, n: u64): address {
  MoveLoc tx_hash
  MoveLoc n
  Call derive_id
  Ret
}
`;
const APTOS_TYPE_INFO = `module 0x1::type_info
native fun chain_id_internal(): u8
public fun chain_id(): u8 {
  Call chain_id_internal
  Ret
}
`;

const u64 = (n: bigint): Uint8Array => {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n, true);
  return out;
};
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
/** sui-types `ObjectID::derive_id`, written out independently of the native. */
const objectId = (digest: Uint8Array, n: bigint): Uint8Array =>
  blake2b(Uint8Array.of(0xf1, ...digest, ...u64(n)), { dkLen: 32 });

function setup() {
  const runtime = new MoveRuntime();
  const state = new JournaledState();
  for (const [at, code] of [
    ['0x2', SUI_TX_CONTEXT],
    ['0x1', APTOS_TYPE_INFO],
  ] as const) {
    const r = runtime.deploy(state, {
      sender: addressFromHex(at, 32),
      code: assembleToBytes(code),
      gasLimit: 10_000_000n,
    });
    expect(r.status, r.error?.message).toBe('success');
  }
  const sender = addressFromHex('0xa11ce', 32);
  const tx = (module: string, fn: string, args: Uint8Array[] = [], nonce = 0n): Transaction<MovePayload> => ({
    sender,
    input: new Uint8Array(0),
    value: 0n,
    nonce,
    gasLimit: 5_000_000n,
    payload: { module, function: fn, args },
  });
  const run = (t: Transaction<MovePayload>, block?: BlockContext) =>
    runtime.execute(state, t, block ? { block } : undefined);
  return { sender, tx, run };
}

const BLOCK: BlockContext = { height: 17n, timestamp: 1_700_000_123n, chainId: 2n };

describe('Sui tx_context natives', () => {
  it('sender, epoch, epoch_timestamp_ms, rgp, gas_price, gas_budget and sponsor read the transaction context', () => {
    const { sender, tx, run } = setup();
    const r = run(tx('0x2::tx_context', 'fields'), BLOCK);
    expect(r.status, r.error?.message).toBe('success');
    expect(hex(r.returnData)).toBe(
      hex(
        Uint8Array.of(
          ...sender,
          ...u64(17n), // epoch = block height
          ...u64(1_700_000_123_000n), // epoch start in ms
          ...u64(1000n), // reference gas price (documented default)
          ...u64(1000n), // gas price
          ...u64(5_000_000n), // gas budget = the transaction's gas limit
          0, // no sponsor: an empty vector<address>
        ),
      ),
    );
  });

  it('fresh_id derives ObjectID::derive_id(digest, n) and counts; last_created_id and ids_created follow', () => {
    const { tx, run } = setup();
    const t = tx('0x2::tx_context', 'fresh_two');
    const r = run(t);
    expect(r.status, r.error?.message).toBe('success');
    const digest = transactionDigest(t);
    const first = objectId(digest, 0n);
    const second = objectId(digest, 1n);
    expect(hex(r.returnData)).toBe(hex(Uint8Array.of(...first, ...second, ...second, ...u64(2n))));
    // Consistent with the existing derive_id native on the same digest.
    const d = run(tx('0x2::tx_context', 'derive', [Uint8Array.of(32, ...digest), u64(0n)]));
    expect(hex(d.returnData)).toBe(hex(first));
    // A different transaction (here: the next nonce) gets different ids; every transaction starts at 0.
    const next = run(tx('0x2::tx_context', 'fresh_two', [], 1n));
    expect(hex(next.returnData.subarray(0, 32))).not.toBe(hex(first));
    expect(hex(next.returnData.subarray(96))).toBe(hex(u64(2n)));
  });

  it("an entry function's trailing &mut TxContext is bound to the transaction context", () => {
    const { sender, tx, run } = setup();
    const t = tx('0x2::tx_context', 'with_ctx', [u64(9n)]);
    const r = run(t);
    expect(r.status, r.error?.message).toBe('success');
    const digest = transactionDigest(t);
    expect(hex(r.returnData)).toBe(
      hex(Uint8Array.of(...u64(9n), ...sender, 32, ...digest, ...objectId(digest, 0n))),
    );
    // The context is not a BCS argument: passing one more is a count mismatch.
    expect(run(tx('0x2::tx_context', 'with_ctx', [u64(9n), u64(0n)])).status).toBe('invalid');
  });

  it('last_created_id before any fresh_id aborts with E_NO_IDS_CREATED (1)', () => {
    const { tx, run } = setup();
    const r = run(tx('0x2::tx_context', 'last_without_fresh'));
    expect(r.status).toBe('revert');
    expect(r.error?.details).toMatchObject({ abortCode: '1', location: '0x2::tx_context::last_created_id' });
  });

  it('charges protocol-config costs: 30 per context read, 52 per fresh_id / last_created_id', () => {
    const { sender } = setup();
    const tx = transactionContext(
      { sender, input: new Uint8Array(0), value: 0n, nonce: 0n, gasLimit: 1n },
      BLOCK,
    );
    const cost = (name: string): number => {
      let gas = 0;
      const ctx = { charge: (n: number) => (gas += n), tx } as unknown as NativeContext;
      stdNatives().get(`0x2::tx_context::${name}`)!(ctx, [], []);
      return gas;
    };
    for (const read of ['sender', 'epoch', 'epoch_timestamp_ms', 'rgp', 'gas_price', 'gas_budget', 'sponsor'])
      expect(cost(`native_${read}`), read).toBe(30);
    expect(cost('native_ids_created')).toBe(30);
    expect(cost('fresh_id')).toBe(52);
    expect(cost('last_created_id')).toBe(52);
    expect(tx.idsCreated).toBe(1n);
  });
});

describe('Aptos type_info::chain_id_internal', () => {
  it('returns the block chain id as a u8', () => {
    const { tx, run } = setup();
    const r = run(tx('0x1::type_info', 'chain_id'), BLOCK);
    expect(r.status, r.error?.message).toBe('success');
    expect([...r.returnData]).toEqual([2]);
    expect([...run(tx('0x1::type_info', 'chain_id')).returnData]).toEqual([1]); // DEFAULT_BLOCK
  });

  it('a chain id that does not fit a u8 is a typed error, not a truncated value', () => {
    const { tx, run } = setup();
    const r = run(tx('0x1::type_info', 'chain_id'), { ...BLOCK, chainId: 31_337n });
    expect(r.status).toBe('invalid');
    expect(r.error?.message).toMatch(/31337/);
  });
});
