import { equalBytes } from '@polyvm/core';
import type { Vm } from '../execute/interpreter.js';
import { InstructionError } from '../host/instruction-error.js';
import type { InvokeContext } from '../host/invoke-context.js';
import { createProgramAddress, type Pubkey, toBase58 } from '../host/pubkey.js';
import { AccountGuard, type InstructionAccount } from '../host/transaction-context.js';
import {
  COSTS,
  MAX_CPI_ACCOUNT_INFOS,
  MAX_CPI_INSTRUCTION_ACCOUNTS,
  MAX_CPI_INSTRUCTION_DATA_LEN,
  MAX_PERMITTED_DATA_INCREASE,
  MAX_SEEDS,
} from './costs.js';
import { readU64, SliceTable, slice, syscallError, writeU64 } from './translate.js';

type Ctx = Vm<InvokeContext>;

/** `MAX_SIGNERS`: PDA signers one CPI may claim. */
const MAX_SIGNERS = 16;

interface CalleeMeta {
  pubkey: Pubkey;
  isSigner: boolean;
  isWritable: boolean;
}

interface CalleeInstruction {
  programId: Pubkey;
  metas: CalleeMeta[];
  data: Uint8Array;
}

/** Where an account's fields live in the caller's memory, read through its AccountInfo. */
interface CallerAccount {
  key: Pubkey;
  lamportsAddr: bigint;
  ownerAddr: bigint;
  dataAddr: bigint;
  dataLength: bigint;
  /** The length field the program sees (Rust `RefCell<&mut [u8]>` len, C `data_len`). */
  lengthAddr: bigint;
}

/** The two ABIs: how the instruction and account infos are laid out in guest memory. */
interface CpiAbi {
  instruction(vm: Ctx, addr: bigint): CalleeInstruction;
  accountInfos(vm: Ctx, addr: bigint, count: number): CallerAccount[];
}

const bool = (b: number | undefined): boolean => b !== 0 && b !== undefined;
const u64 = (bytes: Uint8Array, at: number): bigint =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getBigUint64(at, true);

/**
 * Rust ABI (`solana_stable_layout`): StableInstruction = { accounts: StableVec<AccountMeta>,
 * data: StableVec<u8>, program_id } with StableVec = { ptr, cap, len }; AccountMeta = pubkey[32],
 * is_signer u8, is_writable u8; AccountInfo = { key*, lamports: Rc<RefCell<&mut u64>>,
 * data: Rc<RefCell<&mut [u8]>>, owner*, rent_epoch, is_signer, is_writable, executable }. The
 * RefCell's value sits 24 bytes into its Rc allocation (after strong, weak and borrow counts).
 */
const RUST_ABI: CpiAbi = {
  instruction(vm, addr) {
    const raw = slice(vm, addr, 80n, 'load', 8);
    const metaCount = u64(raw, 16);
    if (metaCount > BigInt(MAX_CPI_INSTRUCTION_ACCOUNTS))
      throw syscallError('MaxInstructionAccountsExceeded');
    const metaBytes = slice(vm, u64(raw, 0), metaCount * 34n);
    const metas: CalleeMeta[] = [];
    for (let i = 0; i < Number(metaCount); i++) {
      const at = i * 34;
      metas.push({
        pubkey: metaBytes.slice(at, at + 32),
        isSigner: bool(metaBytes[at + 32]),
        isWritable: bool(metaBytes[at + 33]),
      });
    }
    return { programId: raw.slice(48, 80), metas, data: dataOf(vm, u64(raw, 24), u64(raw, 40)) };
  },
  accountInfos(vm, addr, count) {
    const raw = slice(vm, addr, BigInt(count * 48), 'load', 8);
    const out: CallerAccount[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * 48;
      const lamportsCell = u64(raw, at + 8);
      const dataCell = u64(raw, at + 16);
      out.push({
        key: slice(vm, u64(raw, at), 32n).slice(),
        lamportsAddr: readU64(vm, lamportsCell + 24n),
        ownerAddr: u64(raw, at + 24),
        dataAddr: readU64(vm, dataCell + 24n),
        dataLength: readU64(vm, dataCell + 32n),
        lengthAddr: dataCell + 32n,
      });
    }
    return out;
  },
};

/**
 * C ABI (`solana_program` C headers): SolInstruction = { program_id*, accounts*, account_len,
 * data*, data_len }; SolAccountMeta = { pubkey*, is_writable, is_signer }; SolAccountInfo =
 * { key*, lamports*, data_len, data*, owner*, rent_epoch, is_signer, is_writable, executable }.
 */
const C_ABI: CpiAbi = {
  instruction(vm, addr) {
    const raw = slice(vm, addr, 40n, 'load', 8);
    const metaCount = u64(raw, 16);
    if (metaCount > BigInt(MAX_CPI_INSTRUCTION_ACCOUNTS))
      throw syscallError('MaxInstructionAccountsExceeded');
    const metaBytes = slice(vm, u64(raw, 8), metaCount * 16n, 'load', 8);
    const metas: CalleeMeta[] = [];
    for (let i = 0; i < Number(metaCount); i++) {
      const at = i * 16;
      metas.push({
        pubkey: slice(vm, u64(metaBytes, at), 32n).slice(),
        isWritable: bool(metaBytes[at + 8]),
        isSigner: bool(metaBytes[at + 9]),
      });
    }
    return {
      programId: slice(vm, u64(raw, 0), 32n).slice(),
      metas,
      data: dataOf(vm, u64(raw, 24), u64(raw, 32)),
    };
  },
  accountInfos(vm, addr, count) {
    const raw = slice(vm, addr, BigInt(count * 56), 'load', 8);
    const out: CallerAccount[] = [];
    for (let i = 0; i < count; i++) {
      const at = i * 56;
      out.push({
        key: slice(vm, u64(raw, at), 32n).slice(),
        lamportsAddr: u64(raw, at + 8),
        ownerAddr: u64(raw, at + 32),
        dataAddr: u64(raw, at + 24),
        dataLength: u64(raw, at + 16),
        lengthAddr: addr + BigInt(at + 16),
      });
    }
    return out;
  },
};

function dataOf(vm: Ctx, addr: bigint, len: bigint): Uint8Array {
  if (len > BigInt(MAX_CPI_INSTRUCTION_DATA_LEN)) throw syscallError('MaxInstructionDataLenExceeded');
  return slice(vm, addr, len).slice();
}

/**
 * PDAs the caller signs for (agave `translate_signers`): each seed set hashed with the caller's
 * program id. Seeds are translated as views of guest memory, never copied; a seed longer than 32
 * bytes is refused by the derivation before anything is hashed.
 */
function signersOf(vm: Ctx, addr: bigint, count: bigint, callerId: Pubkey): Pubkey[] {
  const signers = new SliceTable().locate(vm, addr, count);
  if (signers.count > MAX_SIGNERS) throw syscallError('TooManySigners');
  const out: Pubkey[] = [];
  for (let i = 0; i < signers.count; i++) {
    const seedTable = new SliceTable().locate(vm, signers.pointer(i), signers.length(i));
    if (seedTable.count > MAX_SEEDS) throw syscallError('MaxSeedLengthExceeded');
    const seeds: Uint8Array[] = [];
    for (let j = 0; j < seedTable.count; j++) seeds.push(seedTable.bytes(j));
    let address: Pubkey | undefined;
    try {
      address = createProgramAddress(seeds, callerId);
    } catch {
      address = undefined;
    }
    if (!address) throw syscallError('BadSeeds', 'BadSeeds(InvalidSeeds)');
    out.push(address);
  }
  return out;
}

/**
 * agave `cpi_common`: charge, translate, check privileges (no account may become writable or a
 * signer unless the caller has that privilege or signs for the PDA), push the caller's view of
 * each account into the transaction, run the callee, and copy writable results back into the
 * caller's memory.
 */
function invoke(abi: CpiAbi) {
  return (
    vm: Ctx,
    instructionAddr: bigint,
    infosAddr: bigint,
    infosLen: bigint,
    seedsAddr: bigint,
    seedsLen: bigint,
  ): bigint => {
    const host = vm.host;
    vm.consume(COSTS.invoke_units, 'call');
    const instruction = abi.instruction(vm, instructionAddr);
    const metaBytes = instruction.metas.length * COSTS.cpi_account_meta_bytes;
    vm.consume(
      Math.floor(instruction.data.length / COSTS.cpi_bytes_per_unit) +
        Math.floor(metaBytes / COSTS.cpi_bytes_per_unit),
      'call',
    );
    const caller = host.frame;
    const signers = signersOf(vm, seedsAddr, seedsLen, caller.programId);

    const calleeAccounts: InstructionAccount[] = [];
    const merged = new Map<number, InstructionAccount>();
    for (const meta of instruction.metas) {
      const index = host.indexOf(meta.pubkey);
      const callerRef = caller.accounts.find((ref) => ref.index === index);
      if (index < 0 || !callerRef) throw new InstructionError('MissingAccount');
      const entry = merged.get(index) ?? { index, isSigner: false, isWritable: false };
      entry.isSigner ||= meta.isSigner;
      entry.isWritable ||= meta.isWritable;
      merged.set(index, entry);
      calleeAccounts.push(entry);
    }
    for (const [index, entry] of merged) {
      const callerRef = caller.accounts.find((ref) => ref.index === index)!;
      const key = host.accounts[index]!.key;
      // agave logs the offending account before failing (`ic_msg!` in prepare_next_instruction).
      if (entry.isWritable && !callerRef.isWritable) {
        host.logs.push(`${toBase58(key)}'s writable privilege escalated`);
        throw new InstructionError('PrivilegeEscalation', 'writable privilege escalated');
      }
      if (entry.isSigner && !callerRef.isSigner && !signers.some((s) => equalBytes(s, key))) {
        host.logs.push(`${toBase58(key)}'s signer privilege escalated`);
        throw new InstructionError('PrivilegeEscalation', 'signer privilege escalated');
      }
    }
    const programIndex = host.indexOf(instruction.programId);
    if (!host.isBuiltin(instruction.programId)) {
      if (programIndex < 0 || !caller.accounts.some((ref) => ref.index === programIndex))
        throw new InstructionError('MissingAccount');
      if (!host.accounts[programIndex]!.account.executable)
        throw new InstructionError('AccountNotExecutable');
    }

    if (infosLen > BigInt(MAX_CPI_ACCOUNT_INFOS)) throw syscallError('MaxAccountInfosExceeded');
    const infos = abi.accountInfos(vm, infosAddr, Number(infosLen));
    vm.consume(Math.floor((infos.length * COSTS.cpi_account_info_bytes) / COSTS.cpi_bytes_per_unit), 'call');
    const writeBack: Array<{ index: number; info: CallerAccount; originalLength: number }> = [];
    for (const [index, entry] of merged) {
      const target = host.accounts[index]!;
      if (target.account.executable) {
        vm.consume(Math.floor(target.account.data.length / COSTS.cpi_bytes_per_unit), 'call');
        continue;
      }
      const info = infos.find((i) => equalBytes(i.key, target.key));
      if (!info) throw new InstructionError('MissingAccount');
      vm.consume(Number(info.dataLength / BigInt(COSTS.cpi_bytes_per_unit)), 'call');
      const callerRef = caller.accounts.find((ref) => ref.index === index)!;
      const guard = new AccountGuard(target, caller.programId, callerRef.isWritable);
      guard.setLamports(readU64(vm, info.lamportsAddr));
      guard.setData(slice(vm, info.dataAddr, info.dataLength).slice());
      guard.setOwner(slice(vm, info.ownerAddr, 32n).slice());
      if (entry.isWritable) {
        const position = caller.accounts.findIndex((ref) => ref.index === index);
        writeBack.push({
          index,
          info,
          originalLength: caller.layout?.[position]?.originalDataLength ?? target.account.data.length,
        });
      }
    }

    host.remaining = vm.remaining;
    try {
      host.processInstruction(instruction.programId, calleeAccounts, instruction.data);
    } finally {
      vm.remaining = host.remaining;
    }

    for (const { index, info, originalLength } of writeBack) {
      const account = host.accounts[index]!.account;
      writeU64(vm, info.lamportsAddr, account.lamports);
      slice(vm, info.ownerAddr, 32n, 'store').set(account.owner);
      const newLength = account.data.length;
      if (BigInt(newLength) !== info.dataLength) {
        if (newLength > originalLength + MAX_PERMITTED_DATA_INCREASE)
          throw new InstructionError('InvalidRealloc');
        if (BigInt(newLength) < info.dataLength)
          slice(vm, info.dataAddr + BigInt(newLength), info.dataLength - BigInt(newLength), 'store').fill(0);
        writeU64(vm, info.lengthAddr, BigInt(newLength));
        writeU64(vm, info.dataAddr - 8n, BigInt(newLength));
      }
      slice(vm, info.dataAddr, BigInt(newLength), 'store').set(account.data);
    }
    return 0n;
  };
}

export const solInvokeSignedRust = invoke(RUST_ABI);
export const solInvokeSignedC = invoke(C_ABI);
