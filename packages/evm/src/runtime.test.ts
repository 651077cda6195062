import { addressFromNumber, collectSteps, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble, deployCode } from './asm/assembler.js';
import { addressWord, World } from './host/world.js';
import { EvmRuntime, runtimeFactory } from './runtime.js';

const alice = addressFromNumber(0xa11ce, 20);
const COUNTER = assemble('PUSH0 SLOAD PUSH 1 ADD DUP1 PUSH0 SSTORE PUSH0 MSTORE PUSH 32 PUSH0 RETURN');

function setup() {
  const runtime = runtimeFactory.create() as EvmRuntime;
  const state = new JournaledState();
  const deployed = runtime.deploy(state, { sender: alice, code: deployCode(COUNTER), gasLimit: 200_000n });
  return { runtime, state, contract: deployed.createdAddress!, deployed };
}

const callTx = (to: Uint8Array, nonce: bigint, gasLimit = 100_000n) => ({
  sender: alice,
  to,
  input: new Uint8Array(0),
  value: 0n,
  gasLimit,
  nonce,
});

describe('EvmRuntime', () => {
  it('describes itself', () => {
    const runtime = runtimeFactory.create();
    expect(runtime.name).toBe('evm');
    expect(runtime.addressWidth).toBe(20);
    expect(runtime.gasSchedule.referenceOpCost).toBe(3);
  });

  it('deploys at the CREATE address and charges intrinsic + execution + deposit gas', () => {
    const { deployed, state } = setup();
    expect(deployed.status).toBe('success');
    // keccak(rlp([alice, 0]))[12:]
    expect(Buffer.from(deployed.createdAddress!).toString('hex')).toMatch(/^[0-9a-f]{40}$/);
    const initcode = deployCode(COUNTER);
    const zeros = initcode.filter((b) => b === 0).length;
    const intrinsic =
      21000 + 32000 + zeros * 4 + (initcode.length - zeros) * 16 + 2 * Math.ceil(initcode.length / 32);
    // PUSH2 DUP1 PUSH2 PUSH0 CODECOPY(+copy 1 word +memory 1 word) PUSH0 RETURN, then 200/byte deposit
    const execution = 3 + 3 + 3 + 2 + (3 + 3 + 3) + 2 + 0;
    expect(deployed.gasUsed).toBe(intrinsic + execution + 200 * COUNTER.length);
    expect(new World(state).code(addressWord(deployed.createdAddress!))).toEqual(COUNTER);
  });

  it('executes, returns data, records the diff and gas breakdown', () => {
    const { runtime, state, contract } = setup();
    const receipt = runtime.execute(state, callTx(contract, 1n));
    expect(receipt.status).toBe('success');
    expect(receipt.returnData[31]).toBe(1);
    expect(receipt.gasUsed).toBe(21000 + 2 + 2100 + 3 + 3 + 3 + 2 + 20000 + 2 + 6 + 3 + 2);
    expect(receipt.gasBreakdown.storage).toBe(22100);
    expect(Object.values(receipt.gasBreakdown).reduce((a, b) => a + b, 0)).toBe(receipt.gasUsed);
    expect(receipt.stateDiff.some((c) => c.namespace === 'evm/storage')).toBe(true);
    expect(receipt.metrics.instructions).toBe(12);
  });

  it('call() leaves state untouched', () => {
    const { runtime, state, contract } = setup();
    const before = state.stateRoot();
    expect(runtime.call(state, callTx(contract, 1n)).status).toBe('success');
    expect(state.stateRoot()).toEqual(before);
  });

  it('a failed transaction keeps only the nonce bump at gas price zero (Ethereum rules)', () => {
    const { runtime, state, contract } = setup();
    const expected = state.fork();
    const world = new World(expected);
    const account = world.accountOrEmpty(addressWord(alice));
    world.putAccount(addressWord(alice), { ...account, nonce: account.nonce + 1n });
    const receipt = runtime.execute(state, callTx(contract, 1n, 23_000n));
    expect(receipt.status).toBe('out-of-gas');
    expect(receipt.error?.code).toBe('OUT_OF_GAS');
    expect(receipt.gasUsed).toBe(23_000);
    expect(receipt.stateDiff.map((c) => c.namespace)).toEqual(['evm/account']);
    expect(state.stateRoot()).toEqual(expected.stateRoot());
    expect(state.depth).toBe(0);
  });

  it('reverts report status revert with the return data', () => {
    const runtime = new EvmRuntime();
    const state = new JournaledState();
    const code = assemble('PUSH 0xbeef PUSH0 MSTORE PUSH 2 PUSH 30 REVERT');
    const deployed = runtime.deploy(state, { sender: alice, code: deployCode(code), gasLimit: 200_000n });
    const receipt = runtime.execute(state, callTx(deployed.createdAddress!, 1n));
    expect(receipt.status).toBe('revert');
    expect(Buffer.from(receipt.returnData).toString('hex')).toBe('beef');
    expect(receipt.error?.code).toBe('EXECUTION');
  });

  it('rejects a wrong nonce and a malformed transaction as invalid', () => {
    const { runtime, state, contract } = setup();
    expect(runtime.execute(state, callTx(contract, 7n))).toMatchObject({ status: 'invalid' });
    const bad = { ...callTx(contract, 1n), sender: new Uint8Array(3) };
    expect(runtime.execute(state, bad).error?.code).toBe('INVALID_TRANSACTION');
  });

  it('estimate finds the smallest gas limit that succeeds', () => {
    const { runtime, state, contract } = setup();
    const gas = runtime.estimate(state, callTx(contract, 1n));
    expect(gas).toBe(43126);
    expect(runtime.call(state, callTx(contract, 1n, BigInt(gas))).status).toBe('success');
    expect(runtime.call(state, callTx(contract, 1n, BigInt(gas - 1))).status).not.toBe('success');
  });

  it('traces each step with its cost only when a tracer is given', () => {
    const { runtime, state, contract } = setup();
    const { tracer, steps } = collectSteps();
    runtime.call(state, callTx(contract, 1n), { tracer });
    expect(steps.map((s) => s.op)).toEqual([
      'PUSH0',
      'SLOAD',
      'PUSH1',
      'ADD',
      'DUP1',
      'PUSH0',
      'SSTORE',
      'PUSH0',
      'MSTORE',
      'PUSH1',
      'PUSH0',
      'RETURN',
    ]);
    expect(steps[1]).toMatchObject({ gasCost: 2100, runtime: 'evm', depth: 0 });
    expect(steps[6]).toMatchObject({ gasCost: 20000 });
  });

  it('reads block fields from EvmBlockContext', () => {
    const runtime = new EvmRuntime();
    const state = new JournaledState();
    const code = assemble('NUMBER TIMESTAMP ADD CHAINID ADD BASEFEE ADD PUSH0 MSTORE PUSH 32 PUSH0 RETURN');
    const deployed = runtime.deploy(state, { sender: alice, code: deployCode(code), gasLimit: 200_000n });
    const receipt = runtime.call(state, callTx(deployed.createdAddress!, 1n), {
      block: { height: 10n, timestamp: 100n, chainId: 5n, baseFee: 0n },
    });
    expect(receipt.returnData[31]).toBe(115);
  });
});

describe('EvmRuntime deploy edge cases', () => {
  it('empty init code creates an empty account and reports its address', () => {
    const runtime = new EvmRuntime();
    const state = new JournaledState();
    const receipt = runtime.deploy(state, { sender: alice, code: new Uint8Array(0), gasLimit: 100_000n });
    expect(receipt.status).toBe('success');
    expect(receipt.gasUsed).toBe(53000);
    expect(new World(state).getAccount(addressWord(receipt.createdAddress!))?.nonce).toBe(1n);
  });
  it('code over 24576 bytes (EIP-170) and code starting with 0xEF (EIP-3541) are rejected', () => {
    const runtime = new EvmRuntime();
    const state = new JournaledState();
    const tooBig = runtime.deploy(state, {
      sender: alice,
      code: assemble('PUSH 24577 PUSH0 RETURN'),
      gasLimit: 10_000_000n,
    });
    expect(tooBig.status).toBe('out-of-gas');
    const ef = runtime.deploy(state, {
      sender: alice,
      code: assemble('PUSH 0xef PUSH0 MSTORE8 PUSH 1 PUSH0 RETURN'),
      gasLimit: 100_000n,
    });
    expect(ef.status).toBe('error');
    expect(ef.error?.message).toMatch(/EIP-3541/);
    // Both failed deploys keep only their nonce bumps (gas price zero: no fee).
    const expected = new JournaledState();
    const world = new World(expected);
    world.putAccount(addressWord(alice), { ...world.accountOrEmpty(addressWord(alice)), nonce: 2n });
    expect(state.stateRoot()).toEqual(expected.stateRoot());
  });
});
