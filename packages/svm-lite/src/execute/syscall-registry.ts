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

export interface Syscall<H> {
  name: string;
  hash: number;
  handler: SyscallHandler<H>;
}

/** What the loader needs to know about syscalls: whether a key names one. */
export interface SyscallLookup {
  lookup(hash: number): unknown;
}

/** The loader's function registry (sbpf `BuiltinProgram`): syscalls by murmur3 key. */
export class SyscallRegistry<H = unknown> {
  readonly #byHash = new Map<number, Syscall<H>>();

  register(name: string, handler: SyscallHandler<H>): this {
    const hash = hashSymbolName(name);
    if (this.#byHash.has(hash)) throw new InvalidArgumentError(`syscall hash collision for "${name}"`);
    this.#byHash.set(hash, { name, hash, handler });
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
