import type { ContractArtifact } from '../compile.js';
import { evmBytecodeTarget } from '../target/evm-target.js';
import type { Target, TargetBuild } from '../target/target.js';
import { compileEvm } from './compile-contract.js';

const builds = new WeakMap<ContractArtifact, TargetBuild>();

/** polyvm's own EVM code generator (IR → bytecode), deployed on polyvm's EVM like `evm-solc`. */
export const evmTarget: Target = evmBytecodeTarget('evm', (artifact) => {
  let build = builds.get(artifact);
  if (build === undefined) {
    const program = compileEvm(artifact.ir);
    build = { code: program.initCode, codeSize: program.runtime.length };
    builds.set(artifact, build);
  }
  return build;
});
