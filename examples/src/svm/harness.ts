import {
  addressFromNumber,
  InvalidArgumentError,
  type JournaledState,
  type LogicalResult,
  type PreparedWorkload,
  type Receipt,
  type Runtime,
  type WorkloadImplementation,
} from '@polyvm/core';
import {
  assemble,
  type SvmAccountMeta,
  SvmRuntime,
  walletAccount,
  writeAccount,
  writeElf,
} from '@polyvm/svm-lite';

/** Compute units per transaction: agave's default per-instruction budget. */
export const COMPUTE_UNITS = 200_000n;
export const ALICE = addressFromNumber(0xa11ce, 32);
export const BOB = addressFromNumber(0xb0b, 32);
export const PROGRAM_ID = addressFromNumber(0x5b9f, 32);

export function asSvm(runtime: Runtime): SvmRuntime {
  if (!(runtime instanceof SvmRuntime))
    throw new InvalidArgumentError(`expected the svm runtime, got ${runtime.name}`);
  return runtime;
}

/** An account at `key` owned by the workload program, created at genesis (not by a transaction). */
export interface GenesisAccount {
  key: Uint8Array;
  data: Uint8Array;
  writable: boolean;
  signer?: boolean;
}

export interface SvmWorkloadSpec {
  workload: string;
  /** sBPF assembly of the program; linked into a v0 ELF and deployed through the loader. */
  source: string;
  accounts?: () => GenesisAccount[];
  /** Extra metas that are not program-owned (e.g. a signing wallet). */
  signers?: SvmAccountMeta[];
  data?: Uint8Array;
  result: (receipt: Receipt, state: JournaledState) => LogicalResult;
}

/** A workload implementation that keeps its spec (the kernel scenario files are rendered from it). */
export type SvmWorkload = WorkloadImplementation & { readonly spec: SvmWorkloadSpec };

/** Deploys the assembled ELF, funds the fee payer, creates the genesis accounts, returns the bench shape. */
export function svmWorkload(spec: SvmWorkloadSpec): SvmWorkload {
  return {
    spec,
    runtime: 'svm',
    workload: spec.workload,
    source: 'sBPF assembly linked to a v0 ELF (R_BPF_64_32 syscalls)',
    prepare(state: JournaledState, generic: Runtime): PreparedWorkload {
      const runtime = asSvm(generic);
      const code = writeElf(assemble(spec.source));
      const deployed = runtime.deploy(state, { sender: ALICE, code, address: PROGRAM_ID, gasLimit: 0n });
      if (deployed.status !== 'success') throw deployed.error ?? new Error('deploy failed');
      writeAccount(state, ALICE, walletAccount(1_000_000_000n));
      const accounts = spec.accounts?.() ?? [];
      for (const a of accounts) {
        writeAccount(state, a.key, {
          lamports: 1_000_000n,
          owner: PROGRAM_ID,
          executable: false,
          rentEpoch: 0n,
          data: a.data,
        });
      }
      const metas: SvmAccountMeta[] = [
        ...accounts.map((a) => ({ pubkey: a.key, isSigner: a.signer ?? false, isWritable: a.writable })),
        ...(spec.signers ?? []),
      ];
      return {
        codeSize: code.length,
        deployGas: deployed.gasUsed,
        run: (options) =>
          runtime.execute(
            state,
            {
              sender: ALICE,
              to: PROGRAM_ID,
              input: spec.data ?? new Uint8Array(0),
              value: 0n,
              nonce: 0n,
              gasLimit: COMPUTE_UNITS,
              payload: { accounts: metas },
            },
            options,
          ),
        result: (receipt, after) => spec.result(receipt, after),
      };
    },
  };
}

/** The `index`-th little-endian u64 of a byte string, as a decimal string. */
export function u64At(bytes: Uint8Array, index = 0): string {
  if (bytes.length < (index + 1) * 8)
    throw new InvalidArgumentError(`expected at least ${(index + 1) * 8} bytes, got ${bytes.length}`);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.length).getBigUint64(index * 8, true).toString();
}

export function u64Bytes(value: bigint | number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value), true);
  return out;
}

/** Stores the u64 in `reg` at r10-8 and sets it (or `count` u64s ending there) as return data. */
export function returnU64s(first: number, ...rest: number[]): string {
  const regs = [first, ...rest];
  const stores = regs.map((r, i) => `  stxdw [r10-${8 * (regs.length - i)}], r${r}`).join('\n');
  return `${stores}
  mov64 r1, r10
  add64 r1, -${8 * regs.length}
  mov64 r2, ${8 * regs.length}
  syscall sol_set_return_data
  mov64 r0, 0
  exit`;
}
