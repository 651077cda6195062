import { CAST_KIND, INT_KIND_BY_NAME, INT_NAMES, LOAD_KIND } from '../binary/int-kinds.js';
import { opcodeInfo } from '../binary/opcodes.js';
import {
  Ability,
  type CodeUnit,
  type CompiledModule,
  type CompiledUnit,
  type SignatureToken,
} from '../binary/types.js';
import { formatToken } from '../binary/view.js';
import { OPERAND_STACK_LIMIT } from '../limits.js';
import { abilitiesOf, has } from './abilities.js';
import { type Block, basicBlocks } from './cfg.js';
import { verifyError } from './error.js';
import { checkInstantiation, checkToken } from './signatures.js';

/** What the type checker learned about a function, for the interpreter. */
export interface FunctionFacts {
  /** Operand width (`IntKind`) of each arithmetic, bitwise, shift and comparison instruction. */
  intKinds: Uint8Array;
  /** Largest operand-stack height the function reaches. */
  maxStack: number;
}

export interface FunctionContext {
  unit: CompiledUnit;
  name: string;
  typeParams: readonly number[];
  locals: readonly SignatureToken[];
  paramCount: number;
  returns: readonly SignatureToken[];
  code: CodeUnit;
}

export function sameType(a: SignatureToken, b: SignatureToken): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'vector':
      return sameType(a.elem, (b as typeof a).elem);
    case 'ref':
    case 'mutref':
      return sameType(a.inner, (b as typeof a).inner);
    case 'struct':
      return a.handle === (b as typeof a).handle;
    case 'structInst': {
      const o = b as typeof a;
      return (
        a.handle === o.handle &&
        a.args.length === o.args.length &&
        a.args.every((x, i) => sameType(x, o.args[i]!))
      );
    }
    case 'tparam':
      return a.index === (b as typeof a).index;
    default:
      return true;
  }
}

export function substitute(t: SignatureToken, args: readonly SignatureToken[]): SignatureToken {
  switch (t.kind) {
    case 'tparam':
      return args[t.index] ?? t;
    case 'vector':
      return { kind: 'vector', elem: substitute(t.elem, args) };
    case 'ref':
    case 'mutref':
      return { kind: t.kind, inner: substitute(t.inner, args) };
    case 'structInst':
      return { kind: 'structInst', handle: t.handle, args: t.args.map((a) => substitute(a, args)) };
    default:
      return t;
  }
}

const BOOL: SignatureToken = { kind: 'bool' };
const U8: SignatureToken = { kind: 'u8' };
const U64: SignatureToken = { kind: 'u64' };
const ADDRESS: SignatureToken = { kind: 'address' };
const intType = (kind: number): SignatureToken => ({ kind: INT_NAMES[kind]! });

/**
 * Type safety, stack balance, ability checks and the local rules of reference safety for one
 * function body (move-bytecode-verifier `type_safety.rs`, `stack_usage_verifier.rs`,
 * `instruction_consistency.rs`, `reference_safety`): an abstract interpretation over basic blocks.
 * The operand stack must be empty at every block boundary, so a block's entry state is just what
 * the reference locals may point into (joined by union); blocks are revisited until that is stable.
 */
export function typeCheckFunction(ctx: FunctionContext): FunctionFacts {
  const instrs = ctx.code.code;
  if (instrs.length === 0) throw verifyError('EMPTY_CODE_UNIT', 'function has no code', { fn: ctx.name });
  const last = instrs[instrs.length - 1]!.op;
  if (last !== 0x02 && last !== 0x27 && last !== 0x05) {
    throw verifyError('INVALID_FALL_THROUGH', 'the last instruction can fall through', {
      fn: ctx.name,
      offset: instrs.length - 1,
    });
  }
  const blocks = basicBlocks(instrs);
  const blockAt = new Map(blocks.map((b, i) => [b.start, i]));
  const L = ctx.locals.length;
  const refBase = refBaseOf(ctx);
  // Per local: the roots its reference may point into, then (second half) its own reference id,
  // in canonical form (local i's reference has id `refBit(refBase, i)`), so a block's entry state
  // is as wide as the locals, not the function.
  const entry: (bigint[] | undefined)[] = blocks.map(() => undefined);
  // Reference parameters are the only legal roots of returned references.
  const isRefParam = (i: number): boolean => i < ctx.paramCount && isRef(ctx.locals[i]!);
  entry[0] = [
    ...ctx.locals.map((_, i) => (isRefParam(i) ? ROOT_PARAM | refBit(refBase, i) : 0n)),
    ...ctx.locals.map((_, i) => (isRefParam(i) ? refBit(refBase, i) : 0n)),
  ];
  const facts: FunctionFacts = { intKinds: new Uint8Array(instrs.length), maxStack: 0 };
  const visit = (bi: number, work: number[]): void => {
    const state = entry[bi]!.slice();
    checkBlock(ctx, blocks[bi]!, state, facts);
    renumberReferences(refBase, state, [], []);
    for (const succ of blocks[bi]!.successors) {
      const si = blockAt.get(succ)!;
      const prev = entry[si];
      if (!prev) {
        entry[si] = state.slice();
        work.push(si);
      } else if (joinInto(prev, state, L)) {
        work.push(si);
      }
    }
  };
  const work = [0];
  while (work.length > 0) visit(work.pop()!, work);
  // Unreachable blocks never run, but their code must still be well-typed.
  blocks.forEach((_, bi) => {
    if (entry[bi]) return;
    entry[bi] = new Array<bigint>(2 * L).fill(0n);
    visit(bi, []);
  });
  return facts;
}

/**
 * What a reference may point into: bit i for local i of this frame (locals are at most 256), one
 * bit for reference parameters, and from bit 257 on one bit per struct definition for global
 * storage. Non-reference values have no roots.
 */
const ROOT_PARAM = 1n << 256n;
const localBit = (i: number): bigint => 1n << BigInt(i);
/** The `n`-th reference id, past the local and global-resource roots. */
const refBit = (refBase: number, n: number): bigint => 1n << BigInt(refBase + n);

/**
 * Joins the canonical state `incoming` into `into` (reference_safety `join`): a reference local
 * available on both paths may point into what either path's reference points into; a local
 * available on one path only is unavailable after the join (locals safety then refuses any read of
 * it), so its reference is released rather than kept borrowing. Returns whether `into` changed.
 */
function joinInto(into: bigint[], incoming: readonly bigint[], L: number): boolean {
  let changed = false;
  for (let i = 0; i < L; i++) {
    const id = into[L + i]!;
    if (id === 0n) continue;
    if (incoming[L + i] === 0n) {
      into[i] = 0n;
      into[L + i] = 0n;
      changed = true;
      continue;
    }
    const roots = into[i]! | incoming[i]!;
    if (roots !== into[i]) {
      into[i] = roots;
      changed = true;
    }
  }
  return changed;
}

/**
 * Renames every live reference compactly, in place: local i's reference gets id i, the stack
 * entry k's id L + k; ids of references no longer alive are dropped from every root set (nothing
 * can borrow from a dead reference). Keeps the bit sets as wide as the live references, so the
 * check stays linear in the code size (move-bytecode-verifier canonicalizes its borrow graph at
 * block boundaries the same way). Returns the next free reference index.
 */
function renumberReferences(
  refBase: number,
  state: bigint[],
  stackRoots: bigint[],
  stackIds: bigint[],
): number {
  const L = state.length / 2;
  const olds: bigint[] = [];
  const news: bigint[] = [];
  for (let i = 0; i < L; i++) {
    if (state[L + i] !== 0n) {
      olds.push(state[L + i]!);
      news.push(refBit(refBase, i));
    }
  }
  for (let k = 0; k < stackIds.length; k++) {
    if (stackIds[k] !== 0n) {
      olds.push(stackIds[k]!);
      news.push(refBit(refBase, L + k));
    }
  }
  if (olds.length === 0) {
    // No live reference: nothing can be borrowed from, so no root set names a reference id.
    for (let i = 0; i < L; i++) state[i] = 0n;
    for (let k = 0; k < stackRoots.length; k++) stackRoots[k] = 0n;
    return L + stackIds.length;
  }
  const low = (1n << BigInt(refBase)) - 1n;
  const rename = (r: bigint): bigint => {
    if (r === 0n) return 0n;
    let out = r & low;
    for (let j = 0; j < olds.length; j++) if ((r & olds[j]!) !== 0n) out |= news[j]!;
    return out;
  };
  for (let i = 0; i < L; i++) {
    state[i] = rename(state[i]!);
    if (state[L + i] !== 0n) state[L + i] = refBit(refBase, i);
  }
  for (let k = 0; k < stackIds.length; k++) {
    stackRoots[k] = rename(stackRoots[k]!);
    if (stackIds[k] !== 0n) stackIds[k] = refBit(refBase, L + k);
  }
  return L + stackIds.length;
}

/** Fresh reference ids a block may create before the live ones are renumbered. */
const RENUMBER_SLACK = 256;
const globalBit = (def: number): bigint => 1n << BigInt(257 + def);

/** Function definitions by handle, to find what a same-module callee acquires. */
const definitionsByHandle = new WeakMap<CompiledModule, Map<number, number[]>>();
function acquiresOf(module: CompiledModule, handle: number): readonly number[] {
  let map = definitionsByHandle.get(module);
  if (!map) {
    map = new Map(module.functionDefs.map((d) => [d.handle, d.acquires]));
    definitionsByHandle.set(module, map);
  }
  return map.get(handle) ?? [];
}

const isRef = (t: SignatureToken): boolean => t.kind === 'ref' || t.kind === 'mutref';

/** First bit of the reference ids, past the local and global-resource roots. */
const refBaseOf = (ctx: FunctionContext): number =>
  257 + (ctx.unit.kind === 'module' ? (ctx.unit as CompiledModule).structDefs.length : 0);

/**
 * Abstract interpretation of one basic block from an empty stack; updates the locals' state in
 * place. A reference is identified by the instruction that created it (and its result position),
 * and its roots include the ids of the references it was derived from, so "r is borrowed" means
 * some live reference has r's id among its roots.
 */
function checkBlock(ctx: FunctionContext, block: Block, state: bigint[], facts: FunctionFacts): void {
  const L = ctx.locals.length;
  const localRoots = state;
  const { unit, code } = ctx;
  const instrs = code.code;
  const where = (offset: number) => ({ fn: ctx.name, offset });
  const intKinds = facts.intKinds;
  const stack: SignatureToken[] = [];
  const roots: bigint[] = [];
  const ids: bigint[] = [];
  /** Roots and reference id of the value the last `pop()` removed. */
  let popped = 0n;
  let poppedId = 0n;
  const module = unit.kind === 'module' ? (unit as CompiledModule) : undefined;
  const refBase = refBaseOf(ctx);
  /** Roots a returned reference must not have: locals (bits 0–255) and global resources. */
  const localOrGlobal = ((1n << BigInt(refBase)) - 1n) & ~ROOT_PARAM;
  /** Index of the next fresh reference id; the entry state is canonical (local i's is i). */
  let nextRef = L;
  const refId = (): bigint => refBit(refBase, nextRef++);

  let pc = block.start;
  let ins = instrs[pc]!;
  const fail = (status: string, message: string): never => {
    throw verifyError(status, message, where(pc));
  };
  const pop = (): SignatureToken => {
    popped = roots.pop() ?? 0n;
    poppedId = ids.pop() ?? 0n;
    return (
      stack.pop() ??
      fail('NEGATIVE_STACK_SIZE_WITHIN_BLOCK', `${opcodeInfo(ins.op)!.name} pops an empty stack`)
    );
  };
  const push = (t: SignatureToken, root = 0n, id = 0n): void => {
    stack.push(t);
    roots.push(root);
    ids.push(id);
    if (stack.length > facts.maxStack) facts.maxStack = stack.length;
  };
  /** Pushes a new reference derived from `parentRoots`. */
  const pushRef = (t: SignatureToken, parentRoots: bigint): void => {
    const id = refId();
    push(t, parentRoots | id, id);
  };
  type Held = readonly [SignatureToken, bigint];
  /** Whether a live reference (stack, locals unless at return, `extra`) is derived from reference `id`. */
  const borrowsFrom = (
    id: bigint,
    mutableOnly: boolean,
    extra: readonly Held[] = [],
    locals = true,
  ): boolean => {
    if (id === 0n) return false;
    const hit = (t: SignatureToken, r: bigint): boolean =>
      (r & id) !== 0n && (!mutableOnly || t.kind === 'mutref');
    if (stack.some((t, k) => hit(t, roots[k]!)) || extra.some(([t, r]) => hit(t, r))) return true;
    return locals && ctx.locals.some((t, j) => hit(t, localRoots[j]!));
  };
  /** Whether a live reference (on the stack or in a local) may point into local `i`. */
  const borrowed = (i: number, mutableOnly: boolean): boolean => borrowedRoot(localBit(i), mutableOnly);
  /** Whether a live reference may point into the root `bit` (a local or a global resource type). */
  const borrowedRoot = (bit: bigint, mutableOnly: boolean): boolean => {
    const hit = (r: bigint, t: SignatureToken): boolean =>
      (r & bit) !== 0n && (!mutableOnly || t.kind === 'mutref');
    return stack.some((t, k) => hit(roots[k]!, t)) || ctx.locals.some((t, j) => hit(localRoots[j]!, t));
  };
  const abilities = (t: SignatureToken): number => abilitiesOf(unit, t, ctx.typeParams);
  const expect = (got: SignatureToken, want: SignatureToken, status: string, what: string): void => {
    if (!sameType(got, want))
      fail(status, `${what}: expected ${formatToken(unit, want)}, got ${formatToken(unit, got)}`);
  };
  const popInt = (status: string): number => {
    const t = pop();
    const k = INT_KIND_BY_NAME[t.kind];
    if (k === undefined) fail(status, `expected an integer, got ${formatToken(unit, t)}`);
    return k!;
  };
  const structOf = (
    defIndex: number,
    generic: boolean,
  ): { type: SignatureToken; fields: SignatureToken[]; def: number } => {
    if (!module) throw verifyError('INVALID_OPERATION_IN_SCRIPT', 'struct operation in a script', where(pc));
    let def = defIndex;
    let args: SignatureToken[] = [];
    if (generic) {
      const inst = module.structDefInstantiations[defIndex]!;
      def = inst.target;
      args = module.signatures[inst.typeParameters]!;
    }
    const sd = module.structDefs[def]!;
    const handle = module.structHandles[sd.handle]!;
    if (generic) checkStructInst(def, module.structDefInstantiations[defIndex]!.typeParameters);
    if (generic !== handle.typeParameters.length > 0) {
      fail('GENERIC_MEMBER_OPCODE_MISMATCH', 'generic/non-generic struct opcode mismatch');
    }
    const type: SignatureToken = generic
      ? { kind: 'structInst', handle: sd.handle, args }
      : { kind: 'struct', handle: sd.handle };
    return { type, fields: (sd.fields ?? []).map((f) => substitute(f.type, args)), def };
  };
  const checkStructInst = (def: number, sigIndex: number): void => {
    const handle = module!.structHandles[module!.structDefs[def]!.handle]!;
    checkInstantiation(
      unit,
      sigIndex,
      handle.typeParameters.map((p) => p.constraints),
      ctx.typeParams,
    );
  };
  const vecElem = (): SignatureToken => {
    const sig = unit.signatures[ins.a]!;
    if (sig.length !== 1) fail('NUMBER_OF_TYPE_ARGUMENTS_MISMATCH', 'vector instruction needs one type');
    checkToken(unit, sig[0]!, ctx.typeParams, false);
    return sig[0]!;
  };
  const popVecRef = (mutable: boolean): SignatureToken => {
    const elem = vecElem();
    const r = pop();
    if (r.kind !== 'mutref' && (mutable || r.kind !== 'ref'))
      fail('TYPE_MISMATCH', `expected a ${mutable ? 'mutable ' : ''}reference to a vector`);
    expect(
      (r as { inner: SignatureToken }).inner,
      { kind: 'vector', elem },
      'TYPE_MISMATCH',
      'vector reference',
    );
    return elem;
  };
  // Acquires annotations are checked by acquires.ts.
  // Borrowing or moving a resource type while a reference into it is live is a
  // GLOBAL_REFERENCE_ERROR (reference_safety `borrow_global`, `move_from`).
  const globalAccess = (generic: boolean, conflict?: 'any' | 'mutable'): SignatureToken => {
    const s = structOf(ins.a, generic);
    if (!has(abilities(s.type), Ability.Key))
      fail('MISSING_KEY_ABILITY', `${formatToken(unit, s.type)} has no key ability`);
    if (conflict && borrowedRoot(globalBit(s.def), conflict === 'mutable')) {
      fail('GLOBAL_REFERENCE_ERROR', `${formatToken(unit, s.type)} is borrowed`);
    }
    globalRoot = globalBit(s.def);
    return s.type;
  };
  let globalRoot = 0n;

  for (pc = block.start; pc <= block.end; pc++) {
    ins = instrs[pc]!;
    if (nextRef > L + stack.length + RENUMBER_SLACK) {
      nextRef = renumberReferences(refBase, state, roots, ids);
    }
    switch (ins.op) {
      case 0x01: {
        // Pop
        const t = pop();
        if (!has(abilities(t), Ability.Drop))
          fail('POP_WITHOUT_DROP_ABILITY', `cannot drop ${formatToken(unit, t)}`);
        break;
      }
      case 0x02: // Ret
        {
          const returned: (readonly [SignatureToken, bigint, bigint])[] = [];
          for (let i = ctx.returns.length - 1; i >= 0; i--) {
            const t = pop();
            expect(t, ctx.returns[i]!, 'RET_TYPE_MISMATCH_ERROR', 'return value');
            if ((popped & localOrGlobal) !== 0n) {
              fail(
                'UNSAFE_RET_LOCAL_OR_RESOURCE_STILL_BORROWED',
                `return value ${i} borrows a local or global storage`,
              );
            }
            returned.push([t, popped, poppedId]);
          }
          // Locals die at return; a returned `&mut` must not be borrowed by another returned value.
          for (const [t, , id] of returned) {
            const others = returned.filter((o) => o[2] !== id).map(([ot, r]) => [ot, r] as const);
            if (t.kind === 'mutref' && borrowsFrom(id, false, others, false)) {
              fail('RET_BORROWED_MUTABLE_REFERENCE_ERROR', 'a returned mutable reference is borrowed');
            }
          }
        }
        if (stack.length !== 0)
          fail('POSITIVE_STACK_SIZE_AT_BLOCK_END', 'values left on the stack at return');
        break;
      case 0x03: // BrTrue
      case 0x04: // BrFalse
        expect(pop(), BOOL, 'BR_TYPE_MISMATCH_ERROR', 'branch condition');
        break;
      case 0x05: // Branch
      case 0x28: // Nop
        break;
      case 0x06:
      case 0x31:
      case 0x32:
      case 0x48:
      case 0x49:
      case 0x4a:
        push(intType(LOAD_KIND.get(ins.op)!));
        break;
      case 0x07: // LdConst
        push(unit.constantPool[ins.a]!.type);
        break;
      case 0x08: // LdTrue
      case 0x09: // LdFalse
        push(BOOL);
        break;
      case 0x0a: {
        // CopyLoc
        const t = ctx.locals[ins.a]!;
        if (!has(abilities(t), Ability.Copy))
          fail('COPYLOC_WITHOUT_COPY_ABILITY', `cannot copy ${formatToken(unit, t)}`);
        if (!isRef(t) && borrowed(ins.a, true))
          fail('COPYLOC_EXISTS_BORROW_ERROR', `local ${ins.a} is mutably borrowed`);
        // A copied reference is a new reference borrowing from the original.
        if (isRef(t)) pushRef(t, localRoots[ins.a]! | state[L + ins.a]!);
        else push(t);
        break;
      }
      case 0x0b: {
        // MoveLoc: a moved-out reference no longer borrows anything from here.
        const t = ctx.locals[ins.a]!;
        if (!isRef(t) && borrowed(ins.a, false))
          fail('MOVELOC_EXISTS_BORROW_ERROR', `local ${ins.a} is borrowed`);
        push(t, localRoots[ins.a], state[L + ins.a]);
        localRoots[ins.a] = 0n;
        state[L + ins.a] = 0n;
        break;
      }
      case 0x0c: // StLoc
        expect(pop(), ctx.locals[ins.a]!, 'STLOC_TYPE_MISMATCH_ERROR', `store to local ${ins.a}`);
        if (!isRef(ctx.locals[ins.a]!) && borrowed(ins.a, false)) {
          fail('STLOC_UNSAFE_TO_DESTROY_ERROR', `local ${ins.a} is borrowed`);
        }
        localRoots[ins.a] = popped;
        state[L + ins.a] = poppedId;
        break;
      case 0x0d: // MutBorrowLoc
      case 0x0e: {
        // ImmBorrowLoc
        const t = ctx.locals[ins.a]!;
        if (t.kind === 'ref' || t.kind === 'mutref')
          fail('BORROWLOC_REFERENCE_ERROR', 'cannot borrow a reference local');
        if (ins.op === 0x0e && borrowed(ins.a, true)) {
          fail('BORROWLOC_EXISTS_BORROW_ERROR', `local ${ins.a} is mutably borrowed`);
        }
        pushRef({ kind: ins.op === 0x0d ? 'mutref' : 'ref', inner: t }, localBit(ins.a));
        break;
      }
      case 0x0f: // MutBorrowField
      case 0x10: // ImmBorrowField
      case 0x36: // MutBorrowFieldGeneric
      case 0x37: {
        // ImmBorrowFieldGeneric
        if (!module) throw verifyError('INVALID_OPERATION_IN_SCRIPT', 'field borrow in a script', where(pc));
        const generic = ins.op === 0x36 || ins.op === 0x37;
        const mutable = ins.op === 0x0f || ins.op === 0x36;
        const fi = generic ? module.fieldInstantiations[ins.a]! : undefined;
        const fh = module.fieldHandles[fi ? fi.target : ins.a]!;
        if (fi) checkStructInst(fh.owner, fi.typeParameters);
        const owner = fi ? structOfInst(module, fh.owner, fi.typeParameters) : structOf(fh.owner, false);
        const r = pop();
        const root = popped;
        if (r.kind !== 'mutref' && (mutable || r.kind !== 'ref')) {
          fail('BORROWFIELD_TYPE_MISMATCH_ERROR', 'field borrow needs a struct reference');
        }
        expect(
          (r as { inner: SignatureToken }).inner,
          owner.type,
          'BORROWFIELD_TYPE_MISMATCH_ERROR',
          'field borrow',
        );
        pushRef({ kind: mutable ? 'mutref' : 'ref', inner: owner.fields[fh.field]! }, root);
        break;
      }
      case 0x11: // Call
      case 0x38: {
        // CallGeneric
        let handleIndex = ins.a;
        let args: SignatureToken[] = [];
        if (ins.op === 0x38) {
          const fi = unit.functionInstantiations[ins.a]!;
          handleIndex = fi.target;
          args = unit.signatures[fi.typeParameters]!;
          checkInstantiation(
            unit,
            fi.typeParameters,
            unit.functionHandles[handleIndex]!.typeParameters,
            ctx.typeParams,
          );
        }
        const handle = unit.functionHandles[handleIndex]!;
        if (module && handle.module === module.selfModuleHandle) {
          for (const def of acquiresOf(module, handleIndex)) {
            if (borrowedRoot(globalBit(def), false)) {
              fail(
                'GLOBAL_REFERENCE_ERROR',
                `the callee acquires struct definition ${def}, which is borrowed`,
              );
            }
          }
        }
        if ((ins.op === 0x38) !== handle.typeParameters.length > 0) {
          fail('GENERIC_MEMBER_OPCODE_MISMATCH', 'generic/non-generic call opcode mismatch');
        }
        const params = unit.signatures[handle.parameters]!;
        // A returned `&mut` may point into what the `&mut` arguments point into, a returned `&`
        // into what any reference argument points into (reference_safety `call`).
        let argRoots = 0n;
        let mutArgRoots = 0n;
        const passed: (readonly [SignatureToken, bigint, bigint])[] = [];
        for (let i = params.length - 1; i >= 0; i--) {
          const t = pop();
          expect(t, substitute(params[i]!, args), 'CALL_TYPE_MISMATCH_ERROR', `argument ${i}`);
          argRoots |= popped;
          if (t.kind === 'mutref') mutArgRoots |= popped;
          passed.push([t, popped, poppedId]);
        }
        // A `&mut` argument must not be borrowed by anything still live, other arguments included.
        for (const [t, , id] of passed) {
          const others = passed.filter((o) => o[2] !== id).map(([ot, r]) => [ot, r] as const);
          if (t.kind === 'mutref' && borrowsFrom(id, false, others)) {
            fail('CALL_BORROWED_MUTABLE_REFERENCE_ERROR', 'a mutable reference argument is borrowed');
          }
        }
        unit.signatures[handle.returns]!.forEach((r) => {
          const t = substitute(r, args);
          if (r.kind === 'mutref') pushRef(t, mutArgRoots);
          else if (r.kind === 'ref') pushRef(t, argRoots);
          else push(t);
        });
        break;
      }
      case 0x12: // Pack
      case 0x39: {
        // PackGeneric
        const s = structOf(ins.a, ins.op === 0x39);
        if (module!.structDefs[s.def]!.fields === undefined)
          fail('PACK_TYPE_MISMATCH_ERROR', 'cannot pack a native struct');
        for (let i = s.fields.length - 1; i >= 0; i--)
          expect(pop(), s.fields[i]!, 'PACK_TYPE_MISMATCH_ERROR', `field ${i}`);
        push(s.type);
        break;
      }
      case 0x13: // Unpack
      case 0x3a: {
        // UnpackGeneric
        const s = structOf(ins.a, ins.op === 0x3a);
        expect(pop(), s.type, 'UNPACK_TYPE_MISMATCH_ERROR', 'unpack');
        for (const f of s.fields) push(f);
        break;
      }
      case 0x14: {
        // ReadRef
        const r = pop();
        if (r.kind !== 'ref' && r.kind !== 'mutref')
          throw verifyError('READREF_TYPE_MISMATCH_ERROR', 'ReadRef needs a reference', where(pc));
        if (!has(abilities(r.inner), Ability.Copy))
          fail('READREF_WITHOUT_COPY_ABILITY', `cannot copy ${formatToken(unit, r.inner)}`);
        if (borrowsFrom(poppedId, true))
          fail('READREF_EXISTS_MUTABLE_BORROW_ERROR', 'the reference is mutably borrowed');
        push(r.inner);
        break;
      }
      case 0x15: {
        // WriteRef
        const r = pop();
        if (borrowsFrom(poppedId, false)) fail('WRITEREF_EXISTS_BORROW_ERROR', 'the reference is borrowed');
        const v = pop();
        if (r.kind !== 'mutref')
          throw verifyError(
            'WRITEREF_NO_MUTABLE_REFERENCE_ERROR',
            'WriteRef needs a mutable reference',
            where(pc),
          );
        expect(v, r.inner, 'WRITEREF_TYPE_MISMATCH_ERROR', 'written value');
        if (!has(abilities(r.inner), Ability.Drop))
          fail('WRITEREF_WITHOUT_DROP_ABILITY', `cannot overwrite ${formatToken(unit, r.inner)}`);
        break;
      }
      case 0x2e: {
        // FreezeRef
        const r = pop();
        if (r.kind !== 'mutref')
          throw verifyError(
            'FREEZEREF_TYPE_MISMATCH_ERROR',
            'FreezeRef needs a mutable reference',
            where(pc),
          );
        if (borrowsFrom(poppedId, true)) {
          fail('FREEZEREF_EXISTS_MUTABLE_BORROW_ERROR', 'the reference is mutably borrowed');
        }
        pushRef({ kind: 'ref', inner: r.inner }, popped);
        break;
      }
      case 0x16: // Add
      case 0x17: // Sub
      case 0x18: // Mul
      case 0x19: // Mod
      case 0x1a: // Div
      case 0x1b: // BitOr
      case 0x1c: // BitAnd
      case 0x1d: {
        // Xor
        const b = pop();
        const a = pop();
        const k = INT_KIND_BY_NAME[a.kind];
        if (k === undefined || a.kind !== b.kind)
          fail(
            'INTEGER_OP_TYPE_MISMATCH_ERROR',
            `${opcodeInfo(ins.op)!.name} on ${formatToken(unit, a)} and ${formatToken(unit, b)}`,
          );
        intKinds[pc] = k!;
        push(a);
        break;
      }
      case 0x2f: // Shl
      case 0x30: {
        // Shr
        expect(pop(), U8, 'INTEGER_OP_TYPE_MISMATCH_ERROR', 'shift amount');
        const a = stack[stack.length - 1];
        intKinds[pc] = popInt('INTEGER_OP_TYPE_MISMATCH_ERROR');
        push(a!);
        break;
      }
      case 0x1e: // Or
      case 0x1f: // And
        expect(pop(), BOOL, 'BOOLEAN_OP_TYPE_MISMATCH_ERROR', 'boolean operand');
        expect(pop(), BOOL, 'BOOLEAN_OP_TYPE_MISMATCH_ERROR', 'boolean operand');
        push(BOOL);
        break;
      case 0x20: // Not
        expect(pop(), BOOL, 'BOOLEAN_OP_TYPE_MISMATCH_ERROR', 'boolean operand');
        push(BOOL);
        break;
      case 0x21: // Eq
      case 0x22: {
        // Neq
        const b = pop();
        const bId = poppedId;
        const a = pop();
        // Comparing references reads through them.
        if (borrowsFrom(bId, true) || borrowsFrom(poppedId, true)) {
          fail('READREF_EXISTS_MUTABLE_BORROW_ERROR', 'a compared reference is mutably borrowed');
        }
        expect(a, b, 'EQUALITY_OP_TYPE_MISMATCH_ERROR', 'equality operands');
        if (!has(abilities(a), Ability.Drop))
          fail('EQUALITY_OP_TYPE_MISMATCH_ERROR', `cannot compare ${formatToken(unit, a)} (no drop)`);
        push(BOOL);
        break;
      }
      case 0x23: // Lt
      case 0x24: // Gt
      case 0x25: // Le
      case 0x26: {
        // Ge
        const b = popInt('INTEGER_OP_TYPE_MISMATCH_ERROR');
        const a = popInt('INTEGER_OP_TYPE_MISMATCH_ERROR');
        if (a !== b) fail('INTEGER_OP_TYPE_MISMATCH_ERROR', 'comparison of different integer types');
        intKinds[pc] = a;
        push(BOOL);
        break;
      }
      case 0x27: // Abort
        expect(pop(), U64, 'ABORT_TYPE_MISMATCH_ERROR', 'abort code');
        if (stack.length !== 0) fail('POSITIVE_STACK_SIZE_AT_BLOCK_END', 'values left on the stack at abort');
        break;
      case 0x29: // Exists
      case 0x3b: // ExistsGeneric
        expect(pop(), ADDRESS, 'EXISTS_RESOURCE_TYPE_MISMATCH_ERROR', 'exists address');
        globalAccess(ins.op === 0x3b);
        push(BOOL);
        break;
      case 0x2a: // MutBorrowGlobal
      case 0x2b: // ImmBorrowGlobal
      case 0x3c: // MutBorrowGlobalGeneric
      case 0x3d: {
        // ImmBorrowGlobalGeneric
        expect(pop(), ADDRESS, 'BORROWGLOBAL_TYPE_MISMATCH_ERROR', 'borrow_global address');
        const mutable = ins.op === 0x2a || ins.op === 0x3c;
        const t = globalAccess(ins.op >= 0x3c, mutable ? 'any' : 'mutable');
        pushRef({ kind: mutable ? 'mutref' : 'ref', inner: t }, globalRoot);
        break;
      }
      case 0x2c: // MoveFrom
      case 0x3e: // MoveFromGeneric
        expect(pop(), ADDRESS, 'MOVEFROM_TYPE_MISMATCH_ERROR', 'move_from address');
        push(globalAccess(ins.op === 0x3e, 'any'));
        break;
      case 0x2d: // MoveTo
      case 0x3f: {
        // MoveToGeneric
        const t = globalAccess(ins.op === 0x3f);
        expect(pop(), t, 'MOVETO_TYPE_MISMATCH_ERROR', 'move_to value');
        expect(
          pop(),
          { kind: 'ref', inner: { kind: 'signer' } },
          'MOVETO_TYPE_MISMATCH_ERROR',
          'move_to signer',
        );
        break;
      }
      case 0x33:
      case 0x34:
      case 0x35:
      case 0x4b:
      case 0x4c:
      case 0x4d:
        popInt('INTEGER_OP_TYPE_MISMATCH_ERROR');
        push(intType(CAST_KIND.get(ins.op)!));
        break;
      case 0x40: {
        // VecPack
        const elem = vecElem();
        for (let i = 0; i < (ins.count ?? 0); i++) expect(pop(), elem, 'TYPE_MISMATCH', 'vector element');
        push({ kind: 'vector', elem });
        break;
      }
      case 0x41: // VecLen
        popVecRef(false);
        push(U64);
        break;
      case 0x42: // VecImmBorrow
      case 0x43: {
        // VecMutBorrow
        expect(pop(), U64, 'TYPE_MISMATCH', 'vector index');
        const mutable = ins.op === 0x43;
        const elem = popVecRef(mutable);
        pushRef({ kind: mutable ? 'mutref' : 'ref', inner: elem }, popped);
        break;
      }
      case 0x44: {
        // VecPushBack
        const v = pop();
        expect(v, popVecRef(true), 'TYPE_MISMATCH', 'pushed element');
        break;
      }
      case 0x45: // VecPopBack
        push(popVecRef(true));
        break;
      case 0x46: {
        // VecUnpack
        const elem = vecElem();
        expect(pop(), { kind: 'vector', elem }, 'TYPE_MISMATCH', 'unpacked vector');
        // More values than the runtime operand stack holds could never run.
        if ((ins.count ?? 0) > OPERAND_STACK_LIMIT)
          fail('VALUE_STACK_PUSH_OVERFLOW', `VecUnpack of ${ins.count}`);
        for (let i = 0; i < (ins.count ?? 0); i++) push(elem);
        break;
      }
      case 0x47: // VecSwap
        expect(pop(), U64, 'TYPE_MISMATCH', 'swap index');
        expect(pop(), U64, 'TYPE_MISMATCH', 'swap index');
        popVecRef(true);
        break;
      default:
        fail('UNKNOWN_OPCODE', `opcode 0x${ins.op.toString(16)}`);
    }
  }
  pc = block.end;
  if (stack.length !== 0) {
    fail(
      'POSITIVE_STACK_SIZE_AT_BLOCK_END',
      `${stack.length} values left on the stack at the end of a block`,
    );
  }
}

function structOfInst(
  module: CompiledModule,
  def: number,
  sigIndex: number,
): { type: SignatureToken; fields: SignatureToken[] } {
  const sd = module.structDefs[def]!;
  const args = module.signatures[sigIndex]!;
  return {
    type: { kind: 'structInst', handle: sd.handle, args },
    fields: (sd.fields ?? []).map((f) => substitute(f.type, args)),
  };
}
