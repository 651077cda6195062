/**
 * IR → sBPF v0 assembly (svm-lite's assembler syntax). One program per contract: the entrypoint checks
 * the account list, dispatches on the 8-byte Anchor discriminator and runs the function inline in one
 * 4 KiB stack frame (locals, then an operand stack for temporaries; the frame's low end is the scratch
 * buffer for return data and log messages). r6 = state account data, r7 = instruction data, r8 = its length.
 */
import { UnsupportedError } from '@polyvm/core';
import type { IrContract, IrFunction } from '../ir/contract.js';
import type { Expr, RevertReason, SourceLoc, Stmt } from '../ir/nodes.js';
import type { IrType } from '../ir/types.js';
import {
  CUSTOM_BASE,
  discriminator,
  ERR,
  eventDiscriminator,
  PANIC_BASE,
  REASON_BASE,
  scalarWidth,
  stateOffset,
  stateSize,
  typeName,
} from './layout.js';

/** sBPF stack frame size (sbpf `config.rs`, `stack_frame_size: 4096`). */
const FRAME = 4096;
/** Bytes at the frame's low end reserved for return data and revert messages. */
const SCRATCH = 1024;
/** agave `MAX_PERMITTED_DATA_INCREASE`: realloc room after each serialized account's data. */
const REALLOC_ROOM = 10 * 1024;

export interface SvmProgram {
  readonly source: string;
  /** Error(string) reasons by index (custom code REASON_BASE + index). */
  readonly reasons: readonly string[];
  /** Custom errors by index (custom code CUSTOM_BASE + index), as IR error signatures. */
  readonly customErrors: readonly string[];
  /** Functions left out of the program, with the typed reason. */
  readonly unsupported: ReadonlyMap<string, UnsupportedError>;
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

/**
 * Checks a binary node's right operand: a ≤ 64-bit value, or (for shift amounts and exponents, which
 * may have any unsigned type) a literal below 2^32, as `x >> 3` has a uint256 literal.
 */
function literalAmount(e: Extract<Expr, { kind: 'binary' }>): bigint | null {
  if (e.op !== 'shl' && e.op !== 'shr' && e.op !== 'exp') return null;
  return e.right.kind === 'const' && e.right.value < 0x80000000n ? e.right.value : null;
}
function rightOperand(e: Extract<Expr, { kind: 'binary' }>): void {
  if (literalAmount(e) === null) scalarWidth(valueType(e.right), `${e.op} operand`);
}

/** Sign-extends the low `bits` of `reg` to 64 bits (intN values live sign-extended in registers). */
function signExtend(bits: number, reg = 'r0'): string[] {
  return bits < 64 ? [`  lsh64 ${reg}, ${64 - bits}`, `  arsh64 ${reg}, ${64 - bits}`] : [];
}

function bitsOf(type: IrType, what: string): number {
  return scalarWidth(type, what) === 1 && type.kind === 'bool' ? 1 : (type as { bits: number }).bits;
}
function valueType(e: Expr): IrType {
  if (e.type === null) throw unsupported('a call without a value used as a value');
  return e.type;
}
function mask(bits: number): bigint {
  return (1n << BigInt(bits)) - 1n;
}

/** Generates one program; functions using unsupported constructs are left out and listed. */
export function generateProgram(contract: IrContract): SvmProgram {
  const shared: Shared = {
    reasons: [],
    customErrors: [],
    panics: new Set(),
    label: 0,
    internals: new Map(),
    internalBodies: [],
  };
  const size = stateSize(contract);
  const ixOffset = 8 + 88 + size + REALLOC_ROOM + 8;
  const head: string[] = [
    'entrypoint:',
    '  ldxdw r2, [r1+0x0]',
    `  jne r2, 1, err_accounts`,
    '  ldxdw r2, [r1+0x58]',
    `  jne r2, ${size}, err_accounts`,
    '  mov64 r6, r1',
    '  add64 r6, 0x60',
    '  mov64 r7, r1',
    `  add64 r7, ${ixOffset}`,
    '  ldxdw r8, [r7+0x0]',
    '  add64 r7, 8',
    // The state account must be owned by this program (owner at input+0x30, program id after the data).
    '  mov64 r2, r7',
    '  add64 r2, r8',
    ...[0, 8, 16, 24].flatMap((o) => [
      `  ldxdw r3, [r1+${0x30 + o}]`,
      `  ldxdw r4, [r2+${o}]`,
      '  jne r3, r4, err_accounts',
    ]),
    `  jlt r8, 8, err_missing`,
    '  ldxdw r2, [r7+0x0]',
  ];
  const bodies: string[] = [];
  const unsupportedFns = new Map<string, UnsupportedError>();
  const dispatched = contract.functions.filter((f) => f.selector !== null || f.kind === 'constructor');
  for (const fn of dispatched) {
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
  ];
  const tail = programErrors.flatMap(([label, code]) => [`${label}:`, `  mov64 r0, ${code}`, '  exit']);
  for (const code of [...shared.panics].sort((a, b) => a - b)) {
    tail.push(
      `panic_${code}:`,
      ...raiseFlag(PANIC_BASE + code),
      ...logText(`Panic(0x${code.toString(16)})`),
      `  mov64 r0, ${PANIC_BASE + code}`,
      '  exit',
    );
  }
  return {
    source: [...head, ...bodies, ...tail].join('\n'),
    reasons: shared.reasons,
    customErrors: shared.customErrors,
    unsupported: unsupportedFns,
  };
}

/** Writes `text` to the scratch buffer with immediate stores and logs it through `sol_log_`. */
function logText(text: string): string[] {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length > SCRATCH) throw unsupported(`revert message longer than ${SCRATCH} bytes`);
  const out: string[] = [];
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const word = new DataView(bytes.buffer, bytes.byteOffset + i, 4).getInt32(0, true);
    out.push(`  stw [r10-${FRAME - i}], ${word}`);
  }
  for (; i < bytes.length; i++) out.push(`  stb [r10-${FRAME - i}], ${bytes[i]}`);
  out.push('  mov64 r1, r10', `  sub64 r1, ${FRAME}`, `  mov64 r2, ${bytes.length}`, '  syscall sol_log_');
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
}

/**
 * sBPF v0 heap region start (sbpf `ebpf::MM_HEAP_START`, 0x3_0000_0000): its first u64 is the revert
 * flag. A revert inside an internal function must unwind every frame (`exit` only leaves one), so it
 * stores its error code there; each call site checks the flag after the call and exits with it.
 */
const HEAP_START = '0x300000000';
/** Max arguments of an internal call: sBPF passes them in r1–r5. */
const MAX_ARGS = 5;

function raiseFlag(code: number): string[] {
  return [`  lddw r1, ${HEAP_START}`, `  stdw [r1+0x0], ${code}`, `  mov64 r0, ${code}`];
}

class FunctionGen {
  readonly #out: string[] = [];
  #depth = 0;
  readonly #loops: { cont: string; end: string }[] = [];
  readonly #localsBytes: number;

  constructor(
    readonly contract: IrContract,
    readonly fn: IrFunction,
    readonly shared: Shared,
    readonly mode: 'entry' | 'internal',
  ) {
    this.#localsBytes = 8 * fn.locals.length;
    if (this.#localsBytes > FRAME - SCRATCH)
      throw unsupported(`${fn.locals.length} locals do not fit one 4 KiB stack frame`, fn.loc);
  }

  generate(): string[] {
    return this.mode === 'entry' ? this.#entry() : this.#internal();
  }

  /** An internal function: arguments arrive in r1–r5; a single return value leaves in r0. */
  #internal(): string[] {
    const { fn } = this;
    const o = this.#out;
    if (fn.params.length > MAX_ARGS)
      throw unsupported(`internal function with more than ${MAX_ARGS} parameters`, fn.loc);
    if (fn.returns.length > 1) throw unsupported('internal function with several return values', fn.loc);
    fn.params.forEach((p, i) => {
      scalarWidth(p.type, `parameter ${p.name}`);
      o.push(`  stxdw ${this.#local(p.id)}, r${i + 1}`);
    });
    return this.#body();
  }

  #entry(): string[] {
    const { fn } = this;
    const o = this.#out;
    o.push('  ldxdw r2, [r6+0x0]');
    if (fn.kind === 'constructor') o.push('  jne r2, 0, err_reinit', '  stdw [r6+0x0], 1');
    else o.push('  jeq r2, 0, err_uninit');
    let argBytes = 0;
    for (const p of fn.params) argBytes += scalarWidth(p.type, `parameter ${p.name}`);
    o.push(`  jne r8, ${8 + argBytes}, err_args`);
    let at = 8;
    for (const p of fn.params) {
      const width = scalarWidth(p.type, `parameter ${p.name}`);
      o.push(`  ${LOADS[width]} r0, [r7+${at}]`);
      if (p.type.kind === 'bool') o.push('  jgt r0, 1, err_args');
      if (p.type.kind === 'int') o.push(...signExtend(p.type.bits));
      o.push(`  stxdw ${this.#local(p.id)}, r0`);
      at += width;
    }
    return this.#body();
  }

  /** Zeroes the return locals, then the body; falling off the end returns the named returns. */
  #body(): string[] {
    for (const r of this.fn.returns) {
      scalarWidth(r.type, `return value ${r.name || '(unnamed)'}`);
      this.#out.push(`  stdw ${this.#local(r.id)}, 0`);
    }
    for (const s of this.fn.body) this.#stmt(s);
    this.#return(null, this.fn.loc);
    return this.#out;
  }

  #local(id: number): string {
    return `[r10-${8 * (id + 1)}]`;
  }
  #label(name: string): string {
    return `${name}_${this.shared.label++}`;
  }
  #push(): void {
    this.#depth++;
    const offset = this.#localsBytes + 8 * this.#depth;
    if (offset > FRAME - SCRATCH)
      throw unsupported('function needs more than one 4 KiB stack frame', this.fn.loc);
    this.#out.push(`  stxdw [r10-${offset}], r0`);
  }
  #pop(reg: string): void {
    this.#out.push(`  ldxdw ${reg}, [r10-${this.#localsBytes + 8 * this.#depth}]`);
    this.#depth--;
  }
  #panic(code: number): string {
    this.shared.panics.add(code);
    return `panic_${code}`;
  }

  #stmt(s: Stmt): void {
    const o = this.#out;
    try {
      switch (s.kind) {
        case 'let': {
          if (s.locals.length !== 1) throw unsupported('multi-value let', s.loc);
          const id = s.locals[0];
          if (s.value === null) o.push('  mov64 r0, 0');
          else this.#expr(s.value);
          if (id !== null && id !== undefined) {
            scalarWidth(this.fn.locals[id]!.type, `local ${this.fn.locals[id]!.name}`);
            o.push(`  stxdw ${this.#local(id)}, r0`);
          }
          return;
        }
        case 'assign': {
          if (s.values.length !== s.targets.length)
            throw unsupported('assignment from a multi-valued call', s.loc);
          for (const v of s.values) {
            this.#expr(v);
            this.#push();
          }
          for (let i = s.targets.length - 1; i >= 0; i--) {
            const t = s.targets[i];
            this.#pop('r0');
            if (t === null || t === undefined) continue;
            if (t.kind !== 'local') throw unsupported(`assignment to ${t.kind}`, s.loc);
            o.push(`  stxdw ${this.#local(t.local)}, r0`);
          }
          return;
        }
        case 'store':
          this.#expr(s.value);
          o.push(`  stxdw [r6+${this.#stateRef(s.ref)}], r0`);
          return;
        case 'storageDelete':
          o.push(`  stdw [r6+${this.#stateRef(s.ref)}], 0`);
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
        default:
          throw unsupported(`statement ${s.kind}`, s.loc);
      }
    } catch (error) {
      throw locate(error, s.loc);
    }
  }

  /** Borsh-encodes the return values into the scratch buffer and hands them to `sol_set_return_data`. */
  #return(values: readonly Expr[] | null, loc: SourceLoc): void {
    const o = this.#out;
    const types = this.fn.returns.map((r) => r.type);
    if (values === null) {
      for (const r of this.fn.returns) {
        o.push(`  ldxdw r0, ${this.#local(r.id)}`);
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
      if (types.length === 1) this.#pop('r0');
      o.push('  exit');
      return;
    }
    let size = 0;
    for (const t of types) size += scalarWidth(t, 'return value');
    let at = size;
    for (let i = types.length - 1; i >= 0; i--) {
      const width = scalarWidth(types[i]!, 'return value');
      at -= width;
      this.#pop('r0');
      o.push(`  ${STORES[width]} [r10-${FRAME - at}], r0`);
    }
    if (types.length > 0) {
      o.push(
        '  mov64 r1, r10',
        `  sub64 r1, ${FRAME}`,
        `  mov64 r2, ${size}`,
        '  syscall sol_set_return_data',
      );
    }
    o.push('  mov64 r0, 0', '  exit');
  }

  /**
   * `emit E(args)` as Anchor's `emit!`: one `sol_log_data` field = sha256("event:E")[..8] + Borsh args
   * ("Program data: <base64>" in the logs). Indexed scalars are logged like the others.
   */
  #emit(signature: string, args: readonly Expr[]): void {
    const o = this.#out;
    const event = this.contract.events.find((e) => e.signature === signature);
    if (event === undefined) throw unsupported(`event ${signature} not declared`);
    if (this.contract.events.filter((e) => e.name === event.name).length > 1)
      throw unsupported(`overloaded event ${event.name} (Anchor names events, not signatures)`);
    const widths = event.params.map((p) => scalarWidth(p.type, `event parameter ${p.name}`));
    for (const a of args) {
      this.#expr(a);
      this.#push();
    }
    const disc = eventDiscriminator(event);
    const view = new DataView(disc.buffer, disc.byteOffset, 8);
    o.push(
      `  stw [r10-${FRAME}], ${view.getInt32(0, true)}`,
      `  stw [r10-${FRAME - 4}], ${view.getInt32(4, true)}`,
    );
    let at = 8 + widths.reduce((a, b) => a + b, 0);
    const size = at;
    for (let i = widths.length - 1; i >= 0; i--) {
      at -= widths[i]!;
      this.#pop('r0');
      o.push(`  ${STORES[widths[i]!]} [r10-${FRAME - at}], r0`);
    }
    // The field list (one `&[u8]`: pointer, length) after the data, 8-aligned.
    const fields = FRAME - 512;
    o.push(
      '  mov64 r1, r10',
      `  sub64 r1, ${FRAME}`,
      `  stxdw [r10-${fields}], r1`,
      `  stdw [r10-${fields - 8}], ${size}`,
    );
    o.push('  mov64 r1, r10', `  sub64 r1, ${fields}`, '  mov64 r2, 1', '  syscall sol_log_data');
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
        if (reason.args.length > 0) throw unsupported(`custom error ${reason.error} with arguments`, loc);
        let index = this.shared.customErrors.indexOf(reason.error);
        if (index < 0) index = this.shared.customErrors.push(reason.error) - 1;
        o.push(...logText(reason.error), ...raiseFlag(CUSTOM_BASE + index), '  exit');
        return;
      }
    }
  }

  #stateRef(ref: { kind: string; type: IrType; variable?: number }): number {
    if (ref.kind !== 'var') throw unsupported(`storage ${ref.kind} access (mappings, arrays and structs)`);
    scalarWidth(ref.type, `state variable ${this.contract.storage[ref.variable!]!.name}`);
    return stateOffset(ref.variable!);
  }

  #expr(e: Expr): void {
    const o = this.#out;
    switch (e.kind) {
      case 'const': {
        scalarWidth(e.type, 'constant');
        if (e.value < 0x80000000n && e.value >= -0x80000000n) o.push(`  mov64 r0, ${e.value}`);
        else o.push(`  lddw r0, 0x${BigInt.asUintN(64, e.value).toString(16)}`);
        return;
      }
      case 'local':
        scalarWidth(e.type, `local ${this.fn.locals[e.local]?.name}`);
        o.push(`  ldxdw r0, ${this.#local(e.local)}`);
        return;
      case 'storageLoad':
        o.push(`  ldxdw r0, [r6+${this.#stateRef(e.ref)}]`);
        return;
      case 'binary':
        this.#binary(e);
        return;
      case 'compare': {
        scalarWidth(e.operandType, 'comparison operand');
        this.#expr(e.right);
        this.#push();
        this.#expr(e.left);
        this.#pop('r1');
        const jump = e.operandType.kind === 'int' ? SIGNED_JUMPS[e.op] : COMPARE_JUMPS[e.op];
        o.push('  mov64 r2, 1', `  ${jump} r0, r1, +1`, '  mov64 r2, 0', '  mov64 r0, r2');
        return;
      }
      case 'logical': {
        const end = this.#label('logic');
        this.#expr(e.left);
        o.push(`  ${e.op === 'and' ? 'jeq' : 'jne'} r0, 0, ${end}`);
        this.#expr(e.right);
        o.push(`${end}:`);
        return;
      }
      case 'unary': {
        this.#expr(e.operand);
        if (e.op === 'not') o.push('  xor64 r0, 1');
        else if (e.type.kind === 'int' && e.op === 'bitnot') o.push('  xor64 r0, -1');
        else if (e.type.kind === 'int' && e.op === 'neg') {
          // -a: Panic 0x11 for the type's minimum when checked, else wraps to it.
          if (e.checked) {
            o.push(`  lddw r1, 0x${BigInt.asUintN(64, -(1n << BigInt(e.type.bits - 1))).toString(16)}`);
            o.push(`  jeq r0, r1, ${this.#panic(0x11)}`);
          }
          o.push('  mov64 r1, 0', '  sub64 r1, r0', '  mov64 r0, r1', ...signExtend(e.type.bits));
        } else if (e.op === 'bitnot')
          o.push(`  lddw r1, 0x${mask(bitsOf(e.type, '~')).toString(16)}`, '  xor64 r0, r1');
        else throw unsupported(`unary ${e.op} on ${typeName(e.type)}`);
        return;
      }
      case 'cast': {
        const from = valueType(e.operand);
        const integer = (t: IrType) => t.kind === 'uint' || t.kind === 'int';
        if (!integer(e.type) || !integer(from))
          throw unsupported(`conversion ${typeName(from)} → ${typeName(e.type)}`);
        scalarWidth(e.type, 'conversion result');
        scalarWidth(from, 'conversion operand');
        this.#expr(e.operand);
        // Registers hold uintN zero-extended and intN sign-extended: keep the low bits, re-extend.
        const bits = (e.type as { bits: number }).bits;
        if (e.type.kind === 'int') o.push(...signExtend(bits));
        else if (bits < 64) o.push(`  lddw r1, 0x${mask(bits).toString(16)}`, '  and64 r0, r1');
        return;
      }
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
      default:
        throw unsupported(`expression ${e.kind}${e.kind === 'env' ? ` (${e.name})` : ''}`);
    }
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
        if (e.checked && bits > 32)
          throw unsupported(`checked ${e.op} on int${bits} (needs a 128-bit product)`);
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
          o.push(
            `  lddw r2, 0x${min.toString(16)}`,
            `  jne r0, r2, ${fine}`,
            `  jeq r1, -1, ${panic11()}`,
            `${fine}:`,
          );
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
      default:
        throw unsupported(`${e.op} (exponentiation)`);
    }
  }

  /** Internal call: arguments left to right into r1–r5, then the revert-flag check. */
  #call(e: Extract<Expr, { kind: 'call' }>): void {
    const o = this.#out;
    if (e.args.length > MAX_ARGS) throw unsupported(`internal call with more than ${MAX_ARGS} arguments`);
    for (const a of e.args) {
      this.#expr(a);
      this.#push();
    }
    for (let i = e.args.length; i >= 1; i--) this.#pop(`r${i}`);
    o.push(`  call ${this.#internalLabel(e.function)}`);
    const ok = this.#label('callok');
    o.push(
      `  lddw r1, ${HEAP_START}`,
      '  ldxdw r1, [r1+0x0]',
      `  jeq r1, 0, ${ok}`,
      '  mov64 r0, r1',
      '  exit',
      `${ok}:`,
    );
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
    if (e.type.kind !== 'uint' && e.type.kind !== 'int') throw unsupported(`${e.op} on ${typeName(e.type)}`);
    const bits = e.type.bits;
    scalarWidth(e.type, `${e.op} result`);
    rightOperand(e);
    const literal = literalAmount(e);
    if (literal === null) this.#expr(e.right);
    else o.push(`  mov64 r0, ${literal}`);
    this.#push();
    this.#expr(e.left);
    this.#pop('r1');
    if (e.op === 'and' || e.op === 'or' || e.op === 'xor') o.push(`  ${e.op}64 r0, r1`);
    else if (e.type.kind === 'int') this.#signed(e, bits);
    else this.#unsigned(e, bits);
  }

  /** Unsigned ≤ 64-bit arithmetic with Solidity's checks (Panic 0x11 overflow, 0x12 division by zero). */
  #unsigned(e: Extract<Expr, { kind: 'binary' }>, bits: number): void {
    const o = this.#out;
    const max = mask(bits);
    const narrow = bits < 64;
    const truncate = () => {
      if (narrow) o.push(`  lddw r2, 0x${max.toString(16)}`, '  and64 r0, r2');
    };
    const overflowAbove = () => {
      if (narrow) o.push(`  lddw r2, 0x${max.toString(16)}`, `  jgt r0, r2, ${this.#panic(0x11)}`);
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
      if (bits < 64)
        o.push(`  lddw r2, 0x${mask(bits).toString(16)}`, `  jgt ${dst}, r2, ${this.#panic(0x11)}`);
    };
    o.push('  mov64 r5, 1', `${loop}:`, `  jeq r1, 0, ${done}`, '  mov64 r2, r1', '  and64 r2, 1');
    o.push(`  jeq r2, 0, ${skip}`);
    mulInto('r5', 'r0');
    o.push(`${skip}:`, '  rsh64 r1, 1', `  jeq r1, 0, ${done}`);
    mulInto('r0', 'r0');
    o.push(`  ja ${loop}`, `${done}:`, '  mov64 r0, r5');
    if (!checked && bits < 64) o.push(`  lddw r2, 0x${mask(bits).toString(16)}`, '  and64 r0, r2');
  }
}
