import type { StepEvent, Tracer } from '@polyvm/core';
import { opcodeByName } from '../decode/opcodes.js';
import type { EvmStepEvent } from '../execute/evm.js';

/**
 * EIP-3155 trace lines: one JSON object per executed instruction with pc, op, gas, gasCost,
 * memSize, stack (hex, top last), depth (1 for the outermost frame), refund and opName.
 */
export function eip3155Line(event: StepEvent): string {
  const evm = event as Partial<EvmStepEvent> & StepEvent;
  return JSON.stringify({
    pc: event.pc,
    op: evm.opcode ?? opcodeByName(event.op)?.code ?? 0,
    gas: `0x${event.gasBefore.toString(16)}`,
    gasCost: `0x${event.gasCost.toString(16)}`,
    memSize: event.memorySize ?? 0,
    stack: event.stack,
    depth: event.depth + 1,
    refund: evm.refund ?? 0,
    opName: event.op,
  });
}

/** A tracer writing EIP-3155 lines through `write`. */
export function eip3155Tracer(write: (line: string) => void): Tracer {
  return (event) => write(eip3155Line(event));
}

/** The summary line EIP-3155 ends a trace with. */
export function eip3155Summary(
  output: Uint8Array,
  gasUsed: number,
  pass: boolean,
  stateRoot?: string,
): string {
  return JSON.stringify({
    ...(stateRoot !== undefined ? { stateRoot } : {}),
    output: `0x${Buffer.from(output).toString('hex')}`,
    gasUsed: `0x${gasUsed.toString(16)}`,
    pass,
  });
}
