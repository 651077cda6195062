import { BASE_COST, OPCODE_CATEGORY } from './gas.js';

/**
 * Gas prepayment tables of one function body. The interpreter charges the base costs of a whole
 * straight-line segment when it enters it instead of one instruction at a time; the tables are laid
 * out so that every observable count (gas used, per-category gas, instructions, the out-of-gas point
 * and its message) stays what per-instruction charging gives:
 * - a segment ends at every branch, branch target, `Ret` and `Abort`, so it runs to its end unless
 *   an instruction fails;
 * - an instruction that charges more than its base cost (constants, copies and reads of aggregates,
 *   packs, equality) ends its segment, so its extra charge still comes after exactly the base costs
 *   that precede it;
 * - calls, `Ret` and storage instructions end their segment too (natives, callees and storage IO
 *   charge after them), and their base cost is counted in their own gas category (`tail`);
 * - a segment that does not fit in the gas left is run instruction by instruction instead;
 * - an instruction that fails gives back the prepaid costs of the instructions after it (`after`).
 */
export interface GasSegments {
  /** At a segment's first instruction, the sum of its base costs; 0 elsewhere. */
  prepay: Float64Array;
  /** At a segment's first instruction, its number of instructions. */
  count: Int32Array;
  /** At every instruction of a segment, the base cost of its last one if that is not compute gas. */
  tail: Float64Array;
  /** The gas category of `tail`. */
  tailCategory: Uint8Array;
  /** Base costs of the instructions after `pc` in its segment (given back when `pc` fails). */
  after: Float64Array;
  /** Number of instructions after `pc` in its segment. */
  afterCount: Int32Array;
}

const BRANCHES = new Set([0x03, 0x04, 0x05]);
/** Ret, Abort, and the instructions that charge beyond their base cost (CopyLoc only on aggregates). */
const ENDS_SEGMENT = new Set([
  0x02, // Ret
  0x27, // Abort
  0x07, // LdConst
  0x12, // Pack
  0x39, // PackGeneric
  0x13, // Unpack
  0x3a, // UnpackGeneric
  0x14, // ReadRef
  0x21, // Eq
  0x22, // Neq
  0x40, // VecPack
  0x46, // VecUnpack
]);
const COPY_LOC = 0x0a;

/** Builds the prepayment tables; `aggregateLocal[i]` says whether local `i` may hold a vector or struct. */
export function gasSegments(
  ops: Uint8Array,
  operands: Int32Array,
  aggregateLocal: readonly boolean[],
): GasSegments {
  const n = ops.length;
  const starts = new Uint8Array(n + 1);
  starts[0] = 1;
  for (let pc = 0; pc < n; pc++) {
    const op = ops[pc]!;
    if (BRANCHES.has(op)) {
      starts[operands[pc]!] = 1;
      starts[pc + 1] = 1;
    } else if (
      OPCODE_CATEGORY[op] !== 0 ||
      ENDS_SEGMENT.has(op) ||
      (op === COPY_LOC && aggregateLocal[operands[pc]!] !== false)
    ) {
      starts[pc + 1] = 1;
    }
  }
  const prepay = new Float64Array(n);
  const count = new Int32Array(n);
  const after = new Float64Array(n);
  const afterCount = new Int32Array(n);
  const tail = new Float64Array(n);
  const tailCategory = new Uint8Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && !starts[end]) end++;
    let rest = 0;
    for (let pc = end - 1; pc >= start; pc--) {
      after[pc] = rest;
      afterCount[pc] = end - 1 - pc;
      rest += BASE_COST[ops[pc]!]!;
    }
    prepay[start] = rest;
    count[start] = end - start;
    const last = ops[end - 1]!;
    if (OPCODE_CATEGORY[last] !== 0) {
      tail.fill(BASE_COST[last]!, start, end);
      tailCategory.fill(OPCODE_CATEGORY[last]!, start, end);
    }
    start = end;
  }
  return { prepay, count, tail, tailCategory, after, afterCount };
}
