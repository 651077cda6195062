import { describe, expect, it } from 'vitest';
import { collectSteps, formatStep } from './trace.js';

const step = {
  runtime: 'evm',
  depth: 1,
  pc: 7,
  op: 'ADD',
  gasBefore: 100,
  gasCost: 3,
  stack: ['0x1', '0x2'],
};

describe('trace', () => {
  it('formats one aligned line per step, indented by depth', () => {
    expect(formatStep(step)).toBe('      7  ADD                    gas=100 cost=3 [0x1, 0x2]');
    expect(formatStep({ ...step, depth: 0, location: 'main', stack: [] })).toBe(
      'main@    7  ADD                    gas=100 cost=3',
    );
  });

  it('collects up to a limit and says when it truncated', () => {
    const c = collectSteps(2);
    for (let i = 0; i < 3; i++) c.tracer({ ...step, pc: i });
    expect(c.steps.map((s) => s.pc)).toEqual([0, 1]);
    expect(c.truncated()).toBe(true);
  });
});

describe('collectSteps input checks', () => {
  it('rejects a negative limit', () => {
    expect(() => collectSteps(-1)).toThrow(/limit must be a non-negative integer/);
  });
});
