import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JournaledState, locateFixtures } from '@polyvm/core';
import { decode as oracleDecode } from '@webassemblyjs/wasm-parser';
import { bench, group, run, summary } from 'mitata';
import { compileInstrumented, prepareModule } from '../src/engine/compile.js';
import { GAS_EXPORT } from '../src/instrument/options.js';
import { Interpreter } from '../src/interp/machine.js';
import { accountIdToAddress } from '../src/near/account.js';
import { NearRuntime } from '../src/near/runtime.js';
import { NEAR_PROFILE, SPEC_PROFILE } from '../src/profile.js';
import { watToWasm } from '../src/wat.js';
import { meteringGroups } from './metering.js';
import { syntheticModule } from './synthetic.js';

const contracts = locateFixtures('wasm/contracts').dir;
const fixture = (name: string) =>
  contracts ? new Uint8Array(readFileSync(join(contracts, name))) : undefined;

const synthetic = await syntheticModule(1 << 20);
group('decode + validate + instrument', () => {
  bench(`synthetic ${(synthetic.length / 1e6).toFixed(2)} MB (${SPEC_PROFILE.name} profile)`, () =>
    prepareModule(synthetic, SPEC_PROFILE),
  );
  const hackatom = fixture('cosmwasm_hackatom.wasm');
  if (hackatom) bench('cosmwasm_hackatom.wasm 296 KB', () => prepareModule(hackatom, SPEC_PROFILE));
  const status = fixture('near_status_message.wasm');
  if (status)
    bench('near_status_message.wasm 122 KB (NEAR profile)', () => prepareModule(status, NEAR_PROFILE));
  const small = fixture('near_test_contract.wasm');
  if (small) {
    summary(() => {
      bench('near_test_contract.wasm 29 KB: ours', () => prepareModule(small, SPEC_PROFILE));
      bench('near_test_contract.wasm 29 KB: @webassemblyjs/wasm-parser decode only', () =>
        oracleDecode(small.buffer.slice(small.byteOffset, small.byteOffset + small.length) as ArrayBuffer),
      );
    });
  }
});

const lcg =
  await watToWasm(`(module (func (export "run") (param $n i32) (result i64) (local $x i64) (local $i i32)
  (local.set $x (i64.const 1))
  (loop $next
    (local.set $x (i64.add (i64.mul (local.get $x) (i64.const 6364136223846793005)) (i64.const 1442695040888963407)))
    (local.set $i (i32.add (local.get $i) (i32.const 1)))
    (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
  (local.get $x)))`);
const plain = new WebAssembly.Instance(new WebAssembly.Module(lcg), {}).exports.run as (n: number) => bigint;
const prepared = prepareModule(lcg, NEAR_PROFILE);
const meteredExports = new WebAssembly.Instance(compileInstrumented(prepared), {}).exports;
const metered = meteredExports.run as (n: number) => bigint;
const gas = meteredExports[GAS_EXPORT] as WebAssembly.Global;
const interp = new Interpreter(prepared.module, prepared.codes, {}, { metering: NEAR_PROFILE.instrument });
const interpGas = interp.exports[GAS_EXPORT] as WebAssembly.Global;
const interpreted = interp.exports.run as (n: number) => bigint;

group('execution: 10,000-iteration 64-bit LCG loop', () => {
  summary(() => {
    bench('V8, uninstrumented', () => plain(10_000));
    bench('V8, metered (inline gas counter)', () => {
      gas.value = 300_000_000_000_000n;
      return metered(10_000);
    });
    bench('pure-TS interpreter (trace path, no tracer)', () => {
      interpGas.value = 300_000_000_000_000n;
      return interpreted(10_000);
    });
  });
});

const status = fixture('near_status_message.wasm');
if (status) {
  const rt = new NearRuntime();
  const state = new JournaledState();
  const alice = accountIdToAddress('alice.near');
  const contract = accountIdToAddress('status.near');
  rt.deploy(state, { sender: alice, address: contract, code: status, gasLimit: 300_000_000_000_000n });
  const tx = {
    sender: alice,
    to: contract,
    input: new TextEncoder().encode('{"message":"hello"}'),
    value: 0n,
    gasLimit: 300_000_000_000_000n,
    nonce: 0n,
    payload: { method: 'set_status' },
  };
  group('NEAR status_message.set_status (instantiate + call + storage)', () => {
    bench('runtime.call', () => rt.call(state, tx));
  });
}

await meteringGroups();
await run();
