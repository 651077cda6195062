import { Ability } from '../binary/types.js';
import { abilitiesOf, has } from './abilities.js';
import { basicBlocks } from './cfg.js';
import { verifyError } from './error.js';
import type { FunctionContext } from './type-check.js';

const UNAVAILABLE = 0;
const AVAILABLE = 1;
const MAYBE = 2;

/**
 * Locals safety (move-bytecode-verifier `locals_safety`): a forward data-flow over basic blocks of
 * each local's availability. Reading a moved-out local, overwriting or abandoning a value without
 * `drop` at return (resource safety: no implicit drop of resources) are rejected.
 */
export function checkLocals(ctx: FunctionContext): void {
  const instrs = ctx.code.code;
  const blocks = basicBlocks(instrs);
  const blockAt = new Map(blocks.map((b, i) => [b.start, i]));
  const droppable = ctx.locals.map((t) => has(abilitiesOf(ctx.unit, t, ctx.typeParams), Ability.Drop));
  const entry = new Uint8Array(ctx.locals.length);
  entry.fill(AVAILABLE, 0, ctx.paramCount);
  const states: (Uint8Array | undefined)[] = blocks.map(() => undefined);
  states[0] = entry;
  const work = [0];
  while (work.length > 0) {
    const bi = work.pop()!;
    const block = blocks[bi]!;
    const state = states[bi]!.slice();
    for (let pc = block.start; pc <= block.end; pc++) {
      const ins = instrs[pc]!;
      const fail = (status: string, message: string): never => {
        throw verifyError(status, message, { fn: ctx.name, offset: pc });
      };
      switch (ins.op) {
        case 0x0a: // CopyLoc
        case 0x0d: // MutBorrowLoc
        case 0x0e: // ImmBorrowLoc
          if (state[ins.a] !== AVAILABLE)
            fail('COPYLOC_UNAVAILABLE_ERROR', `local ${ins.a} is not available`);
          break;
        case 0x0b: // MoveLoc
          if (state[ins.a] !== AVAILABLE)
            fail('MOVELOC_UNAVAILABLE_ERROR', `local ${ins.a} is not available`);
          state[ins.a] = UNAVAILABLE;
          break;
        case 0x0c: // StLoc
          if (state[ins.a] !== UNAVAILABLE && !droppable[ins.a]) {
            fail('STLOC_UNSAFE_TO_DESTROY_ERROR', `local ${ins.a} holds a value without drop`);
          }
          state[ins.a] = AVAILABLE;
          break;
        case 0x02: // Ret
          state.forEach((s, i) => {
            if (s !== UNAVAILABLE && !droppable[i]) {
              fail('UNSAFE_RET_UNUSED_VALUES_WITHOUT_DROP', `local ${i} still holds a value without drop`);
            }
          });
          break;
      }
    }
    for (const succ of blocks[bi]!.successors) {
      const si = blockAt.get(succ)!;
      const prev = states[si];
      if (!prev) {
        states[si] = state.slice();
        work.push(si);
        continue;
      }
      let changed = false;
      for (let i = 0; i < prev.length; i++) {
        if (prev[i] !== state[i] && prev[i] !== MAYBE) {
          prev[i] = MAYBE;
          changed = true;
        }
      }
      if (changed) work.push(si);
    }
  }
}
