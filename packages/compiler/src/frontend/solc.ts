/**
 * solc-js (npm `solc`, pinned to 0.8.37 in package.json) through standard JSON: one call compiles every
 * source given, returning the typed AST of each unit and, per contract, ABI, storage layout and
 * solc's optimized bytecode. The optimizer settings are the common deployment defaults (enabled, 200
 * runs, legacy code generator, Cancun EVM).
 */
import { createRequire } from 'node:module';
import { formatLoc, SolcError } from './errors.js';
import { SourceLocator } from './source-map.js';

export interface SolcStorageEntry {
  readonly astId: number;
  readonly contract: string;
  readonly label: string;
  readonly offset: number;
  readonly slot: string;
  readonly type: string;
}
export interface SolcContractOutput {
  readonly abi: readonly unknown[];
  readonly storageLayout: { readonly storage: readonly SolcStorageEntry[] };
  readonly evm: {
    readonly bytecode: { readonly object: string };
    readonly deployedBytecode: { readonly object: string };
    readonly methodIdentifiers: Readonly<Record<string, string>>;
  };
}
/** A solc AST node: `nodeType`, `id`, `src` and node-specific fields (ASTJsonExporter.cpp). */
export interface SolNode {
  readonly nodeType: string;
  readonly id: number;
  readonly src: string;
  readonly [field: string]: unknown;
}
export interface SolcOutput {
  /** Resolves AST `src` fields to file:line:col. */
  readonly locator: SourceLocator;
  readonly asts: ReadonlyMap<string, SolNode>;
  /** `path` → contract name → output. */
  readonly contracts: ReadonlyMap<string, ReadonlyMap<string, SolcContractOutput>>;
  readonly version: string;
}

interface SolcModule {
  compile(input: string): string;
  version(): string;
}
let solcModule: SolcModule | undefined;

/** Loads solc-js once (its start-up, a few seconds, is paid by the first compile only). */
export function loadSolc(): SolcModule {
  solcModule ??= createRequire(import.meta.url)('solc') as SolcModule;
  return solcModule;
}

export interface SolcOptions {
  /** Emit bytecode (skip for front-end-only compiles, which are faster). Default true. */
  readonly bytecode?: boolean;
}

export function runSolc(sources: Readonly<Record<string, string>>, options: SolcOptions = {}): SolcOutput {
  const solc = loadSolc();
  const perContract = ['abi', 'storageLayout', 'evm.methodIdentifiers'];
  if (options.bytecode !== false) perContract.push('evm.bytecode.object', 'evm.deployedBytecode.object');
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(Object.entries(sources).map(([path, content]) => [path, { content }])),
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '': ['ast'], '*': perContract } },
    },
  };
  const raw = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: {
      severity: string;
      type: string;
      message: string;
      sourceLocation?: { file: string; start: number };
    }[];
    sources?: Record<string, { id: number; ast: SolNode }>;
    contracts?: Record<string, Record<string, SolcContractOutput>>;
  };
  const locator = new SourceLocator([], new Map(Object.entries(sources)));
  const failures = (raw.errors ?? []).filter((e) => e.severity === 'error');
  if (failures.length > 0) {
    throw new SolcError(
      failures.map((e) => {
        const at = e.sourceLocation;
        if (at === undefined) return `${e.type}: ${e.message}`;
        return `${formatLoc(locator.at(at.file, at.start))}: ${e.type}: ${e.message}`;
      }),
    );
  }
  const asts = new Map<string, SolNode>();
  const files: string[] = [];
  for (const [path, unit] of Object.entries(raw.sources ?? {})) {
    asts.set(path, unit.ast);
    files[unit.id] = path;
  }
  const contracts = new Map<string, ReadonlyMap<string, SolcContractOutput>>();
  for (const [path, byName] of Object.entries(raw.contracts ?? {})) {
    contracts.set(path, new Map(Object.entries(byName)));
  }
  const texts = new Map(Object.entries(sources));
  return { locator: new SourceLocator(files, texts), asts, contracts, version: solc.version() };
}
