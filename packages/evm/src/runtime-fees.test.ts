import { addressFromNumber, DEFAULT_BLOCK, JournaledState, type Transaction } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { runEthereumjs } from '../test/oracle.js';
import { assemble, deployCode } from './asm/assembler.js';
import type { EvmBlockContext } from './host/env.js';
import { addressWord, NS_ACCOUNT, World } from './host/world.js';
import { EvmRuntime } from './runtime.js';
import type { EvmTxPayload } from './tx/types.js';

/**
 * Ethereum keeps a failed transaction's gas payment and nonce bump (execution-specs Cancun
 * `process_transaction`: the sender is charged and its nonce incremented before the message runs,
 * and only the message's own effects roll back); `EvmRuntime.execute` must do the same.
 */
const alice = addressFromNumber(0xa11ce, 20);
const COINBASE = 0xc0ffeen;
const BASE_FEE = 5n;
const PRICE = 7n;
const FUNDS = 10n ** 18n;
const block: EvmBlockContext = { ...DEFAULT_BLOCK, coinbase: COINBASE, baseFee: BASE_FEE };
/** Writes slot 0, then reverts: the write must not survive, the gas payment must. */
const WRITE_THEN_REVERT = assemble('PUSH 1 PUSH0 SSTORE PUSH 0xbeef PUSH0 MSTORE PUSH 2 PUSH 30 REVERT');
/** Writes slot 0, then loops until the gas is gone. */
const WRITE_THEN_LOOP = assemble('PUSH 1 PUSH0 SSTORE JUMPDEST PUSH 4 JUMP');

function setup(code: Uint8Array) {
  const runtime = new EvmRuntime();
  const state = new JournaledState();
  const world = new World(state);
  world.putAccount(addressWord(alice), { nonce: 0n, balance: FUNDS, codeHash: world.codeHash(0n) });
  const deployed = runtime.deploy(
    state,
    { sender: alice, code: deployCode(code), gasLimit: 200_000n, payload: { gasPrice: PRICE } },
    { block },
  );
  expect(deployed.status).toBe('success');
  return { runtime, state, world, contract: deployed.createdAddress! };
}

function tx(to: Uint8Array, nonce: bigint, gasLimit: bigint, payload: EvmTxPayload, value = 0n) {
  return { sender: alice, to, input: new Uint8Array(0), value, gasLimit, nonce, payload };
}

/** The state Ethereum leaves after a failed transaction: only the fee and the nonce changed. */
function expectOnlyFeeAndNonce(
  before: JournaledState,
  after: JournaledState,
  receipt: { gasUsed: number; stateDiff: Array<{ namespace: string; key: Uint8Array }> },
  price: bigint,
) {
  const expectedState = before.fork();
  const expected = new World(expectedState);
  const sender = expected.accountOrEmpty(addressWord(alice));
  const coinbase = expected.accountOrEmpty(COINBASE);
  const used = BigInt(receipt.gasUsed);
  expected.putAccount(addressWord(alice), {
    ...sender,
    nonce: sender.nonce + 1n,
    balance: sender.balance - used * price,
  });
  expected.putAccount(COINBASE, { ...coinbase, balance: coinbase.balance + used * (price - BASE_FEE) });
  expect(after.stateRoot()).toEqual(expectedState.stateRoot());
  expect(receipt.stateDiff.map((c) => c.namespace)).toEqual([NS_ACCOUNT, NS_ACCOUNT]);
  expect(receipt.stateDiff.map((c) => addressWord(c.key.subarray(-20))).sort()).toEqual(
    [addressWord(alice), COINBASE].sort(),
  );
}

describe('EvmRuntime keeps the fee and nonce of a failed transaction', () => {
  it('a reverted call pays gasUsed × price, tips the coinbase, bumps the nonce and undoes the rest', () => {
    const { runtime, state, world, contract } = setup(WRITE_THEN_REVERT);
    const before = state.fork();
    const receipt = runtime.execute(state, tx(contract, 1n, 100_000n, { gasPrice: PRICE }, 1234n), {
      block,
    });
    expect(receipt.status).toBe('revert');
    expect(Buffer.from(receipt.returnData).toString('hex')).toBe('beef');
    expect(world.getStorage(addressWord(contract), 0n)).toBe(0n);
    expect(world.balance(addressWord(contract))).toBe(0n);
    expect(world.accountOrEmpty(addressWord(alice)).nonce).toBe(2n);
    expect(world.balance(COINBASE) - new World(before).balance(COINBASE)).toBe(
      BigInt(receipt.gasUsed) * (PRICE - BASE_FEE),
    );
    expectOnlyFeeAndNonce(before, state, receipt, PRICE);
    expect(state.depth).toBe(0);
  });

  it('an out-of-gas call pays its whole gas limit at the EIP-1559 effective price', () => {
    const { runtime, state, world, contract } = setup(WRITE_THEN_LOOP);
    const before = state.fork();
    const payload = { maxFeePerGas: 20n, maxPriorityFeePerGas: 2n };
    const receipt = runtime.execute(state, tx(contract, 1n, 60_000n, payload), { block });
    expect(receipt.status).toBe('out-of-gas');
    expect(receipt.gasUsed).toBe(60_000);
    expect(world.getStorage(addressWord(contract), 0n)).toBe(0n);
    expectOnlyFeeAndNonce(before, state, receipt, BASE_FEE + 2n);
  });

  it('call() of a failing transaction still changes nothing', () => {
    const { runtime, state, contract } = setup(WRITE_THEN_REVERT);
    const root = state.stateRoot();
    const receipt = runtime.call(state, tx(contract, 1n, 100_000n, { gasPrice: PRICE }), { block });
    expect(receipt.status).toBe('revert');
    expect(receipt.stateDiff.length).toBe(2);
    expect(state.stateRoot()).toEqual(root);
  });

  it.each<[string, (contract: Uint8Array) => Transaction<EvmTxPayload>]>([
    ['a wrong nonce', (c) => tx(c, 5n, 100_000n, { gasPrice: PRICE })],
    ['too little balance for the max fee', (c) => tx(c, 1n, 100_000n, { gasPrice: FUNDS })],
    ['a gas limit below the intrinsic gas', (c) => tx(c, 1n, 20_999n, { gasPrice: PRICE })],
    ['a max fee below the base fee', (c) => tx(c, 1n, 100_000n, { maxFeePerGas: BASE_FEE - 1n })],
  ])('an invalid transaction (%s) changes nothing', (_, make) => {
    const { runtime, state, contract } = setup(WRITE_THEN_REVERT);
    const root = state.stateRoot();
    const receipt = runtime.execute(state, make(contract), { block });
    expect(receipt.status).toBe('invalid');
    expect(receipt.gasUsed).toBe(0);
    expect(receipt.stateDiff).toEqual([]);
    expect(state.stateRoot()).toEqual(root);
  });

  it('charges 21,000 plus the execution gas @ethereumjs/evm reports for the same reverting message', async () => {
    const reference = await runEthereumjs({ code: WRITE_THEN_REVERT, gas: 100_000 - 21_000 });
    expect(reference.success).toBe(false);
    const { runtime, state, world, contract } = setup(WRITE_THEN_REVERT);
    const balance = world.balance(addressWord(alice));
    const receipt = runtime.execute(state, tx(contract, 1n, 100_000n, { gasPrice: PRICE }), { block });
    expect(receipt.gasUsed).toBe(21_000 + reference.gasUsed);
    expect(balance - world.balance(addressWord(alice))).toBe(BigInt(21_000 + reference.gasUsed) * PRICE);
  });
});
