import type { SyscallLookup } from '../execute/syscall-registry.js';
import { ElfError } from './errors.js';
import type { FunctionRegistry } from './executable.js';
import { hashSymbolName } from './murmur3.js';

const ENTRYPOINT = 'entrypoint';

/**
 * The v0 call key of an internal function (sbpf `register_function_hashed_legacy`): murmur3 of
 * the target slot as 8 little-endian bytes, except `entrypoint`, keyed by its name.
 */
export function functionKey(name: string, pc: number): number {
  if (name === ENTRYPOINT) return hashSymbolName(ENTRYPOINT);
  const le = new Uint8Array(8);
  new DataView(le.buffer).setBigUint64(0, BigInt(pc), true);
  return hashSymbolName(le);
}

/** Registers a function; a key that is already a syscall, or already another pc, is a collision. */
export function registerFunction(
  registry: FunctionRegistry,
  syscalls: SyscallLookup | undefined,
  name: string,
  pc: number,
): number {
  const key = functionKey(name, pc);
  if (syscalls?.lookup(key)) throw new ElfError('SymbolHashCollision', `0x${key.toString(16)}`);
  const existing = registry.get(key);
  if (existing && existing.pc !== pc) throw new ElfError('SymbolHashCollision', `0x${key.toString(16)}`);
  if (!existing) registry.set(key, { name: name === ENTRYPOINT ? name : `function_${pc}`, pc });
  return key;
}

export function unregisterEntrypoint(registry: FunctionRegistry): void {
  registry.delete(hashSymbolName(ENTRYPOINT));
}
