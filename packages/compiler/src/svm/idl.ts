/**
 * The build's interface description (Anchor-IDL-like JSON): per instruction its discriminator, Borsh
 * arguments and returns, and the accounts it needs; the state account's layout; the custom error codes
 * and what they mean. Every instruction takes the same two accounts — the program-owned state account
 * (all storage, mappings included, lives in it: see layout.ts) and the signing authority (`msg.sender`)
 * — so a call's account list never depends on computed storage keys.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import type { IrContract } from '../ir/contract.js';
import type { SvmProgram } from './codegen.js';
import {
  CUSTOM_BASE,
  discriminator,
  ERR,
  PANIC_BASE,
  REASON_BASE,
  staticSlotOffset,
  typeName,
} from './layout.js';
import { BUCKET } from './runtime-lib.js';

export interface SvmIdlAccount {
  readonly name: 'state' | 'authority';
  readonly writable: boolean;
  readonly signer: boolean;
}

export interface SvmIdl {
  readonly name: string;
  readonly instructions: readonly {
    readonly name: string;
    readonly discriminator: string;
    readonly args: readonly { readonly name: string; readonly type: string }[];
    readonly returns: readonly string[];
    readonly accounts: readonly SvmIdlAccount[];
  }[];
  readonly state: {
    readonly size: number;
    /** Solidity's static slots: a variable's first slot at `offset` (8 + 32·slot + solc's byte offset). */
    readonly fields: readonly { name: string; type: string; offset: number }[];
    /** The hashed-slot table (mapping entries, array elements, long strings): offset, buckets, bucket bytes. */
    readonly table: {
      readonly offset: number;
      readonly capacity: number;
      readonly bucketSize: number;
    } | null;
  };
  readonly errors: readonly { readonly code: number; readonly meaning: string }[];
}

export function buildIdl(contract: IrContract, program: SvmProgram): SvmIdl {
  const instructions = contract.functions
    .filter((f) => (f.selector !== null || f.kind === 'constructor') && !program.unsupported.has(f.id))
    .map((f) => ({
      name: f.kind === 'constructor' ? 'constructor' : f.name,
      discriminator: bytesToHex(discriminator(f)),
      args: f.params.map((p) => ({ name: p.name, type: typeName(p.type) })),
      returns: f.returns.map((r) => typeName(r.type)),
      accounts: [
        {
          name: 'state' as const,
          writable: f.mutability !== 'view' && f.mutability !== 'pure',
          signer: false,
        },
        { name: 'authority' as const, writable: false, signer: true },
      ],
    }));
  const errors = [
    { code: ERR.emptyRevert, meaning: 'revert()' },
    { code: ERR.instructionMissing, meaning: 'instruction data shorter than a discriminator' },
    { code: ERR.fallbackNotFound, meaning: 'unknown discriminator' },
    { code: ERR.didNotDeserialize, meaning: 'arguments are not valid Borsh for this instruction' },
    {
      code: ERR.wrongAccounts,
      meaning: 'accounts must be the program-owned state account and one signing authority',
    },
    { code: ERR.notInitialized, meaning: 'state account not initialized (run the constructor)' },
    { code: ERR.alreadyInitialized, meaning: 'constructor on an initialized state account' },
    { code: ERR.stateFull, meaning: 'every bucket of the state account hash table is taken' },
    {
      code: ERR.addressTooWide,
      meaning: 'a pubkey above 2^160 written to an address sharing a storage slot (20 bytes there)',
    },
    { code: ERR.scratchOverflow, meaning: 'a hashed encoding longer than the 8 KiB heap scratch area' },
    ...[0x01, 0x11, 0x12, 0x32].map((code) => ({
      code: PANIC_BASE + code,
      meaning: `Panic(0x${code.toString(16)})`,
    })),
    ...program.reasons.map((r, i) => ({ code: REASON_BASE + i, meaning: `Error(${JSON.stringify(r)})` })),
    ...program.customErrors.map((e, i) => ({ code: CUSTOM_BASE + i, meaning: e })),
  ];
  const fields = contract.storage.map((v) => ({
    name: v.name,
    type: typeName(v.type),
    offset: staticSlotOffset(Number(v.slot)) + v.offset,
  }));
  const { layout } = program;
  const table =
    layout.capacity === 0
      ? null
      : { offset: layout.tableOffset, capacity: layout.capacity, bucketSize: BUCKET };
  return { name: contract.name, instructions, state: { size: layout.size, fields, table }, errors };
}
