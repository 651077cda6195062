import { UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { comparable, compileCorpus, loadCorpus } from '../../test/corpus-harness.js';
import { findCallable } from '../target/calls.js';
import { irTarget } from '../target/ir-target.js';
import { svmTarget } from './target.js';

/**
 * The compiler corpus on the svm target against the IR interpreter: every call whose function the svm
 * code generator supports must give the same outcome, revert reason and return values. A case stops at
 * its first unsupported call (the state would diverge after it); skips are typed UnsupportedErrors,
 * counted by construct.
 */
const { cases, sources } = loadCorpus();

function construct(error: UnsupportedError): string {
  const what = error.message.replace(/^.*unsupported on svm: /, '');
  const type = / of type (\S+)/.exec(what);
  return type ? `type ${type[1]}` : what.replace(/ \(.*$/, '');
}

describe(`svm target on the compiler corpus (${cases.length} contracts) against the IR interpreter`, () => {
  it('agrees on every supported call; reports supported/skipped counts', () => {
    const compilation = compileCorpus(sources);
    const skipped = new Map<string, number>();
    let fullCases = 0;
    let compared = 0;
    let total = 0;
    const skip = (error: unknown): void => {
      if (!(error instanceof UnsupportedError)) throw error;
      const key = construct(error);
      skipped.set(key, (skipped.get(key) ?? 0) + 1);
    };
    for (const c of cases) {
      total += c.calls.length;
      const artifact = compilation.artifact(c.file, c.contract);
      const expectedDeploy = irTarget.deploy(artifact, c.deploy);
      let svm: ReturnType<typeof svmTarget.deploy>;
      try {
        svm = svmTarget.deploy(artifact, c.deploy);
      } catch (error) {
        skip(error);
        continue;
      }
      expect({ case: c.name, ...(comparable(svm.result) as object) }).toEqual({
        case: c.name,
        ...(comparable(expectedDeploy.result) as object),
      });
      const ir = expectedDeploy.deployment!;
      const deployment = svm.deployment!;
      let complete = true;
      for (const call of c.calls) {
        const args = call.args ?? [];
        const context = call.from !== undefined ? { sender: BigInt(call.from) } : {};
        let actual: ReturnType<typeof deployment.call>;
        try {
          findCallable(artifact.ir, call.fn);
          actual = deployment.call(call.fn, args, context);
        } catch (error) {
          skip(error);
          complete = false;
          break;
        }
        const expected = ir.call(call.fn, args, context);
        // Solana's per-instruction budget (200 000 CU) is a limit of the chain, not a divergence:
        // counted, and the case stops (its state would diverge).
        if (actual.status === 'out-of-gas' && expected.status === 'success') {
          skipped.set(
            'exceeds the 200 000 CU budget',
            (skipped.get('exceeds the 200 000 CU budget') ?? 0) + 1,
          );
          complete = false;
          break;
        }
        compared++;
        const label = `${c.name}: ${call.fn}(${JSON.stringify(args)})`;
        expect({ label, ...(comparable(actual) as object) }).toEqual({
          label,
          ...(comparable(expected) as object),
        });
      }
      if (complete) {
        fullCases++;
        // The state account keeps solc's slots: final storage equals the IR interpreter's.
        expect({ case: c.name, storage: deployment.storage() }).toEqual({
          case: c.name,
          storage: ir.storage(),
        });
      }
    }
    const bySkips = [...skipped].sort((a, b) => b[1] - a[1]);
    console.log(
      `svm corpus: ${fullCases}/${cases.length} contracts fully supported, ${compared}/${total} calls compared; ` +
        `skips by construct: ${bySkips.map(([k, n]) => `${k} ×${n}`).join('; ')}`,
    );
    expect(compared).toBeGreaterThan(0);
  });
});
