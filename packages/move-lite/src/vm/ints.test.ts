import { addressFromHex, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assembleToBytes } from '../asm/assemble.js';
import { MoveRuntime } from '../runtime.js';
import { bcsDecode, bcsEncode } from './bcs.js';
import { bigDiv, bigMod } from './ints.js';

/**
 * Integers run as numbers below 2^53 and as bigints above (ints.ts). Every operation, at every
 * width, must give exactly what unbounded integer arithmetic with Move's checks gives: this
 * compares the interpreter with a bigint model on edge values around 2^8, 2^32, 2^53 and 2^64.
 */
const KINDS = { u8: 8, u16: 16, u32: 32, u64: 64, u128: 128, u256: 256 } as const;
type Kind = keyof typeof KINDS;
const OPS: Record<string, (a: bigint, b: bigint, bits: number) => bigint | 'error'> = {
  Add: (a, b, bits) => (a + b >= 1n << BigInt(bits) ? 'error' : a + b),
  Sub: (a, b) => (a < b ? 'error' : a - b),
  Mul: (a, b, bits) => (a * b >= 1n << BigInt(bits) ? 'error' : a * b),
  Div: (a, b) => (b === 0n ? 'error' : a / b),
  Mod: (a, b) => (b === 0n ? 'error' : a % b),
  BitOr: (a, b) => a | b,
  BitAnd: (a, b) => a & b,
  Xor: (a, b) => a ^ b,
};
const SHIFTS: Record<string, (a: bigint, s: number, bits: number) => bigint | 'error'> = {
  Shl: (a, s, bits) => (s >= bits ? 'error' : (a << BigInt(s)) & ((1n << BigInt(bits)) - 1n)),
  Shr: (a, s, bits) => (s >= bits ? 'error' : a >> BigInt(s)),
};

function source(): string {
  const lines = ['module 0x42::ints'];
  for (const k of Object.keys(KINDS)) {
    for (const op of Object.keys(OPS)) {
      lines.push(
        `public fun ${op}_${k}(a: ${k}, b: ${k}): ${k} {`,
        ' MoveLoc a',
        ' MoveLoc b',
        ` ${op}`,
        ' Ret',
        '}',
      );
    }
    for (const op of Object.keys(SHIFTS)) {
      lines.push(
        `public fun ${op}_${k}(a: ${k}, s: u8): ${k} {`,
        ' MoveLoc a',
        ' MoveLoc s',
        ` ${op}`,
        ' Ret',
        '}',
      );
    }
    lines.push(
      `public fun Lt_${k}(a: ${k}, b: ${k}): bool {`,
      ' MoveLoc a',
      ' MoveLoc b',
      ' Lt',
      ' Ret',
      '}',
    );
    lines.push(
      `public fun Eq_${k}(a: ${k}, b: ${k}): bool {`,
      ' MoveLoc a',
      ' MoveLoc b',
      ' Eq',
      ' Ret',
      '}',
    );
    lines.push(`public fun Cast_${k}(a: u256): ${k} {`, ' MoveLoc a', ` CastU${k.slice(1)}`, ' Ret', '}');
  }
  // Literals at the top of their width (the interpreter keeps small-literal operands as int32).
  lines.push('public fun lit_u32_gt(): bool {', ' LdU32 2147483648', ' LdU32 1', ' Gt', ' Ret', '}');
  lines.push('public fun lit_u32_div(): u32 {', ' LdU32 4294967295', ' LdU32 2', ' Div', ' Ret', '}');
  return `${lines.join('\n')}\n`;
}

function edges(bits: number): bigint[] {
  const out = new Set<bigint>([0n, 1n, 3n, 255n]);
  for (const p of [8, 16, 32, 53, 64, 128]) {
    for (const d of [-1n, 0n, 1n]) out.add((1n << BigInt(p)) + d);
  }
  const max = (1n << BigInt(bits)) - 1n;
  return [...out].filter((v) => v >= 0n && v <= max);
}

describe('integer operations on numbers and bigints match unbounded arithmetic', () => {
  const runtime = new MoveRuntime();
  const state = new JournaledState();
  const owner = addressFromHex('0x42', 32);
  expect(
    runtime.deploy(state, { sender: owner, code: assembleToBytes(source()), gasLimit: 10n ** 10n }).status,
  ).toBe('success');
  const call = (fn: string, args: Uint8Array[]) =>
    runtime.call(state, {
      sender: owner,
      input: new Uint8Array(0),
      value: 0n,
      nonce: 0n,
      gasLimit: 10n ** 10n,
      payload: { module: '0x42::ints', function: fn, args },
    });
  it('LdU32 loads literals from 2^31 up unchanged', () => {
    const gt = call('lit_u32_gt', []);
    expect(gt.status).toBe('success');
    expect(gt.returnData[0]).toBe(1);
    const div = call('lit_u32_div', []);
    expect(BigInt(bcsDecode(div.returnData, { k: 'u32' }, 32) as number)).toBe(2147483647n);
  });
  for (const [k, bits] of Object.entries(KINDS) as [Kind, number][]) {
    it(`${k}: arithmetic, bitwise, shifts, comparisons and casts`, () => {
      const t = { k };
      const values = edges(bits);
      const result = (r: ReturnType<typeof call>) =>
        r.status === 'success' ? BigInt(bcsDecode(r.returnData, t, 32) as number | bigint) : 'error';
      let checked = 0;
      for (const a of values) {
        for (const b of values) {
          for (const [op, model] of Object.entries(OPS)) {
            const r = call(`${op}_${k}`, [bcsEncode(a, t), bcsEncode(b, t)]);
            expect(result(r), `${op} ${a} ${b}`).toBe(model(a, b, bits));
            checked++;
          }
          const lt = call(`Lt_${k}`, [bcsEncode(a, t), bcsEncode(b, t)]);
          expect(lt.returnData[0], `Lt ${a} ${b}`).toBe(a < b ? 1 : 0);
          const eq = call(`Eq_${k}`, [bcsEncode(a, t), bcsEncode(b, t)]);
          expect(eq.returnData[0], `Eq ${a} ${b}`).toBe(a === b ? 1 : 0);
        }
        for (const s of [0, 1, 7, 8, 31, 32, 52, 53, 63, 64, 127, 255]) {
          for (const [op, model] of Object.entries(SHIFTS)) {
            const r = call(`${op}_${k}`, [bcsEncode(a, t), Uint8Array.of(s)]);
            expect(result(r), `${op} ${a} ${s}`).toBe(model(a, s, bits));
          }
        }
      }
      for (const v of edges(256)) {
        const r = call(`Cast_${k}`, [bcsEncode(v, { k: 'u256' })]);
        expect(result(r), `Cast ${v}`).toBe(v < 1n << BigInt(bits) ? v : 'error');
      }
      expect(checked).toBeGreaterThan(100);
    });
  }
});

describe('bigMod and bigDiv', () => {
  it('agree with % and / whether or not the divisor is a power of two, as divisors alternate', () => {
    const x = (1n << 127n) + 12345678901234567890n;
    for (const b of [1n << 64n, (1n << 64n) + 1n, 1n << 64n, 1n, 3n, 1n << 127n, 2n, (1n << 64n) - 1n]) {
      expect(bigMod(x, b)).toBe(x % b);
      expect(bigDiv(x, b)).toBe(x / b);
    }
  });
});
