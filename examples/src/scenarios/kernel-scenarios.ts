import { keccak_256 } from '@noble/hashes/sha3.js';
import { addressFromHex, addressFromNumber, concatBytes, toHex } from '@polyvm/core';
import { toBase58 } from '@polyvm/svm-lite';
import { accountIdToAddress, humanAddress } from '@polyvm/wasm';
import * as evm from '../evm/programs.js';
import * as move from '../move/sources.js';
import { ARITH, CALLS, HASH, SORT, STORAGE, TOKEN, WORKLOADS } from '../spec.js';
import { callHeavy as svmCallHeavy } from '../svm/calls.js';
import { computeArith as svmArith, computeHash as svmHash } from '../svm/compute.js';
import { counter as svmCounter } from '../svm/counter.js';
import { ALICE as ALICE_SVM, PROGRAM_ID, type SvmWorkload } from '../svm/harness.js';
import { memorySort as svmSort } from '../svm/sort.js';
import { storageHeavy as svmStorage } from '../svm/storage.js';
import { tokenTransfer as svmToken } from '../svm/token.js';
import * as near from '../wasm/contracts.js';
import * as cw from '../wasm/cosmwasm.js';

/**
 * The built-in kernels as scenario files (`scenarios/kernels/<workload>.yaml`, with each VM's
 * artifact beside it), the form `compare` loads them in: one contract per workload with an artifact
 * per VM, the set-up steps, the measured call and how each VM's result is read. Rendered from the
 * same sources the sized sweeps build from (`src/<vm>/…`); `kernel-scenarios.test.ts` fails when a
 * file is stale (`pnpm --filter @polyvm/examples kernels` rewrites them).
 */

const ALICE_EVM = addressFromNumber(0xa11ce, 20);
const BOB_EVM = addressFromNumber(0xb0b, 20);
/** The NEAR and CosmWasm kernels live at this account (its address, on CosmWasm). */
const CONTRACT_ACCOUNT = 'workload.near';

function word32(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

function u64le(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out;
}

const addressWord32 = (address: Uint8Array) => concatBytes(new Uint8Array(12), address);
/** Solidity mapping slot of `key` at index 0: keccak256(key ‖ 0). */
const mappingSlot = (key: Uint8Array) => toHex(keccak_256(concatBytes(key, new Uint8Array(32))));
const cosmwasmAddress = (account: string) => humanAddress(accountIdToAddress(account));

type Vm = 'evm' | 'near' | 'cosmwasm' | 'move' | 'svm';

/** A Move call: the function, BCS-tagged arguments and the caller (default alice, the publisher 0xa11ce). */
interface MoveCall {
  function: string;
  args?: string[];
  caller?: string;
}

interface KernelParts {
  evm: { asm: string; constructorAsm?: string; data?: string };
  /** NEAR: the contract, its init method (run by the deploy) and the measured method with raw input. */
  near: { wat: string; init?: string; method: string; data?: string };
  /** CosmWasm: the contract and the execute message (default `{}`). */
  cosmwasm: { wat: string; msg?: string };
  /** Move: the module (published by 0xa11ce), the stdlib modules it links, set-up calls, the measured call. */
  move: { masm: string; stdlib: string[]; setup?: MoveCall[]; call: MoveCall };
  /** sBPF: the program (its spec) and a name for each of its genesis accounts, in order. */
  svm: { workload: SvmWorkload; accounts?: string[] };
  result: Record<string, Record<Vm, string>>;
}

/** Results returned by every VM: EVM words, NEAR and Move little-endian u64s, CosmWasm attributes. */
const returned = (...pairs: Array<[name: string, attribute: string]>) =>
  Object.fromEntries(
    pairs.map(([name, attribute], i) => [
      name,
      {
        evm: `return:word[${i}]`,
        near: `return:u64[${i}]`,
        cosmwasm: `attribute:${attribute}`,
        move: `return:u64[${i}]`,
        svm: `return:u64[${i}]`,
      },
    ]),
  );

const MOVE_DEPLOYER = toHex(addressFromHex(move.DEPLOYER_HEX, 32));

const KERNELS: Record<string, KernelParts> = {
  counter: {
    evm: { asm: evm.COUNTER },
    near: { wat: near.COUNTER_WAT, init: 'init', method: 'increment' },
    cosmwasm: { wat: cw.CW_COUNTER_WAT },
    move: {
      masm: move.COUNTER,
      stdlib: ['signer'],
      setup: [{ function: 'init' }],
      call: { function: 'increment' },
    },
    svm: { workload: svmCounter, accounts: ['counter'] },
    result: {
      counter: {
        evm: 'storage:0x0',
        near: 'storage:c',
        cosmwasm: 'storage:c',
        move: 'return:u64[0]',
        svm: 'account:counter:0',
      },
    },
  },
  'token-transfer': {
    evm: {
      asm: evm.TOKEN,
      constructorAsm: evm.tokenConstructor(TOKEN.initialSupply),
      data: toHex(concatBytes(addressWord32(BOB_EVM), word32(BigInt(TOKEN.amount)))),
    },
    near: {
      wat: near.TOKEN_WAT,
      init: 'init',
      method: 'transfer',
      // amount as a little-endian u64, then the recipient's account id.
      data: toHex(concatBytes(u64le(TOKEN.amount), new TextEncoder().encode('bob.near'))),
    },
    cosmwasm: {
      wat: cw.CW_TOKEN_WAT,
      msg: JSON.stringify({ amount: String(TOKEN.amount), to: cosmwasmAddress('bob.near') }),
    },
    move: {
      masm: move.tokenSource(MOVE_DEPLOYER),
      stdlib: ['signer'],
      // The deployer mints the supply to itself; bob registers a balance before he can receive.
      setup: [
        { function: 'mint', args: [`u64:${move.INITIAL_SUPPLY}`] },
        { function: 'register', caller: 'bob' },
      ],
      call: { function: 'transfer', args: ['address:@bob', `u64:${TOKEN.amount}`] },
    },
    svm: { workload: svmToken, accounts: ['alice_tokens', 'bob_tokens'] },
    result: {
      alice: {
        evm: `storage:${mappingSlot(addressWord32(ALICE_EVM))}`,
        near: 'storage:b:alice.near',
        cosmwasm: `storage:b:${cosmwasmAddress('alice.near')}`,
        move: 'view:balance address:@alice',
        svm: 'account:alice_tokens:32',
      },
      bob: {
        evm: `storage:${mappingSlot(addressWord32(BOB_EVM))}`,
        near: 'storage:b:bob.near',
        cosmwasm: `storage:b:${cosmwasmAddress('bob.near')}`,
        move: 'view:balance address:@bob',
        svm: 'account:bob_tokens:32',
      },
    },
  },
  'storage-heavy': {
    evm: { asm: evm.storageHeavy(STORAGE.slots) },
    near: { wat: near.storageWat(STORAGE.slots), method: 'run' },
    cosmwasm: { wat: cw.cwStorageWat(STORAGE.slots) },
    move: {
      masm: move.storageHeavySource(STORAGE.slots),
      stdlib: ['signer', 'table'],
      call: { function: 'fill' },
    },
    svm: { workload: svmStorage, accounts: ['store'] },
    result: returned(['sum', 's']),
  },
  'compute-arith': {
    evm: { asm: evm.computeArith(ARITH.iterations, ARITH.seed) },
    near: { wat: near.arithWat(ARITH.iterations), method: 'run' },
    cosmwasm: { wat: cw.cwArithWat(ARITH.iterations) },
    move: { masm: move.computeArithSource(ARITH.iterations), stdlib: [], call: { function: 'run' } },
    svm: { workload: svmArith },
    result: returned(['x', 'x']),
  },
  'compute-hash': {
    evm: { asm: evm.computeHash(HASH.rounds) },
    near: { wat: near.hashWat(HASH.rounds), method: 'run' },
    cosmwasm: { wat: cw.cwHashWat(HASH.rounds) },
    move: { masm: move.computeHashSource(HASH.rounds), stdlib: ['hash'], call: { function: 'run' } },
    svm: { workload: svmHash },
    // Move returns a BCS vector<u8>: one length byte, then the digest.
    result: {
      digest: {
        evm: 'return:hex',
        near: 'return:hex',
        cosmwasm: 'attribute-hex:h',
        move: 'return:hex[1:]',
        svm: 'return:hex',
      },
    },
  },
  'memory-sort': {
    evm: { asm: evm.memorySort(SORT.length, SORT.seed) },
    near: { wat: near.sortWat(SORT.length), method: 'run' },
    cosmwasm: { wat: cw.cwSortWat(SORT.length) },
    move: { masm: move.memorySortSource(SORT.length), stdlib: [], call: { function: 'run' } },
    svm: { workload: svmSort },
    result: returned(['checksum', 's'], ['min', 'l'], ['max', 'h']),
  },
  'call-heavy': {
    evm: { asm: evm.callHeavy(CALLS.n) },
    near: { wat: near.FIB_WAT, method: 'run' },
    cosmwasm: { wat: cw.CW_FIB_WAT },
    move: { masm: move.CALL_HEAVY, stdlib: [], call: { function: 'fib', args: [`u64:${CALLS.n}`] } },
    svm: { workload: svmCallHeavy },
    result: returned(['fib', 'f']),
  },
};

/**
 * A YAML block scalar of `text` for a key at `keyIndent` spaces (`|2-`: kept line breaks, no final
 * newline, content 2 deeper than the key, so lines indented more than the first, e.g. after a
 * label, keep their indentation).
 */
function block(text: string, keyIndent: number): string {
  const pad = ' '.repeat(keyIndent + 2);
  const lines = text
    .replace(/^\n+/, '')
    .replace(/\s+$/, '')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
  const common = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return `|2-\n${lines.map((l) => (l.trim() ? `${pad}${l.slice(common)}` : '')).join('\n')}`;
}

const quoted = (s: string) => JSON.stringify(s);
const flow = (entries: Array<[string, string | undefined]>) =>
  `{ ${entries
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ')} }`;

/** The program at its fixed id, its genesis accounts (program-owned, 10^6 lamports) by name. */
function svmArtifact(workload: string, part: KernelParts['svm']): string {
  const lines = ['    svm:', `      program: ${workload}.svm.s`, `      programId: ${toBase58(PROGRAM_ID)}`];
  const genesis = part.workload.spec.accounts?.() ?? [];
  if (genesis.length > 0) {
    lines.push('      accounts:');
    genesis.forEach((a, i) => {
      lines.push(
        `        ${part.accounts![i]}:`,
        `          data: "${toHex(a.data)}"`,
        '          lamports: 1000000',
      );
    });
  }
  return lines.join('\n');
}

/** The instruction: the genesis accounts, then the signing wallets (alice), and the data. */
function svmCall(part: KernelParts['svm']): string {
  const { spec } = part.workload;
  const metas = [
    ...(spec.accounts?.() ?? []).map((a, i) => `${a.writable ? 'w:' : ''}${part.accounts![i]}`),
    ...(spec.signers ?? []).map((s) => {
      if (toHex(s.pubkey) !== toHex(ALICE_SVM)) throw new Error('kernel signers other than alice');
      return `${s.isWritable ? 'w:' : ''}@alice`;
    }),
  ];
  return flow([
    ['accounts', metas.length > 0 ? `[${metas.map(quoted).join(', ')}]` : undefined],
    ['data', spec.data ? quoted(toHex(spec.data)) : undefined],
  ]).replace('{  }', '{}');
}

const moveCall = (c: MoveCall) =>
  flow([
    ['function', c.function],
    ['args', c.args ? `[${c.args.map(quoted).join(', ')}]` : undefined],
  ]);

function render(workload: string, parts: KernelParts): string {
  const spec = WORKLOADS.find((w) => w.name === workload)!;
  const evmLines = [`      asm: ${block(parts.evm.asm, 6)}`];
  if (parts.evm.constructorAsm) evmLines.push(`      constructorAsm: ${block(parts.evm.constructorAsm, 6)}`);
  const result = Object.entries(parts.result)
    .map(
      ([name, readers]) =>
        `  ${name}:\n${Object.entries(readers)
          .map(([vm, r]) => `    ${vm}: ${quoted(r)}`)
          .join('\n')}`,
    )
    .join('\n');
  // NEAR input is raw bytes: empty unless the method reads some (`args: ""`, not the JSON `{}`).
  const nearDeploy = flow([
    ['method', parts.near.init],
    ['args', '""'],
  ]);
  const nearCall = flow([
    ['method', parts.near.method],
    parts.near.data ? ['data', quoted(parts.near.data)] : ['args', '""'],
  ]);
  const callLines = [`    near: ${nearCall}`];
  if (parts.evm.data) callLines.unshift(`    evm:\n      data: ${quoted(parts.evm.data)}`);
  // Single-quoted: the JSON message is full of double quotes.
  if (parts.cosmwasm.msg) callLines.push(`    cosmwasm:\n      msg: '${parts.cosmwasm.msg}'`);
  callLines.push(`    move: ${moveCall(parts.move.call)}`);
  callLines.push(`    svm: ${svmCall(parts.svm)}`);
  const setup = (parts.move.setup ?? [])
    .map(
      (c) =>
        `  - name: ${c.function}\n    call: kernel\n    vms: [move]\n${c.caller ? `    caller: ${c.caller}\n` : ''}    move: ${moveCall(c)}\n`,
    )
    .join('');
  return `# yaml-language-server: $schema=../../../packages/cli/schema/scenario.schema.json
# Generated from examples/src by src/scenarios/kernel-scenarios.ts; do not edit by hand.
name: kernel-${workload}
description: ${quoted(spec.description)}
tier: kernel
workload: ${workload}
callers: [alice, bob]
addresses:
  alice:
    evm: "${toHex(ALICE_EVM)}"
    move: "${move.DEPLOYER_HEX}"
    svm: "${toHex(ALICE_SVM)}"
  bob:
    evm: "${toHex(BOB_EVM)}"
    move: "0xb0b"
contracts:
  kernel:
    evm:
${evmLines.join('\n')}
    near: { wasm: ${workload}.near.wat, account: ${CONTRACT_ACCOUNT} }
    cosmwasm: { wasm: ${workload}.cosmwasm.wat, account: ${CONTRACT_ACCOUNT} }
    move: { module: ${workload}.move.masm, stdlibModules: [${parts.move.stdlib.join(', ')}] }
${svmArtifact(workload, parts.svm)}
result:
${result}
steps:
  - deploy: kernel
    near: ${nearDeploy}
${setup}  - name: ${workload}
    call: kernel
    measure: true
${callLines.join('\n')}
`;
}

/** File name → text of every kernel scenario and the artifacts it names. */
export function kernelScenarioFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(KERNELS).flatMap(([w, parts]) => [
      [`${w}.yaml`, render(w, parts)],
      [`${w}.near.wat`, `${parts.near.wat.trim()}\n`],
      [`${w}.cosmwasm.wat`, `${parts.cosmwasm.wat.trim()}\n`],
      [`${w}.move.masm`, `${parts.move.masm.trim()}\n`],
      [`${w}.svm.s`, `${parts.svm.workload.spec.source.trim()}\n`],
    ]),
  );
}
