import type { Tracer } from '@polyvm/core';
import { DEFAULT_HEAP_SIZE, MAX_CALL_DEPTH } from '../constants.js';
import type { Executable } from '../elf/executable.js';
import { Vm } from './interpreter.js';
import { MemoryMap } from './memory.js';
import { SyscallRegistry } from './syscall-registry.js';

export interface RunOptions<H> {
  /** Bytes mapped writable at MM_INPUT_START (the serialized accounts and instruction data). */
  input?: Uint8Array;
  computeUnits?: number;
  heapSize?: number;
  syscalls?: SyscallRegistry<H>;
  host?: H;
  tracer?: Tracer;
  traceDepth?: number;
  compileThreshold?: number;
}

/** Maps program, stack, heap and input the way agave does and returns a VM ready to `run()`. */
export function createVm<H = undefined>(executable: Executable, options: RunOptions<H> = {}): Vm<H> {
  const memory = new MemoryMap({
    program: { name: 'program', bytes: executable.ro.bytes, start: executable.ro.start, writable: false },
    input: { name: 'input', bytes: options.input ?? new Uint8Array(0), start: 0, writable: true },
    heapSize: options.heapSize ?? DEFAULT_HEAP_SIZE,
    stackFrames: MAX_CALL_DEPTH,
  });
  return new Vm<H>({
    executable,
    memory,
    syscalls: options.syscalls ?? new SyscallRegistry<H>(),
    computeUnits: options.computeUnits ?? 200_000,
    host: options.host as H,
    tracer: options.tracer,
    traceDepth: options.traceDepth,
    compileThreshold: options.compileThreshold,
  });
}
