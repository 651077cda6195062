import { InvalidArgumentError } from './errors.js';

/**
 * A VM-neutral step event: the same shape whether it comes from the EVM, a WASM interpreter,
 * the Move VM or sBPF, so one debugger or one lecture can walk any of them.
 */
export interface StepEvent {
  runtime: string;
  /** Call depth: 0 for the outermost frame. */
  depth: number;
  /** Program counter in the VM's own unit (byte offset, instruction index…). */
  pc: number;
  /** Mnemonic as the VM's own disassembler prints it. */
  op: string;
  gasBefore: number;
  gasCost: number;
  /** Operand stack (or registers for register VMs), top last, as hex/decimal strings. */
  stack: readonly string[];
  /** Which function or code unit the pc belongs to, when the VM has several. */
  location?: string;
  memorySize?: number;
}

export type Tracer = (event: StepEvent) => void;

/** Wide enough for register-VM mnemonics with operands, e.g. sBPF `stxdw [r1+0x60], r2`. */
const OP_COLUMN = 22;

/** One human-readable line per step, aligned for reading in a terminal. */
export function formatStep(event: StepEvent): string {
  const indent = '  '.repeat(event.depth);
  const where = event.location ? `${event.location}@` : '';
  const stack = event.stack.length > 0 ? ` [${event.stack.join(', ')}]` : '';
  return `${indent}${where}${String(event.pc).padStart(5)}  ${event.op.padEnd(OP_COLUMN)} gas=${event.gasBefore} cost=${event.gasCost}${stack}`;
}

/** Collects events in memory, with an optional cap so runaway traces cannot exhaust the heap. */
export function collectSteps(limit = 1_000_000): {
  tracer: Tracer;
  steps: StepEvent[];
  truncated: () => boolean;
} {
  if (!Number.isSafeInteger(limit) || limit < 0) {
    throw new InvalidArgumentError(`limit must be a non-negative integer, got ${limit}`);
  }
  const steps: StepEvent[] = [];
  let dropped = false;
  return {
    steps,
    truncated: () => dropped,
    tracer: (event) => {
      if (steps.length < limit) steps.push(event);
      else dropped = true;
    },
  };
}
