/**
 * The instruction table: every supported opcode's mnemonic, immediate layout and, for the plain
 * value instructions, its operand signature (WebAssembly spec 5.4 for the encodings, 3.3 for the
 * types). Prefixed 0xFC instructions are numbered 0x100 + sub-opcode so one table serves both.
 */
export const IMM = {
  none: 0,
  block: 1,
  label: 2,
  brTable: 3,
  func: 4,
  callIndirect: 5,
  local: 6,
  global: 7,
  memarg: 8,
  memory: 9,
  i32: 10,
  i64: 11,
  f32: 12,
  f64: 13,
  /** memory.init: data index, then a zero memory byte. */
  memoryInit: 14,
  data: 15,
  memoryCopy: 16,
  tableInit: 17,
  elem: 18,
  tableCopy: 19,
} as const;

export const PREFIX_FC = 0xfc;
export const OP_COUNT = 0x100 + 18;

export const opName: string[] = new Array(OP_COUNT).fill('');
export const opImmediate = new Uint8Array(OP_COUNT);
/** Operand types popped (top of stack last) and pushed, for instructions with a fixed signature. */
export const opPops: Array<Uint8Array | undefined> = new Array(OP_COUNT).fill(undefined);
export const opPushes: Array<Uint8Array | undefined> = new Array(OP_COUNT).fill(undefined);
/** Natural alignment exponent (log2 of the access width) of loads and stores. */
export const opMaxAlign = new Int8Array(OP_COUNT).fill(-1);

const TYPE_CODE: Record<string, number> = { i: 0x7f, I: 0x7e, f: 0x7d, F: 0x7c };
const sig = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => TYPE_CODE[c]!));

function def(op: number, name: string, imm: number, pops?: string, pushes?: string): void {
  opName[op] = name;
  opImmediate[op] = imm;
  if (pops !== undefined) opPops[op] = sig(pops);
  if (pushes !== undefined) opPushes[op] = sig(pushes);
}

// Control and parametric instructions: their typing is special-cased by the validator.
def(0x00, 'unreachable', IMM.none);
def(0x01, 'nop', IMM.none, '', '');
def(0x02, 'block', IMM.block);
def(0x03, 'loop', IMM.block);
def(0x04, 'if', IMM.block);
def(0x05, 'else', IMM.none);
def(0x0b, 'end', IMM.none);
def(0x0c, 'br', IMM.label);
def(0x0d, 'br_if', IMM.label);
def(0x0e, 'br_table', IMM.brTable);
def(0x0f, 'return', IMM.none);
def(0x10, 'call', IMM.func);
def(0x11, 'call_indirect', IMM.callIndirect);
def(0x1a, 'drop', IMM.none);
def(0x1b, 'select', IMM.none);
def(0x20, 'local.get', IMM.local);
def(0x21, 'local.set', IMM.local);
def(0x22, 'local.tee', IMM.local);
def(0x23, 'global.get', IMM.global);
def(0x24, 'global.set', IMM.global);

// Memory instructions (5.4.6): [name, pops, pushes, natural alignment].
const memoryOps: Array<[string, string, string, number]> = [
  ['i32.load', 'i', 'i', 2],
  ['i64.load', 'i', 'I', 3],
  ['f32.load', 'i', 'f', 2],
  ['f64.load', 'i', 'F', 3],
  ['i32.load8_s', 'i', 'i', 0],
  ['i32.load8_u', 'i', 'i', 0],
  ['i32.load16_s', 'i', 'i', 1],
  ['i32.load16_u', 'i', 'i', 1],
  ['i64.load8_s', 'i', 'I', 0],
  ['i64.load8_u', 'i', 'I', 0],
  ['i64.load16_s', 'i', 'I', 1],
  ['i64.load16_u', 'i', 'I', 1],
  ['i64.load32_s', 'i', 'I', 2],
  ['i64.load32_u', 'i', 'I', 2],
  ['i32.store', 'ii', '', 2],
  ['i64.store', 'iI', '', 3],
  ['f32.store', 'if', '', 2],
  ['f64.store', 'iF', '', 3],
  ['i32.store8', 'ii', '', 0],
  ['i32.store16', 'ii', '', 1],
  ['i64.store8', 'iI', '', 0],
  ['i64.store16', 'iI', '', 1],
  ['i64.store32', 'iI', '', 2],
];
memoryOps.forEach(([name, pops, pushes, align], i) => {
  def(0x28 + i, name, IMM.memarg, pops, pushes);
  opMaxAlign[0x28 + i] = align;
});
def(0x3f, 'memory.size', IMM.memory, '', 'i');
def(0x40, 'memory.grow', IMM.memory, 'i', 'i');
def(0x41, 'i32.const', IMM.i32, '', 'i');
def(0x42, 'i64.const', IMM.i64, '', 'I');
def(0x43, 'f32.const', IMM.f32, '', 'f');
def(0x44, 'f64.const', IMM.f64, '', 'F');

/** Defines a run of consecutive opcodes sharing one signature. */
function run(first: number, prefix: string, names: string, pops: string, pushes: string): void {
  names.split(' ').forEach((n, i) => {
    def(first + i, `${prefix}.${n}`, IMM.none, pops, pushes);
  });
}

// Numeric instructions (5.4.7), in opcode order.
run(0x45, 'i32', 'eqz', 'i', 'i');
run(0x46, 'i32', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u', 'ii', 'i');
run(0x50, 'i64', 'eqz', 'I', 'i');
run(0x51, 'i64', 'eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u', 'II', 'i');
run(0x5b, 'f32', 'eq ne lt gt le ge', 'ff', 'i');
run(0x61, 'f64', 'eq ne lt gt le ge', 'FF', 'i');
run(0x67, 'i32', 'clz ctz popcnt', 'i', 'i');
run(0x6a, 'i32', 'add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr', 'ii', 'i');
run(0x79, 'i64', 'clz ctz popcnt', 'I', 'I');
run(0x7c, 'i64', 'add sub mul div_s div_u rem_s rem_u and or xor shl shr_s shr_u rotl rotr', 'II', 'I');
run(0x8b, 'f32', 'abs neg ceil floor trunc nearest sqrt', 'f', 'f');
run(0x92, 'f32', 'add sub mul div min max copysign', 'ff', 'f');
run(0x99, 'f64', 'abs neg ceil floor trunc nearest sqrt', 'F', 'F');
run(0xa0, 'f64', 'add sub mul div min max copysign', 'FF', 'F');

// Conversions: [name, pops, pushes].
const conversions: Array<[string, string, string]> = [
  ['i32.wrap_i64', 'I', 'i'],
  ['i32.trunc_f32_s', 'f', 'i'],
  ['i32.trunc_f32_u', 'f', 'i'],
  ['i32.trunc_f64_s', 'F', 'i'],
  ['i32.trunc_f64_u', 'F', 'i'],
  ['i64.extend_i32_s', 'i', 'I'],
  ['i64.extend_i32_u', 'i', 'I'],
  ['i64.trunc_f32_s', 'f', 'I'],
  ['i64.trunc_f32_u', 'f', 'I'],
  ['i64.trunc_f64_s', 'F', 'I'],
  ['i64.trunc_f64_u', 'F', 'I'],
  ['f32.convert_i32_s', 'i', 'f'],
  ['f32.convert_i32_u', 'i', 'f'],
  ['f32.convert_i64_s', 'I', 'f'],
  ['f32.convert_i64_u', 'I', 'f'],
  ['f32.demote_f64', 'F', 'f'],
  ['f64.convert_i32_s', 'i', 'F'],
  ['f64.convert_i32_u', 'i', 'F'],
  ['f64.convert_i64_s', 'I', 'F'],
  ['f64.convert_i64_u', 'I', 'F'],
  ['f64.promote_f32', 'f', 'F'],
  ['i32.reinterpret_f32', 'f', 'i'],
  ['i64.reinterpret_f64', 'F', 'I'],
  ['f32.reinterpret_i32', 'i', 'f'],
  ['f64.reinterpret_i64', 'I', 'F'],
  // Sign-extension operators proposal (merged in Wasm 2.0).
  ['i32.extend8_s', 'i', 'i'],
  ['i32.extend16_s', 'i', 'i'],
  ['i64.extend8_s', 'I', 'I'],
  ['i64.extend16_s', 'I', 'I'],
  ['i64.extend32_s', 'I', 'I'],
];
conversions.forEach(([name, pops, pushes], i) => {
  def(0xa7 + i, name, IMM.none, pops, pushes);
});

// 0xFC prefix: non-trapping float-to-int conversions, then bulk memory (Wasm 2.0, 5.4.7 / 5.4.6).
const saturating: Array<[string, string, string]> = [
  ['i32.trunc_sat_f32_s', 'f', 'i'],
  ['i32.trunc_sat_f32_u', 'f', 'i'],
  ['i32.trunc_sat_f64_s', 'F', 'i'],
  ['i32.trunc_sat_f64_u', 'F', 'i'],
  ['i64.trunc_sat_f32_s', 'f', 'I'],
  ['i64.trunc_sat_f32_u', 'f', 'I'],
  ['i64.trunc_sat_f64_s', 'F', 'I'],
  ['i64.trunc_sat_f64_u', 'F', 'I'],
];
saturating.forEach(([name, pops, pushes], i) => {
  def(0x100 + i, name, IMM.none, pops, pushes);
});
export const OP_MEMORY_INIT = 0x108;
export const OP_DATA_DROP = 0x109;
export const OP_MEMORY_COPY = 0x10a;
export const OP_MEMORY_FILL = 0x10b;
export const OP_TABLE_INIT = 0x10c;
export const OP_ELEM_DROP = 0x10d;
export const OP_TABLE_COPY = 0x10e;
def(OP_MEMORY_INIT, 'memory.init', IMM.memoryInit, 'iii', '');
def(OP_DATA_DROP, 'data.drop', IMM.data, '', '');
def(OP_MEMORY_COPY, 'memory.copy', IMM.memoryCopy, 'iii', '');
def(OP_MEMORY_FILL, 'memory.fill', IMM.memory, 'iii', '');
def(OP_TABLE_INIT, 'table.init', IMM.tableInit, 'iii', '');
def(OP_ELEM_DROP, 'elem.drop', IMM.elem, '', '');
def(OP_TABLE_COPY, 'table.copy', IMM.tableCopy, 'iii', '');

export const OP = {
  unreachable: 0x00,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  callIndirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  globalGet: 0x23,
  globalSet: 0x24,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  f64Const: 0x44,
  i32LtS: 0x48,
  i32GtU: 0x4b,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i64LtS: 0x53,
  i64Add: 0x7c,
  i64Sub: 0x7d,
  i64Mul: 0x7e,
  i64ExtendI32U: 0xad,
  f32Eq: 0x5b,
  f64Eq: 0x61,
  i32ReinterpretF32: 0xbc,
  i64ReinterpretF64: 0xbd,
  f32ReinterpretI32: 0xbe,
  f64ReinterpretI64: 0xbf,
} as const;

export function isSupportedOp(op: number): boolean {
  return op < OP_COUNT && opName[op] !== '';
}
