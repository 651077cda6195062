import { ByteReader } from '../binary/reader.js';
import { IMM, OP, opImmediate } from '../module/opcodes.js';
import type { WasmModule } from '../module/types.js';
import type { FunctionCode } from '../validate/code.js';

/**
 * A function body pre-decoded for the interpreter: immediates unpacked into arrays indexed by
 * instruction, and every block's matching `else`/`end` resolved, so execution never parses bytes.
 */
export interface InterpCode {
  ops: Uint16Array;
  starts: Uint32Array;
  /** First immediate: index, constant, memarg offset, or a block's `end` position. */
  imm: Array<number | bigint>;
  /** Second immediate: a block's `else` position (-1 if none) or the memory/table byte. */
  imm2: Int32Array;
  /** Values a block leaves (its result count). */
  arity: Uint8Array;
  brTables: Map<number, number[]>;
  localTypes: Uint8Array;
}

export function decodeForInterpreter(m: WasmModule, index: number, code: FunctionCode): InterpCode {
  const { ops, starts, count } = code;
  const imm: Array<number | bigint> = new Array(count).fill(0);
  const imm2 = new Int32Array(count).fill(-1);
  const arity = new Uint8Array(count);
  const brTables = new Map<number, number[]>();
  const open: number[] = [];
  const r = new ByteReader(m.bytes);
  for (let i = 0; i < count; i++) {
    const op = ops[i]!;
    r.pos = starts[i]! + 1;
    if (op >= 0x100) r.u32();
    switch (opImmediate[op]) {
      case IMM.block: {
        const bt = r.s33();
        arity[i] = bt === -0x40 ? 0 : bt < 0 ? 1 : m.types[bt]!.results.length;
        open.push(i);
        break;
      }
      case IMM.label:
      case IMM.func:
      case IMM.local:
      case IMM.global:
      case IMM.data:
      case IMM.elem:
        imm[i] = r.u32();
        break;
      case IMM.brTable: {
        const n = r.u32();
        const labels: number[] = [];
        for (let k = 0; k <= n; k++) labels.push(r.u32());
        brTables.set(i, labels);
        break;
      }
      case IMM.callIndirect:
        imm[i] = r.u32();
        imm2[i] = r.u8();
        break;
      case IMM.memarg:
        r.u32();
        imm[i] = r.u32();
        break;
      case IMM.i32:
        imm[i] = r.s32();
        break;
      case IMM.i64:
        imm[i] = r.s64();
        break;
      case IMM.f32:
        imm[i] = new DataView(m.bytes.buffer, m.bytes.byteOffset + r.pos, 4).getUint32(0, true);
        break;
      case IMM.f64:
        imm[i] = new DataView(m.bytes.buffer, m.bytes.byteOffset + r.pos, 8).getBigUint64(0, true);
        break;
      case IMM.memoryInit:
      case IMM.tableInit:
        imm[i] = r.u32();
        imm2[i] = r.u32();
        break;
      case IMM.tableCopy:
        imm[i] = r.u32();
        imm2[i] = r.u32();
        break;
    }
    if (op === OP.else) imm2[open.at(-1)!] = i;
    if (op === OP.end && open.length > 0) imm[open.pop()!] = i;
  }
  const type = m.types[m.functions[index]!]!;
  const body = m.codes[index]!;
  const localTypes = new Uint8Array(type.params.length + body.localCount);
  localTypes.set(type.params);
  let n = type.params.length;
  for (const group of body.locals) {
    localTypes.fill(group.type, n, n + group.count);
    n += group.count;
  }
  return { ops, starts, imm, imm2, arity, brTables, localTypes };
}
