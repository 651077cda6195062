import {
  addressFromNumber,
  type Command,
  choiceOption,
  expectPositionals,
  hexOption,
  integerOption,
  JournaledState,
  parseCommandLine,
  type Receipt,
  receiptToJson,
  toHex,
} from '@polyvm/core';
import { ethereumStateRoot } from '../commit/state-root.js';
import { DEFAULT_FORK, FORKS } from '../fork.js';
import { addressWord, World } from '../host/world.js';
import { EvmRuntime } from '../runtime.js';
import { eip3155Summary, eip3155Tracer } from '../trace/eip3155.js';
import { readCode } from './code-input.js';
import {
  type ContractAbi,
  decodeEvent,
  decodeRevertReason,
  EMPTY_ABI,
  readContractAbi,
} from './contract-abi.js';
import { storageChanges } from './storage-changes.js';

const OPTIONS = {
  asm: { type: 'boolean' },
  input: { type: 'string' },
  value: { type: 'string' },
  gas: { type: 'string' },
  fork: { type: 'string' },
  abi: { type: 'string' },
  trace: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Block gas limit of the default block env: a larger transaction limit could never be included. */
const MAX_GAS = 2n ** 63n - 1n;

/** The receipt as text: status, gas, output, decoded revert reason, events and storage writes. */
export function formatEvmReceipt(receipt: Receipt, abi: ContractAbi): string[] {
  const lines = [
    `status   ${receipt.status}`,
    `gas used ${receipt.gasUsed}`,
    `output   ${toHex(receipt.returnData)}`,
  ];
  if (receipt.status === 'revert') {
    const reason = decodeRevertReason(receipt.returnData, abi);
    if (reason) lines.push(`reason   ${reason}`);
  }
  if (receipt.error && receipt.status !== 'revert') lines.push(`error    ${receipt.error.message}`);
  for (const e of receipt.events) {
    const decoded = decodeEvent(e.topics, e.data, abi);
    lines.push(
      `event    ${toHex(e.emitter)} ${decoded ?? `topics [${e.topics.map(toHex).join(', ')}] data ${toHex(e.data)}`}`,
    );
  }
  for (const s of storageChanges(receipt.stateDiff)) {
    lines.push(`storage  ${s.address} slot ${s.slot}: ${s.before} -> ${s.after}`);
  }
  return lines;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'Run bytecode as a contract call in a fresh state: outcome, decoded revert, events, storage',
  usage:
    'run <hex|file> [--asm] [--input hex] [--value n] [--gas n] [--fork Cancun|Prague] [--abi abi.json] [--trace] [--json]',
  async run(args, io) {
    const { values, positionals } = parseCommandLine(args, OPTIONS);
    const [source] = expectPositionals(positionals, ['hex|file']);
    const fork = choiceOption(values.fork, 'fork', FORKS, DEFAULT_FORK);
    const input = hexOption(values.input, 'input');
    const value = integerOption(values.value, 'value', 0n, 2n ** 256n - 1n);
    const gasLimit = integerOption(values.gas, 'gas', 10_000_000n, MAX_GAS);
    const abi = values.abi ? readContractAbi(values.abi) : EMPTY_ABI;
    const code = readCode(source!, values.asm === true);
    const state = new JournaledState();
    const world = new World(state);
    const contract = addressFromNumber(0xc0de, 20);
    const sender = addressFromNumber(0xca11e7, 20);
    world.setCode(addressWord(contract), code);
    world.setBalance(addressWord(sender), 10n ** 24n + value);
    const receipt = new EvmRuntime({ fork }).execute(
      state,
      { sender, to: contract, input, value, gasLimit, nonce: 0n },
      values.trace ? { tracer: eip3155Tracer((line) => io.out(line)) } : {},
    );
    const ok = receipt.status === 'success';
    if (values.trace) {
      io.out(eip3155Summary(receipt.returnData, receipt.gasUsed, ok, toHex(ethereumStateRoot(state))));
    } else if (values.json) {
      const reason = receipt.status === 'revert' ? decodeRevertReason(receipt.returnData, abi) : undefined;
      io.out(JSON.stringify(receiptToJson(receipt, reason ? { revertReason: reason } : {})));
    } else {
      for (const line of formatEvmReceipt(receipt, abi)) io.out(line);
    }
    return ok ? 0 : 1;
  },
};
