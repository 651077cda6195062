import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { fromHex, JournaledState, type Tracer, type Transaction, toHex } from '@polyvm/core';
import { ethereumStateRoot, logsHash } from '../commit/state-root.js';
import { wordToBytes } from '../execute/u256.js';
import { DEFAULT_FORK, type Fork, forkAtLeast } from '../fork.js';
import { testBlockHash } from '../host/env.js';
import { addressBytes, EMPTY_CODE_HASH, World } from '../host/world.js';
import { applyTransaction } from '../tx/apply.js';
import { applyBeaconRoot } from '../tx/beacon-root.js';
import { applyParentBlockHash } from '../tx/history-storage.js';
import type { EvmTxPayload } from '../tx/types.js';
import { expectedExceptions } from './expected-exception.js';
import type { PostEntry, StateTest, StateTestFile } from './format.js';

export interface CaseResult {
  file: string;
  test: string;
  fork: string;
  index: PostEntry['indexes'];
  pass: boolean;
  /** Why it failed (or what exception was expected and seen). */
  message?: string;
}

/** retesteth writes values beyond 256 bits as `0x:bigint 0x…` (e.g. stTransactionTest/ValueOverflowParis). */
const BIGINT_PREFIX = '0x:bigint ';

/** A hex quantity of a filled test; empty or absent means `fallback`. */
export function quantity(hex: string | undefined, fallback = 0n): bigint {
  if (hex === undefined || hex === '') return fallback;
  return BigInt(hex.startsWith(BIGINT_PREFIX) ? hex.slice(BIGINT_PREFIX.length) : hex);
}
const big = quantity;

/** Builds the pre-state of a test in a fresh JournaledState. */
export function loadPreState(test: StateTest): JournaledState {
  const state = new JournaledState();
  const world = new World(state);
  for (const [address, account] of Object.entries(test.pre)) {
    const a = BigInt(address);
    world.putAccount(a, {
      nonce: big(account.nonce),
      balance: big(account.balance),
      codeHash: EMPTY_CODE_HASH,
    });
    const code = fromHex(account.code);
    if (code.length > 0) world.setCode(a, code);
    for (const [slot, value] of Object.entries(account.storage)) world.setStorage(a, big(slot), big(value));
  }
  return state;
}

function senderOf(test: StateTest): Uint8Array {
  const tx = test.transaction;
  if (tx.sender !== undefined) return addressBytes(BigInt(tx.sender));
  if (tx.secretKey === undefined) throw new Error('transaction has neither sender nor secretKey');
  const publicKey = secp256k1.getPublicKey(fromHex(tx.secretKey), false);
  return keccak_256(publicKey.subarray(1)).subarray(12);
}

/** The transaction a post entry selects from the template. */
export function selectTransaction(test: StateTest, index: PostEntry['indexes']): Transaction<EvmTxPayload> {
  const t = test.transaction;
  const payload: EvmTxPayload = {};
  if (t.maxFeePerGas !== undefined) {
    payload.maxFeePerGas = big(t.maxFeePerGas);
    payload.maxPriorityFeePerGas = big(t.maxPriorityFeePerGas);
  } else {
    payload.gasPrice = big(t.gasPrice);
  }
  const accessList = t.accessLists?.[index.data];
  if (accessList) {
    payload.accessList = accessList.map((entry) => ({
      address: addressBytes(BigInt(entry.address)),
      storageKeys: entry.storageKeys.map((k) => fromHex(k.replace(/^0x/, '').padStart(64, '0'))),
    }));
  }
  if (t.blobVersionedHashes !== undefined) {
    payload.blobVersionedHashes = t.blobVersionedHashes.map((h) => fromHex(h));
    payload.maxFeePerBlobGas = big(t.maxFeePerBlobGas);
  }
  if (t.authorizationList !== undefined) {
    payload.authorizationList = t.authorizationList.map((a) => ({
      chainId: big(a.chainId),
      address: addressBytes(BigInt(a.address)),
      nonce: big(a.nonce),
      yParity: Number(big(a.yParity ?? a.v)),
      r: big(a.r),
      s: big(a.s),
    }));
  }
  return {
    sender: senderOf(test),
    ...(t.to === '' || t.to === undefined ? {} : { to: addressBytes(BigInt(t.to)) }),
    input: fromHex(t.data[index.data] ?? '0x'),
    gasLimit: big(t.gasLimit[index.gas]),
    value: big(t.value[index.value]),
    nonce: big(t.nonce),
    payload,
  };
}

/**
 * Runs one post entry with `fork`'s rules (Cancun by default): applies the selected transaction and
 * checks the state root and logs hash.
 */
export function runCase(
  test: StateTest,
  entry: PostEntry,
  tracer?: Tracer,
  fork: Fork = DEFAULT_FORK,
): { pass: boolean; message?: string } {
  const state = loadPreState(test);
  // Rooting the pre-state builds its trie, so the post-state root checked below comes from the
  // incremental update of the keys the transaction changed: the fixtures check that path.
  ethereumStateRoot(state);
  const env = test.env;
  let tx: Transaction<EvmTxPayload>;
  try {
    tx = selectTransaction(test, entry.indexes);
  } catch (error) {
    return { pass: false, message: `cannot build transaction: ${(error as Error).message}` };
  }
  const block = {
    height: big(env.currentNumber),
    timestamp: big(env.currentTimestamp),
    chainId: 1n,
    coinbase: BigInt(env.currentCoinbase),
    gasLimit: big(env.currentGasLimit),
    baseFee: big(env.currentBaseFee),
    prevRandao: big(env.currentRandom ?? env.currentDifficulty),
    excessBlobGas: big(env.currentExcessBlobGas),
  };
  // Fillers run the block's EIP-4788 system call first, so the post state includes it.
  applyBeaconRoot(state, block, fromHex(env.currentBeaconRoot ?? `0x${'00'.repeat(32)}`));
  // Prague blocks also start with the EIP-2935 system call (a no-op without the history contract).
  if (forkAtLeast(fork, 'Prague')) {
    const parent = env.previousHash ?? toHex(wordToBytes(testBlockHash(block.height - 1n)));
    applyParentBlockHash(state, block, fromHex(parent));
  }
  const outcome = applyTransaction(state, tx, { block, fork, ...(tracer ? { tracer } : {}) });
  if (entry.expectException !== undefined) {
    if (outcome.exception === undefined) {
      return {
        pass: false,
        message: `expected exception ${entry.expectException} but the transaction was valid`,
      };
    }
    // The transaction must be invalid for the reason the test names, not for any reason.
    const allowed = expectedExceptions(entry.expectException);
    if (allowed === undefined)
      return { pass: false, message: `unknown expected exception ${entry.expectException}` };
    if (!allowed.has(outcome.exception)) {
      return {
        pass: false,
        message: `expected exception ${entry.expectException}, got ${outcome.exception}: ${outcome.invalid}`,
      };
    }
  } else if (outcome.invalid !== undefined) {
    return { pass: false, message: `unexpected invalid transaction: ${outcome.invalid}` };
  }
  const root = toHex(ethereumStateRoot(state));
  const logs = toHex(logsHash(outcome.logs));
  if (root !== entry.hash.toLowerCase())
    return { pass: false, message: `state root ${root}, expected ${entry.hash}` };
  if (logs !== entry.logs.toLowerCase())
    return { pass: false, message: `logs hash ${logs}, expected ${entry.logs}` };
  return { pass: true, ...(outcome.invalid ? { message: `rejected as expected: ${outcome.invalid}` } : {}) };
}

export interface RunFileOptions {
  /** Sees every step of every case. */
  tracer?: Tracer;
  /** Skips this many post entries (to resume a file after a case that ran out of time). */
  skip?: number;
  /** Called before each case runs. */
  onStart?: (test: string, index: PostEntry['indexes']) => void;
  /** Called after each case. */
  onResult?: (result: CaseResult) => void;
}

/** The file-level shape runFile walks: an object of tests, each with a `post` object of entry arrays. */
function assertShape(parsed: unknown): asserts parsed is StateTestFile {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (!isObject(parsed)) throw new Error('not an object of state tests');
  for (const [name, test] of Object.entries(parsed)) {
    if (!isObject(test) || !isObject(test.post)) throw new Error(`test ${name} has no post section`);
    for (const entries of Object.values(test.post)) {
      if (!Array.isArray(entries) || !entries.every(isObject))
        throw new Error(`test ${name}: post entries must be a list of objects`);
    }
  }
}

/** Runs every post entry of `fork` in a file with that fork's rules. */
export function runFile(path: string, fork: Fork, options: RunFileOptions = {}): CaseResult[] {
  const results: CaseResult[] = [];
  let parsed: StateTestFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as StateTestFile;
    assertShape(parsed);
  } catch (error) {
    // One unreadable file is reported as a failure; the rest of the directory still runs.
    const result: CaseResult = {
      file: path,
      test: '(file)',
      fork,
      index: { data: 0, gas: 0, value: 0 },
      pass: false,
      message: `cannot read: ${(error as Error).message}`,
    };
    options.onResult?.(result);
    return [result];
  }
  let position = 0;
  for (const [name, test] of Object.entries(parsed)) {
    for (const entry of test.post[fork] ?? []) {
      if (position++ < (options.skip ?? 0)) continue;
      options.onStart?.(name, entry.indexes);
      let outcome: { pass: boolean; message?: string };
      try {
        outcome = runCase(test, entry, options.tracer, fork);
      } catch (error) {
        outcome = { pass: false, message: `runner error: ${(error as Error).message}` };
      }
      const result = { file: path, test: name, fork, index: entry.indexes, ...outcome };
      options.onResult?.(result);
      results.push(result);
    }
  }
  return results;
}

/** JSON files under the given files or directories, recursively, sorted. */
export function collectFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (path: string): void => {
    if (statSync(path).isDirectory()) {
      for (const child of readdirSync(path).sort()) visit(join(path, child));
    } else if (path.endsWith('.json')) {
      out.push(path);
    }
  };
  for (const path of paths) visit(path);
  return out;
}
