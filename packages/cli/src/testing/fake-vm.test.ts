import { addressFromNumber, collectSteps, JournaledState } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { assemble, fakeRuntimeFactory, fakeWorkload, PROGRAMS } from './fake-vm.js';

// The CLI's tests lean on this machine; these checks make sure it really computes, meters and
// reverts, so a CLI test that passes is not passing against a stub.
describe('fake stack machine', () => {
  const runtime = fakeRuntimeFactory('alpha', 2).create();

  it('runs the counter program, charging per op, and commits storage', async () => {
    const state = new JournaledState();
    const prepared = await fakeWorkload('alpha', 'counter', PROGRAMS.counter, 'counter').prepare(
      state,
      runtime,
    );
    const first = await prepared.run();
    expect(first.status).toBe('success');
    expect(await prepared.result(first, state)).toEqual({ counter: '1' });
    // PUSH PUSH LOAD PUSH ADD STORE PUSH LOAD RETURN: 6 simple ops, 2 loads, 1 store, at 2 gas per unit.
    expect(first.gasUsed).toBe(2 * (6 + 2 * 10 + 100));
    expect(first.metrics.instructions).toBe(9);
    const second = await prepared.run();
    expect(await prepared.result(second, state)).toEqual({ counter: '2' });
  });

  it('traces every step with the stack before it', async () => {
    const state = new JournaledState();
    const prepared = await fakeWorkload('alpha', 'square', PROGRAMS.square, 'x').prepare(state, runtime);
    const { tracer, steps } = collectSteps();
    await prepared.run({ tracer });
    expect(steps.map((s) => s.op)).toEqual(['PUSH', 'PUSH', 'MUL', 'RETURN']);
    expect(steps[3]!.stack).toEqual(['49']);
    expect(steps[2]!.pc).toBe(18);
  });

  it('reverts state on FAIL and on running out of gas', () => {
    const state = new JournaledState();
    const sender = addressFromNumber(9, 8);
    const write = assemble('PUSH', 5n, 'PUSH', 6n, 'STORE', 'FAIL');
    const to = runtime.deploy(state, { sender, code: write, gasLimit: 0n }) as { createdAddress: Uint8Array };
    const tx = { sender, to: to.createdAddress, input: new Uint8Array(0), value: 0n, nonce: 0n };
    const root = state.stateRoot();
    const failed = runtime.execute(state, { ...tx, gasLimit: 10_000n }) as { status: string };
    expect(failed.status).toBe('revert');
    const starved = runtime.execute(state, { ...tx, gasLimit: 5n }) as { status: string };
    expect(starved.status).toBe('out-of-gas');
    expect(state.stateRoot()).toEqual(root);
  });
});
