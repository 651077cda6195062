import { sha256 } from '@noble/hashes/sha2.js';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { addressFromHex, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { MoveRuntime } from '../runtime.js';
import { publishStdlib } from '../stdlib.js';

const EVENT = `module 0x1::event
native public fun write_to_event_store<T0: drop + store>(guid: vector<u8>, count: u64, msg: T0)
`;
const PROBE = `module 0x42::probe
import fun 0x1::hash::sha2_256(vector<u8>): vector<u8>
import fun 0x1::hash::sha3_256(vector<u8>): vector<u8>
import fun 0x1::bcs::to_bytes<T0>(&T0): vector<u8>
import fun 0x1::event::write_to_event_store<T0: drop + store>(vector<u8>, u64, T0)
import fun 0x1::vector::pop_back<T0>(&mut vector<T0>): T0
public fun hashes(data: vector<u8>): (vector<u8>, vector<u8>) {
  CopyLoc data
  Call 0x1::hash::sha2_256
  MoveLoc data
  Call 0x1::hash::sha3_256
  Ret
}
public fun encode(x: u128): vector<u8> {
  ImmBorrowLoc x
  Call 0x1::bcs::to_bytes<u128>
  Ret
}
public fun emit(x: u64) {
  LdConst 0
  LdU64 0
  MoveLoc x
  Call 0x1::event::write_to_event_store<u64>
  Ret
}
public fun pop_empty(): u8 {
  locals v: vector<u8>
  VecPack<u8> 0
  StLoc v
  MutBorrowLoc v
  Call 0x1::vector::pop_back<u8>
  Ret
}
const 0: vector<u8> = 0x0101
`;

function setup() {
  const runtime = new MoveRuntime();
  const state = new JournaledState();
  publishStdlib(runtime, state);
  const one = addressFromHex('0x1', 32);
  expect(
    runtime.deploy(state, { sender: one, code: assembleToBytes(EVENT), gasLimit: 10_000_000n }).status,
  ).toBe('success');
  const owner = addressFromHex('0x42', 32);
  expect(
    runtime.deploy(state, { sender: owner, code: assembleToBytes(PROBE), gasLimit: 10_000_000n }).status,
  ).toBe('success');
  const call = (fn: string, args: Uint8Array[] = []) =>
    runtime.execute(state, {
      sender: owner,
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: 100_000_000n,
      payload: { module: '0x42::probe', function: fn, args },
    });
  return { call };
}

describe('std natives', () => {
  it('sha2_256 and sha3_256 match @noble/hashes, and are charged as crypto gas', () => {
    const { call } = setup();
    const data = Uint8Array.of(1, 2, 3);
    const r = call('hashes', [Uint8Array.of(3, ...data)]);
    expect(r.status).toBe('success');
    expect(Buffer.from(r.returnData).toString('hex')).toBe(
      `20${Buffer.from(sha256(data)).toString('hex')}20${Buffer.from(sha3_256(data)).toString('hex')}`,
    );
    expect(r.gasBreakdown.crypto).toBeGreaterThan(0);
  });

  it('bcs::to_bytes serializes by the type argument', () => {
    const { call } = setup();
    const x = new Uint8Array(16);
    x[0] = 0x34;
    x[1] = 0x12;
    const r = call('encode', [x]);
    expect(Buffer.from(r.returnData).toString('hex')).toBe(`10${Buffer.from(x).toString('hex')}`);
  });

  it('events carry the type tag as topic and the BCS payload as data', () => {
    const { call } = setup();
    const r = call('emit', [Uint8Array.of(9, 0, 0, 0, 0, 0, 0, 0)]);
    expect(r.status).toBe('success');
    expect(r.events).toHaveLength(1);
    expect([...r.events[0]!.data]).toEqual([9, 0, 0, 0, 0, 0, 0, 0]);
    expect([...r.events[0]!.topics[0]!]).toEqual([2]); // TypeTag::U64
  });

  it('calling a native this VM lacks fails with an UnsupportedError naming it', () => {
    const runtime = new MoveRuntime();
    const state = new JournaledState();
    const one = addressFromHex('0x1', 32);
    const lacking = 'module 0x1::ed25519\nnative public fun verify(sig: vector<u8>): bool\n';
    expect(
      runtime.deploy(state, { sender: one, code: assembleToBytes(lacking), gasLimit: 10_000_000n }).status,
    ).toBe('success');
    const r = runtime.execute(state, {
      sender: one,
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: 1_000_000n,
      payload: { module: '0x1::ed25519', function: 'verify', args: [Uint8Array.of(0)] },
    });
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('UNSUPPORTED');
    expect(r.error?.message).toMatch(/0x1::ed25519::verify/);
  });

  it('vector::pop_back on an empty vector is a VECTOR_OPERATION_ERROR', () => {
    const { call } = setup();
    const r = call('pop_empty');
    expect(r.status).toBe('error');
    expect(r.error?.details.status).toBe('VECTOR_OPERATION_ERROR');
  });
});
