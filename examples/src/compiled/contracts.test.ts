import { readFileSync } from 'node:fs';
import { type AbiValue, compileSources, getTarget } from '@polyvm/compiler';
import { describe, expect, it } from 'vitest';
import { CONTRACT_SOURCES, CONTRACT_SPECS } from './contracts.js';
import { stepContext } from './workload.js';

// The pinned expected results are the IR interpreter's: re-derive them and compare.
describe('compiled contract workloads: expected results are the IR interpreter’s', () => {
  const sources = Object.fromEntries(
    CONTRACT_SOURCES.map((w) => [
      w.file,
      readFileSync(new URL(`../../solidity/${w.file}`, import.meta.url), 'utf8'),
    ]),
  );
  const compilation = compileSources(sources);
  const ir = getTarget('ir')!;
  it.each(CONTRACT_SOURCES.map((source, i) => [source.workload, source, CONTRACT_SPECS[i]!] as const))(
    '%s',
    async (_name, source, spec) => {
      const { deployment } = ir.deploy(
        compilation.artifact(source.file, source.contract),
        source.deploy ?? [],
      );
      for (const step of source.setup ?? []) deployment!.call(step.fn, step.args, stepContext(step));
      const measured = deployment!.call(source.call.fn, source.call.args, stepContext(source.call));
      expect(measured.status).toBe('success');
      const result = await source.result(measured.returns, async (fn, args): Promise<readonly AbiValue[]> => {
        const out = deployment!.call(fn, args);
        expect(out.status, `view ${fn}`).toBe('success');
        return out.returns;
      });
      expect(result).toEqual(spec.expected);
    },
  );
});
