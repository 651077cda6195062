/**
 * IR → sBPF v0 assembly (svm-lite's assembler syntax). One program per contract: the entrypoint checks
 * the account list (state account, signing authority), dispatches on the 8-byte Anchor discriminator
 * and runs the function in its 4 KiB stack frame: locals from the top, an 8-byte operand stack below
 * them, 32-byte temporaries from the frame's low end. Values up to 64 bits live in registers; wider
 * values (uint72..256, intN, address, bytesN) are 32-byte little-endian words handled through pointers
 * by the runtime library (runtime-lib.ts). r6 = state account data, r7 = instruction data, r8 = its
 * length, r9 = the heap (revert flag, return word, hash buffers, scratch).
 */
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrFunction } from '../ir/contract.js';
import type { Expr, IrLocal, RevertReason, SourceLoc, Stmt, StorageRef } from '../ir/nodes.js';
import {
  type IrStructType,
  type IrType,
  storageElementsPerSlot,
  storageSlots,
  UINT256,
  valueTypeSize,
} from '../ir/types.js';
import {
  CUSTOM_BASE,
  discriminator,
  ERR,
  errorDiscriminator,
  eventDiscriminator,
  isNarrow,
  isWide,
  PANIC_BASE,
  REASON_BASE,
  type StateLayout,
  scalarWidth,
  stateLayout,
  staticSlotOffset,
  typeName,
} from './layout.js';
import { ARENA, emitRoutines, HEAP, HEAP_START, type Routine, SCRATCH_SIZE } from './runtime-lib.js';

/** sBPF stack frame size (sbpf `config.rs`, `stack_frame_size: 4096`). */
const FRAME = 4096;
/** agave `MAX_PERMITTED_DATA_INCREASE`: realloc room after each serialized account's data. */
const REALLOC_ROOM = 10 * 1024;
/** Heap word holding `msg.sender` (the authority's pubkey as a little-endian word). */
const SENDER = HEAP.clock + 64;

export interface SvmProgram {
  readonly source: string;
  /** Error(string) reasons by index (custom code REASON_BASE + index). */
  readonly reasons: readonly string[];
  /** Custom errors by index (custom code CUSTOM_BASE + index), as IR error signatures. */
  readonly customErrors: readonly string[];
  /** Functions left out of the program, with the typed reason. */
  readonly unsupported: ReadonlyMap<string, UnsupportedError>;
  readonly layout: StateLayout;
}

function unsupported(what: string, loc?: SourceLoc): UnsupportedError {
  const at = loc ? `${loc.file}:${loc.line}:${loc.column}: ` : '';
  return new UnsupportedError(`${at}unsupported on svm: ${what}`);
}

/** Prefixes an unlocated `UnsupportedError` with `loc` (the innermost location wins). */
function locate(error: unknown, loc: SourceLoc): unknown {
  if (!(error instanceof UnsupportedError) || /^\S+:\d+:\d+: /.test(error.message)) return error;
  return unsupported(error.message.replace(/^unsupported on svm: /, ''), loc);
}

const LOADS = { 1: 'ldxb', 2: 'ldxh', 4: 'ldxw', 8: 'ldxdw' } as Record<number, string>;
const STORES = { 1: 'stxb', 2: 'stxh', 4: 'stxw', 8: 'stxdw' } as Record<number, string>;
const COMPARE_JUMPS = { eq: 'jeq', ne: 'jne', lt: 'jlt', le: 'jle', gt: 'jgt', ge: 'jge' } as const;
const SIGNED_JUMPS = { eq: 'jeq', ne: 'jne', lt: 'jslt', le: 'jsle', gt: 'jsgt', ge: 'jsge' } as const;

/** Sign-extends the low `bits` of `reg` to 64 bits (intN values live sign-extended in registers). */
function signExtend(bits: number, reg = 'r0'): string[] {
  return bits < 64 ? [`  lsh64 ${reg}, ${64 - bits}`, `  arsh64 ${reg}, ${64 - bits}`] : [];
}

function bitsOf(type: IrType): number {
  if (type.kind === 'bool') return 1;
  if (type.kind === 'uint' || type.kind === 'int') return type.bits;
  if (type.kind === 'fixedBytes') return 8 * type.size;
  if (type.kind === 'address') return 256;
  throw unsupported(`value of type ${typeName(type)}`);
}
function valueType(e: Expr): IrType {
  if (e.type === null) throw unsupported('a call without a value used as a value');
  return e.type;
}
function mask(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}
function hex(v: bigint): string {
  return `0x${BigInt.asUintN(64, v).toString(16)}`;
}
/**
 * A value type's byte size in storage: an address is a whole 32-byte pubkey, except where it shares
 * its slot with other state (`packed`), where it keeps solc's 20 bytes so the neighbours keep solc's
 * offsets.
 */
function storedSize(type: IrType, packed = false): number {
  return packed && type.kind === 'address' ? ADDRESS_BYTES : scalarWidth(type, 'stored value');
}
/** An EVM address's width: what an address sharing a storage slot keeps (solc's layout). */
const ADDRESS_BYTES = 20;
/** Whether `member` is an address sharing its slot with other members of `siblings` (solc packs it). */
function packedAddress(member: { type: IrType; slot: unknown }, siblings: readonly { slot: unknown }[]) {
  return member.type.kind === 'address' && siblings.some((o) => o !== member && o.slot === member.slot);
}
function checkValueType(type: IrType, what: string): void {
  if (!isNarrow(type) && !isWide(type)) throw unsupported(`${what} of type ${typeName(type)}`);
}
/**
 * Memory objects (heap, bump-allocated; a register holds the pointer): string/bytes are a u64 length
 * then the bytes; arrays a u64 length then one 32-byte word per element; structs one word per member.
 * Members and elements must be value types.
 */
function isMemoryRef(type: IrType): boolean {
  return type.kind === 'string' || type.kind === 'bytes' || type.kind === 'array' || type.kind === 'struct';
}
function checkMemoryType(type: IrType, what: string): void {
  if (type.kind === 'array') checkValueType(type.element, `${what} element`);
  else if (type.kind === 'struct')
    for (const f of type.fields) checkValueType(f.type, `${what} member ${f.name}`);
  else if (type.kind !== 'string' && type.kind !== 'bytes') checkValueType(type, what);
}
/** Values a register (or an 8-byte local) holds: narrow values and memory pointers. */
function checkRegisterType(type: IrType, what: string): void {
  if (isMemoryRef(type)) checkMemoryType(type, what);
  else checkValueType(type, what);
}
/** Bytes of a memory object of a fixed shape (struct or fixed array), with its u64 length for arrays. */
function fixedObjectSize(type: IrType): number | null {
  if (type.kind === 'struct') return 32 * type.fields.length;
  if (type.kind === 'array' && type.length !== null) return 8 + 32 * type.length;
  return null;
}

/** The type an event parameter is logged as: an indexed reference type is its 32-byte hash. */
export function loggedType(param: { type: IrType; indexed: boolean }): IrType {
  return param.indexed && isMemoryRef(param.type) ? { kind: 'fixedBytes', size: 32 } : param.type;
}

/** Generates one program; functions using unsupported constructs are left out and listed. */
export function generateProgram(contract: IrContract): SvmProgram {
  const layout = stateLayout(contract);
  const shared: Shared = {
    reasons: [],
    customErrors: [],
    panics: new Set(),
    label: 0,
    internals: new Map(),
    internalBodies: [],
    routines: new Set(),
    layout,
  };
  const size = layout.size;
  // Serialized input (agave `serialize_parameters_aligned`): account 0 at 8, data at 0x60; account 1
  // after account 0's data, realloc room and rent epoch; then the instruction data and program id.
  const account1 = 0x60 + size + REALLOC_ROOM + 8;
  const head: string[] = [
    'entrypoint:',
    `  lddw r9, 0x${HEAP_START.toString(16)}`,
    '  ldxdw r2, [r1+0x0]',
    '  jne r2, 2, err_accounts',
    '  ldxdw r2, [r1+0x58]',
    `  jne r2, ${size}, err_accounts`,
    '  mov64 r6, r1',
    '  add64 r6, 0x60',
    // The authority: not a duplicate (0xff), a signer; its key is msg.sender.
    `  ldxb r2, [r1+${account1}]`,
    '  jne r2, 0xff, err_accounts',
    `  ldxb r2, [r1+${account1 + 1}]`,
    '  jne r2, 1, err_accounts',
    '  mov64 r7, r1',
    `  mov64 r1, r9`,
    `  add64 r1, ${SENDER}`,
    '  mov64 r2, r7',
    `  add64 r2, ${account1 + 8}`,
    '  call rt_bswap',
    `  ldxdw r2, [r7+${account1 + 80}]`,
    '  add64 r2, 7',
    '  and64 r2, -8',
    `  add64 r7, ${account1 + 88 + REALLOC_ROOM + 8}`,
    '  add64 r7, r2',
    '  ldxdw r8, [r7+0x0]',
    '  add64 r7, 8',
    // The state account must be owned by this program (owner at data − 0x30, program id after the data).
    '  mov64 r2, r7',
    '  add64 r2, r8',
    ...[0, 8, 16, 24].flatMap((o) => [
      `  ldxdw r3, [r6-${0x30 - o}]`,
      `  ldxdw r4, [r2+${o}]`,
      '  jne r3, r4, err_accounts',
    ]),
    `  jlt r8, 8, err_missing`,
    '  ldxdw r2, [r7+0x0]',
  ];
  shared.routines.add('bswap');
  const bodies: string[] = [];
  const unsupportedFns = new Map<string, UnsupportedError>();
  const dispatched = contract.functions.filter((f) => f.selector !== null || f.kind === 'constructor');
  for (const fn of dispatched) {
    const routines = new Set(shared.routines);
    try {
      const code = new FunctionGen(contract, fn, shared, 'entry').generate();
      const label = `fn_${bodies.length}`;
      const disc = new DataView(discriminator(fn).buffer.slice(0)).getBigUint64(0, true);
      head.push(`  lddw r3, 0x${disc.toString(16)}`, `  jeq r2, r3, ${label}`);
      bodies.push(`${label}:`, ...code);
      bodies.push(...shared.internalBodies.splice(0));
      for (const entry of shared.internals.values()) entry.emitted = true;
    } catch (error) {
      shared.internalBodies.length = 0;
      shared.routines = routines;
      for (const [id, entry] of shared.internals) if (!entry.emitted) shared.internals.delete(id);
      if (!(error instanceof UnsupportedError)) throw error;
      unsupportedFns.set(fn.id, locate(error, fn.loc) as UnsupportedError);
    }
  }
  head.push(`  mov64 r0, ${ERR.fallbackNotFound}`, '  exit');
  const programErrors: Array<[string, number]> = [
    ['err_accounts', ERR.wrongAccounts],
    ['err_missing', ERR.instructionMissing],
    ['err_args', ERR.didNotDeserialize],
    ['err_uninit', ERR.notInitialized],
    ['err_reinit', ERR.alreadyInitialized],
    ['err_full', ERR.stateFull],
    ['err_address', ERR.addressTooWide],
    ['err_scratch', ERR.scratchOverflow],
  ];
  const tail = programErrors.flatMap(([label, code]) => [`${label}:`, ...raiseFlag(code), '  exit']);
  for (const code of [...shared.panics].sort((a, b) => a - b)) {
    tail.push(
      `panic_${code}:`,
      ...logText(`Panic(0x${code.toString(16)})`),
      ...raiseFlag(PANIC_BASE + code),
      '  exit',
    );
  }
  return {
    source: [...head, ...bodies, ...tail, ...emitRoutines(shared.routines, layout)].join('\n'),
    reasons: shared.reasons,
    customErrors: shared.customErrors,
    unsupported: unsupportedFns,
    layout,
  };
}

/** Writes `text` to the heap scratch buffer with immediate stores and logs it through `sol_log_`. */
function logText(text: string): string[] {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > SCRATCH_SIZE) throw unsupported(`revert message longer than ${SCRATCH_SIZE} bytes`);
  const out: string[] = [];
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const word = new DataView(bytes.buffer, bytes.byteOffset + i, 4).getInt32(0, true);
    out.push(`  stw [r9+${HEAP.scratch + i}], ${word}`);
  }
  for (; i < bytes.length; i++) out.push(`  stb [r9+${HEAP.scratch + i}], ${bytes[i]}`);
  out.push(
    '  mov64 r1, r9',
    `  add64 r1, ${HEAP.scratch}`,
    `  mov64 r2, ${bytes.length}`,
    '  syscall sol_log_',
  );
  return out;
}

interface Shared {
  reasons: string[];
  customErrors: string[];
  panics: Set<number>;
  label: number;
  /** Internal function id → its label; `emitted` once its body is part of the program. */
  internals: Map<string, { label: string; emitted: boolean }>;
  /** Internal function bodies generated while compiling the current entry function. */
  internalBodies: string[];
  routines: Set<Routine>;
  layout: StateLayout;
}

/**
 * The revert flag (first heap word): a revert inside an internal function must unwind every frame
 * (`exit` only leaves one), so it stores its error code there; each call site checks the flag after
 * the call and exits with it.
 */
function raiseFlag(code: number): string[] {
  return [`  stdw [r9+${HEAP.flag}], ${code}`, `  mov64 r0, ${code}`];
}

/** Max arguments of an internal call: sBPF passes them in r1–r5 (a wide value as a pointer). */
const MAX_ARGS = 5;
/** Max return values of an internal function: several travel as words in the heap's `rets` area. */
const MAX_RETURNS = 6;

/** The most inner arrays `delete` of a fixed array of arrays unrolls (code size grows with it). */
const MAX_UNROLLED_DELETES = 32;

/** Where a storage value lives: a slot known at compile time, or a key word r0 points to. */
type Place = (
  | { readonly slot: bigint; readonly offset: number }
  /** `packed`: a packed array element, whose byte offset in the slot is on top of the operand stack. */
  | { readonly slot: null; readonly offset: number; readonly packed?: boolean }
) & {
  /** An address sharing its slot with other state: stored as solc's 20 bytes. */
  readonly packedAddress?: boolean;
};

class FunctionGen {
  readonly #out: string[] = [];
  #depth = 0;
  #maxDepth = 0;
  #temps = 0;
  #maxTemps = 0;
  readonly #loops: { cont: string; end: string }[] = [];
  readonly #localOffset = new Map<number, number>();
  readonly #localsBytes: number;

  constructor(
    readonly contract: IrContract,
    readonly fn: IrFunction,
    readonly shared: Shared,
    readonly mode: 'entry' | 'internal',
  ) {
    let at = 0;
    for (const l of fn.locals) {
      at += this.#wideLocal(l) ? 32 : 8;
      this.#localOffset.set(l.id, at);
    }
    this.#localsBytes = at;
    this.#fits();
  }

  #wideLocal(l: IrLocal): boolean {
    return l.location === 'storage' || isWide(l.type);
  }
  /** Whether the value of `e` is a word pointer (wide types and storage pointers). */
  #wideExpr(e: Expr): boolean {
    if (e.kind === 'storageRef') return true;
    if (e.kind === 'local') return this.#wideLocal(this.fn.locals[e.local]!);
    if (e.kind === 'call') {
      const callee = this.contract.functions.find((f) => f.id === e.function);
      if (callee?.returns[0]?.location === 'storage') return true;
    }
    return e.type !== null && isWide(e.type);
  }

  #fits(): void {
    if (this.#localsBytes + 8 * this.#maxDepth + 32 * this.#maxTemps > FRAME)
      throw unsupported('function needs more than one 4 KiB stack frame', this.fn.loc);
  }

  generate(): string[] {
    return this.mode === 'entry' ? this.#entry() : this.#internal();
  }

  /** An internal function: arguments arrive in r1–r5 (wide ones as pointers); a return in r0 or the heap word. */
  #internal(): string[] {
    const { fn } = this;
    const o = this.#out;
    if (fn.params.length > MAX_ARGS)
      throw unsupported(`internal function with more than ${MAX_ARGS} parameters`, fn.loc);
    if (fn.returns.length > MAX_RETURNS)
      throw unsupported(`internal function with more than ${MAX_RETURNS} return values`, fn.loc);
    for (const r of fn.returns)
      if (r.location === 'storage' && fn.returns.length > 1)
        throw unsupported('storage pointers among several return values', fn.loc);
    fn.params.forEach((p, i) => {
      if (this.#wideLocal(p)) {
        for (let k = 0; k < 4; k++)
          o.push(`  ldxdw r0, [r${i + 1}+${8 * k}]`, `  stxdw ${this.#localLimb(p.id, k)}, r0`);
      } else {
        checkRegisterType(p.type, `parameter ${p.name}`);
        o.push(`  stxdw ${this.#local(p.id)}, r${i + 1}`);
      }
    });
    return this.#body();
  }

  #entry(): string[] {
    const { fn } = this;
    const o = this.#out;
    o.push('  ldxdw r2, [r6+0x0]');
    if (fn.kind === 'constructor') o.push('  jne r2, 0, err_reinit', '  stdw [r6+0x0], 1');
    else o.push('  jeq r2, 0, err_uninit');
    // Borsh arguments after the discriminator: r7 = cursor, r8 = bytes left (exactly consumed).
    o.push('  add64 r7, 8', '  sub64 r8, 8');
    for (const p of fn.params) {
      if (isMemoryRef(p.type)) {
        checkMemoryType(p.type, `parameter ${p.name}`);
        this.#decodeObject(p.type);
        o.push(`  stxdw ${this.#local(p.id)}, r0`);
        continue;
      }
      const width = scalarWidth(p.type, `parameter ${p.name}`);
      o.push(`  jlt r8, ${width}, err_args`);
      if (isWide(p.type)) {
        this.#ptr('r1', this.#localOffset.get(p.id)!);
        o.push('  mov64 r2, r7');
        this.#decodeWide(p.type, width);
      } else {
        this.#decodeNarrow(p.type, width);
        o.push(`  stxdw ${this.#local(p.id)}, r0`);
      }
      o.push(`  add64 r7, ${width}`, `  sub64 r8, ${width}`);
    }
    o.push('  jne r8, 0, err_args');
    return this.#body();
  }

  /** r0 = the narrow Borsh value at [r7] (bool must be 0/1). */
  #decodeNarrow(type: IrType, width: number): void {
    const o = this.#out;
    this.#loadNarrow('r7', 0, width);
    if (type.kind === 'bool') o.push('  jgt r0, 1, err_args');
    if (type.kind === 'int') o.push(...signExtend(type.bits));
  }

  /** r0 = a fresh heap object of `size` bytes (a constant, or the register `size`); clobbers r1. */
  #alloc(size: number | string): void {
    const o = this.#out;
    o.push(`  ldxdw r0, [r9+${HEAP.bump}]`, '  mov64 r1, r0');
    if (typeof size === 'number') o.push(`  add64 r1, ${(size + 7) & ~7}`);
    else o.push(`  add64 r1, ${size}`, '  add64 r1, 7', '  and64 r1, -8');
    o.push(`  stxdw [r9+${HEAP.bump}], r1`, '  add64 r0, r9', `  add64 r0, ${ARENA}`);
  }

  /** Decodes a Borsh string/bytes (u32 length + bytes) or array (u32 length unless fixed) at the cursor into a heap object (r0). */
  #decodeObject(type: IrType): void {
    const o = this.#out;
    if (type.kind === 'string' || type.kind === 'bytes') {
      o.push(
        '  jlt r8, 4, err_args',
        '  ldxw r2, [r7+0]',
        '  add64 r7, 4',
        '  sub64 r8, 4',
        '  jgt r2, r8, err_args',
      );
      o.push('  mov64 r3, r2', '  add64 r3, 8');
      this.#alloc('r3');
      o.push('  stxdw [r0+0], r2');
      this.#push();
      o.push(
        '  mov64 r1, r0',
        '  add64 r1, 8',
        '  mov64 r3, r2',
        '  mov64 r2, r7',
        '  add64 r7, r3',
        '  sub64 r8, r3',
      );
      o.push('  syscall sol_memcpy_');
      this.#pop('r0');
      return;
    }
    if (type.kind !== 'array') throw unsupported(`parameter of type ${typeName(type)}`);
    const element = type.element;
    const width = scalarWidth(element, 'array element');
    if (type.length === null)
      o.push('  jlt r8, 4, err_args', '  ldxw r2, [r7+0]', '  add64 r7, 4', '  sub64 r8, 4');
    else o.push(`  mov64 r2, ${type.length}`);
    o.push(
      '  mov64 r3, r2',
      `  mul64 r3, ${width}`,
      '  jgt r3, r8, err_args',
      '  mov64 r3, r2',
      '  lsh64 r3, 5',
      '  add64 r3, 8',
    );
    this.#alloc('r3');
    o.push('  stxdw [r0+0], r2');
    this.#push();
    // Element cursor on the stack: the next word to fill, and the end.
    o.push('  add64 r0, 8');
    this.#push();
    o.push('  lsh64 r2, 5', '  add64 r0, r2');
    this.#push();
    const loop = this.#label('decode');
    const done = this.#label('decoded');
    const [at, end] = [this.#stackSlot(1), this.#stackSlot(0)];
    o.push(`${loop}:`, `  ldxdw r1, ${at}`, `  ldxdw r2, ${end}`, `  jge r1, r2, ${done}`);
    if (isWide(element)) {
      o.push('  mov64 r2, r7');
      this.#decodeWide(element, width);
    } else {
      this.#decodeNarrow(element, width);
      o.push(`  ldxdw r1, ${at}`, '  stxdw [r1+0], r0');
      if (element.kind === 'int')
        o.push('  arsh64 r0, 63', '  stxdw [r1+8], r0', '  stxdw [r1+16], r0', '  stxdw [r1+24], r0');
    }
    o.push(
      `  add64 r7, ${width}`,
      `  sub64 r8, ${width}`,
      `  ldxdw r1, ${at}`,
      '  add64 r1, 32',
      `  stxdw ${at}, r1`,
    );
    o.push(`  ja ${loop}`, `${done}:`);
    this.#depth -= 2;
    this.#pop('r0');
  }

  /** The operand-stack slot `back` entries below the top. */
  #stackSlot(back: number): string {
    return `[r10-${this.#localsBytes + 8 * (this.#depth - back)}]`;
  }

  /** Borsh bytes at r2 into the word at r1: integers little-endian (sign-extended), pubkeys/bytesN big-endian. */
  #decodeWide(type: IrType, width: number): void {
    const o = this.#out;
    if (type.kind === 'address' || type.kind === 'fixedBytes') {
      o.push(`  mov64 r3, ${width}`, `  call ${this.#rt('loadBe')}`);
      return;
    }
    o.push('  mov64 r3, r1');
    for (let k = 0; k < 4; k++) o.push(`  stdw [r3+${8 * k}], 0`);
    this.#copyBytes('r3', 0, 'r2', 0, width);
    if (type.kind === 'int' && width < 32)
      o.push('  mov64 r1, r3', `  mov64 r2, ${width}`, `  call ${this.#rt('truncS')}`);
  }

  /** Copies `n` bytes from [src+s] to [dst+d] (r5 as the carrier), 8 at a time where possible. */
  #copyBytes(dst: string, d: number, src: string, s: number, n: number): void {
    let i = 0;
    for (; i + 8 <= n; i += 8)
      this.#out.push(`  ldxdw r5, [${src}+${s + i}]`, `  stxdw [${dst}+${d + i}], r5`);
    for (; i < n; i++) this.#out.push(`  ldxb r5, [${src}+${s + i}]`, `  stxb [${dst}+${d + i}], r5`);
  }

  /** Zeroes the return locals, then the body; falling off the end returns the named returns. */
  #body(): string[] {
    for (const r of this.fn.returns) {
      if (this.#wideLocal(r))
        for (let k = 0; k < 4; k++) this.#out.push(`  stdw ${this.#localLimb(r.id, k)}, 0`);
      else {
        checkRegisterType(r.type, `return value ${r.name || '(unnamed)'}`);
        this.#zeroValue(r.type);
        this.#out.push(`  stxdw ${this.#local(r.id)}, r0`);
      }
    }
    for (const s of this.fn.body) this.#stmt(s);
    this.#return(null, this.fn.loc);
    return this.#out;
  }

  #local(id: number): string {
    return `[r10-${this.#localOffset.get(id)!}]`;
  }
  #localLimb(id: number, k: number): string {
    return `[r10-${this.#localOffset.get(id)! - 8 * k}]`;
  }
  #ptr(reg: string, offset: number): void {
    this.#out.push(`  mov64 ${reg}, r10`, `  sub64 ${reg}, ${offset}`);
  }
  #label(name: string): string {
    return `${name}_${this.shared.label++}`;
  }
  #rt(name: Routine): string {
    this.shared.routines.add(name);
    return `rt_${name}`;
  }
  #push(): void {
    this.#depth++;
    if (this.#depth > this.#maxDepth) {
      this.#maxDepth = this.#depth;
      this.#fits();
    }
    this.#out.push(`  stxdw [r10-${this.#localsBytes + 8 * this.#depth}], r0`);
  }
  #pop(reg: string): void {
    this.#out.push(`  ldxdw ${reg}, [r10-${this.#localsBytes + 8 * this.#depth}]`);
    this.#depth--;
  }
  /** A fresh 32-byte temporary (valid until the statement ends); `reg` points to it. */
  #temp(reg = 'r0'): number {
    const offset = FRAME - 32 * this.#temps++;
    if (this.#temps > this.#maxTemps) {
      this.#maxTemps = this.#temps;
      this.#fits();
    }
    this.#ptr(reg, offset);
    return offset;
  }
  /** Writes a constant word at [reg]. */
  #constWord(reg: string, value: bigint): void {
    const v = BigInt.asUintN(256, value);
    for (let k = 0; k < 4; k++) {
      const limb = (v >> BigInt(64 * k)) & mask(64);
      const signed = BigInt.asIntN(64, limb);
      if (signed >= -0x80000000n && signed < 0x80000000n)
        this.#out.push(`  stdw [${reg}+${8 * k}], ${signed}`);
      else this.#out.push(`  lddw r5, ${hex(limb)}`, `  stxdw [${reg}+${8 * k}], r5`);
    }
  }
  #panic(code: number): string {
    this.shared.panics.add(code);
    return `panic_${code}`;
  }

  #stmt(s: Stmt): void {
    const o = this.#out;
    this.#temps = 0;
    try {
      switch (s.kind) {
        case 'let': {
          if (s.locals.length !== 1) {
            if (s.value === null || s.value.kind !== 'call') throw unsupported('multi-value let', s.loc);
            this.#expr(s.value);
            s.locals.forEach((id, i) => {
              if (id === null || id === undefined) return;
              this.#returnedWord(this.fn.locals[id]!.type, i);
              this.#storeLocal(this.fn.locals[id]!);
            });
            return;
          }
          const id = s.locals[0];
          const local = id === null || id === undefined ? null : this.fn.locals[id]!;
          if (local !== null && !this.#wideLocal(local)) checkRegisterType(local.type, `local ${local.name}`);
          if (s.value === null) {
            if (local === null) return;
            if (this.#wideLocal(local))
              for (let k = 0; k < 4; k++) o.push(`  stdw ${this.#localLimb(local.id, k)}, 0`);
            else {
              this.#zeroValue(local.type);
              o.push(`  stxdw ${this.#local(local.id)}, r0`);
            }
            return;
          }
          this.#expr(s.value);
          if (local !== null) this.#storeLocal(local);
          return;
        }
        case 'assign': {
          if (s.values.length !== s.targets.length) {
            const call = s.values[0];
            if (s.values.length !== 1 || call?.kind !== 'call')
              throw unsupported('assignment from a multi-valued expression', s.loc);
            this.#expr(call);
            // Copy every returned value out of the heap words first, then assign in order.
            s.targets.forEach((_, i) => {
              this.#returnedWord(call.types[i]!, i);
              if (isWide(call.types[i]!)) this.#copyToTemp();
              this.#push();
            });
            for (let i = s.targets.length - 1; i >= 0; i--) {
              const t = s.targets[i];
              this.#pop('r0');
              if (t === null || t === undefined) continue;
              if (t.kind !== 'local') throw unsupported(`tuple assignment to ${t.kind}`, s.loc);
              this.#storeLocal(this.fn.locals[t.local]!);
            }
            return;
          }
          for (const v of s.values) {
            this.#expr(v);
            // Copy wide values first: a later target may be the local an earlier value points to.
            if (s.values.length > 1 && this.#wideExpr(v)) this.#copyToTemp();
            this.#push();
          }
          for (let i = s.targets.length - 1; i >= 0; i--) {
            const t = s.targets[i];
            this.#pop('r0');
            if (t === null || t === undefined) continue;
            if (t.kind === 'local') this.#storeLocal(this.fn.locals[t.local]!);
            else {
              this.#push();
              this.#memoryPlace(t);
              o.push('  mov64 r1, r0');
              this.#pop('r0');
              this.#writeWord(t.type);
            }
          }
          return;
        }
        case 'store':
          if (s.ref.type.kind === 'string' || s.ref.type.kind === 'bytes') {
            this.#expr(s.value);
            this.#push();
            this.#stringStore(s.ref);
            return;
          }
          if (s.ref.type.kind === 'array') {
            this.#expr(s.value);
            this.#push();
            this.#storeArray(s.ref.type, s.ref, true);
            return;
          }
          if (s.ref.type.kind === 'struct') {
            this.#storeStruct(s.ref.type, s.ref, s.value);
            return;
          }
          checkValueType(s.ref.type, 'storage write');
          this.#expr(s.value);
          this.#push();
          this.#storeAt(s.ref, s.ref.type);
          return;
        case 'storageDelete':
          this.#delete(s.ref, s.ref.type);
          return;
        case 'storagePush':
          this.#storagePush(s.ref, s.value);
          return;
        case 'storagePop':
          this.#storagePop(s.ref);
          return;
        case 'expr':
          this.#expr(s.expr);
          return;
        case 'block':
          for (const b of s.body) this.#stmt(b);
          return;
        case 'if': {
          const otherwise = this.#label('else');
          const end = this.#label('endif');
          this.#expr(s.condition);
          o.push(`  jeq r0, 0, ${otherwise}`);
          for (const b of s.then) this.#stmt(b);
          o.push(`  ja ${end}`, `${otherwise}:`);
          for (const b of s.else) this.#stmt(b);
          o.push(`${end}:`);
          return;
        }
        case 'loop': {
          const top = this.#label('loop');
          const body = this.#label('body');
          const cont = this.#label('continue');
          const end = this.#label('endloop');
          if (!s.testFirst) o.push(`  ja ${body}`);
          o.push(`${top}:`);
          if (s.condition !== null) {
            this.#temps = 0;
            this.#expr(s.condition);
            o.push(`  jeq r0, 0, ${end}`);
          }
          o.push(`${body}:`);
          this.#loops.push({ cont, end });
          for (const b of s.body) this.#stmt(b);
          this.#loops.pop();
          o.push(`${cont}:`);
          for (const b of s.update) this.#stmt(b);
          o.push(`  ja ${top}`, `${end}:`);
          return;
        }
        case 'break':
          o.push(`  ja ${this.#loops.at(-1)!.end}`);
          return;
        case 'continue':
          o.push(`  ja ${this.#loops.at(-1)!.cont}`);
          return;
        case 'return':
          this.#return(s.values, s.loc);
          return;
        case 'revert':
          this.#revert(s.reason, s.loc);
          return;
        case 'emit':
          this.#emit(s.event, s.args);
          return;
      }
    } catch (error) {
      throw locate(error, s.loc);
    }
  }

  /** r0 = return value `i` of the internal call just made (a narrow value, or → its heap word). */
  #returnedWord(type: IrType, i: number): void {
    if (isWide(type)) this.#out.push('  mov64 r0, r9', `  add64 r0, ${HEAP.rets + 32 * i}`);
    else this.#out.push(`  ldxdw r0, [r9+${HEAP.rets + 32 * i}]`);
  }

  /** Stores r0 (a value, or a word pointer for wide locals) into `local`. */
  #storeLocal(local: IrLocal): void {
    if (!this.#wideLocal(local)) {
      this.#out.push(`  stxdw ${this.#local(local.id)}, r0`);
      return;
    }
    for (let k = 0; k < 4; k++)
      this.#out.push(`  ldxdw r1, [r0+${8 * k}]`, `  stxdw ${this.#localLimb(local.id, k)}, r1`);
  }
  /** Copies the word r0 points to into a fresh temporary; r0 points to the copy. */
  #copyToTemp(): void {
    this.#temp('r1');
    for (let k = 0; k < 4; k++) this.#out.push(`  ldxdw r2, [r0+${8 * k}]`, `  stxdw [r1+${8 * k}], r2`);
    this.#out.push('  mov64 r0, r1');
  }

  /**
   * Borsh-encodes the top `types.length` operand-stack values (pushed in order) into scratch from
   * `start`, with r8 as the cursor, and drops them; r2 = the encoded size.
   */
  #encodeStack(types: readonly IrType[], start: number): void {
    const o = this.#out;
    for (const t of types)
      if (isMemoryRef(t)) checkMemoryType(t, 'encoded value');
      else scalarWidth(t, 'encoded value');
    o.push('  mov64 r8, r9', `  add64 r8, ${HEAP.scratch + start}`);
    types.forEach((type, i) => {
      o.push(`  ldxdw r0, ${this.#stackSlot(types.length - 1 - i)}`);
      this.#encodeValue(type);
    });
    this.#depth -= types.length;
    o.push('  mov64 r2, r8', '  sub64 r2, r9', `  sub64 r2, ${HEAP.scratch}`);
  }

  /** Appends r0 (a value, a word pointer or a memory object) as Borsh at r8. */
  #encodeValue(type: IrType): void {
    const o = this.#out;
    if (type.kind === 'string' || type.kind === 'bytes') {
      o.push('  ldxdw r3, [r0+0]', '  stxw [r8+0], r3', '  add64 r8, 4', '  mov64 r1, r8', '  mov64 r2, r0');
      o.push('  add64 r2, 8', '  add64 r8, r3', '  syscall sol_memcpy_');
      return;
    }
    if (type.kind === 'struct' || type.kind === 'array') {
      // r7 walks the words (callee-saved, free once the arguments are decoded).
      const element = type.kind === 'array' ? [type.element] : type.fields.map((f) => f.type);
      if (type.kind === 'struct') {
        o.push('  mov64 r7, r0');
        type.fields.forEach((f) => {
          this.#wordValue(f.type, 'r7');
          this.#encodeValue(f.type);
          o.push('  add64 r7, 32');
        });
        return;
      }
      o.push('  ldxdw r3, [r0+0]');
      if (type.length === null) o.push('  stxw [r8+0], r3', '  add64 r8, 4');
      o.push('  mov64 r7, r0', '  add64 r7, 8', '  lsh64 r3, 5', '  add64 r3, r7');
      this.#out.push('  mov64 r0, r3');
      this.#push();
      const loop = this.#label('enc');
      const done = this.#label('encdone');
      o.push(`${loop}:`, `  ldxdw r3, ${this.#stackSlot(0)}`, `  jge r7, r3, ${done}`);
      this.#wordValue(element[0]!, 'r7');
      this.#encodeValue(element[0]!);
      o.push('  add64 r7, 32', `  ja ${loop}`, `${done}:`);
      this.#depth--;
      return;
    }
    const width = scalarWidth(type, 'encoded value');
    if (!isWide(type)) {
      if (STORES[width]) o.push(`  ${STORES[width]} [r8+0], r0`);
      else {
        o.push('  mov64 r1, r0');
        for (let b = 0; b < width; b++) o.push(`  stxb [r8+${b}], r1`, '  rsh64 r1, 8');
      }
    } else if (type.kind === 'address' || type.kind === 'fixedBytes') {
      o.push('  mov64 r2, r0', '  mov64 r1, r8', `  mov64 r3, ${width}`, `  call ${this.#rt('storeBe')}`);
    } else this.#copyBytes('r8', 0, 'r0', 0, width);
    o.push(`  add64 r8, ${width}`);
  }

  /** r0 = the value of `type` held in the word at [ptr] (a narrow value, or the pointer itself). */
  #wordValue(type: IrType, ptr: string): void {
    if (isWide(type)) this.#out.push(`  mov64 r0, ${ptr}`);
    else this.#out.push(`  ldxdw r0, [${ptr}+0]`);
  }

  /** Writes r0 (a value of `type`: narrow, or → a word) into the word r1 points to. */
  #writeWord(type: IrType): void {
    const o = this.#out;
    if (isWide(type)) {
      for (let k = 0; k < 4; k++) o.push(`  ldxdw r2, [r0+${8 * k}]`, `  stxdw [r1+${8 * k}], r2`);
      return;
    }
    o.push('  stxdw [r1+0], r0', '  mov64 r2, 0');
    if (type.kind === 'int') o.push('  mov64 r2, r0', '  arsh64 r2, 63');
    o.push('  stxdw [r1+8], r2', '  stxdw [r1+16], r2', '  stxdw [r1+24], r2');
  }

  /** r0 = the zero value of a register type: 0, or a zeroed memory object (empty string/array: the heap's zero word). */
  #zeroValue(type: IrType): void {
    const size = fixedObjectSize(type);
    if (size !== null) {
      this.#alloc(size);
      if (type.kind === 'array') this.#out.push(`  stdw [r0+0], ${type.length}`);
    } else if (isMemoryRef(type)) this.#out.push('  mov64 r0, r9', `  add64 r0, ${HEAP.zero}`);
    else this.#out.push('  mov64 r0, 0');
  }

  /** r0 → the word of a memory array element or struct member (bounds-checked, Panic 0x32). */
  #memoryPlace(place: {
    kind: 'memoryIndex' | 'memoryField';
    base: Expr;
    index?: Expr;
    field?: string;
  }): void {
    const o = this.#out;
    if (place.kind === 'memoryField') {
      const struct = valueType(place.base) as IrStructType;
      const index = struct.fields.findIndex((f) => f.name === place.field);
      this.#expr(place.base);
      o.push(`  add64 r0, ${32 * index}`);
      return;
    }
    this.#expr(place.base);
    this.#push();
    const indexType = valueType(place.index!);
    this.#expr(place.index!);
    if (isWide(indexType)) {
      o.push(
        '  ldxdw r1, [r0+8]',
        '  ldxdw r2, [r0+16]',
        '  or64 r1, r2',
        '  ldxdw r2, [r0+24]',
        '  or64 r1, r2',
      );
      o.push(`  jne r1, 0, ${this.#panic(0x32)}`, '  ldxdw r0, [r0+0]');
    }
    this.#pop('r1');
    o.push(
      '  ldxdw r2, [r1+0]',
      `  jge r0, r2, ${this.#panic(0x32)}`,
      '  lsh64 r0, 5',
      '  add64 r0, r1',
      '  add64 r0, 8',
    );
  }

  /** Returns: entry functions Borsh-encode into `sol_set_return_data`; internal ones use r0 or the heap word. */
  #return(values: readonly Expr[] | null, loc: SourceLoc): void {
    const o = this.#out;
    const types = this.fn.returns.map((r) => r.type);
    if (values === null) {
      for (const r of this.fn.returns) {
        if (this.#wideLocal(r)) this.#ptr('r0', this.#localOffset.get(r.id)!);
        else o.push(`  ldxdw r0, ${this.#local(r.id)}`);
        this.#push();
      }
    } else {
      if (values.length !== types.length) throw unsupported('return of a multi-valued call', loc);
      for (const v of values) {
        this.#expr(v);
        this.#push();
      }
    }
    if (this.mode === 'internal') {
      if (types.length > 1) {
        types.forEach((type, i) => {
          o.push(
            `  ldxdw r0, ${this.#stackSlot(types.length - 1 - i)}`,
            '  mov64 r1, r9',
            `  add64 r1, ${HEAP.rets + 32 * i}`,
          );
          this.#writeWord(type);
        });
        this.#depth -= types.length;
      }
      if (types.length === 1) {
        this.#pop('r0');
        if (this.#wideLocal(this.fn.returns[0]!))
          for (let k = 0; k < 4; k++)
            o.push(`  ldxdw r1, [r0+${8 * k}]`, `  stxdw [r9+${HEAP.ret + 8 * k}], r1`);
      }
      o.push('  exit');
      return;
    }
    if (types.length > 0) {
      this.#encodeStack(types, 0);
      o.push('  mov64 r1, r9', `  add64 r1, ${HEAP.scratch}`, '  syscall sol_set_return_data');
    }
    o.push('  mov64 r0, 0', '  exit');
  }

  /** Logs scratch[0..r2) as one `sol_log_data` field ("Program data: <base64>"). */
  #logData(): void {
    this.#out.push(
      `  stxdw [r9+${HEAP.hashDesc + 8}], r2`,
      '  mov64 r1, r9',
      `  add64 r1, ${HEAP.scratch}`,
      `  stxdw [r9+${HEAP.hashDesc}], r1`,
      '  mov64 r1, r9',
      `  add64 r1, ${HEAP.hashDesc}`,
      '  mov64 r2, 1',
      '  syscall sol_log_data',
    );
  }
  /** Writes an 8-byte discriminator at scratch[0..8). */
  #discriminator(disc: Uint8Array): void {
    const view = new DataView(disc.buffer, disc.byteOffset, 8);
    this.#out.push(
      `  stw [r9+${HEAP.scratch}], ${view.getInt32(0, true)}`,
      `  stw [r9+${HEAP.scratch + 4}], ${view.getInt32(4, true)}`,
    );
  }

  /**
   * `emit E(args)` as Anchor's `emit!`: one `sol_log_data` field = sha256("event:E")[..8] + Borsh args
   * ("Program data: <base64>" in the logs); an anonymous event without the discriminator. Indexed
   * parameters are logged like the others.
   */
  #emit(signature: string, args: readonly Expr[]): void {
    const o = this.#out;
    const event = this.contract.events.find((e) => e.signature === signature);
    if (event === undefined) throw unsupported(`event ${signature} not declared`);
    const types = event.params.map(loggedType);
    event.params.forEach((p, i) => {
      if (isMemoryRef(types[i]!)) checkMemoryType(types[i]!, `event parameter ${p.name}`);
      else scalarWidth(types[i]!, `event parameter ${p.name}`);
    });
    args.forEach((a, i) => {
      this.#expr(a);
      // An indexed string/bytes is logged as its keccak256, as the EVM's topic holds it.
      if (loggedType(event.params[i]!) !== event.params[i]!.type) {
        if (event.params[i]!.type.kind !== 'string' && event.params[i]!.type.kind !== 'bytes')
          throw unsupported(`indexed ${typeName(event.params[i]!.type)} event parameter`);
        o.push('  mov64 r8, r9', `  add64 r8, ${HEAP.scratch}`);
        this.#packInto(event.params[i]!.type, null);
        o.push('  mov64 r2, r8', '  sub64 r2, r9', `  sub64 r2, ${HEAP.scratch}`);
        this.#hashScratch('keccak256');
      }
      this.#push();
    });
    // An anonymous event logs its arguments only (the EVM logs no topic 0 for it).
    if (!event.anonymous) this.#discriminator(eventDiscriminator(this.contract, event));
    this.#encodeStack(types, event.anonymous ? 0 : 8);
    this.#logData();
  }

  #revert(reason: RevertReason, loc: SourceLoc): void {
    const o = this.#out;
    switch (reason.kind) {
      case 'empty':
        o.push(...logText('Revert'), ...raiseFlag(ERR.emptyRevert), '  exit');
        return;
      case 'panic':
        o.push(`  ja ${this.#panic(reason.code)}`);
        return;
      case 'error': {
        if (reason.message.kind !== 'stringConst')
          throw unsupported('revert reason that is not a literal', loc);
        const text = new TextDecoder().decode(reason.message.value);
        let index = this.shared.reasons.indexOf(text);
        if (index < 0) index = this.shared.reasons.push(text) - 1;
        o.push(...logText(text), ...raiseFlag(REASON_BASE + index), '  exit');
        return;
      }
      case 'custom': {
        const error = this.contract.errors.find((e) => e.signature === reason.error);
        if (error === undefined) throw unsupported(`custom error ${reason.error} not declared`, loc);
        for (const p of error.params)
          if (isMemoryRef(p.type)) checkMemoryType(p.type, `error parameter ${p.name}`);
          else scalarWidth(p.type, `error parameter ${p.name}`);
        let index = this.shared.customErrors.indexOf(reason.error);
        if (index < 0) index = this.shared.customErrors.push(reason.error) - 1;
        for (const a of reason.args) {
          this.#expr(a);
          this.#push();
        }
        o.push(...logText(reason.error));
        if (error.params.length > 0) {
          this.#discriminator(errorDiscriminator(error));
          this.#encodeStack(
            error.params.map((p) => p.type),
            8,
          );
          this.#logData();
        } else this.#depth -= reason.args.length;
        o.push(...raiseFlag(CUSTOM_BASE + index), '  exit');
        return;
      }
    }
  }

  // ---------------------------------------------------------------- storage

  /**
   * Resolves a storage path (root first, as the IR orders it): a compile-time slot, or r0 → a word
   * holding the slot number (a temporary or a storage-pointer local).
   */
  #place(ref: StorageRef): Place {
    const o = this.#out;
    switch (ref.kind) {
      case 'var': {
        const v = this.contract.storage[ref.variable]!;
        return { slot: v.slot, offset: v.offset, packedAddress: packedAddress(v, this.contract.storage) };
      }
      case 'local':
        this.#ptr('r0', this.#localOffset.get(ref.local)!);
        return { slot: null, offset: 0 };
      case 'mapping': {
        const base = this.#place(ref.base);
        if (base.slot === null) this.#push();
        const keyType = valueType(ref.key);
        if (keyType.kind === 'string' || keyType.kind === 'bytes') {
          // keccak256(key bytes ‖ be32(slot)) (layout_in_storage.rst: unpadded string keys).
          this.#expr(ref.key);
          o.push('  mov64 r8, r9', `  add64 r8, ${HEAP.scratch}`);
          this.#packInto(keyType, null);
          if (base.slot === null) this.#pop('r0');
          else {
            this.#temp('r0');
            this.#constWord('r0', base.slot);
          }
          this.#packInto(UINT256, 32);
          o.push('  mov64 r2, r8', '  sub64 r2, r9', `  sub64 r2, ${HEAP.scratch}`);
          this.#hashScratch('keccak256');
          return { slot: null, offset: 0 };
        }
        checkValueType(keyType, 'mapping key');
        this.#expr(ref.key);
        this.#toWord(keyType);
        // A bytesN key is left-aligned in its 32-byte word (layout_in_storage.rst: keys padded as abi.encode).
        if (keyType.kind === 'fixedBytes' && keyType.size < 32)
          this.#shiftConst('shl', 8 * (32 - keyType.size));
        this.#push();
        if (base.slot === null) {
          this.#pop('r3');
          this.#pop('r2');
        } else {
          this.#pop('r3');
          this.#temp('r2');
          this.#constWord('r2', base.slot);
        }
        this.#temp('r1');
        o.push(`  call ${this.#rt('mapKey')}`);
        o.push(`  mov64 r0, r10`, `  sub64 r0, ${FRAME - 32 * (this.#temps - 1)}`);
        return { slot: null, offset: 0 };
      }
      case 'field': {
        const struct = ref.base.type as IrStructType;
        const field = struct.fields.find((f) => f.name === ref.field);
        if (field === undefined) throw unsupported(`field ${ref.field}`);
        const shared = packedAddress(field, struct.fields);
        const base = this.#place(ref.base);
        if (base.slot !== null)
          return { slot: base.slot + BigInt(field.slot), offset: field.offset, packedAddress: shared };
        if (field.slot !== 0) this.#addToWord(BigInt(field.slot));
        return { slot: null, offset: field.offset, packedAddress: shared };
      }
      case 'index': {
        const array = ref.base.type;
        if (array.kind !== 'array') throw unsupported(`index into ${typeName(array)}`);
        // Packed value elements (solc): slot base + i / perSlot, byte offset (i % perSlot) · size.
        const perSlot = storageElementsPerSlot(array.element);
        if (perSlot > 1 && array.element.kind === 'address') throw unsupported('packed address array');
        const per = storageSlots(array.element);
        const base = this.#place(ref.base);
        if (base.slot === null) this.#push();
        const indexType = valueType(ref.index);
        this.#expr(ref.index);
        this.#toWord(indexType);
        this.#push();
        // Bound check (Panic 0x32): the dynamic length lives at the base slot.
        if (array.length === null) {
          if (base.slot === null) {
            o.push(`  ldxdw r1, [r10-${this.#localsBytes + 8 * (this.#depth - 1)}]`);
            o.push('  mov64 r2, 0', `  call ${this.#rt('slot')}`);
          } else o.push('  mov64 r0, r6', `  add64 r0, ${staticSlotOffset(Number(base.slot))}`);
          o.push('  mov64 r2, r0');
        } else {
          this.#temp('r2');
          this.#constWord('r2', BigInt(array.length));
        }
        o.push(`  ldxdw r1, [r10-${this.#localsBytes + 8 * this.#depth}]`, `  call ${this.#rt('ucmp')}`);
        o.push(`  jsge r0, 0, ${this.#panic(0x32)}`);
        // The element slot: keccak(base) (dynamic) or base (fixed), plus index · slots per element.
        this.#pop('r3');
        o.push('  ldxdw r3, [r3+0]');
        let byteOffset: number | null = null;
        if (perSlot > 1) {
          byteOffset = this.#temp('r1');
          o.push('  mov64 r4, r3', `  mod64 r4, ${perSlot}`, `  mul64 r4, ${valueTypeSize(array.element)}`);
          o.push('  stxdw [r1+0], r4', `  div64 r3, ${perSlot}`);
        }
        if (per !== 1) o.push(`  mul64 r3, ${per}`);
        this.#temp('r1');
        o.push('  stxdw [r1+0], r3', '  stdw [r1+8], 0', '  stdw [r1+16], 0', '  stdw [r1+24], 0');
        const offsetWord = FRAME - 32 * (this.#temps - 1);
        if (base.slot === null) this.#pop('r2');
        else {
          this.#temp('r2');
          this.#constWord('r2', base.slot);
        }
        if (array.length === null) {
          // r2 → base slot word; the data starts at keccak256(base).
          this.#temp('r1');
          o.push(`  call ${this.#rt('arrayKey')}`);
          o.push(`  mov64 r2, r10`, `  sub64 r2, ${FRAME - 32 * (this.#temps - 1)}`);
        }
        this.#ptr('r3', offsetWord);
        o.push('  mov64 r1, r3', `  call ${this.#rt('add')}`);
        if (byteOffset !== null) {
          o.push(`  ldxdw r0, [r10-${byteOffset}]`);
          this.#push();
        }
        this.#ptr('r0', offsetWord);
        return { slot: null, offset: 0, packed: byteOffset !== null };
      }
    }
  }

  /** r0 → the slot-number word of a resolved place (a temporary for a compile-time slot). */
  #keyWord(place: Place): void {
    if (place.offset !== 0) throw unsupported('a string or struct packed after other state in a slot');
    if (place.slot === null) return;
    this.#temp('r0');
    this.#constWord('r0', place.slot);
  }

  /** Stores the memory string on top of the operand stack at `ref` (solc's short/long layout). */
  #stringStore(ref: StorageRef): void {
    const o = this.#out;
    this.#keyWord(this.#place(ref));
    o.push('  mov64 r1, r0');
    this.#pop('r2');
    o.push(`  call ${this.#rt('strStore')}`, '  jne r0, 0, err_full');
  }

  /**
   * Copies a storage array of value types into a fresh memory array (r0): the length (stored, or the
   * fixed one), then element i from slot data + i / perSlot at byte (i % perSlot) · size, where data is
   * keccak256(slot) for a dynamic array and the slot itself for a fixed one.
   */
  #loadArray(type: IrType & { kind: 'array' }, ref: StorageRef): void {
    const o = this.#out;
    const element = type.element;
    checkValueType(element, 'array element');
    const perSlot = storageElementsPerSlot(element);
    if (perSlot > 1 && element.kind === 'address') throw unsupported('packed address array');
    const slots = storageSlots(element);
    this.#keyWord(this.#place(ref));
    this.#push(); // key
    if (type.length === null)
      o.push('  mov64 r1, r0', '  mov64 r2, 0', `  call ${this.#rt('slot')}`, '  ldxdw r0, [r0+0]');
    else o.push(`  mov64 r0, ${type.length}`);
    this.#push(); // length
    if (type.length === null) {
      const data = this.#temp('r1');
      o.push(`  ldxdw r2, ${this.#stackSlot(1)}`, `  call ${this.#rt('arrayKey')}`);
      this.#ptr('r0', data);
    } else o.push(`  ldxdw r0, ${this.#stackSlot(1)}`);
    this.#push(); // data key
    o.push(`  ldxdw r3, ${this.#stackSlot(1)}`, '  lsh64 r3, 5', '  add64 r3, 8');
    this.#alloc('r3');
    o.push(`  ldxdw r1, ${this.#stackSlot(1)}`, '  stxdw [r0+0], r1');
    this.#push(); // object
    o.push('  mov64 r0, 0');
    this.#push(); // i
    const [I, L, D, O] = [0, 3, 2, 1].map((b) => this.#stackSlot(b)) as [string, string, string, string];
    const loop = this.#label('aload');
    const done = this.#label('aloaded');
    o.push(`${loop}:`, `  ldxdw r1, ${I}`, `  ldxdw r2, ${L}`, `  jge r1, r2, ${done}`);
    // The element's slot word: data + i / perSlot (· slots per element).
    const word = this.#temp('r3');
    o.push(`  ldxdw r1, ${I}`);
    if (perSlot > 1) o.push(`  div64 r1, ${perSlot}`);
    if (slots > 1) o.push(`  mul64 r1, ${slots}`);
    o.push('  stxdw [r3+0], r1', '  stdw [r3+8], 0', '  stdw [r3+16], 0', '  stdw [r3+24], 0');
    o.push('  mov64 r1, r3', `  ldxdw r2, ${D}`, `  call ${this.#rt('add')}`);
    if (perSlot > 1) {
      o.push(`  ldxdw r0, ${I}`, `  mod64 r0, ${perSlot}`, `  mul64 r0, ${valueTypeSize(element)}`);
      this.#push();
    }
    this.#ptr('r0', word);
    this.#readAt(element, { slot: null, offset: 0, packed: perSlot > 1 });
    o.push(`  ldxdw r1, ${I}`, '  lsh64 r1, 5', '  add64 r1, 8', `  ldxdw r2, ${O}`, '  add64 r1, r2');
    this.#writeWord(element);
    o.push(`  ldxdw r1, ${I}`, '  add64 r1, 1', `  stxdw ${I}, r1`, `  ja ${loop}`, `${done}:`);
    this.#pop('r0');
    this.#pop('r0');
    this.#depth -= 3;
  }

  /**
   * Writes a memory array (on top of the operand stack when `fromMemory`, else zeros: `delete`) to the
   * storage array at `ref`: the new length, every element, and zeros over the old elements beyond
   * the new length (solc clears a shrunk array's tail).
   */
  #storeArray(type: IrType & { kind: 'array' }, ref: StorageRef, fromMemory: boolean): void {
    const o = this.#out;
    const element = type.element;
    checkValueType(element, 'array element');
    const perSlot = storageElementsPerSlot(element);
    if (perSlot > 1 && element.kind === 'address') throw unsupported('packed address array');
    const slots = storageSlots(element);
    this.#keyWord(this.#place(ref));
    this.#push(); // key
    if (fromMemory) o.push(`  ldxdw r0, ${this.#stackSlot(1)}`, '  ldxdw r0, [r0+0]');
    else o.push(`  mov64 r0, ${type.length ?? 0}`);
    if (type.length !== null) o.push(`  mov64 r0, ${type.length}`);
    this.#push(); // new length
    if (type.length === null) {
      o.push(
        `  ldxdw r1, ${this.#stackSlot(1)}`,
        '  mov64 r2, 1',
        `  call ${this.#rt('slot')}`,
        '  jeq r0, 0, err_full',
      );
      o.push(
        '  ldxdw r1, [r0+0]',
        `  ldxdw r2, ${this.#stackSlot(0)}`,
        '  stxdw [r0+0], r2',
        '  mov64 r0, r1',
      );
    } else o.push(`  mov64 r0, ${type.length}`);
    this.#push(); // old length
    if (type.length === null) {
      const data = this.#temp('r1');
      o.push(`  ldxdw r2, ${this.#stackSlot(2)}`, `  call ${this.#rt('arrayKey')}`);
      this.#ptr('r0', data);
    } else o.push(`  ldxdw r0, ${this.#stackSlot(2)}`);
    this.#push(); // data key
    o.push('  mov64 r0, 0');
    this.#push(); // i
    const [I, OLD, NEW] = [0, 2, 3].map((b) => this.#stackSlot(b)) as [string, string, string];
    const OBJ = fromMemory ? this.#stackSlot(5) : null;
    const loop = this.#label('astore');
    const done = this.#label('astored');
    const zero = this.#label('azero');
    const value = this.#label('avalue');
    o.push(`${loop}:`, `  ldxdw r1, ${I}`, `  ldxdw r2, ${NEW}`, `  ldxdw r3, ${OLD}`, `  jlt r1, r2, +1`);
    o.push(`  jge r1, r3, ${done}`);
    // The value: element i of the memory array while i < new length, else zero.
    o.push(`  jge r1, r2, ${zero}`);
    if (OBJ) {
      o.push(`  ldxdw r2, ${OBJ}`, '  lsh64 r1, 5', '  add64 r1, 8', '  add64 r1, r2');
      this.#wordValue(element, 'r1');
      o.push(`  ja ${value}`);
    }
    o.push(`${zero}:`);
    if (isWide(element)) o.push('  mov64 r0, r9', `  add64 r0, ${HEAP.zero}`);
    else o.push('  mov64 r0, 0');
    o.push(`${value}:`);
    this.#push();
    const word = this.#temp('r3');
    o.push(`  ldxdw r1, ${this.#stackSlot(1)}`);
    if (perSlot > 1) o.push(`  div64 r1, ${perSlot}`);
    if (slots > 1) o.push(`  mul64 r1, ${slots}`);
    o.push('  stxdw [r3+0], r1', '  stdw [r3+8], 0', '  stdw [r3+16], 0', '  stdw [r3+24], 0');
    o.push('  mov64 r1, r3', `  ldxdw r2, ${this.#stackSlot(2)}`, `  call ${this.#rt('add')}`);
    if (perSlot > 1) {
      o.push(
        `  ldxdw r0, ${this.#stackSlot(1)}`,
        `  mod64 r0, ${perSlot}`,
        `  mul64 r0, ${valueTypeSize(element)}`,
      );
      this.#push();
    }
    this.#ptr('r0', word);
    this.#slotPointer({ slot: null, offset: 0, packed: perSlot > 1 }, true);
    this.#pop('r1');
    this.#writeValue(element, 0);
    o.push(`  ldxdw r1, ${I}`, '  add64 r1, 1', `  stxdw ${I}, r1`, `  ja ${loop}`, `${done}:`);
    this.#depth -= 5 + (fromMemory ? 1 : 0);
  }

  /**
   * The place of member `f` of the storage struct at `place`; a computed place's key word is `back`
   * entries down the operand stack (r0 → the member's key word).
   */
  #memberPlace(struct: IrStructType, f: IrStructType['fields'][number], place: Place, back: number): Place {
    const shared = packedAddress(f, struct.fields);
    if (place.slot !== null)
      return { slot: place.slot + BigInt(f.slot), offset: f.offset, packedAddress: shared };
    this.#out.push(`  ldxdw r0, ${this.#stackSlot(back)}`);
    if (f.slot !== 0) this.#addToWord(BigInt(f.slot));
    return { slot: null, offset: f.offset, packedAddress: shared };
  }

  /** Copies the struct at `place` from storage into a fresh memory object (r0). */
  #loadStruct(struct: IrStructType, place: Place): void {
    const o = this.#out;
    for (const f of struct.fields) checkValueType(f.type, `member ${f.name}`);
    if (place.slot === null) this.#push();
    this.#alloc(32 * struct.fields.length);
    this.#push();
    struct.fields.forEach((f, i) => {
      this.#readAt(f.type, this.#memberPlace(struct, f, place, 1));
      o.push(`  ldxdw r1, ${this.#stackSlot(0)}`, `  add64 r1, ${32 * i}`);
      this.#writeWord(f.type);
    });
    this.#pop('r0');
    if (place.slot === null) this.#depth--;
  }

  /**
   * `s = value` for a storage struct of value members: the value (a memory object, one word per
   * member) is evaluated first (`null`: already on top of the operand stack), the place once, then each
   * member is written at solc's slot/offset.
   */
  #storeStruct(struct: IrStructType, ref: StorageRef, value: Expr | null): void {
    const o = this.#out;
    for (const f of struct.fields) checkValueType(f.type, `member ${f.name} of a stored struct`);
    if (value !== null) {
      this.#expr(value);
      this.#push();
    }
    const place = this.#place(ref);
    if (place.slot === null) this.#push();
    const object = place.slot === null ? 1 : 0;
    struct.fields.forEach((f, i) => {
      const at = this.#memberPlace(struct, f, place, 0);
      this.#slotPointer(at, true);
      o.push(`  ldxdw r1, ${this.#stackSlot(object)}`);
      if (isWide(f.type)) o.push(`  add64 r1, ${32 * i}`);
      else o.push(`  ldxdw r1, [r1+${32 * i}]`);
      this.#writeValue(f.type, f.offset, at.packedAddress);
    });
    this.#depth -= 1 + object;
  }

  /** r0 → word: adds a constant to it into a fresh temporary; r0 → the sum. */
  #addToWord(value: bigint): void {
    const o = this.#out;
    o.push('  mov64 r2, r0');
    this.#temp('r3');
    this.#constWord('r3', value);
    o.push('  mov64 r1, r3', `  call ${this.#rt('add')}`, '  mov64 r0, r3');
    // r3 is clobbered by the call: recompute the temporary's address.
    this.#ptr('r0', FRAME - 32 * (this.#temps - 1));
  }

  /** r0 = the value of r0 (a narrow value of `type`) as a word pointer; wide values stay as they are. */
  #toWord(type: IrType): void {
    if (isWide(type)) return;
    const o = this.#out;
    this.#temp('r1');
    o.push('  stxdw [r1+0], r0', '  mov64 r2, 0');
    if (type.kind === 'int') o.push('  mov64 r2, r0', '  arsh64 r2, 63');
    o.push('  stxdw [r1+8], r2', '  stxdw [r1+16], r2', '  stxdw [r1+24], r2', '  mov64 r0, r1');
  }

  /** r0 = pointer to the slot word of `place` (after `#place`); `write` claims a table bucket. */
  #slotPointer(place: Place, write: boolean): void {
    const o = this.#out;
    if (place.slot !== null) {
      o.push('  mov64 r0, r6', `  add64 r0, ${staticSlotOffset(Number(place.slot))}`);
      return;
    }
    o.push('  mov64 r1, r0', `  mov64 r2, ${write ? 1 : 0}`, `  call ${this.#rt('slot')}`);
    if (write) o.push('  jeq r0, 0, err_full');
    if ('packed' in place && place.packed) {
      this.#pop('r1');
      o.push('  add64 r0, r1');
    }
  }

  /** Loads the value at `ref`: r0 = a value, → a temporary word, or → a memory copy (strings, structs). */
  #load(ref: StorageRef): void {
    const type = ref.type;
    if (type.kind === 'string' || type.kind === 'bytes') {
      this.#keyWord(this.#place(ref));
      this.#out.push('  mov64 r1, r0', `  call ${this.#rt('strLoad')}`);
      return;
    }
    if (type.kind === 'struct') {
      this.#loadStruct(type, this.#place(ref));
      return;
    }
    if (type.kind === 'array') {
      this.#loadArray(type, ref);
      return;
    }
    checkValueType(type, 'storage read');
    this.#readAt(type, this.#place(ref));
  }

  /** Reads the value type at a resolved place (r0 = value, or → a temporary word). */
  #readAt(type: IrType, place: Place): void {
    this.#slotPointer(place, false);
    const o = this.#out;
    const n = storedSize(type, place.packedAddress);
    if (!isWide(type)) {
      this.#loadNarrow('r0', place.offset, n);
      if (type.kind === 'int') o.push(...signExtend(type.bits));
      return;
    }
    this.#temp('r1');
    if (n < 32) for (let k = 0; k < 4; k++) o.push(`  stdw [r1+${8 * k}], 0`);
    this.#copyBytes('r1', 0, 'r0', place.offset, n);
    o.push('  mov64 r0, r1');
    if (type.kind === 'int' && n < 32) this.#truncate(true, 8 * n);
  }

  /** r0 = the n-byte little-endian value at [base+offset] (n ≤ 8). */
  #loadNarrow(base: string, offset: number, n: number): void {
    const o = this.#out;
    if (LOADS[n]) {
      o.push(`  ${LOADS[n]} r0, [${base}+${offset}]`);
      return;
    }
    o.push(`  mov64 r1, ${base}`, '  mov64 r0, 0');
    for (let b = n - 1; b >= 0; b--)
      o.push('  lsh64 r0, 8', `  ldxb r2, [r1+${offset + b}]`, '  or64 r0, r2');
  }

  /** Stores the value on top of the operand stack at `ref` (the value was evaluated first, as the IR orders it). */
  #storeAt(ref: StorageRef, type: IrType): void {
    const place = this.#place(ref);
    this.#slotPointer(place, true);
    this.#pop('r1');
    this.#writeValue(type, place.offset, place.packedAddress);
  }

  /**
   * Writes r1 (a value, or → a word) as `type` at [r0+offset]; a `packedAddress` keeps 20 bytes, so a
   * pubkey above 2^160 (no EVM counterpart) is refused with Custom(addressTooWide), never truncated.
   */
  #writeValue(type: IrType, offset: number, packedAddress = false): void {
    const o = this.#out;
    const n = storedSize(type, packedAddress);
    if (n === ADDRESS_BYTES && type.kind === 'address')
      o.push(
        '  ldxw r2, [r1+20]',
        '  jne r2, 0, err_address',
        '  ldxdw r2, [r1+24]',
        '  jne r2, 0, err_address',
      );
    if (isWide(type)) {
      this.#copyBytes('r0', offset, 'r1', 0, n);
      return;
    }
    if (STORES[n]) {
      o.push(`  ${STORES[n]} [r0+${offset}], r1`);
      return;
    }
    for (let b = 0; b < n; b++) o.push(`  stxb [r0+${offset + b}], r1`, '  rsh64 r1, 8');
  }

  /** `delete` of a value type (zero) or a struct (every value member; mappings are left as Solidity leaves them). */
  #delete(ref: StorageRef, type: IrType): void {
    if (type.kind === 'struct') {
      for (const f of type.fields) {
        if (f.type.kind === 'mapping') continue;
        this.#delete({ kind: 'field', type: f.type, base: ref, field: f.name }, f.type);
      }
      return;
    }
    if (type.kind === 'string' || type.kind === 'bytes') {
      this.#out.push('  mov64 r0, r9', `  add64 r0, ${HEAP.zero}`);
      this.#push();
      this.#stringStore(ref);
      return;
    }
    if (type.kind === 'array' && type.length !== null && type.element.kind === 'array') {
      // A fixed array of arrays: each inner array deleted in turn (unrolled; solc zeroes them all).
      if (type.length > MAX_UNROLLED_DELETES)
        throw unsupported(`delete of a ${typeName(type)} (more than ${MAX_UNROLLED_DELETES} inner arrays)`);
      for (let i = 0n; i < BigInt(type.length); i++) {
        const index: Expr = { kind: 'const', type: UINT256, value: i };
        this.#delete({ kind: 'index', type: type.element, base: ref, index }, type.element);
      }
      return;
    }
    if (type.kind === 'array') {
      this.#storeArray(type, ref, false);
      return;
    }
    checkValueType(type, 'delete');
    if (isWide(type)) {
      this.#out.push(`  mov64 r0, r9`, `  add64 r0, ${HEAP.zero}`);
    } else this.#out.push('  mov64 r0, 0');
    this.#push();
    this.#storeAt(ref, type);
  }

  /** `arr.push(v)`: the element at keccak(slot) + length · slots, then length + 1. */
  #storagePush(ref: StorageRef, value: Expr | null): void {
    const o = this.#out;
    const array = ref.type;
    if (array.kind !== 'array' || array.length !== null) throw unsupported('push on a non-dynamic array');
    const element = array.element;
    if (element.kind === 'struct' && value !== null && value.kind !== 'structLiteral') {
      // `arr.push(s)` of a memory (or copied storage) struct: the value first, then an empty push, then
      // the members into the new last element.
      this.#expr(value);
      this.#push();
      this.#storagePush(ref, null);
      this.#storeStruct(element, this.#lastElement(ref, element), null);
      return;
    }
    if (element.kind === 'string' || element.kind === 'bytes') {
      // `names.push(s)`: the value first, then length + 1, then solc's string layout at the new element.
      if (value !== null) {
        this.#expr(value);
        this.#push();
      }
      this.#bumpLength(ref, 1);
      if (value !== null) this.#stringStore(this.#lastElement(ref, element));
      return;
    }
    if (element.kind !== 'struct') {
      // A value element: the value first (the IR's order), then length + 1, then the store at length − 1.
      // An empty push of an inner array only grows the length (the new element's slots are zero).
      if (value !== null || element.kind !== 'array') checkValueType(element, 'array element');
      if (value !== null) {
        this.#expr(value);
        this.#push();
      }
      this.#bumpLength(ref, 1);
      if (value !== null) this.#storeAt(this.#lastElement(ref, element), element);
      return;
    }
    const fields =
      value === null
        ? []
        : element.kind === 'struct'
          ? (value as Extract<Expr, { kind: 'structLiteral' }>).values
          : [value];
    const types = element.kind === 'struct' ? element.fields.map((f) => f.type) : [element];
    if (value !== null) for (const t of types) checkValueType(t, 'array element');
    if (storageElementsPerSlot(element) !== 1)
      throw unsupported(`storage array of packed ${typeName(element)} elements`);
    for (const f of fields) {
      this.#expr(f);
      this.#push();
    }
    // Length: r0 → the length word (claimed), kept on the stack; the element slot from it.
    const place = this.#place(ref);
    if (place.slot === null) {
      this.#push();
      o.push('  mov64 r1, r0', '  mov64 r2, 1', `  call ${this.#rt('slot')}`, '  jeq r0, 0, err_full');
    } else o.push('  mov64 r0, r6', `  add64 r0, ${staticSlotOffset(Number(place.slot))}`);
    const lengthAt = this.#depth + 1;
    this.#push();
    const slots = storageSlots(element);
    const baseWord = this.#temp('r2');
    if (place.slot === null)
      o.push(
        `  ldxdw r3, [r10-${this.#localsBytes + 8 * (lengthAt - 1)}]`,
        ...[0, 8, 16, 24].flatMap((k) => [`  ldxdw r4, [r3+${k}]`, `  stxdw [r2+${k}], r4`]),
      );
    else this.#constWord('r2', place.slot);
    this.#temp('r1');
    o.push(`  call ${this.#rt('arrayKey')}`);
    const keyWord = FRAME - 32 * (this.#temps - 1);
    o.push(`  ldxdw r0, [r10-${this.#localsBytes + 8 * lengthAt}]`, '  ldxdw r3, [r0+0]');
    if (slots !== 1) o.push(`  mul64 r3, ${slots}`);
    this.#ptr('r2', baseWord);
    o.push('  stxdw [r2+0], r3', '  stdw [r2+8], 0', '  stdw [r2+16], 0', '  stdw [r2+24], 0');
    this.#ptr('r1', keyWord);
    o.push('  mov64 r3, r1', `  call ${this.#rt('add')}`);
    // Write the members from last to first (the stack holds them in order below the length).
    const struct = element.kind === 'struct' ? element : null;
    const lengthPtr = this.#depth;
    this.#depth = lengthAt - 1 - (place.slot === null ? 1 : 0);
    const members = fields.map((_, i) => ({
      type: types[i]!,
      slot: struct ? struct.fields[i]!.slot : 0,
      offset: struct ? struct.fields[i]!.offset : 0,
      depth: this.#depth - fields.length + 1 + i,
    }));
    this.#depth = lengthPtr;
    for (const m of members) {
      this.#ptr('r0', keyWord);
      if (m.slot !== 0) this.#addToWord(BigInt(m.slot));
      o.push('  mov64 r1, r0', '  mov64 r2, 1', `  call ${this.#rt('slot')}`, '  jeq r0, 0, err_full');
      o.push(`  ldxdw r1, [r10-${this.#localsBytes + 8 * m.depth}]`);
      this.#writeValue(m.type, m.offset, struct !== null && packedAddress(m, members));
    }
    this.#pop('r0');
    o.push('  ldxdw r1, [r0+0]', '  add64 r1, 1', '  stxdw [r0+0], r1');
    if (place.slot === null) this.#depth--;
    this.#depth -= fields.length;
  }

  /** Adds `delta` (±1) to the length word of the dynamic array at `ref`. */
  #bumpLength(ref: StorageRef, delta: number): void {
    const place = this.#place(ref);
    this.#slotPointer(place, true);
    this.#out.push('  ldxdw r1, [r0+0]', `  add64 r1, ${delta}`, '  stxdw [r0+0], r1');
  }

  /** The storage path of `ref`'s last element: `ref[ref.length − 1]`. */
  #lastElement(ref: StorageRef, element: IrType): StorageRef {
    const length: Expr = { kind: 'storageLength', type: UINT256, ref };
    const one: Expr = { kind: 'const', type: UINT256, value: 1n };
    const index: Expr = {
      kind: 'binary',
      op: 'sub',
      type: UINT256,
      checked: false,
      left: length,
      right: one,
    };
    return { kind: 'index', type: element, base: ref, index };
  }

  /** `arr.pop()`: Panic 0x31 when empty; the last element is zeroed, then the length drops. */
  #storagePop(ref: StorageRef): void {
    const o = this.#out;
    if (ref.type.kind !== 'array' || ref.type.length !== null)
      throw unsupported('pop on a non-dynamic array');
    const element = ref.type.element;
    this.#slotPointer(this.#place(ref), false);
    o.push('  ldxdw r1, [r0+0]', `  jeq r1, 0, ${this.#panic(0x31)}`);
    this.#delete(this.#lastElement(ref, element), element);
    this.#bumpLength(ref, -1);
  }

  // ------------------------------------------------------------ expressions

  #expr(e: Expr): void {
    const o = this.#out;
    switch (e.kind) {
      case 'const': {
        if (isWide(e.type)) {
          this.#temp('r0');
          this.#constWord('r0', e.value);
          return;
        }
        checkValueType(e.type, 'constant');
        if (e.value < 0x80000000n && e.value >= -0x80000000n) o.push(`  mov64 r0, ${e.value}`);
        else o.push(`  lddw r0, ${hex(e.value)}`);
        return;
      }
      case 'local': {
        const local = this.fn.locals[e.local]!;
        if (this.#wideLocal(local)) this.#ptr('r0', this.#localOffset.get(e.local)!);
        else {
          checkRegisterType(e.type, `local ${local.name}`);
          o.push(`  ldxdw r0, ${this.#local(e.local)}`);
        }
        return;
      }
      case 'storageLoad':
        this.#load(e.ref);
        return;
      case 'storageLength': {
        if (e.ref.type.kind === 'array' && e.ref.type.length !== null) {
          this.#temp('r0');
          this.#constWord('r0', BigInt(e.ref.type.length));
          return;
        }
        if (e.ref.type.kind !== 'array') throw unsupported(`length of storage ${typeName(e.ref.type)}`);
        const place = this.#place(e.ref);
        this.#slotPointer(place, false);
        this.#copyToTemp();
        return;
      }
      case 'storageRef': {
        const place = this.#place(e.ref);
        if (place.offset !== 0) throw unsupported('storage pointer to a packed member');
        if (place.slot !== null) {
          this.#temp('r0');
          this.#constWord('r0', place.slot);
        }
        return;
      }
      case 'env':
        this.#env(e.name);
        return;
      case 'stringConst': {
        const bytes = e.value;
        this.#alloc(8 + bytes.length);
        o.push(`  stdw [r0+0], ${bytes.length}`);
        let i = 0;
        for (; i + 4 <= bytes.length; i += 4)
          o.push(
            `  stw [r0+${8 + i}], ${new DataView(bytes.buffer, bytes.byteOffset + i, 4).getInt32(0, true)}`,
          );
        for (; i < bytes.length; i++) o.push(`  stb [r0+${8 + i}], ${bytes[i]}`);
        return;
      }
      case 'memoryIndex':
      case 'memoryField':
        checkValueType(e.type, 'memory element');
        this.#memoryPlace(e);
        if (isWide(e.type)) this.#copyToTemp();
        else o.push('  ldxdw r0, [r0+0]');
        return;
      case 'memoryLength':
        this.#expr(e.base);
        o.push('  ldxdw r0, [r0+0]');
        this.#toWord({ kind: 'uint', bits: 64 });
        return;
      case 'newArray': {
        checkMemoryType(e.type, 'new array');
        this.#expr(e.length);
        if (isWide(valueType(e.length))) {
          // More than 2^64 − 1 elements: Panic 0x41 (solc's allocation check).
          o.push(
            '  ldxdw r1, [r0+8]',
            '  ldxdw r2, [r0+16]',
            '  or64 r1, r2',
            '  ldxdw r2, [r0+24]',
            '  or64 r1, r2',
          );
          o.push(`  jne r1, 0, ${this.#panic(0x41)}`, '  ldxdw r0, [r0+0]');
        }
        o.push('  mov64 r2, r0', '  mov64 r3, r0', '  lsh64 r3, 5', '  add64 r3, 8');
        this.#alloc('r3');
        o.push('  stxdw [r0+0], r2');
        return;
      }
      case 'structLiteral':
      case 'arrayLiteral': {
        checkMemoryType(e.type, 'literal');
        const types =
          e.type.kind === 'struct'
            ? e.type.fields.map((f) => f.type)
            : e.values.map(() => (e.type as { element: IrType }).element);
        const header = e.kind === 'arrayLiteral' ? 8 : 0;
        this.#alloc(header + 32 * e.values.length);
        if (header) o.push(`  stdw [r0+0], ${e.values.length}`);
        this.#push();
        e.values.forEach((v, i) => {
          this.#expr(v);
          o.push(`  ldxdw r1, ${this.#stackSlot(0)}`, `  add64 r1, ${header + 32 * i}`);
          this.#writeWord(types[i]!);
        });
        this.#pop('r0');
        return;
      }
      case 'hash':
        this.#hash(e);
        return;
      case 'binary':
        this.#binary(e);
        return;
      case 'compare':
        this.#compare(e);
        return;
      case 'logical': {
        const end = this.#label('logic');
        this.#expr(e.left);
        o.push(`  ${e.op === 'and' ? 'jeq' : 'jne'} r0, 0, ${end}`);
        this.#expr(e.right);
        o.push(`${end}:`);
        return;
      }
      case 'unary':
        this.#unary(e);
        return;
      case 'cast':
        this.#cast(e);
        return;
      case 'conditional': {
        const otherwise = this.#label('condelse');
        const end = this.#label('condend');
        this.#expr(e.condition);
        o.push(`  jeq r0, 0, ${otherwise}`);
        this.#expr(e.whenTrue);
        o.push(`  ja ${end}`, `${otherwise}:`);
        this.#expr(e.whenFalse);
        o.push(`${end}:`);
        return;
      }
      case 'call':
        this.#call(e);
        return;
    }
  }

  /** `msg.sender` (the authority's pubkey), `block.number` (Clock slot), `block.timestamp` (Clock unix_timestamp). */
  #env(name: string): void {
    const o = this.#out;
    if (name === 'msg.sender') {
      this.#temp('r0');
      for (let k = 0; k < 4; k++) o.push(`  ldxdw r1, [r9+${SENDER + 8 * k}]`, `  stxdw [r0+${8 * k}], r1`);
      return;
    }
    // Clock sysvar (solana-clock `Clock`): slot u64 at 0, unix_timestamp i64 at 32.
    o.push('  mov64 r1, r9', `  add64 r1, ${HEAP.clock}`, '  syscall sol_get_clock_sysvar');
    this.#temp('r0');
    o.push(`  ldxdw r1, [r9+${HEAP.clock + (name === 'block.number' ? 0 : 32)}]`, '  stxdw [r0+0], r1');
    o.push('  stdw [r0+8], 0', '  stdw [r0+16], 0', '  stdw [r0+24], 0');
  }

  /** keccak256/sha256 of `abi.encodePacked` / `abi.encode` of value types, through the hash syscalls. */
  #hash(e: Extract<Expr, { kind: 'hash' }>): void {
    const o = this.#out;
    const types = e.args.map((a) => valueType(a));
    for (const t of types) {
      const dynamic = t.kind === 'string' || t.kind === 'bytes';
      if (dynamic && e.encoding === 'standard') throw unsupported(`abi.encode of ${typeName(t)} in a hash`);
      if (t.kind === 'array' && e.encoding === 'packed') checkValueType(t.element, 'hashed array element');
      else if (!dynamic) checkValueType(t, 'hashed value');
    }
    for (const a of e.args) {
      this.#expr(a);
      this.#push();
    }
    // The packed (or 32-byte-padded) encoding at r8, left to right, then one hash syscall.
    o.push('  mov64 r8, r9', `  add64 r8, ${HEAP.scratch}`);
    types.forEach((type, i) => {
      o.push(`  ldxdw r0, ${this.#stackSlot(types.length - 1 - i)}`);
      this.#packInto(type, e.encoding === 'standard' ? 32 : null);
    });
    this.#depth -= types.length;
    o.push('  mov64 r2, r8', '  sub64 r2, r9', `  sub64 r2, ${HEAP.scratch}`);
    this.#hashScratch(e.algorithm);
  }

  /** Hashes scratch[0..r2) with keccak256/sha256 into a fresh temporary word (r0 → it). */
  #hashScratch(algorithm: 'keccak256' | 'sha256'): void {
    const o = this.#out;
    o.push(`  stxdw [r9+${HEAP.hashDesc + 8}], r2`, '  mov64 r1, r9', `  add64 r1, ${HEAP.scratch}`);
    o.push(`  stxdw [r9+${HEAP.hashDesc}], r1`, '  mov64 r1, r9', `  add64 r1, ${HEAP.hashDesc}`);
    o.push('  mov64 r2, 1', '  mov64 r3, r9', `  add64 r3, ${HEAP.hashOut}`);
    o.push(`  syscall ${algorithm === 'keccak256' ? 'sol_keccak256' : 'sol_sha256'}`);
    this.#temp('r1');
    o.push('  mov64 r2, r9', `  add64 r2, ${HEAP.hashOut}`, `  call ${this.#rt('bswap')}`);
    this.#ptr('r0', FRAME - 32 * (this.#temps - 1));
  }

  /**
   * Appends r0 at r8 as `abi.encodePacked` does (value types big-endian in their size, an address in
   * 20 bytes, string/bytes raw), or padded to `width` bytes (32: `abi.encode` of a value type).
   */
  #packInto(type: IrType, width: number | null): void {
    const o = this.#out;
    if (type.kind === 'string' || type.kind === 'bytes') {
      o.push('  ldxdw r3, [r0+0]', '  mov64 r1, r8', '  mov64 r2, r0', '  add64 r2, 8', '  add64 r8, r3');
      o.push('  syscall sol_memcpy_');
      return;
    }
    if (type.kind === 'array') {
      this.#packArray(type.element);
      return;
    }
    const size = width ?? (type.kind === 'address' ? 20 : scalarWidth(type, 'hashed value'));
    this.#toWord(type);
    // bytesN is left-aligned when padded to a word.
    if (width !== null && type.kind === 'fixedBytes' && type.size < 32)
      this.#shiftConst('shl', 8 * (32 - type.size));
    o.push('  mov64 r2, r0', '  mov64 r1, r8', `  mov64 r3, ${size}`, `  call ${this.#rt('storeBe')}`);
    o.push(`  add64 r8, ${size}`);
  }

  /**
   * Appends the memory array r0 points to as `abi.encodePacked` does: every element padded to 32
   * bytes (solc: "array elements are padded"), bytesN left-aligned. The elements are words already.
   */
  #packArray(element: IrType): void {
    const o = this.#out;
    const loop = this.#label('packarr');
    const done = this.#label('packarrdone');
    o.push('  add64 r0, 8');
    this.#push();
    o.push('  ldxdw r1, [r0-8]', '  lsh64 r1, 5', '  add64 r0, r1');
    this.#push();
    // The encoding must fit the scratch area (beyond it lie live heap objects): Custom(scratchOverflow).
    o.push('  mov64 r2, r8', '  sub64 r2, r9', `  sub64 r2, ${HEAP.scratch}`, '  add64 r2, r1');
    o.push(`  jgt r2, ${SCRATCH_SIZE}, err_scratch`);
    o.push(`${loop}:`, `  ldxdw r0, ${this.#stackSlot(1)}`, `  ldxdw r1, ${this.#stackSlot(0)}`);
    o.push(`  jge r0, r1, ${done}`);
    if (element.kind === 'fixedBytes' && element.size < 32) this.#shiftConst('shl', 8 * (32 - element.size));
    o.push('  mov64 r2, r0', '  mov64 r1, r8', '  mov64 r3, 32', `  call ${this.#rt('storeBe')}`);
    o.push('  add64 r8, 32', `  ldxdw r0, ${this.#stackSlot(1)}`, '  add64 r0, 32');
    o.push(`  stxdw ${this.#stackSlot(1)}, r0`, `  ja ${loop}`, `${done}:`);
    this.#depth -= 2;
  }

  #compare(e: Extract<Expr, { kind: 'compare' }>): void {
    const o = this.#out;
    const t = e.operandType;
    checkValueType(t, 'comparison operand');
    this.#expr(e.right);
    this.#push();
    this.#expr(e.left);
    if (!isWide(t)) {
      this.#pop('r1');
      const jump = t.kind === 'int' ? SIGNED_JUMPS[e.op] : COMPARE_JUMPS[e.op];
      o.push('  mov64 r2, 1', `  ${jump} r0, r1, +1`, '  mov64 r2, 0', '  mov64 r0, r2');
      return;
    }
    o.push('  mov64 r1, r0');
    this.#pop('r2');
    o.push(`  call ${this.#rt(t.kind === 'int' ? 'scmp' : 'ucmp')}`);
    o.push('  mov64 r2, 1', `  ${SIGNED_JUMPS[e.op]} r0, 0, +1`, '  mov64 r2, 0', '  mov64 r0, r2');
  }

  #unary(e: Extract<Expr, { kind: 'unary' }>): void {
    const o = this.#out;
    this.#expr(e.operand);
    if (isWide(e.type)) {
      const bits = bitsOf(e.type);
      if (e.op === 'bitnot') {
        this.#copyToTemp();
        for (let k = 0; k < 4; k++)
          o.push(`  ldxdw r1, [r0+${8 * k}]`, '  xor64 r1, -1', `  stxdw [r0+${8 * k}], r1`);
        if (e.type.kind !== 'int' && bits < 256) this.#truncate(false, bits);
        return;
      }
      if (e.op === 'neg' && e.type.kind === 'int') {
        if (e.checked && bits === 256) {
          // −a overflows only for −2^255: a and −a both negative.
          o.push(
            '  ldxdw r1, [r0+24]',
            '  jsge r1, 0, +5',
            '  ldxdw r1, [r0+16]',
            '  ldxdw r2, [r0+8]',
            '  or64 r1, r2',
          );
          o.push('  ldxdw r2, [r0+0]', '  or64 r1, r2');
          const fine = this.#label('negok');
          o.push(`  jne r1, 0, ${fine}`, '  ldxdw r1, [r0+24]', '  lddw r2, 0x8000000000000000');
          o.push(`  jeq r1, r2, ${this.#panic(0x11)}`, `${fine}:`);
        }
        o.push('  mov64 r3, r0');
        this.#temp('r2');
        this.#constWord('r2', 0n);
        o.push('  mov64 r1, r2', `  call ${this.#rt('sub')}`);
        this.#ptr('r0', FRAME - 32 * (this.#temps - 1));
        if (e.checked) this.#checkSigned(bits);
        else if (bits < 256) this.#truncate(true, bits);
        return;
      }
      throw unsupported(`unary ${e.op} on ${typeName(e.type)}`);
    }
    if (e.op === 'not') o.push('  xor64 r0, 1');
    else if (e.type.kind === 'int' && e.op === 'bitnot') o.push('  xor64 r0, -1');
    else if (e.type.kind === 'int' && e.op === 'neg') {
      // -a: Panic 0x11 for the type's minimum when checked, else wraps to it.
      if (e.checked) {
        o.push(`  lddw r1, ${hex(-(1n << BigInt(e.type.bits - 1)))}`);
        o.push(`  jeq r0, r1, ${this.#panic(0x11)}`);
      }
      o.push('  mov64 r1, 0', '  sub64 r1, r0', '  mov64 r0, r1', ...signExtend(e.type.bits));
    } else if (e.op === 'bitnot') o.push(`  lddw r1, ${hex(mask(bitsOf(e.type)))}`, '  xor64 r0, r1');
    else throw unsupported(`unary ${e.op} on ${typeName(e.type)}`);
  }

  /** Truncates the word r0 points to to `bits` (re-extending signed values); r0 unchanged. */
  #truncate(signed: boolean, bits: number): void {
    this.#out.push(
      '  mov64 r1, r0',
      `  mov64 r2, ${bits / 8}`,
      `  call ${this.#rt(signed ? 'truncS' : 'truncU')}`,
    );
    this.#reloadLastTemp();
  }
  /** r0 → the most recent temporary again (routines clobber r0–r5). */
  #reloadLastTemp(): void {
    this.#ptr('r0', FRAME - 32 * (this.#temps - 1));
  }
  /** Panic 0x11 unless the word r0 (the last temporary) fits intN. */
  #checkSigned(bits: number): void {
    if (bits === 256) return;
    this.#out.push('  mov64 r1, r0', `  mov64 r2, ${bits / 8}`, `  call ${this.#rt('fitsS')}`);
    this.#out.push(`  jeq r0, 0, ${this.#panic(0x11)}`);
    this.#reloadLastTemp();
  }

  #cast(e: Extract<Expr, { kind: 'cast' }>): void {
    const o = this.#out;
    const from = valueType(e.operand);
    const to = e.type;
    const dynamic = (t: IrType) => t.kind === 'string' || t.kind === 'bytes';
    if (dynamic(from) && dynamic(to)) {
      // string ↔ bytes: the same memory object.
      this.#expr(e.operand);
      return;
    }
    if (from.kind === 'bytes' && to.kind === 'fixedBytes') {
      this.#expr(e.operand);
      this.#bytesPrefix(to.size);
      return;
    }
    checkValueType(from, 'conversion operand');
    checkValueType(to, 'conversion result');
    this.#expr(e.operand);
    if (from.kind === 'bool' || to.kind === 'bool') {
      if (from.kind !== to.kind) throw unsupported(`conversion ${typeName(from)} → ${typeName(to)}`);
      return;
    }
    // bytesN ↔ bytesM keep the left-aligned bytes: shift the right-aligned value by the size difference.
    if (from.kind === 'fixedBytes' && to.kind === 'fixedBytes') {
      if (from.size === to.size) return;
      this.#shiftConst(to.size < from.size ? 'shr' : 'shl', 8 * Math.abs(from.size - to.size));
      return;
    }
    const toBits = bitsOf(to);
    if (!isWide(to)) {
      if (isWide(from)) o.push('  ldxdw r0, [r0+0]');
      // Registers hold uintN zero-extended and intN sign-extended: keep the low bits, re-extend.
      if (to.kind === 'int') o.push(...signExtend(toBits));
      else if (toBits < 64) o.push(`  lddw r1, ${hex(mask(toBits))}`, '  and64 r0, r1');
      return;
    }
    if (!isWide(from)) this.#toWord(from);
    else this.#copyToTemp();
    if (to.kind === 'address') {
      if (bitsOf(from) > 160 && from.kind !== 'address') this.#truncate(false, 160);
      return;
    }
    if (toBits < 256) this.#truncate(to.kind === 'int', toBits);
  }

  /**
   * `bytesN(b)` of a memory `bytes` (r0 → it): its first N bytes, zero-padded on the right when b is
   * shorter (solc ≥ 0.8.5), as the big-endian value of a bytesN word (r0 → a fresh temporary).
   */
  #bytesPrefix(size: number): void {
    const o = this.#out;
    const done = this.#label('bprefix');
    this.#temp('r1');
    for (let k = 0; k < 4; k++) o.push(`  stdw [r1+${8 * k}], 0`);
    o.push('  ldxdw r2, [r0+0]');
    for (let i = 0; i < size; i++)
      o.push(`  jle r2, ${i}, ${done}`, `  ldxb r3, [r0+${8 + i}]`, `  stxb [r1+${size - 1 - i}], r3`);
    o.push(`${done}:`, '  mov64 r0, r1');
  }

  /** r0 → word: shifts it by a constant into a fresh temporary (r0 → result). */
  #shiftConst(op: 'shl' | 'shr', amount: number): void {
    const o = this.#out;
    o.push('  mov64 r2, r0');
    this.#temp('r1');
    o.push(`  mov64 r3, ${amount}`, `  call ${this.#rt(op)}`);
    this.#reloadLastTemp();
  }

  /** Internal call: arguments left to right into r1–r5 (wide ones as pointers), then the revert-flag check. */
  #call(e: Extract<Expr, { kind: 'call' }>): void {
    const o = this.#out;
    if (e.args.length > MAX_ARGS) throw unsupported(`internal call with more than ${MAX_ARGS} arguments`);
    if (e.types.length > MAX_RETURNS)
      throw unsupported(`internal call with more than ${MAX_RETURNS} return values`);
    for (const a of e.args) {
      this.#expr(a);
      this.#push();
    }
    for (let i = e.args.length; i >= 1; i--) this.#pop(`r${i}`);
    o.push(`  call ${this.#internalLabel(e.function)}`);
    const ok = this.#label('callok');
    o.push(`  ldxdw r1, [r9+${HEAP.flag}]`, `  jeq r1, 0, ${ok}`, '  mov64 r0, r1', '  exit', `${ok}:`);
    if (e.types.length === 1 && this.#wideExpr(e)) {
      this.#temp('r0');
      for (let k = 0; k < 4; k++) o.push(`  ldxdw r1, [r9+${HEAP.ret + 8 * k}]`, `  stxdw [r0+${8 * k}], r1`);
    }
  }

  #internalLabel(id: string): string {
    const known = this.shared.internals.get(id);
    if (known) return known.label;
    const fn = this.contract.functions.find((f) => f.id === id);
    if (fn === undefined) throw unsupported(`call of unknown function ${id}`);
    const label = `int_${this.shared.internals.size}_${this.shared.label++}`;
    const entry = { label, emitted: false };
    this.shared.internals.set(id, entry);
    try {
      const body = new FunctionGen(this.contract, fn, this.shared, 'internal').generate();
      this.shared.internalBodies.push(`${label}:`, ...body);
    } catch (error) {
      this.shared.internals.delete(id);
      throw locate(error, fn.loc);
    }
    return label;
  }

  /**
   * Integer arithmetic and bitwise operations: operands right first (the IR's order), left in r0 and
   * right in r1, then the signed or unsigned operation.
   */
  #binary(e: Extract<Expr, { kind: 'binary' }>): void {
    const o = this.#out;
    const type = e.type;
    if (type.kind !== 'uint' && type.kind !== 'int' && type.kind !== 'fixedBytes')
      throw unsupported(`${e.op} on ${typeName(type)}`);
    if (isWide(type)) {
      this.#wideBinary(e);
      return;
    }
    const bits = bitsOf(type);
    const rightType = valueType(e.right);
    this.#expr(e.right);
    if (isWide(rightType)) {
      if (e.op === 'exp' && !e.checked)
        throw unsupported(`unchecked ** with a ${typeName(rightType)} exponent`);
      // A wide shift amount or exponent: saturate it to 2^32 (every such amount shifts/overflows out).
      const small = this.#label('amount');
      o.push(
        '  mov64 r1, r0',
        '  ldxdw r0, [r1+8]',
        '  ldxdw r2, [r1+16]',
        '  or64 r0, r2',
        '  ldxdw r2, [r1+24]',
      );
      o.push('  or64 r0, r2', '  ldxdw r2, [r1+0]', `  jne r0, 0, +2`, '  mov64 r0, r2', `  ja ${small}`);
      o.push('  lddw r0, 0x100000000', `${small}:`);
    }
    this.#push();
    this.#expr(e.left);
    this.#pop('r1');
    if (e.op === 'and' || e.op === 'or' || e.op === 'xor') o.push(`  ${e.op}64 r0, r1`);
    else if (type.kind === 'int') this.#signed(e, bits);
    else this.#unsigned(e, bits);
  }

  /** Arithmetic on words through the runtime library, with Solidity's checks. */
  #wideBinary(e: Extract<Expr, { kind: 'binary' }>): void {
    const o = this.#out;
    const type = e.type;
    const bits = bitsOf(type);
    const signed = type.kind === 'int';
    const rightType = valueType(e.right);
    this.#expr(e.right);
    if (e.op === 'shl' || e.op === 'shr' || e.op === 'exp') this.#toWord(rightType);
    this.#push();
    this.#expr(e.left);
    this.#push();
    const [l, r] = [this.#localsBytes + 8 * this.#depth, this.#localsBytes + 8 * (this.#depth - 1)];
    const operands = () => o.push(`  ldxdw r2, [r10-${l}]`, `  ldxdw r3, [r10-${r}]`);
    const result = () => this.#temp('r1');
    switch (e.op) {
      case 'and':
      case 'or':
      case 'xor':
        result();
        operands();
        for (let k = 0; k < 4; k++)
          o.push(
            `  ldxdw r4, [r2+${8 * k}]`,
            `  ldxdw r5, [r3+${8 * k}]`,
            `  ${e.op}64 r4, r5`,
            `  stxdw [r1+${8 * k}], r4`,
          );
        o.push('  mov64 r0, r1');
        break;
      case 'add':
      case 'sub':
      case 'mul': {
        if (signed && e.op === 'mul' && (bits > 128 || e.checked === false)) {
          // Unchecked: two's complement products mod 2^256 ignore the sign; checked wide: magnitudes.
          if (!e.checked) {
            result();
            operands();
            o.push(`  call ${this.#rt('mul')}`);
            this.#reloadLastTemp();
            if (bits < 256) this.#truncate(true, bits);
          } else this.#signedMagnitudes(e.op, true, bits, l, r);
          break;
        }
        result();
        operands();
        o.push(`  call ${this.#rt(e.op)}`);
        if (!signed) {
          if (e.checked && (bits === 256 || e.op === 'mul')) o.push(`  jne r0, 0, ${this.#panic(0x11)}`);
          this.#reloadLastTemp();
          if (bits < 256) {
            if (e.checked) {
              o.push('  mov64 r1, r0', `  mov64 r2, ${bits / 8}`, `  call ${this.#rt('fitsU')}`);
              o.push(`  jeq r0, 0, ${this.#panic(0x11)}`);
              this.#reloadLastTemp();
            } else this.#truncate(false, bits);
          }
        } else {
          this.#reloadLastTemp();
          if (bits < 256) {
            if (e.checked) this.#checkSigned(bits);
            else this.#truncate(true, bits);
          } else if (e.checked) {
            // int256: add overflows iff a, b share a sign the result lacks; sub iff a, b differ and r differs from a.
            operands();
            o.push('  ldxdw r2, [r2+24]', '  ldxdw r3, [r3+24]', '  ldxdw r4, [r0+24]');
            if (e.op === 'add')
              o.push('  mov64 r5, r4', '  xor64 r5, r2', '  xor64 r4, r3', '  and64 r5, r4');
            else o.push('  mov64 r5, r2', '  xor64 r5, r3', '  xor64 r4, r2', '  and64 r5, r4');
            o.push(`  jslt r5, 0, ${this.#panic(0x11)}`);
          }
        }
        break;
      }
      case 'div':
      case 'mod': {
        if (signed) {
          this.#signedMagnitudes(e.op, e.checked, bits, l, r);
          break;
        }
        const divisor = e.right.kind === 'const' ? e.right.value : 0n;
        if (divisor > 0n && (divisor & (divisor - 1n)) === 0n) {
          // By a power of two: a shift or a mask (no division routine).
          const dst = this.#temp('r1');
          o.push(`  ldxdw r2, [r10-${l}]`);
          if (e.op === 'div')
            o.push(`  mov64 r3, ${divisor.toString(2).length - 1}`, `  call ${this.#rt('shr')}`);
          else {
            this.#temp('r3');
            this.#constWord('r3', divisor - 1n);
            this.#ptr('r1', dst);
            for (let k = 0; k < 4; k++)
              o.push(
                `  ldxdw r4, [r2+${8 * k}]`,
                `  ldxdw r5, [r3+${8 * k}]`,
                '  and64 r4, r5',
                `  stxdw [r1+${8 * k}], r4`,
              );
          }
          this.#ptr('r0', dst);
          break;
        }
        o.push(`  ldxdw r3, [r10-${r}]`, '  ldxdw r0, [r3+0]');
        for (let k = 1; k < 4; k++) o.push(`  ldxdw r4, [r3+${8 * k}]`, '  or64 r0, r4');
        o.push(`  jeq r0, 0, ${this.#panic(0x12)}`);
        const quotient = this.#temp('r3');
        const remainder = this.#temp('r4');
        this.#ptr('r3', quotient);
        o.push(`  ldxdw r1, [r10-${l}]`, `  ldxdw r2, [r10-${r}]`, `  call ${this.#rt('divmod')}`);
        this.#ptr('r0', e.op === 'div' ? quotient : remainder);
        break;
      }
      case 'shl':
      case 'shr': {
        // bytesN: its value read big-endian, so `a << n` is the value shifted and cut to N bytes, as the EVM
        // shifts the left-aligned word.
        const big = this.#label('wshift');
        const done = this.#label('wshiftdone');
        const dst = this.#temp('r1');
        o.push(`  ldxdw r3, [r10-${r}]`, '  ldxdw r0, [r3+8]', '  ldxdw r4, [r3+16]', '  or64 r0, r4');
        o.push(
          '  ldxdw r4, [r3+24]',
          '  or64 r0, r4',
          `  jne r0, 0, ${big}`,
          '  ldxdw r3, [r3+0]',
          `  jgt r3, 255, ${big}`,
        );
        o.push(`  ldxdw r2, [r10-${l}]`);
        const negative = signed && e.op === 'shr';
        if (negative) {
          // Arithmetic shift: ~(~a >> n) for a negative a.
          const plain = this.#label('sar');
          o.push('  ldxdw r0, [r2+24]', `  jsge r0, 0, ${plain}`);
          for (let k = 0; k < 4; k++)
            o.push(`  ldxdw r0, [r2+${8 * k}]`, '  xor64 r0, -1', `  stxdw [r1+${8 * k}], r0`);
          o.push('  mov64 r2, r1', `  call ${this.#rt('shr')}`);
          this.#ptr('r1', dst);
          for (let k = 0; k < 4; k++)
            o.push(`  ldxdw r0, [r1+${8 * k}]`, '  xor64 r0, -1', `  stxdw [r1+${8 * k}], r0`);
          o.push(`  ja ${done}`, `${plain}:`);
        }
        o.push(`  call ${this.#rt(e.op)}`, `  ja ${done}`, `${big}:`);
        this.#ptr('r1', dst);
        o.push('  mov64 r0, 0');
        if (negative) o.push(`  ldxdw r2, [r10-${l}]`, '  ldxdw r0, [r2+24]', '  arsh64 r0, 63');
        for (let k = 0; k < 4; k++) o.push(`  stxdw [r1+${8 * k}], r0`);
        o.push(`${done}:`);
        this.#ptr('r0', dst);
        if (e.op === 'shl' && bits < 256) this.#truncate(signed, bits);
        break;
      }
      case 'exp':
        if (signed && e.checked) {
          // |base| ** e (checked in 256 bits), then the sign (negative base, odd e) and intN's range.
          const flag = this.#temp('r1');
          o.push(
            `  ldxdw r3, [r10-${l}]`,
            '  ldxdw r2, [r3+24]',
            `  ldxdw r4, [r10-${r}]`,
            '  ldxdw r4, [r4+0]',
          );
          o.push('  lsh64 r4, 63', '  and64 r2, r4', '  stxdw [r1+0], r2');
          const magnitude = this.#temp('r1');
          const skip = this.#label('pabs');
          for (let k = 0; k < 4; k++) o.push(`  ldxdw r4, [r3+${8 * k}]`, `  stxdw [r1+${8 * k}], r4`);
          o.push(`  jsge r4, 0, ${skip}`, '  mov64 r2, r9', `  add64 r2, ${HEAP.zero}`, '  mov64 r3, r1');
          o.push(`  call ${this.#rt('sub')}`, `${skip}:`);
          this.#ptr('r1', magnitude);
          o.push(`  stxdw [r10-${l}], r1`);
          const result = this.#wideExp(true, 256, l, r);
          o.push(`  ldxdw r5, [r10-${flag}]`);
          this.#applySign(result, true, bits);
          break;
        }
        {
          const result = this.#wideExp(e.checked, signed ? 256 : bits, l, r);
          if (signed && bits < 256) {
            this.#temps = (FRAME - result) / 32 + 1;
            this.#truncate(true, bits);
          }
        }
        break;
    }
    this.#depth -= 2;
  }

  /**
   * Signed wide `*` (checked), `/`, `%` through magnitudes: |a| op |b| unsigned, then the sign (a's
   * for `%`, a's xor b's otherwise) and intN's range; Panic 0x12 for a zero divisor first. Leaves r0 →
   * the result (a temporary).
   */
  #signedMagnitudes(op: 'mul' | 'div' | 'mod', checked: boolean, bits: number, l: number, r: number): void {
    const o = this.#out;
    const panic11 = () => this.#panic(0x11);
    if (op !== 'mul') {
      o.push(`  ldxdw r3, [r10-${r}]`, '  ldxdw r0, [r3+0]');
      for (let k = 1; k < 4; k++) o.push(`  ldxdw r4, [r3+${8 * k}]`, '  or64 r0, r4');
      o.push(`  jeq r0, 0, ${this.#panic(0x12)}`);
    }
    const magnitudes = [l, r].map((at) => {
      const m = this.#temp('r1');
      const skip = this.#label('abs');
      o.push(`  ldxdw r3, [r10-${at}]`);
      for (let k = 0; k < 4; k++) o.push(`  ldxdw r4, [r3+${8 * k}]`, `  stxdw [r1+${8 * k}], r4`);
      o.push(`  jsge r4, 0, ${skip}`, '  mov64 r2, r9', `  add64 r2, ${HEAP.zero}`, '  mov64 r3, r1');
      o.push(`  call ${this.#rt('sub')}`, `${skip}:`);
      return m;
    });
    const [ma, mb] = magnitudes as [number, number];
    let dst: number;
    if (op === 'mul') {
      dst = this.#temp('r1');
      this.#ptr('r2', ma);
      this.#ptr('r3', mb);
      o.push(`  call ${this.#rt('mul')}`, `  jne r0, 0, ${panic11()}`);
    } else {
      const q = this.#temp('r3');
      const rem = this.#temp('r4');
      this.#ptr('r3', q);
      this.#ptr('r1', ma);
      this.#ptr('r2', mb);
      o.push(`  call ${this.#rt('divmod')}`);
      dst = op === 'div' ? q : rem;
    }
    // r5 < 0 when the result is negative.
    o.push(`  ldxdw r3, [r10-${l}]`, '  ldxdw r5, [r3+24]');
    if (op !== 'mod') o.push(`  ldxdw r3, [r10-${r}]`, '  ldxdw r3, [r3+24]', '  xor64 r5, r3');
    this.#applySign(dst, checked && op !== 'mod', bits);
  }

  /**
   * The magnitude at `dst` gets the sign r5 carries (negative when r5 < 0). `check`: a magnitude with
   * bit 255 set fits only as −2^255, and the result must fit intN (else truncated to it).
   */
  #applySign(dst: number, check: boolean, bits: number): void {
    const o = this.#out;
    const panic11 = () => this.#panic(0x11);
    this.#ptr('r1', dst);
    const positive = this.#label('spos');
    const done = this.#label('sdone');
    o.push('  ldxdw r4, [r1+24]', `  jsge r4, 0, ${positive}`);
    if (check) {
      o.push(`  jsge r5, 0, ${panic11()}`, '  lddw r2, 0x8000000000000000', `  jne r4, r2, ${panic11()}`);
      o.push(
        '  ldxdw r2, [r1+0]',
        '  ldxdw r3, [r1+8]',
        '  or64 r2, r3',
        '  ldxdw r3, [r1+16]',
        '  or64 r2, r3',
      );
      o.push(`  jne r2, 0, ${panic11()}`);
    }
    o.push(
      `${positive}:`,
      `  jsge r5, 0, ${done}`,
      '  mov64 r2, r9',
      `  add64 r2, ${HEAP.zero}`,
      '  mov64 r3, r1',
    );
    o.push(`  call ${this.#rt('sub')}`, `${done}:`);
    this.#ptr('r0', dst);
    if (bits < 256) {
      this.#temps = (FRAME - dst) / 32 + 1;
      if (check) this.#checkSigned(bits);
      else this.#truncate(true, bits);
    }
    this.#ptr('r0', dst);
  }

  /** Square-and-multiply on words; checked: every product that reaches the result must fit. */
  #wideExp(checked: boolean, bits: number, l: number, r: number): number {
    const o = this.#out;
    const result = this.#temp('r1');
    this.#constWord('r1', 1n);
    const base = this.#temp('r1');
    const exponent = this.#temp('r2');
    o.push(`  ldxdw r3, [r10-${l}]`, `  ldxdw r4, [r10-${r}]`);
    for (let k = 0; k < 4; k++)
      o.push(
        `  ldxdw r0, [r3+${8 * k}]`,
        `  stxdw [r1+${8 * k}], r0`,
        `  ldxdw r0, [r4+${8 * k}]`,
        `  stxdw [r2+${8 * k}], r0`,
      );
    const loop = this.#label('wexp');
    const skip = this.#label('wexpskip');
    const done = this.#label('wexpdone');
    const isZero = (target: string) => {
      this.#ptr('r2', exponent);
      o.push('  ldxdw r0, [r2+0]');
      for (let k = 1; k < 4; k++) o.push(`  ldxdw r3, [r2+${8 * k}]`, '  or64 r0, r3');
      o.push(`  jeq r0, 0, ${target}`);
    };
    const multiply = (dst: number, src: number) => {
      this.#ptr('r1', dst);
      this.#ptr('r2', dst);
      this.#ptr('r3', src);
      o.push(`  call ${this.#rt('mul')}`);
      if (!checked) return;
      o.push(`  jne r0, 0, ${this.#panic(0x11)}`);
      if (bits < 256) {
        this.#ptr('r1', dst);
        o.push(`  mov64 r2, ${bits / 8}`, `  call ${this.#rt('fitsU')}`, `  jeq r0, 0, ${this.#panic(0x11)}`);
      }
    };
    o.push(`${loop}:`);
    isZero(done);
    this.#ptr('r2', exponent);
    o.push('  ldxdw r0, [r2+0]', '  and64 r0, 1', `  jeq r0, 0, ${skip}`);
    multiply(result, base);
    o.push(`${skip}:`);
    this.#ptr('r1', exponent);
    o.push('  mov64 r2, r1', '  mov64 r3, 1', `  call ${this.#rt('shr')}`);
    isZero(done);
    multiply(base, base);
    o.push(`  ja ${loop}`, `${done}:`);
    this.#ptr('r0', result);
    if (!checked && bits < 256) {
      this.#temps = (FRAME - result) / 32 + 1;
      this.#truncate(false, bits);
    }
    this.#ptr('r0', result);
    return result;
  }

  /**
   * intN ≤ 64 arithmetic on sign-extended registers. Overflow of a narrow result shows as a value
   * that sign-extension from N bits changes; 64-bit add/sub use the sign rule. sBPF v0 has no signed
   * division, so div/mod divide magnitudes and fix the sign (Solidity truncates toward zero).
   */
  #signed(e: Extract<Expr, { kind: 'binary' }>, bits: number): void {
    const o = this.#out;
    const narrow = bits < 64;
    const panic11 = () => this.#panic(0x11);
    const checkNarrow = () => {
      if (narrow) o.push('  mov64 r2, r0', ...signExtend(bits, 'r2'), `  jne r2, r0, ${panic11()}`);
    };
    switch (e.op) {
      case 'add':
      case 'sub': {
        o.push('  mov64 r3, r0', `  ${e.op}64 r0, r1`);
        if (!e.checked) {
          o.push(...signExtend(bits));
          return;
        }
        if (narrow) {
          checkNarrow();
          return;
        }
        // add overflows iff both operands' signs differ from the result's; sub iff a, b differ and a, r differ.
        if (e.op === 'add') o.push('  mov64 r2, r0', '  xor64 r2, r3', '  mov64 r4, r0', '  xor64 r4, r1');
        else o.push('  mov64 r2, r3', '  xor64 r2, r1', '  mov64 r4, r3', '  xor64 r4, r0');
        o.push('  and64 r2, r4', `  jslt r2, 0, ${panic11()}`);
        return;
      }
      case 'mul':
        if (e.checked && bits > 32) {
          // |a|·|b| in 64 bits (overflow by the division test), then the sign and intN's range.
          const ok = this.#label('smulok');
          const negative = this.#label('smulneg');
          const done = this.#label('smuldone');
          o.push('  mov64 r4, r0', '  xor64 r4, r1');
          for (const reg of ['r0', 'r1'])
            o.push(`  jsge ${reg}, 0, +3`, '  mov64 r2, 0', `  sub64 r2, ${reg}`, `  mov64 ${reg}, r2`);
          o.push(
            '  mov64 r3, r0',
            '  mul64 r0, r1',
            `  jeq r3, 0, ${ok}`,
            '  mov64 r2, r0',
            '  div64 r2, r3',
          );
          o.push(`  jne r2, r1, ${panic11()}`, `${ok}:`, `  lddw r2, ${hex(1n << BigInt(bits - 1))}`);
          o.push(`  jslt r4, 0, ${negative}`, `  jge r0, r2, ${panic11()}`, `  ja ${done}`);
          o.push(
            `${negative}:`,
            `  jgt r0, r2, ${panic11()}`,
            '  mov64 r2, 0',
            '  sub64 r2, r0',
            '  mov64 r0, r2',
          );
          o.push(`${done}:`, ...signExtend(bits));
          return;
        }
        o.push('  mul64 r0, r1');
        if (e.checked) checkNarrow();
        else o.push(...signExtend(bits));
        return;
      case 'div':
      case 'mod': {
        o.push(`  jeq r1, 0, ${this.#panic(0x12)}`);
        const min = BigInt.asUintN(64, -(1n << BigInt(bits - 1)));
        if (e.op === 'div' && e.checked) {
          const fine = this.#label('sdiv');
          o.push(`  lddw r2, ${hex(min)}`, `  jne r0, r2, ${fine}`, `  jeq r1, -1, ${panic11()}`, `${fine}:`);
        }
        o.push('  mov64 r3, r0');
        if (e.op === 'div') o.push('  xor64 r3, r1');
        for (const r of ['r0', 'r1'])
          o.push(`  jsge ${r}, 0, +3`, '  mov64 r2, 0', `  sub64 r2, ${r}`, `  mov64 ${r}, r2`);
        o.push(`  ${e.op}64 r0, r1`, '  jsge r3, 0, +3', '  mov64 r2, 0', '  sub64 r2, r0', '  mov64 r0, r2');
        o.push(...signExtend(bits));
        return;
      }
      case 'shl':
      case 'shr': {
        const big = this.#label('sshift');
        const end = this.#label('sshiftend');
        o.push(`  jge r1, ${bits}, ${big}`);
        if (e.op === 'shl') o.push('  lsh64 r0, r1', ...signExtend(bits));
        else o.push('  arsh64 r0, r1');
        o.push(`  ja ${end}`, `${big}:`, e.op === 'shl' ? '  mov64 r0, 0' : '  arsh64 r0, 63', `${end}:`);
        return;
      }
      case 'exp': {
        if (!e.checked) {
          // Two's complement: the product mod 2^64 does not depend on the sign.
          this.#exp(false, 64);
          o.push(...signExtend(bits));
          return;
        }
        // |base| ** e in 64 bits (checked), then the sign (negative base, odd e) and intN's range.
        o.push('  mov64 r4, r0', '  mov64 r0, r1', '  and64 r0, 1', '  mov64 r2, r4', '  arsh64 r2, 63');
        o.push('  and64 r0, r2');
        this.#push();
        o.push('  mov64 r0, r4', '  jsge r4, 0, +2', '  mov64 r0, 0', '  sub64 r0, r4');
        this.#exp(true, 64);
        this.#pop('r1');
        const positive = this.#label('spow');
        const done = this.#label('spowdone');
        o.push(
          `  lddw r2, ${hex(1n << BigInt(bits - 1))}`,
          `  jeq r1, 0, ${positive}`,
          `  jgt r0, r2, ${panic11()}`,
        );
        o.push('  mov64 r3, 0', '  sub64 r3, r0', '  mov64 r0, r3', ...signExtend(bits), `  ja ${done}`);
        o.push(`${positive}:`, `  jge r0, r2, ${panic11()}`, `${done}:`);
        return;
      }
      default:
        throw unsupported(`${e.op} on int${bits}`);
    }
  }

  /** Unsigned ≤ 64-bit arithmetic with Solidity's checks (Panic 0x11 overflow, 0x12 division by zero). */
  #unsigned(e: Extract<Expr, { kind: 'binary' }>, bits: number): void {
    const o = this.#out;
    const max = mask(bits);
    const narrow = bits < 64;
    const truncate = () => {
      if (narrow) o.push(`  lddw r2, ${hex(max)}`, '  and64 r0, r2');
    };
    const overflowAbove = () => {
      if (narrow) o.push(`  lddw r2, ${hex(max)}`, `  jgt r0, r2, ${this.#panic(0x11)}`);
    };
    switch (e.op) {
      case 'add':
        o.push('  add64 r0, r1');
        if (!e.checked) {
          truncate();
          return;
        }
        if (!narrow) o.push(`  jlt r0, r1, ${this.#panic(0x11)}`);
        overflowAbove();
        return;
      case 'sub':
        if (e.checked) o.push(`  jlt r0, r1, ${this.#panic(0x11)}`);
        o.push('  sub64 r0, r1');
        truncate();
        return;
      case 'mul': {
        if (!e.checked) {
          o.push('  mul64 r0, r1');
          truncate();
          return;
        }
        const done = this.#label('mul');
        // a·b overflowed 64 bits iff a ≠ 0 and (a·b mod 2^64) / a ≠ b.
        o.push(
          '  mov64 r3, r0',
          '  mul64 r0, r1',
          `  jeq r3, 0, ${done}`,
          '  mov64 r4, r0',
          '  div64 r4, r3',
        );
        o.push(`  jne r4, r1, ${this.#panic(0x11)}`, `${done}:`);
        overflowAbove();
        return;
      }
      case 'div':
      case 'mod':
        o.push(`  jeq r1, 0, ${this.#panic(0x12)}`, `  ${e.op}64 r0, r1`);
        return;
      case 'shl':
      case 'shr': {
        const zero = this.#label('shiftzero');
        const end = this.#label('shiftend');
        o.push(`  jge r1, ${bits}, ${zero}`, `  ${e.op === 'shl' ? 'lsh64' : 'rsh64'} r0, r1`);
        truncate();
        o.push(`  ja ${end}`, `${zero}:`, '  mov64 r0, 0', `${end}:`);
        return;
      }
      case 'exp':
        this.#exp(e.checked, bits);
        return;
    }
  }

  /**
   * base (r0) ** exponent (r1) by square-and-multiply. Checked: every product that reaches the result
   * is checked (64-bit wrap via the division test, then the type's maximum), and the base is squared
   * (and checked) only while exponent bits remain, so overflow is reported exactly when the result
   * overflows.
   */
  #exp(checked: boolean, bits: number): void {
    const o = this.#out;
    const loop = this.#label('exp');
    const skip = this.#label('expskip');
    const done = this.#label('expdone');
    const mulInto = (dst: string, src: string) => {
      if (!checked) {
        o.push(`  mul64 ${dst}, ${src}`);
        return;
      }
      const ok = this.#label('expok');
      o.push(`  mov64 r3, ${dst}`, `  mul64 ${dst}, ${src}`, `  jeq r3, 0, ${ok}`, `  mov64 r4, ${dst}`);
      o.push('  div64 r4, r3', `  jne r4, ${src === dst ? 'r3' : src}, ${this.#panic(0x11)}`, `${ok}:`);
      if (bits < 64) o.push(`  lddw r2, ${hex(mask(bits))}`, `  jgt ${dst}, r2, ${this.#panic(0x11)}`);
    };
    o.push('  mov64 r5, 1', `${loop}:`, `  jeq r1, 0, ${done}`, '  mov64 r2, r1', '  and64 r2, 1');
    o.push(`  jeq r2, 0, ${skip}`);
    mulInto('r5', 'r0');
    o.push(`${skip}:`, '  rsh64 r1, 1', `  jeq r1, 0, ${done}`);
    mulInto('r0', 'r0');
    o.push(`  ja ${loop}`, `${done}:`, '  mov64 r0, r5');
    if (!checked && bits < 64) o.push(`  lddw r2, ${hex(mask(bits))}`, '  and64 r0, r2');
  }
}
