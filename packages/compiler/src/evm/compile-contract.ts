import { UnsupportedError } from '@polyvm/core';
import { callableFunctions, constructorOf, type IrContract, type IrFunction } from '../ir/index.js';
import {
  type AbiSource,
  CALLDATA_REFERENCE_SOURCE,
  CALLDATA_SOURCE,
  decodeTuple,
  MEMORY_SOURCE,
} from './abi-decode.js';
import { encodeTuple } from './abi-encode.js';
import { CodeBuilder, type Label } from './code-builder.js';
import { FREE_POINTER, type FrameLayout, layoutFrames } from './frames.js';
import { FunctionCompiler, FunctionTable } from './function-compiler.js';
import { located } from './located.js';
import { allocate, freePointer } from './memory.js';
import { PanicBlocks } from './panic.js';
import { Subroutines } from './subroutines.js';

export interface EvmProgram {
  /** Init code: runs the constructor (arguments ABI-encoded after it), returns `runtime`. */
  readonly initCode: Uint8Array;
  readonly runtime: Uint8Array;
}

/**
 * polyvm's EVM code generator: IR → init code and runtime code with the Solidity ABI, storage layout,
 * revert data and events of solc's output (gas and code differ: see the package README).
 */
export function compileEvm(contract: IrContract): EvmProgram {
  const frames = layoutFrames(contract);
  const runtime = buildRuntime(contract, frames);
  return { initCode: buildInit(contract, frames, runtime), runtime };
}

function emitFunctions(
  b: CodeBuilder,
  panics: PanicBlocks,
  contract: IrContract,
  frames: FrameLayout,
  table: FunctionTable,
): void {
  const subroutines = new Subroutines(b);
  for (let fn = table.next(); fn !== undefined; fn = table.next()) {
    try {
      new FunctionCompiler(b, panics, contract, subroutines, table, frames, fn).compile();
    } catch (error) {
      throw located(error, fn.loc);
    }
  }
  subroutines.emit();
}

function buildRuntime(contract: IrContract, frames: FrameLayout): Uint8Array {
  const b = new CodeBuilder();
  const panics = new PanicBlocks(b);
  const table = new FunctionTable(b, contract);
  b.push(frames.heapStart).push(FREE_POINTER).op('MSTORE');
  b.push(4).op('CALLDATASIZE').op('LT');
  panics.revertIf();
  b.push(0).op('CALLDATALOAD').push(224).op('SHR');
  const callable = [...callableFunctions(contract)].sort((x, y) => (x.selector! < y.selector! ? -1 : 1));
  const stubs = new Map(callable.map((fn) => [fn, b.newLabel(`abi ${fn.signature}`)]));
  dispatch(b, panics, callable, stubs);
  for (const fn of callable) {
    b.mark(stubs.get(fn)!).op('POP');
    try {
      externalStub(b, panics, table, fn);
    } catch (error) {
      throw located(error, fn.loc);
    }
  }
  emitFunctions(b, panics, contract, frames, table);
  panics.emit();
  return b.build();
}

/** Functions compared one by one below this count; above it the sorted selectors are split in halves. */
const LINEAR_DISPATCH = 4;

/**
 * `[selector]`: jumps to the stub of the matching function (selector still on the stack) or reverts
 * with empty data. Large contracts binary-search the sorted selectors, as solc's dispatcher does.
 */
function dispatch(
  b: CodeBuilder,
  panics: PanicBlocks,
  sorted: readonly IrFunction[],
  stubs: Map<IrFunction, Label>,
): void {
  if (sorted.length > LINEAR_DISPATCH) {
    const half = Math.floor(sorted.length / 2);
    const upper = b.newLabel('dispatch-upper');
    b.push(BigInt(`0x${sorted[half]!.selector}`))
      .dup(2)
      .op('LT')
      .op('ISZERO')
      .jumpIf(upper);
    dispatch(b, panics, sorted.slice(0, half), stubs);
    b.mark(upper);
    dispatch(b, panics, sorted.slice(half), stubs);
    return;
  }
  for (const fn of sorted)
    b.dup(1)
      .push(BigInt(`0x${fn.selector}`))
      .op('EQ')
      .jumpIf(stubs.get(fn)!);
  b.jump(panics.emptyRevert);
}

/** Decodes the call data, calls the function, ABI-encodes its results and RETURNs them. */
function externalStub(b: CodeBuilder, panics: PanicBlocks, table: FunctionTable, fn: IrFunction): void {
  const height = b.height;
  callDecoded(b, panics, table, fn, CALLDATA_SOURCE);
  const results = fn.returns.map((r) => r.type);
  freePointer(b);
  b.dup(1);
  encodeTuple(
    b,
    results,
    results.map((_, i) => height + i),
  ); // [results…, start, end]
  b.dup(2).swap(1).op('SUB').swap(1).op('RETURN');
}

/**
 * Rejects value sent to a non-payable function, runs `prepare`, decodes the ABI arguments from `src`
 * and calls `fn`; its results are left on the stack.
 */
function callDecoded(
  b: CodeBuilder,
  panics: PanicBlocks,
  table: FunctionTable,
  fn: IrFunction,
  src: AbiSource,
  prepare: () => void = () => {},
): void {
  if (fn.mutability !== 'payable') {
    b.op('CALLVALUE');
    panics.revertIf();
  }
  prepare();
  const back = b.newLabel(`return to ABI entry of ${fn.id}`);
  const height = b.height;
  b.pushLabel(back);
  decodeTuple(
    b,
    panics,
    fn.params.map((p) => p.type),
    src,
    (i) =>
      src === CALLDATA_SOURCE && fn.params[i]!.location === 'calldata' ? CALLDATA_REFERENCE_SOURCE : src,
  );
  b.jump(table.entry(fn.id));
  b.setHeight(height + fn.returns.length);
  b.mark(back);
}

function buildInit(contract: IrContract, frames: FrameLayout, runtime: Uint8Array): Uint8Array {
  const b = new CodeBuilder();
  const panics = new PanicBlocks(b);
  const table = new FunctionTable(b, contract);
  const ctor = constructorOf(contract);
  const end = b.newLabel('end of init code', true);
  b.push(frames.heapStart).push(FREE_POINTER).op('MSTORE');
  if (ctor.returns.length > 0) throw new UnsupportedError('evm: constructor with return values');
  callDecoded(b, panics, table, ctor, MEMORY_SOURCE, () => {
    if (ctor.params.length === 0) return;
    // Arguments follow the init code: copy them to memory (start at 0x00, end at 0x20 for the decoder).
    b.pushLabel(end).op('CODESIZE').op('SUB'); // [length]
    b.dup(1);
    allocate(b, panics); // [length, p]
    b.dup(2).pushLabel(end).dup(3).op('CODECOPY');
    b.dup(1).push(0).op('MSTORE').op('ADD').push(0x20).op('MSTORE');
  });
  const code = b.data('runtime', runtime);
  b.push(runtime.length).dup(1).pushLabel(code).push(0).op('CODECOPY').push(0).op('RETURN');
  emitFunctions(b, panics, contract, frames, table);
  panics.emit();
  return b.build(end);
}
