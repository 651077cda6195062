import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toHex } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from '../asm/assembler.js';
import { ethereumStateRoot, logsHash } from '../commit/state-root.js';
import { wordToBytes } from '../execute/u256.js';
import { testBlockHash } from '../host/env.js';
import { applyTransaction } from '../tx/apply.js';
import { applyParentBlockHash, HISTORY_STORAGE_ADDRESS } from '../tx/history-storage.js';
import type { StateTest } from './format.js';
import { loadPreState, runCase, runFile, selectTransaction } from './runner.js';

// STATICCALL the EIP-2537 G1ADD precompile with 256 zero bytes (0 + 0) and store RETURNDATASIZE:
// 128 under Prague, 0 under Cancun (no code at 0x0b), so the two forks give different state roots.
const CODE = assemble(
  'PUSH 0 PUSH 0 PUSH 256 PUSH 0 PUSH 11 GAS STATICCALL POP RETURNDATASIZE PUSH0 SSTORE STOP',
);

function stateTest(hash: string, logs: string): StateTest {
  const entry = { hash, logs, indexes: { data: 0, gas: 0, value: 0 } };
  return {
    env: {
      currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
      currentGasLimit: '0x05f5e100',
      currentNumber: '0x01',
      currentTimestamp: '0x03e8',
      currentBaseFee: '0x0a',
      currentRandom: '0x00',
    },
    pre: {
      '0x00000000000000000000000000000000000c0de0': {
        balance: '0x00',
        code: toHex(CODE),
        nonce: '0x01',
        storage: {},
      },
      '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': {
        balance: '0x3b9aca00',
        code: '0x',
        nonce: '0x00',
        storage: {},
      },
    },
    transaction: {
      data: ['0x'],
      gasLimit: ['0x0f4240'],
      value: ['0x00'],
      nonce: '0x00',
      to: '0x00000000000000000000000000000000000c0de0',
      secretKey: '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8',
      gasPrice: '0x0a',
    },
    post: { Prague: [entry], Cancun: [entry] },
  };
}

describe('statetest --fork', () => {
  it('runs Prague post entries with Prague rules', () => {
    const draft = stateTest('0x', '0x');
    const state = loadPreState(draft);
    const outcome = applyTransaction(state, selectTransaction(draft, { data: 0, gas: 0, value: 0 }), {
      block: {
        height: 1n,
        timestamp: 1000n,
        chainId: 1n,
        coinbase: 0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ban,
        baseFee: 10n,
      },
      fork: 'Prague',
    });
    expect(outcome.invalid).toBeUndefined();
    const test = stateTest(toHex(ethereumStateRoot(state)), toHex(logsHash(outcome.logs)));
    const file = join(mkdtempSync(join(tmpdir(), 'polyvm-evm-')), 'fork.json');
    writeFileSync(file, JSON.stringify({ g1add: test }));
    expect(runFile(file, 'Prague').map((r) => r.pass)).toEqual([true]);
    // The same expectation under Cancun rules fails: 0x0b is not a precompile there.
    expect(runFile(file, 'Cancun')[0]).toMatchObject({
      pass: false,
      message: expect.stringMatching(/state root/),
    });
  });
});

describe('statetest EIP-2935', () => {
  it('makes the parent-hash system call before Prague transactions only', () => {
    // Stand-in history contract: stores its calldata at slot 0.
    const history = toHex(assemble('PUSH0 CALLDATALOAD PUSH0 SSTORE STOP'));
    const withHistory = (hash: string, logs: string): StateTest => {
      const test = stateTest(hash, logs);
      test.pre[`0x${HISTORY_STORAGE_ADDRESS.toString(16).padStart(40, '0')}`] = {
        balance: '0x00',
        code: history,
        nonce: '0x01',
        storage: {},
      };
      return test;
    };
    const draft = withHistory('0x', '0x');
    const state = loadPreState(draft);
    const block = {
      height: 1n,
      timestamp: 1000n,
      chainId: 1n,
      coinbase: 0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ban,
    };
    applyParentBlockHash(state, block, wordToBytes(testBlockHash(0n)));
    const outcome = applyTransaction(state, selectTransaction(draft, { data: 0, gas: 0, value: 0 }), {
      block: { ...block, baseFee: 10n },
      fork: 'Prague',
    });
    const test = withHistory(toHex(ethereumStateRoot(state)), toHex(logsHash(outcome.logs)));
    const entry = test.post.Prague![0]!;
    expect(runCase(test, entry, undefined, 'Prague')).toMatchObject({ pass: true });
    expect(runCase(test, entry, undefined, 'Cancun').pass).toBe(false);
  });
});
