import { InvalidArgumentError } from '@polyvm/core';
import { hashSymbolName } from '../elf/murmur3.js';
import type { Vm } from './interpreter.js';

/** A host function reachable from `call imm` where imm is murmur3(name): r1..r5 in, r0 out. */
export type SyscallHandler<H> = (
  vm: Vm<H>,
  r1: bigint,
  r2: bigint,
  r3: bigint,
  r4: bigint,
  r5: bigint,
) => bigint;

/**
 * r0..r5 of a syscall as 32-bit halves, register `r` at `[2r]` (low) and `[2r + 1]` (high): the
 * translated tier's register layout, so its linear memory is handed over as is.
 */
export type SyscallWords = Int32Array;

/**
 * A syscall handler that reads its arguments from `SyscallWords` (no bigint per argument) and
 * returns r0, which must be an integer in [0, 2^32).
 */
export type WordSyscallHandler<H> = (vm: Vm<H>, words: SyscallWords) => number;

/** Runs a syscall on `words`: arguments in r1..r5, r0 written back to words 0 and 1. */
export type SyscallInvoker<H> = (vm: Vm<H>, words: SyscallWords) => void;

export interface Syscall<H> {
  name: string;
  hash: number;
  invoke: SyscallInvoker<H>;
}

/** Register `r` (1..5) of `words` as an unsigned 64-bit bigint: the exact path. */
export function wordArg(words: SyscallWords, r: number): bigint {
  return (BigInt(words[2 * r + 1]! >>> 0) << 32n) | BigInt(words[2 * r]! >>> 0);
}

/** Register `r` of `words` as a number if it is below 2^53 (every mapped address and valid length), else -1. */
export function smallWordArg(words: SyscallWords, r: number): number {
  const hi = words[2 * r + 1]! >>> 0;
  return hi < 0x20_0000 ? hi * 0x1_0000_0000 + (words[2 * r]! >>> 0) : -1;
}

const U64 = (1n << 64n) - 1n;

/** A bigint handler run on words: the arguments are converted exactly, r0 is masked to 64 bits. */
function bigintInvoker<H>(handler: SyscallHandler<H>): SyscallInvoker<H> {
  return (vm, words) => {
    const r0 = handler(
      vm,
      wordArg(words, 1),
      wordArg(words, 2),
      wordArg(words, 3),
      wordArg(words, 4),
      wordArg(words, 5),
    );
    // Syscalls return small values (0, 1, a length): skip the bigint masking for them.
    if (r0 >= 0n && r0 <= 0xffffffffn) {
      words[0] = Number(r0) | 0;
      words[1] = 0;
    } else {
      const masked = r0 & U64;
      words[0] = Number(masked & 0xffffffffn) | 0;
      words[1] = Number(masked >> 32n) | 0;
    }
  };
}

/** A word handler's r0 (a u32) written back. */
function wordInvoker<H>(handler: WordSyscallHandler<H>): SyscallInvoker<H> {
  return (vm, words) => {
    words[0] = handler(vm, words) | 0;
    words[1] = 0;
  };
}

/** What the loader needs to know about syscalls: whether a key names one. */
export interface SyscallLookup {
  lookup(hash: number): unknown;
}

/** The loader's function registry (sbpf `BuiltinProgram`): syscalls by murmur3 key. */
export class SyscallRegistry<H = unknown> {
  readonly #byHash = new Map<number, Syscall<H>>();

  /** A syscall whose handler takes r1..r5 as bigints. */
  register(name: string, handler: SyscallHandler<H>): this {
    return this.#add(name, bigintInvoker(handler));
  }

  /** A hot syscall whose handler reads r1..r5 as 32-bit halves (`SyscallWords`). */
  registerWords(name: string, handler: WordSyscallHandler<H>): this {
    return this.#add(name, wordInvoker(handler));
  }

  #add(name: string, invoke: SyscallInvoker<H>): this {
    const hash = hashSymbolName(name);
    if (this.#byHash.has(hash)) throw new InvalidArgumentError(`syscall hash collision for "${name}"`);
    this.#byHash.set(hash, { name, hash, invoke });
    return this;
  }

  lookup(hash: number): Syscall<H> | undefined {
    return this.#byHash.get(hash >>> 0);
  }

  get size(): number {
    return this.#byHash.size;
  }

  names(): string[] {
    return [...this.#byHash.values()].map((s) => s.name);
  }
}
