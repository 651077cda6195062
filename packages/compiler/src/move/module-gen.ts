/**
 * An IR contract → one Move module (assembler text, then bytecode v6): `State has key` holds every
 * state variable (mappings as `0x1::table::Table` fields) at the publisher's address; each IR function
 * becomes a private `impl_<n>(sender: address, …)`; each public function a `public` wrapper taking
 * `&signer` first (msg.sender = `signer::address_of`); the constructor the `initialize` wrapper, which
 * `move_to`s the zeroed `State` and runs the constructor body.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { assembleToBytes } from '@polyvm/move-lite';
import { callableFunctions, type IrContract, type IrError, type IrFunction } from '../ir/contract.js';
import type { Expr, LValue, Stmt } from '../ir/nodes.js';
import type { IrStructType, IrType } from '../ir/types.js';
import { exprChildren, stmtExprs } from '../ir/walk.js';
import { AbortCodes } from './abort-codes.js';
import { uleb128 } from './bcs.js';
import { fieldName } from './fields.js';
import { FunctionGen, type ModuleContext, zeroInstructions } from './function-gen.js';
import { HELPERS } from './helpers.js';
import type { Place } from './storage-gen.js';
import { holdsTable, moveType, moveValueType, structName } from './types.js';
import { unsupportedOnMove } from './unsupported.js';

/** Aptos/Sui address width; the EVM's 20-byte addresses are left-padded into it. */
export const MOVE_ADDRESS_BYTES = 32;

export interface MoveModule {
  readonly name: string;
  /** Assembler text (move-lite's disassembler syntax): what `--emit asm` prints. */
  readonly asm: string;
  readonly code: Uint8Array;
  /** abort code → the EVM revert data it stands for. */
  readonly aborts: ReadonlyMap<number, Uint8Array>;
  /** IR function id → name of its public Move function (`initialize` for the constructor). */
  readonly entryPoints: ReadonlyMap<string, string>;
  /** abort code → the custom error a site with computed arguments raises (data via the twin). */
  readonly computedAborts: ReadonlyMap<number, IrError>;
  /** IR function id → its public diagnostic twin (`diag_<entry>`), for functions that have one. */
  readonly diagnostics: ReadonlyMap<string, string>;
}

export const INITIALIZE = 'initialize';
/** Event `n` of the contract is emitted as the struct `Event<n>`. */
export const EVENT_PREFIX = 'Event';

export function addressHex(value: bigint): string {
  return value.toString(16).padStart(MOVE_ADDRESS_BYTES * 2, '0');
}

export function compileMoveModule(contract: IrContract, publisher: bigint): MoveModule {
  const constants: string[] = [];
  const constantIndex = new Map<string, number>();
  const addressConstant = (value: bigint): number => {
    const hex = addressHex(value);
    let index = constantIndex.get(hex);
    if (index === undefined) {
      index = constants.length;
      constants.push(`const ${index}: address = 0x${hex}`);
      constantIndex.set(hex, index);
    }
    return index;
  };
  const bytesConstant = (value: Uint8Array): number => {
    const hex = `${bytesToHex(uleb128(value.length))}${bytesToHex(value)}`;
    let index = constantIndex.get(`bytes:${hex}`);
    if (index === undefined) {
      index = constants.length;
      constants.push(`const ${index}: vector<u8> = 0x${hex}`);
      constantIndex.set(`bytes:${hex}`, index);
    }
    return index;
  };
  // Also the event guid: move-lite's event store keys an event by its type tag.
  const emptyBytesConstant = bytesConstant(new Uint8Array());
  const helpers = new Set<keyof typeof HELPERS>();
  const errorStructs = new Map<string, { name: string; fields: string[] }>();
  contract.errors.forEach((error, i) => {
    try {
      const fields = error.params.map((p, f) => `  f${f}: ${moveValueType(p.type)}`);
      errorStructs.set(error.signature, { name: `Err${i}`, fields: ['  code: u64', ...fields] });
    } catch {
      // Errors with types outside the slice are refused where they are raised.
    }
  });
  const diagnosticIds = new Set<string>();
  const pointerReturns = new Map<string, Place>();
  const pointerParams = new Map<string, Place>();
  const writeBacks = mutatedMemoryParams(contract);
  const eventStructs = new Map<string, { name: string; fields: string[] }>();
  contract.events.forEach((event, i) => {
    // Indexed arrays/structs are topic hashes of their in-place ABI encoding: not generated.
    if (event.params.some((p) => p.indexed && (p.type.kind === 'array' || p.type.kind === 'struct'))) return;
    try {
      const fields = event.params.map((p, f) => `  f${f}: ${moveValueType(p.type)}`);
      eventStructs.set(event.signature, { name: `${EVENT_PREFIX}${i}`, fields });
    } catch {
      // Events with types outside the slice are refused where they are emitted.
    }
  });
  const implNames = new Map(contract.functions.map((f, i) => [f.id, `impl_${i}`]));
  const ctx: ModuleContext = {
    contract,
    aborts: new AbortCodes(),
    addressConstant,
    selfConstant: addressConstant(publisher),
    implName: (id) => {
      const name = implNames.get(id);
      if (name === undefined) throw unsupportedOnMove(`call of ${id}`, null);
      return name;
    },
    fieldName: (variable) => `s${variable}`,
    eventGuidConstant: emptyBytesConstant,
    emptyBytesConstant,
    bytesConstant,
    pointerReturn: (id, index) => pointerReturns.get(`${id}#${index}`),
    writeBacks: (id) => writeBacks.get(id) ?? [],
    pointerParam: (id, index) => pointerParams.get(`${id}#${index}`),
    notePointerParam: (id, index, place) => {
      const first = pointerParams.get(`${id}#${index}`);
      if (first !== undefined) return first;
      pointerParams.set(`${id}#${index}`, place);
      return place;
    },
    helper: (name) => {
      helpers.add(name);
      return name;
    },
    hasDiagnostic: (id) => diagnosticIds.has(id),
    diagnosticName: (id) => `diag_${ctx.implName(id)}`,
    errorStruct: (signature) => {
      const struct = errorStructs.get(signature);
      if (struct === undefined)
        throw unsupportedOnMove(`custom error ${signature} (a parameter type outside the slice)`, null);
      return struct.name;
    },
    eventStruct: (signature) => {
      const struct = eventStructs.get(signature);
      if (struct === undefined)
        throw unsupportedOnMove(
          `event ${signature} (anonymous, or a parameter type outside the slice)`,
          null,
        );
      return struct.name;
    },
  };

  const fields = contract.storage.map((v) => {
    try {
      return `  s${v.id}: ${moveType(v.type)}`;
    } catch (error) {
      throw unsupportedOnMove(
        `state variable ${v.name}: ${(error as Error).message.replace(/^unsupported on move: /, '')}`,
        v.loc,
      );
    }
  });
  resolvePointers(contract, ctx, pointerReturns, pointerParams);
  const gens = contract.functions.map((f) => {
    const gen = new FunctionGen(ctx, f);
    gen.generate();
    return gen;
  });
  const acquires = withCallers(
    contract.functions,
    gens,
    contract.functions.filter((_, i) => gens[i]!.touchesState).map((f) => f.id),
  );
  for (const id of withCallers(
    contract.functions,
    gens,
    contract.functions.filter(raisesComputedError).map((f) => f.id),
  ))
    diagnosticIds.add(id);
  const twins = new Map<string, FunctionGen>();
  for (const f of contract.functions) {
    if (!diagnosticIds.has(f.id)) continue;
    const gen = new FunctionGen(ctx, f, true);
    gen.generate();
    twins.set(f.id, gen);
  }

  const entryPoints = new Map<string, string>();
  const wrappers: string[] = [];
  const used = new Set<string>([INITIALIZE]);
  const diagnostics = new Map<string, string>();
  contract.functions.forEach((f, i) => {
    if (f.kind !== 'constructor') return;
    entryPoints.set(f.id, INITIALIZE);
    const prologue = initializerPrologue(gens[i]!, contract.storage.length);
    wrappers.push(
      forwarder('public entry ', INITIALIZE, gens[i]!, implNames.get(f.id)!, acquires.has(f.id), prologue),
    );
    const twin = twins.get(f.id);
    if (twin === undefined) return;
    diagnostics.set(f.id, `diag_${INITIALIZE}`);
    wrappers.push(
      diagnosticForwarder(`diag_${INITIALIZE}`, twin, ctx.diagnosticName(f.id), acquires.has(f.id), prologue),
    );
  });
  for (const f of callableFunctions(contract)) {
    let name = f.name;
    if (used.has(name)) name = `${f.name}_${contract.functions.indexOf(f)}`;
    used.add(name);
    entryPoints.set(f.id, name);
    const i = contract.functions.indexOf(f);
    wrappers.push(wrapper(name, gens[i]!, implNames.get(f.id)!, acquires.has(f.id)));
    const twin = twins.get(f.id);
    if (twin === undefined) continue;
    diagnostics.set(f.id, `diag_${name}`);
    wrappers.push(
      diagnosticForwarder(`diag_${name}`, twin, ctx.diagnosticName(f.id), acquires.has(f.id), []),
    );
  }

  const lines = [
    `module 0x${addressHex(publisher)}::${contract.name}`,
    'import struct 0x1::table::Table<phantom T0: copy + drop, phantom T1> has store',
    'import fun 0x1::table::new<T0: copy + drop, T1: store>(): 0x1::table::Table<T0, T1>',
    'import fun 0x1::table::add<T0: copy + drop, T1>(&mut 0x1::table::Table<T0, T1>, T0, T1)',
    'import fun 0x1::table::borrow<T0: copy + drop, T1>(&0x1::table::Table<T0, T1>, T0): &T1',
    'import fun 0x1::table::borrow_mut<T0: copy + drop, T1>(&mut 0x1::table::Table<T0, T1>, T0): &mut T1',
    'import fun 0x1::table::contains<T0: copy + drop, T1>(&0x1::table::Table<T0, T1>, T0): bool',
    'import fun 0x1::signer::address_of(&signer): address',
    'import fun 0x1::event::write_to_event_store<T0: drop + store>(vector<u8>, u64, T0)',
    'import fun 0x1::bcs::to_bytes<T0>(&T0): vector<u8>',
    'import fun 0x1::aptos_hash::keccak256(vector<u8>): vector<u8>',
    'import fun 0x1::hash::sha2_256(vector<u8>): vector<u8>',
    'import fun 0x2::address::to_u256(address): u256',
    'import fun 0x2::address::from_u256(u256): address',
    'import fun 0x2::tx_context::native_epoch(): u64',
    'import fun 0x2::tx_context::native_epoch_timestamp_ms(): u64',
    ...constants,
    'struct State has key {',
    // Move structs need a field: a stateless contract keeps a placeholder, as the Move compiler does.
    ...(fields.length > 0 ? fields : ['  dummy_field: bool']),
    '}',
    ...[...eventStructs.values()].flatMap((e) => [
      `struct ${e.name} has drop, store {`,
      ...(e.fields.length > 0 ? e.fields : ['  dummy_field: bool']),
      '}',
    ]),
    ...[...errorStructs.values()].flatMap((e) => [`struct ${e.name} has drop {`, ...e.fields, '}']),
    ...structTypes(contract).flatMap(structDefinition),
    ...contract.functions.map((f, i) => implementation(gens[i]!, implNames.get(f.id)!, acquires.has(f.id))),
    ...[...twins].map(([id, twin]) => implementation(twin, ctx.diagnosticName(id), acquires.has(id))),
    ...[...helpers].map((name) => HELPERS[name]),
    ...wrappers,
  ];
  const asm = `${lines.join('\n')}\n`;
  let code: Uint8Array;
  try {
    code = assembleToBytes(asm, { addressWidth: MOVE_ADDRESS_BYTES });
  } catch (error) {
    throw new Error(
      `move: generated assembler for ${contract.name} does not assemble: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return {
    name: contract.name,
    asm,
    code,
    aborts: ctx.aborts.table(),
    computedAborts: ctx.aborts.sites(),
    entryPoints,
    diagnostics,
  };
}

/**
 * The paths storage pointers take across calls, which a function needs before it is generated: what
 * a function returning `S storage` returns (its own binding) and what a `S storage` parameter is
 * called with (its callers' arguments). Functions are generated until no new path is learned; the
 * final pass reports whatever stays unsupported.
 */
function resolvePointers(
  contract: IrContract,
  ctx: ModuleContext,
  returns: Map<string, Place>,
  params: Map<string, Place>,
): void {
  const usesPointers = (f: IrFunction) =>
    f.returns.some((r) => r.location === 'storage') || f.locals.some((l) => l.location === 'storage');
  if (!contract.functions.some(usesPointers)) return;
  let known = -1;
  while (known !== returns.size + params.size) {
    known = returns.size + params.size;
    for (const f of contract.functions) {
      const gen = new FunctionGen(ctx, f);
      try {
        gen.generate();
      } catch {
        continue;
      }
      f.returns.forEach((r, i) => {
        if (r.location === 'storage') returns.set(`${f.id}#${i}`, gen.pointerReturn(f, i));
      });
    }
  }
}

/**
 * The memory array/struct parameters each function mutates: through an element or field assignment
 * rooted at the parameter (or a `T memory b = p` alias of it), or by passing it to a function that
 * mutates that parameter (to a fixpoint over calls). Parameter indices, in order.
 */
function mutatedMemoryParams(contract: IrContract): Map<string, number[]> {
  const result = new Map<string, number[]>();
  let changed = true;
  while (changed) {
    changed = false;
    for (const fn of contract.functions) {
      const params = new Map(
        fn.params.flatMap((p, i) =>
          p.type.kind === 'array' || p.type.kind === 'struct' ? [[p.id, i] as const] : [],
        ),
      );
      if (params.size === 0) continue;
      const alias = new Map<number, number>();
      const root = (id: number): number => alias.get(id) ?? id;
      const placeRoot = (e: Expr | LValue): number | null =>
        e.kind === 'local'
          ? root(e.local)
          : e.kind === 'memoryIndex' || e.kind === 'memoryField'
            ? placeRoot(e.base)
            : null;
      const found = new Set(result.get(fn.id) ?? []);
      const noteCalls = (e: Expr): void => {
        if (e.kind === 'call')
          for (const i of result.get(e.function) ?? []) {
            const arg = e.args[i];
            const r = arg?.kind === 'local' ? root(arg.local) : null;
            if (r !== null && params.has(r)) found.add(params.get(r)!);
          }
        for (const child of exprChildren(e)) noteCalls(child);
      };
      const visit = (body: readonly Stmt[]): void => {
        for (const stmt of body) {
          for (const e of stmtExprs(stmt)) noteCalls(e);
          if (
            stmt.kind === 'let' &&
            stmt.locals.length === 1 &&
            stmt.value?.kind === 'local' &&
            stmt.locals[0] !== null
          )
            alias.set(stmt.locals[0]!, root(stmt.value.local));
          if (stmt.kind === 'assign')
            for (const t of stmt.targets) {
              if (t === null || t.kind === 'local') continue;
              const r = placeRoot(t);
              if (r !== null && params.has(r)) found.add(params.get(r)!);
            }
          if (stmt.kind === 'if') {
            visit(stmt.then);
            visit(stmt.else);
          } else if (stmt.kind === 'loop') {
            visit(stmt.body);
            visit(stmt.update);
          } else if (stmt.kind === 'block') visit(stmt.body);
        }
      };
      visit(fn.body);
      const sorted = [...found].sort((a, b) => a - b);
      if (sorted.length !== (result.get(fn.id) ?? []).length) {
        result.set(fn.id, sorted);
        changed = true;
      }
    }
  }
  return result;
}

/**
 * `seed` and every function that calls one of them, directly or not: the functions that borrow
 * `State` (Move requires exact `acquires` lists) or that can raise a computed custom error.
 */
function withCallers(
  functions: readonly IrFunction[],
  gens: readonly FunctionGen[],
  seed: readonly string[],
): Set<string> {
  const closed = new Set(seed);
  let changed = true;
  while (changed) {
    changed = false;
    functions.forEach((f, i) => {
      if (closed.has(f.id)) return;
      if ([...gens[i]!.callees].some((c) => closed.has(c))) {
        closed.add(f.id);
        changed = true;
      }
    });
  }
  return closed;
}

/** Whether a function's own body has a `revert E(args)` with a computed argument. */
function raisesComputedError(fn: IrFunction): boolean {
  const visit = (body: readonly Stmt[]): boolean =>
    body.some((stmt) => {
      switch (stmt.kind) {
        case 'revert':
          return stmt.reason.kind === 'custom' && stmt.reason.args.some((a) => a.kind !== 'const');
        case 'if':
          return visit(stmt.then) || visit(stmt.else);
        case 'loop':
          return visit(stmt.body) || visit(stmt.update);
        case 'block':
          return visit(stmt.body);
        default:
          return false;
      }
    });
  return visit(fn.body);
}

function header(
  prefix: string,
  name: string,
  params: string[],
  returns: string[],
  acquires: boolean,
): string {
  const ret =
    returns.length === 0 ? '' : returns.length === 1 ? `: ${returns[0]}` : `: (${returns.join(', ')})`;
  return `${prefix}fun ${name}(${params.join(', ')})${ret}${acquires ? ' acquires State' : ''} {`;
}

/** Move's local indices are one byte (`CopyLoc`/`MoveLoc`/`StLoc` take a u8). */
const MAX_LOCALS = 255;

function implementation(gen: FunctionGen, name: string, acquires: boolean): string {
  const count = gen.params().length + gen.locals.length;
  if (count > MAX_LOCALS)
    throw unsupportedOnMove(
      `function ${gen.fn.name} needs ${count} Move locals (at most ${MAX_LOCALS})`,
      gen.fn.loc,
    );
  return [
    header('', name, gen.params(), gen.returns(), acquires),
    ...(gen.locals.length > 0 ? [`  locals ${gen.locals.join(', ')}`] : []),
    ...gen.lines,
    '}',
  ].join('\n');
}

/**
 * A public function taking `&signer` first: `prologue` (the initializer's `move_to`), then
 * msg.sender = `signer::address_of(s)` and the arguments are forwarded to the implementation.
 */
function forwarder(
  prefix: string,
  name: string,
  gen: FunctionGen,
  impl: string,
  acquires: boolean,
  prologue: string[],
): string {
  return [
    header(
      prefix,
      name,
      ['s: &signer', ...gen.params().slice(1)],
      gen.returns().slice(0, gen.valueCount()),
      acquires,
    ),
    ...forwardingCall(gen, impl, prologue),
    // Written-back memory parameters are the caller's business; a transaction has none.
    ...Array.from({ length: gen.resultCount() - gen.valueCount() }, () => '  Pop'),
    '  Ret',
    '}',
  ].join('\n');
}

/** `prologue`, then msg.sender = `signer::address_of(s)` and the arguments, then `Call impl`. */
function forwardingCall(gen: FunctionGen, impl: string, prologue: string[]): string[] {
  return [
    ...prologue,
    '  MoveLoc s',
    '  Call 0x1::signer::address_of',
    ...gen.fn.params.map((p) => `  MoveLoc l${p.id}`),
    `  Call ${impl}`,
  ];
}

function wrapper(name: string, gen: FunctionGen, impl: string, acquires: boolean): string {
  // Aptos entry functions return nothing; value-returning ones stay `public` (callable, view-style).
  const prefix = gen.returns().length === 0 ? 'public entry ' : 'public ';
  return forwarder(prefix, name, gen, impl, acquires, []);
}

/**
 * `diag_<f>(s, …): vector<u8>`: runs the diagnostic twin and returns only its revert data (empty
 * when the call does not raise a computed custom error). Called read-only, to explain an abort.
 */
function diagnosticForwarder(
  name: string,
  twin: FunctionGen,
  impl: string,
  acquires: boolean,
  prologue: string[],
): string {
  return [
    header('public ', name, ['s: &signer', ...twin.params().slice(1)], ['vector<u8>'], acquires),
    '  locals revert_data: vector<u8>',
    ...forwardingCall(twin, impl, prologue),
    '  StLoc revert_data',
    ...Array.from({ length: twin.resultCount() }, () => '  Pop'),
    '  MoveLoc revert_data',
    '  Ret',
    '}',
  ].join('\n');
}

/** `initialize` first `move_to`s the zeroed `State` under the signer, then runs the constructor body. */
function initializerPrologue(gen: FunctionGen, fieldCount: number): string[] {
  return ['  CopyLoc s', ...zeroState(gen, fieldCount), '  Pack State', '  MoveTo State'];
}

function zeroState(gen: FunctionGen, fieldCount: number): string[] {
  if (fieldCount === 0) return ['  LdFalse'];
  return gen.ctx.contract.storage.flatMap((v) => zeroInstructions(v.type, gen.ctx).map((ins) => `  ${ins}`));
}

/** Every Solidity struct the contract's storage, functions, events and errors use, inner ones too. */
function structTypes(contract: IrContract): IrStructType[] {
  const found = new Map<string, IrStructType>();
  const visit = (type: IrType): void => {
    switch (type.kind) {
      case 'struct':
        if (found.has(type.name)) return;
        found.set(type.name, type);
        for (const f of type.fields) visit(f.type);
        return;
      case 'array':
        visit(type.element);
        return;
      case 'mapping':
        visit(type.key);
        visit(type.value);
        return;
      default:
        return;
    }
  };
  for (const v of contract.storage) visit(v.type);
  for (const f of contract.functions) for (const l of f.locals) visit(l.type);
  for (const e of contract.events) for (const p of e.params) visit(p.type);
  for (const e of contract.errors) for (const p of e.params) visit(p.type);
  return [...found.values()];
}

/** A Solidity struct as a Move struct: `copy, drop, store` unless a table inside allows only `store`. */
function structDefinition(type: IrStructType): string[] {
  const abilities = holdsTable(type) ? 'store' : 'copy, drop, store';
  const fields = type.fields.map((f) => `  ${fieldName(f.name)}: ${moveType(f.type)}`);
  return [`struct ${structName(type)} has ${abilities} {`, ...fields, '}'];
}
