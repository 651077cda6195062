import type { Executable } from '../elf/executable.js';
import { bswap16, bswap32, mul64, out } from './alu64.js';
import type { MemoryMap } from './memory.js';

/**
 * Straight-line sBPF compiled to a JavaScript function (a "basic block"): ALU, byte swaps, `lddw`,
 * loads, stores, and the jump, internal call or `exit` that ends the block, with every operand a literal. The interpreter
 * runs a block only when the meter holds its whole cost, charges it once, and on a memory fault
 * refunds what the block did not execute (`FaultSite` says where it stopped), so compute units,
 * results and faults are exactly the interpreter's. Syscalls, `callx`, division and anything
 * unusual end a block and are left to the interpreter, which also runs every instruction when tracing.
 */
export interface CompiledBlock {
  /** Compute units (instructions) the whole block costs. */
  readonly cost: number;
  /**
   * Runs the block on the register halves; returns the next slot, or `EXITED` when it ends in the
   * entrypoint frame's `exit` (at `site.pc`).
   */
  readonly run: (
    LO: Int32Array,
    HI: Int32Array,
    mem: MemoryMap,
    site: FaultSite,
    frames: CallFrames,
  ) => number;
}

/** The VM's call stack, for compiled `call` (internal functions) and `exit`. */
export interface CallFrames {
  readonly depth: number;
  /** Pushes a frame for the call at `pc` and returns `target`. */
  callFunction(pc: number, target: number): number;
  leaveFunction(): number;
}

/**
 * The meter a block runs against (`budget`, already charged for the pass in progress), and where a
 * fault stopped it: the faulting slot and the instructions of that pass executed, it included.
 */
export interface FaultSite {
  pc: number;
  executed: number;
  budget: number;
}

/** What a block returns for the entrypoint frame's `exit`: no jump can reach it (offsets are 16-bit). */
export const EXITED = -0x7fff_ffff;

/** Longest block compiled: bounds the generated source. */
const MAX_BLOCK = 256;

/**
 * Blocks compiled per executable at most. Blocks never cross a leader, so together they cover
 * each instruction once, and this cap bounds the compile work a program can ask for (one
 * `new Function` each) however it jumps around; past it the interpreter runs everything else.
 */
export const MAX_COMPILED_BLOCKS = 1024;

/**
 * Block leaders: every jump target, the slot after a jump, call or exit, and every internal call
 * target. A compiled block stops before the next leader.
 */
export function leadersOf(executable: Executable, calls: Int32Array): Uint8Array {
  const { opcode, off, count } = executable.decoded;
  const leaders = new Uint8Array(count + 1);
  for (let pc = 0; pc < count; pc++) {
    const o = opcode[pc]!;
    const isJump = (o & 0x07) === 0x05 && o !== 0x85 && o !== 0x95 && o !== 0x8d;
    if (isJump) {
      const target = pc + 1 + off[pc]!;
      if (target >= 0 && target < count) leaders[target] = 1;
    }
    if (isJump || o === 0x85 || o === 0x8d || o === 0x95) leaders[pc + 1] = 1;
    if (o === 0x85 && calls[pc]! >= 0) leaders[calls[pc]!] = 1;
  }
  return leaders;
}

type Emitted = { code: string; slots: number; ends?: boolean } | undefined;

/** One instruction as JavaScript, or undefined when the interpreter must run it. */
function emit(executable: Executable, calls: Int32Array, pc: number, executed: number): Emitted {
  const { opcode, dst, src, off, imm, count } = executable.decoded;
  const o = opcode[pc]!;
  const d = dst[pc]!;
  const s = src[pc]!;
  const k = imm[pc]!;
  const kHi = k >> 31;
  const next = pc + 1;
  const target = pc + 1 + off[pc]!;
  const at = (base: number, bytes: number, access: 'load' | 'store') =>
    `site.pc = ${pc}; site.executed = ${executed}; const at = mem.access(LO[${base}], HI[${base}], ${off[pc]!}, ${bytes}, '${access}');`;
  const alu32 = (expr: string) => ({ code: `LO[${d}] = ${expr}; HI[${d}] = 0;`, slots: 1 });
  const signExtended32 = (expr: string) => ({ code: `HI[${d}] = (LO[${d}] = ${expr}) >> 31;`, slots: 1 });
  const branch = (cond: string) => ({
    code: `if (${cond}) return ${target}; return ${next};`,
    slots: 1,
    ends: true,
  });
  const compare = (unsigned: boolean, reg: boolean, test: string) => {
    const u = unsigned ? ' >>> 0' : '';
    const bHi = reg ? `HI[${s}]${u}` : `${kHi}${u}`;
    const bLo = reg ? `(LO[${s}] >>> 0)` : `${k >>> 0}`;
    return {
      code: `{ const ah = HI[${d}]${u}, bh = ${bHi}, al = LO[${d}] >>> 0, bl = ${bLo};
        const c = ah !== bh ? (ah > bh ? 1 : -1) : al === bl ? 0 : al > bl ? 1 : -1;
        if (c ${test} 0) return ${target}; return ${next}; }`,
      slots: 1,
      ends: true,
    };
  };
  const reg = `LO[${s}]`;
  switch (o) {
    case 0x18:
      if (pc + 1 >= count) return undefined;
      return { code: `LO[${d}] = ${k}; HI[${d}] = ${imm[pc + 1]!};`, slots: 2 };
    case 0x71:
      return { code: `{ ${at(s, 1, 'load')} LO[${d}] = mem.view.getUint8(at); HI[${d}] = 0; }`, slots: 1 };
    case 0x69:
      return {
        code: `{ ${at(s, 2, 'load')} LO[${d}] = mem.view.getUint16(at, true); HI[${d}] = 0; }`,
        slots: 1,
      };
    case 0x61:
      return {
        code: `{ ${at(s, 4, 'load')} LO[${d}] = mem.view.getInt32(at, true); HI[${d}] = 0; }`,
        slots: 1,
      };
    case 0x79:
      return {
        code: `{ ${at(s, 8, 'load')} LO[${d}] = mem.view.getInt32(at, true); HI[${d}] = mem.view.getInt32(at + 4, true); }`,
        slots: 1,
      };
    case 0x72:
      return { code: `{ ${at(d, 1, 'store')} mem.view.setUint8(at, ${k & 0xff}); }`, slots: 1 };
    case 0x6a:
      return { code: `{ ${at(d, 2, 'store')} mem.view.setUint16(at, ${k & 0xffff}, true); }`, slots: 1 };
    case 0x62:
      return { code: `{ ${at(d, 4, 'store')} mem.view.setInt32(at, ${k}, true); }`, slots: 1 };
    case 0x7a:
      return {
        code: `{ ${at(d, 8, 'store')} mem.view.setInt32(at, ${k}, true); mem.view.setInt32(at + 4, ${kHi}, true); }`,
        slots: 1,
      };
    case 0x73:
      return { code: `{ ${at(d, 1, 'store')} mem.view.setUint8(at, LO[${s}] & 0xff); }`, slots: 1 };
    case 0x6b:
      return { code: `{ ${at(d, 2, 'store')} mem.view.setUint16(at, LO[${s}] & 0xffff, true); }`, slots: 1 };
    case 0x63:
      return { code: `{ ${at(d, 4, 'store')} mem.view.setInt32(at, LO[${s}], true); }`, slots: 1 };
    case 0x7b:
      return {
        code: `{ const vl = LO[${s}], vh = HI[${s}]; ${at(d, 8, 'store')} mem.view.setInt32(at, vl, true); mem.view.setInt32(at + 4, vh, true); }`,
        slots: 1,
      };
    // ALU32 (v0: add/sub/mul sign-extended, the rest zero-extended).
    case 0x04:
      return signExtended32(`(LO[${d}] + ${k}) | 0`);
    case 0x0c:
      return signExtended32(`(LO[${d}] + ${reg}) | 0`);
    case 0x14:
      return signExtended32(`(LO[${d}] - ${k}) | 0`);
    case 0x1c:
      return signExtended32(`(LO[${d}] - ${reg}) | 0`);
    case 0x24:
      return signExtended32(`Math.imul(LO[${d}], ${k})`);
    case 0x2c:
      return signExtended32(`Math.imul(LO[${d}], ${reg})`);
    case 0x44:
      return alu32(`LO[${d}] | ${k}`);
    case 0x4c:
      return alu32(`LO[${d}] | ${reg}`);
    case 0x54:
      return alu32(`LO[${d}] & ${k}`);
    case 0x5c:
      return alu32(`LO[${d}] & ${reg}`);
    case 0x64:
      return alu32(`LO[${d}] << ${k}`);
    case 0x6c:
      return alu32(`LO[${d}] << ${reg}`);
    case 0x74:
      return alu32(`(LO[${d}] >>> ${k}) | 0`);
    case 0x7c:
      return alu32(`(LO[${d}] >>> ${reg}) | 0`);
    case 0x84:
      return alu32(`-LO[${d}] | 0`);
    case 0xa4:
      return alu32(`LO[${d}] ^ ${k}`);
    case 0xac:
      return alu32(`LO[${d}] ^ ${reg}`);
    case 0xb4:
      return alu32(`${k}`);
    case 0xbc:
      return alu32(reg);
    case 0xc4:
      return alu32(`LO[${d}] >> ${k}`);
    case 0xcc:
      return alu32(`LO[${d}] >> ${reg}`);
    case 0xd4:
    case 0xdc: {
      const swap = o === 0xdc;
      if (k === 16) return alu32(swap ? `bswap16(LO[${d}])` : `LO[${d}] & 0xffff`);
      if (k === 32) return alu32(swap ? `bswap32(LO[${d}])` : `LO[${d}]`);
      if (k === 64)
        return {
          code: swap
            ? `{ const low = LO[${d}]; LO[${d}] = bswap32(HI[${d}]); HI[${d}] = bswap32(low); }`
            : '',
          slots: 1,
        };
      return undefined;
    }
    // ALU64: immediates sign-extended from 32 bits.
    case 0x07:
    case 0x0f: {
      const [bl, bh] = o === 0x07 ? [`${k >>> 0}`, `${kHi}`] : [`(LO[${s}] >>> 0)`, `HI[${s}]`];
      return {
        code: `{ const sum = (LO[${d}] >>> 0) + ${bl}; HI[${d}] = (HI[${d}] + ${bh} + (sum >= 4294967296 ? 1 : 0)) | 0; LO[${d}] = sum | 0; }`,
        slots: 1,
      };
    }
    case 0x17:
    case 0x1f: {
      const [bl, bh] = o === 0x17 ? [`${k >>> 0}`, `${kHi}`] : [`(LO[${s}] >>> 0)`, `HI[${s}]`];
      return {
        code: `{ const diff = (LO[${d}] >>> 0) - ${bl}; HI[${d}] = (HI[${d}] - ${bh} - (diff < 0 ? 1 : 0)) | 0; LO[${d}] = diff | 0; }`,
        slots: 1,
      };
    }
    case 0x27:
      return {
        code: `mul64(LO[${d}], HI[${d}], ${k}, ${kHi}); LO[${d}] = out[0]; HI[${d}] = out[1];`,
        slots: 1,
      };
    case 0x2f:
      return {
        code: `mul64(LO[${d}], HI[${d}], LO[${s}], HI[${s}]); LO[${d}] = out[0]; HI[${d}] = out[1];`,
        slots: 1,
      };
    case 0x47:
      return { code: `LO[${d}] |= ${k}; HI[${d}] |= ${kHi};`, slots: 1 };
    case 0x4f:
      return { code: `LO[${d}] |= LO[${s}]; HI[${d}] |= HI[${s}];`, slots: 1 };
    case 0x57:
      return { code: `LO[${d}] &= ${k}; HI[${d}] &= ${kHi};`, slots: 1 };
    case 0x5f:
      return { code: `LO[${d}] &= LO[${s}]; HI[${d}] &= HI[${s}];`, slots: 1 };
    case 0xa7:
      return { code: `LO[${d}] ^= ${k}; HI[${d}] ^= ${kHi};`, slots: 1 };
    case 0xaf:
      return { code: `LO[${d}] ^= LO[${s}]; HI[${d}] ^= HI[${s}];`, slots: 1 };
    case 0x67:
    case 0x6f:
    case 0x77:
    case 0x7f:
    case 0xc7:
    case 0xcf: {
      const n = (o & 0x08) !== 0 ? `(LO[${s}] & 63)` : `${k & 63}`;
      const body =
        (o & 0xf0) === 0x60
          ? `if (n >= 32) { HI[${d}] = LO[${d}] << (n - 32); LO[${d}] = 0; } else if (n > 0) { HI[${d}] = (HI[${d}] << n) | (LO[${d}] >>> (32 - n)); LO[${d}] = LO[${d}] << n; }`
          : (o & 0xf0) === 0x70
            ? `if (n >= 32) { LO[${d}] = (HI[${d}] >>> (n - 32)) | 0; HI[${d}] = 0; } else if (n > 0) { LO[${d}] = (LO[${d}] >>> n) | (HI[${d}] << (32 - n)); HI[${d}] = (HI[${d}] >>> n) | 0; }`
            : `if (n >= 32) { LO[${d}] = HI[${d}] >> (n - 32); HI[${d}] = HI[${d}] >> 31; } else if (n > 0) { LO[${d}] = (LO[${d}] >>> n) | (HI[${d}] << (32 - n)); HI[${d}] = HI[${d}] >> n; }`;
      return { code: `{ const n = ${n}; ${body} }`, slots: 1 };
    }
    case 0x87:
      return {
        code: `{ const low = LO[${d}]; LO[${d}] = -low | 0; HI[${d}] = (~HI[${d}] + (low === 0 ? 1 : 0)) | 0; }`,
        slots: 1,
      };
    case 0xb7:
      return { code: `LO[${d}] = ${k}; HI[${d}] = ${kHi};`, slots: 1 };
    case 0xbf:
      return { code: `LO[${d}] = LO[${s}]; HI[${d}] = HI[${s}];`, slots: 1 };
    // Calls to internal functions and `exit` end the block (syscalls and callx stay interpreted).
    case 0x85: {
      const callee = calls[pc]!;
      if (callee < 0) return undefined;
      return {
        code: `site.pc = ${pc}; site.executed = ${executed}; return frames.callFunction(${pc}, ${callee});`,
        slots: 1,
        ends: true,
      };
    }
    case 0x95:
      return {
        code: `if (frames.depth === 0) { site.pc = ${pc}; return ${EXITED}; } return frames.leaveFunction();`,
        slots: 1,
        ends: true,
      };
    // Jumps end the block.
    case 0x05:
      return { code: `return ${target};`, slots: 1, ends: true };
    case 0x15:
      return branch(`LO[${d}] === ${k} && HI[${d}] === ${kHi}`);
    case 0x1d:
      return branch(`LO[${d}] === LO[${s}] && HI[${d}] === HI[${s}]`);
    case 0x55:
      return branch(`LO[${d}] !== ${k} || HI[${d}] !== ${kHi}`);
    case 0x5d:
      return branch(`LO[${d}] !== LO[${s}] || HI[${d}] !== HI[${s}]`);
    case 0x45:
      return branch(`(LO[${d}] & ${k}) !== 0 || (HI[${d}] & ${kHi}) !== 0`);
    case 0x4d:
      return branch(`(LO[${d}] & LO[${s}]) !== 0 || (HI[${d}] & HI[${s}]) !== 0`);
    case 0x25:
    case 0x2d:
      return compare(true, o === 0x2d, '>');
    case 0x35:
    case 0x3d:
      return compare(true, o === 0x3d, '>=');
    case 0xa5:
    case 0xad:
      return compare(true, o === 0xad, '<');
    case 0xb5:
    case 0xbd:
      return compare(true, o === 0xbd, '<=');
    case 0x65:
    case 0x6d:
      return compare(false, o === 0x6d, '>');
    case 0x75:
    case 0x7d:
      return compare(false, o === 0x7d, '>=');
    case 0xc5:
    case 0xcd:
      return compare(false, o === 0xcd, '<');
    case 0xd5:
    case 0xdd:
      return compare(false, o === 0xdd, '<=');
    default:
      return undefined;
  }
}

/**
 * Keeps the registers a block touches in local variables (every value an int32, as in the arrays):
 * loaded once on entry, written back before anything that can leave the block or look at the
 * arrays (a return — calls and exits return through the frames — or a memory access that may
 * fault), so the arrays are exact wherever the interpreter or a fault could look at them.
 */
function inLocals(body: string): string {
  const used = [...new Set([...body.matchAll(/(?:LO|HI)\[(\d+)\]/g)].map((m) => Number(m[1])))].sort(
    (a, b) => a - b,
  );
  if (used.length === 0) return body;
  const load = `let ${used.map((r) => `l${r} = LO[${r}], h${r} = HI[${r}]`).join(', ')};`;
  const store = used.map((r) => `LO[${r}] = l${r}; HI[${r}] = h${r};`).join(' ');
  const local = body.replace(/LO\[(\d+)\]/g, 'l$1').replace(/HI\[(\d+)\]/g, 'h$1');
  return `${load}\n${local
    .replace(/return ([^;]+);/g, `{ ${store} return $1; }`)
    .replace(/const at = mem\.access\(/g, `${store} const at = mem.access(`)}`;
}

/** Compiles the block starting at `start`, or returns null when its first instruction is not compilable. */
export function compileBlock(
  executable: Executable,
  start: number,
  calls: Int32Array,
  leaders: Uint8Array,
): CompiledBlock | null {
  const { count } = executable.decoded;
  const lines: string[] = [];
  let pc = start;
  let cost = 0;
  let ended = false;
  while (pc < count && cost < MAX_BLOCK && (pc === start || leaders[pc] === 0)) {
    const emitted = emit(executable, calls, pc, cost + 1);
    if (!emitted) break;
    lines.push(emitted.code);
    cost++;
    pc += emitted.slots;
    if (emitted.ends) {
      ended = true;
      break;
    }
  }
  if (cost === 0) return null;
  if (!ended) lines.push(`return ${pc};`);
  // A block whose jump goes back to its own start loops in place while the meter holds another
  // full pass, charging each pass before it runs, as the interpreter would instruction by instruction.
  const last = lines.length - 1;
  const back = `return ${start};`;
  if (ended && lines[last]!.includes(back)) {
    lines[last] = lines[last]!.replace(
      back,
      `{ if (site.budget >= ${cost}) { site.budget -= ${cost}; continue; } return ${start}; }`,
    );
    lines.unshift('for (;;) {');
    lines.push('}');
  }
  // The source holds only literals derived from decoded numeric fields: no program text is spliced in.
  const factory = new Function(
    'mul64',
    'out',
    'bswap16',
    'bswap32',
    `return function block(LO, HI, mem, site, frames) {\n${inLocals(lines.join('\n'))}\n};`,
  ) as (...helpers: unknown[]) => CompiledBlock['run'];
  return { cost, run: factory(mul64, out, bswap16, bswap32) };
}
