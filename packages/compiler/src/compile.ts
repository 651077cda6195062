/**
 * The library entry point: Solidity sources → artifacts (IR + solc's own bytecode and ABI), one solc
 * call for any number of sources.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { InvalidArgumentError } from '@polyvm/core';
import { children } from './frontend/ast.js';
import { lowerContract } from './frontend/lower-contract.js';
import { runSolc, type SolcOptions, type SolcOutput } from './frontend/solc.js';
import type { IrContract } from './ir/contract.js';

export interface ContractArtifact {
  readonly name: string;
  readonly file: string;
  readonly ir: IrContract;
  /** solc's ABI JSON. */
  readonly abi: readonly unknown[];
  /** solc's optimized init code and runtime code (empty when compiled without bytecode). */
  readonly solcBytecode: Uint8Array;
  readonly solcDeployedBytecode: Uint8Array;
  readonly solcVersion: string;
}

export class Compilation {
  private readonly cache = new Map<string, ContractArtifact>();
  constructor(readonly output: SolcOutput) {}

  /** Deployable contracts (not abstract, not interfaces or libraries) of every source, in source order. */
  contracts(): { file: string; name: string }[] {
    const found: { file: string; name: string }[] = [];
    for (const [file, ast] of this.output.asts) {
      for (const node of children(ast, 'nodes')) {
        if (
          node.nodeType === 'ContractDefinition' &&
          node.contractKind === 'contract' &&
          node.abstract !== true
        ) {
          found.push({ file, name: node.name as string });
        }
      }
    }
    return found;
  }

  /** Lowers one contract (cached); throws `UnsupportedConstructError` outside the subset. */
  artifact(file: string, name: string): ContractArtifact {
    const key = `${file}:${name}`;
    let artifact = this.cache.get(key);
    if (artifact === undefined) {
      const solc = this.output.contracts.get(file)?.get(name);
      if (solc === undefined) throw new InvalidArgumentError(`no contract ${name} in ${file}`);
      artifact = {
        name,
        file,
        ir: lowerContract(this.output, file, name),
        abi: solc.abi,
        solcBytecode: hexToBytes(solc.evm.bytecode?.object ?? ''),
        solcDeployedBytecode: hexToBytes(solc.evm.deployedBytecode?.object ?? ''),
        solcVersion: this.output.version,
      };
      this.cache.set(key, artifact);
    }
    return artifact;
  }
}

export function compileSources(
  sources: Readonly<Record<string, string>>,
  options: SolcOptions = {},
): Compilation {
  return new Compilation(runSolc(sources, options));
}

export interface CompileOptions extends SolcOptions {
  /** Contract to build; defaults to the last deployable contract of the file. */
  readonly contract?: string;
  /** Source unit name used in locations; default `input.sol`. */
  readonly file?: string;
}

export function compile(source: string, options: CompileOptions = {}): ContractArtifact {
  const file = options.file ?? 'input.sol';
  const compilation = compileSources({ [file]: source }, options);
  const candidates = compilation.contracts().filter((c) => c.file === file);
  const chosen = options.contract ?? candidates.at(-1)?.name;
  if (chosen === undefined) throw new InvalidArgumentError(`${file}: no deployable contract`);
  return compilation.artifact(file, chosen);
}
