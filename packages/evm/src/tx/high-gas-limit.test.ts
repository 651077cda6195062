import { addressFromNumber, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { addressWord, World } from '../host/world.js';
import { applyTransaction } from './apply.js';

// ethereum/tests stTransactionTest/HighGasLimit: a 2^60 gas limit is valid and pays for what it uses.
const LIMIT = 1n << 60n;
const sender = addressFromNumber(0xa11ce, 20);
const contract = addressFromNumber(0xc0de, 20);
const child = addressFromNumber(0xc41d, 20);

function run(code: string, gasPrice = 1n) {
  const state = new JournaledState();
  const world = new World(state);
  world.setBalance(addressWord(sender), 1n << 80n);
  world.setCode(addressWord(contract), assemble(code));
  // The child stores the gas it was given (GAS after its own 2-gas GAS instruction).
  world.setCode(addressWord(child), assemble('GAS PUSH0 SSTORE STOP'));
  const outcome = applyTransaction(
    state,
    {
      sender,
      to: contract,
      input: new Uint8Array(0),
      value: 0n,
      gasLimit: LIMIT,
      nonce: 0n,
      payload: { gasPrice },
    },
    { block: { height: 1n, timestamp: 1n, chainId: 1n, gasLimit: LIMIT } },
  );
  return { outcome, world };
}

describe('gas limits above 2^53 − 1', () => {
  it('are valid and exact: GAS, the fee and the refund of unused gas', () => {
    const { outcome, world } = run('GAS PUSH0 SSTORE STOP');
    expect(outcome.invalid).toBeUndefined();
    // GAS costs 2, PUSH0 2, SSTORE of a fresh non-zero slot 22100 (cold), STOP 0.
    expect(world.getStorage(addressWord(contract), 0n)).toBe(LIMIT - 21000n - 2n);
    expect(outcome.gasUsed).toBe(21000 + 2 + 2 + 22100);
    expect(world.balance(addressWord(sender))).toBe((1n << 80n) - BigInt(outcome.gasUsed));
  });

  it('forwards exactly all but one 64th to a CALL', () => {
    const { world } = run('PUSH0 PUSH0 PUSH0 PUSH0 PUSH0 PUSH 0xc41d GAS CALL STOP');
    // Before CALL: 5 PUSH0 (2 each), PUSH2 (3), GAS (2); CALL charges 2600 cold access.
    const left = LIMIT - 21000n - 10n - 3n - 2n - 2600n;
    const forwarded = left - left / 64n;
    expect(world.getStorage(addressWord(child), 0n)).toBe(forwarded - 2n);
  });

  it('burns all of a 2^60 limit on an exceptional halt, exactly', () => {
    const { outcome, world } = run('INVALID');
    expect(outcome.result?.success).toBe(false);
    expect(world.balance(addressWord(sender))).toBe((1n << 80n) - LIMIT);
  });
});
