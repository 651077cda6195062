import { opcodeInfo } from '../binary/opcodes.js';
import type { CodeUnit, CompiledUnit, SignatureToken } from '../binary/types.js';
import { verifyError } from './error.js';

/**
 * Bounds checker (move-bytecode-verifier `check_bounds.rs`): every index in every table and every
 * instruction operand points inside its table, so later passes can index without checks.
 */
export function checkBounds(unit: CompiledUnit): void {
  const n = {
    identifiers: unit.identifiers.length,
    addresses: unit.addressIdentifiers.length,
    modules: unit.moduleHandles.length,
    structs: unit.structHandles.length,
    functions: unit.functionHandles.length,
    signatures: unit.signatures.length,
  };
  const check = (what: string, index: number, length: number): void => {
    if (index >= length)
      throw verifyError('INDEX_OUT_OF_BOUNDS', `${what} index ${index} out of bounds (table has ${length})`);
  };
  const token = (t: SignatureToken): void => {
    if (t.kind === 'vector') token(t.elem);
    else if (t.kind === 'ref' || t.kind === 'mutref') token(t.inner);
    else if (t.kind === 'struct') check('struct handle', t.handle, n.structs);
    else if (t.kind === 'structInst') {
      check('struct handle', t.handle, n.structs);
      for (const a of t.args) token(a);
    }
  };
  for (const h of [...unit.moduleHandles, ...(unit.kind === 'module' ? unit.friendDecls : [])]) {
    check('address identifier', h.address, n.addresses);
    check('identifier', h.name, n.identifiers);
  }
  for (const h of unit.structHandles) {
    check('module handle', h.module, n.modules);
    check('identifier', h.name, n.identifiers);
  }
  for (const h of unit.functionHandles) {
    check('module handle', h.module, n.modules);
    check('identifier', h.name, n.identifiers);
    check('signature', h.parameters, n.signatures);
    check('signature', h.returns, n.signatures);
  }
  for (const i of unit.functionInstantiations) {
    check('function handle', i.target, n.functions);
    check('signature', i.typeParameters, n.signatures);
  }
  for (const s of unit.signatures) s.forEach(token);
  for (const c of unit.constantPool) token(c.type);
  if (unit.kind === 'script') {
    check('signature', unit.parameters, n.signatures);
    checkCode(unit, unit.code, unit.signatures[unit.parameters]!.length, 'script main');
    return;
  }
  check('self module handle', unit.selfModuleHandle, n.modules);
  for (const d of unit.structDefs) {
    check('struct handle', d.handle, n.structs);
    for (const f of d.fields ?? []) {
      check('identifier', f.name, n.identifiers);
      token(f.type);
    }
  }
  for (const i of unit.structDefInstantiations) {
    check('struct definition', i.target, unit.structDefs.length);
    check('signature', i.typeParameters, n.signatures);
  }
  for (const h of unit.fieldHandles) {
    check('struct definition', h.owner, unit.structDefs.length);
    const fields = unit.structDefs[h.owner]!.fields;
    if (!fields)
      throw verifyError('INDEX_OUT_OF_BOUNDS', `field handle points into native struct ${h.owner}`);
    check('field', h.field, fields.length);
  }
  for (const i of unit.fieldInstantiations) {
    check('field handle', i.target, unit.fieldHandles.length);
    check('signature', i.typeParameters, n.signatures);
  }
  for (const f of unit.functionDefs) {
    check('function handle', f.handle, n.functions);
    for (const a of f.acquires) check('struct definition', a, unit.structDefs.length);
    const handle = unit.functionHandles[f.handle]!;
    if (handle.module !== unit.selfModuleHandle) {
      throw verifyError('INVALID_MODULE_HANDLE', 'function definition is not in the self module');
    }
    if (f.code)
      checkCode(unit, f.code, unit.signatures[handle.parameters]!.length, unit.identifiers[handle.name]!);
  }
  for (const d of unit.structDefs) {
    if (unit.structHandles[d.handle]!.module !== unit.selfModuleHandle) {
      throw verifyError('INVALID_MODULE_HANDLE', 'struct definition is not in the self module');
    }
  }
}

function checkCode(unit: CompiledUnit, code: CodeUnit, params: number, fn: string): void {
  const locals = unit.signatures[code.locals];
  if (!locals)
    throw verifyError('INDEX_OUT_OF_BOUNDS', `locals signature ${code.locals} out of bounds`, { fn });
  const localCount = params + locals.length;
  // Locals are addressed by a u8 (file_format.rs `LocalIndex`).
  if (localCount > 256) throw verifyError('TOO_MANY_LOCALS', `${localCount} locals`, { fn });
  const tables: Record<string, number> = {
    constant: unit.constantPool.length,
    functionHandle: unit.functionHandles.length,
    functionInst: unit.functionInstantiations.length,
    signature: unit.signatures.length,
    fieldHandle: unit.kind === 'module' ? unit.fieldHandles.length : 0,
    fieldInst: unit.kind === 'module' ? unit.fieldInstantiations.length : 0,
    structDef: unit.kind === 'module' ? unit.structDefs.length : 0,
    structInst: unit.kind === 'module' ? unit.structDefInstantiations.length : 0,
  };
  code.code.forEach((ins, offset) => {
    const info = opcodeInfo(ins.op)!;
    if (info.operand === 'offset' && ins.a >= code.code.length) {
      throw verifyError('INDEX_OUT_OF_BOUNDS', `branch target ${ins.a} outside the code`, { fn, offset });
    }
    if (info.operand === 'local' && ins.a >= localCount) {
      throw verifyError('INDEX_OUT_OF_BOUNDS', `local ${ins.a} out of bounds (${localCount} locals)`, {
        fn,
        offset,
      });
    }
    if (info.table && ins.a >= tables[info.table]!) {
      throw verifyError('INDEX_OUT_OF_BOUNDS', `${info.name} ${info.table} index ${ins.a} out of bounds`, {
        fn,
        offset,
      });
    }
  });
}
