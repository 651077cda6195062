/**
 * The application contracts of the compiler corpus (`examples/solidity/<name>.sol` with its call
 * sequence `<name>.calls.json`): an ERC-20, a constant-product AMM, an NFT, a merkle airdrop, a
 * multisig and an escrow. Each workload replays the sequence up to one representative call, which
 * is measured; its return values and a few view calls afterwards are the logical result. The
 * expected results are the IR interpreter's (the compiler's reference semantics), pinned here and
 * re-checked against it in `contracts.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { type AbiValue, formatAbiValue, type JsValue } from '@polyvm/compiler';
import type { LogicalResult, WorkloadSpec } from '@polyvm/core';
import type { CallStep, CompiledWorkload } from './workload.js';

interface CallsFile {
  readonly contract: string;
  readonly deploy: readonly JsValue[];
  readonly calls: readonly { fn: string; args?: JsValue[]; from?: string; timestamp?: number }[];
}

interface ContractWorkload {
  readonly name: string;
  readonly title: string;
  /** Index in the `.calls.json` sequence of the measured call. */
  readonly measured: number;
  /** View calls read after the measured call, labelled `fn(args)` in the result. */
  readonly views: readonly { fn: string; args: readonly JsValue[] }[];
  readonly expected: LogicalResult;
}

const CONTRACTS: readonly ContractWorkload[] = [
  {
    name: 'erc20',
    title: 'ERC-20 transferFrom after approve',
    measured: 9,
    views: [
      { fn: 'balanceOf', args: ['0xd00d'] },
      { fn: 'allowance', args: ['0xb0b', '0xc4a2'] },
    ],
    expected: { returns: '["1"]', 'balanceOf(0xd00d)': '["150"]', 'allowance(0xb0b,0xc4a2)': '["50"]' },
  },
  {
    name: 'amm',
    title: 'constant-product AMM swap',
    measured: 5,
    views: [
      { fn: 'reserve0', args: [] },
      { fn: 'reserve1', args: [] },
    ],
    expected: {
      returns: '["3984027924159612865"]',
      'reserve0()': '["1001000000000000000000"]',
      'reserve1()': '["3996015972075840387135"]',
    },
  },
  {
    name: 'nft',
    title: 'NFT transferFrom by an approved operator',
    measured: 10,
    views: [
      { fn: 'ownerOf', args: [1] },
      { fn: 'balanceOf', args: ['0xc0c'] },
    ],
    expected: { returns: '[]', 'ownerOf(1)': '["3084"]', 'balanceOf(0xc0c)': '["1"]' },
  },
  {
    name: 'merkle',
    title: 'merkle airdrop claim with a two-level proof',
    measured: 1,
    views: [
      { fn: 'claimed', args: ['0xb0b'] },
      { fn: 'isClaimed', args: [0] },
    ],
    expected: { returns: '[]', 'claimed(0xb0b)': '["100"]', 'isClaimed(0)': '["1"]' },
  },
  {
    name: 'multisig',
    title: 'multisig execute after two confirmations',
    measured: 9,
    views: [
      { fn: 'lastExecuted', args: [] },
      { fn: 'proposal', args: [0] },
    ],
    expected: { returns: '[]', 'lastExecuted()': '["170"]', 'proposal(0)': '["659918","170","2","1"]' },
  },
  {
    name: 'escrow',
    title: 'escrow release by the arbiter',
    measured: 13,
    views: [
      { fn: 'balances', args: ['0xb0b'] },
      { fn: 'deal', args: [1] },
    ],
    expected: {
      returns: '[]',
      'balances(0xb0b)': '["300"]',
      'deal(1)': '[["659918","2827","2635","300","1700000100","2"]]',
    },
  },
];

function text(values: readonly AbiValue[]): string {
  return JSON.stringify(values.map(formatAbiValue));
}

function calls(file: string): CallsFile {
  return JSON.parse(readFileSync(new URL(`../../solidity/${file}`, import.meta.url), 'utf8')) as CallsFile;
}

function step(call: CallsFile['calls'][number]): CallStep {
  return {
    fn: call.fn,
    args: call.args ?? [],
    ...(call.from === undefined ? {} : { from: BigInt(call.from) }),
    ...(call.timestamp === undefined ? {} : { timestamp: BigInt(call.timestamp) }),
  };
}

export const CONTRACT_SPECS: readonly WorkloadSpec[] = CONTRACTS.map((c) => ({
  name: c.name,
  title: c.title,
  description: `examples/solidity/${c.name}.sol: the calls of ${c.name}.calls.json up to call #${c.measured}, which is measured; the result is its return values and ${c.views.map((v) => v.fn).join(', ')} afterwards. Expected values are the IR interpreter's.`,
  params: { setupCalls: c.measured },
  expected: c.expected,
}));

export const CONTRACT_SOURCES: readonly CompiledWorkload[] = CONTRACTS.map((c) => {
  const sequence = calls(`${c.name}.calls.json`);
  const measured = sequence.calls[c.measured];
  if (measured === undefined) throw new Error(`${c.name}.calls.json has no call #${c.measured}`);
  return {
    workload: c.name,
    file: `${c.name}.sol`,
    contract: sequence.contract,
    deploy: sequence.deploy,
    setup: sequence.calls.slice(0, c.measured).map(step),
    call: step(measured),
    async result(returns, view) {
      const out: LogicalResult = { returns: text(returns) };
      for (const v of c.views) out[`${v.fn}(${v.args.join(',')})`] = text(await view(v.fn, v.args));
      return out;
    },
  };
});
