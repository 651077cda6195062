import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromNumber, fixturesOrWarn, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { humanAddress } from '../cosmwasm/host.js';
import { CosmWasmRuntime } from '../cosmwasm/runtime.js';
import { compileInstrumented, prepareModule } from '../engine/compile.js';
import '../engine/webassembly.js';
import { KERNELS } from '../../bench/kernels.js';
import { Interpreter } from '../interp/machine.js';
import { accountIdToAddress } from '../near/account.js';
import { NearRuntime } from '../near/runtime.js';
import { COSMWASM_PROFILE, NEAR_PROFILE, type WasmProfile } from '../profile.js';
import { watToWasm } from '../wat.js';
import { GAS_EXPORT } from './options.js';

/**
 * Pins the gas the instrumented code charges, so a change to how metering is injected (where the
 * counter lives, where charges sit) must reproduce today's figures exactly: kernels with loops,
 * branches, recursion, bulk memory and out-of-gas, on both profiles, and real contracts with host
 * calls in between.
 */

/** The same call on the interpreter, which charges instruction by instruction. */
async function interpreterGas(profile: WasmProfile, name: string, arg: number | bigint) {
  const prepared = prepareModule(await watToWasm(KERNELS), profile);
  const interp = new Interpreter(prepared.module, prepared.codes, {}, { metering: profile.instrument });
  const gas = interp.exports[GAS_EXPORT] as WebAssembly.Global;
  gas.value = BIG;
  (interp.exports[name] as (a: number | bigint) => unknown)(arg);
  return String(BIG - (gas.value as bigint));
}

async function kernelGas(profile: WasmProfile, name: string, arg: number | bigint, budget: bigint) {
  const exports = new WebAssembly.Instance(
    compileInstrumented(prepareModule(await watToWasm(KERNELS), profile)),
    {},
  ).exports;
  const gas = exports[GAS_EXPORT] as WebAssembly.Global;
  gas.value = budget;
  let trapped = false;
  try {
    (exports[name] as (a: number | bigint) => unknown)(arg);
  } catch {
    trapped = true;
  }
  return { used: String(budget - (gas.value as bigint)), trapped };
}

const BIG = 10n ** 15n; // below 2^53: the interpreter counts gas in a double
const PINS: Array<[string, WasmProfile, string, number | bigint, bigint, string, boolean]> = [
  ['NEAR fib(15)', NEAR_PROFILE, 'fib', 15n, BIG, '14606387268', false],
  ['NEAR sort(200)', NEAR_PROFILE, 'sort', 200, BIG, '232139782644', false],
  ['NEAR switch(50)', NEAR_PROFILE, 'switch', 50, BIG, '1357547400', false],
  ['NEAR sort(200), out of gas', NEAR_PROFILE, 'sort', 200, 10n ** 9n, '1004585076', true],
  ['CosmWasm fib(15)', COSMWASM_PROFILE, 'fib', 15n, BIG, '11342795', false],
  ['CosmWasm sort(200)', COSMWASM_PROFILE, 'sort', 200, BIG, '78682425', false],
  ['CosmWasm switch(50)', COSMWASM_PROFILE, 'switch', 50, BIG, '412505', false],
];

describe('metering gas is pinned', () => {
  for (const [label, profile, name, arg, budget, used, trapped] of PINS) {
    it(label, async () => {
      expect(await kernelGas(profile, name, arg, budget)).toEqual({ used, trapped });
      // Completed runs: the per-instruction interpreter agrees with the prepaid chains and refunds.
      if (!trapped) expect(await interpreterGas(profile, name, arg)).toBe(used);
    });
  }

  const dir = fixturesOrWarn('wasm/contracts', 'pinned gas of real contracts');
  it.skipIf(!dir)('real contracts with host calls: NEAR set_status, ft transfer; CosmWasm hackatom', () => {
    const code = (f: string) => new Uint8Array(readFileSync(join(dir!, f)));
    const alice = accountIdToAddress('alice.near');
    const contract = accountIdToAddress('contract.near');
    const near = (file: string, calls: Array<[string, string]>) => {
      const rt = new NearRuntime();
      const state = new JournaledState();
      rt.deploy(state, { sender: alice, address: contract, code: code(file), gasLimit: 300n * 10n ** 12n });
      return calls.map(([method, args]) => {
        const r = rt.execute(state, {
          sender: alice,
          to: contract,
          input: new TextEncoder().encode(args),
          value: 0n,
          gasLimit: 300n * 10n ** 12n,
          nonce: 0n,
          payload: { method },
        });
        return `${r.status} ${r.gasUsed}`;
      });
    };
    const gas = [
      ...near('near_status_message.wasm', [['set_status', '{"message":"hi"}']]),
      ...near('near_lockable_fungible_token.wasm', [
        ['new', '{"owner_id":"alice.near","total_supply":"1000"}'],
        ['transfer', '{"new_owner_id":"bob.near","amount":"10"}'],
      ]),
    ];
    const admin = addressFromNumber(1, 32);
    const hackatom = new CosmWasmRuntime().deploy(new JournaledState(), {
      sender: admin,
      address: addressFromNumber(0xc0, 32),
      code: code('cosmwasm_hackatom.wasm'),
      input: new TextEncoder().encode(
        JSON.stringify({ verifier: humanAddress(admin), beneficiary: humanAddress(admin) }),
      ),
      gasLimit: 10n ** 15n,
    });
    gas.push(`${hackatom.status} ${hackatom.gasUsed}`);
    expect(gas).toEqual([
      'success 1566522910203',
      'success 2047508498830',
      'success 2501302599352',
      'success 9747691755',
    ]);
  });
});
