/**
 * The compiled tier of `polyvm compare`: the seven workloads written once in Solidity
 * (`examples/solidity/*.sol`) and compiled by `@polyvm/compiler`, beside the hand-written kernels.
 * Each workload has one spec per compiler flavour, with the kernel's expected result:
 * `<name>/solc` (solc's optimized EVM bytecode) and `<name>/polyvm` (polyvm's code generator from the
 * IR; the EVM today, and the wasm/move/svm back ends as they land).
 */
import { readFileSync } from 'node:fs';
import {
  type AbiValue,
  type Compilation,
  compileSources,
  decodeAbi,
  encodeCall,
  getTarget,
} from '@polyvm/compiler';
import {
  addressFromNumber,
  type JournaledState,
  type LogicalResult,
  type PreparedWorkload,
  type Runtime,
  type WorkloadImplementation,
  type WorkloadSpec,
} from '@polyvm/core';
import { addressWord, World } from '@polyvm/evm';
import { WORKLOADS } from '../spec.js';

const ALICE = addressFromNumber(0xa11ce, 20);
const BOB = '0x0000000000000000000000000000000000000b0b';
const DEPLOY_GAS = 10_000_000n;
const RUN_GAS = 30_000_000n;

interface CompiledWorkload {
  readonly workload: string;
  readonly file: string;
  readonly contract: string;
  /** The measured call. */
  readonly call: { fn: string; args: readonly (string | number)[] };
  /** Reads the logical result: from the measured call's return values, or with view calls. */
  readonly result: (
    returns: readonly AbiValue[],
    view: (fn: string, args: readonly string[]) => Promise<AbiValue[]>,
  ) => Promise<LogicalResult>;
}

const WORKLOAD_SOURCES: readonly CompiledWorkload[] = [
  {
    workload: 'counter',
    file: 'counter.sol',
    contract: 'Counter',
    call: { fn: 'increment', args: [] },
    result: async ([v]) => ({ counter: String(v) }),
  },
  {
    workload: 'token-transfer',
    file: 'token_transfer.sol',
    contract: 'TokenTransfer',
    call: { fn: 'transfer', args: [BOB, 250] },
    result: async (_returns, view) => ({
      alice: String((await view('balances', ['0xa11ce']))[0]),
      bob: String((await view('balances', [BOB]))[0]),
    }),
  },
  {
    workload: 'storage-heavy',
    file: 'storage_heavy.sol',
    contract: 'StorageHeavy',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ sum: String(v) }),
  },
  {
    workload: 'compute-arith',
    file: 'compute_arith.sol',
    contract: 'ComputeArith',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ x: String(v) }),
  },
  {
    workload: 'compute-hash',
    file: 'compute_hash.sol',
    contract: 'ComputeHash',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ digest: `0x${(v as bigint).toString(16).padStart(64, '0')}` }),
  },
  {
    workload: 'memory-sort',
    file: 'memory_sort.sol',
    contract: 'MemorySort',
    call: { fn: 'run', args: [] },
    result: async ([checksum, min, max]) => ({
      checksum: String(checksum),
      min: String(min),
      max: String(max),
    }),
  },
  {
    workload: 'call-heavy',
    file: 'call_heavy.sol',
    contract: 'CallHeavy',
    call: { fn: 'run', args: [] },
    result: async ([v]) => ({ fib: String(v) }),
  },
];

/** Compiler flavour → the `@polyvm/compiler` target that builds it. */
const FLAVOURS = { solc: 'evm-solc', polyvm: 'evm' } as const;

/** Whether a workload name belongs to the compiled tier (`<kernel>/<flavour>`). */
export function isCompiledWorkload(name: string): boolean {
  return COMPILED_SPECS.some((spec) => spec.name === name);
}

export const COMPILED_SPECS: readonly WorkloadSpec[] = WORKLOADS.flatMap((spec) =>
  Object.keys(FLAVOURS).map((flavour) => ({
    ...spec,
    name: `${spec.name}/${flavour}`,
    title: `${spec.title} (Solidity, ${flavour === 'solc' ? "solc's bytecode" : 'polyvm compiler'})`,
    description: `${spec.description} Written once in Solidity (examples/solidity) and compiled by ${flavour === 'solc' ? 'solc 0.8 with the optimizer' : "polyvm's code generator from the compiler IR"}.`,
  })),
);

let compilation: Compilation | undefined;
/** All workload sources in one solc call, once per process (solc-js start-up is slow). */
function compiled(): Compilation {
  if (compilation === undefined) {
    const sources = Object.fromEntries(
      WORKLOAD_SOURCES.map((w) => [
        w.file,
        readFileSync(new URL(`../../solidity/${w.file}`, import.meta.url), 'utf8'),
      ]),
    );
    compilation = compileSources(sources);
  }
  return compilation;
}

function evmImplementation(source: CompiledWorkload, flavour: keyof typeof FLAVOURS): WorkloadImplementation {
  return {
    runtime: 'evm',
    workload: `${source.workload}/${flavour}`,
    source:
      flavour === 'solc' ? 'Solidity → solc 0.8.37 --optimize' : 'Solidity → polyvm IR → EVM code generator',
    async prepare(state: JournaledState, runtime: Runtime): Promise<PreparedWorkload> {
      const artifact = compiled().artifact(source.file, source.contract);
      const target = getTarget(FLAVOURS[flavour]);
      if (target === undefined) throw new Error(`compiler target ${FLAVOURS[flavour]} is not registered`);
      const build = target.build(artifact);
      const deployed = await runtime.deploy(state, { sender: ALICE, code: build.code, gasLimit: DEPLOY_GAS });
      if (deployed.status !== 'success' || deployed.createdAddress === undefined) {
        throw new Error(`${source.workload}/${flavour}: deploy failed (${deployed.status})`);
      }
      const to = deployed.createdAddress;
      const transaction = (fn: string, args: readonly (string | number)[]) => {
        const { fn: abi, calldata } = encodeCall(artifact.ir, fn, args);
        const nonce = new World(state).accountOrEmpty(addressWord(ALICE)).nonce;
        return { abi, tx: { sender: ALICE, to, input: calldata, value: 0n, gasLimit: RUN_GAS, nonce } };
      };
      const measured = transaction(source.call.fn, source.call.args);
      return {
        codeSize: build.codeSize,
        deployGas: deployed.gasUsed,
        run: (options) => runtime.execute(state, measured.tx, options),
        async result(receipt, current) {
          const returns = decodeAbi(
            measured.abi.returns.map((r) => r.type),
            receipt.returnData,
          );
          return source.result(returns, async (fn, args) => {
            const view = transaction(fn, args);
            const out = await runtime.call(current, view.tx);
            return decodeAbi(
              view.abi.returns.map((r) => r.type),
              out.returnData,
            );
          });
        },
      };
    },
  };
}

export const compiledWorkloads: readonly WorkloadImplementation[] = WORKLOAD_SOURCES.flatMap((source) =>
  (Object.keys(FLAVOURS) as (keyof typeof FLAVOURS)[]).map((flavour) => evmImplementation(source, flavour)),
);
