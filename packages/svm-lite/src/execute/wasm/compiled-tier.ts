import type { Executable } from '../../elf/executable.js';
import type { MemoryMap } from '../memory.js';
import { type WasmModule, wasmApi } from './js-api.js';
import { blockAt, FRAME_WORDS, LAYOUT, leadersOf, STATUS_BAIL, translateBlocks } from './translate.js';

/** What the tier needs from the VM it runs for (the interpreter's `Vm`). */
export interface TierVm {
  readonly memory: MemoryMap;
  readonly lo: Int32Array;
  readonly hi: Int32Array;
  readonly frames: Int32Array;
  depth: number;
  pc: number;
  remaining: number;
  /**
   * Runs syscall `index` for the call at `pc` with the meter at `budget` on the register area
   * `words` (r0..r5 as 32-bit halves; r0 comes back there); returns the meter left.
   */
  compiledSyscall(index: number, pc: number, budget: number, words: Int32Array): number;
}

/** Blocks translated per executable at most: with `MAX_BLOCK` this bounds what a program can make us compile. */
export const MAX_COMPILED_BLOCKS = 1024;
/**
 * A rebuild translates every hot block again, so it waits until the hot blocks still interpreted
 * have been entered this many times per block already translated: compile work stays a fixed
 * fraction of the interpreted work it saves, however a program trickles new blocks in.
 */
const REBUILD_RATIO = 8;

const COLD = 0;
const PENDING = 1;
const COMPILED = 2;
const UNTRANSLATABLE = 3;

/** One instance of the current module with its own linear memory (a VM at a time uses it). */
interface Instance {
  readonly run: (pc: number, budget: number, depth: number) => number;
  readonly i32: Int32Array;
  vm: TierVm | undefined;
}

/**
 * The translated tier of one executable (per syscall registry, as call resolution is): counts how
 * often the interpreter reaches each block leader, translates the blocks reached
 * `compileThreshold` times into one WebAssembly module (rebuilt, all hot blocks together, as more
 * become hot), and runs it for a VM from a pool of instances.
 */
export class CompiledTier {
  /** Cost of the translated block starting at each slot; 0 where none starts. */
  readonly entryCost: Int32Array;
  readonly leaders: Uint8Array;
  readonly #executable: Executable;
  readonly #calls: Int32Array;
  readonly #heat: Int32Array;
  readonly #state: Uint8Array;
  readonly #blocks: Array<NonNullable<ReturnType<typeof blockAt>>> = [];
  #pending: Array<NonNullable<ReturnType<typeof blockAt>>> = [];
  #pendingVisits = 0;
  #module: WasmModule | undefined;
  #pages = 1;
  #pool: Instance[] = [];

  constructor(executable: Executable, calls: Int32Array) {
    const { count } = executable.decoded;
    this.#executable = executable;
    this.#calls = calls;
    this.entryCost = new Int32Array(count);
    this.#heat = new Int32Array(count);
    this.#state = new Uint8Array(count);
    this.leaders = leadersOf(executable, calls);
  }

  /**
   * The interpreter reached leader `pc`, which has no translated block (yet); a block becomes hot
   * on its `threshold`-th visit (1: translate on sight and rebuild at once, for tests).
   */
  visit(pc: number, threshold: number): void {
    const state = this.#state[pc]!;
    if (state === UNTRANSLATABLE) return;
    if (state === COLD) {
      if (++this.#heat[pc]! < threshold) return;
      if (this.#blocks.length + this.#pending.length >= MAX_COMPILED_BLOCKS) {
        this.#state[pc] = UNTRANSLATABLE;
        return;
      }
      const block = blockAt(this.#executable, this.#calls, this.leaders, pc);
      if (!block) {
        this.#state[pc] = UNTRANSLATABLE;
        return;
      }
      this.#state[pc] = PENDING;
      this.#pending.push(block);
    }
    const ratio = threshold <= 1 ? 0 : REBUILD_RATIO;
    if (++this.#pendingVisits >= ratio * this.#blocks.length) this.#rebuild();
  }

  #rebuild(): void {
    for (const block of this.#pending) {
      this.#blocks.push(block);
      this.#state[block.start] = COMPILED;
    }
    this.#pending = [];
    this.#pendingVisits = 0;
    const { bytes, memoryPages } = translateBlocks(this.#executable, this.#calls, this.#blocks);
    this.#module = new wasmApi.Module(bytes);
    this.#pages = memoryPages;
    this.#pool = [];
    for (const block of this.#blocks) this.entryCost[block.start] = block.slots.length;
  }

  #instantiate(): Instance {
    const memory = new wasmApi.Memory({ initial: this.#pages });
    const i32 = new Int32Array(memory.buffer);
    // r0..r5 as the 32-bit halves syscalls read (and r0 is written back to), without bigints.
    const words = new Int32Array(memory.buffer, LAYOUT.regs, 12);
    const valueWord = LAYOUT.value >> 2;
    const instance: Instance = { run: () => STATUS_BAIL, i32, vm: undefined };
    // A faulting access returns 0 (the block bails; the interpreter repeats the access and raises
    // the fault itself), so these never throw into WebAssembly.
    const load = (lo: number, hi: number, bytes: number): number => {
      const mem = instance.vm!.memory;
      let at: number;
      try {
        at = mem.translate(lo, hi, bytes, 'load');
      } catch {
        return 0;
      }
      const view = mem.view;
      if (bytes === 8) {
        i32[valueWord] = view.getInt32(at, true);
        i32[valueWord + 1] = view.getInt32(at + 4, true);
      } else {
        i32[valueWord] =
          bytes === 4 ? view.getInt32(at, true) : bytes === 2 ? view.getUint16(at, true) : view.getUint8(at);
        i32[valueWord + 1] = 0;
      }
      return 1;
    };
    const store = (lo: number, hi: number, bytes: number, valueLo: number, valueHi: number): number => {
      const mem = instance.vm!.memory;
      let at: number;
      try {
        at = mem.translate(lo, hi, bytes, 'store');
      } catch {
        return 0;
      }
      const view = mem.view;
      if (bytes === 8) {
        view.setInt32(at, valueLo, true);
        view.setInt32(at + 4, valueHi, true);
      } else if (bytes === 4) view.setInt32(at, valueLo, true);
      else if (bytes === 2) view.setUint16(at, valueLo & 0xffff, true);
      else view.setUint8(at, valueLo & 0xff);
      return 1;
    };
    const syscall = (index: number, pc: number, budget: number): number =>
      instance.vm!.compiledSyscall(index, pc, budget, words);
    const wasm = new wasmApi.Instance(this.#module!, { m: { mem: memory }, h: { load, store, syscall } });
    (instance as { run: Instance['run'] }).run = wasm.exports.run as Instance['run'];
    return instance;
  }

  /**
   * Runs translated code from block start `pc` with the meter at `budget` (which must hold that
   * block) until the program exits or bails. Leaves the slot to resume at in `vm.pc` and the meter
   * in `vm.remaining`; returns the status. A syscall that throws leaves registers, frames and depth
   * as they were at the call (the syscall itself set `pc` and the meter).
   */
  run(vm: TierVm, pc: number, budget: number): number {
    const instance = this.#pool.pop() ?? this.#instantiate();
    const { i32 } = instance;
    const { lo, hi, frames } = vm;
    for (let r = 0; r < 11; r++) {
      i32[2 * r] = lo[r]!;
      i32[2 * r + 1] = hi[r]!;
    }
    const frameWord = LAYOUT.frames >> 2;
    if (vm.depth > 0) i32.set(frames.subarray(0, vm.depth * FRAME_WORDS), frameWord);
    instance.vm = vm;
    try {
      const status = instance.run(pc, budget, vm.depth);
      vm.pc = i32[LAYOUT.pc >> 2]!;
      vm.remaining = i32[LAYOUT.budget >> 2]!;
      return status;
    } finally {
      for (let r = 0; r < 11; r++) {
        lo[r] = i32[2 * r]!;
        hi[r] = i32[2 * r + 1]!;
      }
      vm.depth = i32[LAYOUT.depth >> 2]!;
      if (vm.depth > 0) frames.set(i32.subarray(frameWord, frameWord + vm.depth * FRAME_WORDS));
      instance.vm = undefined;
      this.#pool.push(instance);
    }
  }
}

const tiers = new WeakMap<Executable, WeakMap<object, CompiledTier>>();

/** The tier of `executable` under a syscall registry (a translated `call` bakes its resolution in). */
export function compiledTierFor(executable: Executable, registry: object, calls: Int32Array): CompiledTier {
  let perRegistry = tiers.get(executable);
  if (!perRegistry) tiers.set(executable, (perRegistry = new WeakMap()));
  let tier = perRegistry.get(registry);
  if (!tier) perRegistry.set(registry, (tier = new CompiledTier(executable, calls)));
  return tier;
}
