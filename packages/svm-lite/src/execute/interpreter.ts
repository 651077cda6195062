import type { GasBreakdown, GasCategory, StepEvent, Tracer } from '@polyvm/core';
import {
  FIRST_SCRATCH_REG,
  FRAME_PTR_REG,
  INSN_SIZE,
  MAX_CALL_DEPTH,
  MM_INPUT_START,
  MM_STACK_START,
  STACK_FRAME_SIZE,
} from '../constants.js';
import { formatInstruction } from '../decode/disassemble.js';
import { decodeInstruction } from '../decode/instruction.js';
import * as op from '../decode/opcodes.js';
import type { Executable } from '../elf/executable.js';
import { bswap16, bswap32, divmod64, mul64, out, regToBigInt } from './alu64.js';
import { ComputeBudgetExceeded, VmFault } from './errors.js';
import type { MemoryMap } from './memory.js';
import type { Syscall, SyscallRegistry, SyscallWords } from './syscall-registry.js';
import { type CompiledTier, compiledTierFor, type TierVm } from './wasm/compiled-tier.js';
import { FRAME_WORDS, STATUS_EXITED } from './wasm/translate.js';

export interface VmOptions<H> {
  executable: Executable;
  syscalls: SyscallRegistry<H>;
  memory: MemoryMap;
  /** Compute units available (sbpf instruction meter). */
  computeUnits: number;
  /** Host context handed to syscalls (the invoke context). */
  host: H;
  tracer?: Tracer;
  /** Call depth of the invoking program (CPI nesting), reported in trace events. */
  traceDepth?: number;
  /**
   * Visits of a block leader before its block is translated to WebAssembly (default 2; 1
   * translates on first sight, `Infinity` never). Tracing always interprets.
   */
  compileThreshold?: number;
}

/** Per (executable, syscall registry): what each `call imm` resolves to, decided once. */
const NOT_RESOLVED = -1;
const resolvedCalls = new WeakMap<Executable, WeakMap<object, Int32Array>>();

/**
 * `call imm` resolution as the v0 interpreter does it (sbpf `interpreter.rs` CALL_IMM): a syscall
 * key wins, then an internal function key; otherwise the call faults when reached. Encoded as
 * `pc >= 0` for a function, `-2 - index` for syscall `index`, -1 for unresolved.
 */
function resolveCalls<H>(
  executable: Executable,
  syscalls: SyscallRegistry<H>,
  table: Array<Syscall<H>>,
): Int32Array {
  let perRegistry = resolvedCalls.get(executable);
  if (!perRegistry) resolvedCalls.set(executable, (perRegistry = new WeakMap()));
  const cached = perRegistry.get(syscalls);
  const { decoded } = executable;
  const targets = cached ?? new Int32Array(decoded.count).fill(NOT_RESOLVED);
  for (let pc = 0; pc < decoded.count; pc++) {
    if (decoded.opcode[pc] !== op.CALL_IMM) continue;
    const key = decoded.imm[pc]! >>> 0;
    const syscall = syscalls.lookup(key);
    if (syscall) {
      let index = table.indexOf(syscall);
      if (index < 0) index = table.push(syscall) - 1;
      targets[pc] = -2 - index;
      continue;
    }
    const fn = executable.functions.get(key);
    if (!cached && fn) targets[pc] = fn.pc;
  }
  if (!cached) perRegistry.set(syscalls, targets);
  return targets;
}

const U32 = 0x1_0000_0000;

/**
 * The sBPF v0 interpreter (semantics of anza-xyz/sbpf `interpreter.rs` for `SBPFVersion::V0`):
 * 11 64-bit registers kept as int32 halves, a pre-decoded instruction stream, fixed 4 KiB stack
 * frames with gaps, a 64-frame call limit and one compute unit per instruction.
 */
export class Vm<H = unknown> implements TierVm {
  readonly executable: Executable;
  readonly memory: MemoryMap;
  readonly host: H;
  /** Compute units left. */
  remaining: number;
  /** Instructions executed so far. */
  instructions = 0;
  /** Current call depth (0 = entrypoint frame). */
  depth = 0;
  /** Slot of the instruction being executed (the faulting one after a fault). */
  pc: number;
  readonly lo = new Int32Array(11);
  readonly hi = new Int32Array(11);
  readonly #syscalls: SyscallRegistry<H>;
  readonly #tracer: Tracer | undefined;
  readonly #traceDepth: number;
  /** Saved r6..r9, r10 (lo/hi pairs) and return pc per frame (`FRAME_WORDS` each, the translated code's layout). */
  readonly frames = new Int32Array(MAX_CALL_DEPTH * FRAME_WORDS);
  readonly #compileThreshold: number;
  /** Meter reading since which the instructions executed have not been added to `instructions`. */
  #segmentStart = 0;
  #syscallTable: Array<Syscall<H>> = [];
  /** r0..r5 handed to a syscall the interpreter calls (reused: syscalls do not nest in one VM). */
  readonly #syscallWords: SyscallWords = new Int32Array(12);

  constructor(options: VmOptions<H>) {
    this.executable = options.executable;
    this.memory = options.memory;
    this.host = options.host;
    this.remaining = options.computeUnits;
    this.#syscalls = options.syscalls;
    this.#tracer = options.tracer;
    this.#traceDepth = options.traceDepth ?? 0;
    this.#compileThreshold = options.compileThreshold ?? 2;
    this.pc = options.executable.entryPc;
    // r1 = input region, r10 = top of frame 0 (sbpf vm.rs: MM_STACK_START + stack_frame_size).
    this.#setReg(1, BigInt(MM_INPUT_START));
    this.#setReg(FRAME_PTR_REG, BigInt(MM_STACK_START + STACK_FRAME_SIZE));
  }

  /** Compute units charged by syscalls, by category (instructions are `instructions`, all compute). */
  readonly charged: GasBreakdown = { compute: 0, memory: 0, storage: 0, call: 0, crypto: 0, other: 0 };

  /** Charges `amount` compute units for host work (syscalls); faults when they are not there. */
  consume(amount: number, category: GasCategory = 'other'): void {
    if (amount > this.remaining) {
      this.charged[category] += this.remaining;
      this.remaining = 0;
      throw new ComputeBudgetExceeded(`computational budget exceeded: needed ${amount} compute units`, {
        kind: 'ComputationalBudgetExceeded',
        needed: amount,
      });
    }
    this.charged[category] += amount;
    this.remaining -= amount;
  }

  register(index: number): bigint {
    return regToBigInt(this.lo[index]!, this.hi[index]!);
  }

  #setReg(index: number, value: bigint): void {
    this.lo[index] = Number(value & 0xffffffffn) | 0;
    this.hi[index] = Number((value >> 32n) & 0xffffffffn) | 0;
  }

  /** Runs from the entrypoint to `exit` at depth 0 and returns r0; faults throw typed errors. */
  run(): bigint {
    const { opcode: OP, dst: DST, src: SRC, off: OFF, imm: IMM, count } = this.executable.decoded;
    const syscallTable: Array<Syscall<H>> = [];
    this.#syscallTable = syscallTable;
    const calls = resolveCalls(this.executable, this.#syscalls, syscallTable);
    const mem = this.memory;
    const LO = this.lo;
    const HI = this.hi;
    const tracer = this.#tracer;
    const threshold = this.#compileThreshold;
    let pc = this.pc;
    let budget = this.remaining;
    this.#segmentStart = budget;
    // The translated tier keeps the meter in an i32.
    const tier: CompiledTier | undefined =
      tracer === undefined && threshold !== Number.POSITIVE_INFINITY && budget <= 0x7fff_ffff
        ? compiledTierFor(this.executable, this.#syscalls, calls)
        : undefined;
    const entryCost = tier?.entryCost;
    const leaders = tier?.leaders;
    try {
      for (;;) {
        if (tier !== undefined) {
          let cost = entryCost![pc];
          if (cost === 0 && leaders![pc] === 1) {
            tier.visit(pc, threshold);
            cost = entryCost![pc];
          }
          // A block runs only when the meter holds all of it, so running out happens here, at
          // exactly the interpreter's instruction.
          if (cost !== undefined && cost !== 0 && budget >= cost) {
            const entered = pc;
            let status: number;
            try {
              status = tier.run(this, pc, budget);
            } finally {
              pc = this.pc;
              budget = this.remaining;
            }
            if (status === STATUS_EXITED) return regToBigInt(LO[0]!, HI[0]!);
            // Bailed out: at a slot without a block (visit it), at a block the meter cannot pay
            // for, or at an instruction only the interpreter runs, which may be the first of the
            // block just entered: then the interpreter runs it.
            if (pc !== entered) continue;
          }
        }
        if (budget <= 0) {
          this.pc = pc;
          throw new ComputeBudgetExceeded('exceeded max instructions: compute budget exhausted', {
            kind: 'ExceededMaxInstructions',
            pc,
          });
        }
        budget--;
        if (pc >>> 0 >= count) {
          throw new VmFault('ExecutionOverrun', `execution ran past the text section at slot ${pc}`, { pc });
        }
        if (tracer !== undefined) this.#trace(tracer, pc, budget + 1);
        const o = OP[pc]!;
        const d = DST[pc]!;
        let next = pc + 1;
        // Case labels are literal opcodes (names in decode/opcodes.ts): V8 compiles a switch over
        // literals into a jump table, which is most of this loop's speed.
        switch (o) {
          case 0x18: {
            // ld_dw_imm
            LO[d] = IMM[pc]!;
            HI[d] = IMM[pc + 1] ?? 0;
            next++;
            break;
          }
          case 0x71: {
            // ld_b_reg
            const s = SRC[pc]!;
            const at = mem.access(LO[s]!, HI[s]!, OFF[pc]!, 1, 'load');
            LO[d] = mem.view.getUint8(at);
            HI[d] = 0;
            break;
          }
          case 0x69: {
            // ld_h_reg
            const s = SRC[pc]!;
            const at = mem.access(LO[s]!, HI[s]!, OFF[pc]!, 2, 'load');
            LO[d] = mem.view.getUint16(at, true);
            HI[d] = 0;
            break;
          }
          case 0x61: {
            // ld_w_reg
            const s = SRC[pc]!;
            const at = mem.access(LO[s]!, HI[s]!, OFF[pc]!, 4, 'load');
            LO[d] = mem.view.getInt32(at, true);
            HI[d] = 0;
            break;
          }
          case 0x79: {
            // ld_dw_reg
            const s = SRC[pc]!;
            const at = mem.access(LO[s]!, HI[s]!, OFF[pc]!, 8, 'load');
            LO[d] = mem.view.getInt32(at, true);
            HI[d] = mem.view.getInt32(at + 4, true);
            break;
          }
          case 0x72: // st_b_imm
            {
              const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 1, 'store');
              mem.view.setUint8(at, IMM[pc]! & 0xff);
            }
            break;
          case 0x6a: // st_h_imm
            {
              const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 2, 'store');
              mem.view.setUint16(at, IMM[pc]! & 0xffff, true);
            }
            break;
          case 0x62: // st_w_imm
            {
              const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 4, 'store');
              mem.view.setInt32(at, IMM[pc]!, true);
            }
            break;
          case 0x7a: {
            // st_dw_imm
            const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 8, 'store');
            mem.view.setInt32(at, IMM[pc]!, true);
            mem.view.setInt32(at + 4, IMM[pc]! >> 31, true);
            break;
          }
          case 0x73: // st_b_reg
            {
              const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 1, 'store');
              mem.view.setUint8(at, LO[SRC[pc]!]! & 0xff);
            }
            break;
          case 0x6b: // st_h_reg
            {
              const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 2, 'store');
              mem.view.setUint16(at, LO[SRC[pc]!]! & 0xffff, true);
            }
            break;
          case 0x63: // st_w_reg
            {
              const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 4, 'store');
              mem.view.setInt32(at, LO[SRC[pc]!]!, true);
            }
            break;
          case 0x7b: {
            // st_dw_reg
            const s = SRC[pc]!;
            const at = mem.access(LO[d]!, HI[d]!, OFF[pc]!, 8, 'store');
            mem.view.setInt32(at, LO[s]!, true);
            mem.view.setInt32(at + 4, HI[s]!, true);
            break;
          }

          // ALU32. In v0, add/sub/mul results are sign-extended to 64 bits (sbpf `sign_extension`
          // with explicit_sign_extension_of_results off); every other ALU32 result is zero-extended.
          case 0x04: // add32_imm
            HI[d] = (LO[d] = (LO[d]! + IMM[pc]!) | 0) >> 31;
            break;
          case 0x0c: // add32_reg
            HI[d] = (LO[d] = (LO[d]! + LO[SRC[pc]!]!) | 0) >> 31;
            break;
          case 0x14: // sub32_imm
            HI[d] = (LO[d] = (LO[d]! - IMM[pc]!) | 0) >> 31;
            break;
          case 0x1c: // sub32_reg
            HI[d] = (LO[d] = (LO[d]! - LO[SRC[pc]!]!) | 0) >> 31;
            break;
          case 0x24: // mul32_imm
            HI[d] = (LO[d] = Math.imul(LO[d]!, IMM[pc]!)) >> 31;
            break;
          case 0x2c: // mul32_reg
            HI[d] = (LO[d] = Math.imul(LO[d]!, LO[SRC[pc]!]!)) >> 31;
            break;
          case 0x34: // div32_imm
          case 0x3c: // div32_reg
          case 0x94: // mod32_imm
          case 0x9c: {
            // mod32_reg
            const divisor = (o & 0x08 ? LO[SRC[pc]!]! : IMM[pc]!) >>> 0;
            if (divisor === 0) throw new VmFault('DivideByZero', `division by zero at slot ${pc}`, { pc });
            const dividend = LO[d]! >>> 0;
            LO[d] = (o & 0xf0) === 0x30 ? Math.floor(dividend / divisor) : dividend % divisor;
            HI[d] = 0;
            break;
          }
          case 0x44: // or32_imm
            LO[d] = LO[d]! | IMM[pc]!;
            HI[d] = 0;
            break;
          case 0x4c: // or32_reg
            LO[d] = LO[d]! | LO[SRC[pc]!]!;
            HI[d] = 0;
            break;
          case 0x54: // and32_imm
            LO[d] = LO[d]! & IMM[pc]!;
            HI[d] = 0;
            break;
          case 0x5c: // and32_reg
            LO[d] = LO[d]! & LO[SRC[pc]!]!;
            HI[d] = 0;
            break;
          case 0x64: // lsh32_imm
            LO[d] = LO[d]! << IMM[pc]!;
            HI[d] = 0;
            break;
          case 0x6c: // lsh32_reg
            LO[d] = LO[d]! << LO[SRC[pc]!]!;
            HI[d] = 0;
            break;
          case 0x74: // rsh32_imm
            LO[d] = LO[d]! >>> IMM[pc]!;
            HI[d] = 0;
            break;
          case 0x7c: // rsh32_reg
            LO[d] = LO[d]! >>> LO[SRC[pc]!]!;
            HI[d] = 0;
            break;
          case 0x84: // neg32
            LO[d] = -LO[d]! | 0;
            HI[d] = 0;
            break;
          case 0xa4: // xor32_imm
            LO[d] = LO[d]! ^ IMM[pc]!;
            HI[d] = 0;
            break;
          case 0xac: // xor32_reg
            LO[d] = LO[d]! ^ LO[SRC[pc]!]!;
            HI[d] = 0;
            break;
          case 0xb4: // mov32_imm
            LO[d] = IMM[pc]!;
            HI[d] = 0;
            break;
          case 0xbc: // mov32_reg
            LO[d] = LO[SRC[pc]!]!;
            HI[d] = 0;
            break;
          case 0xc4: // arsh32_imm
            LO[d] = LO[d]! >> IMM[pc]!;
            HI[d] = 0;
            break;
          case 0xcc: // arsh32_reg
            LO[d] = LO[d]! >> LO[SRC[pc]!]!;
            HI[d] = 0;
            break;
          case 0xd4: // le
          case 0xdc: {
            // be
            const width = IMM[pc]!;
            const swap = o === op.BE;
            if (width === 16) {
              LO[d] = swap ? bswap16(LO[d]!) : LO[d]! & 0xffff;
              HI[d] = 0;
            } else if (width === 32) {
              LO[d] = swap ? bswap32(LO[d]!) : LO[d]!;
              HI[d] = 0;
            } else if (width === 64) {
              if (swap) {
                const low = LO[d]!;
                LO[d] = bswap32(HI[d]!);
                HI[d] = bswap32(low);
              }
            } else {
              throw new VmFault('InvalidInstruction', `invalid byte-swap width ${width} at slot ${pc}`, {
                pc,
              });
            }
            break;
          }

          // ALU64: immediates are sign-extended from 32 bits.
          case 0x07: {
            // add64_imm
            const sum = (LO[d]! >>> 0) + (IMM[pc]! >>> 0);
            HI[d] = (HI[d]! + (IMM[pc]! >> 31) + (sum >= U32 ? 1 : 0)) | 0;
            LO[d] = sum | 0;
            break;
          }
          case 0x0f: {
            // add64_reg
            const s = SRC[pc]!;
            const sum = (LO[d]! >>> 0) + (LO[s]! >>> 0);
            HI[d] = (HI[d]! + HI[s]! + (sum >= U32 ? 1 : 0)) | 0;
            LO[d] = sum | 0;
            break;
          }
          case 0x17: {
            // sub64_imm
            const diff = (LO[d]! >>> 0) - (IMM[pc]! >>> 0);
            HI[d] = (HI[d]! - (IMM[pc]! >> 31) - (diff < 0 ? 1 : 0)) | 0;
            LO[d] = diff | 0;
            break;
          }
          case 0x1f: {
            // sub64_reg
            const s = SRC[pc]!;
            const diff = (LO[d]! >>> 0) - (LO[s]! >>> 0);
            HI[d] = (HI[d]! - HI[s]! - (diff < 0 ? 1 : 0)) | 0;
            LO[d] = diff | 0;
            break;
          }
          case 0x27: // mul64_imm
            mul64(LO[d]!, HI[d]!, IMM[pc]!, IMM[pc]! >> 31);
            LO[d] = out[0]!;
            HI[d] = out[1]!;
            break;
          case 0x2f: {
            // mul64_reg
            const s = SRC[pc]!;
            mul64(LO[d]!, HI[d]!, LO[s]!, HI[s]!);
            LO[d] = out[0]!;
            HI[d] = out[1]!;
            break;
          }
          case 0x37: // div64_imm
          case 0x3f: // div64_reg
          case 0x97: // mod64_imm
          case 0x9f: {
            // mod64_reg
            const reg = (o & 0x08) !== 0;
            const blo = reg ? LO[SRC[pc]!]! : IMM[pc]!;
            const bhi = reg ? HI[SRC[pc]!]! : IMM[pc]! >> 31;
            if (blo === 0 && bhi === 0)
              throw new VmFault('DivideByZero', `division by zero at slot ${pc}`, { pc });
            divmod64(LO[d]!, HI[d]!, blo, bhi, (o & 0xf0) === 0x90);
            LO[d] = out[0]!;
            HI[d] = out[1]!;
            break;
          }
          case 0x47: // or64_imm
            LO[d] = LO[d]! | IMM[pc]!;
            HI[d] = HI[d]! | (IMM[pc]! >> 31);
            break;
          case 0x4f: // or64_reg
            LO[d] = LO[d]! | LO[SRC[pc]!]!;
            HI[d] = HI[d]! | HI[SRC[pc]!]!;
            break;
          case 0x57: // and64_imm
            LO[d] = LO[d]! & IMM[pc]!;
            HI[d] = HI[d]! & (IMM[pc]! >> 31);
            break;
          case 0x5f: // and64_reg
            LO[d] = LO[d]! & LO[SRC[pc]!]!;
            HI[d] = HI[d]! & HI[SRC[pc]!]!;
            break;
          case 0xa7: // xor64_imm
            LO[d] = LO[d]! ^ IMM[pc]!;
            HI[d] = HI[d]! ^ (IMM[pc]! >> 31);
            break;
          case 0xaf: // xor64_reg
            LO[d] = LO[d]! ^ LO[SRC[pc]!]!;
            HI[d] = HI[d]! ^ HI[SRC[pc]!]!;
            break;
          case 0x67: // lsh64_imm
          case 0x6f: {
            // lsh64_reg
            const n = ((o & 0x08) !== 0 ? LO[SRC[pc]!]! : IMM[pc]!) & 63;
            if (n >= 32) {
              HI[d] = LO[d]! << (n - 32);
              LO[d] = 0;
            } else if (n > 0) {
              HI[d] = (HI[d]! << n) | (LO[d]! >>> (32 - n));
              LO[d] = LO[d]! << n;
            }
            break;
          }
          case 0x77: // rsh64_imm
          case 0x7f: {
            // rsh64_reg
            const n = ((o & 0x08) !== 0 ? LO[SRC[pc]!]! : IMM[pc]!) & 63;
            if (n >= 32) {
              LO[d] = HI[d]! >>> (n - 32);
              HI[d] = 0;
            } else if (n > 0) {
              LO[d] = (LO[d]! >>> n) | (HI[d]! << (32 - n));
              HI[d] = HI[d]! >>> n;
            }
            break;
          }
          case 0xc7: // arsh64_imm
          case 0xcf: {
            // arsh64_reg
            const n = ((o & 0x08) !== 0 ? LO[SRC[pc]!]! : IMM[pc]!) & 63;
            if (n >= 32) {
              LO[d] = HI[d]! >> (n - 32);
              HI[d] = HI[d]! >> 31;
            } else if (n > 0) {
              LO[d] = (LO[d]! >>> n) | (HI[d]! << (32 - n));
              HI[d] = HI[d]! >> n;
            }
            break;
          }
          case 0x87: {
            // neg64
            const low = LO[d]!;
            LO[d] = -low | 0;
            HI[d] = (~HI[d]! + (low === 0 ? 1 : 0)) | 0;
            break;
          }
          case 0xb7: // mov64_imm
            LO[d] = IMM[pc]!;
            HI[d] = IMM[pc]! >> 31;
            break;
          case 0xbf: // mov64_reg
            LO[d] = LO[SRC[pc]!]!;
            HI[d] = HI[SRC[pc]!]!;
            break;

          // Jumps: targets are `pc + 1 + off` in slots.
          case 0x05: // ja
            next += OFF[pc]!;
            break;
          case 0x15: // jeq_imm
            if (LO[d] === IMM[pc] && HI[d] === IMM[pc]! >> 31) next += OFF[pc]!;
            break;
          case 0x1d: // jeq_reg
            if (LO[d] === LO[SRC[pc]!] && HI[d] === HI[SRC[pc]!]) next += OFF[pc]!;
            break;
          case 0x55: // jne_imm
            if (LO[d] !== IMM[pc] || HI[d] !== IMM[pc]! >> 31) next += OFF[pc]!;
            break;
          case 0x5d: // jne_reg
            if (LO[d] !== LO[SRC[pc]!] || HI[d] !== HI[SRC[pc]!]) next += OFF[pc]!;
            break;
          case 0x45: // jset_imm
            if ((LO[d]! & IMM[pc]!) !== 0 || (HI[d]! & (IMM[pc]! >> 31)) !== 0) next += OFF[pc]!;
            break;
          case 0x4d: // jset_reg
            if ((LO[d]! & LO[SRC[pc]!]!) !== 0 || (HI[d]! & HI[SRC[pc]!]!) !== 0) next += OFF[pc]!;
            break;
          case 0x25: // jgt_imm
          case 0x35: // jge_imm
          case 0xa5: // jlt_imm
          case 0xb5: // jle_imm
          case 0x2d: // jgt_reg
          case 0x3d: // jge_reg
          case 0xad: // jlt_reg
          case 0xbd: {
            // jle_reg
            const reg = (o & 0x08) !== 0;
            const bhi = (reg ? HI[SRC[pc]!]! : IMM[pc]! >> 31) >>> 0;
            const ahi = HI[d]! >>> 0;
            const cmp =
              ahi !== bhi ? (ahi > bhi ? 1 : -1) : compareU32(LO[d]!, reg ? LO[SRC[pc]!]! : IMM[pc]!);
            if (takesBranch(o & 0xf0, cmp)) next += OFF[pc]!;
            break;
          }
          case 0x65: // jsgt_imm
          case 0x75: // jsge_imm
          case 0xc5: // jslt_imm
          case 0xd5: // jsle_imm
          case 0x6d: // jsgt_reg
          case 0x7d: // jsge_reg
          case 0xcd: // jslt_reg
          case 0xdd: {
            // jsle_reg
            const reg = (o & 0x08) !== 0;
            const bhi = reg ? HI[SRC[pc]!]! : IMM[pc]! >> 31;
            const ahi = HI[d]!;
            const cmp =
              ahi !== bhi ? (ahi > bhi ? 1 : -1) : compareU32(LO[d]!, reg ? LO[SRC[pc]!]! : IMM[pc]!);
            if (takesBranch(o & 0xf0, cmp)) next += OFF[pc]!;
            break;
          }

          case 0x85: {
            // call_imm
            const target = calls[pc]!;
            if (target <= -2) {
              // Syscalls charge the same meter: hand it over, then take back what is left.
              this.instructions += this.#segmentStart - budget;
              this.remaining = budget;
              this.pc = pc;
              try {
                this.#callSyscall(syscallTable[-2 - target]!);
              } catch (err) {
                if (err instanceof VmFault) err.inSyscall = true;
                throw err;
              } finally {
                budget = this.#segmentStart = this.remaining;
              }
            } else if (target >= 0) {
              this.enterFunction(pc);
              next = target;
            } else {
              throw new VmFault(
                'UnsupportedInstruction',
                `call to unknown key 0x${(IMM[pc]! >>> 0).toString(16)}`,
                {
                  pc,
                  key: IMM[pc]! >>> 0,
                },
              );
            }
            break;
          }
          case 0x8d: {
            // call_reg
            const r = IMM[pc]!;
            if (r < 0 || r > 10) {
              throw new VmFault('UnsupportedInstruction', `callx with invalid register r${r}`, { pc });
            }
            const target = regToBigInt(LO[r]!, HI[r]!);
            this.enterFunction(pc);
            const slot = ((target - this.executable.textVaddr) & 0xffffffffffffffffn) / BigInt(INSN_SIZE);
            if (slot >= BigInt(count)) {
              throw new VmFault(
                'CallOutsideTextSegment',
                `callx to 0x${target.toString(16)} is outside .text`,
                {
                  pc,
                  target: `0x${target.toString(16)}`,
                },
              );
            }
            next = Number(slot);
            break;
          }
          case 0x95: {
            // exit
            if (this.depth === 0) {
              this.pc = pc;
              return regToBigInt(LO[0]!, HI[0]!);
            }
            next = this.leaveFunction();
            break;
          }
          default:
            throw new VmFault(
              'UnsupportedInstruction',
              `unsupported opcode 0x${o.toString(16)} at slot ${pc}`,
              {
                pc,
                opcode: o,
              },
            );
        }
        pc = next;
      }
    } catch (err) {
      this.pc = pc;
      throw err;
    } finally {
      this.instructions += this.#segmentStart - budget;
      this.#segmentStart = budget;
      this.remaining = budget;
    }
  }

  /**
   * A syscall reached in translated code: the meter is handed over as the interpreter hands it
   * over; `words` is the tier's register area (r0..r5 as halves), where r0 comes back.
   */
  compiledSyscall(index: number, pc: number, budget: number, words: SyscallWords): number {
    this.instructions += this.#segmentStart - budget;
    this.remaining = budget;
    this.pc = pc;
    try {
      this.#syscallTable[index]!.invoke(this, words);
    } catch (err) {
      if (err instanceof VmFault) err.inSyscall = true;
      throw err;
    } finally {
      this.#segmentStart = this.remaining;
    }
    return this.remaining;
  }

  /** sbpf `push_frame` for a call at `pc`: save r6..r10 and the return slot, then bump r10 by a frame and its gap. */
  enterFunction(pc: number): void {
    const frames = this.frames;
    const base = this.depth * FRAME_WORDS;
    for (let i = 0; i < 5; i++) {
      frames[base + 2 * i] = this.lo[FIRST_SCRATCH_REG + i]!;
      frames[base + 2 * i + 1] = this.hi[FIRST_SCRATCH_REG + i]!;
    }
    frames[base + 10] = pc + 1;
    this.depth++;
    if (this.depth === MAX_CALL_DEPTH) {
      throw new VmFault('CallDepthExceeded', `call depth exceeded ${MAX_CALL_DEPTH} frames`, { pc });
    }
    const fp = (this.lo[FRAME_PTR_REG]! >>> 0) + 2 * STACK_FRAME_SIZE;
    this.hi[FRAME_PTR_REG] = (this.hi[FRAME_PTR_REG]! + (fp >= U32 ? 1 : 0)) | 0;
    this.lo[FRAME_PTR_REG] = fp | 0;
  }

  /** `exit` below the entrypoint frame: restore r6..r10 and return the caller's next slot. */
  leaveFunction(): number {
    const frames = this.frames;
    this.depth--;
    const base = this.depth * FRAME_WORDS;
    for (let i = 0; i < 5; i++) {
      this.lo[FIRST_SCRATCH_REG + i] = frames[base + 2 * i]!;
      this.hi[FIRST_SCRATCH_REG + i] = frames[base + 2 * i + 1]!;
    }
    return frames[base + 10]!;
  }

  #callSyscall(syscall: Syscall<H>): void {
    const words = this.#syscallWords;
    for (let r = 1; r <= 5; r++) {
      words[2 * r] = this.lo[r]!;
      words[2 * r + 1] = this.hi[r]!;
    }
    syscall.invoke(this, words);
    this.lo[0] = words[0]!;
    this.hi[0] = words[1]!;
  }

  #trace(tracer: Tracer, pc: number, gasBefore: number): void {
    const text = this.executable.text;
    const insn = decodeInstruction(text, pc);
    const next =
      insn.opcode === op.LD_DW_IMM && (pc + 1) * INSN_SIZE < text.length
        ? decodeInstruction(text, pc + 1)
        : undefined;
    const stack: string[] = [];
    for (let i = 0; i <= 10; i++) stack.push(`0x${this.register(i).toString(16)}`);
    const event: StepEvent = {
      runtime: 'svm',
      depth: this.#traceDepth + this.depth,
      pc,
      location: functionAt(this.executable, pc),
      op: formatInstruction(insn, next, {
        syscall: (hash) => this.#syscalls.lookup(hash)?.name,
      }),
      gasBefore,
      gasCost: 1,
      stack,
    };
    tracer(event);
  }
}

const functionStarts = new WeakMap<Executable, Array<{ pc: number; name: string }>>();

/** The function a slot belongs to: the registered function starting closest before it. */
function functionAt(executable: Executable, pc: number): string | undefined {
  let starts = functionStarts.get(executable);
  if (!starts) {
    starts = [...executable.functions.values()].sort((a, b) => a.pc - b.pc);
    functionStarts.set(executable, starts);
  }
  let found: string | undefined;
  for (const start of starts) {
    if (start.pc > pc) break;
    found = start.name;
  }
  return found;
}

function compareU32(a: number, b: number): number {
  const x = a >>> 0;
  const y = b >>> 0;
  return x === y ? 0 : x > y ? 1 : -1;
}

/** The condition of a compare-and-jump, by its operation nibble (JGT 0x20, JGE 0x30, JSGT 0x60…). */
function takesBranch(operation: number, cmp: number): boolean {
  switch (operation) {
    case 0x20:
    case 0x60:
      return cmp > 0;
    case 0x30:
    case 0x70:
      return cmp >= 0;
    case 0xa0:
    case 0xc0:
      return cmp < 0;
    default:
      return cmp <= 0;
  }
}
