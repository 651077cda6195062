import { ExecutionError, OutOfGasError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { formatError } from './error-message.js';

describe('formatError', () => {
  it('prints name, code and message of a typed error', () => {
    expect(formatError(new OutOfGasError('out of gas: SSTORE needs 20000'))).toBe(
      'polyvm: OutOfGasError [OUT_OF_GAS]: out of gas: SSTORE needs 20000',
    );
  });

  it('adds details (bigints as decimals) and the cause chain', () => {
    const inner = new ExecutionError('unreachable', { details: { pc: 7n } });
    const outer = new ExecutionError('call failed', { cause: inner });
    expect(formatError(outer)).toBe(
      'polyvm: ExecutionError [EXECUTION]: call failed\n  caused by: ExecutionError: unreachable',
    );
    expect(formatError(inner)).toContain('details: {"pc":"7"}');
  });

  it('shows the stack of anything else, as a bug', () => {
    const text = formatError(new TypeError('x is undefined'));
    expect(text).toMatch(/^polyvm: internal error: TypeError: x is undefined\n\s+at /);
    expect(formatError('plain')).toBe('polyvm: internal error: plain');
  });
});
