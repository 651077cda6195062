import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesOrWarn } from '@polyvm/core';
import { describe, expect, it } from 'vitest';
import { compileInstrumented, isRejection, prepareModule } from '../engine/compile.js';
import '../engine/webassembly.js';
import { decodeModule } from '../module/decode.js';
import { SECTION } from '../module/types.js';
import { SPEC_PROFILE } from '../profile.js';

const contracts = fixturesOrWarn('wasm/contracts', 'validator differential fuzzing against V8');

/** Knuth's MMIX LCG: deterministic mutations, no Math.random. */
function* lcg(seed: bigint): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    yield Number(x >> 33n);
  }
}

describe.skipIf(!contracts)('decoder/validator vs V8 on mutated real code', () => {
  it('agrees with V8 up to post-MVP features; whatever it accepts instruments into a module V8 compiles', () => {
    const bytes = new Uint8Array(readFileSync(join(contracts!, 'near_test_contract.wasm')));
    const code = decodeModule(bytes).sections.find((s) => s.id === SECTION.code)!;
    const random = lcg(42n);
    let accepted = 0;
    let rejected = 0;
    for (let i = 0; i < 400; i++) {
      const mutant = bytes.slice();
      const at = code.start + (random.next().value! % (code.end - code.start));
      mutant[at] = random.next().value! & 0xff;
      let reason: string | undefined;
      try {
        compileInstrumented(prepareModule(mutant, SPEC_PROFILE));
      } catch (err) {
        if (!isRejection(err)) throw err;
        reason = err.message;
      }
      const v8 = WebAssembly.validate(mutant);
      if (reason === undefined) {
        accepted++;
        expect(v8, `byte ${at} mutated`).toBe(true);
      } else {
        rejected++;
        // V8 also implements post-MVP proposals (SIMD, reference types, multi-value), so it may
        // accept opcodes and table indices the MVP profile rejects; nothing else may differ.
        if (v8)
          expect(reason, `byte ${at} mutated`).toMatch(
            /illegal opcode|zero byte expected|multi-value|result arity/,
          );
      }
    }
    console.log(`mutants: ${accepted} accepted by both, ${rejected} rejected by us`);
    expect(accepted).toBeGreaterThan(20);
    expect(rejected).toBeGreaterThan(20);
  });
});
