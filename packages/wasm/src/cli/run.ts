import {
  type Command,
  type CommandLineValues,
  choiceOption,
  type ExecuteOptions,
  expectPositionals,
  hexOption,
  InvalidArgumentError,
  integerOption,
  JournaledState,
  parseCommandLine,
  type Receipt,
  type Runtime,
  receiptToJson,
  toHex,
} from '@polyvm/core';
import { CosmWasmRuntime } from '../cosmwasm/runtime.js';
import { accountIdToAddress } from '../near/account.js';
import { NearRuntime } from '../near/runtime.js';
import { loadModuleFile } from './load.js';

const encoder = new TextEncoder();

export const RUN_OPTIONS = {
  profile: { type: 'string' },
  method: { type: 'string' },
  args: { type: 'string' },
  'args-hex': { type: 'string' },
  init: { type: 'string' },
  'init-args': { type: 'string' },
  sender: { type: 'string' },
  gas: { type: 'string' },
  capabilities: { type: 'string' },
  json: { type: 'boolean' },
} as const;

export type RunValues = CommandLineValues<typeof RUN_OPTIONS>;

const PROFILES = ['near', 'cosmwasm'] as const;

/** The checked profile; `--method` is required on NEAR (CosmWasm defaults to `execute`). */
export function runProfile(values: RunValues): 'near' | 'cosmwasm' {
  const profile = choiceOption(values.profile, 'profile', PROFILES, 'near');
  if (profile === 'near' && !values.method)
    throw new InvalidArgumentError('--method is required with the NEAR profile');
  if (values.args !== undefined && values['args-hex'] !== undefined) {
    throw new InvalidArgumentError('give --args or --args-hex, not both');
  }
  return profile;
}

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
export async function setupRun(file: string, values: RunValues): Promise<RunSetup> {
  const near = runProfile(values) === 'near';
  // NEAR's max_total_prepaid_gas is 300 Tgas (nearcore parameters.yaml); 1e15 CosmWasm gas is wasmd's
  // default query gas limit × 1000 (its multiplier from SDK gas), generous for one call.
  const gasLimit = integerOption(values.gas, 'gas', near ? 300_000_000_000_000n : 1_000_000_000_000_000n);
  const sender = accountIdToAddress(values.sender ?? 'alice.near');
  const input =
    values['args-hex'] !== undefined
      ? hexOption(values['args-hex'], 'args-hex')
      : encoder.encode(values.args ?? '');
  const code = await loadModuleFile(file);
  const state = new JournaledState();
  const capabilities = values.capabilities?.split(',').filter(Boolean);
  const runtime: Runtime = near
    ? new NearRuntime()
    : new CosmWasmRuntime(capabilities ? { capabilities } : {});
  const contract = accountIdToAddress('contract.near');
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
    'run <file> [--profile near|cosmwasm] --method <name> [--args <text>|--args-hex <hex>] [--init <method>] [--init-args <json>] [--gas <n>] [--capabilities <a,b>] [--json]',
  async run(args, io) {
    const { positionals, values } = parseCommandLine(args, RUN_OPTIONS);
    const [file] = expectPositionals(positionals, ['file']);
    const setup = await setupRun(file!, values);
    const receipt = setup.deploy.status === 'success' && values.method ? setup.call() : undefined;
    if (values.json) {
      io.out(
        JSON.stringify({
          deploy: receiptToJson(setup.deploy),
          ...(receipt ? { call: receiptToJson(receipt) } : {}),
        }),
      );
    } else {
      io.out(formatReceipt('deploy', setup.deploy));
      if (receipt) io.out(formatReceipt(values.method ?? 'call', receipt));
    }
    return (receipt ?? setup.deploy).status === 'success' ? 0 : 1;
  },
};
