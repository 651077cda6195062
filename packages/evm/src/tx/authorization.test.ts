import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { addressFromNumber, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { encodeRlp } from '../commit/rlp.js';
import { bytesToWord } from '../execute/u256.js';
import { addressBytes, World } from '../host/world.js';
import { EvmRuntime } from '../runtime.js';
import { recoverAuthority } from './authorization.js';
import { delegatedAddress, delegationCode } from './delegation.js';
import type { Authorization } from './types.js';

const KEY = new Uint8Array(32).fill(7);
const AUTHORITY = bytesToWord(keccak_256(secp256k1.getPublicKey(KEY, false).subarray(1)).subarray(12));
const DELEGATE = 0xde1e6a7en;
const alice = addressFromNumber(0xa11ce, 20);

function sign(address: bigint, nonce: bigint, chainId = 1n): Authorization {
  const rlp = encodeRlp([chainId, addressBytes(address), nonce]);
  const hash = keccak_256(Uint8Array.of(0x05, ...rlp));
  const sig = secp256k1.Signature.fromBytes(
    secp256k1.sign(hash, KEY, { prehash: false, format: 'recovered' }),
    'recovered',
  );
  return { chainId, address: addressBytes(address), nonce, yParity: sig.recovery!, r: sig.r, s: sig.s };
}

function setup() {
  const state = new JournaledState();
  const world = new World(state);
  // The delegate stores 42 in slot 0 of whoever runs it.
  world.setCode(DELEGATE, assemble('PUSH 42 PUSH0 SSTORE STOP'));
  return { state, world };
}

const setCodeTx = (list: Authorization[], to = addressBytes(AUTHORITY)) => ({
  sender: alice,
  to,
  input: new Uint8Array(0),
  value: 0n,
  gasLimit: 200_000n,
  nonce: 0n,
  payload: { authorizationList: list },
});

describe('EIP-7702', () => {
  it('encodes and decodes delegation designators', () => {
    const code = delegationCode(DELEGATE);
    expect(code.length).toBe(23);
    expect([...code.subarray(0, 3)]).toEqual([0xef, 0x01, 0x00]);
    expect(delegatedAddress(code)).toBe(DELEGATE);
    expect(delegatedAddress(code.subarray(0, 22))).toBeUndefined();
  });

  it('recovers the authority and rejects high s', () => {
    const auth = sign(DELEGATE, 0n);
    expect(recoverAuthority(auth)).toBe(AUTHORITY);
    expect(recoverAuthority({ ...auth, s: secp256k1.Point.Fn.ORDER - auth.s })).toBeUndefined();
    expect(recoverAuthority({ ...auth, yParity: 2 })).toBeUndefined();
  });

  it('sets the delegation and runs the delegate in the authority context', () => {
    const { state, world } = setup();
    const receipt = new EvmRuntime({ fork: 'Prague' }).execute(state, setCodeTx([sign(DELEGATE, 0n)]));
    expect(receipt.status).toBe('success');
    expect(delegatedAddress(world.code(AUTHORITY))).toBe(DELEGATE);
    expect(world.accountOrEmpty(AUTHORITY).nonce).toBe(1n);
    expect(world.getStorage(AUTHORITY, 0n)).toBe(42n);
    // 21000 + 25000 per authorization + PUSH1 3 + PUSH0 2 + cold fresh SSTORE 22100; the delegate is pre-warmed.
    expect(receipt.gasUsed).toBe(21000 + 25000 + 3 + 2 + 22100);
  });

  it('refunds 12500 for an existing authority and skips invalid tuples', () => {
    const { state, world } = setup();
    world.setBalance(AUTHORITY, 1n);
    const receipt = new EvmRuntime({ fork: 'Prague' }).execute(
      state,
      setCodeTx([sign(DELEGATE, 5n), sign(DELEGATE, 0n, 7n), sign(DELEGATE, 0n)]),
    );
    expect(receipt.status).toBe('success');
    expect(world.accountOrEmpty(AUTHORITY).nonce).toBe(1n);
    const used = 21000 + 3 * 25000 + 3 + 2 + 22100;
    expect(receipt.gasUsed).toBe(used - Math.min(12500, Math.floor(used / 5)));
  });

  it('follows the delegation in CALL and charges the delegate access', () => {
    const { state, world } = setup();
    const prague = new EvmRuntime({ fork: 'Prague' });
    expect(prague.execute(state, setCodeTx([sign(DELEGATE, 0n)])).status).toBe('success');
    world.setStorage(AUTHORITY, 0n, 0n);
    const caller = 0xca11n;
    world.setCode(caller, assemble(`PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH ${AUTHORITY} GAS CALL STOP`));
    const call = prague.execute(state, {
      ...setCodeTx([]),
      to: addressBytes(caller),
      nonce: 1n,
      payload: {},
    });
    expect(call.status).toBe('success');
    expect(world.getStorage(AUTHORITY, 0n)).toBe(42n);
    // 21000 + 5 PUSH0 + PUSH20 + GAS + CALL (cold 2600 + cold delegate 2600) + delegate run (3 + 2 + 22100).
    expect(call.gasUsed).toBe(21000 + 5 * 2 + 3 + 2 + 2600 + 2600 + 3 + 2 + 22100);
  });

  it('is invalid before Prague and with an empty list', () => {
    const { state } = setup();
    expect(new EvmRuntime().execute(state, setCodeTx([sign(DELEGATE, 0n)])).status).toBe('invalid');
    expect(new EvmRuntime({ fork: 'Prague' }).execute(state, setCodeTx([])).status).toBe('invalid');
  });
});
