import {
  type ExecutionEvent,
  OutOfGasError,
  type StepEvent,
  type Tracer,
  UnsupportedError,
} from '@polyvm/core';
import { CAST_KIND, INT_BITS } from '../binary/int-kinds.js';
import { opcodeInfo } from '../binary/opcodes.js';
import { CALL_STACK_LIMIT, OPERAND_STACK_LIMIT } from '../limits.js';
import { MoveAbort, vmError } from './errors.js';
import { BRANCH, FUSED, STORE } from './fusion.js';
import { BASE_COST, INSTR, MAX_EXECUTION_GAS, MAX_IO_GAS, MEMORY_QUOTA, OPCODE_CATEGORY } from './gas.js';
import { big, bigDiv, bigMod, canonicalOf, type Int } from './ints.js';
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
const CATEGORY_NAMES = ['compute', 'memory', 'storage', 'call', 'crypto', 'other'] as const;

/**
 * Lays out a frame's locals at `slots[base…]`: its `n` arguments from `src[from…]`, then empty
 * slots up to `localCount`. Frames start where their caller's locals end, so `slots` stays packed.
 */
function openFrame(
  slots: Value[],
  base: number,
  localCount: number,
  src: readonly Value[],
  from: number,
  n: number,
) {
  for (let i = 0; i < n; i++) slots[base + i] = src[from + i]!;
  for (let i = n; i < localCount; i++) slots[base + i] = false;
}

/** Where an instruction failed: `pc` is the one after it, as the chain reports it. */
const where = (fn: LoadedFunction, pc: number): string => `${fn.module.id}::${fn.name}@${pc}`;

function stackOverflowAt(fn: LoadedFunction, pc: number): never {
  throw vmError('EXECUTION_STACK_OVERFLOW', `${OPERAND_STACK_LIMIT} values`, where(fn, pc));
}

/**
 * The right operand of a consumer fused with the literal load before it (`fusion.ts`); `pc` is the
 * one after the load, where a push onto a full operand stack fails as the load itself would.
 */
function fusedLiteral(
  literals: readonly (Int | undefined)[],
  pc: number,
  sp: number,
  fn: LoadedFunction,
): Int {
  if (sp >= OPERAND_STACK_LIMIT) stackOverflowAt(fn, pc);
  return literals[pc - 1]!;
}

/**
 * The Move interpreter (move-vm-runtime `interpreter.rs`): one operand stack shared by all frames,
 * a call stack of frames with their locals, pre-decoded instruction arrays and per-instruction
 * integer widths from the verifier. Gas is counted in plain numbers and reported per category;
 * base costs are prepaid per straight-line segment (`gas-segments.ts`) with the same results.
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
  /** A traced step is emitted once it has finished, so its gasCost includes what the instruction
   * charged beyond its base cost (storage reads, per-byte and per-element parts). */
  #pending: StepEvent | undefined;
  #pendingStart = 0;

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
    if (entry.native || entry.code.length === 0) return this.#callNative(entry, typeArgs, args);
    // The operand stack is shared by all frames and preallocated; `sp` is its height. Frames are
    // kept in parallel arrays and their locals side by side in `slots` (a frame's start at `base`),
    // so a call allocates nothing; the verifier keeps references to locals from outliving a frame.
    const stack: Value[] = new Array(OPERAND_STACK_LIMIT + 1).fill(false);
    let sp = 0;
    const slots: Value[] = [];
    let base = 0;
    const callers: LoadedFunction[] = [];
    const callerBases = new Int32Array(CALL_STACK_LIMIT);
    const callerTypes: (readonly RType[])[] = [];
    const callerPcs = new Int32Array(CALL_STACK_LIMIT);
    let depth = 0;
    let fn = entry;
    let types = typeArgs;
    // Prepaid segments run the fused opcodes (`fusion.ts`), instruction-by-instruction charging the plain ones.
    let ops = this.tracer ? fn.ops : fn.fusedOps;
    let operands = fn.operands;
    let kinds = fn.intKinds;
    let literals = fn.literals;
    let prepays = fn.gas.prepay;
    let counts = fn.gas.count;
    let tails = fn.gas.tail;
    openFrame(slots, 0, fn.localCount, args, 0, args.length);
    let pc = 0;
    const loader = this.loader;
    const tracer = this.tracer;
    // Base costs are prepaid per segment (`gas-segments.ts`) until a segment does not fit in what is
    // left, or a tracer watches: from then on every instruction pays its own, as the chain does.
    let exact = tracer !== undefined;
    // Prepaid compute gas and instructions, added to the totals when the run ends.
    let computeGas = 0;
    let steps = 0;
    try {
      for (;;) {
        const op = ops[pc]!;
        if (exact) {
          const cost = BASE_COST[op]!;
          if (tracer) this.#trace(tracer, fn, pc, op, depth, stack, sp);
          this.used += cost;
          this.byCategory[OPCODE_CATEGORY[op]!]! += cost;
          if (this.used > this.bound) this.#outOfGas();
          this.instructions++;
        } else {
          const prepay = prepays[pc]!;
          if (prepay !== 0) {
            if (this.used + prepay > this.bound) {
              exact = true;
              ops = fn.ops;
              continue;
            }
            this.used += prepay;
            const tail = tails[pc]!;
            computeGas += prepay - tail;
            if (tail !== 0) this.byCategory[fn.gas.tailCategory[pc]!]! += tail;
            steps += counts[pc]!;
          }
        }
        const a = operands[pc]!;
        pc++;
        switch (op) {
          case 0x01: {
            // Pop
            const v = stack[--sp]!;
            if (Array.isArray(v)) this.memory += heapSize(v);
            break;
          }
          case 0x02: {
            // Ret: results stay on the shared operand stack for the caller; the frame's locals die.
            if (fn.aggregateLocals) {
              for (let i = base; i < base + fn.localCount; i++) {
                const v = slots[i];
                if (Array.isArray(v)) this.memory += heapSize(v);
              }
            }
            if (depth === 0) return stack.slice(0, sp);
            depth--;
            fn = callers[depth]!;
            base = callerBases[depth]!;
            types = callerTypes[depth]!;
            pc = callerPcs[depth]!;
            ops = exact ? fn.ops : fn.fusedOps;
            operands = fn.operands;
            kinds = fn.intKinds;
            literals = fn.literals;
            prepays = fn.gas.prepay;
            counts = fn.gas.count;
            tails = fn.gas.tail;
            break;
          }
          case 0x03: // BrTrue
            if (stack[--sp] as boolean) pc = a;
            break;
          case 0x04: // BrFalse
            if (!(stack[--sp] as boolean)) pc = a;
            break;
          case 0x05: // Branch
            pc = a;
            break;
          case 0x31: // LdU8
          case 0x48: // LdU16
            stack[sp++] = a;
            break;
          case 0x49: // LdU32: operands are stored as int32, so values from 2^31 come back negative
            stack[sp++] = a >>> 0;
            break;
          case 0x06: // LdU64
          case 0x32: // LdU128
          case 0x4a: // LdU256
            stack[sp++] = literals[pc - 1]!;
            break;
          case 0x07: {
            // LdConst
            const c = fn.module.module.constantPool[a]!;
            this.charge(INSTR.ld_const_per_byte * c.data.length);
            const v = loader.constant(fn.module, a);
            this.useMemory(heapSize(v));
            stack[sp++] = v;
            break;
          }
          case 0x08: // LdTrue
            stack[sp++] = true;
            break;
          case 0x09: // LdFalse
            stack[sp++] = false;
            break;
          case 0x0a: {
            // CopyLoc
            const v = slots[base + a]!;
            if (Array.isArray(v)) {
              this.charge(INSTR.copy_loc_per_abs_val_unit * abstractSize(v));
              this.useMemory(heapSize(v));
              stack[sp++] = copyValue(v);
            } else stack[sp++] = v;
            break;
          }
          case 0x0b: // MoveLoc
            stack[sp++] = slots[base + a]!;
            slots[base + a] = false;
            break;
          case 0x0c: {
            // StLoc: an overwritten aggregate is dropped.
            const old = slots[base + a];
            if (Array.isArray(old)) this.memory += heapSize(old);
            slots[base + a] = stack[--sp]!;
            break;
          }
          case 0x0d: // MutBorrowLoc
          case 0x0e: // ImmBorrowLoc
            stack[sp++] = new Ref(slots, base + a);
            break;
          case 0x0f: // MutBorrowField
          case 0x10: // ImmBorrowField
          case 0x36: // MutBorrowFieldGeneric
          case 0x37: {
            // ImmBorrowFieldGeneric
            const m = fn.module.module;
            const handle = op >= 0x36 ? m.fieldInstantiations[a]!.target : a;
            const r = stack[--sp] as Ref;
            stack[sp++] = new Ref(r.read() as Value[], m.fieldHandles[handle]!.field);
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
              calleeTypes = this.#instantiate(fn, inst.typeParameters, types);
              checkTypeLimits(calleeTypes);
              this.charge(INSTR.call_generic_per_ty_arg * calleeTypes.length, 3);
            } else callee = fn.module.calls[a] ?? loader.function(fn.module, a);
            const n = callee.params.length;
            const callCost = callee.callCost;
            this.used += callCost;
            this.byCategory[3]! += callCost;
            if (this.used > this.bound) this.#outOfGas();
            sp -= n;
            if (!callee.interpreted) {
              const results = this.#callNative(callee, calleeTypes, stack.slice(sp, sp + n));
              for (const r of results) stack[sp++] = r;
              break;
            }
            if (depth + 1 >= CALL_STACK_LIMIT)
              throw vmError('CALL_STACK_OVERFLOW', `${CALL_STACK_LIMIT} frames`, where(fn, pc));
            callers[depth] = fn;
            callerBases[depth] = base;
            callerTypes[depth] = types;
            callerPcs[depth] = pc;
            depth++;
            base += fn.localCount;
            openFrame(slots, base, callee.localCount, stack, sp, n);
            fn = callee;
            types = calleeTypes;
            ops = exact ? fn.ops : fn.fusedOps;
            operands = fn.operands;
            kinds = fn.intKinds;
            literals = fn.literals;
            prepays = fn.gas.prepay;
            counts = fn.gas.count;
            tails = fn.gas.tail;
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
            sp -= n;
            const fields = stack.slice(sp, sp + n);
            this.useMemory(packedTotal(fields));
            stack[sp++] = fields;
            break;
          }
          case 0x13: // Unpack
          case 0x3a: {
            // UnpackGeneric
            const fields = stack[--sp] as Value[];
            this.charge(INSTR.unpack_per_field * fields.length);
            this.memory += packedTotal(fields);
            for (const f of fields) stack[sp++] = f;
            break;
          }
          case 0x14: {
            // ReadRef
            const v = (stack[--sp] as Ref).read();
            if (Array.isArray(v)) {
              this.charge(INSTR.read_ref_per_abs_val_unit * abstractSize(v));
              this.useMemory(heapSize(v));
              stack[sp++] = copyValue(v);
            } else stack[sp++] = v;
            break;
          }
          case 0x15: {
            // WriteRef
            const r = stack[--sp] as Ref;
            const old = r.read();
            if (Array.isArray(old)) this.memory += heapSize(old);
            r.write(stack[--sp]!);
            break;
          }
          case 0x2e: // FreezeRef
          case 0x28: // Nop
            break;
          case 0x16: // Add
          case FUSED | 0x16:
          case STORE | 0x16:
          case FUSED | STORE | 0x16: {
            // Exact on numbers while the sum stays below 2^53, else in bigint. A fused literal load
            // before it gives the right operand (and, like the load, overflows a full stack); a
            // fused StLoc after it takes the result (`fusion.ts`), as in Sub, Mul, Mod and Div.
            const b = op < FUSED ? (stack[--sp] as Int) : fusedLiteral(literals, pc, sp, fn);
            pc += op >> 7; // past the consumer of a fused literal
            const x = stack[--sp] as Int;
            const k = kinds[pc - 1]!;
            let r: Int;
            if (typeof x === 'number' && typeof b === 'number' && x + b <= MAX_NUMBER[k]!) r = x + b;
            else {
              const sum = big(x) + big(b);
              if (sum > MAX[k]!) throw vmError('ARITHMETIC_ERROR', 'addition overflow', where(fn, pc));
              r = canonicalOf(sum, k);
            }
            if (op & STORE) slots[base + operands[pc++]!] = r;
            else stack[sp++] = r;
            break;
          }
          case 0x17: // Sub
          case FUSED | 0x17:
          case STORE | 0x17:
          case FUSED | STORE | 0x17: {
            const b = op < FUSED ? (stack[--sp] as Int) : fusedLiteral(literals, pc, sp, fn);
            pc += op >> 7; // past the consumer of a fused literal
            const x = stack[--sp] as Int;
            if (x < b) throw vmError('ARITHMETIC_ERROR', 'subtraction underflow', where(fn, pc));
            const r =
              typeof x === 'number' && typeof b === 'number'
                ? x - b
                : canonicalOf(big(x) - big(b), kinds[pc - 1]!);
            if (op & STORE) slots[base + operands[pc++]!] = r;
            else stack[sp++] = r;
            break;
          }
          case 0x18: // Mul
          case FUSED | 0x18:
          case STORE | 0x18:
          case FUSED | STORE | 0x18: {
            // A product that rounds to at most 2^53 - 1 is exact.
            const b = op < FUSED ? (stack[--sp] as Int) : fusedLiteral(literals, pc, sp, fn);
            pc += op >> 7; // past the consumer of a fused literal
            const x = stack[--sp] as Int;
            const k = kinds[pc - 1]!;
            let r: Int;
            if (typeof x === 'number' && typeof b === 'number' && x * b <= MAX_NUMBER[k]!) r = x * b;
            else {
              const product = big(x) * big(b);
              if (product > MAX[k]!)
                throw vmError('ARITHMETIC_ERROR', 'multiplication overflow', where(fn, pc));
              r = canonicalOf(product, k);
            }
            if (op & STORE) slots[base + operands[pc++]!] = r;
            else stack[sp++] = r;
            break;
          }
          case 0x19: // Mod
          case 0x1a: // Div
          case FUSED | 0x19:
          case FUSED | 0x1a:
          case STORE | 0x19:
          case STORE | 0x1a:
          case FUSED | STORE | 0x19:
          case FUSED | STORE | 0x1a: {
            // On numbers `%` is exact, and so is (x - x % b) / b.
            const b = op < FUSED ? (stack[--sp] as Int) : fusedLiteral(literals, pc, sp, fn);
            pc += op >> 7; // past the consumer of a fused literal
            const x = stack[--sp] as Int;
            if (b === 0 || b === 0n) throw vmError('ARITHMETIC_ERROR', 'division by zero', where(fn, pc));
            const mod = (op & ~(FUSED | STORE)) === 0x19;
            let r: Int;
            if (typeof x === 'number' && typeof b === 'number') {
              const m = x % b;
              r = mod ? m : (x - m) / b;
            } else r = canonicalOf(mod ? bigMod(big(x), big(b)) : bigDiv(big(x), big(b)), kinds[pc - 1]!);
            if (op & STORE) slots[base + operands[pc++]!] = r;
            else stack[sp++] = r;
            break;
          }
          case 0x1b: // BitOr
          case 0x1c: // BitAnd
          case 0x1d: {
            // Xor: 32-bit operations on numbers below 2^32, else in bigint.
            const b = stack[--sp] as Int;
            const x = stack[--sp] as Int;
            if (typeof x === 'number' && typeof b === 'number' && x <= 0xffffffff && b <= 0xffffffff) {
              stack[sp++] = (op === 0x1b ? x | b : op === 0x1c ? x & b : x ^ b) >>> 0;
            } else {
              const p = big(x);
              const q = big(b);
              stack[sp++] = canonicalOf(op === 0x1b ? p | q : op === 0x1c ? p & q : p ^ q, kinds[pc - 1]!);
            }
            break;
          }
          case 0x2f: // Shl
          case 0x30: {
            // Shr: shifting by the width or more is an arithmetic error; Shl truncates.
            const s = Number(stack[--sp] as Int);
            const x = stack[--sp] as Int;
            const k = kinds[pc - 1]!;
            if (s >= INT_BITS[k]!) throw vmError('ARITHMETIC_ERROR', `shift by ${s}`, where(fn, pc));
            if (op === 0x30 && typeof x === 'number') stack[sp++] = Math.floor(x / 2 ** s);
            else
              stack[sp++] = canonicalOf(
                op === 0x2f ? (big(x) << BigInt(s)) & MAX[k]! : big(x) >> BigInt(s),
                k,
              );
            break;
          }
          case 0x1e: {
            // Or
            const b = stack[--sp] as boolean;
            stack[sp - 1] = (stack[sp - 1] as boolean) || b;
            break;
          }
          case 0x1f: {
            // And
            const b = stack[--sp] as boolean;
            stack[sp - 1] = (stack[sp - 1] as boolean) && b;
            break;
          }
          case 0x20: // Not
            stack[sp - 1] = !(stack[sp - 1] as boolean);
            break;
          case 0x21: // Eq
          case 0x22: {
            // Neq
            const b = stack[--sp]!;
            const x = stack[--sp]!;
            if (Array.isArray(x)) {
              this.charge(INSTR.eq_per_abs_val_unit * (abstractSize(x) + abstractSize(b)));
              this.memory += heapSize(x) + heapSize(b);
            }
            stack[sp++] = equalValues(x, b) === (op === 0x21);
            break;
          }
          case 0x23: // Lt
          case FUSED | 0x23:
          case BRANCH | 0x23:
          case FUSED | BRANCH | 0x23:
          case 0x24: // Gt
          case FUSED | 0x24:
          case BRANCH | 0x24:
          case FUSED | BRANCH | 0x24:
          case 0x25: // Le
          case FUSED | 0x25:
          case BRANCH | 0x25:
          case FUSED | BRANCH | 0x25:
          case 0x26: // Ge
          case FUSED | 0x26:
          case BRANCH | 0x26:
          case FUSED | BRANCH | 0x26: {
            const b = op < FUSED ? (stack[--sp] as Int) : fusedLiteral(literals, pc, sp, fn);
            pc += op >> 7; // past the consumer of a fused literal
            const x = stack[sp - 1] as Int;
            const comparison = op & ~(FUSED | BRANCH);
            const r =
              comparison === 0x23
                ? x < b
                : comparison === 0x24
                  ? x > b
                  : comparison === 0x25
                    ? x <= b
                    : x >= b;
            if (op & BRANCH) {
              // Fused with the BrFalse after it (`fusion.ts`).
              sp--;
              pc = r ? pc + 1 : operands[pc]!;
            } else stack[sp - 1] = r;
            break;
          }
          case 0x27: // Abort
            throw new MoveAbort(big(stack[--sp] as Int), `${fn.module.id}::${fn.name}`);
          case 0x33: // CastU8
          case 0x4b: // CastU16
          case 0x4c: // CastU32
          case 0x34: // CastU64
          case 0x35: // CastU128
          case 0x4d: {
            // CastU256
            const v = stack[--sp] as Int;
            if (v > MAX[CAST_KIND.get(op)!]!)
              throw vmError('ARITHMETIC_ERROR', `cast of ${v} overflows`, where(fn, pc));
            stack[sp++] = canonicalOf(big(v), CAST_KIND.get(op)!);
            break;
          }
          case 0x29: // Exists
          case 0x3b: {
            // ExistsGeneric
            const type = loader.defType(fn.module, op === 0x3b ? 0 : a, op === 0x3b ? a : undefined, types);
            stack[sp - 1] = this.store.exists(stack[sp - 1] as Uint8Array, type);
            break;
          }
          case 0x2a: // MutBorrowGlobal
          case 0x2b: // ImmBorrowGlobal
          case 0x3c: // MutBorrowGlobalGeneric
          case 0x3d: {
            // ImmBorrowGlobalGeneric
            const generic = op >= 0x3c;
            const type = loader.defType(fn.module, generic ? 0 : a, generic ? a : undefined, types);
            const cell = this.store.borrow(stack[--sp] as Uint8Array, type, op === 0x2a || op === 0x3c);
            stack[sp++] = new Ref(cell, 0);
            break;
          }
          case 0x2c: // MoveFrom
          case 0x3e: {
            // MoveFromGeneric
            const type = loader.defType(fn.module, op === 0x3e ? 0 : a, op === 0x3e ? a : undefined, types);
            stack[sp - 1] = this.store.moveFrom(stack[sp - 1] as Uint8Array, type);
            break;
          }
          case 0x2d: // MoveTo
          case 0x3f: {
            // MoveToGeneric
            const type = loader.defType(fn.module, op === 0x3f ? 0 : a, op === 0x3f ? a : undefined, types);
            const value = stack[--sp]!;
            const signer = (stack[--sp] as Ref).read() as Uint8Array;
            this.store.moveTo(signer, type, value);
            break;
          }
          case 0x40: {
            // VecPack
            const n = fn.code[pc - 1]!.count!;
            this.charge(INSTR.vec_pack_per_elem * n);
            sp -= n;
            const elems = stack.slice(sp, sp + n);
            this.useMemory(packedTotal(elems));
            stack[sp++] = elems;
            break;
          }
          case 0x41: // VecLen
            stack[sp - 1] = ((stack[sp - 1] as Ref).read() as Value[]).length;
            break;
          case 0x42: // VecImmBorrow
          case 0x43: {
            // VecMutBorrow
            // An index past 2^53 converts to a number no smaller than any vector length.
            const index = stack[--sp] as Int;
            const i = Number(index);
            const v = (stack[--sp] as Ref).read() as Value[];
            if (i >= v.length)
              throw vmError(
                'VECTOR_OPERATION_ERROR',
                `index ${index} out of range (length ${v.length})`,
                where(fn, pc),
              );
            stack[sp++] = new Ref(v, i);
            break;
          }
          case 0x44: {
            // VecPushBack
            const e = stack[--sp]!;
            this.useMemory(packedSize(e));
            ((stack[--sp] as Ref).read() as Value[]).push(e);
            break;
          }
          case 0x45: {
            // VecPopBack
            const v = (stack[--sp] as Ref).read() as Value[];
            if (v.length === 0)
              throw vmError('VECTOR_OPERATION_ERROR', 'pop from an empty vector', where(fn, pc));
            const e = v.pop()!;
            this.memory += packedSize(e);
            stack[sp++] = e;
            break;
          }
          case 0x46: {
            // VecUnpack
            const n = fn.code[pc - 1]!.count!;
            const v = stack[--sp] as Value[];
            if (v.length !== n)
              throw vmError(
                'VECTOR_OPERATION_ERROR',
                `unpack of ${v.length} elements, expected ${n}`,
                where(fn, pc),
              );
            this.charge(INSTR.vec_unpack_per_expected_elem * n);
            this.memory += packedTotal(v);
            for (const e of v) stack[sp++] = e;
            break;
          }
          case 0x47: {
            // VecSwap
            const jRaw = stack[--sp] as Int;
            const iRaw = stack[--sp] as Int;
            const i = Number(iRaw);
            const j = Number(jRaw);
            const v = (stack[--sp] as Ref).read() as Value[];
            if (i >= v.length || j >= v.length) {
              throw vmError(
                'VECTOR_OPERATION_ERROR',
                `swap ${iRaw}, ${jRaw} out of range (length ${v.length})`,
                where(fn, pc),
              );
            }
            const t = v[i]!;
            v[i] = v[j]!;
            v[j] = t;
            break;
          }
          default:
            throw vmError('UNKNOWN_OPCODE', `opcode 0x${op.toString(16)}`, where(fn, pc));
        }
        if (sp > OPERAND_STACK_LIMIT) stackOverflowAt(fn, pc);
      }
    } catch (err) {
      // The failing instruction gives back the prepaid base costs of the rest of its segment.
      const { after, afterCount, tail, tailCategory } = fn.gas;
      if (!exact && afterCount[pc - 1]! > 0) {
        const back = after[pc - 1]!;
        this.used -= back;
        computeGas -= back - tail[pc - 1]!;
        this.byCategory[tailCategory[pc - 1]!]! -= tail[pc - 1]!;
        steps -= afterCount[pc - 1]!;
      }
      throw err;
    } finally {
      this.byCategory[0]! += computeGas;
      this.instructions += steps;
      if (tracer) this.#emitPending(tracer);
    }
  }

  #trace(
    tracer: Tracer,
    fn: LoadedFunction,
    pc: number,
    op: number,
    depth: number,
    stack: readonly Value[],
    sp: number,
  ): void {
    this.#emitPending(tracer);
    this.#pendingStart = this.used;
    this.#pending = {
      runtime: 'move',
      depth,
      pc,
      op: opcodeInfo(op)!.name,
      gasBefore: this.limit - this.used,
      gasCost: BASE_COST[op]!,
      stack: stack.slice(0, sp).map(formatValue),
      location: `${fn.module.id}::${fn.name}`,
    };
  }

  #emitPending(tracer: Tracer): void {
    const pending = this.#pending;
    if (!pending) return;
    pending.gasCost = this.used - this.#pendingStart;
    this.#pending = undefined;
    tracer(pending);
  }

  /** The type arguments of a generic call or instantiation, under the caller's own. */
  #instantiate(fn: LoadedFunction, signature: number, typeArgs: readonly RType[]): RType[] {
    const m = fn.module;
    return m.module.signatures[signature]!.map((t) => this.loader.runtimeType(m, t, typeArgs));
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
