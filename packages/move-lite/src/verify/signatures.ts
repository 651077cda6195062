import { Ability, type CompiledUnit, type SignatureToken } from '../binary/types.js';
import { formatToken } from '../binary/view.js';
import { abilitiesOf, has } from './abilities.js';
import { verifyError } from './error.js';

/** Type nesting limit for instantiations (aptos/move `max_type_depth` default is 256 nodes deep). */
export const MAX_TYPE_DEPTH = 256;
/** Type parameters per function/struct (file_format_common.rs `TYPE_PARAMETER_COUNT_MAX`). */
export const MAX_TYPE_PARAMETERS = 255;

/**
 * Signature checker (move-bytecode-verifier `signature.rs`): references only at the top of
 * parameter/return/local signatures, type parameters in range, struct arities match, and every
 * instantiation satisfies its ability constraints. Also checks struct fields against the struct's
 * declared abilities (`ability_field_requirements.rs`).
 */
export function checkSignatures(unit: CompiledUnit): void {
  const token = (t: SignatureToken, typeParams: readonly number[], refAllowed: boolean): void =>
    checkToken(unit, t, typeParams, refAllowed);
  for (const h of unit.structHandles) {
    if (h.typeParameters.length > MAX_TYPE_PARAMETERS)
      throw verifyError('TOO_MANY_TYPE_PARAMETERS', 'struct');
  }
  for (const h of unit.functionHandles) {
    if (h.typeParameters.length > MAX_TYPE_PARAMETERS)
      throw verifyError('TOO_MANY_TYPE_PARAMETERS', 'function');
    for (const t of unit.signatures[h.parameters]!) token(t, h.typeParameters, true);
    for (const t of unit.signatures[h.returns]!) token(t, h.typeParameters, true);
  }
  for (const c of unit.constantPool) checkConstantType(unit, c.type);
  for (const i of unit.functionInstantiations) {
    if (unit.signatures[i.typeParameters]!.length !== unit.functionHandles[i.target]!.typeParameters.length) {
      throw verifyError('NUMBER_OF_TYPE_ARGUMENTS_MISMATCH', 'function instantiation arity');
    }
  }
  if (unit.kind === 'script') {
    for (const t of unit.signatures[unit.parameters]!) token(t, unit.typeParameters, true);
    for (const t of unit.signatures[unit.code.locals]!) token(t, unit.typeParameters, true);
    return;
  }
  for (const d of unit.structDefs) {
    const handle = unit.structHandles[d.handle]!;
    const tps = handle.typeParameters.map((p) => p.constraints);
    for (const f of d.fields ?? []) {
      token(f.type, tps, false);
      // Fields need what the struct promises: copy→copy, drop→drop, store or key→store. Type
      // parameters count as having every ability here; instantiations are checked where they occur.
      const fieldAbilities = abilitiesOf(
        unit,
        f.type,
        tps.map(() => 0xf),
      );
      const need =
        (handle.abilities & Ability.Copy) |
        (handle.abilities & Ability.Drop) |
        (handle.abilities & (Ability.Store | Ability.Key) ? Ability.Store : 0);
      if (!has(fieldAbilities, need)) {
        throw verifyError(
          'FIELD_MISSING_TYPE_ABILITY',
          `field ${unit.identifiers[f.name]} of ${unit.identifiers[handle.name]} lacks abilities its struct declares`,
        );
      }
    }
  }
  for (const f of unit.functionDefs) {
    const handle = unit.functionHandles[f.handle]!;
    if (f.code) for (const t of unit.signatures[f.code.locals]!) token(t, handle.typeParameters, true);
  }
}

/** Constants are primitives or vectors of them (move-bytecode-verifier `constants.rs`). */
function checkConstantType(unit: CompiledUnit, t: SignatureToken): void {
  if (t.kind === 'vector') {
    checkConstantType(unit, t.elem);
  } else if (
    t.kind === 'signer' ||
    t.kind === 'ref' ||
    t.kind === 'mutref' ||
    t.kind === 'tparam' ||
    t.kind === 'struct' ||
    t.kind === 'structInst'
  ) {
    throw verifyError('INVALID_CONSTANT_TYPE', `constant of type ${formatToken(unit, t)}`);
  }
}

/**
 * Whether the ability constraints of a struct instantiation nested `depth` deep in a signature are
 * checked: from bytecode v6 at every depth; before, only the outermost token (signature.rs
 * `check_type_instantiation` keeps the old, shallower check for older binaries).
 */
const checksConstraintsAt = (unit: CompiledUnit, depth: number): boolean => unit.version >= 6 || depth === 0;

/** Checks one type in the context of some type parameters (a struct's or a function's). */
export function checkToken(
  unit: CompiledUnit,
  t: SignatureToken,
  typeParams: readonly number[],
  refAllowed: boolean,
  depth = 0,
): void {
  if (depth > MAX_TYPE_DEPTH) throw verifyError('TOO_MANY_TYPE_NODES', 'type nesting too deep');
  switch (t.kind) {
    case 'ref':
    case 'mutref':
      if (!refAllowed)
        throw verifyError('INVALID_SIGNATURE_TOKEN', `reference not allowed here: ${formatToken(unit, t)}`);
      checkToken(unit, t.inner, typeParams, false, depth + 1);
      return;
    case 'vector':
      checkToken(unit, t.elem, typeParams, false, depth + 1);
      return;
    case 'tparam':
      if (t.index >= typeParams.length) {
        throw verifyError(
          'INDEX_OUT_OF_BOUNDS',
          `type parameter T${t.index} out of range (${typeParams.length})`,
        );
      }
      return;
    case 'struct':
      if (unit.structHandles[t.handle]!.typeParameters.length !== 0) {
        throw verifyError('NUMBER_OF_TYPE_ARGUMENTS_MISMATCH', `generic struct used without type arguments`);
      }
      return;
    case 'structInst': {
      const handle = unit.structHandles[t.handle]!;
      if (handle.typeParameters.length !== t.args.length) {
        throw verifyError(
          'NUMBER_OF_TYPE_ARGUMENTS_MISMATCH',
          `${formatToken(unit, t)} has the wrong number of type arguments`,
        );
      }
      t.args.forEach((arg, i) => {
        checkToken(unit, arg, typeParams, false, depth + 1);
        if (!checksConstraintsAt(unit, depth)) return;
        const need = handle.typeParameters[i]!.constraints;
        if (!has(abilitiesOf(unit, arg, typeParams), need)) {
          throw verifyError(
            'CONSTRAINT_NOT_SATISFIED',
            `${formatToken(unit, arg)} does not satisfy the constraints of ${formatToken(unit, t)}`,
          );
        }
      });
      return;
    }
  }
}

/**
 * A generic instruction's type arguments, checked where they are used (the caller's type
 * parameters are in scope): well-formed and satisfying the callee's or struct's constraints.
 */
export function checkInstantiation(
  unit: CompiledUnit,
  sigIndex: number,
  constraints: readonly number[],
  typeParams: readonly number[],
): void {
  const args = unit.signatures[sigIndex]!;
  if (args.length !== constraints.length)
    throw verifyError('NUMBER_OF_TYPE_ARGUMENTS_MISMATCH', 'instantiation arity');
  args.forEach((arg, i) => {
    checkToken(unit, arg, typeParams, false);
    if (!has(abilitiesOf(unit, arg, typeParams), constraints[i]!)) {
      throw verifyError(
        'CONSTRAINT_NOT_SATISFIED',
        `type argument ${formatToken(unit, arg)} lacks required abilities`,
      );
    }
  });
}
