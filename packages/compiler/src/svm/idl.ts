/**
 * The build's interface description (Anchor-IDL-like JSON): per instruction its discriminator, Borsh
 * arguments and returns, and the accounts it needs; plus the custom error codes and what they mean.
 * In this slice every instruction needs exactly one account, the program-owned state account (the fee
 * payer signs but is not an instruction account), so the account list of a call is known up front.
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
  stateOffset,
  stateSize,
  typeName,
} from './layout.js';

export interface SvmIdl {
  readonly name: string;
  readonly instructions: readonly {
    readonly name: string;
    readonly discriminator: string;
    readonly args: readonly { readonly name: string; readonly type: string }[];
    readonly returns: readonly string[];
    readonly accounts: readonly {
      readonly name: 'state';
      readonly writable: boolean;
      readonly signer: false;
    }[];
  }[];
  readonly state: {
    readonly size: number;
    readonly fields: readonly { name: string; type: string; offset: number }[];
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
          signer: false as const,
        },
      ],
    }));
  const errors = [
    { code: ERR.emptyRevert, meaning: 'revert()' },
    { code: ERR.instructionMissing, meaning: 'instruction data shorter than a discriminator' },
    { code: ERR.fallbackNotFound, meaning: 'unknown discriminator' },
    { code: ERR.didNotDeserialize, meaning: 'arguments are not valid Borsh for this instruction' },
    { code: ERR.wrongAccounts, meaning: 'accounts must be exactly the program-owned state account' },
    { code: ERR.notInitialized, meaning: 'state account not initialized (run the constructor)' },
    { code: ERR.alreadyInitialized, meaning: 'constructor on an initialized state account' },
    ...[0x01, 0x11, 0x12].map((code) => ({
      code: PANIC_BASE + code,
      meaning: `Panic(0x${code.toString(16)})`,
    })),
    ...program.reasons.map((r, i) => ({ code: REASON_BASE + i, meaning: `Error(${JSON.stringify(r)})` })),
    ...program.customErrors.map((e, i) => ({ code: CUSTOM_BASE + i, meaning: e })),
  ];
  const fields = contract.storage.map((v) => ({
    name: v.name,
    type: typeName(v.type),
    offset: stateOffset(v.id),
  }));
  return { name: contract.name, instructions, state: { size: stateSize(contract), fields }, errors };
}
