import type { CompiledModule, CompiledScript, CompiledUnit } from '../binary/types.js';
import { FunctionFlag, Visibility } from '../binary/types.js';
import { checkAcquires } from './acquires.js';
import { checkBounds } from './bounds.js';
import { verifyError } from './error.js';
import { checkInstantiationLoops } from './instantiation-loops.js';
import { checkLocals } from './locals.js';
import { checkSignatures } from './signatures.js';
import { checkStructDefinitions } from './struct-defs.js';
import { type FunctionContext, type FunctionFacts, typeCheckFunction } from './type-check.js';

/** A module the verifier accepted, with per-function facts the interpreter uses. */
export interface VerifiedModule {
  module: CompiledModule;
  /** Indexed like `module.functionDefs`; undefined for natives. */
  facts: (FunctionFacts | undefined)[];
}

/**
 * Runs the verifier passes in the order the Move bytecode verifier does: bounds, duplication of
 * definitions, signatures and abilities, then per function: control flow, type/stack safety,
 * locals/resource safety. Throws a ValidationError whose `details.status` names the failed rule.
 *
 * Reference safety covers the rules on locals, global resources and returned references (see
 * type-check.ts); the reference-to-reference rules of the borrow graph (`ReadRef`/`WriteRef`/
 * `FreezeRef` while a reference is itself borrowed) are not checked. Cross-module linking is
 * checked by the loader when a module is used.
 */
export function verifyModule(module: CompiledModule): VerifiedModule {
  checkBounds(module);
  checkDuplicates(module);
  checkStructDefinitions(module);
  checkSignatures(module);
  checkAcquires(module);
  checkInstantiationLoops(module);
  const facts = module.functionDefs.map((def) => {
    const handle = module.functionHandles[def.handle]!;
    if (!def.code) return undefined;
    const params = module.signatures[handle.parameters]!;
    const ctx: FunctionContext = {
      unit: module,
      name: module.identifiers[handle.name]!,
      typeParams: handle.typeParameters,
      locals: [...params, ...module.signatures[def.code.locals]!],
      paramCount: params.length,
      returns: module.signatures[handle.returns]!,
      code: def.code,
    };
    const f = typeCheckFunction(ctx);
    checkLocals(ctx);
    return f;
  });
  return { module, facts };
}

export function verifyScript(script: CompiledScript): FunctionFacts {
  checkBounds(script);
  checkSignatures(script);
  const params = script.signatures[script.parameters]!;
  const ctx: FunctionContext = {
    unit: script,
    name: 'main',
    typeParams: script.typeParameters,
    locals: [...params, ...script.signatures[script.code.locals]!],
    paramCount: params.length,
    returns: [],
    code: script.code,
  };
  const facts = typeCheckFunction(ctx);
  checkLocals(ctx);
  return facts;
}

export function verify(unit: CompiledUnit): void {
  if (unit.kind === 'module') verifyModule(unit);
  else verifyScript(unit);
}

/** Duplicate definitions (move-bytecode-verifier `check_duplication.rs`), the cases that matter for lookups. */
function checkDuplicates(module: CompiledModule): void {
  const unique = <T>(items: T[], key: (t: T) => string, what: string): void => {
    const seen = new Set<string>();
    for (const item of items) {
      const k = key(item);
      if (seen.has(k)) throw verifyError('DUPLICATE_ELEMENT', `duplicate ${what} ${k}`);
      seen.add(k);
    }
  };
  unique(module.identifiers, (s) => s, 'identifier');
  unique(module.moduleHandles, (h) => `${h.address}:${h.name}`, 'module handle');
  unique(module.structHandles, (h) => `${h.module}:${h.name}`, 'struct handle');
  unique(module.functionHandles, (h) => `${h.module}:${h.name}`, 'function handle');
  unique(module.structDefs, (d) => String(d.handle), 'struct definition');
  unique(module.functionDefs, (d) => String(d.handle), 'function definition');
  // Every struct and function handle of the module itself must be defined in it
  // (check_duplication.rs `check_struct_definitions`/`check_function_definitions`), so a call
  // never reaches an undefined function at run time.
  const undefinedHandle = (
    what: string,
    handles: readonly { module: number; name: number }[],
    defs: readonly { handle: number }[],
  ): void => {
    const defined = new Set(defs.map((d) => d.handle));
    handles.forEach((h, i) => {
      if (h.module === module.selfModuleHandle && !defined.has(i))
        throw verifyError(
          'UNIMPLEMENTED_HANDLE',
          `${what} ${module.identifiers[h.name]} is declared but not defined`,
        );
    });
  };
  undefinedHandle('struct', module.structHandles, module.structDefs);
  undefinedHandle('function', module.functionHandles, module.functionDefs);
  for (const def of module.functionDefs) {
    const native = (def.flags & FunctionFlag.Native) !== 0;
    if (native && def.visibility === Visibility.Script) {
      throw verifyError('INVALID_FLAG_BITS', 'native script function');
    }
  }
}
