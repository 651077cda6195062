import { bls12_381 } from '@noble/curves/bls12-381.js';
import { addressFromNumber, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble } from './asm/assembler.js';
import { World } from './host/world.js';
import { precompileAt, precompileCount } from './precompiles/index.js';
import { EvmRuntime, runtimeFactory } from './runtime.js';

const alice = addressFromNumber(0xa11ce, 20);
const G1ADD = addressFromNumber(0x0b, 20);
const PROBE = 0xc0de;

/** G1 generator + point at infinity: G1ADD returns the generator. */
function g1AddInput(): Uint8Array {
  const out = new Uint8Array(256);
  const { x, y } = bls12_381.G1.Point.BASE.toAffine();
  for (const [offset, value] of [
    [0, x],
    [64, y],
  ] as const) {
    let v = value;
    for (let i = offset + 63; i >= offset + 16; i--) {
      out[i] = Number(v & 0xffn);
      v >>= 8n;
    }
  }
  return out;
}

const tx = (to: Uint8Array, input: Uint8Array) => ({
  sender: alice,
  to,
  input,
  value: 0n,
  gasLimit: 1_000_000n,
  nonce: 0n,
});

describe('fork switch', () => {
  it('defaults to Cancun', () => {
    expect((runtimeFactory.create() as EvmRuntime).fork).toBe('Cancun');
    expect(precompileCount()).toBe(10);
    expect(precompileCount('Prague')).toBe(0x11);
    expect(precompileAt(0x0bn)).toBeUndefined();
    expect(precompileAt(0x0bn, 'Prague')).toBeDefined();
  });

  it('runs the EIP-2537 precompiles only from Prague', () => {
    const input = g1AddInput();
    const cancun = new EvmRuntime().call(new JournaledState(), tx(G1ADD, input));
    expect(cancun.status).toBe('success');
    expect(cancun.returnData).toEqual(new Uint8Array(0));
    const prague = new EvmRuntime({ fork: 'Prague' }).call(new JournaledState(), tx(G1ADD, input));
    expect(prague.status).toBe('success');
    expect(prague.returnData).toEqual(input.subarray(0, 128));
    // A per-call override picks the fork too.
    const override = new EvmRuntime().call(new JournaledState(), tx(G1ADD, input), { fork: 'Prague' });
    expect(override.returnData).toEqual(input.subarray(0, 128));
  });

  it('pre-warms the Prague precompile addresses (EIP-2929)', () => {
    const code = assemble('PUSH 17 BALANCE STOP');
    const gasOf = (runtime: EvmRuntime) => {
      const state = new JournaledState();
      new World(state).setCode(BigInt(PROBE), code);
      return runtime.call(state, tx(addressFromNumber(PROBE, 20), new Uint8Array(0))).gasUsed;
    };
    expect(gasOf(new EvmRuntime())).toBe(21000 + 3 + 2600);
    expect(gasOf(new EvmRuntime({ fork: 'Prague' }))).toBe(21000 + 3 + 100);
  });
});

describe('EIP-7623 calldata floor', () => {
  const EMPTY = addressFromNumber(0xe0, 20);
  const data = new Uint8Array(100).fill(1); // 400 tokens: floor 25000, standard intrinsic 22600

  it('charges the floor from Prague only', () => {
    expect(new EvmRuntime().call(new JournaledState(), tx(EMPTY, data)).gasUsed).toBe(21000 + 1600);
    expect(new EvmRuntime({ fork: 'Prague' }).call(new JournaledState(), tx(EMPTY, data)).gasUsed).toBe(
      25000,
    );
  });

  it('rejects a gas limit below the floor from Prague only', () => {
    const low = { ...tx(EMPTY, data), gasLimit: 24_999n };
    expect(new EvmRuntime().call(new JournaledState(), low).status).toBe('success');
    const prague = new EvmRuntime({ fork: 'Prague' }).call(new JournaledState(), low);
    expect(prague.status).toBe('invalid');
    expect(prague.error?.message).toMatch(/EIP-7623/);
  });

  it('applies the refund before the floor', () => {
    // Clearing slot 0 (originally 1): 2 + 2 + 5000 gas, refund 4800 (EIP-3529).
    const code = assemble('PUSH0 PUSH0 SSTORE STOP');
    const run = (runtime: EvmRuntime, input: Uint8Array) => {
      const state = new JournaledState();
      const world = new World(state);
      world.setCode(BigInt(PROBE), code);
      world.setStorage(BigInt(PROBE), 0n, 1n);
      return runtime.call(state, tx(addressFromNumber(PROBE, 20), input));
    };
    const prague = new EvmRuntime({ fork: 'Prague' });
    // 10 non-zero bytes: 21160 + 5004 = 26164 used, 21364 after the refund, floor 21400 wins.
    const ten = new Uint8Array(10).fill(1);
    expect(run(new EvmRuntime(), ten).gasUsed).toBe(21364);
    expect(run(prague, ten).gasUsed).toBe(21400);
    // 1 non-zero byte: 21016 + 5004 - 4800 = 21220 is above the floor 21040.
    expect(run(prague, Uint8Array.of(1)).gasUsed).toBe(21220);
  });
});
