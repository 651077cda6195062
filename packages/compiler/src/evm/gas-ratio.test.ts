import { intrinsicGas } from '@polyvm/evm';
import { describe, expect, it } from 'vitest';
import { type CorpusCase, compileCorpus, loadCorpus } from '../../test/corpus-harness.js';
import type { ContractArtifact } from '../compile.js';
import { encodeCall } from '../target/calls.js';
import { evmSolcTarget } from '../target/evm-target.js';
import type { Target } from '../target/target.js';
import { evmTarget } from './target.js';

/** Execution gas of a case's calls (receipt gas minus intrinsic gas, which both targets share). */
function executionGas(target: Target, artifact: ContractArtifact, c: CorpusCase): number {
  const { deployment } = target.deploy(artifact, c.deploy);
  if (deployment === null) throw new Error(`${target.name}: ${c.name} did not deploy`);
  let gas = 0;
  for (const call of c.calls) {
    const sender = call.from === undefined ? {} : { sender: BigInt(call.from) };
    const intrinsic = intrinsicGas(encodeCall(artifact.ir, call.fn, call.args ?? []).calldata, false);
    gas += (deployment.call(call.fn, call.args ?? [], sender).gas ?? 0) - intrinsic;
  }
  return gas;
}

/**
 * Not a benchmark (gas is deterministic): a guard that polyvm's code generator stays within a band of
 * solc's optimized output on every corpus contract and workload, and the table for the README.
 */
describe('evm vs evm-solc: execution gas and runtime size over the corpus', () => {
  it('stays within 0.5×–1.5× of solc in gas and under 2× in size, per contract', () => {
    const { cases, sources } = loadCorpus();
    const compilation = compileCorpus(sources);
    const rows: string[] = [];
    const totals = { solcGas: 0, gas: 0, solcSize: 0, size: 0 };
    for (const c of cases) {
      const artifact = compilation.artifact(c.file, c.contract);
      const solcGas = executionGas(evmSolcTarget, artifact, c);
      const gas = executionGas(evmTarget, artifact, c);
      const solcSize = evmSolcTarget.build(artifact).codeSize;
      const size = evmTarget.build(artifact).codeSize;
      totals.solcGas += solcGas;
      totals.gas += gas;
      totals.solcSize += solcSize;
      totals.size += size;
      rows.push(
        `${c.name.padEnd(22)} gas ${solcGas} → ${gas} (${(gas / solcGas).toFixed(2)})  size ${solcSize} → ${size} (${(size / solcSize).toFixed(2)})`,
      );
      expect(gas / solcGas, c.name).toBeGreaterThan(0.5);
      expect(gas / solcGas, c.name).toBeLessThan(1.5);
      expect(size / solcSize, c.name).toBeLessThan(2);
    }
    rows.push(
      `${cases.length} contracts: gas ${(totals.gas / totals.solcGas).toFixed(3)}×, size ${(totals.size / totals.solcSize).toFixed(3)}×`,
    );
    console.log(rows.join('\n'));
  });
});
