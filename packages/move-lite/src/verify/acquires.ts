import { Ability, type CompiledModule } from '../binary/types.js';
import { verifyError } from './error.js';

/**
 * Acquires annotations (move-bytecode-verifier `acquires_list_verifier.rs`): a function lists
 * exactly the resources it borrows or moves from global storage, directly or through calls to
 * functions of the same module, and each listed type has `key`.
 */
export function checkAcquires(module: CompiledModule): void {
  const defOfHandle = new Map<number, number>();
  module.functionDefs.forEach((d, i) => {
    defOfHandle.set(d.handle, i);
  });
  module.functionDefs.forEach((def) => {
    const fn = module.identifiers[module.functionHandles[def.handle]!.name]!;
    const annotated = new Set(def.acquires);
    for (const a of def.acquires) {
      const handle = module.structHandles[module.structDefs[a]!.handle]!;
      if ((handle.abilities & Ability.Key) === 0) {
        throw verifyError('INVALID_ACQUIRES_ANNOTATION', `acquires a struct without key`, { fn });
      }
    }
    if (!def.code) return;
    const used = new Set<number>();
    def.code.code.forEach((ins, offset) => {
      let acquired: number[] = [];
      switch (ins.op) {
        case 0x2a: // MutBorrowGlobal
        case 0x2b: // ImmBorrowGlobal
        case 0x2c: // MoveFrom
          acquired = [ins.a];
          break;
        case 0x3c: // MutBorrowGlobalGeneric
        case 0x3d: // ImmBorrowGlobalGeneric
        case 0x3e: // MoveFromGeneric
          acquired = [module.structDefInstantiations[ins.a]!.target];
          break;
        case 0x11: // Call
        case 0x38: {
          // CallGeneric: a callee in this module passes its acquires on to the caller.
          const handle = ins.op === 0x38 ? module.functionInstantiations[ins.a]!.target : ins.a;
          const callee = defOfHandle.get(handle);
          if (callee !== undefined) acquired = module.functionDefs[callee]!.acquires;
          break;
        }
      }
      for (const a of acquired) {
        if (!annotated.has(a)) {
          throw verifyError(
            'MISSING_ACQUIRES_RESOURCE_ANNOTATION_ERROR',
            `struct definition ${a} is acquired but not annotated`,
            { fn, offset },
          );
        }
        used.add(a);
      }
    });
    for (const a of annotated) {
      if (!used.has(a)) {
        throw verifyError(
          'EXTRANEOUS_ACQUIRES_RESOURCE_ANNOTATION_ERROR',
          `struct definition ${a} is annotated but never acquired`,
          { fn },
        );
      }
    }
  });
}
