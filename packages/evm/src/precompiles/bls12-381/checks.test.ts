import { bls12_381 } from '@noble/curves/bls12-381.js';
import { describe, expect, it } from 'vitest';
import { PrecompileFailure } from '../types.js';
import { blsG1Add, blsG2Add } from './add.js';
import { G1_SIZE, G2_SIZE } from './encoding.js';
import { blsMapFpToG1 } from './map.js';
import { blsG1Msm, blsG2Msm } from './msm.js';
import { blsPairingCheck } from './pairing.js';

const { Fp } = bls12_381.fields;

function fp(out: Uint8Array, offset: number, value: bigint): void {
  for (let i = 63; i >= 16; i--) {
    out[offset + i] = Number(value & 0xffn);
    value >>= 8n;
  }
}

/** A point on y² = x³ + 4 that is not in the prime-order subgroup (the cofactor is large). */
function offSubgroupG1(): Uint8Array {
  for (let x = 1n; ; x++) {
    const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 4n);
    let y: bigint;
    try {
      y = Fp.sqrt(rhs);
    } catch {
      continue;
    }
    const point = bls12_381.G1.Point.fromAffine({ x, y });
    if (point.isTorsionFree()) continue;
    const out = new Uint8Array(G1_SIZE);
    fp(out, 0, x);
    fp(out, 64, y);
    return out;
  }
}

function g1Generator(): Uint8Array {
  const { x, y } = bls12_381.G1.Point.BASE.toAffine();
  const out = new Uint8Array(G1_SIZE);
  fp(out, 0, x);
  fp(out, 64, y);
  return out;
}

function g2Generator(): Uint8Array {
  const { x, y } = bls12_381.G2.Point.BASE.toAffine();
  const out = new Uint8Array(G2_SIZE);
  fp(out, 0, x.c0);
  fp(out, 64, x.c1);
  fp(out, 128, y.c0);
  fp(out, 192, y.c1);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const scalar = (n: number): Uint8Array => {
  const out = new Uint8Array(32);
  out[31] = n;
  return out;
};

describe('EIP-2537 checks', () => {
  const bad = offSubgroupG1();
  it('G1ADD accepts on-curve points outside the subgroup (no subgroup check)', () => {
    expect(blsG1Add(concat(bad, new Uint8Array(G1_SIZE)), 375).output).toEqual(bad);
  });
  it('G1MSM and the pairing check reject points outside the subgroup', () => {
    expect(() => blsG1Msm(concat(bad, scalar(1)), 1e6)).toThrow(PrecompileFailure);
    expect(() => blsPairingCheck(concat(bad, g2Generator()), 1e6)).toThrow(/subgroup/);
  });
  it('G2MSM of 2·G equals G2ADD of G + G', () => {
    const g = g2Generator();
    const msm = blsG2Msm(concat(g, scalar(2)), 1e6);
    expect(msm.gas).toBe(22500);
    expect(msm.output).toEqual(blsG2Add(concat(g, g), 600).output);
  });
  it('G1MSM rejects empty and ragged input', () => {
    expect(() => blsG1Msm(new Uint8Array(0), 1e6)).toThrow(PrecompileFailure);
    expect(() => blsG1Msm(concat(g1Generator(), scalar(1), new Uint8Array(1)), 1e6)).toThrow(
      PrecompileFailure,
    );
  });
  it('runs out of gas below the price', () => {
    expect(() => blsMapFpToG1(new Uint8Array(64), 5499)).toThrow(expect.objectContaining({ outOfGas: true }));
    expect(blsMapFpToG1(new Uint8Array(64), 5500).gas).toBe(5500);
  });
});
