import { OP_COUNT } from '../module/opcodes.js';

/** A per-opcode cost table: `base` for every instruction, with named exceptions. */
export function opCostTable(base: number, overrides: Readonly<Record<number, number>> = {}): Float64Array {
  const table = new Float64Array(OP_COUNT).fill(base);
  for (const [op, cost] of Object.entries(overrides)) table[Number(op)] = cost;
  return table;
}
