import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addressFromHex, JournaledState, locateFixtures } from '@polyvm/core';
import { bench, do_not_optimize, run, summary } from 'mitata';
import {
  assembleToBytes,
  deserializeModule,
  MoveRuntime,
  publishStdlib,
  verifyModule,
} from '../src/index.js';
import { FIB_SOURCE } from '../src/testing/samples.js';

/**
 * Move VM benchmarks: binary decoding and verification of the real Starcoin framework, and the
 * interpreter on call-, arithmetic- and vector-heavy code. Run with `pnpm bench`.
 */
const SOURCE = `${FIB_SOURCE.replace('0x42::fib', '0x42::bench')}public fun lcg(n: u64): u64 {
  locals x: u128, i: u64
  LdU128 1
  StLoc x
  LdU64 0
  StLoc i
Loop:
  CopyLoc i
  CopyLoc n
  Lt
  BrFalse Done
  MoveLoc x
  LdU128 6364136223846793005
  Mul
  LdU128 1442695040888963407
  Add
  LdU128 18446744073709551616
  Mod
  StLoc x
  MoveLoc i
  LdU64 1
  Add
  StLoc i
  Branch Loop
Done:
  MoveLoc x
  CastU64
  Ret
}
`;

const runtime = new MoveRuntime();
const state = new JournaledState();
publishStdlib(runtime, state);
const owner = addressFromHex('0x42', 32);
runtime.deploy(state, { sender: owner, code: assembleToBytes(SOURCE), gasLimit: 100_000_000n });

const u64 = (v: number): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
  return b;
};
const call = (fn: string, arg: number) =>
  runtime.execute(state, {
    sender: owner,
    input: new Uint8Array(0),
    value: 0n,
    nonce: 0n,
    gasLimit: 100_000_000_000n,
    payload: { module: '0x42::bench', function: fn, args: [u64(arg)] },
  });

for (const [fn, arg] of [
  ['fib', 20],
  ['lcg', 10_000],
] as const) {
  const r = call(fn, arg);
  console.log(`${fn}(${arg}): ${r.status}, ${r.metrics.instructions} instructions, ${r.gasUsed} gas`);
}

summary(() => {
  bench('interpreter: fib(20) (21891 calls)', () => do_not_optimize(call('fib', 20)));
  bench('interpreter: u128 LCG x10,000', () => do_not_optimize(call('lcg', 10_000)));
});

const { dir } = locateFixtures('move');
if (dir) {
  const folder = join(dir, 'starcoin-framework-v6');
  const binaries = readdirSync(folder)
    .filter((f) => f.endsWith('.mv'))
    .map((f) => readFileSync(join(folder, f)));
  const decoded = binaries.map((b) => deserializeModule(b, { addressWidth: 16 }));
  summary(() => {
    bench(`decode ${binaries.length} Starcoin modules`, () =>
      do_not_optimize(binaries.map((b) => deserializeModule(b, { addressWidth: 16 }))),
    );
    bench(`verify ${decoded.length} Starcoin modules`, () =>
      do_not_optimize(decoded.map((m) => verifyModule(m))),
    );
  });
} else {
  console.warn('!!! Starcoin fixtures not found: skipping the decode/verify benchmarks');
}

await run();
