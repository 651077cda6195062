import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  addressFromNumber,
  fixturesOrWarn,
  JournaledState,
  type Transaction,
  UnsupportedError,
} from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { GAS_PER_OPERATION } from '../gas/cosmwasm.js';
import { bech32Decode, bech32Encode } from './bech32.js';
import { canonicalAddress, humanAddress } from './host.js';
import { type CosmWasmCallPayload, CosmWasmRuntime, cosmwasmRuntimeFactory } from './runtime.js';

const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const GAS = 10n ** 15n;
const verifier = addressFromNumber(1, 32);
const beneficiary = addressFromNumber(2, 32);
const contract = addressFromNumber(0xc0, 32);

function msg(
  sender: Uint8Array,
  body: unknown,
  entry?: CosmWasmCallPayload['entry'],
  gasLimit = GAS,
): Transaction<CosmWasmCallPayload> {
  return {
    sender,
    to: contract,
    input: enc(JSON.stringify(body)),
    value: 0n,
    gasLimit,
    nonce: 0n,
    payload: entry ? { entry } : {},
  };
}

describe('bech32 addresses', () => {
  it('round-trips and validates checksums (BIP-173 test vector)', () => {
    expect(bech32Decode('a12uel5l')).toEqual({ prefix: 'a', data: new Uint8Array(0) });
    expect(bech32Decode('a12uel5m')).toBeUndefined();
    const data = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(bech32Decode(bech32Encode('cosmwasm', data))!.data).toEqual(data);
    expect(canonicalAddress(humanAddress(data))).toEqual(data);
    expect(canonicalAddress('cosmos1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqnrql8a')).toMatch(/prefix|bech32/);
  });
});

describe('cosmwasmRuntimeFactory', () => {
  it('creates the runtime named cosmwasm with 115 gas per operation', () => {
    const rt = cosmwasmRuntimeFactory.create();
    expect(rt.name).toBe('cosmwasm');
    expect(rt.gasSchedule.referenceOpCost).toBe(GAS_PER_OPERATION);
  });
});

const dir = fixturesOrWarn('wasm/contracts', 'CosmWasm contract tests');
/** cosmwasm-std's default `iterator` feature makes most testdata contracts export requires_iterator. */
const WITH_ITERATOR = { capabilities: ['iterator'] };

describe.skipIf(!dir)('CosmWasm fixture contracts (cosmwasm packages/vm/testdata)', () => {
  const code = (name: string) => new Uint8Array(readFileSync(join(dir!, name)));

  function hackatom() {
    const rt = new CosmWasmRuntime();
    const state = new JournaledState();
    const init = { verifier: humanAddress(verifier), beneficiary: humanAddress(beneficiary) };
    const r = rt.deploy(state, {
      sender: verifier,
      address: contract,
      code: code('cosmwasm_hackatom.wasm'),
      input: enc(JSON.stringify(init)),
      gasLimit: GAS,
    });
    return { rt, state, r };
  }

  it('hackatom: instantiate stores the config and logs through debug', () => {
    const { r, state } = hackatom();
    expect(r.status).toBe('success');
    expect(r.createdAddress).toEqual(contract);
    expect(r.logs).toContain('here we go 🚀');
    expect(r.stateDiff.some((c) => c.namespace === 'cosmwasm/storage')).toBe(true);
    expect(r.gasBreakdown.compute).toBeGreaterThan(0);
    expect(state.entries('cosmwasm/storage').length).toBeGreaterThan(0);
  });

  it('hackatom: query verifier returns the JSON the contract stored', () => {
    const { rt, state } = hackatom();
    const q = rt.call(state, msg(verifier, { verifier: {} }, 'query'));
    expect(q.status).toBe('success');
    expect(JSON.parse(dec(q.returnData))).toEqual({ verifier: humanAddress(verifier) });
  });

  it('hackatom: release is refused to others (revert) and fails typed for the verifier: its BankMsg is not dispatched', () => {
    const { rt, state } = hackatom();
    const root = state.stateRoot();
    const denied = rt.execute(state, msg(beneficiary, { release: { denom: 'earth' } }));
    expect(denied.status).toBe('revert');
    expect(denied.error?.message).toContain('Unauthorized');
    expect(state.stateRoot()).toEqual(root);
    const release = rt.execute(state, msg(verifier, { release: { denom: 'earth' } }));
    expect(release.status).toBe('error');
    expect(release.error).toBeInstanceOf(UnsupportedError);
    expect(release.error?.details).toMatchObject({ feature: 'cosmwasm:messages', messages: ['bank.send'] });
    expect(release.stateDiff).toEqual([]);
    expect(release.events).toEqual([]);
    expect(state.stateRoot()).toEqual(root);
  });

  it('hackatom: cpu_loop runs out of gas and panic aborts, both with state unchanged', () => {
    const { rt, state } = hackatom();
    const root = state.stateRoot();
    const loop = rt.execute(state, msg(verifier, { cpu_loop: {} }, 'execute', 10n ** 11n));
    expect(loop.status).toBe('out-of-gas');
    expect(loop.gasUsed).toBe(1e11);
    const panic = rt.execute(state, msg(verifier, { panic: {} }));
    expect(panic.status).toBe('revert');
    expect(panic.error?.message).toMatch(/panic/i);
    expect(state.stateRoot()).toEqual(root);
  });

  it('requires_* capabilities are checked at deploy: requires_iterator is refused by default, typed', () => {
    const state = new JournaledState();
    const request = {
      sender: verifier,
      address: addressFromNumber(7, 32),
      code: code('cosmwasm_empty.wasm'),
      gasLimit: GAS,
    };
    const refused = new CosmWasmRuntime().deploy(state, request);
    expect(refused.status).toBe('invalid');
    expect(refused.error).toBeInstanceOf(UnsupportedError);
    expect(refused.error?.details).toMatchObject({
      feature: 'cosmwasm:iterator',
      capabilities: ['iterator'],
    });
    expect(state.entries()).toEqual([]);
    expect(new CosmWasmRuntime({ capabilities: ['iterator'] }).deploy(state, request).status).toBe('success');
  });

  it('empty and floaty instantiate; contracts without the CosmWasm exports are rejected', () => {
    const rt = new CosmWasmRuntime(WITH_ITERATOR);
    const state = new JournaledState();
    const empty = rt.deploy(state, {
      sender: verifier,
      address: addressFromNumber(7, 32),
      code: code('cosmwasm_empty.wasm'),
      gasLimit: GAS,
    });
    expect(empty.status).toBe('success');
    const floaty = rt.deploy(state, {
      sender: verifier,
      address: addressFromNumber(8, 32),
      code: code('cosmwasm_floaty_2.0.wasm'),
      gasLimit: GAS,
    });
    expect(floaty.status).toBe('success');
    const near = rt.deploy(state, {
      sender: verifier,
      code: code('near_status_message.wasm'),
      gasLimit: GAS,
    });
    expect(near.status).toBe('invalid');
    expect(near.error?.message).toMatch(/CosmWasm contracts may import only env/);
  });

  it('floaty: every float instruction gives the same bits on V8 and on the interpreter, NaNs canonical', () => {
    const rt = new CosmWasmRuntime(WITH_ITERATOR);
    const state = new JournaledState();
    const floaty = addressFromNumber(9, 32);
    rt.deploy(state, {
      sender: verifier,
      address: floaty,
      code: code('cosmwasm_floaty_2.0.wasm'),
      gasLimit: GAS,
    });
    /** The query's JSON answer, or `trap` when the instruction trapped (e.g. trunc of infinity). */
    const query = (body: unknown, traced = false): unknown => {
      const r = rt.call(
        state,
        { ...msg(verifier, body, 'query'), to: floaty },
        traced ? { tracer: () => {} } : {},
      );
      if (r.status === 'error' && r.error?.message.startsWith('wasm trap')) return 'trap';
      expect(r.error?.message ?? '', JSON.stringify(body)).toBe('');
      return JSON.parse(dec(r.returnData));
    };
    const instructions = query({ instructions: {} }) as string[];
    expect(instructions.length).toBeGreaterThan(50);
    let nans = 0;
    let traps = 0;
    for (const instruction of instructions) {
      for (const seed of [1, 7]) {
        const args = query({ random_args_for: { instruction, seed } });
        const result = query({ run: { instruction, args } });
        if (seed === 1 && /^(f(32|64)\.(div|sqrt|min|nearest)|i32\.trunc_f32_s)$/.test(instruction)) {
          expect(query({ run: { instruction, args } }, true)).toEqual(result);
        }
        if (result === 'trap') {
          traps++;
          continue;
        }
        const [kind, raw] = Object.entries(result as Record<string, number | string>)[0]!;
        const bits = BigInt(raw);
        const isNaN32 = kind === 'u32' && instruction.startsWith('f32') && (bits & 0x7fffffffn) > 0x7f800000n;
        const isNaN64 = kind === 'u64' && (bits & 0x7fffffffffffffffn) > 0x7ff0000000000000n;
        if ((isNaN32 || isNaN64) && !/abs|neg|copysign|reinterpret/.test(instruction)) {
          nans++;
          expect(bits).toBe(isNaN32 ? 0x7fc00000n : 0x7ff8000000000000n);
        }
      }
    }
    console.log(
      `floaty: ${instructions.length} instructions x 2 seeds, ${nans} NaN results (all canonical), ${traps} traps`,
    );
    expect(nans).toBeGreaterThan(0);
  });
});
