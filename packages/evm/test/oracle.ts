import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { createEVM } from '@ethereumjs/evm';
import { Account, createAddressFromBigInt } from '@ethereumjs/util';
import { JournaledState } from '@polyvm/core';
import { AnalysisCache } from '../src/decode/analysis.js';
import { Evm } from '../src/execute/evm.js';
import { wordToBytes } from '../src/execute/u256.js';
import { EMPTY_CODE_HASH, World } from '../src/host/world.js';
import { blockEnv } from '../src/tx/apply.js';

/**
 * Differential oracle: runs one message on @ethereumjs/evm (Cancun) and on this EVM from the same
 * pre-state, with the same warm set (caller, target, coinbase, precompiles), and reports what a
 * conformant EVM must agree on: success, execution gas, refund counter, output, storage, logs.
 */
export interface PreAccount {
  address: bigint;
  balance?: bigint;
  nonce?: bigint;
  code?: Uint8Array;
  storage?: Array<[bigint, bigint]>;
}

export interface Scenario {
  code: Uint8Array;
  /** Pre-state storage of the target contract. */
  storage?: Array<[bigint, bigint]>;
  input?: Uint8Array;
  value?: bigint;
  gas?: number;
  accounts?: PreAccount[];
}

export interface Outcome {
  success: boolean;
  gasUsed: number;
  refund: number;
  output: string;
  storage: string[];
  /** Balance, nonce and code hash of every account either side knows; empty accounts read as "empty" (EIP-161). */
  accounts: string[];
  logs: number;
}

export const CALLER = 0xca11e7n;
export const TARGET = 0x7a59e7n;
const DEFAULT_GAS = 1_000_000;
const EMPTY_HASH = hex(EMPTY_CODE_HASH);
const WARM = [CALLER, TARGET, 0n, ...Array.from({ length: 10 }, (_, i) => BigInt(i + 1))];

function allAccounts(s: Scenario): PreAccount[] {
  return [
    { address: CALLER, balance: 10n ** 18n },
    { address: TARGET, code: s.code, balance: 1000n, storage: s.storage ?? [] },
    ...(s.accounts ?? []),
  ];
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export async function runEthereumjs(s: Scenario): Promise<Outcome> {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Cancun });
  const evm = await createEVM({ common });
  const sm = evm.stateManager;
  for (const a of allAccounts(s)) {
    const address = createAddressFromBigInt(a.address);
    await sm.putAccount(address, new Account(a.nonce ?? 0n, a.balance ?? 0n));
    if (a.code) await sm.putCode(address, a.code);
    for (const [k, v] of a.storage ?? []) await sm.putStorage(address, wordToBytes(k), trim(wordToBytes(v)));
  }
  for (const w of WARM) evm.journal.addAlwaysWarmAddress(createAddressFromBigInt(w).toString());
  const result = await evm.runCall({
    caller: createAddressFromBigInt(CALLER),
    to: createAddressFromBigInt(TARGET),
    data: s.input ?? new Uint8Array(0),
    value: s.value ?? 0n,
    gasLimit: BigInt(s.gas ?? DEFAULT_GAS),
    skipNonceIncrement: true,
  });
  const exec = result.execResult;
  const mine = await runPolyvm(s);
  const storage: string[] = [];
  for (const entry of mine.slots) {
    const [address, slot] = entry;
    const value = await sm.getStorage(createAddressFromBigInt(address), wordToBytes(slot));
    storage.push(`${address.toString(16)}:${slot.toString(16)}=${hex(trim(value))}`);
  }
  const accounts: string[] = [];
  for (const address of mine.addresses) {
    const account = await sm.getAccount(createAddressFromBigInt(address));
    const empty =
      !account || (account.balance === 0n && account.nonce === 0n && hex(account.codeHash) === EMPTY_HASH);
    accounts.push(
      `${address.toString(16)}=${empty ? 'empty' : `${account.balance}:${account.nonce}:${hex(account.codeHash)}`}`,
    );
  }
  return {
    success: exec.exceptionError === undefined,
    gasUsed: Number(exec.executionGasUsed),
    refund: Number(exec.gasRefund ?? 0n),
    output: hex(exec.returnValue),
    storage,
    accounts,
    logs: exec.logs?.length ?? 0,
  };
}

function trim(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/** Runs the scenario on this EVM; `slots` lists every (account, slot) present before or after. */
export async function runPolyvm(
  s: Scenario,
): Promise<Outcome & { slots: Array<[bigint, bigint]>; addresses: bigint[] }> {
  const state = new JournaledState();
  const world = new World(state);
  for (const a of allAccounts(s)) {
    world.putAccount(a.address, {
      nonce: a.nonce ?? 0n,
      balance: a.balance ?? 0n,
      codeHash: world.codeHash(0n),
    });
    if (a.code) world.setCode(a.address, a.code);
    for (const [k, v] of a.storage ?? []) world.setStorage(a.address, k, v);
  }
  const slotSet = new Map<string, [bigint, bigint]>();
  const collect = () => {
    for (const a of world.addresses()) {
      for (const [slot] of world.storageOf(a)) slotSet.set(`${a}:${slot}`, [a, slot]);
    }
  };
  collect();
  const evm = new Evm(
    world,
    blockEnv(undefined),
    { origin: CALLER, gasPrice: 0n, blobHashes: [] },
    new AnalysisCache(),
  );
  for (const w of WARM) evm.substate.add('warmAddresses', w);
  const gas = s.gas ?? DEFAULT_GAS;
  const result = evm.run({
    kind: 'CALL',
    caller: CALLER,
    target: TARGET,
    codeAddress: TARGET,
    value: s.value ?? 0n,
    transfer: true,
    input: s.input ?? new Uint8Array(0),
    gas,
    isStatic: false,
    depth: 0,
  });
  collect();
  const slots = [...slotSet.values()];
  const addresses = [...new Set([...allAccounts(s).map((a) => a.address), ...world.addresses()])].sort(
    (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  );
  const accounts = addresses.map((address) => {
    const account = world.getAccount(address);
    const empty = account === undefined || world.isEmpty(account);
    return `${address.toString(16)}=${empty ? 'empty' : `${account.balance}:${account.nonce}:${hex(account.codeHash)}`}`;
  });
  return {
    success: result.success,
    gasUsed: gas - result.gasLeft,
    refund: result.success ? evm.substate.refund : 0,
    output: hex(result.output),
    storage: slots.map(
      ([a, k]) => `${a.toString(16)}:${k.toString(16)}=${hex(trim(wordToBytes(world.getStorage(a, k))))}`,
    ),
    accounts,
    logs: result.success ? evm.substate.logs.length : 0,
    slots,
    addresses,
  };
}
