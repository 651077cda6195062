import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCompact,
  formatDuration,
  formatInteger,
  formatQuantity,
  formatRatio,
} from './format.js';

describe('report number formats', () => {
  it('groups integers by thousands', () => {
    expect(formatInteger(0)).toBe('0');
    expect(formatInteger(999)).toBe('999');
    expect(formatInteger(1000)).toBe('1,000');
    expect(formatInteger(1234567.6)).toBe('1,234,568');
    expect(formatInteger(-21000)).toBe('-21,000');
  });

  it('keeps three significant digits for small quantities', () => {
    expect(formatQuantity(0.125)).toBe('0.125');
    expect(formatQuantity(12.345)).toBe('12.3');
    expect(formatQuantity(42)).toBe('42');
    expect(formatQuantity(1250.4)).toBe('1,250');
  });

  it('picks a duration unit', () => {
    expect(formatDuration(0.00085)).toBe('850 ns');
    expect(formatDuration(0.0123)).toBe('12.3 µs');
    expect(formatDuration(0.5)).toBe('500 µs');
    expect(formatDuration(4.561)).toBe('4.56 ms');
    expect(formatDuration(45.61)).toBe('45.6 ms');
    expect(formatDuration(456.1)).toBe('456 ms');
    expect(formatDuration(1200)).toBe('1.20 s');
    expect(formatDuration(0.000999)).toBe('999 ns');
    expect(formatDuration(0.0009999)).toBe('1.00 µs');
    expect(formatDuration(0.99996)).toBe('1.00 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
  });

  it('formats ratios and bytes', () => {
    expect(formatRatio(undefined)).toBe('–');
    expect(formatRatio(1)).toBe('1.00×');
    expect(formatRatio(0.25)).toBe('0.25×');
    expect(formatRatio(12.34)).toBe('12.3×');
    expect(formatRatio(1250)).toBe('1,250×');
    expect(formatRatio(0.00123)).toBe('0.0012×');
    expect(formatRatio(0.0134)).toBe('0.013×');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
  });

  it('abbreviates axis labels', () => {
    expect(formatCompact(950)).toBe('950');
    expect(formatCompact(1500)).toBe('1.5k');
    expect(formatCompact(10_000)).toBe('10k');
    expect(formatCompact(100_000_000)).toBe('100M');
    expect(formatCompact(2_345_678_901)).toBe('2.35G');
    expect(formatCompact(0.5)).toBe('0.5');
  });
});
