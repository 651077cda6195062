/** Test helper: a Solidity source on the svm target and on the IR interpreter, call by call. */
import { expect } from 'vitest';
import { compile } from '../compile.js';
import { irTarget } from '../target/ir-target.js';
import type { CallContext, Deployment, JsValue } from '../target/target.js';
import { svmTarget } from './target.js';

export type Call = readonly [fn: string, args: readonly unknown[]];

/**
 * Deploys `contract` of `source` on both, makes `calls` (each must agree on status, revert, returns
 * and events), then compares final storage; returns the svm deployment for further checks.
 */
export function agreeWithIr(
  source: string,
  contract: string,
  calls: readonly Call[],
  context: Partial<CallContext> = {},
): Deployment {
  const artifact = compile(source, { contract });
  const ir = irTarget.deploy(artifact, []).deployment!;
  const svm = svmTarget.deploy(artifact, []).deployment!;
  for (const [fn, args] of calls) {
    const label = `${fn}(${args.map(String).join(', ')})`;
    const expected = ir.call(fn, args as JsValue[], context);
    const actual = svm.call(fn, args as JsValue[], context);
    expect({ label, ...actual, gas: null }).toEqual({ label, ...expected, gas: null });
  }
  expect(svm.storage()).toEqual(ir.storage());
  return svm;
}
