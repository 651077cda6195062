/**
 * An IR contract → one Move module (assembler text, then bytecode v6): `State has key` holds every
 * state variable (mappings as `0x1::table::Table` fields) at the publisher's address; each IR function
 * becomes a private `impl_<n>(sender: address, …)`; each public function a `public` wrapper taking
 * `&signer` first (msg.sender = `signer::address_of`); the constructor the `initialize` wrapper, which
 * `move_to`s the zeroed `State` and runs the constructor body.
 */
import { assembleToBytes } from '@polyvm/move-lite';
import { callableFunctions, type IrContract, type IrFunction } from '../ir/contract.js';
import { AbortCodes } from './abort-codes.js';
import { FunctionGen, type ModuleContext, zeroInstruction } from './function-gen.js';
import { moveType, moveValueType } from './types.js';
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
}

export const INITIALIZE = 'initialize';
/** Event `n` of the contract is emitted as the struct `Event<n>`. */
export const EVENT_PREFIX = 'Event';

/** `0x1::event` as move-stdlib declares the native move-lite implements (event.move). */
export const EVENT_MODULE = `module 0x1::event
native public fun write_to_event_store<T0: drop + store>(guid: vector<u8>, count: u64, msg: T0)
`;

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
  const eventGuidConstant = constants.length;
  // An empty guid: move-lite's event store keys the event by its type tag.
  constants.push(`const ${eventGuidConstant}: vector<u8> = 0x00`);
  const eventStructs = new Map<string, { name: string; fields: string[] }>();
  contract.events.forEach((event, i) => {
    if (event.anonymous) return;
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
    eventGuidConstant,
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
  const gens = contract.functions.map((f) => {
    const gen = new FunctionGen(ctx, f);
    gen.generate();
    return gen;
  });
  const acquires = acquiringFunctions(contract.functions, gens);

  const entryPoints = new Map<string, string>();
  const wrappers: string[] = [];
  const used = new Set<string>([INITIALIZE]);
  contract.functions.forEach((f, i) => {
    if (f.kind === 'constructor') {
      entryPoints.set(f.id, INITIALIZE);
      wrappers.push(initializer(gens[i]!, implNames.get(f.id)!, acquires.has(f.id), contract.storage.length));
    }
  });
  for (const f of callableFunctions(contract)) {
    let name = f.name;
    if (used.has(name)) name = `${f.name}_${contract.functions.indexOf(f)}`;
    used.add(name);
    entryPoints.set(f.id, name);
    const i = contract.functions.indexOf(f);
    wrappers.push(wrapper(name, gens[i]!, implNames.get(f.id)!, acquires.has(f.id)));
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
    ...contract.functions.map((f, i) => implementation(gens[i]!, implNames.get(f.id)!, acquires.has(f.id))),
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
  return { name: contract.name, asm, code, aborts: ctx.aborts.table(), entryPoints };
}

/** Functions that borrow `State`, directly or through a callee: Move requires exact `acquires` lists. */
function acquiringFunctions(functions: readonly IrFunction[], gens: readonly FunctionGen[]): Set<string> {
  const acquiring = new Set(functions.filter((_, i) => gens[i]!.touchesState).map((f) => f.id));
  let changed = true;
  while (changed) {
    changed = false;
    functions.forEach((f, i) => {
      if (acquiring.has(f.id)) return;
      if ([...gens[i]!.callees].some((c) => acquiring.has(c))) {
        acquiring.add(f.id);
        changed = true;
      }
    });
  }
  return acquiring;
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

function implementation(gen: FunctionGen, name: string, acquires: boolean): string {
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
    header(prefix, name, ['s: &signer', ...gen.params().slice(1)], gen.returns(), acquires),
    ...prologue,
    '  MoveLoc s',
    '  Call 0x1::signer::address_of',
    ...gen.fn.params.map((p) => `  MoveLoc l${p.id}`),
    `  Call ${impl}`,
    '  Ret',
    '}',
  ].join('\n');
}

function wrapper(name: string, gen: FunctionGen, impl: string, acquires: boolean): string {
  // Aptos entry functions return nothing; value-returning ones stay `public` (callable, view-style).
  const prefix = gen.returns().length === 0 ? 'public entry ' : 'public ';
  return forwarder(prefix, name, gen, impl, acquires, []);
}

/** `initialize`: `move_to` the zeroed `State` under the signer, then run the constructor body. */
function initializer(gen: FunctionGen, impl: string, acquires: boolean, fieldCount: number): string {
  const prologue = ['  CopyLoc s', ...zeroState(gen, fieldCount), '  Pack State', '  MoveTo State'];
  return forwarder('public entry ', INITIALIZE, gen, impl, acquires, prologue);
}

function zeroState(gen: FunctionGen, fieldCount: number): string[] {
  if (fieldCount === 0) return ['  LdFalse'];
  return gen.ctx.contract.storage.flatMap((v) => {
    const type = v.type;
    if (type.kind !== 'array') return [`  ${zeroInstruction(type, gen.ctx)}`];
    // A fixed-length array starts as that many zeros; a dynamic one empty.
    const length = type.length ?? 0;
    const zero = `  ${zeroInstruction(type.element, gen.ctx)}`;
    return [...Array.from({ length }, () => zero), `  VecPack<${moveType(type.element)}> ${length}`];
  });
}
