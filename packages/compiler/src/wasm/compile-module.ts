/**
 * IR contract → a NEAR-profile WebAssembly module: one exported method per public function (near-sdk
 * conventions: JSON object arguments by parameter name, JSON result), `new` for the constructor, the
 * runtime library of `runtime-wat.ts`, assembled from text by wabt.
 */
import { DecodeError, UnsupportedError } from '@polyvm/core';
import wabtInit from 'wabt';
import { callableFunctions, constructorOf, type IrContract, type IrFunction } from '../ir/contract.js';
import { FunctionCompiler, functionSymbol, returnGlobals, returnsInGlobals } from './function-compiler.js';
import { maxValue, minValue, type NativeInt, nativeInt, outOfRangeWide } from './integers.js';
import { writeJsonValue } from './json-values.js';
import { KEY, MEMORY_PAGES, NEAR_IMPORTS, runtimeFunctions, SCRATCH, TMP_END } from './runtime-wat.js';
import { StringTable } from './strings.js';
import { WIDE_GLOBALS, wideFunctions } from './wide-runtime.js';

/** wabt's parser is synchronous once its wasm is loaded; loading it once at import keeps `build` sync. */
const wabt = await wabtInit();

/** The init method deploy calls (near-sdk's `#[init]` convention is `new`). */
export const CONSTRUCTOR_METHOD = 'new';
const MAX_RETURN_VALUES = 8;

export interface SkippedFunction {
  readonly fn: IrFunction;
  readonly error: UnsupportedError;
}

export interface NearModule {
  readonly wat: string;
  readonly wasm: Uint8Array;
  /** Public functions left out of the module (only with `skipUnsupported`). */
  readonly skipped: readonly SkippedFunction[];
}

/** The exported method name of a public function (its Solidity name; overloads are unsupported). */
export function methodName(fn: IrFunction): string {
  return fn.kind === 'constructor' ? CONSTRUCTOR_METHOD : fn.name;
}

/** JSON member name of a parameter (unnamed parameters are `arg<i>`). */
export function argName(fn: IrFunction, index: number): string {
  return fn.params[index]!.name || `arg${index}`;
}

const LIMBS = [0, 1, 2, 3];
const W = LIMBS.map((k) => `(global.get $w${k})`);

/** Parses a wide argument at `at` into `$w` (range-checked; a bad value panics `invalid arguments`). */
function parseWide(t: NativeInt, at: string): string {
  const nonZero = `(i64.ne (i64.const 0) (i64.or (i64.or ${W[0]} ${W[1]}) (i64.or ${W[2]} ${W[3]})))`;
  if (t.address) return `(call $parse_account ${at})`;
  if (t.fixedBytes !== undefined) return `(call $parse_bytes ${at} (i32.const ${2 * t.fixedBytes}))`;
  if (!t.signed) {
    return `(call $parse_wide ${at})
      (if (i32.or (i32.and (global.get $neg) ${nonZero}) ${outOfRangeWide(t)}) (then (call $bad_args)))`;
  }
  // A negative magnitude may reach 2^255 (int256 min); a positive one must stay below it.
  const above255 = `(i32.and (i64.lt_s ${W[3]} (i64.const 0)) (i32.or (i64.ne ${W[3]} (i64.const 0x8000000000000000)) (i64.ne (i64.const 0) (i64.or ${W[0]} (i64.or ${W[1]} ${W[2]})))))`;
  return `(call $parse_wide ${at})
    (if (global.get $neg)
      (then
        (if ${above255} (then (call $bad_args)))
        (call $sub256 (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) ${W.join(' ')}))
      (else (if (i64.lt_s ${W[3]} (i64.const 0)) (then (call $bad_args)))))
    (if ${outOfRangeWide(t)} (then (call $bad_args)))`;
}

function entry(contract: IrContract, fn: IrFunction, strings: StringTable): string {
  const argLocals: string[] = [];
  const params = fn.params.map((p, i) => {
    const t = nativeInt(p.type, `parameter ${argName(fn, i)}`);
    const name = strings.text(argName(fn, i));
    const at = `(call $find_arg (i32.const ${name.ptr}) (i32.const ${name.len}))`;
    if (t.wide) {
      const parts = LIMBS.map((k) => `$a${i}_${k}`);
      argLocals.push(...parts);
      return `${parseWide(t, at)} ${parts.map((n, k) => `(local.set ${n} ${W[k]})`).join(' ')}`;
    }
    argLocals.push(`$a${i}`);
    if (t.fixedBytes !== undefined) return `${parseWide(t, at)} (local.set $a${i} ${W[0]})`;
    const parse = t.bool
      ? `(call $arg_bool ${at})`
      : t.signed
        ? `(call $arg_int ${at} (i64.const ${minValue(t)}) (i64.const ${maxValue(t)}))`
        : `(call $arg_uint ${at} (i64.const ${maxValue(t)}))`;
    return `(local.set $a${i} ${parse})`;
  });
  if (fn.returns.length > MAX_RETURN_VALUES) {
    throw new UnsupportedError(`unsupported on wasm: more than ${MAX_RETURN_VALUES} return values`);
  }
  const types = fn.returns.map((r, i) => nativeInt(r.type, `return value ${i}`));
  const call = `(call ${functionSymbol(contract, fn)} ${argLocals.map((n) => `(local.get ${n})`).join(' ')})`;
  const value = (t: NativeInt, i: number) =>
    writeJsonValue(
      t,
      returnGlobals(i, t)
        .map((g) => `(global.get ${g})`)
        .join(' '),
    );
  const results =
    types.length === 0
      ? call
      : !returnsInGlobals(fn)
        ? `${writeJsonValue(types[0]!, call)} (call $finish)`
        : types.length === 1
          ? `${call} ${value(types[0]!, 0)} (call $finish)`
          : `${call} (call $w_byte (i32.const 91)) ${types
              .map((t, i) => `${i > 0 ? '(call $w_byte (i32.const 44))' : ''} ${value(t, i)}`)
              .join(' ')} (call $w_byte (i32.const 93)) (call $finish)`;
  const locals = argLocals.map((n) => `(local ${n} i64)`).join(' ');
  const load = fn.params.length > 0 ? '(call $load_input)' : '';
  return `(func (export "${methodName(fn)}") ${locals}\n${load}\n${params.join('\n')}\n${results})`;
}

/** Compiles every function; with `skipUnsupported`, public functions that cannot compile are left out. */
export function compileNear(contract: IrContract, options: { skipUnsupported?: boolean } = {}): NearModule {
  const strings = new StringTable();
  const badArgs = strings.text('invalid arguments');
  const trueFalse = { t: strings.text('true').ptr, f: strings.text('false').ptr };
  const notImplicit = strings.text('msg.sender: the predecessor is not an implicit account');
  const ctor = constructorOf(contract);
  const callable = callableFunctions(contract);
  const bodies = new Map<IrFunction, string>();
  const failed = new Map<IrFunction, UnsupportedError>();
  for (const fn of contract.functions) {
    try {
      bodies.set(fn, new FunctionCompiler(contract, fn, strings).compile());
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
  const entries: string[] = [];
  for (const fn of [ctor, ...callable]) {
    try {
      if (failed.has(fn)) throw failed.get(fn)!;
      if (fn !== ctor && names.get(fn.name)! > 1) {
        throw new UnsupportedError(
          `unsupported on wasm: overloaded function ${fn.signature} (one method per name)`,
        );
      }
      if (fn.name === 'memory') throw new UnsupportedError('unsupported on wasm: a function named memory');
      entries.push(entry(contract, fn, strings));
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
  const wat = [
    '(module',
    NEAR_IMPORTS,
    `(memory (export "memory") ${MEMORY_PAGES} ${MEMORY_PAGES})`,
    retGlobals.join('\n'),
    runtimeFunctions(badArgs, trueFalse),
    WIDE_GLOBALS,
    wideFunctions(SCRATCH, TMP_END, KEY, notImplicit),
    ...bodies.values(),
    ...entries,
    strings.dataSegment(),
    ')',
  ].join('\n');
  return { wat, wasm: assemble(wat, contract.name), skipped };
}

function assemble(wat: string, name: string): Uint8Array {
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
