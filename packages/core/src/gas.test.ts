import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, OutOfGasError } from './errors.js';
import { GasMeter, normalizedCost } from './gas.js';

describe('GasMeter', () => {
  it('charges by category and reports the breakdown', () => {
    const m = new GasMeter(100);
    m.charge(3, 'compute');
    m.charge(20, 'storage', 'SSTORE');
    m.charge(5, 'memory');
    expect(m.used).toBe(28);
    expect(m.remaining).toBe(72);
    expect(m.breakdown()).toEqual({ compute: 3, memory: 5, storage: 20, call: 0, crypto: 0, other: 0 });
  });

  it('charging exactly the remaining gas succeeds', () => {
    const m = new GasMeter(10);
    m.charge(10);
    expect(m.remaining).toBe(0);
  });

  it('exhaustion drains the meter to its limit and throws a typed error naming the reason', () => {
    const m = new GasMeter(10);
    m.charge(7, 'compute');
    let caught: unknown;
    try {
      m.charge(4, 'storage', 'SSTORE');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(OutOfGasError);
    expect((caught as OutOfGasError).message).toBe('out of gas: SSTORE needs 4, 3 left of 10');
    expect((caught as OutOfGasError).code).toBe('OUT_OF_GAS');
    expect(m.used).toBe(10);
    expect(m.breakdown().storage).toBe(3);
  });

  it('returns unspent gas and tracks refunds separately', () => {
    const m = new GasMeter(100);
    m.charge(60, 'call');
    m.returnGas(25, 'call');
    m.addRefund(4800);
    expect(m.used).toBe(35);
    expect(m.refunded).toBe(4800);
    expect(() => m.returnGas(36)).toThrow(InvalidArgumentError);
  });

  it('consumeAll drains the rest', () => {
    const m = new GasMeter(50);
    m.charge(5);
    m.consumeAll();
    expect(m.used).toBe(50);
    expect(m.breakdown().other).toBe(45);
  });

  it('rejects bad limits, amounts and categories', () => {
    expect(() => new GasMeter(-1)).toThrow(InvalidArgumentError);
    expect(() => new GasMeter(2 ** 53)).toThrow(/safe integer/);
    const m = new GasMeter(10);
    expect(() => m.charge(1.5)).toThrow(InvalidArgumentError);
    expect(() => m.charge(-1)).toThrow(InvalidArgumentError);
    expect(() => m.charge(Number.NaN)).toThrow(InvalidArgumentError);
    expect(() => m.charge(1, 'disk' as never)).toThrow(/unknown gas category/);
    expect(m.used).toBe(0);
  });
});

describe('normalizedCost', () => {
  it('divides by the reference op cost', () => {
    expect(normalizedCost(822_756 * 10, { runtime: 'near', referenceOpCost: 822_756 })).toBe(10);
    expect(() => normalizedCost(1, { runtime: 'x', referenceOpCost: 0 })).toThrow(/referenceOpCost/);
  });
});

describe('GasMeter category checks', () => {
  it('rejects unknown categories on every method', () => {
    const m = new GasMeter(10);
    m.charge(5);
    expect(() => m.returnGas(1, 'disk' as never)).toThrow(/unknown gas category "disk"/);
    expect(() => m.consumeAll('disk' as never)).toThrow(/unknown gas category/);
    expect(m.used).toBe(5);
  });
});
