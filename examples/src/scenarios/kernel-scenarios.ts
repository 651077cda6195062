import { keccak_256 } from '@noble/hashes/sha3.js';
import { addressFromNumber, concatBytes, toHex } from '@polyvm/core';
import * as evm from '../evm/programs.js';
import { ARITH, CALLS, HASH, SORT, STORAGE, TOKEN, WORKLOADS } from '../spec.js';

/**
 * The built-in kernels as scenario files (`scenarios/kernels/<workload>.yaml`), the form `compare`
 * loads them in: one contract per workload with an artifact per VM, the set-up steps, the measured
 * call and how each VM's result is read. Rendered from the same sources the sized sweeps build
 * from (`src/<vm>/…`); `kernel-scenarios.test.ts` fails when a file is stale
 * (`pnpm --filter @polyvm/examples kernels` rewrites them).
 */

const ALICE_EVM = addressFromNumber(0xa11ce, 20);
const BOB_EVM = addressFromNumber(0xb0b, 20);

function word32(value: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = value;
  for (let i = 31; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

const addressWord32 = (address: Uint8Array) => concatBytes(new Uint8Array(12), address);
/** Solidity mapping slot of `key` at index 0: keccak256(key ‖ 0). */
const mappingSlot = (key: Uint8Array) => toHex(keccak_256(concatBytes(key, new Uint8Array(32))));

interface KernelParts {
  evm: { asm: string; constructorAsm?: string; data?: string };
  result: Record<string, { evm: string }>;
}

const returnWords = (...names: string[]) =>
  Object.fromEntries(names.map((n, i) => [n, { evm: `return:word[${i}]` }]));

const KERNELS: Record<string, KernelParts> = {
  counter: { evm: { asm: evm.COUNTER }, result: { counter: { evm: 'storage:0x0' } } },
  'token-transfer': {
    evm: {
      asm: evm.TOKEN,
      constructorAsm: evm.tokenConstructor(TOKEN.initialSupply),
      data: toHex(concatBytes(addressWord32(BOB_EVM), word32(BigInt(TOKEN.amount)))),
    },
    result: {
      alice: { evm: `storage:${mappingSlot(addressWord32(ALICE_EVM))}` },
      bob: { evm: `storage:${mappingSlot(addressWord32(BOB_EVM))}` },
    },
  },
  'storage-heavy': { evm: { asm: evm.storageHeavy(STORAGE.slots) }, result: returnWords('sum') },
  'compute-arith': {
    evm: { asm: evm.computeArith(ARITH.iterations, ARITH.seed) },
    result: returnWords('x'),
  },
  'compute-hash': { evm: { asm: evm.computeHash(HASH.rounds) }, result: { digest: { evm: 'return:hex' } } },
  'memory-sort': {
    evm: { asm: evm.memorySort(SORT.length, SORT.seed) },
    result: returnWords('checksum', 'min', 'max'),
  },
  'call-heavy': { evm: { asm: evm.callHeavy(CALLS.n) }, result: returnWords('fib') },
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

function render(workload: string, parts: KernelParts): string {
  const spec = WORKLOADS.find((w) => w.name === workload)!;
  const evmLines = [`      asm: ${block(parts.evm.asm, 6)}`];
  if (parts.evm.constructorAsm) evmLines.push(`      constructorAsm: ${block(parts.evm.constructorAsm, 6)}`);
  const result = Object.entries(parts.result)
    .map(([name, readers]) => `  ${name}: { evm: ${quoted(readers.evm)} }`)
    .join('\n');
  const call = parts.evm.data ? `\n    evm: { data: ${quoted(parts.evm.data)} }` : '';
  return `# yaml-language-server: $schema=../../../packages/cli/schema/scenario.schema.json
# Generated from examples/src by src/scenarios/kernel-scenarios.ts; do not edit by hand.
name: kernel-${workload}
description: ${quoted(spec.description)}
tier: kernel
workload: ${workload}
callers: [alice]
addresses:
  alice: { evm: "${toHex(ALICE_EVM)}" }
  bob: { evm: "${toHex(BOB_EVM)}" }
contracts:
  kernel:
    evm:
${evmLines.join('\n')}
result:
${result}
steps:
  - deploy: kernel
  - name: ${workload}
    call: kernel
    measure: true${call}
`;
}

/** File name → text of every kernel scenario. */
export function kernelScenarioFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(KERNELS).map(([w, parts]) => [`${w}.yaml`, render(w, parts)]));
}
