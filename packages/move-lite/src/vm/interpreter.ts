import {
  type ExecutionEvent,
  OutOfGasError,
  type StepEvent,
  type Tracer,
  UnsupportedError,
} from '@polyvm/core';
import { CAST_KIND, INT_BITS } from '../binary/int-kinds.js';
import { OPCODES, opcodeInfo } from '../binary/opcodes.js';
import { CALL_STACK_LIMIT, OPERAND_STACK_LIMIT } from '../limits.js';
import { MoveAbort, vmError } from './errors.js';
import { BASE_COST, INSTR, MAX_EXECUTION_GAS, MAX_IO_GAS, MEMORY_QUOTA } from './gas.js';
import { big, canonicalOf, type Int } from './ints.js';
import { checkTypeLimits, type LoadedFunction, type Loader } from './loader.js';
import type { NativeContext } from './natives.js';
import type { GlobalStore } from './storage.js';
import type { TransactionContext } from './tx-context.js';
import {
  abstractSize,
  copyValue,
  equalValues,
  formatValue,
  heapSize,
  packedSize,
  Ref,
  type RType,
  type Value,
} from './value.js';

/** Natives whose by-value arguments end up inside a live value or storage. */
const KEEPS_ARGUMENTS = new Set(['push_back', 'append', 'native_append', 'add_box', 'write_to_event_store']);

const packedTotal = (values: readonly Value[]): number => {
  let n = 0;
  for (const v of values) n += packedSize(v);
  return n;
};

const MAX = INT_BITS.map((b) => (1n << BigInt(b)) - 1n);
/** Largest result kept as a number on the fast paths: the width's maximum, or 2^53 - 1. */
const MAX_NUMBER = INT_BITS.map((b) => Math.min(2 ** b - 1, Number.MAX_SAFE_INTEGER));
/** Gas category of each opcode's base cost: 0 compute, 2 storage, 3 call (core GAS_CATEGORIES order). */
const CATEGORY = new Uint8Array(256);
for (const o of OPCODES) {
  if (/Global|MoveFrom|MoveTo|Exists/.test(o.name)) CATEGORY[o.code] = 2;
  else if (o.name.startsWith('Call') || o.name === 'Ret') CATEGORY[o.code] = 3;
}
const CATEGORY_NAMES = ['compute', 'memory', 'storage', 'call', 'crypto', 'other'] as const;

interface Frame {
  fn: LoadedFunction;
  locals: Value[];
  pc: number;
  typeArgs: readonly RType[];
}

/**
 * The Move interpreter (move-vm-runtime `interpreter.rs`): one operand stack shared by all frames,
 * a call stack of frames with their locals, pre-decoded instruction arrays and per-instruction
 * integer widths from the verifier. Gas is counted in plain numbers and reported per category.
 */
export class Interpreter {
  used = 0;
  /** What is left of the memory quota, in abstract value units. */
  memory = MEMORY_QUOTA;
  /** Storage IO gas so far. */
  io = 0;
  /** Where execution stops: the transaction's limit, or `max_execution_gas` past the IO gas. */
  bound: number;
  readonly byCategory = new Float64Array(6);
  instructions = 0;
  readonly events: ExecutionEvent[] = [];
  readonly logs: string[] = [];
  readonly #native: NativeContext;

  constructor(
    readonly loader: Loader,
    readonly store: GlobalStore,
    readonly limit: number,
    tx: TransactionContext,
    readonly tracer?: Tracer,
  ) {
    this.bound = Math.min(limit, MAX_EXECUTION_GAS);
    this.#native = {
      charge: (amount, category) => this.charge(amount, CATEGORY_NAMES.indexOf(category)),
      store,
      addressWidth: loader.addressWidth,
      tx,
      emit: (e) => this.events.push(e),
      log: (line) => this.logs.push(line),
    };
  }

  charge(amount: number, category = 0): void {
    this.used += amount;
    this.byCategory[category]! += amount;
    if (this.used > this.bound) this.#outOfGas();
  }

  /** Storage IO gas: counts against the transaction's limit and the chain's `max_io_gas`. */
  chargeIo(amount: number): void {
    this.io += amount;
    if (this.io > MAX_IO_GAS) {
      this.used = Math.min(this.limit, this.used + amount);
      throw new OutOfGasError(`IO_LIMIT_REACHED: storage IO gas above max_io_gas ${MAX_IO_GAS}`, {
        details: { status: 'IO_LIMIT_REACHED', limit: MAX_IO_GAS },
      });
    }
    this.bound = Math.min(this.limit, MAX_EXECUTION_GAS + this.io);
    this.charge(amount, 2);
  }

  /**
   * Takes `amount` from the transaction's memory quota (aptos-memory-usage-tracker
   * `use_heap_memory`: copies, constants, packs and pushes use it; pops, unpacks, overwrites,
   * comparisons and returning frames give it back).
   */
  useMemory(amount: number): void {
    this.memory -= amount;
    if (this.memory < 0) {
      throw vmError('MEMORY_LIMIT_EXCEEDED', `the transaction's memory quota of ${MEMORY_QUOTA} is used up`);
    }
  }

  #outOfGas(): never {
    if (this.used <= this.limit) {
      this.used = this.bound;
      throw new OutOfGasError(
        `EXECUTION_LIMIT_REACHED: execution gas above max_execution_gas ${MAX_EXECUTION_GAS}`,
        {
          details: { status: 'EXECUTION_LIMIT_REACHED', limit: MAX_EXECUTION_GAS },
        },
      );
    }
    const over = this.used - this.limit;
    this.used = this.limit;
    throw new OutOfGasError(`out of gas: ${this.limit} internal gas units exhausted (${over} over)`, {
      details: { limit: this.limit },
    });
  }

  /** Runs `fn` to completion and returns its results. */
  run(entry: LoadedFunction, typeArgs: readonly RType[], args: Value[]): Value[] {
    const stack: Value[] = [];
    if (entry.native || entry.code.length === 0) return this.#callNative(entry, typeArgs, args);
    const frames: Frame[] = [];
    let frame = this.#frame(entry, typeArgs, args);
    let fn = frame.fn;
    let ops = fn.ops;
    let operands = fn.operands;
    let kinds = fn.intKinds;
    let locals = frame.locals;
    let pc = 0;
    const loader = this.loader;
    const where = (): string => `${fn.module.id}::${fn.name}@${pc}`;

    // A traced step is emitted once it has finished, so its gasCost includes what the
    // instruction charged beyond its base cost (storage reads, per-byte and per-element parts).
    let pending: StepEvent | undefined;
    let pendingStart = 0;
    const emitPending = (): void => {
      if (!pending) return;
      pending.gasCost = this.used - pendingStart;
      this.tracer!(pending);
      pending = undefined;
    };
    try {
      for (;;) {
        const op = ops[pc]!;
        const a = operands[pc]!;
        const cost = BASE_COST[op]!;
        if (this.tracer) {
          emitPending();
          pendingStart = this.used;
          pending = {
            runtime: 'move',
            depth: frames.length,
            pc,
            op: opcodeInfo(op)!.name,
            gasBefore: this.limit - this.used,
            gasCost: cost,
            stack: stack.map(formatValue),
            location: `${fn.module.id}::${fn.name}`,
          };
        }
        this.used += cost;
        this.byCategory[CATEGORY[op]!]! += cost;
        if (this.used > this.bound) this.#outOfGas();
        this.instructions++;
        pc++;
        switch (op) {
          case 0x01: {
            // Pop
            const v = stack.pop()!;
            if (Array.isArray(v)) this.memory += heapSize(v);
            break;
          }
          case 0x02: {
            // Ret: results stay on the shared operand stack for the caller; the frame's locals die.
            if (fn.aggregateLocals) for (const v of locals) if (Array.isArray(v)) this.memory += heapSize(v);
            const caller = frames.pop();
            if (!caller) return stack;
            frame = caller;
            fn = frame.fn;
            ops = fn.ops;
            operands = fn.operands;
            kinds = fn.intKinds;
            locals = frame.locals;
            pc = frame.pc;
            break;
          }
          case 0x03: // BrTrue
            if (stack.pop() as boolean) pc = a;
            break;
          case 0x04: // BrFalse
            if (!(stack.pop() as boolean)) pc = a;
            break;
          case 0x05: // Branch
            pc = a;
            break;
          case 0x31: // LdU8
          case 0x48: // LdU16
            stack.push(a);
            break;
          case 0x49: // LdU32: operands are stored as int32, so values from 2^31 come back negative
            stack.push(a >>> 0);
            break;
          case 0x06: // LdU64
          case 0x32: // LdU128
          case 0x4a: // LdU256
            stack.push(fn.literals[pc - 1]!);
            break;
          case 0x07: {
            // LdConst
            const c = fn.module.module.constantPool[a]!;
            this.charge(INSTR.ld_const_per_byte * c.data.length);
            const v = loader.constant(fn.module, a);
            this.useMemory(heapSize(v));
            stack.push(v);
            break;
          }
          case 0x08: // LdTrue
            stack.push(true);
            break;
          case 0x09: // LdFalse
            stack.push(false);
            break;
          case 0x0a: {
            // CopyLoc
            const v = locals[a]!;
            if (Array.isArray(v)) {
              this.charge(INSTR.copy_loc_per_abs_val_unit * abstractSize(v));
              this.useMemory(heapSize(v));
              stack.push(copyValue(v));
            } else stack.push(v);
            break;
          }
          case 0x0b: // MoveLoc
            stack.push(locals[a]!);
            locals[a] = false;
            break;
          case 0x0c: {
            // StLoc: an overwritten aggregate is dropped.
            const old = locals[a];
            if (Array.isArray(old)) this.memory += heapSize(old);
            locals[a] = stack.pop()!;
            break;
          }
          case 0x0d: // MutBorrowLoc
          case 0x0e: // ImmBorrowLoc
            stack.push(new Ref(locals, a));
            break;
          case 0x0f: // MutBorrowField
          case 0x10: // ImmBorrowField
          case 0x36: // MutBorrowFieldGeneric
          case 0x37: {
            // ImmBorrowFieldGeneric
            const m = fn.module.module;
            const handle = op >= 0x36 ? m.fieldInstantiations[a]!.target : a;
            const r = stack.pop() as Ref;
            stack.push(new Ref(r.read() as Value[], m.fieldHandles[handle]!.field));
            break;
          }
          case 0x11: // Call
          case 0x38: {
            // CallGeneric
            let callee: LoadedFunction;
            let calleeTypes: readonly RType[] = [];
            if (op === 0x38) {
              const inst = fn.module.module.functionInstantiations[a]!;
              callee = loader.function(fn.module, inst.target);
              calleeTypes = fn.module.module.signatures[inst.typeParameters]!.map((t) =>
                loader.runtimeType(fn.module, t, frame.typeArgs),
              );
              checkTypeLimits(calleeTypes);
              this.charge(INSTR.call_generic_per_ty_arg * calleeTypes.length, 3);
            } else callee = loader.function(fn.module, a);
            const n = callee.params.length;
            this.charge(INSTR.call_per_arg * n + INSTR.call_per_local * callee.localCount, 3);
            const args = stack.splice(stack.length - n, n);
            if (callee.native || callee.code.length === 0) {
              for (const r of this.#callNative(callee, calleeTypes, args)) stack.push(r);
              break;
            }
            if (frames.length + 1 >= CALL_STACK_LIMIT)
              throw vmError('CALL_STACK_OVERFLOW', `${CALL_STACK_LIMIT} frames`, where());
            frame.pc = pc;
            frames.push(frame);
            frame = this.#frame(callee, calleeTypes, args);
            fn = callee;
            ops = fn.ops;
            operands = fn.operands;
            kinds = fn.intKinds;
            locals = frame.locals;
            pc = 0;
            break;
          }
          case 0x12: // Pack
          case 0x39: {
            // PackGeneric
            const m = fn.module.module;
            const def = op === 0x39 ? m.structDefInstantiations[a]!.target : a;
            const n = m.structDefs[def]!.fields!.length;
            this.charge(INSTR.pack_per_field * n);
            const fields = stack.splice(stack.length - n, n);
            this.useMemory(packedTotal(fields));
            stack.push(fields);
            break;
          }
          case 0x13: // Unpack
          case 0x3a: {
            // UnpackGeneric
            const fields = stack.pop() as Value[];
            this.charge(INSTR.unpack_per_field * fields.length);
            this.memory += packedTotal(fields);
            for (const f of fields) stack.push(f);
            break;
          }
          case 0x14: {
            // ReadRef
            const v = (stack.pop() as Ref).read();
            if (Array.isArray(v)) {
              this.charge(INSTR.read_ref_per_abs_val_unit * abstractSize(v));
              this.useMemory(heapSize(v));
              stack.push(copyValue(v));
            } else stack.push(v);
            break;
          }
          case 0x15: {
            // WriteRef
            const r = stack.pop() as Ref;
            const old = r.read();
            if (Array.isArray(old)) this.memory += heapSize(old);
            r.write(stack.pop()!);
            break;
          }
          case 0x2e: // FreezeRef
          case 0x28: // Nop
            break;
          case 0x16: {
            // Add: exact on numbers while the sum stays below 2^53, else in bigint.
            const b = stack.pop() as Int;
            const x = stack.pop() as Int;
            const k = kinds[pc - 1]!;
            if (typeof x === 'number' && typeof b === 'number') {
              const r = x + b;
              if (r <= MAX_NUMBER[k]!) {
                stack.push(r);
                break;
              }
            }
            const r = big(x) + big(b);
            if (r > MAX[k]!) throw vmError('ARITHMETIC_ERROR', 'addition overflow', where());
            stack.push(canonicalOf(r, k));
            break;
          }
          case 0x17: {
            // Sub
            const b = stack.pop() as Int;
            const x = stack.pop() as Int;
            if (x < b) throw vmError('ARITHMETIC_ERROR', 'subtraction underflow', where());
            stack.push(
              typeof x === 'number' && typeof b === 'number'
                ? x - b
                : canonicalOf(big(x) - big(b), kinds[pc - 1]!),
            );
            break;
          }
          case 0x18: {
            // Mul: a product that rounds to at most 2^53 - 1 is exact.
            const b = stack.pop() as Int;
            const x = stack.pop() as Int;
            const k = kinds[pc - 1]!;
            if (typeof x === 'number' && typeof b === 'number') {
              const r = x * b;
              if (r <= MAX_NUMBER[k]!) {
                stack.push(r);
                break;
              }
            }
            const r = big(x) * big(b);
            if (r > MAX[k]!) throw vmError('ARITHMETIC_ERROR', 'multiplication overflow', where());
            stack.push(canonicalOf(r, k));
            break;
          }
          case 0x19: // Mod
          case 0x1a: {
            // Div: on numbers `%` is exact, and so is (x - x % b) / b.
            const b = stack.pop() as Int;
            const x = stack.pop() as Int;
            if (b === 0 || b === 0n) throw vmError('ARITHMETIC_ERROR', 'division by zero', where());
            if (typeof x === 'number' && typeof b === 'number') {
              const m = x % b;
              stack.push(op === 0x19 ? m : (x - m) / b);
            } else stack.push(canonicalOf(op === 0x19 ? big(x) % big(b) : big(x) / big(b), kinds[pc - 1]!));
            break;
          }
          case 0x1b: // BitOr
          case 0x1c: // BitAnd
          case 0x1d: {
            // Xor: 32-bit operations on numbers below 2^32, else in bigint.
            const b = stack.pop() as Int;
            const x = stack.pop() as Int;
            if (typeof x === 'number' && typeof b === 'number' && x <= 0xffffffff && b <= 0xffffffff) {
              stack.push((op === 0x1b ? x | b : op === 0x1c ? x & b : x ^ b) >>> 0);
            } else {
              const p = big(x);
              const q = big(b);
              stack.push(canonicalOf(op === 0x1b ? p | q : op === 0x1c ? p & q : p ^ q, kinds[pc - 1]!));
            }
            break;
          }
          case 0x2f: // Shl
          case 0x30: {
            // Shr: shifting by the width or more is an arithmetic error; Shl truncates.
            const s = Number(stack.pop() as Int);
            const x = stack.pop() as Int;
            const k = kinds[pc - 1]!;
            if (s >= INT_BITS[k]!) throw vmError('ARITHMETIC_ERROR', `shift by ${s}`, where());
            if (op === 0x30 && typeof x === 'number') stack.push(Math.floor(x / 2 ** s));
            else
              stack.push(canonicalOf(op === 0x2f ? (big(x) << BigInt(s)) & MAX[k]! : big(x) >> BigInt(s), k));
            break;
          }
          case 0x1e: {
            // Or
            const b = stack.pop() as boolean;
            stack.push((stack.pop() as boolean) || b);
            break;
          }
          case 0x1f: {
            // And
            const b = stack.pop() as boolean;
            stack.push((stack.pop() as boolean) && b);
            break;
          }
          case 0x20: // Not
            stack.push(!(stack.pop() as boolean));
            break;
          case 0x21: // Eq
          case 0x22: {
            // Neq
            const b = stack.pop()!;
            const x = stack.pop()!;
            if (Array.isArray(x)) {
              this.charge(INSTR.eq_per_abs_val_unit * (abstractSize(x) + abstractSize(b)));
              this.memory += heapSize(x) + heapSize(b);
            }
            stack.push(equalValues(x, b) === (op === 0x21));
            break;
          }
          case 0x23: {
            // Lt
            const b = stack.pop() as Int;
            stack.push((stack.pop() as Int) < b);
            break;
          }
          case 0x24: {
            // Gt
            const b = stack.pop() as Int;
            stack.push((stack.pop() as Int) > b);
            break;
          }
          case 0x25: {
            // Le
            const b = stack.pop() as Int;
            stack.push((stack.pop() as Int) <= b);
            break;
          }
          case 0x26: {
            // Ge
            const b = stack.pop() as Int;
            stack.push((stack.pop() as Int) >= b);
            break;
          }
          case 0x27: // Abort
            throw new MoveAbort(big(stack.pop() as Int), `${fn.module.id}::${fn.name}`);
          case 0x33: // CastU8
          case 0x4b: // CastU16
          case 0x4c: // CastU32
          case 0x34: // CastU64
          case 0x35: // CastU128
          case 0x4d: {
            // CastU256
            const v = stack.pop() as Int;
            if (v > MAX[CAST_KIND.get(op)!]!)
              throw vmError('ARITHMETIC_ERROR', `cast of ${v} overflows`, where());
            stack.push(canonicalOf(big(v), CAST_KIND.get(op)!));
            break;
          }
          case 0x29: // Exists
          case 0x3b: {
            // ExistsGeneric
            const type = loader.defType(
              fn.module,
              op === 0x3b ? 0 : a,
              op === 0x3b ? a : undefined,
              frame.typeArgs,
            );
            stack.push(this.store.exists(stack.pop() as Uint8Array, type));
            break;
          }
          case 0x2a: // MutBorrowGlobal
          case 0x2b: // ImmBorrowGlobal
          case 0x3c: // MutBorrowGlobalGeneric
          case 0x3d: {
            // ImmBorrowGlobalGeneric
            const generic = op >= 0x3c;
            const type = loader.defType(fn.module, generic ? 0 : a, generic ? a : undefined, frame.typeArgs);
            const cell = this.store.borrow(stack.pop() as Uint8Array, type, op === 0x2a || op === 0x3c);
            stack.push(new Ref(cell, 0));
            break;
          }
          case 0x2c: // MoveFrom
          case 0x3e: {
            // MoveFromGeneric
            const type = loader.defType(
              fn.module,
              op === 0x3e ? 0 : a,
              op === 0x3e ? a : undefined,
              frame.typeArgs,
            );
            stack.push(this.store.moveFrom(stack.pop() as Uint8Array, type));
            break;
          }
          case 0x2d: // MoveTo
          case 0x3f: {
            // MoveToGeneric
            const type = loader.defType(
              fn.module,
              op === 0x3f ? 0 : a,
              op === 0x3f ? a : undefined,
              frame.typeArgs,
            );
            const value = stack.pop()!;
            const signer = (stack.pop() as Ref).read() as Uint8Array;
            this.store.moveTo(signer, type, value);
            break;
          }
          case 0x40: {
            // VecPack
            const n = fn.code[pc - 1]!.count!;
            this.charge(INSTR.vec_pack_per_elem * n);
            const elems = stack.splice(stack.length - n, n);
            this.useMemory(packedTotal(elems));
            stack.push(elems);
            break;
          }
          case 0x41: // VecLen
            stack.push(((stack.pop() as Ref).read() as Value[]).length);
            break;
          case 0x42: // VecImmBorrow
          case 0x43: {
            // VecMutBorrow
            // An index past 2^53 converts to a number no smaller than any vector length.
            const index = stack.pop() as Int;
            const i = Number(index);
            const v = (stack.pop() as Ref).read() as Value[];
            if (i >= v.length)
              throw vmError(
                'VECTOR_OPERATION_ERROR',
                `index ${index} out of range (length ${v.length})`,
                where(),
              );
            stack.push(new Ref(v, i));
            break;
          }
          case 0x44: {
            // VecPushBack
            const e = stack.pop()!;
            this.useMemory(packedSize(e));
            ((stack.pop() as Ref).read() as Value[]).push(e);
            break;
          }
          case 0x45: {
            // VecPopBack
            const v = (stack.pop() as Ref).read() as Value[];
            if (v.length === 0) throw vmError('VECTOR_OPERATION_ERROR', 'pop from an empty vector', where());
            const e = v.pop()!;
            this.memory += packedSize(e);
            stack.push(e);
            break;
          }
          case 0x46: {
            // VecUnpack
            const n = fn.code[pc - 1]!.count!;
            const v = stack.pop() as Value[];
            if (v.length !== n)
              throw vmError(
                'VECTOR_OPERATION_ERROR',
                `unpack of ${v.length} elements, expected ${n}`,
                where(),
              );
            this.charge(INSTR.vec_unpack_per_expected_elem * n);
            this.memory += packedTotal(v);
            for (const e of v) stack.push(e);
            break;
          }
          case 0x47: {
            // VecSwap
            const jRaw = stack.pop() as Int;
            const iRaw = stack.pop() as Int;
            const i = Number(iRaw);
            const j = Number(jRaw);
            const v = (stack.pop() as Ref).read() as Value[];
            if (i >= v.length || j >= v.length) {
              throw vmError(
                'VECTOR_OPERATION_ERROR',
                `swap ${iRaw}, ${jRaw} out of range (length ${v.length})`,
                where(),
              );
            }
            const t = v[i]!;
            v[i] = v[j]!;
            v[j] = t;
            break;
          }
          default:
            throw vmError('UNKNOWN_OPCODE', `opcode 0x${op.toString(16)}`, where());
        }
        if (stack.length > OPERAND_STACK_LIMIT)
          throw vmError('EXECUTION_STACK_OVERFLOW', `${OPERAND_STACK_LIMIT} values`, where());
      }
    } finally {
      if (this.tracer) emitPending();
    }
  }

  #frame(fn: LoadedFunction, typeArgs: readonly RType[], args: Value[]): Frame {
    const locals: Value[] = new Array(fn.localCount).fill(false);
    for (let i = 0; i < args.length; i++) locals[i] = args[i]!;
    return { fn, locals, pc: 0, typeArgs };
  }

  #callNative(fn: LoadedFunction, typeArgs: readonly RType[], args: Value[]): Value[] {
    if (!fn.native) {
      throw new UnsupportedError(`native function ${fn.module.id}::${fn.name} is not implemented`, {
        details: { feature: `native ${fn.module.id}::${fn.name}` },
      });
    }
    // Aptos gives back the arguments' memory and takes the results' (charge_native_function…);
    // arguments a native keeps (pushed into a vector, stored in a table, emitted) stay counted.
    if (!KEEPS_ARGUMENTS.has(fn.name)) for (const v of args) this.memory += heapSize(v);
    const results = fn.native(this.#native, typeArgs, args);
    for (const v of results) this.useMemory(heapSize(v));
    return results;
  }
}
