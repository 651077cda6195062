import { bench, group, summary } from 'mitata';
import { compileInstrumented, prepareModule } from '../src/engine/compile.js';
import { GAS_EXPORT } from '../src/instrument/options.js';
import { NEAR_PROFILE } from '../src/profile.js';
import { watToWasm } from '../src/wat.js';
import { KERNELS } from './kernels.js';

export async function meteringKernels() {
  const wasm = await watToWasm(KERNELS);
  const plain = new WebAssembly.Instance(new WebAssembly.Module(wasm), {}).exports;
  const metered = new WebAssembly.Instance(compileInstrumented(prepareModule(wasm, NEAR_PROFILE)), {})
    .exports;
  const gas = metered[GAS_EXPORT] as WebAssembly.Global;
  const refill = () => {
    gas.value = 10n ** 18n;
  };
  return {
    plainSort: plain.sort as (n: number) => bigint,
    meteredSort: metered.sort as (n: number) => bigint,
    plainFib: plain.fib as (n: bigint) => bigint,
    meteredFib: metered.fib as (n: bigint) => bigint,
    refill,
  };
}

export async function meteringGroups(): Promise<void> {
  const k = await meteringKernels();
  group('metering overhead: insertion sort of 500 u64 (branchy)', () => {
    summary(() => {
      bench('V8, uninstrumented', () => k.plainSort(500));
      bench('V8, metered', () => {
        k.refill();
        return k.meteredSort(500);
      });
    });
  });
  group('metering overhead: fib(20) by recursion (call-heavy)', () => {
    summary(() => {
      bench('V8, uninstrumented', () => k.plainFib(20n));
      bench('V8, metered', () => {
        k.refill();
        return k.meteredFib(20n);
      });
    });
  });
}

/**
 * metered / plain CPU time of each kernel: `rounds` rounds, each timing a batch of plain calls then
 * a batch of metered ones, so that load on the shared cores falls on both alike; the median of the
 * per-round ratios.
 */
export async function meteringRatios(rounds = 201, batch = 20): Promise<Record<string, number>> {
  const k = await meteringKernels();
  const pairs: Record<string, [() => unknown, () => unknown]> = {
    'insertion sort of 500 u64': [
      () => k.plainSort(500),
      () => {
        k.refill();
        return k.meteredSort(500);
      },
    ],
    'fib(20) by recursion': [
      () => k.plainFib(20n),
      () => {
        k.refill();
        return k.meteredFib(20n);
      },
    ],
  };
  const out: Record<string, number> = {};
  for (const [name, [plain, metered]] of Object.entries(pairs)) {
    // CPU time: leaves out the time the process waits for a core.
    const time = (f: () => unknown) => {
      const t = process.cpuUsage();
      for (let i = 0; i < batch; i++) f();
      const d = process.cpuUsage(t);
      return d.user + d.system;
    };
    for (let i = 0; i < 5; i++) time(plain) + time(metered);
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const p = time(plain);
      ratios.push(time(metered) / p);
    }
    out[name] = ratios.sort((a, b) => a - b)[rounds >> 1]!;
  }
  return out;
}
