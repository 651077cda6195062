import { describe, expect, it } from 'vitest';
import { ExecutionError, UnsupportedError } from '../errors.js';
import { GasMeter } from '../gas.js';
import { makeReceipt } from '../receipt.js';
import type { Runtime } from '../runtime.js';
import { JournaledState } from '../state/journaled-state.js';
import { measureWorkload, NOT_APPLICABLE } from './harness.js';
import type { WorkloadImplementation } from './workload.js';

const KEY = Uint8Array.of(1);

/** A toy runtime whose only transaction increments a counter; input[0] = 1 makes it fail. */
const counterRuntime: Runtime = {
  name: 'toy',
  addressWidth: 1,
  gasSchedule: { runtime: 'toy', name: 'toy', unit: 'gas', source: 'test', referenceOpCost: 2, entries: [] },
  deploy: () => makeReceipt({ status: 'success', gasUsed: 100 }),
  call: () => makeReceipt({ status: 'success', gasUsed: 0 }),
  estimate: () => 10,
  execute(state, tx) {
    const meter = new GasMeter(Number(tx.gasLimit));
    state.checkpoint();
    const next = (state.get('toy', KEY)?.[0] ?? 0) + 1;
    state.set('toy', KEY, Uint8Array.of(next));
    meter.charge(10, 'storage');
    if (tx.input[0] === 1) {
      state.revert();
      return makeReceipt({
        status: 'revert',
        gasUsed: meter.used,
        error: new ExecutionError('asked to fail'),
      });
    }
    state.commit();
    return makeReceipt({
      status: 'success',
      gasUsed: meter.used,
      gasBreakdown: meter.breakdown(),
      returnData: Uint8Array.of(next),
      metrics: { instructions: 4, state: state.metrics() },
    });
  },
};

function workload(fail = false): WorkloadImplementation {
  return {
    runtime: 'toy',
    workload: 'counter',
    source: 'toy bytecode',
    prepare(state: JournaledState, runtime: Runtime) {
      return {
        codeSize: 3,
        deployGas: 100,
        run: () =>
          runtime.execute(state, {
            sender: Uint8Array.of(0),
            to: Uint8Array.of(1),
            input: Uint8Array.of(fail ? 1 : 0),
            value: 0n,
            gasLimit: 1000n,
            nonce: 0n,
          }),
        result: (receipt) => ({ counter: String(receipt.returnData[0]) }),
      };
    },
  };
}

describe('measureWorkload', () => {
  it('records the costs of one run and times every sample from the same state', async () => {
    let t = 0;
    const result = await measureWorkload(counterRuntime, workload(), {
      warmup: 2,
      samples: 3,
      clock: () => (t += 5),
    });
    expect(result.ok).toBe(true);
    expect(result.result).toEqual({ counter: '1' }); // each run starts from 0: state is reverted between runs
    expect(result.gasUsed).toBe(10);
    expect(result.normalizedCost).toBe(5);
    expect(result.instructions).toBe(4);
    expect(result.storage).toMatchObject({ reads: 1, writes: 1, keysTouched: 1 });
    expect(result.codeSize).toBe(3);
    expect(result.deployGas).toBe(100);
    expect(result.time).toMatchObject({ samples: 3, medianMs: 5 });
  });

  it('reports a failing workload instead of throwing', async () => {
    const result = await measureWorkload(counterRuntime, workload(true));
    expect(result.ok).toBe(false);
    expect(result.status).toBe('revert');
    expect(result.error).toBe('revert: asked to fail');
    expect(result.time).toBeUndefined();
  });

  it('marks a pair n/a, with the reason, when preparing throws UnsupportedError; other errors stay errors', async () => {
    const failing = (error: Error): WorkloadImplementation => ({
      runtime: 'toy',
      workload: 'w',
      source: 'test',
      prepare: () => {
        throw error;
      },
    });
    const unsupported = await measureWorkload(
      counterRuntime,
      failing(new UnsupportedError('unsupported on toy: x')),
    );
    expect(unsupported).toMatchObject({
      ok: false,
      status: NOT_APPLICABLE,
      error: 'UnsupportedError: unsupported on toy: x',
    });
    const broken = await measureWorkload(counterRuntime, failing(new Error('boom')));
    expect(broken).toMatchObject({ ok: false, status: 'error', error: 'Error: boom' });
  });

  it('rejects mismatched runtimes and bad settings', async () => {
    await expect(measureWorkload({ ...counterRuntime, name: 'evm' }, workload())).rejects.toThrow(
      /is for "toy"/,
    );
    await expect(measureWorkload(counterRuntime, workload(), { samples: 0 })).rejects.toThrow(
      /samples must be >= 1/,
    );
  });
});

describe('measureWorkload and the caller state', () => {
  it("leaves the caller's running access counters alone", async () => {
    const state = new JournaledState();
    state.get('toy', Uint8Array.of(9));
    await measureWorkload(counterRuntime, workload(), { warmup: 0, samples: 1, state });
    // 1 read before, then 1 per run (the checked run and one sample): nothing was reset.
    expect(state.metrics().reads).toBe(3);
  });
});
