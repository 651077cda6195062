import { addressFromHex, collectSteps, JournaledState, type Receipt } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from './asm/assemble.js';
import { type MoveCallPayload, MoveRuntime, runtimeFactory } from './runtime.js';
import { publishStdlib } from './stdlib.js';
import { RESOURCE_NAMESPACE } from './vm/storage.js';

const OWNER = addressFromHex('0x42', 32);
const SOURCE = `module 0x42::vault
import fun 0x1::signer::address_of(&signer): address
struct Vault has key {
  amount: u64
}
public entry fun open(s: &signer, amount: u64) {
  MoveLoc s
  MoveLoc amount
  Pack Vault
  MoveTo Vault
  Ret
}
public entry fun add_then_abort(s: &signer, amount: u64) acquires Vault {
  locals r: &mut u64
  MoveLoc s
  Call 0x1::signer::address_of
  MutBorrowGlobal Vault
  MutBorrowField Vault.amount
  StLoc r
  CopyLoc r
  ReadRef
  MoveLoc amount
  Add
  MoveLoc r
  WriteRef
  LdU64 77
  Abort
}
public entry fun spin() {
L:
  Branch L
}
public entry fun generic<T0: drop>() {
  Ret
}
public fun close(s: &signer): u64 acquires Vault {
  MoveLoc s
  Call 0x1::signer::address_of
  MoveFrom Vault
  Unpack Vault
  Ret
}
`;

function setup() {
  const runtime = new MoveRuntime();
  const state = new JournaledState();
  publishStdlib(runtime, state);
  const code = assembleToBytes(SOURCE);
  const deployed = runtime.deploy(state, { sender: OWNER, code, gasLimit: 10_000_000n });
  return { runtime, state, code, deployed };
}

const u64 = (v: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  return b;
};

function tx(
  fn: string,
  args: Uint8Array[] = [],
  gasLimit = 100_000_000n,
  payload?: Partial<MoveCallPayload>,
) {
  return {
    sender: OWNER,
    input: new Uint8Array(0),
    value: 0n,
    nonce: 0n,
    gasLimit,
    payload: { module: '0x42::vault', function: fn, args, ...payload },
  };
}

const status = (r: Receipt) => `${r.status}${r.error ? `: ${r.error.message}` : ''}`;

describe('MoveRuntime', () => {
  it('publishes a module and reports the created address', () => {
    const { deployed } = setup();
    expect(status(deployed)).toBe('success');
    expect(deployed.createdAddress).toEqual(OWNER);
    expect(deployed.stateDiff).toHaveLength(1);
  });

  it('rejects publishing from another address, twice, or with missing dependencies', () => {
    const { runtime, state, code } = setup();
    const other = runtime.deploy(state, { sender: addressFromHex('0x43', 32), code, gasLimit: 10_000_000n });
    expect(other.status).toBe('invalid');
    expect(other.error?.message).toMatch(/MODULE_ADDRESS_DOES_NOT_MATCH_SENDER/);
    expect(runtime.deploy(state, { sender: OWNER, code, gasLimit: 10_000_000n }).status).toBe('invalid');
    const lonely = runtime.deploy(new JournaledState(), { sender: OWNER, code, gasLimit: 10_000_000n });
    expect(lonely.error?.message).toMatch(/LINKER_ERROR/);
    const garbage = runtime.deploy(state, { sender: OWNER, code: Uint8Array.of(1, 2, 3), gasLimit: 1n });
    expect(garbage.status).toBe('invalid');
    expect(garbage.error?.code).toBe('DECODE');
  });

  it('stores resources as BCS under address ++ struct tag and moves them out again', () => {
    const { runtime, state } = setup();
    const opened = runtime.execute(state, tx('open', [u64(5)]));
    expect(status(opened)).toBe('success');
    const entries = state.entries(RESOURCE_NAMESPACE);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.value).toEqual(u64(5));
    expect(Buffer.from(entries[0]!.key.subarray(0, 32))).toEqual(Buffer.from(OWNER));
    const again = runtime.execute(state, tx('open', [u64(6)]));
    expect(again.status).toBe('error');
    expect(again.error?.details.status).toBe('RESOURCE_ALREADY_EXISTS');
    const closed = runtime.execute(state, tx('close'));
    expect(status(closed)).toBe('success');
    expect(closed.returnData).toEqual(u64(5));
    expect(state.entries(RESOURCE_NAMESPACE)).toHaveLength(0);
  });

  it('an abort reverts every write of the transaction', () => {
    const { runtime, state } = setup();
    runtime.execute(state, tx('open', [u64(5)]));
    const root = state.stateRoot();
    const r = runtime.execute(state, tx('add_then_abort', [u64(1)]));
    expect(r.status).toBe('revert');
    expect(r.error?.details.abortCode).toBe('77');
    expect(state.stateRoot()).toEqual(root);
  });

  it('out of gas consumes the limit and leaves state unchanged', () => {
    const { runtime, state } = setup();
    const root = state.stateRoot();
    const r = runtime.execute(state, tx('spin', [], 1_000_000n));
    expect(r.status).toBe('out-of-gas');
    expect(r.gasUsed).toBe(1_000_000);
    expect(state.stateRoot()).toEqual(root);
  });

  it('type arguments past the instantiation limits are refused', () => {
    const { runtime, state } = setup();
    expect(runtime.execute(state, tx('generic', [], 100_000_000n, { typeArgs: ['vector<u8>'] })).status).toBe(
      'success',
    );
    const deep = `${'vector<'.repeat(25)}u8${'>'.repeat(25)}`;
    const r = runtime.execute(state, tx('generic', [], 100_000_000n, { typeArgs: [deep] }));
    expect(r.status).toBe('invalid');
    expect(r.error?.message).toMatch(/TOO_MANY_TYPE_NODES/);
  });

  it('call() is read-only, estimate() returns the gas a success needs', () => {
    const { runtime, state } = setup();
    const root = state.stateRoot();
    const r = runtime.call(state, tx('open', [u64(5)]));
    expect(status(r)).toBe('success');
    expect(r.stateDiff).toHaveLength(1);
    expect(state.stateRoot()).toEqual(root);
    const gas = runtime.estimate(state, tx('open', [u64(5)]));
    expect(gas).toBe(r.gasUsed);
    expect(runtime.execute(state, tx('open', [u64(5)], BigInt(gas))).status).toBe('success');
  });

  it('bad payloads are invalid, not thrown', () => {
    const { runtime, state } = setup();
    expect(runtime.execute(state, tx('nope')).status).toBe('invalid');
    expect(runtime.execute(state, tx('open', [])).status).toBe('invalid');
    expect(runtime.execute(state, tx('open', [u64(1)], 1n, { module: '0x99::x' })).status).toBe('invalid');
    expect(runtime.execute(state, { ...tx('open'), payload: undefined }).status).toBe('invalid');
    expect(runtime.execute(state, { ...tx('open'), sender: new Uint8Array(3) }).status).toBe('invalid');
    const weird = { ...tx('open'), payload: { module: '0x42::vault', function: 'open', args: ['05'] } };
    expect(runtime.execute(state, weird as never).status).toBe('invalid');
    expect(runtime.execute(state, tx('open', [u64(1)], 1n, { typeArgs: ['nonsense<'] })).status).toBe(
      'invalid',
    );
  });

  it('traces every instruction with the VM-neutral step event', () => {
    const { runtime, state } = setup();
    const { steps, tracer } = collectSteps();
    const r = runtime.execute(state, tx('open', [u64(5)]), { tracer });
    expect(steps.map((s) => s.op)).toEqual(['MoveLoc', 'MoveLoc', 'Pack', 'MoveTo', 'Ret']);
    expect(steps).toHaveLength(r.metrics.instructions);
    expect(steps[0]!.location).toBe('0x42::vault::open');
    // A step's cost is what the instruction actually charged: MoveTo includes the storage read.
    expect(steps[2]!.gasCost).toBe(4400 + 800); // Pack: base + one field
    expect(steps[3]!.gasCost).toBeGreaterThan(302_385);
    const stepped = steps.reduce((sum, s) => sum + s.gasCost, 0);
    expect(stepped).toBeLessThan(r.gasUsed); // dependency and write gas are charged outside steps
  });

  it('friend functions link only from declared friends', () => {
    const { runtime, state } = setup();
    const lib = `module 0x42::lib
friend 0x42::pal
friend fun secret(): u64 {
  LdU64 7
  Ret
}
`;
    const caller = (name: string) => `module 0x42::${name}
import fun 0x42::lib::secret(): u64
public fun get(): u64 {
  Call 0x42::lib::secret
  Ret
}
`;
    for (const source of [lib, caller('pal'), caller('stranger')]) {
      expect(
        runtime.deploy(state, { sender: OWNER, code: assembleToBytes(source), gasLimit: 10_000_000n }).status,
      ).toBe('success');
    }
    const get = (module: string) =>
      runtime.execute(state, { ...tx('get'), payload: { module, function: 'get' } });
    expect(get('0x42::pal').returnData).toEqual(u64(7));
    expect(get('0x42::stranger').error?.message).toMatch(/visible to friends only/);
  });

  it('runs a transaction script that calls the published module', () => {
    const { runtime, state } = setup();
    const script = assembleToBytes(`script
import fun 0x42::vault::open(&signer, u64)
fun main(s: &signer, amount: u64) {
  MoveLoc s
  CopyLoc amount
  LdU64 1
  Add
  Call 0x42::vault::open
  Ret
}
`);
    const r = runtime.execute(state, { ...tx('open'), payload: { script, args: [u64(4)] } });
    expect(status(r)).toBe('success');
    expect(state.entries(RESOURCE_NAMESPACE)[0]!.value).toEqual(u64(5));
    const bad = runtime.execute(state, {
      ...tx('open'),
      payload: { script: Uint8Array.of(0xa1, 0x1c, 0xeb, 0x0b, 6, 0, 0, 0) },
    });
    expect(bad.status).toBe('invalid');
  });

  it('the factory creates a 32-byte Move runtime with a cited gas schedule', () => {
    const rt = runtimeFactory.create();
    expect(rt.name).toBe('move');
    expect(rt.addressWidth).toBe(32);
    expect(rt.gasSchedule.referenceOpCost).toBe(3200);
    expect(rt.gasSchedule.source).toMatch(/aptos-gas-schedule/);
  });
});
