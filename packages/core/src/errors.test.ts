import { describe, expect, it } from 'vitest';
import { DecodeError, ExecutionError, OutOfGasError, PolyvmError } from './errors.js';

describe('errors', () => {
  it('carry a stable code, details and a cause chain', () => {
    const low = new DecodeError('bad LEB128 at offset 3', { details: { offset: 3 } });
    const high = new ExecutionError('module rejected', { cause: low });
    expect(high).toBeInstanceOf(PolyvmError);
    expect(high.code).toBe('EXECUTION');
    expect(high.name).toBe('ExecutionError');
    expect(high.cause).toBe(low);
    expect(high.walk((e) => e instanceof DecodeError)).toBe(low);
    expect(high.walk((e) => e instanceof OutOfGasError)).toBeUndefined();
    expect(low.details).toEqual({ offset: 3 });
  });
});
