import { describe, expect, it } from 'vitest';
import { comparable } from '../../test/corpus-harness.js';
import { compile } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import { svmTarget } from './target.js';
import { WIDE_SOURCE, wideSequence } from './wide-cases.js';

describe('the 256-bit runtime library against the IR interpreter', () => {
  const artifact = compile(WIDE_SOURCE, { contract: 'Wide' });
  const sequence = wideSequence(40);
  it(`${sequence.length} calls over every routine: identical outcomes, panics and values`, () => {
    const svm = svmTarget.deploy(artifact, []).deployment!;
    const ir = irTarget.deploy(artifact, []).deployment!;
    const outcomes = new Map<string, number>();
    for (const [fn, args] of sequence) {
      const actual = svm.call(fn, args);
      const expected = ir.call(fn, args);
      const label = `${fn}(${args.join(', ')})`;
      expect({ label, ...(comparable(actual) as object) }).toEqual({
        label,
        ...(comparable(expected) as object),
      });
      const key = expected.revert?.kind === 'panic' ? `panic ${expected.revert.code}` : expected.status;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    // Not vacuous: successes, overflow and division-by-zero panics all occur.
    expect(outcomes.get('success')).toBeGreaterThan(100);
    expect(outcomes.get('panic 17')).toBeGreaterThan(10);
    expect(outcomes.get('panic 18')).toBeGreaterThan(0);
  });
});
