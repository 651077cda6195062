/**
 * The compiled tier of `polyvm compare`: workloads written once in Solidity (`examples/solidity`)
 * and compiled by `@polyvm/compiler` for every VM it has a back end for. Two kinds: the seven
 * kernels (the hand-written workloads' logic, with their reference model's expected results) and
 * the application contracts (ERC-20, AMM, NFT, merkle airdrop, multisig, escrow; see contracts.ts).
 * Each has one spec per compiler flavour: `<name>/solc` (solc's optimized EVM bytecode) and
 * `<name>/polyvm` (polyvm's code generators from the IR, one per VM). A back end that cannot
 * express a contract yet names the construct, and the pair reads n/a.
 */
import { readFileSync } from 'node:fs';
import {
  type AbiValue,
  type Compilation,
  compileSources,
  getTarget,
  type RuntimeBinder,
} from '@polyvm/compiler';
import type { WorkloadImplementation, WorkloadSpec } from '@polyvm/core';
import { WORKLOADS } from '../spec.js';
import { CONTRACT_SOURCES, CONTRACT_SPECS } from './contracts.js';
import { KERNEL_SOURCES } from './kernels.js';
import { type CompiledWorkload, stepContext } from './workload.js';

/** Compiler flavour → the `@polyvm/compiler` targets that build it, one per VM. */
const FLAVOURS = {
  solc: ['evm-solc'],
  polyvm: ['evm', 'wasm', 'cosmwasm', 'move', 'svm'],
} as const satisfies Record<string, readonly string[]>;
type Flavour = keyof typeof FLAVOURS;

const SOURCES: readonly CompiledWorkload[] = [...KERNEL_SOURCES, ...CONTRACT_SOURCES];

function flavourSpecs(spec: WorkloadSpec): WorkloadSpec[] {
  return (Object.keys(FLAVOURS) as Flavour[]).map((flavour) => ({
    ...spec,
    name: `${spec.name}/${flavour}`,
    title: `${spec.title} (Solidity, ${flavour === 'solc' ? "solc's bytecode" : 'polyvm compiler'})`,
    description: `${spec.description} Written once in Solidity (examples/solidity) and compiled by ${flavour === 'solc' ? 'solc 0.8 with the optimizer' : "polyvm's code generators from the compiler IR"}.`,
  }));
}

export const COMPILED_SPECS: readonly WorkloadSpec[] = [...WORKLOADS, ...CONTRACT_SPECS].flatMap(
  flavourSpecs,
);

/** Whether a workload name belongs to the compiled tier (`<name>/<flavour>`). */
export function isCompiledWorkload(name: string): boolean {
  return COMPILED_SPECS.some((spec) => spec.name === name);
}

let compilation: Compilation | undefined;
/** All sources in one solc call, once per process (solc-js start-up is slow). */
function compiled(): Compilation {
  if (compilation === undefined) {
    const sources = Object.fromEntries(
      SOURCES.map((w) => [
        w.file,
        readFileSync(new URL(`../../solidity/${w.file}`, import.meta.url), 'utf8'),
      ]),
    );
    compilation = compileSources(sources);
  }
  return compilation;
}

function implementation(
  source: CompiledWorkload,
  flavour: Flavour,
  targetName: string,
  binder: RuntimeBinder,
): WorkloadImplementation {
  const workload = `${source.workload}/${flavour}`;
  return {
    runtime: binder.runtimeName,
    workload,
    source:
      flavour === 'solc'
        ? 'Solidity → solc 0.8.37 --optimize'
        : `Solidity → polyvm IR → ${targetName} code generator`,
    async prepare(state, runtime) {
      const artifact = compiled().artifact(source.file, source.contract);
      const { result, binding } = await binder.bind(artifact, runtime, state, source.deploy ?? []);
      if (binding === null) {
        throw new Error(
          `${workload}: deploy failed (${result.status}: ${result.message ?? JSON.stringify(result.revert)})`,
        );
      }
      for (const step of source.setup ?? []) {
        const ctx = stepContext(step);
        await runtime.execute(state, binding.transaction(step.fn, step.args, ctx), binding.options(ctx));
      }
      const measured = stepContext(source.call);
      const tx = binding.transaction(source.call.fn, source.call.args, measured);
      return {
        codeSize: binding.codeSize,
        deployGas: binding.deployGas,
        run: (options) => runtime.execute(state, tx, { ...binding.options(measured), ...options }),
        async result(receipt, current) {
          const returns = binding.result(source.call.fn, receipt).returns;
          return source.result(returns, async (fn, args): Promise<readonly AbiValue[]> => {
            const out = binding.result(
              fn,
              await runtime.call(current, binding.transaction(fn, args), binding.options()),
            );
            if (out.status !== 'success')
              throw new Error(`${workload}: view ${fn} ${out.status}: ${out.message ?? ''}`);
            return out.returns;
          });
        },
      };
    },
  };
}

/** One implementation per (workload, flavour, target with a runtime binder). */
export const compiledWorkloads: readonly WorkloadImplementation[] = SOURCES.flatMap((source) =>
  (Object.keys(FLAVOURS) as Flavour[]).flatMap((flavour) =>
    FLAVOURS[flavour].flatMap((name) => {
      const binder = getTarget(name)?.binder;
      return binder === undefined ? [] : [implementation(source, flavour, name, binder)];
    }),
  ),
);
