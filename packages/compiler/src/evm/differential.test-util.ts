import { keccak_256 } from '@noble/hashes/sha3.js';
import { addressFromNumber, concatBytes, JournaledState, toHex } from '@polyvm/core';
import { addressWord, EvmRuntime, World } from '@polyvm/evm';
import { compile } from '../compile.js';
import { compileEvm } from './compile-contract.js';

/** One call: a signature such as `transfer(address,uint256)` and its ABI-encoded arguments (hex). */
export interface Call {
  readonly sig: string;
  readonly args?: string;
  readonly from?: number;
}

export interface Outcome {
  status: string;
  returnData: string;
  events: string[];
  gas: number;
}

export interface RunResult {
  deploy: Outcome;
  calls: Outcome[];
  storage: string[];
  codeSize: number;
}

const SENDER = 0xa11ce;

function selector(sig: string): Uint8Array {
  return keccak_256(new TextEncoder().encode(sig)).subarray(0, 4);
}

function hex(text: string): Uint8Array {
  const body = text.startsWith('0x') ? text.slice(2) : text;
  return Uint8Array.from(body.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

/** Deploys `initCode` (+ ABI constructor args) on polyvm's EVM and runs `calls`; records everything observable. */
export function runOnEvm(initCode: Uint8Array, ctorArgs: string, calls: readonly Call[]): RunResult {
  const evm = new EvmRuntime();
  const state = new JournaledState();
  const deployer = addressFromNumber(SENDER, 20);
  const deployed = evm.deploy(state, {
    sender: deployer,
    code: concatBytes(initCode, hex(ctorArgs)),
    gasLimit: 30_000_000n,
  });
  const outcome = (r: ReturnType<EvmRuntime['execute']>): Outcome => ({
    status: r.status,
    returnData: toHex(r.returnData),
    events: r.events.map((e) => `${e.topics.map((t) => toHex(t)).join(',')}|${toHex(e.data)}`),
    gas: r.gasUsed,
  });
  const result: RunResult = { deploy: outcome(deployed), calls: [], storage: [], codeSize: 0 };
  const to = deployed.createdAddress;
  if (to === undefined) return result;
  const world = new World(state);
  result.codeSize = world.code(addressWord(to)).length;
  for (const call of calls) {
    const sender = addressFromNumber(call.from ?? SENDER, 20);
    const account = world.getAccount(addressWord(sender));
    const nonce = account?.nonce ?? 0n;
    const receipt = evm.execute(state, {
      sender,
      to,
      input: concatBytes(selector(call.sig), hex(call.args ?? '')),
      value: 0n,
      gasLimit: 30_000_000n,
      nonce,
    });
    result.calls.push(outcome(receipt));
  }
  result.storage = world
    .storageOf(addressWord(to))
    .map(([slot, value]) => `${slot.toString(16)}=${value.toString(16)}`)
    .sort();
  return result;
}

/** Compiles `source` with solc and with polyvm's code generator and runs the same calls on both. */
export function differential(source: string, calls: readonly Call[], ctorArgs = '') {
  const artifact = compile(source);
  const ours = compileEvm(artifact.ir);
  return {
    solc: runOnEvm(artifact.solcBytecode, ctorArgs, calls),
    polyvm: runOnEvm(ours.initCode, ctorArgs, calls),
  };
}

/** ABI word of a number (two's complement for negatives). */
export function word(value: bigint | number): string {
  return (BigInt(value) & ((1n << 256n) - 1n)).toString(16).padStart(64, '0');
}
