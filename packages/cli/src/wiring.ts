import { createRequire } from 'node:module';
import * as evm from '@polyvm/evm';
import { COMPILED_SPECS, compiledWorkloads, WORKLOADS } from '@polyvm/examples';
import * as move from '@polyvm/move-lite';
import * as svm from '@polyvm/svm-lite';
import * as wasm from '@polyvm/wasm';
import { type CliContext, createContext } from './context.js';
import { kernelImplementations } from './kernels.js';
import { withSessionCommands } from './session/commands.js';

const require = createRequire(import.meta.url);

/** `version` from a package's package.json (every workspace package exports it). */
function versionOf(name: string): string {
  return (require(`${name}/package.json`) as { version: string }).version;
}

/** The packages whose versions the report's environment header records. */
const PACKAGES = [
  'polyvm',
  '@polyvm/core',
  '@polyvm/examples',
  '@polyvm/evm',
  '@polyvm/wasm',
  '@polyvm/move-lite',
  '@polyvm/svm-lite',
  '@polyvm/compiler',
] as const;

/**
 * The real CLI: the four runtimes (plus the CosmWasm profile of the wasm package), their command
 * groups, and the seven workloads as each runtime implements them. The only module that imports
 * the runtime packages; everything else takes a context.
 */
export function defaultContext(): CliContext {
  return createContext({
    version: versionOf('polyvm'),
    runtimes: [
      evm.runtimeFactory,
      wasm.runtimeFactory,
      move.runtimeFactory,
      svm.runtimeFactory,
      wasm.cosmwasmRuntimeFactory,
    ],
    groups: [evm.commandGroup, wasm.commandGroup, move.commandGroup, svm.commandGroup].map(
      withSessionCommands,
    ),
    // The hand-written kernels, then the compiled tier (the same workloads from Solidity).
    specs: [...WORKLOADS, ...COMPILED_SPECS],
    // The kernels come from their scenario files (examples/scenarios/kernels), through the same
    // loader and sessions as a user's scenarios.
    implementations: [...kernelImplementations(), ...compiledWorkloads],
    // One runtime per VM by default; the CosmWasm profile is opt-in (`--runtimes …,cosmwasm`).
    defaultRuntimes: ['evm', 'wasm', 'move', 'svm'],
    packages: Object.fromEntries(PACKAGES.map((name) => [name, versionOf(name)])),
  });
}
