import { expect } from 'vitest';
import { type Call, differential } from './differential.test-util.js';

/** Runs the calls on solc's bytecode and on polyvm's; everything observable but gas must match. */
export function agree(
  source: string,
  calls: readonly Call[],
  ctorArgs = '',
  options = { requireSuccesses: true },
) {
  const { solc, polyvm } = differential(source, calls, ctorArgs);
  expect(solc.deploy.status, 'solc deploy').toBe('success');
  expect(polyvm.deploy.status, 'deploy').toBe(solc.deploy.status);
  // A sequence where everything reverts would agree vacuously.
  if (options.requireSuccesses)
    expect(solc.calls.filter((c) => c.status === 'success').length).toBeGreaterThan(calls.length / 3);
  polyvm.calls.forEach((call, i) => {
    const { gas: _g, ...ours } = call;
    const { gas: _s, ...theirs } = solc.calls[i]!;
    expect(ours, `call ${i} ${calls[i]!.sig}(${calls[i]!.args ?? ''})`).toEqual(theirs);
  });
  expect(polyvm.storage).toEqual(solc.storage);
  return { solc, polyvm };
}
