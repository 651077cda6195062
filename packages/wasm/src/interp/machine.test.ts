import { collectSteps } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { prepareModule } from '../engine/compile.js';
import '../engine/webassembly.js';
import { GAS_EXPORT } from '../instrument/options.js';
import { SPEC_PROFILE } from '../profile.js';
import { watToWasm } from '../wat.js';
import { formatValue, Interpreter } from './machine.js';

describe('interpreter traces', () => {
  it('reports every executed instruction with its gas and typed stack', async () => {
    const wat = `(module (func (export "f") (param i32 f64) (result f64)
      (f64.add (f64.convert_i32_s (local.get 0)) (local.get 1))))`;
    const prepared = prepareModule(await watToWasm(wat), SPEC_PROFILE);
    const { tracer, steps } = collectSteps();
    const interp = new Interpreter(
      prepared.module,
      prepared.codes,
      {},
      { metering: SPEC_PROFILE.instrument, tracer },
    );
    (interp.exports[GAS_EXPORT] as WebAssembly.Global).value = 100n;
    expect((interp.exports.f as (a: number, b: number) => number)(-2, 0.5)).toBe(-1.5);
    expect(steps.map((s) => s.op)).toEqual(['local.get', 'f64.convert_i32_s', 'local.get', 'f64.add', 'end']);
    expect(steps.map((s) => s.gasBefore)).toEqual([100, 99, 98, 97, 96]);
    expect(steps[3]!.stack).toEqual(['f64:-2', 'f64:0.5']);
    expect(steps[4]!.stack).toEqual(['f64:-1.5']);
    expect(steps[0]!.location).toBe('f');
    expect(steps[0]!.depth).toBe(0);
  });

  it('formats NaN payloads and integers', () => {
    expect(formatValue(0x7f, -1)).toBe('i32:-1');
    expect(formatValue(0x7e, 5n)).toBe('i64:5');
    expect(formatValue(0x7d, 0x7fc00001)).toBe('f32:nan:0x7fc00001');
    expect(formatValue(0x7c, 0x3ff0000000000000n)).toBe('f64:1');
  });
});
