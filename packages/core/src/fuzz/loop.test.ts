import { describe, expect, it } from 'vitest';
import { DecodeError } from '../errors.js';
import { type FuzzStep, findingsRecorder, fuzzLoop } from './loop.js';

/** Spins for `ms`, then accepts. */
const busy = (ms: number): undefined => {
  const until = performance.now() + ms;
  while (performance.now() < until) {}
  return undefined;
};

describe('fuzzLoop', () => {
  it('classifies accepted, typed refusals (returned or thrown) and untyped errors', () => {
    const steps: FuzzStep<number>[] = [];
    const totals = fuzzLoop({
      budgetMs: 0,
      minInputs: 4,
      hangMs: 10_000,
      next: (i) => i,
      run: (i) => {
        if (i === 1) return 'rejected';
        if (i === 2) throw new DecodeError('bad byte');
        if (i === 3) throw new TypeError('a bug');
        return undefined;
      },
      observe: (step) => steps.push(step),
    });
    expect(totals).toMatchObject({ inputs: 4, accepted: 1, typedRejections: 2, untyped: 1, hangs: 0 });
    expect(steps.map((s) => s.outcome)).toEqual(['accepted', 'rejected', 'rejected', 'untyped']);
    expect(steps[3]!.error).toBeInstanceOf(TypeError);
    expect(totals.peakRssMiB).toBeGreaterThan(0);
  });

  it('stops at maxInputs within the budget, and isTyped widens what counts as typed', () => {
    class Failure extends Error {}
    const totals = fuzzLoop({
      budgetMs: 60_000,
      maxInputs: 3,
      hangMs: 10_000,
      next: (i) => i,
      run: () => {
        throw new Failure('refused');
      },
      isTyped: (e) => e instanceof Failure,
    });
    expect(totals).toMatchObject({ inputs: 3, typedRejections: 3, untyped: 0 });
  });

  it('replays a slow input: slow once is not a hang, slow twice is', () => {
    const slowTwice = fuzzLoop({
      budgetMs: 0,
      minInputs: 1,
      hangMs: 1,
      next: (i) => i,
      run: () => busy(5),
      replay: () => ({ outcome: 'accepted', ms: 5 }),
    });
    expect(slowTwice).toMatchObject({ hangs: 1, slowOnce: 0 });
    expect(slowTwice.slowestMs).toBeGreaterThanOrEqual(5);
    const slowOnce = fuzzLoop({
      budgetMs: 0,
      minInputs: 1,
      hangMs: 1,
      next: (i) => i,
      run: () => busy(5),
      replay: (_input, first) => ({ ...first, ms: 0 }),
    });
    expect(slowOnce).toMatchObject({ hangs: 0, slowOnce: 1, accepted: 1 });
    // Without a replay, slow once is a hang.
    expect(fuzzLoop({ budgetMs: 0, minInputs: 1, hangMs: 1, next: (i) => i, run: () => busy(5) }).hangs).toBe(
      1,
    );
  });

  it('findingsRecorder keeps the first findings: untyped errors with their stack, hangs, input hex', () => {
    const recorder = findingsRecorder(2, 2);
    fuzzLoop({
      budgetMs: 0,
      minInputs: 3,
      hangMs: 1,
      next: (i) => Uint8Array.of(i, 0xab, 0xcd),
      run: (input) => {
        if (input[0] === 0) throw new RangeError('boom');
        return busy(5);
      },
      observe: recorder.observe,
    });
    expect(recorder.findings).toHaveLength(2);
    expect(recorder.findings[0]).toMatchObject({ kind: 'untyped', inputHex: '00ab', size: 3 });
    expect(recorder.findings[0]!.message).toMatch(/^RangeError: boom/);
    expect(recorder.findings[1]).toMatchObject({ kind: 'hang', inputHex: '01ab' });
  });
});
