import type { Vm } from '../execute/interpreter.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { COSTS } from './costs.js';
import { slice, syscallError } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `ProcessedSiblingInstruction { data_len: u64, accounts_len: u64 }`. */
const META_SIZE = 16n;
/** Rust `AccountMeta { pubkey: [u8; 32], is_signer: bool, is_writable: bool }`: 34 bytes, align 1. */
const ACCOUNT_META_SIZE = 34;

/** agave `is_nonoverlapping`. */
function overlaps(a: bigint, aLen: bigint, b: bigint, bLen: bigint): boolean {
  return a > b ? a - b < bLen : b - a < aLen;
}

/**
 * `sol_get_processed_sibling_instruction(index, meta, program_id, data, accounts)` (agave
 * `SyscallGetProcessedSiblingInstruction`, with `stop_sibling_instruction_search_at_parent`):
 * walks the instruction trace backwards, counting the instructions at the caller's stack height
 * (the caller itself first) and stopping at its parent. When the `index`-th earlier sibling exists
 * and `meta` holds its exact data and account lengths, its program id, data and account metas are
 * copied out; the lengths are always written back, and r0 is 1. r0 is 0 when there is no such sibling.
 */
export function solGetProcessedSiblingInstruction(
  vm: Ctx,
  index: bigint,
  metaAddr: bigint,
  programIdAddr: bigint,
  dataAddr: bigint,
  accountsAddr: bigint,
): bigint {
  vm.consume(COSTS.syscall_base_cost, 'other');
  const context = vm.host;
  const height = context.stack.length;
  let seen = 0n;
  let found: (typeof context.trace)[number] | undefined;
  for (let i = context.trace.length - 1; i >= 0; i--) {
    const entry = context.trace[i]!;
    if (entry.stackHeight < height) break;
    if (entry.stackHeight !== height) continue;
    if (index + 1n === seen) {
      found = entry;
      break;
    }
    seen++;
  }
  if (!found) return 0n;

  const meta = slice(vm, metaAddr, META_SIZE, 'store', 8);
  const view = new DataView(meta.buffer, meta.byteOffset, 16);
  const dataLen = BigInt(found.data.length);
  const accountsLen = BigInt(found.accounts.length);
  if (view.getBigUint64(0, true) === dataLen && view.getBigUint64(8, true) === accountsLen) {
    const accountsSize = accountsLen * BigInt(ACCOUNT_META_SIZE);
    const programId = slice(vm, programIdAddr, 32n, 'store');
    const data = slice(vm, dataAddr, dataLen, 'store');
    const accounts = slice(vm, accountsAddr, accountsSize, 'store');
    const ranges: Array<[bigint, bigint]> = [
      [metaAddr, META_SIZE],
      [programIdAddr, 32n],
      [dataAddr, dataLen],
      [accountsAddr, accountsSize],
    ];
    for (const [i, [a, aLen]] of ranges.entries()) {
      for (const [b, bLen] of ranges.slice(i + 1)) {
        if (overlaps(a, aLen, b, bLen)) throw syscallError('CopyOverlapping');
      }
    }
    programId.set(found.programId);
    data.set(found.data);
    found.accounts.forEach((ref, position) => {
      const at = position * ACCOUNT_META_SIZE;
      accounts.set(context.accounts[ref.index]!.key, at);
      accounts[at + 32] = ref.isSigner ? 1 : 0;
      accounts[at + 33] = ref.isWritable ? 1 : 0;
    });
  }
  view.setBigUint64(0, dataLen, true);
  view.setBigUint64(8, accountsLen, true);
  return 1n;
}
