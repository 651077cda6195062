/**
 * IR contract → a WebAssembly module for a profile (NEAR, CosmWasm): the compiled functions, the
 * shared runtime library (`runtime-wat.ts`, `memory-runtime.ts`, `wide-runtime.ts`, per-type helpers
 * of `ref-types.ts`), the profile's primitives and entry points, assembled from text by wabt.
 */
import { DecodeError, UnsupportedError } from '@polyvm/core';
import wabtInit from 'wabt';
import { callableFunctions, constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import type { IrType } from '../ir/types.js';
import { cosmwasmProfile } from './cosmwasm-profile.js';
import {
  FunctionCompiler,
  functionSymbol,
  MAX_RETURN_VALUES,
  returnGlobals,
  returnsInGlobals,
} from './function-compiler.js';
import { nativeInt } from './integers.js';
import { readJsonValue } from './json-values.js';
import { memoryFunctions } from './memory-runtime.js';
import { nearProfile } from './near-profile.js';
import type { Method, Profile } from './profile.js';
import { isRef, TypeLib } from './ref-types.js';
import { MEMORY_PAGES, runtimeFunctions, TMP_END } from './runtime-wat.js';
import { StringTable } from './strings.js';
import { treeShake } from './tree-shake.js';
import { WIDE_GLOBALS, wideFunctions } from './wide-runtime.js';

/** wabt's parser is synchronous once its wasm is loaded; loading it once at import keeps `build` sync. */
const wabt = await wabtInit();

const LIMBS = [0, 1, 2, 3];
const W = LIMBS.map((k) => `(global.get $w${k})`);

export interface CompileOptions {
  /** Leave public functions that cannot compile out of the module instead of failing. */
  readonly skipUnsupported?: boolean;
}

export interface SkippedFunction {
  readonly fn: IrFunction;
  readonly error: UnsupportedError;
}

export interface WasmModule {
  readonly wat: string;
  readonly wasm: Uint8Array;
  /** Public functions left out of the module (only with `skipUnsupported`). */
  readonly skipped: readonly SkippedFunction[];
  /** Public functions that are queries (view/pure, not reading msg.sender), by name. */
  readonly queries: ReadonlySet<string>;
}

/** JSON member name of a parameter (unnamed and generated parameters are `arg<i>`). */
export function argName(fn: IrFunction, index: number): string {
  const name = fn.params[index]!.name;
  // Getters' generated parameters (`$arg0`) are not identifiers in the chains' SDKs.
  return name === '' || name.startsWith('$') ? `arg${index}` : name;
}

/** The code that runs `fn` against the JSON arguments object at `$args` and writes its JSON result. */
function method(
  contract: IrContract,
  fn: IrFunction,
  profile: Profile,
  types: TypeLib,
  strings: StringTable,
): Method {
  const name = profile.methodName(fn);
  const argLocals: string[] = [];
  const params = fn.params.map((p, i) => {
    const at = (() => {
      const key = strings.text(profile.fieldName(argName(fn, i)));
      return `(call $find_member (global.get $args) (i32.const ${key.ptr}) (i32.const ${key.len}))`;
    })();
    if (isRef(p.type)) {
      argLocals.push(`$a${i}`);
      return `(local.set $a${i} (call ${types.fn('rd', p.type)} ${at}))`;
    }
    const t = nativeInt(p.type, `parameter ${argName(fn, i)}`);
    if (t.wide) {
      const parts = LIMBS.map((k) => `$a${i}_${k}`);
      argLocals.push(...parts);
      return `${readJsonValue(t, at)} ${parts.map((n, k) => `(local.set ${n} ${W[k]})`).join(' ')}`;
    }
    argLocals.push(`$a${i}`);
    return `(local.set $a${i} ${readJsonValue(t, at)})`;
  });
  const instruction = `(call ${functionSymbol(contract, fn)} ${argLocals.map((n) => `(local.get ${n})`).join(' ')})`;
  // A pending revert becomes the entry point's error result (`Profile.errorResults`).
  const propagate = '(if (global.get $err) (then (return (call $error_result))))';
  const result = fn.returns.length > 0 && !returnsInGlobals(fn) ? '(result i64)' : '';
  // The check runs with the call's result on the stack below it.
  const call = profile.errorResults ? `(block ${result} ${instruction} ${propagate})` : instruction;
  const value = (type: IrType, i: number) =>
    types.writeJson(
      type,
      returnGlobals(i, type)
        .map((g) => `(global.get ${g})`)
        .join(' '),
    );
  const returns = fn.returns.map((r) => r.type);
  const results =
    returns.length === 0
      ? call
      : !returnsInGlobals(fn)
        ? types.writeJson(returns[0]!, call)
        : returns.length === 1
          ? `${call} ${value(returns[0]!, 0)}`
          : `${call} (call $w_byte (i32.const 91)) ${returns
              .map((t, i) => `${i > 0 ? '(call $w_byte (i32.const 44))' : ''} ${value(t, i)}`)
              .join(' ')} (call $w_byte (i32.const 93))`;
  return {
    fn,
    name,
    locals: argLocals.map((n) => `(local ${n} i64)`).join(' '),
    body: `${params.join('\n')}\n${results}`,
    returns: returns.length > 0,
    view: false,
  };
}

/** A NEAR-profile module (see `near-profile.ts`). */
export function compileNear(contract: IrContract, options: CompileOptions = {}): WasmModule {
  return compileModule(contract, nearProfile, options);
}

/** A CosmWasm-profile module (see `cosmwasm-profile.ts`). */
export function compileCosmWasm(contract: IrContract, options: CompileOptions = {}): WasmModule {
  return compileModule(contract, cosmwasmProfile, options);
}

/** Functions whose compiled body, or a body they call, reads `msg.sender`. */
function sendersReaders(contract: IrContract, bodies: ReadonlyMap<IrFunction, string>): Set<IrFunction> {
  const readers = new Set(
    [...bodies].filter(([, body]) => body.includes('(call $sender)')).map(([fn]) => fn),
  );
  for (let changed = true; changed; ) {
    changed = false;
    for (const [fn, body] of bodies) {
      if (readers.has(fn)) continue;
      if ([...readers].some((r) => body.includes(`(call ${functionSymbol(contract, r)} `))) {
        readers.add(fn);
        changed = true;
      }
    }
  }
  return readers;
}

/** Compiles every function; with `skipUnsupported`, public functions that cannot compile are left out. */
export function compileModule(
  contract: IrContract,
  profile: Profile,
  options: CompileOptions = {},
): WasmModule {
  const strings = new StringTable();
  const types = new TypeLib(strings, profile.fieldName);
  const ctor = constructorOf(contract);
  const callable = callableFunctions(contract);
  const bodies = new Map<IrFunction, string>();
  const failed = new Map<IrFunction, UnsupportedError>();
  for (const fn of contract.functions) {
    try {
      bodies.set(fn, new FunctionCompiler(contract, fn, strings, types, profile).compile());
    } catch (error) {
      if (!(error instanceof UnsupportedError)) throw error;
      failed.set(fn, error);
    }
  }
  // A function calling one that failed fails too (to a fixed point).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [fn, body] of bodies) {
      const callee = [...failed.keys()].find((f) => body.includes(`(call ${functionSymbol(contract, f)} `));
      if (callee === undefined) continue;
      failed.set(
        fn,
        new UnsupportedError(`unsupported on wasm: calls ${callee.id}: ${failed.get(callee)!.message}`),
      );
      bodies.delete(fn);
      changed = true;
    }
  }
  const names = new Map<string, number>();
  for (const fn of callable) names.set(fn.name, (names.get(fn.name) ?? 0) + 1);
  const methods = new Map<IrFunction, Method>();
  // A view/pure function is a query, unless it reads msg.sender (a query has no sender).
  const readers = sendersReaders(contract, bodies);
  const isQuery = (fn: IrFunction) =>
    (fn.mutability === 'view' || fn.mutability === 'pure') && !readers.has(fn);
  for (const fn of [ctor, ...callable]) {
    try {
      if (failed.has(fn)) throw failed.get(fn)!;
      if (fn !== ctor && names.get(fn.name)! > 1) {
        throw new UnsupportedError(
          `unsupported on wasm: overloaded function ${fn.signature} (one method per name)`,
        );
      }
      methods.set(fn, { ...method(contract, fn, profile, types, strings), view: isQuery(fn) });
    } catch (error) {
      if (!(error instanceof UnsupportedError)) throw error;
      failed.set(fn, error);
    }
  }
  const skipped = [ctor, ...callable]
    .filter((f) => failed.has(f))
    .map((fn) => ({ fn, error: failed.get(fn)! }));
  if (failed.has(ctor) || (skipped.length > 0 && options.skipUnsupported !== true)) {
    const first = skipped[0]!;
    throw new UnsupportedError(
      `${contract.name}: ${first.fn.signature ?? first.fn.id}: ${first.error.message}` +
        (skipped.length > 1 ? ` (and ${skipped.length - 1} more functions)` : ''),
      { cause: first.error },
    );
  }
  const retGlobals = Array.from(
    { length: MAX_RETURN_VALUES },
    (_, i) =>
      `(global $ret${i} (mut i64) (i64.const 0)) ${LIMBS.map((k) => `(global $ret${i}_${k} (mut i64) (i64.const 0))`).join(' ')}`,
  );
  const entries = profile.entries(
    contract,
    methods.get(ctor)!,
    callable.filter((f) => methods.has(f)).map((f) => methods.get(f)!),
    strings,
  );
  const code = [
    retGlobals.join('\n'),
    '(global $args (mut i32) (i32.const 0))',
    runtimeFunctions(strings, profile.invalidArguments),
    memoryFunctions(strings),
    profile.primitives(strings),
    WIDE_GLOBALS,
    wideFunctions(TMP_END),
    ...bodies.values(),
    types.functions(),
    entries,
  ];
  const wat = treeShake(
    [
      '(module',
      profile.imports(),
      `(memory (export "memory") ${MEMORY_PAGES} ${profile.maxPages})`,
      ...code,
      strings.dataSegment(),
      ')',
    ].join('\n'),
  );
  const queries = new Set([...methods.values()].filter((m) => m.view).map((m) => m.fn.name));
  return { wat, wasm: assemble(wat, contract.name), skipped, queries };
}

export function assemble(wat: string, name: string): Uint8Array {
  let module: ReturnType<typeof wabt.parseWat> | undefined;
  try {
    module = wabt.parseWat(`${name}.wat`, wat, {
      sign_extension: true,
      bulk_memory: true,
      mutable_globals: true,
    });
    module.resolveNames();
    module.validate();
    return new Uint8Array(module.toBinary({ log: false }).buffer);
  } catch (cause) {
    throw new DecodeError(`wasm back end produced invalid text for ${name}: ${(cause as Error).message}`, {
      cause,
    });
  } finally {
    module?.destroy();
  }
}
