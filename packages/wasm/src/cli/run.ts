import {
  type Command,
  type ExecuteOptions,
  fromHex,
  JournaledState,
  type Receipt,
  type Runtime,
  toHex,
} from '@polyvm/core';
import { CosmWasmRuntime } from '../cosmwasm/runtime.js';
import { accountIdToAddress } from '../near/account.js';
import { NearRuntime } from '../near/runtime.js';
import { parseCommandArgs, pathProblem, runOptionsProblem, usageError } from './args.js';
import { loadModuleFile } from './load.js';

const encoder = new TextEncoder();

export const RUN_OPTIONS = {
  profile: { type: 'string', default: 'near' },
  method: { type: 'string' },
  args: { type: 'string', default: '' },
  'args-hex': { type: 'string' },
  init: { type: 'string' },
  'init-args': { type: 'string', default: '{}' },
  sender: { type: 'string', default: 'alice.near' },
  gas: { type: 'string' },
  capabilities: { type: 'string' },
} as const;

export interface RunSetup {
  runtime: Runtime;
  state: JournaledState;
  deploy: Receipt;
  call(options?: ExecuteOptions): Receipt;
}

/**
 * Deploys a contract into a fresh state and prepares one call: NEAR (`--method` and raw `--args`,
 * `--init` for an init method) or CosmWasm (`--init-args` is the instantiate message, `--method
 * execute|query|…` the entry point and `--args` its JSON message).
 */
export async function setupRun(file: string, values: Record<string, string | undefined>): Promise<RunSetup> {
  const code = await loadModuleFile(file);
  const state = new JournaledState();
  const near = values.profile !== 'cosmwasm';
  const capabilities = values.capabilities?.split(',').filter(Boolean);
  const runtime: Runtime = near
    ? new NearRuntime()
    : new CosmWasmRuntime(capabilities ? { capabilities } : {});
  const gasLimit = BigInt(values.gas ?? (near ? '300000000000000' : '1000000000000000'));
  const sender = accountIdToAddress(values.sender ?? 'alice.near');
  const contract = accountIdToAddress('contract.near');
  const input = values['args-hex'] ? fromHex(values['args-hex']) : encoder.encode(values.args ?? '');
  const deploy = await runtime.deploy(state, {
    sender,
    address: contract,
    code,
    gasLimit,
    input: encoder.encode(values['init-args'] ?? '{}'),
    ...(near && values.init ? { payload: { initMethod: values.init } } : {}),
  });
  const payload = near ? { method: values.method ?? '' } : { entry: values.method ?? 'execute' };
  const tx = { sender, to: contract, input, value: 0n, gasLimit, nonce: 0n, payload };
  return { runtime, state, deploy, call: (options) => runtime.execute(state, tx, options) as Receipt };
}

/** Hex of at most 48 bytes, with the full length when cut (deployed code would flood the terminal). */
function short(bytes: Uint8Array): string {
  return bytes.length <= 48 ? toHex(bytes) : `${toHex(bytes.subarray(0, 48))}… (${bytes.length} bytes)`;
}

export function formatReceipt(label: string, r: Receipt): string {
  const lines = [`${label}: ${r.status}, gas ${r.gasUsed}`];
  if (r.error) lines.push(`  error: ${r.error.code} ${r.error.message}`);
  const b = r.gasBreakdown;
  lines.push(
    `  gas: compute ${b.compute}, memory ${b.memory}, storage ${b.storage}, call (tx fees) ${b.call}, crypto ${b.crypto}, other ${b.other}`,
  );
  for (const log of r.logs) lines.push(`  log: ${log}`);
  if (r.returnData.length > 0) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(r.returnData);
    lines.push(`  return: ${short(r.returnData)}${/^[\x20-\x7e]*$/.test(text) ? ` "${text}"` : ''}`);
  }
  for (const c of r.stateDiff) {
    lines.push(`  state ${c.namespace} ${short(c.key)} = ${c.after ? short(c.after) : '(deleted)'}`);
  }
  return `${lines.join('\n')}\n`;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'deploy a contract (.wasm or .wat) into a fresh state and call a method, metered',
  usage:
    'run <file> [--profile near|cosmwasm] --method <name> [--args <text>|--args-hex <hex>] [--init <method>] [--init-args <json>] [--gas <n>] [--capabilities <a,b>]',
  async run(args, io) {
    const parsed = parseCommandArgs(args, RUN_OPTIONS);
    if (typeof parsed === 'string') return usageError(io, this.usage, parsed);
    const { positionals } = parsed;
    const values = parsed.values as Record<string, string | undefined>;
    const file = positionals[0];
    if (!file || (values.profile === 'near' && !values.method)) return usageError(io, this.usage);
    const problem = pathProblem(file, 'file') ?? runOptionsProblem(values);
    if (problem) return usageError(io, this.usage, problem);
    const setup = await setupRun(file, values);
    io.out(formatReceipt('deploy', setup.deploy));
    if (setup.deploy.status !== 'success') return 1;
    if (!values.method && values.profile === 'cosmwasm') return 0;
    const receipt = setup.call();
    io.out(formatReceipt(values.method ?? 'call', receipt));
    return receipt.status === 'success' ? 0 : 1;
  },
};
