import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { SPEC_PROFILE } from '../profile.js';
import { KNOWN_DIVERGENCES } from './runner.js';
import { formatSuite, runSpecSuite } from './suite.js';

const dir = fixturesOrWarn('wasm/spec-mvp', 'WebAssembly MVP spec suite');

describe.skipIf(!dir)('WebAssembly MVP spec suite (wast2json)', () => {
  it('instrumented modules pass every binary command, and our validator rejects every invalid/malformed binary', () => {
    const report = runSpecSuite(dir!, 'instrumented');
    console.log(formatSuite(report));
    expect(report.files).toBe(73);
    expect(report.failures).toEqual([]);
    // 477 text-format assert_malformed (no binary to check) plus the documented divergences.
    expect(report.total.skipped).toBe(477 + Object.keys(KNOWN_DIVERGENCES).length);
    expect(report.total.passed).toBeGreaterThan(18_000);
    expect(report.byCommand.assert_return!.passed).toBeGreaterThan(15_700);
    expect(report.byCommand.assert_invalid!.passed).toBe(1147);
    expect(report.byCommand.assert_malformed!.passed).toBe(662);
    expect(report.byCommand.assert_trap!.failed).toBe(0);
    expect(report.byCommand.assert_exhaustion!.passed).toBe(15);
  });

  it('the original modules on V8 give the same results (V8 accepts a few post-MVP modules the MVP rejects)', () => {
    const report = runSpecSuite(dir!, 'original');
    console.log(formatSuite(report));
    expect(report.byCommand.assert_return!.failed).toBe(0);
    expect(report.byCommand.assert_trap!.failed).toBe(0);
    // multi-value results (func, type, unreached-invalid) and multi-memory/table imports (imports).
    expect(report.failures.every((f) => f.includes('assert_invalid'))).toBe(true);
    expect(report.byCommand.assert_invalid!.failed).toBe(8);
  });

  it('the pure-TS interpreter passes every binary command too', () => {
    const report = runSpecSuite(dir!, 'interpreter');
    console.log(formatSuite(report));
    expect(report.failures).toEqual([]);
    expect(report.total.passed).toBe(18_188);
    expect(report.total.skipped).toBe(477 + Object.keys(KNOWN_DIVERGENCES).length);
  });

  it('NaN canonicalization keeps every float script passing (canonical NaN is an arithmetic NaN)', () => {
    const profile = { ...SPEC_PROFILE, instrument: { ...SPEC_PROFILE.instrument, canonicalizeNaNs: true } };
    const files = [
      'f32.json',
      'f64.json',
      'float_exprs.json',
      'float_misc.json',
      'conversions.json',
      'f32_bitwise.json',
    ];
    const report = runSpecSuite(dir!, 'instrumented', files, profile);
    expect(report.failures).toEqual([]);
    expect(report.total.passed).toBeGreaterThan(6_000);
  });
});
