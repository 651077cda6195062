/**
 * One IR function → the body of a Move function in move-lite's assembler syntax. Expressions are
 * lowered to A-normal form: every compound operand is computed into a fresh temporary local, so the
 * operand stack is empty at every branch (the Move verifier requires balanced basic blocks) and the
 * IR's evaluation order (right operand first, arguments left to right) is kept exactly.
 */
import type { IrContract, IrFunction } from '../ir/contract.js';
import type {
  BinaryExpr,
  CastExpr,
  EnvName,
  Expr,
  IrLocal,
  LValue,
  RevertReason,
  SourceLoc,
  Stmt,
} from '../ir/nodes.js';
import { type IrArrayType, type IrType, typeName } from '../ir/types.js';
import type { AbortCodes } from './abort-codes.js';
import { ArithGen } from './arith-gen.js';
import type { Emitter, Operand } from './emitter.js';
import { fieldName } from './fields.js';
import { emitHash } from './hash-gen.js';
import { keyOperands, keyTypes, type Place, StorageGen, shape, withKeys } from './storage-gen.js';
import { moveBits, moveType, moveValueType, structName, typeOf, wordOf } from './types.js';
import { unsupportedOnMove } from './unsupported.js';
import { isNegative, mask, signBit, wordBits } from './words.js';

export interface ModuleContext {
  readonly contract: IrContract;
  readonly aborts: AbortCodes;
  /** Constant-pool index of an address (BCS = its 32 bytes). */
  addressConstant(value: bigint): number;
  /** Constant-pool index of the module's own address, where the `State` resource lives. */
  readonly selfConstant: number;
  /** Move name of the implementation of an IR function. */
  implName(functionId: string): string;
  /** The Move struct an event is emitted as (`Event<n>`), and the guid constant. */
  eventStruct(signature: string): string;
  readonly eventGuidConstant: number;
  /** The Move field of `State` that holds a state variable. */
  fieldName(variable: number): string;
  /** Constant-pool index of an empty `vector<u8>` (a diagnostic function's "no revert"). */
  readonly emptyBytesConstant: number;
  /** Whether a function has a diagnostic twin (it can reach a custom error with computed arguments). */
  hasDiagnostic(functionId: string): boolean;
  /** Move name of a function's diagnostic twin. */
  diagnosticName(functionId: string): string;
  /** Indices of the memory parameters a function mutates (and so returns for its callers to store back). */
  writeBacks(functionId: string): readonly number[];
  /** The place function `functionId`'s storage-pointer result `index` points to (known after a first pass). */
  pointerReturn(functionId: string, index: number): Place | undefined;
  /** The path storage-pointer parameter `index` of a function is called with (from its call sites). */
  pointerParam(functionId: string, index: number): Place | undefined;
  /** Records the path a call passes for a storage-pointer parameter; returns the first call site's (all must agree). */
  notePointerParam(functionId: string, index: number, place: Place): Place;
  /** Constant-pool index of a byte string (`vector<u8>`). */
  bytesConstant(value: Uint8Array): number;
  /** Name of a module-level helper function (`pack_word`, `pack_bytes`, `word_of`), emitted on first use. */
  helper(name: 'pack_word' | 'pack_bytes' | 'word_of'): string;
  /** The struct a custom error's arguments are packed in (`Err<n> { code, f0, … }`), by signature. */
  errorStruct(signature: string): string;
}

const TERMINATORS = /^(Branch|Ret|Abort)\b/;
const JUMPS = /^(Branch|BrTrue|BrFalse) (\w+)$/;

export class FunctionGen {
  readonly lines: string[] = [];
  readonly locals: string[] = [];
  /** IR function ids this function calls (for the acquires fixpoint). */
  readonly callees = new Set<string>();
  touchesState = false;
  #live = true;
  readonly #referenced = new Set<string>();
  #labels = 0;
  #temps = 0;
  readonly #freeTemps = new Map<string, string[]>();
  readonly #tempsInUse: { name: string; key: string }[] = [];
  /** Ordinal of the next computed custom-error site (shared numbering with the diagnostic twin). */
  #sites = 0;
  /** Memory locals that are other names for an earlier local's object (`T memory b = a`). */
  readonly #aliasOf = new Map<number, number>();
  /** Memory locals that may share their object with another name (mutating them is refused). */
  readonly #aliased = new Set<number>();
  /** Temporaries holding a memory object that another name shares in Solidity → that local (or null). */
  readonly #shared = new Map<string, number | null>();
  readonly #loops: { brk: string; cont: string }[] = [];
  #loc: SourceLoc;

  /**
   * `diagnostic`: the function's twin for revert-data replay. A custom error with computed
   * arguments returns `bcs(Err<n> { code, args… })` as an extra last `vector<u8>` result instead of
   * aborting (every other return of it carries an empty vector), and each call of a function with a
   * twin forwards a non-empty one. A Move abort carries only a `u64`, so the harness replays a failed
   * call through the twin, read-only, to recover the arguments (as an Ethereum client replays a call).
   */
  readonly #out: Emitter;
  readonly #storage: StorageGen;
  readonly #arith: ArithGen;

  constructor(
    readonly ctx: ModuleContext,
    readonly fn: IrFunction,
    readonly diagnostic = false,
  ) {
    this.#loc = fn.loc;
    const declared = new Set<string>();
    this.#out = {
      emit: (instruction) => this.#emit(instruction),
      label: (name) => this.#label(name),
      loopHead: (name) => {
        this.#label(name);
        this.#referenced.add(name);
      },
      helper: (name) => ctx.helper(name),
      result: (type, instructions) => this.#result(type, instructions),
      materialize: (op, type) => this.#materialize(op, type),
      newLabel: (hint) => this.#newLabel(hint),
      temp: (type, prefix) => this.#temp(type, prefix),
      namedLocal: (name, type) => {
        if (declared.has(name)) return;
        declared.add(name);
        this.locals.push(`${name}: ${type}`);
      },
      operand: (e) => this.#materialize(this.#expr(e), typeOf(e)),
      pushZero: (type) => this.#pushZero(type),
      panicIf: (condition, code) => this.#abortIf(condition, code),
      unsupported: (construct) => this.#unsupported(construct),
      touchState: () => {
        this.touchesState = true;
      },
      selfConstant: ctx.selfConstant,
      fieldOf: (variable) => ctx.fieldName(variable),
    };
    this.#storage = new StorageGen(this.#out);
    this.#arith = new ArithGen(this.#out);
  }

  /** Generates the body; the caller renders the header (it needs the acquires of the whole module). */
  generate(): void {
    const params = new Set(this.fn.params.map((p) => p.id));
    for (const local of this.fn.locals) {
      if (params.has(local.id) || local.location === 'storage') continue;
      this.locals.push(`l${local.id}: ${this.#type(local.type)}`);
    }
    // A storage pointer parameter arrives as its keys and indices (`a<id>_<n>`), bound like a local pointer.
    this.fn.params.forEach((p, i) => {
      if (p.location !== 'storage') return;
      const shape = this.#pointerParam(this.fn.id, i);
      this.#storage.bindPointer(
        p.id,
        withKeys(
          shape,
          keyTypes(shape).map((_, n) => ({ push: `MoveLoc a${p.id}_${n}` })),
        ),
      );
    });
    for (const r of this.fn.returns) if (r.location !== 'storage') this.#zero(r.type, `l${r.id}`);
    this.#block(this.fn.body);
    this.#returnNamed();
  }

  params(): string[] {
    return [
      'sender: address',
      ...this.fn.params.flatMap((p, i) =>
        p.location === 'storage'
          ? keyTypes(this.#pointerParam(this.fn.id, i)).map((t, n) => `a${p.id}_${n}: ${this.#type(t)}`)
          : [`l${p.id}: ${this.#type(p.type)}`],
      ),
    ];
  }

  /** The path a storage pointer parameter points to, as the function's call sites pass it. */
  #pointerParam(functionId: string, index: number): Place {
    const place = this.ctx.pointerParam(functionId, index);
    if (place === undefined) throw this.#unsupported('storage pointer parameter without a call site');
    return place;
  }

  returns(): string[] {
    const values = this.#resultTypes(this.fn).map((t) => this.#type(t));
    return this.diagnostic ? [...values, 'vector<u8>'] : values;
  }

  /** The place a returned storage pointer points to (this function's own, or a callee's from the first pass). */
  pointerReturn(fn: IrFunction, index: number): Place {
    const local = fn.returns[index]!;
    const place =
      this.ctx.pointerReturn(fn.id, index) ?? (fn === this.fn ? this.#storage.pointer(local.id) : undefined);
    if (place === undefined)
      throw this.#unsupported(`storage pointer ${local.name} returned before it is bound`);
    return place;
  }

  /** A function's returned values in Move: each value, or a storage pointer's keys and indices. */
  #valueTypes(fn: IrFunction): IrType[] {
    return fn.returns.flatMap((r, i) =>
      r.location === 'storage' ? keyTypes(this.pointerReturn(fn, i)) : [r.type],
    );
  }

  /** All of a function's Move results: its values, then the memory parameters it writes back. */
  #resultTypes(fn: IrFunction): IrType[] {
    return [...this.#valueTypes(fn), ...this.#writeBacks(fn).map((p) => p.type)];
  }

  /**
   * Memory array/struct parameters the function mutates (directly or through a callee). Solidity
   * passes them by reference; here they are passed by value and returned, and the caller stores
   * them back into the argument's local (copy-in, copy-out).
   */
  #writeBacks(fn: IrFunction): IrLocal[] {
    return this.ctx.writeBacks(fn.id).map((i) => fn.params[i]!);
  }

  /** Number of Move results of the function being generated (without the twin's revert data). */
  resultCount(): number {
    return this.#resultTypes(this.fn).length;
  }

  /** Number of declared results (what a public wrapper returns). */
  valueCount(): number {
    return this.#valueTypes(this.fn).length;
  }

  /** `Ret` of the values on the stack, the written-back parameters (and the twin's "no revert" marker). */
  #ret(): void {
    for (const p of this.#writeBacks(this.fn)) this.#emit(`CopyLoc l${p.id}`);
    if (this.diagnostic) this.#emit(`LdConst ${this.ctx.emptyBytesConstant}`);
    this.#emit('Ret');
  }

  /** The diagnostic twin leaves with zero results and the revert data held in local `bytes`. */
  #retRevertData(bytes: string): void {
    for (const t of this.#resultTypes(this.fn)) this.#pushZero(t);
    this.#emit(`MoveLoc ${bytes}`);
    this.#emit('Ret');
  }

  // ── emission ──────────────────────────────────────────────────────────────────────────────────

  #emit(instruction: string): void {
    if (!this.#live) return;
    this.lines.push(`  ${instruction}`);
    const jump = JUMPS.exec(instruction);
    if (jump) this.#referenced.add(jump[2]!);
    if (TERMINATORS.test(instruction)) this.#live = false;
  }

  /** Places a label; code after a terminator stays dead (and is dropped) unless something jumps here. */
  #label(name: string): void {
    if (!this.#live && !this.#referenced.has(name)) return;
    this.lines.push(`${name}:`);
    this.#live = true;
  }

  #newLabel(hint: string): string {
    return `${hint}${this.#labels++}`;
  }

  /**
   * A temporary of a Move type. Temporaries die with the statement that made them (operands never
   * outlive it), so they are recycled by type at statement ends: Move allows only 255 locals.
   */
  #temp(type: string, prefix = 't'): string {
    const key = `${prefix}|${type}`;
    let name = this.#freeTemps.get(key)?.pop();
    if (name === undefined) {
      name = `${prefix}${this.#temps++}`;
      this.locals.push(`${name}: ${type}`);
    }
    this.#tempsInUse.push({ name, key });
    return name;
  }

  /** Returns the temporaries made since `mark` to the pool. */
  #releaseTemps(mark: number): void {
    for (const { name, key } of this.#tempsInUse.splice(mark)) {
      let free = this.#freeTemps.get(key);
      if (free === undefined) this.#freeTemps.set(key, (free = []));
      free.push(name);
      this.#shared.delete(`CopyLoc ${name}`);
    }
  }

  #type(type: IrType): string {
    try {
      return moveValueType(type);
    } catch (error) {
      throw this.#relocate(error);
    }
  }

  #unsupported(construct: string): Error {
    return unsupportedOnMove(construct, this.#loc);
  }

  /** Type errors raised without a location get the current statement's. */
  #relocate(error: unknown): unknown {
    if (
      error instanceof Error &&
      error.message.startsWith('unsupported on move:') &&
      !/ at \S+:\d+:\d+$/.test(error.message)
    )
      return unsupportedOnMove(error.message.slice('unsupported on move: '.length), this.#loc);
    return error;
  }

  #abort(code: number): void {
    this.#emit(`LdU64 ${code}`);
    this.#emit('Abort');
  }

  #zero(type: IrType, into: string): void {
    this.#pushZero(type);
    this.#emit(`StLoc ${into}`);
  }

  #pushZero(type: IrType): void {
    try {
      for (const ins of zeroInstructions(type, this.ctx)) this.#emit(ins);
    } catch (error) {
      throw this.#relocate(error);
    }
  }

  // ── statements ────────────────────────────────────────────────────────────────────────────────

  #block(body: readonly Stmt[]): void {
    for (const stmt of body) {
      this.#loc = stmt.loc;
      const mark = this.#tempsInUse.length;
      try {
        this.#stmt(stmt);
      } catch (error) {
        throw this.#relocate(error);
      }
      this.#releaseTemps(mark);
    }
  }

  #stmt(stmt: Stmt): void {
    switch (stmt.kind) {
      case 'let':
        if (stmt.value === null) {
          for (const id of stmt.locals) {
            if (id === null) continue;
            if (this.#local(id).location === 'storage') throw this.#unsupported('unbound storage pointer');
            this.#zero(this.#local(id).type, `l${id}`);
          }
          return;
        }
        if (this.#bindPointers(stmt.locals, [stmt.value])) return;
        if (this.#bindAlias(stmt.locals, stmt.value)) return;
        this.#storeInto(
          stmt.locals.map((id) =>
            id === null ? null : { kind: 'local', type: this.#local(id).type, local: id },
          ),
          [stmt.value],
        );
        return;
      case 'assign':
        if (
          this.#bindPointers(
            stmt.targets.map((t) => (t?.kind === 'local' ? t.local : null)),
            stmt.values,
          )
        )
          return;
        this.#storeInto(stmt.targets, stmt.values);
        return;
      case 'store': {
        const value = this.#materialize(this.#expr(stmt.value), typeOf(stmt.value));
        this.#storage.store(this.#storage.place(stmt.ref), value);
        return;
      }
      case 'storageDelete': {
        // Tables cannot be dropped: deleting a value that holds one is not expressible.
        const zero = this.#temp(this.#type(stmt.ref.type));
        this.#zero(stmt.ref.type, zero);
        this.#storage.store(this.#storage.place(stmt.ref), { push: `MoveLoc ${zero}` });
        return;
      }
      case 'expr': {
        const e = stmt.expr;
        if (e.kind === 'call') {
          this.#call(e.function, e.args);
          const callee = this.ctx.contract.functions.find((f) => f.id === e.function)!;
          for (const _ of this.#valueTypes(callee)) this.#emit('Pop');
        } else this.#expr(e);
        return;
      }
      case 'if': {
        const elseLabel = this.#newLabel('Else');
        const end = this.#newLabel('EndIf');
        this.#emit(this.#expr(stmt.condition).push);
        this.#emit(`BrFalse ${elseLabel}`);
        this.#block(stmt.then);
        this.#emit(`Branch ${end}`);
        this.#label(elseLabel);
        this.#block(stmt.else);
        this.#label(end);
        return;
      }
      case 'loop':
        this.#loop(stmt);
        return;
      case 'break':
        this.#emit(`Branch ${this.#innerLoop().brk}`);
        return;
      case 'continue':
        this.#emit(`Branch ${this.#innerLoop().cont}`);
        return;
      case 'return': {
        if (stmt.values === null) {
          this.#returnNamed();
          return;
        }
        const values = stmt.values.flatMap((v, i) => {
          if (this.fn.returns[i]?.location !== 'storage')
            return [this.#materialize(this.#expr(v), typeOf(v))];
          if (v.kind !== 'storageRef')
            throw this.#unsupported('returning a storage pointer that is not a path');
          return keyOperands(this.#storage.place(v.ref));
        });
        for (const v of values) this.#emit(v.push);
        this.#ret();
        return;
      }
      case 'revert':
        if (stmt.reason.kind === 'custom' && stmt.reason.args.some((a) => a.kind !== 'const')) {
          this.#computedCustomError(stmt.reason);
          return;
        }
        this.#abort(this.#abortCode(stmt.reason));
        return;
      case 'block':
        this.#block(stmt.body);
        return;
      case 'emit': {
        // Arguments left to right, packed into the event's struct, written with event::write_to_event_store.
        const struct = this.ctx.eventStruct(stmt.event);
        const args = stmt.args.map((a) => this.#materialize(this.#expr(a), typeOf(a)));
        this.#emit(`LdConst ${this.ctx.eventGuidConstant}`);
        this.#emit('LdU64 0');
        for (const a of args) this.#emit(a.push);
        if (args.length === 0) this.#emit('LdFalse');
        this.#emit(`Pack ${struct}`);
        this.#emit(`Call 0x1::event::write_to_event_store<${struct}>`);
        return;
      }
      case 'storagePush': {
        const value =
          stmt.value === null ? null : this.#materialize(this.#expr(stmt.value), typeOf(stmt.value));
        this.#storage.push(this.#storage.place(stmt.ref), value);
        return;
      }
      case 'storagePop':
        this.#storage.pop(this.#storage.place(stmt.ref));
        return;
    }
  }

  #loop(stmt: Extract<Stmt, { kind: 'loop' }>): void {
    const head = this.#newLabel('Loop');
    const cont = this.#newLabel('Continue');
    const brk = this.#newLabel('Break');
    this.#loops.push({ brk, cont });
    if (stmt.testFirst) {
      this.#label(head);
      if (stmt.condition !== null) {
        this.#emit(this.#expr(stmt.condition).push);
        this.#emit(`BrFalse ${brk}`);
      }
      this.#block(stmt.body);
      this.#label(cont);
      this.#block(stmt.update);
      this.#emit(`Branch ${head}`);
    } else {
      // do { body } while (cond): the body first, the test at the bottom.
      this.#label(head);
      this.#referenced.add(head);
      this.#block(stmt.body);
      this.#label(cont);
      this.#block(stmt.update);
      if (stmt.condition !== null) {
        this.#emit(this.#expr(stmt.condition).push);
        this.#emit(`BrTrue ${head}`);
      } else this.#emit(`Branch ${head}`);
    }
    this.#loops.pop();
    this.#label(brk);
  }

  #innerLoop(): { brk: string; cont: string } {
    const loop = this.#loops.at(-1);
    if (loop === undefined) throw this.#unsupported('break/continue outside a loop');
    return loop;
  }

  #returnNamed(): void {
    this.fn.returns.forEach((r) => {
      if (r.location !== 'storage') this.#emit(`CopyLoc l${r.id}`);
      else {
        const place = this.#storage.pointer(r.id);
        if (place === undefined)
          throw this.#unsupported(`storage pointer ${r.name} returned before it is bound`);
        for (const key of keyOperands(place)) this.#emit(key.push);
      }
    });
    this.#ret();
  }

  /**
   * `revert E(args)` with computed arguments: the arguments are evaluated left to right (they may
   * revert themselves), then the function aborts with this site's code; its diagnostic twin returns
   * `bcs(Err<n> { code, args… })` instead.
   */
  #computedCustomError(reason: Extract<RevertReason, { kind: 'custom' }>): void {
    const error = this.ctx.contract.errors.find((e) => e.signature === reason.error);
    if (error === undefined) throw this.#unsupported(`custom error ${reason.error}`);
    const args = reason.args.map((a) => this.#materialize(this.#expr(a), typeOf(a)));
    const code = this.ctx.aborts.site(error, `${this.fn.id}:${this.#sites++}`);
    if (!this.diagnostic) {
      this.#abort(code);
      return;
    }
    const struct = this.ctx.errorStruct(error.signature);
    const packed = this.#temp(struct);
    const bytes = this.#temp('vector<u8>');
    this.#emit(`LdU64 ${code}`);
    for (const a of args) this.#emit(a.push);
    this.#emit(`Pack ${struct}`);
    this.#emit(`StLoc ${packed}`);
    this.#emit(`ImmBorrowLoc ${packed}`);
    this.#emit(`Call 0x1::bcs::to_bytes<${struct}>`);
    this.#emit(`StLoc ${bytes}`);
    this.#retRevertData(bytes);
  }

  #local(id: number) {
    const local = this.fn.locals[id];
    if (local === undefined) throw this.#unsupported(`local #${id}`);
    return local;
  }

  /**
   * Binds storage pointer locals when every target is one (`S storage p = a[i]`); false when none is.
   * A pointer is its path: the keys are evaluated now and kept in the pointer's own locals.
   */
  #bindPointers(targets: readonly (number | null)[], values: readonly Expr[]): boolean {
    const pointers = targets.map((id) => id !== null && this.#local(id).location === 'storage');
    if (!pointers.some(Boolean)) return false;
    const value = values[0]!;
    if (targets.length !== 1 || values.length !== 1)
      throw this.#unsupported('storage pointers in a tuple assignment');
    if (value.kind === 'storageRef') {
      this.#storage.bindPointer(targets[0]!, this.#storage.place(value.ref));
      return true;
    }
    if (value.kind !== 'call' || value.types.length !== 1)
      throw this.#unsupported('storage pointer bound to anything but a storage path or a call');
    // The callee returns the pointer's keys and indices.
    const callee = this.ctx.contract.functions.find((f) => f.id === value.function)!;
    const shape = this.pointerReturn(callee, 0);
    this.#call(value.function, value.args);
    const keys = keyTypes(shape).map((t) => this.#temp(this.#type(t)));
    for (const k of [...keys].reverse()) this.#emit(`StLoc ${k}`);
    this.#storage.bindPointer(
      targets[0]!,
      withKeys(
        shape,
        keys.map((k) => ({ push: `MoveLoc ${k}` })),
      ),
    );
    return true;
  }

  /**
   * `let`/assign of one value, a multi-valued call, or a tuple: all values are computed before any
   * store, then each target is written (a memory element or field through a reference to it).
   */
  #storeInto(targets: readonly (LValue | null)[], values: readonly Expr[]): void {
    if (values.length === 1 && targets.length > 1) {
      const call = values[0]!;
      if (call.kind !== 'call') throw this.#unsupported('multi-value assignment from a non-call');
      this.#call(call.function, call.args);
      const results = call.types.map((t) => this.#temp(this.#type(t)));
      for (const r of [...results].reverse()) this.#emit(`StLoc ${r}`);
      targets.forEach((t, i) => {
        if (t !== null) this.#assign(t, { push: `MoveLoc ${results[i]}` });
      });
      return;
    }
    const operands = values.map((v) => this.#materialize(this.#expr(v), typeOf(v)));
    targets.forEach((t, i) => {
      if (t !== null) this.#assign(t, operands[i]!);
    });
  }

  /**
   * `T memory b = a` of a memory array/struct: `b` names the same object, so it becomes another name
   * for `a`'s Move local (mutations through either are seen by both, as in Solidity).
   */
  #bindAlias(targets: readonly (number | null)[], value: Expr): boolean {
    const [target] = targets;
    const type = value.type;
    if (targets.length !== 1 || target === null || target === undefined || value.kind !== 'local')
      return false;
    if (type === null || (type.kind !== 'array' && type.kind !== 'struct')) return false;
    this.#aliasOf.set(target, this.#root(value.local));
    return true;
  }

  /** The Move local a Solidity local is stored in (a memory alias uses its original's). */
  #root(local: number): number {
    return this.#aliasOf.get(local) ?? local;
  }

  #assign(target: LValue, value: Operand): void {
    if (target.kind === 'local') {
      const grouped = this.#aliasOf.has(target.local) || [...this.#aliasOf.values()].includes(target.local);
      if (grouped)
        throw this.#unsupported(
          `re-assigning ${this.#local(target.local).name}, which names a shared memory object`,
        );
      this.#noteAlias(target.local, value);
      this.#emit(value.push);
      this.#emit(`StLoc l${target.local}`);
      return;
    }
    const ref = this.#memoryRef(target, true);
    this.#emit(value.push);
    this.#emit(`MoveLoc ${ref}`);
    this.#emit('WriteRef');
  }

  /**
   * Solidity memory arrays and structs are references; Move values are copied. The two agree unless a
   * memory object is mutated through a second name, so a mutation is refused where that could be:
   * through a parameter (the caller's object) or a local that was assigned from another memory value.
   */
  #noteAlias(local: number, value: Operand): void {
    const type = this.#local(local).type;
    if (type.kind !== 'array' && type.kind !== 'struct') return;
    if (/^CopyLoc t\d+$/.test(value.push) && !this.#shared.has(value.push)) return;
    this.#aliased.add(local);
    const source = this.#shared.get(value.push);
    if (source !== undefined && source !== null) this.#aliased.add(source);
  }

  /** A reference (in a new local) to a memory place: a local, an element of one, a field of one. */
  #memoryRef(place: Expr | LValue, mutable: boolean): string {
    const kind = mutable ? 'Mut' : 'Imm';
    const mut = mutable ? 'mut ' : '';
    switch (place.kind) {
      case 'local': {
        const root = this.#root(place.local);
        const local = this.#local(root);
        const param =
          this.fn.params.some((p) => p.id === root) && !this.#writeBacks(this.fn).some((p) => p.id === root);
        if (mutable && (param || this.#aliased.has(root)))
          throw this.#unsupported(`mutation of memory ${local.name} that may be shared (Move copies values)`);
        const ref = this.#temp(`&${mut}${this.#type(local.type)}`, 'r');
        this.#emit(`${kind}BorrowLoc l${root}`);
        this.#emit(`StLoc ${ref}`);
        return ref;
      }
      case 'memoryIndex': {
        const arrayType = typeOf(place.base);
        if (arrayType.kind !== 'array') throw this.#unsupported(`index of ${typeName(arrayType)}`);
        const element = this.#type(arrayType.element);
        const index = this.#materialize(this.#expr(place.index), typeOf(place.index));
        const base = this.#memoryRef(place.base, mutable);
        const length = `CopyLoc ${base}|${mutable ? 'FreezeRef|' : ''}VecLen<${element}>|CastU256`;
        this.#abortIf(`${index.push}|CastU256|${length}|Ge`, 0x32);
        const ref = this.#temp(`&${mut}${element}`, 'r');
        this.#emit(`MoveLoc ${base}`);
        this.#emit(index.push);
        this.#emit('CastU64');
        this.#emit(`Vec${kind}Borrow<${element}>`);
        this.#emit(`StLoc ${ref}`);
        return ref;
      }
      case 'memoryField': {
        const struct = typeOf(place.base);
        if (struct.kind !== 'struct') throw this.#unsupported(`field of ${typeName(struct)}`);
        const base = this.#memoryRef(place.base, mutable);
        const ref = this.#temp(`&${mut}${this.#type(place.type)}`, 'r');
        this.#emit(`MoveLoc ${base}`);
        this.#emit(`${kind}BorrowField ${structName(struct)}.${fieldName(place.field)}`);
        this.#emit(`StLoc ${ref}`);
        return ref;
      }
      default: {
        // Any other value (a call's result, a storage copy): kept in a temporary and borrowed there.
        if (mutable) throw this.#unsupported(`assignment into a ${place.kind} value`);
        const value = this.#materialize(this.#expr(place), typeOf(place));
        const ref = this.#temp(`&${this.#type(typeOf(place))}`, 'r');
        this.#emit(`ImmBorrowLoc ${value.push.slice('CopyLoc '.length)}`);
        this.#emit(`StLoc ${ref}`);
        return ref;
      }
    }
  }

  #abortCode(reason: Extract<Stmt, { kind: 'revert' }>['reason']): number {
    const aborts = this.ctx.aborts;
    switch (reason.kind) {
      case 'empty':
        return aborts.empty();
      case 'panic':
        return aborts.panic(reason.code);
      case 'error':
        if (reason.message.kind !== 'stringConst') throw this.#unsupported('revert with a computed message');
        return aborts.message(reason.message.value);
      case 'custom': {
        const error = this.ctx.contract.errors.find((e) => e.signature === reason.error);
        if (error === undefined) throw this.#unsupported(`custom error ${reason.error}`);
        const args = reason.args.map((a) => {
          if (a.kind !== 'const')
            throw this.#unsupported(`custom error ${error.name} with computed arguments`);
          return a.value;
        });
        return aborts.custom(error, args);
      }
    }
  }

  // ── expressions ───────────────────────────────────────────────────────────────────────────────

  /** A temporary holding the operand's current value (snapshots a local read). */
  #materialize(op: Operand, type: IrType): Operand {
    if (op.push.startsWith('CopyLoc t')) return op;
    const t = this.#temp(this.#type(type));
    this.#emit(op.push);
    this.#emit(`StLoc ${t}`);
    const local = /^CopyLoc l(\d+)$/.exec(op.push);
    if (local !== null && (type.kind === 'array' || type.kind === 'struct'))
      this.#shared.set(`CopyLoc ${t}`, Number(local[1]));
    return { push: `CopyLoc ${t}` };
  }

  /** Computes the value of the instructions just emitted (on the stack) into a new temporary. */
  #result(type: IrType, instructions?: string): Operand {
    if (instructions !== undefined) for (const ins of instructions.split('|')) this.#emit(ins);
    const t = this.#temp(this.#type(type));
    this.#emit(`StLoc ${t}`);
    return { push: `CopyLoc ${t}` };
  }

  #expr(e: Expr): Operand {
    switch (e.kind) {
      case 'const':
        return { push: this.#constant(e.type, e.value) };
      case 'local':
        this.#type(e.type);
        return { push: `CopyLoc l${this.#root(e.local)}` };
      case 'env':
        return this.#env(e.name, e.type);
      case 'binary':
        return this.#binary(e);
      case 'compare': {
        const right = this.#expr(e.right);
        const left = this.#expr(e.left);
        this.#type(e.operandType);
        const ordered = e.op !== 'eq' && e.op !== 'ne';
        if (ordered && wordBits(e.operandType) === null)
          throw this.#unsupported(`${e.op} on ${typeName(e.operandType)}`);
        // Signed order = unsigned order of the words with the sign bit flipped.
        const flip = ordered && e.operandType.kind === 'int' ? signBit(e.operandType.bits) : null;
        for (const side of [left, right]) {
          this.#emit(side.push);
          if (flip !== null) {
            this.#emit(`LdU${moveBits((e.operandType as { bits: number }).bits)} ${flip}`);
            this.#emit('Xor');
          }
        }
        this.#emit({ eq: 'Eq', ne: 'Neq', lt: 'Lt', le: 'Le', gt: 'Gt', ge: 'Ge' }[e.op]);
        return this.#result(e.type);
      }
      case 'logical': {
        const result = this.#temp('bool');
        const end = this.#newLabel('Logic');
        this.#emit(this.#expr(e.left).push);
        this.#emit(`StLoc ${result}`);
        this.#emit(`CopyLoc ${result}`);
        this.#emit(`${e.op === 'and' ? 'BrFalse' : 'BrTrue'} ${end}`);
        this.#emit(this.#expr(e.right).push);
        this.#emit(`StLoc ${result}`);
        this.#label(end);
        return { push: `CopyLoc ${result}` };
      }
      case 'unary': {
        const operand = this.#expr(e.operand);
        if (e.op === 'not') {
          this.#emit(operand.push);
          this.#emit('Not');
          return this.#result(e.type);
        }
        if (e.op === 'neg' && e.type.kind === 'int') {
          const bits = e.type.bits;
          const x = this.#materialize(operand, e.type);
          if (e.checked) this.#abortIf(`${x.push}|LdU${moveBits(bits)} ${signBit(bits)}|Eq`, 0x11);
          return this.#arith.negate(bits, x.push);
        }
        const notBits = wordBits(e.type);
        if (e.op === 'bitnot' && notBits !== null) {
          this.#emit(operand.push);
          this.#emit(`LdU${moveBits(notBits)} ${mask(notBits)}`);
          this.#emit('Xor');
          return this.#result(e.type);
        }
        throw this.#unsupported(`unary ${e.op} on ${typeName(e.type)}`);
      }
      case 'cast':
        return this.#cast(e);
      case 'conditional': {
        const result = this.#temp(this.#type(e.type));
        const elseLabel = this.#newLabel('CondElse');
        const end = this.#newLabel('CondEnd');
        this.#emit(this.#expr(e.condition).push);
        this.#emit(`BrFalse ${elseLabel}`);
        this.#emit(this.#expr(e.whenTrue).push);
        this.#emit(`StLoc ${result}`);
        this.#emit(`Branch ${end}`);
        this.#label(elseLabel);
        this.#emit(this.#expr(e.whenFalse).push);
        this.#emit(`StLoc ${result}`);
        this.#label(end);
        return { push: `CopyLoc ${result}` };
      }
      case 'call': {
        if (e.type === null || e.types.length !== 1)
          throw this.#unsupported('call without one value in an expression');
        this.#call(e.function, e.args);
        return this.#result(e.type);
      }
      case 'stringConst':
        return { push: `LdConst ${this.ctx.bytesConstant(e.value)}` };
      case 'structLiteral': {
        const values = e.values.map((v) => this.#materialize(this.#expr(v), typeOf(v)));
        for (const v of values) this.#emit(v.push);
        this.#emit(`Pack ${this.#type(e.type)}`);
        return this.#result(e.type);
      }
      case 'arrayLiteral': {
        const values = e.values.map((v) => this.#materialize(this.#expr(v), typeOf(v)));
        for (const v of values) this.#emit(v.push);
        this.#emit(`VecPack<${this.#type((e.type as { element: IrType }).element)}> ${values.length}`);
        return this.#result(e.type);
      }
      case 'newArray':
        return this.#newArray(e);
      case 'memoryIndex':
      case 'memoryField': {
        const ref = this.#memoryRef(e, false);
        this.#emit(`MoveLoc ${ref}`);
        this.#emit('ReadRef');
        const element = this.#result(e.type);
        // An inner array or struct is the same object in Solidity, not a copy.
        if (e.type.kind === 'array' || e.type.kind === 'struct') this.#shared.set(element.push, null);
        return element;
      }
      case 'memoryLength': {
        const base = typeOf(e.base);
        const element = base.kind === 'array' ? this.#type(base.element) : 'u8';
        const bits = wordBits(e.type);
        if (bits === null || bits < 64) throw this.#unsupported(`length as ${typeName(e.type)}`);
        const ref = this.#memoryRef(e.base, false);
        this.#emit(`MoveLoc ${ref}`);
        this.#emit(`VecLen<${element}>`);
        if (bits !== 64) this.#emit(`CastU${moveBits(bits)}`);
        return this.#result(e.type);
      }
      case 'hash':
        return this.#hash(e);
      case 'storageLoad':
        this.#type(e.type);
        return this.#storage.load(this.#storage.place(e.ref));
      case 'storageLength':
        return this.#storage.length(this.#storage.place(e.ref), e.type);
      default:
        throw this.#unsupported(`expression ${e.kind} of type ${typeName(e.type)}`);
    }
  }

  /** `counter += 1` or `counter -= 1` on a u64 loop counter. */
  #step(counter: string, op: 'Add' | 'Sub'): void {
    this.#emit(`CopyLoc ${counter}`);
    this.#emit('LdU64 1');
    this.#emit(op);
    this.#emit(`StLoc ${counter}`);
  }

  /** `new T[](n)`: n zero elements; Panic(0x41) when n does not fit a u64 (Solidity's limit is 2^64 − 1). */
  #newArray(e: Extract<Expr, { kind: 'newArray' }>): Operand {
    const arrayType = e.type as IrArrayType;
    const element = this.#type(arrayType.element);
    const lengthType = typeOf(e.length);
    const bits = wordBits(lengthType);
    if (bits === null || lengthType.kind !== 'uint')
      throw this.#unsupported(`new array of ${typeName(lengthType)} length`);
    const n = this.#materialize(this.#expr(e.length), lengthType);
    if (bits > 64) this.#abortIf(`${n.push}|LdU${moveBits(bits)} ${mask(64)}|Gt`, 0x41);
    const count = this.#temp('u64');
    const array = this.#temp(`vector<${element}>`);
    const head = this.#newLabel('Fill');
    const end = this.#newLabel('Filled');
    this.#emit(n.push);
    if (bits !== 64) this.#emit('CastU64');
    this.#emit(`StLoc ${count}`);
    this.#emit(`VecPack<${element}> 0`);
    this.#emit(`StLoc ${array}`);
    this.#label(head);
    this.#referenced.add(head);
    this.#emit(`CopyLoc ${count}`);
    this.#emit('LdU64 0');
    this.#emit('Eq');
    this.#emit(`BrTrue ${end}`);
    this.#emit(`MutBorrowLoc ${array}`);
    this.#pushZero(arrayType.element);
    this.#emit(`VecPushBack<${element}>`);
    this.#step(count, 'Sub');
    this.#emit(`Branch ${head}`);
    this.#label(end);
    return { push: `CopyLoc ${array}` };
  }

  /** `keccak256`/`sha256` of `abi.encodePacked(…)`/`abi.encode(…)` (hash-gen.ts), as `bytes32`. */
  #hash(e: Extract<Expr, { kind: 'hash' }>): Operand {
    const args = e.args.map((a) => ({ type: typeOf(a), value: this.#materialize(this.#expr(a), typeOf(a)) }));
    if (wordBits(e.type) !== 256) throw this.#unsupported(`hash as ${typeName(e.type)}`);
    emitHash(this.#out, e.algorithm, e.encoding === 'standard', args);
    return this.#result(e.type);
  }

  /**
   * `msg.sender` is the signer's address; `block.number`/`block.timestamp` come from the transaction
   * context natives (Sui `tx_context`: epoch = block height, epoch start in ms = block time × 1000).
   */
  #env(name: EnvName, type: IrType): Operand {
    if (name === 'msg.sender') return { push: 'CopyLoc sender' };
    const bits = wordBits(type);
    if (bits === null || bits < 64) throw this.#unsupported(`${name} as ${typeName(type)}`);
    if (name === 'block.number') this.#emit('Call 0x2::tx_context::native_epoch');
    else {
      this.#emit('Call 0x2::tx_context::native_epoch_timestamp_ms');
      this.#emit('LdU64 1000');
      this.#emit('Div');
    }
    if (bits !== 64) this.#emit(`CastU${moveBits(bits)}`);
    return this.#result(type);
  }

  #constant(type: IrType, value: bigint): string {
    switch (type.kind) {
      case 'uint':
      case 'int':
        return `LdU${moveBits(type.bits)} ${wordOf(type, value)}`;
      case 'fixedBytes':
        return `LdU${moveBits(type.size * 8)} ${value}`;
      case 'bool':
        return value === 0n ? 'LdFalse' : 'LdTrue';
      case 'address':
        return `LdConst ${this.ctx.addressConstant(value)}`;
      default:
        throw this.#unsupported(`constant of type ${typeName(type)}`);
    }
  }

  #call(functionId: string, args: readonly Expr[]): void {
    const callee = this.ctx.contract.functions.find((f) => f.id === functionId)!;
    const operands = args.flatMap((a, i) => {
      if (callee.params[i]?.location !== 'storage') return [this.#materialize(this.#expr(a), typeOf(a))];
      // A storage pointer argument is passed as its path's keys and indices.
      if (a.kind !== 'storageRef') throw this.#unsupported('storage pointer argument that is not a path');
      const place = this.#storage.place(a.ref);
      if (shape(this.ctx.notePointerParam(functionId, i, place)) !== shape(place))
        throw this.#unsupported(
          `storage pointer parameter ${callee.params[i]!.name} called with paths of different shapes`,
        );
      return keyOperands(place);
    });
    this.callees.add(functionId);
    this.#emit('CopyLoc sender');
    for (const op of operands) this.#emit(op.push);
    if (!(this.diagnostic && this.ctx.hasDiagnostic(functionId)))
      this.#emit(`Call ${this.ctx.implName(functionId)}`);
    else this.#callTwin(functionId, callee);
    // Written-back memory parameters go back where the arguments came from.
    const writeBacks = this.ctx.writeBacks(functionId);
    const roots = args.flatMap((a) =>
      a.kind === 'local' && a.type !== null && (a.type.kind === 'array' || a.type.kind === 'struct')
        ? [this.#root(a.local)]
        : [],
    );
    if (writeBacks.length > 0 && new Set(roots).size !== roots.length)
      throw this.#unsupported(`passing one memory object twice to ${callee.name}, which mutates it`);
    for (const i of [...writeBacks].reverse()) {
      const arg = args[i]!;
      if (arg.kind === 'local') this.#emit(`StLoc l${this.#root(arg.local)}`);
      else if (['newArray', 'arrayLiteral', 'structLiteral', 'call', 'storageLoad'].includes(arg.kind))
        this.#emit('Pop'); // a fresh object no other name sees
      else throw this.#unsupported(`passing a ${arg.kind} to ${callee.name}, which mutates it`);
    }
  }

  /** Calls a function's diagnostic twin: its results are values…, revert data; non-empty revert data leaves this function too. */
  #callTwin(functionId: string, callee: IrFunction): void {
    this.#emit(`Call ${this.ctx.diagnosticName(functionId)}`);
    const bytes = this.#temp('vector<u8>');
    this.#emit(`StLoc ${bytes}`);
    const values = this.#resultTypes(callee).map((t) => this.#temp(this.#type(t)));
    for (const v of [...values].reverse()) this.#emit(`StLoc ${v}`);
    const ok = this.#newLabel('NoRevert');
    this.#emit(`ImmBorrowLoc ${bytes}`);
    this.#emit('VecLen<u8>');
    this.#emit('LdU64 0');
    this.#emit('Eq');
    this.#emit(`BrTrue ${ok}`);
    this.#retRevertData(bytes);
    this.#label(ok);
    for (const v of values) this.#emit(`MoveLoc ${v}`);
  }

  #binary(e: BinaryExpr): Operand {
    const type = e.type;
    const bitwise = ['and', 'or', 'xor', 'shl', 'shr'].includes(e.op);
    if (type.kind !== 'uint' && type.kind !== 'int' && !(type.kind === 'fixedBytes' && bitwise))
      throw this.#unsupported(`${e.op} on ${typeName(type)}`);
    this.#type(type);
    const right = this.#materialize(this.#expr(e.right), typeOf(e.right));
    const left = this.#materialize(this.#expr(e.left), typeOf(e.left));
    return this.#arith.binary(e, left, right);
  }

  /** `BrFalse` past an abort with Panic(code) when the `|`-separated condition instructions push true. */
  #abortIf(condition: string, panic: number): void {
    const ok = this.#newLabel('Ok');
    for (const ins of condition.split('|')) this.#emit(ins);
    this.#emit(`BrFalse ${ok}`);
    this.#abort(this.ctx.aborts.panic(panic));
    this.#label(ok);
  }

  /** Integer conversions keep the low bits (Move's casts abort instead, so narrowing masks first). */
  #cast(e: CastExpr): Operand {
    const from = typeOf(e.operand);
    const to = e.type;
    if (from.kind === 'fixedBytes' && to.kind === 'fixedBytes')
      return this.#resizeBytes(e, from.size, to.size);
    // bytesN ↔ uint(8N) reinterprets the same number.
    const sameSizeBytes =
      (from.kind === 'fixedBytes' && to.kind === 'uint' && to.bits === from.size * 8) ||
      (to.kind === 'fixedBytes' && from.kind === 'uint' && from.bits === to.size * 8);
    if (sameSizeBytes) {
      this.#type(from);
      this.#type(to);
      return this.#expr(e.operand);
    }
    const address = this.#addressCast(e, from, to);
    if (address !== null) return address;
    const bytesLike = (t: IrType) => t.kind === 'string' || t.kind === 'bytes';
    // string ↔ bytes: the same vector<u8>.
    if (bytesLike(from) && bytesLike(to)) return this.#expr(e.operand);
    if (from.kind === 'bytes' && to.kind === 'fixedBytes') {
      // bytesN(b): the first N bytes, zero-padded on the right.
      const b = this.#materialize(this.#expr(e.operand), from);
      this.#emit(`ImmBorrowLoc ${b.push.slice('CopyLoc '.length)}`);
      this.#emit(`LdU64 ${to.size}`);
      this.#emit(`Call ${this.ctx.helper('word_of')}`);
      if (moveBits(to.size * 8) !== 256) this.#emit(`CastU${moveBits(to.size * 8)}`);
      return this.#result(to);
    }
    const integers =
      (from.kind === 'uint' || from.kind === 'int') && (to.kind === 'uint' || to.kind === 'int');
    // Narrowing and zero-extension are the same on the words; widening a signed value sign-extends.
    if (!integers) throw this.#unsupported(`conversion ${typeName(from)} → ${typeName(to)}`);
    if (from.kind === 'int' && to.bits > from.bits) return this.#signExtend(e, from.bits, to.bits);
    this.#type(from);
    this.#type(to);
    const operand = this.#expr(e.operand);
    this.#emit(operand.push);
    if (to.bits < from.bits) {
      this.#emit(`LdU${moveBits(from.bits)} ${mask(to.bits)}`);
      this.#emit('BitAnd');
    }
    if (moveBits(to.bits) !== moveBits(from.bits)) this.#emit(`CastU${moveBits(to.bits)}`);
    return this.#result(to);
  }

  /**
   * `address` ↔ `uint160`/`bytes20` with Sui's `0x2::address::to_u256`/`from_u256` natives: the
   * 20-byte EVM address is the low 20 bytes of Move's 32, so the numbers agree.
   */
  #addressCast(e: CastExpr, from: IrType, to: IrType): Operand | null {
    const isWord160 = (t: IrType) =>
      (t.kind === 'uint' && t.bits === 160) || (t.kind === 'fixedBytes' && t.size === 20);
    if (from.kind === 'address' && to.kind === 'address') return this.#expr(e.operand);
    if (from.kind === 'address' && isWord160(to)) {
      this.#emit(this.#expr(e.operand).push);
      this.#emit('Call 0x2::address::to_u256');
      return this.#result(to);
    }
    if (to.kind === 'address' && isWord160(from)) {
      this.#emit(this.#expr(e.operand).push);
      this.#emit('Call 0x2::address::from_u256');
      return this.#result(to);
    }
    return null;
  }

  /** bytesN → bytesM pads or truncates on the right: the number moves up or down by whole bytes. */
  #resizeBytes(e: CastExpr, from: number, to: number): Operand {
    this.#type(typeOf(e.operand));
    this.#type(e.type);
    const x = this.#expr(e.operand);
    this.#emit(x.push);
    if (to > from) {
      this.#emit(`CastU${moveBits(to * 8)}`);
      this.#emit(`LdU8 ${8 * (to - from)}`);
      this.#emit('Shl');
    } else if (to < from) {
      this.#emit(`LdU8 ${8 * (from - to)}`);
      this.#emit('Shr');
      this.#emit(`CastU${moveBits(to * 8)}`);
    }
    return this.#result(e.type);
  }

  /** Widening a signed value copies its sign bit into the new high bits. */
  #signExtend(e: CastExpr, from: number, to: number): Operand {
    const x = this.#materialize(this.#expr(e.operand), typeOf(e.operand));
    const result = this.#temp(`u${moveBits(to)}`);
    const end = this.#newLabel('ExtEnd');
    this.#emit(x.push);
    this.#emit(`CastU${moveBits(to)}`);
    this.#emit(`StLoc ${result}`);
    for (const ins of isNegative(from, x.push).split('|')) this.#emit(ins);
    this.#emit(`BrFalse ${end}`);
    this.#emit(`CopyLoc ${result}`);
    this.#emit(`LdU${moveBits(to)} ${mask(to) ^ mask(from)}`);
    this.#emit('BitOr');
    this.#emit(`StLoc ${result}`);
    this.#label(end);
    return { push: `CopyLoc ${result}` };
  }
}

/** Instructions that push a type's zero value (an empty table for a mapping, k zeros for `T[k]`). */
export function zeroInstructions(type: IrType, ctx: ModuleContext): string[] {
  switch (type.kind) {
    case 'uint':
    case 'int':
      return [`LdU${moveBits(type.bits)} 0`];
    case 'fixedBytes':
      return [`LdU${moveBits(type.size * 8)} 0`];
    case 'bool':
      return ['LdFalse'];
    case 'address':
      return [`LdConst ${ctx.addressConstant(0n)}`];
    case 'string':
    case 'bytes':
      return ['VecPack<u8> 0'];
    case 'mapping':
      return [`Call 0x1::table::new<${moveType(type.key)}, ${moveType(type.value)}>`];
    case 'array': {
      const length = type.length ?? 0;
      const element = zeroInstructions(type.element, ctx);
      return [
        ...Array.from({ length }, () => element).flat(),
        `VecPack<${moveType(type.element)}> ${length}`,
      ];
    }
    case 'struct':
      return [...type.fields.flatMap((f) => zeroInstructions(f.type, ctx)), `Pack ${structName(type)}`];
  }
}
