/**
 * Differential test: every corpus case on the `wasm` target (NEAR profile) against the IR interpreter.
 * Functions the back end cannot compile yet are left out of the module (typed UnsupportedErrors,
 * tallied by construct below). Calls to a left-out view/pure function are skipped (they cannot change
 * state); a case stops at the first call to a left-out state-changing function.
 * Outcome, revert reason, return values and events must agree, and after each call the final storage:
 * the module's path-keyed entries read back as solc would lay them out (`solc-storage.ts`) against the
 * IR interpreter's slots.
 */
import { UnsupportedError } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { comparable, compileCorpus, loadCorpus, storageJson } from '../../test/corpus-harness.js';
import { irTarget } from '../target/ir-target.js';
import { type ChainSpec, chainTarget } from './chain-target.js';
import { compileModule } from './compile-module.js';
import { cosmwasmProfile } from './cosmwasm-profile.js';
import { cosmwasmChain } from './cosmwasm-target.js';
import { nearProfile } from './near-profile.js';
import type { Profile } from './profile.js';
import { nearChain } from './target.js';

const { cases, sources } = loadCorpus();

/** The construct named by an UnsupportedError: the text after its last `unsupported on wasm: `, up to ` (`. */
function construct(error: UnsupportedError): string {
  const tail = error.message.split('unsupported on wasm: ').at(-1)!;
  return tail.split(' (')[0]!;
}

const PROFILES: [string, Profile, ChainSpec<never>][] = [
  ['NEAR', nearProfile, nearChain as ChainSpec<never>],
  ['CosmWasm', cosmwasmProfile, cosmwasmChain as ChainSpec<never>],
];

describe.each(PROFILES)(
  `wasm back end (%s) on the ${cases.length}-case corpus against the IR interpreter`,
  (label, profile, chain) => {
    it('agrees on every call it supports', () => {
      const compilation = compileCorpus(sources);
      const skips = new Map<string, number>();
      const tally = (error: UnsupportedError) => {
        const key = construct(error);
        skips.set(key, (skips.get(key) ?? 0) + 1);
      };
      let [full, partial, none, agreed, notRun] = [0, 0, 0, 0, 0];
      const perCase: string[] = [];
      const mismatches: unknown[] = [];
      const storageMismatches: unknown[] = [];
      let storageAgreed = 0;
      for (const c of cases) {
        const artifact = compilation.artifact(c.file, c.contract);
        let module: ReturnType<typeof compileModule>;
        try {
          module = compileModule(artifact.ir, profile, { skipUnsupported: true });
        } catch (error) {
          if (!(error instanceof UnsupportedError)) throw error;
          tally(error);
          none++;
          notRun += c.calls.length;
          continue;
        }
        expect(WebAssembly.validate(module.wasm), `${c.name}: V8 validation`).toBe(true);
        for (const s of module.skipped) tally(s.error);
        const skipped = new Map(module.skipped.map((s) => [s.fn.name, s.fn.mutability] as const));
        const wasm = chainTarget(profile.target, chain, () => module);
        const ir = irTarget.deploy(artifact, c.deploy);
        const ours = wasm.deploy(artifact, c.deploy);
        expect(comparable(ours.result), `${c.name} deploy`).toEqual(comparable(ir.result));
        let ran = 0;
        for (const call of c.calls) {
          const mutability = skipped.get(call.fn);
          if (mutability === 'view' || mutability === 'pure') continue;
          if (mutability !== undefined) break;
          const context = {
            ...(call.from !== undefined ? { sender: BigInt(call.from) } : {}),
            ...(call.block !== undefined ? { blockNumber: BigInt(call.block) } : {}),
            ...(call.timestamp !== undefined ? { timestamp: BigInt(call.timestamp) } : {}),
          };
          const expected = comparable(ir.deployment!.call(call.fn, call.args ?? [], context));
          const actual = comparable(ours.deployment!.call(call.fn, call.args ?? [], context));
          ran++;
          const storage = [ir.deployment!.storage(), ours.deployment!.storage()].map((m) =>
            JSON.stringify(storageJson(m)),
          );
          if (storage[0] === storage[1]) storageAgreed++;
          else storageMismatches.push({ case: c.name, call: call.fn, ir: storage[0], ours: storage[1] });
          if (JSON.stringify(actual) === JSON.stringify(expected)) agreed++;
          else
            mismatches.push({
              case: c.name,
              call: `${call.fn}(${JSON.stringify(call.args ?? [])})`,
              expected,
              actual,
            });
        }
        notRun += c.calls.length - ran;
        perCase.push(`${c.name} ${ran}/${c.calls.length}`);
        if (ran === c.calls.length && module.skipped.length === 0) full++;
        else partial++;
      }
      const bySkip = [...skips].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n}× ${k}`);
      console.log(
        `wasm corpus (${label}): ${full} cases fully supported, ${partial} partly, ${none} not at all; ` +
          `${agreed} calls agree with the IR (storage after ${storageAgreed}), ${notRun} calls not run\nunsupported constructs:\n${bySkip.join('\n')}\ncalls run per case: ${perCase.join(', ')}`,
      );
      expect(mismatches).toEqual([]);
      expect(storageMismatches.slice(0, 5)).toEqual([]);
      expect(agreed).toBeGreaterThan(100);
    }, 300_000);
  },
);
