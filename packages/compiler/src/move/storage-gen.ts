/**
 * Storage access for the Move back end. Every state variable is a field of the `State` resource at
 * the module's address; a storage path walks from it through table entries (`mapping`), vector
 * elements (`T[]`, `T[k]`) and struct fields, holding one Move reference per step. Keys and indices
 * are evaluated first, root outwards, so no call runs while `State` is borrowed.
 *
 * - A read of a missing table entry is the zero value (an unset EVM slot reads 0); an index at or past
 *   the length is Panic(0x32).
 * - A write creates each missing table entry on its way (`table::add` of the zero value).
 * - A storage pointer local (`S storage p = a[i]`) is its path, with the keys kept in locals of its own.
 */
import type { StorageRef } from '../ir/nodes.js';
import {
  type IrArrayType,
  type IrMappingType,
  type IrStructType,
  type IrType,
  typeName,
} from '../ir/types.js';
import type { Emitter, Operand } from './emitter.js';
import { fieldName } from './fields.js';
import { moveBits, moveType, structName } from './types.js';

type Step =
  | { readonly kind: 'key'; readonly key: Operand; readonly table: IrMappingType }
  | {
      readonly kind: 'index';
      readonly index: Operand;
      readonly indexType: IrType;
      readonly array: IrArrayType;
    }
  | { readonly kind: 'field'; readonly struct: IrStructType; readonly field: string };

/** A storage place: a state variable and the steps below it. */
export interface Place {
  readonly variable: number;
  readonly rootType: IrType;
  readonly steps: readonly Step[];
  readonly type: IrType;
}

export class StorageGen {
  /** Storage pointer locals → their place (keys in `p<local>_<n>` locals). */
  readonly #pointers = new Map<number, Place>();

  constructor(readonly out: Emitter) {}

  /** The place a path names, evaluating its keys and indices root outwards. */
  place(ref: StorageRef): Place {
    switch (ref.kind) {
      case 'var':
        return { variable: ref.variable, rootType: ref.type, steps: [], type: ref.type };
      case 'local': {
        const pointer = this.#pointers.get(ref.local);
        if (pointer === undefined) throw this.out.unsupported('storage pointer used before it is bound');
        return pointer;
      }
      case 'mapping': {
        const base = this.place(ref.base);
        if (base.type.kind !== 'mapping')
          throw this.out.unsupported(`mapping access on ${typeName(base.type)}`);
        const key = this.out.operand(ref.key);
        return { ...base, steps: [...base.steps, { kind: 'key', key, table: base.type }], type: ref.type };
      }
      case 'index': {
        const base = this.place(ref.base);
        if (base.type.kind !== 'array') throw this.out.unsupported(`index access on ${typeName(base.type)}`);
        const index = this.out.operand(ref.index);
        const indexType = ref.index.type!;
        const step: Step = { kind: 'index', index, indexType, array: base.type };
        return { ...base, steps: [...base.steps, step], type: ref.type };
      }
      case 'field': {
        const base = this.place(ref.base);
        if (base.type.kind !== 'struct') throw this.out.unsupported(`field access on ${typeName(base.type)}`);
        return {
          ...base,
          steps: [...base.steps, { kind: 'field', struct: base.type, field: ref.field }],
          type: ref.type,
        };
      }
    }
  }

  /** Binds storage pointer `local` to `place`: its keys and indices are copied into the pointer's own locals. */
  bindPointer(local: number, place: Place): void {
    const keyTypes: string[] = [];
    const steps = place.steps.map((step, n): Step => {
      if (step.kind === 'field') return step;
      const name = `p${local}_${n}`;
      const type = moveType(step.kind === 'key' ? step.table.key : step.indexType);
      keyTypes.push(type);
      this.out.namedLocal(name, type);
      this.out.emit((step.kind === 'key' ? step.key : step.index).push);
      this.out.emit(`StLoc ${name}`);
      return step.kind === 'key'
        ? { ...step, key: { push: `CopyLoc ${name}` } }
        : { ...step, index: { push: `CopyLoc ${name}` } };
    });
    const bound = { ...place, steps };
    const previous = this.#pointers.get(local);
    if (previous !== undefined && shape(previous) !== shape(bound))
      throw this.out.unsupported('storage pointer re-pointed to a differently shaped path');
    this.#pointers.set(local, bound);
  }

  /** The place of a bound pointer (for returning a pointer's keys). */
  pointer(local: number): Place | undefined {
    return this.#pointers.get(local);
  }

  /**
   * Leaves a reference to `place` in a new local and returns its name. Immutable walks branch to
   * `missing` at an absent table entry (after releasing the reference); mutable walks add it.
   */
  borrow(place: Place, mutable: boolean, missing: string | null): string {
    const out = this.out;
    const mut = mutable ? 'mut ' : '';
    const Kind = mutable ? 'Mut' : 'Imm';
    out.touchState();
    let ref = out.temp(`&${mut}${moveType(place.rootType)}`, 'r');
    out.emit(`LdConst ${out.selfConstant}`);
    out.emit(`${Kind}BorrowGlobal State`);
    out.emit(`${Kind}BorrowField State.${out.fieldOf(place.variable)}`);
    out.emit(`StLoc ${ref}`);
    for (const step of place.steps) {
      let inner: IrType;
      switch (step.kind) {
        case 'key': {
          inner = step.table.value;
          const kv = `${moveType(step.table.key)}, ${moveType(inner)}`;
          const present = out.newLabel('Present');
          out.emit(`CopyLoc ${ref}`);
          if (mutable) out.emit('FreezeRef');
          out.emit(step.key.push);
          out.emit(`Call 0x1::table::contains<${kv}>`);
          out.emit(`BrTrue ${present}`);
          if (mutable) {
            out.emit(`CopyLoc ${ref}`);
            out.emit(step.key.push);
            out.pushZero(inner);
            out.emit(`Call 0x1::table::add<${kv}>`);
          } else {
            if (missing === null) throw out.unsupported('read of a table entry without a default');
            out.emit(`MoveLoc ${ref}`);
            out.emit('Pop');
            out.emit(`Branch ${missing}`);
          }
          out.label(present);
          out.emit(`MoveLoc ${ref}`);
          out.emit(step.key.push);
          out.emit(`Call 0x1::table::${mutable ? 'borrow_mut' : 'borrow'}<${kv}>`);
          break;
        }
        case 'index': {
          inner = step.array.element;
          const element = moveType(inner);
          const length = `CopyLoc ${ref}|${mutable ? 'FreezeRef|' : ''}VecLen<${element}>|CastU256`;
          out.panicIf(`${step.index.push}|CastU256|${length}|Ge`, 0x32);
          out.emit(`MoveLoc ${ref}`);
          out.emit(step.index.push);
          out.emit('CastU64');
          out.emit(`Vec${Kind}Borrow<${element}>`);
          break;
        }
        case 'field': {
          const field = step.struct.fields.find((f) => f.name === step.field);
          if (field === undefined) throw out.unsupported(`field ${step.field} of ${typeName(step.struct)}`);
          inner = field.type;
          out.emit(`MoveLoc ${ref}`);
          out.emit(`${Kind}BorrowField ${structName(step.struct)}.${fieldName(step.field)}`);
          break;
        }
      }
      ref = out.temp(`&${mut}${moveType(inner)}`, 'r');
      out.emit(`StLoc ${ref}`);
    }
    return ref;
  }

  /** `f(ref)` on the value at `place`, or `absent()` when a table entry on the way is missing. */
  #read(place: Place, resultType: string, use: (ref: string) => void, absent: () => void): Operand {
    const out = this.out;
    const result = out.temp(resultType);
    const hasKeys = place.steps.some((s) => s.kind === 'key');
    const missing = hasKeys ? out.newLabel('Missing') : null;
    const done = out.newLabel('Read');
    const ref = this.borrow(place, false, missing);
    out.emit(`MoveLoc ${ref}`);
    use(ref);
    out.emit(`StLoc ${result}`);
    if (missing !== null) {
      out.emit(`Branch ${done}`);
      out.label(missing);
      absent();
      out.emit(`StLoc ${result}`);
      out.label(done);
    }
    return { push: `CopyLoc ${result}` };
  }

  /** The value at `place` (a copy); a missing table entry reads as zero. */
  load(place: Place): Operand {
    return this.#read(
      place,
      moveType(place.type),
      () => this.out.emit('ReadRef'),
      () => this.out.pushZero(place.type),
    );
  }

  /** `length` of the array or string at `place`, as `type`. */
  length(place: Place, type: IrType): Operand {
    const element = elementType(place.type);
    const bits = type.kind === 'uint' ? type.bits : 0;
    if (bits < 64) throw this.out.unsupported(`length as ${typeName(type)}`);
    const cast = bits === 64 ? [] : [`CastU${moveBits(bits)}`];
    return this.#read(
      place,
      `u${moveBits(bits)}`,
      () => {
        this.out.emit(`VecLen<${element}>`);
        for (const c of cast) this.out.emit(c);
      },
      () => this.out.emit(`LdU${moveBits(bits)} 0`),
    );
  }

  /** Overwrites the value at `place` with `value` (already computed). */
  store(place: Place, value: Operand): void {
    const ref = this.borrow(place, true, null);
    this.out.emit(value.push);
    this.out.emit(`MoveLoc ${ref}`);
    this.out.emit('WriteRef');
  }

  /** `a.push(v)` (`value` null: the zero element). */
  push(place: Place, value: Operand | null): void {
    if (place.type.kind !== 'array' && place.type.kind !== 'bytes')
      throw this.out.unsupported(`push on ${typeName(place.type)}`);
    const element = elementIrType(place.type);
    const ref = this.borrow(place, true, null);
    this.out.emit(`MoveLoc ${ref}`);
    if (value === null) this.out.pushZero(element);
    else this.out.emit(value.push);
    this.out.emit(`VecPushBack<${moveType(element)}>`);
  }

  /** `a.pop()`: Panic(0x31) when empty. */
  pop(place: Place): void {
    const element = elementType(place.type);
    const ref = this.borrow(place, true, null);
    this.out.panicIf(`CopyLoc ${ref}|FreezeRef|VecLen<${element}>|LdU64 0|Eq`, 0x31);
    this.out.emit(`MoveLoc ${ref}`);
    this.out.emit(`VecPopBack<${element}>`);
    this.out.emit('Pop');
  }
}

/** The types of a place's keys and indices, in path order: what a storage pointer is passed as. */
export function keyTypes(place: Place): IrType[] {
  return place.steps.flatMap((s) =>
    s.kind === 'key' ? [s.table.key] : s.kind === 'index' ? [s.indexType] : [],
  );
}

/** Pushes a place's keys and indices, in path order. */
export function keyOperands(place: Place): Operand[] {
  return place.steps.flatMap((s) => (s.kind === 'key' ? [s.key] : s.kind === 'index' ? [s.index] : []));
}

/** The same path with its keys and indices taken from `keys` (in path order). */
export function withKeys(place: Place, keys: readonly Operand[]): Place {
  let n = 0;
  const steps = place.steps.map((s): Step => {
    if (s.kind === 'key') return { ...s, key: keys[n++]! };
    if (s.kind === 'index') return { ...s, index: keys[n++]! };
    return s;
  });
  return { ...place, steps };
}

function elementIrType(type: IrType): IrType {
  if (type.kind === 'array') return type.element;
  return { kind: 'uint', bits: 8 };
}

function elementType(type: IrType): string {
  if (type.kind !== 'array' && type.kind !== 'string' && type.kind !== 'bytes')
    throw new TypeError(`no elements in ${typeName(type)}`);
  return moveType(elementIrType(type));
}

/** A path's shape (variable and step kinds), which a re-pointed storage pointer must keep. */
export function shape(place: Place): string {
  return [place.variable, ...place.steps.map((s) => (s.kind === 'field' ? s.field : s.kind))].join('/');
}
