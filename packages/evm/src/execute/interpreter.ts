import { keccak256Word } from '../crypto/keccak.js';
import { ENDS_BLOCK } from '../decode/blocks.js';
import { DEFINED, MAX_STACK, MIN_STACK, opcodeName, STATIC_GAS } from '../decode/opcodes.js';
import { slotId } from '../host/substate.js';
import type { Evm } from './evm.js';
import { EXIT_ERROR, EXIT_REVERT, EXIT_SUCCESS, type Frame } from './frame.js';
import {
  copyCost,
  expByteCost,
  G_CALL_STIPEND,
  G_COLD_SLOAD,
  G_KECCAK256_WORD,
  G_WARM_ACCESS,
  sstoreGas,
} from './gas-rules.js';
import { callOp, createOp, logOp, selfDestructOp } from './system.js';
import {
  byteAt,
  bytesToWord,
  exp,
  MAX_U256,
  readWord,
  sar,
  sdiv,
  shl,
  shr,
  signExtend,
  slt,
  smod,
  writeWord,
} from './u256.js';

// Wrapping adds and subtracts by 2^256 only when a result leaves the word: no mask allocation otherwise.
const TWO_256 = 1n << 256n;
// Category indexes of the receipt's gas breakdown (see GAS_CATEGORIES in @polyvm/core).
const STORAGE = 2;
const COMPUTE = 0;
const CODE_LIMIT = 0xffffffn;
/** No input or memory reaches 2^32 bytes (memory that large costs more gas than any block holds). */
const BYTES_LIMIT = 1n << 32n;

/**
 * The instruction loop (Yellow Paper §9.4). Constant gas and stack bounds are checked once per
 * straight-line run (`decode/blocks.ts`): at a run's entry its whole constant gas is charged when the
 * stack height and gas left cover it, and its instructions then run with no per-instruction checks.
 * Otherwise (and always when tracing) each instruction checks its bounds and constant gas from flat
 * tables, so a run that fails halts at exactly the instruction it would halt at. One `switch`
 * dispatches; pc, sp and the stack array live in locals, written back when the loop exits.
 * Returns an EXIT_* code.
 */
export function interpret(frame: Frame, evm: Evm): number {
  const code = frame.code;
  const codeLength = code.length;
  const pushValues = frame.pushValues;
  const jumpdests = frame.jumpdests;
  const { gas: blockGas, minStack, maxStack } = frame.blocks;
  const stack = frame.stack;
  const counts = evm.opCounts;
  const tracer = evm.tracer;
  const message = frame.message;
  let pc = frame.pc;
  let sp = frame.sp;
  let exit = 0;
  // True at the first instruction of a run; `checked` while instructions check their own bounds.
  let entry = true;
  let checked = true;

  loop: for (;;) {
    if (entry) {
      entry = false;
      const cost = blockGas[pc]!;
      checked = tracer !== undefined || sp < minStack[pc]! || sp > maxStack[pc]! || cost > frame.gas;
      if (!checked) frame.gas -= cost;
    }
    const op = pc < codeLength ? code[pc]! : 0x00;
    if (checked) {
      if (tracer !== undefined) evm.traceStep(frame, pc, op, sp);
      if (sp < MIN_STACK[op]!) {
        exit = frame.halt(`stack underflow: ${opcodeName(op)} at pc ${pc}`);
        break;
      }
      if (sp > MAX_STACK[op]!) {
        exit = frame.halt(
          DEFINED[op] ? `stack overflow at pc ${pc}` : `invalid opcode ${opcodeName(op)} at pc ${pc}`,
        );
        break;
      }
      const cost = STATIC_GAS[op]!;
      if (cost > frame.gas && !frame.refill(cost)) {
        frame.outOfGas = true;
        exit = frame.halt(`out of gas: ${opcodeName(op)} at pc ${pc}`);
        break;
      }
      frame.gas -= cost;
    }
    counts[op]!++;
    pc++;
    entry = ENDS_BLOCK[op] === 1;
    switch (op) {
      case 0x00: // STOP
        exit = EXIT_SUCCESS;
        break loop;
      case 0x01: {
        const sum = stack[--sp]! + stack[sp - 1]!;
        stack[sp - 1] = sum > MAX_U256 ? sum - TWO_256 : sum;
        break;
      }
      case 0x02: {
        const product = stack[--sp]! * stack[sp - 1]!;
        stack[sp - 1] = product > MAX_U256 ? BigInt.asUintN(256, product) : product;
        break;
      }
      case 0x03: {
        const difference = stack[--sp]! - stack[sp - 1]!;
        stack[sp - 1] = difference < 0n ? difference + TWO_256 : difference;
        break;
      }
      case 0x04: {
        const a = stack[--sp]!;
        const b = stack[sp - 1]!;
        stack[sp - 1] = b === 0n ? 0n : a / b;
        break;
      }
      case 0x05: {
        const a = stack[--sp]!;
        stack[sp - 1] = sdiv(a, stack[sp - 1]!);
        break;
      }
      case 0x06: {
        const a = stack[--sp]!;
        const b = stack[sp - 1]!;
        stack[sp - 1] = b === 0n ? 0n : a % b;
        break;
      }
      case 0x07: {
        const a = stack[--sp]!;
        stack[sp - 1] = smod(a, stack[sp - 1]!);
        break;
      }
      case 0x08: {
        const a = stack[--sp]!;
        const b = stack[--sp]!;
        const n = stack[sp - 1]!;
        stack[sp - 1] = n === 0n ? 0n : (a + b) % n;
        break;
      }
      case 0x09: {
        const a = stack[--sp]!;
        const b = stack[--sp]!;
        const n = stack[sp - 1]!;
        stack[sp - 1] = n === 0n ? 0n : (a * b) % n;
        break;
      }
      case 0x0a: {
        const base = stack[--sp]!;
        const exponent = stack[sp - 1]!;
        if (!frame.charge(expByteCost(exponent), COMPUTE)) {
          exit = EXIT_ERROR;
          break loop;
        }
        stack[sp - 1] = exp(base, exponent);
        break;
      }
      case 0x0b: {
        const b = stack[--sp]!;
        stack[sp - 1] = signExtend(b, stack[sp - 1]!);
        break;
      }
      case 0x10: {
        const a = stack[--sp]!;
        stack[sp - 1] = a < stack[sp - 1]! ? 1n : 0n;
        break;
      }
      case 0x11: {
        const a = stack[--sp]!;
        stack[sp - 1] = a > stack[sp - 1]! ? 1n : 0n;
        break;
      }
      case 0x12: {
        const a = stack[--sp]!;
        stack[sp - 1] = slt(a, stack[sp - 1]!) ? 1n : 0n;
        break;
      }
      case 0x13: {
        const a = stack[--sp]!;
        stack[sp - 1] = slt(stack[sp - 1]!, a) ? 1n : 0n;
        break;
      }
      case 0x14: {
        const a = stack[--sp]!;
        stack[sp - 1] = a === stack[sp - 1]! ? 1n : 0n;
        break;
      }
      case 0x15:
        stack[sp - 1] = stack[sp - 1] === 0n ? 1n : 0n;
        break;
      case 0x16: {
        const a = stack[--sp]!;
        stack[sp - 1] = a & stack[sp - 1]!;
        break;
      }
      case 0x17: {
        const a = stack[--sp]!;
        stack[sp - 1] = a | stack[sp - 1]!;
        break;
      }
      case 0x18: {
        const a = stack[--sp]!;
        stack[sp - 1] = a ^ stack[sp - 1]!;
        break;
      }
      case 0x19:
        stack[sp - 1] = MAX_U256 ^ stack[sp - 1]!;
        break;
      case 0x1a: {
        const i = stack[--sp]!;
        stack[sp - 1] = byteAt(i, stack[sp - 1]!);
        break;
      }
      case 0x1b: {
        const s = stack[--sp]!;
        stack[sp - 1] = shl(s, stack[sp - 1]!);
        break;
      }
      case 0x1c: {
        const s = stack[--sp]!;
        stack[sp - 1] = shr(s, stack[sp - 1]!);
        break;
      }
      case 0x1d: {
        const s = stack[--sp]!;
        stack[sp - 1] = sar(s, stack[sp - 1]!);
        break;
      }
      case 0x20: {
        const offset = stack[--sp]!;
        const size = stack[sp - 1]!;
        if (
          !frame.expand(
            offset,
            size,
            size < CODE_LIMIT ? G_KECCAK256_WORD * Math.ceil(Number(size) / 32) : Number.MAX_SAFE_INTEGER,
          )
        ) {
          exit = EXIT_ERROR;
          break loop;
        }
        stack[sp - 1] = keccak256Word(frame.memory, size === 0n ? 0 : Number(offset), Number(size));
        break;
      }
      case 0x30:
        stack[sp++] = message.target;
        break;
      case 0x31: {
        const address = stack[sp - 1]! & ADDRESS_MASK;
        if (!frame.charge(evm.accessAccount(address), STORAGE)) {
          exit = EXIT_ERROR;
          break loop;
        }
        stack[sp - 1] = evm.world.balance(address);
        break;
      }
      case 0x32:
        stack[sp++] = evm.tx.origin;
        break;
      case 0x33:
        stack[sp++] = message.caller;
        break;
      case 0x34:
        stack[sp++] = message.value;
        break;
      case 0x35: {
        const offset = stack[sp - 1]!;
        stack[sp - 1] =
          offset >= BYTES_LIMIT || Number(offset) >= message.input.length
            ? 0n
            : readWord(message.input, Number(offset));
        break;
      }
      case 0x36:
        stack[sp++] = BigInt(message.input.length);
        break;
      case 0x37:
      case 0x39: {
        const memOffset = stack[--sp]!;
        const dataOffset = stack[--sp]!;
        const size = stack[--sp]!;
        if (!copyToMemory(frame, memOffset, dataOffset, size, op === 0x37 ? message.input : code)) {
          exit = EXIT_ERROR;
          break loop;
        }
        break;
      }
      case 0x38:
        stack[sp++] = BigInt(codeLength);
        break;
      case 0x3a:
        stack[sp++] = evm.tx.gasPrice;
        break;
      case 0x3b: {
        const address = stack[sp - 1]! & ADDRESS_MASK;
        if (!frame.charge(evm.accessAccount(address), STORAGE)) {
          exit = EXIT_ERROR;
          break loop;
        }
        stack[sp - 1] = BigInt(evm.world.code(address).length);
        break;
      }
      case 0x3c: {
        const address = stack[--sp]! & ADDRESS_MASK;
        const memOffset = stack[--sp]!;
        const dataOffset = stack[--sp]!;
        const size = stack[--sp]!;
        if (!frame.charge(evm.accessAccount(address), STORAGE)) {
          exit = EXIT_ERROR;
          break loop;
        }
        if (!copyToMemory(frame, memOffset, dataOffset, size, evm.world.code(address))) {
          exit = EXIT_ERROR;
          break loop;
        }
        break;
      }
      case 0x3d:
        stack[sp++] = BigInt(frame.returnData.length);
        break;
      case 0x3e: {
        const memOffset = stack[--sp]!;
        const dataOffset = stack[--sp]!;
        const size = stack[--sp]!;
        // EIP-211: reading past the end of the return data is an exceptional halt.
        if (dataOffset + size > BigInt(frame.returnData.length)) {
          exit = frame.halt('return data out of bounds');
          break loop;
        }
        if (!copyToMemory(frame, memOffset, dataOffset, size, frame.returnData)) {
          exit = EXIT_ERROR;
          break loop;
        }
        break;
      }
      case 0x3f: {
        const address = stack[sp - 1]! & ADDRESS_MASK;
        if (!frame.charge(evm.accessAccount(address), STORAGE)) {
          exit = EXIT_ERROR;
          break loop;
        }
        // EIP-1052 + EIP-161: 0 for accounts that do not exist or are empty.
        stack[sp - 1] = evm.world.isAlive(address) ? bytesToWord(evm.world.codeHash(address)) : 0n;
        break;
      }
      case 0x40:
        stack[sp - 1] = evm.blockHash(stack[sp - 1]!);
        break;
      case 0x41:
        stack[sp++] = evm.block.coinbase;
        break;
      case 0x42:
        stack[sp++] = evm.block.timestamp;
        break;
      case 0x43:
        stack[sp++] = evm.block.number;
        break;
      case 0x44:
        stack[sp++] = evm.block.prevRandao;
        break;
      case 0x45:
        stack[sp++] = evm.block.gasLimit;
        break;
      case 0x46:
        stack[sp++] = evm.block.chainId;
        break;
      case 0x47:
        stack[sp++] = evm.world.balance(message.target);
        break;
      case 0x48:
        stack[sp++] = evm.block.baseFee;
        break;
      case 0x49: {
        const index = stack[sp - 1]!;
        const hashes = evm.tx.blobHashes;
        stack[sp - 1] = index < BigInt(hashes.length) ? hashes[Number(index)]! : 0n;
        break;
      }
      case 0x4a:
        stack[sp++] = evm.block.blobBaseFee;
        break;
      case 0x50:
        sp--;
        break;
      case 0x51: {
        const offset = stack[sp - 1]!;
        if (!frame.expandSmall(offset, 32)) {
          exit = EXIT_ERROR;
          break loop;
        }
        stack[sp - 1] = readWord(frame.memory, Number(offset));
        break;
      }
      case 0x52: {
        const offset = stack[--sp]!;
        const value = stack[--sp]!;
        if (!frame.expandSmall(offset, 32)) {
          exit = EXIT_ERROR;
          break loop;
        }
        writeWord(frame.memory, Number(offset), value);
        break;
      }
      case 0x53: {
        const offset = stack[--sp]!;
        const value = stack[--sp]!;
        if (!frame.expandSmall(offset, 1)) {
          exit = EXIT_ERROR;
          break loop;
        }
        frame.memory[Number(offset)] = Number(value & 0xffn);
        break;
      }
      case 0x54: {
        const slot = stack[sp - 1]!;
        const id = slotId(message.target, slot);
        const cold = evm.substate.add('warmSlots', id);
        if (!frame.charge(cold ? G_COLD_SLOAD : G_WARM_ACCESS, STORAGE)) {
          exit = EXIT_ERROR;
          break loop;
        }
        stack[sp - 1] = evm.sload(message.target, slot, id);
        break;
      }
      case 0x55: {
        const slot = stack[--sp]!;
        const value = stack[--sp]!;
        if (message.isStatic) {
          exit = frame.halt('SSTORE in a static call');
          break loop;
        }
        // EIP-2200: SSTORE fails when no more than the call stipend is left.
        if (frame.gas <= G_CALL_STIPEND && frame.reserve === 0n) {
          frame.outOfGas = true;
          exit = frame.halt('out of gas: SSTORE needs more than the call stipend');
          break loop;
        }
        const id = slotId(message.target, slot);
        const current = evm.sload(message.target, slot, id);
        let original = evm.substate.originals.get(id);
        if (original === undefined) {
          original = current;
          evm.substate.originals.set(id, current);
        }
        const cold = evm.substate.add('warmSlots', id);
        const rule = sstoreGas(original, current, value, cold);
        if (!frame.charge(rule.cost, STORAGE)) {
          exit = EXIT_ERROR;
          break loop;
        }
        evm.substate.refund += rule.refund;
        if (current !== value) evm.sstore(message.target, slot, id, value);
        break;
      }
      case 0x56: {
        const dest = stack[--sp]!;
        if (dest > CODE_LIMIT || jumpdests[Number(dest)] !== 1) {
          exit = frame.halt(`invalid jump destination ${dest} at pc ${pc - 1}`);
          break loop;
        }
        pc = Number(dest);
        break;
      }
      case 0x57: {
        const dest = stack[--sp]!;
        const condition = stack[--sp]!;
        if (condition !== 0n) {
          if (dest > CODE_LIMIT || jumpdests[Number(dest)] !== 1) {
            exit = frame.halt(`invalid jump destination ${dest} at pc ${pc - 1}`);
            break loop;
          }
          pc = Number(dest);
        }
        break;
      }
      case 0x58:
        stack[sp++] = BigInt(pc - 1);
        break;
      case 0x59:
        stack[sp++] = BigInt(frame.memoryWords * 32);
        break;
      case 0x5a:
        stack[sp++] = frame.total();
        break;
      case 0x5b:
        break;
      case 0x5c:
        stack[sp - 1] = evm.world.getTransient(message.target, stack[sp - 1]!);
        break;
      case 0x5d: {
        const slot = stack[--sp]!;
        const value = stack[--sp]!;
        if (message.isStatic) {
          exit = frame.halt('TSTORE in a static call');
          break loop;
        }
        evm.world.setTransient(message.target, slot, value);
        evm.substate.transientSlots.push([message.target, slot]);
        break;
      }
      case 0x5e: {
        const dest = stack[--sp]!;
        const source = stack[--sp]!;
        const size = stack[--sp]!;
        // EIP-5656: memory expansion covers both ranges; copy cost is per word.
        const copy = size < CODE_LIMIT ? copyCost(Number(size)) : Number.MAX_SAFE_INTEGER;
        // biome-ignore lint/complexity/useMathMinMax: bigint operands
        const far = dest > source ? dest : source;
        if (!frame.expand(far, size, copy)) {
          exit = EXIT_ERROR;
          break loop;
        }
        if (size !== 0n) {
          const s = Number(source);
          frame.memory.copyWithin(Number(dest), s, s + Number(size));
        }
        break;
      }
      case 0x5f:
        stack[sp++] = 0n;
        break;
      case 0x60:
      case 0x61:
      case 0x62:
      case 0x63:
      case 0x64:
      case 0x65:
      case 0x66:
      case 0x67:
      case 0x68:
      case 0x69:
      case 0x6a:
      case 0x6b:
      case 0x6c:
      case 0x6d:
      case 0x6e:
      case 0x6f:
      case 0x70:
      case 0x71:
      case 0x72:
      case 0x73:
      case 0x74:
      case 0x75:
      case 0x76:
      case 0x77:
      case 0x78:
      case 0x79:
      case 0x7a:
      case 0x7b:
      case 0x7c:
      case 0x7d:
      case 0x7e:
      case 0x7f:
        stack[sp++] = pushValues[pc - 1]!;
        pc += op - 0x5f;
        break;
      case 0x80:
      case 0x81:
      case 0x82:
      case 0x83:
      case 0x84:
      case 0x85:
      case 0x86:
      case 0x87:
      case 0x88:
      case 0x89:
      case 0x8a:
      case 0x8b:
      case 0x8c:
      case 0x8d:
      case 0x8e:
      case 0x8f:
        stack[sp] = stack[sp - (op - 0x7f)]!;
        sp++;
        break;
      case 0x90:
      case 0x91:
      case 0x92:
      case 0x93:
      case 0x94:
      case 0x95:
      case 0x96:
      case 0x97:
      case 0x98:
      case 0x99:
      case 0x9a:
      case 0x9b:
      case 0x9c:
      case 0x9d:
      case 0x9e:
      case 0x9f: {
        const other = sp - 2 - (op - 0x90);
        const top = stack[sp - 1]!;
        stack[sp - 1] = stack[other]!;
        stack[other] = top;
        break;
      }
      case 0xa0:
      case 0xa1:
      case 0xa2:
      case 0xa3:
      case 0xa4:
      case 0xf0:
      case 0xf1:
      case 0xf2:
      case 0xf4:
      case 0xf5:
      case 0xfa:
      case 0xff: {
        frame.pc = pc;
        frame.sp = sp;
        const result =
          op <= 0xa4
            ? logOp(frame, evm, op - 0xa0)
            : op === 0xff
              ? selfDestructOp(frame, evm)
              : op === 0xf0 || op === 0xf5
                ? createOp(frame, evm, op === 0xf5)
                : callOp(frame, evm, op);
        sp = frame.sp;
        if (result !== 0) {
          exit = result;
          break loop;
        }
        break;
      }
      case 0xf3:
      case 0xfd: {
        const offset = stack[--sp]!;
        const size = stack[--sp]!;
        if (!frame.expand(offset, size)) {
          exit = EXIT_ERROR;
          break loop;
        }
        frame.output = frame.readMemory(offset, size);
        exit = op === 0xf3 ? EXIT_SUCCESS : EXIT_REVERT;
        break loop;
      }
      default:
        exit = frame.halt(`invalid opcode ${opcodeName(op)} at pc ${pc - 1}`);
        break loop;
    }
  }
  frame.pc = pc;
  frame.sp = sp;
  return exit;
}

const ADDRESS_MASK = (1n << 160n) - 1n;

/** CALLDATACOPY / CODECOPY / EXTCODECOPY / RETURNDATACOPY: source bytes past its end read as zero. */
function copyToMemory(
  frame: Frame,
  memOffset: bigint,
  dataOffset: bigint,
  size: bigint,
  source: Uint8Array,
): boolean {
  const copy = size < CODE_LIMIT ? copyCost(Number(size)) : Number.MAX_SAFE_INTEGER;
  if (!frame.expand(memOffset, size, copy)) return false;
  if (size === 0n) return true;
  const start = Number(memOffset);
  const length = Number(size);
  const from = dataOffset >= BigInt(source.length) ? source.length : Number(dataOffset);
  const available = Math.min(length, source.length - from);
  if (available > 0) frame.memory.set(source.subarray(from, from + available), start);
  frame.memory.fill(0, start + Math.max(0, available), start + length);
  return true;
}
