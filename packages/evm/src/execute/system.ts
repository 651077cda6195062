import { keccak_256 } from '@noble/hashes/sha3.js';
import { encodeRlp } from '../commit/rlp.js';
import { forkAtLeast } from '../fork.js';
import { addressBytes } from '../host/world.js';
import { delegatedAddress } from '../tx/delegation.js';
import type { Evm } from './evm.js';
import { EXIT_ERROR, EXIT_SUCCESS, EXIT_SUSPEND, type Frame, type MessageKind, splitGas } from './frame.js';
import {
  allButOne64th,
  CALL_DEPTH_LIMIT,
  callGas,
  G_CALL_VALUE,
  G_COLD_ACCOUNT_ACCESS,
  G_CREATE2_WORD,
  G_INITCODE_WORD,
  G_NEW_ACCOUNT,
  G_SELFDESTRUCT_NEW_ACCOUNT,
  logCost,
  MAX_INITCODE_SIZE,
  memoryExpansionCost,
  words,
} from './gas-rules.js';
import { bytesToWord, wordToBytes } from './u256.js';

/**
 * The instructions that reach outside the frame: LOGn, CREATE/CREATE2, the CALL family and
 * SELFDESTRUCT, following execution-specs (Cancun) `instructions/system.py` and `log.py` step by
 * step, since their order of checks decides the gas. Each returns 0 to continue or an EXIT_* code.
 */

const ADDRESS_MASK = (1n << 160n) - 1n;
const MAX_NONCE = (1n << 64n) - 1n;
const CALL = 3;
const STORAGE = 2;
const MEMORY_LIMIT = 1n << 32n;

/** LOG0..LOG4 (Yellow Paper §9.4, G_log + G_logtopic·n + G_logdata·size). */
export function logOp(frame: Frame, evm: Evm, topicCount: number): number {
  const stack = frame.stack;
  const offset = stack[--frame.sp]!;
  const size = stack[--frame.sp]!;
  const topics: bigint[] = [];
  for (let i = 0; i < topicCount; i++) topics.push(stack[--frame.sp]!);
  const dataCost = size < MEMORY_LIMIT ? logCost(topicCount, Number(size)) : Number.MAX_SAFE_INTEGER;
  if (!frame.expand(offset, size, dataCost)) return EXIT_ERROR;
  if (frame.message.isStatic) return frame.halt('LOG in a static call');
  evm.substate.logs.push({ address: frame.message.target, topics, data: frame.readMemory(offset, size) });
  return 0;
}

/** CREATE address: keccak256(rlp([sender, nonce]))[12:] (Yellow Paper §7, eq. 88). */
export function createAddress(sender: bigint, nonce: bigint): bigint {
  return bytesToWord(keccak_256(encodeRlp([addressBytes(sender), nonce])).subarray(12));
}

/** CREATE2 address: keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initcode))[12:] (EIP-1014). */
export function create2Address(sender: bigint, salt: bigint, initcode: Uint8Array): bigint {
  const preimage = new Uint8Array(85);
  preimage[0] = 0xff;
  preimage.set(addressBytes(sender), 1);
  preimage.set(wordToBytes(salt), 21);
  preimage.set(keccak_256(initcode), 53);
  return bytesToWord(keccak_256(preimage).subarray(12));
}

/** CREATE / CREATE2 (execution-specs `create`, `create2`, `generic_create`). */
export function createOp(frame: Frame, evm: Evm, isCreate2: boolean): number {
  const stack = frame.stack;
  const value = stack[--frame.sp]!;
  const offset = stack[--frame.sp]!;
  const size = stack[--frame.sp]!;
  const salt = isCreate2 ? stack[--frame.sp]! : 0n;
  // EIP-3860: 2 gas per initcode word; EIP-1014: CREATE2 also pays for hashing it.
  const wordCost =
    size < MEMORY_LIMIT ? words(Number(size)) * (G_INITCODE_WORD + (isCreate2 ? G_CREATE2_WORD : 0)) : 0;
  if (!frame.expand(offset, size, wordCost)) return EXIT_ERROR;
  if (frame.message.isStatic) return frame.halt('CREATE in a static call');
  if (size > BigInt(MAX_INITCODE_SIZE)) {
    frame.outOfGas = true;
    return frame.halt(`initcode size ${size} exceeds ${MAX_INITCODE_SIZE} (EIP-3860)`);
  }
  const initcode = frame.readMemory(offset, size);
  const sender = frame.message.target;
  const senderAccount = evm.world.accountOrEmpty(sender);
  const target = isCreate2
    ? create2Address(sender, salt, initcode)
    : createAddress(sender, senderAccount.nonce);
  evm.accessAccount(target);
  const childGas = allButOne64th(frame.total());
  frame.take(childGas);
  frame.returnData = EMPTY;
  if (
    senderAccount.balance < value ||
    senderAccount.nonce === MAX_NONCE ||
    frame.message.depth + 1 > CALL_DEPTH_LIMIT
  ) {
    frame.giveBack(0, childGas);
    stack[frame.sp++] = 0n;
    return 0;
  }
  evm.world.incrementNonce(sender);
  if (evm.world.collides(target)) {
    // Address collision (EIP-684, EIP-7610): the gas given to the create is lost.
    stack[frame.sp++] = 0n;
    return 0;
  }
  frame.pending = {
    kind: isCreate2 ? 'CREATE2' : 'CREATE',
    caller: sender,
    target,
    codeAddress: target,
    value,
    transfer: true,
    input: initcode,
    ...splitGas(childGas),
    isStatic: false,
    depth: frame.message.depth + 1,
  };
  return EXIT_SUSPEND;
}

const EMPTY = new Uint8Array(0);

/** CALL 0xf1, CALLCODE 0xf2, DELEGATECALL 0xf4, STATICCALL 0xfa (execution-specs `call` & co.). */
export function callOp(frame: Frame, evm: Evm, op: number): number {
  const stack = frame.stack;
  const message = frame.message;
  const requested = stack[--frame.sp]!;
  const to = stack[--frame.sp]! & ADDRESS_MASK;
  const hasValueArg = op === 0xf1 || op === 0xf2;
  const value = hasValueArg ? stack[--frame.sp]! : 0n;
  const inOffset = stack[--frame.sp]!;
  const inSize = stack[--frame.sp]!;
  const outOffset = stack[--frame.sp]!;
  const outSize = stack[--frame.sp]!;

  const memoryCost = expansionCost(frame, inOffset, inSize, outOffset, outSize);
  if (memoryCost < 0) {
    frame.outOfGas = true;
    return frame.halt('out of gas: memory');
  }
  let extra = evm.accessAccount(to);
  // EIP-7702 (Prague): a delegation designator runs its target's code; its access is charged too.
  let codeAddress = to;
  let delegated = false;
  if (forkAtLeast(evm.block.fork, 'Prague')) {
    const target = delegatedAddress(evm.world.code(to));
    if (target !== undefined) {
      extra += evm.accessAccount(target);
      codeAddress = target;
      delegated = true;
    }
  }
  if (op === 0xf1 && value !== 0n && !evm.world.isAlive(to)) extra += G_NEW_ACCOUNT;
  if (hasValueArg && value !== 0n) extra += G_CALL_VALUE;
  const gas = callGas(requested, frame.total(), memoryCost, extra, hasValueArg && value !== 0n);
  // The forwarded gas and `extra` are charged together with the memory growth of both ranges.
  if (!frame.chargeExact(gas.cost, CALL)) return EXIT_ERROR;
  // Only `extra` is the call's own cost; the forwarded gas is accounted where the callee spends it.
  frame.dynamicGas[CALL]! -= Number(gas.cost) - extra;
  if (!frame.expand(inOffset, inSize) || !frame.expand(outOffset, outSize)) return EXIT_ERROR;
  if (op === 0xf1 && message.isStatic && value !== 0n) return frame.halt('CALL with value in a static call');
  frame.returnData = EMPTY;
  frame.returnOffset = outSize === 0n ? 0 : Number(outOffset);
  frame.returnSize = outSize === 0n ? 0 : Number(outSize);
  // A zero value never exceeds the balance: skip the account read (a self-CALL fan-out makes ~10^5).
  if (hasValueArg && value !== 0n && evm.world.balance(message.target) < value) {
    frame.giveBack(0, gas.forwarded);
    stack[frame.sp++] = 0n;
    return 0;
  }
  if (message.depth + 1 > CALL_DEPTH_LIMIT) {
    frame.giveBack(0, gas.forwarded);
    stack[frame.sp++] = 0n;
    return 0;
  }
  const kind = KINDS[op]!;
  frame.pending = {
    kind,
    caller: op === 0xf4 ? message.caller : message.target,
    target: op === 0xf1 || op === 0xfa ? to : message.target,
    codeAddress,
    value: op === 0xf4 ? message.value : value,
    transfer: op === 0xf1 || op === 0xf2,
    input: frame.readMemory(inOffset, inSize),
    ...splitGas(gas.forwarded),
    isStatic: message.isStatic || op === 0xfa,
    depth: message.depth + 1,
    delegated,
  };
  return EXIT_SUSPEND;
}

const KINDS: Record<number, MessageKind> = {
  241: 'CALL',
  242: 'CALLCODE',
  244: 'DELEGATECALL',
  250: 'STATICCALL',
};

/** Memory growth for two ranges at once, without expanding yet; -1 when it cannot be afforded at all. */
function expansionCost(frame: Frame, aOffset: bigint, aSize: bigint, bOffset: bigint, bSize: bigint): number {
  let end = 0n;
  if (aSize !== 0n) end = aOffset + aSize;
  if (bSize !== 0n && bOffset + bSize > end) end = bOffset + bSize;
  if (end > MEMORY_LIMIT) return -1;
  return memoryExpansionCost(frame.memoryWords, Math.ceil(Number(end) / 32));
}

/** SELFDESTRUCT per EIP-6780: the account is only deleted when created in the same transaction. */
export function selfDestructOp(frame: Frame, evm: Evm): number {
  const beneficiary = frame.stack[--frame.sp]! & ADDRESS_MASK;
  const self = frame.message.target;
  let cost = evm.substate.add('warmAddresses', beneficiary) ? G_COLD_ACCOUNT_ACCESS : 0;
  const balance = evm.world.balance(self);
  if (!evm.world.isAlive(beneficiary) && balance !== 0n) cost += G_SELFDESTRUCT_NEW_ACCOUNT;
  if (!frame.charge(cost, STORAGE)) return EXIT_ERROR;
  if (frame.message.isStatic) return frame.halt('SELFDESTRUCT in a static call');
  evm.world.transfer(self, beneficiary, balance);
  if (evm.substate.created.has(self)) {
    evm.world.setBalance(self, 0n);
    evm.substate.add('selfDestructs', self);
  }
  evm.substate.add('touched', beneficiary);
  return EXIT_SUCCESS;
}
